/*
 * Allocation failures in the ERC-4626 vault and the rETH token: every
 * allocation of an operation is failed in turn, and the operation must
 * answer STAKE_ENOMEM with the model unchanged and its output untouched
 * (or succeed exactly as normal), and nothing may leak.
 *
 * As in check_ledger_alloc.c, each scenario runs whole inside one armed
 * region with no Check assertion in it; a first run with nothing failing
 * counts the allocations of the set-up and of the operation.
 */
#include "testutil.h"
#include "failmalloc.h"

#define NADDR 48

static stake_address addr(unsigned n)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    a.bytes[0] = 0xee;
    a.bytes[18] = (uint8_t)(n >> 8);
    a.bytes[19] = (uint8_t)n;
    return a;
}

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t vault_digest(const stake_erc4626_vault *v)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    stake_erc4626_state s;
    if (stake_erc4626_vault_state(&s, v) != STAKE_OK)
        return 0;
    h = mix(h, &s.decimals_offset, sizeof s.decimals_offset);
    h = mix(h, &s.total_assets, sizeof s.total_assets);
    h = mix(h, &s.total_supply, sizeof s.total_supply);
    for (unsigned i = 0; i <= NADDR; i++) {
        stake_address a = addr(i), b = addr(i + 1);
        stake_u256 x;
        if (stake_erc4626_vault_balance_of(&x, v, &a) != STAKE_OK)
            return 0;
        h = mix(h, &x, sizeof x);
        if (stake_erc4626_vault_allowance(&x, v, &a, &b) != STAKE_OK)
            return 0;
        h = mix(h, &x, sizeof x);
    }
    size_t n = stake_ledger_count(stake_erc4626_vault_ledger(v));
    return mix(h, &n, sizeof n);
}

static uint64_t reth_digest(const stake_reth *t)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    stake_reth_totals tt;
    stake_u256 x;
    if (stake_reth_totals_of(&tt, t) != STAKE_OK)
        return 0;
    h = mix(h, &tt, sizeof tt);
    if (stake_reth_total_supply(&x, t) != STAKE_OK)
        return 0;
    h = mix(h, &x, sizeof x);
    if (stake_reth_total_collateral(&x, t) != STAKE_OK)
        return 0;
    h = mix(h, &x, sizeof x);
    for (unsigned i = 0; i <= NADDR; i++) {
        stake_address a = addr(i);
        if (stake_reth_balance_of(&x, t, &a) != STAKE_OK)
            return 0;
        h = mix(h, &x, sizeof x);
    }
    size_t n = stake_ledger_count(stake_reth_ledger(t));
    return mix(h, &n, sizeof n);
}

struct outcome {
    stake_rc rc;
    uint64_t before, after;
    int out_untouched;
    long setup_allocs, op_allocs;
};

typedef void (*scenario)(struct outcome *o, long param);

#define SETUP_FAILED(o) do { (o)->rc = -9999; return; } while (0)

static void run(scenario fn, long param, long fail_at, struct outcome *o, long *live)
{
    memset(o, 0, sizeof *o);
    fm_arm(fail_at);
    fn(o, param);
    fm_disarm();
    *live = fm_live;
}

static long fail_each(scenario fn, long param, const char *what)
{
    struct outcome good, o;
    long live;
    run(fn, param, 0, &good, &live);
    ck_assert_msg(good.rc == STAKE_OK, "%s(%ld) without failures: %s", what, param,
                  stake_errname(good.rc));
    ck_assert_msg(live == 0, "%s(%ld) leaked %ld blocks without failures", what, param, live);
    long enomem = 0;
    for (long k = good.setup_allocs + 1; k <= good.op_allocs; k++) {
        run(fn, param, k, &o, &live);
        ck_assert_msg(o.setup_allocs == good.setup_allocs, "%s: set-up is not deterministic",
                      what);
        ck_assert_msg(live == 0, "%s(%ld), allocation %ld: %ld blocks leaked", what, param, k,
                      live);
        if (o.rc == STAKE_OK) {
            ck_assert_msg(o.after == good.after, "%s(%ld), allocation %ld: wrong result", what,
                          param, k);
            continue;
        }
        ck_assert_msg(o.rc == STAKE_ENOMEM, "%s(%ld), allocation %ld: %s", what, param, k,
                      stake_errname(o.rc));
        ck_assert_msg(o.after == o.before, "%s(%ld), allocation %ld: state changed", what,
                      param, k);
        ck_assert_msg(o.out_untouched, "%s(%ld), allocation %ld: output written", what, param,
                      k);
        enomem++;
    }
    return enomem;
}

/* ---- ERC-4626 scenarios (no Check assertions inside) -------------------------------- */

/* A vault with `holders` accounts holding shares and a few allowances. */
static stake_erc4626_vault *vault_with(long holders)
{
    stake_erc4626_vault *v;
    if (stake_erc4626_vault_new(&v, 3, 0) != STAKE_OK)
        return NULL;
    for (long i = 1; i <= holders; i++) {
        stake_address a = addr((unsigned)i), b = addr((unsigned)i + 1);
        stake_u256 x = U64(1000 + (uint64_t)i), s;
        if (stake_erc4626_vault_deposit(&s, v, &a, &a, &x) != STAKE_OK ||
            stake_erc4626_vault_approve(v, &a, &b, &x) != STAKE_OK) {
            stake_erc4626_vault_free(v);
            return NULL;
        }
    }
    return v;
}

static void sc_vault_new(struct outcome *o, long hint)
{
    o->setup_allocs = fm_count;
    stake_erc4626_vault *v = (stake_erc4626_vault *)&v;
    o->rc = stake_erc4626_vault_new(&v, 6, (size_t)hint);
    o->op_allocs = fm_count;
    o->out_untouched = v == (stake_erc4626_vault *)&v;
    o->before = 1;
    o->after = o->rc == STAKE_OK ? vault_digest(v) : 1;
    if (o->rc == STAKE_OK)
        stake_erc4626_vault_free(v);
}

/* op: 0 deposit, 1 mint, 2 transfer, 3 approve, 4 redeem by a spender,
 * each towards an account the ledger has never seen. */
static void vault_op(struct outcome *o, long holders, int op)
{
    stake_erc4626_vault *v = vault_with(holders);
    if (!v)
        SETUP_FAILED(o);
    o->before = vault_digest(v);
    stake_address owner = addr(1), fresh = addr((unsigned)holders + 2);
    stake_u256 x = U64(7), out = sentinel();
    o->setup_allocs = fm_count;
    switch (op) {
    case 0:
        o->rc = stake_erc4626_vault_deposit(&out, v, &owner, &fresh, &x);
        break;
    case 1:
        o->rc = stake_erc4626_vault_mint(&out, v, &owner, &fresh, &x);
        break;
    case 2:
        o->rc = stake_erc4626_vault_transfer(v, &owner, &fresh, &x);
        out = x;
        break;
    case 3:
        o->rc = stake_erc4626_vault_approve(v, &owner, &fresh, &x);
        out = x;
        break;
    default: {
        stake_address spender = addr(2);
        o->rc = stake_erc4626_vault_redeem(&out, v, &spender, &fresh, &owner, &x);
        break;
    }
    }
    o->op_allocs = fm_count;
    o->after = vault_digest(v);
    stake_u256 s = sentinel();
    o->out_untouched = memcmp(&out, &s, sizeof s) == 0 || op == 2 || op == 3;
    stake_erc4626_vault_free(v);
}

static void sc_vault_deposit(struct outcome *o, long n) { vault_op(o, n, 0); }
static void sc_vault_mint(struct outcome *o, long n) { vault_op(o, n, 1); }
static void sc_vault_transfer(struct outcome *o, long n) { vault_op(o, n, 2); }
static void sc_vault_approve(struct outcome *o, long n) { vault_op(o, n, 3); }
static void sc_vault_redeem(struct outcome *o, long n) { vault_op(o, n, 4); }

static void sc_vault_clone(struct outcome *o, long holders)
{
    stake_erc4626_vault *v = vault_with(holders);
    if (!v)
        SETUP_FAILED(o);
    o->before = vault_digest(v);
    o->setup_allocs = fm_count;
    stake_erc4626_vault *c = (stake_erc4626_vault *)&c;
    o->rc = stake_erc4626_vault_clone(&c, v);
    o->op_allocs = fm_count;
    o->out_untouched = c == (stake_erc4626_vault *)&c;
    o->after = o->rc == STAKE_OK ? vault_digest(c) : vault_digest(v);
    if (o->rc == STAKE_OK)
        stake_erc4626_vault_free(c);
    stake_erc4626_vault_free(v);
}

/* put then get through a snapshot: the copy must equal the original */
static void sc_vault_snapshot(struct outcome *o, long holders)
{
    stake_erc4626_vault *v = vault_with(holders);
    if (!v)
        SETUP_FAILED(o);
    o->before = vault_digest(v);
    o->setup_allocs = fm_count;
    stake_snapshot *s = NULL;
    stake_erc4626_vault *c = (stake_erc4626_vault *)&c;
    o->rc = stake_snapshot_new(&s);
    if (o->rc == STAKE_OK)
        o->rc = stake_snapshot_put_erc4626(s, "vault", v);
    if (o->rc == STAKE_OK)
        o->rc = stake_snapshot_get_erc4626(&c, s, "vault");
    o->op_allocs = fm_count;
    o->out_untouched = c == (stake_erc4626_vault *)&c;
    o->after = o->rc == STAKE_OK ? vault_digest(c) : vault_digest(v);
    if (o->rc == STAKE_OK)
        stake_erc4626_vault_free(c);
    stake_snapshot_free(s);
    stake_erc4626_vault_free(v);
}

/* ---- rETH scenarios -------------------------------------------------------------- */

static stake_reth *reth_with(long holders)
{
    stake_reth_params p;
    stake_reth *t;
    if (stake_reth_params_init(&p, STAKE_RETH_PARAMS_VERSION) != STAKE_OK ||
        stake_reth_new(&t, &p) != STAKE_OK)
        return NULL;
    for (long i = 1; i <= holders; i++) {
        stake_address a = addr((unsigned)i);
        stake_u256 x = U("20000000000000000"), r;
        if (stake_reth_deposit(&r, t, &a, &x) != STAKE_OK) {
            stake_reth_free(t);
            return NULL;
        }
    }
    return t;
}

static void sc_reth_new(struct outcome *o, long hint)
{
    stake_reth_params p;
    if (stake_reth_params_init(&p, STAKE_RETH_PARAMS_VERSION) != STAKE_OK)
        SETUP_FAILED(o);
    p.expected_accounts = (size_t)hint;
    o->setup_allocs = fm_count;
    stake_reth *t = (stake_reth *)&t;
    o->rc = stake_reth_new(&t, &p);
    o->op_allocs = fm_count;
    o->out_untouched = t == (stake_reth *)&t;
    o->before = 1;
    o->after = o->rc == STAKE_OK ? reth_digest(t) : 1;
    if (o->rc == STAKE_OK)
        stake_reth_free(t);
}

/* op: 0 deposit, 1 transfer, 2 burn, towards or by a fresh account */
static void reth_op(struct outcome *o, long holders, int op)
{
    stake_reth *t = reth_with(holders);
    if (!t)
        SETUP_FAILED(o);
    o->before = reth_digest(t);
    stake_address holder = addr(1), fresh = addr((unsigned)holders + 2);
    stake_u256 x = U("10000000000000000"), out = sentinel();
    o->setup_allocs = fm_count;
    if (op == 0) {
        o->rc = stake_reth_deposit(&out, t, &fresh, &x);
    } else if (op == 1) {
        o->rc = stake_reth_transfer(t, &holder, &fresh, &x);
        out = x;
    } else {
        o->rc = stake_reth_burn(&out, t, &holder, &x);
    }
    o->op_allocs = fm_count;
    o->after = reth_digest(t);
    stake_u256 s = sentinel();
    o->out_untouched = memcmp(&out, &s, sizeof s) == 0 || op == 1;
    stake_reth_free(t);
}

static void sc_reth_deposit(struct outcome *o, long n) { reth_op(o, n, 0); }
static void sc_reth_transfer(struct outcome *o, long n) { reth_op(o, n, 1); }
static void sc_reth_burn(struct outcome *o, long n) { reth_op(o, n, 2); }

static void sc_reth_clone_snapshot(struct outcome *o, long holders)
{
    stake_reth *t = reth_with(holders);
    if (!t)
        SETUP_FAILED(o);
    o->before = reth_digest(t);
    o->setup_allocs = fm_count;
    stake_reth *c = (stake_reth *)&c, *d = NULL;
    stake_snapshot *s = NULL;
    o->rc = stake_reth_clone(&d, t);
    if (o->rc == STAKE_OK)
        o->rc = stake_snapshot_new(&s);
    if (o->rc == STAKE_OK)
        o->rc = stake_snapshot_put_reth(s, "reth", d);
    if (o->rc == STAKE_OK)
        o->rc = stake_snapshot_get_reth(&c, s, "reth");
    o->op_allocs = fm_count;
    o->out_untouched = c == (stake_reth *)&c;
    o->after = o->rc == STAKE_OK ? reth_digest(c) : reth_digest(t);
    if (o->rc == STAKE_OK)
        stake_reth_free(c);
    stake_snapshot_free(s);
    stake_reth_free(d);
    stake_reth_free(t);
}

/* ---- tests ------------------------------------------------------------------------ */

START_TEST(vault_failures)
{
    long enomem = fail_each(sc_vault_new, 0, "vault_new") +
                  fail_each(sc_vault_new, 1000, "vault_new");
    for (long n = 1; n <= 41; n += 5) {
        enomem += fail_each(sc_vault_deposit, n, "deposit");
        enomem += fail_each(sc_vault_mint, n, "mint");
        enomem += fail_each(sc_vault_transfer, n, "transfer");
        enomem += fail_each(sc_vault_approve, n, "approve");
        enomem += fail_each(sc_vault_redeem, n, "redeem");
    }
    enomem += fail_each(sc_vault_clone, 0, "clone") + fail_each(sc_vault_clone, 20, "clone");
    enomem += fail_each(sc_vault_snapshot, 0, "snapshot") +
              fail_each(sc_vault_snapshot, 20, "snapshot");
    ck_assert_int_gt(enomem, 20);
    printf("ERC-4626 allocation failures: %ld refused cleanly\n", enomem);
}
END_TEST

START_TEST(reth_failures)
{
    long enomem = fail_each(sc_reth_new, 0, "reth_new") + fail_each(sc_reth_new, 1000, "reth_new");
    for (long n = 1; n <= 41; n += 5) {
        enomem += fail_each(sc_reth_deposit, n, "deposit");
        enomem += fail_each(sc_reth_transfer, n, "transfer");
        enomem += fail_each(sc_reth_burn, n, "burn");
    }
    enomem += fail_each(sc_reth_clone_snapshot, 1, "clone+snapshot") +
              fail_each(sc_reth_clone_snapshot, 20, "clone+snapshot");
    ck_assert_int_gt(enomem, 10);
    printf("rETH allocation failures: %ld refused cleanly\n", enomem);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("erc4626_reth_alloc");
    TCase *tc = tcase_create("alloc");
    tcase_set_timeout(tc, 120);
    if (FM_AVAILABLE) {
        tcase_add_test(tc, vault_failures);
        tcase_add_test(tc, reth_failures);
    } else {
        printf("erc4626_reth_alloc: allocation injection is off under AddressSanitizer\n");
    }
    suite_add_tcase(s, tc);
    return s;
}
