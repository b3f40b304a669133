/*
 * test_repo_load.c - reading an index as helm v4.1.4's loadIndex/LoadIndexFile and
 * IndexFile.Get do.  Every expected message is the one helm printed for the same file
 * (through `helm repo index --merge FILE`, which prefixes "merge failed: ").
 */
#include "test.h"

#include <unistd.h>

#include "helmc/repo.h"

static const char index_yaml[] = "apiVersion: v1\n"
                                 "entries:\n"
                                 "  alpha:\n"
                                 "  - name: alpha\n"
                                 "    version: 1.2.0\n"
                                 "    appVersion: \"1.10\"\n"
                                 "    description: Alpha chart\n"
                                 "    urls: [alpha-1.2.0.tgz]\n"
                                 "    digest: abc\n"
                                 "    created: \"2024-01-02T03:04:05Z\"\n"
                                 "    keywords: [a, b]\n"
                                 "    deprecated: true\n"
                                 "    annotations: {z: last, a: first}\n"
                                 "    dependencies:\n"
                                 "    - name: sub\n"
                                 "      version: ~1\n"
                                 "      repository: https://example.com\n"
                                 "      import-values: [x, {child: a, parent: b}]\n"
                                 "  - name: alpha\n"
                                 "    version: 1.10.0\n"
                                 "    urls: [alpha-1.10.0.tgz]\n"
                                 "  - name: alpha\n"
                                 "    version: 2.0.0-rc.1\n"
                                 "    urls: [alpha-2.0.0-rc.1.tgz]\n"
                                 "  - name: alpha\n"
                                 "    version: not-semver\n"
                                 "  -\n"
                                 "  beta:\n"
                                 "  - name: beta\n"
                                 "    version: 0.1.0\n"
                                 "    maintainers: [{name: Ann, email: ann@example.com}]\n"
                                 "generated: \"2024-01-02T03:04:05Z\"\n";

static int warnings;
static char last_warning[512];

static void on_warn(void *ctx, const char *msg)
{
    (void)ctx;
    warnings++;
    snprintf(last_warning, sizeof last_warning, "%s", msg);
}

static void test_load_all(void **state)
{
    (void)state;
    struct hc_repo_index *ix = NULL;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_repo_load_opts o = {.warn = on_warn};
    warnings = 0;
    assert_int_equal(
        hc_repo_index_load_buf(index_yaml, sizeof index_yaml - 1, "src", &o, &ix, &err), HC_OK);
    assert_int_equal(warnings, 2); /* the empty entry and the bad version */
    assert_string_equal(last_warning, "skipping loading invalid entry for chart \"alpha\" from "
                                      "src: empty entry");
    assert_string_equal(ix->api_version, "v1");
    assert_int_equal(ix->n_charts, 2);
    const struct hc_repo_chart *a = hc_repo_index_chart(ix, "alpha");
    assert_non_null(a);
    assert_int_equal(a->n_versions, 3);
    assert_string_equal(a->versions[0].version, "2.0.0-rc.1");
    assert_string_equal(a->versions[1].version, "1.10.0");
    assert_string_equal(a->versions[2].version, "1.2.0");
    const struct hc_repo_version *v = &a->versions[2];
    assert_string_equal(v->app_version, "1.10");
    assert_string_equal(v->description, "Alpha chart");
    assert_int_equal(v->n_urls, 1);
    assert_string_equal(v->urls[0], "alpha-1.2.0.tgz");
    assert_string_equal(v->digest, "abc");
    assert_string_equal(v->created, "2024-01-02T03:04:05Z");
    assert_true(v->deprecated);
    assert_string_equal(v->api_version, "v1");
    assert_int_equal(v->n_keywords, 2);
    assert_int_equal(v->n_annotations, 2);
    assert_string_equal(v->annotation_keys[0], "a");
    assert_string_equal(v->annotation_values[0], "first");
    assert_int_equal(v->n_deps, 1);
    assert_string_equal(v->deps[0].version, "~1");
    assert_string_equal(v->deps[0].repository, "https://example.com");
    const struct hc_repo_chart *b = hc_repo_index_chart(ix, "beta");
    assert_int_equal(b->versions[0].n_maintainers, 1);
    assert_string_equal(b->versions[0].maintainers[0].email, "ann@example.com");
    assert_null(hc_repo_index_chart(ix, "gamma"));

    /* IndexFile.Get */
    const struct hc_repo_version *got = NULL;
    bool fell = false;
    assert_int_equal(hc_repo_index_get(ix, "alpha", "", &got, &fell, &err), HC_OK);
    assert_string_equal(got->version, "1.10.0"); /* newest stable */
    assert_int_equal(hc_repo_index_get(ix, "alpha", "^1.2", &got, &fell, &err), HC_OK);
    assert_string_equal(got->version, "1.10.0");
    assert_true(fell); /* helm v4.1.4 warns for a range too */
    assert_int_equal(hc_repo_index_get(ix, "alpha", "1.2", &got, &fell, &err), HC_OK);
    assert_string_equal(got->version, "1.2.0");
    assert_true(fell);
    assert_int_equal(hc_repo_index_get(ix, "alpha", "2.0.0-rc.1", &got, &fell, &err), HC_OK);
    assert_string_equal(got->version, "2.0.0-rc.1");
    assert_int_equal(hc_repo_index_get(ix, "alpha", "9.9.9", &got, NULL, &err), HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&err), "no chart version found for alpha-9.9.9");
    hc_error_release(&err);
    assert_int_equal(hc_repo_index_get(ix, "nope", "", &got, NULL, &err), HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&err), "no chart name found");
    hc_error_release(&err);
    hc_repo_index_free(ix);
}

static void test_filter(void **state)
{
    (void)state;
    const char *names[] = {"beta"};
    struct hc_repo_load_opts o = {.names = names, .n_names = 1, .warn = on_warn};
    struct hc_repo_index *ix = NULL;
    struct hc_error err;
    hc_error_init(&err);
    warnings = 0;
    assert_int_equal(
        hc_repo_index_load_buf(index_yaml, sizeof index_yaml - 1, "src", &o, &ix, &err), HC_OK);
    assert_int_equal(warnings, 0); /* alpha was never looked at */
    assert_int_equal(ix->n_charts, 1);
    assert_string_equal(ix->charts[0].name, "beta");
    hc_repo_index_free(ix);

    /* YAML is decoded strictly also where it is not kept, as helm decodes it all */
    static const char bad[] = "apiVersion: v1\nentries:\n  alpha:\n  - name: alpha\n"
                              "    version: 1.0.0\n    bogus: 1\n";
    assert_int_equal(hc_repo_index_load_buf(bad, sizeof bad - 1, "src", &o, &ix, &err),
                     HC_ERR_PARSE);
    assert_string_equal(hc_error_msg(&err), "error unmarshaling JSON: while decoding JSON: "
                                            "json: unknown field \"bogus\"");
    hc_error_release(&err);

    struct hc_repo_load_opts all = {.names_only = true};
    assert_int_equal(
        hc_repo_index_load_buf(index_yaml, sizeof index_yaml - 1, "src", &all, &ix, &err), HC_OK);
    assert_int_equal(ix->n_charts, 2);
    assert_int_equal(ix->charts[0].n_versions, 0);
    hc_repo_index_free(ix);
}

static void test_json(void **state)
{
    (void)state;
    static const char js[] = "{\"apiVersion\":\"v1\",\"extra\":1,\"entries\":{\"c\":[{\"name\":"
                             "\"c\",\"version\":\"0.1.0\",\"urls\":[\"u\\/c.tgz\"]}]}}";
    struct hc_repo_index *ix = NULL;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_repo_index_load_buf(js, sizeof js - 1, "s", NULL, &ix, &err), HC_OK);
    assert_string_equal(ix->charts[0].versions[0].urls[0], "u/c.tgz");
    hc_repo_index_free(ix);

    /* ChartVersion's own string fields take a number, as helm's decoding converts it there
     * (Metadata's fields refuse one: test_errors) */
    static const char own[] = "apiVersion: v1\nentries:\n  x:\n  - name: x\n"
                              "    version: 1.0.0\n    digest: 12345\n    engine: true\n";
    assert_int_equal(hc_repo_index_load_buf(own, sizeof own - 1, "s", NULL, &ix, &err), HC_OK);
    assert_string_equal(ix->charts[0].versions[0].digest, "12345");
    hc_repo_index_free(ix);
}

struct bad {
    const char *in, *msg;
};

static void test_errors(void **state)
{
    (void)state;
    static const struct bad cases[] = {
        {"",                                                                                        "empty index.yaml file"   },
        {"entries: {}\n",                                                                           "no API version specified"},
        {"apiVersion: v1\nfoo: 1\n",
         "error unmarshaling JSON: while decoding JSON: json: unknown field \"foo\""                                          },
        {"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    bogus: 2\n",
         "error unmarshaling JSON: while decoding JSON: json: unknown field \"bogus\""                                        },
        {"apiVersion: v1\nentries: [1]\n",
         "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go "
         "struct field IndexFile.entries of type map[string]repo.ChartVersions"                                               },
        {"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    urls: x\n",
         "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go "
         "struct field ChartVersion.entries.urls of type []string"                                                            },
        {"apiVersion: v1\nentries:\n  a: 3\n",
         "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go "
         "struct field IndexFile.entries of type repo.ChartVersions"                                                          },
        {"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    deprecated: 3\n",
         "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go "
         "struct field ChartVersion.entries.Metadata.deprecated of type bool"                                                 },
        {"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    appVersion: 1.10\n",
         "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go "
         "struct field ChartVersion.entries.Metadata.appVersion of type string"                                               },
        {"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    appVersion: true\n",
         "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal bool into Go "
         "struct field ChartVersion.entries.Metadata.appVersion of type string"                                               },
        {"a: b: c\n",
         "error converting YAML to JSON: yaml: mapping values are not allowed in this context"                                },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_repo_index *ix = NULL;
        struct hc_error err;
        hc_error_init(&err);
        hc_status rc =
            hc_repo_index_load_buf(cases[i].in, strlen(cases[i].in), "s", NULL, &ix, &err);
        if (rc == HC_OK || strcmp(hc_error_msg(&err), cases[i].msg) != 0)
            fail_msg("case %zu: got %d \"%s\", want \"%s\"", i, rc, hc_error_msg(&err),
                     cases[i].msg);
        hc_error_release(&err);
    }
}

static void test_file(void **state)
{
    (void)state;
    char path[] = "/tmp/helmc-load-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "entries: {}\n", 12), 12);
    close(fd);
    struct hc_repo_index *ix = NULL;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_repo_index_load(path, NULL, &ix, &err), HC_ERR_PARSE);
    char want[128];
    snprintf(want, sizeof want, "error loading %s: no API version specified", path);
    assert_string_equal(hc_error_msg(&err), want);
    hc_error_release(&err);
    unlink(path);
    assert_int_equal(hc_repo_index_load(path, NULL, &ix, &err), HC_ERR_NOT_FOUND);
    hc_error_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_all), cmocka_unit_test(test_filter), cmocka_unit_test(test_json),
        cmocka_unit_test(test_errors),   cmocka_unit_test(test_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
