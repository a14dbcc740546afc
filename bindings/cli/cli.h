/*
 * The `stake` command-line tool: replays a text file of events against a
 * libstake world (a stETH token with its wstETH wrapper and a withdrawal
 * queue) and prints balances, rates and queue state.
 */
#ifndef STAKE_CLI_H
#define STAKE_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stake.h>

/* A named account: "alice" or a 0x address. */
struct cli_name {
    char name[48];
    stake_address address;
};

#define CLI_MAX_MODULES 16
/* Words on one line of a scenario, and bytes in it (without the newline). */
#define CLI_MAX_ARGS 32
#define CLI_MAX_LINE 4096

/* Everything a scenario acts on. Each event is applied to a copy of the
 * token and the queue, which replaces the world only if the whole event
 * succeeded: a bad line never leaves anything half-applied. */
struct cli_world {
    stake_lido_version protocol;
    stake_steth_params params;
    stake_steth *token;               /* NULL until the first event */
    stake_queue *queue;
    stake_address queue_address;
    uint64_t clock;                   /* seconds; events may advance it */
    uint64_t last_report;             /* timestamp of the last report */
    /* fees in force for reports */
    stake_u256 total_fee;
    stake_address fee_recipients[CLI_MAX_MODULES];
    stake_u256 module_fees[CLI_MAX_MODULES];
    size_t n_modules;
    stake_address treasury;
    uint64_t max_positive_rebase;     /* 1e9 = 100% */
    /* names seen, in first-use order, for printing */
    struct cli_name *names;
    size_t n_names, cap_names;
};

/* Detail of a failed event, for "line N: ..." messages. */
struct cli_error {
    char text[256];
};

/* parse.c: tokens and values */
int cli_split(char *line, char **argv, int max);
int cli_parse_amount(stake_u256 *out, const char *s, struct cli_error *err);
int cli_parse_percent(stake_u256 *out, const char *s, struct cli_error *err);
int cli_parse_u64(uint64_t *out, const char *s, struct cli_error *err);
int cli_parse_duration(uint64_t *out, const char *s, struct cli_error *err);
int cli_name_address(struct cli_world *w, const char *name, stake_address *out,
                     struct cli_error *err);
const char *cli_address_name(const struct cli_world *w, const stake_address *a, char *buf,
                             size_t size);
int cli_fail(struct cli_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_rc(struct cli_error *err, stake_rc rc, const char *what);

/* events.c */
int cli_world_init(struct cli_world *w);
void cli_world_free(struct cli_world *w);
int cli_apply(struct cli_world *w, int argc, char **argv, FILE *out, int json,
              struct cli_error *err);

/* replay.c: applies the scenario read from in, line by line, until its
 * end (CLI_REPLAY_DONE) or the first line that cannot be read whole or is
 * refused (CLI_REPLAY_REFUSED: *lineno is that line and err says why),
 * or a read error (CLI_REPLAY_READ_ERROR: err holds strerror(errno), and
 * the line it cut short is not applied). Events before the stop stay
 * applied; print events write to out. */
enum cli_replay_end { CLI_REPLAY_DONE, CLI_REPLAY_REFUSED, CLI_REPLAY_READ_ERROR };
enum cli_replay_end cli_replay(struct cli_world *w, FILE *in, FILE *out, int json,
                               unsigned long *lineno, struct cli_error *err);

/* output.c */
void cli_print_text(const struct cli_world *w, FILE *out);
void cli_print_json(const struct cli_world *w, FILE *out);
void cli_print_ether(FILE *out, const stake_u256 *wei);
void cli_json_u256(FILE *out, const stake_u256 *v);

#endif /* STAKE_CLI_H */
