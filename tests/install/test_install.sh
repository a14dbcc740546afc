#!/bin/sh
# Installs into a staging DESTDIR under a non-default PREFIX, then builds a
# consumer with nothing but pkg-config (shared and static), runs it, and
# checks that uninstall removes every installed file.
#
# usage: test_install.sh BIGNUM BUILDDIR
set -eu
bignum=$1
builddir=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
prefix=/opt/libstake-test
make -s install BIGNUM="$bignum" BUILDDIR="$builddir" DESTDIR="$stage" PREFIX="$prefix" >/dev/null

libdir=$stage$prefix/lib
export PKG_CONFIG_SYSROOT_DIR="$stage"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
export PKG_CONFIG_LIBDIR="$libdir/pkgconfig:/usr/lib/x86_64-linux-gnu/pkgconfig:/usr/lib/pkgconfig:/usr/share/pkgconfig"

pkg-config --validate libstake
test "$(pkg-config --variable=prefix libstake)" = "$stage$prefix" || \
    test "$(pkg-config --variable=prefix libstake)" = "$prefix"
for f in include/stake.h include/stake/u256.h lib/libstake.a lib/libstake.so \
         lib/libstake.so.0 share/man/man3/stake_u256_muldiv.3 share/man/man7/libstake.7; do
    test -e "$stage$prefix/$f" || { echo "test_install: missing $f" >&2; exit 1; }
done
test "$(readlink "$libdir/libstake.so.0")" = "$(basename "$(readlink -f "$libdir/libstake.so.0")")"

cc="${CC:-cc}"
# shared
$cc -o "$stage/consumer" tests/install/consumer.c $(pkg-config --cflags --libs libstake)
LD_LIBRARY_PATH="$libdir" "$stage/consumer"
# static: Requires.private must bring in the backend
$cc -o "$stage/consumer-static" tests/install/consumer.c \
    $(pkg-config --cflags libstake) "$libdir/libstake.a" $(pkg-config --static --libs-only-l libstake | sed 's/-lstake//')
"$stage/consumer-static"

make -s uninstall BIGNUM="$bignum" BUILDDIR="$builddir" DESTDIR="$stage" PREFIX="$prefix" >/dev/null
left=$(find "$stage$prefix" -type f -o -type l)
if [ -n "$left" ]; then
    echo "test_install: uninstall left files behind:" >&2
    echo "$left" >&2
    exit 1
fi
echo "test_install: staged install, pkg-config consumer (shared and static) and uninstall ok"
