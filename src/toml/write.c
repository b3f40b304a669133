/*
 * write.c - hc_val to a TOML document, byte for byte as BurntSushi/toml's
 * Encoder writes it for Helm's toToml.
 *
 * Mirrors encode.go: encode() dispatches on the value's kind, eTable and
 * eArrayOfTables write headers, eMap writes a table's keys (plain ones first,
 * then those holding tables, each group sorted), eElement writes one value
 * that fits on a line.  Whether a value is a table, an array of tables or
 * something else (tomlTypeOfGo) is asked again at every level, as Go does,
 * and that question is where a nil inside an array is refused.
 *
 * Invariant: enc->key holds the dotted key of the table being written; its
 * length is the nesting level, which decides the indentation.
 */
#include "toml/toml.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "gofmt/gofmt.h"

/* A value as the encoder sees it, host objects resolved through the hook. */
struct view {
    hc_val v;
    enum hc_toml_obj obj;   /* HC_TOML_OBJ_VALUE: v is plain */
    const struct hc_obj *o; /* HC_TOML_OBJ_STRUCT: the struct */
};

/* tomlTypeOfGo's answers; T_NONE for nil. */
enum ttype { T_NONE, T_SCALAR, T_ARRAY, T_HASH, T_ARRAY_HASH };

struct keypart {
    const char *s;
    size_t n;
};

struct enc {
    struct hc_buf *b;
    struct hc_arena *a;
    const struct hc_toml_hooks *h;
    struct hc_error *err;
    struct keypart key[HC_TOML_MAX_DEPTH + 1];
    size_t nkey;
    int depth;    /* elements nested inside one another */
    bool written; /* hasWritten */
};

static hc_status encode(struct enc *e, struct view x);
static hc_status element(struct enc *e, struct view x);

static hc_status too_deep(struct enc *e)
{
    return hc_error_set(e->err, HC_ERR_LIMIT, "toml: value nested deeper than %d levels",
                        HC_TOML_MAX_DEPTH);
}

static hc_status see(struct enc *e, hc_val v, struct view *x)
{
    x->v = v;
    x->obj = HC_TOML_OBJ_VALUE;
    x->o = NULL;
    for (int i = 0; v.kind == HC_OBJ && i < 8; i++) {
        const struct hc_obj *o = v.u.o;
        enum hc_toml_obj kind = HC_TOML_OBJ_STRUCT;
        hc_val out = hc_null();
        if (e->h && e->h->obj && e->h->obj(e->h->ctx, o, e->a, &kind, &out) != HC_OK)
            return hc_error_nomem(e->err);
        x->obj = kind;
        x->o = o;
        x->v = out;
        if (kind != HC_TOML_OBJ_VALUE)
            return HC_OK;
        v = out;
    }
    return HC_OK;
}

/* isNil after eindirect: nil interfaces, maps, slices and pointers. */
static bool is_nil(const struct view *x)
{
    if (x->obj == HC_TOML_OBJ_NIL)
        return true;
    if (x->obj != HC_TOML_OBJ_VALUE)
        return false;
    switch (x->v.kind) {
    case HC_NULL:
    case HC_MISSING:
        return true;
    case HC_LIST:
        return !x->v.u.l;
    case HC_MAP:
        return !x->v.u.m;
    default:
        return false;
    }
}

static bool is_bytes(hc_val v)
{
    return v.kind == HC_STRING && v.gotype == HC_GT_BYTES;
}

static uint32_t list_len(hc_val v)
{
    return v.kind == HC_LIST ? v.u.l->len : v.len;
}

/* Element i of a list, or of a []uint8 held as a string. */
static hc_val list_at(hc_val v, uint32_t i)
{
    if (v.kind == HC_LIST)
        return v.u.l->items[i];
    return hc_int_typed((unsigned char)v.u.s[i], HC_GT_UINT8);
}

/* tomlTypeOfGo, with isTableArray's check that no array element is nil. */
static hc_status type_of(struct enc *e, const struct view *x, enum ttype *t, int depth)
{
    if (depth > HC_TOML_MAX_DEPTH)
        return too_deep(e);
    if (is_nil(x)) {
        *t = T_NONE;
        return HC_OK;
    }
    if (x->obj == HC_TOML_OBJ_STRUCT) {
        *t = T_HASH;
        return HC_OK;
    }
    if (x->obj != HC_TOML_OBJ_VALUE ||
        (x->v.kind != HC_LIST && x->v.kind != HC_MAP && !is_bytes(x->v))) {
        *t = T_SCALAR;
        return HC_OK;
    }
    if (x->v.kind == HC_MAP) {
        *t = T_HASH;
        return HC_OK;
    }
    uint32_t n = list_len(x->v);
    bool tables = n > 0;
    for (uint32_t i = 0; i < n; i++) {
        struct view y;
        enum ttype et;
        hc_status rc = see(e, list_at(x->v, i), &y);
        if (rc == HC_OK)
            rc = type_of(e, &y, &et, depth + 1);
        if (rc != HC_OK)
            return rc;
        if (et == T_NONE)
            return hc_error_set(e->err, HC_ERR_INVALID,
                                "toml: cannot encode array with nil element");
        if (et != T_HASH)
            tables = false;
    }
    *t = tables ? T_ARRAY_HASH : T_ARRAY;
    return HC_OK;
}

static bool is_table(enum ttype t)
{
    return t == T_HASH || t == T_ARRAY_HASH;
}

/* ---- text ---- */

static void put(struct enc *e, const char *s, size_t n)
{
    hc_buf_add(e->b, s, n);
    e->written = true;
}

static void puts_(struct enc *e, const char *s)
{
    put(e, s, strlen(s));
}

static void newline(struct enc *e)
{
    if (e->written)
        puts_(e, "\n");
}

/* dblQuotedReplacer: a byte-wise replacement; other bytes pass unchanged. */
static void quoted_body(struct hc_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':
            hc_buf_adds(b, "\\\"");
            break;
        case '\\':
            hc_buf_adds(b, "\\\\");
            break;
        case '\b':
            hc_buf_adds(b, "\\b");
            break;
        case '\t':
            hc_buf_adds(b, "\\t");
            break;
        case '\n':
            hc_buf_adds(b, "\\n");
            break;
        case '\f':
            hc_buf_adds(b, "\\f");
            break;
        case '\r':
            hc_buf_adds(b, "\\r");
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                hc_buf_add(b, u, 6);
            } else {
                hc_buf_addc(b, (char)c);
            }
        }
    }
}

static void quoted(struct enc *e, const char *s, size_t n)
{
    hc_buf_addc(e->b, '"');
    quoted_body(e->b, s, n);
    put(e, "\"", 1);
}

/* A key part is bare when every rune is A-Z a-z 0-9 _ - (invalid UTF-8 is not). */
static bool bare_key(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* Key.maybeQuoted of one part. */
static void key_part(struct enc *e, struct keypart k)
{
    if (k.n == 0)
        puts_(e, "\"\"");
    else if (bare_key(k.s, k.n))
        put(e, k.s, k.n);
    else
        quoted(e, k.s, k.n);
}

/* Key.String: the parts joined with dots. */
static void key_string(struct enc *e)
{
    for (size_t i = 0; i < e->nkey; i++) {
        if (i)
            puts_(e, ".");
        key_part(e, e->key[i]);
    }
}

static void indent(struct enc *e)
{
    if (e->nkey > 1)
        hc_buf_addn(e->b, ' ', 2 * (e->nkey - 1));
}

static void write_float(struct enc *e, double f)
{
    if (isnan(f) || isinf(f)) {
        if (signbit(f))
            puts_(e, "-");
        puts_(e, isnan(f) ? "nan" : "inf");
        return;
    }
    size_t start = e->b->len;
    hc_gofmt_float(e->b, f, 'g', -1);
    e->written = true;
    if (!hc_buf_ok(e->b))
        return;
    const char *s = e->b->data + start;
    size_t n = e->b->len - start;
    if (!memchr(s, 'e', n) && !memchr(s, '.', n))
        puts_(e, ".0");
}

/* ---- tables ---- */

static hc_status push_key(struct enc *e, const char *s, size_t n)
{
    if (e->nkey >= HC_TOML_MAX_DEPTH)
        return too_deep(e);
    e->key[e->nkey].s = s;
    e->key[e->nkey].n = n;
    e->nkey++;
    return HC_OK;
}

/* writeKeyValue: "key = value" (a bare value at the top level). */
static hc_status key_value(struct enc *e, struct keypart k, bool top, struct view x, bool inline_)
{
    if (top)
        return element(e, x);
    indent(e);
    key_part(e, k);
    puts_(e, " = ");
    hc_status rc = element(e, x);
    if (rc == HC_OK && !inline_)
        newline(e);
    return rc;
}

/* One member of a map or struct: its name and value. */
struct member {
    const char *name;
    size_t n;
    struct view x;
    enum ttype t;
};

/*
 * eMap and eStruct: the members holding plain values first, then those
 * holding tables; inline inside an element ({k = v, ...}), else each encoded
 * under its own key.  Nil members are left out, but still count for the
 * inline commas, as in Go.
 */
static hc_status members(struct enc *e, struct member *m, size_t n, bool inline_)
{
    size_t nsub = 0;
    for (size_t i = 0; i < n; i++)
        nsub += is_table(m[i].t);
    if (inline_)
        puts_(e, "{");
    for (int pass = 0; pass < 2; pass++) {
        size_t count = pass == 0 ? n - nsub : nsub, k = 0;
        for (size_t i = 0; i < n; i++) {
            if (is_table(m[i].t) != (pass == 1))
                continue;
            size_t at = k++;
            if (is_nil(&m[i].x))
                continue;
            hc_status rc;
            if (inline_) {
                struct keypart kp = {m[i].name, m[i].n};
                rc = key_value(e, kp, false, m[i].x, true);
                if (rc == HC_OK && ((pass == 0 && nsub > 0) || at != count - 1))
                    puts_(e, ", ");
            } else {
                rc = push_key(e, m[i].name, m[i].n);
                if (rc == HC_OK) {
                    rc = encode(e, m[i].x);
                    e->nkey--;
                }
            }
            if (rc != HC_OK)
                return rc;
        }
    }
    if (inline_)
        puts_(e, "}");
    return HC_OK;
}

/* eMapOrStruct: gathers the members of a map or a struct object, then writes them. */
static hc_status map_or_struct(struct enc *e, const struct view *x, bool inline_)
{
    size_t n = 0;
    const struct hc_obj_fmt *f = x->o ? x->o->type->fmt : NULL;
    if (x->obj == HC_TOML_OBJ_STRUCT) {
        const char *name;
        hc_val fv;
        for (uint32_t i = 0; x->o->data && f && f->field && f->field(x->o, i, &name, &fv); i++)
            n++;
    } else {
        n = x->v.u.m->len;
    }
    struct member *m = n ? hc_arena_alloc(e->a, n * sizeof *m) : NULL;
    if (n && !m)
        return hc_error_nomem(e->err);
    size_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        hc_val v;
        if (x->obj == HC_TOML_OBJ_STRUCT) {
            f->field(x->o, i, &m[k].name, &v);
            if (!(m[k].name[0] >= 'A' && m[k].name[0] <= 'Z'))
                continue; /* unexported */
            m[k].n = strlen(m[k].name);
        } else {
            m[k].name = x->v.u.m->e[i].key;
            m[k].n = x->v.u.m->e[i].klen;
            v = x->v.u.m->e[i].val;
        }
        hc_status rc = see(e, v, &m[k].x);
        if (rc == HC_OK)
            rc = type_of(e, &m[k].x, &m[k].t, 0);
        if (rc != HC_OK)
            return rc;
        k++;
    }
    return members(e, m, k, inline_);
}

/* eTable: the [key] header (after a blank line at the top level), then the members. */
static hc_status table(struct enc *e, const struct view *x)
{
    if (e->nkey == 1)
        newline(e);
    if (e->nkey > 0) {
        indent(e);
        puts_(e, "[");
        key_string(e);
        puts_(e, "]");
        newline(e);
    }
    return map_or_struct(e, x, false);
}

/* eArrayOfTables: [[key]] and the members, for each non-nil element. */
static hc_status array_of_tables(struct enc *e, const struct view *x)
{
    if (e->nkey == 0)
        return hc_error_set(e->err, HC_ERR_INVALID,
                            "toml: top-level values must be Go maps or structs");
    uint32_t n = list_len(x->v);
    for (uint32_t i = 0; i < n; i++) {
        struct view y;
        hc_status rc = see(e, list_at(x->v, i), &y);
        if (rc != HC_OK)
            return rc;
        if (is_nil(&y))
            continue;
        newline(e);
        indent(e);
        puts_(e, "[[");
        key_string(e);
        puts_(e, "]]");
        newline(e);
        rc = map_or_struct(e, &y, false);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

/* ---- values ---- */

/* eElement: one value that fits on a line. */
static hc_status element(struct enc *e, struct view x)
{
    if (++e->depth > HC_TOML_MAX_DEPTH)
        return too_deep(e);
    hc_status rc = HC_OK;
    hc_val v = x.v;
    switch (x.obj) {
    case HC_TOML_OBJ_DATETIME:
        put(e, v.u.s, v.len);
        goto out;
    case HC_TOML_OBJ_TEXT:
        quoted(e, v.u.s, v.len);
        goto out;
    case HC_TOML_OBJ_STRUCT:
        rc = map_or_struct(e, &x, true);
        goto out;
    case HC_TOML_OBJ_NIL:
    case HC_TOML_OBJ_VALUE:
        break;
    }
    if (x.obj == HC_TOML_OBJ_NIL || v.kind == HC_NULL || v.kind == HC_MISSING) {
        rc = hc_error_set(e->err, HC_ERR_EXEC,
                          "reflect: call of reflect.Value.Interface on zero Value");
        goto out;
    }
    if (v.kind == HC_LIST || is_bytes(v)) {
        uint32_t n = v.kind == HC_LIST && !v.u.l ? 0 : list_len(v);
        puts_(e, "[");
        for (uint32_t i = 0; rc == HC_OK && i < n; i++) {
            struct view y;
            rc = see(e, list_at(v, i), &y);
            if (rc == HC_OK)
                rc = element(e, y);
            if (i != n - 1)
                puts_(e, ", ");
        }
        puts_(e, "]");
        goto out;
    }
    switch (v.kind) {
    case HC_STRING:
        quoted(e, v.u.s, v.len);
        break;
    case HC_BOOL:
        puts_(e, v.u.b ? "true" : "false");
        break;
    case HC_INT:
        hc_gofmt_int(e->b, v.u.i, 10);
        e->written = true;
        break;
    case HC_FLOAT:
        write_float(e, v.u.f);
        break;
    case HC_MAP:
        rc = map_or_struct(e, &x, true);
        break;
    default:
        rc = hc_error_set(e->err, HC_ERR_INVALID, "toml: unsupported type: %s", hc_val_typename(v));
    }
out:
    e->depth--;
    return rc;
}

/* encode: a value under e->key (the whole document when the key is empty). */
static hc_status encode(struct enc *e, struct view x)
{
    bool top = e->nkey == 0;
    struct keypart last = top ? (struct keypart){NULL, 0} : e->key[e->nkey - 1];
    switch (x.obj) {
    case HC_TOML_OBJ_NIL:
        return HC_OK;
    case HC_TOML_OBJ_STRUCT:
        return table(e, &x);
    case HC_TOML_OBJ_TEXT:
    case HC_TOML_OBJ_DATETIME:
        return key_value(e, last, top, x, false);
    case HC_TOML_OBJ_VALUE:
        break;
    }
    switch (x.v.kind) {
    case HC_NULL:
    case HC_MISSING:
        /* only reachable at the top: reflect.ValueOf(nil) has no type */
        return hc_error_set(e->err, HC_ERR_EXEC,
                            "reflect: call of reflect.Value.Type on zero Value");
    case HC_MAP:
        return x.v.u.m ? table(e, &x) : HC_OK;
    case HC_LIST: {
        enum ttype t;
        hc_status rc = type_of(e, &x, &t, 0);
        if (rc != HC_OK)
            return rc;
        if (t == T_ARRAY_HASH)
            return array_of_tables(e, &x);
        return key_value(e, last, top, x, false);
    }
    default:
        if (is_bytes(x.v)) {
            enum ttype t;
            hc_status rc = type_of(e, &x, &t, 0);
            if (rc != HC_OK)
                return rc;
        }
        return key_value(e, last, top, x, false);
    }
}

hc_status hc_toml_write(struct hc_buf *b, hc_val v, const struct hc_toml_hooks *h,
                        struct hc_arena *a, struct hc_error *err)
{
    struct enc *e = hc_calloc(1, sizeof *e);
    if (!e)
        return hc_error_nomem(err);
    e->b = b;
    e->a = a;
    e->h = h;
    e->err = err;
    size_t start = b->len;
    struct view x;
    hc_status rc = see(e, v, &x);
    if (rc == HC_OK)
        rc = encode(e, x);
    if (rc == HC_OK && !hc_buf_ok(b))
        rc = hc_error_nomem(err);
    if (rc != HC_OK)
        hc_buf_truncate(b, start);
    hc_free(e);
    return rc;
}
