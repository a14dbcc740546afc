/*
 * The vault's share token as an OpenZeppelin v5 ERC20 (transfer, approve,
 * allowance), and assets that arrive or leave without shares.
 */
#include "erc4626_internal.h"

/* ERC20._transfer: ERC20InvalidSender, ERC20InvalidReceiver, then
 * ERC20InsufficientBalance in _update. */
stake_rc stake_erc4626_vault_transfer(stake_erc4626_vault *vault, const stake_address *from,
                                      const stake_address *to, const stake_u256 *shares)
{
    if (!vault || !from || !to || !shares)
        return STAKE_EINVAL;
    if (stake_address_is_zero(from) || stake_address_is_zero(to))
        return STAKE_EZEROADDRESS;
    stake_u256 balance;
    stake_rc rc = stake_ledger_balance(&balance, vault->shares, from);
    if (rc != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&balance, shares) < 0)
        return STAKE_EBALANCE;
    if (stake__u256_is_zero(shares))
        return STAKE_OK;
    return stake_ledger_move(vault->shares, from, to, shares);
}

/* ERC20._approve: ERC20InvalidApprover, ERC20InvalidSpender. */
stake_rc stake_erc4626_vault_approve(stake_erc4626_vault *vault, const stake_address *owner,
                                     const stake_address *spender, const stake_u256 *shares)
{
    if (!vault || !owner || !spender || !shares)
        return STAKE_EINVAL;
    if (stake_address_is_zero(owner) || stake_address_is_zero(spender))
        return STAKE_EZEROADDRESS;
    return stake_ledger_approve(vault->shares, owner, spender, shares);
}

stake_rc stake_erc4626_vault_allowance(stake_u256 *out, const stake_erc4626_vault *vault,
                                       const stake_address *owner, const stake_address *spender)
{
    if (!out || !vault || !owner || !spender)
        return STAKE_EINVAL;
    return stake_ledger_allowance(out, vault->shares, owner, spender);
}

/* totalAssets() is the vault's balance of the asset, so a donation or a
 * strategy's profit counts at once, for every holder. */
stake_rc stake_erc4626_vault_gain(stake_erc4626_vault *vault, const stake_u256 *assets)
{
    if (!vault || !assets)
        return STAKE_EINVAL;
    return stake_u256_add(&vault->total_assets, &vault->total_assets, assets);
}

stake_rc stake_erc4626_vault_loss(stake_erc4626_vault *vault, const stake_u256 *assets)
{
    if (!vault || !assets)
        return STAKE_EINVAL;
    if (stake_u256_cmp(assets, &vault->total_assets) > 0)
        return STAKE_EBALANCE;
    return stake_u256_sub(&vault->total_assets, &vault->total_assets, assets);
}
