/*
 * 20-byte account addresses: strict "0x" + 40 hex digits parsing and
 * lower-case formatting.
 *
 * Addresses arrive from RPC responses, JSON and command lines, so parsing
 * treats its input as hostile in the same way as u256_parse.c: the scan
 * stops one byte past the longest valid address, the first offending byte
 * is reported with its offset, and the output is written only once the
 * whole string has been validated. The EIP-55 mixed-case checksum is not
 * verified (the header says so): case carries no meaning here.
 */
#include <string.h>

#include "stake/address.h"
#include "error_detail.h"

#define ADDRESS_DIGITS (2 * STAKE_ADDRESS_BYTES)

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

static stake_rc bad_char(stake_error *err, const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x21 && c < 0x7f)
        return stake__fail(err, STAKE_ESYNTAX, i,
                           "unexpected '%c' at offset %zu: not a hexadecimal digit", c, i);
    return stake__fail(err, STAKE_ESYNTAX, i,
                       "unexpected byte 0x%02x at offset %zu: not a hexadecimal digit", c, i);
}

stake_rc stake_address_from_hex(stake_address *out, const char *s, stake_error *err)
{
    if (!out || !s)
        return stake__fail(err, STAKE_EINVAL, 0, "NULL argument");
    if (s[0] == '\0')
        return stake__fail(err, STAKE_EEMPTY, 0, "empty string");
    if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) {
        size_t at = s[0] == '0' ? 1 : 0;
        return stake__fail(err, STAKE_ESYNTAX, at, "expected \"0x\" prefix at offset %zu", at);
    }

    uint8_t bytes[STAKE_ADDRESS_BYTES];
    for (size_t n = 0;; n++) {
        size_t at = 2 + n;
        char c = s[at];
        if (c == '\0') {
            if (n < ADDRESS_DIGITS)
                return stake__fail(err, STAKE_ESYNTAX, at,
                                   "%zu hexadecimal digits, an address has %d", n,
                                   ADDRESS_DIGITS);
            break;
        }
        int v = hex_value(c);
        if (v < 0)
            return bad_char(err, s, at);
        if (n == ADDRESS_DIGITS)
            return stake__fail(err, STAKE_ETOOLONG, at,
                               "more than %d hexadecimal digits", ADDRESS_DIGITS);
        if (n % 2 == 0)
            bytes[n / 2] = (uint8_t)(v << 4);
        else
            bytes[n / 2] |= (uint8_t)v;
    }
    memcpy(out->bytes, bytes, sizeof bytes);
    stake__ok(err);
    return STAKE_OK;
}

stake_rc stake_address_to_hex(char *buf, size_t size, const stake_address *a)
{
    static const char digits[] = "0123456789abcdef";
    if (!buf || !a)
        return STAKE_EINVAL;
    if (size < STAKE_ADDRESS_HEX_SIZE)
        return STAKE_EBUFSIZE;
    buf[0] = '0';
    buf[1] = 'x';
    for (size_t i = 0; i < STAKE_ADDRESS_BYTES; i++) {
        buf[2 + 2 * i] = digits[a->bytes[i] >> 4];
        buf[3 + 2 * i] = digits[a->bytes[i] & 0xf];
    }
    buf[STAKE_ADDRESS_HEX_SIZE - 1] = '\0';
    return STAKE_OK;
}

int stake_address_is_zero(const stake_address *a)
{
    if (!a)
        return 1;
    uint8_t acc = 0;
    for (size_t i = 0; i < STAKE_ADDRESS_BYTES; i++)
        acc |= a->bytes[i];
    return acc == 0;
}
