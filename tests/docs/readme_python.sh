#!/bin/sh
# Extracts every ```python block of README.md and runs it, each in a fresh
# interpreter, against the Python package built in PYDIR: the
# documentation's examples must keep working. A snippet fails the test if
# it raises (non-zero exit).
#
# usage: readme_python.sh PYDIR [README]     (PYTHON: the interpreter,
#                                             /usr/bin/python3 by default)
set -eu
pydir=$(cd "$1" && pwd)
readme=${2:-README.md}
python=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v dir="$tmp" '
    /^```python[[:space:]]*$/ { n++; file = sprintf("%s/snippet%d.py", dir, n); inside = 1; next }
    /^```/                    { inside = 0; next }
    inside                    { print > file }
' "$readme"
count=0
for src in "$tmp"/snippet*.py; do
    [ -e "$src" ] || continue
    # run from the scratch directory: a snippet may write files
    if ! (cd "$tmp" && PYTHONPATH="$pydir" PYTHONDONTWRITEBYTECODE=1 "$python" -P "$src" \
            > "$src.out" 2>&1); then
        echo "readme_python: the Python snippet $(basename "$src" .py) of $readme fails:" >&2
        cat -n "$src" >&2
        cat "$src.out" >&2
        exit 1
    fi
    count=$((count + 1))
done
if [ "$count" -eq 0 ]; then
    if grep -qi '^#.*python' "$readme"; then
        echo "readme_python: $readme has a Python section but no \`\`\`python snippet" >&2
        exit 1
    fi
    echo "readme_python: no \`\`\`python snippet in $readme yet (nothing to run)"
    exit 0
fi
echo "readme_python: $count Python snippet(s) ran"
