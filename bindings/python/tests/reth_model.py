"""An independent Python model of Rocket Pool's rETH, written from the
contracts (RocketTokenRETH.sol, RocketDepositPool.deposit and
RocketNetworkBalances.updateBalances of rocket-pool/rocketpool) and
../shared/reference/protocol-semantics.md section 5, not from libstake's C
code. test_reth_model.py runs it side by side with stake.RETH.

Reverts become Revert(name), named with libstake's status for them. What
libstake leaves out is left out here too, as its header says: whether
deposits are enabled, the deposit pool's maximum size, the assignment of
deposits to validators, the block-based delay before a depositor may move
rETH, and the oracle DAO's votes (a report is one that reached consensus,
at a block timestamp given by the caller).
"""

from solidity_model import checked, require

E = 10**18                       # calcBase
ZERO = "0x" + "0" * 40


class RethModel:
    def __init__(self, deposit_fee=5 * 10**14, minimum_deposit=10**16,
                 max_rate_delta=2 * 10**16, report_frequency=86400):
        self.deposit_fee = deposit_fee
        self.minimum_deposit = minimum_deposit
        self.max_rate_delta = max_rate_delta
        self.report_frequency = report_frequency
        self.balances = {}
        # RocketNetworkBalances: the reported totals and the last report's time
        self.total_eth = 0
        self.staking_eth = 0
        self.reth_supply = 0
        self.last_timestamp = 0
        # the ETH burns can draw on
        self.contract_balance = 0
        self.deposit_pool_excess = 0

    # -- views
    def balance_of(self, account):
        return self.balances.get(account, 0)

    @property
    def total_supply(self):
        """The live ERC-20 supply (not the reported one)."""
        return sum(self.balances.values())

    def eth_value(self, reth):
        """getEthValue: SafeMath mul then div."""
        if self.reth_supply == 0:
            return reth
        return checked(reth * self.total_eth) // self.reth_supply

    def reth_value(self, eth):
        """getRethValue."""
        if self.reth_supply == 0:
            return eth
        require(self.total_eth > 0, "STAKE_EZEROSUPPLY")
        return checked(eth * self.reth_supply) // self.total_eth

    def exchange_rate(self):
        return self.eth_value(E)

    @property
    def total_collateral(self):
        """getTotalCollateral: the deposit pool's excess plus the contract's
        balance (SafeMath add)."""
        return checked(self.deposit_pool_excess + self.contract_balance)

    # -- the oracle
    def submit_balances(self, timestamp, total_eth, staking_eth, reth_supply):
        """submitBalances' deciding vote: updateBalances, the balances
        themselves unchecked."""
        self._update_balances(timestamp, total_eth, staking_eth, reth_supply)

    def execute_update_balances(self, timestamp, total_eth, staking_eth, reth_supply):
        """executeUpdateBalances: a report that reached consensus earlier."""
        require(staking_eth <= total_eth, "STAKE_EBADREPORT")       # Invalid network balances
        self._update_balances(timestamp, total_eth, staking_eth, reth_supply)

    def _update_balances(self, timestamp, total_eth, staking_eth, reth_supply):
        # updateBalances: RPIP-61 spacing, then the delta cap
        require(timestamp >= self.last_timestamp + self.report_frequency * 95 // 100,
                "STAKE_EBADREPORT")                                 # Not enough time has passed
        if self.total_eth > 0:
            current = checked(E * self.total_eth)
            require(self.reth_supply != 0, "STAKE_EZEROSUPPLY")     # division by zero
            current //= self.reth_supply
            new = checked(E * total_eth)
            require(reth_supply != 0, "STAKE_EZEROSUPPLY")
            new //= reth_supply
            max_change = checked(current * self.max_rate_delta) // E
            require(abs(new - current) <= max_change, "STAKE_ERATECHANGE")
        self.last_timestamp = timestamp
        self.total_eth, self.staking_eth, self.reth_supply = total_eth, staking_eth, reth_supply

    def set_collateral(self, contract_balance, deposit_pool_excess):
        """libstake's own setter (no contract call): a pair whose sum would
        overflow is refused, since every burn would then revert."""
        checked(contract_balance + deposit_pool_excess)
        self.contract_balance = contract_balance
        self.deposit_pool_excess = deposit_pool_excess

    # -- the token
    def deposit(self, depositor, value):
        """RocketDepositPool.deposit, then RocketTokenRETH.mint(net,
        depositor). The ETH joins the deposit pool's excess."""
        require(value >= self.minimum_deposit, "STAKE_EBELOWMIN")
        # the ETH must be representable where it goes
        excess = checked(self.deposit_pool_excess + value)
        checked(excess + self.contract_balance)
        fee = checked(value * self.deposit_fee) // E
        net = value - fee
        reth = self.reth_value(net)
        require(reth > 0, "STAKE_EZEROAMOUNT")          # Invalid token mint amount
        require(depositor != ZERO, "STAKE_EZEROADDRESS")  # ERC20: mint to the zero address
        checked(self.total_supply + reth)
        self.balances[depositor] = self.balance_of(depositor) + reth
        self.deposit_pool_excess = excess
        return reth

    def burn(self, holder, reth):
        """RocketTokenRETH.burn by holder."""
        require(reth > 0, "STAKE_EZEROAMOUNT")              # Invalid token burn amount
        require(self.balance_of(holder) >= reth, "STAKE_EBALANCE")
        eth = self.eth_value(reth)
        require(self.total_collateral >= eth, "STAKE_ECOLLATERAL")
        require(holder != ZERO, "STAKE_EZEROADDRESS")
        self.balances[holder] -= reth
        # withdrawDepositCollateral: the contract's own ETH first
        if self.contract_balance >= eth:
            self.contract_balance -= eth
        else:
            self.deposit_pool_excess -= eth - self.contract_balance
            self.contract_balance = 0
        return eth

    def transfer(self, sender, to, amount):
        """OpenZeppelin 3.x ERC20 _transfer."""
        require(sender != ZERO and to != ZERO, "STAKE_EZEROADDRESS")
        require(self.balance_of(sender) >= amount, "STAKE_EBALANCE")
        self.balances[sender] = self.balance_of(sender) - amount
        self.balances[to] = self.balance_of(to) + amount
