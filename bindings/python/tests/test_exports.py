"""Every public function of libstake is reachable from Python.

The list comes from the libstake.so this process actually loaded (nm -D),
so a function another engineer adds is checked as soon as it is exported:
it must be in stake.raw under its C name (and, where stake.PYTHONIC maps
it, the Pythonic equivalent must exist). Functions taking arrays need a
human look at their typemap, so they must be listed here."""

import os
import pathlib
import re
import shutil
import subprocess

import pytest

import stake
from stake import _raw, raw

ROOT = pathlib.Path(__file__).resolve().parents[3]
INCLUDE = ROOT / "include"
STAKE_I = ROOT / "bindings" / "stake.i"

# Functions with an array parameter (a "n" count): each has a hand-written
# wrapper or a multi-argument typemap in python.i, reviewed by a person.
KNOWN_ARRAY_FUNCTIONS = {
    "stake_convert_batch",                 # hand-written (list in, list out)
    "stake_ledger_convert_all",            # hand-written (list out)
    "stake_lido_module_fees",              # hand-written (struct list in)
    "stake_lido_split_fee_shares",         # hand-written (list in and out)
    "stake_queue_prefinalize",             # (const uint64_t *batches, size_t n)
    "stake_queue_find_checkpoint_hints",   # hand-written (list in and out)
    "stake_queue_claim_batch",             # hand-written (two lists in, list out)
    "stake_queue_request_batch",           # hand-written (list in, list out)
    "stake_queue_request_wsteth_batch",    # idem
    "stake_lido_check_negative_rebase",    # (const T *history, size_t n): struct list
    "stake_lido_check_accounting_report",  # idem
    "stake_lido_earliest_slashed_epoch",   # (const T *validators, size_t n)
    "stake_lido_report_history_append",    # hand-written (list in, new list out)
    "stake_lido_report_history_prune",     # hand-written (list in, new list out)
}


def loaded_libstake():
    with open("/proc/self/maps", encoding="utf-8") as f:
        for line in f:
            path = line.split()[-1]
            if re.search(r"/libstake\.so[.0-9]*$", path):
                return path
    pytest.skip("libstake.so not found in /proc/self/maps")


def exported_functions():
    if not shutil.which("nm"):
        pytest.skip("nm not available")
    out = subprocess.run(["nm", "-D", "--defined-only", loaded_libstake()], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == "T":
            names.add(parts[2].split("@")[0])
    return names


def declarations():
    """{function: (header, parameter text)} from the public headers."""
    decls = {}
    for header in sorted((INCLUDE / "stake").glob("*.h")):
        text = re.sub(r"/\*.*?\*/", " ", header.read_text(encoding="utf-8"), flags=re.S)
        for m in re.finditer(r"STAKE_API[^;(]*?\b(stake_\w+)\s*\(([^;]*?)\)\s*;", text, re.S):
            decls[m.group(1)] = (header.name, " ".join(m.group(2).split()))
    return decls


def test_libstake_is_the_one_built_here():
    expected = os.environ.get("STAKE_EXPECT_BACKEND")
    if expected:
        assert stake.backend() == expected
    assert stake.__file__.startswith(os.path.dirname(raw.__file__))
    assert stake.version() == raw.stake_version_string()
    assert stake.version_number() == raw.STAKE_VERSION_NUMBER, \
        "the header stake.raw was generated from and the library loaded differ"


def test_every_exported_function_is_reachable():
    exported = exported_functions()
    assert len(exported) > 100
    decls = declarations()
    wrapped = set(re.findall(r'^\s*%include\s+"(stake/\w+\.h)"', STAKE_I.read_text(), re.M))
    missing = []
    for name in sorted(exported):
        if callable(getattr(raw, name, None)) and callable(getattr(_raw, name, None)):
            continue
        header = decls.get(name, ("?",))[0]
        if "stake/" + header not in wrapped:
            missing.append('%s: add %%include "stake/%s" to bindings/stake.i' % (name, header))
        else:
            missing.append("%s: not wrapped; see bindings/python/python.i" % name)
    assert not missing, "exported but not reachable from Python:\n" + "\n".join(missing)


def test_every_header_of_stake_h_is_in_stake_i():
    umbrella = (INCLUDE / "stake.h").read_text()
    included = re.findall(r'^#include "(stake/\w+\.h)"', umbrella, re.M)
    wrapped = re.findall(r'^\s*%include\s+"(stake/\w+\.h)"', STAKE_I.read_text(), re.M)
    exported = exported_functions()
    decls = declarations()
    for header in included:
        has_exports = any(decls[f][0] == header[len("stake/"):] for f in exported if f in decls)
        if has_exports:
            assert header in wrapped, 'add %%include "%s" to bindings/stake.i' % header
    # same order as <stake.h>
    assert [h for h in included if h in wrapped] == [h for h in wrapped if h in included]


def test_pythonic_equivalents_exist():
    exported = exported_functions()
    for c_name, path in stake.PYTHONIC.items():
        assert c_name in exported or not hasattr(raw, c_name), c_name
        obj = stake
        for part in path.split("."):
            assert hasattr(obj, part), "stake.%s (for %s) does not exist" % (path, c_name)
            obj = getattr(obj, part)
    without = sorted(exported - set(stake.PYTHONIC))
    # not a failure: stake.raw has them; listed to keep the Pythonic layer growing
    print("C functions reachable only through stake.raw: %d" % len(without))
    for name in without:
        print("  " + name)


def test_array_functions_were_reviewed():
    decls = declarations()
    exported = exported_functions()
    arrays = {f for f, (_, params) in decls.items()
              if f in exported and re.search(r"\bsize_t\s*\*?\s*n\b", params)}
    unknown = sorted(arrays - KNOWN_ARRAY_FUNCTIONS)
    assert not unknown, (
        "functions taking arrays need a typemap or a hand-written wrapper in "
        "bindings/python/python.i, then an entry in KNOWN_ARRAY_FUNCTIONS: %s" % unknown)


def test_struct_outputs_are_generated():
    """Every value struct passed by non-const pointer is an output (or marked
    in/out in python.i): checked on the generated stake_typemaps.i."""
    decls = declarations()
    text = pathlib.Path(raw.__file__).read_text()
    for name, (_, params) in decls.items():
        if not hasattr(raw, name):
            continue
        for m in re.finditer(r"(?<!const )\b(stake_\w+)\s*\*\s*\w+", params):
            t = m.group(1)
            if t in ("stake_u256", "stake_address", "stake_error"):
                continue
            if hasattr(raw, t):                 # a value struct with a proxy class
                assert ("class %s(" % t) in text
