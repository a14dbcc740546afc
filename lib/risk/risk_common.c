/*
 * Constants and the wrapping arithmetic of Solidity's `unchecked` blocks,
 * shared by the files of lib/risk.
 */
#include "risk_internal.h"

const stake_u256 stake__risk_zero = { { 0, 0, 0, 0 } };
const stake_u256 stake__risk_gwei = { { 1000000000ULL, 0, 0, 0 } };
const stake_u256 stake__risk_pwei = { { 1000000000000000ULL, 0, 0, 0 } };
const stake_u256 stake__risk_ether = { { 1000000000000000000ULL, 0, 0, 0 } };
const stake_u256 stake__risk_e27 = { { 0x9fd0803ce8000000ULL, 0x33b2e3cULL, 0, 0 } };
const stake_u256 stake__risk_bp = { { 10000, 0, 0, 0 } };
const stake_u256 stake__risk_uint128_max = { { UINT64_MAX, UINT64_MAX, 0, 0 } };

stake_u256 stake__risk_wrapping_add(const stake_u256 *a, const stake_u256 *b)
{
    stake_u256 r;
    uint64_t carry = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t s = a->w[i] + carry;
        uint64_t c1 = s < carry;
        r.w[i] = s + b->w[i];
        carry = c1 | (r.w[i] < s);
    }
    return r;
}

stake_u256 stake__risk_wrapping_sub(const stake_u256 *a, const stake_u256 *b)
{
    stake_u256 r;
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t ai = a->w[i], bi = b->w[i];
        r.w[i] = ai - bi - borrow;
        borrow = (ai < bi) | ((ai == bi) & borrow);
    }
    return r;
}

/* Schoolbook product of 64-bit limbs, keeping the low four: the EVM's MUL. */
stake_u256 stake__risk_wrapping_mul(const stake_u256 *a, const stake_u256 *b)
{
    stake_u256 r = { { 0, 0, 0, 0 } };
    for (int i = 0; i < 4; i++) {
        unsigned __int128 carry = 0;
        for (int j = 0; i + j < 4; j++) {
            unsigned __int128 t = (unsigned __int128)a->w[i] * b->w[j] + r.w[i + j] + carry;
            r.w[i + j] = (uint64_t)t;
            carry = t >> 64;
        }
    }
    return r;
}
