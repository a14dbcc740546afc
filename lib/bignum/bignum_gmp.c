/*
 * Backend on GMP's mpn layer.
 *
 * Only mpn functions are used: they work on caller-provided limb arrays,
 * never call the (global, aborting) GMP allocator for operands this small
 * (scratch space comes from the stack), and never divide by zero because
 * the divisor is checked first. GMP's mpz layer would abort on
 * out-of-memory and raise SIGFPE on a zero divisor.
 */
#include <string.h>
#include <gmp.h>

#include "stake/errors.h"
#include "bignum.h"

_Static_assert(sizeof(mp_limb_t) == sizeof(uint64_t) && GMP_NUMB_BITS == 64,
               "libstake needs GMP built with 64-bit limbs and no nails");

/* Significant limbs of a 4-limb value (0 for zero), without a loop. */
static inline int len4(const uint64_t *a)
{
    return a[3] ? 4 : a[2] ? 3 : a[1] ? 2 : a[0] ? 1 : 0;
}

stake_rc stake__bn_gmp_muldivrem(uint64_t q[4], uint64_t r[4], const uint64_t a[4],
                                 const uint64_t b[4], const uint64_t c[4], int up)
{
    int cn = len4(c);
    if (cn == 0)
        return STAKE_EDIVZERO;
    int an = len4(a), bn = len4(b);

    mp_limb_t prod[8] = { 0 };
    if (an == bn && an > 0)
        mpn_mul_n(prod, (const mp_limb_t *)a, (const mp_limb_t *)b, an);
    else if (an > bn && bn > 0)   /* mpn_mul wants the longer operand first */
        mpn_mul(prod, (const mp_limb_t *)a, an, (const mp_limb_t *)b, bn);
    else if (bn > an && an > 0)
        mpn_mul(prod, (const mp_limb_t *)b, bn, (const mp_limb_t *)a, an);
    /* floor(p / c) >= 2^256 exactly when the high half of p is >= c:
     * refuse before dividing, so that q and r stay untouched. */
    if (mpn_cmp(prod + 4, (const mp_limb_t *)c, 4) >= 0)
        return STAKE_EOVERFLOW;

    int pn = 8;
    while (pn > 0 && prod[pn - 1] == 0)
        pn--;
    /* pn - cn + 1 quotient limbs; a fifth one is zero after the check. */
    mp_limb_t quot[5] = { 0 }, rem[4] = { 0 };
    if (pn < cn)
        memcpy(rem, prod, sizeof rem);
    else
        mpn_tdiv_qr(quot, rem, 0, prod, pn, (const mp_limb_t *)c, cn);
    if (up && (rem[0] | rem[1] | rem[2] | rem[3])) {
        /* Round up; past 2^256 - 1 this is Solidity's checked "+ 1". */
        int k = 0;
        while (k < 4 && ++quot[k] == 0)
            k++;
        if (k == 4)
            return STAKE_EOVERFLOW;
    }
    for (int i = 0; i < 4; i++) {
        q[i] = quot[i];
        r[i] = rem[i];
    }
    return STAKE_OK;
}
