"""stake.StETH (V2 and V3) against steth_model.StethModel, an independent
Python transcription of the contracts: random sequences of submits,
transfers by amount and by shares (with and without allowances, infinite
ones included), approvals, mints and burns, external shares, deposits,
rates moved up and down (below 1 too), stop and resume, wrap, unwrap,
wstETH transfers, approvals and transferFrom (OpenZeppelin 3.4's rules,
with no infinite allowance), burn requests and oracle reports (rewards and losses,
appeared validators, both vaults under the rebase limit, fees split
across modules, bad debt), applied to both; every result and every
refusal compared, and every balance, allowance and total after every
step."""

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import stake
from conftest import addr, compare, part
from steth_model import DEAD, U256_MAX, ZERO, Revert, StethModel

E = 10**18
PARAMS = stake.StETH.default_params()
STETH, WSTETH = PARAMS.steth, PARAMS.wsteth
HOLDERS = [addr(n) for n in range(1, 5)]
# who may act: holders, the initial holder, the wrapper (whose stETH is
# locked), the Burner (whose requested shares are), the token itself
# (refused as a recipient) and the zero address
ACTORS = HOLDERS + [DEAD, WSTETH, PARAMS.burner, STETH, ZERO]
actors = st.one_of(st.sampled_from(HOLDERS), st.sampled_from(ACTORS))

amounts = st.one_of(
    st.integers(0, 10 * E),
    st.integers(0, 1000),
    st.sampled_from([2**128 - 2, 2**128 - 1, 2**128, U256_MAX]),
    st.integers(0, U256_MAX),
)



class StethMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.lib = self.model = None
        self.now = 1700000000

    @initialize(version=st.sampled_from([2, 3]), initial=st.sampled_from([1, 1000, E, 32 * E]),
                ratio=st.sampled_from([10000, 10000, 0, 3000]))
    def start(self, version, initial, ratio):
        protocol = stake.LidoVersion.V2 if version == 2 else stake.LidoVersion.V3
        self.lib = stake.StETH(protocol, initial_ether=initial, max_external_ratio_bp=ratio)
        self.model = StethModel(version, STETH, WSTETH, PARAMS.burner, initial, ratio)

    def teardown(self):
        if self.lib is not None:
            self.lib.close()

    def both(self, lib_call, model_call):
        """Where an input breaks several rules at once (a zero sender and
        an overflowing amount) the contract and libstake may name different
        ones, so only refusal itself is compared here; the unit tests pin
        the names."""
        return compare(lib_call, model_call, names=False)

    # -- deposits and the rate
    @rule(sender=actors, value=amounts)
    def submit(self, sender, value):
        self.both(lambda: self.lib.submit(sender, value),
                  lambda: self.model.submit(sender, value))

    @rule(percent=st.integers(-100, 300), wei=st.integers(-3, 3), validators=st.integers(0, 3))
    def rebase(self, percent, wei, validators):
        """Moves the consensus-layer balance: rewards, a slashing, a wipe-out."""
        m = self.model
        deposited = m.deposited + validators
        cl_validators = min(deposited, m.cl_validators + validators)
        base = max(m.internal_ether(), 1)
        cl_balance = min(max(0, m.cl_balance + base * percent // 100 + wei), U256_MAX)
        pool = self.lib.pool
        pool.buffered_ether, pool.cl_balance = m.buffered, cl_balance
        pool.cl_validators, pool.deposited_validators = cl_validators, deposited

        def set_lib():
            self.lib.pool = pool
        self.both(set_lib, lambda: m.set_pool(m.buffered, cl_balance, cl_validators, deposited))

    @rule(count=st.integers(0, 3))
    def deposit(self, count):
        self.both(lambda: self.lib.deposit_validators(count),
                  lambda: self.model.deposit_validators(count))

    @rule(toss=st.integers(0, 3))
    def stop_or_resume(self, toss):
        if toss != 0:
            return
        if self.model.stopped:
            self.both(self.lib.resume, self.model.resume)
        else:
            self.both(self.lib.stop, self.model.stop)

    # -- the staking rate limit
    @rule(blocks=st.sampled_from([0, 1, 2, 7, 100, 6400, 10**6, 2**32]))
    def advance_block(self, blocks):
        block = self.model.block + blocks
        self.both(lambda: setattr(self.lib, "block", block),
                  lambda: self.model.set_block(block))

    @rule(max_limit=st.one_of(st.sampled_from([0, 1, 100, 150000 * E, 2**96 - 1, 2**96]),
                              st.integers(1, 1000 * E)),
          increase=st.one_of(st.sampled_from([0, 1, 3, 30, E, 2**96]), st.integers(0, 10 * E)))
    def set_staking_limit(self, max_limit, increase):
        self.both(lambda: self.lib.set_staking_limit(max_limit, increase),
                  lambda: self.model.set_staking_limit(max_limit, increase))

    @rule(toss=st.integers(0, 5))
    def toggle_staking(self, toss):
        if toss == 0:
            self.both(self.lib.remove_staking_limit, self.model.remove_staking_limit)
        elif toss == 1:
            self.both(self.lib.pause_staking, self.model.pause_staking)
        elif toss == 2:
            self.both(self.lib.resume_staking, self.model.resume_staking)

    @rule(sender=actors, value=amounts, near_limit=st.booleans())
    def wsteth_submit(self, sender, value, near_limit):
        """Ether sent to the wstETH contract: deposited, then wrapped."""
        if near_limit and self.model.current_stake_limit() != U256_MAX:
            value = self.model.current_stake_limit() + value % 2
        self.both(lambda: self.lib.wsteth.submit(sender, value),
                  lambda: self.model.wsteth_submit(sender, value))

    @rule(sender=actors, fraction=st.integers(0, 5), over=st.integers(0, 1))
    def submit_near_limit(self, sender, fraction, over):
        """A deposit of all or part of the current limit, or a wei more."""
        value = self.model.current_stake_limit()
        value = min(value * fraction // 4 + over, U256_MAX) if value != U256_MAX else 10 * E
        self.both(lambda: self.lib.submit(sender, value),
                  lambda: self.model.submit(sender, value))

    # -- transfers
    def held(self, account, fraction):
        """An amount near what account holds: all of it, a part, or a wei
        more."""
        try:
            balance = self.model.balance_of(account)
        except Revert:          # no rate, or a balance too large to convert
            balance = 0
        return part(balance, fraction)

    @rule(sender=actors, to=actors, amount=amounts, fraction=st.integers(0, 5),
          use_held=st.booleans())
    def transfer(self, sender, to, amount, fraction, use_held):
        if use_held:
            amount = self.held(sender, fraction)
        self.both(lambda: self.lib.transfer(sender, to, amount),
                  lambda: self.model.transfer(sender, to, amount))

    @rule(sender=actors, to=actors, shares=amounts, fraction=st.integers(0, 5),
          use_held=st.booleans())
    def transfer_shares(self, sender, to, shares, fraction, use_held):
        if use_held:
            shares = part(self.model.shares_of(sender), fraction)
        self.both(lambda: self.lib.transfer_shares(sender, to, shares),
                  lambda: self.model.transfer_shares(sender, to, shares))

    @rule(owner=actors, spender=actors, amount=amounts, how=st.sampled_from(
        ["approve", "approve_max", "increase", "decrease"]))
    def allowance(self, owner, spender, amount, how):
        if how == "approve_max":
            how, amount = "approve", U256_MAX
        self.both(lambda: getattr(self.lib, how + ("_allowance" if how != "approve" else ""))(
                      owner, spender, amount),
                  lambda: getattr(self.model, how + ("_allowance" if how != "approve" else ""))(
                      owner, spender, amount))

    @rule(spender=actors, owner=actors, to=actors, amount=amounts, fraction=st.integers(0, 5),
          use_held=st.booleans(), by_shares=st.booleans())
    def transfer_from(self, spender, owner, to, amount, fraction, use_held, by_shares):
        if by_shares:
            if use_held:
                amount = part(self.model.shares_of(owner), fraction)
            self.both(lambda: self.lib.transfer_shares_from(spender, owner, to, amount),
                      lambda: self.model.transfer_shares_from(spender, owner, to, amount))
        else:
            if use_held:
                amount = self.held(owner, fraction)
            self.both(lambda: self.lib.transfer_from(spender, owner, to, amount),
                      lambda: self.model.transfer_from(spender, owner, to, amount))

    # -- privileged supply changes
    @rule(account=actors, shares=amounts, burn=st.booleans(), external=st.booleans(),
          fraction=st.integers(0, 5), use_held=st.booleans())
    def supply(self, account, shares, burn, external, fraction, use_held):
        if use_held:
            shares = part(self.model.shares_of(account), fraction)
        name = ("burn" if burn else "mint") + ("_external" if external else "") + "_shares"
        self.both(lambda: getattr(self.lib, name)(account, shares),
                  lambda: getattr(self.model, name)(account, shares))

    # -- wstETH
    @rule(holder=actors, amount=amounts, fraction=st.integers(0, 5), use_held=st.booleans(),
          approve_first=st.booleans())
    def wrap(self, holder, amount, fraction, use_held, approve_first):
        if use_held:
            amount = self.held(holder, fraction)
        if approve_first:
            self.both(lambda: self.lib.approve(holder, WSTETH, amount),
                      lambda: self.model.approve(holder, WSTETH, amount))
        self.both(lambda: self.lib.wsteth.wrap(holder, amount),
                  lambda: self.model.wrap(holder, amount))

    @rule(holder=actors, amount=amounts, fraction=st.integers(0, 5), use_held=st.booleans())
    def unwrap(self, holder, amount, fraction, use_held):
        if use_held:
            amount = part(self.model.wrapped.get(holder, 0), fraction)
        self.both(lambda: self.lib.wsteth.unwrap(holder, amount),
                  lambda: self.model.unwrap(holder, amount))

    @rule(sender=actors, to=actors, fraction=st.integers(0, 5))
    def wsteth_transfer(self, sender, to, fraction):
        amount = part(self.model.wrapped.get(sender, 0), fraction)
        self.both(lambda: self.lib.wsteth.transfer(sender, to, amount),
                  lambda: self.model.wsteth_transfer(sender, to, amount))

    @rule(owner=actors, spender=actors, amount=amounts, how=st.sampled_from(
        ["approve", "approve_max", "increase", "decrease"]))
    def wsteth_allowance(self, owner, spender, amount, how):
        if how == "approve_max":
            how, amount = "approve", U256_MAX
        name = how + ("_allowance" if how != "approve" else "")
        self.both(lambda: getattr(self.lib.wsteth, name)(owner, spender, amount),
                  lambda: getattr(self.model, "wsteth_" + name)(owner, spender, amount))

    @rule(spender=actors, owner=actors, to=actors, amount=amounts, fraction=st.integers(0, 5),
          use_held=st.booleans(), pick=st.one_of(st.none(), st.integers(0, 63)))
    def wsteth_transfer_from(self, spender, owner, to, amount, fraction, use_held, pick):
        """pick, when given, takes owner and spender from a pair that has
        an allowance, so that allowances get spent (down from 2**256 - 1
        too) and not only refused."""
        pairs = sorted(self.model.wrapped_allowances)
        if pick is not None and pairs:
            owner, spender = pairs[pick % len(pairs)]
        if use_held:
            amount = part(self.model.wrapped.get(owner, 0), fraction)
        self.both(lambda: self.lib.wsteth.transfer_from(spender, owner, to, amount),
                  lambda: self.model.wsteth_transfer_from(spender, owner, to, amount))

    # -- the Burner and the oracle report
    @rule(account=actors, fraction=st.integers(0, 5))
    def request_burn(self, account, fraction):
        shares = part(self.model.shares_of(account), fraction)
        self.both(lambda: self.lib.request_burn_shares(account, shares),
                  lambda: self.model.request_burn_shares(account, shares))

    @rule(appeared=st.integers(0, 2), percent=st.integers(-20, 20), wei=st.integers(-2, 2),
          wv=st.one_of(st.integers(0, 10 * E), st.integers(0, 10**6)),
          el=st.one_of(st.integers(0, 10 * E), st.integers(0, 10**6)),
          limit=st.sampled_from([750000, 750000, 1, 10**9, 2**64 - 1, 0]),
          total_fee=st.sampled_from([0, 10**19, 10**19, 10**20, 123456789]),
          split=st.integers(0, 100), recipients=st.sampled_from(
              [(HOLDERS[2], HOLDERS[3], HOLDERS[0]), (HOLDERS[1], HOLDERS[1], HOLDERS[1]),
               (HOLDERS[2], ZERO, HOLDERS[0]), (HOLDERS[2], HOLDERS[3], STETH),
               (WSTETH, PARAMS.burner, DEAD)]),
          bad_debt_fraction=st.sampled_from([0, 0, 0, 1, 4, 5]), late=st.integers(0, 7))
    def report(self, appeared, percent, wei, wv, el, limit, total_fee, split, recipients,
               bad_debt_fraction, late):
        late = late == 0        # rarely: a report not before its block
        self.now += 86400
        m = self.model
        cl_validators = min(m.deposited, m.cl_validators + appeared)
        principal = m.cl_balance + (cl_validators - m.cl_validators) * 32 * E
        cl_balance = max(0, principal + principal * percent // 1000 + wei)
        modules = [(recipients[0], total_fee * split // 200),
                   (recipients[1], total_fee * (100 - split) // 200)]
        bad_debt = part(m.external, bad_debt_fraction)
        fields = dict(timestamp=self.now, block_timestamp=self.now + (0 if late else 12),
                      cl_validators=cl_validators, cl_balance=cl_balance,
                      withdrawal_vault_balance=wv, el_rewards_vault_balance=el,
                      max_positive_token_rebase=limit, total_fee=total_fee,
                      treasury=recipients[2], bad_debt_to_internalize=bad_debt)

        lib_extra, model_extra = self.finalization()

        def lib_report():
            r = self.lib.handle_report(modules=modules, **fields, **lib_extra)
            return (r.pre_total_ether, r.pre_total_shares, r.post_total_ether,
                    r.post_total_shares, r.principal_cl_balance, r.withdrawals, r.el_rewards,
                    r.rewards, r.fee_shares, r.treasury_shares, r.shares_burnt,
                    r.ether_to_finalize, r.shares_to_finalize)
        self.both(lib_report, lambda: m.handle_report(
            fields["timestamp"], fields["block_timestamp"], cl_validators, cl_balance, wv, el,
            limit, total_fee, modules, recipients[2], bad_debt, **model_extra))

    def finalization(self):
        """The report's withdrawal part: keywords for the library's report
        and for the model's. None here; test_report_model adds a queue."""
        return {}, {}

    # -- every view, after every step
    @invariant()
    def views_agree(self):
        lib, model = self.lib, self.model
        if lib is None:
            return
        assert lib.total_shares == model.total_shares
        assert lib.totals.external_shares == model.external
        assert lib.stopped == model.stopped
        limit = lib.stake_limit
        assert (limit.prev_block, limit.prev_limit, limit.growth_blocks, limit.max_limit) == (
            model.prev_block, model.prev_limit, model.growth_blocks, model.max_limit)
        assert lib.block == model.block
        assert lib.staking_paused == (model.prev_block == 0)
        assert lib.current_stake_limit == model.current_stake_limit()
        assert stake.lido_current_stake_limit(limit, lib.block) == lib.current_stake_limit
        self.both(lambda: lib.total_supply, model.total_supply)
        for account in ACTORS:
            assert lib.shares_of(account) == model.shares_of(account)
            self.both(lambda: lib.balance_of(account), lambda: model.balance_of(account))
            assert lib.wsteth.balance_of(account) == model.wrapped.get(account, 0)
            for spender in ACTORS:
                assert lib.allowance(account, spender) == model.allowance(account, spender)
                assert lib.wsteth.allowance(account, spender) == model.wsteth_allowance(
                    account, spender)
        assert lib.wsteth.total_supply == model.wsteth_supply
        assert {a: b for a, b in lib.wsteth.ledger if b} == {
            a: b for a, b in model.wrapped.items() if b}
        assert lib.burn_requested == model.burn_requested
        pool = lib.pool
        assert (pool.buffered_ether, pool.cl_balance, pool.cl_validators,
                pool.deposited_validators) == (model.buffered, model.cl_balance,
                                               model.cl_validators, model.deposited)
        # the wrapper is short of the shares it owes only by what transfers
        # worth 0 wei took from it without an allowance (core #1399)
        assert model.shares_of(WSTETH) + model.taken_from_wrapper >= model.wsteth_supply
        lib.ledger.check()


TestStethAgainstModel = StethMachine.TestCase
