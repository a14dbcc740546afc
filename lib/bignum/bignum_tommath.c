/*
 * Backend on libtommath (1.2, as shipped by Debian bookworm).
 *
 * libtommath allocates the digits of every mp_int on the heap and reports
 * a failed allocation as MP_MEM, which becomes STAKE_ENOMEM; it never
 * aborts. Its digits are 60 bits wide; values cross the boundary by
 * writing the digits directly (the mp_int layout is public), because
 * mp_unpack/mp_pack work a bit at a time in this version.
 *
 * Speed: Debian's 1.2.0 divides by shift-and-subtract, so the wide case
 * costs microseconds here; results are identical to the GMP build.
 */
#include <string.h>
#include <tommath.h>

#include "stake/errors.h"
#include "bignum.h"

_Static_assert(MP_DIGIT_BIT == 60, "the limb conversion below assumes 60-bit digits");

static stake_rc from_mp(mp_err e)
{
    return e == MP_MEM ? STAKE_ENOMEM : STAKE_EINVAL;
}

/* x = w, a 256-bit value as five 60-bit digits. */
static mp_err load(mp_int *x, const uint64_t w[4])
{
    mp_err e = mp_grow(x, 5);
    if (e != MP_OKAY)
        return e;
    for (int i = 0; i < 5; i++) {
        int bit = 60 * i, limb = bit / 64, off = bit % 64;
        uint64_t d = w[limb] >> off;
        if (off > 4 && limb + 1 < 4)
            d |= w[limb + 1] << (64 - off);
        x->dp[i] = d & MP_MASK;
    }
    x->used = 5;
    x->sign = MP_ZPOS;
    mp_clamp(x);
    return MP_OKAY;
}

/* w = x for 0 <= x < 2^256. */
static void store(uint64_t w[4], const mp_int *x)
{
    memset(w, 0, 4 * sizeof w[0]);
    for (int i = 0; i < x->used; i++) {
        int bit = 60 * i, limb = bit / 64, off = bit % 64;
        w[limb] |= (uint64_t)x->dp[i] << off;
        if (off > 4 && limb + 1 < 4)
            w[limb + 1] |= (uint64_t)x->dp[i] >> (64 - off);
    }
}

stake_rc stake__bn_tommath_muldivrem(uint64_t q[4], uint64_t r[4], const uint64_t a[4],
                                     const uint64_t b[4], const uint64_t c[4], int up)
{
    if ((c[0] | c[1] | c[2] | c[3]) == 0)
        return STAKE_EDIVZERO;

    mp_int x, y, d, quot, rem;
    mp_err e = mp_init_multi(&x, &y, &d, &quot, &rem, NULL);
    if (e != MP_OKAY)
        return from_mp(e);

    stake_rc rc = STAKE_OK;
    if ((e = load(&x, a)) != MP_OKAY || (e = load(&y, b)) != MP_OKAY ||
        (e = load(&d, c)) != MP_OKAY || (e = mp_mul(&x, &y, &x)) != MP_OKAY ||
        (e = mp_div(&x, &d, &quot, &rem)) != MP_OKAY) {
        rc = from_mp(e);
        goto done;
    }
    /* Round up when inexact; past 2^256 - 1 this is Solidity's checked
     * "+ 1", caught by the width test below. */
    if (up && !mp_iszero(&rem) && (e = mp_add_d(&quot, 1, &quot)) != MP_OKAY) {
        rc = from_mp(e);
        goto done;
    }
    if (mp_count_bits(&quot) > 256) {
        rc = STAKE_EOVERFLOW;
        goto done;
    }
    store(q, &quot);
    store(r, &rem);
done:
    mp_clear_multi(&x, &y, &d, &quot, &rem, NULL);
    return rc;
}
