package stake

import (
	"encoding/binary"
	"math/big"
	"math/bits"
	"strconv"
	"unsafe"
)

// PackedSize is the size of one value in a packed buffer: 32 bytes, the
// layout of the C type stake_u256 on a little-endian machine (four 64-bit
// limbs, least significant first). Byte i of an element holds bits 8i to
// 8i+7 of the value: an element is the value's 32-byte little-endian
// encoding.
//
// Packed buffers are the fast path for many values: Conversion.ConvertPacked
// and Ledger.ConvertAllPacked hand them to the library in one call, with
// no *big.Int and no copy (when the buffer is 8-byte aligned, as NewPacked
// and Pack make it).
const PackedSize = 32

const wordBits = bits.UintSize

// hostLittleEndian tells whether a packed buffer already has stake_u256's
// layout in memory (on a big-endian host the limbs are byte-swapped around
// each call).
var hostLittleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// NewPacked returns a zeroed packed buffer for n values, 8-byte aligned.
func NewPacked(n int) []byte {
	if n <= 0 {
		return []byte{}
	}
	limbs := make([]uint64, 4*n)
	return unsafe.Slice((*byte)(unsafe.Pointer(&limbs[0])), PackedSize*n)
}

func aligned(buf []byte) bool {
	return len(buf) == 0 || uintptr(unsafe.Pointer(&buf[0]))%8 == 0
}

// limbsOf returns x's four 64-bit limbs, least significant first; x must
// have been checked.
func limbsOf(x *big.Int) (v [4]uint64) {
	for i, w := range x.Bits() {
		v[i*wordBits/64] |= uint64(w) << (uint(i*wordBits) % 64)
	}
	return v
}

func fromLimbs(v *[4]uint64) *big.Int {
	ws := make([]big.Word, 256/wordBits)
	for i := range ws {
		ws[i] = big.Word(v[i*wordBits/64] >> (uint(i*wordBits) % 64))
	}
	return new(big.Int).SetBits(ws)
}

func packedLen(op string, buf []byte) (int, error) {
	if len(buf)%PackedSize != 0 {
		return 0, newError(op, EINVAL, "packed buffer length "+strconv.Itoa(len(buf))+
			" is not a multiple of 32")
	}
	return len(buf) / PackedSize, nil
}

func put(buf []byte, i int, x *big.Int) {
	v := limbsOf(x)
	e := buf[PackedSize*i : PackedSize*i+PackedSize]
	binary.LittleEndian.PutUint64(e[0:], v[0])
	binary.LittleEndian.PutUint64(e[8:], v[1])
	binary.LittleEndian.PutUint64(e[16:], v[2])
	binary.LittleEndian.PutUint64(e[24:], v[3])
}

func at(buf []byte, i int) *big.Int {
	e := buf[PackedSize*i : PackedSize*i+PackedSize]
	v := [4]uint64{binary.LittleEndian.Uint64(e[0:]), binary.LittleEndian.Uint64(e[8:]),
		binary.LittleEndian.Uint64(e[16:]), binary.LittleEndian.Uint64(e[24:])}
	return fromLimbs(&v)
}

// Pack returns a new packed buffer (see PackedSize) holding xs. An element
// that is not a uint256 is refused with its index in Error.Index.
func Pack(xs []*big.Int) ([]byte, error) {
	const op = "Pack"
	buf := NewPacked(len(xs))
	for i, x := range xs {
		if err := u256Arg(op, "xs[i]", x); err != nil {
			err.(*Error).Index = i
			return nil, err
		}
		put(buf, i, x)
	}
	return buf, nil
}

// Unpack returns the values of a packed buffer.
func Unpack(buf []byte) ([]*big.Int, error) {
	n, err := packedLen("Unpack", buf)
	if err != nil {
		return nil, err
	}
	xs := make([]*big.Int, n)
	for i := range xs {
		xs[i] = at(buf, i)
	}
	return xs, nil
}

// PutPacked stores x as the i-th value of a packed buffer.
func PutPacked(buf []byte, i int, x *big.Int) error {
	const op = "PutPacked"
	n, err := packedLen(op, buf)
	if err != nil {
		return err
	}
	if i < 0 || i >= n {
		return newError(op, ERANGE, "index "+strconv.Itoa(i)+" outside a buffer of "+
			strconv.Itoa(n)+" values")
	}
	if err := u256Arg(op, "x", x); err != nil {
		return err
	}
	put(buf, i, x)
	return nil
}

// PackedAt returns the i-th value of a packed buffer.
func PackedAt(buf []byte, i int) (*big.Int, error) {
	const op = "PackedAt"
	n, err := packedLen(op, buf)
	if err != nil {
		return nil, err
	}
	if i < 0 || i >= n {
		return nil, newError(op, ERANGE, "index "+strconv.Itoa(i)+" outside a buffer of "+
			strconv.Itoa(n)+" values")
	}
	return at(buf, i), nil
}

// swapLimbs turns a packed buffer into the host's stake_u256 layout and
// back on a big-endian host (an involution).
func swapLimbs(buf []byte) {
	for i := 0; i+8 <= len(buf); i += 8 {
		binary.BigEndian.PutUint64(buf[i:], binary.LittleEndian.Uint64(buf[i:]))
	}
}

// withNativeLayout calls f on a buffer in stake_u256's layout holding
// buf's values: buf itself when it is aligned on a little-endian host,
// else an aligned scratch copy, copied back when keep is true and f
// succeeded.
func withNativeLayout(buf []byte, keep bool, f func([]byte) error) error {
	if hostLittleEndian && aligned(buf) {
		return f(buf)
	}
	scratch := NewPacked(len(buf) / PackedSize)
	copy(scratch, buf)
	if !hostLittleEndian {
		swapLimbs(scratch)
	}
	if err := f(scratch); err != nil {
		return err
	}
	if keep {
		if !hostLittleEndian {
			swapLimbs(scratch)
		}
		copy(buf, scratch)
	}
	return nil
}
