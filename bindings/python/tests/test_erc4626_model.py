"""stake.ERC4626Vault against erc4626_model.Erc4626Model, an independent
Python transcription of OpenZeppelin 5.x ERC4626 with its ERC20 share token:
random sequences of deposits, mints, withdrawals and redemptions (by owners
and by approved or unapproved callers, to and from the zero address, at and
one past the maximums), transfers, approvals (finite and infinite), and
donations and losses that push the rate to extremes, under decimals offsets
from 0 to past 77, where 10^offset no longer fits. Every result and every
refusal name is compared, then every balance, allowance, total and view
after every step. The shared EVM vectors check fixed points; this checks the
sequences between them."""

import pytest
from hypothesis import given, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import stake
from conftest import addr, compare, part
from erc4626_model import ZERO, Erc4626Model

U256_MAX = 2**256 - 1
HOLDERS = [addr(n) for n in range(1, 4)]
ACTORS = HOLDERS + [ZERO]

# Wei-sized amounts, 18-decimal amounts, and the top of the range where the
# checked additions and the mulDiv result refuse.
values = st.one_of(
    st.sampled_from([0, 1, 2, 10**18, U256_MAX, U256_MAX - 1, 2**255, 2**128]),
    st.integers(0, 10**24),
    st.integers(0, U256_MAX),
    st.integers(0, 2**64).map(lambda d: U256_MAX - d),
)
offsets = st.one_of(st.sampled_from([0, 1, 3, 6, 18, 76, 77, 78, 255]), st.integers(0, 30))



class VaultMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.lib = None
        self.model = None

    def teardown(self):
        if self.lib is not None:
            self.lib.close()

    @initialize(offset=offsets)
    def start(self, offset):
        self.lib = stake.ERC4626Vault(decimals_offset=offset)
        self.model = Erc4626Model(offset)

    def both(self, name, *args):
        return compare(lambda: getattr(self.lib, name)(*args),
                       lambda: getattr(self.model, name)(*args))

    # -- assets in
    @rule(caller=st.sampled_from(ACTORS), receiver=st.sampled_from(ACTORS), assets=values)
    def deposit(self, caller, receiver, assets):
        self.both("deposit", caller, receiver, assets)

    @rule(caller=st.sampled_from(ACTORS), receiver=st.sampled_from(ACTORS), shares=values)
    def mint(self, caller, receiver, shares):
        self.both("mint", caller, receiver, shares)

    # -- assets out: amounts around what the owner may take, or anything
    @rule(caller=st.sampled_from(ACTORS), receiver=st.sampled_from(ACTORS),
          owner=st.sampled_from(ACTORS), fraction=st.integers(0, 5), any_amount=values,
          use_max=st.booleans())
    def withdraw(self, caller, receiver, owner, fraction, any_amount, use_max):
        try:
            most = self.model.max_withdraw(owner)
        except Exception:       # noqa: BLE001 (a conversion that refuses: any amount will do)
            most, use_max = 0, False
        assets = part(most, fraction) if use_max else any_amount
        self.both("withdraw", caller, receiver, owner, assets)

    @rule(caller=st.sampled_from(ACTORS), receiver=st.sampled_from(ACTORS),
          owner=st.sampled_from(ACTORS), fraction=st.integers(0, 5), any_amount=values,
          use_max=st.booleans())
    def redeem(self, caller, receiver, owner, fraction, any_amount, use_max):
        shares = part(self.model.max_redeem(owner), fraction) if use_max else any_amount
        self.both("redeem", caller, receiver, owner, shares)

    # -- the share token
    @rule(sender=st.sampled_from(ACTORS), to=st.sampled_from(ACTORS), fraction=st.integers(0, 5))
    def transfer(self, sender, to, fraction):
        self.both("transfer", sender, to, part(self.model.balance_of(sender), fraction))

    @rule(owner=st.sampled_from(ACTORS), spender=st.sampled_from(ACTORS),
          value=st.one_of(st.just(U256_MAX), values))
    def approve(self, owner, spender, value):
        self.both("approve", owner, spender, value)

    # -- the rate moves: a donation (inflation attack) or a strategy loss
    @rule(assets=values, all_of_it=st.booleans())
    def gain(self, assets, all_of_it):
        self.both("gain", U256_MAX - self.model.total_assets if all_of_it else assets)

    @rule(fraction=st.integers(0, 5), any_amount=values, use_total=st.booleans())
    def loss(self, fraction, any_amount, use_total):
        self.both("loss", part(self.model.total_assets, fraction) if use_total else any_amount)

    # -- the views, after every step
    @invariant()
    def views_agree(self):
        if self.lib is None:
            return
        lib, m = self.lib, self.model
        assert (lib.total_assets, lib.total_supply) == (m.total_assets, m.total_supply)
        for who in ACTORS:
            assert lib.balance_of(who) == m.balance_of(who)
            compare(lambda: lib.max_withdraw(who), lambda: m.max_withdraw(who))
            assert lib.max_redeem(who) == m.max_redeem(who)
            assert lib.max_deposit(who) == m.max_deposit(who) == U256_MAX
            for spender in ACTORS:
                assert lib.allowance(who, spender) == m.allowance(who, spender)
        lib.ledger.check()


TestVaultAgainstModel = VaultMachine.TestCase


@given(total_assets=values, total_supply=values, offset=offsets, amount=values)
def test_views_on_any_totals(total_assets, total_supply, offset, amount):
    """The six pure views on totals no sequence of calls reaches quickly
    (a supply near 2^256 over one wei, offsets past 77)."""
    state = stake.ERC4626State(total_assets, total_supply, offset)
    model = Erc4626Model(offset)
    model.total_assets, model.total_supply = total_assets, total_supply
    for view in ("convert_to_shares", "convert_to_assets", "preview_deposit",
                 "preview_mint", "preview_withdraw", "preview_redeem"):
        compare(lambda: getattr(state, view)(amount), lambda: getattr(model, view)(amount))


@pytest.mark.parametrize("offset", [0, 6])
def test_inflation_attack_is_bounded(offset):
    """The case the virtual offset exists for: the first depositor donates to
    round the second one's deposit down. Both sides agree on how much the
    victim loses, and with an offset the attacker loses more than it takes."""
    lib, model = stake.ERC4626Vault(decimals_offset=offset), Erc4626Model(offset)
    attacker, victim = HOLDERS[0], HOLDERS[1]
    try:
        for vault in (lib, model):
            vault.deposit(attacker, attacker, 1)
            vault.gain(10**18)
            vault.deposit(victim, victim, 10**18)
        assert lib.balance_of(victim) == model.balance_of(victim)
        back = lib.redeem(victim, victim, victim, lib.balance_of(victim))
        assert back == model.redeem(victim, victim, victim, model.balance_of(victim))
        assert back <= 10**18
        if offset:
            taken = lib.redeem(attacker, attacker, attacker, lib.balance_of(attacker))
            assert taken < 10**18 + 1
    finally:
        lib.close()
