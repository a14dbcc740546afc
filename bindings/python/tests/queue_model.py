"""An independent Python model of Lido's withdrawal queue, written from the
contracts (WithdrawalQueueBase.sol and WithdrawalQueue.sol of
lidofinance/core) and ../shared/reference/protocol-semantics.md section 2,
not from libstake's C code. test_queue_model.py runs it side by side with
stake.WithdrawalQueue.

Solidity's reverts become Revert(name), named with libstake's status for
that revert, so that the two can be compared refusal by refusal. Every
operation checks everything before it changes anything, as a reverted
transaction leaves no trace.

Beyond the contract, as libstake's header documents: a clock (timestamps
must not go back, and stay below 2^40, the uint40 the contract stores),
and the request bounds and 2^128 limits applied to enqueue.
"""

import copy

from solidity_model import Revert, require

E27 = 10**27
U128 = 2**128
TIMESTAMP_LIMIT = 2**40
BUNKER_DISABLED = 2**64 - 1     # stake_queue_bunker_since() when off
MAX_BATCHES = 36


def rate_of(steth, shares):
    """_calcBatch's floor(stETH * 1e27 / shares); a Panic on zero shares."""
    require(shares != 0, "STAKE_EDIVZERO")
    return steth * E27 // shares


class Request:
    __slots__ = ("cum_steth", "cum_shares", "owner", "timestamp", "claimed", "report_ts")

    def __init__(self, cum_steth, cum_shares, owner, timestamp, claimed, report_ts):
        self.cum_steth = cum_steth
        self.cum_shares = cum_shares
        self.owner = owner
        self.timestamp = timestamp
        self.claimed = claimed
        self.report_ts = report_ts


class BatchState:
    """BatchesCalculationState."""

    def __init__(self, budget):
        self.remaining = budget
        self.finished = False
        self.batches = []


class QueueModel:
    def __init__(self, min_amount=100, max_amount=1000 * 10**18):
        self.min_amount = min_amount
        self.max_amount = max_amount
        self.queue = [Request(0, 0, None, 0, True, 0)]     # id 0: the dummy
        self.checkpoints = [(0, 0)]                       # (fromRequestId, maxShareRate)
        self.finalization_eth = [0]                       # ether locked per checkpoint
        self.last_finalized = 0
        self.locked = 0
        self.last_report_ts = 0
        self.bunker_since = BUNKER_DISABLED
        self.paused = False
        self.clock = 0

    # -- views
    @property
    def last_request_id(self):
        return len(self.queue) - 1

    @property
    def last_checkpoint_index(self):
        return len(self.checkpoints) - 1

    @property
    def unfinalized_steth(self):
        return self.queue[-1].cum_steth - self.queue[self.last_finalized].cum_steth

    def _delta(self, prev_id, end_id):
        a, b = self.queue[prev_id], self.queue[end_id]
        return b.cum_steth - a.cum_steth, b.cum_shares - a.cum_shares

    def status(self, rid):
        require(0 < rid <= self.last_request_id, "STAKE_EINVALIDID")
        steth, shares = self._delta(rid - 1, rid)
        r = self.queue[rid]
        return (steth, shares, r.owner, r.timestamp, r.report_ts,
                rid <= self.last_finalized, r.claimed)

    def _tick(self, timestamp):
        require(self.clock <= timestamp < TIMESTAMP_LIMIT, "STAKE_ETIMESTAMP")

    # -- requests
    def check_amount(self, amount):
        """_checkWithdrawalRequestAmount; returns the amount."""
        require(amount >= self.min_amount, "STAKE_EAMOUNTTOOSMALL")
        require(amount <= self.max_amount, "STAKE_EAMOUNTTOOLARGE")
        return amount

    def enqueue(self, owner, amount, shares, timestamp):
        self._tick(timestamp)
        require(not self.paused, "STAKE_EPAUSED")
        self.check_amount(amount)
        require(amount < U128 and shares < U128, "STAKE_ETOOLARGE")
        last = self.queue[-1]
        cum_steth, cum_shares = last.cum_steth + amount, last.cum_shares + shares
        require(cum_steth < U128 and cum_shares < U128, "STAKE_EOVERFLOW")
        self.clock = timestamp
        self.queue.append(Request(cum_steth, cum_shares, owner, timestamp, False,
                                  self.last_report_ts))
        return self.last_request_id

    def transfer(self, sender, to, rid):
        require(to != sender, "STAKE_ESELFTRANSFER")
        require(0 < rid <= self.last_request_id, "STAKE_EINVALIDID")
        r = self.queue[rid]
        require(not r.claimed, "STAKE_EALREADYCLAIMED")
        require(r.owner == sender, "STAKE_ENOTOWNER")
        r.owner = to

    # -- finalization
    def calculate_batches(self, state, max_rate, max_ts, per_call):
        require(not state.finished and state.remaining != 0, "STAKE_EBATCHSTATE")
        remaining, batches = state.remaining, list(state.batches)
        if not batches:
            current = self.last_finalized + 1
            prev_rate = 0
        else:
            current = batches[-1] + 1
            prev_rate = rate_of(*self._delta(current - 2, current - 1))
        prev = self.queue[current - 1]
        stop_at = current + per_call
        length = self.last_request_id + 1
        while current < length and current < stop_at:
            request = self.queue[current]
            if request.timestamp > max_ts:
                break
            steth, shares = request.cum_steth - prev.cum_steth, request.cum_shares - prev.cum_shares
            rate = rate_of(steth, shares)
            eth = shares * max_rate // E27 if rate > max_rate else steth
            if eth > remaining:
                break
            remaining -= eth      # charged before the 36-batch break below
            if batches and (prev.report_ts == request.report_ts
                            or (prev_rate <= max_rate and rate <= max_rate)
                            or (prev_rate > max_rate and rate > max_rate)):
                batches[-1] = current
            else:
                if len(batches) == MAX_BATCHES:
                    break
                batches.append(current)
            prev_rate, prev = rate, request
            current += 1
        state.remaining = remaining
        state.batches = batches
        state.finished = current == length or current < stop_at
        return state

    def prefinalize(self, batches, max_rate):
        require(max_rate != 0, "STAKE_EZERORATE")
        require(len(batches) > 0, "STAKE_EBATCHES")
        require(batches[0] > self.last_finalized, "STAKE_EINVALIDID")
        require(batches[-1] <= self.last_request_id, "STAKE_EINVALIDID")
        eth = burn = 0
        prev = self.last_finalized
        for end in batches:
            # an id past the last request reads an empty slot on chain and
            # panics; libstake names that STAKE_EBATCHES
            require(prev < end <= self.last_request_id, "STAKE_EBATCHES")
            steth, shares = self._delta(prev, end)
            rate = rate_of(steth, shares)
            eth += shares * max_rate // E27 if rate > max_rate else steth
            burn += shares
            prev = end
        return eth, burn

    def finalize(self, last_id, eth, max_rate):
        require(not self.paused, "STAKE_EPAUSED")
        require(self.last_finalized < last_id <= self.last_request_id, "STAKE_EINVALIDID")
        steth, _ = self._delta(self.last_finalized, last_id)
        require(eth <= steth, "STAKE_ETOOMUCHETHER")
        self.checkpoints.append((self.last_finalized + 1, max_rate))
        self.finalization_eth.append(eth)
        self.locked += eth
        self.last_finalized = last_id

    # -- hints and claims
    def find_checkpoint_hint(self, rid, start, end):
        require(0 < rid <= self.last_request_id, "STAKE_EINVALIDID")
        last_cp = self.last_checkpoint_index
        require(start != 0 and end <= last_cp, "STAKE_EINVALIDRANGE")
        if last_cp == 0 or rid > self.last_finalized or start > end:
            return 0
        if rid >= self.checkpoints[end][0]:
            if end == last_cp or rid < self.checkpoints[end + 1][0]:
                return end
            return 0
        if rid < self.checkpoints[start][0]:
            return 0
        lo, hi = start, end - 1
        while hi > lo:
            mid = (lo + hi + 1) // 2
            if self.checkpoints[mid][0] <= rid:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def find_checkpoint_hints(self, ids, first, last):
        hints, prev = [], 0
        for rid in ids:
            require(rid >= prev, "STAKE_EUNSORTED")
            first = self.find_checkpoint_hint(rid, first, last)
            hints.append(first)
            prev = rid
        return hints

    def _claimable(self, rid, hint):
        """_calculateClaimableEther."""
        last_cp = self.last_checkpoint_index
        require(hint != 0 and hint <= last_cp, "STAKE_EBADHINT")
        from_id, max_rate = self.checkpoints[hint]
        require(rid >= from_id, "STAKE_EBADHINT")
        if hint < last_cp:
            require(self.checkpoints[hint + 1][0] > rid, "STAKE_EBADHINT")
        steth, shares = self._delta(rid - 1, rid)
        if rate_of(steth, shares) > max_rate:
            return shares * max_rate // E27
        return steth

    def claimable_ether(self, rid, hint):
        require(0 < rid <= self.last_request_id, "STAKE_EINVALIDID")
        if rid > self.last_finalized or self.queue[rid].claimed:
            return 0
        return self._claimable(rid, hint)

    def claim(self, rid, hint, caller):
        require(rid != 0, "STAKE_EINVALIDID")
        require(rid <= self.last_finalized, "STAKE_ENOTFINALIZED")
        r = self.queue[rid]
        require(not r.claimed, "STAKE_EALREADYCLAIMED")
        require(r.owner == caller, "STAKE_ENOTOWNER")
        eth = self._claimable(rid, hint)
        require(eth <= self.locked, "STAKE_ENOTENOUGHETHER")
        r.claimed = True
        self.locked -= eth
        return eth

    def claim_withdrawals(self, rids, hints, caller):
        """claimWithdrawals(ids, hints): _claim for each in turn; the first
        revert reverts the whole call (index: the element that failed)."""
        require(len(rids) == len(hints), "ArraysLengthMismatch")
        saved = copy.deepcopy(self.__dict__)
        paid = []
        for i, (rid, hint) in enumerate(zip(rids, hints)):
            try:
                paid.append(self.claim(rid, hint, caller))
            except Revert as r:
                self.__dict__.clear()
                self.__dict__.update(saved)
                r.index = i
                raise
        return paid

    def claim_unhinted(self, rid, caller):
        hint = self.find_checkpoint_hint(rid, 1, self.last_checkpoint_index)
        return self.claim(rid, hint, caller)

    # -- what rounding leaves behind
    def checkpoint_dust(self, index):
        """(locked, claimable, claimed, requests, claimed_requests) of one
        finalization."""
        require(0 < index <= self.last_checkpoint_index, "STAKE_ERANGE")
        first = self.checkpoints[index][0]
        last = (self.checkpoints[index + 1][0] - 1 if index < self.last_checkpoint_index
                else self.last_finalized)
        claimable = claimed = claimed_requests = 0
        for rid in range(first, last + 1):
            eth = self._claimable(rid, index)
            claimable += eth
            if self.queue[rid].claimed:
                claimed += eth
                claimed_requests += 1
        return (self.finalization_eth[index], claimable, claimed, last - first + 1,
                claimed_requests)

    # -- oracle and pause
    def on_oracle_report(self, is_bunker_now, bunker_start, report_ts, now):
        self._tick(now)
        require(bunker_start < now and report_ts < now, "STAKE_ETIMESTAMP")
        self.clock = now
        self.last_report_ts = report_ts
        if is_bunker_now != (self.bunker_since != BUNKER_DISABLED):
            self.bunker_since = bunker_start if is_bunker_now else BUNKER_DISABLED

    def pause(self):
        require(not self.paused, "STAKE_ESTATE")
        self.paused = True

    def resume(self):
        require(self.paused, "STAKE_ESTATE")
        self.paused = False
