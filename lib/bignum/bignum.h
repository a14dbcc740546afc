/*
 * Internal: the big-integer backend interface.
 *
 * libstake does its arithmetic on fixed 64-bit limb arrays in portable C
 * (lib/core), the full-width mulDiv included (a 512-bit product over a
 * four-limb divisor). What is delegated to a big-integer library is the
 * remaining wide shape of mulDiv: a product that does not fit in 256 bits
 * over a divisor below 2^192, too rare to deserve its own unrolled code.
 * The differential test also uses both backends, on every shape, as
 * independent opinions. Two implementations exist, chosen
 * at build time with BIGNUM=gmp or BIGNUM=tommath; both are always named
 * distinctly so that the differential test can link and compare them.
 *
 * Contract for every implementation:
 *   q = a * b / c rounded down, or up when up is non-zero, and
 *   r = a * b mod c, as little-endian 4-limb arrays;
 *   STAKE_EDIVZERO if c is zero, STAKE_EOVERFLOW if q >= 2^256,
 *   STAKE_ENOMEM if memory ran out; q and r are untouched on error.
 *   No abort, no signal, no global state.
 */
#ifndef STAKE_BIGNUM_H
#define STAKE_BIGNUM_H

#include <stdint.h>
#include "stake/version.h"

stake_rc stake__bn_gmp_muldivrem(uint64_t q[4], uint64_t r[4], const uint64_t a[4],
                                 const uint64_t b[4], const uint64_t c[4], int up);
stake_rc stake__bn_tommath_muldivrem(uint64_t q[4], uint64_t r[4], const uint64_t a[4],
                                     const uint64_t b[4], const uint64_t c[4], int up);

#if defined(STAKE_BIGNUM_GMP)
#  define stake__bn_muldivrem stake__bn_gmp_muldivrem
#  define STAKE__BN_NAME "gmp"
#elif defined(STAKE_BIGNUM_TOMMATH)
#  define stake__bn_muldivrem stake__bn_tommath_muldivrem
#  define STAKE__BN_NAME "tommath"
#else
#  error "define STAKE_BIGNUM_GMP or STAKE_BIGNUM_TOMMATH (make BIGNUM=gmp|tommath)"
#endif

#endif /* STAKE_BIGNUM_H */
