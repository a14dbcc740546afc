/*
 * stake(1): replay a scenario of liquid-staking events with libstake.
 *
 *     stake [--json] [FILE]
 *
 * Reads events one per line from FILE (or standard input when FILE is
 * absent or "-"), applies them to a Lido-style world (stETH, wstETH and
 * the withdrawal queue) and prints the final state: balances, share
 * rate, queue. A bad line stops the run with its line number and a
 * non-zero exit status; it is not half-applied. See stake(1).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: stake [--json] [FILE|-]\n"
          "Replays a scenario of liquid-staking events and prints the final state.\n"
          "  --json     print the final state as JSON\n"
          "  --version  print the version of libstake and exit\n"
          "  --help     print this help and exit\n"
          "See stake(1) for the events.\n", out);
}

int main(int argc, char **argv)
{
    int json = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("stake (libstake %s, %s backend)\n", stake_version_string(),
                   stake_backend_name());
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "stake: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        } else if (!path) {
            path = argv[i];
        } else {
            usage(stderr);
            return 2;
        }
    }
    FILE *in = stdin;
    const char *name = "<stdin>";
    if (path && strcmp(path, "-") != 0) {
        in = fopen(path, "r");
        if (!in) {
            fprintf(stderr, "stake: %s: %s\n", path, strerror(errno));
            return 1;
        }
        name = path;
    }

    struct cli_world w;
    if (cli_world_init(&w) != 0) {
        fprintf(stderr, "stake: cannot initialise\n");
        return 1;
    }
    unsigned long lineno;
    struct cli_error err;
    int status = 0;
    switch (cli_replay(&w, in, stdout, json, &lineno, &err)) {
    case CLI_REPLAY_DONE:
        break;
    case CLI_REPLAY_REFUSED:
        fprintf(stderr, "%s:%lu: %s\n", name, lineno, err.text);
        status = 1;
        break;
    case CLI_REPLAY_READ_ERROR:
        fprintf(stderr, "stake: %s: %s\n", name, err.text);
        status = 1;
        break;
    }
    if (in != stdin)
        fclose(in);
    if (status == 0) {
        if (json)
            cli_print_json(&w, stdout);
        else
            cli_print_text(&w, stdout);
    }
    cli_world_free(&w);
    return status;
}
