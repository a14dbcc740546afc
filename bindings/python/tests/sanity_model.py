"""A plain-Python transcription of Lido's OracleReportSanityChecker, the
parts <stake/risk.h> exposes, for test_sanity_model.py. Written from the
Solidity, not from libstake's C code.

Source read: lidofinance/core, contracts/0.8.9/sanity_checks/
OracleReportSanityChecker.sol, the V2 mainnet version after LIP-23
(LimitsList with exited and appeared validators per day, a simulated share
rate deviation limit, initial slashing / inactivity amounts and the second
opinion's CL error limit; callable only by Lido). The search index holding
that copy does not record its commit. Its LIP-23 functions are word for
word those of lidofinance/core@8f67f33f7d2a (a V3 version, where the share
rate check is gone): _checkCLBalanceDecrease, _askSecondOpinion,
_checkAnnualBalancesIncrease, _checkAppearedValidatorsChurnLimit,
_checkLastFinalizableId. core@372b02e197df itself, which
../shared/reference/protocol-semantics.md section 3 summarises, was not
available; the formulas agree with that summary. The exited-validators
rate is computed by AccountingOracle._processStakingRouterExitedValidators
ByModule before it calls checkExitedValidatorsRatePerDay; both are here.
The exit-bus and extra-data count checks, which libstake does not offer,
are left out; smoothenTokenRebase is in limiter_model.py.

What the contract reads from other contracts (vault balances, the Burner's
shares, the StakingRouter's exited total, the reference slot's timestamp,
the second opinion's report, the request's timestamp) is an argument.

Solidity 0.8: every overflow or underflow is a Panic, a division by zero
too. A revert becomes Revert(name), named with libstake's status for it
(<stake/risk.h>, stake_lido_check_accounting_report(3),
stake_lido_check_negative_rebase(3)):

  IncorrectLimitValue                           STAKE_EINVAL
  IncorrectWithdrawalsVaultBalance,
  IncorrectELRewardsVaultBalance                STAKE_EVAULTBALANCE
  IncorrectSharesRequestedToBurn                STAKE_EBURNREQUEST
  IncorrectCLBalanceDecrease                    STAKE_ENEGATIVEREBASE
  NegativeRebaseFailed* (three reverts)         STAKE_ESECONDOPINION
  IncorrectCLBalanceIncrease                    STAKE_EAPRLIMIT
  IncorrectAppearedValidators                   STAKE_EAPPEARED
  ExitedValidatorsLimitExceeded                 STAKE_EEXITED
  IncorrectRequestFinalization                  STAKE_EREQUESTTOORECENT
  ActualShareRateIsZero,
  IncorrectSimulatedShareRate                   STAKE_ESHARERATE
  SafeCast's "value doesn't fit"                STAKE_EOVERFLOW
  Panic 0x11 (overflow / underflow)             STAKE_EOVERFLOW / STAKE_EUNDERFLOW
  Panic 0x12 (division by zero)                 STAKE_EDIVZERO
"""

from collections import namedtuple

from solidity_model import checked, require

MAX_BASIS_POINTS = 10_000
SHARE_RATE_PRECISION_E27 = 10**27
ONE_PWEI = 10**15
GWEI = 10**9
DEFAULT_TIME_ELAPSED = 3600          # 1 hours
DEFAULT_CL_BALANCE = GWEI            # 1 gwei
SECONDS_PER_DAY = 86400
DAYS_18 = 18 * SECONDS_PER_DAY       # LIP-23: initial slashing window
DAYS_54 = 54 * SECONDS_PER_DAY       # LIP-23: inactivity penalties window
U16, U32, U64, U128 = 2**16 - 1, 2**32 - 1, 2**64 - 1, 2**128 - 1

NOT_NEGATIVE, ACCEPTED, CONFIRMED = 0, 1, 2

# ReportData: one entry of the checker's reportData array.
Record = namedtuple("Record", "timestamp total_exited_validators negative_cl_rebase")

# ISecondOpinionOracle.getReport(refSlot)'s first three values.
SecondOpinion = namedtuple("SecondOpinion", "ready cl_balance_gwei withdrawal_vault_balance")

# What _checkCLBalanceDecrease decides: the verdict, the pushed record, the
# window sum and the allowance (zero when nothing was checked).
Outcome = namedtuple("Outcome", "verdict record window_sum max_allowed")

# checkAccountingOracleReport's arguments plus the chain state it reads.
Report = namedtuple("Report", [
    "report_timestamp", "time_elapsed", "pre_cl_balance", "post_cl_balance",
    "withdrawal_vault_balance", "el_rewards_vault_balance", "shares_requested_to_burn",
    "pre_cl_validators", "post_cl_validators", "actual_withdrawal_vault_balance",
    "actual_el_rewards_vault_balance", "burner_cover_shares", "burner_non_cover_shares",
    "total_exited_validators"])

# The mainnet deployment's limits (deployed-mainnet.json, as section 3.1 of
# protocol-semantics.md lists them).
MAINNET_LIMITS = {
    "exited_validators_per_day_limit": 3600,
    "appeared_validators_per_day_limit": 1800,
    "annual_balance_increase_bp_limit": 1000,
    "simulated_share_rate_deviation_bp_limit": 50,
    "max_validator_exit_requests_per_report": 600,
    "max_items_per_extra_data_transaction": 8,
    "max_node_operators_per_extra_data_item": 24,
    "request_timestamp_margin": 7680,
    "max_positive_token_rebase": 750000,
    "initial_slashing_amount_pwei": 8,
    "inactivity_penalties_amount_pwei": 101,
    "cl_balance_oracles_error_upper_bp_limit": 50,
}

# _updateLimits: (min, max) of _checkLimitValue for every field, in its order.
LIMIT_BOUNDS = {
    "exited_validators_per_day_limit": (0, U16),
    "appeared_validators_per_day_limit": (0, U16),
    "annual_balance_increase_bp_limit": (0, MAX_BASIS_POINTS),
    "simulated_share_rate_deviation_bp_limit": (0, MAX_BASIS_POINTS),
    "max_validator_exit_requests_per_report": (0, U16),
    "max_items_per_extra_data_transaction": (0, U16),
    "max_node_operators_per_extra_data_item": (0, U16),
    "request_timestamp_margin": (0, U32),
    "max_positive_token_rebase": (1, U64),
    "initial_slashing_amount_pwei": (0, U16),
    "inactivity_penalties_amount_pwei": (0, U16),
    "cl_balance_oracles_error_upper_bp_limit": (0, MAX_BASIS_POINTS),
}


def safe_cast(value, bits):
    """SafeCast.toUint64 / toUint128: a revert, not a panic."""
    require(value < 2**bits, "STAKE_EOVERFLOW")
    return value


# -- limits ---------------------------------------------------------------

def update_limits(new, old=None):
    """_updateLimits: only a changed field is bounds-checked, so from a
    fresh checker (all fields zero) a zero maxPositiveTokenRebase, the
    "not set" state, is accepted while any other value must be in
    [1, uint64.max]. Returns the limits the checker then holds."""
    old = old or dict.fromkeys(LIMIT_BOUNDS, 0)
    for field, (low, high) in LIMIT_BOUNDS.items():
        if old[field] != new[field]:
            require(low <= new[field] <= high, "STAKE_EINVAL")    # IncorrectLimitValue
    return dict(new)


# -- single checks --------------------------------------------------------

def check_withdrawal_vault_balance(actual, reported):
    """_checkWithdrawalVaultBalance."""
    require(not reported > actual, "STAKE_EVAULTBALANCE")


def check_el_rewards_vault_balance(actual, reported):
    """_checkELRewardsVaultBalance."""
    require(not reported > actual, "STAKE_EVAULTBALANCE")


def check_vault_balances(actual_wv, reported_wv, actual_el, reported_el):
    """Steps 1 and 2 of checkAccountingOracleReport."""
    check_withdrawal_vault_balance(actual_wv, reported_wv)
    check_el_rewards_vault_balance(actual_el, reported_el)


def check_shares_requested_to_burn(requested, cover_shares, non_cover_shares):
    """_checkSharesRequestedToBurn: the Burner's two counts added, checked."""
    actual = checked(cover_shares + non_cover_shares)
    require(not requested > actual, "STAKE_EBURNREQUEST")


def check_annual_balances_increase(limits, pre_cl, post_cl, time_elapsed):
    """_checkAnnualBalancesIncrease. The zero substitutions come before the
    early return for the balance and after it for the time, as there."""
    if pre_cl == 0:
        pre_cl = DEFAULT_CL_BALANCE
    if pre_cl >= post_cl:
        return
    if time_elapsed == 0:
        time_elapsed = DEFAULT_TIME_ELAPSED
    increase = post_cl - pre_cl
    year_bp = 365 * SECONDS_PER_DAY * MAX_BASIS_POINTS
    annual = checked(year_bp * increase) // pre_cl // time_elapsed
    require(not annual > limits["annual_balance_increase_bp_limit"], "STAKE_EAPRLIMIT")


def check_appeared_validators_churn_limit(limits, appeared, time_elapsed):
    """_checkAppearedValidatorsChurnLimit (the caller only calls it for a
    growing count)."""
    if time_elapsed == 0:
        time_elapsed = DEFAULT_TIME_ELAPSED
    per_day = limits["appeared_validators_per_day_limit"]
    allowed = checked(per_day * time_elapsed) // SECONDS_PER_DAY
    require(not appeared > allowed, "STAKE_EAPPEARED")


def check_appeared_validators(limits, pre_validators, post_validators, time_elapsed):
    """Step 6 of checkAccountingOracleReport: its guard and the check."""
    if post_validators > pre_validators:
        check_appeared_validators_churn_limit(limits, post_validators - pre_validators,
                                              time_elapsed)


def check_exited_validators(limits, newly_exited, time_elapsed):
    """AccountingOracle's rate newlyExited * 1 days / (SECONDS_PER_SLOT *
    slotsElapsed), time_elapsed being that divisor (no default: a zero is a
    division-by-zero panic), then checkExitedValidatorsRatePerDay."""
    require(time_elapsed != 0, "STAKE_EDIVZERO")
    rate = checked(newly_exited * SECONDS_PER_DAY) // time_elapsed
    require(not rate > limits["exited_validators_per_day_limit"], "STAKE_EEXITED")


def check_last_finalizable_id(limits, request_timestamp, report_timestamp):
    """_checkLastFinalizableId, the request's timestamp given."""
    earliest = checked(request_timestamp + limits["request_timestamp_margin"])
    require(not report_timestamp < earliest, "STAKE_EREQUESTTOORECENT")


def check_simulated_share_rate(limits, post_ether, post_shares, ether_to_finalize,
                               shares_burnt, simulated_share_rate):
    """checkSimulatedShareRate (the withdrawals given back) and
    _checkSimulatedShareRate."""
    ether = checked(post_ether + ether_to_finalize)
    shares = checked(post_shares + shares_burnt)
    scaled = checked(ether * SHARE_RATE_PRECISION_E27)
    require(shares != 0, "STAKE_EDIVZERO")
    actual = scaled // shares
    require(actual != 0, "STAKE_ESHARERATE")                    # ActualShareRateIsZero
    diff = abs(actual - simulated_share_rate)                   # Math256.absDiff
    deviation = checked(MAX_BASIS_POINTS * diff) // actual
    require(not deviation > limits["simulated_share_rate_deviation_bp_limit"],
            "STAKE_ESHARERATE")                                 # IncorrectSimulatedShareRate


# -- the LIP-23 negative rebase window -------------------------------------

def add_report_data(report_data, timestamp, exited, negative_rebase):
    """_addReportData: push with SafeCast of each field."""
    report_data.append(Record(safe_cast(timestamp, 64), safe_cast(exited, 64),
                              safe_cast(negative_rebase, 128)))


def sum_negative_rebases_not_older_than(report_data, timestamp):
    """_sumNegativeRebasesNotOlderThan: newest first, stop at the first
    record at or before timestamp."""
    bound = safe_cast(timestamp, 64)
    total = 0
    for record in reversed(report_data):
        if not record.timestamp > bound:
            break
        total = checked(total + record.negative_cl_rebase)
    return total


def exited_validators_at_timestamp(report_data, timestamp):
    """_exitedValidatorsAtTimestamp: the newest record at or before
    timestamp, else 0."""
    bound = safe_cast(timestamp, 64)
    for record in reversed(report_data):
        if record.timestamp <= bound:
            return record.total_exited_validators
    return 0


def sub(a, b):
    """A checked uint256 subtraction."""
    return checked(a - b, "STAKE_EUNDERFLOW")


def check_cl_balance_decrease(limits, history, report, second_opinion=None):
    """_checkCLBalanceDecrease over a copy of reportData (history, oldest
    first); second_opinion None is a checker without a second-opinion
    oracle. The record is pushed before the window is read, so the sums
    include this report. Returns an Outcome; the caller's history is left
    as it was (the chain keeps the push only if the whole report passes)."""
    report_data = list(history)
    t = report.report_timestamp
    post_validators = report.post_cl_validators
    after = checked(report.post_cl_balance + report.withdrawal_vault_balance)
    if report.pre_cl_balance <= after:
        add_report_data(report_data, t, report.total_exited_validators, 0)
        return Outcome(NOT_NEGATIVE, report_data[-1], 0, 0)
    add_report_data(report_data, t, report.total_exited_validators,
                    report.pre_cl_balance - after)
    record = report_data[-1]

    window_sum = sum_negative_rebases_not_older_than(report_data, sub(t, DAYS_18))
    # Every fault below is the same underflow panic, so the order in which
    # the compiler evaluates the two products cannot change the revert.
    slashing = checked(checked(limits["initial_slashing_amount_pwei"] * ONE_PWEI) * sub(
        post_validators, exited_validators_at_timestamp(report_data, sub(t, DAYS_18))))
    inactivity = checked(checked(limits["inactivity_penalties_amount_pwei"] * ONE_PWEI) * sub(
        post_validators, exited_validators_at_timestamp(report_data, sub(t, DAYS_54))))
    max_allowed = checked(slashing + inactivity)

    if window_sum <= max_allowed:
        return Outcome(ACCEPTED, record, window_sum, max_allowed)   # NegativeCLRebaseAccepted
    require(second_opinion is not None, "STAKE_ENEGATIVEREBASE")    # IncorrectCLBalanceDecrease
    ask_second_opinion(limits, second_opinion, report.post_cl_balance,
                       report.withdrawal_vault_balance)
    return Outcome(CONFIRMED, record, window_sum, max_allowed)      # NegativeCLRebaseConfirmed


def ask_second_opinion(limits, opinion, post_cl, withdrawal_vault):
    """_askSecondOpinion: the three NegativeRebaseFailed* reverts."""
    require(opinion.ready, "STAKE_ESECONDOPINION")                  # ...ReportIsNotReady
    cl = checked(opinion.cl_balance_gwei * GWEI)
    require(not cl < post_cl, "STAKE_ESECONDOPINION")               # ...CLBalanceMismatch
    # Both sides are checked products; either overflow is the same panic.
    excess = checked(MAX_BASIS_POINTS * (cl - post_cl))
    allowed = checked(limits["cl_balance_oracles_error_upper_bp_limit"] * cl)
    require(not excess > allowed, "STAKE_ESECONDOPINION")           # ...CLBalanceMismatch
    # ...WithdrawalVaultBalanceMismatch
    require(opinion.withdrawal_vault_balance == withdrawal_vault, "STAKE_ESECONDOPINION")


# -- the whole report ------------------------------------------------------

def check_accounting_oracle_report(limits, history, report, second_opinion=None):
    """checkAccountingOracleReport: steps 1 to 6 in the contract's order;
    the first revert wins. Returns the negative-rebase Outcome."""
    check_withdrawal_vault_balance(report.actual_withdrawal_vault_balance,
                                   report.withdrawal_vault_balance)
    check_el_rewards_vault_balance(report.actual_el_rewards_vault_balance,
                                   report.el_rewards_vault_balance)
    check_shares_requested_to_burn(report.shares_requested_to_burn, report.burner_cover_shares,
                                   report.burner_non_cover_shares)
    outcome = check_cl_balance_decrease(limits, history, report, second_opinion)
    check_annual_balances_increase(limits, report.pre_cl_balance, report.post_cl_balance,
                                   report.time_elapsed)
    check_appeared_validators(limits, report.pre_cl_validators, report.post_cl_validators,
                              report.time_elapsed)
    return outcome
