/*
 * The individual checks of OracleReportSanityChecker (V2 mainnet, same
 * formulas in V3) and checkAccountingOracleReport, which runs them in the
 * contract's order. Each returns STAKE_OK or its own code; the arithmetic
 * is Solidity 0.8 checked arithmetic in the contract's order of operations.
 */
#include "risk_internal.h"

/* DEFAULT_TIME_ELAPSED and SECONDS_PER_DAY of the checker. */
#define DEFAULT_TIME_ELAPSED 3600ULL
#define SECONDS_PER_DAY 86400ULL
/* 365 days * MAX_BASIS_POINTS, folded by the compiler into one constant. */
#define YEAR_BP (365ULL * SECONDS_PER_DAY * 10000ULL)

stake_rc stake_lido_check_vault_balances(const stake_u256 *actual_withdrawal_vault,
                                         const stake_u256 *reported_withdrawal_vault,
                                         const stake_u256 *actual_el_rewards_vault,
                                         const stake_u256 *reported_el_rewards_vault)
{
    if (!actual_withdrawal_vault || !reported_withdrawal_vault || !actual_el_rewards_vault ||
        !reported_el_rewards_vault)
        return STAKE_EINVAL;
    /* IncorrectWithdrawalsVaultBalance, then IncorrectELRewardsVaultBalance. */
    if (stake__risk_lt(actual_withdrawal_vault, reported_withdrawal_vault) ||
        stake__risk_lt(actual_el_rewards_vault, reported_el_rewards_vault))
        return STAKE_EVAULTBALANCE;
    return STAKE_OK;
}

stake_rc stake_lido_check_burn_request(const stake_u256 *requested, const stake_u256 *cover_shares,
                                       const stake_u256 *non_cover_shares)
{
    if (!requested || !cover_shares || !non_cover_shares)
        return STAKE_EINVAL;
    stake_u256 actual;
    stake_rc rc = stake_u256_add(&actual, cover_shares, non_cover_shares);
    if (rc != STAKE_OK)
        return rc;
    return stake__risk_lt(&actual, requested) ? STAKE_EBURNREQUEST : STAKE_OK;
}

stake_rc stake_lido_check_annual_increase(const stake_lido_limits *limits,
                                          const stake_u256 *pre_cl_balance,
                                          const stake_u256 *post_cl_balance,
                                          uint64_t time_elapsed)
{
    stake_rc rc = stake__risk_check_limits(limits);
    if (rc != STAKE_OK)
        return rc;
    if (!pre_cl_balance || !post_cl_balance)
        return STAKE_EINVAL;
    /* Scratch deploys start from zero: the checker substitutes 1 gwei. */
    stake_u256 pre = stake__u256_is_zero(pre_cl_balance) ? stake__risk_gwei : *pre_cl_balance;
    if (stake_u256_cmp(&pre, post_cl_balance) >= 0)
        return STAKE_OK;
    stake_u256 time = stake__risk_u64(time_elapsed ? time_elapsed : DEFAULT_TIME_ELAPSED);
    stake_u256 year_bp = stake__risk_u64(YEAR_BP), increase, annual;
    if ((rc = stake_u256_sub(&increase, post_cl_balance, &pre)) != STAKE_OK ||
        (rc = stake_u256_mul(&annual, &year_bp, &increase)) != STAKE_OK ||
        (rc = stake_u256_div(&annual, &annual, &pre)) != STAKE_OK ||
        (rc = stake_u256_div(&annual, &annual, &time)) != STAKE_OK)
        return rc;
    stake_u256 limit = stake__risk_u64(limits->annual_balance_increase_bp_limit);
    return stake__risk_lt(&limit, &annual) ? STAKE_EAPRLIMIT : STAKE_OK;
}

stake_rc stake_lido_check_appeared_validators(const stake_lido_limits *limits,
                                              uint64_t pre_cl_validators,
                                              uint64_t post_cl_validators, uint64_t time_elapsed)
{
    stake_rc rc = stake__risk_check_limits(limits);
    if (rc != STAKE_OK)
        return rc;
    /* checkAccountingOracleReport only checks a growing validator count. */
    if (post_cl_validators <= pre_cl_validators)
        return STAKE_OK;
    /* appearedPerDay <= 65535, so the product stays below 2^80. */
    unsigned __int128 time = time_elapsed ? time_elapsed : DEFAULT_TIME_ELAPSED;
    unsigned __int128 limit =
        (unsigned __int128)limits->appeared_validators_per_day_limit * time / SECONDS_PER_DAY;
    uint64_t appeared = post_cl_validators - pre_cl_validators;
    return (unsigned __int128)appeared > limit ? STAKE_EAPPEARED : STAKE_OK;
}

stake_rc stake_lido_check_exited_validators(const stake_lido_limits *limits,
                                            uint64_t newly_exited, uint64_t time_elapsed)
{
    stake_rc rc = stake__risk_check_limits(limits);
    if (rc != STAKE_OK)
        return rc;
    /* AccountingOracle: newlyExited * 1 days / (SECONDS_PER_SLOT *
     * slotsElapsed); a zero divisor is a panic, no default here. */
    if (time_elapsed == 0)
        return STAKE_EDIVZERO;
    unsigned __int128 rate = (unsigned __int128)newly_exited * SECONDS_PER_DAY / time_elapsed;
    return rate > limits->exited_validators_per_day_limit ? STAKE_EEXITED : STAKE_OK;
}

stake_rc stake_lido_check_request_timestamp(const stake_lido_limits *limits,
                                            uint64_t request_timestamp, uint64_t report_timestamp)
{
    stake_rc rc = stake__risk_check_limits(limits);
    if (rc != STAKE_OK)
        return rc;
    /* report < request + margin, compared without forming the sum. */
    if (report_timestamp < request_timestamp ||
        report_timestamp - request_timestamp < limits->request_timestamp_margin)
        return STAKE_EREQUESTTOORECENT;
    return STAKE_OK;
}

stake_rc stake_lido_check_share_rate(const stake_lido_limits *limits, const stake_u256 *post_ether,
                                     const stake_u256 *post_shares,
                                     const stake_u256 *ether_to_finalize,
                                     const stake_u256 *shares_burnt_for_withdrawals,
                                     const stake_u256 *simulated_share_rate)
{
    stake_rc rc = stake__risk_check_limits(limits);
    if (rc != STAKE_OK)
        return rc;
    if (!post_ether || !post_shares || !ether_to_finalize || !shares_burnt_for_withdrawals ||
        !simulated_share_rate)
        return STAKE_EINVAL;
    /* The withdrawals are given back to the pool virtually, so the actual
     * rate is the one the oracle simulated without them. */
    stake_u256 ether, shares, actual, diff, deviation;
    if ((rc = stake_u256_add(&ether, post_ether, ether_to_finalize)) != STAKE_OK ||
        (rc = stake_u256_add(&shares, post_shares, shares_burnt_for_withdrawals)) != STAKE_OK ||
        (rc = stake_u256_mul(&actual, &ether, &stake__risk_e27)) != STAKE_OK ||
        (rc = stake_u256_div(&actual, &actual, &shares)) != STAKE_OK)
        return rc;
    if (stake__u256_is_zero(&actual))
        return STAKE_ESHARERATE;   /* ActualShareRateIsZero */
    if (stake__risk_lt(&actual, simulated_share_rate))
        rc = stake_u256_sub(&diff, simulated_share_rate, &actual);
    else
        rc = stake_u256_sub(&diff, &actual, simulated_share_rate);
    if (rc != STAKE_OK ||
        (rc = stake_u256_mul(&deviation, &stake__risk_bp, &diff)) != STAKE_OK ||
        (rc = stake_u256_div(&deviation, &deviation, &actual)) != STAKE_OK)
        return rc;
    stake_u256 limit = stake__risk_u64(limits->simulated_share_rate_deviation_bp_limit);
    return stake__risk_lt(&limit, &deviation) ? STAKE_ESHARERATE : STAKE_OK;
}

stake_rc stake_lido_check_accounting_report(stake_lido_negative_rebase *out,
                                            const stake_lido_limits *limits,
                                            const stake_lido_report_record *history, size_t n,
                                            const stake_lido_accounting_report *report,
                                            const stake_lido_second_opinion *second_opinion)
{
    stake_rc rc = stake__risk_check_report_args(out, limits, history, n, report);
    if (rc != STAKE_OK)
        return rc;
    /* The steps of checkAccountingOracleReport, numbered as there. */
    stake_lido_negative_rebase rebase;
    if ((rc = stake_lido_check_vault_balances(&report->actual_withdrawal_vault_balance,
                                              &report->withdrawal_vault_balance,
                                              &report->actual_el_rewards_vault_balance,
                                              &report->el_rewards_vault_balance)) != STAKE_OK ||
        (rc = stake_lido_check_burn_request(&report->shares_requested_to_burn,
                                            &report->burner_cover_shares,
                                            &report->burner_non_cover_shares)) != STAKE_OK ||
        (rc = stake_lido_check_negative_rebase(&rebase, limits, history, n, report,
                                               second_opinion)) != STAKE_OK ||
        (rc = stake_lido_check_annual_increase(limits, &report->pre_cl_balance,
                                               &report->post_cl_balance,
                                               report->time_elapsed)) != STAKE_OK ||
        (rc = stake_lido_check_appeared_validators(limits, report->pre_cl_validators,
                                                   report->post_cl_validators,
                                                   report->time_elapsed)) != STAKE_OK)
        return rc;
    *out = rebase;
    return STAKE_OK;
}
