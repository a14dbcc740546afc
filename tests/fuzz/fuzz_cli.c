/*
 * libFuzzer target: the stake(1) scenario replay on arbitrary text.
 *
 * Each input is a scenario: lines are split and applied as stake(1) does,
 * up to the first refused line. Whatever the text, nothing may crash,
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

#define MAX_LINE 4096
#define MAX_ARGS 32

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
    char line[MAX_LINE + 1];
    size_t pos = 0;
    while (pos < size) {
        size_t len = 0;
        while (pos < size && data[pos] != '\n' && len < MAX_LINE)
            line[len++] = (char)data[pos++];
        if (pos < size && data[pos] == '\n')
            pos++;
        line[len] = '\0';
        char *args[MAX_ARGS];
        int n = cli_split(line, args, MAX_ARGS);
        if (n < 0)
            break;
        struct cli_error err;
        err.text[0] = '\0';
        if (cli_apply(&w, n, args, out, 0, &err) != 0) {
            if (err.text[0] == '\0')
                abort();               /* every refusal says why */
            break;
        }
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
