/*
 * wstETH: the non-rebasing wrapper. One wstETH is one stETH share, but
 * the wrapper moves stETH by token amount, so its own share balance can
 * exceed its supply by a little dust (never the reverse).
 *
 * As an ERC-20 it is OpenZeppelin 3.4's ERC20 (WstETH.sol imports
 * contracts-v3.4.0's ERC20Permit): transferFrom transfers first and then
 * lowers the allowance by the amount, with no infinite allowance.
 */
#include "stake/lido.h"
#include "lido_internal.h"
#include "../ledger/ledger_internal.h"

static const stake_u256 one_ether = { { 1000000000000000000ULL, 0, 0, 0 } };

stake_rc stake_wsteth_wrap(stake_u256 *wsteth_out, stake_steth *token,
                           const stake_address *holder, const stake_u256 *steth_amount)
{
    if (!token || !holder || !steth_amount)
        return STAKE_EINVAL;
    /* WstETH.wrap: amount > 0; w = getSharesByPooledEth(amount); _mint(w);
     * stETH.transferFrom(holder, wrapper, amount). */
    if (stake__u256_is_zero(steth_amount))
        return STAKE_EZEROAMOUNT;
    stake_lido_totals tot;
    stake_u256 w;
    stake_rc rc;
    if ((rc = stake__steth_totals(&tot, token)) != STAKE_OK ||
        (rc = stake_lido_shares_by_pooled_eth(&w, &tot, steth_amount)) != STAKE_OK)
        return rc;
    if (stake_address_is_zero(holder))
        return STAKE_EZEROADDRESS;    /* ERC20: mint to the zero address */
    /* The contract mints first and pulls the stETH second; the mint can
     * only fail for a zero holder (checked above) or memory (reserved
     * here), so doing the transferFrom first refuses exactly the same
     * inputs and needs no rollback. */
    if ((rc = stake__ledger_reserve(token->wrapped, 1)) != STAKE_OK)
        return rc;
    rc = stake_steth_transfer_from(NULL, token, &token->wsteth, holder, &token->wsteth,
                                   steth_amount);
    if (rc != STAKE_OK)
        return rc;
    if ((rc = stake_ledger_mint(token->wrapped, holder, &w)) != STAKE_OK)
        return rc;   /* cannot happen: reserved, and supply <= total shares < 2^256 */
    if (wsteth_out)
        *wsteth_out = w;
    return STAKE_OK;
}

stake_rc stake_wsteth_submit(stake_u256 *wsteth_out, stake_steth *token,
                             const stake_address *sender, const stake_u256 *value)
{
    if (!token || !sender || !value)
        return STAKE_EINVAL;
    /* WstETH.receive: shares = stETH.submit{value}(0), sent by the wrapper;
     * then _mint(sender, shares). The mint can only fail for a zero sender
     * (checked first: either way nothing happens) or memory (reserved). */
    if (stake_address_is_zero(sender))
        return STAKE_EZEROADDRESS;    /* ERC20: mint to the zero address */
    stake_u256 shares;
    stake_rc rc;
    if ((rc = stake__ledger_reserve(token->wrapped, 1)) != STAKE_OK ||
        (rc = stake_steth_submit(&shares, token, &token->wsteth, value)) != STAKE_OK)
        return rc;
    if ((rc = stake_ledger_mint(token->wrapped, sender, &shares)) != STAKE_OK)
        return rc;   /* cannot happen: reserved, and supply <= total shares < 2^256 */
    if (wsteth_out)
        *wsteth_out = shares;
    return STAKE_OK;
}

stake_rc stake_wsteth_unwrap(stake_u256 *steth_out, stake_steth *token,
                             const stake_address *holder, const stake_u256 *wsteth_amount)
{
    if (!token || !holder || !wsteth_amount)
        return STAKE_EINVAL;
    /* WstETH.unwrap: amount > 0; x = getPooledEthByShares(w); _burn(w);
     * stETH.transfer(holder, x), which moves floor(x * IS / IE) <= w
     * shares out of the wrapper. */
    if (stake__u256_is_zero(wsteth_amount))
        return STAKE_EZEROAMOUNT;
    stake_lido_totals tot;
    stake_u256 x;
    stake_rc rc;
    if ((rc = stake__steth_totals(&tot, token)) != STAKE_OK ||
        (rc = stake_lido_pooled_eth_by_shares(&x, &tot, wsteth_amount)) != STAKE_OK)
        return rc;
    if (stake_address_is_zero(holder))
        return STAKE_EZEROADDRESS;    /* ERC20: burn from the zero address */
    /* The contract burns first, then transfers: check the burn, transfer,
     * and only then burn, which can no longer fail. */
    stake_u256 held;
    if ((rc = stake_ledger_balance(&held, token->wrapped, holder)) != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&held, wsteth_amount) < 0)
        return STAKE_EBALANCE;
    if ((rc = stake__steth_unwrap_transfer(token, holder, &x)) != STAKE_OK)
        return rc;
    if ((rc = stake_ledger_burn(token->wrapped, holder, wsteth_amount)) != STAKE_OK)
        return rc;   /* cannot happen: the balance was checked */
    if (steth_out)
        *steth_out = x;
    return STAKE_OK;
}

const stake_ledger *stake_wsteth_ledger(const stake_steth *token)
{
    return token ? token->wrapped : NULL;
}

stake_rc stake_wsteth_transfer(stake_steth *token, const stake_address *from,
                               const stake_address *to, const stake_u256 *amount)
{
    if (!token || !from || !to || !amount)
        return STAKE_EINVAL;
    if (stake_address_is_zero(from) || stake_address_is_zero(to))
        return STAKE_EZEROADDRESS;
    return stake_ledger_move(token->wrapped, from, to, amount);
}

stake_rc stake_wsteth_transfer_from(stake_steth *token, const stake_address *spender,
                                    const stake_address *from, const stake_address *to,
                                    const stake_u256 *amount)
{
    if (!token || !spender || !from || !to || !amount)
        return STAKE_EINVAL;
    /* transferFrom: _transfer(from, to, amount), then _approve(from,
     * spender, allowance.sub(amount)). Every check is made before either
     * changes anything; the approve cannot then fail, as the pair's entry
     * exists whenever the allowance is not zero (and approving zero to a
     * pair without one adds nothing). */
    if (stake_address_is_zero(from) || stake_address_is_zero(to))
        return STAKE_EZEROADDRESS;
    stake_u256 held, allowed, left;
    stake_rc rc;
    if ((rc = stake_ledger_balance(&held, token->wrapped, from)) != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&held, amount) < 0)
        return STAKE_EBALANCE;
    if ((rc = stake_ledger_allowance(&allowed, token->wrapped, from, spender)) != STAKE_OK)
        return rc;
    if (stake_u256_sub(&left, &allowed, amount) != STAKE_OK)
        return STAKE_EALLOWANCE;      /* 2^256 - 1 is spent like any other value */
    if (stake_address_is_zero(spender))
        return STAKE_EZEROADDRESS;    /* ERC20: approve to the zero address */
    if ((rc = stake_ledger_move(token->wrapped, from, to, amount)) != STAKE_OK)
        return rc;
    return stake_ledger_approve(token->wrapped, from, spender, &left);
}

stake_rc stake_wsteth_allowance(stake_u256 *out, const stake_steth *token,
                                const stake_address *owner, const stake_address *spender)
{
    if (!out || !token || !owner || !spender)
        return STAKE_EINVAL;
    return stake_ledger_allowance(out, token->wrapped, owner, spender);
}

stake_rc stake_wsteth_approve(stake_steth *token, const stake_address *owner,
                              const stake_address *spender, const stake_u256 *amount)
{
    if (!token || !owner || !spender || !amount)
        return STAKE_EINVAL;
    return stake__ledger_erc20_approve(token->wrapped, owner, spender, amount);
}

stake_rc stake_wsteth_increase_allowance(stake_steth *token, const stake_address *owner,
                                         const stake_address *spender, const stake_u256 *added)
{
    if (!token || !owner || !spender || !added)
        return STAKE_EINVAL;
    return stake__ledger_erc20_increase(token->wrapped, owner, spender, added);
}

stake_rc stake_wsteth_decrease_allowance(stake_steth *token, const stake_address *owner,
                                         const stake_address *spender,
                                         const stake_u256 *subtracted)
{
    if (!token || !owner || !spender || !subtracted)
        return STAKE_EINVAL;
    return stake__ledger_erc20_decrease(token->wrapped, owner, spender, subtracted);
}

stake_rc stake_wsteth_balance_of(stake_u256 *out, const stake_steth *token,
                                 const stake_address *account)
{
    if (!out || !token || !account)
        return STAKE_EINVAL;
    return stake_ledger_balance(out, token->wrapped, account);
}

stake_rc stake_wsteth_total_supply(stake_u256 *out, const stake_steth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    return stake_ledger_total(out, token->wrapped);
}

static stake_rc view(stake_u256 *out, const stake_steth *token, stake_lido_direction dir,
                     const stake_u256 *x)
{
    stake_lido_totals tot;
    if (!out || !token || !x)
        return STAKE_EINVAL;
    stake_rc rc = stake__steth_totals(&tot, token);
    if (rc != STAKE_OK)
        return rc;
    return dir == STAKE_LIDO_ETHER_TO_SHARES ? stake_lido_shares_by_pooled_eth(out, &tot, x)
                                             : stake_lido_pooled_eth_by_shares(out, &tot, x);
}

stake_rc stake_wsteth_steth_per_token(stake_u256 *out, const stake_steth *token)
{
    return view(out, token, STAKE_LIDO_SHARES_TO_ETHER, &one_ether);
}

stake_rc stake_wsteth_tokens_per_steth(stake_u256 *out, const stake_steth *token)
{
    return view(out, token, STAKE_LIDO_ETHER_TO_SHARES, &one_ether);
}

stake_rc stake_wsteth_by_steth(stake_u256 *out, const stake_steth *token,
                               const stake_u256 *steth_amount)
{
    return view(out, token, STAKE_LIDO_ETHER_TO_SHARES, steth_amount);
}

stake_rc stake_steth_by_wsteth(stake_u256 *out, const stake_steth *token,
                               const stake_u256 *wsteth_amount)
{
    return view(out, token, STAKE_LIDO_SHARES_TO_ETHER, wsteth_amount);
}
