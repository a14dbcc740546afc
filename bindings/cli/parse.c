/*
 * Scenario syntax: splitting lines, exact amounts with units, percentages
 * and account names. No floating point: "1.5ether" is parsed as digits.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_fail(struct cli_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
    return -1;
}

int cli_rc(struct cli_error *err, stake_rc rc, const char *what)
{
    if (rc == STAKE_OK)
        return 0;
    return cli_fail(err, "%s refused: %s (%s)", what, stake_strerror(rc), stake_errname(rc));
}

int cli_split(char *line, char **argv, int max)
{
    int argc = 0;
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    for (char *p = line; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            *p++ = '\0';
        if (!*p)
            break;
        if (argc == max)
            return -1;
        argv[argc++] = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            p++;
    }
    return argc;
}

/* digits[.digits] scaled by 10^decimals, exactly. */
static int scaled(stake_u256 *out, const char *s, size_t len, unsigned decimals,
                  struct cli_error *err, const char *what)
{
    char intpart[80], frac[80];
    const char *dot = memchr(s, '.', len);
    size_t ilen = dot ? (size_t)(dot - s) : len;
    size_t flen = dot ? len - ilen - 1 : 0;
    if (ilen == 0 || ilen >= sizeof intpart || (dot && flen == 0))
        return cli_fail(err, "bad %s \"%.*s\"", what, (int)len, s);
    if (flen > decimals)
        return cli_fail(err, "%s \"%.*s\" has more than %u decimals", what, (int)len, s,
                        decimals);
    memcpy(intpart, s, ilen);
    intpart[ilen] = '\0';
    memset(frac, '0', decimals);
    if (flen)
        memcpy(frac, dot + 1, flen);
    frac[decimals] = '\0';
    for (size_t i = 0; i < decimals; i++) {
        if (frac[i] < '0' || frac[i] > '9')
            return cli_fail(err, "bad %s \"%.*s\"", what, (int)len, s);
    }
    stake_u256 whole, f, scale = STAKE_U256_C(1), ten = STAKE_U256_C(10);
    stake_error e;
    if (stake_u256_from_dec(&whole, intpart, &e) != STAKE_OK)
        return cli_fail(err, "bad %s \"%.*s\": %s", what, (int)len, s, e.text);
    for (unsigned i = 0; i < decimals; i++)
        (void)!stake_u256_mul(&scale, &scale, &ten);
    if (decimals == 0)
        f = (stake_u256)STAKE_U256_C(0);
    else if (stake_u256_from_dec(&f, frac, &e) != STAKE_OK)
        return cli_fail(err, "bad %s \"%.*s\"", what, (int)len, s);
    if (stake_u256_mul(&whole, &whole, &scale) != STAKE_OK ||
        stake_u256_add(out, &whole, &f) != STAKE_OK)
        return cli_fail(err, "%s \"%.*s\" is 2^256 or more", what, (int)len, s);
    return 0;
}

static int ends_with(const char *s, size_t len, const char *suffix, size_t *stem)
{
    size_t n = strlen(suffix);
    if (len > n && strcmp(s + len - n, suffix) == 0) {
        *stem = len - n;
        return 1;
    }
    return 0;
}

int cli_parse_amount(stake_u256 *out, const char *s, struct cli_error *err)
{
    size_t len = strlen(s), stem;
    if (strcmp(s, "max") == 0) {
        memset(out, 0xff, sizeof *out);
        return 0;
    }
    if (ends_with(s, len, "gwei", &stem))
        return scaled(out, s, stem, 9, err, "amount");
    if (ends_with(s, len, "wei", &stem))
        return scaled(out, s, stem, 0, err, "amount");
    if (ends_with(s, len, "ether", &stem) || ends_with(s, len, "eth", &stem))
        return scaled(out, s, stem, 18, err, "amount");
    if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        stake_error e;
        if (stake_u256_from_hex(out, s, &e) != STAKE_OK)
            return cli_fail(err, "bad amount \"%s\": %s", s, e.text);
        return 0;
    }
    return scaled(out, s, len, 0, err, "amount");   /* plain wei */
}

int cli_parse_percent(stake_u256 *out, const char *s, struct cli_error *err)
{
    /* 1e20 = 100%, so one percent is 1e18: the decimals of "7.5%" scale
     * like ether. */
    size_t len = strlen(s), stem;
    if (!ends_with(s, len, "%", &stem))
        return cli_fail(err, "expected a percentage like 10%% or 7.5%%, got \"%s\"", s);
    stake_u256 v, hundred = STAKE_U256_C(100), one = STAKE_U256_C(1000000000000000000ULL);
    if (scaled(&v, s, stem, 18, err, "percentage") != 0)
        return -1;
    stake_u256 limit;
    (void)!stake_u256_mul(&limit, &hundred, &one);
    if (stake_u256_cmp(&v, &limit) > 0)
        return cli_fail(err, "percentage \"%s\" is above 100%%", s);
    *out = v;
    return 0;
}

int cli_parse_u64(uint64_t *out, const char *s, struct cli_error *err)
{
    stake_u256 v;
    stake_error e;
    if (stake_u256_from_dec(&v, s, &e) != STAKE_OK || stake_u256_to_u64(out, &v) != STAKE_OK)
        return cli_fail(err, "expected a whole number, got \"%s\"", s);
    return 0;
}

int cli_parse_duration(uint64_t *out, const char *s, struct cli_error *err)
{
    /* 90, 90s, 15m, 12h, 7d */
    size_t len = strlen(s);
    uint64_t unit = 1;
    char buf[32];
    if (len == 0 || len >= sizeof buf)
        return cli_fail(err, "bad duration \"%s\"", s);
    memcpy(buf, s, len + 1);
    switch (buf[len - 1]) {
    case 's': unit = 1; buf[--len] = '\0'; break;
    case 'm': unit = 60; buf[--len] = '\0'; break;
    case 'h': unit = 3600; buf[--len] = '\0'; break;
    case 'd': unit = 86400; buf[--len] = '\0'; break;
    default: break;
    }
    uint64_t n;
    if (cli_parse_u64(&n, buf, err) != 0 || (n && unit > UINT64_MAX / n))
        return cli_fail(err, "bad duration \"%s\"", s);
    *out = n * unit;
    return 0;
}

static int valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 20)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static void remember(struct cli_world *w, const char *name, const stake_address *a)
{
    for (size_t i = 0; i < w->n_names; i++) {
        if (memcmp(&w->names[i].address, a, sizeof *a) == 0)
            return;
    }
    if (w->n_names == w->cap_names) {
        size_t cap = w->cap_names ? w->cap_names * 2 : 16;
        struct cli_name *p = realloc(w->names, cap * sizeof *p);
        if (!p)
            return;   /* only the pretty name is lost */
        w->names = p;
        w->cap_names = cap;
    }
    snprintf(w->names[w->n_names].name, sizeof w->names[w->n_names].name, "%s", name);
    w->names[w->n_names].address = *a;
    w->n_names++;
}

int cli_name_address(struct cli_world *w, const char *name, stake_address *out,
                     struct cli_error *err)
{
    stake_address a;
    memset(&a, 0, sizeof a);
    if (name[0] == '0' && (name[1] == 'x' || name[1] == 'X')) {
        stake_error e;
        if (stake_address_from_hex(&a, name, &e) != STAKE_OK)
            return cli_fail(err, "bad address \"%s\": %s", name, e.text);
    } else if (strcmp(name, "queue") == 0) {
        a = w->queue_address;
    } else if (strcmp(name, "wsteth") == 0) {
        a = w->params.wsteth;
    } else if (strcmp(name, "steth") == 0) {
        a = w->params.steth;
    } else if (valid_name(name)) {
        /* A readable address: the name's ASCII bytes, right-aligned. */
        size_t n = strlen(name);
        memcpy(a.bytes + sizeof a.bytes - n, name, n);
    } else {
        return cli_fail(err, "bad account name \"%s\" (use 1-20 letters, digits, _ or -, "
                        "or a 0x address)", name);
    }
    remember(w, name, &a);
    *out = a;
    return 0;
}

const char *cli_address_name(const struct cli_world *w, const stake_address *a, char *buf,
                             size_t size)
{
    for (size_t i = 0; i < w->n_names; i++) {
        if (memcmp(&w->names[i].address, a, sizeof *a) == 0)
            return w->names[i].name;
    }
    static const stake_address dead = { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                          0xde, 0xad } };
    if (memcmp(a, &dead, sizeof dead) == 0)
        return "dead";
    if (memcmp(a, &w->params.wsteth, sizeof *a) == 0)
        return "wsteth";
    if (memcmp(a, &w->params.burner, sizeof *a) == 0)
        return "burner";
    if (memcmp(a, &w->queue_address, sizeof *a) == 0)
        return "queue";
    if (stake_address_to_hex(buf, size, a) != STAKE_OK)
        return "?";
    return buf;
}
