/*
 * cmd_orphans.c - `helmc orphans`: resources a release's history left behind.
 *
 * helmc's own command, not helm's: it will report the resources that failed or
 * interrupted upgrades created and later upgrades never removed.  Hidden from help until
 * it is implemented.
 */
#include "cli/cli.h"

const struct hc_command hc_cmd_orphans = {
    .use = "orphans RELEASE_NAME",
    .summary = "list resources a release's upgrades left behind",
    .description = "\n"
                   "List the resources that earlier revisions of a release created and that\n"
                   "no later upgrade removed.  Not implemented yet.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_ANY,
    .flags = HC_CMD_HIDDEN,
};
