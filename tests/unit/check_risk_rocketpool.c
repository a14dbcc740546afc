/*
 * Unit tests of stake/risk.h part 4: Rocket Pool's loss waterfall, node
 * bond first. Legacy minipool (RocketMinipoolDelegate v3, SafeMath) and
 * Saturn megapool (RocketMegapoolDelegate, checked arithmetic except the
 * unchecked reward split). Expected values from a Python model written
 * from the contracts; conservation checked over random inputs.
 */
#include "testutil.h"
#include "proputil.h"

#define E18 "000000000000000000"

/* A LEB8: 8 ether of node bond, 24 borrowed, 14% commission. */
static stake_rocketpool_minipool leb8(void)
{
    stake_rocketpool_minipool m;
    ck_assert_rc(stake_rocketpool_minipool_init(&m, STAKE_ROCKETPOOL_MINIPOOL_VERSION), STAKE_OK);
    m.node_deposit_balance = U("8" E18);
    m.user_deposit_balance = U("24" E18);
    m.node_fee = U("140000000000000000");
    m.first_distribution = 1;
    return m;
}

/* ---- minipool ------------------------------------------------------------------ */

START_TEST(node_rewards)
{
    stake_u256 r = sentinel(), n = U("8" E18), u = U("24" E18), fee = U("140000000000000000");
    stake_u256 half = U("500000000000000000");
    /* 0.5 * 8/32 = 0.125, plus 14% of 0.375 */
    ck_assert_rc(stake_rocketpool_node_rewards(&r, &n, &u, &half, &fee), STAKE_OK);
    ck_assert_u256_eq(r, U("177500000000000000"));
    stake_u256 n2 = U("8000000000000000001"), u2 = U("24000000000000000005"),
               rw = U("987654321987654321"), f2 = U("140000000000000003");
    ck_assert_rc(stake_rocketpool_node_rewards(&r, &n2, &u2, &rw, &f2), STAKE_OK);
    ck_assert_u256_eq(r, U("350617284305617285"));
    /* no capital: SafeMath's division by zero; overflowing products */
    stake_u256 zero = U64(0), max = U(MAX_U256_DEC);
    r = sentinel();
    ck_assert_rc(stake_rocketpool_node_rewards(&r, &zero, &zero, &half, &fee), STAKE_EDIVZERO);
    ck_assert_rc(stake_rocketpool_node_rewards(&r, &n, &u, &max, &fee), STAKE_EOVERFLOW);
    ck_assert_rc(stake_rocketpool_node_rewards(&r, &max, &u, &zero, &fee), STAKE_EOVERFLOW);
    ck_assert_u256_eq(r, sentinel());
    ck_assert_rc(stake_rocketpool_node_rewards(&r, &zero, &u, &half, &fee), STAKE_OK);
    ck_assert_u256_eq(r, U("70000000000000000"));   /* commission only */
    ck_assert_rc(stake_rocketpool_node_rewards(NULL, &n, &u, &half, &fee), STAKE_EINVAL);
}
END_TEST

static void split(const stake_rocketpool_minipool *m, const char *balance, int full,
                  const char *node, const char *user, const char *penalty, const char *slash)
{
    stake_rocketpool_minipool_split s;
    stake_u256 b = U(balance);
    ck_assert_rc(stake_rocketpool_minipool_distribute(&s, m, &b), STAKE_OK);
    ck_assert_int_eq(s.full_withdrawal, full);
    ck_assert_u256_eq(s.node_amount, U(node));
    ck_assert_u256_eq(s.user_amount, U(user));
    ck_assert_u256_eq(s.penalty, U(penalty));
    ck_assert_u256_eq(s.node_slash_balance, U(slash));
}

START_TEST(minipool_waterfall)
{
    stake_rocketpool_minipool m = leb8();
    /* skimmed rewards below 8 ether */
    split(&m, "500000000000000000", 0, "177500000000000000", "322500000000000000", "0", "0");
    split(&m, "7999999999999999999", 0, "2839999999999999999", "5160000000000000000", "0", "0");
    /* from 8 ether on, a full withdrawal: below user capital the users
     * take everything and the shortfall is recorded for the RPL slash */
    split(&m, "8" E18, 1, "0", "8" E18, "0", "16" E18);
    split(&m, "20" E18, 1, "0", "20" E18, "0", "4" E18);
    split(&m, "24" E18, 1, "0", "24" E18, "0", "0");
    /* between user capital and capital the node absorbs the loss */
    split(&m, "30" E18, 1, "6" E18, "24" E18, "0", "0");
    split(&m, "32" E18, 1, "8" E18, "24" E18, "0", "0");
    /* above capital: node capital plus its rewards */
    split(&m, "32987654321987654321", 1, "8350617284305617283", "24637037037682037038", "0",
          "0");
    split(&m, "40" E18, 1, "10840000000000000000", "29160000000000000000", "0", "0");
    /* the shortfall is recorded on the first distribution only */
    m.first_distribution = 0;
    split(&m, "20" E18, 1, "0", "20" E18, "0", "0");
}
END_TEST

START_TEST(minipool_penalties)
{
    stake_rocketpool_minipool m = leb8();
    const char *b = "32987654321987654321";
    /* a 50% penalty capped at 30% by the guardian */
    m.penalty_rate = U("500000000000000000");
    m.max_penalty_rate = U("300000000000000000");
    split(&m, b, 1, "5845432099013932099", "27142222222973722222", "2505185185291685184", "0");
    /* a penalty above 100% takes the node's whole share, no more */
    m.penalty_rate = U("2" E18);
    m.max_penalty_rate = U("5" E18);
    split(&m, b, 1, "0", b, "8350617284305617283", "0");
    /* a zero cap disables penalties */
    m.max_penalty_rate = U64(0);
    split(&m, b, 1, "8350617284305617283", "24637037037682037038", "0", "0");
    /* a penalty on a loss */
    m.penalty_rate = U("500000000000000000");
    m.max_penalty_rate = U("500000000000000000");
    split(&m, "30" E18, 1, "3" E18, "27" E18, "3" E18, "0");
    /* skimmed rewards carry no penalty */
    split(&m, "7" E18, 0, "2485000000000000000", "4515000000000000000", "0", "0");
    stake_u256 share, seven = U("7" E18), thirty = U("30" E18);
    ck_assert_rc(stake_rocketpool_minipool_node_share(&share, &m, &seven), STAKE_OK);
    ck_assert_u256_eq(share, U("2485000000000000000"));
    ck_assert_rc(stake_rocketpool_minipool_node_share(&share, &m, &thirty), STAKE_OK);
    ck_assert_u256_eq(share, U("3" E18));
    /* penalty product overflow */
    m.penalty_rate = U(MAX_U256_DEC);
    m.max_penalty_rate = U(MAX_U256_DEC);
    share = sentinel();
    ck_assert_rc(stake_rocketpool_minipool_node_share(&share, &m, &thirty), STAKE_EOVERFLOW);
    ck_assert_u256_eq(share, sentinel());
}
END_TEST

START_TEST(minipool_refusals)
{
    stake_rocketpool_minipool m = leb8();
    stake_rocketpool_minipool_split s;
    memset(&s, 0x11, sizeof s);
    stake_rocketpool_minipool_split before;
    memcpy(&before, &s, sizeof s);   /* padding included */
    stake_u256 b = U("40" E18), share;
    /* user + node capital overflows */
    m.node_deposit_balance = U(MAX_U256_DEC);
    ck_assert_rc(stake_rocketpool_minipool_distribute(&s, &m, &b), STAKE_EOVERFLOW);
    ck_assert_int_eq(memcmp(&s, &before, sizeof s), 0);
    m = leb8();
    m.version = 2;
    ck_assert_rc(stake_rocketpool_minipool_distribute(&s, &m, &b), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_minipool_node_share(&share, &m, &b), STAKE_EINVAL);
    m = leb8();
    ck_assert_rc(stake_rocketpool_minipool_distribute(NULL, &m, &b), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_minipool_distribute(&s, NULL, &b), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_minipool_distribute(&s, &m, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_minipool_node_share(NULL, &m, &b), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_minipool_init(&m, 0), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_minipool_init(NULL, 1), STAKE_EINVAL);
    /* skimmed rewards with no capital divide by zero */
    stake_rocketpool_minipool empty;
    ck_assert_rc(stake_rocketpool_minipool_init(&empty, 1), STAKE_OK);
    stake_u256 one = U64(1);
    ck_assert_rc(stake_rocketpool_minipool_distribute(&s, &empty, &one), STAKE_EDIVZERO);
}
END_TEST

/* node + user == balance for every balance; the node never gets more than
 * its capital plus rewards, and the users are short only when the balance
 * is below their capital, by exactly the recorded shortfall. */
START_TEST(minipool_conservation)
{
    uint64_t seed = 0x5eed;
    stake_u256 eight = U("8" E18);
    for (int i = 0; i < 20000; i++) {
        stake_rocketpool_minipool m;
        ck_assert_rc(stake_rocketpool_minipool_init(&m, 1), STAKE_OK);
        uint64_t bond = 1 + prop_below(&seed, 16);
        stake_u256 e = U("1" E18), node, user;
        stake_u256 nb = U64(bond), ub = U64(32 - bond);
        ck_assert_rc(stake_u256_mul(&node, &nb, &e), STAKE_OK);
        ck_assert_rc(stake_u256_mul(&user, &ub, &e), STAKE_OK);
        m.node_deposit_balance = node;
        m.user_deposit_balance = user;
        m.node_fee = U64(prop_below(&seed, 200000000000000000ULL));
        if (prop_below(&seed, 4) == 0) {
            m.penalty_rate = U64(prop_below(&seed, 2000000000000000000ULL));
            m.max_penalty_rate = U64(prop_below(&seed, 1500000000000000000ULL));
        }
        m.first_distribution = (int)prop_below(&seed, 2);
        /* 0 to 50 ether */
        stake_u256 b = U64(prop_next(&seed) % 18000000000000000000ULL),
                   k = U64(prop_below(&seed, 3)), step = U("16" E18), extra;
        ck_assert_rc(stake_u256_mul(&extra, &k, &step), STAKE_OK);
        ck_assert_rc(stake_u256_add(&b, &b, &extra), STAKE_OK);
        stake_rocketpool_minipool_split s;
        ck_assert_rc(stake_rocketpool_minipool_distribute(&s, &m, &b), STAKE_OK);
        stake_u256 sum, capital;
        ck_assert_rc(stake_u256_add(&sum, &s.node_amount, &s.user_amount), STAKE_OK);
        ck_assert_u256_eq(sum, b);
        ck_assert_rc(stake_u256_add(&capital, &node, &user), STAKE_OK);
        ck_assert_int_eq(s.full_withdrawal, stake_u256_cmp(&b, &eight) >= 0);
        if (!s.full_withdrawal)
            continue;
        if (stake_u256_cmp(&b, &user) < 0) {
            /* users take it all; the shortfall accounts for the rest */
            ck_assert_u256_eq(s.user_amount, b);
            stake_u256 whole;
            ck_assert_rc(stake_u256_add(&whole, &s.user_amount, &s.node_slash_balance), STAKE_OK);
            if (m.first_distribution)
                ck_assert_u256_eq(whole, user);
            else
                ck_assert_u256_eq(s.node_slash_balance, U64(0));
        } else {
            /* users are whole; the node's loss comes first */
            ck_assert_int_ge(stake_u256_cmp(&s.user_amount, &user), 0);
            ck_assert_u256_eq(s.node_slash_balance, U64(0));
            if (stake_u256_cmp(&b, &capital) <= 0) {
                stake_u256 left;
                ck_assert_rc(stake_u256_sub(&left, &b, &user), STAKE_OK);
                ck_assert_rc(stake_u256_sub(&left, &left, &s.penalty), STAKE_OK);
                ck_assert_u256_eq(s.node_amount, left);
            }
        }
    }
}
END_TEST

/* ---- megapool --------------------------------------------------------------------------- */

static stake_rocketpool_megapool mega(const char *bond, const char *queued, const char *user,
                                      const char *debt)
{
    stake_rocketpool_megapool m;
    ck_assert_rc(stake_rocketpool_megapool_init(&m, STAKE_ROCKETPOOL_MEGAPOOL_VERSION), STAKE_OK);
    m.node_bond = U(bond);
    m.node_queued_bond = U(queued);
    m.user_capital = U(user);
    m.debt = U(debt);
    return m;
}

START_TEST(capital_dispersal)
{
    stake_rocketpool_megapool m = mega("8" E18, "0", "56" E18, "0");
    stake_u256 ns, us, value = U("32" E18), req = U("4" E18);
    ck_assert_rc(stake_rocketpool_capital_dispersal(&ns, &us, &m, &value, &req), STAKE_OK);
    ck_assert_u256_eq(ns, U("4" E18));
    ck_assert_u256_eq(us, U("28" E18));
    /* the requirement above the bond: nothing back to the node */
    req = U("9" E18);
    ck_assert_rc(stake_rocketpool_capital_dispersal(&ns, &us, &m, &value, &req), STAKE_OK);
    ck_assert_u256_eq(ns, U64(0));
    ck_assert_u256_eq(us, value);
    /* the excess is capped by the value */
    req = U64(0);
    value = U("3" E18);
    ck_assert_rc(stake_rocketpool_capital_dispersal(&ns, &us, &m, &value, &req), STAKE_OK);
    ck_assert_u256_eq(ns, U("3" E18));
    ck_assert_u256_eq(us, U64(0));
    /* queued bond counts toward the excess, but only staked bond returns */
    m = mega("4" E18, "4" E18, "28" E18, "0");
    value = U("32" E18);
    req = U("2" E18);
    ck_assert_rc(stake_rocketpool_capital_dispersal(&ns, &us, &m, &value, &req), STAKE_OK);
    ck_assert_u256_eq(ns, U("4" E18));
    ck_assert_u256_eq(us, U("28" E18));
    /* checked nodeBond + nodeQueuedBond */
    m = mega(MAX_U256_DEC, "1", "0", "0");
    ns = sentinel();
    ck_assert_rc(stake_rocketpool_capital_dispersal(&ns, &us, &m, &value, &req), STAKE_EOVERFLOW);
    ck_assert_u256_eq(ns, sentinel());
    ck_assert_rc(stake_rocketpool_capital_dispersal(NULL, &us, &m, &value, &req), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_capital_dispersal(&ns, &us, &m, &value, NULL), STAKE_EINVAL);
    m.version = 0;
    ck_assert_rc(stake_rocketpool_capital_dispersal(&ns, &us, &m, &value, &req), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_megapool_init(&m, 0), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_megapool_init(NULL, 1), STAKE_EINVAL);
}
END_TEST

static void exit_case(stake_rocketpool_megapool m, uint64_t gwei, const char *req,
                      const char *to_node, const char *to_user, const char *shortfall,
                      const char *repaid, const char *bond, const char *user_capital,
                      const char *debt)
{
    stake_rocketpool_exit e;
    stake_u256 r = U(req);
    ck_assert_rc(stake_rocketpool_megapool_final_balance(&e, &m, 32000, gwei, &r), STAKE_OK);
    ck_assert_u256_eq(e.to_node, U(to_node));
    ck_assert_u256_eq(e.to_user, U(to_user));
    ck_assert_u256_eq(e.shortfall, U(shortfall));
    ck_assert_int_eq(e.incurs_shortfall, stake_u256_cmp(&e.shortfall, &(stake_u256){ { 0 } }) != 0);
    ck_assert_u256_eq(e.debt_repaid, U(repaid));
    ck_assert_u256_eq(e.after.node_bond, U(bond));
    ck_assert_u256_eq(e.after.user_capital, U(user_capital));
    ck_assert_u256_eq(e.after.debt, U(debt));
    ck_assert_u256_eq(e.after.node_queued_bond, m.node_queued_bond);
}

START_TEST(megapool_final_balance)
{
    stake_rocketpool_megapool m = mega("8" E18, "0", "56" E18, "0");
    /* a full exit with 0.01 ether of rewards: bond excess to the node, the
     * rest (rewards included) to rETH */
    exit_case(m, 32010000000ULL, "4" E18, "4" E18, "28010000000000000000", "0", "0", "4" E18,
              "28" E18, "0");
    /* a 2 ether loss: the node's share takes it */
    exit_case(m, 30000000000ULL, "4" E18, "2" E18, "28" E18, "0", "0", "4" E18, "28" E18, "0");
    /* a 6 ether loss: the node's 4 are gone, 2 more become debt */
    exit_case(m, 26000000000ULL, "4" E18, "0", "26" E18, "2" E18, "0", "4" E18, "28" E18,
              "2" E18);
    /* nothing comes back: all of the user share is debt */
    exit_case(m, 0, "4" E18, "0", "0", "28" E18, "0", "4" E18, "28" E18, "28" E18);
    /* existing debt is repaid from the node's amount first */
    m = mega("8" E18, "0", "56" E18, "1" E18);
    exit_case(m, 31000000000ULL, "4" E18, "2" E18, "29" E18, "0", "1" E18, "4" E18, "28" E18,
              "0");
    m = mega("8" E18, "0", "56" E18, "5" E18);
    exit_case(m, 31000000000ULL, "4" E18, "0", "31" E18, "0", "3" E18, "4" E18, "28" E18,
              "2" E18);
    /* queued bond and a requirement above the bond */
    m = mega("4" E18, "4" E18, "28" E18, "0");
    exit_case(m, 32000000000ULL, "4" E18, "4" E18, "28" E18, "0", "0", "0", "0", "0");
    m = mega("8" E18, "0", "56" E18, "0");
    exit_case(m, 32000000000ULL, "9" E18, "0", "32" E18, "0", "0", "8" E18, "24" E18, "0");
    /* refusals: userCapital -= userShare underflows; debt overflows */
    stake_rocketpool_exit e, before;
    memset(&e, 0x22, sizeof e);
    memcpy(&before, &e, sizeof e);
    stake_u256 req = U("4" E18);
    m = mega("8" E18, "0", "10" E18, "0");
    ck_assert_rc(stake_rocketpool_megapool_final_balance(&e, &m, 32000, 32000000000ULL, &req),
                 STAKE_EUNDERFLOW);
    m = mega("8" E18, "0", "56" E18, MAX_U256_DEC);
    ck_assert_rc(stake_rocketpool_megapool_final_balance(&e, &m, 32000, 26000000000ULL, &req),
                 STAKE_EOVERFLOW);
    ck_assert_int_eq(memcmp(&e, &before, sizeof e), 0);
    ck_assert_rc(stake_rocketpool_megapool_final_balance(NULL, &m, 32000, 0, &req), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_megapool_final_balance(&e, NULL, 32000, 0, &req), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_megapool_final_balance(&e, &m, 32000, 0, NULL), STAKE_EINVAL);
}
END_TEST

/* to_node + to_user == the withdrawal; the users get their share, or the
 * difference becomes debt; the debt moves by exactly shortfall - repaid;
 * bond and capital drop by the shares. */
START_TEST(megapool_conservation)
{
    uint64_t seed = 0xfeed;
    for (int i = 0; i < 20000; i++) {
        uint64_t validators = 1 + prop_below(&seed, 20);
        stake_u256 e4 = U("4" E18), n = U64(validators), bond, user, req, q;
        ck_assert_rc(stake_u256_mul(&bond, &e4, &n), STAKE_OK);
        /* 28 borrowed per validator, and 4 of slack so that one validator
         * can return all 32 as user capital */
        stake_u256 twenty_eight = U("28" E18);
        ck_assert_rc(stake_u256_mul(&user, &twenty_eight, &n), STAKE_OK);
        ck_assert_rc(stake_u256_add(&user, &user, &e4), STAKE_OK);
        /* a requirement of 4 ether per remaining validator, sometimes less
         * or more (bond changes), and sometimes queued bond */
        stake_u256 left = U64(validators - 1);
        ck_assert_rc(stake_u256_mul(&req, &e4, &left), STAKE_OK);
        if (prop_below(&seed, 3) == 0) {
            stake_u256 a = U64(prop_next(&seed) % 18000000000000000000ULL),
                       b = U64(prop_next(&seed) % 18000000000000000000ULL);
            ck_assert_rc(stake_u256_add(&req, &a, &b), STAKE_OK);
            ck_assert_rc(stake_u256_add(&req, &req, &a), STAKE_OK);
        }
        q = prop_below(&seed, 4) == 0 ? U64(prop_next(&seed)) : U64(0);
        stake_rocketpool_megapool m = mega("0", "0", "0", "0");
        m.node_bond = bond;
        m.user_capital = user;
        m.node_queued_bond = q;
        m.debt = prop_below(&seed, 3) == 0 ? U64(prop_next(&seed)) : U64(0);
        uint64_t gwei = prop_below(&seed, 40000000000ULL);
        stake_rocketpool_exit x;
        ck_assert_rc(stake_rocketpool_megapool_final_balance(&x, &m, 32000, gwei, &req), STAKE_OK);
        stake_u256 w = U64(gwei), g = U("1000000000"), sum, t;
        ck_assert_rc(stake_u256_mul(&w, &w, &g), STAKE_OK);
        ck_assert_rc(stake_u256_add(&sum, &x.to_node, &x.to_user), STAKE_OK);
        ck_assert_u256_eq(sum, w);
        /* node + user shares are the deposit */
        ck_assert_rc(stake_u256_add(&sum, &x.node_share, &x.user_share), STAKE_OK);
        ck_assert_u256_eq(sum, U("32" E18));
        /* users: what they got before repayment plus the new debt covers
         * their share */
        stake_u256 got;
        ck_assert_rc(stake_u256_sub(&got, &x.to_user, &x.debt_repaid), STAKE_OK);
        ck_assert_rc(stake_u256_add(&t, &got, &x.shortfall), STAKE_OK);
        ck_assert_int_ge(stake_u256_cmp(&t, &x.user_share), 0);
        stake_u256 zero = U64(0);
        if (stake_u256_cmp(&x.shortfall, &zero) != 0)
            ck_assert_u256_eq(t, x.user_share);
        /* debt after = debt + shortfall - repaid */
        ck_assert_rc(stake_u256_add(&t, &m.debt, &x.shortfall), STAKE_OK);
        ck_assert_rc(stake_u256_sub(&t, &t, &x.debt_repaid), STAKE_OK);
        ck_assert_u256_eq(t, x.after.debt);
        /* the node only keeps something once the debt is gone */
        if (stake_u256_cmp(&x.to_node, &(stake_u256){ { 0 } }) != 0)
            ck_assert_u256_eq(x.after.debt, U64(0));
        ck_assert_rc(stake_u256_add(&t, &x.after.node_bond, &x.node_share), STAKE_OK);
        ck_assert_u256_eq(t, bond);
        ck_assert_rc(stake_u256_add(&t, &x.after.user_capital, &x.user_share), STAKE_OK);
        ck_assert_u256_eq(t, user);
    }
}
END_TEST

static stake_rocketpool_revenue revenue(const char *voter, const char *pdao, const char *reth,
                                        const char *ratio)
{
    stake_rocketpool_revenue r;
    ck_assert_rc(stake_rocketpool_revenue_init(&r, STAKE_ROCKETPOOL_REVENUE_VERSION), STAKE_OK);
    r.last_distribution_time = 1700000000;
    r.voter_share = U(voter);
    r.protocol_dao_share = U(pdao);
    r.reth_share = U(reth);
    r.average_capital_ratio = U(ratio);
    return r;
}

static void rewards(const stake_rocketpool_revenue *rev, const char *amount, const char *debt,
                    const char *node, const char *voter, const char *pdao, const char *reth,
                    const char *repaid, const char *debt_after)
{
    stake_rocketpool_rewards r;
    stake_u256 a = U(amount), d = U(debt);
    ck_assert_rc(stake_rocketpool_megapool_rewards(&r, rev, &a, &d), STAKE_OK);
    ck_assert_u256_eq(r.node, U(node));
    ck_assert_u256_eq(r.voter, U(voter));
    ck_assert_u256_eq(r.protocol_dao, U(pdao));
    ck_assert_u256_eq(r.reth, U(reth));
    ck_assert_u256_eq(r.debt_repaid, U(repaid));
    ck_assert_u256_eq(r.debt_after, U(debt_after));
}

START_TEST(megapool_rewards)
{
    /* borrowed is 7/8 of the rewards; 9% to voters, 86% to rETH, the node
     * keeps its 1/8 plus the 5% commission and the rounding */
    stake_rocketpool_revenue rev = revenue("90000000000000000", "0", "860000000000000000",
                                           "125000000000000000");
    const char *amount = "1234567890123456789";
    rewards(&rev, amount, "0", "208333331458333333", "97222221347222222", "0",
            "929012337317901234", "0", "0");
    /* the node's part repays debt first, partly or wholly */
    rewards(&rev, amount, "100000000000000000", "108333331458333333", "97222221347222222", "0",
            "929012337317901234", "100000000000000000", "0");
    rewards(&rev, amount, "10" E18, "0", "97222221347222222", "0", "929012337317901234",
            "208333331458333333", "9791666668541666667");
    stake_rocketpool_revenue odd = revenue("40000000000000007", "10000000000000003",
                                           "850000000000000011", "123456789012345678");
    rewards(&odd, amount, "0", "260630997791495187", "43286084103642744", "10821521025910687",
            "919829287202408171", "0", "0");
    /* no rewards: nothing moves, not even the debt */
    rewards(&rev, "0", "5", "0", "0", "0", "0", "0", "5");
    /* never distributed: all to the node, whatever the split says */
    stake_rocketpool_revenue first = revenue("2" E18, "2" E18, "2" E18, "2" E18);
    first.last_distribution_time = 0;
    rewards(&first, amount, "3", "1234567890123456786", "0", "0", "0", "3", "0");
    /* the split is `unchecked`: products wrap modulo 2^256 */
    stake_rocketpool_revenue wrap = revenue("90000000000000000", "50000000000000000",
                                            "860000000000000000", "500000000000000000");
    rewards(&wrap,
            "57896044618658097711785492504343953926634992332820282019728792003956564832313",
            "0",
            "57896044618658097711785492504343953926634992332820282019728792003956564826142",
            "555", "308", "5308", "0", "0");
    stake_rocketpool_revenue full = revenue("90000000000000000", "50000000000000000",
                                            "860000000000000000", "1" E18);
    rewards(&full, MAX_U256_DEC, "0",
            "115792089237316195191986806534055517006128014648264748332917614676632001561021",
            "105370801205957737835449596357905996146475686045732913275906",
            "110002484775450385652392435758253512460606485432358535837484",
            "16210892493224267359299937901216307099457797853189678965524", "0", "0");
}
END_TEST

START_TEST(megapool_rewards_refusals)
{
    stake_rocketpool_rewards r;
    memset(&r, 0x33, sizeof r);
    stake_rocketpool_rewards before;
    memcpy(&before, &r, sizeof r);
    stake_u256 a = U("1" E18), d = U64(0);
    /* the contract's requires */
    stake_rocketpool_revenue rev = revenue("0", "0", "0", "1000000000000000001");
    ck_assert_rc(stake_rocketpool_megapool_rewards(&r, &rev, &a, &d), STAKE_EINVAL);
    rev = revenue("0", "0", "0", "1" E18);
    ck_assert_rc(stake_rocketpool_megapool_rewards(&r, &rev, &a, &d), STAKE_OK);
    ck_assert_u256_eq(r.node, a);
    memcpy(&r, &before, sizeof r);
    rev = revenue("500000000000000000", "500000000000000000", "1", "0");
    ck_assert_rc(stake_rocketpool_megapool_rewards(&r, &rev, &a, &d), STAKE_EINVAL);
    rev = revenue(MAX_U256_DEC, "1", "0", "0");
    ck_assert_rc(stake_rocketpool_megapool_rewards(&r, &rev, &a, &d), STAKE_EOVERFLOW);
    ck_assert_int_eq(memcmp(&r, &before, sizeof r), 0);
    rev = revenue("500000000000000000", "0", "500000000000000000", "0");
    ck_assert_rc(stake_rocketpool_megapool_rewards(&r, &rev, &a, &d), STAKE_OK);
    ck_assert_u256_eq(r.node, U64(0));
    ck_assert_rc(stake_rocketpool_megapool_rewards(NULL, &rev, &a, &d), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_megapool_rewards(&r, NULL, &a, &d), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_megapool_rewards(&r, &rev, NULL, &d), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_megapool_rewards(&r, &rev, &a, NULL), STAKE_EINVAL);
    rev.version = 9;
    ck_assert_rc(stake_rocketpool_megapool_rewards(&r, &rev, &a, &d), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_revenue_init(&rev, 0), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_revenue_init(NULL, 1), STAKE_EINVAL);
}
END_TEST

/* Below 2^256 / 1e18 the split adds up: nothing wraps. */
START_TEST(megapool_rewards_conservation)
{
    uint64_t seed = 0xabcdef;
    for (int i = 0; i < 20000; i++) {
        uint64_t v = prop_below(&seed, 400000000000000000ULL);
        uint64_t p = prop_below(&seed, 100000000000000000ULL);
        uint64_t t = prop_below(&seed, 1000000000000000000ULL - v - p + 1);
        char buf[4][32];
        snprintf(buf[0], sizeof buf[0], "%llu", (unsigned long long)v);
        snprintf(buf[1], sizeof buf[1], "%llu", (unsigned long long)p);
        snprintf(buf[2], sizeof buf[2], "%llu", (unsigned long long)t);
        snprintf(buf[3], sizeof buf[3], "%llu",
                 (unsigned long long)prop_below(&seed, 1000000000000000001ULL));
        stake_rocketpool_revenue rev = revenue(buf[0], buf[1], buf[2], buf[3]);
        stake_u256 amount = prop_amount(&seed), debt = prop_amount(&seed);
        amount.w[3] = 0;   /* stay below 2^196 < 2^256 / 1e18 */
        amount.w[2] &= 0xf;
        stake_rocketpool_rewards r;
        ck_assert_rc(stake_rocketpool_megapool_rewards(&r, &rev, &amount, &debt), STAKE_OK);
        stake_u256 sum;
        ck_assert_rc(stake_u256_add(&sum, &r.node, &r.voter), STAKE_OK);
        ck_assert_rc(stake_u256_add(&sum, &sum, &r.protocol_dao), STAKE_OK);
        ck_assert_rc(stake_u256_add(&sum, &sum, &r.reth), STAKE_OK);
        ck_assert_rc(stake_u256_add(&sum, &sum, &r.debt_repaid), STAKE_OK);
        ck_assert_u256_eq(sum, amount);
        ck_assert_rc(stake_u256_add(&sum, &r.debt_after, &r.debt_repaid), STAKE_OK);
        ck_assert_u256_eq(sum, debt);
    }
}
END_TEST

START_TEST(megapool_claim)
{
    stake_u256 to_node = sentinel(), repaid = sentinel(), refund = U("3" E18), debt = U("1" E18);
    ck_assert_rc(stake_rocketpool_megapool_claim(&to_node, &repaid, &refund, &debt), STAKE_OK);
    ck_assert_u256_eq(to_node, U("2" E18));
    ck_assert_u256_eq(repaid, U("1" E18));
    debt = U("5" E18);
    ck_assert_rc(stake_rocketpool_megapool_claim(&to_node, &repaid, &refund, &debt), STAKE_OK);
    ck_assert_u256_eq(to_node, U64(0));
    ck_assert_u256_eq(repaid, U("3" E18));
    debt = U64(0);
    ck_assert_rc(stake_rocketpool_megapool_claim(&to_node, &repaid, &refund, &debt), STAKE_OK);
    ck_assert_u256_eq(to_node, refund);
    ck_assert_u256_eq(repaid, U64(0));
    ck_assert_rc(stake_rocketpool_megapool_claim(NULL, &repaid, &refund, &debt), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_megapool_claim(&to_node, NULL, &refund, &debt), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_megapool_claim(&to_node, &repaid, NULL, &debt), STAKE_EINVAL);
    ck_assert_rc(stake_rocketpool_megapool_claim(&to_node, &repaid, &refund, NULL), STAKE_EINVAL);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("risk_rocketpool");
    TCase *tc = tcase_create("minipool");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, node_rewards);
    tcase_add_test(tc, minipool_waterfall);
    tcase_add_test(tc, minipool_penalties);
    tcase_add_test(tc, minipool_refusals);
    tcase_add_test(tc, minipool_conservation);
    suite_add_tcase(s, tc);

    tc = tcase_create("megapool");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, capital_dispersal);
    tcase_add_test(tc, megapool_final_balance);
    tcase_add_test(tc, megapool_conservation);
    tcase_add_test(tc, megapool_rewards);
    tcase_add_test(tc, megapool_rewards_refusals);
    tcase_add_test(tc, megapool_rewards_conservation);
    tcase_add_test(tc, megapool_claim);
    suite_add_tcase(s, tc);
    return s;
}
