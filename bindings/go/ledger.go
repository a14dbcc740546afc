package stake

import (
	"math/big"
	"runtime"
	"strconv"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// Ledger maps addresses to share balances and (owner, spender) pairs to
// allowances, and keeps the total of all balances (stake_ledger): the
// storage under every token model. Amounts are plain 256-bit numbers and
// every address, zero included, is an ordinary key.
//
// A Ledger made by NewLedger, Clone or Snapshot.Ledger owns its C object:
// Close frees it (a finalizer does if you forget). The ledger of a model
// (StETH.Ledger, Vault.Ledger, REth.Ledger) is a read-only view that lives
// as long as the model: its Close does nothing and its mutating methods
// fail with ESTATE. A Ledger is safe for concurrent use.
type Ledger struct {
	h     *handle
	view  func(uintptr) uintptr // for a view: the ledger's pointer from the model's
	owner interface{}           // for a view: the model, kept alive
}

// Account is an address with its balance.
type Account struct {
	Address Address
	Balance *big.Int
}

func freeLedger(p uintptr) { cstake.Stake_ledger_free(cstake.SwigcptrStruct_SS_stake_ledger(p)) }

func newOwnedLedger(p uintptr) *Ledger {
	l := &Ledger{h: newHandle("Ledger", p, freeLedger)}
	runtime.SetFinalizer(l, func(l *Ledger) { l.h.close() })
	return l
}

// NewLedger creates an empty ledger; expectedAccounts (0 if unknown) sizes
// it so that it does not grow below that many accounts.
func NewLedger(expectedAccounts int) (*Ledger, error) {
	const op = "NewLedger"
	if expectedAccounts < 0 {
		return nil, newError(op, EINVAL, "negative expectedAccounts")
	}
	var p uintptr
	if err := check(op, cstake.Stake_ledger_new(&p, int64(expectedAccounts))); err != nil {
		return nil, err
	}
	return newOwnedLedger(p), nil
}

func (l *Ledger) hnd() *handle {
	if l == nil {
		return nil
	}
	return l.h
}

// rlock read-locks the ledger (the model's lock for a view).
func (l *Ledger) rlock(op string) (cstake.SwigcptrStruct_SS_stake_ledger, error) {
	p, err := l.hnd().rlock(op)
	if err != nil {
		return 0, err
	}
	if l.view != nil {
		p = l.view(p)
	}
	return cstake.SwigcptrStruct_SS_stake_ledger(p), nil
}

func (l *Ledger) runlock() { l.h.mu.RUnlock() }

// lock write-locks an owned ledger; views are read-only.
func (l *Ledger) lock(op string) (cstake.SwigcptrStruct_SS_stake_ledger, error) {
	if l != nil && l.view != nil {
		return 0, newError(op, ESTATE, "the ledger of a model is read-only")
	}
	p, err := l.hnd().lock(op)
	return cstake.SwigcptrStruct_SS_stake_ledger(p), err
}

func (l *Ledger) unlock() { l.h.mu.Unlock() }

// Close frees the ledger. Later calls fail with ESTATE; closing twice, or
// closing a model's view, does nothing.
func (l *Ledger) Close() error {
	if l == nil || l.h == nil || l.view != nil {
		return nil
	}
	closeOwner(l, l.h)
	return nil
}

// Clone returns an independent copy, for what-if simulations.
func (l *Ledger) Clone() (*Ledger, error) {
	const op = "Ledger.Clone"
	p, err := l.rlock(op)
	if err != nil {
		return nil, err
	}
	defer l.runlock()
	var c uintptr
	if err := check(op, cstake.Stake_ledger_clone(&c, p)); err != nil {
		return nil, err
	}
	return newOwnedLedger(c), nil
}

// readU256 runs a read-only call that writes one value.
func (l *Ledger) readU256(op string, call func(*big.Int, cstake.SwigcptrStruct_SS_stake_ledger) int) (*big.Int, error) {
	p, err := l.rlock(op)
	if err != nil {
		return nil, err
	}
	defer l.runlock()
	z := new(big.Int)
	if err := check(op, call(z, p)); err != nil {
		return nil, err
	}
	return z, nil
}

// write runs a mutating call after checking its amount.
func (l *Ledger) write(op string, amount *big.Int, call func(cstake.SwigcptrStruct_SS_stake_ledger) int) error {
	if err := u256Arg(op, "amount", amount); err != nil {
		return err
	}
	p, err := l.lock(op)
	if err != nil {
		return err
	}
	defer l.unlock()
	return check(op, call(p))
}

// Balance returns the balance of account (zero if it was never credited).
func (l *Ledger) Balance(account Address) (*big.Int, error) {
	return l.readU256("Ledger.Balance", func(z *big.Int, p cstake.SwigcptrStruct_SS_stake_ledger) int {
		return cstake.Stake_ledger_balance(z, p, account.p())
	})
}

// Total returns the sum of all balances.
func (l *Ledger) Total() (*big.Int, error) {
	return l.readU256("Ledger.Total", func(z *big.Int, p cstake.SwigcptrStruct_SS_stake_ledger) int {
		return cstake.Stake_ledger_total(z, p)
	})
}

// Len returns the number of accounts listed (ever credited; 0 once closed).
func (l *Ledger) Len() int {
	p, err := l.rlock("Ledger.Len")
	if err != nil {
		return 0
	}
	defer l.runlock()
	return int(cstake.Stake_ledger_count(p))
}

// Mint credits amount to account to and to the total. EOVERFLOW if the
// total would reach 2^256.
func (l *Ledger) Mint(to Address, amount *big.Int) error {
	return l.write("Ledger.Mint", amount, func(p cstake.SwigcptrStruct_SS_stake_ledger) int {
		return cstake.Stake_ledger_mint(p, to.p(), amount)
	})
}

// Burn debits amount from account from and from the total. EBALANCE if the
// account holds less.
func (l *Ledger) Burn(from Address, amount *big.Int) error {
	return l.write("Ledger.Burn", amount, func(p cstake.SwigcptrStruct_SS_stake_ledger) int {
		return cstake.Stake_ledger_burn(p, from.p(), amount)
	})
}

// Move moves amount from one account to another. EBALANCE if from holds
// less.
func (l *Ledger) Move(from, to Address, amount *big.Int) error {
	return l.write("Ledger.Move", amount, func(p cstake.SwigcptrStruct_SS_stake_ledger) int {
		return cstake.Stake_ledger_move(p, from.p(), to.p(), amount)
	})
}

// Allowance returns the allowance granted by owner to spender.
func (l *Ledger) Allowance(owner, spender Address) (*big.Int, error) {
	return l.readU256("Ledger.Allowance", func(z *big.Int, p cstake.SwigcptrStruct_SS_stake_ledger) int {
		return cstake.Stake_ledger_allowance(z, p, owner.p(), spender.p())
	})
}

// Approve sets the allowance of spender over owner's funds to amount.
func (l *Ledger) Approve(owner, spender Address, amount *big.Int) error {
	return l.write("Ledger.Approve", amount, func(p cstake.SwigcptrStruct_SS_stake_ledger) int {
		return cstake.Stake_ledger_approve(p, owner.p(), spender.p(), amount)
	})
}

// SpendAllowance spends amount of the allowance as OpenZeppelin's
// _spendAllowance (an allowance of 2^256 - 1 is infinite). EALLOWANCE if
// the allowance is lower.
func (l *Ledger) SpendAllowance(owner, spender Address, amount *big.Int) error {
	return l.write("Ledger.SpendAllowance", amount, func(p cstake.SwigcptrStruct_SS_stake_ledger) int {
		return cstake.Stake_ledger_spend_allowance(p, owner.p(), spender.p(), amount)
	})
}

// AccountAt returns the index-th account in first-credited order with its
// balance. ERANGE past the end.
func (l *Ledger) AccountAt(index int) (Address, *big.Int, error) {
	const op = "Ledger.AccountAt"
	var a Address
	if index < 0 {
		return a, nil, newError(op, ERANGE, "negative index")
	}
	p, err := l.rlock(op)
	if err != nil {
		return a, nil, err
	}
	defer l.runlock()
	z := new(big.Int)
	if err := check(op, cstake.Stake_ledger_account_at((*[20]byte)(&a), z, p, int64(index))); err != nil {
		return Address{}, nil, err
	}
	return a, z, nil
}

// Accounts returns every account with its balance, in first-credited
// order.
func (l *Ledger) Accounts() ([]Account, error) {
	const op = "Ledger.Accounts"
	p, err := l.rlock(op)
	if err != nil {
		return nil, err
	}
	defer l.runlock()
	n := int(cstake.Stake_ledger_count(p))
	accounts := make([]Account, n)
	for i := range accounts {
		// A separate address: cgo checks the whole slice a pointer points
		// into, and accounts holds Go pointers.
		var a Address
		z := new(big.Int)
		if err := check(op, cstake.Stake_ledger_account_at((*[20]byte)(&a), z, p, int64(i))); err != nil {
			return nil, err
		}
		accounts[i] = Account{a, z}
	}
	return accounts, nil
}

// ConvertAllPacked writes into buf (see PackedSize) the conversion of the
// balances of the first len(buf)/32 accounts, in first-credited order, in
// one call (stake_ledger_convert_all): every wallet balance after a rebase.
// All or nothing; Error.Index is the first offending account. ERANGE if
// buf holds more values than there are accounts.
func (l *Ledger) ConvertAllPacked(conv Conversion, buf []byte) error {
	const op = "Ledger.ConvertAllPacked"
	n, err := packedLen(op, buf)
	if err != nil {
		return err
	}
	c, err := conv.toC(op)
	if err != nil {
		return err
	}
	defer cstake.DeleteStake_conversion(c)
	p, err := l.rlock(op)
	if err != nil {
		return err
	}
	defer l.runlock()
	if count := int(cstake.Stake_ledger_count(p)); n > count {
		return newError(op, ERANGE, strconv.Itoa(n)+" values asked of a ledger of "+
			strconv.Itoa(count)+" accounts")
	}
	return withNativeLayout(buf, true, func(native []byte) error {
		return batchError(op, n, func(failed *int64) int {
			return cstake.Stake_ledger_convert_all(native, p, c, failed)
		})
	})
}

// ConvertAll returns the conversion of every account's balance, in
// first-credited order (see ConvertAllPacked).
func (l *Ledger) ConvertAll(conv Conversion) ([]*big.Int, error) {
	const op = "Ledger.ConvertAll"
	p, err := l.rlock(op)
	if err != nil {
		return nil, err
	}
	n := int(cstake.Stake_ledger_count(p))
	l.runlock()
	// The count is read again under the lock by ConvertAllPacked: a ledger
	// that grew meanwhile converts its first n accounts, still consistent.
	buf := NewPacked(n)
	if err := l.ConvertAllPacked(conv, buf); err != nil {
		err.(*Error).Op = op
		return nil, err
	}
	return Unpack(buf)
}

// Check verifies the ledger's invariants (the balances sum to the total,
// the index is consistent): ECORRUPT if not.
func (l *Ledger) Check() error {
	const op = "Ledger.Check"
	p, err := l.rlock(op)
	if err != nil {
		return err
	}
	defer l.runlock()
	return check(op, cstake.Stake_ledger_check(p))
}

// Memory returns the bytes of memory the ledger holds (0 once closed).
func (l *Ledger) Memory() int {
	p, err := l.rlock("Ledger.Memory")
	if err != nil {
		return 0
	}
	defer l.runlock()
	return int(cstake.Stake_ledger_memory(p))
}
