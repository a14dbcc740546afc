package stake

// The fast path of the two calls made once per value in loops: MulDiv and
// Conversion.Convert. Through the generated cstake layer a call costs a
// C struct built field by field and a heap buffer per argument; here the
// values cross cgo by value, in one call and without an allocation, and
// the result comes back by value. Everything else goes through cstake.

/*
#cgo pkg-config: libstake
#include <stake.h>

typedef struct stake_go_result {
    stake_u256 value;
    int rc;
} stake_go_result;

static stake_go_result stake_go_muldiv(stake_u256 a, stake_u256 b, stake_u256 c, int rounding)
{
    stake_go_result r = { { { 0, 0, 0, 0 } }, 0 };
    r.rc = stake_u256_muldiv(&r.value, &a, &b, &c, (stake_rounding)rounding);
    return r;
}

static stake_go_result stake_go_convert(stake_conversion conv, stake_u256 x)
{
    stake_go_result r = { { { 0, 0, 0, 0 } }, 0 };
    r.rc = stake_convert(&r.value, &conv, &x);
    return r;
}
*/
import "C"

import "math/big"

// cU256 is x (already checked) as a C value.
func cU256(x *big.Int) (v C.stake_u256) {
	l := limbsOf(x)
	for i := range l {
		v.w[i] = C.uint64_t(l[i])
	}
	return v
}

func goU256(v *C.stake_u256) *big.Int {
	l := [4]uint64{uint64(v.w[0]), uint64(v.w[1]), uint64(v.w[2]), uint64(v.w[3])}
	return fromLimbs(&l)
}

func fastMulDiv(a, b, c *big.Int, rounding Rounding) (*big.Int, int) {
	r := C.stake_go_muldiv(cU256(a), cU256(b), cU256(c), C.int(rounding))
	if r.rc != 0 {
		return nil, int(r.rc)
	}
	return goU256(&r.value), 0
}

// fastConvert applies a checked conversion (InputBound nil meaning zero).
func fastConvert(c *Conversion, bound, x *big.Int) (*big.Int, int) {
	conv := C.stake_conversion{
		num:         cU256(optU256(c.Num)),
		den:         cU256(optU256(c.Den)),
		rounding:    C.stake_rounding(c.Rounding),
		product:     C.stake_product(c.Product),
		input_bound: cU256(bound),
	}
	r := C.stake_go_convert(conv, cU256(x))
	if r.rc != 0 {
		return nil, int(r.rc)
	}
	return goU256(&r.value), 0
}
