/*
 * Unit tests of the status-code table and the version functions.
 */
#include "testutil.h"

START_TEST(names_and_messages)
{
    ck_assert_str_eq(stake_errname(STAKE_OK), "STAKE_OK");
    ck_assert_str_eq(stake_errname(STAKE_EOVERFLOW), "STAKE_EOVERFLOW");
    ck_assert_str_eq(stake_errname(STAKE_EDIVZERO), "STAKE_EDIVZERO");
    ck_assert_str_eq(stake_strerror(STAKE_EDIVZERO), "division by zero");
    ck_assert_str_eq(stake_strerror(STAKE_OK), "success");
    ck_assert_str_eq(stake_errname(12345), "STAKE_EUNKNOWN");
    ck_assert_str_eq(stake_strerror(12345), "unknown error");
    ck_assert_str_eq(stake_errname(-9999), "STAKE_EUNKNOWN");
    ck_assert_int_eq(stake_error_family(-9999), STAKE_FAMILY_UNKNOWN);
}
END_TEST

START_TEST(families)
{
    ck_assert_int_eq(stake_error_family(STAKE_OK), STAKE_FAMILY_NONE);
    ck_assert_int_eq(stake_error_family(STAKE_EINVAL), STAKE_FAMILY_USAGE);
    ck_assert_int_eq(stake_error_family(STAKE_ENOMEM), STAKE_FAMILY_MEMORY);
    ck_assert_int_eq(stake_error_family(STAKE_ESYNTAX), STAKE_FAMILY_PARSE);
    ck_assert_int_eq(stake_error_family(STAKE_EOVERFLOW), STAKE_FAMILY_ARITH);
    ck_assert_str_eq(stake_family_name(STAKE_FAMILY_ARITH), "arithmetic");
    ck_assert_str_eq(stake_family_name(STAKE_FAMILY_UNKNOWN), "unknown");
    ck_assert_str_eq(stake_family_name((stake_family)77), "unknown");
    for (int f = STAKE_FAMILY_NONE; f <= STAKE_FAMILY_UNKNOWN; f++)
        ck_assert_ptr_nonnull(stake_family_name((stake_family)f));
}
END_TEST

/* The table is complete and consistent: unique codes and names, OK first,
 * errors negative, every entry with a message and a known family. */
START_TEST(table_consistent)
{
    size_t n = stake_error_count();
    ck_assert_uint_ge(n, 12);
    int first;
    ck_assert_rc(stake_error_code(&first, 0), STAKE_OK);
    ck_assert_int_eq(first, STAKE_OK);
    for (size_t i = 0; i < n; i++) {
        int code;
        ck_assert_rc(stake_error_code(&code, i), STAKE_OK);
        ck_assert(i == 0 ? code == 0 : code < 0);
        ck_assert_str_ne(stake_errname(code), "STAKE_EUNKNOWN");
        ck_assert_str_ne(stake_strerror(code), "unknown error");
        ck_assert_int_ne(stake_error_family(code), STAKE_FAMILY_UNKNOWN);
        ck_assert(strncmp(stake_errname(code), "STAKE_", 6) == 0);
        for (size_t j = 0; j < i; j++) {
            int other;
            ck_assert_rc(stake_error_code(&other, j), STAKE_OK);
            ck_assert_int_ne(other, code);
            ck_assert_str_ne(stake_errname(other), stake_errname(code));
        }
    }
    int code = 99;
    ck_assert_rc(stake_error_code(&code, n), STAKE_EINVAL);
    ck_assert_int_eq(code, 99);
    ck_assert_rc(stake_error_code(NULL, 0), STAKE_EINVAL);
}
END_TEST

START_TEST(version)
{
    ck_assert_str_eq(stake_version_string(), STAKE_VERSION_STRING);
    ck_assert_int_eq(stake_version_number(), STAKE_VERSION_NUMBER);
    ck_assert(STAKE_VERSION_CHECK(0, 0, 1));
    ck_assert(!STAKE_VERSION_CHECK(99, 0, 0));
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", STAKE_VERSION_MAJOR, STAKE_VERSION_MINOR,
             STAKE_VERSION_PATCH);
    ck_assert_str_eq(stake_version_string(), expect);
    const char *b = stake_backend_name();
    ck_assert(strcmp(b, "gmp") == 0 || strcmp(b, "tommath") == 0);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("errors");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, names_and_messages);
    tcase_add_test(tc, families);
    tcase_add_test(tc, table_consistent);
    tcase_add_test(tc, version);
    suite_add_tcase(s, tc);
    return s;
}
