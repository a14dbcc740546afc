package stake

import (
	"math/big"
	"strconv"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// Product is the way a conversion forms x * num (enum stake_product).
type Product int

const (
	// ProductWide: the product is exact in 512 bits and only the result
	// must fit (OpenZeppelin's Math.mulDiv: ERC-4626 vaults).
	ProductWide Product = 0
	// ProductChecked: the product itself must fit in 256 bits, as with
	// SafeMath or Solidity 0.8 checked arithmetic (stETH V2, rETH).
	ProductChecked Product = 1
	// ProductWrapping: the product is taken modulo 2^256, as a plain `*`
	// before Solidity 0.8 (stETH V3); only a zero divisor fails.
	ProductWrapping Product = 2
)

// Conversion is y = x * Num / Den with a rounding, a way of forming the
// product and an optional bound on the input, exactly as a contract
// computes it (stake_conversion). The protocol models build them
// (LidoTotals.Conversion, ERC4626State.Conversion, RethTotals.Conversion);
// apply one to a value with Convert, or to many at once with ConvertAll or,
// fastest, ConvertPacked. A nil field stands for zero.
type Conversion struct {
	Num, Den   *big.Int
	Rounding   Rounding
	Product    Product
	InputBound *big.Int // inputs must be below it; nil or zero: no bound
}

// check validates c and returns its input bound (zero for nil).
func (c Conversion) check(op string) (*big.Int, error) {
	if err := fieldArgs(op, "Conversion.Num", c.Num, "Conversion.Den", c.Den,
		"Conversion.InputBound", c.InputBound); err != nil {
		return nil, err
	}
	if err := roundingArg(op, c.Rounding); err != nil {
		return nil, err
	}
	if c.Product != ProductWide && c.Product != ProductChecked && c.Product != ProductWrapping {
		return nil, newError(op, EINVAL, "unknown product "+strconv.Itoa(int(c.Product)))
	}
	return optU256(c.InputBound), nil
}

// toC validates c and builds the C struct, which the caller deletes.
func (c Conversion) toC(op string) (cstake.Stake_conversion, error) {
	bound, err := c.check(op)
	if err != nil {
		return nil, err
	}
	p := cstake.NewStake_conversion()
	p.SetNum(optU256(c.Num))
	p.SetDen(optU256(c.Den))
	p.SetRounding(cstake.Enum_SS_stake_rounding(c.Rounding))
	p.SetProduct(cstake.Enum_SS_stake_product(c.Product))
	p.SetInput_bound(bound)
	return p, nil
}

func conversionFromC(p cstake.Stake_conversion) Conversion {
	c := Conversion{
		Num:        p.GetNum(),
		Den:        p.GetDen(),
		Rounding:   Rounding(p.GetRounding()),
		Product:    Product(p.GetProduct()),
		InputBound: p.GetInput_bound(),
	}
	return c
}

// Convert returns x converted (stake_convert). Errors: ETOOLARGE (x at or
// above the input bound), EOVERFLOW (product or result too wide for the
// product mode), EDIVZERO (Den is zero).
func (c Conversion) Convert(x *big.Int) (*big.Int, error) {
	const op = "Conversion.Convert"
	if err := u256Arg(op, "x", x); err != nil {
		return nil, err
	}
	bound, err := c.check(op)
	if err != nil {
		return nil, err
	}
	z, rc := fastConvert(&c, bound, x) // stake_convert, see fastpath.go
	if err := check(op, rc); err != nil {
		return nil, err
	}
	return z, nil
}

// ConvertPacked converts every value of a packed buffer (see PackedSize)
// in place, in one call of the library (stake_convert_batch: the ratio
// prepared once for the whole array, a few nanoseconds per value). All or
// nothing: on error buf is unchanged and Error.Index is the first
// offending element. A buffer that is not 8-byte aligned is copied.
func (c Conversion) ConvertPacked(buf []byte) error {
	const op = "Conversion.ConvertPacked"
	n, err := packedLen(op, buf)
	if err != nil {
		return err
	}
	p, err := c.toC(op)
	if err != nil {
		return err
	}
	defer cstake.DeleteStake_conversion(p)
	return withNativeLayout(buf, true, func(native []byte) error {
		return batchError(op, n, func(failed *int64) int {
			return cstake.Stake_convert_batch(native, p, failed)
		})
	})
}

// batchError runs a batch call and reports its failing index.
func batchError(op string, n int, call func(*int64) int) error {
	failed := int64(-1)
	rc := call(&failed)
	if rc == 0 {
		return nil
	}
	e := newError(op, Code(rc), "")
	if failed >= 0 && failed < int64(n) {
		e.Index = int(failed)
	}
	return e
}

// ConvertAll returns every value of xs converted, in one call of the
// library. All or nothing: on error Error.Index is the first offending
// element (also for an element that is not a uint256).
func (c Conversion) ConvertAll(xs []*big.Int) ([]*big.Int, error) {
	const op = "Conversion.ConvertAll"
	buf, err := Pack(xs)
	if err != nil {
		err.(*Error).Op = op
		return nil, err
	}
	if err := c.ConvertPacked(buf); err != nil {
		err.(*Error).Op = op
		return nil, err
	}
	return Unpack(buf)
}
