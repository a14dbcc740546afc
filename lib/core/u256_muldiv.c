/*
 * mulDiv: a * b / c exactly, OpenZeppelin Math.mulDiv semantics.
 *
 * The realistic case in staking (amounts of 1e18..1e24 wei times rates of
 * 1e24..1e27) has factors and divisor below 2^128, so the product fits in
 * 256 bits and never needs a 512-bit division: it is done here on limbs
 * with a reciprocal of the divisor and no allocation. Only products wider
 * than 256 bits are handed to the big-integer backend.
 *
 * Rounding up refuses exactly where Solidity does: when the floor is
 * already 2^256 or more, or is 2^256 - 1 with a remainder (the checked
 * "+ 1"). On the hot path it is computed as floor((a * b + c - 1) / c):
 * the same single division with no dependency on the remainder, so that
 * ceil costs what floor costs.
 */
#include "stake/u256.h"
#include "limbdiv.h"
#include "muldiv.h"
#include "../bignum/bignum.h"

/* Significant limbs of a 4-limb value, without a loop. */
static inline int len4(const limb *a)
{
    return a[3] ? 4 : a[2] ? 3 : a[1] ? 2 : a[0] ? 1 : 0;
}

/* Divides the n-limb p (n <= 8, top limbs may be zero) by c (cn
 * significant limbs); the caller guarantees the quotient fits in 4 limbs. */
static void divide_product(limb q[4], limb r[4], const limb *p, int n, const limb *c, int cn)
{
    int pn = limbs_len(p, n);
    limb qq[LIMBDIV_MAX_N] = { 0 };
    limb rr[4] = { 0 };
    if (pn < cn) {
        for (int i = 0; i < pn; i++)
            rr[i] = p[i];
    } else if (cn == 1 && pn == 1) {
        qq[0] = p[0] / c[0];
        rr[0] = p[0] % c[0];
    } else {
        stake__divisor dv;
        stake__divisor_init(&dv, c, cn);
        stake__divrem(qq, rr, p, pn, &dv);
    }
    for (int i = 0; i < 4; i++) {
        q[i] = qq[i];
        r[i] = rr[i];
    }
}

/* q += 1 when up and r is non-zero; STAKE_EOVERFLOW past 2^256 - 1. */
static stake_rc round_up(limb q[4], const limb r[4], int up)
{
    if (!up || (r[0] | r[1] | r[2] | r[3]) == 0)
        return STAKE_OK;
    for (int i = 0; i < 4; i++) {
        if (++q[i] != 0)
            return STAKE_OK;
    }
    return STAKE_EOVERFLOW;
}

stake_rc stake__muldivrem_portable(limb q[4], limb r[4], const limb a[4],
                                   const limb b[4], const limb c[4], int up)
{
    int cn = limbs_len(c, 4);
    if (cn == 0)
        return STAKE_EDIVZERO;
    int an = limbs_len(a, 4), bn = limbs_len(b, 4);
    limb p[8] = { 0 };
    if (an && bn)
        limbs_mul(p, a, an, b, bn);
    /* floor(p / c) >= 2^256 exactly when the high half of p is >= c. */
    if (limbs_cmp(p + 4, c, 4) >= 0)
        return STAKE_EOVERFLOW;
    limb qq[4], rr[4];
    divide_product(qq, rr, p, 8, c, cn);
    stake_rc rc = round_up(qq, rr, up);
    if (rc != STAKE_OK)
        return rc;
    memcpy(q, qq, sizeof qq);
    memcpy(r, rr, sizeof rr);
    return STAKE_OK;
}

/*
 * The shape of nearly every staking conversion: both factors and the
 * divisor below 2^128 (amounts, share totals and 1e27 rates all are).
 * Fully unrolled: a 2x2-limb product, then one reciprocal step per
 * quotient limb, no loops over lengths and no copies. Rounding up divides
 * the biased product a * b + c - 1, which cannot carry out:
 * p <= (2^128 - 1)^2 and c < 2^128.
 */
static inline __attribute__((always_inline)) void
muldiv_small(limb q[4], const limb a[4], const limb b[4], const limb c[4], int up)
{
    dlimb t00 = (dlimb)a[0] * b[0], t01 = (dlimb)a[0] * b[1];
    dlimb t10 = (dlimb)a[1] * b[0], t11 = (dlimb)a[1] * b[1];
    dlimb mid = (t00 >> 64) + (limb)t01 + (limb)t10;
    dlimb hi = (t01 >> 64) + (t10 >> 64) + (limb)t11 + (mid >> 64);
    limb p0 = (limb)t00, p1 = (limb)mid, p2 = (limb)hi;
    limb p3 = (limb)(t11 >> 64) + (limb)(hi >> 64);

    limb mask = -(limb)(up != 0);
    dlimb acc = (dlimb)p0 + ((c[0] - 1) & mask);
    p0 = (limb)acc;
    acc = (dlimb)p1 + ((c[1] - (c[0] == 0)) & mask) + (limb)(acc >> 64);
    p1 = (limb)acc;
    acc = (dlimb)p2 + (limb)(acc >> 64);
    p2 = (limb)acc;
    p3 += (limb)(acc >> 64);

    if (c[1] == 0) {
        limb d = c[0];
        int s = limb_clz(d);
        d <<= s;
        limb v = limb_reciprocal(d);
        /* the product shifted by s: five limbs u4..u0 */
        limb u4 = s ? p3 >> (64 - s) : 0;
        limb u3 = s ? (p3 << s) | (p2 >> (64 - s)) : p3;
        limb u2 = s ? (p2 << s) | (p1 >> (64 - s)) : p2;
        limb u1 = s ? (p1 << s) | (p0 >> (64 - s)) : p1;
        limb u0 = p0 << s;
        limb r = u4;
        q[3] = limb_div_2by1(&r, r, u3, d, v);
        q[2] = limb_div_2by1(&r, r, u2, d, v);
        q[1] = limb_div_2by1(&r, r, u1, d, v);
        q[0] = limb_div_2by1(&r, r, u0, d, v);
        return;
    }

    int s = limb_clz(c[1]);
    limb d1 = s ? (c[1] << s) | (c[0] >> (64 - s)) : c[1];
    limb d0 = c[0] << s;
    limb v = limb_reciprocal_3by2(d1, d0);
    limb u4 = s ? p3 >> (64 - s) : 0;
    limb u3 = s ? (p3 << s) | (p2 >> (64 - s)) : p3;
    limb u2 = s ? (p2 << s) | (p1 >> (64 - s)) : p2;
    limb u1 = s ? (p1 << s) | (p0 >> (64 - s)) : p1;
    limb u0 = p0 << s;
    dlimb r;
    q[3] = 0;
    /* Each step divides a three-limb window whose top two limbs are below
     * (d1:d0); the first starts with u4 < 2^s <= d1. When the top window
     * is already below the divisor its quotient limb is zero: skipping it
     * saves a whole step for the usual three-limb product. */
    if (u4 == 0 && u3 < d1) {
        q[2] = 0;
        r = ((dlimb)u3 << 64) | u2;
    } else {
        q[2] = limb_div_3by2(&r, u4, u3, u2, d1, d0, v);
    }
    q[1] = limb_div_3by2(&r, (limb)(r >> 64), (limb)r, u1, d1, d0, v);
    q[0] = limb_div_3by2(&r, (limb)(r >> 64), (limb)r, u0, d1, d0, v);
}

/* Every other shape: products that still fit in 256 bits are divided
 * here, wider ones by the backend. Out of line, so that the small path
 * keeps its registers. */
static __attribute__((noinline)) stake_rc
muldiv_large(limb q[4], const limb a[4], const limb b[4], const limb c[4], int up)
{
    int cn = len4(c);
    if (cn == 0)
        return STAKE_EDIVZERO;
    int an = len4(a), bn = len4(b);
    limb r[4];
    /* an + bn limbs hold the product: it fits in 256 bits for sure below
     * 5 limbs, and never from 6. */
    if (an + bn <= 5) {
        limb p[5] = { 0 };
        if (an && bn)
            limbs_mul(p, a, an, b, bn);
        if (p[4] == 0) {
            limb qq[4];
            divide_product(qq, r, p, 4, c, cn);
            stake_rc rc = round_up(qq, r, up);
            if (rc == STAKE_OK)
                memcpy(q, qq, sizeof qq);
            return rc;
        }
    }
    return stake__bn_muldivrem(q, r, a, b, c, up);
}

stake_rc stake__muldiv_round(limb q[4], const limb a[4], const limb b[4],
                             const limb c[4], int up)
{
    if ((a[2] | a[3] | b[2] | b[3] | c[2] | c[3]) == 0) {
        if ((c[0] | c[1]) == 0)
            return STAKE_EDIVZERO;
        muldiv_small(q, a, b, c, up);
        return STAKE_OK;
    }
    return muldiv_large(q, a, b, c, up);
}

stake_rc stake_u256_muldiv(stake_u256 *out, const stake_u256 *a, const stake_u256 *b,
                           const stake_u256 *c, stake_rounding rounding)
{
    if (!out || !a || !b || !c)
        return STAKE_EINVAL;
    unsigned mode = (unsigned)rounding;
    if (mode > STAKE_ROUND_EXPAND)
        return STAKE_EINVAL;
    /* FLOOR/TRUNC are even, CEIL/EXPAND odd: OpenZeppelin's
     * unsignedRoundsUp(r) = uint8(r) % 2 == 1. */
    return stake__muldiv_round(out->w, a->w, b->w, c->w, (int)(mode & 1u));
}
