package stake

import (
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var (
	alice = Address{19: 0xa1}
	bob   = Address{19: 0xb0}
	carol = Address{19: 0xca}
)

func TestAddress(t *testing.T) {
	a, err := ParseAddress("0xAe7ab96520DE3A18E5e111B5EaAb095312D7fE84")
	wantOK(t, err)
	if a.String() != "0xae7ab96520de3a18e5e111b5eaab095312d7fe84" || a.IsZero() {
		t.Fatalf("%v", a)
	}
	// String agrees with the library's stake_address_to_hex.
	if d := DefaultStETHParams(); d.StETH != a {
		t.Fatalf("default stETH address %v", d.StETH)
	}
	for _, c := range []struct {
		in   string
		code Code
	}{{"", EEMPTY}, {"ae7ab96520de3a18e5e111b5eaab095312d7fe84", ESYNTAX},
		{"0xae7ab96520de3a18e5e111b5eaab095312d7fe8", ESYNTAX},
		{"0xae7ab96520de3a18e5e111b5eaab095312d7fe844", ETOOLONG},
		{"0xae7ab96520de3a18e5e111b5eaab095312d7fe8\x00", ESYNTAX}} {
		_, err := ParseAddress(c.in)
		wantCode(t, err, c.code)
	}
	if !(Address{}).IsZero() {
		t.Fatal("zero address")
	}
}

func TestLedger(t *testing.T) {
	l, err := NewLedger(4)
	wantOK(t, err)
	defer l.Close()
	wantOK(t, l.Mint(alice, ether(10)))
	wantOK(t, l.Mint(bob, ether(5)))
	wantOK(t, l.Move(alice, bob, ether(3)))
	wantCode(t, l.Burn(carol, big.NewInt(1)), EBALANCE)
	wantCode(t, l.Mint(carol, MaxUint256()), EOVERFLOW)
	total, err := l.Total()
	wantOK(t, err)
	wantEq(t, "total", total, ether(15))
	b, err := l.Balance(bob)
	wantOK(t, err)
	wantEq(t, "bob", b, ether(8))
	wantOK(t, l.Approve(alice, carol, ether(2)))
	wantCode(t, l.SpendAllowance(alice, carol, ether(3)), EALLOWANCE)
	wantOK(t, l.SpendAllowance(alice, carol, ether(1)))
	al, err := l.Allowance(alice, carol)
	wantOK(t, err)
	wantEq(t, "allowance", al, ether(1))
	if l.Len() != 2 {
		t.Fatalf("Len %d", l.Len())
	}
	accounts, err := l.Accounts()
	wantOK(t, err)
	if len(accounts) != 2 || accounts[0].Address != alice || accounts[1].Balance.Cmp(ether(8)) != 0 {
		t.Fatalf("accounts %+v", accounts)
	}
	_, _, err = l.AccountAt(2)
	wantCode(t, err, ERANGE)
	wantOK(t, l.Check())
	if l.Memory() <= 0 {
		t.Fatal("Memory")
	}
	// Every balance converted in one call.
	conv := Conversion{Num: big.NewInt(3), Den: big.NewInt(2), Product: ProductChecked}
	all, err := l.ConvertAll(conv)
	wantOK(t, err)
	wantEq(t, "alice*1.5", all[0], new(big.Int).Quo(new(big.Int).Mul(ether(7), big.NewInt(3)), big.NewInt(2)))
	wantEq(t, "bob*1.5", all[1], dec(t, "12000000000000000000"))
	wantCode(t, l.ConvertAllPacked(conv, NewPacked(3)), ERANGE)
	// Clones are independent.
	c, err := l.Clone()
	wantOK(t, err)
	wantOK(t, c.Burn(alice, ether(7)))
	a1, _ := l.Balance(alice)
	a2, _ := c.Balance(alice)
	wantEq(t, "original", a1, ether(7))
	wantEq(t, "clone", a2, big.NewInt(0))
	wantOK(t, c.Close())
	// After Close: errors, not crashes; Close twice is fine.
	_, err = c.Balance(alice)
	wantCode(t, err, ESTATE)
	wantCode(t, c.Mint(alice, ether(1)), ESTATE)
	wantOK(t, c.Close())
	if c.Len() != 0 {
		t.Fatal("Len after Close")
	}
	// A nil or zero-value Ledger is refused, not dereferenced.
	var nilLedger *Ledger
	_, err = nilLedger.Total()
	wantCode(t, err, EINVAL)
	wantCode(t, (&Ledger{}).Mint(alice, ether(1)), EINVAL)
	_, err = NewLedger(-1)
	wantCode(t, err, EINVAL)
}

// TestLedgerConcurrent hammers one ledger from several goroutines (run
// with -race): reads run together, writes alone, Close waits for them.
func TestLedgerConcurrent(t *testing.T) {
	l, err := NewLedger(0)
	wantOK(t, err)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			me := Address{0: byte(g + 1)}
			for i := 0; i < 200; i++ {
				if err := l.Mint(me, big.NewInt(int64(i))); err != nil {
					t.Error(err)
					return
				}
				if _, err := l.Balance(me); err != nil {
					t.Error(err)
					return
				}
				if _, err := l.Total(); err != nil {
					t.Error(err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	total, err := l.Total()
	wantOK(t, err)
	wantEq(t, "total", total, big.NewInt(8*199*200/2))
	wantOK(t, l.Check())
	// Close racing with readers: every call either works or sees ESTATE.
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				if _, err := l.Total(); err != nil {
					wantCode(t, err, ESTATE)
				}
			}
		}()
	}
	l.Close()
	wg.Wait()
}

// TestFinalizers: objects dropped without Close are freed by the
// finalizer (nothing to assert but the absence of a crash under -race).
func TestFinalizers(t *testing.T) {
	for i := 0; i < 100; i++ {
		l, err := NewLedger(0)
		wantOK(t, err)
		wantOK(t, l.Mint(alice, ether(1)))
		tok, err := NewStETH(DefaultStETHParams())
		wantOK(t, err)
		_ = tok.Ledger() // a view keeps its model alive, not the reverse
	}
	runtime.GC()
	runtime.GC()
}

// TestStETHScenario follows examples/c/steth_pool.c and checks every
// figure with math/big and the contract's formulas.
func TestStETHScenario(t *testing.T) {
	params := DefaultStETHParams()
	if params.Protocol != LidoV3 || params.InitialEther.Cmp(ether(1)) != 0 {
		t.Fatalf("defaults %+v", params)
	}
	tok, err := NewStETH(params)
	wantOK(t, err)
	defer tok.Close()
	nodeOps := Address{19: 0x0e}
	treasury := Address{19: 0x7e}

	// Deposits at a rate of 1: shares = amounts.
	s, err := tok.Submit(alice, ether(31))
	wantOK(t, err)
	wantEq(t, "alice shares", s, ether(31))
	s, err = tok.Submit(bob, ether(32))
	wantOK(t, err)
	wantEq(t, "bob shares", s, ether(32))
	wantOK(t, tok.DepositValidators(2))
	pool, err := tok.Pool()
	wantOK(t, err)
	wantEq(t, "buffered", pool.BufferedEther, ether(1+31+32-64))
	wantEq(t, "deposited", pool.DepositedValidators, big.NewInt(2))

	// A profitable report: 2 validators with 64.05 ether, 0.01 ether EL
	// rewards, 10% fee of which half to the node operators.
	report := LidoReport{
		Timestamp:             1_700_000_000,
		BlockTimestamp:        1_700_000_100,
		CLValidators:          big.NewInt(2),
		CLBalance:             dec(t, "64050000000000000000"),
		ELRewardsVaultBalance: dec(t, "10000000000000000"),
		TotalFee:              dec(t, "10000000000000000000"),
		FeeRecipients:         []Address{nodeOps},
		ModuleFees:            []*big.Int{dec(t, "5000000000000000000")},
		Treasury:              treasury,
	}
	// With the default positive-rebase limit (0.075% per report) the
	// limiter keeps the EL rewards in their vault: 0.05 ether on 64 is
	// already above it. A what-if on a clone shows it.
	limited, err := tok.Clone()
	wantOK(t, err)
	lres, err := limited.HandleReport(report)
	wantOK(t, err)
	if lres.ELRewards.Cmp(report.ELRewardsVaultBalance) >= 0 {
		t.Fatalf("the limiter let all EL rewards through: %v", lres.ELRewards)
	}
	wantOK(t, limited.Close())
	// Without the limit (1e9 = 100%) everything is taken.
	report.MaxPositiveTokenRebase = 1_000_000_000
	res, err := tok.HandleReport(report)
	wantOK(t, err)
	wantEq(t, "EL rewards taken", res.ELRewards, report.ELRewardsVaultBalance)
	preEther, preShares := ether(64), ether(64)
	wantEq(t, "pre ether", res.PreTotalEther, preEther)
	wantEq(t, "pre shares", res.PreTotalShares, preShares)
	rewards := dec(t, "60000000000000000") // 0.05 CL + 0.01 EL
	wantEq(t, "rewards", res.Rewards, rewards)
	postEther := new(big.Int).Add(preEther, rewards)
	wantEq(t, "post ether", res.PostTotalEther, postEther)
	// V3: feeEther = floor(R * fee / 1e20); shares = floor(feeEther * IS / (IE - feeEther)).
	e20 := dec(t, "100000000000000000000")
	feeEther := new(big.Int).Quo(new(big.Int).Mul(rewards, report.TotalFee), e20)
	feeShares := new(big.Int).Quo(new(big.Int).Mul(feeEther, preShares), new(big.Int).Sub(postEther, feeEther))
	wantEq(t, "fee shares", res.FeeShares, feeShares)
	v3shares, v3ether, err := LidoFeeSharesV3(rewards, report.TotalFee, preShares, postEther)
	wantOK(t, err)
	wantEq(t, "LidoFeeSharesV3", v3shares, feeShares)
	wantEq(t, "fee ether", v3ether, feeEther)
	postShares := new(big.Int).Add(preShares, feeShares)
	wantEq(t, "post shares", res.PostTotalShares, postShares)
	// The modules get floor(feeShares * fee / total), the treasury the rest.
	moduleShares := new(big.Int).Quo(new(big.Int).Mul(feeShares, report.ModuleFees[0]), report.TotalFee)
	wantEq(t, "treasury shares", res.TreasuryShares, new(big.Int).Sub(feeShares, moduleShares))
	split, treas, err := LidoSplitFeeShares(feeShares, report.ModuleFees, report.TotalFee)
	wantOK(t, err)
	wantEq(t, "split module", split[0], moduleShares)
	wantEq(t, "split treasury", treas, res.TreasuryShares)
	got, err := tok.SharesOf(nodeOps)
	wantOK(t, err)
	wantEq(t, "node operators' shares", got, moduleShares)

	// balanceOf = floor(shares * IE / IS) for every holder.
	balance := func(shares *big.Int) *big.Int {
		return new(big.Int).Quo(new(big.Int).Mul(shares, postEther), postShares)
	}
	b, err := tok.BalanceOf(alice)
	wantOK(t, err)
	wantEq(t, "alice balance", b, balance(ether(31)))
	totals, err := tok.Totals()
	wantOK(t, err)
	wantEq(t, "totals ether", totals.InternalEther, postEther)
	wantEq(t, "totals shares", totals.InternalShares, postShares)
	supply, err := tok.TotalSupply()
	wantOK(t, err)
	wantEq(t, "supply", supply, postEther)

	// Every balance at once through the ledger view and a conversion.
	conv, err := totals.Conversion(SharesToEther)
	wantOK(t, err)
	view := tok.Ledger()
	all, err := view.ConvertAll(conv)
	wantOK(t, err)
	accounts, err := view.Accounts()
	wantOK(t, err)
	for i, a := range accounts {
		bal, err := tok.BalanceOf(a.Address)
		wantOK(t, err)
		wantEq(t, "ConvertAll vs BalanceOf", all[i], bal)
		wantEq(t, "math/big", bal, balance(a.Balance))
	}
	wantCode(t, view.Mint(alice, ether(1)), ESTATE) // read-only

	// bob sends alice 1 ether: floor(1e18 * IS / IE) shares move, and she
	// receives 1 ether or 1-2 wei less.
	before, _ := tok.BalanceOf(alice)
	moved, err := tok.Transfer(bob, alice, ether(1))
	wantOK(t, err)
	wantEq(t, "shares moved", moved, new(big.Int).Quo(new(big.Int).Mul(ether(1), postShares), postEther))
	after, _ := tok.BalanceOf(alice)
	gotWei := new(big.Int).Sub(after, before)
	if d := new(big.Int).Sub(ether(1), gotWei); d.Sign() < 0 || d.Cmp(big.NewInt(2)) > 0 {
		t.Fatalf("alice received %v", gotWei)
	}
	// Refusals in the contract's order, model unchanged.
	_, err = tok.Transfer(alice, params.StETH, ether(1))
	wantCode(t, err, ESELFRECIPIENT)
	_, err = tok.Transfer(carol, alice, ether(1))
	wantCode(t, err, EBALANCE)
	_, err = tok.Transfer(alice, Address{}, ether(1))
	wantCode(t, err, EZEROADDRESS)
	huge := new(big.Int).Lsh(big.NewInt(1), 128)
	_, err = tok.Transfer(alice, bob, huge)
	wantCode(t, err, ETOOLARGE)

	// Wrap 10 stETH (after approving the wrapper) and unwrap.
	wantOK(t, tok.Approve(alice, params.WstETH, ether(10)))
	w, err := tok.Wrap(alice, ether(10))
	wantOK(t, err)
	wantEq(t, "wstETH", w, new(big.Int).Quo(new(big.Int).Mul(ether(10), postShares), postEther))
	wb, err := tok.WstETHBalanceOf(alice)
	wantOK(t, err)
	wantEq(t, "wstETH balance", wb, w)
	byS, err := tok.StETHByWstETH(w)
	wantOK(t, err)
	back, err := tok.Unwrap(alice, w)
	wantOK(t, err)
	wantEq(t, "unwrapped", back, byS)
	wantEq(t, "unwrapped", back, balance(w))
	per, err := tok.StETHPerToken()
	wantOK(t, err)
	wantEq(t, "stEthPerToken", per, balance(ether(1)))

	// A what-if on a clone leaves the original alone.
	clone, err := tok.Clone()
	wantOK(t, err)
	wantOK(t, clone.Stop())
	if !clone.IsStopped() || tok.IsStopped() {
		t.Fatal("Stop on the clone only")
	}
	_, err = clone.Submit(carol, ether(1))
	wantCode(t, err, ESTAKINGPAUSED) // stop() pauses staking
	_, err = clone.Transfer(alice, carol, big.NewInt(1))
	wantCode(t, err, ESTOPPED)
	wantOK(t, clone.Close())

	// A slashing: one validator loses 1 ether; the rate falls for all.
	report.CLBalance = dec(t, "63050000000000000000")
	report.ELRewardsVaultBalance = nil
	report.Timestamp += 86400
	report.BlockTimestamp += 86400
	rate0, _ := tok.StETHPerToken()
	res, err = tok.HandleReport(report)
	wantOK(t, err)
	if res.Rewards.Sign() != 0 || res.FeeShares.Sign() != 0 {
		t.Fatalf("no fees on a loss: %+v", res)
	}
	rate1, _ := tok.StETHPerToken()
	if rate1.Cmp(rate0) >= 0 {
		t.Fatalf("rate did not fall: %v -> %v", rate0, rate1)
	}
	_, err = tok.HandleReport(LidoReport{CLValidators: big.NewInt(3), CLBalance: ether(96)})
	wantCode(t, err, EBADREPORT)
	_, err = tok.HandleReport(LidoReport{FeeRecipients: []Address{alice}})
	wantCode(t, err, EINVAL)

	// Closed: the token and its view refuse.
	wantOK(t, tok.Close())
	_, err = tok.BalanceOf(alice)
	wantCode(t, err, ESTATE)
	_, err = view.Total()
	wantCode(t, err, ESTATE)
}

// TestStakeLimit: 150,000 ether refilled over 6,400 blocks, as on mainnet.
func TestStakeLimit(t *testing.T) {
	tok, err := NewStETH(DefaultStETHParams())
	wantOK(t, err)
	defer tok.Close()
	if tok.Block() != 1 || tok.IsStakingPaused() {
		t.Fatalf("block %d, paused %v", tok.Block(), tok.IsStakingPaused())
	}
	cur, err := tok.CurrentStakeLimit()
	wantOK(t, err)
	wantEq(t, "unlimited", cur, MaxUint256())
	wantOK(t, tok.SetBlock(100))
	wantCode(t, tok.SetBlock(99), EINVAL)
	perBlock := new(big.Int).Div(ether(150000), big.NewInt(6400))
	wantOK(t, tok.SetStakingLimit(ether(150000), perBlock))
	limit, err := tok.StakeLimit()
	wantOK(t, err)
	if limit.PrevBlock != 100 || limit.GrowthBlocks != 6400 {
		t.Fatalf("limit %+v", limit)
	}
	wantEq(t, "max", limit.MaxLimit, ether(150000))
	_, err = tok.Submit(alice, ether(100000))
	wantOK(t, err)
	_, err = tok.Submit(alice, new(big.Int).Add(ether(50000), big.NewInt(1)))
	wantCode(t, err, ESTAKELIMIT)
	wantOK(t, tok.SetBlock(200))
	cur, err = tok.CurrentStakeLimit()
	wantOK(t, err)
	wantEq(t, "after 100 blocks", cur, new(big.Int).Add(ether(50000), new(big.Int).Mul(perBlock, big.NewInt(100))))
	limit, err = tok.StakeLimit()
	wantOK(t, err)
	full, err := LidoCurrentStakeLimit(limit, 100+6400)
	wantOK(t, err)
	wantEq(t, "refilled", full, ether(150000))
	_, err = LidoCurrentStakeLimit(limit, 99)
	wantCode(t, err, EINVAL)
	wantCode(t, tok.SetStakingLimit(new(big.Int).Lsh(big.NewInt(1), 96), big.NewInt(1)), ETOOLARGE)
	wantOK(t, tok.PauseStaking())
	if !tok.IsStakingPaused() {
		t.Fatal("not paused")
	}
	_, err = tok.Submit(alice, big.NewInt(1))
	wantCode(t, err, ESTAKINGPAUSED)
	wantOK(t, tok.ResumeStaking())
	wantOK(t, tok.RemoveStakingLimit())
	cur, err = tok.CurrentStakeLimit()
	wantOK(t, err)
	wantEq(t, "removed", cur, MaxUint256())
}

// TestWstETHSubmit: ether sent to wstETH is deposited by the wrapper and
// wrapped for the sender.
func TestWstETHSubmit(t *testing.T) {
	params := DefaultStETHParams()
	tok, err := NewStETH(params)
	wantOK(t, err)
	defer tok.Close()
	w, err := tok.WstETHSubmit(alice, ether(3))
	wantOK(t, err)
	wantEq(t, "wstETH minted", w, ether(3)) // rate 1
	held, err := tok.WstETHBalanceOf(alice)
	wantOK(t, err)
	wantEq(t, "alice's wstETH", held, ether(3))
	shares, err := tok.SharesOf(params.WstETH)
	wantOK(t, err)
	wantEq(t, "the wrapper's shares", shares, ether(3))
	if n := tok.WstETHLedger().Len(); n != 1 {
		t.Fatalf("%d wstETH holders, want 1", n)
	}
	_, err = tok.WstETHSubmit(Address{}, ether(1))
	wantCode(t, err, EZEROADDRESS)
	wantOK(t, tok.PauseStaking())
	_, err = tok.WstETHSubmit(alice, ether(1))
	wantCode(t, err, ESTAKINGPAUSED)
}

// wstETH's allowances follow OpenZeppelin 3.4: the largest one is spent
// like any other, and the balance is checked before the allowance.
func TestWstETHAllowances(t *testing.T) {
	tok, err := NewStETH(DefaultStETHParams())
	wantOK(t, err)
	defer tok.Close()
	_, err = tok.WstETHSubmit(alice, ether(3))
	wantOK(t, err)
	largest := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	wantOK(t, tok.WstETHApprove(alice, bob, largest))
	wantOK(t, tok.WstETHTransferFrom(bob, alice, carol, ether(1)))
	left, err := tok.WstETHAllowance(alice, bob)
	wantOK(t, err)
	wantEq(t, "bob's allowance", left, new(big.Int).Sub(largest, ether(1)))
	held, err := tok.WstETHBalanceOf(carol)
	wantOK(t, err)
	wantEq(t, "carol's wstETH", held, ether(1))
	steth, err := tok.Allowance(alice, bob)
	wantOK(t, err)
	wantEq(t, "bob's stETH allowance", steth, big.NewInt(0))
	wantCode(t, tok.WstETHTransferFrom(carol, alice, bob, ether(3)), EBALANCE)
	wantCode(t, tok.WstETHTransferFrom(carol, alice, bob, big.NewInt(1)), EALLOWANCE)
	wantOK(t, tok.WstETHIncreaseAllowance(alice, carol, big.NewInt(5)))
	wantOK(t, tok.WstETHDecreaseAllowance(alice, carol, big.NewInt(2)))
	wantCode(t, tok.WstETHDecreaseAllowance(alice, carol, big.NewInt(4)), EALLOWANCE)
	wantCode(t, tok.WstETHIncreaseAllowance(alice, carol, largest), EOVERFLOW)
	wantCode(t, tok.WstETHApprove(alice, Address{}, big.NewInt(1)), EZEROADDRESS)
	got, err := tok.WstETHAllowance(alice, carol)
	wantOK(t, err)
	wantEq(t, "carol's allowance", got, big.NewInt(3))
}

func TestLidoPureFunctions(t *testing.T) {
	totals := LidoTotals{Version: LidoV2, InternalEther: ether(110), InternalShares: ether(100)}
	s, err := totals.SharesByPooledEth(ether(11))
	wantOK(t, err)
	wantEq(t, "shares", s, ether(10))
	e, err := totals.PooledEthBySharesRoundUp(big.NewInt(1))
	wantOK(t, err)
	wantEq(t, "round up", e, big.NewInt(2))
	e, err = totals.PooledEthByShares(big.NewInt(1))
	wantOK(t, err)
	wantEq(t, "round down", e, big.NewInt(1))
	_, err = LidoTotals{Version: LidoV2, InternalEther: ether(1), InternalShares: ether(1),
		ExternalShares: ether(1)}.TotalShares()
	wantCode(t, err, EINVAL)
	v3 := LidoTotals{Version: LidoV3, InternalEther: ether(100), InternalShares: ether(100), ExternalShares: ether(10)}
	ext, err := v3.ExternalEther()
	wantOK(t, err)
	wantEq(t, "external ether", ext, ether(10))
	tp, err := v3.TotalPooledEther()
	wantOK(t, err)
	wantEq(t, "total pooled", tp, ether(110))
	ts, err := v3.TotalShares()
	wantOK(t, err)
	wantEq(t, "total shares", ts, ether(110))
	_, err = LidoTotals{Version: LidoVersion(9)}.TotalShares()
	wantCode(t, err, EINVAL)

	fees, total, err := LidoModuleFees([]LidoModule{
		{Recipient: alice, ActiveValidators: 300, ModuleFeeBP: 500, TreasuryFeeBP: 500},
		{Recipient: bob, ActiveValidators: 100, ModuleFeeBP: 500, TreasuryFeeBP: 500, Stopped: true},
		{Recipient: carol},
	})
	wantOK(t, err)
	// shares of 1e20: 75e18 and 25e18; fees 5% of each.
	wantEq(t, "fee 0", fees[0], dec(t, "3750000000000000000"))
	wantEq(t, "fee 1 (stopped)", fees[1], big.NewInt(0))
	wantEq(t, "fee 2 (no validators)", fees[2], big.NewInt(0))
	wantEq(t, "total fee", total, dec(t, "10000000000000000000"))
	_, _, err = LidoModuleFees([]LidoModule{{ActiveValidators: 1, ModuleFeeBP: 10001}})
	wantCode(t, err, EINVAL)
	none, total, err := LidoModuleFees(nil)
	wantOK(t, err)
	if len(none) != 0 || total.Sign() != 0 {
		t.Fatal("no modules")
	}
	v2, err := LidoFeeSharesV2(ether(1), dec(t, "10000000000000000000"), ether(100), ether(100))
	wantOK(t, err)
	// floor(R * fee * S / ((P + R) * 1e20 - R * fee))
	e20 := dec(t, "100000000000000000000")
	num := new(big.Int).Mul(new(big.Int).Mul(ether(1), dec(t, "10000000000000000000")), ether(100))
	den := new(big.Int).Sub(new(big.Int).Mul(ether(101), e20), new(big.Int).Mul(ether(1), dec(t, "10000000000000000000")))
	wantEq(t, "fee shares v2", v2, new(big.Int).Quo(num, den))
	_, _, err = LidoSplitFeeShares(ether(1), []*big.Int{nil}, ether(1))
	wantCode(t, err, EINVAL)
}

func TestVault(t *testing.T) {
	v, err := NewVault(0, 0)
	wantOK(t, err)
	defer v.Close()
	sh, err := v.Deposit(alice, alice, ether(100))
	wantOK(t, err)
	wantEq(t, "first deposit 1:1", sh, ether(100))
	wantOK(t, v.Gain(ether(10))) // donation: rate rises
	st, err := v.State()
	wantOK(t, err)
	wantEq(t, "assets", st.TotalAssets, ether(110))
	wantEq(t, "supply", st.TotalSupply, ether(100))
	want, err := st.PreviewDeposit(ether(11))
	wantOK(t, err)
	sh, err = v.Deposit(bob, bob, ether(11))
	wantOK(t, err)
	wantEq(t, "deposit = previewDeposit", sh, want)
	ref, _ := refMulDiv(ether(11), new(big.Int).Add(ether(100), big.NewInt(1)), new(big.Int).Add(ether(110), big.NewInt(1)), Floor)
	wantEq(t, "math/big", sh, ref)
	maxW, err := v.MaxWithdraw(bob)
	wantOK(t, err)
	_, err = v.Withdraw(bob, bob, bob, new(big.Int).Add(maxW, big.NewInt(1)))
	wantCode(t, err, EEXCEEDSMAX)
	_, err = v.Withdraw(carol, carol, bob, big.NewInt(1))
	wantCode(t, err, EALLOWANCE)
	wantOK(t, v.Approve(bob, carol, ether(1)))
	burned, err := v.Withdraw(carol, carol, bob, big.NewInt(1000))
	wantOK(t, err)
	al, err := v.Allowance(bob, carol)
	wantOK(t, err)
	wantEq(t, "allowance spent in shares", al, new(big.Int).Sub(ether(1), burned))
	assets, err := v.Redeem(alice, alice, alice, ether(50))
	wantOK(t, err)
	if assets.Cmp(ether(54)) <= 0 {
		t.Fatalf("redeem paid %v", assets)
	}
	mx, err := v.MaxDeposit(alice)
	wantOK(t, err)
	wantEq(t, "maxDeposit", mx, MaxUint256())
	wantOK(t, v.Transfer(alice, carol, ether(1)))
	c, err := v.Ledger().Balance(carol)
	wantOK(t, err)
	wantEq(t, "carol shares", c, ether(1))
	wantCode(t, v.Loss(ether(1000)), EBALANCE)
	_, err = NewVault(256, 0)
	wantCode(t, err, EINVAL)
	big78, err := NewVault(78, 0)
	wantOK(t, err)
	defer big78.Close()
	_, err = big78.Deposit(alice, alice, ether(1))
	wantCode(t, err, EOVERFLOW)
}

func TestREth(t *testing.T) {
	p := DefaultRethParams()
	if p.ReportFrequency != 86400 || p.MinimumDeposit.Cmp(dec(t, "10000000000000000")) != 0 {
		t.Fatalf("defaults %+v", p)
	}
	r, err := NewREth(p)
	wantOK(t, err)
	defer r.Close()
	_, err = r.Deposit(alice, big.NewInt(1))
	wantCode(t, err, EBELOWMIN)
	minted, err := r.Deposit(alice, ether(10))
	wantOK(t, err)
	fee := new(big.Int).Quo(new(big.Int).Mul(ether(10), p.DepositFee), ether(1))
	wantEq(t, "minted 1:1 less the fee", minted, new(big.Int).Sub(ether(10), fee))
	wantOK(t, r.SubmitBalances(1_000_000, ether(11), ether(5), ether(10)))
	totals, err := r.Totals()
	wantOK(t, err)
	wantEq(t, "reported ETH", totals.TotalETH, ether(11))
	_, err = r.Burn(alice, ether(1))
	wantOK(t, err) // the deposit pool holds the deposits
	wantOK(t, r.SetCollateral(big.NewInt(0), big.NewInt(0)))
	_, err = r.Burn(alice, ether(1))
	wantCode(t, err, ECOLLATERAL)
	wantOK(t, r.Transfer(alice, bob, ether(1)))
	b, err := r.BalanceOf(bob)
	wantOK(t, err)
	wantEq(t, "bob", b, ether(1))
	wantCode(t, r.SubmitBalances(1_000_001, ether(11), ether(5), ether(10)), EBADREPORT)
	// staking ETH above total ETH: only executeUpdateBalances looks
	wantCode(t, r.ExecuteUpdateBalances(2_000_000, ether(11), ether(12), ether(10)), EBADREPORT)
	wantOK(t, r.ExecuteUpdateBalances(2_000_000, ether(11), ether(11), ether(10)))
	wantOK(t, r.SubmitBalances(3_000_000, ether(11), ether(12), ether(10)))
	wantCode(t, r.ExecuteUpdateBalances(4_000_000, big.NewInt(-1), ether(1), ether(10)), ERANGE)
}

func TestSnapshot(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "models.snap")
	l, err := NewLedger(0)
	wantOK(t, err)
	defer l.Close()
	wantOK(t, l.Mint(alice, ether(3)))
	tok, err := NewStETH(DefaultStETHParams())
	wantOK(t, err)
	defer tok.Close()
	_, err = tok.Submit(bob, ether(2))
	wantOK(t, err)
	v, err := NewVault(2, 0)
	wantOK(t, err)
	defer v.Close()
	r, err := NewREth(DefaultRethParams())
	wantOK(t, err)
	defer r.Close()

	s, err := NewSnapshot()
	wantOK(t, err)
	wantOK(t, s.PutLedger("ledger", l))
	wantOK(t, s.PutStETH("steth", tok))
	wantOK(t, s.PutLedger("steth.shares", tok.Ledger()))
	wantOK(t, s.PutVault("vault", v))
	wantOK(t, s.PutREth("reth", r))
	q, err := NewQueue(DefaultQueueParams())
	wantOK(t, err)
	defer q.Close()
	_, err = q.Enqueue(carol, ether(1), ether(1), 10)
	wantOK(t, err)
	wantOK(t, s.PutQueue("queue", q))
	wantCode(t, s.PutLedger("bad name!", l), EINVAL)
	wantCode(t, s.PutLedger("nul\x00", l), EINVAL)
	wantCode(t, s.PutLedger("x", nil), EINVAL)
	wantOK(t, s.Save(path))
	wantOK(t, s.Close())

	s, err = LoadSnapshot(path)
	wantOK(t, err)
	defer s.Close()
	entries, err := s.Entries()
	wantOK(t, err)
	want := []SnapshotEntry{{SnapshotLedger, "ledger"}, {SnapshotStETH, "steth"},
		{SnapshotLedger, "steth.shares"}, {SnapshotERC4626, "vault"}, {SnapshotREth, "reth"},
		{SnapshotQueue, "queue"}}
	if len(entries) != len(want) || s.Len() != len(want) {
		t.Fatalf("entries %+v", entries)
	}
	for i := range want {
		if entries[i] != want[i] {
			t.Fatalf("entry %d: %+v, want %+v", i, entries[i], want[i])
		}
	}
	l2, err := s.Ledger("ledger")
	wantOK(t, err)
	defer l2.Close()
	b, err := l2.Balance(alice)
	wantOK(t, err)
	wantEq(t, "restored ledger", b, ether(3))
	t2, err := s.StETH("steth")
	wantOK(t, err)
	defer t2.Close()
	b, err = t2.BalanceOf(bob)
	wantOK(t, err)
	wantEq(t, "restored stETH", b, ether(2))
	v2, err := s.Vault("vault")
	wantOK(t, err)
	defer v2.Close()
	st, err := v2.State()
	wantOK(t, err)
	if st.DecimalsOffset != 2 {
		t.Fatalf("vault offset %d", st.DecimalsOffset)
	}
	r2, err := s.REth("reth")
	wantOK(t, err)
	r2.Close()
	q2, err := s.Queue("queue")
	wantOK(t, err)
	if q2.LastRequestID() != 1 {
		t.Fatalf("restored queue: %d requests", q2.LastRequestID())
	}
	q2.Close()
	_, err = s.StETH("ledger")
	wantCode(t, err, ENOTFOUND)

	// Damaged and foreign files are refused with a named error.
	data, err := os.ReadFile(path)
	wantOK(t, err)
	wantOK(t, os.WriteFile(path, data[:len(data)/2], 0o644))
	_, err = LoadSnapshot(path)
	if err == nil || !errIsAny(err, ETRUNCATED, ECORRUPT) {
		t.Fatalf("truncated file: %v", err)
	}
	wantOK(t, os.WriteFile(path, []byte("not a snapshot at all, just text"), 0o644))
	_, err = LoadSnapshot(path)
	wantCode(t, err, EFORMAT)
	_, err = LoadSnapshot(filepath.Join(dir, "missing"))
	wantCode(t, err, EIO)
	if e := err.(*Error); e.Detail == "" {
		t.Fatal("EIO without detail")
	}
}

func errIsAny(err error, codes ...Code) bool {
	for _, c := range codes {
		if e, ok := err.(*Error); ok && e.Code == c {
			return true
		}
	}
	return false
}
