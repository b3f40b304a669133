/*
 * test_lazylib.c - libraries opened on first use: a table filled from a real library,
 * the errors for a missing library and a missing symbol, and that the first answer is
 * kept; the libcurl and libpq tables the tool uses load.
 */
#include "test.h"

#include <math.h>

#include "base/lazylib.h"
#include "helmc/error.h"
#include "net/curl_api.h"
#include "storage/pq_api.h"

struct libm_api {
    HC_LAZYLIB_FIELD(cos)
    HC_LAZYLIB_FIELD(sqrt)
};

static void test_fills_table(void **state)
{
    (void)state;
    static const struct hc_lazylib_sym syms[] = {
        HC_LAZYLIB_SYM(struct libm_api, cos) HC_LAZYLIB_SYM(struct libm_api, sqrt)};
    struct libm_api api = {0};
    struct hc_lazylib lib = {.soname = "libm.so.6", .what = "a test", .syms = syms,
                             .nsyms = 2, .table = &api};
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_lazylib_load(&lib, &err), HC_OK);
    assert_non_null(api.sqrt);
    assert_true(api.sqrt(16.0) == 4.0);
    assert_true(api.cos(0.0) == 1.0);
    assert_int_equal(hc_lazylib_load(&lib, &err), HC_OK); /* once loaded, stays loaded */
}

static void test_missing_library(void **state)
{
    (void)state;
    static const struct hc_lazylib_sym syms[] = {HC_LAZYLIB_SYM(struct libm_api, cos)};
    struct libm_api api = {0};
    struct hc_lazylib lib = {.soname = "libhelmc-absent.so.7", .what = "nothing", .syms = syms,
                             .nsyms = 1, .table = &api};
    for (int i = 0; i < 2; i++) { /* the same error every time it is asked for */
        struct hc_error err;
        hc_error_init(&err);
        assert_int_equal(hc_lazylib_load(&lib, &err), HC_ERR_IO);
        const char *msg = hc_error_msg(&err);
        assert_non_null(strstr(msg, "cannot load libhelmc-absent.so.7 (needed for nothing): "));
        assert_non_null(strstr(msg, "libhelmc-absent.so.7"));
        hc_error_release(&err);
    }
    assert_null(api.cos);
}

static int no_such_function(void)
{
    return 0;
}

struct bad_api {
    HC_LAZYLIB_FIELD(cos)
    HC_LAZYLIB_FIELD(no_such_function)
};

static void test_missing_symbol(void **state)
{
    (void)state;
    (void)no_such_function();
    static const struct hc_lazylib_sym syms[] = {HC_LAZYLIB_SYM(struct bad_api, cos)
                                                     HC_LAZYLIB_SYM(struct bad_api, no_such_function)};
    struct bad_api api = {0};
    struct hc_lazylib lib = {.soname = "libm.so.6", .what = "a test", .syms = syms, .nsyms = 2,
                             .table = &api};
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_lazylib_load(&lib, &err), HC_ERR_IO);
    assert_string_equal(hc_error_msg(&err), "cannot load libm.so.6 (needed for a test): "
                                            "libm.so.6: undefined symbol no_such_function");
    hc_error_release(&err);
}

static void test_tool_tables(void **state)
{
    (void)state;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_curl_load(&err), HC_OK);
    assert_non_null(curl_easy_strerror(CURLE_OK)); /* through the redirected name */
    assert_int_equal(hc_pq_load(&err), HC_OK);
    char *msg = NULL;
    PQconninfoOption *o = PQconninfoParse("host=h dbname=d", &msg);
    assert_non_null(o);
    PQconninfoFree(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fills_table),
        cmocka_unit_test(test_missing_library),
        cmocka_unit_test(test_missing_symbol),
        cmocka_unit_test(test_tool_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
