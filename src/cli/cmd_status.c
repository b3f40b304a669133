/*
 * cmd_status.c - `helmc status RELEASE_NAME`: a release's status.
 *
 * Mirrors helm's pkg/cmd/status.go: the last revision (or --revision), printed by the
 * status printer, its chart left out of -o json|yaml.  No cluster, so no resources.
 */
#include "cli/flags.h"

#include <stddef.h>

#include "cli/release_cli.h"

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

static hc_status run_status(struct hc_cli *cli, struct hc_error *err)
{
    const struct status_opts *o = cli->opts;
    struct hc_cli_store st;
    hc_status rc = hc_cli_store_open(cli, 0, &st, err);
    if (rc != HC_OK)
        return rc;
    struct hc_release *r;
    rc = hc_action_get(&st.cfg, cli->args[0], o->revision, &cli->arena, &r, err);
    if (rc == HC_OK) {
        r->chart = NULL; /* status strips the chart */
        if (hc_cli_format_is_data(o->output)) {
            rc = hc_cli_print_release(cli, r, o->output, err);
        } else {
            struct hc_cli_status_opts so = {false, false, false};
            rc = hc_cli_print_status(cli, r, &so, err);
        }
    }
    hc_cli_store_close(&st);
    return rc;
}

const struct hc_command hc_cmd_status = {
    .use = "status RELEASE_NAME",
    .summary = "display the status of the named release",
    .description = "\n"
                   "Show the status of a release: when it was last deployed, its namespace,\n"
                   "its state, its revision and its notes.\n",
    .run = run_status,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = status_options,
    .options_size = sizeof(struct status_opts),
};
