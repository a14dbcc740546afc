#!/bin/sh
# Runs every ```go block of README.md as its own program: each block is a
# complete `package main`, written to a scratch module whose go.mod
# requires the Go binding and replaces it with bindings/go, then run with
# `go run` against the library just built. The documentation's Go
# examples must keep working.
#
# usage: readme_go.sh [README]
# Run from the top of the tree with the go environment of bindings/go/go.mk
# (GOCACHE, GOPROXY=off, PKG_CONFIG_PATH to the uninstalled libstake.pc);
# GO names the go command.
set -eu
readme=${1:-README.md}
GO=${GO:-go}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
module=$(cd bindings/go && pwd)

awk -v dir="$tmp" '
    /^```go[[:space:]]*$/ { n++; d = sprintf("%s/snippet%d", dir, n); system("mkdir -p " d)
                            file = d "/main.go"; inside = 1; next }
    /^```/                { inside = 0; next }
    inside                { print > file }
' "$readme"

count=0
for d in "$tmp"/snippet*; do
    [ -d "$d" ] || continue
    cat > "$d/go.mod" <<MOD
module readme/snippet

go 1.19

require github.com/libstake/libstake/bindings/go v0.0.0

replace github.com/libstake/libstake/bindings/go => $module
MOD
    if ! (cd "$d" && $GO run .) > "$d/output" 2>&1; then
        echo "readme_go: the Go snippet $(basename "$d") of $readme failed:" >&2
        cat "$d/output" >&2
        exit 1
    fi
    count=$((count + 1))
done
if [ "$count" -eq 0 ]; then
    echo "readme_go: no \`\`\`go snippet in $readme (nothing to run)"
else
    echo "readme_go: $count Go snippet(s) of $readme ran"
fi
