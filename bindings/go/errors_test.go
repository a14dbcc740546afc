package stake

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// TestErrorTable: the generated constants and the table read at init are
// the library's single error table, entry for entry.
func TestErrorTable(t *testing.T) {
	n := int(cstake.Stake_error_count())
	codes := Codes()
	if len(codes) != n || len(codeTable) != n {
		t.Fatalf("table has %d entries, Codes() %d, registry %d", n, len(codes), len(codeTable))
	}
	seen := map[Code]bool{}
	for i, c := range codes {
		var want int
		if rc := cstake.Stake_error_code(&want, int64(i)); rc != 0 || Code(want) != c {
			t.Fatalf("entry %d: %v, table says %d (rc %d)", i, c, want, rc)
		}
		if seen[c] {
			t.Fatalf("code %d twice in the table", c)
		}
		seen[c] = true
		name, ok := generatedCodes[c]
		if !ok {
			t.Fatalf("%s (%d) has no generated constant: run 'make go-generate'", c.Name(), int(c))
		}
		if name != c.Name() || name != cstake.Stake_errname(int(c)) {
			t.Fatalf("code %d: generated name %s, library %s", int(c), name, c.Name())
		}
		if c.Message() != cstake.Stake_strerror(int(c)) {
			t.Fatalf("%s: message %q", name, c.Message())
		}
		if int(c.Family()) != int(cstake.Stake_error_family(int(c))) {
			t.Fatalf("%s: family %v", name, c.Family())
		}
	}
	if len(generatedCodes) != n {
		t.Fatalf("%d generated constants for %d table entries: run 'make go-generate'", len(generatedCodes), n)
	}
	for f, name := range generatedFamilies {
		if f.String() != name {
			t.Fatalf("family %d: generated %q, library %q", int(f), name, f.String())
		}
	}
	if OK != 0 || EINVAL >= 0 {
		t.Fatal("OK must be 0 and errors negative")
	}
}

func TestErrorMatching(t *testing.T) {
	_, err := MulDiv(ether(1), ether(1), ether(0), Floor)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("not an *Error: %T", err)
	}
	if e.Code != EDIVZERO || e.Name != "STAKE_EDIVZERO" || e.Message != "division by zero" ||
		e.Family != FamilyArithmetic || e.Op != "MulDiv" || e.Index != -1 {
		t.Fatalf("unexpected error fields: %+v", e)
	}
	if got := err.Error(); got != "stake: MulDiv: STAKE_EDIVZERO: division by zero" {
		t.Fatalf("message %q", got)
	}
	if !errors.Is(err, EDIVZERO) || errors.Is(err, EOVERFLOW) {
		t.Fatal("errors.Is by code")
	}
	if !errors.Is(err, FamilyArithmetic) || errors.Is(err, FamilyToken) {
		t.Fatal("errors.Is by family")
	}
	if !errors.Is(err, newError("other", EDIVZERO, "")) {
		t.Fatal("errors.Is between two *Error of one code")
	}
	var code Code
	if !errors.As(err, &code) || code != EDIVZERO {
		t.Fatal("errors.As to Code")
	}
	wrapped := fmt.Errorf("pricing a withdrawal: %w", err)
	if !errors.Is(wrapped, EDIVZERO) || !errors.Is(wrapped, FamilyArithmetic) {
		t.Fatal("errors.Is through wrapping")
	}
	// Sentinels themselves.
	if !errors.Is(EBALANCE, FamilyToken) || EBALANCE.Family() != FamilyToken {
		t.Fatal("EBALANCE is a token error")
	}
	if !strings.Contains(EBALANCE.Error(), "STAKE_EBALANCE") || FamilyQueue.String() != "queue" {
		t.Fatalf("%q %q", EBALANCE.Error(), FamilyQueue.String())
	}
	// Check, for cstake's raw codes.
	if Check(0) != nil {
		t.Fatal("Check(0)")
	}
	wantCode(t, Check(int(EOVERFLOW)), EOVERFLOW)
	// A code the library does not know.
	unknown := Code(-9999)
	if unknown.Name() != "STAKE_EUNKNOWN" || unknown.Family() != FamilyUnknown {
		t.Fatalf("unknown code: %s %v", unknown.Name(), unknown.Family())
	}
	wantCode(t, Check(-9999), unknown)
}
