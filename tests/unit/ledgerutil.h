/*
 * Helpers for the ledger and snapshot tests: numbered addresses and a
 * digest of a ledger's whole observable state, computed without
 * allocating (the allocation-failure tests take it while failmalloc is
 * armed).
 */
#ifndef STAKE_LEDGERUTIL_H
#define STAKE_LEDGERUTIL_H

#include <stdint.h>
#include <string.h>
#include <stake.h>

/* Address number n: distinct for distinct n, with n spread over all the
 * bytes so that addresses do not share long prefixes. */
static inline stake_address addr_n(uint64_t n)
{
    stake_address a;
    uint64_t z = n * 0x9e3779b97f4a7c15ULL + 0x1234567;
    for (int i = 0; i < STAKE_ADDRESS_BYTES; i++) {
        a.bytes[i] = (uint8_t)(z >> (8 * (i % 8)));
        if (i % 8 == 7)
            z = z * 0xbf58476d1ce4e5b9ULL + n;
    }
    /* The last four bytes carry n itself, which keeps them unique. */
    a.bytes[16] = (uint8_t)(n >> 24);
    a.bytes[17] = (uint8_t)(n >> 16);
    a.bytes[18] = (uint8_t)(n >> 8);
    a.bytes[19] = (uint8_t)n;
    return a;
}

static inline uint64_t digest_mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;   /* FNV-1a */
    return h;
}

/* Digest of count, total, every account in order with its balance, the
 * allowances between the first `pairs` numbered addresses, and the
 * result of stake_ledger_check(). */
static inline uint64_t ledger_digest(const stake_ledger *l, uint64_t pairs)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t n = stake_ledger_count(l);
    stake_u256 v;
    h = digest_mix(h, &n, sizeof n);
    if (stake_ledger_total(&v, l) != STAKE_OK)
        return 0;
    h = digest_mix(h, &v, sizeof v);
    for (size_t i = 0; i < n; i++) {
        stake_address a;
        if (stake_ledger_account_at(&a, &v, l, i) != STAKE_OK)
            return 0;
        h = digest_mix(h, &a, sizeof a);
        h = digest_mix(h, &v, sizeof v);
    }
    for (uint64_t i = 0; i < pairs; i++) {
        for (uint64_t j = 0; j < pairs; j++) {
            stake_address o = addr_n(i), s = addr_n(j);
            if (stake_ledger_allowance(&v, l, &o, &s) != STAKE_OK)
                return 0;
            h = digest_mix(h, &v, sizeof v);
        }
    }
    stake_rc rc = stake_ledger_check(l);
    return digest_mix(h, &rc, sizeof rc);
}

#endif /* STAKE_LEDGERUTIL_H */
