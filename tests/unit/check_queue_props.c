/*
 * Properties of the withdrawal queue over long random scenarios driven
 * through the stETH model (V2 and V3): thousands of stETH and wstETH
 * requests from a few dozen holders, oracle reports moving the rate up
 * and down (losses included, with bunker mode), finalizations computed as
 * the oracle does (calculateFinalizationBatches in small steps, then
 * prefinalize and finalize, the finalized shares burned from the queue's
 * address and the locked ether taken out of the buffer), claims with
 * batch-found hints and without, ownership transfers, and refusals.
 *
 * Checked along the way and at the end:
 *  - the queue's invariants (stake_queue_check) and the token's ledger;
 *  - the queue holds exactly the shares of its unfinalized requests;
 *  - locked ether is never less than what the unclaimed finalized
 *    requests can claim;
 *  - no claim exceeds its request's nominal amount;
 *  - claims never exceed what was locked, and claims + locked = locked
 *    by every finalization, to the wei;
 *  - the per-finalization accounting (dust) adds up to what is left.
 */
#include "queue_testutil.h"

enum { HOLDERS = 24, STEPS = 12000, CHECK_EVERY = 400 };

static uint64_t rng = 0x853c49e6748fea9bULL;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A value below bound (bound < 2^128), roughly uniform. */
static stake_u256 below(const stake_u256 *bound)
{
    stake_u256 r = { { rnd(), rnd(), 0, 0 } }, out;
    if (stake_u256_mod(&out, &r, bound) != STAKE_OK)
        return U64(0);
    return out;
}

struct world {
    stake_steth *token;
    stake_queue *q;
    stake_address qaddr, wrapper, treasury;
    uint64_t ts;
    stake_u256 total_locked;      /* what every finalize locked */
    stake_u256 total_claimed;     /* what every claim paid */
    unsigned requests, refusals, finalizations, claims, discounted;
};

static stake_u256 add(stake_u256 a, stake_u256 b)
{
    stake_u256 r;
    ck_assert_rc(stake_u256_add(&r, &a, &b), STAKE_OK);
    return r;
}

static stake_u256 sub(stake_u256 a, stake_u256 b)
{
    stake_u256 r;
    ck_assert_rc(stake_u256_sub(&r, &a, &b), STAKE_OK);
    return r;
}

static void setup(struct world *w, stake_lido_version v)
{
    memset(w, 0, sizeof *w);
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    p.protocol = v;
    ck_assert_rc(stake_steth_new(&w->token, &p), STAKE_OK);
    w->wrapper = p.wsteth;
    w->q = new_queue();
    ck_assert_rc(stake_queue_address(&w->qaddr, w->q), STAKE_OK);
    w->treasury = QA(999);
    stake_u256 inf = U(MAX_U256_DEC), deposit = U("200000" ETHER);
    for (unsigned h = 1; h <= HOLDERS; h++) {
        stake_address a = QA(h);
        ck_assert_rc(stake_steth_submit(NULL, w->token, &a, &deposit), STAKE_OK);
        ck_assert_rc(stake_steth_approve(w->token, &a, &w->qaddr, &inf), STAKE_OK);
        ck_assert_rc(stake_steth_approve(w->token, &a, &w->wrapper, &inf), STAKE_OK);
        ck_assert_rc(stake_wsteth_approve(w->token, &a, &w->qaddr, &inf), STAKE_OK);
    }
    /* 3000 validators on the consensus layer, the rest buffered */
    ck_assert_rc(stake_steth_deposit_validators(w->token, 3000), STAKE_OK);
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, w->token), STAKE_OK);
    pool.cl_validators = U64(3000);
    pool.cl_balance = U("96000" ETHER);
    ck_assert_rc(stake_steth_set_pool(w->token, &pool), STAKE_OK);
    w->ts = 1000;
}

static void tick(struct world *w)
{
    w->ts += 2 + rnd() % 60;
}

/* An amount for a request: mostly valid, sometimes out of bounds or
 * beyond the holder's balance. */
static stake_u256 request_amount(void)
{
    uint64_t k = rnd() % 100;
    if (k < 5)
        return U64(rnd() % 100);                     /* below the minimum */
    if (k < 9) {
        stake_u256 big = U("1000" ETHER), extra = U64(1 + rnd() % 1000);
        return add(big, extra);                      /* above the maximum */
    }
    if (k < 25)
        return U64(100 + rnd() % 100000);            /* dust-sized */
    stake_u256 max = U("1000" ETHER);
    return add(below(&max), U64(100));
}

static void do_request(struct world *w)
{
    stake_address h = QA(1 + (unsigned)(rnd() % HOLDERS));
    stake_u256 amount = request_amount();
    uint64_t id = 0;
    stake_rc rc;
    int wsteth = rnd() % 4 == 0;
    if (wsteth) {
        /* wrap a little first, then request some wstETH */
        stake_u256 wrap = U(rnd() % 2 ? "3" ETHER : "1000" ETHER), got;
        (void)!stake_wsteth_wrap(&got, w->token, &h, &wrap);
        stake_u256 bal;
        ck_assert_rc(stake_wsteth_balance_of(&bal, w->token, &h), STAKE_OK);
        rc = stake_queue_request_wsteth(&id, w->q, w->token, &h, &amount, w->ts);
        ck_assert_msg(rc == STAKE_OK || rc == STAKE_EAMOUNTTOOSMALL ||
                      rc == STAKE_EAMOUNTTOOLARGE || rc == STAKE_EBALANCE ||
                      rc == STAKE_EZEROAMOUNT, "wstETH request: %s", stake_errname(rc));
    } else {
        rc = stake_queue_request(&id, w->q, w->token, &h, &amount, w->ts);
        ck_assert_msg(rc == STAKE_OK || rc == STAKE_EAMOUNTTOOSMALL ||
                      rc == STAKE_EAMOUNTTOOLARGE || rc == STAKE_EBALANCE,
                      "request: %s", stake_errname(rc));
    }
    if (rc == STAKE_OK) {
        w->requests++;
        ck_assert_uint_eq(id, stake_queue_last_request_id(w->q));
    } else {
        w->refusals++;
    }
}

/* An oracle report: the CL balance moves by -3% .. +0.6%, withdrawals
 * refill the buffer, and the queue hears of it (bunker on a loss). */
static void do_report(struct world *w)
{
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, w->token), STAKE_OK);
    stake_lido_report r;
    ck_assert_rc(stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION), STAKE_OK);
    r.cl_validators = pool.cl_validators;
    r.total_fee = U("10000000000000000000");
    r.treasury = w->treasury;
    uint64_t k = rnd() % 100;
    stake_u256 delta, permille = U64(k < 15 ? 1 + rnd() % 30 : 1 + rnd() % 6), thousand = U64(1000);
    ck_assert_rc(stake_u256_muldiv(&delta, &pool.cl_balance, &permille, &thousand,
                                   STAKE_ROUND_FLOOR), STAKE_OK);
    int loss = k < 15 || rnd() % 3 == 0;
    if (loss)
        r.cl_balance = sub(pool.cl_balance, delta);
    else
        r.cl_balance = add(pool.cl_balance, delta);
    stake_u256 cap = U("300" ETHER);
    r.el_rewards_vault_balance = below(&cap);
    if (stake_u256_cmp(&r.cl_balance, &cap) > 0 && rnd() % 2) {
        /* some CL ether comes back through the withdrawal vault */
        r.withdrawal_vault_balance = below(&cap);
        r.cl_balance = sub(r.cl_balance, r.withdrawal_vault_balance);
    }
    /* no smoothing: every vault is emptied into the buffer */
    r.max_positive_token_rebase = STAKE_LIDO_UNLIMITED_REBASE;
    r.timestamp = w->ts - 1;
    r.block_timestamp = w->ts;
    ck_assert_rc(stake_steth_handle_report(NULL, w->token, &r), STAKE_OK);
    ck_assert_rc(stake_queue_on_oracle_report(w->q, loss, w->ts - 2, w->ts - 1, w->ts), STAKE_OK);
}

/* The finalization share rate: internal ether / internal shares, 1e27. */
static stake_u256 share_rate(const struct world *w)
{
    stake_lido_totals t;
    ck_assert_rc(stake_steth_totals(&t, w->token), STAKE_OK);
    stake_u256 r, e27 = U(E27);
    ck_assert_rc(stake_u256_muldiv(&r, &t.internal_ether, &e27, &t.internal_shares,
                                   STAKE_ROUND_FLOOR), STAKE_OK);
    return r;
}

/* As the oracle and then Lido do: batches over the buffered ether up to
 * a safe border, prefinalize, finalize, burn, take the ether out. */
static void do_finalize(struct world *w, int everything)
{
    if (stake_queue_last_finalized_id(w->q) == stake_queue_last_request_id(w->q))
        return;
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, w->token), STAKE_OK);
    stake_u256 rate = share_rate(w), budget = pool.buffered_ether;
    if (!everything && rnd() % 3 == 0) {
        stake_u256 cap = add(budget, U64(1));
        budget = below(&cap);
    }
    if ((budget.w[0] | budget.w[1] | budget.w[2] | budget.w[3]) == 0)
        return;
    uint64_t border = everything ? w->ts : w->ts - rnd() % 300;
    stake_queue_batches st;
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    uint64_t per_call = everything ? 1000000 : 1 + rnd() % 40;
    for (int calls = 0; !st.finished; calls++) {
        ck_assert_int_lt(calls, 100000);
        ck_assert_rc(stake_queue_calculate_batches(&st, w->q, &rate, border, per_call), STAKE_OK);
        if (st.length == STAKE_QUEUE_MAX_BATCHES)
            break;
        if (!st.finished && (st.remaining_eth_budget.w[0] | st.remaining_eth_budget.w[1]) == 0)
            break;
    }
    if (st.length == 0)
        return;
    stake_u256 eth, shares;
    ck_assert_rc(stake_queue_prefinalize(&eth, &shares, w->q, st.batches, st.length, &rate),
                 STAKE_OK);
    stake_u256 spent = sub(budget, st.remaining_eth_budget);
    (void)spent;
    ck_assert_int_le(stake_u256_cmp(&eth, &pool.buffered_ether), 0);
    uint64_t last = st.batches[st.length - 1];
    /* the nominal stETH of the range bounds what is locked */
    stake_u256 before_unfinalized, after_unfinalized;
    ck_assert_rc(stake_queue_unfinalized_steth(&before_unfinalized, w->q), STAKE_OK);
    ck_assert_rc(stake_queue_finalize(w->q, last, &eth, &rate), STAKE_OK);
    ck_assert_rc(stake_queue_unfinalized_steth(&after_unfinalized, w->q), STAKE_OK);
    stake_u256 nominal = sub(before_unfinalized, after_unfinalized);
    ck_assert_int_le(stake_u256_cmp(&eth, &nominal), 0);
    if (stake_u256_cmp(&eth, &nominal) < 0)
        w->discounted++;
    ck_assert_rc(stake_steth_burn_shares(w->token, &w->qaddr, &shares), STAKE_OK);
    ck_assert_rc(stake_steth_get_pool(&pool, w->token), STAKE_OK);
    pool.buffered_ether = sub(pool.buffered_ether, eth);
    ck_assert_rc(stake_steth_set_pool(w->token, &pool), STAKE_OK);
    w->total_locked = add(w->total_locked, eth);
    w->finalizations++;
}

static void claim_one(struct world *w, uint64_t id, uint64_t hint, int unhinted)
{
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, w->q, id), STAKE_OK);
    stake_address caller = st.owner;
    int wrong = rnd() % 10 == 0;
    if (wrong)
        caller = QA(1000);
    stake_u256 eth = sentinel();
    stake_rc rc = unhinted ? stake_queue_claim_unhinted(&eth, w->q, id, &caller)
                           : stake_queue_claim(&eth, w->q, id, hint, &caller);
    if (st.claimed) {
        ck_assert_rc(rc, STAKE_EALREADYCLAIMED);
    } else if (wrong) {
        ck_assert_rc(rc, STAKE_ENOTOWNER);
    } else {
        ck_assert_rc(rc, STAKE_OK);
        /* never more than the nominal amount */
        ck_assert_int_le(stake_u256_cmp(&eth, &st.amount), 0);
        w->total_claimed = add(w->total_claimed, eth);
        w->claims++;
        return;
    }
    ck_assert_u256_eq(eth, sentinel());
}

static void do_claims(struct world *w)
{
    uint64_t last = stake_queue_last_finalized_id(w->q);
    if (last == 0)
        return;
    if (rnd() % 3 == 0) {
        claim_one(w, 1 + rnd() % last, 0, 1);
        return;
    }
    /* findCheckpointHints over a sorted handful of ids */
    uint64_t ids[8], hints[8];
    size_t n = 1 + rnd() % 8;
    for (size_t i = 0; i < n; i++)
        ids[i] = 1 + rnd() % last;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
            uint64_t t = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = t;
        }
    ck_assert_rc(stake_queue_find_checkpoint_hints(hints, w->q, ids, n, 1,
                                                   stake_queue_last_checkpoint_index(w->q)),
                 STAKE_OK);
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_ne(hints[i], 0);
        claim_one(w, ids[i], hints[i], 0);
    }
}

static void do_transfer(struct world *w)
{
    uint64_t last = stake_queue_last_request_id(w->q);
    if (last == 0)
        return;
    uint64_t id = 1 + rnd() % last;
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, w->q, id), STAKE_OK);
    stake_address to = QA(1 + (unsigned)(rnd() % HOLDERS));
    stake_rc rc = stake_queue_transfer(w->q, &st.owner, &to, id);
    /* the contract checks the recipient before the request */
    if (memcmp(&to, &st.owner, sizeof to) == 0)
        ck_assert_rc(rc, STAKE_ESELFTRANSFER);
    else if (st.claimed)
        ck_assert_rc(rc, STAKE_EALREADYCLAIMED);
    else
        ck_assert_rc(rc, STAKE_OK);
}

/* Everything the queue promises, checked over the whole state. */
static void check_all(struct world *w)
{
    ck_assert_rc(stake_queue_check(w->q), STAKE_OK);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(w->token)), STAKE_OK);
    stake_queue *q = w->q;
    uint64_t last = stake_queue_last_request_id(q), fin_id = stake_queue_last_finalized_id(q);
    /* the queue's shares are exactly those of its unfinalized requests */
    stake_u256 pending = U64(0), held, wheld;
    for (uint64_t id = fin_id + 1; id <= last; id++) {
        stake_queue_status st;
        ck_assert_rc(stake_queue_request_status(&st, q, id), STAKE_OK);
        pending = add(pending, st.shares);
    }
    ck_assert_rc(stake_steth_shares_of(&held, w->token, &w->qaddr), STAKE_OK);
    ck_assert_u256_eq(held, pending);
    ck_assert_rc(stake_wsteth_balance_of(&wheld, w->token, &w->qaddr), STAKE_OK);
    ck_assert_u256_eq(wheld, U64(0));
    /* locked >= what the unclaimed can claim */
    stake_u256 owed = U64(0);
    for (uint64_t id = 1; id <= fin_id; id++) {
        stake_u256 c = claimable_of(q, id);
        stake_queue_status st;
        ck_assert_rc(stake_queue_request_status(&st, q, id), STAKE_OK);
        ck_assert_int_le(stake_u256_cmp(&c, &st.amount), 0);
        owed = add(owed, c);
    }
    stake_u256 lk = locked(q);
    ck_assert_int_le(stake_u256_cmp(&owed, &lk), 0);
    /* claims never exceed what was locked; claims + locked = locked ever */
    ck_assert_int_le(stake_u256_cmp(&w->total_claimed, &w->total_locked), 0);
    ck_assert_u256_eq(add(w->total_claimed, lk), w->total_locked);
    /* the per-finalization accounting adds up */
    stake_u256 dust = U64(0), shortfall = U64(0), claimed = U64(0), lk_sum = U64(0);
    uint64_t covered = 0;
    for (uint64_t k = 1; k <= stake_queue_last_checkpoint_index(q); k++) {
        stake_queue_dust d;
        ck_assert_rc(stake_queue_checkpoint_dust(&d, q, k), STAKE_OK);
        dust = add(dust, d.dust);
        shortfall = add(shortfall, d.shortfall);
        claimed = add(claimed, d.claimed);
        lk_sum = add(lk_sum, d.locked);
        covered += d.requests;
    }
    ck_assert_uint_eq(covered, fin_id);
    ck_assert_u256_eq(claimed, w->total_claimed);
    ck_assert_u256_eq(lk_sum, w->total_locked);
    /* locked - owed = dust - shortfall */
    ck_assert_u256_eq(add(sub(lk, owed), shortfall), dust);
}

static void scenario(stake_lido_version v)
{
    struct world w;
    setup(&w, v);
    for (int step = 1; step <= STEPS; step++) {
        tick(&w);
        uint64_t op = rnd() % 100;
        if (op < 40)
            do_request(&w);
        else if (op < 52)
            do_report(&w);
        else if (op < 62)
            do_finalize(&w, 0);
        else if (op < 92)
            do_claims(&w);
        else
            do_transfer(&w);
        if (step % CHECK_EVERY == 0)
            check_all(&w);
    }
    /* the end: finalize everything, claim everything */
    for (int round = 0; round < 200 &&
                        stake_queue_last_finalized_id(w.q) < stake_queue_last_request_id(w.q);
         round++) {
        stake_steth_pool pool;
        ck_assert_rc(stake_steth_get_pool(&pool, w.token), STAKE_OK);
        pool.buffered_ether = add(pool.buffered_ether, U("100000" ETHER));
        ck_assert_rc(stake_steth_set_pool(w.token, &pool), STAKE_OK);
        tick(&w);
        do_finalize(&w, 1);
    }
    ck_assert_uint_eq(stake_queue_last_finalized_id(w.q), stake_queue_last_request_id(w.q));
    check_all(&w);
    for (uint64_t id = 1; id <= stake_queue_last_request_id(w.q); id++) {
        stake_queue_status st;
        ck_assert_rc(stake_queue_request_status(&st, w.q, id), STAKE_OK);
        if (st.claimed)
            continue;
        stake_u256 eth;
        ck_assert_rc(stake_queue_claim_unhinted(&eth, w.q, id, &st.owner), STAKE_OK);
        ck_assert_int_le(stake_u256_cmp(&eth, &st.amount), 0);
        w.total_claimed = add(w.total_claimed, eth);
        w.claims++;
    }
    check_all(&w);
    /* what is left locked is the dust, for ever */
    stake_u256 dust = U64(0);
    for (uint64_t k = 1; k <= stake_queue_last_checkpoint_index(w.q); k++) {
        stake_queue_dust d;
        ck_assert_rc(stake_queue_checkpoint_dust(&d, w.q, k), STAKE_OK);
        ck_assert_uint_eq(d.claimed_requests, d.requests);
        ck_assert_u256_eq(d.claimed, d.claimable);
        dust = add(dust, sub(d.dust, d.shortfall));
    }
    ck_assert_u256_eq(locked(w.q), dust);
    ck_assert_uint_gt(w.requests, 3000);
    ck_assert_uint_gt(w.finalizations, 50);
    ck_assert_uint_gt(w.discounted, 0);
    char buf[STAKE_U256_DEC_SIZE];
    printf("queue properties (V%d): %u requests, %u refused, %u finalizations (%u discounted), "
           "%u claims, %s wei of dust left locked\n", (int)v, w.requests, w.refusals,
           w.finalizations, w.discounted, w.claims, dec(buf, &dust));
    stake_queue_free(w.q);
    stake_steth_free(w.token);
}

START_TEST(random_scenario_v3)
{
    scenario(STAKE_LIDO_V3);
}
END_TEST

START_TEST(random_scenario_v2)
{
    scenario(STAKE_LIDO_V2);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("queue_props");
    TCase *tc = tcase_create("scenarios");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, random_scenario_v3);
    tcase_add_test(tc, random_scenario_v2);
    suite_add_tcase(s, tc);
    return s;
}
