/*
 * Comparison and checked arithmetic on stake_u256, with Solidity 0.8
 * semantics: every result that would wrap is refused instead.
 */
#include "stake/u256.h"
#include "limbdiv.h"

int stake_u256_cmp(const stake_u256 *a, const stake_u256 *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return limbs_cmp(a->w, b->w, 4);
}

stake_rc stake_u256_add(stake_u256 *out, const stake_u256 *a, const stake_u256 *b)
{
    if (!out || !a || !b)
        return STAKE_EINVAL;
    limb t[4];
    if (limbs_add(t, a->w, b->w, 4))
        return STAKE_EOVERFLOW;
    memcpy(out->w, t, sizeof t);
    return STAKE_OK;
}

stake_rc stake_u256_sub(stake_u256 *out, const stake_u256 *a, const stake_u256 *b)
{
    if (!out || !a || !b)
        return STAKE_EINVAL;
    limb t[4];
    if (limbs_sub(t, a->w, b->w, 4))
        return STAKE_EUNDERFLOW;
    memcpy(out->w, t, sizeof t);
    return STAKE_OK;
}

stake_rc stake_u256_mul(stake_u256 *out, const stake_u256 *a, const stake_u256 *b)
{
    if (!out || !a || !b)
        return STAKE_EINVAL;
    int an = limbs_len(a->w, 4), bn = limbs_len(b->w, 4);
    limb p[8] = { 0 };
    if (an && bn) {
        if (an + bn > 5)    /* the product is at least 2^(64 * (an + bn - 2)) */
            return STAKE_EOVERFLOW;
        limbs_mul(p, a->w, an, b->w, bn);
        if (p[4])
            return STAKE_EOVERFLOW;
    }
    memcpy(out->w, p, 4 * sizeof(limb));
    return STAKE_OK;
}

stake_rc stake_u256_divmod(stake_u256 *quot, stake_u256 *rem, const stake_u256 *a,
                           const stake_u256 *b)
{
    if ((!quot && !rem) || !a || !b)
        return STAKE_EINVAL;
    int bn = limbs_len(b->w, 4);
    if (bn == 0)
        return STAKE_EDIVZERO;
    int an = limbs_len(a->w, 4);
    limb q[4] = { 0 }, r[4] = { 0 };
    if (an < bn || (an == bn && limbs_cmp(a->w, b->w, 4) < 0)) {
        memcpy(r, a->w, sizeof r);
    } else if (an == 1) {
        q[0] = a->w[0] / b->w[0];
        r[0] = a->w[0] % b->w[0];
    } else {
        stake__divisor dv;
        stake__divisor_init(&dv, b->w, bn);
        stake__divrem(q, r, a->w, an, &dv);
    }
    if (quot)
        memcpy(quot->w, q, sizeof q);
    if (rem)
        memcpy(rem->w, r, sizeof r);
    return STAKE_OK;
}

stake_rc stake_u256_div(stake_u256 *out, const stake_u256 *a, const stake_u256 *b)
{
    if (!out)
        return STAKE_EINVAL;
    return stake_u256_divmod(out, NULL, a, b);
}

stake_rc stake_u256_mod(stake_u256 *out, const stake_u256 *a, const stake_u256 *b)
{
    if (!out)
        return STAKE_EINVAL;
    return stake_u256_divmod(NULL, out, a, b);
}
