package stake

import (
	"strconv"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// Code is a libstake status code: OK (0) or a negative STAKE_E* value. The
// constants (EINVAL, EOVERFLOW, ...) are generated from the library's error
// table into zcodes.go. A Code is an error, so each constant is a sentinel:
//
//	if errors.Is(err, stake.EDIVZERO) { ... }
//
// and errors.As(err, &code) extracts the code of any error this package
// returns.
type Code int

// Family is the kind of failure a code belongs to (enum stake_family):
// FamilyUsage, FamilyParse, FamilyArithmetic, FamilyToken... A Family is an
// error that every code of the family matches:
//
//	if errors.Is(err, stake.FamilyToken) { /* the contract would revert */ }
type Family int

// codeInfo is one entry of the library's error table.
type codeInfo struct {
	name, message string
	family        Family
}

// The library's error table, read once at init through stake_error_count,
// stake_error_code, stake_errname, stake_strerror and stake_error_family:
// a code added to the C table is known here without regenerating anything.
var (
	codeTable   map[Code]codeInfo
	codeOrder   []Code
	familyNames map[Family]string
)

func init() {
	n := cstake.Stake_error_count()
	codeTable = make(map[Code]codeInfo, n)
	for i := int64(0); i < n; i++ {
		var c int
		if cstake.Stake_error_code(&c, i) != 0 {
			continue
		}
		code := Code(c)
		codeTable[code] = codeInfo{
			name:    cstake.Stake_errname(c),
			message: cstake.Stake_strerror(c),
			family:  Family(cstake.Stake_error_family(c)),
		}
		codeOrder = append(codeOrder, code)
	}
	familyNames = make(map[Family]string)
	for f := 0; f <= int(cstake.STAKE_FAMILY_UNKNOWN); f++ {
		familyNames[Family(f)] = cstake.Stake_family_name(cstake.Enum_SS_stake_family(f))
	}
}

func (c Code) info() codeInfo {
	if i, ok := codeTable[c]; ok {
		return i
	}
	// Not in the table: the library's own answer for unknown codes.
	return codeInfo{
		name:    cstake.Stake_errname(int(c)),
		message: cstake.Stake_strerror(int(c)),
		family:  Family(cstake.Stake_error_family(int(c))),
	}
}

// Name is the code's C name, "STAKE_EOVERFLOW" ("STAKE_EUNKNOWN" for a code
// the library does not know).
func (c Code) Name() string { return c.info().name }

// Message is the library's English description of the code.
func (c Code) Message() string { return c.info().message }

// Family is the family the code belongs to (FamilyUnknown if none).
func (c Code) Family() Family { return c.info().family }

// String is the code's C name.
func (c Code) String() string { return c.Name() }

// Error makes a Code usable as a sentinel error.
func (c Code) Error() string { return "stake: " + c.Name() + ": " + c.Message() }

// Is reports whether the code belongs to the family target, so that
// errors.Is(err, stake.FamilyArithmetic) holds for EOVERFLOW.
func (c Code) Is(target error) bool {
	f, ok := target.(Family)
	return ok && c.Family() == f
}

// String is the family's name as the library gives it ("arithmetic").
func (f Family) String() string {
	if name, ok := familyNames[f]; ok {
		return name
	}
	return cstake.Stake_family_name(cstake.Enum_SS_stake_family(f))
}

// Error makes a Family usable as a sentinel error.
func (f Family) Error() string { return "stake: " + f.String() + " error" }

// Codes lists every code of the library's error table, OK included, in the
// table's order.
func Codes() []Code { return append([]Code(nil), codeOrder...) }

// Error is the error every function of this package returns: a status of
// the library (or an argument refused before calling it), with where it
// happened. It matches its Code and its Family with errors.Is, and
// errors.As(err, &code) extracts the Code.
type Error struct {
	Op      string // the function or method that failed, e.g. "MulDiv", "Ledger.Burn"
	Code    Code   // the status, e.g. EDIVZERO
	Name    string // the code's C name, "STAKE_EDIVZERO"
	Message string // the library's description of the code, "division by zero"
	Family  Family // the code's family
	Detail  string // more about this failure when known (the argument refused, the parser's text)
	Offset  int    // byte offset in the input (parsers, snapshot loading), or -1
	Index   int    // index of the offending element of a batch, or -1
}

func newError(op string, code Code, detail string) *Error {
	i := code.info()
	return &Error{Op: op, Code: code, Name: i.name, Message: i.message, Family: i.family,
		Detail: detail, Offset: -1, Index: -1}
}

// check turns a status returned by the C library into an error (nil for
// STAKE_OK).
func check(op string, rc int) error {
	if rc == 0 {
		return nil
	}
	return newError(op, Code(rc), "")
}

// Check turns a status code returned by a cstake function into an error:
// nil for 0 (STAKE_OK), an *Error otherwise.
func Check(rc int) error {
	if rc == 0 {
		return nil
	}
	return newError("", Code(rc), "")
}

func (e *Error) Error() string {
	s := "stake: "
	if e.Op != "" {
		s += e.Op + ": "
	}
	s += e.Name + ": " + e.Message
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	if e.Index >= 0 {
		s += " at index " + strconv.Itoa(e.Index)
	}
	return s
}

// Unwrap gives the Code, through which errors.Is matches codes and
// families.
func (e *Error) Unwrap() error { return e.Code }

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t != nil && t.Code == e.Code
}
