/*
 * cmd_dependency.c - `helmc dependency`: list, update and build a chart's dependencies.
 *
 * Mirrors helm's pkg/cmd/dependency.go, dependency_build.go and dependency_update.go.
 * The subcommands are not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

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
    .run = hc_cli_not_implemented,
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
    .run = hc_cli_not_implemented,
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
    .run = hc_cli_not_implemented,
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
