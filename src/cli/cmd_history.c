/*
 * cmd_history.c - `helmc history RELEASE_NAME`: a release's revisions.
 *
 * Mirrors helm's pkg/cmd/history.go: the newest --max revisions, oldest first, as a
 * table (REVISION UPDATED STATUS CHART APP VERSION DESCRIPTION) or -o json|yaml.
 */
#include "cli/flags.h"

#include <stddef.h>
#include <stdio.h>

#include "cli/release_cli.h"
#include "helmc/value.h"
#include "json/json.h"

struct history_opts {
    int64_t max;
    const char *output;
};

#define T    struct history_opts
#define O(f) offsetof(T, f)
static const struct hc_option history_options[] = {
    {"max", 0, HC_OPT_INT, O(max), .help = "maximum number of revision to include in history",
     .def = "256"},
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

/* releaseInfo as a value: keys as its JSON tags, in struct order for -o json. */
static hc_status history_json(struct hc_cli *cli, const struct hc_release_list *h,
                              struct hc_error *err)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_addc(&b, '[');
    for (size_t i = 0; i < h->n; i++) {
        const struct hc_release *r = h->v[i];
        struct hc_buf t = HC_BUF_INIT;
        if (r->info && !hc_stamp_is_zero(r->info->last_deployed)) {
            hc_buf_adds(&t, ",\"updated\":\"");
            hc_stamp_format(&t, r->info->last_deployed);
            hc_buf_addc(&t, '"');
        }
        hc_buf_printf(&b, "%s{\"revision\":%lld%s,\"status\":", i ? "," : "",
                      (long long)r->version, hc_buf_str(&t));
        hc_buf_release(&t);
        hc_val parts[4] = {
            hc_cstr(r->info ? rstr(cli, r->info->status) : ""),
            hc_cstr(hc_cli_chart_name(cli, r)),
            hc_cstr(hc_cli_app_version(cli, r)),
            hc_cstr(r->info ? rstr(cli, r->info->description) : ""),
        };
        static const char *const keys[4] = {NULL, "chart", "app_version", "description"};
        for (int k = 0; k < 4; k++) {
            if (keys[k])
                hc_buf_printf(&b, ",\"%s\":", keys[k]);
            hc_status rc = hc_json_write(&b, parts[k], 0, err);
            if (rc != HC_OK) {
                hc_buf_release(&b);
                return rc;
            }
        }
        hc_buf_addc(&b, '}');
    }
    hc_buf_adds(&b, "]\n");
    hc_status rc = hc_buf_ok(&b) ? HC_OK : hc_error_nomem(err);
    if (rc == HC_OK && cli->opts && ((const struct history_opts *)cli->opts)->output[0] == 'y') {
        hc_val v;
        rc = hc_json_read(&cli->arena, b.data, b.len, &v, err);
        if (rc == HC_OK)
            rc = hc_cli_print_value(cli, v, "yaml", err);
    } else if (rc == HC_OK) {
        fwrite(b.data, 1, b.len, cli->out);
    }
    hc_buf_release(&b);
    return rc;
}

static hc_status run_history(struct hc_cli *cli, struct hc_error *err)
{
    const struct history_opts *o = cli->opts;
    struct hc_cli_store st;
    hc_status rc = hc_cli_store_open(cli, 0, &st, err);
    if (rc != HC_OK)
        return rc;
    struct hc_release_list h;
    rc = hc_action_history(&st.cfg, cli->args[0], o->max, &cli->arena, &h, err);
    if (rc == HC_OK && o->max <= 0)
        h.n = 0; /* helm keeps min(len, max) revisions */
    if (rc == HC_OK && hc_cli_format_is_data(o->output)) {
        rc = history_json(cli, &h, err);
    } else if (rc == HC_OK) {
        struct hc_cli_table t = {.ncols = 6};
        static const char *const head[] = {"REVISION", "UPDATED",     "STATUS",
                                           "CHART",    "APP VERSION", "DESCRIPTION"};
        hc_cli_table_row(cli, &t, head);
        for (size_t i = 0; i < h.n; i++) {
            const struct hc_release *r = h.v[i];
            struct hc_buf when = HC_BUF_INIT;
            hc_cli_time_ansic(&when, r->info ? r->info->last_deployed : (struct hc_stamp){0});
            const char *row[6] = {
                hc_arena_printf(&cli->arena, "%lld", (long long)r->version),
                hc_arena_strdup(&cli->arena, hc_buf_str(&when)),
                r->info ? rstr(cli, r->info->status) : "",
                hc_cli_chart_name(cli, r),
                hc_cli_app_version(cli, r),
                r->info ? rstr(cli, r->info->description) : "",
            };
            hc_buf_release(&when);
            hc_cli_table_row(cli, &t, row);
        }
        hc_cli_table_write(cli, &t);
    }
    hc_cli_store_close(&st);
    return rc;
}

static const char *const history_aliases[] = {"hist", NULL};

const struct hc_command hc_cmd_history = {
    .use = "history RELEASE_NAME",
    .aliases = history_aliases,
    .summary = "fetch release history",
    .description = "\n"
                   "Print the revisions of a release, oldest first: revision, update time,\n"
                   "status, chart, app version and description.  At most 256 revisions are\n"
                   "shown unless --max says otherwise.\n",
    .run = run_history,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = history_options,
    .options_size = sizeof(struct history_opts),
};
