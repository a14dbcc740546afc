/*
 * A mass-slashing week, exactly: who ends up bearing what.
 *
 *  - Lido: 5 of 100 validators are slashed. The oracle sees a negative
 *    consensus-layer rebase, the sanity checker accepts it (within the
 *    LIP-23 allowance), bunker mode starts, requests made after the
 *    slashing wait, and the requests made before it are finalized at the
 *    lowered rate: they share the loss. Every holder loses pro rata.
 *  - Rocket Pool: a minipool's node bond absorbs the loss first; when the
 *    bond is gone the shortfall is recorded against the node's RPL and
 *    what is left uncovered falls on rETH holders through the rate, which
 *    the 2% per-report cap still lets through.
 *
 * Build: cc slashing_week.c $(pkg-config --cflags --libs libstake)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stake.h>

#define CHECK(call) do {                                                     \
        stake_rc rc_ = (call);                                               \
        if (rc_ != STAKE_OK) {                                               \
            fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call,    \
                    stake_strerror(rc_));                                    \
            exit(1);                                                         \
        }                                                                    \
    } while (0)

#define DAY 86400ULL

static stake_u256 eth(const char *decimal_ether)
{
    /* "12.5" -> 12.5e18 wei, exactly */
    char buf[96];
    const char *dot = strchr(decimal_ether, '.');
    size_t ilen = dot ? (size_t)(dot - decimal_ether) : strlen(decimal_ether);
    size_t flen = dot ? strlen(dot + 1) : 0;
    if (ilen + 18 >= sizeof buf || flen > 18)
        exit(1);
    memcpy(buf, decimal_ether, ilen);
    memset(buf + ilen, '0', 18);
    if (flen)
        memcpy(buf + ilen, dot + 1, flen);
    buf[ilen + 18] = '\0';
    stake_u256 v;
    CHECK(stake_u256_from_dec(&v, buf, NULL));
    return v;
}

static void show(const char *label, const stake_u256 *wei)
{
    static const stake_u256 e18 = STAKE_U256_C(1000000000000000000ULL);
    stake_u256 whole, frac;
    char w[STAKE_U256_DEC_SIZE], f[STAKE_U256_DEC_SIZE];
    CHECK(stake_u256_divmod(&whole, &frac, wei, &e18));
    CHECK(stake_u256_to_dec(w, sizeof w, &whole));
    CHECK(stake_u256_to_dec(f, sizeof f, &frac));
    printf("  %-34s %12s.%.*s%s ETH\n", label, w, (int)(18 - strlen(f)), "000000000000000000", f);
}

static stake_address who(const char *name)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    memcpy(a.bytes + 20 - strlen(name), name, strlen(name));
    return a;
}

/* An oracle report finalizing what the budget covers among requests up to
 * max_request_ts, at the share rate of the report simulated without
 * withdrawals. */
static void lido_report(stake_steth *t, stake_queue *q, uint64_t now, const stake_u256 *cl,
                        int bunker, uint64_t bunker_start, uint64_t max_request_ts,
                        stake_lido_report_result *res)
{
    stake_steth_pool pool;
    CHECK(stake_steth_get_pool(&pool, t));
    stake_lido_report r;
    CHECK(stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION));
    r.timestamp = now;
    r.block_timestamp = now + 12;
    r.cl_validators = pool.cl_validators;
    r.cl_balance = *cl;
    r.queue = q;
    r.is_bunker_mode = bunker;
    r.bunker_start_timestamp = bunker_start;

    stake_steth *sim;
    stake_lido_report sr = r;
    stake_lido_report_result s;
    sr.queue = NULL;
    CHECK(stake_steth_clone(&sim, t));
    CHECK(stake_steth_handle_report(&s, sim, &sr));
    stake_steth_free(sim);
    stake_u256 rate, e27, budget, unfinalized;
    CHECK(stake_u256_from_dec(&e27, STAKE_QUEUE_E27_DEC, NULL));
    CHECK(stake_u256_muldiv(&rate, &s.post_total_ether, &e27, &s.post_total_shares,
                            STAKE_ROUND_FLOOR));
    CHECK(stake_queue_unfinalized_steth(&unfinalized, q));
    budget = stake_u256_cmp(&pool.buffered_ether, &unfinalized) < 0 ? pool.buffered_ether
                                                                    : unfinalized;
    stake_queue_batches st;
    CHECK(stake_queue_batches_init(&st, &budget));
    do
        CHECK(stake_queue_calculate_batches(&st, q, &rate, max_request_ts, 1000));
    while (!st.finished);
    r.finalization_batches = st.batches;
    r.n_batches = st.length;
    r.simulated_share_rate = rate;
    CHECK(stake_steth_handle_report(res, t, &r));
}

static void lido_week(void)
{
    printf("Lido: 106 validators, 5 of them slashed on Tuesday\n");
    stake_steth_params p;
    stake_steth *t;
    stake_queue_params qp;
    stake_queue *q;
    stake_address queue_addr;
    CHECK(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION));
    CHECK(stake_steth_new(&t, &p));
    CHECK(stake_queue_params_init(&qp, STAKE_QUEUE_PARAMS_VERSION));
    CHECK(stake_queue_new(&q, &qp));
    CHECK(stake_queue_address(&queue_addr, q));

    stake_address alice = who("alice"), bob = who("bob"), carol = who("carol");
    stake_u256 inf;
    memset(&inf, 0xff, sizeof inf);
    stake_u256 a_in = eth("1999"), b_in = eth("1000"), c_in = eth("400");
    CHECK(stake_steth_submit(NULL, t, &alice, &a_in));
    CHECK(stake_steth_submit(NULL, t, &bob, &b_in));
    CHECK(stake_steth_submit(NULL, t, &carol, &c_in));
    CHECK(stake_steth_approve(t, &bob, &queue_addr, &inf));
    CHECK(stake_steth_approve(t, &carol, &queue_addr, &inf));
    /* 106 validators on the consensus layer, 8 ether left in the buffer */
    CHECK(stake_steth_deposit_validators(t, 106));
    stake_steth_pool pool;
    CHECK(stake_steth_get_pool(&pool, t));
    pool.cl_validators = (stake_u256)STAKE_U256_C(106);
    pool.cl_balance = eth("3392");
    CHECK(stake_steth_set_pool(t, &pool));

    stake_lido_oracle_config cfg;
    stake_lido_limits limits;
    CHECK(stake_lido_oracle_config_init(&cfg, STAKE_LIDO_ORACLE_CONFIG_VERSION));
    CHECK(stake_lido_limits_init(&limits, STAKE_LIDO_LIMITS_VERSION));
    uint64_t sunday = 1767225600, monday = sunday + DAY, tuesday = monday + DAY;
    uint64_t wednesday = tuesday + DAY, id_bob, id_carol;

    /* Sunday: bob asks for 150 ether back. Monday's report cannot pay
     * him: the buffer holds 8 ether. */
    stake_u256 bob_req = eth("150"), carol_req = eth("100");
    CHECK(stake_queue_request(&id_bob, q, t, &bob, &bob_req, sunday));
    stake_lido_report_result res;
    lido_report(t, q, monday, &pool.cl_balance, 0, 0, monday - limits.request_timestamp_margin,
                &res);
    printf("  Monday report: %llu of %llu requests finalized (8 ether in the buffer)\n",
           (unsigned long long)stake_queue_last_finalized_id(q),
           (unsigned long long)stake_queue_last_request_id(q));

    /* Tuesday: the slashing. Five validators lose their penalties: the
     * frame's CL balance falls by 5 ether. */
    stake_u256 cl_tuesday = eth("3387"), fall = eth("5");
    stake_lido_oracle_input in;
    stake_lido_bunker bunker;
    CHECK(stake_lido_oracle_input_init(&in, STAKE_LIDO_ORACLE_INPUT_VERSION));
    in.ref_slot = (tuesday - cfg.genesis_time) / cfg.seconds_per_slot;
    in.block_timestamp = tuesday;
    in.last_report_ref_slot = (monday - cfg.genesis_time) / cfg.seconds_per_slot;
    CHECK(stake_steth_total_supply(&in.pre_total_pooled_ether, t));
    CHECK(stake_u256_sub(&in.simulated_post_total_pooled_ether, &in.pre_total_pooled_ether,
                         &fall));
    CHECK(stake_lido_bunker_mode(&bunker, &cfg, &in));
    printf("  oracle: bunker mode %s (negative CL rebase), since %llu\n",
           bunker.active ? "ON" : "off", (unsigned long long)bunker.since_timestamp);

    /* The sanity checker: is a 5 ether fall within LIP-23's allowance? */
    stake_lido_accounting_report ar;
    stake_lido_negative_rebase nr;
    CHECK(stake_lido_accounting_report_init(&ar, STAKE_LIDO_ACCOUNTING_REPORT_VERSION));
    ar.report_timestamp = tuesday;
    ar.pre_cl_balance = pool.cl_balance;
    ar.post_cl_balance = cl_tuesday;
    ar.pre_cl_validators = ar.post_cl_validators = 106;
    stake_rc rc = stake_lido_check_negative_rebase(&nr, &limits, NULL, 0, &ar, NULL);
    printf("  sanity check of the negative rebase: %s\n",
           rc == STAKE_OK ? "within the allowance" : stake_strerror(rc));
    show("  allowance for the 18-day window", &nr.max_allowed);

    stake_u256 alice_before, bob_before_rate;
    CHECK(stake_steth_balance_of(&alice_before, t, &alice));
    CHECK(stake_wsteth_steth_per_token(&bob_before_rate, t));
    lido_report(t, q, tuesday, &cl_tuesday, bunker.active, bunker.start_timestamp,
                bunker.since_timestamp, &res);

    /* Carol's request comes after the slashing. */
    CHECK(stake_queue_request(&id_carol, q, t, &carol, &carol_req, tuesday + 3600));

    /* Wednesday: the slashed validators are exited; 155 ether reach the
     * withdrawal vault. Bunker mode holds (midterm penalties ahead). The
     * safe border keeps requests made after Monday's report out. */
    in.ref_slot = (wednesday - cfg.genesis_time) / cfg.seconds_per_slot;
    in.block_timestamp = wednesday;
    in.last_report_ref_slot = (tuesday - cfg.genesis_time) / cfg.seconds_per_slot;
    in.bunker_since_timestamp = bunker.since_timestamp;
    in.high_midterm_slashing_penalty = 1;
    in.has_slashings = 1;
    in.earliest_slashed_epoch = (tuesday - cfg.genesis_time) / 384;
    CHECK(stake_steth_total_supply(&in.pre_total_pooled_ether, t));
    in.simulated_post_total_pooled_ether = in.pre_total_pooled_ether;
    CHECK(stake_lido_bunker_mode(&bunker, &cfg, &in));
    stake_lido_safe_border_result border;
    CHECK(stake_lido_safe_border(&border, &cfg, &limits, &in, bunker.active));
    printf("  Wednesday: bunker %s, safe border at %llu (requests up to then)\n",
           bunker.active ? "ON" : "off", (unsigned long long)border.max_request_timestamp);

    stake_steth_pool now_pool;
    CHECK(stake_steth_get_pool(&now_pool, t));
    stake_u256 cl_wednesday = eth("3232");
    {
        /* the report with the 155 ether of the exits */
        stake_lido_report wr;
        stake_lido_report_result s;
        CHECK(stake_lido_report_init(&wr, STAKE_LIDO_REPORT_VERSION));
        wr.timestamp = wednesday;
        wr.block_timestamp = wednesday + 12;
        wr.cl_validators = now_pool.cl_validators;
        wr.cl_balance = cl_wednesday;
        wr.withdrawal_vault_balance = eth("155");
        wr.queue = q;
        wr.is_bunker_mode = bunker.active;
        wr.bunker_start_timestamp = bunker.start_timestamp;
        stake_steth *sim;
        stake_lido_report sr = wr;
        sr.queue = NULL;
        CHECK(stake_steth_clone(&sim, t));
        CHECK(stake_steth_handle_report(&s, sim, &sr));
        stake_steth_free(sim);
        stake_u256 rate, e27, budget, unfinalized;
        CHECK(stake_u256_from_dec(&e27, STAKE_QUEUE_E27_DEC, NULL));
        CHECK(stake_u256_muldiv(&rate, &s.post_total_ether, &e27, &s.post_total_shares,
                                STAKE_ROUND_FLOOR));
        CHECK(stake_queue_unfinalized_steth(&unfinalized, q));
        budget = stake_u256_cmp(&now_pool.buffered_ether, &unfinalized) < 0
                     ? now_pool.buffered_ether
                     : unfinalized;
        CHECK(stake_u256_add(&budget, &budget, &s.withdrawals));
        stake_queue_batches st;
        CHECK(stake_queue_batches_init(&st, &budget));
        do
            CHECK(stake_queue_calculate_batches(&st, q, &rate, border.max_request_timestamp,
                                                1000));
        while (!st.finished);
        wr.finalization_batches = st.batches;
        wr.n_batches = st.length;
        wr.simulated_share_rate = rate;
        CHECK(stake_steth_handle_report(&res, t, &wr));
    }
    printf("  Wednesday report: %llu of %llu requests finalized\n",
           (unsigned long long)stake_queue_last_finalized_id(q),
           (unsigned long long)stake_queue_last_request_id(q));

    stake_queue_status st;
    stake_u256 bob_gets, alice_after, loss, locked;
    CHECK(stake_queue_request_status(&st, q, id_bob));
    CHECK(stake_queue_claim_unhinted(&bob_gets, q, id_bob, &bob));
    CHECK(stake_steth_balance_of(&alice_after, t, &alice));
    printf("  what each party ends with:\n");
    show("bob's request (nominal)", &st.amount);
    show("bob's claim (discounted)", &bob_gets);
    CHECK(stake_u256_sub(&loss, &st.amount, &bob_gets));
    show("  bob's share of the loss", &loss);
    show("alice's stETH before the slashing", &alice_before);
    show("alice's stETH after", &alice_after);
    CHECK(stake_u256_sub(&loss, &alice_before, &alice_after));
    show("  alice's share of the loss", &loss);
    CHECK(stake_queue_request_status(&st, q, id_carol));
    printf("  carol's request #%llu: %s\n", (unsigned long long)id_carol,
           st.finalized ? "finalized" : "waits (made after the safe border)");
    CHECK(stake_queue_locked_ether(&locked, q));
    show("ether left locked in the queue", &locked);
    stake_queue_free(q);
    stake_steth_free(t);
}

static void rocket_pool(void)
{
    printf("\nRocket Pool: two 8-ether-bond minipools slashed\n");
    stake_rocketpool_minipool mp;
    CHECK(stake_rocketpool_minipool_init(&mp, STAKE_ROCKETPOOL_MINIPOOL_VERSION));
    mp.node_deposit_balance = eth("8");
    mp.user_deposit_balance = eth("24");
    mp.node_fee = eth("0.14");
    mp.first_distribution = 1;
    const char *balances[2] = { "29.5", "21" };
    stake_u256 shortfall = STAKE_U256_C(0);
    for (int i = 0; i < 2; i++) {
        stake_rocketpool_minipool_split split;
        stake_u256 b = eth(balances[i]);
        CHECK(stake_rocketpool_minipool_distribute(&split, &mp, &b));
        printf("  minipool %d exits with %s ETH:\n", i + 1, balances[i]);
        show("node operator (its bond first)", &split.node_amount);
        show("rETH holders", &split.user_amount);
        show("shortfall against the node's RPL", &split.node_slash_balance);
        CHECK(stake_u256_add(&shortfall, &shortfall, &split.node_slash_balance));
    }
    /* If the RPL auction recovers nothing, the shortfall is socialised to
     * rETH through the next balance report: is it within the 2% cap? */
    stake_reth_totals before = { eth("1000"), eth("900") }, after;
    CHECK(stake_u256_sub(&after.total_eth, &before.total_eth, &shortfall));
    after.reth_supply = before.reth_supply;
    stake_u256 r0, r1, cap = eth("0.02");
    CHECK(stake_reth_exchange_rate(&r0, &before));
    CHECK(stake_reth_exchange_rate(&r1, &after));
    stake_rc rc = stake_reth_check_rate_change(&before, &after, &cap);
    show("rETH rate before (ETH per rETH)", &r0);
    show("rETH rate after the shortfall", &r1);
    printf("  RPIP-61 2%% cap: %s\n", rc == STAKE_OK ? "the report passes" : stake_strerror(rc));
}

int main(void)
{
    lido_week();
    rocket_pool();
    return 0;
}
