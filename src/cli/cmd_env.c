/*
 * cmd_env.c - `helmc env`: the environment settings in use.
 *
 * Mirrors helm's pkg/cmd/env.go.  Not implemented yet.
 */
#include "cli/cli.h"

const struct hc_command hc_cmd_env = {
    .use = "env",
    .summary = "helmc client environment information",
    .description = "\n"
                   "Print the environment settings helmc uses (HELM_* variables and paths).\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_MAX,
    .nargs = 1,
};
