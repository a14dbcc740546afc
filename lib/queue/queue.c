/*
 * The withdrawal queue object: parameters, creation, copies, storage
 * growth, the clock, and pausing.
 */
#include <stdlib.h>

#include "queue_internal.h"

const stake_u256 stake__queue_e27 = { { 0x9fd0803ce8000000ULL, 0x33b2e3cULL, 0, 0 } };

/* WithdrawalQueueERC721 on mainnet, 0x889edC2eDab5f40e902b864aD4d7AdE8E412F9B1. */
static const stake_address mainnet_queue = { { 0x88, 0x9e, 0xdc, 0x2e, 0xda, 0xb5, 0xf4, 0x0e,
                                               0x90, 0x2b, 0x86, 0x4a, 0xd4, 0xd7, 0xad, 0xe8,
                                               0xe4, 0x12, 0xf9, 0xb1 } };

stake_rc stake_queue_params_init(stake_queue_params *params, unsigned version)
{
    if (!params || version != STAKE_QUEUE_PARAMS_VERSION)
        return STAKE_EINVAL;
    memset(params, 0, sizeof *params);
    params->version = version;
    params->address = mainnet_queue;
    params->min_amount.w[0] = 100;                          /* MIN_STETH_WITHDRAWAL_AMOUNT */
    params->max_amount.w[0] = 0x35c9adc5dea00000ULL;        /* MAX_STETH_WITHDRAWAL_AMOUNT, */
    params->max_amount.w[1] = 0x36;                         /* 1000 ether */
    return STAKE_OK;
}

/* Room for need elements in the array *p of *cap: the first allocation
 * is exact (so that expected_requests sizes the queue to the request),
 * later ones double, for amortised O(1) appends. STAKE_ENOMEM, with *p
 * and *cap unchanged, if the allocation or the byte count fails. */
static stake_rc grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return STAKE_OK;
    size_t c = *cap == 0 ? (need < 16 ? 16 : need) : *cap;
    while (c < need)
        c = c > SIZE_MAX / 2 ? need : c * 2;
    if (c > SIZE_MAX / elem)
        return STAKE_ENOMEM;
    void *np = realloc(*p, c * elem);
    if (!np)
        return STAKE_ENOMEM;
    *p = np;
    *cap = c;
    return STAKE_OK;
}

stake_rc stake__queue_reserve_requests(stake_queue *q, size_t n)
{
    /* entries 0 .. last + n */
    if (n > SIZE_MAX - 1 || q->last_request_id > SIZE_MAX - 1 - n)
        return STAKE_ENOMEM;
    void *p = q->reqs;
    stake_rc rc = grow(&p, &q->req_cap, (size_t)q->last_request_id + 1 + n, sizeof *q->reqs);
    q->reqs = p;
    return rc;
}

stake_rc stake__queue_reserve(stake_queue *q, size_t checkpoints)
{
    if (!q)
        return STAKE_EINVAL;
    if (checkpoints > SIZE_MAX - 1 || q->last_cp > SIZE_MAX - 1 - checkpoints)
        return STAKE_ENOMEM;
    void *p = q->cps;
    stake_rc rc = grow(&p, &q->cp_cap, (size_t)q->last_cp + 1 + checkpoints, sizeof *q->cps);
    q->cps = p;
    return rc;
}

void stake_queue_free(stake_queue *queue)
{
    if (!queue)
        return;
    free(queue->reqs);
    free(queue->cps);
    free(queue);
}

stake_rc stake_queue_new(stake_queue **out, const stake_queue_params *params)
{
    if (!out || !params || params->version != STAKE_QUEUE_PARAMS_VERSION)
        return STAKE_EINVAL;
    if (stake_address_is_zero(&params->address) ||
        stake_u256_cmp(&params->min_amount, &params->max_amount) > 0)
        return STAKE_EINVAL;
    stake_queue *q = calloc(1, sizeof *q);
    if (!q)
        return STAKE_ENOMEM;
    q->self = params->address;
    q->min_amount = params->min_amount;
    q->max_amount = params->max_amount;
    q->bunker_since = STAKE_QUEUE_BUNKER_DISABLED;
    size_t hint = params->expected_requests;
    if (stake__queue_reserve_requests(q, hint > 0 ? hint : 15) != STAKE_OK ||
        stake__queue_reserve(q, 15) != STAKE_OK) {
        stake_queue_free(q);
        return STAKE_ENOMEM;
    }
    /* _initializeQueue: the dummy request (zero sums, claimed) and the
     * dummy checkpoint {0, 0} that spare the contract its underflow
     * branches. */
    memset(&q->reqs[0], 0, sizeof q->reqs[0]);
    q->reqs[0].claimed = 1;
    memset(&q->cps[0], 0, sizeof q->cps[0]);
    *out = q;
    return STAKE_OK;
}

stake_rc stake_queue_clone(stake_queue **out, const stake_queue *queue)
{
    if (!out || !queue)
        return STAKE_EINVAL;
    stake_queue *q = malloc(sizeof *q);
    if (!q)
        return STAKE_ENOMEM;
    *q = *queue;
    /* A copy is sized to what is used; it grows again on demand. */
    q->req_cap = (size_t)queue->last_request_id + 1;
    q->cp_cap = (size_t)queue->last_cp + 1;
    q->reqs = malloc(q->req_cap * sizeof *q->reqs);
    q->cps = malloc(q->cp_cap * sizeof *q->cps);
    if (!q->reqs || !q->cps) {
        stake_queue_free(q);
        return STAKE_ENOMEM;
    }
    memcpy(q->reqs, queue->reqs, q->req_cap * sizeof *q->reqs);
    memcpy(q->cps, queue->cps, q->cp_cap * sizeof *q->cps);
    *out = q;
    return STAKE_OK;
}

stake_rc stake_queue_address(stake_address *out, const stake_queue *queue)
{
    if (!out || !queue)
        return STAKE_EINVAL;
    *out = queue->self;
    return STAKE_OK;
}

const stake_address *stake__queue_address(const stake_queue *q)
{
    return q ? &q->self : NULL;
}

size_t stake_queue_memory(const stake_queue *queue)
{
    if (!queue)
        return 0;
    return sizeof *queue + queue->req_cap * sizeof *queue->reqs +
           queue->cp_cap * sizeof *queue->cps;
}

stake_rc stake__queue_check_time(const stake_queue *q, uint64_t ts)
{
    if (ts >= STAKE_QUEUE_TIMESTAMP_LIMIT || ts < q->clock)
        return STAKE_ETIMESTAMP;
    return STAKE_OK;
}

/* ---- PausableUntil ------------------------------------------------------------ */

stake_rc stake_queue_pause(stake_queue *queue)
{
    if (!queue)
        return STAKE_EINVAL;
    if (queue->paused)
        return STAKE_ESTATE;     /* ResumedExpected */
    queue->paused = 1;
    return STAKE_OK;
}

stake_rc stake_queue_resume(stake_queue *queue)
{
    if (!queue)
        return STAKE_EINVAL;
    if (!queue->paused)
        return STAKE_ESTATE;     /* PausedExpected */
    queue->paused = 0;
    return STAKE_OK;
}

int stake_queue_is_paused(const stake_queue *queue)
{
    return queue ? queue->paused : 0;
}
