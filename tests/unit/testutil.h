/*
 * Helpers shared by the unit tests.
 */
#ifndef STAKE_TESTUTIL_H
#define STAKE_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <stake.h>

/* A stake_u256 from a literal in decimal or 0x-hex; the test fails if the
 * literal is malformed. */
static inline stake_u256 U(const char *s)
{
    stake_u256 v;
    stake_error err;
    stake_rc rc = stake_u256_from_string(&v, s, &err);
    ck_assert_msg(rc == STAKE_OK, "bad test literal \"%s\": %s", s, err.text);
    return v;
}

static inline stake_u256 U64(uint64_t x)
{
    stake_u256 v = { { x, 0, 0, 0 } };
    return v;
}

/* Decimal text of v in a caller buffer, for failure messages. */
static inline const char *dec(char buf[STAKE_U256_DEC_SIZE], const stake_u256 *v)
{
    if (stake_u256_to_dec(buf, STAKE_U256_DEC_SIZE, v) != STAKE_OK)
        strcpy(buf, "<unformattable>");
    return buf;
}

#define ck_assert_u256_eq(a, b) do {                                        \
        stake_u256 ck_a_ = (a), ck_b_ = (b);                                \
        char ck_sa_[STAKE_U256_DEC_SIZE], ck_sb_[STAKE_U256_DEC_SIZE];      \
        ck_assert_msg(stake_u256_cmp(&ck_a_, &ck_b_) == 0,                  \
                      "%s == %s failed: %s != %s", #a, #b,                  \
                      dec(ck_sa_, &ck_a_), dec(ck_sb_, &ck_b_));            \
    } while (0)

#define ck_assert_rc(expr, want) do {                                       \
        stake_rc ck_rc_ = (expr);                                           \
        ck_assert_msg(ck_rc_ == (want), "%s returned %s, expected %s",      \
                      #expr, stake_errname(ck_rc_), stake_errname(want));   \
    } while (0)

/* A recognisable value used to check that outputs stay untouched. */
static inline stake_u256 sentinel(void)
{
    stake_u256 v = { { 0x5e5e5e5e5e5e5e5eULL, 0x1111, 0x2222, 0x3333 } };
    return v;
}

/* A stETH token with the default parameters (mainnet addresses, 1 ether
 * bootstrap) under protocol version v. */
static inline stake_steth *new_steth(stake_lido_version v)
{
    stake_steth_params p;
    ck_assert_rc(stake_steth_params_init(&p, STAKE_STETH_PARAMS_VERSION), STAKE_OK);
    p.protocol = v;
    stake_steth *t = NULL;
    ck_assert_rc(stake_steth_new(&t, &p), STAKE_OK);
    return t;
}

#define MAX_U256_DEC \
    "115792089237316195423570985008687907853269984665640564039457584007913129639935"
#define TWO_POW_256_DEC \
    "115792089237316195423570985008687907853269984665640564039457584007913129639936"

#endif /* STAKE_TESTUTIL_H */
