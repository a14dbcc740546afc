/*
 * The earliest slashed epoch among incomplete slashings (lido-oracle
 * src/services/safe_border.py: _get_earliest_slashed_epoch_among_incomplete_
 * slashings and _predict_earliest_slashed_epoch), for the safe border.
 * A slashed validator becomes withdrawable EPOCHS_PER_SLASHINGS_VECTOR
 * epochs after it was slashed, unless the exit queue pushed its exit so
 * far that the two coincide; then the oracle must search beacon states,
 * which is left to the caller.
 */
#include "risk_internal.h"

stake_rc stake_lido_earliest_slashed_epoch(stake_lido_slashed_epoch_status *status,
                                           uint64_t *epoch, const stake_lido_oracle_config *config,
                                           uint64_t ref_epoch,
                                           const stake_lido_validator_epochs *validators, size_t n)
{
    stake_rc rc = stake__risk_check_config(config);
    if (rc != STAKE_OK)
        return rc;
    if (!status || !epoch || (n > 0 && !validators))
        return STAKE_EINVAL;

    /* Slashed and not yet withdrawable at the reference epoch (exited
     * validators can still be slashed, so exit epochs do not filter). */
    int any = 0;
    uint64_t earliest_exit = 0;
    for (size_t i = 0; i < n; i++) {
        const stake_lido_validator_epochs *v = &validators[i];
        if (!v->slashed || v->withdrawable_epoch <= ref_epoch)
            continue;
        if (!any || v->exit_epoch < earliest_exit)
            earliest_exit = v->exit_epoch;
        any = 1;
    }
    if (!any) {
        *status = STAKE_LIDO_SLASHED_NONE;
        *epoch = 0;
        return STAKE_OK;
    }

    /* Those with the earliest exit epoch, in their order (Python's sort is
     * stable): the first that raises or is undetectable decides. */
    int have = 0;
    __int128 best = 0;
    for (size_t i = 0; i < n; i++) {
        const stake_lido_validator_epochs *v = &validators[i];
        if (!v->slashed || v->withdrawable_epoch <= ref_epoch || v->exit_epoch != earliest_exit)
            continue;
        __int128 period = (__int128)v->withdrawable_epoch - (__int128)v->exit_epoch;
        __int128 delay = (__int128)config->min_validator_withdrawability_delay;
        if (period < delay)
            return STAKE_EINVAL;   /* WrongExitPeriod */
        if (period == delay) {
            *status = STAKE_LIDO_SLASHED_UNDETECTABLE;
            *epoch = 0;
            return STAKE_OK;
        }
        __int128 predicted =
            (__int128)v->withdrawable_epoch - (__int128)config->epochs_per_slashings_vector;
        /* The oracle tests `if not predicted_epoch`: a prediction of epoch 0
         * is falsy in Python and sends it to the frame search like an
         * undetectable one. Replicated; it also means a kept 0 never exists. */
        if (predicted == 0) {
            *status = STAKE_LIDO_SLASHED_UNDETECTABLE;
            *epoch = 0;
            return STAKE_OK;
        }
        if (!have || best > predicted)
            best = predicted;
        have = 1;
    }
    if (best < 0)
        return STAKE_EUNDERFLOW;
    *status = STAKE_LIDO_SLASHED_PREDICTED;
    *epoch = (uint64_t)best;
    return STAKE_OK;
}
