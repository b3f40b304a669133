/*
 * deps.h - what list.c, manager.c and repos.c share (src/deps only).
 */
#ifndef HC_DEPS_DEPS_H
#define HC_DEPS_DEPS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/chart.h"
#include "helmc/dependency.h"
#include "helmc/error.h"
#include "helmc/value.h"

/* A Go-named field of a dependency map as a NUL-terminated string ("" when absent). */
const char *hc_dep_field(hc_val dep, const char *go_name);

/* filepath.Join(a, b): joined with '/', then Clean; allocated in arena. */
char *hc_dep_join(struct hc_arena *a, const char *x, const char *y);

/* Reads a whole file into the arena (NUL-terminated).  errno-style failure: NULL, *eno set. */
char *hc_dep_read_file(struct hc_arena *a, const char *path, size_t max, size_t *len, int *eno);

/* Loads a chart directory or archive as loader.Load does. */
hc_status hc_dep_load_chart(const char *path, struct hc_chart **out, struct hc_error *err);

/* semver.NewConstraint(constraint).Check(NewVersion(version)): -1 bad constraint, -2 bad version. */
int hc_dep_version_ok(const char *constraint, const char *version);

/* ---- repos.c ---- */

struct hc_repo_entry;

/* One chart version of an index: its version text and first URL (NULL when it has none). */
struct hc_dep_version {
    const char *version, *url;
};

/* The versions of one chart in an index, newest first (SortEntries). */
struct hc_dep_versions {
    struct hc_dep_version *v;
    size_t n;
    bool found; /* the index has an entry of that name */
};

/* Reads an index file's entries for chart name (repo.LoadIndexFile). */
hc_status hc_dep_index_versions(struct hc_arena *a, const char *index_path, const char *name,
                                struct hc_dep_versions *out, struct hc_error *err);

/* urlutil.Equal, near enough: equal once trailing slashes are dropped. */
bool hc_dep_url_equal(const char *a, const char *b);

/* repo.ResolveReferenceURL(base, ref). */
char *hc_dep_resolve_url(struct hc_arena *a, const char *base, const char *ref);

#endif
