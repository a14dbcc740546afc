package cstake

import (
	"math/big"
	"testing"
)

// The typemaps of go.i: bad values reach C as NULL (STAKE_EINVAL), never
// as out-of-bounds memory, and nothing panics.

var einval = int(STAKE_EINVAL)

func TestU256Typemaps(t *testing.T) {
	z := big.NewInt(42)
	one := big.NewInt(1)
	for _, bad := range []*big.Int{nil, big.NewInt(-1), new(big.Int).Lsh(one, 256)} {
		if rc := Stake_u256_add(z, bad, one); rc != einval {
			t.Fatalf("add(%v): rc %d", bad, rc)
		}
	}
	if z.Int64() != 42 {
		t.Fatalf("output changed on error: %v", z)
	}
	// A nil output is NULL: refused by functions that need it...
	if rc := Stake_u256_add(nil, one, one); rc != einval {
		t.Fatalf("nil output: rc %d", rc)
	}
	// ...and skipped where the C API allows it.
	q := new(big.Int)
	if rc := Stake_u256_divmod(q, nil, big.NewInt(7), big.NewInt(2)); rc != 0 || q.Int64() != 3 {
		t.Fatalf("divmod with a NULL remainder: rc %d, q %v", rc, q)
	}
	max := new(big.Int).Sub(new(big.Int).Lsh(one, 256), one)
	if rc := Stake_u256_add(z, max, big.NewInt(0)); rc != 0 || z.Cmp(max) != 0 {
		t.Fatalf("max round trip: %v", z)
	}
	// Struct fields by value.
	c := NewStake_conversion()
	defer DeleteStake_conversion(c)
	c.SetNum(max)
	if c.GetNum().Cmp(max) != 0 {
		t.Fatal("field round trip")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a setter with a negative value should panic (no status to return)")
		}
	}()
	c.SetDen(big.NewInt(-1))
}

func TestOutputInts(t *testing.T) {
	var code int
	if rc := Stake_error_code(&code, 1); rc != 0 || code != einval {
		t.Fatalf("int *out: rc %d, code %d (a C int written into a Go int)", rc, code)
	}
	var v uint64
	if rc := Stake_u256_to_u64(&v, big.NewInt(1234)); rc != 0 || v != 1234 {
		t.Fatalf("uint64 out: %d", v)
	}
	buf := make([]byte, 3)
	if rc := Stake_u256_to_dec(buf, big.NewInt(12345)); rc != int(STAKE_EBUFSIZE) {
		t.Fatalf("small buffer: rc %d", rc)
	}
	var be [32]byte
	if rc := Stake_u256_to_be32(&be, big.NewInt(258)); rc != 0 || be[30] != 1 || be[31] != 2 {
		t.Fatalf("be32: % x", be)
	}
	if rc := Stake_u256_from_be32(new(big.Int), nil); rc != einval {
		t.Fatalf("nil be32: %d", rc)
	}
	var a [20]byte
	if rc := Stake_address_from_hex(&a, "0x00000000000000000000000000000000000000ff", nil); rc != 0 || a[19] != 0xff {
		t.Fatalf("address: %x", a)
	}
	if Stake_address_is_zero(nil) == 0 {
		t.Fatal("NULL address is zero")
	}
}

func TestArrayLengths(t *testing.T) {
	one := big.NewInt(1)
	// Packed buffers: a length that is not a multiple of 32 is refused.
	c := NewStake_conversion()
	defer DeleteStake_conversion(c)
	c.SetNum(one)
	c.SetDen(one)
	if rc := Stake_convert_batch(make([]byte, 40), c, nil); rc != einval {
		t.Fatalf("odd packed length: rc %d", rc)
	}
	if rc := Stake_convert_batch(nil, c, nil); rc != 0 {
		t.Fatalf("empty batch: rc %d", rc)
	}
	// Output arrays shorter than their length argument are refused.
	m := NewStake_lido_module()
	defer DeleteStake_lido_module(m)
	m.SetActive_validators(1)
	if rc := Stake_lido_module_fees([]*big.Int{}, new(big.Int), []Stake_lido_module{m}); rc != einval {
		t.Fatalf("short fees: rc %d", rc)
	}
	fees := []*big.Int{new(big.Int)}
	if rc := Stake_lido_module_fees(fees, new(big.Int), []Stake_lido_module{m}); rc != 0 {
		t.Fatalf("module fees: rc %d", rc)
	}
	if rc := Stake_lido_module_fees(fees, new(big.Int), []Stake_lido_module{nil}); rc != einval {
		t.Fatalf("nil module: rc %d", rc)
	}
	if rc := Stake_lido_split_fee_shares(nil, new(big.Int), one, []*big.Int{one}, one); rc != einval {
		t.Fatalf("short module shares: rc %d", rc)
	}
	if rc := Stake_lido_split_fee_shares([]*big.Int{new(big.Int)}, new(big.Int), one,
		[]*big.Int{big.NewInt(-1)}, one); rc != einval {
		t.Fatalf("bad fee element: rc %d", rc)
	}
	if rc := Stake_queue_find_checkpoint_hints(make([]uint64, 1), nil, []uint64{1, 2}, 1, 1); rc != einval {
		t.Fatalf("short hints: rc %d", rc)
	}
}

func TestHandles(t *testing.T) {
	var p uintptr
	if rc := Stake_ledger_new(&p, 0); rc != 0 || p == 0 {
		t.Fatalf("ledger_new: rc %d", rc)
	}
	l := SwigcptrStruct_SS_stake_ledger(p)
	defer Stake_ledger_free(l)
	who := [20]byte{1}
	if rc := Stake_ledger_mint(l, &who, big.NewInt(5)); rc != 0 {
		t.Fatalf("mint: rc %d", rc)
	}
	var account [20]byte
	bal := new(big.Int)
	if rc := Stake_ledger_account_at(&account, bal, l, 0); rc != 0 || account != who || bal.Int64() != 5 {
		t.Fatalf("account_at: %x %v", account, bal)
	}
	if rc := Stake_ledger_new(nil, 0); rc != einval {
		t.Fatalf("NULL out: rc %d", rc)
	}
	var s uintptr
	if rc := Stake_snapshot_new(&s); rc != 0 {
		t.Fatal(rc)
	}
	snap := SwigcptrStruct_SS_stake_snapshot(s)
	defer Stake_snapshot_free(snap)
	if rc := Stake_snapshot_put_ledger(snap, "accounts", l); rc != 0 {
		t.Fatal(rc)
	}
	var kind int
	var name string
	if rc := Stake_snapshot_entry(&kind, &name, snap, 0); rc != 0 || name != "accounts" ||
		kind != int(STAKE_SNAPSHOT_LEDGER) {
		t.Fatalf("entry: rc %d, %d %q", rc, kind, name)
	}
	// nil outputs are NULL, which this function allows.
	if rc := Stake_snapshot_entry(nil, nil, snap, 0); rc != 0 {
		t.Fatalf("NULL outputs: rc %d", rc)
	}
	if rc := Stake_snapshot_entry(&kind, &name, snap, 1); rc != int(STAKE_ERANGE) {
		t.Fatalf("past the end: rc %d", rc)
	}
}

func TestFunctionsTable(t *testing.T) {
	if len(Functions) < 200 {
		t.Fatalf("only %d functions", len(Functions))
	}
	if _, ok := Functions["stake_u256_muldiv"]; !ok {
		t.Fatal("stake_u256_muldiv missing")
	}
}
