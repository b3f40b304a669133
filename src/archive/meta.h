/*
 * meta.h - chart metadata as Helm marshals it (src/archive and src/repo).
 *
 * The chart library gives .Chart's view of Chart.yaml: every field under its
 * Go name.  Helm writes metadata (into a packaged Chart.yaml, an index entry)
 * with sigs.k8s.io/yaml or encoding/json: JSON names, empty fields left out
 * (omitempty), Dependency's name and repository always present.
 */
#ifndef HC_ARCHIVE_META_H
#define HC_ARCHIVE_META_H

#include <stdbool.h>
#include <stddef.h>

#include "helmc/chart.h"
#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;
struct hc_buf;

/*
 * Converts a .Chart map (Go names) into chart.Metadata's JSON object (JSON
 * names, omitempty applied; a map, so keys sort as sigs.k8s.io/yaml sorts
 * them).  version and app_version, when neither NULL nor "", replace those
 * fields (app_version sanitised as Metadata.Validate does).  With save,
 * apiVersion v1 drops dependencies, as chartutil.Save does.  Allocates in a.
 */
hc_status hc_meta_to_json(struct hc_arena *a, hc_val chart, const char *version,
                          const char *app_version, bool save, hc_val *out, struct hc_error *err);

/* Whether the chart's apiVersion is "v1" / "v2". */
bool hc_meta_is_v1(const struct hc_chart *c);
bool hc_meta_is_v2(const struct hc_chart *c);

/*
 * Reads Chart.lock's text as yaml.Unmarshal into a *chart.Lock does and
 * returns the object yaml.Marshal writes back (dependencies, digest,
 * generated).  *present is false when the document is null (Go's pointer
 * becomes nil and nothing is written).
 */
hc_status hc_meta_lock(struct hc_arena *a, const char *text, size_t len, hc_val *out, bool *present,
                       struct hc_error *err);

/*
 * Appends the JSON of a metadata object from hc_meta_to_json in
 * chart.Metadata's field order (json.MarshalIndent's layout at the given
 * indentation level, two spaces per level), without the closing brace, so
 * index entries can add their own fields: the object's fields are written
 * one per line, each preceded by ",\n" after the first.  *first tells
 * whether a field was written before.
 */
hc_status hc_meta_json_fields(struct hc_buf *b, hc_val meta, int level, bool *first,
                              struct hc_error *err);

/* Appends v as json.MarshalIndent writes it at the given level (two spaces each). */
hc_status hc_meta_json_value(struct hc_buf *b, hc_val v, int level, struct hc_error *err);

#endif
