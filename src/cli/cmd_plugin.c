/*
 * cmd_plugin.c - `helmc plugin`: helm's plugin management commands.
 *
 * Mirrors helm's pkg/cmd/plugin*.go.  helmc does not load plugins; the subcommands exist
 * so that scripts get helm's flags and argument errors, and say they are not implemented.
 */
#include "cli/cli.h"

#include <stddef.h>

struct plugin_opts {
    const char *version, *keyring, *cert_file, *key_file, *ca_file, *username, *password;
    const char *type, *key, *passphrase_file, *destination;
    bool verify, insecure_skip_tls_verify, plain_http, sign;
};

#define O(f) offsetof(struct plugin_opts, f)
static const struct hc_option plugin_install_options[] = {
    {"version", 0, HC_OPT_STRING, O(version),
     .help = "specify a version constraint. If this is not specified, the latest version is "
             "installed"},
    {"verify", 0, HC_OPT_BOOL, O(verify), .help = "verify the plugin signature before installing",
     .def = "true"},
    {"keyring", 0, HC_OPT_STRING, O(keyring),
     .help = "location of public keys used for verification"},
    {"cert-file", 0, HC_OPT_STRING, O(cert_file),
     .help = "identify registry client using this SSL certificate file"},
    {"key-file", 0, HC_OPT_STRING, O(key_file),
     .help = "identify registry client using this SSL key file"},
    {"ca-file", 0, HC_OPT_STRING, O(ca_file),
     .help = "verify certificates of HTTPS-enabled servers using this CA bundle"},
    {"insecure-skip-tls-verify", 0, HC_OPT_BOOL, O(insecure_skip_tls_verify),
     .help = "skip tls certificate checks for the plugin download"},
    {"plain-http", 0, HC_OPT_BOOL, O(plain_http),
     .help = "use insecure HTTP connections for the plugin download"},
    {"username", 0, HC_OPT_STRING, O(username), .help = "registry username"},
    {"password", 0, HC_OPT_STRING, O(password), .help = "registry password"},
    {0},
};
static const struct hc_option plugin_list_options[] = {
    {"type", 0, HC_OPT_STRING, O(type), .help = "Plugin type"},
    {0},
};
static const struct hc_option plugin_package_options[] = {
    {"sign", 0, HC_OPT_BOOL, O(sign), .help = "use a PGP private key to sign this plugin",
     .def = "true"},
    {"key", 0, HC_OPT_STRING, O(key),
     .help = "name of the key to use when signing. Used if --sign is true"},
    {"keyring", 0, HC_OPT_STRING, O(keyring), .help = "location of a public keyring"},
    {"passphrase-file", 0, HC_OPT_STRING, O(passphrase_file),
     .help =
         "location of a file which contains the passphrase for the signing key. Use \"-\" to read "
         "from stdin."},
    {"destination", 'd', HC_OPT_STRING, O(destination),
     .help = "location to write the plugin tarball.", .def = "."},
    {0},
};
static const struct hc_option plugin_verify_options[] = {
    {"keyring", 0, HC_OPT_STRING, O(keyring), .help = "keyring containing public keys"},
    {0},
};
#undef O

static void plugin_init(struct hc_cli *cli, void *opts)
{
    ((struct plugin_opts *)opts)->keyring = hc_cli_default_keyring(cli);
}

static const char *const install_aliases[] = {"add", NULL};
static const char *const list_aliases[] = {"ls", NULL};
static const char *const uninstall_aliases[] = {"rm", "remove", NULL};
static const char *const update_aliases[] = {"up", NULL};

static const struct hc_command plugin_install = {
    .use = "install [options] <path|url>",
    .aliases = install_aliases,
    .summary = "install a Helm plugin",
    .description = "\n"
                   "Install a Helm plugin from a directory, archive, URL or OCI registry.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = plugin_install_options,
    .options_size = sizeof(struct plugin_opts),
    .init = plugin_init,
};

static const struct hc_command plugin_list = {
    .use = "list",
    .aliases = list_aliases,
    .summary = "list installed Helm plugins",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_ANY,
    .options = plugin_list_options,
    .options_size = sizeof(struct plugin_opts),
};

static const struct hc_command plugin_uninstall = {
    .use = "uninstall <plugin>...",
    .aliases = uninstall_aliases,
    .summary = "uninstall one or more Helm plugins",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_ANY,
};

static const struct hc_command plugin_update = {
    .use = "update <plugin>...",
    .aliases = update_aliases,
    .summary = "update one or more Helm plugins",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_ANY,
};

static const struct hc_command plugin_package = {
    .use = "package [PATH]",
    .summary = "package a plugin directory into a plugin archive",
    .description = "\n"
                   "Package a plugin directory into a versioned archive, signed unless\n"
                   "--sign=false.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = plugin_package_options,
    .options_size = sizeof(struct plugin_opts),
    .init = plugin_init,
};

static const struct hc_command plugin_verify = {
    .use = "verify [PATH]",
    .summary = "verify that a plugin at the given path has been signed and is valid",
    .description = "\n"
                   "Check a plugin archive's provenance file against the keyring.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = plugin_verify_options,
    .options_size = sizeof(struct plugin_opts),
    .init = plugin_init,
};

static const struct hc_command *const plugin_subcommands[] = {
    &plugin_install, &plugin_list, &plugin_uninstall, &plugin_update, &plugin_package,
    &plugin_verify,  NULL,
};

const struct hc_command hc_cmd_plugin = {
    .use = "plugin",
    .summary = "install, list, or uninstall Helm plugins",
    .description = "\n"
                   "Manage client-side Helm plugins.  helmc does not run plugins.\n",
    .args = HC_ARGS_ANY,
    .subcommands = plugin_subcommands,
};
