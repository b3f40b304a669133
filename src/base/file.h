/*
 * file.h - whole-file reads with a ceiling and atomic whole-file writes, with Go's
 * os error wording ("open PATH: no such file or directory").
 */
#ifndef HC_BASE_FILE_H
#define HC_BASE_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "helmc/error.h"

struct hc_buf;

/*
 * Reads the file at path (at most limit bytes; 0 = no ceiling) into *data (malloc'ed,
 * NUL-terminated, caller frees; NULL for an empty file) and *len.  A missing file is
 * HC_ERR_NOT_FOUND, a file over the ceiling HC_ERR_LIMIT, other failures HC_ERR_IO.
 */
hc_status hc_file_read(const char *path, size_t limit, char **data, size_t *len,
                       struct hc_error *err);

/*
 * Writes data[0..len) to path through a temporary file beside it that is given mode and
 * renamed over path (helm's fileutil.AtomicWriteFile): readers see the old or the new
 * contents, never a part.
 */
hc_status hc_file_write_atomic(const char *path, const char *data, size_t len, mode_t mode,
                               struct hc_error *err);

/*
 * os.CreateTemp(dir of path, base of path): a new file named path plus random characters,
 * mode 0600, for the caller to fill and rename over path.  Returns its descriptor and puts
 * its name in *tmp (caller releases), or -1 with err set ("open TMP: ...").
 */
int hc_file_temp(const char *path, struct hc_buf *tmp, struct hc_error *err);

/* os.MkdirAll: dir and its missing parents with mode ("mkdir DIR: ..." on failure). */
hc_status hc_file_mkdir_all(const char *dir, mode_t mode, struct hc_error *err);

/* As hc_file_mkdir_all for the directory holding path. */
hc_status hc_file_mkdir_parent(const char *path, mode_t mode, struct hc_error *err);

/* Go's wording of errno e for an os error: strerror with a lowercase first letter. */
const char *hc_file_errstr(int e, char buf[static 128]);

#endif
