/*
 * bindings/go/go.i: the Go-specific part of libstake's SWIG interface.
 *
 * Generates package cstake (bindings/go/cstake): every public function of
 * libstake under its C name, capitalised as SWIG does (stake_u256_muldiv
 * becomes cstake.Stake_u256_muldiv), with C semantics: the status code is
 * returned as an int (0 or a negative STAKE_E* code; stake.Check turns it
 * into an error). The idiomatic API is the hand-written package stake one
 * level up; this layer exists so that nothing in the C API is out of reach.
 *
 * Regenerate with `make go-generate` (never by hand) and commit the result:
 * users of the module need cgo, a C compiler and pkg-config, not SWIG.
 * This file holds every Go-specific typemap and includes the language-
 * neutral bindings/stake.i (found through -Ibindings) LAST, so that the
 * typemaps apply to the headers.
 *
 * Mapping (all of it memory safe: a wrong length or a nil gives NULL to
 * C, which answers STAKE_EINVAL; nothing here panics on a bad value,
 * except a struct field setter, which has no status to return):
 *
 *   const stake_u256 *        *big.Int, read; nil, negative or >= 2^256
 *                             reaches C as NULL (STAKE_EINVAL)
 *   stake_u256 *              *big.Int, written on return (math/big's
 *                             z argument); nil means "not wanted" (NULL)
 *   stake_u256 (fields)       *big.Int (getters return a new one)
 *   packed arrays             []byte of 32-byte elements in stake_u256's
 *                             layout (four host-order 64-bit limbs, least
 *                             significant first), 8-byte aligned:
 *                             stake_convert_batch converts in place,
 *                             stake_ledger_convert_all fills the buffer
 *   other u256 arrays         []*big.Int
 *   const stake_address *,
 *   stake_address *           *[20]byte (nil is NULL)
 *   stake_address (fields)    [20]byte
 *   arrays of structs and n   []Stake_lido_module (...) of proxies,
 *                             copied into a C array for the call
 *   T **out (constructors)    *uintptr receiving the C pointer; wrap it
 *                             as cstake.SwigcptrStruct_SS_T(p) (SWIG names
 *                             some handles SwigcptrT instead)
 *   char *buf, size_t size    []byte receiving a NUL-terminated string
 *   const char **name         *string (copied; nil is NULL)
 *   uint64 arrays and n       []uint64 (hints: as long as the ids)
 *   uint64_t *                *uint64
 *   int *, enum * (outputs)   *int (nil is NULL)
 *   size_t                    int64 (generated with -intgosize 64 and
 *                             -DSWIGWORDSIZE64: 64-bit platforms only)
 *   structs (stake_conversion, stake_lido_totals, ...)  SWIG proxies in C
 *                             memory: cstake.NewStake_conversion(),
 *                             setters, cstake.DeleteStake_conversion()
 *   pointer fields            C memory only (a Go pointer must never be
 *                             stored in C memory): build the arrays with
 *                             New_stake_u256_array, New_stake_address_array,
 *                             New_stake_uint64_array and free them after
 *
 * Pitfalls (see the project's SWIG notes): the cgo preamble below is a Go
 * comment, so no star-slash anywhere in inserted C; typedef names used in
 * signatures must be declared in cgo_comment_typedefs; imtype defaults to
 * gotype; in goargout $input is the intermediate value and $1 the Go
 * argument, bound to a local before any method call.
 */
%module cstake

%go_import("math/big", "math/bits")

/* ---- Go helpers used by the typemaps ---------------------------------- */

%insert(go_wrapper) %{

const swigWordBits = bits.UintSize

// swigU256Limbs returns x in stake_u256's layout (four 64-bit limbs, least
// significant first), or nil if x is nil, negative or 2^256 or more.
func swigU256Limbs(x *big.Int) *[4]uint64 {
	if x == nil || x.Sign() < 0 || x.BitLen() > 256 {
		return nil
	}
	v := new([4]uint64)
	for i, w := range x.Bits() {
		v[i*swigWordBits/64] |= uint64(w) << (uint(i*swigWordBits) % 64)
	}
	return v
}

// swigU256Buffer is the buffer for an output argument z: nil if z is nil
// (the output is not wanted), else z's current value (so that z is left
// as it was when the call fails), or zero if z is not a uint256.
func swigU256Buffer(z *big.Int) *[4]uint64 {
	if z == nil {
		return nil
	}
	if v := swigU256Limbs(z); v != nil {
		return v
	}
	return new([4]uint64)
}

// swigU256Set sets z to the value of the limbs v and returns z.
func swigU256Set(z *big.Int, v *[4]uint64) *big.Int {
	ws := make([]big.Word, 256/swigWordBits)
	for i := range ws {
		ws[i] = big.Word(v[i*swigWordBits/64] >> (uint(i*swigWordBits) % 64))
	}
	return z.SetBits(ws)
}

// swigU256String is x's 32 bytes in stake_u256's layout, or "" if x is not
// a uint256 (the C side then panics: struct setters cannot fail).
func swigU256String(x *big.Int) string {
	v := swigU256Limbs(x)
	if v == nil {
		return ""
	}
	return string((*[32]byte)(unsafe.Pointer(v))[:])
}

func swigU256FromString(s string) *big.Int {
	var v [4]uint64
	copy((*[32]byte)(unsafe.Pointer(&v))[:], s)
	return swigU256Set(new(big.Int), &v)
}

// swigU256Slice packs xs; a nil, negative or too large element gives a
// buffer whose length is not a multiple of four limbs, which C refuses.
func swigU256Slice(xs []*big.Int) []uint64 {
	buf := make([]uint64, 4*len(xs))
	for i, x := range xs {
		v := swigU256Limbs(x)
		if v == nil {
			return buf[:1]
		}
		copy(buf[4*i:], v[:])
	}
	return buf
}

// swigU256OutSlice is the buffer for an output array: each element holds
// the current value of zs[i] (or zero), so that a failed call changes
// nothing.
func swigU256OutSlice(zs []*big.Int) []uint64 {
	buf := make([]uint64, 4*len(zs))
	for i, z := range zs {
		if v := swigU256Limbs(z); v != nil {
			copy(buf[4*i:], v[:])
		}
	}
	return buf
}

func swigU256SetSlice(zs []*big.Int, buf []uint64) {
	for i, z := range zs {
		if z != nil && len(buf) >= 4*i+4 {
			swigU256Set(z, (*[4]uint64)(buf[4*i:4*i+4]))
		}
	}
}
%}

/* ---- 256-bit integers: scalars ------------------------------------------ */

%typemap(gotype) const stake_u256 * "*big.Int"
%typemap(imtype) const stake_u256 * "*[4]uint64"
%typemap(goin) const stake_u256 * %{ $result = swigU256Limbs($input) %}
%typemap(in) const stake_u256 * %{ $1 = ($1_ltype)$input; %}
%typemap(goargout) const stake_u256 * ""

%typemap(gotype) stake_u256 * "*big.Int"
%typemap(imtype) stake_u256 * "*[4]uint64"
%typemap(goin) stake_u256 * %{ $result = swigU256Buffer($input) %}
%typemap(in) stake_u256 * %{ $1 = ($1_ltype)$input; %}
%typemap(goargout) stake_u256 * %{
	if z := $1; z != nil {
		swigU256Set(z, $input)
	}
%}

/* By value: struct fields (with %naturalvar) and the array helpers. */
%naturalvar stake_u256;
%typemap(gotype) stake_u256 "*big.Int"
%typemap(imtype) stake_u256 "string"
%typemap(goin) stake_u256 %{ $result = swigU256String($input) %}
%typemap(in) stake_u256 %{
  if ($input.n != (intgo)sizeof(stake_u256)) {
    _swig_gopanic("cstake: value is not a uint256 (nil, negative or 2^256 or more)");
  }
  memcpy(&$1, $input.p, sizeof(stake_u256));
%}
%typemap(out, fragment="AllocateString") stake_u256
%{ $result = Swig_AllocateString((const char *)&$1, sizeof(stake_u256)); %}
%typemap(goout, fragment="CopyString") stake_u256
%{ $result = swigU256FromString(swigCopyString($1)) %}

/* ---- 256-bit integers: arrays -------------------------------------------- */

/* stake_convert_batch(out, in, n): one packed buffer, converted in place
 * (the C function allows out == in). stake_ledger_convert_all(out, n):
 * a packed buffer filled with the first len/32 converted balances. A
 * buffer whose length is not a multiple of 32, or that is not 8-byte
 * aligned, reaches C as NULL with n = 1: STAKE_EINVAL. */
%typemap(gotype) (stake_u256 *out, const stake_u256 *in, size_t n),
                 (stake_u256 *out, size_t n) "[]byte"
%typemap(imtype) (stake_u256 *out, const stake_u256 *in, size_t n),
                 (stake_u256 *out, size_t n) "[]byte"
%typemap(goin) (stake_u256 *out, const stake_u256 *in, size_t n),
               (stake_u256 *out, size_t n) %{ $result = $input %}
%typemap(goargout) (stake_u256 *out, const stake_u256 *in, size_t n),
                   (stake_u256 *out, size_t n) ""
%typemap(in) (stake_u256 *out, const stake_u256 *in, size_t n) %{
  if ($input.len % (intgo)sizeof(stake_u256) != 0 ||
      ((uintptr_t)$input.array % _Alignof(stake_u256)) != 0) {
    $1 = NULL; $2 = NULL; $3 = 1;
  } else {
    $1 = ($1_ltype)$input.array; $2 = $1; $3 = (size_t)$input.len / sizeof(stake_u256);
  }
%}
%typemap(in) (stake_u256 *out, size_t n) %{
  if ($input.len % (intgo)sizeof(stake_u256) != 0 ||
      ((uintptr_t)$input.array % _Alignof(stake_u256)) != 0) {
    $1 = NULL; $2 = 1;
  } else {
    $1 = ($1_ltype)$input.array; $2 = (size_t)$input.len / sizeof(stake_u256);
  }
%}

/* Input arrays with their length: []*big.Int. */
%typemap(gotype) (const stake_u256 *fees, size_t n) "[]*big.Int"
%typemap(imtype) (const stake_u256 *fees, size_t n) "[]uint64"
%typemap(goin) (const stake_u256 *fees, size_t n) %{ $result = swigU256Slice($input) %}
%typemap(in) (const stake_u256 *fees, size_t n) %{
  if ($input.len % 4 != 0) {
    $1 = NULL; $2 = 1;
  } else {
    $1 = ($1_ltype)$input.array; $2 = (size_t)$input.len / 4;
  }
%}

/* Output arrays whose length is another argument: []*big.Int, checked
 * against that length below. */
%typemap(gotype) stake_u256 *fees, stake_u256 *module_shares "[]*big.Int"
%typemap(imtype) stake_u256 *fees, stake_u256 *module_shares "[]uint64"
%typemap(goin) stake_u256 *fees, stake_u256 *module_shares %{ $result = swigU256OutSlice($input) %}
%typemap(in) stake_u256 *fees, stake_u256 *module_shares %{ $1 = ($1_ltype)$input.array; %}
%typemap(goargout) stake_u256 *fees, stake_u256 *module_shares %{ swigU256SetSlice($1, $input) %}
%typemap(goargout) (const stake_u256 *fees, size_t n) ""

/* Arrays of structs with their length (staking modules, report history,
 * validators): a slice of proxies, copied into a C array for the call. A
 * nil element makes the array NULL (STAKE_EINVAL). */
%define STAKE_GO_STRUCT_ARRAY(TYPE, NAME, GOTYPE)
%typemap(gotype) (const TYPE *NAME, size_t n) %{[]GOTYPE%}
%typemap(imtype) (const TYPE *NAME, size_t n) "[]uintptr"
%typemap(goin) (const TYPE *NAME, size_t n) %{
	$result = make([]uintptr, len($input))
	for i, m := range $input {
		$result[i] = getSwigcptr(m)
	}
%}
%typemap(in) (const TYPE *NAME, size_t n) {
  size_t i, count = (size_t)$input.len;
  $1 = NULL;
  $2 = count;
  if (count > 0) {
    TYPE *copy = (TYPE *)calloc(count, sizeof *copy);
    for (i = 0; copy != NULL && i < count; i++) {
      const TYPE *m = ((const TYPE *const *)$input.array)[i];
      if (m == NULL) {
        free(copy);
        copy = NULL;
      } else {
        copy[i] = *m;
      }
    }
    $1 = copy;
  }
}
%typemap(freearg) (const TYPE *NAME, size_t n) %{ free((void *)$1); %}
%enddef
STAKE_GO_STRUCT_ARRAY(stake_lido_module, modules, Stake_lido_module)
STAKE_GO_STRUCT_ARRAY(stake_lido_report_record, history, Stake_lido_report_record)
STAKE_GO_STRUCT_ARRAY(stake_lido_validator_epochs, validators, Stake_lido_validator_epochs)

/* The lengths of the output arrays, checked before the call (result is
 * the C status; the arguments are named argN by SWIG). */
%exception stake_lido_module_fees %{
  if ((size_t)_swig_go_0.len < 4 * arg4) {
    result = STAKE_EINVAL;
  } else {
    $action
  }
%}
%exception stake_lido_split_fee_shares %{
  if ((size_t)_swig_go_0.len < 4 * arg5) {
    result = STAKE_EINVAL;
  } else {
    $action
  }
%}

/* ---- 64-bit id arrays (the withdrawal queue) ------------------------------ */

/* Input arrays with their length: []uint64 (Go memory, read during the
 * call). */
%typemap(gotype) (const uint64_t *batches, size_t n), (const uint64_t *ids, size_t n) "[]uint64"
%typemap(in) (const uint64_t *batches, size_t n), (const uint64_t *ids, size_t n) %{
  $1 = ($1_ltype)$input.array;
  $2 = (size_t)$input.len;
%}
/* The hints written for each id: []uint64 at least as long as ids. */
%typemap(gotype) uint64_t *hints "[]uint64"
%typemap(in) uint64_t *hints %{ $1 = ($1_ltype)$input.array; %}
%exception stake_queue_find_checkpoint_hints %{
  if (_swig_go_0.len < _swig_go_2.len) {
    result = STAKE_EINVAL;
  } else {
    $action
  }
%}

/* stake_queue_claim_batch: request ids as a []uint64 as long as the
 * hints, the hints with their count, and the amounts paid as a
 * []*big.Int as long too (written on success only). */
%typemap(gotype) const uint64_t *request_ids "[]uint64"
%typemap(in) const uint64_t *request_ids %{ $1 = ($1_ltype)$input.array; %}
%typemap(gotype) (const uint64_t *hints, size_t n) "[]uint64"
%typemap(in) (const uint64_t *hints, size_t n) %{
  $1 = ($1_ltype)$input.array;
  $2 = (size_t)$input.len;
%}
%typemap(gotype) stake_u256 *eth_amounts "[]*big.Int"
%typemap(imtype) stake_u256 *eth_amounts "[]uint64"
%typemap(goin) stake_u256 *eth_amounts %{ $result = swigU256OutSlice($input) %}
%typemap(in) stake_u256 *eth_amounts %{ $1 = ($1_ltype)$input.array; %}
%typemap(goargout) stake_u256 *eth_amounts %{ swigU256SetSlice($1, $input) %}
%exception stake_queue_claim_batch %{
  if ((size_t)_swig_go_0.len < 4 * arg5 || (size_t)_swig_go_2.len < arg5) {
    result = STAKE_EINVAL;
  } else {
    $action
  }
%}

/* stake_queue_request_batch and _wsteth_batch: the amounts with their
 * count as a []*big.Int, and the new ids as a []uint64 at least as long
 * (written on success only). */
%typemap(gotype) (const stake_u256 *amounts, size_t n),
                 (const stake_u256 *wsteth_amounts, size_t n) "[]*big.Int"
%typemap(imtype) (const stake_u256 *amounts, size_t n),
                 (const stake_u256 *wsteth_amounts, size_t n) "[]uint64"
%typemap(goin) (const stake_u256 *amounts, size_t n),
               (const stake_u256 *wsteth_amounts, size_t n) %{ $result = swigU256Slice($input) %}
%typemap(in) (const stake_u256 *amounts, size_t n),
             (const stake_u256 *wsteth_amounts, size_t n) %{
  if ($input.len % 4 != 0) {
    $1 = NULL; $2 = 1;
  } else {
    $1 = ($1_ltype)$input.array; $2 = (size_t)$input.len / 4;
  }
%}
%typemap(goargout) (const stake_u256 *amounts, size_t n),
                   (const stake_u256 *wsteth_amounts, size_t n) ""
%typemap(gotype) uint64_t *ids "[]uint64"
%typemap(in) uint64_t *ids %{ $1 = ($1_ltype)$input.array; %}
%exception stake_queue_request_batch %{
  if ((size_t)_swig_go_0.len < arg7) {
    result = STAKE_EINVAL;
  } else {
    $action
  }
%}
%exception stake_queue_request_wsteth_batch %{
  if ((size_t)_swig_go_0.len < arg7) {
    result = STAKE_EINVAL;
  } else {
    $action
  }
%}

/* ---- addresses ----------------------------------------------------------- */

%typemap(gotype) const stake_address *, stake_address * "*[20]byte"
%typemap(in) const stake_address *, stake_address * %{ $1 = ($1_ltype)$input; %}

%naturalvar stake_address;
%typemap(gotype) stake_address "[20]byte"
%typemap(imtype) stake_address "string"
%typemap(goin) stake_address %{ $result = string($input[:]) %}
%typemap(in) stake_address %{
  if ($input.n != STAKE_ADDRESS_BYTES) {
    _swig_gopanic("cstake: an address is 20 bytes");
  }
  memcpy($1.bytes, $input.p, STAKE_ADDRESS_BYTES);
%}
%typemap(out, fragment="AllocateString") stake_address
%{ $result = Swig_AllocateString((const char *)$1.bytes, STAKE_ADDRESS_BYTES); %}
%typemap(goout, fragment="CopyString") stake_address
%{ copy($result[:], swigCopyString($1)) %}

/* Pointer fields of stake_lido_report and the C array helpers below keep
 * SWIG's plain pointer proxies: a Go pointer must never be stored in C
 * memory. Build those arrays with New_stake_u256_array and friends. */
%define STAKE_GO_PLAIN_POINTER(DECLS...)
%apply SWIGTYPE * { DECLS };
%typemap(imtype) DECLS "$gotypename"
%typemap(goin) DECLS ""
%typemap(goargout) DECLS ""
%enddef
STAKE_GO_PLAIN_POINTER(const stake_u256 *module_fees, const stake_address *fee_recipients,
                       stake_u256 *ary, stake_address *ary,
                       stake_u256 *new_stake_u256_array, stake_address *new_stake_address_array)

/* The report's finalization batches: a C array, held as a uintptr (the
 * address of C memory from New_stake_uint64_array), never Go memory. */
%typemap(gotype) const uint64_t *finalization_batches, uint64_t *new_stake_uint64_array,
                 uint64_t *ary "uintptr"
%typemap(in) const uint64_t *finalization_batches, uint64_t *ary %{ $1 = ($1_ltype)$input; %}
%typemap(out) const uint64_t *finalization_batches, uint64_t *new_stake_uint64_array
%{ $result = $1; %}

/* ---- other arguments ----------------------------------------------------- */

/* 32-byte big-endian words (nil is NULL). */
%typemap(gotype) const uint8_t in[32], uint8_t out[32] "*[32]byte"
%typemap(in) const uint8_t in[32], uint8_t out[32] %{ $1 = ($1_ltype)$input; %}

/* Array fields (stake_u256.w, stake_address.bytes, stake_queue_batches.
 * batches): a pointer to a Go array of the right length for the setter,
 * which copies it (a nil panics: a setter has no status to return); the
 * getter points into the C struct, valid while the struct lives. */
%typemap(gotype) uint64_t [ANY] "*[$1_dim0]uint64"
%typemap(gotype) uint8_t [ANY] "*[$1_dim0]byte"
%typemap(in) uint64_t [ANY], uint8_t [ANY] %{
  if ($input == NULL) {
    _swig_gopanic("cstake: nil array");
  }
  $1 = ($1_ltype)$input;
%}

/* Constructors: the new object's pointer. */
%typemap(gotype) SWIGTYPE **out "*uintptr"
%typemap(in) SWIGTYPE **out %{ $1 = ($1_ltype)$input; %}

/* Text written into a caller's buffer. */
%typemap(gotype) (char *buf, size_t size) "[]byte"
%typemap(in) (char *buf, size_t size) %{
  $1 = ($1_ltype)$input.array;
  $2 = (size_t)$input.len;
%}

/* An int (or enum) written by the callee: C int, Go int (64 bits). Every
 * int pointer of the API is an output. */
%typemap(gotype) int *, enum SWIGTYPE * "*int"
%typemap(in) int * (int temp), enum SWIGTYPE * ($*1_ltype temp)
%{ temp = 0; $1 = $input ? &temp : NULL; %}
%typemap(argout) int *, enum SWIGTYPE *
%{ if ($input) *$input = (intgo)temp$argnum; %}

/* A static or borrowed string returned through a pointer (nil is NULL). */
%typemap(gotype) const char **name "*string"
%typemap(goin) const char **name %{
	if $input != nil {
		$result = new(string)
	}
%}
%typemap(in) const char **name (const char *temp) %{ temp = NULL; $1 = $input ? ($1_ltype)&temp : NULL; %}
%typemap(argout, fragment="AllocateString") const char **name
%{ if ($input) *$input = Swig_AllocateString(temp$argnum, temp$argnum ? strlen(temp$argnum) : 0); %}
%typemap(goargout, fragment="CopyString") const char **name %{
	if $1 != nil {
		*$1 = swigCopyString(*$input)
	}
%}

/* ---- the headers, then C arrays for the report's pointer fields ---------- */

%include "stake.i"

%include <carrays.i>
%array_functions(stake_u256, stake_u256_array)
%array_functions(stake_address, stake_address_array)
%array_functions(stake_lido_module, stake_lido_module_array)
%array_functions(uint64_t, stake_uint64_array)
