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

#define MAX_LINE 4096

/* One line of a scenario, read into buf without its newline. Refused
 * rather than guessed at: a line longer than MAX_LINE bytes, and a NUL
 * byte, which would hide the rest of its line from the parser (and, with
 * fgets, could smuggle the tail of an over-long line past the length
 * check as a line of its own). */
enum line_status { LINE_OK, LINE_EOF, LINE_TOO_LONG, LINE_NUL, LINE_READ_ERROR };

static enum line_status read_line(FILE *in, char buf[MAX_LINE + 1])
{
    size_t len = 0;
    int c;
    while ((c = getc(in)) != EOF && c != '\n') {
        if (c == '\0')
            return LINE_NUL;
        if (len == MAX_LINE)
            return LINE_TOO_LONG;
        buf[len++] = (char)c;
    }
    buf[len] = '\0';
    if (c == EOF && ferror(in))
        return LINE_READ_ERROR;        /* errno says why; the partial line is dropped */
    return c == EOF && len == 0 ? LINE_EOF : LINE_OK;
}

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
    char line[MAX_LINE + 1];
    unsigned long lineno = 0;
    int status = 0;
    enum line_status ls;
    while ((ls = read_line(in, line)) != LINE_EOF) {
        lineno++;
        if (ls != LINE_OK) {
            if (ls == LINE_READ_ERROR)
                fprintf(stderr, "stake: %s: %s\n", name, strerror(errno));
            else if (ls == LINE_NUL)
                fprintf(stderr, "%s:%lu: line contains a NUL byte\n", name, lineno);
            else
                fprintf(stderr, "%s:%lu: line longer than %d bytes\n", name, lineno, MAX_LINE);
            status = 1;
            break;
        }
        char *args[CLI_MAX_ARGS];
        int n = cli_split(line, args, CLI_MAX_ARGS);
        if (n < 0) {
            fprintf(stderr, "%s:%lu: more than %d words\n", name, lineno, CLI_MAX_ARGS);
            status = 1;
            break;
        }
        struct cli_error err;
        err.text[0] = '\0';
        if (cli_apply(&w, n, args, stdout, json, &err) != 0) {
            fprintf(stderr, "%s:%lu: %s\n", name, lineno, err.text);
            status = 1;
            break;
        }
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
