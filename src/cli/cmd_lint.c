/*
 * cmd_lint.c - `helmc lint PATH`: check charts for problems.
 *
 * Mirrors helm's pkg/cmd/lint.go.  Not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

struct lint_opts {
    struct hc_values_opts values;
    const char *kube_version;
    bool strict, with_subcharts, quiet, skip_schema_validation;
};

#define T    struct lint_opts
#define O(f) offsetof(T, f)
static const struct hc_option lint_options[] = {
    {"strict", 0, HC_OPT_BOOL, O(strict), .help = "fail on lint warnings"},
    {"with-subcharts", 0, HC_OPT_BOOL, O(with_subcharts), .help = "lint dependent charts"},
    {"quiet", 0, HC_OPT_BOOL, O(quiet), .help = "print only warnings and errors"},
    {"skip-schema-validation", 0, HC_OPT_BOOL, O(skip_schema_validation),
     .help = "if set, disables JSON schema validation"},
    {"kube-version", 0, HC_OPT_STRING, O(kube_version),
     .help = "Kubernetes version used for capabilities and deprecation checks"},
    HC_VALUES_OPTIONS(T, values),
    {0},
};
#undef O
#undef T

const struct hc_command hc_cmd_lint = {
    .use = "lint PATH",
    .summary = "examine a chart for possible issues",
    .description = "\n"
                   "Run checks on charts: that they load, render and follow the chart\n"
                   "conventions.  Problems that make a chart fail to install are errors,\n"
                   "deviations from convention are warnings (errors too with --strict).\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_MIN,
    .nargs = 1,
    .options = lint_options,
    .options_size = sizeof(struct lint_opts),
};
