package stake

import (
	"math/big"
	"runtime"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// LidoVersion is the version of the Lido protocol a model follows.
type LidoVersion int

const (
	LidoV2 LidoVersion = 2
	LidoV3 LidoVersion = 3 // external shares (stVaults) excluded from the share rate
)

// LidoDirection is the direction of a Lido conversion.
type LidoDirection int

const (
	EtherToShares        LidoDirection = 0 // getSharesByPooledEth
	SharesToEther        LidoDirection = 1 // getPooledEthByShares, balanceOf
	SharesToEtherRoundUp LidoDirection = 2 // getPooledEthBySharesRoundUp
)

// LidoTotals are the numbers stETH's share rate depends on
// (stake_lido_totals). The methods reproduce StETH.sol's views exactly and
// need no object: fill the totals from the chain and convert. Under V2 the
// internal ether and shares are the total pooled ether and total shares,
// and ExternalShares must be zero. A nil field stands for zero.
type LidoTotals struct {
	Version        LidoVersion
	InternalEther  *big.Int
	InternalShares *big.Int
	ExternalShares *big.Int
}

func (t LidoTotals) toC(op string) (cstake.Stake_lido_totals, error) {
	if err := fieldArgs(op, "LidoTotals.InternalEther", t.InternalEther,
		"LidoTotals.InternalShares", t.InternalShares,
		"LidoTotals.ExternalShares", t.ExternalShares); err != nil {
		return nil, err
	}
	p := cstake.NewStake_lido_totals()
	p.SetVersion(cstake.Enum_SS_stake_lido_version(t.Version))
	p.SetInternal_ether(optU256(t.InternalEther))
	p.SetInternal_shares(optU256(t.InternalShares))
	p.SetExternal_shares(optU256(t.ExternalShares))
	return p, nil
}

func lidoTotalsFromC(p cstake.Stake_lido_totals) LidoTotals {
	return LidoTotals{
		Version:        LidoVersion(p.GetVersion()),
		InternalEther:  p.GetInternal_ether(),
		InternalShares: p.GetInternal_shares(),
		ExternalShares: p.GetExternal_shares(),
	}
}

func (t LidoTotals) call(op string, x *big.Int, f func(*big.Int, cstake.Stake_lido_totals, *big.Int) int) (*big.Int, error) {
	if err := u256Arg(op, "amount", x); err != nil {
		return nil, err
	}
	p, err := t.toC(op)
	if err != nil {
		return nil, err
	}
	defer cstake.DeleteStake_lido_totals(p)
	z := new(big.Int)
	if err := check(op, f(z, p, x)); err != nil {
		return nil, err
	}
	return z, nil
}

func (t LidoTotals) total(op string, f func(*big.Int, cstake.Stake_lido_totals) int) (*big.Int, error) {
	return t.call(op, new(big.Int), func(z *big.Int, p cstake.Stake_lido_totals, _ *big.Int) int {
		return f(z, p)
	})
}

// SharesByPooledEth is getSharesByPooledEth: floor(eth * IS / IE). V3
// refuses eth >= 2^128 - 1 with ETOOLARGE; EDIVZERO if the internal ether
// is zero, EOVERFLOW if the product overflows (SafeMath).
func (t LidoTotals) SharesByPooledEth(eth *big.Int) (*big.Int, error) {
	return t.call("LidoTotals.SharesByPooledEth", eth, cstake.Stake_lido_shares_by_pooled_eth)
}

// PooledEthByShares is getPooledEthByShares: floor(shares * IE / IS).
func (t LidoTotals) PooledEthByShares(shares *big.Int) (*big.Int, error) {
	return t.call("LidoTotals.PooledEthByShares", shares, cstake.Stake_lido_pooled_eth_by_shares)
}

// PooledEthBySharesRoundUp is getPooledEthBySharesRoundUp: ceil(shares *
// IE / IS).
func (t LidoTotals) PooledEthBySharesRoundUp(shares *big.Int) (*big.Int, error) {
	return t.call("LidoTotals.PooledEthBySharesRoundUp", shares,
		cstake.Stake_lido_pooled_eth_by_shares_round_up)
}

// ExternalEther is getExternalEther: floor(ES * IE / IS), zero under V2.
func (t LidoTotals) ExternalEther() (*big.Int, error) {
	return t.total("LidoTotals.ExternalEther", cstake.Stake_lido_external_ether)
}

// TotalPooledEther is getTotalPooledEther, stETH's totalSupply(): the
// internal ether plus the external ether.
func (t LidoTotals) TotalPooledEther() (*big.Int, error) {
	return t.total("LidoTotals.TotalPooledEther", cstake.Stake_lido_total_pooled_ether)
}

// TotalShares is getTotalShares: internal plus external shares.
func (t LidoTotals) TotalShares() (*big.Int, error) {
	return t.total("LidoTotals.TotalShares", cstake.Stake_lido_total_shares)
}

// Conversion is the conversion the contract applies in that direction, for
// ConvertAll, ConvertPacked and Ledger.ConvertAll: every balance after a
// rebase in one call.
func (t LidoTotals) Conversion(direction LidoDirection) (Conversion, error) {
	const op = "LidoTotals.Conversion"
	p, err := t.toC(op)
	if err != nil {
		return Conversion{}, err
	}
	defer cstake.DeleteStake_lido_totals(p)
	c := cstake.NewStake_conversion()
	defer cstake.DeleteStake_conversion(c)
	if err := check(op, cstake.Stake_lido_conversion(c, p, cstake.Enum_SS_stake_lido_direction(direction))); err != nil {
		return Conversion{}, err
	}
	return conversionFromC(c), nil
}

// LidoFeeSharesV2 is the V2 fee formula of the oracle report:
// floor(R * fee * S / ((P + R) * 1e20 - R * fee)), with R the rewards, fee
// the total fee (1e20 = 100%), P and S the pooled ether and total shares
// before the report, in checked arithmetic.
func LidoFeeSharesV2(rewards, totalFee, preTotalShares, preTotalEther *big.Int) (*big.Int, error) {
	const op = "LidoFeeSharesV2"
	if err := u256Args(op, "rewards", rewards, "totalFee", totalFee,
		"preTotalShares", preTotalShares, "preTotalEther", preTotalEther); err != nil {
		return nil, err
	}
	z := new(big.Int)
	if err := check(op, cstake.Stake_lido_fee_shares_v2(z, rewards, totalFee, preTotalShares, preTotalEther)); err != nil {
		return nil, err
	}
	return z, nil
}

// LidoFeeSharesV3 is the V3 fee formula: feeEther = floor(R * fee / 1e20),
// then floor(feeEther * IS / (IE - feeEther)) shares, with IS the internal
// shares after burns and IE the internal ether after the report.
func LidoFeeSharesV3(rewards, totalFee, internalShares, postInternalEther *big.Int) (shares, feeEther *big.Int, err error) {
	const op = "LidoFeeSharesV3"
	if err := u256Args(op, "rewards", rewards, "totalFee", totalFee,
		"internalShares", internalShares, "postInternalEther", postInternalEther); err != nil {
		return nil, nil, err
	}
	shares, feeEther = new(big.Int), new(big.Int)
	rc := cstake.Stake_lido_fee_shares_v3(shares, feeEther, rewards, totalFee, internalShares, postInternalEther)
	if err := check(op, rc); err != nil {
		return nil, nil, err
	}
	return shares, feeEther, nil
}

// LidoModule is a staking module as the StakingRouter sees it.
type LidoModule struct {
	Recipient        Address // where its fee shares go
	ActiveValidators uint64
	ModuleFeeBP      uint32 // basis points, 10000 = 100%
	TreasuryFeeBP    uint32
	Stopped          bool // a stopped module's fee goes to the treasury
}

// LidoModuleFees is StakingRouter.getStakingRewardsDistribution(): each
// module's fee (1e20 = 100%; zero for a module without active validators)
// and the total fee. EINVAL if the total exceeds 100%.
func LidoModuleFees(modules []LidoModule) (fees []*big.Int, totalFee *big.Int, err error) {
	const op = "LidoModuleFees"
	cms := make([]cstake.Stake_lido_module, len(modules))
	defer func() {
		for _, m := range cms {
			if m != nil {
				cstake.DeleteStake_lido_module(m)
			}
		}
	}()
	for i, m := range modules {
		cm := cstake.NewStake_lido_module()
		cm.SetRecipient([20]byte(m.Recipient))
		cm.SetActive_validators(m.ActiveValidators)
		cm.SetModule_fee_bp(uint(m.ModuleFeeBP))
		cm.SetTreasury_fee_bp(uint(m.TreasuryFeeBP))
		stopped := 0
		if m.Stopped {
			stopped = 1
		}
		cm.SetStopped(stopped)
		cms[i] = cm
	}
	fees = make([]*big.Int, len(modules))
	for i := range fees {
		fees[i] = new(big.Int)
	}
	totalFee = new(big.Int)
	if err := check(op, cstake.Stake_lido_module_fees(fees, totalFee, cms)); err != nil {
		return nil, nil, err
	}
	return fees, totalFee, nil
}

// LidoSplitFeeShares splits fee shares: module i gets floor(feeShares *
// fees[i] / totalFee) when fees[i] > 0, the treasury the remainder.
func LidoSplitFeeShares(feeShares *big.Int, fees []*big.Int, totalFee *big.Int) (moduleShares []*big.Int, treasuryShares *big.Int, err error) {
	const op = "LidoSplitFeeShares"
	if err := u256Args(op, "feeShares", feeShares, "totalFee", totalFee); err != nil {
		return nil, nil, err
	}
	for i, f := range fees {
		if err := u256Arg(op, "fees[i]", f); err != nil {
			err.(*Error).Index = i
			return nil, nil, err
		}
	}
	moduleShares = make([]*big.Int, len(fees))
	for i := range moduleShares {
		moduleShares[i] = new(big.Int)
	}
	treasuryShares = new(big.Int)
	rc := cstake.Stake_lido_split_fee_shares(moduleShares, treasuryShares, feeShares, fees, totalFee)
	if err := check(op, rc); err != nil {
		return nil, nil, err
	}
	return moduleShares, treasuryShares, nil
}

// ==== the stETH token ======================================================

// StETHParams configure a new stETH model (stake_steth_params). A nil
// InitialEther stands for zero, which NewStETH refuses (EZEROAMOUNT).
type StETHParams struct {
	Protocol           LidoVersion
	StETH              Address  // the token contract (refused as a recipient)
	WstETH             Address  // the wstETH wrapper contract
	InitialEther       *big.Int // bootstrap: minted 1:1 as shares to 0x...dEaD
	MaxExternalRatioBP uint32   // V3: cap of external shares, 10000 = none
	ExpectedAccounts   int      // ledger sizing hint, 0 if unknown
}

// DefaultStETHParams returns the library's defaults: V3, the mainnet stETH
// and wstETH addresses, 1 ether initial, no external cap.
func DefaultStETHParams() StETHParams {
	p := cstake.NewStake_steth_params()
	defer cstake.DeleteStake_steth_params(p)
	if cstake.Stake_steth_params_init(p, uint(cstake.STAKE_STETH_PARAMS_VERSION)) != 0 {
		return StETHParams{}
	}
	return StETHParams{
		Protocol:           LidoVersion(p.GetProtocol()),
		StETH:              Address(p.GetSteth()),
		WstETH:             Address(p.GetWsteth()),
		InitialEther:       p.GetInitial_ether(),
		MaxExternalRatioBP: uint32(p.GetMax_external_ratio_bp()),
		ExpectedAccounts:   int(p.GetExpected_accounts()),
	}
}

// StETH is a stateful model of Lido's stETH (stake_steth): a share ledger,
// the pool's ether, external shares (V3), allowances in tokens, the wstETH
// wrapper and the oracle report with fee shares. Every operation refuses
// where the contract reverts, with the same checks in the same order, and
// leaves the model unchanged when it refuses. Close frees it (a finalizer
// does if you forget); a StETH is safe for concurrent use.
type StETH struct {
	h *handle
}

type stethPtr = cstake.SwigcptrStruct_SS_stake_steth

func newOwnedStETH(p uintptr) *StETH {
	t := &StETH{h: newHandle("StETH", p, func(p uintptr) { cstake.Stake_steth_free(stethPtr(p)) })}
	runtime.SetFinalizer(t, func(t *StETH) { t.h.close() })
	return t
}

func (t *StETH) hnd() *handle {
	if t == nil {
		return nil
	}
	return t.h
}

// NewStETH creates a token as a scratch deploy would: the initial ether is
// buffered and the same number of shares minted to
// 0x000000000000000000000000000000000000dEaD. EZEROAMOUNT if InitialEther
// is zero; EINVAL for bad params.
func NewStETH(params StETHParams) (*StETH, error) {
	const op = "NewStETH"
	if err := fieldArgs(op, "StETHParams.InitialEther", params.InitialEther); err != nil {
		return nil, err
	}
	if params.ExpectedAccounts < 0 {
		return nil, newError(op, EINVAL, "negative ExpectedAccounts")
	}
	p := cstake.NewStake_steth_params()
	defer cstake.DeleteStake_steth_params(p)
	if err := check(op, cstake.Stake_steth_params_init(p, uint(cstake.STAKE_STETH_PARAMS_VERSION))); err != nil {
		return nil, err
	}
	p.SetProtocol(cstake.Enum_SS_stake_lido_version(params.Protocol))
	p.SetSteth([20]byte(params.StETH))
	p.SetWsteth([20]byte(params.WstETH))
	p.SetInitial_ether(optU256(params.InitialEther))
	p.SetMax_external_ratio_bp(uint(params.MaxExternalRatioBP))
	p.SetExpected_accounts(int64(params.ExpectedAccounts))
	var out uintptr
	if err := check(op, cstake.Stake_steth_new(&out, p)); err != nil {
		return nil, err
	}
	return newOwnedStETH(out), nil
}

// Close frees the token; later calls fail with ESTATE, and so do those on
// its Ledger view.
func (t *StETH) Close() error {
	if t == nil || t.h == nil {
		return nil
	}
	closeOwner(t, t.h)
	return nil
}

// Clone returns an independent copy, for what-if simulations.
func (t *StETH) Clone() (*StETH, error) {
	var out uintptr
	if err := view(t.hnd(), "StETH.Clone", func(p stethPtr) int {
		return cstake.Stake_steth_clone(&out, p)
	}); err != nil {
		return nil, err
	}
	return newOwnedStETH(out), nil
}

// StETHPool is the pool's ether as Lido.sol stores it. Internal ether =
// buffered + CL balance + (deposited - CL validators) * 32 ether. A nil
// field stands for zero.
type StETHPool struct {
	BufferedEther       *big.Int
	CLBalance           *big.Int
	CLValidators        *big.Int
	DepositedValidators *big.Int
}

// Pool returns the pool's ether.
func (t *StETH) Pool() (StETHPool, error) {
	var pool StETHPool
	err := view(t.hnd(), "StETH.Pool", func(p stethPtr) int {
		c := cstake.NewStake_steth_pool()
		defer cstake.DeleteStake_steth_pool(c)
		rc := cstake.Stake_steth_get_pool(c, p)
		if rc == 0 {
			pool = StETHPool{c.GetBuffered_ether(), c.GetCl_balance(), c.GetCl_validators(),
				c.GetDeposited_validators()}
		}
		return rc
	})
	return pool, err
}

// SetPool replaces the pool's ether, to mirror a chain state. EINVAL if
// deposited < CL validators or the internal ether overflows.
func (t *StETH) SetPool(pool StETHPool) error {
	const op = "StETH.SetPool"
	if err := fieldArgs(op, "StETHPool.BufferedEther", pool.BufferedEther, "StETHPool.CLBalance",
		pool.CLBalance, "StETHPool.CLValidators", pool.CLValidators,
		"StETHPool.DepositedValidators", pool.DepositedValidators); err != nil {
		return err
	}
	return update(t.hnd(), op, func(p stethPtr) int {
		c := cstake.NewStake_steth_pool()
		defer cstake.DeleteStake_steth_pool(c)
		c.SetBuffered_ether(optU256(pool.BufferedEther))
		c.SetCl_balance(optU256(pool.CLBalance))
		c.SetCl_validators(optU256(pool.CLValidators))
		c.SetDeposited_validators(optU256(pool.DepositedValidators))
		return cstake.Stake_steth_set_pool(p, c)
	})
}

// Totals returns the totals the share rate depends on, for the pure
// LidoTotals functions.
func (t *StETH) Totals() (LidoTotals, error) {
	var totals LidoTotals
	err := view(t.hnd(), "StETH.Totals", func(p stethPtr) int {
		c := cstake.NewStake_lido_totals()
		defer cstake.DeleteStake_lido_totals(c)
		rc := cstake.Stake_steth_totals(c, p)
		if rc == 0 {
			totals = lidoTotalsFromC(c)
		}
		return rc
	})
	return totals, err
}

// Ledger returns the ledger of stETH shares: a read-only view, valid while
// the token is open.
func (t *StETH) Ledger() *Ledger {
	return &Ledger{h: t.hnd(), owner: t, view: func(p uintptr) uintptr {
		return cstake.Stake_steth_ledger(stethPtr(p)).Swigcptr()
	}}
}

// TotalSupply is totalSupply(): the total pooled ether.
func (t *StETH) TotalSupply() (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.TotalSupply", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_total_supply(z, p)
	})
}

// TotalShares is getTotalShares().
func (t *StETH) TotalShares() (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.TotalShares", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_total_shares(z, p)
	})
}

// SharesOf is sharesOf(account).
func (t *StETH) SharesOf(account Address) (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.SharesOf", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_shares_of(z, p, account.p())
	})
}

// BalanceOf is balanceOf(account) = getPooledEthByShares(sharesOf(account)).
func (t *StETH) BalanceOf(account Address) (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.BalanceOf", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_balance_of(z, p, account.p())
	})
}

// Allowance is allowance(owner, spender), in tokens.
func (t *StETH) Allowance(owner, spender Address) (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.Allowance", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_allowance(z, p, owner.p(), spender.p())
	})
}

// amountCall checks amount then runs a mutating call that writes one value.
func (t *StETH) amountCall(op string, amount *big.Int, call func(*big.Int, stethPtr) int) (*big.Int, error) {
	if err := u256Arg(op, "amount", amount); err != nil {
		return nil, err
	}
	return updateU256(t.hnd(), op, call)
}

// amountUpdate checks amount then runs a mutating call.
func (t *StETH) amountUpdate(op string, amount *big.Int, call func(stethPtr) int) error {
	if err := u256Arg(op, "amount", amount); err != nil {
		return err
	}
	return update(t.hnd(), op, call)
}

// Transfer is transfer(to, amount) sent by from; it returns the shares
// moved, floor(amount * IS / IE). Refusals in the contract's order:
// ETOOLARGE (V3, amount >= 2^128 - 1), EZEROADDRESS, ESELFRECIPIENT,
// ESTOPPED, EBALANCE.
func (t *StETH) Transfer(from, to Address, amount *big.Int) (sharesMoved *big.Int, err error) {
	return t.amountCall("StETH.Transfer", amount, func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_transfer(z, p, from.p(), to.p(), amount)
	})
}

// TransferShares is transferShares(to, shares) sent by from; it returns
// the ether amount the event reports, floor(shares * IE / IS).
func (t *StETH) TransferShares(from, to Address, shares *big.Int) (ethAmount *big.Int, err error) {
	return t.amountCall("StETH.TransferShares", shares, func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_transfer_shares(z, p, from.p(), to.p(), shares)
	})
}

// TransferFrom is transferFrom(from, to, amount) sent by spender: it spends
// amount of allowance in tokens (EALLOWANCE; 2^256 - 1 is infinite), then
// transfers. It returns the shares moved.
func (t *StETH) TransferFrom(spender, from, to Address, amount *big.Int) (sharesMoved *big.Int, err error) {
	return t.amountCall("StETH.TransferFrom", amount, func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_transfer_from(z, p, spender.p(), from.p(), to.p(), amount)
	})
}

// TransferSharesFrom is transferSharesFrom(from, to, shares) sent by
// spender; it returns the ether amount of the shares.
func (t *StETH) TransferSharesFrom(spender, from, to Address, shares *big.Int) (ethAmount *big.Int, err error) {
	return t.amountCall("StETH.TransferSharesFrom", shares, func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_transfer_shares_from(z, p, spender.p(), from.p(), to.p(), shares)
	})
}

// Approve is approve(spender, amount) sent by owner. EZEROADDRESS if either
// is zero.
func (t *StETH) Approve(owner, spender Address, amount *big.Int) error {
	return t.amountUpdate("StETH.Approve", amount, func(p stethPtr) int {
		return cstake.Stake_steth_approve(p, owner.p(), spender.p(), amount)
	})
}

// IncreaseAllowance is increaseAllowance(spender, added) sent by owner
// (EOVERFLOW).
func (t *StETH) IncreaseAllowance(owner, spender Address, added *big.Int) error {
	return t.amountUpdate("StETH.IncreaseAllowance", added, func(p stethPtr) int {
		return cstake.Stake_steth_increase_allowance(p, owner.p(), spender.p(), added)
	})
}

// DecreaseAllowance is decreaseAllowance(spender, subtracted) sent by
// owner (EALLOWANCE below zero).
func (t *StETH) DecreaseAllowance(owner, spender Address, subtracted *big.Int) error {
	return t.amountUpdate("StETH.DecreaseAllowance", subtracted, func(p stethPtr) int {
		return cstake.Stake_steth_decrease_allowance(p, owner.p(), spender.p(), subtracted)
	})
}

// Submit is submit() sent by sender with value wei; it returns the shares
// minted, floor(value * IS / IE). Refusals: EZEROAMOUNT, ESTOPPED,
// ETOOLARGE (V3), ESHARESOVERFLOW, EZEROADDRESS.
func (t *StETH) Submit(sender Address, value *big.Int) (shares *big.Int, err error) {
	return t.amountCall("StETH.Submit", value, func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_submit(z, p, sender.p(), value)
	})
}

// DepositValidators sends count validators' deposits from the buffer to
// the deposit contract (EBALANCE if the buffer is short).
func (t *StETH) DepositValidators(count uint64) error {
	return update(t.hnd(), "StETH.DepositValidators", func(p stethPtr) int {
		return cstake.Stake_steth_deposit_validators(p, count)
	})
}

// MintShares mints shares to an account without ether (ESHARESOVERFLOW):
// it dilutes every holder, which is how fees are paid.
func (t *StETH) MintShares(to Address, shares *big.Int) error {
	return t.amountUpdate("StETH.MintShares", shares, func(p stethPtr) int {
		return cstake.Stake_steth_mint_shares(p, to.p(), shares)
	})
}

// BurnShares burns shares of an account (EBALANCE).
func (t *StETH) BurnShares(from Address, shares *big.Int) error {
	return t.amountUpdate("StETH.BurnShares", shares, func(p stethPtr) int {
		return cstake.Stake_steth_burn_shares(p, from.p(), shares)
	})
}

// MintExternalShares is V3's mintExternalShares (EEXCEEDSMAX above the
// cap; EINVAL under V2).
func (t *StETH) MintExternalShares(to Address, shares *big.Int) error {
	return t.amountUpdate("StETH.MintExternalShares", shares, func(p stethPtr) int {
		return cstake.Stake_steth_mint_external_shares(p, to.p(), shares)
	})
}

// BurnExternalShares is V3's burnExternalShares.
func (t *StETH) BurnExternalShares(from Address, shares *big.Int) error {
	return t.amountUpdate("StETH.BurnExternalShares", shares, func(p stethPtr) int {
		return cstake.Stake_steth_burn_external_shares(p, from.p(), shares)
	})
}

// Stop is stop(): transfers are refused until Resume, and staking is
// paused.
func (t *StETH) Stop() error {
	return update(t.hnd(), "StETH.Stop", func(p stethPtr) int { return cstake.Stake_steth_stop(p) })
}

// Resume is resume().
func (t *StETH) Resume() error {
	return update(t.hnd(), "StETH.Resume", func(p stethPtr) int { return cstake.Stake_steth_resume(p) })
}

// IsStopped reports whether the token is stopped (false once closed).
func (t *StETH) IsStopped() bool {
	stopped := false
	_ = view(t.hnd(), "StETH.IsStopped", func(p stethPtr) int {
		stopped = cstake.Stake_steth_is_stopped(p) != 0
		return 0
	})
	return stopped
}

// ==== the staking rate limit ===================================================

// StakeLimit is Lido's staking rate limit as stored
// (stake_lido_stake_limit): PrevBlock 0 means staking is paused, a zero
// MaxLimit means no limit.
type StakeLimit struct {
	PrevBlock    uint32   // prevStakeBlockNumber
	PrevLimit    *big.Int // prevStakeLimit, below 2^96
	GrowthBlocks uint32   // maxStakeLimitGrowthBlocks
	MaxLimit     *big.Int // maxStakeLimit, below 2^96
}

// LidoCurrentStakeLimit is getCurrentStakeLimit() of a state at a block:
// 0 while paused, 2^256 - 1 without a limit. EINVAL for fields out of
// range or a block before PrevBlock.
func LidoCurrentStakeLimit(state StakeLimit, block uint64) (*big.Int, error) {
	const op = "LidoCurrentStakeLimit"
	if err := fieldArgs(op, "StakeLimit.PrevLimit", state.PrevLimit, "StakeLimit.MaxLimit",
		state.MaxLimit); err != nil {
		return nil, err
	}
	c := cstake.NewStake_lido_stake_limit()
	defer cstake.DeleteStake_lido_stake_limit(c)
	c.SetPrev_block(uint(state.PrevBlock))
	c.SetPrev_limit(optU256(state.PrevLimit))
	c.SetGrowth_blocks(uint(state.GrowthBlocks))
	c.SetMax_limit(optU256(state.MaxLimit))
	z := new(big.Int)
	if err := check(op, cstake.Stake_lido_current_stake_limit(z, c, block)); err != nil {
		return nil, err
	}
	return z, nil
}

// SetBlock sets block.number for the token's next calls: 1 to 2^32 - 1,
// never below the current one (EINVAL).
func (t *StETH) SetBlock(block uint64) error {
	return update(t.hnd(), "StETH.SetBlock", func(p stethPtr) int {
		return cstake.Stake_steth_set_block(p, block)
	})
}

// Block is the token's block number (0 once closed).
func (t *StETH) Block() uint64 {
	var block uint64
	_ = view(t.hnd(), "StETH.Block", func(p stethPtr) int {
		block = cstake.Stake_steth_block(p)
		return 0
	})
	return block
}

// StakeLimit returns the stored staking rate limit.
func (t *StETH) StakeLimit() (StakeLimit, error) {
	var limit StakeLimit
	err := view(t.hnd(), "StETH.StakeLimit", func(p stethPtr) int {
		c := cstake.NewStake_lido_stake_limit()
		defer cstake.DeleteStake_lido_stake_limit(c)
		rc := cstake.Stake_steth_stake_limit(c, p)
		if rc == 0 {
			limit = StakeLimit{uint32(c.GetPrev_block()), c.GetPrev_limit(),
				uint32(c.GetGrowth_blocks()), c.GetMax_limit()}
		}
		return rc
	})
	return limit, err
}

// CurrentStakeLimit is getCurrentStakeLimit() at the token's block.
func (t *StETH) CurrentStakeLimit() (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.CurrentStakeLimit", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_current_stake_limit(z, p)
	})
}

// SetStakingLimit is setStakingLimit(maxLimit, increasePerBlock):
// EZEROAMOUNT, ETOOLARGE (maxLimit >= 2^96), EEXCEEDSMAX (increase above
// max), EBELOWMIN (maxLimit / increase >= 2^32).
func (t *StETH) SetStakingLimit(maxLimit, increasePerBlock *big.Int) error {
	const op = "StETH.SetStakingLimit"
	if err := u256Args(op, "maxLimit", maxLimit, "increasePerBlock", increasePerBlock); err != nil {
		return err
	}
	return update(t.hnd(), op, func(p stethPtr) int {
		return cstake.Stake_steth_set_staking_limit(p, maxLimit, increasePerBlock)
	})
}

// RemoveStakingLimit is removeStakingLimit(): deposits become unlimited.
func (t *StETH) RemoveStakingLimit() error {
	return update(t.hnd(), "StETH.RemoveStakingLimit", func(p stethPtr) int {
		return cstake.Stake_steth_remove_staking_limit(p)
	})
}

// PauseStaking is pauseStaking(): deposits refused with ESTAKINGPAUSED.
func (t *StETH) PauseStaking() error {
	return update(t.hnd(), "StETH.PauseStaking", func(p stethPtr) int {
		return cstake.Stake_steth_pause_staking(p)
	})
}

// ResumeStaking is resumeStaking().
func (t *StETH) ResumeStaking() error {
	return update(t.hnd(), "StETH.ResumeStaking", func(p stethPtr) int {
		return cstake.Stake_steth_resume_staking(p)
	})
}

// IsStakingPaused reports whether staking is paused (false once closed).
func (t *StETH) IsStakingPaused() bool {
	paused := false
	_ = view(t.hnd(), "StETH.IsStakingPaused", func(p stethPtr) int {
		paused = cstake.Stake_steth_is_staking_paused(p) != 0
		return 0
	})
	return paused
}

// ==== the oracle report ======================================================

// LidoReport is what the accounting oracle reports, plus the fee
// configuration in force and the withdrawal finalization
// (stake_lido_report). FeeRecipients and ModuleFees (1e20 = 100%) have one
// entry per staking module; the treasury receives the rest of the fee
// shares. A nil *big.Int field stands for zero; a zero
// MaxPositiveTokenRebase keeps the library's default (750000, 0.075% per
// report; 1e9 = 100%), and a zero BlockTimestamp the library's default of 1
// (so that a report that does not model time passes Timestamp <
// BlockTimestamp).
type LidoReport struct {
	Timestamp              uint64   // the report's reference time, seconds
	BlockTimestamp         uint64   // when the report is processed; must be later; 0: 1
	CLValidators           *big.Int // Lido validators seen on the consensus layer
	CLBalance              *big.Int // their total balance
	WithdrawalVaultBalance *big.Int // ether in the withdrawal vault
	ELRewardsVaultBalance  *big.Int // ether in the execution-layer rewards vault
	MaxPositiveTokenRebase uint64   // 1e9 = 100%; 0: the library's default
	TotalFee               *big.Int // total fee, 1e20 = 100%
	FeeRecipients          []Address
	ModuleFees             []*big.Int
	Treasury               Address
	// Withdrawal finalization, when Queue is not nil: the ends of the
	// batches (increasing; none: no finalization this report), at the
	// simulated share rate (1e27 precision).
	Queue                *Queue
	FinalizationBatches  []uint64
	SimulatedShareRate   *big.Int
	IsBunkerMode         bool // passed to the queue's onOracleReport
	BunkerStartTimestamp uint64
	BadDebtToInternalize *big.Int // V3: external shares written off, socialised
}

// LidoReportResult is what applying a report did.
type LidoReportResult struct {
	PreTotalEther      *big.Int // getTotalPooledEther() before
	PreTotalShares     *big.Int // getTotalShares() before
	PostTotalEther     *big.Int // ... and after
	PostTotalShares    *big.Int
	PrincipalCLBalance *big.Int // pre CL balance + appeared validators * 32 ether
	Withdrawals        *big.Int // taken from the withdrawal vault (the rest waits)
	ELRewards          *big.Int // taken from the EL rewards vault (the rest waits)
	Rewards            *big.Int // CL + EL rewards; zero when the CL delta is not positive
	FeeShares          *big.Int // shares minted as fees, modules + treasury
	TreasuryShares     *big.Int // the treasury's part
	EtherToFinalize    *big.Int // ether locked in the withdrawal queue
	SharesToFinalize   *big.Int // the finalized requests' shares, sent to the Burner
	SharesBurnt        *big.Int // shares the Burner burnt (within the limit)
}

// HandleReport applies an oracle report in the order of the contracts
// (stake_steth_handle_report): the queue's onOracleReport, prefinalize,
// the positive-rebase limiter, the CL balance and validators, bad debt,
// the Burner, the vaults' ether into the buffer and the finalized ether
// out to the queue, then fee shares on rewards, split across the modules
// and the treasury; a balance below the principal lowers the rate for
// every holder. The sanity checks of OracleReportSanityChecker are not
// applied (see the stake_lido_check_* functions in cstake). Refusals:
// ETIMESTAMP (Timestamp not before BlockTimestamp), EBADREPORT, the
// queue's, EBALANCE, EUNDERFLOW, ESHARESOVERFLOW and EINTERNALZERO (V3),
// arithmetic errors; the token and the queue are unchanged on error. With a Queue,
// the queue is locked before the token.
func (t *StETH) HandleReport(report LidoReport) (LidoReportResult, error) {
	const op = "StETH.HandleReport"
	var res LidoReportResult
	if err := fieldArgs(op, "LidoReport.CLValidators", report.CLValidators,
		"LidoReport.CLBalance", report.CLBalance,
		"LidoReport.WithdrawalVaultBalance", report.WithdrawalVaultBalance,
		"LidoReport.ELRewardsVaultBalance", report.ELRewardsVaultBalance,
		"LidoReport.TotalFee", report.TotalFee,
		"LidoReport.SimulatedShareRate", report.SimulatedShareRate,
		"LidoReport.BadDebtToInternalize", report.BadDebtToInternalize); err != nil {
		return res, err
	}
	n := len(report.FeeRecipients)
	if len(report.ModuleFees) != n {
		return res, newError(op, EINVAL, "FeeRecipients and ModuleFees differ in length")
	}
	for i, f := range report.ModuleFees {
		if err := u256Arg(op, "LidoReport.ModuleFees[i]", f); err != nil {
			err.(*Error).Index = i
			return res, err
		}
	}
	r := cstake.NewStake_lido_report()
	defer cstake.DeleteStake_lido_report(r)
	if err := check(op, cstake.Stake_lido_report_init(r, uint(cstake.STAKE_LIDO_REPORT_VERSION))); err != nil {
		return res, err
	}
	r.SetTimestamp(report.Timestamp)
	if report.BlockTimestamp != 0 {
		r.SetBlock_timestamp(report.BlockTimestamp)
	}
	r.SetCl_validators(optU256(report.CLValidators))
	r.SetCl_balance(optU256(report.CLBalance))
	r.SetWithdrawal_vault_balance(optU256(report.WithdrawalVaultBalance))
	r.SetEl_rewards_vault_balance(optU256(report.ELRewardsVaultBalance))
	if report.MaxPositiveTokenRebase != 0 {
		r.SetMax_positive_token_rebase(report.MaxPositiveTokenRebase)
	}
	r.SetTotal_fee(optU256(report.TotalFee))
	r.SetTreasury([20]byte(report.Treasury))
	r.SetSimulated_share_rate(optU256(report.SimulatedShareRate))
	bunker := 0
	if report.IsBunkerMode {
		bunker = 1
	}
	r.SetIs_bunker_mode(bunker)
	r.SetBunker_start_timestamp(report.BunkerStartTimestamp)
	r.SetBad_debt_to_internalize(optU256(report.BadDebtToInternalize))
	// The arrays live in C memory: a Go pointer must not be stored in C
	// memory.
	if n > 0 {
		recipients := cstake.New_stake_address_array(n)
		defer cstake.Delete_stake_address_array(recipients)
		fees := cstake.New_stake_u256_array(n)
		defer cstake.Delete_stake_u256_array(fees)
		if recipients.Swigcptr() == 0 || fees.Swigcptr() == 0 {
			return res, newError(op, ENOMEM, "")
		}
		for i := 0; i < n; i++ {
			cstake.Stake_address_array_setitem(recipients, i, [20]byte(report.FeeRecipients[i]))
			cstake.Stake_u256_array_setitem(fees, i, report.ModuleFees[i])
		}
		r.SetFee_recipients(recipients)
		r.SetModule_fees(fees)
		r.SetN_modules(int64(n))
	}
	if nb := len(report.FinalizationBatches); nb > 0 {
		batches := cstake.New_stake_uint64_array(nb)
		defer cstake.Delete_stake_uint64_array(batches)
		if batches == 0 {
			return res, newError(op, ENOMEM, "")
		}
		for i, id := range report.FinalizationBatches {
			cstake.Stake_uint64_array_setitem(batches, i, id)
		}
		r.SetFinalization_batches(batches)
		r.SetN_batches(int64(nb))
	}
	apply := func(p stethPtr) int {
		c := cstake.NewStake_lido_report_result()
		defer cstake.DeleteStake_lido_report_result(c)
		rc := cstake.Stake_steth_handle_report(c, p, r)
		if rc == 0 {
			res = LidoReportResult{
				PreTotalEther:      c.GetPre_total_ether(),
				PreTotalShares:     c.GetPre_total_shares(),
				PostTotalEther:     c.GetPost_total_ether(),
				PostTotalShares:    c.GetPost_total_shares(),
				PrincipalCLBalance: c.GetPrincipal_cl_balance(),
				Withdrawals:        c.GetWithdrawals(),
				ELRewards:          c.GetEl_rewards(),
				Rewards:            c.GetRewards(),
				FeeShares:          c.GetFee_shares(),
				TreasuryShares:     c.GetTreasury_shares(),
				EtherToFinalize:    c.GetEther_to_finalize(),
				SharesToFinalize:   c.GetShares_to_finalize(),
				SharesBurnt:        c.GetShares_burnt(),
			}
		}
		return rc
	}
	if report.Queue == nil {
		return res, update(t.hnd(), op, apply)
	}
	err := report.Queue.withToken(op, t, func(q queuePtr, p stethPtr) int {
		// The field is declared "struct stake_queue *", which SWIG names apart.
		r.SetQueue(cstake.SwigcptrStruct_SS_stake_queue(q))
		return apply(p)
	})
	return res, err
}

// ==== wstETH ==================================================================

// Wrap is wstETH's wrap(amount) sent by holder: it mints
// getSharesByPooledEth(amount) wstETH, returned, and moves amount stETH
// from holder to the wrapper with transferFrom (the holder must have
// approved the wrapper).
func (t *StETH) Wrap(holder Address, stethAmount *big.Int) (wsteth *big.Int, err error) {
	return t.amountCall("StETH.Wrap", stethAmount, func(z *big.Int, p stethPtr) int {
		return cstake.Stake_wsteth_wrap(z, p, holder.p(), stethAmount)
	})
}

// Unwrap is wstETH's unwrap(amount) sent by holder: it burns the wstETH and
// returns the stETH transferred to holder, getPooledEthByShares(amount).
func (t *StETH) Unwrap(holder Address, wstethAmount *big.Int) (steth *big.Int, err error) {
	return t.amountCall("StETH.Unwrap", wstethAmount, func(z *big.Int, p stethPtr) int {
		return cstake.Stake_wsteth_unwrap(z, p, holder.p(), wstethAmount)
	})
}

// WstETHSubmit is wstETH's receive(): value wei sent to the wrapper by
// sender are deposited to stETH (the wrapper's shares, under the stake
// limit) and sender is minted that many wstETH, which it returns.
func (t *StETH) WstETHSubmit(sender Address, value *big.Int) (wsteth *big.Int, err error) {
	return t.amountCall("StETH.WstETHSubmit", value, func(z *big.Int, p stethPtr) int {
		return cstake.Stake_wsteth_submit(z, p, sender.p(), value)
	})
}

// WstETHLedger returns the ledger of wstETH balances, to iterate the
// holders: a read-only view, valid while the token is open.
func (t *StETH) WstETHLedger() *Ledger {
	return &Ledger{h: t.hnd(), owner: t, view: func(p uintptr) uintptr {
		return cstake.Stake_wsteth_ledger(stethPtr(p)).Swigcptr()
	}}
}

// WstETHTransfer is wstETH's ERC-20 transfer (EZEROADDRESS, EBALANCE).
func (t *StETH) WstETHTransfer(from, to Address, amount *big.Int) error {
	return t.amountUpdate("StETH.WstETHTransfer", amount, func(p stethPtr) int {
		return cstake.Stake_wsteth_transfer(p, from.p(), to.p(), amount)
	})
}

// WstETHTransferFrom is wstETH's transferFrom(from, to, amount) sent by
// spender. wstETH is OpenZeppelin 3.4's ERC20: the transfer is checked
// first (EZEROADDRESS, EBALANCE), then the allowance is lowered by amount
// (EALLOWANCE), even from 2^256 - 1, which is not infinite here.
func (t *StETH) WstETHTransferFrom(spender, from, to Address, amount *big.Int) error {
	return t.amountUpdate("StETH.WstETHTransferFrom", amount, func(p stethPtr) int {
		return cstake.Stake_wsteth_transfer_from(p, spender.p(), from.p(), to.p(), amount)
	})
}

// WstETHAllowance is wstETH's allowance(owner, spender), apart from
// stETH's.
func (t *StETH) WstETHAllowance(owner, spender Address) (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.WstETHAllowance", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_wsteth_allowance(z, p, owner.p(), spender.p())
	})
}

// WstETHApprove is wstETH's approve(spender, amount) sent by owner
// (EZEROADDRESS if either is zero).
func (t *StETH) WstETHApprove(owner, spender Address, amount *big.Int) error {
	return t.amountUpdate("StETH.WstETHApprove", amount, func(p stethPtr) int {
		return cstake.Stake_wsteth_approve(p, owner.p(), spender.p(), amount)
	})
}

// WstETHIncreaseAllowance is wstETH's increaseAllowance(spender, added)
// sent by owner (EOVERFLOW).
func (t *StETH) WstETHIncreaseAllowance(owner, spender Address, added *big.Int) error {
	return t.amountUpdate("StETH.WstETHIncreaseAllowance", added, func(p stethPtr) int {
		return cstake.Stake_wsteth_increase_allowance(p, owner.p(), spender.p(), added)
	})
}

// WstETHDecreaseAllowance is wstETH's decreaseAllowance(spender,
// subtracted) sent by owner (EALLOWANCE below zero).
func (t *StETH) WstETHDecreaseAllowance(owner, spender Address, subtracted *big.Int) error {
	return t.amountUpdate("StETH.WstETHDecreaseAllowance", subtracted, func(p stethPtr) int {
		return cstake.Stake_wsteth_decrease_allowance(p, owner.p(), spender.p(), subtracted)
	})
}

// WstETHBalanceOf is wstETH's balanceOf(account).
func (t *StETH) WstETHBalanceOf(account Address) (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.WstETHBalanceOf", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_wsteth_balance_of(z, p, account.p())
	})
}

// WstETHTotalSupply is wstETH's totalSupply().
func (t *StETH) WstETHTotalSupply() (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.WstETHTotalSupply", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_wsteth_total_supply(z, p)
	})
}

// StETHPerToken is wstETH's stEthPerToken() = getPooledEthByShares(1e18).
func (t *StETH) StETHPerToken() (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.StETHPerToken", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_wsteth_steth_per_token(z, p)
	})
}

// TokensPerStETH is wstETH's tokensPerStEth() = getSharesByPooledEth(1e18).
func (t *StETH) TokensPerStETH() (*big.Int, error) {
	return viewU256(t.hnd(), "StETH.TokensPerStETH", func(z *big.Int, p stethPtr) int {
		return cstake.Stake_wsteth_tokens_per_steth(z, p)
	})
}

// WstETHByStETH is getWstETHByStETH(amount).
func (t *StETH) WstETHByStETH(stethAmount *big.Int) (*big.Int, error) {
	const op = "StETH.WstETHByStETH"
	if err := u256Arg(op, "amount", stethAmount); err != nil {
		return nil, err
	}
	return viewU256(t.hnd(), op, func(z *big.Int, p stethPtr) int {
		return cstake.Stake_wsteth_by_steth(z, p, stethAmount)
	})
}

// StETHByWstETH is getStETHByWstETH(amount).
func (t *StETH) StETHByWstETH(wstethAmount *big.Int) (*big.Int, error) {
	const op = "StETH.StETHByWstETH"
	if err := u256Arg(op, "amount", wstethAmount); err != nil {
		return nil, err
	}
	return viewU256(t.hnd(), op, func(z *big.Int, p stethPtr) int {
		return cstake.Stake_steth_by_wsteth(z, p, wstethAmount)
	})
}
