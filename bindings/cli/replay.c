/*
 * Reading a scenario: one line at a time, each split into words and
 * applied to the world, up to the first line that is refused. main.c and
 * the fuzz target both replay through here, so the line reader that the
 * fuzzer exercises is the one users run.
 */
#include <errno.h>
#include <string.h>

#include "cli.h"

enum line_status { LINE_OK, LINE_EOF, LINE_TOO_LONG, LINE_NUL, LINE_READ_ERROR };

/* One line, read into buf without its newline. Refused rather than
 * guessed at: a line longer than CLI_MAX_LINE bytes, and a NUL byte,
 * which would hide the rest of its line from the parser (and, with
 * fgets, could smuggle the tail of an over-long line past the length
 * check as a line of its own). */
static enum line_status read_line(FILE *in, char buf[CLI_MAX_LINE + 1])
{
    size_t len = 0;
    int c;
    while ((c = getc(in)) != EOF && c != '\n') {
        if (c == '\0')
            return LINE_NUL;
        if (len == CLI_MAX_LINE)
            return LINE_TOO_LONG;
        buf[len++] = (char)c;
    }
    buf[len] = '\0';
    if (c == EOF && ferror(in))
        return LINE_READ_ERROR;        /* errno says why; the partial line is dropped */
    return c == EOF && len == 0 ? LINE_EOF : LINE_OK;
}

/* The message for a line that could not be read whole. */
static enum cli_replay_end unreadable(enum line_status ls, int saved_errno,
                                      struct cli_error *err)
{
    if (ls == LINE_READ_ERROR) {
        cli_fail(err, "%s", strerror(saved_errno));
        return CLI_REPLAY_READ_ERROR;
    }
    if (ls == LINE_NUL)
        cli_fail(err, "line contains a NUL byte");
    else
        cli_fail(err, "line longer than %d bytes", CLI_MAX_LINE);
    return CLI_REPLAY_REFUSED;
}

enum cli_replay_end cli_replay(struct cli_world *w, FILE *in, FILE *out, int json,
                               unsigned long *lineno, struct cli_error *err)
{
    char line[CLI_MAX_LINE + 1];
    enum line_status ls;
    *lineno = 0;
    err->text[0] = '\0';
    errno = 0;
    while ((ls = read_line(in, line)) != LINE_EOF) {
        ++*lineno;
        if (ls != LINE_OK)
            return unreadable(ls, errno, err);
        char *args[CLI_MAX_ARGS];
        int n = cli_split(line, args, CLI_MAX_ARGS);
        if (n < 0) {
            cli_fail(err, "more than %d words", CLI_MAX_ARGS);
            return CLI_REPLAY_REFUSED;
        }
        if (cli_apply(w, n, args, out, json, err) != 0)
            return CLI_REPLAY_REFUSED;
    }
    return CLI_REPLAY_DONE;
}
