package stake

import (
	"math/big"
	"runtime"
	"strconv"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// QueueParams configure a new withdrawal queue (stake_queue_params). A nil
// amount stands for zero; DefaultQueueParams gives the mainnet values.
type QueueParams struct {
	Address          Address  // the queue contract: where requested tokens go
	MinAmount        *big.Int // MIN_STETH_WITHDRAWAL_AMOUNT, per request
	MaxAmount        *big.Int // MAX_STETH_WITHDRAWAL_AMOUNT, per request
	ExpectedRequests int      // sizing hint, 0 if unknown
}

// DefaultQueueParams returns the mainnet values: the queue at
// 0x889edc2edab5f40e902b864ad4d7ade8e412f9b1, 100 wei minimum, 1000 ether
// maximum.
func DefaultQueueParams() QueueParams {
	p := cstake.NewStake_queue_params()
	defer cstake.DeleteStake_queue_params(p)
	if cstake.Stake_queue_params_init(p, uint(cstake.STAKE_QUEUE_PARAMS_VERSION)) != 0 {
		return QueueParams{}
	}
	return QueueParams{
		Address:          Address(p.GetAddress()),
		MinAmount:        p.GetMin_amount(),
		MaxAmount:        p.GetMax_amount(),
		ExpectedRequests: int(p.GetExpected_requests()),
	}
}

// Queue is Lido's withdrawal queue (WithdrawalQueueERC721, "unstETH";
// stake_queue): requests freeze an amount of stETH and its shares, oracle
// reports finalize a prefix of the queue at a maximum share rate and lock
// ether for it, owners claim once. Ids and checkpoint indices are 1-based,
// timestamps Unix seconds. Close frees it (a finalizer does if you
// forget); a Queue is safe for concurrent use. Calls that involve a StETH
// lock the queue first, then the token.
type Queue struct {
	h *handle
}

type queuePtr = cstake.SwigcptrStake_queue

func newOwnedQueue(p uintptr) *Queue {
	q := &Queue{h: newHandle("Queue", p, func(p uintptr) { cstake.Stake_queue_free(queuePtr(p)) })}
	runtime.SetFinalizer(q, func(q *Queue) { q.h.close() })
	return q
}

func (q *Queue) hnd() *handle {
	if q == nil {
		return nil
	}
	return q.h
}

// NewQueue creates an empty queue, resumed and out of bunker mode, its
// clock at 0. EINVAL for bad params (zero address, MinAmount > MaxAmount).
func NewQueue(params QueueParams) (*Queue, error) {
	const op = "NewQueue"
	if err := fieldArgs(op, "QueueParams.MinAmount", params.MinAmount,
		"QueueParams.MaxAmount", params.MaxAmount); err != nil {
		return nil, err
	}
	if params.ExpectedRequests < 0 {
		return nil, newError(op, EINVAL, "negative ExpectedRequests")
	}
	p := cstake.NewStake_queue_params()
	defer cstake.DeleteStake_queue_params(p)
	if err := check(op, cstake.Stake_queue_params_init(p, uint(cstake.STAKE_QUEUE_PARAMS_VERSION))); err != nil {
		return nil, err
	}
	p.SetAddress([20]byte(params.Address))
	p.SetMin_amount(optU256(params.MinAmount))
	p.SetMax_amount(optU256(params.MaxAmount))
	p.SetExpected_requests(int64(params.ExpectedRequests))
	var out uintptr
	if err := check(op, cstake.Stake_queue_new(&out, p)); err != nil {
		return nil, err
	}
	return newOwnedQueue(out), nil
}

// Close frees the queue; later calls fail with ESTATE.
func (q *Queue) Close() error {
	if q == nil || q.h == nil {
		return nil
	}
	closeOwner(q, q.h)
	return nil
}

// Clone returns an independent copy, for what-if simulations.
func (q *Queue) Clone() (*Queue, error) {
	var out uintptr
	if err := view(q.hnd(), "Queue.Clone", func(p queuePtr) int {
		return cstake.Stake_queue_clone(&out, p)
	}); err != nil {
		return nil, err
	}
	return newOwnedQueue(out), nil
}

// Address returns the queue contract's address.
func (q *Queue) Address() (Address, error) {
	var a Address
	err := view(q.hnd(), "Queue.Address", func(p queuePtr) int {
		return cstake.Stake_queue_address((*[20]byte)(&a), p)
	})
	return a, err
}

// Memory returns the bytes of memory the queue holds (0 once closed).
func (q *Queue) Memory() int {
	n := 0
	_ = view(q.hnd(), "Queue.Memory", func(p queuePtr) int {
		n = int(cstake.Stake_queue_memory(p))
		return 0
	})
	return n
}

// Check verifies every invariant of the queue (ECORRUPT if one fails).
func (q *Queue) Check() error {
	return view(q.hnd(), "Queue.Check", func(p queuePtr) int { return cstake.Stake_queue_check(p) })
}

// withToken write-locks the queue, then the token.
func (q *Queue) withToken(op string, token *StETH, call func(queuePtr, stethPtr) int) error {
	var inner error
	err := update(q.hnd(), op, func(p queuePtr) int {
		inner = update(token.hnd(), op, func(t stethPtr) int { return call(p, t) })
		return 0
	})
	if err != nil {
		return err
	}
	return inner
}

// Request is requestWithdrawals([amount], owner) sent by owner: amount
// stETH moves from owner to the queue with stETH's transferFrom (owner
// must have approved the queue's address) and a request is appended; it
// returns the request's id. Refusals in the contract's order: ETIMESTAMP,
// EPAUSED, EAMOUNTTOOSMALL, EAMOUNTTOOLARGE, stETH's transferFrom
// refusals, ETOOLARGE, EOVERFLOW. Queue and token unchanged on error.
func (q *Queue) Request(token *StETH, owner Address, amount *big.Int, timestamp uint64) (id uint64, err error) {
	return q.request("Queue.Request", false, token, owner, owner, amount, timestamp)
}

// RequestWstETH is requestWithdrawalsWstETH([amount], owner) sent by owner:
// the wstETH moves to the queue with wstETH's transferFrom (owner must have
// approved the queue: StETH.WstETHApprove; the allowance is spent) and is
// unwrapped there; the bounds apply to the unwrapped stETH.
func (q *Queue) RequestWstETH(token *StETH, owner Address, wstethAmount *big.Int, timestamp uint64) (id uint64, err error) {
	return q.request("Queue.RequestWstETH", true, token, owner, owner, wstethAmount, timestamp)
}

// RequestFor is requestWithdrawals([amount], owner) sent by sender: the
// stETH and the allowance are sender's, the request is owner's (a zero
// owner is the sender), as when a vault asks on behalf of its users.
func (q *Queue) RequestFor(token *StETH, sender, owner Address, amount *big.Int, timestamp uint64) (id uint64, err error) {
	return q.request("Queue.RequestFor", false, token, sender, owner, amount, timestamp)
}

// RequestWstETHFor is requestWithdrawalsWstETH([amount], owner) sent by
// sender: sender's wstETH and wstETH allowance, owner's request (a zero
// owner is the sender).
func (q *Queue) RequestWstETHFor(token *StETH, sender, owner Address, wstethAmount *big.Int, timestamp uint64) (id uint64, err error) {
	return q.request("Queue.RequestWstETHFor", true, token, sender, owner, wstethAmount, timestamp)
}

// request runs the stETH or the wstETH request (the *_for functions: the
// single-owner ones are those with sender = owner).
func (q *Queue) request(op string, wsteth bool, token *StETH, sender, owner Address, amount *big.Int, timestamp uint64) (id uint64, err error) {
	if err := u256Arg(op, "amount", amount); err != nil {
		return 0, err
	}
	err = q.withToken(op, token, func(p queuePtr, t stethPtr) int {
		if wsteth {
			return cstake.Stake_queue_request_wsteth_for(&id, p, t, sender.p(), owner.p(), amount, timestamp)
		}
		return cstake.Stake_queue_request_for(&id, p, t, sender.p(), owner.p(), amount, timestamp)
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// RequestBatch is requestWithdrawals(amounts, owner) sent by sender: each
// amount requested in turn, as RequestFor would, all at timestamp, or none:
// on a refusal the queue and the token are unchanged and Error.Index is
// the element refused (a refusal of the whole call, such as EPAUSED, has
// no index). Each element sees what the earlier ones spent. It returns the
// new ids, which are consecutive.
func (q *Queue) RequestBatch(token *StETH, sender, owner Address, amounts []*big.Int, timestamp uint64) ([]uint64, error) {
	return q.requestBatch("Queue.RequestBatch", false, token, sender, owner, amounts, timestamp)
}

// RequestWstETHBatch is requestWithdrawalsWstETH(amounts, owner) sent by
// sender, all or nothing as RequestBatch.
func (q *Queue) RequestWstETHBatch(token *StETH, sender, owner Address, wstethAmounts []*big.Int, timestamp uint64) ([]uint64, error) {
	return q.requestBatch("Queue.RequestWstETHBatch", true, token, sender, owner, wstethAmounts, timestamp)
}

func (q *Queue) requestBatch(op string, wsteth bool, token *StETH, sender, owner Address, amounts []*big.Int, timestamp uint64) ([]uint64, error) {
	for i, a := range amounts {
		if err := u256Arg(op, "amounts[i]", a); err != nil {
			err.(*Error).Index = i
			return nil, err
		}
	}
	ids := make([]uint64, len(amounts))
	failed := int64(-1)
	err := q.withToken(op, token, func(p queuePtr, t stethPtr) int {
		if wsteth {
			return cstake.Stake_queue_request_wsteth_batch(ids, p, t, sender.p(), owner.p(), amounts, timestamp, &failed)
		}
		return cstake.Stake_queue_request_batch(ids, p, t, sender.p(), owner.p(), amounts, timestamp, &failed)
	})
	if err != nil {
		if e, ok := err.(*Error); ok && failed >= 0 && failed < int64(len(amounts)) {
			e.Index = int(failed)
		}
		return nil, err
	}
	return ids, nil
}

// Enqueue appends a request without a token, to mirror a chain's
// WithdrawalRequested events; the checks of a request apply.
func (q *Queue) Enqueue(owner Address, amount, shares *big.Int, timestamp uint64) (id uint64, err error) {
	const op = "Queue.Enqueue"
	if err := u256Args(op, "amount", amount, "shares", shares); err != nil {
		return 0, err
	}
	err = update(q.hnd(), op, func(p queuePtr) int {
		return cstake.Stake_queue_enqueue(&id, p, owner.p(), amount, shares, timestamp)
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// Transfer is the ERC-721 transferFrom(from, to, id) sent by from.
// Refusals: EZEROADDRESS, ESELFTRANSFER, EINVALIDID, EALREADYCLAIMED,
// ENOTOWNER.
func (q *Queue) Transfer(from, to Address, id uint64) error {
	return update(q.hnd(), "Queue.Transfer", func(p queuePtr) int {
		return cstake.Stake_queue_transfer(p, from.p(), to.p(), id)
	})
}

func (q *Queue) u64(op string, f func(cstake.Stake_queue) uint64) uint64 {
	var v uint64
	_ = view(q.hnd(), op, func(p queuePtr) int {
		v = f(p)
		return 0
	})
	return v
}

// LastRequestID is getLastRequestId (0 once closed).
func (q *Queue) LastRequestID() uint64 {
	return q.u64("Queue.LastRequestID", cstake.Stake_queue_last_request_id)
}

// LastFinalizedID is getLastFinalizedRequestId.
func (q *Queue) LastFinalizedID() uint64 {
	return q.u64("Queue.LastFinalizedID", cstake.Stake_queue_last_finalized_id)
}

// LastCheckpointIndex is getLastCheckpointIndex.
func (q *Queue) LastCheckpointIndex() uint64 {
	return q.u64("Queue.LastCheckpointIndex", cstake.Stake_queue_last_checkpoint_index)
}

// LastReportTimestamp is the timestamp of the last oracle report.
func (q *Queue) LastReportTimestamp() uint64 {
	return q.u64("Queue.LastReportTimestamp", cstake.Stake_queue_last_report_timestamp)
}

// LockedEther is getLockedEtherAmount: ether locked by finalizations and
// not claimed yet.
func (q *Queue) LockedEther() (*big.Int, error) {
	return viewU256(q.hnd(), "Queue.LockedEther", func(z *big.Int, p queuePtr) int {
		return cstake.Stake_queue_locked_ether(z, p)
	})
}

// UnfinalizedStETH is unfinalizedStETH: the nominal stETH of the requests
// not finalized yet.
func (q *Queue) UnfinalizedStETH() (*big.Int, error) {
	return viewU256(q.hnd(), "Queue.UnfinalizedStETH", func(z *big.Int, p queuePtr) int {
		return cstake.Stake_queue_unfinalized_steth(z, p)
	})
}

// QueueRequestStatus is getWithdrawalStatus for one request.
type QueueRequestStatus struct {
	Amount          *big.Int // amountOfStETH, the nominal value
	Shares          *big.Int // amountOfShares
	Owner           Address
	Timestamp       uint64 // when it was requested
	ReportTimestamp uint64 // the last report's timestamp at that moment
	Finalized       bool
	Claimed         bool
}

// RequestStatus returns the status of request id (EINVALIDID for 0 or past
// the last id).
func (q *Queue) RequestStatus(id uint64) (QueueRequestStatus, error) {
	var st QueueRequestStatus
	err := view(q.hnd(), "Queue.RequestStatus", func(p queuePtr) int {
		c := cstake.NewStake_queue_status()
		defer cstake.DeleteStake_queue_status(c)
		rc := cstake.Stake_queue_request_status(c, p, id)
		if rc == 0 {
			st = QueueRequestStatus{c.GetAmount(), c.GetShares(), Address(c.GetOwner()), c.GetTimestamp(),
				c.GetReport_timestamp(), c.GetFinalized() != 0, c.GetClaimed() != 0}
		}
		return rc
	})
	return st, err
}

// QueueCheckpoint is a finalization's checkpoint.
type QueueCheckpoint struct {
	FromID       uint64   // the first request it covers
	ToID         uint64   // the last one
	MaxShareRate *big.Int // the finalization's rate, 1e27 precision
	LockedEther  *big.Int // the ether that finalization locked
}

// CheckpointAt returns the checkpoint at index, 1 <= index <=
// LastCheckpointIndex (ERANGE otherwise).
func (q *Queue) CheckpointAt(index uint64) (QueueCheckpoint, error) {
	var cp QueueCheckpoint
	err := view(q.hnd(), "Queue.CheckpointAt", func(p queuePtr) int {
		c := cstake.NewStake_queue_checkpoint()
		defer cstake.DeleteStake_queue_checkpoint(c)
		rc := cstake.Stake_queue_checkpoint_at(c, p, index)
		if rc == 0 {
			cp = QueueCheckpoint{c.GetFrom_id(), c.GetTo_id(), c.GetMax_share_rate(), c.GetLocked_ether()}
		}
		return rc
	})
	return cp, err
}

// QueueBatches is the resumable state of calculateFinalizationBatches
// (stake_queue_batches): start with NewQueueBatches(budget), then call
// Queue.CalculateBatches until Finished. Batches are the last ids of the
// batches.
type QueueBatches struct {
	RemainingEthBudget *big.Int
	Finished           bool
	Batches            []uint64
}

// NewQueueBatches returns the initial state for an ether budget.
func NewQueueBatches(ethBudget *big.Int) (QueueBatches, error) {
	const op = "NewQueueBatches"
	if err := u256Arg(op, "ethBudget", ethBudget); err != nil {
		return QueueBatches{}, err
	}
	return QueueBatches{RemainingEthBudget: new(big.Int).Set(ethBudget)}, nil
}

// CalculateBatches is calculateFinalizationBatches: it walks at most
// maxRequestsPerCall requests and updates state. Refusals: EBATCHSTATE,
// EDIVZERO, EOVERFLOW; state is unchanged on error.
func (q *Queue) CalculateBatches(state *QueueBatches, maxShareRate *big.Int, maxTimestamp, maxRequestsPerCall uint64) error {
	const op = "Queue.CalculateBatches"
	if state == nil {
		return newError(op, EINVAL, "nil state")
	}
	if err := u256Args(op, "maxShareRate", maxShareRate); err != nil {
		return err
	}
	if err := fieldArgs(op, "QueueBatches.RemainingEthBudget", state.RemainingEthBudget); err != nil {
		return err
	}
	maxBatches := int(cstake.STAKE_QUEUE_MAX_BATCHES)
	if len(state.Batches) > maxBatches {
		return newError(op, EBATCHSTATE, strconv.Itoa(len(state.Batches))+" batches, at most "+
			strconv.Itoa(maxBatches))
	}
	c := cstake.NewStake_queue_batches()
	defer cstake.DeleteStake_queue_batches(c)
	c.SetRemaining_eth_budget(optU256(state.RemainingEthBudget))
	finished := 0
	if state.Finished {
		finished = 1
	}
	c.SetFinished(finished)
	var ids [cstake.STAKE_QUEUE_MAX_BATCHES]uint64
	copy(ids[:], state.Batches)
	c.SetBatches(&ids)
	c.SetLength(int64(len(state.Batches)))
	err := view(q.hnd(), op, func(p queuePtr) int {
		return cstake.Stake_queue_calculate_batches(c, p, maxShareRate, maxTimestamp, maxRequestsPerCall)
	})
	if err != nil {
		return err
	}
	n := int(c.GetLength())
	ids = *c.GetBatches()
	*state = QueueBatches{c.GetRemaining_eth_budget(), c.GetFinished() != 0, append([]uint64(nil), ids[:n]...)}
	return nil
}

// Prefinalize is prefinalize(batches, maxShareRate): the ether to lock and
// the shares to burn for finalizing up to the last batch.
func (q *Queue) Prefinalize(batches []uint64, maxShareRate *big.Int) (ethToLock, sharesToBurn *big.Int, err error) {
	const op = "Queue.Prefinalize"
	if err := u256Arg(op, "maxShareRate", maxShareRate); err != nil {
		return nil, nil, err
	}
	ethToLock, sharesToBurn = new(big.Int), new(big.Int)
	err = view(q.hnd(), op, func(p queuePtr) int {
		return cstake.Stake_queue_prefinalize(ethToLock, sharesToBurn, p, batches, maxShareRate)
	})
	if err != nil {
		return nil, nil, err
	}
	return ethToLock, sharesToBurn, nil
}

// Finalize is finalize(lastID, maxShareRate) with eth sent along: it
// pushes a checkpoint, locks eth and marks the requests up to lastID
// finalized. Refusals: EPAUSED, EINVALIDID, ETOOMUCHETHER, EOVERFLOW.
func (q *Queue) Finalize(lastID uint64, eth, maxShareRate *big.Int) error {
	const op = "Queue.Finalize"
	if err := u256Args(op, "eth", eth, "maxShareRate", maxShareRate); err != nil {
		return err
	}
	return update(q.hnd(), op, func(p queuePtr) int {
		return cstake.Stake_queue_finalize(p, lastID, eth, maxShareRate)
	})
}

// FindCheckpointHint is findCheckpointHints for one id among checkpoints
// [start, end]: its checkpoint's index, or 0 if none covers it.
func (q *Queue) FindCheckpointHint(id, start, end uint64) (uint64, error) {
	var hint uint64
	err := view(q.hnd(), "Queue.FindCheckpointHint", func(p queuePtr) int {
		return cstake.Stake_queue_find_checkpoint_hint(&hint, p, id, start, end)
	})
	return hint, err
}

// FindCheckpointHints is findCheckpointHints(ids, first, last) for ids in
// ascending order (EUNSORTED otherwise). Each search starts from the
// previous id's hint, so an id not found (hint 0) is refused with
// EINVALIDRANGE unless it is the last, as on chain.
func (q *Queue) FindCheckpointHints(ids []uint64, first, last uint64) ([]uint64, error) {
	hints := make([]uint64, len(ids))
	err := view(q.hnd(), "Queue.FindCheckpointHints", func(p queuePtr) int {
		return cstake.Stake_queue_find_checkpoint_hints(hints, p, ids, first, last)
	})
	if err != nil {
		return nil, err
	}
	return hints, nil
}

// ClaimableEther is getClaimableEther for one id with its checkpoint hint:
// 0 if not finalized or already claimed.
func (q *Queue) ClaimableEther(id, hint uint64) (*big.Int, error) {
	return viewU256(q.hnd(), "Queue.ClaimableEther", func(z *big.Int, p queuePtr) int {
		return cstake.Stake_queue_claimable_ether(z, p, id, hint)
	})
}

// Claim is claimWithdrawals([id], [hint]) sent by caller; it returns the
// ether the owner receives. Refusals: EINVALIDID, ENOTFINALIZED,
// EALREADYCLAIMED, ENOTOWNER, EBADHINT, ENOTENOUGHETHER.
func (q *Queue) Claim(id, hint uint64, caller Address) (*big.Int, error) {
	return updateU256(q.hnd(), "Queue.Claim", func(z *big.Int, p queuePtr) int {
		return cstake.Stake_queue_claim(z, p, id, hint, caller.p())
	})
}

// ClaimBatch is claimWithdrawals(ids, hints) sent by caller: every request
// claimed in turn with its hint, as Claim, or none: on a refusal the queue
// is unchanged and Error.Index is the element refused (an id given twice
// is refused the second time with EALREADYCLAIMED). It returns the ether
// each request pays. Slices of different lengths are EINVAL, the
// contract's ArraysLengthMismatch.
func (q *Queue) ClaimBatch(ids, hints []uint64, caller Address) ([]*big.Int, error) {
	const op = "Queue.ClaimBatch"
	if len(ids) != len(hints) {
		return nil, newError(op, EINVAL, "ids and hints differ in length")
	}
	paid := make([]*big.Int, len(ids))
	for i := range paid {
		paid[i] = new(big.Int)
	}
	failed := int64(-1)
	err := update(q.hnd(), op, func(p queuePtr) int {
		return cstake.Stake_queue_claim_batch(paid, p, ids, hints, caller.p(), &failed)
	})
	if err != nil {
		if e, ok := err.(*Error); ok && failed >= 0 && failed < int64(len(ids)) {
			e.Index = int(failed)
		}
		return nil, err
	}
	return paid, nil
}

// ClaimUnhinted is claimWithdrawal(id): Claim with the hint searched first.
func (q *Queue) ClaimUnhinted(id uint64, caller Address) (*big.Int, error) {
	return updateU256(q.hnd(), "Queue.ClaimUnhinted", func(z *big.Int, p queuePtr) int {
		return cstake.Stake_queue_claim_unhinted(z, p, id, caller.p())
	})
}

// QueueDust is the accounting of one finalization: what it locked, what
// its requests can claim, and the difference, which never leaves the
// queue.
type QueueDust struct {
	Locked          *big.Int // ether the finalization locked
	Claimable       *big.Int // sum of what its requests can claim (or did)
	Dust            *big.Int // locked - claimable, when not negative: locked for ever
	Shortfall       *big.Int // claimable - locked, when positive
	Claimed         *big.Int // ether its claimed requests took
	Requests        uint64   // requests it covers
	ClaimedRequests uint64   // how many of them are claimed
}

// CheckpointDust returns the accounting of the finalization at a
// checkpoint index (ERANGE for a bad index).
func (q *Queue) CheckpointDust(index uint64) (QueueDust, error) {
	var d QueueDust
	err := view(q.hnd(), "Queue.CheckpointDust", func(p queuePtr) int {
		c := cstake.NewStake_queue_dust()
		defer cstake.DeleteStake_queue_dust(c)
		rc := cstake.Stake_queue_checkpoint_dust(c, p, index)
		if rc == 0 {
			d = QueueDust{c.GetLocked(), c.GetClaimable(), c.GetDust(), c.GetShortfall(), c.GetClaimed(),
				c.GetRequests(), c.GetClaimed_requests()}
		}
		return rc
	})
	return d, err
}

// OnOracleReport is onOracleReport(isBunkerNow, bunkerStart,
// reportTimestamp) in a block at time now (ETIMESTAMP).
func (q *Queue) OnOracleReport(isBunkerNow bool, bunkerStart, reportTimestamp, now uint64) error {
	bunker := 0
	if isBunkerNow {
		bunker = 1
	}
	return update(q.hnd(), "Queue.OnOracleReport", func(p queuePtr) int {
		return cstake.Stake_queue_on_oracle_report(p, bunker, bunkerStart, reportTimestamp, now)
	})
}

// IsBunker is isBunkerModeActive (false once closed).
func (q *Queue) IsBunker() bool {
	return q.u64("Queue.IsBunker", func(p cstake.Stake_queue) uint64 {
		return uint64(cstake.Stake_queue_is_bunker(p))
	}) != 0
}

// BunkerSince is bunkerModeSinceTimestamp (math.MaxUint64 when off).
func (q *Queue) BunkerSince() (uint64, error) {
	var ts uint64
	err := view(q.hnd(), "Queue.BunkerSince", func(p queuePtr) int {
		return cstake.Stake_queue_bunker_since(&ts, p)
	})
	return ts, err
}

// Pause pauses requests and finalization (ESTATE if already paused).
func (q *Queue) Pause() error {
	return update(q.hnd(), "Queue.Pause", func(p queuePtr) int { return cstake.Stake_queue_pause(p) })
}

// Resume resumes the queue (ESTATE if not paused).
func (q *Queue) Resume() error {
	return update(q.hnd(), "Queue.Resume", func(p queuePtr) int { return cstake.Stake_queue_resume(p) })
}

// IsPaused reports whether the queue is paused (false once closed).
func (q *Queue) IsPaused() bool {
	return q.u64("Queue.IsPaused", func(p cstake.Stake_queue) uint64 {
		return uint64(cstake.Stake_queue_is_paused(p))
	}) != 0
}
