/*
 * Scenario events. Each is applied to copies of the token and the queue,
 * which replace the originals only if the whole event succeeded.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define ONE_ETHER 1000000000000000000ULL

int cli_world_init(struct cli_world *w)
{
    memset(w, 0, sizeof *w);
    w->protocol = STAKE_LIDO_V3;
    if (stake_steth_params_init(&w->params, STAKE_STETH_PARAMS_VERSION) != STAKE_OK)
        return -1;
    stake_queue_params qp;
    if (stake_queue_params_init(&qp, STAKE_QUEUE_PARAMS_VERSION) != STAKE_OK)
        return -1;
    w->queue_address = qp.address;
    w->max_positive_rebase = 750000;
    w->clock = 1700000000;    /* an arbitrary, documented start: 2023-11-14 */
    return 0;
}

void cli_world_free(struct cli_world *w)
{
    stake_steth_free(w->token);
    stake_queue_free(w->queue);
    free(w->names);
    memset(w, 0, sizeof *w);
}

/* Creates the token and the queue on the first event that needs them. */
static int ensure_world(struct cli_world *w, struct cli_error *err)
{
    if (w->token)
        return 0;
    w->params.protocol = w->protocol;
    if (cli_rc(err, stake_steth_new(&w->token, &w->params), "creating the token") != 0)
        return -1;
    stake_queue_params qp;
    if (stake_queue_params_init(&qp, STAKE_QUEUE_PARAMS_VERSION) != STAKE_OK)
        return cli_fail(err, "queue parameters");
    qp.address = w->queue_address;
    return cli_rc(err, stake_queue_new(&w->queue, &qp), "creating the queue");
}

/* key=value arguments */
static const char *option(int argc, char **argv, int first, const char *key)
{
    size_t n = strlen(key);
    for (int i = first; i < argc; i++) {
        if (strncmp(argv[i], key, n) == 0 && argv[i][n] == '=')
            return argv[i] + n + 1;
    }
    return NULL;
}

/* Every argument from first on is key=value with a known key, each key at
 * most once: option() takes the first of repeated keys, so a repeat would
 * be silently ignored. */
static int check_options(int argc, char **argv, int first, const char *const *known,
                         struct cli_error *err)
{
    for (int i = first; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        int ok = 0;
        for (const char *const *k = known; eq && *k; k++) {
            if ((size_t)(eq - argv[i]) == strlen(*k) && strncmp(argv[i], *k, strlen(*k)) == 0)
                ok = 1;
        }
        if (!ok)
            return cli_fail(err, "unexpected argument \"%s\"", argv[i]);
        size_t klen = (size_t)(eq - argv[i]) + 1;      /* the key and its '=' */
        for (int j = first; j < i; j++) {
            if (strncmp(argv[j], argv[i], klen) == 0)
                return cli_fail(err, "%.*s given twice", (int)(klen - 1), argv[i]);
        }
    }
    return 0;
}

/* approve(spender, amount) sent by owner, on stETH or on wstETH. */
static stake_rc approve_token(stake_steth *t, int wsteth, const stake_address *owner,
                              const stake_address *spender, const stake_u256 *amount)
{
    return wsteth ? stake_wsteth_approve(t, owner, spender, amount)
                  : stake_steth_approve(t, owner, spender, amount);
}

/* What a wallet does before a call that pulls tokens with transferFrom:
 * when owner's allowance to spender (in stETH, or in wstETH) falls short
 * of amount, approve exactly amount; an allowance that already covers it,
 * "max" included, is left as it is. */
static stake_rc grant_allowance(stake_steth *t, int wsteth, const stake_address *owner,
                                const stake_address *spender, const stake_u256 *amount)
{
    stake_u256 current;
    stake_rc rc = wsteth ? stake_wsteth_allowance(&current, t, owner, spender)
                         : stake_steth_allowance(&current, t, owner, spender);
    if (rc != STAKE_OK || stake_u256_cmp(&current, amount) >= 0)
        return rc;
    return approve_token(t, wsteth, owner, spender, amount);
}

static int want_args(int argc, int n, const char *usage, struct cli_error *err)
{
    if (argc != n)
        return cli_fail(err, "usage: %s", usage);
    return 0;
}

/* ---- the report: the oracle's simulation, then the real thing ---------------- */

static int do_report(struct cli_world *w, stake_steth *t, stake_queue *q, int argc, char **argv,
                     struct cli_error *err)
{
    static const char *const known[] = { "validators", "balance", "withdrawals", "el",
                                         "finalize", "bunker", "bad-debt", NULL };
    if (check_options(argc, argv, 1, known, err) != 0)
        return -1;
    stake_lido_report r;
    if (stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION) != STAKE_OK)
        return cli_fail(err, "report init");
    stake_steth_pool pool;
    (void)!stake_steth_get_pool(&pool, t);
    r.cl_validators = pool.cl_validators;
    r.cl_balance = pool.cl_balance;
    const char *v;
    uint64_t n;
    if ((v = option(argc, argv, 1, "validators"))) {
        if (cli_parse_u64(&n, v, err) != 0)
            return -1;
        r.cl_validators = (stake_u256)STAKE_U256_C(n);
    }
    if ((v = option(argc, argv, 1, "balance")) && cli_parse_amount(&r.cl_balance, v, err) != 0)
        return -1;
    if ((v = option(argc, argv, 1, "withdrawals")) &&
        cli_parse_amount(&r.withdrawal_vault_balance, v, err) != 0)
        return -1;
    if ((v = option(argc, argv, 1, "el")) &&
        cli_parse_amount(&r.el_rewards_vault_balance, v, err) != 0)
        return -1;
    if ((v = option(argc, argv, 1, "bad-debt")) &&
        cli_parse_amount(&r.bad_debt_to_internalize, v, err) != 0)
        return -1;
    int finalize = 1;
    if ((v = option(argc, argv, 1, "finalize"))) {
        if (strcmp(v, "yes") && strcmp(v, "no"))
            return cli_fail(err, "finalize=yes or finalize=no");
        finalize = strcmp(v, "yes") == 0;
    }
    int bunker = stake_queue_is_bunker(q);
    if ((v = option(argc, argv, 1, "bunker"))) {
        if (strcmp(v, "on") && strcmp(v, "off"))
            return cli_fail(err, "bunker=on or bunker=off");
        bunker = strcmp(v, "on") == 0;
    }
    r.total_fee = w->total_fee;
    r.fee_recipients = w->fee_recipients;
    r.module_fees = w->module_fees;
    r.n_modules = w->n_modules;
    r.treasury = w->treasury;
    r.max_positive_token_rebase = w->max_positive_rebase;
    /* The report's reference time is now; the block that processes it
     * comes a slot later. */
    r.timestamp = w->clock;
    r.block_timestamp = w->clock + 12;
    r.queue = q;
    r.is_bunker_mode = bunker;
    uint64_t since = 0;
    if (bunker)
        r.bunker_start_timestamp = stake_queue_bunker_since(&since, q) == STAKE_OK &&
                                           since != STAKE_QUEUE_BUNKER_DISABLED
                                       ? since
                                       : w->last_report;

    uint64_t batches[STAKE_QUEUE_MAX_BATCHES];
    if (finalize && stake_queue_last_request_id(q) > stake_queue_last_finalized_id(q)) {
        /* As the oracle does: simulate the report without withdrawals to
         * get the share rate, then finalize what the budget covers among
         * requests older than the safe border (the request timestamp
         * margin, 7680 s; in bunker mode, nothing after the bunker start). */
        stake_steth *sim;
        if (cli_rc(err, stake_steth_clone(&sim, t), "simulation") != 0)
            return -1;
        stake_lido_report sr = r;
        sr.queue = NULL;
        stake_lido_report_result res;
        stake_rc rc = stake_steth_handle_report(&res, sim, &sr);
        stake_steth_free(sim);
        if (cli_rc(err, rc, "the report (simulated)") != 0)
            return -1;
        stake_u256 rate, e27 = STAKE_U256_C(0), unfinalized, budget, buffered;
        (void)!stake_u256_from_dec(&e27, STAKE_QUEUE_E27_DEC, NULL);
        if (cli_rc(err, stake_u256_muldiv(&rate, &res.post_total_ether, &e27,
                                          &res.post_total_shares, STAKE_ROUND_FLOOR),
                   "the simulated share rate") != 0)
            return -1;
        /* budget: the vaults' smoothed ether + min(buffer, unfinalized) */
        (void)!stake_queue_unfinalized_steth(&unfinalized, q);
        buffered = pool.buffered_ether;
        if (stake_u256_cmp(&buffered, &unfinalized) > 0)
            buffered = unfinalized;
        if (stake_u256_add(&budget, &res.withdrawals, &res.el_rewards) != STAKE_OK ||
            stake_u256_add(&budget, &budget, &buffered) != STAKE_OK)
            return cli_fail(err, "finalization budget overflows");
        uint64_t border = w->clock > 7680 ? w->clock - 7680 : 0;
        if (bunker && r.bunker_start_timestamp < border)
            border = r.bunker_start_timestamp;
        stake_queue_batches state;
        (void)!stake_queue_batches_init(&state, &budget);
        /* calculateFinalizationBatches refuses a zero budget: nothing to do */
        state.finished = (budget.w[0] | budget.w[1] | budget.w[2] | budget.w[3]) == 0;
        while (!state.finished) {
            if (cli_rc(err, stake_queue_calculate_batches(&state, q, &rate, border, 1000),
                       "calculating finalization batches") != 0)
                return -1;
        }
        if (state.length > 0) {
            memcpy(batches, state.batches, state.length * sizeof batches[0]);
            r.finalization_batches = batches;
            r.n_batches = state.length;
            r.simulated_share_rate = rate;
        }
    }
    if (cli_rc(err, stake_steth_handle_report(NULL, t, &r), "the report") != 0)
        return -1;
    w->last_report = w->clock;
    return 0;
}

/* ---- events ------------------------------------------------------------------- */

/* request[-wsteth] <who> <amount> [<amount>...] [for=<owner>]: who's
 * stETH (or wstETH), owner's requests; several amounts are one
 * requestWithdrawals(amounts) (or requestWithdrawalsWstETH), all or none.
 * The queue's allowance in that token is made to cover the total first,
 * as a wallet's approve before the call would. */
static int do_request(struct cli_world *w, stake_steth *t, stake_queue *q, int wsteth,
                      int argc, char **argv, struct cli_error *err)
{
    const char *usage = wsteth
        ? "usage: request-wsteth <who> <amount> [<amount>...] [for=<owner>]"
        : "usage: request <who> <amount> [<amount>...] [for=<owner>]";
    stake_u256 amounts[CLI_MAX_ARGS], total = { { 0 } };
    stake_address who, owner;
    const char *for_name = argc >= 4 ? option(argc, argv, argc - 1, "for") : NULL;
    int end = for_name ? argc - 1 : argc;
    size_t n = 0;
    if (end < 3)
        return cli_fail(err, "%s", usage);
    for (int i = 2; i < end; i++) {
        if (strchr(argv[i], '='))        /* an option other than a last for= */
            return cli_fail(err, "%s", usage);
    }
    if (cli_name_address(w, argv[1], &who, err))
        return -1;
    for (int i = 2; i < end; i++, n++) {
        if (cli_parse_amount(&amounts[n], argv[i], err))
            return -1;
        if (stake_u256_add(&total, &total, &amounts[n]) != STAKE_OK)
            return cli_fail(err, "the amounts add up to 2^256 or more");
    }
    owner = who;
    if (for_name && cli_name_address(w, for_name, &owner, err))
        return -1;
    stake_rc rc = grant_allowance(t, wsteth, &who, &w->queue_address, &total);
    if (cli_rc(err, rc, "withdrawal request") != 0)
        return -1;
    uint64_t id;
    if (n == 1) {
        rc = wsteth
            ? stake_queue_request_wsteth_for(&id, q, t, &who, &owner, &amounts[0], w->clock)
            : stake_queue_request_for(&id, q, t, &who, &owner, &amounts[0], w->clock);
        return cli_rc(err, rc, "withdrawal request");
    }
    size_t failed = n;
    rc = wsteth
        ? stake_queue_request_wsteth_batch(NULL, q, t, &who, &owner, amounts, n, w->clock,
                                           &failed)
        : stake_queue_request_batch(NULL, q, t, &who, &owner, amounts, n, w->clock, &failed);
    if (rc != STAKE_OK && failed < n)
        return cli_fail(err, "withdrawal request of amount %zu of %zu refused: %s (%s)",
                        failed + 1, n, stake_strerror(rc), stake_errname(rc));
    return cli_rc(err, rc, "withdrawal request");
}

static int apply_on(struct cli_world *w, stake_steth *t, stake_queue *q, int argc, char **argv,
                    FILE *out, int json, struct cli_error *err)
{
    const char *ev = argv[0];
    stake_address a, b;
    stake_u256 x;
    if (strcmp(ev, "deposit") == 0) {
        if (want_args(argc, 3, "deposit <who> <amount>", err) ||
            cli_name_address(w, argv[1], &a, err) || cli_parse_amount(&x, argv[2], err))
            return -1;
        return cli_rc(err, stake_steth_submit(NULL, t, &a, &x), "deposit");
    }
    if (strcmp(ev, "validators") == 0) {
        uint64_t n;
        if (want_args(argc, 2, "validators <count>", err) || cli_parse_u64(&n, argv[1], err))
            return -1;
        return cli_rc(err, stake_steth_deposit_validators(t, n), "validator deposits");
    }
    if (strcmp(ev, "transfer") == 0 || strcmp(ev, "transfer-shares") == 0 ||
        strcmp(ev, "transfer-wsteth") == 0) {
        if (want_args(argc, 4, "transfer[-shares|-wsteth] <from> <to> <amount>", err) ||
            cli_name_address(w, argv[1], &a, err) || cli_name_address(w, argv[2], &b, err) ||
            cli_parse_amount(&x, argv[3], err))
            return -1;
        if (strcmp(ev, "transfer-shares") == 0)
            return cli_rc(err, stake_steth_transfer_shares(NULL, t, &a, &b, &x), "transfer");
        if (strcmp(ev, "transfer-wsteth") == 0)
            return cli_rc(err, stake_wsteth_transfer(t, &a, &b, &x), "transfer");
        return cli_rc(err, stake_steth_transfer(NULL, t, &a, &b, &x), "transfer");
    }
    if (strcmp(ev, "transfer-from") == 0 || strcmp(ev, "transfer-shares-from") == 0 ||
        strcmp(ev, "transfer-from-wsteth") == 0) {
        /* transferFrom sent by spender: it spends spender's allowance
         * over from's tokens, then moves them */
        stake_address spender;
        if (want_args(argc, 5,
                      "transfer-from[-wsteth]|transfer-shares-from <spender> <from> <to> <amount>",
                      err) ||
            cli_name_address(w, argv[1], &spender, err) || cli_name_address(w, argv[2], &a, err) ||
            cli_name_address(w, argv[3], &b, err) || cli_parse_amount(&x, argv[4], err))
            return -1;
        if (strcmp(ev, "transfer-shares-from") == 0)
            return cli_rc(err, stake_steth_transfer_shares_from(NULL, t, &spender, &a, &b, &x),
                          "transfer");
        if (strcmp(ev, "transfer-from-wsteth") == 0)
            return cli_rc(err, stake_wsteth_transfer_from(t, &spender, &a, &b, &x), "transfer");
        return cli_rc(err, stake_steth_transfer_from(NULL, t, &spender, &a, &b, &x), "transfer");
    }
    if (strcmp(ev, "approve") == 0 || strcmp(ev, "approve-wsteth") == 0) {
        if (want_args(argc, 4, "approve[-wsteth] <owner> <spender> <amount|max>", err) ||
            cli_name_address(w, argv[1], &a, err) || cli_name_address(w, argv[2], &b, err) ||
            cli_parse_amount(&x, argv[3], err))
            return -1;
        return cli_rc(err, approve_token(t, strcmp(ev, "approve-wsteth") == 0, &a, &b, &x),
                      "approve");
    }
    if (strcmp(ev, "wrap") == 0 || strcmp(ev, "unwrap") == 0) {
        if (want_args(argc, 3, "wrap|unwrap <who> <amount>", err) ||
            cli_name_address(w, argv[1], &a, err) || cli_parse_amount(&x, argv[2], err))
            return -1;
        if (ev[0] == 'w') {
            /* wrap pulls with transferFrom */
            if (cli_rc(err, grant_allowance(t, 0, &a, &w->params.wsteth, &x), "wrap") != 0)
                return -1;
            return cli_rc(err, stake_wsteth_wrap(NULL, t, &a, &x), "wrap");
        }
        return cli_rc(err, stake_wsteth_unwrap(NULL, t, &a, &x), "unwrap");
    }
    if (strcmp(ev, "deposit-wsteth") == 0) {
        if (want_args(argc, 3, "deposit-wsteth <who> <amount>", err) ||
            cli_name_address(w, argv[1], &a, err) || cli_parse_amount(&x, argv[2], err))
            return -1;
        return cli_rc(err, stake_wsteth_submit(NULL, t, &a, &x), "deposit");
    }
    if (strcmp(ev, "block") == 0) {
        uint64_t n;
        if (want_args(argc, 2, "block <number>", err) || cli_parse_u64(&n, argv[1], err))
            return -1;
        return cli_rc(err, stake_steth_set_block(t, n), "block");
    }
    if (strcmp(ev, "staking-limit") == 0) {
        /* staking-limit <max> <increase per block> | staking-limit none */
        stake_u256 per_block;
        if (argc == 2 && strcmp(argv[1], "none") == 0)
            return cli_rc(err, stake_steth_remove_staking_limit(t), "staking limit");
        if (want_args(argc, 3, "staking-limit <max> <per block>|none", err) ||
            cli_parse_amount(&x, argv[1], err) || cli_parse_amount(&per_block, argv[2], err))
            return -1;
        return cli_rc(err, stake_steth_set_staking_limit(t, &x, &per_block), "staking limit");
    }
    if (strcmp(ev, "staking") == 0) {
        if (want_args(argc, 2, "staking pause|resume", err))
            return -1;
        if (strcmp(argv[1], "pause") == 0)
            return cli_rc(err, stake_steth_pause_staking(t), "staking pause");
        if (strcmp(argv[1], "resume") == 0)
            return cli_rc(err, stake_steth_resume_staking(t), "staking resume");
        return cli_fail(err, "usage: staking pause|resume");
    }
    if (strcmp(ev, "request") == 0 || strcmp(ev, "request-wsteth") == 0)
        return do_request(w, t, q, ev[7] == '-', argc, argv, err);
    if (strcmp(ev, "claim") == 0) {
        /* one id is claimWithdrawal(id); several are claimWithdrawals(ids,
         * hints) with each hint searched as claimWithdrawal would */
        uint64_t ids[CLI_MAX_ARGS], hints[CLI_MAX_ARGS];
        size_t n = 0;
        if (argc < 3)
            return cli_fail(err, "usage: claim <who> <request id> [<request id>...]");
        if (cli_name_address(w, argv[1], &a, err))
            return -1;
        for (int i = 2; i < argc; i++, n++) {
            if (cli_parse_u64(&ids[n], argv[i], err))
                return -1;
        }
        if (n == 1)
            return cli_rc(err, stake_queue_claim_unhinted(NULL, q, ids[0], &a), "claim");
        /* failed: the id whose hint search, then whose claim, refused */
        size_t failed = 0;
        stake_rc rc = STAKE_OK;
        while (rc == STAKE_OK && failed < n) {
            rc = stake_queue_find_checkpoint_hint(&hints[failed], q, ids[failed], 1,
                                                  stake_queue_last_checkpoint_index(q));
            if (rc == STAKE_OK)
                failed++;
        }
        if (rc == STAKE_OK)
            rc = stake_queue_claim_batch(NULL, q, ids, hints, n, &a, &failed);
        if (rc != STAKE_OK && rc != STAKE_EINVAL && rc != STAKE_ENOMEM)
            return cli_fail(err, "claim of request %llu refused: %s (%s)",
                            (unsigned long long)ids[failed], stake_strerror(rc),
                            stake_errname(rc));
        return cli_rc(err, rc, "claim");
    }
    if (strcmp(ev, "report") == 0)
        return do_report(w, t, q, argc, argv, err);
    if (strcmp(ev, "print") == 0) {
        if (want_args(argc, 1, "print", err))
            return -1;
        if (json)
            cli_print_json(w, out);
        else
            cli_print_text(w, out);
        return 0;
    }
    return cli_fail(err, "unknown event \"%s\"", ev);
}

/* Events that configure the world rather than change the token. */
static int configure(struct cli_world *w, int argc, char **argv, struct cli_error *err, int *done)
{
    const char *ev = argv[0];
    *done = 1;
    if (strcmp(ev, "protocol") == 0) {
        if (w->token)
            return cli_fail(err, "protocol must come before the first event");
        if (want_args(argc, 2, "protocol v2|v3", err))
            return -1;
        if (strcmp(argv[1], "v2") == 0)
            w->protocol = STAKE_LIDO_V2;
        else if (strcmp(argv[1], "v3") == 0)
            w->protocol = STAKE_LIDO_V3;
        else
            return cli_fail(err, "protocol v2 or protocol v3");
        return 0;
    }
    if (strcmp(ev, "initial") == 0) {
        if (w->token)
            return cli_fail(err, "initial must come before the first event");
        if (want_args(argc, 2, "initial <amount>", err))
            return -1;
        /* The token is created at the first event; refuse on this line
         * what its creation would refuse (zero, 2^128 shares or more). */
        stake_steth_params trial_params = w->params;
        if (cli_parse_amount(&trial_params.initial_ether, argv[1], err))
            return -1;
        trial_params.protocol = w->protocol;
        stake_steth *trial;
        if (cli_rc(err, stake_steth_new(&trial, &trial_params), "initial deposit") != 0)
            return -1;
        stake_steth_free(trial);
        w->params.initial_ether = trial_params.initial_ether;
        return 0;
    }
    if (strcmp(ev, "time") == 0 || strcmp(ev, "wait") == 0) {
        uint64_t v;
        if (want_args(argc, 2, ev[0] == 't' ? "time <unix seconds>" : "wait <duration>", err) ||
            (ev[0] == 't' ? cli_parse_u64(&v, argv[1], err) : cli_parse_duration(&v, argv[1], err)))
            return -1;
        if (ev[0] == 'w') {
            if (v > UINT64_MAX - w->clock)
                return cli_fail(err, "time overflows");
            v += w->clock;
        }
        if (v < w->clock)
            return cli_fail(err, "time cannot go backwards");
        w->clock = v;
        return 0;
    }
    if (strcmp(ev, "fees") == 0) {
        /* fees total=10% <module>=5% ... treasury=<name> */
        struct cli_world next = *w;
        next.n_modules = 0;
        int have_total = 0, have_treasury = 0;
        for (int i = 1; i < argc; i++) {
            char *eq = strchr(argv[i], '=');
            if (!eq)
                return cli_fail(err,
                                "usage: fees total=<pct> [<module>=<pct> ...] treasury=<name>");
            *eq = '\0';
            const char *k = argv[i], *v = eq + 1;
            if (strcmp(k, "total") == 0) {
                if (have_total)
                    return cli_fail(err, "total given twice");
                if (cli_parse_percent(&next.total_fee, v, err))
                    return -1;
                have_total = 1;
            } else if (strcmp(k, "treasury") == 0) {
                if (have_treasury)
                    return cli_fail(err, "treasury given twice");
                if (cli_name_address(w, v, &next.treasury, err))
                    return -1;
                have_treasury = 1;
            } else {
                if (next.n_modules == CLI_MAX_MODULES)
                    return cli_fail(err, "at most %d modules", CLI_MAX_MODULES);
                if (cli_name_address(w, k, &next.fee_recipients[next.n_modules], err) ||
                    cli_parse_percent(&next.module_fees[next.n_modules], v, err))
                    return -1;
                next.n_modules++;
            }
        }
        if (!have_total || !have_treasury)
            return cli_fail(err, "fees needs total= and treasury=");
        /* The modules share the total; a report would refuse more. */
        stake_u256 modules = { { 0 } };
        for (size_t i = 0; i < next.n_modules; i++)
            (void)!stake_u256_add(&modules, &modules, &next.module_fees[i]);   /* <= 16 x 1e20 */
        if (stake_u256_cmp(&modules, &next.total_fee) > 0)
            return cli_fail(err, "the module fees add up to more than total");
        memcpy(w->fee_recipients, next.fee_recipients, sizeof w->fee_recipients);
        memcpy(w->module_fees, next.module_fees, sizeof w->module_fees);
        w->n_modules = next.n_modules;
        w->total_fee = next.total_fee;
        w->treasury = next.treasury;
        return 0;
    }
    if (strcmp(ev, "limit") == 0) {
        /* limit rebase=<pct>|none: the positive-rebase limiter per report */
        if (want_args(argc, 2, "limit rebase=<percent>|none", err))
            return -1;
        if (strncmp(argv[1], "rebase=", 7) != 0)
            return cli_fail(err, "usage: limit rebase=<percent>|none");
        const char *v = argv[1] + 7;
        if (strcmp(v, "none") == 0) {
            w->max_positive_rebase = STAKE_LIDO_UNLIMITED_REBASE;
            return 0;
        }
        stake_u256 pct, e11 = STAKE_U256_C(100000000000ULL), q;
        uint64_t limit;
        /* percent in 1e20 = 100% -> limiter units 1e9 = 100% */
        if (cli_parse_percent(&pct, v, err) || stake_u256_div(&q, &pct, &e11) != STAKE_OK ||
            stake_u256_to_u64(&limit, &q) != STAKE_OK || limit == 0)
            return cli_fail(err, "bad rebase limit \"%s\"", v);
        w->max_positive_rebase = limit;
        return 0;
    }
    *done = 0;
    return 0;
}

int cli_apply(struct cli_world *w, int argc, char **argv, FILE *out, int json,
              struct cli_error *err)
{
    int done;
    if (argc == 0)
        return 0;
    int rc = configure(w, argc, argv, err, &done);
    if (done)
        return rc;
    if (ensure_world(w, err) != 0)
        return -1;
    /* Work on copies: a refused event leaves the world as it was. */
    stake_steth *t;
    stake_queue *q;
    if (cli_rc(err, stake_steth_clone(&t, w->token), "copying the token") != 0)
        return -1;
    if (cli_rc(err, stake_queue_clone(&q, w->queue), "copying the queue") != 0) {
        stake_steth_free(t);
        return -1;
    }
    if (apply_on(w, t, q, argc, argv, out, json, err) != 0) {
        stake_steth_free(t);
        stake_queue_free(q);
        return -1;
    }
    stake_steth_free(w->token);
    stake_queue_free(w->queue);
    w->token = t;
    w->queue = q;
    return 0;
}
