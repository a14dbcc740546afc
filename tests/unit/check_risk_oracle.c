/*
 * Unit tests of stake/risk.h parts 2 and 3: the positive token rebase
 * limiter (values from a Python model of PositiveTokenRebaseLimiter.sol,
 * and the "deferred, never lost" property over random report sequences),
 * bunker mode and the safe border (values from a Python model of the
 * oracle's bunker.py and safe_border.py, Python's floor division
 * included).
 */
#include "testutil.h"
#include "proputil.h"

#define E18 "000000000000000000"

/* ---- the limiter ------------------------------------------------------------------- */

/* The mainnet-like pool of the examples: 9.3M ether, 8M shares, 9M ether
 * of CL principal, a 0.075% cap (6975 ether of room). */
static stake_lido_rebase_input pool(const char *post_cl, const char *wv, const char *el,
                                    const char *req, const char *lock, const char *new_shares)
{
    stake_lido_rebase_input in;
    ck_assert_rc(stake_lido_rebase_input_init(&in, STAKE_LIDO_REBASE_INPUT_VERSION), STAKE_OK);
    in.pre_total_pooled_ether = U("9300000000000000000000123");
    in.pre_total_shares = U("8000000000000000000000456");
    in.pre_cl_balance = U("9000000" E18);
    in.post_cl_balance = U(post_cl);
    in.withdrawal_vault_balance = U(wv);
    in.el_rewards_vault_balance = U(el);
    in.shares_requested_to_burn = U(req);
    in.ether_to_lock_for_withdrawals = U(lock);
    in.new_shares_to_burn_for_withdrawals = U(new_shares);
    return in;
}

static void expect(const stake_lido_smoothed_rebase *r, const char *w, const char *el,
                   const char *sim, const char *stb, const char *fromwq, const char *wdef,
                   const char *eldef, const char *sdef)
{
    ck_assert_u256_eq(r->withdrawals, U(w));
    ck_assert_u256_eq(r->el_rewards, U(el));
    ck_assert_u256_eq(r->simulated_shares_to_burn, U(sim));
    ck_assert_u256_eq(r->shares_to_burn, U(stb));
    ck_assert_u256_eq(r->shares_from_wq_to_burn, U(fromwq));
    ck_assert_u256_eq(r->withdrawals_deferred, U(wdef));
    ck_assert_u256_eq(r->el_rewards_deferred, U(eldef));
    ck_assert_u256_eq(r->shares_burn_deferred, U(sdef));
}

START_TEST(limiter_values)
{
    stake_lido_smoothed_rebase r;
    /* +2000 CL fits; the withdrawal vault fills the remaining 4975, 25 of
     * it and the whole EL vault wait; the simulated burn is zero because
     * the cap is reached, the real one after locking 20000 ether is not */
    stake_lido_rebase_input in = pool("9002000" E18, "5000" E18, "1500" E18, "100" E18,
                                      "20000" E18, "17000" E18);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_OK);
    expect(&r, "4975" E18, "0", "0", "17100" E18, "17100" E18, "25" E18, "1500" E18, "0");
    /* a CL loss leaves room for both vaults and the requested burn */
    in = pool("8990000" E18, "5000" E18, "1500" E18, "100" E18, "20000" E18, "17000" E18);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_OK);
    expect(&r, "5000" E18, "1500" E18, "100" E18, "17100" E18, "17000" E18, "0", "0", "0");
    /* a CL rise beyond the cap: it happens anyway, the vaults wait */
    in = pool("9008000" E18, "5000" E18, "1500" E18, "100" E18, "20000" E18, "17000" E18);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_OK);
    expect(&r, "0", "0", "0", "17100" E18, "17100" E18, "5000" E18, "1500" E18, "0");
    in = pool("9008000" E18, "5000" E18, "1500" E18, "100" E18, "0", "0");
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_OK);
    expect(&r, "0", "0", "0", "0", "0", "5000" E18, "1500" E18, "100" E18);
    /* partial burn limits, before and after locking */
    in = pool("9006000" E18, "0", "0", "5000" E18, "1000" E18, "900" E18);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_OK);
    expect(&r, "0", "0", "838083437421933549837", "1697654758930801898576",
           "859571321508868348739", "0", "0", "4202345241069198101424");
    /* the vault exactly fills the room; one wei of EL waits */
    in = pool("9000000" E18, "6975" E18, "1", "0", "0", "0");
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_OK);
    expect(&r, "6975" E18, "0", "0", "0", "0", "0", "1", "0");
    /* unlimited: everything goes */
    in = pool("9008000" E18, "5000" E18, "1500" E18, "100" E18, "20000" E18, "17000" E18);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, STAKE_LIDO_UNLIMITED_REBASE),
                 STAKE_OK);
    expect(&r, "5000" E18, "1500" E18, "100" E18, "17100" E18, "17000" E18, "0", "0", "0");
}
END_TEST

START_TEST(limiter_edges)
{
    stake_lido_smoothed_rebase r, s;
    memset(&s, 0, sizeof s);
    s.withdrawals = sentinel();
    r = s;
    /* an empty pool is unlimited, and burns nothing (no shares) */
    stake_lido_rebase_input in;
    ck_assert_rc(stake_lido_rebase_input_init(&in, STAKE_LIDO_REBASE_INPUT_VERSION), STAKE_OK);
    in.post_cl_balance = U("32" E18);
    in.withdrawal_vault_balance = U("5" E18);
    in.el_rewards_vault_balance = U("1" E18);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_OK);
    expect(&r, "5" E18, "1" E18, "0", "0", "0", "0", "0", "0");
    /* unlimited does not track the pooled ether, so no decrease fails */
    in.pre_total_pooled_ether = U64(1000);
    in.pre_total_shares = U64(1000);
    in.pre_cl_balance = U64(5000);
    in.post_cl_balance = U64(2000);
    in.withdrawal_vault_balance = U64(7);
    in.el_rewards_vault_balance = U64(8);
    in.shares_requested_to_burn = U64(9);
    in.ether_to_lock_for_withdrawals = U64(1000000000);
    in.new_shares_to_burn_for_withdrawals = U64(11);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, STAKE_LIDO_UNLIMITED_REBASE),
                 STAKE_OK);
    expect(&r, "7", "8", "9", "20", "11", "0", "0", "0");
    /* limited, the same decrease takes the pool below zero */
    r = s;
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_EUNDERFLOW);
    ck_assert_u256_eq(r.withdrawals, sentinel());
    /* ... and so does locking more ether than there is */
    in.post_cl_balance = U64(5000);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_EUNDERFLOW);
    in.ether_to_lock_for_withdrawals = U64(1000);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_OK);
    /* TooLowTokenRebaseLimit, overflowing additions, usage */
    r = s;
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 0), STAKE_EINVAL);
    in.new_shares_to_burn_for_withdrawals = U(MAX_U256_DEC);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_EOVERFLOW);
    in.new_shares_to_burn_for_withdrawals = U64(0);
    in.withdrawal_vault_balance = U(MAX_U256_DEC);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r.withdrawals, sentinel());
    ck_assert_rc(stake_lido_smoothen_token_rebase(NULL, &in, 750000), STAKE_EINVAL);
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, NULL, 750000), STAKE_EINVAL);
    in.version = 0;
    ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, 750000), STAKE_EINVAL);
    ck_assert_rc(stake_lido_rebase_input_init(&in, 9), STAKE_EINVAL);
    ck_assert_rc(stake_lido_rebase_input_init(NULL, 1), STAKE_EINVAL);
}
END_TEST

static stake_u256 add(stake_u256 a, stake_u256 b)
{
    stake_u256 r;
    ck_assert_rc(stake_u256_add(&r, &a, &b), STAKE_OK);
    return r;
}

static stake_u256 sub(stake_u256 a, stake_u256 b)
{
    stake_u256 r;
    ck_assert_rc(stake_u256_sub(&r, &a, &b), STAKE_OK);
    return r;
}

static stake_u256 ether(uint64_t units, uint64_t milli)
{
    stake_u256 u = U64(units), m = U64(milli), r, e = U("1" E18), f = U("1000000000000000");
    ck_assert_rc(stake_u256_mul(&r, &u, &e), STAKE_OK);
    ck_assert_rc(stake_u256_mul(&m, &m, &f), STAKE_OK);
    return add(r, m);
}

static int all_zero(const stake_u256 *a, const stake_u256 *b, const stake_u256 *c)
{
    stake_u256 z = U64(0);
    return stake_u256_cmp(a, &z) == 0 && stake_u256_cmp(b, &z) == 0 && stake_u256_cmp(c, &z) == 0;
}

/* Random reports feed the vaults and the Burner faster than the cap
 * allows; then income stops. Every report, taken + deferred equals what is
 * there, and the pooled ether grows by no more than the cap (beyond the CL
 * change itself). In the end everything was taken and burnt: deferred,
 * never lost. */
START_TEST(limiter_never_loses)
{
    for (uint64_t run = 0; run < 40; run++) {
        uint64_t seed = 0x9e3779b97f4a7c15ULL ^ (run * 0x100000001b3ULL);
        uint64_t limit = run % 5 == 4 ? 50000000 : 250000 + prop_below(&seed, 1000000);
        stake_u256 tpe = add(ether(9000000, 0), U64(prop_next(&seed))),
                   ts = add(ether(8000000, 0), U64(prop_next(&seed))),
                   cl = ether(8500000, 0), wv = U64(0), el = U64(0), burner = U64(0);
        stake_u256 in_wv = U64(0), in_el = U64(0), in_burn = U64(0), out_wv = U64(0),
                   out_el = U64(0), out_burn = U64(0);
        int reports = 0, deferring = 0;
        for (;;) {
            int income = reports < 150;
            stake_u256 cl_delta_up = U64(0), cl_delta_down = U64(0);
            if (income) {
                stake_u256 w = ether(prop_below(&seed, 5) == 0 ? 20000 : prop_below(&seed, 3000),
                                     prop_below(&seed, 1000));
                stake_u256 e = ether(prop_below(&seed, 800), prop_below(&seed, 1000));
                stake_u256 b = ether(prop_below(&seed, 50), prop_below(&seed, 1000));
                if (reports == 149)
                    w = add(w, ether(100000, 0));   /* a last big spike to drain */
                wv = add(wv, w);
                el = add(el, e);
                burner = add(burner, b);
                in_wv = add(in_wv, w);
                in_el = add(in_el, e);
                in_burn = add(in_burn, b);
                if (prop_below(&seed, 4) == 0)
                    cl_delta_down = ether(prop_below(&seed, 400), prop_below(&seed, 1000));
                else
                    cl_delta_up = ether(prop_below(&seed, 1500), prop_below(&seed, 1000));
            }
            stake_lido_rebase_input in;
            ck_assert_rc(stake_lido_rebase_input_init(&in, 1), STAKE_OK);
            in.pre_total_pooled_ether = tpe;
            in.pre_total_shares = ts;
            in.pre_cl_balance = cl;
            in.post_cl_balance = sub(add(cl, cl_delta_up), cl_delta_down);
            in.withdrawal_vault_balance = wv;
            in.el_rewards_vault_balance = el;
            in.shares_requested_to_burn = burner;
            stake_lido_smoothed_rebase r;
            ck_assert_rc(stake_lido_smoothen_token_rebase(&r, &in, limit), STAKE_OK);
            /* taken + deferred is what was there */
            ck_assert_u256_eq(add(r.withdrawals, r.withdrawals_deferred), wv);
            ck_assert_u256_eq(add(r.el_rewards, r.el_rewards_deferred), el);
            ck_assert_u256_eq(add(r.shares_to_burn, r.shares_burn_deferred), burner);
            /* the vaults add at most the room left under the cap */
            stake_u256 room, lim = U64(limit), prec = U64(1000000000);
            ck_assert_rc(stake_u256_muldiv(&room, &lim, &tpe, &prec, STAKE_ROUND_FLOOR), STAKE_OK);
            stake_u256 after_cl = sub(add(tpe, cl_delta_up), cl_delta_down);
            stake_u256 post = add(add(after_cl, r.withdrawals), r.el_rewards);
            stake_u256 cap = add(tpe, room);
            if (stake_u256_cmp(&after_cl, &cap) > 0)
                cap = after_cl;
            ck_assert_int_le(stake_u256_cmp(&post, &cap), 0);
            /* apply the report */
            tpe = post;
            ts = sub(ts, r.shares_to_burn);
            cl = in.post_cl_balance;
            wv = r.withdrawals_deferred;
            el = r.el_rewards_deferred;
            burner = r.shares_burn_deferred;
            out_wv = add(out_wv, r.withdrawals);
            out_el = add(out_el, r.el_rewards);
            out_burn = add(out_burn, r.shares_to_burn);
            deferring += !all_zero(&wv, &el, &burner);
            reports++;
            if (!income && all_zero(&wv, &el, &burner))
                break;
            ck_assert_int_lt(reports, 2000);
        }
        /* not vacuous: the cap did defer, and draining took reports */
        if (limit < 50000000) {
            ck_assert_int_gt(deferring, 10);
            ck_assert_int_gt(reports, 155);
        }
        ck_assert_u256_eq(out_wv, in_wv);
        ck_assert_u256_eq(out_el, in_el);
        ck_assert_u256_eq(out_burn, in_burn);
    }
}
END_TEST

/* ---- bunker mode ------------------------------------------------------------------------ */

static stake_lido_oracle_config config(void)
{
    stake_lido_oracle_config c;
    ck_assert_rc(stake_lido_oracle_config_init(&c, STAKE_LIDO_ORACLE_CONFIG_VERSION), STAKE_OK);
    c.initial_epoch = 201600;   /* an example frame origin, a multiple of 225 */
    return c;
}

#define GENESIS 1606824023ULL

START_TEST(oracle_config_defaults)
{
    stake_lido_oracle_config c;
    ck_assert_rc(stake_lido_oracle_config_init(&c, STAKE_LIDO_ORACLE_CONFIG_VERSION), STAKE_OK);
    ck_assert_uint_eq(c.genesis_time, GENESIS);
    ck_assert_uint_eq(c.seconds_per_slot, 12);
    ck_assert_uint_eq(c.slots_per_epoch, 32);
    ck_assert_uint_eq(c.epochs_per_frame, 225);
    ck_assert_uint_eq(c.initial_epoch, 0);
    ck_assert_uint_eq(c.max_negative_rebase_epoch_shift, 1350);
    ck_assert_uint_eq(c.epochs_per_slashings_vector, 8192);
    ck_assert_uint_eq(c.min_validator_withdrawability_delay, 256);
    ck_assert_rc(stake_lido_oracle_config_init(&c, 0), STAKE_EINVAL);
    ck_assert_rc(stake_lido_oracle_config_init(NULL, 1), STAKE_EINVAL);
    stake_lido_oracle_input in;
    ck_assert_rc(stake_lido_oracle_input_init(&in, STAKE_LIDO_ORACLE_INPUT_VERSION), STAKE_OK);
    ck_assert_uint_eq(in.bunker_since_timestamp, STAKE_LIDO_BUNKER_DISABLED);
    ck_assert_uint_eq(in.ref_slot, 0);
    ck_assert_rc(stake_lido_oracle_input_init(&in, 2), STAKE_EINVAL);
    ck_assert_rc(stake_lido_oracle_input_init(NULL, 1), STAKE_EINVAL);
}
END_TEST

START_TEST(cl_rebase_gwei)
{
    int neg = 7;
    stake_u256 g = sentinel(), pre = U64(10), post = U64(9);
    ck_assert_rc(stake_lido_cl_rebase_gwei(&neg, &g, &pre, &post), STAKE_OK);
    ck_assert_int_eq(neg, 1);
    ck_assert_u256_eq(g, U64(1));   /* -1 wei // 1e9 == -1 */
    pre = U("5000000001");
    post = U64(0);
    ck_assert_rc(stake_lido_cl_rebase_gwei(&neg, &g, &pre, &post), STAKE_OK);
    ck_assert_int_eq(neg, 1);
    ck_assert_u256_eq(g, U64(6));
    ck_assert_rc(stake_lido_cl_rebase_gwei(&neg, &g, &post, &pre), STAKE_OK);
    ck_assert_int_eq(neg, 0);
    ck_assert_u256_eq(g, U64(5));
    ck_assert_rc(stake_lido_cl_rebase_gwei(&neg, &g, &pre, &pre), STAKE_OK);
    ck_assert_int_eq(neg, 0);
    ck_assert_u256_eq(g, U64(0));
    pre = U64(0);
    post = U(MAX_U256_DEC);
    ck_assert_rc(stake_lido_cl_rebase_gwei(&neg, &g, &post, &pre), STAKE_OK);
    ck_assert_int_eq(neg, 1);
    ck_assert_u256_eq(g, U("115792089237316195423570985008687907853269984665640564039457584007914"));
    ck_assert_rc(stake_lido_cl_rebase_gwei(NULL, &g, &pre, &post), STAKE_EINVAL);
    ck_assert_rc(stake_lido_cl_rebase_gwei(&neg, NULL, &pre, &post), STAKE_EINVAL);
}
END_TEST

static stake_lido_oracle_input oracle_input(void)
{
    stake_lido_oracle_input in;
    ck_assert_rc(stake_lido_oracle_input_init(&in, STAKE_LIDO_ORACLE_INPUT_VERSION), STAKE_OK);
    in.ref_slot = 12345695;
    in.block_timestamp = GENESIS + 12345695ULL * 12 + 30;
    in.last_report_ref_slot = 12338495;
    in.pre_total_pooled_ether = U("9300000" E18);
    in.simulated_post_total_pooled_ether = U("9300321" E18);
    return in;
}

START_TEST(bunker_mode)
{
    stake_lido_oracle_config c = config();
    stake_lido_oracle_input in = oracle_input();
    stake_lido_bunker b;
    const uint64_t start = GENESIS + 12338495ULL * 12;
    ck_assert_rc(stake_lido_bunker_mode(&b, &c, &in), STAKE_OK);
    ck_assert_int_eq(b.active, 0);
    ck_assert_int_eq(b.reason, STAKE_LIDO_BUNKER_OFF);
    ck_assert_uint_eq(b.start_timestamp, start);
    ck_assert_uint_eq(b.since_timestamp, STAKE_LIDO_BUNKER_DISABLED);
    /* a loss of one wei is a negative rebase and turns bunker mode on,
     * starting at the last report */
    in.simulated_post_total_pooled_ether = U("9299999999999999999999999");
    ck_assert_rc(stake_lido_bunker_mode(&b, &c, &in), STAKE_OK);
    ck_assert_int_eq(b.active, 1);
    ck_assert_int_eq(b.reason, STAKE_LIDO_BUNKER_NEGATIVE_CL_REBASE);
    ck_assert_uint_eq(b.since_timestamp, start);
    /* already on: the queue keeps its start */
    in.bunker_since_timestamp = 1700000000;
    ck_assert_rc(stake_lido_bunker_mode(&b, &c, &in), STAKE_OK);
    ck_assert_uint_eq(b.since_timestamp, 1700000000);
    /* 999999999 wei of rewards floor to 0 gwei: not negative; the flags
     * are checked in the oracle's order */
    in.simulated_post_total_pooled_ether = U("9300000000000000999999999");
    in.high_midterm_slashing_penalty = 1;
    in.abnormal_cl_rebase = 1;
    ck_assert_rc(stake_lido_bunker_mode(&b, &c, &in), STAKE_OK);
    ck_assert_int_eq(b.reason, STAKE_LIDO_BUNKER_MIDTERM_PENALTY);
    ck_assert_uint_eq(b.since_timestamp, 1700000000);
    in.high_midterm_slashing_penalty = 0;
    ck_assert_rc(stake_lido_bunker_mode(&b, &c, &in), STAKE_OK);
    ck_assert_int_eq(b.reason, STAKE_LIDO_BUNKER_ABNORMAL_CL_REBASE);
    ck_assert_int_eq(b.active, 1);
    /* all clear: bunker mode ends */
    in.abnormal_cl_rebase = 0;
    ck_assert_rc(stake_lido_bunker_mode(&b, &c, &in), STAKE_OK);
    ck_assert_int_eq(b.active, 0);
    ck_assert_uint_eq(b.since_timestamp, STAKE_LIDO_BUNKER_DISABLED);
    /* the first report is never bunker, whatever the rebase */
    in.last_report_ref_slot = 0;
    in.simulated_post_total_pooled_ether = U64(0);
    in.abnormal_cl_rebase = 1;
    ck_assert_rc(stake_lido_bunker_mode(&b, &c, &in), STAKE_OK);
    ck_assert_int_eq(b.active, 0);
    ck_assert_int_eq(b.reason, STAKE_LIDO_BUNKER_FIRST_REPORT);
    ck_assert_uint_eq(b.start_timestamp, GENESIS);
    ck_assert_uint_eq(b.since_timestamp, STAKE_LIDO_BUNKER_DISABLED);
    /* refusals, outputs untouched */
    stake_lido_bunker s;
    memcpy(&s, &b, sizeof s);
    in.last_report_ref_slot = UINT64_MAX / 12;
    ck_assert_rc(stake_lido_bunker_mode(&b, &c, &in), STAKE_EOVERFLOW);
    ck_assert_int_eq(memcmp(&b, &s, sizeof b), 0);
    in = oracle_input();
    c.seconds_per_slot = 0;
    ck_assert_rc(stake_lido_bunker_mode(&b, &c, &in), STAKE_EINVAL);
    c = config();
    in.version = 2;
    ck_assert_rc(stake_lido_bunker_mode(&b, &c, &in), STAKE_EINVAL);
    ck_assert_rc(stake_lido_bunker_mode(NULL, &c, &in), STAKE_EINVAL);
    ck_assert_rc(stake_lido_bunker_mode(&b, NULL, &in), STAKE_EINVAL);
}
END_TEST

/* ---- the safe border ---------------------------------------------------------------------- */

static void border(const stake_lido_oracle_input *in, int bunker, uint64_t epoch, uint64_t ts)
{
    stake_lido_oracle_config c = config();
    stake_lido_limits l;
    ck_assert_rc(stake_lido_limits_init(&l, STAKE_LIDO_LIMITS_VERSION), STAKE_OK);
    stake_lido_safe_border_result r;
    ck_assert_rc(stake_lido_safe_border(&r, &c, &l, in, bunker), STAKE_OK);
    ck_assert_uint_eq(r.epoch, epoch);
    ck_assert_uint_eq(r.max_request_timestamp, ts);
    ck_assert_uint_eq(r.default_shift, 20);
}

START_TEST(safe_border_cases)
{
    stake_lido_oracle_input in = oracle_input();
    /* turbo: reference epoch 385802 - ceil(7680 / 384) */
    border(&in, 0, 385782, 1754964311);
    /* bunker since epoch 385000: 20 epochs before it */
    in.bunker_since_timestamp = GENESIS + 385000ULL * 384 + 100;
    border(&in, 1, 384980, 1754656343);
    /* bunker for long: no more than 1350 epochs back */
    in.bunker_since_timestamp = GENESIS + 300000ULL * 384;
    border(&in, 1, 384452, 1754453591);
    /* the queue's start after the reference block is ignored: the last
     * report's epoch 385577 is used */
    in.bunker_since_timestamp = in.block_timestamp + 1;
    border(&in, 1, 385557, 1754877911);
    /* a start exactly at the block counts (epoch 385803, capped by the
     * default border) */
    in.bunker_since_timestamp = in.block_timestamp;
    border(&in, 1, 385782, 1754964311);
    /* a start before genesis is a negative epoch in Python; max() drops it */
    in.bunker_since_timestamp = GENESIS - 1;
    border(&in, 1, 384452, 1754453591);
    /* no start, even for a block at the end of time: the disabled value
     * stands for the queue's 2^256 - 1, which no block reaches, so the
     * last report's epoch 385577 is used */
    in.bunker_since_timestamp = STAKE_LIDO_BUNKER_DISABLED;
    in.block_timestamp = UINT64_MAX;
    border(&in, 1, 385557, 1754877911);
    in.block_timestamp = oracle_input().block_timestamp;
    /* no start, no report yet: the frame origin */
    in.bunker_since_timestamp = STAKE_LIDO_BUNKER_DISABLED;
    in.last_report_ref_slot = 0;
    border(&in, 1, 384452, 1754453591);
    /* slashings: the frame of epoch 385500 starts at 385425 */
    in.last_report_ref_slot = 12338495;
    in.has_slashings = 1;
    in.earliest_slashed_epoch = 385500;
    border(&in, 1, 385405, 1754819543);
    border(&in, 0, 385782, 1754964311);
    /* before the frame origin: Python floors (-600 // 225 == -3) */
    in.earliest_slashed_epoch = 201000;
    border(&in, 1, 200905, 1683971543);
    /* a slashed epoch of 0 is falsy in the oracle: no slashings */
    in.earliest_slashed_epoch = 0;
    border(&in, 1, 385557, 1754877911);
}
END_TEST

START_TEST(safe_border_shift_and_refusals)
{
    stake_lido_oracle_config c = config();
    stake_lido_limits l;
    ck_assert_rc(stake_lido_limits_init(&l, STAKE_LIDO_LIMITS_VERSION), STAKE_OK);
    stake_lido_oracle_input in = oracle_input();
    stake_lido_safe_border_result r;
    /* ceil(margin / 384) */
    struct { uint64_t margin, shift, epoch; } cases[] = {
        { 0, 0, 385802 }, { 1, 1, 385801 }, { 384, 1, 385801 }, { 385, 2, 385800 },
        { 7680, 20, 385782 }, { 7681, 21, 385781 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        l.request_timestamp_margin = cases[i].margin;
        ck_assert_rc(stake_lido_safe_border(&r, &c, &l, &in, 0), STAKE_OK);
        ck_assert_uint_eq(r.default_shift, cases[i].shift);
        ck_assert_uint_eq(r.epoch, cases[i].epoch);
        ck_assert_uint_eq(r.max_request_timestamp, GENESIS + cases[i].epoch * 384);
    }
    l.request_timestamp_margin = 7680;
    /* epoch 3 - 20 is negative */
    stake_lido_safe_border_result s;
    memcpy(&s, &r, sizeof s);
    in.ref_slot = 100;
    ck_assert_rc(stake_lido_safe_border(&r, &c, &l, &in, 0), STAKE_EUNDERFLOW);
    in.ref_slot = 20 * 32;
    ck_assert_rc(stake_lido_safe_border(&r, &c, &l, &in, 0), STAKE_OK);
    ck_assert_uint_eq(r.epoch, 0);
    ck_assert_uint_eq(r.max_request_timestamp, GENESIS);
    memcpy(&s, &r, sizeof s);
    /* a timestamp beyond 64 bits */
    in.ref_slot = UINT64_MAX;
    ck_assert_rc(stake_lido_safe_border(&r, &c, &l, &in, 0), STAKE_EOVERFLOW);
    ck_assert_int_eq(memcmp(&r, &s, sizeof r), 0);
    /* usage */
    in = oracle_input();
    ck_assert_rc(stake_lido_safe_border(NULL, &c, &l, &in, 0), STAKE_EINVAL);
    ck_assert_rc(stake_lido_safe_border(&r, NULL, &l, &in, 0), STAKE_EINVAL);
    ck_assert_rc(stake_lido_safe_border(&r, &c, NULL, &in, 0), STAKE_EINVAL);
    ck_assert_rc(stake_lido_safe_border(&r, &c, &l, NULL, 0), STAKE_EINVAL);
    c.epochs_per_frame = 0;
    ck_assert_rc(stake_lido_safe_border(&r, &c, &l, &in, 1), STAKE_EINVAL);
    c = config();
    c.slots_per_epoch = 0;
    ck_assert_rc(stake_lido_safe_border(&r, &c, &l, &in, 1), STAKE_EINVAL);
    c = config();
    l.request_timestamp_margin = 1ULL << 32;
    ck_assert_rc(stake_lido_safe_border(&r, &c, &l, &in, 1), STAKE_EINVAL);
}
END_TEST

/* ---- the earliest slashed epoch ------------------------------------------------------------- */

START_TEST(earliest_slashed)
{
    stake_lido_oracle_config c = config();
    stake_lido_validator_epochs v[8] = {
        { 0, 381000, 390000 },   /* not slashed */
        { 1, 381000, 390000 },   /* predicts 381808 */
        { 1, 381000, 389000 },   /* predicts 380808 */
        { 1, 377000, 380000 },   /* withdrawable at the reference epoch: done */
        { 1, 382000, 395000 },   /* exits later: not examined */
    };
    stake_lido_slashed_epoch_status st;
    uint64_t e = 99;
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 380000, v, 5), STAKE_OK);
    ck_assert_int_eq(st, STAKE_LIDO_SLASHED_PREDICTED);
    ck_assert_uint_eq(e, 380808);
    /* none slashed, or all withdrawable */
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 380000, v, 1), STAKE_OK);
    ck_assert_int_eq(st, STAKE_LIDO_SLASHED_NONE);
    ck_assert_uint_eq(e, 0);
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 400000, v, 5), STAKE_OK);
    ck_assert_int_eq(st, STAKE_LIDO_SLASHED_NONE);
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 0, NULL, 0), STAKE_OK);
    ck_assert_int_eq(st, STAKE_LIDO_SLASHED_NONE);
    /* exactly MIN_VALIDATOR_WITHDRAWABILITY_DELAY apart: undetectable */
    v[5] = (stake_lido_validator_epochs){ 1, 381000, 381256 };
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 380000, v, 6), STAKE_OK);
    ck_assert_int_eq(st, STAKE_LIDO_SLASHED_UNDETECTABLE);
    ck_assert_uint_eq(e, 0);
    /* closer than the delay raises WrongExitPeriod, unless an undetectable
     * validator comes first in the oracle's (stable) order */
    v[6] = (stake_lido_validator_epochs){ 1, 381000, 381100 };
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 380000, v, 7), STAKE_OK);
    ck_assert_int_eq(st, STAKE_LIDO_SLASHED_UNDETECTABLE);
    v[5] = v[6];
    st = (stake_lido_slashed_epoch_status)9;
    e = 99;
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 380000, v, 6), STAKE_EINVAL);
    ck_assert_int_eq(st, 9);
    ck_assert_uint_eq(e, 99);
    /* the oracle's `if not predicted_epoch`: a prediction of epoch 0 is
     * falsy and sends it to the frame search, wherever it comes in order */
    stake_lido_validator_epochs q[2] = { { 1, 100, 8192 }, { 1, 100, 9000 } };
    e = 99;
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 0, q, 2), STAKE_OK);
    ck_assert_int_eq(st, STAKE_LIDO_SLASHED_UNDETECTABLE);
    ck_assert_uint_eq(e, 0);
    stake_lido_validator_epochs q2[2] = { { 1, 100, 9000 }, { 1, 100, 8192 } };
    e = 99;
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 0, q2, 2), STAKE_OK);
    ck_assert_int_eq(st, STAKE_LIDO_SLASHED_UNDETECTABLE);
    ck_assert_uint_eq(e, 0);
    /* one above 0 is a real prediction */
    stake_lido_validator_epochs q3[2] = { { 1, 100, 9000 }, { 1, 100, 8193 } };
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 0, q3, 2), STAKE_OK);
    ck_assert_int_eq(st, STAKE_LIDO_SLASHED_PREDICTED);
    ck_assert_uint_eq(e, 1);
    /* a negative prediction */
    stake_lido_validator_epochs neg[1] = { { 1, 100, 8000 } };
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 0, neg, 1), STAKE_EUNDERFLOW);
    /* usage */
    ck_assert_rc(stake_lido_earliest_slashed_epoch(NULL, &e, &c, 0, q, 2), STAKE_EINVAL);
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, NULL, &c, 0, q, 2), STAKE_EINVAL);
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, NULL, 0, q, 2), STAKE_EINVAL);
    ck_assert_rc(stake_lido_earliest_slashed_epoch(&st, &e, &c, 0, NULL, 2), STAKE_EINVAL);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("risk_oracle");
    TCase *tc = tcase_create("limiter");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, limiter_values);
    tcase_add_test(tc, limiter_edges);
    tcase_add_test(tc, limiter_never_loses);
    suite_add_tcase(s, tc);

    tc = tcase_create("bunker");
    tcase_add_test(tc, oracle_config_defaults);
    tcase_add_test(tc, cl_rebase_gwei);
    tcase_add_test(tc, bunker_mode);
    suite_add_tcase(s, tc);

    tc = tcase_create("safe_border");
    tcase_add_test(tc, safe_border_cases);
    tcase_add_test(tc, safe_border_shift_and_refusals);
    tcase_add_test(tc, earliest_slashed);
    suite_add_tcase(s, tc);
    return s;
}
