/*
 * The share ledger: creation, copies, read-only queries and the invariant
 * check. Balance changes are in transfer.c, allowances in allowance.c.
 */
#include <stdlib.h>
#include <string.h>

#include "ledger_internal.h"
#include "siphash.h"
#include "../core/convert.h"

stake_rc stake__ledger_create(stake_ledger **out, size_t expected_accounts)
{
    stake_ledger *l = malloc(sizeof *l);
    if (!l)
        return STAKE_ENOMEM;
    uint64_t key[4];
    stake__random_key(key, (uintptr_t)l);
    /* Two keys: the account and allowance tables are independent. */
    stake__dmap_init(&l->accounts, sizeof(stake__account), STAKE_ADDRESS_BYTES, key[0], key[1]);
    stake__dmap_init(&l->allowances, sizeof(stake__allowance), 2 * STAKE_ADDRESS_BYTES,
                     key[2], key[3]);
    memset(&l->total, 0, sizeof l->total);
    if (expected_accounts > 0 &&
        stake__dmap_reserve(&l->accounts, expected_accounts) != STAKE_OK) {
        stake_ledger_free(l);
        return STAKE_ENOMEM;
    }
    *out = l;
    return STAKE_OK;
}

stake_rc stake_ledger_new(stake_ledger **out, size_t expected_accounts)
{
    if (!out)
        return STAKE_EINVAL;
    return stake__ledger_create(out, expected_accounts);
}

void stake_ledger_free(stake_ledger *ledger)
{
    if (!ledger)
        return;
    stake__dmap_free(&ledger->accounts);
    stake__dmap_free(&ledger->allowances);
    free(ledger);
}

stake_rc stake_ledger_clone(stake_ledger **out, const stake_ledger *ledger)
{
    if (!out || !ledger)
        return STAKE_EINVAL;
    stake_ledger *l = malloc(sizeof *l);
    if (!l)
        return STAKE_ENOMEM;
    if (stake__dmap_clone(&l->accounts, &ledger->accounts) != STAKE_OK) {
        free(l);
        return STAKE_ENOMEM;
    }
    if (stake__dmap_clone(&l->allowances, &ledger->allowances) != STAKE_OK) {
        stake__dmap_free(&l->accounts);
        free(l);
        return STAKE_ENOMEM;
    }
    l->total = ledger->total;
    *out = l;
    return STAKE_OK;
}

stake_rc stake_ledger_balance(stake_u256 *out, const stake_ledger *ledger,
                              const stake_address *account)
{
    if (!out || !ledger || !account)
        return STAKE_EINVAL;
    const stake__dmap *m = &ledger->accounts;
    size_t i = stake__dmap_find(m, account->bytes, stake__dmap_hash(m, account->bytes));
    if (i == STAKE__DMAP_NONE)
        memset(out, 0, sizeof *out);
    else
        *out = *stake__dmap_value(m, i);
    return STAKE_OK;
}

stake_rc stake_ledger_total(stake_u256 *out, const stake_ledger *ledger)
{
    if (!out || !ledger)
        return STAKE_EINVAL;
    *out = ledger->total;
    return STAKE_OK;
}

size_t stake_ledger_count(const stake_ledger *ledger)
{
    return ledger ? ledger->accounts.count : 0;
}

stake_rc stake_ledger_account_at(stake_address *account, stake_u256 *balance,
                                 const stake_ledger *ledger, size_t index)
{
    if (!ledger)
        return STAKE_EINVAL;
    const stake__dmap *m = &ledger->accounts;
    if (index >= m->count)
        return STAKE_ERANGE;
    if (account)
        memcpy(account->bytes, stake__dmap_key(m, index), STAKE_ADDRESS_BYTES);
    if (balance)
        *balance = *stake__dmap_value(m, index);
    return STAKE_OK;
}

stake_rc stake_ledger_convert_all(stake_u256 *out, size_t n, const stake_ledger *ledger,
                                  const stake_conversion *conv, size_t *failed_index)
{
    if (!ledger || !conv || (!out && n > 0))
        return STAKE_EINVAL;
    if (n > ledger->accounts.count)
        return STAKE_ERANGE;
    /* With n == 0 the engine still validates conv; give it real pointers
     * so that it never sees NULL arrays. */
    stake_u256 dummy;
    const void *in = ledger->accounts.entries ? (const void *)ledger->accounts.entries
                                              : (const void *)&dummy;
    return stake__convert_strided(out ? out : &dummy, in, sizeof(stake__account), n, conv,
                                  failed_index);
}

stake_rc stake_ledger_check(const stake_ledger *ledger)
{
    if (!ledger)
        return STAKE_EINVAL;
    const stake__dmap *m = &ledger->accounts;
    stake_u256 sum = { { 0, 0, 0, 0 } };
    for (size_t i = 0; i < m->count; i++) {
        if (stake_u256_add(&sum, &sum, stake__dmap_value(m, i)) != STAKE_OK)
            return STAKE_ECORRUPT;
    }
    if (stake_u256_cmp(&sum, &ledger->total) != 0)
        return STAKE_ECORRUPT;
    if (stake__dmap_check(m) != STAKE_OK || stake__dmap_check(&ledger->allowances) != STAKE_OK)
        return STAKE_ECORRUPT;
    return STAKE_OK;
}

size_t stake_ledger_memory(const stake_ledger *ledger)
{
    if (!ledger)
        return 0;
    return sizeof *ledger + stake__dmap_memory(&ledger->accounts) +
           stake__dmap_memory(&ledger->allowances);
}

stake_rc stake__ledger_append_account(stake_ledger *ledger, const stake_address *account,
                                      const stake_u256 *balance)
{
    stake__dmap *m = &ledger->accounts;
    uint32_t h = stake__dmap_hash(m, account->bytes);
    if (stake__dmap_find(m, account->bytes, h) != STAKE__DMAP_NONE)
        return STAKE_ECORRUPT;
    size_t i = stake__dmap_append(m, account->bytes, h);
    *stake__dmap_value(m, i) = *balance;
    return STAKE_OK;
}

stake_rc stake__ledger_reserve(stake_ledger *ledger, size_t new_accounts)
{
    size_t count = ledger->accounts.count;
    if (new_accounts > SIZE_MAX - count)
        return STAKE_ENOMEM;
    return stake__dmap_reserve(&ledger->accounts, count + new_accounts);
}
