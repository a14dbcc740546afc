"""Shared fixtures of the stake (libstake) Python tests.

Run by `make check-python` with PYTHONPATH set to the assembled package in
$(BUILDDIR)/python and STAKE_VECTORS to tests/vectors.
"""

import os
import pathlib

import pytest
from hypothesis import HealthCheck, settings

import stake
from solidity_model import Revert

# No example database in the source tree, no flaky deadlines on a busy CI
# machine. "ci" draws the same examples on every run, so that a red
# `make check` means the change broke something, not that this run's draw
# found something older; "thorough" (`make check-python-thorough`) draws
# new random examples each run, 5000 per property, to look for those.
settings.register_profile("ci", database=None, deadline=None, max_examples=300,
                          derandomize=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=5000,
                          derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = pathlib.Path(__file__).resolve().parents[3]


def addr(n):
    """A deterministic non-zero test address."""
    return "0x%040x" % (0x1000 + n)


def part(held, fraction):
    """An amount for a random step: fraction 0-4 is that many quarters of
    held, 5 is all of it and one wei more (within 256 bits)."""
    return min(2**256 - 1, held * fraction // 4 + (fraction == 5))


def lib_struct(init, version, values):
    """A library struct from its *_init(version), with values (field name to
    value, as a model's dataclass or namedtuple gives them) copied in;
    flags become ints."""
    s = init(version)
    for name, value in values.items():
        setattr(s, name, int(value) if isinstance(value, bool) else value)
    return s


def compare(lib_call, model_call, names=True):
    """Runs one operation on the library and on a contract model
    (*_model.py): they must agree on the result, or both refuse, with the
    same STAKE_E* name when names is true. Returns the library's result."""
    try:
        got, lib_error = lib_call(), None
    except stake.StakeError as e:
        got, lib_error = None, e.name
    try:
        want, model_error = model_call(), None
    except Revert as r:
        want, model_error = None, r.name
    if names:
        assert (lib_error, got) == (model_error, want)
    else:
        assert (lib_error is None, got) == (model_error is None, want), (lib_error, model_error)
    return got


@pytest.fixture
def alice():
    return addr(1)


@pytest.fixture
def bob():
    return addr(2)


@pytest.fixture
def carol():
    return addr(3)


@pytest.fixture(scope="session")
def vectors_dir():
    return pathlib.Path(os.environ.get("STAKE_VECTORS", ROOT / "tests" / "vectors"))


def pytest_report_header(config):
    return "stake %s (%s backend) from %s" % (stake.__version__, stake.backend(),
                                               os.path.dirname(stake.__file__))
