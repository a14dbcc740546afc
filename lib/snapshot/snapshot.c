/*
 * The in-memory snapshot: a list of named, serialized model states.
 *
 * Images are bytes, not objects: putting a model serializes it at once,
 * so that later changes to the model do not reach the snapshot, and a
 * snapshot can be saved, loaded and inspected without knowing the models.
 */
#include <stdlib.h>
#include <string.h>

#include "snapshot_internal.h"

stake_rc stake_snapshot_new(stake_snapshot **out)
{
    if (!out)
        return STAKE_EINVAL;
    stake_snapshot *s = calloc(1, sizeof *s);
    if (!s)
        return STAKE_ENOMEM;
    *out = s;
    return STAKE_OK;
}

void stake_snapshot_free(stake_snapshot *snapshot)
{
    if (!snapshot)
        return;
    for (size_t i = 0; i < snapshot->count; i++) {
        free(snapshot->entries[i]->image);
        free(snapshot->entries[i]);
    }
    free(snapshot->entries);
    free(snapshot);
}

size_t stake_snapshot_count(const stake_snapshot *snapshot)
{
    return snapshot ? snapshot->count : 0;
}

stake_rc stake_snapshot_entry(stake_snapshot_kind *kind, const char **name,
                              const stake_snapshot *snapshot, size_t index)
{
    if (!snapshot)
        return STAKE_EINVAL;
    if (index >= snapshot->count)
        return STAKE_ERANGE;
    if (kind)
        *kind = snapshot->entries[index]->kind;
    if (name)
        *name = snapshot->entries[index]->name;
    return STAKE_OK;
}

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-';
}

size_t stake__snapshot_name_len(const char *name)
{
    size_t n = 0;
    for (; name[n] != '\0'; n++) {
        if (n == STAKE_SNAPSHOT_NAME_MAX || !name_char(name[n]))
            return 0;
    }
    return n;
}

const stake__snap_entry *stake__snapshot_find(const stake_snapshot *s, const char *name,
                                              size_t name_len)
{
    /* A linear scan: a snapshot holds a handful of models. */
    for (size_t i = 0; i < s->count; i++) {
        const stake__snap_entry *e = s->entries[i];
        if (strncmp(e->name, name, name_len) == 0 && e->name[name_len] == '\0')
            return e;
    }
    return NULL;
}

/* Gives back the slack of the writer's doubling: images can be large and
 * live as long as the snapshot. A failed shrink keeps the larger block. */
static uint8_t *take_image(stake__writer *w)
{
    uint8_t *p = w->data;
    if (w->len > 0 && w->len < w->cap) {
        uint8_t *q = realloc(p, w->len);
        if (q)
            p = q;
    }
    w->data = NULL;
    w->len = w->cap = 0;
    return p;
}

stake_rc stake__snapshot_store(stake_snapshot *s, stake_snapshot_kind kind, const char *name,
                               size_t name_len, stake__writer *w)
{
    stake__snap_entry *e = (stake__snap_entry *)stake__snapshot_find(s, name, name_len);
    if (e) {
        size_t len = w->len;
        free(e->image);
        e->image = take_image(w);
        e->len = len;
        e->kind = kind;
        return STAKE_OK;
    }
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4;
        stake__snap_entry **p = realloc(s->entries, cap * sizeof *p);
        if (!p) {
            stake__writer_free(w);
            return STAKE_ENOMEM;
        }
        s->entries = p;
        s->cap = cap;
    }
    e = malloc(sizeof *e);
    if (!e) {
        stake__writer_free(w);
        return STAKE_ENOMEM;
    }
    e->kind = kind;
    memcpy(e->name, name, name_len);
    e->name[name_len] = '\0';
    e->len = w->len;
    e->image = take_image(w);
    s->entries[s->count++] = e;
    return STAKE_OK;
}
