/*
 * test_storage.c - the storage layer against Helm's documented behaviour:
 * the cases every driver shares (storage_cases.h: error texts, pruning as
 * verified with helm 4.1.4) on the file and memory drivers, the file
 * driver's on-disk form and its handling of damaged files, and
 * HELM_MEMORY_DRIVER_DATA loading.
 */
#include "test.h"

#include <fcntl.h>

#include "base/buf.h"
#include "storage_util.h"
#include "storage_cases.h"

#define SAMPLES HELMC_SOURCE_DIR "/tests/golden/release/"

static int setup_file(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = su_tempdir();
    assert_non_null(f->dir);
    assert_int_equal(hc_storage_file_new(f->dir, &f->d, NULL), HC_OK);
    f->s.driver = f->d;
    hc_arena_init(&f->a, 0);
    hc_error_init(&f->err);
    *state = f;
    return 0;
}

static int setup_memory(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_int_equal(hc_storage_memory_new(&f->d, NULL), HC_OK);
    f->s.driver = f->d;
    hc_arena_init(&f->a, 0);
    hc_error_init(&f->err);
    *state = f;
    return 0;
}

/* ---------------------------------------------------------------- file driver */

static char *file_path(struct fixture *f, const char *ns, const char *name, int64_t v)
{
    static char p[4096];
    snprintf(p, sizeof p, "%s/releases/%s/%s/sh.helm.release.v1.%s.v%lld", f->dir, ns, name, name,
             (long long)v);
    return p;
}

static void write_text(const char *path, const char *text, size_t n)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, n, fp), n);
    fclose(fp);
}

static char *read_text(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = malloc(1 << 20);
    *n = fread(buf, 1, (1 << 20) - 1, fp);
    buf[*n] = '\0';
    fclose(fp);
    return buf;
}

/* A revision file holds Helm's Secret body: base64(gzip(json)), readable as it is. */
static void test_file_format(void **state)
{
    struct fixture *f = *state;
    put(f, "fmt", 1, "deployed");
    size_t n = 0;
    char *text = read_text(file_path(f, "default", "fmt", 1), &n);
    assert_non_null(text);
    assert_true(n > 13);
    assert_memory_equal(text, "H4sIAAAAAAAC/", 13);
    assert_null(memchr(text, '\n', n));
    struct hc_release *r;
    assert_int_equal(hc_release_decode(&f->a, text, n, 0, &r, &f->err), HC_OK);
    assert_int_equal(r->version, 1);
    free(text);

    struct stat st;
    assert_int_equal(stat(file_path(f, "default", "fmt", 1), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);

    /* A record Helm stored (the Secret sample's body) dropped in is read. */
    text = read_text(SAMPLES "stored-v4-record-rev2-upgrade.json", &n);
    assert_non_null(text);
    struct hc_release *helm;
    assert_int_equal(hc_release_from_json(&f->a, text, n, &helm, &f->err), HC_OK);
    struct hc_buf body;
    hc_buf_init(&body, 0);
    assert_int_equal(hc_release_encode(&body, helm, helm->format, &f->err), HC_OK);
    char ns[256], name[256];
    snprintf(ns, sizeof ns, "%.*s", (int)helm->namespace_.n, helm->namespace_.p);
    snprintf(name, sizeof name, "%.*s", (int)helm->name.n, helm->name.p);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/releases/%s/%s", f->dir, ns, name);
    char mk[4200];
    snprintf(mk, sizeof mk, "%s/releases", f->dir);
    mkdir(mk, 0700);
    snprintf(mk, sizeof mk, "%s/releases/%s", f->dir, ns);
    mkdir(mk, 0700);
    assert_int_equal(mkdir(dir, 0700), 0);
    write_text(file_path(f, ns, name, helm->version), body.data, body.len);
    assert_int_equal(hc_storage_get(&f->s, &f->a, ns, name, helm->version, &r, &f->err), HC_OK);
    assert_int_equal(r->manifest.n, helm->manifest.n);
    /* Plain base64(json), Helm's backward-compatible form, is read too. */
    hc_buf_reset(&body);
    hc_base64_encode(&body, (const unsigned char *)text, n);
    write_text(file_path(f, ns, name, helm->version), body.data, body.len);
    assert_int_equal(hc_storage_get(&f->s, &f->a, ns, name, helm->version, &r, &f->err), HC_OK);
    assert_int_equal(r->manifest.n, helm->manifest.n);
    hc_buf_release(&body);
    free(text);
}

/*
 * Damaged files: list and history skip them (as Helm does) and report them;
 * getting one directly fails with Helm's text.
 */
static void test_file_damaged(void **state)
{
    struct fixture *f = *state;
    put(f, "r3", 1, "superseded");
    put(f, "r3", 2, "superseded");
    put(f, "r3", 4, "deployed");
    write_text(file_path(f, "default", "r3", 3), "not-valid-base64", 16);

    struct hc_release_list l;
    assert_int_equal(hc_storage_history(&f->s, &f->a, NULL, "r3", &l, &f->err), HC_OK);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.nskipped, 1);
    assert_string_equal(l.skipped[0].key, "sh.helm.release.v1.r3.v3");
    assert_string_equal(l.skipped[0].reason, "illegal base64 data at input byte 3");

    struct hc_release *r;
    assert_int_equal(hc_storage_get(&f->s, &f->a, NULL, "r3", 3, &r, &f->err), HC_ERR_PARSE);
    assert_string_equal(hc_error_msg(&f->err), "get: failed to decode data "
                                               "\"sh.helm.release.v1.r3.v3\": illegal base64 data "
                                               "at input byte 3");
    hc_error_release(&f->err);

    /* Half-written: a body cut short, and an empty file. */
    size_t n = 0;
    char *text = read_text(file_path(f, "default", "r3", 2), &n);
    write_text(file_path(f, "default", "r3", 2), text, n / 2);
    free(text);
    write_text(file_path(f, "default", "r3", 1), "", 0);
    assert_int_equal(hc_storage_history(&f->s, &f->a, NULL, "r3", &l, &f->err), HC_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0]->version, 4);
    assert_int_equal(l.nskipped, 3);

    /* A record whose body names another revision is not taken for this one. */
    text = read_text(file_path(f, "default", "r3", 4), &n);
    write_text(file_path(f, "default", "r3", 5), text, n);
    free(text);
    assert_int_equal(hc_storage_get(&f->s, &f->a, NULL, "r3", 5, &r, &f->err), HC_ERR_PARSE);
    assert_string_equal(hc_error_msg(&f->err),
                        "get: failed to decode data \"sh.helm.release.v1.r3.v5\": record holds "
                        "r3 revision 4");
    hc_error_release(&f->err);

    /* Deleting a damaged revision works. */
    assert_int_equal(hc_storage_delete(&f->s, &f->a, NULL, "r3", 3, &r, &f->err), HC_OK);
    assert_null(r);

    /* A temporary file left by a killed writer is ignored, then removed under the lock. */
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s/releases/default/r3/.tmp-sh.helm.release.v1.r3.v6-abcdef",
             f->dir);
    write_text(tmp, "H4sIAAAA", 8);
    assert_int_equal(hc_storage_history(&f->s, &f->a, NULL, "r3", &l, &f->err), HC_OK);
    assert_int_equal(l.nskipped, 3); /* 1, 2, 5 */
    assert_int_equal(access(tmp, F_OK), 0);
    put(f, "r3", 6, "deployed");
    assert_int_not_equal(access(tmp, F_OK), 0);
}

static void test_file_names(void **state)
{
    struct fixture *f = *state;
    static const char *const bad[] = {"..",
                                      "../x",
                                      "a/b",
                                      "UPPER",
                                      "-a",
                                      "a-",
                                      "",
                                      ".a",
                                      "a..b",
                                      "x123456789012345678901234567890123456789012345678901"
                                      "234"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct hc_release_list l;
        print_message("bad name %s\n", bad[i]);
        assert_int_equal(hc_storage_history(&f->s, &f->a, NULL, bad[i], &l, &f->err),
                         HC_ERR_INVALID);
        hc_error_release(&f->err);
        assert_int_equal(hc_storage_check_name(bad[i], &f->err), HC_ERR_INVALID);
        hc_error_release(&f->err);
    }
    assert_int_equal(hc_storage_check_name("BadName", &f->err), HC_ERR_INVALID);
    assert_string_equal(hc_error_msg(&f->err), "release name is invalid: BadName");
    hc_error_release(&f->err);
    assert_int_equal(hc_storage_check_name("a.b-c.d9", &f->err), HC_OK);
    struct hc_release *r = su_record(&f->a, "../etc", "x", 1, "deployed");
    assert_int_equal(hc_storage_create(&f->s, r, &f->err), HC_ERR_INVALID);
    assert_string_equal(hc_error_msg(&f->err), "namespace is invalid: ../etc");
    hc_error_release(&f->err);
}

/* A second handle (another process, in effect) cannot take a held lock without waiting. */
static void test_file_lock(void **state)
{
    struct fixture *f = *state;
    struct hc_storage_driver *d2;
    assert_int_equal(hc_storage_file_new(f->dir, &d2, NULL), HC_OK);
    struct hc_storage s2 = {d2, 0};
    assert_int_equal(hc_storage_lock(&f->s, NULL, "lk", false, &f->err), HC_OK);
    /* reentrant for its holder: create inside the lock works */
    put(f, "lk", 1, "deployed");
    assert_int_equal(hc_storage_lock(&s2, NULL, "lk", false, &f->err), HC_ERR_EXISTS);
    assert_string_equal(hc_error_msg(&f->err),
                        "another operation (install/upgrade/rollback) is in progress");
    hc_error_release(&f->err);
    /* other releases are not blocked */
    assert_int_equal(hc_storage_lock(&s2, NULL, "other", false, &f->err), HC_OK);
    hc_storage_unlock(&s2, NULL, "other");
    hc_storage_unlock(&f->s, NULL, "lk");
    assert_int_equal(hc_storage_lock(&s2, NULL, "lk", false, &f->err), HC_OK);
    hc_storage_unlock(&s2, NULL, "lk");
    hc_storage_driver_free(d2);
}

static void test_data_home(void **state)
{
    (void)state;
    static const struct {
        const char *helmc, *xdg, *home, *want;
    } cases[] = {
        {"/d/helmc", "/x",       "/h", "/d/helmc"             },
        {"",         "/x",       "/h", "/x/helmc"             },
        {NULL,       "/x",       "/h", "/x/helmc"             },
        {NULL,       "relative", "/h", "/h/.local/share/helmc"},
        {NULL,       "",         "/h", "/h/.local/share/helmc"},
        {NULL,       NULL,       "/h", "/h/.local/share/helmc"},
        {NULL,       NULL,       NULL, NULL                   },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_buf b;
        hc_buf_init(&b, 0);
        struct hc_error err;
        hc_error_init(&err);
        hc_status rc = hc_storage_data_home(&b, cases[i].helmc, cases[i].xdg, cases[i].home, &err);
        if (cases[i].want) {
            assert_int_equal(rc, HC_OK);
            assert_string_equal(hc_buf_str(&b), cases[i].want);
        } else {
            assert_int_equal(rc, HC_ERR_INVALID);
        }
        hc_error_release(&err);
        hc_buf_release(&b);
    }
}

/* ---------------------------------------------------------------- memory data */

static void test_memory_load(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(hc_storage_memory_load(f->d,
                                            SAMPLES "memory-driver-minimal-history.yaml:" SAMPLES
                                                    "memory-driver-pending-upgrade.yaml",
                                            &f->err),
                     HC_ERR_EXISTS);
    /* Both files hold mini v1: the second load stops there, as Helm does. */
    assert_string_equal(hc_error_msg(&f->err), "release: already exists");
    hc_error_release(&f->err);
    assert_string_equal(revisions(f, "mini"), "1 2d");

    struct hc_release *r;
    assert_int_equal(hc_storage_last(&f->s, &f->a, NULL, "mini", &r, &f->err), HC_OK);
    assert_int_equal(r->version, 2);
    assert_int_equal(r->info->last_deployed.offset, 7200);

    assert_int_equal(
        hc_storage_memory_load(f->d, SAMPLES "memory-driver-demo-history.yaml", &f->err), HC_OK);
    struct hc_release_list l;
    assert_int_equal(hc_storage_list(&f->s, &f->a, "default", &l, &f->err), HC_OK);
    assert_int_equal(l.n, 5);

    assert_int_equal(hc_storage_memory_load(f->d, "", &f->err), HC_ERR_IO);
    assert_string_equal(hc_error_msg(&f->err),
                        "Unable to read memory driver dataopen : no such file or directory");
    hc_error_release(&f->err);
    assert_int_equal(hc_storage_memory_load(f->d, "/nonexistent/x.yaml", &f->err), HC_ERR_IO);
    assert_string_equal(hc_error_msg(&f->err), "Unable to read memory driver dataopen "
                                               "/nonexistent/x.yaml: no such file or directory");
    hc_error_release(&f->err);
}

static void test_memory_parse(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *text;
        hc_status rc;
        const char *msg; /* or the number of records */
    } cases[] = {
        {"- name: mini\n  version: 1\n  info: {status: deployed}\n",        HC_OK,          "1" },
        {"[]",                                                              HC_OK,          "0" },
        {"",                                                                HC_OK,          "0" },
        {"[{\"name\":\"a\",\"version\":1},{\"name\":\"a\",\"version\":2}]", HC_OK,          "2" },
        {"name: mini\nversion: 1\n",                                        HC_ERR_INVALID,
         "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go "
         "value of type []*v1.Release"                                                          },
        {"- name: mini\n  version: one\n",                                  HC_ERR_INVALID,
         "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go "
         "struct field Release.version of type int"                                             },
        {"- name: [\n",                                                     HC_ERR_PARSE,   NULL},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_release_list l;
        print_message("memory parse case %zu\n", i);
        hc_status rc =
            hc_storage_memory_parse(&f->a, cases[i].text, strlen(cases[i].text), &l, &f->err);
        assert_int_equal(rc, cases[i].rc);
        if (rc == HC_OK)
            assert_int_equal(l.n, (size_t)atoi(cases[i].msg));
        else if (cases[i].msg)
            assert_string_equal(hc_error_msg(&f->err), cases[i].msg);
        hc_error_release(&f->err);
    }
}

/* The other-namespace case of verified.md C3: a record in team-a is not in default. */
static void test_memory_namespaces(void **state)
{
    struct fixture *f = *state;
    char *dir = su_tempdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/other-ns.yaml", dir);
    const char *text = "- name: nsrel\n  namespace: team-a\n  version: 1\n"
                       "  info: {status: deployed, last_deployed: '2024-05-05T05:05:05Z'}\n"
                       "- name: nons\n  version: 1\n  info: {status: failed}\n";
    write_text(path, text, strlen(text));
    assert_int_equal(hc_storage_memory_load(f->d, path, &f->err), HC_OK);
    struct hc_release_list l;
    assert_int_equal(hc_storage_history(&f->s, &f->a, "team-a", "nsrel", &l, &f->err), HC_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(hc_storage_history(&f->s, &f->a, NULL, "nsrel", &l, &f->err),
                     HC_ERR_NOT_FOUND);
    hc_error_release(&f->err);
    /* no namespace: stored in default, the field left empty */
    assert_int_equal(hc_storage_history(&f->s, &f->a, NULL, "nons", &l, &f->err), HC_OK);
    assert_int_equal(l.v[0]->namespace_.n, 0);
    su_rm_rf(dir);
    free(dir);
}

#define BOTH(fn)                                                 \
    cmocka_unit_test_setup_teardown(fn, setup_memory, teardown), \
        cmocka_unit_test_setup_teardown(fn, setup_file, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_errors),
        BOTH(test_round_trip),
        BOTH(test_prune),
        BOTH(test_prune_default),
        cmocka_unit_test_setup_teardown(test_file_format, setup_file, teardown),
        cmocka_unit_test_setup_teardown(test_file_damaged, setup_file, teardown),
        cmocka_unit_test_setup_teardown(test_file_names, setup_file, teardown),
        cmocka_unit_test_setup_teardown(test_file_lock, setup_file, teardown),
        cmocka_unit_test(test_data_home),
        cmocka_unit_test_setup_teardown(test_memory_load, setup_memory, teardown),
        cmocka_unit_test_setup_teardown(test_memory_parse, setup_memory, teardown),
        cmocka_unit_test_setup_teardown(test_memory_namespaces, setup_memory, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
