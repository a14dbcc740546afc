/*
 * The dense hash map: a dense array of entries in insertion order and an
 * index of uint32 slots with linear probing (see dmap.h for the layout).
 *
 * Sizing, for the ledger's memory budget: an account entry is 56 bytes
 * and the index costs 4 bytes per slot at a load of at most 3/4. Sized
 * from a hint, the dense array is exact and the index is the smallest
 * power of two that keeps the load at or below 3/4 (about 63 bytes per
 * account at ten million). Without a hint the dense array grows by a
 * quarter, not double, so that its slack stays under 25%: with the index
 * (doubled at load 3/4, 5.3 to 10.7 bytes per account) that is 62 to 81
 * bytes per account wherever the count falls between two growths, 65 at
 * ten million. The more frequent growths are cheap: glibc's realloc moves
 * large blocks by remapping pages rather than copying them, and the copy
 * of smaller ones stays amortised O(1) (four entries copied per entry
 * added, at worst).
 */
#include <stdlib.h>
#include <string.h>

#include "dmap.h"
#include "siphash.h"

#define MIN_ENTRIES 8
#define MIN_SLOTS 16
/* The most entries the uint32 slots (i + 1) and a 2^32-slot index at load
 * 3/4 can address. */
#define MAX_ENTRIES ((size_t)3 << 30)
#define MAX_SLOTS ((size_t)1 << 31 << 1)

void stake__dmap_init(stake__dmap *m, size_t esize, size_t klen, uint64_t k0, uint64_t k1)
{
    memset(m, 0, sizeof *m);
    m->esize = esize;
    m->klen = klen;
    m->k0 = k0;
    m->k1 = k1;
}

void stake__dmap_free(stake__dmap *m)
{
    free(m->entries);
    free(m->slots);
    m->entries = NULL;
    m->slots = NULL;
    m->count = m->cap = m->nslots = 0;
    m->bits = 0;
}

uint32_t stake__dmap_hash(const stake__dmap *m, const void *key)
{
    return (uint32_t)stake__siphash13(m->k0, m->k1, key, m->klen);
}

static uint32_t entry_hash(const stake__dmap *m, size_t i)
{
    uint32_t h;
    memcpy(&h, m->entries + i * m->esize + STAKE__DMAP_KEY_OFFSET + m->klen, sizeof h);
    return h;
}

/* The slot value of entry i with this hash in an index of 2^bits slots:
 * the hash bits above the position, then i + 1. */
static uint32_t slot_value(uint32_t hash, size_t i, unsigned bits)
{
    uint64_t tag = (uint64_t)hash >> bits;
    return (uint32_t)((tag << bits) | (uint64_t)(i + 1));
}

size_t stake__dmap_find(const stake__dmap *m, const void *key, uint32_t hash)
{
    if (m->nslots == 0)
        return STAKE__DMAP_NONE;
    size_t mask = m->nslots - 1;
    uint32_t tag = (uint32_t)((uint64_t)hash >> m->bits);
    for (size_t s = hash & mask;; s = (s + 1) & mask) {
        uint32_t v = m->slots[s];
        if (v == 0)
            return STAKE__DMAP_NONE;
        if ((uint32_t)((uint64_t)v >> m->bits) != tag)
            continue;
        size_t i = (size_t)(v & mask) - 1;
        if (entry_hash(m, i) == hash && memcmp(stake__dmap_key(m, i), key, m->klen) == 0)
            return i;
    }
}

/* Puts entry i into the first free slot of its probe sequence. */
static void place(uint32_t *slots, size_t nslots, unsigned bits, uint32_t hash, size_t i)
{
    size_t mask = nslots - 1;
    size_t s = hash & mask;
    while (slots[s] != 0)
        s = (s + 1) & mask;
    slots[s] = slot_value(hash, i, bits);
}

static unsigned log2_of(size_t pow2)
{
    unsigned b = 0;
    while (((size_t)1 << b) < pow2)
        b++;
    return b;
}

/* Smallest power-of-two slot count keeping n entries at load <= 3/4. */
static size_t slots_for(size_t n)
{
    size_t want = n + (n + 2) / 3;     /* ceil(4n / 3) without overflow */
    size_t s = MIN_SLOTS;
    while (s < want)
        s *= 2;
    return s;
}

static stake_rc resize_entries(stake__dmap *m, size_t cap)
{
    if (cap <= m->cap)
        return STAKE_OK;
    if (cap > MAX_ENTRIES || cap > SIZE_MAX / m->esize)
        return STAKE_ENOMEM;
    /* realloc keeps the old block on failure, and for large blocks glibc
     * moves pages (mremap) instead of copying them. */
    unsigned char *p = realloc(m->entries, cap * m->esize);
    if (!p)
        return STAKE_ENOMEM;
    m->entries = p;
    m->cap = cap;
    return STAKE_OK;
}

static stake_rc resize_slots(stake__dmap *m, size_t nslots)
{
    if (nslots <= m->nslots)
        return STAKE_OK;
    if (nslots > MAX_SLOTS || nslots > SIZE_MAX / sizeof(uint32_t))
        return STAKE_ENOMEM;
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return STAKE_ENOMEM;
    unsigned bits = log2_of(nslots);
    for (size_t i = 0; i < m->count; i++)
        place(slots, nslots, bits, entry_hash(m, i), i);
    free(m->slots);
    m->slots = slots;
    m->nslots = nslots;
    m->bits = bits;
    return STAKE_OK;
}

stake_rc stake__dmap_reserve(stake__dmap *m, size_t n)
{
    if (n > MAX_ENTRIES)
        return STAKE_ENOMEM;
    /* The index first: if the dense array then fails, nothing visible has
     * changed either way. */
    stake_rc rc = resize_slots(m, slots_for(n));
    if (rc == STAKE_OK)
        rc = resize_entries(m, n);
    return rc;
}

stake_rc stake__dmap_reserve_one(stake__dmap *m)
{
    size_t n = m->count + 1;
    if (n > MAX_ENTRIES)
        return STAKE_ENOMEM;
    if (n > m->cap) {
        size_t cap = m->cap < MIN_ENTRIES ? MIN_ENTRIES : m->cap + m->cap / 4;
        if (cap > MAX_ENTRIES)
            cap = MAX_ENTRIES;
        stake_rc rc = resize_entries(m, cap);
        if (rc != STAKE_OK)
            return rc;
    }
    if (n > m->nslots / 4 * 3) {
        size_t nslots = m->nslots ? m->nslots * 2 : MIN_SLOTS;
        return resize_slots(m, nslots);
    }
    return STAKE_OK;
}

size_t stake__dmap_append(stake__dmap *m, const void *key, uint32_t hash)
{
    size_t i = m->count;
    unsigned char *e = m->entries + i * m->esize;
    memset(e, 0, m->esize);
    memcpy(e + STAKE__DMAP_KEY_OFFSET, key, m->klen);
    memcpy(e + STAKE__DMAP_KEY_OFFSET + m->klen, &hash, sizeof hash);
    place(m->slots, m->nslots, m->bits, hash, i);
    m->count = i + 1;
    return i;
}

stake_rc stake__dmap_clone(stake__dmap *dst, const stake__dmap *src)
{
    stake__dmap_init(dst, src->esize, src->klen, src->k0, src->k1);
    if (src->count == 0)
        return STAKE_OK;
    /* Dense array sized exactly, index copied as is (same key, same
     * slot count): no re-hashing. */
    dst->entries = malloc(src->count * src->esize);
    dst->slots = malloc(src->nslots * sizeof *dst->slots);
    if (!dst->entries || !dst->slots) {
        stake__dmap_free(dst);
        return STAKE_ENOMEM;
    }
    memcpy(dst->entries, src->entries, src->count * src->esize);
    memcpy(dst->slots, src->slots, src->nslots * sizeof *dst->slots);
    dst->count = dst->cap = src->count;
    dst->nslots = src->nslots;
    dst->bits = src->bits;
    return STAKE_OK;
}

stake_rc stake__dmap_check(const stake__dmap *m)
{
    if (m->count > m->cap)
        return STAKE_ECORRUPT;
    if (m->count == 0)
        return STAKE_OK;
    if (m->nslots == 0 || (m->nslots & (m->nslots - 1)) != 0 ||
        m->count > m->nslots / 4 * 3 || !m->slots || !m->entries)
        return STAKE_ECORRUPT;
    if (((size_t)1 << m->bits) != m->nslots)
        return STAKE_ECORRUPT;
    size_t mask = m->nslots - 1, used = 0;
    for (size_t s = 0; s < m->nslots; s++) {
        uint32_t v = m->slots[s];
        if (v == 0)
            continue;
        size_t i1 = v & mask;
        if (i1 == 0 || i1 > m->count || v != slot_value(entry_hash(m, i1 - 1), i1 - 1, m->bits))
            return STAKE_ECORRUPT;
        used++;
    }
    if (used != m->count)
        return STAKE_ECORRUPT;
    /* Each entry found at its own position under its recomputed hash: the
     * index reaches every entry, through distinct slots, and no key
     * appears twice (the second copy would find the first). */
    for (size_t i = 0; i < m->count; i++) {
        const unsigned char *key = stake__dmap_key(m, i);
        uint32_t h = stake__dmap_hash(m, key);
        if (h != entry_hash(m, i) || stake__dmap_find(m, key, h) != i)
            return STAKE_ECORRUPT;
    }
    return STAKE_OK;
}

size_t stake__dmap_memory(const stake__dmap *m)
{
    return m->cap * m->esize + m->nslots * sizeof(uint32_t);
}
