#!/bin/sh
# Extracts every ```c block of README.md, compiles it against the library
# just built and runs it: the documentation's examples must keep working.
#
# usage: readme_snippets.sh BUILDDIR
set -eu
builddir=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v dir="$tmp" '
    /^```c$/ { n++; file = sprintf("%s/snippet%d.c", dir, n); inside = 1; next }
    /^```/   { inside = 0; next }
    inside   { print > file }
' README.md
count=0
for src in "$tmp"/snippet*.c; do
    [ -e "$src" ] || continue
    exe=${src%.c}
    ${CC:-cc} -std=c11 -Wall -Werror -Iinclude -o "$exe" "$src" \
        -L"$builddir" -lstake -Wl,-rpath,"$(cd "$builddir" && pwd)"
    "$exe" > /dev/null
    count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "readme_snippets: no C snippet found" >&2; exit 1; }
echo "readme_snippets: $count C snippet(s) compiled and ran"
