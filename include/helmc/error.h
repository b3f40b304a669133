/*
 * error.h - status codes and the error record every fallible helmc call fills.
 *
 * Contract: a fallible function returns hc_status (HC_OK is 0).  On failure it
 * fills the caller's struct hc_error, but only if that error is still empty:
 * the first error wins, so a chain of calls can be checked once at the end.
 * On success the error is left untouched.  The message is owned by the error
 * and freed by hc_error_release(); out of memory uses a static message so that
 * reporting it never allocates.
 */
#ifndef HELMC_ERROR_H
#define HELMC_ERROR_H

#include <stdarg.h>
#include <stdint.h>

typedef enum hc_status {
    HC_OK = 0,
    HC_ERR_NOMEM,   /* allocation failed or an arena/buffer ceiling was hit */
    HC_ERR_LIMIT,   /* a configured limit (depth, size, count) was exceeded */
    HC_ERR_PARSE,   /* malformed input: YAML, JSON, template, flags, ... */
    HC_ERR_EXEC,    /* a template failed while executing */
    HC_ERR_IO,      /* reading or writing a file failed */
    HC_ERR_INVALID, /* a well-formed input broke a rule (schema, Chart.yaml) */
    HC_ERR_USAGE,   /* the command line was wrong */
    HC_ERR_NOT_FOUND, /* absent (Helm's "release: not found", "has no deployed releases") */
    HC_ERR_EXISTS   /* a create found its key taken (Helm's "release: already exists") */
} hc_status;

/* A position in an input file; line 0 means unknown.  file is borrowed. */
struct hc_pos {
    const char *file;
    uint32_t line, col;
};

struct hc_error {
    hc_status code;     /* HC_OK while empty */
    struct hc_pos pos;  /* where, when known */
    char *msg;          /* owned; static for HC_ERR_NOMEM (see msg_static) */
    int msg_static;
};

/* Empties an error (does not free: use hc_error_release first if it was set). */
void hc_error_init(struct hc_error *err);
/* Frees the message and empties the error. */
void hc_error_release(struct hc_error *err);
/* Fills err if it is empty (first error wins) and returns code.  err may be NULL. */
hc_status hc_error_set(struct hc_error *err, hc_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
hc_status hc_error_setv(struct hc_error *err, hc_status code, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
/* As hc_error_set, recording a position too. */
hc_status hc_error_set_at(struct hc_error *err, hc_status code, struct hc_pos pos,
                          const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Records out of memory without allocating. */
hc_status hc_error_nomem(struct hc_error *err);
/* Moves src into dst if dst is empty, otherwise releases src. */
void hc_error_move(struct hc_error *dst, struct hc_error *src);
/* The message, never NULL ("" when empty). */
const char *hc_error_msg(const struct hc_error *err);

#endif
