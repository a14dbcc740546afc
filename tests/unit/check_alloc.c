/*
 * Allocation behaviour of the numeric core: the GMP build never allocates
 * in mulDiv; the libtommath build allocates on the one path it still owns
 * (a product wider than 256 bits over a divisor below 2^192) and turns
 * every failed allocation into STAKE_ENOMEM, leaving the output untouched
 * and leaking nothing.
 */
#include "testutil.h"
#include "failmalloc.h"

/* A 328-bit product over a three-limb divisor: the backend's case. */
static const char *WIDE_A = "0x0123456789abcdef0123456789abcdef0123456789abcdef01";
static const char *WIDE_B = "0xfedcba9876543210fedcba9876543210";
static const char *WIDE_C = "0x800000000000000000000000000000000000000000000001";

/* A 511-bit product over a four-limb divisor: done on limbs in every
 * build. */
static const char *FULL_A = "0x7fffffffffffffff0123456789abcdef0123456789abcdef0123456789abcdef";
static const char *FULL_B = "0xfedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
static const char *FULL_C = "0x8000000000000000000000000000000000000000000000000000000000000001";

/* Every allocation the wide path makes, failed one at a time. */
START_TEST(wide_path_allocation_failures)
{
    stake_u256 a = U(WIDE_A), b = U(WIDE_B), c = U(WIDE_C), good, out;
    ck_assert_rc(stake_u256_muldiv(&good, &a, &b, &c, STAKE_ROUND_CEIL), STAKE_OK);

    /* No Check assertion while armed: Check allocates to record them. */
    fm_arm(0);
    stake_rc rc0 = stake_u256_muldiv(&out, &a, &b, &c, STAKE_ROUND_CEIL);
    fm_disarm();
    ck_assert_rc(rc0, STAKE_OK);
    long total = fm_count;
    ck_assert_int_eq(fm_live, 0);
    if (strcmp(stake_backend_name(), "gmp") == 0) {
        ck_assert_msg(total == 0, "the GMP build allocated %ld times", total);
        return;
    }
    ck_assert_int_gt(total, 0);
    for (long k = 1; k <= total; k++) {
        out = sentinel();
        fm_arm(k);
        stake_rc rc = stake_u256_muldiv(&out, &a, &b, &c, STAKE_ROUND_CEIL);
        fm_disarm();
        ck_assert_msg(rc == STAKE_ENOMEM, "failing allocation %ld of %ld gave %s", k, total,
                      stake_errname(rc));
        ck_assert_u256_eq(out, sentinel());
        ck_assert_msg(fm_live == 0, "failing allocation %ld leaked %ld blocks", k, fm_live);
    }
    ck_assert_rc(stake_u256_muldiv(&out, &a, &b, &c, STAKE_ROUND_CEIL), STAKE_OK);
    ck_assert_u256_eq(out, good);
}
END_TEST

/* The paths every build shares never allocate. */
START_TEST(common_paths_do_not_allocate)
{
    stake_u256 a = U("123456789012345678901234"), b = U("987654321098765432109876543");
    stake_u256 c = U("555555555555555555555555555"), r;
    stake_u256 fa = U(FULL_A), fb = U(FULL_B), fc = U(FULL_C);
    char buf[STAKE_U256_DEC_SIZE];
    stake_rc rc[7];
    fm_arm(0);
    rc[0] = stake_u256_muldiv(&r, &a, &b, &c, STAKE_ROUND_FLOOR);
    rc[1] = stake_u256_divmod(&r, NULL, &a, &c);
    rc[2] = stake_u256_mul(&r, &a, &b);
    rc[3] = stake_u256_from_dec(&r, MAX_U256_DEC, NULL);
    rc[4] = stake_u256_to_dec(buf, sizeof buf, &r);
    rc[5] = stake_u256_muldiv(&r, &fa, &fb, &fc, STAKE_ROUND_FLOOR);
    rc[6] = stake_u256_muldiv(&r, &fa, &fb, &fc, STAKE_ROUND_CEIL);
    fm_disarm();
    for (int i = 0; i < 7; i++)
        ck_assert_rc(rc[i], STAKE_OK);
    ck_assert_int_eq(fm_count, 0);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("failures");
    if (FM_AVAILABLE) {
        tcase_add_test(tc, wide_path_allocation_failures);
        tcase_add_test(tc, common_paths_do_not_allocate);
    } else {
        printf("alloc: allocation injection is off under AddressSanitizer\n");
    }
    suite_add_tcase(s, tc);
    return s;
}
