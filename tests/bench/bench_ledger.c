/*
 * The share ledger at mainnet scale: 10,000,000 accounts.
 *
 *  (a) transfer throughput: stake_ledger_move between random accounts
 *      (two keyed-hash lookups, two 256-bit updates), against two
 *      baselines measured in the same run on the same random pairs:
 *        - the same number of random-index 32-byte subtractions and
 *          additions into a flat array of 10,000,000 balances: the
 *          memory-access floor of any transfer on a table that large,
 *          where the accesses of successive transfers all overlap;
 *        - the same updates reached through a random uint32 index of
 *          2^24 slots into an array of 56-byte entries (no hashing, no
 *          key comparison): the floor of any hash-indexed ledger, whose
 *          lookup is two dependent cache misses (slot, then entry);
 *  (b) memory per account, as stake_ledger_memory() reports it and as
 *      malloc sees it (mallinfo2), with and without the expected_accounts
 *      hint, against the 52-byte raw payload (20-byte address, 32-byte
 *      balance).
 *
 * Both baselines run as tight loops, so the CPU overlaps the cache misses
 * of many successive transfers; one stake_ledger_move call is a few
 * hundred instructions (two SipHash-1-3, the probes, the key compares),
 * which lets it overlap its own four misses (see dmap.h) but little of
 * the next call's. The ratio to the index floor is that per-call latency.
 */
#include <malloc.h>
#include <stake.h>
#include "bench.h"

#define ACCOUNTS 10000000
#define MOVES 200000
#define ROUNDS 15
#define INDEX_SLOTS (1u << 24)

static stake_address addr_of(uint64_t n)
{
    /* Distinct, well spread addresses; the last 4 bytes carry n. */
    stake_address a;
    uint64_t z = n * 0x9e3779b97f4a7c15ULL + 0x2545f4914f6cdd1dULL;
    for (int i = 0; i < 16; i++) {
        a.bytes[i] = (uint8_t)(z >> (8 * (i % 8)));
        if (i == 7)
            z = (z ^ (z >> 29)) * 0xbf58476d1ce4e5b9ULL;
    }
    a.bytes[16] = (uint8_t)(n >> 24);
    a.bytes[17] = (uint8_t)(n >> 16);
    a.bytes[18] = (uint8_t)(n >> 8);
    a.bytes[19] = (uint8_t)n;
    return a;
}

static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/* Builds a ledger of ACCOUNTS accounts holding 1 ether each; reports its
 * memory per account. */
static stake_ledger *build(size_t hint, double *ns_per_insert)
{
    size_t heap0 = heap_in_use();
    stake_ledger *l;
    if (stake_ledger_new(&l, hint) != STAKE_OK)
        abort();
    stake_u256 ether = { { 1000000000000000000ULL, 0, 0, 0 } };
    double t0 = bench_now_ns();
    for (uint64_t i = 0; i < ACCOUNTS; i++) {
        stake_address a = addr_of(i);
        if (stake_ledger_mint(l, &a, &ether) != STAKE_OK)
            abort();
    }
    *ns_per_insert = (bench_now_ns() - t0) / ACCOUNTS;
    size_t reported = stake_ledger_memory(l), seen = heap_in_use() - heap0;
    char what[80];
    snprintf(what, sizeof what, "memory per account, %s", hint ? "hint given" : "no hint");
    printf("  %-44s %9.2f B/acct  raw payload %20.2f B/acct  ratio %5.2f   malloc sees %.2f B/acct\n",
           what, (double)reported / ACCOUNTS, 52.0, (double)reported / ACCOUNTS / 52.0,
           (double)seen / ACCOUNTS);
    return l;
}

struct pairs {
    stake_address from[MOVES], to[MOVES];
    uint32_t fi[MOVES], ti[MOVES];     /* account numbers */
    uint32_t fs[MOVES], ts[MOVES];     /* random slots of the index baseline */
};

static void draw(struct pairs *p)
{
    for (int i = 0; i < MOVES; i++) {
        p->fi[i] = (uint32_t)(bench_rand() % ACCOUNTS);
        p->ti[i] = (uint32_t)(bench_rand() % ACCOUNTS);
        p->from[i] = addr_of(p->fi[i]);
        p->to[i] = addr_of(p->ti[i]);
        p->fs[i] = (uint32_t)(bench_rand() % INDEX_SLOTS);
        p->ts[i] = (uint32_t)(bench_rand() % INDEX_SLOTS);
    }
}

/* The index baseline's tables: a slot array pointing at random entries of
 * a dense array laid out like the ledger's. */
struct entry {
    stake_u256 balance;
    uint8_t address[20];
    uint32_t hash;
};
static uint32_t *index_slots;
static struct entry *index_entries;

static void add_sub(uint64_t *f, uint64_t *t)
{
    unsigned __int128 d = (unsigned __int128)f[0] - 1;
    f[0] = (uint64_t)d;
    for (int k = 1; k < 4; k++) {
        d = (unsigned __int128)f[k] - (uint64_t)(-(int64_t)(d >> 64) & 1);
        f[k] = (uint64_t)d;
    }
    unsigned __int128 s = (unsigned __int128)t[0] + 1;
    t[0] = (uint64_t)s;
    for (int k = 1; k < 4; k++) {
        s = (unsigned __int128)t[k] + (uint64_t)(s >> 64);
        t[k] = (uint64_t)s;
    }
}

static double time_index(const struct pairs *p)
{
    double t0 = bench_now_ns();
    for (int i = 0; i < MOVES; i++) {
        uint32_t a = index_slots[p->fs[i]], b = index_slots[p->ts[i]];
        add_sub(index_entries[a].balance.w, index_entries[b].balance.w);
    }
    return (bench_now_ns() - t0) / MOVES;
}

static double time_moves(stake_ledger *l, const struct pairs *p)
{
    stake_u256 one = { { 1, 0, 0, 0 } };
    double t0 = bench_now_ns();
    for (int i = 0; i < MOVES; i++) {
        if (stake_ledger_move(l, &p->from[i], &p->to[i], &one) != STAKE_OK)
            abort();
    }
    return (bench_now_ns() - t0) / MOVES;
}

/* The floor: debit and credit two random 32-byte balances of a flat
 * array, with carries, no lookup. */
static double time_flat(stake_u256 *flat, const struct pairs *p)
{
    double t0 = bench_now_ns();
    for (int i = 0; i < MOVES; i++)
        add_sub(flat[p->fi[i]].w, flat[p->ti[i]].w);
    return (bench_now_ns() - t0) / MOVES;
}

int main(void)
{
    printf("bench_ledger: libstake %s, %s backend, %d accounts, %d transfers per round, "
           "median of %d rounds\n",
           stake_version_string(), stake_backend_name(), ACCOUNTS, MOVES, ROUNDS);
    double ins_nohint, ins_hint;
    stake_ledger *l = build(0, &ins_nohint);
    stake_ledger_free(l);
    l = build(ACCOUNTS, &ins_hint);
    printf("  %-44s %9.2f ns/op   %-28s %9.2f ns/op\n", "building: mint to a new account",
           ins_hint, "(without the hint)", ins_nohint);

    stake_u256 *flat = malloc((size_t)ACCOUNTS * sizeof *flat);
    static struct pairs p;
    if (!flat)
        abort();
    for (size_t i = 0; i < ACCOUNTS; i++) {
        stake_u256 v = { { 1000000000000000000ULL, 0, 0, 0 } };
        flat[i] = v;
    }
    index_slots = malloc((size_t)INDEX_SLOTS * sizeof *index_slots);
    index_entries = calloc(ACCOUNTS, sizeof *index_entries);
    if (!index_slots || !index_entries)
        abort();
    for (size_t i = 0; i < INDEX_SLOTS; i++)
        index_slots[i] = (uint32_t)(bench_rand() % ACCOUNTS);
    for (size_t i = 0; i < ACCOUNTS; i++)
        index_entries[i].balance.w[0] = 1000000000000000000ULL;

    double mv[ROUNDS], base[ROUNDS], idx[ROUNDS];
    draw(&p);
    time_moves(l, &p);   /* warm up */
    time_flat(flat, &p);
    time_index(&p);
    /* Rotate the order each round so that no variant always runs right
     * after another. */
    for (int r = 0; r < ROUNDS; r++) {
        draw(&p);
        for (int k = 0; k < 3; k++) {
            switch ((r + k) % 3) {
            case 0: mv[r] = time_moves(l, &p); break;
            case 1: base[r] = time_flat(flat, &p); break;
            default: idx[r] = time_index(&p); break;
            }
        }
    }
    if (stake_ledger_check(l) != STAKE_OK)
        abort();
    double m = bench_median(mv, ROUNDS);
    bench_report("transfer (stake_ledger_move), random pairs", m,
                 "flat array: 2 random 32B upd.", bench_median(base, ROUNDS),
                 "floor of any layout (pipelined)");
    bench_report("transfer (stake_ledger_move), random pairs", m,
                 "uint32 index -> 56B entries", bench_median(idx, ROUNDS),
                 "floor of a hashed index (pipelined)");
    bench_sink ^= flat[bench_rand() % ACCOUNTS].w[0] ^ index_entries[0].balance.w[0];
    free(flat);
    free(index_slots);
    free(index_entries);
    stake_ledger_free(l);
    return 0;
}
