// Wallet balances after a rebase, exactly as stETH computes them: a
// wallet backend keeps each holder's shares; balances are shares times
// pooled ether over total shares, rounded down, and change at every
// oracle report. This prints a few holders' balances before and after a
// report, then converts a million packed balances in one call.
//
// Run: make go-examples (or `go run .` with cgo and libstake.pc found).
package main

import (
	"fmt"
	"log"
	"math/big"
	"math/rand"
	"time"

	stake "github.com/libstake/libstake/bindings/go"
)

func ether(n int64) *big.Int {
	return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18))
}

func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}

func main() {
	steth := must(stake.NewStETH(stake.DefaultStETHParams()))
	defer steth.Close()

	holders := []stake.Address{}
	for _, h := range []string{"0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "0xcccccccccccccccccccccccccccccccccccccccc"} {
		holders = append(holders, must(stake.ParseAddress(h)))
	}
	must(steth.Submit(holders[0], ether(40)))
	must(steth.Submit(holders[1], ether(25)))
	must(steth.Submit(holders[2], new(big.Int).Add(ether(31), big.NewInt(123))))
	if err := steth.DepositValidators(3); err != nil {
		log.Fatal(err)
	}
	must(steth.HandleReport(stake.LidoReport{CLValidators: big.NewInt(3), CLBalance: ether(96)}))

	before := make([]*big.Int, len(holders))
	for i, h := range holders {
		before[i] = must(steth.BalanceOf(h))
	}
	// a profitable report: +0.05 ether on the consensus layer, 10% fee
	treasury := must(stake.ParseAddress("0x7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e"))
	cl := new(big.Int).Add(ether(96), big.NewInt(5e16))
	must(steth.HandleReport(stake.LidoReport{CLValidators: big.NewInt(3), CLBalance: cl,
		TotalFee: ether(10), Treasury: treasury}))
	fmt.Printf("%-44s %24s %24s\n", "holder", "before", "after")
	for i, h := range holders {
		after := must(steth.BalanceOf(h))
		if after.Cmp(before[i]) < 0 {
			log.Fatal("a balance fell on a profitable report")
		}
		fmt.Printf("0x%x %24s %24s\n", h[:], before[i], after)
	}

	// the same conversion over a million packed balances
	totals := must(steth.Totals())
	conv := must(totals.Conversion(stake.SharesToEther))
	rng := rand.New(rand.NewSource(7))
	shares := make([]*big.Int, 1_000_000)
	limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(24), nil)
	for i := range shares {
		shares[i] = new(big.Int).Rand(rng, limit)
	}
	buf := must(stake.Pack(shares))
	start := time.Now()
	if err := conv.ConvertPacked(buf); err != nil {
		log.Fatal(err)
	}
	elapsed := time.Since(start)
	for i := 0; i < len(shares); i += 99_991 {
		got := must(stake.PackedAt(buf, i))
		want := new(big.Int).Mul(shares[i], totals.InternalEther)
		want.Quo(want, totals.InternalShares)
		if got.Cmp(want) != 0 {
			log.Fatalf("balance %d: %s != %s", i, got, want)
		}
	}
	fmt.Printf("\n1,000,000 balances converted in %.1f ms, all exact\n",
		float64(elapsed.Microseconds())/1000)
}
