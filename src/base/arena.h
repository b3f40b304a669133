/*
 * arena.h - bump allocation with one free for everything.
 *
 * An arena hands out memory from large chunks and frees all of it at once in
 * hc_arena_free().  Values, parsed trees and everything a render computes live
 * in arenas (docs/internals/arena.md says why).  An arena has a byte ceiling:
 * once the total of its chunks would pass it, every allocation fails (returns
 * NULL) and the caller reports HC_ERR_NOMEM/HC_ERR_LIMIT.  Not thread-safe:
 * one arena belongs to one thread at a time.
 */
#ifndef HC_BASE_ARENA_H
#define HC_BASE_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct hc_arena_chunk;

struct hc_arena {
    struct hc_arena_chunk *head; /* current chunk, newest first */
    char *cur, *end;             /* free space in head */
    size_t total;                /* bytes taken from malloc so far */
    size_t limit;                /* ceiling on total; 0 = unlimited */
};

#define HC_ARENA_INIT {NULL, NULL, NULL, 0, 0}

/* Sets up an empty arena with a byte ceiling (0 = none).  Allocates nothing. */
void hc_arena_init(struct hc_arena *a, size_t limit);
/* Frees every chunk; the arena is empty and reusable afterwards. */
void hc_arena_free(struct hc_arena *a);
/* hc_arena_alloc when the current chunk has no room (a new chunk, or NULL). */
void *hc_arena_alloc_slow(struct hc_arena *a, size_t size);
/* size bytes aligned for any scalar, or NULL when out of memory or over the limit. */
static inline void *hc_arena_alloc(struct hc_arena *a, size_t size)
{
    size_t need = (size + 15u) & ~(size_t)15u; /* the arena's alignment */
    if (need >= size && need != 0 && a->cur && (size_t)(a->end - a->cur) >= need) {
        void *p = a->cur; /* the common case, inline: room in the current chunk */
        a->cur += need;
        return p;
    }
    return hc_arena_alloc_slow(a, size);
}
/* As hc_arena_alloc, zeroed. */
void *hc_arena_zalloc(struct hc_arena *a, size_t size);
/* count * size bytes, NULL on overflow too. */
void *hc_arena_array(struct hc_arena *a, size_t count, size_t size);
/*
 * Grows the newest allocation p (of old bytes) to size bytes in place when it is
 * the last thing allocated, otherwise copies.  NULL on failure (p stays valid).
 */
void *hc_arena_realloc(struct hc_arena *a, void *p, size_t old, size_t size);
/* A NUL-terminated copy of n bytes of s (s may hold NULs). */
char *hc_arena_strndup(struct hc_arena *a, const char *s, size_t n);
/* A copy of a C string. */
char *hc_arena_strdup(struct hc_arena *a, const char *s);
/* printf into the arena; NULL on failure. */
char *hc_arena_printf(struct hc_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
