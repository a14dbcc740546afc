/*
 * Formatting stake_u256 as decimal, hexadecimal and 32-byte big-endian.
 */
#include "stake/u256.h"
#include "limbdiv.h"

#define TEN_POW_19 UINT64_C(10000000000000000000)

stake_rc stake_u256_to_dec(char *buf, size_t size, const stake_u256 *a)
{
    if (!buf || !a)
        return STAKE_EINVAL;
    char tmp[STAKE_U256_DEC_SIZE];
    char *p = tmp + sizeof tmp;
    *--p = '\0';

    limb n[4];
    memcpy(n, a->w, sizeof n);
    int nn = limbs_len(n, 4);
    if (nn == 0)
        *--p = '0';

    limb ten19 = TEN_POW_19;
    stake__divisor dv;
    stake__divisor_init(&dv, &ten19, 1);
    while (nn > 0) {
        /* Peel 19 digits at a time off the low end. */
        limb q[4] = { 0 }, r;
        stake__divrem(q, &r, n, nn, &dv);
        memcpy(n, q, sizeof n);
        nn = limbs_len(n, nn);
        for (int k = 0; k < 19 && (r != 0 || nn > 0); k++) {
            *--p = (char)('0' + r % 10);
            r /= 10;
        }
    }
    size_t len = (size_t)(tmp + sizeof tmp - p);   /* NUL included */
    if (len > size)
        return STAKE_EBUFSIZE;
    memcpy(buf, p, len);
    return STAKE_OK;
}

stake_rc stake_u256_to_hex(char *buf, size_t size, const stake_u256 *a)
{
    if (!buf || !a)
        return STAKE_EINVAL;
    static const char digits[] = "0123456789abcdef";
    char tmp[STAKE_U256_HEX_SIZE];
    size_t len = 0;
    tmp[len++] = '0';
    tmp[len++] = 'x';
    int started = 0;
    for (int bit = 252; bit >= 0; bit -= 4) {
        int d = (int)((a->w[bit / 64] >> (bit % 64)) & 0xf);
        if (d || started || bit == 0) {
            tmp[len++] = digits[d];
            started = 1;
        }
    }
    tmp[len++] = '\0';
    if (len > size)
        return STAKE_EBUFSIZE;
    memcpy(buf, tmp, len);
    return STAKE_OK;
}

stake_rc stake_u256_to_be32(uint8_t out[STAKE_U256_BYTES], const stake_u256 *a)
{
    if (!out || !a)
        return STAKE_EINVAL;
    for (int i = 0; i < 4; i++) {
        limb v = a->w[i];
        for (int j = 7; j >= 0; j--) {
            out[(3 - i) * 8 + j] = (uint8_t)v;
            v >>= 8;
        }
    }
    return STAKE_OK;
}
