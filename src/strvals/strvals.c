/*
 * strvals.c - Helm's --set line parser.
 *
 * Mirrors helm pkg/strvals/parser.go and literal_parser.go (Helm v4.1.4): the
 * functions key, list_item, key_index, val_list, empty_val and runes_until
 * read as their Go namesakes do, rune by rune.  Go reads the line as runes,
 * so each invalid UTF-8 byte becomes U+FFFD in keys and values; we do the same.
 * Go uses io.EOF as a normal result ("the line ended here"): R_EOF plays that
 * part, and every other non-zero result is an hc_status already recorded in
 * the parser's error.  Go's type assertions that panic (a --set index into a
 * string, a dotted name through a number) become the message its recover()
 * gives: "unable to parse key: interface conversion: ...".
 *
 * Invariant: lists published in the caller's map are never written; a list
 * this parse created (recorded in the owned set) may be written in place, as
 * Go writes its slices, so long lines stay linear.
 */
#include "strvals/strvals.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "gofmt/gofmt.h"
#include "json/json.h"
#include "json/utf8.h"

#define R_EOF     (-1) /* Go's io.EOF: the line ended; not an error by itself */
#define R_NOTLIST (-2) /* Go's ErrNotList: the value does not start with '{' */

#define RUNE_ERROR 0xFFFD

struct owned {
    const struct hc_list **slot;
    size_t cap, len;
};

struct parser {
    struct hc_arena *a;
    const char *s;
    size_t n, pos;
    enum hc_strvals_mode mode;
    hc_strvals_file_fn file_fn;
    void *file_ctx;
    struct hc_error *err;
    struct hc_buf tmp; /* the runes read by the last runes_until */
    unsigned depth;
    struct owned owned;
};

/* ---- runes ---- */

/* Go's bytes.Buffer.ReadRune: the rune at pos and its width; invalid bytes are U+FFFD, width 1. */
static int32_t read_rune(struct parser *p, size_t *width)
{
    const unsigned char *u = (const unsigned char *)p->s + p->pos;
    const unsigned char *end = (const unsigned char *)p->s + p->n;
    if (*u < 0x80) {
        *width = 1;
        return *u;
    }
    size_t w = json_utf8_len(u, end);
    if (w == 0) {
        *width = 1;
        return RUNE_ERROR;
    }
    *width = w;
    if (w == 2)
        return (int32_t)(((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu));
    if (w == 3)
        return (int32_t)(((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu));
    return (int32_t)(((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) |
                     (u[3] & 0x3Fu));
}

/* Appends rune r as UTF-8 (as Go's string([]rune) does). */
static void add_rune(struct hc_buf *b, int32_t r)
{
    char u[4];
    if (r < 0x80) {
        hc_buf_addc(b, (char)r);
    } else if (r < 0x800) {
        u[0] = (char)(0xC0 | (r >> 6));
        u[1] = (char)(0x80 | (r & 0x3F));
        hc_buf_add(b, u, 2);
    } else if (r < 0x10000) {
        u[0] = (char)(0xE0 | (r >> 12));
        u[1] = (char)(0x80 | ((r >> 6) & 0x3F));
        u[2] = (char)(0x80 | (r & 0x3F));
        hc_buf_add(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | (r >> 18));
        u[1] = (char)(0x80 | ((r >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((r >> 6) & 0x3F));
        u[3] = (char)(0x80 | (r & 0x3F));
        hc_buf_add(b, u, 4);
    }
}

/* Go's unicode.IsSpace. */
static bool is_space(int32_t r)
{
    switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return r >= 0x2000 && r <= 0x200A;
    }
}

/* Records out of memory; returns HC_ERR_NOMEM (never 0, which callers rely on). */
static int nomem(struct parser *p)
{
    (void)hc_error_nomem(p->err);
    return HC_ERR_NOMEM;
}

/* Records a message; returns code (never 0, which callers rely on). */
static int fail(struct parser *p, hc_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct parser *p, hc_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)hc_error_setv(p->err, code, fmt, ap);
    va_end(ap);
    return code;
}

/*
 * runesUntil: reads runes into p->tmp up to one of the ASCII stop characters,
 * which it consumes and stores in *last.  With escapes (all but the literal
 * parser), a backslash takes the next rune as it is.  R_EOF when the line ends
 * first (p->tmp holds what was read).
 */
static int runes_until(struct parser *p, const char *stop, bool escapes, int32_t *last)
{
    hc_buf_reset(&p->tmp);
    *last = 0;
    int rc = R_EOF;
    while (p->pos < p->n) {
        size_t w;
        int32_t r = read_rune(p, &w);
        p->pos += w;
        if (r > 0 && r < 0x80 && strchr(stop, (int)r)) {
            *last = r;
            rc = 0;
            break;
        }
        if (r == '\\' && escapes) {
            if (p->pos >= p->n)
                break;
            r = read_rune(p, &w);
            p->pos += w;
        }
        add_rune(&p->tmp, r);
    }
    if (!hc_buf_ok(&p->tmp))
        return nomem(p);
    return rc;
}

/* The runes in p->tmp as a string in the arena. */
static int tmp_string(struct parser *p, hc_val *out)
{
    if (hc_str_dup(p->a, hc_buf_str(&p->tmp), p->tmp.len, out) != HC_OK)
        return nomem(p);
    return 0;
}

/* ---- errors with Go's text ---- */

/* Records fmt's text with %Q replaced by strconv.Quote(q[0..qn)). */
static int fail_quoted(struct parser *p, const char *before, const char *q, size_t qn,
                       const char *after)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, before);
    hc_gofmt_quote(&b, q, qn);
    hc_buf_adds(&b, after);
    int rc = hc_buf_ok(&b) ? fail(p, HC_ERR_PARSE, "%s", hc_buf_str(&b)) : nomem(p);
    hc_buf_release(&b);
    return rc;
}

/* The panic a failed Go type assertion raises, as key's recover() reports it. */
static int fail_assert(struct parser *p, hc_val have, const char *want)
{
    const char *name = have.kind == HC_NULL ? "nil" : hc_val_typename(have);
    return fail(p, HC_ERR_PARSE,
                "unable to parse key: interface conversion: interface {} is %s, not %s", name,
                want);
}

/* ---- lists this parse owns ---- */

static size_t owned_hash(const struct hc_list *l, size_t cap)
{
    uintptr_t h = (uintptr_t)l;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 7) & (cap - 1);
}

static bool owned_has(const struct parser *p, const struct hc_list *l)
{
    if (!l || p->owned.cap == 0)
        return false;
    for (size_t i = owned_hash(l, p->owned.cap);; i = (i + 1) & (p->owned.cap - 1)) {
        if (p->owned.slot[i] == l)
            return true;
        if (!p->owned.slot[i])
            return false;
    }
}

static int owned_add(struct parser *p, const struct hc_list *l)
{
    struct owned *o = &p->owned;
    if ((o->len + 1) * 2 > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        const struct hc_list **slot = hc_arena_array(p->a, cap, sizeof(const struct hc_list *));
        if (!slot)
            return nomem(p);
        memset(slot, 0, cap * sizeof(const struct hc_list *));
        for (size_t i = 0; i < o->cap; i++) {
            if (!o->slot[i])
                continue;
            size_t j = owned_hash(o->slot[i], cap);
            while (slot[j])
                j = (j + 1) & (cap - 1);
            slot[j] = o->slot[i];
        }
        o->slot = slot;
        o->cap = cap;
    }
    size_t j = owned_hash(l, o->cap);
    while (o->slot[j])
        j = (j + 1) & (o->cap - 1);
    o->slot[j] = l;
    o->len++;
    return 0;
}

static uint32_t list_len(const struct hc_list *l)
{
    return l ? l->len : 0;
}

/* A list this parse owns with n items: l's items first, then nils. */
static int list_copy(struct parser *p, const struct hc_list *l, size_t n, struct hc_list **out)
{
    struct hc_list *c = hc_list_new(p->a, n);
    if (!c)
        return nomem(p);
    if (l && l->len)
        memcpy(c->items, l->items, (l->len < n ? l->len : n) * sizeof(hc_val));
    int rc = owned_add(p, c);
    if (rc)
        return rc;
    *out = c;
    return 0;
}

/* A list whose items this parse may write: l itself when it owns it, else a copy. */
static int list_writable(struct parser *p, struct hc_list *l, struct hc_list **out)
{
    if (owned_has(p, l)) {
        *out = l;
        return 0;
    }
    return list_copy(p, l, list_len(l), out);
}

/* setIndex: *out is list with item index set to v, grown with nils if needed. */
static int set_index(struct parser *p, struct hc_list *list, int64_t index, hc_val v,
                     struct hc_list **out)
{
    *out = list;
    if (index < 0)
        return fail(p, HC_ERR_PARSE, "negative %" PRId64 " index not allowed", index);
    if (index > HC_STRVALS_MAX_INDEX)
        return fail(p, HC_ERR_PARSE,
                    "index of %" PRId64 " is greater than maximum supported index of %d", index,
                    HC_STRVALS_MAX_INDEX);
    struct hc_list *l;
    int rc = (int64_t)list_len(list) <= index ? list_copy(p, list, (size_t)index + 1, &l)
                                              : list_writable(p, list, &l);
    if (rc)
        return rc;
    l->items[index] = v;
    *out = l;
    return 0;
}

/* Go's set: an empty key is never stored. */
static int set(struct parser *p, struct hc_map *m, hc_val key, hc_val v)
{
    if (key.len == 0)
        return 0;
    if (hc_map_set(p->a, m, key.u.s, key.len, v) != HC_OK)
        return nomem(p);
    return 0;
}

/* ---- values ---- */

/* strings.EqualFold(s, word) for the lower-case ASCII words typedVal tests. */
static bool equal_fold(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    for (; *word; word++) {
        if (i < n && (s[i] | 0x20) == *word &&
            ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
            i++;
        } else if (*word == 's' && i + 1 < n && (unsigned char)s[i] == 0xC5 &&
                   (unsigned char)s[i + 1] == 0xBF) {
            i += 2; /* U+017F LATIN SMALL LETTER LONG S folds to 's' */
        } else {
            return false;
        }
    }
    return i == n;
}

/* strconv.ParseInt(s, 10, 64): false on a syntax error or overflow. */
static bool parse_int64(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (i == n)
        return false;
    uint64_t v = 0, max = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

/* typedVal: true/false/null in any case, 0, and integers without a leading 0 are typed. */
static hc_val typed_val(hc_val s)
{
    const char *t = s.u.s;
    size_t n = s.len;
    if (equal_fold(t, n, "true"))
        return hc_bool(true);
    if (equal_fold(t, n, "false"))
        return hc_bool(false);
    if (equal_fold(t, n, "null"))
        return hc_null();
    if (n == 1 && t[0] == '0')
        return hc_int(0);
    int64_t i = 0;
    if (n > 0 && t[0] != '0' && parse_int64(t, n, &i))
        return hc_int(i);
    return s;
}

/* The parser's reader: the runes in p->tmp as the mode wants them. */
static int reader(struct parser *p, hc_val *out)
{
    hc_val s;
    int rc = tmp_string(p, &s);
    if (rc)
        return rc;
    switch (p->mode) {
    case HC_STRVALS_SET:
        *out = typed_val(s);
        return 0;
    case HC_STRVALS_FILE:
        return p->file_fn(p->file_ctx, p->a, s.u.s, s.len, out, p->err);
    default:
        *out = s;
        return 0;
    }
}

/* emptyVal: skips white space; true at the end of the line or a comma (consumed). */
static bool empty_val(struct parser *p)
{
    while (p->pos < p->n) {
        size_t w;
        int32_t r = read_rune(p, &w);
        if (r == ',') {
            p->pos += w;
            return true;
        }
        if (!is_space(r))
            return false;
        p->pos += w;
    }
    return true;
}

/*
 * Where the JSON value at s[0..n) ends, as Go's json.Decoder sees it: after a
 * closing bracket or quote, after a literal, or at the first byte a number
 * cannot continue with.  False when the value is malformed at its start or
 * unfinished; the reader then reports why.
 */
static bool json_value_end(const char *s, size_t n, size_t *end)
{
    size_t i = 0;
    if (n == 0)
        return false;
    char c = s[0];
    if (c == '{' || c == '[' || c == '"') {
        size_t depth = 0;
        bool in_str = false;
        for (; i < n; i++) {
            char d = s[i];
            if (in_str) {
                if (d == '\\') {
                    i++;
                } else if (d == '"') {
                    in_str = false;
                    if (depth == 0) {
                        *end = i + 1;
                        return true;
                    }
                }
            } else if (d == '"') {
                in_str = true;
            } else if (d == '{' || d == '[') {
                depth++;
            } else if ((d == '}' || d == ']') && --depth == 0) {
                *end = i + 1;
                return true;
            }
        }
        return false;
    }
    static const char *const lits[] = {"true", "false", "null"};
    for (size_t k = 0; k < 3; k++) {
        size_t l = strlen(lits[k]);
        if (n >= l && memcmp(s, lits[k], l) == 0) {
            *end = l;
            return true;
        }
    }
    /* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    if (s[i] == '-')
        i++;
    if (i >= n || s[i] < '0' || s[i] > '9')
        return false;
    if (s[i++] != '0')
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    if (i < n && s[i] == '.') {
        if (++i >= n || s[i] < '0' || s[i] > '9')
            return false;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        if (++i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || s[i] < '0' || s[i] > '9')
            return false;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    *end = i;
    return true;
}

/* json.NewDecoder(rest).Decode: one JSON value from the rest of the line, consumed. */
static int json_val(struct parser *p, hc_val *out)
{
    const char *s = p->s + p->pos;
    size_t n = p->n - p->pos, end;
    if (!json_value_end(s, n, &end)) {
        hc_val ignored;
        hc_status rc = hc_json_read(p->a, s, n, &ignored, p->err);
        if (rc != HC_OK)
            return (int)rc;
        return (int)fail(p, HC_ERR_PARSE, "unexpected EOF");
    }
    hc_status rc = hc_json_read(p->a, s, end, out, p->err);
    if (rc != HC_OK)
        return rc;
    p->pos += end;
    return 0;
}

/*
 * valList: a "{a,b}" list, read through the reader; R_NOTLIST (nothing
 * consumed) when the value does not start with '{', R_EOF at the end of line.
 */
static int val_list(struct parser *p, hc_val *out)
{
    if (p->pos >= p->n)
        return R_EOF;
    if (p->s[p->pos] != '{')
        return R_NOTLIST;
    p->pos++;
    struct hc_listb lb;
    hc_listb_init(&lb, p->a);
    for (;;) {
        int32_t last;
        int rc = runes_until(p, ",}", true, &last);
        if (rc == R_EOF)
            return fail(p, HC_ERR_PARSE, "list must terminate with '}'");
        if (rc)
            return rc;
        if (last == '}' && p->pos < p->n && p->s[p->pos] == ',')
            p->pos++;
        hc_val v;
        rc = reader(p, &v);
        if (rc)
            return rc;
        if (hc_listb_push(&lb, v) != HC_OK)
            return nomem(p);
        if (last == '}')
            break;
    }
    struct hc_list *l = hc_listb_finish(&lb);
    if (!l)
        return nomem(p);
    l->cap = hc_go_append_cap(0, l->len, HC_GT_LIST); /* Go's valList appends each item */
    *out = hc_list_val(l, HC_GT_LIST);
    return 0;
}

/* val: the runes up to the next comma (or, for --set-literal, the rest of the line). */
static int val(struct parser *p, hc_val *out)
{
    int32_t last;
    int rc = runes_until(p, p->mode == HC_STRVALS_LITERAL ? "" : ",", p->mode != HC_STRVALS_LITERAL,
                         &last);
    if (rc > 0)
        return rc;
    return reader(p, out);
}

/*
 * The value after '=' for every mode: *out is it and *eof tells that Go's
 * code would return io.EOF (an empty value at the end of the line), which
 * ends the line without an error but skips whatever the caller would do next
 * in a list item.
 */
static int value_after_eq(struct parser *p, hc_val *out, bool *eof)
{
    *eof = false;
    if (p->mode == HC_STRVALS_JSON) {
        if (empty_val(p)) {
            *out = hc_null();
            return 0;
        }
        int rc = json_val(p, out);
        if (rc)
            return rc;
        empty_val(p);
        return 0;
    }
    if (p->mode == HC_STRVALS_LITERAL)
        return val(p, out);
    int rc = val_list(p, out);
    if (rc == R_EOF) {
        *out = hc_strn("", 0);
        *eof = true;
        return 0;
    }
    if (rc == R_NOTLIST)
        return val(p, out);
    return rc;
}

/*
 * Whether strconv.Atoi, having failed on s, says "value out of range" rather
 * than "invalid syntax": only past its 18-byte fast path, and ParseUint stops
 * at the first digit that overflows a uint64 before looking further.
 */
static bool atoi_range(const char *s, size_t n)
{
    if (n < 19)
        return false;
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    uint64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        if (v >= UINT64_MAX / 10 + 1)
            return true;
        uint64_t v1 = v * 10 + (uint64_t)(s[i] - '0');
        if (v1 < v * 10)
            return true;
        v = v1;
    }
    return true; /* digits only, yet not an int64 */
}

/* keyIndex: the index up to ']' as strconv.Atoi reads it. */
static int key_index(struct parser *p, int64_t *out)
{
    int32_t last;
    int rc = runes_until(p, "]", p->mode != HC_STRVALS_LITERAL, &last);
    if (rc)
        return rc; /* Go wraps io.EOF ("error parsing index: EOF"), and parse still sees EOF */
    const char *s = hc_buf_str(&p->tmp);
    size_t n = p->tmp.len;
    if (parse_int64(s, n, out))
        return 0;
    bool range = atoi_range(s, n);
    return fail_quoted(p, "error parsing index: strconv.Atoi: parsing ", s, n,
                       range ? ": value out of range" : ": invalid syntax");
}

static int key(struct parser *p, struct hc_map *data, int level);

static int deeper(struct parser *p)
{
    if (++p->depth > HC_STRVALS_MAX_DEPTH)
        return fail(p, HC_ERR_LIMIT, "strvals: nesting deeper than %d levels",
                    HC_STRVALS_MAX_DEPTH);
    return 0;
}

/* "unexpected data at end of array index: %q" of a []rune: ['a' 'b']. */
static int fail_unexpected(struct parser *p)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, "unexpected data at end of array index: [");
    const char *s = hc_buf_str(&p->tmp);
    size_t n = p->tmp.len;
    for (size_t i = 0; i < n;) {
        if (i > 0)
            hc_buf_addc(&b, ' ');
        size_t w = json_utf8_len((const unsigned char *)s + i, (const unsigned char *)s + n);
        int32_t r;
        if (w == 0) {
            r = (unsigned char)s[i];
            w = 1;
        } else {
            struct parser q = {.s = s, .n = n, .pos = i};
            r = read_rune(&q, &w);
        }
        hc_gofmt_quote_rune(&b, r);
        i += w;
    }
    hc_buf_addc(&b, ']');
    int rc = hc_buf_ok(&b) ? fail(p, HC_ERR_PARSE, "%s", hc_buf_str(&b)) : nomem(p);
    hc_buf_release(&b);
    return rc;
}

/*
 * listItem: what follows "[i]" in list.  *out is always the list to store
 * (Go's returned slice, including items it changed in place before failing).
 */
static int list_item(struct parser *p, struct hc_list *list, int64_t i, int level,
                     struct hc_list **out)
{
    *out = list;
    if (i < 0)
        return fail(p, HC_ERR_PARSE, "negative %" PRId64 " index not allowed", i);
    int32_t last;
    int rc = runes_until(p, "[.=", p->mode != HC_STRVALS_LITERAL, &last);
    if (p->tmp.len > 0 && rc <= 0)
        return fail_unexpected(p);
    if (rc)
        return rc;
    if (last == '=') {
        hc_val v;
        bool eof;
        rc = value_after_eq(p, &v, &eof);
        if (rc)
            return rc;
        return set_index(p, list, i, v, out);
    }
    if (last == '[') {
        int64_t next = 0;
        rc = key_index(p, &next);
        if (rc)
            return rc;
        struct hc_list *crt = NULL;
        if (list && (int64_t)list->len > i) {
            hc_val existed = list->items[i];
            if (existed.kind != HC_NULL) {
                if (existed.kind != HC_LIST || existed.gotype != HC_GT_LIST)
                    return fail_assert(p, existed, "[]interface {}");
                crt = existed.u.l;
            }
        }
        if ((rc = deeper(p)) != 0)
            return rc;
        struct hc_list *list2;
        rc = list_item(p, crt, next, level, &list2);
        p->depth--;
        if (rc) {
            /* Go changed crt's items in place, and list holds crt. */
            if (list2 != crt && crt) {
                int rc2 = list_writable(p, list, out);
                if (rc2)
                    return rc2;
                (*out)->items[i] = hc_list_val(list2, HC_GT_LIST);
            }
            return rc;
        }
        return set_index(p, list, i, hc_list_val(list2, HC_GT_LIST), out);
    }
    /* last == '.': a map in the item */
    struct hc_map *inner = NULL;
    if (list && (int64_t)list->len > i) {
        hc_val it = list->items[i];
        if (it.kind == HC_MAP && it.gotype == HC_GT_MAP && it.u.m) {
            inner = it.u.m;
        } else {
            /* "indices out of order": Go replaces the item in place */
            inner = hc_map_new(p->a, 0);
            if (!inner)
                return nomem(p);
            if ((rc = list_writable(p, list, out)) != 0)
                return rc;
            (*out)->items[i] = hc_map_val(inner, HC_GT_MAP);
            list = *out;
        }
    } else if (!(inner = hc_map_new(p->a, 0))) {
        return nomem(p);
    }
    if ((rc = deeper(p)) != 0)
        return rc;
    rc = key(p, inner, level);
    p->depth--;
    if (rc)
        return rc;
    return set_index(p, list, i, hc_map_val(inner, HC_GT_MAP), out);
}

/* key: one assignment "name...=value" into data; R_EOF at the end of the line. */
static int key(struct parser *p, struct hc_map *data, int level)
{
    bool literal = p->mode == HC_STRVALS_LITERAL;
    int32_t last;
    int rc = runes_until(p, literal ? "=[." : "=[,.", !literal, &last);
    if (rc == R_EOF) {
        if (p->tmp.len == 0)
            return R_EOF;
        return fail_quoted(p, "key ", hc_buf_str(&p->tmp), p->tmp.len, " has no value");
    }
    if (rc)
        return rc;
    hc_val k;
    if ((rc = tmp_string(p, &k)) != 0)
        return rc;
    hc_val old;
    bool have = hc_map_get(data, k.u.s, k.len, &old);
    switch (last) {
    case '[': {
        int64_t i = 0;
        if ((rc = key_index(p, &i)) != 0)
            return rc;
        struct hc_list *list = NULL;
        if (have) {
            if (old.kind != HC_LIST || old.gotype != HC_GT_LIST)
                return fail_assert(p, old, "[]interface {}");
            list = old.u.l;
        }
        struct hc_list *out;
        rc = list_item(p, list, i, level, &out);
        if (!out && (out = hc_list_new(p->a, 0)) == NULL)
            return nomem(p);
        int rc2 = set(p, data, k, hc_list_val(out, HC_GT_LIST));
        return rc ? rc : rc2;
    }
    case '=': {
        hc_val v;
        bool eof;
        if ((rc = value_after_eq(p, &v, &eof)) != 0)
            return rc;
        if ((rc = set(p, data, k, v)) != 0)
            return rc;
        return eof ? R_EOF : 0;
    }
    case ',':
        if ((rc = set(p, data, k, hc_strn("", 0))) != 0)
            return rc;
        return fail_quoted(p, "key ", k.u.s, k.len, " has no value (cannot end with ,)");
    default: /* '.' */
        if (++level > HC_STRVALS_MAX_NAME_LEVEL)
            return fail(p, HC_ERR_PARSE,
                        "value name nested level is greater than maximum supported "
                        "nested level of %d",
                        HC_STRVALS_MAX_NAME_LEVEL);
        struct hc_map *inner;
        if (have) {
            if (old.kind != HC_MAP || old.gotype != HC_GT_MAP)
                return fail_assert(p, old, "map[string]interface {}");
            if (!old.u.m)
                return fail(p, HC_ERR_PARSE, "unable to parse key: assignment to entry in nil map");
            inner = old.u.m;
        } else if (!(inner = hc_map_new(p->a, 0))) {
            return nomem(p);
        }
        rc = key(p, inner, level);
        if (rc == 0 && inner->len == 0)
            return fail_quoted(p, "key map ", k.u.s, k.len, " has no value");
        if (inner->len != 0) {
            int rc2 = set(p, data, k, hc_map_val(inner, HC_GT_MAP));
            if (rc2 && rc <= 0)
                return rc2;
        }
        return rc;
    }
}

static hc_status parse(struct parser *p, struct hc_map *map)
{
    int rc;
    while ((rc = key(p, map, 0)) == 0)
        ;
    hc_buf_release(&p->tmp);
    return rc == R_EOF ? HC_OK : (hc_status)rc;
}

hc_status hc_strvals_parse(struct hc_arena *a, struct hc_map *map, const char *text, size_t len,
                           enum hc_strvals_mode mode, struct hc_error *err)
{
    if (mode == HC_STRVALS_FILE)
        return hc_error_set(err, HC_ERR_USAGE, "strvals: --set-file needs a reader");
    struct parser p = {.a = a, .s = text, .n = len, .mode = mode, .err = err};
    hc_buf_init(&p.tmp, 0);
    return parse(&p, map);
}

hc_status hc_strvals_parse_file(struct hc_arena *a, struct hc_map *map, const char *text,
                                size_t len, hc_strvals_file_fn fn, void *ctx, struct hc_error *err)
{
    struct parser p = {.a = a,
                       .s = text,
                       .n = len,
                       .mode = HC_STRVALS_FILE,
                       .file_fn = fn,
                       .file_ctx = ctx,
                       .err = err};
    hc_buf_init(&p.tmp, 0);
    return parse(&p, map);
}
