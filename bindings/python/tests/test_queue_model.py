"""stake.WithdrawalQueue against queue_model.QueueModel, an independent
Python transcription of the contract: random operation sequences (requests
at rates that drift, fall and sit 1-2 wei apart, oracle reports, resumable
batch calculations, prefinalize and finalize with right and wrong ether,
claims with found, wrong and no hints, batch claims, hint searches,
transfers, pauses)
applied to both, every result and every refusal compared, and every view
compared after every step."""

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import stake
from conftest import addr, compare
from queue_model import BUNKER_DISABLED, E27, BatchState, QueueModel
from solidity_model import Revert

pytestmark = pytest.mark.skipif(not hasattr(stake, "WithdrawalQueue"),
                                reason="no withdrawal queue in this libstake")

E = 10**18
OWNERS = [addr(n) for n in range(1, 5)]
MAX_REQUESTS = 80

amounts = st.one_of(
    st.sampled_from([99, 100, 101, 1000 * E, 1000 * E + 1]),
    st.integers(100, 10**6),
    st.integers(100, 1000 * E),
)
# how a request's shares relate to its amount: the rate of the moment, the
# same rate off by a wei or two, or something else entirely
share_kinds = st.sampled_from(["rate", "rate", "rate", "plus1", "minus1", "zero", "any"])
rates = st.one_of(
    st.integers(E27 // 2, 2 * E27),
    st.sampled_from([1, E27 - 1, E27, E27 + 1]),
    st.integers(0, 2**256 - 1),
)


class QueueMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.lib = stake.WithdrawalQueue()
        self.model = QueueModel()
        self.rate = E27 * 11 // 10        # ether per share now, 1e27 precision
        self.now = 1

    def teardown(self):
        self.lib.close()

    def both(self, lib_call, model_call):
        return compare(lib_call, model_call)

    # -- requests and reports
    @initialize(shares=st.integers(1, 10**30))
    def start(self, shares):
        self.rate = max(1, self.rate + shares % 1000 - 500)

    @rule(owner=st.sampled_from(OWNERS), amount=amounts, kind=share_kinds,
          other=st.integers(0, 2**128 - 1), dt=st.integers(-1, 50))
    def enqueue(self, owner, amount, kind, other, dt):
        if self.model.last_request_id >= MAX_REQUESTS:
            return
        shares = amount * E27 // self.rate
        shares = {"rate": shares, "plus1": shares + 1, "minus1": max(shares - 1, 0),
                  "zero": 0, "any": other}[kind]
        ts = max(self.now + dt, 0)
        self.both(lambda: self.lib.enqueue(owner, amount, shares, ts),
                  lambda: self.model.enqueue(owner, amount, shares, ts))
        self.now = max(self.now, ts)

    @rule(bunker=st.booleans(), dt=st.integers(-1, 5000), back=st.integers(0, 3),
          start_back=st.integers(0, 100), drift=st.integers(-E27 // 20, E27 // 100))
    def report(self, bunker, dt, back, start_back, drift):
        now = max(self.now + dt, 0)
        report_ts = max(now - back, 0)          # back == 0 is refused
        bunker_start = max(now - 1 - start_back, 0)
        self.both(lambda: self.lib.on_oracle_report(bunker, bunker_start, report_ts, now),
                  lambda: self.model.on_oracle_report(bunker, bunker_start, report_ts, now))
        if self.model.clock == now:
            self.now = now
            self.rate = max(1, self.rate + drift)

    @rule(toss=st.integers(0, 3))
    def pause_or_resume(self, toss):
        if toss != 0:           # rarely: a paused queue refuses most of the rest
            return
        if self.model.paused:
            self.both(self.lib.resume, self.model.resume)
        else:
            self.both(self.lib.pause, self.model.pause)
        # the same toggle twice is refused
        self.both(self.lib.pause if self.model.paused else self.lib.resume,
                  self.model.pause if self.model.paused else self.model.resume)

    # -- finalization
    @rule(budget=st.one_of(st.integers(0, 200 * E), st.just(2**256 - 1)),
          rate_shift=st.one_of(st.integers(-3, 3), st.integers(-E27 // 10, E27 // 10)),
          any_rate=st.one_of(st.none(), rates),
          ts_back=st.integers(0, 300), per_call=st.integers(1, 50),
          finalize=st.sampled_from(["prefinalized", "prefinalized", "less", "more", "none"]),
          cut=st.integers(0, 40), less=st.integers(0, 10**20))
    def finalize(self, budget, rate_shift, any_rate, ts_back, per_call, finalize, cut, less):
        max_rate = any_rate if any_rate is not None else max(0, self.rate + rate_shift)
        max_ts = max(self.now - ts_back, 0)
        lib_state, model_state = stake.QueueBatches(budget), BatchState(budget)
        for _ in range(MAX_REQUESTS + 2):
            done = self.both(
                lambda: self.batches_view(self.lib.calculate_batches(lib_state, max_rate,
                                                                     max_ts, per_call)),
                lambda: self.model_view(self.model.calculate_batches(model_state, max_rate,
                                                                     max_ts, per_call)))
            if done is None or done[1]:
                break
        ids = model_state.batches[:len(model_state.batches) - cut % 3]
        if not ids:
            ids = [self.model.last_finalized + 1 + cut]
        result = self.both(lambda: self.lib.prefinalize(ids, max_rate),
                           lambda: self.model.prefinalize(ids, max_rate))
        if finalize == "none":
            return
        eth = result[0] if result else less
        if finalize == "less":
            eth = max(eth - less, 0)
        elif finalize == "more":
            eth += 1 + less % 3
        last_id = ids[-1]
        self.both(lambda: self.lib.finalize(last_id, eth, max_rate),
                  lambda: self.model.finalize(last_id, eth, max_rate))

    @staticmethod
    def batches_view(state):
        return state.remaining_eth_budget, bool(state.finished), state.ids

    @staticmethod
    def model_view(state):
        return state.remaining, state.finished, list(state.batches)

    @rule(rids=st.lists(st.integers(0, MAX_REQUESTS + 1), max_size=6),
          first=st.integers(0, 12), last=st.integers(0, 12), keep_sorted=st.booleans())
    def find_hints(self, rids, first, last, keep_sorted):
        if keep_sorted:
            rids = sorted(rids)
        for rid in rids:
            self.both(lambda: self.lib.find_checkpoint_hint(rid, first, last),
                      lambda: self.model.find_checkpoint_hint(rid, first, last))
        self.both(lambda: self.lib.find_checkpoint_hints(rids, first, last),
                  lambda: self.model.find_checkpoint_hints(rids, first, last))

    # -- claims and transfers
    def some_id(self, pick, finalized=False):
        if finalized and self.model.last_finalized:
            return 1 + pick % self.model.last_finalized
        return pick % (self.model.last_request_id + 2)

    @rule(pick=st.integers(0, 10**6), finalized=st.integers(0, 3),
          hint_kind=st.sampled_from(["found", "found", "none", "any"]),
          any_hint=st.integers(0, 12), by_owner=st.integers(0, 3))
    def claim(self, pick, finalized, hint_kind, any_hint, by_owner):
        rid = self.some_id(pick, finalized != 0)
        owner = (self.model.queue[rid].owner if 0 < rid <= self.model.last_request_id
                 else OWNERS[0])
        caller = owner if by_owner else OWNERS[(OWNERS.index(owner) + 1) % len(OWNERS)]
        if hint_kind == "none":
            self.both(lambda: self.lib.claim(rid, caller),
                      lambda: self.model.claim_unhinted(rid, caller))
            return
        hint = any_hint
        if hint_kind == "found" and 0 < rid <= self.model.last_request_id:
            hint = self.model.find_checkpoint_hint(rid, 1, self.model.last_checkpoint_index)
        self.both(lambda: self.lib.claimable_ether(rid, hint),
                  lambda: self.model.claimable_ether(rid, hint))
        self.both(lambda: self.lib.claim(rid, caller, hint=hint),
                  lambda: self.model.claim(rid, hint, caller))

    @rule(picks=st.lists(st.integers(0, 10**6), max_size=6), by=st.integers(0, len(OWNERS) - 1),
          flaw=st.sampled_from(["none", "none", "hint", "repeat", "other", "any"]))
    def claim_batch(self, picks, by, flaw):
        """claimWithdrawals: the caller's own unclaimed finalized requests
        with found hints, at times with one flaw (a wrong hint, an id
        repeated, someone else's request), or any ids at all."""
        m, caller = self.model, OWNERS[by]
        if flaw == "any":
            rids = [self.some_id(p) for p in picks]
        else:
            open_ = [r for r in range(1, m.last_finalized + 1) if not m.queue[r].claimed]
            if open_ and picks:
                caller = m.queue[open_[picks[0] % len(open_)]].owner
            mine = [r for r in open_ if m.queue[r].owner == caller]
            rids = list(dict.fromkeys(mine[p % len(mine)] for p in picks)) if mine else []
        if rids and flaw == "repeat":
            rids.append(rids[picks[0] % len(rids)])
        elif flaw == "other" and m.last_finalized:
            rids.insert(picks[0] % (len(rids) + 1) if picks else 0,
                        self.some_id(picks[-1] if picks else 0, True))
        hints = [m.find_checkpoint_hint(r, 1, m.last_checkpoint_index)
                 if 0 < r <= m.last_request_id else 0 for r in rids]
        if hints and flaw == "hint":
            hints[picks[0] % len(hints)] += 1
        try:
            want, model_error = self.model.claim_withdrawals(rids, hints, caller), None
        except Revert as r:
            want, model_error = None, r
        try:
            got, lib_error = self.lib.claim_batch(rids, caller, hints), None
        except stake.StakeError as e:
            got, lib_error = None, e
        if model_error is None:
            assert lib_error is None and got == want
        else:
            assert lib_error is not None and got is None
            assert (lib_error.name, lib_error.index) == (model_error.name, model_error.index)

    @rule(pick=st.integers(0, 10**6), to=st.sampled_from(OWNERS), by_owner=st.booleans())
    def transfer(self, pick, to, by_owner):
        rid = self.some_id(pick)
        owner = (self.model.queue[rid].owner if 0 < rid <= self.model.last_request_id
                 else OWNERS[0])
        sender = owner if by_owner else OWNERS[(OWNERS.index(owner) + 1) % len(OWNERS)]
        self.both(lambda: self.lib.transfer(sender, to, rid),
                  lambda: self.model.transfer(sender, to, rid))

    # -- the views, after every step
    @invariant()
    def views_agree(self):
        assert_same_queue(self.lib, self.model)


def assert_same_queue(lib, model):
    """Every view of a stake.WithdrawalQueue equals the QueueModel's."""
    assert lib.last_request_id == model.last_request_id
    assert lib.last_finalized_id == model.last_finalized
    assert lib.last_checkpoint_index == model.last_checkpoint_index
    assert lib.last_report_timestamp == model.last_report_ts
    assert lib.locked_ether == model.locked
    assert lib.unfinalized_steth == model.unfinalized_steth
    assert lib.paused == model.paused
    assert lib.bunker_since == model.bunker_since
    assert lib.is_bunker == (model.bunker_since != BUNKER_DISABLED)
    for rid in range(0, model.last_request_id + 2):
        compare(lambda: status_view(lib.status(rid)), lambda: model.status(rid))
    for index in range(1, model.last_checkpoint_index + 1):
        cp = lib.checkpoint(index)
        assert (cp.from_id, cp.max_share_rate) == model.checkpoints[index]
        assert cp.locked_ether == model.finalization_eth[index]
        compare(lambda: dust_view(lib.checkpoint_dust(index)),
                lambda: model.checkpoint_dust(index))
    lib.check()


def status_view(s):
    return (s.amount, s.shares, s.owner, s.timestamp, s.report_timestamp,
            bool(s.finalized), bool(s.claimed))


def dust_view(d):
    return d.locked, d.claimable, d.claimed, d.requests, d.claimed_requests


TestQueueAgainstModel = QueueMachine.TestCase
