/*
 * libstake: Lido stETH (rebasing), wstETH (its wrapper) and the oracle
 * report that rebases them, for the V2 and V3 versions of the protocol.
 *
 * Two layers:
 *
 *  1. Pure functions of stake_lido_totals, the numbers stETH's share rate
 *     depends on. These reproduce StETH.sol's views exactly and need no
 *     object: fill the totals from the chain and convert.
 *
 *  2. stake_steth, a stateful model of the token: a share ledger, the
 *     pool's ether (buffer, consensus-layer balance, validators), external
 *     shares (V3), allowances in tokens, the wstETH wrapper and the
 *     oracle report with fee shares. Every operation refuses where the
 *     contract reverts, with the same checks in the same order, and leaves
 *     the model unchanged when it refuses.
 *
 * The share rate is internal ether / internal shares. In V2 these are the
 * total pooled ether and the total shares. In V3 external shares (minted
 * against stVaults) are excluded from both: internal shares = total
 * shares - external shares, and external ether = floor(external shares *
 * internal ether / internal shares) is added back only for totalSupply().
 * Using total ether / total shares under V3 can be 1 wei off the chain.
 */
#ifndef STAKE_LIDO_H
#define STAKE_LIDO_H

#include <stddef.h>
#include "u256.h"
#include "address.h"
#include "conversion.h"
#include "ledger.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum stake_lido_version {
    STAKE_LIDO_V2 = 2,
    STAKE_LIDO_V3 = 3
} stake_lido_version;

/* 32 ether, the deposit size of a validator. */
#define STAKE_LIDO_DEPOSIT_SIZE_DEC "32000000000000000000"
/* Fees are expressed with 1e20 meaning 100% (StakingRouter precision). */
#define STAKE_LIDO_FEE_PRECISION_DEC "100000000000000000000"

/* ==== 1. pure conversions ================================================= */

typedef struct stake_lido_totals {
    stake_lido_version version;
    stake_u256 internal_ether;    /* V2: total pooled ether */
    stake_u256 internal_shares;   /* V2: total shares */
    stake_u256 external_shares;   /* V3 only; must be zero for V2 */
} stake_lido_totals;

/* getSharesByPooledEth: floor(eth * IS / IE). V3 refuses eth >= 2^128 - 1
 * with STAKE_ETOOLARGE. STAKE_EDIVZERO if IE is zero, STAKE_EINVAL for a
 * bad version or external shares under V2. The product is formed as each
 * version's StETH.sol forms it: V2 with SafeMath (STAKE_EOVERFLOW past
 * 2^256), V3 with a plain 0.4.24 `*` that wraps modulo 2^256 (possible
 * only once IE reaches 2^128 wei; the wrapped quotient is returned, as on
 * chain). The same holds for every V3 conversion below. */
STAKE_API STAKE_WUR stake_rc stake_lido_shares_by_pooled_eth(stake_u256 *out,
                                                             const stake_lido_totals *totals,
                                                             const stake_u256 *eth);

/* getPooledEthByShares: floor(shares * IE / IS); same refusals. */
STAKE_API STAKE_WUR stake_rc stake_lido_pooled_eth_by_shares(stake_u256 *out,
                                                             const stake_lido_totals *totals,
                                                             const stake_u256 *shares);

/* getPooledEthBySharesRoundUp: ceil(shares * IE / IS); same refusals,
 * except that a zero product gives 0 without dividing (ceilDiv), even
 * when IS is zero. */
STAKE_API STAKE_WUR stake_rc stake_lido_pooled_eth_by_shares_round_up(
    stake_u256 *out, const stake_lido_totals *totals, const stake_u256 *shares);

/* getExternalEther: floor(ES * IE / IS), which under V3 divides even when
 * ES is zero (STAKE_EDIVZERO for IS = 0) and wraps its product as the
 * conversions do; zero under V2. */
STAKE_API STAKE_WUR stake_rc stake_lido_external_ether(stake_u256 *out,
                                                       const stake_lido_totals *totals);

/* getTotalPooledEther = totalSupply(): IE + external ether. */
STAKE_API STAKE_WUR stake_rc stake_lido_total_pooled_ether(stake_u256 *out,
                                                           const stake_lido_totals *totals);

/* getTotalShares: IS + ES. */
STAKE_API STAKE_WUR stake_rc stake_lido_total_shares(stake_u256 *out,
                                                     const stake_lido_totals *totals);

typedef enum stake_lido_direction {
    STAKE_LIDO_ETHER_TO_SHARES = 0,          /* getSharesByPooledEth */
    STAKE_LIDO_SHARES_TO_ETHER = 1,          /* getPooledEthByShares, balanceOf */
    STAKE_LIDO_SHARES_TO_ETHER_ROUND_UP = 2  /* getPooledEthBySharesRoundUp */
} stake_lido_direction;

/* The conversion the contract applies in that direction, for
 * stake_convert_batch() and stake_ledger_convert_all(): every balance
 * after a rebase in one call. */
STAKE_API STAKE_WUR stake_rc stake_lido_conversion(stake_conversion *out,
                                                   const stake_lido_totals *totals,
                                                   stake_lido_direction direction);

/* ==== fee arithmetic of the oracle report ================================== */

/* V2 fee shares: floor(R * fee * S / ((P + R) * 1e20 - R * fee)), with R
 * the rewards, fee the total fee (1e20 = 100%) and P, S the pooled ether
 * and total shares before the report. Checked arithmetic as SafeMath:
 * STAKE_EOVERFLOW, STAKE_EUNDERFLOW, STAKE_EDIVZERO. */
STAKE_API STAKE_WUR stake_rc stake_lido_fee_shares_v2(stake_u256 *out, const stake_u256 *rewards,
                                                      const stake_u256 *total_fee,
                                                      const stake_u256 *pre_total_shares,
                                                      const stake_u256 *pre_total_ether);

/* V3 fee shares: fee_ether = floor(R * fee / 1e20), then
 * floor(fee_ether * IS / (IE - fee_ether)) with IS the internal shares
 * after burns and IE the internal ether after the report. fee_ether may
 * be NULL. Same refusals. */
STAKE_API STAKE_WUR stake_rc stake_lido_fee_shares_v3(stake_u256 *out, stake_u256 *fee_ether,
                                                      const stake_u256 *rewards,
                                                      const stake_u256 *total_fee,
                                                      const stake_u256 *internal_shares,
                                                      const stake_u256 *post_internal_ether);

/* A staking module as the StakingRouter sees it. */
typedef struct stake_lido_module {
    stake_address recipient;      /* where its fee shares go */
    uint64_t active_validators;
    uint32_t module_fee_bp;       /* basis points, 10000 = 100% */
    uint32_t treasury_fee_bp;
    int stopped;                  /* a stopped module's fee goes to the treasury */
} stake_lido_module;

/* StakingRouter.getStakingRewardsDistribution(): for each module with
 * active validators, share = floor(active * 1e20 / total active), its fee
 * floor(share * module_fee_bp / 1e4) (zero if stopped), and the total fee
 * adds floor(share * treasury_fee_bp / 1e4) plus the module's fee even
 * when stopped. fees[i] is written for every i < n (zero for modules
 * without active validators). STAKE_EINVAL if the total exceeds 100%. */
STAKE_API STAKE_WUR stake_rc stake_lido_module_fees(stake_u256 *fees, stake_u256 *total_fee,
                                                    const stake_lido_module *modules, size_t n);

/* Splits fee shares: module i gets floor(fee_shares * fees[i] / total
 * fee) when fees[i] > 0, the treasury the remainder (it absorbs the
 * rounding). module_shares[i] is written for every i < n. */
STAKE_API STAKE_WUR stake_rc stake_lido_split_fee_shares(stake_u256 *module_shares,
                                                         stake_u256 *treasury_shares,
                                                         const stake_u256 *fee_shares,
                                                         const stake_u256 *fees, size_t n,
                                                         const stake_u256 *total_fee);

/* ==== 2. the stETH token ===================================================== */

typedef struct stake_steth stake_steth;

#define STAKE_STETH_PARAMS_VERSION 1

typedef struct stake_steth_params {
    unsigned version;                /* STAKE_STETH_PARAMS_VERSION */
    stake_lido_version protocol;     /* STAKE_LIDO_V2 or STAKE_LIDO_V3 */
    stake_address steth;             /* the token contract (refused as a recipient) */
    stake_address wsteth;            /* the wstETH wrapper contract */
    stake_address burner;            /* the Burner, holding shares requested to burn */
    stake_u256 initial_ether;        /* bootstrap: minted 1:1 as shares to 0x...dead */
    uint32_t max_external_ratio_bp;  /* V3: cap of external shares, 10000 = none */
    size_t expected_accounts;        /* ledger sizing hint, 0 if unknown */
} stake_steth_params;

/* Initialises params with the defaults: V3, zero addresses except
 * stETH = 0xae7ab96520de3a18e5e111b5eaab095312d7fe84 and wstETH =
 * 0x7f39c581f595b53c5cb19bd0b3f8da6c935e2ca0 and Burner =
 * 0xd15a672319cf0352560ee76d9e89eab0889046d3 (mainnet), 1 ether initial,
 * no external cap. */
STAKE_API STAKE_WUR stake_rc stake_steth_params_init(stake_steth_params *params, unsigned version);

/* Creates a token as a scratch deploy would: the initial ether is
 * buffered and the same number of shares minted to the initial holder
 * 0x000000000000000000000000000000000000dEaD ("the stone in the
 * elevator"). STAKE_EZEROAMOUNT if initial_ether is zero; STAKE_EINVAL
 * for bad params. */
STAKE_API STAKE_WUR stake_rc stake_steth_new(stake_steth **out, const stake_steth_params *params);

/* Frees a token; NULL is ignored. */
STAKE_API void stake_steth_free(stake_steth *token);

/* An independent copy, for what-if simulations. */
STAKE_API STAKE_WUR stake_rc stake_steth_clone(stake_steth **out, const stake_steth *token);

/* The pool's ether as Lido.sol stores it. Internal ether = buffered +
 * CL balance + (deposited - CL validators) * 32 ether. */
typedef struct stake_steth_pool {
    stake_u256 buffered_ether;
    stake_u256 cl_balance;
    stake_u256 cl_validators;
    stake_u256 deposited_validators;
} stake_steth_pool;

STAKE_API STAKE_WUR stake_rc stake_steth_get_pool(stake_steth_pool *out, const stake_steth *token);

/* Replaces the pool's ether, to mirror a chain state. STAKE_EINVAL if
 * deposited < CL validators or the internal ether overflows. */
STAKE_API STAKE_WUR stake_rc stake_steth_set_pool(stake_steth *token, const stake_steth_pool *pool);

/* The totals the share rate depends on, for the pure functions above. */
STAKE_API STAKE_WUR stake_rc stake_steth_totals(stake_lido_totals *out, const stake_steth *token);

/* The ledger of stETH shares (read-only, borrowed: valid until the token
 * is freed). */
STAKE_API const stake_ledger *stake_steth_ledger(const stake_steth *token);

/* Views: totalSupply() (total pooled ether), getTotalShares(),
 * sharesOf(), balanceOf() = getPooledEthByShares(sharesOf()),
 * allowance() in tokens. */
STAKE_API STAKE_WUR stake_rc stake_steth_total_supply(stake_u256 *out, const stake_steth *token);
STAKE_API STAKE_WUR stake_rc stake_steth_total_shares(stake_u256 *out, const stake_steth *token);
STAKE_API STAKE_WUR stake_rc stake_steth_shares_of(stake_u256 *out, const stake_steth *token,
                                                   const stake_address *account);
STAKE_API STAKE_WUR stake_rc stake_steth_balance_of(stake_u256 *out, const stake_steth *token,
                                                    const stake_address *account);
STAKE_API STAKE_WUR stake_rc stake_steth_allowance(stake_u256 *out, const stake_steth *token,
                                                   const stake_address *owner,
                                                   const stake_address *spender);

/* transfer(to, amount) by from: moves floor(amount * IS / IE) shares
 * (written to shares_moved if not NULL). The recipient's balance grows by
 * amount, amount - 1 or amount - 2, exactly as on chain. Refusals, in the
 * contract's order: STAKE_ETOOLARGE (V3, amount >= 2^128 - 1),
 * STAKE_EZEROADDRESS (from or to is zero), STAKE_ESELFRECIPIENT (to is
 * the stETH contract), STAKE_ESTOPPED, STAKE_EBALANCE.
 *
 * Two contract accounts are locked as on chain, for this and every other
 * transfer and burn: the wstETH wrapper counts as holding nothing (its
 * stETH leaves only through stake_wsteth_unwrap()), the Burner as holding
 * only what exceeds the shares requested to burn (a report burns those).
 * The one way out on chain is kept: stake_steth_transfer_shares_from() of
 * shares worth 0 wei. */
STAKE_API STAKE_WUR stake_rc stake_steth_transfer(stake_u256 *shares_moved, stake_steth *token,
                                                  const stake_address *from,
                                                  const stake_address *to,
                                                  const stake_u256 *amount);

/* transferShares(to, shares) by from: moves exactly shares; eth_amount
 * (if not NULL) receives floor(shares * IE / IS), the amount the event
 * reports. Same refusals (the bound applies to shares). */
STAKE_API STAKE_WUR stake_rc stake_steth_transfer_shares(stake_u256 *eth_amount, stake_steth *token,
                                                         const stake_address *from,
                                                         const stake_address *to,
                                                         const stake_u256 *shares);

/* transferFrom(from, to, amount) by spender: spends amount of allowance
 * in tokens (STAKE_EALLOWANCE; an allowance of 2^256 - 1 is infinite),
 * then transfers. */
STAKE_API STAKE_WUR stake_rc stake_steth_transfer_from(stake_u256 *shares_moved, stake_steth *token,
                                                       const stake_address *spender,
                                                       const stake_address *from,
                                                       const stake_address *to,
                                                       const stake_u256 *amount);

/* transferSharesFrom(from, to, shares) by spender: spends
 * floor(shares * IE / IS) of allowance (no zero check: at a rate below
 * 1 shares worth 0 wei move with no allowance, as on chain), then moves
 * the shares. Such a zero-value move also takes shares out of the
 * wrapper or the Burner (Lido core issue #1399), which the contracts
 * cannot prevent: a later unwrap or burn of them then refuses with
 * STAKE_EBALANCE, as on chain. */
STAKE_API STAKE_WUR stake_rc stake_steth_transfer_shares_from(stake_u256 *eth_amount,
                                                              stake_steth *token,
                                                              const stake_address *spender,
                                                              const stake_address *from,
                                                              const stake_address *to,
                                                              const stake_u256 *shares);

/* approve(spender, amount) by owner. STAKE_EZEROADDRESS if either is zero. */
STAKE_API STAKE_WUR stake_rc stake_steth_approve(stake_steth *token, const stake_address *owner,
                                                 const stake_address *spender,
                                                 const stake_u256 *amount);

/* increaseAllowance / decreaseAllowance by owner. Decrease refuses with
 * STAKE_EALLOWANCE below zero; increase with STAKE_EOVERFLOW. */
STAKE_API STAKE_WUR stake_rc stake_steth_increase_allowance(stake_steth *token,
                                                            const stake_address *owner,
                                                            const stake_address *spender,
                                                            const stake_u256 *added);
STAKE_API STAKE_WUR stake_rc stake_steth_decrease_allowance(stake_steth *token,
                                                            const stake_address *owner,
                                                            const stake_address *spender,
                                                            const stake_u256 *subtracted);

/* submit(): sender deposits value wei. The shares, floor(value * IS /
 * IE), are computed before the buffer grows; the depositor's balance is
 * at most value and the remainder accrues to every holder. The deposit
 * uses up as much of the stake limit (see below). Refusals, in the
 * contract's order: STAKE_EZEROAMOUNT, STAKE_ESTAKINGPAUSED,
 * STAKE_ESTAKELIMIT (value above the current stake limit),
 * STAKE_ETOOLARGE (V3), STAKE_ESHARESOVERFLOW (total shares would reach
 * 2^128), STAKE_EZEROADDRESS (sender zero). */
STAKE_API STAKE_WUR stake_rc stake_steth_submit(stake_u256 *shares, stake_steth *token,
                                                const stake_address *sender,
                                                const stake_u256 *value);

/* Sends count validators' deposits from the buffer to the deposit
 * contract: buffered -= count * 32 ether, deposited += count. The
 * internal ether does not change (the ether becomes "transient").
 * STAKE_EBALANCE if the buffer is short. */
STAKE_API STAKE_WUR stake_rc stake_steth_deposit_validators(stake_steth *token, uint64_t count);

/* Privileged share operations: mintShares (V3: not to the stETH contract,
 * STAKE_ESELFRECIPIENT, and the new total must stay below 2^128,
 * STAKE_ESHARESOVERFLOW; V2: below 2^256, STAKE_EOVERFLOW)
 * and burnShares (STAKE_EBALANCE; STAKE_EINTERNALZERO if no internal
 * shares would remain). Under V3 both are refused while the token is
 * stopped (STAKE_ESTOPPED), as Lido's mintShares and burnShares are; V2
 * has no such entry points and its primitives are not gated. Minting
 * without ether dilutes every holder, which is how fees are paid. */
STAKE_API STAKE_WUR stake_rc stake_steth_mint_shares(stake_steth *token, const stake_address *to,
                                                     const stake_u256 *shares);
STAKE_API STAKE_WUR stake_rc stake_steth_burn_shares(stake_steth *token, const stake_address *from,
                                                     const stake_u256 *shares);

/* V3 external shares (stVaults): mintExternalShares checks s > 0, that
 * the token is not stopped, the cap floor((TS * ratio - ES * 1e4) /
 * (1e4 - ratio)) (STAKE_EEXCEEDSMAX), then uses up floor(s * IE / IS) of
 * the stake limit like a deposit (STAKE_ESTAKINGPAUSED,
 * STAKE_ESTAKELIMIT), then mints as mintShares does (a zero recipient is
 * refused there, last); burnExternalShares (refused while stopped) burns
 * from the holder, reduces ES and, when a limit is set and staking is not
 * paused, gives floor(s * IE / IS) back to the current stake limit, which
 * may then exceed its maximum and decays back to it at the regeneration
 * rate (STAKE_ETOOLARGE if it would pass 2^96 - 1, the contract's
 * assert). STAKE_EINVAL under V2. */
STAKE_API STAKE_WUR stake_rc stake_steth_mint_external_shares(stake_steth *token,
                                                              const stake_address *to,
                                                              const stake_u256 *shares);
STAKE_API STAKE_WUR stake_rc stake_steth_burn_external_shares(stake_steth *token,
                                                              const stake_address *from,
                                                              const stake_u256 *shares);

/* Burner.requestBurnShares: moves shares from `from` to the Burner, where
 * they wait for the next oracle report to burn them (within the share-burn
 * limit of the rebase limiter). The usual transfer refusals apply. No
 * allowance is spent: the callers allowed on chain (the withdrawal queue,
 * staking modules) all approve the Burner without limit. */
STAKE_API STAKE_WUR stake_rc stake_steth_request_burn_shares(stake_steth *token,
                                                             const stake_address *from,
                                                             const stake_u256 *shares);

/* Shares waiting in the Burner (getSharesRequestedToBurn, cover and
 * non-cover together). */
STAKE_API STAKE_WUR stake_rc stake_steth_burn_requested(stake_u256 *out, const stake_steth *token);

/* stop() / resume(): while stopped, transfers are refused
 * (STAKE_ESTOPPED). stop also pauses staking and resume resumes it, as
 * Lido.sol does; STAKE_ESTATE if already stopped / not stopped. */
STAKE_API STAKE_WUR stake_rc stake_steth_stop(stake_steth *token);
STAKE_API STAKE_WUR stake_rc stake_steth_resume(stake_steth *token);
STAKE_API int stake_steth_is_stopped(const stake_steth *token);

/* ---- the staking rate limit (Lido.sol, lib/StakeLimitUtils.sol) ----------
 *
 * Lido rate-limits deposits with a leaky bucket measured in blocks: each
 * deposit uses up its value of the current limit, which grows back by
 * floor(max_limit / growth_blocks) per block up to max_limit. The state
 * is the contract's storage slot, field for field. A new token runs at
 * block 1 with staking resumed and no limit, and its block only moves
 * forward (stake_steth_set_block()). */
typedef struct stake_lido_stake_limit {
    uint32_t prev_block;        /* prevStakeBlockNumber; 0: staking is paused */
    stake_u256 prev_limit;      /* prevStakeLimit, below 2^96 */
    uint32_t growth_blocks;     /* maxStakeLimitGrowthBlocks = max / increase per block */
    stake_u256 max_limit;       /* maxStakeLimit, below 2^96; 0: no limit */
} stake_lido_stake_limit;

/* getCurrentStakeLimit() of a state at block `block`: 0 while staking is
 * paused, 2^256 - 1 without a limit, else
 * StakeLimitUtils.calculateCurrentStakeLimit: the previous limit moved
 * towards max_limit by (block - prev_block) * floor(max_limit /
 * growth_blocks), never past it (upwards when prev_limit < max_limit,
 * downwards otherwise). STAKE_EINVAL if a field is out of range or
 * block < prev_block. */
STAKE_API STAKE_WUR stake_rc stake_lido_current_stake_limit(stake_u256 *out,
                                                            const stake_lido_stake_limit *state,
                                                            uint64_t block);

/* The block number (block.number) the token's next calls run in, 1 to
 * 2^32 - 1 (the contract stores it in 32 bits) and never below the
 * current one: STAKE_EINVAL otherwise. stake_steth_block() reads it (0 for
 * NULL). */
STAKE_API STAKE_WUR stake_rc stake_steth_set_block(stake_steth *token, uint64_t block);
STAKE_API uint64_t stake_steth_block(const stake_steth *token);

/* getStakeLimitFullInfo(): the stored state, and getCurrentStakeLimit() at
 * the token's block. */
STAKE_API STAKE_WUR stake_rc stake_steth_stake_limit(stake_lido_stake_limit *out,
                                                     const stake_steth *token);
STAKE_API STAKE_WUR stake_rc stake_steth_current_stake_limit(stake_u256 *out,
                                                             const stake_steth *token);

/* setStakingLimit(max_limit, increase_per_block). Refusals, in the
 * contract's order: STAKE_EZEROAMOUNT (max 0), STAKE_ETOOLARGE (max >=
 * 2^96), STAKE_EEXCEEDSMAX (increase above max), STAKE_EBELOWMIN (max /
 * increase >= 2^32). As on chain, the previous limit becomes max_limit if
 * staking was paused, unlimited or above the new max, and the previous
 * block becomes the current one unless staking is paused, which drops
 * the growth since the last deposit. */
STAKE_API STAKE_WUR stake_rc stake_steth_set_staking_limit(stake_steth *token,
                                                           const stake_u256 *max_limit,
                                                           const stake_u256 *increase_per_block);

/* removeStakingLimit(): deposits become unlimited (max_limit = 0). */
STAKE_API STAKE_WUR stake_rc stake_steth_remove_staking_limit(stake_steth *token);

/* pauseStaking() / resumeStaking(): deposits refused with
 * STAKE_ESTAKINGPAUSED while paused; the limit is kept. Neither refuses
 * a repeated call; resuming, even when not paused, makes the current
 * block the previous one, so the growth restarts from the last deposit's
 * limit, as on chain. Resuming while the token is stopped is allowed
 * (deposits then succeed while transfers are refused, as on chain). */
STAKE_API STAKE_WUR stake_rc stake_steth_pause_staking(stake_steth *token);
STAKE_API STAKE_WUR stake_rc stake_steth_resume_staking(stake_steth *token);
STAKE_API int stake_steth_is_staking_paused(const stake_steth *token);

/* ==== the oracle report ======================================================= */

#define STAKE_LIDO_REPORT_VERSION 1
/* maxPositiveTokenRebase meaning "no limit" (uint64 max). */
#define STAKE_LIDO_UNLIMITED_REBASE UINT64_MAX

struct stake_queue;

/* What the accounting oracle reports, the fee configuration in force (as
 * StakingRouter returns it; see stake_lido_module_fees()), and optionally
 * the withdrawal-queue finalization it carries. */
typedef struct stake_lido_report {
    unsigned version;                /* STAKE_LIDO_REPORT_VERSION */
    uint64_t timestamp;              /* the report's reference time, seconds; default 0 */
    uint64_t block_timestamp;        /* when the report is processed; must be later
                                        (V2 without a queue: not earlier)
                                        (STAKE_ETIMESTAMP); default 1 */
    stake_u256 cl_validators;        /* Lido validators seen on the consensus layer */
    stake_u256 cl_balance;           /* their total balance */
    stake_u256 withdrawal_vault_balance;   /* ether in the withdrawal vault */
    stake_u256 el_rewards_vault_balance;   /* ether in the execution-layer rewards vault */
    uint64_t max_positive_token_rebase;    /* 1e9 = 100%; default 750000 (0.075%) */
    stake_u256 total_fee;            /* total fee, 1e20 = 100% */
    const stake_address *fee_recipients;  /* module recipients, n_modules of them */
    const stake_u256 *module_fees;        /* their fees, 1e20 = 100% */
    size_t n_modules;
    stake_address treasury;          /* receives the rest of the fee shares */
    /* Withdrawal finalization, when queue is not NULL: */
    struct stake_queue *queue;
    const uint64_t *finalization_batches;  /* ends of the batches, increasing */
    size_t n_batches;                      /* 0: no finalization this report */
    stake_u256 simulated_share_rate;       /* the finalization's max share rate, 1e27 */
    int is_bunker_mode;                    /* passed to the queue's onOracleReport */
    uint64_t bunker_start_timestamp;
    /* V3: external shares written off (vault bad debt), socialised: */
    stake_u256 bad_debt_to_internalize;
} stake_lido_report;

/* Initialises a report with zeros, the given version, the mainnet
 * positive-rebase limit (750000, 0.075% per report) and a block timestamp
 * of 1, so that a report that does not model time passes the check that
 * the report's timestamp is before the block's. */
STAKE_API STAKE_WUR stake_rc stake_lido_report_init(stake_lido_report *report, unsigned version);

typedef struct stake_lido_report_result {
    stake_u256 pre_total_ether;      /* getTotalPooledEther() before */
    stake_u256 pre_total_shares;     /* getTotalShares() before */
    stake_u256 post_total_ether;     /* ... and after */
    stake_u256 post_total_shares;
    stake_u256 principal_cl_balance; /* pre CL balance + appeared validators * 32 ether */
    stake_u256 withdrawals;          /* taken from the withdrawal vault (the rest waits) */
    stake_u256 el_rewards;           /* taken from the EL rewards vault (the rest waits) */
    stake_u256 rewards;              /* CL + EL rewards; zero when the CL delta is not positive */
    stake_u256 fee_shares;           /* shares minted as fees, modules + treasury */
    stake_u256 treasury_shares;      /* the treasury's part */
    stake_u256 ether_to_finalize;    /* ether locked in the withdrawal queue */
    stake_u256 shares_to_finalize;   /* the finalized requests' shares, sent to the Burner */
    stake_u256 shares_burnt;         /* shares the Burner burnt (within the limit) */
} stake_lido_report_result;

/* Applies an oracle report, in the order of the contracts: the queue's
 * onOracleReport (when a queue is given); prefinalize of the batches at
 * the simulated share rate (unless the queue is paused: then nothing is
 * finalized, as Lido checks isPaused() first); the positive-rebase limiter
 * (stake_lido_smoothen_token_rebase(), over the internal ether and shares
 * under V3, the totals under V2), which decides how much of the vaults is
 * taken and how many shares the Burner burns; then the state changes: the
 * finalized requests' shares move from the queue to the Burner, the CL
 * balance and validators are replaced, V3 bad debt is internalised
 * (external shares written off: the rate falls for every holder), the
 * Burner burns, the vaults' ether enters the buffer and the finalized
 * requests' ether leaves it for the queue (stake_queue_finalize, called
 * only when that ether is not zero, as Lido does: a finalization worth 0
 * wei leaves the requests unfinalized while their shares still go to the
 * Burner), and, when
 * cl_balance + withdrawals exceeds the principal (LIP-12), fee shares are
 * minted with the version's formula (stake_lido_fee_shares_v2 with the
 * pre-report totals, _v3 with the internal shares after the burn and the
 * internal ether after the report) and split across the modules, the
 * treasury taking the remainder. A balance below the principal lowers the
 * rate: the loss falls on every holder pro rata, and on queued requests
 * through the discount at finalization.
 *
 * The sanity checks of OracleReportSanityChecker are not applied here:
 * run the stake_lido_check_* functions of <stake/risk.h> first, as the
 * contract would.
 *
 * Refusals: STAKE_ESTOPPED (a stopped token: first under V2, whose
 * handleOracleReport starts with _whenNotStopped(); under V3 after the
 * report's own checks, where Lido.collectRewardsAndProcessWithdrawals
 * makes it), STAKE_ETIMESTAMP (the report's timestamp is not before the
 * block's, as V3's Accounting checks with or without a queue and the
 * queue's onOracleReport checks in both versions; V2's handleOracleReport
 * itself only refuses a timestamp after the block's), STAKE_EBADREPORT
 * (validators decrease or exceed the deposited ones, fees inconsistent,
 * bad debt above the external shares, batches without a queue), the
 * queue's refusals (STAKE_EBATCHES, STAKE_EZERORATE, ...), STAKE_EBALANCE
 * (the queue or the Burner lacks the shares it must hand on or burn),
 * STAKE_EUNDERFLOW (the buffer cannot pay the finalization),
 * STAKE_ESHARESOVERFLOW (V3: the total shares would reach 2^128),
 * STAKE_EINTERNALZERO (V3), recipient errors (STAKE_EZEROADDRESS,
 * STAKE_ESELFRECIPIENT: under V2 for every module with a non-zero fee and
 * the treasury, under V3 only for those whose part is not zero shares, as
 * Accounting._distributeFee skips the others) and arithmetic errors. The token,
 * the queue and *result are unchanged on error. */
STAKE_API STAKE_WUR stake_rc stake_steth_handle_report(stake_lido_report_result *result,
                                                       stake_steth *token,
                                                       const stake_lido_report *report);

/* ==== wstETH ===================================================================== */

/* wrap(amount) by holder: w = getSharesByPooledEth(amount) wstETH are
 * minted to holder, and amount stETH moves from holder to the wrapper
 * with transferFrom (the holder must have approved the wrapper: the
 * allowance is spent). STAKE_EZEROAMOUNT for zero, then the refusals of
 * stETH's transferFrom. */
STAKE_API STAKE_WUR stake_rc stake_wsteth_wrap(stake_u256 *wsteth_out, stake_steth *token,
                                               const stake_address *holder,
                                               const stake_u256 *steth_amount);

/* WstETH's receive(): sender sends value wei to the wrapper, which
 * submits it to stETH (as the depositor, so the shares are the
 * wrapper's) and mints sender as many wstETH as shares were minted,
 * floor(value * IS / IE), written to wsteth_out if not NULL. The
 * deposit's refusals apply (STAKE_EZEROAMOUNT, STAKE_ESTAKINGPAUSED,
 * STAKE_ESTAKELIMIT, ...), and STAKE_EZEROADDRESS for a zero sender. */
STAKE_API STAKE_WUR stake_rc stake_wsteth_submit(stake_u256 *wsteth_out, stake_steth *token,
                                                 const stake_address *sender,
                                                 const stake_u256 *value);

/* unwrap(w) by holder: burns w wstETH and transfers
 * getPooledEthByShares(w) stETH from the wrapper to holder, which moves
 * floor(that * IS / IE) <= w shares: up to ~2 shares of dust stay in the
 * wrapper. STAKE_EZEROAMOUNT, STAKE_EBALANCE. */
STAKE_API STAKE_WUR stake_rc stake_wsteth_unwrap(stake_u256 *steth_out, stake_steth *token,
                                                 const stake_address *holder,
                                                 const stake_u256 *wsteth_amount);

/* wstETH is OpenZeppelin 3.4's ERC20, which differs from stETH in two
 * ways that show in balances: an allowance of 2^256 - 1 is not infinite
 * (transferFrom lowers it like any other), and transferFrom checks the
 * transfer before the allowance. */

/* transfer(to, amount) by from. STAKE_EZEROADDRESS (from or to), then
 * STAKE_EBALANCE. */
STAKE_API STAKE_WUR stake_rc stake_wsteth_transfer(stake_steth *token, const stake_address *from,
                                                   const stake_address *to,
                                                   const stake_u256 *amount);

/* transferFrom(from, to, amount) by spender: the transfer, then the
 * allowance of spender over from's wstETH lowered by amount. Refusals in
 * the contract's order: STAKE_EZEROADDRESS (from or to), STAKE_EBALANCE,
 * STAKE_EALLOWANCE (allowance below amount, whatever its size),
 * STAKE_EZEROADDRESS (spender), STAKE_ENOMEM. Nothing changes on error. */
STAKE_API STAKE_WUR stake_rc stake_wsteth_transfer_from(stake_steth *token,
                                                        const stake_address *spender,
                                                        const stake_address *from,
                                                        const stake_address *to,
                                                        const stake_u256 *amount);

/* allowance(owner, spender), in wstETH. */
STAKE_API STAKE_WUR stake_rc stake_wsteth_allowance(stake_u256 *out, const stake_steth *token,
                                                    const stake_address *owner,
                                                    const stake_address *spender);

/* approve(spender, amount), increaseAllowance(spender, added) and
 * decreaseAllowance(spender, subtracted) sent by owner, as for stETH:
 * STAKE_EOVERFLOW for an increase past 2^256 - 1, STAKE_EALLOWANCE for a
 * decrease below zero, then STAKE_EZEROADDRESS if owner or spender is
 * zero. These allowances are separate from stETH's; the withdrawal
 * queue's wstETH requests spend the sender's allowance to the queue. */
STAKE_API STAKE_WUR stake_rc stake_wsteth_approve(stake_steth *token, const stake_address *owner,
                                                  const stake_address *spender,
                                                  const stake_u256 *amount);
STAKE_API STAKE_WUR stake_rc stake_wsteth_increase_allowance(stake_steth *token,
                                                             const stake_address *owner,
                                                             const stake_address *spender,
                                                             const stake_u256 *added);
STAKE_API STAKE_WUR stake_rc stake_wsteth_decrease_allowance(stake_steth *token,
                                                             const stake_address *owner,
                                                             const stake_address *spender,
                                                             const stake_u256 *subtracted);

/* wstETH balances and supply. */
/* The ledger of wstETH balances (read-only, borrowed: valid until the
 * token is freed), to iterate the holders; wstETH has no shares, so its
 * "balances" are wstETH amounts and its total the wstETH supply. */
STAKE_API const stake_ledger *stake_wsteth_ledger(const stake_steth *token);

STAKE_API STAKE_WUR stake_rc stake_wsteth_balance_of(stake_u256 *out, const stake_steth *token,
                                                     const stake_address *account);
STAKE_API STAKE_WUR stake_rc stake_wsteth_total_supply(stake_u256 *out, const stake_steth *token);

/* Views: stEthPerToken = getPooledEthByShares(1e18), tokensPerStEth =
 * getSharesByPooledEth(1e18), getWstETHByStETH, getStETHByWstETH. */
STAKE_API STAKE_WUR stake_rc stake_wsteth_steth_per_token(stake_u256 *out, const stake_steth *token);
STAKE_API STAKE_WUR stake_rc stake_wsteth_tokens_per_steth(stake_u256 *out, const stake_steth *token);
STAKE_API STAKE_WUR stake_rc stake_wsteth_by_steth(stake_u256 *out, const stake_steth *token,
                                                   const stake_u256 *steth_amount);
STAKE_API STAKE_WUR stake_rc stake_steth_by_wsteth(stake_u256 *out, const stake_steth *token,
                                                   const stake_u256 *wsteth_amount);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_LIDO_H */
