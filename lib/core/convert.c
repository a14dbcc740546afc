/*
 * Conversions: y = x * num / den, as a contract computes it.
 *
 * One value goes through the same exact mulDiv as stake_u256_muldiv(),
 * preceded by the checks a contract makes (input bound, then the product
 * for SafeMath-style arithmetic, then the divisor).
 *
 * A batch prepares the divisor once: normalised, with its reciprocal, and
 * with den - 1 ready for rounding up. Every realistic token state (shares,
 * ether and supplies below 2^128) then takes an unrolled kernel of a few
 * multiplications per element. Because a conversion is monotonic in x,
 * the whole batch can be validated up front from its largest input, which
 * is what makes it all-or-nothing without a second buffer.
 */
#include "stake/conversion.h"
#include "limbdiv.h"
#include "muldiv.h"
#include "convert.h"
#include "values.h"

static int valid_conversion(const stake_conversion *conv)
{
    unsigned rounding = (unsigned)conv->rounding, product = (unsigned)conv->product;
    return rounding <= STAKE_ROUND_EXPAND && product <= STAKE_PRODUCT_CHECKED;
}

/* Converts one value; the conversion has been validated. */
static stake_rc convert_one(limb out[4], const stake_conversion *conv, const limb x[4])
{
    int up = (int)((unsigned)conv->rounding & 1u);
    if (!stake__u256_is_zero(&conv->input_bound) && limbs_cmp(x, conv->input_bound.w, 4) >= 0)
        return STAKE_ETOOLARGE;
    const limb *num = conv->num.w;
    /* Below 2^128 both ways the product always fits: only wider operands
     * need the checked product. */
    if (conv->product == STAKE_PRODUCT_CHECKED && (x[2] | x[3] | num[2] | num[3]) != 0) {
        /* SafeMath / Solidity 0.8: a * b is checked before the division,
         * so an overflowing product is refused even if the quotient would
         * fit, and before a zero divisor is noticed. */
        stake_u256 p, xv;
        memcpy(xv.w, x, sizeof xv.w);
        stake_rc rc = stake_u256_mul(&p, &xv, &conv->num);
        if (rc != STAKE_OK)
            return rc;
        if (stake__u256_is_zero(&conv->den))
            return STAKE_EDIVZERO;
        /* The product fits, so its quotient and its ceiling do too. */
        static const limb one[4] = { 1, 0, 0, 0 };
        return stake__muldiv_round(out, p.w, one, conv->den.w, up);
    }
    return stake__muldiv_round(out, x, conv->num.w, conv->den.w, up);
}

stake_rc stake_convert(stake_u256 *out, const stake_conversion *conv, const stake_u256 *x)
{
    if (!out || !conv || !x || !valid_conversion(conv))
        return STAKE_EINVAL;
    limb r[4];
    stake_rc rc = convert_one(r, conv, x->w);
    if (rc == STAKE_OK)
        memcpy(out->w, r, sizeof r);
    return rc;
}

/* ---- the batch kernel ------------------------------------------------------ */

/* Everything about the divisor and the multiplier that is the same for
 * every element. Only used when num, den and every input are below
 * 2^128, so that each product fits in four limbs. */
struct prepared {
    limb n0, n1;          /* the multiplier num */
    limb bias0, bias1;    /* den - 1 when rounding up, else zero */
    limb d1, d0;          /* the divisor shifted left by s (d1 alone if one limb) */
    limb v;               /* its reciprocal */
    int s;
    int two_limbs;        /* den >= 2^64 */
};

static void prepare(struct prepared *pp, const stake_conversion *conv)
{
    const limb *num = conv->num.w, *den = conv->den.w;
    pp->n0 = num[0];
    pp->n1 = num[1];
    limb mask = -(limb)((unsigned)conv->rounding & 1u);
    pp->bias0 = (den[0] - 1) & mask;
    pp->bias1 = (den[1] - (den[0] == 0)) & mask;
    pp->two_limbs = den[1] != 0;
    if (pp->two_limbs) {
        pp->s = limb_clz(den[1]);
        pp->d1 = pp->s ? (den[1] << pp->s) | (den[0] >> (64 - pp->s)) : den[1];
        pp->d0 = den[0] << pp->s;
        pp->v = limb_reciprocal_3by2(pp->d1, pp->d0);
    } else {
        pp->s = limb_clz(den[0]);
        pp->d1 = den[0] << pp->s;
        pp->d0 = 0;
        pp->v = limb_reciprocal(pp->d1);
    }
}

/* (x * num + bias) shifted left by s, as five limbs u[4..0]. */
static inline __attribute__((always_inline)) void
product(limb u[5], const struct prepared *pp, const limb *x)
{
    dlimb t00 = (dlimb)x[0] * pp->n0, t01 = (dlimb)x[0] * pp->n1;
    dlimb t10 = (dlimb)x[1] * pp->n0, t11 = (dlimb)x[1] * pp->n1;
    dlimb mid = (t00 >> 64) + (limb)t01 + (limb)t10;
    dlimb hi = (t01 >> 64) + (t10 >> 64) + (limb)t11 + (mid >> 64);
    limb p0 = (limb)t00, p1 = (limb)mid, p2 = (limb)hi;
    limb p3 = (limb)(t11 >> 64) + (limb)(hi >> 64);
    /* Rounding up as floor((p + den - 1) / den): no carry out of p3,
     * since p <= (2^128 - 1)^2 and den < 2^128. */
    dlimb acc = (dlimb)p0 + pp->bias0;
    p0 = (limb)acc;
    acc = (dlimb)p1 + pp->bias1 + (limb)(acc >> 64);
    p1 = (limb)acc;
    acc = (dlimb)p2 + (limb)(acc >> 64);
    p2 = (limb)acc;
    p3 += (limb)(acc >> 64);
    int s = pp->s;
    u[4] = s ? p3 >> (64 - s) : 0;
    u[3] = s ? (p3 << s) | (p2 >> (64 - s)) : p3;
    u[2] = s ? (p2 << s) | (p1 >> (64 - s)) : p2;
    u[1] = s ? (p1 << s) | (p0 >> (64 - s)) : p1;
    u[0] = p0 << s;
}

static void kernel_two_limbs(stake_u256 *out, const char *in, size_t stride, size_t n,
                             const struct prepared *pp)
{
    for (size_t i = 0; i < n; i++) {
        limb u[5], q[4];
        product(u, pp, (const limb *)(const void *)(in + i * stride));
        dlimb r;
        /* The top window is usually below the divisor (its quotient limb
         * is zero), which saves one of the three steps. */
        if (u[4] == 0 && u[3] < pp->d1) {
            q[2] = 0;
            r = ((dlimb)u[3] << 64) | u[2];
        } else {
            q[2] = limb_div_3by2(&r, u[4], u[3], u[2], pp->d1, pp->d0, pp->v);
        }
        q[1] = limb_div_3by2(&r, (limb)(r >> 64), (limb)r, u[1], pp->d1, pp->d0, pp->v);
        q[0] = limb_div_3by2(&r, (limb)(r >> 64), (limb)r, u[0], pp->d1, pp->d0, pp->v);
        out[i].w[0] = q[0];
        out[i].w[1] = q[1];
        out[i].w[2] = q[2];
        out[i].w[3] = 0;
    }
}

static void kernel_one_limb(stake_u256 *out, const char *in, size_t stride, size_t n,
                            const struct prepared *pp)
{
    for (size_t i = 0; i < n; i++) {
        limb u[5], q[4], r = 0;
        product(u, pp, (const limb *)(const void *)(in + i * stride));
        r = u[4];
        q[3] = limb_div_2by1(&r, r, u[3], pp->d1, pp->v);
        q[2] = limb_div_2by1(&r, r, u[2], pp->d1, pp->v);
        q[1] = limb_div_2by1(&r, r, u[1], pp->d1, pp->v);
        q[0] = limb_div_2by1(&r, r, u[0], pp->d1, pp->v);
        out[i].w[0] = q[0];
        out[i].w[1] = q[1];
        out[i].w[2] = q[2];
        out[i].w[3] = q[3];
    }
}

static const limb *element(const void *in, size_t stride, size_t i)
{
    return (const limb *)(const void *)((const char *)in + i * stride);
}

stake_rc stake__convert_strided(stake_u256 *out, const void *in, size_t stride, size_t n,
                                const stake_conversion *conv, size_t *failed_index)
{
    if (!conv || !valid_conversion(conv) || stride < sizeof(stake_u256))
        return STAKE_EINVAL;
    if (n == 0)
        return STAKE_OK;
    if (!out || !in)
        return STAKE_EINVAL;

    /* The largest input decides whether any element fails: a conversion
     * is monotonic in x, and so are the bound and the overflow checks. */
    size_t imax = 0;
    const limb *xmax = element(in, stride, 0);
    for (size_t i = 1; i < n; i++) {
        const limb *x = element(in, stride, i);
        if (limbs_cmp(x, xmax, 4) > 0) {
            xmax = x;
            imax = i;
        }
    }
    limb probe[4];
    stake_rc rc = convert_one(probe, conv, xmax);
    if (rc != STAKE_OK) {
        /* Report the first element that fails, in index order. */
        for (size_t i = 0; i <= imax; i++) {
            stake_rc rci = convert_one(probe, conv, element(in, stride, i));
            if (rci != STAKE_OK) {
                if (failed_index)
                    *failed_index = i;
                return rci;
            }
        }
        return rc;   /* unreachable: element imax fails */
    }

    const limb *num = conv->num.w, *den = conv->den.w;
    if ((num[2] | num[3] | den[2] | den[3] | xmax[2] | xmax[3]) == 0) {
        struct prepared pp;
        prepare(&pp, conv);
        if (pp.two_limbs)
            kernel_two_limbs(out, in, stride, n, &pp);
        else
            kernel_one_limb(out, in, stride, n, &pp);
        return STAKE_OK;
    }
    /* Wide values: element by element; none can fail any more. */
    for (size_t i = 0; i < n; i++) {
        limb r[4];
        if (convert_one(r, conv, element(in, stride, i)) != STAKE_OK)
            return STAKE_EINVAL;   /* cannot happen after the probe */
        memcpy(out[i].w, r, sizeof r);
    }
    return STAKE_OK;
}

stake_rc stake_convert_batch(stake_u256 *out, const stake_u256 *in, size_t n,
                             const stake_conversion *conv, size_t *failed_index)
{
    return stake__convert_strided(out, in, sizeof(stake_u256), n, conv, failed_index);
}
