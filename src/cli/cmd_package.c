/*
 * cmd_package.c - `helmc package [CHART_PATH] [...]`: package chart directories.
 *
 * Mirrors helm's pkg/cmd/package.go.  Not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

struct package_opts {
    struct hc_chart_path_opts repo; /* the credentials and TLS flags */
    const char *key, *keyring, *passphrase_file, *version, *app_version, *destination;
    bool sign, dependency_update;
};

#define T    struct package_opts
#define O(f) offsetof(T, f)
static const struct hc_option package_options[] = {
    {"sign", 0, HC_OPT_BOOL, O(sign), .help = "use a PGP private key to sign this package"},
    {"key", 0, HC_OPT_STRING, O(key),
     .help = "name of the key to use when signing. Used if --sign is true"},
    {"keyring", 0, HC_OPT_STRING, O(keyring), .help = "location of a public keyring"},
    {"passphrase-file", 0, HC_OPT_STRING, O(passphrase_file),
     .help = "location of a file which contains the passphrase for the signing key. Use \"-\" in "
             "order to read from stdin."},
    {"version", 0, HC_OPT_STRING, O(version),
     .help = "set the version on the chart to this semver version"},
    {"app-version", 0, HC_OPT_STRING, O(app_version),
     .help = "set the appVersion on the chart to this version"},
    {"destination", 'd', HC_OPT_STRING, O(destination), .help = "location to write the chart.",
     .def = "."},
    {"dependency-update", 'u', HC_OPT_BOOL, O(dependency_update),
     .help = "update dependencies from \"Chart.yaml\" to dir \"charts/\" before packaging"},
    HC_TLS_OPTIONS(T, repo, "chart download"),
    {0},
};
#undef O
#undef T

static void package_init(struct hc_cli *cli, void *opts)
{
    ((struct package_opts *)opts)->keyring = hc_cli_default_keyring(cli);
}

const struct hc_command hc_cmd_package = {
    .use = "package [CHART_PATH] [...]",
    .summary = "package a chart directory into a chart archive",
    .description = "\n"
                   "Package chart directories into versioned chart archives\n"
                   "(NAME-VERSION.tgz), the form chart repositories serve.  --sign also\n"
                   "writes a provenance file signed with a PGP key.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_ANY,
    .options = package_options,
    .options_size = sizeof(struct package_opts),
    .init = package_init,
};
