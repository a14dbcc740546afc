"""The oracle report with the withdrawal queue, against the models: the
stETH machine of test_steth_model with a stake.WithdrawalQueue beside it
and queue_model.QueueModel beside the StethModel. Requests by holders in
stETH and wstETH (some for another owner), reports that finalize what the
oracle would (batches calculated at a rate near, below or far below the
pool's, sometimes worth 0 wei, sometimes on a paused queue, sometimes
arbitrary), then claims; every result, balance, total and queue view
compared after every step."""

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

import stake
from queue_model import BatchState, QueueModel
from solidity_model import Revert
from steth_model import ZERO
from test_queue_model import assert_same_queue
from test_steth_model import E, HOLDERS, WSTETH, StethMachine, part

pytestmark = pytest.mark.skipif(not hasattr(stake, "WithdrawalQueue"),
                                reason="no withdrawal queue in this libstake")
E27 = 10**27
QUEUE = stake.WithdrawalQueue.default_params().address


class ReportMachine(StethMachine):
    def __init__(self):
        super().__init__()
        self.queue = stake.WithdrawalQueue()
        self.queue_model = QueueModel()
        self.plan = None

    def teardown(self):
        super().teardown()
        self.queue.close()

    @initialize(version=st.sampled_from([2, 3]), initial=st.sampled_from([1, E, 32 * E]),
                ratio=st.sampled_from([10000, 3000]), each=st.sampled_from([10**4, E, 100 * E]))
    def start(self, version, initial, ratio, each):
        """A token, as in StethMachine, whose holders have deposited each
        wei and approved the queue."""
        StethMachine.start(self, version, initial, ratio)
        for holder in HOLDERS:
            self.both(lambda: self.lib.submit(holder, each), lambda: self.model.submit(holder, each))
            self.both(lambda: self.lib.approve(holder, QUEUE, 2**256 - 1),
                      lambda: self.model.approve(holder, QUEUE, 2**256 - 1))
            self.both(lambda: self.lib.wsteth.approve(holder, QUEUE, 2**256 - 1),
                      lambda: self.model.wsteth_approve(holder, QUEUE, 2**256 - 1))

    def approve_wsteth(self, holder, how, amount):
        """The holder's wstETH allowance to the queue before a request:
        left alone, the largest (which requests lower), exactly amount, or
        none."""
        if how is None:
            return
        value = {"max": 2**256 - 1, "exact": amount, "zero": 0}[how]
        self.both(lambda: self.lib.wsteth.approve(holder, QUEUE, value),
                  lambda: self.model.wsteth_approve(holder, QUEUE, value))

    @rule(holder=st.sampled_from(HOLDERS), fraction=st.integers(0, 5),
          approve=st.integers(0, 3), dt=st.integers(0, 10000),
          owner=st.sampled_from([None, None, ZERO] + HOLDERS))
    def request(self, holder, fraction, approve, dt, owner):
        """By the holder for himself, or (owner given) requestWithdrawals
        with an _owner: the holder's tokens, the owner's request."""
        if approve:
            self.both(lambda: self.lib.approve(holder, QUEUE, 2**256 - 1),
                      lambda: self.model.approve(holder, QUEUE, 2**256 - 1))
        amount = self.held(holder, fraction)
        self.now += dt
        now = self.now
        if owner is None:
            self.both(lambda: self.queue.request(self.lib, holder, amount, now),
                      lambda: self.model.request_withdrawal(self.queue_model, QUEUE, holder,
                                                            amount, now))
            return
        self.both(lambda: self.queue.request_for(self.lib, holder, owner, amount, now),
                  lambda: self.model.request_withdrawal(self.queue_model, QUEUE, owner, amount,
                                                        now, sender=holder))

    @rule(holder=st.sampled_from(HOLDERS), fraction=st.integers(0, 5), dt=st.integers(0, 10000),
          owner=st.sampled_from([None, None, ZERO] + HOLDERS),
          how=st.sampled_from([None, None, "max", "exact", "zero"]))
    def request_wsteth(self, holder, fraction, dt, owner, how):
        """requestWithdrawalsWstETH of some of the holder's wstETH (half
        his stETH wrapped first if he has none), for himself or for
        another owner, after an approval of the queue in wstETH."""
        if not self.model.wrapped.get(holder) and not self.model.stopped:
            amount = self.held(holder, 2)
            self.both(lambda: self.lib.approve(holder, WSTETH, amount),
                      lambda: self.model.approve(holder, WSTETH, amount))
            self.both(lambda: self.lib.wsteth.wrap(holder, amount),
                      lambda: self.model.wrap(holder, amount))
        w = part(self.model.wrapped.get(holder, 0), fraction)
        self.approve_wsteth(holder, how, w)
        self.now += dt
        now = self.now
        if owner is None:
            self.both(lambda: self.queue.request_wsteth(self.lib, holder, w, now),
                      lambda: self.model.request_withdrawal_wsteth(self.queue_model, QUEUE,
                                                                   holder, w, now))
            return
        self.both(lambda: self.queue.request_wsteth_for(self.lib, holder, owner, w, now),
                  lambda: self.model.request_withdrawal_wsteth(self.queue_model, QUEUE, owner, w,
                                                               now, sender=holder))

    @rule(holder=st.sampled_from(HOLDERS), fractions=st.lists(st.integers(0, 5), max_size=4),
          dt=st.integers(0, 10000), owner=st.sampled_from([ZERO] + HOLDERS),
          wsteth=st.booleans(), how=st.sampled_from([None, None, "max", "exact", "zero"]))
    def request_batch(self, holder, fractions, dt, owner, wsteth, how):
        """requestWithdrawals(amounts, owner) or requestWithdrawalsWstETH:
        parts of what the holder has, which together may be more than
        that, so that a later element can refuse after earlier ones
        passed. Results, refusal and the refused index compared."""
        if wsteth:
            amounts = [part(self.model.wrapped.get(holder, 0), f) for f in fractions]
            # "exact": the first element's worth, so later ones may refuse
            self.approve_wsteth(holder, how, amounts[0] if amounts else 0)
        else:
            amounts = [self.held(holder, f) for f in fractions]
        self.now += dt
        now = self.now
        try:
            want, model_error = self.model.request_withdrawals(
                self.queue_model, QUEUE, owner, amounts, now, sender=holder, wsteth=wsteth), None
        except Revert as r:
            want, model_error = None, r
        batch = self.queue.request_wsteth_batch if wsteth else self.queue.request_batch
        try:
            got, lib_error = batch(self.lib, holder, owner, amounts, now), None
        except stake.StakeError as e:
            got, lib_error = None, e
        if model_error is None:
            assert lib_error is None and got == want, lib_error
        else:
            assert lib_error is not None and got is None, model_error.name
            assert lib_error.index == getattr(model_error, "index", None), (lib_error,
                                                                            model_error.name)

    @rule(toss=st.integers(0, 5))
    def pause_queue(self, toss):
        if toss:
            return
        if self.queue_model.paused:
            self.both(self.queue.resume, self.queue_model.resume)
        else:
            self.both(self.queue.pause, self.queue_model.pause)

    @rule(kind=st.sampled_from(["oracle", "oracle", "oracle", "none", "any"]),
          rate_shift=st.sampled_from([0, 0, -1, 1, -E27 // 100, -E27 // 2, None]),
          budget_part=st.integers(1, 4), ids=st.lists(st.integers(0, 30), max_size=3),
          bunker=st.booleans())
    def plan_finalization(self, kind, rate_shift, budget_part, ids, bunker):
        """What the next report finalizes: the oracle's batches (the budget a
        part of the buffer, requests older than a margin), none, or any
        ids. A rate shift of None is a rate of 1 (a batch worth 0 wei)."""
        m, q = self.model, self.queue_model
        try:
            rate = m.internal_ether() * E27 // m.internal_shares()
        except ZeroDivisionError:
            rate = E27
        rate = 1 if rate_shift is None else max(1, rate + rate_shift)
        batches = []
        if kind == "any":
            batches = ids
        elif kind == "oracle" and q.last_request_id > q.last_finalized:
            state = BatchState(max(1, m.buffered * budget_part // 4))
            try:
                for _ in range(q.last_request_id + 2):
                    q.calculate_batches(state, rate, self.now, 5)
                    if state.finished:
                        break
                batches = list(state.batches)
            except Revert:      # a request of zero shares: the view reverts
                batches = []
        self.plan = (batches, rate, bunker)

    def finalization(self):
        if self.plan is None:
            batches, rate, bunker = [], 0, False
        else:
            batches, rate, bunker = self.plan
        self.plan = None
        lib = dict(queue=self.queue, finalization_batches=batches, simulated_share_rate=rate,
                   is_bunker_mode=int(bunker), bunker_start_timestamp=self.now - 1)
        model = dict(queue=self.queue_model, queue_address=QUEUE, batches=batches,
                     simulated_rate=rate, bunker=bunker, bunker_start=self.now - 1)
        return lib, model

    @rule(kind=st.sampled_from(["oracle", "oracle", "oracle", "any"]),
          rate_shift=st.sampled_from([0, 0, -1, 1, -E27 // 100, -E27 // 2, None]),
          budget_part=st.integers(1, 4), ids=st.lists(st.integers(0, 30), max_size=3),
          bunker=st.booleans(), percent=st.integers(-20, 20), limit=st.sampled_from(
              [750000, 2**64 - 1]))
    def finalizing_report(self, kind, rate_shift, budget_part, ids, bunker, percent, limit):
        """A well-formed report that finalizes (the ordinary week)."""
        self.plan_finalization(kind, rate_shift, budget_part, ids, bunker)
        self.report(appeared=0, percent=percent, wei=0, wv=0, el=E // 10, limit=limit,
                    total_fee=10**19, split=50, recipients=(HOLDERS[2], HOLDERS[3], HOLDERS[0]),
                    bad_debt_fraction=0, late=1)

    @rule(pick=st.integers(0, 10**6))
    def claim(self, pick):
        q = self.queue_model
        if not q.last_finalized:
            return
        rid = 1 + pick % q.last_finalized
        owner = q.queue[rid].owner
        self.both(lambda: self.queue.claim(rid, owner),
                  lambda: q.claim_unhinted(rid, owner))

    @invariant()
    def queue_agrees(self):
        assert_same_queue(self.queue, self.queue_model)
        for holder in HOLDERS:
            assert self.lib.wsteth.allowance(holder, QUEUE) == self.model.wsteth_allowance(
                holder, QUEUE)


TestReportAgainstModel = ReportMachine.TestCase
