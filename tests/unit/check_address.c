/*
 * Unit tests of 20-byte addresses: strict parsing with every refusal and
 * its offset, formatting, the zero test.
 */
#include "testutil.h"

static const char *VITALIK = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045";

static stake_address sentinel_address(void)
{
    stake_address a;
    memset(a.bytes, 0xa5, sizeof a.bytes);
    return a;
}

#define ck_assert_address_eq(a, b) \
    ck_assert_msg(memcmp((a).bytes, (b).bytes, STAKE_ADDRESS_BYTES) == 0, \
                  "%s and %s differ", #a, #b)

START_TEST(parse_valid)
{
    stake_address a;
    stake_error err;
    ck_assert_rc(stake_address_from_hex(&a, VITALIK, &err), STAKE_OK);
    ck_assert_int_eq(err.code, STAKE_OK);
    ck_assert_int_eq(a.bytes[0], 0xd8);
    ck_assert_int_eq(a.bytes[1], 0xda);
    ck_assert_int_eq(a.bytes[19], 0x45);

    /* Either prefix case, either digit case, checksum not verified. */
    stake_address b;
    ck_assert_rc(stake_address_from_hex(&b, "0XD8DA6BF26964AF9D7EED9E03E53415D37AA96045", NULL),
                 STAKE_OK);
    ck_assert_address_eq(a, b);
    ck_assert_rc(stake_address_from_hex(&b, "0xd8da6bf26964af9d7eed9e03e53415d37aa96045", NULL),
                 STAKE_OK);
    ck_assert_address_eq(a, b);
    /* A wrong EIP-55 checksum (first letter's case flipped) is accepted. */
    ck_assert_rc(stake_address_from_hex(&b, "0xD8dA6BF26964aF9D7eEd9e03E53415D37aA96045", NULL),
                 STAKE_OK);
    ck_assert_address_eq(a, b);

    ck_assert_rc(stake_address_from_hex(&b, "0x0000000000000000000000000000000000000000", NULL),
                 STAKE_OK);
    ck_assert(stake_address_is_zero(&b));
    ck_assert_rc(stake_address_from_hex(&b, "0xffffffffffffffffffffffffffffffffffffffff", NULL),
                 STAKE_OK);
    for (int i = 0; i < STAKE_ADDRESS_BYTES; i++)
        ck_assert_int_eq(b.bytes[i], 0xff);
    ck_assert_rc(stake_address_from_hex(&b, "0x0123456789abcdefABCDEF000000000000000001", NULL),
                 STAKE_OK);
    ck_assert_int_eq(b.bytes[0], 0x01);
    ck_assert_int_eq(b.bytes[7], 0xef);
    ck_assert_int_eq(b.bytes[10], 0xef);
    ck_assert_int_eq(b.bytes[19], 0x01);
}
END_TEST

START_TEST(parse_refusals)
{
    struct { const char *s; stake_rc rc; size_t pos; } cases[] = {
        { "", STAKE_EEMPTY, 0 },
        { "0x", STAKE_ESYNTAX, 2 },
        { "0", STAKE_ESYNTAX, 1 },
        { "x0", STAKE_ESYNTAX, 0 },
        { "d8dA6BF26964aF9D7eEd9e03E53415D37aA96045", STAKE_ESYNTAX, 0 },
        { "00d8dA6BF26964aF9D7eEd9e03E53415D37aA96045", STAKE_ESYNTAX, 1 },
        { " 0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045", STAKE_ESYNTAX, 0 },
        { "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA9604", STAKE_ESYNTAX, 41 },   /* 39 digits */
        { "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA9604g", STAKE_ESYNTAX, 41 },
        { "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045 ", STAKE_ESYNTAX, 42 },
        { "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045\n", STAKE_ESYNTAX, 42 },
        { "0x-8dA6BF26964aF9D7eEd9e03E53415D37aA96045", STAKE_ESYNTAX, 2 },
        { "0x\xff" "8dA6BF26964aF9D7eEd9e03E53415D37aA96045", STAKE_ESYNTAX, 2 },
        { "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA960450", STAKE_ETOOLONG, 42 }, /* 41 digits */
        { "0x00d8dA6BF26964aF9D7eEd9e03E53415D37aA96045", STAKE_ETOOLONG, 42 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        stake_address a = sentinel_address(), want = sentinel_address();
        stake_error err;
        memset(&err, 0, sizeof err);
        ck_assert_msg(stake_address_from_hex(&a, cases[i].s, &err) == cases[i].rc,
                      "case %zu (\"%s\"): got %s", i, cases[i].s, stake_errname(err.code));
        ck_assert_int_eq(err.code, cases[i].rc);
        ck_assert_msg(err.position == cases[i].pos, "case %zu: position %zu, expected %zu", i,
                      err.position, cases[i].pos);
        ck_assert(err.text[0] != '\0');
        ck_assert_address_eq(a, want);
        /* Same answer without a detail structure. */
        ck_assert_rc(stake_address_from_hex(&a, cases[i].s, NULL), cases[i].rc);
        ck_assert_address_eq(a, want);
    }
}
END_TEST

START_TEST(parse_null)
{
    stake_address a = sentinel_address(), want = sentinel_address();
    stake_error err;
    ck_assert_rc(stake_address_from_hex(NULL, VITALIK, &err), STAKE_EINVAL);
    ck_assert_int_eq(err.code, STAKE_EINVAL);
    ck_assert_rc(stake_address_from_hex(&a, NULL, &err), STAKE_EINVAL);
    ck_assert_rc(stake_address_from_hex(&a, NULL, NULL), STAKE_EINVAL);
    ck_assert_address_eq(a, want);
}
END_TEST

/* An over-long input is refused after a bounded prefix. */
START_TEST(parse_overlong_bounded)
{
    size_t n = 1 << 20;
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    memset(s, 'a', n);
    s[0] = '0';
    s[1] = 'x';
    s[n] = '\0';
    stake_address a = sentinel_address(), want = sentinel_address();
    stake_error err;
    ck_assert_rc(stake_address_from_hex(&a, s, &err), STAKE_ETOOLONG);
    ck_assert_uint_eq(err.position, 42);
    ck_assert_address_eq(a, want);
    free(s);
}
END_TEST

START_TEST(format)
{
    stake_address a;
    char buf[STAKE_ADDRESS_HEX_SIZE];
    ck_assert_rc(stake_address_from_hex(&a, VITALIK, NULL), STAKE_OK);
    ck_assert_rc(stake_address_to_hex(buf, sizeof buf, &a), STAKE_OK);
    ck_assert_str_eq(buf, "0xd8da6bf26964af9d7eed9e03e53415d37aa96045");
    ck_assert_uint_eq(strlen(buf) + 1, STAKE_ADDRESS_HEX_SIZE);

    /* Round trip of every byte value. */
    for (int v = 0; v < 256; v++) {
        stake_address x, y;
        for (int i = 0; i < STAKE_ADDRESS_BYTES; i++)
            x.bytes[i] = (uint8_t)(v + 37 * i);
        ck_assert_rc(stake_address_to_hex(buf, sizeof buf, &x), STAKE_OK);
        ck_assert_rc(stake_address_from_hex(&y, buf, NULL), STAKE_OK);
        ck_assert_address_eq(x, y);
    }

    memset(a.bytes, 0, sizeof a.bytes);
    ck_assert_rc(stake_address_to_hex(buf, sizeof buf, &a), STAKE_OK);
    ck_assert_str_eq(buf, "0x0000000000000000000000000000000000000000");
}
END_TEST

START_TEST(format_refusals)
{
    stake_address a;
    ck_assert_rc(stake_address_from_hex(&a, VITALIK, NULL), STAKE_OK);
    char buf[64];
    memset(buf, '#', sizeof buf);
    ck_assert_rc(stake_address_to_hex(buf, STAKE_ADDRESS_HEX_SIZE - 1, &a), STAKE_EBUFSIZE);
    ck_assert_rc(stake_address_to_hex(buf, 0, &a), STAKE_EBUFSIZE);
    for (size_t i = 0; i < sizeof buf; i++)
        ck_assert_int_eq(buf[i], '#');
    ck_assert_rc(stake_address_to_hex(NULL, sizeof buf, &a), STAKE_EINVAL);
    ck_assert_rc(stake_address_to_hex(buf, sizeof buf, NULL), STAKE_EINVAL);
    for (size_t i = 0; i < sizeof buf; i++)
        ck_assert_int_eq(buf[i], '#');
    /* A larger buffer is fine; nothing past the NUL is written. */
    ck_assert_rc(stake_address_to_hex(buf, sizeof buf, &a), STAKE_OK);
    ck_assert_int_eq(buf[STAKE_ADDRESS_HEX_SIZE - 1], '\0');
    ck_assert_int_eq(buf[STAKE_ADDRESS_HEX_SIZE], '#');
}
END_TEST

START_TEST(is_zero)
{
    stake_address a;
    memset(a.bytes, 0, sizeof a.bytes);
    ck_assert(stake_address_is_zero(&a));
    for (int i = 0; i < STAKE_ADDRESS_BYTES; i++) {
        a.bytes[i] = 1;
        ck_assert_msg(!stake_address_is_zero(&a), "byte %d set", i);
        a.bytes[i] = 0;
    }
    a.bytes[19] = 0x80;
    ck_assert(!stake_address_is_zero(&a));
    ck_assert(stake_address_is_zero(NULL));
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("address");
    TCase *tc = tcase_create("address");
    tcase_add_test(tc, parse_valid);
    tcase_add_test(tc, parse_refusals);
    tcase_add_test(tc, parse_null);
    tcase_add_test(tc, parse_overlong_bounded);
    tcase_add_test(tc, format);
    tcase_add_test(tc, format_refusals);
    tcase_add_test(tc, is_zero);
    suite_add_tcase(s, tc);
    return s;
}
