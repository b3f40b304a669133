/*
 * test_template_flags_out.c - src/cli/template_out.c: --output-dir's file writer and the
 * post-renderer's lookup and run, with the messages helm (v4.1.4 for files, v3.16.1 for the
 * post-renderer) gives in the same situations (see t0501 and t0503 for the whole commands).
 */
#include "test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "cli/template_out.h"
#include "helmc/error.h"

static char dir[] = "/tmp/helmc-tflags-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void test_write_and_append(void **state)
{
    (void)state;
    struct hc_error err;
    hc_error_init(&err);
    char out[4096] = "";
    FILE *o = fmemopen(out, sizeof out, "w");
    assert_non_null(o);
    assert_int_equal(hc_outdir_write(o, dir, "c/templates/a.yaml", "kind: A", 7, false, &err),
                     HC_OK);
    assert_int_equal(hc_outdir_write(o, dir, "c/templates/a.yaml", "kind: B", 7, true, &err),
                     HC_OK);
    fclose(o);
    char want[512], path[512];
    snprintf(want, sizeof want, "wrote %s/c/templates/a.yaml\nwrote %s/c/templates/a.yaml\n", dir,
             dir);
    assert_string_equal(out, want);
    snprintf(path, sizeof path, "%s/c/templates/a.yaml", dir);
    assert_string_equal(slurp(path), "---\n# Source: c/templates/a.yaml\nkind: A\n"
                                     "---\n# Source: c/templates/a.yaml\nkind: B\n");
    assert_true(hc_outdir_exists(dir, "c/templates/a.yaml"));
    assert_false(hc_outdir_exists(dir, "c/templates/b.yaml"));
    /* truncated when written first again */
    o = fmemopen(out, sizeof out, "w");
    assert_int_equal(hc_outdir_write(o, dir, "c/templates/a.yaml", "x", 1, false, &err), HC_OK);
    fclose(o);
    assert_string_equal(slurp(path), "---\n# Source: c/templates/a.yaml\nx\n");
    hc_error_release(&err);
}

static void test_write_errors(void **state)
{
    (void)state;
    char file[512], msg[1024];
    snprintf(file, sizeof file, "%s/afile", dir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    struct hc_error err;
    hc_error_init(&err);
    FILE *o = fopen("/dev/null", "w");
    /* helm: "stat afile/c/templates: not a directory" */
    assert_int_not_equal(hc_outdir_write(o, file, "c/templates/a.yaml", "", 0, false, &err),
                         HC_OK);
    snprintf(msg, sizeof msg, "stat %s/c/templates: not a directory", file);
    assert_string_equal(hc_error_msg(&err), msg);
    hc_error_release(&err);
    /* helm: "mkdir out/c/crds: not a directory" when a file stands where a folder must be */
    snprintf(file, sizeof file, "%s/o", dir);
    assert_int_equal(mkdir(file, 0755), 0);
    snprintf(file, sizeof file, "%s/o/c", dir);
    assert_int_equal(mkdir(file, 0755), 0);
    snprintf(file, sizeof file, "%s/o/c/crds", dir);
    f = fopen(file, "w");
    fclose(f);
    snprintf(file, sizeof file, "%s/o", dir);
    hc_error_init(&err);
    assert_int_not_equal(hc_outdir_write(o, file, "c/crds/x.yaml", "", 0, false, &err), HC_OK);
    snprintf(msg, sizeof msg, "mkdir %s/c/crds: not a directory", file);
    assert_string_equal(hc_error_msg(&err), msg);
    hc_error_release(&err);
    /* helm: "open F: is a directory" */
    snprintf(file, sizeof file, "%s/o/c/d.yaml", dir);
    assert_int_equal(mkdir(file, 0755), 0);
    snprintf(file, sizeof file, "%s/o", dir);
    hc_error_init(&err);
    assert_int_not_equal(hc_outdir_write(o, file, "c/d.yaml", "", 0, false, &err), HC_OK);
    snprintf(msg, sizeof msg, "open %s/c/d.yaml: is a directory", file);
    assert_string_equal(hc_error_msg(&err), msg);
    hc_error_release(&err);
    fclose(o);
}

static void test_post_renderer(void **state)
{
    (void)state;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    const char *abs = NULL, *msg = NULL;
    assert_false(hc_post_renderer_find(&a, "no-such-renderer", "/usr/bin:/bin", &abs, &msg));
    assert_string_equal(msg, "unable to find binary at no-such-renderer: exec: "
                             "\"no-such-renderer\": executable file not found in $PATH");
    assert_false(hc_post_renderer_find(&a, "./nothere", "/usr/bin:/bin", &abs, &msg));
    assert_string_equal(msg, "unable to find binary at ./nothere: exec: \"./nothere\": stat "
                             "./nothere: no such file or directory");
    assert_true(hc_post_renderer_find(&a, "sh", "/nonexistent:/usr/bin:/bin", &abs, &msg));
    assert_string_equal(abs, "/usr/bin/sh");
    /* the manifest in, the output back; standard error dropped on success */
    const char *args[] = {"-c", "echo err >&2; tr a-z A-Z"};
    struct hc_buf out = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_post_renderer_run(abs, args, 2, "kind: x\n", 8, &out, &err), HC_OK);
    assert_string_equal(hc_buf_str(&out), "KIND: X\n");
    hc_buf_release(&out);
    /* helm v3's message on failure */
    const char *bad[] = {"-c", "echo oops >&2; exit 3"};
    assert_int_not_equal(hc_post_renderer_run(abs, bad, 2, "", 0, &out, &err), HC_OK);
    assert_string_equal(hc_error_msg(&err),
                        "error while running command /usr/bin/sh. error output:\noops\n: exit "
                        "status 3");
    hc_error_release(&err);
    hc_error_init(&err);
    const char *kill[] = {"-c", "kill -9 $$"};
    assert_int_not_equal(hc_post_renderer_run(abs, kill, 2, "", 0, &out, &err), HC_OK);
    assert_string_equal(hc_error_msg(&err),
                        "error while running command /usr/bin/sh. error output:\n: signal: killed");
    hc_error_release(&err);
    hc_buf_release(&out);
    hc_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_and_append),
        cmocka_unit_test(test_write_errors),
        cmocka_unit_test(test_post_renderer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
