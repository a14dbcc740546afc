/*
 * libstake: conversions, the core every token model is a thin layer on.
 *
 * Rebasing and non-rebasing tokens are two views of one thing: a ledger
 * of shares plus a conversion between shares and assets. A conversion is
 * y = x * num / den with a rounding direction, a way of forming the
 * product, and optionally a bound on the input, exactly as a contract
 * computes it:
 *
 *   - STAKE_PRODUCT_WIDE: the product is exact in 512 bits and only the
 *     result must fit (OpenZeppelin Math.mulDiv: ERC-4626 vaults);
 *   - STAKE_PRODUCT_CHECKED: the product itself must fit in 256 bits, as
 *     with SafeMath or Solidity 0.8 checked arithmetic (stETH V2, rETH);
 *   - STAKE_PRODUCT_WRAPPING: the product is taken modulo 2^256 before the
 *     division, as a plain `*` does in Solidity before 0.8 (stETH V3,
 *     whose StETH.sol multiplies without SafeMath): a wrapped product
 *     gives the same meaningless result the contract returns;
 *   - input_bound: inputs must be strictly below it, 0 meaning no bound
 *     (stETH V3 refuses amounts of 2^128 - 1 and above).
 *
 * Each protocol model builds its conversions (stake_lido_conversion(),
 * stake_erc4626_conversion(), stake_reth_conversion()), and this module
 * applies them, one value at a time or to a packed array at a few
 * nanoseconds per element (the ratio num / den turned once into a
 * fixed-point multiplier, checked per element and corrected by an exact
 * division in the rare cases where it could be one off).
 */
#ifndef STAKE_CONVERSION_H
#define STAKE_CONVERSION_H

#include <stddef.h>
#include "u256.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum stake_product {
    STAKE_PRODUCT_WIDE = 0,      /* 512-bit product; the result must fit */
    STAKE_PRODUCT_CHECKED = 1,   /* the product must fit in 256 bits */
    STAKE_PRODUCT_WRAPPING = 2   /* the product modulo 2^256 (since 0.11.0) */
} stake_product;

typedef struct stake_conversion {
    stake_u256 num;              /* y = x * num / den */
    stake_u256 den;
    stake_rounding rounding;
    stake_product product;
    stake_u256 input_bound;      /* x must be < input_bound; zero: no bound */
} stake_conversion;

/* *out = x * num / den as the conversion specifies. Errors: STAKE_EINVAL
 * (NULL, bad enum), STAKE_ETOOLARGE (x >= input_bound), STAKE_EOVERFLOW
 * (product or result too wide for the chosen product mode; never with
 * STAKE_PRODUCT_WRAPPING),
 * STAKE_EDIVZERO (den is zero), STAKE_ENOMEM (libtommath only). */
STAKE_API STAKE_WUR stake_rc stake_convert(stake_u256 *out, const stake_conversion *conv,
                                           const stake_u256 *x);

/* out[i] = conversion of in[i] for i < n. out and in may be the same
 * array. All or nothing: every input is validated before anything is
 * written, so on error out is untouched; *failed_index (if not NULL)
 * receives the index of the first offending input. NULL arrays are
 * allowed when n is zero. */
STAKE_API STAKE_WUR stake_rc stake_convert_batch(stake_u256 *out, const stake_u256 *in, size_t n,
                                                 const stake_conversion *conv,
                                                 size_t *failed_index);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_CONVERSION_H */
