/*
 * arena.c - chunked bump allocator (see arena.h).
 *
 * Invariant: head is the chunk being carved; [cur, end) is its free space.
 * Large requests (more than a quarter of a chunk) get a chunk of their own,
 * linked behind head so the free space of head is not wasted.
 */
#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/alloc.h"

#define CHUNK_SIZE  (64u * 1024u)
#define ALIGN       16u

struct hc_arena_chunk {
    struct hc_arena_chunk *next;
    size_t size;
    _Alignas(16) char data[];
};

void hc_arena_init(struct hc_arena *a, size_t limit)
{
    a->head = NULL;
    a->cur = a->end = NULL;
    a->total = 0;
    a->limit = limit;
}

void hc_arena_free(struct hc_arena *a)
{
    struct hc_arena_chunk *c = a->head;
    while (c) {
        struct hc_arena_chunk *n = c->next;
        hc_free(c);
        c = n;
    }
    size_t limit = a->limit;
    hc_arena_init(a, limit);
}

static struct hc_arena_chunk *new_chunk(struct hc_arena *a, size_t data_size)
{
    size_t bytes = hc_add_size(sizeof(struct hc_arena_chunk), data_size);
    if (bytes == SIZE_MAX)
        return NULL;
    if (a->limit && (bytes > a->limit || a->total > a->limit - bytes))
        return NULL;
    struct hc_arena_chunk *c = hc_malloc(bytes);
    if (!c)
        return NULL;
    c->size = data_size;
    a->total += bytes;
    return c;
}

void *hc_arena_alloc_slow(struct hc_arena *a, size_t size)
{
    size_t need = (size + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);
    if (need < size)
        return NULL;
    if (need == 0)
        need = ALIGN;
    if ((size_t)(a->end - a->cur) >= need && a->cur) {
        void *p = a->cur;
        a->cur += need;
        return p;
    }
    if (need > CHUNK_SIZE / 4) {
        struct hc_arena_chunk *c = new_chunk(a, need);
        if (!c)
            return NULL;
        if (a->head) { /* keep head's free space usable */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = NULL;
            a->head = c;
            a->cur = a->end = c->data + need;
        }
        return c->data;
    }
    struct hc_arena_chunk *c = new_chunk(a, CHUNK_SIZE);
    if (!c)
        return NULL;
    c->next = a->head;
    a->head = c;
    a->cur = c->data + need;
    a->end = c->data + CHUNK_SIZE;
    return c->data;
}

void *hc_arena_zalloc(struct hc_arena *a, size_t size)
{
    void *p = hc_arena_alloc(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *hc_arena_array(struct hc_arena *a, size_t count, size_t size)
{
    size_t n = hc_mul_size(count, size);
    return n == SIZE_MAX ? NULL : hc_arena_alloc(a, n);
}

void *hc_arena_realloc(struct hc_arena *a, void *p, size_t old, size_t size)
{
    if (!p)
        return hc_arena_alloc(a, size);
    if (size <= old)
        return p;
    size_t old_need = (old + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);
    size_t new_need = (size + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);
    if (new_need < size)
        return NULL;
    /* last allocation in head: extend in place */
    if ((char *)p + old_need == a->cur && (size_t)(a->end - (char *)p) >= new_need) {
        a->cur = (char *)p + new_need;
        return p;
    }
    void *q = hc_arena_alloc(a, size);
    if (q)
        memcpy(q, p, old);
    return q;
}

char *hc_arena_strndup(struct hc_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = hc_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *hc_arena_strdup(struct hc_arena *a, const char *s)
{
    return hc_arena_strndup(a, s, strlen(s));
}

char *hc_arena_printf(struct hc_arena *a, const char *fmt, ...)
{
    va_list ap, cp;
    va_start(ap, fmt);
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *p = n >= 0 ? hc_arena_alloc(a, (size_t)n + 1) : NULL;
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
