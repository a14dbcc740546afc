#!/bin/sh
# Lints every man page and checks that the documentation is complete:
#  - mandoc -Tlint reports no warning or error, groff -ww is silent;
#  - every function the library exports has a page man/man3/<name>.3;
#  - every status code of the error table is listed in stake_errors(3).
#
# usage: lint.sh path/to/libstake.so.X.Y.Z
set -eu
lib=$1
status=0
# Without the library the completeness check below would see no function
# and pass: refuse instead.
[ -f "$lib" ] || { echo "lint: $lib not found (build it first)"; exit 1; }

for page in man/man3/*.3 man/man7/*.7 man/man1/*.1; do
    [ -e "$page" ] || continue
    # .so stubs are resolved relative to man/
    if head -n 1 "$page" | grep -q '^\.so '; then
        target=man/$(sed -n '1s/^\.so //p' "$page")
        [ -f "$target" ] || { echo "lint: $page points to missing $target"; status=1; }
        continue
    fi
    out=$(mandoc -Tlint -Wwarning "$page" 2>&1 || true)
    if [ -n "$out" ]; then
        echo "$out"
        status=1
    fi
    out=$(groff -man -ww -z "$page" 2>&1 || true)
    if [ -n "$out" ]; then
        echo "groff: $page: $out"
        status=1
    fi
done

for fn in $(nm -D --defined-only "$lib" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }'); do
    if [ ! -f "man/man3/$fn.3" ]; then
        echo "lint: exported function $fn has no man/man3/$fn.3"
        status=1
    fi
done

for code in $(sed -n 's/^ *X(\(STAKE_E[A-Z0-9_]*\),.*/\1/p' include/stake/errors.h); do
    grep -q "^\.BR $code " man/man3/stake_errors.3 || {
        echo "lint: $code is missing from man/man3/stake_errors.3"
        status=1
    }
done

[ $status -eq 0 ] && echo "lint: $(ls man/man*/* | wc -l) man pages clean and complete"
exit $status
