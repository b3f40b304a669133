/*
 * yaml_read.c - YAML text to hc_val as Helm reads values files and Chart.yaml
 * (sigs.k8s.io/yaml.Unmarshal into interface{}): hc_yaml_read and
 * hc_yaml_read_all.
 *
 * Mirrors go-yaml v2's parser (decode.go: parser.parse, document, alias,
 * scalar, sequence, mapping, fail), which turns a libyaml-style event stream
 * into a node tree before anything is decoded, so that every syntax error in
 * a document wins over every decoding error.  Documents that need no tree
 * (no aliases, merge keys or odd keys) are decoded as the events arrive,
 * with their first decoding error held back to the end of the document,
 * which gives the same answer; the others get the tree (read_decode.c).
 *
 * go-yaml is a Go port of an older libyaml; where libyaml 0.2.5, which we
 * link, scans differently, this file makes the difference go away: input is
 * fed in go-yaml's 512-byte chunks so reader errors surface at the same
 * moment, go-yaml's own limits (10000 flow levels, 10000 indentation levels)
 * are enforced on the events, the error messages of its lazier simple-key
 * checks are reproduced, and text the two scanners read differently is
 * patched and parsed again (see "where go-yaml's scanner and libyaml 0.2.5's
 * part ways" below).
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

#define GO_RAW_CHUNK      512   /* go-yaml's input_raw_buffer_size */
#define GO_MAX_FLOW_LEVEL 10000 /* go-yaml's max_flow_level */
#define GO_MAX_INDENTS    10000 /* go-yaml's max_indents */

struct open_coll {
    struct ynode *n; /* NULL when values are built straight from the events */
    uint8_t kind;    /* YN_SEQ or YN_MAP */
    uint32_t line;   /* of its start event */
    size_t base;     /* first child in kids[] */
    bool flow;       /* counted in flow_level */
    bool indent;     /* pushed an indentation level */
    bool pair;       /* the implicit one-pair mapping of a flow sequence entry "[a: b]" */
};

struct anchor {
    const char *name; /* NULL: empty slot */
    size_t len;
    struct ynode *node;
};

struct rd {
    struct hc_arena *out;    /* the caller's: strings */
    struct hc_arena scratch; /* nodes of the current document */
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
    struct ybuild *fast; /* building values straight from events (no tree), or NULL */
    bool bail;           /* the builder gave up: the document needs a tree */
    bool utf8;           /* the input is UTF-8, so marks can be mapped back to bytes */
    bool cur_valid;      /* cursor_byte's last answer: */
    size_t cur_index, cur_byte;
    /* the libyaml error that ended the parse, if one did */
    const char *lib_problem;
    yaml_mark_t lib_mark;
    /* a tag go-yaml reads further than libyaml: [tag_from, tag_to) to percent-encode */
    bool may_restart, restart;
    size_t tag_from, tag_to;
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

/* ---- marks back to bytes (UTF-8 input only) ---- */

/*
 * The byte offset of the character libyaml numbers index (libyaml counts
 * characters, after a byte order mark, and a CR LF pair as two).
 */
static size_t mark_byte(const char *src, size_t len, size_t index)
{
    size_t b = 0;
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
        b = 3;
    for (size_t i = 0; i < index && b < len; i++) {
        unsigned char c = (unsigned char)src[b];
        b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return b < len ? b : len;
}

/*
 * mark_byte with a cursor: events come in text order, so walking on from the
 * previous answer keeps the total work linear.
 */
static size_t cursor_byte(struct rd *r, size_t index)
{
    if (!r->cur_valid || index < r->cur_index) {
        r->cur_index = 0;
        r->cur_byte = mark_byte(r->src, r->len, 0);
        r->cur_valid = true;
    }
    size_t b = r->cur_byte;
    for (size_t i = r->cur_index; i < index && b < r->len; i++) {
        unsigned char c = (unsigned char)r->src[b];
        b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    if (b > r->len)
        b = r->len;
    r->cur_index = index;
    r->cur_byte = b;
    return b;
}

/* Length of the line break at s[0..n) as libyaml sees one (CR LF, CR, LF, NEL, LS, PS), or 0. */
static size_t line_break(const char *s, size_t n)
{
    if (n >= 2 && s[0] == '\r' && s[1] == '\n')
        return 2;
    if (n >= 1 && (s[0] == '\r' || s[0] == '\n'))
        return 1;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0x85)
        return 2;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9))
        return 3;
    return 0;
}

/* ---- tags go-yaml reads further ---- */

static bool is_alpha(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
           c == '-';
}

/* A character of a tag URI for libyaml 0.2.5 outside verbatim tags; go-yaml adds , [ ]. */
static bool is_uri_char(char c, bool go)
{
    return is_alpha(c) || (c && strchr(";/?:@&=+$.!~*'()%", c)) ||
           (go && (c == ',' || c == '[' || c == ']'));
}

/* Where go-yaml's tag URI that libyaml stopped at src[b] (',' '[' or ']') ends. */
static size_t go_tag_end(const char *src, size_t len, size_t b)
{
    while (b < len && is_uri_char(src[b], true))
        b++;
    return b;
}

/*
 * The node at src[b] carries a tag: find where libyaml's reading of it ended,
 * and when go-yaml's goes on (a ',' '[' or ']' follows), ask for a restart
 * with that part percent-encoded, which both read as the same tag.
 */
static bool tag_diverges(struct rd *r, size_t b)
{
    const char *s = r->src;
    size_t n = r->len;
    for (;;) {
        if (b < n && s[b] == '&') {
            b++;
            while (b < n && is_alpha(s[b]))
                b++;
            while (b < n && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r'))
                b++;
            continue;
        }
        break;
    }
    if (b >= n || s[b] != '!' || (b + 1 < n && s[b + 1] == '<'))
        return false;
    b++;
    while (b < n && is_uri_char(s[b], false))
        b++; /* the handle's characters are URI characters too */
    if (b >= n || (s[b] != ',' && s[b] != '[' && s[b] != ']') || !r->may_restart)
        return false;
    r->restart = true;
    r->tag_from = b;
    r->tag_to = go_tag_end(s, n, b);
    return true;
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
    r->lib_problem = p->problem;
    r->lib_mark = p->problem_mark;
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
    const char *problem = p->problem ? p->problem : "unknown problem parsing YAML content";
    if (p->error == YAML_SCANNER_ERROR && r->utf8 &&
        strcmp(problem, "could not find expected ':'") == 0) {
        /*
         * libyaml drops stale simple keys before it looks at the next token;
         * go-yaml checks them lazily and first fails on a next token that
         * nothing can start (block context: a tab, '@', '`', '%' off column 0).
         */
        size_t b = mark_byte(r->src, r->len, p->problem_mark.index);
        char c = b < r->len ? r->src[b] : 0;
        /*
         * Unless the last token scanned was a plain scalar: scanning one reads
         * on to the next token, and go-yaml's lazy check then fails as libyaml.
         * (go-yaml checks only the key at the head of its token queue, libyaml
         * every key; when the stale key is not at the head, go-yaml's parser
         * may fail first on an earlier token.  That case is not modelled.)
         */
        const yaml_token_t *last = p->tokens.tail > p->tokens.head ? p->tokens.tail - 1 : NULL;
        bool plain = last && last->type == YAML_SCALAR_TOKEN &&
                     last->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        /* nor when the key went stale within the last token: both see it right after it */
        if (last && last->end_mark.index == p->problem_mark.index)
            plain = true;
        if (!plain &&
            (c == '\t' || c == '@' || c == '`' || (c == '%' && p->problem_mark.column != 0)))
            problem = "found character that cannot start any token";
        /* at the end of the input go-yaml finds the key when it ends the stream, a line on */
        if (!plain && b >= r->len && p->problem_mark.column != 0)
            line = p->problem_mark.line + 2;
    }
    return yaml_fail_line(r, HC_ERR_PARSE, line, pos, problem);
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

/*
 * go-yaml ends a plain scalar inside a flow collection at '?', where libyaml
 * 0.2.5 reads on; the '?' then starts a KEY token go-yaml's parser cannot take
 * after a node, so the document fails there.  This reports that failure for a
 * plain scalar libyaml let through with a '?' in it.
 */
static hc_status flow_question_at(struct rd *r, yaml_mark_t start, yaml_mark_t end, bool queued)
{
    const struct open_coll *ctx = NULL;
    for (size_t i = r->nopen; i-- > 0;) {
        if (r->open[i].flow && !r->open[i].pair) {
            ctx = &r->open[i];
            break;
        }
    }
    struct open_coll inner = {NULL, 0, 0, 0, true, false, false};
    if (queued) {
        /*
         * libyaml failed while looking ahead: collections it scanned but had
         * no event for yet are in its token queue, innermost last.
         */
        int depth = 0, found = 0;
        for (const yaml_token_t *t = r->p.tokens.tail; t-- > r->p.tokens.head;) {
            if (t->type == YAML_FLOW_SEQUENCE_END_TOKEN || t->type == YAML_FLOW_MAPPING_END_TOKEN) {
                depth++;
            } else if (t->type == YAML_FLOW_SEQUENCE_START_TOKEN ||
                       t->type == YAML_FLOW_MAPPING_START_TOKEN) {
                if (depth-- == 0) {
                    inner.kind = t->type == YAML_FLOW_SEQUENCE_START_TOKEN ? YN_SEQ : YN_MAP;
                    inner.line = (uint32_t)t->start_mark.line;
                    found = 1;
                    break;
                }
            }
        }
        if (found)
            ctx = &inner;
    }
    size_t line = start.line, col = start.column;
    if (r->utf8) {
        size_t b = mark_byte(r->src, r->len, start.index);
        size_t e = mark_byte(r->src, r->len, end.index);
        while (b < e && r->src[b] != '?') {
            size_t k = line_break(r->src + b, e - b);
            if (k) {
                line++;
                col = 0;
                b += k;
            } else {
                col++;
                b++;
            }
        }
    }
    bool seq = !ctx || ctx->kind == YN_SEQ;
    size_t shown = line ? line : ctx ? ctx->line : 0;
    struct hc_pos pos = {r->filename, (uint32_t)line + 1, (uint32_t)col + 1};
    return yaml_fail_line(r, HC_ERR_PARSE, shown, pos,
                          seq ? "did not find expected ',' or ']'"
                              : "did not find expected ',' or '}'");
}

static hc_status flow_question(struct rd *r, const yaml_event_t *ev)
{
    return flow_question_at(r, ev->start_mark, ev->end_mark, false);
}

/* The builder's answer: its own status, or HC_ERR_PARSE with r->bail to ask for a tree. */
static hc_status fast_result(struct rd *r, hc_status rc)
{
    return rc == HC_OK && r->bail ? HC_ERR_PARSE : rc;
}

/* A node's tag go-yaml would read further (see tag_diverges): the parse must restart. */
static bool node_tag_diverges(struct rd *r, const yaml_event_t *ev, const yaml_char_t *tag)
{
    return tag && r->utf8 && tag_diverges(r, cursor_byte(r, ev->start_mark.index));
}

static hc_status on_scalar(struct rd *r, const yaml_event_t *ev)
{
    if (node_tag_diverges(r, ev, ev->data.scalar.tag))
        return HC_ERR_PARSE;
    if (r->flow_level > 0 && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        memchr(ev->data.scalar.value, '?', ev->data.scalar.length))
        return flow_question(r, ev);
    struct ynode tmp;
    struct ynode *n;
    if (r->fast) { /* the node lives only until its value is built */
        memset(&tmp, 0, sizeof tmp);
        tmp.kind = YN_SCALAR;
        tmp.line = (uint32_t)ev->start_mark.line;
        tmp.col = (uint32_t)ev->start_mark.column;
        n = &tmp;
    } else if ((n = node_new(r, YN_SCALAR, ev)) == NULL) {
        return hc_error_nomem(r->err);
    }
    size_t len = ev->data.scalar.length;
    if (len > HC_VAL_MAX_LEN)
        return hc_error_set(r->err, HC_ERR_LIMIT, "yaml: scalar too long");
    const char *text = (const char *)ev->data.scalar.value; /* libyaml's, until the event goes */
    n->text = text;
    n->len = (uint32_t)len;
    n->tag = (uint8_t)hc_yaml_rd_tag_code((const char *)ev->data.scalar.tag);
    if (ev->data.scalar.plain_implicit)
        n->flags |= YF_IMPLICIT;
    if (len == 2 && memcmp(text, "<<", 2) == 0 &&
        (ev->data.scalar.plain_implicit || n->tag == YT_MERGE))
        n->flags |= YF_MERGE; /* go-yaml's isMerge */
    if (hc_yaml_rd_resolve(r->out, n) != HC_OK)
        return hc_error_nomem(r->err);
    if (n->text == text && (n->res == YR_STR || n->res == YR_ERR_TAG)) {
        /* the text outlives the event only where it is used: strings and messages */
        char *copy = hc_arena_strndup(r->out, text, len);
        if (!copy)
            return hc_error_nomem(r->err);
        if (n->res == YR_STR && n->u.str.s == text)
            n->u.str.s = copy;
        n->text = copy;
    }
    if (r->fast)
        return fast_result(r, hc_yaml_rd_build_scalar(r->fast, n, &r->bail));
    hc_status rc = HC_OK;
    if (ev->data.scalar.anchor)
        rc = anchor_set(r, (const char *)ev->data.scalar.anchor, n);
    return rc != HC_OK ? rc : add_child(r, n);
}

static hc_status on_alias(struct rd *r, const yaml_event_t *ev)
{
    if (r->fast) {
        r->bail = true; /* aliases need the tree */
        return HC_ERR_PARSE;
    }
    const char *name = (const char *)ev->data.alias.anchor;
    struct ynode *target = anchor_get(r, name);
    if (!target) {
        struct hc_pos pos = mark_pos(r, ev->start_mark);
        return hc_error_set_at(
            r->err, HC_ERR_PARSE, pos,
            "error converting YAML to JSON: yaml: unknown anchor '%s' referenced", name);
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
    const yaml_char_t *tag;
    if (kind == YN_SEQ) {
        flow = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        anchor = (const char *)ev->data.sequence_start.anchor;
        tag = ev->data.sequence_start.tag;
    } else {
        flow = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        anchor = (const char *)ev->data.mapping_start.anchor;
        tag = ev->data.mapping_start.tag;
    }
    if (node_tag_diverges(r, ev, tag))
        return HC_ERR_PARSE;
    struct open_coll oc = {NULL, 0, 0, 0, flow, false, false};
    /*
     * The one-pair mapping of a flow sequence entry ("[a: b]", "[? a : b]")
     * has no '{': libyaml gives it an empty span, or the span of the '?'.
     */
    if (kind == YN_MAP && flow && r->nopen > 0 && r->open[r->nopen - 1].flow &&
        r->open[r->nopen - 1].kind == YN_SEQ) {
        oc.pair = ev->start_mark.index == ev->end_mark.index;
        if (!oc.pair && r->utf8) {
            size_t b = cursor_byte(r, ev->start_mark.index);
            oc.pair = b < r->len && r->src[b] == '?';
        }
    }
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
    struct ynode *n = NULL;
    hc_status rc = HC_OK;
    if (r->fast) {
        rc = fast_result(r, hc_yaml_rd_build_start(r->fast, kind == YN_MAP, &r->bail));
    } else if ((n = node_new(r, kind, ev)) == NULL) {
        rc = hc_error_nomem(r->err);
    } else {
        /* go-yaml records the anchor before the children: an alias inside refers to n */
        if (anchor)
            rc = anchor_set(r, anchor, n);
        if (rc == HC_OK)
            rc = add_child(r, n);
    }
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
    oc.kind = (uint8_t)kind;
    oc.line = (uint32_t)ev->start_mark.line;
    oc.base = r->nkids;
    r->open[r->nopen++] = oc;
    return HC_OK;
}

static hc_status on_end(struct rd *r)
{
    struct open_coll *oc = &r->open[--r->nopen];
    if (oc->flow)
        r->flow_level--;
    if (oc->indent)
        r->nindents--;
    if (r->fast)
        return hc_yaml_rd_build_end(r->fast);
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
    return HC_OK;
}

static hc_status on_document_start(struct rd *r, const yaml_event_t *ev)
{
    const yaml_version_directive_t *v = ev->data.document_start.version_directive;
    if (v && (v->major != 1 || v->minor != 1)) {
        /* in case a %YAML 1.2 escaped the probes (read_stream): go-yaml takes only 1.1 */
        return yaml_fail_line(r, HC_ERR_PARSE, ev->start_mark.line, mark_pos(r, ev->start_mark),
                              "found incompatible YAML document");
    }
    anchors_reset(r);
    if (r->fast)
        hc_yaml_rd_build_reset(r->fast);
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

static bool rd_init(struct rd *r, struct hc_arena *a, const char *src, size_t len, bool utf8,
                    const struct hc_yaml_read_opts *opts, struct hc_error *err)
{
    memset(r, 0, sizeof *r);
    r->out = a;
    hc_arena_init(&r->scratch, a->limit);
    r->src = src;
    r->len = len;
    r->utf8 = utf8;
    r->filename = opts ? opts->filename : NULL;
    r->err = err;
    if (!yaml_parser_initialize(&r->p))
        return false;
    yaml_parser_set_input(&r->p, read_handler, r);
    return true;
}

static void rd_release(struct rd *r)
{
    hc_yaml_rd_build_free(r->fast);
    yaml_parser_delete(&r->p);
    hc_arena_free(&r->scratch);
    hc_free(r->open);
    hc_free(r->kids);
    hc_free(r->anch);
    hc_free(r->indents);
}

/* The value of the document just read (got false: there was none, which reads as nil). */
static hc_status finish_document(struct rd *r, struct hc_arena *a, bool got,
                                 const struct yread_decode_opts *dopts, hc_val *out,
                                 struct hc_error *err)
{
    if (r->fast && got)
        return hc_yaml_rd_build_finish(r->fast, out);
    return hc_yaml_rd_decode(a, got ? r->root : NULL, dopts, r->filename, out, err);
}

/* One parse of src: the first document, or with all every document as a list. */
static hc_status read_once(struct rd *r, struct hc_arena *a, const struct hc_yaml_read_opts *opts,
                           bool all, hc_val *out, struct hc_error *err)
{
    struct yread_decode_opts dopts;
    dopts.max_depth = opts ? opts->max_depth : 0;
    dopts.max_alias_nodes = opts ? opts->max_alias_nodes : 0;
    bool got;
    hc_status rc;
    if (!all) {
        rc = read_document(r, &got);
        if (rc == HC_OK) /* go-yaml's Unmarshal stops after the first document */
            rc = finish_document(r, a, got, &dopts, out, err);
        return rc;
    }
    struct hc_listb lb;
    hc_listb_init(&lb, a);
    for (;;) {
        rc = read_document(r, &got);
        if (rc != HC_OK || !got)
            break;
        hc_val v;
        rc = finish_document(r, a, true, &dopts, &v, err);
        if (rc != HC_OK)
            break;
        if (hc_listb_push(&lb, v) != HC_OK) {
            rc = hc_error_nomem(err);
            break;
        }
        /* the next document's nodes start afresh; its anchors are its own */
        hc_arena_free(&r->scratch);
    }
    if (rc == HC_OK) {
        struct hc_list *l = hc_listb_finish(&lb);
        if (!l)
            return hc_error_nomem(err);
        *out = hc_list_val(l, HC_GT_LIST);
    }
    return rc;
}

/*
 * ---- where go-yaml's scanner and libyaml 0.2.5's part ways ----
 *
 * go-yaml ports an older libyaml.  Where they differ on text that matters in
 * practice, the input is patched and parsed again:
 *  - go-yaml accepts "\'" in a double-quoted scalar: when libyaml stops at
 *    one, it and the later "\'" of that scalar become "\x27" (same value);
 *  - in a flow collection go-yaml reads "a:" before ',', '[', ']', '{', '}'
 *    as a plain scalar ending in ':' (libyaml: "found unexpected ':'"): that
 *    scalar is rewritten double-quoted (its value is a string either way);
 *  - "probes": go-yaml refuses "\/" and %YAML 1.2, libyaml accepts both.
 *    Every "\/" becomes "\q" and every %YAML 1.2 says 2.2, so libyaml fails
 *    where go-yaml does.  A probe may have changed text that was not an
 *    escape or a directive, so unless the parse failed on one, it is redone
 *    without them.
 * Patches keep line numbers, the only position in messages.  Input without
 * these character pairs is parsed once, as is.
 */
#define MAX_PARSES 34 /* ours: bounds the restarts on hostile input */

/* Whether s[i] starts a line (after any of libyaml's line breaks). */
static bool at_line_start(const char *s, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    return i == 0 || u[i - 1] == '\n' || u[i - 1] == '\r' ||
           (i >= 2 && u[i - 2] == 0xC2 && u[i - 1] == 0x85) ||
           (i >= 3 && u[i - 3] == 0xE2 && u[i - 2] == 0x80 &&
            (u[i - 1] == 0xA8 || u[i - 1] == 0xA9));
}

static bool needs_probes(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == '\\' && s[i + 1] == '/')
            return true;
        if (s[i] == '%' && n - i >= 5 && memcmp(s + i, "%YAML", 5) == 0 && at_line_start(s, i))
            return true;
    }
    return false;
}

/*
 * The probes for a %YAML directive (at a line start).  go-yaml refuses
 * version numbers of more than two digits ("found extremely long version
 * number", libyaml only past nine): such a number becomes ten digits, an edit
 * kept in patches.pads (pad_directive).  It refuses any version but 1.1,
 * libyaml 0.2.5 also takes 1.2: the probe says 2.2 (yaml12_major_digit).
 */
/* A %YAML 1.2 directive at s[i]: the offset of the major's last digit (to say 2.2), or 0. */
static size_t yaml12_major_digit(const char *s, size_t n, size_t i)
{
    if (n - i < 5 || memcmp(s + i, "%YAML", 5) != 0)
        return 0;
    size_t j = i + 5;
    if (j >= n || (s[j] != ' ' && s[j] != '\t'))
        return 0;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
        j++;
    size_t d0 = j;
    while (j < n && s[j] >= '0' && s[j] <= '9')
        j++;
    size_t d1 = j;
    if (j >= n || s[j] != '.')
        return 0;
    size_t m0 = ++j;
    while (j < n && s[j] >= '0' && s[j] <= '9')
        j++;
    bool major1 = (d1 - d0 == 1 || (d1 - d0 == 2 && s[d0] == '0')) && s[d1 - 1] == '1';
    bool minor2 = (j - m0 == 1 || (j - m0 == 2 && s[m0] == '0')) && s[j - 1] == '2';
    return major1 && minor2 ? d1 - 1 : 0;
}

/* Replace len bytes at offset at of the caller's text by text[0..tlen). */
struct edit {
    size_t at, len;
    char *text; /* owned */
    size_t tlen;
};

struct patches {
    struct edit *e; /* sorted by at, not overlapping */
    size_t n, cap;
    bool probes;
    struct patches *pads; /* the probes' length-changing edits, applied with them */
};

static void patches_release(struct patches *p)
{
    for (size_t i = 0; i < p->n; i++)
        hc_free(p->e[i].text);
    hc_free(p->e);
}

/* The edit at or after fix index *i and pad index *j with the lowest offset (NULL: none). */
static const struct edit *next_edit(const struct patches *p, size_t *i, size_t *j)
{
    const struct edit *f = *i < p->n ? &p->e[*i] : NULL;
    const struct edit *g = p->probes && *j < p->pads->n ? &p->pads->e[*j] : NULL;
    if (f && (!g || f->at < g->at)) {
        (*i)++;
        return f;
    }
    if (g)
        (*j)++;
    return g;
}

/* Adds an edit (text is copied); false when out of memory or overlapping another. */
static bool add_edit(struct patches *p, size_t at, size_t len, const char *text, size_t tlen)
{
    size_t k = 0;
    while (k < p->n && p->e[k].at < at)
        k++;
    if ((k > 0 && p->e[k - 1].at + p->e[k - 1].len > at) || (k < p->n && at + len > p->e[k].at))
        return false;
    if (p->n == p->cap) {
        if (p->cap >= 1 << 16)
            return false;
        size_t cap = p->cap ? p->cap * 2 : 16;
        struct edit *e = hc_realloc(p->e, cap * sizeof *e);
        if (!e)
            return false;
        p->e = e;
        p->cap = cap;
    }
    char *copy = hc_malloc(tlen + 1);
    if (!copy)
        return false;
    memcpy(copy, text, tlen);
    memmove(p->e + k + 1, p->e + k, (p->n - k) * sizeof *p->e);
    p->e[k].at = at;
    p->e[k].len = len;
    p->e[k].text = copy;
    p->e[k].tlen = tlen;
    p->n++;
    return true;
}

/* Offset in the caller's text of byte b of the patched text (b outside every edit). */
static size_t original_offset(const struct patches *p, size_t b)
{
    size_t shift = 0; /* patched minus original, before b */
    size_t i = 0, j = 0;
    const struct edit *e;
    while ((e = next_edit(p, &i, &j)) != NULL) {
        if (e->at + shift >= b) /* where the edit starts in the patched text */
            break;
        shift += e->tlen;
        shift -= e->len;
    }
    return b - shift;
}

/* The text libyaml gets: src with the patches applied (a copy, freed by the caller). */
static char *patched(const char *src, size_t len, const struct patches *p, size_t *outlen)
{
    struct hc_buf b = HC_BUF_INIT;
    size_t i = 0, j = 0;
    const struct edit *e = next_edit(p, &i, &j);
    for (size_t k = 0; k < len;) {
        if (e && e->at == k) {
            hc_buf_add(&b, e->text, e->tlen);
            k += e->len;
            e = next_edit(p, &i, &j);
            continue;
        }
        char c = src[k];
        if (p->probes && c == '/' && k > 0 && src[k - 1] == '\\')
            c = 'q';
        hc_buf_addc(&b, c);
        k++;
    }
    if (!hc_buf_ok(&b)) {
        hc_buf_release(&b);
        return NULL;
    }
    char *out = hc_buf_detach(&b, outlen);
    if (p->probes) {
        for (size_t k = 0; k < *outlen; k++) {
            if (out[k] == '%' && at_line_start(out, k)) {
                size_t d = yaml12_major_digit(out, *outlen, k);
                if (d)
                    out[d] = '2';
            }
        }
    }
    return out;
}

/*
 * libyaml stopped at the "\'" at byte b (caller's text): patch it and every
 * later "\'" escape of the same double-quoted scalar.
 */
static bool fix_quote_escapes(struct patches *p, const char *src, size_t len, size_t i)
{
    bool any = false;
    if (i + 1 >= len || src[i] != '\\' || src[i + 1] != '\'')
        return false; /* not where the patched text said: give up rather than guess */
    for (; i + 1 < len && src[i] != '"'; i++) {
        if (src[i] != '\\')
            continue;
        if (src[i + 1] == '\'') {
            if (!add_edit(p, i, 2, "\\x27", 4))
                return false;
            any = true;
        }
        i++; /* skip the escaped character */
    }
    return any;
}

/*
 * libyaml refused the plain scalar src[from..colon] (it ends in ':' before a
 * flow indicator): patch it into the double-quoted scalar go-yaml's value is.
 */
static bool fix_flow_colon(struct patches *p, const char *src, size_t len, size_t from,
                           size_t colon)
{
    if (from > colon || colon >= len || src[colon] != ':' || memchr(src + from, '?', colon - from))
        return false; /* go-yaml would have stopped at the '?' already */
    size_t n = colon + 1 - from;
    char *q = hc_malloc(2 * n + 2);
    if (!q)
        return false;
    size_t o = 0;
    q[o++] = '"';
    for (size_t i = from; i <= colon; i++) {
        if (src[i] == '"' || src[i] == '\\')
            q[o++] = '\\';
        q[o++] = src[i];
    }
    q[o++] = '"';
    bool ok = add_edit(p, from, n, q, o);
    hc_free(q);
    return ok;
}

/* Percent-encodes the ',' '[' ']' of src[from..to): libyaml then reads the tag go-yaml reads. */
static bool fix_tag(struct patches *p, const char *src, size_t len, size_t from, size_t to)
{
    if (from >= to || to > len)
        return false;
    char *q = hc_malloc(3 * (to - from) + 1);
    if (!q)
        return false;
    size_t o = 0;
    for (size_t i = from; i < to; i++) {
        if (src[i] == ',' || src[i] == '[' || src[i] == ']') {
            snprintf(q + o, 4, "%%%02X", (unsigned char)src[i]);
            o += 3;
        } else {
            q[o++] = src[i];
        }
    }
    /* an earlier fix of the same tag (libyaml stopped further on first) gives way */
    size_t k = 0;
    while (k < p->n) {
        if (p->e[k].at >= from && p->e[k].at + p->e[k].len <= to) {
            hc_free(p->e[k].text);
            memmove(p->e + k, p->e + k + 1, (p->n - k - 1) * sizeof *p->e);
            p->n--;
        } else {
            k++;
        }
    }
    bool ok = to > from && add_edit(p, from, to - from, q, o);
    hc_free(q);
    return ok;
}

static bool pad_directive(struct patches *pads, const char *s, size_t n, size_t i)
{
    if (n - i < 5 || memcmp(s + i, "%YAML", 5) != 0)
        return true;
    size_t j = i + 5;
    if (j >= n || (s[j] != ' ' && s[j] != '\t'))
        return true;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
        j++;
    for (int part = 0; part < 2; part++) {
        size_t d0 = j;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j - d0 > 2) /* go-yaml stops at the third digit; libyaml takes nine */
            return add_edit(pads, d0, j - d0, "1111111111", 10);
        if (part == 0 && (j >= n || s[j++] != '.'))
            return true;
    }
    return true;
}

static hc_status read_stream(struct hc_arena *a, const char *src, size_t len,
                             const struct hc_yaml_read_opts *opts, bool all, hc_val *out,
                             struct hc_error *err)
{
    /* libyaml reads UTF-16 when a byte order mark says so; marks then do not map to bytes */
    bool utf8 = !(len >= 2 && (((unsigned char)src[0] == 0xFE && (unsigned char)src[1] == 0xFF) ||
                               ((unsigned char)src[0] == 0xFF && (unsigned char)src[1] == 0xFE)));
    struct patches pads = {NULL, 0, 0, false, NULL};
    struct patches p = {NULL, 0, 0, utf8 && needs_probes(src, len), &pads};
    hc_status rc = HC_OK;
    bool fast = true;
    for (size_t i = 0; p.probes && i < len; i++) {
        if (src[i] == '%' && at_line_start(src, i) && !pad_directive(&pads, src, len, i)) {
            patches_release(&pads);
            return hc_error_nomem(err);
        }
    }
    for (int attempt = 0;; attempt++) {
        rc = HC_OK;
        const char *in = src;
        size_t inlen = len;
        char *buf = NULL;
        if (p.n || p.probes) {
            buf = patched(src, len, &p, &inlen);
            if (!buf) {
                rc = hc_error_nomem(err);
                break;
            }
            in = buf;
        }
        struct hc_error e;
        hc_error_init(&e);
        struct rd r;
        hc_val v = hc_null();
        if (!rd_init(&r, a, in, inlen, utf8, opts, &e)) {
            rc = hc_error_nomem(&e);
        } else {
            r.may_restart = attempt + 1 < MAX_PARSES;
            if (fast) {
                struct yread_decode_opts dopts = {opts ? opts->max_depth : 0, 0};
                r.fast = hc_yaml_rd_build_new(a, &dopts, r.filename, &e);
                if (!r.fast)
                    rc = hc_error_nomem(&e);
            }
            if (rc == HC_OK)
                rc = read_once(&r, a, opts, all, &v, &e);
        }
        bool again = false;
        if (r.bail) { /* the document needs a tree: same text, tree mode */
            fast = false;
            again = true;
            rc = HC_OK;
        }
        const char *problem = rc != HC_OK ? r.lib_problem : NULL;
        bool escape = problem && strcmp(problem, "found unknown escape character") == 0;
        if (again) {
            /* nothing more to decide on this attempt */
        } else if (r.restart) {
            again = fix_tag(&p, src, len, original_offset(&p, r.tag_from),
                            original_offset(&p, r.tag_to));
            if (!again)
                rc = hc_error_nomem(&e); /* the parse stopped for a fix that cannot be made */
        } else if (problem && utf8 && attempt + 1 < MAX_PARSES) {
            size_t b = mark_byte(in, inlen, r.lib_mark.index);
            if ((strcmp(problem, "did not find expected whitespace or line break") == 0 ||
                 strcmp(problem, "did not find expected tag URI") == 0) &&
                b < inlen && (in[b] == ',' || in[b] == '[' || in[b] == ']') && r.p.context &&
                strstr(r.p.context, " a tag")) {
                size_t end = go_tag_end(in, inlen, b);
                again = fix_tag(&p, src, len, original_offset(&p, b), original_offset(&p, end));
            } else if (escape && b + 1 < inlen && in[b] == '\\' && in[b + 1] == '\'') {
                again = fix_quote_escapes(&p, src, len, original_offset(&p, b));
            } else if (strcmp(problem, "found unexpected ':'") == 0 && b < inlen && in[b] == ':') {
                size_t from = mark_byte(in, inlen, r.p.context_mark.index);
                if (from < b && memchr(in + from, '?', b - from)) {
                    /* go-yaml stopped that scalar at its '?' already: report that instead */
                    hc_error_release(&e);
                    rc = flow_question_at(&r, r.p.context_mark, r.lib_mark, true);
                } else {
                    again = fix_flow_colon(&p, src, len, original_offset(&p, from),
                                           original_offset(&p, b));
                }
            }
        }
        if (!again && p.probes && attempt + 1 < MAX_PARSES &&
            !(escape ||
              (problem && (strcmp(problem, "found incompatible YAML document") == 0 ||
                           strcmp(problem, "found extremely long version number") == 0)))) {
            p.probes = false; /* the probes decided nothing: parse the real text */
            again = true;
        }
        rd_release(&r);
        hc_free(buf);
        if (!again) {
            if (rc == HC_OK)
                *out = v;
            if (err)
                hc_error_move(err, &e);
            else
                hc_error_release(&e);
            break;
        }
        hc_error_release(&e);
    }
    patches_release(&p);
    patches_release(&pads);
    return rc;
}

hc_status hc_yaml_read(struct hc_arena *a, const char *src, size_t len,
                       const struct hc_yaml_read_opts *opts, hc_val *out, struct hc_error *err)
{
    return read_stream(a, src, len, opts, false, out, err);
}

hc_status hc_yaml_read_all(struct hc_arena *a, const char *src, size_t len,
                           const struct hc_yaml_read_opts *opts, hc_val *out, struct hc_error *err)
{
    return read_stream(a, src, len, opts, true, out, err);
}
