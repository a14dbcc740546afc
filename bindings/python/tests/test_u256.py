"""256-bit integers: results against Python's own integers, refusals and
type checks on every path an int takes into the library."""

import pytest
from hypothesis import given, strategies as st

import stake
from stake import raw

MAX = stake.MAX_U256
u256 = st.one_of(
    st.integers(0, MAX),
    st.integers(0, 2**64),
    st.integers(2**60, 2**120),            # realistic wei amounts
    st.sampled_from([0, 1, 2, 2**64 - 1, 2**64, 2**128 - 1, 2**128, 2**255, MAX - 1, MAX]),
)
nonzero = u256.filter(lambda x: x > 0)


def ceil_div(a, b):
    return -(-a // b)


# ---- mulDiv ---------------------------------------------------------------------

@given(u256, u256, nonzero)
def test_muldiv_floor_matches_python(a, b, c):
    exact = a * b // c
    if exact > MAX:
        with pytest.raises(stake.StakeArithmeticError) as e:
            stake.muldiv(a, b, c)
        assert e.value.code == stake.errors.STAKE_EOVERFLOW
    else:
        assert stake.muldiv(a, b, c) == exact
        assert stake.muldiv(a, b, c, stake.Rounding.FLOOR) == exact
        assert stake.muldiv(a, b, c, stake.Rounding.TRUNC) == exact
        assert stake.muldiv(a, b, c, rounding="floor") == exact
        assert raw.stake_u256_muldiv(a, b, c, raw.STAKE_ROUND_FLOOR) == exact


@given(u256, u256, nonzero)
def test_muldiv_ceil_matches_python(a, b, c):
    exact = ceil_div(a * b, c)
    if exact > MAX:
        with pytest.raises(stake.StakeArithmeticError) as e:
            stake.muldiv(a, b, c, stake.Rounding.CEIL)
        assert e.value.code == stake.errors.STAKE_EOVERFLOW
        assert isinstance(e.value, ArithmeticError)
    else:
        assert stake.muldiv(a, b, c, stake.Rounding.CEIL) == exact
        assert stake.muldiv(a, b, c, stake.Rounding.EXPAND) == exact
        assert stake.muldiv(a, b, c, "ceil") == exact
        assert raw.stake_u256_muldiv(a, b, c, raw.STAKE_ROUND_CEIL) == exact


@given(u256, u256)
def test_muldiv_by_zero(a, b):
    for r in stake.Rounding:
        with pytest.raises(stake.StakeArithmeticError) as e:
            stake.muldiv(a, b, 0, r)
        assert e.value.code == stake.errors.STAKE_EDIVZERO


def test_muldiv_ceil_of_max_with_remainder_overflows():
    # floor is 2^256 - 1 with a remainder: ceil would be 2^256
    with pytest.raises(stake.StakeArithmeticError):
        stake.muldiv(MAX, MAX - 1, MAX - 2, stake.Rounding.CEIL)
    assert stake.muldiv(MAX, MAX, MAX, stake.Rounding.CEIL) == MAX


def test_muldiv_arguments():
    with pytest.raises(ValueError):
        stake.muldiv(1, 2, 3, 4)
    with pytest.raises(ValueError):
        stake.muldiv(1, 2, 3, "round")
    with pytest.raises(TypeError):
        stake.muldiv(1, 2, 3, True)
    with pytest.raises(TypeError):
        stake.muldiv(1, 2)
    with pytest.raises(TypeError):
        stake.muldiv(1, 2, 3, 0, 5)
    with pytest.raises(TypeError):
        stake.muldiv(1, 2, 3, mode=0)
    with pytest.raises(stake.StakeUsageError):
        raw.stake_u256_muldiv(1, 2, 3, 7)


# ---- checked arithmetic -----------------------------------------------------------

@given(u256, u256)
def test_add_sub_mul_match_python(a, b):
    if a + b > MAX:
        with pytest.raises(stake.StakeArithmeticError) as e:
            stake.add(a, b)
        assert e.value.name == "STAKE_EOVERFLOW"
    else:
        assert stake.add(a, b) == a + b
    if b > a:
        with pytest.raises(stake.StakeArithmeticError) as e:
            stake.sub(a, b)
        assert e.value.name == "STAKE_EUNDERFLOW"
    else:
        assert stake.sub(a, b) == a - b
    if a * b > MAX:
        with pytest.raises(stake.StakeArithmeticError):
            stake.mul(a, b)
    else:
        assert stake.mul(a, b) == a * b


@given(u256, u256)
def test_div_mod_match_python(a, b):
    if b == 0:
        for f in (stake.div, stake.mod, stake.divmod):
            with pytest.raises(stake.StakeArithmeticError) as e:
                f(a, b)
            assert e.value.code == stake.errors.STAKE_EDIVZERO
    else:
        assert stake.div(a, b) == a // b
        assert stake.mod(a, b) == a % b
        assert stake.divmod(a, b) == divmod(a, b)
        assert raw.stake_u256_divmod(a, b) == divmod(a, b)


@given(u256, u256)
def test_cmp(a, b):
    assert raw.stake_u256_cmp(a, b) == (a > b) - (a < b)


# ---- text and bytes ------------------------------------------------------------------

@given(u256)
def test_text_round_trips(x):
    assert stake.to_dec(x) == str(x)
    assert stake.to_hex(x) == hex(x)
    assert stake.parse(str(x)) == x
    assert stake.parse(hex(x)) == x
    assert stake.parse_dec(str(x)) == x
    assert stake.parse_hex(hex(x).upper().replace("0X", "0x")) == x
    assert stake.to_be32(x) == x.to_bytes(32, "big")
    assert stake.from_be32(x.to_bytes(32, "big")) == x
    assert stake.check_u256(x) == x


@pytest.mark.parametrize("text, name, position", [
    ("", "STAKE_EEMPTY", 0),
    ("12x3", "STAKE_ESYNTAX", 2),
    ("-1", "STAKE_ESYNTAX", 0),
    ("1" * 79, "STAKE_ETOOLONG", None),
    (str(2**256), "STAKE_ERANGE", None),
    ("0x", "STAKE_EEMPTY", None),
    ("0x" + "f" * 65, "STAKE_ETOOLONG", None),
])
def test_parse_errors_carry_the_detail(text, name, position):
    with pytest.raises(stake.StakeParseError) as e:
        stake.parse(text)
    err = e.value
    assert err.name == name
    assert err.family == "parse"
    assert isinstance(err, ValueError)
    assert err.detail                        # the library's stake_error text
    assert err.detail in str(err)
    if position is not None:
        assert err.position == position


def test_parse_refuses_non_str():
    with pytest.raises(TypeError):
        stake.parse(12)
    with pytest.raises(ValueError):
        stake.parse("12\x0034")            # no silent truncation at a NUL


def test_be32_needs_32_bytes():
    with pytest.raises(ValueError):
        stake.from_be32(b"\x00" * 31)
    assert stake.from_be32(bytearray(32)) == 0
    assert stake.from_be32(memoryview(b"\x01" * 32)) == int.from_bytes(b"\x01" * 32, "big")


def test_u64():
    assert raw.stake_u256_from_u64(2**64 - 1) == 2**64 - 1
    assert raw.stake_u256_to_u64(2**64 - 1) == 2**64 - 1
    with pytest.raises(stake.StakeParseError) as e:
        raw.stake_u256_to_u64(2**64)
    assert e.value.name == "STAKE_ERANGE"


# ---- refusals of values and types, on every path -------------------------------------

class Index:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


TOO_BIG = [2**256, 2**256 + 1, 2**300, 10**100]
NEGATIVE = [-1, -(2**255), -(2**256)]
WRONG_TYPES = [True, False, 1.0, 0.5, float("nan"), "1", b"1", None, [1], 1 + 0j]


def entry_points():
    """Every way a uint256 enters the library, each as a one-argument call."""
    totals = stake.LidoTotals(10**18, 10**18)
    return {
        "muldiv": lambda x: stake.muldiv(x, 1, 1),
        "muldiv-b": lambda x: stake.muldiv(1, x, 1),
        "raw": lambda x: raw.stake_u256_add(x, 0),
        "check_u256": stake.check_u256,
        "member": lambda x: setattr(totals, "internal_ether", x),
        "pack": lambda x: stake.pack([1, x]),
        "batch": lambda x: stake.Conversion().many([x]),
    }


@pytest.mark.parametrize("path", list(entry_points()))
def test_refusals_on_every_path(path):
    f = entry_points()[path]
    for v in TOO_BIG + NEGATIVE:
        with pytest.raises(OverflowError):
            f(v)
    for v in WRONG_TYPES:
        with pytest.raises(TypeError):
            f(v)
    # accepted: ints, int subclasses (IntEnum), objects with __index__
    f(0)
    f(MAX)
    f(stake.Rounding.CEIL)
    f(Index(7))


def test_bool_is_refused_explicitly():
    with pytest.raises(TypeError, match="bool"):
        stake.muldiv(True, 1, 1)
    with pytest.raises(TypeError, match="bool"):
        stake.add(False, 1)


def test_numpy_integers_are_accepted_and_numpy_bool_refused():
    np = pytest.importorskip("numpy")
    assert stake.muldiv(np.uint64(6), np.int64(7), np.uint8(2)) == 21
    with pytest.raises(OverflowError):
        stake.check_u256(np.int64(-1))
    with pytest.raises(TypeError):
        stake.check_u256(np.bool_(True))
    with pytest.raises(TypeError):
        stake.check_u256(np.float64(1.0))


@given(st.integers(-(2**300), 2**300))
def test_range_is_exactly_uint256(x):
    if 0 <= x <= MAX:
        assert stake.check_u256(x) == x
    else:
        with pytest.raises(OverflowError):
            stake.check_u256(x)


# ---- addresses ------------------------------------------------------------------------

def test_addresses():
    a = bytes(range(1, 21))
    h = "0x" + a.hex()
    assert stake.address(a) == h
    assert stake.address(bytearray(a)) == h
    assert stake.address(memoryview(a)) == h
    assert stake.address(h.upper().replace("0X", "0x")) == h
    assert stake.address("0X" + a.hex()) == h
    assert stake.is_zero_address(stake.ZERO_ADDRESS)
    assert stake.is_zero_address(bytes(20))
    assert not stake.is_zero_address(h)
    with pytest.raises(ValueError):
        stake.address(a[:19])
    with pytest.raises(stake.StakeParseError):
        stake.address(h[:-1])
    with pytest.raises(stake.StakeParseError):
        stake.address(h + "0")
    with pytest.raises(stake.StakeParseError):
        stake.address(a.hex())                 # no 0x
    with pytest.raises(ValueError):
        stake.address(h + "\x00")
    for bad in (1, None, 1.0, True, [1] * 20):
        with pytest.raises(TypeError):
            stake.address(bad)
