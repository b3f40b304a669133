/*
 * template.h - Go text/template for helmc: parse named templates into a set
 * that shares {{define}}d templates, then execute one of them.
 *
 * Mirrors text/template's Template (template.go): a set is Go's group of
 * associated templates.  Parsing a text adds the text's own template under
 * its name and every {{define}} inside it; a later definition replaces an
 * earlier one, except that an empty body never replaces a non-empty one (Go's
 * rule).  Parsed trees are immutable: any number of executions may share a
 * set, each with its own arena and output buffer.
 */
#ifndef HELMC_TEMPLATE_H
#define HELMC_TEMPLATE_H

#include <stddef.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_tmpl_set;
struct hc_funcset;
struct hc_tree;
struct hc_arena;
struct hc_buf;

/*
 * A new empty set whose templates may call the functions in funcs (borrowed;
 * must outlive the set).  arena_limit bounds the memory of parsed trees
 * (0 = none).  NULL when out of memory.
 */
struct hc_tmpl_set *hc_tmpl_set_new(const struct hc_funcset *funcs, size_t arena_limit);
/*
 * A new empty set layered over parent (borrowed; must outlive the child and
 * stay unchanged while it lives), with parent's functions: lookups fall back
 * to parent, parsing adds to the child only.  Behaves as Go's Clone of parent
 * (Helm's tpl parses into a clone), without copying.  NULL when out of memory.
 */
struct hc_tmpl_set *hc_tmpl_set_new_child(const struct hc_tmpl_set *parent, size_t arena_limit);
/* Frees the set and every tree parsed into it (not its parent). */
void hc_tmpl_set_free(struct hc_tmpl_set *set);

/*
 * Parses text[0..len) as the template `name` and adds it and its defines to
 * the set.  The text is copied.  On a parse error nothing is added and err
 * holds Go's message ("template: NAME:LINE: unexpected EOF", ...), with
 * err->pos.file the name (a copy owned by the set) and err->pos.line the
 * line.  Helm rewords it (cleanupParseError) as "parse error at (T1): TN"
 * where T1 and TN are the second and the last of the message's parts split
 * at ": ", usually NAME:LINE and Go's innermost text.  HC_ERR_NOMEM when out
 * of memory or over the arena limit.
 */
hc_status hc_tmpl_parse(struct hc_tmpl_set *set, const char *name, const char *text, size_t len,
                        struct hc_error *err);

/* One text for hc_tmpl_parse_borrowed_all. */
struct hc_tmpl_source {
    const char *name;
    const char *text;
    size_t len;
};

/*
 * As hc_tmpl_parse on src[0], src[1], ... in turn, but the set keeps pointers into the
 * texts instead of copies (they must stay unchanged until the set is freed: a chart's
 * files, which outlive a render), and the parsing is spread over
 * worker threads when there is much text: the trees join the set in source order, so
 * later definitions win as before.  On failure *failed is the index of the first source
 * (in order) that failed, err its error, and the sources before it are in the set;
 * otherwise *failed is n.
 */
hc_status hc_tmpl_parse_borrowed_all(struct hc_tmpl_set *set, const struct hc_tmpl_source *src,
                                     size_t n, size_t *failed, struct hc_error *err);

/* The tree of template `name`, or NULL. */
const struct hc_tree *hc_tmpl_lookup(const struct hc_tmpl_set *set, const char *name, size_t len);

enum hc_missing_key {
    HC_MISSINGKEY_INVALID, /* Go's default: a missing key gives the invalid value */
    HC_MISSINGKEY_ZERO,    /* missingkey=zero (Helm's non-strict mode) */
    HC_MISSINGKEY_ERROR    /* missingkey=error (Helm's --strict lint) */
};

struct hc_exec_opts {
    enum hc_missing_key missing_key;
    size_t max_output;     /* ceiling on bytes written; 0 = none */
    size_t max_depth;      /* nested template calls; 0 = Go's 100000 */
    void *user;            /* handed to functions as hc_call.user */
    const char *name;      /* the set's name, for Go's "no template %q associated with
                              template %q" (Helm: "gotpl"); NULL = "" */
    size_t max_stack;      /* C stack bytes an execution may use, nested ones included;
                              0 = 4 MiB.  Past it: "exceeded maximum template depth" */
    size_t max_steps;      /* nodes an execution may walk (range iterations count), nested
                              executions each on their own; 0 = no limit (Go has none) */
};

/*
 * Executes template `name` with dot as data, appending output to out and
 * allocating computed values in arena (which may hold the render's mutable
 * copy of the values).  On failure err holds Go's message
 * ("template: NAME:LINE:COL: executing \"NAME\" at <NODE>: MSG") and out holds
 * whatever was written before the failure.  opts may be NULL (Go's defaults:
 * missingkey=invalid, no ceilings).  Failures: HC_ERR_EXEC (Go's errors),
 * HC_ERR_LIMIT (a ceiling of opts), HC_ERR_NOMEM (memory, the arena's limit).
 */
hc_status hc_tmpl_execute(const struct hc_tmpl_set *set, const char *name, size_t len, hc_val dot,
                          struct hc_arena *arena, const struct hc_exec_opts *opts,
                          struct hc_buf *out, struct hc_error *err);

#endif
