/*
 * yaml_read.c - YAML text to hc_val as Helm reads values files and Chart.yaml
 * (sigs.k8s.io/yaml.Unmarshal into interface{}): hc_yaml_read and
 * hc_yaml_read_all.
 *
 * Mirrors go-yaml v2's parser (decode.go: parser.parse, document, alias,
 * scalar, sequence, mapping, fail), which turns a libyaml-style event stream
 * into a node tree before anything is decoded, so that every syntax error in
 * a document wins over every decoding error.  go-yaml is a Go port of an
 * older libyaml; where libyaml 0.2.5 (which we link) behaves differently,
 * this file makes the difference go away: the input is fed in go-yaml's
 * 512-byte chunks so reader errors surface at the same moment, %YAML 1.2 is
 * refused, and go-yaml's own limits (10000 flow levels, 10000 indentation
 * levels) are enforced on the events.
 *
 * Invariant: the node tree of a document lives in a scratch arena freed when
 * the read ends; only strings go to the caller's arena.  Building the tree is
 * iterative (explicit stacks), so nesting depth costs heap, never C stack.
 */
#include "yaml/yaml.h"

#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "yaml/read_internal.h"

#define GO_RAW_CHUNK 512         /* go-yaml's input_raw_buffer_size */
#define GO_MAX_FLOW_LEVEL 10000  /* go-yaml's max_flow_level */
#define GO_MAX_INDENTS 10000     /* go-yaml's max_indents */

struct open_coll {
    struct ynode *n;
    size_t base;  /* first child in kids[] */
    bool flow;    /* counted in flow_level */
    bool indent;  /* pushed an indentation level */
};

struct anchor {
    const char *name; /* NULL: empty slot */
    size_t len;
    struct ynode *node;
};

struct rd {
    struct hc_arena *out;     /* the caller's: strings */
    struct hc_arena scratch;  /* nodes of the current document */
    const char *src;
    size_t len, pos;
    size_t raw_cap; /* libyaml's raw buffer size, learnt on its first read */
    yaml_parser_t p;
    struct open_coll *open;
    size_t nopen, capopen;
    struct ynode **kids;
    size_t nkids, capkids;
    struct anchor *anch; /* open addressing, capanch a power of two */
    size_t nanch, capanch;
    uint32_t flow_level;
    uint32_t *indents;
    size_t nindents, capindents;
    struct ynode *root;
    const char *filename;
    struct hc_error *err;
};

/* ---- input, in go-yaml's chunks ---- */

/*
 * libyaml asks for as much as its raw buffer holds; go-yaml's reader holds
 * 512 bytes.  Both decode a whole chunk as soon as they read it, so handing
 * libyaml the same chunks makes an invalid byte fail at the same point of
 * the parse (or not at all, past the first document).
 */
static int read_handler(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
    struct rd *r = data;
    if (r->raw_cap == 0)
        r->raw_cap = size; /* the first read fills an empty buffer */
    size_t leftover = r->raw_cap > size ? r->raw_cap - size : 0;
    size_t n = leftover < GO_RAW_CHUNK ? GO_RAW_CHUNK - leftover : 1;
    if (n > size)
        n = size;
    if (n > r->len - r->pos)
        n = r->len - r->pos;
    memcpy(buffer, r->src + r->pos, n);
    r->pos += n;
    *size_read = n;
    return 1;
}

/* ---- errors ---- */

static hc_status yaml_fail_line(struct rd *r, hc_status code, size_t line, struct hc_pos pos,
                                const char *problem)
{
    if (line)
        return hc_error_set_at(r->err, code, pos,
                               "error converting YAML to JSON: yaml: line %zu: %s", line, problem);
    return hc_error_set_at(r->err, code, pos, "error converting YAML to JSON: yaml: %s", problem);
}

static struct hc_pos mark_pos(const struct rd *r, yaml_mark_t m)
{
    struct hc_pos p = {r->filename, (uint32_t)m.line + 1, (uint32_t)m.column + 1};
    return p;
}

/*
 * go-yaml's parser.fail: the problem mark's line (1-based for scanner errors,
 * 0-based for parser errors), else the context mark's, and no line at all
 * when that is 0.
 */
static hc_status parse_error(struct rd *r)
{
    yaml_parser_t *p = &r->p;
    if (p->error == YAML_MEMORY_ERROR)
        return hc_error_nomem(r->err);
    size_t line = 0;
    if (p->problem_mark.line != 0) {
        line = p->problem_mark.line;
        if (p->error == YAML_SCANNER_ERROR)
            line++;
    } else if (p->context_mark.line != 0) {
        line = p->context_mark.line;
    }
    struct hc_pos pos = {r->filename, 0, 0};
    if (p->error == YAML_SCANNER_ERROR || p->error == YAML_PARSER_ERROR)
        pos = mark_pos(r, p->problem_mark);
    return yaml_fail_line(r, HC_ERR_PARSE, line, pos,
                          p->problem ? p->problem : "unknown problem parsing YAML content");
}

/* A scanner error go-yaml raises and libyaml does not: mark is where go-yaml stops. */
static hc_status scanner_error_at(struct rd *r, yaml_mark_t m, const char *problem)
{
    return yaml_fail_line(r, HC_ERR_PARSE, m.line ? m.line + 1 : 0, mark_pos(r, m), problem);
}

/* ---- anchors ---- */

static size_t anchor_hash(const char *s, size_t n)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static struct anchor *anchor_slot(struct rd *r, const char *name, size_t len)
{
    size_t mask = r->capanch - 1;
    for (size_t i = anchor_hash(name, len) & mask;; i = (i + 1) & mask) {
        struct anchor *a = &r->anch[i];
        if (!a->name || (a->len == len && memcmp(a->name, name, len) == 0))
            return a;
    }
}

/* go-yaml's parser.anchor: a later anchor of the same name replaces the earlier. */
static hc_status anchor_set(struct rd *r, const char *name, struct ynode *n)
{
    size_t len = strlen(name);
    if ((r->nanch + 1) * 2 > r->capanch) {
        size_t cap = r->capanch ? r->capanch * 2 : 64;
        struct anchor *old = r->anch;
        size_t oldcap = r->capanch;
        r->anch = hc_calloc(cap, sizeof *r->anch);
        if (!r->anch) {
            r->anch = old;
            return hc_error_nomem(r->err);
        }
        r->capanch = cap;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].name)
                *anchor_slot(r, old[i].name, old[i].len) = old[i];
        hc_free(old);
    }
    struct anchor *a = anchor_slot(r, name, len);
    if (!a->name) {
        a->name = hc_arena_strndup(&r->scratch, name, len);
        if (!a->name)
            return hc_error_nomem(r->err);
        a->len = len;
        r->nanch++;
    }
    a->node = n;
    return HC_OK;
}

static struct ynode *anchor_get(struct rd *r, const char *name)
{
    if (!r->capanch)
        return NULL;
    struct anchor *a = anchor_slot(r, name, strlen(name));
    return a->name ? a->node : NULL;
}

static void anchors_reset(struct rd *r)
{
    if (r->anch)
        memset(r->anch, 0, r->capanch * sizeof *r->anch);
    r->nanch = 0;
}

/* ---- the tree ---- */

static struct ynode *node_new(struct rd *r, enum ynode_kind kind, const yaml_event_t *ev)
{
    struct ynode *n = hc_arena_zalloc(&r->scratch, sizeof *n);
    if (!n)
        return NULL;
    n->kind = (uint8_t)kind;
    n->line = (uint32_t)ev->start_mark.line;
    n->col = (uint32_t)ev->start_mark.column;
    return n;
}

/* Makes n the next child of the innermost open collection (or the root). */
static hc_status add_child(struct rd *r, struct ynode *n)
{
    if (r->nopen == 0) {
        r->root = n;
        return HC_OK;
    }
    if (r->nkids == r->capkids) {
        size_t cap = r->capkids ? r->capkids * 2 : 256;
        struct ynode **k = hc_realloc(r->kids, hc_mul_size(cap, sizeof *k));
        if (!k)
            return hc_error_nomem(r->err);
        r->kids = k;
        r->capkids = cap;
    }
    r->kids[r->nkids++] = n;
    return HC_OK;
}

static hc_status on_scalar(struct rd *r, const yaml_event_t *ev)
{
    struct ynode *n = node_new(r, YN_SCALAR, ev);
    if (!n)
        return hc_error_nomem(r->err);
    size_t len = ev->data.scalar.length;
    if (len > HC_VAL_MAX_LEN)
        return hc_error_set(r->err, HC_ERR_LIMIT, "yaml: scalar too long");
    char *text = hc_arena_strndup(r->out, (const char *)ev->data.scalar.value, len);
    if (!text)
        return hc_error_nomem(r->err);
    n->text = text;
    n->len = (uint32_t)len;
    n->tag = (uint8_t)yaml_tag_code((const char *)ev->data.scalar.tag);
    if (ev->data.scalar.plain_implicit)
        n->flags |= YF_IMPLICIT;
    if (len == 2 && memcmp(text, "<<", 2) == 0 &&
        (ev->data.scalar.plain_implicit || n->tag == YT_MERGE))
        n->flags |= YF_MERGE; /* go-yaml's isMerge */
    if (yaml_resolve_scalar(r->out, n) != HC_OK)
        return hc_error_nomem(r->err);
    hc_status rc = HC_OK;
    if (ev->data.scalar.anchor)
        rc = anchor_set(r, (const char *)ev->data.scalar.anchor, n);
    return rc != HC_OK ? rc : add_child(r, n);
}

static hc_status on_alias(struct rd *r, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    struct ynode *target = anchor_get(r, name);
    if (!target) {
        struct hc_pos pos = mark_pos(r, ev->start_mark);
        return hc_error_set_at(r->err, HC_ERR_PARSE, pos,
                               "error converting YAML to JSON: yaml: unknown anchor '%s' referenced",
                               name);
    }
    struct ynode *n = node_new(r, YN_ALIAS, ev);
    if (!n)
        return hc_error_nomem(r->err);
    size_t len = strlen(name);
    n->text = hc_arena_strndup(&r->scratch, name, len);
    if (!n->text)
        return hc_error_nomem(r->err);
    n->len = (uint32_t)len;
    n->u.target = target;
    return add_child(r, n);
}

static hc_status on_start(struct rd *r, const yaml_event_t *ev, enum ynode_kind kind)
{
    bool flow;
    const char *anchor;
    if (kind == YN_SEQ) {
        flow = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        anchor = (const char *)ev->data.sequence_start.anchor;
    } else {
        flow = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        anchor = (const char *)ev->data.mapping_start.anchor;
    }
    struct open_coll oc = {NULL, 0, flow, false};
    if (flow) {
        if (++r->flow_level > GO_MAX_FLOW_LEVEL)
            return scanner_error_at(r, ev->start_mark, "exceeded max depth of 10000");
    } else if (r->flow_level == 0) {
        /* go-yaml's roll_indent: a block collection right of the current indentation */
        uint32_t col = (uint32_t)ev->start_mark.column;
        if (r->nindents == 0 || col > r->indents[r->nindents - 1]) {
            if (r->nindents == r->capindents) {
                size_t cap = r->capindents ? r->capindents * 2 : 64;
                uint32_t *in = hc_realloc(r->indents, hc_mul_size(cap, sizeof *in));
                if (!in)
                    return hc_error_nomem(r->err);
                r->indents = in;
                r->capindents = cap;
            }
            r->indents[r->nindents++] = col;
            oc.indent = true;
            if (r->nindents > GO_MAX_INDENTS)
                return scanner_error_at(r, ev->start_mark, "exceeded max depth of 10000");
        }
    }
    struct ynode *n = node_new(r, kind, ev);
    if (!n)
        return hc_error_nomem(r->err);
    /* go-yaml records the anchor before the children: an alias inside refers to n */
    hc_status rc = HC_OK;
    if (anchor)
        rc = anchor_set(r, anchor, n);
    if (rc == HC_OK)
        rc = add_child(r, n);
    if (rc != HC_OK)
        return rc;
    if (r->nopen == r->capopen) {
        size_t cap = r->capopen ? r->capopen * 2 : 64;
        struct open_coll *o = hc_realloc(r->open, hc_mul_size(cap, sizeof *o));
        if (!o)
            return hc_error_nomem(r->err);
        r->open = o;
        r->capopen = cap;
    }
    oc.n = n;
    oc.base = r->nkids;
    r->open[r->nopen++] = oc;
    return HC_OK;
}

static hc_status on_end(struct rd *r)
{
    struct open_coll *oc = &r->open[--r->nopen];
    size_t n = r->nkids - oc->base;
    if (n > HC_VAL_MAX_LEN)
        return hc_error_set(r->err, HC_ERR_LIMIT, "yaml: collection too long");
    struct ynode **kids = NULL;
    if (n) {
        kids = hc_arena_array(&r->scratch, n, sizeof *kids);
        if (!kids)
            return hc_error_nomem(r->err);
        memcpy(kids, r->kids + oc->base, n * sizeof *kids);
    }
    oc->n->u.kids = kids;
    oc->n->len = (uint32_t)n;
    r->nkids = oc->base;
    if (oc->flow)
        r->flow_level--;
    if (oc->indent)
        r->nindents--;
    return HC_OK;
}

static hc_status on_document_start(struct rd *r, const yaml_event_t *ev)
{
    const yaml_version_directive_t *v = ev->data.document_start.version_directive;
    if (v && (v->major != 1 || v->minor != 1)) {
        /* libyaml 0.2.5 accepts %YAML 1.2; go-yaml only 1.1 (a parser error: 0-based line) */
        return yaml_fail_line(r, HC_ERR_PARSE, ev->start_mark.line, mark_pos(r, ev->start_mark),
                              "found incompatible YAML document");
    }
    anchors_reset(r);
    r->root = NULL;
    r->flow_level = 0;
    r->nindents = 0;
    return HC_OK;
}

/*
 * Reads events to the end of the next document and leaves its tree in
 * r->root (NULL for an empty document).  *got is false when the stream ended
 * instead.
 */
static hc_status read_document(struct rd *r, bool *got)
{
    *got = false;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&r->p, &ev))
            return parse_error(r);
        hc_status rc = HC_OK;
        bool done = false;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            rc = on_document_start(r, &ev);
            break;
        case YAML_DOCUMENT_END_EVENT:
            *got = true;
            done = true;
            break;
        case YAML_SCALAR_EVENT:
            rc = on_scalar(r, &ev);
            break;
        case YAML_ALIAS_EVENT:
            rc = on_alias(r, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
            rc = on_start(r, &ev, YN_SEQ);
            break;
        case YAML_MAPPING_START_EVENT:
            rc = on_start(r, &ev, YN_MAP);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            rc = on_end(r);
            break;
        default: /* YAML_STREAM_START_EVENT, YAML_NO_EVENT */
            break;
        }
        yaml_event_delete(&ev);
        if (rc != HC_OK)
            return rc;
        if (done)
            return HC_OK;
    }
}

/* ---- the entry points ---- */

static bool rd_init(struct rd *r, struct hc_arena *a, const char *src, size_t len,
                    const struct hc_yaml_read_opts *opts, struct hc_error *err)
{
    memset(r, 0, sizeof *r);
    r->out = a;
    hc_arena_init(&r->scratch, a->limit);
    r->src = src;
    r->len = len;
    r->filename = opts ? opts->filename : NULL;
    r->err = err;
    if (!yaml_parser_initialize(&r->p))
        return false;
    yaml_parser_set_input(&r->p, read_handler, r);
    return true;
}

static void rd_release(struct rd *r)
{
    yaml_parser_delete(&r->p);
    hc_arena_free(&r->scratch);
    hc_free(r->open);
    hc_free(r->kids);
    hc_free(r->anch);
    hc_free(r->indents);
}

static void decode_opts(const struct hc_yaml_read_opts *opts, struct yaml_decode_opts *d)
{
    d->max_depth = opts ? opts->max_depth : 0;
    d->max_alias_nodes = opts ? opts->max_alias_nodes : 0;
}

hc_status hc_yaml_read(struct hc_arena *a, const char *src, size_t len,
                       const struct hc_yaml_read_opts *opts, hc_val *out, struct hc_error *err)
{
    struct rd r;
    if (!rd_init(&r, a, src, len, opts, err)) {
        rd_release(&r);
        return hc_error_nomem(err);
    }
    struct yaml_decode_opts dopts;
    decode_opts(opts, &dopts);
    bool got;
    hc_status rc = read_document(&r, &got);
    if (rc == HC_OK) /* go-yaml's Unmarshal stops after the first document */
        rc = yaml_decode_doc(a, got ? r.root : NULL, &dopts, r.filename, out, err);
    rd_release(&r);
    return rc;
}

hc_status hc_yaml_read_all(struct hc_arena *a, const char *src, size_t len,
                           const struct hc_yaml_read_opts *opts, hc_val *out,
                           struct hc_error *err)
{
    struct rd r;
    if (!rd_init(&r, a, src, len, opts, err)) {
        rd_release(&r);
        return hc_error_nomem(err);
    }
    struct yaml_decode_opts dopts;
    decode_opts(opts, &dopts);
    struct hc_listb lb;
    hc_listb_init(&lb, a);
    hc_status rc;
    for (;;) {
        bool got;
        rc = read_document(&r, &got);
        if (rc != HC_OK || !got)
            break;
        hc_val v;
        rc = yaml_decode_doc(a, r.root, &dopts, r.filename, &v, err);
        if (rc != HC_OK)
            break;
        if (hc_listb_push(&lb, v) != HC_OK) {
            rc = hc_error_nomem(err);
            break;
        }
        /* the next document's nodes start afresh; its anchors are its own */
        hc_arena_free(&r.scratch);
    }
    if (rc == HC_OK) {
        struct hc_list *l = hc_listb_finish(&lb);
        if (!l)
            rc = hc_error_nomem(err);
        else
            *out = hc_list_val(l, HC_GT_LIST);
    }
    rd_release(&r);
    return rc;
}
