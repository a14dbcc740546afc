/* A program that knows libstake only through an installed pkg-config file. */
#include <stdio.h>
#include <string.h>
#include <stake.h>

int main(void)
{
    stake_u256 shares, pooled, total, eth;
    char buf[STAKE_U256_DEC_SIZE];
    if (stake_version_number() != STAKE_VERSION_NUMBER) {
        fprintf(stderr, "header %s, library %s\n", STAKE_VERSION_STRING, stake_version_string());
        return 1;
    }
    if (stake_u256_from_dec(&shares, "1000000000000000000", NULL) ||
        stake_u256_from_dec(&pooled, "9300000000000000000000000", NULL) ||
        stake_u256_from_dec(&total, "8086956521739130434782608", NULL) ||
        stake_u256_muldiv(&eth, &shares, &pooled, &total, STAKE_ROUND_FLOOR) ||
        stake_u256_to_dec(buf, sizeof buf, &eth))
        return 1;
    if (strcmp(buf, "1150000000000000000") != 0) {
        fprintf(stderr, "unexpected %s\n", buf);
        return 1;
    }
    printf("consumer: %s wei (%s backend)\n", buf, stake_backend_name());
    return 0;
}
