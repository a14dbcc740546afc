/*
 * Strict parsing of decimal and "0x" hexadecimal strings into stake_u256.
 *
 * Input typically comes from JSON, RPC responses or command lines, so it
 * is treated as hostile: the scan is bounded (one byte past the longest
 * valid number), the first offending byte is reported with its offset, and
 * nothing is written to the output unless the whole string is valid.
 */
#include <stdint.h>

#include "stake/u256.h"
#include "error_detail.h"
#include "limbs.h"

static const char *describe(char c)
{
    switch (c) {
    case '+':
    case '-':
        return "a sign is not allowed";
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
        return "whitespace is not allowed";
    default:
        return "not a digit";
    }
}

static stake_rc bad_char(stake_error *err, const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x21 && c < 0x7f)
        return stake__fail(err, STAKE_ESYNTAX, i, "unexpected '%c' at offset %zu: %s",
                           c, i, describe((char)c));
    return stake__fail(err, STAKE_ESYNTAX, i, "unexpected byte 0x%02x at offset %zu: %s",
                       c, i, describe((char)c));
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* acc = acc * m + add over 4 limbs; returns non-zero on overflow. */
static int mul_add_small(limb acc[4], limb m, limb add)
{
    limb carry = add;
    for (int i = 0; i < 4; i++) {
        dlimb t = (dlimb)acc[i] * m + carry;
        acc[i] = (limb)t;
        carry = (limb)(t >> 64);
    }
    return carry != 0;
}

/* Digits of s from offset start; the caller has checked the prefix. */
static stake_rc parse_decimal_digits(stake_u256 *out, const char *s, size_t start,
                                     stake_error *err)
{
    size_t n = 0;
    /* Validate first, so that a syntax error wins over a range error. */
    for (;; n++) {
        char c = s[start + n];
        if (c == '\0')
            break;
        if (c < '0' || c > '9')
            return bad_char(err, s, start + n);
        if (n == STAKE_U256_DEC_DIGITS)
            return stake__fail(err, STAKE_ETOOLONG, start + n,
                               "more than %d decimal digits", STAKE_U256_DEC_DIGITS);
    }
    if (n == 0)
        return stake__fail(err, STAKE_EEMPTY, start, "no digits");

    limb acc[4] = { 0 };
    size_t i = 0;
    while (i < n) {
        /* Up to 19 digits at a time: 10^19 < 2^64. */
        limb chunk = 0, scale = 1;
        size_t k = 0;
        for (; k < 19 && i < n; k++, i++) {
            chunk = chunk * 10 + (limb)(s[start + i] - '0');
            scale *= 10;
        }
        if (mul_add_small(acc, scale, chunk))
            return stake__fail(err, STAKE_ERANGE, start,
                               "value is 2^256 or more");
    }
    memcpy(out->w, acc, sizeof acc);
    stake__ok(err);
    return STAKE_OK;
}

static stake_rc parse_hex_digits(stake_u256 *out, const char *s, size_t start,
                                 stake_error *err)
{
    size_t n = 0;
    for (;; n++) {
        char c = s[start + n];
        if (c == '\0')
            break;
        if (hex_value(c) < 0)
            return bad_char(err, s, start + n);
        if (n == STAKE_U256_HEX_DIGITS)
            return stake__fail(err, STAKE_ETOOLONG, start + n,
                               "more than %d hexadecimal digits", STAKE_U256_HEX_DIGITS);
    }
    if (n == 0)
        return stake__fail(err, STAKE_EEMPTY, start, "no digits after \"0x\"");

    limb acc[4] = { 0 };
    for (size_t i = 0; i < n; i++) {
        size_t bit = 4 * (n - 1 - i);   /* weight of this digit */
        acc[bit / 64] |= (limb)hex_value(s[start + i]) << (bit % 64);
    }
    memcpy(out->w, acc, sizeof acc);
    stake__ok(err);
    return STAKE_OK;
}

static int has_hex_prefix(const char *s)
{
    return s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

stake_rc stake_u256_from_dec(stake_u256 *out, const char *s, stake_error *err)
{
    if (!out || !s)
        return stake__fail(err, STAKE_EINVAL, 0, "NULL argument");
    if (s[0] == '\0')
        return stake__fail(err, STAKE_EEMPTY, 0, "empty string");
    return parse_decimal_digits(out, s, 0, err);
}

stake_rc stake_u256_from_hex(stake_u256 *out, const char *s, stake_error *err)
{
    if (!out || !s)
        return stake__fail(err, STAKE_EINVAL, 0, "NULL argument");
    if (s[0] == '\0')
        return stake__fail(err, STAKE_EEMPTY, 0, "empty string");
    if (!has_hex_prefix(s)) {
        size_t at = s[0] == '0' ? 1 : 0;
        if (s[at] == '\0')
            return stake__fail(err, STAKE_ESYNTAX, at, "missing \"0x\" prefix");
        return stake__fail(err, STAKE_ESYNTAX, at, "expected \"0x\" prefix at offset %zu", at);
    }
    return parse_hex_digits(out, s, 2, err);
}

stake_rc stake_u256_from_string(stake_u256 *out, const char *s, stake_error *err)
{
    if (!out || !s)
        return stake__fail(err, STAKE_EINVAL, 0, "NULL argument");
    if (s[0] == '\0')
        return stake__fail(err, STAKE_EEMPTY, 0, "empty string");
    if (has_hex_prefix(s))
        return parse_hex_digits(out, s, 2, err);
    return parse_decimal_digits(out, s, 0, err);
}

stake_rc stake_u256_from_u64(stake_u256 *out, uint64_t v)
{
    if (!out)
        return STAKE_EINVAL;
    out->w[0] = v;
    out->w[1] = out->w[2] = out->w[3] = 0;
    return STAKE_OK;
}

stake_rc stake_u256_to_u64(uint64_t *out, const stake_u256 *a)
{
    if (!out || !a)
        return STAKE_EINVAL;
    if (a->w[1] | a->w[2] | a->w[3])
        return STAKE_ERANGE;
    *out = a->w[0];
    return STAKE_OK;
}

stake_rc stake_u256_from_be32(stake_u256 *out, const uint8_t in[STAKE_U256_BYTES])
{
    if (!out || !in)
        return STAKE_EINVAL;
    limb t[4];
    for (int i = 0; i < 4; i++) {
        limb v = 0;
        for (int j = 0; j < 8; j++)
            v = (v << 8) | in[(3 - i) * 8 + j];
        t[i] = v;
    }
    memcpy(out->w, t, sizeof t);
    return STAKE_OK;
}
