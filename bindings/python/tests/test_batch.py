"""Batches over packed buffers (bytes, bytearray, memoryview, numpy) against
a list comprehension with Python ints, and pack / unpack."""

import random

import pytest
from hypothesis import given, strategies as st

import stake

MAX = stake.MAX_U256
u256 = st.integers(0, MAX)


def realistic(n, seed=1):
    rng = random.Random(seed)
    return [rng.randrange(0, 2**100) if i % 7 else rng.randrange(0, 2**250)
            for i in range(n)]


@given(st.lists(u256, max_size=50))
def test_pack_unpack_round_trip(values):
    packed = stake.pack(values)
    assert isinstance(packed, bytes)
    assert packed == b"".join(v.to_bytes(32, "little") for v in values)
    assert stake.unpack(packed) == values
    assert stake.unpack(bytearray(packed)) == values
    assert stake.unpack(memoryview(packed)) == values


def test_pack_refusals_name_the_item():
    assert stake.pack([]) == b""
    assert stake.pack(iter([1, 2])) == stake.pack((1, 2))
    with pytest.raises(OverflowError, match="item 2"):
        stake.pack([0, 1, -1])
    with pytest.raises(OverflowError, match="item 1"):
        stake.pack([0, 2**256])
    with pytest.raises(TypeError, match="item 0"):
        stake.pack([True])
    with pytest.raises(TypeError):
        stake.pack([1.0])
    with pytest.raises(TypeError):
        stake.pack(5)
    with pytest.raises(ValueError, match="multiple of 32"):
        stake.unpack(b"\x00" * 33)


@given(st.lists(u256, max_size=64), st.integers(1, 2**200), st.integers(1, 2**200),
       st.sampled_from(list(stake.Rounding)))
def test_convert_buffer_matches_python(values, num, den, rounding):
    conv = stake.Conversion(num=num, den=den, rounding=rounding)
    ceil = rounding in (stake.Rounding.CEIL, stake.Rounding.EXPAND)
    expected = [(-(-v * num // den) if ceil else v * num // den) for v in values]
    if any(e > MAX for e in expected):
        first = next(i for i, e in enumerate(expected) if e > MAX)
        with pytest.raises(stake.StakeArithmeticError) as e:
            stake.convert_buffer(conv, stake.pack(values))
        assert e.value.index == first
        return
    assert stake.unpack(stake.convert_buffer(conv, stake.pack(values))) == expected
    assert conv.many(values) == expected


def test_large_batch_vs_list_comprehension():
    shares = realistic(100_000)
    num, den = 9_300_000 * 10**18 + 12345, 8_086_956 * 10**18 + 777
    conv = stake.Conversion(num=num, den=den)
    out = stake.convert_buffer(conv, stake.pack(shares))
    assert stake.unpack(out) == [s * num // den for s in shares]


def test_output_buffers():
    values = realistic(1000, seed=2)
    conv = stake.Conversion(num=7, den=3, rounding=stake.Rounding.CEIL)
    expected = stake.pack([-(-v * 7 // 3) if -(-v * 7 // 3) <= MAX else 0 for v in values])
    values = [v if -(-v * 7 // 3) <= MAX else 0 for v in values]
    src = stake.pack(values)
    # into a caller's buffer: returned as is
    out = bytearray(len(src))
    assert stake.convert_buffer(conv, src, out) is out
    assert bytes(out) == expected
    # in place
    buf = bytearray(src)
    stake.convert_buffer(conv, buf, buf)
    assert bytes(buf) == expected
    # misaligned input and output (memoryview slices at odd offsets)
    raw_in = bytearray(1) + bytearray(src)
    raw_out = bytearray(3 + len(src))
    mv_out = memoryview(raw_out)[3:]
    stake.convert_buffer(conv, memoryview(raw_in)[1:], mv_out)
    assert bytes(mv_out) == expected
    # partially overlapping input and output: the input is read first
    both = bytearray(src) + bytearray(32)
    stake.convert_buffer(conv, memoryview(both)[:len(src)], memoryview(both)[32:])
    assert bytes(both[32:]) == expected
    # wrong sizes and read-only outputs
    with pytest.raises(ValueError, match="multiple of 32"):
        stake.convert_buffer(conv, src[:-1])
    with pytest.raises(ValueError):
        stake.convert_buffer(conv, src, bytearray(len(src) - 32))
    with pytest.raises((TypeError, BufferError)):
        stake.convert_buffer(conv, src, bytes(len(src)))
    with pytest.raises(TypeError):
        stake.convert_buffer("not a conversion", src)
    assert stake.convert_buffer(conv, b"") == b""


def test_all_or_nothing():
    conv = stake.Conversion(num=2, den=1)
    src = stake.pack([1, 2, MAX, 3])
    out = bytearray(b"\xaa" * len(src))
    with pytest.raises(stake.StakeArithmeticError) as e:
        stake.convert_buffer(conv, src, out)
    assert e.value.index == 2
    assert out == bytearray(b"\xaa" * len(src))


def test_numpy_arrays():
    np = pytest.importorskip("numpy")
    values = realistic(5000, seed=3)
    values = [v % 2**250 for v in values]
    conv = stake.Conversion(num=3, den=5)
    expected = [v * 3 // 5 for v in values]
    limbs = np.frombuffer(stake.pack(values), dtype="<u8").reshape(-1, 4).copy()
    assert limbs.shape == (5000, 4)
    # (n, 4) uint64 limbs, least significant first
    assert int(limbs[1, 0]) == values[1] & (2**64 - 1)
    out = np.empty_like(limbs)
    assert stake.convert_buffer(conv, limbs, out) is out
    assert stake.unpack(out) == expected
    assert stake.unpack(stake.convert_buffer(conv, limbs)) == expected
    # a 32-byte void dtype, one element per value
    words = limbs.view(np.dtype((np.void, 32))).reshape(-1)
    assert words.shape == (5000,)
    assert stake.unpack(stake.convert_buffer(conv, words)) == expected
    # a structured dtype with four little-endian limbs
    rec = np.dtype([("w0", "<u8"), ("w1", "<u8"), ("w2", "<u8"), ("w3", "<u8")])
    assert stake.unpack(stake.convert_buffer(conv, limbs.view(rec).reshape(-1))) == expected
    # in place on the array
    stake.convert_buffer(conv, limbs, limbs)
    assert stake.unpack(limbs) == expected
    # non-contiguous arrays are refused, not silently copied
    with pytest.raises((ValueError, BufferError, TypeError)):
        stake.convert_buffer(conv, limbs.T)
    with pytest.raises((ValueError, BufferError)):
        stake.convert_buffer(conv, limbs[::2])


def test_ledger_convert_all_buffer(alice, bob):
    with stake.StETH() as steth:
        steth.submit(alice, 10**18)
        steth.submit(bob, 3 * 10**18 + 1)
        conv = steth.conversion()
        ledger = steth.ledger
        expected = ledger.convert_all(conv)
        assert stake.unpack(ledger.convert_all_buffer(conv)) == expected
        out = bytearray(32 * 2)
        assert ledger.convert_all_buffer(conv, n=2, out=out) is out
        assert stake.unpack(out) == expected[:2]
        with pytest.raises(stake.StakeError):
            ledger.convert_all_buffer(conv, n=10)
