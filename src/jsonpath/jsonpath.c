/*
 * jsonpath.c - client-go's JSONPath: parser.go (the parser) and jsonpath.go (the walker and
 * printer), with the comparisons of its forked text/template funcs.go.
 *
 * Grammar, as the parser accepts it (text outside braces is printed as it is):
 *
 *   template := { text | '{' action* '}' }
 *   action   := ' ' | '@' | '$'                      skipped
 *             | '.' field                             field: up to a terminator, '\' escapes
 *             | '..' [field]                          recursive descent
 *             | '[' ... ']'                           '*', 'key', i, i:j:k, a,b (a union)
 *             | '[?(' left [op right] ')]'            a filter; op is a run of ! < > =
 *             | '"..."' | "'...'"                     text, Go escapes
 *             | number | 'true' | 'false' | identifier ('range', 'end')
 *
 * Go's parser recurses once per token; this one loops, and recurses only where client-go
 * parses a part as a template of its own (union members, ['key'], filter operands).
 */
#include "jsonpath/jsonpath.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "gofmt/gofmt.h"
#include "json/json.h"
#include "template/runes.h"

enum node_kind {
    N_LIST,
    N_TEXT,
    N_FIELD,
    N_ARRAY,
    N_FILTER,
    N_INT,
    N_FLOAT,
    N_BOOL,
    N_WILDCARD,
    N_RECURSIVE,
    N_UNION,
    N_IDENT
};

struct param {
    bool known, derived;
    int64_t value;
};

struct node {
    enum node_kind kind;
    const char *s; /* text, field or identifier name, filter operator */
    size_t len;
    int64_t i;
    double f;
    bool b;
    struct param params[3];
    struct node **kids; /* a list's nodes, a union's lists */
    size_t nkids, cap;
    struct node *left, *right; /* a filter's operands (lists) */
};

struct hc_jsonpath {
    struct node *root;
};

struct parser {
    struct hc_arena *a;
    const char *in;
    size_t len, pos, start, width;
    struct node *root;
    struct hc_error *err;
    int depth;
};

#define EOF_RUNE (-1)

/* ---- nodes ---- */

static struct node *new_node(struct parser *p, enum node_kind k)
{
    struct node *n = hc_arena_zalloc(p->a, sizeof *n);
    if (n)
        n->kind = k;
    return n;
}

static hc_status append(struct parser *p, struct node *list, struct node *n)
{
    if (!n)
        return hc_error_nomem(p->err);
    if (list->nkids == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 4;
        struct node **k =
            hc_arena_realloc(p->a, list->kids, list->cap * sizeof *k, cap * sizeof *k);
        if (!k)
            return hc_error_nomem(p->err);
        list->kids = k;
        list->cap = cap;
    }
    list->kids[list->nkids++] = n;
    return HC_OK;
}

static struct node *text_node(struct parser *p, enum node_kind k, const char *s, size_t n)
{
    struct node *x = new_node(p, k);
    if (x) {
        x->s = s;
        x->len = n;
    }
    return x;
}

/* ---- scanning ---- */

static int32_t next(struct parser *p)
{
    if (p->pos >= p->len) {
        p->width = 0;
        return EOF_RUNE;
    }
    int32_t r;
    p->width = hc_rune_decode(p->in + p->pos, p->len - p->pos, &r);
    p->pos += p->width;
    return r;
}

static void backup(struct parser *p)
{
    p->pos -= p->width;
}

static int32_t peek(struct parser *p)
{
    int32_t r = next(p);
    backup(p);
    return r;
}

static bool has_prefix(const struct parser *p, const char *s)
{
    size_t n = strlen(s);
    return p->len - p->pos >= n && memcmp(p->in + p->pos, s, n) == 0;
}

static bool is_space(int32_t r)
{
    return r == ' ' || r == '\t';
}

static bool is_eol(int32_t r)
{
    return r == '\r' || r == '\n';
}

static bool is_terminator(int32_t r)
{
    if (is_space(r) || is_eol(r))
        return true;
    switch (r) {
    case EOF_RUNE:
    case '.':
    case ',':
    case '[':
    case ']':
    case '$':
    case '@':
    case '{':
    case '}':
        return true;
    }
    return false;
}

static bool is_alnum(int32_t r)
{
    return r == '_' || (r >= 0 && (hc_rune_is_letter(r) || hc_rune_is_digit(r)));
}

/* A syntax error: head, arg[0..n), tail. */
static hc_status syntax(struct parser *p, const char *head, const char *arg, size_t n,
                        const char *tail)
{
    return hc_error_set(p->err, HC_ERR_PARSE, "%s%.*s%s", head, (int)n, arg, tail);
}

/* ---- sub-templates ---- */

static hc_status parse_template(struct parser *p);

/* parseAction: text parsed as "{text}", the first action's list in *out. */
static hc_status parse_action(struct parser *p, const char *text, size_t n, struct node **out)
{
    if (p->depth >= HC_JSONPATH_MAX_DEPTH)
        return hc_error_set(p->err, HC_ERR_LIMIT, "jsonpath nested deeper than %d levels",
                            HC_JSONPATH_MAX_DEPTH);
    char *in = hc_arena_alloc(p->a, n + 2);
    if (!in)
        return hc_error_nomem(p->err);
    in[0] = '{';
    memcpy(in + 1, text, n);
    in[n + 1] = '}';
    struct parser sub = {.a = p->a, .in = in, .len = n + 2, .err = p->err, .depth = p->depth + 1};
    hc_status rc = parse_template(&sub);
    if (rc != HC_OK)
        return rc;
    *out = sub.root->kids[0]; /* the text starts with '{': a list comes first */
    return HC_OK;
}

/* ---- actions ---- */

static hc_status parse_field(struct parser *p, struct node *cur)
{
    p->start = p->pos;
    for (;;) {
        int32_t r = next(p);
        if (r == '\\') {
            next(p);
        } else if (is_terminator(r)) {
            backup(p);
            break;
        }
    }
    const char *v = p->in + p->start;
    size_t n = p->pos - p->start;
    p->start = p->pos;
    if (n == 1 && v[0] == '*')
        return append(p, cur, new_node(p, N_WILDCARD));
    char *name = hc_arena_alloc(p->a, n + 1);
    if (!name)
        return hc_error_nomem(p->err);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] != '\\')
            name[w++] = v[i];
    name[w] = '\0';
    return append(p, cur, text_node(p, N_FIELD, name, w));
}

static hc_status parse_recursive(struct parser *p, struct node *cur)
{
    if (cur->nkids && cur->kids[cur->nkids - 1]->kind == N_RECURSIVE)
        return hc_error_set(p->err, HC_ERR_PARSE, "invalid multiple recursive descent");
    p->pos += 2;
    p->start = p->pos;
    hc_status rc = append(p, cur, new_node(p, N_RECURSIVE));
    if (rc == HC_OK && is_alnum(peek(p)))
        rc = parse_field(p, cur);
    return rc;
}

/* strconv.Atoi on ASCII text: optional sign, decimal digits, no overflow. */
static bool atoi64(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (i == n)
        return false;
    uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (lim - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

/* strconv.ParseFloat on what parseNumber collects: sign, ASCII digits and one '.'. */
static bool parse_float(const char *s, size_t n, double *out)
{
    size_t i = 0, digits = 0, dots = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    for (; i < n; i++) {
        if (s[i] == '.')
            dots++;
        else if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else
            return false;
    }
    if (digits == 0 || dots > 1)
        return false;
    char *tmp = malloc(n + 1);
    if (!tmp)
        return false;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    errno = 0;
    double d = strtod(tmp, NULL);
    bool ok = !(errno == ERANGE && (d > 1 || d < -1));
    free(tmp);
    *out = d;
    return ok;
}

static hc_status parse_number(struct parser *p, struct node *cur)
{
    int32_t r = peek(p);
    if (r == '+' || r == '-')
        next(p);
    for (;;) {
        r = next(p);
        if (r != '.' && !(r >= 0 && hc_rune_is_digit(r))) {
            backup(p);
            break;
        }
    }
    const char *v = p->in + p->start;
    size_t n = p->pos - p->start;
    p->start = p->pos;
    struct node *x;
    int64_t i;
    double d;
    if (atoi64(v, n, &i)) {
        x = new_node(p, N_INT);
        if (x)
            x->i = i;
    } else if (parse_float(v, n, &d)) {
        x = new_node(p, N_FLOAT);
        if (x)
            x->f = d;
    } else {
        return syntax(p, "cannot parse number ", v, n, "");
    }
    return append(p, cur, x);
}

static hc_status parse_identifier(struct parser *p, struct node *cur)
{
    while (!is_terminator(next(p)))
        ;
    backup(p);
    const char *v = p->in + p->start;
    size_t n = p->pos - p->start;
    p->start = p->pos;
    if ((n == 4 && memcmp(v, "true", 4) == 0) || (n == 5 && memcmp(v, "false", 5) == 0)) {
        struct node *x = new_node(p, N_BOOL);
        if (x)
            x->b = n == 4;
        return append(p, cur, x);
    }
    return append(p, cur, text_node(p, N_IDENT, v, n));
}

/* ^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$ split into its three groups ([begin, end) each). */
static bool slice_groups(const char *s, size_t n, size_t g[3][2])
{
    size_t i = 0;
    for (int k = 0; k < 3; k++) {
        g[k][0] = g[k][1] = i;
        if (k > 0) {
            if (i >= n || s[i] != ':')
                continue;
            i++;
        }
        if (i < n && s[i] == '-')
            i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        g[k][1] = i;
    }
    return i == n;
}

static hc_status parse_array(struct parser *p, struct node *cur)
{
    for (;;) {
        int32_t r = next(p);
        if (r == EOF_RUNE || r == '\n')
            return hc_error_set(p->err, HC_ERR_PARSE, "unterminated array");
        if (r == ']')
            break;
    }
    const char *text = p->in + p->start + 1;
    size_t n = p->pos - p->start - 2;
    p->start = p->pos;
    if (n == 1 && text[0] == '*')
        text = ":";
    if (memchr(text, ',', n)) { /* a union: each part parsed as "[part]" */
        struct node *u = new_node(p, N_UNION);
        if (!u)
            return hc_error_nomem(p->err);
        const char *s = text, *end = text + n;
        for (;;) {
            const char *c = memchr(s, ',', (size_t)(end - s));
            const char *e = c ? c : end;
            const char *b = s;
            while (b < e && *b == ' ')
                b++;
            while (e > b && e[-1] == ' ')
                e--;
            char *part = hc_arena_printf(p->a, "[%.*s]", (int)(e - b), b);
            struct node *list;
            if (!part)
                return hc_error_nomem(p->err);
            hc_status rc = parse_action(p, part, strlen(part), &list);
            if (rc == HC_OK)
                rc = append(p, u, list);
            if (rc != HC_OK)
                return rc;
            if (!c)
                break;
            s = c + 1;
        }
        return append(p, cur, u);
    }
    if (n >= 2 && text[0] == '\'' && text[n - 1] == '\'' && !memchr(text + 1, '\'', n - 2)) {
        /* ['key']: parsed as .key, so ['a.b'] is .a.b */
        char *f = hc_arena_printf(p->a, ".%.*s", (int)(n - 2), text + 1);
        struct node *list;
        if (!f)
            return hc_error_nomem(p->err);
        hc_status rc = parse_action(p, f, strlen(f), &list);
        for (size_t i = 0; rc == HC_OK && i < list->nkids; i++)
            rc = append(p, cur, list->kids[i]);
        return rc;
    }
    size_t g[3][2];
    if (!slice_groups(text, n, g))
        return syntax(p, "invalid array index ", text, n, "");
    struct node *x = new_node(p, N_ARRAY);
    if (!x)
        return hc_error_nomem(p->err);
    for (int i = 0; i < 3; i++) {
        const char *v = text + g[i][0];
        size_t vl = g[i][1] - g[i][0];
        if (vl > 0) {
            if (i > 0) { /* the ':' */
                v++;
                vl--;
            }
            if (i > 0 && vl == 0) {
                x->params[i].known = false;
            } else {
                x->params[i].known = true;
                if (!atoi64(v, vl, &x->params[i].value))
                    return syntax(p, "array index ", v, vl, " is not a number");
            }
        } else if (i == 1) {
            x->params[1].known = true;
            x->params[1].value = (int64_t)((uint64_t)x->params[0].value + 1);
            x->params[1].derived = true;
        }
    }
    return append(p, cur, x);
}

static bool is_op(char c)
{
    return c == '!' || c == '<' || c == '>' || c == '=';
}

static hc_status parse_filter(struct parser *p, struct node *cur)
{
    p->pos += 3;
    p->start = p->pos;
    bool begin = false, end = false;
    int32_t pair = 0;
    for (;;) {
        int32_t r = next(p);
        if (r == EOF_RUNE || r == '\n')
            return hc_error_set(p->err, HC_ERR_PARSE, "unterminated filter");
        if (r == '"' || r == '\'') {
            if (!begin) {
                begin = true;
                pair = r;
                continue;
            }
            if (p->in[p->pos - 2] != '\\' && r == pair)
                end = true;
        } else if (r == ')' && begin == end) {
            break;
        }
    }
    if (next(p) != ']')
        return hc_error_set(p->err, HC_ERR_PARSE, "unclosed array expect ]");
    const char *text = p->in + p->start;
    size_t n = p->pos - p->start - 2;
    p->start = p->pos;
    struct node *f = new_node(p, N_FILTER);
    if (!f)
        return hc_error_nomem(p->err);
    /* ^([^!<>=]+)([!<>=]+)(.+?)$ */
    size_t i = 0;
    while (i < n && !is_op(text[i]))
        i++;
    size_t k = i;
    while (k < n && is_op(text[k]))
        k++;
    bool match = i > 0 && i < n;
    if (match && k == n) {
        if (k - i >= 2)
            k = n - 1;
        else
            match = false;
    }
    hc_status rc;
    if (!match) {
        f->s = "exists";
        f->len = 6;
        f->right = new_node(p, N_LIST);
        if (!f->right)
            return hc_error_nomem(p->err);
        rc = parse_action(p, text, n, &f->left);
    } else {
        f->s = hc_arena_strndup(p->a, text + i, k - i);
        f->len = k - i;
        if (!f->s)
            return hc_error_nomem(p->err);
        rc = parse_action(p, text, i, &f->left);
        if (rc == HC_OK)
            rc = parse_action(p, text + k, n - k, &f->right);
    }
    if (rc != HC_OK)
        return rc;
    return append(p, cur, f);
}

/* UnquoteExtend: a quoted string with Go's escapes, either quote. */
static hc_status parse_quote(struct parser *p, struct node *cur, int32_t quote)
{
    for (;;) {
        int32_t r = next(p);
        if (r == EOF_RUNE || r == '\n')
            return hc_error_set(p->err, HC_ERR_PARSE, "unterminated quoted string");
        if (r == quote && p->in[p->pos - 2] != '\\')
            break;
    }
    const char *v = p->in + p->start;
    size_t n = p->pos - p->start;
    p->start = p->pos;
    const char *s = v + 1;
    size_t sl = n - 2;
    if (n < 2 || v[n - 1] != (char)quote)
        return syntax(p, "unquote string ", v, n, " error invalid syntax");
    if (!memchr(s, '\\', sl) && !memchr(s, (char)quote, sl))
        return append(p, cur, text_node(p, N_TEXT, s, sl));
    char *out = hc_arena_alloc(p->a, sl * 4 + 1);
    if (!out)
        return hc_error_nomem(p->err);
    size_t w = 0;
    for (size_t i = 0; i < sl;) {
        int32_t c;
        bool mb;
        size_t used;
        if (!hc_rune_unquote_char(s + i, sl - i, (char)quote, &c, &mb, &used))
            return syntax(p, "unquote string ", v, n, " error invalid syntax");
        i += used;
        if (c < HC_RUNE_SELF || !mb)
            out[w++] = (char)c;
        else
            w += hc_rune_encode(out + w, c);
    }
    return append(p, cur, text_node(p, N_TEXT, out, w));
}

/* One action, from after '{' to its '}': parseInsideAction as a loop. */
static hc_status parse_inside_action(struct parser *p, struct node *cur)
{
    for (;;) {
        hc_status rc = HC_OK;
        if (has_prefix(p, "}")) {
            p->pos++;
            p->start = p->pos;
            return HC_OK;
        }
        if (has_prefix(p, "[?(")) {
            rc = parse_filter(p, cur);
        } else if (has_prefix(p, "..")) {
            rc = parse_recursive(p, cur);
        } else {
            int32_t r = next(p);
            if (r == EOF_RUNE || is_eol(r)) {
                return hc_error_set(p->err, HC_ERR_PARSE, "unclosed action");
            } else if (r == ' ' || r == '@' || r == '$') {
                p->start = p->pos;
            } else if (r == '[') {
                rc = parse_array(p, cur);
            } else if (r == '"' || r == '\'') {
                rc = parse_quote(p, cur, r);
            } else if (r == '.') {
                rc = parse_field(p, cur);
            } else if (r == '+' || r == '-' || hc_rune_is_digit(r)) {
                backup(p);
                rc = parse_number(p, cur);
            } else if (is_alnum(r)) {
                backup(p);
                rc = parse_identifier(p, cur);
            } else {
                struct hc_buf b = HC_BUF_INIT;
                hc_rune_format_u(&b, r);
                rc = hc_error_set(p->err, HC_ERR_PARSE, "unrecognized character in action: %s",
                                  hc_buf_ok(&b) ? hc_buf_str(&b) : "?");
                hc_buf_release(&b);
            }
        }
        if (rc != HC_OK)
            return rc;
    }
}

/* parseText and parseLeftDelim: text up to each '{', then the action. */
static hc_status parse_template(struct parser *p)
{
    p->root = new_node(p, N_LIST);
    if (!p->root)
        return hc_error_nomem(p->err);
    for (;;) {
        const char *brace = p->pos < p->len ? memchr(p->in + p->pos, '{', p->len - p->pos) : NULL;
        size_t at = brace ? (size_t)(brace - p->in) : p->len;
        if (at > p->start) {
            hc_status rc =
                append(p, p->root, text_node(p, N_TEXT, p->in + p->start, at - p->start));
            if (rc != HC_OK)
                return rc;
        }
        if (!brace) {
            p->pos = p->start = p->len;
            return HC_OK;
        }
        p->pos = p->start = at + 1;
        struct node *list = new_node(p, N_LIST);
        hc_status rc = append(p, p->root, list);
        if (rc == HC_OK)
            rc = parse_inside_action(p, list);
        if (rc != HC_OK)
            return rc;
    }
}

hc_status hc_jsonpath_parse(struct hc_arena *a, const char *text, size_t len,
                            struct hc_jsonpath **out, struct hc_error *err)
{
    struct parser p = {.a = a, .in = text, .len = len, .err = err};
    hc_status rc = parse_template(&p);
    if (rc != HC_OK)
        return rc;
    struct hc_jsonpath *jp = hc_arena_alloc(a, sizeof *jp);
    if (!jp)
        return hc_error_nomem(err);
    jp->root = p.root;
    *out = jp;
    return HC_OK;
}

/* ---- execution ---- */

/*
 * Values as reflect.Values: HC_MISSING is the invalid Value (reflect.ValueOf(nil)), HC_NULL
 * an interface holding nil, which Indirect reports as nil.
 */
struct vals {
    hc_val *v;
    size_t n, cap;
};

struct exec {
    struct hc_arena *a;
    struct hc_error *err;
    int begin_range, in_range, end_range;
    struct node *const *last_end;
    size_t steps;
    int depth;
};

static hc_status push(struct exec *x, struct vals *vs, hc_val v)
{
    if (vs->n == vs->cap) {
        size_t cap = vs->cap ? vs->cap * 2 : 8;
        hc_val *nv = hc_arena_realloc(x->a, vs->v, vs->cap * sizeof *nv, cap * sizeof *nv);
        if (!nv)
            return hc_error_nomem(x->err);
        vs->v = nv;
        vs->cap = cap;
    }
    vs->v[vs->n++] = v;
    return HC_OK;
}

static hc_status fail(struct exec *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static hc_status fail(struct exec *x, const char *fmt, ...)
{
    char m[512]; /* messages name a field or a type; a longer one is cut */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    return hc_error_set(x->err, HC_ERR_EXEC, "%s", m);
}

/* reflect's Type().String() of a value, for messages. */
static const char *type_name(hc_val v)
{
    switch ((hc_kind)v.kind) {
    case HC_BOOL:
        return "bool";
    case HC_INT:
        return v.gotype == HC_GT_UINT8 ? "uint8" : "int";
    case HC_FLOAT:
        return "float64";
    case HC_STRING:
        return "string";
    case HC_LIST:
        return "[]interface {}";
    case HC_MAP:
        return "map[string]interface {}";
    case HC_NULL:
        return "interface {}";
    default:
        return "<invalid>";
    }
}

static hc_status walk(struct exec *x, const struct vals *in, const struct node *n,
                      struct vals *out);

static hc_status eval_list(struct exec *x, const struct vals *in, const struct node *list,
                           struct vals *out)
{
    struct vals cur = *in;
    for (size_t i = 0; i < list->nkids; i++) {
        struct vals next = {0};
        hc_status rc = walk(x, &cur, list->kids[i], &next);
        if (rc != HC_OK)
            return rc;
        cur = next;
    }
    *out = cur;
    return HC_OK;
}

static hc_status eval_field(struct exec *x, const struct vals *in, const struct node *n,
                            struct vals *out)
{
    if (in->n == 0)
        return HC_OK;
    for (size_t i = 0; i < in->n; i++) {
        hc_val v = in->v[i], r;
        if (v.kind == HC_NULL)
            continue;
        if (v.kind == HC_MAP && v.u.m && hc_map_get(v.u.m, n->s, n->len, &r)) {
            hc_status rc = push(x, out, r);
            if (rc != HC_OK)
                return rc;
        }
    }
    if (out->n == 0)
        return fail(x, "%.*s is not found", (int)n->len, n->s);
    return HC_OK;
}

static int64_t wrap_add(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

static hc_status eval_array(struct exec *x, const struct vals *in, const struct node *n,
                            struct vals *out)
{
    for (size_t i = 0; i < in->n; i++) {
        hc_val v = in->v[i];
        if (v.kind == HC_NULL)
            continue;
        if (v.kind != HC_LIST)
            return fail(x, "%s is not array or slice", type_name(v));
        int64_t len = v.u.l ? (int64_t)v.u.l->len : 0;
        struct param p[3] = {n->params[0], n->params[1], n->params[2]};
        if (!p[0].known)
            p[0].value = 0;
        if (p[0].value < 0)
            p[0].value = wrap_add(p[0].value, len);
        if (!p[1].known)
            p[1].value = len;
        if (p[1].value < 0 || (p[1].value == 0 && p[1].derived))
            p[1].value = wrap_add(p[1].value, len);
        if (p[1].value == p[0].value)
            return HC_OK; /* zero elements asked for: client-go stops here */
        if (p[0].value >= len || p[0].value < 0)
            return fail(x, "array index out of bounds: index %lld, length %lld",
                        (long long)p[0].value, (long long)len);
        if (p[1].value > len || p[1].value < 0)
            return fail(x, "array index out of bounds: index %lld, length %lld",
                        (long long)wrap_add(p[1].value, -1), (long long)len);
        if (p[0].value > p[1].value)
            return fail(x, "starting index %lld is greater than ending index %lld",
                        (long long)p[0].value, (long long)p[1].value);
        int64_t step = 1;
        if (p[2].known) {
            if (p[2].value <= 0)
                return fail(x, "step must be > 0");
            step = p[2].value;
        }
        for (int64_t k = p[0].value; k < p[1].value; k = wrap_add(k, step)) {
            hc_status rc = push(x, out, v.u.l->items[k]);
            if (rc != HC_OK)
                return rc;
            if (step > p[1].value - k)
                break;
        }
    }
    return HC_OK;
}

/* The children a wildcard or recursive descent visits: map values, list items, bytes. */
static hc_status children(struct exec *x, hc_val v, struct vals *out)
{
    hc_status rc = HC_OK;
    if (v.kind == HC_MAP && v.u.m) {
        for (uint32_t i = 0; rc == HC_OK && i < v.u.m->len; i++)
            rc = push(x, out, v.u.m->e[i].val);
    } else if (v.kind == HC_LIST && v.u.l) {
        for (uint32_t i = 0; rc == HC_OK && i < v.u.l->len; i++)
            rc = push(x, out, v.u.l->items[i]);
    } else if (v.kind == HC_STRING) {
        for (uint32_t i = 0; rc == HC_OK && i < v.len; i++)
            rc = push(x, out, hc_int_typed((unsigned char)v.u.s[i], HC_GT_UINT8));
    }
    return rc;
}

static hc_status eval_wildcard(struct exec *x, const struct vals *in, struct vals *out)
{
    for (size_t i = 0; i < in->n; i++) {
        hc_status rc = children(x, in->v[i], out);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

static hc_status eval_recursive(struct exec *x, const struct vals *in, struct vals *out)
{
    if (++x->depth > 10000) /* values nest far less deeply; this bounds the C stack */
        return hc_error_set(x->err, HC_ERR_LIMIT, "jsonpath: values nested too deeply");
    hc_status rc = HC_OK;
    for (size_t i = 0; rc == HC_OK && i < in->n; i++) {
        struct vals kids = {0};
        rc = children(x, in->v[i], &kids);
        if (rc != HC_OK || kids.n == 0)
            continue;
        rc = push(x, out, in->v[i]);
        if (rc == HC_OK)
            rc = eval_recursive(x, &kids, out);
    }
    x->depth--;
    return rc;
}

enum cmp_kind { K_INVALID, K_BOOL, K_INT, K_FLOAT, K_STRING };

static enum cmp_kind basic_kind(hc_val v)
{
    switch ((hc_kind)v.kind) {
    case HC_BOOL:
        return K_BOOL;
    case HC_INT:
        return K_INT;
    case HC_FLOAT:
        return K_FLOAT;
    case HC_STRING:
        return K_STRING;
    default:
        return K_INVALID;
    }
}

static int str_cmp(hc_val a, hc_val b)
{
    size_t n = a.len < b.len ? a.len : b.len;
    int c = n ? memcmp(a.u.s, b.u.s, n) : 0;
    return c ? c : (a.len < b.len ? -1 : a.len > b.len);
}

/* funcs.go's Equal and Less: 0 or 1, or -1 with the error set. */
static int cmp_equal(struct exec *x, hc_val a, hc_val b)
{
    enum cmp_kind ka = basic_kind(a), kb = basic_kind(b);
    if (ka == K_INVALID || kb == K_INVALID)
        return fail(x, "invalid type for comparison"), -1;
    if (ka != kb)
        return fail(x, "incompatible types for comparison"), -1;
    switch (ka) {
    case K_BOOL:
        return a.u.b == b.u.b;
    case K_INT:
        return a.u.i == b.u.i;
    case K_FLOAT:
        return a.u.f == b.u.f;
    default:
        return str_cmp(a, b) == 0;
    }
}

static int cmp_less(struct exec *x, hc_val a, hc_val b)
{
    enum cmp_kind ka = basic_kind(a), kb = basic_kind(b);
    if (ka == K_INVALID || kb == K_INVALID)
        return fail(x, "invalid type for comparison"), -1;
    if (ka != kb)
        return fail(x, "incompatible types for comparison"), -1;
    switch (ka) {
    case K_BOOL:
        return fail(x, "invalid type for comparison"), -1;
    case K_INT:
        return a.u.i < b.u.i;
    case K_FLOAT:
        return a.u.f < b.u.f;
    default:
        return str_cmp(a, b) < 0;
    }
}

static int compare(struct exec *x, const struct node *f, hc_val l, hc_val r)
{
    const char *op = f->s;
    size_t n = f->len;
#define OP(s) (n == sizeof(s) - 1 && memcmp(op, s, n) == 0)
    if (OP("<"))
        return cmp_less(x, l, r);
    if (OP("=="))
        return cmp_equal(x, l, r);
    if (OP("!=")) {
        int e = cmp_equal(x, l, r);
        return e < 0 ? -1 : !e;
    }
    if (OP("<=") || OP(">")) { /* Greater is !LessEqual */
        int lt = cmp_less(x, l, r);
        int le = lt != 0 ? lt : cmp_equal(x, l, r);
        if (le < 0)
            return -1;
        return OP("<=") ? le : !le;
    }
    if (OP(">=")) {
        int lt = cmp_less(x, l, r);
        return lt < 0 ? -1 : !lt;
    }
#undef OP
    return fail(x, "unrecognized filter operator %.*s", (int)n, op), -1;
}

static hc_status eval_filter(struct exec *x, const struct vals *in, const struct node *f,
                             struct vals *out)
{
    bool exists = f->len == 6 && memcmp(f->s, "exists", 6) == 0;
    for (size_t i = 0; i < in->n; i++) {
        hc_val v = in->v[i];
        if (v.kind != HC_LIST)
            return fail(x, "%s is not array or slice and cannot be filtered", type_name(v));
        for (uint32_t k = 0; v.u.l && k < v.u.l->len; k++) {
            hc_val item = v.u.l->items[k];
            struct vals temp = {&item, 1, 1}, lefts = {0}, rights = {0};
            hc_status rc = eval_list(x, &temp, f->left, &lefts);
            if (exists) {
                if (rc == HC_ERR_NOMEM || rc == HC_ERR_LIMIT)
                    return rc;
                hc_error_release(x->err);
                hc_error_init(x->err);
                if (lefts.n > 0 && (rc = push(x, out, item)) != HC_OK)
                    return rc;
                continue;
            }
            if (rc != HC_OK)
                return rc;
            if (lefts.n == 0)
                continue;
            if (lefts.n > 1)
                return fail(x, "can only compare one element at a time");
            if ((rc = eval_list(x, &temp, f->right, &rights)) != HC_OK)
                return rc;
            if (rights.n == 0)
                continue;
            if (rights.n > 1)
                return fail(x, "can only compare one element at a time");
            int pass = compare(x, f, lefts.v[0], rights.v[0]);
            if (pass < 0)
                return x->err->code;
            if (pass && (rc = push(x, out, item)) != HC_OK)
                return rc;
        }
    }
    return HC_OK;
}

static hc_status each_input(struct exec *x, const struct vals *in, hc_val v, struct vals *out)
{
    for (size_t i = 0; i < in->n; i++) {
        hc_status rc = push(x, out, v);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

static hc_status walk(struct exec *x, const struct vals *in, const struct node *n,
                      struct vals *out)
{
    if (++x->steps > HC_JSONPATH_MAX_STEPS)
        return hc_error_set(x->err, HC_ERR_LIMIT, "jsonpath: more than %d steps",
                            HC_JSONPATH_MAX_STEPS);
    switch (n->kind) {
    case N_LIST:
        return eval_list(x, in, n, out);
    case N_TEXT:
        return push(x, out, hc_strn(n->s, n->len));
    case N_FIELD:
        return eval_field(x, in, n, out);
    case N_ARRAY:
        return eval_array(x, in, n, out);
    case N_FILTER:
        return eval_filter(x, in, n, out);
    case N_INT:
        return each_input(x, in, hc_int_typed(n->i, HC_GT_INT), out);
    case N_FLOAT:
        return each_input(x, in, hc_float(n->f), out);
    case N_BOOL:
        return each_input(x, in, hc_bool(n->b), out);
    case N_WILDCARD:
        return eval_wildcard(x, in, out);
    case N_RECURSIVE:
        return eval_recursive(x, in, out);
    case N_UNION:
        for (size_t i = 0; i < n->nkids; i++) {
            struct vals part = {0};
            hc_status rc = eval_list(x, in, n->kids[i], &part);
            for (size_t k = 0; rc == HC_OK && k < part.n; k++)
                rc = push(x, out, part.v[k]);
            if (rc != HC_OK)
                return rc;
        }
        return HC_OK;
    case N_IDENT:
        if (n->len == 5 && memcmp(n->s, "range", 5) == 0) {
            x->begin_range++;
            *out = *in;
            return HC_OK;
        }
        if (n->len == 3 && memcmp(n->s, "end", 3) == 0) {
            if (x->in_range > 0) {
                x->end_range++;
                return HC_OK;
            }
            return fail(x, "not in range, nothing to end");
        }
        return fail(x, "unrecognized identifier %.*s", (int)n->len, n->s);
    }
    return fail(x, "unexpected node");
}

/* One list of results per top-level node, collected as FindResults does. */
struct results {
    struct vals *r;
    size_t n, cap;
};

static hc_status add_results(struct exec *x, struct results *all, struct vals v)
{
    if (all->n == all->cap) {
        size_t cap = all->cap ? all->cap * 2 : 8;
        struct vals *nr =
            hc_arena_realloc(x->a, all->r, all->cap * sizeof *nr, cap * sizeof *nr);
        if (!nr)
            return hc_error_nomem(x->err);
        all->r = nr;
        all->cap = cap;
    }
    all->r[all->n++] = v;
    return HC_OK;
}

/* FindResults over nodes[0..n), with client-go's range bookkeeping. */
static hc_status find_results(struct exec *x, struct node *const *nodes, size_t n, hc_val data,
                              struct results *all)
{
    if (++x->depth > 1000)
        return hc_error_set(x->err, HC_ERR_LIMIT, "jsonpath: ranges nested too deeply");
    struct vals cur = {0};
    hc_status rc = push(x, &cur, data);
    for (size_t i = 0; rc == HC_OK && i < n; i++) {
        struct vals res = {0};
        rc = walk(x, &cur, nodes[i], &res);
        if (rc != HC_OK)
            break;
        if (x->end_range > 0 && x->end_range <= x->in_range) {
            x->end_range--;
            x->last_end = &nodes[i];
            break;
        }
        if (x->begin_range > 0) {
            x->begin_range--;
            x->in_range++;
            if (res.n > 0) {
                for (size_t k = 0; rc == HC_OK && k < res.n; k++) {
                    hc_val v = res.v[k];
                    rc = find_results(x, nodes + i + 1, n - i - 1,
                                      v.kind == HC_NULL ? hc_missing() : v, all);
                }
            } else {
                struct results discard = {0};
                rc = find_results(x, nodes + i + 1, n - i - 1, hc_missing(), &discard);
            }
            x->in_range--;
            for (size_t k = i + 1; k < n; k++) {
                if (&nodes[k] == x->last_end) {
                    i = k;
                    break;
                }
            }
            continue;
        }
        rc = add_results(x, all, res);
    }
    x->depth--;
    return rc;
}

/* PrintResults for one list: maps and lists as JSON, the rest as fmt.Print. */
static hc_status print_results(struct exec *x, const struct vals *r, struct hc_buf *b)
{
    for (size_t i = 0; i < r->n; i++) {
        hc_val v = r->v[i];
        hc_status rc = HC_OK;
        switch ((hc_kind)v.kind) {
        case HC_MAP:
        case HC_LIST:
            rc = hc_json_write(b, v, 0, x->err);
            break;
        case HC_MISSING:
            hc_buf_adds(b, "<no value>");
            break;
        case HC_NULL:
            hc_buf_adds(b, "null");
            break;
        case HC_BOOL:
            hc_buf_adds(b, v.u.b ? "true" : "false");
            break;
        case HC_INT:
            hc_gofmt_int(b, v.u.i, 10);
            break;
        case HC_FLOAT:
            hc_gofmt_float_v(b, v.u.f);
            break;
        case HC_STRING:
            hc_buf_add(b, v.u.s, v.len);
            break;
        default:
            rc = fail(x, "can't print type %s", type_name(v));
        }
        if (rc != HC_OK)
            return rc;
        if (i + 1 != r->n)
            hc_buf_addc(b, ' ');
    }
    return hc_buf_ok(b) ? HC_OK : hc_error_nomem(x->err);
}

hc_status hc_jsonpath_execute(const struct hc_jsonpath *jp, struct hc_arena *a, hc_val data,
                              struct hc_buf *out, struct hc_error *err)
{
    struct exec x = {.a = a, .err = err};
    struct results all = {0};
    if (data.kind == HC_NULL)
        data = hc_missing();
    hc_status rc = find_results(&x, (struct node *const *)jp->root->kids, jp->root->nkids, data,
                                &all);
    if (rc != HC_OK)
        return rc;
    struct hc_buf b = HC_BUF_INIT;
    for (size_t i = 0; rc == HC_OK && i < all.n; i++)
        rc = print_results(&x, &all.r[i], &b);
    if (rc == HC_OK) {
        hc_buf_add(out, b.data ? b.data : "", b.len);
        if (!hc_buf_ok(out))
            rc = hc_error_nomem(err);
    }
    hc_buf_release(&b);
    return rc;
}
