/*
 * The arithmetic WithdrawalQueueBase applies everywhere: the stETH and
 * shares of a range of requests, the range's floored rate (_calcBatch),
 * and the price of a range at a maximum share rate. The same rule prices
 * a batch in prefinalize, a request in calculateFinalizationBatches and a
 * request at claim time (_calculateClaimableEther): the range's nominal
 * stETH, unless its FLOORED rate is above the maximum, in which case
 * floor(shares * max / 1e27). Because the comparison uses the floored
 * rate, a range whose exact rate lies in (max, max + 1) keeps its nominal
 * value, which can be 1 wei above floor(shares * max / 1e27): not a min().
 */
#include "queue_internal.h"
#include "../core/limbs.h"

stake_rc stake__queue_above(int *above, const stake_u256 *steth, const stake_u256 *shares,
                            const stake_u256 *max_share_rate)
{
    if (stake__u256_is_zero(shares))
        return STAKE_EDIVZERO;
    /* floor(steth * 1e27 / shares) > max  <=>  steth * 1e27 >= (max + 1) *
     * shares, exactly (floor(a / b) >= m + 1 iff a >= (m + 1) * b), which
     * spares a division. Products in up to nine limbs, trimmed to the
     * significant ones (two each for real amounts). */
    static const limb one[4] = { 1, 0, 0, 0 };
    limb m1[5], lhs[9] = { 0 }, rhs[9] = { 0 };
    m1[4] = limbs_add(m1, max_share_rate->w, one, 4);
    int sn = limbs_len(steth->w, 4), hn = limbs_len(shares->w, 4), mn = limbs_len(m1, 5);
    limbs_mul(lhs, steth->w, sn, stake__queue_e27.w, 2);
    limbs_mul(rhs, m1, mn, shares->w, hn);
    *above = limbs_cmp(lhs, rhs, 9) >= 0;
    return STAKE_OK;
}

stake_rc stake__queue_discounted(stake_u256 *out, const stake_u256 *shares,
                                 const stake_u256 *max_share_rate)
{
    /* shares * _maxShareRate / E27_PRECISION_BASE. The contract checks the
     * product, but it cannot overflow where this is used (see the
     * header), so the exact mulDiv gives the same floor. */
    return stake_u256_muldiv(out, shares, max_share_rate, &stake__queue_e27, STAKE_ROUND_FLOOR);
}

stake_rc stake__queue_batch_value(stake_u256 *eth, int *above_out, stake_u256 *shares_out,
                                  const stake_queue *q, uint64_t prev, uint64_t end,
                                  const stake_u256 *max_share_rate)
{
    stake_u256 steth, shares, value;
    int above;
    stake__queue_range(&steth, &shares, q, prev, end);
    stake_rc rc = stake__queue_above(&above, &steth, &shares, max_share_rate);
    if (rc != STAKE_OK)
        return rc;
    if (above) {
        if ((rc = stake__queue_discounted(&value, &shares, max_share_rate)) != STAKE_OK)
            return rc;
    } else {
        value = steth;
    }
    *eth = value;
    if (above_out)
        *above_out = above;
    if (shares_out)
        *shares_out = shares;
    return STAKE_OK;
}

uint64_t stake__queue_cp_of(const stake_queue *q, uint64_t id)
{
    if (id == 0 || id > q->last_finalized_id || q->last_cp == 0)
        return 0;
    /* The greatest index whose first id is at most id; checkpoint 1
     * starts at id 1, so there is one. */
    uint64_t lo = 1, hi = q->last_cp;
    while (hi > lo) {
        uint64_t mid = lo + (hi - lo + 1) / 2;
        if (q->cps[mid].from_id <= id)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

uint64_t stake__queue_cp_end(const stake_queue *q, uint64_t index)
{
    return index < q->last_cp ? q->cps[index + 1].from_id - 1 : q->last_finalized_id;
}
