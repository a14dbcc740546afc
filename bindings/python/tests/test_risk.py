"""<stake/risk.h> through stake.raw: versioned structs from their *_init,
struct arrays in (history, validators) and out (history append / prune),
nested struct members, several outputs, checked against Python ints."""

import pytest

import stake
from stake import raw

pytestmark = pytest.mark.skipif(not hasattr(raw, "stake_lido_limits_init"),
                                reason="no <stake/risk.h> in this libstake")
DAY = 86400


def limits():
    return raw.stake_lido_limits_init(raw.STAKE_LIDO_LIMITS_VERSION)


def test_limits_init_and_validate():
    lim = limits()
    assert lim.version == raw.STAKE_LIDO_LIMITS_VERSION
    assert lim.annual_balance_increase_bp_limit == 1000
    assert lim.max_positive_token_rebase == 750000
    raw.stake_lido_limits_validate(lim)
    lim.annual_balance_increase_bp_limit = 10001
    with pytest.raises(stake.StakeUsageError):
        raw.stake_lido_limits_validate(lim)
    lim.version = 99
    with pytest.raises(stake.StakeUsageError):
        raw.stake_lido_limits_validate(lim)


@pytest.mark.parametrize("pre, post, elapsed", [
    (100 * 10**18, 100 * 10**18 + 10**15, DAY),
    (100 * 10**18, 101 * 10**18, DAY),
    (100 * 10**18, 99 * 10**18, DAY),
    (32 * 10**18, 32 * 10**18 + 5 * 10**15, 0),
    (0, 10**9, DAY),
])
def test_annual_increase_matches_python(pre, post, elapsed):
    lim = limits()
    p = pre or 10**9
    t = elapsed or 3600
    ok = post <= p or (365 * DAY * 10**4 * (post - p) // p) // t <= 1000
    if ok:
        raw.stake_lido_check_annual_increase(lim, pre, post, elapsed)
    else:
        with pytest.raises(stake.StakeReportError) as e:
            raw.stake_lido_check_annual_increase(lim, pre, post, elapsed)
        assert e.value.name == "STAKE_EAPRLIMIT"


def record(ts, exited=0, rebase=0):
    return raw.stake_lido_report_record(timestamp=ts, total_exited_validators=exited,
                                        negative_cl_rebase=rebase)


def test_history_append_and_prune():
    h = []
    h = raw.stake_lido_report_history_append(h, 3, record(1000 * DAY, 1, 5))
    h = raw.stake_lido_report_history_append(h, 3, record(1001 * DAY, 2, 0))
    h = raw.stake_lido_report_history_append(h, 3, record(1100 * DAY, 3, 7))
    assert [r.timestamp for r in h] == [1000 * DAY, 1001 * DAY, 1100 * DAY]
    assert h[0].negative_cl_rebase == 5 and h[2].total_exited_validators == 3
    with pytest.raises(stake.StakeUsageError) as e:
        raw.stake_lido_report_history_append(h, 3, record(1200 * DAY))
    assert e.value.name == "STAKE_EBUFSIZE"
    with pytest.raises(stake.StakeUsageError):         # older than the last record
        raw.stake_lido_report_history_append(h, 5, record(10))
    kept = raw.stake_lido_report_history_prune(h, 1100 * DAY + 60 * DAY)
    assert [r.timestamp for r in kept] == [1100 * DAY]
    assert len(h) == 3                                  # the input list is unchanged
    with pytest.raises(TypeError):
        raw.stake_lido_report_history_prune([1, 2], 0)


def test_negative_rebase_with_history():
    lim = limits()
    rep = raw.stake_lido_accounting_report_init(raw.STAKE_LIDO_ACCOUNTING_REPORT_VERSION)
    rep.report_timestamp = 2000 * DAY
    rep.pre_cl_balance = 1000 * 10**18
    rep.post_cl_balance = 1000 * 10**18 + 1
    rep.post_cl_validators = 100
    history = [record(1990 * DAY, 0, 0), record(1995 * DAY, 0, 10**18)]
    out = raw.stake_lido_check_negative_rebase(lim, history, rep, None)
    assert out.verdict == raw.STAKE_LIDO_REBASE_NOT_NEGATIVE
    # a decrease within the allowance: the window sums this one and the last 18 days
    rep.post_cl_balance = 1000 * 10**18 - 2 * 10**18
    out = raw.stake_lido_check_negative_rebase(lim, history, rep, None)
    assert out.verdict == raw.STAKE_LIDO_REBASE_ACCEPTED
    assert out.window_sum == 2 * 10**18 + 10**18
    allowed = (lim.initial_slashing_amount_pwei * 10**15 * 100
               + lim.inactivity_penalties_amount_pwei * 10**15 * 100)
    assert out.max_allowed == allowed
    rec = out.record                                    # a nested struct, copied out
    assert (rec.timestamp, rec.negative_cl_rebase) == (2000 * DAY, 2 * 10**18)
    # far above it, without a second opinion: refused
    rep.post_cl_balance = 500 * 10**18
    with pytest.raises(stake.StakeReportError) as e:
        raw.stake_lido_check_negative_rebase(lim, history, rep, None)
    assert e.value.name == "STAKE_ENEGATIVEREBASE"
    with pytest.raises(TypeError):
        raw.stake_lido_check_negative_rebase(lim, [lim], rep, None)


def test_several_outputs_and_struct_arrays():
    negative, magnitude = raw.stake_lido_cl_rebase_gwei(100 * 10**18, 99 * 10**18)
    assert negative == 1 and magnitude > 0
    negative, magnitude = raw.stake_lido_cl_rebase_gwei(99 * 10**18, 100 * 10**18)
    assert negative == 0 and magnitude > 0
    cfg = raw.stake_lido_oracle_config_init(raw.STAKE_LIDO_ORACLE_CONFIG_VERSION)
    far = 2**64 - 1
    v = [raw.stake_lido_validator_epochs(slashed=0, exit_epoch=far, withdrawable_epoch=far),
         raw.stake_lido_validator_epochs(slashed=1, exit_epoch=5000, withdrawable_epoch=13000)]
    status, epoch = raw.stake_lido_earliest_slashed_epoch(cfg, 6000, v)
    assert status in (raw.STAKE_LIDO_SLASHED_PREDICTED, raw.STAKE_LIDO_SLASHED_NONE,
                      raw.STAKE_LIDO_SLASHED_UNDETECTABLE)
    status, _ = raw.stake_lido_earliest_slashed_epoch(cfg, 6000, [])
    assert status == raw.STAKE_LIDO_SLASHED_NONE


def test_rocketpool():
    node, user, rewards, fee = 8 * 10**18, 24 * 10**18, 10**18 + 12345, 14 * 10**16
    portion = rewards * node // (user + node)
    assert raw.stake_rocketpool_node_rewards(node, user, rewards, fee) == \
        portion + (rewards - portion) * fee // 10**18
    with pytest.raises(stake.StakeArithmeticError):
        raw.stake_rocketpool_node_rewards(0, 0, rewards, fee)
    mp = raw.stake_rocketpool_megapool_init(raw.STAKE_ROCKETPOOL_MEGAPOOL_VERSION)
    mp.node_bond, mp.user_capital = 4 * 10**18, 28 * 10**18
    out = raw.stake_rocketpool_megapool_final_balance(mp, 32000, 32 * 10**9, 0)
    assert out.to_node + out.to_user == 32 * 10**18
    after = out.after                                    # nested struct member
    assert after.node_bond == mp.node_bond - out.node_share
    assert after.user_capital == mp.user_capital - out.user_share
