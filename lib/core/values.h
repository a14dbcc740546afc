/*
 * Internal: small predicates on the public value types, shared by every
 * module so that each does not grow its own copy.
 */
#ifndef STAKE_CORE_VALUES_H
#define STAKE_CORE_VALUES_H

#include <stdint.h>
#include <string.h>
#include "stake/u256.h"
#include "stake/address.h"

static inline int stake__u256_is_zero(const stake_u256 *v)
{
    return (v->w[0] | v->w[1] | v->w[2] | v->w[3]) == 0;
}

/* 2^256 - 1: the infinite allowance of ERC-20 contracts. */
static inline int stake__u256_is_max(const stake_u256 *v)
{
    return (v->w[0] & v->w[1] & v->w[2] & v->w[3]) == UINT64_MAX;
}

static inline int stake__address_eq(const stake_address *a, const stake_address *b)
{
    return memcmp(a->bytes, b->bytes, sizeof a->bytes) == 0;
}

#endif /* STAKE_CORE_VALUES_H */
