/*
 * test_action.c - the release actions over a memory driver: statuses,
 * descriptions, revision numbers, pruning, failed deploys and list filters as
 * the shared release-format notes describe helm's (sections 3.1 to 3.5).
 */
#include "test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "helmc/action.h"
#include "helmc/chart.h"
#include "helmc/storage.h"

struct fixture {
    char dir[64];
    struct hc_chart *chart;
    struct hc_storage_driver *driver;
    struct hc_storage store;
    struct hc_action_config cfg;
    struct hc_arena arena;
    int64_t tick;
    int fail_deploys; /* the next N deploys fail */
};

static struct hc_stamp fixed_clock(void *ctx)
{
    struct fixture *f = ctx;
    return hc_stamp_from_unix(1700000000 + f->tick++, 0, 0);
}

static hc_status deploy(void *ctx, const struct hc_release *r, struct hc_error *err)
{
    struct fixture *f = ctx;
    (void)r;
    if (f->fail_deploys > 0) {
        f->fail_deploys--;
        return hc_error_set(err, HC_ERR_EXEC, "boom");
    }
    return HC_OK;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/test_action.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char t[128];
    snprintf(t, sizeof t, "%s/templates", f->dir);
    mkdir(t, 0755);
    write_file(f->dir, "Chart.yaml", "apiVersion: v2\nname: mini\nversion: 0.1.0\nappVersion: \"1.0\"\n");
    write_file(f->dir, "values.yaml", "greeting: hello\n");
    write_file(f->dir, "templates/cm.yaml",
               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"
               "data:\n  g: {{ .Values.greeting | quote }}\n  rev: \"{{ .Release.Revision }}\"\n");
    write_file(f->dir, "templates/hook.yaml",
               "apiVersion: v1\nkind: Job\nmetadata:\n  name: h\n  annotations:\n"
               "    helm.sh/hook: \" Pre-Install , test-success\"\n"
               "    helm.sh/hook-weight: \"3\"\n"
               "    helm.sh/hook-delete-policy: hook-succeeded\n");
    write_file(f->dir, "templates/NOTES.txt", "notes for {{ .Release.Name }}\n");
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_chart_load_dir(f->dir, NULL, &f->chart, &err), HC_OK);
    assert_int_equal(hc_storage_memory_new(&f->driver, &err), HC_OK);
    f->store.driver = f->driver;
    f->store.history_max = 10;
    f->cfg.store = &f->store;
    f->cfg.namespace_ = "default";
    f->cfg.now = fixed_clock;
    f->cfg.now_ctx = f;
    f->cfg.deploy = deploy;
    f->cfg.deploy_ctx = f;
    hc_arena_init(&f->arena, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    hc_chart_free(f->chart);
    hc_storage_driver_free(f->driver);
    hc_arena_free(&f->arena);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static bool eq(hc_rstr s, const char *lit)
{
    return s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

static hc_status install(struct fixture *f, const char *name, struct hc_release **out,
                         struct hc_error *err)
{
    struct hc_install_req req = {0};
    req.name = name;
    req.render.chart = f->chart;
    return hc_action_install(&f->cfg, &req, &f->arena, out, err);
}

static hc_status upgrade(struct fixture *f, const char *name, const char *greeting,
                         struct hc_release **out, struct hc_error *err)
{
    struct hc_upgrade_req req = {0};
    req.name = name;
    req.render.chart = f->chart;
    if (greeting) {
        struct hc_map *m = hc_map_new(&f->arena, 1);
        hc_map_set(&f->arena, m, "greeting", 8, hc_cstr(greeting));
        req.render.values = hc_map_val(m, HC_GT_MAP);
    }
    bool installed;
    return hc_action_upgrade(&f->cfg, &req, &f->arena, out, &installed, err);
}

/* "1 superseded,2 deployed": the stored history in short. */
static char *history(struct fixture *f, const char *name)
{
    static char buf[1024];
    struct hc_release_list l;
    struct hc_error err;
    hc_error_init(&err);
    buf[0] = '\0';
    if (hc_action_history(&f->cfg, name, 0, &f->arena, &l, &err) != HC_OK) {
        snprintf(buf, sizeof buf, "error: %s", hc_error_msg(&err));
        hc_error_release(&err);
        return buf;
    }
    for (size_t i = 0; i < l.n; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%lld %.*s", i ? "," : "",
                 (long long)l.v[i]->version, (int)l.v[i]->info->status.n,
                 l.v[i]->info->status.p);
    return buf;
}

static void test_install_record(void **state)
{
    struct fixture *f = *state;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_release *r;
    assert_int_equal(install(f, "rel", &r, &err), HC_OK);
    assert_int_equal(r->version, 1);
    assert_true(eq(r->info->status, "deployed"));
    assert_true(eq(r->info->description, "Install complete"));
    assert_true(eq(r->info->notes, "notes for rel\n"));
    assert_int_equal(r->info->first_deployed.sec, r->info->last_deployed.sec);
    assert_non_null(strstr(r->manifest.p, "# Source: mini/templates/cm.yaml\n"));
    assert_null(strstr(r->manifest.p, "kind: Job"));
    assert_int_equal(r->nhooks, 1);
    assert_true(eq(r->hooks[0].kind, "Job"));
    assert_int_equal(r->hooks[0].events.n, 2);
    assert_true(eq(r->hooks[0].events.v[0], "pre-install"));
    assert_true(eq(r->hooks[0].events.v[1], "test"));
    assert_int_equal(r->hooks[0].weight, 3);
    assert_true(eq(r->hooks[0].delete_policies.v[0], "hook-succeeded"));
    assert_true(eq(r->chart->metadata->name, "mini"));
    assert_true(eq(r->apply_method, "ssa"));
    /* the name is taken now */
    assert_int_equal(install(f, "rel", &r, &err), HC_ERR_EXISTS);
    assert_string_equal(hc_error_msg(&err),
                        "release name check failed: cannot reuse a name that is still in use");
    hc_error_release(&err);
    assert_int_equal(install(f, "Bad", &r, &err), HC_ERR_INVALID);
    hc_error_release(&err);
}

static void test_upgrade_rollback(void **state)
{
    struct fixture *f = *state;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_release *r;
    assert_int_equal(upgrade(f, "rel", NULL, &r, &err), HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&err), "\"rel\" has no deployed releases");
    hc_error_release(&err);
    assert_int_equal(install(f, "rel", &r, &err), HC_OK);
    assert_int_equal(upgrade(f, "rel", "hi", &r, &err), HC_OK);
    assert_int_equal(r->version, 2);
    assert_true(eq(r->info->description, "Upgrade complete"));
    assert_non_null(strstr(r->manifest.p, "rev: \"2\""));
    f->fail_deploys = 1;
    assert_int_equal(upgrade(f, "rel", NULL, &r, &err), HC_ERR_EXEC);
    assert_string_equal(hc_error_msg(&err), "boom");
    hc_error_release(&err);
    assert_true(eq(r->info->description, "Upgrade \"rel\" failed: boom"));
    assert_string_equal(history(f, "rel"), "1 superseded,2 deployed,3 failed");
    /* no values given: the current release's are reused */
    assert_int_equal(upgrade(f, "rel", NULL, &r, &err), HC_OK);
    assert_non_null(strstr(r->manifest.p, "g: \"hi\""));
    assert_string_equal(history(f, "rel"), "1 superseded,2 superseded,3 failed,4 deployed");
    assert_int_equal(hc_action_rollback(&f->cfg, "rel", 0, false, &f->arena, &r, &err), HC_OK);
    assert_int_equal(r->version, 5);
    assert_true(eq(r->info->description, "Rollback to 3"));
    assert_string_equal(history(f, "rel"),
                        "1 superseded,2 superseded,3 failed,4 superseded,5 deployed");
    assert_int_equal(hc_action_rollback(&f->cfg, "rel", 9, false, &f->arena, &r, &err),
                     HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&err), "release has no 9 version");
    hc_error_release(&err);
    f->fail_deploys = 1;
    assert_int_equal(hc_action_rollback(&f->cfg, "rel", 1, false, &f->arena, &r, &err),
                     HC_ERR_EXEC);
    hc_error_release(&err);
    assert_true(eq(r->info->description, "Rollback \"rel\" failed: boom"));
    /* a failed rollback leaves no deployed revision */
    assert_string_equal(history(f, "rel"),
                        "1 superseded,2 superseded,3 failed,4 superseded,5 superseded,6 failed");
}

static void test_pruning(void **state)
{
    struct fixture *f = *state;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_release *r;
    assert_int_equal(install(f, "rel", &r, &err), HC_OK);
    f->store.history_max = 3;
    for (int i = 0; i < 5; i++)
        assert_int_equal(upgrade(f, "rel", NULL, &r, &err), HC_OK);
    assert_string_equal(history(f, "rel"), "4 superseded,5 superseded,6 deployed");
    /* failed ones are pruned too, never the deployed one */
    f->fail_deploys = 3;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(upgrade(f, "rel", NULL, &r, &err), HC_ERR_EXEC);
        hc_error_release(&err);
    }
    assert_string_equal(history(f, "rel"), "6 deployed,8 failed,9 failed");
}

static void test_uninstall_replace(void **state)
{
    struct fixture *f = *state;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_release *r;
    assert_int_equal(install(f, "rel", &r, &err), HC_OK);
    assert_int_equal(upgrade(f, "rel", NULL, &r, &err), HC_OK);
    assert_int_equal(hc_action_uninstall(&f->cfg, "rel", true, NULL, false, &f->arena, &r, &err),
                     HC_OK);
    assert_true(eq(r->info->description, "Uninstallation complete"));
    assert_false(hc_stamp_is_zero(r->info->deleted));
    assert_string_equal(history(f, "rel"), "1 superseded,2 uninstalled");
    assert_int_equal(hc_action_uninstall(&f->cfg, "rel", true, NULL, false, &f->arena, &r, &err),
                     HC_ERR_INVALID);
    assert_string_equal(hc_error_msg(&err), "the release named \"rel\" is already deleted");
    hc_error_release(&err);
    /* upgrade --install over an uninstalled release installs last+1 */
    struct hc_upgrade_req req = {0};
    req.name = "rel";
    req.render.chart = f->chart;
    req.install = true;
    bool installed = false;
    assert_int_equal(hc_action_upgrade(&f->cfg, &req, &f->arena, &r, &installed, &err), HC_OK);
    assert_true(installed);
    assert_int_equal(r->version, 3);
    assert_true(eq(r->info->description, "Install complete"));
    assert_string_equal(history(f, "rel"), "1 superseded,2 superseded,3 deployed");
    assert_int_equal(hc_action_uninstall(&f->cfg, "rel", false, NULL, false, &f->arena, &r, &err),
                     HC_OK);
    assert_string_equal(history(f, "rel"), "error: release: not found");
    assert_int_equal(hc_action_uninstall(&f->cfg, "rel", false, NULL, false, &f->arena, &r, &err),
                     HC_ERR_NOT_FOUND);
    assert_string_equal(hc_error_msg(&err), "uninstall: Release not loaded: rel: release: not found");
    hc_error_release(&err);
}

static void test_list(void **state)
{
    struct fixture *f = *state;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_release *r;
    assert_int_equal(install(f, "b", &r, &err), HC_OK);
    assert_int_equal(install(f, "a", &r, &err), HC_OK);
    assert_int_equal(upgrade(f, "a", NULL, &r, &err), HC_OK);
    f->fail_deploys = 1;
    assert_int_equal(install(f, "c", &r, &err), HC_ERR_EXEC);
    hc_error_release(&err);
    struct hc_list_req req = {0};
    struct hc_release_list l;
    assert_int_equal(hc_action_list(&f->cfg, &req, &f->arena, &l, &err), HC_OK);
    assert_int_equal(l.n, 3);
    assert_true(eq(l.v[0]->name, "a") && l.v[0]->version == 2);
    assert_true(eq(l.v[2]->name, "c"));
    req.states = HC_LIST_FAILED;
    assert_int_equal(hc_action_list(&f->cfg, &req, &f->arena, &l, &err), HC_OK);
    assert_int_equal(l.n, 1);
    req.states = HC_LIST_SUPERSEDED; /* alone: older revisions too */
    assert_int_equal(hc_action_list(&f->cfg, &req, &f->arena, &l, &err), HC_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0]->version, 1);
    req.states = 0;
    req.sort = HC_LIST_BY_DATE;
    req.reverse = true;
    req.limit = 2;
    req.offset = 1;
    assert_int_equal(hc_action_list(&f->cfg, &req, &f->arena, &l, &err), HC_OK);
    assert_int_equal(l.n, 2);
    assert_true(eq(l.v[0]->name, "a"));
    assert_true(eq(l.v[1]->name, "b"));
    req.filter = "^[bc]$";
    req.offset = 0;
    req.reverse = false;
    req.sort = HC_LIST_BY_NAME;
    assert_int_equal(hc_action_list(&f->cfg, &req, &f->arena, &l, &err), HC_OK);
    assert_int_equal(l.n, 2);
    req.filter = "(";
    assert_int_equal(hc_action_list(&f->cfg, &req, &f->arena, &l, &err), HC_ERR_USAGE);
    hc_error_release(&err);
}

static void test_dry_run(void **state)
{
    struct fixture *f = *state;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_release *r;
    struct hc_install_req req = {0};
    req.name = "rel";
    req.render.chart = f->chart;
    req.dry_run = true;
    assert_int_equal(hc_action_install(&f->cfg, &req, &f->arena, &r, &err), HC_OK);
    assert_true(eq(r->info->status, "pending-install"));
    assert_true(eq(r->info->description, "Dry run complete"));
    assert_string_equal(history(f, "rel"), "error: release: not found");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_install_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pruning, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uninstall_replace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dry_run, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
