/*
 * The oracle report with the withdrawal queue, the Burner, the rebase
 * limiter and V3 bad debt: the whole flow of Accounting.sol, checked on
 * scenarios and over long random runs.
 */
#include <unistd.h>
#include "testutil.h"

static stake_address A(unsigned n)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    a.bytes[0] = 0x77;
    a.bytes[18] = (uint8_t)(n >> 8);
    a.bytes[19] = (uint8_t)n;
    return a;
}

static const stake_u256 E18 = STAKE_U256_C(1000000000000000000ULL);

static stake_u256 ether(uint64_t n)
{
    stake_u256 v = U64(n), r;
    ck_assert_rc(stake_u256_mul(&r, &v, &E18), STAKE_OK);
    return r;
}

struct world {
    stake_steth *t;
    stake_queue *q;
    stake_address queue_addr;
    uint64_t now;
};

/* A pool of holders 1..n with `each` ether, half of it on validators,
 * every holder having approved the queue without limit. */
static void world_new(struct world *w, stake_lido_version v, unsigned holders, uint64_t each)
{
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    p.protocol = v;
    ck_assert_rc(stake_steth_new(&w->t, &p), STAKE_OK);
    stake_queue_params qp;
    ck_assert_rc(stake_queue_params_init(&qp, STAKE_QUEUE_PARAMS_VERSION), STAKE_OK);
    ck_assert_rc(stake_queue_new(&w->q, &qp), STAKE_OK);
    ck_assert_rc(stake_queue_address(&w->queue_addr, w->q), STAKE_OK);
    stake_u256 amount = ether(each), inf = U(MAX_U256_DEC);
    for (unsigned h = 1; h <= holders; h++) {
        stake_address a = A(h);
        ck_assert_rc(stake_steth_submit(NULL, w->t, &a, &amount), STAKE_OK);
        ck_assert_rc(stake_steth_approve(w->t, &a, &w->queue_addr, &inf), STAKE_OK);
    }
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, w->t), STAKE_OK);
    /* Half of the deposits go to validators, the rest stays buffered. */
    uint64_t validators = (uint64_t)holders * each / 64;
    stake_u256 cl = ether(32 * validators);
    ck_assert_rc(stake_steth_deposit_validators(w->t, validators), STAKE_OK);
    ck_assert_rc(stake_steth_get_pool(&pool, w->t), STAKE_OK);
    pool.cl_validators = U64(validators);
    pool.cl_balance = cl;
    ck_assert_rc(stake_steth_set_pool(w->t, &pool), STAKE_OK);
    w->now = 1700000000;
}

static void world_free(struct world *w)
{
    stake_steth_free(w->t);
    stake_queue_free(w->q);
}

/* A report that moves the CL balance by delta_milli / 1000 of it (signed)
 * and finalizes what the oracle would: the simulated rate, a budget of
 * the buffer capped by the unfinalized stETH, requests older than the
 * margin. */
static stake_rc report(struct world *w, int64_t delta_per_million, int finalize,
                       stake_lido_report_result *res)
{
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, w->t), STAKE_OK);
    stake_lido_report r;
    ck_assert_rc(stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION), STAKE_OK);
    r.cl_validators = pool.cl_validators;
    stake_u256 d, mag = U64((uint64_t)(delta_per_million < 0 ? -delta_per_million
                                                             : delta_per_million));
    stake_u256 million = U64(1000000);
    ck_assert_rc(stake_u256_muldiv(&d, &pool.cl_balance, &mag, &million, STAKE_ROUND_FLOOR),
                 STAKE_OK);
    if (delta_per_million < 0)
        ck_assert_rc(stake_u256_sub(&r.cl_balance, &pool.cl_balance, &d), STAKE_OK);
    else
        ck_assert_rc(stake_u256_add(&r.cl_balance, &pool.cl_balance, &d), STAKE_OK);
    w->now += 86400;
    r.timestamp = w->now;
    r.block_timestamp = w->now + 12;
    r.queue = w->q;
    uint64_t batches[STAKE_QUEUE_MAX_BATCHES];
    if (finalize && stake_queue_last_request_id(w->q) > stake_queue_last_finalized_id(w->q)) {
        stake_steth *sim;
        ck_assert_rc(stake_steth_clone(&sim, w->t), STAKE_OK);
        stake_lido_report sr = r;
        sr.queue = NULL;
        stake_lido_report_result s;
        ck_assert_rc(stake_steth_handle_report(&s, sim, &sr), STAKE_OK);
        stake_steth_free(sim);
        stake_u256 rate, e27 = U(STAKE_QUEUE_E27_DEC), budget, unfinalized;
        ck_assert_rc(stake_u256_muldiv(&rate, &s.post_total_ether, &e27, &s.post_total_shares,
                                       STAKE_ROUND_FLOOR), STAKE_OK);
        ck_assert_rc(stake_queue_unfinalized_steth(&unfinalized, w->q), STAKE_OK);
        budget = stake_u256_cmp(&pool.buffered_ether, &unfinalized) < 0 ? pool.buffered_ether
                                                                        : unfinalized;
        stake_queue_batches st;
        ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
        /* the contract refuses a zero budget (InvalidState) */
        st.finished = (budget.w[0] | budget.w[1] | budget.w[2] | budget.w[3]) == 0;
        while (!st.finished)
            ck_assert_rc(stake_queue_calculate_batches(&st, w->q, &rate, w->now - 7680, 500),
                         STAKE_OK);
        if (st.length) {
            memcpy(batches, st.batches, st.length * sizeof batches[0]);
            r.finalization_batches = batches;
            r.n_batches = st.length;
            r.simulated_share_rate = rate;
        }
    }
    return stake_steth_handle_report(res, w->t, &r);
}

static uint64_t request(struct world *w, unsigned holder, uint64_t eth)
{
    stake_address a = A(holder);
    stake_u256 amount = ether(eth);
    uint64_t id = 0;
    w->now += 600;
    ck_assert_rc(stake_queue_request(&id, w->q, w->t, &a, &amount, w->now), STAKE_OK);
    return id;
}

/* Requests, a report that finalizes them, claims: shares burned, ether
 * moved from the buffer to the queue, claim = nominal. */
START_TEST(finalize_and_claim)
{
    struct world w;
    world_new(&w, STAKE_LIDO_V3, 4, 100);
    uint64_t id1 = request(&w, 1, 10), id2 = request(&w, 2, 20);
    ck_assert_uint_eq(id1, 1);
    ck_assert_uint_eq(id2, 2);
    w.now += 8000;   /* past the margin */
    stake_u256 supply_before;
    ck_assert_rc(stake_steth_total_supply(&supply_before, w.t), STAKE_OK);
    stake_lido_report_result res;
    ck_assert_rc(report(&w, 0, 1, &res), STAKE_OK);
    ck_assert_uint_eq(stake_queue_last_finalized_id(w.q), 2);
    ck_assert_u256_eq(res.ether_to_finalize, ether(30));
    /* 30 ether left the pool with their shares */
    stake_u256 supply_after, expect, thirty = ether(30);
    ck_assert_rc(stake_steth_total_supply(&supply_after, w.t), STAKE_OK);
    ck_assert_rc(stake_u256_sub(&expect, &supply_before, &thirty), STAKE_OK);
    ck_assert_u256_eq(supply_after, expect);
    stake_u256 queue_shares, locked;
    ck_assert_rc(stake_steth_shares_of(&queue_shares, w.t, &w.queue_addr), STAKE_OK);
    ck_assert_u256_eq(queue_shares, U64(0));
    ck_assert_rc(stake_queue_locked_ether(&locked, w.q), STAKE_OK);
    ck_assert_u256_eq(locked, ether(30));
    stake_u256 got;
    stake_address owner = A(2), other = A(3);
    ck_assert_rc(stake_queue_claim_unhinted(&got, w.q, id2, &other), STAKE_ENOTOWNER);
    ck_assert_rc(stake_queue_claim_unhinted(&got, w.q, id2, &owner), STAKE_OK);
    ck_assert_u256_eq(got, ether(20));
    ck_assert_rc(stake_queue_claim_unhinted(&got, w.q, id2, &owner), STAKE_EALREADYCLAIMED);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(w.t)), STAKE_OK);
    ck_assert_rc(stake_queue_check(w.q), STAKE_OK);
    world_free(&w);
}
END_TEST

/* A loss between request and finalization is passed on to the request;
 * a gain is not. */
START_TEST(discount_on_loss_not_gain)
{
    struct world w;
    world_new(&w, STAKE_LIDO_V3, 2, 100);
    uint64_t id = request(&w, 1, 10);
    w.now += 8000;
    stake_lido_report_result res;
    /* -1%: the rate falls before finalization */
    ck_assert_rc(report(&w, -10000, 1, &res), STAKE_OK);
    ck_assert_uint_eq(stake_queue_last_finalized_id(w.q), id);
    stake_u256 got;
    stake_address a = A(1);
    ck_assert_rc(stake_queue_claim_unhinted(&got, w.q, id, &a), STAKE_OK);
    stake_u256 ten = ether(10);
    ck_assert_int_lt(stake_u256_cmp(&got, &ten), 0);

    /* now a gain: a new request is paid its nominal amount only */
    uint64_t id2 = request(&w, 2, 10);
    w.now += 8000;
    ck_assert_rc(report(&w, 1000, 1, &res), STAKE_OK);
    ck_assert_uint_eq(stake_queue_last_finalized_id(w.q), id2);
    stake_address b = A(2);
    ck_assert_rc(stake_queue_claim_unhinted(&got, w.q, id2, &b), STAKE_OK);
    ck_assert_u256_eq(got, ether(10));
    world_free(&w);
}
END_TEST

/* Requests newer than the margin wait; a report that refuses leaves the
 * queue and the token untouched. */
START_TEST(margin_and_refusal)
{
    struct world w;
    world_new(&w, STAKE_LIDO_V3, 2, 100);
    (void)request(&w, 1, 10);
    stake_lido_report_result res;
    ck_assert_rc(report(&w, 0, 1, &res), STAKE_OK);   /* +1 day: older than the margin */
    uint64_t id = request(&w, 2, 10);
    ck_assert_rc(report(&w, 0, 0, &res), STAKE_OK);   /* no finalization asked */
    ck_assert_uint_lt(stake_queue_last_finalized_id(w.q), id);

    /* a report with an impossible validator count refuses */
    stake_lido_report r;
    ck_assert_rc(stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION), STAKE_OK);
    r.cl_validators = U64(99);
    r.queue = w.q;
    r.timestamp = w.now + 100;
    r.block_timestamp = w.now + 112;
    uint64_t last_report = stake_queue_last_report_timestamp(w.q);
    ck_assert_rc(stake_steth_handle_report(NULL, w.t, &r), STAKE_EBADREPORT);
    ck_assert_uint_eq(stake_queue_last_report_timestamp(w.q), last_report);
    /* batches without a queue */
    uint64_t b = id;
    r.cl_validators = U64(10);
    r.queue = NULL;
    r.finalization_batches = &b;
    r.n_batches = 1;
    ck_assert_rc(stake_steth_handle_report(NULL, w.t, &r), STAKE_EBADREPORT);
    world_free(&w);
}
END_TEST

/* Lido finalizes only an unpaused queue, and only when there is ether to
 * lock: a paused queue is left out of the report, and a finalization
 * worth 0 wei sends the requests' shares to the Burner without finalizing
 * them. */
START_TEST(paused_queue_and_zero_ether)
{
    for (int v = 0; v < 2; v++) {
        struct world w;
        world_new(&w, v ? STAKE_LIDO_V3 : STAKE_LIDO_V2, 2, 100);
        uint64_t id = request(&w, 1, 10);
        w.now += 8000;
        stake_u256 queue_shares, supply_before, supply_after;
        ck_assert_rc(stake_steth_shares_of(&queue_shares, w.t, &w.queue_addr), STAKE_OK);
        ck_assert_rc(stake_steth_total_supply(&supply_before, w.t), STAKE_OK);

        /* paused: the report is taken, nothing is finalized */
        stake_lido_report r;
        ck_assert_rc(stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION), STAKE_OK);
        stake_steth_pool pool;
        ck_assert_rc(stake_steth_get_pool(&pool, w.t), STAKE_OK);
        r.cl_validators = pool.cl_validators;
        r.cl_balance = pool.cl_balance;
        r.queue = w.q;
        r.finalization_batches = &id;
        r.n_batches = 1;
        r.simulated_share_rate = U("1000000000000000000000000000");
        w.now += 86400;
        r.timestamp = w.now;
        r.block_timestamp = w.now + 12;
        ck_assert_rc(stake_queue_pause(w.q), STAKE_OK);
        stake_lido_report_result res;
        ck_assert_rc(stake_steth_handle_report(&res, w.t, &r), STAKE_OK);
        ck_assert_uint_eq(stake_queue_last_finalized_id(w.q), 0);
        ck_assert_u256_eq(res.ether_to_finalize, U64(0));
        ck_assert_u256_eq(res.shares_to_finalize, U64(0));
        stake_u256 held;
        ck_assert_rc(stake_steth_shares_of(&held, w.t, &w.queue_addr), STAKE_OK);
        ck_assert_u256_eq(held, queue_shares);
        ck_assert_uint_eq(stake_queue_last_report_timestamp(w.q), w.now);
        ck_assert_rc(stake_queue_resume(w.q), STAKE_OK);

        /* a rate so low that the batch is worth 0 wei: no finalize call,
         * the shares go to the Burner (and the limiter burns them) */
        r.simulated_share_rate = U64(1);
        w.now += 86400;
        r.timestamp = w.now;
        r.block_timestamp = w.now + 12;
        r.max_positive_token_rebase = STAKE_LIDO_UNLIMITED_REBASE;
        ck_assert_rc(stake_steth_handle_report(&res, w.t, &r), STAKE_OK);
        ck_assert_u256_eq(res.ether_to_finalize, U64(0));
        ck_assert_u256_eq(res.shares_to_finalize, queue_shares);
        ck_assert_u256_eq(res.shares_burnt, queue_shares);
        ck_assert_uint_eq(stake_queue_last_finalized_id(w.q), 0);
        ck_assert_uint_eq(stake_queue_last_checkpoint_index(w.q), 0);
        ck_assert_rc(stake_steth_shares_of(&held, w.t, &w.queue_addr), STAKE_OK);
        ck_assert_u256_eq(held, U64(0));
        ck_assert_rc(stake_steth_total_supply(&supply_after, w.t), STAKE_OK);
        ck_assert_u256_eq(supply_after, supply_before);   /* no ether left the pool */
        /* the same batch again: the queue no longer holds the shares */
        w.now += 86400;
        r.timestamp = w.now;
        r.block_timestamp = w.now + 12;
        ck_assert_rc(stake_steth_handle_report(&res, w.t, &r), STAKE_EBALANCE);
        ck_assert_rc(stake_ledger_check(stake_steth_ledger(w.t)), STAKE_OK);
        ck_assert_rc(stake_queue_check(w.q), STAKE_OK);
        world_free(&w);
    }
}
END_TEST

/* The Burner: requested burns wait, and the limiter defers the excess. */
START_TEST(burner_and_limiter)
{
    struct world w;
    world_new(&w, STAKE_LIDO_V3, 2, 100);
    stake_address a = A(1);
    stake_u256 shares = ether(50), pending;
    ck_assert_rc(stake_steth_request_burn_shares(w.t, &a, &shares), STAKE_OK);
    ck_assert_rc(stake_steth_burn_requested(&pending, w.t), STAKE_OK);
    ck_assert_u256_eq(pending, shares);
    /* Burning 50 of ~201 shares would raise the rate by a third: the
     * limiter allows 0.075% per report, the rest waits. */
    stake_lido_report_result res;
    ck_assert_rc(report(&w, 0, 0, &res), STAKE_OK);
    stake_u256 zero = U64(0), ten = ether(10);
    ck_assert_int_gt(stake_u256_cmp(&res.shares_burnt, &zero), 0);
    ck_assert_int_lt(stake_u256_cmp(&res.shares_burnt, &shares), 0);
    ck_assert_rc(stake_steth_burn_requested(&pending, w.t), STAKE_OK);
    stake_u256 sum;
    ck_assert_rc(stake_u256_add(&sum, &pending, &res.shares_burnt), STAKE_OK);
    ck_assert_u256_eq(sum, shares);
    /* EL rewards above the cap stay in the vault */
    stake_lido_report r;
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, w.t), STAKE_OK);
    ck_assert_rc(stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION), STAKE_OK);
    r.cl_validators = pool.cl_validators;
    r.cl_balance = pool.cl_balance;
    r.el_rewards_vault_balance = ether(10);
    ck_assert_rc(stake_steth_handle_report(&res, w.t, &r), STAKE_OK);
    ck_assert_int_lt(stake_u256_cmp(&res.el_rewards, &ten), 0);
    ck_assert_int_gt(stake_u256_cmp(&res.el_rewards, &zero), 0);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(w.t)), STAKE_OK);
    world_free(&w);
}
END_TEST

/* V3 bad debt: external shares written off lower the rate for all. */
START_TEST(bad_debt_socialised)
{
    struct world w;
    world_new(&w, STAKE_LIDO_V3, 2, 100);
    stake_address vault = A(500), alice = A(1);
    stake_u256 ext = ether(20);
    ck_assert_rc(stake_steth_mint_external_shares(w.t, &vault, &ext), STAKE_OK);
    stake_u256 before, after;
    ck_assert_rc(stake_steth_balance_of(&before, w.t, &alice), STAKE_OK);
    stake_lido_report r;
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, w.t), STAKE_OK);
    ck_assert_rc(stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION), STAKE_OK);
    r.cl_validators = pool.cl_validators;
    r.cl_balance = pool.cl_balance;
    r.bad_debt_to_internalize = ether(5);
    ck_assert_rc(stake_steth_handle_report(NULL, w.t, &r), STAKE_OK);
    ck_assert_rc(stake_steth_balance_of(&after, w.t, &alice), STAKE_OK);
    ck_assert_int_lt(stake_u256_cmp(&after, &before), 0);
    stake_lido_totals tot;
    ck_assert_rc(stake_steth_totals(&tot, w.t), STAKE_OK);
    ck_assert_u256_eq(tot.external_shares, ether(15));
    /* more bad debt than external shares refuses */
    r.bad_debt_to_internalize = ether(16);
    ck_assert_rc(stake_steth_handle_report(NULL, w.t, &r), STAKE_EBADREPORT);
    world_free(&w);
}
END_TEST

/* A token and its queue saved together come back identical. */
START_TEST(snapshot_round_trip)
{
    struct world w;
    world_new(&w, STAKE_LIDO_V3, 4, 100);
    (void)request(&w, 1, 10);
    (void)request(&w, 2, 7);
    w.now += 8000;
    stake_lido_report_result res;
    ck_assert_rc(report(&w, -500, 1, &res), STAKE_OK);
    (void)request(&w, 3, 5);

    char path[] = "/tmp/libstake-queue-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    stake_snapshot *s;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_steth(s, "lido", w.t), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_queue(s, "queue", w.q), STAKE_OK);
    ck_assert_rc(stake_snapshot_save(s, path, NULL), STAKE_OK);
    stake_snapshot_free(s);

    ck_assert_rc(stake_snapshot_load(&s, path, NULL), STAKE_OK);
    unlink(path);
    struct world back;
    ck_assert_rc(stake_snapshot_get_steth(&back.t, s, "lido"), STAKE_OK);
    ck_assert_rc(stake_snapshot_get_queue(&back.q, s, "queue"), STAKE_OK);
    ck_assert_rc(stake_snapshot_get_queue(&back.q, s, "lido"), STAKE_ENOTFOUND);
    stake_snapshot_free(s);
    ck_assert_uint_eq(stake_queue_last_request_id(back.q), 3);
    ck_assert_uint_eq(stake_queue_last_finalized_id(back.q), stake_queue_last_finalized_id(w.q));
    for (uint64_t id = 1; id <= 3; id++) {
        stake_queue_status a, b;
        ck_assert_rc(stake_queue_request_status(&a, w.q, id), STAKE_OK);
        ck_assert_rc(stake_queue_request_status(&b, back.q, id), STAKE_OK);
        ck_assert(memcmp(&a, &b, sizeof a) == 0);
    }
    stake_u256 x, y;
    ck_assert_rc(stake_queue_locked_ether(&x, w.q), STAKE_OK);
    ck_assert_rc(stake_queue_locked_ether(&y, back.q), STAKE_OK);
    ck_assert_u256_eq(x, y);
    ck_assert_rc(stake_steth_total_supply(&x, w.t), STAKE_OK);
    ck_assert_rc(stake_steth_total_supply(&y, back.t), STAKE_OK);
    ck_assert_u256_eq(x, y);
    /* and the restored pair keeps working */
    back.now = w.now;
    back.queue_addr = w.queue_addr;
    w.now += 8000;
    back.now = w.now;
    ck_assert_rc(report(&w, 100, 1, &res), STAKE_OK);
    stake_lido_report_result res2;
    ck_assert_rc(report(&back, 100, 1, &res2), STAKE_OK);
    ck_assert_u256_eq(res.ether_to_finalize, res2.ether_to_finalize);
    ck_assert_u256_eq(res.post_total_ether, res2.post_total_ether);
    world_free(&back);
    world_free(&w);
}
END_TEST

static uint64_t prng = 0x853c49e6748fea9bULL;

static uint64_t rnd(void)
{
    prng ^= prng << 13;
    prng ^= prng >> 7;
    prng ^= prng << 17;
    return prng;
}

/* Long random runs: thousands of requests, many reports with the rate
 * rising and falling, finalizations and claims. After every step: the
 * locked ether covers every unclaimed claimable amount, no claim exceeds
 * its request's nominal amount, and the claims never exceed what was
 * locked. */
START_TEST(random_runs)
{
    for (int v = 2; v <= 3; v++) {
        struct world w;
        enum { HOLDERS = 30 };
        world_new(&w, (stake_lido_version)v, HOLDERS, 1000);
        stake_u256 locked_total = U64(0), claimed_total = U64(0);
        for (int step = 0; step < 1500; step++) {
            int op = (int)(rnd() % 8);
            if (op <= 3) {
                unsigned h = 1 + (unsigned)(rnd() % HOLDERS);
                stake_address a = A(h);
                stake_u256 amount = U64(100 + rnd() % 3000000000000000000ULL);
                uint64_t id;
                w.now += 13 + rnd() % 3000;   /* after the last block */
                stake_rc rc = stake_queue_request(&id, w.q, w.t, &a, &amount, w.now);
                ck_assert_msg(rc == STAKE_OK || rc == STAKE_EBALANCE, "request: %s",
                              stake_errname(rc));
            } else if (op <= 5) {
                int64_t delta = (int64_t)(rnd() % 4001) - 2000;   /* -0.2% .. +0.2% */
                stake_lido_report_result res;
                ck_assert_rc(report(&w, delta, 1, &res), STAKE_OK);
                ck_assert_rc(stake_u256_add(&locked_total, &locked_total, &res.ether_to_finalize),
                             STAKE_OK);
            } else {
                uint64_t last = stake_queue_last_finalized_id(w.q);
                if (last == 0)
                    continue;
                uint64_t id = 1 + rnd() % last;
                stake_queue_status st;
                ck_assert_rc(stake_queue_request_status(&st, w.q, id), STAKE_OK);
                stake_u256 got;
                stake_rc rc = stake_queue_claim_unhinted(&got, w.q, id, &st.owner);
                if (st.claimed) {
                    ck_assert_rc(rc, STAKE_EALREADYCLAIMED);
                    continue;
                }
                ck_assert_rc(rc, STAKE_OK);
                ck_assert_int_le(stake_u256_cmp(&got, &st.amount), 0);
                ck_assert_rc(stake_u256_add(&claimed_total, &claimed_total, &got), STAKE_OK);
            }
            if (step % 50 == 0 || step == 1499) {
                /* locked ether >= sum of unclaimed claimable */
                stake_u256 locked, sum = U64(0);
                ck_assert_rc(stake_queue_locked_ether(&locked, w.q), STAKE_OK);
                uint64_t last = stake_queue_last_finalized_id(w.q);
                uint64_t ncp = stake_queue_last_checkpoint_index(w.q);
                for (uint64_t id = 1; id <= last; id++) {
                    uint64_t hint;
                    ck_assert_rc(stake_queue_find_checkpoint_hint(&hint, w.q, id, 1, ncp),
                                 STAKE_OK);
                    stake_u256 c;
                    ck_assert_rc(stake_queue_claimable_ether(&c, w.q, id, hint), STAKE_OK);
                    ck_assert_rc(stake_u256_add(&sum, &sum, &c), STAKE_OK);
                }
                ck_assert_int_ge(stake_u256_cmp(&locked, &sum), 0);
                ck_assert_int_le(stake_u256_cmp(&claimed_total, &locked_total), 0);
                ck_assert_rc(stake_queue_check(w.q), STAKE_OK);
                ck_assert_rc(stake_ledger_check(stake_steth_ledger(w.t)), STAKE_OK);
            }
        }
        ck_assert_uint_gt(stake_queue_last_finalized_id(w.q), 100);
        world_free(&w);
    }
}
END_TEST

/* V2's handleOracleReport accepts a report at the block's own time
 * (reportTimestamp <= block.timestamp); the queue's onOracleReport does
 * not (< block.timestamp), and neither does V3's Accounting. */
START_TEST(report_at_the_block_time)
{
    for (int v = 0; v < 2; v++) {
        stake_lido_version version = v ? STAKE_LIDO_V3 : STAKE_LIDO_V2;
        struct world w;
        world_new(&w, version, 4, 64);
        stake_steth_pool pool;
        ck_assert_rc(stake_steth_get_pool(&pool, w.t), STAKE_OK);
        stake_lido_report r;
        ck_assert_rc(stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION), STAKE_OK);
        r.cl_validators = pool.cl_validators;
        r.cl_balance = pool.cl_balance;
        r.timestamp = r.block_timestamp = w.now;
        r.queue = w.q;
        ck_assert_rc(stake_steth_handle_report(NULL, w.t, &r), STAKE_ETIMESTAMP);
        r.queue = NULL;
        ck_assert_rc(stake_steth_handle_report(NULL, w.t, &r),
                     version == STAKE_LIDO_V2 ? STAKE_OK : STAKE_ETIMESTAMP);
        r.block_timestamp = w.now - 1;         /* after the block: never */
        ck_assert_rc(stake_steth_handle_report(NULL, w.t, &r), STAKE_ETIMESTAMP);
        r.block_timestamp = w.now + 1;
        r.queue = w.q;
        ck_assert_rc(stake_steth_handle_report(NULL, w.t, &r), STAKE_OK);
        world_free(&w);
    }
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("lido-queue");
    TCase *tc = tcase_create("report");
    tcase_add_test(tc, finalize_and_claim);
    tcase_add_test(tc, report_at_the_block_time);
    tcase_add_test(tc, discount_on_loss_not_gain);
    tcase_add_test(tc, margin_and_refusal);
    tcase_add_test(tc, paused_queue_and_zero_ether);
    tcase_add_test(tc, burner_and_limiter);
    tcase_add_test(tc, bad_debt_socialised);
    tcase_add_test(tc, snapshot_round_trip);
    suite_add_tcase(s, tc);
    tc = tcase_create("random");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, random_runs);
    suite_add_tcase(s, tc);
    return s;
}
