/*
 * Internal: division of limb arrays by an invariant divisor.
 *
 * Hardware division is slow and its cost varies a lot between machines, so
 * the divisor is normalised once (top bit set) and inverted once into a
 * single-limb reciprocal; every quotient limb then costs two or three
 * multiplications and a couple of corrections. The algorithms are those of
 * Moeller and Granlund, "Improved division by invariant integers" (IEEE
 * Trans. Computers, 2011): 2-by-1 division with a reciprocal (their
 * algorithm 4), 3-by-2 division (algorithm 5) and the 3-by-2 reciprocal
 * (algorithm 6), driving a schoolbook long division (Knuth's algorithm D)
 * whose quotient estimates are exact for the top two divisor limbs.
 *
 * A prepared stake__divisor can be reused for any number of divisions; the
 * batch conversions do exactly that.
 */
#ifndef STAKE_CORE_LIMBDIV_H
#define STAKE_CORE_LIMBDIV_H

#include "limbs.h"

/* Largest numerator handled, in limbs: a 256 x 256-bit product. */
#define LIMBDIV_MAX_N 8
#define LIMBDIV_MAX_D 4

typedef struct stake__divisor {
    limb d[LIMBDIV_MAX_D];   /* the divisor shifted left until its top bit is set */
    int dn;                  /* significant limbs, 1..4 */
    int shift;               /* how far it was shifted, 0..63 */
    limb v;                  /* reciprocal of d[dn-1] (dn == 1) or of d[dn-1]:d[dn-2] */
} stake__divisor;

/* floor((2^128 - 1) / d) - 2^64 for a normalised d: one hardware division,
 * paid once per divisor rather than once per quotient limb. */
static inline limb limb_reciprocal(limb d)
{
#if defined(__x86_64__) && !defined(STAKE_NO_ASM)
    limb q, r;
    /* (~d):(~0) / d; the quotient fits in a limb because ~d < d. */
    __asm__("divq %4" : "=a"(q), "=d"(r) : "a"(~(limb)0), "d"(~d), "rm"(d) : "cc");
    (void)r;
    return q;
#else
    return (limb)(((((dlimb)~d) << 64) | ~(limb)0) / d);
#endif
}

/* The 3-by-2 reciprocal floor((2^192 - 1) / (d1:d0)) - 2^64 (algorithm 6).
 * Its corrections depend on the low bits of the divisor, which are as
 * good as random, so they are written as masks rather than branches: a
 * mispredicted branch costs more than the whole computation. */
static inline limb limb_reciprocal_3by2(limb d1, limb d0)
{
    limb v = limb_reciprocal(d1);
    limb p = d1 * v + d0;
    limb carry = p < d0;                  /* v * d1 + d0 went past 2^64 */
    limb twice = carry & (p >= d1);       /* ... by at least d1 more */
    v -= carry + twice;
    p -= d1 & -carry;
    p -= d1 & -twice;
    dlimb t = (dlimb)v * d0;
    limb t1 = (limb)(t >> 64), t0 = (limb)t;
    p += t1;
    limb carry2 = p < t1;
    limb ge = (p > d1) | ((p == d1) & (t0 >= d0));
    v -= carry2 + (carry2 & ge);
    return v;
}

/* (u1:u0) / d with u1 < d, d normalised, v its reciprocal (algorithm 4).
 * Returns the quotient; the remainder goes to *r. */
static inline limb limb_div_2by1(limb *r, limb u1, limb u0, limb d, limb v)
{
    dlimb q = (dlimb)v * u1 + ((((dlimb)u1) << 64) | u0);
    limb q1 = (limb)(q >> 64) + 1;
    limb q0 = (limb)q;
    limb rem = u0 - q1 * d;
    limb mask = -(limb)(rem > q0);       /* about half the time: no branch */
    q1 += mask;
    rem += d & mask;
    if (__builtin_expect(rem >= d, 0)) {
        q1++;
        rem -= d;
    }
    *r = rem;
    return q1;
}

/* (u2:u1:u0) / (d1:d0) with (u2:u1) < (d1:d0), d1 normalised, v the 3-by-2
 * reciprocal (algorithm 5). Returns the quotient limb; the two-limb
 * remainder goes to *r. The remainder is kept as two limbs with explicit
 * carries: GCC spills 128-bit masks and compares to the stack. */
static inline limb limb_div_3by2(dlimb *r, limb u2, limb u1, limb u0,
                                 limb d1, limb d0, limb v)
{
    dlimb q = (dlimb)v * u2 + ((((dlimb)u2) << 64) | u1);
    limb q1 = (limb)(q >> 64);
    limb q0 = (limb)q;
    dlimb t = (dlimb)d0 * q1;
    /* (r1:r0) = (u1 - q1 * d1 : u0) - d0 * q1 - (d1:d0), modulo 2^128 */
    limb borrow = 0;
    limb r0 = limb_sub_borrow(u0, (limb)t, &borrow);
    limb r1 = limb_sub_borrow(u1 - q1 * d1, (limb)(t >> 64), &borrow);
    borrow = 0;
    r0 = limb_sub_borrow(r0, d0, &borrow);
    r1 = limb_sub_borrow(r1, d1, &borrow);
    /* The first correction happens about half the time: a mask, not a
     * branch. The second is rare. */
    limb mask = -(limb)(r1 >= q0);
    q1 += 1 + mask;
    limb carry = 0;
    r0 = limb_add_carry(r0, d0 & mask, &carry);
    r1 = limb_add_carry(r1, d1 & mask, &carry);
    if (__builtin_expect(r1 > d1 || (r1 == d1 && r0 >= d0), 0)) {
        q1++;
        borrow = 0;
        r0 = limb_sub_borrow(r0, d0, &borrow);
        r1 = limb_sub_borrow(r1, d1, &borrow);
    }
    *r = ((dlimb)r1 << 64) | r0;
    return q1;
}

/* r[0..n) -= a[0..n) * q; returns the limb still to subtract above r[n-1]. */
static inline limb limbs_submul_1(limb *r, const limb *a, int n, limb q)
{
    limb carry = 0;
    for (int i = 0; i < n; i++) {
        dlimb p = (dlimb)a[i] * q + carry;
        limb lo = (limb)p;
        carry = (limb)(p >> 64);
        limb ri = r[i];
        r[i] = ri - lo;
        carry += ri < lo;
    }
    return carry;
}

/*
 * One long-division step for the window w[0..dn] (value below d * 2^64)
 * whose top two limbs equal the divisor's: the 3-by-2 step needs them
 * strictly below, and here the quotient limb is 2^64 - 1 or one or two
 * less, found by correcting a full multiply-subtract. Leaves the
 * remainder in w[0..dn) with w[dn] = 0; returns the quotient limb. Rare
 * (random inputs essentially never get here), so out of the hot loops.
 */
static inline limb limbdiv_step_top_equal(limb *w, const limb *d, int dn)
{
    limb qj = LIMB_MAX;
    limb top = w[dn] - limbs_submul_1(w, d, dn, qj);
    while (top != 0) {
        top += limbs_add(w, w, d, dn);
        qj--;
    }
    w[dn] = 0;
    return qj;
}

/* Prepares d[0..dn), whose top limb d[dn-1] must be non-zero, dn <= 4. */
static inline void stake__divisor_init(stake__divisor *dv, const limb *d, int dn)
{
    int s = limb_clz(d[dn - 1]);
    limbs_shl(dv->d, d, dn, s);
    dv->dn = dn;
    dv->shift = s;
    dv->v = dn == 1 ? limb_reciprocal(dv->d[0])
                    : limb_reciprocal_3by2(dv->d[dn - 1], dv->d[dn - 2]);
}

/*
 * q[0..nn-dn] = floor(n / d) and r[0..dn) = n mod d, for n[0..nn) with
 * dn <= nn <= 8. q receives nn - dn + 1 limbs; either output may be NULL.
 */
static inline void stake__divrem(limb *q, limb *r, const limb *n, int nn,
                                 const stake__divisor *dv)
{
    const int dn = dv->dn, s = dv->shift;
    const limb *d = dv->d;
    limb un[LIMBDIV_MAX_N + 1];
    limb qq[LIMBDIV_MAX_N];

    un[nn] = limbs_shl(un, n, nn, s);

    if (dn == 1) {
        limb rem = un[nn];
        for (int j = nn - 1; j >= 0; j--)
            qq[j] = limb_div_2by1(&rem, rem, un[j], d[0], dv->v);
        un[0] = rem;
    } else {
        const limb d1 = d[dn - 1], d0 = d[dn - 2];
        for (int j = nn - dn; j >= 0; j--) {
            limb *w = un + j;                  /* window w[0..dn], value < d * 2^64 */
            limb u2 = w[dn], u1 = w[dn - 1], u0 = w[dn - 2];
            limb qj;
            if (__builtin_expect(u2 == d1 && u1 == d0, 0)) {
                qj = limbdiv_step_top_equal(w, d, dn);
            } else {
                dlimb rem;
                qj = limb_div_3by2(&rem, u2, u1, u0, d1, d0, dv->v);
                limb r1 = (limb)(rem >> 64), r0 = (limb)rem;
                if (dn > 2) {
                    /* The estimate is exact for the top two limbs; the lower
                     * ones can make it one too large. */
                    limb cy = limbs_submul_1(w, d, dn - 2, qj);
                    limb b0 = r0 < cy;
                    r0 -= cy;
                    limb b1 = r1 < b0;
                    r1 -= b0;
                    if (__builtin_expect(b1, 0)) {
                        qj--;
                        limb c = limbs_add(w, w, d, dn - 2);
                        dlimb t = (dlimb)r0 + d0 + c;
                        r0 = (limb)t;
                        r1 += d1 + (limb)(t >> 64);
                    }
                }
                w[dn - 2] = r0;
                w[dn - 1] = r1;
                w[dn] = 0;
            }
            qq[j] = qj;
        }
    }

    if (q)
        memcpy(q, qq, (size_t)(nn - dn + 1) * sizeof(limb));
    if (r)
        limbs_shr(r, un, dn, s);
}

#endif /* STAKE_CORE_LIMBDIV_H */
