/*
 * test_funcs_core.c - Sprig's shared conversions (funcs/cast.h) and the core
 * function families called directly.  Expectations come from helm v4.1.4.
 */
#include "test.h"

#include <math.h>

#include "funcs/cast.h"
#include "base/arena.h"
#include "base/buf.h"

static struct hc_arena arena;

static int setup(void **state)
{
    (void)state;
    hc_arena_init(&arena, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hc_arena_free(&arena);
    return 0;
}

static hc_val S(const char *s)
{
    return hc_cstr(s);
}

/* cast.ToInt64 of strings: strconv.ParseInt(trimZeroDecimal(s), 0, 64), else 0. */
static void test_cast_int64_strings(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool ok;
        int64_t want;
    } rows[] = {
        {"0x1F", true, 31},
        {"0X1f", true, 31},
        {"010", true, 8},
        {"0b101", true, 5},
        {"0o17", true, 15},
        {"0", true, 0},
        {"-0", true, 0},
        {"+7", true, 7},
        {"1_000", true, 1000},
        {"_1000", false, 0},
        {"1__0", false, 0},
        {"0x_1F", true, 31},
        {"2.0", true, 2},
        {"2.000", true, 2},
        {"2.5", false, 0},
        {"2.", false, 0},
        {"1e3", false, 0},
        {" 3", false, 0},
        {"3 ", false, 0},
        {"", false, 0},
        {"0x", false, 0},
        {"08", false, 0},
        {"9223372036854775807", true, INT64_MAX},
        {"9223372036854775808", false, 0},
        {"-9223372036854775808", true, INT64_MIN},
        {"-9223372036854775809", false, 0},
        {"99999999999999999999999", false, 0},
        {"abc", false, 0},
        {".0", false, 0}, /* trimmed to "" */
        {"0.0", true, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        int64_t got = -1;
        bool ok = hc_cast_int64(S(rows[i].in), &got);
        if (ok != rows[i].ok || got != rows[i].want)
            fail_msg("%s: got %d %lld", rows[i].in, ok, (long long)got);
    }
}

static void test_cast_int64_kinds(void **state)
{
    (void)state;
    int64_t i;
    assert_true(hc_cast_int64(hc_float(2.9), &i));
    assert_int_equal(i, 2);
    assert_true(hc_cast_int64(hc_float(-2.9), &i));
    assert_int_equal(i, -2);
    assert_true(hc_cast_int64(hc_float(NAN), &i));
    assert_true(i == INT64_MIN);
    assert_true(hc_cast_int64(hc_float(1e19), &i));
    assert_true(i == INT64_MIN);
    assert_true(hc_cast_int64(hc_bool(true), &i));
    assert_int_equal(i, 1);
    assert_true(hc_cast_int64(hc_null(), &i));
    assert_int_equal(i, 0);
    assert_true(hc_cast_int64(hc_missing(), &i));
    assert_false(hc_cast_int64(hc_map_val(NULL, HC_GT_MAP), &i));
    assert_int_equal(i, 0);
}

static void test_cast_float64(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool ok;
        double want;
    } rows[] = {
        {"2.5", true, 2.5},     {"1e3", true, 1000},     {"0x1p4", true, 16},
        {"0x1.8p1", true, 3},   {"1_000.5", true, 1000.5}, {".5", true, 0.5},
        {"5.", true, 5},        {"-0.25", true, -0.25},  {"1e400", false, 0},
        {"1e-400", true, 0},    {" 1", false, 0},        {"0x1F", false, 0},
        {"", false, 0},         {".", false, 0},         {"1e", false, 0},
        {"1_", false, 0},       {"010", true, 10},       {"1.5.5", false, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        double got = -1;
        bool ok = hc_cast_float64(S(rows[i].in), &got);
        if (ok != rows[i].ok || got != rows[i].want)
            fail_msg("%s: got %d %g", rows[i].in, ok, got);
    }
    double f;
    assert_true(hc_cast_float64(S("Inf"), &f) && isinf(f) && f > 0);
    assert_true(hc_cast_float64(S("-infinity"), &f) && isinf(f) && f < 0);
    assert_true(hc_cast_float64(S("NaN"), &f) && isnan(f));
    assert_false(hc_cast_float64(S("+nan"), &f));
    assert_false(hc_cast_float64(S("infin"), &f));
    assert_true(hc_cast_float64(hc_int(-3), &f) && f == -3);
}

static void test_cast_strval_strslice(void **state)
{
    (void)state;
    hc_val out;
    assert_int_equal(hc_cast_strval(&arena, hc_null(), &out), HC_OK);
    assert_true(hc_val_is_str(out, "<nil>", 5));
    assert_int_equal(hc_cast_strval(&arena, hc_float(1e6), &out), HC_OK);
    assert_true(hc_val_is_str(out, "1e+06", 5));
    assert_int_equal(hc_cast_strval(&arena, hc_int(-4), &out), HC_OK);
    assert_true(hc_val_is_str(out, "-4", 2));

    struct hc_list *l = hc_list_new(&arena, 3);
    l->items[0] = hc_int(1);
    l->items[1] = hc_null();
    l->items[2] = S("x");
    assert_int_equal(hc_cast_strslice(&arena, hc_list_val(l, HC_GT_LIST), &out), HC_OK);
    assert_int_equal(out.gotype, HC_GT_STRLIST);
    assert_int_equal(out.u.l->len, 2);
    assert_true(hc_val_is_str(out.u.l->items[0], "1", 1));
    assert_true(hc_val_is_str(out.u.l->items[1], "x", 1));
    assert_int_equal(hc_cast_strslice(&arena, hc_null(), &out), HC_OK);
    assert_int_equal(out.u.l->len, 0);
    assert_int_equal(hc_cast_strslice(&arena, hc_bool(true), &out), HC_OK);
    assert_int_equal(out.u.l->len, 1);
    assert_true(hc_val_is_str(out.u.l->items[0], "true", 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cast_int64_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cast_int64_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cast_float64, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cast_strval_strslice, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
