/*
 * Allocation-failure injection for tests: this header defines malloc,
 * calloc, realloc and free in the test program, which take precedence over
 * the C library's for every shared library loaded (libstake, libtommath).
 * While armed, the allocations are counted and the N-th one fails.
 *
 * Include it in exactly one test file; arm it only around the call under
 * test, because Check itself allocates.
 */
#ifndef STAKE_FAILMALLOC_H
#define STAKE_FAILMALLOC_H

#include <stddef.h>

#if defined(__SANITIZE_ADDRESS__)
/* AddressSanitizer owns malloc; the plain build runs these tests. */
#define FM_AVAILABLE 0
static long fm_count __attribute__((unused)), fm_live __attribute__((unused));
static void fm_arm(long fail_at) { (void)fail_at; }
static void fm_disarm(void) {}
#else
#define FM_AVAILABLE 1

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static int fm_armed;          /* counting and failing only when set */
static long fm_fail_at;       /* 1-based index of the allocation to fail, 0 = none */
static long fm_count;         /* allocations attempted while armed */
static long fm_live;          /* successful allocations not yet freed while armed */

static void fm_arm(long fail_at)
{
    fm_fail_at = fail_at;
    fm_count = 0;
    fm_live = 0;
    fm_armed = 1;
}

static void fm_disarm(void)
{
    fm_armed = 0;
}

static int fm_should_fail(void)
{
    if (!fm_armed)
        return 0;
    return ++fm_count == fm_fail_at;
}

void *malloc(size_t n)
{
    if (fm_should_fail())
        return NULL;
    void *p = __libc_malloc(n);
    if (p && fm_armed)
        fm_live++;
    return p;
}

void *calloc(size_t n, size_t m)
{
    if (fm_should_fail())
        return NULL;
    void *p = __libc_calloc(n, m);
    if (p && fm_armed)
        fm_live++;
    return p;
}

void *realloc(void *old, size_t n)
{
    if (fm_should_fail())
        return NULL;
    void *p = __libc_realloc(old, n);
    if (p && !old && fm_armed)
        fm_live++;
    return p;
}

void free(void *p)
{
    if (p && fm_armed)
        fm_live--;
    __libc_free(p);
}

#endif /* __SANITIZE_ADDRESS__ */

#endif /* STAKE_FAILMALLOC_H */
