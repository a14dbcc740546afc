/*
 * Unit tests of the rETH model: the exchange rate from the reported
 * totals (1:1 at zero supply, checked products), the RPIP-61 rate check,
 * and the token with deposits (fee, minimum, zero mint), burns limited by
 * collateral, balance reports (spacing and delta cap), transfers, every
 * refusal with outputs and state untouched, and randomized properties.
 * Expected numbers were worked out from the formulas of
 * RocketTokenRETH.sol, RocketDepositPool.sol and RocketNetworkBalances.sol.
 */
#include <unistd.h>

#include "testutil.h"
#include "proputil.h"

#define NACC 6   /* A(0) is the zero address */
#define ETHER "000000000000000000"

static stake_address A(unsigned n)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    if (n) {
        a.bytes[0] = 0xcc;
        a.bytes[19] = (uint8_t)n;
    }
    return a;
}

static stake_u256 MAX(void)
{
    return U(MAX_U256_DEC);
}

static stake_reth_totals tot(const char *eth, const char *supply)
{
    stake_reth_totals t;
    t.total_eth = U(eth);
    t.reth_supply = U(supply);
    return t;
}

struct digest {
    stake_reth_totals reported;
    stake_u256 supply, collateral;
    stake_u256 balance[NACC];
    size_t accounts;
};

static struct digest digest_of(const stake_reth *t)
{
    struct digest d;
    memset(&d, 0, sizeof d);
    ck_assert_rc(stake_reth_totals_of(&d.reported, t), STAKE_OK);
    ck_assert_rc(stake_reth_total_supply(&d.supply, t), STAKE_OK);
    ck_assert_rc(stake_reth_total_collateral(&d.collateral, t), STAKE_OK);
    for (unsigned i = 0; i < NACC; i++) {
        stake_address a = A(i);
        ck_assert_rc(stake_reth_balance_of(&d.balance[i], t, &a), STAKE_OK);
    }
    d.accounts = stake_ledger_count(stake_reth_ledger(t));
    ck_assert_rc(stake_ledger_check(stake_reth_ledger(t)), STAKE_OK);
    return d;
}

static int digest_eq(const struct digest *a, const struct digest *b)
{
    return memcmp(a, b, sizeof *a) == 0;   /* no padding: u256s and a size_t */
}

#define ck_assert_unchanged(t, before) do { \
        struct digest ck_after_ = digest_of(t); \
        ck_assert_msg(digest_eq(&(before), &ck_after_), "refusal changed the token"); \
    } while (0)

static stake_reth *token_new(void)
{
    stake_reth_params p;
    ck_assert_rc(stake_reth_params_init(&p, STAKE_RETH_PARAMS_VERSION), STAKE_OK);
    stake_reth *t = NULL;
    ck_assert_rc(stake_reth_new(&t, &p), STAKE_OK);
    ck_assert_ptr_nonnull(t);
    return t;
}

static void report(stake_reth *t, uint64_t ts, const char *eth, const char *supply)
{
    stake_u256 e = U(eth), s = U(supply);
    ck_assert_rc(stake_reth_submit_balances(t, ts, &e, &e, &s), STAKE_OK);
}

/* ---- pure functions --------------------------------------------------------- */

START_TEST(pure_values)
{
    stake_reth_totals t = tot("1100" ETHER, "1000" ETHER);
    stake_u256 r, x = U("1" ETHER);
    ck_assert_rc(stake_reth_exchange_rate(&r, &t), STAKE_OK);
    ck_assert_u256_eq(r, U("1100000000000000000"));
    ck_assert_rc(stake_reth_eth_value(&r, &t, &x), STAKE_OK);
    ck_assert_u256_eq(r, U("1100000000000000000"));
    ck_assert_rc(stake_reth_reth_value(&r, &t, &x), STAKE_OK);
    ck_assert_u256_eq(r, U("909090909090909090"));   /* floor(1e18 * 1000 / 1100) */
    /* in place */
    ck_assert_rc(stake_reth_reth_value(&x, &t, &x), STAKE_OK);
    ck_assert_u256_eq(x, U("909090909090909090"));
    /* no rETH reported: 1:1 both ways, even with no ETH */
    t = tot("0", "0");
    x = U("123456789");
    ck_assert_rc(stake_reth_eth_value(&r, &t, &x), STAKE_OK);
    ck_assert_u256_eq(r, x);
    ck_assert_rc(stake_reth_reth_value(&r, &t, &x), STAKE_OK);
    ck_assert_u256_eq(r, x);
    ck_assert_rc(stake_reth_exchange_rate(&r, &t), STAKE_OK);
    ck_assert_u256_eq(r, U("1" ETHER));
    t = tot("5", "0");
    x = MAX();
    ck_assert_rc(stake_reth_eth_value(&r, &t, &x), STAKE_OK);
    ck_assert_u256_eq(r, x);
    /* rETH but no ETH: worth nothing, and getRethValue requires ETH */
    t = tot("0", "7");
    x = U64(100);
    ck_assert_rc(stake_reth_eth_value(&r, &t, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    r = sentinel();
    ck_assert_rc(stake_reth_reth_value(&r, &t, &x), STAKE_EZEROSUPPLY);
    /* require(totalETH > 0) comes before the product */
    x = MAX();
    ck_assert_rc(stake_reth_reth_value(&r, &t, &x), STAKE_EZEROSUPPLY);
    ck_assert_u256_eq(r, sentinel());
}
END_TEST

START_TEST(pure_refusals)
{
    /* SafeMath: a product of 2^256 or more is refused although the
     * quotient would fit: 2^200 * 2^60 / 2^60 */
    stake_reth_totals t = tot("0x1000000000000000", "0x1000000000000000");
    stake_u256 x = U("0x100000000000000000000000000000000000000000000000000"), r = sentinel();
    ck_assert_rc(stake_reth_eth_value(&r, &t, &x), STAKE_EOVERFLOW);
    ck_assert_rc(stake_reth_reth_value(&r, &t, &x), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    x = U("0x10000000000000000000000000000000000000000000000");  /* 2^192: fits */
    ck_assert_rc(stake_reth_eth_value(&r, &t, &x), STAKE_OK);
    ck_assert_u256_eq(r, x);
    /* the exchange rate overflows with total ETH of 2^256 / 1e18 or more */
    t = tot("115792089237316195423570985008687907853269984665640564039458", "1");
    r = sentinel();
    ck_assert_rc(stake_reth_exchange_rate(&r, &t), STAKE_EOVERFLOW);
    t = tot("115792089237316195423570985008687907853269984665640564039457", "1");
    ck_assert_rc(stake_reth_exchange_rate(&r, &t), STAKE_OK);
    ck_assert_u256_eq(r, U("115792089237316195423570985008687907853269984665640564039457" ETHER));
    /* NULLs */
    ck_assert_rc(stake_reth_eth_value(NULL, &t, &x), STAKE_EINVAL);
    ck_assert_rc(stake_reth_eth_value(&r, NULL, &x), STAKE_EINVAL);
    ck_assert_rc(stake_reth_reth_value(&r, &t, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_reth_exchange_rate(NULL, &t), STAKE_EINVAL);
    ck_assert_rc(stake_reth_exchange_rate(&r, NULL), STAKE_EINVAL);
}
END_TEST

START_TEST(pure_conversion)
{
    stake_reth_totals t = tot("1100" ETHER, "1000" ETHER);
    stake_conversion c;
    ck_assert_rc(stake_reth_conversion(&c, &t, STAKE_RETH_TO_ETH), STAKE_OK);
    ck_assert_u256_eq(c.num, U("1100" ETHER));
    ck_assert_u256_eq(c.den, U("1000" ETHER));
    ck_assert_int_eq(c.rounding, STAKE_ROUND_FLOOR);
    ck_assert_int_eq(c.product, STAKE_PRODUCT_CHECKED);
    ck_assert_u256_eq(c.input_bound, U64(0));
    ck_assert_rc(stake_reth_conversion(&c, &t, STAKE_RETH_FROM_ETH), STAKE_OK);
    ck_assert_u256_eq(c.num, U("1000" ETHER));
    ck_assert_u256_eq(c.den, U("1100" ETHER));
    /* the 1:1 case */
    t = tot("0", "0");
    ck_assert_rc(stake_reth_conversion(&c, &t, STAKE_RETH_FROM_ETH), STAKE_OK);
    ck_assert_u256_eq(c.num, U64(1));
    ck_assert_u256_eq(c.den, U64(1));
    ck_assert_int_eq(c.product, STAKE_PRODUCT_CHECKED);
    /* a batch equals the single values */
    t = tot("1234567890123456789012", "1111111111111111111111");
    stake_u256 in[40], out[40];
    uint64_t seed = 7;
    for (int i = 0; i < 40; i++)
        in[i] = prop_amount(&seed);
    for (int dir = 0; dir < 2; dir++) {
        ck_assert_rc(stake_reth_conversion(&c, &t, (stake_reth_direction)dir), STAKE_OK);
        size_t failed;
        ck_assert_rc(stake_convert_batch(out, in, 40, &c, &failed), STAKE_OK);
        for (int i = 0; i < 40; i++) {
            stake_u256 one;
            ck_assert_rc(dir == 0 ? stake_reth_eth_value(&one, &t, &in[i])
                                  : stake_reth_reth_value(&one, &t, &in[i]), STAKE_OK);
            ck_assert_u256_eq(out[i], one);
        }
    }
    /* refusals */
    stake_conversion keep;
    memset(&keep, 0x5a, sizeof keep);
    c = keep;
    t = tot("0", "5");
    ck_assert_rc(stake_reth_conversion(&c, &t, STAKE_RETH_FROM_ETH), STAKE_EZEROSUPPLY);
    ck_assert_rc(stake_reth_conversion(&c, &t, (stake_reth_direction)2), STAKE_EINVAL);
    ck_assert_rc(stake_reth_conversion(NULL, &t, STAKE_RETH_TO_ETH), STAKE_EINVAL);
    ck_assert_rc(stake_reth_conversion(&c, NULL, STAKE_RETH_TO_ETH), STAKE_EINVAL);
    ck_assert_int_eq(memcmp(&c, &keep, sizeof c), 0);
    ck_assert_rc(stake_reth_conversion(&c, &t, STAKE_RETH_TO_ETH), STAKE_OK);
    ck_assert_u256_eq(c.num, U64(0));
}
END_TEST

START_TEST(rate_change)
{
    stake_u256 delta = U("20000000000000000");   /* 2% */
    stake_reth_totals old = tot("1000" ETHER, "1000" ETHER), next;
    /* ratio 1e18; max change floor(1e18 * 0.02) = 2e16, both directions */
    next = tot("1020" ETHER, "1000" ETHER);
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &delta), STAKE_OK);
    next = tot("1020000000000000001000", "1000" ETHER);   /* ratio 1.02e18 + 1 */
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &delta), STAKE_ERATECHANGE);
    next = tot("980" ETHER, "1000" ETHER);
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &delta), STAKE_OK);
    next = tot("979999999999999999000", "1000" ETHER);    /* ratio 0.98e18 - 1 */
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &delta), STAKE_ERATECHANGE);
    /* the ratios are floored: 1000 wei more ETH does not move them */
    next = tot("1000000000000000000999", "1000" ETHER);
    stake_u256 zero = U64(0);
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &zero), STAKE_OK);
    next = tot("1000000000000000001000", "1000" ETHER);
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &zero), STAKE_ERATECHANGE);
    /* the rate, not the totals: a report doubling both passes */
    next = tot("2000" ETHER, "2000" ETHER);
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &zero), STAKE_OK);
    /* first report: nothing reported yet, anything goes */
    old = tot("0", "0");
    next = tot("5000" ETHER, "1" ETHER);
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &zero), STAKE_OK);
    next = tot("5000" ETHER, "0");
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &zero), STAKE_OK);
    old = tot("0", "77");      /* the contract tests total ETH only */
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &zero), STAKE_OK);
    /* divisions by zero in the contract */
    old = tot("1000" ETHER, "1000" ETHER);
    next = tot("1000" ETHER, "0");
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &delta), STAKE_EZEROSUPPLY);
    old = tot("1000" ETHER, "0");
    next = tot("1000" ETHER, "1000" ETHER);
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &delta), STAKE_EZEROSUPPLY);
    /* checked products: 1e18 * ETH, and currentRatio * maxDelta */
    old = tot("1000" ETHER, "1000" ETHER);
    next = tot("115792089237316195423570985008687907853269984665640564039458", "1");
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &delta), STAKE_EOVERFLOW);
    stake_u256 huge = U("0x1000000000000000000000000000000000000000000000000000000000000");
    next = old;
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, &huge), STAKE_EOVERFLOW);
    ck_assert_rc(stake_reth_check_rate_change(NULL, &next, &delta), STAKE_EINVAL);
    ck_assert_rc(stake_reth_check_rate_change(&old, NULL, &delta), STAKE_EINVAL);
    ck_assert_rc(stake_reth_check_rate_change(&old, &next, NULL), STAKE_EINVAL);
}
END_TEST

/* ---- the token ------------------------------------------------------------- */

START_TEST(token_lifecycle)
{
    stake_reth_params p;
    memset(&p, 0, sizeof p);
    ck_assert_rc(stake_reth_params_init(&p, 2), STAKE_EINVAL);
    ck_assert_rc(stake_reth_params_init(NULL, STAKE_RETH_PARAMS_VERSION), STAKE_EINVAL);
    ck_assert_rc(stake_reth_params_init(&p, STAKE_RETH_PARAMS_VERSION), STAKE_OK);
    ck_assert_uint_eq(p.version, STAKE_RETH_PARAMS_VERSION);
    ck_assert_u256_eq(p.deposit_fee, U("500000000000000"));
    ck_assert_u256_eq(p.minimum_deposit, U("10000000000000000"));
    ck_assert_u256_eq(p.max_rate_delta, U("20000000000000000"));
    ck_assert_uint_eq(p.report_frequency, 86400);
    ck_assert_uint_eq(p.expected_accounts, 0);
    stake_reth *t = NULL;
    ck_assert_rc(stake_reth_new(NULL, &p), STAKE_EINVAL);
    ck_assert_rc(stake_reth_new(&t, NULL), STAKE_EINVAL);
    p.version = 0;
    ck_assert_rc(stake_reth_new(&t, &p), STAKE_EINVAL);
    p.version = STAKE_RETH_PARAMS_VERSION;
    p.deposit_fee = U("1000000000000000001");   /* above 100% */
    ck_assert_rc(stake_reth_new(&t, &p), STAKE_EINVAL);
    ck_assert_ptr_null(t);
    p.deposit_fee = U("1" ETHER);
    p.expected_accounts = 100;
    ck_assert_rc(stake_reth_new(&t, &p), STAKE_OK);
    stake_reth_totals tt;
    ck_assert_rc(stake_reth_totals_of(&tt, t), STAKE_OK);
    ck_assert_u256_eq(tt.total_eth, U64(0));
    ck_assert_u256_eq(tt.reth_supply, U64(0));
    stake_u256 r;
    ck_assert_rc(stake_reth_total_supply(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    ck_assert_rc(stake_reth_total_collateral(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    ck_assert_rc(stake_reth_totals_of(NULL, t), STAKE_EINVAL);
    ck_assert_rc(stake_reth_total_supply(&r, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_reth_total_collateral(NULL, t), STAKE_EINVAL);
    ck_assert_rc(stake_reth_balance_of(&r, t, NULL), STAKE_EINVAL);
    ck_assert_ptr_null(stake_reth_ledger(NULL));
    ck_assert_rc(stake_reth_clone(NULL, t), STAKE_EINVAL);
    stake_reth *c = NULL;
    ck_assert_rc(stake_reth_clone(&c, NULL), STAKE_EINVAL);
    /* a 100% fee mints nothing: "Invalid token mint amount" */
    stake_address alice = A(1);
    stake_u256 one = U("1" ETHER);
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, &one), STAKE_EZEROAMOUNT);
    stake_reth_free(t);
    stake_reth_free(NULL);
}
END_TEST

START_TEST(token_deposit)
{
    stake_reth *t = token_new();
    stake_address alice = A(1), zero = A(0);
    stake_u256 r = sentinel(), v = U("1" ETHER);
    /* nothing reported: 1:1 on the amount after the 0.05% fee */
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, &v), STAKE_OK);
    ck_assert_u256_eq(r, U("999500000000000000"));
    ck_assert_rc(stake_reth_balance_of(&r, t, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U("999500000000000000"));
    ck_assert_rc(stake_reth_total_collateral(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, U("1" ETHER));        /* the whole deposit, fee included */
    /* the minimum is inclusive */
    v = U("10000000000000000");
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, &v), STAKE_OK);
    ck_assert_u256_eq(r, U("9995000000000000"));

    struct digest before = digest_of(t);
    r = sentinel();
    v = U("9999999999999999");
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, &v), STAKE_EBELOWMIN);
    ck_assert_rc(stake_reth_deposit(&r, t, &zero, &v), STAKE_EBELOWMIN);
    v = U("1" ETHER);
    ck_assert_rc(stake_reth_deposit(&r, t, &zero, &v), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_reth_deposit(NULL, t, &alice, &v), STAKE_EINVAL);
    ck_assert_rc(stake_reth_deposit(&r, NULL, &alice, &v), STAKE_EINVAL);
    ck_assert_rc(stake_reth_deposit(&r, t, NULL, &v), STAKE_EINVAL);
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, NULL), STAKE_EINVAL);
    ck_assert_unchanged(t, before);
    /* the fee's product is checked: (2^256 - 1) * 5e14 */
    stake_u256 nothing = U64(0), m = MAX();
    ck_assert_rc(stake_reth_set_collateral(t, &nothing, &nothing), STAKE_OK);
    before = digest_of(t);
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, &m), STAKE_EOVERFLOW);
    /* the pool cannot hold 2^256 wei: checked where the contract checks
     * its capacity, before the fee and the depositor */
    stake_u256 almost = U("115792089237316195423570985008687907853269984665640564039457584007913129639926");
    ck_assert_rc(stake_reth_set_collateral(t, &almost, &nothing), STAKE_OK);
    before = digest_of(t);
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, &v), STAKE_EOVERFLOW);
    ck_assert_rc(stake_reth_deposit(&r, t, &zero, &v), STAKE_EOVERFLOW);
    ck_assert_unchanged(t, before);
    ck_assert_rc(stake_reth_set_collateral(t, &nothing, &almost), STAKE_OK);
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, &v), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    stake_reth_free(t);
}
END_TEST

START_TEST(token_reported_rate)
{
    stake_reth *t = token_new();
    stake_address alice = A(1), bob = A(2);
    stake_u256 r, v = U("1" ETHER);
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, &v), STAKE_OK);
    /* first report: 0.95 * 86400 = 82080 s after the (zero) last one */
    stake_u256 e = U("1000" ETHER), s = U("1000" ETHER), st = U("900" ETHER);
    struct digest before = digest_of(t);
    ck_assert_rc(stake_reth_submit_balances(t, 82079, &e, &st, &s), STAKE_EBADREPORT);
    /* staking ETH above total: executeUpdateBalances refuses it first,
     * whatever the timestamp; submitBalances does not look */
    stake_u256 too_much = U("1000000000000000000001");
    ck_assert_rc(stake_reth_execute_update_balances(t, 82080, &e, &too_much, &s),
                 STAKE_EBADREPORT);
    ck_assert_rc(stake_reth_execute_update_balances(t, 0, &e, &too_much, &s), STAKE_EBADREPORT);
    ck_assert_rc(stake_reth_execute_update_balances(t, 82079, &e, &st, &s), STAKE_EBADREPORT);
    ck_assert_rc(stake_reth_submit_balances(NULL, 82080, &e, &st, &s), STAKE_EINVAL);
    ck_assert_rc(stake_reth_submit_balances(t, 82080, &e, NULL, &s), STAKE_EINVAL);
    ck_assert_rc(stake_reth_execute_update_balances(NULL, 82080, &e, &st, &s), STAKE_EINVAL);
    ck_assert_rc(stake_reth_execute_update_balances(t, 82080, NULL, &st, &s), STAKE_EINVAL);
    ck_assert_unchanged(t, before);
    {
        stake_reth *u = NULL;
        ck_assert_rc(stake_reth_clone(&u, t), STAKE_OK);
        ck_assert_rc(stake_reth_submit_balances(u, 82080, &e, &too_much, &s), STAKE_OK);
        stake_reth_totals ut;
        ck_assert_rc(stake_reth_totals_of(&ut, u), STAKE_OK);
        ck_assert_u256_eq(ut.total_eth, e);
        /* both paths share updateBalances: spacing and the rate cap */
        e = U("1030" ETHER);
        ck_assert_rc(stake_reth_execute_update_balances(u, 164159, &e, &st, &s), STAKE_EBADREPORT);
        ck_assert_rc(stake_reth_execute_update_balances(u, 164160, &e, &st, &s), STAKE_ERATECHANGE);
        e = U("1020" ETHER);
        ck_assert_rc(stake_reth_execute_update_balances(u, 164160, &e, &st, &s), STAKE_OK);
        ck_assert_rc(stake_reth_totals_of(&ut, u), STAKE_OK);
        ck_assert_u256_eq(ut.total_eth, e);
        stake_reth_free(u);
        e = U("1000" ETHER);
    }
    ck_assert_rc(stake_reth_submit_balances(t, 82080, &e, &st, &s), STAKE_OK);
    stake_reth_totals tt;
    ck_assert_rc(stake_reth_totals_of(&tt, t), STAKE_OK);
    ck_assert_u256_eq(tt.total_eth, e);
    ck_assert_u256_eq(tt.reth_supply, s);
    /* the live supply is not the reported one */
    ck_assert_rc(stake_reth_total_supply(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, U("999500000000000000"));
    /* the next one: spacing, then the 2% cap, both directions */
    e = U("1020" ETHER);
    ck_assert_rc(stake_reth_submit_balances(t, 164159, &e, &st, &s), STAKE_EBADREPORT);
    e = U("1020000000000000001000");
    ck_assert_rc(stake_reth_submit_balances(t, 164160, &e, &st, &s), STAKE_ERATECHANGE);
    e = U("979999999999999999000");
    ck_assert_rc(stake_reth_submit_balances(t, 164160, &e, &st, &s), STAKE_ERATECHANGE);
    e = U("1000" ETHER);
    stake_u256 zero = U64(0);
    ck_assert_rc(stake_reth_submit_balances(t, 164160, &e, &st, &zero), STAKE_EZEROSUPPLY);
    e = U("1020" ETHER);
    ck_assert_rc(stake_reth_submit_balances(t, 164160, &e, &st, &s), STAKE_OK);
    /* the rate is the reported one, whatever is minted in between:
     * (1e18 - 5e14) * 1000 / 1020 */
    ck_assert_rc(stake_reth_deposit(&r, t, &bob, &v), STAKE_OK);
    ck_assert_u256_eq(r, U("979901960784313725"));
    ck_assert_rc(stake_reth_deposit(&r, t, &bob, &v), STAKE_OK);
    ck_assert_u256_eq(r, U("979901960784313725"));
    /* a deposit then a burn gives back less than the deposit */
    stake_u256 back;
    ck_assert_rc(stake_reth_burn(&back, t, &bob, &r), STAKE_OK);
    ck_assert_u256_eq(back, U("999499999999999999"));
    stake_reth_free(t);
}
END_TEST

START_TEST(token_burn)
{
    stake_reth *t = token_new();
    stake_address alice = A(1), bob = A(2), zero = A(0);
    stake_u256 r = sentinel(), v = U("10" ETHER), reth;
    ck_assert_rc(stake_reth_deposit(&reth, t, &alice, &v), STAKE_OK);
    ck_assert_u256_eq(reth, U("9995000000000000000"));
    report(t, 100000, "11" ETHER, "10" ETHER);     /* 1.1 ETH per rETH */
    /* the deposit's 10 ETH are the pool's excess; put 1 ETH in the contract */
    stake_u256 c1 = U("1" ETHER), c10 = U("10" ETHER);
    ck_assert_rc(stake_reth_set_collateral(t, &c1, &c10), STAKE_OK);
    struct digest before = digest_of(t);
    stake_u256 x = U64(0);
    ck_assert_rc(stake_reth_burn(&r, t, &alice, &x), STAKE_EZEROAMOUNT);
    ck_assert_rc(stake_reth_burn(&r, t, &zero, &x), STAKE_EZEROAMOUNT);
    x = U("9995000000000000001");
    ck_assert_rc(stake_reth_burn(&r, t, &alice, &x), STAKE_EBALANCE);
    ck_assert_rc(stake_reth_burn(&r, t, &zero, &x), STAKE_EBALANCE);
    /* all of it is worth 10.9945 ETH > 11? no: 9.995 * 1.1 = 10.9945 <= 11 */
    ck_assert_rc(stake_reth_burn(&r, t, &alice, &reth), STAKE_OK);
    ck_assert_u256_eq(r, U("10994500000000000000"));
    ck_assert_rc(stake_reth_total_collateral(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, U("5500000000000000"));
    /* collateral short */
    ck_assert_rc(stake_reth_deposit(&reth, t, &bob, &v), STAKE_OK);
    ck_assert_rc(stake_reth_set_collateral(t, &c1, &(stake_u256){ { 0 } }), STAKE_OK);
    before = digest_of(t);
    r = sentinel();
    ck_assert_rc(stake_reth_burn(&r, t, &bob, &reth), STAKE_ECOLLATERAL);
    ck_assert_rc(stake_reth_burn(NULL, t, &bob, &reth), STAKE_EINVAL);
    ck_assert_rc(stake_reth_burn(&r, t, NULL, &reth), STAKE_EINVAL);
    ck_assert_rc(stake_reth_burn(&r, t, &bob, NULL), STAKE_EINVAL);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_unchanged(t, before);
    /* exactly the collateral: floor(x * 11 / 10) = 1 ETH for x = 1e18 / 1.1 rounded up */
    x = U("909090909090909091");
    ck_assert_rc(stake_reth_burn(&r, t, &bob, &x), STAKE_OK);
    ck_assert_u256_eq(r, U("1000000000000000000"));
    ck_assert_rc(stake_reth_total_collateral(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    stake_reth_free(t);

    /* getEthValue's product is checked, after the balance and before the
     * collateral: 2^100 rETH at a reported 2^200 ETH per rETH */
    t = token_new();
    stake_u256 big = U("0x10000000000000000000000000"), s = U64(1);
    ck_assert_rc(stake_reth_deposit(&reth, t, &alice, &big), STAKE_OK);
    stake_u256 e = U("0x100000000000000000000000000000000000000000000000000");
    ck_assert_rc(stake_reth_submit_balances(t, 82080, &e, &e, &s), STAKE_OK);
    before = digest_of(t);
    r = sentinel();
    ck_assert_rc(stake_reth_burn(&r, t, &alice, &reth), STAKE_EOVERFLOW);
    ck_assert_rc(stake_reth_burn(&r, t, &alice, &big), STAKE_EBALANCE);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_unchanged(t, before);
    stake_reth_free(t);
}
END_TEST

START_TEST(token_collateral_and_overflow)
{
    stake_reth *t = token_new();
    stake_address alice = A(1);
    stake_u256 m = MAX(), one = U64(1), r;
    struct digest before = digest_of(t);
    ck_assert_rc(stake_reth_set_collateral(t, &m, &one), STAKE_EOVERFLOW);
    ck_assert_rc(stake_reth_set_collateral(NULL, &m, &one), STAKE_EINVAL);
    ck_assert_rc(stake_reth_set_collateral(t, NULL, &one), STAKE_EINVAL);
    ck_assert_unchanged(t, before);
    ck_assert_rc(stake_reth_set_collateral(t, &m, &(stake_u256){ { 0 } }), STAKE_OK);
    ck_assert_rc(stake_reth_total_collateral(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, m);
    /* a first report of almost no ETH for a huge supply: the product of
     * getRethValue overflows */
    stake_reth *u = token_new();
    stake_u256 e = U64(1), s = U("0x10000000000000000000000000000000000000000000000000000");
    ck_assert_rc(stake_reth_submit_balances(u, 82080, &e, &e, &s), STAKE_OK);
    stake_u256 v = U("1" ETHER);
    r = sentinel();
    ck_assert_rc(stake_reth_deposit(&r, u, &alice, &v), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    /* rETH reported but no ETH: deposits are refused */
    stake_reth *w = token_new();
    e = U64(0);
    s = U("5" ETHER);
    ck_assert_rc(stake_reth_submit_balances(w, 82080, &e, &e, &s), STAKE_OK);
    ck_assert_rc(stake_reth_deposit(&r, w, &alice, &v), STAKE_EZEROSUPPLY);
    /* and such a state can be reported over again (no total ETH: exempt) */
    e = U("5" ETHER);
    ck_assert_rc(stake_reth_submit_balances(w, 164160, &e, &e, &s), STAKE_OK);
    ck_assert_rc(stake_reth_deposit(&r, w, &alice, &v), STAKE_OK);
    ck_assert_u256_eq(r, U("999500000000000000"));
    stake_reth_free(w);
    stake_reth_free(u);
    stake_reth_free(t);
}
END_TEST

START_TEST(token_transfer)
{
    stake_reth *t = token_new();
    stake_address alice = A(1), bob = A(2), zero = A(0);
    stake_u256 r, v = U("1" ETHER);
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, &v), STAKE_OK);
    struct digest before = digest_of(t);
    stake_u256 x = U("999500000000000001");
    ck_assert_rc(stake_reth_transfer(t, &alice, &bob, &x), STAKE_EBALANCE);
    ck_assert_rc(stake_reth_transfer(t, &zero, &bob, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_reth_transfer(t, &alice, &zero, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_reth_transfer(NULL, &alice, &bob, &x), STAKE_EINVAL);
    ck_assert_rc(stake_reth_transfer(t, &alice, &bob, NULL), STAKE_EINVAL);
    ck_assert_unchanged(t, before);
    x = U("500000000000000000");
    ck_assert_rc(stake_reth_transfer(t, &alice, &bob, &x), STAKE_OK);
    ck_assert_rc(stake_reth_transfer(t, &bob, &bob, &x), STAKE_OK);
    x = U64(0);
    ck_assert_rc(stake_reth_transfer(t, &bob, &alice, &x), STAKE_OK);
    ck_assert_rc(stake_reth_balance_of(&r, t, &bob), STAKE_OK);
    ck_assert_u256_eq(r, U("500000000000000000"));
    ck_assert_rc(stake_reth_balance_of(&r, t, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U("499500000000000000"));
    ck_assert_rc(stake_reth_total_supply(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, U("999500000000000000"));
    stake_reth_free(t);
}
END_TEST

START_TEST(clone_is_independent)
{
    stake_reth *t = token_new();
    stake_address alice = A(1);
    stake_u256 r, v = U("3" ETHER);
    ck_assert_rc(stake_reth_deposit(&r, t, &alice, &v), STAKE_OK);
    report(t, 90000, "3" ETHER, "2" ETHER);
    stake_reth *c = NULL;
    ck_assert_rc(stake_reth_clone(&c, t), STAKE_OK);
    struct digest dt = digest_of(t), dc = digest_of(c);
    ck_assert(digest_eq(&dt, &dc));
    ck_assert_rc(stake_reth_deposit(&r, c, &alice, &v), STAKE_OK);
    /* the clone carries the report's timestamp: too early for another */
    stake_u256 e = U("3" ETHER), s = U("2" ETHER);
    ck_assert_rc(stake_reth_submit_balances(c, 90001, &e, &e, &s), STAKE_EBADREPORT);
    ck_assert_unchanged(t, dt);
    stake_reth_free(c);
    stake_reth_free(t);
}
END_TEST

/* put, save, load, get: the token comes back whole, report time included */
START_TEST(snapshot_round_trip)
{
    stake_reth_params p;
    ck_assert_rc(stake_reth_params_init(&p, STAKE_RETH_PARAMS_VERSION), STAKE_OK);
    p.report_frequency = 3600;
    p.deposit_fee = U("1000000000000000");
    stake_reth *t = NULL;
    ck_assert_rc(stake_reth_new(&t, &p), STAKE_OK);
    stake_address alice = A(1), bob = A(2);
    stake_u256 r1, r2, v = U("5" ETHER);
    ck_assert_rc(stake_reth_deposit(&r1, t, &alice, &v), STAKE_OK);
    report(t, 7000, "5" ETHER, "4" ETHER);
    stake_u256 c1 = U("2" ETHER), c2 = U("3" ETHER);
    ck_assert_rc(stake_reth_set_collateral(t, &c1, &c2), STAKE_OK);
    char path[] = "/tmp/stake-reth-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    stake_snapshot *s = NULL, *loaded = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_reth(s, "reth", t), STAKE_OK);
    ck_assert_rc(stake_snapshot_save(s, path, NULL), STAKE_OK);
    ck_assert_rc(stake_snapshot_load(&loaded, path, NULL), STAKE_OK);
    unlink(path);
    stake_reth *c = NULL;
    ck_assert_rc(stake_snapshot_get_reth(&c, loaded, "reth"), STAKE_OK);
    struct digest dt = digest_of(t), dc = digest_of(c);
    ck_assert(digest_eq(&dt, &dc));
    /* the parameters and the last report's time came back: 7000 + 3420 */
    stake_u256 e = U("5" ETHER), sup = U("4" ETHER);
    ck_assert_rc(stake_reth_submit_balances(c, 10419, &e, &e, &sup), STAKE_EBADREPORT);
    ck_assert_rc(stake_reth_submit_balances(c, 10420, &e, &e, &sup), STAKE_OK);
    ck_assert_rc(stake_reth_deposit(&r1, t, &bob, &v), STAKE_OK);
    ck_assert_rc(stake_reth_deposit(&r2, c, &bob, &v), STAKE_OK);
    ck_assert_u256_eq(r1, r2);
    /* the collateral split came back too: 2 from the contract, 3 + 10 in the pool */
    stake_u256 all = U("4" ETHER);
    ck_assert_rc(stake_reth_burn(&r1, t, &alice, &all), STAKE_OK);
    ck_assert_rc(stake_reth_burn(&r2, c, &alice, &all), STAKE_OK);
    ck_assert_u256_eq(r1, r2);
    dt = digest_of(t);
    dc = digest_of(c);
    ck_assert(digest_eq(&dt, &dc));
    stake_reth_free(c);
    stake_snapshot_free(loaded);
    stake_snapshot_free(s);
    stake_reth_free(t);
}
END_TEST

/* ---- randomized properties --------------------------------------------------------------- */

static unsigned pick(uint64_t *seed)
{
    return prop_below(seed, 20) == 0 ? 0 : 1 + (unsigned)prop_below(seed, NACC - 1);
}

START_TEST(properties)
{
    long ok[6] = { 0 }, refused[6] = { 0 }, round_trips = 0;
    const stake_u256 one_ether = U("1" ETHER), one_wei = U64(1), nothing = U64(0);
    uint64_t seed = 0x4e7au;
    for (int run = 0; run < 4; run++) {
        stake_reth *t = token_new();
        stake_reth_params p;
        ck_assert_rc(stake_reth_params_init(&p, STAKE_RETH_PARAMS_VERSION), STAKE_OK);
        uint64_t now = 100000;
        for (int i = 0; i < 2500; i++) {
            struct digest before = digest_of(t);
            unsigned kind = (unsigned)prop_below(&seed, 6);
            stake_address who = A(pick(&seed)), to = A(pick(&seed));
            stake_u256 amount = prop_amount(&seed), out = sentinel(), expect = U64(0);
            stake_rc rc;
            switch (kind) {
            case 0: {
                /* what the deposit must mint */
                stake_u256 fee, net;
                int computable = stake_u256_mul(&fee, &amount, &p.deposit_fee) == STAKE_OK;
                if (computable) {
                    ck_assert_rc(stake_u256_div(&fee, &fee, &one_ether), STAKE_OK);
                    ck_assert_rc(stake_u256_sub(&net, &amount, &fee), STAKE_OK);
                    computable = stake_reth_reth_value(&expect, &before.reported, &net) ==
                                 STAKE_OK;
                }
                rc = stake_reth_deposit(&out, t, &who, &amount);
                if (rc == STAKE_OK) {
                    ck_assert(computable);
                    ck_assert_u256_eq(out, expect);
                    /* the whole value joins the collateral */
                    stake_u256 c;
                    ck_assert_rc(stake_reth_total_collateral(&c, t), STAKE_OK);
                    ck_assert_rc(stake_u256_sub(&c, &c, &amount), STAKE_OK);
                    ck_assert_u256_eq(c, before.collateral);
                    /* and burning it straight back never pays more */
                    stake_reth *c2 = NULL;
                    ck_assert_rc(stake_reth_clone(&c2, t), STAKE_OK);
                    stake_u256 back;
                    if (stake_reth_burn(&back, c2, &who, &out) == STAKE_OK) {
                        ck_assert_int_le(stake_u256_cmp(&back, &amount), 0);
                        round_trips++;
                    }
                    stake_reth_free(c2);
                }
                break;
            }
            case 1: {
                unsigned wi = who.bytes[19];
                if (prop_below(&seed, 4))
                    amount = prop_upto(&seed, &before.balance[wi]);
                int computable = stake_reth_eth_value(&expect, &before.reported, &amount) ==
                                 STAKE_OK;
                rc = stake_reth_burn(&out, t, &who, &amount);
                if (rc == STAKE_OK) {
                    ck_assert(computable);
                    ck_assert_u256_eq(out, expect);
                    stake_u256 c;
                    ck_assert_rc(stake_reth_total_collateral(&c, t), STAKE_OK);
                    ck_assert_rc(stake_u256_add(&c, &c, &out), STAKE_OK);
                    ck_assert_u256_eq(c, before.collateral);
                }
                break;
            }
            case 2:
                if (prop_below(&seed, 4))
                    amount = prop_upto(&seed, &before.balance[who.bytes[19]]);
                rc = stake_reth_transfer(t, &who, &to, &amount);
                break;
            case 3: {
                /* a report near the current rate: within the cap or not */
                now += prop_below(&seed, 4) ? 86400 : prop_below(&seed, 86400);
                stake_u256 supply = before.supply, eth, staking;
                if (stake_u256_cmp(&supply, &nothing) == 0)
                    supply = one_ether;
                stake_u256 rate;
                if (stake_reth_exchange_rate(&rate, &before.reported) != STAKE_OK)
                    rate = one_ether;
                /* rate * (1 +- up to 3%) */
                uint64_t bp = prop_below(&seed, 601);
                stake_u256 factor = U64(9700 + bp), scale = U64(10000);
                ck_assert_rc(stake_u256_muldiv(&eth, &supply, &rate, &one_ether,
                                               STAKE_ROUND_FLOOR), STAKE_OK);
                ck_assert_rc(stake_u256_muldiv(&eth, &eth, &factor, &scale, STAKE_ROUND_FLOOR),
                             STAKE_OK);
                staking = eth;
                if (prop_below(&seed, 10) == 0)
                    ck_assert_rc(stake_u256_add(&staking, &eth, &one_wei), STAKE_OK);
                int execute = prop_below(&seed, 2) == 0;
                rc = execute ? stake_reth_execute_update_balances(t, now, &eth, &staking, &supply)
                             : stake_reth_submit_balances(t, now, &eth, &staking, &supply);
                if (execute && stake_u256_cmp(&staking, &eth) > 0)
                    ck_assert_rc(rc, STAKE_EBADREPORT);
                if (rc == STAKE_OK) {
                    stake_reth_totals r2;
                    ck_assert_rc(stake_reth_totals_of(&r2, t), STAKE_OK);
                    ck_assert_u256_eq(r2.total_eth, eth);
                    ck_assert_u256_eq(r2.reth_supply, supply);
                }
                break;
            }
            case 4: {
                stake_u256 a = prop_amount(&seed), b = prop_amount(&seed);
                if (prop_below(&seed, 20) == 0)
                    a = MAX();
                rc = stake_reth_set_collateral(t, &a, &b);
                break;
            }
            default: {
                /* the pure conversions never create value either */
                stake_u256 r1, e1;
                if (stake_reth_reth_value(&r1, &before.reported, &amount) == STAKE_OK &&
                    stake_reth_eth_value(&e1, &before.reported, &r1) == STAKE_OK)
                    ck_assert_int_le(stake_u256_cmp(&e1, &amount), 0);
                rc = STAKE_OK;
                break;
            }
            }
            struct digest after = digest_of(t);
            if (rc != STAKE_OK) {
                refused[kind]++;
                ck_assert_msg(digest_eq(&before, &after), "op %u refused with %s changed it",
                              kind, stake_errname(rc));
                ck_assert_u256_eq(out, sentinel());
            } else {
                ok[kind]++;
            }
        }
        stake_reth_free(t);
    }
    for (int k = 0; k < 5; k++) {
        ck_assert_msg(ok[k] > 50, "op %d succeeded only %ld times", k, ok[k]);
        ck_assert_msg(refused[k] > 5, "op %d refused only %ld times", k, refused[k]);
    }
    ck_assert_int_gt(round_trips, 200);
    printf("rETH properties: 10000 operations, %ld round trips\n", round_trips);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("reth");
    TCase *tc = tcase_create("pure");
    tcase_add_test(tc, pure_values);
    tcase_add_test(tc, pure_refusals);
    tcase_add_test(tc, pure_conversion);
    tcase_add_test(tc, rate_change);
    suite_add_tcase(s, tc);

    tc = tcase_create("token");
    tcase_add_test(tc, token_lifecycle);
    tcase_add_test(tc, token_deposit);
    tcase_add_test(tc, token_reported_rate);
    tcase_add_test(tc, token_burn);
    tcase_add_test(tc, token_collateral_and_overflow);
    tcase_add_test(tc, token_transfer);
    tcase_add_test(tc, clone_is_independent);
    tcase_add_test(tc, snapshot_round_trip);
    suite_add_tcase(s, tc);

    tc = tcase_create("properties");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, properties);
    suite_add_tcase(s, tc);
    return s;
}
