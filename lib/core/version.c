/*
 * Runtime version and backend identification.
 */
#include "stake/version.h"
#include "../bignum/bignum.h"

const char *stake_version_string(void)
{
    return STAKE_VERSION_STRING;
}

int stake_version_number(void)
{
    return STAKE_VERSION_NUMBER;
}

const char *stake_backend_name(void)
{
    return STAKE__BN_NAME;
}
