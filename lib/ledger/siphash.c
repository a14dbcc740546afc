/*
 * SipHash-1-3 (Aumasson and Bernstein), the keyed hash behind the
 * ledger's tables.
 *
 * Addresses are chosen by whoever sends a transaction, so an unkeyed hash
 * would let anyone mint dust to thousands of addresses that collide in
 * the table and turn every lookup into a linear scan (hash flooding).
 * With a secret per-ledger key the slot of an address cannot be predicted.
 * The 1-3 variant (one compression round, three finalization rounds) is
 * the one Rust and CPython use for their hash tables: it keeps the
 * flooding resistance at about half the cost of SipHash-2-4, which matters
 * when every transfer hashes two addresses.
 */
#include <string.h>

#include "siphash.h"

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND do {                                               \
        v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);   \
        v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                      \
        v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                      \
        v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);   \
    } while (0)

/* Little-endian load, whatever the host order: the hash of an address
 * must not depend on the machine (snapshots do not store hashes, but
 * tests compare behaviour across hosts). */
static uint64_t load_le64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

uint64_t stake__siphash13(uint64_t k0, uint64_t k1, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
    uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
    uint64_t v3 = k1 ^ 0x7465646279746573ULL;

    size_t full = len & ~(size_t)7;
    for (size_t i = 0; i < full; i += 8) {
        uint64_t m = load_le64(p + i);
        v3 ^= m;
        SIPROUND;
        v0 ^= m;
    }
    uint64_t b = (uint64_t)len << 56;
    for (size_t i = 0; i < (len & 7); i++)
        b |= (uint64_t)p[full + i] << (8 * i);
    v3 ^= b;
    SIPROUND;
    v0 ^= b;

    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}
