"""stake: exact liquid-staking accounting for Python, on libstake.

Every amount is a Python ``int`` (a uint256: 0 <= x < 2**256; bool, float,
str and out-of-range values are refused), every result is exact to the wei
and every refusal of the contracts raises a :class:`StakeError` subclass.
Addresses are given as 20 ``bytes`` or a ``"0x"`` + 40 hex digits ``str``,
and returned as lower-case ``"0x..."`` strings.

A short tour::

    import stake

    stake.muldiv(a, b, c)                      # floor(a * b / c), like Math.mulDiv
    stake.muldiv(a, b, c, stake.Rounding.CEIL)

    with stake.StETH() as steth:               # Lido stETH (V3) + wstETH
        shares = steth.submit(alice, 32 * 10**18)
        steth.deposit_validators(1)
        steth.handle_report(cl_validators=1, cl_balance=32 * 10**18 + 10**17)
        steth.balance_of(alice)
        steth.approve(alice, stake.StETH.default_params().wsteth, 10**18)
        steth.wsteth.wrap(alice, 10**18)

    vault = stake.ERC4626Vault(decimals_offset=3)
    reth = stake.RETH()
    queue = stake.WithdrawalQueue()
    ledger = stake.Ledger()
    snap = stake.Snapshot(); snap.put("steth", steth); snap.save(path)

    # a million balances at once: packed 32-byte little-endian words
    conv = steth.conversion(stake.LidoDirection.SHARES_TO_ETHER)
    out = stake.convert_buffer(conv, stake.pack(shares_list))
    stake.unpack(out)

Errors: every refusal raises a subclass of StakeError per family
(StakeArithmeticError, StakeTokenError, ...; see stake.errors), with the
code (``e.code``, ``e.name``) and the library's message.

Objects own C memory: close them (``close()``, or ``with``); garbage
collection frees them otherwise. Views such as ``steth.ledger`` borrow from
their token, keep it alive and are read-only. The raw SWIG module, with
every C function of libstake under its C name, is :mod:`stake.raw`;
``stake.PYTHONIC`` maps each C name to its Pythonic equivalent.

Threads: calls keep the GIL (they take tens of nanoseconds), except batches
of 4096 values or more, which release it. An object must not be used from
two threads at once (libstake does not lock it).
"""

import enum as _enum

from . import _raw
from . import raw
from . import errors
from .errors import StakeError, error_class

for _cls in errors.FAMILIES.values():
    globals()[_cls.__name__] = _cls
del _cls

__version__ = _raw.stake_version_string()

#: 2**256 - 1, the largest uint256.
MAX_U256 = (1 << 256) - 1
#: The zero address.
ZERO_ADDRESS = "0x" + "00" * 20
#: stETH's initial holder, "the stone in the elevator".
DEAD_ADDRESS = "0x000000000000000000000000000000000000dead"


def version():
    """The version of the libstake library in use, "MAJOR.MINOR.PATCH"."""
    return _raw.stake_version_string()


def version_number():
    """The library's version as MAJOR*10000 + MINOR*100 + PATCH."""
    return _raw.stake_version_number()


def backend():
    """The big-integer backend libstake was built with: "gmp" or "tommath"."""
    return _raw.stake_backend_name()


# ---- enumerations ------------------------------------------------------------

class Rounding(_enum.IntEnum):
    """Rounding of a division, numbered as OpenZeppelin's Math.Rounding."""
    FLOOR = raw.STAKE_ROUND_FLOOR
    CEIL = raw.STAKE_ROUND_CEIL
    TRUNC = raw.STAKE_ROUND_TRUNC
    EXPAND = raw.STAKE_ROUND_EXPAND


class Product(_enum.IntEnum):
    """How a conversion forms x * num: exact in 512 bits, checked, or
    modulo 2**256 (a plain pre-0.8 Solidity `*`, as stETH V3)."""
    WIDE = raw.STAKE_PRODUCT_WIDE
    CHECKED = raw.STAKE_PRODUCT_CHECKED
    WRAPPING = raw.STAKE_PRODUCT_WRAPPING


class LidoVersion(_enum.IntEnum):
    V2 = raw.STAKE_LIDO_V2
    V3 = raw.STAKE_LIDO_V3


class LidoDirection(_enum.IntEnum):
    ETHER_TO_SHARES = raw.STAKE_LIDO_ETHER_TO_SHARES
    SHARES_TO_ETHER = raw.STAKE_LIDO_SHARES_TO_ETHER
    SHARES_TO_ETHER_ROUND_UP = raw.STAKE_LIDO_SHARES_TO_ETHER_ROUND_UP


class ERC4626Direction(_enum.IntEnum):
    ASSETS_TO_SHARES = raw.STAKE_ERC4626_ASSETS_TO_SHARES
    SHARES_TO_ASSETS = raw.STAKE_ERC4626_SHARES_TO_ASSETS


class RethDirection(_enum.IntEnum):
    TO_ETH = raw.STAKE_RETH_TO_ETH
    FROM_ETH = raw.STAKE_RETH_FROM_ETH


#: The kinds of snapshot entries, from the library's STAKE_SNAPSHOT_* values
#: (LEDGER, STETH, ERC4626, RETH, and any kind a newer libstake adds).
SnapshotKind = _enum.IntEnum("SnapshotKind", sorted(
    ((n[len("STAKE_SNAPSHOT_"):], v) for n, v in vars(raw).items()
     if n.startswith("STAKE_SNAPSHOT_") and n != "STAKE_SNAPSHOT_NAME_MAX"),
    key=lambda kv: kv[1]), module=__name__)


# ---- 256-bit integers ------------------------------------------------------------

#: muldiv(a, b, c, rounding=Rounding.FLOOR) -> int: a * b / c computed
#: exactly and rounded as asked (OpenZeppelin's Math.mulDiv); rounding may
#: also be "floor", "ceil", "trunc" or "expand". Raises
#: StakeArithmeticError for c == 0 (STAKE_EDIVZERO) or a result >= 2**256
#: (STAKE_EOVERFLOW).
muldiv = _raw.muldiv

#: check_u256(x) -> x, if x is a valid uint256 (else TypeError/OverflowError).
check_u256 = _raw.check_u256

#: address(x) -> "0x..." (lower case), from 20 bytes or a hex str.
address = _raw.address

#: Checked arithmetic, refusing where Solidity 0.8 reverts.
add = _raw.stake_u256_add
sub = _raw.stake_u256_sub
mul = _raw.stake_u256_mul
div = _raw.stake_u256_div
mod = _raw.stake_u256_mod


def divmod(a, b):      # noqa: A001 (the uint256 divmod, like builtins.divmod)
    """(a // b, a % b) as uint256; StakeArithmeticError if b == 0."""
    return _raw.stake_u256_divmod(a, b)


def parse(text):
    """A uint256 from decimal or "0x" hex text; StakeParseError on bad input."""
    return _raw.stake_u256_from_string(text)


def parse_dec(text):
    """A uint256 from decimal text (1 to 78 digits, nothing else)."""
    return _raw.stake_u256_from_dec(text)


def parse_hex(text):
    """A uint256 from "0x" and 1 to 64 hex digits."""
    return _raw.stake_u256_from_hex(text)


def to_dec(x):
    """x in decimal, as a str."""
    return _raw.stake_u256_to_dec(x)


def to_hex(x):
    """x as "0x" and lower-case hex digits without leading zeros."""
    return _raw.stake_u256_to_hex(x)


def from_be32(data):
    """A uint256 from a 32-byte big-endian word (EVM ABI encoding)."""
    return _raw.stake_u256_from_be32(data)


def to_be32(x):
    """x as a 32-byte big-endian word (bytes)."""
    return _raw.stake_u256_to_be32(x)


def is_zero_address(a):
    """True if a is the zero address."""
    return bool(_raw.stake_address_is_zero(a))


# ---- packed arrays -------------------------------------------------------------------

#: pack(ints) -> bytes: 32 bytes per value, little-endian (the C layout of
#: stake_u256 on little-endian hosts; numpy: an (n, 4) uint64 array or a
#: 32-byte void dtype).
pack = _raw.pack

#: unpack(buffer) -> list of ints, from any buffer of 32-byte words.
unpack = _raw.unpack


def convert_buffer(conv, src, out=None):
    """Apply a Conversion to every 32-byte word of src in one C call.

    src is any C-contiguous buffer (bytes, bytearray, memoryview, mmap, a
    numpy array of shape (n, 4) uint64 or of a 32-byte dtype...), read in
    place. The results go to out, a writable buffer of the same size (which
    may be src itself), or to a new bytes object; the function returns it.
    All or nothing: on a refusal nothing is written and the exception's
    ``index`` is the first offending value.
    """
    return _raw.convert_buffer(conv, src, out)


# ---- conversions and the pure functions of each model ----------------------------

class Conversion(raw.stake_conversion):
    """y = x * num / den with a rounding, a product mode and an input bound
    (0: none), exactly as a contract computes it. Call it on one value,
    ``many()`` on a list, ``buffer()`` on a packed buffer."""

    def __init__(self, num=1, den=1, rounding=Rounding.FLOOR, product=Product.WIDE,
                 input_bound=0):
        super().__init__(num=num, den=den, rounding=int(rounding), product=int(product),
                         input_bound=input_bound)

    def __call__(self, x):
        return _raw.stake_convert(self, x)

    def many(self, values):
        """The conversion of each value of a sequence, as a list."""
        return _raw.stake_convert_batch(values, self)

    def buffer(self, src, out=None):
        """convert_buffer(self, src, out)."""
        return _raw.convert_buffer(self, src, out)


def _adopt(cls, proxy):
    """Give a struct proxy returned by stake.raw its Pythonic class."""
    object.__setattr__(proxy, "__class__", cls)
    return proxy


class LidoTotals(raw.stake_lido_totals):
    """The numbers stETH's share rate depends on, and StETH.sol's views of them."""

    def __init__(self, internal_ether=0, internal_shares=0, external_shares=0,
                 version=LidoVersion.V3):
        super().__init__(version=int(version), internal_ether=internal_ether,
                         internal_shares=internal_shares, external_shares=external_shares)

    def shares_by_pooled_eth(self, eth):
        return _raw.stake_lido_shares_by_pooled_eth(self, eth)

    def pooled_eth_by_shares(self, shares):
        return _raw.stake_lido_pooled_eth_by_shares(self, shares)

    def pooled_eth_by_shares_round_up(self, shares):
        return _raw.stake_lido_pooled_eth_by_shares_round_up(self, shares)

    def external_ether(self):
        return _raw.stake_lido_external_ether(self)

    def total_pooled_ether(self):
        return _raw.stake_lido_total_pooled_ether(self)

    def total_shares(self):
        return _raw.stake_lido_total_shares(self)

    def conversion(self, direction=LidoDirection.SHARES_TO_ETHER):
        return _adopt(Conversion, _raw.stake_lido_conversion(self, int(direction)))


class ERC4626State(raw.stake_erc4626_state):
    """An ERC-4626 vault's totals, and its OpenZeppelin v5 views."""

    def __init__(self, total_assets=0, total_supply=0, decimals_offset=0):
        super().__init__(decimals_offset=decimals_offset, total_assets=total_assets,
                         total_supply=total_supply)

    def convert_to_shares(self, assets):
        return _raw.stake_erc4626_convert_to_shares(self, assets)

    def convert_to_assets(self, shares):
        return _raw.stake_erc4626_convert_to_assets(self, shares)

    def preview_deposit(self, assets):
        return _raw.stake_erc4626_preview_deposit(self, assets)

    def preview_mint(self, shares):
        return _raw.stake_erc4626_preview_mint(self, shares)

    def preview_withdraw(self, assets):
        return _raw.stake_erc4626_preview_withdraw(self, assets)

    def preview_redeem(self, shares):
        return _raw.stake_erc4626_preview_redeem(self, shares)

    def conversion(self, direction=ERC4626Direction.SHARES_TO_ASSETS,
                   rounding=Rounding.FLOOR):
        return _adopt(Conversion, _raw.stake_erc4626_conversion(self, int(direction),
                                                                int(rounding)))


class RethTotals(raw.stake_reth_totals):
    """rETH's totals as last reported, and the views of the rate."""

    def __init__(self, total_eth=0, reth_supply=0):
        super().__init__(total_eth=total_eth, reth_supply=reth_supply)

    def eth_value(self, reth):
        return _raw.stake_reth_eth_value(self, reth)

    def reth_value(self, eth):
        return _raw.stake_reth_reth_value(self, eth)

    def exchange_rate(self):
        return _raw.stake_reth_exchange_rate(self)

    def conversion(self, direction=RethDirection.TO_ETH):
        return _adopt(Conversion, _raw.stake_reth_conversion(self, int(direction)))

    def check_rate_change(self, new_totals, max_delta):
        """RPIP-61: raise StakeReportError if new_totals moves the rate too much."""
        _raw.stake_reth_check_rate_change(self, new_totals, max_delta)


#: The pool's ether as Lido.sol stores it (fields buffered_ether,
#: cl_balance, cl_validators, deposited_validators).
StethPool = raw.stake_steth_pool
#: A staking module as the StakingRouter sees it.
LidoModule = raw.stake_lido_module
#: What StETH.handle_report() returns.
ReportResult = raw.stake_lido_report_result
#: Lido's staking rate limit, as stored (fields prev_block, prev_limit,
#: growth_blocks, max_limit; prev_block 0: staking paused, max_limit 0: no
#: limit).
StakeLimit = raw.stake_lido_stake_limit


def lido_fee_shares_v2(rewards, total_fee, pre_total_shares, pre_total_ether):
    """V2 fee shares of an oracle report (1e20 = 100% fee)."""
    return _raw.stake_lido_fee_shares_v2(rewards, total_fee, pre_total_shares, pre_total_ether)


def lido_fee_shares_v3(rewards, total_fee, internal_shares, post_internal_ether):
    """V3 fee shares of an oracle report: (fee_shares, fee_ether)."""
    return _raw.stake_lido_fee_shares_v3(rewards, total_fee, internal_shares,
                                         post_internal_ether)


def lido_current_stake_limit(state, block):
    """getCurrentStakeLimit() of a StakeLimit at a block: 0 while paused,
    MAX_U256 without a limit."""
    return _raw.stake_lido_current_stake_limit(state, block)


def lido_module_fees(modules):
    """StakingRouter.getStakingRewardsDistribution(): (fees, total_fee) for a
    sequence of LidoModule (or of mappings with its fields)."""
    mods = [m if isinstance(m, raw.stake_lido_module) else LidoModule(**m) for m in modules]
    return _raw.stake_lido_module_fees(mods)


def lido_split_fee_shares(fee_shares, fees, total_fee):
    """(module_shares, treasury_shares): the fee shares split across modules."""
    return _raw.stake_lido_split_fee_shares(fee_shares, fees, total_fee)


# ---- objects owning C memory ------------------------------------------------------------

def _params(p, who, fields):
    """Set fields on a params struct from *_params_init (not its version)."""
    for k, v in fields.items():
        if k not in p._fields or k == "version":
            raise TypeError("%s() got an unexpected keyword argument %r" % (who, k))
        setattr(p, k, v)
    return p


class _Handle:
    """A libstake object: freed by close(), by ``with``, or by the garbage
    collector. A view borrows its owner's memory and keeps the owner alive."""

    _free = None          # the C destructor
    _clone = None         # the C copy constructor

    def __init__(self, ptr, owner=None):
        self._ptr = ptr
        self._owner = owner

    @classmethod
    def _wrap(cls, ptr, owner=None):
        obj = cls.__new__(cls)
        _Handle.__init__(obj, ptr, owner)
        return obj

    def _h(self):
        ptr = self._ptr
        if ptr is None:
            raise ValueError("%s is closed" % type(self).__name__)
        if self._owner is not None:
            self._owner._h()
        return ptr

    def _mutable(self):
        if self._owner is not None:
            raise TypeError("%s is a read-only view of %s" %
                            (type(self).__name__, type(self._owner).__name__))
        return self._h()

    @property
    def this(self):
        """The SWIG pointer, for the functions of stake.raw."""
        return self._h()

    @property
    def closed(self):
        if self._ptr is None:
            return True
        return self._owner is not None and self._owner.closed

    @property
    def is_view(self):
        """True if this object borrows its memory from another one."""
        return self._owner is not None

    def close(self):
        """Free the C object now (a view just lets go of its owner)."""
        ptr, self._ptr = getattr(self, "_ptr", None), None
        owner, self._owner = getattr(self, "_owner", None), None
        if ptr is not None and owner is None:
            type(self)._free(ptr)

    def __enter__(self):
        self._h()
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:        # interpreter shutdown
            pass

    def clone(self):
        """An independent copy (owned, even when this is a view)."""
        return type(self)._wrap(type(self)._clone(self._h()))

    def __copy__(self):
        return self.clone()

    def __deepcopy__(self, memo):
        return self.clone()

    def __reduce__(self):
        raise TypeError("%s cannot be pickled: save it in a stake.Snapshot" %
                        type(self).__name__)

    def __repr__(self):
        state = "closed" if self.closed else ("view" if self._owner is not None else "open")
        return "<stake.%s %s at %#x>" % (type(self).__name__, state, id(self))


class Ledger(_Handle):
    """A share ledger: balances by address, allowances, and their total.

    ``len(ledger)`` is the number of accounts ever credited; iterating gives
    (address, balance) pairs in first-credited order."""

    _snapshot = "ledger"
    _free = staticmethod(_raw.stake_ledger_free)
    _clone = staticmethod(_raw.stake_ledger_clone)

    def __init__(self, expected_accounts=0):
        super().__init__(_raw.stake_ledger_new(expected_accounts))

    def balance_of(self, account):
        return _raw.stake_ledger_balance(self._h(), account)

    @property
    def total(self):
        return _raw.stake_ledger_total(self._h())

    def __len__(self):
        return _raw.stake_ledger_count(self._h())

    def mint(self, to, amount):
        _raw.stake_ledger_mint(self._mutable(), to, amount)

    def burn(self, from_, amount):
        _raw.stake_ledger_burn(self._mutable(), from_, amount)

    def move(self, from_, to, amount):
        _raw.stake_ledger_move(self._mutable(), from_, to, amount)

    def allowance(self, owner, spender):
        return _raw.stake_ledger_allowance(self._h(), owner, spender)

    def approve(self, owner, spender, amount):
        _raw.stake_ledger_approve(self._mutable(), owner, spender, amount)

    def spend_allowance(self, owner, spender, amount):
        _raw.stake_ledger_spend_allowance(self._mutable(), owner, spender, amount)

    def account_at(self, index):
        """(address, balance) of the index-th account."""
        return _raw.stake_ledger_account_at(self._h(), index)

    def __iter__(self):
        h = self._h()
        for i in range(_raw.stake_ledger_count(h)):
            yield _raw.stake_ledger_account_at(self._h(), i)

    def accounts(self):
        """The addresses, in first-credited order."""
        return [a for a, _ in self]

    def balances(self):
        """{address: balance} for every account."""
        return dict(self)

    def convert_all(self, conv, n=None):
        """conv applied to the balance of each of the first n accounts (all
        by default), as a list."""
        h = self._h()
        return _raw.stake_ledger_convert_all(_raw.stake_ledger_count(h) if n is None else n,
                                             h, conv)

    def convert_all_buffer(self, conv, n=None, out=None):
        """The same into a packed buffer (out, or new bytes)."""
        return _raw.convert_all_buffer(self._h(), conv, n, out)

    def check(self):
        """Verify the invariants; StakeIOError (STAKE_ECORRUPT) if broken."""
        _raw.stake_ledger_check(self._h())

    @property
    def memory(self):
        """Bytes of memory the ledger holds."""
        return _raw.stake_ledger_memory(self._h())


class StETH(_Handle):
    """Lido stETH (V2 or V3) with its wstETH wrapper and oracle report.

    Every operation refuses where the contract reverts and leaves the model
    unchanged when it refuses. ``ledger`` is a read-only view of the shares,
    ``wsteth`` the wrapper's functions."""

    _snapshot = "steth"
    _free = staticmethod(_raw.stake_steth_free)
    _clone = staticmethod(_raw.stake_steth_clone)

    def __init__(self, protocol=LidoVersion.V3, *, expected_accounts=0, **params):
        """A token as a scratch deploy makes it. Keywords: the fields of
        stake_steth_params (steth, wsteth, burner, initial_ether,
        max_external_ratio_bp...), starting from stake_steth_params_init()'s
        mainnet defaults."""
        p = _params(_raw.stake_steth_params_init(raw.STAKE_STETH_PARAMS_VERSION), "StETH",
                    params)
        p.protocol = int(protocol)
        p.expected_accounts = expected_accounts
        super().__init__(_raw.stake_steth_new(p))

    @staticmethod
    def default_params():
        """The default stake_steth_params (V3, mainnet addresses, 1 ether)."""
        return _raw.stake_steth_params_init(raw.STAKE_STETH_PARAMS_VERSION)

    # -- state
    @property
    def pool(self):
        """The pool's ether (a StethPool); assign one to mirror a chain state."""
        return _raw.stake_steth_get_pool(self._h())

    @pool.setter
    def pool(self, value):
        _raw.stake_steth_set_pool(self._mutable(), value)

    @property
    def totals(self):
        return _adopt(LidoTotals, _raw.stake_steth_totals(self._h()))

    @property
    def ledger(self):
        """The ledger of stETH shares (read-only view, keeps the token alive)."""
        return Ledger._wrap(_raw.stake_steth_ledger(self._h()), self)

    @property
    def wsteth(self):
        return WstETH(self)

    def conversion(self, direction=LidoDirection.SHARES_TO_ETHER):
        return self.totals.conversion(direction)

    # -- ERC-20 views
    @property
    def total_supply(self):
        return _raw.stake_steth_total_supply(self._h())

    @property
    def total_shares(self):
        return _raw.stake_steth_total_shares(self._h())

    def shares_of(self, account):
        return _raw.stake_steth_shares_of(self._h(), account)

    def balance_of(self, account):
        return _raw.stake_steth_balance_of(self._h(), account)

    def allowance(self, owner, spender):
        return _raw.stake_steth_allowance(self._h(), owner, spender)

    # -- transfers and allowances
    def transfer(self, from_, to, amount):
        """transfer(to, amount) sent by from_; returns the shares moved."""
        return _raw.stake_steth_transfer(self._mutable(), from_, to, amount)

    def transfer_shares(self, from_, to, shares):
        """transferShares(to, shares) sent by from_; returns the ether amount."""
        return _raw.stake_steth_transfer_shares(self._mutable(), from_, to, shares)

    def transfer_from(self, spender, from_, to, amount):
        return _raw.stake_steth_transfer_from(self._mutable(), spender, from_, to, amount)

    def transfer_shares_from(self, spender, from_, to, shares):
        return _raw.stake_steth_transfer_shares_from(self._mutable(), spender, from_, to,
                                                     shares)

    def approve(self, owner, spender, amount):
        _raw.stake_steth_approve(self._mutable(), owner, spender, amount)

    def increase_allowance(self, owner, spender, added):
        _raw.stake_steth_increase_allowance(self._mutable(), owner, spender, added)

    def decrease_allowance(self, owner, spender, subtracted):
        _raw.stake_steth_decrease_allowance(self._mutable(), owner, spender, subtracted)

    # -- the pool
    def submit(self, sender, value):
        """submit() of value wei by sender; returns the shares minted."""
        return _raw.stake_steth_submit(self._mutable(), sender, value)

    def deposit_validators(self, count):
        _raw.stake_steth_deposit_validators(self._mutable(), count)

    def mint_shares(self, to, shares):
        _raw.stake_steth_mint_shares(self._mutable(), to, shares)

    def burn_shares(self, from_, shares):
        _raw.stake_steth_burn_shares(self._mutable(), from_, shares)

    def mint_external_shares(self, to, shares):
        _raw.stake_steth_mint_external_shares(self._mutable(), to, shares)

    def burn_external_shares(self, from_, shares):
        _raw.stake_steth_burn_external_shares(self._mutable(), from_, shares)

    def request_burn_shares(self, from_, shares):
        """Burner.requestBurnShares: the shares wait in the Burner for the
        next oracle report."""
        _raw.stake_steth_request_burn_shares(self._mutable(), from_, shares)

    @property
    def burn_requested(self):
        """Shares waiting in the Burner."""
        return _raw.stake_steth_burn_requested(self._h())

    def stop(self):
        _raw.stake_steth_stop(self._mutable())

    def resume(self):
        _raw.stake_steth_resume(self._mutable())

    @property
    def stopped(self):
        return bool(_raw.stake_steth_is_stopped(self._h()))

    # -- the staking rate limit
    @property
    def block(self):
        """block.number for the next calls (starts at 1, only moves forward)."""
        return _raw.stake_steth_block(self._h())

    @block.setter
    def block(self, value):
        _raw.stake_steth_set_block(self._mutable(), value)

    @property
    def stake_limit(self):
        """The stored staking rate limit (a StakeLimit)."""
        return _raw.stake_steth_stake_limit(self._h())

    @property
    def current_stake_limit(self):
        """getCurrentStakeLimit() at the token's block."""
        return _raw.stake_steth_current_stake_limit(self._h())

    def set_staking_limit(self, max_limit, increase_per_block):
        _raw.stake_steth_set_staking_limit(self._mutable(), max_limit, increase_per_block)

    def remove_staking_limit(self):
        _raw.stake_steth_remove_staking_limit(self._mutable())

    def pause_staking(self):
        _raw.stake_steth_pause_staking(self._mutable())

    def resume_staking(self):
        _raw.stake_steth_resume_staking(self._mutable())

    @property
    def staking_paused(self):
        return bool(_raw.stake_steth_is_staking_paused(self._h()))

    # -- the oracle report
    def handle_report(self, *, modules=(), queue=None, **fields):
        """Apply an oracle report; returns a ReportResult.

        The keywords are the fields of stake_lido_report (see
        ``stake.raw.stake_lido_report._fields``: cl_validators, cl_balance,
        the vault balances, total_fee, treasury, timestamp, ...), starting
        from stake_lido_report_init()'s defaults. ``modules`` is a sequence
        of (recipient, fee) pairs, fees with 1e20 = 100% as total_fee (see
        lido_module_fees()); ``queue`` a WithdrawalQueue that the report
        finalizes (with ``finalization_batches`` and
        ``simulated_share_rate``)."""
        modules = list(modules)
        if modules:
            fields["fee_recipients"] = [m[0] for m in modules]
            fields["module_fees"] = [m[1] for m in modules]
        if queue is not None:
            fields["queue"] = queue._mutable()
        return _raw.stake_steth_handle_report(self._mutable(), fields)


class WstETH:
    """The wstETH wrapper of a StETH (keeps the token alive)."""

    def __init__(self, token):
        self._token = token

    def _h(self):
        return self._token._h()

    def _mutable(self):
        return self._token._mutable()

    def wrap(self, holder, steth_amount):
        """wrap(amount) by holder (who must have approved the wrapper's
        address for amount stETH); returns the wstETH minted."""
        return _raw.stake_wsteth_wrap(self._mutable(), holder, steth_amount)

    def unwrap(self, holder, wsteth_amount):
        """unwrap(amount) by holder; returns the stETH received."""
        return _raw.stake_wsteth_unwrap(self._mutable(), holder, wsteth_amount)

    @property
    def ledger(self):
        """The ledger of wstETH balances (read-only view, keeps the token
        alive): iterate it for every holder."""
        return Ledger._wrap(_raw.stake_wsteth_ledger(self._h()), self._token)

    def submit(self, sender, value):
        """receive(): value wei sent to the wrapper by sender, deposited to
        stETH and wrapped; returns the wstETH minted (the shares)."""
        return _raw.stake_wsteth_submit(self._mutable(), sender, value)

    def transfer(self, from_, to, amount):
        _raw.stake_wsteth_transfer(self._mutable(), from_, to, amount)

    # -- allowances: OpenZeppelin 3.4's, where 2**256 - 1 is not infinite
    def transfer_from(self, spender, from_, to, amount):
        """transferFrom(from_, to, amount) sent by spender: the transfer's
        checks come first (EBALANCE before EALLOWANCE), then the allowance
        is lowered by amount, even from 2**256 - 1."""
        _raw.stake_wsteth_transfer_from(self._mutable(), spender, from_, to, amount)

    def allowance(self, owner, spender):
        return _raw.stake_wsteth_allowance(self._h(), owner, spender)

    def approve(self, owner, spender, amount):
        _raw.stake_wsteth_approve(self._mutable(), owner, spender, amount)

    def increase_allowance(self, owner, spender, added):
        _raw.stake_wsteth_increase_allowance(self._mutable(), owner, spender, added)

    def decrease_allowance(self, owner, spender, subtracted):
        _raw.stake_wsteth_decrease_allowance(self._mutable(), owner, spender, subtracted)

    def balance_of(self, account):
        return _raw.stake_wsteth_balance_of(self._h(), account)

    @property
    def total_supply(self):
        return _raw.stake_wsteth_total_supply(self._h())

    @property
    def steth_per_token(self):
        return _raw.stake_wsteth_steth_per_token(self._h())

    @property
    def tokens_per_steth(self):
        return _raw.stake_wsteth_tokens_per_steth(self._h())

    def by_steth(self, steth_amount):
        """getWstETHByStETH."""
        return _raw.stake_wsteth_by_steth(self._h(), steth_amount)

    def to_steth(self, wsteth_amount):
        """getStETHByWstETH."""
        return _raw.stake_steth_by_wsteth(self._h(), wsteth_amount)

    def __repr__(self):
        return "<stake.WstETH of %r>" % (self._token,)


class ERC4626Vault(_Handle):
    """An ERC-4626 vault with OpenZeppelin v5 semantics (virtual offset)."""

    _snapshot = "erc4626"
    _free = staticmethod(_raw.stake_erc4626_vault_free)
    _clone = staticmethod(_raw.stake_erc4626_vault_clone)

    def __init__(self, decimals_offset=0, expected_accounts=0):
        super().__init__(_raw.stake_erc4626_vault_new(decimals_offset, expected_accounts))

    @property
    def state(self):
        return _adopt(ERC4626State, _raw.stake_erc4626_vault_state(self._h()))

    @property
    def total_assets(self):
        return self.state.total_assets

    @property
    def total_supply(self):
        return self.state.total_supply

    @property
    def ledger(self):
        """The share ledger (read-only view, keeps the vault alive)."""
        return Ledger._wrap(_raw.stake_erc4626_vault_ledger(self._h()), self)

    def conversion(self, direction=ERC4626Direction.SHARES_TO_ASSETS,
                   rounding=Rounding.FLOOR):
        return self.state.conversion(direction, rounding)

    def convert_to_shares(self, assets):
        return self.state.convert_to_shares(assets)

    def convert_to_assets(self, shares):
        return self.state.convert_to_assets(shares)

    def preview_deposit(self, assets):
        return self.state.preview_deposit(assets)

    def preview_mint(self, shares):
        return self.state.preview_mint(shares)

    def preview_withdraw(self, assets):
        return self.state.preview_withdraw(assets)

    def preview_redeem(self, shares):
        return self.state.preview_redeem(shares)

    def balance_of(self, owner):
        return _raw.stake_erc4626_vault_balance_of(self._h(), owner)

    def max_deposit(self, receiver):
        return _raw.stake_erc4626_vault_max_deposit(self._h(), receiver)

    def max_mint(self, receiver):
        return _raw.stake_erc4626_vault_max_mint(self._h(), receiver)

    def max_withdraw(self, owner):
        return _raw.stake_erc4626_vault_max_withdraw(self._h(), owner)

    def max_redeem(self, owner):
        return _raw.stake_erc4626_vault_max_redeem(self._h(), owner)

    def deposit(self, caller, receiver, assets):
        """deposit(assets, receiver) by caller; returns the shares minted."""
        return _raw.stake_erc4626_vault_deposit(self._mutable(), caller, receiver, assets)

    def mint(self, caller, receiver, shares):
        """mint(shares, receiver) by caller; returns the assets pulled."""
        return _raw.stake_erc4626_vault_mint(self._mutable(), caller, receiver, shares)

    def withdraw(self, caller, receiver, owner, assets):
        """withdraw(assets, receiver, owner) by caller; returns the shares burnt."""
        return _raw.stake_erc4626_vault_withdraw(self._mutable(), caller, receiver, owner,
                                                 assets)

    def redeem(self, caller, receiver, owner, shares):
        """redeem(shares, receiver, owner) by caller; returns the assets paid."""
        return _raw.stake_erc4626_vault_redeem(self._mutable(), caller, receiver, owner,
                                               shares)

    def transfer(self, from_, to, shares):
        _raw.stake_erc4626_vault_transfer(self._mutable(), from_, to, shares)

    def approve(self, owner, spender, shares):
        _raw.stake_erc4626_vault_approve(self._mutable(), owner, spender, shares)

    def allowance(self, owner, spender):
        return _raw.stake_erc4626_vault_allowance(self._h(), owner, spender)

    def gain(self, assets):
        """Assets arriving without shares (donation, profit)."""
        _raw.stake_erc4626_vault_gain(self._mutable(), assets)

    def loss(self, assets):
        """Assets lost (a strategy loss)."""
        _raw.stake_erc4626_vault_loss(self._mutable(), assets)


class RETH(_Handle):
    """Rocket Pool rETH: deposits with a fee, burns against collateral, a rate
    from the oracle's balance reports."""

    _snapshot = "reth"
    _free = staticmethod(_raw.stake_reth_free)
    _clone = staticmethod(_raw.stake_reth_clone)

    def __init__(self, *, expected_accounts=0, **params):
        """Keywords: the fields of stake_reth_params (deposit_fee,
        minimum_deposit, max_rate_delta, report_frequency), starting from
        Rocket Pool's defaults."""
        p = _params(_raw.stake_reth_params_init(raw.STAKE_RETH_PARAMS_VERSION), "RETH", params)
        p.expected_accounts = expected_accounts
        super().__init__(_raw.stake_reth_new(p))

    @staticmethod
    def default_params():
        """Rocket Pool's defaults (a stake_reth_params)."""
        return _raw.stake_reth_params_init(raw.STAKE_RETH_PARAMS_VERSION)

    @property
    def totals(self):
        return _adopt(RethTotals, _raw.stake_reth_totals_of(self._h()))

    @property
    def ledger(self):
        """The rETH ledger (read-only view, keeps the token alive)."""
        return Ledger._wrap(_raw.stake_reth_ledger(self._h()), self)

    def conversion(self, direction=RethDirection.TO_ETH):
        return self.totals.conversion(direction)

    def exchange_rate(self):
        return self.totals.exchange_rate()

    def balance_of(self, account):
        return _raw.stake_reth_balance_of(self._h(), account)

    @property
    def total_supply(self):
        return _raw.stake_reth_total_supply(self._h())

    def submit_balances(self, timestamp, total_eth, staking_eth, reth_supply):
        """A report applied by the trusted node's deciding vote
        (submitBalances): the balances are not compared."""
        _raw.stake_reth_submit_balances(self._mutable(), timestamp, total_eth, staking_eth,
                                        reth_supply)

    def execute_update_balances(self, timestamp, total_eth, staking_eth, reth_supply):
        """A report that reached consensus earlier, applied by anyone
        (executeUpdateBalances): staking ETH above total ETH is refused."""
        _raw.stake_reth_execute_update_balances(self._mutable(), timestamp, total_eth,
                                                staking_eth, reth_supply)

    def set_collateral(self, contract_balance, deposit_pool_excess):
        _raw.stake_reth_set_collateral(self._mutable(), contract_balance, deposit_pool_excess)

    @property
    def total_collateral(self):
        return _raw.stake_reth_total_collateral(self._h())

    def deposit(self, depositor, value):
        """A deposit of value wei; returns the rETH minted."""
        return _raw.stake_reth_deposit(self._mutable(), depositor, value)

    def burn(self, holder, reth):
        """burn(reth) by holder; returns the ETH paid."""
        return _raw.stake_reth_burn(self._mutable(), holder, reth)

    def transfer(self, from_, to, amount):
        _raw.stake_reth_transfer(self._mutable(), from_, to, amount)


class Snapshot(_Handle):
    """Named copies of model states, saved to and loaded from a file.

    ``snap[name]`` (or ``get(name)``) builds a new, independent object of
    the entry's kind; ``put(name, obj)`` copies a Ledger, StETH,
    ERC4626Vault or RETH (or a WithdrawalQueue when the library has one)."""

    _free = staticmethod(_raw.stake_snapshot_free)

    def __init__(self):
        super().__init__(_raw.stake_snapshot_new())

    def clone(self):
        raise TypeError("a Snapshot cannot be cloned; save and load it")

    @classmethod
    def load(cls, path):
        """Read and verify a snapshot file (StakeIOError if it is unusable)."""
        return cls._wrap(_raw.stake_snapshot_load(path))

    def save(self, path):
        """Write the snapshot to path atomically."""
        _raw.stake_snapshot_save(self._h(), path)

    def put(self, name, obj):
        """Copy obj's current state under name (replacing that entry)."""
        kind = getattr(type(obj), "_snapshot", None)
        put = getattr(_raw, "stake_snapshot_put_%s" % kind, None) if kind else None
        if put is None:
            raise TypeError("cannot put a %s in a snapshot" % type(obj).__name__)
        put(self._mutable(), name, obj._h())

    def __setitem__(self, name, obj):
        self.put(name, obj)

    def entries(self):
        """[(SnapshotKind, name), ...] in the order they were first put."""
        h = self._h()
        out = []
        for i in range(_raw.stake_snapshot_count(h)):
            kind, name = _raw.stake_snapshot_entry(h, i)
            try:
                kind = SnapshotKind(kind)
            except ValueError:
                pass
            out.append((kind, name))
        return out

    def __len__(self):
        return _raw.stake_snapshot_count(self._h())

    def __iter__(self):
        return iter([name for _, name in self.entries()])

    def keys(self):
        return [name for _, name in self.entries()]

    def __contains__(self, name):
        return name in self.keys()

    def kind(self, name):
        for kind, n in self.entries():
            if n == name:
                return kind
        raise KeyError(name)

    def get(self, name, kind=None):
        """A new object built from the entry name (of that kind, if given)."""
        kind = self.kind(name) if kind is None else kind
        for cls in _SNAPSHOT_CLASSES:
            if getattr(raw, "STAKE_SNAPSHOT_" + cls._snapshot.upper(), None) == kind:
                getter = getattr(_raw, "stake_snapshot_get_" + cls._snapshot)
                return cls._wrap(getter(self._h(), name))
        raise TypeError("no Python class for snapshot entries of kind %r" % (kind,))

    def __getitem__(self, name):
        return self.get(name)

    def get_ledger(self, name):
        return self.get(name, SnapshotKind.LEDGER)

    def get_steth(self, name):
        return self.get(name, SnapshotKind.STETH)

    def get_erc4626(self, name):
        return self.get(name, SnapshotKind.ERC4626)

    def get_reth(self, name):
        return self.get(name, SnapshotKind.RETH)


#: The classes a snapshot holds: each has _snapshot, the suffix of its
#: stake_snapshot_put_* / get_* functions and STAKE_SNAPSHOT_* kind.
_SNAPSHOT_CLASSES = [Ledger, StETH, ERC4626Vault, RETH]

if hasattr(_raw, "stake_queue_new"):
    from ._queue import (WithdrawalQueue, QueueBatches, QueueStatus,  # noqa: E402,F401
                         QueueCheckpoint, QueueDust)
    _SNAPSHOT_CLASSES.append(WithdrawalQueue)


#: Pythonic equivalents of the C functions, for documentation and for the
#: test that every exported function is reachable: C name -> dotted path
#: under the stake package. Every C function is also in stake.raw under
#: its own name.
PYTHONIC = {
    "stake_version_string": "version", "stake_version_number": "version_number",
    "stake_backend_name": "backend",
    "stake_strerror": "StakeError.message", "stake_errname": "StakeError.name",
    "stake_error_family": "StakeError.family", "stake_family_name": "StakeError.family",
    "stake_error_count": "errors.CODES", "stake_error_code": "errors.CODES",
    "stake_u256_from_u64": "check_u256", "stake_u256_to_u64": "check_u256",
    "stake_u256_from_dec": "parse_dec", "stake_u256_from_hex": "parse_hex",
    "stake_u256_from_string": "parse", "stake_u256_from_be32": "from_be32",
    "stake_u256_to_be32": "to_be32", "stake_u256_to_dec": "to_dec",
    "stake_u256_to_hex": "to_hex", "stake_u256_cmp": "check_u256",
    "stake_u256_add": "add", "stake_u256_sub": "sub", "stake_u256_mul": "mul",
    "stake_u256_div": "div", "stake_u256_mod": "mod", "stake_u256_divmod": "divmod",
    "stake_u256_muldiv": "muldiv",
    "stake_address_from_hex": "address", "stake_address_to_hex": "address",
    "stake_address_is_zero": "is_zero_address",
    "stake_convert": "Conversion.__call__", "stake_convert_batch": "convert_buffer",
    "stake_ledger_new": "Ledger", "stake_ledger_free": "Ledger.close",
    "stake_ledger_clone": "Ledger.clone", "stake_ledger_balance": "Ledger.balance_of",
    "stake_ledger_total": "Ledger.total", "stake_ledger_count": "Ledger.__len__",
    "stake_ledger_mint": "Ledger.mint", "stake_ledger_burn": "Ledger.burn",
    "stake_ledger_move": "Ledger.move", "stake_ledger_allowance": "Ledger.allowance",
    "stake_ledger_approve": "Ledger.approve",
    "stake_ledger_spend_allowance": "Ledger.spend_allowance",
    "stake_ledger_account_at": "Ledger.account_at",
    "stake_ledger_convert_all": "Ledger.convert_all", "stake_ledger_check": "Ledger.check",
    "stake_ledger_memory": "Ledger.memory",
    "stake_lido_shares_by_pooled_eth": "LidoTotals.shares_by_pooled_eth",
    "stake_lido_pooled_eth_by_shares": "LidoTotals.pooled_eth_by_shares",
    "stake_lido_pooled_eth_by_shares_round_up": "LidoTotals.pooled_eth_by_shares_round_up",
    "stake_lido_external_ether": "LidoTotals.external_ether",
    "stake_lido_total_pooled_ether": "LidoTotals.total_pooled_ether",
    "stake_lido_total_shares": "LidoTotals.total_shares",
    "stake_lido_conversion": "LidoTotals.conversion",
    "stake_lido_fee_shares_v2": "lido_fee_shares_v2",
    "stake_lido_fee_shares_v3": "lido_fee_shares_v3",
    "stake_lido_module_fees": "lido_module_fees",
    "stake_lido_split_fee_shares": "lido_split_fee_shares",
    "stake_steth_params_init": "StETH.default_params", "stake_steth_new": "StETH",
    "stake_steth_free": "StETH.close", "stake_steth_clone": "StETH.clone",
    "stake_steth_get_pool": "StETH.pool", "stake_steth_set_pool": "StETH.pool",
    "stake_steth_totals": "StETH.totals", "stake_steth_ledger": "StETH.ledger",
    "stake_steth_total_supply": "StETH.total_supply",
    "stake_steth_total_shares": "StETH.total_shares",
    "stake_steth_shares_of": "StETH.shares_of", "stake_steth_balance_of": "StETH.balance_of",
    "stake_steth_allowance": "StETH.allowance", "stake_steth_transfer": "StETH.transfer",
    "stake_steth_transfer_shares": "StETH.transfer_shares",
    "stake_steth_transfer_from": "StETH.transfer_from",
    "stake_steth_transfer_shares_from": "StETH.transfer_shares_from",
    "stake_steth_approve": "StETH.approve",
    "stake_steth_increase_allowance": "StETH.increase_allowance",
    "stake_steth_decrease_allowance": "StETH.decrease_allowance",
    "stake_steth_submit": "StETH.submit",
    "stake_steth_deposit_validators": "StETH.deposit_validators",
    "stake_steth_mint_shares": "StETH.mint_shares", "stake_steth_burn_shares": "StETH.burn_shares",
    "stake_steth_mint_external_shares": "StETH.mint_external_shares",
    "stake_steth_burn_external_shares": "StETH.burn_external_shares",
    "stake_steth_request_burn_shares": "StETH.request_burn_shares",
    "stake_steth_burn_requested": "StETH.burn_requested",
    "stake_steth_stop": "StETH.stop", "stake_steth_resume": "StETH.resume",
    "stake_steth_is_stopped": "StETH.stopped",
    "stake_lido_current_stake_limit": "lido_current_stake_limit",
    "stake_steth_set_block": "StETH.block", "stake_steth_block": "StETH.block",
    "stake_steth_stake_limit": "StETH.stake_limit",
    "stake_steth_current_stake_limit": "StETH.current_stake_limit",
    "stake_steth_set_staking_limit": "StETH.set_staking_limit",
    "stake_steth_remove_staking_limit": "StETH.remove_staking_limit",
    "stake_steth_pause_staking": "StETH.pause_staking",
    "stake_steth_resume_staking": "StETH.resume_staking",
    "stake_steth_is_staking_paused": "StETH.staking_paused",
    "stake_lido_report_init": "StETH.handle_report",
    "stake_steth_handle_report": "StETH.handle_report",
    "stake_wsteth_wrap": "WstETH.wrap", "stake_wsteth_unwrap": "WstETH.unwrap",
    "stake_wsteth_submit": "WstETH.submit", "stake_wsteth_ledger": "WstETH.ledger",
    "stake_wsteth_transfer": "WstETH.transfer", "stake_wsteth_balance_of": "WstETH.balance_of",
    "stake_wsteth_transfer_from": "WstETH.transfer_from",
    "stake_wsteth_allowance": "WstETH.allowance", "stake_wsteth_approve": "WstETH.approve",
    "stake_wsteth_increase_allowance": "WstETH.increase_allowance",
    "stake_wsteth_decrease_allowance": "WstETH.decrease_allowance",
    "stake_wsteth_total_supply": "WstETH.total_supply",
    "stake_wsteth_steth_per_token": "WstETH.steth_per_token",
    "stake_wsteth_tokens_per_steth": "WstETH.tokens_per_steth",
    "stake_wsteth_by_steth": "WstETH.by_steth", "stake_steth_by_wsteth": "WstETH.to_steth",
    "stake_erc4626_convert_to_shares": "ERC4626State.convert_to_shares",
    "stake_erc4626_convert_to_assets": "ERC4626State.convert_to_assets",
    "stake_erc4626_preview_deposit": "ERC4626State.preview_deposit",
    "stake_erc4626_preview_mint": "ERC4626State.preview_mint",
    "stake_erc4626_preview_withdraw": "ERC4626State.preview_withdraw",
    "stake_erc4626_preview_redeem": "ERC4626State.preview_redeem",
    "stake_erc4626_conversion": "ERC4626State.conversion",
    "stake_erc4626_vault_new": "ERC4626Vault", "stake_erc4626_vault_free": "ERC4626Vault.close",
    "stake_erc4626_vault_clone": "ERC4626Vault.clone",
    "stake_erc4626_vault_state": "ERC4626Vault.state",
    "stake_erc4626_vault_ledger": "ERC4626Vault.ledger",
    "stake_erc4626_vault_balance_of": "ERC4626Vault.balance_of",
    "stake_erc4626_vault_max_deposit": "ERC4626Vault.max_deposit",
    "stake_erc4626_vault_max_mint": "ERC4626Vault.max_mint",
    "stake_erc4626_vault_max_withdraw": "ERC4626Vault.max_withdraw",
    "stake_erc4626_vault_max_redeem": "ERC4626Vault.max_redeem",
    "stake_erc4626_vault_deposit": "ERC4626Vault.deposit",
    "stake_erc4626_vault_mint": "ERC4626Vault.mint",
    "stake_erc4626_vault_withdraw": "ERC4626Vault.withdraw",
    "stake_erc4626_vault_redeem": "ERC4626Vault.redeem",
    "stake_erc4626_vault_transfer": "ERC4626Vault.transfer",
    "stake_erc4626_vault_approve": "ERC4626Vault.approve",
    "stake_erc4626_vault_allowance": "ERC4626Vault.allowance",
    "stake_erc4626_vault_gain": "ERC4626Vault.gain",
    "stake_erc4626_vault_loss": "ERC4626Vault.loss",
    "stake_reth_eth_value": "RethTotals.eth_value", "stake_reth_reth_value": "RethTotals.reth_value",
    "stake_reth_exchange_rate": "RethTotals.exchange_rate",
    "stake_reth_conversion": "RethTotals.conversion",
    "stake_reth_check_rate_change": "RethTotals.check_rate_change",
    "stake_reth_params_init": "RETH.default_params", "stake_reth_new": "RETH",
    "stake_reth_free": "RETH.close", "stake_reth_clone": "RETH.clone",
    "stake_reth_totals_of": "RETH.totals", "stake_reth_ledger": "RETH.ledger",
    "stake_reth_balance_of": "RETH.balance_of", "stake_reth_total_supply": "RETH.total_supply",
    "stake_reth_submit_balances": "RETH.submit_balances",
    "stake_reth_execute_update_balances": "RETH.execute_update_balances",
    "stake_reth_set_collateral": "RETH.set_collateral",
    "stake_reth_total_collateral": "RETH.total_collateral",
    "stake_reth_deposit": "RETH.deposit", "stake_reth_burn": "RETH.burn",
    "stake_reth_transfer": "RETH.transfer",
    "stake_snapshot_new": "Snapshot", "stake_snapshot_free": "Snapshot.close",
    "stake_snapshot_put_ledger": "Snapshot.put", "stake_snapshot_put_steth": "Snapshot.put",
    "stake_snapshot_put_erc4626": "Snapshot.put", "stake_snapshot_put_reth": "Snapshot.put",
    "stake_snapshot_get_ledger": "Snapshot.get_ledger",
    "stake_snapshot_get_steth": "Snapshot.get_steth",
    "stake_snapshot_get_erc4626": "Snapshot.get_erc4626",
    "stake_snapshot_get_reth": "Snapshot.get_reth",
    "stake_snapshot_count": "Snapshot.__len__", "stake_snapshot_entry": "Snapshot.entries",
    "stake_snapshot_save": "Snapshot.save", "stake_snapshot_load": "Snapshot.load",
}
if hasattr(_raw, "stake_queue_new"):
    from ._queue import PYTHONIC as _QUEUE_PYTHONIC  # noqa: E402
    PYTHONIC.update(_QUEUE_PYTHONIC)
    del _QUEUE_PYTHONIC

__all__ = [
    "StakeError", "error_class", "errors", "raw",
    "MAX_U256", "ZERO_ADDRESS", "DEAD_ADDRESS", "version", "version_number", "backend",
    "Rounding", "Product", "LidoVersion", "LidoDirection", "ERC4626Direction",
    "RethDirection", "SnapshotKind",
    "muldiv", "check_u256", "address", "parse", "parse_dec", "parse_hex", "to_dec",
    "to_hex", "from_be32", "to_be32", "is_zero_address",
    "pack", "unpack", "convert_buffer",
    "Conversion", "LidoTotals", "ERC4626State", "RethTotals", "StethPool", "LidoModule",
    "ReportResult", "StakeLimit", "lido_fee_shares_v2", "lido_fee_shares_v3",
    "lido_module_fees", "lido_split_fee_shares", "lido_current_stake_limit",
    "Ledger", "StETH", "WstETH", "ERC4626Vault", "RETH", "Snapshot",
] + [c.__name__ for c in errors.FAMILIES.values()]
if hasattr(_raw, "stake_queue_new"):
    __all__ += ["WithdrawalQueue", "QueueBatches", "QueueStatus", "QueueCheckpoint", "QueueDust"]
