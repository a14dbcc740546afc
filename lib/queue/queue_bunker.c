/*
 * The oracle's report to the queue (WithdrawalQueue.onOracleReport) and
 * bunker mode. On chain, bunker mode changes no arithmetic of the queue:
 * it stops deposits, and the oracle then finalizes only requests made
 * before its "safe border". The queue only records the mode and the
 * report's timestamp, which every later request carries and which
 * calculateFinalizationBatches uses to keep a report's requests together.
 */
#include "queue_internal.h"

stake_rc stake_queue_on_oracle_report(stake_queue *queue, int is_bunker_now, uint64_t bunker_start,
                                      uint64_t report_timestamp, uint64_t now)
{
    if (!queue)
        return STAKE_EINVAL;
    /* The block's time must not go back (the model's own check), then the
     * contract's InvalidReportTimestamp twice: both timestamps strictly
     * before the block's. */
    if (stake__queue_check_time(queue, now) != STAKE_OK || bunker_start >= now ||
        report_timestamp >= now)
        return STAKE_ETIMESTAMP;
    queue->clock = now;
    queue->last_report_ts = report_timestamp;
    int was = queue->bunker_since != STAKE_QUEUE_BUNKER_DISABLED;
    /* Only a change of mode writes the since-timestamp: a report that
     * confirms bunker mode keeps the original start. */
    if ((is_bunker_now != 0) != was)
        queue->bunker_since = is_bunker_now ? bunker_start : STAKE_QUEUE_BUNKER_DISABLED;
    return STAKE_OK;
}

int stake_queue_is_bunker(const stake_queue *queue)
{
    return queue ? queue->bunker_since != STAKE_QUEUE_BUNKER_DISABLED : 0;
}

stake_rc stake_queue_bunker_since(uint64_t *out, const stake_queue *queue)
{
    if (!out || !queue)
        return STAKE_EINVAL;
    *out = queue->bunker_since;
    return STAKE_OK;
}

void stake__queue_mark_save(stake__queue_mark *m, const stake_queue *q)
{
    m->last_report_ts = q->last_report_ts;
    m->bunker_since = q->bunker_since;
    m->clock = q->clock;
}

void stake__queue_mark_restore(stake_queue *q, const stake__queue_mark *m)
{
    q->last_report_ts = m->last_report_ts;
    q->bunker_since = m->bunker_since;
    q->clock = m->clock;
}
