"""stake.RETH against reth_model.RethModel, an independent Python
transcription of RocketTokenRETH, RocketDepositPool.deposit and
RocketNetworkBalances: random sequences of balance reports (inside, at and
past the 2% rate cap, too early, inconsistent, with supplies of zero),
deposits around the minimum, burns against short and ample collateral,
transfers and collateral moves, applied to both; every result and every
refusal name compared, then every balance, the totals, the rate and the
collateral after every step."""

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import stake
from conftest import addr, compare, part
from reth_model import E, ZERO, RethModel

pytestmark = pytest.mark.skipif(not hasattr(stake, "RETH"), reason="no rETH in this libstake")

HOLDERS = [addr(n) for n in range(1, 4)]
ACTORS = HOLDERS + [ZERO]
U256_MAX = 2**256 - 1

values = st.one_of(
    st.sampled_from([0, 1, 10**16 - 1, 10**16, 10**16 + 1, 32 * E]),
    st.integers(0, 10**4 * E),
    st.integers(0, U256_MAX),
)



class RethMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.lib = None
        self.model = None
        self.now = 0

    def teardown(self):
        if self.lib is not None:
            self.lib.close()

    @initialize(fee=st.sampled_from([5 * 10**14, 0, E, 123456789]),
                minimum=st.sampled_from([10**16, 0, 1]),
                delta=st.sampled_from([2 * 10**16, 10**16, E]),
                frequency=st.sampled_from([86400, 0, 3600]))
    def start(self, fee, minimum, delta, frequency):
        self.lib = stake.RETH(deposit_fee=fee, minimum_deposit=minimum, max_rate_delta=delta,
                              report_frequency=frequency)
        self.model = RethModel(fee, minimum, delta, frequency)
        self.now = 10**6

    def both(self, lib_call, model_call):
        return compare(lib_call, model_call)

    # -- the oracle
    @rule(dt=st.sampled_from([0, 1, 82079, 82080, 86400, 10**6]),
          kind=st.sampled_from(["live", "live", "drift", "edge", "any"]),
          bps=st.integers(-300, 300), wei=st.integers(-2, 2), staking=st.integers(0, 5),
          total=values, supply=values, execute=st.booleans())
    def report(self, dt, kind, bps, wei, staking, total, supply, execute):
        """A report of the live supply and a total ETH that moves the rate
        by bps/100 %, or at the cap give or take a wei, or anything."""
        self.now += dt
        m = self.model
        if kind == "any":
            total_eth, reth_supply = total, supply
        else:
            reth_supply = m.total_supply if kind != "drift" else m.total_supply + supply % E
            old = m.total_eth * E // m.reth_supply if m.reth_supply else E
            if kind == "edge":
                step = old * m.max_rate_delta // E
                rate = old + (step if bps >= 0 else -step)
            else:
                rate = old + old * bps // 10**4
            total_eth = min(U256_MAX, max(0, rate * reth_supply // E + wei))
            reth_supply = min(U256_MAX, reth_supply)
        staking_eth = total_eth * staking // 4 if staking < 5 else min(U256_MAX, total_eth + 1)
        now = self.now
        name = "execute_update_balances" if execute else "submit_balances"
        self.both(lambda: getattr(self.lib, name)(now, total_eth, staking_eth, reth_supply),
                  lambda: getattr(m, name)(now, total_eth, staking_eth, reth_supply))

    @rule(contract=values, excess=values, keep=st.booleans())
    def collateral(self, contract, excess, keep):
        if keep:        # small moves around what is there
            contract = min(U256_MAX, self.model.contract_balance + contract % E)
            excess = max(0, self.model.deposit_pool_excess - excess % E)
        self.both(lambda: self.lib.set_collateral(contract, excess),
                  lambda: self.model.set_collateral(contract, excess))

    # -- the token
    @rule(who=st.sampled_from(ACTORS), value=values)
    def deposit(self, who, value):
        self.both(lambda: self.lib.deposit(who, value), lambda: self.model.deposit(who, value))

    @rule(who=st.sampled_from(ACTORS), fraction=st.integers(0, 5), any_amount=values,
          use_held=st.booleans())
    def burn(self, who, fraction, any_amount, use_held):
        amount = part(self.model.balance_of(who), fraction) if use_held else any_amount
        self.both(lambda: self.lib.burn(who, amount), lambda: self.model.burn(who, amount))

    @rule(sender=st.sampled_from(ACTORS), to=st.sampled_from(ACTORS),
          fraction=st.integers(0, 5))
    def transfer(self, sender, to, fraction):
        amount = part(self.model.balance_of(sender), fraction)
        self.both(lambda: self.lib.transfer(sender, to, amount),
                  lambda: self.model.transfer(sender, to, amount))

    # -- the views, after every step
    @invariant()
    def views_agree(self):
        if self.lib is None:
            return
        lib, m = self.lib, self.model
        for who in ACTORS:
            assert lib.balance_of(who) == m.balance_of(who)
        assert lib.total_supply == m.total_supply
        totals = lib.totals
        assert (totals.total_eth, totals.reth_supply) == (m.total_eth, m.reth_supply)
        assert lib.total_collateral == m.total_collateral
        compare(lib.exchange_rate, m.exchange_rate)
        lib.ledger.check()


TestRethAgainstModel = RethMachine.TestCase
