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

static int significant(const uint64_t *a, int n)
{
    while (n > 0 && a[n - 1] == 0)
        n--;
    return n;
}

stake_rc stake__bn_gmp_muldivrem(uint64_t q[4], uint64_t r[4], const uint64_t a[4],
                                 const uint64_t b[4], const uint64_t c[4])
{
    int cn = significant(c, 4);
    if (cn == 0)
        return STAKE_EDIVZERO;

    int an = significant(a, 4), bn = significant(b, 4);
    mp_limb_t prod[8] = { 0 };
    int pn = 0;
    if (an > 0 && bn > 0) {
        /* mpn_mul wants the longer operand first. */
        if (an >= bn)
            mpn_mul(prod, (const mp_limb_t *)a, an, (const mp_limb_t *)b, bn);
        else
            mpn_mul(prod, (const mp_limb_t *)b, bn, (const mp_limb_t *)a, an);
        pn = significant((const uint64_t *)prod, an + bn);
    }

    mp_limb_t quot[8] = { 0 }, rem[4] = { 0 };
    if (pn < cn) {
        memcpy(rem, prod, sizeof rem);
    } else {
        mpn_tdiv_qr(quot, rem, 0, prod, pn, (const mp_limb_t *)c, cn);
        if (quot[4] | quot[5] | quot[6] | quot[7])
            return STAKE_EOVERFLOW;
    }
    memcpy(q, quot, 4 * sizeof(uint64_t));
    memcpy(r, rem, 4 * sizeof(uint64_t));
    return STAKE_OK;
}
