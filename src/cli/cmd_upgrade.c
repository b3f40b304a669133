/*
 * cmd_upgrade.c - `helmc upgrade [RELEASE] [CHART]`: upgrade a release to a new chart.
 *
 * Mirrors helm's pkg/cmd/upgrade.go flag for flag; --deploy-with CMD (ours) applies the
 * manifest in place of a cluster.
 */
#include "cli/flags.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/release_cli.h"
#include "helmc/chart.h"

struct upgrade_opts {
    struct hc_values_opts values;
    struct hc_chart_path_opts chart;
    struct hc_post_render_opts post_render;
    struct hc_strmap labels;
    const char *dry_run, *output, *server_side, *description, *wait, *deploy_with;
    int64_t history_max, timeout;
    bool cleanup_on_fail, create_namespace, dependency_update, devel, disable_openapi_validation;
    bool enable_dns, force_conflicts, force_replace, hide_notes, hide_secret, install, no_hooks;
    bool render_subchart_notes, reset_then_reuse_values, reset_values, reuse_values;
    bool rollback_on_failure, skip_crds, skip_schema_validation, take_ownership, wait_for_jobs;
};

#define T    struct upgrade_opts
#define O(f) offsetof(T, f)
static const struct hc_option upgrade_options[] = {
    {"create-namespace", 0, HC_OPT_BOOL, O(create_namespace),
     .help = "if --install is set, create the release namespace if not present"},
    {"install", 'i', HC_OPT_BOOL, O(install),
     .help = "if a release by this name doesn't already exist, run an install"},
    {"devel", 0, HC_OPT_BOOL, O(devel),
     .help =
         "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, "
         "this is ignored"},
    {"hide-secret", 0, HC_OPT_BOOL, O(hide_secret),
     .help = "hide Kubernetes Secrets when also using the --dry-run flag"},
    {"force-replace", 0, HC_OPT_BOOL, O(force_replace),
     .help = "force resource updates by replacement"},
    {"force", 0, HC_OPT_BOOL, O(force_replace), .help = "deprecated",
     .deprecated = "use --force-replace instead"},
    {"force-conflicts", 0, HC_OPT_BOOL, O(force_conflicts),
     .help = "if set server-side apply will force changes against conflicts"},
    {"server-side", 0, HC_OPT_STRING, O(server_side),
     .help = "must be \"true\", \"false\" or \"auto\". Object updates run in the server instead of "
             "the client (\"auto\" defaults the value from the previous chart release's method)",
     .def = "auto"},
    {"no-hooks", 0, HC_OPT_BOOL, O(no_hooks), .help = "disable pre/post upgrade hooks"},
    {"disable-openapi-validation", 0, HC_OPT_BOOL, O(disable_openapi_validation),
     .help = "if set, the upgrade process will not validate rendered templates against the "
             "Kubernetes OpenAPI Schema"},
    {"skip-crds", 0, HC_OPT_BOOL, O(skip_crds),
     .help = "if set, no CRDs will be installed when an upgrade is performed with install flag "
             "enabled. By default, CRDs are installed if not already present, when an upgrade is "
             "performed with install flag enabled"},
    {"timeout", 0, HC_OPT_DURATION, O(timeout),
     .help = "time to wait for any individual Kubernetes operation (like Jobs for hooks)",
     .def = "5m0s"},
    {"reset-values", 0, HC_OPT_BOOL, O(reset_values),
     .help = "when upgrading, reset the values to the ones built into the chart"},
    {"reuse-values", 0, HC_OPT_BOOL, O(reuse_values),
     .help = "when upgrading, reuse the last release's values and merge in any overrides from the "
             "command line via --set and -f. If '--reset-values' is specified, this is ignored"},
    {"reset-then-reuse-values", 0, HC_OPT_BOOL, O(reset_then_reuse_values),
     .help = "when upgrading, reset the values to the ones built into the chart, apply the last "
             "release's values and merge in any overrides from the command line via --set and -f. "
             "If '--reset-values' or '--reuse-values' is specified, this is ignored"},
    {"wait-for-jobs", 0, HC_OPT_BOOL, O(wait_for_jobs),
     .help =
         "if set and --wait enabled, will wait until all Jobs have been completed before marking "
         "the release as successful. It will wait for as long as --timeout"},
    {"rollback-on-failure", 0, HC_OPT_BOOL, O(rollback_on_failure),
     .help = "if set, Helm will rollback the upgrade to previous success release upon failure. The "
             "--wait flag will be defaulted to \"watcher\" if --rollback-on-failure is set"},
    {"atomic", 0, HC_OPT_BOOL, O(rollback_on_failure), .help = "deprecated",
     .deprecated = "use --rollback-on-failure instead"},
    {"history-max", 0, HC_OPT_INT, O(history_max),
     .help = "limit the maximum number of revisions saved per release. Use 0 for no limit"},
    {"cleanup-on-fail", 0, HC_OPT_BOOL, O(cleanup_on_fail),
     .help = "allow deletion of new resources created in this upgrade when upgrade fails"},
    {"render-subchart-notes", 0, HC_OPT_BOOL, O(render_subchart_notes),
     .help = "if set, render subchart notes along with the parent"},
    {"hide-notes", 0, HC_OPT_BOOL, O(hide_notes),
     .help = "if set, do not show notes in upgrade output. Does not affect presence in chart "
             "metadata"},
    {"skip-schema-validation", 0, HC_OPT_BOOL, O(skip_schema_validation),
     .help = "if set, disables JSON schema validation"},
    {"labels", 'l', HC_OPT_STRING_MAP, O(labels),
     .help =
         "Labels that would be added to release metadata. Should be separated by comma. "
         "Original release labels will be merged with upgrade labels. You can unset label using "
         "null."},
    {"description", 0, HC_OPT_STRING, O(description), .help = "add a custom description"},
    {"dependency-update", 0, HC_OPT_BOOL, O(dependency_update),
     .help = "update dependencies if they are missing before installing the chart"},
    {"enable-dns", 0, HC_OPT_BOOL, O(enable_dns),
     .help = "enable DNS lookups when rendering templates"},
    {"take-ownership", 0, HC_OPT_BOOL, O(take_ownership),
     .help = "if set, upgrade will ignore the check for helm annotations and take ownership of the "
             "existing resources"},
    HC_DRY_RUN_OPTION(T, dry_run),
    HC_CHART_PATH_OPTIONS(T, chart),
    HC_VALUES_OPTIONS(T, values),
    HC_OUTPUT_OPTION(T, output),
    HC_POST_RENDER_OPTIONS(T, post_render),
    HC_WAIT_OPTION(T, wait),
    HC_DEPLOY_WITH_OPTION(T, deploy_with),
    {0},
};
#undef O
#undef T

static const char *const upgrade_exclusive[] = {HC_FORCE_EXCLUSIVE, NULL};

static void upgrade_init(struct hc_cli *cli, void *opts)
{
    struct upgrade_opts *o = opts;
    hc_chart_path_init(cli, &o->chart);
    o->history_max = cli->g.max_history;
}

static hc_status prefix_error(struct hc_cli *cli, struct hc_error *err, const char *prefix)
{
    hc_status rc = err->code;
    char *msg = hc_arena_printf(&cli->arena, "%s%s", prefix, hc_error_msg(err));
    hc_error_release(err);
    return msg ? hc_error_set(err, rc, "%s", msg) : hc_error_nomem(err);
}

static hc_status run_upgrade(struct hc_cli *cli, struct hc_error *err)
{
    const struct upgrade_opts *o = cli->opts;
    bool dry;
    if (hc_cli_dry_run(cli, o->dry_run, &dry, err) != HC_OK)
        return err->code;
    if (*o->post_render.name)
        return hc_error_set(err, HC_ERR_USAGE, "--post-renderer is not implemented yet");
    struct hc_chart *chart;
    hc_val vals;
    if (hc_cli_release_chart(cli, cli->args[1], &o->values, &chart, &vals, err) != HC_OK)
        return err->code;
    struct hc_cli_store st;
    hc_status rc = hc_cli_store_open(cli, o->history_max, &st, err);
    if (rc != HC_OK) {
        hc_chart_free(chart);
        return rc;
    }
    hc_cli_store_deploy_with(&st, o->deploy_with);
    struct hc_upgrade_req req = {0};
    req.name = cli->args[0];
    req.render.chart = chart;
    req.render.values = vals;
    req.render.skip_schema_validation = o->skip_schema_validation;
    req.description = o->description;
    req.dry_run = dry;
    req.install = o->install;
    req.reuse_values = o->reuse_values;
    req.reset_values = o->reset_values;
    req.reset_then_reuse_values = o->reset_then_reuse_values;
    struct hc_release *rel = NULL, *base = NULL;
    req.base_out = &base;
    bool installed = false;
    rc = hc_action_upgrade(&st.cfg, &req, &cli->arena, &rel, &installed, err);
    bool table = !hc_cli_format_is_data(o->output);
    if (installed && table)
        fprintf(cli->out, "Release \"%s\" does not exist. Installing it now.\n", req.name);
    if (rc != HC_OK) {
        if (!installed)
            prefix_error(cli, err, "UPGRADE FAILED: ");
    } else if (!table) {
        rc = hc_cli_print_release(cli, rel, o->output, err);
    } else {
        if (!installed)
            fprintf(cli->out, "Release \"%s\" has been upgraded. Happy Helming!\n", req.name);
        struct hc_cli_status_opts so = {false, o->hide_notes, cli->g.debug};
        rc = hc_cli_print_status(cli, rel, &so, err);
    }
    if (rc == HC_OK && !installed && !dry)
        hc_cli_report_orphans(cli, &st.cfg, base, rel);
    hc_cli_store_close(&st);
    hc_chart_free(chart);
    return rc;
}

const struct hc_command hc_cmd_upgrade = {
    .use = "upgrade [RELEASE] [CHART]",
    .summary = "upgrade a release",
    .description = "\n"
                   "Upgrade a release to a new version of a chart, or to new values.\n"
                   "\n"
                   "The chart is a reference (repo/name), a chart directory, a packaged chart\n"
                   "or a URL.  --reuse-values merges the release's last values with the new\n"
                   "ones; --install installs the release if it does not exist yet.\n",
    .run = run_upgrade,
    .args = HC_ARGS_EXACT,
    .nargs = 2,
    .options = upgrade_options,
    .options_size = sizeof(struct upgrade_opts),
    .init = upgrade_init,
    .exclusive = upgrade_exclusive,
};
