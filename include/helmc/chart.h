/*
 * chart.h - Helm charts: load a chart, read values files, coalesce values.
 *
 * Mirrors Helm v4's pkg/chart/v2 (the chart model and its metadata),
 * pkg/chart/v2/loader (loading a chart directory, .helmignore, values files
 * of several YAML documents) and pkg/chart/common/util (coalescing user
 * values with a chart's defaults).
 *
 * A loaded chart is immutable: any number of renders may share it.  It owns
 * one arena holding its files, its parsed Chart.yaml and values.yaml and its
 * subcharts (charts/<name>/ folders); hc_chart_free releases all of it.
 */
#ifndef HELMC_CHART_H
#define HELMC_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_chart;
struct hc_arena;
struct hc_buf;

/* Limits on what loading a chart may read. */
struct hc_chart_load_opts {
    size_t max_file_size;  /* one file; 0 = Helm's MaxDecompressedFileSize (5 MiB) */
    size_t max_total_size; /* all files together; 0 = Helm's MaxDecompressedChartSize (100 MiB) */
};

/*
 * Loads the chart in directory `dir` as Helm's loader.LoadDir does: every
 * file not matched by .helmignore (plus the default rule templates/.?*), with
 * a UTF-8 BOM stripped, Chart.yaml parsed and validated, values.yaml read as
 * several documents merged in order, templates/ kept as templates, the rest
 * as files for .Files, and each charts/<name>/ folder loaded as a subchart.
 * On success *out is a new chart the caller frees with hc_chart_free.  On
 * failure *out is NULL and err holds Helm's message ("validation:
 * chart.metadata.name is required", "cannot load values.yaml: ...").
 */
hc_status hc_chart_load_dir(const char *dir, const struct hc_chart_load_opts *opts,
                            struct hc_chart **out, struct hc_error *err);

/*
 * Loads a packed chart (a gzipped tar, as `helm package` writes) as Helm's
 * loader.LoadFile does: the file must start as gzip does ("file 'X' does not
 * appear to be a gzipped archive; got 'TYPE'"), every entry loses its first
 * path element, and the files are then sorted out as hc_chart_load_dir does
 * (no .helmignore applies).
 */
hc_status hc_chart_load_file(const char *path, const struct hc_chart_load_opts *opts,
                             struct hc_chart **out, struct hc_error *err);

/* Frees a chart from hc_chart_load_dir and its subcharts (NULL is fine). */
void hc_chart_free(struct hc_chart *c);

/* Chart.yaml's name (NUL-terminated; owned by the chart). */
const char *hc_chart_name(const struct hc_chart *c);
/* Chart.yaml's type ("", "application" or "library"). */
const char *hc_chart_type(const struct hc_chart *c);
/* Whether Chart.yaml says deprecated: true. */
bool hc_chart_deprecated(const struct hc_chart *c);
/* The chart's default values (a map[string]interface {}; never nil). */
hc_val hc_chart_values(const struct hc_chart *c);
/*
 * The chart's metadata as templates see .Chart: Chart.yaml's fields under
 * their Go names (Name, Version, AppVersion, ..., Dependencies), every field
 * present, as Helm's structToMap builds it (without IsRoot, which the render
 * adds).
 */
hc_val hc_chart_metadata(const struct hc_chart *c);
/* What `helm show` prints: one part or all of them (hc_chart_show). */
enum hc_show_part { HC_SHOW_ALL, HC_SHOW_CHART, HC_SHOW_VALUES, HC_SHOW_README, HC_SHOW_CRDS };

/*
 * Appends to out what Show.Run prints for c: the metadata (as
 * hc_chart_metadata_yaml, then a newline), values.yaml's bytes as loaded
 * followed by a newline (nothing without a values.yaml), the first file
 * named README.md, README.txt or README in any case (files in load order),
 * and every CRD file of the chart and its subcharts, each after "---" unless
 * it starts with "---"; HC_SHOW_ALL joins them with "---" lines as helm does.
 */
hc_status hc_chart_show(const struct hc_chart *c, enum hc_show_part part, struct hc_buf *out,
                        struct hc_error *err);

/*
 * The chart's metadata as `helm show chart` prints it, yaml.Marshal of
 * chart.Metadata: JSON field names, empty fields left out, keys sorted.
 * *out is NUL-terminated, malloc'd, the caller's to free().  (Implemented in
 * src/archive/meta.c beside the other metadata marshalling.)
 */
hc_status hc_chart_metadata_yaml(const struct hc_chart *c, char **out, size_t *len,
                                 struct hc_error *err);
/* The subcharts, in the order Helm adds them. */
size_t hc_chart_dep_count(const struct hc_chart *c);
const struct hc_chart *hc_chart_dep(const struct hc_chart *c, size_t i);

/*
 * action.CheckDependencies: every dependency Chart.yaml names has a subchart
 * of that name, else "found in Chart.yaml, but missing in charts/ directory:
 * A, B" (the names in Chart.yaml's order).
 */
hc_status hc_chart_check_deps(const struct hc_chart *c, struct hc_error *err);

/* ---- values files ---- */

/*
 * Reads a values file as Helm's loader.LoadValues does: the text is split
 * into YAML documents on lines starting with "---" (only blanks or a comment
 * may follow the dashes, else "error reading yaml document: invalid Yaml
 * document separator: ..."), each document must be a map (or empty), and the
 * maps are merged in order, later ones winning (hc_values_merge).  *out is a
 * map allocated in arena a.  Errors carry Helm's text ("cannot unmarshal yaml
 * document: error converting YAML to JSON: yaml: line 3: ...").
 */
hc_status hc_values_read(struct hc_arena *a, const char *text, size_t len, const char *filename,
                         hc_val *out, struct hc_error *err);

/*
 * Helm's loader.MergeMaps(dst, src): a new map holding dst's entries, with
 * src's entries replacing them, except that where both hold maps the two are
 * merged recursively.  Neither input is changed.  Nulls are kept (they delete
 * keys only later, when coalescing).
 */
hc_status hc_values_merge(struct hc_arena *a, hc_val dst, hc_val src, hc_val *out);

/*
 * Helm's CoalesceValues(chart, user): a deep copy of the user's values
 * (a map, or nil for none) completed with the chart's defaults and, for each
 * subchart, its defaults under its name with the parent's globals merged in.
 * A null in the user's values deletes that key from the defaults.  The result
 * is allocated in a and owned by the caller (templates may change it).
 * Fails with "type mismatch on NAME: ..." when a subchart's key holds a
 * scalar.
 */
hc_status hc_values_coalesce(struct hc_arena *a, const struct hc_chart *c, hc_val user, hc_val *out,
                             struct hc_error *err);

#endif
