/*
 * Internal: the withdrawal queue's state and the helpers shared by the
 * files of lib/queue, plus the hooks the oracle report (lib/lido) and the
 * snapshot container (lib/snapshot) call.
 */
#ifndef STAKE_QUEUE_INTERNAL_H
#define STAKE_QUEUE_INTERNAL_H

#include "../core/values.h"

#include <stdint.h>
#include <string.h>
#include "stake/queue.h"

/* One request as WithdrawalQueueBase stores it: the prefix sums of stETH
 * and shares up to and including it (uint128 each, as two limbs), its
 * owner, its timestamp and the last report's timestamp (uint40 each, as
 * 32 + 8 bits) and the claimed flag. Packed to 64 bytes, one cache line,
 * so that a million requests take 64 MB. Index 0 is the contract's dummy
 * entry: zero sums, claimed. */
struct stake__queue_req {
    uint64_t cum_steth[2];
    uint64_t cum_shares[2];
    uint32_t ts_lo, report_ts_lo;
    stake_address owner;
    uint8_t ts_hi, report_ts_hi;
    uint8_t claimed;
};

/* One checkpoint: the contract's {fromRequestId, maxShareRate}, plus the
 * ether its finalize locked and what claims have taken from it since
 * (the accounting of what rounding leaves behind). Index 0 is the dummy
 * {0, 0}. */
struct stake__queue_cp {
    uint64_t from_id;
    stake_u256 max_share_rate;
    stake_u256 locked;
    stake_u256 claimed;
};

struct stake_queue {
    stake_address self;
    stake_u256 min_amount, max_amount;
    struct stake__queue_req *reqs;   /* reqs[0 .. last_request_id] */
    size_t req_cap;
    uint64_t last_request_id;
    uint64_t last_finalized_id;
    struct stake__queue_cp *cps;     /* cps[0 .. last_cp] */
    size_t cp_cap;
    uint64_t last_cp;
    stake_u256 locked;               /* lockedEtherAmount */
    uint64_t last_report_ts;         /* lastReportTimestamp */
    uint64_t bunker_since;           /* STAKE_QUEUE_BUNKER_DISABLED when off */
    uint64_t clock;                  /* the latest timestamp the model was given */
    int paused;
};

extern const stake_u256 stake__queue_e27;          /* 1e27 */

static inline stake_u256 stake__queue_u128(const uint64_t v[2])
{
    stake_u256 r = { { v[0], v[1], 0, 0 } };
    return r;
}

static inline uint64_t stake__queue_req_ts(const struct stake__queue_req *r)
{
    return (uint64_t)r->ts_lo | (uint64_t)r->ts_hi << 32;
}

static inline uint64_t stake__queue_req_report_ts(const struct stake__queue_req *r)
{
    return (uint64_t)r->report_ts_lo | (uint64_t)r->report_ts_hi << 32;
}

static inline void stake__queue_req_set_ts(struct stake__queue_req *r, uint64_t ts,
                                           uint64_t report_ts)
{
    r->ts_lo = (uint32_t)ts;
    r->ts_hi = (uint8_t)(ts >> 32);
    r->report_ts_lo = (uint32_t)report_ts;
    r->report_ts_hi = (uint8_t)(report_ts >> 32);
}

/* 256-bit add, subtract and compare, inline: the hot paths (enqueue,
 * claim, batch walk) would otherwise spend most of their time calling
 * across the library for four-limb operations. add and sub return the
 * carry or borrow out; r may alias a or b. */
static inline int stake__q_add(stake_u256 *r, const stake_u256 *a, const stake_u256 *b)
{
    uint64_t c = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t s = a->w[i] + c, c1 = s < c, t = s + b->w[i];
        c = c1 | (t < s);
        r->w[i] = t;
    }
    return (int)c;
}

static inline int stake__q_sub(stake_u256 *r, const stake_u256 *a, const stake_u256 *b)
{
    uint64_t br = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t ai = a->w[i], bi = b->w[i], d = ai - bi - br;
        br = (ai < bi) | ((ai == bi) & br);
        r->w[i] = d;
    }
    return (int)br;
}

static inline int stake__q_cmp(const stake_u256 *a, const stake_u256 *b)
{
    for (int i = 3; i >= 0; i--) {
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    }
    return 0;
}

/* The stETH and shares of the ids (prev, end]: differences of two prefix
 * sums, which never decrease, so there is no borrow. */
static inline void stake__queue_range(stake_u256 *steth, stake_u256 *shares, const stake_queue *q,
                                      uint64_t prev, uint64_t end)
{
    const struct stake__queue_req *a = &q->reqs[prev], *b = &q->reqs[end];
    stake_u256 a0 = stake__queue_u128(a->cum_steth), a1 = stake__queue_u128(b->cum_steth);
    stake_u256 h0 = stake__queue_u128(a->cum_shares), h1 = stake__queue_u128(b->cum_shares);
    if (steth)
        (void)stake__q_sub(steth, &a1, &a0);
    if (shares)
        (void)stake__q_sub(shares, &h1, &h0);
}

/* ---- arithmetic of WithdrawalQueueBase (queue_math.c) ----------------------- */

/* Whether the floored rate of (steth, shares), floor(steth * 1e27 /
 * shares) as _calcBatch computes it, is above max_share_rate.
 * STAKE_EDIVZERO when shares is zero (a Panic on chain). */
stake_rc stake__queue_above(int *above, const stake_u256 *steth, const stake_u256 *shares,
                            const stake_u256 *max_share_rate);

/* floor(shares * max_share_rate / 1e27), for a range whose rate is above
 * max_share_rate (so that, as in the contract's checked product, the
 * product fits: it is below steth * 1e27 < 2^218). */
stake_rc stake__queue_discounted(stake_u256 *out, const stake_u256 *shares,
                                 const stake_u256 *max_share_rate);

/* The ether of the range (prev, end] at max_share_rate, priced as one
 * batch: its stETH, or the discounted shares if the floored batch rate is
 * above max_share_rate. above_out and shares_out may be NULL. */
stake_rc stake__queue_batch_value(stake_u256 *eth, int *above_out, stake_u256 *shares_out,
                                  const stake_queue *q, uint64_t prev, uint64_t end,
                                  const stake_u256 *max_share_rate);

/* The checkpoint index covering a finalized id, by binary search over
 * every checkpoint (0 if not finalized). */
uint64_t stake__queue_cp_of(const stake_queue *q, uint64_t id);

/* The last id a checkpoint covers. */
uint64_t stake__queue_cp_end(const stake_queue *q, uint64_t index);

/* ---- timestamps and storage (queue.c) ------------------------------------------ */

/* STAKE_ETIMESTAMP for a timestamp at or past the uint40 limit, or older
 * than the queue's clock. */
stake_rc stake__queue_check_time(const stake_queue *q, uint64_t ts);

/* Room for n more requests; amortised doubling. STAKE_ENOMEM. */
stake_rc stake__queue_reserve_requests(stake_queue *q, size_t n);

/* Every invariant of a queue (stake_queue_check() and the decoder).
 * When fill_claimed is set (the decoder, on the queue it is building),
 * the per-checkpoint claimed totals are recomputed and stored in q->cps
 * instead of compared. STAKE_ECORRUPT. */
stake_rc stake__queue_validate(const stake_queue *q, int fill_claimed);

/* ---- making requests (queue_request.c), shared with the batches -------------- */

/* The checks every request starts with: the model's clock, then the
 * pause (_checkResumed). */
stake_rc stake__queue_begin_request(const stake_queue *q, uint64_t ts);

/* _checkWithdrawalRequestAmount: STAKE_EAMOUNTTOOSMALL, STAKE_EAMOUNTTOOLARGE. */
stake_rc stake__queue_check_bounds(const stake_queue *q, const stake_u256 *amount);

/* The prefix sums after the last request appended, or after the requests
 * of a batch checked so far. */
struct stake__queue_sums {
    stake_u256 steth, shares;
};

void stake__queue_sums_of_last(struct stake__queue_sums *sums, const stake_queue *q);

/* The checks of _requestWithdrawal after the tokens moved, then those of
 * _enqueue: both values fit in uint128 (STAKE_ETOOLARGE), and the checked
 * uint128 additions of the prefix sums, shares first (STAKE_EOVERFLOW).
 * On success the sums include the request. */
stake_rc stake__queue_check_enqueue_after(struct stake__queue_sums *sums,
                                          const stake_u256 *amount, const stake_u256 *shares);

/* _enqueue, once everything is checked and the room reserved; the new id. */
uint64_t stake__queue_append(stake_queue *q, const stake_address *owner,
                             const stake_u256 *amount, const stake_u256 *shares, uint64_t ts);

/* WSTETH.transferFrom(sender, queue, w), then WSTETH.unwrap(w) sent by
 * the queue, all or nothing; *unwrapped (if not NULL) receives the stETH
 * the unwrap paid. */
stake_rc stake__queue_wsteth_moves(stake_u256 *unwrapped, stake_steth *token,
                                  const stake_queue *q, const stake_address *sender,
                                  const stake_u256 *w);

/* getSharesByPooledEth(amount) at the token's current rate. */
stake_rc stake__queue_shares_of_amount(stake_u256 *shares, const stake_steth *token,
                                       const stake_u256 *amount);

/* requestWithdrawals' "if (_owner == address(0)) _owner = msg.sender". */
static inline const stake_address *stake__queue_owner_or_sender(const stake_address *owner,
                                                               const stake_address *sender)
{
    return stake_address_is_zero(owner) ? sender : owner;
}

/* ---- for the oracle report (lib/lido/steth_report.c) ------------------------- */

/* Guarantees that the next `checkpoints` calls of stake_queue_finalize()
 * will not allocate, so that once the report has validated them they
 * cannot fail with STAKE_ENOMEM. STAKE_ENOMEM (queue unchanged). */
stake_rc stake__queue_reserve(stake_queue *q, size_t checkpoints);

/* What stake_queue_finalize(q, last_id, eth, rate) would return, without
 * changing anything (STAKE_ENOMEM excepted: call stake__queue_reserve()). */
stake_rc stake__queue_check_finalize(const stake_queue *q, uint64_t last_id,
                                     const stake_u256 *eth);

/* The queue contract's address, where finalized shares sit until burned. */
const stake_address *stake__queue_address(const stake_queue *q);

/* The scalars stake_queue_on_oracle_report() changes (the last report's
 * timestamp, bunker mode, the clock), so that the report can apply it
 * first, as on chain, and undo it if a later step refuses. */
typedef struct stake__queue_mark {
    uint64_t last_report_ts, bunker_since, clock;
} stake__queue_mark;

void stake__queue_mark_save(stake__queue_mark *m, const stake_queue *q);
void stake__queue_mark_restore(stake_queue *q, const stake__queue_mark *m);

/* ---- snapshots (lib/snapshot/codec.h conventions) ------------------------------ */

struct stake__writer;
struct stake__reader;

/* Appends the queue's state to w (errors land in w->status and are also
 * returned). */
stake_rc stake__queue_encode(const stake_queue *q, struct stake__writer *w);

/* Builds a new queue from r, validating everything (prefix sums, ids,
 * timestamps, checkpoints, the locked ether against the claims);
 * STAKE_ECORRUPT (or STAKE_ENOMEM) without leaking on error. */
stake_rc stake__queue_decode(stake_queue **out, struct stake__reader *r);

#endif /* STAKE_QUEUE_INTERNAL_H */
