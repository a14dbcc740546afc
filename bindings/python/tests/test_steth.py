"""A small stETH scenario (submit, deposit, oracle report with fees,
transfer, wrap, unwrap) checked step by step against values computed here
with Python integers from the formulas of StETH.sol, Lido.sol and
WstETH.sol."""

import pytest
from hypothesis import given, strategies as st

import stake

E = 10**18
FEE_100 = 10**20                      # 1e20 = 100%
WSTETH = "0x7f39c581f595b53c5cb19bd0b3f8da6c935e2ca0"
UNLIMITED = 2**64 - 1                 # maxPositiveTokenRebase: no limiter


class Model:
    """Lido's totals, in Python ints."""

    def __init__(self):
        self.buffered = E             # the bootstrap deposit
        self.cl_balance = 0
        self.cl_validators = 0
        self.deposited = 0
        self.shares = {stake.DEAD_ADDRESS: E}

    @property
    def ie(self):
        return self.buffered + self.cl_balance + (self.deposited - self.cl_validators) * 32 * E

    @property
    def is_(self):
        return sum(self.shares.values())

    def shares_by_eth(self, eth):
        return eth * self.is_ // self.ie

    def eth_by_shares(self, shares):
        return shares * self.ie // self.is_

    def move(self, src, dst, shares):
        self.shares[src] -= shares
        self.shares[dst] = self.shares.get(dst, 0) + shares


def check(steth, m):
    t = steth.totals
    assert (t.internal_ether, t.internal_shares, t.external_shares) == (m.ie, m.is_, 0)
    assert steth.total_supply == m.ie
    assert steth.total_shares == m.is_
    for who, shares in m.shares.items():
        assert steth.shares_of(who) == shares
        assert steth.balance_of(who) == m.eth_by_shares(shares)
    steth.ledger.check()


def test_steth_scenario(alice, bob, carol):
    dave = "0x" + "da" * 20
    m = Model()
    with stake.StETH(stake.LidoVersion.V3) as steth:
        assert steth.balance_of(stake.DEAD_ADDRESS) == E
        check(steth, m)

        # submit: shares computed before the buffer grows
        for who, value in ((alice, 64 * E), (bob, 3 * E + 7)):
            expected = m.shares_by_eth(value)
            assert steth.submit(who, value) == expected
            m.shares[who] = m.shares.get(who, 0) + expected
            m.buffered += value
            check(steth, m)

        # two validators: the ether becomes transient, the rate does not move
        steth.deposit_validators(2)
        m.buffered -= 64 * E
        m.deposited += 2
        check(steth, m)
        pool = steth.pool
        assert (pool.buffered_ether, pool.deposited_validators) == (m.buffered, 2)

        # oracle report: the validators appear with 0.5 ether of rewards, plus
        # 0.1 ether in the EL rewards vault; 10% fee, half of it to one module;
        # no positive-rebase limit (see test_report_limiter)
        cl_balance, el_rewards, total_fee = 64 * E + E // 2, E // 10, 10 * FEE_100 // 100
        pre_ie, pre_is = m.ie, m.is_
        principal = m.cl_balance + (2 - m.cl_validators) * 32 * E
        rewards = cl_balance - principal + el_rewards
        m.cl_balance, m.cl_validators = cl_balance, 2
        m.buffered += el_rewards
        fee_ether = rewards * total_fee // FEE_100          # V3 formula
        fee_shares = fee_ether * m.is_ // (m.ie - fee_ether)
        module_shares = fee_shares * (5 * FEE_100 // 100) // total_fee
        treasury_shares = fee_shares - module_shares
        result = steth.handle_report(cl_validators=2, cl_balance=cl_balance,
                                     el_rewards_vault_balance=el_rewards, total_fee=total_fee,
                                     max_positive_token_rebase=UNLIMITED,
                                     modules=[(carol, 5 * FEE_100 // 100)], treasury=dave)
        m.shares[carol] = module_shares
        m.shares[dave] = treasury_shares
        assert isinstance(result, stake.ReportResult)
        assert (result.pre_total_ether, result.pre_total_shares) == (pre_ie, pre_is)
        assert (result.post_total_ether, result.post_total_shares) == (m.ie, m.is_)
        assert result.principal_cl_balance == principal
        assert result.rewards == rewards
        assert (result.el_rewards, result.withdrawals) == (el_rewards, 0)
        assert result.fee_shares == fee_shares
        assert result.treasury_shares == treasury_shares
        check(steth, m)
        assert steth.balance_of(alice) > 64 * E            # the rebase

        # transfer: floor(amount * IS / IE) shares move
        amount = E
        moved = steth.transfer(alice, bob, amount)
        assert moved == m.shares_by_eth(amount)
        m.move(alice, bob, moved)
        check(steth, m)
        ether = steth.transfer_shares(bob, alice, 12345)
        assert ether == m.eth_by_shares(12345)
        m.move(bob, alice, 12345)
        check(steth, m)

        # wrap: approve the wrapper, then shares move to it and wstETH is minted
        wst = steth.wsteth
        assert wst.steth_per_token == m.eth_by_shares(E)
        assert wst.tokens_per_steth == m.shares_by_eth(E)
        with pytest.raises(stake.StakeTokenError) as e:
            wst.wrap(alice, 2 * E)
        assert e.value.name == "STAKE_EALLOWANCE"
        steth.approve(alice, WSTETH, 2 * E)
        w = wst.wrap(alice, 2 * E)
        assert w == m.shares_by_eth(2 * E) == wst.by_steth(2 * E)
        m.move(alice, WSTETH, w)
        assert wst.balance_of(alice) == w == wst.total_supply
        assert steth.allowance(alice, WSTETH) == 0
        check(steth, m)

        # unwrap: the stETH value of w comes back (a share or two stays as dust)
        back = wst.unwrap(alice, w)
        assert back == m.eth_by_shares(w) == wst.to_steth(w)
        moved = m.shares_by_eth(back)
        assert w - 2 <= moved <= w
        m.move(WSTETH, alice, moved)
        assert wst.balance_of(alice) == 0
        check(steth, m)

        # refusals leave the model unchanged
        with pytest.raises(stake.StakeTokenError):
            steth.transfer(bob, alice, steth.balance_of(bob) + 10)
        steth.stop()
        assert steth.stopped
        with pytest.raises(stake.StakeTokenError) as e:
            steth.submit(alice, E)
        assert e.value.name == "STAKE_ESTAKINGPAUSED"            # stop() pauses staking
        with pytest.raises(stake.StakeTokenError) as e:
            steth.transfer(alice, bob, 1)
        assert e.value.name == "STAKE_ESTOPPED"
        steth.resume()
        check(steth, m)

        # every balance at once, as the contract's balanceOf
        conv = steth.conversion(stake.LidoDirection.SHARES_TO_ETHER)
        assert steth.ledger.convert_all(conv) == [m.eth_by_shares(s)
                                                  for _, s in steth.ledger]


def test_pure_lido_functions():
    t = stake.LidoTotals(internal_ether=1000 * E + 1, internal_shares=900 * E,
                         external_shares=10 * E)
    ie, is_, es = 1000 * E + 1, 900 * E, 10 * E
    assert t.shares_by_pooled_eth(E) == E * is_ // ie
    assert t.pooled_eth_by_shares(E) == E * ie // is_
    assert t.pooled_eth_by_shares_round_up(E) == -(-E * ie // is_)
    assert t.external_ether() == es * ie // is_
    assert t.total_pooled_ether() == ie + es * ie // is_
    assert t.total_shares() == is_ + es
    with pytest.raises(stake.StakeTokenError):
        t.shares_by_pooled_eth(2**128 - 1)                 # V3 input bound
    v2 = stake.LidoTotals(ie, is_, version=stake.LidoVersion.V2)
    assert v2.shares_by_pooled_eth(2**128) == 2**128 * is_ // ie
    with pytest.raises(stake.StakeUsageError):
        stake.LidoTotals(ie, is_, es, version=stake.LidoVersion.V2).total_shares()
    # the fee helpers
    fees, total = stake.lido_module_fees([
        stake.LidoModule(recipient="0x" + "01" * 20, active_validators=30, module_fee_bp=500,
                         treasury_fee_bp=500),
        dict(recipient="0x" + "02" * 20, active_validators=10, module_fee_bp=800,
             treasury_fee_bp=200, stopped=1),
    ])
    share0, share1 = 30 * FEE_100 // 40, 10 * FEE_100 // 40
    assert fees == [share0 * 500 // 10**4, 0]
    assert total == (share0 * 500 // 10**4 + share0 * 500 // 10**4
                     + share1 * 800 // 10**4 + share1 * 200 // 10**4)
    mod, treasury = stake.lido_split_fee_shares(1000, fees, total)
    assert mod == [1000 * fees[0] // total, 0] and treasury == 1000 - mod[0]
    r, f, s, p = 10**18, 10**19, 900 * E, 1000 * E
    assert stake.lido_fee_shares_v2(r, f, s, p) == r * f * s // ((p + r) * FEE_100 - r * f)
    fee_shares, fee_ether = stake.lido_fee_shares_v3(r, f, s, p)
    assert fee_ether == r * f // FEE_100
    assert fee_shares == fee_ether * s // (p - fee_ether)


U128 = st.integers(min_value=0, max_value=2**128 - 2)


@given(ie=st.integers(min_value=0, max_value=2**131), is_=st.integers(min_value=0,
       max_value=2**128 - 1), es=st.integers(min_value=0, max_value=2**128 - 1), x=U128)
def test_v3_products_wrap_like_solidity_0_4(ie, is_, es, x):
    """V3's StETH.sol and Lido._getExternalEther multiply with a plain
    0.4.24 `*`: the product is reduced modulo 2**256 before dividing (it
    only can be once the internal ether reaches 2**128). V2 has SafeMath."""
    def outcome(f, *args):
        try:
            return f(*args)
        except stake.StakeError as e:
            return e.name

    def floor(a, b):
        return a // b if b else "STAKE_EDIVZERO"

    def ceil_div(a, b):              # Math256.ceilDiv: no division for a == 0
        return 0 if a == 0 else (a - 1) // b + 1 if b else "STAKE_EDIVZERO"

    mod = 2**256
    t = stake.LidoTotals(internal_ether=ie, internal_shares=is_, external_shares=es)
    assert outcome(t.pooled_eth_by_shares, x) == floor(x * ie % mod, is_)
    assert outcome(t.pooled_eth_by_shares_round_up, x) == ceil_div(x * ie % mod, is_)
    assert outcome(t.shares_by_pooled_eth, x) == floor(x * is_ % mod, ie)
    assert outcome(t.external_ether) == floor(es * ie % mod, is_)
    conv = t.conversion(stake.LidoDirection.SHARES_TO_ETHER)
    assert conv.product == stake.Product.WRAPPING
    if is_:
        assert conv.many([x, 1]) == [x * ie % mod // is_, ie // is_]
    v2 = stake.LidoTotals(ie, is_, version=stake.LidoVersion.V2)
    want = floor(x * ie, is_) if x * ie < mod else "STAKE_EOVERFLOW"
    assert outcome(v2.pooled_eth_by_shares, x) == want


def test_report_fields_are_checked(alice):
    with stake.StETH() as steth:
        with pytest.raises(TypeError, match="no field"):
            steth.handle_report(cl_validators=0, cl_balance=0, el_rewards=5)
        with pytest.raises(TypeError):
            steth.handle_report(cl_validators=0, cl_balance=0, n_modules=1)
        with pytest.raises(ValueError):
            stake.raw.stake_steth_handle_report(steth, {"fee_recipients": [alice]})
        assert steth.handle_report(cl_validators=0, cl_balance=0).rewards == 0


def test_report_limiter(alice):
    """With the default positive-rebase limit, what the vaults hold beyond it
    waits for later reports; the total pooled ether grows by at most the
    limit (1e9 = 100%)."""
    with stake.StETH() as steth:
        steth.submit(alice, 100 * E)
        default = stake.raw.stake_lido_report_init(stake.raw.STAKE_LIDO_REPORT_VERSION)
        limit = default.max_positive_token_rebase
        pre = steth.total_supply
        result = steth.handle_report(cl_validators=0, cl_balance=0,
                                     el_rewards_vault_balance=10 * E)
        assert result.el_rewards < 10 * E
        assert steth.total_supply - pre <= pre * limit // 10**9 + 1
        assert steth.total_supply == pre + result.el_rewards


def test_contract_accounts_are_locked(alice, bob):
    """The wrapper's stETH leaves only through unwrap, and the Burner's
    requested shares only when a report burns them (STAKE_EBALANCE)."""
    params = stake.StETH.default_params()
    with stake.StETH() as steth:
        steth.submit(alice, 10 * E)
        steth.approve(alice, params.wsteth, E)
        w = steth.wsteth.wrap(alice, E)
        with pytest.raises(stake.StakeTokenError) as e:
            steth.transfer_shares(params.wsteth, bob, 1)
        assert e.value.name == "STAKE_EBALANCE"
        assert steth.shares_of(params.wsteth) == w
        steth.request_burn_shares(alice, 2 * E)
        with pytest.raises(stake.StakeTokenError):
            steth.transfer_shares(params.burner, bob, 1)
        result = steth.handle_report(cl_validators=0, cl_balance=0,
                                     max_positive_token_rebase=UNLIMITED)
        assert result.shares_burnt == 2 * E
        assert steth.burn_requested == 0
        t = steth.totals            # the burn raised the rate: 11 ether over 9e18 shares
        assert steth.wsteth.unwrap(alice, w) == w * t.internal_ether // t.internal_shares


def test_zero_value_take_leaves_the_wrapper_short(alice):
    """A transferSharesFrom worth 0 wei needs no allowance, so it can take
    the wrapper's shares (core #1399): wstETH then owes more than it holds,
    an unwrap worth 0 wei still succeeds and one worth some wei is refused."""
    params = stake.StETH.default_params()
    with stake.StETH(stake.LidoVersion.V2, initial_ether=1) as steth:
        assert steth.wsteth.submit(alice, 2) == 2
        steth.mint_shares(alice, 2**128)        # a share is now worth less than a wei
        assert steth.transfer_shares_from(alice, params.wsteth, alice, 2) == 0
        assert steth.shares_of(params.wsteth) == 0 and steth.wsteth.total_supply == 2
        assert steth.wsteth.unwrap(alice, 1) == 0
        steth.burn_shares(alice, steth.shares_of(alice))   # 3 wei over the dead share
        with pytest.raises(stake.StakeTokenError) as e:
            steth.wsteth.unwrap(alice, 1)
        assert e.value.name == "STAKE_EBALANCE"


def test_report_time_must_precede_the_block():
    with stake.StETH() as steth:
        with pytest.raises(stake.StakeQueueError) as e:
            steth.handle_report(cl_validators=0, cl_balance=0, timestamp=100,
                                block_timestamp=100)
        assert e.value.name == "STAKE_ETIMESTAMP"
        steth.handle_report(cl_validators=0, cl_balance=0, timestamp=100, block_timestamp=112)


def test_stake_limit(alice):
    """Lido's staking rate limit: 150,000 ether refilled over 6,400 blocks."""
    with stake.StETH() as t:
        assert t.block == 1 and not t.staking_paused
        assert t.current_stake_limit == stake.MAX_U256          # no limit yet
        t.block = 100
        t.set_staking_limit(150000 * E, 150000 * E // 6400)
        limit = t.stake_limit
        assert isinstance(limit, stake.StakeLimit)
        assert (limit.prev_block, limit.prev_limit, limit.growth_blocks, limit.max_limit) == (
            100, 150000 * E, 6400, 150000 * E)
        t.submit(alice, 100000 * E)
        assert t.current_stake_limit == 50000 * E
        with pytest.raises(stake.StakeTokenError) as e:
            t.submit(alice, 50000 * E + 1)
        assert e.value.name == "STAKE_ESTAKELIMIT"
        t.block = 200
        assert t.current_stake_limit == 50000 * E + 100 * (150000 * E // 6400)
        assert stake.lido_current_stake_limit(t.stake_limit, 6600) == 150000 * E
        with pytest.raises(ValueError):
            t.block = 199                                         # never backwards
        with pytest.raises(stake.StakeTokenError) as e:
            t.set_staking_limit(2**96, 1)
        assert e.value.name == "STAKE_ETOOLARGE"
        t.pause_staking()
        assert t.staking_paused and t.current_stake_limit == 0
        with pytest.raises(stake.StakeTokenError) as e:
            t.submit(alice, 1)
        assert e.value.name == "STAKE_ESTAKINGPAUSED"
        t.resume_staking()
        t.remove_staking_limit()
        assert t.current_stake_limit == stake.MAX_U256
        t.stop()                                                  # stop() pauses staking too
        assert t.staking_paused


def test_wsteth_allowances(alice, bob, carol):
    """wstETH is OpenZeppelin 3.4's ERC20: 2**256 - 1 is spent like any
    other allowance, and the balance is checked before the allowance."""
    with stake.StETH() as t:
        w = t.wsteth.submit(alice, E)
        t.wsteth.approve(alice, bob, stake.MAX_U256)
        t.wsteth.transfer_from(bob, alice, carol, 1000)
        assert t.wsteth.allowance(alice, bob) == stake.MAX_U256 - 1000
        assert t.wsteth.balance_of(carol) == 1000
        assert t.allowance(alice, bob) == 0                      # stETH's are apart
        with pytest.raises(stake.StakeTokenError) as e:
            t.wsteth.transfer_from(carol, alice, bob, w)          # short of both
        assert e.value.name == "STAKE_EBALANCE"
        with pytest.raises(stake.StakeTokenError) as e:
            t.wsteth.transfer_from(carol, alice, bob, 1)
        assert e.value.name == "STAKE_EALLOWANCE"
        t.wsteth.increase_allowance(alice, carol, 5)
        t.wsteth.decrease_allowance(alice, carol, 2)
        assert t.wsteth.allowance(alice, carol) == 3
        with pytest.raises(stake.StakeTokenError) as e:
            t.wsteth.decrease_allowance(alice, carol, 4)
        assert e.value.name == "STAKE_EALLOWANCE"
        with pytest.raises(stake.StakeTokenError) as e:
            t.wsteth.approve(alice, stake.ZERO_ADDRESS, 1)
        assert e.value.name == "STAKE_EZEROADDRESS"


def test_wsteth_submit(alice):
    """Ether sent to wstETH: the wrapper deposits it and mints the shares."""
    with stake.StETH() as t:
        pool = t.pool
        pool.cl_balance = 15 * 10**16                    # rate 1.15
        t.pool = pool
        w = t.wsteth.submit(alice, E)
        assert w == E * E // (115 * 10**16)
        assert t.wsteth.balance_of(alice) == w
        assert t.shares_of(WSTETH) == w and t.shares_of(alice) == 0
        assert list(t.wsteth.ledger) == [(alice, w)]
        with pytest.raises(stake.StakeTokenError) as e:
            t.wsteth.submit(stake.ZERO_ADDRESS, E)
        assert e.value.name == "STAKE_EZEROADDRESS"
        t.set_staking_limit(E // 2, 0)
        with pytest.raises(stake.StakeTokenError) as e:
            t.wsteth.submit(alice, E)
        assert e.value.name == "STAKE_ESTAKELIMIT"
        assert t.wsteth.unwrap(alice, w) == E - 1      # one wei short, as on chain
