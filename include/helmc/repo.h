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
#include <stddef.h>
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

/* ---- reading an index: LoadIndexFile, IndexFile.Get (src/repo/load.c) ---- */

struct hc_arena;

/* A dependency as an index lists it (chart.Dependency). */
struct hc_repo_dep {
    const char *name, *version, *repository, *condition, *alias; /* "" when absent */
    const char *const *tags;
    size_t n_tags;
    bool enabled;
};

/* A maintainer (chart.Maintainer). */
struct hc_repo_maintainer {
    const char *name, *email, *url;
};

/*
 * One version of a chart (repo.ChartVersion).  Every string is "" when absent, never NULL;
 * created is the text as the index has it (RFC 3339).  The arrays are NULL when empty.
 */
struct hc_repo_version {
    const char *name, *version, *app_version, *description, *home, *icon, *api_version;
    const char *kube_version, *type, *condition, *tags, *created, *digest;
    const char *const *urls;
    size_t n_urls;
    const char *const *keywords;
    size_t n_keywords;
    const char *const *sources;
    size_t n_sources;
    const struct hc_repo_maintainer *maintainers;
    size_t n_maintainers;
    const struct hc_repo_dep *deps;
    size_t n_deps;
    const char *const *annotation_keys; /* annotations, keys sorted, values beside them */
    const char *const *annotation_values;
    size_t n_annotations;
    bool deprecated, removed;
};

/* A chart: its versions newest first (helm's SortEntries; unparsable versions last). */
struct hc_repo_chart {
    const char *name;
    const struct hc_repo_version *versions;
    size_t n_versions;
};

/* A loaded index.  Everything in it lives in its arena: free it with hc_repo_index_free. */
struct hc_repo_index {
    const char *api_version, *generated;
    const struct hc_repo_chart *charts; /* sorted by name */
    size_t n_charts;
    struct hc_arena *arena;
};

struct hc_repo_load_opts {
    /* Only these charts are materialised (others are parsed and dropped); NULL: all. */
    const char *const *names;
    size_t n_names;
    /* Every chart's name, no versions (for <name>-charts.txt); names is then ignored. */
    bool names_only;
    hc_repo_warn_fn *warn; /* loadIndex's warnings about skipped entries; or NULL */
    void *warn_ctx;
};

/*
 * Loads an index from a file, as helm's LoadIndexFile: YAML, or the JSON form helm
 * accepts.  Streams the file through libyaml's event parser: memory is the kept entries.
 * Entries that fail chart validation are skipped with helm's warning.  Errors carry
 * helm's messages: "error loading PATH: no API version specified", "... empty index.yaml
 * file", "... error converting YAML to JSON: yaml: line N: ...", "... error unmarshaling
 * JSON: while decoding JSON: json: ...".  On success *out is the caller's to free.
 */
hc_status hc_repo_index_load(const char *path, const struct hc_repo_load_opts *opts,
                             struct hc_repo_index **out, struct hc_error *err);

/*
 * As hc_repo_index_load from memory (helm's loadIndex): messages have no "error loading"
 * prefix; source names the data in warnings.
 */
hc_status hc_repo_index_load_buf(const char *data, size_t len, const char *source,
                                 const struct hc_repo_load_opts *opts,
                                 struct hc_repo_index **out, struct hc_error *err);

void hc_repo_index_free(struct hc_repo_index *ix);

/* The chart named name, or NULL. */
const struct hc_repo_chart *hc_repo_index_chart(const struct hc_repo_index *ix, const char *name);

/*
 * IndexFile.Get: the version of chart name matching version — an exact version string
 * first, else the newest that satisfies it as a constraint; "" means the newest stable
 * one.  Fails with "no chart name found", "no chart version found" (no versions), a
 * constraint's parse error, or "no chart version found for NAME-VERSION".  When a version
 * was given and none is equal to it, *fell_back is set if fell_back is not NULL (helm
 * v4.1.4 then warns "unable to find exact version requested; ...", for ranges too).
 */
hc_status hc_repo_index_get(const struct hc_repo_index *ix, const char *name,
                            const char *version, const struct hc_repo_version **out,
                            bool *fell_back, struct hc_error *err);

/* ---- repositories.yaml: helm's repo.File (src/repo/repofile.c) ---- */

/* A repository (repo.Entry).  Strings are never NULL ("" when unset). */
struct hc_repo_entry {
    const char *name, *url, *username, *password, *cert_file, *key_file, *ca_file;
    bool insecure_skip_tls_verify, pass_credentials_all;
};

/* A repositories file.  Everything in it lives in its arena: free with hc_repo_file_free. */
struct hc_repo_file {
    const char *api_version, *generated; /* as read; "" and Go's zero time when new */
    struct hc_repo_entry *repos;
    size_t n_repos, cap_repos;
    struct hc_arena *arena;
};

/* An empty file as helm v4 makes one when there is none (apiVersion "", zero time). */
struct hc_repo_file *hc_repo_file_new(void);

/*
 * Reads path (yaml.Unmarshal: unknown fields ignored).  A missing file is HC_ERR_NOT_FOUND
 * and, with missing_ok, gives an empty file instead.  Other errors carry helm's messages
 * ("couldn't load repositories file (PATH): ...", "error converting YAML to JSON: ...").
 */
hc_status hc_repo_file_load(const char *path, bool missing_ok, struct hc_repo_file **out,
                            struct hc_error *err);

/* The entry named name, or NULL (File.Get). */
const struct hc_repo_entry *hc_repo_file_get(const struct hc_repo_file *f, const char *name);

/* Replaces the entry of the same name or appends e (File.Update); strings are copied. */
hc_status hc_repo_file_update(struct hc_repo_file *f, const struct hc_repo_entry *e,
                              struct hc_error *err);

/* Removes the entry named name; false when there was none (File.Remove). */
bool hc_repo_file_remove(struct hc_repo_file *f, const char *name);

/*
 * Writes the file as helm's File.WriteFile (sigs.k8s.io/yaml, keys sorted) with mode,
 * creating the parent directory (0755) first; the write is atomic.
 */
hc_status hc_repo_file_write(const struct hc_repo_file *f, const char *path, unsigned mode,
                             struct hc_error *err);

void hc_repo_file_free(struct hc_repo_file *f);

/*
 * Takes helm's lock beside the repositories file (PATH without its extension + ".lock",
 * mode 0600, flock), waiting up to 30 seconds.  *fd is for hc_repo_file_unlock.
 */
hc_status hc_repo_file_lock(const char *path, int *fd, struct hc_error *err);
void hc_repo_file_unlock(int fd);

/* ---- talking to repositories: ChartRepository, ChartDownloader (src/repo/download.c) ---- */

struct hc_http_opts;

/* <cache>/<name>-index.yaml and <cache>/<name>-charts.txt (helmpath.CacheIndexFile ...). */
char *hc_repo_cache_index_path(const char *cache_dir, const char *name);

/*
 * Sets the TLS and credential fields of o from the repository's entry (repo.Entry as the
 * getter options ChartRepository.DownloadIndexFile passes); o's other fields are kept.
 * o points into e afterwards.
 */
void hc_repo_entry_http_opts(const struct hc_repo_entry *e, struct hc_http_opts *o);

/*
 * ChartRepository.DownloadIndexFile: GETs <url>/index.yaml with e's TLS and credentials
 * (base supplies the timeout and user agent, may be NULL), checks it loads as an index
 * (helm's messages, without "error loading"), and writes cache_dir/<name>-charts.txt (the
 * chart names) and cache_dir/<name>-index.yaml (the bytes as served), mode 0644, creating
 * cache_dir (0755).  The names file is written before the index, as helm does.
 */
hc_status hc_repo_download_index(const struct hc_repo_entry *e, const char *cache_dir,
                                 const struct hc_http_opts *base, struct hc_error *err);

/*
 * ChartDownloader.ResolveChartVersion for a repository reference: "REPO/CHART" looked up in
 * rf and in REPO's cached index (only CHART is loaded), giving the absolute URL of the
 * version chosen by hc_repo_index_get (caller frees *url).  An absolute URL is returned as
 * is, with the credentials of the first repository whose index lists it.  http is the
 * caller's options (from flags): the repository's TLS files and credentials replace them
 * as helm's do; its strings then point into rf.  When hc_repo_index_get fell back to
 * another version than the one given, *selected is that version (caller frees), else
 * NULL; selected may be NULL.
 */
hc_status hc_repo_resolve_chart(const char *ref, const char *version,
                                const struct hc_repo_file *rf, const char *cache_dir,
                                struct hc_http_opts *http, char **url, char **selected,
                                struct hc_error *err);

/*
 * repo.FindChartInRepoURL: downloads repo_url's index into a temporary cache entry
 * (removed again), finds chart at version ("" newest) and returns the absolute URL of
 * its first archive (caller frees).  Errors: "looks like \"URL\" is not a valid chart
 * repository or cannot be reached: ...", "chart \"C\" version \"V\" not found in URL
 * repository", "chart \"C\" has no downloadable URLs".
 */
hc_status hc_repo_find_chart_in_url(const char *repo_url, const char *chart,
                                    const char *version, const struct hc_http_opts *http,
                                    const char *cache_dir, char **url, struct hc_error *err);

/*
 * chartutil.ExpandFile: unpacks the chart archive at tgz into dir/<chart name> (the name
 * from its Chart.yaml), directories 0755, files 0644.  Errors: "chart name not
 * specified", "cannot load Chart.yaml: ...", the archive reader's.
 */
hc_status hc_repo_expand_chart(const char *dir, const char *tgz, struct hc_error *err);

#endif
