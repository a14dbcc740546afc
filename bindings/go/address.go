package stake

import (
	"encoding/hex"
	"strings"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// Address is a 20-byte Ethereum account address (stake_address), in its
// natural byte order. The zero value is the zero address.
type Address [20]byte

// ParseAddress parses "0x" or "0X" followed by exactly 40 hexadecimal
// digits of either case (the EIP-55 checksum is accepted, not verified).
// Errors: EEMPTY, ESYNTAX, ETOOLONG, with the library's detail.
func ParseAddress(s string) (Address, error) {
	const op = "ParseAddress"
	var a Address
	if i := strings.IndexByte(s, 0); i >= 0 {
		e := newError(op, ESYNTAX, "NUL byte in the input")
		e.Offset = i
		return a, e
	}
	if cstake.Stake_address_from_hex((*[20]byte)(&a), s, nil) == 0 {
		return a, nil
	}
	detail := cstake.NewStake_error()
	defer cstake.DeleteStake_error(detail)
	rc := cstake.Stake_address_from_hex((*[20]byte)(&a), s, detail)
	e := newError(op, Code(rc), detail.GetText())
	e.Offset = int(detail.GetPosition())
	return Address{}, e
}

// String is "0x" and 40 lower-case hexadecimal digits, as
// stake_address_to_hex writes it.
func (a Address) String() string { return "0x" + hex.EncodeToString(a[:]) }

// IsZero reports whether a is the zero address.
func (a Address) IsZero() bool { return a == Address{} }

// p is the pointer the C layer takes. The copy keeps the caller's value
// unchanged and off the C side.
func (a Address) p() *[20]byte { return (*[20]byte)(&a) }
