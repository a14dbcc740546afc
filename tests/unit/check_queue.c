/*
 * Unit tests of the Lido withdrawal queue: every function and every
 * refusal (with outputs and state untouched), and the odd parts of the
 * contract computed by hand from WithdrawalQueueBase.sol: prefix sums,
 * batching, the mixed batch that leaves dust, the floored-rate branch
 * paying 1 wei above floor(shares * max / 1e27), discounts on a fall and
 * none on a rise, and the hint search's fast paths.
 */
#include "queue_testutil.h"

static const uint64_t LIMIT = STAKE_QUEUE_TIMESTAMP_LIMIT;

/* Field by field: struct copies need not preserve padding bytes. */
static void assert_same_batches(const stake_queue_batches *a, const stake_queue_batches *b)
{
    ck_assert_u256_eq(a->remaining_eth_budget, b->remaining_eth_budget);
    ck_assert_int_eq(a->finished, b->finished);
    ck_assert_uint_eq(a->length, b->length);
    for (size_t i = 0; i < STAKE_QUEUE_MAX_BATCHES; i++)
        ck_assert_uint_eq(a->batches[i], b->batches[i]);
}

/* ---- object ------------------------------------------------------------------------ */

START_TEST(params_and_lifecycle)
{
    stake_queue_params p;
    ck_assert_rc(stake_queue_params_init(&p, 7), STAKE_EINVAL);
    ck_assert_rc(stake_queue_params_init(NULL, STAKE_QUEUE_PARAMS_VERSION), STAKE_EINVAL);
    ck_assert_rc(stake_queue_params_init(&p, STAKE_QUEUE_PARAMS_VERSION), STAKE_OK);
    ck_assert_u256_eq(p.min_amount, U64(100));
    ck_assert_u256_eq(p.max_amount, U("1000" ETHER));
    char hex[STAKE_ADDRESS_HEX_SIZE];
    ck_assert_rc(stake_address_to_hex(hex, sizeof hex, &p.address), STAKE_OK);
    ck_assert_str_eq(hex, "0x889edc2edab5f40e902b864ad4d7ade8e412f9b1");

    stake_queue *q = NULL;
    stake_queue_params bad = p;
    memset(&bad.address, 0, sizeof bad.address);
    ck_assert_rc(stake_queue_new(&q, &bad), STAKE_EINVAL);
    bad = p;
    bad.min_amount = U("1001" ETHER);
    ck_assert_rc(stake_queue_new(&q, &bad), STAKE_EINVAL);
    bad = p;
    bad.version = 2;
    ck_assert_rc(stake_queue_new(&q, &bad), STAKE_EINVAL);
    ck_assert_rc(stake_queue_new(NULL, &p), STAKE_EINVAL);
    ck_assert_rc(stake_queue_new(&q, NULL), STAKE_EINVAL);
    ck_assert_ptr_null(q);
    p.expected_requests = 1000;
    ck_assert_rc(stake_queue_new(&q, &p), STAKE_OK);
    ck_assert_uint_ge(stake_queue_memory(q), 1000 * 64);
    ck_assert_uint_eq(stake_queue_memory(NULL), 0);

    stake_address a;
    ck_assert_rc(stake_queue_address(&a, q), STAKE_OK);
    ck_assert(memcmp(&a, &p.address, sizeof a) == 0);
    ck_assert_rc(stake_queue_address(NULL, q), STAKE_EINVAL);
    ck_assert_rc(stake_queue_address(&a, NULL), STAKE_EINVAL);

    /* an empty queue */
    ck_assert_uint_eq(stake_queue_last_request_id(q), 0);
    ck_assert_uint_eq(stake_queue_last_finalized_id(q), 0);
    ck_assert_uint_eq(stake_queue_last_checkpoint_index(q), 0);
    ck_assert_uint_eq(stake_queue_last_report_timestamp(q), 0);
    ck_assert_uint_eq(stake_queue_last_request_id(NULL), 0);
    ck_assert_uint_eq(stake_queue_last_finalized_id(NULL), 0);
    ck_assert_uint_eq(stake_queue_last_checkpoint_index(NULL), 0);
    ck_assert_uint_eq(stake_queue_last_report_timestamp(NULL), 0);
    ck_assert_u256_eq(locked(q), U64(0));
    stake_u256 v = sentinel();
    ck_assert_rc(stake_queue_unfinalized_steth(&v, q), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));
    ck_assert_rc(stake_queue_locked_ether(NULL, q), STAKE_EINVAL);
    ck_assert_rc(stake_queue_unfinalized_steth(&v, NULL), STAKE_EINVAL);
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, q, 0), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_request_status(&st, q, 1), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_request_status(NULL, q, 1), STAKE_EINVAL);
    stake_queue_checkpoint cp;
    ck_assert_rc(stake_queue_checkpoint_at(&cp, q, 0), STAKE_ERANGE);
    ck_assert_rc(stake_queue_checkpoint_at(&cp, q, 1), STAKE_ERANGE);
    ck_assert_rc(stake_queue_checkpoint_at(NULL, q, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    ck_assert_rc(stake_queue_check(NULL), STAKE_EINVAL);
    ck_assert_int_eq(stake_queue_is_paused(q), 0);
    ck_assert_int_eq(stake_queue_is_bunker(q), 0);

    /* clones are independent */
    enq(q, 1, "1" ETHER, "1" ETHER, 5);
    stake_queue *c = NULL;
    ck_assert_rc(stake_queue_clone(&c, q), STAKE_OK);
    assert_same_queue(q, c);
    enq(c, 2, "2" ETHER, "2" ETHER, 6);
    ck_assert_uint_eq(stake_queue_last_request_id(q), 1);
    ck_assert_uint_eq(stake_queue_last_request_id(c), 2);
    ck_assert_rc(stake_queue_clone(NULL, q), STAKE_EINVAL);
    ck_assert_rc(stake_queue_clone(&c, NULL), STAKE_EINVAL);
    stake_queue_free(c);
    stake_queue_free(q);
    stake_queue_free(NULL);
}
END_TEST

/* ---- requests ---------------------------------------------------------------------- */

/* Prefix sums: each status is the difference of two cumulative entries. */
START_TEST(enqueue_prefix_sums)
{
    stake_queue *q = new_queue();
    ck_assert_uint_eq(enq(q, 1, "100", "90", 10), 1);
    ck_assert_uint_eq(enq(q, 2, "1000" ETHER, "869565217391304347826", 10), 2);
    ck_assert_uint_eq(enq(q, 1, "123456789", "0", 11), 3);
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, q, 2), STAKE_OK);
    ck_assert_u256_eq(st.amount, U("1000" ETHER));
    ck_assert_u256_eq(st.shares, U("869565217391304347826"));
    stake_address o = QA(2);
    ck_assert(memcmp(&st.owner, &o, sizeof o) == 0);
    ck_assert_uint_eq(st.timestamp, 10);
    ck_assert_uint_eq(st.report_timestamp, 0);
    ck_assert_int_eq(st.finalized, 0);
    ck_assert_int_eq(st.claimed, 0);
    /* zero shares is a request like any other, until something divides */
    ck_assert_rc(stake_queue_request_status(&st, q, 3), STAKE_OK);
    ck_assert_u256_eq(st.amount, U64(123456789));
    ck_assert_u256_eq(st.shares, U64(0));
    stake_u256 u;
    ck_assert_rc(stake_queue_unfinalized_steth(&u, q), STAKE_OK);
    ck_assert_u256_eq(u, U("1000000000000123456889"));
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    stake_queue_free(q);
}
END_TEST

START_TEST(enqueue_refusals)
{
    stake_queue *q = new_queue();
    enq(q, 1, "1" ETHER, "1" ETHER, 50);
    stake_queue *before = snapshot_of(q);
    stake_address o = QA(1), zero;
    memset(&zero, 0, sizeof zero);
    stake_u256 a = U("1" ETHER), s = U("1" ETHER);
    uint64_t id = 777;
    ck_assert_rc(stake_queue_enqueue(NULL, q, &o, &a, &s, 50), STAKE_EINVAL);
    ck_assert_rc(stake_queue_enqueue(&id, NULL, &o, &a, &s, 50), STAKE_EINVAL);
    ck_assert_rc(stake_queue_enqueue(&id, q, NULL, &a, &s, 50), STAKE_EINVAL);
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, NULL, &s, 50), STAKE_EINVAL);
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &a, NULL, 50), STAKE_EINVAL);
    /* time: uint40, and no going back */
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &a, &s, 49), STAKE_ETIMESTAMP);
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &a, &s, LIMIT), STAKE_ETIMESTAMP);
    /* the pause comes before everything the contract checks */
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    stake_u256 tiny = U64(99);
    ck_assert_rc(stake_queue_enqueue(&id, q, &zero, &tiny, &s, 50), STAKE_EPAUSED);
    ck_assert_rc(stake_queue_resume(q), STAKE_OK);
    ck_assert_rc(stake_queue_enqueue(&id, q, &zero, &a, &s, 50), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &tiny, &s, 50), STAKE_EAMOUNTTOOSMALL);
    stake_u256 big = U("1000000000000000000001");
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &big, &s, 50), STAKE_EAMOUNTTOOLARGE);
    /* the bounds are inclusive */
    stake_u256 lo = U64(100), hi = U("1000" ETHER);
    stake_queue *c = snapshot_of(q);
    ck_assert_rc(stake_queue_enqueue(&id, c, &o, &lo, &s, 50), STAKE_OK);
    ck_assert_rc(stake_queue_enqueue(&id, c, &o, &hi, &s, 50), STAKE_OK);
    ck_assert_uint_eq(id, 3);
    stake_queue_free(c);
    id = 777;
    /* AmountTooLarge: shares past uint128 */
    stake_u256 wide = U("0x100000000000000000000000000000000");
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &a, &wide, 50), STAKE_ETOOLARGE);
    ck_assert_uint_eq(id, 777);
    assert_same_queue(q, before);
    stake_queue_free(before);
    stake_queue_free(q);

    /* Bounds opened up to 2^128 - 1: the uint128 prefix sums overflow. */
    stake_queue_params p;
    ck_assert_rc(stake_queue_params_init(&p, STAKE_QUEUE_PARAMS_VERSION), STAKE_OK);
    p.max_amount = U("0x200000000000000000000000000000000");
    ck_assert_rc(stake_queue_new(&q, &p), STAKE_OK);
    stake_u256 half = U("0x80000000000000000000000000000000");
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &wide, &s, 1), STAKE_ETOOLARGE);
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &half, &s, 1), STAKE_OK);
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &half, &s, 1), STAKE_EOVERFLOW);
    stake_u256 rest = U("0x7fffffffffffffffffffffffffffffff");
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &rest, &s, 1), STAKE_OK);   /* 2^128 - 1 */
    stake_u256 one = U64(100);
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &one, &s, 1), STAKE_EOVERFLOW);
    ck_assert_uint_eq(stake_queue_last_request_id(q), 2);
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    stake_queue_free(q);
}
END_TEST

START_TEST(transfer_ownership)
{
    stake_queue *q = new_queue();
    enq(q, 1, "1" ETHER, "1" ETHER, 1);
    enq(q, 1, "1" ETHER, "1" ETHER, 1);
    stake_address a = QA(1), b = QA(2), zero;
    memset(&zero, 0, sizeof zero);
    stake_queue *before = snapshot_of(q);
    ck_assert_rc(stake_queue_transfer(NULL, &a, &b, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_transfer(q, NULL, &b, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_transfer(q, &a, NULL, 1), STAKE_EINVAL);
    /* the contract's order: zero recipient, self, id, claimed, owner */
    ck_assert_rc(stake_queue_transfer(q, &b, &zero, 0), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_queue_transfer(q, &b, &b, 0), STAKE_ESELFTRANSFER);
    ck_assert_rc(stake_queue_transfer(q, &b, &a, 0), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_transfer(q, &b, &a, 3), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_transfer(q, &b, &a, 1), STAKE_ENOTOWNER);
    assert_same_queue(q, before);
    ck_assert_rc(stake_queue_transfer(q, &a, &b, 1), STAKE_OK);
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, q, 1), STAKE_OK);
    ck_assert(memcmp(&st.owner, &b, sizeof b) == 0);
    ck_assert_rc(stake_queue_transfer(q, &a, &b, 1), STAKE_ENOTOWNER);
    /* the new owner claims; the old one can no longer */
    fin(q, 2, "2" ETHER, E27);
    stake_u256 eth;
    ck_assert_rc(stake_queue_claim(&eth, q, 1, 1, &a), STAKE_ENOTOWNER);
    ck_assert_rc(stake_queue_claim(&eth, q, 1, 1, &b), STAKE_OK);
    ck_assert_rc(stake_queue_transfer(q, &b, &a, 1), STAKE_EALREADYCLAIMED);
    /* the paused queue still transfers */
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    ck_assert_rc(stake_queue_transfer(q, &a, &b, 2), STAKE_OK);
    stake_queue_free(before);
    stake_queue_free(q);
}
END_TEST

/* ---- finalization ----------------------------------------------------------------------- */

START_TEST(finalize_and_checkpoints)
{
    stake_queue *q = new_queue();
    for (int i = 0; i < 5; i++)
        enq(q, 1, "2" ETHER, "1" ETHER, (uint64_t)i);
    stake_queue *before = snapshot_of(q);
    stake_u256 eth = U("4" ETHER), rate = U("2" E27), more = U("4000000000000000001");
    ck_assert_rc(stake_queue_finalize(NULL, 2, &eth, &rate), STAKE_EINVAL);
    ck_assert_rc(stake_queue_finalize(q, 2, NULL, &rate), STAKE_EINVAL);
    ck_assert_rc(stake_queue_finalize(q, 2, &eth, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_queue_finalize(q, 0, &eth, &rate), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_finalize(q, 6, &eth, &rate), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_finalize(q, 2, &more, &rate), STAKE_ETOOMUCHETHER);
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    ck_assert_rc(stake_queue_finalize(q, 6, &more, &rate), STAKE_EPAUSED);
    ck_assert_rc(stake_queue_resume(q), STAKE_OK);
    assert_same_queue(q, before);

    ck_assert_rc(stake_queue_finalize(q, 2, &eth, &rate), STAKE_OK);
    ck_assert_uint_eq(stake_queue_last_finalized_id(q), 2);
    ck_assert_uint_eq(stake_queue_last_checkpoint_index(q), 1);
    ck_assert_u256_eq(locked(q), eth);
    ck_assert_rc(stake_queue_finalize(q, 2, &eth, &rate), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_finalize(q, 1, &eth, &rate), STAKE_EINVALIDID);
    /* Same rate again: a new checkpoint all the same. Less ether than
     * nominal and a zero rate are accepted, as by the contract. */
    stake_u256 two = U("2" ETHER), zero = U64(0);
    ck_assert_rc(stake_queue_finalize(q, 3, &two, &rate), STAKE_OK);
    ck_assert_rc(stake_queue_finalize(q, 5, &zero, &zero), STAKE_OK);
    ck_assert_uint_eq(stake_queue_last_checkpoint_index(q), 3);
    stake_queue_checkpoint cp;
    ck_assert_rc(stake_queue_checkpoint_at(&cp, q, 1), STAKE_OK);
    ck_assert_uint_eq(cp.from_id, 1);
    ck_assert_uint_eq(cp.to_id, 2);
    ck_assert_u256_eq(cp.max_share_rate, rate);
    ck_assert_u256_eq(cp.locked_ether, eth);
    ck_assert_rc(stake_queue_checkpoint_at(&cp, q, 2), STAKE_OK);
    ck_assert_uint_eq(cp.from_id, 3);
    ck_assert_uint_eq(cp.to_id, 3);
    ck_assert_rc(stake_queue_checkpoint_at(&cp, q, 3), STAKE_OK);
    ck_assert_uint_eq(cp.from_id, 4);
    ck_assert_uint_eq(cp.to_id, 5);
    ck_assert_u256_eq(cp.max_share_rate, zero);
    ck_assert_rc(stake_queue_checkpoint_at(&cp, q, 4), STAKE_ERANGE);
    ck_assert_u256_eq(locked(q), U("6" ETHER));
    stake_u256 u;
    ck_assert_rc(stake_queue_unfinalized_steth(&u, q), STAKE_OK);
    ck_assert_u256_eq(u, U64(0));
    /* everything finalized: nothing more to finalize */
    ck_assert_rc(stake_queue_finalize(q, 5, &zero, &rate), STAKE_EINVALIDID);
    /* a zero rate prices every request at zero */
    ck_assert_u256_eq(claimable_of(q, 4), U64(0));
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    stake_queue_free(before);
    stake_queue_free(q);
}
END_TEST

START_TEST(prefinalize_refusals)
{
    stake_queue *q = new_queue();
    enq(q, 1, "1" ETHER, "1" ETHER, 1);
    enq(q, 1, "1" ETHER, "1" ETHER, 1);
    enq(q, 1, "1" ETHER, "1" ETHER, 1);
    fin(q, 1, "1" ETHER, E27);
    stake_u256 rate = U(E27), zero = U64(0), e = sentinel(), s = sentinel();
    uint64_t b[4] = { 2, 3, 0, 0 };
    ck_assert_rc(stake_queue_prefinalize(&e, &s, NULL, b, 2, &rate), STAKE_EINVAL);
    ck_assert_rc(stake_queue_prefinalize(&e, &s, q, NULL, 2, &rate), STAKE_EINVAL);
    ck_assert_rc(stake_queue_prefinalize(&e, &s, q, b, 2, NULL), STAKE_EINVAL);
    /* in the contract's order */
    ck_assert_rc(stake_queue_prefinalize(&e, &s, q, NULL, 0, &zero), STAKE_EZERORATE);
    ck_assert_rc(stake_queue_prefinalize(&e, &s, q, NULL, 0, &rate), STAKE_EBATCHES);
    uint64_t finalized[2] = { 1, 3 }, past[2] = { 2, 4 }, unsorted[3] = { 2, 2, 3 };
    uint64_t backwards[3] = { 3, 2, 3 }, hole[3] = { 2, 9, 3 };
    ck_assert_rc(stake_queue_prefinalize(&e, &s, q, finalized, 2, &rate), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_prefinalize(&e, &s, q, past, 2, &rate), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_prefinalize(&e, &s, q, unsorted, 3, &rate), STAKE_EBATCHES);
    ck_assert_rc(stake_queue_prefinalize(&e, &s, q, backwards, 3, &rate), STAKE_EBATCHES);
    /* a middle id past the queue: the contract reads its zero default */
    ck_assert_rc(stake_queue_prefinalize(&e, &s, q, hole, 3, &rate), STAKE_EBATCHES);
    ck_assert_u256_eq(e, sentinel());
    ck_assert_u256_eq(s, sentinel());
    /* outputs are optional */
    ck_assert_rc(stake_queue_prefinalize(NULL, NULL, q, b, 2, &rate), STAKE_OK);
    ck_assert_rc(stake_queue_prefinalize(&e, NULL, q, b, 2, &rate), STAKE_OK);
    ck_assert_u256_eq(e, U("2" ETHER));
    ck_assert_rc(stake_queue_prefinalize(NULL, &s, q, b, 1, &rate), STAKE_OK);
    ck_assert_u256_eq(s, U("1" ETHER));
    /* zero shares divide by zero (Panic 0x12) wherever a rate is taken */
    enq(q, 1, "100", "0", 2);
    uint64_t z[1] = { 4 }, split[2] = { 3, 4 };
    e = sentinel();
    ck_assert_rc(stake_queue_prefinalize(&e, NULL, q, split, 2, &rate), STAKE_EDIVZERO);
    ck_assert_u256_eq(e, sentinel());
    ck_assert_rc(stake_queue_prefinalize(&e, NULL, q, z, 1, &rate), STAKE_OK);  /* (1, 4] */
    fin(q, 3, "2" ETHER, E27);
    ck_assert_rc(stake_queue_prefinalize(&e, NULL, q, z, 1, &rate), STAKE_EDIVZERO);
    stake_queue_free(q);

    /* ...but not within a batch whose total shares are not zero: at 2.0
     * the batch (1 ether + 100 wei for 1e18 shares) is nominal */
    q = new_queue();
    enq(q, 1, "1" ETHER, "1" ETHER, 1);
    enq(q, 1, "100", "0", 2);
    uint64_t both[1] = { 2 };
    stake_u256 two = U("2" E27);
    ck_assert_rc(stake_queue_prefinalize(&e, &s, q, both, 1, &two), STAKE_OK);
    ck_assert_u256_eq(e, U("1000000000000000100"));
    ck_assert_u256_eq(s, U("1" ETHER));
    /* finalize itself does not divide */
    fin(q, 2, "1000000000000000100", E27);
    stake_u256 out;
    ck_assert_rc(stake_queue_claimable_ether(&out, q, 2, 1), STAKE_EDIVZERO);
    stake_address o = QA(1);
    ck_assert_rc(stake_queue_claim(&out, q, 2, 1, &o), STAKE_EDIVZERO);
    ck_assert_rc(stake_queue_claim(&out, q, 1, 1, &o), STAKE_OK);
    stake_queue_dust d;
    ck_assert_rc(stake_queue_checkpoint_dust(&d, q, 1), STAKE_EDIVZERO);
    stake_queue_free(q);
}
END_TEST

/* The example of WithdrawalQueueBase's comment, by hand, at max = 1.0:
 *
 *   id   stETH  shares  rate  report  ts
 *    1   1.00   1.00    1.00    0      1
 *    2   1.20   1.00    1.20    0      2   same report as 1: extends
 *    3   0.90   1.00    0.90   10     21   other side, other report: new
 *    4   0.95   1.00    0.95   10     22   same side
 *    5   1.50   1.00    1.50   30     41   other side, other report: new
 *    6   0.80   1.00    0.80   30     42   same report as 5: extends
 *    7   0.70   1.00    0.70   50     61   same side as 6: extends
 *
 * batches [2, 4, 7]; ether per request 1, 1, .9, .95, 1, .8, .7. */
static stake_queue *seven_requests(void)
{
    stake_queue *q = new_queue();
    enq(q, 1, "1000000000000000000", "1" ETHER, 1);
    enq(q, 2, "1200000000000000000", "1" ETHER, 2);
    ck_assert_rc(stake_queue_on_oracle_report(q, 0, 0, 10, 20), STAKE_OK);
    enq(q, 3, "900000000000000000", "1" ETHER, 21);
    enq(q, 4, "950000000000000000", "1" ETHER, 22);
    ck_assert_rc(stake_queue_on_oracle_report(q, 0, 0, 30, 40), STAKE_OK);
    enq(q, 5, "1500000000000000000", "1" ETHER, 41);
    enq(q, 6, "800000000000000000", "1" ETHER, 42);
    ck_assert_rc(stake_queue_on_oracle_report(q, 0, 0, 50, 60), STAKE_OK);
    enq(q, 7, "700000000000000000", "1" ETHER, 61);
    return q;
}

START_TEST(batches_by_hand)
{
    stake_queue *q = seven_requests();
    stake_u256 rate = U(E27), budget = U("100" ETHER);
    stake_queue_batches st;
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 1000), STAKE_OK);
    ck_assert_int_eq(st.finished, 1);
    ck_assert_uint_eq(st.length, 3);
    ck_assert_uint_eq(st.batches[0], 2);
    ck_assert_uint_eq(st.batches[1], 4);
    ck_assert_uint_eq(st.batches[2], 7);
    ck_assert_u256_eq(st.remaining_eth_budget, U("93650000000000000000"));

    /* Resumable: two requests per call give the same batches. */
    stake_queue_batches r;
    ck_assert_rc(stake_queue_batches_init(&r, &budget), STAKE_OK);
    int calls = 0;
    do {
        ck_assert_rc(stake_queue_calculate_batches(&r, q, &rate, 1000, 2), STAKE_OK);
        calls++;
    } while (!r.finished);
    ck_assert_int_eq(calls, 4);
    assert_same_batches(&r, &st);

    /* Each batch priced from its aggregate rate:
     * (0,2]: 2.2 / 2 = 1.1 > 1: floor(2 * 1) = 2; (2,4]: 1.85 nominal;
     * (4,7]: 3.0 / 3 = 1.0, not above: 3.0 nominal. */
    stake_u256 eth, shares;
    ck_assert_rc(stake_queue_prefinalize(&eth, &shares, q, st.batches, st.length, &rate), STAKE_OK);
    ck_assert_u256_eq(eth, U("6850000000000000000"));
    ck_assert_u256_eq(shares, U("7" ETHER));
    ck_assert_rc(stake_queue_finalize(q, 7, &eth, &rate), STAKE_OK);
    /* Per request: 1, 1, .9, .95, 1 (1.5 discounted), .8, .7 = 6.35.
     * Request 5 sits in a batch priced at its nominal stETH: its 0.5
     * ether above the rate is locked for ever. */
    const char *want[7] = { "1000000000000000000", "1000000000000000000", "900000000000000000",
                            "950000000000000000", "1000000000000000000", "800000000000000000",
                            "700000000000000000" };
    for (uint64_t id = 1; id <= 7; id++)
        ck_assert_u256_eq(claimable_of(q, id), U(want[id - 1]));
    stake_queue_dust d;
    ck_assert_rc(stake_queue_checkpoint_dust(&d, q, 1), STAKE_OK);
    ck_assert_u256_eq(d.locked, U("6850000000000000000"));
    ck_assert_u256_eq(d.claimable, U("6350000000000000000"));
    ck_assert_u256_eq(d.dust, U("500000000000000000"));
    ck_assert_u256_eq(d.shortfall, U64(0));
    ck_assert_uint_eq(d.requests, 7);
    stake_queue_free(q);
}
END_TEST

START_TEST(batches_breaks)
{
    stake_queue *q = seven_requests();
    stake_u256 rate = U(E27), budget = U("3" ETHER);
    stake_queue_batches st;
    /* Budget break: 1 + 1 + .9 fit in 3 ether, .95 does not. */
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 1000), STAKE_OK);
    ck_assert_int_eq(st.finished, 1);
    ck_assert_uint_eq(st.length, 2);
    ck_assert_uint_eq(st.batches[0], 2);
    ck_assert_uint_eq(st.batches[1], 3);
    ck_assert_u256_eq(st.remaining_eth_budget, U("100000000000000000"));
    /* Timestamp break: request 6 was made at 42. */
    budget = U("100" ETHER);
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 41, 1000), STAKE_OK);
    ck_assert_uint_eq(st.length, 3);
    ck_assert_uint_eq(st.batches[2], 5);
    ck_assert_int_eq(st.finished, 1);
    /* No request per call: nothing walked, not finished. */
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 0), STAKE_OK);
    ck_assert_int_eq(st.finished, 0);
    ck_assert_uint_eq(st.length, 0);
    /* Starting after the last finalized request. */
    fin(q, 3, "2900000000000000000", E27);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 1000), STAKE_OK);
    ck_assert_uint_eq(st.length, 2);
    ck_assert_uint_eq(st.batches[0], 4);
    ck_assert_uint_eq(st.batches[1], 7);
    stake_queue_free(q);

    /* An empty queue is finished at once. */
    q = new_queue();
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 10), STAKE_OK);
    ck_assert_int_eq(st.finished, 1);
    ck_assert_uint_eq(st.length, 0);
    stake_queue_free(q);
}
END_TEST

/* 40 requests alternating sides under distinct reports: one batch each,
 * until the 36-batch limit; the 37th request's ether is charged to the
 * budget before the break, and the state says finished. */
START_TEST(batches_limit)
{
    stake_queue *q = new_queue();
    for (uint64_t i = 1; i <= 40; i++) {
        ck_assert_rc(stake_queue_on_oracle_report(q, 0, 0, 10 * i, 10 * i + 1), STAKE_OK);
        enq(q, 1, i % 2 ? "1200000000000000000" : "800000000000000000", "1" ETHER, 10 * i + 1);
    }
    stake_u256 rate = U(E27), budget = U("1000" ETHER);
    stake_queue_batches st;
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, LIMIT, 1000), STAKE_OK);
    ck_assert_uint_eq(st.length, STAKE_QUEUE_MAX_BATCHES);
    for (size_t k = 0; k < st.length; k++)
        ck_assert_uint_eq(st.batches[k], k + 1);
    ck_assert_int_eq(st.finished, 1);
    /* 19 discounted requests of 1 ether and 18 of 0.8: 33.4 ether */
    ck_assert_u256_eq(st.remaining_eth_budget, U("966600000000000000000"));
    /* refusing to go on from a finished state */
    stake_queue_batches copy = st;
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, LIMIT, 1000), STAKE_EBATCHSTATE);
    assert_same_batches(&copy, &st);
    /* finalize them, then the rest */
    stake_u256 eth;
    ck_assert_rc(stake_queue_prefinalize(&eth, NULL, q, st.batches, st.length, &rate), STAKE_OK);
    ck_assert_u256_eq(eth, U("32400000000000000000"));
    ck_assert_rc(stake_queue_finalize(q, 36, &eth, &rate), STAKE_OK);
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, LIMIT, 1000), STAKE_OK);
    ck_assert_uint_eq(st.length, 4);
    ck_assert_uint_eq(st.batches[0], 37);
    ck_assert_int_eq(st.finished, 1);
    stake_queue_free(q);
}
END_TEST

START_TEST(batches_refusals)
{
    stake_queue *q = seven_requests();
    stake_u256 rate = U(E27), budget = U("100" ETHER), zero = U64(0);
    stake_queue_batches st, copy;
    ck_assert_rc(stake_queue_batches_init(NULL, &budget), STAKE_EINVAL);
    ck_assert_rc(stake_queue_batches_init(&st, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(NULL, q, &rate, 1, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_calculate_batches(&st, NULL, &rate, 1, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, NULL, 1, 1), STAKE_EINVAL);
    st.finished = 1;
    copy = st;
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 10), STAKE_EBATCHSTATE);
    assert_same_batches(&copy, &st);
    ck_assert_rc(stake_queue_batches_init(&st, &zero), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 10), STAKE_EBATCHSTATE);
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    st.length = STAKE_QUEUE_MAX_BATCHES + 1;
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 10), STAKE_EBATCHSTATE);
    st.length = 1;
    st.batches[0] = 0;
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 10), STAKE_EBATCHSTATE);
    st.batches[0] = 8;
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 10), STAKE_EBATCHSTATE);
    /* a resumed state ending at the last request: nothing left */
    st.batches[0] = 7;
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 10), STAKE_OK);
    ck_assert_int_eq(st.finished, 1);
    ck_assert_uint_eq(st.length, 1);
    stake_queue_free(q);

    /* a request of zero shares divides by zero, and so does resuming
     * from it */
    q = new_queue();
    enq(q, 1, "100", "0", 1);
    enq(q, 1, "100", "100", 1);
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    copy = st;
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 10), STAKE_EDIVZERO);
    assert_same_batches(&copy, &st);
    st.length = 1;
    st.batches[0] = 1;
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &rate, 1000, 10), STAKE_EDIVZERO);
    stake_queue_free(q);
}
END_TEST

/* ---- the claim's odd parts, by hand ---------------------------------------------------- */

/* 1000 wei for 3 shares: exact rate 333...333.33e27 / 1e27; at max =
 * floor(1000e27 / 3) the floored rate is not above max, so the nominal
 * 1000 is paid, while floor(3 * max / 1e27) = 999. A plain min() would
 * pay 999. One less on the rate and the discount applies. */
START_TEST(claim_floored_rate_branch)
{
    const char *max = "333333333333333333333333333333";
    stake_queue *q = new_queue();
    enq(q, 1, "1000", "3", 1);
    stake_u256 m = U(max), eth;
    uint64_t b[1] = { 1 };
    ck_assert_rc(stake_queue_prefinalize(&eth, NULL, q, b, 1, &m), STAKE_OK);
    ck_assert_u256_eq(eth, U64(1000));
    ck_assert_rc(stake_queue_finalize(q, 1, &eth, &m), STAKE_OK);
    ck_assert_u256_eq(claimable_of(q, 1), U64(1000));
    stake_u256 plain, three = U64(3), e27 = U(E27);
    ck_assert_rc(stake_u256_muldiv(&plain, &three, &m, &e27, STAKE_ROUND_FLOOR), STAKE_OK);
    ck_assert_u256_eq(plain, U64(999));
    stake_address o = QA(1);
    ck_assert_rc(stake_queue_claim(&eth, q, 1, 1, &o), STAKE_OK);
    ck_assert_u256_eq(eth, U64(1000));
    ck_assert_u256_eq(locked(q), U64(0));
    stake_queue_free(q);

    q = new_queue();
    enq(q, 1, "1000", "3", 1);
    fin(q, 1, "999", "333333333333333333333333333332");
    ck_assert_u256_eq(claimable_of(q, 1), U64(999));
    stake_queue_free(q);
}
END_TEST

/* A fall of the rate between request and finalization is passed on; a
 * rise is not: the request is frozen at its nominal amount. */
START_TEST(claim_fall_and_rise)
{
    stake_queue *q = new_queue();
    enq(q, 1, "1100000000000000000", "1" ETHER, 1);     /* requested at 1.1 */
    enq(q, 2, "1000000000000000000", "1" ETHER, 2);     /* requested at 1.0 */
    fin(q, 1, "1" ETHER, E27);                          /* finalized at 1.0 */
    fin(q, 2, "1" ETHER, "1200000000000000000000000000");   /* at 1.2 */
    ck_assert_u256_eq(claimable_of(q, 1), U("1" ETHER));   /* discounted */
    ck_assert_u256_eq(claimable_of(q, 2), U("1" ETHER));   /* not 1.2 */
    /* a request exactly at the rate is nominal */
    enq(q, 3, "1200000000000000000", "1" ETHER, 3);
    fin(q, 3, "1200000000000000000", "1200000000000000000000000000");
    ck_assert_u256_eq(claimable_of(q, 3), U("1200000000000000000"));
    stake_queue_free(q);
}
END_TEST

/* Per-request floors: three requests of 100 wei for 70 shares at 1.31
 * claim floor(91.7) = 91 each, while the batch locked floor(275.1). */
START_TEST(dust_per_request_floors)
{
    stake_queue *q = new_queue();
    for (int i = 0; i < 3; i++)
        enq(q, 1, "100", "70", 1);
    stake_u256 m = U("1310000000000000000000000000"), eth;
    uint64_t b[1] = { 3 };
    ck_assert_rc(stake_queue_prefinalize(&eth, NULL, q, b, 1, &m), STAKE_OK);
    ck_assert_u256_eq(eth, U64(275));
    ck_assert_rc(stake_queue_finalize(q, 3, &eth, &m), STAKE_OK);
    stake_queue_dust d;
    ck_assert_rc(stake_queue_checkpoint_dust(&d, q, 1), STAKE_OK);
    ck_assert_u256_eq(d.claimable, U64(273));
    ck_assert_u256_eq(d.dust, U64(2));
    ck_assert_uint_eq(d.claimed_requests, 0);
    stake_address o = QA(1);
    stake_u256 got, total = U64(0);
    for (uint64_t id = 1; id <= 3; id++) {
        ck_assert_rc(stake_queue_claim_unhinted(&got, q, id, &o), STAKE_OK);
        ck_assert_u256_eq(got, U64(91));
        ck_assert_rc(stake_u256_add(&total, &total, &got), STAKE_OK);
    }
    ck_assert_rc(stake_queue_checkpoint_dust(&d, q, 1), STAKE_OK);
    ck_assert_u256_eq(d.claimed, U64(273));
    ck_assert_uint_eq(d.claimed_requests, 3);
    ck_assert_u256_eq(locked(q), U64(2));             /* the dust, for ever */
    /* a batch mixing both sides through the same-report rule: 1.0 and
     * 1.2 at max 1.1 price at their aggregate 1.1 = max: nominal 2.2,
     * while request 2 claims 1.1 */
    stake_queue_free(q);
    q = new_queue();
    enq(q, 1, "1000000000000000000", "1" ETHER, 1);
    enq(q, 1, "1200000000000000000", "1" ETHER, 1);
    stake_u256 r = U("1100000000000000000000000000"), budget = U("10" ETHER);
    stake_queue_batches st;
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &r, 100, 100), STAKE_OK);
    ck_assert_uint_eq(st.length, 1);
    ck_assert_rc(stake_queue_prefinalize(&eth, NULL, q, st.batches, st.length, &r), STAKE_OK);
    ck_assert_u256_eq(eth, U("2200000000000000000"));
    ck_assert_rc(stake_queue_finalize(q, 2, &eth, &r), STAKE_OK);
    ck_assert_rc(stake_queue_checkpoint_dust(&d, q, 1), STAKE_OK);
    ck_assert_u256_eq(d.dust, U("100000000000000000"));
    /* priced as two batches (separate reports) there is no dust */
    stake_queue_free(q);
    q = new_queue();
    enq(q, 1, "1000000000000000000", "1" ETHER, 1);
    ck_assert_rc(stake_queue_on_oracle_report(q, 0, 0, 1, 2), STAKE_OK);
    enq(q, 1, "1200000000000000000", "1" ETHER, 2);
    ck_assert_rc(stake_queue_batches_init(&st, &budget), STAKE_OK);
    ck_assert_rc(stake_queue_calculate_batches(&st, q, &r, 100, 100), STAKE_OK);
    ck_assert_uint_eq(st.length, 2);
    ck_assert_rc(stake_queue_prefinalize(&eth, NULL, q, st.batches, st.length, &r), STAKE_OK);
    ck_assert_u256_eq(eth, U("2100000000000000000"));
    ck_assert_rc(stake_queue_finalize(q, 2, &eth, &r), STAKE_OK);
    ck_assert_rc(stake_queue_checkpoint_dust(&d, q, 1), STAKE_OK);
    ck_assert_u256_eq(d.dust, U64(0));
    ck_assert_u256_eq(d.shortfall, U64(0));
    /* locking less than asked leaves a shortfall */
    stake_queue_free(q);
    q = new_queue();
    enq(q, 1, "1000", "1000", 1);
    fin(q, 1, "900", E27);
    ck_assert_rc(stake_queue_checkpoint_dust(&d, q, 1), STAKE_OK);
    ck_assert_u256_eq(d.shortfall, U64(100));
    ck_assert_u256_eq(d.dust, U64(0));
    ck_assert_rc(stake_queue_checkpoint_dust(&d, q, 2), STAKE_ERANGE);
    ck_assert_rc(stake_queue_checkpoint_dust(&d, q, 0), STAKE_ERANGE);
    ck_assert_rc(stake_queue_checkpoint_dust(NULL, q, 1), STAKE_EINVAL);
    stake_queue_free(q);
}
END_TEST

/* ---- hints ---------------------------------------------------------------------------- */

/* Checkpoints starting at ids 1, 3, 6, 10, 15 (the last covers 15..20),
 * then two unfinalized requests 21, 22. */
static stake_queue *five_checkpoints(void)
{
    stake_queue *q = new_queue();
    for (int i = 0; i < 22; i++)
        enq(q, 1, "1" ETHER, "1" ETHER, 1);
    fin(q, 2, "2" ETHER, E27);
    fin(q, 5, "3" ETHER, E27);
    fin(q, 9, "4" ETHER, E27);
    fin(q, 14, "5" ETHER, E27);
    fin(q, 20, "6" ETHER, E27);
    return q;
}

static uint64_t hint(const stake_queue *q, uint64_t id, uint64_t start, uint64_t end)
{
    uint64_t h = 999;
    ck_assert_rc(stake_queue_find_checkpoint_hint(&h, q, id, start, end), STAKE_OK);
    return h;
}

START_TEST(hint_search)
{
    stake_queue *q = five_checkpoints();
    /* full range, every id */
    uint64_t want[21] = { 0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5 };
    for (uint64_t id = 1; id <= 20; id++)
        ck_assert_uint_eq(hint(q, id, 1, 5), want[id]);
    /* right boundary fast path: id at or past end's first id */
    ck_assert_uint_eq(hint(q, 17, 1, 5), 5);     /* end is the last */
    ck_assert_uint_eq(hint(q, 11, 2, 4), 4);     /* before checkpoint 5's first */
    ck_assert_uint_eq(hint(q, 16, 2, 4), 0);     /* past it: not in the range */
    ck_assert_uint_eq(hint(q, 3, 2, 2), 2);
    /* left boundary fast path */
    ck_assert_uint_eq(hint(q, 2, 2, 5), 0);
    ck_assert_uint_eq(hint(q, 5, 3, 5), 0);
    /* binary search inside */
    ck_assert_uint_eq(hint(q, 7, 1, 4), 3);
    ck_assert_uint_eq(hint(q, 9, 2, 5), 3);
    /* 0 without refusing: unfinalized, start > end */
    ck_assert_uint_eq(hint(q, 21, 1, 5), 0);
    ck_assert_uint_eq(hint(q, 22, 1, 5), 0);
    ck_assert_uint_eq(hint(q, 7, 4, 3), 0);
    /* refusals, output untouched */
    uint64_t h = 999;
    ck_assert_rc(stake_queue_find_checkpoint_hint(&h, q, 0, 1, 5), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_find_checkpoint_hint(&h, q, 23, 1, 5), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_find_checkpoint_hint(&h, q, 5, 0, 5), STAKE_EINVALIDRANGE);
    ck_assert_rc(stake_queue_find_checkpoint_hint(&h, q, 5, 1, 6), STAKE_EINVALIDRANGE);
    /* the id is checked before the range */
    ck_assert_rc(stake_queue_find_checkpoint_hint(&h, q, 0, 0, 6), STAKE_EINVALIDID);
    ck_assert_uint_eq(h, 999);
    ck_assert_rc(stake_queue_find_checkpoint_hint(NULL, q, 5, 1, 5), STAKE_EINVAL);
    ck_assert_rc(stake_queue_find_checkpoint_hint(&h, NULL, 5, 1, 5), STAKE_EINVAL);
    stake_queue_free(q);

    /* no checkpoint at all: 0, with (1, 0) a valid range */
    q = new_queue();
    enq(q, 1, "1" ETHER, "1" ETHER, 1);
    ck_assert_uint_eq(hint(q, 1, 1, 0), 0);
    ck_assert_rc(stake_queue_find_checkpoint_hint(&h, q, 1, 1, 1), STAKE_EINVALIDRANGE);
    stake_queue_free(q);
}
END_TEST

START_TEST(hint_batch)
{
    stake_queue *q = five_checkpoints();
    uint64_t ids[8] = { 1, 2, 2, 7, 14, 15, 20, 22 }, h[8];
    ck_assert_rc(stake_queue_find_checkpoint_hints(h, q, ids, 8, 1, 5), STAKE_OK);
    uint64_t want[8] = { 1, 1, 1, 3, 4, 5, 5, 0 };
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(h[i], want[i]);
    /* a hint of 0 becomes the next search's start, which the contract
     * refuses (InvalidRequestIdRange): only the last id may be not found */
    uint64_t inside[3] = { 7, 14, 15 }, below[2] = { 1, 7 }, unfinalized[2] = { 22, 22 };
    ck_assert_rc(stake_queue_find_checkpoint_hints(h, q, inside, 3, 2, 4), STAKE_OK);
    uint64_t want2[3] = { 3, 4, 0 };
    for (int i = 0; i < 3; i++)
        ck_assert_uint_eq(h[i], want2[i]);
    uint64_t keep2[2] = { 9, 9 };
    ck_assert_rc(stake_queue_find_checkpoint_hints(keep2, q, below, 2, 2, 4),
                 STAKE_EINVALIDRANGE);
    ck_assert_rc(stake_queue_find_checkpoint_hints(keep2, q, unfinalized, 2, 1, 5),
                 STAKE_EINVALIDRANGE);
    ck_assert_rc(stake_queue_find_checkpoint_hints(keep2, q, ids, 8, 2, 4), STAKE_EINVALIDRANGE);
    ck_assert_uint_eq(keep2[0], 9);
    ck_assert_uint_eq(keep2[1], 9);
    /* all or nothing, in order per id: unsorted, id, range */
    uint64_t keep[4] = { 9, 9, 9, 9 };
    uint64_t unsorted[3] = { 3, 2, 0 }, bad_id[3] = { 3, 0, 4 }, late[3] = { 3, 23, 4 };
    ck_assert_rc(stake_queue_find_checkpoint_hints(keep, q, unsorted, 3, 1, 5), STAKE_EUNSORTED);
    ck_assert_rc(stake_queue_find_checkpoint_hints(keep, q, bad_id, 3, 1, 5), STAKE_EUNSORTED);
    ck_assert_rc(stake_queue_find_checkpoint_hints(keep, q, late, 3, 1, 5), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_find_checkpoint_hints(keep, q, ids, 8, 0, 5), STAKE_EINVALIDRANGE);
    ck_assert_rc(stake_queue_find_checkpoint_hints(keep, q, ids, 8, 1, 6), STAKE_EINVALIDRANGE);
    uint64_t zero_first[2] = { 0, 1 };
    ck_assert_rc(stake_queue_find_checkpoint_hints(keep, q, zero_first, 2, 0, 9),
                 STAKE_EINVALIDID);
    for (int i = 0; i < 4; i++)
        ck_assert_uint_eq(keep[i], 9);
    /* nothing to search: no refusal even for a bad range */
    ck_assert_rc(stake_queue_find_checkpoint_hints(NULL, q, NULL, 0, 0, 99), STAKE_OK);
    ck_assert_rc(stake_queue_find_checkpoint_hints(NULL, q, ids, 1, 1, 5), STAKE_EINVAL);
    ck_assert_rc(stake_queue_find_checkpoint_hints(h, NULL, ids, 1, 1, 5), STAKE_EINVAL);
    stake_queue_free(q);
}
END_TEST

/* ---- claims ------------------------------------------------------------------------------- */

START_TEST(claimable_views)
{
    stake_queue *q = five_checkpoints();
    stake_u256 v = sentinel();
    /* 0 for unfinalized, whatever the hint */
    ck_assert_rc(stake_queue_claimable_ether(&v, q, 21, 0), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));
    ck_assert_rc(stake_queue_claimable_ether(&v, q, 7, 3), STAKE_OK);
    ck_assert_u256_eq(v, U("1" ETHER));
    v = sentinel();
    ck_assert_rc(stake_queue_claimable_ether(&v, q, 0, 1), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_claimable_ether(&v, q, 23, 1), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_claimable_ether(&v, q, 7, 0), STAKE_EBADHINT);
    ck_assert_rc(stake_queue_claimable_ether(&v, q, 7, 6), STAKE_EBADHINT);
    ck_assert_rc(stake_queue_claimable_ether(&v, q, 7, 4), STAKE_EBADHINT);  /* id < from */
    ck_assert_rc(stake_queue_claimable_ether(&v, q, 7, 2), STAKE_EBADHINT);  /* next from <= id */
    ck_assert_rc(stake_queue_claimable_ether(&v, q, 16, 5), STAKE_OK);      /* last checkpoint */
    ck_assert_rc(stake_queue_claimable_ether(NULL, q, 7, 3), STAKE_EINVAL);
    ck_assert_rc(stake_queue_claimable_ether(&v, NULL, 7, 3), STAKE_EINVAL);
    /* 0 once claimed */
    stake_address o = QA(1);
    ck_assert_rc(stake_queue_claim(NULL, q, 7, 3, &o), STAKE_OK);
    v = sentinel();
    ck_assert_rc(stake_queue_claimable_ether(&v, q, 7, 3), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));
    stake_queue_free(q);
}
END_TEST

/* Two requests of 1000 wei at rate 1, finalized with 1500 wei locked: the
 * second claim would take the locked ether below zero (a Panic on chain). */
static stake_queue *underfunded_queue(void)
{
    stake_queue *q = new_queue();
    enq(q, 1, "1000", "1000", 1);
    enq(q, 1, "1000", "1000", 1);
    fin(q, 2, "1500", E27);
    return q;
}

START_TEST(claim_refusals)
{
    stake_queue *q = five_checkpoints();
    stake_address owner = QA(1), other = QA(2);
    stake_u256 eth = sentinel();
    stake_queue *before = snapshot_of(q);
    ck_assert_rc(stake_queue_claim(&eth, NULL, 7, 3, &owner), STAKE_EINVAL);
    ck_assert_rc(stake_queue_claim(&eth, q, 7, 3, NULL), STAKE_EINVAL);
    /* in _claim's order */
    ck_assert_rc(stake_queue_claim(&eth, q, 0, 0, &other), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_claim(&eth, q, 21, 0, &other), STAKE_ENOTFINALIZED);
    ck_assert_rc(stake_queue_claim(&eth, q, 99, 0, &other), STAKE_ENOTFINALIZED);
    ck_assert_rc(stake_queue_claim(&eth, q, 7, 0, &other), STAKE_ENOTOWNER);
    ck_assert_rc(stake_queue_claim(&eth, q, 7, 0, &owner), STAKE_EBADHINT);
    ck_assert_rc(stake_queue_claim(&eth, q, 7, 9, &owner), STAKE_EBADHINT);
    ck_assert_rc(stake_queue_claim(&eth, q, 7, 2, &owner), STAKE_EBADHINT);
    ck_assert_rc(stake_queue_claim(&eth, q, 7, 4, &owner), STAKE_EBADHINT);
    ck_assert_u256_eq(eth, sentinel());
    assert_same_queue(q, before);
    ck_assert_rc(stake_queue_claim(&eth, q, 7, 3, &owner), STAKE_OK);
    ck_assert_u256_eq(eth, U("1" ETHER));
    ck_assert_u256_eq(locked(q), U("19" ETHER));
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, q, 7), STAKE_OK);
    ck_assert_int_eq(st.claimed, 1);
    ck_assert_int_eq(st.finalized, 1);
    eth = sentinel();
    ck_assert_rc(stake_queue_claim(&eth, q, 7, 0, &other), STAKE_EALREADYCLAIMED);
    ck_assert_rc(stake_queue_claim_unhinted(&eth, q, 7, &owner), STAKE_EALREADYCLAIMED);
    ck_assert_u256_eq(eth, sentinel());
    /* claims go on while paused */
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    ck_assert_rc(stake_queue_claim_unhinted(&eth, q, 16, &owner), STAKE_OK);
    ck_assert_u256_eq(eth, U("1" ETHER));
    /* claimWithdrawal searches first: its refusals lead */
    ck_assert_rc(stake_queue_claim_unhinted(&eth, q, 0, &owner), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_claim_unhinted(&eth, q, 23, &owner), STAKE_EINVALIDID);
    ck_assert_rc(stake_queue_claim_unhinted(&eth, q, 21, &owner), STAKE_ENOTFINALIZED);
    ck_assert_rc(stake_queue_claim_unhinted(&eth, q, 3, &other), STAKE_ENOTOWNER);
    ck_assert_rc(stake_queue_claim_unhinted(&eth, NULL, 3, &owner), STAKE_EINVAL);
    ck_assert_rc(stake_queue_claim_unhinted(&eth, q, 3, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    stake_queue_free(before);
    stake_queue_free(q);

    /* Locking less than the claims need: the subtraction of lockedEther
     * would underflow (a Panic on chain). */
    q = underfunded_queue();
    ck_assert_rc(stake_queue_claim(&eth, q, 1, 1, &owner), STAKE_OK);
    before = snapshot_of(q);
    eth = sentinel();
    ck_assert_rc(stake_queue_claim(&eth, q, 2, 1, &owner), STAKE_ENOTENOUGHETHER);
    ck_assert_u256_eq(eth, sentinel());
    assert_same_queue(q, before);
    stake_queue_free(before);
    stake_queue_free(q);
}
END_TEST

/* claimWithdrawals(ids, hints): the same claims as one by one, all or
 * nothing, the failing element's index reported. */
START_TEST(claim_batch)
{
    stake_queue *q = five_checkpoints();
    stake_address owner = QA(1), other = QA(2);
    stake_u256 eth[3] = { sentinel(), sentinel(), sentinel() };
    size_t failed = 777;
    uint64_t ids[3] = { 3, 7, 16 }, hints[3] = { 2, 3, 5 };
    stake_queue *before = snapshot_of(q);
    ck_assert_rc(stake_queue_claim_batch(eth, NULL, ids, hints, 3, &owner, &failed), STAKE_EINVAL);
    ck_assert_rc(stake_queue_claim_batch(eth, q, ids, hints, 3, NULL, &failed), STAKE_EINVAL);
    ck_assert_rc(stake_queue_claim_batch(eth, q, NULL, hints, 3, &owner, &failed), STAKE_EINVAL);
    ck_assert_rc(stake_queue_claim_batch(eth, q, ids, NULL, 3, &owner, &failed), STAKE_EINVAL);
    ck_assert_uint_eq(failed, 777);
    /* empty arrays claim nothing */
    ck_assert_rc(stake_queue_claim_batch(NULL, q, NULL, NULL, 0, &owner, &failed), STAKE_OK);
    assert_same_queue(q, before);

    /* a refusal at each position leaves everything as it was */
    struct {
        uint64_t ids[3], hints[3];
        const stake_address *caller;
        stake_rc rc;
        size_t at;
    } bad[] = {
        { { 0, 3, 4 }, { 1, 2, 2 }, &owner, STAKE_EINVALIDID, 0 },
        { { 3, 7, 21 }, { 2, 3, 5 }, &owner, STAKE_ENOTFINALIZED, 2 },
        { { 3, 7, 8 }, { 2, 3, 3 }, &other, STAKE_ENOTOWNER, 0 },
        { { 3, 7, 8 }, { 2, 4, 3 }, &owner, STAKE_EBADHINT, 1 },
        { { 3, 7, 3 }, { 2, 3, 2 }, &owner, STAKE_EALREADYCLAIMED, 2 },   /* an id twice */
        { { 8, 8, 9 }, { 3, 3, 3 }, &owner, STAKE_EALREADYCLAIMED, 1 },
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        failed = 777;
        ck_assert_rc(stake_queue_claim_batch(eth, q, bad[k].ids, bad[k].hints, 3, bad[k].caller,
                                             &failed), bad[k].rc);
        ck_assert_uint_eq(failed, bad[k].at);
        for (int i = 0; i < 3; i++)
            ck_assert_u256_eq(eth[i], sentinel());
        assert_same_queue(q, before);
    }
    /* without failed_index */
    ck_assert_rc(stake_queue_claim_batch(eth, q, bad[1].ids, bad[1].hints, 3, &owner, NULL),
                 STAKE_ENOTFINALIZED);
    assert_same_queue(q, before);

    /* success: the same as three single claims on a copy */
    stake_queue *one_by_one = snapshot_of(q);
    for (int i = 0; i < 3; i++) {
        stake_u256 got;
        ck_assert_rc(stake_queue_claim(&got, one_by_one, ids[i], hints[i], &owner), STAKE_OK);
        ck_assert_u256_eq(got, U("1" ETHER));
    }
    failed = 777;
    ck_assert_rc(stake_queue_claim_batch(eth, q, ids, hints, 3, &owner, &failed), STAKE_OK);
    ck_assert_uint_eq(failed, 777);
    for (int i = 0; i < 3; i++)
        ck_assert_u256_eq(eth[i], U("1" ETHER));
    ck_assert_u256_eq(locked(q), U("17" ETHER));
    assert_same_queue(q, one_by_one);
    /* claimed now, so the same batch is refused at its first element */
    ck_assert_rc(stake_queue_claim_batch(NULL, q, ids, hints, 3, &owner, &failed),
                 STAKE_EALREADYCLAIMED);
    ck_assert_uint_eq(failed, 0);
    /* amounts may be left out */
    uint64_t more[2] = { 1, 20 }, more_hints[2] = { 1, 5 };
    ck_assert_rc(stake_queue_claim_batch(NULL, q, more, more_hints, 2, &owner, NULL), STAKE_OK);
    ck_assert_u256_eq(locked(q), U("15" ETHER));
    stake_queue_free(one_by_one);
    stake_queue_free(before);
    stake_queue_free(q);

    /* the running locked ether: the second claim would take it below 0 */
    q = underfunded_queue();
    before = snapshot_of(q);
    uint64_t both[2] = { 1, 2 }, cp1[2] = { 1, 1 };
    eth[0] = sentinel();
    ck_assert_rc(stake_queue_claim_batch(eth, q, both, cp1, 2, &owner, &failed),
                 STAKE_ENOTENOUGHETHER);
    ck_assert_uint_eq(failed, 1);
    ck_assert_u256_eq(eth[0], sentinel());
    assert_same_queue(q, before);
    stake_queue_free(before);
    stake_queue_free(q);
}
END_TEST

/* ---- bunker mode and pause ---------------------------------------------------------------- */

START_TEST(bunker_mode)
{
    stake_queue *q = new_queue();
    uint64_t since = 0;
    ck_assert_rc(stake_queue_bunker_since(&since, q), STAKE_OK);
    ck_assert_uint_eq(since, STAKE_QUEUE_BUNKER_DISABLED);
    stake_queue *before = snapshot_of(q);
    ck_assert_rc(stake_queue_on_oracle_report(NULL, 1, 1, 1, 2), STAKE_EINVAL);
    /* both timestamps strictly before the block's */
    ck_assert_rc(stake_queue_on_oracle_report(q, 1, 100, 50, 100), STAKE_ETIMESTAMP);
    ck_assert_rc(stake_queue_on_oracle_report(q, 1, 50, 100, 100), STAKE_ETIMESTAMP);
    ck_assert_rc(stake_queue_on_oracle_report(q, 0, 50, 100, 100), STAKE_ETIMESTAMP);
    ck_assert_rc(stake_queue_on_oracle_report(q, 0, 0, 0, LIMIT), STAKE_ETIMESTAMP);
    assert_same_queue(q, before);
    stake_queue_free(before);

    ck_assert_rc(stake_queue_on_oracle_report(q, 1, 40, 90, 100), STAKE_OK);
    ck_assert_int_eq(stake_queue_is_bunker(q), 1);
    ck_assert_rc(stake_queue_bunker_since(&since, q), STAKE_OK);
    ck_assert_uint_eq(since, 40);
    ck_assert_uint_eq(stake_queue_last_report_timestamp(q), 90);
    /* the block's time cannot go back */
    ck_assert_rc(stake_queue_on_oracle_report(q, 1, 40, 90, 99), STAKE_ETIMESTAMP);
    /* still bunker: the start is kept */
    ck_assert_rc(stake_queue_on_oracle_report(q, 1, 150, 190, 200), STAKE_OK);
    ck_assert_rc(stake_queue_bunker_since(&since, q), STAKE_OK);
    ck_assert_uint_eq(since, 40);
    ck_assert_uint_eq(stake_queue_last_report_timestamp(q), 190);
    /* requests carry the last report's timestamp */
    uint64_t id = enq(q, 1, "1" ETHER, "1" ETHER, 200);
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, q, id), STAKE_OK);
    ck_assert_uint_eq(st.report_timestamp, 190);
    ck_assert_rc(stake_queue_on_oracle_report(q, 0, 0, 290, 300), STAKE_OK);
    ck_assert_int_eq(stake_queue_is_bunker(q), 0);
    ck_assert_rc(stake_queue_bunker_since(&since, q), STAKE_OK);
    ck_assert_uint_eq(since, STAKE_QUEUE_BUNKER_DISABLED);
    /* a request older than the last report's block is refused */
    stake_address o = QA(1);
    stake_u256 a = U("1" ETHER);
    ck_assert_rc(stake_queue_enqueue(&id, q, &o, &a, &a, 299), STAKE_ETIMESTAMP);
    ck_assert_int_eq(stake_queue_is_bunker(NULL), 0);
    ck_assert_rc(stake_queue_bunker_since(NULL, q), STAKE_EINVAL);
    ck_assert_rc(stake_queue_bunker_since(&since, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    stake_queue_free(q);
}
END_TEST

START_TEST(pause_resume)
{
    stake_queue *q = new_queue();
    ck_assert_rc(stake_queue_resume(q), STAKE_ESTATE);
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    ck_assert_int_eq(stake_queue_is_paused(q), 1);
    ck_assert_rc(stake_queue_pause(q), STAKE_ESTATE);
    ck_assert_rc(stake_queue_resume(q), STAKE_OK);
    ck_assert_int_eq(stake_queue_is_paused(q), 0);
    ck_assert_rc(stake_queue_pause(NULL), STAKE_EINVAL);
    ck_assert_rc(stake_queue_resume(NULL), STAKE_EINVAL);
    ck_assert_int_eq(stake_queue_is_paused(NULL), 0);
    /* reports and views go on while paused */
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    ck_assert_rc(stake_queue_on_oracle_report(q, 0, 0, 1, 2), STAKE_OK);
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    stake_queue_free(q);
}
END_TEST

/* ---- requests through the stETH model --------------------------------------------------- */

START_TEST(request_steth)
{
    stake_steth *t = token_at_115();
    stake_queue *q = new_queue();
    stake_address alice = QA(1), qa;
    ck_assert_rc(stake_queue_address(&qa, q), STAKE_OK);
    stake_u256 one = U("1" ETHER), tiny = U64(99), allowance = U("10" ETHER);
    uint64_t id = 777;
    stake_queue *before = snapshot_of(q);
    stake_u256 alice_before = shares_of(t, &alice);
    ck_assert_rc(stake_queue_request(NULL, q, t, &alice, &one, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_request(&id, NULL, t, &alice, &one, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_request(&id, q, NULL, &alice, &one, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_request(&id, q, t, NULL, &one, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, NULL, 1), STAKE_EINVAL);
    /* the bounds come before transferFrom: no allowance needed to see them */
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &tiny, 1), STAKE_EAMOUNTTOOSMALL);
    stake_u256 over = U("1000000000000000000001");
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &over, 1), STAKE_EAMOUNTTOOLARGE);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &one, 1), STAKE_EALLOWANCE);
    ck_assert_rc(stake_steth_approve(t, &alice, &qa, &allowance), STAKE_OK);
    stake_u256 lots = U("500" ETHER);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &lots, 1), STAKE_EALLOWANCE);
    stake_u256 inf = U(MAX_U256_DEC);
    ck_assert_rc(stake_steth_approve(t, &alice, &qa, &inf), STAKE_OK);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &lots, 1), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_stop(t), STAKE_OK);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &one, 1), STAKE_ESTOPPED);
    ck_assert_rc(stake_steth_resume(t), STAKE_OK);
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &tiny, 1), STAKE_EPAUSED);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &one, LIMIT), STAKE_ETIMESTAMP);
    ck_assert_rc(stake_queue_resume(q), STAKE_OK);
    ck_assert_uint_eq(id, 777);
    assert_same_queue(q, before);
    ck_assert_u256_eq(shares_of(t, &alice), alice_before);
    ck_assert_u256_eq(shares_of(t, &qa), U64(0));

    /* 1 ether at 1.15: floor(1e18 * 101 / 116.15) shares move and are recorded */
    ck_assert_rc(stake_steth_approve(t, &alice, &qa, &allowance), STAKE_OK);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &one, 7), STAKE_OK);
    ck_assert_uint_eq(id, 1);
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, q, 1), STAKE_OK);
    ck_assert_u256_eq(st.amount, one);
    ck_assert_u256_eq(st.shares, U("869565217391304347"));
    ck_assert_u256_eq(shares_of(t, &qa), st.shares);
    stake_u256 left;
    ck_assert_rc(stake_steth_allowance(&left, t, &alice, &qa), STAKE_OK);
    ck_assert_u256_eq(left, U("9" ETHER));
    /* finalizing at a lower rate (1.10) discounts it */
    fin(q, 1, "956521739130434781", "1100000000000000000000000000");
    ck_assert_u256_eq(claimable_of(q, 1), U("956521739130434781"));
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    stake_queue_free(before);
    stake_queue_free(q);
    stake_steth_free(t);
}
END_TEST

START_TEST(request_wsteth)
{
    stake_steth *t = token_at_115();
    stake_queue *q = new_queue();
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    stake_address alice = QA(1), qa;
    ck_assert_rc(stake_queue_address(&qa, q), STAKE_OK);
    stake_u256 inf = U(MAX_U256_DEC), ten = U("10" ETHER), w;
    ck_assert_rc(stake_steth_approve(t, &alice, &p.wsteth, &inf), STAKE_OK);
    ck_assert_rc(stake_wsteth_wrap(&w, t, &alice, &ten), STAKE_OK);
    ck_assert_u256_eq(w, U("8695652173913043478"));
    stake_u256 wb, wrapper_before = shares_of(t, &p.wsteth);
    stake_queue *before = snapshot_of(q);
    uint64_t id = 777;
    /* transfer first: a wstETH balance too low wins over the bounds that
     * its unwrapped amount (2300 ether) would fail */
    stake_u256 huge = U("2000" ETHER), zero = U64(0), dust = U64(50);
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &huge, 1), STAKE_EBALANCE);
    /* then the wstETH allowance to the queue (OpenZeppelin 3.4's
     * transferFrom, sent by the queue); a zero amount needs none */
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &w, 1), STAKE_EALLOWANCE);
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &zero, 1), STAKE_EZEROAMOUNT);
    stake_u256 allowed = U("5" ETHER), left;
    ck_assert_rc(stake_wsteth_approve(t, &alice, &qa, &allowed), STAKE_OK);
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &w, 1), STAKE_EALLOWANCE);
    ck_assert_rc(stake_wsteth_approve(t, &alice, &qa, &inf), STAKE_OK);
    /* 50 wstETH unwrap to floor(50 * 1.15) = 57 wei: below the minimum,
     * found after the transfer and the unwrap, which are undone */
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &dust, 1), STAKE_EAMOUNTTOOSMALL);
    stake_address nobody;
    memset(&nobody, 0, sizeof nobody);
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &nobody, &w, 1), STAKE_EZEROADDRESS);
    /* a stopped stETH refuses the unwrap's transfer; the wstETH goes back */
    ck_assert_rc(stake_steth_stop(t), STAKE_OK);
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &w, 1), STAKE_ESTOPPED);
    ck_assert_rc(stake_steth_resume(t), STAKE_OK);
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &w, 1), STAKE_EPAUSED);
    ck_assert_rc(stake_queue_resume(q), STAKE_OK);
    ck_assert_rc(stake_queue_request_wsteth(NULL, q, t, &alice, &w, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_request_wsteth(&id, q, NULL, &alice, &w, 1), STAKE_EINVAL);
    ck_assert_uint_eq(id, 777);
    assert_same_queue(q, before);
    ck_assert_rc(stake_wsteth_balance_of(&wb, t, &alice), STAKE_OK);
    ck_assert_u256_eq(wb, w);
    ck_assert_rc(stake_wsteth_balance_of(&wb, t, &qa), STAKE_OK);
    ck_assert_u256_eq(wb, U64(0));
    ck_assert_u256_eq(shares_of(t, &qa), U64(0));
    ck_assert_u256_eq(shares_of(t, &p.wsteth), wrapper_before);
    /* and so is the allowance, whichever step refused */
    ck_assert_rc(stake_wsteth_allowance(&left, t, &alice, &qa), STAKE_OK);
    ck_assert_u256_eq(left, inf);

    /* 1 wstETH: unwraps to 1.15 stETH, 1e18 shares at 1.15; the largest
     * allowance is lowered like any other */
    stake_u256 one = U("1" ETHER);
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &one, 3), STAKE_OK);
    ck_assert_rc(stake_wsteth_allowance(&left, t, &alice, &qa), STAKE_OK);
    ck_assert_rc(stake_u256_add(&left, &left, &one), STAKE_OK);
    ck_assert_u256_eq(left, inf);
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, q, id), STAKE_OK);
    ck_assert_u256_eq(st.amount, U("1150000000000000000"));
    ck_assert_u256_eq(st.shares, U("1" ETHER));
    ck_assert_u256_eq(shares_of(t, &qa), st.shares);
    ck_assert_rc(stake_wsteth_balance_of(&wb, t, &qa), STAKE_OK);
    ck_assert_u256_eq(wb, U64(0));
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    stake_queue_free(before);
    stake_queue_free(q);
    stake_steth_free(t);
}
END_TEST

/* requestWithdrawals(amounts, _owner) with an owner other than the
 * sender: the sender's tokens and allowance, the owner's request; a zero
 * owner is the sender. */
START_TEST(request_on_behalf)
{
    stake_steth *t = token_at_115();
    stake_queue *q = new_queue();
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    stake_address alice = QA(1), carol = QA(3), qa, zero;
    memset(&zero, 0, sizeof zero);
    ck_assert_rc(stake_queue_address(&qa, q), STAKE_OK);
    stake_u256 one = U("1" ETHER), ten = U("10" ETHER), inf = U(MAX_U256_DEC), w, left;
    uint64_t id = 777;
    stake_queue *before = snapshot_of(q);
    ck_assert_rc(stake_queue_request_for(&id, q, t, NULL, &carol, &one, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_request_for(&id, q, t, &alice, NULL, &one, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_request_wsteth_for(&id, q, t, NULL, &carol, &one, 1), STAKE_EINVAL);
    ck_assert_rc(stake_queue_request_wsteth_for(&id, q, t, &alice, NULL, &one, 1), STAKE_EINVAL);
    /* the owner's allowance is no use: the sender's is spent */
    ck_assert_rc(stake_steth_approve(t, &carol, &qa, &inf), STAKE_OK);
    ck_assert_rc(stake_queue_request_for(&id, q, t, &alice, &carol, &one, 1), STAKE_EALLOWANCE);
    /* nor the owner's balance: carol has none, alice is asked */
    ck_assert_rc(stake_queue_request_for(&id, q, t, &carol, &alice, &one, 1), STAKE_EBALANCE);
    ck_assert_uint_eq(id, 777);
    assert_same_queue(q, before);

    ck_assert_rc(stake_steth_approve(t, &alice, &qa, &ten), STAKE_OK);
    stake_u256 alice_before = shares_of(t, &alice);
    ck_assert_rc(stake_queue_request_for(&id, q, t, &alice, &carol, &one, 2), STAKE_OK);
    ck_assert_uint_eq(id, 1);
    stake_queue_status st;
    ck_assert_rc(stake_queue_request_status(&st, q, 1), STAKE_OK);
    ck_assert(memcmp(&st.owner, &carol, sizeof carol) == 0);
    ck_assert_u256_eq(st.shares, U("869565217391304347"));
    stake_u256 moved;
    ck_assert_rc(stake_u256_sub(&moved, &alice_before, &st.shares), STAKE_OK);
    ck_assert_u256_eq(shares_of(t, &alice), moved);
    ck_assert_u256_eq(shares_of(t, &carol), U64(0));
    ck_assert_rc(stake_steth_allowance(&left, t, &alice, &qa), STAKE_OK);
    ck_assert_u256_eq(left, U("9" ETHER));
    /* a zero owner is the sender */
    ck_assert_rc(stake_queue_request_for(&id, q, t, &alice, &zero, &one, 3), STAKE_OK);
    ck_assert_rc(stake_queue_request_status(&st, q, id), STAKE_OK);
    ck_assert(memcmp(&st.owner, &alice, sizeof alice) == 0);

    /* wstETH: alice's wrapped tokens, carol's request */
    ck_assert_rc(stake_steth_approve(t, &alice, &p.wsteth, &inf), STAKE_OK);
    ck_assert_rc(stake_wsteth_wrap(&w, t, &alice, &ten), STAKE_OK);
    ck_assert_rc(stake_wsteth_approve(t, &carol, &qa, &inf), STAKE_OK);
    ck_assert_rc(stake_queue_request_wsteth_for(&id, q, t, &carol, &alice, &one, 4),
                 STAKE_EBALANCE);
    /* the sender's wstETH allowance, not the owner's */
    ck_assert_rc(stake_queue_request_wsteth_for(&id, q, t, &alice, &carol, &one, 4),
                 STAKE_EALLOWANCE);
    ck_assert_rc(stake_wsteth_approve(t, &alice, &qa, &ten), STAKE_OK);
    ck_assert_rc(stake_queue_request_wsteth_for(&id, q, t, &alice, &carol, &one, 4), STAKE_OK);
    ck_assert_rc(stake_wsteth_allowance(&left, t, &alice, &qa), STAKE_OK);
    ck_assert_u256_eq(left, U("9" ETHER));
    ck_assert_uint_eq(id, 3);
    ck_assert_rc(stake_queue_request_status(&st, q, id), STAKE_OK);
    ck_assert(memcmp(&st.owner, &carol, sizeof carol) == 0);
    ck_assert_u256_eq(st.amount, U("1150000000000000000"));
    stake_u256 wb;
    ck_assert_rc(stake_wsteth_balance_of(&wb, t, &alice), STAKE_OK);
    ck_assert_rc(stake_u256_add(&wb, &wb, &one), STAKE_OK);
    ck_assert_u256_eq(wb, w);
    ck_assert_rc(stake_queue_request_wsteth_for(&id, q, t, &alice, &zero, &one, 5), STAKE_OK);
    ck_assert_rc(stake_queue_request_status(&st, q, id), STAKE_OK);
    ck_assert(memcmp(&st.owner, &alice, sizeof alice) == 0);

    /* only the owner claims: carol, not the sender */
    fin(q, 4, "4300000000000000000", "2000000000000000000000000000");
    stake_u256 eth;
    ck_assert_rc(stake_queue_claim_unhinted(&eth, q, 1, &alice), STAKE_ENOTOWNER);
    ck_assert_rc(stake_queue_claim_unhinted(&eth, q, 1, &carol), STAKE_OK);
    ck_assert_u256_eq(eth, one);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    stake_queue_free(before);
    stake_queue_free(q);
    stake_steth_free(t);
}
END_TEST

/* When the queue's own late check fails (here the uint128 prefix sums),
 * the token's refusals still come first, and neither object changes. */
START_TEST(request_late_check_order)
{
    stake_steth *t = token_at_115();
    stake_queue_params p;
    stake_queue *q = new_queue_with_max(&p, "0xffffffffffffffffffffffffffffffff");
    stake_address alice = QA(1), bob = QA(2), qa = p.address;
    stake_u256 nearly = U("0xfffffffffffffffffffffffffffffff0"), s = U64(1), uid;
    uint64_t id;
    ck_assert_rc(stake_queue_enqueue(&id, q, &bob, &nearly, &s, 1), STAKE_OK);
    stake_u256 one = U("1" ETHER);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &one, 2), STAKE_EALLOWANCE);
    ck_assert_rc(stake_steth_approve(t, &alice, &qa, &one), STAKE_OK);
    ck_assert_rc(stake_queue_request(&id, q, t, &alice, &one, 2), STAKE_EOVERFLOW);
    ck_assert_rc(stake_steth_allowance(&uid, t, &alice, &qa), STAKE_OK);
    ck_assert_u256_eq(uid, one);
    ck_assert_u256_eq(shares_of(t, &qa), U64(0));
    /* the same through wstETH: the wstETH balance first */
    stake_steth_params sp;
    ck_assert_rc(stake_steth_params_init(&sp, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &one, 2), STAKE_EBALANCE);
    stake_u256 five = U("5" ETHER), w;
    ck_assert_rc(stake_steth_approve(t, &alice, &sp.wsteth, &five), STAKE_OK);
    ck_assert_rc(stake_wsteth_wrap(&w, t, &alice, &five), STAKE_OK);
    /* then the wstETH allowance */
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &one, 2), STAKE_EALLOWANCE);
    ck_assert_rc(stake_wsteth_approve(t, &alice, &qa, &one), STAKE_OK);
    ck_assert_rc(stake_queue_request_wsteth(&id, q, t, &alice, &one, 2), STAKE_EOVERFLOW);
    stake_u256 wb;
    ck_assert_rc(stake_wsteth_balance_of(&wb, t, &alice), STAKE_OK);
    ck_assert_u256_eq(wb, w);
    ck_assert_rc(stake_wsteth_allowance(&wb, t, &alice, &qa), STAKE_OK);
    ck_assert_u256_eq(wb, one);
    ck_assert_uint_eq(stake_queue_last_request_id(q), 1);
    stake_queue_free(q);
    stake_steth_free(t);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("queue");
    TCase *tc = tcase_create("object");
    tcase_add_test(tc, params_and_lifecycle);
    tcase_add_test(tc, enqueue_prefix_sums);
    tcase_add_test(tc, enqueue_refusals);
    tcase_add_test(tc, transfer_ownership);
    suite_add_tcase(s, tc);

    tc = tcase_create("finalization");
    tcase_add_test(tc, finalize_and_checkpoints);
    tcase_add_test(tc, prefinalize_refusals);
    tcase_add_test(tc, batches_by_hand);
    tcase_add_test(tc, batches_breaks);
    tcase_add_test(tc, batches_limit);
    tcase_add_test(tc, batches_refusals);
    suite_add_tcase(s, tc);

    tc = tcase_create("claims");
    tcase_add_test(tc, claim_floored_rate_branch);
    tcase_add_test(tc, claim_fall_and_rise);
    tcase_add_test(tc, dust_per_request_floors);
    tcase_add_test(tc, hint_search);
    tcase_add_test(tc, hint_batch);
    tcase_add_test(tc, claimable_views);
    tcase_add_test(tc, claim_refusals);
    tcase_add_test(tc, claim_batch);
    suite_add_tcase(s, tc);

    tc = tcase_create("modes");
    tcase_add_test(tc, bunker_mode);
    tcase_add_test(tc, pause_resume);
    suite_add_tcase(s, tc);

    tc = tcase_create("tokens");
    tcase_add_test(tc, request_steth);
    tcase_add_test(tc, request_wsteth);
    tcase_add_test(tc, request_on_behalf);
    tcase_add_test(tc, request_late_check_order);
    suite_add_tcase(s, tc);
    return s;
}
