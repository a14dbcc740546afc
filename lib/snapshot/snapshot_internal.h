/*
 * Internal: the in-memory snapshot and the pieces of its file format.
 */
#ifndef STAKE_SNAPSHOT_INTERNAL_H
#define STAKE_SNAPSHOT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "stake/snapshot.h"
#include "codec.h"

/* One named, serialized model state. Entries are allocated one by one so
 * that the name pointers handed out by stake_snapshot_entry() stay valid
 * while the snapshot grows. */
typedef struct stake__snap_entry {
    stake_snapshot_kind kind;
    char name[STAKE_SNAPSHOT_NAME_MAX + 1];
    uint8_t *image;
    size_t len;
} stake__snap_entry;

struct stake_snapshot {
    stake__snap_entry **entries;   /* in the order first put */
    size_t count, cap;
};

/* Length of name if it is a valid entry name (1 to STAKE_SNAPSHOT_NAME_MAX
 * bytes of [A-Za-z0-9_.-]), 0 otherwise. Reads at most NAME_MAX + 1 bytes
 * of a NUL-terminated name. */
size_t stake__snapshot_name_len(const char *name);

/* The entry called name, or NULL. */
const stake__snap_entry *stake__snapshot_find(const stake_snapshot *s, const char *name,
                                              size_t name_len);

/* Stores the image in w under name and kind, replacing an entry of that
 * name in place or appending a new one. Takes w's buffer on success; on
 * failure (STAKE_ENOMEM) the snapshot is unchanged and w is freed either
 * way. name must be valid. */
stake_rc stake__snapshot_store(stake_snapshot *s, stake_snapshot_kind kind, const char *name,
                               size_t name_len, stake__writer *w);

/* STAKE_OK if image is a valid encoding of a model of this kind in the
 * given format version; the model is decoded, and the image to keep (of
 * the current format version, re-encoded if the image is older) appended
 * to out. STAKE_ECORRUPT (or STAKE_ENOMEM) otherwise. */
stake_rc stake__snapshot_load_image(stake__writer *out, stake_snapshot_kind kind,
                                    const uint8_t *image, size_t len, uint32_t version);

/* The file image of a snapshot (snapshot_format.c). */
stake_rc stake__snapshot_serialize(const stake_snapshot *s, stake__writer *w);

/* Parses and fully verifies a file image; on success *out is a new
 * snapshot. err receives the detail of a failure. */
stake_rc stake__snapshot_parse(stake_snapshot **out, const uint8_t *data, size_t len,
                               stake_error *err);

#endif /* STAKE_SNAPSHOT_INTERNAL_H */
