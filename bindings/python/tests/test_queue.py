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
