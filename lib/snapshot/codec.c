/*
 * The snapshot codec's primitives: a growing little-endian writer and a
 * bounds-checked reader, both sticky on error (see codec.h).
 *
 * Fields are written byte by byte in little-endian order rather than
 * memcpy'd, so that a snapshot written on one host loads on any other.
 * On a failed read the value getters return zero and fill their outputs
 * with zeros, so that a decoder never works on uninitialised memory
 * between the failure and its final check.
 */
#include <stdlib.h>
#include <string.h>

#include "codec.h"

#define MIN_CAP 256

void stake__writer_init(stake__writer *w)
{
    w->data = NULL;
    w->len = w->cap = 0;
    w->status = STAKE_OK;
}

void stake__writer_free(stake__writer *w)
{
    free(w->data);
    stake__writer_init(w);
}

/* Room for n more bytes; doubles the buffer so that appends are
 * amortised O(1). */
static int reserve(stake__writer *w, size_t n)
{
    if (w->status != STAKE_OK)
        return 0;
    if (n <= w->cap - w->len)
        return 1;
    if (n > SIZE_MAX - w->len) {
        w->status = STAKE_ENOMEM;
        return 0;
    }
    size_t need = w->len + n;
    size_t cap = w->cap < MIN_CAP ? MIN_CAP : w->cap;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    uint8_t *p = realloc(w->data, cap);
    if (!p) {
        w->status = STAKE_ENOMEM;
        return 0;
    }
    w->data = p;
    w->cap = cap;
    return 1;
}

void stake__put_bytes(stake__writer *w, const void *p, size_t n)
{
    if (n == 0 || !reserve(w, n))
        return;
    memcpy(w->data + w->len, p, n);
    w->len += n;
}

static void put_le(stake__writer *w, uint64_t v, int bytes)
{
    uint8_t b[8];
    for (int i = 0; i < bytes; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    stake__put_bytes(w, b, (size_t)bytes);
}

void stake__put_u8(stake__writer *w, uint8_t v)
{
    stake__put_bytes(w, &v, 1);
}

void stake__put_u32(stake__writer *w, uint32_t v)
{
    put_le(w, v, 4);
}

void stake__put_u64(stake__writer *w, uint64_t v)
{
    put_le(w, v, 8);
}

void stake__put_u256(stake__writer *w, const stake_u256 *v)
{
    for (int i = 0; i < 4; i++)
        put_le(w, v->w[i], 8);
}

void stake__put_address(stake__writer *w, const stake_address *a)
{
    stake__put_bytes(w, a->bytes, STAKE_ADDRESS_BYTES);
}

void stake__reader_init(stake__reader *r, const void *data, size_t len)
{
    r->data = data;
    r->len = len;
    r->pos = 0;
    r->version = STAKE__SNAPSHOT_FORMAT;
    r->status = STAKE_OK;
}

void stake__reader_fail(stake__reader *r, stake_rc code)
{
    if (r->status == STAKE_OK)
        r->status = code;
}

/* The next n bytes, or NULL (and the reader failed) if there are fewer. */
static const uint8_t *take(stake__reader *r, size_t n)
{
    if (r->status != STAKE_OK)
        return NULL;
    if (n > r->len - r->pos) {
        r->status = STAKE_ECORRUPT;
        return NULL;
    }
    const uint8_t *p = r->data + r->pos;
    r->pos += n;
    return p;
}

void stake__get_bytes(stake__reader *r, void *p, size_t n)
{
    const uint8_t *src = take(r, n);
    if (src)
        memcpy(p, src, n);
    else if (n > 0)
        memset(p, 0, n);
}

static uint64_t get_le(stake__reader *r, int bytes)
{
    const uint8_t *p = take(r, (size_t)bytes);
    uint64_t v = 0;
    if (p) {
        for (int i = bytes - 1; i >= 0; i--)
            v = (v << 8) | p[i];
    }
    return v;
}

uint8_t stake__get_u8(stake__reader *r)
{
    return (uint8_t)get_le(r, 1);
}

uint32_t stake__get_u32(stake__reader *r)
{
    return (uint32_t)get_le(r, 4);
}

uint64_t stake__get_u64(stake__reader *r)
{
    return get_le(r, 8);
}

void stake__get_u256(stake__reader *r, stake_u256 *v)
{
    stake_u256 t;
    for (int i = 0; i < 4; i++)
        t.w[i] = get_le(r, 8);
    *v = t;
}

void stake__get_address(stake__reader *r, stake_address *a)
{
    stake__get_bytes(r, a->bytes, STAKE_ADDRESS_BYTES);
}

stake_rc stake__reader_finish(const stake__reader *r)
{
    /* A decoder may have failed the reader with another code (ENOMEM):
     * keep it. Otherwise unread bytes mean the image is not what a
     * correct encoder writes. */
    if (r->status != STAKE_OK)
        return r->status;
    return r->pos == r->len ? STAKE_OK : STAKE_ECORRUPT;
}
