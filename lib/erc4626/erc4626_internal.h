/*
 * Internal: the ERC-4626 vault's state and the helpers shared by
 * the files of lib/erc4626.
 */
#ifndef STAKE_ERC4626_INTERNAL_H
#define STAKE_ERC4626_INTERNAL_H

#include "../core/values.h"

#include <string.h>
#include "stake/erc4626.h"

/* The largest decimals offset whose 10^d fits in 256 bits, and the
 * largest one the contract can have (_decimalsOffset() is a uint8). */
#define STAKE__ERC4626_MAX_OFFSET 77u
#define STAKE__ERC4626_MAX_UINT8 255u

struct stake_erc4626_vault {
    unsigned decimals_offset;
    stake_u256 total_assets;     /* totalAssets(): the vault's balance of the asset */
    stake_ledger *shares;        /* balances and allowances in shares; its total is
                                  * totalSupply(), kept nowhere else */
};

/* _convertToShares / _convertToAssets as a conversion: num and den are
 * totalSupply + 10^d and totalAssets + 1, each checked (STAKE_EOVERFLOW);
 * nothing else is validated. */
stake_rc stake__erc4626_build(stake_conversion *out, const stake_erc4626_state *state,
                              stake_erc4626_direction direction, stake_rounding rounding);

/* The same conversion applied to x. */
stake_rc stake__erc4626_apply(stake_u256 *out, const stake_erc4626_state *state,
                              stake_erc4626_direction direction, stake_rounding rounding,
                              const stake_u256 *x);

/* The vault's totals (total supply read from the ledger). */
stake_rc stake__erc4626_totals(stake_erc4626_state *out, const stake_erc4626_vault *vault);

/* A vault around an existing ledger (taken over, also on error). */
stake_rc stake__erc4626_wrap(stake_erc4626_vault **out, unsigned decimals_offset,
                             const stake_u256 *total_assets, stake_ledger *shares);

#endif /* STAKE_ERC4626_INTERNAL_H */
