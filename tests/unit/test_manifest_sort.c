/*
 * test_manifest_sort.c - SortManifests with and without the head reader: the same
 * manifests, hooks and order whether the heads were read on worker threads while
 * "rendering" or by the sort itself; the first YAML error in file and document order
 * wins even when a later document fails first on another thread.
 */
#include "test.h"

#include "base/arena.h"
#include "base/buf.h"
#include "engine/engine.h"
#include "helmc/error.h"

#define NFILES 40

/* A file of three documents, one a hook; big enough together to start the workers. */
static char *file_text(int i, size_t pad)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_printf(&b, "apiVersion: v1\nkind: %s\nmetadata:\n  name: cm-%d\ndata:\n",
                  i % 3 == 0 ? "Service" : i % 3 == 1 ? "ConfigMap" : "Deployment", i);
    for (size_t k = 0; k < pad; k++)
        hc_buf_printf(&b, "  key%zu: \"value %zu of file %d\"\n", k, k, i);
    hc_buf_printf(&b, "---\nkind: Job\nmetadata:\n  name: hook-%d\n  annotations:\n"
                      "    helm.sh/hook: pre-install,post-upgrade\n    helm.sh/hook-weight: \"%d\"\n",
                  i, -i);
    hc_buf_printf(&b, "---\n# only a comment\n---\nkind: Secret\nmetadata: {name: s-%d}\n", i);
    return hc_buf_detach(&b, NULL);
}

struct outcome {
    hc_status rc;
    char msg[512];
    struct hc_buf list; /* kind/name/path of every manifest and hook, in order */
};

static void sort_files(struct hc_rendered *files, size_t n, bool with_reader, struct outcome *out)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_head_reader *r = with_reader ? hc_head_reader_new(&a) : NULL;
    if (with_reader) {
        assert_non_null(r);
        for (size_t i = 0; i < n; i++) /* in "execution" order: reversed */
            hc_head_reader_add(r, &files[n - 1 - i]);
    }
    struct hc_hook *hooks;
    struct hc_manifest *mans;
    size_t nh, nm;
    struct hc_error err;
    hc_error_init(&err);
    out->rc = hc_manifest_sort(&a, files, n, r, &hooks, &nh, &mans, &nm, &err);
    hc_head_reader_free(r);
    snprintf(out->msg, sizeof out->msg, "%s", out->rc == HC_OK ? "" : hc_error_msg(&err));
    hc_buf_init(&out->list, 0);
    if (out->rc == HC_OK) {
        for (size_t i = 0; i < nm; i++)
            hc_buf_printf(&out->list, "M %s %s %.20s\n", mans[i].kind, mans[i].name, mans[i].content);
        for (size_t i = 0; i < nh; i++)
            hc_buf_printf(&out->list, "H %s %s %s %lld %d\n", hooks[i].kind, hooks[i].name,
                          hooks[i].path, (long long)hooks[i].weight, hooks[i].is_test);
    }
    hc_error_release(&err);
    hc_arena_free(&a);
}

static void make_files(struct hc_rendered *files, char **texts, char **names, size_t pad)
{
    for (int i = 0; i < NFILES; i++) {
        texts[i] = file_text(i, pad);
        names[i] = malloc(64);
        snprintf(names[i], 64, "chart/templates/f%02d.yaml", i);
        files[i] = (struct hc_rendered){names[i], strlen(names[i]), texts[i], strlen(texts[i])};
    }
}

static void free_files(char **texts, char **names)
{
    for (int i = 0; i < NFILES; i++) {
        free(texts[i]);
        free(names[i]);
    }
}

static void test_same_result_with_reader(void **state)
{
    (void)state;
    for (size_t pad = 0; pad <= 400; pad += 400) { /* below and above the thread threshold */
        struct hc_rendered files[NFILES];
        char *texts[NFILES], *names[NFILES];
        make_files(files, texts, names, pad);
        struct outcome plain, pooled;
        sort_files(files, NFILES, false, &plain);
        sort_files(files, NFILES, true, &pooled);
        assert_int_equal(plain.rc, HC_OK);
        assert_int_equal(pooled.rc, HC_OK);
        assert_string_equal(hc_buf_str(&plain.list), hc_buf_str(&pooled.list));
        /* 40 manifests of the first kinds + 40 secrets, 40 hooks */
        assert_non_null(strstr(hc_buf_str(&plain.list), "H Job hook-39 chart/templates/f39.yaml -39 0"));
        hc_buf_release(&plain.list);
        hc_buf_release(&pooled.list);
        free_files(texts, names);
    }
}

static void test_first_error_in_order_wins(void **state)
{
    (void)state;
    struct hc_rendered files[NFILES];
    char *texts[NFILES], *names[NFILES];
    make_files(files, texts, names, 400);
    /* a bad document late in file 30, and another in file 7's second document */
    char *bad30 = malloc(strlen(texts[30]) + 32);
    sprintf(bad30, "%s---\nkind: [unclosed\n", texts[30]);
    free(texts[30]);
    texts[30] = bad30;
    files[30].text = bad30;
    files[30].len = strlen(bad30);
    const char *bad7 = "kind: A\n---\nkind: {a: b\n";
    free(texts[7]);
    texts[7] = strdup(bad7);
    files[7].text = texts[7];
    files[7].len = strlen(bad7);
    struct outcome plain, pooled;
    sort_files(files, NFILES, false, &plain);
    sort_files(files, NFILES, true, &pooled);
    assert_int_not_equal(plain.rc, HC_OK);
    assert_int_equal(pooled.rc, plain.rc);
    assert_string_equal(pooled.msg, plain.msg);
    assert_non_null(strstr(plain.msg, "YAML parse error on chart/templates/f07.yaml"));
    hc_buf_release(&plain.list);
    hc_buf_release(&pooled.list);
    free_files(texts, names);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_result_with_reader),
        cmocka_unit_test(test_first_error_in_order_wins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
