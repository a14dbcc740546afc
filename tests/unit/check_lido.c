/*
 * Unit tests of the Lido model: the pure conversions and fee formulas
 * (numbers computed independently with Python integers from the formulas
 * of protocol-semantics.md), the stETH token with every refusal, the
 * 1-2 wei corner cases, the oracle report, and wstETH.
 */
#include "testutil.h"

static const char *IE = "9300000000000000000000123";
static const char *IS = "8086956521739130434782608";

static stake_address A(unsigned n)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    a.bytes[0] = 0xaa;
    a.bytes[18] = (uint8_t)(n >> 8);
    a.bytes[19] = (uint8_t)n;
    return a;
}

static stake_lido_totals totals(stake_lido_version v, const char *ie, const char *is,
                                const char *es)
{
    stake_lido_totals t;
    t.version = v;
    t.internal_ether = U(ie);
    t.internal_shares = U(is);
    t.external_shares = U(es);
    return t;
}

/* ---- pure functions ------------------------------------------------------------ */

START_TEST(pure_conversions)
{
    stake_lido_totals t = totals(STAKE_LIDO_V3, IE, IS, "0");
    stake_u256 one = U("1000000000000000000"), r;
    ck_assert_rc(stake_lido_shares_by_pooled_eth(&r, &t, &one), STAKE_OK);
    ck_assert_u256_eq(r, U("869565217391304347"));
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &t, &one), STAKE_OK);
    ck_assert_u256_eq(r, U("1150000000000000000"));
    ck_assert_rc(stake_lido_pooled_eth_by_shares_round_up(&r, &t, &one), STAKE_OK);
    ck_assert_u256_eq(r, U("1150000000000000001"));
    /* V2 has the same formula without the input bound. */
    t.version = STAKE_LIDO_V2;
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &t, &one), STAKE_OK);
    ck_assert_u256_eq(r, U("1150000000000000000"));
}
END_TEST

START_TEST(pure_external)
{
    stake_lido_totals t = totals(STAKE_LIDO_V3, IE, IS, "100000000000000000000000");
    stake_u256 r;
    ck_assert_rc(stake_lido_external_ether(&r, &t), STAKE_OK);
    ck_assert_u256_eq(r, U("115000000000000000000001"));
    ck_assert_rc(stake_lido_total_pooled_ether(&r, &t), STAKE_OK);
    ck_assert_u256_eq(r, U("9415000000000000000000124"));
    ck_assert_rc(stake_lido_total_shares(&r, &t), STAKE_OK);
    ck_assert_u256_eq(r, U("8186956521739130434782608"));
    /* The rate is IE/IS, not total/total: the V3 pitfall. */
    stake_u256 one = U("1000000000000000000");
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &t, &one), STAKE_OK);
    ck_assert_u256_eq(r, U("1150000000000000000"));
    /* External shares are refused under V2. */
    t.version = STAKE_LIDO_V2;
    ck_assert_rc(stake_lido_external_ether(&r, &t), STAKE_EINVAL);
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &t, &one), STAKE_EINVAL);
}
END_TEST

START_TEST(pure_refusals)
{
    stake_lido_totals t = totals(STAKE_LIDO_V3, IE, IS, "0");
    stake_u256 r = sentinel();
    stake_u256 big = U("0xffffffffffffffffffffffffffffffff");    /* 2^128 - 1 */
    stake_u256 below = U("0xfffffffffffffffffffffffffffffffe");
    ck_assert_rc(stake_lido_shares_by_pooled_eth(&r, &t, &big), STAKE_ETOOLARGE);
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &t, &big), STAKE_ETOOLARGE);
    ck_assert_rc(stake_lido_pooled_eth_by_shares_round_up(&r, &t, &big), STAKE_ETOOLARGE);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_rc(stake_lido_shares_by_pooled_eth(&r, &t, &below), STAKE_OK);
    /* V2 has no bound; only SafeMath refuses. */
    t.version = STAKE_LIDO_V2;
    ck_assert_rc(stake_lido_shares_by_pooled_eth(&r, &t, &big), STAKE_OK);
    stake_u256 huge = U("0x1000000000000000000000000000000000000000000000000000");
    ck_assert_rc(stake_lido_shares_by_pooled_eth(&r, &t, &huge), STAKE_EOVERFLOW);
    /* Zero denominators. */
    stake_lido_totals z = totals(STAKE_LIDO_V3, "0", "0", "0");
    stake_u256 one = U64(1), zero = U64(0);
    r = sentinel();
    ck_assert_rc(stake_lido_shares_by_pooled_eth(&r, &z, &one), STAKE_EDIVZERO);
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &z, &one), STAKE_EDIVZERO);
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &z, &zero), STAKE_EDIVZERO);
    ck_assert_u256_eq(r, sentinel());
    /* ceilDiv(0, 0) is 0 on chain: no division happens for a zero
     * product, whether the shares or the internal ether are zero; the
     * input bound still applies. */
    ck_assert_rc(stake_lido_pooled_eth_by_shares_round_up(&r, &z, &zero), STAKE_OK);
    ck_assert_u256_eq(r, zero);
    r = sentinel();
    ck_assert_rc(stake_lido_pooled_eth_by_shares_round_up(&r, &z, &one), STAKE_OK);
    ck_assert_u256_eq(r, zero);
    r = sentinel();
    ck_assert_rc(stake_lido_pooled_eth_by_shares_round_up(&r, &z, &big), STAKE_ETOOLARGE);
    ck_assert_u256_eq(r, sentinel());
    stake_lido_totals no_shares = totals(STAKE_LIDO_V3, "5", "0", "0");
    ck_assert_rc(stake_lido_pooled_eth_by_shares_round_up(&r, &no_shares, &one), STAKE_EDIVZERO);
    /* V3's external ether always divides by the internal shares, even
     * with no external shares; V2 has none and never divides. */
    ck_assert_rc(stake_lido_external_ether(&r, &z), STAKE_EDIVZERO);
    ck_assert_rc(stake_lido_total_pooled_ether(&r, &z), STAKE_EDIVZERO);
    ck_assert_u256_eq(r, sentinel());
    z.version = STAKE_LIDO_V2;
    ck_assert_rc(stake_lido_total_pooled_ether(&r, &z), STAKE_OK);
    ck_assert_u256_eq(r, zero);
    z.version = STAKE_LIDO_V3;
    /* Bad arguments. */
    z.version = (stake_lido_version)4;
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &z, &one), STAKE_EINVAL);
    ck_assert_rc(stake_lido_pooled_eth_by_shares(NULL, &t, &one), STAKE_EINVAL);
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &t, NULL), STAKE_EINVAL);
    stake_conversion c;
    ck_assert_rc(stake_lido_conversion(&c, &t, (stake_lido_direction)7), STAKE_EINVAL);
    ck_assert_rc(stake_lido_conversion(NULL, &t, STAKE_LIDO_SHARES_TO_ETHER), STAKE_EINVAL);
    ck_assert_rc(stake_lido_total_shares(NULL, &t), STAKE_EINVAL);
}
END_TEST

/* V3's StETH.sol and Lido._getExternalEther multiply with a plain 0.4.24
 * `*`: once the internal ether reaches 2^128 the product wraps modulo
 * 2^256 and the contract returns the quotient of what is left. V2 uses
 * SafeMath and reverts. Expected values: Python, (x * n % 2**256) // d. */
START_TEST(pure_v3_product_wraps)
{
    stake_lido_totals t = totals(STAKE_LIDO_V3, "0x100000000000000000000000000003039",
                                 "1000000000000000000000000000000", "0");   /* 2^128 + 12345 */
    stake_u256 s = U("0xfffffffffffffffffffffffffffffffe"), r = sentinel();
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &t, &s), STAKE_OK);
    ck_assert_u256_eq(r, U("4200105254905"));
    ck_assert_rc(stake_lido_pooled_eth_by_shares_round_up(&r, &t, &s), STAKE_OK);
    ck_assert_u256_eq(r, U("4200105254906"));
    stake_conversion c;
    ck_assert_rc(stake_lido_conversion(&c, &t, STAKE_LIDO_SHARES_TO_ETHER), STAKE_OK);
    ck_assert_int_eq(c.product, STAKE_PRODUCT_WRAPPING);
    stake_u256 batch[2] = { s, U64(7) };
    ck_assert_rc(stake_convert_batch(batch, batch, 2, &c, NULL), STAKE_OK);
    ck_assert_u256_eq(batch[0], U("4200105254905"));
    ck_assert_u256_eq(batch[1], U64(2381976568));   /* no wrap */
    /* V2 refuses the same product. */
    t.version = STAKE_LIDO_V2;
    r = sentinel();
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &t, &s), STAKE_EOVERFLOW);
    ck_assert_rc(stake_lido_pooled_eth_by_shares_round_up(&r, &t, &s), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_rc(stake_lido_conversion(&c, &t, STAKE_LIDO_SHARES_TO_ETHER), STAKE_OK);
    ck_assert_int_eq(c.product, STAKE_PRODUCT_CHECKED);

    /* A product that wraps to exactly zero: ceilDiv(0, IS) is 0 without
     * dividing, even for IS = 0; the floor still divides. */
    stake_lido_totals z = totals(STAKE_LIDO_V3, "0x200000000000000000000000000000000", "0",
                                 "0");   /* 2^129, IS = 0 */
    stake_u256 half = U("0x80000000000000000000000000000000");   /* 2^127 */
    ck_assert_rc(stake_lido_pooled_eth_by_shares_round_up(&r, &z, &half), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    r = sentinel();
    ck_assert_rc(stake_lido_pooled_eth_by_shares(&r, &z, &half), STAKE_EDIVZERO);
    ck_assert_u256_eq(r, sentinel());

    /* External ether: 2^127 * (2^129 + 1) wraps to 2^127, over 3. */
    stake_lido_totals e = totals(STAKE_LIDO_V3, "0x200000000000000000000000000000001", "3",
                                 "0x80000000000000000000000000000000");
    ck_assert_rc(stake_lido_external_ether(&r, &e), STAKE_OK);
    ck_assert_u256_eq(r, U("56713727820156410577229101238628035242"));
    ck_assert_rc(stake_lido_total_pooled_ether(&r, &e), STAKE_OK);
    ck_assert_u256_eq(r, U("737278461662033337503978316102164458155"));
}
END_TEST

/* The batch conversion of a whole ledger equals balanceOf one by one. */
START_TEST(pure_conversion_batch)
{
    stake_lido_totals t = totals(STAKE_LIDO_V3, IE, IS, "0");
    stake_conversion c;
    ck_assert_rc(stake_lido_conversion(&c, &t, STAKE_LIDO_SHARES_TO_ETHER), STAKE_OK);
    stake_u256 in[64], out[64];
    for (int i = 0; i < 64; i++)
        in[i] = U64((uint64_t)i * 1234567890123ULL + (uint64_t)i * i);
    ck_assert_rc(stake_convert_batch(out, in, 64, &c, NULL), STAKE_OK);
    for (int i = 0; i < 64; i++) {
        stake_u256 one;
        ck_assert_rc(stake_lido_pooled_eth_by_shares(&one, &t, &in[i]), STAKE_OK);
        ck_assert_u256_eq(out[i], one);
    }
}
END_TEST

START_TEST(fee_formulas)
{
    stake_u256 r, fe;
    stake_u256 rewards = U("1000000000000000000007"), fee = U("10000000000000000003");
    stake_u256 s = U(IS), p = U(IE), ie_post;
    ck_assert_rc(stake_lido_fee_shares_v2(&r, &rewards, &fee, &s, &p), STAKE_OK);
    ck_assert_u256_eq(r, U("86948107406155645553"));
    ck_assert_rc(stake_u256_add(&ie_post, &p, &rewards), STAKE_OK);
    ck_assert_rc(stake_lido_fee_shares_v3(&r, &fe, &rewards, &fee, &s, &ie_post), STAKE_OK);
    ck_assert_u256_eq(r, U("86948107406155645552"));
    ck_assert_u256_eq(fe, U("100000000000000000030"));
    /* Refusals: the V3 denominator IE - feeEther underflows or is zero. */
    stake_u256 tiny = U64(1), zero = U64(0);
    r = sentinel();
    ck_assert_rc(stake_lido_fee_shares_v3(&r, NULL, &rewards, &fee, &s, &tiny), STAKE_EUNDERFLOW);
    ck_assert_rc(stake_lido_fee_shares_v2(&r, &rewards, &fee, &s, &zero), STAKE_OK);
    stake_u256 full = U("100000000000000000000");   /* 100% fee, P = 0: denominator 0 */
    ck_assert_rc(stake_lido_fee_shares_v2(&r, &rewards, &full, &s, &zero), STAKE_EDIVZERO);
    ck_assert_rc(stake_lido_fee_shares_v2(NULL, &rewards, &fee, &s, &p), STAKE_EINVAL);
    ck_assert_rc(stake_lido_fee_shares_v3(NULL, NULL, &rewards, &fee, &s, &p), STAKE_EINVAL);
}
END_TEST

START_TEST(module_fees_and_split)
{
    stake_lido_module m[3];
    memset(m, 0, sizeof m);
    m[0].recipient = A(1);
    m[0].active_validators = 7000;
    m[0].module_fee_bp = 500;
    m[0].treasury_fee_bp = 500;
    m[1].recipient = A(2);
    m[1].active_validators = 3000;
    m[1].module_fee_bp = 600;
    m[1].treasury_fee_bp = 400;
    m[2].recipient = A(3);          /* no active validators: skipped */
    m[2].module_fee_bp = 1000;
    stake_u256 fees[3], total;
    ck_assert_rc(stake_lido_module_fees(fees, &total, m, 3), STAKE_OK);
    ck_assert_u256_eq(fees[0], U("3500000000000000000"));
    ck_assert_u256_eq(fees[1], U("1800000000000000000"));
    ck_assert_u256_eq(fees[2], U64(0));
    ck_assert_u256_eq(total, U("10000000000000000000"));

    stake_u256 shares = U("86948107406155645526"), parts[3], treasury;
    ck_assert_rc(stake_lido_split_fee_shares(parts, &treasury, &shares, fees, 3, &total),
                 STAKE_OK);
    ck_assert_u256_eq(parts[0], U("30431837592154475934"));
    ck_assert_u256_eq(parts[1], U("15650659333108016194"));
    ck_assert_u256_eq(parts[2], U64(0));
    ck_assert_u256_eq(treasury, U("40865610480893153398"));

    /* A stopped module's fee goes to the treasury: zero for it, same total. */
    m[1].stopped = 1;
    ck_assert_rc(stake_lido_module_fees(fees, &total, m, 3), STAKE_OK);
    ck_assert_u256_eq(fees[1], U64(0));
    ck_assert_u256_eq(total, U("10000000000000000000"));
    /* Over 100% is refused, outputs untouched. */
    m[0].module_fee_bp = 10000;
    m[0].treasury_fee_bp = 10000;
    total = sentinel();
    ck_assert_rc(stake_lido_module_fees(fees, &total, m, 3), STAKE_EINVAL);
    ck_assert_u256_eq(total, sentinel());
    ck_assert_rc(stake_lido_module_fees(NULL, &total, m, 3), STAKE_EINVAL);
    ck_assert_rc(stake_lido_module_fees(fees, &total, NULL, 0), STAKE_OK);
    ck_assert_u256_eq(total, U64(0));
}
END_TEST

/* ---- the token --------------------------------------------------------------------- */

static const stake_address *dead(void)
{
    static stake_address d = { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xde,
                                 0xad } };
    return &d;
}

START_TEST(token_bootstrap)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_u256 r;
    ck_assert_rc(stake_steth_total_shares(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, U("1000000000000000000"));
    ck_assert_rc(stake_steth_shares_of(&r, t, dead()), STAKE_OK);
    ck_assert_u256_eq(r, U("1000000000000000000"));
    ck_assert_rc(stake_steth_total_supply(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, U("1000000000000000000"));
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    ck_assert_u256_eq(pool.buffered_ether, U("1000000000000000000"));
    ck_assert_int_eq(stake_steth_is_stopped(t), 0);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    stake_steth_free(t);
    stake_steth_free(NULL);

    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, 99), STAKE_EINVAL);
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    p.initial_ether = U64(0);
    ck_assert_rc(stake_steth_new(&t, &p), STAKE_EZEROAMOUNT);
    p.initial_ether = U64(1);
    p.protocol = (stake_lido_version)1;
    ck_assert_rc(stake_steth_new(&t, &p), STAKE_EINVAL);
    ck_assert_rc(stake_steth_new(NULL, &p), STAKE_EINVAL);
}
END_TEST

/* submit computes shares before the pool grows: depositor gets <= value. */
START_TEST(token_submit)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    /* Make the rate 1.15: 0.15 ether of CL rewards on 1 ether. */
    pool.cl_balance = U("150000000000000000");
    ck_assert_rc(stake_steth_set_pool(t, &pool), STAKE_OK);
    stake_address alice = A(1);
    stake_u256 value = U("1000000000000000000"), shares, bal;
    ck_assert_rc(stake_steth_submit(&shares, t, &alice, &value), STAKE_OK);
    ck_assert_u256_eq(shares, U("869565217391304347"));    /* floor(1e18 / 1.15) */
    ck_assert_rc(stake_steth_balance_of(&bal, t, &alice), STAKE_OK);
    ck_assert_int_le(stake_u256_cmp(&bal, &value), 0);
    ck_assert_u256_eq(bal, U("999999999999999999"));

    stake_u256 zero = U64(0), big = U("0xffffffffffffffffffffffffffffffff");
    stake_address nobody = A(0);
    memset(&nobody, 0, sizeof nobody);
    ck_assert_rc(stake_steth_submit(&shares, t, &alice, &zero), STAKE_EZEROAMOUNT);
    ck_assert_rc(stake_steth_submit(&shares, t, &alice, &big), STAKE_ETOOLARGE);
    ck_assert_rc(stake_steth_submit(&shares, t, &nobody, &value), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_steth_stop(t), STAKE_OK);
    ck_assert_rc(stake_steth_stop(t), STAKE_ESTATE);
    ck_assert_rc(stake_steth_submit(&shares, t, &alice, &value), STAKE_ESTAKINGPAUSED);
    ck_assert_rc(stake_steth_resume(t), STAKE_OK);
    ck_assert_rc(stake_steth_resume(t), STAKE_ESTATE);
    ck_assert_rc(stake_steth_submit(NULL, t, &alice, &value), STAKE_OK);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    stake_steth_free(t);
}
END_TEST

/* V3's total shares may never reach 2^128 (they share a slot with the
 * external ones); V2 kept them in a full slot and SafeMath stops at 2^256. */
START_TEST(token_shares_overflow)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_address a = A(1);
    stake_u256 big = U("0xfffffffffffffffffffffffffffffff0"), total_before, total_after;
    ck_assert_rc(stake_steth_total_shares(&total_before, t), STAKE_OK);
    ck_assert_rc(stake_steth_mint_shares(t, &a, &big), STAKE_ESHARESOVERFLOW);
    ck_assert_rc(stake_steth_total_shares(&total_after, t), STAKE_OK);
    ck_assert_u256_eq(total_after, total_before);
    stake_u256 fits = U("0xfffffffffffffffffffffffffffffff0");
    ck_assert_rc(stake_u256_sub(&fits, &fits, &total_before), STAKE_OK);
    ck_assert_rc(stake_steth_mint_shares(t, &a, &fits), STAKE_OK);
    stake_u256 sixteen = U64(16);
    ck_assert_rc(stake_steth_mint_shares(t, &a, &sixteen), STAKE_ESHARESOVERFLOW);
    stake_u256 fifteen = U64(15);
    ck_assert_rc(stake_steth_mint_shares(t, &a, &fifteen), STAKE_OK);   /* 2^128 - 1 */
    stake_address zero;
    memset(&zero, 0, sizeof zero);
    ck_assert_rc(stake_steth_mint_shares(t, &zero, &fifteen), STAKE_EZEROADDRESS);
    /* V3's MINT_TO_STETH_CONTRACT; V2 minted its own fees to itself */
    stake_steth_params sp;
    ck_assert_rc(stake_steth_params_init(&sp, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    stake_u256 one_share = U64(1);
    ck_assert_rc(stake_steth_burn_shares(t, &a, &fifteen), STAKE_OK);
    ck_assert_rc(stake_steth_mint_shares(t, &sp.steth, &one_share), STAKE_ESELFRECIPIENT);
    stake_steth_free(t);

    t = new_steth(STAKE_LIDO_V2);
    ck_assert_rc(stake_steth_mint_shares(t, &sp.steth, &one_share), STAKE_OK);
    stake_u256 two128 = U("0x100000000000000000000000000000000");
    ck_assert_rc(stake_steth_mint_shares(t, &a, &two128), STAKE_OK);
    ck_assert_rc(stake_steth_total_shares(&total_before, t), STAKE_OK);
    stake_u256 rest = U("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    ck_assert_rc(stake_u256_sub(&rest, &rest, &total_before), STAKE_OK);
    stake_u256 one = U64(1);
    ck_assert_rc(stake_u256_add(&rest, &rest, &one), STAKE_OK);        /* reaches 2^256 */
    ck_assert_rc(stake_steth_mint_shares(t, &a, &rest), STAKE_EOVERFLOW);
    ck_assert_rc(stake_steth_total_shares(&total_after, t), STAKE_OK);
    ck_assert_u256_eq(total_after, total_before);
    /* and the bootstrap: V3 takes 2^128 - 1 initial ether, not 2^128 */
    stake_steth_free(t);
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    p.initial_ether = U("0xffffffffffffffffffffffffffffffff");
    ck_assert_rc(stake_steth_new(&t, &p), STAKE_OK);
    stake_steth_free(t);
    t = NULL;
    p.initial_ether = two128;
    ck_assert_rc(stake_steth_new(&t, &p), STAKE_ESHARESOVERFLOW);
    ck_assert_ptr_null(t);
    p.protocol = STAKE_LIDO_V2;
    ck_assert_rc(stake_steth_new(&t, &p), STAKE_OK);
    stake_steth_free(t);
}
END_TEST

/* The concrete 1-2 wei cases: at a rate near 1.5, the recipient's
 * balance grows by x, x - 1 or x - 2, exactly as computed by hand from
 * the chain's two floors (protocol-semantics.md 1.3). */
START_TEST(token_transfer_wei_cases)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    /* internal ether 3e18 + 2, internal shares 2e18 + 1 */
    stake_address bob = A(2), carol = A(3), erin = A(5);
    stake_u256 one_share = U64(1);
    ck_assert_rc(stake_steth_mint_shares(t, &carol, &one_share), STAKE_OK);
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    pool.cl_balance = U("1000000000000000000");
    pool.buffered_ether = U("2000000000000000002");
    ck_assert_rc(stake_steth_set_pool(t, &pool), STAKE_OK);
    stake_u256 supply;
    ck_assert_rc(stake_steth_total_supply(&supply, t), STAKE_OK);
    ck_assert_u256_eq(supply, U("3000000000000000002"));
    stake_u256 shares_total;
    ck_assert_rc(stake_steth_total_shares(&shares_total, t), STAKE_OK);
    ck_assert_u256_eq(shares_total, U("1000000000000000001"));
    /* Move the dead holder's big balance to a funder, then fund bob with
     * b shares: (b, x) -> (shares moved, recipient's delta) from Python:
     * (0,3)->(1,1), (0,5)->(3,4), (1,2)->(1,2), (1,5)->(3,5). */
    stake_u256 nothing = U64(0);
    ck_assert_rc(stake_steth_mint_shares(t, &erin, &nothing), STAKE_OK);
    stake_u256 million = U("1000000000000000000");
    ck_assert_rc(stake_steth_mint_shares(t, &erin, &million), STAKE_OK);
    /* internal shares now 2e18 + 1 */
    struct { uint64_t b, x, moved, delta; } cases[] = {
        { 0, 3, 1, 1 }, { 0, 5, 3, 4 }, { 1, 2, 1, 2 }, { 1, 5, 3, 5 }, { 0, 1, 0, 0 },
        { 2, 2, 1, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        stake_address to = A(100 + (unsigned)i);
        stake_u256 b = U64(cases[i].b), x = U64(cases[i].x), moved, before, after, delta;
        if (cases[i].b)
            ck_assert_rc(stake_steth_transfer_shares(NULL, t, &erin, &to, &b), STAKE_OK);
        ck_assert_rc(stake_steth_balance_of(&before, t, &to), STAKE_OK);
        ck_assert_rc(stake_steth_transfer(&moved, t, &erin, &to, &x), STAKE_OK);
        ck_assert_rc(stake_steth_balance_of(&after, t, &to), STAKE_OK);
        ck_assert_rc(stake_u256_sub(&delta, &after, &before), STAKE_OK);
        ck_assert_u256_eq(moved, U64(cases[i].moved));
        ck_assert_u256_eq(delta, U64(cases[i].delta));
    }
    (void)bob;
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    stake_steth_free(t);
}
END_TEST

START_TEST(token_transfer_refusals)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    stake_address alice = A(1), bob = A(2), zero;
    memset(&zero, 0, sizeof zero);
    stake_u256 value = U("5000000000000000000"), x = U("1000000000000000000"), r = sentinel();
    ck_assert_rc(stake_steth_submit(NULL, t, &alice, &value), STAKE_OK);
    ck_assert_rc(stake_steth_transfer(&r, t, &alice, &zero, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_steth_transfer(&r, t, &zero, &bob, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_steth_transfer(&r, t, &alice, &p.steth, &x), STAKE_ESELFRECIPIENT);
    stake_u256 too_much = U("6000000000000000000");
    ck_assert_rc(stake_steth_transfer(&r, t, &alice, &bob, &too_much), STAKE_EBALANCE);
    stake_u256 big = U("0xffffffffffffffffffffffffffffffff");
    /* The bound comes first, before the address checks. */
    ck_assert_rc(stake_steth_transfer(&r, t, &alice, &zero, &big), STAKE_ETOOLARGE);
    ck_assert_rc(stake_steth_stop(t), STAKE_OK);
    ck_assert_rc(stake_steth_transfer(&r, t, &alice, &bob, &x), STAKE_ESTOPPED);
    ck_assert_rc(stake_steth_transfer_shares(&r, t, &alice, &bob, &x), STAKE_ESTOPPED);
    ck_assert_rc(stake_steth_resume(t), STAKE_OK);
    ck_assert_u256_eq(r, sentinel());
    /* transferShares: transfer checks before the conversion's bound. */
    ck_assert_rc(stake_steth_transfer_shares(&r, t, &alice, &bob, &big), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_transfer_shares(&r, t, &alice, &zero, &big), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_steth_transfer_shares(&r, t, &alice, &bob, &x), STAKE_OK);
    ck_assert_u256_eq(r, x);   /* rate 1 */
    ck_assert_rc(stake_steth_transfer(NULL, t, NULL, &bob, &x), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    stake_steth_free(t);
}
END_TEST

START_TEST(token_allowances)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_address alice = A(1), bob = A(2), spender = A(9), zero;
    memset(&zero, 0, sizeof zero);
    stake_u256 value = U("5000000000000000000"), x = U("1000000000000000000"), r;
    ck_assert_rc(stake_steth_submit(NULL, t, &alice, &value), STAKE_OK);
    ck_assert_rc(stake_steth_transfer_from(&r, t, &spender, &alice, &bob, &x), STAKE_EALLOWANCE);
    ck_assert_rc(stake_steth_approve(t, &alice, &spender, &x), STAKE_OK);
    ck_assert_rc(stake_steth_approve(t, &alice, &zero, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_steth_approve(t, &zero, &spender, &x), STAKE_EZEROADDRESS);
    /* A refused transfer leaves the allowance as it was. */
    ck_assert_rc(stake_steth_transfer_from(&r, t, &spender, &alice, &zero, &x),
                 STAKE_EZEROADDRESS);
    ck_assert_rc(stake_steth_allowance(&r, t, &alice, &spender), STAKE_OK);
    ck_assert_u256_eq(r, x);
    ck_assert_rc(stake_steth_transfer_from(&r, t, &spender, &alice, &bob, &x), STAKE_OK);
    ck_assert_rc(stake_steth_allowance(&r, t, &alice, &spender), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    /* Infinite allowance is never decreased. */
    stake_u256 inf = U(MAX_U256_DEC);
    ck_assert_rc(stake_steth_approve(t, &alice, &spender, &inf), STAKE_OK);
    ck_assert_rc(stake_steth_transfer_from(NULL, t, &spender, &alice, &bob, &x), STAKE_OK);
    ck_assert_rc(stake_steth_transfer_shares_from(NULL, t, &spender, &alice, &bob, &x), STAKE_OK);
    ck_assert_rc(stake_steth_allowance(&r, t, &alice, &spender), STAKE_OK);
    ck_assert_u256_eq(r, inf);
    ck_assert_rc(stake_steth_increase_allowance(t, &alice, &spender, &x), STAKE_EOVERFLOW);
    /* increase / decrease */
    ck_assert_rc(stake_steth_approve(t, &alice, &spender, &x), STAKE_OK);
    ck_assert_rc(stake_steth_increase_allowance(t, &alice, &spender, &x), STAKE_OK);
    ck_assert_rc(stake_steth_allowance(&r, t, &alice, &spender), STAKE_OK);
    ck_assert_u256_eq(r, U("2000000000000000000"));
    stake_u256 three = U("3000000000000000000");
    ck_assert_rc(stake_steth_decrease_allowance(t, &alice, &spender, &three), STAKE_EALLOWANCE);
    ck_assert_rc(stake_steth_decrease_allowance(t, &alice, &spender, &x), STAKE_OK);
    ck_assert_rc(stake_steth_allowance(&r, t, &alice, &spender), STAKE_OK);
    ck_assert_u256_eq(r, x);
    /* transferSharesFrom spends the shares' token value. */
    stake_u256 half = U("500000000000000000");
    ck_assert_rc(stake_steth_transfer_shares_from(&r, t, &spender, &alice, &bob, &half), STAKE_OK);
    ck_assert_u256_eq(r, half);
    ck_assert_rc(stake_steth_allowance(&r, t, &alice, &spender), STAKE_OK);
    ck_assert_u256_eq(r, half);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    stake_steth_free(t);
}
END_TEST

/* At a share rate below 1, shares worth 0 wei move with no allowance
 * (core issue #1399: transferSharesFrom has no zero check). */
START_TEST(token_rate_below_one)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_address alice = A(1), bob = A(2), spender = A(9);
    stake_u256 shares = U("1000000000000000000");
    ck_assert_rc(stake_steth_mint_shares(t, &alice, &shares), STAKE_OK);
    /* internal ether 1 ether for 2 ether of shares: rate 0.5 */
    stake_u256 one = U64(1), eth = sentinel();
    ck_assert_rc(stake_steth_transfer_shares_from(&eth, t, &spender, &alice, &bob, &one), STAKE_OK);
    ck_assert_u256_eq(eth, U64(0));
    stake_u256 two = U64(2);
    ck_assert_rc(stake_steth_transfer_shares_from(&eth, t, &spender, &alice, &bob, &two),
                 STAKE_EALLOWANCE);
    stake_steth_free(t);
}
END_TEST

START_TEST(token_external_shares)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_address vault = A(7), zero;
    memset(&zero, 0, sizeof zero);
    stake_u256 s = U("100000000000000000"), r;
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &s), STAKE_OK);
    stake_lido_totals tot;
    ck_assert_rc(stake_steth_totals(&tot, t), STAKE_OK);
    ck_assert_u256_eq(tot.external_shares, s);
    ck_assert_u256_eq(tot.internal_shares, U("1000000000000000000"));
    /* totalSupply adds the floored external ether */
    ck_assert_rc(stake_steth_total_supply(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, U("1100000000000000000"));
    stake_u256 zero_amount = U64(0);
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &zero_amount), STAKE_EZEROAMOUNT);
    ck_assert_rc(stake_steth_mint_external_shares(t, &zero, &s), STAKE_EZEROADDRESS);
    {
        stake_steth_params sp;   /* _mintShares: MINT_TO_STETH_CONTRACT */
        ck_assert_rc(stake_steth_params_init(&sp, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
        ck_assert_rc(stake_steth_mint_external_shares(t, &sp.steth, &s), STAKE_ESELFRECIPIENT);
    }
    stake_u256 more = U("200000000000000000");
    ck_assert_rc(stake_steth_burn_external_shares(t, &vault, &more), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_burn_external_shares(t, &vault, &s), STAKE_OK);
    ck_assert_rc(stake_steth_totals(&tot, t), STAKE_OK);
    ck_assert_u256_eq(tot.external_shares, U64(0));
    stake_steth_free(t);

    /* The cap: with 10% max, TS = 1e18: (1e18 * 1000 - 0) / 9000. */
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    p.max_external_ratio_bp = 1000;
    ck_assert_rc(stake_steth_new(&t, &p), STAKE_OK);
    stake_u256 cap = U("111111111111111111"), over = U("111111111111111112");
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &over), STAKE_EEXCEEDSMAX);
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &cap), STAKE_OK);
    stake_u256 one_more = U64(1);
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &one_more), STAKE_EEXCEEDSMAX);
    stake_steth_free(t);
    /* Not in V2. */
    t = new_steth(STAKE_LIDO_V2);
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &s), STAKE_EINVAL);
    stake_steth_free(t);
}
END_TEST

/* V3's mintShares and burnShares call _whenNotStopped(); mintExternalShares
 * refuses a zero recipient only in _mintShares, after the amount, the
 * stop, the cap and the stake limit. V2 has no such entry points. */
START_TEST(token_share_supply_while_stopped)
{
    stake_address alice = A(3), zero;
    memset(&zero, 0, sizeof zero);
    stake_u256 one = U64(1), no_shares = U64(0), bal, after;
    for (int v = 0; v < 2; v++) {
        stake_lido_version version = v ? STAKE_LIDO_V3 : STAKE_LIDO_V2;
        stake_steth *t = new_steth(version);
        stake_u256 value = U("1000000000000000000"), shares;
        ck_assert_rc(stake_steth_submit(&shares, t, &alice, &value), STAKE_OK);
        ck_assert_rc(stake_steth_shares_of(&bal, t, &alice), STAKE_OK);
        ck_assert_rc(stake_steth_stop(t), STAKE_OK);
        stake_rc expect = version == STAKE_LIDO_V3 ? STAKE_ESTOPPED : STAKE_OK;
        ck_assert_rc(stake_steth_mint_shares(t, &alice, &one), expect);
        ck_assert_rc(stake_steth_burn_shares(t, &alice, &one), expect);
        ck_assert_rc(stake_steth_shares_of(&after, t, &alice), STAKE_OK);
        ck_assert_u256_eq(after, bal);     /* refused, or minted then burnt */
        if (version == STAKE_LIDO_V3) {
            /* the stop comes before the recipient is looked at */
            ck_assert_rc(stake_steth_mint_external_shares(t, &zero, &one), STAKE_ESTOPPED);
            ck_assert_rc(stake_steth_mint_external_shares(t, &zero, &no_shares),
                         STAKE_EZEROAMOUNT);
        }
        ck_assert_rc(stake_steth_resume(t), STAKE_OK);
        ck_assert_rc(stake_steth_mint_shares(t, &alice, &one), STAKE_OK);
        ck_assert_rc(stake_steth_burn_shares(t, &alice, &one), STAKE_OK);
        if (version == STAKE_LIDO_V3) {
            /* after the cap and the stake limit, _mintShares refuses it */
            stake_u256 limit = U("5"), per_block = U64(1);
            ck_assert_rc(stake_steth_set_staking_limit(t, &limit, &per_block), STAKE_OK);
            stake_u256 big = U("1000000000000000000");
            ck_assert_rc(stake_steth_mint_external_shares(t, &zero, &big), STAKE_ESTAKELIMIT);
            ck_assert_rc(stake_steth_mint_external_shares(t, &zero, &one), STAKE_EZEROADDRESS);
            stake_lido_stake_limit before, now;
            ck_assert_rc(stake_steth_stake_limit(&before, t), STAKE_OK);
            ck_assert_rc(stake_steth_mint_external_shares(t, &alice, &one), STAKE_OK);
            ck_assert_rc(stake_steth_stake_limit(&now, t), STAKE_OK);
            ck_assert(stake_u256_cmp(&now.prev_limit, &before.prev_limit) < 0);
        }
        stake_steth_free(t);
    }
}
END_TEST

START_TEST(token_deposits_and_pool)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_address alice = A(1);
    stake_u256 value = U("63000000000000000000"), before, after;
    ck_assert_rc(stake_steth_submit(NULL, t, &alice, &value), STAKE_OK);
    ck_assert_rc(stake_steth_total_supply(&before, t), STAKE_OK);
    ck_assert_rc(stake_steth_deposit_validators(t, 3), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_deposit_validators(t, 2), STAKE_OK);
    ck_assert_rc(stake_steth_total_supply(&after, t), STAKE_OK);
    ck_assert_u256_eq(after, before);   /* buffered became transient */
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    ck_assert_u256_eq(pool.buffered_ether, U("0"));
    ck_assert_u256_eq(pool.deposited_validators, U64(2));
    /* A pool with more CL validators than deposited is refused. */
    pool.cl_validators = U64(3);
    ck_assert_rc(stake_steth_set_pool(t, &pool), STAKE_EINVAL);
    ck_assert_rc(stake_steth_get_pool(NULL, t), STAKE_EINVAL);
    stake_steth_free(t);
}
END_TEST

/* ---- the oracle report ---------------------------------------------------------------- */

/* A pool with 100 validators of 32 ether on the CL and a 1-ether dead
 * holder, plus alice's 3199 ether of deposits. */
static stake_steth *pool_with_validators(stake_lido_version v)
{
    stake_steth *t = new_steth(v);
    stake_address alice = A(1);
    stake_u256 value = U("3199000000000000000000");
    ck_assert_rc(stake_steth_submit(NULL, t, &alice, &value), STAKE_OK);
    ck_assert_rc(stake_steth_deposit_validators(t, 100), STAKE_OK);
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    pool.cl_validators = U64(100);
    pool.cl_balance = U("3200000000000000000000");
    ck_assert_rc(stake_steth_set_pool(t, &pool), STAKE_OK);
    return t;
}

static void report_fees(stake_lido_report *r, stake_address *rec, stake_u256 *fees)
{
    ck_assert_rc(stake_lido_report_init(r, STAKE_LIDO_REPORT_VERSION), STAKE_OK);
    rec[0] = A(50);
    rec[1] = A(51);
    fees[0] = U("3500000000000000000");
    fees[1] = U("1800000000000000000");
    r->total_fee = U("10000000000000000000");   /* 10% */
    r->fee_recipients = rec;
    r->module_fees = fees;
    r->n_modules = 2;
    r->treasury = A(60);
    r->cl_validators = U64(100);
}

START_TEST(report_rewards)
{
    for (int v = 2; v <= 3; v++) {
        stake_steth *t = pool_with_validators((stake_lido_version)v);
        stake_lido_report r;
        stake_address rec[2];
        stake_u256 fees[2];
        report_fees(&r, rec, fees);
        /* +1 ether on the CL, 0.5 ether of EL rewards */
        r.cl_balance = U("3201000000000000000000");
        r.el_rewards_vault_balance = U("500000000000000000");
        stake_lido_report_result res;
        ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_OK);
        ck_assert_u256_eq(res.pre_total_ether, U("3200000000000000000000"));
        ck_assert_u256_eq(res.rewards, U("1500000000000000000"));
        ck_assert_u256_eq(res.post_total_ether, U("3201500000000000000000"));
        /* V2 and V3 agree here (no burns, fee ether exact): 10% of 1.5
         * ether = 0.15 ether worth of shares at the post rate:
         * floor(1.5e18*1e19*3.2e21 / (3201.5e18*1e20 - 1.5e18*1e19)). */
        ck_assert_u256_eq(res.fee_shares, U("149936745435519390"));
        stake_u256 sum, part;
        ck_assert_rc(stake_steth_shares_of(&part, t, &rec[0]), STAKE_OK);
        sum = part;
        ck_assert_rc(stake_steth_shares_of(&part, t, &rec[1]), STAKE_OK);
        ck_assert_rc(stake_u256_add(&sum, &sum, &part), STAKE_OK);
        ck_assert_rc(stake_steth_shares_of(&part, t, &r.treasury), STAKE_OK);
        ck_assert_u256_eq(part, res.treasury_shares);
        ck_assert_rc(stake_u256_add(&sum, &sum, &part), STAKE_OK);
        ck_assert_u256_eq(sum, res.fee_shares);
        /* The fee recipients hold (nearly) 10% of the rewards in ether. */
        stake_u256 fee_value;
        stake_lido_totals tot;
        ck_assert_rc(stake_steth_totals(&tot, t), STAKE_OK);
        ck_assert_rc(stake_lido_pooled_eth_by_shares(&fee_value, &tot, &sum), STAKE_OK);
        ck_assert_u256_eq(fee_value, U("149999999999999999"));
        ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
        stake_steth_free(t);
    }
}
END_TEST

/* The V2 and V3 formulas differ when the fee ether is not exact. */
START_TEST(report_versions_differ)
{
    stake_u256 got[2];
    for (int v = 2; v <= 3; v++) {
        stake_steth *t = pool_with_validators((stake_lido_version)v);
        stake_lido_report r;
        stake_address rec[2];
        stake_u256 fees[2];
        report_fees(&r, rec, fees);
        r.total_fee = U("10000000000000000003");
        fees[0] = U("3500000000000000001");
        r.cl_balance = U("3201000000000000000009");
        stake_lido_report_result res;
        ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_OK);
        got[v - 2] = res.fee_shares;
        stake_steth_free(t);
    }
    /* from Python: V2 shares = floor(R*f*S/((P+R)*1e20 - R*f)),
     * V3: fe = floor(R*f/1e20), floor(fe*S/(P+R-fe)) */
    ck_assert_u256_eq(got[0], U("99971882907932145"));
    ck_assert_u256_eq(got[1], U("99971882907932144"));
}
END_TEST

/* A loss lowers the rate for everybody pro rata and mints no fee. */
START_TEST(report_loss)
{
    stake_steth *t = pool_with_validators(STAKE_LIDO_V3);
    stake_lido_report r;
    stake_address rec[2];
    stake_u256 fees[2];
    report_fees(&r, rec, fees);
    r.cl_balance = U("3168000000000000000000");          /* -32 ether: -1% */
    r.el_rewards_vault_balance = U("100000000000000000");              /* EL rewards do not make it profitable */
    stake_address alice = A(1);
    stake_u256 before, after, dead_before, dead_after;
    ck_assert_rc(stake_steth_balance_of(&before, t, &alice), STAKE_OK);
    ck_assert_rc(stake_steth_balance_of(&dead_before, t, dead()), STAKE_OK);
    stake_lido_report_result res;
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_OK);
    ck_assert_u256_eq(res.fee_shares, U64(0));
    ck_assert_u256_eq(res.rewards, U64(0));
    ck_assert_rc(stake_steth_balance_of(&after, t, &alice), STAKE_OK);
    ck_assert_rc(stake_steth_balance_of(&dead_after, t, dead()), STAKE_OK);
    /* 3168.1 / 3200 of each balance, floored */
    ck_assert_u256_eq(before, U("3199000000000000000000"));
    ck_assert_u256_eq(after, U("3167109968750000000000"));
    ck_assert_u256_eq(dead_after, U("990031250000000000"));
    ck_assert_u256_eq(res.post_total_shares, res.pre_total_shares);
    stake_steth_free(t);
}
END_TEST

START_TEST(report_refusals)
{
    stake_steth *t = pool_with_validators(STAKE_LIDO_V3);
    stake_lido_report r;
    stake_address rec[2];
    stake_u256 fees[2];
    report_fees(&r, rec, fees);
    r.cl_balance = U("3201000000000000000000");
    stake_lido_report_result res;
    memset(&res, 0x5e, sizeof res);
    stake_lido_report_result untouched = res;
    r.cl_validators = U64(99);                 /* fewer than before */
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_EBADREPORT);
    r.cl_validators = U64(101);                /* more than deposited */
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_EBADREPORT);
    r.cl_validators = U64(100);
    r.total_fee = U("100000000000000000001");  /* above 100% */
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_EBADREPORT);
    r.total_fee = U("5000000000000000000");    /* below the module fees */
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_EBADREPORT);
    r.total_fee = U("10000000000000000000");
    memset(&r.treasury, 0, sizeof r.treasury);
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_EZEROADDRESS);
    ck_assert(memcmp(&res, &untouched, sizeof res) == 0);
    /* Accounting._distributeFee skips a module whose part is zero shares,
     * so its recipient is not looked at (V2 looks: see
     * report_zero_fee_shares_recipients) */
    memset(&r.treasury, 0x7e, sizeof r.treasury);
    fees[0] = U64(1);
    memset(&rec[0], 0, sizeof rec[0]);
    stake_steth *c = NULL;
    ck_assert_rc(stake_steth_clone(&c, t), STAKE_OK);
    ck_assert_rc(stake_steth_handle_report(&res, c, &r), STAKE_OK);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(c)), STAKE_OK);
    {
        stake_address nobody;
        stake_u256 held, none = U64(0);
        memset(&nobody, 0, sizeof nobody);
        ck_assert_rc(stake_steth_shares_of(&held, c, &nobody), STAKE_OK);
        ck_assert_u256_eq(held, none);
    }
    stake_steth_free(c);
    untouched = res;
    fees[0] = U64(0);                          /* a module without fee is skipped */
    ck_assert_rc(stake_steth_clone(&c, t), STAKE_OK);
    ck_assert_rc(stake_steth_handle_report(NULL, c, &r), STAKE_OK);
    stake_steth_free(c);
    /* ... and so is a treasury left with nothing, when the modules take
     * the whole fee */
    rec[0] = A(50);
    fees[0] = U("10000000000000000000");      /* one module takes it all */
    fees[1] = U64(0);
    memset(&r.treasury, 0, sizeof r.treasury);
    ck_assert_rc(stake_steth_clone(&c, t), STAKE_OK);
    ck_assert_rc(stake_steth_handle_report(&res, c, &r), STAKE_OK);
    ck_assert_u256_eq(res.treasury_shares, U64(0));
    {
        stake_u256 none = U64(0);
        ck_assert(stake_u256_cmp(&res.fee_shares, &none) > 0);
    }
    stake_steth_free(c);
    fees[0] = U("3500000000000000000");       /* now the treasury gets a part */
    fees[1] = U("1800000000000000000");
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_EZEROADDRESS);
    memset(&r.treasury, 0x7e, sizeof r.treasury);
    res = untouched;
    rec[0] = A(50);
    fees[0] = U("3500000000000000000");
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    ck_assert_u256_eq(pool.cl_balance, U("3200000000000000000000"));
    /* Accounting: the report's time must be before the block's, with or
     * without a queue (the defaults, 0 and 1, pass) */
    memset(&r.treasury, 0x7e, sizeof r.treasury);
    r.timestamp = 1000;
    r.block_timestamp = 1000;
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_ETIMESTAMP);
    r.block_timestamp = 999;
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_ETIMESTAMP);
    ck_assert(memcmp(&res, &untouched, sizeof res) == 0);
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    ck_assert_u256_eq(pool.cl_balance, U("3200000000000000000000"));
    r.block_timestamp = 1001;
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_OK);
    stake_lido_report d;
    ck_assert_rc(stake_lido_report_init(&d, STAKE_LIDO_REPORT_VERSION), STAKE_OK);
    ck_assert_uint_eq(d.timestamp, 0);
    ck_assert_uint_eq(d.block_timestamp, 1);
    r.version = 9;
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_EINVAL);
    ck_assert_rc(stake_lido_report_init(&r, 9), STAKE_EINVAL);
    stake_steth_free(t);
}
END_TEST

/* Rewards too small to mint a fee share: V2's _distributeFee still
 * transfers 0 shares to every recipient (its total fee is not zero), so a
 * zero recipient refuses the report; V3's Accounting distributes only
 * shares to mint, so the same report passes. */
START_TEST(report_zero_fee_shares_recipients)
{
    for (int v = 2; v <= 3; v++) {
        stake_steth *t = pool_with_validators((stake_lido_version)v);
        stake_lido_report r;
        stake_address rec[2];
        stake_u256 fees[2];
        report_fees(&r, rec, fees);
        r.cl_balance = U("3200000000000000000001"); /* +1 wei: 0 fee shares */
        memset(&rec[1], 0, sizeof rec[1]);
        stake_lido_report_result res;
        memset(&res, 0x5e, sizeof res);
        stake_lido_report_result untouched = res;
        stake_rc rc = stake_steth_handle_report(&res, t, &r);
        if (v == 2) {
            ck_assert_rc(rc, STAKE_EZEROADDRESS);
            ck_assert(memcmp(&res, &untouched, sizeof res) == 0);
            stake_steth_pool pool;
            ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
            ck_assert_u256_eq(pool.cl_balance, U("3200000000000000000000"));
        } else {
            ck_assert_rc(rc, STAKE_OK);
            ck_assert_u256_eq(res.fee_shares, U64(0));
            ck_assert_u256_eq(res.rewards, U64(1));
        }
        /* a recipient that is the token itself is refused alike */
        if (v == 2) {
            stake_steth_params sp;
            ck_assert_rc(stake_steth_params_init(&sp, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
            rec[1] = sp.steth;
            ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_ESELFRECIPIENT);
            /* with a proper recipient it passes, minting nothing */
            rec[1] = A(51);
            size_t accounts = stake_ledger_count(stake_steth_ledger(t));
            ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_OK);
            ck_assert_u256_eq(res.fee_shares, U64(0));
            ck_assert_uint_eq(stake_ledger_count(stake_steth_ledger(t)), accounts);
        }
        ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
        stake_steth_free(t);
    }
}
END_TEST

/* A stopped Lido takes no oracle report: V2's handleOracleReport checks it
 * first, V3's Accounting meets it in collectRewardsAndProcessWithdrawals,
 * after the report's own checks. Nothing changes; resumed, it is taken. */
START_TEST(report_refused_while_stopped)
{
    for (int v = 0; v < 2; v++) {
        stake_lido_version version = v ? STAKE_LIDO_V3 : STAKE_LIDO_V2;
        stake_steth *t = pool_with_validators(version);
        stake_lido_report r;
        stake_address rec[2];
        stake_u256 fees[2];
        report_fees(&r, rec, fees);
        r.cl_validators = U64(100);
        r.cl_balance = U("3201000000000000000000");
        stake_lido_report_result res;
        memset(&res, 0x5e, sizeof res);
        stake_lido_report_result untouched = res;
        stake_u256 supply, after;
        ck_assert_rc(stake_steth_total_supply(&supply, t), STAKE_OK);
        ck_assert_rc(stake_steth_stop(t), STAKE_OK);
        ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_ESTOPPED);
        ck_assert(memcmp(&res, &untouched, sizeof res) == 0);
        ck_assert_rc(stake_steth_total_supply(&after, t), STAKE_OK);
        ck_assert_u256_eq(after, supply);
        /* which refusal comes first depends on the version */
        r.cl_validators = U64(99);
        ck_assert_rc(stake_steth_handle_report(&res, t, &r),
                     version == STAKE_LIDO_V2 ? STAKE_ESTOPPED : STAKE_EBADREPORT);
        r.cl_validators = U64(100);
        ck_assert_rc(stake_steth_resume(t), STAKE_OK);
        ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_OK);
        stake_steth_free(t);
    }
}
END_TEST

/* ---- wstETH ------------------------------------------------------------------------------ */

/* WstETH.receive(): the wrapper deposits the ether and mints the shares
 * it received as wstETH. */
START_TEST(wsteth_submit)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    stake_address alice = A(1), zero;
    memset(&zero, 0, sizeof zero);
    /* rate 1.15: 1 ether of shares, 1.15 ether pooled */
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    pool.cl_balance = U("150000000000000000");
    ck_assert_rc(stake_steth_set_pool(t, &pool), STAKE_OK);
    stake_u256 value = U("1000000000000000000"), w = sentinel(), r;
    ck_assert_rc(stake_wsteth_submit(&w, t, &alice, &value), STAKE_OK);
    ck_assert_u256_eq(w, U("869565217391304347"));          /* floor(1e18 / 1.15) */
    ck_assert_rc(stake_wsteth_balance_of(&r, t, &alice), STAKE_OK);
    ck_assert_u256_eq(r, w);
    ck_assert_rc(stake_wsteth_total_supply(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, w);
    ck_assert_rc(stake_steth_shares_of(&r, t, &p.wsteth), STAKE_OK);
    ck_assert_u256_eq(r, w);                                 /* the wrapper holds the shares */
    ck_assert_rc(stake_steth_shares_of(&r, t, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    ck_assert_u256_eq(pool.buffered_ether, U("2000000000000000000"));

    /* Refusals change nothing. */
    stake_u256 zero_value = U64(0), before;
    ck_assert_rc(stake_wsteth_total_supply(&before, t), STAKE_OK);
    ck_assert_rc(stake_wsteth_submit(&w, t, &alice, &zero_value), STAKE_EZEROAMOUNT);
    ck_assert_rc(stake_wsteth_submit(&w, t, &zero, &value), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_steth_pause_staking(t), STAKE_OK);
    ck_assert_rc(stake_wsteth_submit(&w, t, &alice, &value), STAKE_ESTAKINGPAUSED);
    ck_assert_rc(stake_steth_resume_staking(t), STAKE_OK);
    stake_u256 half = U("500000000000000000"), none = U64(0);
    ck_assert_rc(stake_steth_set_staking_limit(t, &half, &none), STAKE_OK);
    ck_assert_rc(stake_wsteth_submit(&w, t, &alice, &value), STAKE_ESTAKELIMIT);
    ck_assert_rc(stake_wsteth_submit(NULL, t, NULL, &value), STAKE_EINVAL);
    ck_assert_rc(stake_wsteth_total_supply(&r, t), STAKE_OK);
    ck_assert_u256_eq(r, before);
    ck_assert_u256_eq(w, U("869565217391304347"));
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    ck_assert_u256_eq(pool.buffered_ether, U("2000000000000000000"));

    /* Unwrapping it all pays floor(w * 1.15): one wei short of the deposit. */
    stake_u256 x;
    ck_assert_rc(stake_wsteth_unwrap(&x, t, &alice, &before), STAKE_OK);
    ck_assert_u256_eq(x, U("999999999999999999"));
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    stake_steth_free(t);
}
END_TEST

START_TEST(wsteth_wrap_unwrap)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    stake_address alice = A(1);
    stake_u256 value = U("10000000000000000000"), w, x, inf = U(MAX_U256_DEC);
    ck_assert_rc(stake_steth_submit(NULL, t, &alice, &value), STAKE_OK);
    /* rate 1.15 */
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    pool.cl_balance = U("1650000000000000000");
    ck_assert_rc(stake_steth_set_pool(t, &pool), STAKE_OK);
    stake_u256 amount = U("1000000000000000000");
    /* wrap needs the holder's allowance to the wrapper */
    ck_assert_rc(stake_wsteth_wrap(&w, t, &alice, &amount), STAKE_EALLOWANCE);
    stake_u256 supply;
    ck_assert_rc(stake_wsteth_total_supply(&supply, t), STAKE_OK);
    ck_assert_u256_eq(supply, U64(0));
    ck_assert_rc(stake_steth_approve(t, &alice, &p.wsteth, &inf), STAKE_OK);
    ck_assert_rc(stake_wsteth_wrap(&w, t, &alice, &amount), STAKE_OK);
    ck_assert_u256_eq(w, U("869565217391304347"));
    stake_u256 wrapper_shares;
    ck_assert_rc(stake_steth_shares_of(&wrapper_shares, t, &p.wsteth), STAKE_OK);
    ck_assert_u256_eq(wrapper_shares, w);
    ck_assert_rc(stake_wsteth_unwrap(&x, t, &alice, &w), STAKE_OK);
    ck_assert_u256_eq(x, U("999999999999999999"));   /* never more than wrapped */
    ck_assert_rc(stake_wsteth_balance_of(&supply, t, &alice), STAKE_OK);
    ck_assert_u256_eq(supply, U64(0));
    /* what x = floor(w * 1.15) moves back is floor(x / 1.15) <= w shares:
     * the dust stays in the wrapper */
    ck_assert_rc(stake_steth_shares_of(&wrapper_shares, t, &p.wsteth), STAKE_OK);
    ck_assert_u256_eq(wrapper_shares, U64(1));

    stake_u256 zero = U64(0);
    ck_assert_rc(stake_wsteth_wrap(&w, t, &alice, &zero), STAKE_EZEROAMOUNT);
    ck_assert_rc(stake_wsteth_unwrap(&x, t, &alice, &zero), STAKE_EZEROAMOUNT);
    ck_assert_rc(stake_wsteth_unwrap(&x, t, &alice, &amount), STAKE_EBALANCE);
    /* views */
    ck_assert_rc(stake_wsteth_steth_per_token(&x, t), STAKE_OK);
    ck_assert_u256_eq(x, U("1150000000000000000"));
    ck_assert_rc(stake_wsteth_tokens_per_steth(&x, t), STAKE_OK);
    ck_assert_u256_eq(x, U("869565217391304347"));
    ck_assert_rc(stake_wsteth_by_steth(&x, t, &amount), STAKE_OK);
    ck_assert_u256_eq(x, U("869565217391304347"));
    ck_assert_rc(stake_steth_by_wsteth(&x, t, &amount), STAKE_OK);
    ck_assert_u256_eq(x, U("1150000000000000000"));
    /* wstETH transfers */
    stake_address bob = A(2), zero_addr;
    memset(&zero_addr, 0, sizeof zero_addr);
    ck_assert_rc(stake_wsteth_wrap(&w, t, &alice, &amount), STAKE_OK);
    ck_assert_rc(stake_wsteth_transfer(t, &alice, &bob, &w), STAKE_OK);
    ck_assert_rc(stake_wsteth_transfer(t, &alice, &bob, &w), STAKE_EBALANCE);
    ck_assert_rc(stake_wsteth_transfer(t, &bob, &zero_addr, &w), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    stake_steth_free(t);
}
END_TEST

/* wstETH's allowances are OpenZeppelin 3.4's: 2^256 - 1 is spent like any
 * other value, the transfer is checked before the allowance, and they are
 * apart from stETH's. */
START_TEST(wsteth_allowances)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    stake_address alice = A(1), bob = A(2), carol = A(3), zero;
    memset(&zero, 0, sizeof zero);
    stake_u256 value = U("10000000000000000000"), inf = U(MAX_U256_DEC), w, got;
    stake_u256 one = U64(1), none = U64(0);
    ck_assert_rc(stake_wsteth_submit(&w, t, &alice, &value), STAKE_OK);

    /* approve, separate from stETH's */
    ck_assert_rc(stake_wsteth_approve(t, &alice, &bob, &inf), STAKE_OK);
    ck_assert_rc(stake_wsteth_allowance(&got, t, &alice, &bob), STAKE_OK);
    ck_assert_u256_eq(got, inf);
    ck_assert_rc(stake_steth_allowance(&got, t, &alice, &bob), STAKE_OK);
    ck_assert_u256_eq(got, none);
    ck_assert_rc(stake_wsteth_approve(t, &zero, &bob, &one), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_wsteth_approve(t, &alice, &zero, &one), STAKE_EZEROADDRESS);

    /* transferFrom lowers even the largest allowance */
    stake_u256 part = U("300000000000000000"), left, held;
    ck_assert_rc(stake_wsteth_transfer_from(t, &bob, &alice, &carol, &part), STAKE_OK);
    ck_assert_rc(stake_wsteth_allowance(&got, t, &alice, &bob), STAKE_OK);
    ck_assert_rc(stake_u256_sub(&left, &inf, &part), STAKE_OK);
    ck_assert_u256_eq(got, left);
    ck_assert_rc(stake_wsteth_balance_of(&held, t, &carol), STAKE_OK);
    ck_assert_u256_eq(held, part);

    /* refusals, in the contract's order, and nothing changes */
    stake_u256 rest, too_much;
    ck_assert_rc(stake_wsteth_balance_of(&rest, t, &alice), STAKE_OK);
    ck_assert_rc(stake_u256_add(&too_much, &rest, &one), STAKE_OK);
    ck_assert_rc(stake_wsteth_approve(t, &alice, &carol, &one), STAKE_OK);
    ck_assert_rc(stake_wsteth_transfer_from(t, &carol, &zero, &bob, &one), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_wsteth_transfer_from(t, &carol, &alice, &zero, &one), STAKE_EZEROADDRESS);
    /* the balance is checked before the allowance */
    ck_assert_rc(stake_wsteth_transfer_from(t, &carol, &alice, &bob, &too_much),
                 STAKE_EBALANCE);
    ck_assert_rc(stake_wsteth_transfer_from(t, &carol, &alice, &bob, &part), STAKE_EALLOWANCE);
    /* a zero spender has no allowance, and fails at _approve for zero */
    ck_assert_rc(stake_wsteth_transfer_from(t, &zero, &alice, &bob, &one), STAKE_EALLOWANCE);
    ck_assert_rc(stake_wsteth_transfer_from(t, &zero, &alice, &bob, &none), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_wsteth_transfer_from(NULL, &carol, &alice, &bob, &one), STAKE_EINVAL);
    ck_assert_rc(stake_wsteth_transfer_from(t, NULL, &alice, &bob, &one), STAKE_EINVAL);
    ck_assert_rc(stake_wsteth_transfer_from(t, &carol, &alice, &bob, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_wsteth_balance_of(&held, t, &alice), STAKE_OK);
    ck_assert_u256_eq(held, rest);
    ck_assert_rc(stake_wsteth_allowance(&got, t, &alice, &carol), STAKE_OK);
    ck_assert_u256_eq(got, one);

    /* the exact allowance is used up; a zero amount needs none */
    ck_assert_rc(stake_wsteth_transfer_from(t, &carol, &alice, &carol, &one), STAKE_OK);
    ck_assert_rc(stake_wsteth_allowance(&got, t, &alice, &carol), STAKE_OK);
    ck_assert_u256_eq(got, none);
    ck_assert_rc(stake_wsteth_transfer_from(t, &carol, &alice, &carol, &one), STAKE_EALLOWANCE);
    ck_assert_rc(stake_wsteth_transfer_from(t, &bob, &carol, &alice, &none), STAKE_OK);
    ck_assert_rc(stake_wsteth_allowance(&got, t, &carol, &bob), STAKE_OK);
    ck_assert_u256_eq(got, none);

    /* increase and decrease */
    ck_assert_rc(stake_wsteth_increase_allowance(t, &alice, &carol, &part), STAKE_OK);
    ck_assert_rc(stake_wsteth_increase_allowance(t, &alice, &carol, &part), STAKE_OK);
    ck_assert_rc(stake_wsteth_allowance(&got, t, &alice, &carol), STAKE_OK);
    ck_assert_u256_eq(got, U("600000000000000000"));
    ck_assert_rc(stake_wsteth_decrease_allowance(t, &alice, &carol, &part), STAKE_OK);
    ck_assert_rc(stake_wsteth_decrease_allowance(t, &alice, &carol, &value),
                 STAKE_EALLOWANCE);
    ck_assert_rc(stake_wsteth_increase_allowance(t, &alice, &carol, &inf), STAKE_EOVERFLOW);
    ck_assert_rc(stake_wsteth_increase_allowance(t, &alice, &zero, &one), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_wsteth_decrease_allowance(t, &alice, &zero, &none), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_wsteth_allowance(&got, t, &alice, &carol), STAKE_OK);
    ck_assert_u256_eq(got, part);
    ck_assert_rc(stake_wsteth_allowance(NULL, t, &alice, &carol), STAKE_EINVAL);
    ck_assert_rc(stake_wsteth_approve(t, &alice, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_wsteth_increase_allowance(t, NULL, &carol, &one), STAKE_EINVAL);
    ck_assert_rc(stake_wsteth_decrease_allowance(t, &alice, &carol, NULL), STAKE_EINVAL);

    /* a clone carries them */
    stake_steth *c;
    ck_assert_rc(stake_steth_clone(&c, t), STAKE_OK);
    ck_assert_rc(stake_wsteth_allowance(&got, c, &alice, &carol), STAKE_OK);
    ck_assert_u256_eq(got, part);
    stake_steth_free(c);
    ck_assert_rc(stake_ledger_check(stake_wsteth_ledger(t)), STAKE_OK);
    stake_steth_free(t);
}
END_TEST

/* A V3 token where alice (A(1)) submitted 10 ether and wrapped 1 of it,
 * under an infinite allowance; *p gets the default parameters (the
 * wrapper's and the Burner's addresses) and *w the wstETH minted. */
static stake_steth *alice_wraps_one_ether(stake_steth_params *p, stake_u256 *w)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_address alice = A(1);
    stake_u256 value = U("10000000000000000000"), amount = U("1000000000000000000");
    stake_u256 inf = U(MAX_U256_DEC);
    ck_assert_rc(stake_steth_params_init(p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    ck_assert_rc(stake_steth_submit(NULL, t, &alice, &value), STAKE_OK);
    ck_assert_rc(stake_steth_approve(t, &alice, &p->wsteth, &inf), STAKE_OK);
    ck_assert_rc(stake_wsteth_wrap(w, t, &alice, &amount), STAKE_OK);
    return t;
}

/* A report that changes nothing but burns what the Burner was asked to. */
static stake_lido_report unlimited_report(void)
{
    stake_lido_report r;
    ck_assert_rc(stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION), STAKE_OK);
    r.max_positive_token_rebase = STAKE_LIDO_UNLIMITED_REBASE;
    return r;
}

/* Runs that report and checks that it burnt all of `requested`, leaving
 * the Burner empty. */
static void report_burns_all_requested(stake_steth *t, const stake_u256 *requested,
                                       const stake_address *burner)
{
    stake_lido_report r = unlimited_report();
    stake_lido_report_result res;
    stake_u256 held;
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_OK);
    ck_assert_u256_eq(res.shares_burnt, *requested);
    ck_assert_rc(stake_steth_shares_of(&held, t, burner), STAKE_OK);
    ck_assert_u256_eq(held, U64(0));
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
}

/* The wrapper's stETH moves only through unwrap, and the Burner's shares
 * awaiting a report stay put: on chain neither contract sends them (the
 * one exception, a transferSharesFrom worth 0 wei, is the next test). */
START_TEST(contract_balances_locked)
{
    stake_steth_params p;
    stake_u256 w;
    stake_steth *t = alice_wraps_one_ether(&p, &w);
    stake_address alice = A(1), bob = A(2);
    stake_u256 inf = U(MAX_U256_DEC), one = U64(1), held, before;
    /* the wrapper: no transfer, transferShares, transferFrom or burn */
    ck_assert_rc(stake_steth_transfer(NULL, t, &p.wsteth, &bob, &one), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_transfer_shares(NULL, t, &p.wsteth, &bob, &one), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_approve(t, &p.wsteth, &bob, &inf), STAKE_OK);
    ck_assert_rc(stake_steth_transfer_from(NULL, t, &bob, &p.wsteth, &bob, &one), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_transfer_shares_from(NULL, t, &bob, &p.wsteth, &bob, &one),
                 STAKE_EBALANCE);
    ck_assert_rc(stake_steth_burn_shares(t, &p.wsteth, &one), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_shares_of(&held, t, &p.wsteth), STAKE_OK);
    ck_assert_u256_eq(held, w);
    /* ... the shares-too-large path checks the lock as well */
    stake_u256 big = U("0xffffffffffffffffffffffffffffffff");
    ck_assert_rc(stake_steth_transfer_shares(NULL, t, &p.wsteth, &bob, &big), STAKE_EBALANCE);
    /* unwrap still reaches them */
    ck_assert_rc(stake_wsteth_unwrap(NULL, t, &alice, &w), STAKE_OK);

    /* the Burner: the requested shares are locked, any excess is not */
    stake_u256 req = U("2000000000000000000");
    ck_assert_rc(stake_steth_request_burn_shares(t, &alice, &req), STAKE_OK);
    ck_assert_rc(stake_steth_transfer_shares(NULL, t, &p.burner, &bob, &one), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_burn_shares(t, &p.burner, &one), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_transfer_shares(NULL, t, &alice, &p.burner, &one), STAKE_OK);
    ck_assert_rc(stake_steth_transfer_shares(NULL, t, &p.burner, &bob, &one), STAKE_OK);
    ck_assert_rc(stake_steth_transfer_shares(NULL, t, &p.burner, &bob, &one), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_shares_of(&held, t, &p.burner), STAKE_OK);
    ck_assert_u256_eq(held, req);
    ck_assert_rc(stake_steth_burn_requested(&before, t), STAKE_OK);
    ck_assert_u256_eq(before, req);
    /* and the report burns them */
    report_burns_all_requested(t, &req, &p.burner);
    stake_steth_free(t);
}
END_TEST

/* At a rate below 1 a transferSharesFrom worth 0 wei needs no allowance
 * (core issue #1399), and nothing stops it from taking shares out of the
 * wrapper or the Burner. The Burner then holds less than was requested:
 * the report's burn reverts (BALANCE_EXCEEDED) until the shares are back,
 * and such a state must still snapshot and load. */
START_TEST(zero_value_moves_unlock_contracts)
{
    stake_steth_params p;
    stake_u256 w;
    stake_steth *t = alice_wraps_one_ether(&p, &w);
    stake_address alice = A(1), bob = A(2), carol = A(3);
    stake_u256 req = U("2000000000000000000");
    stake_u256 one = U64(1), eth = sentinel(), held, allowance;
    ck_assert_rc(stake_steth_request_burn_shares(t, &alice, &req), STAKE_OK);
    /* At rate 1 (no report yet) one share is worth 1 wei: locked. */
    ck_assert_rc(stake_steth_transfer_shares_from(NULL, t, &bob, &p.wsteth, &bob, &one),
                 STAKE_EALLOWANCE);
    /* 100 ether of shares minted for nothing: the rate falls to about 0.1. */
    stake_u256 dilution = U("100000000000000000000");
    ck_assert_rc(stake_steth_mint_shares(t, &carol, &dilution), STAKE_OK);
    ck_assert_rc(stake_steth_transfer_shares_from(&eth, t, &bob, &p.wsteth, &bob, &one), STAKE_OK);
    ck_assert_u256_eq(eth, U64(0));
    ck_assert_rc(stake_steth_shares_of(&held, t, &p.wsteth), STAKE_OK);
    ck_assert_u256_eq(held, U("999999999999999999"));
    ck_assert_rc(stake_steth_shares_of(&held, t, &bob), STAKE_OK);
    ck_assert_u256_eq(held, one);
    ck_assert_rc(stake_steth_allowance(&allowance, t, &p.wsteth, &bob), STAKE_OK);
    ck_assert_u256_eq(allowance, U64(0));
    /* Shares worth a wei or more still need an allowance. */
    stake_u256 twenty = U64(20);
    ck_assert_rc(stake_steth_transfer_shares_from(NULL, t, &bob, &p.wsteth, &bob, &twenty),
                 STAKE_EALLOWANCE);
    /* Out of the Burner too, below what was requested. */
    ck_assert_rc(stake_steth_transfer_shares_from(&eth, t, &bob, &p.burner, &bob, &one), STAKE_OK);
    ck_assert_rc(stake_steth_shares_of(&held, t, &p.burner), STAKE_OK);
    ck_assert_u256_eq(held, U("1999999999999999999"));
    ck_assert_rc(stake_steth_burn_requested(&held, t), STAKE_OK);
    ck_assert_u256_eq(held, req);
    ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
    /* Such a state is one a chain reaches: it snapshots and loads. */
    stake_snapshot *snap = NULL;
    stake_steth *back = NULL;
    ck_assert_rc(stake_snapshot_new(&snap), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_steth(snap, "steth", t), STAKE_OK);
    ck_assert_rc(stake_snapshot_get_steth(&back, snap, "steth"), STAKE_OK);
    ck_assert_rc(stake_steth_shares_of(&held, back, &p.burner), STAKE_OK);
    ck_assert_u256_eq(held, U("1999999999999999999"));
    stake_steth_free(back);
    stake_snapshot_free(snap);
    /* The report would burn all 2 ether of requested shares: it reverts
     * and changes nothing. */
    stake_lido_report r = unlimited_report();
    stake_lido_report_result res;
    ck_assert_rc(stake_steth_handle_report(&res, t, &r), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_burn_requested(&held, t), STAKE_OK);
    ck_assert_u256_eq(held, req);
    /* With the share given back, the burn goes through. */
    ck_assert_rc(stake_steth_transfer_shares(NULL, t, &bob, &p.burner, &one), STAKE_OK);
    report_burns_all_requested(t, &req, &p.burner);
    stake_steth_free(t);
}
END_TEST

/* burnShares converts the burnt shares at the new rate for its event: a
 * burn that leaves no (internal) shares divides by zero and reverts. */
START_TEST(burn_to_zero_refused)
{
    stake_steth *t = new_steth(STAKE_LIDO_V2);
    stake_u256 all, after;
    ck_assert_rc(stake_steth_total_shares(&all, t), STAKE_OK);
    ck_assert_rc(stake_steth_burn_shares(t, dead(), &all), STAKE_EINTERNALZERO);
    ck_assert_rc(stake_steth_total_shares(&after, t), STAKE_OK);
    ck_assert_u256_eq(after, all);
    stake_u256 one = U64(1), rest;
    ck_assert_rc(stake_u256_sub(&rest, &all, &one), STAKE_OK);
    ck_assert_rc(stake_steth_burn_shares(t, dead(), &rest), STAKE_OK);
    ck_assert_rc(stake_steth_total_shares(&after, t), STAKE_OK);
    ck_assert_u256_eq(after, one);
    stake_steth_free(t);
}
END_TEST

/* ---- properties over random operation sequences -------------------------------------------------- */

static uint64_t prng = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
    prng ^= prng << 13;
    prng ^= prng >> 7;
    prng ^= prng << 17;
    return prng;
}

static stake_u256 rnd_amount(void)
{
    /* dust to whales: 1 wei .. ~1e21 */
    int bits = 1 + (int)(rnd() % 70);
    stake_u256 v = U64(0);
    v.w[0] = rnd();
    v.w[1] = rnd();
    if (bits < 64) {
        v.w[0] &= (1ULL << bits) - 1;
        v.w[1] = 0;
    } else {
        v.w[1] &= (1ULL << (bits - 64)) - 1;
    }
    return v;
}

/* Thousands of random deposits, transfers, reports, wraps: the ledger
 * invariant holds, a transfer delta is always in {x-2, x-1, x}, a
 * wrap/unwrap round trip never pays out more than was put in, and no
 * operation creates value (the sum of balances never exceeds the total
 * supply). */
START_TEST(properties)
{
    for (int v = 2; v <= 3; v++) {
        stake_steth *t = pool_with_validators((stake_lido_version)v);
        stake_steth_params p;
        ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
        enum { HOLDERS = 40 };
        stake_u256 inf = U(MAX_U256_DEC);
        for (unsigned h = 1; h <= HOLDERS; h++) {
            stake_address a = A(h);
            ck_assert_rc(stake_steth_approve(t, &a, &p.wsteth, &inf), STAKE_OK);
        }
        for (int step = 0; step < 3000; step++) {
            stake_address from = A(1 + (unsigned)(rnd() % HOLDERS));
            stake_address to = A(1 + (unsigned)(rnd() % HOLDERS));
            stake_u256 x = rnd_amount();
            int op = (int)(rnd() % 10);
            if (op <= 1) {
                (void)!stake_steth_submit(NULL, t, &from, &x);
            } else if (op <= 5) {
                stake_u256 before, after, delta, sender_before, sender_after, sent;
                if (memcmp(&from, &to, sizeof from) == 0)
                    continue;
                ck_assert_rc(stake_steth_balance_of(&before, t, &to), STAKE_OK);
                ck_assert_rc(stake_steth_balance_of(&sender_before, t, &from), STAKE_OK);
                stake_rc rc = stake_steth_transfer(NULL, t, &from, &to, &x);
                ck_assert(rc == STAKE_OK || rc == STAKE_EBALANCE);
                if (rc != STAKE_OK)
                    continue;
                ck_assert_rc(stake_steth_balance_of(&after, t, &to), STAKE_OK);
                ck_assert_rc(stake_steth_balance_of(&sender_after, t, &from), STAKE_OK);
                ck_assert_rc(stake_u256_sub(&delta, &after, &before), STAKE_OK);
                ck_assert_rc(stake_u256_sub(&sent, &sender_before, &sender_after), STAKE_OK);
                /* delta in {x-2, x-1, x}; the sender loses the same set */
                ck_assert_int_le(stake_u256_cmp(&delta, &x), 0);
                stake_u256 d2, two = U64(2);
                ck_assert_rc(stake_u256_add(&d2, &delta, &two), STAKE_OK);
                ck_assert_int_ge(stake_u256_cmp(&d2, &x), 0);
                ck_assert_int_le(stake_u256_cmp(&sent, &x), 0);
                ck_assert_rc(stake_u256_add(&d2, &sent, &two), STAKE_OK);
                ck_assert_int_ge(stake_u256_cmp(&d2, &x), 0);
            } else if (op <= 7) {
                stake_u256 w, back;
                stake_rc rc = stake_wsteth_wrap(&w, t, &from, &x);
                if (rc != STAKE_OK || (w.w[0] | w.w[1] | w.w[2] | w.w[3]) == 0)
                    continue;
                ck_assert_rc(stake_wsteth_unwrap(&back, t, &from, &w), STAKE_OK);
                ck_assert_int_le(stake_u256_cmp(&back, &x), 0);
            } else {
                /* a report: CL balance moves by up to +-0.5% */
                stake_steth_pool pool;
                ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
                stake_lido_report r;
                stake_address rec[2];
                stake_u256 fees[2];
                report_fees(&r, rec, fees);
                stake_u256 delta, permille = U64(rnd() % 5 + 1);
                stake_u256 thousand = U64(1000);
                ck_assert_rc(stake_u256_muldiv(&delta, &pool.cl_balance, &permille, &thousand,
                                               STAKE_ROUND_FLOOR), STAKE_OK);
                if (rnd() % 2)
                    ck_assert_rc(stake_u256_add(&r.cl_balance, &pool.cl_balance, &delta), STAKE_OK);
                else
                    ck_assert_rc(stake_u256_sub(&r.cl_balance, &pool.cl_balance, &delta), STAKE_OK);
                r.cl_validators = pool.cl_validators;
                ck_assert_rc(stake_steth_handle_report(NULL, t, &r), STAKE_OK);
            }
            ck_assert_rc(stake_ledger_check(stake_steth_ledger(t)), STAKE_OK);
        }
        /* No value created: the balances of all holders sum to at most the
         * total supply. */
        const stake_ledger *l = stake_steth_ledger(t);
        stake_lido_totals tot;
        ck_assert_rc(stake_steth_totals(&tot, t), STAKE_OK);
        stake_conversion c;
        ck_assert_rc(stake_lido_conversion(&c, &tot, STAKE_LIDO_SHARES_TO_ETHER), STAKE_OK);
        size_t n = stake_ledger_count(l);
        stake_u256 *bal = malloc(n * sizeof *bal);
        ck_assert_ptr_nonnull(bal);
        ck_assert_rc(stake_ledger_convert_all(bal, n, l, &c, NULL), STAKE_OK);
        stake_u256 sum = U64(0), supply;
        for (size_t i = 0; i < n; i++)
            ck_assert_rc(stake_u256_add(&sum, &sum, &bal[i]), STAKE_OK);
        ck_assert_rc(stake_steth_total_supply(&supply, t), STAKE_OK);
        ck_assert_int_le(stake_u256_cmp(&sum, &supply), 0);
        free(bal);
        stake_steth_free(t);
    }
}
END_TEST

START_TEST(clone_is_independent)
{
    stake_steth *t = pool_with_validators(STAKE_LIDO_V3), *c = NULL;
    ck_assert_rc(stake_steth_clone(&c, t), STAKE_OK);
    stake_address alice = A(1), bob = A(2);
    stake_u256 x = U("1000000000000000000"), a, b;
    ck_assert_rc(stake_steth_transfer(NULL, c, &alice, &bob, &x), STAKE_OK);
    ck_assert_rc(stake_steth_balance_of(&a, t, &bob), STAKE_OK);
    ck_assert_rc(stake_steth_balance_of(&b, c, &bob), STAKE_OK);
    ck_assert_u256_eq(a, U64(0));
    ck_assert_u256_eq(b, x);
    ck_assert_rc(stake_steth_clone(NULL, t), STAKE_EINVAL);
    stake_steth_free(c);
    stake_steth_free(t);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("lido");
    TCase *tc = tcase_create("pure");
    tcase_add_test(tc, pure_conversions);
    tcase_add_test(tc, pure_external);
    tcase_add_test(tc, pure_refusals);
    tcase_add_test(tc, pure_v3_product_wraps);
    tcase_add_test(tc, pure_conversion_batch);
    tcase_add_test(tc, fee_formulas);
    tcase_add_test(tc, module_fees_and_split);
    suite_add_tcase(s, tc);

    tc = tcase_create("token");
    tcase_add_test(tc, token_bootstrap);
    tcase_add_test(tc, token_submit);
    tcase_add_test(tc, token_shares_overflow);
    tcase_add_test(tc, token_transfer_wei_cases);
    tcase_add_test(tc, token_transfer_refusals);
    tcase_add_test(tc, token_allowances);
    tcase_add_test(tc, token_rate_below_one);
    tcase_add_test(tc, token_external_shares);
    tcase_add_test(tc, token_share_supply_while_stopped);
    tcase_add_test(tc, token_deposits_and_pool);
    tcase_add_test(tc, clone_is_independent);
    suite_add_tcase(s, tc);

    tc = tcase_create("report");
    tcase_add_test(tc, report_rewards);
    tcase_add_test(tc, report_versions_differ);
    tcase_add_test(tc, report_loss);
    tcase_add_test(tc, report_refusals);
    tcase_add_test(tc, report_zero_fee_shares_recipients);
    tcase_add_test(tc, report_refused_while_stopped);
    suite_add_tcase(s, tc);

    tc = tcase_create("wsteth");
    tcase_add_test(tc, wsteth_wrap_unwrap);
    tcase_add_test(tc, wsteth_submit);
    tcase_add_test(tc, wsteth_allowances);
    tcase_add_test(tc, contract_balances_locked);
    tcase_add_test(tc, zero_value_moves_unlock_contracts);
    tcase_add_test(tc, burn_to_zero_refused);
    suite_add_tcase(s, tc);

    tc = tcase_create("properties");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, properties);
    suite_add_tcase(s, tc);
    return s;
}
