/*
 * The negative-rebase window of OracleReportSanityChecker (LIP-23:
 * _checkCLBalanceDecrease, _sumNegativeRebasesNotOlderThan,
 * _exitedValidatorsAtTimestamp, _askSecondOpinion), over a history the
 * caller keeps instead of the contract's reportData array.
 */
#include "risk_internal.h"

/* The window lengths of LIP-23. */
#define WINDOW_SLASHING (18ULL * 86400ULL)
#define WINDOW_INACTIVITY (54ULL * 86400ULL)

/* _exitedValidatorsAtTimestamp: the newest record at or before t. The
 * current report's record is newer than any t asked for, so the history
 * alone answers. */
static uint64_t exited_at(const stake_lido_report_record *history, size_t n, uint64_t t)
{
    for (size_t i = n; i-- > 0;) {
        if (history[i].timestamp <= t)
            return history[i].total_exited_validators;
    }
    return 0;
}

/* initial_or_inactivity * 1e15 * (validators - exited), checked. */
static stake_rc allowance(stake_u256 *out, uint64_t pwei, uint64_t validators, uint64_t exited)
{
    if (validators < exited)
        return STAKE_EUNDERFLOW;
    stake_u256 amount = stake__risk_u64(pwei), count = stake__risk_u64(validators - exited);
    stake_rc rc = stake_u256_mul(&amount, &amount, &stake__risk_pwei);
    if (rc == STAKE_OK)
        rc = stake_u256_mul(&amount, &amount, &count);
    if (rc == STAKE_OK)
        *out = amount;
    return rc;
}

/* _askSecondOpinion: every failure is a distinct revert of the contract,
 * all reported as STAKE_ESECONDOPINION (arithmetic panics aside). */
static stake_rc ask_second_opinion(const stake_lido_second_opinion *so,
                                   const stake_lido_limits *limits, const stake_u256 *post_cl,
                                   const stake_u256 *withdrawal_vault)
{
    if (!so->ready)
        return STAKE_ESECONDOPINION;   /* ...SecondOpinionReportIsNotReady */
    stake_u256 cl, excess, lhs, rhs, limit = stake__risk_u64(
                                           limits->cl_balance_oracles_error_upper_bp_limit);
    stake_rc rc = stake_u256_mul(&cl, &so->cl_balance_gwei, &stake__risk_gwei);
    if (rc != STAKE_OK)
        return rc;
    if (stake__risk_lt(&cl, post_cl))
        return STAKE_ESECONDOPINION;   /* ...CLBalanceMismatch: below the report */
    if ((rc = stake_u256_sub(&excess, &cl, post_cl)) != STAKE_OK ||
        (rc = stake_u256_mul(&lhs, &stake__risk_bp, &excess)) != STAKE_OK ||
        (rc = stake_u256_mul(&rhs, &limit, &cl)) != STAKE_OK)
        return rc;
    if (stake__risk_lt(&rhs, &lhs))
        return STAKE_ESECONDOPINION;   /* ...CLBalanceMismatch: too far above */
    if (stake_u256_cmp(&so->withdrawal_vault_balance, withdrawal_vault) != 0)
        return STAKE_ESECONDOPINION;   /* ...WithdrawalVaultBalanceMismatch */
    return STAKE_OK;
}

stake_rc stake_lido_check_negative_rebase(stake_lido_negative_rebase *out,
                                          const stake_lido_limits *limits,
                                          const stake_lido_report_record *history, size_t n,
                                          const stake_lido_accounting_report *report,
                                          const stake_lido_second_opinion *second_opinion)
{
    stake_rc rc = stake__risk_check_report_args(out, limits, history, n, report);
    if (rc != STAKE_OK)
        return rc;

    stake_lido_negative_rebase r;
    memset(&r, 0, sizeof r);
    r.record.timestamp = report->report_timestamp;
    r.record.total_exited_validators = report->total_exited_validators;

    stake_u256 after;
    if ((rc = stake_u256_add(&after, &report->post_cl_balance,
                             &report->withdrawal_vault_balance)) != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&report->pre_cl_balance, &after) <= 0) {
        /* Recorded with a zero rebase; nothing else is checked. */
        r.verdict = STAKE_LIDO_REBASE_NOT_NEGATIVE;
        *out = r;
        return STAKE_OK;
    }
    if ((rc = stake_u256_sub(&r.record.negative_cl_rebase, &report->pre_cl_balance, &after)) !=
        STAKE_OK)
        return rc;
    /* _addReportData: SafeCast.toUint128. */
    if (stake__risk_lt(&stake__risk_uint128_max, &r.record.negative_cl_rebase))
        return STAKE_EOVERFLOW;

    uint64_t t = report->report_timestamp;
    if (t < WINDOW_SLASHING)
        return STAKE_EUNDERFLOW;   /* reportTimestamp - 18 days */
    uint64_t t18 = t - WINDOW_SLASHING;
    /* The new record is the newest and always inside the window. */
    r.window_sum = r.record.negative_cl_rebase;
    for (size_t i = n; i-- > 0;) {
        if (history[i].timestamp <= t18)
            break;
        if ((rc = stake_u256_add(&r.window_sum, &r.window_sum,
                                 &history[i].negative_cl_rebase)) != STAKE_OK)
            return rc;
    }
    stake_u256 slashing, inactivity;
    if ((rc = allowance(&slashing, limits->initial_slashing_amount_pwei,
                        report->post_cl_validators, exited_at(history, n, t18))) != STAKE_OK)
        return rc;
    if (t < WINDOW_INACTIVITY)
        return STAKE_EUNDERFLOW;   /* reportTimestamp - 54 days */
    if ((rc = allowance(&inactivity, limits->inactivity_penalties_amount_pwei,
                        report->post_cl_validators,
                        exited_at(history, n, t - WINDOW_INACTIVITY))) != STAKE_OK ||
        (rc = stake_u256_add(&r.max_allowed, &slashing, &inactivity)) != STAKE_OK)
        return rc;

    if (stake_u256_cmp(&r.window_sum, &r.max_allowed) <= 0) {
        r.verdict = STAKE_LIDO_REBASE_ACCEPTED;   /* NegativeCLRebaseAccepted */
    } else {
        if (!second_opinion)
            return STAKE_ENEGATIVEREBASE;         /* IncorrectCLBalanceDecrease */
        if ((rc = ask_second_opinion(second_opinion, limits, &report->post_cl_balance,
                                     &report->withdrawal_vault_balance)) != STAKE_OK)
            return rc;
        r.verdict = STAKE_LIDO_REBASE_CONFIRMED;  /* NegativeCLRebaseConfirmed */
    }
    *out = r;
    return STAKE_OK;
}

stake_rc stake_lido_report_history_append(stake_lido_report_record *history, size_t *n,
                                          size_t capacity, const stake_lido_report_record *record)
{
    if (!history || !n || !record || *n > capacity)
        return STAKE_EINVAL;
    if (stake__risk_lt(&stake__risk_uint128_max, &record->negative_cl_rebase))
        return STAKE_EINVAL;
    /* Reference slots only move forward, so the chain's records are in
     * time order; the window sums rely on it. */
    if (*n > 0 && record->timestamp < history[*n - 1].timestamp)
        return STAKE_EINVAL;
    if (*n == capacity)
        return STAKE_EBUFSIZE;
    history[*n] = *record;
    (*n)++;
    return STAKE_OK;
}

stake_rc stake_lido_report_history_prune(stake_lido_report_record *history, size_t *n,
                                         uint64_t timestamp)
{
    if (!n || (*n > 0 && !history))
        return STAKE_EINVAL;
    if (timestamp < WINDOW_INACTIVITY || *n == 0)
        return STAKE_OK;
    /* A later check looks at most 54 days back for an exited count, and
     * that lookup stops at the newest record at or before its bound, which
     * is at or after the newest record at or before this bound. Sums stop
     * earlier still (18 days). */
    uint64_t bound = timestamp - WINDOW_INACTIVITY;
    size_t keep_from = 0;
    for (size_t i = *n; i-- > 0;) {
        if (history[i].timestamp <= bound) {
            keep_from = i;
            break;
        }
    }
    if (keep_from > 0) {
        memmove(history, history + keep_from, (*n - keep_from) * sizeof *history);
        *n -= keep_from;
    }
    return STAKE_OK;
}
