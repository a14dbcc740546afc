/*
 * Unit tests of conversions: one value (stake_convert) and batches
 * (stake_convert_batch), every refusal, and the batch kernels checked
 * element by element against the single-value path.
 */
#include "testutil.h"

static stake_conversion conv_of(const char *num, const char *den, stake_rounding r,
                                stake_product p, const char *bound)
{
    stake_conversion c;
    c.num = U(num);
    c.den = U(den);
    c.rounding = r;
    c.product = p;
    c.input_bound = U(bound);
    return c;
}

START_TEST(single_basic)
{
    stake_conversion c = conv_of("10", "3", STAKE_ROUND_FLOOR, STAKE_PRODUCT_WIDE, "0");
    stake_u256 x = U64(10), y;
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_u256_eq(y, U64(33));
    c.rounding = STAKE_ROUND_CEIL;
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_u256_eq(y, U64(34));
    c.product = STAKE_PRODUCT_CHECKED;
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_u256_eq(y, U64(34));
    c.rounding = STAKE_ROUND_FLOOR;
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_u256_eq(y, U64(33));
    /* in place */
    ck_assert_rc(stake_convert(&x, &c, &x), STAKE_OK);
    ck_assert_u256_eq(x, U64(33));
}
END_TEST

/* The product modes differ exactly when x * num overflows but the
 * quotient fits: mulDiv answers, SafeMath reverts. */
START_TEST(product_modes)
{
    stake_conversion c = conv_of("0x100000000000000000000000000000000", /* 2^128 */
                                 "0x100000000000000000000000000000000",
                                 STAKE_ROUND_FLOOR, STAKE_PRODUCT_WIDE, "0");
    stake_u256 x = U("0x100000000000000000000000000000000"), y = sentinel();
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_u256_eq(y, x);
    c.product = STAKE_PRODUCT_CHECKED;
    y = sentinel();
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_EOVERFLOW);
    ck_assert_u256_eq(y, sentinel());
    /* SafeMath checks the product before the divisor. */
    c.den = U64(0);
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_EOVERFLOW);
    x = U64(1);
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_EDIVZERO);
    c.product = STAKE_PRODUCT_WIDE;
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_EDIVZERO);
    ck_assert_u256_eq(y, sentinel());
}
END_TEST

/* A plain pre-0.8 `*` (stETH V3): the product is reduced modulo 2^256,
 * then divided; only a zero divisor refuses. */
START_TEST(product_wrapping)
{
    /* (2^128 + 3) * (2^128 + 5) = 2^256 + 8 * 2^128 + 15 wraps to
     * 8 * 2^128 + 15; over 7: floor 0x124924924924924924924924924924926,
     * ceil one more. */
    stake_conversion c = conv_of("0x100000000000000000000000000000005", "7",
                                 STAKE_ROUND_FLOOR, STAKE_PRODUCT_WRAPPING, "0");
    stake_u256 x = U("0x100000000000000000000000000000003"), y = sentinel();
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_u256_eq(y, U("0x124924924924924924924924924924926"));
    c.rounding = STAKE_ROUND_CEIL;
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_u256_eq(y, U("0x124924924924924924924924924924927"));
    /* Exact after wrapping: 2^255 * 6 wraps to 0 (floor and ceil 0), and
     * 2^255 * 3 to 2^255. */
    c = conv_of("6", "1", STAKE_ROUND_CEIL, STAKE_PRODUCT_WRAPPING, "0");
    x = U("0x8000000000000000000000000000000000000000000000000000000000000000");
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_u256_eq(y, U64(0));
    c.num = U64(3);
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_u256_eq(y, x);
    /* The largest product never overflows the result, even rounding up. */
    c = conv_of(MAX_U256_DEC, "1", STAKE_ROUND_CEIL, STAKE_PRODUCT_WRAPPING, "0");
    x = U64(1);
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_u256_eq(y, U(MAX_U256_DEC));
    /* Below 2^128 both ways nothing wraps: the same as the other modes. */
    c = conv_of("1000000000000000000000000007", "999999999999999999999", STAKE_ROUND_FLOOR,
                STAKE_PRODUCT_WRAPPING, "0");
    stake_conversion w = c;
    w.product = STAKE_PRODUCT_WIDE;
    x = U("123456789012345678901234567");
    stake_u256 yw;
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    ck_assert_rc(stake_convert(&yw, &w, &x), STAKE_OK);
    ck_assert_u256_eq(y, yw);
    /* Only a zero divisor refuses, after the input bound. */
    c = conv_of("0x100000000000000000000000000000005", "0", STAKE_ROUND_FLOOR,
                STAKE_PRODUCT_WRAPPING, "0x100000000000000000000000000000000");
    x = U("0x100000000000000000000000000000003");
    y = sentinel();
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_ETOOLARGE);
    x = U64(2);
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_EDIVZERO);
    ck_assert_u256_eq(y, sentinel());
}
END_TEST

START_TEST(input_bound)
{
    /* stETH V3: amounts must be below 2^128 - 1. */
    stake_conversion c = conv_of("3", "2", STAKE_ROUND_FLOOR, STAKE_PRODUCT_CHECKED,
                                 "0xffffffffffffffffffffffffffffffff");
    stake_u256 y = sentinel();
    stake_u256 x = U("0xfffffffffffffffffffffffffffffffe");
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_OK);
    x = U("0xffffffffffffffffffffffffffffffff");
    y = sentinel();
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_ETOOLARGE);
    ck_assert_u256_eq(y, sentinel());
    /* The bound is checked before the divisor. */
    c.den = U64(0);
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_ETOOLARGE);
}
END_TEST

START_TEST(single_refusals)
{
    stake_conversion c = conv_of("1", "1", STAKE_ROUND_FLOOR, STAKE_PRODUCT_WIDE, "0");
    stake_u256 x = U64(5), y = sentinel();
    ck_assert_rc(stake_convert(NULL, &c, &x), STAKE_EINVAL);
    ck_assert_rc(stake_convert(&y, NULL, &x), STAKE_EINVAL);
    ck_assert_rc(stake_convert(&y, &c, NULL), STAKE_EINVAL);
    c.rounding = (stake_rounding)7;
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_EINVAL);
    c.rounding = STAKE_ROUND_FLOOR;
    c.product = (stake_product)3;
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_EINVAL);
    ck_assert_u256_eq(y, sentinel());
    /* The wide mode refuses results of 2^256 and more. */
    c = conv_of(MAX_U256_DEC, "1", STAKE_ROUND_FLOOR, STAKE_PRODUCT_WIDE, "0");
    x = U64(2);
    ck_assert_rc(stake_convert(&y, &c, &x), STAKE_EOVERFLOW);
}
END_TEST

/* ---- batches ------------------------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static stake_u256 random_bits(int bits)
{
    stake_u256 v = U64(0);
    for (int i = 0; i < 4 && bits > 0; i++, bits -= 64)
        v.w[i] = bits >= 64 ? next() : next() & ((1ULL << bits) - 1);
    return v;
}

/* Batches of every shape give what the single-value path gives. */
START_TEST(batch_matches_single)
{
    static const int widths[][3] = {
        /* input bits, num bits, den bits: kernels and the generic path */
        { 80, 84, 84 }, { 128, 128, 128 }, { 60, 90, 40 }, { 64, 64, 64 },
        { 127, 127, 65 }, { 1, 1, 1 }, { 200, 40, 100 }, { 256, 256, 256 },
        { 100, 120, 128 }, { 128, 1, 63 },
    };
    enum { N = 2000 };
    static stake_u256 in[N], out[N], copy[N];
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        for (int mode = 0; mode < 6; mode++) {   /* rounding x product mode */
            stake_conversion c;
            c.num = random_bits(widths[w][1]);
            c.den = random_bits(widths[w][2]);
            if ((c.den.w[0] | c.den.w[1] | c.den.w[2] | c.den.w[3]) == 0)
                c.den.w[0] = 1;
            c.rounding = (stake_rounding)(mode & 1);
            c.product = (stake_product)(mode >> 1);
            c.input_bound = U64(0);
            for (int i = 0; i < N; i++) {
                in[i] = random_bits(1 + (int)(next() % (uint64_t)widths[w][0]));
                if (i % 97 == 0)
                    in[i] = U64(0);
            }
            /* Keep only inputs every element of which converts, so that
             * the batch must succeed. */
            int m = 0;
            for (int i = 0; i < N; i++) {
                stake_u256 y;
                if (stake_convert(&y, &c, &in[i]) == STAKE_OK) {
                    in[m] = in[i];
                    copy[m++] = y;
                }
            }
            size_t failed = 12345;
            ck_assert_rc(stake_convert_batch(out, in, (size_t)m, &c, &failed), STAKE_OK);
            ck_assert_uint_eq(failed, 12345);
            for (int i = 0; i < m; i++)
                ck_assert_u256_eq(out[i], copy[i]);
            /* in place */
            ck_assert_rc(stake_convert_batch(in, in, (size_t)m, &c, NULL), STAKE_OK);
            for (int i = 0; i < m; i++)
                ck_assert_u256_eq(in[i], copy[i]);
        }
    }
}
END_TEST

START_TEST(batch_all_or_nothing)
{
    stake_conversion c = conv_of("3", "1", STAKE_ROUND_FLOOR, STAKE_PRODUCT_CHECKED,
                                 "1000");
    stake_u256 in[5] = { U64(1), U64(2), U64(1000), U64(4), U64(5000) };
    stake_u256 out[5];
    for (int i = 0; i < 5; i++)
        out[i] = sentinel();
    size_t failed = 99;
    ck_assert_rc(stake_convert_batch(out, in, 5, &c, &failed), STAKE_ETOOLARGE);
    ck_assert_uint_eq(failed, 2);
    for (int i = 0; i < 5; i++)
        ck_assert_u256_eq(out[i], sentinel());

    /* An overflow in the middle: reported at its index, nothing written. */
    c = conv_of("0x10000000000000000000000000000000000000000000000000000000000", "7",
                STAKE_ROUND_CEIL, STAKE_PRODUCT_CHECKED, "0");
    stake_u256 big[4] = { U64(1), U64(2), U("0x100000000"), U64(3) };
    ck_assert_rc(stake_convert_batch(out, big, 4, &c, &failed), STAKE_EOVERFLOW);
    ck_assert_uint_eq(failed, 2);
    ck_assert_u256_eq(out[0], sentinel());
    /* A zero divisor fails at the first element. */
    c = conv_of("1", "0", STAKE_ROUND_FLOOR, STAKE_PRODUCT_WIDE, "0");
    ck_assert_rc(stake_convert_batch(out, in, 5, &c, &failed), STAKE_EDIVZERO);
    ck_assert_uint_eq(failed, 0);
    /* Empty batches succeed, with NULL arrays. */
    ck_assert_rc(stake_convert_batch(NULL, NULL, 0, &c, NULL), STAKE_OK);
    ck_assert_rc(stake_convert_batch(NULL, in, 3, &c, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_convert_batch(out, NULL, 3, &c, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_convert_batch(out, in, 3, NULL, NULL), STAKE_EINVAL);
    c.rounding = (stake_rounding)9;
    ck_assert_rc(stake_convert_batch(out, in, 3, &c, NULL), STAKE_EINVAL);
}
END_TEST

/* Rounding up on the fast kernel at its edges: exact quotients stay
 * exact, and one more than a multiple rounds up. */
START_TEST(batch_ceil_edges)
{
    stake_conversion c = conv_of("8086956521739130434782608", "9300000000000000000000000",
                                 STAKE_ROUND_CEIL, STAKE_PRODUCT_WIDE, "0");
    stake_u256 in[3] = { U("9300000000000000000000000"), U64(0), U64(1) };
    stake_u256 out[3];
    ck_assert_rc(stake_convert_batch(out, in, 3, &c, NULL), STAKE_OK);
    ck_assert_u256_eq(out[0], U("8086956521739130434782608"));
    ck_assert_u256_eq(out[1], U64(0));
    ck_assert_u256_eq(out[2], U64(1));
}
END_TEST

/* The fixed-point kernel where its estimate is least sure: exact ratios
 * (every fraction zero, so rounding up must not add one), ratios just
 * either side of an integer, the largest multiplier it takes (num / den
 * just below 2^64) and the first it leaves to long division, and inputs
 * up to 2^128 - 1 whose fraction carries. Each element must equal the
 * single-value path, which divides exactly. */
START_TEST(batch_fixed_point_edges)
{
    static const char *const ratios[][2] = {
        { "1", "1" }, { "2", "1" }, { "7", "7" }, { "3", "6" },
        { "9300000000000000000000000", "8086956521739130434782608" },
        { "8086956521739130434782608", "9300000000000000000000000" },
        { "1000000000000000001", "1000000000000000000" },
        { "999999999999999999", "1000000000000000000" },
        { "0x10000000000000000", "1" },                      /* 2^64: long division */
        { "0xffffffffffffffff", "1" },                       /* 2^64 - 1: fixed point */
        { "0xfffffffffffffffeffffffffffffffff", "0xffffffffffffffff" },
        { "0xffffffffffffffffffffffffffffffff", "0xffffffffffffffff" },
        { "0xffffffffffffffffffffffffffffffff", "0xffffffffffffffffffffffffffffffff" },
        { "0x80000000000000000000000000000001", "0x80000000000000000000000000000000" },
        { "1", "0xffffffffffffffffffffffffffffffff" },
        { "0x123456789abcdef0123456789", "0x10000000000000000" },
    };
    enum { N = 600 };
    static stake_u256 in[N], out[N];
    for (size_t k = 0; k < sizeof ratios / sizeof ratios[0]; k++) {
        for (int up = 0; up < 2; up++) {
            stake_conversion c = conv_of(ratios[k][0], ratios[k][1],
                                         up ? STAKE_ROUND_CEIL : STAKE_ROUND_FLOOR,
                                         STAKE_PRODUCT_WIDE, "0");
            stake_u256 den1 = c.den, den2 = c.den;
            int m = 0;
            in[m++] = U64(0);
            in[m++] = U64(1);
            in[m++] = U64(2);
            in[m++] = c.den;
            if (stake_u256_sub(&den1, &c.den, &(stake_u256){ { 1, 0, 0, 0 } }) == STAKE_OK)
                in[m++] = den1;
            if (stake_u256_add(&den2, &c.den, &(stake_u256){ { 1, 0, 0, 0 } }) == STAKE_OK)
                in[m++] = den2;
            in[m++] = U("0xffffffffffffffffffffffffffffffff");
            in[m++] = U("0xfffffffffffffffffffffffffffffffe");
            in[m++] = U("0x80000000000000000000000000000000");
            in[m++] = U("0xffffffffffffffff");
            while (m < N) {
                int bits = 1 + (int)(next() % 128);
                in[m++] = random_bits(bits);
            }
            /* Keep the inputs the single path converts (a large ratio
             * overflows at the top of the range). */
            int kept = 0;
            static stake_u256 expect[N];
            for (int i = 0; i < m; i++) {
                stake_u256 y;
                if (stake_convert(&y, &c, &in[i]) == STAKE_OK) {
                    in[kept] = in[i];
                    expect[kept++] = y;
                }
            }
            ck_assert_int_gt(kept, 8);
            ck_assert_rc(stake_convert_batch(out, in, (size_t)kept, &c, NULL), STAKE_OK);
            for (int i = 0; i < kept; i++)
                ck_assert_u256_eq(out[i], expect[i]);
        }
    }
}
END_TEST

/* A value of 1..bits bits in one of the shapes that stress corrections:
 * random, all ones, a single bit, 2^k + 1, all ones with low bits
 * flipped. */
static stake_u256 structured(int bits)
{
    stake_u256 v = U64(0);
    int top = (bits - 1) / 64;
    switch (next() % 5) {
    case 0:
        return random_bits(bits);
    case 1:
    case 4:
        for (int i = 0; i < bits; i++)
            v.w[i / 64] |= 1ULL << (i % 64);
        if (bits > 8 && next() % 2)
            v.w[0] ^= next() & 0xff;
        return v;
    case 2:
        v.w[top] = 1ULL << ((bits - 1) % 64);
        return v;
    default:
        v.w[top] = 1ULL << ((bits - 1) % 64);
        v.w[0] |= 1;
        return v;
    }
}

/* Random conversions of structured values, every rounding and product
 * mode, whole batches against the single-value path. */
START_TEST(batch_structured_random)
{
    enum { N = 2048, ROUNDS = 300 };
    static stake_u256 in[N], out[N], expect[N];
    long checked = 0;
    for (int round = 0; round < ROUNDS; round++) {
        stake_conversion c;
        c.num = structured(1 + (int)(next() % 128));
        c.den = structured(1 + (int)(next() % 128));
        if ((c.den.w[0] | c.den.w[1]) == 0)
            c.den.w[0] = 1;
        c.rounding = (stake_rounding)(next() % 4);
        c.product = (stake_product)(next() % 2);
        c.input_bound = U64(0);
        int m = 0;
        for (int i = 0; i < N; i++) {
            stake_u256 x = structured(1 + (int)(next() % 128)), y;
            if (stake_convert(&y, &c, &x) == STAKE_OK) {
                in[m] = x;
                expect[m++] = y;
            }
        }
        ck_assert_rc(stake_convert_batch(out, in, (size_t)m, &c, NULL), STAKE_OK);
        for (int i = 0; i < m; i++)
            ck_assert_u256_eq(out[i], expect[i]);
        checked += m;
    }
    ck_assert_int_gt(checked, (long)ROUNDS * N / 2);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("convert");
    TCase *tc = tcase_create("single");
    tcase_add_test(tc, single_basic);
    tcase_add_test(tc, product_modes);
    tcase_add_test(tc, product_wrapping);
    tcase_add_test(tc, input_bound);
    tcase_add_test(tc, single_refusals);
    suite_add_tcase(s, tc);
    tc = tcase_create("batch");
    tcase_add_test(tc, batch_matches_single);
    tcase_add_test(tc, batch_all_or_nothing);
    tcase_add_test(tc, batch_ceil_edges);
    tcase_add_test(tc, batch_fixed_point_edges);
    tcase_add_test(tc, batch_structured_random);
    suite_add_tcase(s, tc);
    return s;
}
