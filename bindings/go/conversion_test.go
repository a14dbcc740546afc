package stake

import (
	"math/big"
	"math/rand"
	"testing"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// mainnetTotals: 9.3M ether over 8.09M shares, as in the C benchmark.
func mainnetTotals(t testing.TB) LidoTotals {
	return LidoTotals{Version: LidoV3, InternalEther: dec(t, "9300000000000000000000123"),
		InternalShares: dec(t, "8086956521739130434782608")}
}

func balances(n int, seed int64) []*big.Int {
	r := rand.New(rand.NewSource(seed))
	xs := make([]*big.Int, n)
	for i := range xs {
		bits := 30 + r.Intn(50)
		xs[i] = new(big.Int).Rand(r, new(big.Int).Lsh(big.NewInt(1), uint(bits)))
	}
	return xs
}

func TestBatchConversion(t *testing.T) {
	totals := mainnetTotals(t)
	conv, err := totals.Conversion(SharesToEther)
	wantOK(t, err)
	wantEq(t, "num", conv.Num, totals.InternalEther)
	wantEq(t, "den", conv.Den, totals.InternalShares)
	if conv.Rounding != Floor || conv.Product != ProductWrapping {
		t.Fatalf("unexpected conversion %+v", conv)
	}
	xs := balances(10000, 3)
	xs = append(xs, big.NewInt(0), big.NewInt(1))
	got, err := conv.ConvertAll(xs)
	wantOK(t, err)
	buf, err := Pack(xs)
	wantOK(t, err)
	wantOK(t, conv.ConvertPacked(buf))
	for i, x := range xs {
		want := new(big.Int).Quo(new(big.Int).Mul(x, totals.InternalEther), totals.InternalShares)
		wantEq(t, "ConvertAll", got[i], want)
		p, err := PackedAt(buf, i)
		wantOK(t, err)
		wantEq(t, "ConvertPacked", p, want)
		if i%97 == 0 {
			one, err := conv.Convert(x)
			wantOK(t, err)
			wantEq(t, "Convert", one, want)
			pooled, err := totals.PooledEthByShares(x)
			wantOK(t, err)
			wantEq(t, "PooledEthByShares", pooled, want)
		}
	}
	// Misaligned and odd-length buffers.
	raw := make([]byte, 32*3+1)
	misaligned := raw[1:]
	for i := 0; i < 3; i++ {
		wantOK(t, PutPacked(misaligned, i, xs[i]))
	}
	wantOK(t, conv.ConvertPacked(misaligned))
	for i := 0; i < 3; i++ {
		v, err := PackedAt(misaligned, i)
		wantOK(t, err)
		wantEq(t, "misaligned", v, got[i])
	}
	wantCode(t, conv.ConvertPacked(make([]byte, 33)), EINVAL)
	wantOK(t, conv.ConvertPacked(nil))
	// The raw layer refuses a misaligned buffer rather than reading it.
	if rc := cstake.Stake_convert_batch(misaligned, nil, nil); Code(rc) != EINVAL {
		t.Fatalf("raw misaligned batch: %v", Code(rc))
	}
}

func TestBatchAllOrNothing(t *testing.T) {
	// stETH V3 refuses amounts of 2^128 - 1 and above.
	conv, err := mainnetTotals(t).Conversion(EtherToShares)
	wantOK(t, err)
	bound := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))
	wantEq(t, "input bound", conv.InputBound, bound)
	xs := []*big.Int{ether(1), ether(2), bound, ether(3), bound}
	buf, err := Pack(xs)
	wantOK(t, err)
	before := append([]byte(nil), buf...)
	err = conv.ConvertPacked(buf)
	wantCode(t, err, ETOOLARGE)
	if err.(*Error).Index != 2 {
		t.Fatalf("index %d, want 2", err.(*Error).Index)
	}
	if string(buf) != string(before) {
		t.Fatal("the buffer changed on error")
	}
	_, err = conv.ConvertAll(xs)
	wantCode(t, err, ETOOLARGE)
	if err.(*Error).Index != 2 || err.(*Error).Op != "Conversion.ConvertAll" {
		t.Fatalf("unexpected %+v", err)
	}
	// Refusals of the conversion itself.
	_, err = Conversion{Num: ether(1), Den: big.NewInt(0)}.ConvertAll(xs[:2])
	wantCode(t, err, EDIVZERO)
	_, err = Conversion{Num: ether(1), Den: ether(1), Product: Product(9)}.Convert(ether(1))
	wantCode(t, err, EINVAL)
	_, err = Conversion{Num: MaxUint256(), Den: big.NewInt(1), Product: ProductChecked}.Convert(big.NewInt(2))
	wantCode(t, err, EOVERFLOW)
}

// V3's StETH.sol multiplies without SafeMath: past 2^256 the product
// wraps, and the quotient of what is left is the contract's answer.
func TestWrappingProduct(t *testing.T) {
	two256 := new(big.Int).Lsh(big.NewInt(1), 256)
	ie := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(12345))
	is := dec(t, "1000000000000000000000000000000")
	shares := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(2))
	want := new(big.Int).Mul(shares, ie)
	want.Mod(want, two256).Quo(want, is)
	v3 := LidoTotals{Version: LidoV3, InternalEther: ie, InternalShares: is}
	got, err := v3.PooledEthByShares(shares)
	wantOK(t, err)
	wantEq(t, "V3 getPooledEthByShares", got, want)
	conv, err := v3.Conversion(SharesToEther)
	wantOK(t, err)
	if conv.Product != ProductWrapping {
		t.Fatalf("V3 conversion %+v", conv)
	}
	all, err := conv.ConvertAll([]*big.Int{shares, big.NewInt(1)})
	wantOK(t, err)
	wantEq(t, "ConvertAll", all[0], want)
	v2 := LidoTotals{Version: LidoV2, InternalEther: ie, InternalShares: is}
	_, err = v2.PooledEthByShares(shares)
	wantCode(t, err, EOVERFLOW)
}

func TestPackedHelpers(t *testing.T) {
	xs := []*big.Int{big.NewInt(0), big.NewInt(1), MaxUint256(), dec(t, "0x0102030405060708090a0b0c0d0e0f10")}
	buf, err := Pack(xs)
	wantOK(t, err)
	if len(buf) != 4*PackedSize || !aligned(buf) {
		t.Fatal("Pack: size or alignment")
	}
	// Little-endian: the first byte is the least significant.
	if buf[32] != 1 || buf[3*32] != 0x10 || buf[3*32+15] != 0x01 || buf[3*32+16] != 0 {
		t.Fatalf("layout: % x", buf[3*32:4*32])
	}
	ys, err := Unpack(buf)
	wantOK(t, err)
	for i := range xs {
		wantEq(t, "round trip", ys[i], xs[i])
	}
	_, err = Unpack(buf[:31])
	wantCode(t, err, EINVAL)
	wantCode(t, PutPacked(buf, 4, big.NewInt(1)), ERANGE)
	_, err = PackedAt(buf, -1)
	wantCode(t, err, ERANGE)
	if len(NewPacked(0)) != 0 || len(NewPacked(5)) != 160 {
		t.Fatal("NewPacked")
	}
}

func TestModelConversions(t *testing.T) {
	// ERC-4626 in both directions, against math/big.
	s := ERC4626State{DecimalsOffset: 3, TotalAssets: ether(1000), TotalSupply: dec(t, "998000000000000000000000")}
	for _, r := range []Rounding{Floor, Ceil} {
		conv, err := s.Conversion(AssetsToShares, r)
		wantOK(t, err)
		xs := balances(100, 4)
		got, err := conv.ConvertAll(xs)
		wantOK(t, err)
		num := new(big.Int).Add(s.TotalSupply, big.NewInt(1000))
		den := new(big.Int).Add(s.TotalAssets, big.NewInt(1))
		for i, x := range xs {
			want, _ := refMulDiv(x, num, den, r)
			wantEq(t, "erc4626", got[i], want)
		}
	}
	// rETH: 1:1 at zero supply, then the reported rate.
	conv, err := RethTotals{}.Conversion(RethToETH)
	wantOK(t, err)
	v, err := conv.Convert(ether(5))
	wantOK(t, err)
	wantEq(t, "1:1", v, ether(5))
	rt := RethTotals{TotalETH: ether(110), RethSupply: ether(100)}
	rate, err := rt.ExchangeRate()
	wantOK(t, err)
	wantEq(t, "rate", rate, dec(t, "1100000000000000000"))
	e, err := rt.EthValue(ether(10))
	wantOK(t, err)
	wantEq(t, "EthValue", e, ether(11))
	r, err := rt.RethValue(ether(11))
	wantOK(t, err)
	wantEq(t, "RethValue", r, ether(10))
	_, err = RethTotals{RethSupply: ether(1)}.RethValue(ether(1))
	wantCode(t, err, EZEROSUPPLY)
	// A 3% move is refused with a 2% limit.
	wantCode(t, CheckRethRateChange(rt, RethTotals{TotalETH: dec(t, "113300000000000000000"), RethSupply: ether(100)},
		dec(t, "20000000000000000")), ERATECHANGE)
	wantOK(t, CheckRethRateChange(rt, RethTotals{TotalETH: ether(111), RethSupply: ether(100)},
		dec(t, "20000000000000000")))
}
