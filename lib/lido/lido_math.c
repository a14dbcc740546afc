/*
 * Lido's share arithmetic as pure functions of stake_lido_totals: the
 * conversions of StETH.sol and the fee formulas of the oracle report.
 *
 * Every conversion is a stake_conversion (num, den, floor or ceil, the
 * product as each version forms it, and V3's input bound of 2^128 - 1)
 * applied by the core; nothing here divides by hand.
 */
#include "stake/lido.h"
#include "lido_internal.h"
#include "../core/limbs.h"

const stake_u256 stake__lido_uint128_max = { { UINT64_MAX, UINT64_MAX, 0, 0 } };
const stake_u256 stake__lido_deposit_size = { { 0xbc16d674ec800000ULL, 0x1, 0, 0 } };  /* 32e18 */
const stake_u256 stake__lido_fee_precision = { { 0x6bc75e2d63100000ULL, 0x5, 0, 0 } }; /* 1e20 */

stake_rc stake__lido_check_totals(const stake_lido_totals *t)
{
    if (!t)
        return STAKE_EINVAL;
    if (t->version != STAKE_LIDO_V2 && t->version != STAKE_LIDO_V3)
        return STAKE_EINVAL;
    if (t->version == STAKE_LIDO_V2 &&
        (t->external_shares.w[0] | t->external_shares.w[1] | t->external_shares.w[2] |
         t->external_shares.w[3]))
        return STAKE_EINVAL;
    return STAKE_OK;
}

/* StETH.sol is 0.4.24 code. V2 converts with SafeMath's mul, which
 * reverts on overflow; V3 (and Lido._getExternalEther) multiplies with a
 * plain `*`, which wraps modulo 2^256 once the internal ether reaches
 * 2^128 wei: unreachable on mainnet, reproduced all the same. */
static stake_product lido_product(stake_lido_version version)
{
    return version == STAKE_LIDO_V3 ? STAKE_PRODUCT_WRAPPING : STAKE_PRODUCT_CHECKED;
}

stake_rc stake_lido_conversion(stake_conversion *out, const stake_lido_totals *totals,
                               stake_lido_direction direction)
{
    stake_rc rc = stake__lido_check_totals(totals);
    if (rc != STAKE_OK || !out)
        return STAKE_EINVAL;
    stake_conversion c;
    switch (direction) {
    case STAKE_LIDO_ETHER_TO_SHARES:
        c.num = totals->internal_shares;
        c.den = totals->internal_ether;
        c.rounding = STAKE_ROUND_FLOOR;
        break;
    case STAKE_LIDO_SHARES_TO_ETHER:
    case STAKE_LIDO_SHARES_TO_ETHER_ROUND_UP:
        c.num = totals->internal_ether;
        c.den = totals->internal_shares;
        c.rounding = direction == STAKE_LIDO_SHARES_TO_ETHER ? STAKE_ROUND_FLOOR : STAKE_ROUND_CEIL;
        break;
    default:
        return STAKE_EINVAL;
    }
    c.product = lido_product(totals->version);
    /* V3 guards every conversion: require(x < UINT128_MAX). */
    memset(&c.input_bound, 0, sizeof c.input_bound);
    if (totals->version == STAKE_LIDO_V3)
        c.input_bound = stake__lido_uint128_max;
    *out = c;
    return STAKE_OK;
}

static stake_rc convert(stake_u256 *out, const stake_lido_totals *totals,
                        stake_lido_direction direction, const stake_u256 *x)
{
    stake_conversion c;
    if (!out || !x)
        return STAKE_EINVAL;
    stake_rc rc = stake_lido_conversion(&c, totals, direction);
    if (rc != STAKE_OK)
        return rc;
    return stake_convert(out, &c, x);
}

stake_rc stake_lido_shares_by_pooled_eth(stake_u256 *out, const stake_lido_totals *totals,
                                         const stake_u256 *eth)
{
    return convert(out, totals, STAKE_LIDO_ETHER_TO_SHARES, eth);
}

stake_rc stake_lido_pooled_eth_by_shares(stake_u256 *out, const stake_lido_totals *totals,
                                         const stake_u256 *shares)
{
    return convert(out, totals, STAKE_LIDO_SHARES_TO_ETHER, shares);
}

/* Whether x * num as the conversion forms it is zero. */
static int product_is_zero(const stake_conversion *c, const stake_u256 *x)
{
    if (stake__u256_is_zero(x) || stake__u256_is_zero(&c->num))
        return 1;
    if (c->product != STAKE_PRODUCT_WRAPPING)
        return 0;
    stake_u256 low;
    limbs_mul_low4(low.w, x->w, c->num.w);
    return stake__u256_is_zero(&low);
}

stake_rc stake_lido_pooled_eth_by_shares_round_up(stake_u256 *out,
                                                  const stake_lido_totals *totals,
                                                  const stake_u256 *shares)
{
    if (!out || !shares)
        return STAKE_EINVAL;
    stake_conversion c;
    stake_rc rc = stake_lido_conversion(&c, totals, STAKE_LIDO_SHARES_TO_ETHER_ROUND_UP);
    if (rc != STAKE_OK)
        return rc;
    /* Math256.ceilDiv(a, b) returns 0 for a == 0 without dividing: when
     * the product is zero (zero shares, zero internal ether, or under V3
     * a product that wraps to zero), zero internal shares do not refuse.
     * Any non-zero divisor gives that 0, and the input bound is still
     * checked by the core. */
    if (stake__u256_is_zero(&c.den) && product_is_zero(&c, shares))
        c.den.w[0] = 1;
    return stake_convert(out, &c, shares);
}

stake_rc stake_lido_external_ether(stake_u256 *out, const stake_lido_totals *totals)
{
    stake_rc rc = stake__lido_check_totals(totals);
    if (rc != STAKE_OK || !out)
        return STAKE_EINVAL;
    /* V2 has no external ether. V3's Lido._getExternalEther always divides
     * ES * IE by IS, so zero internal shares refuse even when ES is 0. */
    if (totals->version == STAKE_LIDO_V2) {
        memset(out, 0, sizeof *out);
        return STAKE_OK;
    }
    stake_conversion c = { totals->internal_ether, totals->internal_shares, STAKE_ROUND_FLOOR,
                           lido_product(totals->version), { { 0, 0, 0, 0 } } };
    return stake_convert(out, &c, &totals->external_shares);
}

stake_rc stake_lido_total_pooled_ether(stake_u256 *out, const stake_lido_totals *totals)
{
    stake_u256 external;
    if (!out)
        return STAKE_EINVAL;
    stake_rc rc = stake_lido_external_ether(&external, totals);
    if (rc != STAKE_OK)
        return rc;
    return stake_u256_add(out, &totals->internal_ether, &external);
}

stake_rc stake_lido_total_shares(stake_u256 *out, const stake_lido_totals *totals)
{
    stake_rc rc = stake__lido_check_totals(totals);
    if (rc != STAKE_OK || !out)
        return STAKE_EINVAL;
    return stake_u256_add(out, &totals->internal_shares, &totals->external_shares);
}

/* ---- fees ------------------------------------------------------------------ */

stake_rc stake_lido_fee_shares_v2(stake_u256 *out, const stake_u256 *rewards,
                                  const stake_u256 *total_fee,
                                  const stake_u256 *pre_total_shares,
                                  const stake_u256 *pre_total_ether)
{
    if (!out || !rewards || !total_fee || !pre_total_shares || !pre_total_ether)
        return STAKE_EINVAL;
    /* R.mul(fee).mul(S).div((P.add(R)).mul(PREC).sub(R.mul(fee))), in
     * SafeMath's order of evaluation. */
    stake_u256 num, den, pr, rf, q;
    stake_rc rc;
    if ((rc = stake_u256_mul(&num, rewards, total_fee)) != STAKE_OK ||
        (rc = stake_u256_mul(&num, &num, pre_total_shares)) != STAKE_OK ||
        (rc = stake_u256_add(&pr, pre_total_ether, rewards)) != STAKE_OK ||
        (rc = stake_u256_mul(&den, &pr, &stake__lido_fee_precision)) != STAKE_OK ||
        (rc = stake_u256_mul(&rf, rewards, total_fee)) != STAKE_OK ||
        (rc = stake_u256_sub(&den, &den, &rf)) != STAKE_OK ||
        (rc = stake_u256_div(&q, &num, &den)) != STAKE_OK)
        return rc;
    *out = q;
    return STAKE_OK;
}

stake_rc stake_lido_fee_shares_v3(stake_u256 *out, stake_u256 *fee_ether, const stake_u256 *rewards,
                                  const stake_u256 *total_fee, const stake_u256 *internal_shares,
                                  const stake_u256 *post_internal_ether)
{
    if (!out || !rewards || !total_fee || !internal_shares || !post_internal_ether)
        return STAKE_EINVAL;
    /* Solidity 0.8 checked: feeEther = R * fee / 1e20;
     * shares = feeEther * IS / (IE - feeEther). */
    stake_u256 fe, num, den, q;
    stake_rc rc;
    if ((rc = stake_u256_mul(&num, rewards, total_fee)) != STAKE_OK ||
        (rc = stake_u256_div(&fe, &num, &stake__lido_fee_precision)) != STAKE_OK ||
        (rc = stake_u256_mul(&num, &fe, internal_shares)) != STAKE_OK ||
        (rc = stake_u256_sub(&den, post_internal_ether, &fe)) != STAKE_OK ||
        (rc = stake_u256_div(&q, &num, &den)) != STAKE_OK)
        return rc;
    *out = q;
    if (fee_ether)
        *fee_ether = fe;
    return STAKE_OK;
}

stake_rc stake_lido_module_fees(stake_u256 *fees, stake_u256 *total_fee,
                                const stake_lido_module *modules, size_t n)
{
    if (!total_fee || (n > 0 && (!fees || !modules)))
        return STAKE_EINVAL;
    stake_u256 total_active = { { 0 } }, total = { { 0 } };
    for (size_t i = 0; i < n; i++) {
        stake_u256 a = { { modules[i].active_validators, 0, 0, 0 } };
        if (stake_u256_add(&total_active, &total_active, &a) != STAKE_OK)
            return STAKE_EINVAL;
        if (modules[i].module_fee_bp > 10000 || modules[i].treasury_fee_bp > 10000)
            return STAKE_EINVAL;
    }
    stake_u256 *out = fees;
    if (n > 0 && stake__u256_is_zero(&total_active)) {
        /* No active validators: an empty distribution, total fee zero. */
        for (size_t i = 0; i < n; i++)
            memset(&out[i], 0, sizeof out[i]);
        memset(total_fee, 0, sizeof *total_fee);
        return STAKE_OK;
    }
    /* Compute into a local pass first so that outputs stay untouched if
     * the total turns out to exceed 100%. */
    static const stake_u256 bp = { { 10000, 0, 0, 0 } };
    for (size_t pass = 0; pass < 2; pass++) {
        memset(&total, 0, sizeof total);
        for (size_t i = 0; i < n; i++) {
            stake_u256 fee = { { 0 } };
            if (modules[i].active_validators > 0) {
                stake_u256 a = { { modules[i].active_validators, 0, 0, 0 } };
                stake_u256 share, mf, tf;
                stake_u256 mbp = { { modules[i].module_fee_bp, 0, 0, 0 } };
                stake_u256 tbp = { { modules[i].treasury_fee_bp, 0, 0, 0 } };
                if (stake_u256_muldiv(&share, &a, &stake__lido_fee_precision, &total_active,
                                      STAKE_ROUND_FLOOR) ||
                    stake_u256_muldiv(&mf, &share, &mbp, &bp, STAKE_ROUND_FLOOR) ||
                    stake_u256_muldiv(&tf, &share, &tbp, &bp, STAKE_ROUND_FLOOR) ||
                    stake_u256_add(&total, &total, &tf) || stake_u256_add(&total, &total, &mf))
                    return STAKE_EINVAL;
                if (!modules[i].stopped)
                    fee = mf;
            }
            if (pass == 1)
                out[i] = fee;
        }
        if (stake_u256_cmp(&total, &stake__lido_fee_precision) > 0)
            return STAKE_EINVAL;   /* the router asserts totalFee <= 100% */
    }
    *total_fee = total;
    return STAKE_OK;
}

stake_rc stake_lido_split_fee_shares(stake_u256 *module_shares, stake_u256 *treasury_shares,
                                     const stake_u256 *fee_shares, const stake_u256 *fees,
                                     size_t n, const stake_u256 *total_fee)
{
    if (!treasury_shares || !fee_shares || !total_fee || (n > 0 && (!module_shares || !fees)))
        return STAKE_EINVAL;
    stake_u256 rest = *fee_shares, sum = { { 0 } };
    /* First pass: validate and total, writing nothing. */
    for (size_t i = 0; i < n; i++) {
        if (stake__u256_is_zero(&fees[i]))
            continue;
        stake_u256 part;
        stake_rc rc = stake_u256_mul(&part, fee_shares, &fees[i]);
        if (rc == STAKE_OK)
            rc = stake_u256_div(&part, &part, total_fee);
        if (rc == STAKE_OK)
            rc = stake_u256_add(&sum, &sum, &part);
        if (rc != STAKE_OK)
            return rc;
    }
    stake_rc rc = stake_u256_sub(&rest, fee_shares, &sum);
    if (rc != STAKE_OK)
        return rc;   /* module fees above the total: inconsistent input */
    for (size_t i = 0; i < n; i++) {
        stake_u256 part = { { 0 } };
        if (!stake__u256_is_zero(&fees[i])) {
            if (stake_u256_mul(&part, fee_shares, &fees[i]) != STAKE_OK ||
                stake_u256_div(&part, &part, total_fee) != STAKE_OK)
                return STAKE_EINVAL;   /* cannot happen after the first pass */
        }
        module_shares[i] = part;
    }
    *treasury_shares = rest;
    return STAKE_OK;
}
