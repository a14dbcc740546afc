#!/bin/sh
# Tests of the stake(1) command-line tool: the bundled scenario, JSON,
# standard input, claims of several requests, and bad lines (line number,
# message, exit status).
#
# usage: test_cli.sh path/to/stake
set -eu
stake=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_cli: $*" >&2; exit 1; }

# The bundled scenario replays and prints the state.
"$stake" examples/scenarios/lido-week.txt > "$tmp/text" || fail "bundled scenario failed"
grep -q '^share rate' "$tmp/text" || fail "no share rate in the output"
grep -q 'withdrawal queue: ' "$tmp/text" || fail "no queue in the output"

# JSON, valid and with the same numbers as the text.
"$stake" --json examples/scenarios/lido-week.txt > "$tmp/json" || fail "--json failed"
if [ -x /usr/bin/python3 ]; then
    /usr/bin/python3 - "$tmp/json" <<'PY' || fail "invalid JSON"
import json, sys
# one JSON object per line: each `print` event, then the final state
docs = [json.loads(line) for line in open(sys.argv[1])]
assert len(docs) == 2, len(docs)
d = docs[-1]
assert d["protocol"] == "v3"
assert int(d["total_supply"]) > 0 and int(d["share_rate"]) > 0
names = {a["name"] for a in d["accounts"]}
assert {"alice", "bob", "carol", "dave"} <= names, names
total = sum(int(a["shares"]) for a in d["accounts"])
assert total == int(d["total_shares"]), (total, d["total_shares"])
assert d["queue"]["last_request_id"] == 2
PY
fi

# Standard input, with and without "-".
"$stake" < examples/scenarios/lido-week.txt > "$tmp/stdin" || fail "stdin failed"
cmp -s "$tmp/text" "$tmp/stdin" || fail "stdin output differs"
"$stake" - < examples/scenarios/lido-week.txt > "$tmp/dash" || fail "'-' failed"
cmp -s "$tmp/text" "$tmp/dash" || fail "'-' output differs"

# A bad line stops the run with its number and a message, exit 1.
expect_error() {
    printf '%s\n' "$1" > "$tmp/bad.txt"
    if "$stake" "$tmp/bad.txt" > "$tmp/out" 2> "$tmp/err"; then
        fail "accepted: $1"
    fi
    grep -q "bad.txt:$2: $3" "$tmp/err" || { cat "$tmp/err" >&2; fail "expected line $2: $3"; }
    [ ! -s "$tmp/out" ] || fail "printed a state after an error"
}

# A scenario given as lines replays without error; its output is left in
# $tmp/out for the checks that follow.
expect_ok() {
    what=$1
    shift
    printf '%s\n' "$@" > "$tmp/ok.txt"
    "$stake" "$tmp/ok.txt" > "$tmp/out" 2> "$tmp/err" || { cat "$tmp/err" >&2; fail "$what"; }
}
expect_error 'deposit alice 1ether
transfer alice bob 5ether' 2 'transfer refused: balance too low'
expect_error 'deposit alice 1.0000000000000000001ether' 1 'amount .* more than 18 decimals'
expect_error 'deposit alice -1ether' 1 'bad amount'
expect_error 'frobnicate' 1 'unknown event "frobnicate"'
expect_error 'deposit alice 1ether
protocol v2' 2 'protocol must come before'
expect_error 'deposit alice 1ether
request alice 50ether' 2 'withdrawal request refused'
expect_error 'deposit alice 1ether
claim alice 7' 2 'claim refused'
expect_error 'deposit this-name-is-far-too-long 1ether' 1 'bad account name'
expect_error 'wait 1d
time 5' 2 'time cannot go backwards'
expect_error 'report validators=3' 1 'the report refused: report inconsistent'
expect_error 'deposit alice 32ether
validators 1
report validators=1 balance=32ether balance=33ether' 3 'balance given twice'
expect_error 'fees total=10% treasury=treasury total=5%' 1 'total given twice'
expect_error 'fees total=10% treasury=treasury treasury=alice' 1 'treasury given twice'
expect_error 'fees total=10% curated=6% csm=6% treasury=treasury' 1 'the module fees add up to more than total'
expect_error 'initial 0' 1 'initial deposit refused: amount must be non-zero'
expect_error 'initial max' 1 'initial deposit refused: total shares would reach 2^128'

# A refused line after a print event: the printed state stays, the final
# one is not printed.
printf 'deposit alice 1ether\nprint\nfrobnicate\n' > "$tmp/print.txt"
if "$stake" "$tmp/print.txt" > "$tmp/out" 2> "$tmp/err"; then fail "frobnicate after print accepted"; fi
[ "$(grep -c '^share rate' "$tmp/out")" = 1 ] || fail "not exactly the printed state"
grep -q 'print.txt:3: unknown event' "$tmp/err" || fail "print then a bad line: message"

# Lines that fgets would mangle are refused by number: a NUL byte (which
# would hide the rest of its line) and a line over 4096 bytes, even when a
# NUL sits before its end.
printf 'deposit alice 1ether\nwait 1d\0deposit bob 1ether\n' > "$tmp/nul.txt"
if "$stake" "$tmp/nul.txt" > "$tmp/out" 2> "$tmp/err"; then fail "a NUL byte accepted"; fi
grep -q 'nul.txt:2: line contains a NUL byte' "$tmp/err" || { cat "$tmp/err" >&2; fail "NUL message"; }
[ ! -s "$tmp/out" ] || fail "printed a state after a NUL byte"
{ printf 'deposit alice 1'; head -c 4078 /dev/zero | tr '\0' 0; printf 'wei\n'; } > "$tmp/long.txt"
"$stake" "$tmp/long.txt" > /dev/null 2> "$tmp/err" && fail "a 4079-digit amount accepted"
grep -q 'long.txt:1: bad amount' "$tmp/err" || { cat "$tmp/err" >&2; fail "4096-byte line not read whole"; }
{ printf 'deposit alice 1ether #'; head -c 4074 /dev/zero | tr '\0' x; printf '\n'; } > "$tmp/long.txt"
"$stake" "$tmp/long.txt" > /dev/null || fail "a line of exactly 4096 bytes refused"
{ printf 'deposit alice 1ether #'; head -c 4075 /dev/zero | tr '\0' x; printf '\n'; } > "$tmp/long.txt"
if "$stake" "$tmp/long.txt" > /dev/null 2> "$tmp/err"; then fail "a 4097-byte line accepted"; fi
grep -q 'long.txt:1: line longer than 4096 bytes' "$tmp/err" || fail "long line message"
{ printf '#\0'; head -c 4100 /dev/zero | tr '\0' x; printf ' deposit evil 1ether\n'; } > "$tmp/long.txt"
if "$stake" "$tmp/long.txt" > /dev/null 2> "$tmp/err"; then fail "a NUL then a long tail accepted"; fi
grep -q 'long.txt:1: line contains a NUL byte' "$tmp/err" || fail "NUL then long tail: message"

# Several ids in one claim: claimWithdrawals, all or nothing.
cat > "$tmp/claims.txt" <<'EOF'
deposit alice 70ether
deposit bob 1ether
validators 2
wait 1d
report validators=2 balance=64ether
wait 1h
request alice 1ether
request bob 0.5ether
request alice 2ether
wait 1d
report validators=2 balance=64ether
wait 1h
claim alice 3 1
EOF
"$stake" "$tmp/claims.txt" > "$tmp/out" || fail "claim of two requests failed"
grep -Eq '^ +1 alice .* claimed$' "$tmp/out" || fail "request 1 not claimed"
grep -Eq '^ +2 bob .* finalized$' "$tmp/out" || fail "request 2 not left alone"
grep -Eq '^ +3 alice .* claimed$' "$tmp/out" || fail "request 3 not claimed"
sed 's/^claim alice 3 1$/claim alice 1 2 3/' "$tmp/claims.txt" > "$tmp/bad.txt"
if "$stake" "$tmp/bad.txt" > /dev/null 2> "$tmp/err"; then fail "claim of bob's request accepted"; fi
grep -q 'bad.txt:13: claim of request 2 refused: .*STAKE_ENOTOWNER' "$tmp/err" ||
    { cat "$tmp/err" >&2; fail "claim of bob's request: message"; }

sed 's/^claim alice 3 1$/claim alice 1 99/' "$tmp/claims.txt" > "$tmp/bad.txt"
if "$stake" "$tmp/bad.txt" > /dev/null 2> "$tmp/err"; then fail "claim of request 99 accepted"; fi
grep -q 'bad.txt:13: claim of request 99 refused: .*STAKE_EINVALIDID' "$tmp/err" ||
    { cat "$tmp/err" >&2; fail "claim of a request that does not exist: message"; }

# A request on behalf of another owner: bob's stETH, carol's request.
sed -e 's/^request bob 0.5ether$/request bob 0.5ether for=carol/' \
    -e 's/^claim alice 3 1$/claim carol 2/' "$tmp/claims.txt" > "$tmp/for.txt"
"$stake" "$tmp/for.txt" > "$tmp/out" || fail "request for another owner failed"
grep -Eq '^ +2 carol .* claimed$' "$tmp/out" || fail "carol could not claim her request"
expect_error 'deposit alice 1ether
request alice 0.5ether to=bob' 2 'usage: request'

# Several amounts in one request: requestWithdrawals(amounts), all or none.
sed -e 's/^request alice 2ether$/request alice 1ether 1ether for=carol/' \
    -e 's/^claim alice 3 1$/claim carol 3 4/' "$tmp/claims.txt" > "$tmp/batch.txt"
"$stake" "$tmp/batch.txt" > "$tmp/out" || fail "a request of two amounts failed"
grep -Eq '^ +3 carol .* claimed$' "$tmp/out" || fail "the first amount is not request 3, carol's"
grep -Eq '^ +4 carol .* claimed$' "$tmp/out" || fail "the second amount is not request 4, carol's"
sed -e 's/^request alice 2ether$/request alice 1ether 50wei 1ether/' \
    "$tmp/claims.txt" > "$tmp/bad.txt"
if "$stake" "$tmp/bad.txt" > /dev/null 2> "$tmp/err"; then fail "a 50 wei request accepted"; fi
grep -q 'bad.txt:9: withdrawal request of amount 2 of 3 refused: .*STAKE_EAMOUNTTOOSMALL' \
    "$tmp/err" || { cat "$tmp/err" >&2; fail "a batch refused in the middle: message"; }

# wstETH requests: requestWithdrawalsWstETH, the queue's wstETH
# allowance made to cover the total first; the queue holds the unwrapped
# stETH.
sed -e 's/^request bob 0.5ether$/wrap bob 0.5ether\nrequest-wsteth bob 0.25ether 0.25ether for=carol/' \
    -e 's/^claim alice 3 1$/claim carol 2 3/' "$tmp/claims.txt" > "$tmp/wsteth.txt"
"$stake" "$tmp/wsteth.txt" > "$tmp/out" || fail "a wstETH request of two amounts failed"
grep -Eq '^ +2 carol +0\.250000000000000000 .* claimed$' "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "the first wstETH amount is not request 2, carol's"; }
grep -Eq '^ +3 carol +0\.250000000000000000 .* claimed$' "$tmp/out" ||
    fail "the second wstETH amount is not request 3, carol's"
grep -Eq '^ +4 alice .* finalized$' "$tmp/out" || fail "alice's stETH request after them"
grep -Eq '^bob +0\.5[0-9]* +[0-9.]+ +0\.0+$' "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "bob keeps wstETH after requesting all of it"; }
expect_error 'deposit alice 1ether
wrap alice 0.5ether
request-wsteth alice 0.3ether 0.3ether' 3 \
    'withdrawal request of amount 2 of 2 refused: .*STAKE_EBALANCE'
expect_error 'deposit alice 1ether
request-wsteth alice 0.5ether' 2 'withdrawal request refused: .*STAKE_EBALANCE'
expect_error 'deposit alice 1ether
request-wsteth alice' 2 'usage: request-wsteth'

# An allowance that already covers the amount, "max" included, is used as
# it is (raising it would overflow).
expect_ok "requests and wrap under a max allowance" \
    'deposit alice 10ether' 'approve alice queue max' 'approve alice wsteth max' \
    'wrap alice 2ether' 'request alice 1ether' 'request-wsteth alice 1ether' \
    'request alice 100wei 100wei'
grep -q 'withdrawal queue: 4 requests' "$tmp/out" || fail "not four requests under max"

# wstETH moves between holders and its allowances are set apart from
# stETH's: bob requests with the wstETH alice sent him, under his own
# max wstETH allowance to the queue.
expect_ok "wstETH transfer, approve and requests" \
    'deposit alice 10ether' 'wrap alice 2ether' 'transfer-wsteth alice bob 0.5ether' \
    'approve-wsteth bob queue max' 'request-wsteth bob 0.2ether' 'request-wsteth bob 0.3ether'
grep -Eq '^alice +8\.0+ +8\.0+ +1\.50+$' "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "alice's wstETH after sending 0.5"; }
grep -Eq '^bob +0\.0+ +0\.0+ +0\.0+$' "$tmp/out" || fail "bob keeps wstETH after his requests"
grep -Eq '^ +2 bob +0\.30+ ' "$tmp/out" || fail "bob's second wstETH request"
expect_error 'deposit alice 1ether
transfer-wsteth alice bob 1wei' 2 'transfer refused: balance too low (STAKE_EBALANCE)'
expect_error 'transfer-wsteth alice 0x0000000000000000000000000000000000000000 0' 1 \
    'transfer refused: .*STAKE_EZEROADDRESS'
expect_error 'approve-wsteth alice 0x0000000000000000000000000000000000000000 1ether' 1 \
    'approve refused: zero address (STAKE_EZEROADDRESS)'
expect_error 'approve alice 0x0000000000000000000000000000000000000000 max' 1 \
    'approve refused: zero address (STAKE_EZEROADDRESS)'
expect_error 'approve-wsteth alice bob' 1 'usage: approve\[-wsteth\]'
expect_error 'transfer-wsteth alice bob' 1 'usage: transfer\[-shares|-wsteth\]'

# transferFrom on both tokens: the spender moves the owner's tokens within
# its allowance. transferSharesFrom spends the shares' worth in stETH; a
# max stETH allowance is never spent, a wstETH allowance always is.
expect_ok "transferFrom on stETH and wstETH" \
    'deposit alice 10ether' 'approve alice bob 1ether' \
    'transfer-from bob alice carol 0.6ether' 'transfer-shares-from bob alice carol 0.4ether' \
    'approve alice dave max' 'transfer-from dave alice dave 3ether' \
    'transfer-from dave alice dave 3ether' 'wrap alice 2ether' \
    'approve-wsteth alice bob 0.5ether' 'transfer-from-wsteth bob alice erin 0.5ether'
grep -Eq '^alice +1\.0+ +1\.0+ +1\.50+$' "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "alice after the transfers from her"; }
grep -Eq '^carol +1\.0+ +1\.0+ +0\.0+$' "$tmp/out" || fail "carol did not get bob's 1 stETH"
grep -Eq '^dave +6\.0+ +6\.0+ +0\.0+$' "$tmp/out" || fail "dave's max allowance was spent"
grep -Eq '^erin +0\.0+ +0\.0+ +0\.50+$' "$tmp/out" || fail "erin did not get bob's wstETH"
expect_error 'deposit alice 10ether
approve alice bob 1ether
transfer-from bob alice carol 0.6ether
transfer-shares-from bob alice carol 0.6ether' 4 'transfer refused: allowance too low'
expect_error 'deposit alice 10ether
wrap alice 2ether
approve-wsteth alice bob 0.5ether
transfer-from-wsteth bob alice carol 0.5ether
transfer-from-wsteth bob alice carol 1wei' 5 'transfer refused: allowance too low'
expect_error 'deposit alice 1ether
transfer-from-wsteth bob alice carol 1wei' 2 'transfer refused: balance too low'
expect_error 'transfer-from bob alice carol' 1 'usage: transfer-from\[-wsteth\]'

# The staking rate limit: 10 ether regained at 1 ether a block.
cat > "$tmp/limit.txt" <<'EOF'
block 100
staking-limit 10ether 1ether
deposit alice 6ether
block 102
deposit bob 6ether
staking pause
staking resume
staking-limit none
deposit carol 100ether
deposit-wsteth dave 1ether
EOF
"$stake" "$tmp/limit.txt" > "$tmp/out" || fail "a replay within the stake limit failed"
# dave holds wstETH only, and is listed all the same
grep -Eq '^dave +0\.0+ +0\.0+ +1\.000000000000000000$' "$tmp/out" ||
    { cat "$tmp/out" >&2; fail "dave's wstETH"; }
expect_error 'staking-limit 10ether 1ether
deposit alice 6ether
deposit bob 5ether' 3 'deposit refused: amount above the current stake limit'
expect_error 'staking pause
deposit alice 1ether' 2 'deposit refused: staking is paused'
expect_error 'block 5
block 4' 2 'block refused: invalid argument'
expect_error 'staking-limit 0 0' 1 'staking limit refused: amount must be non-zero'
expect_error 'staking stop' 1 'usage: staking pause|resume'

# Options.
"$stake" --version | grep -q '^stake (libstake ' || fail "--version"
"$stake" --help | grep -q '^usage: stake' || fail "--help"
if "$stake" --frob 2> /dev/null; then fail "unknown option accepted"; fi
"$stake" /nonexistent/file 2> "$tmp/err" && fail "missing file accepted"
grep -q 'No such file' "$tmp/err" || fail "missing file message"
if "$stake" "$tmp" > "$tmp/out" 2> "$tmp/err"; then fail "a directory accepted"; fi
grep -q 'Is a directory' "$tmp/err" || { cat "$tmp/err" >&2; fail "directory message"; }
[ ! -s "$tmp/out" ] || fail "printed a state after a read error"

echo "test_cli: scenario, JSON, stdin, bad lines and options ok"
