/*
 * Shared main() for the Check test programs: each tests/unit/check_*.c
 * defines make_suite() and is linked with this file.
 *
 * Environment: the usual Check knobs apply (CK_FORK, CK_RUN_CASE,
 * CK_VERBOSITY, CK_TAP_LOG_FILE_NAME=- for TAP output).
 */
#include <stdio.h>
#include <stdlib.h>
#include <check.h>

Suite *make_suite(void);

int main(void)
{
    /* Buffered output from forked children interleaves badly. */
    setvbuf(stdout, NULL, _IONBF, 0);
    SRunner *sr = srunner_create(make_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
