/*
 * cmd_create.c - `helmc create NAME`: scaffold a new chart.
 *
 * Mirrors helm's pkg/cmd/create.go.  Not implemented yet.
 */
#include "cli/cli.h"

#include <stddef.h>

struct create_opts {
    const char *starter;
};

static const struct hc_option create_options[] = {
    {"starter", 'p', HC_OPT_STRING, offsetof(struct create_opts, starter),
     .help = "the name or absolute path to Helm starter scaffold"},
    {0},
};

const struct hc_command hc_cmd_create = {
    .use = "create NAME",
    .summary = "create a new chart with the given name",
    .description = "\n"
                   "Create a chart directory with the files a chart usually has: Chart.yaml,\n"
                   "values.yaml, .helmignore, charts/ and templates/ with example templates\n"
                   "and tests.  Missing parent directories are created; files that already\n"
                   "exist under the scaffold's names are overwritten, others are left alone.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = create_options,
    .options_size = sizeof(struct create_opts),
};
