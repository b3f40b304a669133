/*
 * cmd_dependency.c - `helmc dependency`: list, update and build a chart's dependencies.
 *
 * Mirrors helm's pkg/cmd/dependency.go, dependency_build.go and dependency_update.go; the
 * work is include/helmc/dependency.h's.  The chart path is filepath.Clean'd, "." when not
 * given.  oci:// dependencies are refused, and --verify cannot check signatures yet.
 */
#define _DEFAULT_SOURCE /* tm_gmtoff */
#include "cli/flags.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/path.h"
#include "cli/deps.h"
#include "cli/table.h"
#include "helmc/dependency.h"

struct dependency_opts {
    struct hc_chart_path_opts repo; /* keyring, verify and the credentials and TLS flags */
    uint64_t max_col_width;
    bool skip_refresh;
};

#define T    struct dependency_opts
#define O(f) offsetof(T, f)
static const struct hc_option dependency_list_options[] = {
    {"max-col-width", 0, HC_OPT_UINT, O(max_col_width),
     .help = "maximum column width for output table", .def = "80"},
    {0},
};

/* helm's addDependencySubcommandFlags, for build and update */
static const struct hc_option dependency_update_options[] = {
    {"verify", 0, HC_OPT_BOOL, O(repo.verify), .help = "verify the packages against signatures"},
    {"keyring", 0, HC_OPT_STRING, O(repo.keyring), .help = "keyring containing public keys"},
    {"skip-refresh", 0, HC_OPT_BOOL, O(skip_refresh),
     .help = "do not refresh the local repository cache"},
    HC_TLS_OPTIONS(T, repo, "chart download"),
    {0},
};
#undef O
#undef T

/* filepath.Clean(args[0]), or "." (arena-allocated). */
static const char *chart_path(struct hc_cli *cli)
{
    const char *p = cli->nargs > 0 ? cli->args[0] : ".";
    size_t n = strlen(p);
    char *c = hc_arena_alloc(&cli->arena, 2 * n + 4);
    if (!c)
        return p;
    c[hc_path_clean(p, n, c)] = '\0';
    return c;
}

/* Dependency.List's output: the table (uitable), a blank line, the warnings. */
static hc_status run_dependency_list(struct hc_cli *cli, struct hc_error *err)
{
    const struct dependency_opts *o = cli->opts;
    struct hc_dep_listing l;
    hc_status rc = hc_dep_list(&cli->arena, chart_path(cli), &l, err);
    if (rc != HC_OK)
        return rc;
    if (l.no_deps) {
        fprintf(cli->out, "WARNING: no dependencies at %s\n", l.charts_dir);
        return HC_OK;
    }
    struct hc_table t;
    hc_table_init(&t, &cli->arena, 4, (size_t)o->max_col_width);
    static const char *const head[] = {"NAME", "VERSION", "REPOSITORY", "STATUS"};
    rc = hc_table_row(&t, head, err);
    for (size_t i = 0; rc == HC_OK && i < l.n_rows; i++) {
        const char *row[] = {l.rows[i].name, l.rows[i].version, l.rows[i].repository,
                             l.rows[i].status};
        rc = hc_table_row(&t, row, err);
    }
    struct hc_buf out = HC_BUF_INIT;
    if (rc == HC_OK) {
        hc_table_write(&t, &out);
        hc_buf_addc(&out, '\n');
        for (size_t i = 0; i < l.n_warnings; i++) {
            hc_buf_adds(&out, l.warnings[i]);
            hc_buf_addc(&out, '\n');
        }
        if (!hc_buf_ok(&out))
            rc = hc_error_nomem(err);
        else
            fwrite(out.data, 1, out.len, cli->out);
    }
    hc_buf_release(&out);
    return rc;
}

hc_status hc_cli_dep_run(struct hc_cli *cli, const char *chart, bool build,
                         const struct hc_cli_dep_flags *f, struct hc_error *err)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm local;
    time_t now = ts.tv_sec;
    localtime_r(&now, &local);
    int64_t mtime = 0;
    const char *sde = cli->getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde)
        mtime = strtoll(sde, NULL, 10);
    struct hc_buf out = HC_BUF_INIT;
    struct hc_dep_opts d = {
        .repository_config = cli->g.repository_config,
        .repository_cache = cli->g.repository_cache,
        .skip_refresh = f->skip_refresh,
        .debug = cli->g.debug,
        .verify = !f->verify ? HC_DEP_VERIFY_NEVER
                  : build    ? HC_DEP_VERIFY_IF_POSSIBLE
                             : HC_DEP_VERIFY_ALWAYS,
        .now_sec = ts.tv_sec,
        .now_nsec = (int32_t)ts.tv_nsec,
        .now_offset = (int32_t)local.tm_gmtoff,
        .mtime = mtime,
        .out = &out,
    };
    hc_status rc = build ? hc_dep_build(chart, &d, err) : hc_dep_update(chart, &d, err);
    if (out.len && !f->quiet)
        fwrite(out.data, 1, out.len, cli->out);
    fflush(cli->out);
    hc_buf_release(&out);
    return rc;
}

static hc_status run_update_or_build(struct hc_cli *cli, bool build, struct hc_error *err)
{
    const struct dependency_opts *o = cli->opts;
    struct hc_cli_dep_flags f = {.verify = o->repo.verify, .skip_refresh = o->skip_refresh};
    return hc_cli_dep_run(cli, chart_path(cli), build, &f, err);
}

static hc_status run_dependency_update(struct hc_cli *cli, struct hc_error *err)
{
    return run_update_or_build(cli, false, err);
}

static hc_status run_dependency_build(struct hc_cli *cli, struct hc_error *err)
{
    return run_update_or_build(cli, true, err);
}

static void dependency_init(struct hc_cli *cli, void *opts)
{
    hc_chart_path_init(cli, &((struct dependency_opts *)opts)->repo);
}

static const char *const list_aliases[] = {"ls", NULL};
static const char *const update_aliases[] = {"up", NULL};

static const struct hc_command dependency_list = {
    .use = "list CHART",
    .aliases = list_aliases,
    .summary = "list the dependencies for the given chart",
    .description = "\n"
                   "List the dependencies a chart (directory or archive) declares, with their\n"
                   "versions, repositories and whether they are present in charts/.\n",
    .run = run_dependency_list,
    .args = HC_ARGS_MAX,
    .nargs = 1,
    .options = dependency_list_options,
    .options_size = sizeof(struct dependency_opts),
};

static const struct hc_command dependency_update = {
    .use = "update CHART",
    .aliases = update_aliases,
    .summary = "update charts/ based on the contents of Chart.yaml",
    .description = "\n"
                   "Download the newest versions of the dependencies Chart.yaml allows into\n"
                   "charts/, remove outdated ones, and record the result in Chart.lock.\n",
    .run = run_dependency_update,
    .args = HC_ARGS_MAX,
    .nargs = 1,
    .options = dependency_update_options,
    .options_size = sizeof(struct dependency_opts),
    .init = dependency_init,
};

static const struct hc_command dependency_build = {
    .use = "build CHART",
    .summary = "rebuild the charts/ directory based on the Chart.lock file",
    .description = "\n"
                   "Rebuild charts/ from the exact versions Chart.lock records, without\n"
                   "resolving versions again; without a lock file it works as 'update'.\n",
    .run = run_dependency_build,
    .args = HC_ARGS_MAX,
    .nargs = 1,
    .options = dependency_update_options,
    .options_size = sizeof(struct dependency_opts),
    .init = dependency_init,
};

static const struct hc_command *const dependency_subcommands[] = {
    &dependency_list,
    &dependency_update,
    &dependency_build,
    NULL,
};

static const char *const dependency_aliases[] = {"dep", "dependencies", NULL};

const struct hc_command hc_cmd_dependency = {
    .use = "dependency update|build|list",
    .aliases = dependency_aliases,
    .summary = "manage a chart's dependencies",
    .description = "\n"
                   "Manage the dependencies a chart declares in Chart.yaml and keeps in\n"
                   "charts/.  A dependency names a chart, a version or range, and a repository:\n"
                   "a URL, an alias of an added repository ('@name' or 'alias:name'), or a\n"
                   "local directory ('file://../other').\n",
    .args = HC_ARGS_NONE,
    .subcommands = dependency_subcommands,
};
