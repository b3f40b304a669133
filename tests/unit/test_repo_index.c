/*
 * test_repo_index.c - index.yaml as helm v4.1.4's `helm repo index` writes it.
 *
 * The expected texts are helm's output for the same charts, with its created and
 * generated times replaced by the fixed "now" the test passes, and the digests by the
 * SHA-256 of the archives the test writes (the deflate bytes are zlib's, not Go's).
 */
#include "test.h"

#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "helmc/archive.h"
#include "helmc/repo.h"

#define NOW "2024-01-02T03:04:05.123456789Z"

static const char demo_chart[] = "apiVersion: v2\n"
                                 "name: demo\n"
                                 "description: |\n"
                                 "  A demo chart\n"
                                 "  on two lines\n"
                                 "version: %s\n"
                                 "appVersion: \"1.0\"\n"
                                 "keywords: [b, a]\n"
                                 "maintainers:\n"
                                 "- name: Ann\n"
                                 "  email: ann@example.com\n"
                                 "dependencies:\n"
                                 "- name: sub\n"
                                 "  version: 0.2.0\n"
                                 "  repository: file://charts/sub\n"
                                 "annotations:\n"
                                 "  z: last\n"
                                 "  a: first\n";

/* helm's entry for demo (version and URL and digest filled in) */
static const char demo_entry[] = "  - annotations:\n"
                                 "      a: first\n"
                                 "      z: last\n"
                                 "    apiVersion: v2\n"
                                 "    appVersion: \"1.0\"\n"
                                 "    created: \"" NOW "\"\n"
                                 "    dependencies:\n"
                                 "    - name: sub\n"
                                 "      repository: file://charts/sub\n"
                                 "      version: 0.2.0\n"
                                 "    description: 'A demo chart on two lines '\n"
                                 "    digest: %s\n"
                                 "    keywords:\n"
                                 "    - b\n"
                                 "    - a\n"
                                 "    maintainers:\n"
                                 "    - email: ann@example.com\n"
                                 "      name: Ann\n"
                                 "    name: demo\n"
                                 "    urls:\n"
                                 "    - %s\n"
                                 "    version: %s\n";

/* Writes DIR/path as an archive of one chart with Chart.yaml text; returns its digest. */
static void write_chart(const char *dir, const char *path, const char *chart_yaml, char hex[65])
{
    char full[256];
    snprintf(full, sizeof full, "%s/%s", dir, path);
    FILE *f = fopen(full, "w+b");
    assert_non_null(f);
    struct hc_tgz_writer *w;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_tgz_writer_new(f, &w, &err), HC_OK);
    assert_int_equal(hc_tgz_writer_add(w, "c/Chart.yaml", chart_yaml, strlen(chart_yaml), 0, &err),
                     HC_OK);
    assert_int_equal(hc_tgz_writer_add(w, "c/values.yaml", "a: 1\n", 5, 0, &err), HC_OK);
    assert_int_equal(hc_tgz_writer_finish(w, &err), HC_OK);
    rewind(f);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        EVP_DigestUpdate(md, buf, n);
    unsigned char d[32];
    unsigned int dl;
    EVP_DigestFinal_ex(md, d, &dl);
    EVP_MD_CTX_free(md);
    fclose(f);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    hc_error_release(&err);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct hc_buf b = HC_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hc_buf_add(&b, chunk, n);
    fclose(f);
    hc_buf_addc(&b, '\0');
    return hc_buf_detach(&b, NULL);
}

static struct hc_repo_index_opts opts_now(void)
{
    /* 2024-01-02T03:04:05.123456789Z */
    struct hc_repo_index_opts o = {0};
    o.now_sec = 1704164645;
    o.now_nsec = 123456789;
    return o;
}

static void rm_rf(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_yaml_with_url(void **state)
{
    (void)state;
    char dir[] = "/tmp/helmc-index-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[96];
    snprintf(sub, sizeof sub, "%s/more", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    char text[1024], d1[65], d2[65], d3[65];
    snprintf(text, sizeof text, demo_chart, "0.10.0");
    write_chart(dir, "demo-0.10.0.tgz", text, d1);
    snprintf(text, sizeof text, demo_chart, "1.0.0");
    write_chart(dir, "demo-1.0.0.tgz", text, d2);
    write_chart(dir, "more/sub-0.2.0.tgz", "apiVersion: v2\nname: sub\nversion: 0.2.0\n", d3);
    /* an archive that is not one: skipped */
    char junk[96];
    snprintf(junk, sizeof junk, "%s/broken-1.0.0.tgz", dir);
    FILE *f = fopen(junk, "w");
    fputs("junk\n", f);
    fclose(f);

    struct hc_repo_index_opts o = opts_now();
    o.url = "https://charts.example.com/stable";
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_repo_index_dir(dir, &o, &err), HC_OK);

    struct hc_buf want = HC_BUF_INIT;
    hc_buf_adds(&want, "apiVersion: v1\nentries:\n  demo:\n");
    hc_buf_printf(&want, demo_entry, d2, "https://charts.example.com/stable/demo-1.0.0.tgz",
                  "1.0.0");
    hc_buf_printf(&want, demo_entry, d1, "https://charts.example.com/stable/demo-0.10.0.tgz",
                  "0.10.0");
    hc_buf_printf(&want,
                  "  sub:\n"
                  "  - apiVersion: v2\n"
                  "    created: \"" NOW "\"\n"
                  "    digest: %s\n"
                  "    name: sub\n"
                  "    urls:\n"
                  "    - https://charts.example.com/stable/more/sub-0.2.0.tgz\n"
                  "    version: 0.2.0\n"
                  "generated: \"" NOW "\"\n",
                  d3);
    char path[128];
    snprintf(path, sizeof path, "%s/index.yaml", dir);
    char *got = slurp(path);
    assert_string_equal(got, hc_buf_str(&want));
    free(got);
    hc_buf_release(&want);
    hc_error_release(&err);
    rm_rf(dir);
}

static void test_json_without_url(void **state)
{
    (void)state;
    char dir[] = "/tmp/helmc-index-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char text[1024], d[65];
    snprintf(text, sizeof text, demo_chart, "1.0.0");
    write_chart(dir, "demo-1.0.0.tgz", text, d);
    struct hc_repo_index_opts o = opts_now();
    o.json = true;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_repo_index_dir(dir, &o, &err), HC_OK);
    struct hc_buf want = HC_BUF_INIT;
    hc_buf_printf(&want,
                  "{\n"
                  "  \"apiVersion\": \"v1\",\n"
                  "  \"generated\": \"" NOW "\",\n"
                  "  \"entries\": {\n"
                  "    \"demo\": [\n"
                  "      {\n"
                  "        \"name\": \"demo\",\n"
                  "        \"version\": \"1.0.0\",\n"
                  "        \"description\": \"A demo chart on two lines \",\n"
                  "        \"keywords\": [\n"
                  "          \"b\",\n"
                  "          \"a\"\n"
                  "        ],\n"
                  "        \"maintainers\": [\n"
                  "          {\n"
                  "            \"name\": \"Ann\",\n"
                  "            \"email\": \"ann@example.com\"\n"
                  "          }\n"
                  "        ],\n"
                  "        \"apiVersion\": \"v2\",\n"
                  "        \"appVersion\": \"1.0\",\n"
                  "        \"annotations\": {\n"
                  "          \"a\": \"first\",\n"
                  "          \"z\": \"last\"\n"
                  "        },\n"
                  "        \"dependencies\": [\n"
                  "          {\n"
                  "            \"name\": \"sub\",\n"
                  "            \"version\": \"0.2.0\",\n"
                  "            \"repository\": \"file://charts/sub\"\n"
                  "          }\n"
                  "        ],\n"
                  "        \"urls\": [\n"
                  "          \"demo-1.0.0.tgz\"\n"
                  "        ],\n"
                  "        \"created\": \"" NOW "\",\n"
                  "        \"digest\": \"%s\"\n"
                  "      }\n"
                  "    ]\n"
                  "  }\n"
                  "}",
                  d);
    char path[128];
    snprintf(path, sizeof path, "%s/index.yaml", dir);
    char *got = slurp(path);
    assert_string_equal(got, hc_buf_str(&want));
    free(got);
    hc_buf_release(&want);
    hc_error_release(&err);
    rm_rf(dir);
}

/* Merging keeps the old index's other versions; --keep-created keeps unchanged entries' times. */
static void test_merge_keep_created(void **state)
{
    (void)state;
    char dir[] = "/tmp/helmc-index-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char text[1024], d[65];
    snprintf(text, sizeof text, demo_chart, "1.0.0");
    write_chart(dir, "demo-1.0.0.tgz", text, d);
    char old[128];
    snprintf(old, sizeof old, "%s/old.yaml", dir);
    FILE *f = fopen(old, "w");
    fprintf(f,
            "apiVersion: v1\n"
            "entries:\n"
            "  demo:\n"
            "  - apiVersion: v2\n"
            "    created: \"2020-05-06T07:08:09Z\"\n"
            "    digest: %s\n"
            "    name: demo\n"
            "    urls:\n"
            "    - demo-1.0.0.tgz\n"
            "    version: 1.0.0\n"
            "  - apiVersion: v2\n"
            "    created: \"2019-01-01T00:00:00+02:00\"\n"
            "    name: demo\n"
            "    urls:\n"
            "    - demo-0.5.0.tgz\n"
            "    version: 0.5.0\n"
            "generated: \"2020-05-06T07:08:09Z\"\n",
            d);
    fclose(f);
    struct hc_repo_index_opts o = opts_now();
    o.merge = old;
    o.keep_created = true;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_repo_index_dir(dir, &o, &err), HC_OK);
    char path[128];
    snprintf(path, sizeof path, "%s/index.yaml", dir);
    char *got = slurp(path);
    assert_non_null(strstr(got, "    created: \"2020-05-06T07:08:09Z\"\n"));
    assert_non_null(strstr(got, "    created: \"2019-01-01T00:00:00+02:00\"\n"));
    assert_null(strstr(got, "created: \"" NOW));
    assert_non_null(strstr(got, "    - demo-0.5.0.tgz\n    version: 0.5.0\n"));
    free(got);
    hc_error_release(&err);
    rm_rf(dir);
}

/* ---- an index in helm's layout is read without its whole document ---- */

/*
 * Indexes to merge into: helm's layout, which is read entry by entry, and
 * layouts that need the whole document; each is merged as it is and with a
 * comment that sends it to the whole-document reader, and both runs must give
 * the same index, warnings and error.
 */
#define LONG_NAME                                                                                \
    "long-name-long-name-long-name-long-name-long-name-long-name-long-name-long-name-long-name-" \
    "long-name-"

#define ENTRIES_U          \
    "entries:\n"           \
    "  u:\n"               \
    "  - name: u\n"        \
    "    apiVersion: v2\n" \
    "    version: 1.0.0\n"

static const char *const merge_inputs[] = {
    /* helm's layout: groups out of order, block scalars, blank and comment lines */
    "apiVersion: v1\n"
    "entries:\n"
    "  zeta:\n"
    "  - annotations:\n"
    "      images: |\n"
    "        - name: a\n"
    "\n"
    "          image: b\n"
    "      licenses: Apache-2.0\n"
    "    apiVersion: v2\n"
    "    appVersion: 3.0.5\n"
    "    created: \"2020-05-06T07:08:09.5Z\"\n"
    "    description: Apache Airflow is a tool to express and execute workflows as directed\n"
    "      acyclic graphs (DAGs). It includes utilities to schedule tasks, monitor task\n"
    "      progress and handle task dependencies.\n"
    "    digest: 6dda132d\n"
    "    keywords:\n"
    "    - apache\n"
    "    name: zeta\n"
    "    urls:\n"
    "    - https://example.com/zeta-1.0.0.tgz\n"
    "    version: 1.0.0\n"
    "\n"
    "  # a comment\n"
    "  - apiVersion: v1\n"
    "    created: \"2020-05-06T07:08:09Z\"\n"
    "    name: zeta\n"
    "    version: 2.0.0\n"
    "  alpha:\n"
    "  -   apiVersion: v2\n"
    "      name: alpha\n"
    "      version: 0.1.0\n"
    "      deprecated: true\n"
    "      checksum: abc\n"
    "      removed: true\n"
    "generated: \"2020-05-06T07:08:09Z\"\n"
    "serverInfo:\n"
    "  contextPath: /x\n",
    /* invalid and empty entries (warnings), a name another than the group's */
    "apiVersion: v1\n"
    "entries:\n"
    "  b:\n"
    "  -\n"
    "  - name: b\n"
    "    apiVersion: v2\n"
    "  - name: other\n"
    "    apiVersion: v2\n"
    "    version: 1.2.3\n"
    "  - name: b\n"
    "    apiVersion: v9\n"
    "    version: 1.0.0\n"
    "  a:\n"
    "  - name: a\n"
    "    version: 1.0.0\n",
    /* group names YAML 1.1 resolves, equal ones */
    "apiVersion: v1\n"
    "entries:\n"
    "  y:\n"
    "  - {name: y, version: 1.0.0, apiVersion: v2}\n"
    "  n:\n"
    "  - name: n\n"
    "    apiVersion: v2\n"
    "    version: 1.0.0\n",
    "apiVersion: v1\n"
    "entries:\n"
    "  true:\n"
    "  - {name: t, version: 1.0.0, apiVersion: v2}\n"
    "  y:\n"
    "  - {name: y, version: 1.0.0, apiVersion: v2}\n",
    /* a quoted scalar going on at the entries' indentation */
    "apiVersion: v1\n"
    "entries:\n"
    "  q:\n"
    "  - name: q\n"
    "    apiVersion: v2\n"
    "    version: 1.0.0\n"
    "    description: \"one\n"
    "  - two\"\n",
    /* errors: an unknown field, no apiVersion, a bad time, a duplicate group */
    "apiVersion: v1\n"
    "entries:\n"
    "  u:\n"
    "  - name: u\n"
    "    version: 1.0.0\n"
    "    colour: red\n",
    ENTRIES_U,
    "apiVersion: v1\n" ENTRIES_U "    created: yesterday\n",
    "apiVersion: v1\n" ENTRIES_U "  u:\n"
    "  - name: u\n"
    "    apiVersion: v2\n"
    "    version: 2.0.0\n",
    /* scalars a quick reading could take wrongly: YAML 1.1 types, quoting, chomping */
    "apiVersion: v1\n"
    "entries:\n"
    "  r:\n"
    "  - annotations:\n"
    "      on: \"yes\"\n"
    "      keep: |+\n"
    "        a\n"
    "\n"
    "        b\n"
    "\n"
    "      strip: |-\n"
    "        x\n"
    "      t: 'it''s a ''quoted''\n"
    "        line'\n"
    "      u: \"tab\\there \\\"q\\\" \\u0041 \\x42\"\n"
    "    apiVersion: v2\n"
    "    appVersion: 010\n"
    "    created: 2020-05-06T07:08:09Z\n"
    "    dependencies:\n"
    "    - alias: x\n"
    "      enabled: true\n"
    "      import-values:\n"
    "      - child: a\n"
    "        parent: b\n"
    "      - c\n"
    "      name: d\n"
    "      repository: \"\"\n"
    "      tags:\n"
    "      - on\n"
    "    deprecated: true\n"
    "    description: no\n"
    "    home: 0x1F\n"
    "    keywords:\n"
    "    - 1.5\n"
    "    - ~\n"
    "    - 'true'\n"
    "    name: r\n"
    "    urls: []\n"
    "    version: 1.0\n"
    "  - apiVersion: v2\n"
    "    created: \"2020-05-06T07:08:09Z\"\n"
    "    description: a long description that goes on and on and on, as helm folds it onto\n"
    "      more lines, which a plain scalar may do\n"
    "    digest: 1e10\n"
    "    icon: 'https://x/y #z'\n"
    "    home: \"\\u00e9\"\n"
    "    name: r\n"
    "    urls:\n"
    "    - r-2.0.0.tgz\n"
    "    version: 2.0.0\n"
    "\n"
    "  - apiVersion: v2\n"
    "    name: r\n"
    "    version: 3.0.0\n"
    "    kubeVersion: '>=1.20'\n"
    "    type: |\n"
    "      application\n"
    "generated: \"2020-05-06T07:08:09Z\"\n",
    /* names too long for a simple key (more than 128 bytes), or to be rendered early */
    "apiVersion: v1\n"
    "entries:\n"
    "  " LONG_NAME "abcdefghijklmnopqrstuvwxyz:\n"
    "  - name: " LONG_NAME "abcdefghijklmnopqrstuvwxyz\n"
    "    apiVersion: v2\n"
    "    version: 1.0.0\n"
    "  " LONG_NAME ":\n"
    "  - name: " LONG_NAME "\n"
    "    apiVersion: v2\n"
    "    version: 1.0.0\n",
    /* another layout: sequences indented under their key */
    "apiVersion: v1\n"
    "entries:\n"
    "  s:\n"
    "    - name: s\n"
    "      apiVersion: v2\n"
    "      version: 1.0.0\n",
};

static void collect_warning(void *ctx, const char *msg)
{
    hc_buf_adds(ctx, msg);
    hc_buf_addc(ctx, '\n');
}

/* Merges text into an empty directory's index: the index (or "error: MSG") and the warnings. */
static char *merge_text(const char *dir, const char *text, bool json)
{
    char old[128], path[128];
    snprintf(old, sizeof old, "%s/old.yaml", dir);
    snprintf(path, sizeof path, "%s/index.yaml", dir);
    FILE *f = fopen(old, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    unlink(path);
    struct hc_buf out = HC_BUF_INIT;
    struct hc_repo_index_opts o = opts_now();
    o.merge = old;
    o.json = json;
    o.warn = collect_warning;
    o.warn_ctx = &out;
    struct hc_error err;
    hc_error_init(&err);
    if (hc_repo_index_dir(dir, &o, &err) == HC_OK) {
        char *got = slurp(path);
        hc_buf_adds(&out, got);
        free(got);
    } else {
        hc_buf_printf(&out, "error: %s\n", hc_error_msg(&err));
    }
    hc_error_release(&err);
    hc_buf_addc(&out, '\0');
    return hc_buf_detach(&out, NULL);
}

/* Merges text both ways and compares; returns the index written, or NULL on an error. */
static char *merge_both_ways(const char *dir, const char *text, bool json, size_t i)
{
    char *fast = merge_text(dir, text, json);
    char path[128];
    snprintf(path, sizeof path, "%s/index.yaml", dir);
    char *written = strncmp(fast, "error: ", 7) != 0 ? slurp(path) : NULL;
    struct hc_buf slow_text = HC_BUF_INIT;
    hc_buf_adds(&slow_text, text);
    hc_buf_adds(&slow_text, "# &anchor-like, read as a whole document\n");
    char *slow = merge_text(dir, hc_buf_str(&slow_text), json);
    if (strcmp(fast, slow) != 0)
        print_error("input %zu (json %d):\n--- entry by entry\n%s--- whole\n%s", i, json, fast,
                    slow);
    assert_string_equal(fast, slow);
    free(fast);
    free(slow);
    hc_buf_release(&slow_text);
    return written;
}

static void test_merge_fast_equals_document(void **state)
{
    (void)state;
    char dir[] = "/tmp/helmc-index-XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < sizeof merge_inputs / sizeof *merge_inputs; i++) {
        free(merge_both_ways(dir, merge_inputs[i], true, i));
        /* and the index written, in helm's layout, which the quick reading takes */
        char *written = merge_both_ways(dir, merge_inputs[i], false, i);
        if (written)
            free(merge_both_ways(dir, written, false, i));
        free(written);
    }
    rm_rf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml_with_url),
        cmocka_unit_test(test_json_without_url),
        cmocka_unit_test(test_merge_keep_created),
        cmocka_unit_test(test_merge_fast_equals_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
