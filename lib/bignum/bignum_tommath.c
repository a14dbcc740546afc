/*
 * Backend on libtommath (1.2, as shipped by Debian bookworm).
 *
 * libtommath allocates the digits of every mp_int on the heap and reports
 * a failed allocation as MP_MEM, which becomes STAKE_ENOMEM; it never
 * aborts. Its digits are 60 bits wide, so values cross the boundary with
 * mp_unpack/mp_pack on whole 64-bit words.
 */
#include <string.h>
#include <tommath.h>

#include "stake/errors.h"
#include "bignum.h"

static stake_rc from_mp(mp_err e)
{
    return e == MP_MEM ? STAKE_ENOMEM : STAKE_EINVAL;
}

stake_rc stake__bn_tommath_muldivrem(uint64_t q[4], uint64_t r[4], const uint64_t a[4],
                                     const uint64_t b[4], const uint64_t c[4])
{
    if ((c[0] | c[1] | c[2] | c[3]) == 0)
        return STAKE_EDIVZERO;

    mp_int x, y, d, quot, rem;
    mp_err e = mp_init_multi(&x, &y, &d, &quot, &rem, NULL);
    if (e != MP_OKAY)
        return from_mp(e);

    stake_rc rc = STAKE_OK;
    uint64_t qw[4] = { 0 }, rw[4] = { 0 };
    size_t written;
    if ((e = mp_unpack(&x, 4, MP_LSB_FIRST, 8, MP_NATIVE_ENDIAN, 0, a)) != MP_OKAY ||
        (e = mp_unpack(&y, 4, MP_LSB_FIRST, 8, MP_NATIVE_ENDIAN, 0, b)) != MP_OKAY ||
        (e = mp_unpack(&d, 4, MP_LSB_FIRST, 8, MP_NATIVE_ENDIAN, 0, c)) != MP_OKAY ||
        (e = mp_mul(&x, &y, &x)) != MP_OKAY ||
        (e = mp_div(&x, &d, &quot, &rem)) != MP_OKAY) {
        rc = from_mp(e);
        goto done;
    }
    if (mp_count_bits(&quot) > 256) {
        rc = STAKE_EOVERFLOW;
        goto done;
    }
    if ((e = mp_pack(qw, 4, &written, MP_LSB_FIRST, 8, MP_NATIVE_ENDIAN, 0, &quot)) != MP_OKAY ||
        (e = mp_pack(rw, 4, &written, MP_LSB_FIRST, 8, MP_NATIVE_ENDIAN, 0, &rem)) != MP_OKAY) {
        rc = from_mp(e);
        goto done;
    }
    memcpy(q, qw, sizeof qw);
    memcpy(r, rw, sizeof rw);
done:
    mp_clear_multi(&x, &y, &d, &quot, &rem, NULL);
    return rc;
}
