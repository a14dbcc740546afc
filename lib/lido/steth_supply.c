/*
 * stETH supply: deposits (submit), validator deposits, share minting and
 * burning, V3 external shares, and the initial holder.
 */
#include "stake/lido.h"
#include "lido_internal.h"

stake_rc stake__steth_mint(stake_steth *t, const stake_address *to, const stake_u256 *shares)
{
    /* _mintShares: MINT_TO_ZERO_ADDR; V3 adds MINT_TO_STETH_CONTRACT (V2
     * minted its fees to itself) and SHARES_OVERFLOW when the new total
     * has any of its high 128 bits set (the total shares a slot with the
     * external shares); V2's SafeMath only refuses 2^256. */
    if (stake_address_is_zero(to))
        return STAKE_EZEROADDRESS;
    if (t->protocol == STAKE_LIDO_V3 && stake__address_eq(to, &t->self))
        return STAKE_ESELFRECIPIENT;
    stake_u256 total, next;
    stake_rc rc = stake_ledger_total(&total, t->shares);
    if (rc != STAKE_OK)
        return rc;
    if (stake_u256_add(&next, &total, shares) != STAKE_OK)
        return t->protocol == STAKE_LIDO_V3 ? STAKE_ESHARESOVERFLOW : STAKE_EOVERFLOW;
    if (t->protocol == STAKE_LIDO_V3 && !stake__lido_fits_uint128(&next))
        return STAKE_ESHARESOVERFLOW;
    return stake_ledger_mint(t->shares, to, shares);
}

stake_rc stake_steth_submit(stake_u256 *shares_out, stake_steth *token,
                            const stake_address *sender, const stake_u256 *value)
{
    if (!token || !sender || !value)
        return STAKE_EINVAL;
    /* Lido._submit: ZERO_DEPOSIT, the stake limit (STAKING_PAUSED,
     * STAKE_LIMIT; a stopped token has staking paused), then the shares
     * at the rate before the buffer grows, then _mintShares. */
    if (stake__u256_is_zero(value))
        return STAKE_EZEROAMOUNT;
    stake_lido_stake_limit limit;
    stake_lido_totals tot;
    stake_u256 shares, buffered;
    stake_rc rc;
    if ((rc = stake__steth_stake_limit_use(&limit, token, value)) != STAKE_OK ||
        (rc = stake__steth_totals(&tot, token)) != STAKE_OK ||
        (rc = stake_lido_shares_by_pooled_eth(&shares, &tot, value)) != STAKE_OK ||
        (rc = stake_u256_add(&buffered, &token->pool.buffered_ether, value)) != STAKE_OK)
        return rc;
    /* The new pool must still have a computable internal ether. */
    stake_steth_pool next = token->pool;
    stake_u256 ie;
    next.buffered_ether = buffered;
    if ((rc = stake__steth_internal_ether(&ie, &next)) != STAKE_OK)
        return rc;
    if ((rc = stake__steth_mint(token, sender, &shares)) != STAKE_OK)
        return rc;
    token->pool = next;
    token->stake_limit = limit;
    if (shares_out)
        *shares_out = shares;
    return STAKE_OK;
}

stake_rc stake_steth_deposit_validators(stake_steth *token, uint64_t count)
{
    if (!token)
        return STAKE_EINVAL;
    stake_u256 n = { { count, 0, 0, 0 } }, amount, buffered, deposited;
    stake_rc rc;
    if ((rc = stake_u256_mul(&amount, &n, &stake__lido_deposit_size)) != STAKE_OK ||
        (rc = stake_u256_add(&deposited, &token->pool.deposited_validators, &n)) != STAKE_OK)
        return rc;
    if (stake_u256_sub(&buffered, &token->pool.buffered_ether, &amount) != STAKE_OK)
        return STAKE_EBALANCE;
    token->pool.buffered_ether = buffered;
    token->pool.deposited_validators = deposited;
    return STAKE_OK;
}

/* V3's mintShares and burnShares (the Accounting contract's and the
 * Burner's entry points) call _whenNotStopped() first. V2 has no such
 * entry points: its fees and burns happen inside the oracle report, which
 * a stopped token refuses anyway, so the V2 primitives are not gated. */
static int stopped_v3(const stake_steth *t)
{
    return t->protocol == STAKE_LIDO_V3 && t->stopped;
}

stake_rc stake_steth_mint_shares(stake_steth *token, const stake_address *to,
                                 const stake_u256 *shares)
{
    if (!token || !to || !shares)
        return STAKE_EINVAL;
    if (stopped_v3(token))
        return STAKE_ESTOPPED;
    return stake__steth_mint(token, to, shares);
}

stake_rc stake_steth_burn_shares(stake_steth *token, const stake_address *from,
                                 const stake_u256 *shares)
{
    if (!token || !from || !shares)
        return STAKE_EINVAL;
    if (stopped_v3(token))
        return STAKE_ESTOPPED;
    /* _burnShares: BURN_FROM_ZERO_ADDR, BALANCE_EXCEEDED. burnShares then
     * converts the burnt shares at the new rate for its event, which
     * divides by the internal shares: a burn that leaves none reverts. */
    if (stake_address_is_zero(from))
        return STAKE_EZEROADDRESS;
    stake_u256 total, after;
    stake_rc rc = stake_ledger_total(&total, token->shares);
    if (rc != STAKE_OK)
        return rc;
    stake_u256 bal;
    if ((rc = stake_ledger_balance(&bal, token->shares, from)) != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&bal, shares) < 0)
        return STAKE_EBALANCE;
    if ((rc = stake__steth_check_unlocked(token, from, shares)) != STAKE_OK)
        return rc;
    if (stake_u256_sub(&after, &total, shares) != STAKE_OK ||
        stake_u256_cmp(&after, &token->external_shares) <= 0)
        return STAKE_EINTERNALZERO;
    return stake_ledger_burn(token->shares, from, shares);
}

/* Lido._getMaxMintableExternalShares. */
static stake_rc max_mintable_external(stake_u256 *out, const stake_steth *t)
{
    static const stake_u256 all = { { UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX } };
    uint32_t ratio = t->max_external_ratio_bp;
    if (ratio == 0) {
        memset(out, 0, sizeof *out);
        return STAKE_OK;
    }
    if (ratio == 10000) {
        *out = all;
        return STAKE_OK;
    }
    /* (TS * ratio - ES * 10000) / (10000 - ratio), zero when the external
     * shares are already at or above the cap. */
    stake_u256 total, a, b, r = { { ratio, 0, 0, 0 } }, bp = { { 10000, 0, 0, 0 } };
    stake_u256 den = { { 10000u - ratio, 0, 0, 0 } };
    stake_rc rc;
    if ((rc = stake_ledger_total(&total, t->shares)) != STAKE_OK ||
        (rc = stake_u256_mul(&a, &total, &r)) != STAKE_OK ||
        (rc = stake_u256_mul(&b, &t->external_shares, &bp)) != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&a, &b) <= 0) {
        memset(out, 0, sizeof *out);
        return STAKE_OK;
    }
    if ((rc = stake_u256_sub(&a, &a, &b)) != STAKE_OK)
        return rc;
    return stake_u256_div(out, &a, &den);
}

/* getPooledEthByShares(shares) at the token's rate: what the stake limit
 * counts for external shares (minting or burning them leaves the rate as
 * it was, so before or after is the same). */
static stake_rc ether_of_shares(stake_u256 *out, const stake_steth *t, const stake_u256 *shares)
{
    stake_lido_totals tot;
    stake_rc rc = stake__steth_totals(&tot, t);
    return rc != STAKE_OK ? rc : stake_lido_pooled_eth_by_shares(out, &tot, shares);
}

/* The checks mintExternalShares and burnExternalShares open with: a V3
 * token (V2 has no external shares), a non-zero amount, not stopped. */
static stake_rc external_shares_first_checks(const stake_steth *t, const stake_address *who,
                                             const stake_u256 *shares)
{
    if (!t || !who || !shares || t->protocol != STAKE_LIDO_V3)
        return STAKE_EINVAL;
    if (stake__u256_is_zero(shares))
        return STAKE_EZEROAMOUNT;
    return t->stopped ? STAKE_ESTOPPED : STAKE_OK;
}

stake_rc stake_steth_mint_external_shares(stake_steth *token, const stake_address *to,
                                          const stake_u256 *shares)
{
    /* MINT_ZERO_AMOUNT_OF_SHARES, CONTRACT_IS_STOPPED, the cap
     * (EXTERNAL_BALANCE_LIMIT_EXCEEDED), the stake limit, then _mintShares,
     * which is where a zero or self recipient is refused (the early drafts
     * of V3 refused a zero recipient first, before the stake limit was
     * charged here). */
    stake_rc rc = external_shares_first_checks(token, to, shares);
    if (rc != STAKE_OK)
        return rc;
    stake_u256 cap, external;
    if ((rc = max_mintable_external(&cap, token)) != STAKE_OK)
        return rc;
    if (stake_u256_cmp(shares, &cap) > 0)
        return STAKE_EEXCEEDSMAX;
    /* _decreaseStakingLimit(getPooledEthByShares(shares)) */
    stake_lido_stake_limit limit;
    stake_u256 ether;
    if ((rc = ether_of_shares(&ether, token, shares)) != STAKE_OK ||
        (rc = stake__steth_stake_limit_use(&limit, token, &ether)) != STAKE_OK)
        return rc;
    if ((rc = stake_u256_add(&external, &token->external_shares, shares)) != STAKE_OK)
        return rc;
    if ((rc = stake__steth_mint(token, to, shares)) != STAKE_OK)
        return rc;
    token->external_shares = external;
    token->stake_limit = limit;
    return STAKE_OK;
}

stake_rc stake_steth_burn_external_shares(stake_steth *token, const stake_address *from,
                                          const stake_u256 *shares)
{
    /* BURN_ZERO_AMOUNT_OF_SHARES, CONTRACT_IS_STOPPED,
     * EXT_SHARES_TOO_SMALL, then _burnShares, then
     * _increaseStakingLimit(getPooledEthByShares(shares)). */
    stake_rc rc = external_shares_first_checks(token, from, shares);
    if (rc != STAKE_OK)
        return rc;
    stake_u256 external;
    if (stake_u256_sub(&external, &token->external_shares, shares) != STAKE_OK)
        return STAKE_EBALANCE;
    if (stake_address_is_zero(from))
        return STAKE_EZEROADDRESS;
    stake_lido_stake_limit limit;
    stake_u256 ether, held;
    if ((rc = stake__steth_check_unlocked(token, from, shares)) != STAKE_OK ||
        (rc = stake_ledger_balance(&held, token->shares, from)) != STAKE_OK)
        return rc;
    if (stake_u256_cmp(&held, shares) < 0)
        return STAKE_EBALANCE;
    if ((rc = ether_of_shares(&ether, token, shares)) != STAKE_OK ||
        (rc = stake__steth_stake_limit_give_back(&limit, token, &ether)) != STAKE_OK)
        return rc;
    if ((rc = stake_ledger_burn(token->shares, from, shares)) != STAKE_OK)
        return rc;
    token->external_shares = external;
    token->stake_limit = limit;
    return STAKE_OK;
}

stake_rc stake_steth_request_burn_shares(stake_steth *token, const stake_address *from,
                                         const stake_u256 *shares)
{
    if (!token || !from || !shares)
        return STAKE_EINVAL;
    /* Burner.requestBurnShares pulls the shares with transferSharesFrom;
     * they stay counted as requested until a report burns them. */
    stake_u256 requested;
    if (stake_u256_add(&requested, &token->burn_requested, shares) != STAKE_OK)
        return STAKE_EOVERFLOW;
    stake_rc rc = stake__steth_move_shares(token, from, &token->burner, shares);
    if (rc != STAKE_OK)
        return rc;
    token->burn_requested = requested;
    return STAKE_OK;
}

stake_rc stake_steth_burn_requested(stake_u256 *out, const stake_steth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    *out = token->burn_requested;
    return STAKE_OK;
}
