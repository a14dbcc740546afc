/*
 * Internal: filling the caller-owned stake_error.
 */
#ifndef STAKE_CORE_ERROR_DETAIL_H
#define STAKE_CORE_ERROR_DETAIL_H

#include "stake/errors.h"

/* Records code, position and a printf-style message in *err when err is
 * not NULL, and returns code, so that a failure is one statement:
 *     return stake__fail(err, STAKE_ESYNTAX, i, "unexpected '%c'", c);  */
stake_rc stake__fail(stake_error *err, stake_rc code, size_t position,
                     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Marks *err, when not NULL, as describing success. */
void stake__ok(stake_error *err);

#endif /* STAKE_CORE_ERROR_DETAIL_H */
