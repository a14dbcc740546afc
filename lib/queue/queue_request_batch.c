/*
 * Batches of withdrawal requests: requestWithdrawals(amounts, owner) and
 * requestWithdrawalsWstETH(amounts, owner).
 *
 * The contract requests each amount in turn and reverts everything if one
 * refuses. Here the whole batch is checked first, each element against
 * the state the earlier ones would leave, and only then applied, so that
 * nothing needs undoing. The token's side of the checks is a dry run
 * (lib/lido/steth_dry.c) when the accounts involved are distinct, which
 * is every case a chain produces; otherwise the moves are made on a copy
 * of the token, which is exact whatever aliases what. The queue's side
 * (bounds, uint128 limits, prefix sums) is queue_request.c's.
 */
#include "queue_internal.h"
#include "../lido/lido_internal.h"

struct batch {
    stake_queue *q;
    stake_steth *token;
    const stake_address *sender;
    stake_steth *copy;               /* the copy the checks move tokens on, or NULL */
    stake__steth_pending pending;    /* what the dry runs so far took */
    struct stake__queue_sums sums;   /* the prefix sums with the elements checked */
};

/* One element's token moves made for real on t (the copy while checking,
 * the token itself once the batch is checked): stETH's transferFrom, or
 * the wstETH transfer and unwrap; *steth and *shares receive the
 * request's amount and shares. */
static stake_rc make_moves(stake_u256 *steth, stake_u256 *shares, stake_steth *t,
                           const struct batch *b, const stake_u256 *amount, int wsteth)
{
    const stake_address *q = &b->q->self;
    if (!wsteth) {
        *steth = *amount;
        return stake_steth_transfer_from(shares, t, q, b->sender, q, amount);
    }
    stake_rc rc = stake__queue_wsteth_moves(steth, t, b->q, b->sender, amount);
    return rc != STAKE_OK ? rc : stake__queue_shares_of_amount(shares, t, steth);
}

/* One element, in the contract's order: for stETH the bounds, then
 * transferFrom; for wstETH the transfer and unwrap, then the bounds on
 * what it paid; then the queue's late checks. */
static stake_rc check_element(struct batch *b, const stake_u256 *amount, int wsteth)
{
    const stake_address *q = &b->q->self;
    stake_u256 steth = *amount, shares;
    stake_rc rc = wsteth ? STAKE_OK : stake__queue_check_bounds(b->q, amount);
    if (rc == STAKE_OK && b->copy)
        rc = make_moves(&steth, &shares, b->copy, b, amount, wsteth);
    else if (rc == STAKE_OK && wsteth)
        rc = stake__steth_dry_wsteth_unwrap(&steth, &shares, b->token, b->sender, q, amount,
                                            &b->pending);
    else if (rc == STAKE_OK)
        rc = stake__steth_dry_transfer_from(&shares, b->token, b->sender, q, amount,
                                            &b->pending);
    if (rc == STAKE_OK && wsteth)
        rc = stake__queue_check_bounds(b->q, &steth);
    return rc != STAKE_OK ? rc : stake__queue_check_enqueue_after(&b->sums, &steth, &shares);
}

/* Checks every element; on a refusal *failed receives its index. The
 * copy, if one was needed, is freed before returning. */
static stake_rc check_batch(struct batch *b, const stake_u256 *amounts, size_t n, int wsteth,
                            size_t *failed)
{
    stake_rc rc = STAKE_OK;
    memset(&b->pending, 0, sizeof b->pending);
    stake__queue_sums_of_last(&b->sums, b->q);
    for (size_t i = 0; i < n && rc == STAKE_OK; i++) {
        rc = check_element(b, &amounts[i], wsteth);
        if (rc != STAKE_OK && failed)
            *failed = i;
    }
    stake_steth_free(b->copy);
    b->copy = NULL;
    return rc;
}

/* After dry runs: the batch's moves in one go, then each request with the
 * values its dry run found (recomputed at the batch's rate). */
static void apply_dry(uint64_t *ids, struct batch *b, const stake_address *owner,
                      const stake_u256 *amounts, size_t n, int wsteth, uint64_t ts)
{
    const stake_lido_totals *rate = &b->pending.totals;
    for (size_t i = 0; i < n; i++) {
        stake_u256 steth = amounts[i], shares;
        if (wsteth)
            (void)!stake_lido_pooled_eth_by_shares(&steth, rate, &amounts[i]);
        (void)!stake_lido_shares_by_pooled_eth(&shares, rate, &steth);    /* as checked */
        uint64_t id = stake__queue_append(b->q, owner, &steth, &shares, ts);
        if (ids)
            ids[i] = id;
    }
}

/* Without dry runs: each element's moves made for real, as they were on
 * the copy, and its request appended. */
static stake_rc apply_one_by_one(uint64_t *ids, struct batch *b, const stake_address *owner,
                                 const stake_u256 *amounts, size_t n, int wsteth, uint64_t ts)
{
    for (size_t i = 0; i < n; i++) {
        stake_u256 steth, shares;
        stake_rc rc = make_moves(&steth, &shares, b->token, b, &amounts[i], wsteth);
        if (rc != STAKE_OK)
            return rc;      /* cannot happen: checked on the copy, memory reserved */
        uint64_t id = stake__queue_append(b->q, owner, &steth, &shares, ts);
        if (ids)
            ids[i] = id;
    }
    return STAKE_OK;
}

static stake_rc request_batch(uint64_t *ids, stake_queue *queue, stake_steth *token,
                              const stake_address *sender, const stake_address *owner,
                              const stake_u256 *amounts, size_t n, uint64_t timestamp,
                              size_t *failed_index, int wsteth)
{
    if (!queue || !token || !sender || !owner || (n > 0 && !amounts))
        return STAKE_EINVAL;
    /* _checkResumed and the owner come before the loop; the model's clock
     * is checked with them. */
    stake_rc rc = stake__queue_begin_request(queue, timestamp);
    if (rc != STAKE_OK || n == 0)
        return rc;
    owner = stake__queue_owner_or_sender(owner, sender);

    struct batch b = { .q = queue, .token = token, .sender = sender };
    int dry = stake__steth_dry_runs_apply(token, sender, &queue->self);
    if (!dry && (rc = stake_steth_clone(&b.copy, token)) != STAKE_OK)
        return rc;
    if ((rc = check_batch(&b, amounts, n, wsteth, failed_index)) != STAKE_OK)
        return rc;
    /* Room for the n requests and for the queue as a new holder: after
     * this nothing can refuse, as every move was checked above. */
    if ((rc = stake__queue_reserve_requests(queue, n)) != STAKE_OK ||
        (rc = stake__steth_reserve_holders(token, 1)) != STAKE_OK)
        return rc;
    if (!dry)
        return apply_one_by_one(ids, &b, owner, amounts, n, wsteth, timestamp);
    if ((rc = stake__steth_apply_pending(token, sender, &queue->self, &b.pending)) != STAKE_OK)
        return rc;          /* cannot happen: checked, memory reserved */
    apply_dry(ids, &b, owner, amounts, n, wsteth, timestamp);
    return STAKE_OK;
}

stake_rc stake_queue_request_batch(uint64_t *ids, stake_queue *queue, stake_steth *token,
                                   const stake_address *sender, const stake_address *owner,
                                   const stake_u256 *amounts, size_t n, uint64_t timestamp,
                                   size_t *failed_index)
{
    return request_batch(ids, queue, token, sender, owner, amounts, n, timestamp,
                         failed_index, 0);
}

stake_rc stake_queue_request_wsteth_batch(uint64_t *ids, stake_queue *queue,
                                          stake_steth *token, const stake_address *sender,
                                          const stake_address *owner,
                                          const stake_u256 *wsteth_amounts, size_t n,
                                          uint64_t timestamp, size_t *failed_index)
{
    return request_batch(ids, queue, token, sender, owner, wsteth_amounts, n, timestamp,
                         failed_index, 1);
}

