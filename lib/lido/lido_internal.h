/*
 * Internal: the stETH model state and helpers shared by the files of lib/lido.
 */
#ifndef STAKE_LIDO_INTERNAL_H
#define STAKE_LIDO_INTERNAL_H

#include <string.h>
#include "stake/lido.h"
#include "../core/values.h"

extern const stake_u256 stake__lido_uint128_max;     /* 2^128 - 1 */
extern const stake_u256 stake__lido_deposit_size;    /* 32 ether */
extern const stake_u256 stake__lido_fee_precision;   /* 1e20 */

/* Whether a value has none of its high 128 bits set. */
static inline int stake__lido_fits_uint128(const stake_u256 *x)
{
    return !(x->w[2] | x->w[3]);
}

/* STAKE_EINVAL for a bad version or external shares under V2. */
stake_rc stake__lido_check_totals(const stake_lido_totals *totals);

struct stake_steth {
    stake_lido_version protocol;
    stake_address self;              /* the stETH contract */
    stake_address wsteth;            /* the wstETH contract */
    stake_address burner;            /* the Burner */
    stake_u256 burn_requested;       /* shares in the Burner awaiting a report */
    uint32_t max_external_ratio_bp;
    stake_steth_pool pool;
    stake_u256 external_shares;      /* V3 */
    int stopped;
    stake_ledger *shares;            /* stETH shares of every holder */
    stake_ledger *wrapped;           /* wstETH balances */
};

/* The initial holder of a scratch deploy, 0x...dEaD. */
extern const stake_address stake__lido_dead;

/* Internal ether and shares of a token (the share rate). */
stake_rc stake__steth_totals(stake_lido_totals *out, const stake_steth *token);

/* Internal ether of a pool: buffered + CL balance + transient. */
stake_rc stake__steth_internal_ether(stake_u256 *out, const stake_steth_pool *pool);

/* _mintShares: recipient non-zero; V3: not the stETH contract, new total
 * below 2^128. */
stake_rc stake__steth_mint(stake_steth *token, const stake_address *to, const stake_u256 *shares);

/* _transferShares: the contract's checks in its order, then the move. */
stake_rc stake__steth_move_shares(stake_steth *token, const stake_address *from,
                                  const stake_address *to, const stake_u256 *shares);

/* STAKE_EBALANCE if `from` is the wstETH wrapper (whose stETH only its
 * unwrap moves) or the Burner and the shares would dip into what it holds
 * for a pending burn; STAKE_OK for any other account. */
stake_rc stake__steth_check_unlocked(const stake_steth *token, const stake_address *from,
                                     const stake_u256 *shares);

/* The wrapper's stETH.transfer(holder, amount) inside unwrap. */
stake_rc stake__steth_unwrap_transfer(stake_steth *token, const stake_address *holder,
                                      const stake_u256 *amount);

/* _spendAllowance in tokens (infinite allowance untouched). */
stake_rc stake__steth_spend_allowance(stake_steth *token, const stake_address *owner,
                                      const stake_address *spender, const stake_u256 *amount);

#endif /* STAKE_LIDO_INTERNAL_H */
