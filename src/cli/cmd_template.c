/*
 * cmd_template.c - `helmc template [NAME] [CHART]`: render a chart locally.
 *
 * Mirrors helm's pkg/cmd/template.go: every flag helm's template takes (addInstallFlags
 * plus template's own), --dry-run's strategy check (helpers.go's
 * cmdGetDryRunFlagStrategy) and the release-name/chart argument check of
 * action.Install.NameAndChart.  The rendering follows runInstall (install.go): locate the
 * chart, merge the values the flags give (values.Options.MergeValues), load the chart,
 * refuse library charts, warn about deprecated ones, render, and print as template.go does.
 */
#include "cli/flags.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/chartref.h"
#include "helmc/chart.h"
#include "helmc/render.h"

struct template_opts {
    struct hc_install_opts install;
    struct hc_post_render_opts post_render;
    struct hc_strlist show_only;    /* -s, --show-only */
    struct hc_strlist api_versions; /* -a, --api-versions */
    const char *output_dir, *kube_version, *dry_run;
    bool validate, include_crds, skip_tests, is_upgrade, release_name;
};

#define T    struct template_opts
#define O(f) offsetof(T, f)
static const struct hc_option template_options[] = {
    HC_INSTALL_OPTIONS(T, install),
    {"show-only",                                                                      's', HC_OPT_STRING_ARRAY, O(show_only),
                  .help = "only show manifests rendered from the given templates"},
    {"output-dir",                                                             0, HC_OPT_STRING, O(output_dir),
                  .help = "writes the executed templates to files in output-dir instead of stdout"},
    {"validate",                  0, HC_OPT_BOOL, O(validate), .help = "deprecated",
                  .deprecated = "use '--dry-run=server' instead"},
    {"include-crds",                                                                     0, HC_OPT_BOOL, O(include_crds),
                  .help = "include CRDs in the templated output"},
    {"skip-tests",                                                                   0, HC_OPT_BOOL, O(skip_tests), .help = "skip tests from templated output"},
    {"is-upgrade", 0, HC_OPT_BOOL, O(is_upgrade),
                  .help = "set .Release.IsUpgrade instead of .Release.IsInstall"},
    {"kube-version",                                                                       0, HC_OPT_STRING, O(kube_version),
                  .help = "Kubernetes version used for Capabilities.KubeVersion"},
    {"api-versions",                                                                     'a', HC_OPT_STRING_SLICE, O(api_versions),
                  .help =
         "Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)"},
    {"release-name",                                                            0, HC_OPT_BOOL, O(release_name),
                  .help = "use release name in the output-dir path."},
    {"dry-run",                                                                                0, HC_OPT_STRING, O(dry_run),
                  .help =
         "simulates the operation either client-side or server-side. Must be either: \"client\", "
         "or \"server\". '--dry-run=client simulates the operation client-side only and avoids "
         "cluster connections. '--dry-run=server' simulates/validates the operation on the "
         "server, requiring cluster connectivity.", .def = "client", .noopt = "unset"},
    HC_POST_RENDER_OPTIONS(T, post_render),
    {0          },
};
#undef O
#undef T

static const char *const template_exclusive[] = {HC_FORCE_EXCLUSIVE, "validate dry-run", NULL};

static void template_init(struct hc_cli *cli, void *opts)
{
    hc_chart_path_init(cli, &((struct template_opts *)opts)->install.chart);
}

/* cmdGetDryRunFlagStrategy(cmd, isTemplate=true): template always runs dry. */
static hc_status dry_run_strategy(struct hc_cli *cli, const char *v, struct hc_error *err)
{
    if (strcmp(v, "unset") == 0) { /* --dry-run without a value */
        hc_cli_warn(cli, "--dry-run is deprecated and should be replaced with '--dry-run=client'");
        return HC_OK;
    }
    if (strcmp(v, "client") == 0 || strcmp(v, "server") == 0)
        return HC_OK;
    struct hc_buf q = HC_BUF_INIT;
    hc_cli_quote(&q, v);
    bool b;
    hc_status rc = HC_OK;
    if (strcmp(v, "none") == 0 || (hc_cli_parse_bool(v, &b) && !b)) {
        rc = hc_error_set(err, HC_ERR_USAGE,
                          "invalid dry-run value (%s). Must be \"server\" or \"client\"",
                          hc_buf_str(&q));
    } else if (!hc_cli_parse_bool(v, &b)) {
        rc = hc_error_set(err, HC_ERR_USAGE,
                          "invalid dry-run value (%s). Must be \"none\", \"server\", or \"client\"",
                          hc_buf_str(&q));
    } else {
        char *msg = hc_arena_printf(&cli->arena,
                                    "boolean '--dry-run=%s' flag is deprecated and must be "
                                    "replaced with '--dry-run=client'",
                                    v);
        hc_cli_warn(cli, msg ? msg : "--dry-run");
    }
    hc_buf_release(&q);
    return rc;
}

/* action.Install.NameAndChart's argument checks (template always has a release name). */
static hc_status name_and_chart(struct hc_cli *cli, const struct template_opts *o,
                                struct hc_error *err)
{
    if (cli->nargs > 2) {
        struct hc_buf b = HC_BUF_INIT;
        for (size_t i = 2; i < cli->nargs; i++)
            hc_buf_printf(&b, "%s%s", i > 2 ? ", " : "", cli->args[i]);
        hc_status rc = hc_error_set(err, HC_ERR_USAGE,
                                    "expected at most two arguments, unexpected arguments: %s",
                                    hc_buf_str(&b));
        hc_buf_release(&b);
        return rc;
    }
    if (cli->nargs == 2 && o->install.generate_name)
        return hc_error_set(err, HC_ERR_USAGE,
                            "cannot set --generate-name and also specify a name");
    if (cli->nargs == 2 && *o->install.name_template)
        return hc_error_set(err, HC_ERR_USAGE,
                            "cannot set --name-template and also specify a name");
    return HC_OK;
}

/* Prints what template.go prints for a rendered release (also before an error, with --debug). */
static hc_status print_release(struct hc_cli *cli, const struct template_opts *o,
                               const struct hc_render_result *res, struct hc_error *err)
{
    struct hc_template_print_opts po = {o->install.no_hooks, o->skip_tests, o->show_only.v,
                                        o->show_only.n};
    struct hc_buf out = HC_BUF_INIT;
    hc_status rc = hc_render_template_output(res, &po, &out, err);
    if (rc == HC_OK && out.len)
        fwrite(out.data, 1, out.len, cli->out);
    hc_buf_release(&out);
    return rc;
}

/* Puts err's message between head and tail; returns its status. */
static hc_status wrap_error(struct hc_cli *cli, struct hc_error *err, const char *head,
                            const char *tail)
{
    hc_status rc = err->code;
    char *msg = hc_arena_printf(&cli->arena, "%s%s%s", head, hc_error_msg(err), tail);
    if (msg) {
        hc_error_release(err);
        hc_error_set(err, rc, "%s", msg);
    }
    return rc;
}

static hc_status run_template(struct hc_cli *cli, struct hc_error *err)
{
    const struct template_opts *o = cli->opts;
    if (hc_render_check_kube_version(o->kube_version, err) != HC_OK)
        return err->code;
    if (dry_run_strategy(cli, o->dry_run, err) != HC_OK)
        return err->code;
    if (name_and_chart(cli, o, err) != HC_OK)
        return err->code;
    const char *name = cli->nargs >= 2 ? cli->args[0] : "release-name";
    const char *chart_arg = cli->nargs >= 2 ? cli->args[1] : cli->args[0];
    const char *chart_path = NULL;
    if (hc_cli_locate_chart(cli, chart_arg, &chart_path, err) != HC_OK)
        return err->code;
    if (o->validate || strcmp(o->dry_run, "server") == 0 || *o->output_dir ||
        *o->post_render.name || *o->install.name_template)
        return hc_error_set(err, HC_ERR_USAGE,
                            "--validate, --dry-run=server, --output-dir, --post-renderer and "
                            "--name-template are not implemented yet");
    hc_val values;
    if (hc_cli_merge_values(cli, &o->install.values, &values, err) != HC_OK)
        return err->code;
    struct hc_chart *chart;
    if (hc_cli_load_chart(chart_path, &chart, err) != HC_OK)
        return err->code;
    hc_status rc = HC_OK;
    const char *type = hc_chart_type(chart);
    if (*type && strcmp(type, "application") != 0) {
        rc = hc_error_set(err, HC_ERR_INVALID, "%s charts are not installable", type);
        hc_chart_free(chart);
        return rc;
    }
    if (hc_chart_deprecated(chart))
        hc_cli_warn(cli, "this chart is deprecated");
    if (hc_chart_check_deps(chart, err) != HC_OK) {
        rc = wrap_error(cli, err,
                        "an error occurred while checking for chart dependencies. You may need "
                        "to run `helm dependency build` to fetch missing dependencies: ",
                        "");
        hc_chart_free(chart);
        return rc;
    }
    struct hc_render_opts ro = {0};
    ro.release_name = name;
    ro.namespace_ = hc_cli_namespace(cli);
    ro.is_upgrade = o->is_upgrade;
    ro.kube_version = o->kube_version;
    ro.api_versions = o->api_versions.v;
    ro.napi_versions = o->api_versions.n;
    ro.values = values;
    ro.include_crds = o->include_crds;
    ro.skip_schema_validation = o->install.skip_schema_validation;
    struct hc_render_result res;
    rc = hc_render_chart(chart, &ro, &res, err);
    if (rc == HC_OK) {
        rc = print_release(cli, o, &res, err);
    } else if (res.release_made) {
        if (cli->g.debug) {
            struct hc_error perr;
            hc_error_init(&perr);
            print_release(cli, o, &res, &perr);
            hc_error_release(&perr);
        } else {
            wrap_error(cli, err, "", "\n\nUse --debug flag to render out invalid YAML");
        }
    }
    hc_render_result_release(&res);
    hc_chart_free(chart);
    return rc;
}

const struct hc_command hc_cmd_template = {
    .use = "template [NAME] [CHART]",
    .summary = "locally render templates",
    .description =
        "\n"
        "Render a chart's templates locally and print the resulting manifests.\n"
        "\n"
        "Nothing is looked up in a cluster: values that would come from one are faked, and\n"
        "no server-side validation happens.  Pass the Kubernetes API versions the chart\n"
        "may test for with --api-versions, repeated or comma-separated:\n"
        "\n"
        "    $ helmc template --api-versions networking.k8s.io/v1,cert-manager.io/v1 mychart "
        "./mychart\n",
    .run = run_template,
    .args = HC_ARGS_MIN,
    .nargs = 1,
    .options = template_options,
    .options_size = sizeof(struct template_opts),
    .init = template_init,
    .exclusive = template_exclusive,
};
