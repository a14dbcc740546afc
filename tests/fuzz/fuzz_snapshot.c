/*
 * libFuzzer target: stake_snapshot_load on arbitrary files. Whatever the
 * bytes, loading either fails with a named error or yields a snapshot
 * whose every entry can be turned back into an object; nothing may crash
 * or leak. Build and run with `make fuzz`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <stake.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/libstake-fuzz-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(path);
        return 0;
    }
    fwrite(data, 1, size, f);
    fclose(f);
    stake_snapshot *s = NULL;
    stake_rc rc = stake_snapshot_load(&s, path, NULL);
    unlink(path);
    if (rc != STAKE_OK)
        return 0;
    for (size_t i = 0; i < stake_snapshot_count(s); i++) {
        stake_snapshot_kind kind;
        const char *name;
        if (stake_snapshot_entry(&kind, &name, s, i) != STAKE_OK)
            abort();
        stake_ledger *l = NULL;
        stake_steth *t = NULL;
        stake_erc4626_vault *v = NULL;
        stake_reth *r = NULL;
        stake_queue *q = NULL;
        switch (kind) {
        case STAKE_SNAPSHOT_LEDGER: rc = stake_snapshot_get_ledger(&l, s, name); break;
        case STAKE_SNAPSHOT_STETH: rc = stake_snapshot_get_steth(&t, s, name); break;
        case STAKE_SNAPSHOT_ERC4626: rc = stake_snapshot_get_erc4626(&v, s, name); break;
        case STAKE_SNAPSHOT_RETH: rc = stake_snapshot_get_reth(&r, s, name); break;
        case STAKE_SNAPSHOT_QUEUE: rc = stake_snapshot_get_queue(&q, s, name); break;
        default: abort();
        }
        if (rc != STAKE_OK && rc != STAKE_ENOMEM)
            abort();   /* a verified snapshot must decode */
        stake_ledger_free(l);
        stake_steth_free(t);
        stake_erc4626_vault_free(v);
        stake_reth_free(r);
        stake_queue_free(q);
    }
    stake_snapshot_free(s);
    return 0;
}
