/*
 * The accounting oracle report, as Accounting.sol (V3) and Lido.sol (V2)
 * apply it: withdrawal finalization, rebase smoothing, the Burner, the
 * consensus-layer update, V3 bad debt, fee shares, losses through the rate.
 *
 * The report is all-or-nothing across the token and the queue: every
 * value is computed and every refusal checked first (the plan), ledger
 * and queue room is reserved, and only then is state changed by steps
 * that cannot fail any more.
 */
#include <stdlib.h>

#include "stake/lido.h"
#include "stake/queue.h"
#include "stake/risk.h"
#include "lido_internal.h"
#include "../ledger/ledger_internal.h"
#include "../queue/queue_internal.h"

stake_rc stake_lido_report_init(stake_lido_report *report, unsigned version)
{
    if (!report || version != STAKE_LIDO_REPORT_VERSION)
        return STAKE_EINVAL;
    memset(report, 0, sizeof *report);
    report->version = version;
    report->max_positive_token_rebase = 750000;   /* mainnet: 0.075% per report */
    /* A report that does not model time (times left at their defaults)
     * still passes Accounting's timestamp < block.timestamp. */
    report->block_timestamp = 1;
    return STAKE_OK;
}

/* Validates the fee configuration: arrays present, module fees summing
 * to at most the total fee, which is at most 100%. */
static stake_rc check_fees(const stake_lido_report *r)
{
    if (r->n_modules > 0 && (!r->fee_recipients || !r->module_fees))
        return STAKE_EINVAL;
    if (stake_u256_cmp(&r->total_fee, &stake__lido_fee_precision) > 0)
        return STAKE_EBADREPORT;
    stake_u256 sum = { { 0 } };
    for (size_t i = 0; i < r->n_modules; i++) {
        if (stake_u256_add(&sum, &sum, &r->module_fees[i]) != STAKE_OK)
            return STAKE_EBADREPORT;
    }
    if (stake_u256_cmp(&sum, &r->total_fee) > 0)
        return STAKE_EBADREPORT;
    return STAKE_OK;
}

/* Fee shares reach their recipients through _transferShares, whose
 * checks apply. */
static stake_rc check_recipient(const stake_steth *t, const stake_address *a)
{
    if (stake_address_is_zero(a))
        return STAKE_EZEROADDRESS;
    if (stake__address_eq(a, &t->self))
        return STAKE_ESELFRECIPIENT;
    return STAKE_OK;
}

/* Everything the report will do, computed before doing any of it. */
struct plan {
    stake_lido_report_result res;
    stake_steth_pool post;             /* the pool after the report */
    stake_u256 external_after;         /* V3: after the bad debt */
    stake_u256 burn_requested_after;   /* left in the Burner */
    stake_u256 *parts;                 /* fee shares per module */
    uint64_t last_finalized;           /* 0: no finalization */
};

static stake_rc plan_withdrawals(struct plan *p, const stake_steth *t, const stake_lido_report *r)
{
    memset(&p->res.ether_to_finalize, 0, sizeof p->res.ether_to_finalize);
    memset(&p->res.shares_to_finalize, 0, sizeof p->res.shares_to_finalize);
    p->last_finalized = 0;
    if (r->n_batches == 0)
        return STAKE_OK;
    if (!r->queue || !r->finalization_batches)
        return STAKE_EBADREPORT;
    /* A paused queue is left out: the report goes on without finalizing
     * (V2's _calculateWithdrawals, V3's Accounting check isPaused()). */
    if (stake_queue_is_paused(r->queue))
        return STAKE_OK;
    stake_rc rc = stake_queue_prefinalize(&p->res.ether_to_finalize, &p->res.shares_to_finalize,
                                          r->queue, r->finalization_batches, r->n_batches,
                                          &r->simulated_share_rate);
    if (rc != STAKE_OK)
        return rc;
    /* Lido calls finalize only when there is ether to lock; the shares go
     * to the Burner all the same, and the requests stay unfinalized. */
    if (!stake__u256_is_zero(&p->res.ether_to_finalize)) {
        p->last_finalized = r->finalization_batches[r->n_batches - 1];
        if ((rc = stake__queue_check_finalize(r->queue, p->last_finalized,
                                              &p->res.ether_to_finalize)) != STAKE_OK)
            return rc;
    }
    /* The queue must hold the shares it is about to hand to the Burner. */
    stake_u256 held;
    if ((rc = stake_ledger_balance(&held, t->shares, stake__queue_address(r->queue))) != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&held, &p->res.shares_to_finalize) < 0)
        return STAKE_EBALANCE;
    (void)t;
    return STAKE_OK;
}

static stake_rc plan_report(struct plan *p, const stake_steth *t, const stake_lido_report *r)
{
    stake_rc rc;
    const stake_steth_pool *pre = &t->pool;
    memset(p, 0, sizeof *p);

    /* pre.clValidators <= reported <= deposited */
    if (stake_u256_cmp(&r->cl_validators, &pre->cl_validators) < 0 ||
        stake_u256_cmp(&r->cl_validators, &pre->deposited_validators) > 0)
        return STAKE_EBADREPORT;

    stake_lido_totals pre_totals;
    if ((rc = stake__steth_totals(&pre_totals, t)) != STAKE_OK ||
        (rc = stake_lido_total_pooled_ether(&p->res.pre_total_ether, &pre_totals)) != STAKE_OK ||
        (rc = stake_lido_total_shares(&p->res.pre_total_shares, &pre_totals)) != STAKE_OK)
        return rc;

    /* principal = pre CL balance + appeared validators * 32 ether */
    stake_u256 appeared;
    if ((rc = stake_u256_sub(&appeared, &r->cl_validators, &pre->cl_validators)) ||
        (rc = stake_u256_mul(&appeared, &appeared, &stake__lido_deposit_size)) ||
        (rc = stake_u256_add(&p->res.principal_cl_balance, &pre->cl_balance, &appeared)))
        return rc;

    if ((rc = plan_withdrawals(p, t, r)) != STAKE_OK)
        return rc;

    /* smoothenTokenRebase: V3 works on the internal ether and shares, V2
     * on the totals. */
    stake_lido_rebase_input in;
    stake_lido_smoothed_rebase sm;
    if ((rc = stake_lido_rebase_input_init(&in, STAKE_LIDO_REBASE_INPUT_VERSION)) != STAKE_OK)
        return rc;
    in.pre_total_pooled_ether =
        t->protocol == STAKE_LIDO_V3 ? pre_totals.internal_ether : p->res.pre_total_ether;
    in.pre_total_shares =
        t->protocol == STAKE_LIDO_V3 ? pre_totals.internal_shares : p->res.pre_total_shares;
    in.pre_cl_balance = p->res.principal_cl_balance;
    in.post_cl_balance = r->cl_balance;
    in.withdrawal_vault_balance = r->withdrawal_vault_balance;
    in.el_rewards_vault_balance = r->el_rewards_vault_balance;
    in.shares_requested_to_burn = t->burn_requested;
    in.ether_to_lock_for_withdrawals = p->res.ether_to_finalize;
    in.new_shares_to_burn_for_withdrawals = p->res.shares_to_finalize;
    if ((rc = stake_lido_smoothen_token_rebase(&sm, &in, r->max_positive_token_rebase)) != STAKE_OK)
        return rc;
    p->res.withdrawals = sm.withdrawals;
    p->res.el_rewards = sm.el_rewards;
    p->res.shares_burnt = sm.shares_to_burn;

    /* The Burner's books: what was requested plus the finalized shares,
     * less sharesToBurn. Its balance is another matter: a transferShares-
     * From worth 0 wei can take requested shares out of it, and then
     * Lido.burnShares reverts (BALANCE_EXCEEDED) if the balance, with the
     * finalized shares that arrive first, is short of sharesToBurn. */
    stake_u256 requested_total, held, held_total;
    if ((rc = stake_u256_add(&requested_total, &t->burn_requested,
                             &p->res.shares_to_finalize)) ||
        (rc = stake_u256_sub(&p->burn_requested_after, &requested_total, &sm.shares_to_burn)))
        return rc;
    if ((rc = stake_ledger_balance(&held, t->shares, &t->burner)) != STAKE_OK ||
        (rc = stake_u256_add(&held_total, &held, &p->res.shares_to_finalize)) != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&held_total, &sm.shares_to_burn) < 0)
        return STAKE_EBALANCE;

    /* The pool after the report: CL state replaced, vaults' ether in,
     * finalized requests' ether out (which the buffer must cover). */
    p->post = *pre;
    p->post.cl_balance = r->cl_balance;
    p->post.cl_validators = r->cl_validators;
    if ((rc = stake_u256_add(&p->post.buffered_ether, &p->post.buffered_ether, &sm.withdrawals)) ||
        (rc = stake_u256_add(&p->post.buffered_ether, &p->post.buffered_ether, &sm.el_rewards)) ||
        (rc = stake_u256_sub(&p->post.buffered_ether, &p->post.buffered_ether,
                             &p->res.ether_to_finalize)))
        return rc;
    stake_u256 post_internal_ether;
    if ((rc = stake__steth_internal_ether(&post_internal_ether, &p->post)) != STAKE_OK)
        return rc;

    /* V3 bad debt: external shares become internal, at constant ether. */
    p->external_after = t->external_shares;
    if (!stake__u256_is_zero(&r->bad_debt_to_internalize)) {
        if (t->protocol != STAKE_LIDO_V3 ||
            stake_u256_sub(&p->external_after, &t->external_shares,
                           &r->bad_debt_to_internalize) != STAKE_OK)
            return STAKE_EBADREPORT;
    }

    /* Internal shares after the burn, before the fees. */
    stake_u256 is_bf;
    if ((rc = stake_u256_sub(&is_bf, &pre_totals.internal_shares, &sm.shares_to_burn)) != STAKE_OK)
        return rc;

    /* Fees: only on a profitable consensus-layer delta (LIP-12). */
    stake_u256 unified, fee_shares = { { 0 } };
    int distributes = 0;    /* whether the fee shares reach their recipients */
    if ((rc = stake_u256_add(&unified, &r->cl_balance, &sm.withdrawals)) != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&unified, &p->res.principal_cl_balance) > 0) {
        if ((rc = stake_u256_sub(&p->res.rewards, &unified, &p->res.principal_cl_balance)) ||
            (rc = stake_u256_add(&p->res.rewards, &p->res.rewards, &sm.el_rewards)))
            return rc;
        /* V2's _distributeFee computes and transfers under "if (totalFee
         * > 0)", to every recipient even for 0 shares, so their checks
         * apply. V3's Accounting computes the shares whatever the fee (a
         * zero fee still divides by the post internal ether) and
         * distributes only shares to mint. */
        if (t->protocol == STAKE_LIDO_V2) {
            if (!stake__u256_is_zero(&r->total_fee)) {
                rc = stake_lido_fee_shares_v2(&fee_shares, &p->res.rewards, &r->total_fee,
                                              &p->res.pre_total_shares, &p->res.pre_total_ether);
                distributes = 1;
            }
        } else {
            rc = stake_lido_fee_shares_v3(&fee_shares, NULL, &p->res.rewards, &r->total_fee,
                                          &is_bf, &post_internal_ether);
            distributes = !stake__u256_is_zero(&fee_shares);
        }
        if (rc != STAKE_OK)
            return rc;
    }
    p->res.fee_shares = fee_shares;

    if (distributes) {
        size_t n = r->n_modules;
        p->parts = calloc(n ? n : 1, sizeof *p->parts);
        if (!p->parts)
            return STAKE_ENOMEM;
        rc = stake_lido_split_fee_shares(p->parts, &p->res.treasury_shares, &fee_shares,
                                         r->module_fees, n, &r->total_fee);
        /* V2's _transferModuleRewards moves shares to every module with a
         * non-zero fee, even when its part rounds to zero shares, and
         * _transferTreasuryRewards to the treasury: the recipient checks
         * apply to each of those. V3's Accounting._distributeFee skips a
         * module or a treasury whose part is zero shares, so only the
         * recipients that receive something are checked. */
        int v3 = t->protocol == STAKE_LIDO_V3;
        for (size_t i = 0; rc == STAKE_OK && i < n; i++) {
            int receives = v3 ? !stake__u256_is_zero(&p->parts[i])
                              : !stake__u256_is_zero(&r->module_fees[i]);
            if (receives)
                rc = check_recipient(t, &r->fee_recipients[i]);
        }
        if (rc == STAKE_OK && (!v3 || !stake__u256_is_zero(&p->res.treasury_shares)))
            rc = check_recipient(t, &r->treasury);
        if (rc != STAKE_OK)
            return rc;
    }

    /* Total shares after: minus the burn, plus the fees, within what
     * _mintShares accepts (below 2^128 in V3). */
    stake_u256 total, next;
    if ((rc = stake_ledger_total(&total, t->shares)) ||
        (rc = stake_u256_sub(&next, &total, &sm.shares_to_burn)))
        return rc;
    if (stake_u256_add(&next, &next, &fee_shares) != STAKE_OK)
        return t->protocol == STAKE_LIDO_V3 ? STAKE_ESHARESOVERFLOW : STAKE_EOVERFLOW;
    if (t->protocol == STAKE_LIDO_V3 && !stake__lido_fits_uint128(&next))
        return STAKE_ESHARESOVERFLOW;

    /* V3: the internal shares after the report must not be zero. */
    if (t->protocol == STAKE_LIDO_V3) {
        stake_u256 is_post;
        if (stake_u256_add(&is_post, &is_bf, &fee_shares) != STAKE_OK ||
            stake_u256_add(&is_post, &is_post, &r->bad_debt_to_internalize) != STAKE_OK ||
            stake__u256_is_zero(&is_post))
            return STAKE_EINTERNALZERO;
    }
    return STAKE_OK;
}

stake_rc stake_steth_handle_report(stake_lido_report_result *result, stake_steth *token,
                                   const stake_lido_report *report)
{
    if (!token || !report || report->version != STAKE_LIDO_REPORT_VERSION)
        return STAKE_EINVAL;
    /* A stopped Lido takes no report: V2's handleOracleReport starts with
     * _whenNotStopped(); V3's Accounting reaches the same check later, in
     * Lido.collectRewardsAndProcessWithdrawals (below, after the plan). */
    if (token->stopped && token->protocol == STAKE_LIDO_V2)
        return STAKE_ESTOPPED;
    stake_rc rc = check_fees(report);
    if (rc != STAKE_OK)
        return rc;
    /* V3's Accounting refuses a report whose time is not before the
     * block's; V2's handleOracleReport refuses only one after it
     * (INVALID_REPORT_TIMESTAMP). With a queue, its onOracleReport (below)
     * refuses both, in either version. */
    if (report->timestamp > report->block_timestamp ||
        (report->timestamp == report->block_timestamp && token->protocol == STAKE_LIDO_V3))
        return STAKE_ETIMESTAMP;
    stake_queue *q = report->queue;
    if (q && stake__address_eq(stake__queue_address(q), &token->burner))
        return STAKE_EINVAL;

    /* The queue's onOracleReport comes first on chain; its effects (the
     * report timestamp, bunker mode) do not touch the arithmetic, so it is
     * applied here and undone if anything later refuses. */
    stake__queue_mark mark;
    if (q) {
        stake__queue_mark_save(&mark, q);
        rc = stake_queue_on_oracle_report(q, report->is_bunker_mode,
                                          report->bunker_start_timestamp, report->timestamp,
                                          report->block_timestamp);
        if (rc != STAKE_OK)
            return rc;
    }

    struct plan p;
    rc = plan_report(&p, token, report);
    if (rc == STAKE_OK && token->stopped)
        rc = STAKE_ESTOPPED;
    /* Room for every account the report may credit: the Burner and the
     * fee recipients; and the queue's next checkpoint. */
    if (rc == STAKE_OK)
        rc = stake__ledger_reserve(token->shares, report->n_modules + 2);
    if (rc == STAKE_OK && p.last_finalized)
        rc = stake__queue_reserve(q, 1);
    if (rc != STAKE_OK) {
        if (q)
            stake__queue_mark_restore(q, &mark);
        free(p.parts);
        return rc;
    }

    /* Apply; none of these can fail any more. */
    if (!stake__u256_is_zero(&p.res.shares_to_finalize))
        (void)!stake_ledger_move(token->shares, stake__queue_address(q), &token->burner,
                                 &p.res.shares_to_finalize);
    token->pool = p.post;
    token->external_shares = p.external_after;
    if (!stake__u256_is_zero(&p.res.shares_burnt))
        (void)!stake_ledger_burn(token->shares, &token->burner, &p.res.shares_burnt);
    token->burn_requested = p.burn_requested_after;
    if (p.last_finalized)
        (void)!stake_queue_finalize(q, p.last_finalized, &p.res.ether_to_finalize,
                                    &report->simulated_share_rate);
    if (p.parts) {
        for (size_t i = 0; i < report->n_modules; i++) {
            if (!stake__u256_is_zero(&p.parts[i]))
                (void)!stake_ledger_mint(token->shares, &report->fee_recipients[i], &p.parts[i]);
        }
        if (!stake__u256_is_zero(&p.res.treasury_shares))
            (void)!stake_ledger_mint(token->shares, &report->treasury, &p.res.treasury_shares);
        free(p.parts);
    }

    stake_lido_totals post_totals;
    if (stake__steth_totals(&post_totals, token) == STAKE_OK) {
        (void)!stake_lido_total_pooled_ether(&p.res.post_total_ether, &post_totals);
        (void)!stake_lido_total_shares(&p.res.post_total_shares, &post_totals);
    }
    if (result)
        *result = p.res;
    return STAKE_OK;
}
