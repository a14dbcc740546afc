/*
 * The mulDiv records of tests/vectors/oz-erc4626-muldiv.jsonl: results of
 * OpenZeppelin's Math.mulDiv executed in an EVM, "revert" where it
 * reverted. Every record must match exactly, refusals included.
 */
#include "testutil.h"
#include "jsonl.h"

#define VECTOR_FILE "oz-erc4626-muldiv.jsonl"

START_TEST(muldiv_vectors)
{
    FILE *fp = jsonl_open_vectors(VECTOR_FILE);
    ck_assert_msg(fp != NULL, "cannot open %s (set STAKE_VECTORS)", VECTOR_FILE);
    char line[4096];
    struct jsonl_record rec;
    long lineno = 0, checked = 0, reverts = 0, other = 0;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        ck_assert_msg(jsonl_parse(&rec, line) == 0, "line %ld: not a flat JSON object", lineno);
        const char *op = jsonl_get(&rec, "op");
        ck_assert_ptr_nonnull(op);
        if (strcmp(op, "mulDiv") != 0) {
            other++;
            continue;
        }
        const char *round = jsonl_get(&rec, "round");
        const char *want = jsonl_get(&rec, "result");
        ck_assert(round && want);
        stake_u256 a = U(jsonl_get(&rec, "a")), b = U(jsonl_get(&rec, "b"));
        stake_u256 c = U(jsonl_get(&rec, "c"));
        stake_rounding mode = strcmp(round, "ceil") == 0 ? STAKE_ROUND_CEIL : STAKE_ROUND_FLOOR;
        ck_assert(strcmp(round, "ceil") == 0 || strcmp(round, "floor") == 0);
        stake_u256 got = sentinel();
        stake_rc rc = stake_u256_muldiv(&got, &a, &b, &c, mode);
        if (strcmp(want, "revert") == 0) {
            ck_assert_msg(rc == STAKE_EDIVZERO || rc == STAKE_EOVERFLOW,
                          "line %ld: expected a refusal, got %s", lineno, stake_errname(rc));
            /* The refusal is the one Solidity would raise. */
            int c_zero = (c.w[0] | c.w[1] | c.w[2] | c.w[3]) == 0;
            ck_assert_int_eq(rc, c_zero ? STAKE_EDIVZERO : STAKE_EOVERFLOW);
            ck_assert_u256_eq(got, sentinel());
            reverts++;
        } else {
            ck_assert_msg(rc == STAKE_OK, "line %ld: %s", lineno, stake_errname(rc));
            char s[STAKE_U256_DEC_SIZE];
            ck_assert_rc(stake_u256_to_dec(s, sizeof s, &got), STAKE_OK);
            ck_assert_msg(strcmp(s, want) == 0, "line %ld: got %s, want %s", lineno, s, want);
        }
        checked++;
    }
    fclose(fp);
    ck_assert_int_eq(lineno, 9000);
    ck_assert_int_eq(checked + other, 9000);
    ck_assert_int_eq(checked, 6000);
    ck_assert_int_gt(reverts, 0);
    printf("mulDiv vectors: %ld checked, %ld of them refusals\n", checked, reverts);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("vectors-muldiv");
    TCase *tc = tcase_create("oz");
    tcase_add_test(tc, muldiv_vectors);
    suite_add_tcase(s, tc);
    return s;
}
