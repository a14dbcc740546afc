/*
 * Lido's staking rate limit: the leaky bucket of StakeLimitUtils.sol and
 * the Lido.sol calls around it (submit and V3 external mints use the
 * limit up, V3 external burns give it back).
 *
 * The state is the contract's storage slot, field for field: a previous
 * block of 0 means staking is paused, a maximum of 0 means no limit. The
 * functions that change it compute the new state first and let their
 * caller store it once everything else has passed, because on chain a
 * later revert undoes the limit's update too.
 */
#include "stake/lido.h"
#include "lido_internal.h"

/* 2^96 - 1: prevStakeLimit and maxStakeLimit are uint96 in the slot. */
static const stake_u256 uint96_max = { { UINT64_MAX, 0xffffffffULL, 0, 0 } };
static const stake_u256 zero = { { 0, 0, 0, 0 } };
static const stake_u256 unlimited = { { UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX } };

static int fits_uint96(const stake_u256 *x)
{
    return stake_u256_cmp(x, &uint96_max) <= 0;
}

stake_rc stake__stake_limit_check(const stake_lido_stake_limit *s, uint64_t block)
{
    if (!fits_uint96(&s->prev_limit) || !fits_uint96(&s->max_limit) || block > UINT32_MAX ||
        block < s->prev_block)
        return STAKE_EINVAL;
    return STAKE_OK;
}

/* calculateCurrentStakeLimit, for a state that passed the check above and
 * is neither paused nor unlimited. The contract's branch-free form
 * computes both directions and keeps one: upwards (capped at the maximum)
 * while the previous limit is below the maximum, downwards (floored at
 * it) otherwise. Both limits are below 2^96 and the blocks below 2^32, so
 * 128 bits hold every term: the growth, below 2^128, is only compared
 * with the distance to the maximum, never added to a limit that it could
 * carry past 2^128. */
typedef unsigned __int128 u128;

static u128 to_u128(const stake_u256 *x)
{
    return (u128)x->w[1] << 64 | x->w[0];
}

static stake_u256 from_u128(u128 x)
{
    stake_u256 r = { { (uint64_t)x, (uint64_t)(x >> 64), 0, 0 } };
    return r;
}

static stake_u256 calculate(const stake_lido_stake_limit *s, uint64_t block)
{
    u128 prev = to_u128(&s->prev_limit), max = to_u128(&s->max_limit);
    u128 per_block = s->growth_blocks ? max / s->growth_blocks : 0;
    u128 change = (u128)(block - s->prev_block) * per_block;
    u128 limit;
    if (prev < max)
        limit = change >= max - prev ? max : prev + change;
    else
        limit = change >= prev - max ? max : prev - change;
    return from_u128(limit);
}

static int is_paused(const stake_lido_stake_limit *s)
{
    return s->prev_block == 0;
}

static int is_set(const stake_lido_stake_limit *s)
{
    return !stake__u256_is_zero(&s->max_limit);
}

stake_rc stake_lido_current_stake_limit(stake_u256 *out, const stake_lido_stake_limit *state,
                                        uint64_t block)
{
    if (!out || !state)
        return STAKE_EINVAL;
    stake_rc rc = stake__stake_limit_check(state, block);
    if (rc != STAKE_OK)
        return rc;
    /* Lido._getCurrentStakeLimit */
    if (is_paused(state))
        *out = zero;
    else if (!is_set(state))
        *out = unlimited;
    else
        *out = calculate(state, block);
    return STAKE_OK;
}

stake_rc stake__steth_stake_limit_use(stake_lido_stake_limit *next, const stake_steth *t,
                                      const stake_u256 *amount)
{
    /* Lido._decreaseStakingLimit: STAKING_PAUSED, then STAKE_LIMIT, then
     * updatePrevStakeLimit(current - amount) at this block. */
    if (is_paused(&t->stake_limit))
        return STAKE_ESTAKINGPAUSED;
    *next = t->stake_limit;
    if (!is_set(&t->stake_limit))
        return STAKE_OK;
    stake_u256 current = calculate(&t->stake_limit, t->block);
    if (stake_u256_cmp(amount, &current) > 0)
        return STAKE_ESTAKELIMIT;
    next->prev_block = t->block;
    return stake_u256_sub(&next->prev_limit, &current, amount);
}

stake_rc stake__steth_stake_limit_give_back(stake_lido_stake_limit *next, const stake_steth *t,
                                            const stake_u256 *amount)
{
    /* Lido._increaseStakingLimit: only with a limit set and staking not
     * paused (burning must work while paused); updatePrevStakeLimit
     * asserts that the new limit fits in 96 bits. */
    *next = t->stake_limit;
    if (!is_set(&t->stake_limit) || is_paused(&t->stake_limit))
        return STAKE_OK;
    stake_u256 current = calculate(&t->stake_limit, t->block), raised;
    if (stake_u256_add(&raised, &current, amount) != STAKE_OK || !fits_uint96(&raised))
        return STAKE_ETOOLARGE;
    next->prev_limit = raised;
    next->prev_block = t->block;
    return STAKE_OK;
}

void stake__steth_pause_staking(stake_steth *t, int paused)
{
    /* setStakeLimitPauseState: the previous block is 0 while paused and
     * the current block once resumed. */
    t->stake_limit.prev_block = paused ? 0 : t->block;
}

/* ---- the public calls ------------------------------------------------------ */

stake_rc stake_steth_set_block(stake_steth *token, uint64_t block)
{
    if (!token || block == 0 || block > UINT32_MAX || block < token->block)
        return STAKE_EINVAL;
    token->block = (uint32_t)block;
    return STAKE_OK;
}

uint64_t stake_steth_block(const stake_steth *token)
{
    return token ? token->block : 0;
}

stake_rc stake_steth_stake_limit(stake_lido_stake_limit *out, const stake_steth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    *out = token->stake_limit;
    return STAKE_OK;
}

stake_rc stake_steth_current_stake_limit(stake_u256 *out, const stake_steth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    return stake_lido_current_stake_limit(out, &token->stake_limit, token->block);
}

stake_rc stake_steth_set_staking_limit(stake_steth *token, const stake_u256 *max_limit,
                                       const stake_u256 *increase_per_block)
{
    if (!token || !max_limit || !increase_per_block)
        return STAKE_EINVAL;
    /* StakeLimitUtils.setStakingLimit's requires, in order. */
    if (stake__u256_is_zero(max_limit))
        return STAKE_EZEROAMOUNT;
    if (!fits_uint96(max_limit))
        return STAKE_ETOOLARGE;
    if (stake_u256_cmp(max_limit, increase_per_block) < 0)
        return STAKE_EEXCEEDSMAX;
    stake_u256 growth = { { 0, 0, 0, 0 } };
    if (!stake__u256_is_zero(increase_per_block)) {
        stake_rc rc = stake_u256_div(&growth, max_limit, increase_per_block);
        if (rc != STAKE_OK)
            return rc;
        if (growth.w[1] | growth.w[2] | growth.w[3] || growth.w[0] > UINT32_MAX)
            return STAKE_EBELOWMIN;
    }
    stake_lido_stake_limit *s = &token->stake_limit;
    /* The previous limit restarts at the new maximum when staking was
     * paused or unlimited, or when it exceeds the new maximum. */
    if (is_paused(s) || !is_set(s) || stake_u256_cmp(max_limit, &s->prev_limit) < 0)
        s->prev_limit = *max_limit;
    s->growth_blocks = (uint32_t)growth.w[0];
    s->max_limit = *max_limit;
    if (!is_paused(s))
        s->prev_block = token->block;
    return STAKE_OK;
}

stake_rc stake_steth_remove_staking_limit(stake_steth *token)
{
    if (!token)
        return STAKE_EINVAL;
    token->stake_limit.max_limit = zero;
    return STAKE_OK;
}

stake_rc stake_steth_pause_staking(stake_steth *token)
{
    if (!token)
        return STAKE_EINVAL;
    stake__steth_pause_staking(token, 1);
    return STAKE_OK;
}

stake_rc stake_steth_resume_staking(stake_steth *token)
{
    if (!token)
        return STAKE_EINVAL;
    stake__steth_pause_staking(token, 0);
    return STAKE_OK;
}

int stake_steth_is_staking_paused(const stake_steth *token)
{
    return token ? is_paused(&token->stake_limit) : 0;
}
