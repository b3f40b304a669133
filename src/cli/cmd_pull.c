/*
 * cmd_pull.c - `helmc pull [chart URL | repo/chartname] [...]`: download charts.
 *
 * Mirrors helm's pkg/cmd/pull.go.  Not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

struct pull_opts {
    struct hc_chart_path_opts chart;
    const char *untardir, *destination;
    bool devel, untar, prov;
};

#define T    struct pull_opts
#define O(f) offsetof(T, f)
static const struct hc_option pull_options[] = {
    {"devel", 0, HC_OPT_BOOL, O(devel),
     .help =
         "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, "
         "this is ignored."},
    {"untar", 0, HC_OPT_BOOL, O(untar),
     .help = "if set to true, will untar the chart after downloading it"},
    {"prov", 0, HC_OPT_BOOL, O(prov),
     .help = "fetch the provenance file, but don't perform verification"},
    {"untardir", 0, HC_OPT_STRING, O(untardir),
     .help = "if untar is specified, this flag specifies the name of the directory into which the "
             "chart is expanded",
     .def = "."},
    {"destination", 'd', HC_OPT_STRING, O(destination),
     .help =
         "location to write the chart. If this and untardir are specified, untardir is appended "
         "to this",
     .def = "."},
    HC_CHART_PATH_OPTIONS(T, chart),
    {0},
};
#undef O
#undef T

static void pull_init(struct hc_cli *cli, void *opts)
{
    hc_chart_path_init(cli, &((struct pull_opts *)opts)->chart);
}

static const char *const pull_aliases[] = {"fetch", NULL};

const struct hc_command hc_cmd_pull = {
    .use = "pull [chart URL | repo/chartname] [...]",
    .aliases = pull_aliases,
    .summary = "download a chart from a repository and (optionally) unpack it in local "
               "directory",
    .description = "\n"
                   "Download charts from a repository, a URL or an OCI registry into the\n"
                   "current directory (or --destination), unpacked with --untar.  --verify\n"
                   "checks the chart's provenance file; --prov only downloads it.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_MIN,
    .nargs = 1,
    .options = pull_options,
    .options_size = sizeof(struct pull_opts),
    .init = pull_init,
};
