"""The stake_rocketpool_* functions of stake.raw against rocketpool_model, an
independent Python transcription of RocketMinipoolDelegate,
RocketMinipoolPenalty and RocketMegapoolDelegate: random inputs gathered
around the places where the waterfall changes branch (a balance at the
8 ether threshold, at the user capital and at the whole capital, give or
take a wei; a withdrawal that loses exactly the node's share; a debt just
below, at and above what the node receives; penalty rates and reward
shares at, under and over their caps; values near 2^256 where checked
arithmetic refuses), every result and every refusal name compared."""

import dataclasses

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import compare, lib_struct
from rocketpool_model import (
    E, EIGHT_ETHER, GWEI, MILLI_TO_WEI, Exit, Megapool, Minipool, MinipoolSplit, Revenue,
    Rewards, calculate_capital_dispersal, calculate_node_rewards, calculate_node_share, claim,
    distribute_amount, distribute_balance, notify_final_balance)
from solidity_model import U256_MAX, Revert
from stake import raw

pytestmark = pytest.mark.skipif(not hasattr(raw, "stake_rocketpool_minipool_init"),
                                reason="no Rocket Pool functions in this libstake")

U32_MAX = 2**32 - 1
U64_MAX = 2**64 - 1
FAST = settings(max_examples=1500, deadline=None)

# -- strategies ------------------------------------------------------------------

# amounts of the size a validator holds, and anything up to 2^256 - 1
ethers = st.one_of(st.sampled_from([0, 1, E, 2 * E, 4 * E, 8 * E, 16 * E, 24 * E, 28 * E, 32 * E]),
                   st.integers(0, 64 * E))
huge = st.one_of(st.sampled_from([U256_MAX, U256_MAX - 1, 2**255, U256_MAX // E,
                                  U256_MAX // E + 1, 2**128]),
                 st.integers(0, U256_MAX))
amounts = st.one_of(ethers, ethers, ethers, huge)
# 1e18 = 100%
fractions = st.one_of(st.sampled_from([0, 1, 5 * 10**16, 14 * 10**16, E // 2, E - 1, E, E + 1,
                                       2 * E, U256_MAX]),
                      st.integers(0, E))


def clip(x):
    return min(max(x, 0), U256_MAX)


@st.composite
def near(draw, anchors):
    """One of the anchors give or take two wei, near it give or take an
    ether, or anything at all."""
    kind = draw(st.sampled_from(["wei", "wei", "wei", "ether", "any"]))
    if kind == "any":
        return draw(amounts)
    anchor = draw(st.sampled_from(anchors))
    if kind == "wei":
        return clip(anchor + draw(st.integers(-2, 2)))
    return clip(anchor + draw(st.integers(-E, E)))


@st.composite
def penalty_rates(draw):
    """(rate, cap): the rate below, at and above the cap, with a cap of 0
    (penalties off) among the caps."""
    cap = draw(st.one_of(st.sampled_from([0, 0, 1, E // 2, E, E + 1, U256_MAX]),
                         st.integers(0, 2 * E)))
    where = draw(st.sampled_from(["below", "at", "above", "any"]))
    if where == "at":
        return cap, cap
    if where == "below":
        return clip(cap - draw(st.integers(1, E))), cap
    if where == "above":
        return clip(cap + draw(st.integers(1, E))), cap
    return draw(fractions), cap


@st.composite
def minipools(draw):
    rate, cap = draw(penalty_rates())
    return Minipool(node_deposit_balance=draw(amounts), user_deposit_balance=draw(amounts),
                    node_fee=draw(fractions), penalty_rate=rate, max_penalty_rate=cap,
                    first_distribution=draw(st.booleans()))


@st.composite
def minipool_balances(draw):
    mp = draw(minipools())
    user, node = mp.user_deposit_balance, mp.node_deposit_balance
    balance = draw(near([0, EIGHT_ETHER, user, clip(user + node), node, 32 * E]))
    return mp, balance


# -- the library's side ------------------------------------------------------------

def lib_minipool(mp):
    return lib_struct(raw.stake_rocketpool_minipool_init, raw.STAKE_ROCKETPOOL_MINIPOOL_VERSION,
                      dataclasses.asdict(mp))


def lib_distribute(mp, balance):
    s = raw.stake_rocketpool_minipool_distribute(lib_minipool(mp), balance)
    return MinipoolSplit(bool(s.full_withdrawal), s.node_amount, s.user_amount, s.penalty,
                         s.node_slash_balance)


def lib_megapool(mp):
    return lib_struct(raw.stake_rocketpool_megapool_init, raw.STAKE_ROCKETPOOL_MEGAPOOL_VERSION,
                      dataclasses.asdict(mp))


def megapool_of(m):
    return Megapool(m.node_bond, m.node_queued_bond, m.user_capital, m.debt)


def lib_final_balance(mp, milli, gwei, requirement):
    e = raw.stake_rocketpool_megapool_final_balance(lib_megapool(mp), milli, gwei, requirement)
    return Exit(e.node_share, e.user_share, e.to_node, e.to_user, e.shortfall, e.debt_repaid,
                bool(e.incurs_shortfall), megapool_of(e.after))


def lib_rewards(rev, amount, debt):
    r = lib_struct(raw.stake_rocketpool_revenue_init, raw.STAKE_ROCKETPOOL_REVENUE_VERSION,
                   dataclasses.asdict(rev))
    o = raw.stake_rocketpool_megapool_rewards(r, amount, debt)
    return Rewards(o.node, o.voter, o.protocol_dao, o.reth, o.debt_repaid, o.debt_after)


def or_none(call):
    """The model's answer, or None where it reverts (to build anchors)."""
    try:
        return call()
    except Revert:
        return None


# -- the minipool --------------------------------------------------------------------

@FAST
@given(node=amounts, user=amounts, rewards=amounts, fee=fractions)
@example(node=0, user=0, rewards=E, fee=0)                      # no capital: division by zero
@example(node=2**255, user=2**255, rewards=1, fee=0)            # the capital overflows
@example(node=E, user=E, rewards=U256_MAX, fee=0)               # rewards * node overflows
@example(node=8 * E, user=24 * E, rewards=E, fee=U256_MAX)      # the commission overflows
def test_node_rewards(node, user, rewards, fee):
    compare(lambda: raw.stake_rocketpool_node_rewards(node, user, rewards, fee),
            lambda: calculate_node_rewards(node, user, rewards, fee))


def both_minipool(mp, balance):
    compare(lambda: raw.stake_rocketpool_minipool_node_share(lib_minipool(mp), balance),
            lambda: calculate_node_share(mp, balance))
    compare(lambda: lib_distribute(mp, balance), lambda: distribute_balance(mp, balance))


@FAST
@given(case=minipool_balances())
def test_minipool(case):
    both_minipool(*case)


# The standard 8 ether bond on 24 borrowed, 14% commission, around each edge.
STANDARD = Minipool(8 * E, 24 * E, 14 * 10**16, 0, 0, True)


@pytest.mark.parametrize("balance", [
    0, EIGHT_ETHER - 1, EIGHT_ETHER, EIGHT_ETHER + 1,
    24 * E - 1, 24 * E, 24 * E + 1, 32 * E - 1, 32 * E, 32 * E + 1, 33 * E, U256_MAX])
@pytest.mark.parametrize("rate, cap", [(0, 0), (E // 10, 0), (E // 10, E // 20),
                                       (E // 20, E // 20), (E, E), (2 * E, 3 * E)])
@pytest.mark.parametrize("first", [True, False])
def test_minipool_edges(balance, rate, cap, first):
    mp = Minipool(8 * E, 24 * E, 14 * 10**16, rate, cap, first)
    both_minipool(mp, balance)


@pytest.mark.parametrize("balance, node, user, slash", [
    (33 * E, 8 * E + E // 4 + 3 * E // 4 * 14 // 100, None, 0),  # a reward: 8.355 ether
    (32 * E, 8 * E, None, 0),                                      # capital back exactly
    (30 * E, 6 * E, 24 * E, 0),                                    # the bond takes the loss
    (24 * E, 0, 24 * E, 0),                                        # the bond is gone
    (23 * E, 0, 23 * E, E),                                        # rETH short: RPL slashed
    (7 * E, 7 * E // 4 + 21 * E // 4 * 14 // 100, None, 0),        # skimmed rewards
])
def test_minipool_by_hand(balance, node, user, slash):
    """Figures worked out by hand, so that agreement is not just the model
    copying the library."""
    for split in (lib_distribute(STANDARD, balance), distribute_balance(STANDARD, balance)):
        assert split.node_amount == node
        assert split.user_amount == (balance - node if user is None else user)
        assert split.node_slash_balance == slash


# -- the megapool: capital dispersal and exits ------------------------------------------

bonds = st.one_of(st.sampled_from([0, E, 2 * E, 4 * E, 8 * E, 16 * E, 32 * E]),
                  st.integers(0, 64 * E), huge)
queued = st.one_of(st.sampled_from([0, 0, 4 * E, 32 * E]), st.integers(0, 64 * E), huge)


@st.composite
def requirements(draw, node_bond, node_queued_bond, value):
    """A bond requirement that leaves the node an excess of nothing, of
    exactly its bond, of exactly the value, give or take a wei."""
    effective = clip(node_bond + node_queued_bond)
    return draw(near([0, effective, clip(effective - node_bond), clip(effective - value),
                      4 * E, 8 * E, U256_MAX]))


@FAST
@given(data=st.data(), node_bond=bonds, node_queued_bond=queued, value=amounts)
@example(data=None, node_bond=U256_MAX, node_queued_bond=1, value=E)   # bond sum overflows
def test_capital_dispersal(data, node_bond, node_queued_bond, value):
    req = 0 if data is None else data.draw(requirements(node_bond, node_queued_bond, value))
    mp = Megapool(node_bond, node_queued_bond, 0, 0)
    compare(lambda: raw.stake_rocketpool_capital_dispersal(lib_megapool(mp), value, req),
            lambda: calculate_capital_dispersal(mp, value, req))


@st.composite
def exits(draw):
    node_bond, node_queued_bond = draw(bonds), draw(queued)
    milli = draw(st.one_of(st.sampled_from([32000, 32000, 31000, 1000, 0, U32_MAX]),
                           st.integers(0, U32_MAX)))
    deposit = milli * MILLI_TO_WEI
    req = draw(requirements(node_bond, node_queued_bond, deposit))
    shares = or_none(lambda: calculate_capital_dispersal(
        Megapool(node_bond, node_queued_bond, 0, 0), deposit, req)) or (0, deposit)
    node_share, user_share = shares
    # user capital just enough, a wei short, or anything
    user_capital = draw(near([user_share, 28 * E, U256_MAX]))
    # a withdrawal that returns the deposit, loses exactly the node's share,
    # or loses everything, a gwei either side
    gwei = draw(st.one_of(
        st.sampled_from([deposit // GWEI, (deposit - node_share) // GWEI, 0, U64_MAX])
        .flatmap(lambda g: st.integers(max(g - 2, 0), min(g + 2, U64_MAX))),
        st.integers(0, 64 * 10**9), st.integers(0, U64_MAX)))
    withdrawal = gwei * GWEI
    loss = max(deposit - withdrawal, 0)
    to_node = max(node_share - loss, 0)
    shortfall = max(user_share - (withdrawal - min(to_node, withdrawal)), 0)
    # a debt below, at and above what the node keeps, or one that overflows
    debt = draw(near([0, to_node, clip(U256_MAX - shortfall), U256_MAX]))
    return Megapool(node_bond, node_queued_bond, user_capital, debt), milli, gwei, req


@FAST
@given(case=exits())
def test_final_balance(case):
    mp, milli, gwei, req = case
    compare(lambda: lib_final_balance(mp, milli, gwei, req),
            lambda: notify_final_balance(mp, milli, gwei, req))


# A 4 ether bond (the node's second validator, requirement 4 ether for the
# one that stays): node share 4 ether, user share 28 ether.
SATURN = Megapool(8 * E, 0, 56 * E, 0)


@pytest.mark.parametrize("gwei, to_node, to_user, new_debt", [
    (32 * 10**9, 4 * E, 28 * E, 0),          # all back
    (31 * 10**9, 3 * E, 28 * E, 0),          # the node loses 1 ether
    (28 * 10**9, 0, 28 * E, 0),              # the node loses its whole share
    (27 * 10**9, 0, 27 * E, E),              # rETH short by 1 ether: debt
    (33 * 10**9, 4 * E, 29 * E, 0),          # above the deposit: rETH keeps it
])
def test_final_balance_by_hand(gwei, to_node, to_user, new_debt):
    for e in (lib_final_balance(SATURN, 32000, gwei, 4 * E),
              notify_final_balance(SATURN, 32000, gwei, 4 * E)):
        assert (e.node_share, e.user_share) == (4 * E, 28 * E)
        assert (e.to_node, e.to_user, e.after.debt) == (to_node, to_user, new_debt)
        assert (e.after.node_bond, e.after.user_capital) == (4 * E, 28 * E)


# -- the megapool: rewards and claims ----------------------------------------------------

@st.composite
def revenues(draw):
    ratio = draw(st.one_of(st.sampled_from([0, 1, E // 8, E // 4, E - 1, E, E, E + 1, U256_MAX]),
                           st.integers(0, E)))
    kind = draw(st.sampled_from(["at", "at", "below", "above", "overflow", "any"]))
    voter = draw(st.integers(0, E))
    pdao = draw(st.integers(0, E - voter))
    if kind == "at":                         # the three shares sum to exactly 100%
        reth = E - voter - pdao
    elif kind == "below":
        reth = draw(st.integers(0, E - voter - pdao))
    elif kind == "above":                    # 100% and a wei
        reth = E + 1 - voter - pdao
    elif kind == "overflow":                 # the sum itself overflows
        reth = U256_MAX - draw(st.integers(0, 2))
        voter = max(voter, 3)
    else:
        voter, pdao, reth = draw(fractions), draw(fractions), draw(fractions)
    last = draw(st.sampled_from([0, 1, 1_750_000_000, U64_MAX]))
    return Revenue(last, voter, pdao, reth, ratio)


@st.composite
def reward_cases(draw):
    rev = draw(revenues())
    amount = draw(st.one_of(st.sampled_from([0, 1, E, U256_MAX, U256_MAX // E, U256_MAX // E + 1]),
                            amounts))
    split = or_none(lambda: distribute_amount(rev, amount, 0))
    node = split.node if split else 0
    debt = draw(near([0, node, U256_MAX]))
    return rev, amount, debt


@FAST
@given(case=reward_cases())
def test_rewards(case):
    rev, amount, debt = case
    compare(lambda: lib_rewards(rev, amount, debt), lambda: distribute_amount(rev, amount, debt))


def test_rewards_by_hand():
    """1 ether at an average capital ratio of 1/8 with 10% to rETH, 5% to
    voters and 1% to the pDAO: 0.875 ether borrowed."""
    rev = Revenue(1_750_000_000, 5 * 10**16, 10**16, 10**17, E // 8)
    want = Rewards(node=E - 875 * 10**14 - 4375 * 10**13 - 875 * 10**13 - E // 10,
                   voter=4375 * 10**13, protocol_dao=875 * 10**13, reth=875 * 10**14,
                   debt_repaid=E // 10, debt_after=0)
    assert lib_rewards(rev, E, E // 10) == want
    assert distribute_amount(rev, E, E // 10) == want


@FAST
@given(refund=amounts, debt=amounts, nudge=st.integers(-2, 2), tie=st.booleans())
def test_claim(refund, debt, nudge, tie):
    if tie:                                  # a debt the refund just covers, or just misses
        debt = clip(refund + nudge)
    compare(lambda: raw.stake_rocketpool_megapool_claim(refund, debt),
            lambda: claim(refund, debt))
