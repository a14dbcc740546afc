package stake

import (
	"math/big"
	"runtime"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// RethTotals are the totals Rocket Pool's oracle DAO last reported
// (stake_reth_totals), from which rETH's exchange rate comes. A nil field
// stands for zero.
type RethTotals struct {
	TotalETH   *big.Int
	RethSupply *big.Int
}

// RethDirection is the direction of an rETH conversion.
type RethDirection int

const (
	RethToETH   RethDirection = 0 // getEthValue
	RethFromETH RethDirection = 1 // getRethValue
)

func (t RethTotals) toC(op string) (cstake.Stake_reth_totals, error) {
	if err := fieldArgs(op, "RethTotals.TotalETH", t.TotalETH, "RethTotals.RethSupply", t.RethSupply); err != nil {
		return nil, err
	}
	p := cstake.NewStake_reth_totals()
	p.SetTotal_eth(optU256(t.TotalETH))
	p.SetReth_supply(optU256(t.RethSupply))
	return p, nil
}

func (t RethTotals) call(op string, x *big.Int, f func(*big.Int, cstake.Stake_reth_totals, *big.Int) int) (*big.Int, error) {
	if err := u256Arg(op, "amount", x); err != nil {
		return nil, err
	}
	p, err := t.toC(op)
	if err != nil {
		return nil, err
	}
	defer cstake.DeleteStake_reth_totals(p)
	z := new(big.Int)
	if err := check(op, f(z, p, x)); err != nil {
		return nil, err
	}
	return z, nil
}

// EthValue is getEthValue(reth): floor(reth * totalETH / supply), or reth
// at zero supply (EOVERFLOW if the product overflows).
func (t RethTotals) EthValue(reth *big.Int) (*big.Int, error) {
	return t.call("RethTotals.EthValue", reth, cstake.Stake_reth_eth_value)
}

// RethValue is getRethValue(eth): floor(eth * supply / totalETH), or eth at
// zero supply (EZEROSUPPLY when the supply is not zero but total ETH is).
func (t RethTotals) RethValue(eth *big.Int) (*big.Int, error) {
	return t.call("RethTotals.RethValue", eth, cstake.Stake_reth_reth_value)
}

// ExchangeRate is getExchangeRate() = getEthValue(1e18).
func (t RethTotals) ExchangeRate() (*big.Int, error) {
	return t.call("RethTotals.ExchangeRate", new(big.Int), func(z *big.Int, p cstake.Stake_reth_totals, _ *big.Int) int {
		return cstake.Stake_reth_exchange_rate(z, p)
	})
}

// Conversion is the conversion in that direction (1:1 at zero supply), for
// ConvertAll and ConvertPacked.
func (t RethTotals) Conversion(direction RethDirection) (Conversion, error) {
	const op = "RethTotals.Conversion"
	p, err := t.toC(op)
	if err != nil {
		return Conversion{}, err
	}
	defer cstake.DeleteStake_reth_totals(p)
	c := cstake.NewStake_conversion()
	defer cstake.DeleteStake_conversion(c)
	if err := check(op, cstake.Stake_reth_conversion(c, p, cstake.Enum_SS_stake_reth_direction(direction))); err != nil {
		return Conversion{}, err
	}
	return conversionFromC(c), nil
}

// CheckRethRateChange applies RPIP-61: the rate floor(1e18 * ETH / supply)
// may move by at most floor(oldRate * maxDelta / 1e18) between reports
// (maxDelta in 1e18 = 100%). ERATECHANGE otherwise, EZEROSUPPLY for a zero
// supply once a total has been reported.
func CheckRethRateChange(prev, next RethTotals, maxDelta *big.Int) error {
	const op = "CheckRethRateChange"
	if err := u256Arg(op, "maxDelta", maxDelta); err != nil {
		return err
	}
	po, err := prev.toC(op)
	if err != nil {
		return err
	}
	defer cstake.DeleteStake_reth_totals(po)
	pn, err := next.toC(op)
	if err != nil {
		return err
	}
	defer cstake.DeleteStake_reth_totals(pn)
	return check(op, cstake.Stake_reth_check_rate_change(po, pn, maxDelta))
}

// RethParams configure a new rETH model (stake_reth_params). A nil field
// stands for zero; DefaultRethParams gives Rocket Pool's values.
type RethParams struct {
	DepositFee       *big.Int // 1e18 = 100%
	MinimumDeposit   *big.Int
	MaxRateDelta     *big.Int // 1e18 = 100%
	ReportFrequency  uint64   // seconds
	ExpectedAccounts int
}

// DefaultRethParams returns Rocket Pool's defaults: a 0.05% deposit fee, a
// 0.01 ether minimum, a 2% maximum rate change, daily reports.
func DefaultRethParams() RethParams {
	p := cstake.NewStake_reth_params()
	defer cstake.DeleteStake_reth_params(p)
	if cstake.Stake_reth_params_init(p, uint(cstake.STAKE_RETH_PARAMS_VERSION)) != 0 {
		return RethParams{}
	}
	return RethParams{
		DepositFee:       p.GetDeposit_fee(),
		MinimumDeposit:   p.GetMinimum_deposit(),
		MaxRateDelta:     p.GetMax_rate_delta(),
		ReportFrequency:  p.GetReport_frequency(),
		ExpectedAccounts: int(p.GetExpected_accounts()),
	}
}

// REth is a stateful model of Rocket Pool's rETH (stake_reth):
// non-rebasing, its rate from the last balance report, deposits with a fee
// and a minimum, burns limited by the collateral at hand. Close frees it (a
// finalizer does if you forget); an REth is safe for concurrent use.
type REth struct {
	h *handle
}

type rethPtr = cstake.SwigcptrStruct_SS_stake_reth

func newOwnedREth(p uintptr) *REth {
	r := &REth{h: newHandle("REth", p, func(p uintptr) { cstake.Stake_reth_free(rethPtr(p)) })}
	runtime.SetFinalizer(r, func(r *REth) { r.h.close() })
	return r
}

func (r *REth) hnd() *handle {
	if r == nil {
		return nil
	}
	return r.h
}

// NewREth creates an rETH model with no supply and no report yet.
func NewREth(params RethParams) (*REth, error) {
	const op = "NewREth"
	if err := fieldArgs(op, "RethParams.DepositFee", params.DepositFee,
		"RethParams.MinimumDeposit", params.MinimumDeposit,
		"RethParams.MaxRateDelta", params.MaxRateDelta); err != nil {
		return nil, err
	}
	if params.ExpectedAccounts < 0 {
		return nil, newError(op, EINVAL, "negative ExpectedAccounts")
	}
	p := cstake.NewStake_reth_params()
	defer cstake.DeleteStake_reth_params(p)
	if err := check(op, cstake.Stake_reth_params_init(p, uint(cstake.STAKE_RETH_PARAMS_VERSION))); err != nil {
		return nil, err
	}
	p.SetDeposit_fee(optU256(params.DepositFee))
	p.SetMinimum_deposit(optU256(params.MinimumDeposit))
	p.SetMax_rate_delta(optU256(params.MaxRateDelta))
	p.SetReport_frequency(params.ReportFrequency)
	p.SetExpected_accounts(int64(params.ExpectedAccounts))
	var out uintptr
	if err := check(op, cstake.Stake_reth_new(&out, p)); err != nil {
		return nil, err
	}
	return newOwnedREth(out), nil
}

// Close frees the token; later calls fail with ESTATE.
func (r *REth) Close() error {
	if r == nil || r.h == nil {
		return nil
	}
	closeOwner(r, r.h)
	return nil
}

// Clone returns an independent copy, for what-if simulations.
func (r *REth) Clone() (*REth, error) {
	var out uintptr
	if err := view(r.hnd(), "REth.Clone", func(p rethPtr) int {
		return cstake.Stake_reth_clone(&out, p)
	}); err != nil {
		return nil, err
	}
	return newOwnedREth(out), nil
}

// Totals returns the reported totals the rate comes from.
func (r *REth) Totals() (RethTotals, error) {
	var t RethTotals
	err := view(r.hnd(), "REth.Totals", func(p rethPtr) int {
		c := cstake.NewStake_reth_totals()
		defer cstake.DeleteStake_reth_totals(c)
		rc := cstake.Stake_reth_totals_of(c, p)
		if rc == 0 {
			t = RethTotals{c.GetTotal_eth(), c.GetReth_supply()}
		}
		return rc
	})
	return t, err
}

// Ledger returns the rETH ledger: a read-only view, valid while the token
// is open.
func (r *REth) Ledger() *Ledger {
	return &Ledger{h: r.hnd(), owner: r, view: func(p uintptr) uintptr {
		return cstake.Stake_reth_ledger(rethPtr(p)).Swigcptr()
	}}
}

// BalanceOf is balanceOf(account).
func (r *REth) BalanceOf(account Address) (*big.Int, error) {
	return viewU256(r.hnd(), "REth.BalanceOf", func(z *big.Int, p rethPtr) int {
		return cstake.Stake_reth_balance_of(z, p, account.p())
	})
}

// TotalSupply is the live ERC-20 supply (not the reported one).
func (r *REth) TotalSupply() (*big.Int, error) {
	return viewU256(r.hnd(), "REth.TotalSupply", func(z *big.Int, p rethPtr) int {
		return cstake.Stake_reth_total_supply(z, p)
	})
}

// SubmitBalances is the oracle DAO's balance report at timestamp (seconds),
// applied by the deciding vote (submitBalances), which does not compare the
// balances. Refusals: EBADREPORT (a report too soon), ERATECHANGE.
func (r *REth) SubmitBalances(timestamp uint64, totalETH, stakingETH, rethSupply *big.Int) error {
	return r.balances("REth.SubmitBalances", cstake.Stake_reth_submit_balances,
		timestamp, totalETH, stakingETH, rethSupply)
}

// ExecuteUpdateBalances applies a report that reached consensus earlier
// (executeUpdateBalances): staking ETH above total ETH is refused
// (EBADREPORT) before the checks SubmitBalances makes.
func (r *REth) ExecuteUpdateBalances(timestamp uint64, totalETH, stakingETH, rethSupply *big.Int) error {
	return r.balances("REth.ExecuteUpdateBalances", cstake.Stake_reth_execute_update_balances,
		timestamp, totalETH, stakingETH, rethSupply)
}

// balances checks the report's amounts and applies it through one of the
// two report paths, which take the same arguments.
func (r *REth) balances(op string,
	apply func(cstake.Struct_SS_stake_reth, uint64, *big.Int, *big.Int, *big.Int) int,
	timestamp uint64, totalETH, stakingETH, rethSupply *big.Int) error {
	if err := u256Args(op, "totalETH", totalETH, "stakingETH", stakingETH, "rethSupply", rethSupply); err != nil {
		return err
	}
	return update(r.hnd(), op, func(p rethPtr) int {
		return apply(p, timestamp, totalETH, stakingETH, rethSupply)
	})
}

// SetCollateral sets the ETH available to burns: the rETH contract's
// balance and the deposit pool's excess.
func (r *REth) SetCollateral(contractBalance, depositPoolExcess *big.Int) error {
	const op = "REth.SetCollateral"
	if err := u256Args(op, "contractBalance", contractBalance, "depositPoolExcess", depositPoolExcess); err != nil {
		return err
	}
	return update(r.hnd(), op, func(p rethPtr) int {
		return cstake.Stake_reth_set_collateral(p, contractBalance, depositPoolExcess)
	})
}

// TotalCollateral is the ETH available to burns.
func (r *REth) TotalCollateral() (*big.Int, error) {
	return viewU256(r.hnd(), "REth.TotalCollateral", func(z *big.Int, p rethPtr) int {
		return cstake.Stake_reth_total_collateral(z, p)
	})
}

// Deposit is a deposit pool deposit of value wei by depositor; it returns
// the rETH minted, getRethValue(value - fee). Refusals: EBELOWMIN,
// EZEROAMOUNT.
func (r *REth) Deposit(depositor Address, value *big.Int) (reth *big.Int, err error) {
	const op = "REth.Deposit"
	if err := u256Arg(op, "value", value); err != nil {
		return nil, err
	}
	return updateU256(r.hnd(), op, func(z *big.Int, p rethPtr) int {
		return cstake.Stake_reth_deposit(z, p, depositor.p(), value)
	})
}

// Burn is burn(reth) by holder; it returns the ETH paid, getEthValue(reth).
// Refusals: EZEROAMOUNT, EBALANCE, ECOLLATERAL.
func (r *REth) Burn(holder Address, reth *big.Int) (eth *big.Int, err error) {
	const op = "REth.Burn"
	if err := u256Arg(op, "reth", reth); err != nil {
		return nil, err
	}
	return updateU256(r.hnd(), op, func(z *big.Int, p rethPtr) int {
		return cstake.Stake_reth_burn(z, p, holder.p(), reth)
	})
}

// Transfer is the ERC-20 transfer (EZEROADDRESS, EBALANCE).
func (r *REth) Transfer(from, to Address, amount *big.Int) error {
	const op = "REth.Transfer"
	if err := u256Arg(op, "amount", amount); err != nil {
		return err
	}
	return update(r.hnd(), op, func(p rethPtr) int {
		return cstake.Stake_reth_transfer(p, from.p(), to.p(), amount)
	})
}
