/*
 * parse.c - the parser of Go's text/template.  Mirrors
 * text/template/parse/parse.go (Go 1.25) production for production, with
 * Go's three-token lookahead, its error messages and its error line numbers
 * (the line of the last token read from the lexer).  The number and string
 * literal rules of Go's strconv (ParseInt, ParseUint, ParseFloat, Unquote,
 * UnquoteChar) and fmt.Sscan's complex scanning live here too, as parse.go
 * relies on them.
 *
 * Invariant: each Go Tree being parsed (the text's own, each define, each
 * block) has its own struct tree with its own lookahead, variables and range
 * depth, all sharing one lexer and one struct parser.  Nodes are allocated in
 * the arena; lists are gathered on a scratch stack and copied to the arena
 * when complete, so a parse allocates no more than its nodes.  Parenthesized
 * pipelines nest on a heap stack of frames (p->frames), not the C stack;
 * control structures recurse, bounded by MAX_CONTROL_DEPTH.  Go panics on
 * the first error; here every function returns NULL (or checks p->failed)
 * and the first error is kept.
 */
#include "template/parse.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "template/func.h"
#include "template/lex.h"
#include "template/runes.h"

/*
 * Go's maxStackDepth: nesting of parenthesized pipelines in one tree.  The
 * levels live on a heap stack (p->frames), not the C stack.
 */
#define MAX_STACK_DEPTH 10000
/*
 * Nesting of control structures (if, range, with, block, and each "else if")
 * in one text.  Go has no such limit (its stacks grow); here each level
 * costs an item_list and a parse_control frame (about 270 bytes with gcc
 * -O2, up to 1.5 KiB in a clang -O0 sanitizer build), and the executor walks
 * the same depth later, so the limit stays far below the C stack and far
 * above what charts use (a few dozen).
 */
#define MAX_CONTROL_DEPTH 1000

/* A pipeline being parsed, and the command being parsed in it. */
struct pipe_frame {
    struct hc_node *pipe;
    struct hc_node *cmd; /* NULL between commands */
    size_t cmds_mark;    /* the scratch stack mark of the pipeline's commands */
    size_t args_mark;    /* and of the command's arguments */
    const char *context; /* for messages: "command", "if", "parenthesized pipeline", ... */
    uint8_t end;         /* the closing item: right delimiter or right paren */
};

/* What every tree parsed from one text shares. */
struct parser {
    struct hc_lexer lex;
    struct hc_arena *arena;
    const struct hc_funcset *funcs;
    unsigned mode;
    const char *parse_name; /* the text's template name, for messages */
    size_t parse_name_len;
    const char *text;
    size_t text_len;
    struct hc_tree_map *tree_set;
    struct hc_error *err;
    bool failed;
    struct hc_tstr *vars; /* variables in scope, a stack shared by the trees */
    uint32_t nvars, vars_cap;
    struct hc_node **stack; /* scratch for lists being gathered */
    size_t nstack, stack_cap;
    uint32_t nest;             /* control structures open, against MAX_CONTROL_DEPTH */
    struct pipe_frame *frames; /* pipelines being parsed, innermost last */
    size_t nframes, frames_cap;
    struct hc_buf msg; /* error messages and unquoting */
};

/* Go's Tree while it is being parsed. */
struct tree {
    struct parser *p;
    struct hc_tree *t;       /* name, parse name, root, text */
    struct hc_item token[3]; /* three-token lookahead */
    int peek_count;
    uint32_t vars_base;   /* this tree's variables are p->vars[vars_base..] */
    uint32_t action_line; /* line of the left delimiter starting the action */
    int range_depth;
    int stack_depth; /* nested parenthesized pipelines */
};

/* ---- errors ---- */

static void nomem(struct parser *p)
{
    if (!p->failed)
        hc_error_nomem(p->err);
    p->failed = true;
}

/* errorf, first half: "template: NAME:LINE: " into p->msg. */
static struct hc_buf *err_begin(struct tree *t)
{
    struct parser *p = t->p;
    hc_buf_reset(&p->msg);
    hc_buf_adds(&p->msg, "template: ");
    hc_buf_add(&p->msg, p->parse_name, p->parse_name_len);
    hc_buf_printf(&p->msg, ":%u: ", (unsigned)t->token[0].line);
    return &p->msg;
}

/* errorf, second half: records p->msg as the error and stops the parse. */
static void err_end(struct tree *t)
{
    struct parser *p = t->p;
    if (p->failed)
        return;
    if (!hc_buf_ok(&p->msg)) {
        nomem(p);
        return;
    }
    struct hc_pos pos = {p->parse_name, t->token[0].line, 0};
    hc_error_set_at(p->err, HC_ERR_PARSE, pos, "%s", hc_buf_str(&p->msg));
    p->failed = true;
}

__attribute__((format(printf, 2, 3))) static void errorf(struct tree *t, const char *fmt, ...)
{
    struct hc_buf *b = err_begin(t);
    va_list ap;
    va_start(ap, fmt);
    hc_buf_vprintf(b, fmt, ap);
    va_end(ap);
    err_end(t);
}

/* unexpected complains about the token. */
static void unexpected(struct tree *t, const struct hc_item *token, const char *context)
{
    if (token->typ == HC_ITEM_ERROR && !hc_buf_ok(&t->p->lex.msg)) {
        nomem(t->p);
        return;
    }
    struct hc_buf *b = err_begin(t);
    if (token->typ == HC_ITEM_ERROR) {
        hc_item_print(b, token);
        if (t->action_line != 0 && t->action_line != token->line) {
            /* avoid "action in action" */
            bool action = token->len >= 7 && memcmp(token->val + token->len - 7, " action", 7) == 0;
            hc_buf_adds(b, action ? " started at " : " in action started at ");
            hc_buf_add(b, t->p->parse_name, t->p->parse_name_len);
            hc_buf_printf(b, ":%u", (unsigned)t->action_line);
        }
    } else {
        hc_buf_adds(b, "unexpected ");
        hc_item_print(b, token);
        hc_buf_adds(b, " in ");
        hc_buf_adds(b, context);
    }
    err_end(t);
}

/* ---- the token stream ---- */

/*
 * The token functions come in two forms: the *_ref ones return a pointer
 * into the lookahead buffer, valid until the next token call, and keep the
 * frames of the recursive productions small; the others return a copy.
 */
static const struct hc_item *next_ref(struct tree *t)
{
    if (t->peek_count > 0)
        t->peek_count--;
    else
        t->token[0] = hc_lex_next(&t->p->lex);
    return &t->token[t->peek_count];
}

static struct hc_item next(struct tree *t)
{
    return *next_ref(t);
}

static void backup(struct tree *t)
{
    t->peek_count++;
}

/* backup2: the zeroth token is already there. */
static void backup2(struct tree *t, struct hc_item t1)
{
    t->token[1] = t1;
    t->peek_count = 2;
}

/* backup3: reverse order, we are pushing back. */
static void backup3(struct tree *t, struct hc_item t2, struct hc_item t1)
{
    t->token[1] = t1;
    t->token[2] = t2;
    t->peek_count = 3;
}

static const struct hc_item *peek_ref(struct tree *t)
{
    if (t->peek_count > 0)
        return &t->token[t->peek_count - 1];
    t->peek_count = 1;
    t->token[0] = hc_lex_next(&t->p->lex);
    return &t->token[0];
}

static struct hc_item peek(struct tree *t)
{
    return *peek_ref(t);
}

static const struct hc_item *next_non_space_ref(struct tree *t)
{
    const struct hc_item *token;
    do
        token = next_ref(t);
    while (token->typ == HC_ITEM_SPACE);
    return token;
}

static struct hc_item next_non_space(struct tree *t)
{
    return *next_non_space_ref(t);
}

static const struct hc_item *peek_non_space_ref(struct tree *t)
{
    const struct hc_item *token = next_non_space_ref(t);
    backup(t);
    return token;
}

static struct hc_item peek_non_space(struct tree *t)
{
    return *peek_non_space_ref(t);
}

/* expect consumes the next token and guarantees it has the required type. */
static struct hc_item expect(struct tree *t, enum hc_item_type expected, const char *context)
{
    struct hc_item token = next_non_space(t);
    if (token.typ != expected)
        unexpected(t, &token, context);
    return token;
}

static struct hc_item expect_one_of(struct tree *t, enum hc_item_type e1, enum hc_item_type e2,
                                    const char *context)
{
    struct hc_item token = next_non_space(t);
    if (token.typ != e1 && token.typ != e2)
        unexpected(t, &token, context);
    return token;
}

/* ---- strconv and fmt, as parse.go uses them ---- */

static char lower(char c)
{
    return (char)(c | ('x' - 'X'));
}

/* underscoreOK: underscores only between digits or between a base prefix and a digit. */
static bool underscore_ok(const char *s, size_t n)
{
    char saw = '^'; /* ^ start, 0 digit or prefix, _ underscore, ! other */
    size_t i = 0;
    if (n >= 1 && (s[0] == '-' || s[0] == '+')) {
        s++;
        n--;
    }
    bool hex = false;
    if (n >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
        i = 2;
        saw = '0'; /* the base prefix counts as a digit */
        hex = lower(s[1]) == 'x';
    }
    for (; i < n; i++) {
        if ((s[i] >= '0' && s[i] <= '9') || (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f')) {
            saw = '0';
            continue;
        }
        if (s[i] == '_') {
            if (saw != '0')
                return false;
            saw = '_';
            continue;
        }
        if (saw == '_')
            return false;
        saw = '!';
    }
    return saw != '_';
}

/* strconv.ParseUint(s, 0, 64); false on any error (syntax or range). */
static bool parse_uint(const char *s0, size_t n0, uint64_t *out)
{
    const char *s = s0;
    size_t n = n0;
    unsigned base = 10;
    *out = 0;
    if (n == 0)
        return false;
    if (s[0] == '0') {
        size_t skip = 2;
        if (n >= 3 && lower(s[1]) == 'b') {
            base = 2;
        } else if (n >= 3 && lower(s[1]) == 'o') {
            base = 8;
        } else if (n >= 3 && lower(s[1]) == 'x') {
            base = 16;
        } else {
            base = 8;
            skip = 1;
        }
        s += skip;
        n -= skip;
    }
    uint64_t cutoff = UINT64_MAX / base + 1;
    bool underscores = false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        unsigned d;
        if (c == '_') {
            underscores = true;
            continue;
        } else if (c >= '0' && c <= '9') {
            d = (unsigned)(c - '0');
        } else if (lower(c) >= 'a' && lower(c) <= 'z') {
            d = (unsigned)(lower(c) - 'a' + 10);
        } else {
            return false;
        }
        if (d >= base)
            return false;
        if (v >= cutoff)
            return false; /* v*base overflows */
        v *= base;
        uint64_t v1 = v + d;
        if (v1 < v)
            return false; /* v+d overflows */
        v = v1;
    }
    if (underscores && !underscore_ok(s0, n0))
        return false;
    *out = v;
    return true;
}

/* strconv.ParseInt(s, 0, 64); false on any error. */
static bool parse_int(const char *s, size_t n, int64_t *out)
{
    *out = 0;
    if (n == 0)
        return false;
    bool neg = false;
    if (s[0] == '+') {
        s++;
        n--;
    } else if (s[0] == '-') {
        neg = true;
        s++;
        n--;
    }
    uint64_t un;
    if (!parse_uint(s, n, &un))
        return false;
    const uint64_t cutoff = (uint64_t)1 << 63;
    if (!neg && un >= cutoff)
        return false;
    if (neg && un > cutoff)
        return false;
    if (neg)
        *out = un == cutoff ? INT64_MIN : -(int64_t)un;
    else
        *out = (int64_t)un;
    return true;
}

enum float_err { FLOAT_OK, FLOAT_SYNTAX, FLOAT_RANGE };

/*
 * strconv.ParseFloat(s, 64).  The syntax is checked here as Go's readFloat
 * does (decimal or hex mantissa with underscores, hex needs a p exponent);
 * the correctly rounded value then comes from strtod in the "C" locale, which
 * rounds as Go does.  Go's "inf"/"nan" spellings never reach this function:
 * the lexer cannot produce them as numbers.
 */
static enum float_err parse_float(struct parser *p, const char *s, size_t n, double *out)
{
    size_t i = 0;
    bool underscores = false, hex = false, sawdot = false, sawdigits = false;
    *out = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    if (i + 2 < n && s[i] == '0' && lower(s[i + 1]) == 'x') {
        hex = true;
        i += 2;
    }
    for (; i < n; i++) {
        char c = s[i];
        if (c == '_') {
            underscores = true;
        } else if (c == '.') {
            if (sawdot)
                break;
            sawdot = true;
        } else if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
            sawdigits = true;
        } else {
            break;
        }
    }
    if (!sawdigits)
        return FLOAT_SYNTAX;
    if (i < n && lower(s[i]) == (hex ? 'p' : 'e')) {
        i++;
        if (i >= n)
            return FLOAT_SYNTAX;
        if (s[i] == '+' || s[i] == '-')
            i++;
        if (i >= n || s[i] < '0' || s[i] > '9')
            return FLOAT_SYNTAX;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
            if (s[i] == '_')
                underscores = true;
    } else if (hex) {
        return FLOAT_SYNTAX; /* a hex mantissa must have an exponent */
    }
    if (underscores && !underscore_ok(s, i))
        return FLOAT_SYNTAX;
    if (i != n)
        return FLOAT_SYNTAX;

    hc_buf_reset(&p->msg);
    for (size_t k = 0; k < n; k++)
        if (s[k] != '_')
            hc_buf_addc(&p->msg, s[k]);
    if (!hc_buf_ok(&p->msg)) {
        nomem(p);
        return FLOAT_SYNTAX;
    }
    locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (c_locale == (locale_t)0) {
        nomem(p);
        return FLOAT_SYNTAX;
    }
    locale_t old = uselocale(c_locale);
    char *end;
    double f = strtod(hc_buf_str(&p->msg), &end);
    uselocale(old);
    freelocale(c_locale);
    if (end != hc_buf_str(&p->msg) + p->msg.len)
        return FLOAT_SYNTAX;
    if (isinf(f))
        return FLOAT_RANGE; /* more than half an ULP past the largest double */
    *out = f;
    return FLOAT_OK;
}

static int unhex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (lower(c) >= 'a' && lower(c) <= 'f')
        return lower(c) - 'a' + 10;
    return -1;
}

bool hc_rune_unquote_char(const char *s, size_t n, char quote, int32_t *value, bool *multibyte,
                          size_t *consumed)
{
    *multibyte = false;
    if (n == 0)
        return false;
    unsigned char c = (unsigned char)s[0];
    if (c == (unsigned char)quote && (quote == '\'' || quote == '"'))
        return false;
    if (c >= HC_RUNE_SELF) {
        *consumed = hc_rune_decode(s, n, value);
        *multibyte = true;
        return true;
    }
    if (c != '\\') {
        *value = c;
        *consumed = 1;
        return true;
    }
    if (n <= 1)
        return false;
    char e = s[1];
    size_t i = 2;
    switch (e) {
    case 'a':
        *value = '\a';
        break;
    case 'b':
        *value = '\b';
        break;
    case 'f':
        *value = '\f';
        break;
    case 'n':
        *value = '\n';
        break;
    case 'r':
        *value = '\r';
        break;
    case 't':
        *value = '\t';
        break;
    case 'v':
        *value = '\v';
        break;
    case 'x':
    case 'u':
    case 'U': {
        size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (n - i < digits)
            return false;
        uint32_t v = 0;
        for (size_t j = 0; j < digits; j++) {
            int x = unhex(s[i + j]);
            if (x < 0)
                return false;
            v = v << 4 | (uint32_t)x;
        }
        i += digits;
        if (e == 'x') { /* a single byte, possibly not UTF-8 */
            *value = (int32_t)v;
            break;
        }
        if (v > 0x10FFFF || !hc_rune_valid((int32_t)v))
            return false;
        *value = (int32_t)v;
        *multibyte = true;
        break;
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
        int32_t v = e - '0';
        if (n - i < 2)
            return false;
        for (size_t j = 0; j < 2; j++) { /* one digit already; two more */
            int32_t x = s[i + j] - '0';
            if (x < 0 || x > 7)
                return false;
            v = (v << 3) | x;
        }
        i += 2;
        if (v > 255)
            return false;
        *value = v;
        break;
    }
    case '\\':
        *value = '\\';
        break;
    case '\'':
    case '"':
        if (e != quote)
            return false;
        *value = e;
        break;
    default:
        return false;
    }
    *consumed = i;
    return true;
}

/*
 * strconv.Unquote of a lexed string token.  The result points into the
 * token when nothing needs unescaping, else into the arena.  false means Go's
 * "invalid syntax" (or out of memory, then p->failed is set).
 */
static bool unquote(struct parser *p, const char *in, size_t n, struct hc_tstr *out)
{
    if (n < 2)
        return false;
    char quote = in[0];
    const char *close = memchr(in + 1, quote, n - 1);
    if (!close)
        return false;
    size_t end = (size_t)(close - in) + 1; /* just past the first closing quote */
    if (quote == '`') {
        if (end != n)
            return false;
        if (!memchr(in, '\r', end)) {
            out->s = in + 1;
            out->len = (uint32_t)(end - 2);
            return true;
        }
        /* Carriage returns inside raw strings are discarded. */
        char *buf = hc_arena_alloc(p->arena, end);
        if (!buf) {
            nomem(p);
            return false;
        }
        size_t k = 0;
        for (size_t i = 1; i + 1 < end; i++)
            if (in[i] != '\r')
                buf[k++] = in[i];
        out->s = buf;
        out->len = (uint32_t)k;
        return true;
    }
    if (quote != '"' && quote != '\'')
        return false;
    if (!memchr(in, '\\', end) && !memchr(in, '\n', end)) {
        bool valid;
        if (quote == '"') {
            valid = true;
            for (size_t i = 1; i + 1 < end && valid;) {
                if ((unsigned char)in[i] < 0x80) { /* ASCII is valid as it stands */
                    i++;
                    continue;
                }
                int32_t r;
                size_t w = hc_rune_decode(in + i, end - 1 - i, &r);
                valid = !(r == HC_RUNE_ERROR && w == 1);
                i += w;
            }
        } else {
            int32_t r;
            size_t w = hc_rune_decode(in + 1, end - 2, &r);
            valid = 1 + w + 1 == end && (r != HC_RUNE_ERROR || w != 1);
        }
        if (valid) {
            if (end != n)
                return false;
            out->s = in + 1;
            out->len = (uint32_t)(end - 2);
            return true;
        }
    }
    /* With escape sequences (or invalid UTF-8, which becomes U+FFFD). */
    hc_buf_reset(&p->msg);
    size_t i = 1;
    while (i < n && in[i] != quote) {
        int32_t r;
        bool multibyte;
        size_t used;
        if (in[i] == '\n' || !hc_rune_unquote_char(in + i, n - i, quote, &r, &multibyte, &used))
            return false;
        i += used;
        if (r < HC_RUNE_SELF || !multibyte) {
            hc_buf_addc(&p->msg, (char)r);
        } else {
            char enc[4];
            hc_buf_add(&p->msg, enc, hc_rune_encode(enc, r));
        }
        if (quote == '\'')
            break; /* single-quoted strings hold one character */
    }
    if (!(i < n && in[i] == quote) || i + 1 != n)
        return false;
    if (!hc_buf_ok(&p->msg)) {
        nomem(p);
        return false;
    }
    char *buf = hc_arena_alloc(p->arena, p->msg.len ? p->msg.len : 1);
    if (!buf) {
        nomem(p);
        return false;
    }
    memcpy(buf, hc_buf_str(&p->msg), p->msg.len);
    out->s = buf;
    out->len = (uint32_t)p->msg.len;
    return true;
}

/* ---- nodes ---- */

static struct hc_node *new_node(struct tree *t, enum hc_node_type typ, uint32_t pos)
{
    struct hc_node *n = hc_arena_zalloc(t->p->arena, sizeof *n);
    if (!n) {
        nomem(t->p);
        return NULL;
    }
    n->type = (uint8_t)typ;
    n->pos = pos;
    n->tree = t->t;
    return n;
}

/* Pushes n on the scratch stack of nodes being gathered into a list. */
static bool push(struct parser *p, struct hc_node *n)
{
    if (p->nstack == p->stack_cap) {
        size_t cap = p->stack_cap ? p->stack_cap * 2 : 64;
        struct hc_node **s = hc_realloc(p->stack, hc_mul_size(cap, sizeof *s));
        if (!s) {
            nomem(p);
            return false;
        }
        p->stack = s;
        p->stack_cap = cap;
    }
    p->stack[p->nstack++] = n;
    return true;
}

/* Moves the nodes pushed since mark into an arena array. */
static bool gather(struct parser *p, size_t mark, struct hc_node ***nodes, uint32_t *len)
{
    size_t n = p->nstack - mark;
    *len = (uint32_t)n;
    *nodes = NULL;
    if (n) {
        *nodes = hc_arena_array(p->arena, n, sizeof **nodes);
        if (!*nodes) {
            nomem(p);
            return false;
        }
        memcpy(*nodes, p->stack + mark, n * sizeof **nodes);
    }
    p->nstack = mark;
    return true;
}

/* Splits s[0..n) at dots into an arena array of names (strings.Split). */
static bool split_dots(struct parser *p, const char *s, size_t n, struct hc_tstr **out,
                       uint32_t *count)
{
    uint32_t k = 1;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '.';
    struct hc_tstr *a = hc_arena_array(p->arena, k, sizeof *a);
    if (!a) {
        nomem(p);
        return false;
    }
    uint32_t j = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            a[j].s = s + start;
            a[j].len = (uint32_t)(i - start);
            j++;
            start = i + 1;
        }
    }
    *out = a;
    *count = k;
    return true;
}

/* newVariable: $x.Field1.Field2 split into its names. */
static struct hc_node *new_variable(struct tree *t, uint32_t pos, const char *s, size_t n)
{
    struct hc_node *v = new_node(t, HC_NODE_VARIABLE, pos);
    if (!v || !split_dots(t->p, s, n, &v->u.field.idents, &v->u.field.n))
        return NULL;
    return v;
}

/* newField: .Field1.Field2, without the leading dot. */
static struct hc_node *new_field(struct tree *t, uint32_t pos, const char *s, size_t n)
{
    struct hc_node *f = new_node(t, HC_NODE_FIELD, pos);
    if (!f || !split_dots(t->p, s + 1, n - 1, &f->u.field.idents, &f->u.field.n))
        return NULL;
    return f;
}

static struct hc_node *new_list(struct tree *t, uint32_t pos)
{
    return new_node(t, HC_NODE_LIST, pos);
}

static struct hc_node *new_pipeline(struct tree *t, uint32_t pos, uint32_t line)
{
    struct hc_node *n = new_node(t, HC_NODE_PIPE, pos);
    if (n)
        n->line = line;
    return n;
}

/* simplifyComplex: the other kinds a complex number with zero imaginary part is. */
static void float_to_ints(struct hc_node_number *n)
{
    double f = n->f;
    /* float64(int64(f)) == f and float64(uint64(f)) == f, as Go computes them on amd64 */
    n->is_int = f >= -9223372036854775808.0 && f < 9223372036854775808.0 && f == trunc(f);
    if (n->is_int)
        n->i = (int64_t)f;
    n->is_uint = f > -1.0 && f < 18446744073709551616.0 && f == trunc(f);
    if (n->is_uint)
        n->u = (uint64_t)f;
}

static void simplify_complex(struct hc_node_number *n)
{
    n->is_float = n->imag == 0;
    if (n->is_float)
        float_to_ints(n);
}

/* fmt's ss.accept: consumes s[*i] if it is one of the bytes in set. */
static bool accept_byte(const char *s, size_t n, size_t *i, const char *set)
{
    if (*i < n && s[*i] != '\0' && strchr(set, s[*i])) {
        (*i)++;
        return true;
    }
    return false;
}

/* fmt's ss.floatToken, on s[*i..n). */
static void float_token(const char *s, size_t n, size_t *i)
{
    if (accept_byte(s, n, i, "nN") && accept_byte(s, n, i, "aA") && accept_byte(s, n, i, "nN"))
        return; /* NaN */
    accept_byte(s, n, i, "+-");
    if (accept_byte(s, n, i, "iI") && accept_byte(s, n, i, "nN") && accept_byte(s, n, i, "fF"))
        return; /* Inf */
    const char *digits = "0123456789_";
    const char *exp = "eEpP";
    if (accept_byte(s, n, i, "0") && accept_byte(s, n, i, "xX")) {
        digits = "0123456789aAbBcCdDeEfF_";
        exp = "pP";
    }
    while (accept_byte(s, n, i, digits)) {
    }
    if (accept_byte(s, n, i, "."))
        while (accept_byte(s, n, i, digits)) {
        }
    if (accept_byte(s, n, i, exp)) {
        accept_byte(s, n, i, "+-");
        while (accept_byte(s, n, i, "0123456789_")) {
        }
    }
}

/*
 * fmt.Sscan(text, &complex128) on a lexed complex token: floatToken, a
 * sign, floatToken, 'i', each part then read by strconv.ParseFloat (a
 * decimal mantissa with a binary exponent, which Sscan also knows, never
 * comes from the lexer).  Returns NULL or Go's error text.
 */
static const char *scan_complex(struct parser *p, const char *s, size_t n, double *re, double *im)
{
    size_t i = 0;
    float_token(s, n, &i);
    size_t real_end = i;
    if (!accept_byte(s, n, &i, "+-"))
        return "syntax error scanning complex number";
    float_token(s, n, &i);
    size_t imag_end = i;
    if (!accept_byte(s, n, &i, "i"))
        return "syntax error scanning complex number";
    const char *part[2] = {s, s + real_end};
    size_t plen[2] = {real_end, imag_end - real_end};
    double v[2];
    for (int k = 0; k < 2; k++) {
        enum float_err e = parse_float(p, part[k], plen[k], &v[k]);
        if (p->failed)
            return NULL;
        if (e != FLOAT_OK) {
            hc_buf_reset(&p->msg);
            hc_buf_adds(&p->msg, "strconv.ParseFloat: parsing ");
            hc_rune_quote(&p->msg, part[k], plen[k]);
            hc_buf_adds(&p->msg, e == FLOAT_RANGE ? ": value out of range" : ": invalid syntax");
            return hc_buf_ok(&p->msg) ? hc_buf_str(&p->msg) : "out of memory";
        }
    }
    *re = v[0];
    *im = v[1];
    return NULL;
}

/* strings.ContainsAny(s, ".eEpP") */
static bool looks_float(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strchr(".eEpP", s[i]))
            return true;
    return false;
}

/*
 * newNumber: the value of a number, character or complex token under every
 * Go type that can hold it.  On error the message is Go's (without the
 * "template: NAME:LINE: " prefix) and is recorded through errorf.
 */
static struct hc_node *new_number(struct tree *t, const struct hc_item *token)
{
    struct parser *p = t->p;
    struct hc_node *node = new_node(t, HC_NODE_NUMBER, token->pos);
    if (!node)
        return NULL;
    struct hc_node_number *n = hc_arena_zalloc(p->arena, sizeof *n);
    if (!n) {
        nomem(p);
        return NULL;
    }
    node->u.number = n;
    const char *text = token->val;
    size_t len = token->len;
    n->text.s = text;
    n->text.len = (uint32_t)len;
    if (token->typ == HC_ITEM_CHAR_CONSTANT) {
        int32_t r;
        bool mb;
        size_t used;
        if (!hc_rune_unquote_char(text + 1, len - 1, text[0], &r, &mb, &used)) {
            errorf(t, "invalid syntax");
            return NULL;
        }
        if (used + 2 != len || text[len - 1] != '\'') {
            struct hc_buf *b = err_begin(t);
            hc_buf_adds(b, "malformed character constant: ");
            hc_buf_add(b, text, len);
            err_end(t);
            return NULL;
        }
        n->i = r;
        n->is_int = true;
        n->u = (uint64_t)r;
        n->is_uint = true;
        n->f = r; /* odd but those are the rules */
        n->is_float = true;
        return node;
    }
    if (token->typ == HC_ITEM_COMPLEX) {
        const char *e = scan_complex(p, text, len, &n->f, &n->imag);
        if (p->failed)
            return NULL;
        if (e) {
            errorf(t, "%s", e);
            return NULL;
        }
        n->is_complex = true;
        simplify_complex(n);
        return node;
    }
    /* Imaginary constants can only be complex unless they are zero. */
    if (len > 0 && text[len - 1] == 'i') {
        double f;
        if (parse_float(p, text, len - 1, &f) == FLOAT_OK) {
            n->is_complex = true;
            n->f = 0;
            n->imag = f;
            simplify_complex(n);
            return node;
        }
        if (p->failed)
            return NULL;
    }
    /* Do the integer test first so we get 0x123 etc. */
    uint64_t u;
    int64_t i;
    if (parse_uint(text, len, &u)) {
        n->is_uint = true;
        n->u = u;
    }
    if (parse_int(text, len, &i)) {
        n->is_int = true;
        n->i = i;
        if (i == 0) { /* in case of -0 */
            n->is_uint = true;
            n->u = u;
        }
    }
    /* If an integer extraction succeeded, promote the float. */
    if (n->is_int) {
        n->is_float = true;
        n->f = (double)n->i;
    } else if (n->is_uint) {
        n->is_float = true;
        n->f = (double)n->u;
    } else {
        double f;
        enum float_err e = parse_float(p, text, len, &f);
        if (p->failed)
            return NULL;
        if (e == FLOAT_OK) {
            /* Parsed as a float but looks like an integer: a huge number. */
            if (!looks_float(text, len)) {
                struct hc_buf *b = err_begin(t);
                hc_buf_adds(b, "integer overflow: ");
                hc_rune_quote(b, text, len);
                err_end(t);
                return NULL;
            }
            n->is_float = true;
            n->f = f;
            /* If a floating-point extraction succeeded, extract the ints. */
            float_to_ints(n);
        }
    }
    if (!n->is_int && !n->is_uint && !n->is_float) {
        struct hc_buf *b = err_begin(t);
        hc_buf_adds(b, "illegal number syntax: ");
        hc_rune_quote(b, text, len);
        err_end(t);
        return NULL;
    }
    return node;
}

/* ---- the grammar ---- */

/* hasFunction: the row for name, or NULL. */
static const struct hc_func *has_function(const struct parser *p, const char *name, size_t len)
{
    return p->funcs ? hc_funcset_find(p->funcs, name, len) : NULL;
}

static bool push_var(struct parser *p, const char *s, size_t n)
{
    if (p->nvars == p->vars_cap) {
        uint32_t cap = p->vars_cap ? p->vars_cap * 2 : 16;
        struct hc_tstr *v = hc_realloc(p->vars, hc_mul_size(cap, sizeof *v));
        if (!v) {
            nomem(p);
            return false;
        }
        p->vars = v;
        p->vars_cap = cap;
    }
    p->vars[p->nvars].s = s;
    p->vars[p->nvars].len = (uint32_t)n;
    p->nvars++;
    return true;
}

/* startParse: a tree with "$" defined, no lookahead, nothing nested. */
static bool start_parse(struct tree *t, struct parser *p, struct hc_tree *tree)
{
    memset(t, 0, sizeof *t);
    t->p = p;
    t->t = tree;
    t->vars_base = p->nvars;
    return push_var(p, "$", 1);
}

/* stopParse: drops the tree's variables. */
static void stop_parse(struct tree *t)
{
    t->p->nvars = t->vars_base;
}

/* New: a tree named name (the name may be set later) sharing the text. */
static struct hc_tree *new_tree(struct parser *p, const char *name, size_t len)
{
    struct hc_tree *tr = hc_arena_zalloc(p->arena, sizeof *tr);
    if (!tr) {
        nomem(p);
        return NULL;
    }
    tr->name.s = name;
    tr->name.len = (uint32_t)len;
    tr->parse_name.s = p->parse_name;
    tr->parse_name.len = (uint32_t)p->parse_name_len;
    tr->text = p->text;
    tr->text_len = p->text_len;
    return tr;
}

/* add adds the tree to the tree set (first non-empty definition wins, two are an error). */
static void add(struct tree *t)
{
    struct parser *p = t->p;
    struct hc_tree *old = hc_tree_map_get(p->tree_set, t->t->name.s, t->t->name.len);
    if (!old || hc_tree_is_empty(old->root)) {
        if (!hc_tree_map_put(p->tree_set, t->t))
            nomem(p);
        return;
    }
    if (!hc_tree_is_empty(t->t->root)) {
        struct hc_buf *b = err_begin(t);
        hc_buf_adds(b, "template: multiple definition of template ");
        hc_rune_quote(b, t->t->name.s, t->t->name.len);
        err_end(t);
    }
}

static struct hc_node *item_list(struct tree *t, struct hc_node **next_out);
/*
 * The recursive productions.  Only item_list and parse_control are real
 * functions on the recursive path; the productions between them are forced
 * inline so that one level of control nesting costs two small frames.
 * Parentheses nest without recursion (see pipeline).
 */
static struct hc_node *pipeline(struct tree *t, const char *context, enum hc_item_type end);
static struct hc_node *parse_control(struct tree *t, enum hc_node_type type, const char *context);
static inline struct hc_node *text_or_action(struct tree *t);
static inline struct hc_node *action(struct tree *t);
static inline struct hc_node *if_control(struct tree *t);
static inline struct hc_node *with_control(struct tree *t);
static bool parse_template_name(struct tree *t, const struct hc_item *token, const char *context,
                                struct hc_tstr *name);

/* Node names used in "unexpected %s" messages: Go's endNode and elseNode String(). */
static const char *control_name(const struct hc_node *n)
{
    return n->type == HC_NODE_END ? "{{end}}" : "{{else}}";
}

/*
 * parseDefinition parses a {{define}} ... {{end}} template definition and
 * installs it in the tree set.  The "define" keyword has been scanned.
 */
static void parse_definition(struct tree *t)
{
    static const char context[] = "define clause";
    struct hc_item name = expect_one_of(t, HC_ITEM_STRING, HC_ITEM_RAW_STRING, context);
    if (t->p->failed)
        return;
    if (!unquote(t->p, name.val, name.len, &t->t->name)) {
        if (!t->p->failed)
            errorf(t, "invalid syntax");
        return;
    }
    expect(t, HC_ITEM_RIGHT_DELIM, context);
    if (t->p->failed)
        return;
    struct hc_node *end;
    t->t->root = item_list(t, &end);
    if (!t->t->root)
        return;
    if (end->type != HC_NODE_END) {
        errorf(t, "unexpected %s in %s", control_name(end), context);
        return;
    }
    add(t);
    stop_parse(t);
}

/*
 * parse is the top-level parser for a template, essentially the same as
 * itemList except it also parses {{define}} actions.  It runs to EOF.
 */
static void parse(struct tree *t)
{
    struct parser *p = t->p;
    struct hc_node *root = new_list(t, peek(t).pos);
    if (!root)
        return;
    t->t->root = root;
    size_t mark = p->nstack;
    while (peek(t).typ != HC_ITEM_EOF) {
        if (peek(t).typ == HC_ITEM_LEFT_DELIM) {
            struct hc_item delim = next(t);
            if (next_non_space(t).typ == HC_ITEM_DEFINE) {
                struct hc_tree *nt = new_tree(p, "definition", 10);
                struct tree def;
                if (!nt || !start_parse(&def, p, nt))
                    return;
                parse_definition(&def);
                if (p->failed)
                    return;
                continue;
            }
            backup2(t, delim);
        }
        struct hc_node *n = text_or_action(t);
        if (!n)
            return;
        if (n->type == HC_NODE_END || n->type == HC_NODE_ELSE) {
            errorf(t, "unexpected %s", control_name(n));
            return;
        }
        if (!push(p, n))
            return;
    }
    gather(p, mark, &root->u.list.nodes, &root->u.list.len);
}

/*
 * itemList:
 *     textOrAction*
 * Terminates at {{end}} or {{else}}, returned separately in *next_out.
 */
static struct hc_node *item_list(struct tree *t, struct hc_node **next_out)
{
    struct parser *p = t->p;
    struct hc_node *list = new_list(t, peek_non_space_ref(t)->pos);
    if (!list)
        return NULL;
    size_t mark = p->nstack;
    while (peek_non_space_ref(t)->typ != HC_ITEM_EOF) {
        struct hc_node *n = text_or_action(t);
        if (!n)
            return NULL;
        if (n->type == HC_NODE_END || n->type == HC_NODE_ELSE) {
            *next_out = n;
            if (!gather(p, mark, &list->u.list.nodes, &list->u.list.len))
                return NULL;
            return list;
        }
        if (!push(p, n))
            return NULL;
    }
    errorf(t, "unexpected EOF");
    return NULL;
}

/* The text, comment and error cases of textOrAction. */
__attribute__((noinline)) static struct hc_node *text_or_comment(struct tree *t,
                                                                 const struct hc_item *token)
{
    if (token->typ != HC_ITEM_TEXT && token->typ != HC_ITEM_COMMENT) {
        struct hc_item copy = *token;
        unexpected(t, &copy, "input");
        return NULL;
    }
    struct hc_node *n =
        new_node(t, token->typ == HC_ITEM_TEXT ? HC_NODE_TEXT : HC_NODE_COMMENT, token->pos);
    if (n) {
        n->u.text.s = token->val;
        n->u.text.len = (uint32_t)token->len;
    }
    return n;
}

/*
 * textOrAction:
 *     text | comment | action
 */
__attribute__((always_inline)) static inline struct hc_node *text_or_action(struct tree *t)
{
    const struct hc_item *token = next_non_space_ref(t);
    if (token->typ != HC_ITEM_LEFT_DELIM)
        return text_or_comment(t, token);
    t->action_line = token->line;
    struct hc_node *n = action(t);
    t->action_line = 0; /* Go's deferred clearActionLine */
    return n;
}

/* Break: {{break}} and Continue: {{continue}}; the keyword at pos, line is past. */
__attribute__((noinline)) static struct hc_node *break_control(struct tree *t, uint32_t pos,
                                                               uint32_t line, bool is_break)
{
    struct hc_item token = next_non_space(t);
    if (token.typ != HC_ITEM_RIGHT_DELIM) {
        unexpected(t, &token, is_break ? "{{break}}" : "{{continue}}");
        return NULL;
    }
    if (t->range_depth == 0) {
        errorf(t, "%s outside {{range}}", is_break ? "{{break}}" : "{{continue}}");
        return NULL;
    }
    struct hc_node *n = new_node(t, is_break ? HC_NODE_BREAK : HC_NODE_CONTINUE, pos);
    if (n)
        n->line = line;
    return n;
}

/* A list holding one node, at pos (the else list of an else-if chain). */
__attribute__((noinline)) static struct hc_node *list_of_one(struct tree *t, uint32_t pos,
                                                             struct hc_node *node)
{
    struct hc_node *list = new_list(t, pos);
    struct hc_node **one = hc_arena_array(t->p->arena, 1, sizeof *one);
    if (!list || !one) {
        nomem(t->p);
        return NULL;
    }
    one[0] = node;
    list->u.list.nodes = one;
    list->u.list.len = 1;
    return list;
}

/*
 * parseControl: the pipeline, the list, and the else list of if, range and
 * with (which share BranchNode).  "else if" and "else with" chains nest the
 * next control in the else list, as if {{else}}{{if ...}}...{{end}}{{end}}.
 */
static struct hc_node *parse_control(struct tree *t, enum hc_node_type type, const char *context)
{
    struct parser *p = t->p;
    if (p->nest >= MAX_CONTROL_DEPTH) {
        errorf(t, "max nesting depth exceeded");
        return NULL;
    }
    p->nest++;
    uint32_t saved_vars = p->nvars; /* Go's deferred popVars */
    struct hc_node *n = NULL, *list, *else_list = NULL, *next_node = NULL;
    struct hc_node *pipe = pipeline(t, context, HC_ITEM_RIGHT_DELIM);
    if (!pipe)
        goto out;
    if (type == HC_NODE_RANGE)
        t->range_depth++;
    list = item_list(t, &next_node);
    if (type == HC_NODE_RANGE)
        t->range_depth--;
    if (!list)
        goto out;
    if (next_node->type == HC_NODE_ELSE) {
        enum hc_item_type k = peek_ref(t)->typ;
        if ((type == HC_NODE_IF && k == HC_ITEM_IF) ||
            (type == HC_NODE_WITH && k == HC_ITEM_WITH)) {
            next_ref(t); /* consume the "if" or "with" */
            uint32_t else_pos = next_node->pos;
            struct hc_node *inner = k == HC_ITEM_IF ? if_control(t) : with_control(t);
            if (!inner || !(else_list = list_of_one(t, else_pos, inner)))
                goto out;
        } else {
            else_list = item_list(t, &next_node);
            if (!else_list)
                goto out;
            if (next_node->type != HC_NODE_END) {
                errorf(t, "expected end; found %s", control_name(next_node));
                goto out;
            }
        }
    }
    n = new_node(t, type, pipe->pos);
    if (n) {
        n->line = pipe->line;
        n->u.branch.pipe = pipe;
        n->u.branch.list = list;
        n->u.branch.else_list = else_list;
    }
out:
    p->nvars = saved_vars;
    p->nest--;
    return n;
}

/*
 * If:
 *     {{if pipeline}} itemList {{end}}
 *     {{if pipeline}} itemList {{else}} itemList {{end}}
 * The keyword is past.
 */
__attribute__((always_inline)) static inline struct hc_node *if_control(struct tree *t)
{
    return parse_control(t, HC_NODE_IF, "if");
}

/*
 * Range:
 *     {{range pipeline}} itemList {{end}}
 *     {{range pipeline}} itemList {{else}} itemList {{end}}
 */
__attribute__((always_inline)) static inline struct hc_node *range_control(struct tree *t)
{
    return parse_control(t, HC_NODE_RANGE, "range");
}

/*
 * With:
 *     {{with pipeline}} itemList {{end}}
 *     {{with pipeline}} itemList {{else}} itemList {{end}}
 */
__attribute__((always_inline)) static inline struct hc_node *with_control(struct tree *t)
{
    return parse_control(t, HC_NODE_WITH, "with");
}

/* End: {{end}}; the keyword is past. */
__attribute__((noinline)) static struct hc_node *end_control(struct tree *t)
{
    struct hc_item token = expect(t, HC_ITEM_RIGHT_DELIM, "end");
    if (t->p->failed)
        return NULL;
    return new_node(t, HC_NODE_END, token.pos);
}

/* Else: {{else}}; the keyword is past.  "else if"/"else with" leave the keyword pending. */
__attribute__((noinline)) static struct hc_node *else_control(struct tree *t)
{
    struct hc_item token = peek_non_space(t);
    if (token.typ != HC_ITEM_IF && token.typ != HC_ITEM_WITH) {
        token = expect(t, HC_ITEM_RIGHT_DELIM, "else");
        if (t->p->failed)
            return NULL;
    }
    struct hc_node *n = new_node(t, HC_NODE_ELSE, token.pos);
    if (n)
        n->line = token.line;
    return n;
}

static struct hc_node *new_template(struct tree *t, const struct hc_item *token,
                                    struct hc_tstr name, struct hc_node *pipe)
{
    struct hc_node *n = new_node(t, HC_NODE_TEMPLATE, token->pos);
    if (n) {
        n->line = token->line;
        n->u.tmpl.name = name;
        n->u.tmpl.pipe = pipe;
    }
    return n;
}

/*
 * Block:
 *     {{block stringValue pipeline}}
 * The keyword is past; the pipeline is mandatory.  The body becomes a tree
 * of its own (with its own variables and range depth) and the action a
 * {{template}} call.
 */
__attribute__((noinline)) static struct hc_node *block_control(struct tree *t)
{
    static const char context[] = "block clause";
    struct parser *p = t->p;
    struct hc_item token = next_non_space(t);
    struct hc_tstr name;
    if (!parse_template_name(t, &token, context, &name))
        return NULL;
    struct hc_node *pipe = pipeline(t, context, HC_ITEM_RIGHT_DELIM);
    if (!pipe)
        return NULL;
    if (p->nest >= MAX_CONTROL_DEPTH) {
        errorf(t, "max nesting depth exceeded");
        return NULL;
    }
    struct hc_tree *bt = new_tree(p, name.s, name.len);
    struct tree block;
    if (!bt || !start_parse(&block, p, bt))
        return NULL;
    p->nest++;
    struct hc_node *end;
    bt->root = item_list(&block, &end);
    p->nest--;
    if (!bt->root)
        return NULL;
    if (end->type != HC_NODE_END) {
        errorf(t, "unexpected %s in %s", control_name(end), context);
        return NULL;
    }
    add(&block);
    if (p->failed)
        return NULL;
    stop_parse(&block);
    return new_template(t, &token, name, pipe);
}

/*
 * Template:
 *     {{template stringValue pipeline}}
 * The keyword is past.  The name must be a string constant.
 */
__attribute__((noinline)) static struct hc_node *template_control(struct tree *t)
{
    static const char context[] = "template clause";
    struct hc_item token = next_non_space(t);
    struct hc_tstr name;
    if (!parse_template_name(t, &token, context, &name))
        return NULL;
    struct hc_node *pipe = NULL;
    if (next_non_space(t).typ != HC_ITEM_RIGHT_DELIM) {
        backup(t);
        /* Do not pop variables; they persist until "end". */
        pipe = pipeline(t, context, HC_ITEM_RIGHT_DELIM);
        if (!pipe)
            return NULL;
    }
    return new_template(t, &token, name, pipe);
}

static bool parse_template_name(struct tree *t, const struct hc_item *token, const char *context,
                                struct hc_tstr *name)
{
    if (token->typ != HC_ITEM_STRING && token->typ != HC_ITEM_RAW_STRING) {
        unexpected(t, token, context);
        return false;
    }
    if (!unquote(t->p, token->val, token->len, name)) {
        if (!t->p->failed)
            errorf(t, "invalid syntax");
        return false;
    }
    return true;
}

/*
 * Action:
 *     control
 *     command ("|" command)*
 * The left delimiter is past; the first word may be a keyword.
 */
__attribute__((always_inline)) static inline struct hc_node *action(struct tree *t)
{
    const struct hc_item *token = next_non_space_ref(t);
    switch (token->typ) {
    case HC_ITEM_BLOCK:
        return block_control(t);
    case HC_ITEM_BREAK:
        return break_control(t, token->pos, token->line, true);
    case HC_ITEM_CONTINUE:
        return break_control(t, token->pos, token->line, false);
    case HC_ITEM_ELSE:
        return else_control(t);
    case HC_ITEM_END:
        return end_control(t);
    case HC_ITEM_IF:
        return if_control(t);
    case HC_ITEM_RANGE:
        return range_control(t);
    case HC_ITEM_TEMPLATE:
        return template_control(t);
    case HC_ITEM_WITH:
        return with_control(t);
    default:
        break;
    }
    backup(t);
    token = peek_ref(t);
    uint32_t pos = token->pos, line = token->line;
    /* Do not pop variables; they persist until "end". */
    struct hc_node *pipe = pipeline(t, "command", HC_ITEM_RIGHT_DELIM);
    if (!pipe)
        return NULL;
    struct hc_node *n = new_node(t, HC_NODE_ACTION, pos);
    if (n) {
        n->line = line;
        n->u.action_pipe = pipe;
    }
    return n;
}

/* checkPipeline: not empty, and only the first command may start with a literal. */
static bool check_pipeline(struct tree *t, struct hc_node *pipe, const char *context)
{
    if (pipe->u.pipe.ncmds == 0) {
        errorf(t, "missing value for %s", context);
        return false;
    }
    for (uint32_t i = 1; i < pipe->u.pipe.ncmds; i++) {
        switch (pipe->u.pipe.cmds[i]->u.cmd.args[0]->type) {
        case HC_NODE_BOOL:
        case HC_NODE_DOT:
        case HC_NODE_NIL:
        case HC_NODE_NUMBER:
        case HC_NODE_STRING:
            /* With A|B|C, pipeline stage 2 is B. */
            errorf(t, "non executable command in pipeline stage %u", (unsigned)i + 1);
            return false;
        default:
            break;
        }
    }
    return true;
}

/* Records a declared (or assigned) variable of the pipeline. */
static bool declare(struct tree *t, struct hc_node *pipe, struct hc_node **decl,
                    const struct hc_item *v)
{
    struct hc_node *var = new_variable(t, v->pos, v->val, v->len);
    if (!var || !push_var(t->p, v->val, v->len))
        return false;
    decl[pipe->u.pipe.ndecl++] = var;
    return true;
}

/*
 * The declarations of a pipeline: $x :=, $x =, or (in range) $k, $v :=.
 * false on error.
 */
__attribute__((noinline)) static bool pipeline_decls(struct tree *t, struct hc_node *pipe,
                                                     const char *context)
{
    struct hc_node *decl[2];
    for (;;) {
        struct hc_item v = peek_non_space(t);
        if (v.typ != HC_ITEM_VARIABLE)
            break;
        next(t);
        /* Space is a token, so in "$x foo" we need 3-token lookahead to see
         * that $x is an argument rather than a declaration: remember the
         * token after the variable to push it back if needed. */
        struct hc_item after = peek(t);
        struct hc_item nx = peek_non_space(t);
        if (nx.typ == HC_ITEM_ASSIGN || nx.typ == HC_ITEM_DECLARE) {
            pipe->u.pipe.is_assign = nx.typ == HC_ITEM_ASSIGN;
            next_non_space(t);
            if (!declare(t, pipe, decl, &v))
                return false;
        } else if (nx.typ == HC_ITEM_CHAR && nx.len == 1 && nx.val[0] == ',') {
            next_non_space(t);
            if (!declare(t, pipe, decl, &v))
                return false;
            if (strcmp(context, "range") == 0 && pipe->u.pipe.ndecl < 2) {
                enum hc_item_type k = peek_non_space(t).typ;
                if (k == HC_ITEM_VARIABLE || k == HC_ITEM_RIGHT_DELIM || k == HC_ITEM_RIGHT_PAREN)
                    continue; /* a second variable in a range pipeline */
                errorf(t, "range can only initialize variables");
                return false;
            }
            errorf(t, "too many declarations in %s", context);
            return false;
        } else if (after.typ == HC_ITEM_SPACE) {
            backup3(t, v, after);
        } else {
            backup2(t, v);
        }
        break;
    }
    if (pipe->u.pipe.ndecl) {
        pipe->u.pipe.decl = hc_arena_array(t->p->arena, pipe->u.pipe.ndecl, sizeof *decl);
        if (!pipe->u.pipe.decl) {
            nomem(t->p);
            return false;
        }
        memcpy(pipe->u.pipe.decl, decl, pipe->u.pipe.ndecl * sizeof *decl);
    }
    return true;
}

/* Appends a node's printed form as %q (for "unexpected . after term %q"). */
static void quote_node(struct hc_buf *b, const struct hc_node *n)
{
    struct hc_buf tmp = HC_BUF_INIT;
    hc_node_print(&tmp, n);
    if (!hc_buf_ok(&tmp))
        b->failed = true;
    hc_rune_quote(b, hc_buf_str(&tmp), tmp.len);
    hc_buf_release(&tmp);
}

/*
 * operand:
 *     term .Field*
 * The field accesses after a term (pipeline() reads the term): a field or
 * variable gets more names, literals are an error, anything else becomes a
 * chain.
 */
static struct hc_node *operand_fields(struct tree *t, struct hc_node *node)
{
    struct parser *p = t->p;
    uint32_t pos = peek_ref(t)->pos;
    /*
     * Compatibility with Go's original API: a field or variable term just
     * gets more names (and the chain's position: Go makes a new node from
     * the chain's text; this node is not shared yet, so it is reused and its
     * names array, the arena's newest allocation, grows in place); literals
     * cannot have fields; anything else becomes a ChainNode.
     */
    bool extend = node->type == HC_NODE_FIELD || node->type == HC_NODE_VARIABLE;
    struct hc_tstr *names = extend ? node->u.field.idents : NULL;
    uint32_t n = extend ? node->u.field.n : 0;
    while (peek_ref(t)->typ == HC_ITEM_FIELD) {
        const struct hc_item *f = next_ref(t);
        struct hc_tstr *grown =
            hc_arena_realloc(p->arena, names, n * sizeof *names, (n + 1) * sizeof *names);
        if (!grown) {
            nomem(p);
            return NULL;
        }
        names = grown;
        names[n].s = f->val + 1; /* without the dot */
        names[n].len = (uint32_t)(f->len - 1);
        n++;
    }
    switch (node->type) {
    case HC_NODE_FIELD:
    case HC_NODE_VARIABLE:
        node->pos = pos;
        node->u.field.idents = names;
        node->u.field.n = n;
        return node;
    case HC_NODE_BOOL:
    case HC_NODE_STRING:
    case HC_NODE_NUMBER:
    case HC_NODE_NIL:
    case HC_NODE_DOT: {
        struct hc_buf *b = err_begin(t);
        hc_buf_adds(b, "unexpected . after term ");
        quote_node(b, node);
        err_end(t);
        return NULL;
    }
    default: {
        struct hc_node *chain = new_node(t, HC_NODE_CHAIN, pos);
        if (!chain)
            return NULL;
        chain->u.chain.node = node;
        chain->u.chain.fields = names;
        chain->u.chain.n = n;
        return chain;
    }
    }
}

/* useVar: a variable reference, which must be in scope. */
static struct hc_node *use_var(struct tree *t, const struct hc_item *token)
{
    struct parser *p = t->p;
    struct hc_node *v = new_variable(t, token->pos, token->val, token->len);
    if (!v)
        return NULL;
    const struct hc_tstr *name = &v->u.field.idents[0];
    for (uint32_t i = p->nvars; i-- > t->vars_base;)
        if (p->vars[i].len == name->len && memcmp(p->vars[i].s, name->s, name->len) == 0)
            return v;
    struct hc_buf *b = err_begin(t);
    hc_buf_adds(b, "undefined variable ");
    hc_rune_quote(b, name->s, name->len);
    err_end(t);
    return NULL;
}

/*
 * term:
 *     literal (number, string, nil, boolean)
 *     function (identifier)
 *     .
 *     .Field
 *     $
 *     '(' pipeline ')'
 * NULL (without an error) means the next item is not a term (it is backed
 * up).  A left parenthesis is pipeline()'s: it opens a nested pipeline.
 */
static struct hc_node *term(struct tree *t, const struct hc_item *ref)
{
    struct parser *p = t->p;
    struct hc_item token = *ref;
    struct hc_node *n;
    switch (token.typ) {
    case HC_ITEM_IDENTIFIER: {
        const struct hc_func *fn = has_function(p, token.val, token.len);
        if (!fn && !(p->mode & HC_PARSE_SKIP_FUNC_CHECK)) {
            struct hc_buf *b = err_begin(t);
            hc_buf_adds(b, "function ");
            hc_rune_quote(b, token.val, token.len);
            hc_buf_adds(b, " not defined");
            err_end(t);
            return NULL;
        }
        n = new_node(t, HC_NODE_IDENTIFIER, token.pos);
        if (n) {
            n->u.ident.name.s = token.val;
            n->u.ident.name.len = (uint32_t)token.len;
            n->u.ident.fn = fn;
        }
        return n;
    }
    case HC_ITEM_DOT:
        return new_node(t, HC_NODE_DOT, token.pos);
    case HC_ITEM_NIL:
        return new_node(t, HC_NODE_NIL, token.pos);
    case HC_ITEM_VARIABLE:
        return use_var(t, &token);
    case HC_ITEM_FIELD:
        return new_field(t, token.pos, token.val, token.len);
    case HC_ITEM_BOOL:
        n = new_node(t, HC_NODE_BOOL, token.pos);
        if (n)
            n->u.boolean = token.len == 4;
        return n;
    case HC_ITEM_CHAR_CONSTANT:
    case HC_ITEM_COMPLEX:
    case HC_ITEM_NUMBER:
        return new_number(t, &token);
    case HC_ITEM_STRING:
    case HC_ITEM_RAW_STRING: {
        struct hc_tstr s;
        if (!unquote(p, token.val, token.len, &s)) {
            if (!p->failed)
                errorf(t, "invalid syntax");
            return NULL;
        }
        n = new_node(t, HC_NODE_STRING, token.pos);
        if (n) {
            n->u.string.quoted.s = token.val;
            n->u.string.quoted.len = (uint32_t)token.len;
            n->u.string.text = s;
        }
        return n;
    }
    default:
        backup(t);
        return NULL;
    }
}

/*
 * Go's pipeline, command, operand and term call each other for every level
 * of parentheses; here they are the states of one loop whose levels live in
 * p->frames, so that Go's 10000 levels never touch the C stack.  The tokens
 * are read in Go's order exactly.
 */

/* Starts a pipeline (Go's pipeline up to its command loop) on a new frame. */
static bool pipeline_start(struct tree *t, const char *context, enum hc_item_type end)
{
    struct parser *p = t->p;
    if (p->nframes == p->frames_cap) {
        size_t cap = p->frames_cap ? p->frames_cap * 2 : 8;
        struct pipe_frame *f = hc_realloc(p->frames, hc_mul_size(cap, sizeof *f));
        if (!f) {
            nomem(p);
            return false;
        }
        p->frames = f;
        p->frames_cap = cap;
    }
    const struct hc_item *token = peek_non_space_ref(t);
    struct hc_node *pipe = new_pipeline(t, token->pos, token->line);
    if (!pipe || !pipeline_decls(t, pipe, context))
        return false;
    struct pipe_frame *f = &p->frames[p->nframes++];
    f->pipe = pipe;
    f->cmd = NULL;
    f->cmds_mark = p->nstack;
    f->args_mark = 0;
    f->context = context;
    f->end = (uint8_t)end;
    return true;
}

/*
 * The end of Go's operand and command loop once a term (or NULL: no term)
 * has been read: field accesses, then a space (more operands), a pipe or a
 * closing delimiter (the command is complete).
 */
static bool operand_done(struct tree *t, struct pipe_frame *f, struct hc_node *node)
{
    struct parser *p = t->p;
    if (node && peek_ref(t)->typ == HC_ITEM_FIELD)
        node = operand_fields(t, node);
    if (p->failed || (node && !push(p, node)))
        return false;
    const struct hc_item *token = next_ref(t);
    if (token->typ == HC_ITEM_SPACE)
        return true; /* another operand follows */
    if (token->typ == HC_ITEM_RIGHT_DELIM || token->typ == HC_ITEM_RIGHT_PAREN) {
        backup(t);
    } else if (token->typ != HC_ITEM_PIPE) {
        struct hc_item copy = *token;
        unexpected(t, &copy, "operand");
        return false;
    }
    struct hc_node *cmd = f->cmd;
    f->cmd = NULL;
    if (!gather(p, f->args_mark, &cmd->u.cmd.args, &cmd->u.cmd.nargs))
        return false;
    if (cmd->u.cmd.nargs == 0) {
        errorf(t, "empty command");
        return false;
    }
    return push(p, cmd);
}

/*
 * Pipeline:
 *     declarations? command ('|' command)*
 * command:
 *     operand (space operand)*
 * Space-separated arguments up to a pipeline character or right delimiter;
 * the pipe character is consumed, the right delimiter left in place.
 */
static struct hc_node *pipeline(struct tree *t, const char *context, enum hc_item_type end)
{
    struct parser *p = t->p;
    size_t base = p->nframes;
    if (!pipeline_start(t, context, end))
        return NULL;
    for (;;) {
        struct pipe_frame *f = &p->frames[p->nframes - 1];
        if (!f->cmd) { /* between commands */
            const struct hc_item *token = next_non_space_ref(t);
            if (token->typ == f->end) {
                /* At this point, the pipeline is complete. */
                struct hc_node *pipe = f->pipe;
                if (!gather(p, f->cmds_mark, &pipe->u.pipe.cmds, &pipe->u.pipe.ncmds) ||
                    !check_pipeline(t, pipe, f->context))
                    return NULL;
                p->nframes--;
                if (p->nframes == base)
                    return pipe;
                t->stack_depth--; /* a parenthesized pipeline: it was a term */
                if (!operand_done(t, &p->frames[p->nframes - 1], pipe))
                    return NULL;
                continue;
            }
            switch (token->typ) {
            case HC_ITEM_BOOL:
            case HC_ITEM_CHAR_CONSTANT:
            case HC_ITEM_COMPLEX:
            case HC_ITEM_DOT:
            case HC_ITEM_FIELD:
            case HC_ITEM_IDENTIFIER:
            case HC_ITEM_NUMBER:
            case HC_ITEM_NIL:
            case HC_ITEM_RAW_STRING:
            case HC_ITEM_STRING:
            case HC_ITEM_VARIABLE:
            case HC_ITEM_LEFT_PAREN:
                backup(t);
                f->cmd = new_node(t, HC_NODE_COMMAND, peek_non_space_ref(t)->pos);
                if (!f->cmd)
                    return NULL;
                f->args_mark = p->nstack;
                break;
            default: {
                struct hc_item copy = *token;
                unexpected(t, &copy, f->context);
                return NULL;
            }
            }
            continue;
        }
        /* An operand of the command: a term, maybe parenthesized. */
        peek_non_space_ref(t); /* skip leading spaces */
        const struct hc_item *token = next_non_space_ref(t);
        if (token->typ == HC_ITEM_LEFT_PAREN) {
            if (t->stack_depth >= MAX_STACK_DEPTH) {
                errorf(t, "max expression depth exceeded");
                return NULL;
            }
            t->stack_depth++;
            if (!pipeline_start(t, "parenthesized pipeline", HC_ITEM_RIGHT_PAREN))
                return NULL;
            continue;
        }
        struct hc_node *node = term(t, token);
        if (p->failed || !operand_done(t, f, node))
            return NULL;
    }
}

/* ---- IsEmptyTree and the tree map ---- */

/* bytes.TrimSpace(s) is empty: every rune is Unicode white space. */
static bool all_space(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int32_t r;
        size_t w = hc_rune_decode(s + i, n - i, &r);
        if ((r == HC_RUNE_ERROR && w == 1) || !hc_rune_is_space(r))
            return false;
        i += w;
    }
    return true;
}

bool hc_tree_is_empty(const struct hc_node *n)
{
    if (!n)
        return true;
    switch (n->type) {
    case HC_NODE_COMMENT:
        return true;
    case HC_NODE_LIST:
        for (uint32_t i = 0; i < n->u.list.len; i++)
            if (!hc_tree_is_empty(n->u.list.nodes[i]))
                return false;
        return true;
    case HC_NODE_TEXT:
        return all_space(n->u.text.s, n->u.text.len);
    default: /* actions, if, range, template, with */
        return false;
    }
}

/* FNV-1a */
static uint32_t hash_name(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static struct hc_tree_map_slot *map_find(const struct hc_tree_map *m, const char *name, size_t len,
                                         uint32_t h)
{
    uint32_t mask = m->cap - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        struct hc_tree_map_slot *s = &m->slots[i];
        if (!s->tree)
            return s;
        if (s->hash == h && s->tree->name.len == len && memcmp(s->tree->name.s, name, len) == 0)
            return s;
    }
}

struct hc_tree *hc_tree_map_get(const struct hc_tree_map *m, const char *name, size_t len)
{
    if (m->count == 0)
        return NULL;
    return map_find(m, name, len, hash_name(name, len))->tree;
}

bool hc_tree_map_reserve(struct hc_tree_map *m, uint32_t extra)
{
    if (extra > UINT32_MAX / 8 - m->count)
        return false;
    uint32_t need = m->count + extra;
    uint32_t cap = m->cap ? m->cap : 16;
    while (need * 4 > cap * 3) /* keep the load under 3/4 */
        cap *= 2;
    if (cap == m->cap)
        return true;
    struct hc_tree_map_slot *slots = hc_calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    struct hc_tree_map grown = {slots, cap, m->count};
    for (uint32_t i = 0; i < m->cap; i++) {
        struct hc_tree_map_slot *s = &m->slots[i];
        if (s->tree)
            *map_find(&grown, s->tree->name.s, s->tree->name.len, s->hash) = *s;
    }
    hc_free(m->slots);
    *m = grown;
    return true;
}

bool hc_tree_map_put(struct hc_tree_map *m, struct hc_tree *tree)
{
    if (!hc_tree_map_reserve(m, 1))
        return false;
    uint32_t h = hash_name(tree->name.s, tree->name.len);
    struct hc_tree_map_slot *s = map_find(m, tree->name.s, tree->name.len, h);
    if (!s->tree)
        m->count++;
    s->tree = tree;
    s->hash = h;
    return true;
}

void hc_tree_map_release(struct hc_tree_map *m)
{
    hc_free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}

/* ---- entry point ---- */

hc_status hc_parse(struct hc_arena *arena, const struct hc_funcset *funcs, unsigned mode,
                   const char *name, size_t name_len, const char *text, size_t len,
                   struct hc_tree_map *tree_set, struct hc_error *err)
{
    if (len >= UINT32_MAX || name_len >= UINT32_MAX)
        return hc_error_set(err, HC_ERR_LIMIT, "template: text too large");
    struct parser p;
    memset(&p, 0, sizeof p);
    hc_lex_init(&p.lex, text, len);
    p.arena = arena;
    p.funcs = funcs;
    p.mode = mode;
    p.parse_name = name;
    p.parse_name_len = name_len;
    p.text = text;
    p.text_len = len;
    p.tree_set = tree_set;
    p.err = err;
    hc_buf_init(&p.msg, 0);
    /* startParse's lexer options */
    p.lex.emit_comment = (mode & HC_PARSE_COMMENTS) != 0;
    p.lex.break_ok = !has_function(&p, "break", 5);
    p.lex.continue_ok = !has_function(&p, "continue", 8);

    struct tree top;
    struct hc_tree *tr = new_tree(&p, name, name_len);
    if (tr && start_parse(&top, &p, tr)) {
        parse(&top);
        if (!p.failed)
            add(&top);
    }
    hc_lex_release(&p.lex);
    hc_buf_release(&p.msg);
    hc_free(p.vars);
    hc_free(p.stack);
    hc_free(p.frames);
    if (p.failed)
        return err && err->code != HC_OK ? err->code : HC_ERR_PARSE;
    return HC_OK;
}
