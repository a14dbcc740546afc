/*
 * Helpers shared by the libFuzzer targets that read their input as a
 * little program: a cursor over the bytes (reading past the end gives
 * zeros, so every input is a complete program), and the pattern with
 * which outputs are pre-filled to check that a refusal leaves them
 * untouched.
 */
#ifndef STAKE_FUZZ_INPUT_H
#define STAKE_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stake.h>

struct fuzz_input {
    const uint8_t *p;
    size_t left;
};

static inline uint8_t fuzz_byte(struct fuzz_input *in)
{
    if (in->left == 0)
        return 0;
    in->left--;
    return *in->p++;
}

/* n bytes, big-endian, n <= 8 */
static inline uint64_t fuzz_bytes(struct fuzz_input *in, unsigned n)
{
    uint64_t w = 0;
    for (unsigned i = 0; i < n; i++)
        w = w << 8 | fuzz_byte(in);
    return w;
}

/* One of n - 1 accounts, or the zero address (b % n == 0), so that the
 * refusals of zero come up too. */
static inline stake_address fuzz_address(uint8_t b, unsigned n)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    a.bytes[19] = (uint8_t)(b % n);
    return a;
}

#define FUZZ_PATTERN 0xA5
/* Pre-fills an output object with the pattern. */
#define FUZZ_OUT(x) memset(&(x), FUZZ_PATTERN, sizeof(x))

/* Whether size bytes at p still hold the pattern. */
static inline int fuzz_untouched(const void *p, size_t size)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < size; i++)
        if (b[i] != FUZZ_PATTERN)
            return 0;
    return 1;
}

#endif /* STAKE_FUZZ_INPUT_H */
