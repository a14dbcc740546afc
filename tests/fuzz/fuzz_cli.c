/*
 * libFuzzer target: the stake(1) scenario replay on arbitrary text.
 *
 * Each input is a scenario, replayed through the same cli_replay() as
 * stake(1) (its line reader included) up to the first refused line. Whatever the text, nothing may crash,
 * leak or trip a sanitizer, and the world left behind must still be
 * whole: the token's ledger and the queue pass their own invariant
 * checks, and both printers run. Because the CLI drives the token, the
 * wrapper, the reports and the queue, this is also a stateful fuzzer of
 * the library behind it. Seed it with examples/scenarios/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink(void)
{
    static FILE *null_out;
    if (!null_out)
        null_out = fopen("/dev/null", "w");
    return null_out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *out = sink();
    if (!out)
        return 0;
    struct cli_world w;
    if (cli_world_init(&w) != 0)
        abort();
    /* fmemopen refuses a zero size on older C libraries; an empty
     * scenario reads as one. */
    FILE *in = size ? fmemopen((void *)data, size, "r") : NULL;
    if (in) {
        unsigned long lineno;
        struct cli_error err;
        enum cli_replay_end end = cli_replay(&w, in, out, 0, &lineno, &err);
        if (end == CLI_REPLAY_READ_ERROR)
            abort();                   /* memory does not fail to read */
        if (end == CLI_REPLAY_REFUSED && (err.text[0] == '\0' || lineno == 0))
            abort();                   /* every refusal says why, and where */
        fclose(in);
    }
    if (w.token && stake_ledger_check(stake_steth_ledger(w.token)) != STAKE_OK)
        abort();
    if (w.queue && stake_queue_check(w.queue) != STAKE_OK)
        abort();
    cli_print_text(&w, out);
    cli_print_json(&w, out);
    cli_world_free(&w);
    return 0;
}
