/*
 * OpenZeppelin v5 ERC4626's conversions as pure functions of a
 * stake_erc4626_state.
 *
 * _convertToShares(a, r) = mulDiv(a, totalSupply + 10^d, totalAssets + 1, r)
 * and _convertToAssets(s, r) = mulDiv(s, totalAssets + 1, totalSupply + 10^d, r):
 * each view builds that conversion (the 512-bit product of Math.mulDiv) and
 * hands it to the core, so that a single value and a batch of balances go
 * through the same arithmetic. The two additions and 10^d are Solidity 0.8
 * checked arithmetic, hence STAKE_EOVERFLOW when they wrap; mulDiv itself
 * refuses a result of 2^256 or more. Its divisor is never zero: both
 * totalAssets + 1 and totalSupply + 10^d are at least one once they fit.
 */
#include "erc4626_internal.h"

/* 10 ** d with Solidity's checked exponentiation: 10^77 is the largest
 * power that fits. */
static stake_rc pow10(stake_u256 *out, unsigned d)
{
    if (d > STAKE__ERC4626_MAX_OFFSET)
        return STAKE_EOVERFLOW;
    stake_u256 r = STAKE_U256_C(1);
    const stake_u256 ten = STAKE_U256_C(10);
    for (unsigned i = 0; i < d; i++) {
        stake_rc rc = stake_u256_mul(&r, &r, &ten);
        if (rc != STAKE_OK)
            return rc;
    }
    *out = r;
    return STAKE_OK;
}

stake_rc stake__erc4626_build(stake_conversion *out, const stake_erc4626_state *state,
                              stake_erc4626_direction direction, stake_rounding rounding)
{
    static const stake_u256 one = STAKE_U256_C(1);
    stake_u256 virtual_shares, supply, assets;
    stake_rc rc = pow10(&virtual_shares, state->decimals_offset);
    if (rc == STAKE_OK)
        rc = stake_u256_add(&supply, &state->total_supply, &virtual_shares);
    if (rc == STAKE_OK)
        rc = stake_u256_add(&assets, &state->total_assets, &one);
    if (rc != STAKE_OK)
        return rc;
    stake_conversion c;
    memset(&c, 0, sizeof c);     /* no input bound */
    c.num = direction == STAKE_ERC4626_ASSETS_TO_SHARES ? supply : assets;
    c.den = direction == STAKE_ERC4626_ASSETS_TO_SHARES ? assets : supply;
    c.rounding = rounding;
    c.product = STAKE_PRODUCT_WIDE;
    *out = c;
    return STAKE_OK;
}

stake_rc stake__erc4626_apply(stake_u256 *out, const stake_erc4626_state *state,
                              stake_erc4626_direction direction, stake_rounding rounding,
                              const stake_u256 *x)
{
    if (!out || !state || !x)
        return STAKE_EINVAL;
    stake_conversion c;
    stake_rc rc = stake__erc4626_build(&c, state, direction, rounding);
    if (rc != STAKE_OK)
        return rc;
    return stake_convert(out, &c, x);
}

stake_rc stake_erc4626_conversion(stake_conversion *out, const stake_erc4626_state *state,
                                  stake_erc4626_direction direction, stake_rounding rounding)
{
    if (!out || !state)
        return STAKE_EINVAL;
    if ((unsigned)direction > STAKE_ERC4626_SHARES_TO_ASSETS ||
        (unsigned)rounding > STAKE_ROUND_EXPAND)
        return STAKE_EINVAL;
    return stake__erc4626_build(out, state, direction, rounding);
}

/* The rounding table of ERC4626.sol: every view rounds in the vault's
 * favour. */

stake_rc stake_erc4626_convert_to_shares(stake_u256 *out, const stake_erc4626_state *state,
                                         const stake_u256 *assets)
{
    return stake__erc4626_apply(out, state, STAKE_ERC4626_ASSETS_TO_SHARES, STAKE_ROUND_FLOOR,
                                assets);
}

stake_rc stake_erc4626_convert_to_assets(stake_u256 *out, const stake_erc4626_state *state,
                                         const stake_u256 *shares)
{
    return stake__erc4626_apply(out, state, STAKE_ERC4626_SHARES_TO_ASSETS, STAKE_ROUND_FLOOR,
                                shares);
}

stake_rc stake_erc4626_preview_deposit(stake_u256 *out, const stake_erc4626_state *state,
                                       const stake_u256 *assets)
{
    return stake__erc4626_apply(out, state, STAKE_ERC4626_ASSETS_TO_SHARES, STAKE_ROUND_FLOOR,
                                assets);
}

stake_rc stake_erc4626_preview_mint(stake_u256 *out, const stake_erc4626_state *state,
                                    const stake_u256 *shares)
{
    return stake__erc4626_apply(out, state, STAKE_ERC4626_SHARES_TO_ASSETS, STAKE_ROUND_CEIL,
                                shares);
}

stake_rc stake_erc4626_preview_withdraw(stake_u256 *out, const stake_erc4626_state *state,
                                        const stake_u256 *assets)
{
    return stake__erc4626_apply(out, state, STAKE_ERC4626_ASSETS_TO_SHARES, STAKE_ROUND_CEIL,
                                assets);
}

stake_rc stake_erc4626_preview_redeem(stake_u256 *out, const stake_erc4626_state *state,
                                      const stake_u256 *shares)
{
    return stake__erc4626_apply(out, state, STAKE_ERC4626_SHARES_TO_ASSETS, STAKE_ROUND_FLOOR,
                                shares);
}
