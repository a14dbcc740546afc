/*
 * Internal: primitives on little-endian arrays of 64-bit limbs.
 *
 * Everything here is static inline so that the hot paths (mulDiv, batch
 * conversions) compile to straight-line code with no calls. Lengths are
 * small (at most 8 limbs), so plain loops unroll well.
 */
#ifndef STAKE_CORE_LIMBS_H
#define STAKE_CORE_LIMBS_H

#include <stdint.h>
#include <string.h>

typedef uint64_t limb;
typedef unsigned __int128 dlimb;

#define LIMB_BITS 64
#define LIMB_MAX UINT64_MAX

/* Number of significant limbs of a[0..n), 0 for zero. */
static inline int limbs_len(const limb *a, int n)
{
    while (n > 0 && a[n - 1] == 0)
        n--;
    return n;
}

/* Leading zero bits of a non-zero limb. */
static inline int limb_clz(limb x)
{
    return __builtin_clzll(x);
}

/* a + b + *carry, *carry in {0, 1} becoming the carry out, and
 * a - b - *borrow likewise. On x86-64 the carry intrinsics become adc and
 * sbb chains; the overflow builtins elsewhere. Either way the compiler
 * keeps limbs in registers, where 128-bit arithmetic would spill. */
#if defined(__x86_64__) && !defined(STAKE_NO_ASM)
#include <x86intrin.h>

static inline limb limb_add_carry(limb a, limb b, limb *carry)
{
    unsigned long long s;
    *carry = _addcarry_u64((unsigned char)*carry, a, b, &s);
    return s;
}

static inline limb limb_sub_borrow(limb a, limb b, limb *borrow)
{
    unsigned long long d;
    *borrow = _subborrow_u64((unsigned char)*borrow, a, b, &d);
    return d;
}
#else
static inline limb limb_add_carry(limb a, limb b, limb *carry)
{
    limb s, t;
    limb c1 = __builtin_add_overflow(a, b, &s);
    limb c2 = __builtin_add_overflow(s, *carry, &t);
    *carry = c1 | c2;
    return t;
}

static inline limb limb_sub_borrow(limb a, limb b, limb *borrow)
{
    limb d, e;
    limb b1 = __builtin_sub_overflow(a, b, &d);
    limb b2 = __builtin_sub_overflow(d, *borrow, &e);
    *borrow = b1 | b2;
    return e;
}
#endif

/* -1, 0, 1 comparing a[0..n) with b[0..n). */
static inline int limbs_cmp(const limb *a, const limb *b, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

/* r = a + b over n limbs; returns the carry out. r may alias a or b. */
static inline limb limbs_add(limb *r, const limb *a, const limb *b, int n)
{
    limb carry = 0;
    for (int i = 0; i < n; i++) {
        dlimb s = (dlimb)a[i] + b[i] + carry;
        r[i] = (limb)s;
        carry = (limb)(s >> 64);
    }
    return carry;
}

/* r = a - b over n limbs; returns the borrow out. r may alias a or b. */
static inline limb limbs_sub(limb *r, const limb *a, const limb *b, int n)
{
    limb borrow = 0;
    for (int i = 0; i < n; i++) {
        limb ai = a[i], bi = b[i];
        limb d = ai - bi - borrow;
        borrow = (ai < bi) | ((ai == bi) & borrow);
        r[i] = d;
    }
    return borrow;
}

/* r[0..an+bn) = a[0..an) * b[0..bn). r must not alias a or b. */
static inline void limbs_mul(limb *r, const limb *a, int an, const limb *b, int bn)
{
    for (int i = 0; i < an + bn; i++)
        r[i] = 0;
    for (int i = 0; i < an; i++) {
        limb carry = 0;
        for (int j = 0; j < bn; j++) {
            dlimb t = (dlimb)a[i] * b[j] + r[i + j] + carry;
            r[i + j] = (limb)t;
            carry = (limb)(t >> 64);
        }
        r[i + bn] = carry;
    }
}

/* r[0..4) = a * b modulo 2^256: a plain (pre-0.8, unchecked) Solidity
 * multiplication. r may alias a or b. */
static inline void limbs_mul_low4(limb r[4], const limb a[4], const limb b[4])
{
    limb t[4] = { 0, 0, 0, 0 };
    for (int i = 0; i < 4; i++) {
        limb carry = 0;
        for (int j = 0; i + j < 4; j++) {
            dlimb p = (dlimb)a[i] * b[j] + t[i + j] + carry;
            t[i + j] = (limb)p;
            carry = (limb)(p >> 64);
        }
    }
    memcpy(r, t, sizeof t);
}

/* r = a << s over n limbs (0 <= s < 64); returns the bits shifted out. */
static inline limb limbs_shl(limb *r, const limb *a, int n, int s)
{
    if (s == 0) {
        memmove(r, a, (size_t)n * sizeof(limb));
        return 0;
    }
    limb out = a[n - 1] >> (64 - s);
    for (int i = n - 1; i > 0; i--)
        r[i] = (a[i] << s) | (a[i - 1] >> (64 - s));
    r[0] = a[0] << s;
    return out;
}

/* r = a >> s over n limbs (0 <= s < 64). */
static inline void limbs_shr(limb *r, const limb *a, int n, int s)
{
    if (s == 0) {
        memmove(r, a, (size_t)n * sizeof(limb));
        return;
    }
    for (int i = 0; i < n - 1; i++)
        r[i] = (a[i] >> s) | (a[i + 1] << (64 - s));
    r[n - 1] = a[n - 1] >> s;
}

/* True if any of a[0..n) is non-zero. */
static inline int limbs_nonzero(const limb *a, int n)
{
    limb acc = 0;
    for (int i = 0; i < n; i++)
        acc |= a[i];
    return acc != 0;
}

#endif /* STAKE_CORE_LIMBS_H */
