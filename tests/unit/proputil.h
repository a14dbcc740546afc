/*
 * Helpers for the randomized property tests: a deterministic generator,
 * amounts of realistic and extreme widths, and exact comparisons of
 * 512-bit products (to compare exchange rates without rounding).
 */
#ifndef STAKE_PROPUTIL_H
#define STAKE_PROPUTIL_H

#include <stdint.h>
#include <string.h>
#include <stake.h>

/* xorshift64*: reproducible from its seed on every platform. */
static inline uint64_t prop_next(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dULL;
}

static inline uint64_t prop_below(uint64_t *state, uint64_t n)
{
    return n ? prop_next(state) % n : 0;
}

/* A uniformly random value of exactly `bits` significant bits (0..256). */
static inline stake_u256 prop_bits(uint64_t *state, unsigned bits)
{
    stake_u256 v = { { 0, 0, 0, 0 } };
    if (bits == 0)
        return v;
    for (int i = 0; i < 4; i++)
        v.w[i] = prop_next(state);
    for (unsigned i = bits; i < 256; i++)
        v.w[i / 64] &= ~(1ULL << (i % 64));
    v.w[(bits - 1) / 64] |= 1ULL << ((bits - 1) % 64);
    return v;
}

/* An amount: mostly wei-scale values of 1e15..1e24 (50..80 bits), some
 * tiny ones, zero, and now and then a huge one. */
static inline stake_u256 prop_amount(uint64_t *state)
{
    uint64_t k = prop_below(state, 100);
    if (k < 5)
        return prop_bits(state, 0);
    if (k < 20)
        return prop_bits(state, (unsigned)prop_below(state, 12) + 1);
    if (k < 97)
        return prop_bits(state, 50 + (unsigned)prop_below(state, 31));
    return prop_bits(state, 100 + (unsigned)prop_below(state, 157));
}

/* A value no larger than max: uniform-ish below it, or max itself. */
static inline stake_u256 prop_upto(uint64_t *state, const stake_u256 *max)
{
    if (prop_below(state, 4) == 0)
        return *max;
    int top = 3;
    while (top >= 0 && max->w[top] == 0)
        top--;
    stake_u256 v = { { 0, 0, 0, 0 } };
    if (top < 0)
        return v;
    unsigned bits = (unsigned)(64 * top + 64 - __builtin_clzll(max->w[top]));
    v = prop_bits(state, (unsigned)prop_below(state, bits + 1));
    return stake_u256_cmp(&v, max) <= 0 ? v : *max;
}

/* out[0..8) = a * b exactly. */
static inline void prop_mul512(uint64_t out[8], const stake_u256 *a, const stake_u256 *b)
{
    memset(out, 0, 8 * sizeof out[0]);
    for (int i = 0; i < 4; i++) {
        unsigned __int128 carry = 0;
        for (int j = 0; j < 4; j++) {
            unsigned __int128 t = (unsigned __int128)a->w[i] * b->w[j] + out[i + j] + carry;
            out[i + j] = (uint64_t)t;
            carry = t >> 64;
        }
        out[i + 4] = (uint64_t)carry;
    }
}

/* Sign of a * b - c * d. */
static inline int prop_cmp_products(const stake_u256 *a, const stake_u256 *b,
                                    const stake_u256 *c, const stake_u256 *d)
{
    uint64_t p[8], q[8];
    prop_mul512(p, a, b);
    prop_mul512(q, c, d);
    for (int i = 7; i >= 0; i--) {
        if (p[i] != q[i])
            return p[i] < q[i] ? -1 : 1;
    }
    return 0;
}

#endif /* STAKE_PROPUTIL_H */
