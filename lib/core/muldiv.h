/*
 * Internal: the exact a * b / c shared by stake_u256_muldiv() and every
 * conversion of the token models.
 */
#ifndef STAKE_CORE_MULDIV_H
#define STAKE_CORE_MULDIV_H

#include "stake/u256.h"
#include "limbs.h"

/* q = a * b / c rounded down, or up when up != 0, exactly. Products that
 * fit in 256 bits are divided here with a reciprocal; wider ones go to the
 * big-integer backend. STAKE_EDIVZERO, STAKE_EOVERFLOW (q >= 2^256, which
 * for rounding up includes Solidity's checked "+ 1") or STAKE_ENOMEM
 * (libtommath only), with q untouched. */
stake_rc stake__muldiv_round(limb q[4], const limb a[4], const limb b[4],
                             const limb c[4], int up);

/* The portable path alone, for any product: used by the differential
 * test as a third opinion. Same contract as the backends' muldivrem
 * (lib/bignum/bignum.h): q rounded as asked, r = a * b mod c. */
stake_rc stake__muldivrem_portable(limb q[4], limb r[4], const limb a[4],
                                   const limb b[4], const limb c[4], int up);

#endif /* STAKE_CORE_MULDIV_H */
