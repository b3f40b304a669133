/*
 * cmd_verify.c - `helmc verify PATH`: check a packaged chart's signature.
 *
 * Mirrors helm's pkg/cmd/verify.go.  Not implemented yet.
 */
#include "cli/cli.h"

#include <stddef.h>

struct verify_opts {
    const char *keyring;
};

static const struct hc_option verify_options[] = {
    {"keyring", 0, HC_OPT_STRING, offsetof(struct verify_opts, keyring),
     .help = "keyring containing public keys"},
    {0},
};

static void verify_init(struct hc_cli *cli, void *opts)
{
    ((struct verify_opts *)opts)->keyring = hc_cli_default_keyring(cli);
}

const struct hc_command hc_cmd_verify = {
    .use = "verify PATH",
    .summary = "verify that a chart at the given path has been signed and is valid",
    .description = "\n"
                   "Check that a packaged chart has a provenance file, that the file is signed\n"
                   "by a key in the keyring, and that the chart matches it.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = verify_options,
    .options_size = sizeof(struct verify_opts),
    .init = verify_init,
};
