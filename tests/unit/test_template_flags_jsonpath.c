/*
 * test_template_flags_jsonpath.c - src/jsonpath (`helmc show values --jsonpath`) against
 * helm v4.1.4.
 *
 * jsonpath_cases.h holds what helm printed for each template over a chart whose
 * values.yaml is the YAML form of VALUES below (YAML 1.1 made "y" true and the key "on"
 * "true"; numbers are float64 either way).  A case with err must fail to parse with that
 * message; any other must parse and print out, or print nothing when it fails while
 * running (helm ignores that error).
 */
#include "test.h"

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/value.h"
#include "json/json.h"
#include "jsonpath/jsonpath.h"

static const char VALUES[] =
    "{\"replicas\":1,\"big\":1000000,\"pi\":3.5,\"name\":\"web\",\"enabled\":true,"
    "\"nothing\":null,\"empty\":{},\"list\":[\"a\",\"b\",\"c\"],"
    "\"nested\":{\"a\":{\"b\":\"deep\"},\"k.dot\":\"dotted\"},"
    "\"items\":[{\"name\":\"x\",\"port\":80,\"tags\":[\"t1\"]},{\"name\":true,\"port\":443},"
    "{\"name\":\"z\",\"port\":8080,\"true\":false}]}";

static const struct {
    const char *expr, *out, *err;
} cases[] = {
#include "jsonpath_cases.h"
};

static void test_helm_cases(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_arena a;
        hc_arena_init(&a, 0);
        struct hc_error err;
        hc_error_init(&err);
        hc_val v;
        assert_int_equal(hc_json_read(&a, VALUES, sizeof VALUES - 1, &v, &err), HC_OK);
        struct hc_jsonpath *jp;
        hc_status rc = hc_jsonpath_parse(&a, cases[i].expr, strlen(cases[i].expr), &jp, &err);
        struct hc_buf out = HC_BUF_INIT;
        if (cases[i].err) {
            if (rc != HC_ERR_PARSE || strcmp(hc_error_msg(&err), cases[i].err) != 0) {
                printf("case %zu %s: want parse error \"%s\", got %d \"%s\"\n", i, cases[i].expr,
                       cases[i].err, rc, hc_error_msg(&err));
                failed++;
            }
        } else if (rc != HC_OK) {
            printf("case %zu %s: parse error %s\n", i, cases[i].expr, hc_error_msg(&err));
            failed++;
        } else {
            rc = hc_jsonpath_execute(jp, &a, v, &out, &err);
            const char *got = out.len ? hc_buf_str(&out) : "";
            if ((rc != HC_OK && (rc != HC_ERR_EXEC || out.len)) || strcmp(got, cases[i].out)) {
                printf("case %zu %s: want \"%s\", got %d \"%s\" (%s)\n", i, cases[i].expr,
                       cases[i].out, rc, got, hc_error_msg(&err));
                failed++;
            }
        }
        hc_buf_release(&out);
        hc_error_release(&err);
        hc_arena_free(&a);
    }
    assert_int_equal(failed, 0);
}

/* Execution errors: client-go's messages (helm hides them; the library reports them). */
static void test_exec_errors(void **state)
{
    (void)state;
    static const struct {
        const char *expr, *msg;
    } errs[] = {
        {"{.missing}", "missing is not found"},
        {"{.list[5]}", "array index out of bounds: index 5, length 3"},
        {"{.list[2:1]}", "starting index 2 is greater than ending index 1"},
        {"{.list[0:3:0]}", "step must be > 0"},
        {"{.name[0]}", "string is not array or slice"},
        {"{end}", "not in range, nothing to end"},
        {"{x}", "unrecognized identifier x"},
        {"{.items[?(@.port==80)]}", "incompatible types for comparison"},
        {"{.items[?(@.tags<1)]}", "invalid type for comparison"},
        {"{.items[?(@.port=!80.0)]}", "unrecognized filter operator =!"},
        {"{.name[?(@.x)]}", "string is not array or slice and cannot be filtered"},
    };
    for (size_t i = 0; i < ARRAY_LEN(errs); i++) {
        struct hc_arena a;
        hc_arena_init(&a, 0);
        struct hc_error err;
        hc_error_init(&err);
        hc_val v;
        assert_int_equal(hc_json_read(&a, VALUES, sizeof VALUES - 1, &v, &err), HC_OK);
        struct hc_jsonpath *jp;
        assert_int_equal(hc_jsonpath_parse(&a, errs[i].expr, strlen(errs[i].expr), &jp, &err),
                         HC_OK);
        struct hc_buf out = HC_BUF_INIT;
        hc_buf_adds(&out, "x");
        assert_int_equal(hc_jsonpath_execute(jp, &a, v, &out, &err), HC_ERR_EXEC);
        assert_string_equal(hc_error_msg(&err), errs[i].msg);
        assert_int_equal(out.len, 1); /* nothing appended */
        hc_buf_release(&out);
        hc_error_release(&err);
        hc_arena_free(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_helm_cases),
        cmocka_unit_test(test_exec_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
