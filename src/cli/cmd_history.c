/*
 * cmd_history.c - `helmc history RELEASE_NAME`: a release's revisions.
 *
 * Mirrors helm's pkg/cmd/history.go.  Not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

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

static const char *const history_aliases[] = {"hist", NULL};

const struct hc_command hc_cmd_history = {
    .use = "history RELEASE_NAME",
    .aliases = history_aliases,
    .summary = "fetch release history",
    .description = "\n"
                   "Print the revisions of a release, oldest first: revision, update time,\n"
                   "status, chart, app version and description.  At most 256 revisions are\n"
                   "shown unless --max says otherwise.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = history_options,
    .options_size = sizeof(struct history_opts),
};
