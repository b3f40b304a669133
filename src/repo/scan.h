/*
 * scan.h - the first entries of a chart archive, for `repo index` (index.c).
 */
#ifndef HC_REPO_SCAN_H
#define HC_REPO_SCAN_H

#include <stdbool.h>

#include "helmc/archive.h"
#include "helmc/error.h"

/*
 * Reads the chart archive open as fd as hc_tgz_read_fd(fd, NULL, visit, ctx,
 * sha256, err) does and gives the same answer for an archive visit stops in:
 * every byte of the file goes through SHA-256, and the entries up to the one
 * visit stops at are read by hc_tgz_read_mem, under the same rules.  Only as
 * much as those entries need is decompressed, a little more at each attempt;
 * before each attempt after the first, reset(ctx) must put the visitor back
 * in its first state.  An archive that does not decompress cleanly that far,
 * or in which visit never stops, is read by hc_tgz_read_fd itself from the
 * start.  fd must be a regular file at offset 0.
 */
hc_status hc_repo_scan_archive(int fd, hc_tgz_visit_fn *visit, void (*reset)(void *ctx), void *ctx,
                               unsigned char sha256[32], struct hc_error *err);

#endif
