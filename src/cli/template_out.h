/*
 * template_out.h - where `helmc template` sends a rendered release besides standard output:
 * the files of --output-dir and the executable of --post-renderer.
 */
#ifndef HC_CLI_TEMPLATE_OUT_H
#define HC_CLI_TEMPLATE_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "helmc/error.h"

struct hc_buf;
struct hc_arena;

/* Go's text for an errno in buf: the C library's, first letter in lower case. */
void hc_cli_go_errno(char *buf, size_t size, int e);

/*
 * helm's writeToFile: writes "---\n# Source: NAME\nDATA\n" to DIR/NAME, creating the
 * folders it needs (0755) and the file (truncated, or appended to when append is set),
 * then prints "wrote DIR/NAME" on out.  Errors are Go's: "stat D: ...", "mkdir D: ...",
 * "open F: ...".
 */
hc_status hc_outdir_write(FILE *out, const char *dir, const char *name, const char *data,
                          size_t len, bool append, struct hc_error *err);

/* Whether DIR/NAME exists (helm appends a hook to a file that already does). */
bool hc_outdir_exists(const char *dir, const char *name);

/*
 * exec.LookPath then filepath.Abs, as helm v3's post-renderer resolves its binary:
 * the absolute path in *abs (allocated in a), or the error text in *msg (in a):
 * `unable to find binary at X: exec: "X": executable file not found in $PATH`.
 * path_env is $PATH (NULL: none).
 */
bool hc_post_renderer_find(struct hc_arena *a, const char *name, const char *path_env,
                           const char **abs, const char **msg);

/*
 * Runs the executable abs with args, the bytes in[0..len) on its standard input; its
 * standard output is appended to out.  When it cannot start or exits non-zero, err is
 * helm v3's "error while running command ABS. error output:\nSTDERR: exit status N".
 */
hc_status hc_post_renderer_run(const char *abs, const char *const *args, size_t nargs,
                               const char *in, size_t len, struct hc_buf *out,
                               struct hc_error *err);

#endif
