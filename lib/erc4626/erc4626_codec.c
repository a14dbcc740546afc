/*
 * The ERC-4626 vault inside a snapshot.
 *
 * Layout (little-endian, see lib/snapshot/codec.h):
 *     u8    decimals offset (0..77)
 *     u256  total assets
 *     u256  total supply, which must equal the ledger's total
 *     ...   the share ledger (stake__ledger_encode)
 * The total supply is stored although the ledger knows it, so that a
 * ledger that does not belong to this vault is noticed on loading.
 */
#include "erc4626_internal.h"
#include "../snapshot/codec.h"

stake_rc stake__erc4626_vault_encode(const stake_erc4626_vault *vault, stake__writer *w)
{
    if (!vault || !w)
        return STAKE_EINVAL;
    stake_u256 supply;
    stake_rc rc = stake_ledger_total(&supply, vault->shares);
    if (rc != STAKE_OK)
        return rc;
    stake__put_u8(w, (uint8_t)vault->decimals_offset);
    stake__put_u256(w, &vault->total_assets);
    stake__put_u256(w, &supply);
    if (w->status != STAKE_OK)
        return w->status;
    return stake__ledger_encode(vault->shares, w);
}

static stake_rc corrupt(stake__reader *r)
{
    stake__reader_fail(r, STAKE_ECORRUPT);
    return STAKE_ECORRUPT;
}

stake_rc stake__erc4626_vault_decode(stake_erc4626_vault **out, stake__reader *r)
{
    if (!out || !r)
        return STAKE_EINVAL;
    stake_u256 total_assets, supply, ledger_total;
    unsigned offset = stake__get_u8(r);
    stake__get_u256(r, &total_assets);
    stake__get_u256(r, &supply);
    if (r->status != STAKE_OK)
        return r->status;
    stake_ledger *shares = NULL;
    stake_rc rc = stake__ledger_decode(&shares, r);
    if (rc != STAKE_OK)
        return rc;
    if (stake_ledger_check(shares) != STAKE_OK ||
        stake_ledger_total(&ledger_total, shares) != STAKE_OK ||
        stake_u256_cmp(&ledger_total, &supply) != 0) {
        stake_ledger_free(shares);
        return corrupt(r);
    }
    return stake__erc4626_wrap(out, offset, &total_assets, shares);
}
