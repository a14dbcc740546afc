/*
 * Unit tests of stake/eigenlayer.h: EigenLayer's slashing arithmetic.
 * Expected values come from a Python model written from the contracts
 * (SlashingLib, DelegationManager, AllocationManager, EigenPodManager,
 * StrategyBase); the properties run a random delegation with deposits,
 * queued withdrawals and slashes and check the operator never owes more
 * than it holds.
 */
#include "testutil.h"
#include "proputil.h"

#define E18 "000000000000000000"
#define WAD_U U64(STAKE_EIGEN_WAD)

static int is_zero(const stake_u256 *v)
{
    return (v->w[0] | v->w[1] | v->w[2] | v->w[3]) == 0;
}

/* ---- stakers --------------------------------------------------------------------- */

START_TEST(slashing_factor)
{
    stake_u256 r = sentinel();
    ck_assert_rc(stake_eigen_slashing_factor(&r, 700000000000000000ULL, 999999999999999999ULL),
                 STAKE_OK);
    ck_assert_u256_eq(r, U("699999999999999999"));
    /* other strategies: l = WAD gives the magnitude itself */
    ck_assert_rc(stake_eigen_slashing_factor(&r, 123456789, STAKE_EIGEN_WAD), STAKE_OK);
    ck_assert_u256_eq(r, U64(123456789));
    /* tiny magnitudes round the factor to 0: fully slashed */
    ck_assert_rc(stake_eigen_slashing_factor(&r, 1, 1), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    ck_assert_rc(stake_eigen_slashing_factor(NULL, 1, 1), STAKE_EINVAL);
}
END_TEST

START_TEST(withdrawable_and_deposit_shares)
{
    stake_u256 r = sentinel(), s = U("1000" E18), zero = U64(0);
    s.w[0] += 7;
    stake_u256 sf = U("900000000000000003"), k = U("1234567890123456789"),
               sf2 = U("333333333333333333");
    /* stored k = 0 reads as WAD */
    ck_assert_rc(stake_eigen_withdrawable(&r, &s, &zero, &sf), STAKE_OK);
    ck_assert_u256_eq(r, U("900000000000000003006"));
    ck_assert_rc(stake_eigen_withdrawable(&r, &s, &k, &sf2), STAKE_OK);
    ck_assert_u256_eq(r, U("411522630041152262591"));
    stake_u256 w = U("900000000000006302");
    ck_assert_rc(stake_eigen_deposit_shares(&r, &w, &zero, &sf), STAKE_OK);
    ck_assert_u256_eq(r, U("1000000000000006998"));
    /* refusals, output untouched */
    stake_u256 big = U("0x8000000000000000000000000000000000000000000000000000000000000000");
    r = sentinel();
    ck_assert_rc(stake_eigen_withdrawable(&r, &big, &big, &sf), STAKE_EOVERFLOW);
    ck_assert_rc(stake_eigen_deposit_shares(&r, &w, &zero, &zero), STAKE_EDIVZERO);
    ck_assert_rc(stake_eigen_withdrawable(&r, NULL, &zero, &sf), STAKE_EINVAL);
    ck_assert_rc(stake_eigen_withdrawable(&r, &s, NULL, &sf), STAKE_EINVAL);
    ck_assert_rc(stake_eigen_deposit_shares(&r, &w, &zero, NULL), STAKE_EINVAL);
    ck_assert_u256_eq(r, sentinel());
}
END_TEST

START_TEST(scaling_factor_update)
{
    stake_u256 k = sentinel(), zero = U64(0);
    stake_u256 prev = U("1000" E18), added = U("500" E18), sf = U("900000000000000000");
    added.w[0] += 1;
    /* first deposit under a 10% slashed operator: k = WAD * WAD / sf */
    ck_assert_rc(stake_eigen_update_scaling_factor(&k, &zero, &zero, &prev, &sf), STAKE_OK);
    ck_assert_u256_eq(k, U("1111111111111111111"));
    /* a second deposit after a further slash keeps what was withdrawable */
    stake_u256 sf2 = U("600000000000000001"), k2 = sentinel();
    ck_assert_rc(stake_eigen_update_scaling_factor(&k2, &k, &prev, &added, &sf2), STAKE_OK);
    ck_assert_u256_eq(k2, U("1296296296296296294"));
    stake_u256 total, w;
    ck_assert_rc(stake_u256_add(&total, &prev, &added), STAKE_OK);
    ck_assert_rc(stake_eigen_withdrawable(&w, &total, &k2, &sf2), STAKE_OK);
    ck_assert_u256_eq(w, U("1166666666666666666545"));
    /* nothing added: unchanged, even a stored 0 */
    k2 = sentinel();
    ck_assert_rc(stake_eigen_update_scaling_factor(&k2, &zero, &prev, &zero, &sf), STAKE_OK);
    ck_assert_u256_eq(k2, zero);
    /* refusals: fully slashed first, then a factor that rounds to 0 */
    stake_u256 one = U64(1), huge = U("1" E18 "000000000000");
    k2 = sentinel();
    ck_assert_rc(stake_eigen_update_scaling_factor(&k2, &one, &prev, &zero, &zero),
                 STAKE_EFULLYSLASHED);
    ck_assert_rc(stake_eigen_update_scaling_factor(&k2, &one, &huge, &one, &one),
                 STAKE_EZEROSCALING);
    stake_u256 max = U(MAX_U256_DEC);
    ck_assert_rc(stake_eigen_update_scaling_factor(&k2, &one, &max, &one, &sf), STAKE_EOVERFLOW);
    ck_assert_rc(stake_eigen_update_scaling_factor(&k2, &one, &prev, &added, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_eigen_update_scaling_factor(NULL, &one, &prev, &added, &sf), STAKE_EINVAL);
    ck_assert_u256_eq(k2, sentinel());
}
END_TEST

/* ---- queued withdrawals ------------------------------------------------------------- */

START_TEST(queue_and_complete)
{
    stake_u256 w = sentinel(), scaled = sentinel();
    stake_u256 x = U("400" E18), k = U("2" E18), sf = U("500000000000000000");
    /* 400 deposit shares at k = 2 under a 50% slash: 400 withdrawable, 800 scaled */
    ck_assert_rc(stake_eigen_queue_withdrawal(&w, &scaled, &x, &k, &sf), STAKE_OK);
    ck_assert_u256_eq(w, U("400" E18));
    ck_assert_u256_eq(scaled, U("800" E18));
    stake_u256 only = sentinel();
    ck_assert_rc(stake_eigen_queue_withdrawal(NULL, &only, &x, &k, &sf), STAKE_OK);
    ck_assert_u256_eq(only, scaled);
    /* a slash during the delay (to 0.4) applies when completing */
    stake_u256 paid = sentinel(), sf_late = U("400000000000000000");
    ck_assert_rc(stake_eigen_complete_withdrawal(&paid, &scaled, &sf_late), STAKE_OK);
    ck_assert_u256_eq(paid, U("320" E18));
    stake_u256 tiny = U64(1);
    ck_assert_rc(stake_eigen_complete_withdrawal(&paid, &tiny, &sf_late), STAKE_OK);
    ck_assert_u256_eq(paid, U64(0));
    ck_assert_rc(stake_eigen_queue_withdrawal(NULL, NULL, &x, &k, &sf), STAKE_EINVAL);
    ck_assert_rc(stake_eigen_complete_withdrawal(&paid, NULL, &sf), STAKE_EINVAL);
}
END_TEST

/* ---- operators ---------------------------------------------------------------------- */

START_TEST(slash_operator)
{
    stake_eigen_allocation a;
    ck_assert_rc(stake_eigen_allocation_init(&a, STAKE_EIGEN_ALLOCATION_VERSION), STAKE_OK);
    ck_assert_uint_eq(a.max_magnitude, STAKE_EIGEN_WAD);
    ck_assert_uint_eq(a.current_magnitude, 0);
    a.current_magnitude = 500000000000000000ULL;
    a.max_magnitude = 800000000000000000ULL;
    a.encumbered_magnitude = 700000000000000000ULL;
    a.pending_deallocation = 100000000000000001ULL;
    stake_u256 third = U("333333333333333333");
    stake_eigen_slash s;
    ck_assert_rc(stake_eigen_slash_operator(&s, &a, &third), STAKE_OK);
    ck_assert_int_eq(s.skipped, 0);
    ck_assert_uint_eq(s.slashed_magnitude, 166666666666666667ULL);   /* rounded up */
    ck_assert_u256_eq(s.wad_slashed, U("208333333333333333"));
    ck_assert_uint_eq(s.after.current_magnitude, 333333333333333333ULL);
    ck_assert_uint_eq(s.after.max_magnitude, 633333333333333333ULL);
    ck_assert_uint_eq(s.after.encumbered_magnitude, 533333333333333333ULL);
    ck_assert_uint_eq(s.slashed_pending, 33333333333333334ULL);
    ck_assert_uint_eq(s.after.pending_deallocation, 66666666666666667ULL);
    ck_assert_uint_eq(s.prev_max_magnitude, 800000000000000000ULL);
    ck_assert_uint_eq(s.new_max_magnitude, 633333333333333333ULL);
    /* the smallest slash still takes a unit of magnitude */
    stake_eigen_allocation b;
    ck_assert_rc(stake_eigen_allocation_init(&b, STAKE_EIGEN_ALLOCATION_VERSION), STAKE_OK);
    b.current_magnitude = b.encumbered_magnitude = 1;
    stake_u256 one = U64(1);
    ck_assert_rc(stake_eigen_slash_operator(&s, &b, &one), STAKE_OK);
    ck_assert_uint_eq(s.slashed_magnitude, 1);
    ck_assert_uint_eq(s.after.current_magnitude, 0);
    ck_assert_uint_eq(s.after.max_magnitude, STAKE_EIGEN_WAD - 1);
    /* nothing allocated: skipped, unchanged */
    ck_assert_rc(stake_eigen_slash_operator(&s, &s.after, &one), STAKE_OK);
    ck_assert_int_eq(s.skipped, 1);
    ck_assert_uint_eq(s.slashed_magnitude, 0);
    ck_assert_uint_eq(s.after.max_magnitude, STAKE_EIGEN_WAD - 1);
    /* refusals, output untouched */
    stake_eigen_slash keep;
    memset(&keep, 0x5a, sizeof keep);
    s = keep;
    stake_u256 zero = U64(0), over = U("1000000000000000001"), wad = WAD_U;
    ck_assert_rc(stake_eigen_slash_operator(&s, &a, &zero), STAKE_EINVALIDSLASH);
    ck_assert_rc(stake_eigen_slash_operator(&s, &a, &over), STAKE_EINVALIDSLASH);
    stake_eigen_allocation bad = a;
    bad.encumbered_magnitude = 1;
    ck_assert_rc(stake_eigen_slash_operator(&s, &bad, &wad), STAKE_EUNDERFLOW);
    bad = a;
    bad.max_magnitude = 0;
    ck_assert_rc(stake_eigen_slash_operator(&s, &bad, &wad), STAKE_EDIVZERO);
    bad = a;
    bad.version = 99;
    ck_assert_rc(stake_eigen_slash_operator(&s, &bad, &wad), STAKE_EINVAL);
    ck_assert_rc(stake_eigen_slash_operator(&s, NULL, &wad), STAKE_EINVAL);
    ck_assert_rc(stake_eigen_allocation_init(&bad, 2), STAKE_EINVAL);
    ck_assert_mem_eq(&s, &keep, sizeof s);
    /* a full slash empties the allocation */
    ck_assert_rc(stake_eigen_slash_operator(&s, &a, &wad), STAKE_OK);
    ck_assert_uint_eq(s.after.current_magnitude, 0);
    ck_assert_uint_eq(s.after.pending_deallocation, 0);
    ck_assert_uint_eq(s.after.max_magnitude, 300000000000000000ULL);
}
END_TEST

START_TEST(slash_operator_shares)
{
    stake_u256 op = U("10000" E18), queued = U("3000" E18), slashed = sentinel(),
               burn = sentinel();
    op.w[0] += 13;
    queued.w[0] += 7;
    ck_assert_rc(stake_eigen_slash_operator_shares(&slashed, &burn, &op, &queued,
                                                   800000000000000000ULL, 633333333333333333ULL),
                 STAKE_OK);
    ck_assert_u256_eq(slashed, U("2083333333333333337502"));
    ck_assert_u256_eq(burn, U("2583333333333333338503"));
    /* the operator's remainder is rounded up: 1 share slashed by 1 unit of
     * magnitude stays 1 */
    stake_u256 one = U64(1), zero = U64(0), r = sentinel();
    ck_assert_rc(stake_eigen_slash_operator_shares(&r, NULL, &one, &zero, 1000, 999), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    ck_assert_rc(stake_eigen_slash_operator_shares(NULL, &r, &one, &zero, 1000, 0), STAKE_OK);
    ck_assert_u256_eq(r, U64(1));
    r = sentinel();
    ck_assert_rc(stake_eigen_slash_operator_shares(&r, NULL, &op, &queued, 0, 0), STAKE_EDIVZERO);
    ck_assert_rc(stake_eigen_slash_operator_shares(&r, NULL, &op, &queued, 5, 6),
                 STAKE_EUNDERFLOW);
    ck_assert_rc(stake_eigen_slash_operator_shares(NULL, NULL, &op, &queued, 5, 4), STAKE_EINVAL);
    ck_assert_rc(stake_eigen_slash_operator_shares(&r, NULL, &op, NULL, 5, 4), STAKE_EINVAL);
    ck_assert_u256_eq(r, sentinel());
}
END_TEST

/* ---- native ETH ---------------------------------------------------------------------- */

START_TEST(beacon_chain_slash)
{
    uint64_t l = 7, d = 7;
    stake_u256 prev = U("32" E18), dec_ = U("1000000000000000005");
    ck_assert_rc(stake_eigen_beacon_chain_slash(&l, &d, STAKE_EIGEN_WAD, &prev, &dec_), STAKE_OK);
    ck_assert_uint_eq(l, 968749999999999999ULL);
    ck_assert_uint_eq(d, 31250000000000001ULL);
    stake_u256 prev2 = U("64000000000000000001"), dec2 = U("31" E18);
    ck_assert_rc(stake_eigen_beacon_chain_slash(&l, NULL, 987654321987654321ULL, &prev2, &dec2),
                 STAKE_OK);
    ck_assert_uint_eq(l, 509259259774884259ULL);
    ck_assert_rc(stake_eigen_beacon_chain_slash(NULL, &d, 987654321987654321ULL, &prev2, &dec2),
                 STAKE_OK);
    ck_assert_uint_eq(d, 478395062212770062ULL);
    /* the operator's loss: withdrawable at m * decrease */
    stake_u256 factor, lost, shares = U("32" E18), zero = U64(0);
    ck_assert_rc(stake_eigen_slashing_factor(&factor, STAKE_EIGEN_WAD, 31250000000000001ULL),
                 STAKE_OK);
    ck_assert_rc(stake_eigen_withdrawable(&lost, &shares, &zero, &factor), STAKE_OK);
    ck_assert_u256_eq(lost, U("1000000000000000032"));
    /* refusals */
    l = d = 7;
    ck_assert_rc(stake_eigen_beacon_chain_slash(&l, &d, STAKE_EIGEN_WAD, &dec_, &prev),
                 STAKE_EUNDERFLOW);
    ck_assert_rc(stake_eigen_beacon_chain_slash(&l, &d, STAKE_EIGEN_WAD, &zero, &zero),
                 STAKE_EDIVZERO);
    ck_assert_rc(stake_eigen_beacon_chain_slash(NULL, NULL, STAKE_EIGEN_WAD, &prev, &dec_),
                 STAKE_EINVAL);
    ck_assert_rc(stake_eigen_beacon_chain_slash(&l, &d, STAKE_EIGEN_WAD, NULL, &dec_),
                 STAKE_EINVAL);
    ck_assert_uint_eq(l, 7);
    ck_assert_uint_eq(d, 7);
}
END_TEST

/* ---- strategies ----------------------------------------------------------------------- */

START_TEST(strategy)
{
    stake_u256 zero = U64(0), e18 = U("1" E18), n = sentinel(), t = sentinel();
    /* first deposit: the offsets cancel, 1:1 */
    ck_assert_rc(stake_eigen_strategy_deposit(&n, &t, &zero, &e18, &e18), STAKE_OK);
    ck_assert_u256_eq(n, e18);
    ck_assert_u256_eq(t, e18);
    stake_u256 total = U("1000000000000000007"), bal = U("2000000000000000003"),
               half = U("500000000000000000");
    ck_assert_rc(stake_eigen_strategy_deposit(&n, &t, &total, &bal, &half), STAKE_OK);
    ck_assert_u256_eq(n, U("333333333333333446"));
    ck_assert_u256_eq(t, U("1333333333333333453"));
    stake_u256 a = sentinel();
    ck_assert_rc(stake_eigen_strategy_withdraw(&a, &t, &total, &bal, &half), STAKE_OK);
    ck_assert_u256_eq(a, U("999999999999999494"));
    ck_assert_u256_eq(t, U("500000000000000007"));
    ck_assert_rc(stake_eigen_strategy_withdraw(&a, NULL, &total, &bal, &total), STAKE_OK);
    ck_assert_rc(stake_eigen_strategy_underlying_to_shares(&a, &total, &bal, &e18), STAKE_OK);
    ck_assert_u256_eq(a, U("500000000000000252"));
    ck_assert_rc(stake_eigen_strategy_shares_to_underlying(&a, &total, &bal, &e18), STAKE_OK);
    ck_assert_u256_eq(a, U("1999999999999998989"));
    /* refusals, outputs untouched */
    stake_u256 one = U64(1), max = U(MAX_U256_DEC), cap = U("99999999999999999999999999999999999999");
    stake_u256 big_bal = U("1" E18 E18 E18);
    n = t = sentinel();
    /* 1 wei against a large balance mints nothing */
    ck_assert_rc(stake_eigen_strategy_deposit(&n, &t, &e18, &big_bal, &one), STAKE_EZEROSHARES);
    /* more than the balance holds */
    ck_assert_rc(stake_eigen_strategy_deposit(&n, &t, &zero, &zero, &e18), STAKE_EUNDERFLOW);
    /* the whole virtual balance: division by zero */
    stake_u256 thousand = U64(1000);
    ck_assert_rc(stake_eigen_strategy_deposit(&n, &t, &zero, &zero, &thousand), STAKE_EDIVZERO);
    /* the checked product overflows where a mulDiv would not */
    stake_u256 big = U("0x10000000000000000000000000000000000000000000000000000000000");
    ck_assert_rc(stake_eigen_strategy_deposit(&n, &t, &big, &big, &big), STAKE_EOVERFLOW);
    ck_assert_rc(stake_eigen_strategy_deposit(&n, &t, &cap, &e18, &e18), STAKE_EEXCEEDSMAX);
    ck_assert_rc(stake_eigen_strategy_deposit(&n, &t, &max, &e18, &e18), STAKE_EOVERFLOW);
    ck_assert_rc(stake_eigen_strategy_withdraw(&n, &t, &half, &bal, &e18), STAKE_EBALANCE);
    ck_assert_rc(stake_eigen_strategy_withdraw(&n, &t, &big, &big, &big), STAKE_EOVERFLOW);
    /* deposit() and withdraw() emit 1e18 * virtual balance / virtual
     * shares, a checked product: a virtual balance above
     * (2^256 - 1) / 1e18 is refused, one at it is not. */
    stake_u256 rate_edge = U("115792089237316195423570985008687907853269984665640564038457");
    stake_u256 rate_over = U("115792089237316195423570985008687907853269984665640564038458");
    stake_u256 near_cap = U("99999999999999999999999999999999999998");
    stake_u256 tiny = U("1157920892373161954236");
    ck_assert_rc(stake_eigen_strategy_withdraw(&a, &t, &zero, &rate_edge, &zero), STAKE_OK);
    ck_assert_u256_eq(a, zero);
    ck_assert_rc(stake_eigen_strategy_deposit(&a, &t, &near_cap, &rate_edge, &tiny), STAKE_OK);
    ck_assert_u256_eq(a, one);
    ck_assert_u256_eq(t, cap);
    n = t = sentinel();
    ck_assert_rc(stake_eigen_strategy_withdraw(&n, &t, &zero, &rate_over, &zero), STAKE_EOVERFLOW);
    ck_assert_rc(stake_eigen_strategy_deposit(&n, &t, &near_cap, &rate_over, &tiny),
                 STAKE_EOVERFLOW);
    /* the rate is taken after the payout: withdrawing enough brings it back */
    stake_u256 all = U("1000");
    ck_assert_rc(stake_eigen_strategy_withdraw(&a, NULL, &all, &rate_over, &all), STAKE_OK);
    ck_assert_rc(stake_eigen_strategy_deposit(NULL, &t, &zero, &e18, &e18), STAKE_EINVAL);
    ck_assert_rc(stake_eigen_strategy_withdraw(&n, &t, NULL, &e18, &e18), STAKE_EINVAL);
    ck_assert_rc(stake_eigen_strategy_shares_to_underlying(&n, &zero, &max, &one), STAKE_EOVERFLOW);
    ck_assert_rc(stake_eigen_strategy_underlying_to_shares(&n, &zero, &e18, NULL), STAKE_EINVAL);
    ck_assert_u256_eq(n, sentinel());
    ck_assert_u256_eq(t, sentinel());
}
END_TEST

/* ---- properties ------------------------------------------------------------------------ */

#define STAKERS 6

/* A delegation run as the contracts run it: deposits update k, queued
 * withdrawals take withdrawable shares off the operator, slashes cut the
 * operator's shares rounded up. What stakers can withdraw never exceeds
 * what the operator holds for them, slashes never raise a staker's
 * withdrawable shares, and a withdrawal queued before a slash pays
 * according to the magnitude at completion. */
START_TEST(delegation_properties)
{
    uint64_t seed = 0xe16e41a7e12ULL + (uint64_t)_i;
    stake_u256 s[STAKERS], k[STAKERS], op = U64(0), zero = U64(0);
    for (int i = 0; i < STAKERS; i++)
        s[i] = k[i] = zero;
    stake_eigen_allocation alloc;
    ck_assert_rc(stake_eigen_allocation_init(&alloc, STAKE_EIGEN_ALLOCATION_VERSION), STAKE_OK);
    alloc.current_magnitude = alloc.encumbered_magnitude = STAKE_EIGEN_WAD;
    int slashes = 0;
    for (int step = 0; step < 3000 && alloc.max_magnitude > 1000; step++) {
        uint64_t m = alloc.max_magnitude;
        stake_u256 sf = U64(m);
        int who = (int)prop_below(&seed, STAKERS);
        uint64_t kind = prop_below(&seed, 100);
        if (kind < 50) {
            stake_u256 added = prop_bits(&seed, 40 + (unsigned)prop_below(&seed, 40));
            stake_u256 before = zero, after;
            if (!is_zero(&s[who]))
                ck_assert_rc(stake_eigen_withdrawable(&before, &s[who], &k[who], &sf), STAKE_OK);
            stake_u256 nk;
            stake_rc rc = stake_eigen_update_scaling_factor(&nk, &k[who], &s[who], &added, &sf);
            if (rc == STAKE_EZEROSCALING)
                continue;
            ck_assert_rc(rc, STAKE_OK);
            k[who] = nk;
            ck_assert_rc(stake_u256_add(&s[who], &s[who], &added), STAKE_OK);
            ck_assert_rc(stake_u256_add(&op, &op, &added), STAKE_OK);
            /* never more than what was there plus what was added */
            ck_assert_rc(stake_eigen_withdrawable(&after, &s[who], &k[who], &sf), STAKE_OK);
            stake_u256 bound;
            ck_assert_rc(stake_u256_add(&bound, &before, &added), STAKE_OK);
            ck_assert(stake_u256_cmp(&after, &bound) <= 0);
        } else if (kind < 80) {
            if (is_zero(&s[who]))
                continue;
            stake_u256 x = prop_upto(&seed, &s[who]), w, scaled, paid;
            ck_assert_rc(stake_eigen_queue_withdrawal(&w, &scaled, &x, &k[who], &sf), STAKE_OK);
            ck_assert_rc(stake_u256_sub(&op, &op, &w), STAKE_OK);
            ck_assert_rc(stake_u256_sub(&s[who], &s[who], &x), STAKE_OK);
            if (is_zero(&s[who]))
                k[who] = zero;
            /* completed with no slash in between: exactly the withdrawable */
            ck_assert_rc(stake_eigen_complete_withdrawal(&paid, &scaled, &sf), STAKE_OK);
            ck_assert_u256_eq(paid, w);
        } else {
            stake_u256 wad = U64(1 + prop_below(&seed, STAKE_EIGEN_WAD / 4));
            stake_eigen_slash sl;
            stake_u256 w_before[STAKERS];
            for (int i = 0; i < STAKERS; i++)
                ck_assert_rc(stake_eigen_withdrawable(&w_before[i], &s[i], &k[i], &sf), STAKE_OK);
            ck_assert_rc(stake_eigen_slash_operator(&sl, &alloc, &wad), STAKE_OK);
            ck_assert(sl.slashed_magnitude > 0);
            stake_u256 cut;
            ck_assert_rc(stake_eigen_slash_operator_shares(&cut, NULL, &op, &zero,
                                                           sl.prev_max_magnitude,
                                                           sl.new_max_magnitude), STAKE_OK);
            ck_assert_rc(stake_u256_sub(&op, &op, &cut), STAKE_OK);
            alloc = sl.after;
            stake_u256 nsf = U64(alloc.max_magnitude);
            for (int i = 0; i < STAKERS; i++) {
                stake_u256 w_after;
                ck_assert_rc(stake_eigen_withdrawable(&w_after, &s[i], &k[i], &nsf), STAKE_OK);
                ck_assert(stake_u256_cmp(&w_after, &w_before[i]) <= 0);
            }
            slashes++;
        }
        /* the operator holds at least what its stakers can withdraw */
        stake_u256 sum = zero, nsf = U64(alloc.max_magnitude);
        for (int i = 0; i < STAKERS; i++) {
            stake_u256 w;
            ck_assert_rc(stake_eigen_withdrawable(&w, &s[i], &k[i], &nsf), STAKE_OK);
            ck_assert_rc(stake_u256_add(&sum, &sum, &w), STAKE_OK);
        }
        ck_assert_msg(stake_u256_cmp(&sum, &op) <= 0, "step %d: stakers' withdrawable above the "
                      "operator's shares", step);
    }
    ck_assert_int_gt(slashes, 0);
}
END_TEST

/* Strategy round trips never pay out more than was deposited. */
START_TEST(strategy_properties)
{
    uint64_t seed = 0x57a7e6feULL;
    for (int i = 0; i < 20000; i++) {
        stake_u256 total = prop_bits(&seed, 1 + (unsigned)prop_below(&seed, 100));
        stake_u256 bal = prop_bits(&seed, 1 + (unsigned)prop_below(&seed, 100));
        stake_u256 amount = prop_upto(&seed, &bal);
        stake_u256 minted, t2, back, t3;
        stake_rc rc = stake_eigen_strategy_deposit(&minted, &t2, &total, &bal, &amount);
        if (rc != STAKE_OK) {
            ck_assert(rc == STAKE_EZEROSHARES || rc == STAKE_EEXCEEDSMAX);
            continue;
        }
        ck_assert_rc(stake_eigen_strategy_withdraw(&back, &t3, &t2, &bal, &minted), STAKE_OK);
        ck_assert(stake_u256_cmp(&back, &amount) <= 0);
        ck_assert(stake_u256_cmp(&t3, &total) == 0);
    }
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("risk_eigenlayer");
    TCase *tc = tcase_create("stakers");
    tcase_add_test(tc, slashing_factor);
    tcase_add_test(tc, withdrawable_and_deposit_shares);
    tcase_add_test(tc, scaling_factor_update);
    tcase_add_test(tc, queue_and_complete);
    suite_add_tcase(s, tc);

    tc = tcase_create("operators");
    tcase_add_test(tc, slash_operator);
    tcase_add_test(tc, slash_operator_shares);
    tcase_add_test(tc, beacon_chain_slash);
    suite_add_tcase(s, tc);

    tc = tcase_create("strategies");
    tcase_add_test(tc, strategy);
    suite_add_tcase(s, tc);

    tc = tcase_create("properties");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, delegation_properties, 0, 8);
    tcase_add_test(tc, strategy_properties);
    suite_add_tcase(s, tc);
    return s;
}
