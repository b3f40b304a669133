/*
 * cmd_diff.c - `helmc diff`: compare what a release holds with what a chart renders.
 *
 * helmc's own command, not helm's.  Hidden from help until it is implemented.
 */
#include "cli/cli.h"

const struct hc_command hc_cmd_diff = {
    .use = "diff",
    .summary = "show the differences between manifests",
    .description = "\n"
                   "Show the differences between a release's manifests and another revision's\n"
                   "or a chart's rendering.  Not implemented yet.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_ANY,
    .flags = HC_CMD_HIDDEN,
};
