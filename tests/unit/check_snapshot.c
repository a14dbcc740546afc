/*
 * Unit tests of snapshots: the in-memory container, round trips through
 * files, the file layout (checked against an independent bitwise CRC-32),
 * atomic replacement, and refusal of every truncation, every single-bit
 * flip, foreign files, future versions and hand-crafted invalid content.
 */
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

/* The format version this library writes (and the oldest it reads is 1). */
#define FORMAT 2
#include "ledgerutil.h"

/* ---- helpers ---------------------------------------------------------------- */

static stake_ledger *sample_ledger(uint64_t accounts)
{
    stake_ledger *l = NULL;
    ck_assert_rc(stake_ledger_new(&l, 0), STAKE_OK);
    for (uint64_t i = 0; i < accounts; i++) {
        stake_address a = addr_n(i);
        stake_u256 v = { { 1000 + i * 7919, i % 3 ? i : 0, 0, i % 5 == 1 ? 1 : 0 } };
        ck_assert_rc(stake_ledger_mint(l, &a, &v), STAKE_OK);
    }
    if (accounts > 2) {   /* one account back to zero, still listed */
        stake_address a = addr_n(2);
        stake_u256 v;
        ck_assert_rc(stake_ledger_balance(&v, l, &a), STAKE_OK);
        ck_assert_rc(stake_ledger_burn(l, &a, &v), STAKE_OK);
    }
    for (uint64_t i = 0; i + 1 < accounts && i < 4; i++) {
        stake_address o = addr_n(i), s = addr_n(i + 1);
        stake_u256 v = U64(500 + i);
        if (i == 3)
            v = U(MAX_U256_DEC);   /* infinite */
        ck_assert_rc(stake_ledger_approve(l, &o, &s, &v), STAKE_OK);
    }
    return l;
}

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/stake-snapshot-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
    DIR *d = opendir(tmpdir);
    if (!d)
        return;
    struct dirent *e;
    char p[512];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
            unlink(p);
        }
    }
    closedir(d);
    rmdir(tmpdir);
}

static const char *path_in(char buf[256], const char *name)
{
    snprintf(buf, 256, "%s/%s", tmpdir, name);
    return buf;
}

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

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        if (k == 0)
            break;
        n += k;
    }
    fclose(f);
    *len = n;
    return buf;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* The reference CRC-32, bit by bit, independent of the library's table. */
static uint32_t crc32_bitwise(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* A byte builder for hand-made files and images. */
struct bytes {
    uint8_t data[8192];
    size_t len;
};

static void b_raw(struct bytes *b, const void *p, size_t n)
{
    ck_assert_uint_le(b->len + n, sizeof b->data);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void b_le(struct bytes *b, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        uint8_t x = (uint8_t)(v >> (8 * i));
        b_raw(b, &x, 1);
    }
}

static void b_u256(struct bytes *b, stake_u256 v)
{
    for (int i = 0; i < 4; i++)
        b_le(b, v.w[i], 8);
}

static void b_addr(struct bytes *b, uint64_t n)
{
    stake_address a = addr_n(n);
    b_raw(b, a.bytes, sizeof a.bytes);
}

static const uint8_t MAGIC[8] = { 0x89, 'S', 'T', 'K', 0x0d, 0x0a, 0x1a, 0x0a };

struct fentry {
    uint8_t kind;
    const char *name;
    const struct bytes *image;
};

/* A complete file in the documented format, checksums included. */
static void build_file(struct bytes *f, uint32_t version, const struct fentry *e, size_t n)
{
    f->len = 0;
    b_raw(f, MAGIC, sizeof MAGIC);
    b_le(f, version, 4);
    b_le(f, n, 4);
    b_le(f, 0, 8);
    for (size_t i = 0; i < n; i++) {
        size_t start = f->len;
        size_t nl = strlen(e[i].name);
        b_le(f, e[i].kind, 1);
        b_le(f, nl, 1);
        b_raw(f, e[i].name, nl);
        b_le(f, e[i].image->len, 8);
        b_raw(f, e[i].image->data, e[i].image->len);
        b_le(f, crc32_bitwise(f->data + start, f->len - start), 4);
    }
    size_t total = f->len + 4;
    for (int i = 0; i < 8; i++)
        f->data[16 + i] = (uint8_t)(total >> (8 * i));
    b_le(f, crc32_bitwise(f->data, f->len), 4);
}

static stake_rc load_bytes(const struct bytes *f, stake_error *err)
{
    char p[256];
    write_file(path_in(p, "crafted.snap"), f->data, f->len);
    stake_snapshot *s = (stake_snapshot *)&s;
    stake_rc rc = stake_snapshot_load(&s, p, err);
    if (rc == STAKE_OK)
        stake_snapshot_free(s);
    else
        ck_assert_ptr_eq(s, (stake_snapshot *)&s);
    return rc;
}

/* ---- the container ------------------------------------------------------------ */

START_TEST(lifecycle_and_names)
{
    stake_snapshot *s = NULL;
    ck_assert_rc(stake_snapshot_new(NULL), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    ck_assert_uint_eq(stake_snapshot_count(s), 0);
    ck_assert_uint_eq(stake_snapshot_count(NULL), 0);
    stake_snapshot_free(NULL);

    stake_ledger *l = sample_ledger(3);
    char name63[64], name64[65];
    memset(name63, 'n', 63);
    name63[63] = '\0';
    memset(name64, 'n', 64);
    name64[64] = '\0';
    const char *bad[] = { "", "a b", "a/b", "ä", "a\n", "name:", name64, "*" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_rc(stake_snapshot_put_ledger(s, bad[i], l), STAKE_EINVAL);
        stake_ledger *out = (stake_ledger *)&out;
        ck_assert_rc(stake_snapshot_get_ledger(&out, s, bad[i]), STAKE_EINVAL);
        ck_assert_ptr_eq(out, (stake_ledger *)&out);
    }
    ck_assert_uint_eq(stake_snapshot_count(s), 0);
    const char *good[] = { "a", "ledger-1", "A.b_c-9", name63 };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        ck_assert_rc(stake_snapshot_put_ledger(s, good[i], l), STAKE_OK);
    ck_assert_uint_eq(stake_snapshot_count(s), 4);

    ck_assert_rc(stake_snapshot_put_ledger(NULL, "x", l), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_ledger(s, NULL, l), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_ledger(s, "x", NULL), STAKE_EINVAL);
    stake_ledger *out = (stake_ledger *)&out;
    ck_assert_rc(stake_snapshot_get_ledger(NULL, s, "a"), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_ledger(&out, NULL, "a"), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_ledger(&out, s, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_ledger(&out, s, "missing"), STAKE_ENOTFOUND);
    ck_assert_rc(stake_snapshot_get_ledger(&out, s, "ledger-"), STAKE_ENOTFOUND);
    ck_assert_rc(stake_snapshot_get_ledger(&out, s, "ledger-12"), STAKE_ENOTFOUND);
    ck_assert_ptr_eq(out, (stake_ledger *)&out);

    stake_snapshot_kind kind = (stake_snapshot_kind)0;
    const char *name = "untouched";
    ck_assert_rc(stake_snapshot_entry(&kind, &name, NULL, 0), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_entry(&kind, &name, s, 4), STAKE_ERANGE);
    ck_assert_rc(stake_snapshot_entry(&kind, &name, s, SIZE_MAX), STAKE_ERANGE);
    ck_assert_int_eq(kind, 0);
    ck_assert_str_eq(name, "untouched");
    ck_assert_rc(stake_snapshot_entry(NULL, NULL, s, 0), STAKE_OK);
    stake_ledger_free(l);
    stake_snapshot_free(s);
}
END_TEST

START_TEST(put_get_order_replace)
{
    stake_snapshot *s = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    stake_ledger *a = sample_ledger(10), *b = sample_ledger(3);
    ck_assert_rc(stake_snapshot_put_ledger(s, "first", a), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s, "second", b), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s, "third", a), STAKE_OK);

    /* The name pointer stays valid while the snapshot grows. */
    const char *first_name = NULL;
    stake_snapshot_kind kind;
    ck_assert_rc(stake_snapshot_entry(&kind, &first_name, s, 0), STAKE_OK);
    ck_assert_int_eq(kind, STAKE_SNAPSHOT_LEDGER);
    char more[16];
    for (int i = 0; i < 40; i++) {
        snprintf(more, sizeof more, "more%d", i);
        ck_assert_rc(stake_snapshot_put_ledger(s, more, b), STAKE_OK);
    }
    ck_assert_str_eq(first_name, "first");

    /* Replacing keeps the position and takes the new state. */
    ck_assert_rc(stake_snapshot_put_ledger(s, "first", b), STAKE_OK);
    ck_assert_uint_eq(stake_snapshot_count(s), 43);
    const char *want[] = { "first", "second", "third", "more0" };
    for (size_t i = 0; i < 4; i++) {
        const char *name;
        ck_assert_rc(stake_snapshot_entry(&kind, &name, s, i), STAKE_OK);
        ck_assert_str_eq(name, want[i]);
        ck_assert_int_eq(kind, STAKE_SNAPSHOT_LEDGER);
    }
    stake_ledger *got = NULL;
    ck_assert_rc(stake_snapshot_get_ledger(&got, s, "first"), STAKE_OK);
    ck_assert(ledger_digest(got, 6) == ledger_digest(b, 6));
    stake_ledger_free(got);

    /* Putting copies the state of that moment. */
    uint64_t at_put = ledger_digest(a, 6);
    stake_address x = addr_n(1), y = addr_n(999);
    stake_u256 v = U64(1);
    ck_assert_rc(stake_ledger_move(a, &x, &y, &v), STAKE_OK);
    ck_assert_rc(stake_snapshot_get_ledger(&got, s, "third"), STAKE_OK);
    ck_assert(ledger_digest(got, 6) == at_put);
    ck_assert(ledger_digest(got, 6) != ledger_digest(a, 6));

    /* Getting builds an independent object each time. */
    stake_ledger *got2 = NULL;
    ck_assert_rc(stake_snapshot_get_ledger(&got2, s, "third"), STAKE_OK);
    ck_assert_ptr_ne(got, got2);
    ck_assert_rc(stake_ledger_move(got, &x, &y, &v), STAKE_OK);
    ck_assert(ledger_digest(got2, 6) == at_put);
    ck_assert_rc(stake_ledger_check(got2), STAKE_OK);
    stake_ledger_free(got);
    stake_ledger_free(got2);
    stake_ledger_free(a);
    stake_ledger_free(b);
    stake_snapshot_free(s);
}
END_TEST

/* ---- files ---------------------------------------------------------------------- */

START_TEST(save_load_roundtrip)
{
    make_tmpdir();
    stake_snapshot *s = NULL, *t = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    stake_ledger *a = sample_ledger(500), *e = NULL;
    ck_assert_rc(stake_ledger_new(&e, 0), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s, "shares", a), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s, "empty", e), STAKE_OK);

    char p[256];
    stake_error err;
    memset(&err, 0x55, sizeof err);
    ck_assert_rc(stake_snapshot_save(s, path_in(p, "state.snap"), &err), STAKE_OK);
    ck_assert_int_eq(err.code, STAKE_OK);
    ck_assert_rc(stake_snapshot_load(&t, p, &err), STAKE_OK);
    ck_assert_int_eq(err.code, STAKE_OK);
    ck_assert_uint_eq(stake_snapshot_count(t), 2);
    const char *name;
    stake_snapshot_kind kind;
    ck_assert_rc(stake_snapshot_entry(&kind, &name, t, 1), STAKE_OK);
    ck_assert_str_eq(name, "empty");
    ck_assert_int_eq(kind, STAKE_SNAPSHOT_LEDGER);

    stake_ledger *got = NULL;
    ck_assert_rc(stake_snapshot_get_ledger(&got, t, "shares"), STAKE_OK);
    ck_assert(ledger_digest(got, 6) == ledger_digest(a, 6));
    ck_assert_uint_eq(stake_ledger_count(got), 500);
    ck_assert_rc(stake_ledger_check(got), STAKE_OK);
    /* The infinite allowance survives as such. */
    stake_address o = addr_n(3), sp = addr_n(4);
    stake_u256 v, big = U("1000000000000000000000");
    ck_assert_rc(stake_ledger_spend_allowance(got, &o, &sp, &big), STAKE_OK);
    ck_assert_rc(stake_ledger_allowance(&v, got, &o, &sp), STAKE_OK);
    ck_assert_u256_eq(v, U(MAX_U256_DEC));
    /* The decoded ledger works like any other, growth included. */
    for (uint64_t i = 1000; i < 3000; i++) {
        stake_address x = addr_n(i);
        stake_u256 one = U64(1);
        ck_assert_rc(stake_ledger_mint(got, &x, &one), STAKE_OK);
    }
    ck_assert_rc(stake_ledger_check(got), STAKE_OK);
    stake_ledger_free(got);
    ck_assert_rc(stake_snapshot_get_ledger(&got, t, "empty"), STAKE_OK);
    ck_assert_uint_eq(stake_ledger_count(got), 0);
    stake_ledger_free(got);

    /* Saving the loaded snapshot gives the same bytes. */
    char q[256];
    ck_assert_rc(stake_snapshot_save(t, path_in(q, "again.snap"), NULL), STAKE_OK);
    size_t n1, n2;
    uint8_t *f1 = read_file(p, &n1), *f2 = read_file(q, &n2);
    ck_assert_uint_eq(n1, n2);
    ck_assert(memcmp(f1, f2, n1) == 0);
    free(f1);
    free(f2);

    /* An empty snapshot is a valid file too. */
    stake_snapshot *z = NULL;
    ck_assert_rc(stake_snapshot_new(&z), STAKE_OK);
    ck_assert_rc(stake_snapshot_save(z, path_in(q, "empty.snap"), NULL), STAKE_OK);
    stake_snapshot_free(z);
    ck_assert_rc(stake_snapshot_load(&z, q, NULL), STAKE_OK);
    ck_assert_uint_eq(stake_snapshot_count(z), 0);
    stake_snapshot_free(z);

    stake_ledger_free(a);
    stake_ledger_free(e);
    stake_snapshot_free(s);
    stake_snapshot_free(t);
    remove_tmpdir();
}
END_TEST

/* The bytes on disk are the documented format; the same state gives the
 * same bytes whatever the ledgers' random hash keys. */
START_TEST(file_layout)
{
    make_tmpdir();
    stake_ledger *l = sample_ledger(2), *l2 = NULL;
    ck_assert_rc(stake_ledger_clone(&l2, l), STAKE_OK);
    stake_snapshot *s = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s, "L", l), STAKE_OK);
    char p[256];
    ck_assert_rc(stake_snapshot_save(s, path_in(p, "a.snap"), NULL), STAKE_OK);
    size_t n;
    uint8_t *f = read_file(p, &n);

    /* The expected image of the ledger, field by field. */
    struct bytes img = { .len = 0 };
    b_le(&img, 2, 8);
    stake_u256 total = U64(0);
    for (uint64_t i = 0; i < 2; i++) {
        stake_u256 v = { { 1000 + i * 7919, i % 3 ? i : 0, 0, i % 5 == 1 ? 1 : 0 } };
        b_addr(&img, i);
        b_u256(&img, v);
        ck_assert_rc(stake_u256_add(&total, &total, &v), STAKE_OK);
    }
    b_u256(&img, total);
    b_le(&img, 1, 8);
    b_addr(&img, 0);
    b_addr(&img, 1);
    b_u256(&img, U64(500));
    struct fentry fe = { STAKE_SNAPSHOT_LEDGER, "L", &img };
    static struct bytes want;
    build_file(&want, FORMAT, &fe, 1);
    ck_assert_uint_eq(n, want.len);
    ck_assert(memcmp(f, want.data, n) == 0);

    ck_assert(memcmp(f, MAGIC, 8) == 0);
    ck_assert_uint_eq(le32(f + 8), FORMAT);
    ck_assert_uint_eq(le32(f + 12), 1);
    ck_assert_uint_eq(le64(f + 16), n);
    ck_assert_uint_eq(le32(f + n - 4), crc32_bitwise(f, n - 4));
    free(f);

    /* A clone (same key) and a decoded copy (new key): same bytes. */
    stake_ledger *l3 = NULL;
    ck_assert_rc(stake_snapshot_get_ledger(&l3, s, "L"), STAKE_OK);
    stake_snapshot *s2 = NULL, *s3 = NULL;
    ck_assert_rc(stake_snapshot_new(&s2), STAKE_OK);
    ck_assert_rc(stake_snapshot_new(&s3), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s2, "L", l2), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s3, "L", l3), STAKE_OK);
    char q[256];
    ck_assert_rc(stake_snapshot_save(s2, path_in(q, "b.snap"), NULL), STAKE_OK);
    f = read_file(q, &n);
    ck_assert(n == want.len && memcmp(f, want.data, n) == 0);
    free(f);
    ck_assert_rc(stake_snapshot_save(s3, path_in(q, "c.snap"), NULL), STAKE_OK);
    f = read_file(q, &n);
    ck_assert(n == want.len && memcmp(f, want.data, n) == 0);
    free(f);

    /* The table-driven CRC of the library agrees with the bitwise one on
     * the check value too. */
    ck_assert_uint_eq(crc32_bitwise((const uint8_t *)"123456789", 9), 0xcbf43926u);
    stake_snapshot_free(s);
    stake_snapshot_free(s2);
    stake_snapshot_free(s3);
    stake_ledger_free(l);
    stake_ledger_free(l2);
    stake_ledger_free(l3);
    remove_tmpdir();
}
END_TEST

/* A small file with two entries, used by the damage tests. */
static uint8_t *small_file(size_t *n)
{
    stake_snapshot *s = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    stake_ledger *a = sample_ledger(3), *b = sample_ledger(1);
    ck_assert_rc(stake_snapshot_put_ledger(s, "a", a), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s, "bb", b), STAKE_OK);
    char p[256];
    ck_assert_rc(stake_snapshot_save(s, path_in(p, "small.snap"), NULL), STAKE_OK);
    stake_snapshot_free(s);
    stake_ledger_free(a);
    stake_ledger_free(b);
    return read_file(p, n);
}

START_TEST(truncated_every_length)
{
    make_tmpdir();
    size_t n;
    uint8_t *f = small_file(&n);
    ck_assert_uint_gt(n, 300);
    size_t truncated = 0;
    for (size_t len = 0; len < n; len++) {
        char p[256];
        write_file(path_in(p, "cut.snap"), f, len);
        stake_snapshot *s = (stake_snapshot *)&s;
        stake_error err;
        memset(&err, 0, sizeof err);
        stake_rc rc = stake_snapshot_load(&s, p, &err);
        ck_assert_msg(rc == STAKE_ETRUNCATED || rc == STAKE_ECORRUPT,
                      "length %zu of %zu: %s", len, n, stake_errname(rc));
        ck_assert_int_eq(err.code, rc);
        ck_assert(err.text[0] != '\0');
        ck_assert_ptr_eq(s, (stake_snapshot *)&s);
        truncated += rc == STAKE_ETRUNCATED;
    }
    /* The declared length names every cut as a truncation. */
    ck_assert_uint_eq(truncated, n);
    free(f);
    remove_tmpdir();
}
END_TEST

START_TEST(every_bit_flip_refused)
{
    make_tmpdir();
    size_t n;
    uint8_t *f = small_file(&n);
    size_t by_code[4] = { 0 };
    for (size_t bit = 0; bit < 8 * n; bit++) {
        f[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        char p[256];
        write_file(path_in(p, "flip.snap"), f, n);
        f[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        stake_snapshot *s = (stake_snapshot *)&s;
        stake_error err;
        stake_rc rc = stake_snapshot_load(&s, p, &err);
        ck_assert_msg(rc == STAKE_ECORRUPT || rc == STAKE_EFORMAT || rc == STAKE_EVERSION ||
                          rc == STAKE_ETRUNCATED,
                      "bit %zu (byte %zu) flipped: %s", bit, bit / 8, stake_errname(rc));
        ck_assert_int_eq(err.code, rc);
        ck_assert_ptr_eq(s, (stake_snapshot *)&s);
        by_code[rc == STAKE_ECORRUPT ? 0 : rc == STAKE_EFORMAT ? 1 : rc == STAKE_EVERSION ? 2 : 3]++;
    }
    /* Magic bits are a format error, version bits a version error. */
    ck_assert_uint_eq(by_code[1], 64);
    ck_assert_uint_eq(by_code[2], 32);
    ck_assert_uint_gt(by_code[0], 8 * n - 200);
    free(f);
    remove_tmpdir();
}
END_TEST

START_TEST(foreign_files)
{
    make_tmpdir();
    const char *texts[] = { "hello, world\n", "{\"ledger\": []}", "\x7f" "ELF\x02\x01\x01",
                            "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "\x89STK\r\n\n\x1a", "x" };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char p[256];
        write_file(path_in(p, "foreign"), texts[i], strlen(texts[i]) + (i == 3 ? 8 : 0));
        stake_snapshot *s = (stake_snapshot *)&s;
        stake_error err;
        ck_assert_rc(stake_snapshot_load(&s, p, &err), STAKE_EFORMAT);
        ck_assert_int_eq(err.code, STAKE_EFORMAT);
        ck_assert_ptr_eq(s, (stake_snapshot *)&s);
    }
    /* A prefix of the magic is a truncated snapshot, not a foreign file. */
    char p[256];
    write_file(path_in(p, "prefix"), MAGIC, 5);
    stake_snapshot *s = (stake_snapshot *)&s;
    ck_assert_rc(stake_snapshot_load(&s, p, NULL), STAKE_ETRUNCATED);
    write_file(path_in(p, "empty"), "", 0);
    ck_assert_rc(stake_snapshot_load(&s, p, NULL), STAKE_ETRUNCATED);
    ck_assert_ptr_eq(s, (stake_snapshot *)&s);
    remove_tmpdir();
}
END_TEST

START_TEST(other_versions)
{
    make_tmpdir();
    struct bytes img = { .len = 0 };
    b_le(&img, 0, 8);
    b_u256(&img, U64(0));
    b_le(&img, 0, 8);
    struct fentry fe = { STAKE_SNAPSHOT_LEDGER, "x", &img };
    static struct bytes f;
    uint32_t versions[] = { 0, FORMAT + 1, 0x100, 0xffffffffu };
    for (size_t i = 0; i < sizeof versions / sizeof versions[0]; i++) {
        build_file(&f, versions[i], &fe, 1);
        stake_error err;
        ck_assert_rc(load_bytes(&f, &err), STAKE_EVERSION);
        ck_assert_uint_eq(err.position, 8);
        ck_assert_ptr_nonnull(strstr(err.text, "version"));
    }
    /* Versions 1 and 2, the same content, load: the builder is right. */
    build_file(&f, 1, &fe, 1);
    ck_assert_rc(load_bytes(&f, NULL), STAKE_OK);
    build_file(&f, FORMAT, &fe, 1);
    ck_assert_rc(load_bytes(&f, NULL), STAKE_OK);
    /* Even a future file cut short is a version error: it cannot be
     * judged. */
    build_file(&f, FORMAT + 1, &fe, 1);
    f.len = 12;
    ck_assert_rc(load_bytes(&f, NULL), STAKE_EVERSION);
    remove_tmpdir();
}
END_TEST

/* Images a correct encoder cannot produce, with valid checksums. */
START_TEST(invalid_content_refused)
{
    make_tmpdir();
    static struct bytes f;
    struct bytes img;
    stake_u256 max = U(MAX_U256_DEC);

#define IMAGE_START() (img.len = 0)
#define EXPECT(kind, name, code) do {                                       \
        struct fentry fe_ = { (kind), (name), &img };                       \
        build_file(&f, FORMAT, &fe_, 1);                                         \
        stake_error err_;                                                   \
        stake_rc rc_ = load_bytes(&f, &err_);                               \
        ck_assert_msg(rc_ == (code), "line %d: %s", __LINE__, stake_errname(rc_)); \
    } while (0)

    /* valid: two accounts, one allowance */
    IMAGE_START();
    b_le(&img, 2, 8);
    b_addr(&img, 1); b_u256(&img, U64(5));
    b_addr(&img, 2); b_u256(&img, U64(7));
    b_u256(&img, U64(12));
    b_le(&img, 1, 8);
    b_addr(&img, 1); b_addr(&img, 2); b_u256(&img, U64(3));
    EXPECT(STAKE_SNAPSHOT_LEDGER, "ok", STAKE_OK);
    /* the same image under an unknown kind or a kind this build does not
     * decode as a ledger */
    EXPECT(0, "ok", STAKE_ECORRUPT);
    EXPECT(5, "ok", STAKE_ECORRUPT);
    EXPECT(0xff, "ok", STAKE_ECORRUPT);
    /* bad names */
    EXPECT(STAKE_SNAPSHOT_LEDGER, "a b", STAKE_ECORRUPT);
    EXPECT(STAKE_SNAPSHOT_LEDGER, "a/b", STAKE_ECORRUPT);
    /* a trailing byte */
    b_le(&img, 0, 1);
    EXPECT(STAKE_SNAPSHOT_LEDGER, "ok", STAKE_ECORRUPT);

    /* duplicate address */
    IMAGE_START();
    b_le(&img, 2, 8);
    b_addr(&img, 1); b_u256(&img, U64(5));
    b_addr(&img, 1); b_u256(&img, U64(7));
    b_u256(&img, U64(12));
    b_le(&img, 0, 8);
    EXPECT(STAKE_SNAPSHOT_LEDGER, "dup", STAKE_ECORRUPT);

    /* wrong total, either way */
    IMAGE_START();
    b_le(&img, 1, 8);
    b_addr(&img, 1); b_u256(&img, U64(5));
    b_u256(&img, U64(6));
    b_le(&img, 0, 8);
    EXPECT(STAKE_SNAPSHOT_LEDGER, "total", STAKE_ECORRUPT);
    img.len -= 40;
    b_u256(&img, U64(4));
    b_le(&img, 0, 8);
    EXPECT(STAKE_SNAPSHOT_LEDGER, "total", STAKE_ECORRUPT);

    /* balances whose sum overflows (the total "matches" modulo 2^256) */
    IMAGE_START();
    b_le(&img, 2, 8);
    b_addr(&img, 1); b_u256(&img, max);
    b_addr(&img, 2); b_u256(&img, U64(2));
    b_u256(&img, U64(1));
    b_le(&img, 0, 8);
    EXPECT(STAKE_SNAPSHOT_LEDGER, "overflow", STAKE_ECORRUPT);

    /* duplicate allowance pair */
    IMAGE_START();
    b_le(&img, 0, 8);
    b_u256(&img, U64(0));
    b_le(&img, 2, 8);
    b_addr(&img, 1); b_addr(&img, 2); b_u256(&img, U64(3));
    b_addr(&img, 1); b_addr(&img, 2); b_u256(&img, U64(4));
    EXPECT(STAKE_SNAPSHOT_LEDGER, "dupallow", STAKE_ECORRUPT);
    /* ... but (2, 1) is another pair */
    img.len -= 72;
    b_addr(&img, 2); b_addr(&img, 1); b_u256(&img, U64(4));
    EXPECT(STAKE_SNAPSHOT_LEDGER, "allow", STAKE_OK);

    /* counts beyond the bytes present (must not allocate for them) */
    IMAGE_START();
    b_le(&img, UINT64_MAX, 8);
    b_u256(&img, U64(0));
    b_le(&img, 0, 8);
    EXPECT(STAKE_SNAPSHOT_LEDGER, "count", STAKE_ECORRUPT);
    IMAGE_START();
    b_le(&img, 1ULL << 40, 8);
    b_u256(&img, U64(0));
    b_le(&img, 0, 8);
    EXPECT(STAKE_SNAPSHOT_LEDGER, "count", STAKE_ECORRUPT);
    IMAGE_START();
    b_le(&img, 0, 8);
    b_u256(&img, U64(0));
    b_le(&img, 1ULL << 35, 8);
    EXPECT(STAKE_SNAPSHOT_LEDGER, "count", STAKE_ECORRUPT);
    /* an image cut short */
    IMAGE_START();
    b_le(&img, 0, 8);
    b_u256(&img, U64(0));
    EXPECT(STAKE_SNAPSHOT_LEDGER, "short", STAKE_ECORRUPT);
    IMAGE_START();
    EXPECT(STAKE_SNAPSHOT_LEDGER, "nothing", STAKE_ECORRUPT);

    /* two entries of one name */
    IMAGE_START();
    b_le(&img, 0, 8);
    b_u256(&img, U64(0));
    b_le(&img, 0, 8);
    struct fentry two[2] = { { STAKE_SNAPSHOT_LEDGER, "same", &img },
                             { STAKE_SNAPSHOT_LEDGER, "same", &img } };
    build_file(&f, FORMAT, two, 2);
    ck_assert_rc(load_bytes(&f, NULL), STAKE_ECORRUPT);
    two[1].name = "other";
    build_file(&f, FORMAT, two, 2);
    ck_assert_rc(load_bytes(&f, NULL), STAKE_OK);
    /* an entry count that disagrees with the entries */
    f.data[12] = 3;
    {
        uint32_t c = crc32_bitwise(f.data, f.len - 4);
        for (int i = 0; i < 4; i++)
            f.data[f.len - 4 + (size_t)i] = (uint8_t)(c >> (8 * i));
    }
    ck_assert_rc(load_bytes(&f, NULL), STAKE_ECORRUPT);
    f.data[12] = 1;
    {
        uint32_t c = crc32_bitwise(f.data, f.len - 4);
        for (int i = 0; i < 4; i++)
            f.data[f.len - 4 + (size_t)i] = (uint8_t)(c >> (8 * i));
    }
    ck_assert_rc(load_bytes(&f, NULL), STAKE_ECORRUPT);
    /* trailing bytes after the declared length */
    build_file(&f, FORMAT, two, 2);
    b_le(&f, 0, 1);
    ck_assert_rc(load_bytes(&f, NULL), STAKE_ECORRUPT);
#undef EXPECT
#undef IMAGE_START
    remove_tmpdir();
}
END_TEST

START_TEST(atomic_replace)
{
    make_tmpdir();
    stake_snapshot *s = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    stake_ledger *a = sample_ledger(5), *b = sample_ledger(50);
    ck_assert_rc(stake_snapshot_put_ledger(s, "x", a), STAKE_OK);
    char p[256];
    path_in(p, "state.snap");
    ck_assert_rc(stake_snapshot_save(s, p, NULL), STAKE_OK);
    struct stat st1;
    ck_assert_int_eq(stat(p, &st1), 0);
    ck_assert_int_eq(st1.st_mode & 0777, 0600);
    /* A mode the owner chose is kept. */
    ck_assert_int_eq(chmod(p, 0640), 0);

    /* Open the old file: after the save it must still read the old bytes
     * (a new inode was renamed over the name, nothing was rewritten). */
    size_t n_old;
    uint8_t *old = read_file(p, &n_old);
    FILE *held = fopen(p, "rb");
    ck_assert_ptr_nonnull(held);

    ck_assert_rc(stake_snapshot_put_ledger(s, "x", b), STAKE_OK);
    ck_assert_rc(stake_snapshot_save(s, p, NULL), STAKE_OK);
    struct stat st2;
    ck_assert_int_eq(stat(p, &st2), 0);
    ck_assert(st1.st_ino != st2.st_ino);
    ck_assert_int_eq(st2.st_mode & 0777, 0640);
    uint8_t *again = malloc(n_old + 1);
    ck_assert_ptr_nonnull(again);
    ck_assert_uint_eq(fread(again, 1, n_old + 1, held), n_old);
    ck_assert(memcmp(again, old, n_old) == 0);
    fclose(held);
    free(again);
    free(old);

    /* Only the target is left in the directory: no temporary file. */
    ck_assert_uint_eq(dir_entries(), 1);
    stake_snapshot *t = NULL;
    ck_assert_rc(stake_snapshot_load(&t, p, NULL), STAKE_OK);
    stake_ledger *got = NULL;
    ck_assert_rc(stake_snapshot_get_ledger(&got, t, "x"), STAKE_OK);
    ck_assert(ledger_digest(got, 6) == ledger_digest(b, 6));
    stake_ledger_free(got);
    stake_snapshot_free(t);

    /* A relative path (saved in the current directory) works too. */
    char cwd[512];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(chdir(tmpdir), 0);
    ck_assert_rc(stake_snapshot_save(s, "relative.snap", NULL), STAKE_OK);
    ck_assert_rc(stake_snapshot_load(&t, "relative.snap", NULL), STAKE_OK);
    stake_snapshot_free(t);
    ck_assert_int_eq(chdir(cwd), 0);
    ck_assert_uint_eq(dir_entries(), 2);

    stake_ledger_free(a);
    stake_ledger_free(b);
    stake_snapshot_free(s);
    remove_tmpdir();
}
END_TEST

START_TEST(io_errors)
{
    make_tmpdir();
    stake_snapshot *s = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    stake_ledger *a = sample_ledger(5);
    ck_assert_rc(stake_snapshot_put_ledger(s, "x", a), STAKE_OK);
    char p[256];
    stake_error err;

    /* Saving into a directory that does not exist. */
    memset(&err, 0, sizeof err);
    ck_assert_rc(stake_snapshot_save(s, path_in(p, "no/such/dir/state.snap"), &err), STAKE_EIO);
    ck_assert_int_eq(err.code, STAKE_EIO);
    ck_assert_msg(strstr(err.text, strerror(ENOENT)) != NULL, "text: %s", err.text);
    ck_assert_uint_eq(dir_entries(), 0);
    /* Saving over a directory: the temporary file is removed again. */
    ck_assert_int_eq(mkdir(path_in(p, "adir"), 0700), 0);
    ck_assert_rc(stake_snapshot_save(s, p, &err), STAKE_EIO);
    ck_assert_ptr_nonnull(strstr(err.text, "rename"));
    ck_assert_uint_eq(dir_entries(), 1);

    /* Loading what cannot be read. */
    stake_snapshot *t = (stake_snapshot *)&t;
    memset(&err, 0, sizeof err);
    ck_assert_rc(stake_snapshot_load(&t, path_in(p, "missing.snap"), &err), STAKE_EIO);
    ck_assert_msg(strstr(err.text, strerror(ENOENT)) != NULL, "text: %s", err.text);
    ck_assert_rc(stake_snapshot_load(&t, path_in(p, "adir"), &err), STAKE_EIO);
    ck_assert_int_eq(err.code, STAKE_EIO);
    ck_assert_ptr_eq(t, (stake_snapshot *)&t);

    ck_assert_rc(stake_snapshot_save(NULL, p, &err), STAKE_EINVAL);
    ck_assert_int_eq(err.code, STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_save(s, NULL, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_save(s, "", NULL), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_load(NULL, p, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_load(&t, NULL, &err), STAKE_EINVAL);
    ck_assert_ptr_eq(t, (stake_snapshot *)&t);
    stake_ledger_free(a);
    stake_snapshot_free(s);
    remove_tmpdir();
}
END_TEST

/* ---- the other models ----------------------------------------------------------- */

struct models {
    stake_steth *steth;
    stake_erc4626_vault *vault;
    stake_reth *reth;
};

static void make_models(struct models *m)
{
    stake_steth_params sp;
    ck_assert_rc(stake_steth_params_init(&sp, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    ck_assert_rc(stake_steth_new(&m->steth, &sp), STAKE_OK);
    ck_assert_rc(stake_erc4626_vault_new(&m->vault, 6, 0), STAKE_OK);
    stake_reth_params rp;
    ck_assert_rc(stake_reth_params_init(&rp, STAKE_RETH_PARAMS_VERSION), STAKE_OK);
    ck_assert_rc(stake_reth_new(&m->reth, &rp), STAKE_OK);
    for (uint64_t i = 1; i <= 5; i++) {
        stake_address a = addr_n(i);
        stake_u256 eth = U64(i * 1000000000000000000ULL), out;
        ck_assert_rc(stake_steth_submit(&out, m->steth, &a, &eth), STAKE_OK);
        ck_assert_rc(stake_erc4626_vault_deposit(&out, m->vault, &a, &a, &eth), STAKE_OK);
        ck_assert_rc(stake_reth_deposit(&out, m->reth, &a, &eth), STAKE_OK);
    }
    /* wstETH holders and a wstETH allowance, which the wrapper's ledger
     * carries through the snapshot */
    stake_address a1 = addr_n(1), a2 = addr_n(2);
    stake_u256 eth = U64(1000000000000000000ULL), allowed = U64(12345), out;
    ck_assert_rc(stake_wsteth_submit(&out, m->steth, &a1, &eth), STAKE_OK);
    ck_assert_rc(stake_wsteth_approve(m->steth, &a1, &a2, &allowed), STAKE_OK);
}

static void free_models(struct models *m)
{
    stake_steth_free(m->steth);
    stake_erc4626_vault_free(m->vault);
    stake_reth_free(m->reth);
}

/* The models' observable state, through their ledgers and totals. */
static uint64_t models_digest(const struct models *m)
{
    uint64_t h = ledger_digest(stake_steth_ledger(m->steth), 6);
    h = h * 31 + ledger_digest(stake_wsteth_ledger(m->steth), 6);
    h = h * 31 + ledger_digest(stake_erc4626_vault_ledger(m->vault), 6);
    h = h * 31 + ledger_digest(stake_reth_ledger(m->reth), 6);
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, m->steth), STAKE_OK);
    h = digest_mix(h, &pool, sizeof pool);
    stake_erc4626_state st;
    memset(&st, 0, sizeof st);
    ck_assert_rc(stake_erc4626_vault_state(&st, m->vault), STAKE_OK);
    h = digest_mix(h, &st.total_assets, sizeof st.total_assets);
    h = digest_mix(h, &st.total_supply, sizeof st.total_supply);
    stake_reth_totals rt;
    memset(&rt, 0, sizeof rt);
    ck_assert_rc(stake_reth_totals_of(&rt, m->reth), STAKE_OK);
    h = digest_mix(h, &rt.total_eth, sizeof rt.total_eth);
    h = digest_mix(h, &rt.reth_supply, sizeof rt.reth_supply);
    stake_u256 supply;
    ck_assert_rc(stake_reth_total_supply(&supply, m->reth), STAKE_OK);
    return digest_mix(h, &supply, sizeof supply);
}

START_TEST(other_models_roundtrip)
{
    make_tmpdir();
    struct models m, got;
    make_models(&m);
    stake_ledger *l = sample_ledger(4);
    stake_snapshot *s = NULL, *t = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_steth(s, "steth", m.steth), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_erc4626(s, "vault", m.vault), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_reth(s, "reth", m.reth), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_ledger(s, "ledger", l), STAKE_OK);
    char p[256];
    ck_assert_rc(stake_snapshot_save(s, path_in(p, "models.snap"), NULL), STAKE_OK);
    ck_assert_rc(stake_snapshot_load(&t, p, NULL), STAKE_OK);
    stake_snapshot_kind kinds[] = { STAKE_SNAPSHOT_STETH, STAKE_SNAPSHOT_ERC4626,
                                    STAKE_SNAPSHOT_RETH, STAKE_SNAPSHOT_LEDGER };
    for (size_t i = 0; i < 4; i++) {
        stake_snapshot_kind k;
        ck_assert_rc(stake_snapshot_entry(&k, NULL, t, i), STAKE_OK);
        ck_assert_int_eq(k, kinds[i]);
    }
    ck_assert_rc(stake_snapshot_get_steth(&got.steth, t, "steth"), STAKE_OK);
    ck_assert_rc(stake_snapshot_get_erc4626(&got.vault, t, "vault"), STAKE_OK);
    ck_assert_rc(stake_snapshot_get_reth(&got.reth, t, "reth"), STAKE_OK);
    ck_assert(models_digest(&got) == models_digest(&m));
    /* The copies are independent of the originals. */
    stake_address a = addr_n(9);
    stake_u256 eth = U64(2000000000000000000ULL), out;
    ck_assert_rc(stake_steth_submit(&out, got.steth, &a, &eth), STAKE_OK);
    ck_assert(models_digest(&got) != models_digest(&m));
    free_models(&got);

    /* A name of another kind is not found, for every pair of kinds. */
    const char *names[] = { "steth", "vault", "reth", "ledger" };
    for (size_t i = 0; i < 4; i++) {
        stake_steth *ts = (stake_steth *)&ts;
        stake_erc4626_vault *tv = (stake_erc4626_vault *)&tv;
        stake_reth *tr = (stake_reth *)&tr;
        stake_ledger *tl = (stake_ledger *)&tl;
        if (i != 0)
            ck_assert_rc(stake_snapshot_get_steth(&ts, t, names[i]), STAKE_ENOTFOUND);
        if (i != 1)
            ck_assert_rc(stake_snapshot_get_erc4626(&tv, t, names[i]), STAKE_ENOTFOUND);
        if (i != 2)
            ck_assert_rc(stake_snapshot_get_reth(&tr, t, names[i]), STAKE_ENOTFOUND);
        if (i != 3)
            ck_assert_rc(stake_snapshot_get_ledger(&tl, t, names[i]), STAKE_ENOTFOUND);
        ck_assert_ptr_eq(ts, (stake_steth *)&ts);
        ck_assert_ptr_eq(tv, (stake_erc4626_vault *)&tv);
        ck_assert_ptr_eq(tr, (stake_reth *)&tr);
        ck_assert_ptr_eq(tl, (stake_ledger *)&tl);
    }
    /* Replacing an entry by one of another kind. */
    ck_assert_rc(stake_snapshot_put_reth(t, "steth", m.reth), STAKE_OK);
    ck_assert_rc(stake_snapshot_get_steth(&got.steth, t, "steth"), STAKE_ENOTFOUND);
    ck_assert_rc(stake_snapshot_get_reth(&got.reth, t, "steth"), STAKE_OK);
    stake_reth_free(got.reth);
    ck_assert_uint_eq(stake_snapshot_count(t), 4);

    /* NULL and bad names. */
    ck_assert_rc(stake_snapshot_put_steth(NULL, "x", m.steth), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_steth(s, NULL, m.steth), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_steth(s, "x", NULL), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_steth(s, "x y", m.steth), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_erc4626(NULL, "x", m.vault), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_erc4626(s, NULL, m.vault), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_erc4626(s, "x", NULL), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_erc4626(s, "", m.vault), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_reth(NULL, "x", m.reth), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_reth(s, NULL, m.reth), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_reth(s, "x", NULL), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_put_reth(s, "x!", m.reth), STAKE_EINVAL);
    ck_assert_uint_eq(stake_snapshot_count(s), 4);
    ck_assert_rc(stake_snapshot_get_steth(NULL, s, "steth"), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_steth(&got.steth, NULL, "steth"), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_steth(&got.steth, s, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_erc4626(NULL, s, "vault"), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_erc4626(&got.vault, NULL, "vault"), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_erc4626(&got.vault, s, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_reth(NULL, s, "reth"), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_reth(&got.reth, NULL, "reth"), STAKE_EINVAL);
    ck_assert_rc(stake_snapshot_get_reth(&got.reth, s, NULL), STAKE_EINVAL);

    /* Every bit flip and every cut of this file is refused too: the
     * per-model decoders run under the container's checks. */
    size_t n;
    uint8_t *f = read_file(p, &n);
    for (size_t bit = 0; bit < 8 * n; bit += 3) {
        f[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        write_file(path_in(p, "flip.snap"), f, n);
        f[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        stake_snapshot *u = (stake_snapshot *)&u;
        stake_rc rc = stake_snapshot_load(&u, p, NULL);
        ck_assert_msg(rc < 0, "bit %zu flipped: loaded", bit);
        ck_assert_ptr_eq(u, (stake_snapshot *)&u);
    }
    for (size_t len = 0; len < n; len += 5) {
        write_file(path_in(p, "cut.snap"), f, len);
        stake_snapshot *u = (stake_snapshot *)&u;
        ck_assert_rc(stake_snapshot_load(&u, p, NULL), STAKE_ETRUNCATED);
    }
    free(f);

    free_models(&m);
    stake_ledger_free(l);
    stake_snapshot_free(s);
    stake_snapshot_free(t);
    remove_tmpdir();
}
END_TEST

/* A version 1 file (libstake 0.7 and before) has stETH images without
 * the block and stake limit that version 2 appends (4 + 4 + 32 + 4 + 32
 * bytes): they load with block 1, no limit and staking paused exactly
 * when the token is stopped, and are saved again as version 2. */
START_TEST(version_1_steth_upgraded)
{
    make_tmpdir();
    struct models m;
    make_models(&m);
    stake_steth *stopped = NULL;
    ck_assert_rc(stake_steth_clone(&stopped, m.steth), STAKE_OK);
    ck_assert_rc(stake_steth_stop(stopped), STAKE_OK);
    stake_snapshot *s = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_steth(s, "running", m.steth), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_steth(s, "stopped", stopped), STAKE_OK);
    char p[256];
    ck_assert_rc(stake_snapshot_save(s, path_in(p, "v2.snap"), NULL), STAKE_OK);
    size_t n;
    uint8_t *f = read_file(p, &n);
    static struct bytes img[2], out;
    struct fentry fe[2];
    size_t pos = 24;
    for (int e = 0; e < 2; e++) {
        uint8_t nl = f[pos + 1];
        size_t ilen = (size_t)le64(f + pos + 2 + nl);
        img[e].len = 0;
        b_raw(&img[e], f + pos + 2 + nl + 8, ilen - 76);
        fe[e].kind = f[pos];
        fe[e].name = e == 0 ? "running" : "stopped";
        fe[e].image = &img[e];
        pos += 2 + nl + 8 + ilen + 4;
    }
    free(f);
    /* Too short for version 2... */
    build_file(&out, FORMAT, fe, 2);
    ck_assert_rc(load_bytes(&out, NULL), STAKE_ECORRUPT);
    /* ...the whole of it for version 1. */
    build_file(&out, 1, fe, 2);
    write_file(path_in(p, "v1.snap"), out.data, out.len);
    stake_snapshot *t = NULL;
    ck_assert_rc(stake_snapshot_load(&t, p, NULL), STAKE_OK);
    const char *names[2] = { "running", "stopped" };
    for (int e = 0; e < 2; e++) {
        stake_steth *back = NULL;
        ck_assert_rc(stake_snapshot_get_steth(&back, t, names[e]), STAKE_OK);
        ck_assert_uint_eq(stake_steth_block(back), 1);
        ck_assert_int_eq(stake_steth_is_staking_paused(back), e == 1);
        ck_assert_int_eq(stake_steth_is_stopped(back), e == 1);
        stake_lido_stake_limit lim;
        ck_assert_rc(stake_steth_stake_limit(&lim, back), STAKE_OK);
        ck_assert_uint_eq(lim.prev_block, e == 1 ? 0 : 1);
        ck_assert_u256_eq(lim.max_limit, U64(0));
        ck_assert_u256_eq(lim.prev_limit, U64(0));
        ck_assert_uint_eq(lim.growth_blocks, 0);
        ck_assert_uint_eq(ledger_digest(stake_steth_ledger(back), 6),
                          ledger_digest(stake_steth_ledger(m.steth), 6));
        stake_steth_free(back);
    }
    /* Saved again, it is a version 2 file equal to the original. */
    ck_assert_rc(stake_snapshot_save(t, path_in(p, "again.snap"), NULL), STAKE_OK);
    size_t n2;
    uint8_t *g = read_file(p, &n2);
    ck_assert_uint_eq(le32(g + 8), FORMAT);
    ck_assert_uint_eq(n2, n);
    free(g);
    stake_snapshot_free(t);
    stake_snapshot_free(s);
    stake_steth_free(stopped);
    free_models(&m);
    remove_tmpdir();
}
END_TEST

/* Model images with damaged content but valid checksums are refused at
 * load as corruption, whatever code the model's decoder chose. */
START_TEST(other_models_bad_content)
{
    make_tmpdir();
    struct models m;
    make_models(&m);
    stake_snapshot *s = NULL;
    ck_assert_rc(stake_snapshot_new(&s), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_steth(s, "a", m.steth), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_erc4626(s, "b", m.vault), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_reth(s, "c", m.reth), STAKE_OK);
    char p[256];
    ck_assert_rc(stake_snapshot_save(s, path_in(p, "m.snap"), NULL), STAKE_OK);
    size_t n;
    uint8_t *f = read_file(p, &n);
    /* Walk the entries, and in each image replace the whole content by
     * an image of another kind, a truncated image, an extended one. */
    size_t pos = 24;
    for (int e = 0; e < 3; e++) {
        uint8_t kind = f[pos], nl = f[pos + 1];
        char name[64];
        memcpy(name, f + pos + 2, nl);
        name[nl] = '\0';
        size_t ilen = (size_t)le64(f + pos + 2 + nl);
        const uint8_t *image = f + pos + 2 + nl + 8;
        static struct bytes img, out;
        /* cut by one byte, and one byte too many */
        img.len = 0;
        b_raw(&img, image, ilen - 1);
        struct fentry fe = { kind, name, &img };
        build_file(&out, FORMAT, &fe, 1);
        ck_assert_rc(load_bytes(&out, NULL), STAKE_ECORRUPT);
        b_raw(&img, image + ilen - 1, 1);
        build_file(&out, FORMAT, &fe, 1);
        ck_assert_rc(load_bytes(&out, NULL), STAKE_OK);   /* the builder is right */
        b_le(&img, 0, 1);
        build_file(&out, FORMAT, &fe, 1);
        ck_assert_rc(load_bytes(&out, NULL), STAKE_ECORRUPT);
        /* the image under every other kind */
        img.len = ilen;
        for (uint8_t k = 1; k <= 4; k++) {
            if (k == kind)
                continue;
            struct fentry fk = { k, name, &img };
            build_file(&out, FORMAT, &fk, 1);
            ck_assert_msg(load_bytes(&out, NULL) == STAKE_ECORRUPT, "entry %d as kind %d", e, k);
        }
        pos += 2 + nl + 8 + ilen + 4;
    }
    ck_assert_uint_eq(pos, n - 4);
    free(f);
    free_models(&m);
    stake_snapshot_free(s);
    remove_tmpdir();
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("snapshot");
    TCase *tc = tcase_create("snapshot");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, lifecycle_and_names);
    tcase_add_test(tc, put_get_order_replace);
    tcase_add_test(tc, save_load_roundtrip);
    tcase_add_test(tc, file_layout);
    tcase_add_test(tc, truncated_every_length);
    tcase_add_test(tc, every_bit_flip_refused);
    tcase_add_test(tc, foreign_files);
    tcase_add_test(tc, other_versions);
    tcase_add_test(tc, invalid_content_refused);
    tcase_add_test(tc, atomic_replace);
    tcase_add_test(tc, io_errors);
    tcase_add_test(tc, other_models_roundtrip);
    tcase_add_test(tc, other_models_bad_content);
    tcase_add_test(tc, version_1_steth_upgraded);
    suite_add_tcase(s, tc);
    return s;
}
