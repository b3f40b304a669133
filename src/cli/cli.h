/*
 * cli.h - the command-line tool's internal interface (src/cli only).
 */
#ifndef HC_CLI_H
#define HC_CLI_H

/* "v0.1.0": the tool's version. */
const char *hc_cli_version(void);

#endif
