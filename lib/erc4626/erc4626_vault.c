/*
 * The stateful ERC-4626 vault: creation, copies and the read-only views
 * (balances, totals and the max* limits of ERC4626.sol).
 *
 * The share ledger is the only record of balances, allowances and the
 * total supply; the vault adds the decimals offset and its total assets.
 */
#include <stdlib.h>

#include "erc4626_internal.h"

stake_rc stake__erc4626_wrap(stake_erc4626_vault **out, unsigned decimals_offset,
                             const stake_u256 *total_assets, stake_ledger *shares)
{
    stake_erc4626_vault *v = malloc(sizeof *v);
    if (!v) {
        stake_ledger_free(shares);
        return STAKE_ENOMEM;
    }
    v->decimals_offset = decimals_offset;
    v->total_assets = *total_assets;
    v->shares = shares;
    *out = v;
    return STAKE_OK;
}

stake_rc stake_erc4626_vault_new(stake_erc4626_vault **out, unsigned decimals_offset,
                                 size_t expected_accounts)
{
    static const stake_u256 zero = STAKE_U256_C(0);
    /* The contract deploys with any uint8 offset; above 77 only its
     * conversions revert (10^d overflows), so those refuse, not this. */
    if (!out || decimals_offset > STAKE__ERC4626_MAX_UINT8)
        return STAKE_EINVAL;
    stake_ledger *shares;
    stake_rc rc = stake_ledger_new(&shares, expected_accounts);
    if (rc != STAKE_OK)
        return rc;
    return stake__erc4626_wrap(out, decimals_offset, &zero, shares);
}

void stake_erc4626_vault_free(stake_erc4626_vault *vault)
{
    if (!vault)
        return;
    stake_ledger_free(vault->shares);
    free(vault);
}

stake_rc stake_erc4626_vault_clone(stake_erc4626_vault **out, const stake_erc4626_vault *vault)
{
    if (!out || !vault)
        return STAKE_EINVAL;
    stake_ledger *shares;
    stake_rc rc = stake_ledger_clone(&shares, vault->shares);
    if (rc != STAKE_OK)
        return rc;
    return stake__erc4626_wrap(out, vault->decimals_offset, &vault->total_assets, shares);
}

stake_rc stake__erc4626_totals(stake_erc4626_state *out, const stake_erc4626_vault *vault)
{
    stake_erc4626_state s;
    stake_rc rc = stake_ledger_total(&s.total_supply, vault->shares);
    if (rc != STAKE_OK)
        return rc;
    s.decimals_offset = vault->decimals_offset;
    s.total_assets = vault->total_assets;
    *out = s;
    return STAKE_OK;
}

stake_rc stake_erc4626_vault_state(stake_erc4626_state *out, const stake_erc4626_vault *vault)
{
    if (!out || !vault)
        return STAKE_EINVAL;
    return stake__erc4626_totals(out, vault);
}

const stake_ledger *stake_erc4626_vault_ledger(const stake_erc4626_vault *vault)
{
    return vault ? vault->shares : NULL;
}

stake_rc stake_erc4626_vault_balance_of(stake_u256 *out, const stake_erc4626_vault *vault,
                                        const stake_address *owner)
{
    if (!out || !vault || !owner)
        return STAKE_EINVAL;
    return stake_ledger_balance(out, vault->shares, owner);
}

/* maxDeposit and maxMint: OpenZeppelin's default is type(uint256).max for
 * every receiver. */
static stake_rc unlimited(stake_u256 *out, const stake_erc4626_vault *vault,
                          const stake_address *receiver)
{
    if (!out || !vault || !receiver)
        return STAKE_EINVAL;
    memset(out->w, 0xff, sizeof out->w);
    return STAKE_OK;
}

stake_rc stake_erc4626_vault_max_deposit(stake_u256 *out, const stake_erc4626_vault *vault,
                                         const stake_address *receiver)
{
    return unlimited(out, vault, receiver);
}

stake_rc stake_erc4626_vault_max_mint(stake_u256 *out, const stake_erc4626_vault *vault,
                                      const stake_address *receiver)
{
    return unlimited(out, vault, receiver);
}

/* maxWithdraw(owner) = previewRedeem(balanceOf(owner)). It can revert in
 * the contract too, where totalAssets + 1 or totalSupply + 10^d wraps. */
stake_rc stake_erc4626_vault_max_withdraw(stake_u256 *out, const stake_erc4626_vault *vault,
                                          const stake_address *owner)
{
    if (!out || !vault || !owner)
        return STAKE_EINVAL;
    stake_erc4626_state s;
    stake_u256 balance;
    stake_rc rc = stake__erc4626_totals(&s, vault);
    if (rc == STAKE_OK)
        rc = stake_ledger_balance(&balance, vault->shares, owner);
    if (rc != STAKE_OK)
        return rc;
    return stake_erc4626_preview_redeem(out, &s, &balance);
}

stake_rc stake_erc4626_vault_max_redeem(stake_u256 *out, const stake_erc4626_vault *vault,
                                        const stake_address *owner)
{
    return stake_erc4626_vault_balance_of(out, vault, owner);
}
