/*
 * Filling the caller-owned stake_error (jansson's json_error_t pattern:
 * no global or thread-local "last error" that could go stale).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error_detail.h"

stake_rc stake__fail(stake_error *err, stake_rc code, size_t position,
                     const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        err->position = position;
        va_start(ap, fmt);
        vsnprintf(err->text, sizeof err->text, fmt, ap);
        va_end(ap);
    }
    return code;
}

void stake__ok(stake_error *err)
{
    if (err) {
        err->code = STAKE_OK;
        err->position = 0;
        err->text[0] = '\0';
    }
}
