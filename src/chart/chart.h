/*
 * chart.h - the chart model inside the library (src/chart, src/engine).
 *
 * Mirrors pkg/chart/v2's Chart: metadata, default values, templates, other
 * files, and subcharts with a link to their parent.  A root chart owns one
 * arena holding everything below it, subcharts included; nothing changes
 * after loading, so renders share a chart freely.
 */
#ifndef HC_CHART_CHART_H
#define HC_CHART_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "helmc/chart.h"
#include "helmc/error.h"
#include "helmc/value.h"

/* Helm's archive.MaxDecompressedFileSize and MaxDecompressedChartSize. */
#define HC_CHART_MAX_FILE_SIZE  ((size_t)5 << 20)
#define HC_CHART_MAX_TOTAL_SIZE ((size_t)100 << 20)
/* Subcharts nested deeper than this are refused (Helm has no limit; the C stack does). */
#define HC_CHART_MAX_DEPTH 64

/* A file of the chart: its path relative to the chart (with '/'), and its bytes. */
struct hc_chart_file {
    const char *name; /* NUL-terminated */
    uint32_t name_len;
    const char *data; /* NUL-terminated too (the NUL is not counted) */
    size_t len;
};

/* The fields of Chart.yaml the library acts on (all of them are in meta_map). */
struct hc_chart_meta {
    const char *name, *version, *app_version, *api_version, *type, *kube_version;
    bool deprecated;
    bool deps_set; /* Metadata.Dependencies is not nil: Chart.yaml (or requirements.yaml)
                      gave a list, even an empty one (meta_map shows nil as [] too) */
};

struct hc_chart {
    struct hc_arena *arena;    /* the root's own_arena: holds the chart and its subcharts */
    struct hc_arena own_arena; /* the root only */
    struct hc_chart *parent;   /* NULL for the root */
    struct hc_chart_meta meta;
    hc_val meta_map;    /* .Chart as structToMap builds it (map[string]interface {}) */
    hc_val values;      /* values.yaml, merged documents (never nil) */
    const char *schema; /* values.schema.json, or NULL */
    size_t schema_len;
    struct hc_chart_file *templates; /* templates/..., in load order */
    size_t ntemplates;
    struct hc_chart_file *files; /* everything else (Chart.yaml, values.yaml excluded) */
    size_t nfiles;
    struct hc_chart **deps; /* subcharts, in the order Helm adds them */
    size_t ndeps;
    const char *full_path;  /* ChartFullPath(): "root/charts/sub" */
    const char *values_raw; /* values.yaml's bytes as loaded, or NULL when there is none */
    size_t values_raw_len;
    struct hc_chart_mapping *mappings; /* the root only: large files mapped, not read (load.c) */
};

/* ---- metadata.c ---- */

/*
 * Decodes Chart.yaml's text into c->meta and c->meta_map as
 * sigs.k8s.io/yaml.Unmarshal into a chart.Metadata would, then applies
 * Metadata.Validate (sanitising strings).  Errors carry Helm's messages.
 */
hc_status hc_chart_meta_read(struct hc_chart *c, const char *text, size_t len,
                             struct hc_error *err);
/* As hc_chart_meta_read for a document already decoded (a map from the YAML reader). */
hc_status hc_chart_meta_decode(struct hc_chart *c, hc_val doc, struct hc_error *err);
/* Validate(): "validation: ..." errors. */
hc_status hc_chart_meta_validate(struct hc_chart *c, struct hc_error *err);
/* ---- archive.c ---- */

/*
 * Reads a gzipped tar chart as Helm's LoadArchiveFiles does: names lose their
 * first path element, sizes are checked against the ceilings, BOMs dropped.
 * The files (in archive order) and their bytes live in arena a.
 */
hc_status hc_chart_read_archive(struct hc_arena *a, const char *data, size_t len, size_t max_file,
                                size_t max_total, struct hc_chart_file **out, size_t *nout,
                                struct hc_error *err);

/* ---- values.c (beside the public hc_values_*) ---- */

/* MergeValues(c, nil): the chart's defaults and its subcharts', nulls kept. */
hc_status hc_values_merge_chart(struct hc_arena *a, const struct hc_chart *c, hc_val *out,
                                struct hc_error *err);
/* MergeTables(dst, src): dst wins, src fills it (src may be changed too). */
hc_status hc_values_merge_tables(struct hc_arena *a, struct hc_map *dst, struct hc_map *src,
                                 struct hc_error *err);

/* ---- deps.c ---- */

/*
 * ProcessDependenciesWithMerge(c, user): a copy of the chart tree, in arena
 * a, with aliases applied (the subchart renamed), disabled subcharts
 * (conditions, tags) removed, and import-values merged into the values of
 * every chart that lists dependencies.  c itself is not changed.
 */
hc_status hc_chart_process_deps(struct hc_arena *a, const struct hc_chart *c, hc_val user,
                                struct hc_chart **out, struct hc_error *err);

/* ---- semver_check.c ---- */

/* A valid semantic version as Masterminds semver.NewVersion accepts it. */
bool hc_chart_semver_valid(const char *s, size_t n);
/* chartutil.IsCompatibleRange: version parses and satisfies constraint (false if either fails). */
bool hc_chart_semver_satisfies(const char *constraint, const char *version);

/* ---- show.c ---- */

/* A file of CRDObjects: under crds/ with a .yaml, .yml or .json extension (any case). */
bool hc_chart_file_is_crd(const struct hc_chart_file *f);
/* CRDObjects in order: fn(ctx, chart, file) for c's CRD files, then its subcharts', depth first. */
void hc_chart_each_crd(const struct hc_chart *c,
                       void (*fn)(void *ctx, const struct hc_chart *c,
                                  const struct hc_chart_file *f),
                       void *ctx);

/* ---- ignore.c: .helmignore ---- */

struct hc_ignore;

/* Parses .helmignore text (NULL text: no file) and adds Helm's default rule. */
hc_status hc_ignore_parse(struct hc_arena *a, const char *text, size_t len, struct hc_ignore **out,
                          struct hc_error *err);
/* Rules.Ignore(path, isDir). */
bool hc_ignore_match(const struct hc_ignore *r, const char *path, size_t len, bool is_dir);

/* Go's path/filepath.Match(pattern, name): 1 match, 0 no match, -1 ErrBadPattern. */
int hc_path_match(const char *pattern, size_t plen, const char *name, size_t nlen);

#endif
