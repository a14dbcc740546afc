"""The OracleReportSanityChecker functions of <stake/risk.h> (through
stake.raw) against sanity_model.py, a transcription of the contract written
from the Solidity. Inputs are drawn at the edges of each check (exactly at
a limit, one either side, zeros, a zero principal or time, values near
2^128 and 2^256, history records on the 18- and 54-day window bounds) and
at random; each test compares the result, or the refusal's STAKE_E* name,
of both sides."""

import pytest
from hypothesis import event, example, given, settings, strategies as st

import stake
from conftest import compare, lib_struct
import sanity_model as model
from sanity_model import (ACCEPTED, CONFIRMED, DAYS_18, DAYS_54, GWEI, LIMIT_BOUNDS,
                          MAINNET_LIMITS, MAX_BASIS_POINTS, NOT_NEGATIVE, SECONDS_PER_DAY, U64,
                          U128, Outcome, Record, Report, SecondOpinion)
from solidity_model import U256_MAX, Revert
from stake import raw

pytestmark = pytest.mark.skipif(not hasattr(raw, "stake_lido_check_accounting_report"),
                                reason="no <stake/risk.h> in this libstake")

E = 10**18
YEAR_BP = 365 * SECONDS_PER_DAY * MAX_BASIS_POINTS
# conftest's profile sets the budget: 300 examples under "ci", 5000 under
# HYPOTHESIS_PROFILE=thorough. The tests of one comparison per example take
# all of it, those of several per example (a whole history) half.
BUDGET = settings.default.max_examples
FAST = settings(max_examples=max(BUDGET // 2, 50), deadline=None)
THOROUGH = settings(max_examples=BUDGET, deadline=None)


# -- building the library's structs from the model's values ---------------

def lib_limits(limits):
    return lib_struct(raw.stake_lido_limits_init, raw.STAKE_LIDO_LIMITS_VERSION, limits)


def lib_report(report):
    return lib_struct(raw.stake_lido_accounting_report_init,
                      raw.STAKE_LIDO_ACCOUNTING_REPORT_VERSION, report._asdict())


def lib_record(record):
    return raw.stake_lido_report_record(timestamp=record.timestamp,
                                        total_exited_validators=record.total_exited_validators,
                                        negative_cl_rebase=record.negative_cl_rebase)


def lib_opinion(opinion):
    if opinion is None:
        return None
    return raw.stake_lido_second_opinion(ready=int(opinion.ready),
                                         cl_balance_gwei=opinion.cl_balance_gwei,
                                         withdrawal_vault_balance=opinion.withdrawal_vault_balance)


def model_record(rec):
    return Record(rec.timestamp, rec.total_exited_validators, rec.negative_cl_rebase)


def model_outcome(out):
    return Outcome(out.verdict, model_record(out.record), out.window_sum, out.max_allowed)


REPORT_ZERO = dict.fromkeys(Report._fields, 0)
VERDICTS = {NOT_NEGATIVE: "NOT_NEGATIVE", ACCEPTED: "ACCEPTED", CONFIRMED: "CONFIRMED"}


def both(lib_call, model_call):
    """compare(), and the outcome as a Hypothesis event, so that
    --hypothesis-show-statistics shows which edges were reached."""
    try:
        result = model_call()
        event(VERDICTS[result.verdict] if isinstance(result, Outcome) else "passes")
    except Revert as r:
        event(r.name)
    return compare(lib_call, model_call)


def clamp(x, low=0, high=U256_MAX):
    return min(max(x, low), high)


# -- strategies -----------------------------------------------------------

nudge = st.integers(-2, 2)
u64 = st.one_of(st.sampled_from([0, 1, 2, U64 - 1, U64]), st.integers(0, 10**7),
                st.integers(0, U64))
u256 = st.one_of(
    st.sampled_from([0, 1, 2, GWEI - 1, GWEI, GWEI + 1, U128, U128 + 1, 2**255,
                     U256_MAX // 10**27, U256_MAX // 10**27 + 1, U256_MAX // YEAR_BP,
                     U256_MAX // YEAR_BP + 1, U256_MAX - 1, U256_MAX]),
    st.integers(0, 10**9 * E), st.integers(0, U256_MAX))
ether = st.one_of(st.integers(0, 10**8 * E), st.integers(0, 10**4), u256)
times = st.one_of(st.sampled_from([0, 1, 12, 3599, 3600, 3601, SECONDS_PER_DAY - 1,
                                   SECONDS_PER_DAY, SECONDS_PER_DAY + 1, 12 * 7200, U64]),
                  st.integers(0, 400 * SECONDS_PER_DAY), st.integers(0, U64))


def edge_values(low, high, typical):
    """A limit's value: its bounds, around them, the mainnet value."""
    return st.sampled_from(sorted({low, low + 1, typical, high - 1, high}))


valid_limits = st.fixed_dictionaries({
    field: edge_values(low if field != "max_positive_token_rebase" else 0, high,
                       MAINNET_LIMITS[field])
    for field, (low, high) in LIMIT_BOUNDS.items()})


# -- limits ---------------------------------------------------------------

def test_limits_init_is_the_mainnet_deployment():
    lim = raw.stake_lido_limits_init(raw.STAKE_LIDO_LIMITS_VERSION)
    assert {field: getattr(lim, field) for field in LIMIT_BOUNDS} == MAINNET_LIMITS
    assert model.update_limits(MAINNET_LIMITS) == MAINNET_LIMITS
    raw.stake_lido_limits_validate(lim)


limit_values = st.one_of(
    st.sampled_from([0, 1, 9999, 10000, 10001, 65534, 65535, 65536, 2**32 - 2, 2**32 - 1,
                     2**32, U64 - 1, U64]),
    st.integers(0, U64))


@THOROUGH
@given(base=st.sampled_from(["mainnet", "zero"]),
       changes=st.dictionaries(st.sampled_from(sorted(LIMIT_BOUNDS)), limit_values, max_size=3))
@example(base="zero", changes={})
@example(base="mainnet", changes={"max_positive_token_rebase": 0})
def test_limits_validate_is_what_the_setters_accept(base, changes):
    """A deployment from zero storage: the contract holds exactly the
    limits _updateLimits lets through."""
    limits = dict(MAINNET_LIMITS) if base == "mainnet" else dict.fromkeys(LIMIT_BOUNDS, 0)
    limits.update(changes)

    def model_validate():
        model.update_limits(limits)
    both(lambda: raw.stake_lido_limits_validate(lib_limits(limits)), model_validate)


# -- vault balances and burn request --------------------------------------

@FAST
@given(actual_wv=u256, actual_el=u256, d_wv=nudge, d_el=nudge, free=st.booleans(),
       any_wv=u256, any_el=u256)
def test_vault_balances(actual_wv, actual_el, d_wv, d_el, free, any_wv, any_el):
    reported_wv = any_wv if free else clamp(actual_wv + d_wv)
    reported_el = any_el if free else clamp(actual_el + d_el)
    both(lambda: raw.stake_lido_check_vault_balances(actual_wv, reported_wv, actual_el,
                                                     reported_el),
         lambda: model.check_vault_balances(actual_wv, reported_wv, actual_el, reported_el))


@FAST
@given(cover=u256, non_cover=u256, d=nudge, free=st.booleans(), any_requested=u256)
@example(cover=U256_MAX, non_cover=1, d=0, free=False, any_requested=0)
def test_burn_request(cover, non_cover, d, free, any_requested):
    requested = any_requested if free else clamp(cover + non_cover + d)
    both(lambda: raw.stake_lido_check_burn_request(requested, cover, non_cover),
         lambda: model.check_shares_requested_to_burn(requested, cover, non_cover))


# -- APR cap, appeared and exited validators, request timestamp ------------

def apr_edge_post(limits, pre, time, k):
    """The post balance k wei past the largest increase the APR cap lets
    through: annual <= L iff YEAR_BP * inc < (L + 1) * pre * time."""
    p = pre or GWEI
    t = time or 3600
    top = ((limits["annual_balance_increase_bp_limit"] + 1) * p * t - 1) // YEAR_BP
    return clamp(p + top + k)


@THOROUGH
@given(limits=valid_limits, pre=ether, time=times, k=nudge,
       mode=st.sampled_from(["edge", "edge", "overflow", "any"]), any_post=u256)
@example(limits=MAINNET_LIMITS, pre=0, time=0, k=1, mode="edge", any_post=0)
@example(limits=MAINNET_LIMITS, pre=0, time=0, k=0, mode="any", any_post=GWEI)
@example(limits=MAINNET_LIMITS, pre=0, time=0, k=0, mode="any", any_post=GWEI + 1)
def test_annual_increase(limits, pre, time, k, mode, any_post):
    if mode == "edge":
        post = apr_edge_post(limits, pre, time, k)
    elif mode == "overflow":        # YEAR_BP * increase at the top of uint256
        post = clamp((pre or GWEI) + U256_MAX // YEAR_BP + k)
    else:
        post = any_post
    both(lambda: raw.stake_lido_check_annual_increase(lib_limits(limits), pre, post, time),
         lambda: model.check_annual_balances_increase(limits, pre, post, time))


@THOROUGH
@given(limits=valid_limits, pre=u64, time=times, k=nudge, free=st.booleans(), any_post=u64)
@example(limits=MAINNET_LIMITS, pre=10, time=0, k=1, free=False, any_post=0)
def test_appeared_validators(limits, pre, time, k, free, any_post):
    allowed = limits["appeared_validators_per_day_limit"] * (time or 3600) // SECONDS_PER_DAY
    post = any_post if free else clamp(pre + allowed + k, 0, U64)
    both(lambda: raw.stake_lido_check_appeared_validators(lib_limits(limits), pre, post, time),
         lambda: model.check_appeared_validators(limits, pre, post, time))


@THOROUGH
@given(limits=valid_limits, time=times, k=nudge, free=st.booleans(), any_exited=u64)
@example(limits=MAINNET_LIMITS, time=0, k=0, free=True, any_exited=0)
@example(limits=MAINNET_LIMITS, time=12 * 225 * 32, k=1, free=False, any_exited=0)
def test_exited_validators(limits, time, k, free, any_exited):
    # rate <= L iff exited * 86400 < (L + 1) * time
    top = ((limits["exited_validators_per_day_limit"] + 1) * time - 1) // SECONDS_PER_DAY
    exited = any_exited if free or time == 0 else clamp(top + k, 0, U64)
    both(lambda: raw.stake_lido_check_exited_validators(lib_limits(limits), exited, time),
         lambda: model.check_exited_validators(limits, exited, time))


@THOROUGH
@given(limits=valid_limits, request=u64, k=nudge, free=st.booleans(), any_report=u64)
@example(limits=MAINNET_LIMITS, request=U64, k=0, free=True, any_report=U64)
def test_request_timestamp(limits, request, k, free, any_report):
    report = any_report if free else clamp(request + limits["request_timestamp_margin"] + k,
                                           0, U64)
    both(lambda: raw.stake_lido_check_request_timestamp(lib_limits(limits), request, report),
         lambda: model.check_last_finalizable_id(limits, request, report))


# -- simulated share rate ---------------------------------------------------

def share_rate_edge(limits, ether, shares, k, above):
    """A simulated rate k past the largest deviation allowed on one side:
    deviation <= L iff 1e4 * diff < (L + 1) * actual. None when the actual
    rate cannot be formed (the refusal is then the same for any rate)."""
    if shares == 0 or ether * 10**27 > U256_MAX:
        return None
    actual = ether * 10**27 // shares
    limit = limits["simulated_share_rate_deviation_bp_limit"]
    top = ((limit + 1) * actual - 1) // MAX_BASIS_POINTS
    return clamp(actual + top + k) if above else clamp(actual - top - k)


@THOROUGH
@given(limits=valid_limits, post_ether=ether, post_shares=ether, to_finalize=ether,
       burnt=ether, k=nudge, above=st.booleans(), free=st.booleans(), any_rate=u256)
@example(limits=MAINNET_LIMITS, post_ether=0, post_shares=0, to_finalize=0, burnt=0, k=0,
         above=True, free=True, any_rate=0)
@example(limits=MAINNET_LIMITS, post_ether=U256_MAX // 10**27 + 1, post_shares=0, to_finalize=0,
         burnt=0, k=0, above=True, free=True, any_rate=0)     # the product overflows first
@example(limits=MAINNET_LIMITS, post_ether=1, post_shares=10**28, to_finalize=0, burnt=0, k=0,
         above=True, free=True, any_rate=0)
@example(limits=MAINNET_LIMITS, post_ether=10**6 * E, post_shares=9 * 10**5 * E,
         to_finalize=0, burnt=0, k=0, above=True, free=True, any_rate=U256_MAX)
def test_share_rate(limits, post_ether, post_shares, to_finalize, burnt, k, above, free,
                    any_rate):
    rate = None
    if not free and post_ether + to_finalize <= U256_MAX and post_shares + burnt <= U256_MAX:
        rate = share_rate_edge(limits, post_ether + to_finalize, post_shares + burnt, k, above)
    rate = any_rate if rate is None else rate
    both(lambda: raw.stake_lido_check_share_rate(lib_limits(limits), post_ether, post_shares,
                                                 to_finalize, burnt, rate),
         lambda: model.check_simulated_share_rate(limits, post_ether, post_shares, to_finalize,
                                                  burnt, rate))


# -- the negative rebase window and the whole report ----------------------

def window_times(t):
    """Record timestamps at and around the window bounds of a report at t."""
    points = [t - DAYS_54 - 1, t - DAYS_54, t - DAYS_54 + 1, t - DAYS_18 - 1, t - DAYS_18,
              t - DAYS_18 + 1, t - 1, t]
    return st.one_of(st.sampled_from(points), st.integers(t - 60 * SECONDS_PER_DAY, t))


TIME_KINDS = {
    "usable": st.integers(DAYS_54, 2**34),           # both windows start after genesis
    "edge": st.sampled_from([0, 1, DAYS_18 - 1, DAYS_18, DAYS_18 + 1, DAYS_54 - 1, DAYS_54,
                             DAYS_54 + 1, U64]),
    "any": st.integers(0, U64),
}
report_times = st.sampled_from(["usable"] * 4 + ["edge", "any"]).flatmap(TIME_KINDS.get)
rebases = st.one_of(st.sampled_from([0, 1, U128]), st.integers(0, 10**3 * E),
                    st.integers(0, U128))


@st.composite
def histories(draw, t):
    """reportData before this report, oldest first, as the chain keeps it:
    non-decreasing timestamps and exited totals."""
    n = draw(st.integers(0, 6))
    stamps = sorted(clamp(draw(window_times(t)), 0, U64) for _ in range(n))
    exited = sorted(draw(st.integers(0, 2000)) for _ in range(n))
    return [Record(ts, ex, draw(rebases)) for ts, ex in zip(stamps, exited)]


def allowance_and_sum(limits, history, t, validators):
    """The window's allowance and the earlier rebases it sums, to aim a
    report at the edge; None where the check refuses before comparing."""
    try:
        earlier = model.sum_negative_rebases_not_older_than(history, model.sub(t, DAYS_18))
        probe = Report(**dict(REPORT_ZERO, report_timestamp=t, pre_cl_balance=1,
                              post_cl_validators=validators))
        return model.check_cl_balance_decrease(limits, history, probe).max_allowed, earlier
    except Revert:
        return None


@st.composite
def opinions(draw, limits, post_cl, wv):
    """None (no second-opinion oracle) or its report, the CL balance at and
    around the bounds [post, 1e4 * post / (1e4 - L)] and the vault equal or
    off by one."""
    if draw(st.integers(0, 3)) == 0:
        return None
    bp = limits["cl_balance_oracles_error_upper_bp_limit"]
    k = draw(nudge)
    kind = draw(st.sampled_from(["low", "high", "any"]))
    if kind == "low":               # the smallest gwei balance not below post
        gwei = clamp(-(-post_cl // GWEI) + k)
    elif kind == "high" and bp < MAX_BASIS_POINTS:
        gwei = clamp(MAX_BASIS_POINTS * post_cl // ((MAX_BASIS_POINTS - bp) * GWEI) + k)
    else:
        gwei = draw(u256)
    vault = clamp(wv + draw(st.sampled_from([0, 0, 0, 1, -1])))
    ready = draw(st.booleans()) or draw(st.booleans())          # three times in four
    return SecondOpinion(ready, gwei, vault)


def near(draw, value):
    """An actual balance for a reported one: mostly equal, else a wei off."""
    return clamp(value + draw(st.sampled_from([0] * 8 + [1, -1])))


@st.composite
def report_cases(draw):
    """(limits, history, report, second opinion): every check of the
    report near its edge or clear of it, and sometimes anything."""
    limits = draw(valid_limits)
    t = draw(report_times)
    history = draw(histories(t))
    validators = draw(st.sampled_from(["few", "many", "many", "many"]).flatmap({
        "few": st.sampled_from([0, 1, 2000, U64]),           # 2000: the most exited
        "many": st.integers(2000, 10**6)}.get))
    post_cl = draw(st.one_of(st.integers(0, 10**8 * E), st.integers(0, 10**8 * E), ether))
    wv = draw(st.one_of(st.just(0), st.integers(0, 10**4 * E), ether))
    time = draw(times)
    k = draw(nudge)
    mode = draw(st.sampled_from(["window"] * 3 + ["flat", "growth", "cast", "any"]))
    pre_cl = None
    if mode == "window":            # this rebase puts the sum k wei past the allowance
        aimed = allowance_and_sum(limits, history, t, validators)
        if aimed is None:           # refused before the sum is compared
            rebase = draw(rebases) + 1
        else:                       # at least one wei: a rebase of zero is no decrease
            rebase = max(aimed[0] - aimed[1] + k, 1)
        pre_cl = post_cl + wv + rebase
    elif mode == "flat":            # no decrease, or one of a wei
        pre_cl = post_cl + wv + draw(st.sampled_from([-1, 0, 1]))
    elif mode == "growth":          # the APR cap's edge
        pre_cl = draw(ether)
        post_cl = apr_edge_post(limits, pre_cl, time, k)
    elif mode == "cast":            # SafeCast.toUint128 of the rebase
        pre_cl = post_cl + wv + U128 + k
    if pre_cl is None or not 0 <= pre_cl <= U256_MAX:
        pre_cl = draw(u256)
    appeared = limits["appeared_validators_per_day_limit"] * (time or 3600) // SECONDS_PER_DAY
    pre_validators = draw(st.one_of(st.just(clamp(validators - appeared - k, 0, U64)), u64))
    requested = draw(ether)
    cover = draw(st.one_of(st.just(requested), ether))
    report = Report(
        report_timestamp=t, time_elapsed=time, pre_cl_balance=pre_cl, post_cl_balance=post_cl,
        withdrawal_vault_balance=wv, el_rewards_vault_balance=draw(ether),
        shares_requested_to_burn=requested, pre_cl_validators=pre_validators,
        post_cl_validators=validators, actual_withdrawal_vault_balance=near(draw, wv),
        actual_el_rewards_vault_balance=0, burner_cover_shares=cover,
        burner_non_cover_shares=(near(draw, requested - cover) if requested >= cover
                                 else draw(u256)),
        total_exited_validators=draw(st.integers(0, 3000)))
    report = report._replace(
        actual_el_rewards_vault_balance=near(draw, report.el_rewards_vault_balance))
    return limits, history, report, draw(opinions(limits, post_cl, wv))


def mainnet_case(**changes):
    """A plain mainnet report 100 days after genesis with a small loss."""
    report = Report(**dict(REPORT_ZERO, report_timestamp=100 * SECONDS_PER_DAY,
                           time_elapsed=SECONDS_PER_DAY, pre_cl_balance=10**5 * E,
                           post_cl_balance=10**5 * E - E, pre_cl_validators=3000,
                           post_cl_validators=3000))
    return MAINNET_LIMITS, [], report._replace(**changes), None


def window_case(age, rebase=0, exited=0, loss=1):
    """One earlier record age seconds before a report of 1000 validators
    losing loss wei; mainnet limits allow 1.09e20 wei while none exited."""
    limits, _, report, opinion = mainnet_case(post_cl_balance=10**5 * E - loss,
                                               post_cl_validators=1000,
                                               total_exited_validators=exited)
    return limits, [Record(report.report_timestamp - age, exited, rebase)], report, opinion


def opinion_case(gwei, vault=0, ready=True):
    """A loss of 1000 ether by one validator, far past the allowance, from
    post = 9.95 ether: with the mainnet 50 bp the second opinion may say
    from 9.95e9 gwei (post itself) to 1e10 gwei (1e4 * 5e16 = 50 * 1e19)."""
    limits, _, report, _ = mainnet_case(pre_cl_balance=9950 * 10**15 + 1000 * E,
                                        post_cl_balance=9950 * 10**15, post_cl_validators=1)
    return limits, [], report, SecondOpinion(ready, gwei, vault)


@THOROUGH
@given(case=report_cases())
@example(case=opinion_case(9950 * 10**6 - 1))                # below the report
@example(case=opinion_case(9950 * 10**6))                    # the report itself
@example(case=opinion_case(10**10))                          # the upper bound
@example(case=opinion_case(10**10 + 1))                      # past it
@example(case=opinion_case(10**10, vault=1))                 # another vault balance
@example(case=opinion_case(10**10, ready=False))
@example(case=opinion_case(U256_MAX // GWEI + 1))            # gwei to wei overflows
@example(case=window_case(DAYS_18, rebase=10**21))           # left out of the sum
@example(case=window_case(DAYS_18 - 1, rebase=10**21))       # summed
@example(case=window_case(DAYS_18, exited=1000))             # nothing left to slash
@example(case=window_case(DAYS_18, exited=1001))             # more exited than validators
@example(case=window_case(DAYS_54, exited=1000))             # no allowance at all
@example(case=window_case(DAYS_54 - 1, exited=1000))         # only the inactivity part
@example(case=window_case(DAYS_54 - 1, exited=1000, loss=101 * 10**18))
@example(case=window_case(DAYS_54 - 1, exited=1000, loss=101 * 10**18 + 1))
@example(case=mainnet_case())
@example(case=mainnet_case(report_timestamp=DAYS_18 - 1))
@example(case=mainnet_case(report_timestamp=DAYS_54 - 1))
@example(case=mainnet_case(post_cl_balance=0))
@example(case=mainnet_case(pre_cl_balance=U256_MAX, post_cl_balance=0))
@example(case=mainnet_case(post_cl_balance=U256_MAX, withdrawal_vault_balance=1))
def test_negative_rebase(case):
    limits, history, report, opinion = case
    both(lambda: model_outcome(raw.stake_lido_check_negative_rebase(
             lib_limits(limits), [lib_record(r) for r in history], lib_report(report),
             lib_opinion(opinion))),
         lambda: model.check_cl_balance_decrease(limits, history, report, opinion))


@THOROUGH
@given(case=report_cases())
@example(case=mainnet_case())
@example(case=mainnet_case(withdrawal_vault_balance=1, shares_requested_to_burn=1))
@example(case=mainnet_case(shares_requested_to_burn=1, post_cl_balance=0))
@example(case=mainnet_case(post_cl_balance=0, pre_cl_validators=0))
@example(case=mainnet_case(post_cl_balance=10**6 * E, pre_cl_validators=0))
@example(case=mainnet_case(post_cl_balance=10**60, withdrawal_vault_balance=U256_MAX - 10**59,
                           actual_withdrawal_vault_balance=U256_MAX))   # step 4 before 5
@example(case=opinion_case(10**10 + 1))
def test_accounting_report(case):
    """The whole check: several faults at once name the first in the
    contract's order."""
    limits, history, report, opinion = case
    both(lambda: model_outcome(raw.stake_lido_check_accounting_report(
             lib_limits(limits), [lib_record(r) for r in history], lib_report(report),
             lib_opinion(opinion))),
         lambda: model.check_accounting_oracle_report(limits, history, report, opinion))


# -- a history kept by the library across reports ----------------------------

steps = st.lists(st.tuples(
    st.sampled_from([12, SECONDS_PER_DAY, DAYS_18 - 1, DAYS_18, DAYS_18 + 1, DAYS_54 - 1,
                     DAYS_54, DAYS_54 + 1, 7 * SECONDS_PER_DAY]),   # time since the last report
    st.one_of(st.just(0), st.integers(0, 5 * E),
              st.integers(0, 300 * E)),                            # the CL loss
    st.integers(0, 40)),                                           # newly exited
    min_size=1, max_size=12)


@FAST
@given(limits=valid_limits, steps=steps, capacity=st.integers(1, 12),
       prune=st.booleans())
def test_report_sequence_with_appended_and_pruned_history(limits, steps, capacity, prune):
    """Report after report: the library's history (appended, and pruned
    when asked) gives the verdicts of the contract's full reportData."""
    lib_history, chain = [], []
    t, exited = DAYS_54, 0
    balance, validators = 10**5 * E, 3200
    for dt, loss, newly in steps:
        t, exited = t + dt, exited + newly
        report = Report(**dict(REPORT_ZERO, report_timestamp=t, time_elapsed=dt,
                               pre_cl_balance=balance, post_cl_balance=clamp(balance - loss),
                               pre_cl_validators=validators, post_cl_validators=validators,
                               total_exited_validators=exited))
        if prune:
            lib_history = raw.stake_lido_report_history_prune(lib_history, t)
            # a suffix of what was appended, at most one record left at or before t - 54 days
            assert [model_record(r) for r in lib_history] == chain[len(chain) - len(lib_history):]
            assert sum(r.timestamp <= t - DAYS_54 for r in lib_history) <= 1
        got = compare(lambda: model_outcome(raw.stake_lido_check_accounting_report(
                          lib_limits(limits), lib_history, lib_report(report), None)),
                      lambda: model.check_accounting_oracle_report(limits, chain, report))
        if got is None:             # refused: the chain's reportData keeps nothing
            continue
        chain.append(got.record)
        balance = report.post_cl_balance
        try:
            lib_history = raw.stake_lido_report_history_append(lib_history, capacity,
                                                               lib_record(got.record))
        except stake.StakeError as e:
            assert e.name == "STAKE_EBUFSIZE" and len(lib_history) == capacity
            break
        assert model_record(lib_history[-1]) == got.record


@FAST
@given(records=st.lists(st.tuples(st.integers(0, U64), st.integers(0, U64), rebases),
                        max_size=6),
       big=st.sampled_from([U128, U128 + 1, U256_MAX]))
def test_history_append_refuses_what_the_chain_cannot_hold(records, big):
    """append keeps time order and a uint128 rebase, as reportData does
    (a record there comes from _addReportData's SafeCast and a later
    reference slot); anything else is a usage error, not a revert."""
    history = []
    for ts, exited, rebase in sorted(records):
        history = raw.stake_lido_report_history_append(
            history, len(records) + 1, lib_record(Record(ts, exited, rebase)))
    assert [model_record(r) for r in history] == [Record(*r) for r in sorted(records)]
    last = history[-1].timestamp if history else 0
    try:
        model.add_report_data([], last, 0, big)
        fits = True
    except Revert:
        fits = False
    try:
        raw.stake_lido_report_history_append(history, len(records) + 1,
                                             lib_record(Record(last, 0, big)))
        appended = True
    except stake.StakeUsageError as e:
        assert e.name == "STAKE_EINVAL"
        appended = False
    assert appended == fits
    if last > 0:
        with pytest.raises(stake.StakeUsageError):
            raw.stake_lido_report_history_append(history, len(records) + 1,
                                                 lib_record(Record(last - 1, 0, 0)))
