/*
 * Status codes: names, messages and families, all read from the one
 * STAKE_ERROR_TABLE in <stake/errors.h>.
 */
#include "stake/errors.h"

struct error_entry {
    int code;
    stake_family family;
    const char *name;
    const char *message;
};

#define ENTRY(name, value, family, message) { value, family, #name, message },
static const struct error_entry error_table[] = { STAKE_ERROR_TABLE(ENTRY) };
#undef ENTRY

#define TABLE_SIZE (sizeof error_table / sizeof error_table[0])

static const struct error_entry *find(int rc)
{
    for (size_t i = 0; i < TABLE_SIZE; i++) {
        if (error_table[i].code == rc)
            return &error_table[i];
    }
    return NULL;
}

const char *stake_strerror(int rc)
{
    const struct error_entry *e = find(rc);
    return e ? e->message : "unknown error";
}

const char *stake_errname(int rc)
{
    const struct error_entry *e = find(rc);
    return e ? e->name : "STAKE_EUNKNOWN";
}

stake_family stake_error_family(int rc)
{
    const struct error_entry *e = find(rc);
    return e ? e->family : STAKE_FAMILY_UNKNOWN;
}

const char *stake_family_name(stake_family family)
{
    switch (family) {
    case STAKE_FAMILY_NONE:    return "none";
    case STAKE_FAMILY_USAGE:   return "usage";
    case STAKE_FAMILY_MEMORY:  return "memory";
    case STAKE_FAMILY_PARSE:   return "parse";
    case STAKE_FAMILY_ARITH:   return "arithmetic";
    case STAKE_FAMILY_TOKEN:   return "token";
    case STAKE_FAMILY_QUEUE:   return "queue";
    case STAKE_FAMILY_REPORT:  return "report";
    case STAKE_FAMILY_IO:      return "io";
    case STAKE_FAMILY_UNKNOWN: break;
    }
    return "unknown";
}

size_t stake_error_count(void)
{
    return TABLE_SIZE;
}

stake_rc stake_error_code(int *out, size_t index)
{
    if (!out || index >= TABLE_SIZE)
        return STAKE_EINVAL;
    *out = error_table[index].code;
    return STAKE_OK;
}
