/*
 * EigenLayer's slashing arithmetic (slashing release): SlashingLib's WAD
 * products and the deposit scaling factor, the queue's scaled shares,
 * AllocationManager.slashOperator's magnitudes, DelegationManager's
 * slashOperatorShares, EigenPodManager's beacon-chain slashing factor.
 * Solidity 0.8: checked arithmetic; every WAD product is OpenZeppelin's
 * 512-bit mulDiv, so an intermediate never overflows, only a result does.
 */
#include "risk_internal.h"

/* SlashingLib's three WAD products, with the reverts of Math.mulDiv. */
static stake_rc mul_wad(stake_u256 *out, const stake_u256 *x, const stake_u256 *y)
{
    return stake_u256_muldiv(out, x, y, &stake__risk_ether, STAKE_ROUND_FLOOR);
}

static stake_rc mul_wad_up(stake_u256 *out, const stake_u256 *x, const stake_u256 *y)
{
    return stake_u256_muldiv(out, x, y, &stake__risk_ether, STAKE_ROUND_CEIL);
}

static stake_rc div_wad(stake_u256 *out, const stake_u256 *x, const stake_u256 *y)
{
    return stake_u256_muldiv(out, x, &stake__risk_ether, y, STAKE_ROUND_FLOOR);
}

/* DepositScalingFactor.scalingFactor(): storage starts at 0, read as WAD. */
static const stake_u256 *scaling_or_wad(const stake_u256 *k)
{
    return stake__u256_is_zero(k) ? &stake__risk_ether : k;
}

/* The low 64 bits, as Solidity's explicit uint64(x) cast truncates. Every
 * caller has a value bounded by a uint64 input, so nothing is lost. */
static uint64_t low64(const stake_u256 *v)
{
    return v->w[0];
}

stake_rc stake_eigen_slashing_factor(stake_u256 *out, uint64_t max_magnitude,
                                     uint64_t beacon_factor)
{
    if (!out)
        return STAKE_EINVAL;
    stake_u256 m = stake__risk_u64(max_magnitude), l = stake__risk_u64(beacon_factor);
    return mul_wad(out, &m, &l);
}

stake_rc stake_eigen_withdrawable(stake_u256 *out, const stake_u256 *deposit_shares,
                                  const stake_u256 *scaling_factor,
                                  const stake_u256 *slashing_factor)
{
    if (!out)
        return STAKE_EINVAL;
    /* calcWithdrawable is the first half of queueing a withdrawal. */
    return stake_eigen_queue_withdrawal(out, NULL, deposit_shares, scaling_factor,
                                        slashing_factor);
}

stake_rc stake_eigen_deposit_shares(stake_u256 *out, const stake_u256 *withdrawable,
                                    const stake_u256 *scaling_factor,
                                    const stake_u256 *slashing_factor)
{
    if (!out || !withdrawable || !scaling_factor || !slashing_factor)
        return STAKE_EINVAL;
    stake_u256 unscaled, r;
    stake_rc rc = div_wad(&unscaled, withdrawable, scaling_or_wad(scaling_factor));
    if (rc != STAKE_OK || (rc = div_wad(&r, &unscaled, slashing_factor)) != STAKE_OK)
        return rc;
    *out = r;
    return STAKE_OK;
}

stake_rc stake_eigen_update_scaling_factor(stake_u256 *out, const stake_u256 *scaling_factor,
                                           const stake_u256 *prev_deposit_shares,
                                           const stake_u256 *added_shares,
                                           const stake_u256 *slashing_factor)
{
    if (!out || !scaling_factor || !prev_deposit_shares || !added_shares || !slashing_factor)
        return STAKE_EINVAL;
    /* _increaseDelegation refuses before anything else, so that update()
     * never divides by a zero factor. */
    if (stake__u256_is_zero(slashing_factor))
        return STAKE_EFULLYSLASHED;
    if (stake__u256_is_zero(added_shares)) {
        *out = *scaling_factor;
        return STAKE_OK;
    }
    stake_u256 k;
    stake_rc rc;
    if (stake__u256_is_zero(prev_deposit_shares)) {
        if ((rc = div_wad(&k, scaling_or_wad(scaling_factor), slashing_factor)) != STAKE_OK)
            return rc;
        *out = k;
        return STAKE_OK;
    }
    /* Keep what the staker can withdraw now, plus the new shares, spread
     * over the new deposit shares. */
    stake_u256 current, new_shares, new_deposit, per_share;
    if ((rc = stake_eigen_withdrawable(&current, prev_deposit_shares, scaling_factor,
                                       slashing_factor)) != STAKE_OK ||
        (rc = stake_u256_add(&new_shares, &current, added_shares)) != STAKE_OK ||
        (rc = stake_u256_add(&new_deposit, prev_deposit_shares, added_shares)) != STAKE_OK ||
        (rc = div_wad(&per_share, &new_shares, &new_deposit)) != STAKE_OK ||
        (rc = div_wad(&k, &per_share, slashing_factor)) != STAKE_OK)
        return rc;
    if (stake__u256_is_zero(&k))
        return STAKE_EZEROSCALING;
    *out = k;
    return STAKE_OK;
}

stake_rc stake_eigen_queue_withdrawal(stake_u256 *withdrawable, stake_u256 *scaled,
                                      const stake_u256 *deposit_shares,
                                      const stake_u256 *scaling_factor,
                                      const stake_u256 *slashing_factor)
{
    if ((!withdrawable && !scaled) || !deposit_shares || !scaling_factor || !slashing_factor)
        return STAKE_EINVAL;
    /* calcWithdrawable's first product is the scaled amount itself, so
     * one mulDiv serves both. */
    stake_u256 w, s;
    stake_rc rc = mul_wad(&s, deposit_shares, scaling_or_wad(scaling_factor));
    if (rc != STAKE_OK || (rc = mul_wad(&w, &s, slashing_factor)) != STAKE_OK)
        return rc;
    if (withdrawable)
        *withdrawable = w;
    if (scaled)
        *scaled = s;
    return STAKE_OK;
}

stake_rc stake_eigen_complete_withdrawal(stake_u256 *out, const stake_u256 *scaled,
                                         const stake_u256 *slashing_factor)
{
    if (!out || !scaled || !slashing_factor)
        return STAKE_EINVAL;
    return mul_wad(out, scaled, slashing_factor);
}

stake_rc stake_eigen_allocation_init(stake_eigen_allocation *allocation, unsigned version)
{
    if (!allocation || version != STAKE_EIGEN_ALLOCATION_VERSION)
        return STAKE_EINVAL;
    memset(allocation, 0, sizeof *allocation);
    allocation->version = version;
    allocation->max_magnitude = STAKE_EIGEN_WAD;
    return STAKE_OK;
}

/* a - b on the uint64 magnitudes, with the checked subtraction's revert. */
static stake_rc sub64(uint64_t *out, uint64_t a, uint64_t b)
{
    if (b > a)
        return STAKE_EUNDERFLOW;
    *out = a - b;
    return STAKE_OK;
}

stake_rc stake_eigen_slash_operator(stake_eigen_slash *out, const stake_eigen_allocation *alloc,
                                    const stake_u256 *wad_to_slash)
{
    if (!out || !alloc || alloc->version != STAKE_EIGEN_ALLOCATION_VERSION || !wad_to_slash)
        return STAKE_EINVAL;
    if (stake__u256_is_zero(wad_to_slash) || stake__risk_lt(&stake__risk_ether, wad_to_slash))
        return STAKE_EINVALIDSLASH;
    stake_eigen_slash r;
    memset(&r, 0, sizeof r);
    r.after = *alloc;
    r.prev_max_magnitude = r.new_max_magnitude = alloc->max_magnitude;
    if (alloc->current_magnitude == 0) {
        r.skipped = 1;
        *out = r;
        return STAKE_OK;
    }
    /* Rounded up: an operator slashed many times by tiny proportions
     * still loses magnitude each time and can reach 0. */
    stake_u256 current = stake__risk_u64(alloc->current_magnitude), slashed, max;
    stake_rc rc = mul_wad_up(&slashed, &current, wad_to_slash);
    if (rc != STAKE_OK)
        return rc;
    r.slashed_magnitude = low64(&slashed);
    max = stake__risk_u64(alloc->max_magnitude);
    if ((rc = div_wad(&r.wad_slashed, &slashed, &max)) != STAKE_OK ||
        (rc = sub64(&r.after.current_magnitude, alloc->current_magnitude,
                    r.slashed_magnitude)) != STAKE_OK ||
        (rc = sub64(&r.after.max_magnitude, alloc->max_magnitude, r.slashed_magnitude)) !=
            STAKE_OK ||
        (rc = sub64(&r.after.encumbered_magnitude, alloc->encumbered_magnitude,
                    r.slashed_magnitude)) != STAKE_OK)
        return rc;
    if (alloc->pending_deallocation != 0) {
        /* A deallocation in flight frees less once it completes. */
        stake_u256 pending = stake__risk_u64(alloc->pending_deallocation), cut;
        if ((rc = mul_wad_up(&cut, &pending, wad_to_slash)) != STAKE_OK)
            return rc;
        r.slashed_pending = low64(&cut);
        r.after.pending_deallocation = alloc->pending_deallocation - r.slashed_pending;
    }
    r.new_max_magnitude = r.after.max_magnitude;
    *out = r;
    return STAKE_OK;
}

/* SlashingLib.calcSlashedAmount: shares - ce(shares * new / prev), the
 * remainder rounded up so the operator never keeps less than its stakers
 * can withdraw. */
static stake_rc slashed_amount(stake_u256 *out, const stake_u256 *shares, const stake_u256 *prev,
                               const stake_u256 *next)
{
    stake_u256 kept;
    stake_rc rc = stake_u256_muldiv(&kept, shares, next, prev, STAKE_ROUND_CEIL);
    return rc != STAKE_OK ? rc : stake_u256_sub(out, shares, &kept);
}

stake_rc stake_eigen_slash_operator_shares(stake_u256 *operator_slashed, stake_u256 *to_burn,
                                           const stake_u256 *operator_shares,
                                           const stake_u256 *queued_scaled_shares,
                                           uint64_t prev_max_magnitude, uint64_t new_max_magnitude)
{
    if ((!operator_slashed && !to_burn) || !operator_shares || !queued_scaled_shares)
        return STAKE_EINVAL;
    stake_u256 prev = stake__risk_u64(prev_max_magnitude), next = stake__risk_u64(new_max_magnitude);
    stake_u256 from_operator, from_queue = stake__risk_zero, burn;
    stake_rc rc = slashed_amount(&from_operator, operator_shares, &prev, &next);
    if (rc != STAKE_OK)
        return rc;
    /* Queued withdrawals stay slashable for the delay: their scaled shares
     * are first valued at the old magnitude, then cut like the operator's. */
    if (prev_max_magnitude != 0) {
        stake_u256 queued;
        if ((rc = mul_wad(&queued, queued_scaled_shares, &prev)) != STAKE_OK ||
            (rc = slashed_amount(&from_queue, &queued, &prev, &next)) != STAKE_OK)
            return rc;
    }
    if ((rc = stake_u256_add(&burn, &from_operator, &from_queue)) != STAKE_OK)
        return rc;
    if (operator_slashed)
        *operator_slashed = from_operator;
    if (to_burn)
        *to_burn = burn;
    return STAKE_OK;
}

stake_rc stake_eigen_beacon_chain_slash(uint64_t *new_factor, uint64_t *factor_decrease,
                                        uint64_t prev_factor,
                                        const stake_u256 *prev_restaked_balance,
                                        const stake_u256 *decrease)
{
    if ((!new_factor && !factor_decrease) || !prev_restaked_balance || !decrease)
        return STAKE_EINVAL;
    stake_u256 remaining, factor = stake__risk_u64(prev_factor), next;
    stake_rc rc = stake_u256_sub(&remaining, prev_restaked_balance, decrease);
    if (rc != STAKE_OK ||
        (rc = stake_u256_muldiv(&next, &factor, &remaining, prev_restaked_balance,
                                STAKE_ROUND_FLOOR)) != STAKE_OK)
        return rc;
    /* remaining <= prev, so next <= prev_factor: the casts are exact. */
    if (new_factor)
        *new_factor = low64(&next);
    if (factor_decrease)
        *factor_decrease = prev_factor - low64(&next);
    return STAKE_OK;
}
