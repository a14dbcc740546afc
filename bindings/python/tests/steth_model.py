"""An independent Python model of Lido's stETH and wstETH token operations
(V2: lido-dao StETH.sol and Lido.sol; V3: lidofinance/core StETH.sol,
Lido.sol, and WstETH.sol), written from ../shared/reference/
protocol-semantics.md section 1 and the contracts, not from libstake's C
code. test_steth_model.py runs it side by side with stake.StETH.

A revert is Revert(name) with libstake's name for it; every operation
checks everything before it changes anything. The pool's ether is set
directly to move the rate up and down, or through the oracle report
(Accounting.sol for V3, Lido._handleOracleReport for V2), which is modelled
without the withdrawal queue: the limiter, the Burner, the consensus-layer
update, V3 bad debt and the fee shares with each version's formula.
"""

import copy

from limiter_model import smoothen
from solidity_model import U256_MAX, Revert, checked, require  # noqa: F401 (Revert is the API)

U128_MAX = 2**128 - 1
DEPOSIT = 32 * 10**18
FEE_PRECISION = 10**20
DEAD = "0x000000000000000000000000000000000000dead"
ZERO = "0x" + "0" * 40


class StethModel:
    def __init__(self, version, steth, wsteth, burner, initial_ether=10**18,
                 max_external_ratio_bp=10000):
        self.v3 = version == 3
        self.steth, self.wsteth, self.burner = steth, wsteth, burner
        self.ratio = max_external_ratio_bp
        self.shares = {DEAD: initial_ether}          # _bootstrapInitialHolder
        self.allowances = {}
        self.external = 0
        self.buffered, self.cl_balance, self.cl_validators, self.deposited = initial_ether, 0, 0, 0
        self.stopped = False
        self.wrapped = {}                           # wstETH balances
        self.wrapped_allowances = {}                # wstETH allowances, (owner, spender)
        self.burn_requested = 0                     # shares waiting in the Burner
        # shares a transferSharesFrom worth 0 wei took from the wrapper: the
        # only way its stETH can fall short of the wstETH it owes
        self.taken_from_wrapper = 0
        # the staking rate limit slot (StakeLimitState.Data) and block.number
        self.block = 1
        self.prev_block, self.prev_limit, self.growth_blocks, self.max_limit = 1, 0, 0, 0

    # -- the rate
    @property
    def total_shares(self):
        return sum(self.shares.values())

    def internal_ether(self):
        return self.buffered + self.cl_balance + (self.deposited - self.cl_validators) * DEPOSIT

    def internal_shares(self):
        return self.total_shares - self.external

    def total_supply(self):
        ie = self.internal_ether()
        if not self.v3:
            return ie
        product = self.product(self.external, ie)              # _getExternalEther
        require(self.internal_shares() != 0, "STAKE_EDIVZERO")
        return checked(ie + product // self.internal_shares())

    def product(self, a, b):
        """x * y as StETH.sol forms it: V2 with SafeMath's mul, V3 with a
        plain 0.4.24 `*` that wraps modulo 2**256."""
        if self.v3:
            return a * b % 2**256
        require(a * b <= U256_MAX, "STAKE_EOVERFLOW")
        return a * b

    def shares_by_eth(self, eth):
        if self.v3:
            require(eth < U128_MAX, "STAKE_ETOOLARGE")
        ie = self.internal_ether()
        product = self.product(eth, self.internal_shares())
        require(ie != 0, "STAKE_EDIVZERO")
        return product // ie

    def eth_by_shares(self, shares):
        if self.v3:
            require(shares < U128_MAX, "STAKE_ETOOLARGE")
        is_ = self.internal_shares()
        product = self.product(shares, self.internal_ether())
        require(is_ != 0, "STAKE_EDIVZERO")
        return product // is_

    # -- views
    def shares_of(self, account):
        return self.shares.get(account, 0)

    def balance_of(self, account):
        return self.eth_by_shares(self.shares_of(account))

    def allowance(self, owner, spender):
        return self.allowances.get((owner, spender), 0)

    # -- share moves
    def spendable(self, account, zero_value=False):
        """The wrapper's shares leave only through unwrap, and the Burner's
        requested shares only by a report's burn, except by a
        transferSharesFrom worth 0 wei, which needs no allowance."""
        if zero_value:
            return self.shares_of(account)
        if account == self.wsteth:
            return 0
        if account == self.burner:
            return max(0, self.shares_of(account) - self.burn_requested)
        return self.shares_of(account)

    def _check_move(self, sender, to, shares, zero_value=False):
        """_transferShares' checks."""
        require(sender != ZERO and to != ZERO, "STAKE_EZEROADDRESS")
        require(to != self.steth, "STAKE_ESELFRECIPIENT")
        require(not self.stopped, "STAKE_ESTOPPED")
        require(shares <= self.spendable(sender, zero_value), "STAKE_EBALANCE")

    def _move(self, sender, to, shares):
        self.shares[sender] = self.shares_of(sender) - shares
        self.shares[to] = self.shares_of(to) + shares

    def _check_spend(self, owner, spender, amount):
        current = self.allowance(owner, spender)
        if current != U256_MAX:
            require(current >= amount, "STAKE_EALLOWANCE")
            require(owner != ZERO and spender != ZERO, "STAKE_EZEROADDRESS")
        return current

    def _spend(self, owner, spender, amount, current):
        if current != U256_MAX:
            self.allowances[(owner, spender)] = current - amount

    def transfer(self, sender, to, amount):
        shares = self.shares_by_eth(amount)
        self._check_move(sender, to, shares)
        self._move(sender, to, shares)
        return shares

    def transfer_shares(self, sender, to, shares):
        self._check_move(sender, to, shares)
        eth = self.eth_by_shares(shares)       # for the event, after the move on chain
        self._move(sender, to, shares)
        return eth

    def transfer_from(self, spender, owner, to, amount):
        current = self._check_spend(owner, spender, amount)
        shares = self.shares_by_eth(amount)
        self._check_move(owner, to, shares)
        self._spend(owner, spender, amount, current)
        self._move(owner, to, shares)
        return shares

    def transfer_shares_from(self, spender, owner, to, shares):
        eth = self.eth_by_shares(shares)
        current = self._check_spend(owner, spender, eth)
        self._check_move(owner, to, shares, zero_value=eth == 0)
        self._spend(owner, spender, eth, current)
        self._move(owner, to, shares)
        if owner == self.wsteth:
            self.taken_from_wrapper += shares
        return eth

    def approve(self, owner, spender, amount):
        require(owner != ZERO and spender != ZERO, "STAKE_EZEROADDRESS")
        self.allowances[(owner, spender)] = amount

    def increase_allowance(self, owner, spender, added):
        total = self.allowance(owner, spender) + added
        require(total <= U256_MAX, "STAKE_EOVERFLOW")
        self.approve(owner, spender, total)

    def decrease_allowance(self, owner, spender, subtracted):
        current = self.allowance(owner, spender)
        require(current >= subtracted, "STAKE_EALLOWANCE")
        self.approve(owner, spender, current - subtracted)

    # -- supply
    def _check_mint(self, to, shares):
        require(to != ZERO, "STAKE_EZEROADDRESS")
        if self.v3:
            require(to != self.steth, "STAKE_ESELFRECIPIENT")
            require(self.total_shares + shares <= U128_MAX, "STAKE_ESHARESOVERFLOW")
        else:
            require(self.total_shares + shares <= U256_MAX, "STAKE_EOVERFLOW")

    # -- the staking rate limit (StakeLimitUtils.sol, Lido.sol)
    def set_block(self, block):
        # libstake's own rule: block.number never goes back and fits the slot
        require(self.block <= block <= 2**32 - 1, "STAKE_EINVAL")
        self.block = block

    def _calculate_limit(self):
        per_block = self.max_limit // self.growth_blocks if self.growth_blocks else 0
        change = (self.block - self.prev_block) * per_block
        if self.prev_limit < self.max_limit:
            return min(self.prev_limit + change, self.max_limit)
        return max(max(self.prev_limit - change, 0), self.max_limit)

    def current_stake_limit(self):
        if self.prev_block == 0:
            return 0
        if self.max_limit == 0:
            return U256_MAX
        return self._calculate_limit()

    def _decrease_limit(self, amount):
        """_decreaseStakingLimit: the new (prev_limit, prev_block)."""
        require(self.prev_block != 0, "STAKE_ESTAKINGPAUSED")
        if self.max_limit == 0:
            return self.prev_limit, self.prev_block
        limit = self._calculate_limit()
        require(amount <= limit, "STAKE_ESTAKELIMIT")
        return limit - amount, self.block

    def _increase_limit(self, amount):
        """_increaseStakingLimit: the new (prev_limit, prev_block)."""
        if self.max_limit == 0 or self.prev_block == 0:
            return self.prev_limit, self.prev_block
        limit = self._calculate_limit() + amount
        require(limit < 2**96, "STAKE_ETOOLARGE")          # updatePrevStakeLimit's assert
        return limit, self.block

    def set_staking_limit(self, max_limit, increase):
        require(max_limit != 0, "STAKE_EZEROAMOUNT")
        require(max_limit < 2**96, "STAKE_ETOOLARGE")
        require(max_limit >= increase, "STAKE_EEXCEEDSMAX")
        require(increase == 0 or max_limit // increase < 2**32, "STAKE_EBELOWMIN")
        if self.prev_block == 0 or self.max_limit == 0 or max_limit < self.prev_limit:
            self.prev_limit = max_limit
        self.growth_blocks = max_limit // increase if increase else 0
        self.max_limit = max_limit
        if self.prev_block != 0:
            self.prev_block = self.block

    def remove_staking_limit(self):
        self.max_limit = 0

    def pause_staking(self):
        self.prev_block = 0

    def resume_staking(self):
        self.prev_block = self.block

    def submit(self, sender, value):
        require(value != 0, "STAKE_EZEROAMOUNT")
        limit = self._decrease_limit(value)
        shares = self.shares_by_eth(value)          # before the buffer grows
        self._check_mint(sender, shares)
        require(self.buffered + value <= U256_MAX, "STAKE_EOVERFLOW")
        self.shares[sender] = self.shares_of(sender) + shares
        self.buffered += value
        self.prev_limit, self.prev_block = limit
        return shares

    def mint_shares(self, to, shares):
        require(not (self.v3 and self.stopped), "STAKE_ESTOPPED")   # V3 _whenNotStopped
        self._check_mint(to, shares)
        self.shares[to] = self.shares_of(to) + shares

    def burn_shares(self, account, shares):
        require(not (self.v3 and self.stopped), "STAKE_ESTOPPED")   # V3 _whenNotStopped
        require(account != ZERO, "STAKE_EZEROADDRESS")
        require(shares <= self.spendable(account), "STAKE_EBALANCE")
        # burnShares converts at the new rate for its event: no internal
        # shares left is a division by zero
        require(self.total_shares - shares > self.external, "STAKE_EINTERNALZERO")
        self.shares[account] = self.shares_of(account) - shares

    def max_mintable_external(self):
        if self.ratio == 0:
            return 0
        if self.ratio == 10000:
            return U256_MAX
        a, b = self.total_shares * self.ratio, self.external * 10000
        return 0 if a <= b else (a - b) // (10000 - self.ratio)

    def mint_external_shares(self, to, shares):
        require(self.v3, "STAKE_EINVAL")
        require(shares != 0, "STAKE_EZEROAMOUNT")
        require(not self.stopped, "STAKE_ESTOPPED")
        require(shares <= self.max_mintable_external(), "STAKE_EEXCEEDSMAX")
        limit = self._decrease_limit(self.eth_by_shares(shares))
        self._check_mint(to, shares)
        self.external += shares
        self.shares[to] = self.shares_of(to) + shares
        self.prev_limit, self.prev_block = limit

    def burn_external_shares(self, account, shares):
        require(self.v3, "STAKE_EINVAL")
        require(shares != 0, "STAKE_EZEROAMOUNT")
        require(not self.stopped, "STAKE_ESTOPPED")
        require(shares <= self.external, "STAKE_EBALANCE")
        require(account != ZERO, "STAKE_EZEROADDRESS")
        require(shares <= self.spendable(account), "STAKE_EBALANCE")
        limit = self._increase_limit(self.eth_by_shares(shares))   # the rate does not move
        self.external -= shares
        self.shares[account] = self.shares_of(account) - shares
        self.prev_limit, self.prev_block = limit

    # -- the pool
    def set_pool(self, buffered, cl_balance, cl_validators, deposited):
        # libstake's stake_steth_set_pool: the internal ether must be computable
        require(deposited >= cl_validators, "STAKE_EINVAL")
        require(buffered + cl_balance + (deposited - cl_validators) * DEPOSIT <= U256_MAX,
                "STAKE_EINVAL")
        self.buffered, self.cl_balance = buffered, cl_balance
        self.cl_validators, self.deposited = cl_validators, deposited

    def deposit_validators(self, count):
        require(self.buffered >= count * DEPOSIT, "STAKE_EBALANCE")
        self.buffered -= count * DEPOSIT
        self.deposited += count

    def stop(self):
        require(not self.stopped, "STAKE_ESTATE")
        self.stopped = True
        self.pause_staking()

    def resume(self):
        require(self.stopped, "STAKE_ESTATE")
        self.stopped = False
        self.resume_staking()

    # -- wstETH
    def wrap(self, holder, amount):
        require(amount != 0, "STAKE_EZEROAMOUNT")
        w = self.shares_by_eth(amount)
        require(holder != ZERO, "STAKE_EZEROADDRESS")
        # _mint(holder, w), then stETH.transferFrom(holder, wrapper, amount)
        current = self._check_spend(holder, self.wsteth, amount)
        shares = self.shares_by_eth(amount)
        self._check_move(holder, self.wsteth, shares)
        self._spend(holder, self.wsteth, amount, current)
        self._move(holder, self.wsteth, shares)
        self.wrapped[holder] = self.wrapped.get(holder, 0) + w
        return w

    def wsteth_submit(self, sender, value):
        """WstETH.receive(): stETH.submit by the wrapper, then _mint(sender,
        shares). libstake refuses a zero sender before the deposit (the
        contract after it: either way nothing happens)."""
        require(sender != ZERO, "STAKE_EZEROADDRESS")
        shares = self.submit(self.wsteth, value)
        self.wrapped[sender] = self.wrapped.get(sender, 0) + shares
        return shares

    def unwrap(self, holder, w):
        require(w != 0, "STAKE_EZEROAMOUNT")
        amount = self.eth_by_shares(w)
        require(holder != ZERO, "STAKE_EZEROADDRESS")
        require(self.wrapped.get(holder, 0) >= w, "STAKE_EBALANCE")
        # _burn(holder, w), then stETH.transfer(holder, amount) by the wrapper
        shares = self.shares_by_eth(amount)
        require(holder != self.steth, "STAKE_ESELFRECIPIENT")
        require(not self.stopped, "STAKE_ESTOPPED")
        require(shares <= self.shares_of(self.wsteth), "STAKE_EBALANCE")
        self.wrapped[holder] -= w
        self._move(self.wsteth, holder, shares)
        return amount

    def wsteth_transfer(self, sender, to, amount):
        require(sender != ZERO and to != ZERO, "STAKE_EZEROADDRESS")
        require(self.wrapped.get(sender, 0) >= amount, "STAKE_EBALANCE")
        self.wrapped[sender] = self.wrapped.get(sender, 0) - amount
        self.wrapped[to] = self.wrapped.get(to, 0) + amount

    # -- wstETH's allowances: OpenZeppelin 3.4's ERC20, where 2**256 - 1
    # is an amount like any other
    def wsteth_allowance(self, owner, spender):
        return self.wrapped_allowances.get((owner, spender), 0)

    def wsteth_approve(self, owner, spender, amount):
        require(owner != ZERO and spender != ZERO, "STAKE_EZEROADDRESS")   # _approve
        self.wrapped_allowances[(owner, spender)] = amount

    def wsteth_increase_allowance(self, owner, spender, added):
        total = self.wsteth_allowance(owner, spender) + added
        require(total <= U256_MAX, "STAKE_EOVERFLOW")                     # SafeMath.add
        self.wsteth_approve(owner, spender, total)

    def wsteth_decrease_allowance(self, owner, spender, subtracted):
        current = self.wsteth_allowance(owner, spender)
        require(current >= subtracted, "STAKE_EALLOWANCE")                # SafeMath.sub
        self.wsteth_approve(owner, spender, current - subtracted)

    def wsteth_transfer_from(self, spender, sender, to, amount):
        """_transfer(sender, to, amount), then _approve(sender, spender,
        allowance.sub(amount)); every check before any change, as the
        revert undoes the transfer on chain."""
        require(sender != ZERO and to != ZERO, "STAKE_EZEROADDRESS")
        require(self.wrapped.get(sender, 0) >= amount, "STAKE_EBALANCE")
        current = self.wsteth_allowance(sender, spender)
        require(current >= amount, "STAKE_EALLOWANCE")
        require(spender != ZERO, "STAKE_EZEROADDRESS")
        self.wsteth_transfer(sender, to, amount)
        self.wrapped_allowances[(sender, spender)] = current - amount

    @property
    def wsteth_supply(self):
        return sum(self.wrapped.values())

    # -- the Burner and the oracle report
    def request_burn_shares(self, account, shares):
        """Burner.requestBurnShares (privileged: no allowance spent)."""
        require(self.burn_requested + shares <= U256_MAX, "STAKE_EOVERFLOW")
        self._check_move(account, self.burner, shares)
        self._move(account, self.burner, shares)
        self.burn_requested += shares

    def handle_report(self, *args, queue=None, **kwargs):
        """The oracle report (the arguments of _report); returns the
        ReportResult fields as a tuple (pre and post totals, principal,
        withdrawals, EL rewards, rewards, fee shares, treasury shares,
        shares burnt, ether and shares finalized). queue is a
        queue_model.QueueModel (its token address queue_address), told of
        the report first and finalized up to batches[-1] at simulated_rate.
        All or nothing, the queue too."""
        saved = copy.deepcopy(queue.__dict__) if queue is not None else None
        try:
            return self._report(*args, queue=queue, **kwargs)
        except Revert:
            if queue is not None:
                queue.__dict__ = saved
            raise

    def _report(self, timestamp, block_timestamp, cl_validators, cl_balance, wv, el, limit,
                total_fee, modules, treasury, bad_debt, queue=None, queue_address=None,
                batches=(), simulated_rate=0, bunker=False, bunker_start=0):
        require(not self.stopped, "STAKE_ESTOPPED")    # _whenNotStopped (V2 first, V3 later)
        # V3 Accounting: timestamp < block.timestamp; V2 handleOracleReport:
        # <=, and the queue's onOracleReport (when there is a queue): <
        require(timestamp < block_timestamp or
                (timestamp == block_timestamp and not self.v3 and queue is None),
                "STAKE_ETIMESTAMP")
        require(total_fee <= FEE_PRECISION, "STAKE_EBADREPORT")
        require(sum(fee for _, fee in modules) <= total_fee, "STAKE_EBADREPORT")
        if queue is not None:       # AccountingOracle tells the queue first
            queue.on_oracle_report(bunker, bunker_start, timestamp, block_timestamp)
        require(self.cl_validators <= cl_validators <= self.deposited, "STAKE_EBADREPORT")
        require(bad_debt <= self.external, "STAKE_EBADREPORT")
        pre_supply, pre_total_shares = self.total_supply(), self.total_shares
        pre_ether, pre_shares = self.internal_ether(), self.internal_shares()
        principal = self.cl_balance + (cl_validators - self.cl_validators) * DEPOSIT

        # withdrawals: an unpaused queue is prefinalized; finalize is called
        # only with ether to lock, but the shares go to the Burner anyway
        to_lock = wq_shares = 0
        if batches:
            require(queue is not None, "STAKE_EBADREPORT")
            if not queue.paused:
                to_lock, wq_shares = queue.prefinalize(list(batches), simulated_rate)
                require(wq_shares <= self.shares_of(queue_address), "STAKE_EBALANCE")

        withdrawals, el_rewards, _, to_burn, _, _, _ = smoothen(
            limit, pre_ether, pre_shares, principal, cl_balance, wv, el, self.burn_requested,
            to_lock, wq_shares)
        # Lido.burnShares: BALANCE_EXCEEDED if the Burner (which a zero-value
        # transferSharesFrom may have emptied) holds less than it must burn
        require(self.shares_of(self.burner) + wq_shares >= to_burn, "STAKE_EBALANCE")
        require(self.buffered + withdrawals + el_rewards >= to_lock, "STAKE_EUNDERFLOW")
        post_ether = pre_ether + cl_balance + withdrawals + el_rewards - principal - to_lock
        shares_after_burn = pre_shares - to_burn
        rewards = fee_shares = 0
        if cl_balance + withdrawals > principal:
            rewards = cl_balance + withdrawals - principal + el_rewards
            if self.v3:
                fee_ether = rewards * total_fee // FEE_PRECISION
                require(post_ether - fee_ether != 0, "STAKE_EDIVZERO")
                fee_shares = checked(fee_ether * shares_after_burn) // (post_ether - fee_ether)
            elif total_fee > 0:
                den = checked(checked((pre_ether + rewards) * FEE_PRECISION)
                              - rewards * total_fee, "STAKE_EUNDERFLOW")
                require(den != 0, "STAKE_EDIVZERO")
                fee_shares = checked(checked(rewards * total_fee) * pre_shares) // den
        parts = [(r, fee_shares * fee // total_fee) for r, fee in modules if fee > 0]
        treasury_shares = fee_shares - sum(p for _, p in parts)
        # V2 transfers to each module with a fee and the treasury whenever
        # its _distributeFee runs (a profitable report with a total fee),
        # even 0 shares; V3's _distributeFee only to those whose part is
        # not zero shares
        if self.v3:
            receiving = [r for r, p in parts + [(treasury, treasury_shares)] if p > 0]
        else:
            receiving = [r for r, _ in parts] + [treasury] if rewards > 0 and total_fee > 0 else []
        for recipient in receiving:
            require(recipient != ZERO, "STAKE_EZEROADDRESS")
            require(recipient != self.steth, "STAKE_ESELFRECIPIENT")
        total_after = self.total_shares - to_burn + fee_shares
        if self.v3:
            require(total_after <= U128_MAX, "STAKE_ESHARESOVERFLOW")
            require(total_after - (self.external - bad_debt) != 0, "STAKE_EINTERNALZERO")
        else:
            checked(total_after)

        # apply, in the contracts' order
        if wq_shares:
            self._move(queue_address, self.burner, wq_shares)
        self.cl_validators, self.cl_balance = cl_validators, cl_balance
        self.external -= bad_debt
        self.shares[self.burner] = self.shares_of(self.burner) - to_burn
        self.burn_requested += wq_shares - to_burn
        self.buffered += withdrawals + el_rewards - to_lock
        if to_lock:
            queue.finalize(batches[-1], to_lock, simulated_rate)
        for recipient, part in parts + [(treasury, treasury_shares)]:
            self.shares[recipient] = self.shares_of(recipient) + part
        return (pre_supply, pre_total_shares, self.total_supply(), self.total_shares, principal,
                withdrawals, el_rewards, rewards, fee_shares, treasury_shares, to_burn,
                to_lock, wq_shares)

    # -- withdrawal requests (WithdrawalQueue._requestWithdrawal)
    def request_withdrawal(self, queue, queue_address, owner, amount, timestamp, sender=None):
        """requestWithdrawals([amount], owner) sent by sender (by default
        the owner; a zero owner is the sender): the bounds, stETH's
        transferFrom from the sender to the queue (spending the queue's
        allowance), then the owner's request at
        getSharesByPooledEth(amount)."""
        def moves(sender):
            queue.check_amount(amount)
            self.transfer_from(queue_address, sender, queue_address, amount)
            return amount
        return self._request(queue, owner, timestamp, sender, moves)

    def request_withdrawal_wsteth(self, queue, queue_address, owner, w, timestamp, sender=None):
        """requestWithdrawalsWstETH([w], owner) sent by sender (by default
        the owner; a zero owner is the sender): wstETH's transferFrom from
        the sender to the queue (spending the queue's wstETH allowance),
        the queue unwraps it, and the bounds apply to the stETH that gave;
        the owner's request at getSharesByPooledEth(that)."""
        def moves(sender):
            self.wsteth_transfer_from(queue_address, sender, queue_address, w)
            return queue.check_amount(self.unwrap(queue_address, w))
        return self._request(queue, owner, timestamp, sender, moves)

    def request_withdrawals(self, queue, queue_address, owner, amounts, timestamp, sender=None,
                            wsteth=False):
        """requestWithdrawals(amounts, owner), or requestWithdrawalsWstETH
        when wsteth: the call's checks, then each amount requested in
        turn as above; the first revert reverts the token and the queue
        (index: the element refused). Returns the ids."""
        queue._tick(timestamp)
        require(not queue.paused, "STAKE_EPAUSED")
        one = self.request_withdrawal_wsteth if wsteth else self.request_withdrawal
        saved_token, saved_queue = copy.deepcopy(self.__dict__), copy.deepcopy(queue.__dict__)
        ids = []
        for i, amount in enumerate(amounts):
            try:
                ids.append(one(queue, queue_address, owner, amount, timestamp, sender))
            except Revert as r:
                self.__dict__ = saved_token
                queue.__dict__.clear()
                queue.__dict__.update(saved_queue)
                r.index = i
                raise
        return ids

    def _request(self, queue, owner, timestamp, sender, moves):
        """What both requests share: the queue's clock and pause, the owner
        (the sender if zero), then the token moves, which give the stETH
        amount, and the request; the token restored if anything reverts."""
        queue._tick(timestamp)
        require(not queue.paused, "STAKE_EPAUSED")
        if sender is None:
            sender = owner
        if owner == ZERO:
            owner = sender
        saved_token = copy.deepcopy(self.__dict__)
        try:
            amount = moves(sender)
            return queue.enqueue(owner, amount, self.shares_by_eth(amount), timestamp)
        except Revert:
            self.__dict__ = saved_token
            raise
