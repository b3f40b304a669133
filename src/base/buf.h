/*
 * buf.h - a growable byte buffer with a ceiling and a sticky error.
 *
 * Output (rendered text, YAML, JSON) is built in an hc_buf, which lives outside
 * any arena.  Appends never report failure individually: the first failure
 * (out of memory, or growing past the ceiling) sets buf->failed and every later
 * append is a no-op, so a run of appends is checked once with hc_buf_ok().
 * The contents are always NUL-terminated once anything was appended (the NUL
 * is not counted in len), and may hold NULs themselves.
 */
#ifndef HC_BASE_BUF_H
#define HC_BASE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct hc_buf {
    char *data;   /* owned; NULL until the first append */
    size_t len;   /* bytes used, not counting the terminating NUL */
    size_t cap;   /* bytes allocated */
    size_t limit; /* ceiling on len; 0 = unlimited */
    bool failed;  /* sticky: an append failed (see hc_buf_toobig) */
    bool toobig;  /* the failure was the ceiling, not memory */
};

#define HC_BUF_INIT {NULL, 0, 0, 0, false, false}

void hc_buf_init(struct hc_buf *b, size_t limit);
/* Frees the contents; the buffer is empty and reusable. */
void hc_buf_release(struct hc_buf *b);
/* Empties the buffer, keeping its memory and clearing the sticky error. */
void hc_buf_reset(struct hc_buf *b);
/* Makes room for n more bytes; false (and sticky failure) if impossible. */
bool hc_buf_grow(struct hc_buf *b, size_t n);
void hc_buf_add(struct hc_buf *b, const void *p, size_t n);
void hc_buf_adds(struct hc_buf *b, const char *s);
void hc_buf_addc(struct hc_buf *b, char c);
/* c repeated n times. */
void hc_buf_addn(struct hc_buf *b, char c, size_t n);
void hc_buf_printf(struct hc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hc_buf_vprintf(struct hc_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Shortens to len bytes (len <= b->len). */
void hc_buf_truncate(struct hc_buf *b, size_t len);
/* Hands over the contents (NUL-terminated, caller frees with free()); buffer empty after. */
char *hc_buf_detach(struct hc_buf *b, size_t *len);

static inline bool hc_buf_ok(const struct hc_buf *b)
{
    return !b->failed;
}

/* The contents as a C string ("" when empty). */
static inline const char *hc_buf_str(const struct hc_buf *b)
{
    return b->data ? b->data : "";
}

#endif
