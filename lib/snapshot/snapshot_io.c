/*
 * Saving and loading snapshot files.
 *
 * Saving never leaves a half-written file under the target name: the
 * image goes to a temporary file created with mkstemp() in the target's
 * directory (rename() is atomic only within one file system), which is
 * written in full and fsync'ed, then renamed over the target; the
 * directory is fsync'ed last so that the rename itself survives a crash.
 * A failure at any step removes the temporary file.
 *
 * The temporary file, and so a new snapshot file, has mkstemp()'s mode
 * 0600: balances are private data, and libstake cannot read the umask
 * without changing it (umask() is process-wide). When the target already
 * exists, its permission bits are kept.
 *
 * Loading reads the whole file into memory and hands it to the format
 * parser (snapshot_format.c), which verifies everything before building
 * the snapshot.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot_internal.h"
#include "../core/error_detail.h"

#define TEMP_SUFFIX ".tmp.XXXXXX"

/* STAKE_EIO naming the call, the file and the system's reason.
 * strerror_r (the POSIX one) rather than strerror, which may use a
 * static buffer: every libstake function is MT-Safe. */
static stake_rc sys_fail(stake_error *err, const char *call, const char *path, int e)
{
    char reason[96];
    if (strerror_r(e, reason, sizeof reason) != 0)
        snprintf(reason, sizeof reason, "error %d", e);
    return stake__fail(err, STAKE_EIO, 0, "%s %s: %s", call, path, reason);
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        size_t chunk = n > (size_t)1 << 30 ? (size_t)1 << 30 : n;
        ssize_t k = write(fd, p, chunk);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* The directory of path, for fsync after the rename: "." for a bare name. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 1;
    if (slash && n == 0)
        n = 1;   /* "/file": the root */
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, slash ? path : ".", n);
    d[n] = '\0';
    return d;
}

/* fsync of the directory, so that the rename is durable. dir was
 * allocated before the rename: nothing after it may fail for memory. */
static stake_rc sync_dir(const char *dir, stake_error *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return sys_fail(err, "open", dir, errno);
    stake_rc rc = STAKE_OK;
    /* Some file systems refuse fsync on directories (EINVAL); the rename
     * is done and there is nothing better to do there. */
    if (fsync(fd) != 0 && errno != EINVAL)
        rc = sys_fail(err, "fsync", dir, errno);
    close(fd);
    return rc;
}

static stake_rc write_temp(const char *tmp, int fd, const stake__writer *w, const char *path,
                           stake_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && fchmod(fd, st.st_mode & 07777) != 0)
        return sys_fail(err, "fchmod", tmp, errno);
    if (write_all(fd, w->data, w->len) != 0)
        return sys_fail(err, "write", tmp, errno);
    if (fsync(fd) != 0)
        return sys_fail(err, "fsync", tmp, errno);
    return STAKE_OK;
}

stake_rc stake_snapshot_save(const stake_snapshot *snapshot, const char *path, stake_error *err)
{
    if (!snapshot || !path)
        return stake__fail(err, STAKE_EINVAL, 0, "NULL argument");
    if (path[0] == '\0')
        return stake__fail(err, STAKE_EINVAL, 0, "empty path");

    stake__writer w;
    stake__writer_init(&w);
    if (stake__snapshot_serialize(snapshot, &w) != STAKE_OK) {
        stake__writer_free(&w);
        return stake__fail(err, STAKE_ENOMEM, 0, "out of memory");
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + sizeof TEMP_SUFFIX);
    char *dir = dir_of(path);
    if (!tmp || !dir) {
        free(tmp);
        free(dir);
        stake__writer_free(&w);
        return stake__fail(err, STAKE_ENOMEM, 0, "out of memory");
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, TEMP_SUFFIX, sizeof TEMP_SUFFIX);

    stake_rc rc;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        rc = sys_fail(err, "mkstemp", tmp, errno);
    } else {
        rc = write_temp(tmp, fd, &w, path, err);
        if (close(fd) != 0 && rc == STAKE_OK)
            rc = sys_fail(err, "close", tmp, errno);
        if (rc == STAKE_OK && rename(tmp, path) != 0)
            rc = sys_fail(err, "rename", path, errno);
        if (rc != STAKE_OK)
            unlink(tmp);
        else
            rc = sync_dir(dir, err);
    }
    free(tmp);
    free(dir);
    stake__writer_free(&w);
    if (rc == STAKE_OK)
        stake__ok(err);
    return rc;
}

/* Reads all of fd into a new buffer. */
static stake_rc read_all(uint8_t **out, size_t *out_len, int fd, const char *path,
                         stake_error *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return sys_fail(err, "fstat", path, errno);
    if (S_ISDIR(st.st_mode))
        return sys_fail(err, "read", path, EISDIR);
    /* The size is a hint (the file may change, or be a pipe): read to the
     * end, growing as needed; one spare byte detects growth cheaply. */
    size_t cap = st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX ? (size_t)st.st_size + 1
                                                                    : 4096;
    size_t len = 0;
    uint8_t *buf = malloc(cap);
    if (!buf)
        return stake__fail(err, STAKE_ENOMEM, 0, "out of memory reading %s", path);
    for (;;) {
        if (len == cap) {
            size_t ncap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
            uint8_t *p = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!p) {
                free(buf);
                return stake__fail(err, STAKE_ENOMEM, len, "out of memory reading %s", path);
            }
            buf = p;
            cap = ncap;
        }
        size_t want = cap - len > (size_t)1 << 30 ? (size_t)1 << 30 : cap - len;
        ssize_t k = read(fd, buf + len, want);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            return sys_fail(err, "read", path, e);
        }
        if (k == 0)
            break;
        len += (size_t)k;
    }
    *out = buf;
    *out_len = len;
    return STAKE_OK;
}

stake_rc stake_snapshot_load(stake_snapshot **out, const char *path, stake_error *err)
{
    if (!out || !path)
        return stake__fail(err, STAKE_EINVAL, 0, "NULL argument");
    int fd;
    do
        fd = open(path, O_RDONLY);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return sys_fail(err, "open", path, errno);
    uint8_t *data = NULL;
    size_t len = 0;
    stake_rc rc = read_all(&data, &len, fd, path, err);
    close(fd);
    if (rc != STAKE_OK)
        return rc;
    rc = stake__snapshot_parse(out, data, len, err);
    free(data);
    return rc;
}
