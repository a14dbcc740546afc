"""Objects owning C memory: freed deterministically (with, close) or by
the garbage collector, views keeping their owner alive, clones independent;
the ledger, the vault, rETH and snapshots through the Pythonic API."""

import copy
import gc
import pickle

import pytest

import stake

HANDLES = [
    (stake.Ledger, lambda: stake.Ledger()),
    (stake.StETH, lambda: stake.StETH()),
    (stake.ERC4626Vault, lambda: stake.ERC4626Vault()),
    (stake.RETH, lambda: stake.RETH()),
    (stake.Snapshot, lambda: stake.Snapshot()),
]
if hasattr(stake, "WithdrawalQueue"):
    HANDLES.append((stake.WithdrawalQueue, lambda: stake.WithdrawalQueue()))


@pytest.fixture
def frees(monkeypatch):
    """Records every C free of every handle class: {class: [pointers]}.
    Cyclic garbage left by earlier tests is collected first, so that only
    this test's frees are recorded."""
    gc.collect()
    log = {}
    for cls, _ in HANDLES:
        orig = cls._free

        def spy(ptr, cls=cls, orig=orig):
            log.setdefault(cls, []).append(int(ptr))
            orig(ptr)
        monkeypatch.setattr(cls, "_free", staticmethod(spy))
    return log


@pytest.mark.parametrize("cls, make", HANDLES, ids=[c.__name__ for c, _ in HANDLES])
def test_context_manager_frees_once(frees, cls, make):
    with make() as obj:
        assert not obj.closed
        ptr = int(obj.this)
    assert obj.closed
    assert frees[cls] == [ptr]
    obj.close()                                   # idempotent
    obj.__del__()
    assert frees[cls] == [ptr]
    with pytest.raises(ValueError, match="closed"):
        obj.this
    with pytest.raises(ValueError):
        with obj:
            pass


@pytest.mark.parametrize("cls, make", HANDLES, ids=[c.__name__ for c, _ in HANDLES])
def test_close_and_gc_free(frees, cls, make):
    obj = make()
    obj.close()
    assert len(frees[cls]) == 1
    obj = make()
    ptr = int(obj.this)
    del obj
    gc.collect()
    assert frees[cls][-1] == ptr and len(frees[cls]) == 2


def test_exception_inside_with_still_frees(frees):
    with pytest.raises(RuntimeError):
        with stake.Ledger() as ledger:
            raise RuntimeError("boom")
    assert ledger.closed and len(frees[stake.Ledger]) == 1


@pytest.mark.parametrize("attr", ["ledger"])
@pytest.mark.parametrize("make", [stake.StETH, stake.ERC4626Vault, stake.RETH])
def test_views_keep_their_owner_alive(frees, make, attr):
    owner = make()
    view = getattr(owner, attr)
    assert view.is_view
    owner_cls = type(owner)
    del owner
    gc.collect()
    assert owner_cls not in frees                 # the view holds it
    assert view.total >= 0                        # and its memory is valid
    view.close()                                  # a view frees nothing...
    assert stake.Ledger not in frees
    gc.collect()
    assert len(frees[owner_cls]) == 1             # ...and lets go of its owner


def test_views_die_with_an_explicitly_closed_owner(frees):
    steth = stake.StETH()
    view = steth.ledger
    wst = steth.wsteth
    steth.close()
    assert view.closed
    with pytest.raises(ValueError, match="closed"):
        view.total
    with pytest.raises(ValueError, match="closed"):
        wst.total_supply
    assert stake.Ledger not in frees


def test_views_are_read_only(alice):
    with stake.StETH() as steth:
        view = steth.ledger
        assert len(view) == 1 and view.total == 10**18
        for f, args in [(view.mint, (alice, 1)), (view.burn, (stake.DEAD_ADDRESS, 1)),
                        (view.move, (stake.DEAD_ADDRESS, alice, 1)),
                        (view.approve, (alice, alice, 1))]:
            with pytest.raises(TypeError, match="read-only"):
                f(*args)
        copy_ = view.clone()                      # a clone of a view is owned
        assert not copy_.is_view
        copy_.mint(alice, 5)
        assert view.balance_of(alice) == 0
        copy_.close()


def test_clones_are_independent(alice, bob):
    with stake.Ledger() as a:
        a.mint(alice, 100)
        b = a.clone()
        c = copy.copy(a)
        d = copy.deepcopy(a)
        b.move(alice, bob, 40)
        assert (a.balance_of(alice), b.balance_of(alice)) == (100, 60)
        assert c.balance_of(alice) == d.balance_of(alice) == 100
        for x in (b, c, d):
            x.close()


def test_handles_do_not_pickle():
    with stake.Ledger() as ledger:
        with pytest.raises(TypeError, match="Snapshot"):
            pickle.dumps(ledger)


def test_raw_functions_accept_pythonic_objects(alice):
    with stake.Ledger() as ledger:
        ledger.mint(alice, 9)
        assert stake.raw.stake_ledger_balance(ledger, alice) == 9
        assert stake.raw.stake_ledger_count(ledger.this) == 1


# ---- the ledger ------------------------------------------------------------------------

def test_ledger(alice, bob, carol):
    with stake.Ledger(expected_accounts=4) as ledger:
        assert len(ledger) == 0 and ledger.total == 0
        ledger.mint(alice, 100)
        ledger.mint(bob, 50)
        ledger.move(alice, carol, 30)
        ledger.burn(bob, 50)
        assert ledger.balances() == {alice: 70, bob: 0, carol: 30}
        assert list(ledger) == [(alice, 70), (bob, 0), (carol, 30)]
        assert ledger.accounts() == [alice, bob, carol]
        assert ledger.account_at(2) == (carol, 30)
        with pytest.raises(stake.StakeError) as e:
            ledger.account_at(3)
        assert e.value.name == "STAKE_ERANGE"
        assert ledger.total == 100
        ledger.approve(alice, bob, 10)
        ledger.spend_allowance(alice, bob, 4)
        assert ledger.allowance(alice, bob) == 6
        ledger.approve(alice, bob, stake.MAX_U256)
        ledger.spend_allowance(alice, bob, 10**30)
        assert ledger.allowance(alice, bob) == stake.MAX_U256     # infinite
        ledger.check()
        assert ledger.memory > 0
        # addresses as bytes are the same accounts
        assert ledger.balance_of(bytes.fromhex(alice[2:])) == 70
        conv = stake.Conversion(num=3, den=2, rounding=stake.Rounding.CEIL)
        assert ledger.convert_all(conv) == [105, 0, 45]
        assert ledger.convert_all(conv, 1) == [105]
        assert stake.unpack(ledger.convert_all_buffer(conv)) == [105, 0, 45]


def test_conversion_object():
    conv = stake.Conversion(num=10, den=3)
    assert conv(10) == 33
    assert conv.many([1, 2, 3]) == [3, 6, 10]
    assert repr(conv).startswith("Conversion(num=10, den=3")
    assert conv == stake.Conversion(num=10, den=3)
    assert conv != stake.Conversion(num=10, den=3, rounding=stake.Rounding.CEIL)
    bounded = stake.Conversion(num=1, den=1, input_bound=100)
    assert bounded(99) == 99
    with pytest.raises(stake.StakeTokenError) as e:
        bounded(100)
    assert e.value.name == "STAKE_ETOOLARGE"
    checked = stake.Conversion(num=2**200, den=2**200, product=stake.Product.CHECKED)
    wide = stake.Conversion(num=2**200, den=2**200, product=stake.Product.WIDE)
    assert wide(2**100) == 2**100
    with pytest.raises(stake.StakeArithmeticError):
        checked(2**100)
    with pytest.raises(TypeError):
        stake.Conversion(num=1.5)


# ---- ERC-4626 vault ------------------------------------------------------------------------

def test_vault_round_trip(alice, bob):
    with stake.ERC4626Vault(decimals_offset=3) as vault:
        shares = vault.deposit(alice, alice, 10**18)
        st = vault.state
        assert shares == st.total_supply == 10**18 * 10**3
        assert vault.balance_of(alice) == shares
        vault.gain(10**17)                        # profit: 10%
        st = vault.state
        assert st.total_assets == 11 * 10**17
        # OpenZeppelin v5 with a virtual offset, in Python ints
        expect = shares * (st.total_assets + 1) // (st.total_supply + 10**3)
        assert vault.preview_redeem(shares) == expect
        assert vault.max_withdraw(alice) == expect
        assert vault.max_redeem(alice) == shares
        assert vault.max_deposit(alice) == stake.MAX_U256
        vault.approve(alice, bob, shares)
        assets = vault.redeem(bob, bob, alice, shares // 2)
        assert assets == (shares // 2) * (st.total_assets + 1) // (st.total_supply + 10**3)
        assert vault.allowance(alice, bob) == shares - shares // 2
        with pytest.raises(stake.StakeTokenError):
            vault.withdraw(bob, bob, alice, 10**30)
        assert vault.ledger.total == vault.total_supply
        conv = vault.conversion(stake.ERC4626Direction.SHARES_TO_ASSETS)
        assert conv(vault.balance_of(alice)) == vault.convert_to_assets(vault.balance_of(alice))


# ---- rETH ------------------------------------------------------------------------------------

def test_reth(alice, bob):
    with stake.RETH() as reth:
        p = stake.RETH.default_params()
        assert p.minimum_deposit == 10**16
        minted = reth.deposit(alice, 10**18)
        fee = 10**18 * p.deposit_fee // 10**18
        assert minted == 10**18 - fee               # 1:1 at zero supply
        assert reth.balance_of(alice) == minted == reth.total_supply
        with pytest.raises(stake.StakeTokenError) as e:
            reth.deposit(alice, 10**15)
        assert e.value.name == "STAKE_EBELOWMIN"
        reth.submit_balances(10**6, 1050 * 10**15, 0, 1000 * 10**15)
        t = reth.totals
        assert (t.total_eth, t.reth_supply) == (1050 * 10**15, 1000 * 10**15)
        assert reth.exchange_rate() == 10**18 * t.total_eth // t.reth_supply
        reth.transfer(alice, bob, 10**17)
        reth.set_collateral(10**18, 0)
        assert reth.total_collateral == 10**18
        paid = reth.burn(bob, 10**17)
        assert paid == 10**17 * t.total_eth // t.reth_supply
        assert reth.balance_of(bob) == 0


# ---- snapshots ---------------------------------------------------------------------------------

def test_snapshot_round_trip(tmp_path, alice, bob):
    path = tmp_path / "state.snap"
    with stake.Snapshot() as snap, stake.StETH() as steth, stake.Ledger() as ledger, \
            stake.ERC4626Vault() as vault, stake.RETH() as reth:
        steth.submit(alice, 3 * 10**18)
        ledger.mint(bob, 7)
        vault.deposit(alice, alice, 100)
        reth.deposit(alice, 10**18)
        snap.put("steth", steth)
        snap["ledger"] = ledger
        snap.put("vault", vault)
        snap.put("reth", reth)
        snap.put("steth-shares", steth.ledger)    # a view can be saved too
        assert len(snap) == 5
        assert snap.entries()[0] == (stake.SnapshotKind.STETH, "steth")
        snap.save(str(path))
        steth.submit(alice, 10**18)               # later changes are not in it
    with stake.Snapshot.load(path) as snap:
        assert list(snap) == ["steth", "ledger", "vault", "reth", "steth-shares"]
        assert "vault" in snap and "nope" not in snap
        assert snap.kind("reth") == stake.SnapshotKind.RETH
        with snap["steth"] as steth:
            assert isinstance(steth, stake.StETH)
            assert steth.balance_of(alice) == 3 * 10**18
        with snap.get_ledger("ledger") as ledger:
            assert ledger.balances() == {bob: 7}
        with snap["vault"] as vault, snap["reth"] as reth:
            assert vault.balance_of(alice) == 100
            assert reth.balance_of(alice) > 0
        with snap["steth-shares"] as shares:
            assert not shares.is_view
            assert shares.balance_of(alice) == 3 * 10**18
        with pytest.raises(KeyError):
            snap["nope"]
        with pytest.raises(TypeError):
            snap.put("x", object())
