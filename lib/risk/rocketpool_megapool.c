/*
 * The Saturn megapool's loss waterfall and reward split
 * (RocketMegapoolDelegate: _calculateCapitalDispersal, _notifyFinalBalance,
 * calculateRewards, _distributeAmount, _claim). Solidity 0.8: checked
 * arithmetic, except calculateRewards' `unchecked` block, which wraps.
 */
#include "risk_internal.h"

stake_rc stake_rocketpool_megapool_init(stake_rocketpool_megapool *megapool, unsigned version)
{
    if (!megapool || version != STAKE_ROCKETPOOL_MEGAPOOL_VERSION)
        return STAKE_EINVAL;
    memset(megapool, 0, sizeof *megapool);
    megapool->version = version;
    return STAKE_OK;
}

stake_rc stake_rocketpool_revenue_init(stake_rocketpool_revenue *revenue, unsigned version)
{
    if (!revenue || version != STAKE_ROCKETPOOL_REVENUE_VERSION)
        return STAKE_EINVAL;
    memset(revenue, 0, sizeof *revenue);
    revenue->version = version;
    return STAKE_OK;
}

stake_rc stake_rocketpool_capital_dispersal(stake_u256 *node_share, stake_u256 *user_share,
                                            const stake_rocketpool_megapool *mp,
                                            const stake_u256 *value,
                                            const stake_u256 *bond_requirement)
{
    if (!node_share || !user_share || !mp || mp->version != STAKE_ROCKETPOOL_MEGAPOOL_VERSION ||
        !value || !bond_requirement)
        return STAKE_EINVAL;
    /* The bond above what the remaining validators require goes back to
     * the node, but never more than the value returned nor than the bond
     * actually staked (queued bond counts toward the excess only). */
    stake_u256 effective, node = stake__risk_zero, user;
    stake_rc rc = stake_u256_add(&effective, &mp->node_bond, &mp->node_queued_bond);
    if (rc != STAKE_OK)
        return rc;
    if (stake__risk_lt(bond_requirement, &effective) &&
        (rc = stake_u256_sub(&node, &effective, bond_requirement)) != STAKE_OK)
        return rc;
    node = *stake__risk_min(&node, value);
    node = *stake__risk_min(&node, &mp->node_bond);
    if ((rc = stake_u256_sub(&user, value, &node)) != STAKE_OK)
        return rc;
    *node_share = node;
    *user_share = user;
    return STAKE_OK;
}

stake_rc stake_rocketpool_megapool_final_balance(stake_rocketpool_exit *out,
                                                 const stake_rocketpool_megapool *mp,
                                                 uint32_t deposit_value_milli, uint64_t amount_gwei,
                                                 const stake_u256 *bond_requirement)
{
    if (!out || !mp || mp->version != STAKE_ROCKETPOOL_MEGAPOOL_VERSION || !bond_requirement)
        return STAKE_EINVAL;
    stake_rocketpool_exit e;
    memset(&e, 0, sizeof e);
    e.after = *mp;
    /* depositValue is kept in milli-ether, the final balance in gwei: the
     * products fit easily. */
    stake_u256 milli = stake__risk_u64(deposit_value_milli), deposit, withdrawal;
    stake_u256 gwei_amount = stake__risk_u64(amount_gwei);
    stake_rc rc;
    if ((rc = stake_u256_mul(&deposit, &milli, &stake__risk_pwei)) != STAKE_OK ||
        (rc = stake_u256_mul(&withdrawal, &gwei_amount, &stake__risk_gwei)) != STAKE_OK ||
        (rc = stake_rocketpool_capital_dispersal(&e.node_share, &e.user_share, mp, &deposit,
                                                 bond_requirement)) != STAKE_OK)
        return rc;
    /* The node's share takes the shortfall first. */
    e.to_node = e.node_share;
    if (stake__risk_lt(&withdrawal, &deposit)) {
        stake_u256 shortfall;
        if ((rc = stake_u256_sub(&shortfall, &deposit, &withdrawal)) != STAKE_OK)
            return rc;
        if (stake__risk_lt(&e.to_node, &shortfall))
            e.to_node = stake__risk_zero;
        else if ((rc = stake_u256_sub(&e.to_node, &e.to_node, &shortfall)) != STAKE_OK)
            return rc;
    }
    if ((rc = stake_u256_sub(&e.to_user, &withdrawal, &e.to_node)) != STAKE_OK)
        return rc;
    /* What the users still miss becomes the node's debt to rETH. */
    if (stake__risk_lt(&e.to_user, &e.user_share)) {
        if ((rc = stake_u256_sub(&e.shortfall, &e.user_share, &e.to_user)) != STAKE_OK ||
            (rc = stake_u256_add(&e.after.debt, &e.after.debt, &e.shortfall)) != STAKE_OK)
            return rc;
        e.incurs_shortfall = 1;
    }
    /* A remaining node amount repays debt, old and new, first. */
    if (!stake__u256_is_zero(&e.to_node) && !stake__u256_is_zero(&e.after.debt)) {
        e.debt_repaid = *stake__risk_min(&e.to_node, &e.after.debt);
        if ((rc = stake_u256_sub(&e.to_node, &e.to_node, &e.debt_repaid)) != STAKE_OK ||
            (rc = stake_u256_add(&e.to_user, &e.to_user, &e.debt_repaid)) != STAKE_OK ||
            (rc = stake_u256_sub(&e.after.debt, &e.after.debt, &e.debt_repaid)) != STAKE_OK)
            return rc;
    }
    if ((rc = stake_u256_sub(&e.after.node_bond, &e.after.node_bond, &e.node_share)) != STAKE_OK ||
        (rc = stake_u256_sub(&e.after.user_capital, &e.after.user_capital, &e.user_share)) !=
            STAKE_OK)
        return rc;
    *out = e;
    return STAKE_OK;
}

stake_rc stake_rocketpool_megapool_rewards(stake_rocketpool_rewards *out,
                                           const stake_rocketpool_revenue *rev,
                                           const stake_u256 *amount, const stake_u256 *debt)
{
    if (!out || !rev || rev->version != STAKE_ROCKETPOOL_REVENUE_VERSION || !amount || !debt)
        return STAKE_EINVAL;
    stake_rocketpool_rewards r;
    memset(&r, 0, sizeof r);
    stake_rc rc;
    if (stake__u256_is_zero(amount)) {
        /* Nothing to split and _distributeAmount returns early. */
    } else if (rev->last_distribution_time == 0) {
        r.node = *amount;
    } else {
        /* The contract's requires, checked before the unchecked block. */
        stake_u256 shares;
        if (stake__risk_lt(&stake__risk_ether, &rev->average_capital_ratio))
            return STAKE_EINVAL;   /* "Invalid average capital ratio" */
        if ((rc = stake_u256_add(&shares, &rev->voter_share, &rev->protocol_dao_share)) != STAKE_OK ||
            (rc = stake_u256_add(&shares, &shares, &rev->reth_share)) != STAKE_OK)
            return rc;
        if (stake__risk_lt(&stake__risk_ether, &shares))
            return STAKE_EINVAL;   /* "Invalid shares" */
        /* unchecked: products and differences wrap modulo 2^256. */
        stake_u256 t = stake__risk_wrapping_mul(amount, &rev->average_capital_ratio), borrowed;
        if ((rc = stake_u256_div(&t, &t, &stake__risk_ether)) != STAKE_OK)
            return rc;
        borrowed = stake__risk_wrapping_sub(amount, &t);
        t = stake__risk_wrapping_mul(&rev->reth_share, &borrowed);
        if ((rc = stake_u256_div(&r.reth, &t, &stake__risk_ether)) != STAKE_OK)
            return rc;
        t = stake__risk_wrapping_mul(&rev->voter_share, &borrowed);
        if ((rc = stake_u256_div(&r.voter, &t, &stake__risk_ether)) != STAKE_OK)
            return rc;
        t = stake__risk_wrapping_mul(&rev->protocol_dao_share, &borrowed);
        if ((rc = stake_u256_div(&r.protocol_dao, &t, &stake__risk_ether)) != STAKE_OK)
            return rc;
        t = stake__risk_wrapping_sub(amount, &r.reth);
        t = stake__risk_wrapping_sub(&t, &r.voter);
        r.node = stake__risk_wrapping_sub(&t, &r.protocol_dao);
    }
    /* _distributeAmount: the node's rewards repay its debt first. */
    r.debt_after = *debt;
    if (!stake__u256_is_zero(amount) && !stake__u256_is_zero(debt)) {
        r.debt_repaid = *stake__risk_min(&r.node, debt);
        if ((rc = stake_u256_sub(&r.node, &r.node, &r.debt_repaid)) != STAKE_OK ||
            (rc = stake_u256_sub(&r.debt_after, debt, &r.debt_repaid)) != STAKE_OK)
            return rc;
    }
    *out = r;
    return STAKE_OK;
}

stake_rc stake_rocketpool_megapool_claim(stake_u256 *to_node, stake_u256 *debt_repaid,
                                         const stake_u256 *refund_value, const stake_u256 *debt)
{
    if (!to_node || !debt_repaid || !refund_value || !debt)
        return STAKE_EINVAL;
    stake_u256 repaid = *stake__risk_min(refund_value, debt), rest;
    stake_rc rc = stake_u256_sub(&rest, refund_value, &repaid);
    if (rc != STAKE_OK)
        return rc;
    *to_node = rest;
    *debt_repaid = repaid;
    return STAKE_OK;
}
