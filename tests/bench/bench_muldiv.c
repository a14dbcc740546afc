/*
 * mulDiv throughput: stake_u256_muldiv (floor and ceil) against GMP's mpz
 * layer (mpz_mul then mpz_fdiv_q on reused, pre-loaded mpz_t) measured in
 * the same run, on 16384 distinct random inputs per shape:
 *
 *   realistic:  a ~ 1e18..1e24, b and c ~ 1e24..1e27 (amounts times rates)
 *   full width: a, b, c of 256 bits, a < c so that the result fits
 *
 * and, for information, two other wide shapes: a four-limb divisor that
 * needs shifting (193..255 bits), and a product wider than 256 bits over a
 * divisor of 129..191 bits, the one shape left to the big-integer backend.
 */
#include <gmp.h>
#include <stake.h>
#include "bench.h"

#define N 16384

struct shape {
    stake_u256 a[N], b[N], c[N];
    mpz_t za[N], zb[N], zc[N];
};

/* Uniform-ish value in [lo, hi) for hi - lo < 2^128, as a u256. */
static stake_u256 in_range(const char *lo_s, const char *hi_s)
{
    stake_u256 lo, hi, span, r, out;
    if (stake_u256_from_dec(&lo, lo_s, NULL) || stake_u256_from_dec(&hi, hi_s, NULL) ||
        stake_u256_sub(&span, &hi, &lo))
        abort();
    stake_u256 rnd = { { bench_rand(), bench_rand(), 0, 0 } };
    if (stake_u256_mod(&r, &rnd, &span) || stake_u256_add(&out, &lo, &r))
        abort();
    return out;
}

static void load_mpz(struct shape *s)
{
    for (int i = 0; i < N; i++) {
        mpz_init(s->za[i]);
        mpz_init(s->zb[i]);
        mpz_init(s->zc[i]);
        mpz_import(s->za[i], 4, -1, 8, 0, 0, s->a[i].w);
        mpz_import(s->zb[i], 4, -1, 8, 0, 0, s->b[i].w);
        mpz_import(s->zc[i], 4, -1, 8, 0, 0, s->c[i].w);
    }
}

static void make_realistic(struct shape *s)
{
    for (int i = 0; i < N; i++) {
        s->a[i] = in_range("1000000000000000000", "1000000000000000000000000");
        s->b[i] = in_range("1000000000000000000000000", "1000000000000000000000000000");
        s->c[i] = in_range("1000000000000000000000000", "1000000000000000000000000000");
    }
    load_mpz(s);
}

static stake_u256 rand_u256(void)
{
    return (stake_u256){ { bench_rand(), bench_rand(), bench_rand(), bench_rand() } };
}

/* Four-limb divisors: c of 256 bits (shifted == 0), or of 193..255 bits,
 * whose division first shifts it; a < c so that a * b / c < 2^256. */
static void make_four_limb(struct shape *s, int shifted)
{
    for (int i = 0; i < N; i++) {
        int shift = shifted ? 1 + i % 63 : 0;
        s->a[i] = rand_u256();
        s->b[i] = rand_u256();
        s->c[i] = rand_u256();
        s->c[i].w[3] = (s->c[i].w[3] | 1ULL << 63) >> shift;
        s->a[i].w[3] = (s->a[i].w[3] >> 1) >> shift;
    }
    load_mpz(s);
}

/* c of 129..191 bits, a of 256 bits, b below c: the product is wider than
 * 256 bits (a * b / c < a, so the result fits). */
static void make_backend(struct shape *s)
{
    for (int i = 0; i < N; i++) {
        s->a[i] = rand_u256();
        s->a[i].w[3] |= 1ULL << 63;
        int shift = i % 63;
        s->c[i] = (stake_u256){ { bench_rand(), bench_rand(), (bench_rand() | 1ULL << 63) >> shift, 0 } };
        s->b[i] = (stake_u256){ { bench_rand(), bench_rand(), s->c[i].w[2] >> 1, 0 } };
    }
    load_mpz(s);
}

static double time_stake(const struct shape *s, stake_rounding mode)
{
    uint64_t acc = 0;
    double t0 = bench_now_ns();
    for (int i = 0; i < N; i++) {
        stake_u256 r;
        if (stake_u256_muldiv(&r, &s->a[i], &s->b[i], &s->c[i], mode) != STAKE_OK)
            abort();
        acc ^= r.w[0];
    }
    double t = bench_now_ns() - t0;
    bench_sink ^= acc;
    return t / N;
}

static double time_mpz(struct shape *s)
{
    mpz_t p, q;
    mpz_init2(p, 512);
    mpz_init2(q, 512);
    uint64_t acc = 0;
    double t0 = bench_now_ns();
    for (int i = 0; i < N; i++) {
        mpz_mul(p, s->za[i], s->zb[i]);
        mpz_fdiv_q(q, p, s->zc[i]);
        acc ^= mpz_getlimbn(q, 0);
    }
    double t = bench_now_ns() - t0;
    bench_sink ^= acc;
    mpz_clear(p);
    mpz_clear(q);
    return t / N;
}

static void run(const char *name, struct shape *s, const char *floor_target)
{
    double base[BENCH_ROUNDS], fl[BENCH_ROUNDS], ce[BENCH_ROUNDS];
    time_stake(s, STAKE_ROUND_FLOOR);   /* warm caches */
    time_mpz(s);
    /* Rotate the order each round so that no variant always runs right
     * after another (frequency and cache effects). */
    for (int r = 0; r < BENCH_ROUNDS; r++) {
        for (int k = 0; k < 3; k++) {
            switch ((r + k) % 3) {
            case 0: base[r] = time_mpz(s); break;
            case 1: fl[r] = time_stake(s, STAKE_ROUND_FLOOR); break;
            default: ce[r] = time_stake(s, STAKE_ROUND_CEIL); break;
            }
        }
    }
    double b = bench_median(base, BENCH_ROUNDS);
    double f = bench_median(fl, BENCH_ROUNDS), c = bench_median(ce, BENCH_ROUNDS);
    char what[64];
    snprintf(what, sizeof what, "muldiv floor, %s", name);
    bench_report(what, f, "gmp mpz_mul+mpz_fdiv_q", b, floor_target);
    snprintf(what, sizeof what, "muldiv ceil, %s", name);
    bench_report(what, c, "gmp mpz_mul+mpz_fdiv_q", b, "target: within 1 ns of floor");
    printf("  %-44s %+9.2f ns\n", "ceil - floor", c - f);
}

int main(void)
{
    static struct shape realistic, full, shifted, backend;
    printf("bench_muldiv: libstake %s, %s backend, %d distinct inputs, median of %d rounds\n",
           stake_version_string(), stake_backend_name(), N, BENCH_ROUNDS);
    make_realistic(&realistic);
    make_four_limb(&full, 0);
    run("realistic (1e18..1e24 x 1e24..1e27)", &realistic, "target (gmp build): <= 25 ns");
    run("full width (256-bit a, b, c)", &full, "target (gmp build): <= 70 ns");
    make_four_limb(&shifted, 1);
    make_backend(&backend);
    run("wide, c of 193..255 bits", &shifted, "");
    run("wide, c of 129..191 bits (backend)", &backend, "");
    return 0;
}
