/*
 * Secret keys for the ledger's hash tables.
 *
 * Each ledger gets its own key, so that learning the layout of one table
 * (through timing, say) tells nothing about another. getrandom(2) is asked
 * not to block: early in boot, before the kernel's pool is initialised,
 * a ledger must still be creatable. The fallback mixes what differs
 * between objects and runs (the object's address and a stack address,
 * both randomised by ASLR, and two clocks); it is weaker than the kernel's
 * randomness but still unknown to someone choosing addresses remotely.
 * There is deliberately no global counter in the mix: libstake promises
 * no mutable global state.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/random.h>
#include <time.h>

#include "siphash.h"

static uint64_t mix64(uint64_t z)
{
    /* splitmix64's finaliser: every input bit affects every output bit */
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void stake__random_key(uint64_t key[4], uintptr_t object)
{
    uint64_t buf[4];
    for (int tries = 0; tries < 4; tries++) {
        ssize_t got = getrandom(buf, sizeof buf, GRND_NONBLOCK);
        if (got == (ssize_t)sizeof buf) {
            for (int i = 0; i < 4; i++)
                key[i] = buf[i];
            return;
        }
        if (got >= 0 || errno != EINTR)
            break;
    }
    uint64_t local = 0;
    uint64_t s = mix64((uint64_t)object ^ 0x243f6a8885a308d3ULL);
    s = mix64(s ^ (uint64_t)(uintptr_t)&local);
    s = mix64(s ^ clock_ns(CLOCK_MONOTONIC));
    s = mix64(s ^ clock_ns(CLOCK_REALTIME));
    for (int i = 0; i < 4; i++) {
        s += 0x9e3779b97f4a7c15ULL;
        key[i] = mix64(s);
    }
}
