"""Shared fixtures of the stake (libstake) Python tests.

Run by `make check-python` with PYTHONPATH set to the assembled package in
$(BUILDDIR)/python and STAKE_VECTORS to tests/vectors.
"""

import os
import pathlib

import pytest
from hypothesis import HealthCheck, settings

import stake

# No example database in the source tree, no flaky deadlines on a busy CI
# machine; `HYPOTHESIS_PROFILE=thorough` runs more examples.
settings.register_profile("ci", database=None, deadline=None, max_examples=300,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = pathlib.Path(__file__).resolve().parents[3]


def addr(n):
    """A deterministic non-zero test address."""
    return "0x%040x" % (0x1000 + n)


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
