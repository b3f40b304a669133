/*
 * strvals.c - Helm's --set parser.
 *
 * Mirrors pkg/strvals/parser.go's grammar, function for function: key reads a
 * name up to '=', '[', ',' or '.', list_item handles what follows "[i]",
 * val_list a "{a,b}" list, runes_until the escapes.  Where Go panics on a
 * type assertion (a.b=1 when a is a string) and parser.key recovers, the
 * error reads "unable to parse key: interface conversion: ...".
 */
#include "strvals/strvals.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "gofmt/gofmt.h"

#define EOF_RUNE (-1)

struct parser {
    struct hc_arena *a;
    const char *s;
    size_t n, pos;
    bool as_string;
    struct hc_error *err;
};

/* What a step of the grammar ended with. */
enum res { R_OK, R_EOF, R_ERR };

/* runesUntil: the unescaped text up to a stop character; *last is it, or EOF_RUNE. */
static bool runes_until(struct parser *p, const char *stop, struct hc_buf *out, int *last)
{
    hc_buf_reset(out);
    while (p->pos < p->n) {
        char c = p->s[p->pos++];
        if (strchr(stop, c) && c != '\0') {
            *last = (unsigned char)c;
            return hc_buf_ok(out);
        }
        if (c == '\\') {
            if (p->pos >= p->n) {
                *last = EOF_RUNE;
                return hc_buf_ok(out);
            }
            c = p->s[p->pos++];
        }
        hc_buf_addc(out, c);
    }
    *last = EOF_RUNE;
    return hc_buf_ok(out);
}

/* An error reading head + strconv.Quote(arg) + tail. */
static enum res fail(struct parser *p, const char *head, const char *arg, size_t len,
                     const char *tail)
{
    struct hc_buf q = HC_BUF_INIT;
    hc_gofmt_quote(&q, arg ? arg : "", arg ? len : 0);
    hc_error_set(p->err, HC_ERR_PARSE, "%s%s%s", head, hc_buf_str(&q), tail);
    hc_buf_release(&q);
    return R_ERR;
}

static enum res nomem(struct parser *p)
{
    hc_error_nomem(p->err);
    return R_ERR;
}

/* The Go type name in a failed interface conversion. */
static const char *iface_type(hc_val v)
{
    return v.kind == HC_NULL ? "nil" : hc_val_typename(v);
}

static enum res conversion(struct parser *p, hc_val v, const char *want)
{
    hc_error_set(p->err, HC_ERR_PARSE,
                 "unable to parse key: interface conversion: interface {} is %s, not %s",
                 iface_type(v), want);
    return R_ERR;
}

static bool ascii_equal_fold(const char *a, size_t n, const char *b)
{
    if (strlen(b) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (x != y)
            return false;
    }
    return true;
}

/* strconv.ParseInt(s, 10, 64) succeeding. */
static bool parse_int64(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        i++;
    }
    if (i == n)
        return false;
    uint64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX)
        return false;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

/* typedVal */
static bool typed_val(struct parser *p, const struct hc_buf *b, hc_val *out)
{
    const char *s = hc_buf_str(b);
    size_t n = b->len;
    if (!p->as_string) {
        int64_t i;
        if (ascii_equal_fold(s, n, "true")) {
            *out = hc_bool(true);
            return true;
        }
        if (ascii_equal_fold(s, n, "false")) {
            *out = hc_bool(false);
            return true;
        }
        if (ascii_equal_fold(s, n, "null")) {
            *out = hc_null();
            return true;
        }
        if (n == 1 && s[0] == '0') {
            *out = hc_int(0);
            return true;
        }
        if (n > 0 && s[0] != '0' && parse_int64(s, n, &i)) {
            *out = hc_int(i);
            return true;
        }
    }
    return hc_str_dup(p->a, s, n, out) == HC_OK;
}

static bool set(struct parser *p, struct hc_map *data, const struct hc_buf *key, hc_val v)
{
    if (key->len == 0)
        return true;
    char *k = hc_arena_strndup(p->a, key->data, key->len);
    return k && hc_map_set(p->a, data, k, key->len, v) == HC_OK;
}

/* valList: R_OK with a list, R_EOF at the end of input, R_ERR; *not_list when no '{'. */
static enum res val_list(struct parser *p, hc_val *out, bool *not_list)
{
    *not_list = false;
    if (p->pos >= p->n)
        return R_EOF;
    if (p->s[p->pos] != '{') {
        *not_list = true;
        return R_OK;
    }
    p->pos++;
    struct hc_listb lb;
    hc_listb_init(&lb, p->a);
    struct hc_buf b = HC_BUF_INIT;
    enum res r = R_OK;
    for (;;) {
        int last;
        if (!runes_until(p, ",}", &b, &last)) {
            r = nomem(p);
            break;
        }
        if (last == EOF_RUNE) {
            hc_error_set(p->err, HC_ERR_PARSE, "list must terminate with '}'");
            r = R_ERR;
            break;
        }
        hc_val v;
        if (!typed_val(p, &b, &v) || hc_listb_push(&lb, v) != HC_OK) {
            r = nomem(p);
            break;
        }
        if (last == '}') {
            if (p->pos < p->n && p->s[p->pos] == ',')
                p->pos++;
            break;
        }
    }
    hc_buf_release(&b);
    struct hc_list *l = hc_listb_finish(&lb);
    if (r != R_OK)
        return r;
    if (!l)
        return nomem(p);
    *out = hc_list_val(l, HC_GT_LIST);
    return R_OK;
}

/* val: the text up to ',' typed. */
static enum res val(struct parser *p, hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    int last;
    bool ok = runes_until(p, ",", &b, &last) && typed_val(p, &b, out);
    hc_buf_release(&b);
    if (!ok)
        return nomem(p);
    return last == EOF_RUNE ? R_EOF : R_OK;
}

/* setIndex: a copy of list with item i set (grown with nils). */
static enum res set_index(struct parser *p, hc_val list, int64_t i, hc_val v, hc_val *out)
{
    if (i < 0) {
        hc_error_set(p->err, HC_ERR_PARSE, "negative %lld index not allowed", (long long)i);
        return R_ERR;
    }
    if (i > HC_STRVALS_MAX_INDEX) {
        hc_error_set(p->err, HC_ERR_PARSE,
                     "index of %lld is greater than maximum supported index of %d", (long long)i,
                     HC_STRVALS_MAX_INDEX);
        return R_ERR;
    }
    size_t old = list.kind == HC_LIST && list.u.l ? list.u.l->len : 0;
    size_t n = (size_t)i + 1 > old ? (size_t)i + 1 : old;
    struct hc_list *l = hc_list_new(p->a, n);
    if (!l)
        return nomem(p);
    if (old)
        memcpy(l->items, list.u.l->items, old * sizeof(hc_val));
    l->items[i] = v;
    *out = hc_list_val(l, HC_GT_LIST);
    return R_OK;
}

/* keyIndex: the number up to ']' (strconv.Atoi). */
static enum res key_index(struct parser *p, int64_t *out)
{
    struct hc_buf b = HC_BUF_INIT;
    int last;
    if (!runes_until(p, "]", &b, &last)) {
        hc_buf_release(&b);
        return nomem(p);
    }
    enum res r = R_OK;
    if (last == EOF_RUNE) {
        hc_error_set(p->err, HC_ERR_PARSE, "error parsing index: EOF");
        r = R_ERR;
    } else if (!parse_int64(hc_buf_str(&b), b.len, out) || *out > INT_MAX || *out < INT_MIN) {
        struct hc_buf q = HC_BUF_INIT;
        hc_gofmt_quote(&q, hc_buf_str(&b), b.len);
        bool range = parse_int64(hc_buf_str(&b), b.len, out);
        hc_error_set(p->err, HC_ERR_PARSE, "error parsing index: strconv.Atoi: parsing %s: %s",
                     hc_buf_str(&q), range ? "value out of range" : "invalid syntax");
        hc_buf_release(&q);
        r = R_ERR;
    }
    hc_buf_release(&b);
    return r;
}

static enum res key(struct parser *p, struct hc_map *data, int level);

static enum res list_item(struct parser *p, hc_val list, int64_t i, int level, hc_val *out)
{
    *out = list;
    if (i < 0) {
        hc_error_set(p->err, HC_ERR_PARSE, "negative %lld index not allowed", (long long)i);
        return R_ERR;
    }
    struct hc_buf k = HC_BUF_INIT;
    int last;
    if (!runes_until(p, "[.=", &k, &last)) {
        hc_buf_release(&k);
        return nomem(p);
    }
    if (k.len > 0) {
        enum res r = fail(p, "unexpected data at end of array index: ", k.data, k.len, "");
        hc_buf_release(&k);
        return r;
    }
    hc_buf_release(&k);
    if (last == EOF_RUNE)
        return R_EOF;
    size_t len = list.kind == HC_LIST && list.u.l ? list.u.l->len : 0;
    if (last == '=') {
        hc_val v;
        bool not_list;
        enum res r = val_list(p, &v, &not_list);
        if (r == R_ERR)
            return r;
        if (r == R_EOF)
            return set_index(p, list, i, hc_strn("", 0), out);
        if (not_list) {
            r = val(p, &v);
            if (r == R_ERR)
                return r;
        }
        return set_index(p, list, i, v, out);
    }
    if (last == '[') {
        int64_t next;
        if (key_index(p, &next) != R_OK)
            return R_ERR;
        hc_val cur = hc_list_val(NULL, HC_GT_LIST);
        if ((size_t)i < len && list.u.l->items[i].kind != HC_NULL) {
            cur = list.u.l->items[i];
            if (cur.kind != HC_LIST)
                return conversion(p, cur, "[]interface {}");
        }
        hc_val list2;
        enum res r = list_item(p, cur, next, level, &list2);
        if (r == R_ERR)
            return r;
        return set_index(p, list, i, list2, out);
    }
    /* '.': a map inside the list */
    hc_val inner = hc_null();
    if ((size_t)i < len && list.u.l->items[i].kind == HC_MAP)
        inner = list.u.l->items[i];
    if (inner.kind != HC_MAP) {
        struct hc_map *m = hc_map_new(p->a, 0);
        if (!m)
            return nomem(p);
        inner = hc_map_val(m, HC_GT_MAP);
    }
    enum res r = key(p, inner.u.m, level);
    if (r == R_ERR)
        return r;
    enum res r2 = set_index(p, list, i, inner, out);
    return r2 == R_ERR ? r2 : r;
}

static enum res key(struct parser *p, struct hc_map *data, int level)
{
    struct hc_buf k = HC_BUF_INIT;
    int last;
    enum res r = R_OK;
    if (!runes_until(p, "=[,.", &k, &last)) {
        r = nomem(p);
        goto out;
    }
    if (last == EOF_RUNE) {
        r = k.len == 0 ? R_EOF : fail(p, "key ", k.data, k.len, " has no value");
        goto out;
    }
    hc_val cur;
    bool have = k.len > 0 && hc_map_get(data, k.data, k.len, &cur);
    switch (last) {
    case '[': {
        int64_t i;
        if (key_index(p, &i) != R_OK) {
            r = R_ERR;
            break;
        }
        hc_val list = hc_list_val(NULL, HC_GT_LIST);
        if (have) {
            if (cur.kind != HC_LIST) {
                r = conversion(p, cur, "[]interface {}");
                break;
            }
            list = cur;
        }
        hc_val nl;
        r = list_item(p, list, i, level, &nl);
        if (!set(p, data, &k, nl.u.l ? nl : hc_list_val(hc_list_new(p->a, 0), HC_GT_LIST)))
            r = nomem(p);
        break;
    }
    case '=': {
        hc_val v;
        bool not_list;
        r = val_list(p, &v, &not_list);
        if (r == R_ERR)
            break;
        if (r == R_EOF) {
            if (!set(p, data, &k, hc_strn("", 0)))
                r = nomem(p);
            break;
        }
        if (not_list)
            r = val(p, &v);
        if (r != R_ERR && !set(p, data, &k, v))
            r = nomem(p);
        break;
    }
    case ',':
        if (!set(p, data, &k, hc_strn("", 0)))
            r = nomem(p);
        else
            r = fail(p, "key ", k.data, k.len, " has no value (cannot end with ,)");
        break;
    default: { /* '.' */
        if (++level > HC_STRVALS_MAX_NESTED) {
            hc_error_set(p->err, HC_ERR_PARSE,
                         "value name nested level is greater than maximum supported nested "
                         "level of %d",
                         HC_STRVALS_MAX_NESTED);
            r = R_ERR;
            break;
        }
        struct hc_map *inner;
        if (have) {
            if (cur.kind != HC_MAP || cur.gotype != HC_GT_MAP || !cur.u.m) {
                r = conversion(p, cur, "map[string]interface {}");
                break;
            }
            inner = cur.u.m;
        } else {
            inner = hc_map_new(p->a, 0);
            if (!inner) {
                r = nomem(p);
                break;
            }
        }
        r = key(p, inner, level);
        if (r == R_OK && inner->len == 0) {
            r = fail(p, "key map ", k.data, k.len, " has no value");
            break;
        }
        if (inner->len != 0 && !set(p, data, &k, hc_map_val(inner, HC_GT_MAP)))
            r = nomem(p);
        break;
    }
    }
out:
    hc_buf_release(&k);
    return r;
}

hc_status hc_strvals_parse_into(struct hc_arena *a, const char *s, size_t len, hc_val dest,
                                bool as_string, struct hc_error *err)
{
    if (dest.kind != HC_MAP || !dest.u.m)
        return hc_error_set(err, HC_ERR_INVALID, "strvals: destination is not a map");
    struct parser p = {a, s, len, 0, as_string, err};
    for (;;) {
        enum res r = key(&p, dest.u.m, 0);
        if (r == R_EOF)
            return HC_OK;
        if (r == R_ERR)
            return err->code != HC_OK ? err->code : HC_ERR_PARSE;
    }
}
