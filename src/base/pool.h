/*
 * pool.h - a parallel loop: every item of [0, n) handed to the next free worker.
 */
#ifndef HC_BASE_POOL_H
#define HC_BASE_POOL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Does item i on worker `worker` (0 <= worker < the pool's nworkers, so per-worker state
 * can be indexed by it).  Returns false to stop the pool handing out further items.
 */
typedef bool (*hc_pool_fn)(void *ctx, unsigned worker, size_t i);

/*
 * Runs fn on every item of [0, n) (until one returns false) on nworkers workers: the
 * calling thread and nworkers - 1 threads; a thread that cannot be started leaves its
 * share to the others.  Returns when every item handed out is done.
 */
void hc_pool_run(size_t n, unsigned nworkers, hc_pool_fn fn, void *ctx);

#endif
