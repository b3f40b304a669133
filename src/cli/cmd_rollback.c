/*
 * cmd_rollback.c - `helmc rollback <RELEASE> [REVISION]`: roll a release back.
 *
 * Mirrors helm's pkg/cmd/rollback.go; --deploy-with CMD (ours) applies the manifest.
 */
#include "cli/flags.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/release_cli.h"

struct rollback_opts {
    const char *dry_run, *server_side, *wait, *deploy_with;
    int64_t history_max, timeout;
    bool cleanup_on_fail, force_conflicts, force_replace, no_hooks, wait_for_jobs;
};

#define T    struct rollback_opts
#define O(f) offsetof(T, f)
static const struct hc_option rollback_options[] = {
    {"force-replace", 0, HC_OPT_BOOL, O(force_replace),
     .help = "force resource updates by replacement"},
    {"force", 0, HC_OPT_BOOL, O(force_replace), .help = "deprecated",
     .deprecated = "use --force-replace instead"},
    {"force-conflicts", 0, HC_OPT_BOOL, O(force_conflicts),
     .help = "if set server-side apply will force changes against conflicts"},
    {"server-side", 0, HC_OPT_STRING, O(server_side),
     .help = "must be \"true\", \"false\" or \"auto\". Object updates run in the server instead of "
             "the client (\"auto\" defaults the value from the previous chart release's method)",
     .def = "auto"},
    {"no-hooks", 0, HC_OPT_BOOL, O(no_hooks), .help = "prevent hooks from running during rollback"},
    {"timeout", 0, HC_OPT_DURATION, O(timeout),
     .help = "time to wait for any individual Kubernetes operation (like Jobs for hooks)",
     .def = "5m0s"},
    {"wait-for-jobs", 0, HC_OPT_BOOL, O(wait_for_jobs),
     .help =
         "if set and --wait enabled, will wait until all Jobs have been completed before marking "
         "the release as successful. It will wait for as long as --timeout"},
    {"cleanup-on-fail", 0, HC_OPT_BOOL, O(cleanup_on_fail),
     .help = "allow deletion of new resources created in this rollback when rollback fails"},
    {"history-max", 0, HC_OPT_INT, O(history_max),
     .help = "limit the maximum number of revisions saved per release. Use 0 for no limit"},
    HC_DRY_RUN_OPTION(T, dry_run),
    HC_WAIT_OPTION(T, wait),
    HC_DEPLOY_WITH_OPTION(T, deploy_with),
    {0},
};
#undef O
#undef T

static const char *const rollback_exclusive[] = {HC_FORCE_EXCLUSIVE, NULL};

static void rollback_init(struct hc_cli *cli, void *opts)
{
    ((struct rollback_opts *)opts)->history_max = cli->g.max_history;
}

/* strconv.Atoi for the REVISION argument. */
static bool parse_revision(const char *s, int64_t *out)
{
    char *end;
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return false;
    long long v = strtoll(s, &end, 10);
    if (*end)
        return false;
    *out = v;
    return true;
}

static hc_status run_rollback(struct hc_cli *cli, struct hc_error *err)
{
    const struct rollback_opts *o = cli->opts;
    int64_t revision = 0;
    if (cli->nargs > 1 && !parse_revision(cli->args[1], &revision))
        return hc_error_set(err, HC_ERR_USAGE,
                            "could not convert revision to a number: strconv.Atoi: parsing "
                            "\"%s\": invalid syntax",
                            cli->args[1]);
    bool dry;
    if (hc_cli_dry_run(cli, o->dry_run, &dry, err) != HC_OK)
        return err->code;
    struct hc_cli_store st;
    hc_status rc = hc_cli_store_open(cli, o->history_max, &st, err);
    if (rc != HC_OK)
        return rc;
    hc_cli_store_deploy_with(&st, o->deploy_with);
    struct hc_release *r, *base;
    rc = hc_action_rollback_from(&st.cfg, cli->args[0], revision, dry, &cli->arena, &r, &base,
                                 err);
    if (rc == HC_OK)
        fputs("Rollback was a success! Happy Helming!\n", cli->out);
    if (rc == HC_OK && !dry)
        hc_cli_report_orphans(cli, &st.cfg, base, r);
    hc_cli_store_close(&st);
    return rc;
}

const struct hc_command hc_cmd_rollback = {
    .use = "rollback <RELEASE> [REVISION]",
    .summary = "roll back a release to a previous revision",
    .description = "\n"
                   "Roll a release back to an earlier revision.\n"
                   "\n"
                   "Without a revision, or with 0, the release goes back to the revision\n"
                   "before its current one.  'helmc history RELEASE' lists the revisions.\n",
    .run = run_rollback,
    .args = HC_ARGS_MIN,
    .nargs = 1,
    .options = rollback_options,
    .options_size = sizeof(struct rollback_opts),
    .init = rollback_init,
    .exclusive = rollback_exclusive,
};
