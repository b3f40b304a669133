/*
 * deps.h - `dependency update|build` as other commands run it (package --dependency-update).
 */
#ifndef HC_CLI_DEPS_H
#define HC_CLI_DEPS_H

#include <stdbool.h>

#include "cli/cli.h"
#include "helmc/dependency.h"

/*
 * The flags of helm's addDependencySubcommandFlags that act here (the credentials and TLS
 * ones are for OCI registries, not supported yet; repositories use repositories.yaml's).
 */
struct hc_cli_dep_flags {
    bool verify, skip_refresh;
    bool quiet; /* discard the progress lines (package --dependency-update's io.Discard) */
};

/*
 * Runs Manager.Update (or Build) on the chart directory with the global repository
 * settings, printing helm's progress lines on cli->out (also when it fails) unless
 * f->quiet.
 */
hc_status hc_cli_dep_run(struct hc_cli *cli, const char *chart, bool build,
                         const struct hc_cli_dep_flags *f, struct hc_error *err);

#endif
