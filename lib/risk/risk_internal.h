/*
 * Internal: small helpers shared by the files of lib/risk.
 *
 * The risk functions are short chains of checked 256-bit operations, so
 * they are written with the public stake_u256_* calls (which refuse exactly
 * where Solidity 0.8 / SafeMath revert) plus the few things those do not
 * give: constants, 64-bit conversions, and the wrapping arithmetic of
 * Solidity's `unchecked` blocks.
 */
#ifndef STAKE_RISK_INTERNAL_H
#define STAKE_RISK_INTERNAL_H

#include "../core/values.h"

#include <stdint.h>
#include <string.h>
#include "stake/risk.h"
#include "stake/eigenlayer.h"

/* Constants the contracts use, as 256-bit values. */
extern const stake_u256 stake__risk_zero;
extern const stake_u256 stake__risk_gwei;        /* 1e9 */
extern const stake_u256 stake__risk_pwei;        /* 1e15 */
extern const stake_u256 stake__risk_ether;       /* 1e18 */
extern const stake_u256 stake__risk_e27;         /* 1e27: SHARE_RATE_PRECISION_E27 */
extern const stake_u256 stake__risk_bp;          /* 1e4: MAX_BASIS_POINTS */
extern const stake_u256 stake__risk_uint128_max; /* 2^128 - 1 */

static inline stake_u256 stake__risk_u64(uint64_t v)
{
    stake_u256 r = { { v, 0, 0, 0 } };
    return r;
}

/* a < b, a <= b, ... without the NULL handling of stake_u256_cmp. */
static inline int stake__risk_lt(const stake_u256 *a, const stake_u256 *b)
{
    return stake_u256_cmp(a, b) < 0;
}

static inline const stake_u256 *stake__risk_min(const stake_u256 *a, const stake_u256 *b)
{
    return stake_u256_cmp(a, b) <= 0 ? a : b;
}

/* Low 256 bits of a + b, a - b and a * b: Solidity's `unchecked`. */
stake_u256 stake__risk_wrapping_add(const stake_u256 *a, const stake_u256 *b);
stake_u256 stake__risk_wrapping_sub(const stake_u256 *a, const stake_u256 *b);
stake_u256 stake__risk_wrapping_mul(const stake_u256 *a, const stake_u256 *b);

/* STAKE_EINVAL unless limits is non-NULL, of this header's version and
 * within the bounds the contract's setters enforce. */
stake_rc stake__risk_check_limits(const stake_lido_limits *limits);

/* The arguments every check of a whole accounting report takes: the
 * limits as above, out and report non-NULL, the report of this header's
 * version, and a history array whenever n says there is one. */
stake_rc stake__risk_check_report_args(const void *out, const stake_lido_limits *limits,
                                       const stake_lido_report_record *history, size_t n,
                                       const stake_lido_accounting_report *report);

/* STAKE_EINVAL unless the config is non-NULL, of this version, and its
 * divisors (seconds per slot, slots per epoch, epochs per frame) are
 * non-zero. */
stake_rc stake__risk_check_config(const stake_lido_oracle_config *config);

#endif /* STAKE_RISK_INTERNAL_H */
