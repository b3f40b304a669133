/*
 * archive.h - chart archives: gzipped tar streams written as Helm writes them,
 * and read entry by entry as Helm's loader reads them.
 *
 * Writing mirrors what Go's archive/tar and compress/gzip produce for Helm's
 * chartutil.Save: each file a USTAR header (mode 0644, owner 0/0, no user or
 * group names, typeflag '0'), a long or non-ASCII name moving into a PAX
 * record as Go does it, two zero blocks at the end, and a gzip header with
 * Helm's extra field and "Helm" comment, no name, mtime 0 and OS byte 255.
 * Only the deflate bytes differ from Helm's (zlib is not Go's compress/flate):
 * the uncompressed tar stream is byte for byte Helm's for equal mtimes.
 *
 * Reading uses libarchive and applies the rules of Helm's
 * archive.LoadArchiveFiles: directories and PAX headers skipped, the first
 * path element dropped, names cleaned and kept inside the chart, per-file
 * and total size ceilings, a UTF-8 BOM dropped.
 */
#ifndef HELMC_ARCHIVE_H
#define HELMC_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "helmc/error.h"

/* ---- writing ---- */

struct hc_tgz_writer;

/*
 * Starts a chart archive on out (which the caller opened for writing and
 * closes after hc_tgz_writer_finish or _free).  *w is freed by
 * hc_tgz_writer_finish or hc_tgz_writer_free.
 */
hc_status hc_tgz_writer_new(FILE *out, struct hc_tgz_writer **w, struct hc_error *err);

/*
 * Appends one regular file: name (a '/'-separated path), len bytes of data,
 * mtime in Unix seconds (0 to 8^11-1; outside that range HC_ERR_INVALID).
 */
hc_status hc_tgz_writer_add(struct hc_tgz_writer *w, const char *name, const void *data, size_t len,
                            int64_t mtime, struct hc_error *err);

/* Writes the end of the tar stream and the gzip trailer, flushes, frees w. */
hc_status hc_tgz_writer_finish(struct hc_tgz_writer *w, struct hc_error *err);

/* Frees w without finishing (after an error); NULL is fine. */
void hc_tgz_writer_free(struct hc_tgz_writer *w);

/* ---- reading ---- */

/* One file of a chart archive as Helm's loader keeps it. */
struct hc_tgz_entry {
    const char *name; /* cleaned, first path element dropped; NUL-terminated */
    size_t name_len;
    const char *top;  /* the dropped first element ("mychart"); NUL-terminated */
    const char *data; /* BOM dropped; NUL-terminated (the NUL not counted) */
    size_t len;
};

/*
 * Called for each file in archive order.  data is valid only during the
 * call.  Return HC_OK to continue; set *stop to end the walk early (no error).
 */
typedef hc_status hc_tgz_visit_fn(void *ctx, const struct hc_tgz_entry *e, bool *stop,
                                  struct hc_error *err);

/* Size ceilings; 0 means Helm's (5 MiB per file, 100 MiB in all). */
struct hc_tgz_limits {
    size_t max_file;
    size_t max_total;
};

/*
 * Reads the chart archive in data[0..len) and calls visit for each file.
 * Errors carry Helm's messages ("chart illegally contains content outside the
 * base directory", "no files in chart archive", "decompressed chart file ...
 * is larger than the maximum file size ...", gzip and tar errors).
 */
hc_status hc_tgz_read_mem(const void *data, size_t len, const struct hc_tgz_limits *lim,
                          hc_tgz_visit_fn *visit, void *ctx, struct hc_error *err);

/*
 * As hc_tgz_read_mem for the open file fd, read sequentially once.  When
 * sha256 is not NULL, every byte of the file is hashed as it is read and the
 * digest stored there on success, also when visit stops early (the rest of
 * the file is then hashed without being decompressed).
 */
hc_status hc_tgz_read_fd(int fd, const struct hc_tgz_limits *lim, hc_tgz_visit_fn *visit, void *ctx,
                         unsigned char sha256[32], struct hc_error *err);

#endif
