package stake

import (
	"math/big"
	"testing"
)

func TestEigenConstants(t *testing.T) {
	if EigenWAD != 1_000_000_000_000_000_000 {
		t.Fatalf("EigenWAD %d", EigenWAD)
	}
	if EigenStrategyOffset != 1000 {
		t.Fatalf("EigenStrategyOffset %d", EigenStrategyOffset)
	}
	a := NewEigenAllocation()
	if a != (EigenAllocation{MaxMagnitude: EigenWAD}) {
		t.Fatalf("NewEigenAllocation %+v", a)
	}
}

func TestEigenStakerShares(t *testing.T) {
	sf, err := EigenSlashingFactor(700000000000000000, 999999999999999999)
	wantOK(t, err)
	wantEq(t, "slashing factor", sf, dec(t, "699999999999999999"))
	sf, err = EigenSlashingFactor(1, 1)
	wantOK(t, err)
	wantEq(t, "tiny slashing factor", sf, big.NewInt(0))
	sf, err = EigenSlashingFactor(123456789, EigenWAD)
	wantOK(t, err)
	wantEq(t, "non-beacon strategy", sf, big.NewInt(123456789))

	w, err := EigenWithdrawable(dec(t, "1000000000000000000007"), big.NewInt(0), dec(t, "900000000000000003"))
	wantOK(t, err)
	wantEq(t, "withdrawable, k = 0 (WAD)", w, dec(t, "900000000000000003006"))
	w, err = EigenWithdrawable(dec(t, "1000000000000000000007"), dec(t, "1234567890123456789"),
		dec(t, "333333333333333333"))
	wantOK(t, err)
	wantEq(t, "withdrawable", w, dec(t, "411522630041152262591"))

	d, err := EigenDepositShares(dec(t, "900000000000006302"), big.NewInt(0), dec(t, "900000000000000003"))
	wantOK(t, err)
	wantEq(t, "deposit shares", d, dec(t, "1000000000000006998"))
	_, err = EigenDepositShares(ether(1), big.NewInt(0), big.NewInt(0))
	wantCode(t, err, EDIVZERO)

	k, err := EigenUpdateScalingFactor(big.NewInt(0), big.NewInt(0), ether(1000), dec(t, "900000000000000000"))
	wantOK(t, err)
	wantEq(t, "first deposit", k, dec(t, "1111111111111111111"))
	k, err = EigenUpdateScalingFactor(k, ether(1000), dec(t, "500000000000000000001"), dec(t, "600000000000000001"))
	wantOK(t, err)
	wantEq(t, "second deposit", k, dec(t, "1296296296296296294"))
	same, err := EigenUpdateScalingFactor(k, ether(1000), big.NewInt(0), dec(t, "600000000000000001"))
	wantOK(t, err)
	wantEq(t, "nothing added", same, k)
	_, err = EigenUpdateScalingFactor(k, ether(1000), ether(1), big.NewInt(0))
	wantCode(t, err, EFULLYSLASHED)
	_, err = EigenUpdateScalingFactor(big.NewInt(1), dec(t, "1000000000000000000000000000000"), big.NewInt(1),
		big.NewInt(1))
	wantCode(t, err, EZEROSCALING)
}

func TestEigenWithdrawals(t *testing.T) {
	w, scaled, err := EigenQueueWithdrawal(ether(400), ether(2), dec(t, "500000000000000000"))
	wantOK(t, err)
	wantEq(t, "withdrawable", w, ether(400))
	wantEq(t, "scaled", scaled, ether(800))
	paid, err := EigenCompleteWithdrawal(scaled, dec(t, "400000000000000000"))
	wantOK(t, err)
	wantEq(t, "paid", paid, ether(320))
	_, _, err = EigenQueueWithdrawal(MaxUint256(), ether(2), ether(1))
	wantCode(t, err, EOVERFLOW)
}

func TestEigenSlashOperator(t *testing.T) {
	a := EigenAllocation{
		CurrentMagnitude:    500000000000000000,
		MaxMagnitude:        800000000000000000,
		EncumberedMagnitude: 700000000000000000,
		PendingDeallocation: 100000000000000001,
	}
	s, err := EigenSlashOperator(a, dec(t, "333333333333333333"))
	wantOK(t, err)
	want := EigenSlash{
		SlashedMagnitude: 166666666666666667,
		SlashedPending:   33333333333333334,
		PrevMaxMagnitude: 800000000000000000,
		NewMaxMagnitude:  633333333333333333,
		After: EigenAllocation{
			CurrentMagnitude:    333333333333333333,
			MaxMagnitude:        633333333333333333,
			EncumberedMagnitude: 533333333333333333,
			PendingDeallocation: 66666666666666667,
		},
	}
	wantEq(t, "WadSlashed", s.WadSlashed, dec(t, "208333333333333333"))
	s.WadSlashed = nil
	if s != want {
		t.Fatalf("slash:\n got %+v\nwant %+v", s, want)
	}
	for _, bad := range []*big.Int{big.NewInt(0), dec(t, "1000000000000000001")} {
		_, err = EigenSlashOperator(a, bad)
		wantCode(t, err, EINVALIDSLASH)
	}
	// Encumbered below the slashed magnitude: an inconsistent allocation.
	_, err = EigenSlashOperator(EigenAllocation{CurrentMagnitude: 10, MaxMagnitude: 10}, ether(1))
	wantCode(t, err, EUNDERFLOW)

	idle := NewEigenAllocation()
	s, err = EigenSlashOperator(idle, ether(1))
	wantOK(t, err)
	if !s.Skipped || s.After != idle || s.SlashedMagnitude != 0 || s.PrevMaxMagnitude != EigenWAD ||
		s.NewMaxMagnitude != EigenWAD {
		t.Fatalf("skipped slash %+v", s)
	}
	wantEq(t, "skipped WadSlashed", s.WadSlashed, big.NewInt(0))

	slashed, burn, err := EigenSlashOperatorShares(dec(t, "10000000000000000000013"), dec(t, "3000000000000000000007"),
		800000000000000000, 633333333333333333)
	wantOK(t, err)
	wantEq(t, "operator slashed", slashed, dec(t, "2083333333333333337502"))
	wantEq(t, "to burn", burn, dec(t, "2583333333333333338503"))
	_, _, err = EigenSlashOperatorShares(ether(1), ether(1), 0, 0)
	wantCode(t, err, EDIVZERO)
	_, _, err = EigenSlashOperatorShares(ether(1), ether(1), 1, 2)
	wantCode(t, err, EUNDERFLOW)
}

func TestEigenBeaconChainSlash(t *testing.T) {
	nf, fd, err := EigenBeaconChainSlash(EigenWAD, ether(32), dec(t, "1000000000000000005"))
	wantOK(t, err)
	if nf != 968749999999999999 || fd != 31250000000000001 {
		t.Fatalf("beacon chain slash: %d, %d", nf, fd)
	}
	_, _, err = EigenBeaconChainSlash(EigenWAD, ether(32), ether(33))
	wantCode(t, err, EUNDERFLOW)
	_, _, err = EigenBeaconChainSlash(EigenWAD, big.NewInt(0), big.NewInt(0))
	wantCode(t, err, EDIVZERO)
}

func TestEigenStrategy(t *testing.T) {
	n, total, err := EigenStrategyDeposit(big.NewInt(0), ether(1), ether(1))
	wantOK(t, err)
	wantEq(t, "first deposit shares", n, ether(1))
	wantEq(t, "first deposit total", total, ether(1))
	totalShares, balance := dec(t, "1000000000000000007"), dec(t, "2000000000000000003")
	n, total, err = EigenStrategyDeposit(totalShares, balance, dec(t, "500000000000000000"))
	wantOK(t, err)
	wantEq(t, "deposit shares", n, dec(t, "333333333333333446"))
	wantEq(t, "deposit total", total, dec(t, "1333333333333333453"))
	_, _, err = EigenStrategyDeposit(totalShares, balance, big.NewInt(0))
	wantCode(t, err, EZEROSHARES)

	amount, total, err := EigenStrategyWithdraw(totalShares, balance, dec(t, "500000000000000000"))
	wantOK(t, err)
	wantEq(t, "withdraw amount", amount, dec(t, "999999999999999494"))
	wantEq(t, "withdraw total", total, dec(t, "500000000000000007"))
	_, _, err = EigenStrategyWithdraw(totalShares, balance, new(big.Int).Add(totalShares, big.NewInt(1)))
	wantCode(t, err, EBALANCE)

	sh, err := EigenStrategyUnderlyingToShares(totalShares, balance, ether(1))
	wantOK(t, err)
	wantEq(t, "underlying to shares", sh, dec(t, "500000000000000252"))
	u, err := EigenStrategySharesToUnderlying(totalShares, balance, ether(1))
	wantOK(t, err)
	wantEq(t, "shares to underlying", u, dec(t, "1999999999999998989"))
	_, err = EigenStrategySharesToUnderlying(totalShares, MaxUint256(), ether(1))
	wantCode(t, err, EOVERFLOW)
}

// TestEigenBadInputs: nil, negative and too large values are refused with
// an error, never a panic, in every argument of every function.
func TestEigenBadInputs(t *testing.T) {
	one := big.NewInt(1)
	wad := new(big.Int).SetUint64(EigenWAD)
	type call func(x *big.Int) error
	calls := map[string]call{
		"EigenWithdrawable 0": func(x *big.Int) error { _, err := EigenWithdrawable(x, one, wad); return err },
		"EigenWithdrawable 1": func(x *big.Int) error { _, err := EigenWithdrawable(one, x, wad); return err },
		"EigenWithdrawable 2": func(x *big.Int) error { _, err := EigenWithdrawable(one, one, x); return err },
		"EigenDepositShares 0": func(x *big.Int) error {
			_, err := EigenDepositShares(x, one, wad)
			return err
		},
		"EigenDepositShares 1": func(x *big.Int) error {
			_, err := EigenDepositShares(one, x, wad)
			return err
		},
		"EigenDepositShares 2": func(x *big.Int) error {
			_, err := EigenDepositShares(one, one, x)
			return err
		},
		"EigenUpdateScalingFactor 0": func(x *big.Int) error {
			_, err := EigenUpdateScalingFactor(x, one, one, wad)
			return err
		},
		"EigenUpdateScalingFactor 1": func(x *big.Int) error {
			_, err := EigenUpdateScalingFactor(one, x, one, wad)
			return err
		},
		"EigenUpdateScalingFactor 2": func(x *big.Int) error {
			_, err := EigenUpdateScalingFactor(one, one, x, wad)
			return err
		},
		"EigenUpdateScalingFactor 3": func(x *big.Int) error {
			_, err := EigenUpdateScalingFactor(one, one, one, x)
			return err
		},
		"EigenQueueWithdrawal 0": func(x *big.Int) error {
			_, _, err := EigenQueueWithdrawal(x, one, wad)
			return err
		},
		"EigenQueueWithdrawal 1": func(x *big.Int) error {
			_, _, err := EigenQueueWithdrawal(one, x, wad)
			return err
		},
		"EigenQueueWithdrawal 2": func(x *big.Int) error {
			_, _, err := EigenQueueWithdrawal(one, one, x)
			return err
		},
		"EigenCompleteWithdrawal 0": func(x *big.Int) error {
			_, err := EigenCompleteWithdrawal(x, wad)
			return err
		},
		"EigenCompleteWithdrawal 1": func(x *big.Int) error {
			_, err := EigenCompleteWithdrawal(one, x)
			return err
		},
		"EigenSlashOperator": func(x *big.Int) error {
			_, err := EigenSlashOperator(NewEigenAllocation(), x)
			return err
		},
		"EigenSlashOperatorShares 0": func(x *big.Int) error {
			_, _, err := EigenSlashOperatorShares(x, one, EigenWAD, EigenWAD)
			return err
		},
		"EigenSlashOperatorShares 1": func(x *big.Int) error {
			_, _, err := EigenSlashOperatorShares(one, x, EigenWAD, EigenWAD)
			return err
		},
		"EigenBeaconChainSlash 0": func(x *big.Int) error {
			_, _, err := EigenBeaconChainSlash(EigenWAD, x, one)
			return err
		},
		"EigenBeaconChainSlash 1": func(x *big.Int) error {
			_, _, err := EigenBeaconChainSlash(EigenWAD, one, x)
			return err
		},
	}
	strategy := map[string]func(a, b, c *big.Int) error{
		"EigenStrategyDeposit": func(a, b, c *big.Int) error {
			_, _, err := EigenStrategyDeposit(a, b, c)
			return err
		},
		"EigenStrategyWithdraw": func(a, b, c *big.Int) error {
			_, _, err := EigenStrategyWithdraw(a, b, c)
			return err
		},
		"EigenStrategySharesToUnderlying": func(a, b, c *big.Int) error {
			_, err := EigenStrategySharesToUnderlying(a, b, c)
			return err
		},
		"EigenStrategyUnderlyingToShares": func(a, b, c *big.Int) error {
			_, err := EigenStrategyUnderlyingToShares(a, b, c)
			return err
		},
	}
	for name, f := range strategy {
		f := f
		calls[name+" 0"] = func(x *big.Int) error { return f(x, one, one) }
		calls[name+" 1"] = func(x *big.Int) error { return f(one, x, one) }
		calls[name+" 2"] = func(x *big.Int) error { return f(one, one, x) }
	}
	for _, c := range []struct {
		name string
		x    *big.Int
		code Code
	}{{"nil", nil, EINVAL}, {"negative", big.NewInt(-1), ERANGE}, {"2^256", new(big.Int).Set(two256), ERANGE}} {
		for name, f := range calls {
			var err error
			noPanic(t, name+" with "+c.name, func() { err = f(c.x) })
			wantCode(t, err, c.code)
		}
	}
	// 1 in place of each bad value passes: each refusal above is the bad
	// argument's.
	for name, f := range calls {
		var err error
		noPanic(t, name+" with 1", func() { err = f(one) })
		wantOK(t, err)
	}
}
