/*
 * test_diff.c - the unified line diff (against GNU diff -u's output on fixed
 * cases; on random inputs: the patch rebuilds the new text and is minimal, as
 * an LCS table says) and the difference between two revisions' manifests.
 */
#include "test.h"

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/orphans.h"

static char *udiff(const char *x, const char *y, int context)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_buf b;
    hc_buf_init(&b, 0);
    assert_int_equal(hc_diff_unified(&b, &a, x, strlen(x), y, strlen(y), context, &err), HC_OK);
    hc_buf_addc(&b, 0);
    hc_arena_free(&a);
    return hc_buf_detach(&b, NULL);
}

static void check_udiff(const char *x, const char *y, int context, const char *want)
{
    char *got = udiff(x, y, context);
    assert_string_equal(got, want);
    free(got);
}

/* Expected texts are GNU diff 3.8's `diff -u` output without its two file lines. */
static void test_gnu_cases(void **state)
{
    (void)state;
    check_udiff("a\nb\nc\n", "a\nb\nc\n", 3, "");
    check_udiff("", "a\nb\n", 3, "@@ -0,0 +1,2 @@\n+a\n+b\n");
    check_udiff("a\nb\n", "", 3, "@@ -1,2 +0,0 @@\n-a\n-b\n");
    check_udiff("a\nb\nc\n", "a\nx\nc\n", 3, "@@ -1,3 +1,3 @@\n a\n-b\n+x\n c\n");
    check_udiff("a\n", "b\n", 3, "@@ -1 +1 @@\n-a\n+b\n");
    /* Two changes far apart: two hunks; close together: one. */
    check_udiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\nY\n12\n", 3,
                "@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -8,5 +8,5 @@\n 8\n 9\n 10\n-11\n+Y\n 12\n");
    check_udiff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\nX\n3\n4\n5\n6\n7\nY\n", 3,
                "@@ -1,8 +1,8 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n 7\n-8\n+Y\n");
    check_udiff("1\n2\n3\n4\n5\n", "1\n2\n4\n5\n", 0, "@@ -3 +2,0 @@\n-3\n");
    check_udiff("1\n2\n3\n", "1\n2\nx\n3\n", 1, "@@ -2,2 +2,3 @@\n 2\n+x\n 3\n");
    /* A last line without a newline. */
    check_udiff("a\nb", "a\nc", 3,
                "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
                "\\ No newline at end of file\n");
    check_udiff("a\nb", "a\nb\n", 3,
                "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}

/* ---- random inputs: correct and minimal ---- */

static unsigned long long rng = 88172645463325252ull;

static unsigned next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)rng;
}

static int gen(char *buf, char lines[][2], int maxlines)
{
    int n = (int)(next_rand() % (unsigned)(maxlines + 1));
    char *p = buf;
    for (int i = 0; i < n; i++) {
        char c = (char)('a' + next_rand() % 4);
        lines[i][0] = c;
        *p++ = c;
        *p++ = '\n';
    }
    *p = 0;
    return n;
}

static int lcs(char x[][2], int n, char y[][2], int m)
{
    static int t[64][64];
    for (int i = n; i >= 0; i--)
        for (int j = m; j >= 0; j--)
            t[i][j] = (i == n || j == m) ? 0
                      : x[i][0] == y[j][0] ? 1 + t[i + 1][j + 1]
                      : t[i + 1][j] > t[i][j + 1] ? t[i + 1][j] : t[i][j + 1];
    return t[0][0];
}

/* Applies a unified diff to x's lines; returns the new text, counting edits. */
static void apply(const char *diff, char x[][2], int n, char *out, int *edits)
{
    int xi = 0; /* next line of x to copy */
    char *o = out;
    const char *p = diff;
    *edits = 0;
    while (*p) {
        const char *nl = strchr(p, '\n');
        assert_non_null(nl);
        if (p[0] == '@') {
            int a1, a2 = 1;
            assert_true(sscanf(p, "@@ -%d,%d", &a1, &a2) >= 1);
            int start = a2 == 0 ? a1 : a1 - 1;
            while (xi < start) {
                *o++ = x[xi++][0];
                *o++ = '\n';
            }
        } else if (p[0] == ' ') {
            assert_int_equal(p[1], x[xi][0]);
            *o++ = x[xi++][0];
            *o++ = '\n';
        } else if (p[0] == '-') {
            assert_int_equal(p[1], x[xi][0]);
            xi++;
            (*edits)++;
        } else if (p[0] == '+') {
            *o++ = p[1];
            *o++ = '\n';
            (*edits)++;
        } else {
            fail_msg("bad diff line: %.*s", (int)(nl - p), p);
        }
        p = nl + 1;
    }
    while (xi < n) {
        *o++ = x[xi++][0];
        *o++ = '\n';
    }
    *o = 0;
}

static void test_random(void **state)
{
    (void)state;
    char xb[200], yb[200], out[400];
    char xl[64][2], yl[64][2];
    for (int iter = 0; iter < 3000; iter++) {
        int n = gen(xb, xl, iter % 3 ? 12 : 40);
        int m = gen(yb, yl, iter % 3 ? 12 : 40);
        int context = (int)(next_rand() % 4);
        char *d = udiff(xb, yb, context);
        int edits;
        apply(d, xl, n, out, &edits);
        if (strcmp(out, yb) != 0)
            fail_msg("iteration %d: patch does not rebuild\n%s--\n%s--\n%s", iter, xb, yb, d);
        if (edits != n + m - 2 * lcs(xl, n, yl, m))
            fail_msg("iteration %d: %d edits, not minimal (lcs %d)", iter, edits,
                     lcs(xl, n, yl, m));
        free(d);
    }
}

/* ---- revisions ---- */

static struct hc_release rel(int64_t v, const char *manifest)
{
    struct hc_release r;
    memset(&r, 0, sizeof r);
    r.name = (hc_rstr){"app", 3};
    r.namespace_ = (hc_rstr){"default", 7};
    r.version = v;
    r.manifest = (hc_rstr){manifest, strlen(manifest)};
    return r;
}

static char *rdiff(const struct hc_release *x, const struct hc_release *y, enum hc_diff_format f,
                   size_t *changes)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_buf b;
    hc_buf_init(&b, 0);
    if (hc_release_diff(&b, &a, x, y, 1, f, changes, &err))
        fail_msg("diff: %s", hc_error_msg(&err));
    hc_buf_addc(&b, 0);
    hc_arena_free(&a);
    return hc_buf_detach(&b, NULL);
}

static void test_revisions(void **state)
{
    (void)state;
    struct hc_release r1 = rel(1, "---\n# Source: app/templates/cm.yaml\napiVersion: v1\n"
                                  "kind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: \"1\"\n"
                                  "  b: \"2\"\n---\n# Source: app/templates/old.yaml\n"
                                  "apiVersion: v1\nkind: Secret\nmetadata:\n  name: old\n"
                                  "---\n# Source: app/templates/same.yaml\napiVersion: v1\n"
                                  "kind: Service\nmetadata:\n  name: same\n");
    /* cm changed (and moved to another template file: not a change by itself), old
       removed, new added, same unchanged. */
    struct hc_release r2 = rel(2, "---\n# Source: app/templates/same.yaml\napiVersion: v1\n"
                                  "kind: Service\nmetadata:\n  name: same\n"
                                  "---\n# Source: app/templates/cm2.yaml\napiVersion: v1\n"
                                  "kind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: \"1\"\n"
                                  "  b: \"3\"\n---\n# Source: app/templates/new.yaml\n"
                                  "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: new\n");
    size_t changes = 0;
    char *got = rdiff(&r1, &r2, HC_DIFF_TEXT, &changes);
    assert_string_equal(got, "--- ConfigMap/default/cm (revision 1)\n"
                             "+++ ConfigMap/default/cm (revision 2)\n"
                             "@@ -6,2 +6,2 @@\n   a: \"1\"\n-  b: \"2\"\n+  b: \"3\"\n"
                             "--- Secret/default/old (revision 1)\n"
                             "+++ /dev/null\n"
                             "@@ -1,4 +0,0 @@\n-apiVersion: v1\n-kind: Secret\n-metadata:\n"
                             "-  name: old\n"
                             "--- /dev/null\n"
                             "+++ Deployment.apps/default/new (revision 2)\n"
                             "@@ -0,0 +1,4 @@\n+apiVersion: apps/v1\n+kind: Deployment\n"
                             "+metadata:\n+  name: new\n");
    assert_int_equal(changes, 3);
    free(got);
    got = rdiff(&r1, &r2, HC_DIFF_JSON, NULL);
    assert_string_equal(got, "{\"from\":1,\"to\":2,\"added\":[\"Deployment.apps/default/new\"],"
                             "\"removed\":[\"Secret/default/old\"],\"changed\":[{\"key\":"
                             "\"ConfigMap/default/cm\",\"diff\":\"@@ -6,2 +6,2 @@\\n   a: "
                             "\\\"1\\\"\\n-  b: \\\"2\\\"\\n+  b: \\\"3\\\"\\n\"}]}\n");
    free(got);
    /* Same revision: nothing. */
    got = rdiff(&r1, &r1, HC_DIFF_TEXT, &changes);
    assert_string_equal(got, "");
    assert_int_equal(changes, 0);
    free(got);
    got = rdiff(&r1, &r1, HC_DIFF_JSON, NULL);
    assert_string_equal(got, "{\"from\":1,\"to\":1,\"added\":[],\"removed\":[],\"changed\":[]}\n");
    free(got);
    /* A manifest error names the revision. */
    struct hc_release bad = rel(7, "kind: ConfigMap\nmetadata:\n  name: x\n");
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_buf b;
    hc_buf_init(&b, 0);
    assert_int_not_equal(hc_release_diff(&b, &a, &r1, &bad, 3, HC_DIFF_TEXT, NULL, &err), HC_OK);
    assert_string_equal(hc_error_msg(&err), "revision 7: document 1: Object 'apiVersion' is missing");
    hc_error_release(&err);
    hc_buf_release(&b);
    hc_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gnu_cases),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_revisions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
