#!/bin/sh
# Fails when the dynamic symbols exported by libstake.so differ from the
# functions declared STAKE_API in the public headers: nothing internal may
# leak out, and nothing declared may be missing.
#
# usage: check_exports.sh path/to/libstake.so.X.Y.Z header...
set -eu
lib=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every declaration carries STAKE_API and names its function on that line.
grep -h 'STAKE_API' "$@" | grep -v '#' |
    sed -n 's/.*[^a-z0-9_]\(stake_[a-z0-9_]*\)[[:space:]]*(.*/\1/p' | sort -u > "$tmp/declared"
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ { sub(/@.*/, "", $3); print $3 }' |
    sort -u > "$tmp/exported"

if ! diff -u "$tmp/declared" "$tmp/exported" > "$tmp/diff"; then
    echo "check_exports: exported symbols differ from the public headers" >&2
    echo "(- declared but not exported, + exported but not declared)" >&2
    cat "$tmp/diff" >&2
    exit 1
fi
# Every export carries the version node of the version script.
if nm -D --defined-only "$lib" | awk '$2 == "T"' | grep -v '@@LIBSTAKE_0' | grep -q .; then
    echo "check_exports: symbols without the LIBSTAKE_0 version node" >&2
    exit 1
fi
# The soname is the ABI major.
readelf -d "$lib" | grep -q 'Library soname: \[libstake\.so\.0\]' || {
    echo "check_exports: unexpected soname" >&2
    exit 1
}
echo "check_exports: $(wc -l < "$tmp/exported") exported functions match the headers"
