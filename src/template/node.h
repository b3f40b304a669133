/*
 * node.h - the parse tree of a Go text/template, node for node as Go's
 * text/template/parse/node.go defines it.
 *
 * A tree is built by parse.c and never changed afterwards: renders share it
 * (Go keeps execution state out of the template for the same reason).  All
 * nodes, their arrays and their strings live in the arena of the template set
 * that parsed them.  Every node keeps the byte offset (pos) of its first
 * character in its tree's source text, from which error messages compute
 * "name:line:col" as Go's ErrorContext does; node.c prints a node back as
 * template text (String() in Go), which errors quote as <NODE>.
 */
#ifndef HC_TEMPLATE_NODE_H
#define HC_TEMPLATE_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "helmc/value.h"

struct hc_tree;
struct hc_func;

enum hc_node_type {
    HC_NODE_TEXT,       /* plain text */
    HC_NODE_ACTION,     /* {{pipeline}} not inside a control structure's header */
    HC_NODE_BOOL,       /* true, false */
    HC_NODE_CHAIN,      /* (pipeline).Field1.Field2 or other-node.Field */
    HC_NODE_COMMAND,    /* one element of a pipeline */
    HC_NODE_DOT,        /* . */
    HC_NODE_ELSE,       /* {{else}}: only while parsing */
    HC_NODE_END,        /* {{end}}: only while parsing */
    HC_NODE_FIELD,      /* .Field1.Field2 */
    HC_NODE_IDENTIFIER, /* a function name */
    HC_NODE_IF,
    HC_NODE_LIST,       /* a sequence of nodes */
    HC_NODE_NIL,        /* untyped nil */
    HC_NODE_NUMBER,
    HC_NODE_PIPE,
    HC_NODE_RANGE,
    HC_NODE_STRING,
    HC_NODE_TEMPLATE,   /* {{template "name" pipeline}} */
    HC_NODE_VARIABLE,   /* $x.Field1 */
    HC_NODE_WITH,
    HC_NODE_COMMENT,
    HC_NODE_BREAK,
    HC_NODE_CONTINUE
};

/* A byte string inside the tree's arena (not NUL-terminated in general). */
struct hc_tstr {
    const char *s;
    uint32_t len;
};

struct hc_node;

struct hc_node_list {  /* ListNode */
    struct hc_node **nodes;
    uint32_t len;
};

struct hc_node_pipe {  /* PipeNode */
    struct hc_node **decl;       /* VARIABLE nodes declared or assigned */
    struct hc_node **cmds;       /* COMMAND nodes, in order */
    uint32_t ndecl;
    uint32_t ncmds;
    bool is_assign;              /* $x = ... rather than $x := ... */
};

struct hc_node_number { /* NumberNode: which of Go's interpretations apply */
    /* Go's Complex128 is (f, imag) when is_complex; f is then the real part
       even when is_float is false (Go leaves Float64 zero there). */
    bool is_int, is_uint, is_float, is_complex;
    int64_t i;
    uint64_t u;
    double f;
    double imag;           /* imaginary part when is_complex (real part is f) */
    struct hc_tstr text;   /* the literal as written */
};

struct hc_node_branch { /* BranchNode: if, range, with */
    struct hc_node *pipe;      /* PIPE */
    struct hc_node *list;      /* LIST executed when the pipeline is true / for each element */
    struct hc_node *else_list; /* LIST or NULL; `else with`/`else if` nest a node here */
};

struct hc_node {
    uint8_t type;          /* enum hc_node_type */
    uint32_t pos;          /* byte offset in the tree's source */
    uint32_t line;         /* 1-based line, for the node types Go records Line on */
    struct hc_tree *tree;  /* the tree the node belongs to (for error context) */
    union {
        struct hc_tstr text;           /* TEXT (the bytes), COMMENT (the whole comment) */
        struct hc_node_list list;      /* LIST */
        struct hc_node_pipe pipe;      /* PIPE */
        struct hc_node *action_pipe;   /* ACTION: its PIPE */
        struct {                       /* COMMAND */
            struct hc_node **args;     /* IDENTIFIER, FIELD, CHAIN, literals, PIPE, ... */
            uint32_t nargs;
        } cmd;
        struct {                       /* IDENTIFIER */
            struct hc_tstr name;
            const struct hc_func *fn;  /* the set's row for the name, resolved at parse time
                                          (and, or: the row flagged HC_FN_SPECIAL); NULL only
                                          when parsed with HC_PARSE_SKIP_FUNC_CHECK */
        } ident;
        struct {                       /* FIELD: [Field1, Field2]; VARIABLE: [$x, Field1] */
            struct hc_tstr *idents;
            uint32_t n;
        } field;
        struct {                       /* CHAIN */
            struct hc_node *node;
            struct hc_tstr *fields;
            uint32_t n;
        } chain;
        bool boolean;                  /* BOOL */
        struct hc_node_number *number; /* NUMBER (out of line: it is the largest member) */
        struct {                       /* STRING */
            struct hc_tstr quoted;     /* as written, with quotes */
            struct hc_tstr text;       /* unquoted bytes */
        } string;
        struct hc_node_branch branch;  /* IF, RANGE, WITH */
        struct {                       /* TEMPLATE */
            struct hc_tstr name;
            struct hc_node *pipe;      /* PIPE or NULL */
        } tmpl;
    } u;
};

/* A parsed template: one name, one root list (Go's parse.Tree). */
struct hc_tree {
    struct hc_tstr name;       /* the template's name (a define's name, or the file's) */
    struct hc_tstr parse_name; /* the name of the top-level template being parsed (file) */
    struct hc_node *root;      /* LIST */
    const char *text;          /* the full source the tree was parsed from (for positions) */
    size_t text_len;
};

/*
 * Appends the node as template text, as Go's Node.String() prints it (used
 * for <NODE> in execution errors and in parser tests).
 */
void hc_node_print(struct hc_buf *b, const struct hc_node *n);
/* As hc_node_print with text nodes quoted (Go's parser tests set textFormat to "%q"). */
void hc_node_print_quoted(struct hc_buf *b, const struct hc_node *n);

/*
 * "name:line:col" of a node, as Go's Tree.ErrorContext computes the location:
 * the tree's parse name (the file, also for a define inside it), the 1-based
 * line and the 0-based byte column of the node's first byte.
 */
void hc_node_location(struct hc_buf *b, const struct hc_node *n);

#endif
