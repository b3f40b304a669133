/*
 * history.c - action.History: the newest revisions of a release.
 */
#include "action/action_int.h"

hc_status hc_action_history(const struct hc_action_config *cfg, const char *name, int64_t max,
                            struct hc_arena *a, struct hc_release_list *out,
                            struct hc_error *err)
{
    hc_status rc = hc_storage_check_name(name, err);
    if (rc != HC_OK)
        return rc;
    rc = hc_storage_history(cfg->store, a, hc_action_ns(cfg), name, out, err);
    if (rc != HC_OK)
        return rc;
    if (max > 0 && out->n > (size_t)max) {
        out->v += out->n - (size_t)max;
        out->n = (size_t)max;
    }
    return HC_OK;
}
