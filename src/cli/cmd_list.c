/*
 * cmd_list.c - `helmc list`: list releases.
 *
 * Mirrors helm's pkg/cmd/list.go.  The table, -q and -o json|yaml are helm's; --time-format and
 * --selector are not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/release_cli.h"
#include "json/json.h"

struct list_opts {
    const char *time_format, *filter, *selector, *output;
    int64_t max, offset;
    bool short_, no_headers, date, reverse, uninstalled, superseded, uninstalling, deployed;
    bool failed, pending, all_namespaces;
};

#define T    struct list_opts
#define O(f) offsetof(T, f)
static const struct hc_option list_options[] = {
    {"short", 'q', HC_OPT_BOOL, O(short_), .help = "output short (quiet) listing format"},
    {"no-headers", 0, HC_OPT_BOOL, O(no_headers),
     .help = "don't print headers when using the default output format"},
    {"time-format", 0, HC_OPT_STRING, O(time_format),
     .help = "format time using golang time formatter. Example: --time-format \"2006-01-02 "
             "15:04:05Z0700\""},
    {"date", 'd', HC_OPT_BOOL, O(date), .help = "sort by release date"},
    {"reverse", 'r', HC_OPT_BOOL, O(reverse), .help = "reverse the sort order"},
    {"uninstalled", 0, HC_OPT_BOOL, O(uninstalled),
     .help = "show uninstalled releases (if 'helmc uninstall --keep-history' was used)"},
    {"superseded", 0, HC_OPT_BOOL, O(superseded), .help = "show superseded releases"},
    {"uninstalling", 0, HC_OPT_BOOL, O(uninstalling),
     .help = "show releases that are currently being uninstalled"},
    {"deployed", 0, HC_OPT_BOOL, O(deployed), .help = "show deployed releases"},
    {"failed", 0, HC_OPT_BOOL, O(failed), .help = "show failed releases"},
    {"pending", 0, HC_OPT_BOOL, O(pending), .help = "show pending releases"},
    {"all-namespaces", 'A', HC_OPT_BOOL, O(all_namespaces),
     .help = "list releases across all namespaces"},
    {"max", 'm', HC_OPT_INT, O(max), .help = "maximum number of releases to fetch", .def = "256"},
    {"offset", 0, HC_OPT_INT, O(offset),
     .help = "next release index in the list, used to offset from start value"},
    {"filter", 'f', HC_OPT_STRING, O(filter),
     .help =
         "a regular expression (Perl compatible). Any releases that match the expression will be "
         "included in the results"},
    {"selector", 'l', HC_OPT_STRING, O(selector),
     .help = "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
             "key1=value1,key2=value2). Works only for secret(default) and configmap storage "
             "backends."},
    HC_OUTPUT_OPTION(T, output),
    {0},
};
#undef O
#undef T

static const char *rstr(struct hc_cli *cli, hc_rstr s)
{
    const char *p = hc_arena_strndup(&cli->arena, s.p ? s.p : "", s.n);
    return p ? p : "";
}

/* releaseElement: name, namespace, revision, updated, status, chart, app version. */
static void element(struct hc_cli *cli, const struct hc_release *r, const char *out[7])
{
    struct hc_buf when = HC_BUF_INIT;
    if (r->info && !hc_stamp_is_zero(r->info->last_deployed))
        hc_cli_time_string(&when, r->info->last_deployed);
    else
        hc_buf_addc(&when, '-');
    out[0] = rstr(cli, r->name);
    out[1] = rstr(cli, r->namespace_);
    out[2] = hc_arena_printf(&cli->arena, "%lld", (long long)r->version);
    out[3] = hc_arena_strdup(&cli->arena, hc_buf_str(&when));
    out[4] = r->info ? rstr(cli, r->info->status) : "";
    out[5] = hc_cli_chart_name(cli, r);
    out[6] = hc_cli_app_version(cli, r);
    hc_buf_release(&when);
}

static hc_status run_list(struct hc_cli *cli, struct hc_error *err)
{
    const struct list_opts *o = cli->opts;
    if (*o->time_format || *o->selector)
        return hc_error_set(err, HC_ERR_USAGE,
                            "--time-format and --selector are not implemented yet");
    struct hc_list_req req = {0};
    req.all_namespaces = o->all_namespaces;
    req.states = (o->deployed ? HC_LIST_DEPLOYED : 0) | (o->failed ? HC_LIST_FAILED : 0) |
                 (o->pending ? HC_LIST_PENDING : 0) |
                 (o->superseded ? HC_LIST_SUPERSEDED : 0) |
                 (o->uninstalled ? HC_LIST_UNINSTALLED : 0) |
                 (o->uninstalling ? HC_LIST_UNINSTALLING : 0);
    req.filter = o->filter;
    req.sort = o->date ? HC_LIST_BY_DATE : HC_LIST_BY_NAME;
    req.reverse = o->reverse;
    req.limit = o->max;
    req.offset = o->offset;
    struct hc_cli_store st;
    hc_status rc = hc_cli_store_open(cli, 0, &st, err);
    if (rc != HC_OK)
        return rc;
    struct hc_release_list l;
    rc = hc_action_list(&st.cfg, &req, &cli->arena, &l, err);
    hc_cli_store_close(&st);
    if (rc != HC_OK)
        return rc;
    bool data = hc_cli_format_is_data(o->output);
    if (o->short_ && !data) {
        for (size_t i = 0; i < l.n; i++)
            fprintf(cli->out, "%s\n", rstr(cli, l.v[i]->name));
        return HC_OK;
    }
    if (data) {
        struct hc_buf b = HC_BUF_INIT;
        hc_buf_addc(&b, '[');
        for (size_t i = 0; i < l.n; i++) {
            const struct hc_release *r = l.v[i];
            if (i)
                hc_buf_addc(&b, ',');
            if (o->short_) {
                hc_json_write(&b, hc_cstr(rstr(cli, r->name)), 0, err);
                continue;
            }
            const char *vals[7];
            element(cli, r, vals);
            static const char *const keys[7] = {"name",   "namespace", "revision",   "updated",
                                                "status", "chart",     "app_version"};
            for (int k = 0; k < 7; k++) {
                hc_buf_printf(&b, "%s\"%s\":", k ? "," : "{", keys[k]);
                hc_json_write(&b, hc_cstr(vals[k] ? vals[k] : ""), 0, err);
            }
            hc_buf_addc(&b, '}');
        }
        hc_buf_adds(&b, "]\n");
        if (!hc_buf_ok(&b)) {
            rc = hc_error_nomem(err);
        } else if (strcmp(o->output, "json") == 0) {
            fwrite(b.data, 1, b.len, cli->out);
        } else {
            hc_val v;
            rc = hc_json_read(&cli->arena, b.data, b.len, &v, err);
            if (rc == HC_OK)
                rc = hc_cli_print_value(cli, v, "yaml", err);
        }
        hc_buf_release(&b);
        return rc;
    }
    struct hc_cli_table t = {.ncols = 7};
    static const char *const head[] = {"NAME",   "NAMESPACE", "REVISION",   "UPDATED",
                                       "STATUS", "CHART",     "APP VERSION"};
    if (!o->no_headers)
        hc_cli_table_row(cli, &t, head);
    for (size_t i = 0; i < l.n; i++) {
        const char *row[7];
        element(cli, l.v[i], row);
        hc_cli_table_row(cli, &t, row);
    }
    hc_cli_table_write(cli, &t);
    return HC_OK;
}

static const char *const list_aliases[] = {"ls", NULL};

const struct hc_command hc_cmd_list = {
    .use = "list",
    .aliases = list_aliases,
    .summary = "list releases",
    .description = "\n"
                   "List the releases of the current namespace (all namespaces with -A).\n"
                   "\n"
                   "Deployed and failed releases are shown unless status flags such as\n"
                   "--uninstalled or --pending choose others; --filter takes a regular\n"
                   "expression matched against release names.\n",
    .run = run_list,
    .args = HC_ARGS_NONE,
    .options = list_options,
    .options_size = sizeof(struct list_opts),
};
