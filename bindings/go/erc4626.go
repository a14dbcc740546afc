package stake

import (
	"math/big"
	"runtime"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// ERC4626State are the totals of an ERC-4626 vault with OpenZeppelin v5
// semantics (stake_erc4626_state): conversions use a virtual offset,
// assets -> shares = mulDiv(assets, totalSupply + 10^d, totalAssets + 1)
// and back, with d the decimals offset, rounding in the vault's favour. A
// nil field stands for zero.
type ERC4626State struct {
	DecimalsOffset uint     // _decimalsOffset(), 0 by default
	TotalAssets    *big.Int // totalAssets()
	TotalSupply    *big.Int // totalSupply()
}

// ERC4626Direction is the direction of an ERC-4626 conversion.
type ERC4626Direction int

const (
	AssetsToShares ERC4626Direction = 0
	SharesToAssets ERC4626Direction = 1
)

func (s ERC4626State) toC(op string) (cstake.Stake_erc4626_state, error) {
	if err := fieldArgs(op, "ERC4626State.TotalAssets", s.TotalAssets,
		"ERC4626State.TotalSupply", s.TotalSupply); err != nil {
		return nil, err
	}
	p := cstake.NewStake_erc4626_state()
	p.SetDecimals_offset(s.DecimalsOffset)
	p.SetTotal_assets(optU256(s.TotalAssets))
	p.SetTotal_supply(optU256(s.TotalSupply))
	return p, nil
}

func (s ERC4626State) call(op string, x *big.Int, f func(*big.Int, cstake.Stake_erc4626_state, *big.Int) int) (*big.Int, error) {
	if err := u256Arg(op, "amount", x); err != nil {
		return nil, err
	}
	p, err := s.toC(op)
	if err != nil {
		return nil, err
	}
	defer cstake.DeleteStake_erc4626_state(p)
	z := new(big.Int)
	if err := check(op, f(z, p, x)); err != nil {
		return nil, err
	}
	return z, nil
}

// ConvertToShares is convertToShares(assets), rounded down.
func (s ERC4626State) ConvertToShares(assets *big.Int) (*big.Int, error) {
	return s.call("ERC4626State.ConvertToShares", assets, cstake.Stake_erc4626_convert_to_shares)
}

// ConvertToAssets is convertToAssets(shares), rounded down.
func (s ERC4626State) ConvertToAssets(shares *big.Int) (*big.Int, error) {
	return s.call("ERC4626State.ConvertToAssets", shares, cstake.Stake_erc4626_convert_to_assets)
}

// PreviewDeposit is previewDeposit(assets), rounded down.
func (s ERC4626State) PreviewDeposit(assets *big.Int) (*big.Int, error) {
	return s.call("ERC4626State.PreviewDeposit", assets, cstake.Stake_erc4626_preview_deposit)
}

// PreviewMint is previewMint(shares), rounded up.
func (s ERC4626State) PreviewMint(shares *big.Int) (*big.Int, error) {
	return s.call("ERC4626State.PreviewMint", shares, cstake.Stake_erc4626_preview_mint)
}

// PreviewWithdraw is previewWithdraw(assets), rounded up.
func (s ERC4626State) PreviewWithdraw(assets *big.Int) (*big.Int, error) {
	return s.call("ERC4626State.PreviewWithdraw", assets, cstake.Stake_erc4626_preview_withdraw)
}

// PreviewRedeem is previewRedeem(shares), rounded down.
func (s ERC4626State) PreviewRedeem(shares *big.Int) (*big.Int, error) {
	return s.call("ERC4626State.PreviewRedeem", shares, cstake.Stake_erc4626_preview_redeem)
}

// Conversion is the conversion in that direction with that rounding, for
// ConvertAll and ConvertPacked.
func (s ERC4626State) Conversion(direction ERC4626Direction, rounding Rounding) (Conversion, error) {
	const op = "ERC4626State.Conversion"
	if err := roundingArg(op, rounding); err != nil {
		return Conversion{}, err
	}
	p, err := s.toC(op)
	if err != nil {
		return Conversion{}, err
	}
	defer cstake.DeleteStake_erc4626_state(p)
	c := cstake.NewStake_conversion()
	defer cstake.DeleteStake_conversion(c)
	rc := cstake.Stake_erc4626_conversion(c, p, cstake.Enum_SS_stake_erc4626_direction(direction),
		cstake.Enum_SS_stake_rounding(rounding))
	if err := check(op, rc); err != nil {
		return Conversion{}, err
	}
	return conversionFromC(c), nil
}

// Vault is a stateful ERC-4626 vault with OpenZeppelin v5 semantics
// (stake_erc4626_vault): a share ledger, allowances in shares, deposit,
// mint, withdraw, redeem and the max* limits. The underlying token is not
// modelled: total assets rise and fall with the amounts. Close frees it (a
// finalizer does if you forget); a Vault is safe for concurrent use.
type Vault struct {
	h *handle
}

type vaultPtr = cstake.SwigcptrStruct_SS_stake_erc4626_vault

func newOwnedVault(p uintptr) *Vault {
	v := &Vault{h: newHandle("Vault", p, func(p uintptr) { cstake.Stake_erc4626_vault_free(vaultPtr(p)) })}
	runtime.SetFinalizer(v, func(v *Vault) { v.h.close() })
	return v
}

func (v *Vault) hnd() *handle {
	if v == nil {
		return nil
	}
	return v.h
}

// NewVault creates an empty vault with the given decimals offset, a uint8
// as in the contract (EINVAL above 255; from 78 up, 10^d overflows and
// every conversion returns EOVERFLOW); expectedAccounts sizes its ledger.
func NewVault(decimalsOffset uint, expectedAccounts int) (*Vault, error) {
	const op = "NewVault"
	if expectedAccounts < 0 {
		return nil, newError(op, EINVAL, "negative expectedAccounts")
	}
	var p uintptr
	if err := check(op, cstake.Stake_erc4626_vault_new(&p, decimalsOffset, int64(expectedAccounts))); err != nil {
		return nil, err
	}
	return newOwnedVault(p), nil
}

// Close frees the vault; later calls fail with ESTATE.
func (v *Vault) Close() error {
	if v == nil || v.h == nil {
		return nil
	}
	closeOwner(v, v.h)
	return nil
}

// Clone returns an independent copy, for what-if simulations.
func (v *Vault) Clone() (*Vault, error) {
	var out uintptr
	if err := view(v.hnd(), "Vault.Clone", func(p vaultPtr) int {
		return cstake.Stake_erc4626_vault_clone(&out, p)
	}); err != nil {
		return nil, err
	}
	return newOwnedVault(out), nil
}

// State returns the current totals, for the pure ERC4626State functions.
func (v *Vault) State() (ERC4626State, error) {
	var s ERC4626State
	err := view(v.hnd(), "Vault.State", func(p vaultPtr) int {
		c := cstake.NewStake_erc4626_state()
		defer cstake.DeleteStake_erc4626_state(c)
		rc := cstake.Stake_erc4626_vault_state(c, p)
		if rc == 0 {
			s = ERC4626State{c.GetDecimals_offset(), c.GetTotal_assets(), c.GetTotal_supply()}
		}
		return rc
	})
	return s, err
}

// Ledger returns the share ledger: a read-only view, valid while the vault
// is open.
func (v *Vault) Ledger() *Ledger {
	return &Ledger{h: v.hnd(), owner: v, view: func(p uintptr) uintptr {
		return cstake.Stake_erc4626_vault_ledger(vaultPtr(p)).Swigcptr()
	}}
}

func (v *Vault) addrView(op string, a Address, f func(*big.Int, cstake.Struct_SS_stake_erc4626_vault, *[20]byte) int) (*big.Int, error) {
	return viewU256(v.hnd(), op, func(z *big.Int, p vaultPtr) int { return f(z, p, a.p()) })
}

// BalanceOf is balanceOf(owner), in shares.
func (v *Vault) BalanceOf(owner Address) (*big.Int, error) {
	return v.addrView("Vault.BalanceOf", owner, cstake.Stake_erc4626_vault_balance_of)
}

// MaxDeposit is maxDeposit(receiver): 2^256 - 1.
func (v *Vault) MaxDeposit(receiver Address) (*big.Int, error) {
	return v.addrView("Vault.MaxDeposit", receiver, cstake.Stake_erc4626_vault_max_deposit)
}

// MaxMint is maxMint(receiver): 2^256 - 1.
func (v *Vault) MaxMint(receiver Address) (*big.Int, error) {
	return v.addrView("Vault.MaxMint", receiver, cstake.Stake_erc4626_vault_max_mint)
}

// MaxWithdraw is maxWithdraw(owner) = previewRedeem(balanceOf(owner)).
func (v *Vault) MaxWithdraw(owner Address) (*big.Int, error) {
	return v.addrView("Vault.MaxWithdraw", owner, cstake.Stake_erc4626_vault_max_withdraw)
}

// MaxRedeem is maxRedeem(owner) = balanceOf(owner).
func (v *Vault) MaxRedeem(owner Address) (*big.Int, error) {
	return v.addrView("Vault.MaxRedeem", owner, cstake.Stake_erc4626_vault_max_redeem)
}

func (v *Vault) amountCall(op string, amount *big.Int, call func(*big.Int, vaultPtr) int) (*big.Int, error) {
	if err := u256Arg(op, "amount", amount); err != nil {
		return nil, err
	}
	return updateU256(v.hnd(), op, call)
}

func (v *Vault) amountUpdate(op string, amount *big.Int, call func(vaultPtr) int) error {
	if err := u256Arg(op, "amount", amount); err != nil {
		return err
	}
	return update(v.hnd(), op, call)
}

// Deposit is deposit(assets, receiver) sent by caller; it returns the
// shares minted, previewDeposit(assets). Refusals in the contract's order:
// EEXCEEDSMAX, the preview's, EZEROADDRESS, EOVERFLOW.
func (v *Vault) Deposit(caller, receiver Address, assets *big.Int) (shares *big.Int, err error) {
	return v.amountCall("Vault.Deposit", assets, func(z *big.Int, p vaultPtr) int {
		return cstake.Stake_erc4626_vault_deposit(z, p, caller.p(), receiver.p(), assets)
	})
}

// Mint is mint(shares, receiver) sent by caller; it returns the assets
// pulled, previewMint(shares).
func (v *Vault) Mint(caller, receiver Address, shares *big.Int) (assets *big.Int, err error) {
	return v.amountCall("Vault.Mint", shares, func(z *big.Int, p vaultPtr) int {
		return cstake.Stake_erc4626_vault_mint(z, p, caller.p(), receiver.p(), shares)
	})
}

// Withdraw is withdraw(assets, receiver, owner) sent by caller: it burns
// previewWithdraw(assets) shares of owner, returned, spending caller's
// allowance in shares when caller is not owner (EALLOWANCE).
func (v *Vault) Withdraw(caller, receiver, owner Address, assets *big.Int) (shares *big.Int, err error) {
	return v.amountCall("Vault.Withdraw", assets, func(z *big.Int, p vaultPtr) int {
		return cstake.Stake_erc4626_vault_withdraw(z, p, caller.p(), receiver.p(), owner.p(), assets)
	})
}

// Redeem is redeem(shares, receiver, owner) sent by caller; it returns the
// assets paid, previewRedeem(shares).
func (v *Vault) Redeem(caller, receiver, owner Address, shares *big.Int) (assets *big.Int, err error) {
	return v.amountCall("Vault.Redeem", shares, func(z *big.Int, p vaultPtr) int {
		return cstake.Stake_erc4626_vault_redeem(z, p, caller.p(), receiver.p(), owner.p(), shares)
	})
}

// Transfer is the share token's transfer (EZEROADDRESS, EBALANCE).
func (v *Vault) Transfer(from, to Address, shares *big.Int) error {
	return v.amountUpdate("Vault.Transfer", shares, func(p vaultPtr) int {
		return cstake.Stake_erc4626_vault_transfer(p, from.p(), to.p(), shares)
	})
}

// Approve is the share token's approve, in shares.
func (v *Vault) Approve(owner, spender Address, shares *big.Int) error {
	return v.amountUpdate("Vault.Approve", shares, func(p vaultPtr) int {
		return cstake.Stake_erc4626_vault_approve(p, owner.p(), spender.p(), shares)
	})
}

// Allowance is the share token's allowance(owner, spender).
func (v *Vault) Allowance(owner, spender Address) (*big.Int, error) {
	return viewU256(v.hnd(), "Vault.Allowance", func(z *big.Int, p vaultPtr) int {
		return cstake.Stake_erc4626_vault_allowance(z, p, owner.p(), spender.p())
	})
}

// Gain adds assets that arrive without shares (a donation, a strategy's
// profit): the rate rises for every holder.
func (v *Vault) Gain(assets *big.Int) error {
	return v.amountUpdate("Vault.Gain", assets, func(p vaultPtr) int {
		return cstake.Stake_erc4626_vault_gain(p, assets)
	})
}

// Loss removes assets (a strategy's loss; EBALANCE beyond total assets).
func (v *Vault) Loss(assets *big.Int) error {
	return v.amountUpdate("Vault.Loss", assets, func(p vaultPtr) int {
		return cstake.Stake_erc4626_vault_loss(p, assets)
	})
}
