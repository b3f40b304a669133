/*
 * write.c - hc_val to JSON text, byte for byte as Go's encoding/json writes it.
 *
 * Mirrors encode.go as Helm's toJson (json.Marshal), toRawJson (an Encoder
 * with SetEscapeHTML(false), its newline trimmed by Sprig) and toPrettyJson
 * (json.MarshalIndent(v, "", "  "), i.e. indent.go applied to Marshal's
 * output) reach it: map keys in byte order, < > & escaped as \u003c \u003e
 * \u0026 unless raw, U+2028 and U+2029 always escaped, \b \f \n \r \t and
 * \u00XX for other control bytes, invalid UTF-8 as \ufffd, floats in ES6
 * style, byte slices as base64, and the cycle check Go starts once 1000 maps
 * and slices deep.
 *
 * Invariant: nesting never uses the C stack.  The open lists and maps are on
 * w->stack (bounded by HC_JSON_MAX_WRITE_DEPTH); those deeper than
 * START_DETECTING_CYCLES_AFTER are also in the pointer set w->seen, exactly
 * while they are open, so meeting one again is a cycle.
 */
#include "json/json.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/alloc.h"
#include "gofmt/gofmt.h"
#include "json/utf8.h"

/* Go's startDetectingCyclesAfter: maps and slices this deep start to be remembered. */
#define START_DETECTING_CYCLES_AFTER 1000

/* An open list or map. */
struct wframe {
    hc_val v;
    uint32_t next; /* the next item or entry to write */
    bool seen;     /* recorded in w->seen */
};

struct writer {
    struct hc_buf *b;
    bool html; /* escape < > & (Marshal); false for toRawJson */
    bool indent;
    struct wframe *stack;
    size_t depth, cap;
    const void **seen; /* open addressing, NULL = free; capacity a power of two */
    size_t nseen, capseen;
    struct hc_error *err;
};

static const char hex[] = "0123456789abcdef";

/* ---- the pointer set for cycle detection ---- */

static size_t ptr_hash(const void *p, size_t mask)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= UINT64_C(0xff51afd7ed558ccd);
    x ^= x >> 33;
    return (size_t)x & mask;
}

static bool seen_has(const struct writer *w, const void *p)
{
    if (!w->capseen)
        return false;
    size_t mask = w->capseen - 1;
    for (size_t i = ptr_hash(p, mask); w->seen[i]; i = (i + 1) & mask)
        if (w->seen[i] == p)
            return true;
    return false;
}

static bool seen_add(struct writer *w, const void *p)
{
    if ((w->nseen + 1) * 2 > w->capseen) { /* keep the load under one half */
        size_t cap = w->capseen ? w->capseen * 2 : 64;
        if (hc_mul_size(cap, sizeof *w->seen) == SIZE_MAX)
            return false;
        const void **t = hc_calloc(cap, sizeof *t);
        if (!t)
            return false;
        for (size_t i = 0; i < w->capseen; i++) {
            if (!w->seen[i])
                continue;
            size_t j = ptr_hash(w->seen[i], cap - 1);
            while (t[j])
                j = (j + 1) & (cap - 1);
            t[j] = w->seen[i];
        }
        hc_free(w->seen);
        w->seen = t;
        w->capseen = cap;
    }
    size_t mask = w->capseen - 1, i = ptr_hash(p, mask);
    while (w->seen[i])
        i = (i + 1) & mask;
    w->seen[i] = p;
    w->nseen++;
    return true;
}

/* Removes p (present), shifting later members of its probe run back so lookups still find them. */
static void seen_del(struct writer *w, const void *p)
{
    size_t mask = w->capseen - 1, i = ptr_hash(p, mask);
    while (w->seen[i] != p)
        i = (i + 1) & mask;
    w->seen[i] = NULL;
    for (size_t j = (i + 1) & mask; w->seen[j]; j = (j + 1) & mask) {
        size_t home = ptr_hash(w->seen[j], mask);
        /* move j into the hole at i unless its home lies cyclically in (i, j] */
        bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!stays) {
            w->seen[i] = w->seen[j];
            w->seen[j] = NULL;
            i = j;
        }
    }
    w->nseen--;
}

/* ---- scalars ---- */

/* floatEncoder: ES6 number formatting; NaN and the infinities are refused. */
static hc_status write_float(struct writer *w, double f)
{
    if (isnan(f) || isinf(f))
        return hc_error_set(w->err, HC_ERR_INVALID, "json: unsupported value: %s",
                            isnan(f) ? "NaN"
                            : f > 0  ? "+Inf"
                                     : "-Inf");
    double abs = fabs(f);
    char fmt = abs != 0 && (abs < 1e-6 || abs >= 1e21) ? 'e' : 'f';
    size_t start = w->b->len;
    hc_gofmt_float(w->b, f, fmt, -1);
    if (fmt == 'e' && hc_buf_ok(w->b)) {
        /* Go's "clean up e-09 to e-9" */
        char *s = w->b->data + start;
        size_t n = w->b->len - start;
        if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') {
            s[n - 2] = s[n - 1];
            hc_buf_truncate(w->b, w->b->len - 1);
        }
    }
    return HC_OK;
}

/* encodeState.string: s quoted, escaped as Go escapes it. */
static void write_string(struct writer *w, const char *s, size_t n)
{
    struct hc_buf *b = w->b;
    const unsigned char *u = (const unsigned char *)s, *end = u + n;
    size_t i = 0, start = 0;
    hc_buf_addc(b, '"');
    while (i < n) {
        unsigned c = u[i];
        if (c < 0x80) {
            if (c >= 0x20 && c != '"' && c != '\\' &&
                !(w->html && (c == '<' || c == '>' || c == '&'))) {
                i++;
                continue;
            }
            hc_buf_add(b, s + start, i - start);
            char e[6] = {'\\', 0, 0, 0, 0, 0};
            size_t elen = 2;
            switch (c) {
            case '"':
            case '\\':
                e[1] = (char)c;
                break;
            case '\b':
                e[1] = 'b';
                break;
            case '\f':
                e[1] = 'f';
                break;
            case '\n':
                e[1] = 'n';
                break;
            case '\r':
                e[1] = 'r';
                break;
            case '\t':
                e[1] = 't';
                break;
            default: /* other control bytes, and < > & for HTML safety */
                e[1] = 'u';
                e[2] = '0';
                e[3] = '0';
                e[4] = hex[c >> 4];
                e[5] = hex[c & 0xF];
                elen = 6;
            }
            hc_buf_add(b, e, elen);
            start = ++i;
            continue;
        }
        size_t len = json_utf8_len(u + i, end);
        if (len == 0) {
            hc_buf_add(b, s + start, i - start);
            hc_buf_adds(b, "\\ufffd");
            start = ++i;
            continue;
        }
        if (len == 3 && c == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
            /* U+2028 and U+2029 break JSONP: escaped even when raw */
            hc_buf_add(b, s + start, i - start);
            hc_buf_adds(b, u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
            start = i + 3;
        }
        i += len;
    }
    hc_buf_add(b, s + start, n - start);
    hc_buf_addc(b, '"');
}

/* encodeByteSlice: a []uint8 as a base64 (standard, padded) string. */
static void write_base64(struct hc_buf *b, hc_val v)
{
    static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *s = v.kind == HC_STRING ? (const unsigned char *)v.u.s : NULL;
    size_t n = v.kind == HC_STRING ? v.len : v.u.l->len;
    hc_buf_addc(b, '"');
    for (size_t i = 0; i < n; i += 3) {
        unsigned x[3] = {0, 0, 0};
        size_t k = n - i < 3 ? n - i : 3;
        for (size_t j = 0; j < k; j++)
            x[j] = s ? s[i + j] : (unsigned)(v.u.l->items[i + j].u.i & 0xFF);
        char q[4] = {alpha[x[0] >> 2], alpha[((x[0] & 3) << 4) | (x[1] >> 4)],
                     alpha[((x[1] & 15) << 2) | (x[2] >> 6)], alpha[x[2] & 63]};
        if (k < 3)
            q[3] = '=';
        if (k < 2)
            q[2] = '=';
        hc_buf_add(b, q, 4);
    }
    hc_buf_addc(b, '"');
}

/*
 * Host objects (Go structs such as .Capabilities.KubeVersion).  Go writes
 * their exported fields in declaration order; the value model has no field
 * table yet, so this is the hook to extend when one arrives.  Until then it
 * fails with the text Go gives for a type it cannot encode.
 */
static hc_status write_obj(struct writer *w, hc_val v)
{
    return hc_error_set(w->err, HC_ERR_INVALID, "json: unsupported type: %s", hc_val_typename(v));
}

/* ---- containers ---- */

static void newline_at(struct hc_buf *b, size_t depth)
{
    hc_buf_addc(b, '\n');
    hc_buf_addn(b, ' ', 2 * depth);
}

/* The length of an open list or map. */
static uint32_t frame_len(const struct wframe *f)
{
    return f->v.kind == HC_LIST ? f->v.u.l->len : f->v.u.m->len;
}

/*
 * Starts a non-nil list or map: the depth and cycle checks of Go's
 * mapEncoder and sliceEncoder (one level each), then its opening bracket.
 * An empty one is written whole; any other is pushed for the main loop.
 */
static hc_status open_container(struct writer *w, hc_val v)
{
    bool is_list = v.kind == HC_LIST;
    const void *id = is_list ? (const void *)v.u.l : (const void *)v.u.m;
    size_t level = w->depth + 1;
    if (level > HC_JSON_MAX_WRITE_DEPTH)
        return hc_error_set(w->err, HC_ERR_LIMIT, "json: value nested deeper than %d levels",
                            HC_JSON_MAX_WRITE_DEPTH);
    uint32_t len = is_list ? v.u.l->len : v.u.m->len;
    if (len == 0) { /* nothing inside, so it cannot be part of a cycle */
        hc_buf_adds(w->b, is_list ? "[]" : "{}");
        return HC_OK;
    }
    bool track = level > START_DETECTING_CYCLES_AFTER;
    if (track) {
        if (seen_has(w, id))
            return hc_error_set(w->err, HC_ERR_INVALID,
                                "json: unsupported value: encountered a cycle via %s",
                                hc_val_typename(v));
        if (!seen_add(w, id))
            return hc_error_nomem(w->err);
    }
    if (w->depth == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 32;
        struct wframe *s =
            hc_mul_size(cap, sizeof *s) == SIZE_MAX ? NULL : hc_realloc(w->stack, cap * sizeof *s);
        if (!s) {
            if (track)
                seen_del(w, id);
            return hc_error_nomem(w->err);
        }
        w->stack = s;
        w->cap = cap;
    }
    struct wframe *f = &w->stack[w->depth++];
    f->v = v;
    f->next = 0;
    f->seen = track;
    hc_buf_addc(w->b, is_list ? '[' : '{');
    return HC_OK;
}

/* One value: scalars are written whole, containers opened. */
static hc_status write_value(struct writer *w, hc_val v)
{
    switch ((hc_kind)v.kind) {
    case HC_NULL:
    case HC_MISSING:
        hc_buf_adds(w->b, "null");
        return HC_OK;
    case HC_BOOL:
        hc_buf_adds(w->b, v.u.b ? "true" : "false");
        return HC_OK;
    case HC_INT:
        hc_gofmt_int(w->b, v.u.i, 10);
        return HC_OK;
    case HC_FLOAT:
        return write_float(w, v.u.f);
    case HC_STRING:
        if (v.gotype == HC_GT_BYTES)
            write_base64(w->b, v);
        else
            write_string(w, v.u.s, v.len);
        return HC_OK;
    case HC_LIST:
        if (!v.u.l) { /* a nil slice */
            hc_buf_adds(w->b, "null");
            return HC_OK;
        }
        if (v.gotype == HC_GT_BYTES) {
            write_base64(w->b, v);
            return HC_OK;
        }
        return open_container(w, v);
    case HC_MAP:
        if (!v.u.m) { /* a nil map */
            hc_buf_adds(w->b, "null");
            return HC_OK;
        }
        return open_container(w, v);
    case HC_OBJ:
        return write_obj(w, v);
    }
    return hc_error_set(w->err, HC_ERR_INVALID, "json: unsupported value kind %u",
                        (unsigned)v.kind);
}

/* The whole value: the root, then the open containers' contents, innermost first. */
static hc_status write_all(struct writer *w, hc_val root)
{
    hc_status rc = write_value(w, root);
    while (rc == HC_OK && w->depth > 0 && hc_buf_ok(w->b)) {
        struct wframe *f = &w->stack[w->depth - 1];
        bool is_list = f->v.kind == HC_LIST;
        if (f->next == frame_len(f)) {
            if (f->seen)
                seen_del(w, is_list ? (const void *)f->v.u.l : (const void *)f->v.u.m);
            w->depth--;
            if (w->indent)
                newline_at(w->b, w->depth);
            hc_buf_addc(w->b, is_list ? ']' : '}');
            continue;
        }
        if (f->next > 0)
            hc_buf_addc(w->b, ',');
        if (w->indent)
            newline_at(w->b, w->depth);
        hc_val child;
        if (is_list) {
            child = f->v.u.l->items[f->next];
        } else {
            const struct hc_mapent *e = &f->v.u.m->e[f->next];
            write_string(w, e->key, e->klen);
            hc_buf_adds(w->b, w->indent ? ": " : ":");
            child = e->val;
        }
        f->next++;
        rc = write_value(w, child);
    }
    return rc;
}

hc_status hc_json_write(struct hc_buf *b, hc_val v, unsigned flags, struct hc_error *err)
{
    struct writer w;
    memset(&w, 0, sizeof w);
    w.b = b;
    w.html = !(flags & HC_JSON_NO_HTML_ESCAPE);
    w.indent = (flags & HC_JSON_INDENT) != 0;
    w.err = err;
    size_t start = b->len;
    hc_status rc = write_all(&w, v);
    hc_free(w.stack);
    hc_free(w.seen);
    if (rc == HC_OK && !hc_buf_ok(b))
        rc = hc_error_nomem(err);
    if (rc != HC_OK)
        hc_buf_truncate(b, start);
    return rc;
}

void hc_json_indent(struct hc_buf *b, const char *src, size_t n)
{
    size_t depth = 0;
    bool in_string = false, escaped = false, open = false;
    for (size_t i = 0; i < n; i++) {
        char c = src[i];
        if (in_string) {
            hc_buf_addc(b, c);
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        /* a bracket just opened: its line break waits until it proves non-empty */
        if (open && c != ']' && c != '}')
            newline_at(b, depth);
        switch (c) {
        case '"':
            in_string = true;
            hc_buf_addc(b, c);
            break;
        case '[':
        case '{':
            hc_buf_addc(b, c);
            depth++;
            break;
        case ']':
        case '}':
            depth = depth ? depth - 1 : 0;
            if (!open)
                newline_at(b, depth);
            hc_buf_addc(b, c);
            break;
        case ',':
            hc_buf_addc(b, c);
            newline_at(b, depth);
            break;
        case ':':
            hc_buf_adds(b, ": ");
            break;
        default:
            hc_buf_addc(b, c);
        }
        open = c == '[' || c == '{';
    }
}
