/*
 * EigenLayer's StrategyBase: tokens to shares and back with a fixed
 * virtual offset of 1e3 shares and 1e3 tokens (the inflation-attack
 * defence, like OpenZeppelin's ERC-4626 offset but constant). Solidity
 * 0.8 and plain `a * b / c`: the product itself is checked, so it reverts
 * where a mulDiv would not.
 */
#include "risk_internal.h"

static const stake_u256 strategy_offset = { { STAKE_EIGEN_STRATEGY_OFFSET, 0, 0, 0 } };
/* MAX_TOTAL_SHARES = 1e38 - 1 */
static const stake_u256 max_total_shares = {
    { 0x098a223fffffffffULL, 0x4b3b4ca85a86c47aULL, 0, 0 }
};

/* *out = a * b / c as Solidity computes it: checked product, floor. */
static stake_rc checked_mul_div(stake_u256 *out, const stake_u256 *a, const stake_u256 *b,
                                const stake_u256 *c)
{
    stake_u256 product;
    stake_rc rc = stake_u256_mul(&product, a, b);
    return rc != STAKE_OK ? rc : stake_u256_div(out, &product, c);
}

/* deposit() and withdraw() end with _emitExchangeRate, a rate scaled by
 * 1e18 whose checked 1e18 * virtual balance reverts from about 1.16e59
 * tokens up: the operation itself is refused there, so the event is part
 * of the math. The division by the virtual shares (at least 1e3) cannot
 * fail. */
static stake_rc emit_exchange_rate(const stake_u256 *virtual_balance)
{
    stake_u256 scaled;
    return stake_u256_mul(&scaled, &stake__risk_ether, virtual_balance);
}

/* total_shares + 1e3 and balance + 1e3, checked, in the contract's order. */
static stake_rc virtual_totals(stake_u256 *virtual_shares, stake_u256 *virtual_balance,
                               const stake_u256 *total_shares, const stake_u256 *balance)
{
    stake_rc rc = stake_u256_add(virtual_shares, total_shares, &strategy_offset);
    return rc != STAKE_OK ? rc : stake_u256_add(virtual_balance, balance, &strategy_offset);
}

stake_rc stake_eigen_strategy_deposit(stake_u256 *new_shares, stake_u256 *total_after,
                                      const stake_u256 *total_shares, const stake_u256 *balance,
                                      const stake_u256 *amount)
{
    if (!new_shares || !total_shares || !balance || !amount)
        return STAKE_EINVAL;
    /* The strategy already holds the deposit: the price is the one before
     * it arrived. */
    stake_u256 virtual_shares, virtual_balance, prior_balance, minted, total;
    stake_rc rc;
    if ((rc = virtual_totals(&virtual_shares, &virtual_balance, total_shares, balance)) !=
            STAKE_OK ||
        (rc = stake_u256_sub(&prior_balance, &virtual_balance, amount)) != STAKE_OK ||
        (rc = checked_mul_div(&minted, amount, &virtual_shares, &prior_balance)) != STAKE_OK)
        return rc;
    if (stake__u256_is_zero(&minted))
        return STAKE_EZEROSHARES;
    if ((rc = stake_u256_add(&total, total_shares, &minted)) != STAKE_OK)
        return rc;
    if (stake__risk_lt(&max_total_shares, &total))
        return STAKE_EEXCEEDSMAX;
    if ((rc = emit_exchange_rate(&virtual_balance)) != STAKE_OK)
        return rc;
    *new_shares = minted;
    if (total_after)
        *total_after = total;
    return STAKE_OK;
}

stake_rc stake_eigen_strategy_withdraw(stake_u256 *amount, stake_u256 *total_after,
                                       const stake_u256 *total_shares, const stake_u256 *balance,
                                       const stake_u256 *shares)
{
    if (!amount || !total_shares || !balance || !shares)
        return STAKE_EINVAL;
    if (stake__risk_lt(total_shares, shares))
        return STAKE_EBALANCE;
    stake_u256 virtual_shares, virtual_balance, out, total, remaining;
    stake_rc rc;
    if ((rc = virtual_totals(&virtual_shares, &virtual_balance, total_shares, balance)) !=
            STAKE_OK ||
        (rc = checked_mul_div(&out, &virtual_balance, shares, &virtual_shares)) != STAKE_OK ||
        (rc = stake_u256_sub(&total, total_shares, shares)) != STAKE_OK ||
        (rc = stake_u256_sub(&remaining, &virtual_balance, &out)) != STAKE_OK ||
        (rc = emit_exchange_rate(&remaining)) != STAKE_OK)
        return rc;
    *amount = out;
    if (total_after)
        *total_after = total;
    return STAKE_OK;
}

stake_rc stake_eigen_strategy_shares_to_underlying(stake_u256 *out, const stake_u256 *total_shares,
                                                   const stake_u256 *balance,
                                                   const stake_u256 *shares)
{
    if (!out || !total_shares || !balance || !shares)
        return STAKE_EINVAL;
    stake_u256 virtual_shares, virtual_balance;
    stake_rc rc = virtual_totals(&virtual_shares, &virtual_balance, total_shares, balance);
    return rc != STAKE_OK ? rc
                          : checked_mul_div(out, &virtual_balance, shares, &virtual_shares);
}

stake_rc stake_eigen_strategy_underlying_to_shares(stake_u256 *out, const stake_u256 *total_shares,
                                                   const stake_u256 *balance,
                                                   const stake_u256 *amount)
{
    if (!out || !total_shares || !balance || !amount)
        return STAKE_EINVAL;
    stake_u256 virtual_shares, virtual_balance;
    stake_rc rc = virtual_totals(&virtual_shares, &virtual_balance, total_shares, balance);
    return rc != STAKE_OK ? rc
                          : checked_mul_div(out, amount, &virtual_shares, &virtual_balance);
}
