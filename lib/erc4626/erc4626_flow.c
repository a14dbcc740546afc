/*
 * deposit, mint, withdraw and redeem, with OpenZeppelin v5's checks in its
 * order (ERC4626.sol v5.1.0, contracts/token/ERC20/extensions/ERC4626.sol):
 *
 *   deposit/mint      the max* check (L172-175 / L185-188: never fails, the
 *                     limit is 2^256 - 1), the preview (L177 / L190), then
 *                     _deposit (L239-251): the asset transfer in, then
 *                     _mint(receiver, shares): ERC20InvalidReceiver, then
 *                     the checked totalSupply += shares (ERC20.sol _update);
 *   withdraw/redeem   the max* check (L198-201 / L211-214; maxWithdraw is
 *                     itself a conversion that can overflow), the preview
 *                     (L203 / L216), then _withdraw (L256-277):
 *                     _spendAllowance(owner, caller, shares) when caller !=
 *                     owner, _burn(owner, shares), the asset transfer out.
 *
 * The asset token is not modelled, but its transfers keep the refusals an
 * OpenZeppelin ERC-20 asset would make: nothing can hold 2^256 units (the
 * transfer in refuses STAKE_EOVERFLOW before the receiver is looked at),
 * and the transfer out refuses a zero receiver (ERC20InvalidReceiver), then
 * a vault holding fewer assets than it pays (ERC20InsufficientBalance).
 * That last one cannot happen through the previews (they never pay more
 * than totalAssets, and stake_erc4626_vault_loss() cannot take the vault
 * below zero) but is kept so that no state can make total assets wrap.
 *
 * Every refusal is found before anything changes. The ledger calls are
 * the only steps that could fail afterwards, so they come first and an
 * allowance already spent is put back if the burn is refused.
 */
#include "erc4626_internal.h"

/* _deposit(caller, receiver, assets, shares). */
static stake_rc do_deposit(stake_erc4626_vault *v, const stake_address *receiver,
                           const stake_u256 *assets, const stake_u256 *shares)
{
    stake_u256 total_assets, supply, new_supply;
    /* SafeERC20.safeTransferFrom(asset, caller, vault, assets) */
    if (stake_u256_add(&total_assets, &v->total_assets, assets) != STAKE_OK)
        return STAKE_EOVERFLOW;
    /* _mint(receiver, shares) */
    if (stake_address_is_zero(receiver))
        return STAKE_EZEROADDRESS;
    stake_rc rc = stake_ledger_total(&supply, v->shares);
    if (rc != STAKE_OK)
        return rc;
    if (stake_u256_add(&new_supply, &supply, shares) != STAKE_OK)
        return STAKE_EOVERFLOW;
    /* A zero amount changes no balance: the ledger is left alone so that
     * it does not list an account that never held anything. */
    if (!stake__u256_is_zero(shares)) {
        rc = stake_ledger_mint(v->shares, receiver, shares);
        if (rc != STAKE_OK)
            return rc;
    }
    v->total_assets = total_assets;
    return STAKE_OK;
}

/* _withdraw(caller, receiver, owner, assets, shares). */
static stake_rc do_withdraw(stake_erc4626_vault *v, const stake_address *caller,
                            const stake_address *receiver, const stake_address *owner,
                            const stake_u256 *assets, const stake_u256 *shares)
{
    stake_u256 allowance, balance, total_assets;
    int spend = 0;
    stake_rc rc;
    if (!stake__address_eq(caller, owner)) {
        /* _spendAllowance: an infinite allowance is neither checked nor
         * written; otherwise _approve(owner, caller, allowance - shares)
         * refuses a zero owner (ERC20InvalidApprover) or a zero caller
         * (ERC20InvalidSpender), even for zero shares. */
        rc = stake_ledger_allowance(&allowance, v->shares, owner, caller);
        if (rc != STAKE_OK)
            return rc;
        if (!stake__u256_is_max(&allowance)) {
            if (stake_u256_cmp(&allowance, shares) < 0)
                return STAKE_EALLOWANCE;
            if (stake_address_is_zero(owner) || stake_address_is_zero(caller))
                return STAKE_EZEROADDRESS;
            spend = !stake__u256_is_zero(shares);
        }
    }
    /* _burn(owner, shares): ERC20InvalidSender, ERC20InsufficientBalance */
    if (stake_address_is_zero(owner))
        return STAKE_EZEROADDRESS;
    rc = stake_ledger_balance(&balance, v->shares, owner);
    if (rc != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&balance, shares) < 0)
        return STAKE_EBALANCE;
    /* SafeERC20.safeTransfer(asset, receiver, assets) */
    if (stake_address_is_zero(receiver))
        return STAKE_EZEROADDRESS;
    if (stake_u256_sub(&total_assets, &v->total_assets, assets) != STAKE_OK)
        return STAKE_EBALANCE;

    if (spend) {
        rc = stake_ledger_spend_allowance(v->shares, owner, caller, shares);
        if (rc != STAKE_OK)
            return rc;
    }
    if (!stake__u256_is_zero(shares)) {
        rc = stake_ledger_burn(v->shares, owner, shares);
        if (rc != STAKE_OK) {
            if (spend) {
                stake_rc undo = stake_ledger_approve(v->shares, owner, caller, &allowance);
                (void)undo;   /* rewriting an existing entry: nothing to allocate */
            }
            return rc;
        }
    }
    v->total_assets = total_assets;
    return STAKE_OK;
}

static int bad_args(const void *out, const stake_erc4626_vault *v, const stake_address *caller,
                    const stake_address *receiver, const void *amount)
{
    return !out || !v || !caller || !receiver || !amount;
}

stake_rc stake_erc4626_vault_deposit(stake_u256 *shares_out, stake_erc4626_vault *vault,
                                     const stake_address *caller, const stake_address *receiver,
                                     const stake_u256 *assets)
{
    if (bad_args(shares_out, vault, caller, receiver, assets))
        return STAKE_EINVAL;
    /* maxDeposit(receiver) is 2^256 - 1: no amount exceeds it. */
    stake_erc4626_state s;
    stake_u256 shares;
    stake_rc rc = stake__erc4626_totals(&s, vault);
    if (rc == STAKE_OK)
        rc = stake_erc4626_preview_deposit(&shares, &s, assets);
    if (rc == STAKE_OK)
        rc = do_deposit(vault, receiver, assets, &shares);
    if (rc == STAKE_OK)
        *shares_out = shares;
    return rc;
}

stake_rc stake_erc4626_vault_mint(stake_u256 *assets_out, stake_erc4626_vault *vault,
                                  const stake_address *caller, const stake_address *receiver,
                                  const stake_u256 *shares)
{
    if (bad_args(assets_out, vault, caller, receiver, shares))
        return STAKE_EINVAL;
    /* maxMint(receiver) is 2^256 - 1: no amount exceeds it. */
    stake_erc4626_state s;
    stake_u256 assets;
    stake_rc rc = stake__erc4626_totals(&s, vault);
    if (rc == STAKE_OK)
        rc = stake_erc4626_preview_mint(&assets, &s, shares);
    if (rc == STAKE_OK)
        rc = do_deposit(vault, receiver, &assets, shares);
    if (rc == STAKE_OK)
        *assets_out = assets;
    return rc;
}

stake_rc stake_erc4626_vault_withdraw(stake_u256 *shares_out, stake_erc4626_vault *vault,
                                      const stake_address *caller,
                                      const stake_address *receiver,
                                      const stake_address *owner, const stake_u256 *assets)
{
    if (bad_args(shares_out, vault, caller, receiver, assets) || !owner)
        return STAKE_EINVAL;
    stake_erc4626_state s;
    stake_u256 max, shares;
    stake_rc rc = stake__erc4626_totals(&s, vault);
    if (rc == STAKE_OK)
        rc = stake_erc4626_vault_max_withdraw(&max, vault, owner);
    if (rc == STAKE_OK && stake_u256_cmp(assets, &max) > 0)
        rc = STAKE_EEXCEEDSMAX;      /* ERC4626ExceededMaxWithdraw */
    if (rc == STAKE_OK)
        rc = stake_erc4626_preview_withdraw(&shares, &s, assets);
    if (rc == STAKE_OK)
        rc = do_withdraw(vault, caller, receiver, owner, assets, &shares);
    if (rc == STAKE_OK)
        *shares_out = shares;
    return rc;
}

stake_rc stake_erc4626_vault_redeem(stake_u256 *assets_out, stake_erc4626_vault *vault,
                                    const stake_address *caller, const stake_address *receiver,
                                    const stake_address *owner, const stake_u256 *shares)
{
    if (bad_args(assets_out, vault, caller, receiver, shares) || !owner)
        return STAKE_EINVAL;
    stake_erc4626_state s;
    stake_u256 max, assets;
    stake_rc rc = stake__erc4626_totals(&s, vault);
    if (rc == STAKE_OK)
        rc = stake_ledger_balance(&max, vault->shares, owner);    /* maxRedeem */
    if (rc == STAKE_OK && stake_u256_cmp(shares, &max) > 0)
        rc = STAKE_EEXCEEDSMAX;      /* ERC4626ExceededMaxRedeem */
    if (rc == STAKE_OK)
        rc = stake_erc4626_preview_redeem(&assets, &s, shares);
    if (rc == STAKE_OK)
        rc = do_withdraw(vault, caller, receiver, owner, &assets, shares);
    if (rc == STAKE_OK)
        *assets_out = assets;
    return rc;
}
