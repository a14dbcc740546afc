package stake

import (
	"errors"
	"math/big"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

func dec(t testing.TB, s string) *big.Int {
	t.Helper()
	x, ok := new(big.Int).SetString(s, 0)
	if !ok {
		t.Fatalf("bad number %q", s)
	}
	return x
}

func ether(n int64) *big.Int {
	return new(big.Int).Mul(big.NewInt(n), big.NewInt(1_000_000_000_000_000_000))
}

func addr(t testing.TB, s string) Address {
	t.Helper()
	a, err := ParseAddress(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// wantCode fails unless err is an *Error with that code.
func wantCode(t testing.TB, err error, code Code) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want %v, got %v (%T)", code, err, err)
	}
	if e.Code != code || !errors.Is(err, code) {
		t.Fatalf("want %v, got %v", code, err)
	}
}

func wantOK(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantEq(t testing.TB, what string, got, want *big.Int) {
	t.Helper()
	if got == nil || got.Cmp(want) != 0 {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

// noPanic runs f and turns a panic into a test failure.
func noPanic(t testing.TB, what string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s panicked: %v", what, r)
		}
	}()
	f()
}

func vectorsPath(t testing.TB, name string) string {
	dir := os.Getenv("STAKE_VECTORS")
	if dir == "" {
		dir = filepath.Join("..", "..", "tests", "vectors")
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("test vectors not found (set STAKE_VECTORS): %v", err)
	}
	return p
}

var two256 = new(big.Int).Lsh(big.NewInt(1), 256)

// randU256 draws values of every width, with zeros, ones and extremes.
func randU256(r *rand.Rand) *big.Int {
	switch r.Intn(16) {
	case 0:
		return big.NewInt(0)
	case 1:
		return big.NewInt(1)
	case 2:
		return MaxUint256()
	case 3:
		return new(big.Int).Sub(MaxUint256(), big.NewInt(int64(r.Intn(1000))))
	}
	bits := 1 + r.Intn(256)
	x := new(big.Int).Rand(r, new(big.Int).Lsh(big.NewInt(1), uint(bits)))
	return x
}
