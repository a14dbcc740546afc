/*
 * The queue's encoding inside a snapshot (see lib/snapshot/codec.h):
 *
 *   address, min amount, max amount (u256), paused (u8),
 *   clock, last report timestamp, bunker since (u64),
 *   last request id, last finalized id, last checkpoint index (u64),
 *   locked ether (u256),
 *   per request 1..last: cumulative stETH and shares (two u64 each, low
 *     first), owner, timestamp, report timestamp (u64), claimed (u8):
 *     69 bytes,
 *   per checkpoint 1..last: first id (u64), max share rate, locked ether
 *     (u256): 72 bytes.
 *
 * What claims took from each checkpoint is not stored: the decoder
 * recomputes it from the claimed flags, which also proves the locked
 * ether consistent (stake__queue_validate()).
 */
#include <stdlib.h>

#include "queue_internal.h"
#include "../snapshot/codec.h"

#define REQ_BYTES 69u
#define CP_BYTES 72u

stake_rc stake__queue_encode(const stake_queue *q, stake__writer *w)
{
    stake__put_address(w, &q->self);
    stake__put_u256(w, &q->min_amount);
    stake__put_u256(w, &q->max_amount);
    stake__put_u8(w, (uint8_t)(q->paused != 0));
    stake__put_u64(w, q->clock);
    stake__put_u64(w, q->last_report_ts);
    stake__put_u64(w, q->bunker_since);
    stake__put_u64(w, q->last_request_id);
    stake__put_u64(w, q->last_finalized_id);
    stake__put_u64(w, q->last_cp);
    stake__put_u256(w, &q->locked);
    for (uint64_t id = 1; id <= q->last_request_id && w->status == STAKE_OK; id++) {
        const struct stake__queue_req *r = &q->reqs[id];
        stake__put_u64(w, r->cum_steth[0]);
        stake__put_u64(w, r->cum_steth[1]);
        stake__put_u64(w, r->cum_shares[0]);
        stake__put_u64(w, r->cum_shares[1]);
        stake__put_address(w, &r->owner);
        stake__put_u64(w, stake__queue_req_ts(r));
        stake__put_u64(w, stake__queue_req_report_ts(r));
        stake__put_u8(w, r->claimed);
    }
    for (uint64_t k = 1; k <= q->last_cp && w->status == STAKE_OK; k++) {
        const struct stake__queue_cp *cp = &q->cps[k];
        stake__put_u64(w, cp->from_id);
        stake__put_u256(w, &cp->max_share_rate);
        stake__put_u256(w, &cp->locked);
    }
    return w->status;
}

/* Whether count records of size bytes can still be in the input: a
 * corrupted count must not make the decoder allocate gigabytes. */
static int fits(const stake__reader *r, uint64_t count, size_t size)
{
    size_t left = r->len - r->pos;
    return r->status == STAKE_OK && count <= left / size && count < SIZE_MAX / 128;
}

static void read_requests(stake__reader *r, stake_queue *q)
{
    for (uint64_t id = 1; id <= q->last_request_id && r->status == STAKE_OK; id++) {
        struct stake__queue_req *e = &q->reqs[id];
        memset(e, 0, sizeof *e);
        e->cum_steth[0] = stake__get_u64(r);
        e->cum_steth[1] = stake__get_u64(r);
        e->cum_shares[0] = stake__get_u64(r);
        e->cum_shares[1] = stake__get_u64(r);
        stake__get_address(r, &e->owner);
        uint64_t ts = stake__get_u64(r), rts = stake__get_u64(r);
        e->claimed = stake__get_u8(r);
        /* The packed form keeps 40 bits: anything wider is corrupt, not
         * something to truncate. */
        if (ts >= STAKE_QUEUE_TIMESTAMP_LIMIT || rts >= STAKE_QUEUE_TIMESTAMP_LIMIT)
            stake__reader_fail(r, STAKE_ECORRUPT);
        stake__queue_req_set_ts(e, ts, rts);
    }
}

static void read_checkpoints(stake__reader *r, stake_queue *q)
{
    for (uint64_t k = 1; k <= q->last_cp && r->status == STAKE_OK; k++) {
        struct stake__queue_cp *cp = &q->cps[k];
        memset(cp, 0, sizeof *cp);
        cp->from_id = stake__get_u64(r);
        stake__get_u256(r, &cp->max_share_rate);
        stake__get_u256(r, &cp->locked);
    }
}

stake_rc stake__queue_decode(stake_queue **out, stake__reader *r)
{
    stake_queue *q = calloc(1, sizeof *q);
    if (!q)
        return STAKE_ENOMEM;
    stake__get_address(r, &q->self);
    stake__get_u256(r, &q->min_amount);
    stake__get_u256(r, &q->max_amount);
    q->paused = stake__get_u8(r);
    q->clock = stake__get_u64(r);
    q->last_report_ts = stake__get_u64(r);
    q->bunker_since = stake__get_u64(r);
    q->last_request_id = stake__get_u64(r);
    q->last_finalized_id = stake__get_u64(r);
    q->last_cp = stake__get_u64(r);
    stake__get_u256(r, &q->locked);

    stake_rc rc = r->status;
    if (rc == STAKE_OK && (!fits(r, q->last_request_id, REQ_BYTES) ||
                           !fits(r, q->last_cp, CP_BYTES)))
        rc = STAKE_ECORRUPT;
    if (rc == STAKE_OK) {
        q->req_cap = (size_t)q->last_request_id + 1;
        q->cp_cap = (size_t)q->last_cp + 1;
        q->reqs = malloc(q->req_cap * sizeof *q->reqs);
        q->cps = malloc(q->cp_cap * sizeof *q->cps);
        if (!q->reqs || !q->cps)
            rc = STAKE_ENOMEM;
    }
    if (rc == STAKE_OK) {
        memset(&q->reqs[0], 0, sizeof q->reqs[0]);
        q->reqs[0].claimed = 1;
        memset(&q->cps[0], 0, sizeof q->cps[0]);
        read_requests(r, q);
        read_checkpoints(r, q);
        rc = r->status;
    }
    /* Everything a correct encoder cannot have produced is corruption. */
    if (rc == STAKE_OK)
        rc = stake__queue_validate(q, 1);
    if (rc != STAKE_OK) {
        stake_queue_free(q);
        return rc == STAKE_ENOMEM ? rc : STAKE_ECORRUPT;
    }
    *out = q;
    return STAKE_OK;
}
