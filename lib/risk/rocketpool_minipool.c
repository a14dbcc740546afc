/*
 * The legacy Rocket Pool minipool's split of its balance
 * (RocketMinipoolDelegate v3: distributeBalance, _distributeBalance,
 * calculateNodeShare, _calculateNodeShare, calculateNodeRewards,
 * distributeSkimmedRewards; RocketMinipoolPenalty.getPenaltyRate).
 * Solidity 0.7.6 with SafeMath: every operation is checked, in the order
 * of the method chains.
 */
#include "risk_internal.h"

/* The balance from which a distribution is a full withdrawal. */
static const stake_u256 eight_ether = { { 8000000000000000000ULL, 0, 0, 0 } };

stake_rc stake_rocketpool_minipool_init(stake_rocketpool_minipool *minipool, unsigned version)
{
    if (!minipool || version != STAKE_ROCKETPOOL_MINIPOOL_VERSION)
        return STAKE_EINVAL;
    memset(minipool, 0, sizeof *minipool);
    minipool->version = version;
    return STAKE_OK;
}

stake_rc stake_rocketpool_node_rewards(stake_u256 *out, const stake_u256 *node_capital,
                                       const stake_u256 *user_capital, const stake_u256 *rewards,
                                       const stake_u256 *node_fee)
{
    if (!out || !node_capital || !user_capital || !rewards || !node_fee)
        return STAKE_EINVAL;
    /* nodePortion = R.mul(n).div(u.add(n)); userPortion = R.sub(nodePortion);
     * nodePortion.add(userPortion.mul(fee).div(1 ether)) */
    stake_u256 node_portion, capital, user_portion, commission, total;
    stake_rc rc;
    if ((rc = stake_u256_mul(&node_portion, rewards, node_capital)) != STAKE_OK ||
        (rc = stake_u256_add(&capital, user_capital, node_capital)) != STAKE_OK ||
        (rc = stake_u256_div(&node_portion, &node_portion, &capital)) != STAKE_OK ||
        (rc = stake_u256_sub(&user_portion, rewards, &node_portion)) != STAKE_OK ||
        (rc = stake_u256_mul(&commission, &user_portion, node_fee)) != STAKE_OK ||
        (rc = stake_u256_div(&commission, &commission, &stake__risk_ether)) != STAKE_OK ||
        (rc = stake_u256_add(&total, &node_portion, &commission)) != STAKE_OK)
        return rc;
    *out = total;
    return STAKE_OK;
}

static stake_rc check_minipool(const stake_rocketpool_minipool *mp)
{
    return mp && mp->version == STAKE_ROCKETPOOL_MINIPOOL_VERSION ? STAKE_OK : STAKE_EINVAL;
}

/* _calculateNodeShare: the node's capital absorbs a loss before the users'
 * does; then the oDAO's penalty, if any, comes out of the node's share. */
static stake_rc node_share_full(stake_u256 *share, stake_u256 *penalty,
                                const stake_rocketpool_minipool *mp, const stake_u256 *balance)
{
    stake_u256 capital, ns = stake__risk_zero, pen = stake__risk_zero;
    stake_rc rc = stake_u256_add(&capital, &mp->user_deposit_balance, &mp->node_deposit_balance);
    if (rc != STAKE_OK)
        return rc;
    if (stake__risk_lt(&capital, balance)) {
        stake_u256 rewards, node_rewards;
        if ((rc = stake_u256_sub(&rewards, balance, &capital)) != STAKE_OK ||
            (rc = stake_rocketpool_node_rewards(&node_rewards, &mp->node_deposit_balance,
                                                &mp->user_deposit_balance, &rewards,
                                                &mp->node_fee)) != STAKE_OK ||
            (rc = stake_u256_add(&ns, &mp->node_deposit_balance, &node_rewards)) != STAKE_OK)
            return rc;
    } else if (stake__risk_lt(&mp->user_deposit_balance, balance)) {
        if ((rc = stake_u256_sub(&ns, balance, &mp->user_deposit_balance)) != STAKE_OK)
            return rc;
    }
    /* getPenaltyRate: 0 while the guardian's cap is 0, else min(rate, cap). */
    const stake_u256 *rate = stake__u256_is_zero(&mp->max_penalty_rate)
                                 ? &stake__risk_zero
                                 : stake__risk_min(&mp->penalty_rate, &mp->max_penalty_rate);
    if (!stake__u256_is_zero(rate)) {
        if ((rc = stake_u256_mul(&pen, &ns, rate)) != STAKE_OK ||
            (rc = stake_u256_div(&pen, &pen, &stake__risk_ether)) != STAKE_OK)
            return rc;
        if (stake__risk_lt(&ns, &pen))
            pen = ns;
        if ((rc = stake_u256_sub(&ns, &ns, &pen)) != STAKE_OK)
            return rc;
    }
    *share = ns;
    *penalty = pen;
    return STAKE_OK;
}

stake_rc stake_rocketpool_minipool_node_share(stake_u256 *out,
                                              const stake_rocketpool_minipool *minipool,
                                              const stake_u256 *balance)
{
    stake_rc rc = check_minipool(minipool);
    if (rc != STAKE_OK || !out || !balance)
        return STAKE_EINVAL;
    /* Below 8 ether the balance is treated as rewards: no penalty. */
    if (stake__risk_lt(balance, &eight_ether))
        return stake_rocketpool_node_rewards(out, &minipool->node_deposit_balance,
                                             &minipool->user_deposit_balance, balance,
                                             &minipool->node_fee);
    stake_u256 share, penalty;
    if ((rc = node_share_full(&share, &penalty, minipool, balance)) != STAKE_OK)
        return rc;
    *out = share;
    return STAKE_OK;
}

stake_rc stake_rocketpool_minipool_distribute(stake_rocketpool_minipool_split *out,
                                              const stake_rocketpool_minipool *minipool,
                                              const stake_u256 *balance)
{
    stake_rc rc = check_minipool(minipool);
    if (rc != STAKE_OK || !out || !balance)
        return STAKE_EINVAL;
    stake_rocketpool_minipool_split s;
    memset(&s, 0, sizeof s);
    if (stake__risk_lt(balance, &eight_ether)) {
        /* distributeSkimmedRewards */
        if ((rc = stake_rocketpool_node_rewards(&s.node_amount, &minipool->node_deposit_balance,
                                                &minipool->user_deposit_balance, balance,
                                                &minipool->node_fee)) != STAKE_OK)
            return rc;
    } else {
        /* _distributeBalance */
        s.full_withdrawal = 1;
        if (stake__risk_lt(balance, &minipool->user_deposit_balance)) {
            /* The users take everything; what they miss is slashed from
             * the node's RPL, recorded on the first distribution only. */
            if (minipool->first_distribution &&
                (rc = stake_u256_sub(&s.node_slash_balance, &minipool->user_deposit_balance,
                                     balance)) != STAKE_OK)
                return rc;
        } else if ((rc = node_share_full(&s.node_amount, &s.penalty, minipool, balance)) !=
                   STAKE_OK) {
            return rc;
        }
    }
    if ((rc = stake_u256_sub(&s.user_amount, balance, &s.node_amount)) != STAKE_OK)
        return rc;
    *out = s;
    return STAKE_OK;
}
