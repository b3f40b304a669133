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
 * applies strings.TrimSuffix(s, "\n")). Returns HC_ERR_INVALID with Go's
 * message when JSON encoding fails (NaN, Inf: "json: unsupported value: NaN").
 */
hc_status hc_yaml_write(struct hc_buf *b, hc_val v, struct hc_error *err);

#endif
