/*
 * The queue's invariants, verified by stake_queue_check() and by the
 * snapshot decoder on everything it reads. Each is something the
 * contract's code guarantees, so a state violating one cannot have come
 * from it.
 */
#include "queue_internal.h"

#define CORRUPT_IF(cond) do { if (cond) return STAKE_ECORRUPT; } while (0)

static int u128_lt(const uint64_t a[2], const uint64_t b[2])
{
    return a[1] < b[1] || (a[1] == b[1] && a[0] < b[0]);
}

/* The scalar fields and their relations. */
static stake_rc check_header(const stake_queue *q)
{
    CORRUPT_IF(stake_address_is_zero(&q->self));
    CORRUPT_IF(stake_u256_cmp(&q->min_amount, &q->max_amount) > 0);
    CORRUPT_IF(q->paused != 0 && q->paused != 1);
    CORRUPT_IF(q->clock >= STAKE_QUEUE_TIMESTAMP_LIMIT);
    /* onOracleReport wants both timestamps before the block's time. */
    CORRUPT_IF(q->last_report_ts != 0 && q->last_report_ts >= q->clock);
    CORRUPT_IF(q->bunker_since != STAKE_QUEUE_BUNKER_DISABLED && q->bunker_since >= q->clock);
    CORRUPT_IF(q->last_finalized_id > q->last_request_id);
    /* Each checkpoint covers at least one request, and there is one as
     * soon as anything is finalized. */
    CORRUPT_IF(q->last_cp > q->last_finalized_id);
    CORRUPT_IF((q->last_cp == 0) != (q->last_finalized_id == 0));
    CORRUPT_IF(q->req_cap < q->last_request_id + 1 || q->cp_cap < q->last_cp + 1);
    return STAKE_OK;
}

/* The requests: non-decreasing prefix sums whose steps are amounts within
 * the bounds, real owners, timestamps in order and no later than the
 * clock, claims only of finalized requests, and the dummy entry. */
static stake_rc check_requests(const stake_queue *q)
{
    const struct stake__queue_req *r = q->reqs;
    CORRUPT_IF(r[0].cum_steth[0] | r[0].cum_steth[1] | r[0].cum_shares[0] | r[0].cum_shares[1]);
    CORRUPT_IF(r[0].claimed != 1 || !stake_address_is_zero(&r[0].owner));
    CORRUPT_IF(stake__queue_req_ts(&r[0]) != 0 || stake__queue_req_report_ts(&r[0]) != 0);
    uint64_t prev_ts = 0;
    for (uint64_t id = 1; id <= q->last_request_id; id++) {
        const struct stake__queue_req *p = &r[id - 1], *c = &r[id];
        CORRUPT_IF(u128_lt(c->cum_steth, p->cum_steth) || u128_lt(c->cum_shares, p->cum_shares));
        stake_u256 a = stake__queue_u128(c->cum_steth), b = stake__queue_u128(p->cum_steth);
        (void)!stake_u256_sub(&a, &a, &b);
        CORRUPT_IF(stake_u256_cmp(&a, &q->min_amount) < 0 ||
                   stake_u256_cmp(&a, &q->max_amount) > 0);
        CORRUPT_IF(stake_address_is_zero(&c->owner));
        uint64_t ts = stake__queue_req_ts(c), rts = stake__queue_req_report_ts(c);
        CORRUPT_IF(ts < prev_ts || ts > q->clock);
        /* the report a request carries came before it */
        CORRUPT_IF(rts != 0 && rts >= ts);
        CORRUPT_IF(c->claimed > 1 || (c->claimed && id > q->last_finalized_id));
        prev_ts = ts;
    }
    return STAKE_OK;
}

/* The checkpoints: the dummy, then contiguous ranges starting at id 1,
 * each locking no more than its nominal stETH (TooMuchEtherToFinalize). */
static stake_rc check_checkpoints(const stake_queue *q)
{
    const struct stake__queue_cp *cp = q->cps;
    static const struct stake__queue_cp zero;
    CORRUPT_IF(memcmp(&cp[0], &zero, sizeof zero) != 0);
    for (uint64_t k = 1; k <= q->last_cp; k++) {
        CORRUPT_IF(k == 1 ? cp[k].from_id != 1 : cp[k].from_id <= cp[k - 1].from_id);
        CORRUPT_IF(cp[k].from_id > q->last_finalized_id);
    }
    for (uint64_t k = 1; k <= q->last_cp; k++) {
        uint64_t end = stake__queue_cp_end(q, k);
        stake_u256 a = stake__queue_u128(q->reqs[end].cum_steth);
        stake_u256 b = stake__queue_u128(q->reqs[cp[k].from_id - 1].cum_steth);
        (void)!stake_u256_sub(&a, &a, &b);
        CORRUPT_IF(stake_u256_cmp(&cp[k].locked, &a) > 0);
    }
    return STAKE_OK;
}

/* The ether: what each checkpoint's claimed requests took, recomputed,
 * and the locked ether = what the finalizations locked - what the claims
 * took. The checkpoints are the queue's own storage (the decoder's fresh
 * queue when filling), not the const view of it. */
static stake_rc check_ether(const stake_queue *q, int fill_claimed)
{
    stake_u256 total_locked = { { 0 } }, total_claimed = { { 0 } };
    for (uint64_t k = 1; k <= q->last_cp; k++) {
        struct stake__queue_cp *cp = &q->cps[k];
        uint64_t end = stake__queue_cp_end(q, k);
        stake_u256 taken = { { 0 } };
        for (uint64_t id = cp->from_id; id <= end; id++) {
            if (!q->reqs[id].claimed)
                continue;
            stake_u256 eth;
            /* a claimed request was priced once without failing */
            CORRUPT_IF(stake__queue_batch_value(&eth, NULL, NULL, q, id - 1, id,
                                                &cp->max_share_rate) != STAKE_OK);
            CORRUPT_IF(stake_u256_add(&taken, &taken, &eth) != STAKE_OK);
        }
        if (fill_claimed)
            cp->claimed = taken;
        else
            CORRUPT_IF(stake_u256_cmp(&taken, &cp->claimed) != 0);
        CORRUPT_IF(stake_u256_add(&total_locked, &total_locked, &cp->locked) != STAKE_OK);
        CORRUPT_IF(stake_u256_add(&total_claimed, &total_claimed, &taken) != STAKE_OK);
    }
    stake_u256 left;
    CORRUPT_IF(stake_u256_sub(&left, &total_locked, &total_claimed) != STAKE_OK);
    CORRUPT_IF(stake_u256_cmp(&left, &q->locked) != 0);
    return STAKE_OK;
}

stake_rc stake__queue_validate(const stake_queue *q, int fill_claimed)
{
    stake_rc rc;
    if ((rc = check_header(q)) != STAKE_OK || (rc = check_requests(q)) != STAKE_OK ||
        (rc = check_checkpoints(q)) != STAKE_OK)
        return rc;
    return check_ether(q, fill_claimed);
}

stake_rc stake_queue_check(const stake_queue *queue)
{
    if (!queue)
        return STAKE_EINVAL;
    return stake__queue_validate(queue, 0);
}
