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
#include "base/arena.h"
#include "base/buf.h"
#include "base/path.h"
#include "cli/chartref.h"
#include "cli/goconv.h"
#include "cli/template_out.h"
#include "funcs/helm.h"
#include "json/json.h"
#include "helmc/chart.h"
#include "helmc/render.h"
#include "helmc/template.h"
#include "strvals/strvals.h"

static const char *check_post_renderer(struct hc_optparse *p, const struct hc_option *opt,
                                       const char **value);

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
    /* helm v4's flags and help, helm v3's meaning: an executable (docs/template-flags.md) */
    {"post-renderer", 0, HC_OPT_STRING, O(post_render.name),
                  .help = "the name of a postrenderer type plugin to be used for post rendering. If it "
                  "exists, the plugin will be used",
                  .type_name = "postRendererString", .check = check_post_renderer,
                  .flags = HC_OPT_CUSTOM},
    {"post-renderer-args", 0, HC_OPT_STRING_ARRAY, O(post_render.args),
                  .help = "an argument to the post-renderer (can specify multiple)",
                  .type_name = "postRendererArgsSlice", .flags = HC_OPT_CUSTOM},
    {0          },
};
#undef O
#undef T

static const char *const template_exclusive[] = {HC_FORCE_EXCLUSIVE, "validate dry-run", NULL};

/* helm v3's postRendererString.Set: the binary must be found now; its absolute path is kept. */
static const char *check_post_renderer(struct hc_optparse *p, const struct hc_option *opt,
                                       const char **value)
{
    (void)opt;
    if (**value == '\0') /* helm ignores an empty name */
        return NULL;
    const char *abs, *msg;
    if (!hc_post_renderer_find(p->arena, *value, getenv("PATH"), &abs, &msg))
        return msg;
    *value = abs;
    return NULL;
}

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

/* err's message without the HELM_ERR_START/HELM_ERR_END marks fail puts around its text. */
static void strip_fail_markers(struct hc_cli *cli, struct hc_error *err)
{
    static const char *const marks[] = {"HELM_ERR_START", "HELM_ERR_END"};
    char *m = hc_arena_strdup(&cli->arena, hc_error_msg(err));
    if (!m)
        return;
    for (size_t i = 0; i < 2; i++) {
        char *p;
        size_t n = strlen(marks[i]);
        while ((p = strstr(m, marks[i])) != NULL)
            memmove(p, p + n, strlen(p + n) + 1);
    }
    hc_status rc = err->code;
    hc_error_release(err);
    hc_error_set(err, rc, "%s", m);
}

/* action.TemplateName: the template rendered with Sprig's functions and no data. */
static hc_status template_name(struct hc_cli *cli, const char *tpl, const char **name,
                               struct hc_error *err)
{
    const struct hc_funcset *fs = hc_funcs_sprig_set();
    struct hc_tmpl_set *set = fs ? hc_tmpl_set_new(fs, 0) : NULL;
    if (!set)
        return hc_error_nomem(err);
    static const char tname[] = "name-template";
    struct hc_buf out = HC_BUF_INIT;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    hc_status rc = hc_tmpl_parse(set, tname, tpl, strlen(tpl), err);
    if (rc == HC_OK) {
        struct hc_exec_opts eo = {.name = tname};
        rc = hc_tmpl_execute(set, tname, sizeof tname - 1, hc_null(), &a, &eo, &out, err);
    }
    if (rc == HC_ERR_EXEC) /* Sprig's fail says only its message; ours marks it for Helm's engine */
        strip_fail_markers(cli, err);
    if (rc == HC_OK) {
        *name = hc_arena_strndup(&cli->arena, out.data ? out.data : "", out.len);
        if (!hc_buf_ok(&out) || !*name)
            rc = hc_error_nomem(err);
    }
    hc_buf_release(&out);
    hc_arena_free(&a);
    hc_tmpl_set_free(set);
    return rc;
}

/*
 * action.Install.NameAndChart with template's ReleaseName "release-name": NAME, else the
 * rendered --name-template, else "release-name" (so --generate-name changes nothing).
 */
static hc_status name_and_chart(struct hc_cli *cli, const struct template_opts *o,
                                const char **name, const char **chart, struct hc_error *err)
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
    if (cli->nargs == 2) {
        *name = cli->args[0];
        *chart = cli->args[1];
        if (o->install.generate_name)
            return hc_error_set(err, HC_ERR_USAGE,
                                "cannot set --generate-name and also specify a name");
        if (*o->install.name_template)
            return hc_error_set(err, HC_ERR_USAGE,
                                "cannot set --name-template and also specify a name");
        return HC_OK;
    }
    *chart = cli->args[0];
    *name = "release-name";
    if (*o->install.name_template)
        return template_name(cli, o->install.name_template, name, err);
    return HC_OK;
}

/*
 * Install.RunWithContext's first step when the dry run is server-side (--dry-run=server,
 * --validate): helm checks that the cluster answers.  helmc talks to no cluster; it fails
 * at the same point, with helm's prefix and log line and its own reason.
 */
static hc_status check_reachable(struct hc_cli *cli, const struct template_opts *o,
                                 struct hc_error *err)
{
    if (!o->validate && strcmp(o->dry_run, "server") != 0)
        return HC_OK;
    static const char msg[] = "cluster reachability check failed: helmc does not talk to "
                              "Kubernetes clusters (--dry-run=server, --validate)";
    struct hc_buf log = HC_BUF_INIT;
    hc_buf_adds(&log, "level=ERROR msg=");
    hc_cli_quote(&log, msg);
    hc_buf_addc(&log, '\n');
    fflush(cli->out);
    if (hc_buf_ok(&log))
        fwrite(log.data, 1, log.len, cli->err);
    hc_buf_release(&log);
    return hc_error_set(err, HC_ERR_USAGE, "%s", msg);
}

/* chartutil.ValidateReleaseName: DNS-1123 labels joined by dots, at most 53 bytes. */
static bool valid_release_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 53)
        return false;
    for (const char *p = s;;) {
        const char *e = strchr(p, '.');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == 0)
            return false;
        for (size_t i = 0; i < l; i++) {
            char c = p[i];
            bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && !(c == '-' && i > 0 && i + 1 < l))
                return false;
        }
        if (!e)
            return true;
        p = e + 1;
    }
}

/* Install.availableName on a dry run, with the error helm's logger prints first. */
static hc_status check_release_name(struct hc_cli *cli, const char *name, struct hc_error *err)
{
    if (valid_release_name(name))
        return HC_OK;
    struct hc_buf e = HC_BUF_INIT, log = HC_BUF_INIT;
    hc_buf_adds(&e, "release name ");
    hc_cli_quote(&e, name);
    if (!*name)
        hc_buf_adds(&e, ": no name provided");
    else
        hc_buf_adds(&e, ": invalid release name, must match regex "
                    "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the "
                    "length must not be longer than 53");
    hc_buf_adds(&log, "level=ERROR msg=\"release name check failed\" error=");
    hc_cli_quote(&log, hc_buf_str(&e));
    hc_buf_addc(&log, '\n');
    hc_status rc = HC_ERR_NOMEM;
    if (hc_buf_ok(&e) && hc_buf_ok(&log)) {
        fflush(cli->out);
        fwrite(log.data, 1, log.len, cli->err);
        rc = hc_error_set(err, HC_ERR_INVALID, "release name check failed: %s", hc_buf_str(&e));
    } else {
        hc_error_nomem(err);
    }
    hc_buf_release(&e);
    hc_buf_release(&log);
    return rc;
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

/* The folder --release-name writes under: filepath.Join(DIR, NAME). */
static const char *release_dir(struct hc_cli *cli, const struct template_opts *o,
                               const char *name)
{
    if (!o->release_name)
        return o->output_dir;
    char *joined = hc_arena_printf(&cli->arena, "%s/%s", o->output_dir, name);
    size_t n = joined ? strlen(joined) : 0;
    char *out = joined ? hc_arena_alloc(&cli->arena, 2 * n + 3) : NULL;
    if (!out)
        return NULL;
    out[hc_path_clean(joined, n, out)] = '\0';
    return out;
}

/*
 * renderResources with an output folder: CRDs (--include-crds) straight under DIR, the
 * other documents under DIR or DIR/NAME with --release-name, each file written once and
 * appended to for its next documents.
 */
static hc_status write_manifests(struct hc_cli *cli, const struct template_opts *o,
                                 const char *dir, const struct hc_render_result *res,
                                 struct hc_error *err)
{
    for (size_t i = 0; i < res->ndocs; i++) {
        const struct hc_render_doc *d = &res->docs[i];
        bool written = false;
        for (size_t j = 0; j < i && !written; j++)
            written = strcmp(res->docs[j].name, d->name) == 0;
        hc_status rc = hc_outdir_write(cli->out, d->is_crd ? o->output_dir : dir, d->name,
                                       d->content, d->len, written, err);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

/* template.go with an output folder: the hooks, appended to files that already exist. */
static hc_status write_hooks(struct hc_cli *cli, const struct template_opts *o, const char *dir,
                             const struct hc_render_result *res, struct hc_error *err)
{
    if (o->install.no_hooks)
        return HC_OK;
    for (size_t i = 0; i < res->nhooks; i++) {
        const struct hc_hook *h = &res->hooks[i];
        if (o->skip_tests && h->is_test)
            continue;
        hc_status rc = hc_outdir_write(cli->out, dir, h->path, h->manifest, h->manifest_len,
                                       hc_outdir_exists(dir, h->path), err);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

/*
 * helm template --debug after a manifest could not be written: the hooks are written all the
 * same and the (empty) manifest printed; the write error stays, unless a hook fails too.
 */
static void debug_after_write_error(struct hc_cli *cli, const struct template_opts *o,
                                    const char *dir, struct hc_render_result *res,
                                    struct hc_error *err)
{
    struct hc_error herr;
    hc_error_init(&herr);
    hc_status hrc = write_hooks(cli, o, dir, res, &herr);
    if (hrc != HC_OK) {
        hc_error_release(err);
        hc_error_set(err, hrc, "%s", hc_error_msg(&herr));
    } else if (o->show_only.n == 0) {
        fputc('\n', cli->out);
    }
    hc_error_release(&herr);
}

/* helm v3's post-rendering: the manifest (hooks apart) replaced by the executable's output. */
static hc_status post_render(struct hc_cli *cli, const struct template_opts *o,
                             struct hc_render_result *res, struct hc_error *err)
{
    struct hc_buf out = HC_BUF_INIT;
    const char *in = *o->output_dir ? "" : res->manifest;
    size_t len = *o->output_dir ? 0 : res->manifest_len;
    hc_status rc = hc_post_renderer_run(o->post_render.name,
                                        (const char *const *)o->post_render.args.v,
                                        o->post_render.args.n, in, len, &out, err);
    if (rc == HC_OK) {
        char *m = hc_arena_strndup(res->arena, out.data ? out.data : "", out.len);
        if (!m || !hc_buf_ok(&out)) {
            rc = hc_error_nomem(err);
        } else {
            res->manifest = m;
            res->manifest_len = out.len;
        }
    } else if (rc != HC_ERR_NOMEM) {
        wrap_error(cli, err, "error while running post render on files: ", "");
    }
    hc_buf_release(&out);
    return rc;
}

static hc_status run_template(struct hc_cli *cli, struct hc_error *err)
{
    const struct template_opts *o = cli->opts;
    if (hc_render_check_kube_version(o->kube_version, err) != HC_OK)
        return err->code;
    if (dry_run_strategy(cli, o->dry_run, err) != HC_OK)
        return err->code;
    const char *name, *chart_arg;
    if (name_and_chart(cli, o, &name, &chart_arg, err) != HC_OK)
        return err->code;
    const char *chart_path = NULL;
    if (hc_cli_locate_chart(cli, chart_arg, &chart_path, err) != HC_OK)
        return err->code;
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
    if (check_reachable(cli, o, err) != HC_OK || check_release_name(cli, name, err) != HC_OK) {
        hc_chart_free(chart);
        return err->code;
    }
    const char *dir = *o->output_dir ? release_dir(cli, o, name) : NULL;
    if (*o->output_dir && !dir) {
        hc_chart_free(chart);
        return hc_error_nomem(err);
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
    if (rc == HC_OK && dir) {
        rc = write_manifests(cli, o, dir, &res, err);
        if (rc != HC_OK && rc != HC_ERR_NOMEM && cli->g.debug) {
            debug_after_write_error(cli, o, dir, &res, err);
            hc_render_result_release(&res);
            hc_chart_free(chart);
            return err->code;
        }
    }
    if (rc == HC_OK && *o->post_render.name)
        rc = post_render(cli, o, &res, err);
    if (rc == HC_OK && dir) {
        rc = write_hooks(cli, o, dir, &res, err);
        /* template.go prints the manifest, empty when the documents went to files (helm v3:
           what the post-renderer made of that empty input) */
        if (!*o->post_render.name) {
            res.manifest = "";
            res.manifest_len = 0;
        }
        res.nhooks = 0;
        if (rc == HC_OK)
            rc = print_release(cli, o, &res, err);
    } else if (rc == HC_OK) {
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
