/*
 * test_orphans_corpus.c - every `helm template` output of the shared chart corpus
 * (the .out files under ../shared/corpus/golden, as helm v4 printed them) read as a stored manifest:
 * each must split into resources without error, one per top-level "kind:" line (the
 * corpus holds no List), each with a kind, a name and a namespace unless cluster-scoped.  A rendering is a manifest plus hooks, so
 * this is the real-world shape of what release records hold.  Skipped without the corpus.
 */
#define _XOPEN_SOURCE 700
#include "test.h"

#include <ftw.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "helmc/orphans.h"

#define CORPUS HELMC_SHARED_DIR "/corpus/golden"

static size_t files, resources, failures;

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)ftw;
    size_t n = strlen(path);
    if (type != FTW_F || n < 4 || strcmp(path + n - 4, ".out") != 0)
        return 0;
    size_t len;
    char *text = test_slurp(path, &len);
    if (!text)
        return 0;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_manifest m;
    files++;
    if (hc_manifest_parse(&a, (hc_rstr){text, len}, (hc_rstr){"default", 7}, path, &m, &err)) {
        failures++;
        print_message("%s\n", hc_error_msg(&err));
        hc_error_release(&err);
    } else {
        resources += m.n;
        size_t kinds = 0;
        for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
            kinds += strncmp(p, "kind:", 5) == 0;
        if (kinds != m.n) {
            failures++;
            print_message("%s: %zu kind lines, %zu resources\n", path, kinds, m.n);
        }
        for (size_t i = 0; i < m.n; i++)
            if (!m.v[i].kind.n || !m.v[i].name.n || (!m.v[i].cluster_scoped && !m.v[i].namespace_.n))
                failures++;
    }
    hc_arena_free(&a);
    free(text);
    return 0;
}

static void test_corpus(void **state)
{
    (void)state;
    struct stat st;
    if (stat(CORPUS, &st) != 0)
        skip();
    assert_int_equal(nftw(CORPUS, visit, 16, FTW_PHYS), 0);
    print_message("%zu renderings, %zu resources\n", files, resources);
    assert_true(files > 300);
    assert_true(resources > 4000);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
