/*
 * Allocation failures in the ledger and snapshots: every allocation of an
 * operation is failed in turn, and the operation must report STAKE_ENOMEM
 * with the ledger or snapshot unchanged and outputs untouched (or, for an
 * allocation it can do without, succeed exactly as normal), and nothing
 * may leak.
 *
 * Each scenario runs whole (set-up, the operation, digests of the state
 * before and after, clean-up) inside one armed region, so that the leak
 * count covers everything and blocks allocated before arming cannot
 * confuse it; the armed region makes no Check assertion (Check
 * allocates). A first run with nothing failing counts the allocations of
 * the set-up and of the whole scenario; the runs that follow fail each
 * allocation after the set-up, one at a time.
 */
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include "testutil.h"
#include "ledgerutil.h"
#include "failmalloc.h"

struct outcome {
    stake_rc rc;
    uint64_t before, after;   /* digests of the state around the operation */
    int out_untouched;        /* the output pointer was left alone on error */
    long setup_allocs;        /* fm_count when the operation started */
    long op_allocs;           /* ... and when it returned */
};

typedef void (*scenario)(struct outcome *o, long param);

static void run(scenario fn, long param, long fail_at, struct outcome *o, long *total,
                long *live)
{
    memset(o, 0, sizeof *o);
    fm_arm(fail_at);
    fn(o, param);
    fm_disarm();
    *total = fm_count;
    *live = fm_live;
}

/* Runs fn failing every allocation after its set-up; returns how many
 * failures were reported as STAKE_ENOMEM. */
static long fail_each(scenario fn, long param, const char *what)
{
    struct outcome good, o;
    long total, live;
    run(fn, param, 0, &good, &total, &live);
    ck_assert_msg(good.rc == STAKE_OK, "%s(%ld) without failures: %s", what, param,
                  stake_errname(good.rc));
    ck_assert_msg(live == 0, "%s(%ld) leaked %ld blocks without failures", what, param, live);
    long enomem = 0;
    (void)total;
    for (long k = good.setup_allocs + 1; k <= good.op_allocs; k++) {
        long t;
        run(fn, param, k, &o, &t, &live);
        ck_assert_msg(o.setup_allocs == good.setup_allocs, "%s: set-up is not deterministic",
                      what);
        ck_assert_msg(live == 0, "%s(%ld), allocation %ld of %ld failed: %ld blocks leaked",
                      what, param, k, good.op_allocs, live);
        if (o.rc == STAKE_OK) {
            /* An allocation the operation could do without (shrinking a
             * buffer): the result must be the normal one. */
            ck_assert_msg(o.after == good.after, "%s(%ld), allocation %ld: wrong result",
                          what, param, k);
            continue;
        }
        ck_assert_msg(o.rc == STAKE_ENOMEM, "%s(%ld), allocation %ld of %ld failed: %s", what,
                      param, k, good.op_allocs, stake_errname(o.rc));
        ck_assert_msg(o.after == o.before, "%s(%ld), allocation %ld: state changed", what,
                      param, k);
        ck_assert_msg(o.out_untouched, "%s(%ld), allocation %ld: output written", what, param,
                      k);
        enomem++;
    }
    return enomem;
}

/* ---- scenarios (no Check assertions inside) ---------------------------- */

static stake_ledger *populated(long accounts, long pairs)
{
    stake_ledger *l;
    if (stake_ledger_new(&l, 0) != STAKE_OK)
        return NULL;
    for (long i = 0; i < accounts; i++) {
        stake_address a = addr_n((uint64_t)i);
        stake_u256 v = U64((uint64_t)i + 1);
        if (stake_ledger_mint(l, &a, &v) != STAKE_OK) {
            stake_ledger_free(l);
            return NULL;
        }
    }
    for (long i = 0; i < pairs; i++) {
        stake_address o = addr_n((uint64_t)i % 7), s = addr_n((uint64_t)i / 7 + 100);
        stake_u256 v = U64((uint64_t)i + 5);
        if (stake_ledger_approve(l, &o, &s, &v) != STAKE_OK) {
            stake_ledger_free(l);
            return NULL;
        }
    }
    return l;
}

#define SETUP_FAILED(o) do { (o)->rc = -9999; return; } while (0)

static void sc_new(struct outcome *o, long hint)
{
    o->setup_allocs = fm_count;
    stake_ledger *l = (stake_ledger *)&l;
    o->rc = stake_ledger_new(&l, (size_t)hint);
    o->op_allocs = fm_count;
    o->out_untouched = l == (stake_ledger *)&l;
    o->before = 1;
    o->after = o->rc == STAKE_OK ? ledger_digest(l, 0) : 1;
    if (o->rc == STAKE_OK)
        stake_ledger_free(l);
}

static void sc_mint_new(struct outcome *o, long n)
{
    stake_ledger *l = populated(n, 0);
    if (!l)
        SETUP_FAILED(o);
    stake_address a = addr_n(1000000);
    stake_u256 v = U64(42);
    o->before = ledger_digest(l, 0);
    o->setup_allocs = fm_count;
    o->rc = stake_ledger_mint(l, &a, &v);
    o->op_allocs = fm_count;
    o->out_untouched = 1;
    o->after = ledger_digest(l, 0);
    stake_ledger_free(l);
}

static void sc_move_new(struct outcome *o, long n)
{
    stake_ledger *l = populated(n + 1, 0);
    if (!l)
        SETUP_FAILED(o);
    stake_address from = addr_n((uint64_t)n), to = addr_n(1000000);
    stake_u256 v = U64(1);
    o->before = ledger_digest(l, 0);
    o->setup_allocs = fm_count;
    o->rc = stake_ledger_move(l, &from, &to, &v);
    o->op_allocs = fm_count;
    o->out_untouched = 1;
    o->after = ledger_digest(l, 0);
    stake_ledger_free(l);
}

static void sc_approve_new(struct outcome *o, long n)
{
    stake_ledger *l = populated(8, n);
    if (!l)
        SETUP_FAILED(o);
    stake_address ow = addr_n(1), sp = addr_n(3);   /* (1, 3) is never set up */
    stake_u256 v = U64(9);
    o->before = ledger_digest(l, 8);
    o->setup_allocs = fm_count;
    o->rc = stake_ledger_approve(l, &ow, &sp, &v);
    o->op_allocs = fm_count;
    o->out_untouched = 1;
    o->after = ledger_digest(l, 8);
    stake_ledger_free(l);
}

static void sc_clone(struct outcome *o, long n)
{
    stake_ledger *l = populated(n, n / 2);
    if (!l)
        SETUP_FAILED(o);
    o->before = ledger_digest(l, 8);
    o->setup_allocs = fm_count;
    stake_ledger *c = (stake_ledger *)&c;
    o->rc = stake_ledger_clone(&c, l);
    o->op_allocs = fm_count;
    o->out_untouched = c == (stake_ledger *)&c;
    if (o->rc == STAKE_OK) {
        o->after = ledger_digest(c, 8);
        stake_ledger_free(c);
    } else {
        o->after = ledger_digest(l, 8);
    }
    stake_ledger_free(l);
}

/* Digest of a snapshot: its entries' kinds and names, and the ledgers. */
static uint64_t snapshot_digest(const stake_snapshot *s)
{
    uint64_t h = 0x84222325cbf29ce4ULL;
    size_t n = stake_snapshot_count(s);
    h = digest_mix(h, &n, sizeof n);
    for (size_t i = 0; i < n; i++) {
        stake_snapshot_kind kind;
        const char *name;
        if (stake_snapshot_entry(&kind, &name, s, i) != STAKE_OK)
            return 0;
        h = digest_mix(h, &kind, sizeof kind);
        h = digest_mix(h, name, strlen(name));
        stake_ledger *l;
        if (stake_snapshot_get_ledger(&l, s, name) != STAKE_OK)
            return 0;
        uint64_t d = ledger_digest(l, 8);
        stake_ledger_free(l);
        h = digest_mix(h, &d, sizeof d);
    }
    return h;
}

static stake_snapshot *snapshot_with(stake_ledger *l, const char *name)
{
    stake_snapshot *s;
    if (stake_snapshot_new(&s) != STAKE_OK)
        return NULL;
    if (stake_snapshot_put_ledger(s, name, l) != STAKE_OK) {
        stake_snapshot_free(s);
        return NULL;
    }
    return s;
}

/* param: 0 puts under a new name, 1 replaces the existing entry. */
static void sc_put(struct outcome *o, long replace)
{
    stake_ledger *a = populated(30, 10), *b = populated(20, 3);
    stake_snapshot *s = a ? snapshot_with(a, "old") : NULL;
    if (!b || !s) {
        stake_ledger_free(a);
        stake_ledger_free(b);
        stake_snapshot_free(s);
        SETUP_FAILED(o);
    }
    o->before = snapshot_digest(s);
    o->setup_allocs = fm_count;
    o->rc = stake_snapshot_put_ledger(s, replace ? "old" : "new", b);
    o->op_allocs = fm_count;
    o->out_untouched = 1;
    o->after = snapshot_digest(s);
    stake_snapshot_free(s);
    stake_ledger_free(a);
    stake_ledger_free(b);
}

static void sc_get(struct outcome *o, long n)
{
    stake_ledger *a = populated(n, n / 3);
    stake_snapshot *s = a ? snapshot_with(a, "x") : NULL;
    if (!s) {
        stake_ledger_free(a);
        SETUP_FAILED(o);
    }
    o->before = snapshot_digest(s);
    o->setup_allocs = fm_count;
    stake_ledger *l = (stake_ledger *)&l;
    o->rc = stake_snapshot_get_ledger(&l, s, "x");
    o->op_allocs = fm_count;
    o->out_untouched = l == (stake_ledger *)&l;
    if (o->rc == STAKE_OK) {
        o->after = ledger_digest(l, 8) ^ snapshot_digest(s);
        stake_ledger_free(l);
    } else {
        o->after = snapshot_digest(s);
    }
    stake_snapshot_free(s);
    stake_ledger_free(a);
}

/* The other models go through the same put and get paths; param selects
 * stETH (0), an ERC-4626 vault (1) or rETH (2). */
static void sc_models(struct outcome *o, long which)
{
    stake_snapshot *s;
    stake_steth *st = NULL;
    stake_erc4626_vault *v = NULL;
    stake_reth *r = NULL;
    stake_steth_params sp;
    stake_reth_params rp;
    stake_address a = addr_n(1);
    stake_u256 eth = U64(3000000000000000000ULL), out;
    if (stake_snapshot_new(&s) != STAKE_OK)
        SETUP_FAILED(o);
    stake_rc rc = STAKE_OK;
    if (which == 0) {
        if (stake_steth_params_init(&sp, STAKE_STETH_PARAMS_VERSION) != STAKE_OK ||
            stake_steth_new(&st, &sp) != STAKE_OK ||
            stake_steth_submit(&out, st, &a, &eth) != STAKE_OK)
            rc = -1;
    } else if (which == 1) {
        if (stake_erc4626_vault_new(&v, 3, 0) != STAKE_OK ||
            stake_erc4626_vault_deposit(&out, v, &a, &a, &eth) != STAKE_OK)
            rc = -1;
    } else {
        if (stake_reth_params_init(&rp, STAKE_RETH_PARAMS_VERSION) != STAKE_OK ||
            stake_reth_new(&r, &rp) != STAKE_OK || stake_reth_deposit(&out, r, &a, &eth) != STAKE_OK)
            rc = -1;
    }
    if (rc != STAKE_OK) {
        stake_steth_free(st);
        stake_erc4626_vault_free(v);
        stake_reth_free(r);
        stake_snapshot_free(s);
        SETUP_FAILED(o);
    }
    o->before = stake_snapshot_count(s);
    o->setup_allocs = fm_count;
    /* put, then get back into a fresh object */
    o->rc = which == 0 ? stake_snapshot_put_steth(s, "m", st)
          : which == 1 ? stake_snapshot_put_erc4626(s, "m", v)
                       : stake_snapshot_put_reth(s, "m", r);
    stake_steth *st2 = (stake_steth *)&st2;
    stake_erc4626_vault *v2 = (stake_erc4626_vault *)&v2;
    stake_reth *r2 = (stake_reth *)&r2;
    if (o->rc == STAKE_OK) {
        o->rc = which == 0 ? stake_snapshot_get_steth(&st2, s, "m")
              : which == 1 ? stake_snapshot_get_erc4626(&v2, s, "m")
                           : stake_snapshot_get_reth(&r2, s, "m");
        o->op_allocs = fm_count;
        /* A failed get must leave the output and the stored entry alone:
         * count it as "unchanged" when the entry is still there. */
        o->after = o->rc == STAKE_OK ? 1 + o->before : o->before;
        o->out_untouched = st2 == (stake_steth *)&st2 && v2 == (stake_erc4626_vault *)&v2 &&
                           r2 == (stake_reth *)&r2;
    } else {
        o->op_allocs = fm_count;
        o->after = stake_snapshot_count(s);
        o->out_untouched = 1;
    }
    if (st2 != (stake_steth *)&st2)
        stake_steth_free(st2);
    if (v2 != (stake_erc4626_vault *)&v2)
        stake_erc4626_vault_free(v2);
    if (r2 != (stake_reth *)&r2)
        stake_reth_free(r2);
    stake_steth_free(st);
    stake_erc4626_vault_free(v);
    stake_reth_free(r);
    stake_snapshot_free(s);
}

static char tmpdir[64];

/* A file's bytes hashed, read without allocating. */
static uint64_t file_digest(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    uint64_t h = 0xcbf29ce484222325ULL;
    char buf[4096];
    ssize_t k;
    while ((k = read(fd, buf, sizeof buf)) > 0)
        h = digest_mix(h, buf, (size_t)k);
    close(fd);
    return h;
}

static void sc_save(struct outcome *o, long n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/state.snap", tmpdir);
    stake_ledger *a = populated(n, 4), *b = populated(n + 5, 2);
    stake_snapshot *s = a ? snapshot_with(a, "x") : NULL;
    if (!b || !s || stake_snapshot_save(s, path, NULL) != STAKE_OK ||
        stake_snapshot_put_ledger(s, "x", b) != STAKE_OK) {
        stake_ledger_free(a);
        stake_ledger_free(b);
        stake_snapshot_free(s);
        SETUP_FAILED(o);
    }
    o->before = file_digest(path);
    o->setup_allocs = fm_count;
    stake_error err;
    o->rc = stake_snapshot_save(s, path, &err);
    o->op_allocs = fm_count;
    o->out_untouched = 1;
    o->after = file_digest(path);
    if (o->rc != STAKE_OK && err.code != o->rc)
        o->rc = -9998;
    stake_snapshot_free(s);
    stake_ledger_free(a);
    stake_ledger_free(b);
}

static void sc_load(struct outcome *o, long n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/load.snap", tmpdir);
    o->setup_allocs = fm_count;
    stake_snapshot *s = (stake_snapshot *)&s;
    stake_error err;
    o->rc = stake_snapshot_load(&s, path, &err);
    o->op_allocs = fm_count;
    o->out_untouched = s == (stake_snapshot *)&s;
    o->before = 1;
    if (o->rc == STAKE_OK) {
        o->after = snapshot_digest(s) ^ (uint64_t)n;
        stake_snapshot_free(s);
    } else {
        o->after = 1;
        if (err.code != o->rc)
            o->rc = -9998;
    }
}

/* ---- tests ------------------------------------------------------------------ */

START_TEST(ledger_new_failures)
{
    long hints[] = { 0, 1, 1000 };
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_gt(fail_each(sc_new, hints[i], "new"), 0);
}
END_TEST

/* Every ledger size up to a few growths, so that each growth step (dense
 * array, index, both) is hit. */
START_TEST(growth_failures)
{
    long enomem = 0;
    for (long n = 0; n <= 70; n++) {
        enomem += fail_each(sc_mint_new, n, "mint");
        enomem += fail_each(sc_move_new, n, "move");
        enomem += fail_each(sc_approve_new, n, "approve");
    }
    enomem += fail_each(sc_mint_new, 3000, "mint");
    ck_assert_int_gt(enomem, 20);
}
END_TEST

START_TEST(clone_failures)
{
    ck_assert_int_gt(fail_each(sc_clone, 0, "clone"), 0);
    ck_assert_int_gt(fail_each(sc_clone, 100, "clone"), 2);
}
END_TEST

START_TEST(snapshot_put_get_failures)
{
    ck_assert_int_gt(fail_each(sc_put, 0, "put new"), 0);
    ck_assert_int_gt(fail_each(sc_put, 1, "put replace"), 0);
    ck_assert_int_gt(fail_each(sc_get, 0, "get"), 0);
    ck_assert_int_gt(fail_each(sc_get, 200, "get"), 2);
    ck_assert_int_gt(fail_each(sc_models, 0, "put/get stETH"), 2);
    ck_assert_int_gt(fail_each(sc_models, 1, "put/get ERC-4626"), 2);
    ck_assert_int_gt(fail_each(sc_models, 2, "put/get rETH"), 2);
}
END_TEST

static size_t dir_entries(void)
{
    DIR *d = opendir(tmpdir);
    ck_assert_ptr_nonnull(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static void cleanup_dir(void)
{
    char p[128];
    snprintf(p, sizeof p, "%s/state.snap", tmpdir);
    unlink(p);
    snprintf(p, sizeof p, "%s/load.snap", tmpdir);
    unlink(p);
    rmdir(tmpdir);
}

START_TEST(snapshot_file_failures)
{
    strcpy(tmpdir, "/tmp/stake-alloc-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    ck_assert_int_gt(fail_each(sc_save, 10, "save"), 0);
    /* No temporary file left by any failed save. */
    ck_assert_uint_eq(dir_entries(), 1);

    /* A file to load, with two ledgers. */
    stake_ledger *a = populated(150, 20), *b = populated(3, 1);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    stake_snapshot *s = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s, "a", a), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s, "b", b), STAKE_OK);
    char p[128];
    snprintf(p, sizeof p, "%s/load.snap", tmpdir);
    ck_assert_rc(stake_snapshot_save(s, p, NULL), STAKE_OK);
    stake_snapshot_free(s);
    stake_ledger_free(a);
    stake_ledger_free(b);
    ck_assert_int_gt(fail_each(sc_load, 0, "load"), 3);
    cleanup_dir();
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("ledger_alloc");
    TCase *tc = tcase_create("failures");
    tcase_set_timeout(tc, 300);
    if (FM_AVAILABLE) {
        tcase_add_test(tc, ledger_new_failures);
        tcase_add_test(tc, growth_failures);
        tcase_add_test(tc, clone_failures);
        tcase_add_test(tc, snapshot_put_get_failures);
        tcase_add_test(tc, snapshot_file_failures);
    } else {
        printf("ledger_alloc: allocation injection is off under AddressSanitizer\n");
    }
    suite_add_tcase(s, tc);
    return s;
}
