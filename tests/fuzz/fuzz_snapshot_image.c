/*
 * libFuzzer target: the model decoders behind the snapshot checksums.
 *
 * fuzz_snapshot feeds whole files, which almost never get past the
 * CRC-32s. Here the harness writes the framing itself, with correct
 * checksums, around an image that is either the input's bytes or the
 * image of a real, populated model (ledger, stETH, ERC-4626 vault, rETH,
 * withdrawal queue) with the input's byte edits applied. So the decoders
 * meet what a hostile or buggy writer could produce: a checksummed file
 * whose content lies.
 *
 * Whatever the image, loading either refuses with a named error, or
 * yields an object that passes its own invariant check, answers its
 * views, and saves and loads again to an object that does too. Nothing
 * may crash, leak or trip a sanitizer. Build and run with `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stake.h>

#include "fuzz_input.h"

#include "../../lib/snapshot/crc32.h"
#include "../../lib/snapshot/snapshot_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* account n (1..255) */
static stake_address addr(uint8_t n)
{
    return fuzz_address(n, 256);
}

static void must(stake_rc rc)
{
    if (rc != STAKE_OK)
        abort();
}

/* n ether in wei (n * 1e18 does not fit 64 bits from n = 19 on) */
static stake_u256 ETHER(uint64_t n)
{
    stake_u256 a = STAKE_U256_C(n), wei = STAKE_U256_C(1000000000000000000ULL), out;
    must(stake_u256_mul(&out, &a, &wei));
    return out;
}

/* ---- templates: small models with a bit of everything ------------------ */

static void put_ledger(stake_snapshot *s)
{
    stake_ledger *l;
    must(stake_ledger_new(&l, 0));
    for (uint8_t i = 1; i <= 5; i++) {
        stake_address a = addr(i), b = addr((uint8_t)(i + 1));
        stake_u256 v = ETHER(i), half = STAKE_U256_C(500);
        must(stake_ledger_mint(l, &a, &v));
        must(stake_ledger_move(l, &a, &b, &half));
        must(stake_ledger_approve(l, &a, &b, &v));
    }
    must(stake_snapshot_put_ledger(s, "t", l));
    stake_ledger_free(l);
}

static void put_steth(stake_snapshot *s)
{
    stake_steth_params p;
    stake_steth *t;
    must(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION));
    p.protocol = STAKE_LIDO_V3;
    must(stake_steth_new(&t, &p));
    stake_u256 shares, moved, wst;
    for (uint8_t i = 1; i <= 4; i++) {
        stake_address a = addr(i), b = addr((uint8_t)(i + 1));
        stake_u256 v = ETHER(10 * i), part = ETHER(1);
        must(stake_steth_submit(&shares, t, &a, &v));
        must(stake_steth_transfer(&moved, t, &a, &b, &part));
        must(stake_steth_approve(t, &a, &b, &part));
    }
    stake_address a = addr(1), hub = addr(99);
    stake_u256 w = ETHER(2), ext = ETHER(3);
    must(stake_steth_approve(t, &a, &p.wsteth, &w));
    must(stake_wsteth_wrap(&wst, t, &a, &w));
    must(stake_wsteth_approve(t, &a, &hub, &wst));   /* a wstETH allowance too */
    must(stake_steth_mint_external_shares(t, &hub, &ext));
    must(stake_steth_request_burn_shares(t, &hub, &(stake_u256)STAKE_U256_C(1000)));
    /* A stake limit in use, so that its fields are not all zero. */
    must(stake_steth_set_block(t, 77));
    stake_u256 max_limit = ETHER(1000), per_block = ETHER(1);
    must(stake_steth_set_staking_limit(t, &max_limit, &per_block));
    must(stake_steth_submit(&shares, t, &hub, &(stake_u256)STAKE_U256_C(999)));
    must(stake_snapshot_put_steth(s, "t", t));
    stake_steth_free(t);
}

static void put_erc4626(stake_snapshot *s)
{
    stake_erc4626_vault *v;
    must(stake_erc4626_vault_new(&v, 3, 0));
    stake_u256 out;
    for (uint8_t i = 1; i <= 4; i++) {
        stake_address a = addr(i), b = addr((uint8_t)(i + 1));
        stake_u256 x = ETHER(i), one = STAKE_U256_C(1000);
        must(stake_erc4626_vault_deposit(&out, v, &a, &a, &x));
        must(stake_erc4626_vault_transfer(v, &a, &b, &one));
        must(stake_erc4626_vault_approve(v, &a, &b, &one));
    }
    stake_u256 gain = STAKE_U256_C(12345);
    must(stake_erc4626_vault_gain(v, &gain));
    must(stake_snapshot_put_erc4626(s, "t", v));
    stake_erc4626_vault_free(v);
}

static void put_reth(stake_snapshot *s)
{
    stake_reth_params p;
    stake_reth *r;
    must(stake_reth_params_init(&p, STAKE_RETH_PARAMS_VERSION));
    must(stake_reth_new(&r, &p));
    stake_u256 out, total = ETHER(100), staking = ETHER(90), supply = ETHER(99);
    must(stake_reth_submit_balances(r, 86400, &total, &staking, &supply));
    for (uint8_t i = 1; i <= 3; i++) {
        stake_address a = addr(i), b = addr((uint8_t)(i + 1));
        stake_u256 x = ETHER(i), part = STAKE_U256_C(777);
        must(stake_reth_deposit(&out, r, &a, &x));
        must(stake_reth_transfer(r, &a, &b, &part));
    }
    must(stake_snapshot_put_reth(s, "t", r));
    stake_reth_free(r);
}

static void put_queue(stake_snapshot *s)
{
    stake_queue_params p;
    stake_queue *q;
    must(stake_queue_params_init(&p, STAKE_QUEUE_PARAMS_VERSION));
    must(stake_queue_new(&q, &p));
    uint64_t id, ts = 1700000000;
    for (uint8_t i = 1; i <= 6; i++) {
        stake_address a = addr(i);
        stake_u256 amount = ETHER(i), shares = ETHER(i);
        if (i > 3)   /* after a loss: fewer ether per share */
            must(stake_u256_sub(&amount, &amount, &(stake_u256)STAKE_U256_C(1000000000)));
        must(stake_queue_enqueue(&id, q, &a, &amount, &shares, ts += 60));
        if (i == 3)
            must(stake_queue_on_oracle_report(q, 1, ts - 30, ts, ts + 12));
    }
    stake_u256 rate, eth, burn;
    must(stake_u256_from_dec(&rate, "999999999000000000000000000", NULL));
    uint64_t batches[1] = { 4 };
    must(stake_queue_prefinalize(&eth, &burn, q, batches, 1, &rate));
    must(stake_queue_finalize(q, 4, &eth, &rate));
    stake_address owner = addr(2);
    must(stake_queue_claim_unhinted(&eth, q, 2, &owner));
    stake_address fifth = addr(5), to = addr(9);
    must(stake_queue_transfer(q, &fifth, &to, 5));
    must(stake_snapshot_put_queue(s, "t", q));
    stake_queue_free(q);
}

/* The image of a template of each kind, built once. */
static struct {
    uint8_t *image;
    size_t len;
} templates[5];

static void build_templates(void)
{
    static void (*const put[5])(stake_snapshot *) = { put_ledger, put_steth, put_erc4626,
                                                      put_reth, put_queue };
    for (int k = 0; k < 5; k++) {
        stake_snapshot *s;
        must(stake_snapshot_new(&s));
        put[k](s);
        if (s->count != 1)
            abort();
        templates[k].len = s->entries[0]->len;
        templates[k].image = malloc(templates[k].len ? templates[k].len : 1);
        if (!templates[k].image)
            abort();
        memcpy(templates[k].image, s->entries[0]->image, templates[k].len);
        stake_snapshot_free(s);
    }
}

/* ---- a one-entry file around the image, checksums right ----------------- */

static stake_rc frame(stake__writer *w, uint8_t kind, const uint8_t *image, size_t len)
{
    static const uint8_t magic[8] = { 0x89, 'S', 'T', 'K', 0x0d, 0x0a, 0x1a, 0x0a };
    stake__writer_init(w);
    stake__put_bytes(w, magic, sizeof magic);
    stake__put_u32(w, STAKE__SNAPSHOT_FORMAT);
    stake__put_u32(w, 1);             /* one entry */
    stake__put_u64(w, 24 + 1 + 1 + 1 + 8 + len + 4 + 4);
    size_t start = w->len;
    stake__put_u8(w, kind);
    stake__put_u8(w, 1);
    stake__put_u8(w, 't');
    stake__put_u64(w, len);
    stake__put_bytes(w, image, len);
    if (w->status != STAKE_OK)
        return w->status;
    stake__put_u32(w, stake__crc32(w->data + start, w->len - start));
    if (w->status != STAKE_OK)
        return w->status;
    stake__put_u32(w, stake__crc32(w->data, w->len));
    return w->status;
}

/* ---- what a loaded object must satisfy ----------------------------------- */

static void exercise(const stake_snapshot *s, stake_snapshot_kind kind)
{
    stake_address a = addr(1), b = addr(2);
    stake_u256 v, one = STAKE_U256_C(1);
    switch (kind) {
    case STAKE_SNAPSHOT_LEDGER: {
        stake_ledger *l = NULL;
        must(stake_snapshot_get_ledger(&l, s, "t"));   /* a verified entry decodes */
        must(stake_ledger_check(l));
        (void)!stake_ledger_move(l, &a, &b, &one);
        must(stake_ledger_check(l));
        stake_ledger_free(l);
        break;
    }
    case STAKE_SNAPSHOT_STETH: {
        stake_steth *t = NULL;
        stake_lido_totals totals;
        must(stake_snapshot_get_steth(&t, s, "t"));
        must(stake_ledger_check(stake_steth_ledger(t)));
        must(stake_steth_totals(&totals, t));
        (void)!stake_steth_current_stake_limit(&v, t);
        (void)!stake_steth_balance_of(&v, t, &a);
        (void)!stake_steth_transfer(&v, t, &a, &b, &one);
        (void)!stake_steth_submit(&v, t, &b, &one);
        (void)!stake_wsteth_unwrap(&v, t, &a, &one);
        must(stake_ledger_check(stake_steth_ledger(t)));
        stake_steth_free(t);
        break;
    }
    case STAKE_SNAPSHOT_ERC4626: {
        stake_erc4626_vault *vault = NULL;
        stake_erc4626_state st;
        stake_u256 supply;
        must(stake_snapshot_get_erc4626(&vault, s, "t"));
        must(stake_ledger_check(stake_erc4626_vault_ledger(vault)));
        must(stake_erc4626_vault_state(&st, vault));
        must(stake_ledger_total(&supply, stake_erc4626_vault_ledger(vault)));
        if (stake_u256_cmp(&supply, &st.total_supply))
            abort();
        (void)!stake_erc4626_vault_max_withdraw(&v, vault, &a);
        (void)!stake_erc4626_vault_redeem(&v, vault, &a, &a, &a, &one);
        (void)!stake_erc4626_vault_deposit(&v, vault, &b, &b, &one);
        must(stake_ledger_check(stake_erc4626_vault_ledger(vault)));
        stake_erc4626_vault_free(vault);
        break;
    }
    case STAKE_SNAPSHOT_RETH: {
        stake_reth *r = NULL;
        stake_reth_totals totals;
        must(stake_snapshot_get_reth(&r, s, "t"));
        must(stake_ledger_check(stake_reth_ledger(r)));
        must(stake_reth_totals_of(&totals, r));
        (void)!stake_reth_burn(&v, r, &a, &one);
        (void)!stake_reth_transfer(r, &a, &b, &one);
        must(stake_ledger_check(stake_reth_ledger(r)));
        stake_reth_free(r);
        break;
    }
    case STAKE_SNAPSHOT_QUEUE: {
        stake_queue *q = NULL;
        must(stake_snapshot_get_queue(&q, s, "t"));
        must(stake_queue_check(q));
        uint64_t last = stake_queue_last_request_id(q);
        for (uint64_t id = 1; id <= last && id <= 16; id++) {
            stake_queue_status st;
            must(stake_queue_request_status(&st, q, id));
            (void)!stake_queue_claim_unhinted(&v, q, id, &st.owner);
        }
        for (uint64_t i = 1; i <= stake_queue_last_checkpoint_index(q) && i <= 16; i++) {
            stake_queue_dust dust;
            (void)!stake_queue_checkpoint_dust(&dust, q, i);
        }
        must(stake_queue_check(q));
        stake_queue_free(q);
        break;
    }
    default:
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!templates[0].image)
        build_templates();
    if (size == 0)
        return 0;
    unsigned k = data[0] % 5;
    stake_snapshot_kind kind = (stake_snapshot_kind)(STAKE_SNAPSHOT_LEDGER + k);
    uint8_t *image;
    size_t len;
    if (data[0] & 0x80) {
        /* the raw bytes are the image */
        len = size - 1;
        image = malloc(len ? len : 1);
        if (!image)
            return 0;
        memcpy(image, data + 1, len);
    } else {
        /* the template, edited: (offset hi, offset lo, xor) triples, and a
         * new length if the first byte asks for one */
        len = templates[k].len;
        image = malloc(len + 64);
        if (!image)
            return 0;
        memcpy(image, templates[k].image, len);
        memset(image + len, 0, 64);
        size_t pos = 1;
        if ((data[0] & 0x40) && size >= 2) {
            size_t cut = data[1];
            len = cut < 64 ? len + cut : len - (len * (cut - 64) / 192);
            pos = 2;
        }
        for (; pos + 3 <= size; pos += 3) {
            size_t at = ((size_t)data[pos] << 8 | data[pos + 1]) % (len ? len : 1);
            if (len)
                image[at] ^= data[pos + 2];
        }
    }
    stake__writer w;
    stake_rc rc = frame(&w, (uint8_t)kind, image, len);
    free(image);
    if (rc != STAKE_OK) {
        stake__writer_free(&w);
        return 0;
    }
    stake_snapshot *s = NULL;
    stake_error err;
    rc = stake__snapshot_parse(&s, w.data, w.len, &err);
    stake__writer_free(&w);
    if (rc != STAKE_OK) {
        if (rc != STAKE_ECORRUPT && rc != STAKE_ENOMEM)
            abort();   /* the framing is right: only the content can be wrong */
        return 0;
    }
    exercise(s, kind);
    stake_snapshot_free(s);
    return 0;
}
