/*
 * libstake: the 256-bit unsigned integer, the EVM's uint256.
 *
 * stake_u256 is a transparent value type: four 64-bit limbs, least
 * significant first, in host byte order. Copy it by assignment, pass it by
 * pointer. EVM (big-endian) byte order appears only at the edges, in
 * stake_u256_from_be32() and stake_u256_to_be32().
 *
 * Conventions of every function here:
 *  - outputs come first, inputs are const and may alias the outputs;
 *  - on error the outputs are left exactly as they were;
 *  - a NULL pointer argument gives STAKE_EINVAL;
 *  - nothing allocates except the libtommath build's mulDiv of a product
 *    wider than 256 bits by a divisor below 2^192, which reports a failed
 *    allocation as STAKE_ENOMEM;
 *  - no global state: every function is MT-Safe.
 */
#ifndef STAKE_U256_H
#define STAKE_U256_H

#include <stddef.h>
#include <stdint.h>
#include "version.h"
#include "errors.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stake_u256 {
    uint64_t w[4];   /* w[0] is the least significant limb */
} stake_u256;

/* Bytes of the big-endian encoding (an EVM word). */
#define STAKE_U256_BYTES 32
/* Longest accepted decimal input: 2^256 - 1 has 78 digits. */
#define STAKE_U256_DEC_DIGITS 78
/* Longest accepted hexadecimal input, after the "0x": 64 digits. */
#define STAKE_U256_HEX_DIGITS 64
/* Buffer sizes, terminating NUL included, that always suffice for
 * stake_u256_to_dec() and stake_u256_to_hex(). */
#define STAKE_U256_DEC_SIZE 79
#define STAKE_U256_HEX_SIZE 67

/* Initialiser for a constant that fits in 64 bits. */
#define STAKE_U256_C(v) { { (uint64_t)(v), 0, 0, 0 } }

/* Rounding of a division, numbered as OpenZeppelin's Math.Rounding: for
 * unsigned values TRUNC is FLOOR and EXPAND is CEIL. */
typedef enum stake_rounding {
    STAKE_ROUND_FLOOR = 0,   /* toward zero */
    STAKE_ROUND_CEIL = 1,    /* away from zero when inexact */
    STAKE_ROUND_TRUNC = 2,   /* same as FLOOR */
    STAKE_ROUND_EXPAND = 3   /* same as CEIL */
} stake_rounding;

/* ---- construction and conversion ------------------------------------- */

/* *out = v. */
STAKE_API STAKE_WUR stake_rc stake_u256_from_u64(stake_u256 *out, uint64_t v);

/* *out = a if a < 2^64; STAKE_ERANGE otherwise. */
STAKE_API STAKE_WUR stake_rc stake_u256_to_u64(uint64_t *out, const stake_u256 *a);

/* Parses a decimal number: 1 to 78 ASCII digits, leading zeros allowed,
 * nothing else (no sign, space, underscore or prefix). Errors: STAKE_EINVAL
 * (NULL), STAKE_EEMPTY (""), STAKE_ESYNTAX (any other character),
 * STAKE_ETOOLONG (more than 78 digits), STAKE_ERANGE (2^256 or more).
 * At most 79 bytes of s are read. err, if not NULL, receives the detail,
 * with the offset of the offending byte. */
STAKE_API STAKE_WUR stake_rc stake_u256_from_dec(stake_u256 *out, const char *s,
                                                 stake_error *err);

/* Parses "0x" or "0X" followed by 1 to 64 hexadecimal digits of either
 * case. Errors as stake_u256_from_dec(); "0x" alone is STAKE_EEMPTY and a
 * missing prefix is STAKE_ESYNTAX. At most 67 bytes of s are read. */
STAKE_API STAKE_WUR stake_rc stake_u256_from_hex(stake_u256 *out, const char *s,
                                                 stake_error *err);

/* Parses either form: hexadecimal if s starts with "0x" or "0X",
 * decimal otherwise. */
STAKE_API STAKE_WUR stake_rc stake_u256_from_string(stake_u256 *out, const char *s,
                                                    stake_error *err);

/* Reads a 32-byte big-endian word (ABI encoding). Never fails but on NULL. */
STAKE_API STAKE_WUR stake_rc stake_u256_from_be32(stake_u256 *out,
                                                  const uint8_t in[STAKE_U256_BYTES]);

/* Writes a as a 32-byte big-endian word. */
STAKE_API STAKE_WUR stake_rc stake_u256_to_be32(uint8_t out[STAKE_U256_BYTES],
                                                const stake_u256 *a);

/* Writes a in decimal, without leading zeros, NUL-terminated, into buf of
 * size bytes. STAKE_EBUFSIZE, with buf untouched, if it does not fit;
 * STAKE_U256_DEC_SIZE bytes always suffice. */
STAKE_API STAKE_WUR stake_rc stake_u256_to_dec(char *buf, size_t size, const stake_u256 *a);

/* Writes a as "0x" and lower-case hexadecimal digits without leading
 * zeros ("0x0" for zero), NUL-terminated. STAKE_U256_HEX_SIZE bytes always
 * suffice. */
STAKE_API STAKE_WUR stake_rc stake_u256_to_hex(char *buf, size_t size, const stake_u256 *a);

/* ---- comparison -------------------------------------------------------- */

/* -1, 0 or 1 as a is less than, equal to or greater than b. Total even on
 * misuse: a NULL pointer compares below every value, and two NULLs are
 * equal. */
STAKE_API int stake_u256_cmp(const stake_u256 *a, const stake_u256 *b);

/* ---- checked arithmetic -------------------------------------------------
 * Each refuses where Solidity 0.8 checked arithmetic reverts. */

/* *out = a + b; STAKE_EOVERFLOW if the sum is 2^256 or more. */
STAKE_API STAKE_WUR stake_rc stake_u256_add(stake_u256 *out, const stake_u256 *a,
                                            const stake_u256 *b);

/* *out = a - b; STAKE_EUNDERFLOW if b > a. */
STAKE_API STAKE_WUR stake_rc stake_u256_sub(stake_u256 *out, const stake_u256 *a,
                                            const stake_u256 *b);

/* *out = a * b; STAKE_EOVERFLOW if the product is 2^256 or more. */
STAKE_API STAKE_WUR stake_rc stake_u256_mul(stake_u256 *out, const stake_u256 *a,
                                            const stake_u256 *b);

/* *out = floor(a / b); STAKE_EDIVZERO if b is zero. */
STAKE_API STAKE_WUR stake_rc stake_u256_div(stake_u256 *out, const stake_u256 *a,
                                            const stake_u256 *b);

/* *out = a mod b; STAKE_EDIVZERO if b is zero. */
STAKE_API STAKE_WUR stake_rc stake_u256_mod(stake_u256 *out, const stake_u256 *a,
                                            const stake_u256 *b);

/* *quot = floor(a / b) and *rem = a mod b in one division. Either output
 * may be NULL if not wanted, but not both. STAKE_EDIVZERO if b is zero. */
STAKE_API STAKE_WUR stake_rc stake_u256_divmod(stake_u256 *quot, stake_u256 *rem,
                                               const stake_u256 *a, const stake_u256 *b);

/* *out = a * b / c rounded as asked, computed exactly through a 512-bit
 * product: OpenZeppelin's Math.mulDiv(a, b, c, rounding). Refuses where it
 * reverts: STAKE_EDIVZERO if c is zero, STAKE_EOVERFLOW if the rounded
 * result is 2^256 or more (for CEIL this includes a floor of 2^256 - 1
 * with a remainder). STAKE_EINVAL for a rounding outside stake_rounding. */
STAKE_API STAKE_WUR stake_rc stake_u256_muldiv(stake_u256 *out, const stake_u256 *a,
                                               const stake_u256 *b, const stake_u256 *c,
                                               stake_rounding rounding);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_U256_H */
