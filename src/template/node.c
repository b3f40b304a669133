/*
 * node.c - prints parse-tree nodes back as template text and locates them.
 * Mirrors the String()/writeTo methods of text/template/parse/node.go and
 * Tree.ErrorContext in parse.go.
 *
 * Printing is exactly Go's: strings as written (quotes and escapes kept),
 * numbers as their text, text nodes raw (Go's textFormat "%s"), template
 * names re-quoted with strconv.Quote.  The output is template text that
 * parses back to an equivalent tree.  Recursion follows the tree, whose depth
 * the parser bounds.
 */
#include "template/node.h"

#include <string.h>

#include "template/runes.h"

static void print_node(struct hc_buf *b, const struct hc_node *n, bool quote_text);

static void print_idents(struct hc_buf *b, const struct hc_tstr *ids, uint32_t n, bool lead_dot)
{
    for (uint32_t i = 0; i < n; i++) {
        if (i > 0 || lead_dot)
            hc_buf_addc(b, '.');
        hc_buf_add(b, ids[i].s, ids[i].len);
    }
}

/* PipeNode.writeTo */
static void print_pipe(struct hc_buf *b, const struct hc_node *p, bool quote_text)
{
    const struct hc_node_pipe *pp = &p->u.pipe;
    if (pp->ndecl > 0) {
        for (uint32_t i = 0; i < pp->ndecl; i++) {
            if (i > 0)
                hc_buf_adds(b, ", ");
            print_node(b, pp->decl[i], quote_text);
        }
        hc_buf_adds(b, pp->is_assign ? " = " : " := ");
    }
    for (uint32_t i = 0; i < pp->ncmds; i++) {
        if (i > 0)
            hc_buf_adds(b, " | ");
        print_node(b, pp->cmds[i], quote_text);
    }
}

/* BranchNode.writeTo */
static void print_branch(struct hc_buf *b, const struct hc_node *n, const char *name,
                         bool quote_text)
{
    hc_buf_adds(b, "{{");
    hc_buf_adds(b, name);
    hc_buf_addc(b, ' ');
    print_pipe(b, n->u.branch.pipe, quote_text);
    hc_buf_adds(b, "}}");
    print_node(b, n->u.branch.list, quote_text);
    if (n->u.branch.else_list) {
        hc_buf_adds(b, "{{else}}");
        print_node(b, n->u.branch.else_list, quote_text);
    }
    hc_buf_adds(b, "{{end}}");
}

static void print_node(struct hc_buf *b, const struct hc_node *n, bool quote_text)
{
    switch (n->type) {
    case HC_NODE_TEXT:
        if (quote_text)
            hc_rune_quote(b, n->u.text.s, n->u.text.len);
        else
            hc_buf_add(b, n->u.text.s, n->u.text.len);
        break;
    case HC_NODE_COMMENT:
        hc_buf_adds(b, "{{");
        hc_buf_add(b, n->u.text.s, n->u.text.len);
        hc_buf_adds(b, "}}");
        break;
    case HC_NODE_LIST:
        for (uint32_t i = 0; i < n->u.list.len; i++)
            print_node(b, n->u.list.nodes[i], quote_text);
        break;
    case HC_NODE_PIPE:
        print_pipe(b, n, quote_text);
        break;
    case HC_NODE_ACTION:
        hc_buf_adds(b, "{{");
        print_pipe(b, n->u.action_pipe, quote_text);
        hc_buf_adds(b, "}}");
        break;
    case HC_NODE_COMMAND:
        for (uint32_t i = 0; i < n->u.cmd.nargs; i++) {
            const struct hc_node *arg = n->u.cmd.args[i];
            if (i > 0)
                hc_buf_addc(b, ' ');
            if (arg->type == HC_NODE_PIPE) {
                hc_buf_addc(b, '(');
                print_pipe(b, arg, quote_text);
                hc_buf_addc(b, ')');
            } else {
                print_node(b, arg, quote_text);
            }
        }
        break;
    case HC_NODE_IDENTIFIER:
        hc_buf_add(b, n->u.ident.name.s, n->u.ident.name.len);
        break;
    case HC_NODE_VARIABLE:
        print_idents(b, n->u.field.idents, n->u.field.n, false);
        break;
    case HC_NODE_DOT:
        hc_buf_addc(b, '.');
        break;
    case HC_NODE_NIL:
        hc_buf_adds(b, "nil");
        break;
    case HC_NODE_FIELD:
        print_idents(b, n->u.field.idents, n->u.field.n, true);
        break;
    case HC_NODE_CHAIN:
        if (n->u.chain.node->type == HC_NODE_PIPE) {
            hc_buf_addc(b, '(');
            print_pipe(b, n->u.chain.node, quote_text);
            hc_buf_addc(b, ')');
        } else {
            print_node(b, n->u.chain.node, quote_text);
        }
        print_idents(b, n->u.chain.fields, n->u.chain.n, true);
        break;
    case HC_NODE_BOOL:
        hc_buf_adds(b, n->u.boolean ? "true" : "false");
        break;
    case HC_NODE_NUMBER:
        hc_buf_add(b, n->u.number->text.s, n->u.number->text.len);
        break;
    case HC_NODE_STRING:
        hc_buf_add(b, n->u.string.quoted.s, n->u.string.quoted.len);
        break;
    case HC_NODE_END:
        hc_buf_adds(b, "{{end}}");
        break;
    case HC_NODE_ELSE:
        hc_buf_adds(b, "{{else}}");
        break;
    case HC_NODE_IF:
        print_branch(b, n, "if", quote_text);
        break;
    case HC_NODE_RANGE:
        print_branch(b, n, "range", quote_text);
        break;
    case HC_NODE_WITH:
        print_branch(b, n, "with", quote_text);
        break;
    case HC_NODE_BREAK:
        hc_buf_adds(b, "{{break}}");
        break;
    case HC_NODE_CONTINUE:
        hc_buf_adds(b, "{{continue}}");
        break;
    case HC_NODE_TEMPLATE:
        hc_buf_adds(b, "{{template ");
        hc_rune_quote(b, n->u.tmpl.name.s, n->u.tmpl.name.len);
        if (n->u.tmpl.pipe) {
            hc_buf_addc(b, ' ');
            print_pipe(b, n->u.tmpl.pipe, quote_text);
        }
        hc_buf_adds(b, "}}");
        break;
    default:
        break;
    }
}

void hc_node_print(struct hc_buf *b, const struct hc_node *n)
{
    print_node(b, n, false);
}

void hc_node_print_quoted(struct hc_buf *b, const struct hc_node *n)
{
    print_node(b, n, true);
}

void hc_node_location(struct hc_buf *b, const struct hc_node *n)
{
    const struct hc_tree *t = n->tree;
    size_t pos = n->pos <= t->text_len ? n->pos : t->text_len;
    size_t line = 1, col = pos;
    for (size_t i = 0; i < pos; i++) {
        if (t->text[i] == '\n') {
            line++;
            col = pos - (i + 1); /* bytes after the newline */
        }
    }
    hc_buf_add(b, t->parse_name.s, t->parse_name.len);
    hc_buf_printf(b, ":%zu:%zu", line, col);
}
