/*
 * The ledger's snapshot encoding.
 *
 * Layout (little-endian, see codec.h), in the ledger's own order so that
 * the same ledger always encodes to the same bytes whatever its hash key:
 *
 *   u64 account count
 *   per account, in first-credited order: address (20), balance (u256)
 *   u256 total
 *   u64 allowance count
 *   per allowance, in first-approved order: owner (20), spender (20),
 *                                           amount (u256)
 *
 * The decoder trusts nothing: counts are checked against the bytes left
 * before anything is allocated (a corrupted count must not ask for
 * terabytes), duplicates and a wrong total are STAKE_ECORRUPT, and the sum
 * is computed with overflow checks.
 */
#include "ledger_internal.h"
#include "../snapshot/codec.h"

#define ACCOUNT_BYTES (STAKE_ADDRESS_BYTES + STAKE_U256_BYTES)
#define ALLOWANCE_BYTES (2 * STAKE_ADDRESS_BYTES + STAKE_U256_BYTES)

stake_rc stake__ledger_encode(const stake_ledger *ledger, stake__writer *w)
{
    const stake__dmap *a = &ledger->accounts, *al = &ledger->allowances;
    stake__put_u64(w, a->count);
    for (size_t i = 0; i < a->count; i++) {
        stake__put_bytes(w, stake__dmap_key(a, i), STAKE_ADDRESS_BYTES);
        stake__put_u256(w, stake__dmap_value(a, i));
    }
    stake__put_u256(w, &ledger->total);
    stake__put_u64(w, al->count);
    for (size_t i = 0; i < al->count; i++) {
        stake__put_bytes(w, stake__dmap_key(al, i), 2 * STAKE_ADDRESS_BYTES);
        stake__put_u256(w, stake__dmap_value(al, i));
    }
    return w->status;
}

/* A count read from the image, refused unless that many records of size
 * bytes can follow. */
static size_t get_count(stake__reader *r, size_t size)
{
    uint64_t n = stake__get_u64(r);
    if (r->status != STAKE_OK)
        return 0;
    if (n > (r->len - r->pos) / size) {
        stake__reader_fail(r, STAKE_ECORRUPT);
        return 0;
    }
    return (size_t)n;
}

static stake_rc decode(stake_ledger *l, stake__reader *r)
{
    size_t n = get_count(r, ACCOUNT_BYTES);
    if (r->status != STAKE_OK)
        return r->status;
    if (n > 0 && stake__dmap_reserve(&l->accounts, n) != STAKE_OK)
        return STAKE_ENOMEM;
    stake_u256 sum = { { 0, 0, 0, 0 } };
    for (size_t i = 0; i < n; i++) {
        stake_address addr;
        stake_u256 bal;
        stake__get_address(r, &addr);
        stake__get_u256(r, &bal);
        if (r->status != STAKE_OK)
            return r->status;
        if (stake_u256_add(&sum, &sum, &bal) != STAKE_OK)
            return STAKE_ECORRUPT;
        stake_rc rc = stake__ledger_append_account(l, &addr, &bal);
        if (rc != STAKE_OK)
            return rc;
    }
    stake__get_u256(r, &l->total);
    if (r->status != STAKE_OK)
        return r->status;
    if (stake_u256_cmp(&sum, &l->total) != 0)
        return STAKE_ECORRUPT;

    n = get_count(r, ALLOWANCE_BYTES);
    if (r->status != STAKE_OK)
        return r->status;
    if (n > 0 && stake__dmap_reserve(&l->allowances, n) != STAKE_OK)
        return STAKE_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        stake_address owner, spender;
        stake_u256 value;
        stake__get_address(r, &owner);
        stake__get_address(r, &spender);
        stake__get_u256(r, &value);
        if (r->status != STAKE_OK)
            return r->status;
        stake_rc rc = stake__ledger_append_allowance(l, &owner, &spender, &value);
        if (rc != STAKE_OK)
            return rc;
    }
    return STAKE_OK;
}

stake_rc stake__ledger_decode(stake_ledger **out, stake__reader *r)
{
    stake_ledger *l;
    stake_rc rc = stake__ledger_create(&l, 0);
    if (rc != STAKE_OK) {
        stake__reader_fail(r, rc);
        return rc;
    }
    rc = decode(l, r);
    if (rc != STAKE_OK) {
        stake__reader_fail(r, rc);
        stake_ledger_free(l);
        return rc;
    }
    *out = l;
    return STAKE_OK;
}
