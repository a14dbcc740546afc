/*
 * libstake: snapshots of models, saved to and loaded from a file.
 *
 * A snapshot is a set of named model states: ledgers, stETH tokens,
 * ERC-4626 vaults, rETH tokens, withdrawal queues. Putting a model copies its state at that
 * moment; getting one builds a new, independent object from it. Saving
 * writes a versioned file with a checksum per entry and for the whole
 * file, to a temporary file in the same directory that is synced and then
 * renamed over the target, so that a crash leaves either the old file or
 * the new one, never half of one. Loading verifies everything before
 * returning anything: a truncated, corrupted or foreign file is refused
 * with a named error and no object is created.
 */
#ifndef STAKE_SNAPSHOT_H
#define STAKE_SNAPSHOT_H

#include <stddef.h>
#include "errors.h"
#include "ledger.h"
#include "lido.h"
#include "erc4626.h"
#include "reth.h"
#include "queue.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stake_snapshot stake_snapshot;

typedef enum stake_snapshot_kind {
    STAKE_SNAPSHOT_LEDGER = 1,
    STAKE_SNAPSHOT_STETH = 2,
    STAKE_SNAPSHOT_ERC4626 = 3,
    STAKE_SNAPSHOT_RETH = 4,
    STAKE_SNAPSHOT_QUEUE = 5
} stake_snapshot_kind;

/* Longest entry name, NUL excluded. Names use [A-Za-z0-9_.-]. */
#define STAKE_SNAPSHOT_NAME_MAX 63

STAKE_API STAKE_WUR stake_rc stake_snapshot_new(stake_snapshot **out);
STAKE_API void stake_snapshot_free(stake_snapshot *snapshot);

/* Copies a model's current state into the snapshot under name,
 * replacing an entry of that name. STAKE_EINVAL for a bad name. */
STAKE_API STAKE_WUR stake_rc stake_snapshot_put_ledger(stake_snapshot *snapshot, const char *name,
                                                       const stake_ledger *ledger);
STAKE_API STAKE_WUR stake_rc stake_snapshot_put_steth(stake_snapshot *snapshot, const char *name,
                                                      const stake_steth *token);
STAKE_API STAKE_WUR stake_rc stake_snapshot_put_erc4626(stake_snapshot *snapshot, const char *name,
                                                        const stake_erc4626_vault *vault);
STAKE_API STAKE_WUR stake_rc stake_snapshot_put_reth(stake_snapshot *snapshot, const char *name,
                                                     const stake_reth *token);
STAKE_API STAKE_WUR stake_rc stake_snapshot_put_queue(stake_snapshot *snapshot, const char *name,
                                                      const stake_queue *queue);

/* Builds a new object from the entry name, which the caller frees.
 * STAKE_ENOTFOUND if there is no entry of that name and kind. */
STAKE_API STAKE_WUR stake_rc stake_snapshot_get_ledger(stake_ledger **out,
                                                       const stake_snapshot *snapshot,
                                                       const char *name);
STAKE_API STAKE_WUR stake_rc stake_snapshot_get_steth(stake_steth **out,
                                                      const stake_snapshot *snapshot,
                                                      const char *name);
STAKE_API STAKE_WUR stake_rc stake_snapshot_get_erc4626(stake_erc4626_vault **out,
                                                        const stake_snapshot *snapshot,
                                                        const char *name);
STAKE_API STAKE_WUR stake_rc stake_snapshot_get_reth(stake_reth **out,
                                                     const stake_snapshot *snapshot,
                                                     const char *name);
STAKE_API STAKE_WUR stake_rc stake_snapshot_get_queue(stake_queue **out,
                                                      const stake_snapshot *snapshot,
                                                      const char *name);

/* Number of entries, and the kind and name of the index-th (in the order
 * they were first put). name receives a pointer valid while the snapshot
 * lives. STAKE_ERANGE past the end. */
STAKE_API size_t stake_snapshot_count(const stake_snapshot *snapshot);
STAKE_API STAKE_WUR stake_rc stake_snapshot_entry(stake_snapshot_kind *kind, const char **name,
                                                  const stake_snapshot *snapshot, size_t index);

/* Writes the snapshot to path atomically (temporary file, fsync,
 * rename). STAKE_EIO with err describing the failing system call. */
STAKE_API STAKE_WUR stake_rc stake_snapshot_save(const stake_snapshot *snapshot, const char *path,
                                                 stake_error *err);

/* Reads and fully verifies a snapshot file. Errors: STAKE_EIO (cannot
 * read), STAKE_EFORMAT (not a libstake snapshot), STAKE_EVERSION (a
 * format this library does not know), STAKE_ETRUNCATED, STAKE_ECORRUPT
 * (checksum mismatch or invalid content); err gives the offset. */
STAKE_API STAKE_WUR stake_rc stake_snapshot_load(stake_snapshot **out, const char *path,
                                                 stake_error *err);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_SNAPSHOT_H */
