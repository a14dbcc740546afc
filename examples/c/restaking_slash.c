/*
 * An EigenLayer operator slashed by an AVS, as the contracts compute it:
 * three stakers deposit into a strategy and delegate; bob queues a
 * withdrawal; the AVS slashes 40% of the operator's allocation. Nobody's
 * storage changes, yet every staker loses through the operator's
 * magnitude, and bob's queued withdrawal, still inside its delay, loses
 * too. The operator's delegated shares, cut with rounding up, still cover
 * what its stakers can withdraw.
 *
 * Build: cc restaking_slash.c $(pkg-config --cflags --libs libstake)
 */
#include <stdio.h>
#include <stdlib.h>
#include <stake.h>

#define CHECK(call) do {                                                 \
        stake_rc rc_ = (call);                                           \
        if (rc_ != STAKE_OK) {                                           \
            fprintf(stderr, "%s: %s\n", #call, stake_strerror(rc_));     \
            exit(1);                                                     \
        }                                                                \
    } while (0)

static stake_u256 parse(const char *s)
{
    stake_u256 v;
    CHECK(stake_u256_from_string(&v, s, NULL));
    return v;
}

static const char *show(char buf[STAKE_U256_DEC_SIZE], const stake_u256 *v)
{
    CHECK(stake_u256_to_dec(buf, STAKE_U256_DEC_SIZE, v));
    return buf;
}

struct staker {
    const char *name;
    const char *deposit;      /* tokens */
    stake_u256 shares;        /* deposit shares */
    stake_u256 k;             /* deposit scaling factor, 0 = WAD */
};

int main(void)
{
    struct staker stakers[] = {
        { "alice", "100000000000000000000", { { 0 } }, { { 0 } } },
        { "bob", "50000000000000000000", { { 0 } }, { { 0 } } },
        { "carol", "10000000000000000007", { { 0 } }, { { 0 } } },
    };
    const size_t n = sizeof stakers / sizeof stakers[0];
    stake_u256 zero = { { 0 } }, total = zero, balance = zero, op = zero;
    stake_eigen_allocation alloc;
    CHECK(stake_eigen_allocation_init(&alloc, STAKE_EIGEN_ALLOCATION_VERSION));
    /* Half of the operator's magnitude is allocated to the AVS. */
    alloc.current_magnitude = alloc.encumbered_magnitude = STAKE_EIGEN_WAD / 2;
    stake_u256 sf;
    CHECK(stake_eigen_slashing_factor(&sf, alloc.max_magnitude, STAKE_EIGEN_WAD));

    /* Deposits: tokens into the strategy, shares delegated to the operator. */
    for (size_t i = 0; i < n; i++) {
        stake_u256 amount = parse(stakers[i].deposit), minted, k;
        CHECK(stake_u256_add(&balance, &balance, &amount));
        CHECK(stake_eigen_strategy_deposit(&minted, &total, &total, &balance, &amount));
        CHECK(stake_eigen_update_scaling_factor(&k, &stakers[i].k, &stakers[i].shares, &minted,
                                                &sf));
        stakers[i].k = k;
        CHECK(stake_u256_add(&stakers[i].shares, &stakers[i].shares, &minted));
        CHECK(stake_u256_add(&op, &op, &minted));
    }

    /* Bob queues 20 of his deposit shares: they leave the operator but stay
     * slashable for MIN_WITHDRAWAL_DELAY_BLOCKS. */
    stake_u256 queued = parse("20000000000000000000"), queued_w, scaled;
    CHECK(stake_eigen_queue_withdrawal(&queued_w, &scaled, &queued, &stakers[1].k, &sf));
    CHECK(stake_u256_sub(&op, &op, &queued_w));
    CHECK(stake_u256_sub(&stakers[1].shares, &stakers[1].shares, &queued));

    stake_u256 before[sizeof stakers / sizeof stakers[0]];
    for (size_t i = 0; i < n; i++)
        CHECK(stake_eigen_withdrawable(&before[i], &stakers[i].shares, &stakers[i].k, &sf));

    /* The AVS slashes 40% of the allocation. */
    stake_u256 wad = parse("400000000000000000"), cut, burn;
    stake_eigen_slash slash;
    CHECK(stake_eigen_slash_operator(&slash, &alloc, &wad));
    CHECK(stake_eigen_slash_operator_shares(&cut, &burn, &op, &scaled, slash.prev_max_magnitude,
                                            slash.new_max_magnitude));
    CHECK(stake_u256_sub(&op, &op, &cut));
    stake_u256 sf_after;
    CHECK(stake_eigen_slashing_factor(&sf_after, slash.new_max_magnitude, STAKE_EIGEN_WAD));

    char a[STAKE_U256_DEC_SIZE], b[STAKE_U256_DEC_SIZE], c[STAKE_U256_DEC_SIZE];
    printf("slash: %s of the allocation; max magnitude %llu -> %llu (%s of the stake)\n",
           show(a, &wad), (unsigned long long)slash.prev_max_magnitude,
           (unsigned long long)slash.new_max_magnitude, show(b, &slash.wad_slashed));
    printf("%-6s %24s %24s %24s\n", "staker", "withdrawable before", "withdrawable after",
           "tokens after");
    stake_u256 sum = zero;
    for (size_t i = 0; i < n; i++) {
        stake_u256 after, tokens;
        CHECK(stake_eigen_withdrawable(&after, &stakers[i].shares, &stakers[i].k, &sf_after));
        CHECK(stake_eigen_strategy_shares_to_underlying(&tokens, &total, &balance, &after));
        CHECK(stake_u256_add(&sum, &sum, &after));
        printf("%-6s %24s %24s %24s\n", stakers[i].name, show(a, &before[i]), show(b, &after),
               show(c, &tokens));
    }
    stake_u256 paid;
    CHECK(stake_eigen_complete_withdrawal(&paid, &scaled, &sf_after));
    printf("bob's queued withdrawal: %s shares when queued, %s when completed\n",
           show(a, &queued_w), show(b, &paid));
    printf("operator: %s shares cut, %s to burn (queue included), %s left\n", show(a, &cut),
           show(b, &burn), show(c, &op));
    if (stake_u256_cmp(&sum, &op) > 0) {
        fprintf(stderr, "operator shares below what its stakers can withdraw\n");
        return 1;
    }
    return 0;
}
