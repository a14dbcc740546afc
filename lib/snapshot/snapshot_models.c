/*
 * Putting models into a snapshot and getting them back: one encode and
 * one decode per kind (the models own their encodings, see codec.h), and
 * the validation that loading runs on every entry.
 *
 * A new kind needs: a MODEL_PUT_GET line below naming its encoder,
 * decoder and free function, and a case in stake__snapshot_load_image().
 */
#include "snapshot_internal.h"
#include "../queue/queue_internal.h"

/* Common to every put: check the name, then store the encoded image, or
 * give back the encoder's failure. */
static stake_rc put_encoded(stake_snapshot *s, const char *name, stake_snapshot_kind kind,
                            stake__writer *w, stake_rc rc)
{
    if (rc == STAKE_OK)
        rc = w->status;
    if (rc != STAKE_OK) {
        stake__writer_free(w);
        return rc;
    }
    return stake__snapshot_store(s, kind, name, stake__snapshot_name_len(name), w);
}

/* The image of the entry called name if it exists and is of this kind. */
static stake_rc find_image(stake__reader *r, const stake_snapshot *s, const char *name,
                           stake_snapshot_kind kind)
{
    size_t n = stake__snapshot_name_len(name);
    if (n == 0)
        return STAKE_EINVAL;
    const stake__snap_entry *e = stake__snapshot_find(s, name, n);
    if (!e || e->kind != kind)
        return STAKE_ENOTFOUND;
    stake__reader_init(r, e->image, e->len);
    return STAKE_OK;
}

/* ---- ledgers --------------------------------------------------------- */

stake_rc stake_snapshot_put_ledger(stake_snapshot *snapshot, const char *name,
                                   const stake_ledger *ledger)
{
    if (!snapshot || !name || !ledger || stake__snapshot_name_len(name) == 0)
        return STAKE_EINVAL;
    stake__writer w;
    stake__writer_init(&w);
    return put_encoded(snapshot, name, STAKE_SNAPSHOT_LEDGER, &w,
                       stake__ledger_encode(ledger, &w));
}

static stake_rc decode_ledger(stake_ledger **out, stake__reader *r)
{
    stake_ledger *l;
    stake_rc rc = stake__ledger_decode(&l, r);
    if (rc != STAKE_OK)
        return rc;
    rc = stake__reader_finish(r);
    if (rc != STAKE_OK) {
        stake_ledger_free(l);
        return rc;
    }
    *out = l;
    return STAKE_OK;
}

stake_rc stake_snapshot_get_ledger(stake_ledger **out, const stake_snapshot *snapshot,
                                   const char *name)
{
    if (!out || !snapshot || !name)
        return STAKE_EINVAL;
    stake__reader r;
    stake_rc rc = find_image(&r, snapshot, name, STAKE_SNAPSHOT_LEDGER);
    if (rc != STAKE_OK)
        return rc;
    return decode_ledger(out, &r);
}

/* ---- stETH, ERC-4626 vaults, rETH -----------------------------------------
 * The same pattern for each model: its encoder into a fresh writer, its
 * decoder over the stored image, then the image must be used up. */

#define MODEL_PUT_GET(model, type, kind, encode, decode, free_fn)                    \
    stake_rc stake_snapshot_put_##model(stake_snapshot *snapshot, const char *name,   \
                                        const type *obj)                              \
    {                                                                                 \
        if (!snapshot || !name || !obj || stake__snapshot_name_len(name) == 0)        \
            return STAKE_EINVAL;                                                      \
        stake__writer w;                                                              \
        stake__writer_init(&w);                                                       \
        return put_encoded(snapshot, name, kind, &w, encode(obj, &w));                \
    }                                                                                 \
                                                                                      \
    static stake_rc decode_##model(type **out, stake__reader *r)                      \
    {                                                                                 \
        type *obj = NULL;                                                             \
        stake_rc rc = decode(&obj, r);                                                \
        if (rc != STAKE_OK)                                                           \
            return rc;                                                                \
        rc = stake__reader_finish(r);                                                 \
        if (rc != STAKE_OK) {                                                         \
            free_fn(obj);                                                             \
            return rc;                                                                \
        }                                                                             \
        *out = obj;                                                                   \
        return STAKE_OK;                                                              \
    }                                                                                 \
                                                                                      \
    stake_rc stake_snapshot_get_##model(type **out, const stake_snapshot *snapshot,   \
                                        const char *name)                             \
    {                                                                                 \
        if (!out || !snapshot || !name)                                               \
            return STAKE_EINVAL;                                                      \
        stake__reader r;                                                              \
        stake_rc rc = find_image(&r, snapshot, name, kind);                           \
        if (rc != STAKE_OK)                                                           \
            return rc;                                                                \
        return decode_##model(out, &r);                                               \
    }

MODEL_PUT_GET(steth, stake_steth, STAKE_SNAPSHOT_STETH, stake__steth_encode,
              stake__steth_decode, stake_steth_free)
MODEL_PUT_GET(erc4626, stake_erc4626_vault, STAKE_SNAPSHOT_ERC4626,
              stake__erc4626_vault_encode, stake__erc4626_vault_decode,
              stake_erc4626_vault_free)
MODEL_PUT_GET(reth, stake_reth, STAKE_SNAPSHOT_RETH, stake__reth_encode, stake__reth_decode,
              stake_reth_free)
MODEL_PUT_GET(queue, stake_queue, STAKE_SNAPSHOT_QUEUE, stake__queue_encode, stake__queue_decode,
              stake_queue_free)

/* ---- validation at load ------------------------------------------------ */

/* A decoder's refusal is corruption, whatever code it chose; only a
 * failed allocation is reported as such. */
static stake_rc as_validation(stake_rc rc)
{
    return rc == STAKE_OK || rc == STAKE_ENOMEM ? rc : STAKE_ECORRUPT;
}

/* Decodes an image of the given format version (validating it), then
 * writes to out the image to keep: the same bytes if it is of the
 * current version, else the object encoded anew, which upgrades an old
 * file's layout once at load. */
#define LOAD_IMAGE(type, decode, encode, free_fn)                                    \
    do {                                                                              \
        type *obj = NULL;                                                             \
        rc = decode(&obj, &r);                                                        \
        if (rc == STAKE_OK && version == STAKE__SNAPSHOT_FORMAT)                      \
            stake__put_bytes(out, image, len);                                        \
        else if (rc == STAKE_OK)                                                      \
            encode(obj, out);                                                         \
        if (obj)                                                                      \
            free_fn(obj);                                                             \
    } while (0)

stake_rc stake__snapshot_load_image(stake__writer *out, stake_snapshot_kind kind,
                                    const uint8_t *image, size_t len, uint32_t version)
{
    stake__reader r;
    stake__reader_init(&r, image, len);
    r.version = version;
    stake_rc rc;
    switch (kind) {
    case STAKE_SNAPSHOT_LEDGER:
        LOAD_IMAGE(stake_ledger, decode_ledger, stake__ledger_encode, stake_ledger_free);
        break;
    case STAKE_SNAPSHOT_STETH:
        LOAD_IMAGE(stake_steth, decode_steth, stake__steth_encode, stake_steth_free);
        break;
    case STAKE_SNAPSHOT_ERC4626:
        LOAD_IMAGE(stake_erc4626_vault, decode_erc4626, stake__erc4626_vault_encode,
                   stake_erc4626_vault_free);
        break;
    case STAKE_SNAPSHOT_RETH:
        LOAD_IMAGE(stake_reth, decode_reth, stake__reth_encode, stake_reth_free);
        break;
    case STAKE_SNAPSHOT_QUEUE:
        LOAD_IMAGE(stake_queue, decode_queue, stake__queue_encode, stake_queue_free);
        break;
    default:
        rc = STAKE_ECORRUPT;
        break;
    }
    if (rc == STAKE_OK)
        rc = out->status;
    return as_validation(rc);
}
