/*
 * The rETH token inside a snapshot.
 *
 * Layout (little-endian, see lib/snapshot/codec.h):
 *     u64   report frequency (seconds)
 *     u64   expected accounts
 *     u256  deposit fee, minimum deposit, maximum rate delta
 *     u256  reported total ETH, reported rETH supply, reported staking ETH
 *     u64   timestamp of the last report (0: none yet)
 *     u256  the rETH contract's balance, the deposit pool's excess
 *     u256  live rETH supply, which must equal the ledger's total
 *     ...   the rETH ledger (stake__ledger_encode)
 * A decoder accepts exactly the states the API can reach: a fee of at most
 * 100%, staking ETH within total ETH, a collateral total that fits.
 */
#include "reth_internal.h"
#include "../snapshot/codec.h"

stake_rc stake__reth_encode(const stake_reth *token, stake__writer *w)
{
    if (!token || !w)
        return STAKE_EINVAL;
    stake_u256 supply;
    stake_rc rc = stake_ledger_total(&supply, token->balances);
    if (rc != STAKE_OK)
        return rc;
    const stake_reth_params *p = &token->params;
    stake__put_u64(w, p->report_frequency);
    stake__put_u64(w, (uint64_t)p->expected_accounts);
    stake__put_u256(w, &p->deposit_fee);
    stake__put_u256(w, &p->minimum_deposit);
    stake__put_u256(w, &p->max_rate_delta);
    stake__put_u256(w, &token->reported.total_eth);
    stake__put_u256(w, &token->reported.reth_supply);
    stake__put_u256(w, &token->staking_eth);
    stake__put_u64(w, token->report_timestamp);
    stake__put_u256(w, &token->contract_balance);
    stake__put_u256(w, &token->deposit_pool_excess);
    stake__put_u256(w, &supply);
    if (w->status != STAKE_OK)
        return w->status;
    return stake__ledger_encode(token->balances, w);
}

static stake_rc corrupt(stake__reader *r)
{
    stake__reader_fail(r, STAKE_ECORRUPT);
    return STAKE_ECORRUPT;
}

stake_rc stake__reth_decode(stake_reth **out, stake__reader *r)
{
    if (!out || !r)
        return STAKE_EINVAL;
    stake_reth t;
    stake_u256 supply, collateral, ledger_total;
    memset(&t, 0, sizeof t);
    t.params.version = STAKE_RETH_PARAMS_VERSION;
    t.params.report_frequency = stake__get_u64(r);
    uint64_t expected = stake__get_u64(r);
    stake__get_u256(r, &t.params.deposit_fee);
    stake__get_u256(r, &t.params.minimum_deposit);
    stake__get_u256(r, &t.params.max_rate_delta);
    stake__get_u256(r, &t.reported.total_eth);
    stake__get_u256(r, &t.reported.reth_supply);
    stake__get_u256(r, &t.staking_eth);
    t.report_timestamp = stake__get_u64(r);
    stake__get_u256(r, &t.contract_balance);
    stake__get_u256(r, &t.deposit_pool_excess);
    stake__get_u256(r, &supply);
    if (r->status != STAKE_OK)
        return r->status;
    if (expected > SIZE_MAX)
        return corrupt(r);
    t.params.expected_accounts = (size_t)expected;
    if (stake__reth_check_params(&t.params) != STAKE_OK ||
        stake_u256_cmp(&t.staking_eth, &t.reported.total_eth) > 0 ||
        stake_u256_add(&collateral, &t.contract_balance, &t.deposit_pool_excess) != STAKE_OK)
        return corrupt(r);
    stake_ledger *balances = NULL;
    stake_rc rc = stake__ledger_decode(&balances, r);
    if (rc != STAKE_OK)
        return rc;
    if (stake_ledger_check(balances) != STAKE_OK ||
        stake_ledger_total(&ledger_total, balances) != STAKE_OK ||
        stake_u256_cmp(&ledger_total, &supply) != 0) {
        stake_ledger_free(balances);
        return corrupt(r);
    }
    return stake__reth_wrap(out, &t, balances);
}
