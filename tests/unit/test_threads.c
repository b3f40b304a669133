/*
 * test_threads.c - the thread budget: the processors online, HELMC_THREADS when it is a
 * positive number, never more than asked for and never less than one.
 */
#include "test.h"

#include <unistd.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_budget)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
