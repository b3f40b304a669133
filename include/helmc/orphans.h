/*
 * orphans.h - a release's resources: what each revision's manifest holds, what
 * an upgrade or rollback deletes, keeps or leaves behind, the difference
 * between two revisions, and a revision in Helm's Secret-driver form.
 *
 * Resource keys follow Helm v4 (pkg/kube ResourceList.Difference): two objects
 * are the same resource when API group, kind, namespace and name are equal;
 * the API version is ignored (apps/v1beta2 -> apps/v1 is no delete).  Helm
 * builds its lists from the stored manifest with the cluster's REST mapping;
 * helmc has no cluster, so the namespace rule is (docs/orphans.md):
 *   - a kind helmc knows to be cluster-scoped (Namespace, ClusterRole,
 *     CustomResourceDefinition, ... by group and kind) has namespace "",
 *     whatever the document says (the API server ignores it too);
 *   - any other kind, custom resources included, is namespaced: an empty or
 *     absent metadata.namespace becomes the release namespace (Helm's
 *     DefaultNamespace).  A cluster-scoped custom resource thus carries the
 *     release namespace in its key; the key is the same in every revision of
 *     a release, so matching is unaffected.
 * A document with an "items" list is a List (any kind, as the Kubernetes
 * decoder reads it) and stands for its items (Helm's Flatten); an item
 * without kind and apiVersion takes the list's kind minus "List" and the
 * list's apiVersion.  Documents that are empty or only comments are skipped.
 *
 * "Keep" is the helm.sh/resource-policy annotation, trimmed and lower-cased,
 * equal to "keep" in the stored document (Helm's uninstall rule; upgrade
 * checks the live object, which helmc cannot see).
 *
 * Ownership: everything is allocated in the arena passed in; strings are
 * views into the manifest text or that arena, so the manifest must outlive
 * the results.  Output functions append to an hc_buf (check hc_buf_ok).
 */
#ifndef HELMC_ORPHANS_H
#define HELMC_ORPHANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "helmc/release.h"

struct hc_arena;
struct hc_buf;

/* ---- a manifest's resources ---- */

struct hc_resource {
    hc_rstr api_version; /* as written: "apps/v1" */
    hc_rstr group;       /* "apps"; "" for the core group */
    hc_rstr kind;        /* "Deployment" */
    hc_rstr namespace_;  /* after the namespace rule above; "" when cluster-scoped */
    hc_rstr name;        /* metadata.name */
    hc_rstr source;      /* the "# Source: " path of its document, or "" */
    hc_rstr text;        /* the document (for a List item: the List's document) */
    uint32_t doc;        /* the document's index in the manifest, from 1 */
    bool keep;           /* helm.sh/resource-policy: keep */
    bool cluster_scoped; /* a kind helmc knows to be cluster-scoped */
};

struct hc_manifest {
    struct hc_resource *v; /* in manifest order */
    size_t n;
};

/*
 * Splits a stored manifest (the multi-document YAML of a release record,
 * "---" lines with "# Source:" comments) into resources, applying the
 * namespace rule with release_ns ("" or NULL: "default").  label names the
 * manifest in errors (e.g. "revision 3"; may be NULL).  Errors (HC_ERR_PARSE,
 * HC_ERR_INVALID): "LABEL: document N (SOURCE): MESSAGE", MESSAGE being the
 * YAML error, "Object 'Kind' is missing", "Object 'apiVersion' is missing" or
 * "resource name may not be empty" (a document with only generateName is
 * skipped: Helm cannot track it either).
 */
hc_status hc_manifest_parse(struct hc_arena *a, hc_rstr manifest, hc_rstr release_ns,
                            const char *label, struct hc_manifest *out, struct hc_error *err);

/* Order of keys: group, kind, namespace, name, byte-wise.  <0, 0, >0. */
int hc_resource_key_cmp(const struct hc_resource *x, const struct hc_resource *y);

/*
 * Appends the key as printed: "Kind.group/namespace/name", without ".group"
 * for the core group and without "namespace/" when cluster-scoped
 * ("Deployment.apps/default/web", "ConfigMap/default/cm", "Namespace/ns1").
 */
void hc_resource_key_format(struct hc_buf *b, const struct hc_resource *r);

/* ---- orphans ---- */

enum hc_orphan_state {
    HC_ORPHAN_DELETE,  /* Helm deletes it (in a base, not kept): see deleted_by */
    HC_ORPHAN_KEPT,    /* kept by resource-policy: stays in the cluster, now unmanaged */
    HC_ORPHAN_LEFT     /* applied by a failed or older revision, never deleted: left behind */
};

/* "deleted", "kept", "orphaned". */
const char *hc_orphan_state_name(enum hc_orphan_state s);

struct hc_orphan {
    struct hc_resource res;  /* as the newest manifest that held it has it */
    enum hc_orphan_state state;
    int64_t *revisions;      /* revisions whose manifest held it, ascending */
    size_t nrevisions;
    hc_rstr moved_to;        /* namespace of the same group/kind/name in the target, or "" */
    int64_t deleted_by;      /* HC_ORPHAN_DELETE: the revision whose step deleted it */
};

struct hc_orphan_report {
    hc_rstr name;          /* the release */
    hc_rstr namespace_;    /* its namespace */
    int64_t target;        /* the revision the report is relative to */
    struct hc_orphan *v;   /* sorted by key */
    size_t n;
};

/*
 * What an upgrade or rollback from base to target does to resources, as Helm
 * v4 decides it (../shared release-format 3.6, 3.7):
 *   base - target, not keep-annotated         -> HC_ORPHAN_DELETE (Helm deletes them)
 *   base - target, keep-annotated             -> HC_ORPHAN_KEPT (Helm leaves them, unmanaged)
 *   failed[] - base - target                  -> HC_ORPHAN_LEFT  (a failed revision applied
 *                                                them; Helm never deletes them)
 * base is the record Helm diffs against: for an upgrade the "current
 * release" (last if deployed, else newest deployed, else last), for a
 * rollback the last record.  failed[0..nfailed) are the revisions newer than
 * base whose attempts failed (their manifests may have been applied in part);
 * a resource in several of them lists them all.  base may be NULL (install:
 * nothing deleted).  moved_to is set when the target holds the same group,
 * kind and name in another namespace (a namespace move: Helm deletes the old
 * object, or leaves it when kept or left).  Manifest errors as
 * hc_manifest_parse, labelled "revision N".
 */
hc_status hc_orphans_compute(struct hc_arena *a, const struct hc_release *base,
                             const struct hc_release *const *failed, size_t nfailed,
                             const struct hc_release *target, struct hc_orphan_report *out,
                             struct hc_error *err);

/*
 * hc_orphans_compute with the failed revisions picked from a release's
 * stored history[0..n) (any order; base and target may be among them):
 * those newer than base, other than target, that did not go through (see
 * hc_orphans_from_history).  What upgrade and rollback call to report.
 */
hc_status hc_orphans_step(struct hc_arena *a, struct hc_release *const *history, size_t n,
                          const struct hc_release *base, const struct hc_release *target,
                          struct hc_orphan_report *out, struct hc_error *err);

/*
 * `helmc orphans`: every resource that any of history[0..n) (the stored
 * revisions of one release, any order) held and target does not, with the
 * revisions that held it.  The history is replayed as helm ran it: each
 * revision that went through (deployed or superseded, not described as
 * failed; not an install) deleted what its base held and it does not, its
 * base being the previous record for a rollback ("Rollback to N") and the
 * newest earlier revision that went through for an upgrade.  So a resource
 * is HC_ORPHAN_DELETE (deleted_by: that revision) when such a later step
 * removed it, HC_ORPHAN_KEPT when keep-annotated in the newest revision
 * holding it, else HC_ORPHAN_LEFT (a failed revision applied it, or the
 * step that dropped it is no longer stored).  target is one of history (the
 * release's current revision).
 */
hc_status hc_orphans_from_history(struct hc_arena *a, struct hc_release *const *history, size_t n,
                                  const struct hc_release *target, struct hc_orphan_report *out,
                                  struct hc_error *err);

/*
 * A table, one line per orphan (tab-separated columns padded as helm's
 * tables: KIND NAMESPACE NAME STATE REVISIONS NOTE), KIND being "Kind" or
 * "Kind.group", NOTE "moved to namespace X" and/or "deleted by revision N".  No lines but the
 * header when empty.
 */
void hc_orphans_table(struct hc_buf *b, const struct hc_orphan_report *r);

/*
 * JSON on one line plus "\n": {"name":..,"namespace":..,"revision":N,
 * "orphans":[{"apiVersion","kind","group","namespace","name","state",
 * "revisions":[..],"source","movedTo"?,"deletedBy"?}]}.
 */
void hc_orphans_json(struct hc_buf *b, const struct hc_orphan_report *r);

/*
 * The orphans to delete as a YAML stream `kubectl delete -f -` accepts: per
 * HC_ORPHAN_LEFT orphan (kept and deleted ones are left out), "---\napiVersion: ..\nkind: ..\nmetadata:\n
 * name: ..\n  namespace: ..\n" (no namespace when cluster-scoped).  Names
 * and namespaces are quoted when YAML would read them otherwise.
 */
void hc_orphans_prune_list(struct hc_buf *b, const struct hc_orphan_report *r);

/* ---- the difference between two revisions ---- */

enum hc_diff_format { HC_DIFF_TEXT, HC_DIFF_JSON };

/*
 * Compares the manifests of from and to (two revisions of one release):
 * resources matched by key, sorted by key.  Text: per resource a header line
 * "--- KEY (revision A)" / "+++ KEY (revision B)" (the missing side
 * "/dev/null") and a unified diff of its document with context lines of
 * context (negative: 3); unchanged resources are not shown.  JSON, one line
 * plus "\n": {"from":A,"to":B,"added":[KEY..],"removed":[KEY..],"changed":
 * [{"key":KEY,"diff":TEXT}..]}.  *changes is set to the number of added,
 * removed and changed resources (may be NULL).  Documents are compared without
 * their "# Source:" line.
 */
hc_status hc_release_diff(struct hc_buf *b, struct hc_arena *a, const struct hc_release *from,
                          const struct hc_release *to, int context, enum hc_diff_format format,
                          size_t *changes, struct hc_error *err);

/*
 * A unified diff of two texts split into lines (the hunks only, no file
 * header): "@@ -l,s +l,s @@" headers as GNU diff writes them, context lines
 * of context each side (negative: 3), "\ No newline at end of file" where
 * due.  Myers' O((N+M)D) algorithm in linear space; a block whose edit
 * distance passes 8192 is written as a whole replacement (correct, maybe
 * not minimal).  Appends nothing when the texts are equal.  HC_ERR_NOMEM,
 * HC_ERR_LIMIT past 134 million lines.
 */
hc_status hc_diff_unified(struct hc_buf *b, struct hc_arena *a, const char *x, size_t xn,
                          const char *y, size_t yn, int context, struct hc_error *err);

/* ---- a revision as Helm's Secret driver stores it ---- */

struct hc_secret_opts {
    /* Unix seconds for the createdAt label (Helm sets it on create), 0: none. */
    int64_t created_at;
    /* Unix seconds for the modifiedAt label (Helm sets it on update), 0: none. */
    int64_t modified_at;
    /* Custom labels (--labels): a map of strings, or null. */
    hc_val labels;
    /* The stored body (base64(gzip(json))) to embed; p NULL: encode r (v4). */
    hc_rstr body;
    bool yaml; /* YAML (as kubectl -o yaml) instead of kubectl's 4-space JSON */
};

/*
 * Appends the Kubernetes Secret Helm's Secret driver keeps for revision r:
 * apiVersion v1, kind Secret, metadata.name sh.helm.release.v1.NAME.vN,
 * metadata.namespace (r's, "default" when empty), labels name, owner=helm,
 * status (info.status), version and createdAt/modifiedAt, type
 * helm.sh/release.v1, data.release = base64 of the body; keys sorted, JSON
 * as `kubectl get -o json` prints (4-space indent, trailing newline).  The
 * server-set fields (uid, resourceVersion, creationTimestamp) are left out.
 * Custom labels never replace the four system labels (as Helm).
 */
hc_status hc_release_secret(struct hc_buf *b, const struct hc_release *r,
                            const struct hc_secret_opts *opts, struct hc_error *err);

#endif
