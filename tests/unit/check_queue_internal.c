/*
 * The queue's internal hooks, which libstake.so hides: the reserve that
 * lets the oracle report finalize without allocating, the dry run of
 * finalize, the snapshot encoding with its validating decoder, and the
 * behaviour of every call when an allocation fails.
 *
 * Because those functions are not exported, this program compiles the
 * queue's sources (and the snapshot codec's primitives) into itself and
 * tests that copy. Once the snapshot container carries queues, the
 * round trips below can also go through the public snapshot API.
 */
#include "queue_testutil.h"
#include "failmalloc.h"

#include "../../lib/queue/queue.c"
#include "../../lib/queue/queue_bunker.c"
#include "../../lib/queue/queue_check.c"
#include "../../lib/queue/queue_claim.c"
#include "../../lib/queue/queue_codec.c"
#include "../../lib/queue/queue_dust.c"
#include "../../lib/queue/queue_finalize.c"
#include "../../lib/queue/queue_math.c"
#include "../../lib/queue/queue_request.c"
#include "../../lib/queue/queue_view.c"
#include "../../lib/snapshot/codec.c"

/* A queue that has been through everything: requests under several
 * reports, three finalizations (one discounted), claims, a transfer,
 * bunker mode, and a pause. */
static stake_queue *busy_queue(void)
{
    stake_queue *q = new_queue();
    enq(q, 1, "1000000000000000000", "1" ETHER, 1);
    enq(q, 2, "1200000000000000000", "1" ETHER, 2);
    ck_assert_rc(stake_queue_on_oracle_report(q, 1, 5, 10, 20), STAKE_OK);
    enq(q, 3, "900000000000000000", "1" ETHER, 21);
    enq(q, 4, "100", "70", 22);
    enq(q, 5, "100", "70", 22);
    fin(q, 2, "2" ETHER, E27);
    fin(q, 4, "900000000000000090", "1310000000000000000000000000");
    enq(q, 6, "700000000000000000", "1" ETHER, 30);
    fin(q, 5, "91", "1310000000000000000000000000");
    stake_address o = QA(2), p = QA(9);
    ck_assert_rc(stake_queue_claim(NULL, q, 2, 1, &o), STAKE_OK);
    o = QA(4);
    ck_assert_rc(stake_queue_claim(NULL, q, 4, 2, &o), STAKE_OK);
    ck_assert_rc(stake_queue_transfer(q, &o, &p, 6), STAKE_ENOTOWNER);
    o = QA(6);
    ck_assert_rc(stake_queue_transfer(q, &o, &p, 6), STAKE_OK);
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    return q;
}

/* ---- for the oracle report -------------------------------------------------------------- */

START_TEST(reserve_then_finalize_without_allocating)
{
    stake_queue *q = new_queue();
    for (int i = 0; i < 100; i++)
        enq(q, 1, "1" ETHER, "1" ETHER, 1);
    ck_assert_ptr_eq(stake__queue_address(q), &q->self);
    ck_assert_ptr_null(stake__queue_address(NULL));
    ck_assert_rc(stake__queue_reserve(NULL, 1), STAKE_EINVAL);
    ck_assert_rc(stake__queue_reserve(q, 40), STAKE_OK);
    stake_u256 eth = U("1" ETHER), rate = U(E27);
    fm_arm(1);   /* the first allocation would fail */
    stake_rc rc = STAKE_OK;
    for (uint64_t id = 1; id <= 40 && rc == STAKE_OK; id++)
        rc = stake_queue_finalize(q, id, &eth, &rate);
    fm_disarm();
    ck_assert_rc(rc, STAKE_OK);
    ck_assert_int_eq(fm_count, 0);
    ck_assert_uint_eq(stake_queue_last_checkpoint_index(q), 40);
    ck_assert_rc(stake__queue_reserve(q, SIZE_MAX), STAKE_ENOMEM);
    ck_assert_rc(stake_queue_check(q), STAKE_OK);
    stake_queue_free(q);
}
END_TEST

START_TEST(check_finalize_is_a_dry_run)
{
    stake_queue *q = new_queue();
    enq(q, 1, "1" ETHER, "1" ETHER, 1);
    enq(q, 1, "1" ETHER, "1" ETHER, 1);
    stake_u256 one = U("1" ETHER), two = U("2" ETHER), more = U("2000000000000000001");
    stake_u256 rate = U(E27), max = U(MAX_U256_DEC);
    ck_assert_rc(stake__queue_check_finalize(NULL, 1, &one), STAKE_EINVAL);
    ck_assert_rc(stake__queue_check_finalize(q, 1, NULL), STAKE_EINVAL);
    ck_assert_rc(stake__queue_check_finalize(q, 0, &one), STAKE_EINVALIDID);
    ck_assert_rc(stake__queue_check_finalize(q, 3, &one), STAKE_EINVALIDID);
    ck_assert_rc(stake__queue_check_finalize(q, 2, &more), STAKE_ETOOMUCHETHER);
    ck_assert_rc(stake__queue_check_finalize(q, 2, &two), STAKE_OK);
    ck_assert_uint_eq(stake_queue_last_checkpoint_index(q), 0);
    /* the locked total is checked too (unreachable with real amounts) */
    q->locked = max;
    ck_assert_rc(stake__queue_check_finalize(q, 1, &one), STAKE_EOVERFLOW);
    ck_assert_rc(stake_queue_finalize(q, 1, &one, &rate), STAKE_EOVERFLOW);
    q->locked = U64(0);
    ck_assert_rc(stake_queue_pause(q), STAKE_OK);
    ck_assert_rc(stake__queue_check_finalize(q, 2, &two), STAKE_EPAUSED);
    stake_queue_free(q);
}
END_TEST

/* The report applies onOracleReport first and undoes it on a refusal. */
START_TEST(mark_undoes_a_report)
{
    stake_queue *q = busy_queue(), *before = snapshot_of(q);
    stake__queue_mark m;
    stake__queue_mark_save(&m, q);
    ck_assert_rc(stake_queue_on_oracle_report(q, 0, 0, 90, 100), STAKE_OK);
    ck_assert_int_eq(stake_queue_is_bunker(q), 0);
    ck_assert_uint_eq(stake_queue_last_report_timestamp(q), 90);
    stake__queue_mark_restore(q, &m);
    assert_same_queue(q, before);
    ck_assert_uint_eq(q->clock, before->clock);
    stake_queue_free(before);
    stake_queue_free(q);
}
END_TEST

/* ---- the arithmetic ------------------------------------------------------------------------- */

/* The contract's comparison, literally: rate = stETH * 1e27 / shares
 * (checked product, floor), then rate > max. */
static int above_by_division(const stake_u256 *steth, const stake_u256 *shares,
                             const stake_u256 *max)
{
    stake_u256 r;
    if (stake_u256_mul(&r, steth, &stake__queue_e27) != STAKE_OK ||
        stake_u256_div(&r, &r, shares) != STAKE_OK)
        ck_abort_msg("the division failed");
    return stake_u256_cmp(&r, max) > 0;
}

static uint64_t next_rand(uint64_t *s);

/* stake__queue_above() decides floor(steth * 1e27 / shares) > max by a
 * cross multiplication; it must agree with the division everywhere,
 * including at max = rate, rate - 1, rate + 1 and at the extremes. */
START_TEST(above_matches_the_division)
{
    uint64_t seed = 0x243f6a8885a308d3ULL;
    stake_u256 e27 = U(E27), one = U64(1), maxv = U(MAX_U256_DEC), zero = U64(0);
    /* plain comparisons in the loop: a Check assertion per case would
     * cost more than the case */
    long cases = 0;
    for (int i = 0; i < 100000; i++) {
        stake_u256 st = U64(0), sh = U64(0);
        int bits = 1 + (int)(next_rand(&seed) % 128), hbits = 1 + (int)(next_rand(&seed) % 128);
        st.w[0] = next_rand(&seed);
        st.w[1] = bits > 64 ? next_rand(&seed) >> (128 - bits) : 0;
        if (bits < 64)
            st.w[0] >>= 64 - bits;
        sh.w[0] = next_rand(&seed);
        sh.w[1] = hbits > 64 ? next_rand(&seed) >> (128 - hbits) : 0;
        if (hbits < 64)
            sh.w[0] >>= 64 - hbits;
        if ((sh.w[0] | sh.w[1]) == 0)
            sh.w[0] = 1;
        stake_u256 rate;
        if (stake_u256_mul(&rate, &st, &e27) != STAKE_OK || stake_u256_div(&rate, &rate, &sh))
            ck_abort_msg("rate");
        stake_u256 cand[6];
        int nc = 0;
        cand[nc++] = rate;
        if (stake_u256_add(&cand[nc], &rate, &one) == STAKE_OK)
            nc++;
        if (stake_u256_sub(&cand[nc], &rate, &one) == STAKE_OK)
            nc++;
        cand[nc].w[0] = next_rand(&seed);
        cand[nc].w[1] = next_rand(&seed) >> (next_rand(&seed) % 64);
        cand[nc].w[2] = next_rand(&seed) % 4 ? 0 : next_rand(&seed);
        cand[nc++].w[3] = 0;
        cand[nc++] = maxv;
        cand[nc++] = zero;
        for (int k = 0; k < nc; k++) {
            int got = -1;
            if (stake__queue_above(&got, &st, &sh, &cand[k]) != STAKE_OK ||
                got != above_by_division(&st, &sh, &cand[k]))
                ck_abort_msg("case %d.%d: got %d", i, k, got);
            cases++;
        }
    }
    ck_assert_int_gt(cases, 500000);
    int got = 7;
    ck_assert_rc(stake__queue_above(&got, &one, &zero, &one), STAKE_EDIVZERO);
    ck_assert_int_eq(got, 7);
}
END_TEST

/* ---- allocation failures ------------------------------------------------------------------ */

/* Every allocation of fn failed in turn: STAKE_ENOMEM, nothing leaked,
 * then success once nothing fails. */
#define EVERY_ALLOCATION(setup, call, teardown) do {                              \
        if (!FM_AVAILABLE)                                                        \
            break;                                                                \
        for (long k = 1;; k++) {                                                  \
            setup;                                                                \
            fm_arm(k);                                                            \
            stake_rc rc_ = (call);                                                \
            long live_ = fm_live;                                                 \
            int reached_ = fm_count >= k;                                         \
            fm_disarm();                                                          \
            if (!reached_) {                                                      \
                ck_assert_rc(rc_, STAKE_OK);                                      \
                teardown;                                                         \
                break;                                                            \
            }                                                                     \
            ck_assert_msg(rc_ == STAKE_ENOMEM, "allocation %ld gave %s", k,       \
                          stake_errname(rc_));                                    \
            ck_assert_msg(live_ == 0, "allocation %ld leaked", k);                \
            teardown;                                                             \
        }                                                                         \
    } while (0)

START_TEST(enomem_new_and_clone)
{
    stake_queue_params p;
    ck_assert_rc(stake_queue_params_init(&p, STAKE_QUEUE_PARAMS_VERSION), STAKE_OK);
    stake_queue *q = NULL;
    EVERY_ALLOCATION(q = NULL, stake_queue_new(&q, &p), stake_queue_free(q));
    stake_queue *src = busy_queue(), *c = NULL;
    EVERY_ALLOCATION(c = NULL, stake_queue_clone(&c, src), stake_queue_free(c));
    stake_queue_free(src);
}
END_TEST

START_TEST(enomem_leaves_state_unchanged)
{
    if (!FM_AVAILABLE)
        return;
    /* the 16th checkpoint needs the array to grow */
    stake_queue *q = new_queue();
    for (int i = 0; i < 20; i++)
        enq(q, 1, "1" ETHER, "1" ETHER, 1);
    for (uint64_t id = 1; id <= 15; id++)
        fin(q, id, "1" ETHER, E27);
    stake_queue *before = snapshot_of(q);
    stake_u256 eth = U("1" ETHER), rate = U(E27);
    fm_arm(1);
    stake_rc rc = stake_queue_finalize(q, 16, &eth, &rate);
    fm_disarm();
    ck_assert_rc(rc, STAKE_ENOMEM);
    assert_same_queue(q, before);
    ck_assert_rc(stake_queue_finalize(q, 16, &eth, &rate), STAKE_OK);
    stake_queue_free(before);

    /* a full request array: enqueue, and a request with its token */
    while (q->last_request_id + 1 < q->req_cap)
        enq(q, 1, "1" ETHER, "1" ETHER, 1);
    before = snapshot_of(q);
    stake_address o = QA(1);
    uint64_t id = 777;
    fm_arm(1);
    rc = stake_queue_enqueue(&id, q, &o, &eth, &eth, 1);
    fm_disarm();
    ck_assert_rc(rc, STAKE_ENOMEM);
    ck_assert_uint_eq(id, 777);
    assert_same_queue(q, before);

    stake_steth_params sp;
    ck_assert_rc(stake_steth_params_init(&sp, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    stake_steth *t = NULL;
    ck_assert_rc(stake_steth_new(&t, &sp), STAKE_OK);
    stake_u256 v = U("10" ETHER), inf = U(MAX_U256_DEC), before_shares, after_shares;
    ck_assert_rc(stake_steth_submit(NULL, t, &o, &v), STAKE_OK);
    ck_assert_rc(stake_steth_approve(t, &o, &q->self, &inf), STAKE_OK);
    ck_assert_rc(stake_steth_shares_of(&before_shares, t, &o), STAKE_OK);
    fm_arm(1);
    rc = stake_queue_request(&id, q, t, &o, &eth, 1);
    fm_disarm();
    ck_assert_rc(rc, STAKE_ENOMEM);
    ck_assert_rc(stake_steth_shares_of(&after_shares, t, &o), STAKE_OK);
    ck_assert_u256_eq(after_shares, before_shares);
    assert_same_queue(q, before);
    ck_assert_rc(stake_queue_request(&id, q, t, &o, &eth, 1), STAKE_OK);
    stake_steth_free(t);
    stake_queue_free(before);

    /* a batch claim keeps its amounts aside before claiming anything */
    before = snapshot_of(q);
    uint64_t ids[2] = { 1, 2 }, hints[2] = { 1, 2 };
    stake_u256 paid[2] = { U64(7), U64(7) };
    size_t failed = 777;
    fm_arm(1);
    rc = stake_queue_claim_batch(paid, q, ids, hints, 2, &o, &failed);
    fm_disarm();
    ck_assert_rc(rc, STAKE_ENOMEM);
    ck_assert_uint_eq(failed, 777);
    ck_assert_u256_eq(paid[0], U64(7));
    assert_same_queue(q, before);
    ck_assert_rc(stake_queue_claim_batch(paid, q, ids, hints, 2, &o, &failed), STAKE_OK);
    ck_assert_u256_eq(paid[1], U("1" ETHER));
    ck_assert_rc(stake_queue_claim_batch(paid, q, ids, hints, SIZE_MAX, &o, &failed),
                 STAKE_ENOMEM);
    stake_queue_free(before);
    stake_queue_free(q);
}
END_TEST

/* ---- the snapshot encoding ------------------------------------------------------------------ */

static void encode(stake__writer *w, const stake_queue *q)
{
    stake__writer_init(w);
    ck_assert_rc(stake__queue_encode(q, w), STAKE_OK);
}

static stake_rc decode(stake_queue **out, const uint8_t *data, size_t len)
{
    stake__reader r;
    stake__reader_init(&r, data, len);
    stake_queue *q = NULL;
    stake_rc rc = stake__queue_decode(&q, &r);
    if (rc == STAKE_OK)
        rc = stake__reader_finish(&r);
    if (rc != STAKE_OK) {
        stake_queue_free(q);
        return rc;
    }
    *out = q;
    return STAKE_OK;
}

START_TEST(codec_round_trip)
{
    stake_queue *q = busy_queue(), *back = NULL;
    stake__writer w;
    encode(&w, q);
    ck_assert_uint_eq(w.len, 165 + 6 * 69 + 3 * 72);
    ck_assert_rc(decode(&back, w.data, w.len), STAKE_OK);
    assert_same_queue(q, back);
    ck_assert_int_eq(stake_queue_is_paused(back), 1);
    /* the claimed totals were rebuilt from the flags */
    stake_queue_dust a, b;
    for (uint64_t k = 1; k <= 3; k++) {
        ck_assert_rc(stake_queue_checkpoint_dust(&a, q, k), STAKE_OK);
        ck_assert_rc(stake_queue_checkpoint_dust(&b, back, k), STAKE_OK);
        ck_assert_u256_eq(a.claimed, b.claimed);
        ck_assert_u256_eq(a.dust, b.dust);
    }
    /* the decoded queue works and encodes identically */
    stake__writer w2;
    encode(&w2, back);
    ck_assert_uint_eq(w2.len, w.len);
    ck_assert(memcmp(w.data, w2.data, w.len) == 0);
    ck_assert_rc(stake_queue_resume(back), STAKE_OK);
    enq(back, 7, "1" ETHER, "1" ETHER, 40);
    fin(back, 7, "1" ETHER, E27);
    stake__writer_free(&w2);
    stake_queue_free(back);

    /* an empty queue */
    stake_queue *e = new_queue();
    stake__writer_free(&w);
    encode(&w, e);
    ck_assert_uint_eq(w.len, 165);
    ck_assert_rc(decode(&back, w.data, w.len), STAKE_OK);
    assert_same_queue(e, back);
    stake_queue_free(back);
    stake_queue_free(e);
    stake__writer_free(&w);
    stake_queue_free(q);
}
END_TEST

/* Offsets in the image of busy_queue(). */
#define HDR 165
#define REQ(id, field) (HDR + ((id) - 1) * 69 + (field))
#define CP(k, field) (HDR + 6 * 69 + ((k) - 1) * 72 + (field))

static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

START_TEST(codec_refuses_corruption)
{
    stake_queue *q = busy_queue(), *back = (stake_queue *)0x1;
    stake__writer w;
    encode(&w, q);
    uint8_t *img = malloc(w.len + 1);
    ck_assert_ptr_nonnull(img);
    /* every truncation, and a byte too many */
    for (size_t n = 0; n < w.len; n++)
        ck_assert_rc(decode(&back, w.data, n), STAKE_ECORRUPT);
    memcpy(img, w.data, w.len);
    img[w.len] = 0;
    ck_assert_rc(decode(&back, img, w.len + 1), STAKE_ECORRUPT);

    /* one field made impossible at a time (width 1 or 8 bytes) */
    struct { size_t at, width; uint64_t value; const char *what; } bad[] = {
        { 84, 1, 2, "paused flag" },
        { 85, 8, 0, "clock before the report" },
        { 85, 8, STAKE_QUEUE_TIMESTAMP_LIMIT, "clock past uint40" },
        { 93, 8, 30, "report timestamp not before the clock" },
        { 101, 8, 30, "bunker start not before the clock" },
        { 109, 8, 5, "last request id" },
        { 109, 8, (uint64_t)1 << 40, "a count the input cannot hold" },
        { 117, 8, 7, "last finalized past the last request" },
        { 117, 8, 4, "finalized, not matching the checkpoints" },
        { 125, 8, 2, "checkpoint count" },
        { 133, 8, 1, "locked ether" },
        { REQ(2, 0), 8, 0, "prefix sum going down" },
        { REQ(4, 16), 8, 0, "shares prefix sum going down" },
        { REQ(3, 0), 8, 0x1e87f85809dc0000ULL + 99, "amount below the minimum" },
        { REQ(1, 52), 8, 25, "timestamps out of order" },
        { REQ(6, 52), 8, 31, "timestamp past the clock" },
        { REQ(6, 52), 8, STAKE_QUEUE_TIMESTAMP_LIMIT, "timestamp past uint40" },
        { REQ(3, 60), 8, 21, "report not before the request" },
        { REQ(6, 68), 1, 1, "claimed but not finalized" },
        { REQ(2, 68), 1, 2, "claimed flag of 2" },
        { CP(1, 0), 8, 2, "first checkpoint not at 1" },
        { CP(3, 0), 8, 3, "checkpoints not increasing" },
        { CP(3, 0), 8, 6, "checkpoint past the finalized" },
        { CP(2, 40), 8, 0, "locked ether not matching the claims" },
        { CP(3, 40), 8, 101, "more locked than nominal" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memcpy(img, w.data, w.len);
        if (bad[i].width == 1)
            img[bad[i].at] = (uint8_t)bad[i].value;
        else
            put64(img + bad[i].at, bad[i].value);
        back = (stake_queue *)0x1;
        stake_rc rc = decode(&back, img, w.len);
        ck_assert_msg(rc == STAKE_ECORRUPT, "%s: %s", bad[i].what, stake_errname(rc));
        ck_assert_ptr_eq(back, (stake_queue *)0x1);
    }
    /* a zero owner, min above max, a zero queue address */
    memcpy(img, w.data, w.len);
    memset(img + REQ(3, 32), 0, 20);
    ck_assert_rc(decode(&back, img, w.len), STAKE_ECORRUPT);
    memcpy(img, w.data, w.len);
    img[20 + 31] = 0xff;
    ck_assert_rc(decode(&back, img, w.len), STAKE_ECORRUPT);
    memcpy(img, w.data, w.len);
    memset(img, 0, 20);
    ck_assert_rc(decode(&back, img, w.len), STAKE_ECORRUPT);

    /* Random byte flips: refused or valid, never anything else. */
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    int accepted = 0;
    for (int i = 0; i < 3000; i++) {
        memcpy(img, w.data, w.len);
        int flips = 1 + (int)(next_rand(&seed) % 3);
        for (int f = 0; f < flips; f++) {
            uint64_t r = next_rand(&seed);
            img[r % w.len] ^= (uint8_t)(1u << ((r >> 32) % 8));
        }
        back = NULL;
        stake_rc rc = decode(&back, img, w.len);
        ck_assert(rc == STAKE_OK || rc == STAKE_ECORRUPT);
        if (rc == STAKE_OK) {
            accepted++;
            ck_assert_rc(stake_queue_check(back), STAKE_OK);
            stake_queue_free(back);
        }
    }
    ck_assert_int_lt(accepted, 3000);
    free(img);
    stake__writer_free(&w);
    stake_queue_free(q);
}
END_TEST

START_TEST(codec_enomem)
{
    stake_queue *q = busy_queue(), *back = NULL;
    stake__writer w;
    encode(&w, q);
    EVERY_ALLOCATION(back = NULL, decode(&back, w.data, w.len), stake_queue_free(back));
    stake__writer w2;
    if (FM_AVAILABLE) {
        stake__writer_init(&w2);
        fm_arm(1);
        stake_rc rc = stake__queue_encode(q, &w2);
        fm_disarm();
        ck_assert_rc(rc, STAKE_ENOMEM);
        ck_assert_rc(w2.status, STAKE_ENOMEM);
        stake__writer_free(&w2);
    }
    stake__writer_free(&w);
    stake_queue_free(q);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("queue_internal");
    TCase *tc = tcase_create("report");
    tcase_add_test(tc, reserve_then_finalize_without_allocating);
    tcase_add_test(tc, check_finalize_is_a_dry_run);
    tcase_add_test(tc, above_matches_the_division);
    tcase_add_test(tc, mark_undoes_a_report);
    suite_add_tcase(s, tc);
    tc = tcase_create("memory");
    tcase_add_test(tc, enomem_new_and_clone);
    tcase_add_test(tc, enomem_leaves_state_unchanged);
    suite_add_tcase(s, tc);
    tc = tcase_create("codec");
    tcase_add_test(tc, codec_round_trip);
    tcase_add_test(tc, codec_refuses_corruption);
    tcase_add_test(tc, codec_enomem);
    suite_add_tcase(s, tc);
    return s;
}
