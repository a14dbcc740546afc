/*
 * libstake: version numbers and the export macros every public header uses.
 *
 * The version of the header you compile against is in the STAKE_VERSION_*
 * macros; the version of the library you run against is what
 * stake_version_number() returns. Compare the two at start-up if you load
 * libstake dynamically (the SQLite habit):
 *
 *     assert(stake_version_number() == STAKE_VERSION_NUMBER);
 *
 * ABI policy: the soname is libstake.so.0 until 1.0 and changes only when
 * the ABI breaks, independently of the release number.
 */
#ifndef STAKE_VERSION_H
#define STAKE_VERSION_H

#define STAKE_VERSION_MAJOR 0
#define STAKE_VERSION_MINOR 11
#define STAKE_VERSION_PATCH 0
#define STAKE_VERSION_STRING "0.11.0"
/* MAJOR*10000 + MINOR*100 + PATCH, for numeric comparisons. */
#define STAKE_VERSION_NUMBER \
    (STAKE_VERSION_MAJOR * 10000 + STAKE_VERSION_MINOR * 100 + STAKE_VERSION_PATCH)
/* True when the header is at least version x.y.z. */
#define STAKE_VERSION_CHECK(x, y, z) \
    (STAKE_VERSION_NUMBER >= ((x) * 10000 + (y) * 100 + (z)))

#if defined(SWIG)
#  define STAKE_API
#  define STAKE_WUR
#elif defined(__GNUC__) || defined(__clang__)
#  define STAKE_API __attribute__((visibility("default")))
#  define STAKE_WUR __attribute__((warn_unused_result))
#else
#  define STAKE_API
#  define STAKE_WUR
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Status returned by every fallible call: 0 (STAKE_OK) or a negative
 * STAKE_E* code from <stake/errors.h>. */
typedef int stake_rc;

/* The library's version as "MAJOR.MINOR.PATCH"; static, never NULL. */
STAKE_API const char *stake_version_string(void);

/* The library's version as MAJOR*10000 + MINOR*100 + PATCH. */
STAKE_API int stake_version_number(void);

/* The big-integer backend the library was built with: "gmp" or
 * "tommath". Static, never NULL. Results never depend on it. */
STAKE_API const char *stake_backend_name(void);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_VERSION_H */
