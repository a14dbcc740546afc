/*
 * Balance changes: mint, burn, move.
 *
 * Each call decides everything that can refuse (arguments, overflow,
 * balance) before touching the ledger, then makes room for a new account
 * (the only step that can fail after that, with STAKE_ENOMEM), and only
 * then writes. So a refusal or a failed allocation leaves the ledger as it
 * was.
 *
 * A zero amount never lists a new account: nothing was credited, and a
 * contract's mapping holding zero is indistinguishable from no entry.
 * Listing such accounts would let anyone grow a ledger for free with
 * zero-value transfers.
 */
#include <string.h>

#include "ledger_internal.h"
#include "../core/values.h"
#include "../core/limbs.h"

/* Index of account (whose hash is h), creating it with a zero balance if
 * absent; the ledger is unchanged when this fails. */
static stake_rc find_or_add(size_t *index, stake_ledger *ledger, const stake_address *account,
                            uint32_t h)
{
    stake__dmap *m = &ledger->accounts;
    size_t i = stake__dmap_find(m, account->bytes, h);
    if (i == STAKE__DMAP_NONE) {
        stake_rc rc = stake__dmap_reserve_one(m);
        if (rc != STAKE_OK)
            return rc;
        i = stake__dmap_append(m, account->bytes, h);
    }
    *index = i;
    return STAKE_OK;
}

stake_rc stake_ledger_mint(stake_ledger *ledger, const stake_address *to,
                           const stake_u256 *amount)
{
    if (!ledger || !to || !amount)
        return STAKE_EINVAL;
    /* The total bounds every balance, so checking it suffices. */
    stake_u256 total;
    if (stake_u256_add(&total, &ledger->total, amount) != STAKE_OK)
        return STAKE_EOVERFLOW;
    if (stake__u256_is_zero(amount))
        return STAKE_OK;
    size_t i;
    stake_rc rc = find_or_add(&i, ledger, to, stake__dmap_hash(&ledger->accounts, to->bytes));
    if (rc != STAKE_OK)
        return rc;
    stake_u256 *bal = stake__dmap_value(&ledger->accounts, i);
    limbs_add(bal->w, bal->w, amount->w, 4);
    ledger->total = total;
    return STAKE_OK;
}

stake_rc stake_ledger_burn(stake_ledger *ledger, const stake_address *from,
                           const stake_u256 *amount)
{
    if (!ledger || !from || !amount)
        return STAKE_EINVAL;
    stake__dmap *m = &ledger->accounts;
    size_t i = stake__dmap_find(m, from->bytes, stake__dmap_hash(m, from->bytes));
    if (i == STAKE__DMAP_NONE)
        return stake__u256_is_zero(amount) ? STAKE_OK : STAKE_EBALANCE;
    stake_u256 *bal = stake__dmap_value(m, i);
    if (limbs_cmp(bal->w, amount->w, 4) < 0)
        return STAKE_EBALANCE;
    limbs_sub(bal->w, bal->w, amount->w, 4);
    limbs_sub(ledger->total.w, ledger->total.w, amount->w, 4);
    return STAKE_OK;
}

stake_rc stake_ledger_move(stake_ledger *ledger, const stake_address *from,
                           const stake_address *to, const stake_u256 *amount)
{
    if (!ledger || !from || !to || !amount)
        return STAKE_EINVAL;
    stake__dmap *m = &ledger->accounts;
    /* Both lookups' cache misses in flight at once: the two home slots,
     * then the two entries they point to (see dmap.h). */
    uint32_t hf = stake__dmap_hash(m, from->bytes), ht = stake__dmap_hash(m, to->bytes);
    stake__dmap_prefetch_slot(m, hf);
    stake__dmap_prefetch_slot(m, ht);
    stake__dmap_prefetch_entry(m, hf);
    stake__dmap_prefetch_entry(m, ht);
    size_t fi = stake__dmap_find(m, from->bytes, hf);
    if (fi == STAKE__DMAP_NONE)
        return stake__u256_is_zero(amount) ? STAKE_OK : STAKE_EBALANCE;
    if (limbs_cmp(stake__dmap_value(m, fi)->w, amount->w, 4) < 0)
        return STAKE_EBALANCE;
    if (stake__u256_is_zero(amount) || memcmp(from->bytes, to->bytes, STAKE_ADDRESS_BYTES) == 0)
        return STAKE_OK;
    size_t ti;
    stake_rc rc = find_or_add(&ti, ledger, to, ht);
    if (rc != STAKE_OK)
        return rc;
    /* Indices (not pointers) are kept across find_or_add: the dense
     * array may have moved. The recipient cannot overflow, since its
     * balance plus amount is at most the total. */
    stake_u256 *fb = stake__dmap_value(m, fi), *tb = stake__dmap_value(m, ti);
    limbs_sub(fb->w, fb->w, amount->w, 4);
    limbs_add(tb->w, tb->w, amount->w, 4);
    return STAKE_OK;
}
