/*
 * Read-only views of the queue, as the contract's getters.
 */
#include "queue_internal.h"

uint64_t stake_queue_last_request_id(const stake_queue *queue)
{
    return queue ? queue->last_request_id : 0;
}

uint64_t stake_queue_last_finalized_id(const stake_queue *queue)
{
    return queue ? queue->last_finalized_id : 0;
}

uint64_t stake_queue_last_checkpoint_index(const stake_queue *queue)
{
    return queue ? queue->last_cp : 0;
}

uint64_t stake_queue_last_report_timestamp(const stake_queue *queue)
{
    return queue ? queue->last_report_ts : 0;
}

stake_rc stake_queue_locked_ether(stake_u256 *out, const stake_queue *queue)
{
    if (!out || !queue)
        return STAKE_EINVAL;
    *out = queue->locked;
    return STAKE_OK;
}

stake_rc stake_queue_unfinalized_steth(stake_u256 *out, const stake_queue *queue)
{
    if (!out || !queue)
        return STAKE_EINVAL;
    /* cum[lastRequestId].stETH - cum[lastFinalizedRequestId].stETH */
    stake_u256 a = stake__queue_u128(queue->reqs[queue->last_request_id].cum_steth);
    stake_u256 b = stake__queue_u128(queue->reqs[queue->last_finalized_id].cum_steth);
    return stake_u256_sub(out, &a, &b);
}

stake_rc stake_queue_request_status(stake_queue_status *out, const stake_queue *queue,
                                    uint64_t id)
{
    if (!out || !queue)
        return STAKE_EINVAL;
    if (id == 0 || id > queue->last_request_id)
        return STAKE_EINVALIDID;
    stake_queue_status s;
    memset(&s, 0, sizeof s);
    const struct stake__queue_req *p = &queue->reqs[id - 1], *r = &queue->reqs[id];
    stake_u256 a0 = stake__queue_u128(p->cum_steth), a1 = stake__queue_u128(r->cum_steth);
    stake_u256 h0 = stake__queue_u128(p->cum_shares), h1 = stake__queue_u128(r->cum_shares);
    stake_rc rc;
    if ((rc = stake_u256_sub(&s.amount, &a1, &a0)) != STAKE_OK ||
        (rc = stake_u256_sub(&s.shares, &h1, &h0)) != STAKE_OK)
        return rc;
    s.owner = r->owner;
    s.timestamp = stake__queue_req_ts(r);
    s.report_timestamp = stake__queue_req_report_ts(r);
    s.finalized = id <= queue->last_finalized_id;
    s.claimed = r->claimed != 0;
    *out = s;
    return STAKE_OK;
}

stake_rc stake_queue_checkpoint_at(stake_queue_checkpoint *out, const stake_queue *queue,
                                   uint64_t index)
{
    if (!out || !queue)
        return STAKE_EINVAL;
    if (index == 0 || index > queue->last_cp)
        return STAKE_ERANGE;
    const struct stake__queue_cp *c = &queue->cps[index];
    stake_queue_checkpoint cp;
    memset(&cp, 0, sizeof cp);
    cp.from_id = c->from_id;
    cp.to_id = stake__queue_cp_end(queue, index);
    cp.max_share_rate = c->max_share_rate;
    cp.locked_ether = c->locked;
    *out = cp;
    return STAKE_OK;
}
