/*
 * test_chartlock.c - Chart.lock as helm v4.1.4 reads, writes and digests it
 * (include/helmc/dependency.h).
 *
 * The expected digests and lock texts are what `helm dependency update` wrote for the
 * same Chart.yaml files (the generated time aside, which the tests fix).
 */
#include "test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/chart.h"
#include "helmc/dependency.h"

/* import-values' "parent: y" is YAML 1.1's true, which the digest must see as JSON true */
static const char chart_full[] = "apiVersion: v2\n"
                                 "name: parent\n"
                                 "version: 0.1.0\n"
                                 "dependencies:\n"
                                 "- name: sub\n"
                                 "  version: \"^1.0.0\"\n"
                                 "  repository: \"file://../sub\"\n"
                                 "  condition: sub.enabled\n"
                                 "  tags: [a, b]\n"
                                 "  import-values:\n"
                                 "  - child: \"x<&>\"\n"
                                 "    parent: y\n"
                                 "  - z\n"
                                 "  alias: s1\n";

static const char chart_two[] = "apiVersion: v2\n"
                                "name: m2\n"
                                "version: 0.1.0\n"
                                "dependencies:\n"
                                "- name: sub\n"
                                "  version: \">=1.0.0 <2\"\n"
                                "  repository: \"\"\n"
                                "  alias: first\n"
                                "- name: other\n"
                                "  version: 0.3.0-rc.1\n"
                                "  repository: file://../other\n"
                                "  enabled: true\n"
                                "  tags:\n"
                                "  - t1\n";

/* helm's Chart.lock for chart_two */
static const char lock_two[] = "dependencies:\n"
                               "- name: sub\n"
                               "  repository: \"\"\n"
                               "  version: '>=1.0.0 <2'\n"
                               "- name: other\n"
                               "  repository: file://../other\n"
                               "  version: 0.3.0-rc.1\n"
                               "digest: "
                               "sha256:26cb060132f19478ebdf55a89c1602082d44f2e48495fd01b2107c9dff228a29\n"
                               "generated: \"2026-11-23T14:15:52.007083711Z\"\n";

/* Chart.yaml's dependencies, as the chart library loads them. */
static struct hc_chart *load(const char *text, hc_val *deps)
{
    char dir[] = "/tmp/helmc-test-chartlock-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/Chart.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    struct hc_chart *c = NULL;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_chart_load_dir(dir, NULL, &c, &err), HC_OK);
    hc_error_release(&err);
    unlink(path);
    rmdir(dir);
    *deps = hc_null();
    hc_map_get(hc_chart_metadata(c).u.m, "Dependencies", 12, deps);
    return c;
}

/* A Go-named dependency with the fields a resolved lock entry has. */
static hc_val locked(struct hc_arena *a, const char *name, const char *repo, const char *version)
{
    struct hc_map *m = hc_map_new(a, 3);
    assert_non_null(m);
    hc_map_set(a, m, "Name", 4, hc_strn(name, strlen(name)));
    hc_map_set(a, m, "Repository", 10, hc_strn(repo, strlen(repo)));
    hc_map_set(a, m, "Version", 7, hc_strn(version, strlen(version)));
    return hc_map_val(m, HC_GT_MAP);
}

static void expect_digest(hc_val req, hc_val lock, const char *want)
{
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_chart_lock_digest(req, lock, &b, &err), HC_OK);
    assert_string_equal(hc_buf_str(&b), want);
    hc_buf_release(&b);
    hc_error_release(&err);
}

static void test_digest_all_fields(void **state)
{
    (void)state;
    hc_val req;
    struct hc_chart *c = load(chart_full, &req);
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_list *l = hc_list_new(&a, 1);
    l->items[0] = locked(&a, "sub", "file://../sub", "1.2.3");
    expect_digest(req, hc_list_val(l, HC_GT_LIST),
                  "sha256:36d68b7bc2ce8ac9da24a80236503ae813b1f75dd37f29ca64814bd7ce0c88b1");
    hc_arena_free(&a);
    hc_chart_free(c);
}

static void test_digest_two_and_nil(void **state)
{
    (void)state;
    hc_val req;
    struct hc_chart *c = load(chart_two, &req);
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_list *l = hc_list_new(&a, 2);
    l->items[0] = locked(&a, "sub", "", ">=1.0.0 <2");
    l->items[1] = locked(&a, "other", "file://../other", "0.3.0-rc.1");
    expect_digest(req, hc_list_val(l, HC_GT_LIST),
                  "sha256:26cb060132f19478ebdf55a89c1602082d44f2e48495fd01b2107c9dff228a29");
    /* json.Marshal([2][]*Dependency{nil, nil}) is [null,null] */
    expect_digest(hc_null(), hc_null(),
                  "sha256:95cb9b4f84ceff132cc7a875d8c192bf4997016a939ee64141c1fd628c0e8738");
    hc_arena_free(&a);
    hc_chart_free(c);
}

/* helm's file read back, written again, byte for byte; its digest matches Chart.yaml's. */
static void test_read_write_helm_lock(void **state)
{
    (void)state;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_chart_lock lock;
    bool present = false;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_chart_lock_read(&a, lock_two, strlen(lock_two), "Chart.lock", &lock,
                                        &present, &err),
                     HC_OK);
    assert_true(present);
    assert_string_equal(lock.generated, "2026-11-23T14:15:52.007083711Z");
    assert_int_equal(lock.deps.u.l->len, 2);
    hc_val v;
    assert_true(hc_map_get(lock.deps.u.l->items[0].u.m, "Version", 7, &v));
    assert_true(hc_val_is_str(v, ">=1.0.0 <2", 10));
    struct hc_buf b = HC_BUF_INIT;
    assert_int_equal(hc_chart_lock_write(&b, &lock, &err), HC_OK);
    assert_string_equal(hc_buf_str(&b), lock_two);
    hc_buf_release(&b);
    hc_val req;
    struct hc_chart *c = load(chart_two, &req);
    expect_digest(req, lock.deps, lock.digest);
    hc_chart_free(c);
    hc_error_release(&err);
    hc_arena_free(&a);
}

static void test_read_errors(void **state)
{
    (void)state;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_chart_lock lock;
    bool present = true;
    struct hc_error err;
    hc_error_init(&err);
    const char *bad = "dependencies: [\n";
    assert_int_not_equal(
        hc_chart_lock_read(&a, bad, strlen(bad), "Chart.lock", &lock, &present, &err), HC_OK);
    assert_string_equal(hc_error_msg(&err), "cannot load Chart.lock: error converting YAML to "
                                            "JSON: yaml: line 1: did not find expected node "
                                            "content");
    hc_error_release(&err);
    hc_error_init(&err);
    assert_int_not_equal(
        hc_chart_lock_read(&a, bad, strlen(bad), "requirements.lock", &lock, &present, &err),
        HC_OK);
    assert_non_null(strstr(hc_error_msg(&err), "cannot load requirements.lock: "));
    hc_error_release(&err);
    /* encoding/json's type errors, as helm's loader reports them */
    static const struct {
        const char *text, *msg;
    } kinds[] = {
        {"- a\n", "cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: json: "
                  "cannot unmarshal array into Go value of type v2.Lock"},
        {"dependencies: x\n",
         "cannot load Chart.lock: error unmarshaling JSON: while decoding JSON: json: cannot "
         "unmarshal string into Go struct field Lock.dependencies of type []*v2.Dependency"},
    };
    for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
        hc_error_init(&err);
        assert_int_not_equal(hc_chart_lock_read(&a, kinds[i].text, strlen(kinds[i].text),
                                                "Chart.lock", &lock, &present, &err),
                             HC_OK);
        assert_string_equal(hc_error_msg(&err), kinds[i].msg);
        hc_error_release(&err);
    }
    /* an empty document: no lock at all */
    hc_error_init(&err);
    assert_int_equal(hc_chart_lock_read(&a, "", 0, "Chart.lock", &lock, &present, &err), HC_OK);
    assert_false(present);
    hc_error_release(&err);
    hc_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digest_all_fields),
        cmocka_unit_test(test_digest_two_and_nil),
        cmocka_unit_test(test_read_write_helm_lock),
        cmocka_unit_test(test_read_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
