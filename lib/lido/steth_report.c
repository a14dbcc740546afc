/*
 * The accounting oracle report: the consensus-layer balance is replaced,
 * withdrawals and execution-layer rewards enter the buffer, and fee
 * shares are minted when the consensus-layer delta is positive (LIP-12),
 * with the V2 or the V3 formula, split across the staking modules with
 * the treasury taking the remainder. A loss simply lowers the rate: every
 * holder bears it pro rata.
 */
#include <stdlib.h>

#include "stake/lido.h"
#include "lido_internal.h"
#include "../ledger/ledger_internal.h"

stake_rc stake_lido_report_init(stake_lido_report *report, unsigned version)
{
    if (!report || version != STAKE_LIDO_REPORT_VERSION)
        return STAKE_EINVAL;
    memset(report, 0, sizeof *report);
    report->version = version;
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

/* Recipients of fee shares receive them through _transferShares from the
 * protocol, whose checks apply. */
static stake_rc check_recipient(const stake_steth *t, const stake_address *a)
{
    if (stake_address_is_zero(a))
        return STAKE_EZEROADDRESS;
    if (stake__address_eq(a, &t->self))
        return STAKE_ESELFRECIPIENT;
    return STAKE_OK;
}

stake_rc stake_steth_handle_report(stake_lido_report_result *result, stake_steth *token,
                                   const stake_lido_report *report)
{
    if (!token || !report || report->version != STAKE_LIDO_REPORT_VERSION)
        return STAKE_EINVAL;
    stake_rc rc = check_fees(report);
    if (rc != STAKE_OK)
        return rc;

    const stake_steth_pool *pre = &token->pool;
    /* pre.clValidators <= reported <= deposited */
    if (stake_u256_cmp(&report->cl_validators, &pre->cl_validators) < 0 ||
        stake_u256_cmp(&report->cl_validators, &pre->deposited_validators) > 0)
        return STAKE_EBADREPORT;

    stake_lido_report_result res;
    memset(&res, 0, sizeof res);
    stake_lido_totals pre_totals;
    if ((rc = stake__steth_totals(&pre_totals, token)) != STAKE_OK ||
        (rc = stake_lido_total_pooled_ether(&res.pre_total_ether, &pre_totals)) != STAKE_OK ||
        (rc = stake_lido_total_shares(&res.pre_total_shares, &pre_totals)) != STAKE_OK)
        return rc;

    /* principal = pre CL balance + appeared validators * 32 ether */
    stake_u256 appeared, unified;
    if ((rc = stake_u256_sub(&appeared, &report->cl_validators, &pre->cl_validators)) ||
        (rc = stake_u256_mul(&appeared, &appeared, &stake__lido_deposit_size)) ||
        (rc = stake_u256_add(&res.principal_cl_balance, &pre->cl_balance, &appeared)) ||
        (rc = stake_u256_add(&unified, &report->cl_balance, &report->withdrawals)))
        return rc;

    /* The pool after the report. */
    stake_steth_pool post = *pre;
    post.cl_balance = report->cl_balance;
    post.cl_validators = report->cl_validators;
    if ((rc = stake_u256_add(&post.buffered_ether, &post.buffered_ether, &report->withdrawals)) ||
        (rc = stake_u256_add(&post.buffered_ether, &post.buffered_ether, &report->el_rewards)))
        return rc;
    stake_u256 post_internal_ether;
    if ((rc = stake__steth_internal_ether(&post_internal_ether, &post)) != STAKE_OK)
        return rc;

    /* Fees: only on a profitable consensus-layer delta. */
    stake_u256 fee_shares = { { 0 } };
    if (stake_u256_cmp(&unified, &res.principal_cl_balance) > 0 &&
        !stake__u256_is_zero(&report->total_fee)) {
        if ((rc = stake_u256_sub(&res.rewards, &unified, &res.principal_cl_balance)) ||
            (rc = stake_u256_add(&res.rewards, &res.rewards, &report->el_rewards)))
            return rc;
        if (token->protocol == STAKE_LIDO_V2)
            rc = stake_lido_fee_shares_v2(&fee_shares, &res.rewards, &report->total_fee,
                                          &res.pre_total_shares, &res.pre_total_ether);
        else
            rc = stake_lido_fee_shares_v3(&fee_shares, NULL, &res.rewards, &report->total_fee,
                                          &pre_totals.internal_shares, &post_internal_ether);
        if (rc != STAKE_OK)
            return rc;
    } else if (stake_u256_cmp(&unified, &res.principal_cl_balance) > 0) {
        if ((rc = stake_u256_sub(&res.rewards, &unified, &res.principal_cl_balance)) ||
            (rc = stake_u256_add(&res.rewards, &res.rewards, &report->el_rewards)))
            return rc;
    }

    /* The split, and every check of the mints, before changing anything. */
    size_t n = report->n_modules;
    stake_u256 *parts = NULL;
    if (!stake__u256_is_zero(&fee_shares)) {
        parts = calloc(n ? n : 1, sizeof *parts);
        if (!parts)
            return STAKE_ENOMEM;
        rc = stake_lido_split_fee_shares(parts, &res.treasury_shares, &fee_shares,
                                         report->module_fees, n, &report->total_fee);
        for (size_t i = 0; rc == STAKE_OK && i < n; i++) {
            if (!stake__u256_is_zero(&parts[i]))
                rc = check_recipient(token, &report->fee_recipients[i]);
        }
        if (rc == STAKE_OK)
            rc = check_recipient(token, &report->treasury);
        stake_u256 total, next;
        if (rc == STAKE_OK)
            rc = stake_ledger_total(&total, token->shares);
        if (rc == STAKE_OK &&
            (stake_u256_add(&next, &total, &fee_shares) != STAKE_OK || next.w[2] || next.w[3]))
            rc = STAKE_ESHARESOVERFLOW;
        if (rc != STAKE_OK) {
            free(parts);
            return rc;
        }
    }

    /* V3 sanity: internal shares after the report must not be zero. */
    if (token->protocol == STAKE_LIDO_V3) {
        stake_u256 is_post;
        if (stake_u256_add(&is_post, &pre_totals.internal_shares, &fee_shares) != STAKE_OK ||
            stake__u256_is_zero(&is_post)) {
            free(parts);
            return STAKE_EINTERNALZERO;
        }
    }

    /* Apply. Room for every recipient is reserved first, so that no mint
     * can fail half-way and the report stays all-or-nothing. */
    if (parts && (rc = stake__ledger_reserve(token->shares, n + 1)) != STAKE_OK) {
        free(parts);
        return rc;
    }
    token->pool = post;
    if (parts) {
        for (size_t i = 0; i < n; i++) {
            if (!stake__u256_is_zero(&parts[i]))
                (void)!stake_ledger_mint(token->shares, &report->fee_recipients[i], &parts[i]);
        }
        if (!stake__u256_is_zero(&res.treasury_shares))
            (void)!stake_ledger_mint(token->shares, &report->treasury, &res.treasury_shares);
        free(parts);
    }
    res.fee_shares = fee_shares;

    stake_lido_totals post_totals;
    if (stake__steth_totals(&post_totals, token) == STAKE_OK) {
        (void)!stake_lido_total_pooled_ether(&res.post_total_ether, &post_totals);
        (void)!stake_lido_total_shares(&res.post_total_shares, &post_totals);
    }
    if (result)
        *result = res;
    return STAKE_OK;
}
