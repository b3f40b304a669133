/*
 * cmd_status.c - `helmc status RELEASE_NAME`: a release's status.
 *
 * Mirrors helm's pkg/cmd/status.go.  Not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

struct status_opts {
    int64_t revision;
    const char *output;
};

#define T    struct status_opts
#define O(f) offsetof(T, f)
static const struct hc_option status_options[] = {
    {"revision", 0, HC_OPT_INT, O(revision),
     .help = "if set, display the status of the named release with revision"},
    HC_OUTPUT_OPTION(T, output),
    {0},
};
#undef O
#undef T

const struct hc_command hc_cmd_status = {
    .use = "status RELEASE_NAME",
    .summary = "display the status of the named release",
    .description = "\n"
                   "Show the status of a release: when it was last deployed, its namespace,\n"
                   "its state, its revision and its notes.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = status_options,
    .options_size = sizeof(struct status_opts),
};
