"""An independent Python model of an OpenZeppelin Contracts 5.x ERC-4626
vault and its share token, written from contracts/token/ERC20/extensions/
ERC4626.sol, contracts/token/ERC20/ERC20.sol and contracts/utils/math/
Math.sol (mulDiv) of OpenZeppelin/openzeppelin-contracts, and from
../shared/reference/protocol-semantics.md section 4, not from libstake's C
code. test_erc4626_model.py runs it side by side with stake.ERC4626Vault.

Reverts become Revert(name), named with libstake's status for them. The
asset token is left out as libstake leaves it out: totalAssets() is a number
that deposits raise and withdrawals lower, and that gain/loss move as a
donation or a strategy result would; its transfers keep the refusals an
OpenZeppelin ERC-20 asset would make (a zero receiver, a balance too low, a
balance that cannot reach 2^256).
"""

from solidity_model import U256_MAX, checked, require

ZERO = "0x" + "0" * 40


def mul_div(x, y, denominator, ceil):
    """Math.mulDiv(x, y, denominator, rounding): exact over 512 bits,
    reverting on a zero denominator and on a result that does not fit; the
    ceil variant adds one when there is a remainder, checked as well."""
    require(denominator != 0, "STAKE_EDIVZERO")
    quotient, remainder = divmod(x * y, denominator)
    quotient = checked(quotient)
    return checked(quotient + 1) if ceil and remainder else quotient


class Erc4626Model:
    def __init__(self, decimals_offset=0):
        self.decimals_offset = decimals_offset
        self.total_assets = 0
        self.total_supply = 0
        self.balances = {}
        self.allowances = {}

    # -- ERC20 views
    def balance_of(self, account):
        return self.balances.get(account, 0)

    def allowance(self, owner, spender):
        return self.allowances.get((owner, spender), 0)

    # -- _convertToShares / _convertToAssets: the virtual share and asset
    def _virtual_supply(self):
        return checked(self.total_supply + checked(10 ** self.decimals_offset))

    def _to_shares(self, assets, ceil):
        return mul_div(assets, self._virtual_supply(), checked(self.total_assets + 1), ceil)

    def _to_assets(self, shares, ceil):
        return mul_div(shares, checked(self.total_assets + 1), self._virtual_supply(), ceil)

    def convert_to_shares(self, assets):
        return self._to_shares(assets, False)

    def convert_to_assets(self, shares):
        return self._to_assets(shares, False)

    def preview_deposit(self, assets):
        return self._to_shares(assets, False)

    def preview_mint(self, shares):
        return self._to_assets(shares, True)

    def preview_withdraw(self, assets):
        return self._to_shares(assets, True)

    def preview_redeem(self, shares):
        return self._to_assets(shares, False)

    def max_deposit(self, receiver):
        return U256_MAX

    def max_mint(self, receiver):
        return U256_MAX

    def max_withdraw(self, owner):
        return self._to_assets(self.balance_of(owner), False)

    def max_redeem(self, owner):
        return self.balance_of(owner)

    # -- ERC20 internals. Each check runs before any write, so a Revert
    # leaves the model as the EVM would: untouched.
    def _update_checks(self, sender, receiver, value):
        if sender == ZERO:
            checked(self.total_supply + value)
        else:
            require(self.balance_of(sender) >= value, "STAKE_EBALANCE")

    def _update(self, sender, receiver, value):
        if sender == ZERO:
            self.total_supply += value
        else:
            self.balances[sender] = self.balance_of(sender) - value
        if receiver == ZERO:
            self.total_supply -= value
        else:
            self.balances[receiver] = self.balance_of(receiver) + value

    def _mint_checks(self, account, value):
        require(account != ZERO, "STAKE_EZEROADDRESS")      # ERC20InvalidReceiver
        self._update_checks(ZERO, account, value)

    def _burn_checks(self, account, value):
        require(account != ZERO, "STAKE_EZEROADDRESS")      # ERC20InvalidSender
        self._update_checks(account, ZERO, value)

    def _spend_allowance_checks(self, owner, spender, value):
        current = self.allowance(owner, spender)
        if current < U256_MAX:
            require(current >= value, "STAKE_EALLOWANCE")   # ERC20InsufficientAllowance
            require(owner != ZERO, "STAKE_EZEROADDRESS")    # _approve: InvalidApprover
            require(spender != ZERO, "STAKE_EZEROADDRESS")  # _approve: InvalidSpender

    def _spend_allowance(self, owner, spender, value):
        current = self.allowance(owner, spender)
        if current < U256_MAX:
            self.allowances[(owner, spender)] = current - value

    # -- ERC20 externals
    def transfer(self, sender, to, value):
        require(sender != ZERO, "STAKE_EZEROADDRESS")       # ERC20InvalidSender
        require(to != ZERO, "STAKE_EZEROADDRESS")           # ERC20InvalidReceiver
        self._update_checks(sender, to, value)
        self._update(sender, to, value)

    def approve(self, owner, spender, value):
        require(owner != ZERO, "STAKE_EZEROADDRESS")
        require(spender != ZERO, "STAKE_EZEROADDRESS")
        self.allowances[(owner, spender)] = value

    # -- _deposit: the asset comes in (totalAssets cannot pass 2^256 - 1),
    # then the shares are minted.
    def _deposit(self, receiver, assets, shares):
        new_total_assets = checked(self.total_assets + assets)
        self._mint_checks(receiver, shares)
        self.total_assets = new_total_assets
        self._update(ZERO, receiver, shares)

    # -- _withdraw: the allowance, the burn, then the asset goes out.
    def _withdraw(self, caller, receiver, owner, assets, shares):
        if caller != owner:
            self._spend_allowance_checks(owner, caller, shares)
        self._burn_checks(owner, shares)
        require(receiver != ZERO, "STAKE_EZEROADDRESS")     # the asset's InvalidReceiver
        require(self.total_assets >= assets, "STAKE_EBALANCE")
        if caller != owner:
            self._spend_allowance(owner, caller, shares)
        self._update(owner, ZERO, shares)
        self.total_assets -= assets

    def deposit(self, caller, receiver, assets):
        require(assets <= self.max_deposit(receiver), "STAKE_EEXCEEDSMAX")
        shares = self.preview_deposit(assets)
        self._deposit(receiver, assets, shares)
        return shares

    def mint(self, caller, receiver, shares):
        require(shares <= self.max_mint(receiver), "STAKE_EEXCEEDSMAX")
        assets = self.preview_mint(shares)
        self._deposit(receiver, assets, shares)
        return assets

    def withdraw(self, caller, receiver, owner, assets):
        require(assets <= self.max_withdraw(owner), "STAKE_EEXCEEDSMAX")
        shares = self.preview_withdraw(assets)
        self._withdraw(caller, receiver, owner, assets, shares)
        return shares

    def redeem(self, caller, receiver, owner, shares):
        require(shares <= self.max_redeem(owner), "STAKE_EEXCEEDSMAX")
        assets = self.preview_redeem(shares)
        self._withdraw(caller, receiver, owner, assets, shares)
        return assets

    # -- assets that arrive or leave without shares
    def gain(self, assets):
        self.total_assets = checked(self.total_assets + assets)

    def loss(self, assets):
        require(assets <= self.total_assets, "STAKE_EBALANCE")
        self.total_assets -= assets
