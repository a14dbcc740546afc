/*
 * libstake: status codes.
 *
 * Every fallible function returns a stake_rc: STAKE_OK (0) on success or a
 * negative STAKE_E* code. On error, output parameters are left untouched.
 *
 * All codes come from the single table STAKE_ERROR_TABLE below. The enum,
 * stake_strerror(), stake_errname(), stake_error_family() and the Python and
 * Go exception classes are all generated from it, so a code added here
 * appears everywhere at once. Codes are append-only: a value, once
 * published, never changes meaning.
 *
 * Codes are grouped by family, in blocks of ten or more:
 *     -1 .. -9    usage        a bad argument or a call out of order
 *    -10 .. -19   parse        a malformed number
 *    -20 .. -29   arithmetic   a result the contracts would refuse
 *    -30 .. -59   token        a refusal of a token contract
 *    -60 .. -89   queue        a refusal of a withdrawal queue
 *    -90 .. -119  report       an oracle report failing a sanity check
 *   -120 .. -139  io           a snapshot that cannot be read or written
 * ENOMEM (-2) is its own family, "memory".
 */
#ifndef STAKE_ERRORS_H
#define STAKE_ERRORS_H

#include <stddef.h>
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* X(name, value, family, message) */
#define STAKE_ERROR_TABLE(X) \
    X(STAKE_OK,          0, STAKE_FAMILY_NONE,   "success") \
    X(STAKE_EINVAL,     -1, STAKE_FAMILY_USAGE,  "invalid argument") \
    X(STAKE_ENOMEM,     -2, STAKE_FAMILY_MEMORY, "out of memory") \
    X(STAKE_EBUFSIZE,   -3, STAKE_FAMILY_USAGE,  "output buffer too small") \
    X(STAKE_ESTATE,     -4, STAKE_FAMILY_USAGE,  "call not valid in the object's current state") \
    X(STAKE_EEMPTY,    -10, STAKE_FAMILY_PARSE,  "empty number") \
    X(STAKE_ESYNTAX,   -11, STAKE_FAMILY_PARSE,  "invalid character in number") \
    X(STAKE_ETOOLONG,  -12, STAKE_FAMILY_PARSE,  "number has too many digits") \
    X(STAKE_ERANGE,    -13, STAKE_FAMILY_PARSE,  "number does not fit in the target type") \
    X(STAKE_EOVERFLOW, -20, STAKE_FAMILY_ARITH,  "result is 2^256 or more") \
    X(STAKE_EUNDERFLOW,-21, STAKE_FAMILY_ARITH,  "result would be negative") \
    X(STAKE_EDIVZERO,  -22, STAKE_FAMILY_ARITH,  "division by zero") \
    X(STAKE_ENOTFOUND,  -5, STAKE_FAMILY_USAGE,  "no such entry") \
    X(STAKE_ETOOLARGE, -30, STAKE_FAMILY_TOKEN,  "amount at or above the contract's input limit") \
    X(STAKE_ESHARESOVERFLOW, -31, STAKE_FAMILY_TOKEN, "total shares would reach 2^128") \
    X(STAKE_EZEROADDRESS, -32, STAKE_FAMILY_TOKEN, "zero address") \
    X(STAKE_ESELFRECIPIENT, -33, STAKE_FAMILY_TOKEN, "recipient is the token contract itself") \
    X(STAKE_EBALANCE,  -34, STAKE_FAMILY_TOKEN,  "balance too low") \
    X(STAKE_EALLOWANCE, -35, STAKE_FAMILY_TOKEN, "allowance too low") \
    X(STAKE_ESTOPPED,  -36, STAKE_FAMILY_TOKEN,  "contract is stopped") \
    X(STAKE_EZEROAMOUNT, -37, STAKE_FAMILY_TOKEN, "amount must be non-zero") \
    X(STAKE_EEXCEEDSMAX, -38, STAKE_FAMILY_TOKEN, "amount exceeds the maximum the contract allows") \
    X(STAKE_ECOLLATERAL, -39, STAKE_FAMILY_TOKEN, "not enough collateral to redeem") \
    X(STAKE_EBELOWMIN, -40, STAKE_FAMILY_TOKEN,  "amount below the contract's minimum") \
    X(STAKE_EZEROSUPPLY, -41, STAKE_FAMILY_TOKEN, "total supply or total ether is zero") \
    X(STAKE_EFULLYSLASHED, -42, STAKE_FAMILY_TOKEN, "slashing factor is zero: fully slashed") \
    X(STAKE_EZEROSCALING, -43, STAKE_FAMILY_TOKEN, "deposit scaling factor would be zero") \
    X(STAKE_EINVALIDSLASH, -44, STAKE_FAMILY_TOKEN, "proportion to slash not in (0, 1e18]") \
    X(STAKE_EZEROSHARES, -45, STAKE_FAMILY_TOKEN, "deposit would mint zero shares") \
    X(STAKE_ESTAKINGPAUSED, -46, STAKE_FAMILY_TOKEN, "staking is paused") \
    X(STAKE_ESTAKELIMIT, -47, STAKE_FAMILY_TOKEN, "amount above the current stake limit") \
    X(STAKE_EINTERNALZERO, -92, STAKE_FAMILY_REPORT, "internal shares would become zero") \
    X(STAKE_EBADREPORT, -90, STAKE_FAMILY_REPORT, "report inconsistent with the current state") \
    X(STAKE_ERATECHANGE, -91, STAKE_FAMILY_REPORT, "reported exchange rate changes more than allowed") \
    X(STAKE_EINVALIDID, -60, STAKE_FAMILY_QUEUE, "no withdrawal request with that id") \
    X(STAKE_EINVALIDRANGE, -61, STAKE_FAMILY_QUEUE, "invalid range of request ids") \
    X(STAKE_EBATCHES,  -62, STAKE_FAMILY_QUEUE,  "finalization batches empty, unsorted or out of range") \
    X(STAKE_ETOOMUCHETHER, -63, STAKE_FAMILY_QUEUE, "more ether than the requests need") \
    X(STAKE_ENOTOWNER, -64, STAKE_FAMILY_QUEUE,  "caller is not the request's owner") \
    X(STAKE_EALREADYCLAIMED, -65, STAKE_FAMILY_QUEUE, "request already claimed") \
    X(STAKE_ENOTFINALIZED, -66, STAKE_FAMILY_QUEUE, "request not finalized yet") \
    X(STAKE_EBADHINT,  -67, STAKE_FAMILY_QUEUE,  "checkpoint hint does not match the request") \
    X(STAKE_EZERORATE, -68, STAKE_FAMILY_QUEUE,  "share rate is zero") \
    X(STAKE_EAMOUNTTOOSMALL, -69, STAKE_FAMILY_QUEUE, "withdrawal amount below the minimum") \
    X(STAKE_EAMOUNTTOOLARGE, -70, STAKE_FAMILY_QUEUE, "withdrawal amount above the maximum") \
    X(STAKE_ENOTENOUGHETHER, -71, STAKE_FAMILY_QUEUE, "not enough locked ether") \
    X(STAKE_EBATCHSTATE, -72, STAKE_FAMILY_QUEUE, "invalid batch calculation state") \
    X(STAKE_EPAUSED,   -73, STAKE_FAMILY_QUEUE,  "withdrawal queue is paused") \
    X(STAKE_ETIMESTAMP, -74, STAKE_FAMILY_QUEUE, "timestamp not in the past or out of order") \
    X(STAKE_EUNSORTED, -75, STAKE_FAMILY_QUEUE,  "request ids not sorted") \
    X(STAKE_ESELFTRANSFER, -76, STAKE_FAMILY_QUEUE, "request transferred to its own owner") \
    X(STAKE_EAPRLIMIT, -93, STAKE_FAMILY_REPORT, "CL balance increase above the annual limit") \
    X(STAKE_ENEGATIVEREBASE, -94, STAKE_FAMILY_REPORT, "CL balance decrease above the negative-rebase limit") \
    X(STAKE_ESHARERATE, -95, STAKE_FAMILY_REPORT, "simulated share rate deviates from the actual one") \
    X(STAKE_EREQUESTTOORECENT, -96, STAKE_FAMILY_REPORT, "finalized request is newer than the timestamp margin allows") \
    X(STAKE_EAPPEARED, -97, STAKE_FAMILY_REPORT, "more validators appeared than the daily limit") \
    X(STAKE_EEXITED,   -98, STAKE_FAMILY_REPORT, "more validators exited than the daily limit") \
    X(STAKE_EVAULTBALANCE, -99, STAKE_FAMILY_REPORT, "reported vault balance above the actual one") \
    X(STAKE_EBURNREQUEST, -100, STAKE_FAMILY_REPORT, "shares requested to burn above the burner's") \
    X(STAKE_ESECONDOPINION, -101, STAKE_FAMILY_REPORT, "second-opinion oracle does not confirm the CL balance decrease") \
    X(STAKE_EIO,      -120, STAKE_FAMILY_IO,     "input/output error") \
    X(STAKE_EFORMAT,  -121, STAKE_FAMILY_IO,     "not a libstake snapshot") \
    X(STAKE_EVERSION, -122, STAKE_FAMILY_IO,     "unsupported snapshot format version") \
    X(STAKE_ECORRUPT, -123, STAKE_FAMILY_IO,     "snapshot is corrupted (checksum mismatch or bad content)") \
    X(STAKE_ETRUNCATED, -124, STAKE_FAMILY_IO,   "snapshot is truncated")

/* Error families: what kind of failure a code is. Bindings map each family
 * to an exception class. */
typedef enum stake_family {
    STAKE_FAMILY_NONE = 0,   /* STAKE_OK */
    STAKE_FAMILY_USAGE,      /* the caller passed something invalid */
    STAKE_FAMILY_MEMORY,     /* an allocation failed */
    STAKE_FAMILY_PARSE,      /* a number could not be parsed */
    STAKE_FAMILY_ARITH,      /* overflow, underflow, division by zero */
    STAKE_FAMILY_TOKEN,      /* a token contract would revert */
    STAKE_FAMILY_QUEUE,      /* a withdrawal queue would revert */
    STAKE_FAMILY_REPORT,     /* an oracle report fails a sanity check */
    STAKE_FAMILY_IO,         /* a snapshot file is unusable */
    STAKE_FAMILY_UNKNOWN     /* not a libstake code */
} stake_family;

#define STAKE__ERROR_ENUM(name, value, family, message) name = (value),
enum stake_status { STAKE_ERROR_TABLE(STAKE__ERROR_ENUM) };
#undef STAKE__ERROR_ENUM

/* Caller-owned detail about a failure, filled by the functions that take
 * one (parsers, snapshot loading). Pass NULL when the code is enough. */
typedef struct stake_error {
    int code;          /* the status the call returned */
    size_t position;   /* byte offset of the problem in the input */
    char text[160];    /* NUL-terminated English description */
} stake_error;

/* English description of a status code; static, never NULL. Unknown codes
 * give "unknown error". */
STAKE_API const char *stake_strerror(int rc);

/* Symbolic name of a status code ("STAKE_EOVERFLOW"); static, never NULL.
 * Unknown codes give "STAKE_EUNKNOWN". */
STAKE_API const char *stake_errname(int rc);

/* The family a status code belongs to (STAKE_FAMILY_UNKNOWN if none). */
STAKE_API stake_family stake_error_family(int rc);

/* Lower-case name of a family ("arithmetic"); static, never NULL. */
STAKE_API const char *stake_family_name(stake_family family);

/* Number of entries in the error table, STAKE_OK included. */
STAKE_API size_t stake_error_count(void);

/* Stores in *out the code at position index of the error table (0 is
 * STAKE_OK), for bindings that build their exception classes from the
 * table. STAKE_EINVAL if out is NULL or index >= stake_error_count(). */
STAKE_API STAKE_WUR stake_rc stake_error_code(int *out, size_t index);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_ERRORS_H */
