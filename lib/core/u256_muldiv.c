/*
 * mulDiv: a * b / c exactly, OpenZeppelin Math.mulDiv semantics.
 *
 * The realistic case in staking (amounts of 1e18..1e24 wei times rates of
 * 1e24..1e27) has factors and divisor below 2^128, so the product fits in
 * 256 bits and never needs a 512-bit division: it is done here on limbs
 * with a reciprocal of the divisor and no allocation. Wider products are
 * divided here too when the divisor has four limbs (the full-width case);
 * only the rest, a wide product over a divisor below 2^192, is handed to
 * the big-integer backend.
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

/* (acc2:acc1:acc0) += x * y: one partial product into a three-limb
 * column accumulator. */
#define MUL_ACC(x, y) do {                                      \
        dlimb t_ = (dlimb)(x) * (y);                            \
        dlimb s_ = (((dlimb)acc1 << 64) | acc0) + t_;           \
        acc2 += s_ < t_;                                        \
        acc0 = (limb)s_;                                        \
        acc1 = (limb)(s_ >> 64);                                \
    } while (0)

/* Closes column k of the product: its low limb is final, the rest carries
 * into the next column. */
#define COLUMN_END(k) do {                                      \
        r[k] = acc0;                                            \
        acc0 = acc1;                                            \
        acc1 = acc2;                                            \
        acc2 = 0;                                               \
    } while (0)

/* r[0..8) = a * b for two 4-limb values, column by column (product
 * scanning): each result limb is written once and the partial sums stay
 * in three registers. */
static inline void mul_4x4(limb r[8], const limb a[4], const limb b[4])
{
    limb acc0 = 0, acc1 = 0, acc2 = 0;
    MUL_ACC(a[0], b[0]);
    COLUMN_END(0);
    MUL_ACC(a[0], b[1]); MUL_ACC(a[1], b[0]);
    COLUMN_END(1);
    MUL_ACC(a[0], b[2]); MUL_ACC(a[1], b[1]); MUL_ACC(a[2], b[0]);
    COLUMN_END(2);
    MUL_ACC(a[0], b[3]); MUL_ACC(a[1], b[2]); MUL_ACC(a[2], b[1]); MUL_ACC(a[3], b[0]);
    COLUMN_END(3);
    MUL_ACC(a[1], b[3]); MUL_ACC(a[2], b[2]); MUL_ACC(a[3], b[1]);
    COLUMN_END(4);
    MUL_ACC(a[2], b[3]); MUL_ACC(a[3], b[2]);
    COLUMN_END(5);
    MUL_ACC(a[3], b[3]);
    r[6] = acc0;
    r[7] = acc1;
}

#undef MUL_ACC
#undef COLUMN_END

/* The rare window of div_step_4(), out of line. It works on copies so
 * that the caller's remainder and divisor never have their address taken
 * and stay in registers. */
static __attribute__((noinline)) limb div_step_4_top_equal(limb w[5], const limb d[4])
{
    return limbdiv_step_top_equal(w, d, 4);
}

/*
 * One quotient limb of a long division by the normalised four-limb d
 * (top bit set), v the 3-by-2 reciprocal of its top two limbs: divides
 * the window r * 2^64 + u, where the running remainder r is below d, and
 * leaves the new remainder in r. The quotient limb comes from the top
 * three limbs over the top two divisor limbs, exact for them; the lower
 * two divisor limbs can make it one too large, rarely, and then d is
 * added back once (Knuth's algorithm D, step D6).
 */
static inline __attribute__((always_inline)) limb
div_step_4(limb r[4], limb u, const limb d[4], limb v)
{
    if (__builtin_expect(r[3] == d[3] && r[2] == d[2], 0)) {
        limb w[5] = { u, r[0], r[1], r[2], r[3] };
        limb dd[4] = { d[0], d[1], d[2], d[3] };
        limb qj = div_step_4_top_equal(w, dd);
        r[0] = w[0];
        r[1] = w[1];
        r[2] = w[2];
        r[3] = w[3];
        return qj;
    }
    dlimb top;
    limb qj = limb_div_3by2(&top, r[3], r[2], r[1], d[3], d[2], v);
    /* Subtract qj * (d1:d0), three limbs, from top * 2^128 + (r0:u). */
    dlimb p0 = (dlimb)qj * d[0];
    dlimb p1 = (dlimb)qj * d[1] + (limb)(p0 >> 64);
    limb borrow = 0;
    limb x0 = limb_sub_borrow(u, (limb)p0, &borrow);
    limb x1 = limb_sub_borrow(r[0], (limb)p1, &borrow);
    limb x2 = limb_sub_borrow((limb)top, (limb)(p1 >> 64), &borrow);
    limb x3 = limb_sub_borrow((limb)(top >> 64), 0, &borrow);
    if (__builtin_expect(borrow, 0)) {
        qj--;
        limb carry = 0;
        x0 = limb_add_carry(x0, d[0], &carry);
        x1 = limb_add_carry(x1, d[1], &carry);
        x2 = limb_add_carry(x2, d[2], &carry);
        x3 = limb_add_carry(x3, d[3], &carry);
    }
    r[0] = x0;
    r[1] = x1;
    r[2] = x2;
    r[3] = x3;
    return qj;
}

/*
 * The full-width shape: a divisor of four limbs (c >= 2^192) and any
 * product, up to 512 bits. Long division specialised to an 8-limb
 * numerator whose high half is already known to be below the divisor:
 * exactly four quotient limbs, unrolled, everything in registers.
 *
 * Rounding up divides p + c - 1, as the small path does: ceil(p / c) is
 * 2^256 or more exactly when the biased high half reaches c, so one
 * comparison is the overflow check of both directions, Solidity's checked
 * "+ 1" included. The sum cannot pass 2^512: p <= (2^256 - 1)^2.
 */
static stake_rc muldiv_wide4(limb q[4], const limb a[4], const limb b[4], const limb c[4],
                             int up)
{
    limb p[8];
    mul_4x4(p, a, b);

    /* p += c - 1 when rounding up (c is non-zero), else p += 0. */
    limb mask = -(limb)(up != 0);
    limb borrow = 1, carry = 0;
    for (int i = 0; i < 4; i++)
        p[i] = limb_add_carry(p[i], limb_sub_borrow(c[i], 0, &borrow) & mask, &carry);
    for (int i = 4; i < 8; i++)
        p[i] = limb_add_carry(p[i], 0, &carry);
    if (limbs_cmp(p + 4, c, 4) >= 0)
        return STAKE_EOVERFLOW;

    /* Normalise: shift both until the divisor's top bit is set. The
     * numerator gains no ninth limb because its high half is below c. */
    int s = limb_clz(c[3]);
    limb d[4], n[8];
    if (s == 0) {
        memcpy(d, c, sizeof d);
        memcpy(n, p, sizeof n);
    } else {
        limbs_shl(d, c, 4, s);
        limbs_shl(n, p, 8, s);
    }
    limb r[4] = { n[4], n[5], n[6], n[7] };
    limb v = limb_reciprocal_3by2(d[3], d[2]);
    limb q3 = div_step_4(r, n[3], d, v);
    limb q2 = div_step_4(r, n[2], d, v);
    limb q1 = div_step_4(r, n[1], d, v);
    limb q0 = div_step_4(r, n[0], d, v);
    q[0] = q0;
    q[1] = q1;
    q[2] = q2;
    q[3] = q3;
    return STAKE_OK;
}

/* Every other shape: a four-limb divisor, whatever the product, goes to
 * muldiv_wide4(); otherwise products that still fit in 256 bits are
 * divided here, and the rest (a product above 2^256 over a divisor below
 * 2^192: rare) by the backend. Out of line, so that the small path keeps
 * its registers. */
static __attribute__((noinline)) stake_rc
muldiv_large(limb q[4], const limb a[4], const limb b[4], const limb c[4], int up)
{
    int cn = len4(c);
    if (cn == 0)
        return STAKE_EDIVZERO;
    if (cn == 4)
        return muldiv_wide4(q, a, b, c, up);
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
