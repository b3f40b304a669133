/*
 * test_storage.c - the storage layer against Helm's documented behaviour:
 * error texts, pruning (the cases verified with helm 4.1.4 in the shared
 * release-format notes), the file driver's on-disk form and its handling of
 * damaged files, and HELM_MEMORY_DRIVER_DATA loading.
 */
#include "test.h"

#include <fcntl.h>

#include "base/buf.h"
#include "storage_util.h"

#define SAMPLES HELMC_SOURCE_DIR "/tests/golden/release/"

/* Each test runs on both drivers. */
struct fixture {
    struct hc_storage_driver *d;
    struct hc_storage s;
    struct hc_arena a;
    struct hc_error err;
    char *dir; /* the file driver's data home, NULL for memory */
};

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

static int teardown(void **state)
{
    struct fixture *f = *state;
    hc_storage_driver_free(f->d);
    hc_arena_free(&f->a);
    hc_error_release(&f->err);
    if (f->dir) {
        su_rm_rf(f->dir);
        free(f->dir);
    }
    free(f);
    return 0;
}

static void put(struct fixture *f, const char *name, int64_t v, const char *status)
{
    struct hc_release *r = su_record(&f->a, "default", name, v, status);
    if (hc_storage_create(&f->s, r, &f->err) != HC_OK)
        fail_msg("create %s v%lld: %s", name, (long long)v, hc_error_msg(&f->err));
}

/* The revisions left, as "v1 v2 ..." with a status letter when not superseded. */
static const char *revisions(struct fixture *f, const char *name)
{
    static char out[512];
    struct hc_release_list l;
    out[0] = '\0';
    if (hc_storage_history(&f->s, &f->a, "default", name, &l, &f->err) != HC_OK) {
        hc_error_release(&f->err);
        return "none";
    }
    for (size_t i = 0; i < l.n; i++) {
        char one[32];
        snprintf(one, sizeof one, "%s%lld%s", i ? " " : "", (long long)l.v[i]->version,
                 su_status_is(l.v[i], "deployed") ? "d"
                 : su_status_is(l.v[i], "failed") ? "f"
                                                  : "");
        strcat(out, one);
    }
    return out;
}

/* ---------------------------------------------------------------- errors */

static void test_errors(void **state)
{
    struct fixture *f = *state;
    struct hc_release *r;
    struct hc_release_list l;

    assert_int_equal(hc_storage_get(&f->s, &f->a, NULL, "r", 1, &r, &f->err), HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&f->err), "release: not found");
    hc_error_release(&f->err);

    assert_int_equal(hc_storage_history(&f->s, &f->a, NULL, "r", &l, &f->err), HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&f->err), "release: not found");
    hc_error_release(&f->err);

    assert_int_equal(hc_storage_last(&f->s, &f->a, NULL, "r", &r, &f->err), HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&f->err), "release: not found");
    hc_error_release(&f->err);

    assert_int_equal(hc_storage_deployed(&f->s, &f->a, NULL, "r", &r, &f->err), HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&f->err), "\"r\" has no deployed releases");
    hc_error_release(&f->err);

    struct hc_release *one = su_record(&f->a, "", "r", 1, "failed");
    assert_int_equal(hc_storage_update(&f->s, one, &f->err), HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&f->err), "release: not found");
    hc_error_release(&f->err);

    assert_int_equal(hc_storage_delete(&f->s, &f->a, NULL, "r", 1, NULL, &f->err),
                     HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&f->err), "release: not found");
    hc_error_release(&f->err);

    assert_int_equal(hc_storage_create(&f->s, one, &f->err), HC_OK);
    assert_int_equal(hc_storage_create(&f->s, one, &f->err), HC_ERR_EXISTS);
    assert_string_equal(hc_error_msg(&f->err), "release: already exists");
    hc_error_release(&f->err);

    /* Only failed revisions: still none deployed, but a last one. */
    assert_int_equal(hc_storage_deployed(&f->s, &f->a, NULL, "r", &r, &f->err), HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&f->err), "\"r\" has no deployed releases");
    hc_error_release(&f->err);
    assert_int_equal(hc_storage_last(&f->s, &f->a, "default", "r", &r, &f->err), HC_OK);
    assert_int_equal(r->version, 1);
}

/* ---------------------------------------------------------------- round trip */

static void test_round_trip(void **state)
{
    struct fixture *f = *state;
    put(f, "app", 1, "superseded");
    put(f, "app", 2, "deployed");
    put(f, "app", 3, "failed");
    put(f, "other", 1, "deployed");

    struct hc_release *r;
    assert_int_equal(hc_storage_get(&f->s, &f->a, "default", "app", 2, &r, &f->err), HC_OK);
    assert_int_equal(r->version, 2);
    assert_true(su_status_is(r, "deployed"));
    assert_int_equal(r->manifest.n, strlen("---\n# Source: c/templates/cm.yaml\nrev: 2\n"));
    assert_int_equal(r->info->last_deployed.sec, hc_stamp_from_unix(1700000002, 0, 0).sec);

    assert_int_equal(hc_storage_last(&f->s, &f->a, NULL, "app", &r, &f->err), HC_OK);
    assert_int_equal(r->version, 3);
    assert_int_equal(hc_storage_deployed(&f->s, &f->a, NULL, "app", &r, &f->err), HC_OK);
    assert_int_equal(r->version, 2);

    /* Update replaces the revision: the previous deployed one becomes superseded. */
    r->info->status = su_str("superseded");
    assert_int_equal(hc_storage_update(&f->s, r, &f->err), HC_OK);
    assert_string_equal(revisions(f, "app"), "1 2 3f");

    /* When several are deployed (a corrupt store), the highest wins, as Helm takes. */
    struct hc_release *a1 = su_record(&f->a, "default", "app", 1, "deployed");
    struct hc_release *a3 = su_record(&f->a, "default", "app", 3, "deployed");
    assert_int_equal(hc_storage_update(&f->s, a1, &f->err), HC_OK);
    assert_int_equal(hc_storage_update(&f->s, a3, &f->err), HC_OK);
    assert_int_equal(hc_storage_deployed(&f->s, &f->a, NULL, "app", &r, &f->err), HC_OK);
    assert_int_equal(r->version, 3);

    struct hc_release_list l;
    assert_int_equal(hc_storage_list(&f->s, &f->a, "default", &l, &f->err), HC_OK);
    assert_int_equal(l.n, 4);
    assert_int_equal(l.v[3]->name.n, 5); /* "other" sorts last */
    assert_int_equal(hc_storage_list(&f->s, &f->a, "elsewhere", &l, &f->err), HC_OK);
    assert_int_equal(l.n, 0);

    /* Namespaces are separate stores; a record without one lives in "default". */
    struct hc_release *t = su_record(&f->a, "team-a", "app", 1, "deployed");
    assert_int_equal(hc_storage_create(&f->s, t, &f->err), HC_OK);
    assert_int_equal(hc_storage_get(&f->s, &f->a, "team-a", "app", 1, &r, &f->err), HC_OK);
    assert_int_equal(hc_storage_get(&f->s, &f->a, "team-a", "app", 2, &r, &f->err),
                     HC_ERR_NOT_FOUND);
    hc_error_release(&f->err);
    assert_int_equal(hc_storage_list(&f->s, &f->a, NULL, &l, &f->err), HC_OK);
    assert_int_equal(l.n, 5);

    /* Delete hands the record back. */
    assert_int_equal(hc_storage_delete(&f->s, &f->a, NULL, "app", 1, &r, &f->err), HC_OK);
    assert_non_null(r);
    assert_int_equal(r->version, 1);
    assert_string_equal(revisions(f, "app"), "2 3d");
    assert_int_equal(f->err.code, HC_OK);
}

/* ---------------------------------------------------------------- pruning */

/*
 * Helm 4.1.4's pruning, as verified against the real binary (release-format
 * README 3.4 and verified.md A4): the store before, --history-max, the
 * revision created, the store after.
 */
static const struct {
    const char *before; /* revision:status letters, s superseded, d deployed, f failed */
    int max;
    int64_t create;
    const char *after;
} prune_cases[] = {
  /* 9 records, none deployed, --history-max 4: 1-6 go, 7 8 9 stay, 10 created. */
    {"1s 2s 3s 4f 5s 6s 7s 8s 9f", 4,  10, "7 8 9f 10d" },
 /* [10 deployed, 11 failed, 12 failed], --history-max 3: 11 goes, not the older 10. */
    {"10d 11f 12f",                3,  13, "10d 12f 13d"},
 /* A4: 7 8 9 superseded, 10 deployed, --history-max 3: 7 and 8 go. */
    {"7s 8s 9s 10d",               3,  11, "9 10d 11d"  },
 /* Under the limit: nothing goes. */
    {"1s 2d",                      10, 3,  "1 2d 3d"    },
 /* 0: no limit. */
    {"1s 2s 3s 4d",                0,  5,  "1 2 3 4d 5d"},
 /* Limit 1: everything but the deployed one goes. */
    {"1s 2d 3f",                   1,  4,  "2d 4d"      },
 /* Gaps left by earlier pruning are not reused and do not count. */
    {"3s 5s 8d",                   2,  9,  "8d 9d"      },
};

static void test_prune(void **state)
{
    struct fixture *f = *state;
    for (size_t i = 0; i < ARRAY_LEN(prune_cases); i++) {
        char name[32];
        snprintf(name, sizeof name, "p%zu", i);
        f->s.history_max = 0;
        const char *p = prune_cases[i].before;
        while (*p) {
            char *end;
            long long v = strtoll(p, &end, 10);
            const char *st = *end == 'd' ? "deployed" : *end == 'f' ? "failed" : "superseded";
            put(f, name, v, st);
            p = end + 1;
            while (*p == ' ')
                p++;
        }
        f->s.history_max = prune_cases[i].max;
        put(f, name, prune_cases[i].create, "deployed");
        print_message("prune case %zu\n", i);
        assert_string_equal(revisions(f, name), prune_cases[i].after);
    }
}

/* Default 10: after 13 upgrades only 4-13 remain (verified with helm). */
static void test_prune_default(void **state)
{
    struct fixture *f = *state;
    f->s.history_max = HC_STORAGE_DEFAULT_HISTORY_MAX;
    for (int64_t v = 1; v <= 13; v++) {
        if (v > 1) {
            struct hc_release *prev = su_record(&f->a, "default", "rel", v - 1, "superseded");
            assert_int_equal(hc_storage_update(&f->s, prev, &f->err), HC_OK);
        }
        put(f, "rel", v, "deployed");
    }
    assert_string_equal(revisions(f, "rel"), "4 5 6 7 8 9 10 11 12 13d");
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
