/*
 * stETH transfers and allowances, with StETH.sol's checks in its order.
 *
 * A token-amount transfer moves floor(amount * IS / IE) shares, so the
 * recipient gains amount, amount - 1 or amount - 2: the chain's 1-2 wei
 * corner case, reproduced rather than smoothed over.
 */
#include "stake/lido.h"
#include "lido_internal.h"
#include "../ledger/ledger_internal.h"

stake_rc stake__steth_check_unlocked(const stake_steth *t, const stake_address *from,
                                     const stake_u256 *shares)
{
    int wrapper = stake__address_eq(from, &t->wsteth);
    if (!wrapper && !stake__address_eq(from, &t->burner))
        return STAKE_OK;
    stake_u256 held, spendable = { { 0 } };
    stake_rc rc = stake_ledger_balance(&held, t->shares, from);
    if (rc != STAKE_OK)
        return rc;
    /* The wrapper sends stETH only in unwrap, so none of its shares move
     * by a plain transfer; the Burner's shares awaiting a report stay
     * put, and only the excess (recoverExcessStETH) may leave. */
    if (!wrapper && stake_u256_sub(&spendable, &held, &t->burn_requested) != STAKE_OK)
        memset(&spendable, 0, sizeof spendable);
    return stake_u256_cmp(shares, &spendable) > 0 ? STAKE_EBALANCE : STAKE_OK;
}

stake_rc stake__steth_check_share_move(const stake_steth *t, const stake_address *from,
                                      const stake_address *to)
{
    if (stake_address_is_zero(from) || stake_address_is_zero(to))
        return STAKE_EZEROADDRESS;
    if (stake__address_eq(to, &t->self))
        return STAKE_ESELFRECIPIENT;
    if (t->stopped)
        return STAKE_ESTOPPED;
    return STAKE_OK;
}

/* _transferShares: its first checks, then BALANCE_EXCEEDED. `unlocked`
 * lets the shares of the wrapper or the Burner move: the wrapper's own
 * unwrap, and a transferSharesFrom worth 0 wei. */
static stake_rc move_shares(stake_steth *t, const stake_address *from, const stake_address *to,
                            const stake_u256 *shares, int unlocked)
{
    stake_rc rc = stake__steth_check_share_move(t, from, to);
    if (rc == STAKE_OK && !unlocked)
        rc = stake__steth_check_unlocked(t, from, shares);
    return rc != STAKE_OK ? rc : stake_ledger_move(t->shares, from, to, shares);
}

stake_rc stake__steth_move_shares(stake_steth *t, const stake_address *from,
                                  const stake_address *to, const stake_u256 *shares)
{
    return move_shares(t, from, to, shares, 0);
}

stake_rc stake__steth_spend_allowance(stake_steth *t, const stake_address *owner,
                                      const stake_address *spender, const stake_u256 *amount)
{
    /* _spendAllowance: an infinite allowance is left alone; otherwise
     * ALLOWANCE_EXCEEDED, then _approve's zero-address checks. */
    stake_u256 current;
    stake_rc rc = stake_ledger_allowance(&current, t->shares, owner, spender);
    if (rc != STAKE_OK)
        return rc;
    if (stake__u256_is_max(&current))
        return STAKE_OK;
    if (stake_u256_cmp(&current, amount) < 0)
        return STAKE_EALLOWANCE;
    if (stake_address_is_zero(owner) || stake_address_is_zero(spender))
        return STAKE_EZEROADDRESS;
    return stake_ledger_spend_allowance(t->shares, owner, spender, amount);
}

/* _transfer(from, to, amount): the guarded conversion, then the move. */
static stake_rc transfer_amount(stake_u256 *moved, stake_steth *t, const stake_address *from,
                                const stake_address *to, const stake_u256 *amount,
                                int as_contract)
{
    stake_lido_totals tot;
    stake_u256 shares;
    stake_rc rc;
    if ((rc = stake__steth_totals(&tot, t)) != STAKE_OK ||
        (rc = stake_lido_shares_by_pooled_eth(&shares, &tot, amount)) != STAKE_OK ||
        (rc = move_shares(t, from, to, &shares, as_contract)) != STAKE_OK)
        return rc;
    if (moved)
        *moved = shares;
    return STAKE_OK;
}

stake_rc stake_steth_transfer(stake_u256 *shares_moved, stake_steth *token,
                              const stake_address *from, const stake_address *to,
                              const stake_u256 *amount)
{
    if (!token || !from || !to || !amount)
        return STAKE_EINVAL;
    return transfer_amount(shares_moved, token, from, to, amount, 0);
}

stake_rc stake__steth_unwrap_transfer(stake_steth *token, const stake_address *holder,
                                      const stake_u256 *amount)
{
    return transfer_amount(NULL, token, &token->wsteth, holder, amount, 1);
}

stake_rc stake_steth_transfer_shares(stake_u256 *eth_amount, stake_steth *token,
                                     const stake_address *from, const stake_address *to,
                                     const stake_u256 *shares)
{
    if (!token || !from || !to || !shares)
        return STAKE_EINVAL;
    /* The contract moves the shares first and converts them for the event
     * afterwards; the conversion's refusal (SHARES_TOO_LARGE) therefore
     * comes after the transfer's, and reverts it. Compute it before
     * changing anything, report errors in the contract's order. */
    stake_lido_totals tot;
    stake_u256 eth;
    stake_rc rc = stake__steth_totals(&tot, token);
    if (rc != STAKE_OK)
        return rc;
    stake_rc conv_rc = stake_lido_pooled_eth_by_shares(&eth, &tot, shares);
    if (conv_rc != STAKE_OK) {
        /* Which refusal comes first: the transfer's checks, evaluated
         * without moving anything. */
        if ((rc = stake__steth_check_share_move(token, from, to)) != STAKE_OK)
            return rc;
        stake_u256 bal;
        if ((rc = stake_ledger_balance(&bal, token->shares, from)) != STAKE_OK)
            return rc;
        if (stake_u256_cmp(&bal, shares) < 0)
            return STAKE_EBALANCE;
        if ((rc = stake__steth_check_unlocked(token, from, shares)) != STAKE_OK)
            return rc;
        return conv_rc;
    }
    if ((rc = stake__steth_move_shares(token, from, to, shares)) != STAKE_OK)
        return rc;
    if (eth_amount)
        *eth_amount = eth;
    return STAKE_OK;
}

stake_rc stake_steth_transfer_from(stake_u256 *shares_moved, stake_steth *token,
                                   const stake_address *spender, const stake_address *from,
                                   const stake_address *to, const stake_u256 *amount)
{
    if (!token || !spender || !from || !to || !amount)
        return STAKE_EINVAL;
    /* _spendAllowance(from, spender, amount) then _transfer; the spend
     * must be undone if the transfer refuses, so the transfer is checked
     * on a dry run first: compute the shares and verify the move. */
    stake_lido_totals tot;
    stake_u256 shares, before;
    stake_rc rc;
    if ((rc = stake_ledger_allowance(&before, token->shares, from, spender)) != STAKE_OK)
        return rc;
    if ((rc = stake__steth_spend_allowance(token, from, spender, amount)) != STAKE_OK)
        return rc;
    rc = stake__steth_totals(&tot, token);
    if (rc == STAKE_OK)
        rc = stake_lido_shares_by_pooled_eth(&shares, &tot, amount);
    if (rc == STAKE_OK)
        rc = stake__steth_move_shares(token, from, to, &shares);
    if (rc != STAKE_OK) {
        /* Restore the allowance exactly as it was (the pair exists now,
         * so this cannot fail). */
        if (stake_ledger_approve(token->shares, from, spender, &before) != STAKE_OK)
            return STAKE_ENOMEM;
        return rc;
    }
    if (shares_moved)
        *shares_moved = shares;
    return STAKE_OK;
}

stake_rc stake_steth_transfer_shares_from(stake_u256 *eth_amount, stake_steth *token,
                                          const stake_address *spender, const stake_address *from,
                                          const stake_address *to, const stake_u256 *shares)
{
    if (!token || !spender || !from || !to || !shares)
        return STAKE_EINVAL;
    /* getPooledEthByShares (guarded), _spendAllowance of that many
     * tokens (no zero check: at a rate below 1 such shares move freely),
     * then _transferShares. */
    stake_lido_totals tot;
    stake_u256 eth, before;
    stake_rc rc;
    if ((rc = stake__steth_totals(&tot, token)) != STAKE_OK ||
        (rc = stake_lido_pooled_eth_by_shares(&eth, &tot, shares)) != STAKE_OK ||
        (rc = stake_ledger_allowance(&before, token->shares, from, spender)) != STAKE_OK ||
        (rc = stake__steth_spend_allowance(token, from, spender, &eth)) != STAKE_OK)
        return rc;
    /* The allowance is the only gate here, and shares worth 0 wei pass it
     * with none: even the wrapper's and the Burner's shares, which
     * otherwise stay locked, leave that way on chain. */
    rc = move_shares(token, from, to, shares, stake__u256_is_zero(&eth));
    if (rc != STAKE_OK) {
        if (stake_ledger_approve(token->shares, from, spender, &before) != STAKE_OK)
            return STAKE_ENOMEM;
        return rc;
    }
    if (eth_amount)
        *eth_amount = eth;
    return STAKE_OK;
}

stake_rc stake_steth_approve(stake_steth *token, const stake_address *owner,
                             const stake_address *spender, const stake_u256 *amount)
{
    if (!token || !owner || !spender || !amount)
        return STAKE_EINVAL;
    return stake__ledger_erc20_approve(token->shares, owner, spender, amount);
}

stake_rc stake_steth_increase_allowance(stake_steth *token, const stake_address *owner,
                                        const stake_address *spender, const stake_u256 *added)
{
    if (!token || !owner || !spender || !added)
        return STAKE_EINVAL;
    return stake__ledger_erc20_increase(token->shares, owner, spender, added);
}

stake_rc stake_steth_decrease_allowance(stake_steth *token, const stake_address *owner,
                                        const stake_address *spender,
                                        const stake_u256 *subtracted)
{
    if (!token || !owner || !spender || !subtracted)
        return STAKE_EINVAL;
    return stake__ledger_erc20_decrease(token->shares, owner, spender, subtracted);
}
