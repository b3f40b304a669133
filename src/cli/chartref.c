/*
 * chartref.c - finding and loading the chart a command names, as helm's
 * ChartPathOptions.LocateChart does for local charts.
 */
#include "cli/chartref.h"
#include "cli/template_out.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/flags.h"
#include "helmc/chart.h"
#include "json/json.h"
#include "strvals/strvals.h"

hc_status hc_cli_locate_chart(struct hc_cli *cli, const char *arg, const char **path,
                              struct hc_error *err)
{
    while (*arg == ' ' || *arg == '\t' || *arg == '\n' || *arg == '\r' || *arg == '\v' ||
           *arg == '\f')
        arg++;
    size_t n = strlen(arg);
    while (n > 0 && strchr(" \t\n\r\v\f", arg[n - 1]))
        n--;
    char *name = hc_arena_strndup(&cli->arena, arg, n);
    if (!name)
        return hc_error_nomem(err);
    struct stat st;
    if (stat(name, &st) == 0) {
        *path = name;
        return HC_OK;
    }
    if (name[0] == '/' || name[0] == '.')
        return hc_error_set(err, HC_ERR_IO, "path \"%s\" not found", name);
    if (!strchr(name, '/'))
        return hc_error_set(err, HC_ERR_IO,
                            "non-absolute URLs should be in form of repo_name/path_to_chart, got: "
                            "%s",
                            name);
    return hc_error_set(err, HC_ERR_USAGE, "charts from repositories (%s) are not supported yet",
                        name);
}

hc_status hc_cli_load_chart(const char *path, struct hc_chart **chart, struct hc_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
        return hc_chart_load_file(path, NULL, chart, err);
    return hc_chart_load_dir(path, NULL, chart, err);
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
        hc_cli_go_errno(e, sizeof e, errno);
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
hc_status hc_cli_merge_values(struct hc_cli *cli, const struct hc_values_opts *v, hc_val *out,
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
