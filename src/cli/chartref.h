/* chartref.h - the chart a command names: located as helm's LocateChart does, then loaded. */
#ifndef HC_CLI_CHARTREF_H
#define HC_CLI_CHARTREF_H

#include "cli/cli.h"
#include "helmc/error.h"
#include "helmc/value.h"

struct hc_chart;

/*
 * LocateChart for a local chart: arg with surrounding white space removed,
 * when that path exists (*path, in cli's arena); otherwise helm's errors
 * ("path \"./x\" not found", "non-absolute URLs should be in form of
 * repo_name/path_to_chart, got: x"), and a usage error for repository
 * references, which are not supported yet.
 */
hc_status hc_cli_locate_chart(struct hc_cli *cli, const char *arg, const char **path,
                              struct hc_error *err);

/* Loads the chart at path: an archive when it is a file, else a directory. */
hc_status hc_cli_load_chart(const char *path, struct hc_chart **chart, struct hc_error *err);

struct hc_values_opts;

/*
 * values.Options.MergeValues: the -f files merged in order, then --set-json,
 * --set, --set-string, --set-file and --set-literal, into a map in cli's
 * arena, with helm's error messages.
 */
hc_status hc_cli_merge_values(struct hc_cli *cli, const struct hc_values_opts *v, hc_val *out,
                              struct hc_error *err);

#endif
