/*
 * Differential test of the numeric core: for each of N random cases
 * (default 1,000,000) it computes a * b / c and a / c four ways and
 * requires identical results, status codes included:
 *
 *   - the GMP backend (mpn) and the libtommath backend, both linked here;
 *   - the portable limb code of lib/core, for every product width;
 *   - a bit-at-a-time shift-and-subtract reference that shares no code
 *     with the others;
 *
 * and then checks the public stake_u256_muldiv / divmod / mul / add / sub
 * of the library being built against the reference. So the GMP build and
 * the libtommath build are shown to give the same result on every case.
 *
 * Operands are drawn from classes covering the whole range: zero, one,
 * small, realistic wei amounts (2^60..2^120), rates (1e24..1e27 scale),
 * uniform random widths, values near 2^256, and structured limb patterns
 * (all ones, single bits, 2^k +- 1) that stress the division's
 * correction steps.
 *
 * Usage: bignum_diff [cases [seed]]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stake.h>
#include "core/muldiv.h"
#include "bignum/bignum.h"

/* ---- random numbers: xoshiro256** ------------------------------------------ */

static uint64_t rng_s[4];

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(void)
{
    uint64_t result = rotl(rng_s[1] * 5, 7) * 9;
    uint64_t t = rng_s[1] << 17;
    rng_s[2] ^= rng_s[0];
    rng_s[3] ^= rng_s[1];
    rng_s[1] ^= rng_s[2];
    rng_s[0] ^= rng_s[3];
    rng_s[2] ^= t;
    rng_s[3] = rotl(rng_s[3], 45);
    return result;
}

static void rng_seed(uint64_t seed)
{
    /* splitmix64 to spread the seed over the state */
    for (int i = 0; i < 4; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        rng_s[i] = z ^ (z >> 31);
    }
}

static uint64_t rng_below(uint64_t n)
{
    return rng_next() % n;
}

/* ---- operand generation ---------------------------------------------------------- */

/* A random value of exactly `bits` significant bits (0 gives zero). */
static void random_bits(uint64_t v[4], int bits)
{
    memset(v, 0, 4 * sizeof v[0]);
    if (bits == 0)
        return;
    for (int i = 0; i < (bits + 63) / 64; i++)
        v[i] = rng_next();
    int top = (bits - 1) / 64, off = (bits - 1) % 64;
    if (off < 63)
        v[top] &= (UINT64_C(1) << (off + 1)) - 1;
    v[top] |= UINT64_C(1) << off;
}

enum { CLASS_ZERO, CLASS_ONE, CLASS_SMALL, CLASS_WEI, CLASS_RATE, CLASS_UNIFORM,
       CLASS_NEAR_MAX, CLASS_STRUCTURED, CLASS_COUNT };

static const char *class_names[CLASS_COUNT] = {
    "zero", "one", "small", "wei", "rate", "uniform", "near-2^256", "structured"
};

static void structured(uint64_t v[4])
{
    static const uint64_t limbs[] = {
        0, 1, 2, UINT64_MAX, UINT64_MAX - 1, UINT64_C(1) << 63, (UINT64_C(1) << 63) - 1,
        (UINT64_C(1) << 63) + 1, UINT64_C(0x00000000ffffffff), UINT64_C(0xffffffff00000000),
    };
    int n = 1 + (int)rng_below(4);
    memset(v, 0, 4 * sizeof v[0]);
    for (int i = 0; i < n; i++)
        v[i] = limbs[rng_below(sizeof limbs / sizeof limbs[0])];
}

static int random_operand(uint64_t v[4])
{
    int cls = (int)rng_below(100);
    /* weights: realistic magnitudes dominate, every class is frequent */
    if (cls < 3) cls = CLASS_ZERO;
    else if (cls < 5) cls = CLASS_ONE;
    else if (cls < 15) cls = CLASS_SMALL;
    else if (cls < 40) cls = CLASS_WEI;
    else if (cls < 55) cls = CLASS_RATE;
    else if (cls < 75) cls = CLASS_UNIFORM;
    else if (cls < 87) cls = CLASS_NEAR_MAX;
    else cls = CLASS_STRUCTURED;

    switch (cls) {
    case CLASS_ZERO: random_bits(v, 0); break;
    case CLASS_ONE: random_bits(v, 0); v[0] = 1; break;
    case CLASS_SMALL: random_bits(v, 1 + (int)rng_below(64)); break;
    case CLASS_WEI: random_bits(v, 60 + (int)rng_below(61)); break;
    case CLASS_RATE: random_bits(v, 80 + (int)rng_below(10)); break;   /* ~1e24..1e27 */
    case CLASS_UNIFORM: random_bits(v, 1 + (int)rng_below(256)); break;
    case CLASS_NEAR_MAX: {
        uint64_t d[4];
        random_bits(d, (int)rng_below(70));
        for (int i = 0; i < 4; i++)
            v[i] = ~d[i];    /* 2^256 - 1 - d */
        break;
    }
    default: structured(v); break;
    }
    return cls;
}

/* ---- the independent reference ------------------------------------------------------- */

static int bit_of(const uint64_t *a, int i)
{
    return (int)((a[i / 64] >> (i % 64)) & 1);
}

/* 512-bit product by shift-and-add, one bit of b at a time. */
static void ref_mul(uint64_t p[8], const uint64_t a[4], const uint64_t b[4])
{
    memset(p, 0, 8 * sizeof p[0]);
    for (int i = 0; i < 256; i++) {
        if (!bit_of(b, i))
            continue;
        /* p += a << i */
        uint64_t sh[8] = { 0 };
        int limbs = i / 64, bits = i % 64;
        for (int k = 0; k < 4; k++) {
            sh[k + limbs] |= a[k] << bits;
            if (bits && k + limbs + 1 < 8)
                sh[k + limbs + 1] |= a[k] >> (64 - bits);
        }
        uint64_t carry = 0;
        for (int k = 0; k < 8; k++) {
            uint64_t s = p[k] + sh[k];
            uint64_t c1 = s < p[k];
            uint64_t s2 = s + carry;
            uint64_t c2 = s2 < s;
            p[k] = s2;
            carry = c1 | c2;
        }
    }
}

/* Long division of the 512-bit p by c, one bit at a time. */
static stake_rc ref_divrem(uint64_t q[4], uint64_t r[4], const uint64_t p[8], const uint64_t c[4])
{
    if ((c[0] | c[1] | c[2] | c[3]) == 0)
        return STAKE_EDIVZERO;
    uint64_t quot[8] = { 0 }, rem[5] = { 0 };
    for (int i = 511; i >= 0; i--) {
        for (int k = 4; k > 0; k--)
            rem[k] = (rem[k] << 1) | (rem[k - 1] >> 63);
        rem[0] = (rem[0] << 1) | (uint64_t)bit_of(p, i);
        /* rem >= c ? (c has a zero fifth limb) */
        int ge = rem[4] != 0;
        if (!ge) {
            ge = 1;
            for (int k = 3; k >= 0; k--) {
                if (rem[k] != c[k]) {
                    ge = rem[k] > c[k];
                    break;
                }
            }
        }
        if (ge) {
            uint64_t borrow = 0;
            for (int k = 0; k < 5; k++) {
                uint64_t ck = k < 4 ? c[k] : 0;
                uint64_t d = rem[k] - ck - borrow;
                borrow = (rem[k] < ck) | ((rem[k] == ck) & borrow);
                rem[k] = d;
            }
            quot[i / 64] |= UINT64_C(1) << (i % 64);
        }
    }
    if (quot[4] | quot[5] | quot[6] | quot[7])
        return STAKE_EOVERFLOW;
    memcpy(q, quot, 4 * sizeof q[0]);
    memcpy(r, rem, 4 * sizeof r[0]);
    return STAKE_OK;
}

/* ---- comparison ------------------------------------------------------------------------ */

static unsigned long long failures;
static uint64_t digest = 0xcbf29ce484222325ULL;   /* FNV-1a over every result */

static void fold(const uint64_t *v, int n, stake_rc rc)
{
    for (int i = 0; i < n; i++) {
        digest ^= v[i];
        digest *= 0x100000001b3ULL;
    }
    digest ^= (uint64_t)(int64_t)rc;
    digest *= 0x100000001b3ULL;
}

static void print_hex(const char *label, const uint64_t v[4])
{
    fprintf(stderr, "  %s = 0x%016" PRIx64 "%016" PRIx64 "%016" PRIx64 "%016" PRIx64 "\n",
            label, v[3], v[2], v[1], v[0]);
}

static void mismatch(const char *what, unsigned long long n, const uint64_t a[4],
                     const uint64_t b[4], const uint64_t c[4], stake_rc want, stake_rc got)
{
    if (failures++ < 10) {
        fprintf(stderr, "MISMATCH in %s at case %llu: expected %s, got %s\n", what, n,
                stake_errname(want), stake_errname(got));
        print_hex("a", a);
        print_hex("b", b);
        print_hex("c", c);
    }
}

static int same(stake_rc rc1, const uint64_t q1[4], const uint64_t r1[4],
                stake_rc rc2, const uint64_t q2[4], const uint64_t r2[4])
{
    if (rc1 != rc2)
        return 0;
    if (rc1 != STAKE_OK)
        return 1;
    return memcmp(q1, q2, 4 * sizeof q1[0]) == 0 && (!r1 || memcmp(r1, r2, 4 * sizeof r1[0]) == 0);
}

int main(int argc, char **argv)
{
    unsigned long long cases = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000ULL;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : UINT64_C(0x5eed15a11c0ffee);
    rng_seed(seed);

    unsigned long long per_class[CLASS_COUNT] = { 0 };
    unsigned long long refused = 0, wide = 0;
    const uint64_t one[4] = { 1, 0, 0, 0 };

    for (unsigned long long n = 0; n < cases; n++) {
        uint64_t a[4], b[4], c[4];
        per_class[random_operand(a)]++;
        per_class[random_operand(b)]++;
        per_class[random_operand(c)]++;
        /* Make the interesting boundary likely: c just above or below the
         * product's high half, where the overflow refusal flips. */
        if (rng_below(16) == 0) {
            uint64_t p[8];
            ref_mul(p, a, b);
            memcpy(c, p + 4, sizeof c);
            if (rng_below(2) && (c[0] | c[1] | c[2] | c[3]) != 0) {
                for (int k = 0; k < 4 && ++c[k] == 0; k++)
                    ;
            }
        }

        uint64_t p[8], rq[4] = { 0 }, rr[4] = { 0 };
        ref_mul(p, a, b);
        wide += (p[4] | p[5] | p[6] | p[7]) != 0;
        stake_rc rrc = ref_divrem(rq, rr, p, c);
        refused += rrc != STAKE_OK;
        fold(rq, 4, rrc);
        fold(rr, 4, rrc);

        /* Floor: the backends and the portable code against the reference,
         * remainder included. */
        uint64_t q[4], r[4];
        stake_rc rc = stake__bn_gmp_muldivrem(q, r, a, b, c, 0);
        if (!same(rrc, rq, rr, rc, q, r))
            mismatch("gmp backend, floor", n, a, b, c, rrc, rc);
        rc = stake__bn_tommath_muldivrem(q, r, a, b, c, 0);
        if (!same(rrc, rq, rr, rc, q, r))
            mismatch("tommath backend, floor", n, a, b, c, rrc, rc);
        rc = stake__muldivrem_portable(q, r, a, b, c, 0);
        if (!same(rrc, rq, rr, rc, q, r))
            mismatch("portable limb code, floor", n, a, b, c, rrc, rc);

        stake_u256 A, B, C, out;
        memcpy(A.w, a, sizeof A.w);
        memcpy(B.w, b, sizeof B.w);
        memcpy(C.w, c, sizeof C.w);
        rc = stake_u256_muldiv(&out, &A, &B, &C, STAKE_ROUND_FLOOR);
        if (!same(rrc, rq, NULL, rc, out.w, NULL))
            mismatch("stake_u256_muldiv floor", n, a, b, c, rrc, rc);

        /* Ceil, defined the way Solidity computes it: the floor plus one
         * when inexact, refused if that passes 2^256 - 1. (The library's
         * hot path computes floor((a*b + c - 1) / c) instead.) */
        uint64_t up[4];
        stake_rc uprc = rrc;
        memcpy(up, rq, sizeof up);
        if (rrc == STAKE_OK && (rr[0] | rr[1] | rr[2] | rr[3])) {
            int k = 0;
            while (k < 4 && ++up[k] == 0)
                k++;
            if (k == 4)
                uprc = STAKE_EOVERFLOW;
        }
        rc = stake_u256_muldiv(&out, &A, &B, &C, STAKE_ROUND_CEIL);
        if (!same(uprc, up, NULL, rc, out.w, NULL))
            mismatch("stake_u256_muldiv ceil", n, a, b, c, uprc, rc);

        /* The backends and the portable code rounding up: the rounded
         * quotient and the true remainder. */
        rc = stake__bn_gmp_muldivrem(q, r, a, b, c, 1);
        if (!same(uprc, up, rr, rc, q, r))
            mismatch("gmp backend, ceil", n, a, b, c, uprc, rc);
        rc = stake__bn_tommath_muldivrem(q, r, a, b, c, 1);
        if (!same(uprc, up, rr, rc, q, r))
            mismatch("tommath backend, ceil", n, a, b, c, uprc, rc);
        rc = stake__muldivrem_portable(q, r, a, b, c, 1);
        if (!same(uprc, up, rr, rc, q, r))
            mismatch("portable limb code, ceil", n, a, b, c, uprc, rc);

        /* a / c and a mod c: the reference with b = 1. */
        uint64_t pa[8];
        ref_mul(pa, a, one);
        uint64_t dq[4] = { 0 }, dr[4] = { 0 };
        stake_rc drc = ref_divrem(dq, dr, pa, c);
        stake_u256 Q, R;
        rc = stake_u256_divmod(&Q, &R, &A, &C);
        if (!same(drc, dq, dr, rc, Q.w, R.w))
            mismatch("stake_u256_divmod", n, a, one, c, drc, rc);

        /* a * b checked against the reference product. */
        stake_rc mrc = (p[4] | p[5] | p[6] | p[7]) ? STAKE_EOVERFLOW : STAKE_OK;
        rc = stake_u256_mul(&out, &A, &B);
        if (!same(mrc, p, NULL, rc, out.w, NULL))
            mismatch("stake_u256_mul", n, a, b, c, mrc, rc);
    }

    printf("bignum_diff: %llu cases, seed 0x%" PRIx64 ", library backend %s\n", cases, seed,
           stake_backend_name());
    printf("  operands by class:");
    for (int i = 0; i < CLASS_COUNT; i++)
        printf(" %s=%llu", class_names[i], per_class[i]);
    printf("\n  products wider than 256 bits: %llu; refused (div by zero or overflow): %llu\n",
           wide, refused);
    printf("  result digest: %016" PRIx64 "\n", digest);
    if (failures) {
        printf("bignum_diff: FAILED, %llu mismatches\n", failures);
        return 1;
    }
    printf("bignum_diff: gmp, tommath, portable and reference agree on every case\n");
    return 0;
}
