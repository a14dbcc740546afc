/*
 * What rounding leaves behind. A finalization locks ether per batch
 * (prefinalize prices each batch from its aggregate rate) while each
 * request claims its own amount, so the two differ:
 *
 *  - per-request floors: the sum of floor(shares_i * rate / 1e27) is at
 *    most floor(sum of shares_i * rate / 1e27), a wei or so per request;
 *  - mixed batches: a batch is priced at its nominal stETH when its
 *    aggregate rate is at or below the maximum, yet a request inside it
 *    whose own rate is above the maximum claims the discounted amount
 *    (and the converse for a discounted batch holding a request priced at
 *    its nominal amount);
 *  - finalize itself may lock less than prefinalize asks (the caller
 *    chooses), in which case claims can exceed the lock.
 *
 * Nothing ever takes the difference out: Lido leaves it in the queue for
 * ever. This is computed on demand, O(requests of the finalization), so
 * that finalize stays O(1); the claimed total is kept as claims happen.
 */
#include "queue_internal.h"

stake_rc stake_queue_checkpoint_dust(stake_queue_dust *out, const stake_queue *queue,
                                     uint64_t index)
{
    if (!out || !queue)
        return STAKE_EINVAL;
    if (index == 0 || index > queue->last_cp)
        return STAKE_ERANGE;
    const struct stake__queue_cp *cp = &queue->cps[index];
    uint64_t from = cp->from_id, to = stake__queue_cp_end(queue, index);
    stake_queue_dust d;
    memset(&d, 0, sizeof d);
    d.locked = cp->locked;
    d.claimed = cp->claimed;
    d.requests = to - from + 1;
    for (uint64_t id = from; id <= to; id++) {
        stake_u256 eth;
        stake_rc rc = stake__queue_batch_value(&eth, NULL, NULL, queue, id - 1, id,
                                               &cp->max_share_rate);
        if (rc != STAKE_OK)
            return rc;
        (void)stake__q_add(&d.claimable, &d.claimable, &eth);   /* below the total stETH */
        d.claimed_requests += queue->reqs[id].claimed != 0;
    }
    if (stake_u256_cmp(&d.locked, &d.claimable) >= 0)
        (void)!stake_u256_sub(&d.dust, &d.locked, &d.claimable);
    else
        (void)!stake_u256_sub(&d.shortfall, &d.claimable, &d.locked);
    *out = d;
    return STAKE_OK;
}
