/*
 * write_emit.h - the YAML emitter behind toYaml and toYamlPretty.
 *
 * Mirrors the parts of go-yaml's emitter (emitterc.go, itself a port of
 * libyaml's) that its encoder reaches when marshalling plain Go values: block
 * mappings and sequences, "{}" and "[]" for empty ones, "? " for keys that
 * cannot be simple, scalar analysis and style choice, and the plain, single-
 * quoted, double-quoted and literal writers with their line folding.  The
 * caller walks the value and calls these in the order go-yaml's event
 * stream would reach the emitter; the emitter keeps go-yaml's column,
 * indentation, whitespace and indention state so the bytes come out the same.
 * v2 (toYaml: sigs.k8s.io/yaml over go-yaml v2) and v3 (toYamlPretty: go-yaml
 * v3 with SetIndent(2)) differ in line width, sequence indentation and tabs.
 */
#ifndef HC_YAML_WRITE_EMIT_H
#define HC_YAML_WRITE_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Scalar styles an encoder asks for; the emitter may choose a safer one. */
enum hc_yaml_style {
    HC_YAML_PLAIN,
    HC_YAML_SINGLE,
    HC_YAML_DOUBLE,
    HC_YAML_LITERAL,
};

/* Where the next node sits, as go-yaml's emit_node flags say. */
enum hc_yaml_ctx {
    HC_YAML_CTX_ROOT,       /* the document's root node */
    HC_YAML_CTX_ITEM,       /* an item of a block sequence */
    HC_YAML_CTX_KEY_SIMPLE, /* a mapping key written as "key:" */
    HC_YAML_CTX_KEY,        /* a mapping key written after "? " */
    HC_YAML_CTX_VALUE,      /* a mapping value */
};

struct hc_yaml_emitter {
    struct hc_buf *b;
    size_t column;     /* characters since the last line break */
    size_t best_width; /* fold lines past this column; SIZE_MAX never */
    int indent;        /* current indentation; -1 before the root */
    int best_indent;
    int flow_level;
    bool whitespace; /* the last character written was white space */
    bool indention;  /* only indentation written on this line so far */
    bool v3;
    /* Context flags of the node being emitted (go-yaml's *_context). */
    bool mapping_ctx, simple_key_ctx, in_seq_item;
};

/* What go-yaml's analyze_scalar learns about a scalar's text. */
struct hc_yaml_scalar {
    const char *s;
    size_t n;
    bool multiline;
    bool has_lf; /* holds "\n" (the encoder then asks for a literal block) */
    bool flow_plain_allowed, block_plain_allowed, single_quoted_allowed, block_allowed;
};

void hc_yaml_emitter_init(struct hc_yaml_emitter *e, struct hc_buf *b, bool v3);

/* go-yaml's analyze_scalar; s must be valid UTF-8. */
void hc_yaml_analyze(struct hc_yaml_scalar *sc, const char *s, size_t n, bool v3);

/* Whether a key with this analysis (and tag length) is written as a simple key. */
static inline bool hc_yaml_simple_key_ok(const struct hc_yaml_scalar *sc, size_t taglen)
{
    return !sc->multiline && sc->n + taglen <= 128;
}

/*
 * Writes an analyzed scalar in context ctx, asking for style want.  tag is
 * NULL or "binary" (v3 writes invalid UTF-8 as !!binary).
 */
void hc_yaml_emit_scalar(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx,
                         const struct hc_yaml_scalar *sc, enum hc_yaml_style want, const char *tag);
/*
 * Writes a plain scalar known to need no analysis (null, true, a number): no
 * spaces, breaks or indicators in it.
 */
void hc_yaml_emit_word(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx, const char *s, size_t n);
/* Writes "[]" or "{}" (open '[' or '{'). */
void hc_yaml_emit_empty(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx, char open);

/* A block sequence: begin returns the indentation to restore at its end. */
int hc_yaml_seq_begin(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx);
void hc_yaml_seq_item(struct hc_yaml_emitter *e);
/* A block mapping: the same, then per entry key_* before the key, value_* before the value. */
int hc_yaml_map_begin(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx);
void hc_yaml_map_key(struct hc_yaml_emitter *e, bool simple);
void hc_yaml_map_value(struct hc_yaml_emitter *e, bool simple);
/* Ends a sequence or mapping. */
static inline void hc_yaml_block_end(struct hc_yaml_emitter *e, int saved_indent)
{
    e->indent = saved_indent;
}
/* Ends the document (the final line break). */
void hc_yaml_doc_end(struct hc_yaml_emitter *e);

#endif
