/*
 * tgz_read.c - chart archives read entry by entry, as Helm's loader does.
 *
 * Mirrors pkg/chart/loader/archive.LoadArchiveFiles: gzip then tar (through
 * libarchive, restricted to those two), directories and PAX extension headers
 * skipped, the first path element dropped, '\' taken as the separator when a
 * name holds one, names cleaned with Go's path.Clean and refused when
 * absolute, outside the chart or Windows drive paths, a Chart.yaml as the
 * first element refused, size ceilings applied and a UTF-8 BOM dropped.
 * When reading a file descriptor the raw bytes pass through SHA-256 on their
 * way to libarchive, so an index digest costs no second read.
 */
#include "helmc/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <openssl/evp.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "archive/path.h"
#include "base/buf.h"
#include "base/path.h"

/* Helm's archive.MaxDecompressedFileSize and MaxDecompressedChartSize. */
#define MAX_FILE_SIZE  ((size_t)5 << 20)
#define MAX_TOTAL_SIZE ((size_t)100 << 20)

struct src {
    int fd;
    EVP_MD_CTX *md; /* NULL: no hashing */
    unsigned char buf[65536];
    struct hc_error *err;
    int read_errno;
};

static la_ssize_t src_read(struct archive *ar, void *ctx, const void **out)
{
    (void)ar;
    struct src *s = ctx;
    ssize_t n;
    do
        n = read(s->fd, s->buf, sizeof s->buf);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        s->read_errno = errno;
        return -1;
    }
    if (n > 0 && s->md)
        EVP_DigestUpdate(s->md, s->buf, (size_t)n);
    *out = s->buf;
    return n;
}

void hc_archive_path_clean(struct hc_buf *b, const char *p, size_t n)
{
    size_t cap = 2 * n + 3;
    char small[512];
    char *out = cap <= sizeof small ? small : hc_malloc(cap);
    if (!out) {
        b->failed = true;
        return;
    }
    hc_buf_add(b, out, hc_path_clean(p, n, out));
    if (out != small)
        hc_free(out);
}

/* Helm's drivePathPattern: ^[a-zA-Z]:/ */
static bool is_drive_path(const char *s, size_t n)
{
    return n >= 3 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') && s[1] == ':' && s[2] == '/';
}

struct reader {
    struct archive *ar;
    struct src *src;
    size_t max_file, max_total, remaining;
    struct hc_buf name, top, data;
    hc_tgz_visit_fn *visit;
    void *ctx;
    struct hc_error *err;
};

static hc_status ar_error(struct reader *r)
{
    if (r->src && r->src->read_errno)
        return hc_error_set(r->err, HC_ERR_IO, "read error: %s", strerror(r->src->read_errno));
    const char *m = archive_error_string(r->ar);
    return hc_error_set(r->err, HC_ERR_PARSE, "%s", m ? m : "archive error");
}

/* The name of an entry as Helm's loader keeps it, into r->name and r->top. */
static hc_status entry_name(struct reader *r, const char *raw)
{
    size_t n = strlen(raw);
    char delim = memchr(raw, '\\', n) ? '\\' : '/';
    const char *sep = memchr(raw, delim, n);
    hc_buf_reset(&r->top);
    hc_buf_add(&r->top, raw, sep ? (size_t)(sep - raw) : n);
    struct hc_buf rest = HC_BUF_INIT;
    if (sep)
        for (const char *p = sep + 1; p < raw + n; p++)
            hc_buf_addc(&rest, *p == delim ? '/' : *p);
    hc_buf_reset(&r->name);
    hc_status rc = HC_OK;
    if (!hc_buf_ok(&rest) || !hc_buf_ok(&r->top)) {
        rc = hc_error_nomem(r->err);
        goto out;
    }
    if (rest.len > 0 && rest.data[0] == '/') {
        rc = hc_error_set(r->err, HC_ERR_INVALID, "chart illegally contains absolute paths");
        goto out;
    }
    hc_archive_path_clean(&r->name, rest.data ? rest.data : "", rest.len);
    if (!hc_buf_ok(&r->name)) {
        rc = hc_error_nomem(r->err);
        goto out;
    }
    if ((r->name.len == 1 && r->name.data[0] == '.') ||
        (r->name.len >= 2 && r->name.data[0] == '.' && r->name.data[1] == '.')) {
        rc = hc_error_set(r->err, HC_ERR_INVALID,
                          "chart illegally contains content outside the base directory");
        goto out;
    }
    if (is_drive_path(r->name.data, r->name.len)) {
        rc = hc_error_set(r->err, HC_ERR_INVALID, "chart contains illegally named files");
        goto out;
    }
    if (strcmp(hc_buf_str(&r->top), "Chart.yaml") == 0)
        rc = hc_error_set(r->err, HC_ERR_INVALID, "chart yaml not in base directory");
out:
    hc_buf_release(&rest);
    return rc;
}

static hc_status read_data(struct reader *r, int64_t size, const char *name)
{
    if (size >= 0 && (size_t)size > r->remaining)
        return hc_error_set(r->err, HC_ERR_LIMIT,
                            "decompressed chart is larger than the maximum size %zu", r->max_total);
    if (size >= 0 && (size_t)size > r->max_file)
        return hc_error_set(r->err, HC_ERR_LIMIT,
                            "decompressed chart file \"%s\" is larger than the maximum file size "
                            "%zu",
                            name, r->max_file);
    hc_buf_reset(&r->data);
    char chunk[16384];
    for (;;) {
        la_ssize_t n = archive_read_data(r->ar, chunk, sizeof chunk);
        if (n < 0)
            return ar_error(r);
        if (n == 0)
            break;
        if ((size_t)n > r->remaining - r->data.len)
            return hc_error_set(r->err, HC_ERR_LIMIT,
                                "decompressed chart is larger than the maximum size %zu",
                                r->max_total);
        hc_buf_add(&r->data, chunk, (size_t)n);
    }
    if (!hc_buf_ok(&r->data))
        return hc_error_nomem(r->err);
    if (r->data.len > r->max_file)
        return hc_error_set(r->err, HC_ERR_LIMIT,
                            "decompressed chart file \"%s\" is larger than the maximum file size "
                            "%zu",
                            name, r->max_file);
    r->remaining -= r->data.len;
    return HC_OK;
}

static hc_status walk(struct reader *r, bool *stopped)
{
    size_t count = 0;
    for (;;) {
        struct archive_entry *e;
        int rc = archive_read_next_header(r->ar, &e);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc < ARCHIVE_WARN)
            return ar_error(r);
        mode_t type = archive_entry_filetype(e);
        if (type == AE_IFDIR)
            continue;
        const char *raw = archive_entry_pathname(e);
        if (!raw)
            raw = "";
        hc_status st = entry_name(r, raw);
        if (st != HC_OK)
            return st;
        int64_t size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
        st = read_data(r, size, raw);
        if (st != HC_OK)
            return st;
        const char *data = r->data.data ? r->data.data : "";
        size_t len = r->data.len;
        if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
            data += 3;
            len -= 3;
        }
        count++;
        struct hc_tgz_entry ent = {hc_buf_str(&r->name), r->name.len, hc_buf_str(&r->top), data,
                                   len};
        bool stop = false;
        st = r->visit(r->ctx, &ent, &stop, r->err);
        if (st != HC_OK)
            return st;
        if (stop) {
            *stopped = true;
            return HC_OK;
        }
    }
    if (count == 0)
        return hc_error_set(r->err, HC_ERR_INVALID, "no files in chart archive");
    return HC_OK;
}

static hc_status run(struct reader *r, const struct hc_tgz_limits *lim, bool *stopped)
{
    r->max_file = lim && lim->max_file ? lim->max_file : MAX_FILE_SIZE;
    r->max_total = lim && lim->max_total ? lim->max_total : MAX_TOTAL_SIZE;
    r->remaining = r->max_total;
    hc_status rc = walk(r, stopped);
    hc_buf_release(&r->name);
    hc_buf_release(&r->top);
    hc_buf_release(&r->data);
    return rc;
}

static struct archive *new_reader(void)
{
    struct archive *ar = archive_read_new();
    if (!ar)
        return NULL;
    archive_read_support_filter_gzip(ar);
    archive_read_support_format_tar(ar);
    return ar;
}

hc_status hc_tgz_read_mem(const void *data, size_t len, const struct hc_tgz_limits *lim,
                          hc_tgz_visit_fn *visit, void *ctx, struct hc_error *err)
{
    struct reader r = {.visit = visit, .ctx = ctx, .err = err};
    r.ar = new_reader();
    if (!r.ar)
        return hc_error_nomem(err);
    hc_status rc;
    if (archive_read_open_memory(r.ar, data, len) != ARCHIVE_OK) {
        rc = ar_error(&r);
    } else {
        bool stopped = false;
        rc = run(&r, lim, &stopped);
    }
    archive_read_free(r.ar);
    return rc;
}

hc_status hc_tgz_read_fd(int fd, const struct hc_tgz_limits *lim, hc_tgz_visit_fn *visit, void *ctx,
                         unsigned char sha256[32], struct hc_error *err)
{
    struct src *s = hc_calloc(1, sizeof *s);
    if (!s)
        return hc_error_nomem(err);
    s->fd = fd;
    s->err = err;
    hc_status rc = HC_OK;
    struct reader r = {.visit = visit, .ctx = ctx, .err = err, .src = s};
    if (sha256) {
        s->md = EVP_MD_CTX_new();
        if (!s->md || EVP_DigestInit_ex(s->md, EVP_sha256(), NULL) != 1) {
            rc = hc_error_nomem(err);
            goto out;
        }
    }
    r.ar = new_reader();
    if (!r.ar) {
        rc = hc_error_nomem(err);
        goto out;
    }
    if (archive_read_open(r.ar, s, NULL, src_read, NULL) != ARCHIVE_OK) {
        rc = ar_error(&r);
        goto out;
    }
    bool stopped = false;
    rc = run(&r, lim, &stopped);
    if (rc == HC_OK && sha256) {
        /* the rest of the file, hashed as it is without decompressing it */
        for (;;) {
            ssize_t n = read(fd, s->buf, sizeof s->buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                rc = hc_error_set(err, HC_ERR_IO, "read error: %s", strerror(errno));
                break;
            }
            if (n == 0)
                break;
            EVP_DigestUpdate(s->md, s->buf, (size_t)n);
        }
        unsigned int dlen = 0;
        if (rc == HC_OK)
            EVP_DigestFinal_ex(s->md, sha256, &dlen);
    }
out:
    if (r.ar)
        archive_read_free(r.ar);
    if (s->md)
        EVP_MD_CTX_free(s->md);
    hc_free(s);
    return rc;
}
