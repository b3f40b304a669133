/*
 * scan.c - the first entries of a chart archive, decompressing little more.
 *
 * libarchive's gzip filter decompresses 64 KiB at a time, which for a chart
 * whose Chart.yaml is its first entry (as helm and helmc package charts) is
 * twenty times what `repo index` reads.  Here zlib decompresses the beginning
 * of the tar stream and libarchive reads the entries from that beginning
 * (hc_tgz_read_mem, under Helm's loader rules); while the visitor has not
 * stopped, the next attempt gets four times as much.  Every byte of the file
 * is hashed as it is read, as hc_tgz_read_fd does.
 *
 * Invariant: an answer given from a beginning is the one hc_tgz_read_fd would
 * give.  A visitor that stopped saw the same entries with the same bytes; a
 * stream read to its end holds them all.  Whenever that is in doubt - a gzip
 * or read error, bytes after the gzip member, a beginning that looks like gzip
 * again, a visitor that has not stopped after MAX_TAR bytes - the whole file
 * goes to hc_tgz_read_fd from the start.
 */
#include "repo/scan.h"

#include <errno.h>
#include <openssl/evp.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "base/alloc.h"
#include "base/buf.h"

#define READ_CHUNK 65536             /* file bytes read and hashed at a time */
#define FIRST_TAR  ((size_t)4096)    /* decompressed bytes the first attempt gets */
#define MAX_TAR    ((size_t)1 << 20) /* attempts stop here: hc_tgz_read_fd reads on */

struct gz {
    int fd;
    EVP_MD_CTX *md;
    z_stream zs;
    bool zinit;
    bool end; /* the gzip member ended */
    bool eof; /* the last read gave nothing */
    struct hc_buf tar;
    unsigned char in[READ_CHUNK];
};

/* The caller's visitor, and whether it asked to stop. */
struct watch {
    hc_tgz_visit_fn *visit;
    void *ctx;
    bool stopped;
};

static hc_status watch_visit(void *ctx, const struct hc_tgz_entry *e, bool *stop,
                             struct hc_error *err)
{
    struct watch *w = ctx;
    hc_status rc = w->visit(w->ctx, e, stop, err);
    w->stopped = rc == HC_OK && *stop;
    return rc;
}

/* Reads and hashes the next chunk of the file; false on a read error. */
static bool fill(struct gz *g)
{
    ssize_t n;
    do
        n = read(g->fd, g->in, sizeof g->in);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return false;
    g->eof = n == 0;
    if (n > 0)
        EVP_DigestUpdate(g->md, g->in, (size_t)n);
    g->zs.next_in = g->in;
    g->zs.avail_in = (uInt)n;
    return true;
}

/* Decompresses until g->tar holds want bytes or the gzip member ends; false when in doubt. */
static bool inflate_to(struct gz *g, size_t want)
{
    while (!g->end && g->tar.len < want) {
        if (g->zs.avail_in == 0 && (!fill(g) || g->eof))
            return false; /* a read error, or the file ends inside the member */
        if (!hc_buf_grow(&g->tar, want - g->tar.len))
            return false;
        g->zs.next_out = (Bytef *)g->tar.data + g->tar.len;
        g->zs.avail_out = (uInt)(want - g->tar.len);
        int zr = inflate(&g->zs, Z_NO_FLUSH);
        g->tar.len = want - g->zs.avail_out;
        if (zr == Z_STREAM_END)
            g->end = true;
        else if (zr != Z_OK)
            return false;
    }
    return true;
}

/* Whether the file holds nothing after the gzip member (reading, and hashing, the rest). */
static bool nothing_after(struct gz *g)
{
    if (g->zs.avail_in > 0)
        return false;
    return fill(g) && g->eof;
}

/*
 * Tries ever longer beginnings of the tar stream; *final tells whether the
 * answer (rc) stands, else the whole file must go to hc_tgz_read_fd.
 */
static hc_status attempts(struct gz *g, struct watch *w, void (*reset)(void *ctx), bool *tried,
                          bool *final, struct hc_error *err)
{
    *final = false;
    for (size_t want = FIRST_TAR; want <= MAX_TAR; want *= 4) {
        if (!inflate_to(g, want))
            return HC_OK;
        /* libarchive would take a beginning that looks like gzip for gzip again */
        if (g->tar.len >= 2 && (unsigned char)g->tar.data[0] == 0x1f &&
            (unsigned char)g->tar.data[1] == 0x8b)
            return HC_OK;
        if (*tried)
            reset(w->ctx);
        *tried = true;
        w->stopped = false;
        struct hc_error terr;
        hc_error_init(&terr);
        hc_status rc = hc_tgz_read_mem(g->tar.data, g->tar.len, NULL, watch_visit, w, &terr);
        if (rc == HC_ERR_NOMEM) {
            hc_error_release(&terr);
            return hc_error_nomem(err);
        }
        if (w->stopped || (g->end && nothing_after(g))) {
            *final = true;
            if (rc != HC_OK)
                hc_error_set(err, rc, "%s", hc_error_msg(&terr));
            hc_error_release(&terr);
            return rc;
        }
        hc_error_release(&terr);
        if (g->end)
            return HC_OK;
    }
    return HC_OK;
}

hc_status hc_repo_scan_archive(int fd, hc_tgz_visit_fn *visit, void (*reset)(void *ctx), void *ctx,
                               unsigned char sha256[32], struct hc_error *err)
{
    struct gz *g = hc_calloc(1, sizeof *g);
    if (!g)
        return hc_error_nomem(err);
    g->fd = fd;
    hc_buf_init(&g->tar, 0);
    hc_status rc = HC_OK;
    bool tried = false, final = false;
    g->md = EVP_MD_CTX_new();
    if (!g->md || EVP_DigestInit_ex(g->md, EVP_sha256(), NULL) != 1 ||
        inflateInit2(&g->zs, 15 + 16) != Z_OK) {
        rc = hc_error_nomem(err);
        goto out;
    }
    g->zinit = true;
    struct watch w = {visit, ctx, false};
    rc = attempts(g, &w, reset, &tried, &final, err);
    if (rc == HC_ERR_NOMEM)
        goto out;
    if (final) {
        /* the rest of the file, hashed as it is */
        while (!g->eof) {
            if (!fill(g)) {
                rc = hc_error_set(err, HC_ERR_IO, "read error: %s", strerror(errno));
                goto out;
            }
        }
        unsigned int dlen = 0;
        if (rc == HC_OK)
            EVP_DigestFinal_ex(g->md, sha256, &dlen);
        goto out;
    }
    if (tried)
        reset(ctx);
    if (lseek(fd, 0, SEEK_SET) != 0) {
        rc = hc_error_set(err, HC_ERR_IO, "read error: %s", strerror(errno));
        goto out;
    }
    rc = hc_tgz_read_fd(fd, NULL, visit, ctx, sha256, err);
out:
    if (g->zinit)
        inflateEnd(&g->zs);
    EVP_MD_CTX_free(g->md);
    hc_buf_release(&g->tar);
    hc_free(g);
    return rc;
}
