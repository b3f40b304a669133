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

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/chartref.h"
#include "json/json.h"
#include "helmc/chart.h"
#include "helmc/render.h"
#include "strvals/strvals.h"

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

/* Go's text for an errno: the C library's, first letter in lower case. */
static void go_errno(char *buf, size_t size, int e)
{
    snprintf(buf, size, "%s", strerror(e));
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
        buf[0] = (char)(buf[0] + 32);
}

/* readFile (pkg/cli/values/options.go): "-" is standard input, anything else a local file. */
static hc_status read_values_file(struct hc_cli *cli, const char *path, char **data, size_t *len,
                                  struct hc_error *err)
{
    const char *p = path;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    bool stdin_ = p[0] == '-' && strspn(p + 1, " \t\n\r") == strlen(p + 1);
    FILE *f = stdin_ ? stdin : fopen(path, "rb");
    if (!f) {
        char e[128];
        go_errno(e, sizeof e, errno);
        return hc_error_set(err, HC_ERR_IO, "open %s: %s", path, e);
    }
    struct hc_buf b = HC_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hc_buf_add(&b, chunk, n);
    bool bad = ferror(f) != 0;
    if (!stdin_)
        fclose(f);
    if (bad) {
        hc_buf_release(&b);
        return hc_error_set(err, HC_ERR_IO, "read %s: input/output error", path);
    }
    *data = hc_arena_strndup(&cli->arena, hc_buf_str(&b), b.len);
    *len = b.len;
    bool ok = hc_buf_ok(&b) && *data;
    hc_buf_release(&b);
    return ok ? HC_OK : hc_error_nomem(err);
}

/* --set-file's reader: the file's bytes as a string, read as -f files are read. */
static hc_status set_file_reader(void *ctx, struct hc_arena *a, const char *path, size_t len,
                                 hc_val *out, struct hc_error *err)
{
    struct hc_cli *cli = ctx;
    char *p = hc_arena_strndup(a, path, len);
    if (!p)
        return hc_error_nomem(err);
    char *data;
    size_t n;
    hc_status rc = read_values_file(cli, p, &data, &n, err);
    if (rc != HC_OK)
        return rc;
    *out = hc_strn(data, n);
    return HC_OK;
}

/* --set-json's whole-object form: the value, white space trimmed, starts with '{'. */
static bool json_object_form(const char *line)
{
    while (*line == ' ' || *line == '\t' || *line == '\n' || *line == '\r' || *line == '\v' ||
           *line == '\f')
        line++;
    return *line == '{';
}

/* A JSON object given whole to --set-json, merged into *base as helm's mergeMaps does. */
static hc_status merge_json_object(struct hc_arena *a, const char *line, hc_val *base,
                                   struct hc_error *err)
{
    size_t start = 0, end = strlen(line);
    while (start < end && strchr(" \t\n\r\v\f", line[start]))
        start++;
    while (end > start && strchr(" \t\n\r\v\f", line[end - 1]))
        end--;
    hc_val v;
    struct hc_error jerr;
    hc_error_init(&jerr);
    hc_status rc = hc_json_read_as(a, line + start, end - start, HC_GT_MAP, &v, &jerr);
    hc_error_release(&jerr);
    if (rc == HC_ERR_NOMEM)
        return hc_error_nomem(err);
    if (rc != HC_OK)
        return hc_error_set(err, HC_ERR_PARSE, "failed parsing --set-json data JSON: %s", line);
    if (v.kind != HC_MAP || !v.u.m)
        return HC_OK; /* null: nothing to merge */
    if (hc_values_merge(a, *base, v, base) != HC_OK)
        return hc_error_nomem(err);
    return HC_OK;
}

/* values.Options.MergeValues: -f files merged in order, then --set and --set-string. */
static hc_status merge_values(struct hc_cli *cli, const struct hc_values_opts *v, hc_val *out,
                              struct hc_error *err)
{
    struct hc_arena *a = &cli->arena;
    struct hc_map *m = hc_map_new(a, 0);
    if (!m)
        return hc_error_nomem(err);
    hc_val base = hc_map_val(m, HC_GT_MAP);
    for (size_t i = 0; i < v->files.n; i++) {
        char *data;
        size_t len;
        hc_status rc = read_values_file(cli, v->files.v[i], &data, &len, err);
        if (rc != HC_OK)
            return rc;
        hc_val cur;
        struct hc_error verr;
        hc_error_init(&verr);
        rc = hc_values_read(a, data, len, v->files.v[i], &cur, &verr);
        if (rc != HC_OK) {
            if (rc == HC_ERR_NOMEM)
                hc_error_nomem(err);
            else
                hc_error_set(err, rc, "failed to parse %s: %s", v->files.v[i], hc_error_msg(&verr));
            hc_error_release(&verr);
            return rc;
        }
        if (hc_values_merge(a, base, cur, &base) != HC_OK)
            return hc_error_nomem(err);
    }
    /* Helm's order: --set-json, --set, --set-string, --set-file, --set-literal. */
    static const struct {
        enum hc_strvals_mode mode;
        size_t off;
        const char *flag;
    } passes[] = {
        {HC_STRVALS_JSON,    offsetof(struct hc_values_opts, set_json),    "--set-json"   },
        {HC_STRVALS_SET,     offsetof(struct hc_values_opts, set),         "--set"        },
        {HC_STRVALS_STRING,  offsetof(struct hc_values_opts, set_string),  "--set-string" },
        {HC_STRVALS_FILE,    offsetof(struct hc_values_opts, set_file),    "--set-file"   },
        {HC_STRVALS_LITERAL, offsetof(struct hc_values_opts, set_literal), "--set-literal"},
    };
    for (size_t pass = 0; pass < sizeof passes / sizeof passes[0]; pass++) {
        const struct hc_strlist *l =
            (const struct hc_strlist *)(const void *)((const char *)v + passes[pass].off);
        for (size_t i = 0; i < l->n; i++) {
            struct hc_error serr;
            hc_error_init(&serr);
            const char *line = l->v[i];
            hc_status rc;
            if (passes[pass].mode == HC_STRVALS_JSON && json_object_form(line)) {
                rc = merge_json_object(a, line, &base, err);
                hc_error_release(&serr);
                if (rc != HC_OK)
                    return rc;
                continue;
            }
            if (passes[pass].mode == HC_STRVALS_FILE)
                rc = hc_strvals_parse_file(a, base.u.m, line, strlen(line), set_file_reader, cli,
                                           &serr);
            else
                rc = hc_strvals_parse(a, base.u.m, line, strlen(line), passes[pass].mode, &serr);
            if (rc != HC_OK) {
                if (rc == HC_ERR_NOMEM)
                    hc_error_nomem(err);
                else if (passes[pass].mode == HC_STRVALS_JSON)
                    hc_error_set(err, rc, "failed parsing --set-json data %s", line);
                else
                    hc_error_set(err, rc, "failed parsing %s data: %s", passes[pass].flag,
                                 hc_error_msg(&serr));
                hc_error_release(&serr);
                return rc;
            }
        }
    }
    *out = base;
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
    if (merge_values(cli, &o->install.values, &values, err) != HC_OK)
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
