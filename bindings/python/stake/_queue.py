"""The Lido withdrawal queue (WithdrawalQueueERC721), Pythonic layer.

Imported by stake/__init__.py when the library has <stake/queue.h>.
"""

from . import _raw, raw
from . import _Handle, _params

__all__ = ["WithdrawalQueue", "QueueBatches", "QueueStatus", "QueueCheckpoint", "QueueDust"]

#: getWithdrawalStatus of one request (amount, shares, owner, timestamp,
#: report_timestamp, finalized, claimed).
QueueStatus = raw.stake_queue_status
#: One finalization's checkpoint (from_id, to_id, max_share_rate, locked_ether).
QueueCheckpoint = raw.stake_queue_checkpoint
#: What rounding left behind in one finalization.
QueueDust = raw.stake_queue_dust


class QueueBatches(raw.stake_queue_batches):
    """The resumable state of calculateFinalizationBatches, started with an
    ether budget. ``ids`` are the last request ids of the batches so far."""

    def __init__(self, eth_budget):
        super().__init__()
        _raw.stake_queue_batches_init(self, eth_budget)

    @property
    def ids(self):
        return list(self.batches[:self.length])


class WithdrawalQueue(_Handle):
    """Lido's withdrawal queue: requests, finalization at a share rate,
    claims, bunker mode and pause, to the wei of the contracts.

    Ids and checkpoint indices are 1-based as on chain; timestamps are Unix
    seconds and must not go back in time."""

    _snapshot = "queue"        # once <stake/snapshot.h> holds queues
    _free = staticmethod(_raw.stake_queue_free)
    _clone = staticmethod(_raw.stake_queue_clone)

    def __init__(self, *, expected_requests=0, **params):
        """Keywords: the fields of stake_queue_params (address, min_amount,
        max_amount), starting from the mainnet values."""
        p = _params(_raw.stake_queue_params_init(raw.STAKE_QUEUE_PARAMS_VERSION),
                    "WithdrawalQueue", params)
        p.expected_requests = expected_requests
        super().__init__(_raw.stake_queue_new(p))

    @staticmethod
    def default_params():
        """The mainnet parameters (a stake_queue_params)."""
        return _raw.stake_queue_params_init(raw.STAKE_QUEUE_PARAMS_VERSION)

    @property
    def address(self):
        return _raw.stake_queue_address(self._h())

    @property
    def memory(self):
        return _raw.stake_queue_memory(self._h())

    def check(self):
        """Verify every invariant (StakeIOError STAKE_ECORRUPT if one fails)."""
        _raw.stake_queue_check(self._h())

    # -- requests
    def request(self, token, owner, amount, timestamp):
        """requestWithdrawals([amount], owner) from a StETH; returns the id."""
        return _raw.stake_queue_request(self._mutable(), token._mutable(), owner, amount,
                                        timestamp)

    def request_wsteth(self, token, owner, wsteth_amount, timestamp):
        """requestWithdrawalsWstETH([amount], owner): the queue pulls the
        wstETH with transferFrom, so owner must have approved it
        (token.wsteth.approve; the allowance is spent). Returns the id."""
        return _raw.stake_queue_request_wsteth(self._mutable(), token._mutable(), owner,
                                               wsteth_amount, timestamp)

    def request_for(self, token, sender, owner, amount, timestamp):
        """requestWithdrawals([amount], owner) sent by sender: sender's
        stETH and allowance, owner's request (a zero owner is the sender);
        returns the id."""
        return _raw.stake_queue_request_for(self._mutable(), token._mutable(), sender, owner,
                                            amount, timestamp)

    def request_wsteth_for(self, token, sender, owner, wsteth_amount, timestamp):
        """requestWithdrawalsWstETH([amount], owner) sent by sender:
        sender's wstETH and wstETH allowance, owner's request; returns the
        id."""
        return _raw.stake_queue_request_wsteth_for(self._mutable(), token._mutable(), sender,
                                                   owner, wsteth_amount, timestamp)

    def request_batch(self, token, sender, owner, amounts, timestamp):
        """requestWithdrawals(amounts, owner) sent by sender: every amount
        requested in turn, as request_for() would, or none (the
        exception's .index is the element refused). Returns the new ids."""
        return _raw.stake_queue_request_batch(self._mutable(), token._mutable(), sender, owner,
                                              list(amounts), timestamp)

    def request_wsteth_batch(self, token, sender, owner, wsteth_amounts, timestamp):
        """requestWithdrawalsWstETH(wsteth_amounts, owner) sent by sender,
        all or nothing as request_batch(); returns the new ids."""
        return _raw.stake_queue_request_wsteth_batch(self._mutable(), token._mutable(), sender,
                                                     owner, list(wsteth_amounts), timestamp)

    def enqueue(self, owner, amount, shares, timestamp):
        """Append a request as a chain's WithdrawalRequested event gives it."""
        return _raw.stake_queue_enqueue(self._mutable(), owner, amount, shares, timestamp)

    def transfer(self, from_, to, request_id):
        """ERC-721 transferFrom of a request by its owner."""
        _raw.stake_queue_transfer(self._mutable(), from_, to, request_id)

    # -- views
    @property
    def last_request_id(self):
        return _raw.stake_queue_last_request_id(self._h())

    @property
    def last_finalized_id(self):
        return _raw.stake_queue_last_finalized_id(self._h())

    @property
    def last_checkpoint_index(self):
        return _raw.stake_queue_last_checkpoint_index(self._h())

    @property
    def last_report_timestamp(self):
        return _raw.stake_queue_last_report_timestamp(self._h())

    @property
    def locked_ether(self):
        return _raw.stake_queue_locked_ether(self._h())

    @property
    def unfinalized_steth(self):
        return _raw.stake_queue_unfinalized_steth(self._h())

    def status(self, request_id):
        """getWithdrawalStatus (a QueueStatus)."""
        return _raw.stake_queue_request_status(self._h(), request_id)

    def checkpoint(self, index):
        """The checkpoint at index (1-based)."""
        return _raw.stake_queue_checkpoint_at(self._h(), index)

    def checkpoint_dust(self, index):
        """The accounting of one finalization (a QueueDust)."""
        return _raw.stake_queue_checkpoint_dust(self._h(), index)

    # -- finalization
    def calculate_batches(self, state, max_share_rate, max_timestamp, max_requests_per_call):
        """One call of calculateFinalizationBatches; state (a QueueBatches)
        is updated in place and returned."""
        _raw.stake_queue_calculate_batches(state, self._h(), max_share_rate, max_timestamp,
                                           max_requests_per_call)
        return state

    def prefinalize(self, batches, max_share_rate):
        """(eth_to_lock, shares_to_burn) for finalizing up to batches[-1]."""
        return _raw.stake_queue_prefinalize(self._h(), list(batches), max_share_rate)

    def finalize(self, last_id, eth, max_share_rate):
        _raw.stake_queue_finalize(self._mutable(), last_id, eth, max_share_rate)

    # -- claims
    def find_checkpoint_hint(self, request_id, start=1, end=None):
        if end is None:
            end = self.last_checkpoint_index
        return _raw.stake_queue_find_checkpoint_hint(self._h(), request_id, start, end)

    def find_checkpoint_hints(self, request_ids, first=1, last=None):
        """findCheckpointHints: each search starts from the previous id's
        hint, so an id not found (hint 0) is refused unless it is the last,
        as on chain."""
        if last is None:
            last = self.last_checkpoint_index
        return _raw.stake_queue_find_checkpoint_hints(self._h(), list(request_ids), first, last)

    def claimable_ether(self, request_id, hint=None):
        if hint is None:
            hint = self.find_checkpoint_hint(request_id)
        return _raw.stake_queue_claimable_ether(self._h(), request_id, hint)

    def claim(self, request_id, caller, hint=None):
        """claimWithdrawal(s) by caller; returns the ether paid. Without a
        hint the queue searches it (claimWithdrawal)."""
        if hint is None:
            return _raw.stake_queue_claim_unhinted(self._mutable(), request_id, caller)
        return _raw.stake_queue_claim(self._mutable(), request_id, hint, caller)

    def claim_batch(self, request_ids, caller, hints=None):
        """claimWithdrawals(request_ids, hints) by caller: every request
        claimed in turn, or none (the exception's .index is the element
        refused). Returns the ether each request pays. Without hints each
        is searched over every checkpoint first, as claim() does (the
        search's refusals, without an index, come first). Lists of
        different lengths are a ValueError, as the contract's
        ArraysLengthMismatch."""
        request_ids = list(request_ids)
        if hints is None:
            hints = [self.find_checkpoint_hint(i) for i in request_ids]
        return _raw.stake_queue_claim_batch(self._mutable(), request_ids, list(hints), caller)

    # -- bunker mode and pause
    def on_oracle_report(self, is_bunker_now, bunker_start, report_timestamp, now):
        _raw.stake_queue_on_oracle_report(self._mutable(), int(bool(is_bunker_now)),
                                          bunker_start, report_timestamp, now)

    @property
    def is_bunker(self):
        return bool(_raw.stake_queue_is_bunker(self._h()))

    @property
    def bunker_since(self):
        return _raw.stake_queue_bunker_since(self._h())

    def pause(self):
        _raw.stake_queue_pause(self._mutable())

    def resume(self):
        _raw.stake_queue_resume(self._mutable())

    @property
    def paused(self):
        return bool(_raw.stake_queue_is_paused(self._h()))


PYTHONIC = {
    "stake_queue_params_init": "WithdrawalQueue.default_params",
    "stake_queue_new": "WithdrawalQueue", "stake_queue_free": "WithdrawalQueue.close",
    "stake_queue_clone": "WithdrawalQueue.clone",
    "stake_queue_address": "WithdrawalQueue.address",
    "stake_queue_memory": "WithdrawalQueue.memory", "stake_queue_check": "WithdrawalQueue.check",
    "stake_queue_request": "WithdrawalQueue.request",
    "stake_queue_request_wsteth": "WithdrawalQueue.request_wsteth",
    "stake_queue_request_for": "WithdrawalQueue.request_for",
    "stake_queue_request_wsteth_for": "WithdrawalQueue.request_wsteth_for",
    "stake_queue_request_batch": "WithdrawalQueue.request_batch",
    "stake_queue_request_wsteth_batch": "WithdrawalQueue.request_wsteth_batch",
    "stake_queue_enqueue": "WithdrawalQueue.enqueue",
    "stake_queue_transfer": "WithdrawalQueue.transfer",
    "stake_queue_last_request_id": "WithdrawalQueue.last_request_id",
    "stake_queue_last_finalized_id": "WithdrawalQueue.last_finalized_id",
    "stake_queue_last_checkpoint_index": "WithdrawalQueue.last_checkpoint_index",
    "stake_queue_last_report_timestamp": "WithdrawalQueue.last_report_timestamp",
    "stake_queue_locked_ether": "WithdrawalQueue.locked_ether",
    "stake_queue_unfinalized_steth": "WithdrawalQueue.unfinalized_steth",
    "stake_queue_request_status": "WithdrawalQueue.status",
    "stake_queue_checkpoint_at": "WithdrawalQueue.checkpoint",
    "stake_queue_batches_init": "QueueBatches",
    "stake_queue_calculate_batches": "WithdrawalQueue.calculate_batches",
    "stake_queue_prefinalize": "WithdrawalQueue.prefinalize",
    "stake_queue_finalize": "WithdrawalQueue.finalize",
    "stake_queue_find_checkpoint_hint": "WithdrawalQueue.find_checkpoint_hint",
    "stake_queue_find_checkpoint_hints": "WithdrawalQueue.find_checkpoint_hints",
    "stake_queue_claimable_ether": "WithdrawalQueue.claimable_ether",
    "stake_queue_claim": "WithdrawalQueue.claim",
    "stake_queue_claim_batch": "WithdrawalQueue.claim_batch",
    "stake_queue_claim_unhinted": "WithdrawalQueue.claim",
    "stake_queue_checkpoint_dust": "WithdrawalQueue.checkpoint_dust",
    "stake_queue_on_oracle_report": "WithdrawalQueue.on_oracle_report",
    "stake_queue_is_bunker": "WithdrawalQueue.is_bunker",
    "stake_queue_bunker_since": "WithdrawalQueue.bunker_since",
    "stake_queue_pause": "WithdrawalQueue.pause", "stake_queue_resume": "WithdrawalQueue.resume",
    "stake_queue_is_paused": "WithdrawalQueue.paused",
}
