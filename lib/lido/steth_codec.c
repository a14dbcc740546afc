/*
 * The stETH model's encoding inside a snapshot (see lib/snapshot/codec.h):
 * protocol, addresses, pool, external shares, stopped flag, the share
 * ledger and the wstETH ledger, then (format version 2 on) the block and
 * the stake limit.
 */
#include <stdlib.h>

#include "stake/lido.h"
#include "lido_internal.h"
#include "../snapshot/codec.h"

stake_rc stake__steth_encode(const stake_steth *t, stake__writer *w)
{
    stake__put_u8(w, (uint8_t)t->protocol);
    stake__put_address(w, &t->self);
    stake__put_address(w, &t->wsteth);
    stake__put_address(w, &t->burner);
    stake__put_u256(w, &t->burn_requested);
    stake__put_u32(w, t->max_external_ratio_bp);
    stake__put_u256(w, &t->pool.buffered_ether);
    stake__put_u256(w, &t->pool.cl_balance);
    stake__put_u256(w, &t->pool.cl_validators);
    stake__put_u256(w, &t->pool.deposited_validators);
    stake__put_u256(w, &t->external_shares);
    stake__put_u8(w, (uint8_t)(t->stopped != 0));
    if (w->status != STAKE_OK)
        return w->status;
    stake_rc rc = stake__ledger_encode(t->shares, w);
    if (rc == STAKE_OK)
        rc = stake__ledger_encode(t->wrapped, w);
    if (rc != STAKE_OK)
        return rc;
    stake__put_u32(w, t->block);
    stake__put_u32(w, t->stake_limit.prev_block);
    stake__put_u256(w, &t->stake_limit.prev_limit);
    stake__put_u32(w, t->stake_limit.growth_blocks);
    stake__put_u256(w, &t->stake_limit.max_limit);
    return w->status;
}

/* The block and stake limit; a version 1 image has none: block 1,
 * staking paused exactly when stopped (as stop() does), no limit. */
static void decode_stake_limit(stake_steth *t, stake__reader *r)
{
    if (r->version < 2) {
        t->block = 1;
        t->stake_limit.prev_block = t->stopped ? 0 : 1;
        return;
    }
    t->block = stake__get_u32(r);
    t->stake_limit.prev_block = stake__get_u32(r);
    stake__get_u256(r, &t->stake_limit.prev_limit);
    t->stake_limit.growth_blocks = stake__get_u32(r);
    stake__get_u256(r, &t->stake_limit.max_limit);
}

stake_rc stake__steth_decode(stake_steth **out, stake__reader *r)
{
    stake_steth *t = calloc(1, sizeof *t);
    if (!t)
        return STAKE_ENOMEM;
    uint8_t protocol = stake__get_u8(r);
    t->protocol = (stake_lido_version)protocol;
    stake__get_address(r, &t->self);
    stake__get_address(r, &t->wsteth);
    stake__get_address(r, &t->burner);
    stake__get_u256(r, &t->burn_requested);
    t->max_external_ratio_bp = stake__get_u32(r);
    stake__get_u256(r, &t->pool.buffered_ether);
    stake__get_u256(r, &t->pool.cl_balance);
    stake__get_u256(r, &t->pool.cl_validators);
    stake__get_u256(r, &t->pool.deposited_validators);
    stake__get_u256(r, &t->external_shares);
    uint8_t stopped = stake__get_u8(r);
    t->stopped = stopped;

    stake_rc rc = r->status;
    if (rc == STAKE_OK)
        rc = stake__ledger_decode(&t->shares, r);
    if (rc == STAKE_OK)
        rc = stake__ledger_decode(&t->wrapped, r);
    if (rc == STAKE_OK) {
        decode_stake_limit(t, r);
        rc = r->status;
    }

    /* Everything a correct encoder cannot have produced is corruption. */
    if (rc == STAKE_OK) {
        stake_u256 ie, total;
        stake_lido_totals tot;
        if ((protocol != STAKE_LIDO_V2 && protocol != STAKE_LIDO_V3) || stopped > 1 ||
            t->max_external_ratio_bp > 10000 ||
            stake__steth_internal_ether(&ie, &t->pool) != STAKE_OK ||
            stake_ledger_total(&total, t->shares) != STAKE_OK ||
            (protocol == STAKE_LIDO_V3 && !stake__lido_fits_uint128(&total)) ||
            stake_u256_cmp(&t->external_shares, &total) > 0 ||
            (protocol == STAKE_LIDO_V2 && !stake__u256_is_zero(&t->external_shares)) ||
            stake__steth_totals(&tot, t) != STAKE_OK || t->block == 0 ||
            stake__stake_limit_check(&t->stake_limit, t->block) != STAKE_OK)
            rc = STAKE_ECORRUPT;
        /* The Burner may hold fewer shares than were requested to burn:
         * a transferSharesFrom worth 0 wei can take them out on chain. */
    }
    if (rc != STAKE_OK) {
        stake_ledger_free(t->shares);
        stake_ledger_free(t->wrapped);
        free(t);
        return rc == STAKE_ENOMEM ? rc : STAKE_ECORRUPT;
    }
    *out = t;
    return STAKE_OK;
}
