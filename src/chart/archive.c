/*
 * archive.c - reading a packed chart (a gzipped tar) into chart files.
 *
 * Mirrors Helm v4's archive.LoadArchiveFiles (pkg/chart/loader/archive): the
 * stream must be gzip; folders and pax headers are skipped; the first path
 * element (the chart's folder) is dropped from every name, after turning
 * Windows '\' separators into '/'; names are cleaned as Go's path.Clean does
 * and refused when absolute, empty or reaching outside; a Chart.yaml at the
 * top of the archive is refused; the per-file and whole-chart size ceilings
 * apply to the decompressed bytes; a UTF-8 BOM is dropped.  Files keep the
 * archive's order.
 */
#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/path.h"
#include "chart/chart.h"
#include "gofmt/gofmt.h"

/*
 * What Go's gzip and tar readers say about a damaged stream: mostly that it
 * ended early.  (Corrupt deflate data gives "flate: corrupt input before
 * offset N" there; libarchive does not tell the offset.)
 */
#define GO_READ_ERROR "unexpected EOF"

/* A path with a Windows drive letter ("c:..."), which Helm refuses. */
static bool drive_path(const char *s, size_t n)
{
    return n >= 2 && s[1] == ':' && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'));
}

hc_status hc_chart_read_archive(struct hc_arena *a, const char *data, size_t len, size_t max_file,
                                size_t max_total, struct hc_chart_file **out, size_t *nout,
                                struct hc_error *err)
{
    *out = NULL;
    *nout = 0;
    /* gzip.NewReader reads a 10-byte header first */
    if (len == 0)
        return hc_error_set(err, HC_ERR_INVALID, "EOF");
    if (len < 10)
        return hc_error_set(err, HC_ERR_INVALID, "unexpected EOF");
    if ((unsigned char)data[0] != 0x1f || (unsigned char)data[1] != 0x8b || data[2] != 8)
        return hc_error_set(err, HC_ERR_INVALID, "gzip: invalid header");
    struct archive *ar = archive_read_new();
    if (!ar)
        return hc_error_nomem(err);
    archive_read_support_filter_gzip(ar);
    archive_read_support_format_tar(ar);
    hc_status rc = HC_OK;
    struct hc_chart_file *v = NULL;
    size_t n = 0, cap = 0, remaining = max_total;
    if (archive_read_open_memory(ar, data, len) != ARCHIVE_OK) {
        rc = hc_error_set(err, HC_ERR_INVALID, "%s", GO_READ_ERROR);
        goto out;
    }
    for (;;) {
        struct archive_entry *e;
        int r = archive_read_next_header(ar, &e);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN) {
            rc = hc_error_set(err, HC_ERR_INVALID, "%s", GO_READ_ERROR);
            goto out;
        }
        mode_t type = archive_entry_filetype(e);
        if (type == AE_IFDIR)
            continue;
        const char *name = archive_entry_pathname(e);
        if (!name)
            name = "";
        size_t nl = strlen(name);
        char delim = memchr(name, '\\', nl) ? '\\' : '/';
        const char *first = memchr(name, delim, nl);
        size_t p0 = first ? (size_t)(first - name) : nl;
        const char *rest = first ? first + 1 : name + nl;
        size_t rl = first ? nl - p0 - 1 : 0;
        char *tmp = hc_arena_alloc(a, rl + 1);
        char *clean = hc_arena_alloc(a, 2 * rl + 3);
        if (!tmp || !clean) {
            rc = hc_error_nomem(err);
            goto out;
        }
        for (size_t i = 0; i < rl; i++)
            tmp[i] = rest[i] == delim ? '/' : rest[i];
        if (rl > 0 && tmp[0] == '/') {
            rc = hc_error_set(err, HC_ERR_INVALID, "chart illegally contains absolute paths");
            goto out;
        }
        size_t cl = hc_path_clean(tmp, rl, clean);
        clean[cl] = '\0';
        if (cl == 1 && clean[0] == '.') {
            struct hc_buf q = HC_BUF_INIT;
            hc_gofmt_quote(&q, name, nl);
            rc = hc_buf_ok(&q) ? hc_error_set(err, HC_ERR_INVALID,
                                              "chart illegally contains content outside the "
                                              "base directory: %s",
                                              hc_buf_str(&q))
                               : hc_error_nomem(err);
            hc_buf_release(&q);
            goto out;
        }
        if (cl >= 2 && clean[0] == '.' && clean[1] == '.') {
            rc = hc_error_set(err, HC_ERR_INVALID, "chart illegally references parent directory");
            goto out;
        }
        if (drive_path(clean, cl)) {
            rc = hc_error_set(err, HC_ERR_INVALID, "chart contains illegally named files");
            goto out;
        }
        if (p0 == 10 && memcmp(name, "Chart.yaml", 10) == 0) {
            rc = hc_error_set(err, HC_ERR_INVALID, "chart yaml not in base directory");
            goto out;
        }
        la_int64_t size = archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
        if (size < 0)
            size = 0;
        if ((uint64_t)size > remaining) {
            rc = hc_error_set(err, HC_ERR_LIMIT,
                              "decompressed chart is larger than the maximum size %zu", max_total);
            goto out;
        }
        if ((uint64_t)size > max_file) {
            rc = hc_error_set(err, HC_ERR_LIMIT,
                              "decompressed chart file \"%s\" is larger than the maximum file "
                              "size %zu",
                              clean, max_file);
            goto out;
        }
        char *buf = hc_arena_alloc(a, (size_t)size + 1);
        if (!buf) {
            rc = hc_error_nomem(err);
            goto out;
        }
        size_t got = 0;
        while (got < (size_t)size) {
            la_ssize_t k = archive_read_data(ar, buf + got, (size_t)size - got);
            if (k < 0) {
                rc = hc_error_set(err, HC_ERR_INVALID, "%s", GO_READ_ERROR);
                goto out;
            }
            if (k == 0)
                break;
            got += (size_t)k;
        }
        buf[got] = '\0';
        remaining -= got;
        const char *p = buf;
        if (got >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
            p += 3;
            got -= 3;
        }
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            struct hc_chart_file *nv = hc_arena_realloc(a, v, cap * sizeof *nv, ncap * sizeof *nv);
            if (!nv) {
                rc = hc_error_nomem(err);
                goto out;
            }
            v = nv;
            cap = ncap;
        }
        v[n++] = (struct hc_chart_file){clean, (uint32_t)cl, p, got};
    }
    if (n == 0) {
        rc = hc_error_set(err, HC_ERR_INVALID, "no files in chart archive");
        goto out;
    }
    *out = v;
    *nout = n;
out:
    archive_read_free(ar);
    return rc;
}
