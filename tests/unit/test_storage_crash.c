/*
 * test_storage_crash.c - the file driver under SIGKILL and under concurrent
 * writers.
 *
 * Each worker process repeats what an upgrade does to storage: take the
 * release lock, read the last revision, create last+1 (pending, pruning to
 * the history limit first), supersede the previous one, mark the new one
 * deployed, log the revision it created, unlock.
 *
 * Crash safety: workers are SIGKILLed at random moments until at least
 * CRASH_MIN_REVISIONS revisions were created; after every kill each stored
 * file must decode, the newest revision must never go down, the revisions
 * kept must be the newest ones without gaps (one older deployed revision
 * aside, which pruning spares), and no revision may be logged twice.
 *
 * Concurrency: CONC_WORKERS processes create CONC_OPS revisions each at the
 * same time with no history limit; afterwards revisions 1..N all exist, each
 * created by exactly one worker.  Both parts use memory-backed files when
 * there are some: they test kills and locking, not durability, and fsync
 * would take most of their time (test_storage writes to disk).
 */
#include "test.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "base/buf.h"
#include "storage_util.h"

#define CRASH_MIN_REVISIONS 1000
#define CRASH_HISTORY_MAX   10
#define CONC_WORKERS        4
#define CONC_OPS            60
#define REL                 "crash"

/* One upgrade's storage steps; returns the revision created, 0 on failure. */
static int64_t next_revision(struct hc_storage *s, int logfd)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    int64_t created = 0;
    if (hc_storage_lock(s, NULL, REL, true, &err) != HC_OK)
        goto out;
    struct hc_release *last = NULL;
    int64_t v = 1;
    if (hc_storage_last(s, &a, NULL, REL, &last, &err) == HC_OK)
        v = last->version + 1;
    else if (err.code != HC_ERR_NOT_FOUND)
        goto unlock;
    hc_error_release(&err);
    struct hc_release *r = su_record(&a, "default", REL, v, "pending-upgrade");
    if (hc_storage_create(s, r, &err) != HC_OK)
        goto unlock;
    if (last) {
        last->info->status = su_str("superseded");
        if (hc_storage_update(s, last, &err) != HC_OK)
            goto unlock;
    }
    r->info->status = su_str("deployed");
    if (hc_storage_update(s, r, &err) != HC_OK)
        goto unlock;
    char line[64];
    int n = snprintf(line, sizeof line, "%lld\n", (long long)v);
    if (write(logfd, line, (size_t)n) == n)
        created = v;
unlock:
    hc_storage_unlock(s, NULL, REL);
out:
    if (err.code != HC_OK)
        fprintf(stderr, "worker %d: %s\n", (int)getpid(), hc_error_msg(&err));
    hc_error_release(&err);
    hc_arena_free(&a);
    return created;
}

/* A worker: ops revisions (forever when 0), then _exit (0 when all succeeded). */
static void worker(const char *home, int history_max, const char *logpath, int ops)
{
    int logfd = open(logpath, O_WRONLY | O_APPEND | O_CREAT, 0600);
    struct hc_storage_driver *d;
    if (logfd < 0 || hc_storage_file_new(home, &d, NULL) != HC_OK)
        _exit(2);
    struct hc_storage s = {d, history_max};
    for (int i = 0; ops == 0 || i < ops; i++)
        if (next_revision(&s, logfd) == 0)
            _exit(1);
    hc_storage_driver_free(d);
    close(logfd);
    _exit(0);
}

/* Every revision number in a log file, counted (counts[v]++), v < max. */
static void read_log(const char *path, unsigned char *counts, size_t max)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    long long v;
    while (fscanf(fp, "%lld", &v) == 1) {
        assert_true(v > 0 && (size_t)v < max);
        assert_int_equal(counts[v], 0); /* no revision created twice */
        counts[v]++;
    }
    fclose(fp);
}

/*
 * Checks the store after a kill and returns its newest revision: every file
 * decodes, nothing is left half-written, the kept revisions are the newest
 * contiguous run plus at most one older deployed one.
 */
static int64_t check_store(const char *home)
{
    struct hc_storage_driver *d;
    assert_int_equal(hc_storage_file_new(home, &d, NULL), HC_OK);
    struct hc_storage s = {d, CRASH_HISTORY_MAX};
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    /* Taking the lock clears what killed writers left behind. */
    assert_int_equal(hc_storage_lock(&s, NULL, REL, true, &err), HC_OK);
    struct hc_release_list l;
    int64_t top = 0;
    hc_status rc = hc_storage_history(&s, &a, NULL, REL, &l, &err);
    if (rc == HC_OK) {
        for (size_t i = 0; i < l.nskipped; i++)
            fail_msg("unreadable %s: %s", l.skipped[i].key, l.skipped[i].reason);
        assert_true(l.n <= CRASH_HISTORY_MAX);
        top = l.v[l.n - 1]->version;
        size_t i = l.n - 1;
        while (i > 0 && l.v[i - 1]->version == l.v[i]->version - 1)
            i--;
        /* below the contiguous run: nothing, or one revision still deployed */
        assert_true(i <= 1);
        if (i == 1)
            assert_true(su_status_is(l.v[0], "deployed"));
    } else {
        assert_int_equal(rc, HC_ERR_NOT_FOUND);
        hc_error_release(&err);
    }
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/releases/default/" REL, home);
    DIR *dp = opendir(dir);
    struct dirent *de;
    while (dp && (de = readdir(dp)) != NULL)
        assert_true(strncmp(de->d_name, ".tmp-", 5) != 0);
    if (dp)
        closedir(dp);
    hc_storage_unlock(&s, NULL, REL);
    hc_arena_free(&a);
    hc_storage_driver_free(d);
    return top;
}

static void test_crash(void **state)
{
    (void)state;
    /* A SIGKILL loses no page cache, so memory-backed files test the same thing faster. */
    char *home = su_tempdir_in(true);
    assert_non_null(home);
    char logpath[4200];
    snprintf(logpath, sizeof logpath, "%s/log", home);
    unsigned seed = (unsigned)time(NULL);
    print_message("seed %u\n", seed);
    srand(seed);
    int64_t top = 0;
    unsigned kills = 0, early = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (top < CRASH_MIN_REVISIONS) {
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            worker(home, CRASH_HISTORY_MAX, logpath, 0);
        /*
         * Up to 80 ms: a revision takes ~10 ms here (ASan build) and a fork ~25 ms, so each
         * worker makes several revisions and is cut off at a random step of the next.
         */
        struct timespec nap = {0, (long)(rand() % 80000) * 1000L};
        nanosleep(&nap, NULL);
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (WIFSIGNALED(status))
            kills++;
        else
            early++; /* a worker only exits on an error */
        int64_t now = check_store(home);
        assert_true(now >= top); /* no revision lost */
        top = now;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_int_equal(early, 0);
    size_t max = (size_t)top + 2;
    unsigned char *counts = calloc(max, 1);
    read_log(logpath, counts, max);
    size_t logged = 0;
    for (size_t v = 1; v < max; v++)
        logged += counts[v];
    print_message("%lld revisions created, %zu logged, %u workers killed, %.1f s\n", (long long)top,
                  logged, kills,
                  (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    /* a worker killed between create and log leaves one unlogged revision, no more */
    assert_true(logged + kills >= (size_t)top);
    free(counts);
    su_rm_rf(home);
    free(home);
}

static void test_concurrent(void **state)
{
    (void)state;
    char *home = su_tempdir_in(true);
    assert_non_null(home);
    char logs[CONC_WORKERS][4200];
    pid_t pids[CONC_WORKERS];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    fflush(NULL);
    for (int w = 0; w < CONC_WORKERS; w++) {
        snprintf(logs[w], sizeof logs[w], "%s/log%d", home, w);
        pids[w] = fork();
        assert_true(pids[w] >= 0);
        if (pids[w] == 0)
            worker(home, 0, logs[w], CONC_OPS);
    }
    for (int w = 0; w < CONC_WORKERS; w++) {
        int status;
        assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    print_message("%d workers, %d revisions each, %.1f s\n", CONC_WORKERS, CONC_OPS,
                  (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    const size_t total = CONC_WORKERS * CONC_OPS;
    unsigned char counts[CONC_WORKERS * CONC_OPS + 2] = {0};
    for (int w = 0; w < CONC_WORKERS; w++)
        read_log(logs[w], counts, sizeof counts);
    for (size_t v = 1; v <= total; v++)
        assert_int_equal(counts[v], 1);

    struct hc_storage_driver *d;
    assert_int_equal(hc_storage_file_new(home, &d, NULL), HC_OK);
    struct hc_storage s = {d, 0};
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_release_list l;
    assert_int_equal(hc_storage_history(&s, &a, NULL, REL, &l, NULL), HC_OK);
    assert_int_equal(l.n, total);
    assert_int_equal(l.nskipped, 0);
    for (size_t i = 0; i < l.n; i++) {
        assert_int_equal(l.v[i]->version, (int64_t)i + 1);
        assert_true(su_status_is(l.v[i], i + 1 == l.n ? "deployed" : "superseded"));
    }
    hc_arena_free(&a);
    hc_storage_driver_free(d);
    su_rm_rf(home);
    free(home);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crash),
        cmocka_unit_test(test_concurrent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
