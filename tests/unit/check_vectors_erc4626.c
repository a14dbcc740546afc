/*
 * The "erc4626" records of tests/vectors/oz-erc4626-muldiv.jsonl: the six
 * conversion views of OpenZeppelin's ERC4626 executed in an EVM for a
 * given offset, totalAssets and totalSupply. Every view of every record
 * must match exactly; "revert" must be a refusal, with the output left
 * untouched. The conversion objects must agree with the views.
 */
#include "testutil.h"
#include "jsonl.h"

#define VECTOR_FILE "oz-erc4626-muldiv.jsonl"

typedef stake_rc (*view_fn)(stake_u256 *, const stake_erc4626_state *, const stake_u256 *);

static const struct {
    const char *name;
    view_fn fn;
    stake_erc4626_direction direction;
    stake_rounding rounding;
} views[] = {
    { "convertToShares", stake_erc4626_convert_to_shares, STAKE_ERC4626_ASSETS_TO_SHARES,
      STAKE_ROUND_FLOOR },
    { "convertToAssets", stake_erc4626_convert_to_assets, STAKE_ERC4626_SHARES_TO_ASSETS,
      STAKE_ROUND_FLOOR },
    { "previewDeposit", stake_erc4626_preview_deposit, STAKE_ERC4626_ASSETS_TO_SHARES,
      STAKE_ROUND_FLOOR },
    { "previewMint", stake_erc4626_preview_mint, STAKE_ERC4626_SHARES_TO_ASSETS,
      STAKE_ROUND_CEIL },
    { "previewWithdraw", stake_erc4626_preview_withdraw, STAKE_ERC4626_ASSETS_TO_SHARES,
      STAKE_ROUND_CEIL },
    { "previewRedeem", stake_erc4626_preview_redeem, STAKE_ERC4626_SHARES_TO_ASSETS,
      STAKE_ROUND_FLOOR },
};
#define NVIEWS (sizeof views / sizeof views[0])

START_TEST(erc4626_vectors)
{
    FILE *fp = jsonl_open_vectors(VECTOR_FILE);
    ck_assert_msg(fp != NULL, "cannot open %s (set STAKE_VECTORS)", VECTOR_FILE);
    char line[4096];
    struct jsonl_record rec;
    long lineno = 0, records = 0, checked = 0, reverts = 0, other = 0;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        ck_assert_msg(jsonl_parse(&rec, line) == 0, "line %ld: not a flat JSON object", lineno);
        const char *op = jsonl_get(&rec, "op");
        ck_assert_ptr_nonnull(op);
        if (strcmp(op, "erc4626") != 0) {
            other++;
            continue;
        }
        const char *offset = jsonl_get(&rec, "offset");
        ck_assert_ptr_nonnull(offset);
        stake_erc4626_state st;
        st.decimals_offset = (unsigned)strtoul(offset, NULL, 10);
        st.total_assets = U(jsonl_get(&rec, "totalAssets"));
        st.total_supply = U(jsonl_get(&rec, "totalSupply"));
        stake_u256 x = U(jsonl_get(&rec, "x"));
        for (size_t i = 0; i < NVIEWS; i++) {
            const char *want = jsonl_get(&rec, views[i].name);
            ck_assert_msg(want != NULL, "line %ld: no %s", lineno, views[i].name);
            stake_u256 got = sentinel(), via_conv = sentinel();
            stake_rc rc = views[i].fn(&got, &st, &x);
            /* The same through the conversion a batch would use. */
            stake_conversion conv;
            stake_rc crc = stake_erc4626_conversion(&conv, &st, views[i].direction,
                                                    views[i].rounding);
            if (crc == STAKE_OK)
                crc = stake_convert(&via_conv, &conv, &x);
            ck_assert_msg(crc == rc, "line %ld %s: view %s, conversion %s", lineno,
                          views[i].name, stake_errname(rc), stake_errname(crc));
            if (strcmp(want, "revert") == 0) {
                ck_assert_msg(rc == STAKE_EOVERFLOW, "line %ld %s: expected a refusal, got %s",
                              lineno, views[i].name, stake_errname(rc));
                ck_assert_u256_eq(got, sentinel());
                reverts++;
            } else {
                ck_assert_msg(rc == STAKE_OK, "line %ld %s: %s", lineno, views[i].name,
                              stake_errname(rc));
                char s[STAKE_U256_DEC_SIZE];
                ck_assert_rc(stake_u256_to_dec(s, sizeof s, &got), STAKE_OK);
                ck_assert_msg(strcmp(s, want) == 0, "line %ld %s: got %s, want %s", lineno,
                              views[i].name, s, want);
                ck_assert_u256_eq(via_conv, got);
            }
            checked++;
        }
        records++;
    }
    fclose(fp);
    ck_assert_int_eq(lineno, 9000);
    ck_assert_int_eq(records + other, 9000);
    ck_assert_int_eq(records, 3000);
    ck_assert_int_eq(checked, 3000 * (long)NVIEWS);
    ck_assert_int_gt(reverts, 0);
    printf("ERC-4626 vectors: %ld records, %ld views checked, %ld of them refusals\n", records,
           checked, reverts);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("vectors-erc4626");
    TCase *tc = tcase_create("oz");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, erc4626_vectors);
    suite_add_tcase(s, tc);
    return s;
}
