/*
 * test_buf.c - hc_buf: growth, the ceiling and the sticky error, on every append path.
 */
#include "test.h"

#include "base/alloc.h"
#include "base/buf.h"

static void test_ceiling_every_path(void **state)
{
    (void)state;
    struct {
        const char *name;
        int op; /* 0 addc, 1 add, 2 addn, 3 printf */
    } cases[] = {{"addc", 0}, {"add", 1}, {"addn", 2}, {"printf", 3}};
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_buf b;
        hc_buf_init(&b, 10);
        for (int n = 0; n < 30; n++) {
            switch (cases[i].op) {
            case 0: hc_buf_addc(&b, 'x'); break;
            case 1: hc_buf_add(&b, "x", 1); break;
            case 2: hc_buf_addn(&b, 'x', 1); break;
            default: hc_buf_printf(&b, "%c", 'x'); break;
            }
        }
        assert_true(b.len <= 10);
        assert_false(hc_buf_ok(&b));
        assert_true(b.toobig);
        hc_buf_release(&b);
    }
}

static void test_growth_and_nul(void **state)
{
    (void)state;
    struct hc_buf b = HC_BUF_INIT;
    for (int i = 0; i < 10000; i++)
        hc_buf_add(&b, "ab\0", 3);
    assert_true(hc_buf_ok(&b));
    assert_int_equal(b.len, 30000);
    assert_int_equal(b.data[b.len], '\0');
    assert_int_equal(b.data[2], '\0');
    hc_buf_truncate(&b, 1);
    assert_string_equal(hc_buf_str(&b), "a");
    size_t n;
    char *p = hc_buf_detach(&b, &n);
    assert_int_equal(n, 1);
    assert_string_equal(p, "a");
    free(p);
    assert_int_equal(b.len, 0);
}

static void test_sticky_after_oom(void **state)
{
    (void)state;
    struct hc_buf b = HC_BUF_INIT;
    hc_alloc_fail_after(0);
    hc_buf_adds(&b, "hello");
    hc_alloc_fail_after(-1);
    assert_false(hc_buf_ok(&b));
    assert_false(b.toobig);
    hc_buf_adds(&b, "world"); /* sticky: still failed, nothing appended */
    assert_false(hc_buf_ok(&b));
    assert_int_equal(b.len, 0);
    hc_buf_reset(&b);
    hc_buf_adds(&b, "ok");
    assert_string_equal(hc_buf_str(&b), "ok");
    hc_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ceiling_every_path),
        cmocka_unit_test(test_growth_and_nul),
        cmocka_unit_test(test_sticky_after_oom),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
