/*
 * fuzz_template_parse.c - libFuzzer target for the template parser.
 *
 * Parses the input as a template text (at most 64 KiB, trees in an arena of
 * at most 16 MiB) with a small function set, then checks what must hold for
 * every successful parse: each tree prints back (Go's String()) to text that
 * parses again and prints the same, and every list node can be located.  The
 * one known exception is printed text holding "{{{": a trimmed "{ {{- x}}"
 * prints as "{{{x}}", which Go cannot reparse either.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#include "base/arena.h"
#include "base/buf.h"
#include "template/func.h"
#include "template/node.h"
#include "template/parse.h"

#define MAX_INPUT   (64 * 1024)
#define ARENA_LIMIT (16u * 1024 * 1024)

static const struct hc_func rows[] = {
    {"and",     NULL, "a*",  HC_FN_SPECIAL},
    {"eq",      NULL, "a*",  0            },
    {"include", NULL, "sa",  0            },
    {"index",   NULL, "a*",  0            },
    {"len",     NULL, "a",   0            },
    {"not",     NULL, "a",   0            },
    {"or",      NULL, "a*",  HC_FN_SPECIAL},
    {"print",   NULL, "a*",  0            },
    {"printf",  NULL, "sa*", 0            },
    {"quote",   NULL, "a*",  0            },
    {"toYaml",  NULL, "a",   0            },
    {"tpl",     NULL, "sa",  0            },
};

static struct hc_funcset funcs;
static int funcs_ready;

/* The printed text holds "{{{" (it may hold NULs, so no strstr). */
static int has_triple_brace(const struct hc_buf *b)
{
    for (size_t i = 0; i + 2 < b->len; i++)
        if (b->data[i] == '{' && b->data[i + 1] == '{' && b->data[i + 2] == '{')
            return 1;
    return 0;
}

/*
 * A text node starting or ending with a brace: printed next to a neighbour (a comment
 * between them prints as nothing) it can spell a delimiter, "x{" + "{ else }}", and the
 * printed text then parses as another template.  Go's String() does the same; such
 * trees are not checked for a stable round trip.
 */
static int brace_edged_text(const struct hc_node *n, int depth)
{
    if (!n || depth > 200)
        return depth > 200;
    switch (n->type) {
    case HC_NODE_TEXT: {
        const struct hc_tstr *t = &n->u.text;
        return t->len && (t->s[0] == '{' || t->s[0] == '}' || t->s[t->len - 1] == '{' ||
                          t->s[t->len - 1] == '}');
    }
    case HC_NODE_LIST:
        for (uint32_t i = 0; i < n->u.list.len; i++)
            if (brace_edged_text(n->u.list.nodes[i], depth + 1))
                return 1;
        return 0;
    case HC_NODE_IF:
    case HC_NODE_RANGE:
    case HC_NODE_WITH:
        return brace_edged_text(n->u.branch.list, depth + 1) ||
               brace_edged_text(n->u.branch.else_list, depth + 1);
    default:
        return 0;
    }
}

static void print_tree(struct hc_buf *b, const struct hc_tree *t)
{
    hc_buf_reset(b);
    if (t->root)
        hc_node_print(b, t->root);
}

/* Reparses the printed text of t and checks it prints the same. */
static void check_round_trip(const struct hc_tree *t)
{
    struct hc_buf once = HC_BUF_INIT, twice = HC_BUF_INIT, where = HC_BUF_INIT;
    print_tree(&once, t);
    if (t->root)
        hc_node_location(&where, t->root);
    (void)hc_tree_is_empty(t->root);
    if (!hc_buf_ok(&once) || has_triple_brace(&once) || brace_edged_text(t->root, 0)) {
        hc_buf_release(&once);
        hc_buf_release(&where);
        return;
    }
    struct hc_arena arena;
    hc_arena_init(&arena, ARENA_LIMIT);
    struct hc_tree_map trees = {NULL, 0, 0};
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc =
        hc_parse(&arena, &funcs, 0, "again", 5, hc_buf_str(&once), once.len, &trees, &err);
    if (rc == HC_OK) {
        const struct hc_tree *again = hc_tree_map_get(&trees, "again", 5);
        if (again) {
            print_tree(&twice, again);
            if (once.len != twice.len || memcmp(hc_buf_str(&once), hc_buf_str(&twice), once.len))
                abort(); /* printing is not stable */
        } else if (once.len != 0 && !hc_tree_is_empty(t->root)) {
            abort(); /* a non-empty tree vanished */
        }
    } else if (rc != HC_ERR_NOMEM) {
        abort(); /* printed text that does not parse */
    }
    hc_error_release(&err);
    hc_tree_map_release(&trees);
    hc_arena_free(&arena);
    hc_buf_release(&once);
    hc_buf_release(&twice);
    hc_buf_release(&where);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    if (!funcs_ready) {
        const struct hc_func *tables[] = {rows};
        size_t counts[] = {sizeof rows / sizeof rows[0]};
        if (hc_funcset_build(&funcs, tables, counts, 1, NULL, 0, NULL) != HC_OK)
            return 0;
        funcs_ready = 1;
    }
    /* The text is copied so that reads past its end are caught. */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    struct hc_arena arena;
    hc_arena_init(&arena, ARENA_LIMIT);
    struct hc_tree_map trees = {NULL, 0, 0};
    struct hc_error err;
    hc_error_init(&err);
    if (hc_parse(&arena, &funcs, 0, "fuzz", 4, text, size, &trees, &err) == HC_OK) {
        for (uint32_t i = 0; i < trees.cap; i++)
            if (trees.slots[i].tree)
                check_round_trip(trees.slots[i].tree);
    } else if (err.code == HC_OK || !hc_error_msg(&err)[0]) {
        abort(); /* a failure must say why */
    }
    hc_error_release(&err);
    hc_tree_map_release(&trees);
    hc_arena_free(&arena);
    free(text);
    return 0;
}
