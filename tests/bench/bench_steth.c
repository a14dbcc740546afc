/*
 * Benchmark of stETH deposits (stake_steth_submit) under Lido's staking
 * rate limit against the same deposits without a limit, interleaved round
 * by round in one process: the ratio is what the limit's bookkeeping
 * (a leaky-bucket update per deposit) costs.
 *
 * Each round makes DEPOSITS deposits from HOLDERS accounts on a fresh
 * copy of a token that already holds them all, one block apart, with a
 * limit wide enough that none is refused.
 */
#include <stake.h>

#include "bench.h"

#define HOLDERS 1000
#define DEPOSITS 100000

static void ok(stake_rc rc, const char *what)
{
    if (rc != STAKE_OK) {
        fprintf(stderr, "bench_steth: %s: %s\n", what, stake_errname(rc));
        exit(1);
    }
}

static stake_address holder(uint64_t n)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    a.bytes[0] = 0x42;
    for (int i = 0; i < 8; i++)
        a.bytes[19 - i] = (uint8_t)(n >> (8 * i));
    return a;
}

static stake_address holders[HOLDERS];
static stake_u256 amounts[DEPOSITS];

/* ns per deposit on a copy of base. */
static double time_deposits(const stake_steth *base)
{
    stake_steth *t;
    ok(stake_steth_clone(&t, base), "clone");
    double start = bench_now_ns();
    for (uint32_t i = 0; i < DEPOSITS; i++) {
        ok(stake_steth_set_block(t, stake_steth_block(t) + 1), "block");
        ok(stake_steth_submit(NULL, t, &holders[i % HOLDERS], &amounts[i]), "submit");
    }
    double ns = (bench_now_ns() - start) / DEPOSITS;
    stake_steth_free(t);
    return ns;
}

int main(void)
{
    stake_steth_params p;
    stake_steth *plain, *limited;
    ok(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), "params");
    ok(stake_steth_new(&plain, &p), "new");
    stake_u256 one_ether = STAKE_U256_C(1000000000000000000ULL);
    for (uint64_t i = 0; i < HOLDERS; i++) {
        holders[i] = holder(i + 1);
        ok(stake_steth_submit(NULL, plain, &holders[i], &one_ether), "seed");
    }
    for (uint32_t i = 0; i < DEPOSITS; i++)
        amounts[i] = (stake_u256)STAKE_U256_C(1000000000000000ULL + bench_rand() % 1000000000000000000ULL);
    /* 2^95 wei at most, regained in 1,000 blocks: never the bound. */
    ok(stake_steth_clone(&limited, plain), "clone");
    stake_u256 max = { { 0, 1ULL << 31, 0, 0 } }, per_block = { { 0, (1ULL << 31) / 1000, 0, 0 } };
    ok(stake_steth_set_staking_limit(limited, &max, &per_block), "limit");

    double with[BENCH_ROUNDS], without[BENCH_ROUNDS];
    for (int r = 0; r < BENCH_ROUNDS; r++) {
        without[r] = time_deposits(plain);
        with[r] = time_deposits(limited);
    }
    printf("stETH deposits (%d holders, %d deposits a round, median of %d rounds)\n", HOLDERS,
           DEPOSITS, BENCH_ROUNDS);
    bench_report("submit under a stake limit", bench_median(with, BENCH_ROUNDS),
                 "submit without a limit", bench_median(without, BENCH_ROUNDS), NULL);
    stake_steth_free(limited);
    stake_steth_free(plain);
    return 0;
}
