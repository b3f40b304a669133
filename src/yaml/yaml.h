/*
 * yaml.h - YAML in and out exactly as Helm's Go libraries do it.
 *
 * Reading (yaml_read.c, on libyaml) mirrors sigs.k8s.io/yaml.Unmarshal into
 * interface{} as Helm reads values files and Chart.yaml: go-yaml v2 resolves
 * the YAML (1.1 rules: yes/no/on/off/y/n are booleans, also as keys), the
 * result goes through JSON, so every number becomes float64 and every map key
 * a string (a key `n` becomes "false").  Anchors and aliases (with a limit
 * against alias bombs), merge keys `<<`, tags (!!str, !!int, !!float, !!binary,
 * !!null, !!bool, !!timestamp), timestamps.  Errors read as Helm prints them,
 * e.g. "error converting YAML to JSON: yaml: line 3: mapping values are not
 * allowed in this context".
 *
 * Writing (yaml_write.c) mirrors sigs.k8s.io/yaml.Marshal as toYaml uses it:
 * the value is first encoded as JSON (encoding/json), that JSON is read back by
 * go-yaml v2 and emitted by go-yaml v2's encoder (sorted keys in go-yaml's
 * order, quoting of strings that would resolve to another type, block
 * scalars, line folding at 80 columns).
 */
#ifndef HC_YAML_H
#define HC_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;

struct hc_yaml_read_opts {
    const char *filename;    /* for positions in errors; may be NULL */
    size_t max_alias_nodes;  /* ceiling on nodes produced by alias expansion; 0 = default */
    size_t max_depth;        /* nesting ceiling; 0 = default */
};

/*
 * Parses the first document of src[0..len) (the rest is ignored, as
 * go-yaml's Unmarshal does) into *out, allocating in arena a.  An empty
 * document gives nil.  On failure returns non-HC_OK and fills err with
 * Helm's message; *out is untouched.
 */
hc_status hc_yaml_read(struct hc_arena *a, const char *src, size_t len,
                       const struct hc_yaml_read_opts *opts, hc_val *out, struct hc_error *err);

/*
 * Parses every document of a multi-document stream into a list
 * ([]interface {}), one item per document, as Helm's fromYamlArray / v4
 * multi-document values files need them.
 */
hc_status hc_yaml_read_all(struct hc_arena *a, const char *src, size_t len,
                           const struct hc_yaml_read_opts *opts, hc_val *out,
                           struct hc_error *err);

/*
 * Appends toYaml's text for v to b (without trimming: Helm's toYaml then
 * applies strings.TrimSuffix(s, "\n")), byte for byte what
 * sigs.k8s.io/yaml.Marshal gives.  When Marshal would fail, returns
 * HC_ERR_INVALID with its message (the text mustToYaml shows after "error
 * calling mustToYaml: "), e.g. "error marshaling into JSON: json:
 * unsupported value: NaN" or "yaml: control characters are not allowed"; b
 * is then left as it was.  HC_ERR_NOMEM when memory or b's ceiling runs out.
 * Host objects (HC_OBJ) are not encoded: the engine must turn them into
 * values first (HC_ERR_INVALID "json: unsupported type").
 */
hc_status hc_yaml_write(struct hc_buf *b, hc_val v, struct hc_error *err);

/*
 * Appends toYamlPretty's text for v: go-yaml v3's Encoder with SetIndent(2)
 * applied to the value itself (no JSON step, so values-file numbers print as
 * float64 does, e.g. 1e+06; NaN prints .nan; sequences are indented under
 * their key; no line folding; invalid UTF-8 becomes !!binary).  Fails only
 * for host objects and nesting beyond 10000 levels (Go would print those),
 * and on HC_ERR_NOMEM; b is then left as it was.
 */
hc_status hc_yaml_write_pretty(struct hc_buf *b, hc_val v, struct hc_error *err);

/*
 * A flag in hc_val.flags for hc_yaml_write_pretty: the string is a time.Time's
 * RFC 3339 text, which go-yaml v3 writes as a plain scalar whatever it looks
 * like (its timev).  Set by whoever turns time objects into strings for it.
 */
#define HC_YAML_VF_TIMESTAMP 0x4000u

#endif
