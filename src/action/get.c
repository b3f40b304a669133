/*
 * get.c - action.Get (and action.Status, which reads the same record): one
 * revision of a release, the last one by default.
 */
#include "action/action_int.h"

hc_status hc_action_get(const struct hc_action_config *cfg, const char *name, int64_t revision,
                        struct hc_arena *a, struct hc_release **out, struct hc_error *err)
{
    hc_status rc = hc_storage_check_name(name, err);
    if (rc != HC_OK)
        return rc;
    if (revision <= 0)
        return hc_storage_last(cfg->store, a, hc_action_ns(cfg), name, out, err);
    return hc_storage_get(cfg->store, a, hc_action_ns(cfg), name, revision, out, err);
}
