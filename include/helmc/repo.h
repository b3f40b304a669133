/*
 * repo.h - chart repository indexes (index.yaml): `helm repo index`.
 *
 * Mirrors Helm v4's pkg/repo/v1 (IndexDirectory, IndexFile.MustAdd, Merge,
 * SortEntries, WriteFile, WriteJSONFile, loadIndex) and pkg/cmd/repo_index.go.
 * An entry is a chart's metadata (Chart.yaml as the loader validated it) plus
 * urls, created and digest, the SHA-256 of the archive, computed while the
 * archive is read.  Entries are grouped by chart name, names sorted, versions
 * newest first.  YAML output is sigs.k8s.io/yaml's (sorted keys); JSON output
 * is json.MarshalIndent's (fields in Helm's declaration order).
 */
#ifndef HELMC_REPO_H
#define HELMC_REPO_H

#include <stdbool.h>
#include <stdint.h>

#include "helmc/error.h"

/* A warning Helm logs (slog.Warn): the message, without the level. */
typedef void hc_repo_warn_fn(void *ctx, const char *msg);

struct hc_repo_index_opts {
    const char *url;   /* --url: base URL of the charts, or NULL/"" */
    const char *merge; /* --merge: an index to fold in (its entries are kept), or NULL */
    bool json;         /* --json: write JSON instead of YAML */
    bool keep_created; /* --keep-created: for an entry the merged index has with the same
                          digest, keep its created time (our extension) */
    /* "now" (time.Now()): Unix seconds, nanoseconds and the local zone's offset */
    int64_t now_sec;
    int32_t now_nsec, now_offset;
    hc_repo_warn_fn *warn; /* or NULL */
    void *warn_ctx;
};

/*
 * Writes DIR/index.yaml for the chart archives DIR/ *.tgz and DIR/ * / *.tgz
 * (as Helm's IndexDirectory globs them).  Archives that do not load as charts
 * are skipped silently, as Helm skips them.  With opts->merge, that index is
 * read (a missing one is created empty, as Helm does) and its entries the
 * new index lacks (by name and version) are added.  Errors carry Helm's
 * messages ("merge failed: error loading FILE: ...").
 */
hc_status hc_repo_index_dir(const char *dir, const struct hc_repo_index_opts *opts,
                            struct hc_error *err);

#endif
