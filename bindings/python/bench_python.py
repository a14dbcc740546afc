"""Benchmarks of the Python binding, each against a same-run baseline in
plain Python (run by `make bench-python`):

  (a) one call: stake.muldiv(a, b, c) vs Python's a * b // c, on the same
      random realistic inputs (wei amounts of 2^60 to 2^120), ns per call;
  (b) a batch: stake.convert_buffer over a packed buffer of 1,000,000
      balances vs the list comprehension [s * num // den for s in shares].

Medians of several runs. Targets: (a) <= 150 ns per call, (b) <= 15 ns per
element. Prints the figures; exits non-zero with --check if a target is
missed.
"""

import random
import statistics
import sys
import time

import stake

TARGET_CALL_NS = 150.0
TARGET_ELEMENT_NS = 15.0


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - t0)
    return statistics.median(times)


def bench_single(n=200_000, runs=9):
    rng = random.Random(42)
    triples = [(rng.randrange(2**60, 2**120), rng.randrange(2**60, 2**120),
                rng.randrange(2**60, 2**120)) for _ in range(n)]
    muldiv = stake.muldiv

    def lib():
        for a, b, c in triples:
            muldiv(a, b, c)

    def py():
        for a, b, c in triples:
            a * b // c

    def empty():
        for a, b, c in triples:
            pass

    for a, b, c in triples[:1000]:                  # same answers, warm caches
        assert muldiv(a, b, c) == a * b // c
    t_lib = median_time(lib, runs) / n
    t_py = median_time(py, runs) / n
    t_loop = median_time(empty, runs) / n
    return t_lib, t_py, t_loop


def bench_batch(n=1_000_000, runs=7, py_runs=3):
    rng = random.Random(7)
    shares = [rng.randrange(2**60, 2**100) for _ in range(n)]
    num = 9_300_000 * 10**18 + rng.randrange(10**18)      # total pooled ether
    den = 8_086_956 * 10**18 + rng.randrange(10**18)      # total shares
    conv = stake.Conversion(num=num, den=den)
    packed = stake.pack(shares)
    out = bytearray(len(packed))

    expected = [s * num // den for s in shares]
    assert stake.unpack(stake.convert_buffer(conv, packed)) == expected

    t_new = median_time(lambda: stake.convert_buffer(conv, packed), runs) / n
    t_out = median_time(lambda: stake.convert_buffer(conv, packed, out), runs) / n
    t_pack = median_time(lambda: stake.pack(shares), 3) / n
    t_unpack = median_time(lambda: stake.unpack(packed), 3) / n
    t_list = median_time(lambda: [s * num // den for s in shares], py_runs) / n
    return t_new, t_out, t_pack, t_unpack, t_list


def main(argv):
    print("bench_python: stake %s, %s backend, Python %s" %
          (stake.__version__, stake.backend(), sys.version.split()[0]))
    t_lib, t_py, t_loop = bench_single()
    print("  (a) muldiv, one call on 2^60..2^120 inputs (median of 9 x 200,000):")
    print("      stake.muldiv(a, b, c)   %7.1f ns/call  (%.1f net of the loop)" %
          (t_lib, t_lib - t_loop))
    print("      a * b // c              %7.1f ns/call  (%.1f net of the loop)" %
          (t_py, t_py - t_loop))
    print("      ratio stake/python      %7.2f          (net %.2f); target <= %.0f ns: %s" %
          (t_lib / t_py, (t_lib - t_loop) / max(t_py - t_loop, 1e-9), TARGET_CALL_NS,
           "ok" if t_lib <= TARGET_CALL_NS else "MISSED"))
    t_new, t_out, t_pack, t_unpack, t_list = bench_batch()
    print("  (b) 1,000,000 balances, shares * pooled // total (median of 7; list of 3):")
    print("      convert_buffer -> bytes %7.2f ns/element" % t_new)
    print("      convert_buffer -> out=  %7.2f ns/element" % t_out)
    print("      list comprehension      %7.2f ns/element  (%.0fx slower than the batch)" %
          (t_list, t_list / t_new))
    print("      target <= %.0f ns/element: %s" %
          (TARGET_ELEMENT_NS, "ok" if t_new <= TARGET_ELEMENT_NS else "MISSED"))
    print("      (pack from a list %.1f ns/element, unpack to a list %.1f ns/element)" %
          (t_pack, t_unpack))
    ok = t_lib <= TARGET_CALL_NS and t_new <= TARGET_ELEMENT_NS
    if "--check" in argv and not ok:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
