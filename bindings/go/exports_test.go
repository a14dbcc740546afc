package stake

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// declaredFunctions reads the public headers as tests/abi/check_exports.sh
// does: every STAKE_API line names its function.
func declaredFunctions(t *testing.T) []string {
	headers, err := filepath.Glob(filepath.Join("..", "..", "include", "stake", "*.h"))
	if err != nil || len(headers) == 0 {
		t.Fatalf("public headers not found: %v", err)
	}
	re := regexp.MustCompile(`[^a-z0-9_](stake_[a-z0-9_]*)\s*\(`)
	seen := map[string]bool{}
	for _, h := range headers {
		f, err := os.Open(h)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if !strings.Contains(line, "STAKE_API") || strings.Contains(line, "#") {
				continue
			}
			if m := re.FindStringSubmatch(line); m != nil {
				seen[m[1]] = true
			}
		}
		f.Close()
	}
	return sortedKeys(seen)
}

// exportedFunctions reads the functions the built libstake.so exports, as
// `make check-go` lists them with nm into $STAKE_EXPORTS.
func exportedFunctions(t *testing.T) []string {
	path := os.Getenv("STAKE_EXPORTS")
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("STAKE_EXPORTS: %v", err)
	}
	seen := map[string]bool{}
	for _, name := range strings.Fields(string(data)) {
		seen[name] = true
	}
	return sortedKeys(seen)
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestEveryFunctionIsWrapped: every function libstake exports (and every
// one its headers declare) has a Go wrapper in cstake. A function added to
// the C library later fails here until `make go-generate` wraps it.
func TestEveryFunctionIsWrapped(t *testing.T) {
	sources := map[string][]string{"the public headers": declaredFunctions(t)}
	if exported := exportedFunctions(t); exported != nil {
		sources["libstake.so"] = exported
	} else {
		t.Log("STAKE_EXPORTS not set: checking the headers only (make check-go also reads libstake.so)")
	}
	for from, names := range sources {
		if len(names) < 100 {
			t.Fatalf("only %d functions in %s", len(names), from)
		}
		var missing []string
		for _, name := range names {
			f, ok := cstake.Functions[name]
			if !ok {
				missing = append(missing, name)
				continue
			}
			if v := reflect.ValueOf(f); v.Kind() != reflect.Func || v.IsNil() {
				t.Errorf("cstake.Functions[%q] is not a function", name)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%d function(s) of %s have no Go wrapper: %s\n"+
				"(add the header to bindings/stake.i if it is new, then run 'make go-generate')",
				len(missing), from, strings.Join(missing, ", "))
		} else {
			t.Logf("all %d functions of %s are wrapped", len(names), from)
		}
	}
}

// TestStakeIncludesEveryHeader: bindings/stake.i lists each header that
// <stake.h> includes.
func TestStakeIncludesEveryHeader(t *testing.T) {
	umbrella, err := os.ReadFile(filepath.Join("..", "..", "include", "stake.h"))
	if err != nil {
		t.Fatal(err)
	}
	iface, err := os.ReadFile(filepath.Join("..", "stake.i"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`#include "(stake/[a-z0-9_]+\.h)"`).FindAllStringSubmatch(string(umbrella), -1) {
		if !strings.Contains(string(iface), `%include "`+m[1]+`"`) {
			t.Errorf("bindings/stake.i does not %%include %q, which <stake.h> includes", m[1])
		}
	}
}
