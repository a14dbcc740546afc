/*
 * Printing the world: a text table for people, JSON for programs. Every
 * amount is printed exactly (ether with 18 decimals, or wei strings).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_print_ether(FILE *out, const stake_u256 *wei)
{
    static const stake_u256 e18 = STAKE_U256_C(1000000000000000000ULL);
    stake_u256 whole, frac;
    char w[STAKE_U256_DEC_SIZE], f[STAKE_U256_DEC_SIZE];
    if (stake_u256_divmod(&whole, &frac, wei, &e18) != STAKE_OK ||
        stake_u256_to_dec(w, sizeof w, &whole) != STAKE_OK ||
        stake_u256_to_dec(f, sizeof f, &frac) != STAKE_OK) {
        fputs("?", out);
        return;
    }
    size_t flen = strlen(f);
    fprintf(out, "%s.%.*s%s", w, (int)(18 - flen), "000000000000000000", f);
}

void cli_json_u256(FILE *out, const stake_u256 *v)
{
    char s[STAKE_U256_DEC_SIZE];
    if (stake_u256_to_dec(s, sizeof s, v) != STAKE_OK)
        strcpy(s, "0");
    fprintf(out, "\"%s\"", s);
}

/* The share rate, ether per 1e18 shares (stEthPerToken). */
static stake_u256 rate_of(const struct cli_world *w)
{
    stake_u256 r = STAKE_U256_C(0);
    (void)!stake_wsteth_steth_per_token(&r, w->token);
    return r;
}

static void pad_ether(FILE *out, const stake_u256 *wei)
{
    char buf[128];
    FILE *m = fmemopen(buf, sizeof buf, "w");
    if (!m) {
        cli_print_ether(out, wei);
        return;
    }
    cli_print_ether(m, wei);
    fclose(m);
    fprintf(out, "%30s", buf);
}

/* The accounts the tables list: every stETH holder in ledger order, then
 * the wstETH holders without a stETH entry (a deposit straight to wstETH
 * makes those). Without memory for the lookup, only the stETH holders. */
struct accounts {
    stake_address *list;
    size_t n;
};

static int address_cmp(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(stake_address));
}

static void accounts_list(struct accounts *acc, const stake_steth *t)
{
    const stake_ledger *sl = stake_steth_ledger(t), *wl = stake_wsteth_ledger(t);
    size_t ns = stake_ledger_count(sl), nw = stake_ledger_count(wl);
    stake_address *list = malloc((ns + nw) * sizeof *list + 1);
    stake_address *sorted = malloc(ns * sizeof *sorted + 1);
    size_t n = 0;
    acc->list = NULL;
    acc->n = 0;
    if (!list || !sorted) {
        free(list);
        free(sorted);
        return;
    }
    stake_u256 ignored;
    for (size_t i = 0; i < ns; i++)
        if (stake_ledger_account_at(&list[n], &ignored, sl, i) == STAKE_OK)
            sorted[n] = list[n], n++;
    size_t n_steth = n;
    qsort(sorted, n_steth, sizeof *sorted, address_cmp);
    for (size_t i = 0; i < nw; i++)
        if (stake_ledger_account_at(&list[n], &ignored, wl, i) == STAKE_OK &&
            !bsearch(&list[n], sorted, n_steth, sizeof *sorted, address_cmp))
            n++;
    free(sorted);
    acc->list = list;
    acc->n = n;
}

/* Account i of the list, or of the stETH ledger if the list is missing. */
static int account_at(stake_address *a, const struct accounts *acc, const stake_steth *t,
                      size_t i)
{
    stake_u256 ignored;
    if (acc->list) {
        if (i >= acc->n)
            return -1;
        *a = acc->list[i];
        return 0;
    }
    return stake_ledger_account_at(a, &ignored, stake_steth_ledger(t), i) == STAKE_OK ? 0 : -1;
}

static size_t accounts_count(const struct accounts *acc, const stake_steth *t)
{
    return acc->list ? acc->n : stake_ledger_count(stake_steth_ledger(t));
}

void cli_print_text(const struct cli_world *w, FILE *out)
{
    if (!w->token) {
        fputs("(nothing yet)\n", out);
        return;
    }
    stake_u256 supply, shares, rate = rate_of(w);
    (void)!stake_steth_total_supply(&supply, w->token);
    (void)!stake_steth_total_shares(&shares, w->token);
    fprintf(out, "protocol      Lido %s\n", w->protocol == STAKE_LIDO_V2 ? "V2" : "V3");
    fputs("share rate    ", out);
    cli_print_ether(out, &rate);
    fputs(" stETH per share\ntotal supply  ", out);
    cli_print_ether(out, &supply);
    fputs(" stETH\ntotal shares  ", out);
    cli_print_ether(out, &shares);
    fputs("\n\n", out);
    fprintf(out, "%-22s %30s %30s %30s\n", "account", "stETH", "shares", "wstETH");
    struct accounts acc;
    accounts_list(&acc, w->token);
    size_t n = accounts_count(&acc, w->token);
    for (size_t i = 0; i < n; i++) {
        stake_address a;
        stake_u256 s, bal, ws;
        char hex[STAKE_ADDRESS_HEX_SIZE];
        if (account_at(&a, &acc, w->token, i) != 0 ||
            stake_steth_shares_of(&s, w->token, &a) != STAKE_OK)
            continue;
        if (stake_steth_balance_of(&bal, w->token, &a) != STAKE_OK)
            memset(&bal, 0, sizeof bal);
        (void)!stake_wsteth_balance_of(&ws, w->token, &a);
        fprintf(out, "%-22s ", cli_address_name(w, &a, hex, sizeof hex));
        pad_ether(out, &bal);
        fputc(' ', out);
        pad_ether(out, &s);
        fputc(' ', out);
        pad_ether(out, &ws);
        fputc('\n', out);
    }
    free(acc.list);
    uint64_t last = stake_queue_last_request_id(w->queue);
    if (last == 0)
        return;
    stake_u256 locked, unfinalized;
    (void)!stake_queue_locked_ether(&locked, w->queue);
    (void)!stake_queue_unfinalized_steth(&unfinalized, w->queue);
    fprintf(out, "\nwithdrawal queue: %llu requests, %llu finalized%s\n  locked ether ",
            (unsigned long long)last, (unsigned long long)stake_queue_last_finalized_id(w->queue),
            stake_queue_is_bunker(w->queue) ? ", BUNKER MODE" : "");
    cli_print_ether(out, &locked);
    fputs(", unfinalized stETH ", out);
    cli_print_ether(out, &unfinalized);
    fputc('\n', out);
    fprintf(out, "  %4s %-22s %30s %30s  %s\n", "id", "owner", "requested", "claimable", "status");
    for (uint64_t id = 1; id <= last; id++) {
        stake_queue_status st;
        char hex[STAKE_ADDRESS_HEX_SIZE];
        if (stake_queue_request_status(&st, w->queue, id) != STAKE_OK)
            continue;
        stake_u256 claimable = STAKE_U256_C(0);
        uint64_t hint = 0;
        if (st.finalized && !st.claimed &&
            stake_queue_find_checkpoint_hint(&hint, w->queue, id, 1,
                                             stake_queue_last_checkpoint_index(w->queue)) ==
                STAKE_OK &&
            hint)
            (void)!stake_queue_claimable_ether(&claimable, w->queue, id, hint);
        fprintf(out, "  %4llu %-22s ", (unsigned long long)id,
                cli_address_name(w, &st.owner, hex, sizeof hex));
        pad_ether(out, &st.amount);
        fputc(' ', out);
        pad_ether(out, &claimable);
        fprintf(out, "  %s\n", st.claimed ? "claimed" : st.finalized ? "finalized" : "pending");
    }
}

void cli_print_json(const struct cli_world *w, FILE *out)
{
    if (!w->token) {
        fputs("{}\n", out);
        return;
    }
    stake_u256 supply, shares, rate = rate_of(w);
    (void)!stake_steth_total_supply(&supply, w->token);
    (void)!stake_steth_total_shares(&shares, w->token);
    fprintf(out, "{\"protocol\":\"%s\",\"time\":%llu,\"share_rate\":",
            w->protocol == STAKE_LIDO_V2 ? "v2" : "v3", (unsigned long long)w->clock);
    cli_json_u256(out, &rate);
    fputs(",\"total_supply\":", out);
    cli_json_u256(out, &supply);
    fputs(",\"total_shares\":", out);
    cli_json_u256(out, &shares);
    fputs(",\"accounts\":[", out);
    struct accounts acc;
    accounts_list(&acc, w->token);
    size_t n = accounts_count(&acc, w->token);
    for (size_t i = 0, printed = 0; i < n; i++) {
        stake_address a;
        stake_u256 s, bal, ws;
        char hex[STAKE_ADDRESS_HEX_SIZE], namebuf[STAKE_ADDRESS_HEX_SIZE];
        if (account_at(&a, &acc, w->token, i) != 0 ||
            stake_steth_shares_of(&s, w->token, &a) != STAKE_OK)
            continue;
        if (stake_steth_balance_of(&bal, w->token, &a) != STAKE_OK)
            memset(&bal, 0, sizeof bal);
        (void)!stake_wsteth_balance_of(&ws, w->token, &a);
        (void)!stake_address_to_hex(hex, sizeof hex, &a);
        fprintf(out, "%s{\"name\":\"%s\",\"address\":\"%s\",\"shares\":", printed++ ? "," : "",
                cli_address_name(w, &a, namebuf, sizeof namebuf), hex);
        cli_json_u256(out, &s);
        fputs(",\"balance\":", out);
        cli_json_u256(out, &bal);
        fputs(",\"wsteth\":", out);
        cli_json_u256(out, &ws);
        fputc('}', out);
    }
    free(acc.list);
    stake_u256 locked, unfinalized;
    (void)!stake_queue_locked_ether(&locked, w->queue);
    (void)!stake_queue_unfinalized_steth(&unfinalized, w->queue);
    uint64_t last = stake_queue_last_request_id(w->queue);
    fprintf(out, "],\"queue\":{\"last_request_id\":%llu,\"last_finalized_id\":%llu,"
                 "\"bunker\":%s,\"locked_ether\":",
            (unsigned long long)last, (unsigned long long)stake_queue_last_finalized_id(w->queue),
            stake_queue_is_bunker(w->queue) ? "true" : "false");
    cli_json_u256(out, &locked);
    fputs(",\"unfinalized_steth\":", out);
    cli_json_u256(out, &unfinalized);
    fputs(",\"requests\":[", out);
    for (uint64_t id = 1; id <= last; id++) {
        stake_queue_status st;
        char namebuf[STAKE_ADDRESS_HEX_SIZE];
        if (stake_queue_request_status(&st, w->queue, id) != STAKE_OK)
            continue;
        fprintf(out, "%s{\"id\":%llu,\"owner\":\"%s\",\"amount\":", id > 1 ? "," : "",
                (unsigned long long)id, cli_address_name(w, &st.owner, namebuf, sizeof namebuf));
        cli_json_u256(out, &st.amount);
        fputs(",\"shares\":", out);
        cli_json_u256(out, &st.shares);
        fprintf(out, ",\"status\":\"%s\"}",
                st.claimed ? "claimed" : st.finalized ? "finalized" : "pending");
    }
    fputs("]}}\n", out);
}
