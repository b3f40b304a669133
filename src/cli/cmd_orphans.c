/*
 * cmd_orphans.c - `helmc orphans RELEASE_NAME`: resources a release's history
 * left behind.
 *
 * helmc's own command, not helm's.  The current revision is the one the next
 * upgrade would diff against (helm's "current release": the last when it is
 * deployed, else the newest deployed, else the last).  Every resource that a
 * stored revision's manifest holds and the current one does not is listed
 * with the revisions that held it: "kept" when the newest of those marks it
 * helm.sh/resource-policy: keep, else "orphaned".  --prune-list prints the
 * orphaned (not the kept) ones as a stream `kubectl delete -f -` reads.
 */
#include "cli/flags.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/release_cli.h"
#include "helmc/orphans.h"
#include "json/json.h"

struct orphans_opts {
    const char *output;
    bool prune_list;
};

#define T    struct orphans_opts
#define O(f) offsetof(T, f)
static const struct hc_option orphans_options[] = {
    HC_OUTPUT_OPTION(T, output),
    {"prune-list", 0, HC_OPT_BOOL, O(prune_list),
     .help = "print the orphaned resources (not the kept ones) as YAML for 'kubectl delete -f -'"},
    {0},
};
#undef O
#undef T

static bool is_status(const struct hc_release *r, const char *s)
{
    return r->info && r->info->status.n == strlen(s) &&
           memcmp(r->info->status.p, s, r->info->status.n) == 0;
}

/* helm's upgrade base: the last if deployed, else the newest deployed, else the last. */
static const struct hc_release *current_of(const struct hc_release_list *h)
{
    const struct hc_release *last = h->v[h->n - 1];
    if (is_status(last, HC_RELEASE_STATUS_DEPLOYED))
        return last;
    for (size_t i = h->n; i-- > 0;)
        if (is_status(h->v[i], HC_RELEASE_STATUS_DEPLOYED))
            return h->v[i];
    return last;
}

static hc_status run_orphans(struct hc_cli *cli, struct hc_error *err)
{
    const struct orphans_opts *o = cli->opts;
    struct hc_cli_store st;
    hc_status rc = hc_cli_store_open(cli, 0, &st, err);
    if (rc != HC_OK)
        return rc;
    struct hc_release_list h;
    struct hc_orphan_report r;
    rc = hc_action_history(&st.cfg, cli->args[0], 0, &cli->arena, &h, err);
    if (rc == HC_OK && h.n == 0)
        rc = hc_error_set(err, HC_ERR_NOT_FOUND, "%s", HC_STORAGE_ERR_NOT_FOUND);
    if (rc == HC_OK)
        rc = hc_orphans_from_history(&cli->arena, h.v, h.n, current_of(&h), &r, err);
    hc_cli_store_close(&st);
    if (rc != HC_OK)
        return rc;
    struct hc_buf b = HC_BUF_INIT;
    if (o->prune_list)
        hc_orphans_prune_list(&b, &r);
    else if (hc_cli_format_is_data(o->output))
        hc_orphans_json(&b, &r);
    else
        hc_orphans_table(&b, &r);
    if (!hc_buf_ok(&b)) {
        rc = hc_error_nomem(err);
    } else if (!o->prune_list && strcmp(o->output, "yaml") == 0) {
        hc_val v;
        rc = hc_json_read(&cli->arena, b.data, b.len, &v, err);
        if (rc == HC_OK)
            rc = hc_cli_print_value(cli, v, "yaml", err);
    } else {
        fwrite(hc_buf_str(&b), 1, b.len, cli->out);
    }
    hc_buf_release(&b);
    return rc;
}

const struct hc_command hc_cmd_orphans = {
    .use = "orphans RELEASE_NAME",
    .summary = "list resources a release's upgrades left behind",
    .description =
        "\n"
        "List the resources that stored revisions of a release rendered and its current\n"
        "revision does not: objects created by failed upgrades (which helm never deletes),\n"
        "objects kept by the helm.sh/resource-policy annotation, and objects of older\n"
        "revisions.  Each is shown with the revisions that held it.  The current revision\n"
        "is the one the next upgrade starts from: the last if it is deployed, else the\n"
        "newest deployed one.\n"
        "\n"
        "With --prune-list, print the orphaned objects (not the kept ones) as a YAML\n"
        "stream for 'kubectl delete --ignore-not-found -f -'.\n",
    .run = run_orphans,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = orphans_options,
    .options_size = sizeof(struct orphans_opts),
    .flags = HC_CMD_HIDDEN, /* helmc's own: root help stays helm's */
};
