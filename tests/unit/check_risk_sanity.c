/*
 * Unit tests of Lido's oracle-report sanity checks (stake/risk.h, part 1):
 * the limits, every check at its limit and one unit beyond, the
 * negative-rebase window with and without a second opinion, the history
 * helpers and the contract's order of checks. Expected values were computed
 * independently with Python integers from OracleReportSanityChecker.sol.
 */
#include "testutil.h"

#define E18 "000000000000000000"
#define DAY 86400ULL

static stake_lido_limits mainnet(void)
{
    stake_lido_limits l;
    ck_assert_rc(stake_lido_limits_init(&l, STAKE_LIDO_LIMITS_VERSION), STAKE_OK);
    return l;
}

/* ---- limits -------------------------------------------------------------- */

START_TEST(limits_defaults)
{
    stake_lido_limits l = mainnet();
    ck_assert_uint_eq(l.exited_validators_per_day_limit, 3600);
    ck_assert_uint_eq(l.appeared_validators_per_day_limit, 1800);
    ck_assert_uint_eq(l.annual_balance_increase_bp_limit, 1000);
    ck_assert_uint_eq(l.simulated_share_rate_deviation_bp_limit, 50);
    ck_assert_uint_eq(l.max_validator_exit_requests_per_report, 600);
    ck_assert_uint_eq(l.max_items_per_extra_data_transaction, 8);
    ck_assert_uint_eq(l.max_node_operators_per_extra_data_item, 24);
    ck_assert_uint_eq(l.request_timestamp_margin, 7680);
    ck_assert_uint_eq(l.max_positive_token_rebase, 750000);
    ck_assert_uint_eq(l.initial_slashing_amount_pwei, 8);
    ck_assert_uint_eq(l.inactivity_penalties_amount_pwei, 101);
    ck_assert_uint_eq(l.cl_balance_oracles_error_upper_bp_limit, 50);
    ck_assert_rc(stake_lido_limits_validate(&l), STAKE_OK);
    ck_assert_rc(stake_lido_limits_init(&l, 2), STAKE_EINVAL);
    ck_assert_rc(stake_lido_limits_init(NULL, STAKE_LIDO_LIMITS_VERSION), STAKE_EINVAL);
    ck_assert_rc(stake_lido_limits_validate(NULL), STAKE_EINVAL);
    l.version = 0;
    ck_assert_rc(stake_lido_limits_validate(&l), STAKE_EINVAL);
}
END_TEST

/* Every limit exactly at its setter's bound is valid, one beyond is not. */
START_TEST(limits_bounds)
{
    struct { size_t offset; uint64_t max; } fields[] = {
        { offsetof(stake_lido_limits, exited_validators_per_day_limit), 65535 },
        { offsetof(stake_lido_limits, appeared_validators_per_day_limit), 65535 },
        { offsetof(stake_lido_limits, annual_balance_increase_bp_limit), 10000 },
        { offsetof(stake_lido_limits, simulated_share_rate_deviation_bp_limit), 10000 },
        { offsetof(stake_lido_limits, max_validator_exit_requests_per_report), 65535 },
        { offsetof(stake_lido_limits, max_items_per_extra_data_transaction), 65535 },
        { offsetof(stake_lido_limits, max_node_operators_per_extra_data_item), 65535 },
        { offsetof(stake_lido_limits, request_timestamp_margin), 4294967295ULL },
        { offsetof(stake_lido_limits, initial_slashing_amount_pwei), 65535 },
        { offsetof(stake_lido_limits, inactivity_penalties_amount_pwei), 65535 },
        { offsetof(stake_lido_limits, cl_balance_oracles_error_upper_bp_limit), 10000 },
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        stake_lido_limits l = mainnet();
        uint64_t *f = (uint64_t *)((char *)&l + fields[i].offset);
        *f = fields[i].max;
        ck_assert_rc(stake_lido_limits_validate(&l), STAKE_OK);
        *f = fields[i].max + 1;
        ck_assert_rc(stake_lido_limits_validate(&l), STAKE_EINVAL);
        /* and a check refuses such limits before looking at anything */
        ck_assert_rc(stake_lido_check_request_timestamp(&l, 0, 1000000), STAKE_EINVAL);
        *f = 0;
        ck_assert_rc(stake_lido_limits_validate(&l), STAKE_OK);
    }
    /* The rebase limit takes every 64-bit value, 0 ("not set") included. */
    stake_lido_limits l = mainnet();
    l.max_positive_token_rebase = 0;
    ck_assert_rc(stake_lido_limits_validate(&l), STAKE_OK);
    l.max_positive_token_rebase = UINT64_MAX;
    ck_assert_rc(stake_lido_limits_validate(&l), STAKE_OK);
}
END_TEST

/* ---- simple checks -------------------------------------------------------- */

START_TEST(vault_balances)
{
    stake_u256 wv = U("250" E18), el = U("17" E18), wv1 = U("250000000000000000001"),
               el1 = U("17000000000000000001");
    ck_assert_rc(stake_lido_check_vault_balances(&wv, &wv, &el, &el), STAKE_OK);
    ck_assert_rc(stake_lido_check_vault_balances(&wv1, &wv, &el1, &el), STAKE_OK);
    ck_assert_rc(stake_lido_check_vault_balances(&wv, &wv1, &el, &el), STAKE_EVAULTBALANCE);
    ck_assert_rc(stake_lido_check_vault_balances(&wv, &wv, &el, &el1), STAKE_EVAULTBALANCE);
    ck_assert_rc(stake_lido_check_vault_balances(NULL, &wv, &el, &el), STAKE_EINVAL);
    ck_assert_rc(stake_lido_check_vault_balances(&wv, &wv, &el, NULL), STAKE_EINVAL);
}
END_TEST

START_TEST(burn_request)
{
    stake_u256 cover = U("1000"), non_cover = U("234"), req = U("1234"), over = U("1235");
    ck_assert_rc(stake_lido_check_burn_request(&req, &cover, &non_cover), STAKE_OK);
    ck_assert_rc(stake_lido_check_burn_request(&over, &cover, &non_cover), STAKE_EBURNREQUEST);
    stake_u256 zero = U64(0), max = U(MAX_U256_DEC), one = U64(1);
    ck_assert_rc(stake_lido_check_burn_request(&zero, &zero, &zero), STAKE_OK);
    /* cover + nonCover is checked arithmetic in the contract */
    ck_assert_rc(stake_lido_check_burn_request(&zero, &max, &one), STAKE_EOVERFLOW);
    ck_assert_rc(stake_lido_check_burn_request(&max, &max, &zero), STAKE_OK);
    ck_assert_rc(stake_lido_check_burn_request(NULL, &cover, &non_cover), STAKE_EINVAL);
}
END_TEST

START_TEST(annual_increase)
{
    stake_lido_limits l = mainnet();
    /* pre = 9e24 + 123456789, one day: the largest increase that rounds to
     * 1000 bp/year, then one wei more (1001). */
    stake_u256 pre = U("9000000000000000123456789");
    stake_u256 at = U("9002468219178082315271468"), beyond = U("9002468219178082315271469");
    ck_assert_rc(stake_lido_check_annual_increase(&l, &pre, &at, 86400), STAKE_OK);
    ck_assert_rc(stake_lido_check_annual_increase(&l, &pre, &beyond, 86400), STAKE_EAPRLIMIT);
    /* a decrease or no change is not this check's business */
    ck_assert_rc(stake_lido_check_annual_increase(&l, &beyond, &pre, 86400), STAKE_OK);
    ck_assert_rc(stake_lido_check_annual_increase(&l, &pre, &pre, 0), STAKE_OK);
    /* zero principal counts as 1 gwei and zero time as one hour: 1 gwei +
     * 11426 wei is 1000 bp/year, + 11427 is 1001 */
    stake_u256 zero = U64(0), g = U("1000000000"), g1 = U("1000011426"), g2 = U("1000011427");
    ck_assert_rc(stake_lido_check_annual_increase(&l, &zero, &g, 0), STAKE_OK);
    ck_assert_rc(stake_lido_check_annual_increase(&l, &zero, &g1, 0), STAKE_OK);
    ck_assert_rc(stake_lido_check_annual_increase(&l, &zero, &g2, 0), STAKE_EAPRLIMIT);
    /* 365 days * 1e4 * increase overflows like the contract */
    stake_u256 huge = U(MAX_U256_DEC), one = U64(1);
    ck_assert_rc(stake_lido_check_annual_increase(&l, &one, &huge, 86400), STAKE_EOVERFLOW);
    ck_assert_rc(stake_lido_check_annual_increase(&l, NULL, &huge, 86400), STAKE_EINVAL);
    ck_assert_rc(stake_lido_check_annual_increase(NULL, &one, &huge, 86400), STAKE_EINVAL);
    /* a limit of 10000 bp lets 100%/year through */
    l.annual_balance_increase_bp_limit = 10000;
    ck_assert_rc(stake_lido_check_annual_increase(&l, &pre, &beyond, 86400), STAKE_OK);
}
END_TEST

START_TEST(appeared_validators)
{
    stake_lido_limits l = mainnet();
    ck_assert_rc(stake_lido_check_appeared_validators(&l, 1000, 2800, DAY), STAKE_OK);
    ck_assert_rc(stake_lido_check_appeared_validators(&l, 1000, 2801, DAY), STAKE_EAPPEARED);
    /* zero time is one hour: floor(1800 * 3600 / 86400) = 75 */
    ck_assert_rc(stake_lido_check_appeared_validators(&l, 0, 75, 0), STAKE_OK);
    ck_assert_rc(stake_lido_check_appeared_validators(&l, 0, 76, 0), STAKE_EAPPEARED);
    /* one second allows floor(1800 / 86400) = 0 */
    ck_assert_rc(stake_lido_check_appeared_validators(&l, 5, 6, 1), STAKE_EAPPEARED);
    /* only a growing count is checked */
    ck_assert_rc(stake_lido_check_appeared_validators(&l, 9000, 10, 1), STAKE_OK);
    ck_assert_rc(stake_lido_check_appeared_validators(&l, 10, 10, 1), STAKE_OK);
    /* no overflow with a huge time: 1800 * 2^44 per 2^44 days */
    ck_assert_rc(stake_lido_check_appeared_validators(&l, 0, 1800ULL << 44, DAY << 44),
                 STAKE_OK);
    ck_assert_rc(stake_lido_check_appeared_validators(&l, 0, (1800ULL << 44) + 1, DAY << 44),
                 STAKE_EAPPEARED);
    ck_assert_rc(stake_lido_check_appeared_validators(&l, 0, UINT64_MAX, UINT64_MAX),
                 STAKE_EAPPEARED);
    ck_assert_rc(stake_lido_check_appeared_validators(NULL, 0, 1, 1), STAKE_EINVAL);
}
END_TEST

START_TEST(exited_validators)
{
    stake_lido_limits l = mainnet();
    ck_assert_rc(stake_lido_check_exited_validators(&l, 3600, DAY), STAKE_OK);
    ck_assert_rc(stake_lido_check_exited_validators(&l, 3601, DAY), STAKE_EEXITED);
    /* the rate is floored: 3600 * 86400 / 86399 = 3600.04 */
    ck_assert_rc(stake_lido_check_exited_validators(&l, 3600, DAY - 1), STAKE_OK);
    /* 150 per hour is 3600 per day; 151 is 3624 */
    ck_assert_rc(stake_lido_check_exited_validators(&l, 150, 3600), STAKE_OK);
    ck_assert_rc(stake_lido_check_exited_validators(&l, 151, 3600), STAKE_EEXITED);
    ck_assert_rc(stake_lido_check_exited_validators(&l, 0, 12), STAKE_OK);
    /* no default for a zero time: the AccountingOracle divides by it */
    ck_assert_rc(stake_lido_check_exited_validators(&l, 0, 0), STAKE_EDIVZERO);
    ck_assert_rc(stake_lido_check_exited_validators(&l, UINT64_MAX, UINT64_MAX), STAKE_EEXITED);
    ck_assert_rc(stake_lido_check_exited_validators(NULL, 0, 1), STAKE_EINVAL);
}
END_TEST

START_TEST(request_timestamp)
{
    stake_lido_limits l = mainnet();
    ck_assert_rc(stake_lido_check_request_timestamp(&l, 1700000000, 1700007680), STAKE_OK);
    ck_assert_rc(stake_lido_check_request_timestamp(&l, 1700000000, 1700007679),
                 STAKE_EREQUESTTOORECENT);
    ck_assert_rc(stake_lido_check_request_timestamp(&l, 1700000001, 1700000000),
                 STAKE_EREQUESTTOORECENT);
    /* near 2^64: request + margin would not fit in 64 bits */
    ck_assert_rc(stake_lido_check_request_timestamp(&l, UINT64_MAX - 100, UINT64_MAX),
                 STAKE_EREQUESTTOORECENT);
    ck_assert_rc(stake_lido_check_request_timestamp(&l, UINT64_MAX - 7680, UINT64_MAX), STAKE_OK);
    l.request_timestamp_margin = 0;
    ck_assert_rc(stake_lido_check_request_timestamp(&l, 5, 5), STAKE_OK);
    ck_assert_rc(stake_lido_check_request_timestamp(NULL, 5, 5), STAKE_EINVAL);
}
END_TEST

START_TEST(share_rate)
{
    stake_lido_limits l = mainnet();
    stake_u256 pe = U("9300000000000000000000777"), ps = U("8086956521739130434782608"),
               ef = U("12345000000000000000009"), sb = U("10700000000000000000003");
    /* actual = 1150004939700750780821815957 (1e27 precision); 50 bp on
     * either side passes, one more unit of rate is 51 bp */
    stake_u256 hi = U("1155869964893224609804007218"), hi1 = U("1155869964893224609804007219");
    stake_u256 lo = U("1144139914508276951839624696"), lo1 = U("1144139914508276951839624695");
    stake_u256 exact = U("1150004939700750780821815957");
    ck_assert_rc(stake_lido_check_share_rate(&l, &pe, &ps, &ef, &sb, &exact), STAKE_OK);
    ck_assert_rc(stake_lido_check_share_rate(&l, &pe, &ps, &ef, &sb, &hi), STAKE_OK);
    ck_assert_rc(stake_lido_check_share_rate(&l, &pe, &ps, &ef, &sb, &hi1), STAKE_ESHARERATE);
    ck_assert_rc(stake_lido_check_share_rate(&l, &pe, &ps, &ef, &sb, &lo), STAKE_OK);
    ck_assert_rc(stake_lido_check_share_rate(&l, &pe, &ps, &ef, &sb, &lo1), STAKE_ESHARERATE);
    /* the withdrawals are added back: without them the actual rate is
     * 1150000000000000000000096179 and the same simulated rate is 51 bp off */
    stake_u256 zero = U64(0);
    ck_assert_rc(stake_lido_check_share_rate(&l, &pe, &ps, &zero, &zero, &exact), STAKE_OK);
    ck_assert_rc(stake_lido_check_share_rate(&l, &pe, &ps, &zero, &zero, &hi), STAKE_ESHARERATE);
    /* ActualShareRateIsZero, division by zero, overflow */
    stake_u256 tiny = U64(1), many = U("2000000000000000000000000000");
    ck_assert_rc(stake_lido_check_share_rate(&l, &tiny, &many, &zero, &zero, &zero),
                 STAKE_ESHARERATE);
    ck_assert_rc(stake_lido_check_share_rate(&l, &pe, &zero, &ef, &zero, &exact), STAKE_EDIVZERO);
    stake_u256 max = U(MAX_U256_DEC);
    ck_assert_rc(stake_lido_check_share_rate(&l, &max, &ps, &zero, &zero, &exact),
                 STAKE_EOVERFLOW);
    ck_assert_rc(stake_lido_check_share_rate(&l, &max, &ps, &tiny, &zero, &exact),
                 STAKE_EOVERFLOW);
    ck_assert_rc(stake_lido_check_share_rate(&l, &pe, &ps, &ef, &sb, NULL), STAKE_EINVAL);
}
END_TEST

/* ---- the negative-rebase window ------------------------------------------------- */

#define T0 1700000000ULL

/* A history around T0: exited 100 at exactly T0 - 18 days (excluded from
 * the sum, counted as "exited at"), 40 at exactly T0 - 54 days, and two
 * rebases of 0.3 and 0.2 ether inside the window. The allowance for 1000
 * validators is 8e15 * 900 + 101e15 * 960 = 104.16 ether. */
static size_t history(stake_lido_report_record h[6])
{
    static const struct { uint64_t ago; uint64_t exited; const char *neg; } r[6] = {
        { 60 * DAY, 30, "0" },
        { 54 * DAY, 40, "5" E18 },
        { 30 * DAY, 70, "1" E18 },
        { 18 * DAY, 100, "2" E18 },
        { 18 * DAY - 1, 110, "300000000000000000" },
        { 1 * DAY, 120, "200000000000000000" },
    };
    for (size_t i = 0; i < 6; i++) {
        h[i].timestamp = T0 - r[i].ago;
        h[i].total_exited_validators = r[i].exited;
        h[i].negative_cl_rebase = U(r[i].neg);
    }
    return 6;
}

static stake_lido_accounting_report report_at(const char *pre_cl)
{
    stake_lido_accounting_report r;
    ck_assert_rc(stake_lido_accounting_report_init(&r, STAKE_LIDO_ACCOUNTING_REPORT_VERSION),
                 STAKE_OK);
    r.report_timestamp = T0;
    r.time_elapsed = DAY;
    r.total_exited_validators = 130;
    r.pre_cl_validators = 1000;
    r.post_cl_validators = 1000;
    r.pre_cl_balance = U(pre_cl);
    r.post_cl_balance = U("31000000000000000000007");
    r.withdrawal_vault_balance = U("250" E18);
    r.actual_withdrawal_vault_balance = r.withdrawal_vault_balance;
    return r;
}

/* preCL - (postCL + WV) = 103.66 ether: with the window's 0.5 it sums to
 * exactly the allowance. */
#define PRE_AT "31353660000000000000007"
#define PRE_BEYOND "31353660000000000000008"

static stake_lido_negative_rebase sentinel_rebase(void)
{
    stake_lido_negative_rebase s;
    s.verdict = (stake_lido_rebase_verdict)77;
    s.record.timestamp = 0x5e5e;
    s.record.total_exited_validators = 0x5e5e;
    s.record.negative_cl_rebase = sentinel();
    s.window_sum = sentinel();
    s.max_allowed = sentinel();
    return s;
}

/* Field by field: struct assignment need not copy padding. */
static int untouched(const stake_lido_negative_rebase *r)
{
    stake_u256 s = sentinel();
    return r->verdict == (stake_lido_rebase_verdict)77 && r->record.timestamp == 0x5e5e &&
           r->record.total_exited_validators == 0x5e5e &&
           stake_u256_cmp(&r->record.negative_cl_rebase, &s) == 0 &&
           stake_u256_cmp(&r->window_sum, &s) == 0 && stake_u256_cmp(&r->max_allowed, &s) == 0;
}

START_TEST(negative_rebase_window)
{
    stake_lido_limits l = mainnet();
    stake_lido_report_record h[6];
    size_t n = history(h);
    stake_lido_accounting_report rep = report_at(PRE_AT);
    stake_lido_negative_rebase out = sentinel_rebase();
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL), STAKE_OK);
    ck_assert_int_eq(out.verdict, STAKE_LIDO_REBASE_ACCEPTED);
    ck_assert_uint_eq(out.record.timestamp, T0);
    ck_assert_uint_eq(out.record.total_exited_validators, 130);
    ck_assert_u256_eq(out.record.negative_cl_rebase, U("103660000000000000000"));
    ck_assert_u256_eq(out.window_sum, U("104160000000000000000"));
    ck_assert_u256_eq(out.max_allowed, U("104160000000000000000"));
    /* one wei more is refused, and the output stays untouched */
    rep = report_at(PRE_BEYOND);
    out = sentinel_rebase();
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL),
                 STAKE_ENEGATIVEREBASE);
    ck_assert(untouched(&out));
    /* the same wei is allowed if one less validator had exited 18 days ago */
    h[3].total_exited_validators = 99;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL), STAKE_OK);
    ck_assert_u256_eq(out.max_allowed, U("104168000000000000000"));
    h[3].total_exited_validators = 100;
    /* a record one second inside the window counts; moving it to the
     * boundary takes it out of the sum */
    h[4].timestamp = T0 - 18 * DAY;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL), STAKE_OK);
    ck_assert_u256_eq(out.window_sum, U("103860000000000000001"));
    /* ... and it is then the newest record at T - 18 days */
    ck_assert_u256_eq(out.max_allowed, U("104080000000000000000"));
    /* no history: only this rebase, exited 0 */
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, NULL, 0, &rep, NULL), STAKE_OK);
    ck_assert_u256_eq(out.window_sum, U("103660000000000000001"));
    ck_assert_u256_eq(out.max_allowed, U("109000000000000000000"));
}
END_TEST

START_TEST(negative_rebase_not_negative)
{
    stake_lido_limits l = mainnet();
    stake_lido_report_record h[6];
    size_t n = history(h);
    /* preCL == postCL + WV: recorded with a zero rebase, nothing checked,
     * even at a timestamp where the window would underflow */
    stake_lido_accounting_report rep = report_at("31250000000000000000007");
    stake_lido_negative_rebase out;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL), STAKE_OK);
    ck_assert_int_eq(out.verdict, STAKE_LIDO_REBASE_NOT_NEGATIVE);
    ck_assert_u256_eq(out.record.negative_cl_rebase, U64(0));
    ck_assert_u256_eq(out.window_sum, U64(0));
    ck_assert_u256_eq(out.max_allowed, U64(0));
    rep.report_timestamp = 5;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, NULL, 0, &rep, NULL), STAKE_OK);
    ck_assert_uint_eq(out.record.timestamp, 5);
    /* the withdrawal vault counts toward the balance: a CL drop covered by
     * the vault is not negative */
    rep = report_at("31250000000000000000007");
    rep.post_cl_balance = U("30000000000000000000007");
    rep.withdrawal_vault_balance = U("1250" E18);
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL), STAKE_OK);
    ck_assert_int_eq(out.verdict, STAKE_LIDO_REBASE_NOT_NEGATIVE);
    /* postCL + WV overflows */
    rep.post_cl_balance = U(MAX_U256_DEC);
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL), STAKE_EOVERFLOW);
}
END_TEST

START_TEST(negative_rebase_second_opinion)
{
    stake_lido_limits l = mainnet();
    stake_lido_report_record h[6];
    size_t n = history(h);
    stake_lido_accounting_report rep = report_at(PRE_BEYOND);
    stake_lido_second_opinion so;
    memset(&so, 0, sizeof so);
    so.ready = 1;
    so.withdrawal_vault_balance = rep.withdrawal_vault_balance;
    /* postCL = 31000e18 + 7: the smallest CL in gwei at or above it, and the
     * largest with 1e4 * (CL - postCL) <= 50 * CL */
    so.cl_balance_gwei = U("31000000000001");
    stake_lido_negative_rebase out = sentinel_rebase();
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, &so), STAKE_OK);
    ck_assert_int_eq(out.verdict, STAKE_LIDO_REBASE_CONFIRMED);
    ck_assert_u256_eq(out.record.negative_cl_rebase, U("103660000000000000001"));
    ck_assert_u256_eq(out.window_sum, U("104160000000000000001"));
    so.cl_balance_gwei = U("31155778894472");
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, &so), STAKE_OK);
    out = sentinel_rebase();
    so.cl_balance_gwei = U("31155778894473");
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, &so),
                 STAKE_ESECONDOPINION);
    so.cl_balance_gwei = U("31000000000000");
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, &so),
                 STAKE_ESECONDOPINION);
    so.cl_balance_gwei = U("31000000000001");
    so.withdrawal_vault_balance = U("250000000000000000001");
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, &so),
                 STAKE_ESECONDOPINION);
    so.withdrawal_vault_balance = rep.withdrawal_vault_balance;
    so.ready = 0;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, &so),
                 STAKE_ESECONDOPINION);
    ck_assert(untouched(&out));
    /* CL in gwei * 1e9 is checked arithmetic */
    so.ready = 1;
    so.cl_balance_gwei = U(MAX_U256_DEC);
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, &so), STAKE_EOVERFLOW);
    /* within the allowance the second opinion is not consulted */
    rep = report_at(PRE_AT);
    so.ready = 0;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, &so), STAKE_OK);
    ck_assert_int_eq(out.verdict, STAKE_LIDO_REBASE_ACCEPTED);
}
END_TEST

START_TEST(negative_rebase_refusals)
{
    stake_lido_limits l = mainnet();
    stake_lido_report_record h[6];
    size_t n = history(h);
    stake_lido_accounting_report rep = report_at(PRE_AT);
    stake_lido_negative_rebase out = sentinel_rebase();
    /* T - 18 days and T - 54 days are checked subtractions */
    rep.report_timestamp = 18 * DAY - 1;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, NULL, 0, &rep, NULL),
                 STAKE_EUNDERFLOW);
    rep.report_timestamp = 18 * DAY;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, NULL, 0, &rep, NULL),
                 STAKE_EUNDERFLOW);
    rep.report_timestamp = 54 * DAY;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, NULL, 0, &rep, NULL), STAKE_OK);
    /* fewer validators than had exited */
    out = sentinel_rebase();
    rep = report_at(PRE_AT);
    rep.post_cl_validators = 99;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL), STAKE_EUNDERFLOW);
    /* a rebase of 2^128 does not fit the record (SafeCast) */
    rep = report_at(PRE_AT);
    rep.post_cl_balance = U64(0);
    rep.withdrawal_vault_balance = U64(0);
    rep.pre_cl_balance = U("340282366920938463463374607431768211456");
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL), STAKE_EOVERFLOW);
    rep.pre_cl_balance = U("340282366920938463463374607431768211455");
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL),
                 STAKE_ENEGATIVEREBASE);
    ck_assert(untouched(&out));
    /* usage */
    rep = report_at(PRE_AT);
    ck_assert_rc(stake_lido_check_negative_rebase(NULL, &l, h, n, &rep, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_lido_check_negative_rebase(&out, NULL, h, n, &rep, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, NULL, 1, &rep, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, NULL, NULL), STAKE_EINVAL);
    rep.version = 7;
    ck_assert_rc(stake_lido_check_negative_rebase(&out, &l, h, n, &rep, NULL), STAKE_EINVAL);
    ck_assert(untouched(&out));
    ck_assert_rc(stake_lido_accounting_report_init(&rep, 0), STAKE_EINVAL);
    ck_assert_rc(stake_lido_accounting_report_init(NULL, 1), STAKE_EINVAL);
}
END_TEST

/* ---- the history helpers ---------------------------------------------------------- */

START_TEST(history_append_prune)
{
    stake_lido_report_record h[4], r;
    size_t n = 0;
    memset(&r, 0, sizeof r);
    for (uint64_t i = 0; i < 4; i++) {
        r.timestamp = 100 * DAY + i * 20 * DAY;   /* days 100, 120, 140, 160 */
        r.total_exited_validators = i;
        ck_assert_rc(stake_lido_report_history_append(h, &n, 4, &r), STAKE_OK);
    }
    ck_assert_uint_eq(n, 4);
    ck_assert_rc(stake_lido_report_history_append(h, &n, 4, &r), STAKE_EBUFSIZE);
    ck_assert_uint_eq(n, 4);
    /* out of order, or a rebase the record cannot hold */
    size_t m = 1;
    r.timestamp = 101 * DAY;
    ck_assert_rc(stake_lido_report_history_append(h, &m, 4, &r), STAKE_OK);
    r.timestamp = 100 * DAY;
    ck_assert_rc(stake_lido_report_history_append(h, &m, 4, &r), STAKE_EINVAL);
    r.timestamp = 200 * DAY;
    r.negative_cl_rebase = U("340282366920938463463374607431768211456");
    ck_assert_rc(stake_lido_report_history_append(h, &m, 4, &r), STAKE_EINVAL);
    ck_assert_uint_eq(m, 2);
    ck_assert_rc(stake_lido_report_history_append(NULL, &m, 4, &r), STAKE_EINVAL);
    ck_assert_rc(stake_lido_report_history_append(h, &m, 1, &r), STAKE_EINVAL);

    /* rebuild days 100, 120, 140, 160 */
    n = 0;
    memset(&r, 0, sizeof r);
    for (uint64_t i = 0; i < 4; i++) {
        r.timestamp = 100 * DAY + i * 20 * DAY;
        r.total_exited_validators = i;
        ck_assert_rc(stake_lido_report_history_append(h, &n, 4, &r), STAKE_OK);
    }
    /* at day 150 nothing is older than day 96: all kept */
    ck_assert_rc(stake_lido_report_history_prune(h, &n, 150 * DAY), STAKE_OK);
    ck_assert_uint_eq(n, 4);
    /* at day 194 the bound is day 140: days 100 and 120 go */
    ck_assert_rc(stake_lido_report_history_prune(h, &n, 194 * DAY), STAKE_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(h[0].timestamp, 140 * DAY);
    ck_assert_uint_eq(h[1].total_exited_validators, 3);
    ck_assert_rc(stake_lido_report_history_prune(h, &n, 10), STAKE_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_rc(stake_lido_report_history_prune(NULL, &n, 10), STAKE_EINVAL);
    size_t zero = 0;
    ck_assert_rc(stake_lido_report_history_prune(NULL, &zero, 10), STAKE_OK);
}
END_TEST

/* Pruning never changes a later check's outcome. */
START_TEST(history_prune_equivalence)
{
    stake_lido_limits l = mainnet();
    stake_lido_report_record full[64], pruned[64];
    size_t nf = 0, np = 0;
    uint64_t seed = 0x1234abcd;
    stake_lido_accounting_report rep;
    ck_assert_rc(stake_lido_accounting_report_init(&rep, 1), STAKE_OK);
    uint64_t exited = 0;
    for (int i = 0; i < 60; i++) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        rep.report_timestamp = T0 + (uint64_t)i * 5 * DAY + (seed >> 50);
        exited += (seed >> 40) % 5;
        rep.total_exited_validators = exited;
        rep.post_cl_validators = 1000 + (uint64_t)i;
        rep.post_cl_balance = U("31000" E18);
        rep.withdrawal_vault_balance = U64(0);
        /* a drop of up to ~2.1 ether */
        stake_u256 drop = U64((seed >> 33) * 1000000000ULL), base = U("31000" E18);
        ck_assert_rc(stake_u256_add(&rep.pre_cl_balance, &base, &drop), STAKE_OK);
        stake_lido_negative_rebase a, b;
        stake_rc ra = stake_lido_check_negative_rebase(&a, &l, full, nf, &rep, NULL);
        ck_assert_rc(stake_lido_report_history_prune(pruned, &np, rep.report_timestamp), STAKE_OK);
        stake_rc rb = stake_lido_check_negative_rebase(&b, &l, pruned, np, &rep, NULL);
        ck_assert_int_eq(ra, rb);
        if (ra != STAKE_OK)
            continue;
        ck_assert_u256_eq(a.window_sum, b.window_sum);
        ck_assert_u256_eq(a.max_allowed, b.max_allowed);
        ck_assert_rc(stake_lido_report_history_append(full, &nf, 64, &a.record), STAKE_OK);
        ck_assert_rc(stake_lido_report_history_append(pruned, &np, 64, &b.record), STAKE_OK);
    }
    ck_assert_uint_lt(np, nf);
}
END_TEST

/* ---- the contract's order of checks ------------------------------------------------- */

START_TEST(accounting_report_order)
{
    stake_lido_limits l = mainnet();
    stake_lido_report_record h[6];
    size_t n = history(h);
    stake_lido_accounting_report ok = report_at(PRE_AT);
    stake_lido_negative_rebase out = sentinel_rebase();
    ck_assert_rc(stake_lido_check_accounting_report(&out, &l, h, n, &ok, NULL), STAKE_OK);
    ck_assert_int_eq(out.verdict, STAKE_LIDO_REBASE_ACCEPTED);
    ck_assert_u256_eq(out.record.negative_cl_rebase, U("103660000000000000000"));

    /* make every check fail, then fix them one by one in the contract's
     * order: each time the next check names itself */
    stake_lido_accounting_report r = report_at(PRE_BEYOND);
    r.time_elapsed = 3600;                                        /* 75 may appear */
    r.withdrawal_vault_balance = U("251" E18);                    /* 1. WV */
    r.el_rewards_vault_balance = U64(1);                          /* 2. EL */
    r.shares_requested_to_burn = U64(1);                          /* 3. burn */
    r.pre_cl_validators = 0;                                      /* 6. appeared */
    out = sentinel_rebase();
    ck_assert_rc(stake_lido_check_accounting_report(&out, &l, h, n, &r, NULL),
                 STAKE_EVAULTBALANCE);
    r.actual_withdrawal_vault_balance = r.withdrawal_vault_balance;
    ck_assert_rc(stake_lido_check_accounting_report(&out, &l, h, n, &r, NULL),
                 STAKE_EVAULTBALANCE);
    r.actual_el_rewards_vault_balance = U64(1);
    ck_assert_rc(stake_lido_check_accounting_report(&out, &l, h, n, &r, NULL),
                 STAKE_EBURNREQUEST);
    r.burner_non_cover_shares = U64(1);
    /* the vault's extra ether now hides 1 ether of the drop: within limits,
     * so move the drop back beyond the allowance */
    r.pre_cl_balance = U("31354660000000000000008");
    ck_assert_rc(stake_lido_check_accounting_report(&out, &l, h, n, &r, NULL),
                 STAKE_ENEGATIVEREBASE);
    r.pre_cl_balance = U("31354660000000000000007");
    ck_assert_rc(stake_lido_check_accounting_report(&out, &l, h, n, &r, NULL), STAKE_EAPPEARED);
    ck_assert(untouched(&out));
    r.pre_cl_validators = 1000;
    ck_assert_rc(stake_lido_check_accounting_report(&out, &l, h, n, &r, NULL), STAKE_OK);

    /* the APR cap comes before the appeared validators */
    r = report_at("30000" E18);
    r.time_elapsed = 3600;
    r.pre_cl_validators = 0;
    ck_assert_rc(stake_lido_check_accounting_report(&out, &l, h, n, &r, NULL), STAKE_EAPRLIMIT);
    r.post_cl_balance = U("30000" E18);
    ck_assert_rc(stake_lido_check_accounting_report(&out, &l, h, n, &r, NULL), STAKE_EAPPEARED);
    ck_assert_rc(stake_lido_check_accounting_report(NULL, &l, h, n, &r, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_lido_check_accounting_report(&out, NULL, h, n, &r, NULL), STAKE_EINVAL);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("risk_sanity");
    TCase *tc = tcase_create("limits");
    tcase_add_test(tc, limits_defaults);
    tcase_add_test(tc, limits_bounds);
    suite_add_tcase(s, tc);

    tc = tcase_create("checks");
    tcase_add_test(tc, vault_balances);
    tcase_add_test(tc, burn_request);
    tcase_add_test(tc, annual_increase);
    tcase_add_test(tc, appeared_validators);
    tcase_add_test(tc, exited_validators);
    tcase_add_test(tc, request_timestamp);
    tcase_add_test(tc, share_rate);
    suite_add_tcase(s, tc);

    tc = tcase_create("negative_rebase");
    tcase_add_test(tc, negative_rebase_window);
    tcase_add_test(tc, negative_rebase_not_negative);
    tcase_add_test(tc, negative_rebase_second_opinion);
    tcase_add_test(tc, negative_rebase_refusals);
    tcase_add_test(tc, history_append_prune);
    tcase_add_test(tc, history_prune_equivalence);
    suite_add_tcase(s, tc);

    tc = tcase_create("order");
    tcase_add_test(tc, accounting_report_order);
    suite_add_tcase(s, tc);
    return s;
}
