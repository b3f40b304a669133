/*
 * action_int.h - what the actions of src/action share: the clock, the
 * release name check, building a record from a chart and its render, and
 * the status changes every action makes.
 */
#ifndef HC_ACTION_INT_H
#define HC_ACTION_INT_H

#include <stdbool.h>

#include "helmc/action.h"

struct hc_arena;

/* Helm's default namespace for records that name none. */
#define HC_ACTION_DEFAULT_NS "default"

/* chartutil's errInvalidName. */
#define HC_ACTION_BAD_NAME                                                                         \
    "invalid release name, must match regex "                                                     \
    "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not " \
    "be longer than 53"

/* cfg's namespace, "default" when empty. */
const char *hc_action_ns(const struct hc_action_config *cfg);
/* cfg's clock. */
struct hc_stamp hc_action_clock(const struct hc_action_config *cfg);

/* A view of a C string; "" for NULL. */
hc_rstr hc_action_rstr(const char *s);
bool hc_action_rstr_eq(hc_rstr s, const char *lit);
/* Copies s into a as a view (NUL-terminated). */
hc_status hc_action_rstr_dup(struct hc_arena *a, const char *s, size_t n, hc_rstr *out,
                             struct hc_error *err);
/* Sets info.status and info.description (a copy in a). */
hc_status hc_action_set_status(struct hc_arena *a, struct hc_release *r, const char *status,
                               const char *description, struct hc_error *err);

/*
 * Renders req->chart with its values for release `name` at `revision` and
 * fills r's chart, config, manifest, hooks and info.notes (in a).  Render
 * errors come back with Helm's message.
 */
hc_status hc_action_render_into(const struct hc_action_config *cfg, struct hc_arena *a,
                                const struct hc_action_render *req, const char *name,
                                int64_t revision, bool is_upgrade, struct hc_release *r,
                                struct hc_error *err);

/*
 * Runs cfg's deploy callback on r; HC_OK when there is none.  On failure err
 * holds the callback's message.
 */
hc_status hc_action_deploy(const struct hc_action_config *cfg, const struct hc_release *r,
                           struct hc_error *err);

/*
 * After r's deploy failed with derr: records r as failed with description desc (NULL:
 * out of memory) and returns derr's error in err, or the error that kept r from being
 * recorded.  derr is consumed either way.
 */
hc_status hc_action_fail(const struct hc_action_config *cfg, struct hc_arena *a,
                         struct hc_release *r, const char *desc, struct hc_error *derr,
                         struct hc_error *err);

/* A shallow copy of r in a with a fresh info (so changing it leaves r alone). */
struct hc_release *hc_action_clone(struct hc_arena *a, const struct hc_release *r);

/* The lock every writing action holds around its read-modify-write. */
hc_status hc_action_lock(const struct hc_action_config *cfg, const char *name,
                         struct hc_error *err);
void hc_action_unlock(const struct hc_action_config *cfg, const char *name);

/* Whether a status is one of the three pending-*. */
bool hc_action_is_pending(hc_rstr status);

#endif
