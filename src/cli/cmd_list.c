/*
 * cmd_list.c - `helmc list`: list releases.
 *
 * Mirrors helm's pkg/cmd/list.go.  Not implemented yet.
 */
#include "cli/flags.h"

#include <stddef.h>

struct list_opts {
    const char *time_format, *filter, *selector, *output;
    int64_t max, offset;
    bool short_, no_headers, date, reverse, uninstalled, superseded, uninstalling, deployed;
    bool failed, pending, all_namespaces;
};

#define T    struct list_opts
#define O(f) offsetof(T, f)
static const struct hc_option list_options[] = {
    {"short", 'q', HC_OPT_BOOL, O(short_), .help = "output short (quiet) listing format"},
    {"no-headers", 0, HC_OPT_BOOL, O(no_headers),
     .help = "don't print headers when using the default output format"},
    {"time-format", 0, HC_OPT_STRING, O(time_format),
     .help = "format time using golang time formatter. Example: --time-format \"2006-01-02 "
             "15:04:05Z0700\""},
    {"date", 'd', HC_OPT_BOOL, O(date), .help = "sort by release date"},
    {"reverse", 'r', HC_OPT_BOOL, O(reverse), .help = "reverse the sort order"},
    {"uninstalled", 0, HC_OPT_BOOL, O(uninstalled),
     .help = "show uninstalled releases (if 'helmc uninstall --keep-history' was used)"},
    {"superseded", 0, HC_OPT_BOOL, O(superseded), .help = "show superseded releases"},
    {"uninstalling", 0, HC_OPT_BOOL, O(uninstalling),
     .help = "show releases that are currently being uninstalled"},
    {"deployed", 0, HC_OPT_BOOL, O(deployed), .help = "show deployed releases"},
    {"failed", 0, HC_OPT_BOOL, O(failed), .help = "show failed releases"},
    {"pending", 0, HC_OPT_BOOL, O(pending), .help = "show pending releases"},
    {"all-namespaces", 'A', HC_OPT_BOOL, O(all_namespaces),
     .help = "list releases across all namespaces"},
    {"max", 'm', HC_OPT_INT, O(max), .help = "maximum number of releases to fetch", .def = "256"},
    {"offset", 0, HC_OPT_INT, O(offset),
     .help = "next release index in the list, used to offset from start value"},
    {"filter", 'f', HC_OPT_STRING, O(filter),
     .help =
         "a regular expression (Perl compatible). Any releases that match the expression will be "
         "included in the results"},
    {"selector", 'l', HC_OPT_STRING, O(selector),
     .help = "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
             "key1=value1,key2=value2). Works only for secret(default) and configmap storage "
             "backends."},
    HC_OUTPUT_OPTION(T, output),
    {0},
};
#undef O
#undef T

static const char *const list_aliases[] = {"ls", NULL};

const struct hc_command hc_cmd_list = {
    .use = "list",
    .aliases = list_aliases,
    .summary = "list releases",
    .description = "\n"
                   "List the releases of the current namespace (all namespaces with -A).\n"
                   "\n"
                   "Deployed and failed releases are shown unless status flags such as\n"
                   "--uninstalled or --pending choose others; --filter takes a regular\n"
                   "expression matched against release names.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_NONE,
    .options = list_options,
    .options_size = sizeof(struct list_opts),
};
