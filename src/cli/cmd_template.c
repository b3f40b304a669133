/*
 * cmd_template.c - `helmc template [NAME] [CHART]`: render a chart locally.
 *
 * Mirrors helm's pkg/cmd/template.go: every flag helm's template takes (addInstallFlags
 * plus template's own), --dry-run's strategy check (helpers.go's
 * cmdGetDryRunFlagStrategy) and the release-name/chart argument check of
 * action.Install.NameAndChart.  Rendering itself is not wired in yet: once the arguments
 * and flags pass those checks, the command says it is not implemented.
 */
#include "cli/flags.h"

#include <stddef.h>
#include <string.h>

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
    {"show-only", 's', HC_OPT_STRING_ARRAY, O(show_only),
     .help = "only show manifests rendered from the given templates"},
    {"output-dir", 0, HC_OPT_STRING, O(output_dir),
     .help = "writes the executed templates to files in output-dir instead of stdout"},
    {"validate", 0, HC_OPT_BOOL, O(validate), .help = "deprecated",
     .deprecated = "use '--dry-run=server' instead"},
    {"include-crds", 0, HC_OPT_BOOL, O(include_crds),
     .help = "include CRDs in the templated output"},
    {"skip-tests", 0, HC_OPT_BOOL, O(skip_tests), .help = "skip tests from templated output"},
    {"is-upgrade", 0, HC_OPT_BOOL, O(is_upgrade),
     .help = "set .Release.IsUpgrade instead of .Release.IsInstall"},
    {"kube-version", 0, HC_OPT_STRING, O(kube_version),
     .help = "Kubernetes version used for Capabilities.KubeVersion"},
    {"api-versions", 'a', HC_OPT_STRING_SLICE, O(api_versions),
     .help =
         "Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)"},
    {"release-name", 0, HC_OPT_BOOL, O(release_name),
     .help = "use release name in the output-dir path."},
    {"dry-run", 0, HC_OPT_STRING, O(dry_run),
     .help =
         "simulates the operation either client-side or server-side. Must be either: \"client\", "
         "or \"server\". '--dry-run=client simulates the operation client-side only and avoids "
         "cluster connections. '--dry-run=server' simulates/validates the operation on the "
         "server, requiring cluster connectivity.",
     .def = "client", .noopt = "unset"},
    HC_POST_RENDER_OPTIONS(T, post_render),
    {0},
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

static hc_status run_template(struct hc_cli *cli, struct hc_error *err)
{
    const struct template_opts *o = cli->opts;
    /* helm parses --kube-version before these checks; helmc checks it when rendering */
    if (dry_run_strategy(cli, o->dry_run, err) != HC_OK)
        return err->code;
    if (name_and_chart(cli, o, err) != HC_OK)
        return err->code;
    return hc_cli_not_implemented(cli, err);
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
