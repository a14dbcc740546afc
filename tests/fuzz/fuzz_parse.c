/*
 * libFuzzer target: the number and address parsers on arbitrary bytes.
 * Each accepted input must format back to the same value; nothing may
 * crash, leak or read past the NUL. Build and run with `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stake.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    stake_u256 v, back;
    stake_error err;
    if (stake_u256_from_string(&v, s, &err) == STAKE_OK) {
        char dec[STAKE_U256_DEC_SIZE], hex[STAKE_U256_HEX_SIZE];
        if (stake_u256_to_dec(dec, sizeof dec, &v) != STAKE_OK ||
            stake_u256_from_dec(&back, dec, NULL) != STAKE_OK || stake_u256_cmp(&v, &back) ||
            stake_u256_to_hex(hex, sizeof hex, &v) != STAKE_OK ||
            stake_u256_from_hex(&back, hex, NULL) != STAKE_OK || stake_u256_cmp(&v, &back))
            abort();
    } else if (err.position > size) {
        abort();
    }
    stake_address a;
    if (stake_address_from_hex(&a, s, &err) == STAKE_OK) {
        char hex[STAKE_ADDRESS_HEX_SIZE];
        stake_address b;
        if (stake_address_to_hex(hex, sizeof hex, &a) != STAKE_OK ||
            stake_address_from_hex(&b, hex, NULL) != STAKE_OK || memcmp(&a, &b, sizeof a))
            abort();
    }
    free(s);
    return 0;
}
