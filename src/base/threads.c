/*
 * threads.c - the thread budget (threads.h).
 */
#include "base/threads.h"

#include <stdlib.h>
#include <unistd.h>

unsigned hc_threads(unsigned max)
{
    long n = 0;
    const char *env = getenv("HELMC_THREADS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v > 0)
            n = v;
    }
    if (n <= 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return (unsigned long)n < max ? (unsigned)n : (max ? max : 1);
}
