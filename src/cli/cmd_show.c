/*
 * cmd_show.c - `helmc show`: a chart's definition, values, README and CRDs.
 *
 * Mirrors helm's pkg/cmd/show.go for a local chart directory or archive; `show values
 * --jsonpath` runs src/jsonpath over the chart's values.
 */
#include "cli/flags.h"
#include "helmc/chart.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "chart/chart.h"
#include "cli/chartref.h"
#include "jsonpath/jsonpath.h"

struct show_opts {
    struct hc_chart_path_opts chart;
    const char *jsonpath;
    bool devel;
};

#define T    struct show_opts
#define O(f) offsetof(T, f)
/* clang-format off */
#define DEVEL                                                                            \
    {"devel", 0, HC_OPT_BOOL, O(devel),                                                  \
     .help = "use development versions, too. Equivalent to version '>0.0.0-0'. If "     \
     "--version is set, this is ignored"}
/* clang-format on */
static const struct hc_option show_options[] = {
    DEVEL,
    HC_CHART_PATH_OPTIONS(T, chart),
    {0},
};
static const struct hc_option show_values_options[] = {
    DEVEL,
    {"jsonpath",     0, HC_OPT_STRING, O(jsonpath),
      .help = "supply a JSONPath expression to filter the output"},
    HC_CHART_PATH_OPTIONS(T, chart),
    {0},
};
#undef DEVEL
#undef O
#undef T

static void show_init(struct hc_cli *cli, void *opts)
{
    hc_chart_path_init(cli, &((struct show_opts *)opts)->chart);
}

/* Show.Run for one part of a local chart, or all of them. */
static hc_status run_show(struct hc_cli *cli, enum hc_show_part part, struct hc_error *err)
{
    const char *path;
    struct hc_chart *chart;
    if (hc_cli_locate_chart(cli, cli->args[0], &path, err) != HC_OK ||
        hc_cli_load_chart(path, &chart, err) != HC_OK)
        return err->code;
    struct hc_buf out = HC_BUF_INIT;
    hc_status rc = hc_chart_show(chart, part, &out, err);
    hc_chart_free(chart);
    if (rc == HC_OK && out.len)
        fwrite(out.data, 1, out.len, cli->out);
    hc_buf_release(&out);
    return rc;
}

/*
 * show values --jsonpath: the chart's values through client-go's JSONPath printer.  A
 * template that does not parse is an error; one that fails while running prints nothing
 * and succeeds, as helm ignores Execute's error.  Without a values.yaml helm does neither.
 */
static hc_status run_show_values(struct hc_cli *cli, struct hc_error *err)
{
    const struct show_opts *o = cli->opts;
    if (!o->jsonpath || !*o->jsonpath)
        return run_show(cli, HC_SHOW_VALUES, err);
    const char *path;
    struct hc_chart *chart;
    if (hc_cli_locate_chart(cli, cli->args[0], &path, err) != HC_OK ||
        hc_cli_load_chart(path, &chart, err) != HC_OK)
        return err->code;
    if (!chart->values_raw) { /* no values.yaml: helm's Values are nil and it skips the part */
        hc_chart_free(chart);
        return HC_OK;
    }
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_jsonpath *jp;
    struct hc_error perr;
    hc_error_init(&perr);
    hc_status rc = hc_jsonpath_parse(&a, o->jsonpath, strlen(o->jsonpath), &jp, &perr);
    if (rc == HC_ERR_NOMEM)
        hc_error_nomem(err);
    else if (rc != HC_OK)
        hc_error_set(err, rc, "error parsing jsonpath %s: %s", o->jsonpath, hc_error_msg(&perr));
    hc_error_release(&perr);
    struct hc_buf out = HC_BUF_INIT;
    if (rc == HC_OK) {
        struct hc_error xerr;
        hc_error_init(&xerr);
        rc = hc_jsonpath_execute(jp, &a, hc_chart_values(chart), &out, &xerr);
        if (rc == HC_ERR_NOMEM)
            hc_error_nomem(err);
        else
            rc = HC_OK; /* helm drops the error: nothing is printed */
        hc_error_release(&xerr);
    }
    if (rc == HC_OK && out.len)
        fwrite(out.data, 1, out.len, cli->out);
    hc_buf_release(&out);
    hc_arena_free(&a);
    hc_chart_free(chart);
    return rc;
}

static hc_status run_show_all(struct hc_cli *cli, struct hc_error *err)
{
    return run_show(cli, HC_SHOW_ALL, err);
}

static hc_status run_show_chart(struct hc_cli *cli, struct hc_error *err)
{
    return run_show(cli, HC_SHOW_CHART, err);
}

static hc_status run_show_readme(struct hc_cli *cli, struct hc_error *err)
{
    return run_show(cli, HC_SHOW_README, err);
}

static hc_status run_show_crds(struct hc_cli *cli, struct hc_error *err)
{
    return run_show(cli, HC_SHOW_CRDS, err);
}

static const struct hc_command show_all = {
    .use = "all [CHART]",
    .summary = "show all information of the chart",
    .description = "\n"
                   "Print a chart's Chart.yaml, values.yaml, README and CRDs.\n",
    .run = run_show_all,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = show_options,
    .options_size = sizeof(struct show_opts),
    .init = show_init,
};

static const struct hc_command show_values = {
    .use = "values [CHART]",
    .summary = "show the chart's values",
    .description = "\n"
                   "Print a chart's values.yaml, or the part of it a --jsonpath selects.\n",
    .run = run_show_values,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = show_values_options,
    .options_size = sizeof(struct show_opts),
    .init = show_init,
};

static const struct hc_command show_chart = {
    .use = "chart [CHART]",
    .summary = "show the chart's definition",
    .description = "\n"
                   "Print a chart's Chart.yaml.\n",
    .run = run_show_chart,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = show_options,
    .options_size = sizeof(struct show_opts),
    .init = show_init,
};

static const struct hc_command show_readme = {
    .use = "readme [CHART]",
    .summary = "show the chart's README",
    .description = "\n"
                   "Print a chart's README file.\n",
    .run = run_show_readme,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = show_options,
    .options_size = sizeof(struct show_opts),
    .init = show_init,
};

static const struct hc_command show_crds = {
    .use = "crds [CHART]",
    .summary = "show the chart's CRDs",
    .description = "\n"
                   "Print the custom resource definitions in a chart's crds/ directory.\n",
    .run = run_show_crds,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = show_options,
    .options_size = sizeof(struct show_opts),
    .init = show_init,
};

static const struct hc_command *const show_subcommands[] = {
    &show_all, &show_values, &show_chart, &show_readme, &show_crds, NULL,
};

static const char *const show_aliases[] = {"inspect", NULL};

const struct hc_command hc_cmd_show = {
    .use = "show",
    .aliases = show_aliases,
    .summary = "show information of a chart",
    .description = "\n"
                   "Print parts of a chart: its definition, values, README or CRDs.\n",
    .args = HC_ARGS_NONE,
    .subcommands = show_subcommands,
};
