/*
 * Unit tests of Lido's staking rate limit (StakeLimitUtils.sol and its
 * uses in Lido.sol): the pure calculation in both directions, the
 * setter's refusals and quirks, pausing, the deposits and V3 external
 * mints that use the limit up and the external burns that give it back,
 * and the block. Expected numbers are worked out in the comments.
 */
#include <unistd.h>
#include "testutil.h"

#define ETHER "000000000000000000"

static stake_address A(unsigned n)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    a.bytes[0] = 0x5a;
    a.bytes[19] = (uint8_t)n;
    return a;
}

static stake_u256 current(const stake_steth *t)
{
    stake_u256 r;
    ck_assert_rc(stake_steth_current_stake_limit(&r, t), STAKE_OK);
    return r;
}

static void set_limit(stake_steth *t, const char *max, const char *per_block)
{
    stake_u256 m = U(max), i = U(per_block);
    ck_assert_rc(stake_steth_set_staking_limit(t, &m, &i), STAKE_OK);
}

static stake_rc submit(stake_steth *t, const char *value)
{
    stake_address alice = A(1);
    stake_u256 v = U(value);
    return stake_steth_submit(NULL, t, &alice, &v);
}

static void ck_state_eq(const stake_lido_stake_limit *a, const stake_lido_stake_limit *b)
{
    ck_assert_uint_eq(a->prev_block, b->prev_block);
    ck_assert_u256_eq(a->prev_limit, b->prev_limit);
    ck_assert_uint_eq(a->growth_blocks, b->growth_blocks);
    ck_assert_u256_eq(a->max_limit, b->max_limit);
}

/* ---- the pure calculation ------------------------------------------------------ */

static stake_lido_stake_limit state(uint32_t prev_block, const char *prev, uint32_t growth,
                                    const char *max)
{
    stake_lido_stake_limit s;
    s.prev_block = prev_block;
    s.prev_limit = U(prev);
    s.growth_blocks = growth;
    s.max_limit = U(max);
    return s;
}

static stake_u256 at(const stake_lido_stake_limit *s, uint64_t block)
{
    stake_u256 r;
    ck_assert_rc(stake_lido_current_stake_limit(&r, s, block), STAKE_OK);
    return r;
}

START_TEST(pure_growth)
{
    /* max 100, growth 3 blocks: floor(100 / 3) = 33 per block, capped. */
    stake_lido_stake_limit s = state(10, "0", 3, "100");
    ck_assert_u256_eq(at(&s, 10), U64(0));
    ck_assert_u256_eq(at(&s, 11), U64(33));
    ck_assert_u256_eq(at(&s, 13), U64(99));
    ck_assert_u256_eq(at(&s, 14), U64(100));
    ck_assert_u256_eq(at(&s, 4000000000u), U64(100));
    /* No growth: the limit stays where the last deposit left it. */
    s = state(10, "40", 0, "100");
    ck_assert_u256_eq(at(&s, 1000), U64(40));
    /* Above the maximum (a V3 external burn gave some back): it decays
     * towards the maximum at the same rate and stops there. */
    s = state(10, "500", 10, "100");      /* 10 per block */
    ck_assert_u256_eq(at(&s, 30), U64(300));
    ck_assert_u256_eq(at(&s, 50), U64(100));
    ck_assert_u256_eq(at(&s, 1000), U64(100));
    s = state(10, "500", 0, "100");
    ck_assert_u256_eq(at(&s, 1000), U64(500));
    /* Exactly at the maximum, either branch gives the maximum. */
    s = state(10, "100", 10, "100");
    ck_assert_u256_eq(at(&s, 11), U64(100));
    /* The widest state: every field at its bound. */
    s = state(1, "0xffffffffffffffffffffffff", 1, "0xffffffffffffffffffffffff");
    ck_assert_u256_eq(at(&s, UINT32_MAX), U("0xffffffffffffffffffffffff"));
    s = state(1, "0", 1, "0xffffffffffffffffffffffff");
    ck_assert_u256_eq(at(&s, 2), U("0xffffffffffffffffffffffff"));
}
END_TEST

START_TEST(pure_special_values_and_refusals)
{
    /* Paused: 0 whatever the limit; unlimited: 2^256 - 1. */
    stake_lido_stake_limit s = state(0, "50", 3, "100");
    ck_assert_u256_eq(at(&s, 7), U64(0));
    s = state(5, "50", 3, "0");
    ck_assert_u256_eq(at(&s, 7), U("0x" "ffffffffffffffffffffffffffffffff"
                                   "ffffffffffffffffffffffffffffffff"));
    stake_u256 r = sentinel();
    s = state(5, "0x1000000000000000000000000", 3, "100");          /* 2^96 */
    ck_assert_rc(stake_lido_current_stake_limit(&r, &s, 7), STAKE_EINVAL);
    s = state(5, "50", 3, "0x1000000000000000000000000");
    ck_assert_rc(stake_lido_current_stake_limit(&r, &s, 7), STAKE_EINVAL);
    s = state(5, "50", 3, "100");
    ck_assert_rc(stake_lido_current_stake_limit(&r, &s, 4), STAKE_EINVAL);
    ck_assert_rc(stake_lido_current_stake_limit(&r, &s, (uint64_t)UINT32_MAX + 1), STAKE_EINVAL);
    ck_assert_rc(stake_lido_current_stake_limit(NULL, &s, 7), STAKE_EINVAL);
    ck_assert_rc(stake_lido_current_stake_limit(&r, NULL, 7), STAKE_EINVAL);
    ck_assert_u256_eq(r, sentinel());
}
END_TEST

/* ---- the token's state ------------------------------------------------------------ */

START_TEST(defaults_and_block)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_lido_stake_limit s, want = state(1, "0", 0, "0");
    ck_assert_rc(stake_steth_stake_limit(&s, t), STAKE_OK);
    ck_state_eq(&s, &want);
    ck_assert_uint_eq(stake_steth_block(t), 1);
    ck_assert_int_eq(stake_steth_is_staking_paused(t), 0);
    ck_assert_u256_eq(current(t), U("115792089237316195423570985008687907853269984665640564039457"
                                    "584007913129639935"));
    ck_assert_rc(submit(t, "1000000" ETHER), STAKE_OK);   /* no limit */

    ck_assert_rc(stake_steth_set_block(t, 20), STAKE_OK);
    ck_assert_rc(stake_steth_set_block(t, 20), STAKE_OK);
    ck_assert_rc(stake_steth_set_block(t, 19), STAKE_EINVAL);
    ck_assert_rc(stake_steth_set_block(t, 0), STAKE_EINVAL);
    ck_assert_rc(stake_steth_set_block(t, (uint64_t)UINT32_MAX + 1), STAKE_EINVAL);
    ck_assert_uint_eq(stake_steth_block(t), 20);
    ck_assert_rc(stake_steth_set_block(t, UINT32_MAX), STAKE_OK);
    ck_assert_uint_eq(stake_steth_block(t), UINT32_MAX);

    ck_assert_rc(stake_steth_set_block(NULL, 5), STAKE_EINVAL);
    ck_assert_uint_eq(stake_steth_block(NULL), 0);
    ck_assert_rc(stake_steth_stake_limit(NULL, t), STAKE_EINVAL);
    ck_assert_rc(stake_steth_stake_limit(&s, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_steth_current_stake_limit(NULL, t), STAKE_EINVAL);
    ck_assert_rc(stake_steth_pause_staking(NULL), STAKE_EINVAL);
    ck_assert_rc(stake_steth_resume_staking(NULL), STAKE_EINVAL);
    ck_assert_rc(stake_steth_remove_staking_limit(NULL), STAKE_EINVAL);
    ck_assert_int_eq(stake_steth_is_staking_paused(NULL), 0);
    stake_steth_free(t);
}
END_TEST

START_TEST(setter_refusals)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    stake_lido_stake_limit before, after;
    ck_assert_rc(stake_steth_stake_limit(&before, t), STAKE_OK);
    stake_u256 zero = U64(0), one = U64(1), two = U64(2);
    stake_u256 max96 = U("0xffffffffffffffffffffffff"), two96 = U("0x1000000000000000000000000");
    stake_u256 two32 = U("0x100000000"), below32 = U("0xffffffff");
    /* In the contract's order: ZERO_MAX_STAKE_LIMIT, TOO_LARGE_MAX_STAKE_LIMIT,
     * TOO_LARGE_LIMIT_INCREASE, TOO_SMALL_LIMIT_INCREASE. */
    ck_assert_rc(stake_steth_set_staking_limit(t, &zero, &zero), STAKE_EZEROAMOUNT);
    ck_assert_rc(stake_steth_set_staking_limit(t, &two96, &two96), STAKE_ETOOLARGE);
    ck_assert_rc(stake_steth_set_staking_limit(t, &one, &two), STAKE_EEXCEEDSMAX);
    ck_assert_rc(stake_steth_set_staking_limit(t, &two32, &one), STAKE_EBELOWMIN);
    ck_assert_rc(stake_steth_set_staking_limit(NULL, &one, &one), STAKE_EINVAL);
    ck_assert_rc(stake_steth_set_staking_limit(t, NULL, &one), STAKE_EINVAL);
    ck_assert_rc(stake_steth_set_staking_limit(t, &one, NULL), STAKE_EINVAL);
    ck_assert_rc(stake_steth_stake_limit(&after, t), STAKE_OK);
    ck_state_eq(&after, &before);
    /* The bounds themselves pass. */
    ck_assert_rc(stake_steth_set_staking_limit(t, &below32, &one), STAKE_OK);
    ck_assert_rc(stake_steth_stake_limit(&after, t), STAKE_OK);
    ck_assert_uint_eq(after.growth_blocks, UINT32_MAX);
    ck_assert_rc(stake_steth_set_staking_limit(t, &max96, &zero), STAKE_OK);
    ck_assert_rc(stake_steth_stake_limit(&after, t), STAKE_OK);
    ck_assert_uint_eq(after.growth_blocks, 0);
    ck_assert_u256_eq(after.prev_limit, U64(0xffffffff));   /* kept: below the new max */
    stake_steth_free(t);
}
END_TEST

/* ---- deposits against the limit ---------------------------------------------------- */

START_TEST(mainnet_like_bucket)
{
    /* 150,000 ether, refilled in 6,400 blocks (23.4375 ether per block). */
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    ck_assert_rc(stake_steth_set_block(t, 100), STAKE_OK);
    set_limit(t, "150000" ETHER, "23437500000000000000");
    stake_lido_stake_limit s, want = state(100, "150000" ETHER, 6400, "150000" ETHER);
    ck_assert_rc(stake_steth_stake_limit(&s, t), STAKE_OK);
    ck_state_eq(&s, &want);
    ck_assert_u256_eq(current(t), U("150000" ETHER));

    ck_assert_rc(submit(t, "100000" ETHER), STAKE_OK);
    ck_assert_u256_eq(current(t), U("50000" ETHER));
    /* One wei too many is refused and changes nothing. */
    stake_u256 supply_before, supply_after;
    ck_assert_rc(stake_steth_total_supply(&supply_before, t), STAKE_OK);
    ck_assert_rc(submit(t, "50000000000000000000001"), STAKE_ESTAKELIMIT);
    ck_assert_rc(stake_steth_total_supply(&supply_after, t), STAKE_OK);
    ck_assert_u256_eq(supply_after, supply_before);
    ck_assert_u256_eq(current(t), U("50000" ETHER));
    /* 100 blocks later: 50,000 + 100 * 23.4375 ether. */
    ck_assert_rc(stake_steth_set_block(t, 200), STAKE_OK);
    ck_assert_u256_eq(current(t), U("52343750000000000000000"));
    ck_assert_rc(submit(t, "52343750000000000000000"), STAKE_OK);
    ck_assert_u256_eq(current(t), U64(0));
    ck_assert_rc(submit(t, "1"), STAKE_ESTAKELIMIT);
    ck_assert_rc(stake_steth_set_block(t, 201), STAKE_OK);
    ck_assert_u256_eq(current(t), U("23437500000000000000"));
    /* Full again after 6,400 blocks, never above. */
    ck_assert_rc(stake_steth_set_block(t, 200 + 6400), STAKE_OK);
    ck_assert_u256_eq(current(t), U("150000" ETHER));
    ck_assert_rc(stake_steth_set_block(t, 100000), STAKE_OK);
    ck_assert_u256_eq(current(t), U("150000" ETHER));
    ck_assert_rc(stake_steth_stake_limit(&s, t), STAKE_OK);
    ck_assert_uint_eq(s.prev_block, 200);          /* the last deposit's block */
    ck_assert_u256_eq(s.prev_limit, U64(0));
    stake_steth_free(t);
}
END_TEST

START_TEST(growth_uses_max_over_blocks)
{
    /* increase 30 on max 100: growth floor(100 / 30) = 3 blocks, and the
     * limit grows by floor(100 / 3) = 33 per block, not by 30. */
    stake_steth *t = new_steth(STAKE_LIDO_V2);
    set_limit(t, "100", "30");
    ck_assert_rc(submit(t, "100"), STAKE_OK);
    ck_assert_rc(stake_steth_set_block(t, 2), STAKE_OK);
    ck_assert_u256_eq(current(t), U64(33));
    ck_assert_rc(submit(t, "34"), STAKE_ESTAKELIMIT);
    ck_assert_rc(submit(t, "33"), STAKE_OK);
    ck_assert_u256_eq(current(t), U64(0));
    stake_steth_free(t);
}
END_TEST

START_TEST(setter_quirks)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    set_limit(t, "100", "10");                   /* 10 per block */
    ck_assert_rc(submit(t, "100"), STAKE_OK);
    ck_assert_rc(stake_steth_set_block(t, 6), STAKE_OK);
    ck_assert_u256_eq(current(t), U64(50));
    /* Setting the same limit again restarts the growth from the last
     * deposit's limit at this block: the 50 regained are lost. */
    set_limit(t, "100", "10");
    ck_assert_u256_eq(current(t), U64(0));
    ck_assert_rc(stake_steth_set_block(t, 8), STAKE_OK);
    ck_assert_u256_eq(current(t), U64(20));
    /* A new maximum below the previous limit replaces it. */
    set_limit(t, "1000", "10");                  /* growth 100 blocks: 10 per block */
    ck_assert_rc(stake_steth_set_block(t, 30), STAKE_OK);
    ck_assert_u256_eq(current(t), U64(220));     /* prev 0 at block 8 */
    ck_assert_rc(submit(t, "20"), STAKE_OK);     /* prev 200 at block 30 */
    set_limit(t, "150", "10");                   /* 150 < 200: prev becomes 150 */
    ck_assert_u256_eq(current(t), U64(150));
    /* Removing the limit, then setting one: the limit starts full. */
    ck_assert_rc(submit(t, "150"), STAKE_OK);
    ck_assert_rc(stake_steth_remove_staking_limit(t), STAKE_OK);
    ck_assert_rc(submit(t, "1000000" ETHER), STAKE_OK);
    set_limit(t, "70", "7");
    ck_assert_u256_eq(current(t), U64(70));
    stake_steth_free(t);
}
END_TEST

START_TEST(pausing)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    set_limit(t, "100", "10");
    ck_assert_rc(submit(t, "60"), STAKE_OK);     /* prev 40 at block 1 */
    ck_assert_rc(stake_steth_pause_staking(t), STAKE_OK);
    ck_assert_rc(stake_steth_pause_staking(t), STAKE_OK);     /* no revert on repeat */
    ck_assert_int_eq(stake_steth_is_staking_paused(t), 1);
    ck_assert_u256_eq(current(t), U64(0));
    ck_assert_rc(submit(t, "1"), STAKE_ESTAKINGPAUSED);
    /* Setting a limit while paused keeps staking paused and starts full. */
    ck_assert_rc(stake_steth_set_block(t, 3), STAKE_OK);
    set_limit(t, "100", "10");
    stake_lido_stake_limit s, want = state(0, "100", 10, "100");
    ck_assert_rc(stake_steth_stake_limit(&s, t), STAKE_OK);
    ck_state_eq(&s, &want);
    ck_assert_rc(stake_steth_resume_staking(t), STAKE_OK);
    ck_assert_int_eq(stake_steth_is_staking_paused(t), 0);
    ck_assert_u256_eq(current(t), U64(100));
    /* Resuming a running token restarts the growth at this block. */
    ck_assert_rc(submit(t, "100"), STAKE_OK);
    ck_assert_rc(stake_steth_set_block(t, 5), STAKE_OK);
    ck_assert_u256_eq(current(t), U64(20));
    ck_assert_rc(stake_steth_resume_staking(t), STAKE_OK);
    ck_assert_u256_eq(current(t), U64(0));
    ck_assert_rc(stake_steth_set_block(t, 6), STAKE_OK);
    ck_assert_u256_eq(current(t), U64(10));
    set_limit(t, "100", "10");                   /* back to a full bucket */
    ck_assert_rc(stake_steth_remove_staking_limit(t), STAKE_OK);
    set_limit(t, "100", "10");
    ck_assert_u256_eq(current(t), U64(100));
    /* Transfers go on while staking is paused. */
    stake_address alice = A(1), bob = A(2);
    stake_u256 one = U64(1);
    ck_assert_rc(stake_steth_pause_staking(t), STAKE_OK);
    ck_assert_rc(stake_steth_transfer(NULL, t, &alice, &bob, &one), STAKE_OK);
    ck_assert_rc(stake_steth_resume_staking(t), STAKE_OK);

    /* stop() pauses staking and resume() resumes it... */
    ck_assert_rc(stake_steth_stop(t), STAKE_OK);
    ck_assert_int_eq(stake_steth_is_staking_paused(t), 1);
    ck_assert_rc(submit(t, "1"), STAKE_ESTAKINGPAUSED);
    ck_assert_rc(stake_steth_resume(t), STAKE_OK);
    ck_assert_int_eq(stake_steth_is_staking_paused(t), 0);
    ck_assert_rc(submit(t, "1"), STAKE_OK);
    /* ...but staking can be resumed on a stopped token, as on chain:
     * deposits pass while transfers are refused. */
    ck_assert_rc(stake_steth_stop(t), STAKE_OK);
    ck_assert_rc(stake_steth_resume_staking(t), STAKE_OK);
    ck_assert_rc(submit(t, "1"), STAKE_OK);
    ck_assert_rc(stake_steth_transfer(NULL, t, &alice, &bob, &one), STAKE_ESTOPPED);
    stake_steth_free(t);
}
END_TEST

/* ---- V3 external shares ---------------------------------------------------------- */

START_TEST(external_mint_and_burn)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    /* Rate 1.5: 1 ether of shares, 1.5 ether pooled. */
    stake_steth_pool pool;
    ck_assert_rc(stake_steth_get_pool(&pool, t), STAKE_OK);
    pool.buffered_ether = U("1500000000000000000");
    ck_assert_rc(stake_steth_set_pool(t, &pool), STAKE_OK);
    set_limit(t, "10" ETHER, "1" ETHER);        /* 1 ether per block */
    stake_address vault = A(9);
    stake_u256 s = U("4" ETHER), tiny = U64(1), ext;
    /* 4 ether of shares use floor(4 * 1.5) = 6 ether of the limit. */
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &s), STAKE_OK);
    ck_assert_u256_eq(current(t), U("4" ETHER));
    stake_u256 five = U("3" ETHER);              /* worth 4.5 ether: over */
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &five), STAKE_ESTAKELIMIT);
    ck_assert_rc(stake_steth_totals(NULL, t), STAKE_EINVAL);
    stake_lido_totals tot;
    ck_assert_rc(stake_steth_totals(&tot, t), STAKE_OK);
    ck_assert_u256_eq(tot.external_shares, s);
    /* One share is worth floor(1.5) = 1 wei. */
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &tiny), STAKE_OK);
    ck_assert_u256_eq(current(t), U("3999999999999999999"));

    /* Burning gives the ether back, past the maximum... */
    stake_u256 burn = U("4" ETHER);
    ck_assert_rc(stake_steth_burn_external_shares(t, &vault, &burn), STAKE_OK);
    ck_assert_u256_eq(current(t), U("9999999999999999999"));
    ck_assert_rc(stake_steth_remove_staking_limit(t), STAKE_OK);
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &s), STAKE_OK);   /* unlimited */
    set_limit(t, "10" ETHER, "1" ETHER);        /* full: 10 ether at block 1 */
    ck_assert_rc(stake_steth_burn_external_shares(t, &vault, &s), STAKE_OK);
    ck_assert_u256_eq(current(t), U("16" ETHER));
    /* ...and the excess decays at the growth rate down to the maximum. */
    ck_assert_rc(stake_steth_set_block(t, 5), STAKE_OK);
    ck_assert_u256_eq(current(t), U("12" ETHER));
    ck_assert_rc(stake_steth_set_block(t, 50), STAKE_OK);
    ck_assert_u256_eq(current(t), U("10" ETHER));

    /* Nothing is given back while staking is paused (the burn passes). */
    ck_assert_rc(stake_steth_remove_staking_limit(t), STAKE_OK);
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &s), STAKE_OK);
    set_limit(t, "10" ETHER, "1" ETHER);
    ck_assert_rc(stake_steth_pause_staking(t), STAKE_OK);
    stake_u256 two = U("2" ETHER);
    ck_assert_rc(stake_steth_mint_external_shares(t, &vault, &two), STAKE_ESTAKINGPAUSED);
    ck_assert_rc(stake_steth_burn_external_shares(t, &vault, &two), STAKE_OK);
    ck_assert_rc(stake_steth_resume_staking(t), STAKE_OK);
    ck_assert_u256_eq(current(t), U("10" ETHER));

    /* The limit cannot pass 2^96 - 1 (the contract's assert): the burn is
     * refused whole. */
    stake_u256 max96 = U("0xffffffffffffffffffffffff"), zero = U64(0);
    ck_assert_rc(stake_steth_remove_staking_limit(t), STAKE_OK);
    ck_assert_rc(stake_steth_set_staking_limit(t, &max96, &zero), STAKE_OK);
    ck_assert_u256_eq(current(t), max96);
    ck_assert_rc(stake_steth_totals(&tot, t), STAKE_OK);
    ext = tot.external_shares;
    ck_assert_rc(stake_steth_burn_external_shares(t, &vault, &two), STAKE_ETOOLARGE);
    ck_assert_rc(stake_steth_totals(&tot, t), STAKE_OK);
    ck_assert_u256_eq(tot.external_shares, ext);
    /* A stopped token refuses external burns; balance refusals come first. */
    stake_u256 all = U("1000" ETHER);
    ck_assert_rc(stake_steth_burn_external_shares(t, &vault, &all), STAKE_EBALANCE);
    ck_assert_rc(stake_steth_stop(t), STAKE_OK);
    ck_assert_rc(stake_steth_burn_external_shares(t, &vault, &two), STAKE_ESTOPPED);
    stake_steth_free(t);
}
END_TEST

START_TEST(clone_and_snapshot_keep_the_limit)
{
    stake_steth *t = new_steth(STAKE_LIDO_V3);
    ck_assert_rc(stake_steth_set_block(t, 1234), STAKE_OK);
    set_limit(t, "100", "10");
    ck_assert_rc(submit(t, "64"), STAKE_OK);
    stake_lido_stake_limit want, got;
    ck_assert_rc(stake_steth_stake_limit(&want, t), STAKE_OK);

    stake_steth *c = NULL;
    ck_assert_rc(stake_steth_clone(&c, t), STAKE_OK);
    ck_assert_rc(stake_steth_stake_limit(&got, c), STAKE_OK);
    ck_state_eq(&got, &want);
    ck_assert_uint_eq(stake_steth_block(c), 1234);
    ck_assert_rc(submit(c, "36"), STAKE_OK);    /* the copy is independent */
    ck_assert_u256_eq(current(t), U64(36));
    stake_steth_free(c);

    char dir[] = "/tmp/stake-limit-XXXXXX", path[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/state.snap", dir);
    stake_snapshot *snap = NULL, *back = NULL;
    ck_assert_rc(stake_snapshot_new(&snap), STAKE_OK);
    ck_assert_rc(stake_snapshot_put_steth(snap, "pool", t), STAKE_OK);
    ck_assert_rc(stake_snapshot_save(snap, path, NULL), STAKE_OK);
    ck_assert_rc(stake_snapshot_load(&back, path, NULL), STAKE_OK);
    ck_assert_int_eq(remove(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
    ck_assert_rc(stake_snapshot_get_steth(&c, back, "pool"), STAKE_OK);
    ck_assert_rc(stake_steth_stake_limit(&got, c), STAKE_OK);
    ck_state_eq(&got, &want);
    ck_assert_uint_eq(stake_steth_block(c), 1234);
    stake_steth_free(c);
    stake_snapshot_free(back);
    stake_snapshot_free(snap);
    stake_steth_free(t);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("lido_stake_limit");
    TCase *tc = tcase_create("pure");
    tcase_add_test(tc, pure_growth);
    tcase_add_test(tc, pure_special_values_and_refusals);
    suite_add_tcase(s, tc);

    tc = tcase_create("token");
    tcase_add_test(tc, defaults_and_block);
    tcase_add_test(tc, setter_refusals);
    tcase_add_test(tc, mainnet_like_bucket);
    tcase_add_test(tc, growth_uses_max_over_blocks);
    tcase_add_test(tc, setter_quirks);
    tcase_add_test(tc, pausing);
    tcase_add_test(tc, external_mint_and_burn);
    tcase_add_test(tc, clone_and_snapshot_keep_the_limit);
    suite_add_tcase(s, tc);
    return s;
}
