/*
 * A minimal reader for the flat JSON-lines test vectors: one object per
 * line whose values are strings or integers. Enough for the vector files,
 * and strict enough to fail loudly on anything else.
 */
#ifndef STAKE_JSONL_H
#define STAKE_JSONL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSONL_MAX_FIELDS 16

struct jsonl_field {
    char key[32];
    char value[96];
};

struct jsonl_record {
    int nfields;
    struct jsonl_field f[JSONL_MAX_FIELDS];
};

/* Parses one line; returns 0 on success, -1 if it is not a flat object. */
static inline int jsonl_parse(struct jsonl_record *rec, const char *line)
{
    const char *p = line;
    rec->nfields = 0;
    while (*p == ' ')
        p++;
    if (*p++ != '{')
        return -1;
    for (;;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == '}')
            return 0;
        if (rec->nfields == JSONL_MAX_FIELDS || *p++ != '"')
            return -1;
        struct jsonl_field *f = &rec->f[rec->nfields++];
        size_t n = 0;
        while (*p && *p != '"' && n + 1 < sizeof f->key)
            f->key[n++] = *p++;
        f->key[n] = '\0';
        if (*p++ != '"')
            return -1;
        while (*p == ' ')
            p++;
        if (*p++ != ':')
            return -1;
        while (*p == ' ')
            p++;
        n = 0;
        if (*p == '"') {
            p++;
            while (*p && *p != '"' && n + 1 < sizeof f->value)
                f->value[n++] = *p++;
            if (*p++ != '"')
                return -1;
        } else {
            while (*p && *p != ',' && *p != '}' && *p != ' ' && n + 1 < sizeof f->value)
                f->value[n++] = *p++;
            if (n == 0)
                return -1;
        }
        f->value[n] = '\0';
    }
}

/* The value of key, or NULL. */
static inline const char *jsonl_get(const struct jsonl_record *rec, const char *key)
{
    for (int i = 0; i < rec->nfields; i++) {
        if (strcmp(rec->f[i].key, key) == 0)
            return rec->f[i].value;
    }
    return NULL;
}

/* Opens a vector file from $STAKE_VECTORS (default tests/vectors). */
static inline FILE *jsonl_open_vectors(const char *name)
{
    const char *dir = getenv("STAKE_VECTORS");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/vectors", name);
    return fopen(path, "r");
}

#endif /* STAKE_JSONL_H */
