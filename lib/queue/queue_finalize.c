/*
 * Finalization: the oracle's off-chain batch calculation
 * (calculateFinalizationBatches), the on-chain price of the batches
 * (prefinalize) and the finalization itself (_finalize).
 *
 * The batches exist because finalization prices ranges, not requests:
 * a batch is made of requests all on one side of the maximum share rate
 * (or placed under the same report, whose rates differ only by rounding),
 * and prefinalize prices each batch from its aggregate rate through the
 * prefix sums, in O(batches). Claims later price each request on its own.
 */
#include "queue_internal.h"

stake_rc stake_queue_batches_init(stake_queue_batches *state, const stake_u256 *eth_budget)
{
    if (!state || !eth_budget)
        return STAKE_EINVAL;
    memset(state, 0, sizeof *state);
    state->remaining_eth_budget = *eth_budget;
    return STAKE_OK;
}

stake_rc stake_queue_calculate_batches(stake_queue_batches *state, const stake_queue *queue,
                                       const stake_u256 *max_share_rate, uint64_t max_timestamp,
                                       uint64_t max_requests_per_call)
{
    if (!state || !queue || !max_share_rate)
        return STAKE_EINVAL;
    const stake_queue *q = queue;
    /* The contract works on its memory copy of the state and returns it;
     * so do we, which leaves *state untouched on a refusal. */
    stake_queue_batches st = *state;
    if (st.finished || stake__u256_is_zero(&st.remaining_eth_budget))
        return STAKE_EBATCHSTATE;      /* InvalidState */
    /* A length past the array, or a last batch id of 0 or past the queue,
     * makes the contract index out of bounds or read its zero default
     * request and Panic. */
    if (st.length > STAKE_QUEUE_MAX_BATCHES)
        return STAKE_EBATCHSTATE;

    uint64_t cur;
    int prev_above = 0;   /* prevRequestShareRate > max (only read once a batch exists) */
    stake_rc rc;
    if (st.length == 0) {
        cur = q->last_finalized_id + 1;
    } else {
        uint64_t last_handled = st.batches[st.length - 1];
        if (last_handled == 0 || last_handled > q->last_request_id)
            return STAKE_EBATCHSTATE;
        cur = last_handled + 1;
        stake_u256 unused;
        rc = stake__queue_batch_value(&unused, &prev_above, NULL, q, last_handled - 1,
                                      last_handled, max_share_rate);
        if (rc != STAKE_OK)
            return rc;
    }
    /* nextCallRequestId = currentId + maxRequestsPerCall cannot overflow a
     * uint256; saturating at 2^64 - 1 keeps every comparison below the
     * same, since ids stay far below it. */
    uint64_t next_call = max_requests_per_call > UINT64_MAX - cur ? UINT64_MAX
                                                                   : cur + max_requests_per_call;
    uint64_t queue_length = q->last_request_id + 1;

    while (cur < queue_length && cur < next_call) {
        const struct stake__queue_req *req = &q->reqs[cur], *prev = &q->reqs[cur - 1];
        if (stake__queue_req_ts(req) > max_timestamp)
            break;                                             /* max timestamp break */
        /* the request's ether: nominal, or discounted above the rate */
        stake_u256 eth;
        int above;
        rc = stake__queue_batch_value(&eth, &above, NULL, q, cur - 1, cur, max_share_rate);
        if (rc != STAKE_OK)
            return rc;
        if (stake__q_cmp(&eth, &st.remaining_eth_budget) > 0)
            break;                                             /* budget break */
        (void)stake__q_sub(&st.remaining_eth_budget, &st.remaining_eth_budget, &eth);

        if (st.length != 0 &&
            (stake__queue_req_report_ts(prev) == stake__queue_req_report_ts(req) ||
             prev_above == above)) {
            st.batches[st.length - 1] = cur;                   /* extend the last batch */
        } else {
            /* The budget was already charged for this request: the
             * contract breaks here without refunding it, and so do we. */
            if (st.length == STAKE_QUEUE_MAX_BATCHES)
                break;
            st.batches[st.length++] = cur;                     /* a new batch */
        }
        prev_above = above;
        cur++;
    }
    st.finished = cur == queue_length || cur < next_call;
    *state = st;
    return STAKE_OK;
}

stake_rc stake_queue_prefinalize(stake_u256 *eth_to_lock, stake_u256 *shares_to_burn,
                                 const stake_queue *queue, const uint64_t *batches, size_t n,
                                 const stake_u256 *max_share_rate)
{
    if (!queue || !max_share_rate || (n > 0 && !batches))
        return STAKE_EINVAL;
    const stake_queue *q = queue;
    if (stake__u256_is_zero(max_share_rate))
        return STAKE_EZERORATE;
    if (n == 0)
        return STAKE_EBATCHES;                                 /* EmptyBatches */
    if (batches[0] <= q->last_finalized_id || batches[n - 1] > q->last_request_id)
        return STAKE_EINVALIDID;

    stake_u256 eth = { { 0 } }, burn = { { 0 } };
    uint64_t prev = q->last_finalized_id;
    for (size_t i = 0; i < n; i++) {
        uint64_t end = batches[i];
        if (end <= prev)
            return STAKE_EBATCHES;                             /* BatchesAreNotSorted */
        /* Only the last id was checked against the queue's end: a middle
         * one past it reads the contract's zero default request, and the
         * prefix-sum subtraction (or the division) Panics. */
        if (end > q->last_request_id)
            return STAKE_EBATCHES;
        stake_u256 value, shares;
        stake_rc rc = stake__queue_batch_value(&value, NULL, &shares, q, prev, end,
                                               max_share_rate);
        if (rc != STAKE_OK)
            return rc;
        /* both sums stay below the queue's total stETH and shares < 2^128 */
        (void)stake__q_add(&eth, &eth, &value);
        (void)stake__q_add(&burn, &burn, &shares);
        prev = end;
    }
    if (eth_to_lock)
        *eth_to_lock = eth;
    if (shares_to_burn)
        *shares_to_burn = burn;
    return STAKE_OK;
}

stake_rc stake__queue_check_finalize(const stake_queue *q, uint64_t last_id, const stake_u256 *eth)
{
    if (!q || !eth)
        return STAKE_EINVAL;
    /* finalize: _checkResumed; _finalize: InvalidRequestId twice,
     * TooMuchEtherToFinalize. No check of the rate: the contract accepts
     * zero. */
    if (q->paused)
        return STAKE_EPAUSED;
    if (last_id > q->last_request_id || last_id <= q->last_finalized_id)
        return STAKE_EINVALIDID;
    stake_u256 steth;
    stake_u256 a = stake__queue_u128(q->reqs[last_id].cum_steth);
    stake_u256 b = stake__queue_u128(q->reqs[q->last_finalized_id].cum_steth);
    stake_rc rc = stake_u256_sub(&steth, &a, &b);
    if (rc != STAKE_OK)
        return rc;
    if (stake_u256_cmp(eth, &steth) > 0)
        return STAKE_ETOOMUCHETHER;
    stake_u256 locked;
    return stake_u256_add(&locked, &q->locked, eth);
}

stake_rc stake_queue_finalize(stake_queue *queue, uint64_t last_id, const stake_u256 *eth,
                              const stake_u256 *max_share_rate)
{
    if (!queue || !eth || !max_share_rate)
        return STAKE_EINVAL;
    stake_rc rc = stake__queue_check_finalize(queue, last_id, eth);
    if (rc == STAKE_OK)
        rc = stake__queue_reserve(queue, 1);
    if (rc != STAKE_OK)
        return rc;
    /* A new checkpoint every time, even at the previous rate: the hint
     * of a request is the finalization that covered it. */
    struct stake__queue_cp *cp = &queue->cps[++queue->last_cp];
    cp->from_id = queue->last_finalized_id + 1;
    cp->max_share_rate = *max_share_rate;
    cp->locked = *eth;
    memset(&cp->claimed, 0, sizeof cp->claimed);
    (void)!stake_u256_add(&queue->locked, &queue->locked, eth);   /* checked above */
    queue->last_finalized_id = last_id;
    return STAKE_OK;
}
