/*
 * Claims: checkpoint hints (_findCheckpointHint, findCheckpointHints),
 * the claimable ether (_calculateClaimableEther, _getClaimableEther) and
 * the claim itself (_claim, claimWithdrawal).
 *
 * A hint is the index of the checkpoint (the finalization) that covered
 * a request; it carries the rate the request is priced at. The search
 * answers 0 for "not found" rather than refusing, and refuses only a bad
 * id or a bad range, exactly where the contract reverts.
 */
#include "queue_internal.h"

/* _findCheckpointHint(id, start, end). */
static stake_rc find_hint(uint64_t *out, const stake_queue *q, uint64_t id, uint64_t start,
                          uint64_t end)
{
    if (id == 0 || id > q->last_request_id)
        return STAKE_EINVALIDID;
    if (start == 0 || end > q->last_cp)
        return STAKE_EINVALIDRANGE;
    if (q->last_cp == 0 || id > q->last_finalized_id || start > end) {
        *out = 0;                                  /* NOT_FOUND */
        return STAKE_OK;
    }
    const struct stake__queue_cp *cp = q->cps;
    /* Right boundary: at or past end's first id, it is end if end is the
     * last checkpoint or id comes before the next one; otherwise the
     * range does not hold it. */
    if (id >= cp[end].from_id) {
        *out = (end == q->last_cp || id < cp[end + 1].from_id) ? end : 0;
        return STAKE_OK;
    }
    /* Left boundary. */
    if (id < cp[start].from_id) {
        *out = 0;
        return STAKE_OK;
    }
    /* Binary search in [start, end - 1] for the greatest first id <= id. */
    uint64_t lo = start, hi = end - 1;
    while (hi > lo) {
        uint64_t mid = lo + (hi - lo + 1) / 2;
        if (cp[mid].from_id <= id)
            lo = mid;
        else
            hi = mid - 1;
    }
    *out = lo;
    return STAKE_OK;
}

stake_rc stake_queue_find_checkpoint_hint(uint64_t *hint, const stake_queue *queue, uint64_t id,
                                          uint64_t start, uint64_t end)
{
    if (!hint || !queue)
        return STAKE_EINVAL;
    return find_hint(hint, queue, id, start, end);
}

/* findCheckpointHints: each search starts from the previous hint, even a
 * 0 (not found), after which the contract's next search reverts with
 * InvalidRequestIdRange. hints may be NULL: the walk then only checks. */
static stake_rc walk_hints(uint64_t *hints, const stake_queue *q, const uint64_t *ids, size_t n,
                           uint64_t first, uint64_t last)
{
    uint64_t prev = 0, hint;
    for (size_t i = 0; i < n; i++) {
        if (ids[i] < prev)
            return STAKE_EUNSORTED;
        stake_rc rc = find_hint(&hint, q, ids[i], first, last);
        if (rc != STAKE_OK)
            return rc;
        if (hints)
            hints[i] = hint;
        first = hint;
        prev = ids[i];
    }
    return STAKE_OK;
}

stake_rc stake_queue_find_checkpoint_hints(uint64_t *hints, const stake_queue *queue,
                                           const uint64_t *ids, size_t n, uint64_t first,
                                           uint64_t last)
{
    if (!queue || (n > 0 && (!hints || !ids)))
        return STAKE_EINVAL;
    /* A refusal can come from any id's search, so a first walk checks them
     * all and hints is written only on success. */
    stake_rc rc = walk_hints(NULL, queue, ids, n, first, last);
    if (rc != STAKE_OK)
        return rc;
    return walk_hints(hints, queue, ids, n, first, last);
}

/* _calculateClaimableEther: the hint's checks, then the request priced at
 * the checkpoint's rate (queue_math.c: the floored-rate comparison). */
static stake_rc claimable(stake_u256 *out, const stake_queue *q, uint64_t id, uint64_t hint)
{
    if (hint == 0 || hint > q->last_cp)
        return STAKE_EBADHINT;
    const struct stake__queue_cp *cp = &q->cps[hint];
    if (id < cp->from_id)
        return STAKE_EBADHINT;
    if (hint < q->last_cp && q->cps[hint + 1].from_id <= id)
        return STAKE_EBADHINT;
    return stake__queue_batch_value(out, NULL, NULL, q, id - 1, id, &cp->max_share_rate);
}

stake_rc stake_queue_claimable_ether(stake_u256 *out, const stake_queue *queue, uint64_t id,
                                     uint64_t hint)
{
    if (!out || !queue)
        return STAKE_EINVAL;
    /* _getClaimableEther */
    if (id == 0 || id > queue->last_request_id)
        return STAKE_EINVALIDID;
    if (id > queue->last_finalized_id || queue->reqs[id].claimed) {
        memset(out, 0, sizeof *out);
        return STAKE_OK;
    }
    return claimable(out, queue, id, hint);
}

stake_rc stake_queue_claim(stake_u256 *eth_out, stake_queue *queue, uint64_t id, uint64_t hint,
                           const stake_address *caller)
{
    if (!queue || !caller)
        return STAKE_EINVAL;
    /* _claim: InvalidRequestId, RequestNotFoundOrNotFinalized,
     * RequestAlreadyClaimed, NotOwner, then the hint. */
    if (id == 0)
        return STAKE_EINVALIDID;
    if (id > queue->last_finalized_id)
        return STAKE_ENOTFINALIZED;
    struct stake__queue_req *r = &queue->reqs[id];
    if (r->claimed)
        return STAKE_EALREADYCLAIMED;
    if (!stake__address_eq(caller, &r->owner))
        return STAKE_ENOTOWNER;
    stake_u256 eth, locked, taken;
    stake_rc rc = claimable(&eth, queue, id, hint);
    if (rc != STAKE_OK)
        return rc;
    /* lockedEther - eth is checked arithmetic: a Panic on chain when the
     * queue holds less than the claim (only after a finalize that locked
     * less than prefinalize asked for). */
    if (stake__q_sub(&locked, &queue->locked, &eth))
        return STAKE_ENOTENOUGHETHER;
    struct stake__queue_cp *cp = &queue->cps[hint];
    /* below the queue's total stETH: cannot carry */
    (void)stake__q_add(&taken, &cp->claimed, &eth);
    r->claimed = 1;
    queue->locked = locked;
    cp->claimed = taken;
    if (eth_out)
        *eth_out = eth;
    return STAKE_OK;
}

stake_rc stake_queue_claim_unhinted(stake_u256 *eth_out, stake_queue *queue, uint64_t id,
                                    const stake_address *caller)
{
    if (!queue || !caller)
        return STAKE_EINVAL;
    /* claimWithdrawal(id): the hint over [1, lastCheckpointIndex] is
     * searched before _claim runs, so the search's refusals come first. */
    uint64_t hint;
    stake_rc rc = find_hint(&hint, queue, id, 1, queue->last_cp);
    if (rc != STAKE_OK)
        return rc;
    return stake_queue_claim(eth_out, queue, id, hint, caller);
}
