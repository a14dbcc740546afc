/*
 * Internal: the exact a * b / c shared by stake_u256_muldiv() and every
 * conversion of the token models.
 */
#ifndef STAKE_CORE_MULDIV_H
#define STAKE_CORE_MULDIV_H

#include "stake/u256.h"
#include "limbs.h"

/* q = floor(a * b / c); *inexact = (a * b mod c != 0). Products that fit
 * in 256 bits are divided here with a reciprocal; wider ones go to the
 * big-integer backend. STAKE_EDIVZERO, STAKE_EOVERFLOW (q >= 2^256) or
 * STAKE_ENOMEM (libtommath only), with q untouched. */
stake_rc stake__muldiv(limb q[4], int *inexact, const limb a[4], const limb b[4],
                       const limb c[4]);

/* The same with rounding: up != 0 adds one when inexact, and refuses with
 * STAKE_EOVERFLOW if that carries past 2^256 - 1 (Solidity's checked +1). */
stake_rc stake__muldiv_round(limb q[4], const limb a[4], const limb b[4],
                             const limb c[4], int up);

/* The portable path alone, for any product: used by the differential
 * test as a third opinion. Same contract as the backends' muldivrem
 * (lib/bignum/bignum.h): q rounded as asked, r = a * b mod c. */
stake_rc stake__muldivrem_portable(limb q[4], limb r[4], const limb a[4],
                                   const limb b[4], const limb c[4], int up);

#endif /* STAKE_CORE_MULDIV_H */
