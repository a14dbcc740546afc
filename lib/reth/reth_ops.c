/*
 * Minting rETH through the deposit pool and burning it for ETH.
 *
 * deposit is RocketDepositPool.deposit (the v1.2 contract: the fee is a
 * checked product) followed by RocketTokenRETH.mint; burn is
 * RocketTokenRETH.burn (L106-123 of the 0.7.6 contract). Both keep the
 * contracts' order of checks. What libstake does not model is left out:
 * whether deposits are enabled, the deposit pool's maximum size and the
 * minipool queue's capacity (the whole deposit joins the pool's excess),
 * the assignment of deposits to validators, and the block-based delay
 * before a depositor may move rETH.
 */
#include "reth_internal.h"

stake_rc stake_reth_deposit(stake_u256 *reth_out, stake_reth *token,
                            const stake_address *depositor, const stake_u256 *value)
{
    if (!reth_out || !token || !depositor || !value)
        return STAKE_EINVAL;
    /* "The deposited amount is less than the minimum deposit size" */
    if (stake_u256_cmp(value, &token->params.minimum_deposit) < 0)
        return STAKE_EBELOWMIN;
    /* Where the contract checks the pool's capacity: the ETH must fit in
     * the pool and in the collateral total. */
    stake_u256 excess, collateral;
    stake_rc rc = stake_u256_add(&excess, &token->deposit_pool_excess, value);
    if (rc == STAKE_OK)
        rc = stake_u256_add(&collateral, &excess, &token->contract_balance);
    if (rc != STAKE_OK)
        return rc;
    /* depositFee = msg.value * getDepositFee() / calcBase; the rest is minted */
    stake_u256 fee, net, reth, supply, new_supply;
    rc = stake_u256_mul(&fee, value, &token->params.deposit_fee);
    if (rc == STAKE_OK)
        rc = stake_u256_div(&fee, &fee, &stake__reth_calc_base);
    if (rc == STAKE_OK)
        rc = stake_u256_sub(&net, value, &fee);    /* fee <= value: the fee is at most 100% */
    /* RocketTokenRETH.mint: getRethValue(net), then "Invalid token mint amount" */
    if (rc == STAKE_OK)
        rc = stake_reth_reth_value(&reth, &token->reported, &net);
    if (rc != STAKE_OK)
        return rc;
    if (stake__u256_is_zero(&reth))
        return STAKE_EZEROAMOUNT;
    /* _mint: "ERC20: mint to the zero address", then SafeMath's supply add */
    if (stake_address_is_zero(depositor))
        return STAKE_EZEROADDRESS;
    rc = stake_ledger_total(&supply, token->balances);
    if (rc != STAKE_OK)
        return rc;
    if (stake_u256_add(&new_supply, &supply, &reth) != STAKE_OK)
        return STAKE_EOVERFLOW;
    rc = stake_ledger_mint(token->balances, depositor, &reth);
    if (rc != STAKE_OK)
        return rc;
    token->deposit_pool_excess = excess;
    *reth_out = reth;
    return STAKE_OK;
}

stake_rc stake_reth_burn(stake_u256 *eth_out, stake_reth *token, const stake_address *holder,
                         const stake_u256 *reth)
{
    if (!eth_out || !token || !holder || !reth)
        return STAKE_EINVAL;
    /* "Invalid token burn amount", "Insufficient rETH balance" */
    if (stake__u256_is_zero(reth))
        return STAKE_EZEROAMOUNT;
    stake_u256 balance, eth, collateral;
    stake_rc rc = stake_ledger_balance(&balance, token->balances, holder);
    if (rc != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&balance, reth) < 0)
        return STAKE_EBALANCE;
    rc = stake_reth_eth_value(&eth, &token->reported, reth);
    if (rc == STAKE_OK)
        rc = stake_reth_total_collateral(&collateral, token);
    if (rc != STAKE_OK)
        return rc;
    /* "Insufficient ETH balance for exchange" */
    if (stake_u256_cmp(&collateral, &eth) < 0)
        return STAKE_ECOLLATERAL;
    /* _burn: "ERC20: burn from the zero address" (no zero holder can have
     * a balance, so this is only reached for completeness) */
    if (stake_address_is_zero(holder))
        return STAKE_EZEROADDRESS;
    /* withdrawDepositCollateral: the contract's own ETH first, the
     * shortfall from the deposit pool's excess (which the collateral
     * check has shown to be enough). */
    stake_u256 contract = token->contract_balance, excess = token->deposit_pool_excess;
    if (stake_u256_sub(&contract, &contract, &eth) != STAKE_OK) {
        stake_u256 shortfall;
        rc = stake_u256_sub(&shortfall, &eth, &token->contract_balance);
        if (rc == STAKE_OK)
            rc = stake_u256_sub(&excess, &excess, &shortfall);
        if (rc != STAKE_OK)
            return rc;
        memset(&contract, 0, sizeof contract);
    }
    rc = stake_ledger_burn(token->balances, holder, reth);
    if (rc != STAKE_OK)
        return rc;
    token->contract_balance = contract;
    token->deposit_pool_excess = excess;
    *eth_out = eth;
    return STAKE_OK;
}
