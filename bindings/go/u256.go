package stake

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// Rounding is the rounding of a division, numbered as OpenZeppelin's
// Math.Rounding (enum stake_rounding). For unsigned values Trunc is Floor
// and Expand is Ceil.
type Rounding int

const (
	Floor  Rounding = 0 // toward zero
	Ceil   Rounding = 1 // away from zero when inexact
	Trunc  Rounding = 2 // same as Floor
	Expand Rounding = 3 // same as Ceil
)

func (r Rounding) String() string {
	switch r {
	case Floor:
		return "Floor"
	case Ceil:
		return "Ceil"
	case Trunc:
		return "Trunc"
	case Expand:
		return "Expand"
	}
	return "Rounding(" + strconv.Itoa(int(r)) + ")"
}

// MaxUint256 returns 2^256 - 1, the largest value of the EVM's uint256 (a
// new *big.Int on every call).
func MaxUint256() *big.Int {
	return new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
}

// CheckUint256 returns nil if x is a uint256: not nil, not negative and
// below 2^256. Every function of this package applies it to its arguments
// and refuses, with an *Error and no panic, what fails it: EINVAL for nil,
// ERANGE for a negative value or one of 2^256 or more.
func CheckUint256(x *big.Int) error { return u256Arg("CheckUint256", "x", x) }

func u256Arg(op, name string, x *big.Int) error {
	switch {
	case x == nil:
		return newError(op, EINVAL, name+" is a nil *big.Int")
	case x.Sign() < 0:
		return newError(op, ERANGE, name+" is negative")
	case x.BitLen() > 256:
		return newError(op, ERANGE, name+" is 2^256 or more")
	}
	return nil
}

// u256Args checks pairs of (name, value).
func u256Args(op string, args ...interface{}) error {
	for i := 0; i+1 < len(args); i += 2 {
		if err := u256Arg(op, args[i].(string), args[i+1].(*big.Int)); err != nil {
			return err
		}
	}
	return nil
}

func roundingArg(op string, r Rounding) error {
	if r < Floor || r > Expand {
		return newError(op, EINVAL, "unknown rounding "+strconv.Itoa(int(r)))
	}
	return nil
}

// MulDiv returns a * b / c rounded as asked, computed exactly through a
// 512-bit product: OpenZeppelin's Math.mulDiv(a, b, c, rounding). It
// refuses where the contract reverts: EDIVZERO if c is zero, EOVERFLOW if
// the rounded result is 2^256 or more.
func MulDiv(a, b, c *big.Int, rounding Rounding) (*big.Int, error) {
	const op = "MulDiv"
	if err := u256Args(op, "a", a, "b", b, "c", c); err != nil {
		return nil, err
	}
	if err := roundingArg(op, rounding); err != nil {
		return nil, err
	}
	z, rc := fastMulDiv(a, b, c, rounding) // stake_u256_muldiv, see fastpath.go
	if err := check(op, rc); err != nil {
		return nil, err
	}
	return z, nil
}

type binaryFunc func(*big.Int, *big.Int, *big.Int) int

func binaryCall(op string, f binaryFunc, a, b *big.Int) (*big.Int, error) {
	if err := u256Args(op, "a", a, "b", b); err != nil {
		return nil, err
	}
	z := new(big.Int)
	if err := check(op, f(z, a, b)); err != nil {
		return nil, err
	}
	return z, nil
}

// Add returns a + b, or EOVERFLOW if the sum is 2^256 or more (Solidity
// 0.8 checked arithmetic).
func Add(a, b *big.Int) (*big.Int, error) { return binaryCall("Add", cstake.Stake_u256_add, a, b) }

// Sub returns a - b, or EUNDERFLOW if b > a.
func Sub(a, b *big.Int) (*big.Int, error) { return binaryCall("Sub", cstake.Stake_u256_sub, a, b) }

// Mul returns a * b, or EOVERFLOW if the product is 2^256 or more.
func Mul(a, b *big.Int) (*big.Int, error) { return binaryCall("Mul", cstake.Stake_u256_mul, a, b) }

// Div returns floor(a / b), or EDIVZERO if b is zero.
func Div(a, b *big.Int) (*big.Int, error) { return binaryCall("Div", cstake.Stake_u256_div, a, b) }

// Mod returns a mod b, or EDIVZERO if b is zero.
func Mod(a, b *big.Int) (*big.Int, error) { return binaryCall("Mod", cstake.Stake_u256_mod, a, b) }

// DivMod returns floor(a / b) and a mod b, or EDIVZERO if b is zero.
func DivMod(a, b *big.Int) (q, r *big.Int, err error) {
	const op = "DivMod"
	if err := u256Args(op, "a", a, "b", b); err != nil {
		return nil, nil, err
	}
	q, r = new(big.Int), new(big.Int)
	if err := check(op, cstake.Stake_u256_divmod(q, r, a, b)); err != nil {
		return nil, nil, err
	}
	return q, r, nil
}

// parse calls one of the C parsers; on failure it asks again with a
// stake_error to report the library's detail and offset.
func parse(op, s string, f func(*big.Int, string, cstake.Stake_error) int) (*big.Int, error) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		e := newError(op, ESYNTAX, "NUL byte in the input")
		e.Offset = i
		return nil, e
	}
	z := new(big.Int)
	rc := f(z, s, nil)
	if rc == 0 {
		return z, nil
	}
	detail := cstake.NewStake_error()
	defer cstake.DeleteStake_error(detail)
	rc = f(z, s, detail)
	e := newError(op, Code(rc), detail.GetText())
	e.Offset = int(detail.GetPosition())
	return nil, e
}

// ParseUint256 parses a decimal number (1 to 78 digits, nothing else) or,
// with a "0x" or "0X" prefix, a hexadecimal one (1 to 64 digits), below
// 2^256. Errors: EEMPTY, ESYNTAX, ETOOLONG, ERANGE, with the offset of the
// offending byte in Error.Offset.
func ParseUint256(s string) (*big.Int, error) {
	return parse("ParseUint256", s, cstake.Stake_u256_from_string)
}

// ParseDec is ParseUint256 restricted to decimal input.
func ParseDec(s string) (*big.Int, error) { return parse("ParseDec", s, cstake.Stake_u256_from_dec) }

// ParseHex is ParseUint256 restricted to "0x"-prefixed hexadecimal input.
func ParseHex(s string) (*big.Int, error) { return parse("ParseHex", s, cstake.Stake_u256_from_hex) }

// FormatDec writes x in decimal as the library does (no leading zeros).
func FormatDec(x *big.Int) (string, error) {
	const op = "FormatDec"
	if err := u256Arg(op, "x", x); err != nil {
		return "", err
	}
	buf := make([]byte, cstake.STAKE_U256_DEC_SIZE)
	if err := check(op, cstake.Stake_u256_to_dec(buf, x)); err != nil {
		return "", err
	}
	return cString(buf), nil
}

// FormatHex writes x as "0x" and lower-case hexadecimal digits ("0x0" for
// zero), as the library does.
func FormatHex(x *big.Int) (string, error) {
	const op = "FormatHex"
	if err := u256Arg(op, "x", x); err != nil {
		return "", err
	}
	buf := make([]byte, cstake.STAKE_U256_HEX_SIZE)
	if err := check(op, cstake.Stake_u256_to_hex(buf, x)); err != nil {
		return "", err
	}
	return cString(buf), nil
}

// cString is the NUL-terminated string at the start of buf.
func cString(buf []byte) string {
	for i, c := range buf {
		if c == 0 {
			return string(buf[:i])
		}
	}
	return string(buf)
}
