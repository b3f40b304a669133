/*
 * alloc.c - allocation wrappers with fault injection (see alloc.h).
 *
 * The counters are per thread: fault injection is a test-only mode that fails
 * the allocations of the thread that asked for it (other threads never fail).
 */
#include "base/alloc.h"

#include <stdlib.h>

static _Thread_local long fail_countdown = -1; /* < 0: never fail */
static _Thread_local long alloc_count;

static int should_fail(void)
{
    alloc_count++;
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown == 0)
        return 1;
    fail_countdown--;
    return 0;
}

long hc_alloc_fail_after(long n)
{
    long c = alloc_count;
    alloc_count = 0;
    fail_countdown = n;
    return c;
}

void *hc_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *hc_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *hc_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void hc_free(void *p)
{
    free(p);
}
