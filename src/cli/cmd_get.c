/*
 * cmd_get.c - `helmc get`: a release's values, manifest, notes, hooks and metadata.
 *
 * Mirrors helm's pkg/cmd/get.go and get_*.go.  The subcommands are not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

struct get_opts {
    int64_t revision;
    const char *output, *template_;
    bool all;
};

#define T    struct get_opts
#define O(f) offsetof(T, f)
/* clang-format off */
#define REVISION(h) {"revision", 0, HC_OPT_INT, O(revision), .help = (h)}
/* clang-format on */
static const struct hc_option get_all_options[] = {
    REVISION("get the named release with revision"),
    {"template", 0, HC_OPT_STRING, O(template_),
     .help = "go template for formatting the output, eg: {{.Release.Name}}"},
    {0},
};
static const struct hc_option get_revision_options[] = {
    REVISION("get the named release with revision"),
    {0},
};
static const struct hc_option get_metadata_options[] = {
    REVISION("specify release revision"),
    HC_OUTPUT_OPTION(T, output),
    {0},
};
static const struct hc_option get_values_options[] = {
    REVISION("get the named release with revision"),
    {"all", 'a', HC_OPT_BOOL, O(all), .help = "dump all (computed) values"},
    HC_OUTPUT_OPTION(T, output),
    {0},
};
#undef REVISION
#undef O
#undef T

static const struct hc_command get_all = {
    .use = "all RELEASE_NAME",
    .summary = "download all information for a named release",
    .description = "\n"
                   "Print everything about a release: its notes, hooks, values and manifest.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_all_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_hooks = {
    .use = "hooks RELEASE_NAME",
    .summary = "download all hooks for a named release",
    .description = "\n"
                   "Print a release's hooks as YAML documents separated by '---'.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_revision_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_manifest = {
    .use = "manifest RELEASE_NAME",
    .summary = "download the manifest for a named release",
    .description = "\n"
                   "Print the manifest a release deployed: the Kubernetes resources its chart\n"
                   "and subcharts rendered, as YAML.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_revision_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_metadata = {
    .use = "metadata RELEASE_NAME",
    .summary = "This command fetches metadata for a given release",
    .description = "Print a release's metadata: name, chart, versions, namespace, revision, "
                   "status and deployment time.",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_metadata_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_notes = {
    .use = "notes RELEASE_NAME",
    .summary = "download the notes for a named release",
    .description = "\n"
                   "Print the notes a release's chart rendered.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_revision_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_values = {
    .use = "values RELEASE_NAME",
    .summary = "download the values file for a named release",
    .description = "\n"
                   "Print the values a release was given (all computed values with --all).\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_values_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command *const get_subcommands[] = {
    &get_all, &get_values, &get_manifest, &get_hooks, &get_notes, &get_metadata, NULL,
};

const struct hc_command hc_cmd_get = {
    .use = "get",
    .summary = "download extended information of a named release",
    .description = "\n"
                   "Show what helmc recorded about a release: its values, manifest, notes,\n"
                   "hooks or metadata, one subcommand each.\n",
    .args = HC_ARGS_NONE,
    .subcommands = get_subcommands,
};
