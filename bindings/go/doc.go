// Package stake is the Go binding of libstake: exact share/asset
// accounting of liquid staking tokens (Lido stETH and wstETH, ERC-4626
// vaults, Rocket Pool rETH) on the EVM's 256-bit integers, with the
// contracts' formulas, rounding directions and refusals, to the wei.
//
// Every 256-bit value is a *big.Int, in and out. Every failure is an error
// (an *Error carrying the library's code, name and message), never a
// panic: a nil argument is refused with EINVAL and a negative one, or one
// of 2^256 or more, with ERANGE, before the library is called. In the
// struct types (LidoTotals, LidoReport, ...) a nil field stands for zero.
//
//	shares, _ := new(big.Int).SetString("1000000000000000000", 10)
//	pooled, _ := new(big.Int).SetString("9300000000000000000000000", 10)
//	total, _ := new(big.Int).SetString("8086956521739130434782608", 10)
//	eth, err := stake.MulDiv(shares, pooled, total, stake.Floor)
//	if errors.Is(err, stake.EDIVZERO) { ... }
//
// Errors match their code and their family with errors.Is (stake.EOVERFLOW,
// stake.FamilyToken, ...); both sets of constants are generated from the
// library's single error table, which is also read at init, so that every
// code the library returns has its name and message.
//
// Stateful models (Ledger, StETH, Vault, REth, Snapshot) wrap C objects:
// Close frees them, with a finalizer as a fallback. They are safe for
// concurrent use (reads run in parallel, writes alone), and a call after
// Close fails with ESTATE.
//
// Many values at once: Conversion.ConvertPacked converts a packed buffer
// of 32-byte little-endian values in place in one call of the library, at
// a few nanoseconds per value; ConvertAll does the same for []*big.Int.
//
// Everything else in the C API is reachable, under its C name, in the
// generated package github.com/libstake/libstake/bindings/go/cstake.
//
// The package needs cgo, a C compiler and pkg-config finding libstake.pc.
package stake
