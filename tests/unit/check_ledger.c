/*
 * Unit tests of the share ledger: every function and refusal, the
 * all-or-nothing rule, iteration order, allowances, growth, clones,
 * batch conversion, the invariant check (against deliberate corruption
 * of the internals), and a randomized comparison with a reference model.
 */
#include "testutil.h"
#include "ledgerutil.h"
/* The internals, only to corrupt a ledger on purpose. */
#include "../../lib/ledger/ledger_internal.h"

static stake_ledger *new_ledger(size_t hint)
{
    stake_ledger *l = NULL;
    ck_assert_rc(stake_ledger_new(&l, hint), STAKE_OK);
    ck_assert_ptr_nonnull(l);
    return l;
}

static stake_u256 balance_of(const stake_ledger *l, uint64_t n)
{
    stake_address a = addr_n(n);
    stake_u256 v = sentinel();
    ck_assert_rc(stake_ledger_balance(&v, l, &a), STAKE_OK);
    return v;
}

static stake_u256 total_of(const stake_ledger *l)
{
    stake_u256 v = sentinel();
    ck_assert_rc(stake_ledger_total(&v, l), STAKE_OK);
    return v;
}

static void mint(stake_ledger *l, uint64_t n, stake_u256 amount)
{
    stake_address a = addr_n(n);
    ck_assert_rc(stake_ledger_mint(l, &a, &amount), STAKE_OK);
}

static stake_u256 MAX(void)
{
    stake_u256 v = { { UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX } };
    return v;
}

/* ---- lifecycle ------------------------------------------------------------ */

START_TEST(new_and_free)
{
    stake_ledger *l = new_ledger(0);
    ck_assert_uint_eq(stake_ledger_count(l), 0);
    ck_assert_u256_eq(total_of(l), U64(0));
    ck_assert_u256_eq(balance_of(l, 1), U64(0));
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    ck_assert_uint_ge(stake_ledger_memory(l), 1);
    stake_ledger_free(l);

    l = new_ledger(1000);
    ck_assert_uint_eq(stake_ledger_count(l), 0);
    ck_assert_uint_ge(stake_ledger_memory(l), 1000 * 56);
    stake_ledger_free(l);

    stake_ledger_free(NULL);
    ck_assert_rc(stake_ledger_new(NULL, 0), STAKE_EINVAL);
    /* An impossible hint is refused as memory, with *out untouched. */
    stake_ledger *keep = (stake_ledger *)&keep;
    ck_assert_rc(stake_ledger_new(&keep, SIZE_MAX), STAKE_ENOMEM);
    ck_assert_ptr_eq(keep, (stake_ledger *)&keep);
    ck_assert_rc(stake_ledger_new(&keep, SIZE_MAX / 56 + 1), STAKE_ENOMEM);
    ck_assert_ptr_eq(keep, (stake_ledger *)&keep);
    ck_assert_uint_eq(stake_ledger_count(NULL), 0);
    ck_assert_uint_eq(stake_ledger_memory(NULL), 0);
}
END_TEST

/* Every pointer argument of every function, NULL in turn: STAKE_EINVAL,
 * outputs untouched. */
START_TEST(null_arguments)
{
    stake_ledger *l = new_ledger(0);
    stake_address a = addr_n(1), b = addr_n(2);
    stake_u256 one = U64(1), v = sentinel();
    mint(l, 1, U64(10));
    uint64_t before = ledger_digest(l, 3);

    ck_assert_rc(stake_ledger_clone(NULL, l), STAKE_EINVAL);
    stake_ledger *c = (stake_ledger *)&c;
    ck_assert_rc(stake_ledger_clone(&c, NULL), STAKE_EINVAL);
    ck_assert_ptr_eq(c, (stake_ledger *)&c);

    ck_assert_rc(stake_ledger_balance(NULL, l, &a), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_balance(&v, NULL, &a), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_balance(&v, l, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_total(NULL, l), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_total(&v, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_allowance(NULL, l, &a, &b), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_allowance(&v, NULL, &a, &b), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_allowance(&v, l, NULL, &b), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_allowance(&v, l, &a, NULL), STAKE_EINVAL);
    ck_assert_u256_eq(v, sentinel());

    ck_assert_rc(stake_ledger_mint(NULL, &a, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_mint(l, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_mint(l, &a, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_burn(NULL, &a, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_burn(l, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_burn(l, &a, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_move(NULL, &a, &b, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_move(l, NULL, &b, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_move(l, &a, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_move(l, &a, &b, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_approve(NULL, &a, &b, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_approve(l, NULL, &b, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_approve(l, &a, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_approve(l, &a, &b, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_spend_allowance(NULL, &a, &b, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_spend_allowance(l, NULL, &b, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_spend_allowance(l, &a, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_spend_allowance(l, &a, &b, NULL), STAKE_EINVAL);

    stake_address out_a = addr_n(99);
    ck_assert_rc(stake_ledger_account_at(&out_a, &v, NULL, 0), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_check(NULL), STAKE_EINVAL);

    stake_conversion conv = { U64(1), U64(1), STAKE_ROUND_FLOOR, STAKE_PRODUCT_WIDE, U64(0) };
    size_t fi = 77;
    ck_assert_rc(stake_ledger_convert_all(&v, 1, NULL, &conv, &fi), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_convert_all(&v, 1, l, NULL, &fi), STAKE_EINVAL);
    ck_assert_rc(stake_ledger_convert_all(NULL, 1, l, &conv, &fi), STAKE_EINVAL);
    ck_assert_uint_eq(fi, 77);
    ck_assert_u256_eq(v, sentinel());
    stake_address want99 = addr_n(99);
    ck_assert(memcmp(&out_a, &want99, sizeof out_a) == 0);

    ck_assert(ledger_digest(l, 3) == before);
    stake_ledger_free(l);
}
END_TEST

/* ---- balances ------------------------------------------------------------- */

START_TEST(mint_burn_basics)
{
    stake_ledger *l = new_ledger(0);
    mint(l, 1, U64(100));
    mint(l, 2, U("1000000000000000000000"));
    mint(l, 1, U64(5));
    ck_assert_u256_eq(balance_of(l, 1), U64(105));
    ck_assert_u256_eq(balance_of(l, 2), U("1000000000000000000000"));
    ck_assert_u256_eq(total_of(l), U("1000000000000000000105"));
    ck_assert_uint_eq(stake_ledger_count(l), 2);

    stake_address a1 = addr_n(1), a3 = addr_n(3);
    stake_u256 amt = U64(105);
    ck_assert_rc(stake_ledger_burn(l, &a1, &amt), STAKE_OK);
    ck_assert_u256_eq(balance_of(l, 1), U64(0));
    /* Back to zero, still listed. */
    ck_assert_uint_eq(stake_ledger_count(l), 2);
    ck_assert_u256_eq(total_of(l), U("1000000000000000000000"));

    /* Refusals change nothing. */
    uint64_t before = ledger_digest(l, 0);
    amt = U64(1);
    ck_assert_rc(stake_ledger_burn(l, &a1, &amt), STAKE_EBALANCE);
    ck_assert_rc(stake_ledger_burn(l, &a3, &amt), STAKE_EBALANCE);
    ck_assert(ledger_digest(l, 0) == before);
    ck_assert_uint_eq(stake_ledger_count(l), 2);

    /* Zero amounts: always allowed, never list an account. */
    amt = U64(0);
    ck_assert_rc(stake_ledger_burn(l, &a3, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_mint(l, &a3, &amt), STAKE_OK);
    ck_assert_uint_eq(stake_ledger_count(l), 2);
    ck_assert(ledger_digest(l, 0) == before);

    /* The zero address is an ordinary key. */
    stake_address zero;
    memset(&zero, 0, sizeof zero);
    amt = U64(7);
    ck_assert_rc(stake_ledger_mint(l, &zero, &amt), STAKE_OK);
    stake_u256 v;
    ck_assert_rc(stake_ledger_balance(&v, l, &zero), STAKE_OK);
    ck_assert_u256_eq(v, U64(7));
    ck_assert_uint_eq(stake_ledger_count(l), 3);
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    stake_ledger_free(l);
}
END_TEST

START_TEST(mint_overflow)
{
    stake_ledger *l = new_ledger(0);
    stake_address a = addr_n(1), b = addr_n(2);
    stake_u256 max = MAX(), one = U64(1);
    ck_assert_rc(stake_ledger_mint(l, &a, &max), STAKE_OK);
    uint64_t before = ledger_digest(l, 0);
    /* The total would reach 2^256, for a new account as for an old one. */
    ck_assert_rc(stake_ledger_mint(l, &b, &one), STAKE_EOVERFLOW);
    ck_assert_rc(stake_ledger_mint(l, &a, &one), STAKE_EOVERFLOW);
    ck_assert(ledger_digest(l, 0) == before);
    ck_assert_uint_eq(stake_ledger_count(l), 1);
    /* Spread over two accounts, the total is what bounds. */
    ck_assert_rc(stake_ledger_move(l, &a, &b, &max), STAKE_OK);
    ck_assert_u256_eq(balance_of(l, 2), max);
    ck_assert_u256_eq(balance_of(l, 1), U64(0));
    ck_assert_rc(stake_ledger_mint(l, &a, &one), STAKE_EOVERFLOW);
    stake_u256 half = max;
    half.w[3] >>= 1;   /* 2^255 - 1 */
    ck_assert_rc(stake_ledger_burn(l, &b, &half), STAKE_OK);
    ck_assert_rc(stake_ledger_mint(l, &a, &half), STAKE_OK);
    ck_assert_u256_eq(total_of(l), max);
    ck_assert_rc(stake_ledger_mint(l, &a, &one), STAKE_EOVERFLOW);
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    stake_ledger_free(l);
}
END_TEST

START_TEST(move_rules)
{
    stake_ledger *l = new_ledger(0);
    stake_address a = addr_n(1), b = addr_n(2), c = addr_n(3);
    mint(l, 1, U64(100));
    stake_u256 amt = U64(30);
    ck_assert_rc(stake_ledger_move(l, &a, &b, &amt), STAKE_OK);
    ck_assert_u256_eq(balance_of(l, 1), U64(70));
    ck_assert_u256_eq(balance_of(l, 2), U64(30));
    ck_assert_u256_eq(total_of(l), U64(100));
    ck_assert_uint_eq(stake_ledger_count(l), 2);

    uint64_t before = ledger_digest(l, 0);
    amt = U64(71);
    ck_assert_rc(stake_ledger_move(l, &a, &b, &amt), STAKE_EBALANCE);
    ck_assert_rc(stake_ledger_move(l, &a, &c, &amt), STAKE_EBALANCE);   /* c not listed */
    ck_assert_rc(stake_ledger_move(l, &c, &a, &amt), STAKE_EBALANCE);
    /* To oneself: needs the balance, changes nothing. */
    ck_assert_rc(stake_ledger_move(l, &a, &a, &amt), STAKE_EBALANCE);
    amt = U64(70);
    ck_assert_rc(stake_ledger_move(l, &a, &a, &amt), STAKE_OK);
    /* Zero: allowed from anyone, lists nobody. */
    amt = U64(0);
    ck_assert_rc(stake_ledger_move(l, &c, &c, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_move(l, &a, &c, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_move(l, &c, &a, &amt), STAKE_OK);
    ck_assert(ledger_digest(l, 0) == before);
    ck_assert_uint_eq(stake_ledger_count(l), 2);

    /* Everything out: the sender stays listed. */
    amt = U64(70);
    ck_assert_rc(stake_ledger_move(l, &a, &c, &amt), STAKE_OK);
    ck_assert_u256_eq(balance_of(l, 1), U64(0));
    ck_assert_u256_eq(balance_of(l, 3), U64(70));
    ck_assert_uint_eq(stake_ledger_count(l), 3);
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    stake_ledger_free(l);
}
END_TEST

/* ---- iteration ------------------------------------------------------------ */

START_TEST(iteration_order)
{
    stake_ledger *l = new_ledger(0);
    /* First-credited order, whatever the later activity. */
    uint64_t order[] = { 42, 7, 1000, 3, 99, 1 };
    for (size_t i = 0; i < 6; i++)
        mint(l, order[i], U64(i + 1));
    stake_address a7 = addr_n(7), a5 = addr_n(5), a42 = addr_n(42);
    stake_u256 two = U64(2), one = U64(1);
    ck_assert_rc(stake_ledger_move(l, &a7, &a5, &two), STAKE_OK);   /* 5 is new: last */
    ck_assert_rc(stake_ledger_burn(l, &a42, &one), STAKE_OK);       /* 42 stays first */
    mint(l, 1000, U64(5));

    uint64_t want[] = { 42, 7, 1000, 3, 99, 1, 5 };
    uint64_t bal[] = { 0, 0, 8, 4, 5, 6, 2 };
    ck_assert_uint_eq(stake_ledger_count(l), 7);
    for (size_t i = 0; i < 7; i++) {
        stake_address a;
        stake_u256 v;
        ck_assert_rc(stake_ledger_account_at(&a, &v, l, i), STAKE_OK);
        stake_address w = addr_n(want[i]);
        ck_assert_msg(memcmp(&a, &w, sizeof a) == 0, "position %zu", i);
        ck_assert_u256_eq(v, U64(bal[i]));
        /* Either output may be NULL. */
        ck_assert_rc(stake_ledger_account_at(NULL, &v, l, i), STAKE_OK);
        ck_assert_u256_eq(v, U64(bal[i]));
        ck_assert_rc(stake_ledger_account_at(&a, NULL, l, i), STAKE_OK);
        ck_assert(memcmp(&a, &w, sizeof a) == 0);
        ck_assert_rc(stake_ledger_account_at(NULL, NULL, l, i), STAKE_OK);
    }
    stake_address a = addr_n(12345), keep = addr_n(12345);
    stake_u256 v = sentinel();
    ck_assert_rc(stake_ledger_account_at(&a, &v, l, 7), STAKE_ERANGE);
    ck_assert_rc(stake_ledger_account_at(&a, &v, l, SIZE_MAX), STAKE_ERANGE);
    ck_assert_u256_eq(v, sentinel());
    ck_assert(memcmp(&a, &keep, sizeof a) == 0);
    stake_ledger_free(l);

    l = new_ledger(0);
    ck_assert_rc(stake_ledger_account_at(&a, &v, l, 0), STAKE_ERANGE);
    stake_ledger_free(l);
}
END_TEST

/* ---- allowances ------------------------------------------------------------ */

START_TEST(allowances)
{
    stake_ledger *l = new_ledger(0);
    stake_address o = addr_n(1), s = addr_n(2), x = addr_n(3);
    stake_u256 v = sentinel(), amt;
    ck_assert_rc(stake_ledger_allowance(&v, l, &o, &s), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));

    amt = U64(100);
    ck_assert_rc(stake_ledger_approve(l, &o, &s, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_allowance(&v, l, &o, &s), STAKE_OK);
    ck_assert_u256_eq(v, U64(100));
    /* Directed: (s, o) and (o, x) are other pairs. */
    ck_assert_rc(stake_ledger_allowance(&v, l, &s, &o), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));
    ck_assert_rc(stake_ledger_allowance(&v, l, &o, &x), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));

    amt = U64(40);
    ck_assert_rc(stake_ledger_spend_allowance(l, &o, &s, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_allowance(&v, l, &o, &s), STAKE_OK);
    ck_assert_u256_eq(v, U64(60));
    amt = U64(61);
    ck_assert_rc(stake_ledger_spend_allowance(l, &o, &s, &amt), STAKE_EALLOWANCE);
    ck_assert_rc(stake_ledger_allowance(&v, l, &o, &s), STAKE_OK);
    ck_assert_u256_eq(v, U64(60));
    ck_assert_rc(stake_ledger_spend_allowance(l, &o, &x, &amt), STAKE_EALLOWANCE);
    amt = U64(60);
    ck_assert_rc(stake_ledger_spend_allowance(l, &o, &s, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_allowance(&v, l, &o, &s), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));
    amt = U64(0);
    ck_assert_rc(stake_ledger_spend_allowance(l, &o, &s, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_spend_allowance(l, &o, &x, &amt), STAKE_OK);   /* no entry */

    /* Overwrite, not add. */
    amt = U64(5);
    ck_assert_rc(stake_ledger_approve(l, &o, &s, &amt), STAKE_OK);
    amt = U64(9);
    ck_assert_rc(stake_ledger_approve(l, &o, &s, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_allowance(&v, l, &o, &s), STAKE_OK);
    ck_assert_u256_eq(v, U64(9));
    amt = U64(0);
    ck_assert_rc(stake_ledger_approve(l, &o, &s, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_approve(l, &o, &x, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_allowance(&v, l, &o, &s), STAKE_OK);
    ck_assert_u256_eq(v, U64(0));

    /* Allowances are independent of balances. */
    ck_assert_uint_eq(stake_ledger_count(l), 0);
    ck_assert_u256_eq(total_of(l), U64(0));
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    stake_ledger_free(l);
}
END_TEST

START_TEST(infinite_allowance)
{
    stake_ledger *l = new_ledger(0);
    stake_address o = addr_n(1), s = addr_n(2);
    stake_u256 max = MAX(), v, amt = U("1000000000000000000000000");
    ck_assert_rc(stake_ledger_approve(l, &o, &s, &max), STAKE_OK);
    for (int i = 0; i < 3; i++)
        ck_assert_rc(stake_ledger_spend_allowance(l, &o, &s, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_spend_allowance(l, &o, &s, &max), STAKE_OK);
    ck_assert_rc(stake_ledger_allowance(&v, l, &o, &s), STAKE_OK);
    ck_assert_u256_eq(v, max);
    /* 2^256 - 2 is finite and does decrease. */
    stake_u256 almost = max;
    almost.w[0]--;
    ck_assert_rc(stake_ledger_approve(l, &o, &s, &almost), STAKE_OK);
    ck_assert_rc(stake_ledger_spend_allowance(l, &o, &s, &amt), STAKE_OK);
    stake_u256 want;
    ck_assert_rc(stake_u256_sub(&want, &almost, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_allowance(&v, l, &o, &s), STAKE_OK);
    ck_assert_u256_eq(v, want);
    ck_assert_rc(stake_ledger_spend_allowance(l, &o, &s, &max), STAKE_EALLOWANCE);
    stake_ledger_free(l);
}
END_TEST

START_TEST(many_allowances)
{
    stake_ledger *l = new_ledger(0);
    for (uint64_t i = 0; i < 60; i++) {
        for (uint64_t j = 0; j < 60; j++) {
            stake_address o = addr_n(i), s = addr_n(j);
            stake_u256 amt = U64(i * 1000 + j + 1);
            ck_assert_rc(stake_ledger_approve(l, &o, &s, &amt), STAKE_OK);
        }
    }
    for (uint64_t i = 0; i < 60; i++) {
        for (uint64_t j = 0; j < 60; j++) {
            stake_address o = addr_n(i), s = addr_n(j);
            stake_u256 v;
            ck_assert_rc(stake_ledger_allowance(&v, l, &o, &s), STAKE_OK);
            ck_assert_u256_eq(v, U64(i * 1000 + j + 1));
        }
    }
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    ck_assert_uint_eq(stake_ledger_count(l), 0);
    stake_ledger_free(l);
}
END_TEST

/* ---- growth and memory ----------------------------------------------------- */

START_TEST(growth_many_accounts)
{
    const uint64_t n = 200000;
    stake_ledger *l = new_ledger(0);
    size_t mem_prev = stake_ledger_memory(l);
    for (uint64_t i = 0; i < n; i++) {
        mint(l, i, U64(i + 1));
        size_t mem = stake_ledger_memory(l);
        ck_assert_uint_ge(mem, mem_prev);
        mem_prev = mem;
    }
    ck_assert_uint_eq(stake_ledger_count(l), n);
    ck_assert_u256_eq(total_of(l), U64(n * (n + 1) / 2));
    for (uint64_t i = 0; i < n; i += 7) {
        ck_assert_u256_eq(balance_of(l, i), U64(i + 1));
        stake_address a;
        stake_u256 v;
        ck_assert_rc(stake_ledger_account_at(&a, &v, l, (size_t)i), STAKE_OK);
        stake_address w = addr_n(i);
        ck_assert(memcmp(&a, &w, sizeof a) == 0);
    }
    ck_assert_u256_eq(balance_of(l, n), U64(0));
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    /* Without a hint: 56-byte entries with at most 25% slack, plus the
     * index. */
    size_t per = stake_ledger_memory(l) / n;
    ck_assert_msg(per >= 56 && per <= 82, "%zu bytes per account without a hint", per);
    stake_ledger_free(l);

    /* With the hint: no growth at all; 56 bytes per entry plus 5.3 to 10.7
     * for the power-of-two index (63 at ten million, 66 here). */
    l = new_ledger(n);
    size_t mem0 = stake_ledger_memory(l);
    for (uint64_t i = 0; i < n; i++)
        mint(l, i, U64(1));
    ck_assert_uint_eq(stake_ledger_memory(l), mem0);
    per = stake_ledger_memory(l) / n;
    ck_assert_msg(per >= 56 && per <= 67, "%zu bytes per account with a hint", per);
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    stake_ledger_free(l);
}
END_TEST

/* Addresses that agree on all but a few bits (vanity addresses, sequential
 * contract deployments) spread as well as random ones. */
START_TEST(similar_addresses)
{
    stake_ledger *l = new_ledger(0);
    for (uint32_t i = 0; i < 50000; i++) {
        stake_address a;
        memset(&a, 0, sizeof a);
        a.bytes[0] = (uint8_t)i;
        a.bytes[1] = (uint8_t)(i >> 8);
        a.bytes[2] = (uint8_t)(i >> 16);
        stake_u256 one = U64(1);
        ck_assert_rc(stake_ledger_mint(l, &a, &one), STAKE_OK);
    }
    ck_assert_uint_eq(stake_ledger_count(l), 50000);
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    stake_ledger_free(l);
}
END_TEST

/* ---- clones --------------------------------------------------------------- */

START_TEST(clone_independent)
{
    stake_ledger *l = new_ledger(0), *c = NULL;
    for (uint64_t i = 0; i < 100; i++)
        mint(l, i, U64(1000 + i));
    stake_address o = addr_n(1), s = addr_n(2);
    stake_u256 amt = U64(77);
    ck_assert_rc(stake_ledger_approve(l, &o, &s, &amt), STAKE_OK);

    ck_assert_rc(stake_ledger_clone(&c, l), STAKE_OK);
    ck_assert_ptr_nonnull(c);
    ck_assert(ledger_digest(c, 3) == ledger_digest(l, 3));
    ck_assert_rc(stake_ledger_check(c), STAKE_OK);

    /* Changes to one do not reach the other, including new accounts. */
    uint64_t orig = ledger_digest(l, 3);
    stake_address a = addr_n(5), fresh = addr_n(5000);
    amt = U64(1005);
    ck_assert_rc(stake_ledger_move(c, &a, &fresh, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_spend_allowance(c, &o, &s, &amt), STAKE_EALLOWANCE);
    amt = U64(7);
    ck_assert_rc(stake_ledger_spend_allowance(c, &o, &s, &amt), STAKE_OK);
    for (uint64_t i = 200; i < 400; i++)
        mint(c, i, U64(1));
    ck_assert(ledger_digest(l, 3) == orig);
    ck_assert_u256_eq(balance_of(l, 5), U64(1005));
    ck_assert_u256_eq(balance_of(c, 5), U64(0));
    ck_assert_u256_eq(balance_of(c, 5000), U64(1005));
    ck_assert_uint_eq(stake_ledger_count(l), 100);
    ck_assert_uint_eq(stake_ledger_count(c), 301);
    mint(l, 1, U64(1));
    ck_assert_u256_eq(balance_of(c, 1), U64(1001));
    ck_assert_rc(stake_ledger_check(c), STAKE_OK);
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    stake_ledger_free(l);
    /* The clone outlives its source. */
    ck_assert_u256_eq(balance_of(c, 99), U64(1099));
    stake_ledger_free(c);

    /* An empty ledger clones too. */
    l = new_ledger(10);
    ck_assert_rc(stake_ledger_clone(&c, l), STAKE_OK);
    ck_assert_uint_eq(stake_ledger_count(c), 0);
    mint(c, 1, U64(1));
    ck_assert_uint_eq(stake_ledger_count(l), 0);
    stake_ledger_free(l);
    stake_ledger_free(c);
}
END_TEST

/* ---- batch conversion ------------------------------------------------------ */

static uint64_t rng_state = 0x853c49e6748fea9bULL;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

START_TEST(convert_all_matches_convert)
{
    stake_ledger *l = new_ledger(0);
    const size_t n = 1000;
    for (size_t i = 0; i < n; i++) {
        stake_u256 amt = { { rnd(), i % 3 ? rnd() >> 20 : 0, 0, 0 } };
        mint(l, i, amt);
        if (i % 10 == 0) {   /* listed, with a zero balance */
            stake_address ai = addr_n(i);
            ck_assert_rc(stake_ledger_burn(l, &ai, &amt), STAKE_OK);
        }
    }
    /* A couple of moves so that balances are not in minting order. */
    stake_address a = addr_n(1), b = addr_n(2);
    stake_u256 amt = U64(12345);
    ck_assert_rc(stake_ledger_move(l, &a, &b, &amt), STAKE_OK);

    stake_conversion convs[] = {
        { U("9300000000000000000000000"), U("8086956521739130434782608"), STAKE_ROUND_FLOOR,
          STAKE_PRODUCT_WIDE, U64(0) },
        { U("1000000000000000000"), U("999999999999999999"), STAKE_ROUND_CEIL,
          STAKE_PRODUCT_CHECKED, U64(0) },
        { U64(3), U64(7), STAKE_ROUND_EXPAND, STAKE_PRODUCT_WIDE, U64(0) },
    };
    stake_u256 *out = malloc(n * sizeof *out);
    ck_assert_ptr_nonnull(out);
    for (size_t k = 0; k < sizeof convs / sizeof convs[0]; k++) {
        size_t fi = 12345;
        ck_assert_rc(stake_ledger_convert_all(out, n, l, &convs[k], &fi), STAKE_OK);
        for (size_t i = 0; i < n; i++) {
            stake_u256 bal, want;
            ck_assert_rc(stake_ledger_account_at(NULL, &bal, l, i), STAKE_OK);
            ck_assert_rc(stake_convert(&want, &convs[k], &bal), STAKE_OK);
            ck_assert_u256_eq(out[i], want);
        }
        /* A prefix. */
        out[10] = sentinel();
        ck_assert_rc(stake_ledger_convert_all(out, 10, l, &convs[k], NULL), STAKE_OK);
        ck_assert_u256_eq(out[10], sentinel());
    }

    /* Refusals leave out untouched and name the first failing account. */
    for (size_t i = 0; i < n; i++)
        out[i] = sentinel();
    stake_conversion bounded = convs[0];
    bounded.input_bound = U64(1000);
    size_t fi = 12345;
    stake_rc rc = stake_ledger_convert_all(out, n, l, &bounded, &fi);
    ck_assert_rc(rc, STAKE_ETOOLARGE);
    ck_assert_uint_eq(fi, 1);   /* account 0 holds zero */
    stake_conversion divzero = convs[0];
    divzero.den = U64(0);
    ck_assert_rc(stake_ledger_convert_all(out, n, l, &divzero, &fi), STAKE_EDIVZERO);
    ck_assert_uint_eq(fi, 0);
    for (size_t i = 0; i < n; i++)
        ck_assert_u256_eq(out[i], sentinel());
    fi = 12345;
    ck_assert_rc(stake_ledger_convert_all(out, n + 1, l, &convs[0], &fi), STAKE_ERANGE);
    ck_assert_uint_eq(fi, 12345);
    stake_conversion badenum = convs[0];
    badenum.rounding = (stake_rounding)9;
    ck_assert_rc(stake_ledger_convert_all(out, n, l, &badenum, &fi), STAKE_EINVAL);
    ck_assert_u256_eq(out[0], sentinel());
    /* n == 0: nothing to do, out may be NULL. */
    ck_assert_rc(stake_ledger_convert_all(NULL, 0, l, &convs[0], NULL), STAKE_OK);
    free(out);
    stake_ledger_free(l);

    l = new_ledger(0);
    ck_assert_rc(stake_ledger_convert_all(NULL, 0, l, &convs[0], NULL), STAKE_OK);
    stake_u256 one;
    ck_assert_rc(stake_ledger_convert_all(&one, 1, l, &convs[0], NULL), STAKE_ERANGE);
    stake_ledger_free(l);
}
END_TEST

/* ---- the invariant check ----------------------------------------------------- */

START_TEST(check_detects_corruption)
{
    stake_ledger *l = new_ledger(0);
    for (uint64_t i = 0; i < 50; i++)
        mint(l, i, U64(10));
    stake_address o = addr_n(1), s = addr_n(2);
    stake_u256 amt = U64(5);
    ck_assert_rc(stake_ledger_approve(l, &o, &s, &amt), STAKE_OK);
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);

    /* The total off by one. */
    l->total.w[0]++;
    ck_assert_rc(stake_ledger_check(l), STAKE_ECORRUPT);
    l->total.w[0]--;
    /* A balance changed behind the total's back. */
    stake__dmap_value(&l->accounts, 3)->w[1] = 1;
    ck_assert_rc(stake_ledger_check(l), STAKE_ECORRUPT);
    stake__dmap_value(&l->accounts, 3)->w[1] = 0;
    /* Balances whose sum overflows. */
    stake__dmap_value(&l->accounts, 3)->w[3] = UINT64_MAX;
    stake__dmap_value(&l->accounts, 4)->w[3] = UINT64_MAX;
    ck_assert_rc(stake_ledger_check(l), STAKE_ECORRUPT);
    stake__dmap_value(&l->accounts, 3)->w[3] = 0;
    stake__dmap_value(&l->accounts, 4)->w[3] = 0;
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);

    /* An address rewritten in place: no longer where the index says. */
    stake__account *e = (stake__account *)(void *)l->accounts.entries;
    e[7].address[0] ^= 1;
    ck_assert_rc(stake_ledger_check(l), STAKE_ECORRUPT);
    e[7].address[0] ^= 1;
    /* A duplicate key. */
    uint8_t save[STAKE_ADDRESS_BYTES];
    uint32_t save_hash = e[8].hash;
    memcpy(save, e[8].address, sizeof save);
    memcpy(e[8].address, e[9].address, sizeof save);
    e[8].hash = e[9].hash;
    ck_assert_rc(stake_ledger_check(l), STAKE_ECORRUPT);
    memcpy(e[8].address, save, sizeof save);
    e[8].hash = save_hash;
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    /* A slot pointing elsewhere, and a lost slot. */
    size_t s1 = SIZE_MAX;
    for (size_t k = 0; k < l->accounts.nslots; k++) {
        if (l->accounts.slots[k] != 0) {
            s1 = k;
            break;
        }
    }
    ck_assert(s1 != SIZE_MAX);
    uint32_t v = l->accounts.slots[s1];
    l->accounts.slots[s1] = v == 1 ? 2 : 1;
    ck_assert_rc(stake_ledger_check(l), STAKE_ECORRUPT);
    l->accounts.slots[s1] = 0;
    ck_assert_rc(stake_ledger_check(l), STAKE_ECORRUPT);
    l->accounts.slots[s1] = (uint32_t)l->accounts.count + 1;
    ck_assert_rc(stake_ledger_check(l), STAKE_ECORRUPT);
    l->accounts.slots[s1] = v;
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    /* The allowance table is checked too. */
    stake__allowance *al = (stake__allowance *)(void *)l->allowances.entries;
    al[0].pair[39] ^= 0x80;
    ck_assert_rc(stake_ledger_check(l), STAKE_ECORRUPT);
    al[0].pair[39] ^= 0x80;
    ck_assert_rc(stake_ledger_check(l), STAKE_OK);
    stake_ledger_free(l);
}
END_TEST

/* ---- randomized comparison with a reference model ----------------------------- */

#define MODEL_ACCOUNTS 300
#define MODEL_OPS 20000

struct model {
    stake_u256 bal[MODEL_ACCOUNTS];
    int listed[MODEL_ACCOUNTS];
    size_t order[MODEL_ACCOUNTS], count;
    stake_u256 total;
};

static stake_u256 random_amount(const struct model *m, size_t from)
{
    switch (rnd() % 8) {
    case 0:
        return U64(0);
    case 1:
        return m->bal[from];   /* exactly everything */
    case 2: {                  /* just over the balance */
        stake_u256 v = m->bal[from], one = U64(1);
        if (stake_u256_add(&v, &v, &one) != STAKE_OK)
            v = m->bal[from];
        return v;
    }
    case 3: {                  /* huge: overflows the total sooner or later */
        stake_u256 v = { { rnd(), rnd(), rnd(), rnd() >> (rnd() % 64) } };
        return v;
    }
    case 4: {                  /* a fraction of the balance */
        stake_u256 v = m->bal[from], d = U64(rnd() % 5 + 1);
        ck_assert_rc(stake_u256_div(&v, &v, &d), STAKE_OK);
        return v;
    }
    default:
        return U64(rnd() % 1000000);
    }
}

static void model_credit(struct model *m, size_t a, const stake_u256 *amt)
{
    if (!m->listed[a] && (amt->w[0] | amt->w[1] | amt->w[2] | amt->w[3])) {
        m->listed[a] = 1;
        m->order[m->count++] = a;
    }
    ck_assert_rc(stake_u256_add(&m->bal[a], &m->bal[a], amt), STAKE_OK);
}

static void compare(const stake_ledger *l, const struct model *m)
{
    ck_assert_uint_eq(stake_ledger_count(l), m->count);
    ck_assert_u256_eq(total_of(l), m->total);
    for (size_t i = 0; i < m->count; i++) {
        stake_address a, w = addr_n(m->order[i]);
        stake_u256 v;
        ck_assert_rc(stake_ledger_account_at(&a, &v, l, i), STAKE_OK);
        ck_assert(memcmp(&a, &w, sizeof a) == 0);
        ck_assert_u256_eq(v, m->bal[m->order[i]]);
    }
}

START_TEST(randomized_against_model)
{
    static struct model m;
    memset(&m, 0, sizeof m);
    stake_ledger *l = new_ledger(0);
    size_t counts[4] = { 0 }, refusals = 0;
    for (int op = 0; op < MODEL_OPS; op++) {
        size_t from = (size_t)(rnd() % MODEL_ACCOUNTS), to = (size_t)(rnd() % MODEL_ACCOUNTS);
        if (rnd() % 16 == 0)
            to = from;
        stake_address af = addr_n(from), at = addr_n(to);
        stake_u256 amt = random_amount(&m, from);
        int kind = (int)(rnd() % 4);
        stake_rc rc, want;
        counts[kind]++;
        if (kind == 0) {           /* mint */
            stake_u256 t;
            want = stake_u256_add(&t, &m.total, &amt) == STAKE_OK ? STAKE_OK : STAKE_EOVERFLOW;
            rc = stake_ledger_mint(l, &at, &amt);
            if (want == STAKE_OK) {
                m.total = t;
                model_credit(&m, to, &amt);
            }
        } else if (kind == 1) {    /* burn */
            want = stake_u256_cmp(&m.bal[from], &amt) >= 0 ? STAKE_OK : STAKE_EBALANCE;
            rc = stake_ledger_burn(l, &af, &amt);
            if (want == STAKE_OK) {
                ck_assert_rc(stake_u256_sub(&m.bal[from], &m.bal[from], &amt), STAKE_OK);
                ck_assert_rc(stake_u256_sub(&m.total, &m.total, &amt), STAKE_OK);
            }
        } else {                   /* move, twice as often */
            want = stake_u256_cmp(&m.bal[from], &amt) >= 0 ? STAKE_OK : STAKE_EBALANCE;
            rc = stake_ledger_move(l, &af, &at, &amt);
            if (want == STAKE_OK && from != to) {
                ck_assert_rc(stake_u256_sub(&m.bal[from], &m.bal[from], &amt), STAKE_OK);
                model_credit(&m, to, &amt);
            }
        }
        ck_assert_msg(rc == want, "op %d (kind %d): %s, expected %s", op, kind,
                      stake_errname(rc), stake_errname(want));
        refusals += rc != STAKE_OK;
        /* The invariant after every single operation. */
        ck_assert_rc(stake_ledger_check(l), STAKE_OK);
        ck_assert_u256_eq(total_of(l), m.total);
        ck_assert_u256_eq(balance_of(l, from), m.bal[from]);
        ck_assert_u256_eq(balance_of(l, to), m.bal[to]);
        if (op % 500 == 0)
            compare(l, &m);
    }
    compare(l, &m);
    /* The mix exercised every path. */
    ck_assert_uint_gt(refusals, MODEL_OPS / 20);
    ck_assert_uint_lt(refusals, MODEL_OPS / 2);
    ck_assert_uint_gt(m.count, MODEL_ACCOUNTS / 2);
    stake_ledger_free(l);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("ledger");
    TCase *tc = tcase_create("ledger");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, new_and_free);
    tcase_add_test(tc, null_arguments);
    tcase_add_test(tc, mint_burn_basics);
    tcase_add_test(tc, mint_overflow);
    tcase_add_test(tc, move_rules);
    tcase_add_test(tc, iteration_order);
    tcase_add_test(tc, allowances);
    tcase_add_test(tc, infinite_allowance);
    tcase_add_test(tc, many_allowances);
    tcase_add_test(tc, growth_many_accounts);
    tcase_add_test(tc, similar_addresses);
    tcase_add_test(tc, clone_independent);
    tcase_add_test(tc, convert_all_matches_convert);
    tcase_add_test(tc, check_detects_corruption);
    tcase_add_test(tc, randomized_against_model);
    suite_add_tcase(s, tc);
    return s;
}
