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
 * Parses src[0..len) as one JSON value (white space around it allowed) into
 * *out, allocating in a.  On failure fills err with Go's message.
 */
hc_status hc_json_read(struct hc_arena *a, const char *src, size_t len, hc_val *out,
                       struct hc_error *err);

enum {
    HC_JSON_INDENT = 1 << 0,         /* MarshalIndent(v, "", "  ") */
    HC_JSON_NO_HTML_ESCAPE = 1 << 1, /* SetEscapeHTML(false) */
};

/*
 * Appends v's JSON text to b.  Fails with Go's message for values JSON cannot
 * hold ("json: unsupported value: NaN", "json: unsupported value: +Inf").
 * Missing counts as nil (null).
 */
hc_status hc_json_write(struct hc_buf *b, hc_val v, unsigned flags, struct hc_error *err);

#endif
