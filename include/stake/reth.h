/*
 * libstake: Rocket Pool rETH.
 *
 * rETH is non-rebasing: its exchange rate comes from the totals the oracle
 * DAO last reported (total ETH and rETH supply), not from the live token
 * supply, so it is constant between balance reports whatever is minted or
 * burned in between:
 *
 *     ETH value of r   = supply == 0 ? r : floor(r * totalETH / supply)
 *     rETH value of e  = supply == 0 ? e : floor(e * supply / totalETH)
 *                        (refused when totalETH is zero)
 *
 * with Solidity 0.8 checked products. Deposits pay a fee (0.05% by
 * default) and must reach a minimum (0.01 ETH); burns are limited by the
 * collateral at hand (the rETH contract's ETH plus the deposit pool's
 * excess): there is no queue. A balance report may not move the rate by
 * more than the maximum delta (2% by default, RPIP-61), in either
 * direction, except the first.
 */
#ifndef STAKE_RETH_H
#define STAKE_RETH_H

#include <stddef.h>
#include <stdint.h>
#include "u256.h"
#include "address.h"
#include "conversion.h"
#include "ledger.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Totals as last reported by the oracle DAO. */
typedef struct stake_reth_totals {
    stake_u256 total_eth;
    stake_u256 reth_supply;
} stake_reth_totals;

/* getEthValue(reth). STAKE_EOVERFLOW if the product overflows. */
STAKE_API STAKE_WUR stake_rc stake_reth_eth_value(stake_u256 *out, const stake_reth_totals *totals,
                                                  const stake_u256 *reth);
/* getRethValue(eth). STAKE_EZEROSUPPLY when the supply is non-zero but
 * total ETH is zero. */
STAKE_API STAKE_WUR stake_rc stake_reth_reth_value(stake_u256 *out, const stake_reth_totals *totals,
                                                   const stake_u256 *eth);
/* getExchangeRate() = getEthValue(1e18). */
STAKE_API STAKE_WUR stake_rc stake_reth_exchange_rate(stake_u256 *out,
                                                      const stake_reth_totals *totals);

typedef enum stake_reth_direction {
    STAKE_RETH_TO_ETH = 0,        /* getEthValue */
    STAKE_RETH_FROM_ETH = 1       /* getRethValue */
} stake_reth_direction;

/* The conversion in that direction (1:1 at zero supply), for batches. */
STAKE_API STAKE_WUR stake_rc stake_reth_conversion(stake_conversion *out,
                                                   const stake_reth_totals *totals,
                                                   stake_reth_direction direction);

/* RPIP-61: the rate floor(1e18 * ETH / supply) may move by at most
 * floor(old_rate * max_delta / 1e18) between reports (max_delta in 1e18
 * = 100%). STAKE_ERATECHANGE otherwise. Nothing is checked while no total
 * ETH has been reported (the first report); otherwise a zero old or new
 * supply is STAKE_EZEROSUPPLY, as the contract's division would revert. */
STAKE_API STAKE_WUR stake_rc stake_reth_check_rate_change(const stake_reth_totals *old_totals,
                                                          const stake_reth_totals *new_totals,
                                                          const stake_u256 *max_delta);

/* ---- the stateful token ---------------------------------------------------------- */

typedef struct stake_reth stake_reth;

#define STAKE_RETH_PARAMS_VERSION 1

typedef struct stake_reth_params {
    unsigned version;             /* STAKE_RETH_PARAMS_VERSION */
    stake_u256 deposit_fee;       /* 1e18 = 100%; default 0.0005e18 */
    stake_u256 minimum_deposit;   /* default 0.01 ether */
    stake_u256 max_rate_delta;    /* 1e18 = 100%; default 0.02e18 */
    uint64_t report_frequency;    /* seconds; a report must come >= 95% of it after the last; default 86400 */
    size_t expected_accounts;
} stake_reth_params;

/* Initialises params with Rocket Pool's defaults. */
STAKE_API STAKE_WUR stake_rc stake_reth_params_init(stake_reth_params *params, unsigned version);

STAKE_API STAKE_WUR stake_rc stake_reth_new(stake_reth **out, const stake_reth_params *params);
STAKE_API void stake_reth_free(stake_reth *token);
STAKE_API STAKE_WUR stake_rc stake_reth_clone(stake_reth **out, const stake_reth *token);

/* The reported totals the rate comes from. */
STAKE_API STAKE_WUR stake_rc stake_reth_totals_of(stake_reth_totals *out, const stake_reth *token);
/* The rETH ledger (borrowed, read-only). */
STAKE_API const stake_ledger *stake_reth_ledger(const stake_reth *token);

STAKE_API STAKE_WUR stake_rc stake_reth_balance_of(stake_u256 *out, const stake_reth *token,
                                                   const stake_address *account);
/* The live ERC-20 supply (not the reported one). */
STAKE_API STAKE_WUR stake_rc stake_reth_total_supply(stake_u256 *out, const stake_reth *token);

/* A balance report that reached the oracle DAO's consensus, applied at
 * block time timestamp (seconds), by one of the contract's two paths:
 * submit_balances is submitBalances' deciding vote, which does not compare
 * the balances; execute_update_balances is executeUpdateBalances, which
 * first refuses staking ETH above total ETH (STAKE_EBADREPORT). Then both
 * refuse a timestamp before the last report's plus 95% of the frequency
 * (STAKE_EBADREPORT) and a rate change above the maximum delta
 * (STAKE_ERATECHANGE, STAKE_EZEROSUPPLY; see
 * stake_reth_check_rate_change). */
STAKE_API STAKE_WUR stake_rc stake_reth_submit_balances(stake_reth *token, uint64_t timestamp,
                                                        const stake_u256 *total_eth,
                                                        const stake_u256 *staking_eth,
                                                        const stake_u256 *reth_supply);
STAKE_API STAKE_WUR stake_rc stake_reth_execute_update_balances(stake_reth *token,
                                                                uint64_t timestamp,
                                                                const stake_u256 *total_eth,
                                                                const stake_u256 *staking_eth,
                                                                const stake_u256 *reth_supply);

/* The ETH available to burns: the rETH contract's balance and the
 * deposit pool's excess balance. */
STAKE_API STAKE_WUR stake_rc stake_reth_set_collateral(stake_reth *token,
                                                       const stake_u256 *contract_balance,
                                                       const stake_u256 *deposit_pool_excess);
STAKE_API STAKE_WUR stake_rc stake_reth_total_collateral(stake_u256 *out, const stake_reth *token);

/* Deposit pool deposit by depositor: STAKE_EBELOWMIN under the minimum;
 * fee = floor(value * fee / 1e18); mints getRethValue(value - fee) rETH
 * (STAKE_EZEROAMOUNT if that is zero). The ETH joins the deposit pool's
 * excess. */
STAKE_API STAKE_WUR stake_rc stake_reth_deposit(stake_u256 *reth_out, stake_reth *token,
                                                const stake_address *depositor,
                                                const stake_u256 *value);

/* burn(reth) by holder: STAKE_EZEROAMOUNT, STAKE_EBALANCE; pays
 * getEthValue(reth) if the collateral covers it (STAKE_ECOLLATERAL
 * otherwise), from the contract's balance first, then the deposit pool. */
STAKE_API STAKE_WUR stake_rc stake_reth_burn(stake_u256 *eth_out, stake_reth *token,
                                             const stake_address *holder,
                                             const stake_u256 *reth);

/* ERC-20 transfer. STAKE_EZEROADDRESS, STAKE_EBALANCE. */
STAKE_API STAKE_WUR stake_rc stake_reth_transfer(stake_reth *token, const stake_address *from,
                                                 const stake_address *to,
                                                 const stake_u256 *amount);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_RETH_H */
