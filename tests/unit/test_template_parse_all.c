/*
 * test_template_parse_all.c - many template files parsed at once (worker threads when
 * there is much text) give the set sequential parsing gives: later definitions win,
 * an empty define never replaces one, and the first failing file in order is the one
 * reported, with the files before it in the set.
 */
#include "test.h"

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/template.h"
#include "template/builtins.h"
#include "template/func.h"

#define NSRC 60

static struct hc_funcset go_funcs;

/* File i defines "shared" (later files win), "own-i", and pads itself with text. */
static char *source_text(int i, size_t pad, bool broken)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_printf(&b, "{{define \"shared\"}}from %d{{end}}{{define \"own-%d\"}}own %d{{end}}", i,
                  i, i);
    if (i == 5)
        hc_buf_adds(&b, "{{define \"keep\"}}kept{{end}}");
    if (i == 9)
        hc_buf_adds(&b, "{{define \"keep\"}}  {{end}}"); /* empty: never replaces */
    for (size_t k = 0; k < pad; k++)
        hc_buf_printf(&b, "line %zu {{ if eq %zu 0 }}zero{{ else }}{{ printf \"%%d\" %zu }}{{ end }}\n",
                      k, k, k);
    if (broken)
        hc_buf_adds(&b, "{{ if }}");
    return hc_buf_detach(&b, NULL);
}

static char *run(struct hc_tmpl_set *set, const char *name)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_buf out = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_exec_opts opts = {0};
    hc_status rc = hc_tmpl_execute(set, name, strlen(name), hc_null(), &a, &opts, &out, &err);
    char *s = strdup(rc == HC_OK ? hc_buf_str(&out) : hc_error_msg(&err));
    hc_error_release(&err);
    hc_buf_release(&out);
    hc_arena_free(&a);
    return s;
}

static void check(size_t pad, int broken_a, int broken_b)
{
    char *texts[NSRC], names[NSRC][32];
    struct hc_tmpl_source src[NSRC];
    for (int i = 0; i < NSRC; i++) {
        texts[i] = source_text(i, pad, i == broken_a || i == broken_b);
        snprintf(names[i], sizeof names[i], "t%02d", i);
        src[i] = (struct hc_tmpl_source){names[i], texts[i], strlen(texts[i])};
    }
    struct hc_tmpl_set *all = hc_tmpl_set_new(&go_funcs, 0), *seq = hc_tmpl_set_new(&go_funcs, 0);
    struct hc_error e1, e2;
    hc_error_init(&e1);
    hc_error_init(&e2);
    size_t failed;
    hc_status rc_all = hc_tmpl_parse_borrowed_all(all, src, NSRC, &failed, &e1);
    hc_status rc_seq = HC_OK;
    size_t failed_seq = NSRC;
    for (size_t i = 0; i < NSRC && rc_seq == HC_OK; i++) {
        rc_seq = hc_tmpl_parse(seq, src[i].name, src[i].text, src[i].len, &e2);
        if (rc_seq != HC_OK)
            failed_seq = i;
    }
    assert_int_equal(rc_all, rc_seq);
    assert_int_equal(failed, failed_seq);
    if (rc_all != HC_OK)
        assert_string_equal(hc_error_msg(&e1), hc_error_msg(&e2));
    const char *probes[] = {"shared", "keep", "own-0", "own-7", "own-59", "t03"};
    for (size_t k = 0; k < ARRAY_LEN(probes); k++) {
        char *x = run(all, probes[k]), *y = run(seq, probes[k]);
        assert_string_equal(x, y);
        free(x);
        free(y);
    }
    if (rc_all == HC_OK) {
        char *x = run(all, "shared");
        assert_string_equal(x, "from 59");
        free(x);
        x = run(all, "keep");
        assert_string_equal(x, "kept");
        free(x);
    }
    hc_error_release(&e1);
    hc_error_release(&e2);
    hc_tmpl_set_free(all);
    hc_tmpl_set_free(seq);
    for (int i = 0; i < NSRC; i++)
        free(texts[i]);
}

static void test_small_sequential(void **state)
{
    (void)state;
    check(0, -1, -1);
    check(0, 20, -1);
}

static void test_large_parallel(void **state)
{
    (void)state;
    check(60, -1, -1);     /* ~250 KB: worker threads */
    check(60, 40, 17);     /* two failures: file 17 is reported */
    check(60, 0, NSRC - 1);
}

static int setup(void **state)
{
    (void)state;
    const struct hc_func *tables[] = {hc_funcs_builtins};
    const size_t counts[] = {hc_funcs_builtins_len};
    struct hc_error err;
    hc_error_init(&err);
    return hc_funcset_build(&go_funcs, tables, counts, 1, NULL, 0, &err) == HC_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hc_funcset_release(&go_funcs);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_sequential),
        cmocka_unit_test(test_large_parallel),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
