/*
 * toml.h - TOML in and out exactly as Helm's toToml and fromToml see it
 * through github.com/BurntSushi/toml v1.6.0.
 *
 * Writing mirrors toml.NewEncoder(w).Encode(v) for the values templates hold:
 * map keys sorted, keys holding plain values before those holding tables,
 * tables as [a.b] headers indented two spaces a level, lists of tables as
 * [[a]], other lists and tables inside lists inline, floats always with a
 * decimal point or exponent, strings double-quoted with the encoder's escapes,
 * nil values left out.
 *
 * Reading mirrors toml.Unmarshal into a map[string]interface {}: integers
 * int64, floats float64, tables map[string]interface {}, arrays []interface
 * {}, date-times through a hook (time.Time in Go); errors carry the decoder's
 * exact text ("toml: line 1: expected '.' or '=', but got 't' instead"),
 * because Helm's fromToml puts that text into the rendered output.
 */
#ifndef HC_TOML_H
#define HC_TOML_H

#include <stddef.h>

#include "base/buf.h"
#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;

/* Nesting of tables and arrays either way (Go has no limit but its stack). */
#define HC_TOML_MAX_DEPTH 1000

/* How the encoder sees a host object (HC_OBJ), as reflect shows it to the encoder. */
enum hc_toml_obj {
    HC_TOML_OBJ_NIL,      /* a nil pointer: left out as nil is */
    HC_TOML_OBJ_STRUCT,   /* a struct: a table of its exported fields (fmt->field), in order */
    HC_TOML_OBJ_TEXT,     /* a TextMarshaler or time.Duration: *out, a string, quoted */
    HC_TOML_OBJ_DATETIME, /* a time.Time: *out, its RFC 3339 text, written bare */
    HC_TOML_OBJ_VALUE,    /* a named plain kind (time.Month...): *out is encoded instead */
};

struct hc_toml_hooks {
    /*
     * Classifies o and, for TEXT, DATETIME and VALUE, stores the value to
     * write in *out, allocated in a.  Returns HC_OK or HC_ERR_NOMEM.  NULL
     * hooks: every object is a struct.
     */
    hc_status (*obj)(void *ctx, const struct hc_obj *o, struct hc_arena *a, enum hc_toml_obj *kind,
                     hc_val *out);
    /*
     * The reader's date-times: stores in *out the value for text[0..n), the
     * item's text with z, t and ' ' already replaced by Z, T and T, allocated
     * in a; returns HC_ERR_PARSE when it is no date-time the decoder accepts
     * (the reader then reports "invalid datetime: ..."), HC_ERR_NOMEM.  NULL:
     * date-times are kept as their text, a string.
     */
    hc_status (*datetime)(void *ctx, const char *text, size_t n, struct hc_arena *a, hc_val *out);
    void *ctx;
};

/*
 * Appends the TOML document for v to b (helpers allocated in a).  On failure
 * b is left as it was and err holds the message:
 *   HC_ERR_INVALID  the encoder's own errors, which toToml prints as its
 *                   result ("toml: top-level values must be Go maps or
 *                   structs", "toml: cannot encode array with nil element");
 *   HC_ERR_EXEC     Go's runtime panic for a top-level nil ("reflect: call
 *                   of reflect.Value.Type on zero Value"), which fails the
 *                   template;
 *   HC_ERR_LIMIT    nesting past HC_TOML_MAX_DEPTH;
 *   HC_ERR_NOMEM    b or a failed.
 */
hc_status hc_toml_write(struct hc_buf *b, hc_val v, const struct hc_toml_hooks *h,
                        struct hc_arena *a, struct hc_error *err);

/*
 * Parses src[0..len) as a TOML document into *out, a map[string]interface {}
 * allocated in a (strings copied).  On failure returns HC_ERR_PARSE with the
 * decoder's message in err (*out untouched), HC_ERR_LIMIT past
 * HC_TOML_MAX_DEPTH, or HC_ERR_NOMEM.
 */
hc_status hc_toml_read(struct hc_arena *a, const char *src, size_t len,
                       const struct hc_toml_hooks *h, hc_val *out, struct hc_error *err);

#endif
