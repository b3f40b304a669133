/*
 * threads.h - how many threads a parallel step may use.
 */
#ifndef HC_BASE_THREADS_H
#define HC_BASE_THREADS_H

/*
 * The number of threads (the calling one included) for work that can use up to max:
 * the processors online, or HELMC_THREADS when it is set to a positive number (1 turns
 * every worker thread off), never more than max and never less than 1.
 */
unsigned hc_threads(unsigned max);

#endif
