"""<stake/eigenlayer.h> through stake.raw, checked against a model of the
contracts written here with Python ints: EigenLayer's WAD products, the
scaling factor, slashes rounded up, strategy offsets."""

import pytest
from hypothesis import given, settings, strategies as st

import stake
from stake import raw

pytestmark = pytest.mark.skipif(not hasattr(raw, "stake_eigen_withdrawable"),
                                reason="no <stake/eigenlayer.h> in this libstake")
WAD = 10**18
U256 = st.integers(min_value=0, max_value=2**256 - 1)
SHARES = st.integers(min_value=0, max_value=10**30)
FACTOR = st.integers(min_value=0, max_value=10**19)


def mul_wad(x, y):
    return x * y // WAD


def ceil_div(a, b):
    return -(-a // b)


def withdrawable(s, k, sf):
    return mul_wad(mul_wad(s, k or WAD), sf)


@given(SHARES, FACTOR, FACTOR)
def test_withdrawable_matches_python(s, k, sf):
    assert raw.stake_eigen_withdrawable(s, k, sf) == withdrawable(s, k, sf)


@given(FACTOR, SHARES, SHARES, st.integers(min_value=1, max_value=WAD))
@settings(max_examples=300)
def test_scaling_factor_update_matches_python(k, prev, added, sf):
    if added == 0:
        want = k
    elif prev == 0:
        want = (k or WAD) * WAD // sf
    else:
        want = (withdrawable(prev, k, sf) + added) * WAD // (prev + added) * WAD // sf
    if want == 0 and prev and added:
        with pytest.raises(stake.StakeTokenError) as e:
            raw.stake_eigen_update_scaling_factor(k, prev, added, sf)
        assert e.value.name == "STAKE_EZEROSCALING"
    else:
        assert raw.stake_eigen_update_scaling_factor(k, prev, added, sf) == want


def test_refusals_are_exceptions():
    with pytest.raises(stake.StakeTokenError) as e:
        raw.stake_eigen_update_scaling_factor(0, 1, 1, 0)
    assert e.value.name == "STAKE_EFULLYSLASHED"
    with pytest.raises(stake.StakeArithmeticError):
        raw.stake_eigen_deposit_shares(1, 0, 0)
    with pytest.raises(OverflowError):
        raw.stake_eigen_withdrawable(-1, 0, WAD)
    with pytest.raises(TypeError):
        raw.stake_eigen_withdrawable(1.5, 0, WAD)


def test_queue_and_complete():
    w, scaled = raw.stake_eigen_queue_withdrawal(400 * WAD, 2 * WAD, WAD // 2)
    assert (w, scaled) == (400 * WAD, 800 * WAD)
    assert raw.stake_eigen_complete_withdrawal(scaled, 4 * WAD // 10) == 320 * WAD


@given(st.integers(min_value=1, max_value=WAD), st.integers(min_value=1, max_value=WAD),
       st.integers(min_value=0, max_value=WAD))
def test_slash_operator_rounds_up(current, wad, pending):
    a = raw.stake_eigen_allocation_init(raw.STAKE_EIGEN_ALLOCATION_VERSION)
    a.current_magnitude = a.encumbered_magnitude = current
    a.pending_deallocation = pending
    s = raw.stake_eigen_slash_operator(a, wad)
    slashed = ceil_div(current * wad, WAD)
    assert s.slashed_magnitude == slashed and slashed > 0
    assert s.wad_slashed == slashed * WAD // WAD
    assert s.after.current_magnitude == current - slashed
    assert s.after.max_magnitude == WAD - slashed
    assert s.after.pending_deallocation == pending - ceil_div(pending * wad, WAD)
    assert (s.prev_max_magnitude, s.new_max_magnitude) == (WAD, WAD - slashed)


def test_slash_operator_refusals():
    a = raw.stake_eigen_allocation_init(raw.STAKE_EIGEN_ALLOCATION_VERSION)
    for wad in (0, WAD + 1):
        with pytest.raises(stake.StakeTokenError) as e:
            raw.stake_eigen_slash_operator(a, wad)
        assert e.value.name == "STAKE_EINVALIDSLASH"
    assert raw.stake_eigen_slash_operator(a, WAD).skipped == 1


@given(U256, U256, st.integers(min_value=1, max_value=WAD), st.integers(min_value=0, max_value=WAD))
def test_slash_operator_shares_matches_python(op, scaled, prev, new):
    new = min(new, prev)
    cut = op - ceil_div(op * new, prev)
    q = scaled * prev // WAD
    burn = cut + q - ceil_div(q * new, prev)
    if burn >= 2**256:
        with pytest.raises(stake.StakeArithmeticError):
            raw.stake_eigen_slash_operator_shares(op, scaled, prev, new)
    else:
        assert raw.stake_eigen_slash_operator_shares(op, scaled, prev, new) == (cut, burn)


def test_beacon_chain_slash():
    factor, decrease = raw.stake_eigen_beacon_chain_slash(WAD, 32 * WAD, WAD + 5)
    assert factor == WAD * (31 * WAD - 5) // (32 * WAD)
    assert decrease == WAD - factor
    with pytest.raises(stake.StakeArithmeticError):
        raw.stake_eigen_beacon_chain_slash(WAD, 0, 0)


@given(st.integers(min_value=0, max_value=10**30), st.integers(min_value=0, max_value=10**30),
       st.integers(min_value=0, max_value=10**30))
def test_strategy_round_trip(total, balance, amount):
    amount = min(amount, balance)
    minted = amount * (total + 1000) // (balance + 1000 - amount)
    if minted == 0 or total + minted > 10**38 - 1:
        with pytest.raises(stake.StakeTokenError) as e:
            raw.stake_eigen_strategy_deposit(total, balance, amount)
        assert e.value.name == ("STAKE_EZEROSHARES" if minted == 0 else "STAKE_EEXCEEDSMAX")
        return
    assert raw.stake_eigen_strategy_deposit(total, balance, amount) == (minted, total + minted)
    back, after = raw.stake_eigen_strategy_withdraw(total + minted, balance, minted)
    assert back == (balance + 1000) * minted // (total + minted + 1000) <= amount
    assert after == total
    assert raw.stake_eigen_strategy_shares_to_underlying(total, balance, amount) == \
        (balance + 1000) * amount // (total + 1000)
    assert raw.stake_eigen_strategy_underlying_to_shares(total, balance, amount) == \
        amount * (total + 1000) // (balance + 1000)


def test_strategy_exchange_rate_event_limit():
    # deposit() and withdraw() emit 1e18 * virtual balance / virtual shares
    # after the operation; the contract's checked product refuses balances
    # whose virtual balance passes (2**256 - 1) // 1e18.
    edge = (2**256 - 1) // WAD - 1000
    assert raw.stake_eigen_strategy_withdraw(0, edge, 0) == (0, 0)
    with pytest.raises(stake.StakeArithmeticError):
        raw.stake_eigen_strategy_withdraw(0, edge + 1, 0)
    near_cap, amount = 10**38 - 2, 1157920892373161954236
    assert amount * (near_cap + 1000) // (edge + 1000 - amount) == 1
    assert raw.stake_eigen_strategy_deposit(near_cap, edge, amount) == (1, 10**38 - 1)
    with pytest.raises(stake.StakeArithmeticError):
        raw.stake_eigen_strategy_deposit(near_cap, edge + 1, amount)
    # the rate is taken after the payout, so a large enough withdrawal passes
    paid, after = raw.stake_eigen_strategy_withdraw(1000, edge + 1, 1000)
    assert paid == (edge + 1001) // 2 and after == 0
    # the views emit nothing
    assert raw.stake_eigen_strategy_shares_to_underlying(0, edge + 1, 0) == 0
