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
    uint32_t block;                  /* block.number, for the stake limit */
    stake_lido_stake_limit stake_limit;
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

/* _transferShares' checks before the balance, in its order:
 * STAKE_EZEROADDRESS (either side), STAKE_ESELFRECIPIENT (to the stETH
 * contract), STAKE_ESTOPPED. */
stake_rc stake__steth_check_share_move(const stake_steth *token, const stake_address *from,
                                      const stake_address *to);

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

/* ---- the stake limit (stake_limit.c) ------------------------------------- */

/* STAKE_EINVAL unless both limits fit in 96 bits and prev_block <= block
 * <= 2^32 - 1. */
stake_rc stake__stake_limit_check(const stake_lido_stake_limit *state, uint64_t block);

/* The state after a deposit of amount (Lido._decreaseStakingLimit):
 * STAKE_ESTAKINGPAUSED, STAKE_ESTAKELIMIT. The caller stores *next once
 * the rest of its call has passed. */
stake_rc stake__steth_stake_limit_use(stake_lido_stake_limit *next, const stake_steth *token,
                                      const stake_u256 *amount);

/* The state after amount is given back (Lido._increaseStakingLimit):
 * STAKE_ETOOLARGE past 2^96 - 1. Stored by the caller likewise. */
stake_rc stake__steth_stake_limit_give_back(stake_lido_stake_limit *next,
                                            const stake_steth *token, const stake_u256 *amount);

/* setStakeLimitPauseState. */
void stake__steth_pause_staking(stake_steth *token, int paused);

/* ---- dry runs, for the withdrawal queue's batches (steth_dry.c) ----------
 *
 * requestWithdrawals([a1, a2, ...]) makes one token move after another
 * and reverts them all if any refuses. The queue checks the whole batch
 * before moving anything: each dry run below makes the checks of one
 * move, in the contract's order, against the state the batch's earlier
 * moves (not applied) would have left, and adds its own effect to
 * `pending`. Only the sender's stETH shares, its allowances to the queue,
 * its wstETH and the wrapper's stETH shares change along a batch, so that
 * is all `pending` tracks; this is exact as long as those accounts are
 * distinct (stake__steth_dry_runs_apply()). No move changes the rate, so
 * the totals are read once too. stake__steth_apply_pending() then makes
 * the batch's moves in one go. Start from a zeroed struct. */
typedef struct stake__steth_pending {
    unsigned read;                   /* which of the six below were read */
    stake_lido_totals totals;        /* the rate, for the whole batch */
    stake_u256 allowance_before;     /* the sender's allowance to the queue */
    stake_u256 shares_before;        /* the sender's stETH shares */
    stake_u256 wsteth_before;        /* the sender's wstETH */
    stake_u256 wsteth_allowance_before; /* the sender's wstETH allowance to the queue */
    stake_u256 wrapper_before;       /* the wrapper's stETH shares */
    stake_u256 allowance;            /* stETH allowance the batch spends */
    stake_u256 sender_shares;        /* stETH shares that leave the sender */
    stake_u256 sender_wsteth;        /* wstETH that leaves the sender (and is burnt) */
    stake_u256 wrapper_shares;       /* stETH shares the unwraps take from the wrapper */
} stake__steth_pending;

/* Whether the dry runs are exact for this sender and queue: neither is
 * the wrapper, the sender is not the Burner (whose shares a pending burn
 * locks) and not the queue itself. */
int stake__steth_dry_runs_apply(const stake_steth *token, const stake_address *sender,
                                const stake_address *queue);

/* stETH.transferFrom(sender, queue, amount) sent by the queue; *shares
 * receives the shares it would move. */
stake_rc stake__steth_dry_transfer_from(stake_u256 *shares, const stake_steth *token,
                                        const stake_address *sender,
                                        const stake_address *queue, const stake_u256 *amount,
                                        stake__steth_pending *pending);

/* wstETH.transferFrom(sender, queue, w), then wstETH.unwrap(w) sent by the
 * queue; *steth receives what the unwrap would pay, *shares the shares
 * that would move with it. */
stake_rc stake__steth_dry_wsteth_unwrap(stake_u256 *steth, stake_u256 *shares,
                                        const stake_steth *token, const stake_address *sender,
                                        const stake_address *queue, const stake_u256 *w,
                                        stake__steth_pending *pending);

/* Makes the moves the dry runs found room for: the allowances spent, the
 * shares moved from the sender and from the wrapper to the queue, the
 * wstETH moved to the queue and burnt; the same end state as the moves
 * made one by one. Only STAKE_ENOMEM, when the queue is a new holder:
 * call stake__steth_reserve_holders() first. */
stake_rc stake__steth_apply_pending(stake_steth *token, const stake_address *sender,
                                    const stake_address *queue,
                                    const stake__steth_pending *pending);

/* Room for `accounts` new holders of stETH and of wstETH, so that moves
 * that add them cannot fail for memory. */
stake_rc stake__steth_reserve_holders(stake_steth *token, size_t accounts);

#endif /* STAKE_LIDO_INTERNAL_H */
