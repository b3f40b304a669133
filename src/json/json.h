/*
 * json.h - JSON in and out exactly as Go's encoding/json does it for Helm.
 *
 * Reading mirrors json.Unmarshal into interface{}: objects become
 * map[string]interface {} (later duplicate keys win), arrays []interface {},
 * numbers float64, invalid UTF-8 in strings becomes U+FFFD; errors carry Go's
 * exact text ("invalid character 'x' looking for beginning of value",
 * "unexpected end of JSON input", ...) because Helm's fromJson puts that text
 * into the rendered output.
 *
 * Writing mirrors json.Marshal (toJson): sorted keys, HTML-safe escaping of
 * < > & (unless HC_JSON_NO_HTML_ESCAPE, as toRawJson), U+2028/U+2029 escaped,
 * invalid UTF-8 as U+FFFD, floats in encoding/json's format, and
 * json.MarshalIndent's layout with HC_JSON_INDENT (toPrettyJson: prefix "",
 * indent two spaces).
 */
#ifndef HC_JSON_H
#define HC_JSON_H

#include <stddef.h>

#include "base/buf.h"
#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;

#define HC_JSON_MAX_DEPTH 10000 /* Go's decoder limit: "exceeded max depth" */
/*
 * Go's encoder has no depth limit (its stack grows to 1 GB); ours keeps the
 * nesting on the heap and stops here, far past anything a template builds.
 */
#define HC_JSON_MAX_WRITE_DEPTH 1000000

/*
 * Parses src[0..len) as one JSON value (white space around it allowed) into
 * *out, allocating in a; src is not referenced afterwards (strings are copied
 * into a, NUL-terminated).  The value behaves as json.Unmarshal into an
 * interface{} would leave it.  On failure fills err with Go's message and
 * returns:
 *   HC_ERR_PARSE    a syntax error (Go's SyntaxError, including "exceeded max
 *                   depth"); Go decodes nothing then, and *out is untouched.
 *   HC_ERR_INVALID  the text is well-formed but a number does not fit a
 *                   float64 ("json: cannot unmarshal number 1e999 into Go value
 *                   of type float64", the first such number).  Go still decodes
 *                   the rest, leaving nil where each such number was: *out is
 *                   set to that value, and Helm's fromJson shows it.
 *   HC_ERR_NOMEM    the arena or the heap ran out (*out untouched).
 */
hc_status hc_json_read(struct hc_arena *a, const char *src, size_t len, hc_val *out,
                       struct hc_error *err);

/*
 * As hc_json_read, but into a Go variable of type want, as Helm's fromJson
 * (HC_GT_MAP: map[string]interface {}) and fromJsonArray (HC_GT_LIST:
 * []interface {}) decode; HC_GT_NIL means interface{} (hc_json_read).
 * A top-level null gives a typed nil (a map or list value with a NULL
 * pointer).  A top-level value of another JSON kind fails with HC_ERR_INVALID
 * and Go's "json: cannot unmarshal array into Go value of type
 * map[string]interface {}" (nothing inside it is decoded; *out untouched).
 * Syntax errors win over both kinds of HC_ERR_INVALID, as in Go.
 */
hc_status hc_json_read_as(struct hc_arena *a, const char *src, size_t len, hc_gotype want,
                          hc_val *out, struct hc_error *err);

enum {
    HC_JSON_INDENT = 1 << 0,         /* MarshalIndent(v, "", "  ") */
    HC_JSON_NO_HTML_ESCAPE = 1 << 1, /* SetEscapeHTML(false) */
};

/*
 * Appends v's JSON text to b, without a trailing newline (toRawJson's
 * Encoder adds one and Sprig trims it).  Missing counts as nil (null); a nil
 * list or map (NULL pointer) is null; []uint8 (HC_GT_BYTES, as a string or a
 * list of integers) is a base64 string, as Go encodes byte slices.  Fails,
 * leaving b as it was, with Go's message for values JSON cannot hold
 * ("json: unsupported value: NaN", "json: unsupported value: +Inf",
 * "json: unsupported value: encountered a cycle via map[string]interface {}")
 * and HC_ERR_INVALID; with HC_ERR_NOMEM when b fails (its ceiling or memory)
 * and HC_ERR_LIMIT past HC_JSON_MAX_WRITE_DEPTH.  Helm's toJson and
 * toPrettyJson print "" on any failure; toRawJson and the must- forms fail
 * the template with the message.
 */
/*
 * The name encoding/json's UnmarshalTypeError gives the JSON kind of a decoded
 * value: "bool", "number", "string", "array", "object" or "null".
 */
const char *hc_json_kind(hc_val v);

hc_status hc_json_write(struct hc_buf *b, hc_val v, unsigned flags, struct hc_error *err);

/*
 * Appends src[0..n), compact JSON text as hc_json_write gives without
 * HC_JSON_INDENT, to b in json.MarshalIndent's layout (prefix "", indent two
 * spaces), as Go's json.Indent rewrites Marshal's output: for text written
 * piecewise (Helm's structs, whose fields keep their declaration order).
 * Strings are copied as they are; the input is not validated.
 */
void hc_json_indent(struct hc_buf *b, const char *src, size_t n);

#endif
