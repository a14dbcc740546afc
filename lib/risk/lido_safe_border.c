/*
 * The withdrawal safe border of the Lido oracle (lido-oracle
 * src/services/safe_border.py, SafeBorder.get_safe_border_epoch, with the
 * epoch/frame conversions of src/utils/web3converter.py), and the maximum
 * request timestamp derived from it in src/services/withdrawal.py.
 *
 * Python integers are unbounded and may go negative on the way (an epoch
 * minus a shift); every input here is below 2^64, so signed 128-bit
 * arithmetic with floor division holds every intermediate value exactly.
 */
#include "risk_internal.h"

typedef __int128 pyint;

/* Python's // for a positive divisor. */
static pyint floor_div(pyint a, pyint b)
{
    pyint q = a / b;
    if (a % b != 0 && a < 0)
        q -= 1;
    return q;
}

static pyint py_max(pyint a, pyint b)
{
    return a > b ? a : b;
}

static pyint py_min(pyint a, pyint b)
{
    return a < b ? a : b;
}

/* round_epoch_by_frame: the first epoch of the frame holding epoch. */
static pyint round_to_frame(const stake_lido_oracle_config *c, pyint epoch)
{
    pyint frame = floor_div(epoch - (pyint)c->initial_epoch, (pyint)c->epochs_per_frame);
    return frame * (pyint)c->epochs_per_frame + (pyint)c->initial_epoch;
}

/* _get_bunker_start_or_last_successful_report_epoch */
static pyint bunker_start_epoch(const stake_lido_oracle_config *c, const stake_lido_oracle_input *in)
{
    /* The queue answers 2^256 - 1 while bunker mode is off, which is after
     * any block. Its 64-bit stand-in is not, for a block at UINT64_MAX, so
     * it is tested by name. */
    if (in->bunker_since_timestamp != STAKE_LIDO_BUNKER_DISABLED &&
        in->bunker_since_timestamp <= in->block_timestamp) {
        pyint slot = floor_div((pyint)in->bunker_since_timestamp - (pyint)c->genesis_time,
                               (pyint)c->seconds_per_slot);
        return floor_div(slot, (pyint)c->slots_per_epoch);
    }
    if (in->last_report_ref_slot != 0)
        return (pyint)(in->last_report_ref_slot / c->slots_per_epoch);
    return (pyint)c->initial_epoch;
}

stake_rc stake_lido_safe_border(stake_lido_safe_border_result *out, const stake_lido_oracle_config *config,
                                const stake_lido_limits *limits, const stake_lido_oracle_input *in,
                                int bunker)
{
    stake_rc rc = stake__risk_check_config(config);
    if (rc == STAKE_OK)
        rc = stake__risk_check_limits(limits);
    if (rc != STAKE_OK)
        return rc;
    if (!out || !in || in->version != STAKE_LIDO_ORACLE_INPUT_VERSION)
        return STAKE_EINVAL;

    /* finalization_default_shift = math.ceil(margin / (slots * seconds)).
     * The oracle divides in floating point, but the margin is below 2^32,
     * far from where a double would round a fraction to an integer, so the
     * exact ceiling is the same. */
    unsigned __int128 epoch_seconds =
        (unsigned __int128)config->slots_per_epoch * config->seconds_per_slot;
    unsigned __int128 margin = limits->request_timestamp_margin;
    pyint shift = (pyint)((margin + epoch_seconds - 1) / epoch_seconds);
    pyint ref_epoch = (pyint)(in->ref_slot / config->slots_per_epoch);
    pyint default_border = ref_epoch - shift;
    pyint epoch;

    if (!bunker) {
        epoch = default_border;
    } else {
        /* The negative-rebase border: back to before the bunker started, but
         * never more than the maximum shift before the reference epoch. */
        pyint latest = bunker_start_epoch(config, in) - shift;
        pyint earliest = ref_epoch - (pyint)config->max_negative_rebase_epoch_shift;
        pyint negative_rebase_border = py_max(earliest, latest);
        /* The associated-slashings border. The oracle tests the slashed
         * epoch for truth, so epoch 0 counts as no slashing. */
        pyint slashings_border = default_border;
        if (in->has_slashings && in->earliest_slashed_epoch != 0)
            slashings_border =
                round_to_frame(config, (pyint)in->earliest_slashed_epoch) - shift;
        epoch = py_min(negative_rebase_border, slashings_border);
    }
    if (epoch < 0)
        return STAKE_EUNDERFLOW;

    /* withdrawable_until_timestamp = genesis + epoch * slots * seconds */
    stake_u256 ts = stake__risk_u64((uint64_t)epoch), spe = stake__risk_u64(config->slots_per_epoch),
               sps = stake__risk_u64(config->seconds_per_slot),
               genesis = stake__risk_u64(config->genesis_time);
    uint64_t max_ts;
    if ((rc = stake_u256_mul(&ts, &ts, &spe)) != STAKE_OK ||
        (rc = stake_u256_mul(&ts, &ts, &sps)) != STAKE_OK ||
        (rc = stake_u256_add(&ts, &ts, &genesis)) != STAKE_OK)
        return rc;
    if (stake_u256_to_u64(&max_ts, &ts) != STAKE_OK)
        return STAKE_EOVERFLOW;
    out->epoch = (uint64_t)epoch;
    out->max_request_timestamp = max_ts;
    out->default_shift = (uint64_t)shift;
    return STAKE_OK;
}
