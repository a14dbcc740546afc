/*
 * Internal: SipHash-1-3, the keyed hash of the ledger's tables.
 */
#ifndef STAKE_LEDGER_SIPHASH_H
#define STAKE_LEDGER_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

/* SipHash-1-3 of data[0..len) under the 128-bit key (k0, k1). */
uint64_t stake__siphash13(uint64_t k0, uint64_t k1, const void *data, size_t len);

/* Fills key[0..4) with secret random words for a new object: getrandom(2)
 * when the kernel has entropy, otherwise a mix of the object's address, a
 * stack address and the clocks (see seed.c). Never fails. */
void stake__random_key(uint64_t key[4], uintptr_t object);

#endif /* STAKE_LEDGER_SIPHASH_H */
