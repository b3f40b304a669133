/*
 * cmd_test.c - `helmc test [RELEASE]`: run a release's tests.
 *
 * Mirrors helm's pkg/cmd/release_testing.go.  Not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

struct test_opts {
    int64_t timeout;
    bool logs;
    struct hc_strlist filter;
};

#define T    struct test_opts
#define O(f) offsetof(T, f)
static const struct hc_option test_options[] = {
    {"timeout", 0, HC_OPT_DURATION, O(timeout),
     .help = "time to wait for any individual Kubernetes operation (like Jobs for hooks)",
     .def = "5m0s"},
    {"logs", 0, HC_OPT_BOOL, O(logs),
     .help = "dump the logs from test pods (this runs after all tests are complete, but before any "
             "cleanup)"},
    {"filter", 0, HC_OPT_STRING_SLICE, O(filter),
     .help = "specify tests by attribute (currently \"name\") using attribute=value syntax or "
             "'!attribute=value' to exclude a test (can specify multiple or separate values with "
             "commas: name=test1,name=test2)"},
    {0},
};
#undef O
#undef T

const struct hc_command hc_cmd_test = {
    .use = "test [RELEASE]",
    .summary = "run tests for a release",
    .description = "\n"
                   "Run the tests a release's chart defines (its test hooks).\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = test_options,
    .options_size = sizeof(struct test_opts),
};
