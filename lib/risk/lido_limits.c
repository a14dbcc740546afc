/*
 * The sanity checker's LimitsList: mainnet defaults and the bounds its
 * setters enforce (OracleReportSanityChecker._updateLimits and
 * LimitsListPacker.pack).
 */
#include "risk_internal.h"

stake_rc stake_lido_limits_init(stake_lido_limits *limits, unsigned version)
{
    if (!limits || version != STAKE_LIDO_LIMITS_VERSION)
        return STAKE_EINVAL;
    memset(limits, 0, sizeof *limits);
    limits->version = version;
    /* The constructor arguments of the mainnet deployment. */
    limits->exited_validators_per_day_limit = 3600;
    limits->appeared_validators_per_day_limit = 1800;
    limits->annual_balance_increase_bp_limit = 1000;
    limits->simulated_share_rate_deviation_bp_limit = 50;
    limits->max_validator_exit_requests_per_report = 600;
    limits->max_items_per_extra_data_transaction = 8;
    limits->max_node_operators_per_extra_data_item = 24;
    limits->request_timestamp_margin = 7680;
    limits->max_positive_token_rebase = 750000;
    limits->initial_slashing_amount_pwei = 8;
    limits->inactivity_penalties_amount_pwei = 101;
    limits->cl_balance_oracles_error_upper_bp_limit = 50;
    return STAKE_OK;
}

stake_rc stake__risk_check_limits(const stake_lido_limits *l)
{
    if (!l || l->version != STAKE_LIDO_LIMITS_VERSION)
        return STAKE_EINVAL;
    /* uint16 counts, basis points up to 100%, a uint32 margin. The rebase
     * limit is a uint64, so every value fits; the setter refuses 0, but a
     * checker whose limit was never set holds 0, so it is a valid state
     * (the limiter is what refuses it). */
    const uint64_t u16 = 65535, bp = 10000;
    if (l->exited_validators_per_day_limit > u16 || l->appeared_validators_per_day_limit > u16 ||
        l->max_validator_exit_requests_per_report > u16 ||
        l->max_items_per_extra_data_transaction > u16 ||
        l->max_node_operators_per_extra_data_item > u16 ||
        l->initial_slashing_amount_pwei > u16 || l->inactivity_penalties_amount_pwei > u16)
        return STAKE_EINVAL;
    if (l->annual_balance_increase_bp_limit > bp ||
        l->simulated_share_rate_deviation_bp_limit > bp ||
        l->cl_balance_oracles_error_upper_bp_limit > bp)
        return STAKE_EINVAL;
    if (l->request_timestamp_margin > UINT32_MAX)
        return STAKE_EINVAL;
    return STAKE_OK;
}

stake_rc stake__risk_check_report_args(const void *out, const stake_lido_limits *limits,
                                       const stake_lido_report_record *history, size_t n,
                                       const stake_lido_accounting_report *report)
{
    stake_rc rc = stake__risk_check_limits(limits);
    if (rc != STAKE_OK)
        return rc;
    if (!out || !report || report->version != STAKE_LIDO_ACCOUNTING_REPORT_VERSION ||
        (n > 0 && !history))
        return STAKE_EINVAL;
    return STAKE_OK;
}

stake_rc stake_lido_limits_validate(const stake_lido_limits *limits)
{
    return stake__risk_check_limits(limits);
}

stake_rc stake_lido_accounting_report_init(stake_lido_accounting_report *report, unsigned version)
{
    if (!report || version != STAKE_LIDO_ACCOUNTING_REPORT_VERSION)
        return STAKE_EINVAL;
    memset(report, 0, sizeof *report);
    report->version = version;
    return STAKE_OK;
}
