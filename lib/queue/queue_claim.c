/*
 * Claims: checkpoint hints (_findCheckpointHint, findCheckpointHints),
 * the claimable ether (_calculateClaimableEther, _getClaimableEther) and
 * the claims themselves (_claim, claimWithdrawal, claimWithdrawals).
 *
 * A hint is the index of the checkpoint (the finalization) that covered
 * a request; it carries the rate the request is priced at. The search
 * answers 0 for "not found" rather than refusing, and refuses only a bad
 * id or a bad range, exactly where the contract reverts.
 */
#include "queue_internal.h"

#include <stdlib.h>

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

/* _claim's checks, in its order, for a request claimed by caller:
 * InvalidRequestId, RequestNotFoundOrNotFinalized, RequestAlreadyClaimed,
 * NotOwner, then the hint's; *eth receives what the request is paid. */
static stake_rc check_claim(stake_u256 *eth, const stake_queue *q, uint64_t id, uint64_t hint,
                            const stake_address *caller)
{
    if (id == 0)
        return STAKE_EINVALIDID;
    if (id > q->last_finalized_id)
        return STAKE_ENOTFINALIZED;
    const struct stake__queue_req *r = &q->reqs[id];
    if (r->claimed)
        return STAKE_EALREADYCLAIMED;
    if (!stake__address_eq(caller, &r->owner))
        return STAKE_ENOTOWNER;
    return claimable(eth, q, id, hint);
}

/* The claim's effects once it is known to succeed: the request marked,
 * the ether counted against its checkpoint (below the queue's total
 * stETH, so the sum cannot carry). */
static void apply_claim(stake_queue *q, uint64_t id, uint64_t hint, const stake_u256 *eth)
{
    struct stake__queue_cp *cp = &q->cps[hint];
    (void)stake__q_add(&cp->claimed, &cp->claimed, eth);
    q->reqs[id].claimed = 1;
}

stake_rc stake_queue_claim(stake_u256 *eth_out, stake_queue *queue, uint64_t id, uint64_t hint,
                           const stake_address *caller)
{
    if (!queue || !caller)
        return STAKE_EINVAL;
    stake_u256 eth, locked;
    stake_rc rc = check_claim(&eth, queue, id, hint, caller);
    if (rc != STAKE_OK)
        return rc;
    /* lockedEther - eth is checked arithmetic: a Panic on chain when the
     * queue holds less than the claim (only after a finalize that locked
     * less than prefinalize asked for). */
    if (stake__q_sub(&locked, &queue->locked, &eth))
        return STAKE_ENOTENOUGHETHER;
    apply_claim(queue, id, hint, &eth);
    queue->locked = locked;
    if (eth_out)
        *eth_out = eth;
    return STAKE_OK;
}

/*
 * claimWithdrawals(ids, hints): _claim for each element in turn, and the
 * first revert undoes them all. The first pass runs every check against
 * a running locked amount and marks each request claimed as it goes (so
 * that an id given twice is refused the second time, as on chain); a
 * refusal unmarks them. What each request is paid is kept aside, so the
 * second pass, which applies the claims, cannot fail.
 */
stake_rc stake_queue_claim_batch(stake_u256 *eth_amounts, stake_queue *queue,
                                 const uint64_t *request_ids, const uint64_t *hints, size_t n,
                                 const stake_address *caller, size_t *failed_index)
{
    if (!queue || !caller || (n > 0 && (!request_ids || !hints)))
        return STAKE_EINVAL;
    if (n == 0)
        return STAKE_OK;
    if (n > SIZE_MAX / sizeof(stake_u256))
        return STAKE_ENOMEM;
    stake_u256 *paid = malloc(n * sizeof *paid);
    if (!paid)
        return STAKE_ENOMEM;
    stake_u256 locked = queue->locked;
    stake_rc rc = STAKE_OK;
    size_t i;
    for (i = 0; i < n; i++) {
        rc = check_claim(&paid[i], queue, request_ids[i], hints[i], caller);
        if (rc == STAKE_OK && stake__q_sub(&locked, &locked, &paid[i]))
            rc = STAKE_ENOTENOUGHETHER;
        if (rc != STAKE_OK)
            break;
        queue->reqs[request_ids[i]].claimed = 1;
    }
    if (rc != STAKE_OK) {
        if (failed_index)
            *failed_index = i;
        while (i-- > 0)
            queue->reqs[request_ids[i]].claimed = 0;
        free(paid);
        return rc;
    }
    for (i = 0; i < n; i++) {
        apply_claim(queue, request_ids[i], hints[i], &paid[i]);
        if (eth_amounts)
            eth_amounts[i] = paid[i];
    }
    queue->locked = locked;
    free(paid);
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
