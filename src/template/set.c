/*
 * set.c - a template set: named parse trees sharing their {{define}}s.
 * Mirrors text/template's Template.Parse, AddParseTree and associate
 * (template.go): each parse adds the text's own tree and its defines; a
 * later definition replaces an earlier one of the same name, except that an
 * empty tree never replaces an existing one.
 *
 * Invariant: the map holds only complete trees whose text, names and nodes
 * live in the set's arena; a failed parse leaves the map as it was (its
 * garbage stays in the arena until the set is freed).
 */
#include "helmc/template.h"

#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "template/func.h"
#include "template/parse.h"

struct hc_tmpl_set {
    const struct hc_funcset *funcs;
    const struct hc_tmpl_set *parent; /* lookups fall back to it (a clone's origin) */
    struct hc_arena arena;            /* texts, names, trees */
    struct hc_tree_map map;           /* name -> tree */
};

struct hc_tmpl_set *hc_tmpl_set_new(const struct hc_funcset *funcs, size_t arena_limit)
{
    struct hc_tmpl_set *set = hc_calloc(1, sizeof *set);
    if (!set)
        return NULL;
    set->funcs = funcs;
    hc_arena_init(&set->arena, arena_limit);
    return set;
}

struct hc_tmpl_set *hc_tmpl_set_new_child(const struct hc_tmpl_set *parent, size_t arena_limit)
{
    struct hc_tmpl_set *set = hc_tmpl_set_new(parent->funcs, arena_limit);
    if (set)
        set->parent = parent;
    return set;
}

void hc_tmpl_set_free(struct hc_tmpl_set *set)
{
    if (!set)
        return;
    hc_tree_map_release(&set->map);
    hc_arena_free(&set->arena);
    hc_free(set);
}

const struct hc_tree *hc_tmpl_lookup(const struct hc_tmpl_set *set, const char *name, size_t len)
{
    for (; set; set = set->parent) {
        const struct hc_tree *t = hc_tree_map_get(&set->map, name, len);
        if (t)
            return t;
    }
    return NULL;
}

static hc_status parse_text(struct hc_tmpl_set *set, const char *name, const char *text,
                            size_t len, bool copy, struct hc_error *err)
{
    size_t name_len = strlen(name);
    char *name_copy = hc_arena_strndup(&set->arena, name, name_len);
    const char *text_copy = text;
    if (copy || !text) {
        char *t = hc_arena_alloc(&set->arena, len ? len : 1);
        if (t && len)
            memcpy(t, text, len);
        text_copy = t;
    }
    if (!name_copy || !text_copy)
        return hc_error_nomem(err);

    struct hc_tree_map trees = {NULL, 0, 0};
    hc_status rc =
        hc_parse(&set->arena, set->funcs, 0, name_copy, name_len, text_copy, len, &trees, err);
    if (rc == HC_OK && !hc_tree_map_reserve(&set->map, trees.count))
        rc = hc_error_nomem(err);
    if (rc == HC_OK) {
        /* AddParseTree for each tree: associate unless it is empty and the
         * name already has a tree (here or in the parent). */
        for (uint32_t i = 0; i < trees.cap; i++) {
            struct hc_tree *t = trees.slots[i].tree;
            if (!t)
                continue;
            if (hc_tree_is_empty(t->root) && hc_tmpl_lookup(set, t->name.s, t->name.len))
                continue;
            hc_tree_map_put(&set->map, t); /* cannot fail after the reserve */
        }
    }
    hc_tree_map_release(&trees);
    return rc;
}

hc_status hc_tmpl_parse(struct hc_tmpl_set *set, const char *name, const char *text, size_t len,
                        struct hc_error *err)
{
    return parse_text(set, name, text, len, true, err);
}

hc_status hc_tmpl_parse_borrowed(struct hc_tmpl_set *set, const char *name, const char *text,
                                 size_t len, struct hc_error *err)
{
    return parse_text(set, name, text, len, false, err);
}
