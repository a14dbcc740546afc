/*
 * Conversions: y = x * num / den, as a contract computes it.
 *
 * One value goes through the same exact mulDiv as stake_u256_muldiv(),
 * preceded by the checks a contract makes (input bound, then the product
 * for SafeMath-style arithmetic, then the divisor).
 *
 * A batch prepares the whole ratio once. Every realistic token state
 * (shares, ether and supplies below 2^128, num / den below 2^64) takes the
 * fixed-point kernel: M = floor(num * 2^128 / den) is computed once, and
 * each element costs one 2x3-limb product x * M whose top limbs are the
 * quotient. The error of that estimate is below x / 2^128, so the low
 * limbs of the product tell when it could be one short; only then (about
 * x / 2^128 of the time, and for exact quotients rounded up) does the
 * element take the exact long division. Other states below 2^128 take an
 * unrolled long division by the normalised divisor and its reciprocal.
 * Because a conversion is monotonic in x, the whole batch can be validated
 * up front from its largest input, which is what makes it all-or-nothing
 * without a second buffer.
 */
#include "stake/conversion.h"
#include "limbdiv.h"
#include "muldiv.h"
#include "convert.h"
#include "values.h"

static int valid_conversion(const stake_conversion *conv)
{
    unsigned rounding = (unsigned)conv->rounding, product = (unsigned)conv->product;
    return rounding <= STAKE_ROUND_EXPAND && product <= STAKE_PRODUCT_WRAPPING;
}

/* Converts one value; the conversion has been validated. */
static stake_rc convert_one(limb out[4], const stake_conversion *conv, const limb x[4])
{
    int up = (int)((unsigned)conv->rounding & 1u);
    if (!stake__u256_is_zero(&conv->input_bound) && limbs_cmp(x, conv->input_bound.w, 4) >= 0)
        return STAKE_ETOOLARGE;
    const limb *num = conv->num.w;
    /* Below 2^128 both ways the product always fits: only wider operands
     * need the product formed in 256 bits, as the contract forms it. */
    if (conv->product != STAKE_PRODUCT_WIDE && (x[2] | x[3] | num[2] | num[3]) != 0) {
        stake_u256 p;
        if (conv->product == STAKE_PRODUCT_CHECKED) {
            /* SafeMath / Solidity 0.8: a * b is checked before the
             * division, so an overflowing product is refused even if the
             * quotient would fit, and before a zero divisor is noticed. */
            stake_u256 xv;
            memcpy(xv.w, x, sizeof xv.w);
            stake_rc rc = stake_u256_mul(&p, &xv, &conv->num);
            if (rc != STAKE_OK)
                return rc;
        } else {
            /* A plain pre-0.8 `*`: the low 256 bits of the product. */
            limbs_mul_low4(p.w, x, num);
        }
        if (stake__u256_is_zero(&conv->den))
            return STAKE_EDIVZERO;
        /* A 256-bit product: its quotient and its ceiling both fit. */
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
    limb m[3];            /* floor(num * 2^128 / den), when it fits */
    int fixed_point;      /* m is usable: num / den < 2^64 */
    int up;               /* rounding up */
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
    pp->up = (int)((unsigned)conv->rounding & 1u);
    limb mask = -(limb)pp->up;
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

    /* M = floor(num * 2^128 / den), used only when it has at most three
     * limbs. */
    const limb shifted[4] = { 0, 0, num[0], num[1] };
    stake__divisor dv;
    limb m[4] = { 0, 0, 0, 0 };
    stake__divisor_init(&dv, den, pp->two_limbs ? 2 : 1);
    stake__divrem(m, NULL, shifted, 4, &dv);
    pp->fixed_point = m[3] == 0;
    memcpy(pp->m, m, sizeof pp->m);
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

/* The exact quotient of one element by long division: three 3-by-2 steps
 * for a two-limb divisor, four 2-by-1 steps for a one-limb one. */
static inline __attribute__((always_inline)) void
divide_exact(limb q[4], const struct prepared *pp, const limb *x)
{
    limb u[5];
    product(u, pp, x);
    if (pp->two_limbs) {
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
        q[3] = 0;
    } else {
        limb r = u[4];
        q[3] = limb_div_2by1(&r, r, u[3], pp->d1, pp->v);
        q[2] = limb_div_2by1(&r, r, u[2], pp->d1, pp->v);
        q[1] = limb_div_2by1(&r, r, u[1], pp->d1, pp->v);
        q[0] = limb_div_2by1(&r, r, u[0], pp->d1, pp->v);
    }
}

/* The rare elements of the fixed-point kernel, kept out of its loop. */
static __attribute__((noinline)) void divide_exact_cold(limb q[4], const struct prepared *pp,
                                                        const limb *x)
{
    divide_exact(q, pp, x);
}

static void kernel_long_division(stake_u256 *out, const char *in, size_t stride, size_t n,
                                 const struct prepared *pp)
{
    for (size_t i = 0; i < n; i++) {
        limb q[4];
        divide_exact(q, pp, (const limb *)(const void *)(in + i * stride));
        memcpy(out[i].w, q, sizeof q);
    }
}

/*
 * With x < 2^128 and M = floor(num * 2^128 / den) = num * 2^128 / den - f,
 * 0 <= f < 1:  x * num / den = (x * M + x * f) / 2^128, and x * f < x.
 * Writing x * M = q * 2^128 + frac, the exact value is q + (frac + x*f) /
 * 2^128. When frac + x < 2^128 that fraction is below one, so floor = q;
 * it is zero only if frac is, so with frac != 0 as well, ceil = q + 1.
 * Anything else (rare) is divided exactly.
 */
static inline __attribute__((always_inline)) void
fixed_point_loop(stake_u256 *out, const char *in, size_t stride, size_t n,
                 const struct prepared *pp, const int up)
{
    const limb m0 = pp->m[0], m1 = pp->m[1], m2 = pp->m[2];
    for (size_t i = 0; i < n; i++) {
        const limb *x = (const limb *)(const void *)(in + i * stride);
        limb x0 = x[0], x1 = x[1];
        /* x * M row by row: c0, c1 are frac, c2..c4 the quotient. */
        dlimb t = (dlimb)x0 * m0;
        limb c0 = (limb)t;
        t = (dlimb)x0 * m1 + (limb)(t >> 64);
        limb a1 = (limb)t;
        t = (dlimb)x0 * m2 + (limb)(t >> 64);
        limb a2 = (limb)t, a3 = (limb)(t >> 64);
        t = (dlimb)x1 * m0 + a1;
        limb c1 = (limb)t;
        t = (dlimb)x1 * m1 + a2 + (limb)(t >> 64);
        limb c2 = (limb)t;
        t = (dlimb)x1 * m2 + a3 + (limb)(t >> 64);
        limb c3 = (limb)t, c4 = (limb)(t >> 64);
        /* frac + x < 2^128, and for rounding up frac != 0 */
        dlimb frac = ((dlimb)c1 << 64) | c0;
        dlimb xx = ((dlimb)x1 << 64) | x0;
        int sure = frac + xx >= frac && (!up || frac != 0);
        if (__builtin_expect(sure, 1)) {
            if (up) {
                /* q + 1 cannot carry out: the probe showed every result fits. */
                c2++;
                c3 += c2 == 0;
                c4 += (c2 | c3) == 0;
            }
            out[i].w[0] = c2;
            out[i].w[1] = c3;
            out[i].w[2] = c4;
            out[i].w[3] = 0;
        } else {
            limb q[4];
            divide_exact_cold(q, pp, x);
            memcpy(out[i].w, q, sizeof q);
        }
    }
}

/* One loop per rounding direction, so that neither tests it per element. */
static void kernel_fixed_point(stake_u256 *out, const char *in, size_t stride, size_t n,
                               const struct prepared *pp)
{
    if (pp->up)
        fixed_point_loop(out, in, stride, n, pp, 1);
    else
        fixed_point_loop(out, in, stride, n, pp, 0);
}

static const limb *element(const void *in, size_t stride, size_t i)
{
    return (const limb *)(const void *)((const char *)in + i * stride);
}

/* The largest of n >= 1 inputs. Balances are almost always below 2^128,
 * so the first pass looks only at that: a branch-free maximum of the low
 * halves while OR-ing the high ones. Only if some high half is set does a
 * second pass compare whole values. */
static void largest(limb xmax[4], const void *in, size_t stride, size_t n)
{
    limb high = 0;
    dlimb low = 0;
    for (size_t i = 0; i < n; i++) {
        const limb *x = element(in, stride, i);
        dlimb v = ((dlimb)x[1] << 64) | x[0];
        low = v > low ? v : low;
        high |= x[2] | x[3];
    }
    if (high == 0) {
        xmax[0] = (limb)low;
        xmax[1] = (limb)(low >> 64);
        xmax[2] = xmax[3] = 0;
        return;
    }
    const limb *m = element(in, stride, 0);
    for (size_t i = 1; i < n; i++) {
        const limb *x = element(in, stride, i);
        if (limbs_cmp(x, m, 4) > 0)
            m = x;
    }
    memcpy(xmax, m, 4 * sizeof(limb));
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

    /* The largest input decides whether any element fails: the bound and
     * the overflow checks are monotonic in x (a wrapped product is not,
     * but it never fails), and a zero divisor fails every element. */
    limb xmax[4];
    largest(xmax, in, stride, n);
    limb probe[4];
    stake_rc rc = convert_one(probe, conv, xmax);
    if (rc != STAKE_OK) {
        /* Report the first element that fails, in index order. */
        for (size_t i = 0; i < n; i++) {
            stake_rc rci = convert_one(probe, conv, element(in, stride, i));
            if (rci != STAKE_OK) {
                if (failed_index)
                    *failed_index = i;
                return rci;
            }
        }
        return rc;   /* unreachable: the largest element fails */
    }

    const limb *num = conv->num.w, *den = conv->den.w;
    if ((num[2] | num[3] | den[2] | den[3] | xmax[2] | xmax[3]) == 0) {
        struct prepared pp;
        prepare(&pp, conv);
        if (pp.fixed_point)
            kernel_fixed_point(out, in, stride, n, &pp);
        else
            kernel_long_division(out, in, stride, n, &pp);
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
