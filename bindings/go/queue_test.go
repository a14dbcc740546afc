package stake

import (
	"math"
	"math/big"
	"testing"
)

// TestQueue: requests, a report that finalizes them at a lower rate
// (discounted claims), hints and claims, all checked with math/big.
func TestQueue(t *testing.T) {
	qp := DefaultQueueParams()
	if qp.MinAmount.Cmp(big.NewInt(100)) != 0 || qp.MaxAmount.Cmp(ether(1000)) != 0 {
		t.Fatalf("defaults %+v", qp)
	}
	q, err := NewQueue(qp)
	wantOK(t, err)
	defer q.Close()
	a, err := q.Address()
	wantOK(t, err)
	if a != qp.Address || a.IsZero() {
		t.Fatalf("address %v", a)
	}
	tok, err := NewStETH(DefaultStETHParams())
	wantOK(t, err)
	defer tok.Close()
	_, err = tok.Submit(alice, ether(10))
	wantOK(t, err)
	_, err = tok.Submit(bob, ether(10))
	wantOK(t, err)

	// A request needs the queue approved, then moves stETH to the queue.
	_, err = q.Request(tok, alice, ether(2), 1000)
	wantCode(t, err, EALLOWANCE)
	wantOK(t, tok.Approve(alice, qp.Address, ether(5)))
	id1, err := q.Request(tok, alice, ether(2), 1000)
	wantOK(t, err)
	id2, err := q.Request(tok, alice, ether(3), 1001)
	wantOK(t, err)
	if id1 != 1 || id2 != 2 || q.LastRequestID() != 2 {
		t.Fatalf("ids %d %d", id1, id2)
	}
	_, err = q.Request(tok, alice, big.NewInt(99), 1002)
	wantCode(t, err, EAMOUNTTOOSMALL)
	_, err = q.Request(tok, alice, ether(1), 999)
	wantCode(t, err, ETIMESTAMP)
	inQueue, err := tok.BalanceOf(qp.Address)
	wantOK(t, err)
	wantEq(t, "queue's stETH", inQueue, ether(5))
	unfin, err := q.UnfinalizedStETH()
	wantOK(t, err)
	wantEq(t, "unfinalized", unfin, ether(5))
	st, err := q.RequestStatus(id2)
	wantOK(t, err)
	if st.Owner != alice || st.Amount.Cmp(ether(3)) != 0 || st.Finalized || st.Claimed || st.Timestamp != 1001 {
		t.Fatalf("status %+v", st)
	}
	_, err = q.RequestStatus(3)
	wantCode(t, err, EINVALIDID)
	wantOK(t, q.Transfer(alice, bob, id2))
	wantCode(t, q.Transfer(alice, alice, id1), ESELFTRANSFER)

	// Finalize both in one batch at a share rate 10% below 1 (1e27 = 1).
	rate := dec(t, "900000000000000000000000000")
	state, err := NewQueueBatches(ether(100))
	wantOK(t, err)
	for !state.Finished {
		wantOK(t, q.CalculateBatches(&state, rate, 2000, 10))
	}
	if len(state.Batches) != 1 || state.Batches[0] != 2 {
		t.Fatalf("batches %+v", state)
	}
	e27 := dec(t, "1000000000000000000000000000")
	lock, burn, err := q.Prefinalize(state.Batches, rate)
	wantOK(t, err)
	// The batch's rate is 1 > 0.9: priced at floor(shares * rate / 1e27).
	wantEq(t, "shares to burn", burn, ether(5))
	wantEq(t, "ether to lock", lock, new(big.Int).Quo(new(big.Int).Mul(ether(5), rate), e27))
	_, _, err = q.Prefinalize(nil, rate)
	wantCode(t, err, EBATCHES)
	wantOK(t, q.Finalize(2, lock, rate))
	if q.LastFinalizedID() != 2 || q.LastCheckpointIndex() != 1 {
		t.Fatal("finalized")
	}
	cp, err := q.CheckpointAt(1)
	wantOK(t, err)
	if cp.FromID != 1 || cp.ToID != 2 || cp.MaxShareRate.Cmp(rate) != 0 {
		t.Fatalf("checkpoint %+v", cp)
	}
	hints, err := q.FindCheckpointHints([]uint64{1, 2}, 1, 1)
	wantOK(t, err)
	if hints[0] != 1 || hints[1] != 1 {
		t.Fatalf("hints %v", hints)
	}
	_, err = q.FindCheckpointHints([]uint64{2, 1}, 1, 1)
	wantCode(t, err, EUNSORTED)
	h, err := q.FindCheckpointHint(1, 1, 1)
	wantOK(t, err)
	claimable, err := q.ClaimableEther(1, h)
	wantOK(t, err)
	wantEq(t, "claimable", claimable, new(big.Int).Quo(new(big.Int).Mul(ether(2), rate), e27))
	_, err = q.Claim(2, 1, alice)
	wantCode(t, err, ENOTOWNER)
	got, err := q.Claim(1, 1, alice)
	wantOK(t, err)
	wantEq(t, "claimed", got, claimable)
	_, err = q.Claim(1, 1, alice)
	wantCode(t, err, EALREADYCLAIMED)
	got2, err := q.ClaimUnhinted(2, bob)
	wantOK(t, err)
	locked, err := q.LockedEther()
	wantOK(t, err)
	wantEq(t, "locked after claims", locked, new(big.Int).Sub(lock, new(big.Int).Add(got, got2)))
	dust, err := q.CheckpointDust(1)
	wantOK(t, err)
	if dust.Requests != 2 || dust.ClaimedRequests != 2 {
		t.Fatalf("dust %+v", dust)
	}
	wantOK(t, q.Check())

	// Pause, bunker mode.
	wantOK(t, q.Pause())
	wantCode(t, q.Pause(), ESTATE)
	if !q.IsPaused() {
		t.Fatal("paused")
	}
	_, err = q.Enqueue(carol, ether(1), ether(1), 3000)
	wantCode(t, err, EPAUSED)
	wantOK(t, q.Resume())
	since, err := q.BunkerSince()
	wantOK(t, err)
	if since != math.MaxUint64 || q.IsBunker() {
		t.Fatal("bunker off")
	}
	wantOK(t, q.OnOracleReport(true, 2500, 2600, 3000))
	if !q.IsBunker() || q.LastReportTimestamp() != 2600 {
		t.Fatal("bunker on")
	}
	id3, err := q.Enqueue(carol, ether(1), ether(1), 3000)
	wantOK(t, err)
	if id3 != 3 {
		t.Fatalf("id %d", id3)
	}
	c, err := q.Clone()
	wantOK(t, err)
	wantOK(t, c.Close())
	if q.Memory() <= 0 {
		t.Fatal("Memory")
	}
}

// TestReportFinalizesQueue: an oracle report with the queue finalizes its
// requests, locks the ether and burns the shares.
func TestReportFinalizesQueue(t *testing.T) {
	qp := DefaultQueueParams()
	q, err := NewQueue(qp)
	wantOK(t, err)
	defer q.Close()
	tok, err := NewStETH(DefaultStETHParams())
	wantOK(t, err)
	defer tok.Close()
	_, err = tok.Submit(alice, ether(10))
	wantOK(t, err)
	wantOK(t, tok.Approve(alice, qp.Address, ether(4)))
	_, err = q.Request(tok, alice, ether(4), 1000)
	wantOK(t, err)
	shares, err := tok.TotalShares()
	wantOK(t, err)
	e27 := dec(t, "1000000000000000000000000000")
	res, err := tok.HandleReport(LidoReport{
		Timestamp: 2000, BlockTimestamp: 2100,
		Queue: q, FinalizationBatches: []uint64{1}, SimulatedShareRate: e27,
	})
	wantOK(t, err)
	wantEq(t, "ether to finalize", res.EtherToFinalize, ether(4))
	wantEq(t, "shares to finalize", res.SharesToFinalize, ether(4))
	after, err := tok.TotalShares()
	wantOK(t, err)
	wantEq(t, "shares burnt", new(big.Int).Sub(shares, after), res.SharesBurnt)
	locked, err := q.LockedEther()
	wantOK(t, err)
	wantEq(t, "locked", locked, ether(4))
	if q.LastFinalizedID() != 1 {
		t.Fatal("not finalized")
	}
	got, err := q.ClaimUnhinted(1, alice)
	wantOK(t, err)
	wantEq(t, "claim", got, ether(4))
}

// TestQueueClaimBatch: claimWithdrawals(ids, hints) pays what single
// claims pay, and a refusal anywhere claims nothing and names the element.
func TestQueueClaimBatch(t *testing.T) {
	q, err := NewQueue(DefaultQueueParams())
	wantOK(t, err)
	defer q.Close()
	e27 := dec(t, "1000000000000000000000000000")
	for i := int64(1); i <= 4; i++ {
		owner := alice
		if i == 3 {
			owner = bob
		}
		_, err = q.Enqueue(owner, ether(i), ether(i), uint64(1000+i))
		wantOK(t, err)
	}
	wantOK(t, q.Finalize(2, ether(3), e27))
	half := new(big.Int).Rsh(e27, 1)
	wantOK(t, q.Finalize(4, new(big.Int).Rsh(ether(7), 1), half)) // 3 and 4 at 0.5
	before, err := q.LockedEther()
	wantOK(t, err)

	for _, c := range []struct {
		ids, hints []uint64
		code       Code
		index      int
	}{
		{[]uint64{1, 3}, []uint64{1, 2}, ENOTOWNER, 1},
		{[]uint64{1, 1}, []uint64{1, 1}, EALREADYCLAIMED, 1},
		{[]uint64{2, 4}, []uint64{1, 1}, EBADHINT, 1},
		{[]uint64{5}, []uint64{2}, ENOTFINALIZED, 0},
	} {
		_, err = q.ClaimBatch(c.ids, c.hints, alice)
		wantCode(t, err, c.code)
		if e := err.(*Error); e.Index != c.index {
			t.Fatalf("%v: index %d, want %d", c.ids, e.Index, c.index)
		}
		locked, err := q.LockedEther()
		wantOK(t, err)
		wantEq(t, "locked after a refusal", locked, before)
	}
	_, err = q.ClaimBatch([]uint64{1, 2}, []uint64{1}, alice)
	wantCode(t, err, EINVAL)

	paid, err := q.ClaimBatch([]uint64{4, 1, 2}, []uint64{2, 1, 1}, alice)
	wantOK(t, err)
	if len(paid) != 3 {
		t.Fatalf("%d amounts", len(paid))
	}
	wantEq(t, "request 4 at 0.5", paid[0], ether(2))
	wantEq(t, "request 1", paid[1], ether(1))
	wantEq(t, "request 2", paid[2], ether(2))
	locked, err := q.LockedEther()
	wantOK(t, err)
	wantEq(t, "locked", locked, new(big.Int).Sub(before, ether(5)))
	st, err := q.RequestStatus(3)
	wantOK(t, err)
	if st.Claimed {
		t.Fatal("bob's request claimed")
	}
	empty, err := q.ClaimBatch(nil, nil, alice)
	wantOK(t, err)
	if len(empty) != 0 {
		t.Fatalf("empty batch gave %v", empty)
	}
}

// queueAndToken: a mainnet queue and a stETH token in which alice has
// deposited 10 ether, both closed when the test ends.
func queueAndToken(t *testing.T) (*Queue, QueueParams, *StETH, StETHParams) {
	qp, sp := DefaultQueueParams(), DefaultStETHParams()
	q, err := NewQueue(qp)
	wantOK(t, err)
	t.Cleanup(func() { q.Close() })
	tok, err := NewStETH(sp)
	wantOK(t, err)
	t.Cleanup(func() { tok.Close() })
	_, err = tok.Submit(alice, ether(10))
	wantOK(t, err)
	return q, qp, tok, sp
}

// TestQueueRequestFor: requestWithdrawals(amounts, _owner) sent by a
// sender for another owner, with stETH and with wstETH.
func TestQueueRequestFor(t *testing.T) {
	q, qp, tok, sp := queueAndToken(t)
	var err error
	wantOK(t, tok.Approve(bob, qp.Address, ether(10)))
	_, err = q.RequestFor(tok, alice, bob, ether(1), 1)
	wantCode(t, err, EALLOWANCE) // alice's allowance counts, not bob's
	wantOK(t, tok.Approve(alice, qp.Address, ether(10)))
	id, err := q.RequestFor(tok, alice, bob, ether(1), 2)
	wantOK(t, err)
	st, err := q.RequestStatus(id)
	wantOK(t, err)
	if st.Owner != bob {
		t.Fatalf("owner %v, want bob", st.Owner)
	}
	id, err = q.RequestFor(tok, alice, Address{}, ether(1), 3)
	wantOK(t, err)
	st, err = q.RequestStatus(id)
	wantOK(t, err)
	if st.Owner != alice {
		t.Fatalf("zero owner gave %v, want the sender", st.Owner)
	}
	wantOK(t, tok.Approve(alice, sp.WstETH, ether(5)))
	_, err = tok.Wrap(alice, ether(2))
	wantOK(t, err)
	_, err = q.RequestWstETHFor(tok, carol, alice, ether(1), 4)
	wantCode(t, err, EBALANCE)
	// the queue pulls the wstETH with transferFrom: alice must approve it
	_, err = q.RequestWstETHFor(tok, alice, carol, ether(1), 4)
	wantCode(t, err, EALLOWANCE)
	wantOK(t, tok.WstETHApprove(alice, qp.Address, ether(1)))
	id, err = q.RequestWstETHFor(tok, alice, carol, ether(1), 4)
	wantOK(t, err)
	st, err = q.RequestStatus(id)
	wantOK(t, err)
	if st.Owner != carol || id != 3 {
		t.Fatalf("request %d owned by %v, want 3 by carol", id, st.Owner)
	}
	left, err := tok.WstETHBalanceOf(alice)
	wantOK(t, err)
	wantEq(t, "alice's wstETH", left, ether(1))
}

// TestQueueRequestBatch: requestWithdrawals(amounts, owner) as one call,
// the same as the requests one at a time on copies, or nothing at all and
// the index of the element refused.
func TestQueueRequestBatch(t *testing.T) {
	q, qp, tok, sp := queueAndToken(t)
	half := new(big.Int).Quo(ether(5), big.NewInt(2))
	wantOK(t, tok.Approve(alice, qp.Address, half))
	shares, err := tok.SharesOf(alice)
	wantOK(t, err)

	for _, c := range []struct {
		amounts []*big.Int
		code    Code
		index   int
	}{
		{[]*big.Int{ether(1), ether(1), ether(1)}, EALLOWANCE, 2},
		{[]*big.Int{ether(1), big.NewInt(99)}, EAMOUNTTOOSMALL, 1},
		{[]*big.Int{ether(1), big.NewInt(-1)}, ERANGE, 1},
		{[]*big.Int{nil}, EINVAL, 0},
	} {
		_, err = q.RequestBatch(tok, alice, carol, c.amounts, 1)
		wantCode(t, err, c.code)
		if e := err.(*Error); e.Index != c.index {
			t.Fatalf("%v: index %d, want %d", c.amounts, e.Index, c.index)
		}
	}
	if q.LastRequestID() != 0 {
		t.Fatalf("a refused batch left %d requests", q.LastRequestID())
	}
	left, err := tok.SharesOf(alice)
	wantOK(t, err)
	wantEq(t, "alice's shares after refusals", left, shares)

	single, err := q.Clone()
	wantOK(t, err)
	defer single.Close()
	copyTok, err := tok.Clone()
	wantOK(t, err)
	defer copyTok.Close()
	var want []uint64
	for _, a := range []*big.Int{ether(1), ether(1)} {
		id, err := single.RequestFor(copyTok, alice, carol, a, 2)
		wantOK(t, err)
		want = append(want, id)
	}
	ids, err := q.RequestBatch(tok, alice, carol, []*big.Int{ether(1), ether(1)}, 2)
	wantOK(t, err)
	if len(ids) != 2 || ids[0] != want[0] || ids[1] != want[1] {
		t.Fatalf("ids %v, one at a time %v", ids, want)
	}
	got, err := tok.SharesOf(alice)
	wantOK(t, err)
	one, err := copyTok.SharesOf(alice)
	wantOK(t, err)
	wantEq(t, "alice's shares", got, one)
	empty, err := q.RequestBatch(tok, alice, carol, nil, 3)
	wantOK(t, err)
	if len(empty) != 0 {
		t.Fatalf("empty batch gave %v", empty)
	}

	wantOK(t, tok.Approve(alice, sp.WstETH, ether(5)))
	_, err = tok.Wrap(alice, ether(2))
	wantOK(t, err)
	wantOK(t, tok.WstETHApprove(alice, qp.Address, ether(3)))
	_, err = q.RequestWstETHBatch(tok, alice, bob, []*big.Int{ether(1), ether(1), ether(1)}, 4)
	wantCode(t, err, EBALANCE)
	if e := err.(*Error); e.Index != 2 {
		t.Fatalf("wstETH batch refused at %d, want 2", e.Index)
	}
	ids, err = q.RequestWstETHBatch(tok, alice, bob, []*big.Int{ether(1), ether(1)}, 4)
	wantOK(t, err)
	if len(ids) != 2 || ids[0] != 3 || ids[1] != 4 {
		t.Fatalf("wstETH ids %v", ids)
	}
	st, err := q.RequestStatus(4)
	wantOK(t, err)
	if st.Owner != bob {
		t.Fatalf("owner %v, want bob", st.Owner)
	}
}
