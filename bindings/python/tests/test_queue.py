"""The withdrawal queue through the Pythonic API: requests from a StETH,
batches, prefinalize, finalize, hints and claims, checked against Python
ints."""

import pytest

import stake

pytestmark = pytest.mark.skipif(not hasattr(stake, "WithdrawalQueue"),
                                reason="no withdrawal queue in this libstake")
E = 10**18
E27 = 10**27


def test_queue_round_trip(alice, bob):
    with stake.StETH() as steth, stake.WithdrawalQueue() as q:
        assert q.address == stake.WithdrawalQueue.default_params().address
        steth.submit(alice, 10 * E)
        steth.approve(alice, q.address, 10 * E)
        totals = steth.totals
        shares = [totals.shares_by_pooled_eth(a) for a in (2 * E, 3 * E)]
        assert q.request(steth, alice, 2 * E, 1000) == 1
        assert q.request(steth, alice, 3 * E, 1001) == 2
        assert q.last_request_id == 2 and q.last_finalized_id == 0
        st = q.status(1)
        assert isinstance(st, stake.QueueStatus)
        assert (st.amount, st.shares, st.owner, st.timestamp) == (2 * E, shares[0], alice, 1000)
        assert not st.finalized and not st.claimed
        assert steth.shares_of(q.address) == sum(shares)
        assert q.unfinalized_steth == 5 * E
        # ERC-721 transfer of the second request
        q.transfer(alice, bob, 2)
        assert q.status(2).owner == bob
        with pytest.raises(stake.StakeQueueError) as e:
            q.transfer(alice, bob, 2)
        assert e.value.name == "STAKE_ENOTOWNER"

        # finalization at the current share rate
        rate = E27 * totals.internal_ether // totals.internal_shares
        batches = q.calculate_batches(stake.QueueBatches(10 * E), rate, 2000, 10)
        assert batches.finished
        assert batches.ids[-1] == 2
        eth, burn = q.prefinalize(batches.ids, rate)
        assert burn == sum(shares)
        # each request gets its nominal amount, or its shares at the rate if
        # its own floored rate is above it
        expect = [a if E27 * a // s <= rate else s * rate // E27
                  for a, s in zip((2 * E, 3 * E), shares)]
        assert eth <= 5 * E
        q.finalize(2, eth, rate)
        assert q.last_finalized_id == 2 and q.locked_ether == eth
        assert q.last_checkpoint_index == 1
        cp = q.checkpoint(1)
        assert (cp.from_id, cp.max_share_rate) == (1, rate)
        assert q.find_checkpoint_hints([1, 2]) == [1, 1]
        assert q.find_checkpoint_hint(2) == 1

        # claims
        assert q.claimable_ether(1) == expect[0]
        assert q.claim(1, alice) == expect[0]
        with pytest.raises(stake.StakeQueueError) as e:
            q.claim(1, alice)
        assert e.value.name == "STAKE_EALREADYCLAIMED"
        with pytest.raises(stake.StakeQueueError) as e:
            q.claim(2, alice, hint=1)
        assert e.value.name == "STAKE_ENOTOWNER"
        assert q.claim(2, bob, hint=1) == expect[1]
        assert q.locked_ether == eth - sum(expect)
        dust = q.checkpoint_dust(1)
        assert dust.locked == eth and dust.claimed == sum(expect)
        assert dust.requests == 2 and dust.claimed_requests == 2
        q.check()

        # pause and bunker mode
        q.pause()
        assert q.paused
        with pytest.raises(stake.StakeQueueError):
            q.request(steth, alice, E, 3000)
        q.resume()
        q.on_oracle_report(True, 2500, 2600, 3000)
        assert q.is_bunker and q.bunker_since == 2500
        clone = q.clone()
        assert clone.last_request_id == 2
        clone.close()


def test_claim_batch(alice, bob):
    """claimWithdrawals(ids, hints): the same ether as single claims, and
    a refusal anywhere leaves every request unclaimed."""
    with stake.WithdrawalQueue() as q:
        for i in range(6):
            q.enqueue(alice if i != 4 else bob, (i + 1) * E, (i + 1) * E, 1000 + i)
        q.finalize(3, 6 * E, E27)              # requests 1-3 at 1.0
        q.finalize(6, 15 * E // 2, E27 // 2)   # 4-6 at 0.5: discounted
        hints = q.find_checkpoint_hints([1, 2, 3, 4, 5, 6])
        assert hints == [1, 1, 1, 2, 2, 2]
        locked = q.locked_ether
        single = q.clone()
        want = [single.claim(i, alice, hint=h) for i, h in ((1, 1), (3, 1), (6, 2))]
        assert want == [E, 3 * E, 3 * E]

        def unclaimed():
            return [q.status(i).claimed for i in range(1, 7)] == [False] * 6

        for ids, hs, caller, name, index in (
                ([1, 3, 5], [1, 1, 2], alice, "STAKE_ENOTOWNER", 2),
                ([1, 3, 1], [1, 1, 1], alice, "STAKE_EALREADYCLAIMED", 2),
                ([1, 3, 6], [1, 1, 1], alice, "STAKE_EBADHINT", 2),
                ([0], [1], alice, "STAKE_EINVALIDID", 0),
                ([2, 7], [1, 2], alice, "STAKE_ENOTFINALIZED", 1)):
            with pytest.raises(stake.StakeQueueError) as e:
                q.claim_batch(ids, caller, hs)
            assert (e.value.name, e.value.index) == (name, index)
            assert unclaimed() and q.locked_ether == locked
        with pytest.raises(ValueError):
            q.claim_batch([1, 3], alice, [1])
        with pytest.raises(TypeError):
            q.claim_batch([1, "3"], alice, [1, 1])
        assert q.claim_batch([], alice) == []

        assert q.claim_batch((1, 3, 6), alice, iter([1, 1, 2])) == want
        assert q.locked_ether == single.locked_ether == locked - sum(want)
        assert [q.status(i).claimed for i in range(1, 7)] == [True, False, True,
                                                               False, False, True]
        assert q.claim_batch([5], bob) == [5 * E // 2]        # hints searched
        q.check()
        single.close()


def test_request_on_behalf(alice, bob, carol):
    """requestWithdrawals(amounts, _owner): the sender's tokens, the
    owner's request; a zero owner is the sender."""
    zero = b"\0" * 20
    with stake.StETH() as steth, stake.WithdrawalQueue() as q:
        steth.submit(alice, 10 * E)
        steth.approve(bob, q.address, 10 * E)     # the owner's allowance is no use
        with pytest.raises(stake.StakeTokenError) as e:
            q.request_for(steth, alice, bob, E, 1)
        assert e.value.name == "STAKE_EALLOWANCE"
        steth.approve(alice, q.address, 10 * E)
        shares = steth.shares_of(alice)
        assert q.request_for(steth, alice, bob, E, 2) == 1
        assert q.status(1).owner == bob
        assert steth.shares_of(alice) == shares - q.status(1).shares
        assert steth.shares_of(bob) == 0
        assert q.request_for(steth, alice, zero, E, 3) == 2
        assert q.status(2).owner == alice

        steth.approve(alice, stake.StETH.default_params().wsteth, 2**256 - 1)
        steth.wsteth.wrap(alice, 2 * E)
        with pytest.raises(stake.StakeTokenError):
            q.request_wsteth_for(steth, carol, alice, E, 4)
        with pytest.raises(stake.StakeTokenError) as e:          # the queue pulls with
            q.request_wsteth_for(steth, alice, carol, E, 4)      # wstETH's transferFrom
        assert e.value.name == "STAKE_EALLOWANCE"
        steth.wsteth.approve(alice, q.address, 2**256 - 1)
        assert q.request_wsteth_for(steth, alice, carol, E, 4) == 3
        assert steth.wsteth.allowance(alice, q.address) == 2**256 - 1 - E
        assert q.status(3).owner == carol
        assert steth.wsteth.balance_of(alice) == E
        q.check()


def test_request_batch(alice, bob, carol):
    """requestWithdrawals(amounts, owner) as one call: the same ids and
    balances as the requests one at a time, or nothing and the index of
    the element refused."""
    with stake.StETH() as steth, stake.WithdrawalQueue() as q:
        steth.submit(alice, 10 * E)
        steth.approve(alice, q.address, 5 * E // 2)
        shares, allowance = steth.shares_of(alice), steth.allowance(alice, q.address)
        for amounts, name, index in (([E, E, E], "STAKE_EALLOWANCE", 2),
                                     ([E, 99, E], "STAKE_EAMOUNTTOOSMALL", 1)):
            with pytest.raises(stake.StakeError) as e:
                q.request_batch(steth, alice, carol, amounts, 1)
            assert (e.value.name, e.value.index) == (name, index)
        assert q.last_request_id == 0
        assert steth.shares_of(alice) == shares
        assert steth.allowance(alice, q.address) == allowance
        with pytest.raises(TypeError):
            q.request_batch(steth, alice, carol, [E, 1.5], 1)
        with pytest.raises(OverflowError):
            q.request_batch(steth, alice, carol, [E, -1], 1)

        single = q.clone()
        with steth.clone() as copy:
            want = [single.request_for(copy, alice, carol, a, 2) for a in (E, E // 2)]
            assert q.request_batch(steth, alice, carol, iter([E, E // 2]), 2) == want == [1, 2]
            assert steth.shares_of(alice) == copy.shares_of(alice)
        single.close()
        assert [q.status(i).owner for i in (1, 2)] == [carol, carol]
        assert q.request_batch(steth, alice, carol, [], 3) == []
        q.pause()
        with pytest.raises(stake.StakeError) as e:
            q.request_batch(steth, alice, carol, [], 3)
        assert (e.value.name, e.value.index) == ("STAKE_EPAUSED", None)
        q.resume()

        steth.approve(alice, stake.StETH.default_params().wsteth, 2**256 - 1)
        steth.wsteth.wrap(alice, 2 * E)
        steth.wsteth.approve(alice, q.address, E)
        with pytest.raises(stake.StakeError) as e:
            q.request_wsteth_batch(steth, alice, bob, [E, E, E], 4)
        assert (e.value.name, e.value.index) == ("STAKE_EALLOWANCE", 1)
        steth.wsteth.approve(alice, q.address, 3 * E)
        with pytest.raises(stake.StakeError) as e:
            q.request_wsteth_batch(steth, alice, bob, [E, E, E], 4)
        assert (e.value.name, e.value.index) == ("STAKE_EBALANCE", 2)
        assert q.request_wsteth_batch(steth, alice, bob, [E, E], 4) == [3, 4]
        assert steth.wsteth.balance_of(alice) == 0
        assert steth.wsteth.allowance(alice, q.address) == E
        assert q.status(4).owner == bob
        q.check()
