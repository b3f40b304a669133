/*
 * cmd_diff.c - `helmc diff RELEASE_NAME REVISION1 REVISION2`: what changed
 * between two stored revisions of a release.
 *
 * helmc's own command, not helm's.  Resources are matched as helm matches
 * them on upgrade (API group, kind, namespace, name), listed in key order;
 * each added, removed or changed one gets a unified diff of its document.
 */
#include "cli/flags.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/release_cli.h"
#include "helmc/orphans.h"

struct diff_opts {
    const char *output;
    int64_t context;
};

static const char *check_diff_output(struct hc_optparse *p, const struct hc_option *opt,
                                     const char **value)
{
    (void)p, (void)opt;
    if (strcmp(*value, "diff") == 0 || strcmp(*value, "json") == 0)
        return NULL;
    return "invalid format type";
}

#define T    struct diff_opts
#define O(f) offsetof(T, f)
static const struct hc_option diff_options[] = {
    {"output", 'o', HC_OPT_STRING, O(output),
     .help = "prints the output in the specified format. Allowed values: diff, json",
     .def = "diff", .type_name = "format", .check = check_diff_output, .flags = HC_OPT_CUSTOM},
    {"context", 'C', HC_OPT_INT, O(context), .help = "lines of context around each change",
     .def = "3"},
    {0},
};
#undef O
#undef T

/* strconv.Atoi's text for a bad revision, as helm's rollback prints it. */
static hc_status parse_revision(const char *s, int64_t *out, struct hc_error *err)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno == ERANGE || s[0] == ' ')
        return hc_error_set(err, HC_ERR_USAGE, "strconv.Atoi: parsing \"%s\": %s", s,
                            errno == ERANGE ? "value out of range" : "invalid syntax");
    if (v <= 0)
        return hc_error_set(err, HC_ERR_USAGE, "revision must be a positive number, not %lld", v);
    *out = v;
    return HC_OK;
}

static hc_status run_diff(struct hc_cli *cli, struct hc_error *err)
{
    const struct diff_opts *o = cli->opts;
    int64_t r1, r2;
    hc_status rc = parse_revision(cli->args[1], &r1, err);
    if (rc == HC_OK)
        rc = parse_revision(cli->args[2], &r2, err);
    if (rc == HC_OK && (o->context < 0 || o->context > 1000000))
        rc = hc_error_set(err, HC_ERR_USAGE, "--context must be between 0 and 1000000");
    if (rc != HC_OK)
        return rc;
    struct hc_cli_store st;
    rc = hc_cli_store_open(cli, 0, &st, err);
    if (rc != HC_OK)
        return rc;
    struct hc_release *from = NULL, *to = NULL;
    rc = hc_action_get(&st.cfg, cli->args[0], r1, &cli->arena, &from, err);
    if (rc == HC_OK)
        rc = hc_action_get(&st.cfg, cli->args[0], r2, &cli->arena, &to, err);
    hc_cli_store_close(&st);
    if (rc != HC_OK)
        return rc;
    struct hc_buf b = HC_BUF_INIT;
    rc = hc_release_diff(&b, &cli->arena, from, to, (int)o->context,
                         strcmp(o->output, "json") == 0 ? HC_DIFF_JSON : HC_DIFF_TEXT, NULL, err);
    if (rc == HC_OK)
        fwrite(hc_buf_str(&b), 1, b.len, cli->out);
    hc_buf_release(&b);
    return rc;
}

const struct hc_command hc_cmd_diff = {
    .use = "diff RELEASE_NAME REVISION1 REVISION2",
    .summary = "show the differences between two revisions of a release",
    .description =
        "\n"
        "Compare the manifests two stored revisions of a release hold.  Resources are\n"
        "matched as helm matches them on upgrade (API group, kind, namespace and name)\n"
        "and listed in that order; each one added, removed or changed is shown as a\n"
        "unified diff of its document.  -o json gives the added and removed keys and\n"
        "the changed ones with their diffs.\n",
    .run = run_diff,
    .args = HC_ARGS_EXACT,
    .nargs = 3,
    .options = diff_options,
    .options_size = sizeof(struct diff_opts),
    .flags = HC_CMD_HIDDEN, /* helmc's own: root help stays helm's */
};
