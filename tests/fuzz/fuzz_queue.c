/*
 * libFuzzer target: the withdrawal queue driven by arbitrary operation
 * sequences through its token-free entry points (enqueue as the chain's
 * events give it, batch calculation with any state, prefinalize with any
 * batch list, finalize with any ether and rate, claims (single and
 * batched) with any hint, hint searches with any range, reports, pauses,
 * transfers).
 *
 * After every step, whatever it returned:
 *  - stake_queue_check() passes (prefix sums, checkpoints, locked ether);
 *  - a refused step left the queue's observable state as it was and its
 *    outputs holding their pre-filled pattern;
 *  - a claim pays at most the request's nominal amount, exactly what
 *    stake_queue_claimable_ether() announced with the same hint;
 *  - a batch claim takes from the locked ether exactly what it reports
 *    paying, and a refused one names an element of the batch.
 * Nothing may crash, leak or trip a sanitizer. Build and run with
 * `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stake.h>

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Mostly small numbers (ids, counts, timestamps near the clock), with
 * the extremes now and then. */
static uint64_t small(struct fuzz_input *in)
{
    uint8_t b = fuzz_byte(in);
    switch (b >> 6) {
    case 0: return b & 0x3f;
    case 1: return (uint64_t)(b & 0x3f) << 8 | fuzz_byte(in);
    case 2: return (b & 1) ? UINT64_MAX : (uint64_t)1 << 40;
    default: return fuzz_bytes(in, 8);
    }
}

/* An amount around the queue's scales: wei to thousands of ether, shares
 * near the amount, and full-width values. */
static stake_u256 amount(struct fuzz_input *in)
{
    stake_u256 v = { { 0, 0, 0, 0 } };
    uint8_t b = fuzz_byte(in);
    switch (b >> 6) {
    case 0: v.w[0] = b & 0x3f; break;
    case 1: v.w[0] = fuzz_bytes(in, 2) * 100000000000000ULL; break;   /* to 6.5 ether */
    case 2:
        v.w[0] = fuzz_bytes(in, 8);
        v.w[1] = fuzz_byte(in) & 0x3f;
        break;
    default:
        for (int l = 0; l < 4; l++)
            v.w[l] = fuzz_bytes(in, 8);
        break;
    }
    return v;
}

/* A share rate at 1e27 precision: about 1 ether per share, moved a
 * little either way, or anything. */
static stake_u256 rate(struct fuzz_input *in)
{
    uint8_t b = fuzz_byte(in);
    stake_u256 r, e27, delta = { { fuzz_byte(in), 0, 0, 0 } };
    if (stake_u256_from_dec(&e27, STAKE_QUEUE_E27_DEC, NULL) != STAKE_OK)
        abort();
    /* a few wei of rate (the rounding boundaries), or steps of 0.1% */
    stake_u256 step = { { 1, 0, 0, 0 } };
    if ((b & 4) && stake_u256_from_dec(&step, "1000000000000000000000000", NULL) != STAKE_OK)
        abort();
    if (stake_u256_mul(&delta, &delta, &step) != STAKE_OK)
        abort();
    switch (b % 4) {
    case 0: return e27;
    case 1: return stake_u256_add(&r, &e27, &delta) == STAKE_OK ? r : e27;
    case 2: return stake_u256_sub(&r, &e27, &delta) == STAKE_OK ? r : e27;
    default: return amount(in);
    }
}

/* three owners and the zero address */
static stake_address owner(uint8_t b)
{
    return fuzz_address(b, 4);
}

struct summary {
    uint64_t last_request, last_finalized, last_checkpoint, last_report;
    int bunker, paused;
    stake_u256 locked, unfinalized;
};

static struct summary summarize(const stake_queue *q)
{
    struct summary s;
    memset(&s, 0, sizeof s);
    s.last_request = stake_queue_last_request_id(q);
    s.last_finalized = stake_queue_last_finalized_id(q);
    s.last_checkpoint = stake_queue_last_checkpoint_index(q);
    s.last_report = stake_queue_last_report_timestamp(q);
    s.bunker = stake_queue_is_bunker(q);
    s.paused = stake_queue_is_paused(q);
    if (stake_queue_locked_ether(&s.locked, q) != STAKE_OK ||
        stake_queue_unfinalized_steth(&s.unfinalized, q) != STAKE_OK)
        abort();
    return s;
}

static int same(const struct summary *a, const struct summary *b)
{
    return a->last_request == b->last_request && a->last_finalized == b->last_finalized &&
           a->last_checkpoint == b->last_checkpoint && a->last_report == b->last_report &&
           a->bunker == b->bunker && a->paused == b->paused &&
           stake_u256_cmp(&a->locked, &b->locked) == 0 &&
           stake_u256_cmp(&a->unfinalized, &b->unfinalized) == 0;
}

static void claim_step(stake_queue *q, struct fuzz_input *in, uint64_t id, uint64_t hint)
{
    stake_address who = owner(fuzz_byte(in));
    int hinted = fuzz_byte(in) & 1;
    stake_queue_status st;
    stake_u256 announced, paid;
    int have_status = stake_queue_request_status(&st, q, id) == STAKE_OK;
    /* the unhinted claim searches every checkpoint: announce with that hint */
    uint64_t view_hint = hint;
    if (!hinted && stake_queue_find_checkpoint_hint(&view_hint, q, id, 1,
                                                    stake_queue_last_checkpoint_index(q)) !=
                       STAKE_OK)
        view_hint = 0;
    stake_rc arc = stake_queue_claimable_ether(&announced, q, id, view_hint);
    FUZZ_OUT(paid);
    stake_rc rc = hinted ? stake_queue_claim(&paid, q, id, hint, &who)
                         : stake_queue_claim_unhinted(&paid, q, id, &who);
    if (rc != STAKE_OK) {
        if (!fuzz_untouched(&paid, sizeof paid))
            abort();
        return;
    }
    /* no claim pays more than its nominal amount, and each pays what the
     * view announced for the same request and hint */
    if (!have_status || stake_u256_cmp(&paid, &st.amount) > 0 || arc != STAKE_OK ||
        stake_u256_cmp(&paid, &announced))
        abort();
}

static void step(stake_queue *q, stake_queue_batches *batches, struct fuzz_input *in,
                 uint64_t *clock)
{
    uint8_t op = fuzz_byte(in);
    struct summary before = summarize(q);
    stake_rc rc = STAKE_OK;
    switch (op % 12) {
    case 0:
    case 1: {   /* enqueue, twice as often as the rest */
        stake_address who = owner(fuzz_byte(in));
        stake_u256 a = amount(in), s = (fuzz_byte(in) & 1) ? a : amount(in);
        uint64_t id;
        *clock += small(in) & 0xffff;
        FUZZ_OUT(id);
        rc = stake_queue_enqueue(&id, q, &who, &a, &s, *clock);
        if (rc != STAKE_OK ? !fuzz_untouched(&id, sizeof id) : id != before.last_request + 1)
            abort();
        break;
    }
    case 2: {   /* the oracle's batch calculation, from a fresh or an arbitrary state */
        stake_queue_batches copy;
        stake_u256 budget = amount(in), r = rate(in);
        if (fuzz_byte(in) & 1) {
            if (stake_queue_batches_init(batches, &budget) != STAKE_OK)
                abort();
        } else if (fuzz_byte(in) == 0) {   /* now and then, a state made of noise */
            for (size_t i = 0; i < sizeof *batches; i++)
                ((uint8_t *)batches)[i] = fuzz_byte(in);
        }
        copy = *batches;
        rc = stake_queue_calculate_batches(batches, q, &r, small(in), small(in));
        if (rc != STAKE_OK && memcmp(&copy, batches, sizeof copy))
            abort();
        break;
    }
    case 3: {   /* prefinalize the calculated batches (or noise), then finalize */
        uint64_t list[STAKE_QUEUE_MAX_BATCHES];
        size_t n = batches->length <= STAKE_QUEUE_MAX_BATCHES ? batches->length : 0;
        memcpy(list, batches->batches, sizeof list);
        if (fuzz_byte(in) & 1) {
            n = fuzz_byte(in) % (STAKE_QUEUE_MAX_BATCHES + 1);
            for (size_t i = 0; i < n; i++)
                list[i] = small(in);
        }
        stake_u256 eth, shares, r = rate(in);
        FUZZ_OUT(eth);
        FUZZ_OUT(shares);
        rc = stake_queue_prefinalize(&eth, &shares, q, list, n, &r);
        if (rc != STAKE_OK) {
            if (!fuzz_untouched(&eth, sizeof eth) || !fuzz_untouched(&shares, sizeof shares))
                abort();
            break;
        }
        rc = stake_queue_finalize(q, list[n - 1], &eth, &r);
        break;
    }
    case 4: {   /* finalize with anything */
        stake_u256 eth = amount(in), r = rate(in);
        rc = stake_queue_finalize(q, small(in), &eth, &r);
        break;
    }
    case 5: {   /* a claim with a hint found by the search */
        uint64_t id = small(in), hint;
        FUZZ_OUT(hint);
        rc = stake_queue_find_checkpoint_hint(&hint, q, id, 1, before.last_checkpoint);
        if (rc != STAKE_OK) {
            if (!fuzz_untouched(&hint, sizeof hint))
                abort();
            break;
        }
        claim_step(q, in, id, hint);
        break;
    }
    case 6:     /* a claim with any hint, or claimWithdrawals of up to 4 */
        if (fuzz_byte(in) & 1) {
            claim_step(q, in, small(in), small(in));
            break;
        }
        {
            uint64_t ids[4], hints[4];
            stake_u256 paid[4], sum = { { 0 } }, left;
            size_t n = fuzz_byte(in) % 5, failed = SIZE_MAX;
            stake_address who = owner(fuzz_byte(in));
            for (size_t i = 0; i < n; i++) {
                ids[i] = small(in);
                hints[i] = small(in);
            }
            FUZZ_OUT(paid);
            rc = stake_queue_claim_batch(paid, q, ids, hints, n, &who, &failed);
            if (rc != STAKE_OK) {
                /* all or nothing, the refused element named */
                if (!fuzz_untouched(paid, sizeof paid) || failed >= n)
                    abort();
                break;
            }
            /* what the batch paid is what left the locked ether */
            for (size_t i = 0; i < n; i++)
                if (stake_u256_add(&sum, &sum, &paid[i]) != STAKE_OK)
                    abort();
            if (stake_queue_locked_ether(&left, q) != STAKE_OK ||
                stake_u256_add(&left, &left, &sum) != STAKE_OK ||
                stake_u256_cmp(&left, &before.locked) != 0)
                abort();
        }
        break;
    case 7: {   /* the batch hint search, over any range */
        uint64_t ids[4], hints[4];
        size_t n = fuzz_byte(in) % 5;
        for (size_t i = 0; i < n; i++)
            ids[i] = small(in);
        FUZZ_OUT(hints);
        rc = stake_queue_find_checkpoint_hints(hints, q, ids, n, small(in), small(in));
        if (rc != STAKE_OK && !fuzz_untouched(hints, sizeof hints))
            abort();
        for (size_t i = 0; rc == STAKE_OK && i + 1 < n; i++)
            if (hints[i] == 0)          /* the next search would start at 0 */
                abort();
        break;
    }
    case 8: {   /* the dust accounting of a finalization */
        stake_queue_dust dust;
        FUZZ_OUT(dust);
        rc = stake_queue_checkpoint_dust(&dust, q, small(in));
        if (rc != STAKE_OK ? !fuzz_untouched(&dust, sizeof dust)
                           : dust.claimed_requests > dust.requests)
            abort();
        break;
    }
    case 9: {   /* an oracle report */
        uint64_t report = *clock, start = *clock - (small(in) & 0xff);
        *clock += small(in) & 0xffff;
        int bunker = fuzz_byte(in) & 1;
        uint64_t bunker_start = fuzz_byte(in) & 1 ? start : small(in);
        rc = stake_queue_on_oracle_report(q, bunker, bunker_start, report, *clock);
        break;
    }
    case 10: {  /* an ownership transfer */
        stake_address from = owner(fuzz_byte(in)), to = owner(fuzz_byte(in));
        rc = stake_queue_transfer(q, &from, &to, small(in));
        break;
    }
    default:
        rc = (fuzz_byte(in) & 1) ? stake_queue_pause(q) : stake_queue_resume(q);
        break;
    }
    if (rc != STAKE_OK) {
        struct summary after = summarize(q);
        if (!same(&before, &after))
            abort();
    }
    if (stake_queue_check(q) != STAKE_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = { data, size };
    stake_queue_params params;
    stake_queue *q = NULL;
    if (stake_queue_params_init(&params, STAKE_QUEUE_PARAMS_VERSION) != STAKE_OK)
        abort();
    if (fuzz_byte(&in) & 1) {   /* sometimes the widest bounds the queue accepts */
        memset(&params.min_amount, 0, sizeof params.min_amount);
        memset(&params.max_amount, 0xff, sizeof params.max_amount);
    }
    if (stake_queue_new(&q, &params) != STAKE_OK)
        abort();
    stake_queue_batches batches;
    stake_u256 budget = { { 0, 1, 0, 0 } };
    if (stake_queue_batches_init(&batches, &budget) != STAKE_OK)
        abort();
    uint64_t clock = 1700000000;
    for (unsigned steps = 0; in.left > 0 && steps < 512; steps++)
        step(q, &batches, &in, &clock);
    stake_queue_free(q);
    return 0;
}
