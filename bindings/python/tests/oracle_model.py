"""A plain-Python transcription of the Lido oracle daemon's bunker-mode
decision and withdrawal safe border, the parts <stake/risk.h> exposes, for
test_oracle_model.py. Written from the oracle's Python and the contracts
it reports to, not from libstake's C code.

Sources read (lidofinance/lido-oracle; the search index holds these
versions, not 1d0b9440fda2, the commit ../shared/reference/
protocol-semantics.md names; libstake's man pages name the oracle's files
and functions but no commit):

- src/services/bunker.py at bbe482a7b29d84bb4a92704cd20abd2e183238c3:
  BunkerService.is_bunker_mode (the first-report rule and the order of the
  three cases) and get_cl_rebase_for_current_report (the frame's CL rebase,
  post minus pre total pooled ether floored to gwei). A later version
  (Web3Converter and state views) does the same through
  src/utils/units.py wei_to_gwei, `amount // GWEI_TO_WEI`.
- src/services/safe_border.py at 7c22b1029df185beffbe6598dedcb6eea0bd97ca:
  SafeBorder.get_safe_border_epoch and the borders it takes the minimum
  of, _get_bunker_start_or_last_successful_report_epoch,
  _get_bunker_mode_start_timestamp, round_epoch_by_frame,
  _retrieve_constants (finalization_default_shift) and
  _get_earliest_slashed_epoch_among_incomplete_slashings with
  _predict_earliest_slashed_epoch and the filters it uses. An older copy
  without the Web3Converter base class has the same logic.
- src/utils/web3converter.py at 9fd3a5dd8404a8c84d5664d059396f5649635208:
  the slot / epoch / timestamp / frame conversions.
- src/services/withdrawal.py at 20908b7941d6a2179b574880dbc302b1bb05935d:
  Withdrawal.get_finalization_batches, withdrawable_until_timestamp.
- lidofinance/core contracts/0.8.9/WithdrawalQueue.sol at
  9a58c3f68f8628c4cd8dcbd98b167272026b7383: onOracleReport and
  isBunkerModeActive (how bunkerModeSinceTimestamp moves); and
  AccountingOracle._handleConsensusReportData (index copy without a
  commit), which passes GENESIS_TIME + prevRefSlot * SECONDS_PER_SLOT as
  the bunker start.

What the oracle fetches is an argument here, as it is for libstake: the
chain and frame configuration (ChainConfig, FrameConfig, the consensus
constants EPOCHS_PER_SLASHINGS_VECTOR and MIN_VALIDATOR_WITHDRAWABILITY_
DELAY), FINALIZATION_MAX_NEGATIVE_REBASE_EPOCH_SHIFT from
OracleDaemonConfig, requestTimestampMargin from the sanity checker's
limits, Lido.totalSupply() and the CL-only simulation's post total pooled
ether, getLastProcessingRefSlot(), bunkerModeSinceTimestamp(), the
reference block's timestamp, and the Lido validators' slashed flag, exit
and withdrawable epochs. The high-midterm-slashing-penalty and abnormal-
CL-rebase cases (bunker_cases/*.py, with the nearest and distant
intraframe rebase windows) are flags the caller computes: libstake does not
model them (they need the whole validator set and a floating-point square
root), so neither does this file. Left out too: the frame search over
historical beacon states that the oracle runs when a slashed epoch cannot
be predicted (_find_earliest_slashed_epoch_rounded_to_frame), reported as
UNDETECTABLE; and onOracleReport's requires on the transaction's
block.timestamp, which libstake does not see.

libstake spells the contract's BUNKER_MODE_DISABLED_TIMESTAMP (2^256 - 1)
as 2^64 - 1 in its 64-bit field; the model maps it back to 2^256 - 1 before
using it, so that it behaves as the contract's value does.

Where the oracle would divide by zero, where libstake's types cannot hold
a value, or where its man pages document a refusal, the model raises
solidity_model.Revert with the STAKE_E* name they give
(stake_lido_bunker_mode(3), stake_lido_safe_border(3)):

  a zero seconds per slot, slots per epoch or epochs per frame   STAKE_EINVAL
  limits no setter of the sanity checker would accept            STAKE_EINVAL
  WrongExitPeriod (exit and withdrawable epochs too close)       STAKE_EINVAL
  a bunker start timestamp of 2^64 - 1 or more                   STAKE_EOVERFLOW
  a negative safe border or predicted slashed epoch              STAKE_EUNDERFLOW
  a finalization timestamp beyond 2^64 - 1                       STAKE_EOVERFLOW
"""

import math
from dataclasses import dataclass

import sanity_model
from solidity_model import U256_MAX, require

GWEI_TO_WEI = 10**9
U64_MAX = 2**64 - 1
# WithdrawalQueue.BUNKER_MODE_DISABLED_TIMESTAMP, and libstake's spelling.
BUNKER_MODE_DISABLED_TIMESTAMP = U256_MAX
LIB_BUNKER_DISABLED = U64_MAX
FAR_FUTURE_EPOCH = U64_MAX

# stake_lido_bunker_reason: the case that decided, in the oracle's order.
OFF, FIRST_REPORT, NEGATIVE_CL_REBASE, MIDTERM_PENALTY, ABNORMAL_CL_REBASE = range(5)
# stake_lido_slashed_epoch_status
SLASHED_NONE, SLASHED_PREDICTED, SLASHED_UNDETECTABLE = range(3)


@dataclass(frozen=True)
class Config:
    """ChainConfig, FrameConfig, the OracleDaemonConfig shift and the two
    consensus constants, with the field names of stake_lido_oracle_config."""
    genesis_time: int = 1606824023
    seconds_per_slot: int = 12
    slots_per_epoch: int = 32
    epochs_per_frame: int = 225
    initial_epoch: int = 0
    max_negative_rebase_epoch_shift: int = 1350
    epochs_per_slashings_vector: int = 8192
    min_validator_withdrawability_delay: int = 256


@dataclass(frozen=True)
class OracleInput:
    """What the oracle reads at the reference slot (stake_lido_oracle_input).
    earliest_slashed_epoch counts only when has_slashings is set."""
    ref_slot: int = 0
    block_timestamp: int = 0
    last_report_ref_slot: int = 0
    bunker_since_timestamp: int = LIB_BUNKER_DISABLED
    pre_total_pooled_ether: int = 0
    simulated_post_total_pooled_ether: int = 0
    high_midterm_slashing_penalty: int = 0
    abnormal_cl_rebase: int = 0
    has_slashings: int = 0
    earliest_slashed_epoch: int = 0


@dataclass(frozen=True)
class Validator:
    """The three fields of a beacon validator the safe border reads."""
    slashed: int
    exit_epoch: int
    withdrawable_epoch: int


def check_config(config):
    # The oracle divides by each of these; a zero would be ZeroDivisionError.
    require(config.seconds_per_slot != 0, "STAKE_EINVAL")
    require(config.slots_per_epoch != 0, "STAKE_EINVAL")
    require(config.epochs_per_frame != 0, "STAKE_EINVAL")


def contract_since(lib_value):
    """bunkerModeSinceTimestamp() as the contract returns it."""
    if lib_value == LIB_BUNKER_DISABLED:
        return BUNKER_MODE_DISABLED_TIMESTAMP
    return lib_value


def lib_since(contract_value):
    """The same in libstake's 64-bit spelling."""
    if contract_value == BUNKER_MODE_DISABLED_TIMESTAMP:
        return LIB_BUNKER_DISABLED
    return contract_value


# -- Web3Converter ------------------------------------------------------------

def get_epoch_by_slot(config, slot):
    return slot // config.slots_per_epoch


def get_slot_by_timestamp(config, timestamp):
    # Python's // floors: a time before genesis is a negative slot.
    return (timestamp - config.genesis_time) // config.seconds_per_slot


def get_epoch_by_timestamp(config, timestamp):
    return get_slot_by_timestamp(config, timestamp) // config.slots_per_epoch


def get_frame_by_epoch(config, epoch):
    return (epoch - config.initial_epoch) // config.epochs_per_frame


def round_epoch_by_frame(config, epoch):
    """SafeBorder.round_epoch_by_frame: the first epoch of epoch's frame."""
    return get_frame_by_epoch(config, epoch) * config.epochs_per_frame + config.initial_epoch


# -- BunkerService --------------------------------------------------------------

def get_cl_rebase_for_current_report(pre_total_pooled_ether, post_total_pooled_ether):
    """BunkerService.get_cl_rebase_for_current_report: a signed gwei amount."""
    return (post_total_pooled_ether - pre_total_pooled_ether) // GWEI_TO_WEI


def cl_rebase_gwei(pre_total_pooled_ether, post_total_pooled_ether):
    """stake_lido_cl_rebase_gwei's (negative, magnitude) of the above."""
    rebase = get_cl_rebase_for_current_report(pre_total_pooled_ether, post_total_pooled_ether)
    return int(rebase < 0), abs(rebase)


def bunker_reason(inp):
    """BunkerService.is_bunker_mode, naming the case that returned. The two
    heuristic cases are the caller's flags; the oracle tests each for truth."""
    if not inp.last_report_ref_slot:
        return FIRST_REPORT
    rebase = get_cl_rebase_for_current_report(inp.pre_total_pooled_ether,
                                              inp.simulated_post_total_pooled_ether)
    if rebase < 0:
        return NEGATIVE_CL_REBASE
    if inp.high_midterm_slashing_penalty:
        return MIDTERM_PENALTY
    if inp.abnormal_cl_rebase:
        return ABNORMAL_CL_REBASE
    return OFF


def bunker_start_timestamp(config, inp):
    """AccountingOracle._handleConsensusReportData's second argument to
    onOracleReport: the reference time of the previous report."""
    start = config.genesis_time + inp.last_report_ref_slot * config.seconds_per_slot
    # libstake's 64-bit field reserves 2^64 - 1 for "disabled".
    require(start < LIB_BUNKER_DISABLED, "STAKE_EOVERFLOW")
    return start


def on_oracle_report(is_bunker_now, bunker_start, since):
    """WithdrawalQueue.onOracleReport's effect on bunkerModeSinceTimestamp
    (contract values): written only when the mode flips."""
    was_bunker = since < BUNKER_MODE_DISABLED_TIMESTAMP        # isBunkerModeActive
    if is_bunker_now == was_bunker:
        return since
    return bunker_start if is_bunker_now else BUNKER_MODE_DISABLED_TIMESTAMP


def bunker_mode(config, inp):
    """stake_lido_bunker_mode: (active, reason, start_timestamp,
    since_timestamp), the since in libstake's spelling."""
    check_config(config)
    reason = bunker_reason(inp)
    active = reason in (NEGATIVE_CL_REBASE, MIDTERM_PENALTY, ABNORMAL_CL_REBASE)
    start = bunker_start_timestamp(config, inp)
    since = on_oracle_report(active, start, contract_since(inp.bunker_since_timestamp))
    return int(active), reason, start, lib_since(since)


# -- SafeBorder -----------------------------------------------------------------

def finalization_default_shift(config, limits):
    """SafeBorder._retrieve_constants: the margin in epochs, rounded up. The
    oracle divides in floating point; so does this transcription."""
    seconds_per_epoch = config.slots_per_epoch * config.seconds_per_slot
    return math.ceil(limits["request_timestamp_margin"] / seconds_per_epoch)


def get_bunker_mode_start_timestamp(inp):
    """SafeBorder._get_bunker_mode_start_timestamp: None while the queue's
    timestamp is after the reference block (always so when disabled)."""
    start = contract_since(inp.bunker_since_timestamp)
    if start > inp.block_timestamp:
        return None
    return start


def get_bunker_start_or_last_successful_report_epoch(config, inp):
    start = get_bunker_mode_start_timestamp(inp)
    if start is not None:
        return get_epoch_by_timestamp(config, start)
    if inp.last_report_ref_slot != 0:
        return get_epoch_by_slot(config, inp.last_report_ref_slot)
    return config.initial_epoch


def get_default_requests_border_epoch(config, inp, shift):
    return get_epoch_by_slot(config, inp.ref_slot) - shift


def get_negative_rebase_border_epoch(config, inp, shift):
    """No later than the bunker start (or last report) minus the shift, and
    no earlier than the maximum shift before the reference epoch."""
    latest = get_bunker_start_or_last_successful_report_epoch(config, inp) - shift
    earliest = get_epoch_by_slot(config, inp.ref_slot) - config.max_negative_rebase_epoch_shift
    return max(earliest, latest)


def get_associated_slashings_border_epoch(config, inp, shift):
    # The oracle's slashed epoch is None without slashings; it tests it for
    # truth, so an epoch of 0 falls through to the default border as well.
    earliest_slashed_epoch = inp.earliest_slashed_epoch if inp.has_slashings else None
    if earliest_slashed_epoch:
        return round_epoch_by_frame(config, earliest_slashed_epoch) - shift
    return get_default_requests_border_epoch(config, inp, shift)


def get_safe_border_epoch(config, inp, shift, is_bunker):
    """SafeBorder.get_safe_border_epoch."""
    if not is_bunker:
        return get_default_requests_border_epoch(config, inp, shift)
    return min(get_negative_rebase_border_epoch(config, inp, shift),
               get_associated_slashings_border_epoch(config, inp, shift))


def withdrawable_until_timestamp(config, epoch):
    """Withdrawal.get_finalization_batches: the last request time to finalize."""
    return config.genesis_time + epoch * config.slots_per_epoch * config.seconds_per_slot


def safe_border(config, limits, inp, is_bunker):
    """stake_lido_safe_border: (epoch, max_request_timestamp, default_shift)."""
    check_config(config)
    sanity_model.update_limits(limits)       # limits the checker could hold
    shift = finalization_default_shift(config, limits)
    epoch = get_safe_border_epoch(config, inp, shift, is_bunker)
    require(epoch >= 0, "STAKE_EUNDERFLOW")
    timestamp = withdrawable_until_timestamp(config, epoch)
    require(timestamp <= U64_MAX, "STAKE_EOVERFLOW")
    return epoch, timestamp, shift


# -- the earliest slashed epoch ------------------------------------------------

class _Undetectable(Exception):
    """Where the oracle would start its frame search."""


def predict_earliest_slashed_epoch(config, validator):
    """SafeBorder._predict_earliest_slashed_epoch: None when the exit queue
    has pushed the exit as far as the withdrawable epoch."""
    exited_period = validator.withdrawable_epoch - validator.exit_epoch
    # WrongExitPeriod
    require(exited_period >= config.min_validator_withdrawability_delay, "STAKE_EINVAL")
    if exited_period == config.min_validator_withdrawability_delay:
        return None
    return validator.withdrawable_epoch - config.epochs_per_slashings_vector


def filter_validators_with_earliest_exit_epoch(validators):
    # sorted() is stable: ties keep the order they were given in.
    ordered = sorted(validators, key=lambda v: v.exit_epoch)
    return [v for v in ordered if v.exit_epoch == ordered[0].exit_epoch]


def get_earliest_slashed_epoch_among_incomplete_slashings(config, ref_epoch, validators):
    """SafeBorder._get_earliest_slashed_epoch_among_incomplete_slashings:
    None, an epoch, or _Undetectable where the frame search would run."""
    # Slashed and not yet withdrawable; exited validators can still be slashed.
    pending = [v for v in validators if v.slashed and v.withdrawable_epoch > ref_epoch]
    if not pending:
        return None
    earliest = None
    for validator in filter_validators_with_earliest_exit_epoch(pending):
        predicted = predict_earliest_slashed_epoch(config, validator)
        if not predicted:                     # None, or an epoch 0 (falsy)
            raise _Undetectable
        if not earliest or earliest > predicted:
            earliest = predicted
    return earliest


def earliest_slashed_epoch(config, ref_epoch, validators):
    """stake_lido_earliest_slashed_epoch: (status, epoch)."""
    check_config(config)
    try:
        epoch = get_earliest_slashed_epoch_among_incomplete_slashings(config, ref_epoch,
                                                                      validators)
    except _Undetectable:
        return SLASHED_UNDETECTABLE, 0
    if epoch is None:
        return SLASHED_NONE, 0
    # The oracle would go on with a negative epoch; libstake's is unsigned.
    require(epoch >= 0, "STAKE_EUNDERFLOW")
    return SLASHED_PREDICTED, epoch
