/*
 * Internal: the dense hash map under the ledger's accounts and
 * allowances.
 *
 * Entries live in one dense array, in insertion order, which is the
 * iteration order callers see and the order snapshots are written in (so
 * that a snapshot's bytes do not depend on the random hash key). A
 * separate index of uint32 slots, open addressing with linear probing,
 * maps a key to its entry. Entries are never removed, so there are no
 * tombstones.
 *
 * A slot is 0 when empty. Otherwise, with nslots = 2^b, its low b bits
 * hold i + 1 for entry i (the load is at most 3/4, so i + 1 < 2^b) and
 * its high 32 - b bits hold the high 32 - b bits of the entry's hash: the
 * bits the slot position does not already imply. A probe that meets
 * another key's slot is rejected from the index alone (at ten million
 * accounts 8 tag bits remain: a false match once in 256), instead of
 * costing a cache miss in the dense array.
 *
 * Every entry has the same layout, described by its size and key length:
 *
 *   offset 0          stake_u256 value     (fixed offset: the conversion
 *                                           engine strides over it)
 *   offset 32         key, klen bytes
 *   offset 32 + klen  uint32 hash          (the low 32 bits of the keyed
 *                                           hash, so that growing the
 *                                           index never re-hashes keys)
 *
 * The hash being 32 bits caps the index at 2^32 slots, and so the entries
 * at 3 * 2^30; both are far beyond any chain.
 */
#ifndef STAKE_LEDGER_DMAP_H
#define STAKE_LEDGER_DMAP_H

#include <stddef.h>
#include <stdint.h>
#include "stake/u256.h"

#define STAKE__DMAP_KEY_OFFSET 32
#define STAKE__DMAP_NONE SIZE_MAX

typedef struct stake__dmap {
    unsigned char *entries;  /* cap entries of esize bytes, count in use */
    uint32_t *slots;         /* nslots (a power of two) or NULL when empty */
    size_t count, cap, nslots;
    unsigned bits;           /* log2(nslots) */
    size_t esize, klen;
    uint64_t k0, k1;         /* the secret hash key */
} stake__dmap;

void stake__dmap_init(stake__dmap *m, size_t esize, size_t klen, uint64_t k0, uint64_t k1);
void stake__dmap_free(stake__dmap *m);

/* The 32-bit keyed hash of a key of m->klen bytes. */
uint32_t stake__dmap_hash(const stake__dmap *m, const void *key);

/* Index of the entry with this key (hash from stake__dmap_hash), or
 * STAKE__DMAP_NONE. */
size_t stake__dmap_find(const stake__dmap *m, const void *key, uint32_t hash);

/* Lookups on a large map are bound by cache misses: the home slot, then
 * the entry. A caller about to do two lookups (a transfer) starts both
 * slot loads, then both entry loads, so that the misses overlap instead
 * of queueing. Hints only: they never fault and change nothing. */
static inline void stake__dmap_prefetch_slot(const stake__dmap *m, uint32_t hash)
{
    if (m->nslots)
        __builtin_prefetch(&m->slots[hash & (m->nslots - 1)]);
}

static inline void stake__dmap_prefetch_entry(const stake__dmap *m, uint32_t hash)
{
    if (!m->nslots)
        return;
    uint32_t v = m->slots[hash & (m->nslots - 1)];
    size_t i1 = v & (uint32_t)(m->nslots - 1);
    if (i1 != 0) {
        const unsigned char *e = m->entries + (i1 - 1) * m->esize;
        __builtin_prefetch(e);
        __builtin_prefetch(e + m->esize - 1);   /* entries straddle cache lines */
    }
}

/* Makes room for one more entry, growing the dense array by a quarter
 * and doubling the index at load 3/4. STAKE_OK or STAKE_ENOMEM; on failure
 * the map's contents are unchanged (a dense array that did grow stays
 * grown, which nobody can observe but stake_ledger_memory()). */
stake_rc stake__dmap_reserve_one(stake__dmap *m);

/* Makes room for n entries in all, sized exactly: for size hints, clones
 * and decoding, where the final count is known. */
stake_rc stake__dmap_reserve(stake__dmap *m, size_t n);

/* Appends an entry with this key and a zero value; the caller has made
 * room and checked that the key is absent. Returns its index. */
size_t stake__dmap_append(stake__dmap *m, const void *key, uint32_t hash);

/* Value and key of entry i. */
static inline stake_u256 *stake__dmap_value(const stake__dmap *m, size_t i)
{
    return (stake_u256 *)(void *)(m->entries + i * m->esize);
}

static inline const unsigned char *stake__dmap_key(const stake__dmap *m, size_t i)
{
    return m->entries + i * m->esize + STAKE__DMAP_KEY_OFFSET;
}

/* dst (uninitialised) becomes an independent copy of src with the same
 * key, so that the index is copied rather than rebuilt. */
stake_rc stake__dmap_clone(stake__dmap *dst, const stake__dmap *src);

/* STAKE_OK if every entry is found through the index at its own position
 * under its recomputed hash, and the index holds nothing else;
 * STAKE_ECORRUPT otherwise. */
stake_rc stake__dmap_check(const stake__dmap *m);

/* Bytes allocated by the map, the struct itself excluded. */
size_t stake__dmap_memory(const stake__dmap *m);

#endif /* STAKE_LEDGER_DMAP_H */
