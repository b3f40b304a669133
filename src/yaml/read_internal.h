/*
 * read_internal.h - what the YAML reader's files share: the node tree, scalar
 * resolution and the Go-syntax printer used in error messages.
 *
 * The reader works in the three steps sigs.k8s.io/yaml.Unmarshal takes:
 * go-yaml v2 first parses a whole document into a node tree (yaml_read.c:
 * libyaml events -> struct ynode), then decodes the tree into Go values
 * (read_decode.c), and sigs.k8s.io/yaml converts those to JSON and back
 * (read_decode.c too, fused into the same walk).  Scalars are resolved once,
 * while the tree is built (read_resolve.c), because the result depends only
 * on the scalar's tag, style and text.
 *
 * Invariant: a node tree lives in a scratch arena that dies when the read
 * ends; the strings it points to (scalar values, decoded !!binary data) live
 * in the caller's arena, so decoded values can share them.
 */
#ifndef HC_YAML_READ_INTERNAL_H
#define HC_YAML_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;

/* Node kinds, as go-yaml's parser builds them (decode.go: scalarNode, ...). */
enum ynode_kind { YN_SCALAR = 1, YN_SEQ, YN_MAP, YN_ALIAS };

/* The tags go-yaml's resolver knows; everything else is YT_OTHER. */
enum ytag {
    YT_NONE = 0, /* no tag: resolve implicitly */
    YT_STR,
    YT_INT,
    YT_FLOAT,
    YT_BOOL,
    YT_NULL,
    YT_TIMESTAMP,
    YT_BINARY,
    YT_MERGE,
    YT_OTHER /* custom tags, "!", !!seq, !!map, ... */
};

/* What a scalar resolved to (the Go type go-yaml's resolve() returned). */
enum yres_kind {
    YR_NULL = 0,
    YR_BOOL,    /* bool */
    YR_INT,     /* int (int64 on 64-bit) */
    YR_UINT,    /* uint64: an integer above int64's range */
    YR_FLOAT,   /* float64 */
    YR_STR,     /* string (also timestamps and decoded !!binary) */
    YR_ERR_TAG, /* "cannot decode !!x `v` as a !!y" */
    YR_ERR_B64  /* "!!binary value contains invalid base64 data" */
};

/* Node flags. */
enum {
    YF_IMPLICIT = 1 << 0, /* libyaml's plain_implicit: untagged plain (or tagged "!") */
    YF_MERGE = 1 << 1,    /* a "<<" merge key (go-yaml's isMerge) */
    YF_ACTIVE = 1 << 2,   /* alias: being expanded right now */
    YF_TIMESTAMP = 1 << 3 /* scalar resolved as a timestamp (kept as its text) */
};

struct ynode {
    uint8_t kind; /* enum ynode_kind */
    uint8_t tag;  /* enum ytag */
    uint8_t res;  /* scalars: enum yres_kind */
    uint8_t flags;
    uint8_t rtag;       /* YR_ERR_TAG: the tag the text resolved to (enum ytag) */
    uint32_t line, col; /* start mark, 0-based */
    uint32_t len;       /* scalar/alias: bytes of text; collections: children */
    /*
     * scalar: the value as written, or for !!binary the decoded bytes, so
     * it is always the Go string go-yaml decodes; kept (in the caller's
     * arena) only for strings and failed tags, the only users of the text
     * after resolution; alias: the anchor name
     */
    const char *text;
    union {
        bool b;
        int64_t i;
        uint64_t u;
        double f;
        struct {
            const char *s; /* the string after JSON's UTF-8 repair (maybe == text) */
            uint32_t len;
        } str;
        struct ynode **kids;  /* seq: items; map: key, value, key, value, ... */
        struct ynode *target; /* alias */
    } u;
};

/* ---- read_resolve.c ---- */

/*
 * Resolves scalar text as go-yaml v2's resolve() + decoder do for an
 * interface{} target and fills n->res, n->rtag and n->u.  Strings (and decoded
 * !!binary data) are stored in arena a after Go's json.Marshal repair of
 * invalid UTF-8.  HC_ERR_NOMEM only.
 */
hc_status hc_yaml_rd_resolve(struct hc_arena *a, struct ynode *n);

/* The tag constant for a full tag URI ("tag:yaml.org,2002:int" -> YT_INT). */
enum ytag hc_yaml_rd_tag_code(const char *tag);
/* go-yaml's shortTag of a known tag ("!!int"). */
const char *hc_yaml_rd_tag_short(enum ytag t);

/*
 * Go's encoding/json repair of a string: every byte that does not start a
 * valid UTF-8 sequence becomes U+FFFD.  Returns s itself when it is valid,
 * otherwise a copy in a (NULL when out of memory).  *outlen gets the length.
 */
const char *hc_yaml_rd_utf8_fix(struct hc_arena *a, const char *s, size_t n, size_t *outlen);

/*
 * strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml turns a float map
 * key into a string, with its +Inf/-Inf/NaN -> .inf/-.inf/.nan renaming.
 * buf must hold 32 bytes; returns the length.
 */
size_t hc_yaml_rd_float_key(double f, char buf[32]);


/* ---- read_gorepr.c ---- */

/*
 * Appends Go's %+#v of the value go-yaml decodes from node n
 * ("map[interface {}]interface {}{\"a\":1}"), for sigs.k8s.io/yaml's and
 * go-yaml's error messages.  top: n is the operand itself, not an element
 * (a nil prints "<nil>" there and "interface {}(nil)" inside containers).
 */
void hc_yaml_rd_gorepr(struct hc_buf *b, const struct ynode *n, bool top);

/* ---- read_decode.c ---- */

struct yread_decode_opts {
    size_t max_depth;       /* value nesting ceiling (encoding/json's 10000 by default) */
    size_t max_alias_nodes; /* extra ceiling on alias-expanded nodes; 0 = none */
};

/*
 * Decodes the tree of one document (root may be NULL for an empty one) into
 * *out in arena a, with go-yaml's decoder rules, then applies what
 * sigs.k8s.io/yaml's JSON round trip does to it.  On failure fills err with
 * the message sigs.k8s.io/yaml.Unmarshal would return.
 */
hc_status hc_yaml_rd_decode(struct hc_arena *a, struct ynode *root,
                            const struct yread_decode_opts *opts, const char *filename, hc_val *out,
                            struct hc_error *err);

/*
 * The streaming builder: values straight from the events of documents that
 * need no tree (see read_decode.c).  Each call may set *bail: the document
 * needs the tree path after all.  Decoding errors are held back until
 * hc_yaml_rd_build_finish, at the end of the document.
 */
struct ybuild;
struct ybuild *hc_yaml_rd_build_new(struct hc_arena *a, const struct yread_decode_opts *opts,
                                    const char *filename, struct hc_error *err);
void hc_yaml_rd_build_free(struct ybuild *b);
void hc_yaml_rd_build_reset(struct ybuild *b);
hc_status hc_yaml_rd_build_scalar(struct ybuild *b, struct ynode *n, bool *bail);
hc_status hc_yaml_rd_build_start(struct ybuild *b, bool map, bool *bail);
hc_status hc_yaml_rd_build_end(struct ybuild *b);
hc_status hc_yaml_rd_build_finish(struct ybuild *b, hc_val *out);

#endif
