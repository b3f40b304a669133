/*
 * schema.c - JSON Schema drafts 4 to 2020-12 over hc_val (see schema.h).
 *
 * The compiled form is the schema document itself plus an index: resources
 * (a node with an identifier, or a document root) with their URI, draft and
 * vocabulary; anchors; compiled regular expressions.  Validation interprets
 * the document, carrying the current resource (base URI and draft) and the
 * dynamic scope (resources entered, outermost first) for $dynamicRef and
 * $recursiveRef.  Annotations for unevaluatedProperties/unevaluatedItems are
 * one byte per object entry or array item, merged from successful subschemas.
 */
#include "schema/schema.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "gofmt/gofmt.h"
#include "json/json.h"
#include "schema/format.h"
#include "schema/uri.h"
#include "template/runes.h"

#define MATCH_LIMIT 1000000 /* PCRE2 match limit for one pattern match */

enum { D4 = 4, D6 = 6, D7 = 7, D2019 = 2019, D2020 = 2020 };

struct res {
    const char *uri; /* absolute, no fragment */
    hc_val node;
    int draft;
    bool novalidation; /* its metaschema leaves out the validation vocabulary */
};

struct anchor {
    size_t res;
    const char *name;
    hc_val node;
    bool dynamic;
};

struct regex {
    const char *src; /* the pattern string's bytes (identity key) */
    pcre2_code *code;
};

struct hc_schema {
    struct hc_arena arena;
    struct res *res;
    size_t nres, capres;
    struct anchor *anc;
    size_t nanc, capanc;
    struct regex *re;
    size_t nre, capre;
    const char **refs; /* absolute reference URIs seen while indexing */
    size_t nrefs, caprefs;
    size_t ndocs;
    const struct hc_schema_opts *opts;
};

/* ---- small helpers ---- */

static bool grow(struct hc_arena *a, void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t nc = *cap ? *cap * 2 : 8;
    void *np = hc_arena_realloc(a, *p, *cap * size, nc * size);
    if (!np)
        return false;
    *p = np;
    *cap = nc;
    return true;
}

static bool get(hc_val m, const char *key, hc_val *out)
{
    if (m.kind != HC_MAP || !m.u.m)
        return false;
    return hc_map_get(m.u.m, key, strlen(key), out);
}

static char *cstr(struct hc_arena *a, hc_val s)
{
    return hc_arena_strndup(a, s.u.s, s.len);
}

static bool is_num(hc_val v)
{
    return v.kind == HC_INT || v.kind == HC_FLOAT;
}

static double num(hc_val v)
{
    return v.kind == HC_INT ? (double)v.u.i : v.u.f;
}

/*
 * The draft a $schema URL names (santhosh-tekuri's draftFromURL): http or
 * https, an empty fragment at most; 0 for any other URL.
 */
static int draft_of(const char *s, size_t n)
{
    static const struct {
        const char *k;
        int d;
    } t[] = {{"json-schema.org/schema", D2020}, {"json-schema.org/draft/2020-12/schema", D2020},
             {"json-schema.org/draft/2019-09/schema", D2019}, {"json-schema.org/draft-07/schema", D7},
             {"json-schema.org/draft-06/schema", D6}, {"json-schema.org/draft-04/schema", D4}};
    if (n > 0 && s[n - 1] == '#')
        n--;
    if (n >= 7 && memcmp(s, "http://", 7) == 0) {
        s += 7;
        n -= 7;
    } else if (n >= 8 && memcmp(s, "https://", 8) == 0) {
        s += 8;
        n -= 8;
    }
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strlen(t[i].k) == n && memcmp(s, t[i].k, n) == 0)
            return t[i].d;
    return 0;
}

/* ---- indexing ---- */

static hc_status index_node(struct hc_schema *s, hc_val node, size_t res, int depth,
                            struct hc_error *err);

static long find_res_uri(const struct hc_schema *s, const char *uri, size_t n)
{
    for (size_t i = 0; i < s->nres; i++)
        if (strlen(s->res[i].uri) == n && memcmp(s->res[i].uri, uri, n) == 0)
            return (long)i;
    return -1;
}

static long find_res_node(const struct hc_schema *s, hc_val node)
{
    if (node.kind != HC_MAP)
        return -1;
    for (size_t i = s->nres; i-- > 0;) /* the last: a document's own $id wins over its URL */
        if (s->res[i].node.kind == HC_MAP && s->res[i].node.u.m == node.u.m)
            return (long)i;
    return -1;
}

static hc_status add_res(struct hc_schema *s, const char *uri, hc_val node, int draft, bool noval,
                         size_t *out, struct hc_error *err)
{
    if (!grow(&s->arena, (void **)&s->res, &s->capres, s->nres, sizeof *s->res))
        return hc_error_nomem(err);
    s->res[s->nres] = (struct res){uri, node, draft, noval};
    *out = s->nres++;
    return HC_OK;
}

static hc_status add_anchor(struct hc_schema *s, size_t res, hc_val name, hc_val node, bool dyn,
                            struct hc_error *err)
{
    if (!grow(&s->arena, (void **)&s->anc, &s->capanc, s->nanc, sizeof *s->anc))
        return hc_error_nomem(err);
    char *n = cstr(&s->arena, name);
    if (!n)
        return hc_error_nomem(err);
    s->anc[s->nanc++] = (struct anchor){res, n, node, dyn};
    return HC_OK;
}

/* Go's long Unicode category names (Go 1.25 regexp/syntax) and PCRE2's short ones. */
static const char *const categories[][2] = {
    {"Letter", "L"}, {"Cased_Letter", "LC"}, {"Uppercase_Letter", "Lu"},
    {"Lowercase_Letter", "Ll"}, {"Titlecase_Letter", "Lt"}, {"Modifier_Letter", "Lm"},
    {"Other_Letter", "Lo"}, {"Mark", "M"}, {"Combining_Mark", "M"}, {"Nonspacing_Mark", "Mn"},
    {"Spacing_Mark", "Mc"}, {"Enclosing_Mark", "Me"}, {"Number", "N"}, {"Decimal_Number", "Nd"},
    {"Letter_Number", "Nl"}, {"Other_Number", "No"}, {"Punctuation", "P"},
    {"Connector_Punctuation", "Pc"}, {"Dash_Punctuation", "Pd"}, {"Open_Punctuation", "Ps"},
    {"Close_Punctuation", "Pe"}, {"Initial_Punctuation", "Pi"}, {"Final_Punctuation", "Pf"},
    {"Other_Punctuation", "Po"}, {"Symbol", "S"}, {"Math_Symbol", "Sm"},
    {"Currency_Symbol", "Sc"}, {"Modifier_Symbol", "Sk"}, {"Other_Symbol", "So"},
    {"Separator", "Z"}, {"Space_Separator", "Zs"}, {"Line_Separator", "Zl"},
    {"Paragraph_Separator", "Zp"}, {"Other", "C"}, {"Control", "Cc"}, {"Format", "Cf"},
    {"Surrogate", "Cs"}, {"Private_Use", "Co"}, {"Unassigned", "Cn"},
};

/*
 * santhosh-tekuri/jsonschema v6 compiles patterns with Go's regexp (RE2):
 * translate what PCRE2 spells differently and refuse what RE2 lacks
 * (lookaround, atomic groups, backreferences), as Go's compiler would.
 */
static hc_status translate_regex(const char *src, size_t n, struct hc_buf *out,
                                 struct hc_error *err)
{
    for (size_t i = 0; i < n; i++) {
        char ch = src[i];
        if (ch == '\\' && i + 1 < n) {
            char e = src[i + 1];
            if (e >= '1' && e <= '9')
                return hc_error_set(err, HC_ERR_INVALID,
                                    "jsonschema: invalid regular expression %.*s: backreferences "
                                    "are not supported", (int)n, src);
            if ((e == 'p' || e == 'P') && i + 2 < n && src[i + 2] == '{') {
                const char *nm = src + i + 3;
                const char *close = memchr(nm, '}', n - (i + 3));
                if (close) {
                    size_t nl = (size_t)(close - nm);
                    for (size_t k = 0; k < sizeof categories / sizeof categories[0]; k++)
                        if (strlen(categories[k][0]) == nl && memcmp(categories[k][0], nm, nl) == 0) {
                            hc_buf_addc(out, '\\');
                            hc_buf_addc(out, e);
                            hc_buf_printf(out, "{%s}", categories[k][1]);
                            i = (size_t)(close - src);
                            goto next;
                        }
                }
            }
            hc_buf_add(out, src + i, 2);
            i++;
            continue;
        }
        if (ch == '(' && i + 2 < n && src[i + 1] == '?' &&
            (src[i + 2] == '=' || src[i + 2] == '!' || src[i + 2] == '>' ||
             (src[i + 2] == '<' && i + 3 < n && (src[i + 3] == '=' || src[i + 3] == '!'))))
            return hc_error_set(err, HC_ERR_INVALID,
                                "jsonschema: invalid regular expression %.*s: lookaround and "
                                "atomic groups are not supported", (int)n, src);
        hc_buf_addc(out, ch);
    next:;
    }
    return hc_buf_ok(out) ? HC_OK : hc_error_nomem(err);
}

static hc_status add_regex(struct hc_schema *s, const char *src, size_t n, struct hc_error *err)
{
    for (size_t i = 0; i < s->nre; i++)
        if (s->re[i].src == src)
            return HC_OK;
    int ec;
    PCRE2_SIZE eo;
    struct hc_buf tb = HC_BUF_INIT;
    hc_status rc = translate_regex(src, n, &tb, err);
    if (rc != HC_OK) {
        hc_buf_release(&tb);
        return rc;
    }
    /* Go's $ (without the m flag) matches at the very end only */
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)hc_buf_str(&tb), tb.len,
                                     PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &ec, &eo, NULL);
    hc_buf_release(&tb);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        return hc_error_set(err, HC_ERR_INVALID, "jsonschema: invalid regular expression %.*s: %s",
                            (int)n, src, (const char *)msg);
    }
    if (!grow(&s->arena, (void **)&s->re, &s->capre, s->nre, sizeof *s->re)) {
        pcre2_code_free(code);
        return hc_error_nomem(err);
    }
    s->re[s->nre++] = (struct regex){src, code};
    return HC_OK;
}

static pcre2_code *find_regex(const struct hc_schema *s, hc_val pat)
{
    for (size_t i = 0; i < s->nre; i++)
        if (s->re[i].src == pat.u.s)
            return s->re[i].code;
    return NULL;
}

/* Reads a custom metaschema: its draft and whether it has the validation vocabulary. */
static hc_status read_meta(struct hc_schema *s, hc_val sv, int *draft, bool *noval,
                           struct hc_error *err)
{
    char *uri = cstr(&s->arena, sv);
    if (!uri)
        return hc_error_nomem(err);
    char *h = strchr(uri, '#');
    if (h)
        *h = 0;
    if (!s->opts->load)
        return hc_error_set(err, HC_ERR_INVALID, "jsonschema: cannot load metaschema %s", uri);
    hc_val meta;
    hc_status rc = s->opts->load(s->opts->load_ud, uri, &s->arena, &meta, err);
    if (rc != HC_OK)
        return rc;
    hc_val ms, voc;
    if (get(meta, "$schema", &ms) && ms.kind == HC_STRING) {
        int d = draft_of(ms.u.s, ms.len);
        if (d)
            *draft = d;
    }
    if (get(meta, "$vocabulary", &voc) && voc.kind == HC_MAP) {
        bool has = false;
        hc_map_foreach(voc.u.m, e) {
            if (e->klen >= 10 && memcmp(e->key + e->klen - 10, "validation", 10) == 0)
                has = true;
        }
        *noval = !has;
    }
    return HC_OK;
}

static hc_status index_kids(struct hc_schema *s, hc_val node, size_t res, int depth,
                            struct hc_error *err)
{
    static const char *const one[] = {"additionalProperties", "additionalItems", "contains",
        "propertyNames", "not", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems",
        "items", "contentSchema"};
    static const char *const maps[] = {"properties", "patternProperties", "$defs", "definitions",
        "dependentSchemas", "dependencies"};
    static const char *const lists[] = {"allOf", "anyOf", "oneOf", "prefixItems", "items"};
    hc_val v;
    hc_status rc;
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
        if (get(node, one[i], &v) && (v.kind == HC_MAP || v.kind == HC_BOOL))
            if ((rc = index_node(s, v, res, depth + 1, err)) != HC_OK)
                return rc;
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
        if (get(node, maps[i], &v) && v.kind == HC_MAP) {
            bool pp = i == 1;
            hc_map_foreach(v.u.m, e) {
                if (pp && (rc = add_regex(s, e->key, e->klen, err)) != HC_OK)
                    return rc;
                if (e->val.kind == HC_MAP || e->val.kind == HC_BOOL)
                    if ((rc = index_node(s, e->val, res, depth + 1, err)) != HC_OK)
                        return rc;
            }
        }
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        if (get(node, lists[i], &v) && v.kind == HC_LIST && v.u.l)
            hc_list_foreach(v.u.l, it) {
                if ((rc = index_node(s, *it, res, depth + 1, err)) != HC_OK)
                    return rc;
            }
    return HC_OK;
}

static hc_status note_ref(struct hc_schema *s, size_t res, hc_val ref, struct hc_error *err)
{
    char *r = cstr(&s->arena, ref);
    char *abs = r ? hc_uri_resolve(&s->arena, s->res[res].uri, r) : NULL;
    if (!abs || !grow(&s->arena, (void **)&s->refs, &s->caprefs, s->nrefs, sizeof *s->refs))
        return hc_error_nomem(err);
    s->refs[s->nrefs++] = abs;
    return HC_OK;
}

static hc_status index_node(struct hc_schema *s, hc_val node, size_t res, int depth,
                            struct hc_error *err)
{
    if (depth > HC_SCHEMA_MAX_DEPTH)
        return hc_error_set(err, HC_ERR_LIMIT, "jsonschema: schema nested too deeply");
    if (node.kind != HC_MAP || !node.u.m)
        return HC_OK;
    int draft = s->res[res].draft;
    hc_val v;
    hc_status rc;
    if (draft <= D7 && get(node, "$ref", &v) && v.kind == HC_STRING)
        return note_ref(s, res, v, err); /* siblings of $ref are ignored, identifiers included */
    hc_val id;
    if (find_res_node(s, node) < 0 && get(node, draft == D4 ? "id" : "$id", &id) &&
        id.kind == HC_STRING) {
        char *ids = cstr(&s->arena, id);
        if (!ids)
            return hc_error_nomem(err);
        if (ids[0] == '#') {
            if (draft <= D7 && ids[1])
                if ((rc = add_anchor(s, res, hc_cstr(ids + 1), node, false, err)) != HC_OK)
                    return rc;
        } else {
            char *abs = hc_uri_resolve(&s->arena, s->res[res].uri, ids);
            if (!abs)
                return hc_error_nomem(err);
            char *h = strchr(abs, '#');
            if (h) {
                if (draft <= D7 && h[1] && (rc = add_anchor(s, res, hc_cstr(h + 1), node, false,
                                                            err)) != HC_OK)
                    return rc;
                *h = 0;
            }
            bool noval = false;
            hc_val sv;
            if (get(node, "$schema", &sv) && sv.kind == HC_STRING) {
                int d = draft_of(sv.u.s, sv.len);
                if (d)
                    draft = d;
                else if ((rc = read_meta(s, sv, &draft, &noval, err)) != HC_OK)
                    return rc;
            }
            if ((rc = add_res(s, abs, node, draft, noval, &res, err)) != HC_OK)
                return rc;
        }
    }
    if (draft >= D2019 && get(node, "$anchor", &v) && v.kind == HC_STRING &&
        (rc = add_anchor(s, res, v, node, false, err)) != HC_OK)
        return rc;
    if (draft >= D2020 && get(node, "$dynamicAnchor", &v) && v.kind == HC_STRING &&
        (rc = add_anchor(s, res, v, node, true, err)) != HC_OK)
        return rc;
    if (get(node, "pattern", &v) && v.kind == HC_STRING &&
        (rc = add_regex(s, v.u.s, v.len, err)) != HC_OK)
        return rc;
    if (get(node, "$ref", &v) && v.kind == HC_STRING && (rc = note_ref(s, res, v, err)) != HC_OK)
        return rc;
    if (get(node, "$dynamicRef", &v) && v.kind == HC_STRING &&
        (rc = note_ref(s, res, v, err)) != HC_OK)
        return rc;
    return index_kids(s, node, res, depth, err);
}

/* Indexes a document as a resource at uri (its own identifier, if any, wins). */
static hc_status index_doc(struct hc_schema *s, const char *uri, hc_val doc, int draft,
                           struct hc_error *err)
{
    bool noval = false;
    hc_val sv;
    hc_status rc;
    if (get(doc, "$schema", &sv) && sv.kind == HC_STRING) {
        int d = draft_of(sv.u.s, sv.len);
        if (d)
            draft = d;
        else if ((rc = read_meta(s, sv, &draft, &noval, err)) != HC_OK)
            return rc;
    }
    size_t r = 0;
    if ((rc = add_res(s, uri, doc, draft, noval, &r, err)) != HC_OK)
        return rc;
    hc_val id;
    if (doc.kind == HC_MAP && get(doc, draft == D4 ? "id" : "$id", &id) && id.kind == HC_STRING &&
        !(draft <= D7 && get(doc, "$ref", &sv))) {
        char *ids = cstr(&s->arena, id);
        char *abs = ids ? hc_uri_resolve(&s->arena, uri, ids) : NULL;
        if (!abs)
            return hc_error_nomem(err);
        char *h = strchr(abs, '#');
        if (h)
            *h = 0;
        if (abs[0] && strcmp(abs, uri) != 0) {
            /* the document answers to both URIs: an alias resource for the same node */
            if ((rc = add_res(s, abs, doc, draft, noval, &r, err)) != HC_OK)
                return rc;
        }
    }
    return index_node(s, doc, r, 0, err);
}

void hc_schema_free(struct hc_schema *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nre; i++)
        pcre2_code_free(s->re[i].code);
    hc_arena_free(&s->arena);
    hc_free(s);
}

hc_status hc_schema_compile(hc_val doc, const struct hc_schema_opts *opts, struct hc_schema **out,
                            struct hc_error *err)
{
    static const struct hc_schema_opts none = {NULL, NULL, NULL};
    *out = NULL;
    struct hc_schema *s = hc_calloc(1, sizeof *s);
    if (!s)
        return hc_error_nomem(err);
    hc_arena_init(&s->arena, 0);
    s->opts = opts ? opts : &none;
    const char *base = s->opts->base_uri ? s->opts->base_uri : "file:///values.schema.json";
    char *b = hc_arena_strdup(&s->arena, base);
    hc_status rc = b ? index_doc(s, b, doc, D2020, err) : hc_error_nomem(err);
    /* load every remote document a reference names, until none is missing */
    for (size_t i = 0; rc == HC_OK && i < s->nrefs; i++) {
        char *u = hc_arena_strdup(&s->arena, s->refs[i]);
        if (!u) {
            rc = hc_error_nomem(err);
            break;
        }
        char *h = strchr(u, '#');
        if (h)
            *h = 0;
        if (find_res_uri(s, u, strlen(u)) >= 0)
            continue;
        if (!s->opts->load) {
            rc = hc_error_set(err, HC_ERR_INVALID, "jsonschema: cannot resolve reference %s", u);
            break;
        }
        if (++s->ndocs > HC_SCHEMA_MAX_DOCS) {
            rc = hc_error_set(err, HC_ERR_LIMIT, "jsonschema: too many remote documents");
            break;
        }
        hc_val rd;
        rc = s->opts->load(s->opts->load_ud, u, &s->arena, &rd, err);
        if (rc == HC_OK)
            rc = index_doc(s, u, rd, s->res[0].draft, err);
    }
    if (rc != HC_OK) {
        hc_schema_free(s);
        return rc;
    }
    *out = s;
    return HC_OK;
}

/* ---- validation ---- */

/* The instance location, a stack of JSON pointer tokens. */
struct loc {
    const struct loc *up;
    const char *key; /* NULL: an array index */
    size_t klen;
    size_t idx;
};

/*
 * An error of santhosh-tekuri/jsonschema's tree (its ValidationError): a
 * message at an instance location, with causes.  GROUP is its kind.Group
 * ("validation failed": several errors of one schema), REF its
 * kind.Reference, which the report leaves out when it has one cause.
 */
enum { E_PLAIN, E_GROUP, E_REF };

struct verr {
    const char *ptr; /* instance location as a JSON pointer */
    const char *msg;
    int kind;
    struct verr *causes, *next;
};

struct elist {
    struct verr *head, *tail;
    size_t n;
};

struct vctx {
    const struct hc_schema *s;
    struct hc_arena tmp;
    struct hc_error *err;
    hc_status fatal; /* a limit or out of memory: stop everything */
    int depth;
    size_t dyn[HC_SCHEMA_MAX_DEPTH + 2]; /* dynamic scope: resources, outermost first */
    int ndyn;
};

static void put_loc(struct hc_buf *b, const struct loc *l)
{
    if (!l || (!l->up && !l->key && l->idx == (size_t)-1))
        return;
    put_loc(b, l->up);
    hc_buf_addc(b, '/');
    if (l->key) {
        for (size_t i = 0; i < l->klen; i++) {
            if (l->key[i] == '~')
                hc_buf_adds(b, "~0");
            else if (l->key[i] == '/')
                hc_buf_adds(b, "~1");
            else
                hc_buf_addc(b, l->key[i]);
        }
    } else {
        hc_buf_printf(b, "%zu", l->idx);
    }
}

static char *buf_to_arena(struct vctx *c, struct hc_buf *b)
{
    char *r = hc_buf_ok(b) ? hc_arena_strndup(&c->tmp, hc_buf_str(b), b->len) : NULL;
    hc_buf_release(b);
    if (!r && !c->fatal)
        c->fatal = hc_error_nomem(c->err);
    return r;
}

/* Appends an error with the message in b (released) and the given causes. */
static void add_verr(struct vctx *c, struct elist *out, const struct loc *l, int kind,
                     struct hc_buf *b, struct elist *causes)
{
    char *msg = buf_to_arena(c, b);
    struct hc_buf pb = HC_BUF_INIT;
    put_loc(&pb, l);
    char *ptr = buf_to_arena(c, &pb);
    struct verr *e = hc_arena_zalloc(&c->tmp, sizeof *e);
    if (!msg || !ptr || !e) {
        if (!c->fatal)
            c->fatal = hc_error_nomem(c->err);
        return;
    }
    *e = (struct verr){ptr, msg, kind, causes ? causes->head : NULL, NULL};
    if (out->tail)
        out->tail->next = e;
    else
        out->head = e;
    out->tail = e;
    out->n++;
}

static void adderr(struct vctx *c, struct elist *out, const struct loc *l, struct elist *causes,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void adderr(struct vctx *c, struct elist *out, const struct loc *l, struct elist *causes,
                   const char *fmt, ...)
{
    struct hc_buf b = HC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    hc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    add_verr(c, out, l, E_PLAIN, &b, causes);
}

/*
 * santhosh-tekuri's quote: strconv.Quote, then strings.ReplaceAll of \" by "
 * (textual, so the backslash of an escaped backslash before a quote goes
 * too) and of ' by \', then the outer quotes replaced by single ones.
 */
static void quote(struct hc_buf *b, const char *s, size_t n)
{
    struct hc_buf q = HC_BUF_INIT, r = HC_BUF_INIT;
    hc_gofmt_quote(&q, s, n);
    const char *t = hc_buf_str(&q);
    for (size_t i = 0; i < q.len; i++) {
        if (t[i] == '\\' && i + 1 < q.len && t[i + 1] == '"') {
            hc_buf_addc(&r, '"');
            i++;
        } else {
            hc_buf_addc(&r, t[i]);
        }
    }
    const char *u = hc_buf_str(&r);
    hc_buf_addc(b, '\'');
    for (size_t i = 1; i + 1 < r.len; i++) {
        if (u[i] == '\'')
            hc_buf_adds(b, "\\'");
        else
            hc_buf_addc(b, u[i]);
    }
    hc_buf_addc(b, '\'');
    if (!hc_buf_ok(&q) || !hc_buf_ok(&r))
        b->failed = true;
    hc_buf_release(&q);
    hc_buf_release(&r);
}

/*
 * Numbers as golang.org/x/text/message's English printer writes them in
 * santhosh-tekuri's messages: integers (%d) with thousands separators, floats
 * (%v) likewise, and an exponent form as "1.5×10⁻⁰⁵".
 */
static void pint(struct hc_buf *b, long long v)
{
    char d[32];
    int n = snprintf(d, sizeof d, "%lld", v);
    int i = 0;
    if (d[0] == '-') {
        hc_buf_addc(b, '-');
        i = 1;
    }
    for (int k = i; k < n; k++) {
        if (k > i && (n - k) % 3 == 0)
            hc_buf_addc(b, ',');
        hc_buf_addc(b, d[k]);
    }
}

static void pfloat(struct hc_buf *b, double f)
{
    static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    struct hc_buf t = HC_BUF_INIT;
    hc_gofmt_float_v(&t, f);
    const char *s = hc_buf_str(&t);
    const char *e = strchr(s, 'e');
    const char *end = e ? e : s + t.len;
    const char *dot = memchr(s, '.', (size_t)(end - s));
    const char *ip = s;
    if (*ip == '-') {
        hc_buf_addc(b, '-');
        ip++;
    }
    const char *ie = dot ? dot : end;
    if (ie - ip > 0 && (*ip >= '0' && *ip <= '9')) {
        for (const char *k = ip; k < ie; k++) {
            if (k > ip && (ie - k) % 3 == 0)
                hc_buf_addc(b, ',');
            hc_buf_addc(b, *k);
        }
        hc_buf_add(b, ie, (size_t)(end - ie));
    } else {
        hc_buf_add(b, ip, (size_t)(end - ip)); /* NaN, +Inf */
    }
    if (e) {
        hc_buf_adds(b, "×10");
        for (const char *k = e + 1; *k; k++) {
            if (*k == '-')
                hc_buf_adds(b, "⁻");
            else if (*k >= '0' && *k <= '9')
                hc_buf_adds(b, sup[*k - '0']);
        }
    }
    if (!hc_buf_ok(&t))
        b->failed = true;
    hc_buf_release(&t);
}

/* santhosh-tekuri's display: strings quoted, arrays and objects "value", else %v. */
static void display(struct hc_buf *b, hc_val v)
{
    struct hc_error e;
    switch (v.kind) {
    case HC_STRING:
        quote(b, v.u.s, v.len);
        break;
    case HC_LIST:
    case HC_MAP:
        hc_buf_adds(b, "value");
        break;
    case HC_NULL:
    case HC_MISSING:
        hc_buf_adds(b, "<nil>");
        break;
    case HC_BOOL:
        hc_buf_adds(b, v.u.b ? "true" : "false");
        break;
    default: /* a json.Number prints its JSON text */
        hc_error_init(&e);
        if (hc_json_write(b, v, 0, &e) != HC_OK)
            hc_buf_adds(b, "?");
        hc_error_release(&e);
        break;
    }
}

static bool json_equal(hc_val a, hc_val b, int depth)
{
    if (depth > HC_SCHEMA_MAX_DEPTH)
        return false;
    if (a.kind == HC_MISSING)
        a = hc_null();
    if (b.kind == HC_MISSING)
        b = hc_null();
    if (is_num(a) && is_num(b)) {
        if (a.kind == HC_INT && b.kind == HC_INT)
            return a.u.i == b.u.i;
        return num(a) == num(b);
    }
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case HC_NULL:
        return true;
    case HC_BOOL:
        return a.u.b == b.u.b;
    case HC_STRING:
        return a.len == b.len && (a.len == 0 || memcmp(a.u.s, b.u.s, a.len) == 0);
    case HC_LIST: {
        uint32_t na = a.u.l ? a.u.l->len : 0, nb = b.u.l ? b.u.l->len : 0;
        if (na != nb)
            return false;
        for (uint32_t i = 0; i < na; i++)
            if (!json_equal(a.u.l->items[i], b.u.l->items[i], depth + 1))
                return false;
        return true;
    }
    case HC_MAP: {
        uint32_t na = a.u.m ? a.u.m->len : 0, nb = b.u.m ? b.u.m->len : 0;
        if (na != nb)
            return false;
        for (uint32_t i = 0; i < na; i++) {
            const struct hc_mapent *x = &a.u.m->e[i], *y = &b.u.m->e[i];
            if (x->klen != y->klen || memcmp(x->key, y->key, x->klen) != 0 ||
                !json_equal(x->val, y->val, depth + 1))
                return false;
        }
        return true;
    }
    default:
        return hc_val_equal(a, b);
    }
}

static bool is_integer(hc_val v)
{
    if (v.kind == HC_INT)
        return true;
    return v.kind == HC_FLOAT && isfinite(v.u.f) && floor(v.u.f) == v.u.f;
}

static const char *type_name(hc_val v)
{
    switch (v.kind) {
    case HC_NULL:
    case HC_MISSING:
        return "null";
    case HC_BOOL:
        return "boolean";
    case HC_INT:
    case HC_FLOAT:
        return "number"; /* santhosh-tekuri's typeOf: a json.Number is a number */
    case HC_STRING:
        return "string";
    case HC_LIST:
        return "array";
    case HC_MAP:
        return "object";
    default:
        return "object";
    }
}

static bool type_is(hc_val inst, hc_val t)
{
    if (t.kind != HC_STRING)
        return false;
    const char *n = type_name(inst);
    if (hc_val_is_str(t, n, strlen(n)))
        return true;
    return is_num(inst) && is_integer(inst) && hc_val_is_str(t, "integer", 7);
}

/* The shortest decimal digits of a finite double: value = m * 10^e, m < 10^17. */
static void decimal(double x, uint64_t *m, int *e)
{
    char buf[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    uint64_t mant = 0;
    int digits = 0;
    char *c = buf;
    if (*c == '-')
        c++;
    for (; *c && *c != 'e'; c++)
        if (*c >= '0' && *c <= '9') {
            mant = mant * 10 + (uint64_t)(*c - '0');
            digits++;
        }
    int ex = *c == 'e' ? atoi(c + 1) : 0;
    *m = mant;
    *e = ex - (digits - 1);
}

/* Exact: is x a multiple of d, on their shortest decimal forms (big.Rat in Go). */
static bool multiple_of(double x, double d)
{
    if (!isfinite(x) || !isfinite(d) || d == 0)
        return false;
    if (x == 0)
        return true;
    uint64_t a, b;
    int ea, eb;
    decimal(fabs(x), &a, &ea);
    decimal(fabs(d), &b, &eb);
    int k = ea - eb;
    if (k >= 0) {
        unsigned __int128 r = a % b;
        for (int i = 0; i < k && r; i++)
            r = (r * 10) % b;
        return r == 0;
    }
    if (-k > 20)
        return false;
    unsigned __int128 den = b;
    for (int i = 0; i < -k; i++)
        den *= 10;
    return (unsigned __int128)a % den == 0;
}

static size_t rune_count(hc_val s)
{
    size_t n = 0;
    for (size_t i = 0; i < s.len; n++) {
        int32_t r;
        i += hc_rune_decode(s.u.s + i, s.len - i, &r);
    }
    return n;
}

static bool re_match(struct vctx *c, hc_val pat, const char *s, size_t n)
{
    pcre2_code *code = find_regex(c->s, pat);
    if (!code)
        return true;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    if (!md || !mc) {
        pcre2_match_data_free(md);
        pcre2_match_context_free(mc);
        c->fatal = hc_error_nomem(c->err);
        return false;
    }
    pcre2_set_match_limit(mc, MATCH_LIMIT);
    int rc = pcre2_match(code, (PCRE2_SPTR)s, n, 0, 0, md, mc);
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    if (rc == PCRE2_ERROR_MATCHLIMIT) {
        c->fatal = hc_error_set(c->err, HC_ERR_LIMIT, "jsonschema: regular expression match limit");
        return false;
    }
    return rc >= 0;
}

static size_t inst_len(hc_val v)
{
    if (v.kind == HC_MAP)
        return v.u.m ? v.u.m->len : 0;
    if (v.kind == HC_LIST)
        return v.u.l ? v.u.l->len : 0;
    return 0;
}

static uint8_t *bitmap(struct vctx *c, hc_val inst)
{
    size_t n = inst_len(inst);
    uint8_t *b = hc_arena_zalloc(&c->tmp, n ? n : 1);
    if (!b)
        c->fatal = hc_error_nomem(c->err);
    return b;
}

static void merge(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] |= src[i];
}


/* Percent-decodes a fragment into a NUL-terminated arena string. */
static char *unpercent(struct hc_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *o = hc_arena_alloc(a, n + 1);
    if (!o)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n + 0 + 1 && s[i + 1] && s[i + 2]) {
            char h[3] = {s[i + 1], s[i + 2], 0};
            char *end;
            long v = strtol(h, &end, 16);
            if (*end == 0) {
                o[j++] = (char)v;
                i += 2;
                continue;
            }
        }
        o[j++] = s[i];
    }
    o[j] = 0;
    return o;
}

/* Finds the schema an absolute reference names: *node and its resource. */
static bool lookup(struct vctx *c, const char *abs, hc_val *node, size_t *res, const char **anchor)
{
    const struct hc_schema *s = c->s;
    const char *h = strchr(abs, '#');
    size_t n = h ? (size_t)(h - abs) : strlen(abs);
    long r = find_res_uri(s, abs, n);
    *anchor = NULL;
    if (r < 0)
        return false;
    const char *frag = h ? unpercent(&c->tmp, h + 1) : "";
    if (!frag) {
        c->fatal = hc_error_nomem(c->err);
        return false;
    }
    if (frag[0] == 0) {
        *node = s->res[r].node;
        *res = (size_t)r;
        return true;
    }
    if (frag[0] != '/') {
        for (size_t i = 0; i < s->nanc; i++)
            if (s->anc[i].res == (size_t)r && strcmp(s->anc[i].name, frag) == 0) {
                *node = s->anc[i].node;
                *res = (size_t)r;
                *anchor = s->anc[i].name;
                long rr = find_res_node(s, *node);
                if (rr >= 0)
                    *res = (size_t)rr;
                return true;
            }
        return false;
    }
    hc_val cur = s->res[r].node;
    size_t cr = (size_t)r;
    const char *p = frag;
    while (*p == '/') {
        p++;
        char tok[1024];
        size_t tl = 0;
        while (*p && *p != '/') {
            char ch = *p++;
            if (ch == '~' && *p == '0') {
                ch = '~';
                p++;
            } else if (ch == '~' && *p == '1') {
                ch = '/';
                p++;
            }
            if (tl + 1 >= sizeof tok)
                return false;
            tok[tl++] = ch;
        }
        tok[tl] = 0;
        if (cur.kind == HC_MAP) {
            if (!cur.u.m || !hc_map_get(cur.u.m, tok, tl, &cur))
                return false;
        } else if (cur.kind == HC_LIST) {
            char *end;
            unsigned long i = strtoul(tok, &end, 10);
            if (*end || tl == 0 || !cur.u.l || i >= cur.u.l->len)
                return false;
            cur = cur.u.l->items[i];
        } else {
            return false;
        }
        long rr = find_res_node(s, cur);
        if (rr >= 0)
            cr = (size_t)rr;
    }
    *node = cur;
    *res = cr;
    return true;
}

static bool has_dyn_anchor(const struct hc_schema *s, size_t res, const char *name, hc_val *node)
{
    const char *uri = s->res[res].uri;
    for (size_t i = 0; i < s->nanc; i++)
        if (s->anc[i].dynamic && strcmp(s->res[s->anc[i].res].uri, uri) == 0 &&
            strcmp(s->anc[i].name, name) == 0) {
            if (node)
                *node = s->anc[i].node;
            return true;
        }
    return false;
}

static bool eval(struct vctx *c, hc_val sch, hc_val inst, const struct loc *l, size_t res,
                 uint8_t *ev, struct elist *out);

/* Evaluates the target of a reference with its resource on the dynamic scope. */
static bool follow(struct vctx *c, hc_val target, size_t tres, hc_val inst, const struct loc *l,
                   uint8_t *ev, struct elist *out)
{
    if (c->ndyn >= HC_SCHEMA_MAX_DEPTH) {
        c->fatal = hc_error_set(c->err, HC_ERR_LIMIT, "jsonschema: validation nested too deeply");
        return false;
    }
    c->dyn[c->ndyn++] = tres;
    bool ok = eval(c, target, inst, l, tres, ev, out);
    c->ndyn--;
    return ok;
}

/* $ref (kind 0), $dynamicRef (1), $recursiveRef (2): validateRef's kind.Reference error. */
static bool do_ref(struct vctx *c, hc_val ref, size_t res, hc_val inst, const struct loc *l,
                   uint8_t *ev, struct elist *out, int kind)
{
    const struct hc_schema *s = c->s;
    char *r = cstr(&c->tmp, ref);
    char *abs = r ? hc_uri_resolve(&c->tmp, s->res[res].uri, r) : NULL;
    if (!abs) {
        c->fatal = hc_error_nomem(c->err);
        return false;
    }
    hc_val target;
    size_t tres;
    const char *anchor;
    if (!lookup(c, abs, &target, &tres, &anchor)) {
        if (!c->fatal)
            c->fatal = hc_error_set(c->err, HC_ERR_INVALID, "jsonschema: cannot resolve %s", abs);
        return false;
    }
    if (kind == 1 && anchor && has_dyn_anchor(s, tres, anchor, NULL)) {
        for (int i = 0; i < c->ndyn; i++) {
            hc_val n;
            if (has_dyn_anchor(s, c->dyn[i], anchor, &n)) {
                target = n;
                tres = c->dyn[i];
                long rr = find_res_node(s, n);
                if (rr >= 0)
                    tres = (size_t)rr;
                break;
            }
        }
    } else if (kind == 2) {
        hc_val ra;
        if (get(target, "$recursiveAnchor", &ra) && ra.kind == HC_BOOL && ra.u.b) {
            for (int i = 0; i < c->ndyn; i++) {
                hc_val root = s->res[c->dyn[i]].node;
                if (get(root, "$recursiveAnchor", &ra) && ra.kind == HC_BOOL && ra.u.b) {
                    target = root;
                    tres = c->dyn[i];
                    break;
                }
            }
        }
    }
    struct elist sub = {NULL, NULL, 0};
    if (follow(c, target, tres, inst, l, ev, &sub))
        return true;
    if (sub.head && sub.head->kind == E_GROUP) {
        struct elist causes = {sub.head->causes, NULL, 0};
        sub = causes;
    }
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, "validation failed");
    add_verr(c, out, l, E_REF, &b, &sub);
    return false;
}

static bool kw_type(struct vctx *c, hc_val t, hc_val inst, const struct loc *l, struct elist *out)
{
    static const char *const order[] = {"null", "boolean", "number", "integer", "string", "array",
                                        "object"};
    bool listed[7] = {false};
    bool any = false;
    size_t nt = t.kind == HC_LIST ? (t.u.l ? t.u.l->len : 0) : 1;
    for (size_t i = 0; i < nt; i++) {
        hc_val ti = t.kind == HC_LIST ? t.u.l->items[i] : t;
        for (size_t k = 0; k < 7; k++)
            if (hc_val_is_str(ti, order[k], strlen(order[k]))) {
                listed[k] = any = true;
                if (type_is(inst, ti))
                    return true;
            }
    }
    if (!any)
        return true; /* no known type named: santhosh-tekuri ignores the keyword */
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_printf(&b, "got %s, want ", type_name(inst));
    const char *sep = "";
    for (size_t k = 0; k < 7; k++)
        if (listed[k]) {
            hc_buf_printf(&b, "%s%s", sep, order[k]);
            sep = " or ";
        }
    add_verr(c, out, l, E_PLAIN, &b, NULL);
    return false;
}

static void cnt_err(struct vctx *c, struct elist *errs, const struct loc *l, const char *kw,
                    long long got, double want)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_printf(&b, "%s: got ", kw);
    pint(&b, got);
    hc_buf_adds(&b, ", want ");
    pint(&b, (long long)want);
    add_verr(c, errs, l, E_PLAIN, &b, NULL);
}

/* findMissing: names listed in req that obj lacks, as "'a', 'b'" in b; false if none. */
static bool missing(const struct hc_map *m, hc_val req, struct hc_buf *b, size_t *count)
{
    *count = 0;
    if (req.kind != HC_LIST || !req.u.l)
        return false;
    hc_list_foreach(req.u.l, it) {
        if (it->kind == HC_STRING && (!m || hc_map_find(m, it->u.s, it->len) < 0)) {
            if ((*count)++)
                hc_buf_adds(b, ", ");
            quote(b, it->u.s, it->len);
        }
    }
    return *count > 0;
}

static void eval_object(struct vctx *c, hc_val sch, hc_val inst, const struct loc *l, size_t res,
                        uint8_t *ev, bool valkw, struct elist *errs)
{
    int draft = c->s->res[res].draft;
    struct hc_map *m = inst.u.m;
    uint32_t n = m ? m->len : 0;
    hc_val v, props = hc_null(), pprops = hc_null();
    bool has_props = get(sch, "properties", &props) && props.kind == HC_MAP && props.u.m;
    bool has_pp = get(sch, "patternProperties", &pprops) && pprops.kind == HC_MAP && pprops.u.m;
    size_t cnt;
    if (valkw) {
        if (get(sch, "minProperties", &v) && is_num(v) && n < num(v))
            cnt_err(c, errs, l, "minProperties", n, num(v));
        if (get(sch, "maxProperties", &v) && is_num(v) && n > num(v))
            cnt_err(c, errs, l, "maxProperties", n, num(v));
        struct hc_buf b = HC_BUF_INIT;
        if (get(sch, "required", &v) && missing(m, v, &b, &cnt)) {
            struct hc_buf mb = HC_BUF_INIT;
            hc_buf_printf(&mb, "missing propert%s %s", cnt == 1 ? "y" : "ies", hc_buf_str(&b));
            add_verr(c, errs, l, E_PLAIN, &mb, NULL);
        }
        hc_buf_release(&b);
    }
    if (draft <= D7 && get(sch, "dependencies", &v) && v.kind == HC_MAP && v.u.m)
        hc_map_foreach(v.u.m, d) {
            if (!m || hc_map_find(m, d->key, d->klen) < 0)
                continue;
            if (d->val.kind == HC_LIST) {
                struct hc_buf b = HC_BUF_INIT;
                if (valkw && missing(m, d->val, &b, &cnt)) {
                    struct hc_buf mb = HC_BUF_INIT;
                    hc_buf_printf(&mb, "properties %s required, if ", hc_buf_str(&b));
                    quote(&mb, d->key, d->klen);
                    hc_buf_adds(&mb, " exists");
                    add_verr(c, errs, l, E_PLAIN, &mb, NULL);
                }
                hc_buf_release(&b);
            } else {
                eval(c, d->val, inst, l, res, ev, errs);
            }
        }
    hc_val addl, pn;
    bool has_addl = get(sch, "additionalProperties", &addl);
    struct hc_buf extra = HC_BUF_INIT;
    size_t nextra = 0;
    for (uint32_t i = 0; i < n && !c->fatal; i++) {
        struct hc_mapent *e = &m->e[i];
        struct loc kl = {l, e->key, e->klen, 0};
        bool matched = false;
        hc_val ps;
        if (has_props && hc_map_get(props.u.m, e->key, e->klen, &ps)) {
            matched = true;
            eval(c, ps, e->val, &kl, res, NULL, errs);
        }
        if (has_pp)
            hc_map_foreach(pprops.u.m, pe) {
                hc_val pat = hc_strn(pe->key, pe->klen);
                if (re_match(c, pat, e->key, e->klen)) {
                    matched = true;
                    eval(c, pe->val, e->val, &kl, res, NULL, errs);
                }
            }
        if (has_addl && !matched) {
            matched = true;
            if (addl.kind == HC_BOOL && !addl.u.b) {
                if (nextra++)
                    hc_buf_adds(&extra, ", ");
                quote(&extra, e->key, e->klen);
            } else {
                eval(c, addl, e->val, &kl, res, NULL, errs);
            }
        }
        if (matched)
            ev[i] = 1;
    }
    if (nextra) {
        struct hc_buf mb = HC_BUF_INIT;
        hc_buf_printf(&mb, "additional properties %s not allowed", hc_buf_str(&extra));
        add_verr(c, errs, l, E_PLAIN, &mb, NULL);
    }
    hc_buf_release(&extra);
    if (draft == D4)
        return;
    if (get(sch, "propertyNames", &pn))
        for (uint32_t i = 0; i < n && !c->fatal; i++) {
            struct hc_mapent *e = &m->e[i];
            struct loc root = {NULL, NULL, 0, (size_t)-1};
            struct elist sub = {NULL, NULL, 0};
            if (eval(c, pn, hc_strn(e->key, e->klen), &root, res, NULL, &sub))
                continue;
            /* the name's own validation error, renamed (at the root location) */
            if (sub.head && sub.head->kind == E_GROUP) {
                struct elist causes = {sub.head->causes, NULL, 0};
                sub = causes;
            }
            struct hc_buf mb = HC_BUF_INIT;
            hc_buf_adds(&mb, "invalid propertyName ");
            quote(&mb, e->key, e->klen);
            add_verr(c, errs, &root, E_PLAIN, &mb, &sub);
        }
    if (draft == D6)
        return;
    if (draft >= D2019 && get(sch, "dependentSchemas", &v) && v.kind == HC_MAP && v.u.m)
        hc_map_foreach(v.u.m, d) {
            if (m && hc_map_find(m, d->key, d->klen) >= 0)
                eval(c, d->val, inst, l, res, ev, errs);
        }
    if (valkw && draft >= D2019 && get(sch, "dependentRequired", &v) && v.kind == HC_MAP && v.u.m)
        hc_map_foreach(v.u.m, d) {
            struct hc_buf b = HC_BUF_INIT;
            if (m && hc_map_find(m, d->key, d->klen) >= 0 && missing(m, d->val, &b, &cnt)) {
                struct hc_buf mb = HC_BUF_INIT;
                hc_buf_printf(&mb, "properties %s required, if ", hc_buf_str(&b));
                quote(&mb, d->key, d->klen);
                hc_buf_adds(&mb, " exists");
                add_verr(c, errs, l, E_PLAIN, &mb, NULL);
            }
            hc_buf_release(&b);
        }
}

/* fmt's %v of a []int without its brackets: "1 2 3". */
static void put_ints(struct hc_buf *b, const uint32_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        hc_buf_printf(b, "%s%u", i ? " " : "", v[i]);
}

static void eval_array(struct vctx *c, hc_val sch, hc_val inst, const struct loc *l, size_t res,
                       uint8_t *ev, bool valkw, struct elist *errs)
{
    int draft = c->s->res[res].draft;
    struct hc_list *a = inst.u.l;
    uint32_t n = a ? a->len : 0;
    hc_val v;
    if (valkw) {
        if (get(sch, "minItems", &v) && is_num(v) && n < num(v))
            cnt_err(c, errs, l, "minItems", n, num(v));
        if (get(sch, "maxItems", &v) && is_num(v) && n > num(v))
            cnt_err(c, errs, l, "maxItems", n, num(v));
        if (get(sch, "uniqueItems", &v) && v.kind == HC_BOOL && v.u.b && n > 1) {
            for (uint32_t i = 0; i < n; i++)
                for (uint32_t j = i + 1; j < n; j++)
                    if (json_equal(a->items[i], a->items[j], 0)) {
                        struct hc_buf b = HC_BUF_INIT;
                        hc_buf_adds(&b, "items at ");
                        pint(&b, i);
                        hc_buf_adds(&b, " and ");
                        pint(&b, j);
                        hc_buf_adds(&b, " are equal");
                        add_verr(c, errs, l, E_PLAIN, &b, NULL);
                        i = j = n;
                    }
        }
    }
    /*
     * santhosh-tekuri/jsonschema names the items after a prefix by their
     * offset past it (arr[evaluated:]); the reported locations follow it.
     */
    uint32_t done = 0;
    hc_val items, prefix;
    bool has_items = get(sch, "items", &items);
    if (draft >= D2020) {
        if (get(sch, "prefixItems", &prefix) && prefix.kind == HC_LIST && prefix.u.l) {
            for (uint32_t i = 0; i < n && i < prefix.u.l->len; i++) {
                struct loc il = {l, NULL, 0, i};
                ev[i] = 1;
                eval(c, prefix.u.l->items[i], a->items[i], &il, res, NULL, errs);
                done = i + 1;
            }
        }
        if (has_items)
            for (uint32_t i = done; i < n; i++) {
                struct loc il = {l, NULL, 0, i - done};
                ev[i] = 1;
                eval(c, items, a->items[i], &il, res, NULL, errs);
            }
    } else if (has_items) {
        if (items.kind == HC_LIST) {
            uint32_t pn = items.u.l ? items.u.l->len : 0;
            for (uint32_t i = 0; i < n && i < pn; i++) {
                struct loc il = {l, NULL, 0, i};
                ev[i] = 1;
                eval(c, items.u.l->items[i], a->items[i], &il, res, NULL, errs);
                done = i + 1;
            }
            hc_val addl;
            if (get(sch, "additionalItems", &addl)) {
                if (addl.kind == HC_BOOL && !addl.u.b) {
                    if (done != n)
                    {
                        struct hc_buf b = HC_BUF_INIT;
                        hc_buf_adds(&b, "last ");
                        pint(&b, n - done);
                        hc_buf_adds(&b, " additionalItem(s) not allowed");
                        add_verr(c, errs, l, E_PLAIN, &b, NULL);
                    }
                } else {
                    for (uint32_t i = done; i < n; i++) {
                        struct loc il = {l, NULL, 0, i - done};
                        eval(c, addl, a->items[i], &il, res, NULL, errs);
                    }
                }
                for (uint32_t i = done; i < n; i++)
                    ev[i] = 1;
            }
        } else {
            for (uint32_t i = 0; i < n; i++) {
                struct loc il = {l, NULL, 0, i};
                ev[i] = 1;
                eval(c, items, a->items[i], &il, res, NULL, errs);
            }
        }
    }
    hc_val cont;
    if (draft >= D6 && get(sch, "contains", &cont)) {
        bool has_min = false, has_max = false;
        double minc = 1, maxc = 0;
        if (draft >= D2019 && valkw) {
            if (get(sch, "minContains", &v) && is_num(v)) {
                has_min = true;
                minc = num(v);
            }
            if (get(sch, "maxContains", &v) && is_num(v)) {
                has_max = true;
                maxc = num(v);
            }
        }
        uint32_t *matched = hc_arena_array(&c->tmp, n ? n : 1, sizeof *matched);
        if (!matched) {
            c->fatal = hc_error_nomem(c->err);
            return;
        }
        uint32_t count = 0;
        struct elist sub = {NULL, NULL, 0};
        for (uint32_t i = 0; i < n && !c->fatal; i++) {
            struct loc il = {l, NULL, 0, i};
            if (eval(c, cont, a->items[i], &il, res, NULL, &sub)) {
                matched[count++] = i;
                if (draft >= D2020)
                    ev[i] = 1;
            }
        }
        if (has_min) {
            if (count < minc) {
                struct hc_buf b = HC_BUF_INIT;
                hc_buf_adds(&b, "min ");
                pint(&b, (long long)minc);
                hc_buf_adds(&b, " items required to match contains schema, but ");
                if (count == 0) {
                    hc_buf_adds(&b, "none matched");
                } else {
                    hc_buf_adds(&b, "matched ");
                    pint(&b, count);
                    hc_buf_adds(&b, " items at ");
                    put_ints(&b, matched, count);
                }
                add_verr(c, errs, l, E_PLAIN, &b, &sub);
            }
        } else if (count == 0) {
            adderr(c, errs, l, &sub, "no items match contains schema");
        }
        if (has_max && count > maxc) {
            struct hc_buf b = HC_BUF_INIT;
            hc_buf_adds(&b, "max ");
            pint(&b, (long long)maxc);
            hc_buf_adds(&b, " items required to match contains schema, but matched ");
            pint(&b, count);
            hc_buf_adds(&b, " items at ");
            put_ints(&b, matched, count);
            add_verr(c, errs, l, E_PLAIN, &b, NULL);
        }
    }
}

static void num_err(struct vctx *c, struct elist *errs, const struct loc *l, const char *kw,
                    double got, double want)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_printf(&b, "%s: got ", kw);
    pfloat(&b, got);
    hc_buf_adds(&b, ", want ");
    pfloat(&b, want);
    add_verr(c, errs, l, E_PLAIN, &b, NULL);
}

static void eval_scalar(struct vctx *c, hc_val sch, hc_val inst, const struct loc *l, int draft,
                        struct elist *errs)
{
    hc_val v, ex;
    if (inst.kind == HC_STRING) {
        long long len = -1;
        if (get(sch, "minLength", &v) && is_num(v)) {
            len = (long long)rune_count(inst);
            if (len < num(v))
                cnt_err(c, errs, l, "minLength", len, num(v));
        }
        if (get(sch, "maxLength", &v) && is_num(v)) {
            len = (long long)rune_count(inst);
            if (len > num(v))
                cnt_err(c, errs, l, "maxLength", len, num(v));
        }
        if (get(sch, "pattern", &v) && v.kind == HC_STRING && !re_match(c, v, inst.u.s, inst.len)) {
            struct hc_buf b = HC_BUF_INIT;
            quote(&b, inst.u.s, inst.len);
            hc_buf_adds(&b, " does not match pattern ");
            quote(&b, v.u.s, v.len);
            add_verr(c, errs, l, E_PLAIN, &b, NULL);
        }
        return;
    }
    if (!is_num(inst))
        return;
    double x = num(inst);
    bool d4 = draft == D4;
    if (get(sch, "minimum", &v) && is_num(v)) {
        bool excl = d4 && get(sch, "exclusiveMinimum", &ex) && ex.kind == HC_BOOL && ex.u.b;
        if (excl ? x <= num(v) : x < num(v))
            num_err(c, errs, l, excl ? "exclusiveMinimum" : "minimum", x, num(v));
    }
    if (get(sch, "maximum", &v) && is_num(v)) {
        bool excl = d4 && get(sch, "exclusiveMaximum", &ex) && ex.kind == HC_BOOL && ex.u.b;
        if (excl ? x >= num(v) : x > num(v))
            num_err(c, errs, l, excl ? "exclusiveMaximum" : "maximum", x, num(v));
    }
    if (!d4 && get(sch, "exclusiveMinimum", &v) && is_num(v) && x <= num(v))
        num_err(c, errs, l, "exclusiveMinimum", x, num(v));
    if (!d4 && get(sch, "exclusiveMaximum", &v) && is_num(v) && x >= num(v))
        num_err(c, errs, l, "exclusiveMaximum", x, num(v));
    if (get(sch, "multipleOf", &v) && is_num(v) && !multiple_of(x, num(v)))
        num_err(c, errs, l, "multipleOf", x, num(v));
}

/* The messages of enum and const (santhosh-tekuri's kind.Enum, kind.Const). */
static void enum_err(struct vctx *c, struct elist *errs, const struct loc *l, hc_val want, bool is_const)
{
    struct hc_buf b = HC_BUF_INIT;
    if (is_const) {
        if (want.kind == HC_LIST || want.kind == HC_MAP) {
            hc_buf_adds(&b, "const failed");
        } else {
            hc_buf_adds(&b, "value must be ");
            display(&b, want);
        }
        add_verr(c, errs, l, E_PLAIN, &b, NULL);
        return;
    }
    uint32_t n = want.u.l ? want.u.l->len : 0;
    bool prim = true;
    for (uint32_t i = 0; i < n; i++)
        if (want.u.l->items[i].kind == HC_LIST || want.u.l->items[i].kind == HC_MAP)
            prim = false;
    if (!prim) {
        hc_buf_adds(&b, "enum failed");
    } else {
        hc_buf_adds(&b, n == 1 ? "value must be " : "value must be one of ");
        for (uint32_t i = 0; i < n; i++) {
            if (i)
                hc_buf_adds(&b, ", ");
            display(&b, want.u.l->items[i]);
        }
    }
    add_verr(c, errs, l, E_PLAIN, &b, NULL);
}

/*
 * One schema object against inst, in santhosh-tekuri's order: type, const
 * and enum end it early; then $ref (alone before 2019-09), the keywords of
 * inst's type, $recursiveRef/$dynamicRef, not/allOf/anyOf/oneOf/if, and
 * last unevaluatedProperties/unevaluatedItems.  Errors go to errs.
 */
static void eval_map(struct vctx *c, hc_val sch, hc_val inst, const struct loc *l, size_t res,
                     uint8_t *ev, struct elist *errs)
{
    const struct hc_schema *s = c->s;
    int draft = s->res[res].draft;
    bool valkw = !s->res[res].novalidation;
    hc_val v;
    if (valkw) {
        if (get(sch, "type", &v) && !kw_type(c, v, inst, l, errs))
            return;
        if (draft >= D6 && get(sch, "const", &v) && !json_equal(v, inst, 0)) {
            enum_err(c, errs, l, v, true);
            return;
        }
        if (get(sch, "enum", &v) && v.kind == HC_LIST) {
            bool found = false;
            if (v.u.l)
                hc_list_foreach(v.u.l, it) {
                    if (json_equal(*it, inst, 0)) {
                        found = true;
                        break;
                    }
                }
            if (!found) {
                enum_err(c, errs, l, v, false);
                return;
            }
        }
    }
    /* format asserts before 2019-09 only, as santhosh-tekuri without AssertFormat */
    if (valkw && draft <= D7 && inst.kind == HC_STRING && get(sch, "format", &v) &&
        v.kind == HC_STRING) {
        char *name = cstr(&c->tmp, v);
        struct hc_buf why = HC_BUF_INIT;
        if (name && !hc_schema_format_check(name, inst.u.s, inst.len, &why)) {
            struct hc_buf b = HC_BUF_INIT;
            display(&b, inst);
            hc_buf_printf(&b, " is not valid %s: %s", name, hc_buf_str(&why));
            add_verr(c, errs, l, E_PLAIN, &b, NULL);
            hc_buf_release(&why);
            return;
        }
        hc_buf_release(&why);
    }
    if (get(sch, "$ref", &v) && v.kind == HC_STRING) {
        do_ref(c, v, res, inst, l, ev, errs, 0);
        if (draft <= D7)
            return;
    }
    if (c->fatal)
        return;
    if (inst.kind == HC_MAP)
        eval_object(c, sch, inst, l, res, ev, valkw, errs);
    else if (inst.kind == HC_LIST)
        eval_array(c, sch, inst, l, res, ev, valkw, errs);
    else if (valkw)
        eval_scalar(c, sch, inst, l, draft, errs);
    if (c->fatal)
        return;
    if (draft == D2019 && get(sch, "$recursiveRef", &v) && v.kind == HC_STRING)
        do_ref(c, v, res, inst, l, ev, errs, 2);
    if (draft >= D2020 && get(sch, "$dynamicRef", &v) && v.kind == HC_STRING)
        do_ref(c, v, res, inst, l, ev, errs, 1);
    size_t n = inst_len(inst);
    if (get(sch, "not", &v)) {
        uint8_t *b = bitmap(c, inst);
        struct elist sub = {NULL, NULL, 0};
        if (b && eval(c, v, inst, l, res, b, &sub))
            adderr(c, errs, l, NULL, "'not' failed");
    }
    if (get(sch, "allOf", &v) && v.kind == HC_LIST && v.u.l) {
        struct elist sub = {NULL, NULL, 0};
        hc_list_foreach(v.u.l, it) {
            eval(c, *it, inst, l, res, ev, &sub);
        }
        if (sub.n)
            adderr(c, errs, l, &sub, "'allOf' failed");
    }
    if (get(sch, "anyOf", &v) && v.kind == HC_LIST && v.u.l) {
        bool any = false;
        struct elist sub = {NULL, NULL, 0};
        hc_list_foreach(v.u.l, it) {
            uint8_t *b = bitmap(c, inst);
            if (!b)
                break;
            if (eval(c, *it, inst, l, res, b, &sub)) {
                any = true;
                merge(ev, b, n);
            }
        }
        if (!any)
            adderr(c, errs, l, &sub, "'anyOf' failed");
    }
    if (get(sch, "oneOf", &v) && v.kind == HC_LIST && v.u.l) {
        long first = -1;
        struct elist sub = {NULL, NULL, 0}, junk = {NULL, NULL, 0};
        for (uint32_t i = 0; i < v.u.l->len; i++) {
            uint8_t *b = bitmap(c, inst);
            if (!b)
                break;
            if (eval(c, v.u.l->items[i], inst, l, res, b, first < 0 ? &sub : &junk)) {
                if (first >= 0) {
                    struct hc_buf mb = HC_BUF_INIT;
                    hc_buf_adds(&mb, "'oneOf' failed, subschemas ");
                    pint(&mb, first);
                    hc_buf_adds(&mb, ", ");
                    pint(&mb, i);
                    hc_buf_adds(&mb, " matched");
                    add_verr(c, errs, l, E_PLAIN, &mb, NULL);
                    break;
                }
                first = i;
                merge(ev, b, n);
            }
        }
        if (first < 0)
            adderr(c, errs, l, &sub, "'oneOf' failed, none matched");
    }
    hc_val ifs;
    if (draft >= D7 && get(sch, "if", &ifs)) {
        uint8_t *b = bitmap(c, inst);
        struct elist junk = {NULL, NULL, 0};
        if (b && eval(c, ifs, inst, l, res, b, &junk)) {
            merge(ev, b, n);
            if (get(sch, "then", &v))
                eval(c, v, inst, l, res, ev, errs);
        } else if (get(sch, "else", &v)) {
            eval(c, v, inst, l, res, ev, errs);
        }
    }
    if (c->fatal)
        return;
    if (draft >= D2019 && inst.kind == HC_MAP && get(sch, "unevaluatedProperties", &v)) {
        for (size_t i = 0; i < n; i++) {
            if (ev[i])
                continue;
            struct hc_mapent *e = &inst.u.m->e[i];
            struct loc kl = {l, e->key, e->klen, 0};
            if (eval(c, v, e->val, &kl, res, NULL, errs))
                ev[i] = 1;
        }
    }
    if (draft >= D2019 && inst.kind == HC_LIST && get(sch, "unevaluatedItems", &v)) {
        for (size_t i = 0; i < n; i++) {
            if (ev[i])
                continue;
            struct loc il = {l, NULL, 0, i};
            if (eval(c, v, inst.u.l->items[i], &il, res, NULL, errs))
                ev[i] = 1;
        }
    }
}

/*
 * Evaluates sch against inst.  ev (may be NULL) collects the entries or items
 * it evaluated; out gets one error when it fails: the schema's only error, or
 * a "validation failed" group of them.
 */
static bool eval(struct vctx *c, hc_val sch, hc_val inst, const struct loc *l, size_t res,
                 uint8_t *ev, struct elist *out)
{
    if (c->fatal)
        return false;
    if (sch.kind == HC_BOOL) {
        if (sch.u.b)
            return true;
        adderr(c, out, l, NULL, "false schema");
        return false;
    }
    if (sch.kind != HC_MAP || !sch.u.m)
        return true;
    if (c->depth + 1 > HC_SCHEMA_MAX_DEPTH || c->ndyn >= HC_SCHEMA_MAX_DEPTH) {
        c->fatal = hc_error_set(c->err, HC_ERR_LIMIT, "jsonschema: validation nested too deeply");
        return false;
    }
    c->depth++;
    /* a schema sees only its own keywords' annotations: never its siblings' */
    uint8_t *own = NULL;
    if (inst.kind == HC_MAP || inst.kind == HC_LIST) {
        own = bitmap(c, inst);
        if (!own) {
            c->depth--;
            return false;
        }
    }
    long rr = find_res_node(c->s, sch);
    bool pushed = false;
    if (rr >= 0 && (size_t)rr != res) {
        res = (size_t)rr;
        c->dyn[c->ndyn++] = res;
        pushed = true;
    }
    struct elist errs = {NULL, NULL, 0};
    eval_map(c, sch, inst, l, res, own, &errs);
    if (pushed)
        c->ndyn--;
    c->depth--;
    if (c->fatal)
        return false;
    if (errs.n == 0) {
        if (ev && own)
            merge(ev, own, inst_len(inst));
        return true;
    }
    if (errs.n == 1) {
        if (out->tail)
            out->tail->next = errs.head;
        else
            out->head = errs.head;
        out->tail = errs.head;
        out->n++;
    } else {
        struct hc_buf b = HC_BUF_INIT;
        hc_buf_adds(&b, "validation failed");
        add_verr(c, out, l, E_GROUP, &b, &errs);
    }
    return false;
}

/* santhosh-tekuri's ValidationError.display (not verbose). */
static void show(struct hc_buf *b, const struct verr *e, int indent)
{
    for (; e; e = e->next) {
        int in = indent;
        bool skip = e->kind == E_REF && e->causes && !e->causes->next;
        if (!skip) {
            hc_buf_addc(b, '\n');
            for (int i = 0; i < in - 1; i++)
                hc_buf_adds(b, "  ");
            hc_buf_adds(b, "- at ");
            quote(b, e->ptr, strlen(e->ptr));
            hc_buf_printf(b, ": %s", e->msg);
            in++;
        }
        show(b, e->causes, in);
    }
}

hc_status hc_schema_validate(const struct hc_schema *s, hc_val inst, struct hc_error *err)
{
    struct vctx *c = hc_calloc(1, sizeof *c);
    if (!c)
        return hc_error_nomem(err);
    struct hc_error e;
    hc_error_init(&e);
    c->s = s;
    c->err = &e;
    hc_arena_init(&c->tmp, 0);
    c->dyn[c->ndyn++] = 0;
    struct loc root = {NULL, NULL, 0, (size_t)-1};
    struct elist errs = {NULL, NULL, 0};
    bool ok = eval(c, s->res[0].node, inst, &root, 0, NULL, &errs);
    hc_status rc = c->fatal ? c->fatal : ok ? HC_OK : HC_ERR_INVALID;
    if (rc == HC_ERR_INVALID) {
        /* Validate's kind.Schema wrapper: a group's causes, or the one error */
        const struct verr *top = errs.head;
        if (top && top->kind == E_GROUP)
            top = top->causes;
        struct hc_buf b = HC_BUF_INIT;
        hc_buf_adds(&b, "jsonschema validation failed with ");
        char *loc = hc_arena_printf(&c->tmp, "%s#", s->res[0].uri);
        quote(&b, loc ? loc : "", loc ? strlen(loc) : 0);
        show(&b, top, 1);
        if (hc_buf_ok(&b))
            hc_error_set(&e, HC_ERR_INVALID, "%s", hc_buf_str(&b));
        else
            hc_error_nomem(&e);
        hc_buf_release(&b);
        rc = e.code; /* HC_ERR_NOMEM when the message itself could not be built */
    }
    if (rc != HC_OK)
        hc_error_move(err, &e);
    else
        hc_error_release(&e);
    hc_arena_free(&c->tmp);
    hc_free(c);
    return rc;
}
