/*
 * cmd_registry.c - `helmc registry`: log in to and out of OCI registries.
 *
 * Mirrors helm's pkg/cmd/registry.go, registry_login.go and registry_logout.go.  The
 * subcommands are not implemented yet.
 */
#include "cli/cli.h"

#include <stddef.h>

struct login_opts {
    const char *username, *password, *cert_file, *key_file, *ca_file;
    bool password_stdin, insecure, plain_http;
};

#define O(f) offsetof(struct login_opts, f)
static const struct hc_option login_options[] = {
    {"username", 'u', HC_OPT_STRING, O(username), .help = "registry username"},
    {"password", 'p', HC_OPT_STRING, O(password), .help = "registry password or identity token"},
    {"password-stdin", 0, HC_OPT_BOOL, O(password_stdin),
     .help = "read password or identity token from stdin"},
    {"insecure", 0, HC_OPT_BOOL, O(insecure),
     .help = "allow connections to TLS registry without certs"},
    {"cert-file", 0, HC_OPT_STRING, O(cert_file),
     .help = "identify registry client using this SSL certificate file"},
    {"key-file", 0, HC_OPT_STRING, O(key_file),
     .help = "identify registry client using this SSL key file"},
    {"ca-file", 0, HC_OPT_STRING, O(ca_file),
     .help = "verify certificates of HTTPS-enabled servers using this CA bundle"},
    {"plain-http", 0, HC_OPT_BOOL, O(plain_http),
     .help = "use insecure HTTP connections for the chart upload"},
    {0},
};
#undef O

static const struct hc_command registry_login = {
    .use = "login [host]",
    .summary = "login to a registry",
    .description = "\n"
                   "Store credentials for an OCI registry in the registry config file.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_MIN,
    .nargs = 1,
    .options = login_options,
    .options_size = sizeof(struct login_opts),
};

static const struct hc_command registry_logout = {
    .use = "logout [host]",
    .summary = "logout from a registry",
    .description = "\n"
                   "Remove the stored credentials for an OCI registry.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_MIN,
    .nargs = 1,
};

static const struct hc_command *const registry_subcommands[] = {
    &registry_login,
    &registry_logout,
    NULL,
};

const struct hc_command hc_cmd_registry = {
    .use = "registry",
    .summary = "login to or logout from a registry",
    .description = "\n"
                   "Log in to and out of OCI registries.\n",
    .args = HC_ARGS_ANY,
    .subcommands = registry_subcommands,
};
