/*
 * cmd_install.c - `helmc install [NAME] [CHART]`: install a chart as a release.
 *
 * Mirrors helm's pkg/cmd/install.go: addInstallFlags plus --hide-secret, --dry-run,
 * --output and the post-renderer flags, and runInstall.  The release is recorded in
 * helmc's storage (storage_open.c); --deploy-with CMD (ours) applies the manifest.
 */
#include "cli/flags.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/chartref.h"
#include "cli/release_cli.h"
#include "funcs/helm.h"
#include "helmc/chart.h"
#include "helmc/template.h"

struct install_opts {
    struct hc_install_opts install;
    struct hc_post_render_opts post_render;
    const char *dry_run, *output, *deploy_with;
    bool hide_secret;
};

#define T    struct install_opts
#define O(f) offsetof(T, f)
static const struct hc_option install_options[] = {
    HC_INSTALL_OPTIONS(T, install),
    {"hide-secret", 0, HC_OPT_BOOL, O(hide_secret),
     .help = "hide Kubernetes Secrets when also using the --dry-run flag"},
    HC_DRY_RUN_OPTION(T, dry_run),
    HC_OUTPUT_OPTION(T, output),
    HC_POST_RENDER_OPTIONS(T, post_render),
    HC_DEPLOY_WITH_OPTION(T, deploy_with),
    {0},
};
#undef O
#undef T

static const char *const install_exclusive[] = {HC_FORCE_EXCLUSIVE, NULL};

static void install_init(struct hc_cli *cli, void *opts)
{
    hc_chart_path_init(cli, &((struct install_opts *)opts)->install.chart);
}

hc_status hc_cli_release_chart(struct hc_cli *cli, const char *chart_arg,
                               const struct hc_values_opts *values, struct hc_chart **chart,
                               hc_val *vals, struct hc_error *err)
{
    *chart = NULL;
    const char *path;
    if (hc_cli_locate_chart(cli, chart_arg, &path, err) != HC_OK)
        return err->code;
    if (hc_cli_merge_values(cli, values, vals, err) != HC_OK)
        return err->code;
    struct hc_chart *c;
    if (hc_cli_load_chart(path, &c, err) != HC_OK)
        return err->code;
    const char *type = hc_chart_type(c);
    hc_status rc = HC_OK;
    if (*type && strcmp(type, "application") != 0) {
        rc = hc_error_set(err, HC_ERR_INVALID, "%s charts are not installable", type);
    } else {
        if (hc_chart_deprecated(c))
            hc_cli_warn(cli, "this chart is deprecated");
        if (hc_chart_check_deps(c, err) != HC_OK) {
            rc = err->code;
            char *msg = hc_arena_printf(&cli->arena,
                                        "an error occurred while checking for chart dependencies. "
                                        "You may need to run `helm dependency build` to fetch "
                                        "missing dependencies: %s",
                                        hc_error_msg(err));
            hc_error_release(err);
            if (msg)
                hc_error_set(err, rc, "%s", msg);
            else
                hc_error_nomem(err);
        }
    }
    if (rc != HC_OK) {
        hc_chart_free(c);
        return rc;
    }
    *chart = c;
    return HC_OK;
}

/* action.TemplateName: the --name-template text executed with no data. */
static hc_status template_name(struct hc_cli *cli, const char *text, const char **name,
                               struct hc_error *err)
{
    struct hc_tmpl_set *set = hc_tmpl_set_new(hc_funcs_helm_set(), 0);
    if (!set)
        return hc_error_nomem(err);
    struct hc_buf b = HC_BUF_INIT;
    hc_status rc = hc_tmpl_parse(set, "name-template", text, strlen(text), err);
    if (rc == HC_OK)
        rc = hc_tmpl_execute(set, "name-template", 13, hc_null(), &cli->arena, NULL, &b, err);
    if (rc == HC_ERR_EXEC) {
        /* sprig's fail, which helm's name template calls, has no engine markers */
        const char *m = hc_error_msg(err);
        const char *s = strstr(m, "HELM_ERR_START"), *e = s ? strstr(s, "HELM_ERR_END") : NULL;
        char *msg = e ? hc_arena_printf(&cli->arena, "%.*s%.*s%s", (int)(s - m), m,
                                        (int)(e - s - 14), s + 14, e + 12)
                      : NULL;
        if (msg) {
            hc_error_release(err);
            hc_error_set(err, rc, "%s", msg);
        }
    }
    if (rc == HC_OK) {
        *name = hc_arena_strndup(&cli->arena, b.data ? b.data : "", b.len);
        if (!*name || !hc_buf_ok(&b))
            rc = hc_error_nomem(err);
    }
    hc_buf_release(&b);
    hc_tmpl_set_free(set);
    return rc;
}

/* action.Install.NameAndChart. */
static hc_status name_and_chart(struct hc_cli *cli, const struct install_opts *o,
                                const char **name, const char **chart, struct hc_error *err)
{
    const struct hc_install_opts *in = &o->install;
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
    if (cli->nargs == 2) {
        *name = cli->args[0];
        *chart = cli->args[1];
        if (in->generate_name)
            return hc_error_set(err, HC_ERR_USAGE,
                                "cannot set --generate-name and also specify a name");
        if (*in->name_template)
            return hc_error_set(err, HC_ERR_USAGE,
                                "cannot set --name-template and also specify a name");
        return HC_OK;
    }
    *chart = cli->args[0];
    if (*in->name_template)
        return template_name(cli, in->name_template, name, err);
    if (!in->generate_name)
        return hc_error_set(err, HC_ERR_USAGE,
                            "must either provide a name or specify --generate-name");
    const char *base = strrchr(*chart, '/');
    base = base && base[1] ? base + 1 : *chart;
    size_t n = strcspn(base, ".");
    if (n == 0)
        base = "chart", n = 5;
    *name = hc_arena_printf(&cli->arena, "%.*s-%lld", (int)n, base, (long long)time(NULL));
    return *name ? HC_OK : hc_error_nomem(err);
}

static hc_status prefix_error(struct hc_cli *cli, struct hc_error *err, const char *prefix)
{
    hc_status rc = err->code;
    char *msg = hc_arena_printf(&cli->arena, "%s%s", prefix, hc_error_msg(err));
    hc_error_release(err);
    return msg ? hc_error_set(err, rc, "%s", msg) : hc_error_nomem(err);
}

static hc_status run_install(struct hc_cli *cli, struct hc_error *err)
{
    const struct install_opts *o = cli->opts;
    bool dry;
    if (hc_cli_dry_run(cli, o->dry_run, &dry, err) != HC_OK)
        return err->code;
    const char *name, *chart_arg;
    if (name_and_chart(cli, o, &name, &chart_arg, err) != HC_OK)
        return prefix_error(cli, err, "INSTALLATION FAILED: ");
    if (*o->post_render.name)
        return hc_error_set(err, HC_ERR_USAGE, "--post-renderer is not implemented yet");
    struct hc_chart *chart;
    hc_val vals;
    if (hc_cli_release_chart(cli, chart_arg, &o->install.values, &chart, &vals, err) != HC_OK)
        return prefix_error(cli, err, "INSTALLATION FAILED: ");
    struct hc_cli_store st;
    hc_status rc = hc_cli_store_open(cli, 0, &st, err);
    if (rc != HC_OK) {
        hc_chart_free(chart);
        return rc;
    }
    hc_cli_store_deploy_with(&st, o->deploy_with);
    struct hc_install_req req = {0};
    req.name = name;
    req.render.chart = chart;
    req.render.values = vals;
    req.render.skip_schema_validation = o->install.skip_schema_validation;
    req.description = o->install.description;
    req.dry_run = dry;
    req.replace = o->install.replace;
    struct hc_release *rel = NULL;
    rc = hc_action_install(&st.cfg, &req, &cli->arena, &rel, err);
    static const char check[] = "release name check failed: ";
    if (rc != HC_OK && strncmp(hc_error_msg(err), check, sizeof check - 1) == 0) {
        /* helm logs the name check's error before returning it */
        struct hc_buf q = HC_BUF_INIT;
        hc_cli_quote(&q, hc_error_msg(err) + sizeof check - 1);
        fprintf(cli->err, "level=ERROR msg=\"release name check failed\" error=%s\n",
                hc_buf_str(&q));
        hc_buf_release(&q);
    }
    if (rc != HC_OK) {
        prefix_error(cli, err, "INSTALLATION FAILED: ");
    } else if (hc_cli_format_is_data(o->output)) {
        rc = hc_cli_print_release(cli, rel, o->output, err);
    } else {
        struct hc_cli_status_opts so = {false, o->install.hide_notes, cli->g.debug};
        rc = hc_cli_print_status(cli, rel, &so, err);
    }
    hc_cli_store_close(&st);
    hc_chart_free(chart);
    return rc;
}

const struct hc_command hc_cmd_install = {
    .use = "install [NAME] [CHART]",
    .summary = "install a chart",
    .description = "\n"
                   "Install a chart as a new release.\n"
                   "\n"
                   "The chart is a reference (repo/name), a packaged chart, a chart directory\n"
                   "or a URL.  Values come from -f/--values files and the --set family, later\n"
                   "ones taking precedence.\n",
    .run = run_install,
    .args = HC_ARGS_MIN,
    .nargs = 1,
    .options = install_options,
    .options_size = sizeof(struct install_opts),
    .init = install_init,
    .exclusive = install_exclusive,
};
