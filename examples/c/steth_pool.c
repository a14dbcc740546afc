/*
 * A stETH-style pool, end to end: deposits, validators, a profitable
 * oracle report with fee shares, a slashing report, transfers (with their
 * 1-2 wei rounding), wrapping into wstETH and back, and the final ledger.
 *
 * Build: cc steth_pool.c $(pkg-config --cflags --libs libstake)
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

static stake_u256 num(const char *s)
{
    stake_u256 v;
    CHECK(stake_u256_from_string(&v, s, NULL));
    return v;
}

static stake_address addr(const char *hex)
{
    stake_address a;
    CHECK(stake_address_from_hex(&a, hex, NULL));
    return a;
}

/* Prints a wei amount as ether with all 18 decimals: exact, no floats. */
static void print_ether(const char *label, const stake_u256 *wei)
{
    static const stake_u256 e18 = STAKE_U256_C(1000000000000000000ULL);
    stake_u256 whole, frac;
    char w[STAKE_U256_DEC_SIZE], f[STAKE_U256_DEC_SIZE];
    CHECK(stake_u256_divmod(&whole, &frac, wei, &e18));
    CHECK(stake_u256_to_dec(w, sizeof w, &whole));
    CHECK(stake_u256_to_dec(f, sizeof f, &frac));
    printf("  %-28s %s.%018llu\n", label, w, (unsigned long long)strtoull(f, NULL, 10));
}

static void print_rate(const stake_steth *t, const char *when)
{
    stake_u256 rate;
    CHECK(stake_wsteth_steth_per_token(&rate, t));
    printf("%s\n", when);
    print_ether("stETH per share (x1e18):", &rate);
}

int main(void)
{
    stake_steth_params p;
    stake_steth *t;
    CHECK(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION));
    CHECK(stake_steth_new(&t, &p));

    stake_address alice = addr("0x00000000000000000000000000000000000a11ce");
    stake_address bob = addr("0x0000000000000000000000000000000000000b0b");
    stake_address node_ops = addr("0x55bc991b2edf3ddb4c520b222be4f378418ff0fa");
    stake_address treasury = addr("0x3e40d73eb977dc6a537af587d48316fee66e9c8c");

    /* Deposits: 31 and 32 ether; then 2 validators go to the deposit
     * contract and later appear on the consensus layer. */
    stake_u256 shares;
    stake_u256 v31 = num("31000000000000000000"), v32 = num("32000000000000000000");
    CHECK(stake_steth_submit(&shares, t, &alice, &v31));
    CHECK(stake_steth_submit(&shares, t, &bob, &v32));
    CHECK(stake_steth_deposit_validators(t, 2));
    print_rate(t, "after deposits");

    /* A profitable report: the 2 validators appear with 64.05 ether,
     * and 0.01 ether of EL rewards; 10% fee, half to node operators. */
    stake_lido_report r;
    CHECK(stake_lido_report_init(&r, STAKE_LIDO_REPORT_VERSION));
    stake_u256 module_fee = num("5000000000000000000");
    r.cl_validators = num("2");
    r.cl_balance = num("64050000000000000000");
    r.el_rewards_vault_balance = num("10000000000000000");
    r.total_fee = num("10000000000000000000");
    r.fee_recipients = &node_ops;
    r.module_fees = &module_fee;
    r.n_modules = 1;
    r.treasury = treasury;
    stake_lido_report_result res;
    CHECK(stake_steth_handle_report(&res, t, &r));
    print_rate(t, "after a +0.06 ether report");
    print_ether("rewards:", &res.rewards);
    char buf[STAKE_U256_DEC_SIZE];
    CHECK(stake_u256_to_dec(buf, sizeof buf, &res.fee_shares));
    printf("  %-28s %s\n", "fee shares minted:", buf);

    /* Transfers by amount move floor(amount / rate) shares: bob sends
     * alice exactly 1 ether; she gets 1 ether, or 1-2 wei less. */
    stake_u256 one = num("1000000000000000000"), before, after, got;
    CHECK(stake_steth_balance_of(&before, t, &alice));
    CHECK(stake_steth_transfer(NULL, t, &bob, &alice, &one));
    CHECK(stake_steth_balance_of(&after, t, &alice));
    CHECK(stake_u256_sub(&got, &after, &before));
    printf("bob sends alice 1 ether\n");
    print_ether("alice receives:", &got);

    /* Wrap 10 stETH into wstETH (after approving the wrapper), unwrap. */
    stake_u256 ten = num("10000000000000000000"), w, back;
    CHECK(stake_steth_approve(t, &alice, &p.wsteth, &ten));
    CHECK(stake_wsteth_wrap(&w, t, &alice, &ten));
    CHECK(stake_wsteth_unwrap(&back, t, &alice, &w));
    printf("alice wraps 10 stETH and unwraps\n");
    print_ether("wstETH received:", &w);
    print_ether("stETH returned:", &back);

    /* A slashing: one validator loses 1 ether. The rate falls for all. */
    r.cl_balance = num("63050000000000000000");
    r.el_rewards_vault_balance = num("0");
    CHECK(stake_steth_handle_report(&res, t, &r));
    print_rate(t, "after a -1 ether report (slashing)");

    /* The ledger, every balance in one batch conversion. */
    const stake_ledger *l = stake_steth_ledger(t);
    size_t n = stake_ledger_count(l);
    stake_u256 *balances = calloc(n, sizeof *balances);
    if (!balances)
        return 1;
    stake_lido_totals tot;
    stake_conversion c;
    CHECK(stake_steth_totals(&tot, t));
    CHECK(stake_lido_conversion(&c, &tot, STAKE_LIDO_SHARES_TO_ETHER));
    CHECK(stake_ledger_convert_all(balances, n, l, &c, NULL));
    printf("ledger (%zu accounts)\n", n);
    for (size_t i = 0; i < n; i++) {
        stake_address a;
        char hex[STAKE_ADDRESS_HEX_SIZE];
        CHECK(stake_ledger_account_at(&a, NULL, l, i));
        CHECK(stake_address_to_hex(hex, sizeof hex, &a));
        print_ether(hex, &balances[i]);
    }
    stake_u256 supply;
    CHECK(stake_steth_total_supply(&supply, t));
    print_ether("total supply:", &supply);
    CHECK(stake_ledger_check(l));
    free(balances);
    stake_steth_free(t);
    return 0;
}
