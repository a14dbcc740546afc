/*
 * libFuzzer target: the non-rebasing models driven by arbitrary
 * operation sequences. The input is read as a little program: the first
 * byte picks the ERC-4626 decimals offset, then each step is an opcode
 * byte, an actor byte or two and an amount (a length byte, then that many
 * big-endian bytes, so widths from 0 to 256 bits all occur).
 *
 * After every step, whatever it returned:
 *  - each ledger passes its own invariant check;
 *  - a refused operation left the totals exactly as they were;
 *  - a vault operation that succeeded moved exactly what its preview,
 *    computed on the state before, announced;
 *  - assets deposited and redeemed at once never come back larger.
 * Nothing may crash, leak or trip a sanitizer. Build and run with
 * `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stake.h>

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static stake_u256 next_amount(struct fuzz_input *in)
{
    uint8_t word[32] = { 0 };
    size_t n = fuzz_byte(in) % 33;
    for (size_t i = 32 - n; i < 32; i++)
        word[i] = fuzz_byte(in);
    stake_u256 v;
    if (stake_u256_from_be32(&v, word) != STAKE_OK)
        abort();
    return v;
}

/* Four actors and the zero address, so that refusals of zero occur. */
static stake_address actor(uint8_t b)
{
    return fuzz_address(b, 5);
}

static int same_vault_state(const stake_erc4626_state *a, const stake_erc4626_state *b)
{
    return a->decimals_offset == b->decimals_offset &&
           stake_u256_cmp(&a->total_assets, &b->total_assets) == 0 &&
           stake_u256_cmp(&a->total_supply, &b->total_supply) == 0;
}

static void vault_step(stake_erc4626_vault *v, struct fuzz_input *in, uint8_t op)
{
    stake_address caller = actor(fuzz_byte(in)), other = actor(fuzz_byte(in));
    stake_u256 x = next_amount(in), out, preview;
    stake_erc4626_state before, after;
    if (stake_erc4626_vault_state(&before, v) != STAKE_OK)
        abort();
    stake_rc rc, prc = STAKE_OK;
    switch (op % 8) {
    case 0:
        prc = stake_erc4626_preview_deposit(&preview, &before, &x);
        rc = stake_erc4626_vault_deposit(&out, v, &caller, &other, &x);
        break;
    case 1:
        prc = stake_erc4626_preview_mint(&preview, &before, &x);
        rc = stake_erc4626_vault_mint(&out, v, &caller, &other, &x);
        break;
    case 2:
        prc = stake_erc4626_preview_withdraw(&preview, &before, &x);
        rc = stake_erc4626_vault_withdraw(&out, v, &caller, &caller, &other, &x);
        break;
    case 3:
        prc = stake_erc4626_preview_redeem(&preview, &before, &x);
        rc = stake_erc4626_vault_redeem(&out, v, &caller, &caller, &other, &x);
        break;
    case 4: rc = stake_erc4626_vault_transfer(v, &caller, &other, &x); break;
    case 5: rc = stake_erc4626_vault_approve(v, &caller, &other, &x); break;
    case 6: rc = stake_erc4626_vault_gain(v, &x); break;
    default: rc = stake_erc4626_vault_loss(v, &x); break;
    }
    if (stake_erc4626_vault_state(&after, v) != STAKE_OK)
        abort();
    if (rc != STAKE_OK && !same_vault_state(&before, &after))
        abort();
    if (rc == STAKE_OK && op % 8 < 4 && (prc != STAKE_OK || stake_u256_cmp(&out, &preview)))
        abort();
    if (stake_ledger_check(stake_erc4626_vault_ledger(v)) != STAKE_OK)
        abort();
    stake_u256 supply;
    if (stake_ledger_total(&supply, stake_erc4626_vault_ledger(v)) != STAKE_OK ||
        stake_u256_cmp(&supply, &after.total_supply))
        abort();
    /* a deposit redeemed at once pays back at most what went in */
    if (rc == STAKE_OK && op % 8 == 0) {
        stake_u256 back;
        if (stake_erc4626_preview_redeem(&back, &after, &out) == STAKE_OK &&
            stake_u256_cmp(&back, &x) > 0)
            abort();
    }
}

static void reth_step(stake_reth *r, struct fuzz_input *in, uint8_t op)
{
    stake_address a = actor(fuzz_byte(in)), b = actor(fuzz_byte(in));
    stake_u256 x = next_amount(in), y, z, out;
    stake_reth_totals before, after;
    stake_u256 coll_before, coll_after;
    if (stake_reth_totals_of(&before, r) != STAKE_OK ||
        stake_reth_total_collateral(&coll_before, r) != STAKE_OK)
        abort();
    stake_rc rc;
    switch (op % 5) {
    case 0: rc = stake_reth_deposit(&out, r, &a, &x); break;
    case 1: rc = stake_reth_burn(&out, r, &a, &x); break;
    case 2: rc = stake_reth_transfer(r, &a, &b, &x); break;
    case 3:
        y = next_amount(in);
        rc = stake_reth_set_collateral(r, &x, &y);
        break;
    default:
        y = next_amount(in);
        z = next_amount(in);
        if (op & 8)     /* executeUpdateBalances, or the deciding vote */
            rc = stake_reth_execute_update_balances(r, (uint64_t)fuzz_byte(in) * 86400,
                                                    &x, &y, &z);
        else
            rc = stake_reth_submit_balances(r, (uint64_t)fuzz_byte(in) * 86400, &x, &y, &z);
        break;
    }
    if (stake_reth_totals_of(&after, r) != STAKE_OK ||
        stake_reth_total_collateral(&coll_after, r) != STAKE_OK)
        abort();
    if (rc != STAKE_OK &&
        (stake_u256_cmp(&before.total_eth, &after.total_eth) ||
         stake_u256_cmp(&before.reth_supply, &after.reth_supply) ||
         stake_u256_cmp(&coll_before, &coll_after)))
        abort();
    /* a burn pays the reported value of what it burns, from collateral */
    if (rc == STAKE_OK && op % 5 == 1) {
        stake_u256 value, spent;
        if (stake_reth_eth_value(&value, &before, &x) != STAKE_OK ||
            stake_u256_cmp(&value, &out) ||
            stake_u256_sub(&spent, &coll_before, &coll_after) != STAKE_OK ||
            stake_u256_cmp(&spent, &out))
            abort();
    }
    if (stake_ledger_check(stake_reth_ledger(r)) != STAKE_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = { data, size };
    stake_erc4626_vault *v = NULL;
    stake_reth *r = NULL;
    stake_reth_params params;
    /* offsets 0..79: the useful ones and a couple past the 10^d limit */
    if (stake_erc4626_vault_new(&v, fuzz_byte(&in) % 80, 0) != STAKE_OK ||
        stake_reth_params_init(&params, STAKE_RETH_PARAMS_VERSION) != STAKE_OK ||
        stake_reth_new(&r, &params) != STAKE_OK)
        abort();
    for (unsigned steps = 0; in.left > 0 && steps < 256; steps++) {
        uint8_t op = fuzz_byte(&in);
        if (op & 0x80)
            reth_step(r, &in, op);
        else
            vault_step(v, &in, op);
    }
    stake_erc4626_vault_free(v);
    stake_reth_free(r);
    return 0;
}
