/*
 * entry_text.c - a quick reading of one index entry in go-yaml's block layout.
 *
 * An index helm wrote holds each entry as go-yaml's emitter lays out a block
 * mapping: keys at one column, nested mappings two columns in, sequences
 * under a key at the key's column ("- " items), plain scalars (long ones
 * folded onto more-indented lines), single- and double-quoted scalars and
 * literal ("|") scalars.  This file reads that subset, line by line, without
 * libyaml and without resolving plain scalars (every one is a string but
 * true, false, null and ~).  It is only a guess of what the YAML reader
 * would give: index.c uses a guess only when writing it back gives the text
 * it came from, byte for byte, which go-yaml's emitter only does for a value
 * that reads back as itself (it quotes a string that would resolve to
 * something else, and so on).
 *
 * Invariant: the reader never reads outside text[0..len) and gives up
 * (returns false) at the first thing it does not know, so what it returns is
 * always a value of the text's shape or nothing.
 */
#include "repo/entry_text.h"

#include <string.h>

#include "base/arena.h"

#define MAX_DEPTH 32 /* nesting of mappings and sequences read */

struct rd {
    struct hc_arena *a;
    const char *end;
    int depth;
};

static const char *line_end(const struct rd *r, const char *p)
{
    const char *e = memchr(p, '\n', (size_t)(r->end - p));
    return e ? e : r->end;
}

static const char *next_line(const struct rd *r, const char *p)
{
    const char *e = line_end(r, p);
    return e < r->end ? e + 1 : r->end;
}

static size_t indent(const char *p, const char *le)
{
    size_t n = 0;
    while (p + n < le && p[n] == ' ')
        n++;
    return n;
}

static bool is_dash(const char *p, const char *le)
{
    return p < le && p[0] == '-' && (p + 1 == le || p[1] == ' ');
}

/* Whether [p, le) holds ": " or " #", which end a plain scalar. */
static bool has_indicator(const char *p, const char *le)
{
    for (const char *c = p; c + 1 < le; c++)
        if ((c[0] == ':' && c[1] == ' ') || (c[0] == ' ' && c[1] == '#'))
            return true;
    return false;
}

/* A plain key "KEY:" at p: its text and where the value starts (after the ':'). */
static bool read_key(const char *p, const char *le, const char **key, size_t *klen,
                     const char **after)
{
    if (p >= le || strchr("-?:,[]{}#&*!|>'\"%@` ", *p))
        return false;
    const char *c = p;
    while (c < le && !(c[0] == ':' && (c + 1 == le || c[1] == ' '))) {
        if (c[0] == ' ' && c + 1 < le && c[1] == '#')
            return false;
        c++;
    }
    if (c >= le || c[-1] == ' ')
        return false;
    *key = p;
    *klen = (size_t)(c - p);
    *after = c + 1;
    return true;
}

/* Appends s[0..n) to the arena string *buf of *len bytes (capacity *cap). */
static bool append(struct rd *r, char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t nc = (*len + n + 1) * 2;
        char *nb = hc_arena_realloc(r->a, *buf, *cap, nc);
        if (!nb)
            return false;
        *buf = nb;
        *cap = nc;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return true;
}

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

/* One escape of a double-quoted scalar at p (after the '\'), appended; false if unknown. */
static bool escape(struct rd *r, const char **p, const char *le, char **buf, size_t *len,
                   size_t *cap)
{
    static const char from[] = "\\\"/ntr0", to[] = "\\\"/\n\t\r";
    const char *e = *p;
    if (e >= le)
        return false;
    const char *k = strchr(from, *e);
    if (k && *e && *e != '0') {
        *p = e + 1;
        return append(r, buf, len, cap, &to[k - from], 1);
    }
    int digits = *e == 'x' ? 2 : *e == 'u' ? 4 : *e == 'U' ? 8 : 0;
    if (!digits || le - e <= digits)
        return false;
    unsigned long cp = 0;
    for (int i = 1; i <= digits; i++) {
        int h = hex(e[i]);
        if (h < 0)
            return false;
        cp = cp * 16 + (unsigned long)h;
    }
    /* the text must stay ASCII-printable (entry's bytes were), so only those escapes */
    if (cp < 0x20 || cp > 0x7e) {
        if (cp != '\n' && cp != '\t')
            return false;
    }
    *p = e + 1 + digits;
    char c = (char)cp;
    return append(r, buf, len, cap, &c, 1);
}

/* A double-quoted scalar on one line at q (the '"'); *next: the line after. */
static bool read_double(struct rd *r, const char *q, const char *le, hc_val *out, const char **next)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    if (!append(r, &buf, &len, &cap, "", 0))
        return false;
    const char *p = q + 1;
    while (p < le && *p != '"') {
        if (*p == '\\') {
            p++;
            if (!escape(r, &p, le, &buf, &len, &cap))
                return false;
            continue;
        }
        const char *s = p;
        while (p < le && *p != '"' && *p != '\\')
            p++;
        if (!append(r, &buf, &len, &cap, s, (size_t)(p - s)))
            return false;
    }
    if (p >= le || p + 1 != le)
        return false;
    *out = hc_strn(buf, len);
    *next = next_line(r, le);
    return true;
}

/* A single-quoted scalar at q, its lines folded (continuations indented more than col). */
static bool read_single(struct rd *r, const char *q, const char *le, size_t col, hc_val *out,
                        const char **next)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    if (!append(r, &buf, &len, &cap, "", 0))
        return false;
    const char *p = q + 1;
    for (;;) {
        while (p < le && !(p[0] == '\'' && (p + 1 == le || p[1] != '\''))) {
            if (!append(r, &buf, &len, &cap, p, 1))
                return false;
            p += p[0] == '\'' ? 2 : 1;
        }
        if (p < le) /* the closing quote: nothing may follow */
            break;
        /* a line break folds to a space; the next line must go on, indented */
        const char *nl = next_line(r, le);
        if (nl >= r->end || (len && buf[len - 1] == ' '))
            return false;
        le = line_end(r, nl);
        size_t ind = indent(nl, le);
        if (ind <= col || nl + ind == le)
            return false;
        if (!append(r, &buf, &len, &cap, " ", 1))
            return false;
        p = nl + ind;
    }
    if (p + 1 != le)
        return false;
    *out = hc_strn(buf, len);
    *next = next_line(r, le);
    return true;
}

/* A literal scalar ("|", "|-", "|+") whose header is [q, le); content indented more than col. */
static bool read_literal(struct rd *r, const char *q, const char *le, size_t col, hc_val *out,
                         const char **next)
{
    char chomp = le - q == 1 ? ' ' : le - q == 2 ? q[1] : 'x';
    if (chomp != ' ' && chomp != '-' && chomp != '+')
        return false;
    const char *p = next_line(r, le);
    if (p >= r->end)
        return false;
    size_t ci = indent(p, line_end(r, p));
    if (ci <= col || p + ci == line_end(r, p))
        return false;
    char *buf = NULL;
    size_t len = 0, cap = 0, blank = 0;
    if (!append(r, &buf, &len, &cap, "", 0))
        return false;
    while (p < r->end) {
        const char *e = line_end(r, p);
        size_t ind = indent(p, e);
        if (p + ind == e) { /* an empty line: kept as a line break if the scalar goes on */
            if (ind > ci)
                return false;
            blank++;
            p = next_line(r, e);
            continue;
        }
        if (ind < ci)
            break;
        for (; blank; blank--)
            if (!append(r, &buf, &len, &cap, "\n", 1))
                return false;
        if (!append(r, &buf, &len, &cap, p + ci, (size_t)(e - p - ci)) ||
            !append(r, &buf, &len, &cap, "\n", 1))
            return false;
        p = next_line(r, e);
    }
    if (chomp == '-')
        len--;
    for (; chomp == '+' && blank; blank--)
        if (!append(r, &buf, &len, &cap, "\n", 1))
            return false;
    buf[len] = '\0';
    *out = hc_strn(buf, len);
    *next = p;
    return true;
}

/* A plain scalar at q, its continuation lines (indented more than col) folded with spaces. */
static bool read_plain(struct rd *r, const char *q, const char *le, size_t col, hc_val *out,
                       const char **next)
{
    if (le[-1] == ' ' || le[-1] == ':' || has_indicator(q, le))
        return false;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    if (!append(r, &buf, &len, &cap, q, (size_t)(le - q)))
        return false;
    const char *p = next_line(r, le);
    bool folded = false;
    while (p < r->end) {
        const char *e = line_end(r, p);
        size_t ind = indent(p, e);
        if (p + ind == e || ind <= col)
            break;
        if (e[-1] == ' ' || has_indicator(p + ind, e) || p[ind] == '#' ||
            !append(r, &buf, &len, &cap, " ", 1) ||
            !append(r, &buf, &len, &cap, p + ind, (size_t)(e - p - ind)))
            return false;
        folded = true;
        p = next_line(r, e);
    }
    *next = p;
    if (!folded && (!strcmp(buf, "null") || !strcmp(buf, "~")))
        *out = hc_null();
    else if (!folded && (!strcmp(buf, "true") || !strcmp(buf, "false")))
        *out = hc_bool(buf[0] == 't');
    else
        *out = hc_strn(buf, len);
    return true;
}

/* A value on the rest of its line at q (continuations indented more than col). */
static bool read_inline(struct rd *r, const char *q, const char *le, size_t col, hc_val *out,
                        const char **next)
{
    switch (*q) {
    case '"':
        return read_double(r, q, le, out, next);
    case '\'':
        return read_single(r, q, le, col, out, next);
    case '|':
        return read_literal(r, q, le, col, out, next);
    case '[':
    case '{':
        if (le - q != 2 || q[1] != (*q == '[' ? ']' : '}'))
            return false;
        *next = next_line(r, le);
        if (*q == '{') {
            struct hc_map *m = hc_map_new(r->a, 0);
            *out = hc_map_val(m, HC_GT_MAP);
            return m != NULL;
        }
        struct hc_list *l = hc_list_new(r->a, 0);
        *out = hc_list_val(l, HC_GT_LIST);
        return l != NULL;
    default:
        if (strchr(">&*!%@`#?,: ", *q) || is_dash(q, le))
            return false;
        return read_plain(r, q, le, col, out, next);
    }
}

static bool read_map(struct rd *r, const char *p, size_t col, hc_val *out, const char **next);
static bool read_seq(struct rd *r, const char *p, size_t col, hc_val *out, const char **next);

/* A key's value on the lines after its own (p: the next line); null when there is none. */
static bool read_child(struct rd *r, const char *p, size_t col, hc_val *out, const char **next)
{
    *next = p;
    *out = hc_null();
    if (p >= r->end)
        return true;
    const char *le = line_end(r, p);
    size_t ind = indent(p, le);
    if (p + ind == le || ind < col || (ind == col && !is_dash(p + ind, le)))
        return true;
    if (is_dash(p + ind, le))
        return read_seq(r, p + ind, ind, out, next);
    return read_map(r, p + ind, ind, out, next);
}

/* A block mapping whose first key is at p, in column col. */
static bool read_map(struct rd *r, const char *p, size_t col, hc_val *out, const char **next)
{
    if (++r->depth > MAX_DEPTH)
        return false;
    struct hc_map *m = hc_map_new(r->a, 8);
    if (!m)
        return false;
    for (;;) {
        const char *le = line_end(r, p), *key, *after, *n;
        size_t klen;
        hc_val v, dup;
        if (!read_key(p, le, &key, &klen, &after) || hc_map_get(m, key, klen, &dup))
            return false;
        if (after < le) {
            if (after + 1 >= le || after[1] == ' ' || !read_inline(r, after + 1, le, col, &v, &n))
                return false;
        } else if (!read_child(r, next_line(r, le), col, &v, &n)) {
            return false;
        }
        char *k = hc_arena_strndup(r->a, key, klen);
        if (!k || hc_map_set(r->a, m, k, klen, v) != HC_OK)
            return false;
        *next = n;
        if (n >= r->end)
            break;
        const char *nle = line_end(r, n);
        size_t ind = indent(n, nle);
        if (n + ind == nle || ind < col)
            break;
        if (ind > col || is_dash(n + ind, nle))
            return false;
        p = n + ind;
    }
    r->depth--;
    *out = hc_map_val(m, HC_GT_MAP);
    return true;
}

/* A block sequence whose first "- " is at p, in column col. */
static bool read_seq(struct rd *r, const char *p, size_t col, hc_val *out, const char **next)
{
    if (++r->depth > MAX_DEPTH)
        return false;
    hc_val *items = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        const char *le = line_end(r, p), *q = p + 2, *key, *after, *nx;
        size_t klen;
        if (q >= le || *q == ' ')
            return false;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 8;
            hc_val *ni = hc_arena_realloc(r->a, items, cap * sizeof *ni, nc * sizeof *ni);
            if (!ni)
                return false;
            items = ni;
            cap = nc;
        }
        bool ok = read_key(q, le, &key, &klen, &after) ? read_map(r, q, col + 2, &items[n], &nx)
                                                       : read_inline(r, q, le, col, &items[n], &nx);
        if (!ok)
            return false;
        n++;
        *next = nx;
        if (nx >= r->end)
            break;
        const char *nle = line_end(r, nx);
        size_t ind = indent(nx, nle);
        if (nx + ind == nle || ind < col || (ind == col && !is_dash(nx + ind, nle)))
            break;
        if (ind > col)
            return false;
        p = nx + ind;
    }
    struct hc_list *l = hc_list_new(r->a, n);
    if (!l)
        return false;
    memcpy(l->items, items, n * sizeof *items);
    r->depth--;
    *out = hc_list_val(l, HC_GT_LIST);
    return true;
}

bool hc_repo_entry_text_read(struct hc_arena *a, const char *text, size_t len, hc_val *out)
{
    for (size_t i = 0; i < len; i++)
        if ((text[i] < 0x20 && text[i] != '\n') || text[i] > 0x7e)
            return false;
    struct rd r = {a, text + len, 0};
    const char *le = line_end(&r, text), *next;
    size_t col = indent(text, le);
    if (text + col == le)
        return false;
    return read_map(&r, text + col, col, out, &next) && next == r.end;
}
