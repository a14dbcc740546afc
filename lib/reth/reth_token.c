/*
 * The stateful rETH token: parameters, creation, copies, views, the
 * collateral at hand and ERC-20 transfers.
 *
 * rETH is OpenZeppelin 3.x ERC20 code (RocketTokenRETH.sol, Solidity
 * 0.7.6): transfers refuse a zero sender or recipient, then a balance too
 * low. Its _beforeTokenTransfer hook (the deposit delay, in blocks) is
 * not modelled: libstake has no block numbers.
 */
#include <stdlib.h>

#include "reth_internal.h"

stake_rc stake_reth_params_init(stake_reth_params *params, unsigned version)
{
    if (!params || version != STAKE_RETH_PARAMS_VERSION)
        return STAKE_EINVAL;
    memset(params, 0, sizeof *params);
    params->version = version;
    params->deposit_fee.w[0] = 500000000000000ULL;        /* deposit.fee: 0.05% */
    params->minimum_deposit.w[0] = 10000000000000000ULL;  /* deposit.minimum: 0.01 ether */
    params->max_rate_delta.w[0] = 20000000000000000ULL;   /* network.max.reth.balance.delta: 2% */
    params->report_frequency = 86400;                     /* network.submit.balances.frequency */
    params->expected_accounts = 0;
    return STAKE_OK;
}

stake_rc stake__reth_check_params(const stake_reth_params *p)
{
    if (!p || p->version != STAKE_RETH_PARAMS_VERSION)
        return STAKE_EINVAL;
    /* A fee above 100% would make value - fee wrap. */
    if (stake_u256_cmp(&p->deposit_fee, &stake__reth_calc_base) > 0)
        return STAKE_EINVAL;
    return STAKE_OK;
}

stake_rc stake__reth_wrap(stake_reth **out, const stake_reth *proto, stake_ledger *balances)
{
    stake_reth *t = malloc(sizeof *t);
    if (!t) {
        stake_ledger_free(balances);
        return STAKE_ENOMEM;
    }
    *t = *proto;
    t->balances = balances;
    *out = t;
    return STAKE_OK;
}

stake_rc stake_reth_new(stake_reth **out, const stake_reth_params *params)
{
    if (!out)
        return STAKE_EINVAL;
    stake_rc rc = stake__reth_check_params(params);
    if (rc != STAKE_OK)
        return rc;
    stake_reth proto;
    memset(&proto, 0, sizeof proto);
    proto.params = *params;
    stake_ledger *balances;
    rc = stake_ledger_new(&balances, params->expected_accounts);
    if (rc != STAKE_OK)
        return rc;
    return stake__reth_wrap(out, &proto, balances);
}

void stake_reth_free(stake_reth *token)
{
    if (!token)
        return;
    stake_ledger_free(token->balances);
    free(token);
}

stake_rc stake_reth_clone(stake_reth **out, const stake_reth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    stake_ledger *balances;
    stake_rc rc = stake_ledger_clone(&balances, token->balances);
    if (rc != STAKE_OK)
        return rc;
    return stake__reth_wrap(out, token, balances);
}

stake_rc stake_reth_totals_of(stake_reth_totals *out, const stake_reth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    *out = token->reported;
    return STAKE_OK;
}

const stake_ledger *stake_reth_ledger(const stake_reth *token)
{
    return token ? token->balances : NULL;
}

stake_rc stake_reth_balance_of(stake_u256 *out, const stake_reth *token,
                               const stake_address *account)
{
    if (!out || !token || !account)
        return STAKE_EINVAL;
    return stake_ledger_balance(out, token->balances, account);
}

stake_rc stake_reth_total_supply(stake_u256 *out, const stake_reth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    return stake_ledger_total(out, token->balances);
}

/* getTotalCollateral() adds the two with SafeMath, so a pair whose sum
 * wraps would make every burn revert; it is refused here instead, which
 * keeps the sum representable in every state. */
stake_rc stake_reth_set_collateral(stake_reth *token, const stake_u256 *contract_balance,
                                   const stake_u256 *deposit_pool_excess)
{
    if (!token || !contract_balance || !deposit_pool_excess)
        return STAKE_EINVAL;
    stake_u256 sum;
    stake_rc rc = stake_u256_add(&sum, contract_balance, deposit_pool_excess);
    if (rc != STAKE_OK)
        return rc;
    token->contract_balance = *contract_balance;
    token->deposit_pool_excess = *deposit_pool_excess;
    return STAKE_OK;
}

stake_rc stake_reth_total_collateral(stake_u256 *out, const stake_reth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    return stake_u256_add(out, &token->deposit_pool_excess, &token->contract_balance);
}

stake_rc stake_reth_transfer(stake_reth *token, const stake_address *from,
                             const stake_address *to, const stake_u256 *amount)
{
    if (!token || !from || !to || !amount)
        return STAKE_EINVAL;
    /* "ERC20: transfer from the zero address", "... to the zero address" */
    if (stake_address_is_zero(from) || stake_address_is_zero(to))
        return STAKE_EZEROADDRESS;
    stake_u256 balance;
    stake_rc rc = stake_ledger_balance(&balance, token->balances, from);
    if (rc != STAKE_OK)
        return rc;
    /* "ERC20: transfer amount exceeds balance" */
    if (stake_u256_cmp(&balance, amount) < 0)
        return STAKE_EBALANCE;
    if (stake__u256_is_zero(amount))
        return STAKE_OK;
    return stake_ledger_move(token->balances, from, to, amount);
}
