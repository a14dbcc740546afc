/*
 * Internal: the rETH token's state and the helpers shared by the files of lib/reth.
 */
#ifndef STAKE_RETH_INTERNAL_H
#define STAKE_RETH_INTERNAL_H

#include "../core/values.h"

#include <string.h>
#include "stake/reth.h"

/* calcBase: 1 ether, the fixed-point unit of every Rocket Pool ratio. */
extern const stake_u256 stake__reth_calc_base;

struct stake_reth {
    stake_reth_params params;
    stake_reth_totals reported;      /* RocketNetworkBalances: total ETH, rETH supply */
    stake_u256 staking_eth;          /* ... and staking ETH, as last reported */
    uint64_t report_timestamp;       /* network.balances.updated.timestamp (0: never) */
    stake_u256 contract_balance;     /* the rETH contract's ETH */
    stake_u256 deposit_pool_excess;  /* the deposit pool's excess balance */
    stake_ledger *balances;          /* rETH balances; its total is the live supply */
};

/* STAKE_EINVAL unless params can build a token (version, fee <= 100%). */
stake_rc stake__reth_check_params(const stake_reth_params *params);

/* A token around an existing ledger (taken over, also on error), every
 * other field copied from proto. */
stake_rc stake__reth_wrap(stake_reth **out, const stake_reth *proto, stake_ledger *balances);

#endif /* STAKE_RETH_INTERNAL_H */
