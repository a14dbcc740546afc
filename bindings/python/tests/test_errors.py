"""Exceptions: one base, one class per family generated from the library's
table, every code reachable by name, and each family raised for real."""

import pickle

import pytest

import stake
from stake import errors, raw

BUILTIN = {
    "usage": ValueError,
    "parse": ValueError,
    "arithmetic": ArithmeticError,
    "memory": MemoryError,
    "io": OSError,
}
FAMILIES = ["usage", "memory", "parse", "arithmetic", "token", "queue", "report", "io"]


def test_table_is_complete():
    n = raw.stake_error_count()
    codes = [raw.stake_error_code(i) for i in range(n)]
    assert codes[0] == 0
    assert len(set(codes)) == n
    assert errors.CODES == {raw.stake_errname(c): c for c in codes}
    assert errors.NAMES == {c: raw.stake_errname(c) for c in codes}
    for name, code in errors.CODES.items():
        assert getattr(errors, name) == code
        assert getattr(raw, name) == code          # the enum, through SWIG
    with pytest.raises(stake.StakeUsageError):
        raw.stake_error_code(n)


def test_known_codes():
    assert errors.STAKE_OK == 0
    assert errors.STAKE_EINVAL == -1
    assert errors.STAKE_ENOMEM == -2
    assert errors.STAKE_EOVERFLOW == -20
    assert errors.STAKE_EDIVZERO == -22
    assert errors.NAMES[-20] == "STAKE_EOVERFLOW"


def test_one_class_per_family():
    assert sorted(errors.FAMILIES) == sorted(FAMILIES)
    for family, cls in errors.FAMILIES.items():
        assert issubclass(cls, stake.StakeError)
        assert cls.__module__ == "stake.errors"
        assert getattr(stake, cls.__name__) is cls
        assert getattr(errors, cls.__name__) is cls
        if family in BUILTIN:
            assert issubclass(cls, BUILTIN[family])
    assert stake.StakeArithmeticError is errors.FAMILIES["arithmetic"]
    assert stake.StakeIOError is errors.FAMILIES["io"]
    assert issubclass(stake.StakeError, Exception)


@pytest.mark.parametrize("name", sorted(n for n in errors.CODES if n != "STAKE_OK"))
def test_every_code(name):
    code = errors.CODES[name]
    cls = errors.error_class(code)
    family = raw.stake_family_name(raw.stake_error_family(code))
    assert cls is errors.FAMILIES[family]
    e = cls(code)
    assert e.code == code
    assert e.name == name
    assert e.family == family
    assert e.message == raw.stake_strerror(code)
    assert name in str(e) and e.message in str(e)
    assert e.detail is None and e.position is None and e.index is None
    # pickling keeps class and fields
    e2 = pickle.loads(pickle.dumps(cls(code, "some detail", 3, 5)))
    assert type(e2) is cls
    assert (e2.code, e2.detail, e2.position, e2.index) == (code, "some detail", 3, 5)
    assert "some detail" in str(e2) and "item 5" in str(e2)


def test_unknown_code():
    assert errors.error_class(-12345) is stake.StakeError
    e = stake.StakeError(-12345)
    assert e.name == "STAKE_EUNKNOWN"
    assert e.family == "unknown"


# ---- each family, raised by the library ---------------------------------------------

def raises(cls, name, f, *args, **kw):
    with pytest.raises(cls) as e:
        f(*args, **kw)
    assert type(e.value) is cls
    assert e.value.name == name
    assert e.value.code == errors.CODES[name]
    assert isinstance(e.value, stake.StakeError)
    return e.value


def test_usage_errors(alice):
    raises(stake.StakeUsageError, "STAKE_EINVAL", raw.stake_ledger_balance, None, alice)
    raises(stake.StakeUsageError, "STAKE_EINVAL", raw.stake_u256_muldiv, 1, 1, 1, 9)
    with pytest.raises(ValueError):                       # the idiom
        raw.stake_ledger_total(None)
    with stake.Snapshot() as snap:
        raises(stake.StakeUsageError, "STAKE_ENOTFOUND", snap.get_ledger, "missing")
        raises(stake.StakeUsageError, "STAKE_EINVAL", snap.put, "bad name!", stake.Ledger())


def test_memory_error_class():
    e = errors.error_class(errors.STAKE_ENOMEM)(errors.STAKE_ENOMEM)
    assert isinstance(e, MemoryError) and isinstance(e, stake.StakeMemoryError)


def test_parse_errors():
    e = raises(stake.StakeParseError, "STAKE_ESYNTAX", stake.parse_dec, "12a")
    assert e.position == 2 and "offset 2" in e.detail
    raises(stake.StakeParseError, "STAKE_EEMPTY", stake.parse_hex, "0x")
    raises(stake.StakeParseError, "STAKE_ERANGE", raw.stake_u256_to_u64, 2**64)


def test_arithmetic_errors():
    raises(stake.StakeArithmeticError, "STAKE_EOVERFLOW", stake.add, stake.MAX_U256, 1)
    raises(stake.StakeArithmeticError, "STAKE_EUNDERFLOW", stake.sub, 0, 1)
    raises(stake.StakeArithmeticError, "STAKE_EDIVZERO", stake.div, 1, 0)
    with pytest.raises(ArithmeticError):
        stake.muldiv(1, 1, 0)


def test_token_errors(alice, bob):
    with stake.Ledger() as ledger:
        raises(stake.StakeTokenError, "STAKE_EBALANCE", ledger.burn, alice, 1)
        raises(stake.StakeTokenError, "STAKE_EALLOWANCE", ledger.spend_allowance, alice, bob, 1)
    with stake.StETH() as steth:
        raises(stake.StakeTokenError, "STAKE_EZEROAMOUNT", steth.submit, alice, 0)
        raises(stake.StakeTokenError, "STAKE_EZEROADDRESS", steth.transfer, alice,
               stake.ZERO_ADDRESS, 0)


def test_report_errors():
    with stake.StETH() as steth:
        # more validators on the consensus layer than were ever deposited
        raises(stake.StakeReportError, "STAKE_EBADREPORT", steth.handle_report,
               cl_validators=1, cl_balance=32 * 10**18)
    old = stake.RethTotals(total_eth=100 * 10**18, reth_supply=100 * 10**18)
    new = stake.RethTotals(total_eth=110 * 10**18, reth_supply=100 * 10**18)
    raises(stake.StakeReportError, "STAKE_ERATECHANGE", old.check_rate_change, new,
           2 * 10**16)


@pytest.mark.skipif(not hasattr(stake, "WithdrawalQueue"), reason="no withdrawal queue")
def test_queue_errors(alice):
    with stake.WithdrawalQueue() as q:
        raises(stake.StakeQueueError, "STAKE_EINVALIDID", q.status, 1)
        q.pause()
        raises(stake.StakeQueueError, "STAKE_EPAUSED", q.enqueue, alice, 10**18, 10**18, 1)
        raises(stake.StakeUsageError, "STAKE_ESTATE", q.pause)


def test_io_errors(tmp_path):
    e = raises(stake.StakeIOError, "STAKE_EIO", stake.Snapshot.load, tmp_path / "missing")
    assert isinstance(e, OSError)
    assert e.detail                                     # the failing system call
    junk = tmp_path / "junk"
    junk.write_bytes(b"this is not a snapshot at all, just some bytes" * 4)
    raises(stake.StakeIOError, "STAKE_EFORMAT", stake.Snapshot.load, junk)
    good = tmp_path / "good"
    with stake.Snapshot() as snap, stake.Ledger() as ledger:
        ledger.mint("0x" + "11" * 20, 5)
        snap.put("l", ledger)
        snap.save(good)
    data = good.read_bytes()
    cut = tmp_path / "cut"
    cut.write_bytes(data[:-5])
    with pytest.raises(stake.StakeIOError) as e:
        stake.Snapshot.load(cut)
    assert e.value.name in ("STAKE_ETRUNCATED", "STAKE_ECORRUPT")
    bad = bytearray(data)
    bad[len(bad) // 2] ^= 0xFF
    corrupt = tmp_path / "corrupt"
    corrupt.write_bytes(bytes(bad))
    with pytest.raises(stake.StakeIOError):
        stake.Snapshot.load(corrupt)


def test_batch_error_carries_the_index():
    conv = stake.Conversion(num=2, den=1, product=stake.Product.CHECKED)
    with pytest.raises(stake.StakeArithmeticError) as e:
        conv.many([1, 2, stake.MAX_U256, 3])
    assert e.value.index == 2
    assert "item 2" in str(e.value)
    with pytest.raises(stake.StakeArithmeticError) as e:
        stake.convert_buffer(conv, stake.pack([1, stake.MAX_U256]))
    assert e.value.index == 1
