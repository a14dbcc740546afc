"""Wallet balances after a rebase, exactly as stETH computes them.

A wallet backend keeps each holder's *shares*; balances are shares times
pooled ether over total shares, rounded down, and change at every oracle
report. This prints every holder's balance before and after a report, for
a handful of holders and for a million of them in one batch call.

Run: PYTHONPATH=<build>/python /usr/bin/python3 examples/python/rebase_balances.py
"""
import random
import time

import stake

ETHER = 10**18
alice, bob, carol = ("0x" + c * 40 for c in "abc")

with stake.StETH() as steth:
    # deposits, then 3 validators go live and a report rebases the pool
    steth.submit(alice, 40 * ETHER)
    steth.submit(bob, 25 * ETHER)
    steth.submit(carol, 31 * ETHER + 123)
    steth.deposit_validators(3)
    steth.handle_report(cl_validators=3, cl_balance=96 * ETHER)

    holders = (alice, bob, carol)
    before = {h: steth.balance_of(h) for h in holders}
    # a profitable report: +0.05 ether on the consensus layer, 10% fee
    steth.handle_report(cl_validators=3, cl_balance=96 * ETHER + 5 * 10**16,
                        total_fee=10 * 10**18, treasury="0x" + "7e" * 20)
    after = {h: steth.balance_of(h) for h in holders}

    print(f"{'holder':44} {'before':>24} {'after':>24} {'gain (wei)':>20}")
    for h in holders:
        print(f"{h:44} {before[h]:24d} {after[h]:24d} {after[h] - before[h]:20d}")
        assert after[h] >= before[h]

    # the same conversion, applied to a million packed balances at once
    conv = steth.conversion(stake.LidoDirection.SHARES_TO_ETHER)
    totals = steth.totals
    rng = random.Random(7)
    shares = [rng.randrange(10**9, 10**24) for _ in range(1_000_000)]
    packed = stake.pack(shares)
    t0 = time.perf_counter()
    balances = stake.unpack(stake.convert_buffer(conv, packed))
    elapsed = time.perf_counter() - t0
    # spot-check against Python's own integers
    for i in range(0, len(shares), 99_991):
        assert balances[i] == shares[i] * totals.internal_ether // totals.internal_shares
    print(f"\n1,000,000 balances converted in {elapsed * 1e3:.1f} ms "
          f"(with unpacking), all exact")
