/*
 * cmd_push.c - `helmc push [chart] [remote]`: upload a chart to an OCI registry.
 *
 * Mirrors helm's pkg/cmd/push.go.  Not implemented yet.
 */
#include "cli/cli.h"

#include <stddef.h>

struct push_opts {
    const char *cert_file, *key_file, *ca_file, *username, *password;
    bool insecure_skip_tls_verify, plain_http;
};

#define O(f) offsetof(struct push_opts, f)
static const struct hc_option push_options[] = {
    {"cert-file", 0, HC_OPT_STRING, O(cert_file),
     .help = "identify registry client using this SSL certificate file"},
    {"key-file", 0, HC_OPT_STRING, O(key_file),
     .help = "identify registry client using this SSL key file"},
    {"ca-file", 0, HC_OPT_STRING, O(ca_file),
     .help = "verify certificates of HTTPS-enabled servers using this CA bundle"},
    {"insecure-skip-tls-verify", 0, HC_OPT_BOOL, O(insecure_skip_tls_verify),
     .help = "skip tls certificate checks for the chart upload"},
    {"plain-http", 0, HC_OPT_BOOL, O(plain_http),
     .help = "use insecure HTTP connections for the chart upload"},
    {"username", 0, HC_OPT_STRING, O(username),
     .help = "chart repository username where to locate the requested chart"},
    {"password", 0, HC_OPT_STRING, O(password),
     .help = "chart repository password where to locate the requested chart"},
    {0},
};
#undef O

const struct hc_command hc_cmd_push = {
    .use = "push [chart] [remote]",
    .summary = "push a chart to remote",
    .description = "\n"
                   "Upload a packaged chart to an OCI registry (oci://host/path).\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_MIN,
    .nargs = 2,
    .options = push_options,
    .options_size = sizeof(struct push_opts),
};
