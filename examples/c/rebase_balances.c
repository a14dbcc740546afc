/*
 * Wallet balances before and after a rebase, exactly as a rebasing token
 * (stETH) computes them: balance = shares * pooled ether / total shares,
 * rounded down, with the shares that deposits would mint rounded down too.
 *
 * Build: cc rebase_balances.c $(pkg-config --cflags --libs libstake)
 */
#include <stdio.h>
#include <stdlib.h>
#include <stake.h>

static stake_u256 parse(const char *s)
{
    stake_u256 v;
    stake_error err;
    if (stake_u256_from_string(&v, s, &err) != STAKE_OK) {
        fprintf(stderr, "bad number %s: %s\n", s, err.text);
        exit(1);
    }
    return v;
}

static const char *show(char buf[STAKE_U256_DEC_SIZE], const stake_u256 *v)
{
    if (stake_u256_to_dec(buf, STAKE_U256_DEC_SIZE, v) != STAKE_OK)
        exit(1);
    return buf;
}

int main(void)
{
    /* A pool of 9,300,000 ETH backed by 8,086,956.52 shares, before and
     * after an oracle report that adds 1,000.000000000000000123 ETH. */
    stake_u256 total_shares = parse("8086956521739130434782608");
    stake_u256 pooled_before = parse("9300000000000000000000000");
    stake_u256 rewards = parse("1000000000000000000123");
    stake_u256 pooled_after;
    if (stake_u256_add(&pooled_after, &pooled_before, &rewards) != STAKE_OK)
        return 1;

    struct { const char *name; const char *shares; } holders[] = {
        { "alice", "1000000000000000000" },
        { "bob", "123456789012345678901" },
        { "carol", "1" },
        { "dave", "869565217391304347" },   /* about 1 ETH before the report */
    };

    char a[STAKE_U256_DEC_SIZE], b[STAKE_U256_DEC_SIZE], c[STAKE_U256_DEC_SIZE];
    printf("%-6s %24s %24s %24s\n", "holder", "shares", "balance before", "balance after");
    for (size_t i = 0; i < sizeof holders / sizeof holders[0]; i++) {
        stake_u256 shares = parse(holders[i].shares), before, after;
        stake_rc rc = stake_u256_muldiv(&before, &shares, &pooled_before, &total_shares,
                                        STAKE_ROUND_FLOOR);
        if (rc == STAKE_OK)
            rc = stake_u256_muldiv(&after, &shares, &pooled_after, &total_shares,
                                   STAKE_ROUND_FLOOR);
        if (rc != STAKE_OK) {
            fprintf(stderr, "%s: %s\n", holders[i].name, stake_strerror(rc));
            return 1;
        }
        printf("%-6s %24s %24s %24s\n", holders[i].name, show(a, &shares), show(b, &before),
               show(c, &after));
    }

    /* Depositing 1 ETH mints floor(1e18 * shares / pooled) shares, worth
     * at most 1 ETH back: the rounding goes to the pool, never to the user. */
    stake_u256 deposit = parse("1000000000000000000"), minted, worth;
    if (stake_u256_muldiv(&minted, &deposit, &total_shares, &pooled_after, STAKE_ROUND_FLOOR) ||
        stake_u256_muldiv(&worth, &minted, &pooled_after, &total_shares, STAKE_ROUND_FLOOR))
        return 1;
    printf("\ndeposit %s wei -> %s shares, worth %s wei\n", show(a, &deposit), show(b, &minted),
           show(c, &worth));
    printf("libstake %s (%s backend)\n", stake_version_string(), stake_backend_name());
    return 0;
}
