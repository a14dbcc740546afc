/*
 * libstake: the Lido withdrawal queue (WithdrawalQueueERC721, "unstETH").
 *
 * A holder turns stETH (or wstETH) into a withdrawal request: the tokens
 * move to the queue, and the request freezes both their amount (the
 * nominal value) and their shares. An oracle report later finalizes a
 * prefix of the queue at a maximum share rate and locks ether for it; the
 * owner then claims the ether once. A request earns nothing while it
 * waits but still bears losses: its claim is the nominal amount, or
 * floor(shares * rate / 1e27) when the request's own floored rate is above
 * the finalization rate. Everything reproduces WithdrawalQueueBase.sol,
 * WithdrawalQueue.sol and WithdrawalQueueERC721.sol of lidofinance/core
 * to the wei, with their refusals in their order, including the odd
 * parts:
 *
 *  - requests are stored as prefix sums of stETH and shares, so that any
 *    range of ids is the difference of two entries;
 *  - the rate of a range is floor(stETH * 1e27 / shares), and a range
 *    whose shares are zero is a division by zero (STAKE_EDIVZERO);
 *  - finalization locks ether per batch, from the batch's aggregate rate,
 *    while claims are computed per request: what rounding and mixed
 *    batches leave behind stays locked in the queue for ever (see
 *    stake_queue_checkpoint_dust());
 *  - the claim compares the request's FLOORED rate with the checkpoint's,
 *    so a request whose exact rate lies strictly between max and max + 1
 *    is paid its nominal amount, 1 wei above floor(shares * max / 1e27);
 *  - every finalization pushes a checkpoint, even at an unchanged rate;
 *  - hint searches answer 0 for "not found" and refuse only where the
 *    contract reverts.
 *
 * Ids are 1-based, as on chain (0 is a dummy entry and means "none");
 * checkpoint indices too. Timestamps are Unix seconds and must be below
 * STAKE_QUEUE_TIMESTAMP_LIMIT (the contract stores them as uint40). The
 * model keeps a clock, the latest timestamp it was given, and refuses a
 * timestamp older than it with STAKE_ETIMESTAMP: blocks come in order.
 *
 * Not modelled: ERC-721 approvals (only a request's owner may transfer
 * it), roles, EIP-2612 permits, the durations of pauseFor /
 * pauseUntil (a pause lasts until stake_queue_resume()), and the list of
 * requests per owner. The queue accounts for locked ether only; the
 * oracle report that finalizes (stake_steth_handle_report) moves the
 * finalized shares out of the queue's address and burns them.
 *
 * Memory: 64 bytes per request in one dense array (amortised O(1)
 * enqueue, plus the array's growth slack), 104 bytes per checkpoint.
 * Every call either succeeds entirely or leaves the queue, and any token
 * it was given, unchanged.
 */
#ifndef STAKE_QUEUE_H
#define STAKE_QUEUE_H

#include <stddef.h>
#include <stdint.h>
#include "u256.h"
#include "address.h"
#include "lido.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stake_queue stake_queue;

#define STAKE_QUEUE_PARAMS_VERSION 1
/* MAX_BATCHES_LENGTH: batches per calculateFinalizationBatches state. */
#define STAKE_QUEUE_MAX_BATCHES 36
/* E27_PRECISION_BASE: share rates are ether per share times 1e27. */
#define STAKE_QUEUE_E27_DEC "1000000000000000000000000000"
/* Timestamps are stored as uint40: every timestamp must be below this. */
#define STAKE_QUEUE_TIMESTAMP_LIMIT ((uint64_t)1 << 40)
/* What stake_queue_bunker_since() gives when bunker mode is off (the
 * contract's BUNKER_MODE_DISABLED_TIMESTAMP is 2^256 - 1). */
#define STAKE_QUEUE_BUNKER_DISABLED UINT64_MAX

typedef struct stake_queue_params {
    unsigned version;            /* STAKE_QUEUE_PARAMS_VERSION */
    stake_address address;       /* the queue contract: where requested tokens go */
    stake_u256 min_amount;       /* MIN_STETH_WITHDRAWAL_AMOUNT, per request */
    stake_u256 max_amount;       /* MAX_STETH_WITHDRAWAL_AMOUNT, per request */
    size_t expected_requests;    /* sizing hint, 0 if unknown */
} stake_queue_params;

/* Initialises params with the mainnet values: the queue at
 * 0x889edc2edab5f40e902b864ad4d7ade8e412f9b1, 100 wei minimum, 1000 ether
 * maximum. STAKE_EINVAL for an unknown version. */
STAKE_API STAKE_WUR stake_rc stake_queue_params_init(stake_queue_params *params, unsigned version);

/* Creates an empty queue, resumed and out of bunker mode, its clock at 0.
 * STAKE_EINVAL for bad params: zero address, or min_amount > max_amount. */
STAKE_API STAKE_WUR stake_rc stake_queue_new(stake_queue **out, const stake_queue_params *params);

/* Frees a queue; NULL is ignored. */
STAKE_API void stake_queue_free(stake_queue *queue);

/* An independent copy, for what-if simulations. */
STAKE_API STAKE_WUR stake_rc stake_queue_clone(stake_queue **out, const stake_queue *queue);

/* The queue contract's address. */
STAKE_API STAKE_WUR stake_rc stake_queue_address(stake_address *out, const stake_queue *queue);

/* Bytes of memory the queue holds, for capacity planning. */
STAKE_API size_t stake_queue_memory(const stake_queue *queue);

/* Verifies every invariant: prefix sums non-decreasing and in range,
 * amounts within bounds, timestamps in order, checkpoints contiguous and
 * increasing, locked ether equal to what the finalizations locked minus
 * what the claims paid. O(requests). STAKE_ECORRUPT if one fails. */
STAKE_API STAKE_WUR stake_rc stake_queue_check(const stake_queue *queue);

/* ==== requests ============================================================== */

/* requestWithdrawals([amount], owner) sent by owner: the amount must be
 * within [min_amount, max_amount], then amount stETH moves from owner to
 * the queue with stETH's transferFrom (owner must have approved the
 * queue's address; the allowance is spent), the shares are
 * getSharesByPooledEth(amount) (exactly the shares moved), and the request
 * is appended with timestamp and the last report's timestamp. *id
 * receives its id. Refusals, in order: STAKE_EINVAL (NULL),
 * STAKE_ETIMESTAMP (timestamp at or past the limit, or older than the
 * clock), STAKE_EPAUSED, STAKE_EAMOUNTTOOSMALL, STAKE_EAMOUNTTOOLARGE,
 * stETH's transferFrom refusals (STAKE_EALLOWANCE, STAKE_ETOOLARGE,
 * STAKE_EZEROADDRESS, STAKE_ESTOPPED, STAKE_EBALANCE...), STAKE_ETOOLARGE
 * (amount or shares above 2^128 - 1), STAKE_EOVERFLOW (the prefix sums
 * would pass 2^128 - 1), STAKE_ENOMEM. Queue and token unchanged on error. */
STAKE_API STAKE_WUR stake_rc stake_queue_request(uint64_t *id, stake_queue *queue,
                                                 stake_steth *token, const stake_address *owner,
                                                 const stake_u256 *amount, uint64_t timestamp);

/* requestWithdrawalsWstETH([wsteth_amount], owner) sent by owner: the
 * wstETH moves from owner to the queue with wstETH's transferFrom (owner
 * must have approved the queue's address with stake_wsteth_approve(); the
 * allowance is spent, 2^256 - 1 included), the queue unwraps it (stETH
 * moves from the wrapper to the queue), and the bounds apply to the
 * unwrapped stETH amount; shares = getSharesByPooledEth(that amount).
 * Refusals in the contract's order: the wstETH transferFrom's
 * (STAKE_EZEROADDRESS, STAKE_EBALANCE, STAKE_EALLOWANCE), the unwrap's
 * (STAKE_EZEROAMOUNT, then stETH's transfer refusals), the bounds, then
 * as stake_queue_request(). */
STAKE_API STAKE_WUR stake_rc stake_queue_request_wsteth(uint64_t *id, stake_queue *queue,
                                                        stake_steth *token,
                                                        const stake_address *owner,
                                                        const stake_u256 *wsteth_amount,
                                                        uint64_t timestamp);

/* The same two with the contract's _owner argument: the tokens come from
 * sender (msg.sender: its stETH or wstETH allowance to the queue is
 * spent, its tokens move) and the request belongs to owner, who alone may
 * claim or transfer it; a zero owner means sender, as on chain. Refusals as
 * stake_queue_request() and stake_queue_request_wsteth(), the token's
 * being sender's. A vault or a router asking on behalf of its users is
 * the case these exist for. */
STAKE_API STAKE_WUR stake_rc stake_queue_request_for(uint64_t *id, stake_queue *queue,
                                                     stake_steth *token,
                                                     const stake_address *sender,
                                                     const stake_address *owner,
                                                     const stake_u256 *amount,
                                                     uint64_t timestamp);
STAKE_API STAKE_WUR stake_rc stake_queue_request_wsteth_for(uint64_t *id, stake_queue *queue,
                                                            stake_steth *token,
                                                            const stake_address *sender,
                                                            const stake_address *owner,
                                                            const stake_u256 *wsteth_amount,
                                                            uint64_t timestamp);

/* requestWithdrawals(amounts, owner) and requestWithdrawalsWstETH(
 * wsteth_amounts, owner) sent by sender: n requests in one call, each
 * made in turn as stake_queue_request_for() (or _wsteth_for()) would, all
 * with the same timestamp, all or nothing as the reverting transaction.
 * Each element is checked against what the earlier ones spent (the
 * allowance, the sender's balance), so a batch may refuse where its
 * elements would pass one by one. On the first refusal the queue and the
 * token are unchanged and *failed_index (if not NULL) receives the
 * offending element's index; the refusals of the call itself (STAKE_EINVAL,
 * STAKE_ETIMESTAMP, STAKE_EPAUSED, STAKE_ENOMEM) leave it alone. On
 * success ids (n entries, or NULL) receives the new ids, consecutive.
 * n = 0 requests nothing but still refuses a paused queue, as on chain.
 * The checks cost O(n) and no allocation in every case a chain produces;
 * when the sender is the queue, the wrapper or the Burner they are made
 * on a copy of the token instead (O(holders)). */
STAKE_API STAKE_WUR stake_rc stake_queue_request_batch(uint64_t *ids, stake_queue *queue,
                                                       stake_steth *token,
                                                       const stake_address *sender,
                                                       const stake_address *owner,
                                                       const stake_u256 *amounts, size_t n,
                                                       uint64_t timestamp, size_t *failed_index);
STAKE_API STAKE_WUR stake_rc stake_queue_request_wsteth_batch(uint64_t *ids, stake_queue *queue,
                                                              stake_steth *token,
                                                              const stake_address *sender,
                                                              const stake_address *owner,
                                                              const stake_u256 *wsteth_amounts,
                                                              size_t n, uint64_t timestamp,
                                                              size_t *failed_index);

/* _enqueue without a token, to mirror a chain's WithdrawalRequested
 * events: amount and shares as the event gives them. The checks of a
 * request apply (timestamp, pause, bounds, 2^128 limits, overflow) and
 * STAKE_EZEROADDRESS refuses a zero owner, which no chain can produce. */
STAKE_API STAKE_WUR stake_rc stake_queue_enqueue(uint64_t *id, stake_queue *queue,
                                                 const stake_address *owner,
                                                 const stake_u256 *amount,
                                                 const stake_u256 *shares, uint64_t timestamp);

/* ERC-721 transferFrom(from, to, id) sent by from (approvals are not
 * modelled, so the sender must be the owner). Refusals in the contract's
 * order: STAKE_EZEROADDRESS (to is zero), STAKE_ESELFTRANSFER (to is
 * from), STAKE_EINVALIDID, STAKE_EALREADYCLAIMED, STAKE_ENOTOWNER. */
STAKE_API STAKE_WUR stake_rc stake_queue_transfer(stake_queue *queue, const stake_address *from,
                                                  const stake_address *to, uint64_t id);

/* ==== views ===================================================================== */

/* getLastRequestId, getLastFinalizedRequestId, getLastCheckpointIndex,
 * and the timestamp of the last oracle report; 0 for NULL. */
STAKE_API uint64_t stake_queue_last_request_id(const stake_queue *queue);
STAKE_API uint64_t stake_queue_last_finalized_id(const stake_queue *queue);
STAKE_API uint64_t stake_queue_last_checkpoint_index(const stake_queue *queue);
STAKE_API uint64_t stake_queue_last_report_timestamp(const stake_queue *queue);

/* getLockedEtherAmount: ether locked by finalizations and not claimed yet. */
STAKE_API STAKE_WUR stake_rc stake_queue_locked_ether(stake_u256 *out, const stake_queue *queue);

/* unfinalizedStETH: the nominal stETH of the requests not finalized yet. */
STAKE_API STAKE_WUR stake_rc stake_queue_unfinalized_steth(stake_u256 *out,
                                                           const stake_queue *queue);

typedef struct stake_queue_status {
    stake_u256 amount;            /* amountOfStETH, the nominal value */
    stake_u256 shares;            /* amountOfShares */
    stake_address owner;
    uint64_t timestamp;           /* when it was requested */
    uint64_t report_timestamp;    /* the last report's timestamp at that moment */
    int finalized;
    int claimed;
} stake_queue_status;

/* getWithdrawalStatus for one id (plus the report timestamp, which the
 * contract keeps but does not return). STAKE_EINVALIDID for 0 or past the
 * last id. */
STAKE_API STAKE_WUR stake_rc stake_queue_request_status(stake_queue_status *out,
                                                        const stake_queue *queue, uint64_t id);

typedef struct stake_queue_checkpoint {
    uint64_t from_id;             /* fromRequestId: the first request it covers */
    uint64_t to_id;               /* the last: the next checkpoint's from_id - 1, or
                                     the last finalized id */
    stake_u256 max_share_rate;    /* the finalization's rate, 1e27 precision */
    stake_u256 locked_ether;      /* the ether that finalization locked */
} stake_queue_checkpoint;

/* The checkpoint at index, 1 <= index <= last checkpoint index (the
 * contract keeps them without a getter). STAKE_ERANGE otherwise. */
STAKE_API STAKE_WUR stake_rc stake_queue_checkpoint_at(stake_queue_checkpoint *out,
                                                       const stake_queue *queue, uint64_t index);

/* ==== finalization ============================================================== */

/* The resumable state of calculateFinalizationBatches. Start with the
 * ether budget, finished = 0 and length = 0 (stake_queue_batches_init()),
 * then call until finished. batches[0..length) are the last ids of the
 * batches. */
typedef struct stake_queue_batches {
    stake_u256 remaining_eth_budget;
    int finished;
    uint64_t batches[STAKE_QUEUE_MAX_BATCHES];
    size_t length;
} stake_queue_batches;

/* Zeroes state and sets its budget. */
STAKE_API STAKE_WUR stake_rc stake_queue_batches_init(stake_queue_batches *state,
                                                      const stake_u256 *eth_budget);

/* calculateFinalizationBatches: walks at most max_requests_per_call
 * requests after the last one handled (the last finalized one at first),
 * stopping at a request newer than max_timestamp, at one whose ether
 * (its nominal amount, or floor(shares * rate / 1e27) if its floored rate
 * is above max_share_rate) exceeds the remaining budget, or when a 37th
 * batch would be needed. A request extends the current batch if it was
 * made under the same report as the previous one, or if both are on the
 * same side of max_share_rate; otherwise it starts a new batch. O(requests
 * walked). Refusals: STAKE_EBATCHSTATE (finished already, zero budget,
 * length > 36, or a last batch id that is 0 or past the last request),
 * STAKE_EDIVZERO (a request of zero shares). state is unchanged on error.
 * No product can overflow here or in the claim: a discount applies only
 * when max_share_rate is below the request's own floored rate, so
 * shares * max_share_rate < stETH * 1e27 < 2^218. */
STAKE_API STAKE_WUR stake_rc stake_queue_calculate_batches(stake_queue_batches *state,
                                                           const stake_queue *queue,
                                                           const stake_u256 *max_share_rate,
                                                           uint64_t max_timestamp,
                                                           uint64_t max_requests_per_call);

/* prefinalize(batches, max_share_rate): the ether to lock and the shares
 * to burn for finalizing up to batches[n - 1]. Each batch is priced from
 * its aggregate rate: floor(shares * rate / 1e27) if floor(stETH * 1e27 /
 * shares) > max_share_rate, else its stETH. O(n), any n. Either output
 * may be NULL. Refusals, in order: STAKE_EZERORATE, STAKE_EBATCHES
 * (n == 0), STAKE_EINVALIDID (batches[0] already finalized, or
 * batches[n - 1] past the last request), STAKE_EBATCHES (not strictly
 * increasing, or a middle id past the last request), STAKE_EDIVZERO (a
 * batch of zero shares). */
STAKE_API STAKE_WUR stake_rc stake_queue_prefinalize(stake_u256 *eth_to_lock,
                                                     stake_u256 *shares_to_burn,
                                                     const stake_queue *queue,
                                                     const uint64_t *batches, size_t n,
                                                     const stake_u256 *max_share_rate);

/* finalize(last_id, max_share_rate) with eth sent along: pushes a
 * checkpoint {last finalized + 1, max_share_rate} (always, even at the
 * previous rate), locks eth and marks the requests up to last_id
 * finalized. O(1) amortised. Like the contract it accepts a zero rate and
 * any eth up to the nominal stETH (prefinalize computes the right one).
 * Refusals, in order: STAKE_EPAUSED, STAKE_EINVALIDID (last_id past the
 * last request, or already finalized), STAKE_ETOOMUCHETHER (eth above
 * the nominal stETH of the range), STAKE_EOVERFLOW, STAKE_ENOMEM. */
STAKE_API STAKE_WUR stake_rc stake_queue_finalize(stake_queue *queue, uint64_t last_id,
                                                  const stake_u256 *eth,
                                                  const stake_u256 *max_share_rate);

/* ==== claims ===================================================================== */

/* findCheckpointHints for one id: the index of the checkpoint covering id
 * among [start, end], or 0 if there are no checkpoints, id is not
 * finalized, start > end, or no checkpoint of the range covers it. Fast
 * paths as the contract: id at or past end's first id gives end (if end is
 * the last checkpoint or id is before the next one's first id), id before
 * start's first id gives 0; otherwise a binary search. O(log(end -
 * start)). Refusals: STAKE_EINVALIDID (id 0 or past the last request),
 * STAKE_EINVALIDRANGE (start 0 or end past the last checkpoint). */
STAKE_API STAKE_WUR stake_rc stake_queue_find_checkpoint_hint(uint64_t *hint,
                                                              const stake_queue *queue,
                                                              uint64_t id, uint64_t start,
                                                              uint64_t end);

/* findCheckpointHints(ids, first, last): the same for n ids in ascending
 * order, each search starting from the previous id's hint. As in the
 * contract, a hint of 0 (not found) makes that start 0, so an id not
 * found is refused unless it is the last one. All or nothing: hints is
 * written only on success. Refusals, per id in order: STAKE_EUNSORTED
 * (an id below the previous one), then as above (STAKE_EINVALIDRANGE for
 * any id after one not found). */
STAKE_API STAKE_WUR stake_rc stake_queue_find_checkpoint_hints(uint64_t *hints,
                                                               const stake_queue *queue,
                                                               const uint64_t *ids, size_t n,
                                                               uint64_t first, uint64_t last);

/* getClaimableEther for one id: 0 if the request is not finalized or
 * already claimed; otherwise its nominal amount, or floor(shares *
 * checkpoint rate / 1e27) if floor(amount * 1e27 / shares) is above the
 * checkpoint rate. Refusals: STAKE_EINVALIDID, STAKE_EBADHINT (hint 0,
 * past the last checkpoint, or a checkpoint not covering id),
 * STAKE_EDIVZERO (a request of zero shares). */
STAKE_API STAKE_WUR stake_rc stake_queue_claimable_ether(stake_u256 *out,
                                                         const stake_queue *queue, uint64_t id,
                                                         uint64_t hint);

/* claimWithdrawals([id], [hint]) sent by caller: marks the request
 * claimed, takes its claimable ether out of the locked ether and writes
 * it to eth_out (if not NULL): the ether the owner receives. Refusals, in
 * order: STAKE_EINVALIDID (id 0), STAKE_ENOTFINALIZED (not finalized or
 * past the last request), STAKE_EALREADYCLAIMED, STAKE_ENOTOWNER, the
 * hint's refusals as stake_queue_claimable_ether(), STAKE_ENOTENOUGHETHER
 * (the locked ether would go negative: a Panic on chain). */
STAKE_API STAKE_WUR stake_rc stake_queue_claim(stake_u256 *eth_out, stake_queue *queue,
                                               uint64_t id, uint64_t hint,
                                               const stake_address *caller);

/* claimWithdrawals(request_ids, hints) sent by caller: each request
 * claimed in turn with its hint, as stake_queue_claim(), all or nothing:
 * on the first refusal (an id given twice is refused the second time
 * with STAKE_EALREADYCLAIMED, as on chain) the queue is unchanged and
 * *failed_index (if not NULL) receives the offending element's index. On
 * success eth_amounts (n entries, or NULL) receives what each request
 * pays. NULL arrays are allowed when n is zero, which claims nothing.
 * STAKE_ENOMEM: the call keeps n amounts aside while it checks. */
STAKE_API STAKE_WUR stake_rc stake_queue_claim_batch(stake_u256 *eth_amounts, stake_queue *queue,
                                                     const uint64_t *request_ids,
                                                     const uint64_t *hints, size_t n,
                                                     const stake_address *caller,
                                                     size_t *failed_index);

/* claimWithdrawal(id): the same with the hint searched over every
 * checkpoint first (O(log checkpoints)); the search's refusals
 * (STAKE_EINVALIDID for id 0 or past the last request) come first. */
STAKE_API STAKE_WUR stake_rc stake_queue_claim_unhinted(stake_u256 *eth_out, stake_queue *queue,
                                                        uint64_t id,
                                                        const stake_address *caller);

/* ==== what rounding leaves behind ============================================== */

typedef struct stake_queue_dust {
    stake_u256 locked;            /* ether the finalization locked */
    stake_u256 claimable;         /* sum of what its requests can claim (or did) */
    stake_u256 dust;              /* locked - claimable, when not negative: locked for ever */
    stake_u256 shortfall;         /* claimable - locked, when positive (paid from others' dust) */
    stake_u256 claimed;           /* ether its claimed requests took */
    uint64_t requests;            /* requests it covers */
    uint64_t claimed_requests;    /* how many of them are claimed */
} stake_queue_dust;

/* The accounting of one finalization (checkpoint index, 1-based): locked
 * is per batch, claims are per request, and the difference never leaves
 * the queue. It comes from the per-request floors (1-2 wei per request)
 * and from batches that mix requests on both sides of the rate (a batch
 * priced at its nominal stETH whose discounted requests claim less).
 * Computed on demand so that finalize stays O(1): O(requests covered).
 * Refusals: STAKE_ERANGE (index), STAKE_EDIVZERO (a request of zero
 * shares). */
STAKE_API STAKE_WUR stake_rc stake_queue_checkpoint_dust(stake_queue_dust *out,
                                                         const stake_queue *queue,
                                                         uint64_t index);

/* ==== bunker mode and pause ===================================================== */

/* onOracleReport(is_bunker_now, bunker_start, report_timestamp) in a block
 * at time now: both timestamps must be before now (STAKE_ETIMESTAMP, as
 * is now older than the clock or at the limit). Records the report's
 * timestamp (new requests carry it), and on a change of mode records
 * bunker_start, or switches bunker mode off. */
STAKE_API STAKE_WUR stake_rc stake_queue_on_oracle_report(stake_queue *queue, int is_bunker_now,
                                                          uint64_t bunker_start,
                                                          uint64_t report_timestamp,
                                                          uint64_t now);

/* isBunkerModeActive (0 for NULL) and bunkerModeSinceTimestamp
 * (STAKE_QUEUE_BUNKER_DISABLED when off). */
STAKE_API int stake_queue_is_bunker(const stake_queue *queue);
STAKE_API STAKE_WUR stake_rc stake_queue_bunker_since(uint64_t *out, const stake_queue *queue);

/* pauseFor / resume: while paused, requests and finalization are refused
 * with STAKE_EPAUSED; claims, transfers and reports go on. STAKE_ESTATE
 * when already paused / not paused. */
STAKE_API STAKE_WUR stake_rc stake_queue_pause(stake_queue *queue);
STAKE_API STAKE_WUR stake_rc stake_queue_resume(stake_queue *queue);
STAKE_API int stake_queue_is_paused(const stake_queue *queue);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_QUEUE_H */
