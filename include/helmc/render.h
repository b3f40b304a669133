/*
 * render.h - rendering a chart as `helm template` (and an install's dry run) does.
 *
 * Mirrors Helm v4's action.Install up to its manifest (ToRenderValues,
 * renderResources), the engine (pkg/engine: every template of the chart
 * and its subcharts parsed into one set, each non-partial one executed with
 * .Values, .Release, .Chart, .Capabilities, .Files, .Template and .Subcharts),
 * the manifest sorter (pkg/release/v1/util: documents split on "---", hooks
 * apart, kinds in install order) and `helm template`'s printing.
 *
 * A render allocates everything in its own arena (hc_render_result), so the
 * chart stays untouched and may be rendered again or concurrently.
 */
#ifndef HELMC_RENDER_H
#define HELMC_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_chart;
struct hc_buf;
struct hc_arena;

struct hc_render_opts {
    const char *release_name;        /* .Release.Name */
    const char *namespace_;          /* .Release.Namespace */
    bool is_upgrade;                 /* .Release.IsUpgrade (IsInstall is its opposite) */
    int64_t revision;                /* .Release.Revision; 0 means 1 */
    const char *kube_version;        /* --kube-version, validated by hc_render_check_kube_version;
                                        NULL or "": Helm's default, v1.35.0 */
    const char *const *api_versions; /* --api-versions, added to the defaults */
    size_t napi_versions;
    hc_val values;               /* the user's values (-f, --set merged), a map or nil */
    bool strict;                 /* missingkey=error (helm lint --strict) */
    bool include_crds;           /* put crds/ files first in the manifest */
    bool skip_schema_validation; /* do not check values.schema.json files */
    size_t max_output;           /* ceiling on one template's output; 0 = 64 MiB */
    size_t arena_limit;          /* ceiling on the render's memory; 0 = none */
};

/* A hook (a document with a helm.sh/hook annotation), as the release keeps it. */
struct hc_hook {
    const char *path;     /* the template it came from: "chart/templates/job.yaml" */
    const char *manifest; /* the document, trimmed */
    size_t manifest_len;
    const char *kind, *name;
    bool is_test;   /* one of its events is "test" (or "test-success") */
    int64_t weight; /* helm.sh/hook-weight, 0 when absent or invalid */
};

/* One document of the manifest: what `helm template --output-dir` writes to PATH. */
struct hc_render_doc {
    const char *name;    /* PATH: "chart/templates/cm.yaml", "chart/crds/crd.yaml" */
    const char *content; /* the document (a CRD: its file's bytes) */
    size_t len;
    bool is_crd; /* from crds/ (--include-crds): helm writes it outside --release-name's folder */
};

struct hc_render_result {
    struct hc_arena *arena; /* owns everything below */
    const char *manifest;   /* the release manifest: "---\n# Source: PATH\nDOC\n" per document */
    size_t manifest_len;
    struct hc_render_doc *docs; /* the manifest's documents in its order (CRDs first with
                                   include_crds); NULL after a failed render */
    size_t ndocs;
    struct hc_hook *hooks; /* in install order of their kinds */
    size_t nhooks;
    const char *notes; /* the chart's rendered NOTES.txt ("" when none) */
    /*
     * Set when the render failed after Helm would have created the release
     * (an execution or YAML error): `helm template` then adds
     * "\n\nUse --debug flag to render out invalid YAML" to the error, and
     * with --debug prints the manifest so far.
     */
    bool release_made;
};

/*
 * Renders chart c with opts into *res.  Returns HC_OK, or the first error
 * with Helm's message in err ("YAML parse error on ...", "execution error
 * at (...): ...", "template: ..." reworded as Helm's engine does).  In both
 * cases res must be released with hc_render_result_release.
 */
hc_status hc_render_chart(const struct hc_chart *c, const struct hc_render_opts *opts,
                          struct hc_render_result *res, struct hc_error *err);
void hc_render_result_release(struct hc_render_result *res);

/*
 * Checks --kube-version as `helm template` does before anything else:
 * HC_ERR_USAGE with "invalid kube version 'V': ..." when it does not parse.
 */
hc_status hc_render_check_kube_version(const char *v, struct hc_error *err);

/* What `helm template` prints besides the manifest. */
struct hc_template_print_opts {
    bool no_hooks;                /* --no-hooks */
    bool skip_tests;              /* --skip-tests */
    const char *const *show_only; /* --show-only patterns (filepath.Match on the path
                                     inside the chart folder) */
    size_t nshow_only;
};

/*
 * Appends `helm template`'s standard output for res to out: the manifest,
 * trimmed, then the hooks (unless no_hooks; test hooks unless skip_tests),
 * or with show_only the matching documents in their split order.  Fails
 * with "could not find template X in chart" when a --show-only pattern
 * matches nothing (out is then left as it was).
 */
hc_status hc_render_template_output(const struct hc_render_result *res,
                                    const struct hc_template_print_opts *o, struct hc_buf *out,
                                    struct hc_error *err);

#endif
