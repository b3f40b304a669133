/*
 * cmd_search.c - `helmc search`: search Artifact Hub or the added repositories.
 *
 * Mirrors helm's pkg/cmd/search.go, search_hub.go and search_repo.go.  The subcommands
 * are not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

struct search_opts {
    const char *endpoint, *version, *output;
    uint64_t max_col_width;
    bool list_repo_url, fail_on_no_result, regexp, versions, devel;
};

#define T    struct search_opts
#define O(f) offsetof(T, f)
/* clang-format off */
#define COMMON                                                                           \
    {"max-col-width", 0, HC_OPT_UINT, O(max_col_width),                                  \
     .help = "maximum column width for output table", .def = "50"},                      \
    {"fail-on-no-result", 0, HC_OPT_BOOL, O(fail_on_no_result),                          \
     .help = "search fails if no results are found"},                                    \
    HC_OUTPUT_OPTION(T, output)
/* clang-format on */
static const struct hc_option search_hub_options[] = {
    {"endpoint", 0, HC_OPT_STRING, O(endpoint), .help = "Hub instance to query for charts",
     .def = "https://hub.helm.sh"},
    {"list-repo-url", 0, HC_OPT_BOOL, O(list_repo_url), .help = "print charts repository URL"},
    COMMON,
    {0},
};
static const struct hc_option search_repo_options[] = {
    {"regexp", 'r', HC_OPT_BOOL, O(regexp),
     .help = "use regular expressions for searching repositories you have added"},
    {"versions", 'l', HC_OPT_BOOL, O(versions),
     .help = "show the long listing, with each version of each chart on its own line, for "
             "repositories you have added"},
    {"devel", 0, HC_OPT_BOOL, O(devel),
     .help =
         "use development versions (alpha, beta, and release candidate releases), too. Equivalent "
         "to version '>0.0.0-0'. If --version is set, this is ignored"},
    {"version", 0, HC_OPT_STRING, O(version),
     .help = "search using semantic versioning constraints on repositories you have added"},
    COMMON,
    {0},
};
#undef COMMON
#undef O
#undef T

static const struct hc_command search_hub = {
    .use = "hub [KEYWORD]",
    .summary = "search for charts in the Artifact Hub or your own hub instance",
    .description = "\n"
                   "Search Artifact Hub (or the hub --endpoint names) for charts matching a\n"
                   "keyword.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_ANY,
    .options = search_hub_options,
    .options_size = sizeof(struct search_opts),
};

static const struct hc_command search_repo = {
    .use = "repo [keyword]",
    .summary = "search repositories for a keyword in charts",
    .description = "\n"
                   "Search the indexes of the added repositories for charts whose name,\n"
                   "description or keywords match; without a keyword, list every chart.\n"
                   "--version takes a semantic version constraint.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_ANY,
    .options = search_repo_options,
    .options_size = sizeof(struct search_opts),
};

static const struct hc_command *const search_subcommands[] = {&search_hub, &search_repo, NULL};

const struct hc_command hc_cmd_search = {
    .use = "search [keyword]",
    .summary = "search for a keyword in charts",
    .description = "\n"
                   "Search for charts on Artifact Hub or in the added repositories.\n",
    .args = HC_ARGS_ANY,
    .subcommands = search_subcommands,
};
