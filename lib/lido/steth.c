/*
 * The stETH token object: creation, copies, the pool's ether and the
 * views of StETH.sol.
 */
#include <stdlib.h>

#include "stake/lido.h"
#include "lido_internal.h"

const stake_address stake__lido_dead = { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                           0, 0, 0xde, 0xad } };

static const stake_address mainnet_steth = { { 0xae, 0x7a, 0xb9, 0x65, 0x20, 0xde, 0x3a, 0x18,
                                               0xe5, 0xe1, 0x11, 0xb5, 0xea, 0xab, 0x09, 0x53,
                                               0x12, 0xd7, 0xfe, 0x84 } };
static const stake_address mainnet_burner = { { 0xd1, 0x5a, 0x67, 0x23, 0x19, 0xcf, 0x03, 0x52,
                                                0x56, 0x0e, 0xe7, 0x6d, 0x9e, 0x89, 0xea, 0xb0,
                                                0x88, 0x90, 0x46, 0xd3 } };
static const stake_address mainnet_wsteth = { { 0x7f, 0x39, 0xc5, 0x81, 0xf5, 0x95, 0xb5, 0x3c,
                                                0x5c, 0xb1, 0x9b, 0xd0, 0xb3, 0xf8, 0xda, 0x6c,
                                                0x93, 0x5e, 0x2c, 0xa0 } };

stake_rc stake_steth_params_init(stake_steth_params *params, unsigned version)
{
    if (!params || version != STAKE_STETH_PARAMS_VERSION)
        return STAKE_EINVAL;
    memset(params, 0, sizeof *params);
    params->version = version;
    params->protocol = STAKE_LIDO_V3;
    params->steth = mainnet_steth;
    params->wsteth = mainnet_wsteth;
    params->burner = mainnet_burner;
    params->initial_ether.w[0] = 1000000000000000000ULL;
    params->max_external_ratio_bp = 10000;
    return STAKE_OK;
}

static void destroy(stake_steth *t)
{
    if (!t)
        return;
    stake_ledger_free(t->shares);
    stake_ledger_free(t->wrapped);
    free(t);
}

void stake_steth_free(stake_steth *token)
{
    destroy(token);
}

stake_rc stake_steth_new(stake_steth **out, const stake_steth_params *p)
{
    if (!out || !p || p->version != STAKE_STETH_PARAMS_VERSION)
        return STAKE_EINVAL;
    if (p->protocol != STAKE_LIDO_V2 && p->protocol != STAKE_LIDO_V3)
        return STAKE_EINVAL;
    if (p->max_external_ratio_bp > 10000)
        return STAKE_EINVAL;
    if (stake__u256_is_zero(&p->initial_ether))
        return STAKE_EZEROAMOUNT;
    /* The bootstrap mints the initial ether 1:1 as shares through
     * _mintShares: in V3 the total must fit in 128 bits. */
    if (p->protocol == STAKE_LIDO_V3 && !stake__lido_fits_uint128(&p->initial_ether))
        return STAKE_ESHARESOVERFLOW;

    stake_steth *t = calloc(1, sizeof *t);
    if (!t)
        return STAKE_ENOMEM;
    t->protocol = p->protocol;
    t->self = p->steth;
    t->wsteth = p->wsteth;
    t->burner = p->burner;
    t->max_external_ratio_bp = p->max_external_ratio_bp;
    t->pool.buffered_ether = p->initial_ether;
    /* Block 1, staking resumed, no stake limit. */
    t->block = 1;
    t->stake_limit.prev_block = 1;
    stake_rc rc = stake_ledger_new(&t->shares, p->expected_accounts);
    if (rc == STAKE_OK)
        rc = stake_ledger_new(&t->wrapped, 0);
    /* _bootstrapInitialHolder: shares = the contract's balance, to 0xdead. */
    if (rc == STAKE_OK)
        rc = stake_ledger_mint(t->shares, &stake__lido_dead, &p->initial_ether);
    if (rc != STAKE_OK) {
        destroy(t);
        return rc;
    }
    *out = t;
    return STAKE_OK;
}

stake_rc stake_steth_clone(stake_steth **out, const stake_steth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    stake_steth *t = calloc(1, sizeof *t);
    if (!t)
        return STAKE_ENOMEM;
    *t = *token;
    t->shares = NULL;
    t->wrapped = NULL;
    stake_rc rc = stake_ledger_clone(&t->shares, token->shares);
    if (rc == STAKE_OK)
        rc = stake_ledger_clone(&t->wrapped, token->wrapped);
    if (rc != STAKE_OK) {
        destroy(t);
        return rc;
    }
    *out = t;
    return STAKE_OK;
}

/* ---- the pool ------------------------------------------------------------------ */

stake_rc stake__steth_internal_ether(stake_u256 *out, const stake_steth_pool *pool)
{
    /* Lido._getInternalEther: buffered + CL balance + transient, where
     * transient = (deposited - CL validators) * 32 ether. */
    stake_u256 transient, sum;
    stake_rc rc;
    if ((rc = stake_u256_sub(&transient, &pool->deposited_validators, &pool->cl_validators)) ||
        (rc = stake_u256_mul(&transient, &transient, &stake__lido_deposit_size)) ||
        (rc = stake_u256_add(&sum, &pool->buffered_ether, &pool->cl_balance)) ||
        (rc = stake_u256_add(&sum, &sum, &transient)))
        return rc == STAKE_EUNDERFLOW ? STAKE_EINVAL : rc;
    *out = sum;
    return STAKE_OK;
}

stake_rc stake_steth_get_pool(stake_steth_pool *out, const stake_steth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    *out = token->pool;
    return STAKE_OK;
}

stake_rc stake_steth_set_pool(stake_steth *token, const stake_steth_pool *pool)
{
    if (!token || !pool)
        return STAKE_EINVAL;
    stake_u256 ie;
    stake_rc rc = stake__steth_internal_ether(&ie, pool);
    if (rc != STAKE_OK)
        return STAKE_EINVAL;
    token->pool = *pool;
    return STAKE_OK;
}

stake_rc stake__steth_totals(stake_lido_totals *out, const stake_steth *t)
{
    stake_lido_totals r;
    stake_u256 total;
    stake_rc rc;
    memset(&r, 0, sizeof r);
    r.version = t->protocol;
    if ((rc = stake__steth_internal_ether(&r.internal_ether, &t->pool)) != STAKE_OK ||
        (rc = stake_ledger_total(&total, t->shares)) != STAKE_OK)
        return rc;
    r.external_shares = t->external_shares;
    /* internal shares = total shares - external shares; the ledger holds
     * both (external shares belong to their holders like any other). */
    if ((rc = stake_u256_sub(&r.internal_shares, &total, &t->external_shares)) != STAKE_OK)
        return rc;
    *out = r;
    return STAKE_OK;
}

stake_rc stake_steth_totals(stake_lido_totals *out, const stake_steth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    return stake__steth_totals(out, token);
}

const stake_ledger *stake_steth_ledger(const stake_steth *token)
{
    return token ? token->shares : NULL;
}

/* ---- views ---------------------------------------------------------------------- */

stake_rc stake_steth_total_supply(stake_u256 *out, const stake_steth *token)
{
    stake_lido_totals t;
    if (!out || !token)
        return STAKE_EINVAL;
    stake_rc rc = stake__steth_totals(&t, token);
    return rc ? rc : stake_lido_total_pooled_ether(out, &t);
}

stake_rc stake_steth_total_shares(stake_u256 *out, const stake_steth *token)
{
    if (!out || !token)
        return STAKE_EINVAL;
    return stake_ledger_total(out, token->shares);
}

stake_rc stake_steth_shares_of(stake_u256 *out, const stake_steth *token,
                               const stake_address *account)
{
    if (!out || !token || !account)
        return STAKE_EINVAL;
    return stake_ledger_balance(out, token->shares, account);
}

stake_rc stake_steth_balance_of(stake_u256 *out, const stake_steth *token,
                                const stake_address *account)
{
    stake_lido_totals t;
    stake_u256 shares;
    if (!out || !token || !account)
        return STAKE_EINVAL;
    stake_rc rc;
    if ((rc = stake__steth_totals(&t, token)) != STAKE_OK ||
        (rc = stake_ledger_balance(&shares, token->shares, account)) != STAKE_OK)
        return rc;
    return stake_lido_pooled_eth_by_shares(out, &t, &shares);
}

stake_rc stake_steth_allowance(stake_u256 *out, const stake_steth *token,
                               const stake_address *owner, const stake_address *spender)
{
    if (!out || !token || !owner || !spender)
        return STAKE_EINVAL;
    return stake_ledger_allowance(out, token->shares, owner, spender);
}

stake_rc stake_steth_stop(stake_steth *token)
{
    if (!token)
        return STAKE_EINVAL;
    if (token->stopped)
        return STAKE_ESTATE;
    /* Lido.stop(): _stop() then _pauseStaking(). */
    token->stopped = 1;
    stake__steth_pause_staking(token, 1);
    return STAKE_OK;
}

stake_rc stake_steth_resume(stake_steth *token)
{
    if (!token)
        return STAKE_EINVAL;
    if (!token->stopped)
        return STAKE_ESTATE;
    /* Lido.resume(): _resume() then _resumeStaking(). */
    token->stopped = 0;
    stake__steth_pause_staking(token, 0);
    return STAKE_OK;
}

int stake_steth_is_stopped(const stake_steth *token)
{
    return token ? token->stopped : 0;
}
