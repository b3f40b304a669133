/*
 * cmd_uninstall.c - `helmc uninstall RELEASE_NAME [...]`: remove releases.
 *
 * Mirrors helm's pkg/cmd/uninstall.go: each release in turn, records deleted or
 * (--keep-history) marked uninstalled.
 */
#include "cli/flags.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/release_cli.h"

struct uninstall_opts {
    const char *cascade, *description, *wait;
    int64_t timeout;
    bool dry_run, no_hooks, ignore_not_found, keep_history;
};

#define T    struct uninstall_opts
#define O(f) offsetof(T, f)
static const struct hc_option uninstall_options[] = {
    {"dry-run", 0, HC_OPT_BOOL, O(dry_run), .help = "simulate a uninstall"},
    {"no-hooks", 0, HC_OPT_BOOL, O(no_hooks),
     .help = "prevent hooks from running during uninstallation"},
    {"ignore-not-found", 0, HC_OPT_BOOL, O(ignore_not_found),
     .help = "Treat \"release not found\" as a successful uninstall"},
    {"keep-history", 0, HC_OPT_BOOL, O(keep_history),
     .help = "remove all associated resources and mark the release as deleted, but retain the "
             "release history"},
    {"cascade", 0, HC_OPT_STRING, O(cascade),
     .help =
         "Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading "
         "strategy for the dependents. Defaults to background.",
     .def = "background"},
    {"timeout", 0, HC_OPT_DURATION, O(timeout),
     .help = "time to wait for any individual Kubernetes operation (like Jobs for hooks)",
     .def = "5m0s"},
    {"description", 0, HC_OPT_STRING, O(description), .help = "add a custom description"},
    HC_WAIT_OPTION(T, wait),
    {0},
};
#undef O
#undef T

static hc_status run_uninstall(struct hc_cli *cli, struct hc_error *err)
{
    const struct uninstall_opts *o = cli->opts;
    struct hc_cli_store st;
    hc_status rc = hc_cli_store_open(cli, 0, &st, err);
    if (rc != HC_OK)
        return rc;
    for (size_t i = 0; rc == HC_OK && i < cli->nargs; i++) {
        struct hc_release *r;
        rc = hc_action_uninstall(&st.cfg, cli->args[i], o->keep_history, o->description,
                                 o->dry_run, &cli->arena, &r, err);
        if (rc == HC_ERR_NOT_FOUND && o->ignore_not_found) {
            hc_error_release(err);
            rc = HC_OK;
        }
        if (rc == HC_OK)
            fprintf(cli->out, "release \"%s\" uninstalled\n", cli->args[i]);
    }
    hc_cli_store_close(&st);
    return rc;
}

static const char *const uninstall_aliases[] = {"del", "delete", "un", NULL};

const struct hc_command hc_cmd_uninstall = {
    .use = "uninstall RELEASE_NAME [...]",
    .aliases = uninstall_aliases,
    .summary = "uninstall a release",
    .description = "\n"
                   "Uninstall releases: delete the resources of their last revision and their\n"
                   "history.  --keep-history keeps the history, marking the release uninstalled;\n"
                   "--dry-run shows what would be uninstalled.\n",
    .run = run_uninstall,
    .args = HC_ARGS_MIN,
    .nargs = 1,
    .options = uninstall_options,
    .options_size = sizeof(struct uninstall_opts),
};
