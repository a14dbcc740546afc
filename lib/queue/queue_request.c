/*
 * Making withdrawal requests (WithdrawalQueue.requestWithdrawals,
 * requestWithdrawalsWstETH, WithdrawalQueueBase._enqueue) and
 * transferring them (WithdrawalQueueERC721._transfer).
 *
 * The contract moves the tokens first and checks the request afterwards
 * (uint128 limits, prefix-sum overflow; for wstETH even the amount
 * bounds), reverting the move if a check fails. Here every check is made
 * before anything moves, so that a refusal leaves the token as it was.
 * When one of those later checks fails, the token's own refusals must
 * still win, as they come first on chain: the token operations are then
 * replayed on a throwaway copy of the token to find out (see
 * first_refusal()). That costs a copy of the token, on refusals only.
 */
#include "queue_internal.h"

stake_rc stake__queue_check_bounds(const stake_queue *q, const stake_u256 *amount)
{
    /* _checkWithdrawalRequestAmount */
    if (stake__q_cmp(amount, &q->min_amount) < 0)
        return STAKE_EAMOUNTTOOSMALL;
    if (stake__q_cmp(amount, &q->max_amount) > 0)
        return STAKE_EAMOUNTTOOLARGE;
    return STAKE_OK;
}

void stake__queue_sums_of_last(struct stake__queue_sums *sums, const stake_queue *q)
{
    const struct stake__queue_req *last = &q->reqs[q->last_request_id];
    sums->steth = stake__queue_u128(last->cum_steth);
    sums->shares = stake__queue_u128(last->cum_shares);
}

stake_rc stake__queue_check_enqueue_after(struct stake__queue_sums *sums,
                                          const stake_u256 *amount, const stake_u256 *shares)
{
    if ((amount->w[2] | amount->w[3] | shares->w[2] | shares->w[3]) != 0)
        return STAKE_ETOOLARGE;
    /* Both below 2^128 now, like the sums: a third limb is the carry. */
    stake_u256 s, e;
    (void)stake__q_add(&s, &sums->shares, shares);
    (void)stake__q_add(&e, &sums->steth, amount);
    if ((s.w[2] | e.w[2]) != 0)
        return STAKE_EOVERFLOW;
    sums->shares = s;
    sums->steth = e;
    return STAKE_OK;
}

static stake_rc check_enqueue(const stake_queue *q, const stake_u256 *amount,
                              const stake_u256 *shares)
{
    struct stake__queue_sums sums;
    stake__queue_sums_of_last(&sums, q);
    return stake__queue_check_enqueue_after(&sums, amount, shares);
}

uint64_t stake__queue_append(stake_queue *q, const stake_address *owner,
                             const stake_u256 *amount, const stake_u256 *shares, uint64_t ts)
{
    uint64_t id = q->last_request_id + 1;
    const struct stake__queue_req *last = &q->reqs[q->last_request_id];
    stake_u256 s = stake__queue_u128(last->cum_shares), e = stake__queue_u128(last->cum_steth);
    (void)stake__q_add(&s, &s, shares);      /* checked by stake__queue_check_enqueue_after() */
    (void)stake__q_add(&e, &e, amount);
    struct stake__queue_req *r = &q->reqs[id];
    memset(r, 0, sizeof *r);
    r->cum_steth[0] = e.w[0];
    r->cum_steth[1] = e.w[1];
    r->cum_shares[0] = s.w[0];
    r->cum_shares[1] = s.w[1];
    r->owner = *owner;
    stake__queue_req_set_ts(r, ts, q->last_report_ts);
    q->last_request_id = id;
    q->clock = ts;
    return id;
}

stake_rc stake__queue_begin_request(const stake_queue *q, uint64_t ts)
{
    stake_rc rc = stake__queue_check_time(q, ts);
    if (rc == STAKE_OK && q->paused)
        rc = STAKE_EPAUSED;     /* _checkResumed */
    return rc;
}

/* ---- replaying the token's side on a copy ------------------------------------ */

typedef stake_rc (*token_moves)(stake_steth *token, const stake_queue *q,
                                const stake_address *sender, const stake_u256 *amount);

/* STETH.transferFrom(sender, queue, amount) sent by the queue. */
static stake_rc steth_moves(stake_steth *token, const stake_queue *q,
                            const stake_address *sender, const stake_u256 *amount)
{
    return stake_steth_transfer_from(NULL, token, &q->self, sender, &q->self, amount);
}

stake_rc stake__queue_wsteth_moves(stake_u256 *unwrapped, stake_steth *token,
                                  const stake_queue *q, const stake_address *sender,
                                  const stake_u256 *w)
{
    /* WSTETH.transferFrom(sender, queue, w) sent by the queue: it spends
     * w of the sender's wstETH allowance to the queue. */
    stake_rc rc = stake_wsteth_transfer_from(token, &q->self, sender, &q->self, w);
    if (rc != STAKE_OK)
        return rc;
    rc = stake_wsteth_unwrap(unwrapped, token, &q->self, w);
    if (rc != STAKE_OK) {
        /* unwrap is all or nothing; give the wstETH and the w of
         * allowance back. Neither can fail: the queue was just credited,
         * the allowance was at least w a moment ago (so adding w back
         * cannot overflow), and its entry exists unless w is zero. */
        (void)!stake_wsteth_transfer(token, &q->self, sender, w);
        (void)!stake_wsteth_increase_allowance(token, sender, &q->self, w);
    }
    return rc;
}

static stake_rc wsteth_moves(stake_steth *token, const stake_queue *q,
                             const stake_address *sender, const stake_u256 *w)
{
    return stake__queue_wsteth_moves(NULL, token, q, sender, w);
}

/* The refusal the chain reports when the queue's own late check would
 * give `later`: the token's, if its operations refuse first. */
static stake_rc first_refusal(const stake_steth *token, token_moves moves, const stake_queue *q,
                              const stake_address *sender, const stake_u256 *amount,
                              stake_rc later)
{
    stake_steth *copy;
    stake_rc rc = stake_steth_clone(&copy, token);
    if (rc != STAKE_OK)
        return rc;
    rc = moves(copy, q, sender, amount);
    stake_steth_free(copy);
    return rc != STAKE_OK ? rc : later;
}

stake_rc stake__queue_shares_of_amount(stake_u256 *shares, const stake_steth *token,
                                       const stake_u256 *amount)
{
    stake_lido_totals tot;
    stake_rc rc = stake_steth_totals(&tot, token);
    return rc != STAKE_OK ? rc : stake_lido_shares_by_pooled_eth(shares, &tot, amount);
}

/* ---- the public entry points ------------------------------------------------------ */

stake_rc stake_queue_enqueue(uint64_t *id, stake_queue *queue, const stake_address *owner,
                             const stake_u256 *amount, const stake_u256 *shares,
                             uint64_t timestamp)
{
    if (!id || !queue || !owner || !amount || !shares)
        return STAKE_EINVAL;
    stake_rc rc = stake__queue_begin_request(queue, timestamp);
    if (rc == STAKE_OK && stake_address_is_zero(owner))
        rc = STAKE_EZEROADDRESS;
    if (rc == STAKE_OK)
        rc = stake__queue_check_bounds(queue, amount);
    if (rc == STAKE_OK)
        rc = check_enqueue(queue, amount, shares);
    if (rc == STAKE_OK)
        rc = stake__queue_reserve_requests(queue, 1);
    if (rc != STAKE_OK)
        return rc;
    *id = stake__queue_append(queue, owner, amount, shares, timestamp);
    return STAKE_OK;
}

stake_rc stake_queue_request_for(uint64_t *id, stake_queue *queue, stake_steth *token,
                                 const stake_address *sender, const stake_address *owner,
                                 const stake_u256 *amount, uint64_t timestamp)
{
    if (!id || !queue || !token || !sender || !owner || !amount)
        return STAKE_EINVAL;
    /* requestWithdrawals: _checkResumed, the owner, then per amount the
     * bounds, then _requestWithdrawal: transferFrom(msg.sender),
     * getSharesByPooledEth, the uint128 checks, _enqueue for the owner. */
    stake_rc rc = stake__queue_begin_request(queue, timestamp);
    if (rc == STAKE_OK)
        rc = stake__queue_check_bounds(queue, amount);
    if (rc == STAKE_OK)
        rc = stake__queue_reserve_requests(queue, 1);
    if (rc != STAKE_OK)
        return rc;
    owner = stake__queue_owner_or_sender(owner, sender);

    stake_u256 shares;
    rc = stake__queue_shares_of_amount(&shares, token, amount);
    if (rc == STAKE_OK)
        rc = check_enqueue(queue, amount, &shares);
    if (rc != STAKE_OK)
        return first_refusal(token, steth_moves, queue, sender, amount, rc);

    /* A transfer moves exactly getSharesByPooledEth(amount) shares, and
     * leaves the rate as it was, so the shares computed above are those
     * the contract records. transferFrom is all or nothing. */
    rc = steth_moves(token, queue, sender, amount);
    if (rc != STAKE_OK)
        return rc;
    *id = stake__queue_append(queue, owner, amount, &shares, timestamp);
    return STAKE_OK;
}

stake_rc stake_queue_request(uint64_t *id, stake_queue *queue, stake_steth *token,
                             const stake_address *owner, const stake_u256 *amount,
                             uint64_t timestamp)
{
    return stake_queue_request_for(id, queue, token, owner, owner, amount, timestamp);
}

stake_rc stake_queue_request_wsteth_for(uint64_t *id, stake_queue *queue, stake_steth *token,
                                        const stake_address *sender, const stake_address *owner,
                                        const stake_u256 *wsteth_amount, uint64_t timestamp)
{
    if (!id || !queue || !token || !sender || !owner || !wsteth_amount)
        return STAKE_EINVAL;
    /* requestWithdrawalsWstETH: _checkResumed, the owner, then
     * _requestWithdrawalWstETH: WSTETH.transferFrom(msg.sender), unwrap
     * (which sends stETH from the wrapper to the queue), the bounds on the
     * unwrapped amount, getSharesByPooledEth, the uint128 checks, _enqueue
     * for the owner. */
    stake_rc rc = stake__queue_begin_request(queue, timestamp);
    if (rc == STAKE_OK)
        rc = stake__queue_reserve_requests(queue, 1);
    if (rc != STAKE_OK)
        return rc;
    owner = stake__queue_owner_or_sender(owner, sender);

    /* What unwrap will give: getStETHByWstETH(w) = getPooledEthByShares(w),
     * at a rate that neither the wstETH transfer nor the unwrap change. */
    stake_u256 amount, shares;
    rc = stake__u256_is_zero(wsteth_amount) ? STAKE_EZEROAMOUNT : STAKE_OK;
    if (rc == STAKE_OK)
        rc = stake_steth_by_wsteth(&amount, token, wsteth_amount);
    if (rc == STAKE_OK)
        rc = stake__queue_check_bounds(queue, &amount);
    if (rc == STAKE_OK)
        rc = stake__queue_shares_of_amount(&shares, token, &amount);
    if (rc == STAKE_OK)
        rc = check_enqueue(queue, &amount, &shares);
    if (rc != STAKE_OK)
        return first_refusal(token, wsteth_moves, queue, sender, wsteth_amount, rc);

    stake_u256 unwrapped;
    rc = stake__queue_wsteth_moves(&unwrapped, token, queue, sender, wsteth_amount);
    if (rc != STAKE_OK)
        return rc;
    *id = stake__queue_append(queue, owner, &unwrapped, &shares, timestamp);
    return STAKE_OK;
}

stake_rc stake_queue_request_wsteth(uint64_t *id, stake_queue *queue, stake_steth *token,
                                    const stake_address *owner, const stake_u256 *wsteth_amount,
                                    uint64_t timestamp)
{
    return stake_queue_request_wsteth_for(id, queue, token, owner, owner, wsteth_amount,
                                          timestamp);
}

stake_rc stake_queue_transfer(stake_queue *queue, const stake_address *from,
                              const stake_address *to, uint64_t id)
{
    if (!queue || !from || !to)
        return STAKE_EINVAL;
    /* WithdrawalQueueERC721._transfer, sent by from. Approvals are not
     * modelled, so "owner, approved or operator" reduces to the owner,
     * which the from == owner check already demands. */
    if (stake_address_is_zero(to))
        return STAKE_EZEROADDRESS;          /* TransferToZeroAddress */
    if (stake__address_eq(to, from))
        return STAKE_ESELFTRANSFER;         /* TransferToThemselves */
    if (id == 0 || id > queue->last_request_id)
        return STAKE_EINVALIDID;
    struct stake__queue_req *r = &queue->reqs[id];
    if (r->claimed)
        return STAKE_EALREADYCLAIMED;
    if (!stake__address_eq(from, &r->owner))
        return STAKE_ENOTOWNER;             /* TransferFromIncorrectOwner */
    r->owner = *to;
    return STAKE_OK;
}
