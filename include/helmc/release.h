/*
 * release.h - Helm's release record (release v1) and its storage encoding.
 *
 * A release revision is one JSON object.  Helm marshals it from Go structs, so
 * its keys come in struct declaration order with Go's omitempty/omitzero
 * rules; Helm v3.16 and v4.1 differ in a few fields (HC_RELEASE_V3 and
 * HC_RELEASE_V4 below).  Storage drivers keep base64(gzip(json)); plain
 * base64(json) is accepted on read.
 *
 * Ownership: a decoded record and everything it points to live in the arena
 * given to the decoder; there is nothing to free but that arena.  A record
 * built by hand may point anywhere that outlives the encode call.  Strings
 * are (pointer, length) views that may hold NUL; a NULL pointer with length 0
 * is the empty string.  Decoded strings are also NUL-terminated.
 */
#ifndef HELMC_RELEASE_H
#define HELMC_RELEASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;
struct hc_buf;

/* ---- statuses (pkg/release/common Status) ---- */
#define HC_RELEASE_STATUS_UNKNOWN "unknown"
#define HC_RELEASE_STATUS_DEPLOYED "deployed"
#define HC_RELEASE_STATUS_UNINSTALLED "uninstalled"
#define HC_RELEASE_STATUS_SUPERSEDED "superseded"
#define HC_RELEASE_STATUS_FAILED "failed"
#define HC_RELEASE_STATUS_UNINSTALLING "uninstalling"
#define HC_RELEASE_STATUS_PENDING_INSTALL "pending-install"
#define HC_RELEASE_STATUS_PENDING_UPGRADE "pending-upgrade"
#define HC_RELEASE_STATUS_PENDING_ROLLBACK "pending-rollback"

/* ---- the descriptions Helm writes into info.description ---- */
#define HC_RELEASE_DESC_INSTALL_UNDERWAY "Initial install underway"
#define HC_RELEASE_DESC_INSTALL_COMPLETE "Install complete"
#define HC_RELEASE_DESC_DRY_RUN_COMPLETE "Dry run complete"
#define HC_RELEASE_DESC_UPGRADE_PREPARING "Preparing upgrade"
#define HC_RELEASE_DESC_UPGRADE_COMPLETE "Upgrade complete"
#define HC_RELEASE_DESC_ROLLBACK_FMT "Rollback to %d"                  /* target revision */
#define HC_RELEASE_DESC_DELETING "Deletion in progress (or silently failed)"
#define HC_RELEASE_DESC_UNINSTALL_COMPLETE "Uninstallation complete"
#define HC_RELEASE_DESC_SUPERSEDED "superseded by new release"
#define HC_RELEASE_DESC_INSTALL_FAILED_FMT "Release \"%s\" failed: %s"  /* name, error */
#define HC_RELEASE_DESC_UPGRADE_FAILED_FMT "Upgrade \"%s\" failed: %s"  /* name, error */
#define HC_RELEASE_DESC_ROLLBACK_FAILED_FMT "Rollback \"%s\" failed: %s" /* name, error */

/* ---- hook phases (HookPhase) ---- */
#define HC_HOOK_PHASE_UNKNOWN "Unknown"
#define HC_HOOK_PHASE_RUNNING "Running"
#define HC_HOOK_PHASE_SUCCEEDED "Succeeded"
#define HC_HOOK_PHASE_FAILED "Failed"

/* Which Helm's JSON to write (and which one a decoded record looked like). */
enum hc_release_format {
    HC_RELEASE_V4 = 0, /* Helm v4.1: zero times omitted, modtimes, apply_method */
    HC_RELEASE_V3 = 1  /* Helm v3.16: zero times as "", no v4-only keys */
};

/* A string view: p may be NULL when n is 0. */
typedef struct hc_rstr {
    const char *p;
    size_t n;
} hc_rstr;

struct hc_rstrs {
    hc_rstr *v;
    size_t n;
};

/* Bytes of a Go []byte field: JSON base64, null when !present (a nil slice). */
struct hc_rbytes {
    const unsigned char *p;
    size_t n;
    bool present;
};

/*
 * A Go time.Time as JSON sees it: sec and nsec count from 0001-01-01T00:00:00
 * UTC (Go's absolute time, so an all-zero struct is the zero time, IsZero);
 * offset is the writer's zone in seconds east of UTC, printed as "Z" when 0.
 */
struct hc_stamp {
    int64_t sec;
    int32_t nsec;
    int32_t offset;
};

static inline bool hc_stamp_is_zero(struct hc_stamp t)
{
    return t.sec == 0 && t.nsec == 0;
}

/* Unix seconds and nanoseconds with a zone offset to a time. */
struct hc_stamp hc_stamp_from_unix(int64_t unix_sec, int32_t nsec, int32_t offset);
/*
 * Parses RFC 3339 text as Go's time.Time.UnmarshalJSON does (without the
 * quotes).  HC_ERR_PARSE with a message naming the text on failure.
 */
hc_status hc_stamp_parse(const char *s, size_t n, struct hc_stamp *out, struct hc_error *err);
/* Appends RFC3339Nano text (trailing zeros of the fraction trimmed), no quotes. */
void hc_stamp_format(struct hc_buf *b, struct hc_stamp t);

struct hc_release_file { /* chart.File */
    hc_rstr name;
    struct hc_rbytes data;
    struct hc_stamp modtime; /* v4 only */
};

struct hc_release_maintainer {
    hc_rstr name, email, url;
};

struct hc_release_dependency {
    hc_rstr name, version, repository, condition;
    struct hc_rstrs tags;
    bool enabled;
    hc_val import_values; /* []interface{}: a list, or null */
    hc_rstr alias;
};

struct hc_release_metadata { /* Chart.yaml */
    hc_rstr name, home;
    struct hc_rstrs sources;
    hc_rstr version, description;
    struct hc_rstrs keywords;
    struct hc_release_maintainer *maintainers;
    size_t nmaintainers;
    hc_rstr icon, api_version, condition, tags, app_version;
    bool deprecated;
    hc_val annotations; /* map[string]string: a map of strings, or null */
    hc_rstr kube_version;
    struct hc_release_dependency *dependencies;
    size_t ndependencies;
    hc_rstr type;
};

struct hc_release_lock { /* Chart.lock */
    struct hc_stamp generated;
    hc_rstr digest;
    struct hc_release_dependency *dependencies;
    size_t ndependencies;
    bool dependencies_present; /* false: null */
};

struct hc_release_chart {
    struct hc_release_metadata *metadata; /* NULL: null */
    struct hc_release_lock *lock;         /* NULL: null */
    struct hc_release_file *templates;
    size_t ntemplates;
    bool templates_present; /* false: null */
    hc_val values;          /* map[string]interface{}: a map, or null */
    struct hc_rbytes schema;
    struct hc_stamp schema_modtime; /* v4 only; always written there */
    struct hc_release_file *files;
    size_t nfiles;
    bool files_present;     /* false: null */
    struct hc_stamp modtime; /* v4 only */
};

struct hc_release_hook_run { /* HookExecution */
    struct hc_stamp started_at, completed_at;
    hc_rstr phase;
};

struct hc_release_hook {
    hc_rstr name, kind, path, manifest;
    struct hc_rstrs events;
    struct hc_release_hook_run last_run;
    int64_t weight;
    struct hc_rstrs delete_policies;
    struct hc_rstrs output_log_policies; /* v4 only */
};

struct hc_release_info {
    struct hc_stamp first_deployed, last_deployed, deleted;
    hc_rstr description, status, notes;
    /* resources is never stored (only `helm status` fills it in memory). */
};

struct hc_release {
    hc_rstr name;
    struct hc_release_info *info;   /* NULL: omitted */
    struct hc_release_chart *chart; /* NULL: omitted */
    hc_val config;                  /* user-supplied values: a map, or null */
    hc_rstr manifest;
    struct hc_release_hook *hooks;
    size_t nhooks;
    int64_t version; /* the revision */
    hc_rstr namespace_;
    hc_rstr apply_method; /* v4 only: "ssa", "csa" or empty */
    /* Set by the decoder: the Helm version the JSON looked like. */
    enum hc_release_format format;
};

/* The default ceiling on a decoded record's JSON (after gunzip): a gzip bomb stops here. */
#define HC_RELEASE_MAX_JSON ((size_t)256 << 20)

/*
 * Parses a record's JSON as json.Unmarshal into a release does: keys in any
 * order, unknown keys ignored, later duplicates win, "" or null times zero.
 * The record and its strings are allocated in a.  HC_ERR_PARSE for bad JSON,
 * HC_ERR_INVALID for well-formed JSON of the wrong shape (Go's "json: cannot
 * unmarshal ..."), HC_ERR_NOMEM; *out is set only on success.  r->format is
 * HC_RELEASE_V3 when the text carries v3's marks (a time written as "", or a
 * chart without "schemamodtime", which v4 always writes) and no v4-only key
 * (apply_method, schemamodtime, modtime, output_log_policies), else
 * HC_RELEASE_V4.
 */
hc_status hc_release_from_json(struct hc_arena *a, const char *json, size_t len,
                               struct hc_release **out, struct hc_error *err);

/*
 * Appends the record's JSON as Helm's json.Marshal writes it in the given
 * format: keys in Go struct order, omitempty/omitzero as that version does,
 * < > & escaped, no trailing newline.  HC_ERR_INVALID for values JSON cannot
 * hold (a NaN in config) or a year outside 0..9999; HC_ERR_NOMEM when b fails.
 */
hc_status hc_release_to_json(struct hc_buf *b, const struct hc_release *r,
                             enum hc_release_format format, struct hc_error *err);

/*
 * Decodes a storage body (Secret data, ConfigMap data, SQL body, memory key):
 * standard base64 (CR and LF skipped), then gunzip when the bytes start with
 * 1f 8b 08, else the bytes are plain JSON; then hc_release_from_json.
 * max_json bounds the JSON size (0: HC_RELEASE_MAX_JSON); past it
 * HC_ERR_LIMIT.  Errors: "illegal base64 data at input byte N" and gzip's
 * ("gzip: invalid header", "unexpected EOF", "flate: corrupt input").
 */
hc_status hc_release_decode(struct hc_arena *a, const char *data, size_t len, size_t max_json,
                            struct hc_release **out, struct hc_error *err);

/*
 * Appends the storage body: base64(gzip(JSON)) with Helm's gzip header
 * (1f 8b 08 00 00 00 00 00 02 ff: best compression, no mtime, OS unknown).
 * The deflate stream is zlib's, which need not match Go's bytes; any gzip
 * reader (Helm's too) reads it.
 */
hc_status hc_release_encode(struct hc_buf *b, const struct hc_release *r,
                            enum hc_release_format format, struct hc_error *err);

/*
 * Appends the storage key of a revision, "sh.helm.release.v1.<name>.v<version>":
 * the Secret/ConfigMap name, the SQL key column and the memory-driver key.
 */
void hc_release_storage_key(struct hc_buf *b, hc_rstr name, int64_t version);

/* ---- the codec's layers, for tests and tools ---- */

/* Go's base64.StdEncoding.DecodeString into a (result NUL-terminated). */
hc_status hc_base64_decode(struct hc_arena *a, const char *s, size_t n, unsigned char **out,
                           size_t *outlen, struct hc_error *err);
void hc_base64_encode(struct hc_buf *b, const unsigned char *p, size_t n);
/* Gunzips (all members, as Go's reader) into a, at most max bytes (HC_ERR_LIMIT past it). */
hc_status hc_gunzip(struct hc_arena *a, const unsigned char *p, size_t n, size_t max,
                    unsigned char **out, size_t *outlen, struct hc_error *err);
/* Gzips p with Helm's header and best compression, appending to b. */
hc_status hc_gzip(struct hc_buf *b, const unsigned char *p, size_t n, struct hc_error *err);

#endif
