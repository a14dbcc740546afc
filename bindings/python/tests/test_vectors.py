"""The shared vectors produced by OpenZeppelin's contracts in an EVM
(tests/vectors/oz-erc4626-muldiv.jsonl): every mulDiv record, and every
ERC-4626 record."""

import json

import pytest

import stake
from stake import raw

FILE = "oz-erc4626-muldiv.jsonl"


@pytest.fixture(scope="module")
def records(vectors_dir):
    with open(vectors_dir / FILE, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_vector_file_is_complete(records):
    ops = {r["op"] for r in records}
    assert ops == {"mulDiv", "erc4626"}
    assert sum(r["op"] == "mulDiv" for r in records) >= 6000


def test_all_muldiv_records(records):
    checked = 0
    for r in records:
        if r["op"] != "mulDiv":
            continue
        a, b, c = int(r["a"]), int(r["b"]), int(r["c"])
        rounding = {"floor": stake.Rounding.FLOOR, "ceil": stake.Rounding.CEIL}[r["round"]]
        if r["result"] == "revert":
            with pytest.raises(stake.StakeArithmeticError) as e:
                stake.muldiv(a, b, c, rounding)
            assert e.value.code in (stake.errors.STAKE_EDIVZERO, stake.errors.STAKE_EOVERFLOW)
            assert e.value.code == (stake.errors.STAKE_EDIVZERO if c == 0
                                    else stake.errors.STAKE_EOVERFLOW)
            with pytest.raises(stake.StakeArithmeticError):
                raw.stake_u256_muldiv(a, b, c, int(rounding))
        else:
            expected = int(r["result"])
            assert stake.muldiv(a, b, c, rounding) == expected, r
            assert raw.stake_u256_muldiv(a, b, c, int(rounding)) == expected, r
        checked += 1
    assert checked >= 6000


VIEWS = ["convertToShares", "convertToAssets", "previewDeposit", "previewMint",
         "previewWithdraw", "previewRedeem"]
METHODS = ["convert_to_shares", "convert_to_assets", "preview_deposit", "preview_mint",
           "preview_withdraw", "preview_redeem"]


@pytest.mark.skipif(not hasattr(raw, "stake_erc4626_convert_to_shares"),
                    reason="no ERC-4626 functions in this libstake")
def test_all_erc4626_records(records):
    checked = 0
    for r in records:
        if r["op"] != "erc4626":
            continue
        state = stake.ERC4626State(total_assets=int(r["totalAssets"]),
                                   total_supply=int(r["totalSupply"]),
                                   decimals_offset=int(r["offset"]))
        x = int(r["x"])
        for view, method in zip(VIEWS, METHODS):
            if r[view] == "revert":
                with pytest.raises(stake.StakeError):
                    getattr(state, method)(x)
            else:
                assert getattr(state, method)(x) == int(r[view]), (r, view)
            checked += 1
    assert checked >= 3000 * 6
