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
#include "base/pool.h"
#include "base/threads.h"
#include "template/func.h"
#include "template/parse.h"

struct hc_tmpl_set {
    const struct hc_funcset *funcs;
    const struct hc_tmpl_set *parent; /* lookups fall back to it (a clone's origin) */
    struct hc_arena arena;            /* texts, names, trees */
    struct hc_tree_map map;           /* name -> tree */
    struct hc_arena *more;            /* trees parsed on worker threads (parse_all) */
    size_t nmore;
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
    for (size_t i = 0; i < set->nmore; i++)
        hc_arena_free(&set->more[i]);
    hc_free(set->more);
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

/*
 * AddParseTree for each tree of one parse: associate unless it is empty and the name
 * already has a tree (here or in the parent).  Names are unique within one parse.
 */
static hc_status add_trees(struct hc_tmpl_set *set, const struct hc_tree_map *trees,
                           struct hc_error *err)
{
    if (!hc_tree_map_reserve(&set->map, trees->count))
        return hc_error_nomem(err);
    for (uint32_t i = 0; i < trees->cap; i++) {
        struct hc_tree *t = trees->slots[i].tree;
        if (!t)
            continue;
        if (hc_tree_is_empty(t->root) && hc_tmpl_lookup(set, t->name.s, t->name.len))
            continue;
        hc_tree_map_put(&set->map, t); /* cannot fail after the reserve */
    }
    return HC_OK;
}

/* Parses one text into trees whose nodes and name live in arena a. */
static hc_status parse_into(struct hc_arena *a, const struct hc_funcset *funcs, const char *name,
                            const char *text, size_t len, bool copy, struct hc_tree_map *trees,
                            struct hc_error *err)
{
    size_t name_len = strlen(name);
    char *name_copy = hc_arena_strndup(a, name, name_len);
    const char *text_copy = text;
    if (copy || !text) {
        char *t = hc_arena_alloc(a, len ? len : 1);
        if (t && len)
            memcpy(t, text, len);
        text_copy = t;
    }
    if (!name_copy || !text_copy)
        return hc_error_nomem(err);
    return hc_parse(a, funcs, 0, name_copy, name_len, text_copy, len, trees, err);
}

static hc_status parse_text(struct hc_tmpl_set *set, const char *name, const char *text,
                            size_t len, bool copy, struct hc_error *err)
{
    struct hc_tree_map trees = {NULL, 0, 0};
    hc_status rc = parse_into(&set->arena, set->funcs, name, text, len, copy, &trees, err);
    if (rc == HC_OK)
        rc = add_trees(set, &trees, err);
    hc_tree_map_release(&trees);
    return rc;
}

hc_status hc_tmpl_parse(struct hc_tmpl_set *set, const char *name, const char *text, size_t len,
                        struct hc_error *err)
{
    return parse_text(set, name, text, len, true, err);
}


/* ---- many texts at once, parsed on worker threads ---- */

#define PARALLEL_MIN_BYTES  (64u * 1024) /* less than this is parsed on the calling thread */
#define MAX_PARSE_THREADS   8

struct parse_result {
    struct hc_tree_map trees;
    hc_status rc;
    struct hc_error err;
};

struct parse_pool {
    struct hc_tmpl_set *set;
    const struct hc_tmpl_source *src;
    struct parse_result *res;
    struct hc_arena *arenas; /* one per worker */
};

/* hc_pool_fn: parses source i into the worker's arena; every source is parsed. */
static bool parse_one(void *ctx, unsigned worker, size_t i)
{
    struct parse_pool *p = ctx;
    struct parse_result *r = &p->res[i];
    hc_error_init(&r->err);
    r->rc = parse_into(&p->arenas[worker], p->set->funcs, p->src[i].name, p->src[i].text,
                       p->src[i].len, false, &r->trees, &r->err);
    return true;
}

static unsigned parse_threads(const struct hc_tmpl_source *src, size_t n)
{
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += src[i].len;
    if (bytes < PARALLEL_MIN_BYTES || n < 4)
        return 1;
    return hc_threads(MAX_PARSE_THREADS);
}

hc_status hc_tmpl_parse_borrowed_all(struct hc_tmpl_set *set, const struct hc_tmpl_source *src,
                                     size_t n, size_t *failed, struct hc_error *err)
{
    *failed = n;
    unsigned nthreads = parse_threads(src, n);
    struct hc_arena *arenas = NULL;
    struct parse_result *res = NULL;
    if (nthreads > 1) {
        res = hc_calloc(n, sizeof *res);
        struct hc_arena *grown = hc_realloc(set->more, (set->nmore + nthreads) * sizeof *grown);
        if (grown)
            set->more = grown;
        if (!res || !grown) {
            hc_free(res);
            nthreads = 1;
        } else {
            arenas = set->more + set->nmore;
            for (unsigned t = 0; t < nthreads; t++)
                hc_arena_init(&arenas[t], set->arena.limit);
            set->nmore += nthreads;
        }
    }
    if (nthreads == 1) { /* one after another, text borrowed */
        for (size_t i = 0; i < n; i++) {
            hc_status rc = parse_text(set, src[i].name, src[i].text, src[i].len, false, err);
            if (rc != HC_OK) {
                *failed = i;
                return rc;
            }
        }
        return HC_OK;
    }
    struct parse_pool pool = {.set = set, .src = src, .res = res, .arenas = arenas};
    hc_pool_run(n, nthreads, parse_one, &pool);
    /* the trees join the set in source order; the first failure in that order wins */
    hc_status rc = HC_OK;
    for (size_t i = 0; i < n; i++) {
        if (rc == HC_OK) {
            rc = res[i].rc;
            if (rc != HC_OK) {
                hc_error_move(err, &res[i].err);
                *failed = i;
            } else {
                rc = add_trees(set, &res[i].trees, err);
                if (rc != HC_OK)
                    *failed = i;
            }
        }
        hc_error_release(&res[i].err);
        hc_tree_map_release(&res[i].trees);
    }
    hc_free(res);
    return rc;
}
