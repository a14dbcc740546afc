"""An independent Python model of Rocket Pool's loss waterfall, transcribed
from the contracts of rocket-pool/rocketpool, not from libstake's C code.
test_rocketpool_model.py runs it side by side with the stake_rocketpool_*
functions of stake.raw.

Sources:

- contracts/contract/minipool/RocketMinipoolDelegate.sol at commit
  244165297e5a3cf076adc91676be591d0e7712d2 (delegate version 3, Solidity
  0.7.6 with SafeMath, so every add, sub, mul and div is checked):
  distributeBalance (the 8 ether threshold), _distributeBalance,
  distributeSkimmedRewards, calculateNodeShare, _calculateNodeShare and
  calculateNodeRewards.
- contracts/contract/minipool/RocketMinipoolPenalty.sol at commit
  5edfe562c57100d9c7c4af5d3fe37f6f662ff10d: getPenaltyRate.
- contracts/contract/megapool/RocketMegapoolDelegate.sol, the Saturn
  version whose calculateRewards splits by the node's average capital
  ratio and whose _calculateCapitalDispersal caps the node's share at its
  bond (Solidity 0.8.30, checked except where `unchecked`). The search
  index holds it without naming its commit; its text is what
  ../shared/reference/protocol-semantics.md section 5.3 describes for
  fef41a4f7cf9, and what libstake's header and man page describe.
  Transcribed: _calculateCapitalDispersal, _notifyFinalBalance (a validator
  that was not dissolved), calculateRewards, _distributeAmount's debt rule,
  _claim, and the debt helpers they call.

Left out, as libstake leaves them out: who may call, the status and
timing requires, the minipool's nodeRefundBalance bookkeeping (callers pass
the balance with it already taken off), the megapool's refundValue and
validator counters (RocketNodeDeposit.getBondRequirement for the validators
left is an input), and the capital-ratio snapshot that runs a distribution
at the end of _notifyFinalBalance.

A revert becomes solidity_model.Revert(name), named with the STAKE_E*
status libstake gives it: a checked result above 2^256 - 1 is
STAKE_EOVERFLOW, below 0 STAKE_EUNDERFLOW, a zero divisor STAKE_EDIVZERO,
and the megapool's two sanity requires STAKE_EINVAL.
"""

from dataclasses import dataclass, replace

from solidity_model import U256_MAX, checked, require

E = 10**18                      # calcBase in both delegates
EIGHT_ETHER = 8 * E             # distributeBalance's full-withdrawal threshold
GWEI = 10**9                    # `1 gwei`
MILLI_TO_WEI = 10**15           # RocketMegapoolDelegate.milliToWei


# -- checked and unchecked uint256 arithmetic ---------------------------------

def add(a, b):
    return checked(a + b)


def sub(a, b):
    return checked(a - b, "STAKE_EUNDERFLOW")


def mul(a, b):
    return checked(a * b)


def div(a, b):
    # SafeMath.div requires b > 0; 0.8's `/` panics on zero. Either way
    # libstake says STAKE_EDIVZERO.
    require(b != 0, "STAKE_EDIVZERO")
    return a // b


def wrap(x):
    """An `unchecked` result: modulo 2^256."""
    return x % (U256_MAX + 1)


# -- the legacy minipool -------------------------------------------------------

@dataclass(frozen=True)
class Minipool:
    node_deposit_balance: int       # nodeDepositBalance
    user_deposit_balance: int       # getUserDepositBalance()
    node_fee: int                   # nodeFee
    penalty_rate: int               # the stored minipool.penalty.rate
    max_penalty_rate: int           # RocketMinipoolPenalty.maxPenaltyRate
    first_distribution: bool        # withdrawalBlock == 0


@dataclass(frozen=True)
class MinipoolSplit:
    full_withdrawal: bool
    node_amount: int
    user_amount: int
    penalty: int
    node_slash_balance: int


def calculate_node_rewards(node_capital, user_capital, rewards, node_fee):
    """RocketMinipoolDelegate.calculateNodeRewards: the node's pro-rata part
    of the rewards plus its commission on the users' part."""
    node_portion = div(mul(rewards, node_capital), add(user_capital, node_capital))
    user_portion = sub(rewards, node_portion)
    return add(node_portion, div(mul(user_portion, node_fee), E))


def get_penalty_rate(mp):
    """RocketMinipoolPenalty.getPenaltyRate: nothing while the guardian's
    cap is zero, else the stored rate clipped to the cap."""
    if mp.max_penalty_rate == 0:
        return 0
    return min(mp.penalty_rate, mp.max_penalty_rate)


def _calculate_node_share(mp, balance):
    """RocketMinipoolDelegate._calculateNodeShare, returning the share and
    the penalty it lost (the contract only returns the share)."""
    user_capital = mp.user_deposit_balance
    node_capital = mp.node_deposit_balance
    node_share = 0
    capital = add(user_capital, node_capital)
    if balance > capital:
        rewards = sub(balance, capital)
        node_share = add(node_capital, calculate_node_rewards(
            node_capital, user_capital, rewards, mp.node_fee))
    elif balance > user_capital:
        # a loss: the bond takes it before the users' capital does
        node_share = sub(balance, user_capital)
    penalty = 0
    rate = get_penalty_rate(mp)
    if rate > 0:
        penalty = min(div(mul(node_share, rate), E), node_share)
        node_share = sub(node_share, penalty)
    return node_share, penalty


def calculate_node_share(mp, balance):
    """RocketMinipoolDelegate.calculateNodeShare: below 8 ether the balance
    counts as skimmed rewards (and no penalty applies)."""
    if balance < EIGHT_ETHER:
        return calculate_node_rewards(mp.node_deposit_balance, mp.user_deposit_balance,
                                      balance, mp.node_fee)
    return _calculate_node_share(mp, balance)[0]


def distribute_balance(mp, balance):
    """RocketMinipoolDelegate.distributeBalance on a staking minipool, with
    balance = address(this).balance - nodeRefundBalance: the
    _distributeBalance branch from 8 ether on, distributeSkimmedRewards
    below."""
    if balance >= EIGHT_ETHER:
        return _distribute_balance(mp, balance)
    return _distribute_skimmed_rewards(mp, balance)


def _distribute_balance(mp, balance):
    """RocketMinipoolDelegate._distributeBalance."""
    node_amount = penalty = slash = 0
    user_capital = mp.user_deposit_balance
    if balance < user_capital:
        # the users take everything; the rest is to be slashed from RPL,
        # recorded only by the first distribution
        if mp.first_distribution:
            slash = sub(user_capital, balance)
    else:
        node_amount, penalty = _calculate_node_share(mp, balance)
    user_amount = sub(balance, node_amount)
    return MinipoolSplit(True, node_amount, user_amount, penalty, slash)


def _distribute_skimmed_rewards(mp, balance):
    """RocketMinipoolDelegate.distributeSkimmedRewards."""
    node_share = calculate_node_rewards(mp.node_deposit_balance, mp.user_deposit_balance,
                                        balance, mp.node_fee)
    return MinipoolSplit(False, node_share, sub(balance, node_share), 0, 0)


# -- the Saturn megapool ---------------------------------------------------------

@dataclass(frozen=True)
class Megapool:
    node_bond: int
    node_queued_bond: int
    user_capital: int
    debt: int


@dataclass(frozen=True)
class Exit:
    node_share: int
    user_share: int
    to_node: int                    # refundValue += toNode
    to_user: int                    # _sendToRETH(toUser), repaid debt included
    shortfall: int                  # what _increaseDebt was given
    debt_repaid: int                # what _reduceDebt was given
    incurs_shortfall: bool
    after: Megapool


@dataclass(frozen=True)
class Revenue:
    last_distribution_time: int
    voter_share: int                # RocketNetworkRevenues.calculateSplit
    protocol_dao_share: int
    reth_share: int
    average_capital_ratio: int      # getNodeAverageCapitalRatioSince


@dataclass(frozen=True)
class Rewards:
    node: int
    voter: int
    protocol_dao: int
    reth: int
    debt_repaid: int
    debt_after: int


def calculate_capital_dispersal(mp, value, bond_requirement):
    """RocketMegapoolDelegate._calculateCapitalDispersal: the node gets the
    bond its remaining validators no longer need (queued bond counts toward
    that), at most the value and at most what is actually bonded."""
    effective_bond = add(mp.node_bond, mp.node_queued_bond)
    node_share = 0
    if bond_requirement < effective_bond:
        node_share = effective_bond - bond_requirement
    node_share = min(node_share, value, mp.node_bond)
    return node_share, sub(value, node_share)


def notify_final_balance(mp, deposit_value_milli, amount_gwei, bond_requirement):
    """RocketMegapoolDelegate._notifyFinalBalance for a validator that was
    not dissolved, deposit_value_milli being validator.depositValue."""
    withdrawal = amount_gwei * GWEI
    deposit = deposit_value_milli * MILLI_TO_WEI
    node_share, user_share = calculate_capital_dispersal(mp, deposit, bond_requirement)
    debt = mp.debt
    to_node = node_share
    if withdrawal < deposit:
        # the node's share absorbs the loss first
        loss = deposit - withdrawal
        to_node = 0 if loss > to_node else to_node - loss
    to_user = sub(withdrawal, to_node)
    shortfall = 0
    if to_user < user_share:
        # the users' loss becomes the node's debt
        shortfall = user_share - to_user
        debt = add(debt, shortfall)
    repaid = 0
    if to_node > 0 and debt > 0:
        # whatever the node still gets repays debt, old and new, first
        repaid = min(to_node, debt)
        to_node -= repaid
        to_user = add(to_user, repaid)
        debt = sub(debt, repaid)
    node_bond, user_capital = mp.node_bond, mp.user_capital
    if node_share > 0:
        node_bond = sub(node_bond, node_share)
    if user_share > 0:
        user_capital = sub(user_capital, user_share)
    after = replace(mp, node_bond=node_bond, user_capital=user_capital, debt=debt)
    return Exit(node_share, user_share, to_node, to_user, shortfall, repaid, shortfall > 0, after)


def calculate_rewards(rev, amount):
    """RocketMegapoolDelegate.calculateRewards: returns (node, voter, pDAO,
    rETH). The sanity requires are checked; the split itself is
    `unchecked` and wraps."""
    if amount == 0:
        return 0, 0, 0, 0
    if rev.last_distribution_time == 0:
        return amount, 0, 0, 0
    require(rev.average_capital_ratio <= E, "STAKE_EINVAL")
    require(add(add(rev.voter_share, rev.protocol_dao_share), rev.reth_share) <= E,
            "STAKE_EINVAL")
    borrowed = wrap(amount - wrap(amount * rev.average_capital_ratio) // E)
    reth = wrap(rev.reth_share * borrowed) // E
    voter = wrap(rev.voter_share * borrowed) // E
    protocol_dao = wrap(rev.protocol_dao_share * borrowed) // E
    node = wrap(amount - reth - voter - protocol_dao)
    return node, voter, protocol_dao, reth


def distribute_amount(rev, amount, debt):
    """RocketMegapoolDelegate._distributeAmount: nothing happens for a zero
    amount; otherwise the split above, then the node's part repays debt
    (_repayDebt, whose `debt >= amount` require cannot fail here)."""
    if amount == 0:
        return Rewards(0, 0, 0, 0, 0, debt)
    node, voter, protocol_dao, reth = calculate_rewards(rev, amount)
    repaid = 0
    if debt > 0:
        repaid = min(node, debt)
        node = sub(node, repaid)
        debt = sub(debt, repaid)
    return Rewards(node, voter, protocol_dao, reth, repaid, debt)


def claim(refund_value, debt):
    """RocketMegapoolDelegate._claim: returns (sent to the node, debt
    repaid to rETH)."""
    to_send = refund_value
    repaid = 0
    if debt > 0:
        if debt > to_send:
            repaid, to_send = to_send, 0
        else:
            to_send = sub(to_send, debt)
            repaid = debt
    return to_send, repaid
