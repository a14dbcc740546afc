/*
 * libstake: ERC-4626 tokenized vaults with OpenZeppelin v5 semantics.
 *
 * Conversions use a virtual offset: assets -> shares is
 * mulDiv(assets, totalSupply + 10^d, totalAssets + 1, rounding) and
 * shares -> assets the inverse, with d the vault's decimals offset. There
 * is no special case for an empty vault. Rounding always favours the
 * vault:
 *
 *     convertToShares, previewDeposit   floor     (assets -> shares)
 *     convertToAssets, previewRedeem    floor     (shares -> assets)
 *     previewMint                       ceil      (shares -> assets)
 *     previewWithdraw                   ceil      (assets -> shares)
 *
 * Refusals match the contract's reverts: 10^d, totalSupply + 10^d or
 * totalAssets + 1 overflowing (STAKE_EOVERFLOW) and mulDiv's refusals.
 *
 * Two layers, as for every model: pure functions of a
 * stake_erc4626_state, and a stateful vault (stake_erc4626_vault) with a
 * share ledger, allowances in shares, deposit / mint / withdraw / redeem
 * and the max* limits.
 */
#ifndef STAKE_ERC4626_H
#define STAKE_ERC4626_H

#include <stddef.h>
#include "u256.h"
#include "address.h"
#include "conversion.h"
#include "ledger.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stake_erc4626_state {
    unsigned decimals_offset;     /* _decimalsOffset(), 0 by default */
    stake_u256 total_assets;      /* totalAssets() */
    stake_u256 total_supply;      /* totalSupply() */
} stake_erc4626_state;

/* The views, each of x, as the contract returns them. */
STAKE_API STAKE_WUR stake_rc stake_erc4626_convert_to_shares(stake_u256 *out,
                                                             const stake_erc4626_state *state,
                                                             const stake_u256 *assets);
STAKE_API STAKE_WUR stake_rc stake_erc4626_convert_to_assets(stake_u256 *out,
                                                             const stake_erc4626_state *state,
                                                             const stake_u256 *shares);
STAKE_API STAKE_WUR stake_rc stake_erc4626_preview_deposit(stake_u256 *out,
                                                           const stake_erc4626_state *state,
                                                           const stake_u256 *assets);
STAKE_API STAKE_WUR stake_rc stake_erc4626_preview_mint(stake_u256 *out,
                                                        const stake_erc4626_state *state,
                                                        const stake_u256 *shares);
STAKE_API STAKE_WUR stake_rc stake_erc4626_preview_withdraw(stake_u256 *out,
                                                            const stake_erc4626_state *state,
                                                            const stake_u256 *assets);
STAKE_API STAKE_WUR stake_rc stake_erc4626_preview_redeem(stake_u256 *out,
                                                          const stake_erc4626_state *state,
                                                          const stake_u256 *shares);

typedef enum stake_erc4626_direction {
    STAKE_ERC4626_ASSETS_TO_SHARES = 0,
    STAKE_ERC4626_SHARES_TO_ASSETS = 1
} stake_erc4626_direction;

/* The conversion in that direction with that rounding, for batches. */
STAKE_API STAKE_WUR stake_rc stake_erc4626_conversion(stake_conversion *out,
                                                      const stake_erc4626_state *state,
                                                      stake_erc4626_direction direction,
                                                      stake_rounding rounding);

/* ---- the stateful vault ---------------------------------------------------- */

typedef struct stake_erc4626_vault stake_erc4626_vault;

/* An empty vault with the given decimals offset, a uint8 as in the
 * contract (STAKE_EINVAL above 255). Like the contract, a vault whose
 * offset is above 77 exists but every conversion refuses with
 * STAKE_EOVERFLOW, since 10^d does not fit. */
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_new(stake_erc4626_vault **out,
                                                     unsigned decimals_offset,
                                                     size_t expected_accounts);
STAKE_API void stake_erc4626_vault_free(stake_erc4626_vault *vault);
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_clone(stake_erc4626_vault **out,
                                                       const stake_erc4626_vault *vault);

/* Current totals, for the pure functions. */
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_state(stake_erc4626_state *out,
                                                       const stake_erc4626_vault *vault);
/* The share ledger (borrowed, read-only). */
STAKE_API const stake_ledger *stake_erc4626_vault_ledger(const stake_erc4626_vault *vault);

STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_balance_of(stake_u256 *out,
                                                            const stake_erc4626_vault *vault,
                                                            const stake_address *owner);

/* maxDeposit / maxMint (2^256 - 1), maxWithdraw(owner) =
 * previewRedeem(balanceOf(owner)), maxRedeem(owner) = balanceOf(owner). */
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_max_deposit(stake_u256 *out,
                                                             const stake_erc4626_vault *vault,
                                                             const stake_address *receiver);
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_max_mint(stake_u256 *out,
                                                          const stake_erc4626_vault *vault,
                                                          const stake_address *receiver);
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_max_withdraw(stake_u256 *out,
                                                              const stake_erc4626_vault *vault,
                                                              const stake_address *owner);
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_max_redeem(stake_u256 *out,
                                                            const stake_erc4626_vault *vault,
                                                            const stake_address *owner);

/* deposit(assets, receiver) by caller: mints previewDeposit(assets)
 * shares (written to shares_out). mint(shares, receiver): pulls
 * previewMint(shares) assets. withdraw(assets, receiver, owner): burns
 * previewWithdraw(assets) shares of owner, spending caller's allowance
 * in shares when caller is not owner. redeem(shares, receiver, owner):
 * pays previewRedeem(shares). Refusals, in the contract's order:
 * STAKE_EEXCEEDSMAX (above the max* value), the preview's refusals,
 * STAKE_EALLOWANCE, STAKE_EZEROADDRESS (receiver or owner zero),
 * STAKE_EBALANCE, STAKE_EOVERFLOW (total supply or assets). The
 * underlying token is not modelled: total assets rise and fall with the
 * amounts. */
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_deposit(stake_u256 *shares_out,
                                                         stake_erc4626_vault *vault,
                                                         const stake_address *caller,
                                                         const stake_address *receiver,
                                                         const stake_u256 *assets);
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_mint(stake_u256 *assets_out,
                                                      stake_erc4626_vault *vault,
                                                      const stake_address *caller,
                                                      const stake_address *receiver,
                                                      const stake_u256 *shares);
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_withdraw(stake_u256 *shares_out,
                                                          stake_erc4626_vault *vault,
                                                          const stake_address *caller,
                                                          const stake_address *receiver,
                                                          const stake_address *owner,
                                                          const stake_u256 *assets);
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_redeem(stake_u256 *assets_out,
                                                        stake_erc4626_vault *vault,
                                                        const stake_address *caller,
                                                        const stake_address *receiver,
                                                        const stake_address *owner,
                                                        const stake_u256 *shares);

/* Share-token ERC-20: transfer (STAKE_EZEROADDRESS, STAKE_EBALANCE),
 * approve, allowance. */
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_transfer(stake_erc4626_vault *vault,
                                                          const stake_address *from,
                                                          const stake_address *to,
                                                          const stake_u256 *shares);
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_approve(stake_erc4626_vault *vault,
                                                         const stake_address *owner,
                                                         const stake_address *spender,
                                                         const stake_u256 *shares);
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_allowance(stake_u256 *out,
                                                           const stake_erc4626_vault *vault,
                                                           const stake_address *owner,
                                                           const stake_address *spender);

/* Assets arriving without shares (a donation, or strategy profit) and
 * assets lost (a strategy loss: STAKE_EBALANCE beyond total assets).
 * Both change the rate for every holder. */
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_gain(stake_erc4626_vault *vault,
                                                      const stake_u256 *assets);
STAKE_API STAKE_WUR stake_rc stake_erc4626_vault_loss(stake_erc4626_vault *vault,
                                                      const stake_u256 *assets);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_ERC4626_H */
