/*
 * Allowances: (owner, spender) -> amount, in a table of their own.
 *
 * They are sparse (most accounts never approve anyone), so they stay out
 * of the per-account entries and their memory budget. As with balances,
 * setting a zero allowance on a pair that has none creates no entry; a
 * pair whose allowance returns to zero stays listed.
 */
#include <string.h>

#include "ledger_internal.h"
#include "../core/values.h"
#include "../core/limbs.h"

static void make_pair(uint8_t pair[2 * STAKE_ADDRESS_BYTES], const stake_address *owner,
                      const stake_address *spender)
{
    memcpy(pair, owner->bytes, STAKE_ADDRESS_BYTES);
    memcpy(pair + STAKE_ADDRESS_BYTES, spender->bytes, STAKE_ADDRESS_BYTES);
}

stake_rc stake_ledger_allowance(stake_u256 *out, const stake_ledger *ledger,
                                const stake_address *owner, const stake_address *spender)
{
    if (!out || !ledger || !owner || !spender)
        return STAKE_EINVAL;
    uint8_t pair[2 * STAKE_ADDRESS_BYTES];
    make_pair(pair, owner, spender);
    const stake__dmap *m = &ledger->allowances;
    size_t i = stake__dmap_find(m, pair, stake__dmap_hash(m, pair));
    if (i == STAKE__DMAP_NONE)
        memset(out, 0, sizeof *out);
    else
        *out = *stake__dmap_value(m, i);
    return STAKE_OK;
}

stake_rc stake_ledger_approve(stake_ledger *ledger, const stake_address *owner,
                              const stake_address *spender, const stake_u256 *amount)
{
    if (!ledger || !owner || !spender || !amount)
        return STAKE_EINVAL;
    uint8_t pair[2 * STAKE_ADDRESS_BYTES];
    make_pair(pair, owner, spender);
    stake__dmap *m = &ledger->allowances;
    uint32_t h = stake__dmap_hash(m, pair);
    size_t i = stake__dmap_find(m, pair, h);
    if (i == STAKE__DMAP_NONE) {
        if (stake__u256_is_zero(amount))
            return STAKE_OK;
        stake_rc rc = stake__dmap_reserve_one(m);
        if (rc != STAKE_OK)
            return rc;
        i = stake__dmap_append(m, pair, h);
    }
    *stake__dmap_value(m, i) = *amount;
    return STAKE_OK;
}

stake_rc stake_ledger_spend_allowance(stake_ledger *ledger, const stake_address *owner,
                                      const stake_address *spender, const stake_u256 *amount)
{
    if (!ledger || !owner || !spender || !amount)
        return STAKE_EINVAL;
    uint8_t pair[2 * STAKE_ADDRESS_BYTES];
    make_pair(pair, owner, spender);
    stake__dmap *m = &ledger->allowances;
    size_t i = stake__dmap_find(m, pair, stake__dmap_hash(m, pair));
    if (i == STAKE__DMAP_NONE)
        return stake__u256_is_zero(amount) ? STAKE_OK : STAKE_EALLOWANCE;
    stake_u256 *v = stake__dmap_value(m, i);
    /* OpenZeppelin's _spendAllowance: type(uint256).max never decreases. */
    if (stake__u256_is_max(v))
        return STAKE_OK;
    if (limbs_cmp(v->w, amount->w, 4) < 0)
        return STAKE_EALLOWANCE;
    limbs_sub(v->w, v->w, amount->w, 4);
    return STAKE_OK;
}

stake_rc stake__ledger_append_allowance(stake_ledger *ledger, const stake_address *owner,
                                        const stake_address *spender, const stake_u256 *value)
{
    uint8_t pair[2 * STAKE_ADDRESS_BYTES];
    make_pair(pair, owner, spender);
    stake__dmap *m = &ledger->allowances;
    uint32_t h = stake__dmap_hash(m, pair);
    if (stake__dmap_find(m, pair, h) != STAKE__DMAP_NONE)
        return STAKE_ECORRUPT;
    size_t i = stake__dmap_append(m, pair, h);
    *stake__dmap_value(m, i) = *value;
    return STAKE_OK;
}

stake_rc stake__ledger_erc20_approve(stake_ledger *ledger, const stake_address *owner,
                                     const stake_address *spender, const stake_u256 *amount)
{
    if (stake_address_is_zero(owner) || stake_address_is_zero(spender))
        return STAKE_EZEROADDRESS;
    return stake_ledger_approve(ledger, owner, spender, amount);
}

stake_rc stake__ledger_erc20_increase(stake_ledger *ledger, const stake_address *owner,
                                      const stake_address *spender, const stake_u256 *added)
{
    stake_u256 current, next;
    stake_rc rc;
    if ((rc = stake_ledger_allowance(&current, ledger, owner, spender)) != STAKE_OK ||
        (rc = stake_u256_add(&next, &current, added)) != STAKE_OK)
        return rc;
    return stake__ledger_erc20_approve(ledger, owner, spender, &next);
}

stake_rc stake__ledger_erc20_decrease(stake_ledger *ledger, const stake_address *owner,
                                      const stake_address *spender,
                                      const stake_u256 *subtracted)
{
    stake_u256 current, next;
    stake_rc rc = stake_ledger_allowance(&current, ledger, owner, spender);
    if (rc != STAKE_OK)
        return rc;
    if (stake_u256_sub(&next, &current, subtracted) != STAKE_OK)
        return STAKE_EALLOWANCE;   /* "below zero", in either contract's words */
    return stake__ledger_erc20_approve(ledger, owner, spender, &next);
}
