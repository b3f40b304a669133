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
#include "helmc/orphans.h"

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

/*
 * The documents of the stored manifest that helm.sh/resource-policy keeps, as
 * uninstall reports them ("[Kind] name" each), kinds in uninstall order (the
 * manifest's kind order reversed).
 */
static void print_kept(struct hc_cli *cli, const struct hc_release *r)
{
    struct hc_manifest m;
    struct hc_error err;
    hc_error_init(&err);
    if (hc_manifest_parse(&cli->arena, r->manifest, r->namespace_, NULL, &m, &err) != HC_OK) {
        hc_error_release(&err);
        return;
    }
    struct hc_buf b = HC_BUF_INIT;
    bool any = false;
    /* walk the kinds from last to first appearance, each kind's documents in order */
    for (size_t i = m.n; i-- > 0;) {
        const struct hc_resource *k = &m.v[i];
        bool first = true; /* the kind's last document: its group is printed here */
        for (size_t j = i + 1; j < m.n; j++)
            if (m.v[j].kind.n == k->kind.n && memcmp(m.v[j].kind.p, k->kind.p, k->kind.n) == 0)
                first = false;
        if (!first)
            continue;
        for (size_t j = 0; j <= i; j++) {
            const struct hc_resource *d = &m.v[j];
            if (!d->keep || d->kind.n != k->kind.n || memcmp(d->kind.p, k->kind.p, k->kind.n))
                continue;
            if (!any)
                hc_buf_adds(&b, "These resources were kept due to the resource policy:\n");
            any = true;
            hc_buf_printf(&b, "[%.*s] %.*s\n", (int)d->kind.n, d->kind.p, (int)d->name.n,
                          d->name.p);
        }
    }
    if (any) {
        hc_buf_addc(&b, '\n');
        fwrite(b.data, 1, b.len, cli->out);
    }
    hc_buf_release(&b);
}

static hc_status run_uninstall(struct hc_cli *cli, struct hc_error *err)
{
    const struct uninstall_opts *o = cli->opts;
    struct hc_cli_store st;
    hc_status rc = hc_cli_store_open(cli, 0, &st, err);
    if (rc != HC_OK)
        return rc;
    for (size_t i = 0; rc == HC_OK && i < cli->nargs; i++) {
        struct hc_release *r, *before = NULL;
        struct hc_error gerr;
        hc_error_init(&gerr);
        hc_action_get(&st.cfg, cli->args[i], 0, &cli->arena, &before, &gerr);
        hc_error_release(&gerr);
        bool was_uninstalled = before && before->info &&
                               before->info->status.n == 11 &&
                               memcmp(before->info->status.p, "uninstalled", 11) == 0;
        rc = hc_action_uninstall(&st.cfg, cli->args[i], o->keep_history, o->description,
                                 o->dry_run, &cli->arena, &r, err);
        if (rc == HC_ERR_NOT_FOUND && o->ignore_not_found) {
            hc_error_release(err);
            rc = HC_OK;
        }
        if (rc == HC_OK && r && !o->dry_run && !was_uninstalled)
            print_kept(cli, r);
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
