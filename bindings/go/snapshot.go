package stake

import (
	"runtime"
	"strings"

	"github.com/libstake/libstake/bindings/go/cstake"
)

// SnapshotKind is the kind of model an entry of a snapshot holds.
type SnapshotKind int

const (
	SnapshotLedger  SnapshotKind = 1
	SnapshotStETH   SnapshotKind = 2
	SnapshotERC4626 SnapshotKind = 3
	SnapshotREth    SnapshotKind = 4
	SnapshotQueue   SnapshotKind = 5
)

// SnapshotEntry names an entry of a snapshot.
type SnapshotEntry struct {
	Kind SnapshotKind
	Name string
}

// Snapshot is a set of named model states (stake_snapshot): ledgers, stETH
// tokens, ERC-4626 vaults, rETH tokens, withdrawal queues. Putting a model
// copies its state at that moment, getting one builds a new, independent
// object. Save writes a versioned, checksummed file atomically; LoadSnapshot
// verifies everything before returning anything. Names use
// [A-Za-z0-9_.-], 63 bytes at most. Close frees it (a finalizer does if
// you forget); a Snapshot is safe for concurrent use.
type Snapshot struct {
	h *handle
}

type snapshotPtr = cstake.SwigcptrStruct_SS_stake_snapshot

func newOwnedSnapshot(p uintptr) *Snapshot {
	s := &Snapshot{h: newHandle("Snapshot", p, func(p uintptr) { cstake.Stake_snapshot_free(snapshotPtr(p)) })}
	runtime.SetFinalizer(s, func(s *Snapshot) { s.h.close() })
	return s
}

func (s *Snapshot) hnd() *handle {
	if s == nil {
		return nil
	}
	return s.h
}

// NewSnapshot creates an empty snapshot.
func NewSnapshot() (*Snapshot, error) {
	var p uintptr
	if err := check("NewSnapshot", cstake.Stake_snapshot_new(&p)); err != nil {
		return nil, err
	}
	return newOwnedSnapshot(p), nil
}

// textArg refuses a string C would see truncated at a NUL byte.
func textArg(op, what, s string) error {
	if i := strings.IndexByte(s, 0); i >= 0 {
		e := newError(op, EINVAL, what+" contains a NUL byte")
		e.Offset = i
		return e
	}
	return nil
}

// LoadSnapshot reads and fully verifies a snapshot file. Errors: EIO,
// EFORMAT (not a libstake snapshot), EVERSION, ETRUNCATED, ECORRUPT, with
// the library's detail and offset.
func LoadSnapshot(path string) (*Snapshot, error) {
	const op = "LoadSnapshot"
	if err := textArg(op, "path", path); err != nil {
		return nil, err
	}
	detail := cstake.NewStake_error()
	defer cstake.DeleteStake_error(detail)
	var p uintptr
	if rc := cstake.Stake_snapshot_load(&p, path, detail); rc != 0 {
		e := newError(op, Code(rc), detail.GetText())
		e.Offset = int(detail.GetPosition())
		return nil, e
	}
	return newOwnedSnapshot(p), nil
}

// Close frees the snapshot (not the models taken from it).
func (s *Snapshot) Close() error {
	if s == nil || s.h == nil {
		return nil
	}
	closeOwner(s, s.h)
	return nil
}

// Save writes the snapshot to path atomically (temporary file, fsync,
// rename). EIO with the failing system call in Error.Detail.
func (s *Snapshot) Save(path string) error {
	const op = "Snapshot.Save"
	if err := textArg(op, "path", path); err != nil {
		return err
	}
	p, err := s.hnd().rlock(op)
	if err != nil {
		return err
	}
	defer s.h.mu.RUnlock()
	detail := cstake.NewStake_error()
	defer cstake.DeleteStake_error(detail)
	if rc := cstake.Stake_snapshot_save(snapshotPtr(p), path, detail); rc != 0 {
		e := newError(op, Code(rc), detail.GetText())
		e.Offset = int(detail.GetPosition())
		return e
	}
	return nil
}

// Len returns the number of entries (0 once closed).
func (s *Snapshot) Len() int {
	p, err := s.hnd().rlock("Snapshot.Len")
	if err != nil {
		return 0
	}
	defer s.h.mu.RUnlock()
	return int(cstake.Stake_snapshot_count(snapshotPtr(p)))
}

// Entries lists the entries in the order they were first put.
func (s *Snapshot) Entries() ([]SnapshotEntry, error) {
	const op = "Snapshot.Entries"
	p, err := s.hnd().rlock(op)
	if err != nil {
		return nil, err
	}
	defer s.h.mu.RUnlock()
	n := cstake.Stake_snapshot_count(snapshotPtr(p))
	entries := make([]SnapshotEntry, 0, n)
	for i := int64(0); i < n; i++ {
		var kind int
		var name string
		if err := check(op, cstake.Stake_snapshot_entry(&kind, &name, snapshotPtr(p), i)); err != nil {
			return nil, err
		}
		entries = append(entries, SnapshotEntry{SnapshotKind(kind), name})
	}
	return entries, nil
}

// put copies a model into the snapshot: the model read-locked, the
// snapshot write-locked.
func (s *Snapshot) put(op, name string, model *handle, call func(snapshotPtr, uintptr) int) error {
	if err := textArg(op, "name", name); err != nil {
		return err
	}
	m, err := model.rlock(op)
	if err != nil {
		return err
	}
	defer model.mu.RUnlock()
	return update(s.hnd(), op, func(p snapshotPtr) int { return call(p, m) })
}

// PutLedger copies a ledger's current state under name, replacing an
// entry of that name (EINVAL for a bad name).
func (s *Snapshot) PutLedger(name string, l *Ledger) error {
	const op = "Snapshot.PutLedger"
	if err := textArg(op, "name", name); err != nil {
		return err
	}
	lp, err := l.rlock(op)
	if err != nil {
		return err
	}
	defer l.runlock()
	return update(s.hnd(), op, func(p snapshotPtr) int {
		return cstake.Stake_snapshot_put_ledger(p, name, lp)
	})
}

// PutStETH copies a stETH model under name.
func (s *Snapshot) PutStETH(name string, t *StETH) error {
	return s.put("Snapshot.PutStETH", name, t.hnd(), func(p snapshotPtr, m uintptr) int {
		return cstake.Stake_snapshot_put_steth(p, name, stethPtr(m))
	})
}

// PutVault copies an ERC-4626 vault under name.
func (s *Snapshot) PutVault(name string, v *Vault) error {
	return s.put("Snapshot.PutVault", name, v.hnd(), func(p snapshotPtr, m uintptr) int {
		return cstake.Stake_snapshot_put_erc4626(p, name, vaultPtr(m))
	})
}

// PutREth copies an rETH model under name.
func (s *Snapshot) PutREth(name string, r *REth) error {
	return s.put("Snapshot.PutREth", name, r.hnd(), func(p snapshotPtr, m uintptr) int {
		return cstake.Stake_snapshot_put_reth(p, name, rethPtr(m))
	})
}

// PutQueue copies a withdrawal queue under name.
func (s *Snapshot) PutQueue(name string, q *Queue) error {
	return s.put("Snapshot.PutQueue", name, q.hnd(), func(p snapshotPtr, m uintptr) int {
		return cstake.Stake_snapshot_put_queue(p, name, queuePtr(m))
	})
}

// get builds a new object from an entry; ENOTFOUND if there is no entry of
// that name and kind.
func (s *Snapshot) get(op, name string, call func(*uintptr, snapshotPtr) int) (uintptr, error) {
	if err := textArg(op, "name", name); err != nil {
		return 0, err
	}
	var out uintptr
	err := view(s.hnd(), op, func(p snapshotPtr) int { return call(&out, p) })
	return out, err
}

// Ledger builds a new ledger from the entry name.
func (s *Snapshot) Ledger(name string) (*Ledger, error) {
	p, err := s.get("Snapshot.Ledger", name, func(out *uintptr, p snapshotPtr) int {
		return cstake.Stake_snapshot_get_ledger(out, p, name)
	})
	if err != nil {
		return nil, err
	}
	return newOwnedLedger(p), nil
}

// StETH builds a new stETH model from the entry name.
func (s *Snapshot) StETH(name string) (*StETH, error) {
	p, err := s.get("Snapshot.StETH", name, func(out *uintptr, p snapshotPtr) int {
		return cstake.Stake_snapshot_get_steth(out, p, name)
	})
	if err != nil {
		return nil, err
	}
	return newOwnedStETH(p), nil
}

// Vault builds a new ERC-4626 vault from the entry name.
func (s *Snapshot) Vault(name string) (*Vault, error) {
	p, err := s.get("Snapshot.Vault", name, func(out *uintptr, p snapshotPtr) int {
		return cstake.Stake_snapshot_get_erc4626(out, p, name)
	})
	if err != nil {
		return nil, err
	}
	return newOwnedVault(p), nil
}

// Queue builds a new withdrawal queue from the entry name.
func (s *Snapshot) Queue(name string) (*Queue, error) {
	p, err := s.get("Snapshot.Queue", name, func(out *uintptr, p snapshotPtr) int {
		return cstake.Stake_snapshot_get_queue(out, p, name)
	})
	if err != nil {
		return nil, err
	}
	return newOwnedQueue(p), nil
}

// REth builds a new rETH model from the entry name.
func (s *Snapshot) REth(name string) (*REth, error) {
	p, err := s.get("Snapshot.REth", name, func(out *uintptr, p snapshotPtr) int {
		return cstake.Stake_snapshot_get_reth(out, p, name)
	})
	if err != nil {
		return nil, err
	}
	return newOwnedREth(p), nil
}
