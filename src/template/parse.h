/*
 * parse.h - the parser of Go's text/template (text/template/parse/parse.go).
 *
 * hc_parse turns one template text into trees: the text's own template and
 * one per {{define}} and {{block}} inside it, as Go's parse.Parse fills its
 * treeSet.  Trees, nodes and their strings live in the caller's arena and
 * point into the text, which must live as long as the arena (the template
 * set keeps a copy).  Errors are Go's, word for word:
 * "template: NAME:LINE: MSG".
 */
#ifndef HC_TEMPLATE_PARSE_H
#define HC_TEMPLATE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "template/node.h"

struct hc_arena;
struct hc_funcset;

/* Go's parse.Mode flags. */
enum {
    HC_PARSE_COMMENTS = 1 << 0,        /* ParseComments: keep comments as COMMENT nodes */
    HC_PARSE_SKIP_FUNC_CHECK = 1 << 1, /* SkipFuncCheck: unknown identifiers are not errors */
};

/* A name -> tree map (Go's treeSet), open addressing, slots from malloc. */
struct hc_tree_map_slot {
    struct hc_tree *tree; /* NULL: empty slot; the key is tree->name */
    uint32_t hash;
};

struct hc_tree_map {
    struct hc_tree_map_slot *slots;
    uint32_t cap; /* 0 or a power of two */
    uint32_t count;
};

/* The tree named name[0..len), or NULL. */
struct hc_tree *hc_tree_map_get(const struct hc_tree_map *m, const char *name, size_t len);
/* Inserts or replaces the entry for tree->name.  false when out of memory. */
bool hc_tree_map_put(struct hc_tree_map *m, struct hc_tree *tree);
/* Makes room for extra more entries, so that as many puts cannot fail. */
bool hc_tree_map_reserve(struct hc_tree_map *m, uint32_t extra);
void hc_tree_map_release(struct hc_tree_map *m);

/*
 * Parses text[0..len) as the template `name` with the functions in funcs
 * (identifiers are resolved against it), adding the resulting trees to
 * tree_set with Go's rules (Tree.add): a name already present is replaced
 * only when its tree is empty; two non-empty definitions are an error.
 * name and text must already live in arena (or outlive it); len < 4 GiB.
 * On failure err holds Go's message, err->pos the name and line, and
 * tree_set may hold some of the trees (the caller discards it).
 */
hc_status hc_parse(struct hc_arena *arena, const struct hc_funcset *funcs, unsigned mode,
                   const char *name, size_t name_len, const char *text, size_t len,
                   struct hc_tree_map *tree_set, struct hc_error *err);

/* parse.IsEmptyTree: the node holds nothing but white space and comments. */
bool hc_tree_is_empty(const struct hc_node *n);

#endif
