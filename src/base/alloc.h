/*
 * alloc.h - the one place helmc takes memory from the C library.
 *
 * Every malloc/realloc in the library goes through these wrappers so that the
 * torture tests can fail the Nth allocation (hc_alloc_fail_after) and check
 * that each caller fails cleanly and leaks nothing.  Overflow-checked size
 * helpers live here too: sizes that come from input are checked before use.
 */
#ifndef HC_BASE_ALLOC_H
#define HC_BASE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

void *hc_malloc(size_t n);
void *hc_calloc(size_t count, size_t size);
void *hc_realloc(void *p, size_t n);
void hc_free(void *p);

/*
 * Fault injection, per thread: after n more successful allocations every allocation fails,
 * until hc_alloc_fail_after(-1) switches it off.  Returns how many allocations
 * happened since the last call (so a test can learn how many there are).
 */
long hc_alloc_fail_after(long n);

/* a * b or SIZE_MAX on overflow (SIZE_MAX never fits in a ceiling). */
static inline size_t hc_mul_size(size_t a, size_t b)
{
    size_t r;
    return __builtin_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

/* a + b or SIZE_MAX on overflow. */
static inline size_t hc_add_size(size_t a, size_t b)
{
    size_t r;
    return __builtin_add_overflow(a, b, &r) ? SIZE_MAX : r;
}

#endif
