/*
 * requestWithdrawals(amounts, owner) and requestWithdrawalsWstETH as
 * batches: stake_queue_request_batch and stake_queue_request_wsteth_batch.
 *
 * The reference for a batch is the same requests made one at a time: a
 * batch succeeds exactly when they all would, leaves the same state, and
 * otherwise refuses with the first one's refusal, names its index and
 * changes nothing. The random test checks that on thousands of batches
 * against copies of the queue and the token, including the senders for
 * which the batch checks on a copy of the token rather than by dry runs.
 */
#include <unistd.h>
#include "queue_testutil.h"
#include "proputil.h"
#include "failmalloc.h"

static const size_t NO_INDEX = 9999;

static stake_steth_params token_params(stake_lido_version v)
{
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    p.protocol = v;
    return p;
}

static stake_u256 wsteth_of(const stake_steth *t, const stake_address *a)
{
    stake_u256 v;
    ck_assert_rc(stake_wsteth_balance_of(&v, t, a), STAKE_OK);
    return v;
}

static stake_u256 allowance_of(const stake_steth *t, const stake_address *owner,
                               const stake_address *spender)
{
    stake_u256 v;
    ck_assert_rc(stake_steth_allowance(&v, t, owner, spender), STAKE_OK);
    return v;
}

static stake_u256 wsteth_allowance_of(const stake_steth *t, const stake_address *owner,
                                      const stake_address *spender)
{
    stake_u256 v;
    ck_assert_rc(stake_wsteth_allowance(&v, t, owner, spender), STAKE_OK);
    return v;
}

/* The accounts a batch can touch: holders, the queue, the contracts. */
#define N_WATCHED 9
static void watched(stake_address out[N_WATCHED], const stake_queue *q)
{
    stake_steth_params p = token_params(STAKE_LIDO_V3);
    for (unsigned i = 0; i < 5; i++)
        out[i] = QA(i + 1);
    ck_assert_rc(stake_queue_address(&out[5], q), STAKE_OK);
    out[6] = p.wsteth;
    out[7] = p.burner;
    memset(&out[8], 0, sizeof out[8]);
}

/* Every observable piece of the two tokens that a request can change. */
static void assert_same_token(const stake_steth *a, const stake_steth *b, const stake_queue *q)
{
    stake_u256 x, y;
    ck_assert_rc(stake_steth_total_shares(&x, a), STAKE_OK);
    ck_assert_rc(stake_steth_total_shares(&y, b), STAKE_OK);
    ck_assert_u256_eq(x, y);
    ck_assert_rc(stake_steth_total_supply(&x, a), STAKE_OK);
    ck_assert_rc(stake_steth_total_supply(&y, b), STAKE_OK);
    ck_assert_u256_eq(x, y);
    ck_assert_rc(stake_wsteth_total_supply(&x, a), STAKE_OK);
    ck_assert_rc(stake_wsteth_total_supply(&y, b), STAKE_OK);
    ck_assert_u256_eq(x, y);
    ck_assert_uint_eq(stake_ledger_count(stake_steth_ledger(a)),
                      stake_ledger_count(stake_steth_ledger(b)));
    stake_address acc[N_WATCHED];
    watched(acc, q);
    for (unsigned i = 0; i < N_WATCHED; i++) {
        ck_assert_u256_eq(shares_of(a, &acc[i]), shares_of(b, &acc[i]));
        ck_assert_u256_eq(wsteth_of(a, &acc[i]), wsteth_of(b, &acc[i]));
        ck_assert_u256_eq(allowance_of(a, &acc[i], &acc[5]), allowance_of(b, &acc[i], &acc[5]));
        ck_assert_u256_eq(wsteth_allowance_of(a, &acc[i], &acc[5]),
                          wsteth_allowance_of(b, &acc[i], &acc[5]));
    }
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(a)), STAKE_OK);
}

/* The two pairs save to the same bytes: the same accounts in the same
 * order, in both ledgers, which the views above cannot all see. */
static void assert_same_bytes(const stake_steth *t1, const stake_queue *q1,
                              const stake_steth *t2, const stake_queue *q2)
{
    char dir[] = "/tmp/stake-batch-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[2][64];
    const stake_steth *t[2] = { t1, t2 };
    const stake_queue *q[2] = { q1, q2 };
    unsigned char *bytes[2];
    long len[2];
    for (int k = 0; k < 2; k++) {
        stake_snapshot *snap = NULL;
        snprintf(path[k], sizeof path[k], "%s/%d", dir, k);
        ck_assert_rc(stake_snapshot_new(&snap), STAKE_OK);
        ck_assert_rc(stake_snapshot_put_steth(snap, "token", t[k]), STAKE_OK);
        ck_assert_rc(stake_snapshot_put_queue(snap, "queue", q[k]), STAKE_OK);
        ck_assert_rc(stake_snapshot_save(snap, path[k], NULL), STAKE_OK);
        stake_snapshot_free(snap);
        FILE *f = fopen(path[k], "rb");
        ck_assert_ptr_nonnull(f);
        fseek(f, 0, SEEK_END);
        len[k] = ftell(f);
        rewind(f);
        bytes[k] = malloc((size_t)len[k]);
        ck_assert_ptr_nonnull(bytes[k]);
        ck_assert_uint_eq(fread(bytes[k], 1, (size_t)len[k], f), (size_t)len[k]);
        fclose(f);
        remove(path[k]);
    }
    rmdir(dir);
    ck_assert_int_eq(len[0], len[1]);
    ck_assert(memcmp(bytes[0], bytes[1], (size_t)len[0]) == 0);
    free(bytes[0]);
    free(bytes[1]);
}

START_TEST(batch_of_three)
{
    stake_steth *t = token_at_115();
    stake_queue *q = new_queue();
    stake_address alice = QA(1), carol = QA(3), qa, zero;
    memset(&zero, 0, sizeof zero);
    ck_assert_rc(stake_queue_address(&qa, q), STAKE_OK);
    stake_u256 amounts[3] = { U("1" ETHER), U("2" ETHER), U("3" ETHER) };
    stake_u256 ten = U("10" ETHER);
    uint64_t ids[3] = { 0, 0, 0 };
    size_t failed = NO_INDEX;

    ck_assert_rc(stake_queue_request_batch(ids, NULL, t, &alice, &carol, amounts, 3, 1, &failed),
                 STAKE_EINVAL);
    ck_assert_rc(stake_queue_request_batch(ids, q, NULL, &alice, &carol, amounts, 3, 1, &failed),
                 STAKE_EINVAL);
    ck_assert_rc(stake_queue_request_batch(ids, q, t, NULL, &carol, amounts, 3, 1, &failed),
                 STAKE_EINVAL);
    ck_assert_rc(stake_queue_request_batch(ids, q, t, &alice, NULL, amounts, 3, 1, &failed),
                 STAKE_EINVAL);
    ck_assert_rc(stake_queue_request_batch(ids, q, t, &alice, &carol, NULL, 3, 1, &failed),
                 STAKE_EINVAL);
    ck_assert_rc(stake_queue_request_wsteth_batch(ids, q, t, &alice, &carol, NULL, 3, 1,
                                                  &failed),
                 STAKE_EINVAL);
    /* nothing to request: fine, but a paused queue still says so */
    ck_assert_rc(stake_queue_request_batch(NULL, q, t, &alice, &carol, NULL, 0, 1, NULL),
                 STAKE_OK);
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    ck_assert_rc(stake_queue_request_batch(NULL, q, t, &alice, &carol, NULL, 0, 1, &failed),
                 STAKE_EPAUSED);
    ck_assert_rc(stake_queue_request_batch(ids, q, t, &alice, &carol, amounts, 3, 1, &failed),
                 STAKE_EPAUSED);
    ck_assert_rc(stake_queue_resume(q), STAKE_OK);
    ck_assert_uint_eq(failed, NO_INDEX);
    ck_assert_uint_eq(stake_queue_last_request_id(q), 0);

    ck_assert_rc(stake_steth_approve(t, &alice, &qa, &ten), STAKE_OK);
    stake_u256 alice_before = shares_of(t, &alice);
    ck_assert_rc(stake_queue_request_batch(ids, q, t, &alice, &carol, amounts, 3, 2, &failed),
                 STAKE_OK);
    ck_assert_uint_eq(failed, NO_INDEX);
    stake_u256 total = U64(0);
    for (unsigned i = 0; i < 3; i++) {
        ck_assert_uint_eq(ids[i], i + 1);
        stake_queue_status st;
        ck_assert_rc(stake_queue_request_status(&st, q, ids[i]), STAKE_OK);
        ck_assert(memcmp(&st.owner, &carol, sizeof carol) == 0);
        ck_assert_u256_eq(st.amount, amounts[i]);
        ck_assert_uint_eq(st.timestamp, 2);
        ck_assert_rc(stake_u256_add(&total, &total, &st.shares), STAKE_OK);
    }
    /* 1, 2 and 3 ether at 1.15: floor(x / 1.15) shares each */
    ck_assert_u256_eq(total, U("5217391304347826085"));
    ck_assert_u256_eq(shares_of(t, &qa), total);
    stake_u256 left;
    ck_assert_rc(stake_u256_sub(&left, &alice_before, &total), STAKE_OK);
    ck_assert_u256_eq(shares_of(t, &alice), left);
    ck_assert_u256_eq(allowance_of(t, &alice, &qa), U("4" ETHER));
    /* a zero owner is the sender; ids may be left out */
    ck_assert_rc(stake_queue_request_batch(NULL, q, t, &alice, &zero, amounts, 1, 3, &failed),
                 STAKE_OK);
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, q, 4), STAKE_OK);
    ck_assert(memcmp(&st.owner, &alice, sizeof alice) == 0);
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    stake_queue_free(q);
    stake_steth_free(t);
}
END_TEST

/* Each element sees what the earlier ones spent: the allowance, the
 * balance, the prefix sums. A refusal names the element and leaves
 * everything as it was, the queue's stETH account included. */
START_TEST(batch_refusals_name_the_element)
{
    stake_steth *t = token_at_115();
    stake_queue *q = new_queue();
    stake_address alice = QA(1), qa;
    ck_assert_rc(stake_queue_address(&qa, q), STAKE_OK);
    stake_u256 allowance = U("2500000000000000000");
    ck_assert_rc(stake_steth_approve(t, &alice, &qa, &allowance), STAKE_OK);
    stake_steth *t0 = NULL;
    ck_assert_rc(stake_steth_clone(&t0, t), STAKE_OK);
    stake_queue *q0 = snapshot_of(q);
    uint64_t ids[3] = { 7, 7, 7 };
    size_t failed = NO_INDEX;

    /* 1 + 1 fit in the 2.5 ether allowance, the third does not */
    stake_u256 ones[3] = { U("1" ETHER), U("1" ETHER), U("1" ETHER) };
    ck_assert_rc(stake_queue_request_batch(ids, q, t, &alice, &alice, ones, 3, 1, &failed),
                 STAKE_EALLOWANCE);
    ck_assert_uint_eq(failed, 2);
    /* the bounds of the second come after the first one's transfer */
    stake_u256 mixed[3] = { U("1" ETHER), U64(99), U("1" ETHER) };
    ck_assert_rc(stake_queue_request_batch(ids, q, t, &alice, &alice, mixed, 3, 1, &failed),
                 STAKE_EAMOUNTTOOSMALL);
    ck_assert_uint_eq(failed, 1);
    /* alice holds 115 ether: 100 + 10 pass, the next 10 do not */
    stake_u256 inf = U(MAX_U256_DEC);
    ck_assert_rc(stake_steth_approve(t, &alice, &qa, &inf), STAKE_OK);
    ck_assert_rc(stake_steth_approve(t0, &alice, &qa, &inf), STAKE_OK);
    stake_u256 big[3] = { U("100" ETHER), U("10" ETHER), U("10" ETHER) };
    ck_assert_rc(stake_queue_request_batch(ids, q, t, &alice, &alice, big, 3, 1, &failed),
                 STAKE_EBALANCE);
    ck_assert_uint_eq(failed, 2);
    ck_assert_uint_eq(ids[0], 7);
    assert_same_queue(q, q0);
    assert_same_token(t, t0, q);
    /* the queue never became a holder */
    ck_assert_uint_eq(stake_ledger_count(stake_steth_ledger(t)),
                      stake_ledger_count(stake_steth_ledger(t0)));

    /* wstETH: the sender's wstETH runs out at the third element */
    stake_steth_params p = token_params(STAKE_LIDO_V3);
    stake_u256 five = U("5" ETHER), w;
    ck_assert_rc(stake_steth_approve(t, &alice, &p.wsteth, &inf), STAKE_OK);
    ck_assert_rc(stake_wsteth_wrap(&w, t, &alice, &five), STAKE_OK);
    stake_steth_free(t0);
    ck_assert_rc(stake_steth_clone(&t0, t), STAKE_OK);
    stake_u256 ws[3] = { U("2" ETHER), U("2" ETHER), U("2" ETHER) };
    /* the wstETH allowance to the queue runs out at the second element */
    stake_u256 three = U("3" ETHER);
    ck_assert_rc(stake_wsteth_approve(t, &alice, &qa, &three), STAKE_OK);
    ck_assert_rc(stake_queue_request_wsteth_batch(ids, q, t, &alice, &alice, ws, 3, 1, &failed),
                 STAKE_EALLOWANCE);
    ck_assert_uint_eq(failed, 1);
    ck_assert_u256_eq(wsteth_allowance_of(t, &alice, &qa), three);
    ck_assert_rc(stake_wsteth_approve(t, &alice, &qa, &inf), STAKE_OK);
    ck_assert_rc(stake_wsteth_approve(t0, &alice, &qa, &inf), STAKE_OK);
    ck_assert_rc(stake_queue_request_wsteth_batch(ids, q, t, &alice, &alice, ws, 3, 1, &failed),
                 STAKE_EBALANCE);
    ck_assert_uint_eq(failed, 2);
    /* the unwrapped amount's bounds come after the transfer */
    stake_u256 wd[2] = { U("1" ETHER), U64(50) };
    ck_assert_rc(stake_queue_request_wsteth_batch(ids, q, t, &alice, &alice, wd, 2, 1, &failed),
                 STAKE_EAMOUNTTOOSMALL);
    ck_assert_uint_eq(failed, 1);
    stake_u256 wz[2] = { U("1" ETHER), U64(0) };
    ck_assert_rc(stake_queue_request_wsteth_batch(ids, q, t, &alice, &alice, wz, 2, 1, &failed),
                 STAKE_EZEROAMOUNT);
    ck_assert_uint_eq(failed, 1);
    assert_same_queue(q, q0);
    assert_same_token(t, t0, q);
    /* the same two elements that passed go through */
    ck_assert_rc(stake_queue_request_wsteth_batch(ids, q, t, &alice, &alice, ws, 2, 4, &failed),
                 STAKE_OK);
    ck_assert_uint_eq(ids[0], 1);
    ck_assert_uint_eq(ids[1], 2);
    ck_assert_u256_eq(wsteth_of(t, &qa), U64(0));
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, q, 2), STAKE_OK);
    ck_assert_u256_eq(st.amount, U("2300000000000000000"));
    stake_queue_free(q0);
    stake_queue_free(q);
    stake_steth_free(t0);
    stake_steth_free(t);
}
END_TEST

/* The queue's late checks (the uint128 prefix sums) of a later element
 * still lose to an earlier element's token refusal, and win over a later
 * one's. */
START_TEST(batch_late_checks)
{
    stake_steth *t = token_at_115();
    stake_queue_params p;
    stake_queue *q = new_queue_with_max(&p, "0xffffffffffffffffffffffffffffffff");
    stake_address alice = QA(1), bob = QA(2), qa = p.address;
    /* 2^128 - 201: room for a 100 wei request, not for 1 ether */
    stake_u256 nearly = U("0xffffffffffffffffffffffffffffff37"), s = U64(1);
    stake_u256 inf = U(MAX_U256_DEC), small[2];
    uint64_t id, ids[2];
    size_t failed = NO_INDEX;
    ck_assert_rc(stake_queue_enqueue(&id, q, &bob, &nearly, &s, 1), STAKE_OK);
    ck_assert_rc(stake_steth_approve(t, &alice, &qa, &inf), STAKE_OK);
    /* 100 wei then 1 ether: the sums overflow at the second */
    small[0] = U64(100);
    small[1] = U("1" ETHER);
    stake_u256 one = U("1" ETHER);
    ck_assert_rc(stake_queue_request_batch(ids, q, t, &alice, &alice, small, 2, 2, &failed),
                 STAKE_EOVERFLOW);
    ck_assert_uint_eq(failed, 1);
    ck_assert_u256_eq(shares_of(t, &qa), U64(0));
    /* an empty sender refuses first, at element 0 */
    ck_assert_rc(stake_queue_request_batch(ids, q, t, &bob, &bob, small, 2, 2, &failed),
                 STAKE_EALLOWANCE);
    ck_assert_uint_eq(failed, 0);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &one, 2), STAKE_EOVERFLOW);
    ck_assert_uint_eq(stake_queue_last_request_id(q), 1);
    stake_queue_free(q);
    stake_steth_free(t);
}
END_TEST

/* ---- against one request at a time ------------------------------------------- */

static uint64_t prng = 0x853c49e6748fea9bULL;

static uint64_t rnd(void)
{
    return prop_next(&prng);
}

static stake_u256 random_amount(void)
{
    switch (rnd() % 24) {
    case 0:
        return U64(rnd() % 3);                        /* zero and dust */
    case 1:
        return U64(95 + rnd() % 10);                  /* around the minimum */
    case 2: {
        stake_u256 v = U("1000" ETHER), d = U64(rnd() % 3);
        (void)!(rnd() % 2 ? stake_u256_add(&v, &v, &d) : stake_u256_sub(&v, &v, &d));
        return v;                                     /* around the maximum */
    }
    case 3:
        return U("40" ETHER);
    default: {
        stake_u256 v = U64(rnd() % 18000000000000000000ULL);   /* up to 18 ether */
        return v;
    }
    }
}

/* A sender: mostly the holders, sometimes an account that makes the
 * batch check on a copy of the token, or the zero address. */
static stake_address random_sender(const stake_address acc[N_WATCHED])
{
    unsigned r = (unsigned)(rnd() % 20);
    if (r < 14)
        return acc[r % 4];
    return acc[5 + (r - 14) % 4];      /* the queue, wrapper, Burner, zero */
}

static void random_setup(stake_steth *t, const stake_address acc[N_WATCHED])
{
    stake_u256 inf = U(MAX_U256_DEC);
    for (unsigned i = 0; i < 4; i++) {
        stake_u256 v = U64(1000000000000000000ULL), k = U64(10 + rnd() % 60);
        ck_assert_rc(stake_u256_mul(&v, &v, &k), STAKE_OK);
        ck_assert_rc(stake_steth_submit(NULL, t, &acc[i], &v), STAKE_OK);
        ck_assert_rc(stake_steth_approve(t, &acc[i], &acc[6], &inf), STAKE_OK);
        stake_u256 w = U64(1000000000000000000ULL * (rnd() % 5));
        (void)!stake_wsteth_wrap(NULL, t, &acc[i], &w);
    }
    /* spare shares for the Burner (beyond any burn request) and the queue */
    stake_u256 s = U("3" ETHER);
    ck_assert_rc(stake_steth_transfer_shares(NULL, t, &acc[0], &acc[7], &s), STAKE_OK);
    ck_assert_rc(stake_steth_transfer_shares(NULL, t, &acc[1], &acc[5], &s), STAKE_OK);
    stake_u256 half = U("1" ETHER);
    ck_assert_rc(stake_steth_request_burn_shares(t, &acc[2], &half), STAKE_OK);
}

static void random_allowances(stake_steth *t, const stake_address acc[N_WATCHED])
{
    for (unsigned i = 0; i < 8; i++) {
        stake_u256 v;
        switch (rnd() % 6) {
        case 0:
        case 1:
        case 2:
            v = U(MAX_U256_DEC);
            break;
        case 3:
            v = U64(0);
            break;
        default:
            v = U64(rnd() % 18000000000000000000ULL);
        }
        if (i != 6)
            (void)!stake_steth_approve(t, &acc[i], &acc[5], &v);
        /* the wstETH allowance too, drawn apart: none, some, or 2^256 - 1
         * (which batches lower as OpenZeppelin 3.4 does) */
        unsigned r = (unsigned)(rnd() % 4);
        stake_u256 wv = r == 0 ? U64(0) : r == 1 ? U64(rnd() % 5000000000000000000ULL)
                                                 : U(MAX_U256_DEC);
        (void)!stake_wsteth_approve(t, &acc[i], &acc[5], &wv);
    }
}

static void random_rate(stake_steth *t)
{
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    stake_u256 d = U64(rnd() % 4000000000000000000ULL);
    if (rnd() % 3 == 0)
        (void)!stake_u256_sub(&pool.cl_balance, &pool.cl_balance, &d);
    else
        (void)!stake_u256_add(&pool.cl_balance, &pool.cl_balance, &d);
    (void)!stake_steth_set_pool(t, &pool);
}

/* One batch against the same requests made one at a time on copies. */
static void compare_one(stake_queue *q, stake_steth *t, const stake_address acc[N_WATCHED],
                        uint64_t ts, unsigned *ok_batches, unsigned *refused)
{
    size_t n = (size_t)(rnd() % 6);
    stake_u256 amounts[6];
    for (size_t i = 0; i < n; i++)
        amounts[i] = random_amount();
    int wsteth = rnd() % 3 == 0;
    stake_address sender = random_sender(acc), owner = rnd() % 5 ? acc[rnd() % 5] : acc[8];

    stake_queue *q1 = snapshot_of(q), *q0 = snapshot_of(q);
    stake_steth *t1 = NULL, *t0 = NULL;
    ck_assert_rc(stake_steth_clone(&t1, t), STAKE_OK);
    ck_assert_rc(stake_steth_clone(&t0, t), STAKE_OK);
    stake_rc want = STAKE_OK;
    size_t want_index = NO_INDEX;
    uint64_t want_ids[6];
    for (size_t i = 0; i < n && want == STAKE_OK; i++) {
        want = wsteth ? stake_queue_request_wsteth_for(&want_ids[i], q1, t1, &sender, &owner,
                                                       &amounts[i], ts)
                      : stake_queue_request_for(&want_ids[i], q1, t1, &sender, &owner,
                                                &amounts[i], ts);
        if (want != STAKE_OK)
            want_index = i;
    }
    if (n == 0) {
        /* nothing requested: only the call's own checks, which an
         * enqueue makes first too */
        uint64_t id;
        stake_u256 a = U64(100), sh = U64(1);
        want = stake_queue_enqueue(&id, q1, &acc[0], &a, &sh, ts);
        if (want != STAKE_EPAUSED && want != STAKE_ETIMESTAMP)
            want = STAKE_OK;
        stake_queue_free(q1);
        q1 = snapshot_of(q);
    }
    if (want == STAKE_EPAUSED || want == STAKE_ETIMESTAMP)
        want_index = NO_INDEX;       /* refusals of the call, not of an element */

    uint64_t ids[6] = { 0 };
    size_t failed = NO_INDEX;
    stake_rc got = wsteth ? stake_queue_request_wsteth_batch(ids, q, t, &sender, &owner, amounts,
                                                             n, ts, &failed)
                          : stake_queue_request_batch(ids, q, t, &sender, &owner, amounts, n,
                                                      ts, &failed);
    ck_assert_msg(got == want, "batch of %zu (%s): %s, one at a time: %s at %zu", n,
                  wsteth ? "wstETH" : "stETH", stake_errname(got), stake_errname(want),
                  want_index);
    ck_assert_uint_eq(failed, want_index);
    if (got == STAKE_OK) {
        for (size_t i = 0; i < n; i++)
            ck_assert_uint_eq(ids[i], want_ids[i]);
        assert_same_queue(q, q1);
        assert_same_token(t, t1, q);
        if (n > 0 && *ok_batches % 8 == 0)
            assert_same_bytes(t, q, t1, q1);
        *ok_batches += n > 0;
    } else {
        assert_same_queue(q, q0);
        assert_same_token(t, t0, q);
        (*refused)++;
        if (getenv("STAKE_TEST_VERBOSE"))
            printf("refused: %s at %zu\n", stake_errname(got), want_index);
    }
    stake_queue_free(q1);
    stake_queue_free(q0);
    stake_steth_free(t1);
    stake_steth_free(t0);
}

START_TEST(batches_equal_requests_one_at_a_time)
{
    unsigned ok_batches = 0, refused = 0;
    for (unsigned run = 0; run < 12; run++) {
        stake_steth_params p = token_params(run % 2 ? STAKE_LIDO_V2 : STAKE_LIDO_V3);
        stake_steth *t = NULL;
        ck_assert_rc(stake_steth_new(&t, &p), STAKE_OK);
        stake_queue *q = new_queue();
        stake_address acc[N_WATCHED];
        watched(acc, q);
        random_setup(t, acc);
        uint64_t ts = 10;
        for (unsigned step = 0; step < 150; step++) {
            if (rnd() % 10 == 0)
                random_allowances(t, acc);
            if (rnd() % 10 == 0)
                random_rate(t);
            if (rnd() % 3 == 0) {
                /* the holders' tokens go to the queue: top one up */
                stake_u256 v = U("30" ETHER);
                ck_assert_rc(stake_steth_submit(NULL, t, &acc[rnd() % 4], &v), STAKE_OK);
            }
            /* now and then a stopped token or a paused queue, for one batch */
            int stop = rnd() % 40 == 0, pause = rnd() % 40 == 0;
            if (stop)
                ck_assert_rc(stake_steth_stop(t), STAKE_OK);
            if (pause)
                ck_assert_rc(stake_queue_pause(q), STAKE_OK);
            ts += rnd() % 30 == 0 ? 0 : 1;
            compare_one(q, t, acc, rnd() % 40 == 0 ? ts - 5 : ts, &ok_batches, &refused);
            if (stop)
                ck_assert_rc(stake_steth_resume(t), STAKE_OK);
            if (pause)
                ck_assert_rc(stake_queue_resume(q), STAKE_OK);
        }
        stake_queue_free(q);
        stake_steth_free(t);
    }
    printf("queue-batch-request: %u batches made, %u refused, all as one at a time\n",
           ok_batches, refused);
    ck_assert_uint_gt(ok_batches, 200);
    ck_assert_uint_gt(refused, 200);
}
END_TEST

/* Allocation failures: the copy of the token (a sender that is the
 * queue), the queue's growth and the queue's new stETH account each fail
 * in turn, and the batch leaves both objects as they were. */
START_TEST(batch_allocation_failures)
{
    for (int copy_path = 0; copy_path < 2; copy_path++) {
        stake_steth *t = token_at_115();
        stake_queue_params qp;
        ck_assert_rc(stake_queue_params_init(&qp, STAKE_QUEUE_PARAMS_VERSION), STAKE_OK);
        stake_queue *q = NULL;
        ck_assert_rc(stake_queue_new(&q, &qp), STAKE_OK);
        stake_address alice = QA(1), qa = qp.address;
        stake_address sender = copy_path ? qa : alice;
        stake_u256 inf = U(MAX_U256_DEC), s = U("10" ETHER);
        ck_assert_rc(stake_steth_approve(t, &sender, &qa, &inf), STAKE_OK);
        if (copy_path)
            ck_assert_rc(stake_steth_transfer_shares(NULL, t, &alice, &qa, &s), STAKE_OK);
        stake_u256 amounts[40];
        for (unsigned i = 0; i < 40; i++)
            amounts[i] = U("100000000000000000");      /* 0.1 ether */
        long total = 0;
        for (long k = 1;; k++) {
            stake_steth *t0 = NULL;
            ck_assert_rc(stake_steth_clone(&t0, t), STAKE_OK);
            stake_queue *q0 = snapshot_of(q);
            uint64_t ids[40];
            fm_arm(k);
            stake_rc rc = stake_queue_request_batch(ids, q, t, &sender, &alice, amounts, 40, 1,
                                                    NULL);
            fm_disarm();
            total = fm_count;
            if (rc == STAKE_OK) {
                stake_queue_free(q0);
                stake_steth_free(t0);
                break;
            }
            ck_assert_rc(rc, STAKE_ENOMEM);
            assert_same_queue(q, q0);
            assert_same_token(t, t0, q);
            stake_queue_free(q0);
            stake_steth_free(t0);
        }
        ck_assert_int_gt(total, 0);
        ck_assert_uint_eq(stake_queue_last_request_id(q), 40);
        stake_queue_free(q);
        stake_steth_free(t);
    }
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("queue-batch-request");
    TCase *tc = tcase_create("batches");
    tcase_add_test(tc, batch_of_three);
    tcase_add_test(tc, batch_refusals_name_the_element);
    tcase_add_test(tc, batch_late_checks);
    suite_add_tcase(s, tc);

    tc = tcase_create("against one at a time");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, batches_equal_requests_one_at_a_time);
    suite_add_tcase(s, tc);

    tc = tcase_create("allocation");
    if (FM_AVAILABLE)
        tcase_add_test(tc, batch_allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}
