/*
 * file.c - whole-file reading with a ceiling, atomic writing (base/file.h).
 */
#include "base/file.h"

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"

const char *hc_file_errstr(int e, char buf[static 128])
{
    snprintf(buf, 128, "%s", strerror(e));
    buf[0] = (char)tolower((unsigned char)buf[0]);
    return buf;
}

hc_status hc_file_read(const char *path, size_t limit, char **data, size_t *len,
                       struct hc_error *err)
{
    char eb[128];
    FILE *f = fopen(path, "rb");
    if (!f)
        return hc_error_set(err, errno == ENOENT ? HC_ERR_NOT_FOUND : HC_ERR_IO, "open %s: %s",
                            path, hc_file_errstr(errno, eb));
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_init(&b, limit);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hc_buf_add(&b, chunk, n);
    int e = ferror(f) ? errno : 0;
    fclose(f);
    hc_status rc = HC_OK;
    if (e)
        rc = hc_error_set(err, HC_ERR_IO, "read %s: %s", path, hc_file_errstr(e, eb));
    else if (b.toobig)
        rc = hc_error_set(err, HC_ERR_LIMIT, "read %s: file larger than %zu bytes", path, limit);
    else if (!hc_buf_ok(&b))
        rc = hc_error_nomem(err);
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc;
    }
    *data = hc_buf_detach(&b, len);
    return HC_OK;
}

int hc_file_temp(const char *path, struct hc_buf *tmp, struct hc_error *err)
{
    /* Go's CreateTemp: the pattern followed by a random uint32 in decimal */
    static unsigned seq;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned r = (unsigned)ts.tv_nsec ^ ((unsigned)getpid() << 16) ^ seq++;
    for (int tries = 0; tries < 10000; tries++) {
        r = r * 1664525u + 1013904223u;
        hc_buf_reset(tmp);
        hc_buf_printf(tmp, "%s%u", path, r);
        if (!hc_buf_ok(tmp)) {
            hc_error_nomem(err);
            return -1;
        }
        int fd = open(tmp->data, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST) {
            char eb[128];
            hc_error_set(err, errno == ENOENT ? HC_ERR_NOT_FOUND : HC_ERR_IO, "open %s: %s",
                         tmp->data, hc_file_errstr(errno, eb));
            return -1;
        }
    }
    hc_error_set(err, HC_ERR_IO, "open %s: file exists", tmp->data);
    return -1;
}

hc_status hc_file_write_atomic(const char *path, const char *data, size_t len, mode_t mode,
                               struct hc_error *err)
{
    char eb[128];
    struct hc_buf tmp = HC_BUF_INIT;
    int fd = hc_file_temp(path, &tmp, err);
    if (fd < 0) {
        hc_buf_release(&tmp);
        return err && err->code != HC_OK ? err->code : HC_ERR_IO;
    }
    hc_status rc = HC_OK;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = hc_error_set(err, HC_ERR_IO, "write %s: %s", path, hc_file_errstr(errno, eb));
            break;
        }
        off += (size_t)w;
    }
    if (rc == HC_OK && fchmod(fd, mode) != 0)
        rc = hc_error_set(err, HC_ERR_IO, "chmod %s: %s", path, hc_file_errstr(errno, eb));
    if (close(fd) != 0 && rc == HC_OK)
        rc = hc_error_set(err, HC_ERR_IO, "write %s: %s", path, hc_file_errstr(errno, eb));
    if (rc == HC_OK && rename(tmp.data, path) != 0)
        rc = hc_error_set(err, HC_ERR_IO, "rename %s: %s", path, hc_file_errstr(errno, eb));
    if (rc != HC_OK)
        unlink(tmp.data);
    hc_buf_release(&tmp);
    return rc;
}

hc_status hc_file_mkdir_all(const char *dir, mode_t mode, struct hc_error *err)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, dir);
    if (!hc_buf_ok(&b))
        return hc_error_nomem(err);
    hc_status rc = HC_OK;
    for (char *p = b.data + 1; rc == HC_OK; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        *p = '\0';
        struct stat st;
        if (mkdir(b.data, mode) != 0 && errno != EEXIST) {
            char eb[128];
            rc = hc_error_set(err, HC_ERR_IO, "mkdir %s: %s", b.data, hc_file_errstr(errno, eb));
        } else if (end && stat(b.data, &st) == 0 && !S_ISDIR(st.st_mode)) {
            rc = hc_error_set(err, HC_ERR_IO, "mkdir %s: not a directory", b.data);
        }
        if (end)
            break;
        *p = '/';
    }
    hc_buf_release(&b);
    return rc;
}

hc_status hc_file_mkdir_parent(const char *path, mode_t mode, struct hc_error *err)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return HC_OK;
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_add(&b, path, (size_t)(slash - path));
    hc_status rc = hc_buf_ok(&b) ? hc_file_mkdir_all(b.data, mode, err) : hc_error_nomem(err);
    hc_buf_release(&b);
    return rc;
}
