/*
 * rETH's exchange rate and the RPIP-61 rate check as pure functions of the
 * reported totals (RocketTokenRETH.sol, RocketNetworkBalances.sol).
 *
 * getEthValue and getRethValue are SafeMath code: the product is checked
 * before the division (a product of 2^256 or more is refused even when
 * the quotient would fit), so they are STAKE_PRODUCT_CHECKED conversions
 * applied by the core. A zero reported supply means 1:1, written as
 * num = den = 1 so that a batch needs no special case.
 */
#include "reth_internal.h"

const stake_u256 stake__reth_calc_base = STAKE_U256_C(1000000000000000000ULL);

static stake_rc build(stake_conversion *out, const stake_reth_totals *t,
                      stake_reth_direction direction)
{
    stake_conversion c;
    memset(&c, 0, sizeof c);     /* no input bound */
    c.rounding = STAKE_ROUND_FLOOR;
    c.product = STAKE_PRODUCT_CHECKED;
    if (stake__u256_is_zero(&t->reth_supply)) {
        /* "Use 1:1 ratio if no rETH is minted" (both directions) */
        c.num.w[0] = 1;
        c.den.w[0] = 1;
    } else if (direction == STAKE_RETH_TO_ETH) {
        c.num = t->total_eth;
        c.den = t->reth_supply;
    } else {
        /* getRethValue: require(totalEthBalance > 0), before the product */
        if (stake__u256_is_zero(&t->total_eth))
            return STAKE_EZEROSUPPLY;
        c.num = t->reth_supply;
        c.den = t->total_eth;
    }
    *out = c;
    return STAKE_OK;
}

stake_rc stake_reth_conversion(stake_conversion *out, const stake_reth_totals *totals,
                               stake_reth_direction direction)
{
    if (!out || !totals || (unsigned)direction > STAKE_RETH_FROM_ETH)
        return STAKE_EINVAL;
    return build(out, totals, direction);
}

static stake_rc apply(stake_u256 *out, const stake_reth_totals *totals,
                      stake_reth_direction direction, const stake_u256 *x)
{
    if (!out || !totals || !x)
        return STAKE_EINVAL;
    stake_conversion c;
    stake_rc rc = build(&c, totals, direction);
    if (rc != STAKE_OK)
        return rc;
    return stake_convert(out, &c, x);
}

stake_rc stake_reth_eth_value(stake_u256 *out, const stake_reth_totals *totals,
                              const stake_u256 *reth)
{
    return apply(out, totals, STAKE_RETH_TO_ETH, reth);
}

stake_rc stake_reth_reth_value(stake_u256 *out, const stake_reth_totals *totals,
                               const stake_u256 *eth)
{
    return apply(out, totals, STAKE_RETH_FROM_ETH, eth);
}

stake_rc stake_reth_exchange_rate(stake_u256 *out, const stake_reth_totals *totals)
{
    return apply(out, totals, STAKE_RETH_TO_ETH, &stake__reth_calc_base);
}

/* calcBase * eth / supply, both steps checked as in Solidity 0.8. */
static stake_rc ratio(stake_u256 *out, const stake_reth_totals *t)
{
    stake_u256 p;
    stake_rc rc = stake_u256_mul(&p, &stake__reth_calc_base, &t->total_eth);
    if (rc != STAKE_OK)
        return rc;
    if (stake__u256_is_zero(&t->reth_supply))
        return STAKE_EZEROSUPPLY;    /* the contract divides by zero */
    return stake_u256_div(out, &p, &t->reth_supply);
}

/*
 * RocketNetworkBalances.updateBalances (v4), the RPIP-61 part, in its
 * order: nothing is checked while no total ETH has been reported (the
 * first report); otherwise the current ratio, the new ratio and
 * maxChange = currentRatio * maxDelta / calcBase, every product checked.
 */
stake_rc stake_reth_check_rate_change(const stake_reth_totals *old_totals,
                                      const stake_reth_totals *new_totals,
                                      const stake_u256 *max_delta)
{
    if (!old_totals || !new_totals || !max_delta)
        return STAKE_EINVAL;
    if (stake__u256_is_zero(&old_totals->total_eth))
        return STAKE_OK;
    stake_u256 current, next, max_change, change;
    stake_rc rc = ratio(&current, old_totals);
    if (rc == STAKE_OK)
        rc = ratio(&next, new_totals);
    if (rc == STAKE_OK)
        rc = stake_u256_mul(&max_change, &current, max_delta);
    if (rc == STAKE_OK)
        rc = stake_u256_div(&max_change, &max_change, &stake__reth_calc_base);
    if (rc != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&next, &current) > 0)
        rc = stake_u256_sub(&change, &next, &current);
    else
        rc = stake_u256_sub(&change, &current, &next);
    if (rc != STAKE_OK)
        return rc;
    return stake_u256_cmp(&change, &max_change) > 0 ? STAKE_ERATECHANGE : STAKE_OK;
}
