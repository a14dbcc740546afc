/*
 * libstake: EigenLayer's restaking slashing arithmetic as pure functions
 * (slashing release: SlashingLib, DelegationManager, AllocationManager,
 * EigenPodManager, StrategyBase).
 *
 * EigenLayer never rewrites a staker's storage when an operator is
 * slashed. A staker holds deposit shares s and a deposit scaling factor k;
 * the operator has a max magnitude m per strategy; a pod owner has a
 * beacon-chain slashing factor l. What the staker can withdraw is
 * s * k * (m * l), each product floored against WAD = 1e18, so a slash
 * lowers m and every delegated staker loses pro rata at once ("lazily").
 * Operator-side amounts round up, staker-side amounts round down, so the
 * operator's delegated shares stay at least the sum of what its stakers
 * can withdraw.
 *
 * Conventions as in <stake/risk.h>: outputs first, STAKE_OK or a negative
 * code, outputs untouched on error, NULL is STAKE_EINVAL. Each function is
 * one contract function with its formula, its rounding and its refusals:
 * a mulDiv by zero is STAKE_EDIVZERO, a checked overflow STAKE_EOVERFLOW,
 * a checked underflow STAKE_EUNDERFLOW. Values the contracts keep in
 * uint64 (magnitudes, the beacon-chain factor) are uint64_t here; shares,
 * scaling factors and balances are stake_u256.
 */
#ifndef STAKE_EIGENLAYER_H
#define STAKE_EIGENLAYER_H

#include <stdint.h>
#include "u256.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 1e18: "one" for magnitudes, scaling and slashing factors. */
#define STAKE_EIGEN_WAD 1000000000000000000ULL
/* StrategyBase's virtual offsets (SHARES_OFFSET and BALANCE_OFFSET). */
#define STAKE_EIGEN_STRATEGY_OFFSET 1000ULL
/* StrategyBase's MAX_TOTAL_SHARES is 1e38 - 1: see
 * stake_eigen_strategy_deposit. */

/* ==== Stakers: deposit shares, scaling factor, withdrawable shares ======= */

/* _getSlashingFactor: the factor applied to a staker's shares. For the
 * beacon-chain ETH strategy fl(max_magnitude * beacon_factor / WAD); for
 * every other strategy the operator's max magnitude itself (pass
 * beacon_factor = STAKE_EIGEN_WAD, which gives exactly that). A staker who
 * is not delegated has max_magnitude = WAD. The result can round to 0 at
 * tiny magnitudes, which makes the staker "fully slashed". */
STAKE_API STAKE_WUR stake_rc stake_eigen_slashing_factor(stake_u256 *out, uint64_t max_magnitude,
                                                         uint64_t beacon_factor);

/* SlashingLib.calcWithdrawable: fl(fl(deposit_shares * k / WAD) *
 * slashing_factor / WAD), where k is the stored deposit scaling factor,
 * 0 meaning WAD. STAKE_EOVERFLOW where the contract's mulDiv reverts. */
STAKE_API STAKE_WUR stake_rc stake_eigen_withdrawable(stake_u256 *out,
                                                      const stake_u256 *deposit_shares,
                                                      const stake_u256 *scaling_factor,
                                                      const stake_u256 *slashing_factor);

/* SlashingLib.calcDepositShares (convertToDepositShares): fl(fl(
 * withdrawable * WAD / k) * WAD / slashing_factor), k = 0 meaning WAD.
 * STAKE_EDIVZERO for a zero slashing factor, STAKE_EOVERFLOW. */
STAKE_API STAKE_WUR stake_rc stake_eigen_deposit_shares(stake_u256 *out,
                                                        const stake_u256 *withdrawable,
                                                        const stake_u256 *scaling_factor,
                                                        const stake_u256 *slashing_factor);

/* _increaseDelegation with SlashingLib.update: the scaling factor stored
 * after added_shares join prev_deposit_shares under slashing_factor.
 * STAKE_EFULLYSLASHED if slashing_factor is 0 (checked first); the factor
 * unchanged if added_shares is 0. A first deposit (prev 0) stores
 * fl(k * WAD / slashing_factor), "forgiving" earlier slashing. Otherwise
 * fl(fl((withdrawable(prev) + added) * WAD / (prev + added)) * WAD /
 * slashing_factor), refused with STAKE_EZEROSCALING when that is 0.
 * *out is the value stored, so a stored 0 still reads as WAD.
 * STAKE_EOVERFLOW for checked sums and mulDiv results of 2^256. */
STAKE_API STAKE_WUR stake_rc stake_eigen_update_scaling_factor(stake_u256 *out,
                                                               const stake_u256 *scaling_factor,
                                                               const stake_u256 *prev_deposit_shares,
                                                               const stake_u256 *added_shares,
                                                               const stake_u256 *slashing_factor);

/* ==== Queued withdrawals ================================================== */

/* _removeSharesAndQueueWithdrawal for deposit_shares (the input is deposit
 * shares, not withdrawable ones): *withdrawable = calcWithdrawable(x, k,
 * sf), removed from the operator's delegated shares; *scaled =
 * fl(x * k / WAD), stored in the withdrawal and added to the operator's
 * cumulative scaled shares. Either output may be NULL, not both. */
STAKE_API STAKE_WUR stake_rc stake_eigen_queue_withdrawal(stake_u256 *withdrawable,
                                                          stake_u256 *scaled,
                                                          const stake_u256 *deposit_shares,
                                                          const stake_u256 *scaling_factor,
                                                          const stake_u256 *slashing_factor);

/* scaleForCompleteWithdrawal: the shares a completed withdrawal pays,
 * fl(scaled * slashing_factor / WAD) with the slashing factor read at block
 * start + MIN_WITHDRAWAL_DELAY_BLOCKS: a slash during the delay applies,
 * a later one does not. A result of 0 pays nothing (the contract skips). */
STAKE_API STAKE_WUR stake_rc stake_eigen_complete_withdrawal(stake_u256 *out,
                                                             const stake_u256 *scaled,
                                                             const stake_u256 *slashing_factor);

/* ==== Operators: AllocationManager.slashOperator ========================== */

#define STAKE_EIGEN_ALLOCATION_VERSION 1

/* An operator's allocation of one strategy to one operator set, and the
 * strategy's magnitudes, as slashOperator reads them (pending allocations
 * already applied). */
typedef struct stake_eigen_allocation {
    unsigned version;                  /* STAKE_EIGEN_ALLOCATION_VERSION */
    uint64_t current_magnitude;        /* allocated to this operator set */
    uint64_t max_magnitude;            /* the strategy's, starts at WAD */
    uint64_t encumbered_magnitude;     /* allocated to all sets plus pending */
    uint64_t pending_deallocation;     /* -pendingDiff when it is negative, else 0 */
} stake_eigen_allocation;

/* Zeroes an allocation, sets its version and max_magnitude = WAD. */
STAKE_API STAKE_WUR stake_rc stake_eigen_allocation_init(stake_eigen_allocation *allocation,
                                                         unsigned version);

typedef struct stake_eigen_slash {
    int skipped;                       /* current magnitude 0: nothing slashed */
    uint64_t slashed_magnitude;        /* ce(current * wad_to_slash / WAD) */
    uint64_t slashed_pending;          /* ce(pending * wad_to_slash / WAD) */
    stake_u256 wad_slashed;            /* fl(slashed * WAD / max): the share of
                                          the operator's stake slashed */
    uint64_t prev_max_magnitude;       /* for stake_eigen_slash_operator_shares */
    uint64_t new_max_magnitude;
    stake_eigen_allocation after;      /* magnitudes after the slash */
} stake_eigen_slash;

/* One strategy of slashOperator: wad_to_slash must be in (0, WAD]
 * (STAKE_EINVALIDSLASH otherwise, checked first). An allocation with
 * current magnitude 0 is skipped. Otherwise the slashed magnitude, rounded
 * up so that repeated tiny slashes never round to nothing, comes off the
 * current, max and encumbered magnitudes (STAKE_EUNDERFLOW if the
 * allocation is inconsistent), and a pending deallocation shrinks by its
 * own rounded-up share. */
STAKE_API STAKE_WUR stake_rc stake_eigen_slash_operator(stake_eigen_slash *out,
                                                        const stake_eigen_allocation *allocation,
                                                        const stake_u256 *wad_to_slash);

/* DelegationManager.slashOperatorShares after a max magnitude fell from
 * prev_max to new_max. *operator_slashed = op - ce(op * new / prev)
 * (calcSlashedAmount), what leaves the operator's delegated shares;
 * *to_burn adds the still-slashable queued shares: with the scaled shares
 * queued in the last MIN_WITHDRAWAL_DELAY_BLOCKS, q = fl(scaled * prev /
 * WAD) and q - ce(q * new / prev) (0 when prev is 0). STAKE_EDIVZERO when
 * prev_max is 0, STAKE_EUNDERFLOW when new_max > prev_max,
 * STAKE_EOVERFLOW. Either output may be NULL, not both. */
STAKE_API STAKE_WUR stake_rc stake_eigen_slash_operator_shares(stake_u256 *operator_slashed,
                                                               stake_u256 *to_burn,
                                                               const stake_u256 *operator_shares,
                                                               const stake_u256 *queued_scaled_shares,
                                                               uint64_t prev_max_magnitude,
                                                               uint64_t new_max_magnitude);

/* ==== Native ETH: EigenPodManager ========================================= */

/* _reduceSlashingFactor after a pod's restaked balance fell by decrease
 * wei: *new_factor = fl(prev_factor * (prev - decrease) / prev) and
 * *factor_decrease = prev_factor - *new_factor. The operator then loses
 * withdrawable(current deposit shares, k, slashing_factor(max_magnitude,
 * *factor_decrease)) delegated shares (decreaseDelegatedShares).
 * STAKE_EUNDERFLOW if decrease > prev, STAKE_EDIVZERO if prev is 0.
 * Either output may be NULL, not both. */
STAKE_API STAKE_WUR stake_rc stake_eigen_beacon_chain_slash(uint64_t *new_factor,
                                                            uint64_t *factor_decrease,
                                                            uint64_t prev_factor,
                                                            const stake_u256 *prev_restaked_balance,
                                                            const stake_u256 *decrease);

/* ==== Strategies: StrategyBase share <-> token ============================ */

/* deposit(): the tokens are already in the strategy, so balance includes
 * amount. *new_shares = amount * (total_shares + 1e3) / (balance + 1e3 -
 * amount), with Solidity's checked product (not a mulDiv: an overflow of
 * the product is STAKE_EOVERFLOW), STAKE_EUNDERFLOW if amount > balance +
 * 1e3, STAKE_EZEROSHARES if it rounds to 0, STAKE_EEXCEEDSMAX if the new
 * total passes 1e38 - 1, then STAKE_EOVERFLOW if the exchange rate the
 * contract emits, 1e18 * (balance + 1e3) / (new total + 1e3), overflows
 * its checked product (a balance from about 1.16e59). *total_after may be
 * NULL. */
STAKE_API STAKE_WUR stake_rc stake_eigen_strategy_deposit(stake_u256 *new_shares,
                                                          stake_u256 *total_after,
                                                          const stake_u256 *total_shares,
                                                          const stake_u256 *balance,
                                                          const stake_u256 *amount);

/* withdraw(): *amount = (balance + 1e3) * shares / (total_shares + 1e3),
 * checked product, floored. STAKE_EBALANCE if shares > total_shares;
 * STAKE_EOVERFLOW also when the emitted exchange rate, 1e18 * (balance +
 * 1e3 - *amount) / (new total + 1e3), overflows its checked product.
 * *total_after may be NULL. */
STAKE_API STAKE_WUR stake_rc stake_eigen_strategy_withdraw(stake_u256 *amount,
                                                           stake_u256 *total_after,
                                                           const stake_u256 *total_shares,
                                                           const stake_u256 *balance,
                                                           const stake_u256 *shares);

/* sharesToUnderlyingView: (balance + 1e3) * shares / (total_shares + 1e3). */
STAKE_API STAKE_WUR stake_rc stake_eigen_strategy_shares_to_underlying(
    stake_u256 *out, const stake_u256 *total_shares, const stake_u256 *balance,
    const stake_u256 *shares);

/* underlyingToSharesView: amount * (total_shares + 1e3) / (balance + 1e3). */
STAKE_API STAKE_WUR stake_rc stake_eigen_strategy_underlying_to_shares(
    stake_u256 *out, const stake_u256 *total_shares, const stake_u256 *balance,
    const stake_u256 *amount);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_EIGENLAYER_H */
