/*
 * mulDiv: a * b / c exactly, OpenZeppelin Math.mulDiv semantics.
 *
 * The realistic case in staking (amounts of 1e18..1e24 wei times rates of
 * 1e24..1e27) has a product that fits in 256 bits, so it never needs a
 * 512-bit division: it is done here on limbs with a reciprocal of the
 * divisor and no allocation. Only full-width products are handed to the
 * big-integer backend.
 */
#include "stake/u256.h"
#include "limbdiv.h"
#include "muldiv.h"
#include "../bignum/bignum.h"

/* Divides the n-limb product p (n <= 8, top limb may be zero) by c (cn
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

stake_rc stake__muldivrem_portable(limb q[4], limb r[4], const limb a[4],
                                   const limb b[4], const limb c[4])
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
    divide_product(q, r, p, 8, c, cn);
    return STAKE_OK;
}

stake_rc stake__muldiv(limb q[4], int *inexact, const limb a[4], const limb b[4],
                       const limb c[4])
{
    int cn = limbs_len(c, 4);
    if (cn == 0)
        return STAKE_EDIVZERO;
    int an = limbs_len(a, 4), bn = limbs_len(b, 4);
    limb r[4];

    if (an == 0 || bn == 0) {
        q[0] = q[1] = q[2] = q[3] = 0;
        *inexact = 0;
        return STAKE_OK;
    }
    /* an + bn limbs hold the product, whose top limb may be zero: it fits
     * in 256 bits for sure below 5 limbs, and never from 6. */
    if (an + bn <= 5) {
        limb p[5];
        limbs_mul(p, a, an, b, bn);
        if (an + bn <= 4 || p[4] == 0) {
            divide_product(q, r, p, an + bn, c, cn);
            *inexact = limbs_nonzero(r, 4);
            return STAKE_OK;
        }
    }
    limb qq[4];
    stake_rc rc = stake__bn_muldivrem(qq, r, a, b, c);
    if (rc != STAKE_OK)
        return rc;
    for (int i = 0; i < 4; i++)
        q[i] = qq[i];
    *inexact = limbs_nonzero(r, 4);
    return STAKE_OK;
}

stake_rc stake__muldiv_round(limb q[4], const limb a[4], const limb b[4],
                             const limb c[4], int up)
{
    limb t[4];
    int inexact;
    stake_rc rc = stake__muldiv(t, &inexact, a, b, c);
    if (rc != STAKE_OK)
        return rc;
    if (up && inexact) {
        limb one[4] = { 1, 0, 0, 0 };
        if (limbs_add(t, t, one, 4))
            return STAKE_EOVERFLOW;
    }
    for (int i = 0; i < 4; i++)
        q[i] = t[i];
    return STAKE_OK;
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
