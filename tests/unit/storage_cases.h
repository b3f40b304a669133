/*
 * storage_cases.h - the storage behaviours every driver must show (Helm's
 * error texts, round trips, namespaces, pruning as verified with helm),
 * shared by test_storage.c (file and memory) and test_storage_sql.c.  The
 * including file provides the setups; each test gets an empty store.
 */
#ifndef HELMC_TEST_STORAGE_CASES_H
#define HELMC_TEST_STORAGE_CASES_H

#include "test.h"

#include "storage_util.h"

/* Each test runs on every driver. */
struct fixture {
    struct hc_storage_driver *d;
    struct hc_storage s;
    struct hc_arena a;
    struct hc_error err;
    char *dir; /* the file driver's data home, NULL for memory */
};

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

#endif
