"""The Lido oracle functions of <stake/risk.h> (through stake.raw) against
oracle_model.py, a transcription of lido-oracle's bunker.py and
safe_border.py and of the WithdrawalQueue / AccountingOracle lines they
report through. Inputs are gathered where the outcome changes: a CL rebase
of zero, one wei and one gwei either way; the first report; bunker start
timestamps before genesis, at, just before and just after the reference
block, in the future and disabled; reference and slashed epochs at frame
edges, give or take one; a bunker start that puts the negative-rebase
border exactly at its cap, give or take one epoch; margins at a whole
number of epochs, give or take one second; slashed validators at the
withdrawable, exit-period and prediction-0 edges; zero and several
validators; values near 2^64 and 2^256, and invalid configurations and
limits. Every test compares the results, or the refusal's STAKE_E* name,
of both sides."""

from dataclasses import asdict, fields, replace

import pytest
from hypothesis import assume, event, example, given, settings
from hypothesis import strategies as st

import oracle_model as model
from conftest import compare, lib_struct
from oracle_model import (FAR_FUTURE_EPOCH, LIB_BUNKER_DISABLED, SLASHED_PREDICTED, Config,
                          OracleInput, Validator)
from sanity_model import LIMIT_BOUNDS, MAINNET_LIMITS
from solidity_model import U256_MAX, Revert
from stake import raw

pytestmark = pytest.mark.skipif(not hasattr(raw, "stake_lido_safe_border"),
                                reason="no Lido oracle functions in this libstake")

U32 = 2**32 - 1
U64 = 2**64 - 1
GWEI = 10**9
MAINNET = Config()
# Each example is a handful of calls; conftest's budget fits in the time.
BUDGET = settings.default.max_examples
THOROUGH = settings(max_examples=BUDGET, deadline=None)


# -- the library's structs and results as plain values ---------------------------

def lib_config(config):
    return lib_struct(raw.stake_lido_oracle_config_init, raw.STAKE_LIDO_ORACLE_CONFIG_VERSION,
                      asdict(config))


def lib_input(inp):
    return lib_struct(raw.stake_lido_oracle_input_init, raw.STAKE_LIDO_ORACLE_INPUT_VERSION,
                      asdict(inp))


def lib_limits(limits):
    return lib_struct(raw.stake_lido_limits_init, raw.STAKE_LIDO_LIMITS_VERSION, limits)


def lib_validators(validators):
    return [raw.stake_lido_validator_epochs(slashed=v.slashed, exit_epoch=v.exit_epoch,
                                            withdrawable_epoch=v.withdrawable_epoch)
            for v in validators]


def lib_bunker(config, inp):
    out = raw.stake_lido_bunker_mode(lib_config(config), lib_input(inp))
    return out.active, out.reason, out.start_timestamp, out.since_timestamp


def lib_border(config, limits, inp, bunker):
    out = raw.stake_lido_safe_border(lib_config(config), lib_limits(limits), lib_input(inp),
                                     bunker)
    return out.epoch, out.max_request_timestamp, out.default_shift


def lib_slashed(config, ref_epoch, validators):
    status, epoch = raw.stake_lido_earliest_slashed_epoch(lib_config(config), ref_epoch,
                                                          lib_validators(validators))
    return status, epoch


def both(lib_call, model_call, label=lambda result: "passes"):
    """compare(), with the outcome as a Hypothesis event so that
    --hypothesis-show-statistics shows which branches were reached."""
    try:
        event(label(model_call()))
    except Revert as r:
        event(r.name)
    return compare(lib_call, model_call)


# -- strategies ----------------------------------------------------------------------

def clamp(x, high=U64):
    return min(max(x, 0), high)


u64 = st.one_of(st.sampled_from([0, 1, 2, U64 - 2, U64 - 1, U64]),
                st.integers(0, 10**7), st.integers(0, U64))
u256 = st.one_of(st.sampled_from([0, 1, GWEI - 1, GWEI, GWEI + 1, U64, U256_MAX - 1, U256_MAX]),
                 st.integers(0, 10**9 * 10**18), st.integers(0, U256_MAX))
truthy = st.sampled_from([0, 1, 2, -1])      # C ints, tested for truth on both sides


def one_in(n):
    # not st.integers(0, n - 1) == 0: Hypothesis draws a bound far more often
    return st.sampled_from([False] * (n - 1) + [True])


@st.composite
def around(draw, anchor, high=U64):
    """anchor give or take two (inside [0, high]), now and then anything."""
    if draw(one_in(10)):
        return draw(u64) if high == U64 else draw(st.integers(0, high))
    return clamp(anchor + draw(st.integers(-2, 2)), high)


@st.composite
def configs(draw):
    """Mainnet with some frame origin (never 0 on the real chain), small
    chains, mainnet with a zero divisor (an invalid config), or anything."""
    kind = draw(st.sampled_from(["mainnet"] * 6 + ["small"] * 2 + ["zero", "any"]))
    if kind == "mainnet":
        origin = draw(st.one_of(st.sampled_from([0, 1, 224, 225, 226]), st.integers(0, 400_000)))
        return replace(MAINNET, initial_epoch=origin)
    if kind == "zero":
        divisor = draw(st.sampled_from(["seconds_per_slot", "slots_per_epoch", "epochs_per_frame"]))
        return replace(MAINNET, **{divisor: 0})
    if kind == "small":
        return Config(genesis_time=draw(st.integers(0, 10**4)),
                      seconds_per_slot=draw(st.integers(1, 16)),
                      slots_per_epoch=draw(st.integers(1, 40)),
                      epochs_per_frame=draw(st.integers(1, 300)),
                      initial_epoch=draw(st.integers(0, 1000)),
                      max_negative_rebase_epoch_shift=draw(st.integers(0, 2000)),
                      epochs_per_slashings_vector=draw(st.integers(0, 10_000)),
                      min_validator_withdrawability_delay=draw(st.integers(0, 300)))
    return Config(**{f.name: draw(u64) for f in fields(Config)})


def units(config):
    """The config's divisors, with 1 for a zero one (the call refuses then,
    the strategies only need something to scale by)."""
    return (config.seconds_per_slot or 1, config.slots_per_epoch or 1,
            config.epochs_per_frame or 1)


@st.composite
def margins(draw, config):
    """requestTimestampMargin at a whole number of epochs give or take a
    second, mainnet's 7680 s, the setter's bound 2^32 - 1 and beyond it."""
    sps, spe, _ = units(config)
    epoch_seconds = sps * spe
    return draw(st.one_of(
        st.sampled_from([0, 1, 7679, 7680, 7681, U32 - 1, U32, U32 + 1]),
        st.builds(lambda k, d: clamp(k * epoch_seconds + d, U32),
                  st.integers(0, 30), st.integers(-1, 1)),
        st.integers(0, U32)))


@st.composite
def limits_for(draw, config):
    limits = dict(MAINNET_LIMITS, request_timestamp_margin=draw(margins(config)))
    if draw(one_in(20)):                        # some other limit out of its bounds
        field = draw(st.sampled_from(sorted(f for f, (_, high) in LIMIT_BOUNDS.items()
                                            if high < U64)))
        limits[field] = LIMIT_BOUNDS[field][1] + 1
    return limits


@st.composite
def border_cases(draw):
    """A config, limits, an oracle input and the bunker flag, with epochs
    at frame edges and a bunker start near every place the borders turn."""
    config = draw(configs())
    limits = draw(limits_for(config))
    sps, spe, epf = units(config)
    genesis, origin = config.genesis_time, config.initial_epoch

    def epoch_time(epoch):
        return genesis + epoch * spe * sps

    frame = draw(st.integers(0, 3000))
    ref_epoch = draw(around(origin + frame * epf))
    ref_slot = clamp(ref_epoch * spe + draw(st.sampled_from([0, 1, spe - 1])))
    block_timestamp = draw(st.one_of(
        st.builds(lambda j: clamp(genesis + ref_slot * sps + j), st.integers(0, sps)),
        st.sampled_from([U64 - 1, U64]), u64))
    last_report_ref_slot = draw(st.one_of(
        st.just(0), around(max(ref_slot - epf * spe, 0)), st.just(U64), u64))

    # A bunker start whose epoch S puts S - d at R - max_shift, give or
    # take one: where the negative-rebase border switches side.
    shift = -(-limits["request_timestamp_margin"] // (sps * spe))
    cap_epoch = (ref_epoch - config.max_negative_rebase_epoch_shift + shift
                 + draw(st.integers(-1, 1)))
    since = draw(st.one_of(
        st.just(LIB_BUNKER_DISABLED),
        st.sampled_from([0, U64 - 1]),
        st.builds(lambda d: clamp(block_timestamp + d), st.integers(-1, 1)),
        st.builds(lambda d: clamp(genesis + d), st.integers(-1, 1)),
        st.builds(lambda j: clamp(epoch_time(cap_epoch) + j),
                  st.sampled_from([-1, 0, 1, sps * spe - 1])),
        u64))

    slashed_frame = draw(st.integers(0, frame + 1))
    earliest_slashed = draw(st.one_of(st.sampled_from([0, 1]),
                                      around(origin + slashed_frame * epf), u64))
    inp = OracleInput(ref_slot=ref_slot, block_timestamp=block_timestamp,
                      last_report_ref_slot=last_report_ref_slot, bunker_since_timestamp=since,
                      has_slashings=draw(truthy), earliest_slashed_epoch=earliest_slashed)
    bunker = draw(truthy)
    if not bunker and draw(one_in(8)):
        # a genesis that puts the default border's timestamp at 2^64 - 1,
        # give or take one (the other timestamps do not matter then)
        border = ref_slot // spe - shift
        genesis = U64 - border * spe * sps + draw(st.integers(-1, 1))
        if border >= 0 and 0 <= genesis <= U64:
            config = replace(config, genesis_time=genesis)
    return config, limits, inp, bunker


@st.composite
def validator_sets(draw, config, ref_epoch):
    """Up to five validators, several sharing the earliest exit epoch, with
    withdrawable epochs at ref_epoch (not pending) and just after, exit
    periods at the delay give or take one, and predictions near 0."""
    delay, vector = config.min_validator_withdrawability_delay, config.epochs_per_slashings_vector
    shared_exit = draw(st.one_of(st.integers(0, 10**6), u64))
    validators = []
    for _ in range(draw(st.sampled_from(range(6)))):
        exit_epoch = draw(st.sampled_from([shared_exit] * 3 + [FAR_FUTURE_EPOCH, None]))
        if exit_epoch is None:
            exit_epoch = draw(u64)
        after_exit = st.builds(lambda d: clamp(exit_epoch + delay + d), st.integers(3, 10**5))
        withdrawable = draw(st.one_of(
            st.builds(lambda d: clamp(exit_epoch + delay + d), st.integers(-1, 2)),
            around(vector), around(ref_epoch), around(ref_epoch + vector),
            after_exit, after_exit))
        validators.append(Validator(draw(st.sampled_from([0, 1, 1, 2])), exit_epoch, withdrawable))
    return validators


@st.composite
def slashed_cases(draw):
    config = draw(configs())
    ref_epoch = draw(st.one_of(st.sampled_from([0, 1, U64]), st.integers(0, 10**6), u64))
    return config, ref_epoch, draw(validator_sets(config, ref_epoch))


def border_label(config, inp, bunker):
    """Which of the oracle's borders the result is (from the model's parts),
    so that the statistics show every one of them is reached."""
    def label(result):
        if not bunker:
            return "default border"
        shift = result[2]
        negative = model.get_negative_rebase_border_epoch(config, inp, shift)
        if result[0] != negative:
            return "associated-slashings border"
        capped = negative == (model.get_epoch_by_slot(config, inp.ref_slot)
                              - config.max_negative_rebase_epoch_shift)
        return "negative-rebase border " + ("at its cap" if capped else "at the start")
    return label


# -- tests ---------------------------------------------------------------------------

def test_init_is_mainnet_and_an_empty_input():
    cfg = raw.stake_lido_oracle_config_init(raw.STAKE_LIDO_ORACLE_CONFIG_VERSION)
    assert {f.name: getattr(cfg, f.name) for f in fields(Config)} == asdict(MAINNET)
    inp = raw.stake_lido_oracle_input_init(raw.STAKE_LIDO_ORACLE_INPUT_VERSION)
    # OracleInput's defaults: zeros, and bunker mode disabled (2^64 - 1)
    assert {f.name: getattr(inp, f.name) for f in fields(OracleInput)} == asdict(OracleInput())


@THOROUGH
@given(pre=u256, delta=st.one_of(st.sampled_from([-GWEI - 1, -GWEI, -GWEI + 1, -1, 0, 1,
                                                   GWEI - 1, GWEI, GWEI + 1]),
                                 st.integers(-10**20, 10**20)),
       post=st.one_of(st.none(), u256))
@example(pre=10**18, delta=-1, post=None)                # one wei lost is one gwei
@example(pre=U256_MAX, delta=0, post=0)
def test_cl_rebase_gwei(pre, delta, post):
    post = clamp(pre + delta, U256_MAX) if post is None else post
    result = both(lambda: tuple(raw.stake_lido_cl_rebase_gwei(pre, post)),
                  lambda: model.cl_rebase_gwei(pre, post),
                  lambda r: "negative" if r[0] else "zero" if r[1] == 0 else "positive")
    assert result is not None


@st.composite
def bunker_cases(draw):
    config = draw(configs())
    sps, _, _ = units(config)
    # the last report whose start timestamp is just below / at 2^64 - 1
    overflow_slot = max(U64 - 1 - config.genesis_time, 0) // sps
    last = draw(st.one_of(st.sampled_from([0, 1]), around(overflow_slot), st.integers(0, 10**8),
                          u64))
    if draw(one_in(8)):
        # a genesis that puts the start at 2^64 - 1 give or take one
        genesis = U64 - 1 - last * sps + draw(st.integers(-1, 1))
        if 0 <= genesis <= U64:
            config = replace(config, genesis_time=genesis)
    pre = draw(u256)
    delta = draw(st.sampled_from([-GWEI - 1, -GWEI, -GWEI + 1, -1, 0, 1, GWEI - 1, GWEI]))
    post = draw(st.one_of(st.just(clamp(pre + delta, U256_MAX)), u256))
    since = draw(st.one_of(st.just(LIB_BUNKER_DISABLED), st.sampled_from([0, U64 - 1]),
                           st.just(clamp(config.genesis_time + last * sps)), u64))
    inp = OracleInput(last_report_ref_slot=last, bunker_since_timestamp=since,
                      pre_total_pooled_ether=pre, simulated_post_total_pooled_ether=post,
                      high_midterm_slashing_penalty=draw(truthy),
                      abnormal_cl_rebase=draw(truthy))
    return config, inp


REASONS = ["off", "first report", "negative CL rebase", "midterm penalty", "abnormal CL rebase"]


@THOROUGH
@given(case=bunker_cases())
@example(case=(MAINNET, OracleInput(last_report_ref_slot=100, pre_total_pooled_ether=10**18,
                                    simulated_post_total_pooled_ether=10**18 - 1)))
@example(case=(MAINNET, OracleInput(last_report_ref_slot=0, pre_total_pooled_ether=1,
                                    bunker_since_timestamp=5)))          # first report: off
@example(case=(replace(MAINNET, genesis_time=U64 - 1 - 12 * 100),   # start 2^64 - 1
                OracleInput(last_report_ref_slot=100)))
def test_bunker_mode(case):
    config, inp = case
    result = both(lambda: lib_bunker(config, inp), lambda: model.bunker_mode(config, inp),
                  lambda r: REASONS[r[1]] + (" (flips)" if (r[3] == LIB_BUNKER_DISABLED)
                                             != (inp.bunker_since_timestamp
                                                 == LIB_BUNKER_DISABLED) else ""))
    if result is not None:
        assert result[0] == (result[3] != LIB_BUNKER_DISABLED)   # the queue follows the report


@THOROUGH
@given(case=border_cases())
@example(case=(MAINNET, dict(MAINNET_LIMITS),
               OracleInput(ref_slot=32 * 100_000, block_timestamp=MAINNET.genesis_time
                           + 12 * 32 * 100_000, last_report_ref_slot=32 * 99_775), 0))
@example(case=(MAINNET, dict(MAINNET_LIMITS),                 # since before genesis
               OracleInput(ref_slot=32 * 1500, block_timestamp=MAINNET.genesis_time + 10**6,
                           bunker_since_timestamp=MAINNET.genesis_time - 1,
                           has_slashings=1, earliest_slashed_epoch=226), 1))
@example(case=(replace(MAINNET, genesis_time=U64 - 384 * 980),      # timestamp 2^64 - 1
               dict(MAINNET_LIMITS), OracleInput(ref_slot=32 * 1000), 0))
def test_safe_border(case):
    config, limits, inp, bunker = case
    result = both(lambda: lib_border(config, limits, inp, bunker),
                  lambda: model.safe_border(config, limits, inp, bunker),
                  border_label(config, inp, bunker))
    if result is not None and not bunker:
        assert result[0] == inp.ref_slot // config.slots_per_epoch - result[2]


def test_disabled_bunker_is_never_a_start():
    """The queue's "off" is 2^256 - 1, after any block; libstake's 64-bit
    stand-in must stay "off" even for a block at 2^64 - 1 (libstake 0.9.1
    took it for a start there)."""
    inp = OracleInput(ref_slot=32 * 100_000, block_timestamp=U64, last_report_ref_slot=100,
                      bunker_since_timestamp=LIB_BUNKER_DISABLED)
    limits = dict(MAINNET_LIMITS)
    # the oracle: max(100000 - 1350, 100 // 32 - 20) = 98650, below R - d
    assert model.safe_border(MAINNET, limits, inp, 1)[0] == 98_650
    compare(lambda: lib_border(MAINNET, limits, inp, 1),
            lambda: model.safe_border(MAINNET, limits, inp, 1))


STATUSES = ["none", "predicted", "undetectable"]


@THOROUGH
@given(case=slashed_cases())
@example(case=(MAINNET, 6000, [Validator(1, 5000, 13192), Validator(1, 5000, 13000)]))
@example(case=(MAINNET, 6000, [Validator(1, 5000, 5256)]))            # exit period == delay
@example(case=(MAINNET, 6000, [Validator(1, 5000, 5255)]))            # WrongExitPeriod
@example(case=(MAINNET, 6000, [Validator(1, 1, 8192)]))               # a prediction of 0
@example(case=(MAINNET, 0, []))
def test_earliest_slashed_epoch(case):
    config, ref_epoch, validators = case
    result = both(lambda: lib_slashed(config, ref_epoch, validators),
                  lambda: model.earliest_slashed_epoch(config, ref_epoch, validators),
                  lambda r: STATUSES[r[0]] + " of %d" % len(validators))
    if result is not None and result[0] != SLASHED_PREDICTED:
        assert result[1] == 0


@st.composite
def border_with_validators(draw):
    config, limits, inp, _ = draw(border_cases())
    ref_epoch = inp.ref_slot // (config.slots_per_epoch or 1)
    return config, limits, inp, draw(validator_sets(config, ref_epoch))


@settings(max_examples=max(BUDGET // 2, 50), deadline=None)
@given(case=border_with_validators())
def test_bunker_border_from_the_validators(case):
    """The two calls chained as the man page says, the predicted epoch (if
    any) becoming the input's earliest slashed epoch, as SafeBorder chains
    _get_earliest_slashed_epoch_among_incomplete_slashings into
    _get_associated_slashings_border_epoch. An undetectable epoch needs the
    caller's frame search: such cases are left to test_earliest_slashed_epoch."""
    config, limits, inp, validators = case
    ref_epoch = inp.ref_slot // config.slots_per_epoch if config.slots_per_epoch else 0
    try:
        assume(model.earliest_slashed_epoch(config, ref_epoch, validators)[0]
               != model.SLASHED_UNDETECTABLE)
    except Revert:
        pass                                 # a refusal is compared below

    def chained(slashed, border):
        status, epoch = slashed(config, ref_epoch, validators)
        found = replace(inp, has_slashings=int(status == SLASHED_PREDICTED),
                        earliest_slashed_epoch=epoch)
        return border(config, limits, found, 1)

    result = both(lambda: chained(lib_slashed, lib_border),
                  lambda: chained(model.earliest_slashed_epoch, model.safe_border))
    assert result is None or result[1] == (config.genesis_time + result[0]
                                           * config.slots_per_epoch * config.seconds_per_slot)
