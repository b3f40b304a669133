/*
 * read_decode.c - a document's node tree to an hc_val, as
 * sigs.k8s.io/yaml.Unmarshal(data, &v) with v an interface{} produces it.
 *
 * Mirrors go-yaml v2 decode.go (decoder.unmarshal, alias, mapping, merge,
 * the alias-ratio guard) for an interface{} target, fused with
 * sigs.k8s.io/yaml's convertToJSONableObject (map keys to strings) and with
 * what its json.Marshal + json.Unmarshal round trip changes: numbers are
 * float64, strings valid UTF-8 (done in read_resolve.c), NaN and infinities
 * are errors, and nesting deeper than encoding/json's 10000 levels is an
 * error.  Errors keep Go's precedence: go-yaml's decoding errors first (in
 * document order), then the key conversion's, then json.Marshal's (in sorted
 * key order), then json.Unmarshal's.
 *
 * Invariant: the walk is iterative (explicit frame and slot stacks on the
 * heap), so no document, however deep or however aliased, can exhaust the C
 * stack; every node visit is counted exactly as go-yaml counts its unmarshal
 * calls, so "excessive aliasing" fires where it fires in Go.
 */
#include "yaml/read_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"

/* encoding/json's maxNestingDepth: deeper input is "exceeded max depth". */
#define JSON_MAX_DEPTH 10000

/* go-yaml's alias_ratio_range_low / _high (decode.go). */
#define ALIAS_RATIO_RANGE_LOW  400000
#define ALIAS_RATIO_RANGE_HIGH 4000000

enum frame_kind { FR_SEQ, FR_MAP, FR_MERGESEQ, FR_ALIAS };

struct frame {
    uint8_t kind;
    bool merge;     /* FR_MAP: fills the enclosing map (a merge) instead of making one */
    bool havekey;   /* FR_MAP: the key at kids[i] is decoded, its value comes next */
    bool discard;   /* FR_MAP: that key cannot become a JSON key: drop the pair */
    uint32_t i;     /* next child; FR_MERGESEQ: items left (merges run backwards) */
    uint32_t depth; /* FR_SEQ/FR_MAP: nesting depth of the collection (top level 1) */
    struct ynode *n;
    size_t base; /* FR_SEQ, FR_MAP: first slot of this collection's items */
    const char *key;
    uint32_t klen;
    const char *okey; /* the key before JSON's UTF-8 repair (== key when none was needed) */
    uint32_t oklen;
};

/* An item of a collection under construction (keys only for maps). */
struct slot {
    const char *key;
    uint32_t klen;
    const char *okey; /* as in struct frame */
    uint32_t oklen;
    hc_val v;
};

struct dec {
    struct hc_arena *a;
    struct frame *fr;
    size_t nfr, capfr;
    struct slot *sl;
    size_t nsl, capsl;
    /* go-yaml's decodeCount, aliasCount, aliasDepth */
    long long decode_count, alias_count;
    long alias_depth;
    size_t max_alias, max_depth;
    bool nonfinite; /* some float is NaN or infinite */
    bool too_deep;  /* some collection is deeper than max_depth */
    /* sigs.k8s.io/yaml's first unconvertible key and its value */
    const struct ynode *bad_key, *bad_val;
    const char *filename;
    struct hc_error *err;
    /* the streaming builder (yaml_build_*): its first decoding error waits here */
    struct hc_error pending;
};

static struct hc_pos node_pos(const struct dec *d, const struct ynode *n)
{
    struct hc_pos p = {d->filename, 0, 0};
    if (n) {
        p.line = n->line + 1;
        p.col = n->col + 1;
    }
    return p;
}

/* go-yaml's failf: "yaml: " + message, no line number. */
static hc_status failf(struct dec *d, hc_status code, const struct ynode *n, const char *msg)
{
    return hc_error_set_at(d->err, code, node_pos(d, n), "error converting YAML to JSON: yaml: %s",
                           msg);
}

static double allowed_alias_ratio(long long decode_count)
{
    if (decode_count <= ALIAS_RATIO_RANGE_LOW)
        return 0.99;
    if (decode_count >= ALIAS_RATIO_RANGE_HIGH)
        return 0.10;
    return 0.99 - 0.89 * ((double)(decode_count - ALIAS_RATIO_RANGE_LOW) /
                          (double)(ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
}

/* The bookkeeping at the top of go-yaml's decoder.unmarshal. */
static hc_status count(struct dec *d, const struct ynode *n)
{
    d->decode_count++;
    if (d->alias_depth > 0)
        d->alias_count++;
    bool excessive =
        d->alias_count > 100 && d->decode_count > 1000 &&
        (double)d->alias_count / (double)d->decode_count > allowed_alias_ratio(d->decode_count);
    if (d->max_alias && (size_t)d->alias_count > d->max_alias)
        excessive = true;
    if (excessive)
        return failf(d, HC_ERR_LIMIT, n, "document contains excessive aliasing");
    return HC_OK;
}

static hc_status push_frame(struct dec *d, enum frame_kind kind, struct ynode *n, uint32_t depth)
{
    if (d->nfr == d->capfr) {
        size_t cap = d->capfr ? d->capfr * 2 : 64;
        struct frame *f = hc_realloc(d->fr, hc_mul_size(cap, sizeof *f));
        if (!f)
            return hc_error_nomem(d->err);
        d->fr = f;
        d->capfr = cap;
    }
    struct frame *f = &d->fr[d->nfr++];
    memset(f, 0, sizeof *f);
    f->kind = (uint8_t)kind;
    f->n = n;
    f->depth = depth;
    f->base = d->nsl;
    return HC_OK;
}

static hc_status push_slot(struct dec *d, const char *key, uint32_t klen, const char *okey,
                           uint32_t oklen, hc_val v)
{
    if (d->nsl == d->capsl) {
        size_t cap = d->capsl ? d->capsl * 2 : 256;
        struct slot *s = hc_realloc(d->sl, hc_mul_size(cap, sizeof *s));
        if (!s)
            return hc_error_nomem(d->err);
        d->sl = s;
        d->capsl = cap;
    }
    d->sl[d->nsl].key = key;
    d->sl[d->nsl].klen = klen;
    d->sl[d->nsl].okey = okey;
    d->sl[d->nsl].oklen = oklen;
    d->sl[d->nsl].v = v;
    d->nsl++;
    return HC_OK;
}

/* A scalar's value after go-yaml's decoding and the JSON round trip. */
static hc_status scalar_value(struct dec *d, const struct ynode *n, hc_val *out)
{
    switch (n->res) {
    case YR_NULL:
        *out = hc_null();
        return HC_OK;
    case YR_BOOL:
        *out = hc_bool(n->u.b);
        return HC_OK;
    case YR_INT:
        *out = hc_float((double)n->u.i);
        return HC_OK;
    case YR_UINT:
        *out = hc_float((double)n->u.u);
        return HC_OK;
    case YR_FLOAT:
        if (!isfinite(n->u.f))
            d->nonfinite = true;
        *out = hc_float(n->u.f);
        return HC_OK;
    case YR_STR:
        *out = hc_strn(n->u.str.s, n->u.str.len);
        return HC_OK;
    case YR_ERR_B64:
        return failf(d, HC_ERR_INVALID, n, "!!binary value contains invalid base64 data");
    default: /* YR_ERR_TAG */
        return hc_error_set_at(
            d->err, HC_ERR_INVALID, node_pos(d, n),
            "error converting YAML to JSON: yaml: cannot decode %s `%.*s` as a %s",
            hc_yaml_rd_tag_short((enum ytag)n->rtag), (int)n->len, n->text,
            hc_yaml_rd_tag_short((enum ytag)n->tag));
    }
}

/*
 * go-yaml's unmarshal of node n as a value: counts the visit, then either
 * produces the value at once (*have set) or pushes the frame that will.
 * Aliases push an FR_ALIAS frame that closes the expansion when the value
 * comes back through it.
 */
static hc_status enter(struct dec *d, struct ynode *n, uint32_t depth, hc_val *res, bool *have)
{
    hc_status rc = count(d, n);
    if (rc != HC_OK)
        return rc;
    if (n->kind == YN_ALIAS) {
        if (n->flags & YF_ACTIVE) {
            char msg[64];
            snprintf(msg, sizeof msg, "anchor '%.*s' value contains itself", (int)n->len, n->text);
            return failf(d, HC_ERR_INVALID, n, msg);
        }
        if ((rc = push_frame(d, FR_ALIAS, n, depth)) != HC_OK)
            return rc;
        n->flags |= YF_ACTIVE;
        d->alias_depth++;
        n = n->u.target;
        if ((rc = count(d, n)) != HC_OK)
            return rc;
    }
    *have = false;
    switch (n->kind) {
    case YN_SEQ:
    case YN_MAP:
        if (depth > d->max_depth)
            d->too_deep = true;
        return push_frame(d, n->kind == YN_SEQ ? FR_SEQ : FR_MAP, n, depth);
    default:
        *have = true;
        return scalar_value(d, n, res);
    }
}

/*
 * go-yaml's merge of a mapping (or an alias of one) into the map being built
 * by the frame below: a merging FR_MAP writes its pairs into that map's slots.
 */
static hc_status enter_merge(struct dec *d, struct ynode *n, uint32_t depth)
{
    hc_status rc = count(d, n);
    if (rc != HC_OK)
        return rc;
    if (n->kind == YN_ALIAS) {
        if (n->flags & YF_ACTIVE) {
            char msg[64];
            snprintf(msg, sizeof msg, "anchor '%.*s' value contains itself", (int)n->len, n->text);
            return failf(d, HC_ERR_INVALID, n, msg);
        }
        if ((rc = push_frame(d, FR_ALIAS, n, depth)) != HC_OK)
            return rc;
        n->flags |= YF_ACTIVE;
        d->alias_depth++;
        n = n->u.target;
        if ((rc = count(d, n)) != HC_OK)
            return rc;
    }
    if ((rc = push_frame(d, FR_MAP, n, depth)) != HC_OK)
        return rc;
    d->fr[d->nfr - 1].merge = true;
    return HC_OK;
}

static const struct ynode *deref(const struct ynode *n)
{
    return n->kind == YN_ALIAS ? n->u.target : n;
}

static hc_status want_map(struct dec *d, const struct ynode *n)
{
    return failf(d, HC_ERR_INVALID, n, "map merge requires map or sequence of maps as the value");
}

/* The merge key's value: a mapping, an alias of one, or a sequence of those. */
static hc_status start_merge(struct dec *d, struct ynode *v, uint32_t depth)
{
    switch (v->kind) {
    case YN_MAP:
        return enter_merge(d, v, depth);
    case YN_ALIAS:
        if (v->u.target->kind != YN_MAP)
            return want_map(d, v);
        return enter_merge(d, v, depth);
    case YN_SEQ: {
        hc_status rc = push_frame(d, FR_MERGESEQ, v, depth);
        if (rc == HC_OK)
            d->fr[d->nfr - 1].i = v->len;
        return rc;
    }
    default:
        return want_map(d, v);
    }
}

/* go-yaml's "invalid map key: %#v" for a key that decoded to a list or map. */
static hc_status invalid_key(struct dec *d, const struct ynode *k)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_init(&b, 1 << 20);
    hc_yaml_rd_gorepr(&b, k, true);
    hc_status rc;
    if (!hc_buf_ok(&b) && !b.toobig)
        rc = hc_error_nomem(d->err);
    else
        rc = hc_error_set_at(d->err, HC_ERR_INVALID, node_pos(d, k),
                             "error converting YAML to JSON: yaml: invalid map key: %s",
                             hc_buf_str(&b));
    hc_buf_release(&b);
    return rc;
}

/*
 * sigs.k8s.io/yaml's key conversion: strings stay, ints print in decimal,
 * floats as float32 'g', bools as true/false; nil and uint64 keys are an
 * error (remembered, since go-yaml's own errors anywhere take precedence).
 */
static hc_status key_string(struct dec *d, struct frame *f, const struct ynode *k,
                            const struct ynode *v)
{
    char buf[32];
    size_t n;
    f->discard = false;
    switch (k->res) {
    case YR_STR:
        f->key = k->u.str.s;
        f->klen = k->u.str.len;
        f->okey = k->text;
        f->oklen = k->len;
        return HC_OK;
    case YR_BOOL:
        f->key = f->okey = k->u.b ? "true" : "false";
        f->klen = f->oklen = k->u.b ? 4 : 5;
        return HC_OK;
    case YR_INT:
        n = (size_t)snprintf(buf, sizeof buf, "%lld", (long long)k->u.i);
        break;
    case YR_FLOAT:
        n = hc_yaml_rd_float_key(k->u.f, buf);
        break;
    default: /* nil, uint64 */
        if (!d->bad_key) {
            d->bad_key = k;
            d->bad_val = v;
        }
        f->discard = true;
        return HC_OK;
    }
    char *s = hc_arena_strndup(d->a, buf, n);
    if (!s)
        return hc_error_nomem(d->err);
    f->key = f->okey = s;
    f->klen = f->oklen = (uint32_t)n;
    return HC_OK;
}

static hc_status finish_seq(struct dec *d, struct frame *f, hc_val *out)
{
    size_t n = d->nsl - f->base;
    struct hc_list *l = hc_list_new(d->a, n);
    if (!l)
        return hc_error_nomem(d->err);
    for (size_t i = 0; i < n; i++)
        l->items[i] = d->sl[f->base + i].v;
    /* sigs.k8s.io/yaml hands the document to encoding/json, which appends each item */
    l->cap = hc_go_append_cap(0, n, HC_GT_LIST);
    d->nsl = f->base;
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* Stable merge sort of s[0..n) by original key, using tmp. */
static void sort_by_original(struct slot *s, struct slot *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_by_original(s, tmp, h);
    sort_by_original(s + h, tmp, n - h);
    memcpy(tmp, s, h * sizeof *s);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        s[k++] =
            hc_strcmp(s[j].okey, s[j].oklen, tmp[i].okey, tmp[i].oklen) < 0 ? s[j++] : tmp[i++];
    while (i < h)
        s[k++] = tmp[i++];
}

static hc_status finish_map(struct dec *d, struct frame *f, hc_val *out)
{
    size_t n = d->nsl - f->base;
    bool repaired = false;
    for (size_t i = 0; i < n && !repaired; i++)
        repaired = d->sl[f->base + i].okey != d->sl[f->base + i].key;
    if (repaired) {
        /*
         * Keys repaired to the same text collide only in the JSON text, which
         * json.Marshal writes in the order of the original keys; the decoder
         * keeps the last.  Putting the slots in that order first makes the
         * last-wins below agree (a stable sort keeps go-yaml's own order
         * among equal keys).
         */
        struct slot *tmp = hc_malloc(hc_mul_size(n / 2 + 1, sizeof *tmp));
        if (!tmp)
            return hc_error_nomem(d->err);
        sort_by_original(d->sl + f->base, tmp, n);
        hc_free(tmp);
    }
    struct hc_map *m = hc_map_new(d->a, n);
    if (!m)
        return hc_error_nomem(d->err);
    for (size_t i = 0; i < n; i++) {
        const struct slot *s = &d->sl[f->base + i];
        if (hc_map_append(d->a, m, s->key, s->klen, s->v) != HC_OK)
            return hc_error_nomem(d->err);
    }
    hc_map_finish(m); /* the last of equal keys wins, as go-yaml's SetMapIndex in order */
    d->nsl = f->base;
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

/* Hands a finished value (or a finished merge: v NULL) to the frame on top. */
static hc_status deliver(struct dec *d, const hc_val *v)
{
    struct frame *f = &d->fr[d->nfr - 1];
    switch (f->kind) {
    case FR_SEQ:
        f->i++;
        return push_slot(d, NULL, 0, NULL, 0, *v);
    case FR_MAP:
        if (!v) { /* a merge is done */
            f->i += 2;
            return HC_OK;
        }
        if (!f->havekey) {
            const struct ynode *k = deref(f->n->u.kids[f->i]);
            if (k->kind != YN_SCALAR)
                return invalid_key(d, k);
            f->havekey = true;
            return key_string(d, f, k, f->n->u.kids[f->i + 1]);
        }
        f->havekey = false;
        f->i += 2;
        if (f->discard)
            return HC_OK;
        return push_slot(d, f->key, f->klen, f->okey, f->oklen, *v);
    default: /* FR_MERGESEQ: one item merged */
        return HC_OK;
    }
}

/* Advances the frame on top by one step; may finish it (*have, and *res unless a merge). */
static hc_status step(struct dec *d, hc_val *res, bool *have, bool *merged)
{
    struct frame *f = &d->fr[d->nfr - 1];
    struct ynode *n = f->n;
    *have = false;
    *merged = false;
    switch (f->kind) {
    case FR_SEQ:
        if (f->i < n->len)
            return enter(d, n->u.kids[f->i], f->depth + 1, res, have);
        *have = true;
        d->nfr--;
        return finish_seq(d, f, res);
    case FR_MAP:
        if (f->i < n->len) {
            struct ynode *k = n->u.kids[f->i];
            if (f->havekey)
                return enter(d, n->u.kids[f->i + 1], f->depth + 1, res, have);
            if (k->flags & YF_MERGE)
                return start_merge(d, n->u.kids[f->i + 1], f->depth);
            return enter(d, k, f->depth + 1, res, have);
        }
        d->nfr--;
        *have = true;
        if (f->merge) {
            *merged = true;
            return HC_OK;
        }
        return finish_map(d, f, res);
    case FR_MERGESEQ:
        if (f->i == 0) {
            d->nfr--;
            *have = true;
            *merged = true;
            return HC_OK;
        }
        f->i--;
        struct ynode *item = n->u.kids[f->i];
        if (deref(item)->kind != YN_MAP)
            return want_map(d, item);
        return enter_merge(d, item, f->depth);
    default: /* FR_ALIAS never steps: its target was entered when it was pushed */
        return HC_OK;
    }
}

/* Runs the machine from the root node to its value. */
static hc_status run(struct dec *d, struct ynode *root, hc_val *out)
{
    hc_val res = hc_null();
    bool have, merged = false;
    hc_status rc = count(d, root); /* the document node */
    if (rc == HC_OK)
        rc = enter(d, root, 1, &res, &have);
    while (rc == HC_OK) {
        if (!have) {
            rc = step(d, &res, &have, &merged);
            continue;
        }
        /* a value (or a merge) is done: close the alias expansions it came through */
        while (d->nfr > 0 && d->fr[d->nfr - 1].kind == FR_ALIAS) {
            d->fr[d->nfr - 1].n->flags &= (uint8_t)~YF_ACTIVE;
            d->alias_depth--;
            d->nfr--;
        }
        if (d->nfr == 0) {
            *out = res;
            return HC_OK;
        }
        rc = deliver(d, merged ? NULL : &res);
        have = false;
        merged = false;
    }
    return rc;
}

/* ---- what json.Marshal and json.Unmarshal add ---- */

/*
 * Walks v in JSON's order (sorted keys) for the first NaN or infinity
 * (json.Marshal's error) and the first collection deeper than max_depth
 * (json.Unmarshal's).  Iterative, like the decoder.
 */
static hc_status json_check(struct dec *d, hc_val v)
{
    struct it {
        hc_val v;
        uint32_t i;
        uint32_t depth;
    } *st = NULL;
    size_t n = 0, cap = 0;
    char deep = 0;
    const char *bad = NULL;
    hc_status rc = HC_OK;
    hc_val cur = v;
    uint32_t depth = 1;
    for (;;) {
        /* visit cur */
        if (cur.kind == HC_FLOAT && !isfinite(cur.u.f)) {
            bad = isnan(cur.u.f) ? "NaN" : cur.u.f > 0 ? "+Inf" : "-Inf";
            break;
        }
        if (cur.kind == HC_LIST || cur.kind == HC_MAP) {
            if (depth > d->max_depth && !deep)
                deep = cur.kind == HC_LIST ? '[' : '{';
            if (n == cap) {
                size_t ncap = cap ? cap * 2 : 64;
                struct it *ns = hc_realloc(st, hc_mul_size(ncap, sizeof *ns));
                if (!ns) {
                    rc = hc_error_nomem(d->err);
                    break;
                }
                st = ns;
                cap = ncap;
            }
            st[n].v = cur;
            st[n].i = 0;
            st[n].depth = depth;
            n++;
        }
        /* next: the first unvisited child of the innermost open collection */
        bool found = false;
        while (n > 0 && !found) {
            struct it *t = &st[n - 1];
            uint32_t len = t->v.kind == HC_LIST ? t->v.u.l->len : t->v.u.m->len;
            if (t->i < len) {
                cur = t->v.kind == HC_LIST ? t->v.u.l->items[t->i] : t->v.u.m->e[t->i].val;
                depth = t->depth + 1;
                t->i++;
                found = true;
            } else {
                n--;
            }
        }
        if (!found)
            break;
    }
    hc_free(st);
    if (rc != HC_OK)
        return rc;
    if (bad)
        return hc_error_set(d->err, HC_ERR_INVALID,
                            "error converting YAML to JSON: json: unsupported value: %s", bad);
    if (deep)
        return hc_error_set(d->err, HC_ERR_LIMIT,
                            "error unmarshaling JSON: while decoding JSON: invalid character "
                            "'%c' exceeded max depth",
                            deep);
    return HC_OK;
}

static hc_status unsupported_key(struct dec *d)
{
    const struct ynode *k = d->bad_key;
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_init(&b, 1 << 20);
    if (k->res == YR_NULL)
        hc_buf_adds(&b, "%!s(<nil>), key: <nil>");
    else
        hc_buf_printf(&b, "uint64, key: 0x%llx", (unsigned long long)k->u.u);
    hc_buf_adds(&b, ", value: ");
    hc_yaml_rd_gorepr(&b, d->bad_val, true);
    hc_status rc;
    if (!hc_buf_ok(&b) && !b.toobig)
        rc = hc_error_nomem(d->err);
    else
        rc = hc_error_set_at(d->err, HC_ERR_INVALID, node_pos(d, k),
                             "error converting YAML to JSON: unsupported map key of type: %s",
                             hc_buf_str(&b));
    hc_buf_release(&b);
    return rc;
}

hc_status hc_yaml_rd_decode(struct hc_arena *a, struct ynode *root,
                            const struct yread_decode_opts *opts, const char *filename, hc_val *out,
                            struct hc_error *err)
{
    if (!root) {
        *out = hc_null();
        return HC_OK;
    }
    struct dec d;
    memset(&d, 0, sizeof d);
    d.a = a;
    d.max_depth = opts->max_depth ? opts->max_depth : JSON_MAX_DEPTH;
    d.max_alias = opts->max_alias_nodes;
    d.filename = filename;
    d.err = err;
    hc_val v = hc_null();
    hc_status rc = run(&d, root, &v);
    if (rc != HC_OK) {
        /* leave the tree reusable: clear the marks of expansions cut short */
        for (size_t i = 0; i < d.nfr; i++)
            if (d.fr[i].kind == FR_ALIAS)
                d.fr[i].n->flags &= (uint8_t)~YF_ACTIVE;
    } else if (d.bad_key) {
        rc = unsupported_key(&d);
    } else if (d.nonfinite || d.too_deep) {
        rc = json_check(&d, v);
    }
    hc_free(d.fr);
    hc_free(d.sl);
    if (rc == HC_OK)
        *out = v;
    return rc;
}

/*
 * ---- building values straight from events ----
 *
 * Most documents have no aliases, merge keys or keys that are collections,
 * nulls or huge integers.  For those, go-yaml's decoding is a walk in
 * document order, which is the order libyaml's events come in, so values can
 * be built as the events arrive, with no node tree.  The first decoding error
 * is kept until the document has parsed (a later syntax error wins, as the
 * tree would have made it).  Anything else makes the builder give up
 * (*bail), and the reader parses the document again into a tree.
 */

struct ybuild {
    struct dec d;
    hc_val root;
    bool have_root;
};

struct ybuild *hc_yaml_rd_build_new(struct hc_arena *a, const struct yread_decode_opts *opts,
                                    const char *filename, struct hc_error *err)
{
    struct ybuild *b = hc_calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->d.a = a;
    b->d.max_depth = opts->max_depth ? opts->max_depth : JSON_MAX_DEPTH;
    b->d.filename = filename;
    b->d.err = err;
    hc_error_init(&b->d.pending);
    return b;
}

void hc_yaml_rd_build_free(struct ybuild *b)
{
    if (!b)
        return;
    hc_error_release(&b->d.pending);
    hc_free(b->d.fr);
    hc_free(b->d.sl);
    hc_free(b);
}

void hc_yaml_rd_build_reset(struct ybuild *b)
{
    hc_error_release(&b->d.pending);
    b->d.nfr = b->d.nsl = 0;
    b->d.nonfinite = b->d.too_deep = false;
    b->have_root = false;
}

/* A value is complete: hand it to the open collection, or make it the document's. */
static hc_status build_value(struct ybuild *b, hc_val v)
{
    struct dec *d = &b->d;
    if (d->nfr == 0) {
        b->root = v;
        b->have_root = true;
        return HC_OK;
    }
    struct frame *f = &d->fr[d->nfr - 1];
    if (f->kind == FR_SEQ)
        return push_slot(d, NULL, 0, NULL, 0, v);
    f->havekey = false;
    if (f->discard)
        return HC_OK;
    return push_slot(d, f->key, f->klen, f->okey, f->oklen, v);
}

hc_status hc_yaml_rd_build_scalar(struct ybuild *b, struct ynode *n, bool *bail)
{
    struct dec *d = &b->d;
    struct frame *f = d->nfr ? &d->fr[d->nfr - 1] : NULL;
    *bail = false;
    if (f && f->kind == FR_MAP && !f->havekey) {
        if ((n->flags & YF_MERGE) || n->res == YR_NULL || n->res == YR_UINT) {
            *bail = true; /* merges and unconvertible keys need the tree */
            return HC_OK;
        }
        hc_val ignored;
        if (n->res == YR_ERR_TAG || n->res == YR_ERR_B64) {
            struct hc_error *keep = d->err;
            d->err = &d->pending;
            (void)scalar_value(d, n, &ignored);
            d->err = keep;
            f->discard = true;
        } else {
            hc_status rc = key_string(d, f, n, NULL);
            if (rc != HC_OK)
                return rc;
        }
        f->havekey = true;
        return HC_OK;
    }
    hc_val v = hc_null();
    struct hc_error *keep = d->err;
    d->err = &d->pending; /* a decoding error waits for the end of the document */
    (void)scalar_value(d, n, &v);
    d->err = keep;
    return build_value(b, v);
}

hc_status hc_yaml_rd_build_start(struct ybuild *b, bool map, bool *bail)
{
    struct dec *d = &b->d;
    struct frame *f = d->nfr ? &d->fr[d->nfr - 1] : NULL;
    *bail = f && f->kind == FR_MAP && !f->havekey; /* a collection as a key */
    if (*bail)
        return HC_OK;
    uint32_t depth = f ? f->depth + 1 : 1;
    if (depth > d->max_depth)
        d->too_deep = true;
    return push_frame(d, map ? FR_MAP : FR_SEQ, NULL, depth);
}

hc_status hc_yaml_rd_build_end(struct ybuild *b)
{
    struct dec *d = &b->d;
    struct frame *f = &d->fr[--d->nfr];
    hc_val v;
    hc_status rc = f->kind == FR_SEQ ? finish_seq(d, f, &v) : finish_map(d, f, &v);
    return rc != HC_OK ? rc : build_value(b, v);
}

hc_status hc_yaml_rd_build_finish(struct ybuild *b, hc_val *out)
{
    struct dec *d = &b->d;
    if (d->pending.code != HC_OK) {
        struct hc_error *err = d->err;
        if (err)
            hc_error_move(err, &d->pending);
        else
            hc_error_release(&d->pending);
        return err ? err->code : HC_ERR_INVALID;
    }
    hc_val v = b->have_root ? b->root : hc_null();
    if (d->nonfinite || d->too_deep) {
        hc_status rc = json_check(d, v);
        if (rc != HC_OK)
            return rc;
    }
    *out = v;
    return HC_OK;
}
