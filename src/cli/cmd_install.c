/*
 * cmd_install.c - `helmc install [NAME] [CHART]`: install a chart as a release.
 *
 * Mirrors helm's pkg/cmd/install.go: addInstallFlags plus --hide-secret, --dry-run,
 * --output and the post-renderer flags.  Not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

struct install_opts {
    struct hc_install_opts install;
    struct hc_post_render_opts post_render;
    const char *dry_run, *output;
    bool hide_secret;
};

#define T    struct install_opts
#define O(f) offsetof(T, f)
static const struct hc_option install_options[] = {
    HC_INSTALL_OPTIONS(T, install),
    {"hide-secret", 0, HC_OPT_BOOL, O(hide_secret),
     .help = "hide Kubernetes Secrets when also using the --dry-run flag"},
    HC_DRY_RUN_OPTION(T, dry_run),
    HC_OUTPUT_OPTION(T, output),
    HC_POST_RENDER_OPTIONS(T, post_render),
    {0},
};
#undef O
#undef T

static const char *const install_exclusive[] = {HC_FORCE_EXCLUSIVE, NULL};

static void install_init(struct hc_cli *cli, void *opts)
{
    hc_chart_path_init(cli, &((struct install_opts *)opts)->install.chart);
}

const struct hc_command hc_cmd_install = {
    .use = "install [NAME] [CHART]",
    .summary = "install a chart",
    .description = "\n"
                   "Install a chart as a new release.\n"
                   "\n"
                   "The chart is a reference (repo/name), a packaged chart, a chart directory\n"
                   "or a URL.  Values come from -f/--values files and the --set family, later\n"
                   "ones taking precedence.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_MIN,
    .nargs = 1,
    .options = install_options,
    .options_size = sizeof(struct install_opts),
    .init = install_init,
    .exclusive = install_exclusive,
};
