/*
 * pool.c - the parallel loop (pool.h).
 */
#include "base/pool.h"

#include <pthread.h>
#include <stdatomic.h>

#include "base/alloc.h"

struct pool {
    size_t n;
    atomic_size_t next;
    atomic_bool stop;
    hc_pool_fn fn;
    void *ctx;
};

struct worker {
    struct pool *p;
    unsigned index;
    pthread_t tid;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    struct pool *p = w->p;
    while (!atomic_load(&p->stop)) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n)
            break;
        if (!p->fn(p->ctx, w->index, i))
            atomic_store(&p->stop, true);
    }
    return NULL;
}

void hc_pool_run(size_t n, unsigned nworkers, hc_pool_fn fn, void *ctx)
{
    struct pool p = {.n = n, .fn = fn, .ctx = ctx};
    atomic_init(&p.next, 0);
    atomic_init(&p.stop, false);
    struct worker one = {&p, 0, 0};
    struct worker *w = nworkers > 1 ? hc_malloc(nworkers * sizeof *w) : NULL;
    if (!w) { /* one worker, or no memory for more: the calling thread does it all */
        work(&one);
        return;
    }
    unsigned started = 1;
    for (unsigned t = 0; t < nworkers; t++)
        w[t] = (struct worker){&p, t, 0};
    for (; started < nworkers; started++)
        if (pthread_create(&w[started].tid, NULL, work, &w[started]) != 0)
            break;
    work(&w[0]);
    for (unsigned t = 1; t < started; t++)
        pthread_join(w[t].tid, NULL);
    hc_free(w);
}
