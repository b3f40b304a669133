/*
 * cmd_completion.c - `helmc completion SHELL`: shell completion scripts.
 *
 * Mirrors helm's pkg/cmd/completion.go.  The scripts are not implemented yet.
 */
#include "cli/cli.h"

#include <stddef.h>

struct completion_opts {
    bool no_descriptions;
};

static const struct hc_option completion_options[] = {
    {"no-descriptions", 0, HC_OPT_BOOL, offsetof(struct completion_opts, no_descriptions),
     .help = "disable completion descriptions"},
    {0},
};

#define SHELL(name)                                                                       \
    static const struct hc_command completion_##name = {                                  \
        .use = #name,                                                                     \
        .summary = "generate autocompletion script for " #name,                           \
        .description = "\nPrint the " #name " script that completes helmc's commands.\n", \
        .run = hc_cli_not_implemented,                                                    \
        .args = HC_ARGS_NONE,                                                             \
        .options = completion_options,                                                    \
        .options_size = sizeof(struct completion_opts),                                   \
    }
SHELL(bash);
SHELL(zsh);
SHELL(fish);
SHELL(powershell);
#undef SHELL

static const struct hc_command *const completion_subcommands[] = {
    &completion_bash, &completion_zsh, &completion_fish, &completion_powershell, NULL,
};

const struct hc_command hc_cmd_completion = {
    .use = "completion",
    .summary = "generate autocompletion scripts for the specified shell",
    .description = "\n"
                   "Print a script that makes the shell complete helmc's commands and flags.\n",
    .args = HC_ARGS_NONE,
    .subcommands = completion_subcommands,
};
