/*
 * release_cli.h - what the release commands (install, upgrade, rollback,
 * uninstall, history, status, get, list) share: the storage they open
 * (storage_open.c) and the way helm prints releases (release_out.c).
 */
#ifndef HC_CLI_RELEASE_CLI_H
#define HC_CLI_RELEASE_CLI_H

#include <stdbool.h>

#include "cli/cli.h"
#include "helmc/action.h"
#include "helmc/release.h"
#include "helmc/storage.h"

/* An open release storage: the driver --driver / $HELM_DRIVER names, and the action config. */
struct hc_cli_store {
    struct hc_storage_driver *driver;
    struct hc_storage store;
    struct hc_action_config cfg;
    const char *deploy_with; /* --deploy-with CMD, or NULL */
};

/*
 * Opens the driver: "file" (the default, under $HELMC_DATA_HOME, else
 * $XDG_DATA_HOME/helmc, else ~/.local/share/helmc), "memory" (loaded from
 * $HELM_MEMORY_DRIVER_DATA, nothing persisted), "sql" (not in this build
 * yet); helm's cluster drivers (secret, configmap) are refused.  history_max
 * is the pruning limit for writes.
 */
hc_status hc_cli_store_open(struct hc_cli *cli, int64_t history_max, struct hc_cli_store *s,
                            struct hc_error *err);
void hc_cli_store_close(struct hc_cli_store *s);
/* Runs deploys through `/bin/sh -c CMD` with the manifest on standard input. */
void hc_cli_store_deploy_with(struct hc_cli_store *s, const char *cmd);

/* cmdGetDryRunFlagStrategy(cmd, false): *dry is true for client or server. */
hc_status hc_cli_dry_run(struct hc_cli *cli, const char *v, bool *dry, struct hc_error *err);

/* Go's time.ANSIC ("Mon Jan _2 15:04:05 2006") in the stamp's own offset. */
void hc_cli_time_ansic(struct hc_buf *b, struct hc_stamp t);
/* Go's Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST". */
void hc_cli_time_string(struct hc_buf *b, struct hc_stamp t);

/* helm's formatChartName and formatAppVersion ("MISSING" without a chart). */
const char *hc_cli_chart_name(struct hc_cli *cli, const struct hc_release *r);
const char *hc_cli_app_version(struct hc_cli *cli, const struct hc_release *r);

/* A uitable: cells left-aligned, padded to their column's width, joined by tabs. */
struct hc_cli_table {
    const char **cells;
    size_t ncols, nrows, cap;
};
void hc_cli_table_row(struct hc_cli *cli, struct hc_cli_table *t, const char *const *cells);
/* output.EncodeTable: the rows, then a newline. */
void hc_cli_table_write(struct hc_cli *cli, struct hc_cli_table *t);

/* CoalesceValues(rel.Chart, rel.Config): the record's values over its chart's defaults. */
hc_status hc_cli_computed_values(struct hc_cli *cli, const struct hc_release *r, hc_val *out,
                                 struct hc_error *err);

/*
 * After an upgrade or rollback from base to target: the resources that left
 * the release (helm deletes them, or leaves them kept or orphaned), as
 * `helmc orphans` reports them, on stderr; nothing when there are none.
 * helm prints nothing of the kind, so stdout stays helm's.  A failure to
 * compute the report is a warning, never the command's error.
 */
void hc_cli_report_orphans(struct hc_cli *cli, const struct hc_action_config *cfg,
                           const struct hc_release *base, const struct hc_release *target);

/* statusPrinter.WriteTable. */
struct hc_cli_status_opts {
    bool show_metadata, hide_notes, debug;
};
hc_status hc_cli_print_status(struct hc_cli *cli, const struct hc_release *r,
                              const struct hc_cli_status_opts *o, struct hc_error *err);
/* The release as output.EncodeJSON / EncodeYAML write it (-o json|yaml). */
hc_status hc_cli_print_release(struct hc_cli *cli, const struct hc_release *r, const char *format,
                               struct hc_error *err);
/* Prints a value as output.EncodeJSON or EncodeYAML does. */
hc_status hc_cli_print_value(struct hc_cli *cli, hc_val v, const char *format,
                             struct hc_error *err);
/* What output.Write does for a format other than table: json, yaml (else false). */
bool hc_cli_format_is_data(const char *format);

struct hc_chart;
struct hc_values_opts;

/*
 * runInstall's preparation (shared by install and upgrade): locate the
 * chart, merge the values flags, load it, refuse library charts, warn about
 * deprecated ones, check its dependencies.  *chart is the caller's to free.
 */
hc_status hc_cli_release_chart(struct hc_cli *cli, const char *chart_arg,
                               const struct hc_values_opts *values, struct hc_chart **chart,
                               hc_val *vals, struct hc_error *err);

/* The --deploy-with row (ours, hidden so help stays helm's). */
#define HC_DEPLOY_WITH_OPTION(T, m)                                                                \
    {"deploy-with", 0, HC_OPT_STRING, offsetof(T, m),                                              \
     .help = "apply the manifest with this shell command (manifest on stdin)",                    \
     .flags = HC_OPT_HIDDEN}

#endif
