package stake

import (
	"bufio"
	"encoding/json"
	"errors"
	"math/big"
	"math/rand"
	"os"
	"strings"
	"testing"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// refMulDiv is mulDiv in math/big: the reference.
func refMulDiv(a, b, c *big.Int, r Rounding) (*big.Int, Code) {
	if c.Sign() == 0 {
		return nil, EDIVZERO
	}
	p := new(big.Int).Mul(a, b)
	q, m := new(big.Int).QuoRem(p, c, new(big.Int))
	if (r == Ceil || r == Expand) && m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	if q.Cmp(two256) >= 0 {
		return nil, EOVERFLOW
	}
	return q, OK
}

func TestMulDivAgainstMathBig(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		a, b, c := randU256(r), randU256(r), randU256(r)
		if i%7 == 0 { // realistic: a result that fits
			c = new(big.Int).Add(a, big.NewInt(int64(r.Intn(5))))
			if c.Cmp(two256) >= 0 {
				c = a
			}
		}
		for _, rounding := range []Rounding{Floor, Ceil, Trunc, Expand} {
			got, err := MulDiv(a, b, c, rounding)
			want, code := refMulDiv(a, b, c, rounding)
			if code != OK {
				wantCode(t, err, code)
				if got != nil {
					t.Fatalf("MulDiv returned a value with an error")
				}
				continue
			}
			wantOK(t, err)
			if got.Cmp(want) != 0 {
				t.Fatalf("MulDiv(%v, %v, %v, %v) = %v, want %v", a, b, c, rounding, got, want)
			}
		}
	}
}

func TestMulDivRefusals(t *testing.T) {
	max := MaxUint256()
	_, err := MulDiv(big.NewInt(1), big.NewInt(2), big.NewInt(0), Floor)
	wantCode(t, err, EDIVZERO)
	if !errors.Is(err, FamilyArithmetic) {
		t.Fatalf("EDIVZERO should be an arithmetic error: %v", err)
	}
	_, err = MulDiv(max, big.NewInt(2), big.NewInt(1), Floor)
	wantCode(t, err, EOVERFLOW)
	// An exact 2^256 - 1 through a 512-bit product, in both roundings.
	for _, r := range []Rounding{Floor, Ceil} {
		q, err := MulDiv(max, big.NewInt(3), big.NewInt(3), r)
		wantOK(t, err)
		wantEq(t, "max*3/3", q, max)
	}
	// Floor gives exactly 2^256 - 1 with a remainder, so ceil overflows:
	// a = 2^255 + 5, b = 2^256 - 2, c = 2^255 + 4.
	h := new(big.Int).Lsh(big.NewInt(1), 255)
	a := new(big.Int).Add(h, big.NewInt(5))
	b := new(big.Int).Sub(two256, big.NewInt(2))
	c := new(big.Int).Add(h, big.NewInt(4))
	q, err := MulDiv(a, b, c, Floor)
	wantOK(t, err)
	wantEq(t, "floor", q, max)
	_, err = MulDiv(a, b, c, Ceil)
	wantCode(t, err, EOVERFLOW)
	_, err = MulDiv(big.NewInt(1), big.NewInt(1), big.NewInt(1), Rounding(7))
	wantCode(t, err, EINVAL)
}

type vector struct {
	Op    string `json:"op"`
	A     string `json:"a"`
	B     string `json:"b"`
	C     string `json:"c"`
	Round string `json:"round"`
	// erc4626
	Offset          uint   `json:"offset"`
	TotalAssets     string `json:"totalAssets"`
	TotalSupply     string `json:"totalSupply"`
	X               string `json:"x"`
	ConvertToShares string `json:"convertToShares"`
	ConvertToAssets string `json:"convertToAssets"`
	PreviewDeposit  string `json:"previewDeposit"`
	PreviewMint     string `json:"previewMint"`
	PreviewWithdraw string `json:"previewWithdraw"`
	PreviewRedeem   string `json:"previewRedeem"`
	Result          json.RawMessage
}

// TestVectors runs every record of the shared vectors produced by
// OpenZeppelin's contracts in an EVM: all mulDiv records and all ERC-4626
// records.
func TestVectors(t *testing.T) {
	f, err := os.Open(vectorsPath(t, "oz-erc4626-muldiv.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var nMulDiv, nERC4626, nReverts int
	line := 0
	for sc.Scan() {
		line++
		var v struct {
			vector
			Result string `json:"result"`
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		switch v.Op {
		case "mulDiv":
			nMulDiv++
			rounding := Floor
			if v.Round == "ceil" {
				rounding = Ceil
			}
			a, b, c := dec(t, v.A), dec(t, v.B), dec(t, v.C)
			got, err := MulDiv(a, b, c, rounding)
			if v.Result == "revert" {
				nReverts++
				want := EOVERFLOW
				if c.Sign() == 0 {
					want = EDIVZERO
				}
				wantCode(t, err, want)
				continue
			}
			if err != nil {
				t.Fatalf("line %d: %v", line, err)
			}
			wantEq(t, "mulDiv line", got, dec(t, v.Result))
		case "erc4626":
			nERC4626++
			s := ERC4626State{DecimalsOffset: v.Offset, TotalAssets: dec(t, v.TotalAssets),
				TotalSupply: dec(t, v.TotalSupply)}
			x := dec(t, v.X)
			for _, view := range []struct {
				name string
				want string
				f    func(*big.Int) (*big.Int, error)
			}{
				{"convertToShares", v.ConvertToShares, s.ConvertToShares},
				{"convertToAssets", v.ConvertToAssets, s.ConvertToAssets},
				{"previewDeposit", v.PreviewDeposit, s.PreviewDeposit},
				{"previewMint", v.PreviewMint, s.PreviewMint},
				{"previewWithdraw", v.PreviewWithdraw, s.PreviewWithdraw},
				{"previewRedeem", v.PreviewRedeem, s.PreviewRedeem},
			} {
				got, err := view.f(x)
				if view.want == "revert" {
					nReverts++
					if err == nil || !errors.Is(err, FamilyArithmetic) {
						t.Fatalf("line %d %s: want an arithmetic refusal, got %v, %v", line, view.name, got, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("line %d %s: %v", line, view.name, err)
				}
				if got.Cmp(dec(t, view.want)) != 0 {
					t.Fatalf("line %d %s: got %v, want %s", line, view.name, got, view.want)
				}
			}
		default:
			t.Fatalf("line %d: unknown op %q", line, v.Op)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if nMulDiv != 6000 || nERC4626 != 3000 {
		t.Fatalf("expected 6000 mulDiv and 3000 erc4626 records, got %d and %d", nMulDiv, nERC4626)
	}
	t.Logf("%d mulDiv and %d erc4626 records (%d refusals) match the contracts", nMulDiv, nERC4626, nReverts)
}

func TestCheckedArithmetic(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 5000; i++ {
		a, b := randU256(r), randU256(r)
		sum := new(big.Int).Add(a, b)
		got, err := Add(a, b)
		if sum.Cmp(two256) >= 0 {
			wantCode(t, err, EOVERFLOW)
		} else {
			wantOK(t, err)
			wantEq(t, "Add", got, sum)
		}
		got, err = Sub(a, b)
		if a.Cmp(b) < 0 {
			wantCode(t, err, EUNDERFLOW)
		} else {
			wantOK(t, err)
			wantEq(t, "Sub", got, new(big.Int).Sub(a, b))
		}
		prod := new(big.Int).Mul(a, b)
		got, err = Mul(a, b)
		if prod.Cmp(two256) >= 0 {
			wantCode(t, err, EOVERFLOW)
		} else {
			wantOK(t, err)
			wantEq(t, "Mul", got, prod)
		}
		if b.Sign() == 0 {
			_, err = Div(a, b)
			wantCode(t, err, EDIVZERO)
			_, err = Mod(a, b)
			wantCode(t, err, EDIVZERO)
			_, _, err = DivMod(a, b)
			wantCode(t, err, EDIVZERO)
			continue
		}
		q, m := new(big.Int).QuoRem(a, b, new(big.Int))
		got, err = Div(a, b)
		wantOK(t, err)
		wantEq(t, "Div", got, q)
		got, err = Mod(a, b)
		wantOK(t, err)
		wantEq(t, "Mod", got, m)
		gq, gm, err := DivMod(a, b)
		wantOK(t, err)
		wantEq(t, "DivMod q", gq, q)
		wantEq(t, "DivMod r", gm, m)
	}
}

func TestParseAndFormat(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		code Code
		off  int
	}{
		{"0", "0", OK, 0},
		{"000123", "123", OK, 0},
		{"0x0", "0", OK, 0},
		{"0XfF", "255", OK, 0},
		{MaxUint256().String(), MaxUint256().String(), OK, 0},
		{two256.String(), "", ERANGE, -1},
		{"", "", EEMPTY, -1},
		{"0x", "", EEMPTY, -1},
		{"12a4", "", ESYNTAX, 2},
		{"-1", "", ESYNTAX, 0},
		{" 1", "", ESYNTAX, 0},
		{"1\x002", "", ESYNTAX, 1},
		{strings.Repeat("1", 79), "", ETOOLONG, -1},
		{"0x" + strings.Repeat("f", 65), "", ETOOLONG, -1},
	} {
		got, err := ParseUint256(c.in)
		if c.code == OK {
			wantOK(t, err)
			wantEq(t, "ParseUint256 "+c.in, got, dec(t, c.want))
			s, err := FormatDec(got)
			wantOK(t, err)
			if s != c.want {
				t.Fatalf("FormatDec: %q, want %q", s, c.want)
			}
			h, err := FormatHex(got)
			wantOK(t, err)
			if h != "0x"+got.Text(16) {
				t.Fatalf("FormatHex: %q, want 0x%s", h, got.Text(16))
			}
			continue
		}
		wantCode(t, err, c.code)
		if !errors.Is(err, FamilyParse) {
			t.Fatalf("%q: %v is not a parse error", c.in, err)
		}
		var e *Error
		errors.As(err, &e)
		if c.off >= 0 && e.Offset != c.off {
			t.Fatalf("%q: offset %d, want %d (%v)", c.in, e.Offset, c.off, err)
		}
	}
	if _, err := ParseDec("0x10"); err == nil {
		t.Fatal("ParseDec accepted hex")
	}
	x, err := ParseHex("0x10")
	wantOK(t, err)
	wantEq(t, "ParseHex", x, big.NewInt(16))
}

// TestBadInputsReturnErrors: nil, negative and too large values are
// refused with an error, never a panic, everywhere.
func TestBadInputsReturnErrors(t *testing.T) {
	neg := big.NewInt(-1)
	huge := new(big.Int).Set(two256)
	one := big.NewInt(1)
	cases := []struct {
		name string
		x    *big.Int
		code Code
	}{{"nil", nil, EINVAL}, {"negative", neg, ERANGE}, {"2^256", huge, ERANGE}}
	ledger, err := NewLedger(0)
	wantOK(t, err)
	defer ledger.Close()
	token, err := NewStETH(DefaultStETHParams())
	wantOK(t, err)
	defer token.Close()
	for _, c := range cases {
		x := c.x
		calls := map[string]func() error{
			"MulDiv a":  func() error { _, err := MulDiv(x, one, one, Floor); return err },
			"MulDiv c":  func() error { _, err := MulDiv(one, one, x, Ceil); return err },
			"Add":       func() error { _, err := Add(one, x); return err },
			"DivMod":    func() error { _, _, err := DivMod(x, one); return err },
			"FormatDec": func() error { _, err := FormatDec(x); return err },
			"Convert x": func() error {
				_, err := Conversion{Num: one, Den: one}.Convert(x)
				return err
			},
			"Convert num": func() error {
				_, err := Conversion{Num: x, Den: one}.Convert(one)
				return err
			},
			"ConvertAll": func() error {
				_, err := Conversion{Num: one, Den: one}.ConvertAll([]*big.Int{one, x})
				return err
			},
			"Pack":         func() error { _, err := Pack([]*big.Int{x}); return err },
			"Ledger.Mint":  func() error { return ledger.Mint(Address{1}, x) },
			"StETH.Submit": func() error { _, err := token.Submit(Address{1}, x); return err },
			"Vault state": func() error {
				_, err := ERC4626State{TotalAssets: one, TotalSupply: one}.ConvertToShares(x)
				return err
			},
			"CheckUint256": func() error { return CheckUint256(x) },
		}
		for name, call := range calls {
			if c.x == nil && (name == "Convert num") {
				continue // a nil struct field stands for zero: Den 1, Num 0 is valid
			}
			var err error
			noPanic(t, name+" with "+c.name, func() { err = call() })
			wantCode(t, err, c.code)
		}
	}
	// Struct fields: negative and too large are refused too.
	_, err = LidoTotals{Version: LidoV2, InternalEther: neg, InternalShares: one}.PooledEthByShares(one)
	wantCode(t, err, ERANGE)
	_, err = ERC4626State{TotalAssets: huge}.ConvertToAssets(one)
	wantCode(t, err, ERANGE)
	// The raw layer refuses too, without a panic: NULL reaches C.
	var rc int
	noPanic(t, "cstake with bad values", func() {
		rc = cstake.Stake_u256_muldiv(new(big.Int), neg, one, one, 0)
	})
	if Code(rc) != EINVAL {
		t.Fatalf("cstake.Stake_u256_muldiv with a negative value: %v", Code(rc))
	}
}

func TestRoundingConstants(t *testing.T) {
	for _, c := range []struct {
		got  Rounding
		want cstake.Enum_SS_stake_rounding
	}{{Floor, cstake.STAKE_ROUND_FLOOR}, {Ceil, cstake.STAKE_ROUND_CEIL},
		{Trunc, cstake.STAKE_ROUND_TRUNC}, {Expand, cstake.STAKE_ROUND_EXPAND}} {
		if int(c.got) != int(c.want) {
			t.Fatalf("%v is %d in C", c.got, c.want)
		}
	}
	if int(ProductWide) != int(cstake.STAKE_PRODUCT_WIDE) || int(ProductChecked) != int(cstake.STAKE_PRODUCT_CHECKED) ||
		int(ProductWrapping) != int(cstake.STAKE_PRODUCT_WRAPPING) {
		t.Fatal("Product constants differ from C")
	}
	if int(LidoV2) != int(cstake.STAKE_LIDO_V2) || int(LidoV3) != int(cstake.STAKE_LIDO_V3) ||
		int(SharesToEtherRoundUp) != int(cstake.STAKE_LIDO_SHARES_TO_ETHER_ROUND_UP) ||
		int(SharesToAssets) != int(cstake.STAKE_ERC4626_SHARES_TO_ASSETS) ||
		int(RethFromETH) != int(cstake.STAKE_RETH_FROM_ETH) ||
		int(SnapshotREth) != int(cstake.STAKE_SNAPSHOT_RETH) || int(SnapshotQueue) != int(cstake.STAKE_SNAPSHOT_QUEUE) {
		t.Fatal("enum constants differ from C")
	}
	if Version() == "" || VersionNumber() != int(cstake.STAKE_VERSION_NUMBER) {
		t.Fatalf("version %q %d vs header %d", Version(), VersionNumber(), cstake.STAKE_VERSION_NUMBER)
	}
	if b := Backend(); b != "gmp" && b != "tommath" {
		t.Fatalf("backend %q", b)
	}
	// make check-go says which library it built: the test must run on it.
	if want := os.Getenv("STAKE_BACKEND"); want != "" && Backend() != want {
		t.Fatalf("running on the %s backend, built for %s (wrong libstake.so found?)", Backend(), want)
	}
}
