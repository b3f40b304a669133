/*
 * engine.h - the template engine of a render (pkg/engine's Engine.Render)
 * and the manifest sorter (pkg/release/v1/util's SortManifests).
 */
#ifndef HC_ENGINE_ENGINE_H
#define HC_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chart/chart.h"
#include "helmc/error.h"
#include "helmc/render.h"
#include "helmc/value.h"

struct hc_arena;

/* Helm's recursionMaxNums lives in funcs/helm.h; the output ceiling here. */
#define HC_ENGINE_MAX_OUTPUT ((size_t)64 << 20)

/* One rendered template: "chart/templates/x.yaml" and its text ("<no value>" removed). */
struct hc_rendered {
    const char *name;
    size_t name_len;
    const char *text;
    size_t len;
};

struct hc_engine_opts {
    bool strict;       /* missingkey=error */
    bool lint;         /* required and fail do not fail */
    size_t max_output; /* per template; 0 = HC_ENGINE_MAX_OUTPUT */
    /* called with each rendered file as soon as it is complete; NULL: none */
    void (*on_file)(void *ctx, const struct hc_rendered *f);
    void *on_file_ctx;
};

/*
 * Engine.Render(c, top): top is the map ToRenderValues builds (Chart,
 * Capabilities, Release, Values).  Every template of c and its subcharts is
 * parsed into one set, deepest paths first and names in reverse order within
 * a depth (so later defines win as in Helm), then each non-partial template
 * is executed in that order with its chart's scope.  *out receives the
 * rendered files (in execution order), allocated in a.  Errors: "parse error
 * at (NAME:LINE): MSG" and Helm's rewording of execution errors.
 */
hc_status hc_engine_render(struct hc_arena *a, const struct hc_chart *c, hc_val top,
                           const struct hc_engine_opts *o, struct hc_rendered **out, size_t *nout,
                           struct hc_error *err);

struct hc_head_reader;

/* A document of the release manifest: not a hook. */
struct hc_manifest {
    const char *name; /* the template path */
    const char *content;
    size_t len;
    const char *kind;
};

/*
 * SortManifests(files, InstallOrder): files in path order, partials and
 * blank files skipped, each split into documents, each document's head read
 * (apiVersion, kind, metadata.name and .annotations) with "YAML parse error
 * on PATH: ..." on failure; documents with a helm.sh/hook annotation become
 * hooks (unknown hook events drop the document), the rest manifests; both
 * lists stably sorted by kind in install order, unknown kinds last by name.
 */
hc_status hc_manifest_sort(struct hc_arena *a, const struct hc_rendered *files, size_t nfiles,
                           struct hc_head_reader *reader, struct hc_hook **hooks, size_t *nhooks,
                           struct hc_manifest **manifests, size_t *nmanifests,
                           struct hc_error *err);

/*
 * Reads the heads of rendered files' documents ahead of hc_manifest_sort, on worker
 * threads once there is enough to read, while the engine renders the rest (engine
 * option on_file).  hc_manifest_sort(..., reader, ...) uses the results (and reads any
 * file the reader lacks itself); free the reader after the sort's results are used.
 * new returns NULL when out of memory (then pass NULL to the sort); a failed add only
 * makes the sort read everything itself.  Files must stay in place until the sort.
 */
struct hc_head_reader *hc_head_reader_new(struct hc_arena *a);
void hc_head_reader_add(struct hc_head_reader *r, const struct hc_rendered *f);
void hc_head_reader_free(struct hc_head_reader *r);

/* One document of SplitManifests' result. */
struct hc_doc {
    const char *s;
    size_t len;
};

/*
 * releaseutil.SplitManifests: the documents of text, split on the regular
 * expression (?:^|\s*\n)---\s* after trimming, empty ones dropped, each
 * trimmed.  *docs is allocated in a.
 */
hc_status hc_manifest_split(struct hc_arena *a, const char *text, size_t len, struct hc_doc **docs,
                            size_t *ndocs);

#endif
