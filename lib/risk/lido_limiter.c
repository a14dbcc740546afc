/*
 * OracleReportSanityChecker.smoothenTokenRebase on PositiveTokenRebaseLimiter
 * (lib/PositiveTokenRebaseLimiter.sol): the cap on a report's positive
 * rebase. The limiter state lives on the stack, as the contract keeps it
 * in memory for one call.
 */
#include "risk_internal.h"

typedef struct limiter {
    stake_u256 pre_tpe;
    stake_u256 pre_ts;
    stake_u256 current_tpe;
    uint64_t limit;
    stake_u256 max_tpe;
} limiter;

static const stake_u256 precision = { { STAKE_LIDO_LIMITER_PRECISION, 0, 0, 0 } };

/* initLimiterState */
static stake_rc limiter_init(limiter *l, uint64_t limit, const stake_u256 *pre_tpe,
                             const stake_u256 *pre_ts)
{
    if (limit == 0)
        return STAKE_EINVAL;   /* TooLowTokenRebaseLimit (TooHigh cannot happen in 64 bits) */
    /* With nothing pooled yet there is no rate to protect. */
    if (stake__u256_is_zero(pre_tpe))
        limit = STAKE_LIDO_UNLIMITED_REBASE;
    l->pre_tpe = *pre_tpe;
    l->pre_ts = *pre_ts;
    l->current_tpe = *pre_tpe;
    l->limit = limit;
    if (limit == STAKE_LIDO_UNLIMITED_REBASE) {
        memset(&l->max_tpe, 0xff, sizeof l->max_tpe);
        return STAKE_OK;
    }
    stake_u256 r = stake__risk_u64(limit), inc;
    stake_rc rc;
    if ((rc = stake_u256_mul(&inc, &r, pre_tpe)) != STAKE_OK ||
        (rc = stake_u256_div(&inc, &inc, &precision)) != STAKE_OK ||
        (rc = stake_u256_add(&l->max_tpe, pre_tpe, &inc)) != STAKE_OK)
        return rc;
    return STAKE_OK;
}

/* decreaseEther: nothing to track when unlimited. */
static stake_rc limiter_decrease(limiter *l, const stake_u256 *amount)
{
    if (l->limit == STAKE_LIDO_UNLIMITED_REBASE)
        return STAKE_OK;
    if (stake__risk_lt(&l->current_tpe, amount))
        return STAKE_EUNDERFLOW;   /* NegativeTotalPooledEther */
    return stake_u256_sub(&l->current_tpe, &l->current_tpe, amount);
}

/* increaseEther: the part of amount that still fits under the cap. */
static stake_rc limiter_increase(stake_u256 *consumed, limiter *l, const stake_u256 *amount)
{
    if (l->limit == STAKE_LIDO_UNLIMITED_REBASE) {
        *consumed = *amount;
        return STAKE_OK;
    }
    stake_u256 prev = l->current_tpe, sum;
    stake_rc rc = stake_u256_add(&sum, &l->current_tpe, amount);
    if (rc != STAKE_OK)
        return rc;
    l->current_tpe = *stake__risk_min(&sum, &l->max_tpe);
    /* The contract asserts current >= prev: the current amount never
     * exceeds the cap, so this subtraction cannot fail. */
    return stake_u256_sub(consumed, &l->current_tpe, &prev);
}

/* getSharesToBurnLimit */
static stake_rc limiter_shares_limit(stake_u256 *out, const limiter *l)
{
    if (l->limit == STAKE_LIDO_UNLIMITED_REBASE) {
        *out = l->pre_ts;
        return STAKE_OK;
    }
    if (stake_u256_cmp(&l->current_tpe, &l->max_tpe) >= 0) {   /* isLimitReached */
        *out = stake__risk_zero;
        return STAKE_OK;
    }
    stake_u256 limit_plus_1 = stake__risk_u64(l->limit), rate, factor, shares;
    stake_rc rc;
    if ((rc = stake_u256_add(&limit_plus_1, &limit_plus_1, &precision)) != STAKE_OK ||
        (rc = stake_u256_mul(&rate, &l->current_tpe, &precision)) != STAKE_OK ||
        (rc = stake_u256_div(&rate, &rate, &l->pre_tpe)) != STAKE_OK ||
        (rc = stake_u256_sub(&factor, &limit_plus_1, &rate)) != STAKE_OK ||
        (rc = stake_u256_mul(&shares, &l->pre_ts, &factor)) != STAKE_OK ||
        (rc = stake_u256_div(&shares, &shares, &limit_plus_1)) != STAKE_OK)
        return rc;
    *out = shares;
    return STAKE_OK;
}

stake_rc stake_lido_rebase_input_init(stake_lido_rebase_input *input, unsigned version)
{
    if (!input || version != STAKE_LIDO_REBASE_INPUT_VERSION)
        return STAKE_EINVAL;
    memset(input, 0, sizeof *input);
    input->version = version;
    return STAKE_OK;
}

stake_rc stake_lido_smoothen_token_rebase(stake_lido_smoothed_rebase *out,
                                          const stake_lido_rebase_input *in,
                                          uint64_t max_positive_rebase)
{
    if (!out || !in || in->version != STAKE_LIDO_REBASE_INPUT_VERSION)
        return STAKE_EINVAL;
    limiter l;
    stake_lido_smoothed_rebase r;
    stake_u256 delta, ignored, limit, requested;
    stake_rc rc = limiter_init(&l, max_positive_rebase, &in->pre_total_pooled_ether,
                               &in->pre_total_shares);
    if (rc != STAKE_OK)
        return rc;
    /* The CL change moves the current TPE; what the cap would take of a
     * rise is ignored: the CL balance is what it is, and only the vaults
     * can wait. */
    if (stake__risk_lt(&in->post_cl_balance, &in->pre_cl_balance)) {
        if ((rc = stake_u256_sub(&delta, &in->pre_cl_balance, &in->post_cl_balance)) != STAKE_OK ||
            (rc = limiter_decrease(&l, &delta)) != STAKE_OK)
            return rc;
    } else {
        if ((rc = stake_u256_sub(&delta, &in->post_cl_balance, &in->pre_cl_balance)) != STAKE_OK ||
            (rc = limiter_increase(&ignored, &l, &delta)) != STAKE_OK)
            return rc;
    }
    if ((rc = limiter_increase(&r.withdrawals, &l, &in->withdrawal_vault_balance)) != STAKE_OK ||
        (rc = limiter_increase(&r.el_rewards, &l, &in->el_rewards_vault_balance)) != STAKE_OK)
        return rc;
    /* The burn as if no withdrawal were finalized: what the oracle's
     * simulated share rate is checked against. */
    if ((rc = limiter_shares_limit(&limit, &l)) != STAKE_OK)
        return rc;
    r.simulated_shares_to_burn = *stake__risk_min(&limit, &in->shares_requested_to_burn);
    /* Then the ether locked for the withdrawals leaves the pool, which
     * makes room for more burning. */
    if ((rc = limiter_decrease(&l, &in->ether_to_lock_for_withdrawals)) != STAKE_OK ||
        (rc = limiter_shares_limit(&limit, &l)) != STAKE_OK ||
        (rc = stake_u256_add(&requested, &in->new_shares_to_burn_for_withdrawals,
                             &in->shares_requested_to_burn)) != STAKE_OK)
        return rc;
    r.shares_to_burn = *stake__risk_min(&limit, &requested);
    /* V3 returns the difference (checked there, hence here). */
    if ((rc = stake_u256_sub(&r.shares_from_wq_to_burn, &r.shares_to_burn,
                             &r.simulated_shares_to_burn)) != STAKE_OK ||
        (rc = stake_u256_sub(&r.withdrawals_deferred, &in->withdrawal_vault_balance,
                             &r.withdrawals)) != STAKE_OK ||
        (rc = stake_u256_sub(&r.el_rewards_deferred, &in->el_rewards_vault_balance,
                             &r.el_rewards)) != STAKE_OK ||
        (rc = stake_u256_sub(&r.shares_burn_deferred, &requested, &r.shares_to_burn)) !=
            STAKE_OK)
        return rc;
    *out = r;
    return STAKE_OK;
}
