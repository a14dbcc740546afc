"""OracleReportSanityChecker.smoothenTokenRebase and PositiveTokenRebaseLimiter
(lidofinance/core, Solidity 0.8: every overflow is a Panic) transcribed from
the contracts, for test_limiter_model.py and the report of steth_model.py."""

from solidity_model import U256_MAX, Revert, checked

PRECISION = 10**9
UNLIMITED = 2**64 - 1


class Limiter:
    """PositiveTokenRebaseLimiter's TokenRebaseLimiterData and functions."""

    def __init__(self, limit, pre_ether, pre_shares):
        if limit == 0:
            raise Revert("STAKE_EINVAL")        # TooLowTokenRebaseLimit
        if pre_ether == 0:
            limit = UNLIMITED
        self.limit, self.pre_ether, self.pre_shares = limit, pre_ether, pre_shares
        self.current = pre_ether
        self.max = (U256_MAX if limit == UNLIMITED
                    else checked(pre_ether + checked(limit * pre_ether) // PRECISION))

    def decrease(self, amount):
        if self.limit == UNLIMITED:
            return
        if amount > self.current:
            raise Revert("STAKE_EUNDERFLOW")    # NegativeTotalPooledEther
        self.current -= amount

    def increase(self, amount):
        if self.limit == UNLIMITED:
            return amount
        before = self.current
        self.current = min(checked(self.current + amount), self.max)
        return self.current - before

    def shares_to_burn_limit(self):
        if self.limit == UNLIMITED:
            return self.pre_shares
        if self.current >= self.max:
            return 0
        plus1 = self.limit + PRECISION
        rate = checked(self.current * PRECISION) // self.pre_ether
        return checked(self.pre_shares * (plus1 - rate)) // plus1


def smoothen(limit, pre_ether, pre_shares, pre_cl, post_cl, wv, el, requested, to_lock,
             new_shares):
    lim = Limiter(limit, pre_ether, pre_shares)
    if post_cl < pre_cl:
        lim.decrease(pre_cl - post_cl)
    else:
        lim.increase(post_cl - pre_cl)
    withdrawals = lim.increase(wv)
    el_rewards = lim.increase(el)
    simulated = min(lim.shares_to_burn_limit(), requested)
    lim.decrease(to_lock)
    to_burn = min(lim.shares_to_burn_limit(), checked(new_shares + requested))
    return (withdrawals, el_rewards, simulated, to_burn, to_burn - simulated,
            wv - withdrawals, el - el_rewards)
