#!/bin/sh
# The route a user takes, offline, twice: build a wheel of bindings/python
# with setuptools and --no-build-isolation (no PyPI), install it into a
# venv that sees Debian's pytest and hypothesis, and run the test suite
# against the installed package:
#
#   1. against the build tree (LIBSTAKE_BUILDDIR=BUILDDIR);
#   2. against a staged `make install`, found with pkg-config only.
#
# The sources are copied to a scratch directory first, so that setuptools'
# build/ and *.egg-info never land in the tree.
#
# usage: wheel_install.sh BUILDDIR [BIGNUM]      (run from the top of the tree;
#                                                 PYTHON: /usr/bin/python3)
set -eu
builddir=$(cd "$1" && pwd)
bignum=${2:-gmp}
python=${PYTHON:-/usr/bin/python3}
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/tree/bindings"
cp -r include "$tmp/tree/"
cp bindings/stake.i "$tmp/tree/bindings/"
mkdir "$tmp/tree/bindings/python"
cp -r bindings/python/setup.py bindings/python/pyproject.toml bindings/python/python.i \
      bindings/python/gen_typemaps.py bindings/python/README.md bindings/python/MANIFEST.in \
      bindings/python/stake "$tmp/tree/bindings/python/"
rm -rf "$tmp/tree/bindings/python/stake/__pycache__"

"$python" -m venv --system-site-packages "$tmp/venv"
# The contract-model runs (*_model.py) test the library, not the packaging,
# and make check-python-unit runs them already: left out here.
run_suite() {   # $1: label
    (cd "$tmp" && PYTHONDONTWRITEBYTECODE=1 STAKE_VECTORS="$top/tests/vectors" \
        STAKE_EXPECT_BACKEND="$bignum" \
        "$tmp/venv/bin/python" -P -m pytest -q -p no:cacheprovider \
        -k 'not AgainstModel and not matches_contract' \
        "$top/bindings/python/tests" > "$tmp/pytest.log" 2>&1) || {
        cat "$tmp/pytest.log" >&2
        echo "wheel_install: the tests fail against the wheel ($1)" >&2
        exit 1
    }
    "$tmp/venv/bin/python" -P -c 'import stake, sys; sys.stdout.write(stake.__file__ + "\n")' |
        grep -q "^$tmp/venv/" || { echo "wheel_install: stake not imported from the venv" >&2; exit 1; }
    echo "wheel_install: $1: $(tail -n 1 "$tmp/pytest.log")"
}

# 1. the build tree
LIBSTAKE_BUILDDIR="$builddir" "$python" -m pip wheel -q --no-build-isolation --no-deps \
    --no-index -w "$tmp/dist1" "$tmp/tree/bindings/python" > "$tmp/build1.log" 2>&1 ||
    { cat "$tmp/build1.log" >&2; exit 1; }
"$tmp/venv/bin/pip" install -q --no-index --no-deps "$tmp"/dist1/*.whl
run_suite "LIBSTAKE_BUILDDIR wheel $(basename "$tmp"/dist1/*.whl)"
"$tmp/venv/bin/pip" uninstall -q -y libstake

# 2. a staged install, through pkg-config
stage=$tmp/stage
prefix=/opt/libstake-pytest
# PCFILE: our own .pc, so that a concurrent `make install` (check-install
# under make -j) does not race us for $(BUILDDIR)/libstake.pc
${MAKE:-make} -s install BIGNUM="$bignum" BUILDDIR="$1" DESTDIR="$stage" PREFIX="$prefix" \
    PCFILE="$tmp/libstake.pc" >/dev/null
PKG_CONFIG_SYSROOT_DIR="$stage" PKG_CONFIG_PATH="$stage$prefix/lib/pkgconfig" \
    "$python" -m pip wheel -q --no-build-isolation --no-deps --no-index -w "$tmp/dist2" \
    "$tmp/tree/bindings/python" > "$tmp/build2.log" 2>&1 || { cat "$tmp/build2.log" >&2; exit 1; }
"$tmp/venv/bin/pip" install -q --no-index --no-deps "$tmp"/dist2/*.whl
run_suite "pkg-config wheel"
