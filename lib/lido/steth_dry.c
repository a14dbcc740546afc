/*
 * Dry runs of the token moves a batch of withdrawal requests makes (see
 * lido_internal.h): the checks of stake_steth_transfer_from() and of a
 * wstETH transfer plus unwrap, in the same order, against balances less
 * what the batch's earlier moves took. Nothing here writes to the token
 * until stake__steth_apply_pending().
 *
 * Each function mirrors a real one of steth_transfer.c or wsteth.c; a
 * change to a check there belongs here too, and the unit test that runs
 * batches against requests made one at a time on a copy of the token
 * (tests/unit/check_queue_batch_request.c) is what notices if they drift.
 */
#include "stake/lido.h"
#include "lido_internal.h"
#include "../ledger/ledger_internal.h"

/* The bits of stake__steth_pending.read: each value is read from the
 * token once per batch, at the point where the real operation reads it. */
enum {
    READ_TOTALS = 1, READ_ALLOWANCE = 2, READ_SHARES = 4, READ_WSTETH = 8, READ_WRAPPER = 16,
    READ_WSTETH_ALLOWANCE = 32
};

int stake__steth_dry_runs_apply(const stake_steth *t, const stake_address *sender,
                                const stake_address *queue)
{
    return !stake__address_eq(sender, queue) && !stake__address_eq(sender, &t->wsteth) &&
           !stake__address_eq(queue, &t->wsteth) && !stake__address_eq(sender, &t->burner);
}

static stake_rc read_totals(stake__steth_pending *p, const stake_steth *t)
{
    stake_rc rc = STAKE_OK;
    if (!(p->read & READ_TOTALS) && (rc = stake__steth_totals(&p->totals, t)) == STAKE_OK)
        p->read |= READ_TOTALS;
    return rc;
}

/* A balance of `ledger`, read once into *v. */
static stake_rc read_balance(stake__steth_pending *p, unsigned bit, stake_u256 *v,
                             const stake_ledger *ledger, const stake_address *account)
{
    stake_rc rc = STAKE_OK;
    if (!(p->read & bit) && (rc = stake_ledger_balance(v, ledger, account)) == STAKE_OK)
        p->read |= bit;
    return rc;
}

/* before - gone < need, where gone <= before always (it is what earlier
 * dry runs found room for). */
static int short_of(const stake_u256 *before, const stake_u256 *gone, const stake_u256 *need)
{
    stake_u256 left;
    if (stake_u256_sub(&left, before, gone) != STAKE_OK)
        return 1;
    return stake_u256_cmp(&left, need) < 0;
}

stake_rc stake__steth_dry_transfer_from(stake_u256 *shares, const stake_steth *t,
                                        const stake_address *sender,
                                        const stake_address *queue, const stake_u256 *amount,
                                        stake__steth_pending *p)
{
    /* _spendAllowance(sender, queue, amount), as stake__steth_spend_allowance(). */
    stake_u256 spent = p->allowance, s, moved;
    stake_rc rc;
    if (!(p->read & READ_ALLOWANCE)) {
        if ((rc = stake_ledger_allowance(&p->allowance_before, t->shares, sender, queue)) !=
            STAKE_OK)
            return rc;
        p->read |= READ_ALLOWANCE;
    }
    if (!stake__u256_is_max(&p->allowance_before)) {
        if (short_of(&p->allowance_before, &p->allowance, amount))
            return STAKE_EALLOWANCE;
        if (stake_address_is_zero(sender) || stake_address_is_zero(queue))
            return STAKE_EZEROADDRESS;
        if (stake_u256_add(&spent, &spent, amount) != STAKE_OK)
            return STAKE_EOVERFLOW;     /* cannot happen: spent <= the allowance */
    }
    /* _transfer: the conversion, then _transferShares. */
    if ((rc = read_totals(p, t)) != STAKE_OK ||
        (rc = stake_lido_shares_by_pooled_eth(&s, &p->totals, amount)) != STAKE_OK ||
        (rc = stake__steth_check_share_move(t, sender, queue)) != STAKE_OK ||
        (rc = read_balance(p, READ_SHARES, &p->shares_before, t->shares, sender)) != STAKE_OK)
        return rc;
    if (short_of(&p->shares_before, &p->sender_shares, &s))
        return STAKE_EBALANCE;
    if (stake_u256_add(&moved, &p->sender_shares, &s) != STAKE_OK)
        return STAKE_EOVERFLOW;         /* cannot happen: moved <= the balance */
    p->allowance = spent;
    p->sender_shares = moved;
    *shares = s;
    return STAKE_OK;
}

stake_rc stake__steth_dry_wsteth_unwrap(stake_u256 *steth, stake_u256 *shares,
                                        const stake_steth *t, const stake_address *sender,
                                        const stake_address *queue, const stake_u256 *w,
                                        stake__steth_pending *p)
{
    /* wstETH.transferFrom(sender, queue, w) sent by the queue, as
     * stake_wsteth_transfer_from(): the transfer's checks, then the
     * allowance's. Each wstETH element spends its w of both the balance
     * and the allowance, so sender_wsteth is what both have lost. */
    stake_u256 x, s, sent, taken;
    stake_rc rc;
    if (stake_address_is_zero(sender) || stake_address_is_zero(queue))
        return STAKE_EZEROADDRESS;
    if ((rc = read_balance(p, READ_WSTETH, &p->wsteth_before, t->wrapped, sender)) != STAKE_OK)
        return rc;
    if (short_of(&p->wsteth_before, &p->sender_wsteth, w))
        return STAKE_EBALANCE;
    if (!(p->read & READ_WSTETH_ALLOWANCE)) {
        if ((rc = stake_ledger_allowance(&p->wsteth_allowance_before, t->wrapped, sender,
                                         queue)) != STAKE_OK)
            return rc;
        p->read |= READ_WSTETH_ALLOWANCE;
    }
    if (short_of(&p->wsteth_allowance_before, &p->sender_wsteth, w))
        return STAKE_EALLOWANCE;
    /* unwrap(w) sent by the queue, as stake_wsteth_unwrap(). The queue
     * holds at least the w just received (the earlier ones are burnt), so
     * its burn cannot refuse. */
    if (stake__u256_is_zero(w))
        return STAKE_EZEROAMOUNT;
    if ((rc = read_totals(p, t)) != STAKE_OK ||
        (rc = stake_lido_pooled_eth_by_shares(&x, &p->totals, w)) != STAKE_OK)
        return rc;
    /* The wrapper's stETH.transfer(queue, x), as stake__steth_unwrap_transfer(). */
    if ((rc = stake_lido_shares_by_pooled_eth(&s, &p->totals, &x)) != STAKE_OK ||
        (rc = stake__steth_check_share_move(t, &t->wsteth, queue)) != STAKE_OK ||
        (rc = read_balance(p, READ_WRAPPER, &p->wrapper_before, t->shares, &t->wsteth)) !=
            STAKE_OK)
        return rc;
    if (short_of(&p->wrapper_before, &p->wrapper_shares, &s))
        return STAKE_EBALANCE;
    if (stake_u256_add(&sent, &p->sender_wsteth, w) != STAKE_OK ||
        stake_u256_add(&taken, &p->wrapper_shares, &s) != STAKE_OK)
        return STAKE_EOVERFLOW;         /* cannot happen: each is at most a balance */
    p->sender_wsteth = sent;
    p->wrapper_shares = taken;
    *steth = x;
    *shares = s;
    return STAKE_OK;
}

stake_rc stake__steth_apply_pending(stake_steth *t, const stake_address *sender,
                                    const stake_address *queue, const stake__steth_pending *p)
{
    /* The sums of what each move would have done: one spend of each
     * allowance (stETH's, then wstETH's), one move per ledger, and the
     * wstETH passing through the queue on its way to being burnt, so that
     * the queue's wstETH account appears just as the moves one by one
     * would make it. */
    stake_rc rc;
    if ((rc = stake_ledger_spend_allowance(t->shares, sender, queue, &p->allowance)) !=
            STAKE_OK ||
        (rc = stake_ledger_move(t->shares, sender, queue, &p->sender_shares)) != STAKE_OK ||
        (rc = stake_ledger_move(t->wrapped, sender, queue, &p->sender_wsteth)) != STAKE_OK ||
        (rc = stake_ledger_burn(t->wrapped, queue, &p->sender_wsteth)) != STAKE_OK)
        return rc;
    if ((rc = stake_ledger_move(t->shares, &t->wsteth, queue, &p->wrapper_shares)) != STAKE_OK)
        return rc;
    if (p->read & READ_WSTETH_ALLOWANCE) {
        /* OpenZeppelin 3.4: no infinite value, so always lowered; the
         * pair's entry exists unless both are zero (no allocation). */
        stake_u256 left;
        if ((rc = stake_u256_sub(&left, &p->wsteth_allowance_before, &p->sender_wsteth)) !=
            STAKE_OK)
            return rc;
        return stake_ledger_approve(t->wrapped, sender, queue, &left);
    }
    return STAKE_OK;
}

stake_rc stake__steth_reserve_holders(stake_steth *t, size_t accounts)
{
    stake_rc rc = stake__ledger_reserve(t->shares, accounts);
    return rc != STAKE_OK ? rc : stake__ledger_reserve(t->wrapped, accounts);
}
