/*
 * Internal: the binary encoding of model states inside a snapshot.
 *
 * A writer appends little-endian fields to a growing buffer; a reader
 * consumes them. Both are sticky on error: after a failure every further
 * call does nothing and the first error stays in .status, so an encoder
 * or decoder is a straight sequence of calls checked once at the end.
 *
 * Every model owns its encoding (in its own directory) through the
 * stake__<model>_encode / _decode pairs declared below. A decoder must
 * validate what it reads (ranges, invariants such as "balances sum to the
 * total", enum values) and answer STAKE_ECORRUPT for anything a correct
 * encoder cannot have produced; checksums are the container's business.
 * Layouts are versioned by the container's format version: changing one
 * means bumping STAKE__SNAPSHOT_FORMAT, and the decoder reading the older
 * layout too (r->version tells which); loading re-encodes old images.
 *
 * Format versions: 1 (libstake 0.1 to 0.7); 2 (0.8: the stETH image ends
 * with its block and stake limit).
 */
#ifndef STAKE_SNAPSHOT_CODEC_H
#define STAKE_SNAPSHOT_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include "stake/u256.h"
#include "stake/address.h"
#include "stake/ledger.h"
#include "stake/lido.h"
#include "stake/erc4626.h"
#include "stake/reth.h"

typedef struct stake__writer {
    uint8_t *data;
    size_t len, cap;
    stake_rc status;      /* STAKE_OK, or STAKE_ENOMEM after a failed growth */
} stake__writer;

void stake__writer_init(stake__writer *w);
void stake__writer_free(stake__writer *w);
void stake__put_u8(stake__writer *w, uint8_t v);
void stake__put_u32(stake__writer *w, uint32_t v);
void stake__put_u64(stake__writer *w, uint64_t v);
void stake__put_u256(stake__writer *w, const stake_u256 *v);        /* 32 bytes, limbs LE */
void stake__put_address(stake__writer *w, const stake_address *a); /* 20 bytes */
void stake__put_bytes(stake__writer *w, const void *p, size_t n);

/* The snapshot format version this library writes; it reads 1 to it. */
#define STAKE__SNAPSHOT_FORMAT 2

typedef struct stake__reader {
    const uint8_t *data;
    size_t len, pos;
    uint32_t version;     /* format version of the image: the current one by default */
    stake_rc status;      /* STAKE_OK, or STAKE_ECORRUPT after reading past the end */
} stake__reader;

void stake__reader_init(stake__reader *r, const void *data, size_t len);
uint8_t stake__get_u8(stake__reader *r);
uint32_t stake__get_u32(stake__reader *r);
uint64_t stake__get_u64(stake__reader *r);
void stake__get_u256(stake__reader *r, stake_u256 *v);
void stake__get_address(stake__reader *r, stake_address *a);
void stake__get_bytes(stake__reader *r, void *p, size_t n);
/* Fails the reader with code (first error wins). */
void stake__reader_fail(stake__reader *r, stake_rc code);
/* STAKE_OK if everything was read without error and nothing is left;
 * STAKE_ECORRUPT otherwise. */
stake_rc stake__reader_finish(const stake__reader *r);

/* Per-model encodings. encode appends to w (errors land in w->status and
 * are also returned); decode builds a new object from r, validating it,
 * and returns STAKE_ECORRUPT (or STAKE_ENOMEM) without leaking on error. */
stake_rc stake__ledger_encode(const stake_ledger *ledger, stake__writer *w);
stake_rc stake__ledger_decode(stake_ledger **out, stake__reader *r);
stake_rc stake__steth_encode(const stake_steth *token, stake__writer *w);
stake_rc stake__steth_decode(stake_steth **out, stake__reader *r);
stake_rc stake__erc4626_vault_encode(const stake_erc4626_vault *vault, stake__writer *w);
stake_rc stake__erc4626_vault_decode(stake_erc4626_vault **out, stake__reader *r);
stake_rc stake__reth_encode(const stake_reth *token, stake__writer *w);
stake_rc stake__reth_decode(stake_reth **out, stake__reader *r);

#endif /* STAKE_SNAPSHOT_CODEC_H */
