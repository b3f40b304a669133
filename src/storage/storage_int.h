/*
 * storage_int.h - what the storage and its drivers share: building result
 * lists, the default namespace, checking names that become file names.
 */
#ifndef HC_STORAGE_STORAGE_INT_H
#define HC_STORAGE_STORAGE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "helmc/storage.h"

struct hc_arena;

/* Helm's namespace for records that name none (driver.defaultNamespace). */
#define DEFAULT_NAMESPACE "default"

/* Appends r to l in a; HC_ERR_NOMEM. */
hc_status hc_storage_list_add(struct hc_arena *a, struct hc_release_list *l, struct hc_release *r,
                              struct hc_error *err);
/* Records an unreadable record (both strings copied into a); HC_ERR_NOMEM. */
hc_status hc_storage_list_skip(struct hc_arena *a, struct hc_release_list *l, const char *key,
                               const char *reason, struct hc_error *err);
/* Sorts l->v by namespace, name, revision. */
void hc_storage_list_sort(struct hc_release_list *l);

/* True when s (n bytes) is a release name Helm accepts (regex and 53 characters). */
bool hc_storage_name_ok(const char *s, size_t n);
/* True when s is a Kubernetes namespace (DNS-1123 label, at most 63 characters). */
bool hc_storage_namespace_ok(const char *s, size_t n);

/*
 * The record's namespace and name as C strings in ns and name (KEYPART_MAX
 * bytes each); namespace "default" when empty.  HC_ERR_INVALID when either is
 * too long or holds a NUL.
 */
#define KEYPART_MAX 256
hc_status hc_storage_record_key(const struct hc_release *r, char ns[KEYPART_MAX],
                                char name[KEYPART_MAX], struct hc_error *err);

/* Go's text for an errno from os.Open/os.ReadFile ("no such file or directory"). */
const char *hc_storage_errno_text(int e);

#endif
