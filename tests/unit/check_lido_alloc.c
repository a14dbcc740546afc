/*
 * The stETH model under allocation failure: every allocation an
 * operation makes is failed in turn, and each time the operation must
 * return STAKE_ENOMEM and leave the token exactly as it was.
 */
#include "testutil.h"
#include "failmalloc.h"

static stake_address A(unsigned n)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    a.bytes[0] = 0x42;
    a.bytes[19] = (uint8_t)n;
    return a;
}

/* Everything observable about a token, to compare before and after. */
struct fingerprint {
    stake_u256 supply, shares, wsupply, wallowance;
    size_t accounts, wholders;
    stake_steth_pool pool;
};

static struct fingerprint fingerprint(const stake_steth *t)
{
    struct fingerprint f;
    memset(&f, 0, sizeof f);
    ck_assert_rc(stake_steth_total_supply(&f.supply, t), STAKE_OK);
    ck_assert_rc(stake_steth_total_shares(&f.shares, t), STAKE_OK);
    ck_assert_rc(stake_wsteth_total_supply(&f.wsupply, t), STAKE_OK);
    ck_assert_rc(stake_steth_get_pool(&f.pool, t), STAKE_OK);
    f.accounts = stake_ledger_count(stake_steth_ledger(t));
    f.wholders = stake_ledger_count(stake_wsteth_ledger(t));
    stake_address alice = A(1), spender = A(2);
    ck_assert_rc(stake_wsteth_allowance(&f.wallowance, t, &alice, &spender), STAKE_OK);
    return f;
}

static void same(const struct fingerprint *a, const struct fingerprint *b)
{
    ck_assert_u256_eq(a->supply, b->supply);
    ck_assert_u256_eq(a->shares, b->shares);
    ck_assert_u256_eq(a->wsupply, b->wsupply);
    ck_assert_uint_eq(a->accounts, b->accounts);
    ck_assert_u256_eq(a->wallowance, b->wallowance);
    ck_assert_uint_eq(a->wholders, b->wholders);
    ck_assert(memcmp(&a->pool, &b->pool, sizeof a->pool) == 0);
}

enum op {
    OP_SUBMIT, OP_TRANSFER, OP_WRAP, OP_WSTETH_SUBMIT, OP_WSTETH_TRANSFER_FROM, OP_REPORT,
    OP_COUNT
};

static stake_rc run(enum op op, stake_steth *t, unsigned fresh)
{
    stake_address alice = A(1), to = A(fresh);
    stake_u256 x = U64(1000000000000000000ULL);
    switch (op) {
    case OP_SUBMIT:
        return stake_steth_submit(NULL, t, &to, &x);
    case OP_TRANSFER:
        return stake_steth_transfer(NULL, t, &alice, &to, &x);
    case OP_WRAP:
        return stake_wsteth_wrap(NULL, t, &alice, &x);
    case OP_WSTETH_SUBMIT:
        return stake_wsteth_submit(NULL, t, &to, &x);
    case OP_WSTETH_TRANSFER_FROM: {
        stake_address spender = A(2);
        return stake_wsteth_transfer_from(t, &spender, &alice, &to, &x);
    }
    default: {
        stake_lido_report r;
        stake_address rec[2] = { A(fresh), A(fresh + 1) };
        stake_u256 fees[2] = { U64(1000000000000000000ULL), U64(1000000000000000000ULL) };
        (void)!stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION);
        r.cl_balance = U64(1000000000000000ULL);     /* profitable */
        r.total_fee = U64(5000000000000000000ULL);
        r.fee_recipients = rec;
        r.module_fees = fees;
        r.n_modules = 2;
        r.treasury = A(fresh + 2);
        return stake_steth_handle_report(NULL, t, &r);
    }
    }
}

START_TEST(every_allocation_fails_cleanly)
{
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    stake_steth *t;
    ck_assert_rc(stake_steth_new(&t, &p), STAKE_OK);
    stake_address alice = A(1);
    stake_u256 big = U("100000000000000000000"), inf = U(MAX_U256_DEC);
    ck_assert_rc(stake_steth_submit(NULL, t, &alice, &big), STAKE_OK);
    ck_assert_rc(stake_steth_approve(t, &alice, &p.wsteth, &inf), STAKE_OK);
    /* wstETH to move with transferFrom, by a spender allowed all of it */
    stake_address spender = A(2);
    stake_u256 ten = U("10000000000000000000");
    ck_assert_rc(stake_wsteth_wrap(NULL, t, &alice, &ten), STAKE_OK);
    ck_assert_rc(stake_wsteth_approve(t, &alice, &spender, &inf), STAKE_OK);

    unsigned fresh = 10;
    for (int op = 0; op < OP_COUNT; op++, fresh += 10) {
        /* How many allocations does it make on a clone? */
        stake_steth *c;
        ck_assert_rc(stake_steth_clone(&c, t), STAKE_OK);
        fm_arm(0);
        stake_rc rc = run((enum op)op, c, fresh);
        fm_disarm();
        long total = fm_count;
        stake_steth_free(c);
        /* The report always allocates (the fee split); the others at
         * least when the ledger must grow. */
        if (op == OP_REPORT)
            ck_assert_int_gt(total, 0);
        ck_assert_rc(rc, STAKE_OK);
        printf("lido-alloc: operation %d makes %ld allocation(s)\n", op, total);
        for (long k = 1; k <= total; k++) {
            ck_assert_rc(stake_steth_clone(&c, t), STAKE_OK);
            struct fingerprint before = fingerprint(c);
            fm_arm(k);
            rc = run((enum op)op, c, fresh);
            fm_disarm();
            ck_assert_msg(rc == STAKE_ENOMEM, "op %d, allocation %ld of %ld: %s", op, k, total,
                          stake_errname(rc));
            struct fingerprint after = fingerprint(c);
            same(&before, &after);
            ck_assert_rc(stake_ledger_check(stake_steth_ledger(c)), STAKE_OK);
            stake_steth_free(c);
        }
    }
    stake_steth_free(t);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("lido-alloc");
    TCase *tc = tcase_create("failures");
    if (FM_AVAILABLE)
        tcase_add_test(tc, every_allocation_fails_cleanly);
    else
        printf("lido-alloc: allocation injection is off under AddressSanitizer\n");
    suite_add_tcase(s, tc);
    return s;
}
