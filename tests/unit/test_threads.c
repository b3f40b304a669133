/*
 * test_threads.c - the thread budget (the processors online, HELMC_THREADS when it is a
 * positive number, never more than asked for and never less than one) and the parallel
 * loop (every item once, on a worker index in range; a false return stops it).
 */
#include "test.h"

#include <unistd.h>

#include <stdatomic.h>

#include "base/pool.h"
#include "base/threads.h"

static void test_budget(void **state)
{
    (void)state;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned online = cpus > 0 ? (unsigned)cpus : 1;
    unsetenv("HELMC_THREADS");
    assert_int_equal(hc_threads(64), online < 64 ? online : 64);
    assert_int_equal(hc_threads(1), 1);
    assert_int_equal(hc_threads(0), 1);
    setenv("HELMC_THREADS", "1", 1);
    assert_int_equal(hc_threads(8), 1);
    setenv("HELMC_THREADS", "5", 1);
    assert_int_equal(hc_threads(8), 5);
    assert_int_equal(hc_threads(3), 3);
    const char *ignored[] = {"0", "-2", "x", "3x", ""};
    for (size_t i = 0; i < ARRAY_LEN(ignored); i++) {
        setenv("HELMC_THREADS", ignored[i], 1);
        assert_int_equal(hc_threads(64), online < 64 ? online : 64);
    }
    unsetenv("HELMC_THREADS");
}

#define NITEMS 10000

struct loop {
    atomic_int seen[NITEMS];
    atomic_int bad_worker;
    unsigned nworkers;
    size_t stop_at; /* NITEMS: never */
};

static bool visit(void *ctx, unsigned worker, size_t i)
{
    struct loop *l = ctx;
    if (worker >= l->nworkers)
        atomic_fetch_add(&l->bad_worker, 1);
    atomic_fetch_add(&l->seen[i], 1);
    return i != l->stop_at;
}

static void test_pool(void **state)
{
    (void)state;
    static struct loop l;
    const unsigned counts[] = {1, 2, 4, 8};
    for (size_t c = 0; c < ARRAY_LEN(counts); c++) {
        memset(&l, 0, sizeof l);
        l.nworkers = counts[c];
        l.stop_at = NITEMS;
        hc_pool_run(NITEMS, counts[c], visit, &l);
        for (size_t i = 0; i < NITEMS; i++)
            assert_int_equal(atomic_load(&l.seen[i]), 1);
        assert_int_equal(atomic_load(&l.bad_worker), 0);
    }
    /* a false return stops the handing out: on one worker nothing after it runs */
    memset(&l, 0, sizeof l);
    l.nworkers = 1;
    l.stop_at = 10;
    hc_pool_run(NITEMS, 1, visit, &l);
    assert_int_equal(atomic_load(&l.seen[10]), 1);
    assert_int_equal(atomic_load(&l.seen[11]), 0);
    hc_pool_run(0, 4, visit, &l); /* no items: nothing runs */
    assert_int_equal(atomic_load(&l.seen[0]), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_budget), cmocka_unit_test(test_pool)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
