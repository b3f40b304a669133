/*
 * sqltool.c - drives the SQL driver from the shell, for the interop tests
 * with the real Helm (tests/cli/t11NN-sql-*.sh) until the release commands
 * exist.  Not installed.
 *
 *   helmc-sqltool put CONN FILE...         store JSON records (as `helm -o json` prints them)
 *   helmc-sqltool upgrade CONN NAME        a new revision from the last one, the old superseded
 *   helmc-sqltool history CONN NAME        REV STATUS CHART APP-VERSION DESCRIPTION, tab-separated
 *   helmc-sqltool manifest CONN NAME REV   the stored manifest
 *   helmc-sqltool values CONN NAME REV     the user-supplied values as JSON
 *   helmc-sqltool delete CONN NAME REV     remove a revision
 *
 * The namespace is "default" unless HELMC_NAMESPACE says otherwise.  Errors:
 * one line on stderr, exit 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/release.h"
#include "helmc/storage.h"
#include "json/json.h"

static const char *ns;

static int fail(struct hc_error *err, const char *what)
{
    fprintf(stderr, "Error: %s%s%s\n", what ? what : "", what ? ": " : "", hc_error_msg(err));
    return 1;
}

/* The whole file, NUL-terminated, in a; NULL when it cannot be read. */
static char *read_file(struct hc_arena *a, const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    long size = -1;
    if (fp && fseek(fp, 0, SEEK_END) == 0)
        size = ftell(fp);
    char *out = size >= 0 ? hc_arena_alloc(a, (size_t)size + 1) : NULL;
    if (out && (fseek(fp, 0, SEEK_SET) != 0 || fread(out, 1, (size_t)size, fp) != (size_t)size))
        out = NULL;
    if (fp)
        fclose(fp);
    if (out) {
        out[size] = '\0';
        *n = (size_t)size;
    }
    return out;
}

static void put_str(hc_rstr s)
{
    fwrite(s.p ? s.p : "", 1, s.n, stdout);
}

static int cmd_put(struct hc_storage *s, struct hc_arena *a, int argc, char **argv,
                   struct hc_error *err)
{
    for (int i = 0; i < argc; i++) {
        size_t n;
        char *text = read_file(a, argv[i], &n);
        if (!text) {
            fprintf(stderr, "Error: cannot read %s\n", argv[i]);
            return 1;
        }
        struct hc_release *r;
        if (hc_release_from_json(a, text, n, &r, err) != HC_OK ||
            hc_storage_create(s, r, err) != HC_OK)
            return fail(err, argv[i]);
    }
    return 0;
}

static int cmd_upgrade(struct hc_storage *s, struct hc_arena *a, const char *name,
                       struct hc_error *err)
{
    struct hc_release *last;
    if (hc_storage_lock(s, ns, name, true, err) != HC_OK)
        return fail(err, NULL);
    int rc = 1;
    if (hc_storage_last(s, a, ns, name, &last, err) == HC_OK) {
        struct hc_release next = *last;
        struct hc_release_info info = *last->info;
        next.version = last->version + 1;
        next.info = &info;
        info.status = (hc_rstr){"deployed", 8};
        info.description = (hc_rstr){"Upgrade complete", 16};
        info.last_deployed = hc_stamp_from_unix((int64_t)time(NULL), 0, 0);
        last->info->status = (hc_rstr){"superseded", 10};
        if (hc_storage_create(s, &next, err) == HC_OK && hc_storage_update(s, last, err) == HC_OK)
            rc = 0;
    }
    hc_storage_unlock(s, ns, name);
    return rc ? fail(err, NULL) : 0;
}

static int cmd_history(struct hc_storage *s, struct hc_arena *a, const char *name,
                       struct hc_error *err)
{
    struct hc_release_list l;
    if (hc_storage_history(s, a, ns, name, &l, err) != HC_OK)
        return fail(err, NULL);
    for (size_t i = 0; i < l.n; i++) {
        const struct hc_release *r = l.v[i];
        printf("%lld\t", (long long)r->version);
        if (r->info)
            put_str(r->info->status);
        putchar('\t');
        if (r->chart && r->chart->metadata) {
            put_str(r->chart->metadata->name);
            putchar('-');
            put_str(r->chart->metadata->version);
            putchar('\t');
            put_str(r->chart->metadata->app_version);
        } else {
            fputs("MISSING\tMISSING", stdout);
        }
        putchar('\t');
        if (r->info)
            put_str(r->info->description);
        putchar('\n');
    }
    for (size_t i = 0; i < l.nskipped; i++)
        fprintf(stderr, "skipped %s: %s\n", l.skipped[i].key, l.skipped[i].reason);
    return 0;
}

static int cmd_get(struct hc_storage *s, struct hc_arena *a, const char *what, const char *name,
                   const char *rev, struct hc_error *err)
{
    struct hc_release *r;
    if (hc_storage_get(s, a, ns, name, strtoll(rev, NULL, 10), &r, err) != HC_OK)
        return fail(err, NULL);
    if (strcmp(what, "manifest") == 0) {
        put_str(r->manifest);
        return 0;
    }
    struct hc_buf b;
    hc_buf_init(&b, 0);
    if (hc_json_write(&b, r->config, 0, err) != HC_OK) {
        hc_buf_release(&b);
        return fail(err, NULL);
    }
    printf("%s\n", hc_buf_ok(&b) && b.len ? hc_buf_str(&b) : "null");
    hc_buf_release(&b);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s put|upgrade|history|manifest|values|delete CONN ARGS...\n",
                argv[0]);
        return 2;
    }
    ns = getenv("HELMC_NAMESPACE");
    if (!ns || !*ns)
        ns = "default";
    const char *cmd = argv[1];
    struct hc_error err;
    hc_error_init(&err);
    struct hc_storage_driver *d;
    if (hc_storage_sql_new(argv[2], &d, &err) != HC_OK) {
        fprintf(stderr, "Error: unable to instantiate SQL driver: %s\n", hc_error_msg(&err));
        hc_error_release(&err);
        return 1;
    }
    struct hc_storage s = {d, 0};
    struct hc_arena a;
    hc_arena_init(&a, 0);
    int rc = 2;
    if (strcmp(cmd, "put") == 0)
        rc = cmd_put(&s, &a, argc - 3, argv + 3, &err);
    else if (strcmp(cmd, "upgrade") == 0)
        rc = cmd_upgrade(&s, &a, argv[3], &err);
    else if (strcmp(cmd, "history") == 0)
        rc = cmd_history(&s, &a, argv[3], &err);
    else if ((strcmp(cmd, "manifest") == 0 || strcmp(cmd, "values") == 0) && argc == 5)
        rc = cmd_get(&s, &a, cmd, argv[3], argv[4], &err);
    else if (strcmp(cmd, "delete") == 0 && argc == 5)
        rc = hc_storage_delete(&s, &a, ns, argv[3], strtoll(argv[4], NULL, 10), NULL, &err) == HC_OK
                 ? 0
                 : fail(&err, NULL);
    else
        fprintf(stderr, "Error: unknown command %s\n", cmd);
    hc_arena_free(&a);
    hc_error_release(&err);
    hc_storage_driver_free(d);
    return rc;
}
