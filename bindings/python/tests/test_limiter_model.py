"""stake_lido_smoothen_token_rebase against a Python transcription of
OracleReportSanityChecker.smoothenTokenRebase and PositiveTokenRebaseLimiter
(lidofinance/core, Solidity 0.8: every overflow is a Panic), written from
the contracts, over random and boundary inputs: every output and every
refusal compared."""

import pytest
from hypothesis import example, given, strategies as st

import stake
from limiter_model import PRECISION, UNLIMITED, U256_MAX, smoothen
from solidity_model import Revert
from stake import raw

pytestmark = pytest.mark.skipif(not hasattr(raw, "stake_lido_smoothen_token_rebase"),
                                reason="no <stake/risk.h> in this libstake")
E = 10**18

ether = st.one_of(st.integers(0, 10**7 * E), st.integers(0, 1000),
                  st.sampled_from([0, 1, 2**128 - 1, U256_MAX]), st.integers(0, U256_MAX))
limits = st.one_of(st.sampled_from([0, 1, 750000, PRECISION, UNLIMITED, UNLIMITED - 1]),
                   st.integers(1, UNLIMITED))


@given(limit=limits, pre_ether=ether, pre_shares=ether, pre_cl=ether,
       cl_change=st.integers(-10**4 * E, 10**4 * E), wv=ether, el=ether, requested=ether,
       to_lock=ether, new_shares=ether)
@example(limit=750000, pre_ether=10**6 * E, pre_shares=9 * 10**5 * E, pre_cl=10**6 * E,
         cl_change=10**3 * E, wv=10 * E, el=10 * E, requested=10 * E, to_lock=5 * E,
         new_shares=4 * E)
@example(limit=750000, pre_ether=10**6 * E, pre_shares=9 * 10**5 * E, pre_cl=10**6 * E,
         cl_change=-10**3 * E, wv=10**3 * E, el=10 * E, requested=10**4 * E, to_lock=10**3 * E,
         new_shares=10**3 * E)
def test_smoothen_token_rebase_matches_contract(limit, pre_ether, pre_shares, pre_cl, cl_change,
                                                wv, el, requested, to_lock, new_shares):
    post_cl = min(max(pre_cl + cl_change, 0), U256_MAX)
    args = raw.stake_lido_rebase_input_init(raw.STAKE_LIDO_REBASE_INPUT_VERSION)
    args.pre_total_pooled_ether, args.pre_total_shares = pre_ether, pre_shares
    args.pre_cl_balance, args.post_cl_balance = pre_cl, post_cl
    args.withdrawal_vault_balance, args.el_rewards_vault_balance = wv, el
    args.shares_requested_to_burn = requested
    args.ether_to_lock_for_withdrawals, args.new_shares_to_burn_for_withdrawals = to_lock, new_shares
    try:
        want, want_error = smoothen(limit, pre_ether, pre_shares, pre_cl, post_cl, wv, el,
                                    requested, to_lock, new_shares), None
    except Revert as r:
        want, want_error = None, r.name
    try:
        out = raw.stake_lido_smoothen_token_rebase(args, limit)
        got, got_error = (out.withdrawals, out.el_rewards, out.simulated_shares_to_burn,
                          out.shares_to_burn, out.shares_from_wq_to_burn,
                          out.withdrawals_deferred, out.el_rewards_deferred), None
    except stake.StakeError as e:
        got, got_error = None, e.name
    assert (got_error, got) == (want_error, want)
