/*
 * Unit tests of the 256-bit integer: parsing, formatting, comparison,
 * checked arithmetic and mulDiv, with every refusal.
 */
#include "testutil.h"

/* ---- decimal parsing ------------------------------------------------------ */

START_TEST(dec_valid)
{
    stake_u256 v;
    ck_assert_rc(stake_u256_from_dec(&v, "0", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));
    ck_assert_rc(stake_u256_from_dec(&v, "1", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(1));
    ck_assert_rc(stake_u256_from_dec(&v, "18446744073709551615", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(UINT64_MAX));
    ck_assert_rc(stake_u256_from_dec(&v, "18446744073709551616", NULL), STAKE_OK);
    ck_assert(v.w[0] == 0 && v.w[1] == 1 && v.w[2] == 0 && v.w[3] == 0);
    ck_assert_rc(stake_u256_from_dec(&v, "000000000000000000000000000042", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(42));
    ck_assert_rc(stake_u256_from_dec(&v, MAX_U256_DEC, NULL), STAKE_OK);
    ck_assert(v.w[0] == UINT64_MAX && v.w[1] == UINT64_MAX && v.w[2] == UINT64_MAX &&
              v.w[3] == UINT64_MAX);
    /* 78 digits with leading zeros is still within the bound. */
    char buf[80];
    memset(buf, '0', 77);
    buf[77] = '7';
    buf[78] = '\0';
    ck_assert_rc(stake_u256_from_dec(&v, buf, NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(7));
}
END_TEST

START_TEST(dec_refusals)
{
    stake_u256 v = sentinel();
    stake_error err;
    struct { const char *s; stake_rc rc; size_t pos; } cases[] = {
        { "", STAKE_EEMPTY, 0 },
        { "+1", STAKE_ESYNTAX, 0 },
        { "-1", STAKE_ESYNTAX, 0 },
        { " 1", STAKE_ESYNTAX, 0 },
        { "1 ", STAKE_ESYNTAX, 1 },
        { "1\n", STAKE_ESYNTAX, 1 },
        { "1_000", STAKE_ESYNTAX, 1 },
        { "12a", STAKE_ESYNTAX, 2 },
        { "0x12", STAKE_ESYNTAX, 1 },
        { "1.5", STAKE_ESYNTAX, 1 },
        { "1e18", STAKE_ESYNTAX, 1 },
        { "\xff", STAKE_ESYNTAX, 0 },
        { TWO_POW_256_DEC, STAKE_ERANGE, 0 },
        { "999999999999999999999999999999999999999999999999999999999999999999999999999999",
          STAKE_ERANGE, 0 },                                /* 78 nines */
        { "1000000000000000000000000000000000000000000000000000000000000000000000000000000",
          STAKE_ETOOLONG, 78 },                             /* 10^78: 79 digits */
        { "0000000000000000000000000000000000000000000000000000000000000000000000000000001",
          STAKE_ETOOLONG, 78 },                             /* 79 digits, value 1 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(&err, 0, sizeof err);
        ck_assert_rc(stake_u256_from_dec(&v, cases[i].s, &err), cases[i].rc);
        ck_assert_int_eq(err.code, cases[i].rc);
        ck_assert_msg(err.position == cases[i].pos, "case %zu: position %zu, expected %zu",
                      i, err.position, cases[i].pos);
        ck_assert(err.text[0] != '\0');
        ck_assert_u256_eq(v, sentinel());
    }
    ck_assert_rc(stake_u256_from_dec(NULL, "1", NULL), STAKE_EINVAL);
    ck_assert_rc(stake_u256_from_dec(&v, NULL, &err), STAKE_EINVAL);
    ck_assert_int_eq(err.code, STAKE_EINVAL);
    ck_assert_u256_eq(v, sentinel());
}
END_TEST

/* An over-long input is refused after reading a bounded prefix, whatever
 * follows (here a megabyte of digits). */
START_TEST(dec_overlong_bounded)
{
    size_t n = 1 << 20;
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    memset(s, '9', n);
    s[n] = '\0';
    stake_u256 v = sentinel();
    stake_error err;
    ck_assert_rc(stake_u256_from_dec(&v, s, &err), STAKE_ETOOLONG);
    ck_assert_uint_eq(err.position, 78);
    ck_assert_u256_eq(v, sentinel());
    free(s);
}
END_TEST

/* ---- hexadecimal parsing ------------------------------------------------- */

START_TEST(hex_valid)
{
    stake_u256 v;
    ck_assert_rc(stake_u256_from_hex(&v, "0x0", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));
    ck_assert_rc(stake_u256_from_hex(&v, "0xff", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(255));
    ck_assert_rc(stake_u256_from_hex(&v, "0XaBcD", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(0xabcd));
    ck_assert_rc(stake_u256_from_hex(&v, "0x10000000000000000", NULL), STAKE_OK);
    ck_assert(v.w[0] == 0 && v.w[1] == 1);
    ck_assert_rc(stake_u256_from_hex(&v,
        "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U(MAX_U256_DEC));
    ck_assert_rc(stake_u256_from_hex(&v,
        "0x0000000000000000000000000000000000000000000000000000000000000001", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(1));
    ck_assert_rc(stake_u256_from_hex(&v,
        "0x8000000000000000000000000000000000000000000000000000000000000000", NULL), STAKE_OK);
    ck_assert(v.w[3] == 0x8000000000000000ULL && v.w[0] == 0);
}
END_TEST

START_TEST(hex_refusals)
{
    stake_u256 v = sentinel();
    stake_error err;
    struct { const char *s; stake_rc rc; size_t pos; } cases[] = {
        { "", STAKE_EEMPTY, 0 },
        { "0x", STAKE_EEMPTY, 2 },
        { "0X", STAKE_EEMPTY, 2 },
        { "ff", STAKE_ESYNTAX, 0 },
        { "0", STAKE_ESYNTAX, 1 },
        { "0y12", STAKE_ESYNTAX, 1 },
        { "-0x1", STAKE_ESYNTAX, 0 },
        { "0x-1", STAKE_ESYNTAX, 2 },
        { "0x 1", STAKE_ESYNTAX, 2 },
        { "0x1 ", STAKE_ESYNTAX, 3 },
        { "0xg", STAKE_ESYNTAX, 2 },
        { " 0x1", STAKE_ESYNTAX, 0 },
        { "0x10000000000000000000000000000000000000000000000000000000000000000",
          STAKE_ETOOLONG, 66 },                             /* 2^256: 65 digits */
        { "0x00000000000000000000000000000000000000000000000000000000000000001",
          STAKE_ETOOLONG, 66 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(&err, 0, sizeof err);
        ck_assert_rc(stake_u256_from_hex(&v, cases[i].s, &err), cases[i].rc);
        ck_assert_int_eq(err.code, cases[i].rc);
        ck_assert_msg(err.position == cases[i].pos, "case %zu: position %zu, expected %zu",
                      i, err.position, cases[i].pos);
        ck_assert_u256_eq(v, sentinel());
    }
    ck_assert_rc(stake_u256_from_hex(NULL, "0x1", NULL), STAKE_EINVAL);
    ck_assert_rc(stake_u256_from_hex(&v, NULL, NULL), STAKE_EINVAL);
}
END_TEST

START_TEST(string_either_form)
{
    stake_u256 v = sentinel();
    ck_assert_rc(stake_u256_from_string(&v, "255", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(255));
    ck_assert_rc(stake_u256_from_string(&v, "0xff", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(255));
    ck_assert_rc(stake_u256_from_string(&v, "0", NULL), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));
    v = sentinel();
    ck_assert_rc(stake_u256_from_string(&v, "0x", NULL), STAKE_EEMPTY);
    ck_assert_rc(stake_u256_from_string(&v, "", NULL), STAKE_EEMPTY);
    ck_assert_rc(stake_u256_from_string(&v, "0b101", NULL), STAKE_ESYNTAX);
    ck_assert_rc(stake_u256_from_string(&v, TWO_POW_256_DEC, NULL), STAKE_ERANGE);
    ck_assert_rc(stake_u256_from_string(NULL, "1", NULL), STAKE_EINVAL);
    ck_assert_rc(stake_u256_from_string(&v, NULL, NULL), STAKE_EINVAL);
    ck_assert_u256_eq(v, sentinel());
}
END_TEST

/* A successful parse clears a previously filled error detail. */
START_TEST(error_detail_cleared_on_success)
{
    stake_u256 v;
    stake_error err;
    ck_assert_rc(stake_u256_from_dec(&v, "x", &err), STAKE_ESYNTAX);
    ck_assert_rc(stake_u256_from_dec(&v, "5", &err), STAKE_OK);
    ck_assert_int_eq(err.code, STAKE_OK);
    ck_assert_str_eq(err.text, "");
}
END_TEST

/* ---- formatting ------------------------------------------------------------ */

START_TEST(format_round_trip)
{
    const char *values[] = {
        "0", "1", "9", "10", "18446744073709551615", "18446744073709551616",
        "10000000000000000000", "9999999999999999999", "100000000000000000000000000000000000000",
        "340282366920938463463374607431768211455", "340282366920938463463374607431768211456",
        MAX_U256_DEC,
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        stake_u256 v = U(values[i]), back;
        char buf[STAKE_U256_DEC_SIZE], hex[STAKE_U256_HEX_SIZE];
        ck_assert_rc(stake_u256_to_dec(buf, sizeof buf, &v), STAKE_OK);
        ck_assert_str_eq(buf, values[i]);
        ck_assert_rc(stake_u256_to_hex(hex, sizeof hex, &v), STAKE_OK);
        ck_assert_rc(stake_u256_from_hex(&back, hex, NULL), STAKE_OK);
        ck_assert_u256_eq(back, v);
    }
}
END_TEST

START_TEST(format_hex_shape)
{
    char hex[STAKE_U256_HEX_SIZE];
    stake_u256 v = U64(0);
    ck_assert_rc(stake_u256_to_hex(hex, sizeof hex, &v), STAKE_OK);
    ck_assert_str_eq(hex, "0x0");
    v = U64(0xabc);
    ck_assert_rc(stake_u256_to_hex(hex, sizeof hex, &v), STAKE_OK);
    ck_assert_str_eq(hex, "0xabc");
    v = U(MAX_U256_DEC);
    ck_assert_rc(stake_u256_to_hex(hex, sizeof hex, &v), STAKE_OK);
    ck_assert_str_eq(hex, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    ck_assert_uint_eq(strlen(hex) + 1, STAKE_U256_HEX_SIZE);
}
END_TEST

START_TEST(format_buffer_too_small)
{
    char buf[STAKE_U256_DEC_SIZE];
    stake_u256 v = U("12345");
    memset(buf, 'z', sizeof buf);
    ck_assert_rc(stake_u256_to_dec(buf, 5, &v), STAKE_EBUFSIZE);   /* needs 6 */
    ck_assert_int_eq(buf[0], 'z');
    ck_assert_rc(stake_u256_to_dec(buf, 6, &v), STAKE_OK);
    ck_assert_str_eq(buf, "12345");
    ck_assert_rc(stake_u256_to_dec(buf, 0, &v), STAKE_EBUFSIZE);
    v = U(MAX_U256_DEC);
    ck_assert_rc(stake_u256_to_dec(buf, STAKE_U256_DEC_SIZE - 1, &v), STAKE_EBUFSIZE);
    ck_assert_rc(stake_u256_to_dec(buf, STAKE_U256_DEC_SIZE, &v), STAKE_OK);

    char hex[STAKE_U256_HEX_SIZE];
    memset(hex, 'z', sizeof hex);
    v = U64(0xabc);
    ck_assert_rc(stake_u256_to_hex(hex, 5, &v), STAKE_EBUFSIZE);   /* needs 6 */
    ck_assert_int_eq(hex[0], 'z');
    ck_assert_rc(stake_u256_to_dec(NULL, 10, &v), STAKE_EINVAL);
    ck_assert_rc(stake_u256_to_dec(buf, sizeof buf, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_u256_to_hex(NULL, 10, &v), STAKE_EINVAL);
    ck_assert_rc(stake_u256_to_hex(hex, sizeof hex, NULL), STAKE_EINVAL);
}
END_TEST

START_TEST(be32_round_trip)
{
    uint8_t be[32];
    stake_u256 v = U("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"), back;
    ck_assert_rc(stake_u256_to_be32(be, &v), STAKE_OK);
    for (int i = 0; i < 32; i++)
        ck_assert_uint_eq(be[i], (unsigned)(i + 1));
    ck_assert_rc(stake_u256_from_be32(&back, be), STAKE_OK);
    ck_assert_u256_eq(back, v);
    ck_assert_rc(stake_u256_from_be32(NULL, be), STAKE_EINVAL);
    ck_assert_rc(stake_u256_from_be32(&back, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_u256_to_be32(NULL, &v), STAKE_EINVAL);
    ck_assert_rc(stake_u256_to_be32(be, NULL), STAKE_EINVAL);
}
END_TEST

START_TEST(u64_conversion)
{
    stake_u256 v = sentinel();
    uint64_t x = 7;
    ck_assert_rc(stake_u256_from_u64(&v, UINT64_MAX), STAKE_OK);
    ck_assert_u256_eq(v, U("18446744073709551615"));
    ck_assert_rc(stake_u256_to_u64(&x, &v), STAKE_OK);
    ck_assert(x == UINT64_MAX);
    v = U("18446744073709551616");
    x = 7;
    ck_assert_rc(stake_u256_to_u64(&x, &v), STAKE_ERANGE);
    ck_assert(x == 7);
    v = U("0x1000000000000000000000000000000000000000000000000");
    ck_assert_rc(stake_u256_to_u64(&x, &v), STAKE_ERANGE);
    ck_assert_rc(stake_u256_from_u64(NULL, 1), STAKE_EINVAL);
    ck_assert_rc(stake_u256_to_u64(NULL, &v), STAKE_EINVAL);
    ck_assert_rc(stake_u256_to_u64(&x, NULL), STAKE_EINVAL);
}
END_TEST

/* ---- comparison --------------------------------------------------------------- */

START_TEST(compare)
{
    stake_u256 a = U("5"), b = U("6"), hi = U("0x10000000000000000");
    ck_assert_int_eq(stake_u256_cmp(&a, &b), -1);
    ck_assert_int_eq(stake_u256_cmp(&b, &a), 1);
    ck_assert_int_eq(stake_u256_cmp(&a, &a), 0);
    /* The high limb decides, not the low one. */
    stake_u256 low_big = U64(UINT64_MAX);
    ck_assert_int_eq(stake_u256_cmp(&hi, &low_big), 1);
    ck_assert_int_eq(stake_u256_cmp(NULL, &a), -1);
    ck_assert_int_eq(stake_u256_cmp(&a, NULL), 1);
    ck_assert_int_eq(stake_u256_cmp(NULL, NULL), 0);
}
END_TEST

/* ---- add, sub, mul ---------------------------------------------------------------- */

START_TEST(add_sub)
{
    stake_u256 r = sentinel(), max = U(MAX_U256_DEC);
    stake_u256 one = U64(1);
    ck_assert_rc(stake_u256_add(&r, &max, &one), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    stake_u256 zero = U64(0);
    ck_assert_rc(stake_u256_add(&r, &max, &zero), STAKE_OK);
    ck_assert_u256_eq(r, max);
    stake_u256 a = U64(UINT64_MAX);
    ck_assert_rc(stake_u256_add(&r, &a, &one), STAKE_OK);
    ck_assert_u256_eq(r, U("18446744073709551616"));
    /* Carry through every limb. */
    stake_u256 almost = U("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    stake_u256 z;
    ck_assert_rc(stake_u256_sub(&z, &almost, &max), STAKE_OK);
    ck_assert_u256_eq(z, U64(0));

    r = sentinel();
    ck_assert_rc(stake_u256_sub(&r, &one, &max), STAKE_EUNDERFLOW);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_rc(stake_u256_sub(&r, &zero, &one), STAKE_EUNDERFLOW);
    ck_assert_rc(stake_u256_sub(&r, &max, &one), STAKE_OK);
    ck_assert_u256_eq(r, U("115792089237316195423570985008687907853269984665640564039457584007913129639934"));
    stake_u256 two64 = U("18446744073709551616");
    ck_assert_rc(stake_u256_sub(&r, &two64, &one), STAKE_OK);
    ck_assert_u256_eq(r, U64(UINT64_MAX));

    /* Outputs may alias inputs. */
    stake_u256 x = U("1000");
    ck_assert_rc(stake_u256_add(&x, &x, &x), STAKE_OK);
    ck_assert_u256_eq(x, U("2000"));
    ck_assert_rc(stake_u256_sub(&x, &x, &x), STAKE_OK);
    ck_assert_u256_eq(x, U64(0));

    ck_assert_rc(stake_u256_add(NULL, &one, &one), STAKE_EINVAL);
    ck_assert_rc(stake_u256_add(&r, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_u256_add(&r, &one, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_u256_sub(NULL, &one, &one), STAKE_EINVAL);
    ck_assert_rc(stake_u256_sub(&r, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_u256_sub(&r, &one, NULL), STAKE_EINVAL);
}
END_TEST

START_TEST(mul)
{
    stake_u256 r = sentinel();
    stake_u256 two128 = U("0x100000000000000000000000000000000");
    stake_u256 two128m1 = U("0xffffffffffffffffffffffffffffffff");
    stake_u256 two127 = U("0x80000000000000000000000000000000");
    stake_u256 two = U64(2);
    ck_assert_rc(stake_u256_mul(&r, &two128, &two128), STAKE_EOVERFLOW);   /* exactly 2^256 */
    ck_assert_u256_eq(r, sentinel());
    ck_assert_rc(stake_u256_mul(&r, &two128, &two128m1), STAKE_OK);
    ck_assert_u256_eq(r, U("0xffffffffffffffffffffffffffffffff00000000000000000000000000000000"));
    ck_assert_rc(stake_u256_mul(&r, &two127, &two128), STAKE_OK);
    ck_assert_u256_eq(r, U("0x8000000000000000000000000000000000000000000000000000000000000000"));
    stake_u256 top = r;
    ck_assert_rc(stake_u256_mul(&r, &top, &two), STAKE_EOVERFLOW);
    stake_u256 max = U(MAX_U256_DEC), one = U64(1), zero = U64(0);
    ck_assert_rc(stake_u256_mul(&r, &max, &one), STAKE_OK);
    ck_assert_u256_eq(r, max);
    ck_assert_rc(stake_u256_mul(&r, &max, &zero), STAKE_OK);
    ck_assert_u256_eq(r, zero);
    ck_assert_rc(stake_u256_mul(&r, &max, &max), STAKE_EOVERFLOW);
    /* 1e18 * 1e27 */
    stake_u256 e18 = U("1000000000000000000"), e27 = U("1000000000000000000000000000");
    ck_assert_rc(stake_u256_mul(&r, &e18, &e27), STAKE_OK);
    ck_assert_u256_eq(r, U("1000000000000000000000000000000000000000000000"));
    /* 1e45 squared is 1e90 > 2^256: refused, r unchanged, even aliased. */
    stake_u256 e45 = r;
    ck_assert_rc(stake_u256_mul(&r, &r, &r), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, e45);
    r = U("1000000000000000000000000000000");   /* 1e30 */
    ck_assert_rc(stake_u256_mul(&r, &r, &r), STAKE_OK);
    ck_assert_u256_eq(r, U("1000000000000000000000000000000000000000000000000000000000000"));
    ck_assert_rc(stake_u256_mul(NULL, &one, &one), STAKE_EINVAL);
    ck_assert_rc(stake_u256_mul(&r, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_u256_mul(&r, &one, NULL), STAKE_EINVAL);
}
END_TEST

/* ---- div, mod ------------------------------------------------------------------------ */

START_TEST(div_mod)
{
    stake_u256 q = sentinel(), r = sentinel();
    stake_u256 zero = U64(0), seven = U64(7), hundred = U64(100);
    ck_assert_rc(stake_u256_div(&q, &hundred, &zero), STAKE_EDIVZERO);
    ck_assert_rc(stake_u256_mod(&r, &hundred, &zero), STAKE_EDIVZERO);
    ck_assert_rc(stake_u256_divmod(&q, &r, &hundred, &zero), STAKE_EDIVZERO);
    ck_assert_u256_eq(q, sentinel());
    ck_assert_u256_eq(r, sentinel());
    ck_assert_rc(stake_u256_divmod(&q, &r, &hundred, &seven), STAKE_OK);
    ck_assert_u256_eq(q, U64(14));
    ck_assert_u256_eq(r, U64(2));
    ck_assert_rc(stake_u256_div(&q, &seven, &hundred), STAKE_OK);
    ck_assert_u256_eq(q, zero);
    ck_assert_rc(stake_u256_mod(&r, &seven, &hundred), STAKE_OK);
    ck_assert_u256_eq(r, seven);

    stake_u256 max = U(MAX_U256_DEC);
    ck_assert_rc(stake_u256_divmod(&q, &r, &max, &max), STAKE_OK);
    ck_assert_u256_eq(q, U64(1));
    ck_assert_u256_eq(r, zero);
    stake_u256 d = U("340282366920938463463374607431768211457");   /* 2^128 + 1 */
    ck_assert_rc(stake_u256_divmod(&q, &r, &max, &d), STAKE_OK);
    /* (2^256 - 1) = (2^128 + 1)(2^128 - 1) */
    ck_assert_u256_eq(q, U("340282366920938463463374607431768211455"));
    ck_assert_u256_eq(r, zero);
    stake_u256 e18 = U("1000000000000000000");
    ck_assert_rc(stake_u256_divmod(&q, &r, &max, &e18), STAKE_OK);
    ck_assert_u256_eq(q, U("115792089237316195423570985008687907853269984665640564039457"));
    ck_assert_u256_eq(r, U("584007913129639935"));

    /* One output may be NULL; not both. Aliasing works. */
    ck_assert_rc(stake_u256_divmod(NULL, &r, &hundred, &seven), STAKE_OK);
    ck_assert_u256_eq(r, U64(2));
    ck_assert_rc(stake_u256_divmod(&q, NULL, &hundred, &seven), STAKE_OK);
    ck_assert_u256_eq(q, U64(14));
    ck_assert_rc(stake_u256_divmod(NULL, NULL, &hundred, &seven), STAKE_EINVAL);
    stake_u256 x = U64(100);
    ck_assert_rc(stake_u256_div(&x, &x, &seven), STAKE_OK);
    ck_assert_u256_eq(x, U64(14));
    ck_assert_rc(stake_u256_div(NULL, &x, &seven), STAKE_EINVAL);
    ck_assert_rc(stake_u256_mod(NULL, &x, &seven), STAKE_EINVAL);
    ck_assert_rc(stake_u256_div(&q, NULL, &seven), STAKE_EINVAL);
    ck_assert_rc(stake_u256_mod(&q, &x, NULL), STAKE_EINVAL);
}
END_TEST

/* Division checked against multiplication on structured operands whose
 * limbs are all ones, single high bits and mixtures, which exercise the
 * correction steps of the long division. */
START_TEST(div_structured)
{
    const char *vals[] = {
        "1", "2", "3", "0xffffffffffffffff", "0x10000000000000000", "0x1ffffffffffffffff",
        "0x8000000000000000", "0x80000000000000000000000000000000",
        "0xffffffffffffffffffffffffffffffff", "0x100000000000000000000000000000001",
        "0xffffffffffffffff0000000000000000ffffffffffffffff",
        "0x8000000000000000000000000000000000000000000000000000000000000001",
        "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "0xfffffffffffffffffffffffffffffffeffffffffffffffffffffffffffffffff",
        "0x800000000000000000000000000000000000000000000000",
        "1000000000000000000", "1000000000000000000000000000", MAX_U256_DEC,
    };
    size_t n = sizeof vals / sizeof vals[0];
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            stake_u256 a = U(vals[i]), b = U(vals[j]), q, r, back;
            ck_assert_rc(stake_u256_divmod(&q, &r, &a, &b), STAKE_OK);
            ck_assert_int_lt(stake_u256_cmp(&r, &b), 0);
            ck_assert_rc(stake_u256_mul(&back, &q, &b), STAKE_OK);
            ck_assert_rc(stake_u256_add(&back, &back, &r), STAKE_OK);
            ck_assert_u256_eq(back, a);
        }
    }
}
END_TEST

/* ---- mulDiv ------------------------------------------------------------------------------ */

START_TEST(muldiv_basic)
{
    stake_u256 r = sentinel();
    stake_u256 a = U("10"), b = U("10"), c = U("3");
    ck_assert_rc(stake_u256_muldiv(&r, &a, &b, &c, STAKE_ROUND_FLOOR), STAKE_OK);
    ck_assert_u256_eq(r, U64(33));
    ck_assert_rc(stake_u256_muldiv(&r, &a, &b, &c, STAKE_ROUND_CEIL), STAKE_OK);
    ck_assert_u256_eq(r, U64(34));
    ck_assert_rc(stake_u256_muldiv(&r, &a, &b, &c, STAKE_ROUND_TRUNC), STAKE_OK);
    ck_assert_u256_eq(r, U64(33));
    ck_assert_rc(stake_u256_muldiv(&r, &a, &b, &c, STAKE_ROUND_EXPAND), STAKE_OK);
    ck_assert_u256_eq(r, U64(34));
    /* Exact: no rounding either way. */
    stake_u256 five = U64(5);
    ck_assert_rc(stake_u256_muldiv(&r, &a, &b, &five, STAKE_ROUND_CEIL), STAKE_OK);
    ck_assert_u256_eq(r, U64(20));
    /* Zero operands. */
    stake_u256 zero = U64(0);
    ck_assert_rc(stake_u256_muldiv(&r, &zero, &b, &c, STAKE_ROUND_CEIL), STAKE_OK);
    ck_assert_u256_eq(r, zero);
    /* A realistic stETH conversion: 1 ETH of shares at a rate of 1.15. */
    stake_u256 shares = U("1000000000000000000");
    stake_u256 pooled = U("9300000000000000000000000"), total = U("8086956521739130434782608");
    ck_assert_rc(stake_u256_muldiv(&r, &shares, &pooled, &total, STAKE_ROUND_FLOOR), STAKE_OK);
    ck_assert_u256_eq(r, U("1150000000000000000"));
}
END_TEST

START_TEST(muldiv_wide)
{
    stake_u256 r, max = U(MAX_U256_DEC);
    /* (2^256-1)^2 / (2^256-1) needs the 512-bit product. */
    ck_assert_rc(stake_u256_muldiv(&r, &max, &max, &max, STAKE_ROUND_FLOOR), STAKE_OK);
    ck_assert_u256_eq(r, max);
    ck_assert_rc(stake_u256_muldiv(&r, &max, &max, &max, STAKE_ROUND_CEIL), STAKE_OK);
    ck_assert_u256_eq(r, max);
    stake_u256 two128 = U("0x100000000000000000000000000000000");
    stake_u256 three = U64(3);
    /* 2^256 / 3 = 0x5555...5 remainder 1 */
    ck_assert_rc(stake_u256_muldiv(&r, &two128, &two128, &three, STAKE_ROUND_FLOOR), STAKE_OK);
    ck_assert_u256_eq(r, U("0x5555555555555555555555555555555555555555555555555555555555555555"));
    ck_assert_rc(stake_u256_muldiv(&r, &two128, &two128, &three, STAKE_ROUND_CEIL), STAKE_OK);
    ck_assert_u256_eq(r, U("0x5555555555555555555555555555555555555555555555555555555555555556"));
    /* max * (max - 1) / max = max - 1, exact */
    stake_u256 maxm1 = U("115792089237316195423570985008687907853269984665640564039457584007913129639934");
    ck_assert_rc(stake_u256_muldiv(&r, &max, &maxm1, &max, STAKE_ROUND_CEIL), STAKE_OK);
    ck_assert_u256_eq(r, maxm1);
}
END_TEST

/* a * b / c rounded down and up, both expected to succeed. */
static void assert_muldiv_floor_ceil(const char *a, const char *b, const char *c,
                                     const char *floor, const char *ceil)
{
    stake_u256 x = U(a), y = U(b), z = U(c), r;
    ck_assert_rc(stake_u256_muldiv(&r, &x, &y, &z, STAKE_ROUND_FLOOR), STAKE_OK);
    ck_assert_u256_eq(r, U(floor));
    ck_assert_rc(stake_u256_muldiv(&r, &x, &y, &z, STAKE_ROUND_CEIL), STAKE_OK);
    ck_assert_u256_eq(r, U(ceil));
}

/* The full-width path (four-limb divisor) at its edges. */
START_TEST(muldiv_four_limb_divisor)
{
    /* c = 2^255: rounding up borrows c - 1 through all four limbs. */
    assert_muldiv_floor_ceil(
        "0x8000000000000000000000000000000000000000000000000000000000000001",
        "0x8000000000000000000000000000000000000000000000000000000000000003",
        "0x8000000000000000000000000000000000000000000000000000000000000000",
        "0x8000000000000000000000000000000000000000000000000000000000000004",
        "0x8000000000000000000000000000000000000000000000000000000000000005");

    /* (2^256 - 2) * (c + 1) / c with 2^255 < c < 2^256 - 2: a floor of
     * exactly 2^256 - 1 with a remainder, so rounding up is Solidity's
     * reverting "+ 1". */
    stake_u256 r = sentinel(), max = U(MAX_U256_DEC);
    stake_u256 a = U("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe");
    stake_u256 b = U("0x800000000000000000000000000000000000000000000000000000000000303a");
    stake_u256 c = U("0x8000000000000000000000000000000000000000000000000000000000003039");
    ck_assert_rc(stake_u256_muldiv(&r, &a, &b, &c, STAKE_ROUND_FLOOR), STAKE_OK);
    ck_assert_u256_eq(r, max);
    r = sentinel();
    ck_assert_rc(stake_u256_muldiv(&r, &a, &b, &c, STAKE_ROUND_CEIL), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());

    /* (c - 1) * (2^256 - 1) / c: the product's high half is c - 2, so the
     * first quotient limb comes from a window whose top two limbs equal
     * the divisor's (the step a 3-by-2 division cannot take), once with
     * a normalised divisor and once with one shifted by two bits. */
    assert_muldiv_floor_ceil(
        "0xc000000000000000000000000000000000000000000000000000000000000006", MAX_U256_DEC,
        "0xc000000000000000000000000000000000000000000000000000000000000007",
        "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd",
        "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe");
    assert_muldiv_floor_ceil(
        "0x3000000000000000ffffffffffffffff0000000000000000fffffffffffffffe", MAX_U256_DEC,
        "0x3000000000000000ffffffffffffffff0000000000000000ffffffffffffffff",
        "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff9",
        "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa");
}
END_TEST

START_TEST(muldiv_refusals)
{
    stake_u256 r = sentinel(), max = U(MAX_U256_DEC);
    stake_u256 zero = U64(0), one = U64(1), two = U64(2);
    ck_assert_rc(stake_u256_muldiv(&r, &one, &one, &zero, STAKE_ROUND_FLOOR), STAKE_EDIVZERO);
    /* Division by zero is refused even when the product is zero (OZ panics). */
    ck_assert_rc(stake_u256_muldiv(&r, &zero, &zero, &zero, STAKE_ROUND_FLOOR), STAKE_EDIVZERO);
    /* Result of exactly 2^256. */
    stake_u256 two128 = U("0x100000000000000000000000000000000");
    ck_assert_rc(stake_u256_muldiv(&r, &two128, &two128, &one, STAKE_ROUND_FLOOR), STAKE_EOVERFLOW);
    ck_assert_rc(stake_u256_muldiv(&r, &max, &two, &one, STAKE_ROUND_FLOOR), STAKE_EOVERFLOW);
    /* max * max / max - 1 is far too big. */
    stake_u256 maxm1 = U("115792089237316195423570985008687907853269984665640564039457584007913129639934");
    ck_assert_rc(stake_u256_muldiv(&r, &max, &max, &maxm1, STAKE_ROUND_FLOOR), STAKE_EOVERFLOW);
    /* Rounding up refuses where Solidity's checked "+ 1" reverts: a floor
     * of exactly 2^256 - 1 with a remainder. 2^257 - 1 factors as
     * 535006138814359 * b, so a * b / 2 = 2^256 - 1 remainder 1. */
    stake_u256 a = U("535006138814359");
    stake_u256 b = U("432862656469423142931042426214547535783388063929571229938474969");
    ck_assert_rc(stake_u256_muldiv(&r, &a, &b, &two, STAKE_ROUND_CEIL), STAKE_EOVERFLOW);
    ck_assert_rc(stake_u256_muldiv(&r, &a, &b, &two, STAKE_ROUND_EXPAND), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_rc(stake_u256_muldiv(&r, &a, &b, &two, STAKE_ROUND_FLOOR), STAKE_OK);
    ck_assert_u256_eq(r, max);
    r = sentinel();
    /* Overflow in both modes. */
    ck_assert_rc(stake_u256_muldiv(&r, &max, &max, &maxm1, STAKE_ROUND_CEIL), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_rc(stake_u256_muldiv(&r, &one, &one, &one, (stake_rounding)4), STAKE_EINVAL);
    ck_assert_rc(stake_u256_muldiv(&r, &one, &one, &one, (stake_rounding)-1), STAKE_EINVAL);
    ck_assert_rc(stake_u256_muldiv(NULL, &one, &one, &one, STAKE_ROUND_FLOOR), STAKE_EINVAL);
    ck_assert_rc(stake_u256_muldiv(&r, NULL, &one, &one, STAKE_ROUND_FLOOR), STAKE_EINVAL);
    ck_assert_rc(stake_u256_muldiv(&r, &one, NULL, &one, STAKE_ROUND_FLOOR), STAKE_EINVAL);
    ck_assert_rc(stake_u256_muldiv(&r, &one, &one, NULL, STAKE_ROUND_FLOOR), STAKE_EINVAL);
    ck_assert_u256_eq(r, sentinel());
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("u256");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, dec_valid);
    tcase_add_test(tc, dec_refusals);
    tcase_add_test(tc, dec_overlong_bounded);
    tcase_add_test(tc, hex_valid);
    tcase_add_test(tc, hex_refusals);
    tcase_add_test(tc, string_either_form);
    tcase_add_test(tc, error_detail_cleared_on_success);
    suite_add_tcase(s, tc);

    tc = tcase_create("format");
    tcase_add_test(tc, format_round_trip);
    tcase_add_test(tc, format_hex_shape);
    tcase_add_test(tc, format_buffer_too_small);
    tcase_add_test(tc, be32_round_trip);
    tcase_add_test(tc, u64_conversion);
    suite_add_tcase(s, tc);

    tc = tcase_create("arith");
    tcase_add_test(tc, compare);
    tcase_add_test(tc, add_sub);
    tcase_add_test(tc, mul);
    tcase_add_test(tc, div_mod);
    tcase_add_test(tc, div_structured);
    suite_add_tcase(s, tc);

    tc = tcase_create("muldiv");
    tcase_add_test(tc, muldiv_basic);
    tcase_add_test(tc, muldiv_wide);
    tcase_add_test(tc, muldiv_four_limb_divisor);
    tcase_add_test(tc, muldiv_refusals);
    suite_add_tcase(s, tc);
    return s;
}
