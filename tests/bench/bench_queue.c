/*
 * The withdrawal queue at mainnet scale: 1,000,000 requests enqueued,
 * finalized in 1,000 finalizations as the oracle does (batches, then
 * prefinalize and finalize), every hint found, every request claimed.
 * Per-operation nanoseconds, each next to a baseline measured in the same
 * process, interleaved round by round, median of the rounds:
 *
 *   enqueue        vs  appending the same 64-byte records (prefix sums
 *                      included) to a doubling array: the bookkeeping
 *                      the queue adds to a bare append;
 *   batches        vs  a plain loop pricing each request with the same
 *                      256-bit arithmetic (rate = stETH * 1e27 / shares,
 *                      discount): the cost of the batching rules;
 *   prefinalize    vs  pricing the same ranges by summing their requests
 *                      one by one: what the prefix sums save;
 *   hint search    vs  a linear scan of the checkpoints' first ids;
 *   claim          vs  a plain loop over the same arithmetic (price the
 *                      request at its checkpoint, subtract from the
 *                      locked ether, set a flag);
 *   claim_batch    vs  the single hinted claim: what the all-or-nothing
 *                      batch adds, at its worst (one id per call);
 *   request_batch  vs  stake_queue_request_for: 100,000 requests from a
 *                      stETH token of 1,000 holders, ten amounts per
 *                      requestWithdrawals call against one per call.
 */
#include <stake.h>
#include "bench.h"

#define N 1000000u              /* requests */
#define PER_FIN 1000u           /* requests per finalization */
#define ROUNDS 11

static const char *E27_DEC = "1000000000000000000000000000";

static void die(const char *what, stake_rc rc)
{
    fprintf(stderr, "bench_queue: %s: %s\n", what, stake_errname(rc));
    exit(1);
}

#define OK(call) do { stake_rc rc_ = (call); if (rc_ != STAKE_OK) die(#call, rc_); } while (0)

/* The inputs: amounts around 1 ether, shares at a rate of 1/1.1 or 1/0.9
 * depending on the report they were made under (one report per 1,000
 * requests), so that batches form and half the finalizations discount. */
static uint64_t amount_of(uint32_t i)
{
    return 1000000000000000000ULL + (uint64_t)(i * 7919u % 1000003u) * 1000000007ULL;
}

static uint64_t shares_of(uint32_t i)
{
    uint64_t a = amount_of(i);
    return (i / PER_FIN) % 2 ? a / 11 * 10 : a / 9 * 10;
}

static stake_address owner_of(uint32_t i)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    a.bytes[0] = 0xcc;
    memcpy(a.bytes + 16, &i, sizeof i);
    return a;
}

/* ---- enqueue ------------------------------------------------------------------ */

static stake_queue *fill(size_t expected)
{
    stake_queue_params p;
    OK(stake_queue_params_init(&p, STAKE_QUEUE_PARAMS_VERSION));
    p.expected_requests = expected;
    stake_queue *q;
    OK(stake_queue_new(&q, &p));
    uint64_t ts = 10;
    for (uint32_t i = 0; i < N; i++) {
        if (i % PER_FIN == 0) {
            ts += 2;
            OK(stake_queue_on_oracle_report(q, 0, 0, ts - 1, ts));
        }
        stake_u256 a = { { amount_of(i), 0, 0, 0 } }, s = { { shares_of(i), 0, 0, 0 } };
        stake_address o = owner_of(i);
        uint64_t id;
        OK(stake_queue_enqueue(&id, q, &o, &a, &s, ts));
    }
    return q;
}

static double time_enqueue(void)
{
    double t0 = bench_now_ns();
    stake_queue *q = fill(0);
    double t = bench_now_ns() - t0;
    bench_sink ^= stake_queue_last_request_id(q);
    stake_queue_free(q);
    return t / N;
}

/* The same record, appended with its prefix sums. */
struct plain_req {
    uint64_t cum[4];
    uint32_t ts_lo, rts_lo;
    uint8_t owner[20];
    uint8_t ts_hi, rts_hi, claimed, pad;
};

static double time_plain_append(void)
{
    double t0 = bench_now_ns();
    size_t cap = 16, n = 1;
    struct plain_req *v = calloc(cap, sizeof *v);
    uint64_t ts = 10;
    for (uint32_t i = 0; i < N; i++) {
        if (i % PER_FIN == 0)
            ts += 2;
        if (n == cap) {
            cap *= 2;
            struct plain_req *nv = realloc(v, cap * sizeof *v);
            if (!nv)
                exit(1);
            v = nv;
        }
        struct plain_req *r = &v[n], *p = &v[n - 1];
        unsigned __int128 e = ((unsigned __int128)p->cum[1] << 64 | p->cum[0]) + amount_of(i);
        unsigned __int128 s = ((unsigned __int128)p->cum[3] << 64 | p->cum[2]) + shares_of(i);
        r->cum[0] = (uint64_t)e;
        r->cum[1] = (uint64_t)(e >> 64);
        r->cum[2] = (uint64_t)s;
        r->cum[3] = (uint64_t)(s >> 64);
        stake_address o = owner_of(i);
        memcpy(r->owner, o.bytes, 20);
        r->ts_lo = (uint32_t)ts;
        r->ts_hi = 0;
        r->rts_lo = (uint32_t)(ts - 1);
        r->rts_hi = 0;
        r->claimed = 0;
        n++;
    }
    double t = bench_now_ns() - t0;
    bench_sink ^= v[n - 1].cum[0];
    free(v);
    return t / N;
}

/* ---- finalization ---------------------------------------------------------------- */

struct fin_times {
    double batches, prefinalize, finalize;   /* per request, per finalization, per finalization */
};

/* The oracle's loop: batches for the next 1,000 requests, their price,
 * the finalization. Leaves q fully finalized. */
static struct fin_times time_finalize(stake_queue *q)
{
    stake_u256 rate, budget = { { 0, 0, 1, 0 } };
    OK(stake_u256_from_dec(&rate, E27_DEC, NULL));
    struct fin_times t = { 0, 0, 0 };
    for (uint32_t k = 0; k < N / PER_FIN; k++) {
        stake_queue_batches st;
        OK(stake_queue_batches_init(&st, &budget));
        double t0 = bench_now_ns();
        OK(stake_queue_calculate_batches(&st, q, &rate, UINT64_MAX, PER_FIN));
        double t1 = bench_now_ns();
        stake_u256 eth, shares;
        OK(stake_queue_prefinalize(&eth, &shares, q, st.batches, st.length, &rate));
        double t2 = bench_now_ns();
        OK(stake_queue_finalize(q, st.batches[st.length - 1], &eth, &rate));
        double t3 = bench_now_ns();
        t.batches += t1 - t0;
        t.prefinalize += t2 - t1;
        t.finalize += t3 - t2;
        bench_sink ^= eth.w[0];
    }
    t.batches /= N;
    t.prefinalize /= N / PER_FIN;
    t.finalize /= N / PER_FIN;
    return t;
}

/* The requests' deltas, as a plain array the baselines walk. */
struct plain_pair {
    stake_u256 steth, shares;
};

static struct plain_pair *pairs;

/* Baseline of the batch walk: price every request with the same calls. */
static double time_plain_pricing(void)
{
    stake_u256 rate, e27, acc = { { 0 } };
    OK(stake_u256_from_dec(&rate, E27_DEC, NULL));
    OK(stake_u256_from_dec(&e27, E27_DEC, NULL));
    double t0 = bench_now_ns();
    for (uint32_t i = 0; i < N; i++) {
        stake_u256 r, eth;
        OK(stake_u256_mul(&r, &pairs[i].steth, &e27));
        OK(stake_u256_div(&r, &r, &pairs[i].shares));
        if (stake_u256_cmp(&r, &rate) > 0) {
            OK(stake_u256_mul(&eth, &pairs[i].shares, &rate));
            OK(stake_u256_div(&eth, &eth, &e27));
        } else {
            eth = pairs[i].steth;
        }
        OK(stake_u256_add(&acc, &acc, &eth));
    }
    double t = bench_now_ns() - t0;
    bench_sink ^= acc.w[0];
    return t / N;
}

/* Baseline of prefinalize: each finalization's range summed request by
 * request instead of read from two prefix sums. */
static double time_plain_range_sums(void)
{
    stake_u256 acc = { { 0 } };
    double t0 = bench_now_ns();
    for (uint32_t k = 0; k < N / PER_FIN; k++) {
        stake_u256 e = { { 0 } }, s = { { 0 } };
        for (uint32_t i = k * PER_FIN; i < (k + 1) * PER_FIN; i++) {
            OK(stake_u256_add(&e, &e, &pairs[i].steth));
            OK(stake_u256_add(&s, &s, &pairs[i].shares));
        }
        OK(stake_u256_add(&acc, &acc, &e));
        OK(stake_u256_add(&acc, &acc, &s));
    }
    double t = bench_now_ns() - t0;
    bench_sink ^= acc.w[0];
    return t / (N / PER_FIN);
}

/* ---- hints ------------------------------------------------------------------------ */

#define SCAN_SAMPLE 50000u

static uint64_t *cp_from;       /* first id of each checkpoint, 1-based */
static uint64_t n_cp;

static double time_hints(const stake_queue *q)
{
    uint64_t acc = 0;
    double t0 = bench_now_ns();
    for (uint32_t id = 1; id <= N; id++) {
        uint64_t h;
        OK(stake_queue_find_checkpoint_hint(&h, q, id, 1, n_cp));
        acc += h;
    }
    double t = bench_now_ns() - t0;
    bench_sink ^= acc;
    return t / N;
}

static uint64_t *all_ids, *all_hints;

static double time_hints_batch(const stake_queue *q)
{
    double t0 = bench_now_ns();
    OK(stake_queue_find_checkpoint_hints(all_hints, q, all_ids, N, 1, n_cp));
    double t = bench_now_ns() - t0;
    bench_sink ^= all_hints[N / 2];
    return t / N;
}

static double time_linear_scan(void)
{
    uint64_t acc = 0;
    double t0 = bench_now_ns();
    for (uint32_t j = 0; j < SCAN_SAMPLE; j++) {
        uint64_t id = 1 + (uint64_t)j * (N / SCAN_SAMPLE), h = 0;
        for (uint64_t k = 1; k <= n_cp && cp_from[k] <= id; k++)
            h = k;
        acc += h;
    }
    double t = bench_now_ns() - t0;
    bench_sink ^= acc;
    return t / SCAN_SAMPLE;
}

/* ---- claims ------------------------------------------------------------------------- */

static double time_claims(stake_queue *q, int hinted)
{
    stake_u256 acc = { { 0 } };
    double t0 = bench_now_ns();
    for (uint32_t id = 1; id <= N; id++) {
        stake_address o = owner_of(id - 1);
        stake_u256 eth;
        if (hinted)
            OK(stake_queue_claim(&eth, q, id, all_hints[id - 1], &o));
        else
            OK(stake_queue_claim_unhinted(&eth, q, id, &o));
        acc.w[0] += eth.w[0];
    }
    double t = bench_now_ns() - t0;
    bench_sink ^= acc.w[0];
    return t / N;
}

/* claimWithdrawals of one id per call (every request has its own owner):
 * what the all-or-nothing batch adds to a single claim. */
static double time_batch_claims(stake_queue *q)
{
    stake_u256 acc = { { 0 } };
    double t0 = bench_now_ns();
    for (uint32_t id = 1; id <= N; id++) {
        stake_address o = owner_of(id - 1);
        stake_u256 eth;
        OK(stake_queue_claim_batch(&eth, q, &all_ids[id - 1], &all_hints[id - 1], 1, &o, NULL));
        acc.w[0] += eth.w[0];
    }
    double t = bench_now_ns() - t0;
    bench_sink ^= acc.w[0];
    return t / N;
}

static stake_u256 *cp_rate;

static double time_plain_claims(void)
{
    stake_u256 e27, locked = { { 0, 0, 1, 0 } };
    OK(stake_u256_from_dec(&e27, E27_DEC, NULL));
    uint8_t *claimed = calloc(N + 1, 1);
    double t0 = bench_now_ns();
    for (uint32_t id = 1; id <= N; id++) {
        const stake_u256 *max = &cp_rate[all_hints[id - 1]];
        stake_u256 r, eth;
        OK(stake_u256_mul(&r, &pairs[id - 1].steth, &e27));
        OK(stake_u256_div(&r, &r, &pairs[id - 1].shares));
        if (stake_u256_cmp(&r, max) > 0) {
            OK(stake_u256_mul(&eth, &pairs[id - 1].shares, max));
            OK(stake_u256_div(&eth, &eth, &e27));
        } else {
            eth = pairs[id - 1].steth;
        }
        OK(stake_u256_sub(&locked, &locked, &eth));
        claimed[id] = 1;
    }
    double t = bench_now_ns() - t0;
    bench_sink ^= locked.w[0] ^ claimed[N];
    free(claimed);
    return t / N;
}

/* ---- requests from a token ------------------------------------------------------ */

#define HOLDERS 1000u
#define REQUESTS 100000u
#define PER_CALL 10u

/* A token of HOLDERS holders of 200 ether, each with an infinite
 * allowance to the queue, and an empty queue. */
static void token_and_queue(stake_steth **t, stake_queue **q)
{
    stake_steth_params tp;
    stake_queue_params qp;
    OK(stake_steth_params_init(&tp, STAKE_STETH_PARAMS_VERSION));
    OK(stake_queue_params_init(&qp, STAKE_QUEUE_PARAMS_VERSION));
    tp.expected_accounts = HOLDERS + 8;
    qp.expected_requests = REQUESTS;
    OK(stake_steth_new(t, &tp));
    OK(stake_queue_new(q, &qp));
    stake_u256 v = STAKE_U256_C(200), e18 = STAKE_U256_C(1000000000000000000ULL), inf;
    OK(stake_u256_mul(&v, &v, &e18));
    memset(&inf, 0xff, sizeof inf);
    for (uint32_t h = 0; h < HOLDERS; h++) {
        stake_address a = owner_of(h);
        OK(stake_steth_submit(NULL, *t, &a, &v));
        OK(stake_steth_approve(*t, &a, &qp.address, &inf));
    }
}

/* REQUESTS requests of about an ether, holder by holder, one per call
 * (batch = 0) or PER_CALL per requestWithdrawals call. */
static double time_requests(int batch)
{
    stake_steth *t;
    stake_queue *q;
    token_and_queue(&t, &q);
    stake_u256 amounts[PER_CALL];
    uint64_t ids[PER_CALL];
    for (uint32_t k = 0; k < PER_CALL; k++)
        OK(stake_u256_from_u64(&amounts[k], amount_of(k)));
    double t0 = bench_now_ns();
    for (uint32_t i = 0; i < REQUESTS; i += PER_CALL) {
        stake_address o = owner_of(i / PER_CALL % HOLDERS);
        if (batch) {
            OK(stake_queue_request_batch(ids, q, t, &o, &o, amounts, PER_CALL, 1000, NULL));
        } else {
            for (uint32_t k = 0; k < PER_CALL; k++)
                OK(stake_queue_request_for(&ids[k], q, t, &o, &o, &amounts[k], 1000));
        }
    }
    double ns = (bench_now_ns() - t0) / REQUESTS;
    bench_sink ^= stake_queue_last_request_id(q) ^ ids[0];
    stake_queue_free(q);
    stake_steth_free(t);
    return ns;
}

int main(void)
{
    printf("bench_queue: libstake %s, %s backend, %u requests, %u per finalization, "
           "median of %d rounds\n", stake_version_string(), stake_backend_name(), N, PER_FIN,
           ROUNDS);

    /* enqueue */
    double enq[ROUNDS], app[ROUNDS];
    time_enqueue();
    for (int r = 0; r < ROUNDS; r++) {
        if (r % 2) {
            enq[r] = time_enqueue();
            app[r] = time_plain_append();
        } else {
            app[r] = time_plain_append();
            enq[r] = time_enqueue();
        }
    }
    stake_queue *base = fill(N);
    printf("  %-44s %9.1f MB (%.1f bytes per request)\n", "queue memory",
           stake_queue_memory(base) / 1e6, (double)stake_queue_memory(base) / N);
    bench_report("enqueue (amortised, growth included)", bench_median(enq, ROUNDS),
                 "plain append + prefix sums", bench_median(app, ROUNDS), "target: O(1)");

    pairs = malloc((size_t)N * sizeof *pairs);
    for (uint32_t i = 0; i < N; i++) {
        stake_queue_status st;
        OK(stake_queue_request_status(&st, base, i + 1));
        pairs[i].steth = st.amount;
        pairs[i].shares = st.shares;
    }

    /* finalization, on a fresh copy each round */
    double bat[ROUNDS], pre[ROUNDS], fz[ROUNDS], pp[ROUNDS], rs[ROUNDS];
    stake_queue *done = NULL;
    for (int r = 0; r < ROUNDS; r++) {
        stake_queue *q;
        OK(stake_queue_clone(&q, base));
        pp[r] = time_plain_pricing();
        struct fin_times t = time_finalize(q);
        rs[r] = time_plain_range_sums();
        bat[r] = t.batches;
        pre[r] = t.prefinalize;
        fz[r] = t.finalize;
        if (done)
            stake_queue_free(q);
        else
            done = q;
    }
    bench_report("calculate batches, per request walked", bench_median(bat, ROUNDS),
                 "plain pricing loop", bench_median(pp, ROUNDS), "target: O(requests)");
    bench_report("prefinalize 1,000 requests (per call)", bench_median(pre, ROUNDS),
                 "summing the 1,000 requests", bench_median(rs, ROUNDS), "target: O(batches)");
    printf("  %-44s %9.2f ns/op\n", "finalize (per call, O(1))", bench_median(fz, ROUNDS));

    /* hints over the 1,000 checkpoints */
    n_cp = stake_queue_last_checkpoint_index(done);
    cp_from = malloc((n_cp + 1) * sizeof *cp_from);
    cp_rate = malloc((n_cp + 1) * sizeof *cp_rate);
    for (uint64_t k = 1; k <= n_cp; k++) {
        stake_queue_checkpoint cp;
        OK(stake_queue_checkpoint_at(&cp, done, k));
        cp_from[k] = cp.from_id;
        cp_rate[k] = cp.max_share_rate;
    }
    all_ids = malloc((size_t)N * sizeof *all_ids);
    all_hints = malloc((size_t)N * sizeof *all_hints);
    for (uint32_t i = 0; i < N; i++)
        all_ids[i] = i + 1;
    double hs[ROUNDS], hb[ROUNDS], ls[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        ls[r] = time_linear_scan();
        hs[r] = time_hints(done);
        hb[r] = time_hints_batch(done);
    }
    char what[80];
    snprintf(what, sizeof what, "find hint, %llu checkpoints", (unsigned long long)n_cp);
    bench_report(what, bench_median(hs, ROUNDS), "linear scan", bench_median(ls, ROUNDS),
                 "target: O(log checkpoints)");
    bench_report("find hints, sorted batch of 1,000,000", bench_median(hb, ROUNDS),
                 "linear scan", bench_median(ls, ROUNDS), NULL);

    /* claims, on a fresh copy each round */
    double cl[ROUNDS], cu[ROUNDS], cb[ROUNDS], pc[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        stake_queue *q1, *q2;
        OK(stake_queue_clone(&q1, done));
        OK(stake_queue_clone(&q2, done));
        pc[r] = time_plain_claims();
        cl[r] = time_claims(q1, 1);
        cu[r] = time_claims(q2, 0);
        stake_u256 left;
        OK(stake_queue_locked_ether(&left, q1));
        bench_sink ^= left.w[0];
        stake_queue_free(q1);
        stake_queue_free(q2);
        OK(stake_queue_clone(&q1, done));
        cb[r] = time_batch_claims(q1);
        stake_queue_free(q1);
    }
    bench_report("claim with hint", bench_median(cl, ROUNDS), "plain claim arithmetic",
                 bench_median(pc, ROUNDS), NULL);
    bench_report("claim without hint (searches)", bench_median(cu, ROUNDS),
                 "plain claim arithmetic", bench_median(pc, ROUNDS), NULL);
    bench_report("claim_batch, one id per call", bench_median(cb, ROUNDS),
                 "claim with hint", bench_median(cl, ROUNDS), NULL);

    /* requests from a token, interleaved */
    double rq[ROUNDS], rb[ROUNDS];
    time_requests(1);
    for (int r = 0; r < ROUNDS; r++) {
        if (r % 2) {
            rq[r] = time_requests(0);
            rb[r] = time_requests(1);
        } else {
            rb[r] = time_requests(1);
            rq[r] = time_requests(0);
        }
    }
    bench_report("request_batch, 10 amounts per call", bench_median(rb, ROUNDS),
                 "request_for, one per call", bench_median(rq, ROUNDS), "per request");

    free(all_ids);
    free(all_hints);
    free(cp_from);
    free(cp_rate);
    free(pairs);
    stake_queue_free(done);
    stake_queue_free(base);
    return 0;
}
