/*
 * path.h - Go's path.Clean for src/archive and src/repo.
 */
#ifndef HC_ARCHIVE_PATH_H
#define HC_ARCHIVE_PATH_H

#include <stddef.h>

struct hc_buf;

/*
 * Appends Go's path.Clean of the '/'-separated path p[0..n) to b: repeated
 * slashes and "." elements dropped, ".." elements resolved lexically ("" and
 * a path cleaning to nothing give ".").
 */
void hc_archive_path_clean(struct hc_buf *b, const char *p, size_t n);

#endif
