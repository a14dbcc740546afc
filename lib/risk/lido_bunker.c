/*
 * Bunker mode as the Lido oracle decides it (lido-oracle
 * src/services/bunker.py, BunkerService.is_bunker_mode and
 * get_cl_rebase_for_current_report) and as WithdrawalQueue.onOracleReport
 * records it. The midterm-penalty and abnormal-rebase conditions are
 * inputs: the second needs a floating-point square root, which libstake
 * does not do.
 */
#include "risk_internal.h"

stake_rc stake_lido_oracle_config_init(stake_lido_oracle_config *config, unsigned version)
{
    if (!config || version != STAKE_LIDO_ORACLE_CONFIG_VERSION)
        return STAKE_EINVAL;
    memset(config, 0, sizeof *config);
    config->version = version;
    config->genesis_time = 1606824023;     /* mainnet beacon chain genesis */
    config->seconds_per_slot = 12;
    config->slots_per_epoch = 32;
    config->epochs_per_frame = 225;        /* HashConsensus for AccountingOracle */
    config->initial_epoch = 0;             /* set from HashConsensus.getFrameConfig() */
    config->max_negative_rebase_epoch_shift = 1350;
    config->epochs_per_slashings_vector = 8192;
    config->min_validator_withdrawability_delay = 256;
    return STAKE_OK;
}

stake_rc stake__risk_check_config(const stake_lido_oracle_config *c)
{
    if (!c || c->version != STAKE_LIDO_ORACLE_CONFIG_VERSION)
        return STAKE_EINVAL;
    /* The oracle divides by each of these. */
    if (c->seconds_per_slot == 0 || c->slots_per_epoch == 0 || c->epochs_per_frame == 0)
        return STAKE_EINVAL;
    return STAKE_OK;
}

stake_rc stake_lido_oracle_input_init(stake_lido_oracle_input *input, unsigned version)
{
    if (!input || version != STAKE_LIDO_ORACLE_INPUT_VERSION)
        return STAKE_EINVAL;
    memset(input, 0, sizeof *input);
    input->version = version;
    input->bunker_since_timestamp = STAKE_LIDO_BUNKER_DISABLED;
    return STAKE_OK;
}

stake_rc stake_lido_cl_rebase_gwei(int *negative, stake_u256 *magnitude,
                                   const stake_u256 *pre_total_pooled_ether,
                                   const stake_u256 *post_total_pooled_ether)
{
    if (!negative || !magnitude || !pre_total_pooled_ether || !post_total_pooled_ether)
        return STAKE_EINVAL;
    stake_u256 diff, q, rem;
    int neg = stake__risk_lt(post_total_pooled_ether, pre_total_pooled_ether);
    stake_rc rc = neg ? stake_u256_sub(&diff, pre_total_pooled_ether, post_total_pooled_ether)
                      : stake_u256_sub(&diff, post_total_pooled_ether, pre_total_pooled_ether);
    if (rc == STAKE_OK)
        rc = stake_u256_divmod(&q, &rem, &diff, &stake__risk_gwei);
    if (rc != STAKE_OK)
        return rc;
    /* Python's // floors toward minus infinity: a loss of a part of a gwei
     * is a whole gwei lost. q < 2^256 / 1e9, so q + 1 cannot overflow. */
    if (neg && !stake__u256_is_zero(&rem)) {
        stake_u256 one = stake__risk_u64(1);
        if ((rc = stake_u256_add(&q, &q, &one)) != STAKE_OK)
            return rc;
    }
    *negative = neg;
    *magnitude = q;
    return STAKE_OK;
}

stake_rc stake_lido_bunker_mode(stake_lido_bunker *out, const stake_lido_oracle_config *config,
                                const stake_lido_oracle_input *in)
{
    stake_rc rc = stake__risk_check_config(config);
    if (rc != STAKE_OK)
        return rc;
    if (!out || !in || in->version != STAKE_LIDO_ORACLE_INPUT_VERSION)
        return STAKE_EINVAL;
    stake_lido_bunker b;
    memset(&b, 0, sizeof b);
    /* The cases in the oracle's order: the first that holds names it. */
    if (in->last_report_ref_slot == 0) {
        b.reason = STAKE_LIDO_BUNKER_FIRST_REPORT;
    } else {
        int negative;
        stake_u256 gwei;
        if ((rc = stake_lido_cl_rebase_gwei(&negative, &gwei, &in->pre_total_pooled_ether,
                                            &in->simulated_post_total_pooled_ether)) != STAKE_OK)
            return rc;
        if (negative)
            b.reason = STAKE_LIDO_BUNKER_NEGATIVE_CL_REBASE;
        else if (in->high_midterm_slashing_penalty)
            b.reason = STAKE_LIDO_BUNKER_MIDTERM_PENALTY;
        else if (in->abnormal_cl_rebase)
            b.reason = STAKE_LIDO_BUNKER_ABNORMAL_CL_REBASE;
        else
            b.reason = STAKE_LIDO_BUNKER_OFF;
    }
    b.active = b.reason >= STAKE_LIDO_BUNKER_NEGATIVE_CL_REBASE;
    /* AccountingOracle passes GENESIS_TIME + prevRefSlot * SECONDS_PER_SLOT
     * as the bunker start. */
    unsigned __int128 start = (unsigned __int128)in->last_report_ref_slot * config->seconds_per_slot +
                              config->genesis_time;
    /* 2^64 - 1 is how this API spells "disabled": refuse it as a start. */
    if (start >= UINT64_MAX)
        return STAKE_EOVERFLOW;
    b.start_timestamp = (uint64_t)start;
    /* onOracleReport changes the queue's state only when the mode flips. */
    int was_active = in->bunker_since_timestamp < STAKE_LIDO_BUNKER_DISABLED;
    if (b.active == was_active)
        b.since_timestamp = in->bunker_since_timestamp;
    else
        b.since_timestamp = b.active ? b.start_timestamp : STAKE_LIDO_BUNKER_DISABLED;
    *out = b;
    return STAKE_OK;
}
