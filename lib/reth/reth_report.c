/*
 * Balance reports: RocketNetworkBalances (v4) once the oracle DAO has
 * reached consensus. The contract has two ways in:
 *
 *   submitBalances         the trusted node's vote that reaches the
 *                          threshold applies the report at once, with no
 *                          check of the balances themselves;
 *   executeUpdateBalances  anyone applies a report that reached consensus
 *                          earlier (say after a member left), and this
 *                          path refuses staking ETH above total ETH
 *                          ("Invalid network balances").
 *
 * Both end in updateBalances: the spacing of reports (block.timestamp >=
 * last + frequency * 95 / 100, the last timestamp being zero before the
 * first report), then the RPIP-61 rate check. The block numbers, the
 * trusted nodes' votes and the consensus threshold are not modelled: a
 * call is a report that reached consensus.
 */
#include "reth_internal.h"

/* updateBalances(). */
static stake_rc update_balances(stake_reth *token, uint64_t timestamp,
                                const stake_u256 *total_eth, const stake_u256 *staking_eth,
                                const stake_u256 *reth_supply)
{
    /* Both terms are below 2^64, so the 128-bit sum is exact where the
     * contract's uint256 arithmetic is. */
    unsigned __int128 spacing = (unsigned __int128)token->params.report_frequency * 95 / 100;
    if ((unsigned __int128)timestamp < (unsigned __int128)token->report_timestamp + spacing)
        return STAKE_EBADREPORT;          /* "Not enough time has passed" */
    stake_reth_totals next = { *total_eth, *reth_supply };
    stake_rc rc = stake_reth_check_rate_change(&token->reported, &next,
                                               &token->params.max_rate_delta);
    if (rc != STAKE_OK)
        return rc;
    token->reported = next;
    token->staking_eth = *staking_eth;
    token->report_timestamp = timestamp;
    return STAKE_OK;
}

stake_rc stake_reth_submit_balances(stake_reth *token, uint64_t timestamp,
                                    const stake_u256 *total_eth, const stake_u256 *staking_eth,
                                    const stake_u256 *reth_supply)
{
    if (!token || !total_eth || !staking_eth || !reth_supply)
        return STAKE_EINVAL;
    return update_balances(token, timestamp, total_eth, staking_eth, reth_supply);
}

stake_rc stake_reth_execute_update_balances(stake_reth *token, uint64_t timestamp,
                                            const stake_u256 *total_eth,
                                            const stake_u256 *staking_eth,
                                            const stake_u256 *reth_supply)
{
    if (!token || !total_eth || !staking_eth || !reth_supply)
        return STAKE_EINVAL;
    if (stake_u256_cmp(staking_eth, total_eth) > 0)
        return STAKE_EBADREPORT;          /* "Invalid network balances" */
    return update_balances(token, timestamp, total_eth, staking_eth, reth_supply);
}
