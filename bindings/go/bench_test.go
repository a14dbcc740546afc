package stake

import (
	"math/big"
	"testing"
)

// `go test -bench .` versions of internal/stakebench (which `make
// bench-go` runs with same-run baselines and medians).

func benchSetup(b *testing.B, n int) (Conversion, []*big.Int, []byte) {
	totals := mainnetTotals(b)
	conv, err := totals.Conversion(SharesToEther)
	if err != nil {
		b.Fatal(err)
	}
	xs := balances(n, 5)
	buf, err := Pack(xs)
	if err != nil {
		b.Fatal(err)
	}
	return conv, xs, buf
}

func BenchmarkConvertPacked(b *testing.B) {
	const n = 100_000
	conv, _, src := benchSetup(b, n)
	work := NewPacked(n)
	b.SetBytes(PackedSize * n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		copy(work, src)
		if err := conv.ConvertPacked(work); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMathBigMulQuo(b *testing.B) {
	const n = 100_000
	conv, xs, _ := benchSetup(b, n)
	p, q := new(big.Int), new(big.Int)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, x := range xs {
			p.Mul(x, conv.Num)
			q.Quo(p, conv.Den)
		}
	}
}

func BenchmarkMulDiv(b *testing.B) {
	conv, xs, _ := benchSetup(b, 1024)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := MulDiv(xs[i%1024], conv.Num, conv.Den, Floor); err != nil {
			b.Fatal(err)
		}
	}
}
