/*
 * libstake: 20-byte account addresses.
 *
 * stake_address is a transparent value type holding an Ethereum address
 * in its natural byte order. Text form is "0x" and 40 hexadecimal digits;
 * the EIP-55 mixed-case checksum is accepted but not verified.
 */
#ifndef STAKE_ADDRESS_H
#define STAKE_ADDRESS_H

#include <stddef.h>
#include <stdint.h>
#include "version.h"
#include "errors.h"

#ifdef __cplusplus
extern "C" {
#endif

#define STAKE_ADDRESS_BYTES 20
/* Buffer size for stake_address_to_hex(), NUL included. */
#define STAKE_ADDRESS_HEX_SIZE 43

typedef struct stake_address {
    uint8_t bytes[STAKE_ADDRESS_BYTES];
} stake_address;

/* Parses "0x" or "0X" followed by exactly 40 hexadecimal digits of either
 * case. Errors: STAKE_EINVAL (NULL), STAKE_EEMPTY (""), STAKE_ESYNTAX
 * (missing prefix, bad character, fewer than 40 digits), STAKE_ETOOLONG
 * (more than 40). err, if not NULL, receives the detail. */
STAKE_API STAKE_WUR stake_rc stake_address_from_hex(stake_address *out, const char *s,
                                                    stake_error *err);

/* Writes "0x" and 40 lower-case hexadecimal digits, NUL-terminated.
 * STAKE_EBUFSIZE if size < STAKE_ADDRESS_HEX_SIZE. */
STAKE_API STAKE_WUR stake_rc stake_address_to_hex(char *buf, size_t size, const stake_address *a);

/* Non-zero if a is the zero address (or NULL). */
STAKE_API int stake_address_is_zero(const stake_address *a);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_ADDRESS_H */
