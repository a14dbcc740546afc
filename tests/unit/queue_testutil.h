/*
 * Helpers shared by the withdrawal-queue tests: addresses, a queue with
 * the mainnet parameters, shorthand for requests and finalizations, and a
 * comparison of two queues' whole observable state (to prove that a
 * refused call changed nothing).
 */
#ifndef STAKE_QUEUE_TESTUTIL_H
#define STAKE_QUEUE_TESTUTIL_H

#include "testutil.h"

#define ETHER "000000000000000000"
#define E27 "1000000000000000000000000000"

static inline stake_address QA(unsigned n)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    a.bytes[0] = 0xbb;
    a.bytes[18] = (uint8_t)(n >> 8);
    a.bytes[19] = (uint8_t)n;
    return a;
}

static inline stake_queue *new_queue(void)
{
    stake_queue_params p;
    ck_assert_rc(stake_queue_params_init(&p, STAKE_QUEUE_PARAMS_VERSION), STAKE_OK);
    stake_queue *q = NULL;
    ck_assert_rc(stake_queue_new(&q, &p), STAKE_OK);
    return q;
}

/* A queue with the mainnet parameters but the per-request maximum given
 * (decimal or 0x text), for the uint128 limits; *p receives them. */
static inline stake_queue *new_queue_with_max(stake_queue_params *p, const char *max_amount)
{
    ck_assert_rc(stake_queue_params_init(p, STAKE_QUEUE_PARAMS_VERSION), STAKE_OK);
    p->max_amount = U(max_amount);
    stake_queue *q = NULL;
    ck_assert_rc(stake_queue_new(&q, p), STAKE_OK);
    return q;
}

/* A request mirrored from an event: amount and shares as decimal text. */
static inline uint64_t enq(stake_queue *q, unsigned owner, const char *amount, const char *shares,
                           uint64_t ts)
{
    stake_address o = QA(owner);
    stake_u256 a = U(amount), s = U(shares);
    uint64_t id = 0;
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &a, &s, ts), STAKE_OK);
    return id;
}

static inline void fin(stake_queue *q, uint64_t last, const char *eth, const char *rate)
{
    stake_u256 e = U(eth), r = U(rate);
    ck_assert_rc(stake_queue_finalize(q, last, &e, &r), STAKE_OK);
}

static inline stake_u256 claimable_of(const stake_queue *q, uint64_t id)
{
    uint64_t hint;
    stake_u256 out;
    ck_assert_rc(stake_queue_find_checkpoint_hint(&hint, q, id, 1,
                                                  stake_queue_last_checkpoint_index(q)),
                 STAKE_OK);
    ck_assert_rc(stake_queue_claimable_ether(&out, q, id, hint ? hint : 1), STAKE_OK);
    return out;
}

static inline stake_u256 locked(const stake_queue *q)
{
    stake_u256 v;
    ck_assert_rc(stake_queue_locked_ether(&v, q), STAKE_OK);
    return v;
}

/* Every observable piece of state of a and b is equal. */
static inline void assert_same_queue(const stake_queue *a, const stake_queue *b)
{
    ck_assert_uint_eq(stake_queue_last_request_id(a), stake_queue_last_request_id(b));
    ck_assert_uint_eq(stake_queue_last_finalized_id(a), stake_queue_last_finalized_id(b));
    ck_assert_uint_eq(stake_queue_last_checkpoint_index(a), stake_queue_last_checkpoint_index(b));
    ck_assert_uint_eq(stake_queue_last_report_timestamp(a), stake_queue_last_report_timestamp(b));
    ck_assert_int_eq(stake_queue_is_paused(a), stake_queue_is_paused(b));
    ck_assert_int_eq(stake_queue_is_bunker(a), stake_queue_is_bunker(b));
    uint64_t sa, sb;
    ck_assert_rc(stake_queue_bunker_since(&sa, a), STAKE_OK);
    ck_assert_rc(stake_queue_bunker_since(&sb, b), STAKE_OK);
    ck_assert_uint_eq(sa, sb);
    ck_assert_u256_eq(locked(a), locked(b));
    stake_u256 ua, ub;
    ck_assert_rc(stake_queue_unfinalized_steth(&ua, a), STAKE_OK);
    ck_assert_rc(stake_queue_unfinalized_steth(&ub, b), STAKE_OK);
    ck_assert_u256_eq(ua, ub);
    for (uint64_t id = 1; id <= stake_queue_last_request_id(a); id++) {
        stake_queue_status x, y;
        ck_assert_rc(stake_queue_request_status(&x, a, id), STAKE_OK);
        ck_assert_rc(stake_queue_request_status(&y, b, id), STAKE_OK);
        ck_assert_u256_eq(x.amount, y.amount);
        ck_assert_u256_eq(x.shares, y.shares);
        ck_assert(memcmp(&x.owner, &y.owner, sizeof x.owner) == 0);
        ck_assert_uint_eq(x.timestamp, y.timestamp);
        ck_assert_uint_eq(x.report_timestamp, y.report_timestamp);
        ck_assert_int_eq(x.finalized, y.finalized);
        ck_assert_int_eq(x.claimed, y.claimed);
    }
    for (uint64_t k = 1; k <= stake_queue_last_checkpoint_index(a); k++) {
        stake_queue_checkpoint x, y;
        ck_assert_rc(stake_queue_checkpoint_at(&x, a, k), STAKE_OK);
        ck_assert_rc(stake_queue_checkpoint_at(&y, b, k), STAKE_OK);
        ck_assert_uint_eq(x.from_id, y.from_id);
        ck_assert_uint_eq(x.to_id, y.to_id);
        ck_assert_u256_eq(x.max_share_rate, y.max_share_rate);
        ck_assert_u256_eq(x.locked_ether, y.locked_ether);
        stake_queue_dust dx, dy;
        stake_rc rx = stake_queue_checkpoint_dust(&dx, a, k), ry = stake_queue_checkpoint_dust(&dy, b, k);
        ck_assert_int_eq(rx, ry);
        if (rx == STAKE_OK) {
            ck_assert_u256_eq(dx.claimed, dy.claimed);
            ck_assert_uint_eq(dx.claimed_requests, dy.claimed_requests);
        }
    }
    ck_assert_rc(stake_queue_check(a), STAKE_OK);
    ck_assert_rc(stake_queue_check(b), STAKE_OK);
}

/* A stETH token (V3) where alice, QA(1), submitted 100 ether, then a
 * rate of 1.15. */
static inline stake_steth *token_at_115(void)
{
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    stake_steth *t = NULL;
    ck_assert_rc(stake_steth_new(&t, &p), STAKE_OK);
    stake_address alice = QA(1);
    stake_u256 v = U("100" ETHER);
    ck_assert_rc(stake_steth_submit(NULL, t, &alice, &v), STAKE_OK);
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    pool.cl_balance = U("15150000000000000000");   /* 116.15 / 101: a rate of 1.15 */
    ck_assert_rc(stake_steth_set_pool(t, &pool), STAKE_OK);
    return t;
}

static inline stake_u256 shares_of(const stake_steth *t, const stake_address *a)
{
    stake_u256 v;
    ck_assert_rc(stake_steth_shares_of(&v, t, a), STAKE_OK);
    return v;
}

/* A copy to compare against after a call that must refuse. */
static inline stake_queue *snapshot_of(const stake_queue *q)
{
    stake_queue *c = NULL;
    ck_assert_rc(stake_queue_clone(&c, q), STAKE_OK);
    return c;
}

#endif /* STAKE_QUEUE_TESTUTIL_H */
