package stake

import (
	"math/big"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// EigenLayer's restaking slashing arithmetic (<stake/eigenlayer.h>, the
// slashing release: SlashingLib, DelegationManager, AllocationManager,
// EigenPodManager, StrategyBase) as pure functions. A staker holds deposit
// shares s and a deposit scaling factor k, its operator a max magnitude m
// per strategy, a pod owner a beacon-chain slashing factor l; what the
// staker can withdraw is s * k * (m * l), each product floored against
// WAD = 1e18. Operator-side amounts round up, staker-side amounts down.
// Magnitudes and the beacon-chain factor are uint64, as the contracts keep
// them; shares, scaling factors and balances are *big.Int uint256 values.
const (
	// EigenWAD is 1e18, "one" for magnitudes, scaling and slashing
	// factors (STAKE_EIGEN_WAD).
	EigenWAD uint64 = cstake.STAKE_EIGEN_WAD
	// EigenStrategyOffset is StrategyBase's virtual shares and balance
	// offset, 1e3 (STAKE_EIGEN_STRATEGY_OFFSET).
	EigenStrategyOffset uint64 = cstake.STAKE_EIGEN_STRATEGY_OFFSET
)

// EigenSlashingFactor is _getSlashingFactor: floor(maxMagnitude *
// beaconFactor / WAD). For a strategy other than beacon-chain ETH pass
// beaconFactor = EigenWAD, which gives maxMagnitude itself; a staker who is
// not delegated has maxMagnitude = EigenWAD. The result can round to 0
// ("fully slashed").
func EigenSlashingFactor(maxMagnitude, beaconFactor uint64) (*big.Int, error) {
	const op = "EigenSlashingFactor"
	z := new(big.Int)
	if err := check(op, cstake.Stake_eigen_slashing_factor(z, maxMagnitude, beaconFactor)); err != nil {
		return nil, err
	}
	return z, nil
}

// EigenWithdrawable is SlashingLib.calcWithdrawable: floor(floor(
// depositShares * k / WAD) * slashingFactor / WAD), with k the stored
// scaling factor, 0 meaning WAD. EOVERFLOW where the contract's mulDiv
// reverts.
func EigenWithdrawable(depositShares, scalingFactor, slashingFactor *big.Int) (*big.Int, error) {
	const op = "EigenWithdrawable"
	if err := u256Args(op, "depositShares", depositShares, "scalingFactor", scalingFactor,
		"slashingFactor", slashingFactor); err != nil {
		return nil, err
	}
	z := new(big.Int)
	if err := check(op, cstake.Stake_eigen_withdrawable(z, depositShares, scalingFactor, slashingFactor)); err != nil {
		return nil, err
	}
	return z, nil
}

// EigenDepositShares is SlashingLib.calcDepositShares
// (convertToDepositShares): floor(floor(withdrawable * WAD / k) * WAD /
// slashingFactor), k = 0 meaning WAD. EDIVZERO for a zero slashing factor,
// EOVERFLOW.
func EigenDepositShares(withdrawable, scalingFactor, slashingFactor *big.Int) (*big.Int, error) {
	const op = "EigenDepositShares"
	if err := u256Args(op, "withdrawable", withdrawable, "scalingFactor", scalingFactor,
		"slashingFactor", slashingFactor); err != nil {
		return nil, err
	}
	z := new(big.Int)
	if err := check(op, cstake.Stake_eigen_deposit_shares(z, withdrawable, scalingFactor, slashingFactor)); err != nil {
		return nil, err
	}
	return z, nil
}

// EigenUpdateScalingFactor is _increaseDelegation with SlashingLib.update:
// the scaling factor stored after addedShares join prevDepositShares under
// slashingFactor. EFULLYSLASHED if slashingFactor is 0 (checked first);
// the factor unchanged if addedShares is 0. A first deposit (prev 0) stores
// floor(k * WAD / slashingFactor); otherwise floor(floor((withdrawable(prev)
// + added) * WAD / (prev + added)) * WAD / slashingFactor), refused with
// EZEROSCALING when that is 0. The result is the value stored: a stored 0
// still reads as WAD. EOVERFLOW for checked sums and mulDivs.
func EigenUpdateScalingFactor(scalingFactor, prevDepositShares, addedShares, slashingFactor *big.Int) (*big.Int, error) {
	const op = "EigenUpdateScalingFactor"
	if err := u256Args(op, "scalingFactor", scalingFactor, "prevDepositShares", prevDepositShares,
		"addedShares", addedShares, "slashingFactor", slashingFactor); err != nil {
		return nil, err
	}
	z := new(big.Int)
	rc := cstake.Stake_eigen_update_scaling_factor(z, scalingFactor, prevDepositShares, addedShares, slashingFactor)
	if err := check(op, rc); err != nil {
		return nil, err
	}
	return z, nil
}

// EigenQueueWithdrawal is _removeSharesAndQueueWithdrawal for depositShares
// (deposit shares, not withdrawable ones): withdrawable =
// calcWithdrawable(x, k, sf), removed from the operator's delegated
// shares, and scaled = floor(x * k / WAD), stored in the withdrawal and
// added to the operator's cumulative scaled shares. EOVERFLOW.
func EigenQueueWithdrawal(depositShares, scalingFactor, slashingFactor *big.Int) (withdrawable, scaled *big.Int, err error) {
	const op = "EigenQueueWithdrawal"
	if err := u256Args(op, "depositShares", depositShares, "scalingFactor", scalingFactor,
		"slashingFactor", slashingFactor); err != nil {
		return nil, nil, err
	}
	withdrawable, scaled = new(big.Int), new(big.Int)
	rc := cstake.Stake_eigen_queue_withdrawal(withdrawable, scaled, depositShares, scalingFactor, slashingFactor)
	if err := check(op, rc); err != nil {
		return nil, nil, err
	}
	return withdrawable, scaled, nil
}

// EigenCompleteWithdrawal is scaleForCompleteWithdrawal: the shares a
// completed withdrawal pays, floor(scaled * slashingFactor / WAD), with
// the slashing factor read at the withdrawal's start block +
// MIN_WITHDRAWAL_DELAY_BLOCKS (a slash during the delay applies, a later
// one does not). A result of 0 pays nothing.
func EigenCompleteWithdrawal(scaled, slashingFactor *big.Int) (*big.Int, error) {
	const op = "EigenCompleteWithdrawal"
	if err := u256Args(op, "scaled", scaled, "slashingFactor", slashingFactor); err != nil {
		return nil, err
	}
	z := new(big.Int)
	if err := check(op, cstake.Stake_eigen_complete_withdrawal(z, scaled, slashingFactor)); err != nil {
		return nil, err
	}
	return z, nil
}

// EigenAllocation is an operator's allocation of one strategy to one
// operator set, with the strategy's magnitudes, as
// AllocationManager.slashOperator reads them, pending allocations already
// applied (stake_eigen_allocation). NewEigenAllocation gives a fresh one.
type EigenAllocation struct {
	CurrentMagnitude    uint64 // allocated to this operator set
	MaxMagnitude        uint64 // the strategy's, starts at EigenWAD
	EncumberedMagnitude uint64 // allocated to all sets plus pending
	PendingDeallocation uint64 // -pendingDiff when it is negative, else 0
}

// NewEigenAllocation returns an empty allocation with MaxMagnitude =
// EigenWAD, as stake_eigen_allocation_init (which toC calls) makes it.
func NewEigenAllocation() EigenAllocation {
	return EigenAllocation{MaxMagnitude: EigenWAD}
}

func (a EigenAllocation) toC(op string) (cstake.Stake_eigen_allocation, error) {
	p := cstake.NewStake_eigen_allocation()
	if err := check(op, cstake.Stake_eigen_allocation_init(p, uint(cstake.STAKE_EIGEN_ALLOCATION_VERSION))); err != nil {
		cstake.DeleteStake_eigen_allocation(p)
		return nil, err
	}
	p.SetCurrent_magnitude(a.CurrentMagnitude)
	p.SetMax_magnitude(a.MaxMagnitude)
	p.SetEncumbered_magnitude(a.EncumberedMagnitude)
	p.SetPending_deallocation(a.PendingDeallocation)
	return p, nil
}

func eigenAllocationFromC(p cstake.Stake_eigen_allocation) EigenAllocation {
	return EigenAllocation{
		CurrentMagnitude:    p.GetCurrent_magnitude(),
		MaxMagnitude:        p.GetMax_magnitude(),
		EncumberedMagnitude: p.GetEncumbered_magnitude(),
		PendingDeallocation: p.GetPending_deallocation(),
	}
}

// EigenSlash is the outcome of EigenSlashOperator (stake_eigen_slash).
type EigenSlash struct {
	Skipped          bool     // current magnitude 0: nothing slashed
	SlashedMagnitude uint64   // ceil(current * wadToSlash / WAD)
	SlashedPending   uint64   // ceil(pending deallocation * wadToSlash / WAD)
	WadSlashed       *big.Int // floor(slashed * WAD / max): the share of the operator's stake slashed
	PrevMaxMagnitude uint64   // for EigenSlashOperatorShares
	NewMaxMagnitude  uint64
	After            EigenAllocation // the magnitudes after the slash
}

// EigenSlashOperator is one strategy of AllocationManager.slashOperator:
// wadToSlash must be in (0, WAD] (EINVALIDSLASH otherwise, checked first).
// An allocation with current magnitude 0 is skipped. Otherwise the slashed
// magnitude, rounded up so that repeated tiny slashes never round to
// nothing, comes off the current, max and encumbered magnitudes (EUNDERFLOW
// if the allocation is inconsistent), and a pending deallocation shrinks
// by its own rounded-up share.
func EigenSlashOperator(a EigenAllocation, wadToSlash *big.Int) (EigenSlash, error) {
	const op = "EigenSlashOperator"
	if err := u256Arg(op, "wadToSlash", wadToSlash); err != nil {
		return EigenSlash{}, err
	}
	p, err := a.toC(op)
	if err != nil {
		return EigenSlash{}, err
	}
	defer cstake.DeleteStake_eigen_allocation(p)
	s := cstake.NewStake_eigen_slash()
	defer cstake.DeleteStake_eigen_slash(s)
	if err := check(op, cstake.Stake_eigen_slash_operator(s, p, wadToSlash)); err != nil {
		return EigenSlash{}, err
	}
	return EigenSlash{
		Skipped:          s.GetSkipped() != 0,
		SlashedMagnitude: s.GetSlashed_magnitude(),
		SlashedPending:   s.GetSlashed_pending(),
		WadSlashed:       s.GetWad_slashed(),
		PrevMaxMagnitude: s.GetPrev_max_magnitude(),
		NewMaxMagnitude:  s.GetNew_max_magnitude(),
		// GetAfter points into s, freed by the deferred delete: copied now.
		After: eigenAllocationFromC(s.GetAfter()),
	}, nil
}

// EigenSlashOperatorShares is DelegationManager.slashOperatorShares after a
// max magnitude fell from prevMax to newMax: operatorSlashed = op -
// ceil(op * newMax / prevMax) (calcSlashedAmount) leaves the operator's
// delegated shares; toBurn adds the still-slashable queued shares, q =
// floor(queuedScaledShares * prevMax / WAD) cut the same way. EDIVZERO
// when prevMax is 0, EUNDERFLOW when newMax > prevMax, EOVERFLOW.
func EigenSlashOperatorShares(operatorShares, queuedScaledShares *big.Int, prevMax, newMax uint64) (operatorSlashed, toBurn *big.Int, err error) {
	const op = "EigenSlashOperatorShares"
	if err := u256Args(op, "operatorShares", operatorShares,
		"queuedScaledShares", queuedScaledShares); err != nil {
		return nil, nil, err
	}
	operatorSlashed, toBurn = new(big.Int), new(big.Int)
	rc := cstake.Stake_eigen_slash_operator_shares(operatorSlashed, toBurn, operatorShares, queuedScaledShares,
		prevMax, newMax)
	if err := check(op, rc); err != nil {
		return nil, nil, err
	}
	return operatorSlashed, toBurn, nil
}

// EigenBeaconChainSlash is EigenPodManager's _reduceSlashingFactor after a
// pod's restaked balance fell by decrease wei: newFactor =
// floor(prevFactor * (prev - decrease) / prev) and factorDecrease =
// prevFactor - newFactor. The operator then loses
// EigenWithdrawable(deposit shares, k, EigenSlashingFactor(maxMagnitude,
// factorDecrease)) delegated shares. EUNDERFLOW if decrease > prev,
// EDIVZERO if prev is 0.
func EigenBeaconChainSlash(prevFactor uint64, prevRestakedBalance, decrease *big.Int) (newFactor, factorDecrease uint64, err error) {
	const op = "EigenBeaconChainSlash"
	if err := u256Args(op, "prevRestakedBalance", prevRestakedBalance, "decrease", decrease); err != nil {
		return 0, 0, err
	}
	var nf, fd uint64
	rc := cstake.Stake_eigen_beacon_chain_slash(&nf, &fd, prevFactor, prevRestakedBalance, decrease)
	if err := check(op, rc); err != nil {
		return 0, 0, err
	}
	return nf, fd, nil
}

type strategyFunc func(out, totalAfter, totalShares, balance, x *big.Int) int

func strategyCall(op, name string, f strategyFunc, totalShares, balance, x *big.Int) (out, totalAfter *big.Int, err error) {
	if err := u256Args(op, "totalShares", totalShares, "balance", balance, name, x); err != nil {
		return nil, nil, err
	}
	out, totalAfter = new(big.Int), new(big.Int)
	if err := check(op, f(out, totalAfter, totalShares, balance, x)); err != nil {
		return nil, nil, err
	}
	return out, totalAfter, nil
}

// EigenStrategyDeposit is StrategyBase.deposit(): the tokens are already in
// the strategy, so balance includes amount. newShares = amount *
// (totalShares + 1e3) / (balance + 1e3 - amount), floored, with a checked
// product (EOVERFLOW), and totalAfter = totalShares + newShares.
// EUNDERFLOW if amount > balance + 1e3, EZEROSHARES if it rounds to 0,
// EEXCEEDSMAX if the new total passes MAX_TOTAL_SHARES = 1e38 - 1.
func EigenStrategyDeposit(totalShares, balance, amount *big.Int) (newShares, totalAfter *big.Int, err error) {
	return strategyCall("EigenStrategyDeposit", "amount", cstake.Stake_eigen_strategy_deposit,
		totalShares, balance, amount)
}

// EigenStrategyWithdraw is StrategyBase.withdraw(): amount = (balance +
// 1e3) * shares / (totalShares + 1e3), floored, with a checked product
// (EOVERFLOW), and totalAfter = totalShares - shares. EBALANCE if shares >
// totalShares.
func EigenStrategyWithdraw(totalShares, balance, shares *big.Int) (amount, totalAfter *big.Int, err error) {
	return strategyCall("EigenStrategyWithdraw", "shares", cstake.Stake_eigen_strategy_withdraw,
		totalShares, balance, shares)
}

type strategyViewFunc func(out, totalShares, balance, x *big.Int) int

func strategyView(op, name string, f strategyViewFunc, totalShares, balance, x *big.Int) (*big.Int, error) {
	if err := u256Args(op, "totalShares", totalShares, "balance", balance, name, x); err != nil {
		return nil, err
	}
	z := new(big.Int)
	if err := check(op, f(z, totalShares, balance, x)); err != nil {
		return nil, err
	}
	return z, nil
}

// EigenStrategySharesToUnderlying is StrategyBase.sharesToUnderlyingView:
// (balance + 1e3) * shares / (totalShares + 1e3), floored, with a checked
// product (EOVERFLOW).
func EigenStrategySharesToUnderlying(totalShares, balance, shares *big.Int) (*big.Int, error) {
	return strategyView("EigenStrategySharesToUnderlying", "shares",
		cstake.Stake_eigen_strategy_shares_to_underlying, totalShares, balance, shares)
}

// EigenStrategyUnderlyingToShares is StrategyBase.underlyingToSharesView:
// amount * (totalShares + 1e3) / (balance + 1e3), floored, with a checked
// product (EOVERFLOW).
func EigenStrategyUnderlyingToShares(totalShares, balance, amount *big.Int) (*big.Int, error) {
	return strategyView("EigenStrategyUnderlyingToShares", "amount",
		cstake.Stake_eigen_strategy_underlying_to_shares, totalShares, balance, amount)
}
