package stake

import (
	"math/big"
	"runtime"
	"sync"
)

// handle is a C object owned by a Go value: its pointer, the lock that
// serializes the calls on it and the function that frees it.
//
// libstake objects are not locked internally (reads may run concurrently,
// a write must run alone), so every method takes the read or the write
// lock: the Go types are safe for concurrent use. Close takes the write
// lock, so it never frees an object under a running call, and a call after
// Close fails with ESTATE instead of touching freed memory. The finalizer
// set on the owning value calls close as a fallback.
type handle struct {
	mu   sync.RWMutex
	ptr  uintptr
	free func(uintptr)
	kind string
}

func newHandle(kind string, ptr uintptr, free func(uintptr)) *handle {
	return &handle{ptr: ptr, free: free, kind: kind}
}

func (h *handle) closedError(op string) error {
	if h == nil {
		return newError(op, EINVAL, "nil or zero-value object (use the New functions)")
	}
	return newError(op, ESTATE, h.kind+" is closed")
}

// rlock read-locks the object and returns its pointer; the caller
// RUnlocks when the pointer is returned without error.
func (h *handle) rlock(op string) (uintptr, error) {
	if h == nil {
		return 0, h.closedError(op)
	}
	h.mu.RLock()
	if h.ptr == 0 {
		h.mu.RUnlock()
		return 0, h.closedError(op)
	}
	return h.ptr, nil
}

// lock write-locks the object and returns its pointer; the caller Unlocks
// when the pointer is returned without error.
func (h *handle) lock(op string) (uintptr, error) {
	if h == nil {
		return 0, h.closedError(op)
	}
	h.mu.Lock()
	if h.ptr == 0 {
		h.mu.Unlock()
		return 0, h.closedError(op)
	}
	return h.ptr, nil
}

func (h *handle) close() {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ptr != 0 {
		h.free(h.ptr)
		h.ptr = 0
	}
}

// closeOwner frees the C object of v now and drops v's finalizer.
func closeOwner(v interface{}, h *handle) {
	h.close()
	runtime.SetFinalizer(v, nil)
}

// The calls on a model follow four shapes; P is the model's cstake
// pointer type.

// viewU256 runs a read-only call that writes one value.
func viewU256[P ~uintptr](h *handle, op string, call func(*big.Int, P) int) (*big.Int, error) {
	p, err := h.rlock(op)
	if err != nil {
		return nil, err
	}
	defer h.mu.RUnlock()
	z := new(big.Int)
	if err := check(op, call(z, P(p))); err != nil {
		return nil, err
	}
	return z, nil
}

// view runs a read-only call.
func view[P ~uintptr](h *handle, op string, call func(P) int) error {
	p, err := h.rlock(op)
	if err != nil {
		return err
	}
	defer h.mu.RUnlock()
	return check(op, call(P(p)))
}

// updateU256 runs a mutating call that writes one value.
func updateU256[P ~uintptr](h *handle, op string, call func(*big.Int, P) int) (*big.Int, error) {
	p, err := h.lock(op)
	if err != nil {
		return nil, err
	}
	defer h.mu.Unlock()
	z := new(big.Int)
	if err := check(op, call(z, P(p))); err != nil {
		return nil, err
	}
	return z, nil
}

// update runs a mutating call.
func update[P ~uintptr](h *handle, op string, call func(P) int) error {
	p, err := h.lock(op)
	if err != nil {
		return err
	}
	defer h.mu.Unlock()
	return check(op, call(P(p)))
}

// optU256 is a struct field where nil stands for zero.
func optU256(x *big.Int) *big.Int {
	if x == nil {
		return new(big.Int)
	}
	return x
}

// fieldsArgs checks struct fields (nil standing for zero).
func fieldArgs(op string, args ...interface{}) error {
	for i := 0; i+1 < len(args); i += 2 {
		if x := args[i+1].(*big.Int); x != nil {
			if err := u256Arg(op, args[i].(string), x); err != nil {
				return err
			}
		}
	}
	return nil
}
