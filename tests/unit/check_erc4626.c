/*
 * Unit tests of the ERC-4626 model (OpenZeppelin v5): the pure views and
 * their conversions, the stateful vault with every refusal in the
 * contract's order, outputs and state untouched on refusal, the empty
 * vault, the inflation attack with and without a decimals offset, and
 * randomized properties over thousands of operations. Expected numbers
 * were worked out by hand from the formulas of ERC4626.sol.
 */
#include <unistd.h>

#include "testutil.h"
#include "proputil.h"

#define NACC 6   /* A(0) is the zero address */

static stake_address A(unsigned n)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    if (n) {
        a.bytes[0] = 0xbb;
        a.bytes[19] = (uint8_t)n;
    }
    return a;
}

static stake_u256 MAX(void)
{
    return U(MAX_U256_DEC);
}

static stake_erc4626_state st(unsigned d, const char *assets, const char *supply)
{
    stake_erc4626_state s;
    s.decimals_offset = d;
    s.total_assets = U(assets);
    s.total_supply = U(supply);
    return s;
}

/* Everything observable about a vault, to prove that a refusal changed
 * nothing. */
struct digest {
    stake_erc4626_state state;
    stake_u256 balance[NACC];
    stake_u256 allowance[NACC][NACC];
    size_t accounts;
};

static struct digest digest_of(const stake_erc4626_vault *v)
{
    struct digest d;
    memset(&d, 0, sizeof d);
    ck_assert_rc(stake_erc4626_vault_state(&d.state, v), STAKE_OK);
    for (unsigned i = 0; i < NACC; i++) {
        stake_address a = A(i);
        ck_assert_rc(stake_erc4626_vault_balance_of(&d.balance[i], v, &a), STAKE_OK);
        for (unsigned j = 0; j < NACC; j++) {
            stake_address b = A(j);
            ck_assert_rc(stake_erc4626_vault_allowance(&d.allowance[i][j], v, &a, &b), STAKE_OK);
        }
    }
    d.accounts = stake_ledger_count(stake_erc4626_vault_ledger(v));
    ck_assert_rc(stake_ledger_check(stake_erc4626_vault_ledger(v)), STAKE_OK);
    return d;
}

static int digest_eq(const struct digest *a, const struct digest *b)
{
    /* field by field: the structures have padding */
    if (a->state.decimals_offset != b->state.decimals_offset ||
        stake_u256_cmp(&a->state.total_assets, &b->state.total_assets) != 0 ||
        stake_u256_cmp(&a->state.total_supply, &b->state.total_supply) != 0 ||
        a->accounts != b->accounts)
        return 0;
    return memcmp(a->balance, b->balance, sizeof a->balance) == 0 &&
           memcmp(a->allowance, b->allowance, sizeof a->allowance) == 0;
}

#define ck_assert_unchanged(v, before) \
    do { struct digest ck_after_ = digest_of(v); \
         ck_assert_msg(digest_eq(&(before), &ck_after_), "refusal changed the vault"); } while (0)

static stake_erc4626_vault *vault_new(unsigned d)
{
    stake_erc4626_vault *v = NULL;
    ck_assert_rc(stake_erc4626_vault_new(&v, d, 0), STAKE_OK);
    ck_assert_ptr_nonnull(v);
    return v;
}

static stake_u256 deposit(stake_erc4626_vault *v, unsigned who, const char *assets)
{
    stake_address a = A(who);
    stake_u256 x = U(assets), shares;
    ck_assert_rc(stake_erc4626_vault_deposit(&shares, v, &a, &a, &x), STAKE_OK);
    return shares;
}

/* ---- pure functions --------------------------------------------------------- */

START_TEST(pure_empty_vault)
{
    /* No special case: an empty vault converts at 10^d shares per asset. */
    for (unsigned d = 0; d <= 9; d += 3) {
        stake_erc4626_state s = { d, U64(0), U64(0) };
        stake_u256 pow = U64(1), r;
        for (unsigned i = 0; i < d; i++)
            pow.w[0] *= 10;
        stake_u256 x = U64(12345);
        ck_assert_rc(stake_erc4626_convert_to_shares(&r, &s, &x), STAKE_OK);
        ck_assert_u256_eq(r, U64(12345 * pow.w[0]));
        ck_assert_rc(stake_erc4626_preview_deposit(&r, &s, &x), STAKE_OK);
        ck_assert_u256_eq(r, U64(12345 * pow.w[0]));
        ck_assert_rc(stake_erc4626_preview_withdraw(&r, &s, &x), STAKE_OK);
        ck_assert_u256_eq(r, U64(12345 * pow.w[0]));
        ck_assert_rc(stake_erc4626_convert_to_assets(&r, &s, &x), STAKE_OK);
        ck_assert_u256_eq(r, U64(12345 / pow.w[0]));
        ck_assert_rc(stake_erc4626_preview_redeem(&r, &s, &x), STAKE_OK);
        ck_assert_u256_eq(r, U64(12345 / pow.w[0]));
        ck_assert_rc(stake_erc4626_preview_mint(&r, &s, &x), STAKE_OK);
        ck_assert_u256_eq(r, U64((12345 + pow.w[0] - 1) / pow.w[0]));
    }
}
END_TEST

START_TEST(pure_rounding_table)
{
    /* A = 10, S = 3, d = 0: assets -> shares is x * 4 / 11, shares ->
     * assets x * 11 / 4. For x = 5: 20/11 = 1.8, 55/4 = 13.75. */
    stake_erc4626_state s = st(0, "10", "3");
    stake_u256 x = U64(5), r;
    ck_assert_rc(stake_erc4626_convert_to_shares(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(1));
    ck_assert_rc(stake_erc4626_preview_deposit(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(1));
    ck_assert_rc(stake_erc4626_preview_withdraw(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(2));
    ck_assert_rc(stake_erc4626_convert_to_assets(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(13));
    ck_assert_rc(stake_erc4626_preview_redeem(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(13));
    ck_assert_rc(stake_erc4626_preview_mint(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(14));
    /* exact divisions round the same both ways: 11 * 4 / 11 */
    x = U64(11);
    ck_assert_rc(stake_erc4626_preview_withdraw(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(4));
    /* in place */
    x = U64(5);
    ck_assert_rc(stake_erc4626_preview_mint(&x, &s, &x), STAKE_OK);
    ck_assert_u256_eq(x, U64(14));
    /* totals after a gain: realistic wei numbers, floor(1e18 * (1e21 +
     * 1e9) / (1.05e21 + 1)) with d = 9 */
    s = st(9, "1050000000000000000000", "1000000000000000000000");
    x = U("1000000000000000000");
    ck_assert_rc(stake_erc4626_convert_to_shares(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, U("952380952381904761"));
    ck_assert_rc(stake_erc4626_preview_withdraw(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, U("952380952381904762"));
}
END_TEST

START_TEST(pure_refusals)
{
    typedef stake_rc (*view_fn)(stake_u256 *, const stake_erc4626_state *, const stake_u256 *);
    view_fn fns[] = { stake_erc4626_convert_to_shares, stake_erc4626_convert_to_assets,
                      stake_erc4626_preview_deposit, stake_erc4626_preview_mint,
                      stake_erc4626_preview_withdraw, stake_erc4626_preview_redeem };
    stake_u256 one = U64(1), zero = U64(0);
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        stake_erc4626_state ok = st(0, "1", "1");
        stake_u256 r = sentinel();
        ck_assert_rc(fns[i](NULL, &ok, &one), STAKE_EINVAL);
        ck_assert_rc(fns[i](&r, NULL, &one), STAKE_EINVAL);
        ck_assert_rc(fns[i](&r, &ok, NULL), STAKE_EINVAL);
        /* 10^78 does not fit: checked exponentiation reverts */
        stake_erc4626_state bad = st(78, "1", "1");
        ck_assert_rc(fns[i](&r, &bad, &zero), STAKE_EOVERFLOW);
        bad.decimals_offset = 255;
        ck_assert_rc(fns[i](&r, &bad, &zero), STAKE_EOVERFLOW);
        /* 10^77 does */
        bad.decimals_offset = 77;
        ck_assert_rc(fns[i](&r, &bad, &zero), STAKE_OK);
        ck_assert_u256_eq(r, zero);
        r = sentinel();
        /* totalSupply + 10^d and totalAssets + 1 are checked, even for x = 0 */
        bad = st(0, "1", MAX_U256_DEC);
        ck_assert_rc(fns[i](&r, &bad, &zero), STAKE_EOVERFLOW);
        bad = st(3, "1", "115792089237316195423570985008687907853269984665640564039457584007913129638936");
        ck_assert_rc(fns[i](&r, &bad, &zero), STAKE_EOVERFLOW);
        bad.decimals_offset = 2;   /* S + 100 fits */
        ck_assert_rc(fns[i](&r, &bad, &zero), STAKE_OK);
        r = sentinel();
        bad = st(0, MAX_U256_DEC, "1");
        ck_assert_rc(fns[i](&r, &bad, &zero), STAKE_EOVERFLOW);
        ck_assert_u256_eq(r, sentinel());
    }
    /* mulDiv's result of 2^256 or more: 2^255 * 3 / 1 */
    stake_erc4626_state s = st(0, "0", "2");
    stake_u256 x = U("0x8000000000000000000000000000000000000000000000000000000000000000");
    stake_u256 r = sentinel();
    ck_assert_rc(stake_erc4626_convert_to_shares(&r, &s, &x), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    /* ... while the product itself may exceed 2^256 when the result fits */
    s = st(0, "2", "2");
    ck_assert_rc(stake_erc4626_convert_to_shares(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, x);
    /* ceil refuses a floor of 2^256 - 1 with a remainder: x * 6 / 5 with
     * x = (5 * (2^256 - 1) + 3) / 6, which floor still accepts */
    x = U("96493407697763496186309154173906589877724987221367136699547986673260941366613");
    s = st(0, "4", "5");
    r = sentinel();
    ck_assert_rc(stake_erc4626_preview_withdraw(&r, &s, &x), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_rc(stake_erc4626_preview_deposit(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, MAX());
    x = MAX();
    s = st(0, "1", "1");   /* (2^256 - 1) * 2 / 2 exactly */
    ck_assert_rc(stake_erc4626_preview_withdraw(&r, &s, &x), STAKE_OK);
    ck_assert_u256_eq(r, x);
}
END_TEST

START_TEST(pure_conversion)
{
    stake_erc4626_state s = st(6, "5000", "7000000");
    stake_conversion c;
    ck_assert_rc(stake_erc4626_conversion(&c, &s, STAKE_ERC4626_ASSETS_TO_SHARES,
                                          STAKE_ROUND_CEIL), STAKE_OK);
    ck_assert_u256_eq(c.num, U64(8000000));
    ck_assert_u256_eq(c.den, U64(5001));
    ck_assert_int_eq(c.rounding, STAKE_ROUND_CEIL);
    ck_assert_int_eq(c.product, STAKE_PRODUCT_WIDE);
    ck_assert_u256_eq(c.input_bound, U64(0));
    ck_assert_rc(stake_erc4626_conversion(&c, &s, STAKE_ERC4626_SHARES_TO_ASSETS,
                                          STAKE_ROUND_FLOOR), STAKE_OK);
    ck_assert_u256_eq(c.num, U64(5001));
    ck_assert_u256_eq(c.den, U64(8000000));
    ck_assert_int_eq(c.rounding, STAKE_ROUND_FLOOR);

    /* a batch of balances equals the views one by one */
    stake_u256 in[64], out[64];
    uint64_t seed = 42;
    for (int i = 0; i < 64; i++)
        in[i] = prop_amount(&seed);
    for (int dir = 0; dir < 2; dir++) {
        for (int rnd = 0; rnd < 4; rnd++) {
            ck_assert_rc(stake_erc4626_conversion(&c, &s, (stake_erc4626_direction)dir,
                                                  (stake_rounding)rnd), STAKE_OK);
            size_t failed = 99;
            stake_rc rc = stake_convert_batch(out, in, 64, &c, &failed);
            for (int i = 0; i < 64 && rc == STAKE_OK; i++) {
                stake_u256 one;
                stake_rc r1 = dir == 0
                    ? ((rnd & 1) ? stake_erc4626_preview_withdraw(&one, &s, &in[i])
                                 : stake_erc4626_convert_to_shares(&one, &s, &in[i]))
                    : ((rnd & 1) ? stake_erc4626_preview_mint(&one, &s, &in[i])
                                 : stake_erc4626_convert_to_assets(&one, &s, &in[i]));
                ck_assert_rc(r1, STAKE_OK);
                ck_assert_u256_eq(out[i], one);
            }
            ck_assert_rc(rc, STAKE_OK);
        }
    }

    /* refusals */
    stake_conversion keep;
    memset(&keep, 0x5a, sizeof keep);
    c = keep;
    ck_assert_rc(stake_erc4626_conversion(NULL, &s, STAKE_ERC4626_ASSETS_TO_SHARES,
                                          STAKE_ROUND_FLOOR), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_conversion(&c, NULL, STAKE_ERC4626_ASSETS_TO_SHARES,
                                          STAKE_ROUND_FLOOR), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_conversion(&c, &s, (stake_erc4626_direction)2,
                                          STAKE_ROUND_FLOOR), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_conversion(&c, &s, STAKE_ERC4626_ASSETS_TO_SHARES,
                                          (stake_rounding)4), STAKE_EINVAL);
    s = st(78, "0", "0");
    ck_assert_rc(stake_erc4626_conversion(&c, &s, STAKE_ERC4626_ASSETS_TO_SHARES,
                                          STAKE_ROUND_FLOOR), STAKE_EOVERFLOW);
    s = st(0, MAX_U256_DEC, "0");
    ck_assert_rc(stake_erc4626_conversion(&c, &s, STAKE_ERC4626_SHARES_TO_ASSETS,
                                          STAKE_ROUND_FLOOR), STAKE_EOVERFLOW);
    ck_assert_int_eq(memcmp(&c, &keep, sizeof c), 0);
}
END_TEST

/* ---- the vault ------------------------------------------------------------- */

START_TEST(vault_lifecycle)
{
    stake_erc4626_vault *v = NULL;
    ck_assert_rc(stake_erc4626_vault_new(NULL, 0, 0), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_new(&v, 256, 0), STAKE_EINVAL);
    ck_assert_ptr_null(v);
    /* the contract deploys with any uint8 offset; above 77 its conversions
     * revert on 10^d while maxDeposit, maxRedeem and transfers still work */
    ck_assert_rc(stake_erc4626_vault_new(&v, 255, 0), STAKE_OK);
    {
        stake_address a = { { 0xa1 } };
        stake_u256 out = U64(7), amount = U64(1), mx;
        ck_assert_rc(stake_erc4626_vault_deposit(&out, v, &a, &a, &amount), STAKE_EOVERFLOW);
        ck_assert_rc(stake_erc4626_vault_mint(&out, v, &a, &a, &amount), STAKE_EOVERFLOW);
        ck_assert_u256_eq(out, U64(7));
        ck_assert_rc(stake_erc4626_vault_max_withdraw(&out, v, &a), STAKE_EOVERFLOW);
        ck_assert_rc(stake_erc4626_vault_max_redeem(&mx, v, &a), STAKE_OK);
        ck_assert_u256_eq(mx, U64(0));
    }
    stake_erc4626_vault_free(v);
    v = NULL;
    ck_assert_rc(stake_erc4626_vault_new(&v, 77, 1000), STAKE_OK);
    stake_erc4626_state s;
    ck_assert_rc(stake_erc4626_vault_state(&s, v), STAKE_OK);
    ck_assert_uint_eq(s.decimals_offset, 77);
    ck_assert_u256_eq(s.total_assets, U64(0));
    ck_assert_u256_eq(s.total_supply, U64(0));
    ck_assert_rc(stake_erc4626_vault_state(NULL, v), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_state(&s, NULL), STAKE_EINVAL);
    ck_assert_ptr_null(stake_erc4626_vault_ledger(NULL));
    ck_assert_ptr_nonnull(stake_erc4626_vault_ledger(v));
    ck_assert_rc(stake_erc4626_vault_clone(NULL, v), STAKE_EINVAL);
    stake_erc4626_vault *c = NULL;
    ck_assert_rc(stake_erc4626_vault_clone(&c, NULL), STAKE_EINVAL);
    stake_erc4626_vault_free(v);
    stake_erc4626_vault_free(NULL);
}
END_TEST

START_TEST(vault_deposit_mint)
{
    stake_erc4626_vault *v = vault_new(3);
    stake_address alice = A(1), bob = A(2);
    stake_u256 r, x = U64(1000);
    /* empty vault, d = 3: 1000 assets give 1000 * 1000 / 1 shares */
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, &bob, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(1000000));
    stake_u256 b;
    ck_assert_rc(stake_erc4626_vault_balance_of(&b, v, &bob), STAKE_OK);
    ck_assert_u256_eq(b, U64(1000000));
    ck_assert_rc(stake_erc4626_vault_balance_of(&b, v, &alice), STAKE_OK);
    ck_assert_u256_eq(b, U64(0));
    /* mint 1234 shares: ceil(1234 * 1001 / 1001000) = ceil(1.234) = 2 */
    x = U64(1234);
    ck_assert_rc(stake_erc4626_vault_mint(&r, v, &bob, &alice, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(2));
    stake_erc4626_state s;
    ck_assert_rc(stake_erc4626_vault_state(&s, v), STAKE_OK);
    ck_assert_u256_eq(s.total_assets, U64(1002));
    ck_assert_u256_eq(s.total_supply, U64(1001234));
    /* zero amounts are fine */
    x = U64(0);
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, &alice, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    ck_assert_rc(stake_erc4626_vault_mint(&r, v, &alice, &alice, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    ck_assert_rc(stake_ledger_check(stake_erc4626_vault_ledger(v)), STAKE_OK);
    stake_erc4626_vault_free(v);
}
END_TEST

START_TEST(vault_deposit_refusals)
{
    stake_erc4626_vault *v = vault_new(0);
    deposit(v, 1, "1000");
    stake_address alice = A(1), zero = A(0);
    stake_u256 x = U64(5), r = sentinel();
    struct digest before = digest_of(v);

    /* NULLs */
    ck_assert_rc(stake_erc4626_vault_deposit(NULL, v, &alice, &alice, &x), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_deposit(&r, NULL, &alice, &alice, &x), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, NULL, &alice, &x), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, NULL, &x), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, &alice, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_mint(&r, v, &alice, &alice, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_mint(NULL, v, &alice, &alice, &x), STAKE_EINVAL);
    /* ERC20InvalidReceiver, also for zero amounts */
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, &zero, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_erc4626_vault_mint(&r, v, &alice, &zero, &x), STAKE_EZEROADDRESS);
    x = U64(0);
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, &zero, &x), STAKE_EZEROADDRESS);
    /* the preview's overflow comes first: (2^256 - 1) * 1001 / 1001 fits,
     * but twice that does not */
    x = MAX();
    ck_assert_rc(stake_erc4626_vault_mint(&r, v, &alice, &zero, &x), STAKE_EOVERFLOW);
    /* the asset transfer (total assets + assets) comes before the receiver */
    x = U("115792089237316195423570985008687907853269984665640564039457584007913129639000");
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, &zero, &x), STAKE_EOVERFLOW);
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, &alice, &x), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_unchanged(v, before);
    stake_erc4626_vault_free(v);

    /* total supply overflow with assets that still fit: d = 0, A = 0, S = 0,
     * deposit 2^255 twice (1:1), then supply 2^256 would wrap... but the
     * second deposit's assets overflow first; use a loss to keep assets low */
    v = vault_new(0);
    stake_u256 half = U("0x8000000000000000000000000000000000000000000000000000000000000000");
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, &alice, &half), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_loss(v, &half), STAKE_OK);
    /* now A = 0, S = 2^255: shares = 2^255 * (2^255 + 1) / 1 overflows in mulDiv */
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, &alice, &half), STAKE_EOVERFLOW);
    /* mint 2^255 shares costs ceil(2^255 * 1 / (2^255 + 1)) = 1 asset, and
     * the supply would reach 2^256 */
    before = digest_of(v);
    r = sentinel();
    ck_assert_rc(stake_erc4626_vault_mint(&r, v, &alice, &alice, &half), STAKE_EOVERFLOW);
    /* ... after the receiver check */
    ck_assert_rc(stake_erc4626_vault_mint(&r, v, &alice, &zero, &half), STAKE_EZEROADDRESS);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_unchanged(v, before);
    stake_u256 fits = U("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    ck_assert_rc(stake_erc4626_vault_mint(&r, v, &alice, &alice, &fits), STAKE_OK);
    ck_assert_u256_eq(r, U64(1));
    stake_erc4626_vault_free(v);
}
END_TEST

START_TEST(vault_withdraw_redeem)
{
    stake_erc4626_vault *v = vault_new(0);
    stake_address alice = A(1), bob = A(2), carol = A(3);
    deposit(v, 1, "1000");           /* 1000 shares */
    stake_u256 gain = U64(500);
    ck_assert_rc(stake_erc4626_vault_gain(v, &gain), STAKE_OK);
    /* A = 1500, S = 1000: maxWithdraw = floor(1000 * 1501 / 1001) = 1499 */
    stake_u256 r;
    ck_assert_rc(stake_erc4626_vault_max_withdraw(&r, v, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U64(1499));
    ck_assert_rc(stake_erc4626_vault_max_redeem(&r, v, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U64(1000));
    /* withdraw 100 assets to bob: ceil(100 * 1001 / 1501) = ceil(66.69) = 67 */
    stake_u256 x = U64(100);
    ck_assert_rc(stake_erc4626_vault_withdraw(&r, v, &alice, &bob, &alice, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(67));
    /* redeem 33 shares: floor(33 * 1401 / 934) = floor(49.5) = 49 */
    x = U64(33);
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &alice, &carol, &alice, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(49));
    stake_erc4626_state s;
    ck_assert_rc(stake_erc4626_vault_state(&s, v), STAKE_OK);
    ck_assert_u256_eq(s.total_assets, U64(1351));
    ck_assert_u256_eq(s.total_supply, U64(900));
    /* everything that is left: maxWithdraw = floor(900 * 1352 / 901) = 1350 */
    ck_assert_rc(stake_erc4626_vault_max_withdraw(&r, v, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U64(1350));
    x = r;
    ck_assert_rc(stake_erc4626_vault_withdraw(&r, v, &alice, &alice, &alice, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(900));   /* ceil(1350 * 901 / 1352) = ceil(899.67) */
    ck_assert_rc(stake_erc4626_vault_state(&s, v), STAKE_OK);
    ck_assert_u256_eq(s.total_assets, U64(1));     /* the virtual share's part */
    ck_assert_u256_eq(s.total_supply, U64(0));
    /* zero amounts with nothing left */
    x = U64(0);
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &alice, &alice, &alice, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    ck_assert_rc(stake_erc4626_vault_withdraw(&r, v, &alice, &alice, &alice, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    ck_assert_rc(stake_ledger_check(stake_erc4626_vault_ledger(v)), STAKE_OK);
    stake_erc4626_vault_free(v);
}
END_TEST

/* The order of _withdraw's refusals: max, preview, allowance (then the
 * approver / spender checks), burn (owner zero, balance), transfer out
 * (receiver zero). */
START_TEST(vault_withdraw_refusals)
{
    stake_erc4626_vault *v = vault_new(0);
    stake_address alice = A(1), bob = A(2), zero = A(0);
    deposit(v, 1, "1000");
    deposit(v, 2, "10");
    struct digest before = digest_of(v);
    stake_u256 r = sentinel(), x = U64(1001), ten = U64(10);

    ck_assert_rc(stake_erc4626_vault_withdraw(&r, v, &alice, &alice, NULL, &ten), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &alice, &alice, NULL, &ten), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, NULL, &alice, &alice, &ten), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_withdraw(NULL, v, &alice, &alice, &alice, &ten),
                 STAKE_EINVAL);
    /* ERC4626ExceededMax* first, before the allowance and the receiver */
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &bob, &zero, &alice, &x), STAKE_EEXCEEDSMAX);
    ck_assert_rc(stake_erc4626_vault_withdraw(&r, v, &bob, &zero, &alice, &x),
                 STAKE_EEXCEEDSMAX);
    /* the zero owner holds nothing: any non-zero amount exceeds its max */
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &alice, &alice, &zero, &ten),
                 STAKE_EEXCEEDSMAX);
    /* ERC20InsufficientAllowance, before the zero receiver */
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &bob, &zero, &alice, &ten), STAKE_EALLOWANCE);
    ck_assert_rc(stake_erc4626_vault_withdraw(&r, v, &bob, &bob, &alice, &ten),
                 STAKE_EALLOWANCE);
    /* a zero caller has no allowance */
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &zero, &bob, &alice, &ten), STAKE_EALLOWANCE);
    /* zero shares: the allowance suffices, then _approve refuses a zero
     * spender (the caller) or approver (the owner) */
    x = U64(0);
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &zero, &bob, &alice, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &alice, &bob, &zero, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_erc4626_vault_withdraw(&r, v, &alice, &bob, &zero, &x),
                 STAKE_EZEROADDRESS);
    /* the owner itself: _burn's ERC20InvalidSender */
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &zero, &bob, &zero, &x), STAKE_EZEROADDRESS);
    /* the asset transfer's ERC20InvalidReceiver, for zero amounts too */
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &alice, &zero, &alice, &ten),
                 STAKE_EZEROADDRESS);
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &alice, &zero, &alice, &x),
                 STAKE_EZEROADDRESS);
    ck_assert_rc(stake_erc4626_vault_withdraw(&r, v, &alice, &zero, &alice, &ten),
                 STAKE_EZEROADDRESS);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_unchanged(v, before);

    /* an allowance that is spent: caller bob, owner alice */
    stake_u256 allowance = U64(25);
    ck_assert_rc(stake_erc4626_vault_approve(v, &alice, &bob, &allowance), STAKE_OK);
    before = digest_of(v);
    x = U64(26);
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &bob, &bob, &alice, &x), STAKE_EALLOWANCE);
    /* the zero receiver is found after the allowance, and nothing is spent */
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &bob, &zero, &alice, &ten),
                 STAKE_EZEROADDRESS);
    ck_assert_unchanged(v, before);
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &bob, &bob, &alice, &ten), STAKE_OK);
    ck_assert_u256_eq(r, U64(10));
    ck_assert_rc(stake_erc4626_vault_allowance(&r, v, &alice, &bob), STAKE_OK);
    ck_assert_u256_eq(r, U64(15));
    /* withdraw spends the shares it burns, not the assets */
    ck_assert_rc(stake_erc4626_vault_gain(v, &ten), STAKE_OK);
    /* A = 1020, S = 1000: withdraw 10 assets burns ceil(10 * 1001 / 1021) = 10 */
    ck_assert_rc(stake_erc4626_vault_withdraw(&r, v, &bob, &bob, &alice, &ten), STAKE_OK);
    ck_assert_u256_eq(r, U64(10));
    ck_assert_rc(stake_erc4626_vault_allowance(&r, v, &alice, &bob), STAKE_OK);
    ck_assert_u256_eq(r, U64(5));
    /* an infinite allowance is not decreased */
    stake_u256 inf = MAX();
    ck_assert_rc(stake_erc4626_vault_approve(v, &alice, &bob, &inf), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &bob, &bob, &alice, &ten), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_allowance(&r, v, &alice, &bob), STAKE_OK);
    ck_assert_u256_eq(r, inf);
    /* the owner needs no allowance */
    ck_assert_rc(stake_erc4626_vault_redeem(&r, v, &bob, &alice, &bob, &ten), STAKE_OK);
    ck_assert_rc(stake_ledger_check(stake_erc4626_vault_ledger(v)), STAKE_OK);
    stake_erc4626_vault_free(v);
}
END_TEST

START_TEST(vault_max_limits)
{
    stake_erc4626_vault *v = vault_new(6);
    stake_address alice = A(1), zero = A(0);
    stake_u256 r;
    ck_assert_rc(stake_erc4626_vault_max_deposit(&r, v, &alice), STAKE_OK);
    ck_assert_u256_eq(r, MAX());
    ck_assert_rc(stake_erc4626_vault_max_mint(&r, v, &zero), STAKE_OK);
    ck_assert_u256_eq(r, MAX());
    ck_assert_rc(stake_erc4626_vault_max_withdraw(&r, v, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    ck_assert_rc(stake_erc4626_vault_max_redeem(&r, v, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    r = sentinel();
    ck_assert_rc(stake_erc4626_vault_max_deposit(NULL, v, &alice), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_max_mint(&r, NULL, &alice), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_max_withdraw(&r, v, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_max_redeem(&r, NULL, &alice), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_balance_of(&r, v, NULL), STAKE_EINVAL);
    ck_assert_u256_eq(r, sentinel());
    /* max* of a holder is exactly what withdraw and redeem accept */
    deposit(v, 1, "777777777777777777");
    stake_u256 gain = U("123456789");
    ck_assert_rc(stake_erc4626_vault_gain(v, &gain), STAKE_OK);
    stake_erc4626_vault *c = NULL;
    ck_assert_rc(stake_erc4626_vault_clone(&c, v), STAKE_OK);
    stake_u256 mw, mr, one = U64(1), more, out;
    ck_assert_rc(stake_erc4626_vault_max_withdraw(&mw, v, &alice), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_max_redeem(&mr, v, &alice), STAKE_OK);
    ck_assert_rc(stake_u256_add(&more, &mw, &one), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_withdraw(&out, v, &alice, &alice, &alice, &more),
                 STAKE_EEXCEEDSMAX);
    ck_assert_rc(stake_erc4626_vault_withdraw(&out, v, &alice, &alice, &alice, &mw), STAKE_OK);
    ck_assert_rc(stake_u256_add(&more, &mr, &one), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_redeem(&out, c, &alice, &alice, &alice, &more),
                 STAKE_EEXCEEDSMAX);
    ck_assert_rc(stake_erc4626_vault_redeem(&out, c, &alice, &alice, &alice, &mr), STAKE_OK);
    stake_erc4626_vault_free(c);
    stake_erc4626_vault_free(v);

    /* A state where the contract's maxWithdraw itself reverts: total
     * assets of 2^256 - 1 make totalAssets + 1 wrap. */
    v = vault_new(0);
    stake_u256 all = MAX();
    ck_assert_rc(stake_erc4626_vault_deposit(&out, v, &alice, &alice, &all), STAKE_OK);
    ck_assert_u256_eq(out, all);
    r = sentinel();
    ck_assert_rc(stake_erc4626_vault_max_withdraw(&r, v, &alice), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_rc(stake_erc4626_vault_withdraw(&r, v, &alice, &alice, &alice, &one),
                 STAKE_EOVERFLOW);
    ck_assert_rc(stake_erc4626_vault_max_redeem(&r, v, &alice), STAKE_OK);
    ck_assert_u256_eq(r, all);
    stake_erc4626_vault_free(v);
}
END_TEST

START_TEST(vault_token)
{
    stake_erc4626_vault *v = vault_new(0);
    stake_address alice = A(1), bob = A(2), zero = A(0);
    deposit(v, 1, "100");
    struct digest before = digest_of(v);
    stake_u256 x = U64(101), r;
    ck_assert_rc(stake_erc4626_vault_transfer(NULL, &alice, &bob, &x), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_transfer(v, &alice, &bob, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_transfer(v, &alice, &bob, &x), STAKE_EBALANCE);
    ck_assert_rc(stake_erc4626_vault_transfer(v, &zero, &bob, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_erc4626_vault_transfer(v, &alice, &zero, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_erc4626_vault_approve(v, &zero, &bob, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_erc4626_vault_approve(v, &alice, &zero, &x), STAKE_EZEROADDRESS);
    ck_assert_rc(stake_erc4626_vault_approve(v, NULL, &bob, &x), STAKE_EINVAL);
    r = sentinel();
    ck_assert_rc(stake_erc4626_vault_allowance(&r, v, NULL, &bob), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_allowance(NULL, v, &alice, &bob), STAKE_EINVAL);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_unchanged(v, before);
    x = U64(40);
    ck_assert_rc(stake_erc4626_vault_transfer(v, &alice, &bob, &x), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_transfer(v, &alice, &alice, &x), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_balance_of(&r, v, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U64(60));
    ck_assert_rc(stake_erc4626_vault_balance_of(&r, v, &bob), STAKE_OK);
    ck_assert_u256_eq(r, U64(40));
    ck_assert_rc(stake_erc4626_vault_approve(v, &alice, &bob, &x), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_allowance(&r, v, &alice, &bob), STAKE_OK);
    ck_assert_u256_eq(r, U64(40));
    ck_assert_rc(stake_erc4626_vault_allowance(&r, v, &bob, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    stake_erc4626_vault_free(v);
}
END_TEST

START_TEST(vault_gain_loss)
{
    stake_erc4626_vault *v = vault_new(0);
    deposit(v, 1, "100");
    struct digest before = digest_of(v);
    stake_u256 x = U64(101);
    ck_assert_rc(stake_erc4626_vault_loss(v, &x), STAKE_EBALANCE);
    ck_assert_rc(stake_erc4626_vault_loss(NULL, &x), STAKE_EINVAL);
    ck_assert_rc(stake_erc4626_vault_gain(v, NULL), STAKE_EINVAL);
    x = MAX();
    ck_assert_rc(stake_erc4626_vault_gain(v, &x), STAKE_EOVERFLOW);
    ck_assert_unchanged(v, before);
    x = U64(100);
    ck_assert_rc(stake_erc4626_vault_loss(v, &x), STAKE_OK);
    /* total assets zero with shares outstanding: still no revert, shares
     * are worth almost nothing: 100 * 1 / 101 */
    stake_address alice = A(1);
    stake_u256 r;
    ck_assert_rc(stake_erc4626_vault_max_withdraw(&r, v, &alice), STAKE_OK);
    ck_assert_u256_eq(r, U64(0));
    /* and a deposit gets shares at (S + 1) per asset */
    x = U64(3);
    ck_assert_rc(stake_erc4626_vault_deposit(&r, v, &alice, &alice, &x), STAKE_OK);
    ck_assert_u256_eq(r, U64(303));
    stake_erc4626_vault_free(v);
}
END_TEST

/* The inflation attack of OpenZeppelin's ERC-4626 guide: an attacker
 * deposits 1 wei, donates a large amount, and a victim's deposit rounds
 * to nothing. With offset 0 the victim loses everything but the attack
 * still costs the attacker (the virtual share takes its part); with an
 * offset the victim keeps nearly all. */
static void attack(unsigned d, stake_u256 *victim_shares, stake_u256 *victim_back,
                   stake_u256 *attacker_back)
{
    stake_erc4626_vault *v = vault_new(d);
    stake_address attacker = A(1), victim = A(2);
    stake_u256 one = U64(1), shares, donation = U("2000000000000000000");
    stake_u256 deposit_amount = U("1000000000000000000");
    ck_assert_rc(stake_erc4626_vault_deposit(&shares, v, &attacker, &attacker, &one), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_gain(v, &donation), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_deposit(victim_shares, v, &victim, &victim,
                                             &deposit_amount), STAKE_OK);
    stake_u256 max;
    ck_assert_rc(stake_erc4626_vault_max_redeem(&max, v, &victim), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_redeem(victim_back, v, &victim, &victim, &victim, &max),
                 STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_max_redeem(&max, v, &attacker), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_redeem(attacker_back, v, &attacker, &attacker, &attacker,
                                            &max), STAKE_OK);
    stake_erc4626_vault_free(v);
}

START_TEST(inflation_attack)
{
    stake_u256 vs, vb, ab;
    attack(0, &vs, &vb, &ab);
    /* floor(1e18 * 2 / (2e18 + 2)) = 0 shares: the victim gets nothing */
    ck_assert_u256_eq(vs, U64(0));
    ck_assert_u256_eq(vb, U64(0));
    /* the attacker's single share is worth floor(1 * (3e18 + 2) / 2):
     * 1.5e18 + 1 back for 2e18 + 1 put in, a loss */
    ck_assert_u256_eq(ab, U("1500000000000000001"));
    attack(6, &vs, &vb, &ab);
    /* floor(1e18 * (1e6 + 1e6) / (2e18 + 2)) = 999999 shares */
    ck_assert_u256_eq(vs, U64(999999));
    /* the victim gets back all but a millionth */
    ck_assert_u256_eq(vb, U("999999333333111111"));
    /* and the attacker loses almost all of the donation */
    ck_assert_u256_eq(ab, U("1000000333333444445"));
}
END_TEST

START_TEST(clone_is_independent)
{
    stake_erc4626_vault *v = vault_new(2);
    deposit(v, 1, "5000");
    stake_erc4626_vault *c = NULL;
    ck_assert_rc(stake_erc4626_vault_clone(&c, v), STAKE_OK);
    struct digest dv = digest_of(v), dc = digest_of(c);
    ck_assert(digest_eq(&dv, &dc));
    deposit(c, 2, "7");
    stake_u256 ten = U64(10);
    ck_assert_rc(stake_erc4626_vault_gain(c, &ten), STAKE_OK);
    ck_assert_unchanged(v, dv);
    stake_erc4626_vault_free(v);
    stake_erc4626_vault_free(c);
}
END_TEST

/* put, save, load, get: the vault comes back whole and behaves the same */
START_TEST(snapshot_round_trip)
{
    stake_erc4626_vault *v = vault_new(6);
    stake_address alice = A(1), bob = A(2);
    deposit(v, 1, "123456789123456789");
    deposit(v, 2, "987654321");
    stake_u256 x = U("1000000007"), r1, r2;
    ck_assert_rc(stake_erc4626_vault_gain(v, &x), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_approve(v, &alice, &bob, &x), STAKE_OK);
    char path[] = "/tmp/stake-erc4626-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    stake_snapshot *s = NULL, *loaded = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_erc4626(s, "vault", v), STAKE_OK);
    ck_assert_rc(stake_snapshot_save(s, path, NULL), STAKE_OK);
    ck_assert_rc(stake_snapshot_load(&loaded, path, NULL), STAKE_OK);
    unlink(path);
    stake_erc4626_vault *c = NULL;
    ck_assert_rc(stake_snapshot_get_erc4626(&c, loaded, "vault"), STAKE_OK);
    stake_reth *wrong = NULL;
    ck_assert_rc(stake_snapshot_get_reth(&wrong, loaded, "vault"), STAKE_ENOTFOUND);
    struct digest dv = digest_of(v), dc = digest_of(c);
    ck_assert(digest_eq(&dv, &dc));
    ck_assert_rc(stake_erc4626_vault_redeem(&r1, v, &bob, &bob, &alice, &x), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_redeem(&r2, c, &bob, &bob, &alice, &x), STAKE_OK);
    ck_assert_u256_eq(r1, r2);
    dv = digest_of(v);
    dc = digest_of(c);
    ck_assert(digest_eq(&dv, &dc));
    stake_erc4626_vault_free(c);
    stake_snapshot_free(loaded);
    stake_snapshot_free(s);
    stake_erc4626_vault_free(v);
}
END_TEST

/* ---- randomized properties --------------------------------------------------------------- */

struct tally {
    long ok[10], refused[10], round_trips;
};

/* (A + 1) and (S + 10^d) of a vault, if both fit. */
static int rate_terms(stake_u256 *assets1, stake_u256 *supply_v, const stake_erc4626_state *s)
{
    stake_conversion c;
    if (stake_erc4626_conversion(&c, s, STAKE_ERC4626_SHARES_TO_ASSETS, STAKE_ROUND_FLOOR) !=
        STAKE_OK)
        return 0;
    *assets1 = c.num;
    *supply_v = c.den;
    return 1;
}

static unsigned pick(uint64_t *seed)
{
    /* the zero address now and then */
    return prop_below(seed, 20) == 0 ? 0 : 1 + (unsigned)prop_below(seed, NACC - 1);
}

static void random_ops(unsigned d, uint64_t seed, int nops, struct tally *t)
{
    stake_erc4626_vault *v = vault_new(d);
    for (int i = 0; i < nops; i++) {
        struct digest before = digest_of(v);
        unsigned kind = (unsigned)prop_below(&seed, 10);
        stake_address caller = A(pick(&seed)), receiver = A(pick(&seed)),
                      owner = A(pick(&seed));
        if (prop_below(&seed, 2))
            caller = owner;
        stake_u256 amount = prop_amount(&seed), out = sentinel(), preview, max;
        stake_rc prc = STAKE_OK, rc;
        unsigned oi = owner.bytes[19];
        switch (kind) {
        case 0:
            prc = stake_erc4626_preview_deposit(&preview, &before.state, &amount);
            rc = stake_erc4626_vault_deposit(&out, v, &caller, &receiver, &amount);
            break;
        case 1:
            prc = stake_erc4626_preview_mint(&preview, &before.state, &amount);
            rc = stake_erc4626_vault_mint(&out, v, &caller, &receiver, &amount);
            break;
        case 2:
            if (stake_erc4626_vault_max_withdraw(&max, v, &owner) == STAKE_OK &&
                prop_below(&seed, 4))
                amount = prop_upto(&seed, &max);
            prc = stake_erc4626_preview_withdraw(&preview, &before.state, &amount);
            rc = stake_erc4626_vault_withdraw(&out, v, &caller, &receiver, &owner, &amount);
            break;
        case 3:
            if (prop_below(&seed, 4))
                amount = prop_upto(&seed, &before.balance[oi]);
            prc = stake_erc4626_preview_redeem(&preview, &before.state, &amount);
            rc = stake_erc4626_vault_redeem(&out, v, &caller, &receiver, &owner, &amount);
            break;
        case 4:
            if (prop_below(&seed, 4))
                amount = prop_upto(&seed, &before.balance[oi]);
            rc = stake_erc4626_vault_transfer(v, &owner, &receiver, &amount);
            break;
        case 5:
            if (prop_below(&seed, 3) == 0)
                amount = MAX();
            rc = stake_erc4626_vault_approve(v, &owner, &caller, &amount);
            break;
        case 6:
            amount.w[3] = amount.w[2] = 0;
            if (prop_below(&seed, 20) == 0)
                amount = MAX();
            rc = stake_erc4626_vault_gain(v, &amount);
            break;
        case 7:
            amount.w[3] = amount.w[2] = amount.w[1] = 0;
            amount.w[0] >>= 8;
            if (prop_below(&seed, 5) == 0) {
                stake_u256 one = U64(1);
                if (stake_u256_add(&amount, &before.state.total_assets, &one) != STAKE_OK)
                    amount = before.state.total_assets;
            }
            rc = stake_erc4626_vault_loss(v, &amount);
            break;
        default: {
            /* round trips on a copy: no value comes out of nothing */
            stake_erc4626_vault *c = NULL;
            ck_assert_rc(stake_erc4626_vault_clone(&c, v), STAKE_OK);
            stake_address who = A(1 + (unsigned)prop_below(&seed, NACC - 1));
            stake_u256 got, back;
            if (kind == 8) {
                /* deposit then redeem never returns more assets */
                if (stake_erc4626_vault_deposit(&got, c, &who, &who, &amount) == STAKE_OK &&
                    stake_erc4626_vault_redeem(&back, c, &who, &who, &who, &got) == STAKE_OK) {
                    ck_assert_int_le(stake_u256_cmp(&back, &amount), 0);
                    t->round_trips++;
                }
            } else {
                /* mint then withdraw never burns fewer shares */
                if (stake_erc4626_vault_mint(&got, c, &who, &who, &amount) == STAKE_OK &&
                    stake_erc4626_vault_withdraw(&back, c, &who, &who, &who, &got) == STAKE_OK) {
                    ck_assert_int_ge(stake_u256_cmp(&back, &amount), 0);
                    t->round_trips++;
                }
            }
            ck_assert_rc(stake_ledger_check(stake_erc4626_vault_ledger(c)), STAKE_OK);
            stake_erc4626_vault_free(c);
            rc = STAKE_OK;
            break;
        }
        }
        struct digest after = digest_of(v);   /* runs stake_ledger_check */
        if (rc != STAKE_OK) {
            t->refused[kind]++;
            ck_assert_msg(digest_eq(&before, &after), "op %u refused with %s changed the vault",
                          kind, stake_errname(rc));
            ck_assert_u256_eq(out, sentinel());
            continue;
        }
        t->ok[kind]++;
        if (kind <= 3) {
            /* the preview is exactly what the operation did, which gives
             * the EIP's bounds in both directions */
            ck_assert_rc(prc, STAKE_OK);
            ck_assert_u256_eq(out, preview);
            stake_u256 moved;
            if (kind <= 1) {
                const stake_u256 *assets = kind == 0 ? &amount : &out;
                ck_assert_rc(stake_u256_sub(&moved, &after.state.total_assets,
                                            &before.state.total_assets), STAKE_OK);
                ck_assert_u256_eq(moved, *assets);
            } else {
                const stake_u256 *assets = kind == 2 ? &amount : &out;
                ck_assert_rc(stake_u256_sub(&moved, &before.state.total_assets,
                                            &after.state.total_assets), STAKE_OK);
                ck_assert_u256_eq(moved, *assets);
            }
        }
        /* no operation but a gain or a loss lowers the value of a share:
         * (A' + 1) / (S' + 10^d) >= (A + 1) / (S + 10^d) */
        stake_u256 a0, s0, a1, s1;
        if (kind != 6 && kind != 7 && rate_terms(&a0, &s0, &before.state) &&
            rate_terms(&a1, &s1, &after.state))
            ck_assert_int_ge(prop_cmp_products(&a1, &s0, &a0, &s1), 0);
        /* the max* limits never refuse, and a holder can always take
         * them out in full */
        if (i % 50 == 0) {
            stake_address who = A(1 + (unsigned)prop_below(&seed, NACC - 1));
            stake_u256 m;
            ck_assert_rc(stake_erc4626_vault_max_deposit(&m, v, &who), STAKE_OK);
            ck_assert_rc(stake_erc4626_vault_max_mint(&m, v, &who), STAKE_OK);
            ck_assert_rc(stake_erc4626_vault_max_redeem(&m, v, &who), STAKE_OK);
            stake_erc4626_state s = after.state;
            stake_u256 ta, sv;
            if (rate_terms(&ta, &sv, &s)) {
                stake_erc4626_vault *c = NULL;
                ck_assert_rc(stake_erc4626_vault_clone(&c, v), STAKE_OK);
                stake_u256 got;
                ck_assert_rc(stake_erc4626_vault_redeem(&got, c, &who, &who, &who, &m),
                             STAKE_OK);
                stake_erc4626_vault_free(c);
                ck_assert_rc(stake_erc4626_vault_max_withdraw(&m, v, &who), STAKE_OK);
                ck_assert_rc(stake_erc4626_vault_clone(&c, v), STAKE_OK);
                ck_assert_rc(stake_erc4626_vault_withdraw(&got, c, &who, &who, &who, &m),
                             STAKE_OK);
                stake_erc4626_vault_free(c);
            }
        }
    }
    stake_erc4626_vault_free(v);
}

START_TEST(properties)
{
    struct tally t;
    memset(&t, 0, sizeof t);
    unsigned offsets[] = { 0, 3, 6, 9 };
    for (unsigned k = 0; k < 4; k++)
        random_ops(offsets[k], 0x4626u + k * 7919u, 5000, &t);
    long total = 0;
    for (int k = 0; k < 10; k++) {
        total += t.ok[k] + t.refused[k];
        /* every kind of operation both succeeded and was refused */
        ck_assert_msg(t.ok[k] > 20, "op %d succeeded only %ld times", k, t.ok[k]);
        if (k < 8)
            ck_assert_msg(t.refused[k] > 5, "op %d refused only %ld times", k, t.refused[k]);
    }
    ck_assert_int_eq(total, 20000);
    ck_assert_int_gt(t.round_trips, 1000);
    printf("ERC-4626 properties: %ld operations, %ld round trips\n", total, t.round_trips);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("erc4626");
    TCase *tc = tcase_create("pure");
    tcase_add_test(tc, pure_empty_vault);
    tcase_add_test(tc, pure_rounding_table);
    tcase_add_test(tc, pure_refusals);
    tcase_add_test(tc, pure_conversion);
    suite_add_tcase(s, tc);

    tc = tcase_create("vault");
    tcase_add_test(tc, vault_lifecycle);
    tcase_add_test(tc, vault_deposit_mint);
    tcase_add_test(tc, vault_deposit_refusals);
    tcase_add_test(tc, vault_withdraw_redeem);
    tcase_add_test(tc, vault_withdraw_refusals);
    tcase_add_test(tc, vault_max_limits);
    tcase_add_test(tc, vault_token);
    tcase_add_test(tc, vault_gain_loss);
    tcase_add_test(tc, inflation_attack);
    tcase_add_test(tc, clone_is_independent);
    tcase_add_test(tc, snapshot_round_trip);
    suite_add_tcase(s, tc);

    tc = tcase_create("properties");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, properties);
    suite_add_tcase(s, tc);
    return s;
}
