// Command stakebench measures the Go binding the way tests/bench measures
// the C library: wallet balances after a rebase, 1,000,000 share balances
// converted to ether in one call (Conversion.ConvertPacked over a packed
// buffer, and ConvertAll over []*big.Int), and single calls (stake.MulDiv,
// Conversion.Convert), each against a math/big baseline (Mul then Quo on
// the same values, pre-loaded) measured in the same run, interleaved round
// by round; the figures are medians over the rounds.
//
// Run it with `make bench-go` (or `make bench`).
package main

import (
	"flag"
	"fmt"
	"math/big"
	"math/rand"
	"os"
	"runtime"
	"sort"
	"time"

	stake "github.com/libstake/libstake/bindings/go"
)

func report(what string, ns float64, baseline string, baseNs float64, target string) {
	fmt.Printf("  %-44s %9.2f ns/op   %-28s %9.2f ns/op   ratio %5.2f   %s\n",
		what, ns, baseline, baseNs, ns/baseNs, target)
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "stakebench: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	n := flag.Int("n", 1_000_000, "balances converted per batch")
	single := flag.Int("single", 200_000, "single calls per round")
	rounds := flag.Int("rounds", 7, "rounds (the median is reported)")
	flag.Parse()

	pooled, _ := new(big.Int).SetString("9300000000000000000000123", 10)
	shares, _ := new(big.Int).SetString("8086956521739130434782608", 10)
	totals := stake.LidoTotals{Version: stake.LidoV3, InternalEther: pooled, InternalShares: shares}
	conv, err := totals.Conversion(stake.SharesToEther)
	if err != nil {
		fail("%v", err)
	}

	// Balances from dust to whales: 2^30 .. 2^80 shares, as the C benchmark.
	r := rand.New(rand.NewSource(0x243f6a8885a308d3))
	xs := make([]*big.Int, *n)
	for i := range xs {
		bits := 30 + r.Intn(50)
		xs[i] = new(big.Int).Rand(r, new(big.Int).Lsh(big.NewInt(1), uint(bits)))
	}
	src, err := stake.Pack(xs)
	if err != nil {
		fail("%v", err)
	}
	work := stake.NewPacked(*n)
	m := *single
	if m > *n {
		m = *n
	}

	tb := make([]float64, *rounds) // ConvertPacked
	ta := make([]float64, *rounds) // ConvertAll
	tm := make([]float64, *rounds) // math/big loop over n
	ts := make([]float64, *rounds) // MulDiv single calls
	tc := make([]float64, *rounds) // Conversion.Convert single calls
	tq := make([]float64, *rounds) // math/big per call, same m values
	p, q := new(big.Int), new(big.Int)
	var sink big.Word
	for round := 0; round < *rounds; round++ {
		copy(work, src)
		runtime.GC()
		t0 := time.Now()
		if err := conv.ConvertPacked(work); err != nil {
			fail("%v", err)
		}
		tb[round] = float64(time.Since(t0).Nanoseconds()) / float64(*n)

		t0 = time.Now()
		for _, x := range xs {
			p.Mul(x, pooled)
			q.Quo(p, shares)
			if w := q.Bits(); len(w) > 0 {
				sink ^= w[0]
			}
		}
		tm[round] = float64(time.Since(t0).Nanoseconds()) / float64(*n)

		runtime.GC()
		t0 = time.Now()
		all, err := conv.ConvertAll(xs)
		if err != nil {
			fail("%v", err)
		}
		ta[round] = float64(time.Since(t0).Nanoseconds()) / float64(*n)
		if w := all[len(all)-1].Bits(); len(w) > 0 {
			sink ^= w[0]
		}

		t0 = time.Now()
		for _, x := range xs[:m] {
			z, err := stake.MulDiv(x, pooled, shares, stake.Floor)
			if err != nil {
				fail("%v", err)
			}
			if w := z.Bits(); len(w) > 0 {
				sink ^= w[0]
			}
		}
		ts[round] = float64(time.Since(t0).Nanoseconds()) / float64(m)

		t0 = time.Now()
		for _, x := range xs[:m] {
			z, err := conv.Convert(x)
			if err != nil {
				fail("%v", err)
			}
			if w := z.Bits(); len(w) > 0 {
				sink ^= w[0]
			}
		}
		tc[round] = float64(time.Since(t0).Nanoseconds()) / float64(m)

		t0 = time.Now()
		for _, x := range xs[:m] {
			z := new(big.Int).Mul(x, pooled)
			z.Quo(z, shares)
			if w := z.Bits(); len(w) > 0 {
				sink ^= w[0]
			}
		}
		tq[round] = float64(time.Since(t0).Nanoseconds()) / float64(m)
	}
	// Spot-check the batch against math/big.
	for i := 0; i < *n; i += 9973 {
		got, err := stake.PackedAt(work, i)
		if err != nil {
			fail("%v", err)
		}
		want := new(big.Int).Quo(new(big.Int).Mul(xs[i], pooled), shares)
		if got.Cmp(want) != 0 {
			fail("balance %d: %v, math/big says %v", i, got, want)
		}
	}
	if sink == 42 {
		fmt.Print("")
	}

	fmt.Printf("bench_go: libstake %s, %s backend, %s, %d accounts, median of %d rounds\n",
		stake.Version(), stake.Backend(), runtime.Version(), *n, *rounds)
	report("balances, Go Conversion.ConvertPacked", median(tb), "math/big Mul+Quo loop", median(tm),
		"target: <= 15 ns")
	report("balances, Go Conversion.ConvertAll []*big.Int", median(ta), "math/big Mul+Quo loop", median(tm), "")
	report("single call, Go stake.MulDiv", median(ts), "math/big Mul+Quo per call", median(tq), "")
	report("single call, Go Conversion.Convert", median(tc), "math/big Mul+Quo per call", median(tq), "")
}
