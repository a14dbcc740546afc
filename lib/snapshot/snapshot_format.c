/*
 * The snapshot file format, version 2 (STAKE__SNAPSHOT_FORMAT; version 1
 * files, whose images differ, are read too). All integers little-endian.
 *
 *   offset  size  field
 *   0       8     magic: 89 'S' 'T' 'K' 0d 0a 1a 0a
 *   8       4     format version (2)
 *   12      4     number of entries
 *   16      8     length of the whole file, in bytes
 *   24            the entries, each:
 *                   1   kind (stake_snapshot_kind)
 *                   1   name length n, 1..63
 *                   n   name, [A-Za-z0-9_.-]
 *                   8   image length m
 *                   m   image (the model's encoding, see codec.h)
 *                   4   CRC-32 of the entry's bytes above
 *   L - 4   4     CRC-32 of every byte before it
 *
 * The magic borrows PNG's tricks: a byte with the high bit set catches
 * 7-bit transfers, and CR LF, ^Z and LF catch line-ending conversions.
 * The declared length tells a truncated file (shorter than declared:
 * STAKE_ETRUNCATED) from a corrupted one. Checks run from the outside in,
 * so that the error names the first thing wrong: magic (STAKE_EFORMAT),
 * version (STAKE_EVERSION, before any checksum: another version may
 * checksum differently), length (STAKE_ETRUNCATED), each entry's framing
 * and checksum, the whole file's checksum, and last the content of every
 * image, decoded by its model (all STAKE_ECORRUPT).
 */
#include <stdlib.h>
#include <string.h>

#include "snapshot_internal.h"
#include "crc32.h"
#include "../core/error_detail.h"

#define FORMAT_VERSION STAKE__SNAPSHOT_FORMAT
#define OLDEST_FORMAT_VERSION 1
#define HEADER_BYTES 24
#define TRAILER_BYTES 4
/* kind, name length, one name byte, image length, CRC */
#define MIN_ENTRY_BYTES (1 + 1 + 1 + 8 + 4)

static const uint8_t magic[8] = { 0x89, 'S', 'T', 'K', 0x0d, 0x0a, 0x1a, 0x0a };

static void set_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void set_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_u32_at(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64_at(const uint8_t *p)
{
    return (uint64_t)get_u32_at(p) | (uint64_t)get_u32_at(p + 4) << 32;
}

stake_rc stake__snapshot_serialize(const stake_snapshot *s, stake__writer *w)
{
    if (s->count > UINT32_MAX)
        return w->status = STAKE_ENOMEM;
    stake__put_bytes(w, magic, sizeof magic);
    stake__put_u32(w, FORMAT_VERSION);
    stake__put_u32(w, (uint32_t)s->count);
    stake__put_u64(w, 0);   /* the length, patched below */
    for (size_t i = 0; i < s->count; i++) {
        const stake__snap_entry *e = s->entries[i];
        size_t start = w->len;
        size_t n = strlen(e->name);
        stake__put_u8(w, (uint8_t)e->kind);
        stake__put_u8(w, (uint8_t)n);
        stake__put_bytes(w, e->name, n);
        stake__put_u64(w, e->len);
        stake__put_bytes(w, e->image, e->len);
        if (w->status != STAKE_OK)
            return w->status;
        stake__put_u32(w, stake__crc32(w->data + start, w->len - start));
    }
    /* Reserve the trailer before patching the length, so that the length
     * written is the final one. */
    stake__put_u32(w, 0);
    if (w->status != STAKE_OK)
        return w->status;
    set_u64(w->data + 16, w->len);
    set_u32(w->data + w->len - TRAILER_BYTES, stake__crc32(w->data, w->len - TRAILER_BYTES));
    return STAKE_OK;
}

/* Checks magic, version and declared length (which must be exactly len). */
static stake_rc check_header(const uint8_t *data, size_t len, stake_error *err)
{
    size_t m = len < sizeof magic ? len : sizeof magic;
    for (size_t i = 0; i < m; i++) {
        if (data[i] != magic[i])
            return stake__fail(err, STAKE_EFORMAT, i,
                               "not a libstake snapshot (bad magic at offset %zu)", i);
    }
    if (len < 12)
        return stake__fail(err, STAKE_ETRUNCATED, len,
                           "file ends at offset %zu, inside the header", len);
    uint32_t version = get_u32_at(data + 8);
    if (version < OLDEST_FORMAT_VERSION || version > FORMAT_VERSION)
        return stake__fail(err, STAKE_EVERSION, 8,
                           "snapshot format version %u, this library reads versions %d to %d",
                           (unsigned)version, OLDEST_FORMAT_VERSION, FORMAT_VERSION);
    if (len < HEADER_BYTES)
        return stake__fail(err, STAKE_ETRUNCATED, len,
                           "file ends at offset %zu, inside the header", len);
    uint64_t declared = get_u64_at(data + 16);
    if (declared > len)
        return stake__fail(err, STAKE_ETRUNCATED, len,
                           "file is %zu bytes, its header says %llu", len,
                           (unsigned long long)declared);
    if (declared < len)
        return stake__fail(err, STAKE_ECORRUPT, 16,
                           "file is %zu bytes, its header says %llu", len,
                           (unsigned long long)declared);
    if (len < HEADER_BYTES + TRAILER_BYTES)
        return stake__fail(err, STAKE_ECORRUPT, 16, "declared length %zu is too short", len);
    return STAKE_OK;
}

/* Where one entry lies in the file, once its framing is checked. */
typedef struct span {
    size_t start, name_at, image_at, end;   /* end: just past its CRC */
    uint8_t kind, name_len;
    size_t image_len;
} span;

static stake_rc frame_entry(span *sp, const uint8_t *data, size_t pos, size_t limit,
                            size_t index, stake_error *err)
{
    if (limit - pos < MIN_ENTRY_BYTES)
        return stake__fail(err, STAKE_ECORRUPT, pos, "entry %zu runs past the end", index);
    sp->start = pos;
    sp->kind = data[pos];
    sp->name_len = data[pos + 1];
    sp->name_at = pos + 2;
    if (sp->name_len == 0 || sp->name_len > STAKE_SNAPSHOT_NAME_MAX)
        return stake__fail(err, STAKE_ECORRUPT, pos + 1, "entry %zu: bad name length %u",
                           index, (unsigned)sp->name_len);
    if (limit - sp->name_at < (size_t)sp->name_len + 8 + 4)
        return stake__fail(err, STAKE_ECORRUPT, pos, "entry %zu runs past the end", index);
    uint64_t m = get_u64_at(data + sp->name_at + sp->name_len);
    sp->image_at = sp->name_at + sp->name_len + 8;
    if (m > limit - sp->image_at || limit - sp->image_at - (size_t)m < 4)
        return stake__fail(err, STAKE_ECORRUPT, sp->name_at + sp->name_len,
                           "entry %zu: image length %llu runs past the end", index,
                           (unsigned long long)m);
    sp->image_len = (size_t)m;
    size_t crc_at = sp->image_at + sp->image_len;
    sp->end = crc_at + 4;
    if (stake__crc32(data + pos, crc_at - pos) != get_u32_at(data + crc_at))
        return stake__fail(err, STAKE_ECORRUPT, crc_at, "entry %zu: checksum mismatch", index);
    return STAKE_OK;
}

/* Checks an entry's name and content and stores it into s, upgraded to
 * the current format version if the file is older. */
static stake_rc load_entry(stake_snapshot *s, const span *sp, const uint8_t *data,
                           uint32_t version, size_t index, stake_error *err)
{
    char name[STAKE_SNAPSHOT_NAME_MAX + 1];
    memcpy(name, data + sp->name_at, sp->name_len);
    name[sp->name_len] = '\0';
    if (stake__snapshot_name_len(name) != sp->name_len)
        return stake__fail(err, STAKE_ECORRUPT, sp->name_at, "entry %zu: invalid name", index);
    if (stake__snapshot_find(s, name, sp->name_len))
        return stake__fail(err, STAKE_ECORRUPT, sp->name_at, "entry %zu: duplicate name '%s'",
                           index, name);
    if (sp->kind < STAKE_SNAPSHOT_LEDGER || sp->kind > STAKE_SNAPSHOT_QUEUE)
        return stake__fail(err, STAKE_ECORRUPT, sp->start, "entry '%s': unknown kind %u",
                           name, (unsigned)sp->kind);
    stake__writer w;
    stake__writer_init(&w);
    stake_rc rc = stake__snapshot_load_image(&w, (stake_snapshot_kind)sp->kind,
                                             data + sp->image_at, sp->image_len, version);
    if (rc != STAKE_OK) {
        stake__writer_free(&w);
        if (rc == STAKE_ENOMEM)
            return stake__fail(err, rc, sp->image_at, "out of memory decoding entry '%s'",
                               name);
        return stake__fail(err, STAKE_ECORRUPT, sp->image_at, "entry '%s': invalid content",
                           name);
    }
    /* The store takes w's buffer, or frees it. */
    if (stake__snapshot_store(s, (stake_snapshot_kind)sp->kind, name, sp->name_len, &w) !=
        STAKE_OK)
        return stake__fail(err, STAKE_ENOMEM, sp->start, "out of memory");
    return STAKE_OK;
}

stake_rc stake__snapshot_parse(stake_snapshot **out, const uint8_t *data, size_t len,
                               stake_error *err)
{
    if (len == 0)
        return stake__fail(err, STAKE_ETRUNCATED, 0, "empty file");
    stake_rc rc = check_header(data, len, err);
    if (rc != STAKE_OK)
        return rc;
    size_t limit = len - TRAILER_BYTES;
    uint32_t count = get_u32_at(data + 12);
    if (count > (limit - HEADER_BYTES) / MIN_ENTRY_BYTES)
        return stake__fail(err, STAKE_ECORRUPT, 12, "entry count %u cannot fit the file",
                           (unsigned)count);

    /* Framing and per-entry checksums first, so that damage inside an
     * entry is reported against that entry. */
    size_t pos = HEADER_BYTES;
    for (uint32_t i = 0; i < count; i++) {
        span sp;
        rc = frame_entry(&sp, data, pos, limit, i, err);
        if (rc != STAKE_OK)
            return rc;
        pos = sp.end;
    }
    if (pos != limit)
        return stake__fail(err, STAKE_ECORRUPT, pos, "%zu unexpected bytes after the entries",
                           limit - pos);
    if (stake__crc32(data, limit) != get_u32_at(data + limit))
        return stake__fail(err, STAKE_ECORRUPT, limit, "file checksum mismatch");

    stake_snapshot *s;
    if (stake_snapshot_new(&s) != STAKE_OK)
        return stake__fail(err, STAKE_ENOMEM, 0, "out of memory");
    pos = HEADER_BYTES;
    for (uint32_t i = 0; i < count; i++) {
        span sp;
        rc = frame_entry(&sp, data, pos, limit, i, err);
        if (rc == STAKE_OK)
            rc = load_entry(s, &sp, data, get_u32_at(data + 8), i, err);
        if (rc != STAKE_OK) {
            stake_snapshot_free(s);
            return rc;
        }
        pos = sp.end;
    }
    *out = s;
    stake__ok(err);
    return STAKE_OK;
}
