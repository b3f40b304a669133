/*
 * test_net.c - the network helpers that need no server: URL resolution as helm's
 * repo.ResolveReferenceURL, and transport errors worded as Go's net/http words them.
 * Transfers against a real server are tested end to end by tests/cli/t06*.sh.
 */
#include "test.h"

#include "base/buf.h"
#include "helmc/net.h"

static void test_resolve(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"https://ex.com/charts",       "foo-1.0.tgz",             "https://ex.com/charts/foo-1.0.tgz"  },
        {"https://ex.com/charts/",      "foo-1.0.tgz",             "https://ex.com/charts/foo-1.0.tgz"  },
        {"https://ex.com/charts/",      "../x.tgz",                "https://ex.com/x.tgz"               },
        {"https://ex.com/a/b",          "./c/./d.tgz",             "https://ex.com/a/b/c/d.tgz"         },
        {"https://ex.com/charts?key=1", "foo.tgz",                 "https://ex.com/charts/foo.tgz?key=1"},
        {"https://ex.com/charts?key=1", "foo.tgz?x=2",             "https://ex.com/charts/foo.tgz?key=1"},
        {"https://ex.com/charts",       "https://other.org/x.tgz", "https://other.org/x.tgz"            },
        {"https://ex.com/charts",       "/abs/x.tgz",              "https://ex.com/abs/x.tgz"           },
        {"https://ex.com/charts",       "//cdn.org/x.tgz",         "https://cdn.org/x.tgz"              },
        {"http://h:8080",               "a.tgz",                   "http://h:8080/a.tgz"                },
        {"http://h:8080",               "index.yaml",              "http://h:8080/index.yaml"           },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *got = hc_url_resolve(cases[i][0], cases[i][1]);
        assert_non_null(got);
        if (strcmp(got, cases[i][2]) != 0)
            fail_msg("%s + %s: got %s, want %s", cases[i][0], cases[i][1], got, cases[i][2]);
        free(got);
    }
}

static void test_refused(void **state)
{
    (void)state;
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    /* port 1 on loopback: nothing listens there */
    assert_int_not_equal(hc_http_get("http://127.0.0.1:1/index.yaml", NULL, &b, &err), HC_OK);
    assert_string_equal(hc_error_msg(&err), "Get \"http://127.0.0.1:1/index.yaml\": dial tcp "
                                            "127.0.0.1:1: connect: connection refused");
    hc_error_release(&err);
    assert_int_not_equal(hc_http_get("ftp://127.0.0.1:1/x", NULL, &b, &err), HC_OK);
    hc_error_release(&err);
    hc_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
