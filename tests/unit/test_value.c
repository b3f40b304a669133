/*
 * test_value.c - the value model: maps, lists, truth, equality, names, copies.
 */
#include "test.h"

#include "helmc/value.h"
#include "base/arena.h"
#include "base/alloc.h"

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

static void test_size(void **state)
{
    (void)state;
    assert_int_equal(sizeof(hc_val), 16);
}

static void test_map_sorted_set_get_del(void **state)
{
    (void)state;
    struct hc_map *m = hc_map_new(&arena, 0);
    assert_non_null(m);
    const char *keys[] = {"b", "a", "ab", "", "B", "a"};
    for (size_t i = 0; i < ARRAY_LEN(keys); i++)
        assert_int_equal(hc_map_set(&arena, m, keys[i], strlen(keys[i]), hc_int((int64_t)i)), HC_OK);
    assert_int_equal(m->len, 5);
    const char *want[] = {"", "B", "a", "ab", "b"};
    for (size_t i = 0; i < ARRAY_LEN(want); i++)
        assert_true(m->e[i].klen == strlen(want[i]) && memcmp(m->e[i].key, want[i], m->e[i].klen) == 0);
    hc_val v;
    assert_true(hc_map_get(m, "a", 1, &v));
    assert_int_equal(v.u.i, 5); /* the later set replaced it */
    assert_false(hc_map_get(m, "c", 1, &v));
    assert_true(hc_map_del(m, "ab", 2));
    assert_false(hc_map_del(m, "ab", 2));
    assert_int_equal(m->len, 4);
}

static void test_map_keys_with_nul(void **state)
{
    (void)state;
    struct hc_map *m = hc_map_new(&arena, 2);
    assert_int_equal(hc_map_set(&arena, m, "a\0b", 3, hc_bool(true)), HC_OK);
    assert_int_equal(hc_map_set(&arena, m, "a", 1, hc_bool(false)), HC_OK);
    assert_int_equal(m->len, 2);
    assert_int_equal(m->e[0].klen, 1); /* "a" sorts before "a\0b" */
}

static void test_map_append_finish_last_wins(void **state)
{
    (void)state;
    struct hc_map *m = hc_map_new(&arena, 0);
    char keys[200][8];
    for (int i = 0; i < 200; i++) {
        snprintf(keys[i], sizeof keys[i], "k%03d", (i * 37) % 100); /* each key twice */
        assert_int_equal(hc_map_append(&arena, m, keys[i], strlen(keys[i]), hc_int(i)), HC_OK);
    }
    hc_map_finish(m);
    assert_int_equal(m->len, 100);
    for (uint32_t i = 1; i < m->len; i++)
        assert_true(hc_strcmp(m->e[i - 1].key, m->e[i - 1].klen, m->e[i].key, m->e[i].klen) < 0);
    hc_val v;
    assert_true(hc_map_get(m, "k037", 4, &v));
    assert_int_equal(v.u.i, 101); /* i=1 and i=101 both give k037: the later wins */
}

static void test_truth(void **state)
{
    (void)state;
    struct hc_map *empty = hc_map_new(&arena, 0);
    struct hc_list *l0 = hc_list_new(&arena, 0), *l1 = hc_list_new(&arena, 1);
    struct {
        hc_val v;
        bool want;
    } cases[] = {
        {hc_null(), false},         {hc_missing(), false},    {hc_bool(false), false},
        {hc_bool(true), true},      {hc_int(0), false},       {hc_int(-1), true},
        {hc_float(0.0), false},     {hc_float(-0.0), false},  {hc_float(0.5), true},
        {hc_cstr(""), false},       {hc_cstr("0"), true},     {hc_cstr("false"), true},
        {hc_map_val(empty, HC_GT_MAP), false},                {hc_list_val(l0, HC_GT_LIST), false},
        {hc_list_val(l1, HC_GT_LIST), true},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++)
        assert_int_equal(hc_val_truth(cases[i].v), cases[i].want);
}

static void test_equal_is_deep_equal(void **state)
{
    (void)state;
    struct hc_list *a = hc_list_new(&arena, 2), *b = hc_list_new(&arena, 2);
    a->items[0] = b->items[0] = hc_float(1);
    a->items[1] = b->items[1] = hc_cstr("x");
    assert_true(hc_val_equal(hc_list_val(a, HC_GT_LIST), hc_list_val(b, HC_GT_LIST)));
    /* []string and []interface{} with the same strings differ, as in Go */
    assert_false(hc_val_equal(hc_list_val(a, HC_GT_LIST), hc_list_val(b, HC_GT_STRLIST)));
    assert_false(hc_val_equal(hc_int(1), hc_float(1)));
    assert_false(hc_val_equal(hc_int(1), hc_int_typed(1, HC_GT_INT)));
    assert_true(hc_val_equal(hc_missing(), hc_null()));
    assert_false(hc_val_equal(hc_float(0.0 / 0.0), hc_float(0.0 / 0.0)));
    assert_true(hc_val_equal(hc_float(-0.0), hc_float(0.0)));
    struct hc_map *m1 = hc_map_new(&arena, 0), *m2 = hc_map_new(&arena, 0);
    hc_map_set(&arena, m1, "k", 1, hc_list_val(a, HC_GT_LIST));
    hc_map_set(&arena, m2, "k", 1, hc_list_val(b, HC_GT_LIST));
    assert_true(hc_val_equal(hc_map_val(m1, HC_GT_MAP), hc_map_val(m2, HC_GT_MAP)));
    hc_map_set(&arena, m2, "j", 1, hc_null());
    assert_false(hc_val_equal(hc_map_val(m1, HC_GT_MAP), hc_map_val(m2, HC_GT_MAP)));
}

static void test_type_and_kind_names(void **state)
{
    (void)state;
    struct {
        hc_val v;
        const char *type, *kind;
    } cases[] = {
        {hc_null(), "<nil>", "invalid"},
        {hc_missing(), "<nil>", "invalid"},
        {hc_bool(true), "bool", "bool"},
        {hc_int(1), "int64", "int64"},
        {hc_int_typed(1, HC_GT_INT), "int", "int"},
        {hc_float(1), "float64", "float64"},
        {hc_cstr("s"), "string", "string"},
        {hc_list_val(NULL, HC_GT_LIST), "[]interface {}", "slice"},
        {hc_list_val(NULL, HC_GT_STRLIST), "[]string", "slice"},
        {hc_map_val(NULL, HC_GT_MAP), "map[string]interface {}", "map"},
        {hc_map_val(NULL, HC_GT_STRMAP), "map[string]string", "map"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        assert_string_equal(hc_val_typename(cases[i].v), cases[i].type);
        assert_string_equal(hc_val_kindname(cases[i].v), cases[i].kind);
    }
}

static void test_copy_is_deep(void **state)
{
    (void)state;
    struct hc_map *inner = hc_map_new(&arena, 0);
    hc_map_set(&arena, inner, "x", 1, hc_float(1));
    struct hc_map *outer = hc_map_new(&arena, 0);
    hc_map_set(&arena, outer, "in", 2, hc_map_val(inner, HC_GT_MAP));
    hc_val copy;
    struct hc_arena other;
    hc_arena_init(&other, 0);
    assert_int_equal(hc_val_copy(&other, hc_map_val(outer, HC_GT_MAP), true, &copy), HC_OK);
    assert_true(hc_val_equal(copy, hc_map_val(outer, HC_GT_MAP)));
    hc_val cin;
    assert_true(hc_map_get(copy.u.m, "in", 2, &cin));
    hc_map_set(&other, cin.u.m, "y", 1, hc_null()); /* changing the copy leaves the source */
    assert_int_equal(inner->len, 1);
    hc_arena_free(&other);
}

static void test_arena_limit_and_alloc_failure(void **state)
{
    (void)state;
    struct hc_arena small;
    hc_arena_init(&small, 1024);
    assert_null(hc_arena_alloc(&small, 4096));
    hc_arena_free(&small);
    /* every allocation failing: constructors report NULL, nothing leaks */
    struct hc_arena a2;
    hc_arena_init(&a2, 0);
    hc_alloc_fail_after(0);
    assert_null(hc_map_new(&a2, 4));
    hc_alloc_fail_after(-1);
    hc_arena_free(&a2);
}

static void test_listb(void **state)
{
    (void)state;
    struct hc_listb b;
    hc_listb_init(&b, &arena);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(hc_listb_push(&b, hc_int(i)), HC_OK);
    struct hc_list *l = hc_listb_finish(&b);
    assert_non_null(l);
    assert_int_equal(l->len, 1000);
    assert_int_equal(l->items[999].u.i, 999);
}

/* Capacities helm v4.1.4 showed (the largest n with `slice L 0 n` rendering). */
static const struct cap_case {
    const char *what;
    uint32_t cap0, n; /* appends of n items one at a time from capacity cap0 ... */
    bool grow;        /* ... or one growslice from capacity cap0 to n items */
    hc_gotype type;
    uint32_t want;
} cap_cases[] = {
  /* a values-file list of n items (encoding/json appends each one) */
    {"decoded",      0,  0,    false, HC_GT_LIST,    0   },
    {"decoded",      0,  1,    false, HC_GT_LIST,    1   },
    {"decoded",      0,  2,    false, HC_GT_LIST,    2   },
    {"decoded",      0,  3,    false, HC_GT_LIST,    4   },
    {"decoded",      0,  4,    false, HC_GT_LIST,    4   },
    {"decoded",      0,  5,    false, HC_GT_LIST,    8   },
    {"decoded",      0,  8,    false, HC_GT_LIST,    8   },
    {"decoded",      0,  9,    false, HC_GT_LIST,    16  },
    {"decoded",      0,  16,   false, HC_GT_LIST,    16  },
    {"decoded",      0,  17,   false, HC_GT_LIST,    32  },
    {"decoded",      0,  20,   false, HC_GT_LIST,    32  },
    {"decoded",      0,  33,   false, HC_GT_LIST,    71  }, /* 1024 bytes + malloc header: class 1152 */
    {"decoded",      0,  100,  false, HC_GT_LIST,    143 },
    {"decoded",      0,  257,  false, HC_GT_LIST,    303 },
    {"decoded",      0,  300,  false, HC_GT_LIST,    303 },
    {"decoded",      0,  513,  false, HC_GT_LIST,    591 },
    {"decoded",      0,  600,  false, HC_GT_LIST,    1023},
    {"decoded",      0,  1000, false, HC_GT_LIST,    1023},
    {"decoded",      0,  1100, false, HC_GT_LIST,    1535},
    {"decoded",      0,  2000, false, HC_GT_LIST,    2560}, /* over 32 KiB: whole pages */
    {"decoded",      0,  3000, false, HC_GT_LIST,    3584},
    {"decoded",      0,  5000, false, HC_GT_LIST,    5120},
 /* until n: a []int, 8-byte items without pointers (no malloc header) */
    {"until",        0,  33,   false, HC_GT_INTLIST, 64  },
    {"until",        0,  100,  false, HC_GT_INTLIST, 128 },
    {"until",        0,  3000, false, HC_GT_INTLIST, 3408},
 /* regexFindAll: appends to make([]string, 0, 10) */
    {"regexFindAll", 10, 3,    false, HC_GT_STRLIST, 10  },
    {"regexFindAll", 10, 17,   false, HC_GT_STRLIST, 20  },
    {"regexFindAll", 10, 33,   false, HC_GT_STRLIST, 43  },
    {"regexFindAll", 10, 100,  false, HC_GT_STRLIST, 191 },
 /* append: a copy of n-1 items, then one more */
    {"append",       3,  4,    true,  HC_GT_LIST,    6   },
    {"append",       4,  5,    true,  HC_GT_LIST,    8   },
    {"append",       99, 100,  true,  HC_GT_LIST,    199 },
 /* prepend: one item, then the n-1 others */
    {"prepend",      1,  17,   true,  HC_GT_LIST,    18  },
    {"prepend",      1,  33,   true,  HC_GT_LIST,    35  },
    {"prepend",      1,  100,  true,  HC_GT_LIST,    111 },
};

static void test_go_capacity(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(cap_cases); i++) {
        const struct cap_case *c = &cap_cases[i];
        uint32_t got = c->grow ? hc_go_grow_cap(c->cap0, c->n, c->type)
                               : hc_go_append_cap(c->cap0, c->n, c->type);
        if (got != c->want)
            fail_msg("%s of %u items: capacity %u, want %u", c->what, c->n, got, c->want);
    }
}

static void test_list_slice(void **state)
{
    (void)state;
    struct hc_list *l = hc_list_new(&arena, 3);
    for (int i = 0; i < 3; i++)
        l->items[i] = hc_int(i + 1);
    l->cap = 8;
    /* l[1:2]: shares the items, hides the third */
    struct hc_list *s = hc_list_slice(&arena, l, HC_GT_LIST, 1, 2, 8);
    assert_non_null(s);
    assert_int_equal(s->len, 1);
    assert_int_equal(s->cap, 7);
    assert_ptr_equal(s->items, l->items + 1);
    /* s[0:4]: the hidden item, then zero values */
    struct hc_list *t = hc_list_slice(&arena, s, HC_GT_LIST, 0, 4, 7);
    assert_non_null(t);
    assert_int_equal(t->len, 4);
    assert_int_equal(t->cap, 7);
    assert_int_equal(t->items[1].u.i, 3);
    assert_int_equal(t->items[2].kind, HC_NULL);
    assert_int_equal(t->items[3].kind, HC_NULL);
    /* a three-index slice limits the capacity; a []string's zero value is "" */
    struct hc_list *u = hc_list_slice(&arena, l, HC_GT_STRLIST, 2, 5, 6);
    assert_non_null(u);
    assert_int_equal(u->cap, 4);
    assert_int_equal(u->items[1].kind, HC_STRING);
    assert_int_equal(u->items[1].len, 0);
    /* a copy keeps the capacity, not the hidden items (copystructure) */
    hc_val c;
    assert_int_equal(hc_val_copy(&arena, hc_list_val(s, HC_GT_LIST), false, &c), HC_OK);
    assert_int_equal(c.u.l->len, 1);
    assert_int_equal(c.u.l->cap, 7);
    assert_int_equal(c.u.l->avail, 1);
}

static hc_val nest(int depth, double leaf)
{
    hc_val v = hc_float(leaf);
    for (int i = 0; i < depth; i++) {
        struct hc_list *l = hc_list_new(&arena, 1);
        l->items[0] = v;
        v = hc_list_val(l, HC_GT_LIST);
    }
    return v;
}

static void test_equal_deep_nesting(void **state)
{
    (void)state;
    /* deeper than any recursion could go under sanitizers */
    assert_true(hc_val_equal(nest(200000, 1), nest(200000, 1)));
    assert_false(hc_val_equal(nest(200000, 1), nest(200000, 2)));
    assert_false(hc_val_equal(nest(200000, 1), nest(199999, 1)));
    hc_val out;
    assert_int_equal(hc_val_copy(&arena, nest(HC_VAL_MAX_DEPTH + 5, 1), false, &out), HC_ERR_LIMIT);
    assert_int_equal(hc_val_copy(&arena, nest(100, 1), false, &out), HC_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_size),
        cmocka_unit_test_setup_teardown(test_map_sorted_set_get_del, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_keys_with_nul, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_append_finish_last_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truth, setup, teardown),
        cmocka_unit_test_setup_teardown(test_equal_is_deep_equal, setup, teardown),
        cmocka_unit_test(test_type_and_kind_names),
        cmocka_unit_test_setup_teardown(test_copy_is_deep, setup, teardown),
        cmocka_unit_test(test_arena_limit_and_alloc_failure),
        cmocka_unit_test_setup_teardown(test_listb, setup, teardown),
        cmocka_unit_test(test_go_capacity),
        cmocka_unit_test_setup_teardown(test_list_slice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_equal_deep_nesting, setup, teardown),
    };
    return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
