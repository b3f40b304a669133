/*
 * flags.h - option groups several helm commands share, as rows to splice into tables.
 *
 * Mirrors helm's pkg/cmd/flags.go (addValueOptionsFlags, addChartPathOptionsFlags,
 * AddWaitFlag, bindOutputFlag, bindPostRenderFlag), helpers.go (addDryRunFlag) and
 * install.go's addInstallFlags.  Each macro takes the options struct type T and the member
 * m that holds the group's struct, so a command's table reads
 *     HC_VALUES_OPTIONS(struct lint_opts, values),
 * and the command gets the values in opts->values.files, opts->values.set, ...
 */
#ifndef HC_CLI_FLAGS_H
#define HC_CLI_FLAGS_H

#include <stddef.h>

#include "cli/cli.h"

/* -f/--values and the --set family (helm's values.Options). */
struct hc_values_opts {
    struct hc_strlist files;       /* -f, --values: comma-separated, repeatable */
    struct hc_strlist set;         /* --set */
    struct hc_strlist set_string;  /* --set-string */
    struct hc_strlist set_file;    /* --set-file */
    struct hc_strlist set_json;    /* --set-json */
    struct hc_strlist set_literal; /* --set-literal */
};

/* Where to find a chart (helm's action.ChartPathOptions). */
struct hc_chart_path_opts {
    const char *version, *keyring, *repo, *username, *password;
    const char *cert_file, *key_file, *ca_file;
    bool verify, insecure_skip_tls_verify, plain_http, pass_credentials;
};

/* The flags install, template and upgrade take for an install (addInstallFlags). */
struct hc_install_opts {
    bool create_namespace, force_replace, force_conflicts, server_side, no_hooks, replace;
    bool wait_for_jobs, generate_name, devel, dependency_update, disable_openapi_validation;
    bool rollback_on_failure, skip_crds, render_subchart_notes, skip_schema_validation;
    bool enable_dns, hide_notes, take_ownership;
    int64_t timeout; /* nanoseconds */
    const char *name_template, *description;
    const char *wait; /* watcher, hookOnly or legacy */
    struct hc_strmap labels;
    struct hc_values_opts values;
    struct hc_chart_path_opts chart;
};

/* --post-renderer and its arguments. */
struct hc_post_render_opts {
    const char *name;
    struct hc_strlist args;
};

/* Value checks of helm's own flag types. */
hc_opt_check_fn hc_check_wait, hc_check_output, hc_check_post_renderer;
/* Sets the keyring default of a struct hc_chart_path_opts (defaultKeyring()). */
void hc_chart_path_init(struct hc_cli *cli, struct hc_chart_path_opts *c);

/* The flag groups helm marks mutually exclusive on install, upgrade and template. */
#define HC_FORCE_EXCLUSIVE "force-replace force-conflicts", "force force-conflicts"

#define HC_OFF(T, m) offsetof(T, m)

/* clang-format off */

#define HC_VALUES_OPTIONS(T, m)                                                                    \
    {"values", 'f', HC_OPT_STRING_SLICE, HC_OFF(T, m.files),                                       \
     .help = "specify values in a YAML file or a URL (can specify multiple)"},                     \
    {"set", 0, HC_OPT_STRING_ARRAY, HC_OFF(T, m.set),                                              \
     .help = "set values on the command line (can specify multiple or separate values with "       \
     "commas: key1=val1,key2=val2)"},                                                              \
    {"set-string", 0, HC_OPT_STRING_ARRAY, HC_OFF(T, m.set_string),                                \
     .help = "set STRING values on the command line (can specify multiple or separate values "     \
     "with commas: key1=val1,key2=val2)"},                                                         \
    {"set-file", 0, HC_OPT_STRING_ARRAY, HC_OFF(T, m.set_file),                                    \
     .help = "set values from respective files specified via the command line (can specify "       \
     "multiple or separate values with commas: key1=path1,key2=path2)"},                           \
    {"set-json", 0, HC_OPT_STRING_ARRAY, HC_OFF(T, m.set_json),                                    \
     .help = "set JSON values on the command line (can specify multiple or separate values with "  \
     "commas: key1=jsonval1,key2=jsonval2 or using json format: {\"key1\": jsonval1, "             \
     "\"key2\": \"jsonval2\"})"},                                                                  \
    {"set-literal", 0, HC_OPT_STRING_ARRAY, HC_OFF(T, m.set_literal),                              \
     .help = "set a literal STRING value on the command line"}

/* The TLS and credential flags most chart-fetching commands share. */
#define HC_TLS_OPTIONS(T, m, what)                                                                 \
    {"username", 0, HC_OPT_STRING, HC_OFF(T, m.username),                                          \
     .help = "chart repository username where to locate the requested chart"},                     \
    {"password", 0, HC_OPT_STRING, HC_OFF(T, m.password),                                          \
     .help = "chart repository password where to locate the requested chart"},                     \
    {"cert-file", 0, HC_OPT_STRING, HC_OFF(T, m.cert_file),                                        \
     .help = "identify HTTPS client using this SSL certificate file"},                             \
    {"key-file", 0, HC_OPT_STRING, HC_OFF(T, m.key_file),                                          \
     .help = "identify HTTPS client using this SSL key file"},                                     \
    {"insecure-skip-tls-verify", 0, HC_OPT_BOOL, HC_OFF(T, m.insecure_skip_tls_verify),            \
     .help = "skip tls certificate checks for the " what},                                         \
    {"plain-http", 0, HC_OPT_BOOL, HC_OFF(T, m.plain_http),                                        \
     .help = "use insecure HTTP connections for the " what},                                       \
    {"ca-file", 0, HC_OPT_STRING, HC_OFF(T, m.ca_file),                                            \
     .help = "verify certificates of HTTPS-enabled servers using this CA bundle"}

#define HC_CHART_PATH_OPTIONS(T, m)                                                                \
    {"version", 0, HC_OPT_STRING, HC_OFF(T, m.version),                                            \
     .help = "specify a version constraint for the chart version to use. This constraint can "     \
     "be a specific tag (e.g. 1.1.1) or it may reference a valid range (e.g. ^2.0.0). "            \
     "If this is not specified, the latest version is used"},                                      \
    {"verify", 0, HC_OPT_BOOL, HC_OFF(T, m.verify), .help = "verify the package before using it"}, \
    {"keyring", 0, HC_OPT_STRING, HC_OFF(T, m.keyring),                                            \
     .help = "location of public keys used for verification"},                                     \
    {"repo", 0, HC_OPT_STRING, HC_OFF(T, m.repo),                                                  \
     .help = "chart repository url where to locate the requested chart"},                          \
    HC_TLS_OPTIONS(T, m, "chart download"),                                                        \
    {"pass-credentials", 0, HC_OPT_BOOL, HC_OFF(T, m.pass_credentials),                            \
     .help = "pass credentials to all domains"}

#define HC_WAIT_OPTION(T, m)                                                                       \
    {"wait", 0, HC_OPT_STRING, HC_OFF(T, m),                                                       \
     .help = "if specified, wait until resources are ready (up to --timeout). Values: 'watcher', " \
     "'hookOnly', and 'legacy'.",                                                                  \
     .def = "hookOnly", .noopt = "watcher", .type_name = "WaitStrategy",                           \
     .check = hc_check_wait, .flags = HC_OPT_CUSTOM}

#define HC_OUTPUT_OPTION(T, m)                                                                     \
    {"output", 'o', HC_OPT_STRING, HC_OFF(T, m),                                                   \
     .help = "prints the output in the specified format. Allowed values: table, json, yaml",       \
     .def = "table", .type_name = "format", .check = hc_check_output, .flags = HC_OPT_CUSTOM}

#define HC_DRY_RUN_OPTION(T, m)                                                                    \
    {"dry-run", 0, HC_OPT_STRING, HC_OFF(T, m),                                                    \
     .help = "simulates the operation without persisting changes. Must be one of: \"none\" "       \
     "(default), \"client\", or \"server\". '--dry-run=none' executes the operation "              \
     "normally and persists changes (no simulation). '--dry-run=client' simulates the "            \
     "operation client-side only and avoids cluster connections. '--dry-run=server' "              \
     "simulates the operation on the server, requiring cluster connectivity.",                     \
     .def = "none", .noopt = "unset"}

#define HC_POST_RENDER_OPTIONS(T, m)                                                               \
    {"post-renderer", 0, HC_OPT_STRING, HC_OFF(T, m.name),                                         \
     .help = "the name of a postrenderer type plugin to be used for post rendering. If it "        \
     "exists, the plugin will be used",                                                            \
     .type_name = "postRendererString", .check = hc_check_post_renderer,                           \
     .flags = HC_OPT_CUSTOM},                                                                      \
    {"post-renderer-args", 0, HC_OPT_STRING_ARRAY, HC_OFF(T, m.args),                              \
     .help = "an argument to the post-renderer (can specify multiple)",                            \
     .type_name = "postRendererArgsSlice", .flags = HC_OPT_CUSTOM}

/* addInstallFlags, less what install, template and upgrade add or word differently. */
#define HC_INSTALL_OPTIONS(T, m)                                                                   \
    {"create-namespace", 0, HC_OPT_BOOL, HC_OFF(T, m.create_namespace),                            \
     .help = "create the release namespace if not present"},                                       \
    {"force-replace", 0, HC_OPT_BOOL, HC_OFF(T, m.force_replace),                                  \
     .help = "force resource updates by replacement"},                                             \
    {"force", 0, HC_OPT_BOOL, HC_OFF(T, m.force_replace), .help = "deprecated",                    \
     .deprecated = "use --force-replace instead"},                                                 \
    {"force-conflicts", 0, HC_OPT_BOOL, HC_OFF(T, m.force_conflicts),                              \
     .help = "if set server-side apply will force changes against conflicts"},                     \
    {"server-side", 0, HC_OPT_BOOL, HC_OFF(T, m.server_side),                                      \
     .help = "object updates run in the server instead of the client", .def = "true"},             \
    {"no-hooks", 0, HC_OPT_BOOL, HC_OFF(T, m.no_hooks),                                            \
     .help = "prevent hooks from running during install"},                                         \
    {"replace", 0, HC_OPT_BOOL, HC_OFF(T, m.replace),                                              \
     .help = "reuse the given name, only if that name is a deleted release which remains in the "  \
     "history. This is unsafe in production"},                                                     \
    {"timeout", 0, HC_OPT_DURATION, HC_OFF(T, m.timeout),                                          \
     .help = "time to wait for any individual Kubernetes operation (like Jobs for hooks)",         \
     .def = "5m0s"},                                                                               \
    {"wait-for-jobs", 0, HC_OPT_BOOL, HC_OFF(T, m.wait_for_jobs),                                  \
     .help = "if set and --wait enabled, will wait until all Jobs have been completed before "     \
     "marking the release as successful. It will wait for as long as --timeout"},                  \
    {"generate-name", 'g', HC_OPT_BOOL, HC_OFF(T, m.generate_name),                                \
     .help = "generate the name (and omit the NAME parameter)"},                                   \
    {"name-template", 0, HC_OPT_STRING, HC_OFF(T, m.name_template),                                \
     .help = "specify template used to name the release"},                                         \
    {"description", 0, HC_OPT_STRING, HC_OFF(T, m.description),                                    \
     .help = "add a custom description"},                                                          \
    {"devel", 0, HC_OPT_BOOL, HC_OFF(T, m.devel),                                                  \
     .help = "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is "   \
     "set, this is ignored"},                                                                      \
    {"dependency-update", 0, HC_OPT_BOOL, HC_OFF(T, m.dependency_update),                          \
     .help = "update dependencies if they are missing before installing the chart"},               \
    {"disable-openapi-validation", 0, HC_OPT_BOOL, HC_OFF(T, m.disable_openapi_validation),        \
     .help = "if set, the installation process will not validate rendered templates against the "  \
     "Kubernetes OpenAPI Schema"},                                                                 \
    {"rollback-on-failure", 0, HC_OPT_BOOL, HC_OFF(T, m.rollback_on_failure),                      \
     .help = "if set, Helm will rollback (uninstall) the installation upon failure. The --wait "   \
     "flag will be default to \"watcher\" if --rollback-on-failure is set"},                       \
    {"atomic", 0, HC_OPT_BOOL, HC_OFF(T, m.rollback_on_failure), .help = "deprecated",             \
     .deprecated = "use --rollback-on-failure instead"},                                           \
    {"skip-crds", 0, HC_OPT_BOOL, HC_OFF(T, m.skip_crds),                                          \
     .help = "if set, no CRDs will be installed. By default, CRDs are installed if not already "   \
     "present"},                                                                                   \
    {"render-subchart-notes", 0, HC_OPT_BOOL, HC_OFF(T, m.render_subchart_notes),                  \
     .help = "if set, render subchart notes along with the parent"},                               \
    {"skip-schema-validation", 0, HC_OPT_BOOL, HC_OFF(T, m.skip_schema_validation),                \
     .help = "if set, disables JSON schema validation"},                                           \
    {"labels", 'l', HC_OPT_STRING_MAP, HC_OFF(T, m.labels),                                        \
     .help = "Labels that would be added to release metadata. Should be divided by comma."},       \
    {"enable-dns", 0, HC_OPT_BOOL, HC_OFF(T, m.enable_dns),                                        \
     .help = "enable DNS lookups when rendering templates"},                                       \
    {"hide-notes", 0, HC_OPT_BOOL, HC_OFF(T, m.hide_notes),                                        \
     .help = "if set, do not show notes in install output. Does not affect presence in chart "     \
     "metadata"},                                                                                  \
    {"take-ownership", 0, HC_OPT_BOOL, HC_OFF(T, m.take_ownership),                                \
     .help = "if set, install will ignore the check for helm annotations and take ownership of "   \
     "the existing resources"},                                                                    \
    HC_VALUES_OPTIONS(T, m.values), HC_CHART_PATH_OPTIONS(T, m.chart),                             \
    HC_WAIT_OPTION(T, m.wait)
/* clang-format on */

#endif
