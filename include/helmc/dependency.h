/*
 * dependency.h - a chart's dependencies: Chart.lock, `helm dependency list|update|build`.
 *
 * Mirrors Helm v4's pkg/chart/v2 Lock, internal/resolver (Resolve, HashReq),
 * pkg/downloader/manager.go (Update, Build, downloadAll, safeMoveDeps) and
 * pkg/action/dependency.go (List).  Dependencies are handled as the chart
 * library shows them (.Chart.Dependencies): maps under Go field names (Name,
 * Version, Repository, Condition, Tags, Enabled, ImportValues, Alias).
 * Repository indexes and chart archives are fetched over HTTP(S) as helm's getter
 * does (include/helmc/net.h), with the repositories.yaml entry's credentials and TLS.
 */
#ifndef HELMC_DEPENDENCY_H
#define HELMC_DEPENDENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;
struct hc_buf;

/* ---- Chart.lock ---- */

/* A chart.Lock. */
struct hc_chart_lock {
    const char *generated; /* RFC 3339 text as time.Time marshals it ("" for the zero time) */
    const char *digest;    /* "sha256:<hex>", or whatever the file held */
    hc_val deps;           /* list of Go-named dependency maps (or nil) */
};

/*
 * Reads Chart.lock (or requirements.lock) text as yaml.Unmarshal into a
 * chart.Lock does, allocating in a.  *present is false for an empty
 * document (Helm then has no lock).  Errors: "cannot load Chart.lock: ..."
 * with the YAML reader's or the decoder's message (name is the file's base
 * name used in that prefix).
 */
hc_status hc_chart_lock_read(struct hc_arena *a, const char *text, size_t len, const char *name,
                             struct hc_chart_lock *out, bool *present, struct hc_error *err);

/*
 * Appends yaml.Marshal(lock) to b: dependencies (name, repository, version;
 * an empty version left out), digest, generated (quoted).
 */
hc_status hc_chart_lock_write(struct hc_buf *b, const struct hc_chart_lock *lock,
                              struct hc_error *err);

/*
 * resolver.HashReq(req, lock): "sha256:" and the hex SHA-256 of
 * json.Marshal([2][]*Dependency{req, lock}) (fields in Dependency's
 * declaration order, empty ones left out except name and repository),
 * appended to out.  req and lock are lists of Go-named maps (or nil).
 */
hc_status hc_chart_lock_digest(hc_val req, hc_val lock, struct hc_buf *out, struct hc_error *err);

/* ---- dependency list / update / build ---- */

/*
 * downloader.VerificationStrategy.  Checking a signature is not implemented: a provenance
 * file that is there fails the download ("verifying provenance files is not implemented
 * yet"); one that is missing fails it with VerifyAlways, and gets helm's warning with
 * VerifyIfPossible.
 */
enum hc_dep_verify { HC_DEP_VERIFY_NEVER, HC_DEP_VERIFY_IF_POSSIBLE, HC_DEP_VERIFY_ALWAYS };

struct hc_dep_opts {
    const char *repository_config; /* repositories.yaml (a missing file holds no repositories) */
    const char *repository_cache;  /* the directory of NAME-index.yaml files */
    bool skip_refresh;             /* --skip-refresh: use the cached indexes */
    bool debug;                    /* --debug: also print "Archiving ..." lines */
    enum hc_dep_verify verify; /* --verify: downloader.VerifyAlways (update), VerifyIfPossible
                                  (build) */
    int64_t now_sec;               /* Chart.lock's generated: Unix time, zone offset */
    int32_t now_nsec, now_offset;
    int64_t mtime; /* modification time of the entries of file:// dependency archives */
    struct hc_buf *out; /* what helm prints on stdout while it works */
};

/* One row of `dependency list`. */
struct hc_dep_list_row {
    const char *name, *version, *repository, *status;
};

/* What action Dependency.List finds (everything in the caller's arena). */
struct hc_dep_listing {
    bool no_deps;           /* Chart.yaml names none ("WARNING: no dependencies at DIR") */
    const char *charts_dir; /* filepath.Join(path, "charts") */
    struct hc_dep_list_row *rows; /* Chart.yaml's dependencies, in order */
    size_t n_rows;
    const char **warnings; /* printMissing's lines, without their newline */
    size_t n_warnings;
};

/*
 * Action Dependency.List for a chart directory or archive: each dependency's status —
 * for an archive charts/NAME-*.tgz "ok", "wrong version", "misnamed", "corrupt",
 * "invalid version" ("too many matches" when several names hold strict versions), else
 * from the loaded subcharts "unpacked", "wrong version", "invalid version" or "missing" —
 * and a warning for each charts/ entry that is not a chart ("WARNING: \"P\" is not a
 * chart.") or not a dependency ("WARNING: \"P\" is not in Chart.yaml.").  Fails with the
 * loader's errors (a malformed Chart.lock included).
 */
hc_status hc_dep_list(struct hc_arena *a, const char *path, struct hc_dep_listing *out,
                      struct hc_error *err);

/*
 * Manager.Update: resolves every dependency to a version (file:// charts
 * from their directory, repositories from their index, newest matching
 * version), writes the archives into charts/ (removing the archives no
 * longer wanted), and writes Chart.lock (requirements.lock for apiVersion
 * v1) unless its digest did not change.  Helm's progress lines go to
 * opts->out, also when it fails.
 */
hc_status hc_dep_update(const char *chart_dir, const struct hc_dep_opts *opts,
                        struct hc_error *err);

/*
 * Manager.Build: as hc_dep_update without a lock file; with one, checks its
 * digest against Chart.yaml ("the lock file (Chart.lock) is out of sync with
 * the dependencies file (Chart.yaml). Please update the dependencies with
 * 'helm dependency update'") and downloads the exact versions it records.
 */
hc_status hc_dep_build(const char *chart_dir, const struct hc_dep_opts *opts,
                       struct hc_error *err);

#endif
