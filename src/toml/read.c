/*
 * read.c - a TOML document to hc_val, as BurntSushi/toml's Unmarshal into a
 * map[string]interface {} leaves it, with its error messages.
 *
 * Mirrors lex.go (a state machine whose states return the next state, with a
 * stack of states to return to) and parse.go (which consumes the items in
 * order and builds the mapping, refusing redefinitions).  The lexer runs to
 * its end or its first error first; the parser then reads the items in
 * order, so the first error either meets is the one Go reports.
 *
 * Invariant: an array of tables ([[a]]) is a list whose named type is
 * AOT_TYPE while parsing, with room for the next power of two of entries;
 * finish() turns them into []interface {}.
 */
#include "toml/toml.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "gofmt/gofmt.h"
#include "template/runes.h"

enum itype {
    I_ERROR,
    I_EOF,
    I_TEXT,
    I_STRING,
    I_STRING_ESC,
    I_RAW_STRING,
    I_ML_STRING,
    I_RAW_ML_STRING,
    I_BOOL,
    I_INTEGER,
    I_FLOAT,
    I_DATETIME,
    I_ARRAY,
    I_ARRAY_END,
    I_TABLE_START,
    I_TABLE_END,
    I_ATABLE_START,
    I_ATABLE_END,
    I_KEY_START,
    I_KEY_END,
    I_COMMENT,
    I_ITABLE_START,
    I_ITABLE_END,
};

struct item {
    enum itype t;
    size_t start, len; /* the text, in the input */
    int line;
    char *msg; /* I_ERROR: the message (malloc'd) */
};

struct lexer;
struct state {
    struct state (*fn)(struct lexer *);
};

struct lexer {
    const char *in;
    size_t n, start, pos;
    int line;
    bool esc, at_eof;
    int widths[4], nprev;
    struct state stack[HC_TOML_MAX_DEPTH * 2 + 8];
    size_t nstack;
    struct item *items;
    size_t nitems, capitems;
    bool failed, nomem, deep;
};

#define NEXT(f) ((struct state){f})
#define STOP    ((struct state){NULL})
#define EOF_R   0

/* ---- the lexer's primitives ---- */

static void emit_item(struct lexer *lx, struct item it)
{
    if (lx->nitems == lx->capitems) {
        size_t cap = lx->capitems ? lx->capitems * 2 : 64;
        struct item *p =
            hc_mul_size(cap, sizeof *p) == SIZE_MAX ? NULL : hc_realloc(lx->items, cap * sizeof *p);
        if (!p) {
            lx->nomem = true;
            hc_free(it.msg);
            return;
        }
        lx->items = p;
        lx->capitems = cap;
    }
    lx->items[lx->nitems++] = it;
}

static void emit(struct lexer *lx, enum itype t)
{
    struct item it = {t, lx->start, lx->pos - lx->start, lx->line, NULL};
    emit_item(lx, it);
    lx->start = lx->pos;
}

/* An error item at start (length unused: only the line is reported). */
static struct state error_at(struct lexer *lx, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static struct state error_at(struct lexer *lx, int line, const char *fmt, ...)
{
    struct hc_buf b = HC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    hc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    size_t n;
    char *msg = hc_buf_ok(&b) ? hc_buf_detach(&b, &n) : NULL;
    hc_buf_release(&b);
    if (!msg) {
        lx->nomem = true;
    } else {
        struct item it = {I_ERROR, lx->start, 0, line, msg};
        emit_item(lx, it);
    }
    lx->failed = true;
    return STOP;
}

static void put_rune(struct hc_buf *b, uint32_t r)
{
    char u[4];
    hc_buf_add(b, u, hc_rune_encode(u, (int32_t)r));
}

/* Go's %q of one rune, into a small buffer owned by the caller. */
static const char *qrune(struct hc_buf *b, int32_t r)
{
    hc_buf_reset(b);
    hc_gofmt_quote_rune(b, r);
    return hc_buf_ok(b) ? hc_buf_str(b) : "";
}

static const char *qstr(struct hc_buf *b, const char *s, size_t n)
{
    hc_buf_reset(b);
    hc_gofmt_quote(b, s, n);
    return hc_buf_ok(b) ? hc_buf_str(b) : "";
}

static bool is_control(int32_t r)
{
    return r != '\t' && r != '\r' && r != '\n' && ((r >= 0 && r <= 0x1f) || r == 0x7f);
}

/* lexer.next: the next rune, or EOF_R; -1 after recording an error. */
static int32_t next(struct lexer *lx)
{
    if (lx->pos >= lx->n) {
        lx->at_eof = true;
        return EOF_R;
    }
    if (lx->in[lx->pos] == '\n')
        lx->line++;
    lx->widths[3] = lx->widths[2];
    lx->widths[2] = lx->widths[1];
    lx->widths[1] = lx->widths[0];
    if (lx->nprev < 4)
        lx->nprev++;
    int32_t r;
    int w = (int)hc_rune_decode(lx->in + lx->pos, lx->n - lx->pos, &r);
    if (r == HC_RUNE_ERROR && w == 1) {
        error_at(lx, lx->line, "invalid UTF-8 byte: 0x%02x", (unsigned char)lx->in[lx->pos]);
        return -1;
    }
    if (is_control(r) || (r == '\r' && (lx->n - 1 == lx->pos || lx->in[lx->pos + 1] != '\n'))) {
        error_at(lx, lx->line, "TOML files cannot contain control characters: '0x%02x'",
                 (unsigned)r);
        return -1;
    }
    lx->widths[0] = w;
    lx->pos += (size_t)w;
    return r;
}

static void backup(struct lexer *lx)
{
    if (lx->at_eof) {
        lx->at_eof = false;
        return;
    }
    if (lx->nprev < 1)
        return;
    int w = lx->widths[0];
    lx->widths[0] = lx->widths[1];
    lx->widths[1] = lx->widths[2];
    lx->widths[2] = lx->widths[3];
    lx->nprev--;
    lx->pos -= (size_t)w;
    if (lx->pos < lx->n && lx->in[lx->pos] == '\n')
        lx->line--;
}

static bool accept(struct lexer *lx, int32_t valid)
{
    if (next(lx) == valid)
        return true;
    backup(lx);
    return false;
}

static int32_t peek(struct lexer *lx)
{
    int32_t r = next(lx);
    backup(lx);
    return r;
}

static void ignore(struct lexer *lx)
{
    lx->start = lx->pos;
}

static bool is_ws(int32_t r)
{
    return r == '\t' || r == ' ';
}

static bool is_nl(int32_t r)
{
    return r == '\n' || r == '\r';
}

static bool is_digit(int32_t r)
{
    return r >= '0' && r <= '9';
}

static bool is_hex(int32_t r)
{
    return (r >= '0' && r <= '9') || ((r | 0x20) >= 'a' && (r | 0x20) <= 'f');
}

static bool is_bare(int32_t r)
{
    return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || is_digit(r) || r == '_' || r == '-';
}

/* unicode.IsLetter */
static bool is_letter(int32_t r)
{
    return r > 0 && hc_rune_is_letter(r);
}

static void skip_ws(struct lexer *lx)
{
    for (;;) {
        int32_t r = next(lx);
        if (r >= 0 && is_ws(r))
            continue;
        if (r >= 0)
            backup(lx);
        ignore(lx);
        return;
    }
}

static void push(struct lexer *lx, struct state (*fn)(struct lexer *))
{
    if (lx->nstack == sizeof lx->stack / sizeof lx->stack[0]) {
        lx->deep = true;
        lx->failed = true;
        return;
    }
    lx->stack[lx->nstack++] = NEXT(fn);
}

static struct state pop(struct lexer *lx)
{
    if (lx->nstack == 0)
        return STOP;
    return lx->stack[--lx->nstack];
}

/* lexer.errorf: at EOF the error is placed on the previous line when the input ends in \n. */
#define ERRF(lx, ...)                                                                           \
    error_at(lx,                                                                                \
             (lx)->at_eof && (lx)->pos >= 1 && (lx)->in[(lx)->pos - 1] == '\n' ? (lx)->line - 1 \
                                                                               : (lx)->line,    \
             __VA_ARGS__)
/* lexer.errorPrevLine */
#define ERR_PREV(lx, ...) error_at(lx, (lx)->line - 1, __VA_ARGS__)

/*
 * An error whose text is before + the rune r as Go's %q prints it + after, on
 * the previous line when prev_line (errorPrevLine, for a newline).
 */
static struct state err_rune(struct lexer *lx, const char *before, int32_t r, const char *after,
                             bool prev_line)
{
    struct hc_buf b = HC_BUF_INIT;
    const char *q = qrune(&b, r);
    struct state s =
        prev_line ? ERR_PREV(lx, "%s%s%s", before, q, after) : ERRF(lx, "%s%s%s", before, q, after);
    hc_buf_release(&b);
    return s;
}

/* ---- the lexer's states ---- */

static struct state lex_top(struct lexer *lx);
static struct state lex_top_end(struct lexer *lx);
static struct state lex_key_start(struct lexer *lx);
static struct state lex_key_name_start(struct lexer *lx);
static struct state lex_key_end(struct lexer *lx);
static struct state lex_value(struct lexer *lx);
static struct state lex_comment_start(struct lexer *lx);
static struct state lex_table_name_start(struct lexer *lx);
static struct state lex_string(struct lexer *lx);
static struct state lex_raw_string(struct lexer *lx);
static struct state lex_ml_string(struct lexer *lx);
static struct state lex_ml_raw_string(struct lexer *lx);
static struct state lex_array_value(struct lexer *lx);
static struct state lex_itable_value(struct lexer *lx);
static struct state lex_number_or_date(struct lexer *lx);
static struct state lex_decimal_number(struct lexer *lx);
static struct state lex_float(struct lexer *lx);

static struct state lex_comment(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_nl(r) || r == EOF_R) {
        backup(lx);
        emit(lx, I_TEXT);
        return pop(lx);
    }
    return NEXT(lex_comment);
}

static struct state lex_comment_start(struct lexer *lx)
{
    ignore(lx);
    emit(lx, I_COMMENT);
    return NEXT(lex_comment);
}

static struct state lex_top(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_ws(r) || is_nl(r)) {
        ignore(lx);
        return NEXT(lex_top);
    }
    switch (r) {
    case '#':
        push(lx, lex_top);
        return NEXT(lex_comment_start);
    case '[': {
        if (peek(lx) == '[') {
            next(lx);
            emit(lx, I_ATABLE_START);
            push(lx, NULL); /* marks [[ ]] for lex_table_name_end */
        } else {
            emit(lx, I_TABLE_START);
            push(lx, lex_top); /* marks [ ] */
        }
        return NEXT(lex_table_name_start);
    }
    case EOF_R:
        if (lx->pos > lx->start)
            return ERRF(lx, "unexpected EOF");
        emit(lx, I_EOF);
        return STOP;
    }
    backup(lx);
    push(lx, lex_top_end);
    return NEXT(lex_key_start);
}

static struct state lex_top_end(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (r == '#') {
        push(lx, lex_top);
        return NEXT(lex_comment_start);
    }
    if (is_ws(r))
        return NEXT(lex_top_end);
    if (is_nl(r)) {
        ignore(lx);
        return NEXT(lex_top);
    }
    if (r == EOF_R) {
        emit(lx, I_EOF);
        return STOP;
    }
    return err_rune(lx,
                    "expected a top-level item to end with a newline, comment, or EOF, but got ", r,
                    " instead", false);
}

static struct state lex_bare_name(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_bare(r))
        return NEXT(lex_bare_name);
    backup(lx);
    emit(lx, I_TEXT);
    return pop(lx);
}

static struct state lex_quoted_name(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (r == '"') {
        ignore(lx);
        return NEXT(lex_string);
    }
    if (r == '\'') {
        ignore(lx);
        return NEXT(lex_raw_string);
    }
    if (is_ws(r)) {
        ignore(lx);
        return NEXT(lex_value);
    }
    if (r == EOF_R)
        return ERRF(lx, "unexpected EOF; expected value");
    return err_rune(lx, "expected value but found ", r, " instead", false);
}

static struct state lex_table_name_end(struct lexer *lx)
{
    skip_ws(lx);
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (r == '.') {
        ignore(lx);
        return NEXT(lex_table_name_start);
    }
    if (r == ']') {
        struct state kind = pop(lx);
        if (kind.fn) { /* [name] */
            emit(lx, I_TABLE_END);
            return NEXT(lex_top_end);
        }
        r = next(lx);
        if (r < 0)
            return STOP;
        if (r != ']') {
            return err_rune(lx, "expected end of table array name delimiter ']', but got ", r,
                            " instead", false);
        }
        emit(lx, I_ATABLE_END);
        return NEXT(lex_top_end);
    }
    return err_rune(lx, "expected '.' or ']' to end table name, but got ", r, " instead", false);
}

/*
 * lexTableNameStart and lexKeyNameStart: one part of a dotted name, bare or
 * quoted, then the state after; end is the delimiter that would leave the
 * name empty.
 */
static struct state name_start(struct lexer *lx, int32_t end, const char *empty, const char *dot,
                               struct state (*after)(struct lexer *))
{
    skip_ws(lx);
    int32_t r = peek(lx);
    if (r < 0)
        return STOP;
    if (r == end || r == EOF_R)
        return ERRF(lx, "%s", empty);
    if (r == '.')
        return ERRF(lx, "%s", dot);
    push(lx, after);
    if (r == '"' || r == '\'') {
        ignore(lx);
        return NEXT(lex_quoted_name);
    }
    return NEXT(lex_bare_name);
}

static struct state lex_table_name_start(struct lexer *lx)
{
    return name_start(lx, ']', "unexpected end of table name (table names cannot be empty)",
                      "unexpected table separator (table names cannot be empty)",
                      lex_table_name_end);
}

static struct state lex_key_start(struct lexer *lx)
{
    skip_ws(lx);
    int32_t r = peek(lx);
    if (r < 0)
        return STOP;
    if (r == '=' || r == EOF_R)
        return ERRF(lx, "unexpected '=': key name appears blank");
    if (r == '.')
        return ERRF(lx, "unexpected '.': keys cannot start with a '.'");
    if (r == '"' || r == '\'')
        ignore(lx);
    emit(lx, I_KEY_START);
    return NEXT(lex_key_name_start);
}

static struct state lex_key_name_start(struct lexer *lx)
{
    return name_start(lx, '=', "unexpected '='", "unexpected '.'", lex_key_end);
}

static struct state lex_key_end(struct lexer *lx)
{
    skip_ws(lx);
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_ws(r)) {
        ignore(lx);
        return NEXT(lex_key_end);
    }
    if (r == EOF_R)
        return ERRF(lx, "unexpected EOF; expected key separator '='");
    if (r == '.') {
        ignore(lx);
        return NEXT(lex_key_name_start);
    }
    if (r == '=') {
        emit(lx, I_KEY_END);
        ignore(lx);
        return NEXT(lex_value);
    }
    return err_rune(lx, "expected '.' or '=', but got ", r, " instead", r == '\n');
}

static struct state lex_bool(struct lexer *lx)
{
    size_t from = lx->pos;
    for (;;) {
        int32_t r = next(lx);
        if (r < 0)
            return STOP;
        if (!is_letter(r) || r == EOF_R) {
            backup(lx);
            break;
        }
    }
    size_t n = lx->pos - from;
    const char *s = lx->in + from;
    if ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0)) {
        emit(lx, I_BOOL);
        return pop(lx);
    }
    struct hc_buf b = HC_BUF_INIT;
    struct state st = ERRF(lx, "expected value but found %s instead", qstr(&b, s, n));
    hc_buf_release(&b);
    return st;
}

static struct state lex_value(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_ws(r)) {
        ignore(lx);
        return NEXT(lex_value);
    }
    if (is_digit(r)) {
        backup(lx);
        r = next(lx);
        if (r == '0') {
            r = next(lx);
            if (r < 0)
                return STOP;
            if (is_digit(r))
                return NEXT(lex_number_or_date);
            if (r == '_')
                return NEXT(lex_decimal_number);
            if (r == '.' || r == 'e' || r == 'E')
                return NEXT(lex_float);
            if (r == 'b' || r == 'o' || r == 'x') {
                int32_t p = peek(lx);
                bool ok = r == 'b'   ? (p == '0' || p == '1')
                          : r == 'o' ? (p >= '0' && p <= '7')
                                     : is_hex(p);
                if (!ok) {
                    const char *what = r == 'b'   ? "a binary"
                                       : r == 'o' ? "an octal"
                                                  : "a hexadecimal";
                    /* Go formats the peeked rune with %c (NUL at the end, which
                       our NUL-terminated messages cannot hold) */
                    struct hc_buf b = HC_BUF_INIT;
                    if (p > 0)
                        put_rune(&b, (uint32_t)p);
                    ERRF(lx, "not %s number: '%.*s%s'", what, (int)(lx->pos - lx->start),
                         lx->in + lx->start, hc_buf_ok(&b) ? hc_buf_str(&b) : "");
                    hc_buf_release(&b);
                    return STOP;
                }
                for (;;) {
                    int32_t c = next(lx);
                    if (c < 0)
                        return STOP;
                    bool digit = r == 'b'   ? (c == '0' || c == '1')
                                 : r == 'o' ? (c >= '0' && c <= '7')
                                            : is_hex(c);
                    if (!digit && c != '_') {
                        backup(lx);
                        break;
                    }
                }
                emit(lx, I_INTEGER);
                return pop(lx);
            }
            backup(lx);
            emit(lx, I_INTEGER);
            return pop(lx);
        }
        return NEXT(lex_number_or_date);
    }
    switch (r) {
    case '[':
        ignore(lx);
        emit(lx, I_ARRAY);
        return NEXT(lex_array_value);
    case '{':
        ignore(lx);
        emit(lx, I_ITABLE_START);
        return NEXT(lex_itable_value);
    case '"':
        if (accept(lx, '"')) {
            if (accept(lx, '"')) {
                ignore(lx);
                return NEXT(lex_ml_string);
            }
            backup(lx);
        }
        ignore(lx);
        return NEXT(lex_string);
    case '\'':
        if (accept(lx, '\'')) {
            if (accept(lx, '\'')) {
                ignore(lx);
                return NEXT(lex_ml_raw_string);
            }
            backup(lx);
        }
        ignore(lx);
        return NEXT(lex_raw_string);
    case '.':
        return ERRF(lx, "floats must start with a digit, not '.'");
    case 'i':
    case 'n':
        if ((accept(lx, 'n') && accept(lx, 'f')) || (accept(lx, 'a') && accept(lx, 'n'))) {
            emit(lx, I_FLOAT);
            return pop(lx);
        }
        break;
    case '-':
    case '+': {
        int32_t c = next(lx);
        if (c < 0)
            return STOP;
        if (c == 'i' || c == 'n') {
            bool ok =
                c == 'i' ? accept(lx, 'n') && accept(lx, 'f') : accept(lx, 'a') && accept(lx, 'n');
            if (!ok)
                return ERRF(lx, "invalid float: '%.*s'", (int)(lx->pos - lx->start),
                            lx->in + lx->start);
            emit(lx, I_FLOAT);
            return pop(lx);
        }
        if (c == '0') {
            int32_t p = peek(lx);
            if (p == 'b' || p == 'o' || p == 'x')
                return ERRF(lx, "cannot use sign with non-decimal numbers: '%.*s%c'",
                            (int)(lx->pos - lx->start), lx->in + lx->start, (char)p);
        }
        if (c == '.')
            return ERRF(lx, "floats must start with a digit, not '.'");
        if (is_digit(c))
            return NEXT(lex_decimal_number);
        return err_rune(lx, "expected a digit but got ", c, "", false);
    }
    }
    if (is_letter(r)) {
        backup(lx);
        return NEXT(lex_bool);
    }
    if (r == EOF_R)
        return ERRF(lx, "unexpected EOF; expected value");
    return err_rune(lx, "expected value but found ", r, " instead", r == '\n');
}

static struct state lex_array_end(struct lexer *lx)
{
    ignore(lx);
    emit(lx, I_ARRAY_END);
    return pop(lx);
}

static struct state lex_array_value_end(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_ws(r) || is_nl(r)) {
        ignore(lx);
        return NEXT(lex_array_value_end);
    }
    if (r == '#') {
        push(lx, lex_array_value_end);
        return NEXT(lex_comment_start);
    }
    if (r == ',') {
        ignore(lx);
        return NEXT(lex_array_value);
    }
    if (r == ']')
        return lex_array_end(lx);
    if (r == EOF_R)
        return ERRF(lx, "expected a comma (',') or array terminator (']'), but got end of file");
    return ERRF(lx, "expected a comma (',') or array terminator (']'), but got '%.*s'",
                (int)lx->widths[0], lx->in + lx->pos - lx->widths[0]);
}

/*
 * lexArrayValue and lexInlineTableValue: white space, newlines and comments
 * are skipped, a comma is refused, close ends the container (at_close), and
 * anything else starts an item (item), after which value_end runs.
 */
static struct state container_value(struct lexer *lx, struct state (*self)(struct lexer *),
                                    int32_t close, struct state (*at_close)(struct lexer *),
                                    struct state (*item)(struct lexer *),
                                    struct state (*value_end)(struct lexer *))
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_ws(r) || is_nl(r)) {
        ignore(lx);
        return NEXT(self);
    }
    if (r == '#') {
        push(lx, self);
        return NEXT(lex_comment_start);
    }
    if (r == ',')
        return ERRF(lx, "unexpected comma");
    if (r == close)
        return at_close(lx);
    backup(lx);
    push(lx, value_end);
    return NEXT(item);
}

static struct state lex_array_value(struct lexer *lx)
{
    return container_value(lx, lex_array_value, ']', lex_array_end, lex_value, lex_array_value_end);
}

static struct state lex_itable_end(struct lexer *lx)
{
    ignore(lx);
    emit(lx, I_ITABLE_END);
    return pop(lx);
}

static struct state lex_itable_value_end(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_ws(r) || is_nl(r)) {
        ignore(lx);
        return NEXT(lex_itable_value_end);
    }
    if (r == '#') {
        push(lx, lex_itable_value_end);
        return NEXT(lex_comment_start);
    }
    if (r == ',') {
        ignore(lx);
        skip_ws(lx);
        if (peek(lx) == '}')
            return NEXT(lex_itable_value_end);
        return NEXT(lex_itable_value);
    }
    if (r == '}')
        return lex_itable_end(lx);
    if (r == EOF_R)
        return ERRF(lx, "expected a comma or an inline table terminator '}', but got end of file "
                        "instead");
    return ERRF(lx, "expected a comma or an inline table terminator '}', but got '%.*s' instead",
                (int)lx->widths[0], lx->in + lx->pos - lx->widths[0]);
}

static struct state lex_itable_value(struct lexer *lx)
{
    return container_value(lx, lex_itable_value, '}', lex_itable_end, lex_key_start,
                           lex_itable_value_end);
}

static struct state string_escape(struct lexer *lx, struct state (*back)(struct lexer *))
{
    lx->esc = true;
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    int digits = 0;
    switch (r) {
    case 'e':
    case 'b':
    case 't':
    case 'n':
    case 'f':
    case 'r':
    case '"':
    case ' ':
    case '\t':
    case '\\':
        return NEXT(back);
    case 'x':
        digits = 2;
        break;
    case 'u':
        digits = 4;
        break;
    case 'U':
        digits = 8;
        break;
    default: {
        struct hc_buf b = HC_BUF_INIT;
        hc_buf_adds(&b, "\\");
        if (r == EOF_R)
            hc_buf_addc(&b, '\0');
        else
            hc_buf_add(&b, lx->in + lx->pos - lx->widths[0], (size_t)lx->widths[0]);
        struct hc_buf q = HC_BUF_INIT;
        struct state s = ERRF(lx, "invalid escape in string '%s'", hc_buf_str(&b));
        hc_buf_release(&b);
        hc_buf_release(&q);
        return s;
    }
    }
    for (int i = 0; i < digits; i++) {
        int32_t c = next(lx);
        if (c < 0)
            return STOP;
        if (!is_hex(c)) {
            struct hc_buf b = HC_BUF_INIT;
            const char *word = digits == 2 ? "two" : digits == 4 ? "four" : "eight";
            struct state s = ERRF(lx,
                                  "expected %s hexadecimal digits after '\\%c', but got %s "
                                  "instead",
                                  word, (char)r, qstr(&b, lx->in + lx->start, lx->pos - lx->start));
            hc_buf_release(&b);
            return s;
        }
    }
    return NEXT(back);
}

static struct state lex_string(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (r == EOF_R)
        return ERRF(lx, "unexpected EOF; expected '\"'");
    if (is_nl(r))
        return ERR_PREV(lx, "strings cannot contain newlines");
    if (r == '\\')
        return string_escape(lx, lex_string);
    if (r == '"') {
        backup(lx);
        emit(lx, lx->esc ? I_STRING_ESC : I_STRING);
        lx->esc = false;
        next(lx);
        ignore(lx);
        return pop(lx);
    }
    return NEXT(lex_string);
}

static struct state lex_raw_string(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (r == EOF_R)
        return ERRF(lx, "unexpected EOF; expected \"'\"");
    if (is_nl(r))
        return ERR_PREV(lx, "strings cannot contain newlines");
    if (r == '\'') {
        backup(lx);
        emit(lx, I_RAW_STRING);
        next(lx);
        ignore(lx);
        return pop(lx);
    }
    return NEXT(lex_raw_string);
}

static bool has_suffix(struct lexer *lx, const char *suf)
{
    size_t n = strlen(suf), len = lx->pos - lx->start;
    return len >= n && memcmp(lx->in + lx->pos - n, suf, n) == 0;
}

/* The end of a multi-line string: q is the quote; returns true when the string ended. */
static bool ml_close(struct lexer *lx, char q, enum itype t, struct state *out)
{
    if (!accept(lx, q))
        return false;
    if (!accept(lx, q)) {
        backup(lx);
        return false;
    }
    if (peek(lx) == q) {
        bool bad = q == '"' ? has_suffix(lx, "\"\"\"\"\"") && !has_suffix(lx, "\\\"\"\"\"\"")
                            : has_suffix(lx, "'''''");
        if (bad) {
            *out = q == '"' ? ERRF(lx, "unexpected '\"\"\"\"\"\"'")
                            : ERRF(lx, "unexpected \"''''''\"");
            return true;
        }
        backup(lx);
        backup(lx);
        *out = NEXT(q == '"' ? lex_ml_string : lex_ml_raw_string);
        return true;
    }
    backup(lx);
    backup(lx);
    backup(lx);
    lx->esc = false;
    emit(lx, t);
    next(lx);
    next(lx);
    next(lx);
    ignore(lx);
    *out = pop(lx);
    return true;
}

static struct state lex_ml_string(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (r == EOF_R)
        return ERRF(lx, "unexpected EOF; expected '\"\"\"'");
    if (r == '\\') {
        int32_t c = next(lx);
        if (c < 0)
            return STOP;
        if (is_nl(c))
            return NEXT(lex_ml_string);
        backup(lx);
        return string_escape(lx, lex_ml_string);
    }
    struct state s;
    if (r == '"' && ml_close(lx, '"', I_ML_STRING, &s))
        return s;
    return NEXT(lex_ml_string);
}

static struct state lex_ml_raw_string(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (r == EOF_R)
        return ERRF(lx, "unexpected EOF; expected \"'''\"");
    struct state s;
    if (r == '\'' && ml_close(lx, '\'', I_RAW_ML_STRING, &s))
        return s;
    return NEXT(lex_ml_raw_string);
}

static struct state lex_datetime(struct lexer *lx)
{
    for (;;) {
        int32_t r = next(lx);
        if (r < 0)
            return STOP;
        if (is_digit(r) || (r != EOF_R && strchr("-:Tt .Zz+", (int)r)))
            continue;
        backup(lx);
        /* emitTrim: the item's text without surrounding spaces */
        size_t s = lx->start, e = lx->pos;
        while (s < e && (lx->in[s] == ' ' || lx->in[s] == '\t'))
            s++;
        while (e > s && (lx->in[e - 1] == ' ' || lx->in[e - 1] == '\t'))
            e--;
        struct item it = {I_DATETIME, s, e - s, lx->line, NULL};
        emit_item(lx, it);
        lx->start = lx->pos;
        return pop(lx);
    }
}

static struct state lex_number_or_date(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_digit(r))
        return NEXT(lex_number_or_date);
    if (r == '-' || r == ':')
        return NEXT(lex_datetime);
    if (r == '_')
        return NEXT(lex_decimal_number);
    if (r == '.' || r == 'e' || r == 'E')
        return NEXT(lex_float);
    backup(lx);
    emit(lx, I_INTEGER);
    return pop(lx);
}

static struct state lex_decimal_number(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_digit(r) || r == '_')
        return NEXT(lex_decimal_number);
    if (r == '.' || r == 'e' || r == 'E')
        return NEXT(lex_float);
    backup(lx);
    emit(lx, I_INTEGER);
    return pop(lx);
}

static struct state lex_float(struct lexer *lx)
{
    int32_t r = next(lx);
    if (r < 0)
        return STOP;
    if (is_digit(r) || (r != EOF_R && strchr("_.-+eE", (int)r)))
        return NEXT(lex_float);
    backup(lx);
    emit(lx, I_FLOAT);
    return pop(lx);
}

static void run_lexer(struct lexer *lx)
{
    struct state s = NEXT(lex_top);
    while (s.fn && !lx->failed && !lx->nomem)
        s = s.fn(lx);
}

/* ---- the parser ---- */

struct parser {
    struct lexer *lx;
    struct hc_arena *a;
    const struct hc_toml_hooks *h;
    struct hc_error *err;
    size_t next_item;
    hc_val mapping;
    struct keypart {
        const char *s;
        size_t n;
    } context[HC_TOML_MAX_DEPTH + 1];
    size_t ncontext;
    const char *cur; /* currentKey */
    size_t ncur;
    int pos_line;          /* p.pos */
    struct hc_map *arrays; /* Key.String() of keys whose type is an inline array */
    struct hc_map *implicits;
    int depth;
};

static const struct hc_obj_type aot_type = {"[]map[string]interface {}", "slice", NULL, NULL, NULL};

/* Key.String of parts (with quoting) into b. */
static void key_str(struct hc_buf *b, const struct keypart *k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            hc_buf_addc(b, '.');
        bool bare = k[i].n > 0;
        for (size_t j = 0; j < k[i].n; j++)
            if (!is_bare((unsigned char)k[i].s[j]))
                bare = false;
        if (k[i].n == 0) {
            hc_buf_adds(b, "\"\"");
        } else if (bare) {
            hc_buf_add(b, k[i].s, k[i].n);
        } else {
            /* dblQuotedReplacer, as the encoder writes keys */
            hc_buf_addc(b, '"');
            for (size_t j = 0; j < k[i].n; j++) {
                unsigned char c = (unsigned char)k[i].s[j];
                if (c == '"' || c == '\\') {
                    hc_buf_addc(b, '\\');
                    hc_buf_addc(b, (char)c);
                } else if (c < 0x20 || c == 0x7f) {
                    hc_buf_printf(b,
                                  c == '\n'   ? "\\n"
                                  : c == '\t' ? "\\t"
                                  : c == '\r' ? "\\r"
                                  : c == '\b' ? "\\b"
                                  : c == '\f' ? "\\f"
                                              : "\\u%04x",
                                  c);
                } else {
                    hc_buf_addc(b, (char)c);
                }
            }
            hc_buf_addc(b, '"');
        }
    }
}

/* p.current(): the last key, for messages. */
static void current(struct parser *p, struct hc_buf *b)
{
    if (p->ncur == 0 && !p->cur) {
        key_str(b, p->context, p->ncontext);
        return;
    }
    key_str(b, p->context, p->ncontext);
    if (p->ncontext)
        hc_buf_addc(b, '.');
    hc_buf_add(b, p->cur, p->ncur);
}

static hc_status fail(struct parser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static hc_status fail(struct parser *p, int line, const char *fmt, ...)
{
    struct hc_buf msg = HC_BUF_INIT, last = HC_BUF_INIT, q = HC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    hc_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    current(p, &last);
    hc_status rc;
    if (!hc_buf_ok(&msg) || !hc_buf_ok(&last))
        rc = hc_error_nomem(p->err);
    else if (last.len == 0)
        rc = hc_error_set(p->err, HC_ERR_PARSE, "toml: line %d: %s", line, hc_buf_str(&msg));
    else
        rc = hc_error_set(p->err, HC_ERR_PARSE, "toml: line %d (last key %s): %s", line,
                          qstr(&q, hc_buf_str(&last), last.len), hc_buf_str(&msg));
    hc_buf_release(&msg);
    hc_buf_release(&last);
    hc_buf_release(&q);
    return rc;
}

static hc_status next_item(struct parser *p, struct item **out)
{
    struct lexer *lx = p->lx;
    if (p->next_item >= lx->nitems) {
        if (lx->nomem)
            return hc_error_nomem(p->err);
        if (lx->deep)
            return hc_error_set(p->err, HC_ERR_LIMIT, "toml: nested deeper than %d levels",
                                HC_TOML_MAX_DEPTH);
        /* the lexer stopped without an item: treat as the end */
        static struct item eof_item = {I_EOF, 0, 0, 1, NULL};
        *out = &eof_item;
        return HC_OK;
    }
    struct item *it = &lx->items[p->next_item++];
    if (it->t == I_ERROR)
        return fail(p, it->line, "%s", it->msg);
    *out = it;
    return HC_OK;
}

static hc_status value(struct parser *p, struct item *it, bool parent_is_array, hc_val *out);

static hc_status nomem(struct parser *p)
{
    return hc_error_nomem(p->err);
}

/* A Key.String of the context plus one more part, as an arena string. */
static hc_status ctx_key(struct parser *p, const struct keypart *k, size_t n, hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    key_str(&b, k, n);
    if (n == 0)
        hc_buf_adds(&b, "\"\""); /* setType's Key{""} */
    hc_status rc = hc_buf_ok(&b) ? hc_str_dup(p->a, hc_buf_str(&b), b.len, out) : HC_ERR_NOMEM;
    hc_buf_release(&b);
    return rc == HC_OK ? HC_OK : nomem(p);
}

static bool set_has(struct hc_map *m, hc_val k)
{
    return hc_map_find(m, k.u.s, k.len) >= 0;
}

static hc_status set_add(struct parser *p, struct hc_map *m, hc_val k)
{
    return hc_map_set(p->a, m, k.u.s, k.len, hc_bool(true)) == HC_OK ? HC_OK : nomem(p);
}

static hc_status add_implicit(struct parser *p, const struct keypart *k, size_t n)
{
    hc_val s;
    hc_status rc = ctx_key(p, k, n, &s);
    return rc == HC_OK ? set_add(p, p->implicits, s) : rc;
}

/* The map a table value is: the last entry of an array of tables, or the map itself. */
static struct hc_map *as_table(hc_val v)
{
    if (v.kind == HC_LIST && v.u.l && v.u.l->named == &aot_type && v.u.l->len > 0) {
        hc_val last = v.u.l->items[v.u.l->len - 1];
        return last.u.m;
    }
    if (v.kind == HC_MAP && v.gotype == HC_GT_MAP)
        return v.u.m;
    return NULL;
}

static hc_status new_map(struct parser *p, hc_val *out)
{
    struct hc_map *m = hc_map_new(p->a, 4);
    if (!m)
        return nomem(p);
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

static hc_status set_value(struct parser *p, const char *key, size_t klen, hc_val v);

static hc_status push_ctx(struct parser *p, const char *s, size_t n)
{
    if (p->ncontext >= HC_TOML_MAX_DEPTH)
        return hc_error_set(p->err, HC_ERR_LIMIT, "toml: nested deeper than %d levels",
                            HC_TOML_MAX_DEPTH);
    p->context[p->ncontext].s = s;
    p->context[p->ncontext].n = n;
    p->ncontext++;
    return HC_OK;
}

/* addContext: makes key[0..n) the current table, creating what is missing. */
static hc_status add_context(struct parser *p, const struct keypart *key, size_t n, bool array)
{
    struct hc_map *hash = p->mapping.u.m;
    struct keypart kc[HC_TOML_MAX_DEPTH + 1];
    memcpy(kc, key, n * sizeof *kc);
    hc_status rc;
    for (size_t i = 0; i + 1 < n; i++) {
        hc_val v;
        if (!hc_map_get(hash, key[i].s, key[i].n, &v)) {
            if ((rc = add_implicit(p, kc, i + 1)) != HC_OK || (rc = new_map(p, &v)) != HC_OK)
                return rc;
            if (hc_map_set(p->a, hash, key[i].s, key[i].n, v) != HC_OK)
                return nomem(p);
        }
        struct hc_map *t = as_table(v);
        if (!t) {
            struct hc_buf b = HC_BUF_INIT;
            key_str(&b, kc, i + 1);
            rc = fail(p, p->pos_line, "Key '%s' was already created as a hash.",
                      hc_buf_ok(&b) ? hc_buf_str(&b) : "");
            hc_buf_release(&b);
            return rc;
        }
        hash = t;
    }
    p->ncontext = 0;
    for (size_t i = 0; i + 1 < n; i++)
        if ((rc = push_ctx(p, key[i].s, key[i].n)) != HC_OK)
            return rc;
    const struct keypart *last = &key[n - 1];
    if (array) {
        hc_val v, m;
        if ((rc = new_map(p, &m)) != HC_OK)
            return rc;
        if (!hc_map_get(hash, last->s, last->n, &v)) {
            struct hc_list *l = hc_list_new(p->a, 4);
            if (!l)
                return nomem(p);
            l->len = l->avail = 0;
            l->named = &aot_type;
            v = hc_list_val(l, HC_GT_OBJ);
        }
        if (!(v.kind == HC_LIST && v.u.l && v.u.l->named == &aot_type)) {
            struct hc_buf b = HC_BUF_INIT;
            key_str(&b, key, n);
            rc =
                fail(p, p->pos_line, "Key '%s' was already created and cannot be used as an array.",
                     hc_buf_ok(&b) ? hc_buf_str(&b) : "");
            hc_buf_release(&b);
            return rc;
        }
        struct hc_list *l = v.u.l;
        uint32_t len = l->len;
        if (len >= 4 && (len & (len - 1)) == 0) { /* full: room for the next power of two */
            struct hc_list *g = hc_list_new(p->a, (size_t)len * 2);
            if (!g)
                return nomem(p);
            memcpy(g->items, l->items, len * sizeof(hc_val));
            g->named = &aot_type;
            l = g;
        }
        l->items[len] = m;
        l->len = l->avail = len + 1;
        if (hc_map_set(p->a, hash, last->s, last->n, hc_list_val(l, HC_GT_OBJ)) != HC_OK)
            return nomem(p);
    } else {
        hc_val m;
        if ((rc = new_map(p, &m)) != HC_OK || (rc = set_value(p, last->s, last->n, m)) != HC_OK)
            return rc;
    }
    return push_ctx(p, last->s, last->n);
}

/* setValue: key = v in the current table, refusing redefinitions. */
static hc_status set_value(struct parser *p, const char *key, size_t klen, hc_val v)
{
    struct hc_map *hash = p->mapping.u.m;
    hc_status rc;
    for (size_t i = 0; i < p->ncontext; i++) {
        hc_val t;
        if (!hc_map_get(hash, p->context[i].s, p->context[i].n, &t))
            return hc_error_set(p->err, HC_ERR_PARSE, "toml: internal error: missing context");
        hash = as_table(t);
        if (!hash) {
            struct hc_buf b = HC_BUF_INIT;
            key_str(&b, p->context, i + 1);
            rc = fail(p, p->pos_line, "Key '%s' has already been defined.",
                      hc_buf_ok(&b) ? hc_buf_str(&b) : "");
            hc_buf_release(&b);
            return rc;
        }
    }
    if (hash && hc_map_find(hash, key, klen) >= 0) {
        if (push_ctx(p, key, klen) != HC_OK)
            return HC_ERR_LIMIT;
        hc_val ks;
        rc = ctx_key(p, p->context, p->ncontext, &ks);
        p->ncontext--;
        if (rc != HC_OK)
            return rc;
        bool implicit = set_has(p->implicits, ks);
        if (set_has(p->arrays, ks) || implicit) {
            if (!implicit)
                goto defined;
            hc_map_del(p->implicits, ks.u.s, ks.len);
            if (set_has(p->arrays, ks))
                return hc_map_set(p->a, hash, key, klen, v) == HC_OK ? HC_OK : nomem(p);
            return HC_OK;
        }
    defined:
        return fail(p, p->pos_line, "Key '%s' has already been defined.", ks.u.s);
    }
    return hc_map_set(p->a, hash, key, klen, v) == HC_OK ? HC_OK : nomem(p);
}

/* setType, only as far as isArray needs it: records whether key is an inline array. */
static hc_status set_type(struct parser *p, const char *key, size_t klen, bool is_array)
{
    size_t n = p->ncontext;
    hc_status rc = HC_OK;
    if (klen > 0 && (rc = push_ctx(p, key, klen)) != HC_OK)
        return rc;
    hc_val ks;
    rc = ctx_key(p, p->context, p->ncontext, &ks);
    p->ncontext = n;
    if (rc != HC_OK)
        return rc;
    if (is_array)
        return set_add(p, p->arrays, ks);
    hc_map_del(p->arrays, ks.u.s, ks.len);
    return HC_OK;
}

/* ---- values ---- */

static hc_status str_val(struct parser *p, const char *s, size_t n, hc_val *out)
{
    return hc_str_dup(p->a, s, n, out) == HC_OK ? HC_OK : nomem(p);
}

/* replaceEscapes */
static hc_status unescape(struct parser *p, const struct item *it, const char *s, size_t n,
                          hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_status rc = HC_OK;
    for (size_t i = 0; i < n && rc == HC_OK; i++) {
        if (s[i] != '\\' || i + 1 >= n) {
            hc_buf_addc(&b, s[i]);
            continue;
        }
        char c = s[++i];
        int digits = 0;
        switch (c) {
        case ' ':
        case '\t':
            rc = fail(p, it->line, "invalid escape: '\\%c'", c);
            break;
        case 'b':
            hc_buf_addc(&b, 8);
            break;
        case 't':
            hc_buf_addc(&b, 9);
            break;
        case 'n':
            hc_buf_addc(&b, 10);
            break;
        case 'f':
            hc_buf_addc(&b, 12);
            break;
        case 'r':
            hc_buf_addc(&b, 13);
            break;
        case 'e':
            hc_buf_addc(&b, 27);
            break;
        case 'x':
            digits = 2;
            break;
        case 'u':
            digits = 4;
            break;
        case 'U':
            digits = 8;
            break;
        default:
            hc_buf_addc(&b, c);
        }
        if (digits && i + (size_t)digits < n + 1) {
            uint32_t r = 0;
            for (int k = 1; k <= digits; k++) {
                char h = s[i + (size_t)k];
                r = r * 16 + (uint32_t)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
                rc = fail(p, it->line, "Escaped character '\\u%.*s' is not valid UTF-8.", digits,
                          s + i + 1);
            else
                put_rune(&b, r);
            i += (size_t)digits;
        }
    }
    if (rc == HC_OK)
        rc = hc_buf_ok(&b) ? str_val(p, hc_buf_str(&b), b.len, out) : nomem(p);
    hc_buf_release(&b);
    return rc;
}

/* stripEscapedNewlines: a backslash ending a line eats the white space after it. */
static void strip_escaped_newlines(struct hc_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    for (;;) {
        const char *bs = i < n ? memchr(s + i, '\\', n - i) : NULL;
        if (!bs) {
            hc_buf_add(b, s, n);
            return;
        }
        i = (size_t)(bs - s);
        if (i + 1 < n && s[i + 1] == '\\') {
            i += 2;
            continue;
        }
        size_t j = i + 1;
        while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
            j++;
        if (j == i + 1 || !memchr(s + i, '\n', j - i)) {
            i++;
            continue;
        }
        hc_buf_add(b, s, i);
        s += j;
        n -= j;
        i = 0;
    }
}

static bool underscores_ok(const char *s, size_t n)
{
    static const char *const special[] = {"nan", "+nan", "-nan", "inf", "-inf", "+inf"};
    for (size_t i = 0; i < 6; i++)
        if (strlen(special[i]) == n && memcmp(s, special[i], n) == 0)
            return true;
    bool ok = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_' && !ok)
            return false;
        ok = is_hex((unsigned char)s[i]);
    }
    return ok;
}

static bool leading_zero(const char *s, size_t n)
{
    if (n > 1 && s[0] == '0' && !(s[1] == 'b' || s[1] == 'o' || s[1] == 'x'))
        return true;
    return n > 2 && (s[0] == '-' || s[0] == '+') && s[1] == '0';
}

static hc_status value_integer(struct parser *p, const struct item *it, hc_val *out)
{
    const char *s = p->lx->in + it->start;
    size_t n = it->len;
    struct hc_buf q = HC_BUF_INIT;
    hc_status rc = HC_OK;
    if (!underscores_ok(s, n))
        rc = fail(p, it->line, "Invalid integer %s: underscores must be surrounded by digits",
                  qstr(&q, s, n));
    else if (leading_zero(s, n))
        rc = fail(p, it->line, "Invalid integer %s: cannot have leading zeroes", qstr(&q, s, n));
    if (rc != HC_OK) {
        hc_buf_release(&q);
        return rc;
    }
    /* strconv.ParseInt(s, 0, 64): sign, base prefix, underscores (already checked) */
    size_t i = 0;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-')
        neg = s[i++] == '-';
    int base = 10;
    if (n - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' || s[i + 1] == 'b')) {
        base = s[i + 1] == 'x' ? 16 : s[i + 1] == 'o' ? 8 : 2;
        i += 2;
    }
    uint64_t v = 0, limit = neg ? (uint64_t)1 << 63 : ((uint64_t)1 << 63) - 1;
    bool range = false;
    for (; i < n; i++) {
        if (s[i] == '_')
            continue;
        unsigned d = (unsigned)(s[i] <= '9' ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10);
        if (v > (limit - d) / (uint64_t)base) {
            range = true;
            break;
        }
        v = v * (uint64_t)base + d;
    }
    if (range) {
        rc = fail(p, it->line, "%.*s is out of range for int64", (int)n, s);
        hc_buf_release(&q);
        return rc;
    }
    hc_buf_release(&q);
    *out = hc_int(neg ? (int64_t)(0 - v) : (int64_t)v);
    return HC_OK;
}

static hc_status value_float(struct parser *p, const struct item *it, hc_val *out)
{
    const char *s = p->lx->in + it->start;
    size_t n = it->len;
    struct hc_buf q = HC_BUF_INIT;
    hc_status rc = HC_OK;
    /* the parts between '.', 'e' and 'E' */
    size_t from = 0, nparts = 0;
    bool first_zero = false;
    for (size_t i = 0; i <= n && rc == HC_OK; i++) {
        if (i < n && s[i] != '.' && s[i] != 'e' && s[i] != 'E')
            continue;
        if (i > from) {
            if (!underscores_ok(s + from, i - from))
                rc = fail(p, it->line, "Invalid float %s: underscores must be surrounded by digits",
                          qstr(&q, s, n));
            if (nparts++ == 0)
                first_zero = leading_zero(s + from, i - from);
        }
        from = i + 1;
    }
    if (rc == HC_OK && first_zero)
        rc = fail(p, it->line, "Invalid float %s: cannot have leading zeroes", qstr(&q, s, n));
    if (rc == HC_OK) {
        bool bad = false, period = false;
        for (size_t i = 0; i < n && !bad; i++) {
            if (period && !is_digit((unsigned char)s[i]))
                bad = true;
            period = s[i] == '.';
        }
        if (bad || period)
            rc = fail(p, it->line, "Invalid float %s: '.' must be followed by one or more digits",
                      qstr(&q, s, n));
    }
    if (rc != HC_OK) {
        hc_buf_release(&q);
        return rc;
    }
    char buf[128];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
        if (s[i] != '_')
            buf[k++] = s[i];
    buf[k] = '\0';
    double f;
    bool sign = buf[0] == '-';
    const char *num = buf + (buf[0] == '+' || buf[0] == '-');
    if (strcmp(num, "nan") == 0) {
        f = sign ? -NAN : NAN;
    } else if (strcmp(num, "inf") == 0) {
        f = sign ? -INFINITY : INFINITY;
    } else {
        /* the lexer admits [0-9_.eE+-]; strtod must take all of it, as ParseFloat does */
        bool ok = k < sizeof buf - 1;
        for (size_t i = 0; i < k; i++)
            if (!(is_digit((unsigned char)buf[i]) || strchr(".eE+-", buf[i])))
                ok = false;
        char *end = NULL;
        errno = 0;
        f = ok ? strtod(buf, &end) : 0;
        if (!ok || !end || *end) {
            rc = fail(p, it->line, "Invalid float value: %s", qstr(&q, s, n));
        } else if (errno == ERANGE && isinf(f)) {
            rc = fail(p, it->line, "%.*s is out of range for float64", (int)n, s);
        }
    }
    hc_buf_release(&q);
    if (rc == HC_OK)
        *out = hc_float(f);
    return rc;
}

static hc_status value_datetime(struct parser *p, const struct item *it, hc_val *out)
{
    const char *s = p->lx->in + it->start;
    size_t n = it->len;
    if (!p->h || !p->h->datetime)
        return str_val(p, s, n, out);
    /* datetimeRepl: z -> Z, t and ' ' -> T */
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_add(&b, s, n);
    if (!hc_buf_ok(&b)) {
        hc_buf_release(&b);
        return nomem(p);
    }
    for (size_t i = 0; i < b.len; i++) {
        if (b.data[i] == 'z')
            b.data[i] = 'Z';
        else if (b.data[i] == 't' || b.data[i] == ' ')
            b.data[i] = 'T';
    }
    hc_status rc = p->h->datetime(p->h->ctx, hc_buf_str(&b), b.len, p->a, out);
    if (rc == HC_ERR_NOMEM) {
        rc = nomem(p);
    } else if (rc != HC_OK) {
        struct hc_buf q = HC_BUF_INIT;
        rc = fail(p, it->line, "invalid datetime: %s", qstr(&q, hc_buf_str(&b), b.len));
        hc_buf_release(&q);
    }
    hc_buf_release(&b);
    return rc;
}

static hc_status value_array(struct parser *p, struct item *it, hc_val *out)
{
    hc_status rc = set_type(p, p->cur, p->ncur, true);
    if (rc != HC_OK)
        return rc;
    struct hc_listb lb;
    hc_listb_init(&lb, p->a);
    for (;;) {
        if ((rc = next_item(p, &it)) != HC_OK)
            return rc;
        if (it->t == I_ARRAY_END)
            break;
        if (it->t == I_COMMENT) {
            if ((rc = next_item(p, &it)) != HC_OK)
                return rc;
            continue;
        }
        hc_val v;
        if ((rc = value(p, it, true, &v)) != HC_OK)
            return rc;
        if (hc_listb_push(&lb, v) != HC_OK)
            return nomem(p);
    }
    struct hc_list *l = hc_listb_finish(&lb);
    if (!l)
        return nomem(p);
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

static hc_status read_key(struct parser *p, struct item **it, struct keypart *key, size_t *nkey,
                          enum itype end);

static hc_status value_itable(struct parser *p, bool parent_is_array, hc_val *out)
{
    hc_val top;
    hc_status rc = new_map(p, &top);
    if (rc != HC_OK)
        return rc;
    size_t outer_n = p->ncontext;
    struct keypart *outer = hc_arena_alloc(p->a, (outer_n + 1) * sizeof *outer);
    if (!outer)
        return nomem(p);
    memcpy(outer, p->context, outer_n * sizeof *outer);
    const char *outer_key = p->cur;
    size_t outer_klen = p->ncur;
    if ((rc = push_ctx(p, p->cur ? p->cur : "", p->ncur)) != HC_OK)
        return rc;
    size_t prev_n = p->ncontext;
    struct keypart *prev = hc_arena_alloc(p->a, prev_n * sizeof *prev);
    if (!prev)
        return nomem(p);
    memcpy(prev, p->context, prev_n * sizeof *prev);
    p->cur = NULL;
    p->ncur = 0;
    if ((rc = add_implicit(p, p->context, p->ncontext)) != HC_OK ||
        (rc = add_context(p, prev, prev_n, parent_is_array)) != HC_OK)
        return rc;
    for (;;) {
        struct item *it;
        if ((rc = next_item(p, &it)) != HC_OK)
            return rc;
        if (it->t == I_ITABLE_END)
            break;
        if (it->t == I_COMMENT) {
            if ((rc = next_item(p, &it)) != HC_OK)
                return rc;
            continue;
        }
        struct keypart key[64];
        size_t nkey;
        if ((rc = read_key(p, &it, key, &nkey, I_KEY_END)) != HC_OK)
            return rc;
        p->cur = key[nkey - 1].s;
        p->ncur = key[nkey - 1].n;
        for (size_t i = 0; i + 1 < nkey; i++) {
            if ((rc = push_ctx(p, key[i].s, key[i].n)) != HC_OK)
                return rc;
            rc = add_implicit(p, p->context, p->ncontext);
            if (rc == HC_OK)
                rc = add_context(p, p->context, p->ncontext, false);
            if (rc != HC_OK)
                return rc;
        }
        struct item *vi;
        hc_val v;
        if ((rc = next_item(p, &vi)) != HC_OK || (rc = value(p, vi, false, &v)) != HC_OK ||
            (rc = set_value(p, p->cur, p->ncur, v)) != HC_OK ||
            (rc = set_type(p, p->cur, p->ncur, vi->t == I_ARRAY)) != HC_OK)
            return rc;
        struct hc_map *hash = top.u.m;
        for (size_t i = 0; i + 1 < nkey; i++) {
            hc_val h;
            if (!hc_map_get(hash, key[i].s, key[i].n, &h)) {
                if ((rc = new_map(p, &h)) != HC_OK)
                    return rc;
                if (hc_map_set(p->a, hash, key[i].s, key[i].n, h) != HC_OK)
                    return nomem(p);
            }
            if (!(h.kind == HC_MAP && h.gotype == HC_GT_MAP)) {
                struct hc_buf b = HC_BUF_INIT;
                key_str(&b, p->context, p->ncontext);
                struct hc_buf q = HC_BUF_INIT;
                rc = fail(p, p->pos_line, "%s is not a table", qstr(&q, hc_buf_str(&b), b.len));
                hc_buf_release(&b);
                hc_buf_release(&q);
                return rc;
            }
            hash = h.u.m;
        }
        if (hc_map_set(p->a, hash, p->cur, p->ncur, v) != HC_OK)
            return nomem(p);
        memcpy(p->context, prev, prev_n * sizeof *prev);
        p->ncontext = prev_n;
    }
    memcpy(p->context, outer, outer_n * sizeof *outer);
    p->ncontext = outer_n;
    p->cur = outer_key;
    p->ncur = outer_klen;
    *out = top;
    return HC_OK;
}

static hc_status value(struct parser *p, struct item *it, bool parent_is_array, hc_val *out)
{
    const char *s = p->lx->in + it->start;
    size_t n = it->len;
    if (++p->depth > HC_TOML_MAX_DEPTH)
        return hc_error_set(p->err, HC_ERR_LIMIT, "toml: nested deeper than %d levels",
                            HC_TOML_MAX_DEPTH);
    hc_status rc;
    switch (it->t) {
    case I_STRING:
    case I_RAW_STRING:
        rc = str_val(p, s, n, out);
        break;
    case I_STRING_ESC:
        rc = unescape(p, it, s, n, out);
        break;
    case I_RAW_ML_STRING:
    case I_ML_STRING: {
        if (n > 0 && s[0] == '\n')
            s++, n--;
        else if (n > 1 && s[0] == '\r' && s[1] == '\n')
            s += 2, n -= 2;
        if (it->t == I_RAW_ML_STRING) {
            rc = str_val(p, s, n, out);
            break;
        }
        struct hc_buf b = HC_BUF_INIT;
        strip_escaped_newlines(&b, s, n);
        rc = hc_buf_ok(&b) ? unescape(p, it, hc_buf_str(&b), b.len, out) : nomem(p);
        hc_buf_release(&b);
        break;
    }
    case I_INTEGER:
        rc = value_integer(p, it, out);
        break;
    case I_FLOAT:
        rc = value_float(p, it, out);
        break;
    case I_BOOL:
        *out = hc_bool(n == 4);
        rc = HC_OK;
        break;
    case I_DATETIME:
        rc = value_datetime(p, it, out);
        break;
    case I_ARRAY:
        rc = value_array(p, it, out);
        break;
    case I_ITABLE_START:
        rc = value_itable(p, parent_is_array, out);
        break;
    default:
        rc = hc_error_set(p->err, HC_ERR_PARSE, "toml: unexpected item");
    }
    p->depth--;
    return rc;
}

/* The parts of a key up to the end item; quoted parts are unescaped into the arena. */
static hc_status read_key(struct parser *p, struct item **it, struct keypart *key, size_t *nkey,
                          enum itype end)
{
    hc_status rc = next_item(p, it);
    if (rc != HC_OK)
        return rc;
    p->pos_line = (*it)->line;
    size_t n = 0;
    for (; (*it)->t != end && (*it)->t != I_EOF; rc = next_item(p, it)) {
        if (rc != HC_OK)
            return rc;
        if (n == 64)
            return hc_error_set(p->err, HC_ERR_LIMIT, "toml: key with more than 64 parts");
        if ((*it)->t == I_TEXT) {
            key[n].s = p->lx->in + (*it)->start;
            key[n].n = (*it)->len;
        } else {
            hc_val v;
            if ((rc = value(p, *it, false, &v)) != HC_OK)
                return rc;
            key[n].s = v.u.s;
            key[n].n = v.len;
        }
        n++;
    }
    if (rc != HC_OK)
        return rc;
    if ((*it)->t != end || n == 0)
        return hc_error_set(p->err, HC_ERR_PARSE, "toml: unexpected end of key");
    *nkey = n;
    return HC_OK;
}

static hc_status top_level(struct parser *p, struct item *it)
{
    hc_status rc;
    struct keypart key[64];
    size_t nkey;
    switch (it->t) {
    case I_COMMENT:
        return next_item(p, &it);
    case I_TABLE_START:
    case I_ATABLE_START: {
        bool array = it->t == I_ATABLE_START;
        if ((rc = read_key(p, &it, key, &nkey, array ? I_ATABLE_END : I_TABLE_END)) != HC_OK)
            return rc;
        if ((rc = add_context(p, key, nkey, array)) != HC_OK)
            return rc;
        return set_type(p, "", 0, false);
    }
    case I_KEY_START: {
        size_t outer_n = p->ncontext;
        struct keypart *outer = hc_arena_alloc(p->a, (outer_n + 1) * sizeof *outer);
        if (!outer)
            return nomem(p);
        memcpy(outer, p->context, outer_n * sizeof *outer);
        if ((rc = read_key(p, &it, key, &nkey, I_KEY_END)) != HC_OK)
            return rc;
        p->cur = key[nkey - 1].s;
        p->ncur = key[nkey - 1].n;
        for (size_t i = 0; i + 1 < nkey; i++) {
            if ((rc = push_ctx(p, key[i].s, key[i].n)) != HC_OK)
                return rc;
            rc = add_implicit(p, p->context, p->ncontext);
            if (rc == HC_OK)
                rc = add_context(p, p->context, p->ncontext, false);
            if (rc != HC_OK)
                return rc;
        }
        struct item *vi;
        hc_val v;
        if ((rc = next_item(p, &vi)) != HC_OK || (rc = value(p, vi, false, &v)) != HC_OK ||
            (rc = set_value(p, p->cur, p->ncur, v)) != HC_OK ||
            (rc = set_type(p, p->cur, p->ncur, vi->t == I_ARRAY)) != HC_OK)
            return rc;
        memcpy(p->context, outer, outer_n * sizeof *outer);
        p->ncontext = outer_n;
        p->cur = NULL;
        p->ncur = 0;
        return HC_OK;
    }
    default:
        return hc_error_set(p->err, HC_ERR_PARSE, "toml: unexpected item at top level");
    }
}

/* Arrays of tables become []interface {}, as the value model has no []map[string]interface {}. */
static void finish(hc_val v, int depth)
{
    if (depth > HC_TOML_MAX_DEPTH + 2)
        return;
    if (v.kind == HC_LIST && v.u.l) {
        if (v.u.l->named == &aot_type)
            v.u.l->named = NULL;
        for (uint32_t i = 0; i < v.u.l->len; i++)
            finish(v.u.l->items[i], depth + 1);
    } else if (v.kind == HC_MAP && v.u.m) {
        for (uint32_t i = 0; i < v.u.m->len; i++) {
            hc_val *e = &v.u.m->e[i].val;
            if (e->kind == HC_LIST && e->u.l && e->u.l->named == &aot_type)
                e->gotype = HC_GT_LIST;
            finish(*e, depth + 1);
        }
    }
}

hc_status hc_toml_read(struct hc_arena *a, const char *src, size_t len,
                       const struct hc_toml_hooks *h, hc_val *out, struct hc_error *err)
{
    if (len >= 2 &&
        ((src[0] == '\xff' && src[1] == '\xfe') || (src[0] == '\xfe' && src[1] == '\xff'))) {
        src += 2, len -= 2;
    } else if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0) {
        src += 3, len -= 3;
    }
    if (memchr(src, '\0', len < 6 ? len : 6))
        return hc_error_set(err, HC_ERR_PARSE,
                            "toml: line 1: files cannot contain NULL bytes; probably using "
                            "UTF-16; TOML files must be UTF-8");
    struct lexer *lx = hc_calloc(1, sizeof *lx);
    struct parser *p = hc_calloc(1, sizeof *p);
    hc_status rc = HC_OK;
    if (!lx || !p) {
        rc = hc_error_nomem(err);
        goto out;
    }
    lx->in = src;
    lx->n = len;
    lx->line = 1;
    run_lexer(lx);
    p->lx = lx;
    p->a = a;
    p->h = h;
    p->err = err;
    p->arrays = hc_map_new(a, 8);
    p->implicits = hc_map_new(a, 8);
    if (!p->arrays || !p->implicits || new_map(p, &p->mapping) != HC_OK) {
        rc = hc_error_nomem(err);
        goto out;
    }
    for (;;) {
        struct item *it;
        if ((rc = next_item(p, &it)) != HC_OK)
            break;
        if (it->t == I_EOF)
            break;
        if ((rc = top_level(p, it)) != HC_OK)
            break;
    }
    if (rc == HC_OK) {
        finish(p->mapping, 0);
        *out = p->mapping;
    }
out:
    if (lx) {
        for (size_t i = 0; i < lx->nitems; i++)
            hc_free(lx->items[i].msg);
        hc_free(lx->items);
    }
    hc_free(lx);
    hc_free(p);
    return rc;
}
