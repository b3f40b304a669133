/* version.c - the version string compiled into the tool. */
#include "cli/cli.h"

const char *hc_cli_version(void)
{
    return "v" HELMC_VERSION;
}
