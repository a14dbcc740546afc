/*
 * Internal: the conversion engine behind stake_convert_batch() and
 * stake_ledger_convert_all().
 */
#ifndef STAKE_CORE_CONVERT_H
#define STAKE_CORE_CONVERT_H

#include <stddef.h>
#include "stake/conversion.h"

/* out[i] = conversion of the stake_u256 found at (const char *)in + i *
 * stride, for i < n. All or nothing: inputs are validated first, and on
 * error out is untouched and *failed_index (if not NULL) is the first
 * offending index. out may coincide with the inputs only when stride is
 * sizeof(stake_u256). */
stake_rc stake__convert_strided(stake_u256 *out, const void *in, size_t stride, size_t n,
                                const stake_conversion *conv, size_t *failed_index);

#endif /* STAKE_CORE_CONVERT_H */
