/*
 * lex.h - the lexer of Go's text/template (text/template/parse/lex.go).
 *
 * The lexer turns template text into items (tokens) on demand: each call to
 * hc_lex_next runs Go's state functions until one item is ready.  Items point
 * into the input (which must outlive the lexer), except error items, whose
 * message lives in the lexer.  Trim markers ({{- and -}}) are handled here
 * alone: the parser never sees the trimmed space.
 */
#ifndef HC_TEMPLATE_LEX_H
#define HC_TEMPLATE_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Go's itemType, in Go's order: keywords sort after HC_ITEM_KEYWORD. */
enum hc_item_type {
    HC_ITEM_ERROR,         /* error occurred; val is the message */
    HC_ITEM_BOOL,          /* true, false */
    HC_ITEM_CHAR,          /* printable ASCII character; grab bag for comma etc. */
    HC_ITEM_CHAR_CONSTANT, /* character constant */
    HC_ITEM_COMMENT,       /* comment text (only when comments are emitted) */
    HC_ITEM_COMPLEX,       /* complex constant (1+2i) */
    HC_ITEM_ASSIGN,        /* = */
    HC_ITEM_DECLARE,       /* := */
    HC_ITEM_EOF,
    HC_ITEM_FIELD,       /* .Alphanumeric */
    HC_ITEM_IDENTIFIER,  /* alphanumeric identifier not starting with '.' */
    HC_ITEM_LEFT_DELIM,  /* {{ */
    HC_ITEM_LEFT_PAREN,  /* ( inside an action */
    HC_ITEM_NUMBER,      /* simple number, including imaginary */
    HC_ITEM_PIPE,        /* | */
    HC_ITEM_RAW_STRING,  /* raw quoted string (includes quotes) */
    HC_ITEM_RIGHT_DELIM, /* }} */
    HC_ITEM_RIGHT_PAREN, /* ) inside an action */
    HC_ITEM_SPACE,       /* run of spaces separating arguments */
    HC_ITEM_STRING,      /* quoted string (includes quotes) */
    HC_ITEM_TEXT,        /* plain text */
    HC_ITEM_VARIABLE,    /* $, $x, $1 */
    HC_ITEM_KEYWORD,     /* delimits the keywords; never emitted */
    HC_ITEM_BLOCK,
    HC_ITEM_BREAK,
    HC_ITEM_CONTINUE,
    HC_ITEM_DOT,
    HC_ITEM_DEFINE,
    HC_ITEM_ELSE,
    HC_ITEM_END,
    HC_ITEM_IF,
    HC_ITEM_NIL,
    HC_ITEM_RANGE,
    HC_ITEM_TEMPLATE,
    HC_ITEM_WITH
};

struct hc_item {
    uint8_t typ;     /* enum hc_item_type */
    uint32_t pos;    /* byte offset of the item in the input */
    uint32_t line;   /* 1-based line at the start of the item */
    const char *val; /* the item's text (or the error message) */
    size_t len;
};

struct hc_lexer {
    const char *input; /* the text being scanned (emptied after an error, as Go does) */
    size_t len;
    const char *left_delim;  /* "{{" unless set otherwise */
    const char *right_delim; /* "}}" unless set otherwise */
    size_t left_len, right_len;
    size_t pos;          /* current position in the input */
    size_t start;        /* start of the pending item */
    size_t width;        /* width of the last rune read, for backup */
    int paren_depth;     /* nesting of ( ) inside the current action */
    uint32_t line;       /* 1 + newlines before pos */
    uint32_t start_line; /* line at start */
    bool inside_action;  /* between {{ and }} */
    bool emit_comment;   /* Go's lexOptions */
    bool break_ok;
    bool continue_ok;
    struct hc_item item; /* the item being returned */
    struct hc_buf msg;   /* holds the text of an error item */
};

/*
 * Starts scanning input[0..len) with Go's default delimiters and options
 * (no comments, break and continue are keywords).  len must be below 4 GiB.
 */
void hc_lex_init(struct hc_lexer *l, const char *input, size_t len);
/* As hc_lex_init with other delimiters (NUL-terminated, borrowed; NULL or "" = default). */
void hc_lex_init_delims(struct hc_lexer *l, const char *input, size_t len, const char *left,
                        const char *right);
/* Frees the error message buffer. */
void hc_lex_release(struct hc_lexer *l);
/* The next item; after EOF or an error the lexer keeps returning EOF. */
struct hc_item hc_lex_next(struct hc_lexer *l);

/*
 * Appends the item as Go's item.String() prints it in parse errors: EOF,
 * the error text, <keyword>, or the quoted value (cut to 10 runes + "...").
 */
void hc_item_print(struct hc_buf *b, const struct hc_item *it);

#endif
