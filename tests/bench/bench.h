/*
 * Helpers for the benchmarks: a monotonic clock, a deterministic random
 * source, medians, and one output format.
 *
 * The machine is shared and noisy, so every figure is reported next to a
 * baseline measured in the same process, interleaved with it round by
 * round, and summarised by the median over the rounds.
 */
#ifndef STAKE_BENCH_H
#define STAKE_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_ROUNDS 31

static inline double bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static uint64_t bench_rng_state = 0x243f6a8885a308d3ULL;

static inline uint64_t bench_rand(void)
{
    /* splitmix64: fast and good enough for inputs */
    uint64_t z = (bench_rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static inline double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], bench_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Prints one result line: what, ns per unit, the baseline's, the ratio. */
static inline void bench_report(const char *what, double ns, const char *baseline, double base_ns,
                                const char *target)
{
    printf("  %-44s %9.2f ns/op   %-28s %9.2f ns/op   ratio %5.2f   %s\n", what, ns, baseline,
           base_ns, ns / base_ns, target ? target : "");
}

/* Keeps results alive without printing them. */
static volatile uint64_t bench_sink;

#endif /* STAKE_BENCH_H */
