/*
 * libFuzzer target: the pure functions of the risk, EigenLayer, Rocket
 * Pool, Lido, rETH and ERC-4626 headers on arbitrary inputs.
 *
 * The first byte picks a function; the rest fills its input structures
 * and values word by word, each 64-bit word drawn as zero, all ones, a
 * small number or eight raw bytes, so that the boundaries (zero
 * denominators, 2^64 - 1, 2^256 - 1) come up as often as ordinary
 * values. Every output is pre-filled with a pattern. The rule checked is
 * the library's contract: no crash, no sanitizer report, and on any
 * refusal every output still holds the pattern, byte for byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stake.h>

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t word(struct fuzz_input *in)
{
    uint8_t kind = fuzz_byte(in);
    switch (kind % 8) {
    case 0: return 0;
    case 1: return UINT64_MAX;
    case 2: return fuzz_byte(in);
    case 3: return fuzz_bytes(in, 2);
    default: return fuzz_bytes(in, 8);
    }
}

/* Fills size bytes (a structure of integers and stake_u256 values, no
 * pointers) word by word; a tail shorter than a word takes raw bytes. */
static void fill(void *dst, size_t size, struct fuzz_input *in)
{
    uint8_t *d = dst;
    while (size >= 8) {
        uint64_t w = word(in);
        memcpy(d, &w, 8);
        d += 8;
        size -= 8;
    }
    while (size--)
        *d++ = fuzz_byte(in);
}

/* A 256-bit value: mostly narrow, sometimes wide. */
static stake_u256 value(struct fuzz_input *in)
{
    stake_u256 v = { { 0, 0, 0, 0 } };
    unsigned limbs = fuzz_byte(in) % 5;
    for (unsigned i = 0; i < limbs; i++)
        v.w[i] = word(in);
    return v;
}

/* On a refusal, each listed output must be as it was. */
#define EXPECT_UNTOUCHED(rc, x)                                   \
    do {                                                          \
        if ((rc) != STAKE_OK && !fuzz_untouched(&(x), sizeof(x)))      \
            abort();                                              \
    } while (0)

static void check_rc(stake_rc rc)
{
    if (rc > 0 || strcmp(stake_errname(rc), "STAKE_EUNKNOWN") == 0)
        abort();   /* every status is 0 or a named negative code */
}

static void eigen_case(unsigned k, struct fuzz_input *in)
{
    stake_u256 o1, o2, a = value(in), b = value(in), c = value(in), d = value(in);
    uint64_t u1 = word(in), u2 = word(in), n1, n2;
    stake_rc rc;
    FUZZ_OUT(o1);
    FUZZ_OUT(o2);
    FUZZ_OUT(n1);
    FUZZ_OUT(n2);
    switch (k % 13) {
    case 0: rc = stake_eigen_slashing_factor(&o1, u1, u2); break;
    case 1: rc = stake_eigen_withdrawable(&o1, &a, &b, &c); break;
    case 2: rc = stake_eigen_deposit_shares(&o1, &a, &b, &c); break;
    case 3: rc = stake_eigen_update_scaling_factor(&o1, &a, &b, &c, &d); break;
    case 4: rc = stake_eigen_queue_withdrawal(&o1, &o2, &a, &b, &c); break;
    case 5: rc = stake_eigen_complete_withdrawal(&o1, &a, &b); break;
    case 6: rc = stake_eigen_slash_operator_shares(&o1, &o2, &a, &b, u1, u2); break;
    case 7: rc = stake_eigen_beacon_chain_slash(&n1, &n2, u1, &a, &b); break;
    case 8: rc = stake_eigen_strategy_deposit(&o1, &o2, &a, &b, &c); break;
    case 9: rc = stake_eigen_strategy_withdraw(&o1, &o2, &a, &b, &c); break;
    case 10: rc = stake_eigen_strategy_shares_to_underlying(&o1, &a, &b, &c); break;
    case 11: rc = stake_eigen_strategy_underlying_to_shares(&o1, &a, &b, &c); break;
    default: {
        stake_eigen_allocation alloc;
        stake_eigen_slash slash;
        if (stake_eigen_allocation_init(&alloc, STAKE_EIGEN_ALLOCATION_VERSION) != STAKE_OK)
            abort();
        fill(&alloc.current_magnitude, sizeof alloc - offsetof(stake_eigen_allocation,
                                                               current_magnitude), in);
        FUZZ_OUT(slash);
        rc = stake_eigen_slash_operator(&slash, &alloc, &a);
        EXPECT_UNTOUCHED(rc, slash);
        break;
    }
    }
    check_rc(rc);
    EXPECT_UNTOUCHED(rc, o1);
    EXPECT_UNTOUCHED(rc, o2);
    EXPECT_UNTOUCHED(rc, n1);
    EXPECT_UNTOUCHED(rc, n2);
}

static void rocketpool_case(unsigned k, struct fuzz_input *in)
{
    stake_u256 o1, o2, a = value(in), b = value(in), c = value(in), d = value(in);
    stake_rc rc;
    FUZZ_OUT(o1);
    FUZZ_OUT(o2);
    stake_rocketpool_minipool mp;
    stake_rocketpool_megapool mega;
    stake_rocketpool_revenue rev;
    if (stake_rocketpool_minipool_init(&mp, STAKE_ROCKETPOOL_MINIPOOL_VERSION) != STAKE_OK ||
        stake_rocketpool_megapool_init(&mega, STAKE_ROCKETPOOL_MEGAPOOL_VERSION) != STAKE_OK ||
        stake_rocketpool_revenue_init(&rev, STAKE_ROCKETPOOL_REVENUE_VERSION) != STAKE_OK)
        abort();
    switch (k % 7) {
    case 0: rc = stake_rocketpool_node_rewards(&o1, &a, &b, &c, &d); break;
    case 1:
        fill(&mp.node_deposit_balance, sizeof mp - offsetof(stake_rocketpool_minipool,
                                                            node_deposit_balance), in);
        rc = stake_rocketpool_minipool_node_share(&o1, &mp, &a);
        break;
    case 2: {
        stake_rocketpool_minipool_split split;
        fill(&mp.node_deposit_balance, sizeof mp - offsetof(stake_rocketpool_minipool,
                                                            node_deposit_balance), in);
        FUZZ_OUT(split);
        rc = stake_rocketpool_minipool_distribute(&split, &mp, &a);
        EXPECT_UNTOUCHED(rc, split);
        break;
    }
    case 3:
        fill(&mega.node_bond, sizeof mega - offsetof(stake_rocketpool_megapool, node_bond), in);
        rc = stake_rocketpool_capital_dispersal(&o1, &o2, &mega, &a, &b);
        break;
    case 4: {
        stake_rocketpool_exit ex;
        fill(&mega.node_bond, sizeof mega - offsetof(stake_rocketpool_megapool, node_bond), in);
        FUZZ_OUT(ex);
        rc = stake_rocketpool_megapool_final_balance(&ex, &mega, (uint32_t)word(in), word(in),
                                                     &a);
        EXPECT_UNTOUCHED(rc, ex);
        break;
    }
    case 5: {
        stake_rocketpool_rewards rw;
        fill(&rev.last_distribution_time,
             sizeof rev - offsetof(stake_rocketpool_revenue, last_distribution_time), in);
        FUZZ_OUT(rw);
        rc = stake_rocketpool_megapool_rewards(&rw, &rev, &a, &b);
        EXPECT_UNTOUCHED(rc, rw);
        break;
    }
    default: rc = stake_rocketpool_megapool_claim(&o1, &o2, &a, &b); break;
    }
    check_rc(rc);
    EXPECT_UNTOUCHED(rc, o1);
    EXPECT_UNTOUCHED(rc, o2);
}

static void lido_checks_case(unsigned k, struct fuzz_input *in)
{
    stake_lido_limits limits;
    stake_lido_accounting_report report;
    stake_lido_second_opinion second;
    stake_lido_report_record history[4];
    if (stake_lido_limits_init(&limits, STAKE_LIDO_LIMITS_VERSION) != STAKE_OK ||
        stake_lido_accounting_report_init(&report, STAKE_LIDO_ACCOUNTING_REPORT_VERSION) !=
            STAKE_OK)
        abort();
    if (fuzz_byte(in) & 1)   /* half the time the mainnet limits, else anything */
        fill(&limits.exited_validators_per_day_limit,
             sizeof limits - offsetof(stake_lido_limits, exited_validators_per_day_limit), in);
    fill(&report.report_timestamp,
         sizeof report - offsetof(stake_lido_accounting_report, report_timestamp), in);
    fill(&second, sizeof second, in);
    fill(history, sizeof history, in);
    size_t n = fuzz_byte(in) % 5;
    stake_u256 a = value(in), b = value(in), c = value(in), d = value(in), e = value(in);
    uint64_t u1 = word(in), u2 = word(in), u3 = word(in);
    stake_rc rc;
    switch (k % 11) {
    case 0: rc = stake_lido_limits_validate(&limits); break;
    case 1: {
        stake_lido_negative_rebase out;
        FUZZ_OUT(out);
        rc = stake_lido_check_negative_rebase(&out, &limits, history, n, &report,
                                              fuzz_byte(in) & 1 ? &second : NULL);
        EXPECT_UNTOUCHED(rc, out);
        break;
    }
    case 2: {
        stake_lido_negative_rebase out;
        FUZZ_OUT(out);
        rc = stake_lido_check_accounting_report(&out, &limits, history, n, &report,
                                                fuzz_byte(in) & 1 ? &second : NULL);
        EXPECT_UNTOUCHED(rc, out);
        break;
    }
    case 3: {
        stake_lido_report_record copy[4];
        size_t m = n, m_before = n;
        memcpy(copy, history, sizeof copy);
        rc = fuzz_byte(in) & 1 ? stake_lido_report_history_append(copy, &m, 4, &history[0])
                               : stake_lido_report_history_prune(copy, &m, u1);
        if (rc != STAKE_OK && (m != m_before || memcmp(copy, history, sizeof copy)))
            abort();
        break;
    }
    case 4: rc = stake_lido_check_vault_balances(&a, &b, &c, &d); break;
    case 5: rc = stake_lido_check_burn_request(&a, &b, &c); break;
    case 6: rc = stake_lido_check_annual_increase(&limits, &a, &b, u1); break;
    case 7: rc = stake_lido_check_appeared_validators(&limits, u1, u2, u3); break;
    case 8: rc = stake_lido_check_exited_validators(&limits, u1, u2); break;
    case 9: rc = stake_lido_check_request_timestamp(&limits, u1, u2); break;
    default: rc = stake_lido_check_share_rate(&limits, &a, &b, &c, &d, &e); break;
    }
    check_rc(rc);
}

static void lido_oracle_case(unsigned k, struct fuzz_input *in)
{
    stake_lido_limits limits;
    stake_lido_oracle_config config;
    stake_lido_oracle_input input;
    stake_lido_rebase_input rebase;
    if (stake_lido_limits_init(&limits, STAKE_LIDO_LIMITS_VERSION) != STAKE_OK ||
        stake_lido_oracle_config_init(&config, STAKE_LIDO_ORACLE_CONFIG_VERSION) != STAKE_OK ||
        stake_lido_oracle_input_init(&input, STAKE_LIDO_ORACLE_INPUT_VERSION) != STAKE_OK ||
        stake_lido_rebase_input_init(&rebase, STAKE_LIDO_REBASE_INPUT_VERSION) != STAKE_OK)
        abort();
    if (fuzz_byte(in) & 1)
        fill(&config.genesis_time,
             sizeof config - offsetof(stake_lido_oracle_config, genesis_time), in);
    fill(&input.ref_slot, sizeof input - offsetof(stake_lido_oracle_input, ref_slot), in);
    fill(&rebase.pre_total_pooled_ether,
         sizeof rebase - offsetof(stake_lido_rebase_input, pre_total_pooled_ether), in);
    stake_rc rc;
    switch (k % 5) {
    case 0: {
        stake_lido_smoothed_rebase out;
        FUZZ_OUT(out);
        rc = stake_lido_smoothen_token_rebase(&out, &rebase, word(in));
        EXPECT_UNTOUCHED(rc, out);
        break;
    }
    case 1: {
        int neg;
        stake_u256 mag;
        stake_u256 a = value(in), b = value(in);
        FUZZ_OUT(neg);
        FUZZ_OUT(mag);
        rc = stake_lido_cl_rebase_gwei(&neg, &mag, &a, &b);
        EXPECT_UNTOUCHED(rc, neg);
        EXPECT_UNTOUCHED(rc, mag);
        break;
    }
    case 2: {
        stake_lido_bunker out;
        FUZZ_OUT(out);
        rc = stake_lido_bunker_mode(&out, &config, &input);
        EXPECT_UNTOUCHED(rc, out);
        break;
    }
    case 3: {
        stake_lido_safe_border_result out;
        FUZZ_OUT(out);
        rc = stake_lido_safe_border(&out, &config, &limits, &input, fuzz_byte(in) & 1);
        EXPECT_UNTOUCHED(rc, out);
        break;
    }
    default: {
        stake_lido_validator_epochs v[4];
        stake_lido_slashed_epoch_status status;
        uint64_t epoch;
        fill(v, sizeof v, in);
        FUZZ_OUT(status);
        FUZZ_OUT(epoch);
        rc = stake_lido_earliest_slashed_epoch(&status, &epoch, &config, word(in), v,
                                               fuzz_byte(in) % 5);
        EXPECT_UNTOUCHED(rc, status);
        EXPECT_UNTOUCHED(rc, epoch);
        break;
    }
    }
    check_rc(rc);
}

static void conversion_case(unsigned k, struct fuzz_input *in)
{
    stake_u256 o1, o2, a = value(in), b = value(in), c = value(in), d = value(in);
    stake_conversion conv;
    stake_rc rc;
    FUZZ_OUT(o1);
    FUZZ_OUT(o2);
    FUZZ_OUT(conv);
    stake_lido_totals totals = { (fuzz_byte(in) & 1) ? STAKE_LIDO_V3 : STAKE_LIDO_V2, a, b, c };
    if (fuzz_byte(in) == 0xff)
        totals.version = (stake_lido_version)7;   /* not a version: refused */
    stake_erc4626_state vault = { fuzz_byte(in) % 80, a, b };
    stake_reth_totals reth = { a, b };
    switch (k % 17) {
    case 0: rc = stake_lido_shares_by_pooled_eth(&o1, &totals, &d); break;
    case 1: rc = stake_lido_pooled_eth_by_shares(&o1, &totals, &d); break;
    case 2: rc = stake_lido_pooled_eth_by_shares_round_up(&o1, &totals, &d); break;
    case 3: rc = stake_lido_external_ether(&o1, &totals); break;
    case 4:
        rc = stake_lido_conversion(&conv, &totals, (stake_lido_direction)(fuzz_byte(in) % 4));
        break;
    case 5: rc = stake_lido_fee_shares_v2(&o1, &a, &b, &c, &d); break;
    case 6: rc = stake_lido_fee_shares_v3(&o1, &o2, &a, &b, &c, &d); break;
    case 7: rc = stake_erc4626_convert_to_shares(&o1, &vault, &d); break;
    case 8: rc = stake_erc4626_preview_mint(&o1, &vault, &d); break;
    case 9: rc = stake_erc4626_preview_withdraw(&o1, &vault, &d); break;
    case 10:
        rc = stake_erc4626_conversion(&conv, &vault, (stake_erc4626_direction)(fuzz_byte(in) % 3),
                                      (stake_rounding)(fuzz_byte(in) % 5));
        break;
    case 11: rc = stake_reth_eth_value(&o1, &reth, &d); break;
    case 12: rc = stake_reth_reth_value(&o1, &reth, &d); break;
    case 13: rc = stake_reth_exchange_rate(&o1, &reth); break;
    case 14: {
        stake_reth_totals next = { c, d };
        rc = stake_reth_check_rate_change(&reth, &next, &a);
        break;
    }
    case 15: {
        /* The stake limit moves from the previous limit towards the
         * maximum and never past it. */
        stake_lido_stake_limit state = { (uint32_t)word(in), a, (uint32_t)word(in), b };
        uint64_t block = word(in);
        rc = stake_lido_current_stake_limit(&o1, &state, block);
        if (rc == STAKE_OK && state.prev_block != 0 && (b.w[0] | b.w[1] | b.w[2] | b.w[3])) {
            int up = stake_u256_cmp(&a, &b) <= 0;
            const stake_u256 *lo = up ? &a : &b, *hi = up ? &b : &a;
            if (stake_u256_cmp(&o1, lo) < 0 || stake_u256_cmp(&o1, hi) > 0)
                abort();
        }
        break;
    }
    default: {
        stake_lido_module modules[3];
        stake_u256 fees[3], total, split[3], treasury;
        size_t n = fuzz_byte(in) % 4;
        fill(modules, sizeof modules, in);
        FUZZ_OUT(fees);
        FUZZ_OUT(total);
        rc = stake_lido_module_fees(fees, &total, modules, n);
        if (rc != STAKE_OK &&
            (!fuzz_untouched(fees, sizeof fees) || !fuzz_untouched(&total, sizeof total)))
            abort();
        check_rc(rc);
        if (rc != STAKE_OK)
            break;
        FUZZ_OUT(split);
        FUZZ_OUT(treasury);
        rc = stake_lido_split_fee_shares(split, &treasury, &a, fees, n, &total);
        if (rc != STAKE_OK &&
            (!fuzz_untouched(split, sizeof split) || !fuzz_untouched(&treasury, sizeof treasury)))
            abort();
        break;
    }
    }
    check_rc(rc);
    EXPECT_UNTOUCHED(rc, o1);
    EXPECT_UNTOUCHED(rc, o2);
    EXPECT_UNTOUCHED(rc, conv);
    /* a conversion that was built converts without crashing */
    if (rc == STAKE_OK && (k % 17 == 4 || k % 17 == 10)) {
        stake_u256 x;
        FUZZ_OUT(x);
        stake_rc crc = stake_convert(&x, &conv, &d);
        check_rc(crc);
        EXPECT_UNTOUCHED(crc, x);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = { data, size };
    uint8_t k = fuzz_byte(&in);
    switch (k % 5) {
    case 0: eigen_case(k / 5, &in); break;
    case 1: rocketpool_case(k / 5, &in); break;
    case 2: lido_checks_case(k / 5, &in); break;
    case 3: lido_oracle_case(k / 5, &in); break;
    default: conversion_case(k / 5, &in); break;
    }
    return 0;
}
