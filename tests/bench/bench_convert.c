/*
 * Wallet balances after a rebase: 1,000,000 share balances converted to
 * ether in one call (stake_convert_batch: one conversion prepared, applied
 * to a packed array), against a naive GMP mpz loop over the same values
 * (mpz_mul + mpz_fdiv_q per account, on pre-loaded mpz_t) measured in the
 * same run, and against calling stake_convert once per account.
 */
#include <gmp.h>
#include <stake.h>
#include "bench.h"

#define N 1000000
#define ROUNDS 7

static stake_u256 shares[N], balances[N];
static mpz_t zshares[N];

static stake_u256 dec(const char *s)
{
    stake_u256 v;
    if (stake_u256_from_dec(&v, s, NULL) != STAKE_OK)
        abort();
    return v;
}

int main(void)
{
    /* A mainnet-sized pool: 9.3M ether over 8.09M shares. */
    stake_lido_totals totals = { STAKE_LIDO_V3, dec("9300000000000000000000123"),
                                 dec("8086956521739130434782608"), dec("0") };
    stake_conversion conv;
    if (stake_lido_conversion(&conv, &totals, STAKE_LIDO_SHARES_TO_ETHER) != STAKE_OK)
        abort();

    /* Balances from dust to whales: 1e9 .. 1e24 shares, log-uniform-ish. */
    for (int i = 0; i < N; i++) {
        int bits = 30 + (int)(bench_rand() % 50);
        stake_u256 v = { { bench_rand(), bench_rand(), 0, 0 } };
        if (bits < 64)
            v.w[0] &= (1ULL << bits) - 1, v.w[1] = 0;
        else
            v.w[1] &= (1ULL << (bits - 64)) - 1;
        shares[i] = v;
        mpz_init(zshares[i]);
        mpz_import(zshares[i], 4, -1, 8, 0, 0, v.w);
    }
    mpz_t num, den, p, q;
    mpz_init(num);
    mpz_init(den);
    mpz_init2(p, 512);
    mpz_init2(q, 512);
    mpz_import(num, 4, -1, 8, 0, 0, conv.num.w);
    mpz_import(den, 4, -1, 8, 0, 0, conv.den.w);

    double tb[ROUNDS], tm[ROUNDS], ts[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        double t0 = bench_now_ns();
        if (stake_convert_batch(balances, shares, N, &conv, NULL) != STAKE_OK)
            abort();
        double t1 = bench_now_ns();
        uint64_t acc = 0;
        for (int i = 0; i < N; i++) {
            mpz_mul(p, zshares[i], num);
            mpz_fdiv_q(q, p, den);
            acc ^= mpz_getlimbn(q, 0);
        }
        double t2 = bench_now_ns();
        for (int i = 0; i < N; i++) {
            stake_u256 b;
            if (stake_convert(&b, &conv, &shares[i]) != STAKE_OK)
                abort();
            acc ^= b.w[0] ^ balances[i].w[0];
        }
        double t3 = bench_now_ns();
        bench_sink ^= acc;
        tb[r] = (t1 - t0) / N;
        tm[r] = (t2 - t1) / N;
        ts[r] = (t3 - t2) / N;
    }
    /* Spot-check the batch against GMP. */
    for (int i = 0; i < N; i += 9973) {
        mpz_mul(p, zshares[i], num);
        mpz_fdiv_q(q, p, den);
        uint64_t w[4] = { 0 };
        mpz_export(w, NULL, -1, 8, 0, 0, q);
        if (memcmp(w, balances[i].w, sizeof w) != 0)
            abort();
    }
    double b = bench_median(tb, ROUNDS), m = bench_median(tm, ROUNDS), s = bench_median(ts, ROUNDS);
    printf("bench_convert: libstake %s, %s backend, %d accounts, median of %d rounds\n",
           stake_version_string(), stake_backend_name(), N, ROUNDS);
    bench_report("balances, stake_convert_batch", b, "naive gmp mpz loop", m, "target: <= 15 ns");
    bench_report("balances, stake_convert per account", s, "naive gmp mpz loop", m, NULL);
    return 0;
}
