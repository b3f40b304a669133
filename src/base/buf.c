/*
 * buf.c - growable byte buffer with ceiling and sticky error (see buf.h).
 */
#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

void hc_buf_init(struct hc_buf *b, size_t limit)
{
    memset(b, 0, sizeof *b);
    b->limit = limit;
}

void hc_buf_release(struct hc_buf *b)
{
    size_t limit = b->limit;
    hc_free(b->data);
    hc_buf_init(b, limit);
}

void hc_buf_reset(struct hc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    b->failed = b->toobig = false;
}

bool hc_buf_grow(struct hc_buf *b, size_t n)
{
    if (b->failed)
        return false;
    size_t need = hc_add_size(hc_add_size(b->len, n), 1);
    if (need == SIZE_MAX || (b->limit && need - 1 > b->limit)) {
        b->failed = b->toobig = true;
        return false;
    }
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        size_t c2 = hc_mul_size(cap, 2);
        if (c2 == SIZE_MAX) {
            cap = need;
            break;
        }
        cap = c2;
    }
    char *p = hc_realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void hc_buf_add(struct hc_buf *b, const void *p, size_t n)
{
    if (!hc_buf_grow(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void hc_buf_adds(struct hc_buf *b, const char *s)
{
    hc_buf_add(b, s, strlen(s));
}

void hc_buf_addc(struct hc_buf *b, char c)
{
    if (b->len + 1 < b->cap && !b->failed && (!b->limit || b->len < b->limit)) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    hc_buf_add(b, &c, 1);
}

void hc_buf_addn(struct hc_buf *b, char c, size_t n)
{
    if (!hc_buf_grow(b, n))
        return;
    memset(b->data + b->len, c, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void hc_buf_vprintf(struct hc_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!hc_buf_grow(b, (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void hc_buf_printf(struct hc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    hc_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void hc_buf_truncate(struct hc_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}

char *hc_buf_detach(struct hc_buf *b, size_t *len)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = b->toobig = false;
    return p;
}
