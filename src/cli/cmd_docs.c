/*
 * cmd_docs.c - `helmc docs`: helm's hidden documentation generator.
 *
 * Mirrors helm's pkg/cmd/docs.go (hidden, as there).  Not implemented yet.
 */
#include "cli/cli.h"

#include <stddef.h>

struct docs_opts {
    const char *dir, *type;
    bool generate_headers;
};

#define O(f) offsetof(struct docs_opts, f)
static const struct hc_option docs_options[] = {
    {"dir", 0, HC_OPT_STRING, O(dir), .help = "directory to which documentation is written",
     .def = "./"},
    {"type", 0, HC_OPT_STRING, O(type),
     .help = "the type of documentation to generate (markdown, man, bash)", .def = "markdown"},
    {"generate-headers", 0, HC_OPT_BOOL, O(generate_headers),
     .help = "generate standard headers for markdown files"},
    {0},
};
#undef O

const struct hc_command hc_cmd_docs = {
    .use = "docs",
    .summary = "generate documentation as markdown or man pages",
    .description = "\n"
                   "Write helmc's command reference as Markdown or man pages.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_NONE,
    .options = docs_options,
    .options_size = sizeof(struct docs_opts),
    .flags = HC_CMD_HIDDEN,
};
