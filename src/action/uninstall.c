/*
 * uninstall.c - action.Uninstall: the last revision marked uninstalled and
 * kept (--keep-history), or every revision deleted.
 */
#include <stdlib.h>
#include <string.h>

#include "action/action_int.h"
#include "base/arena.h"

static hc_status purge(const struct hc_action_config *cfg, struct hc_arena *a,
                       const struct hc_release_list *h, struct hc_error *err)
{
    for (size_t i = 0; i < h->n; i++) {
        hc_status rc = hc_storage_delete(cfg->store, a, hc_action_ns(cfg), h->v[i]->name.p,
                                         h->v[i]->version, NULL, err);
        if (rc != HC_OK)
            return rc;
    }
    /* unreadable records go too, as helm's purge deletes every record of the release */
    for (size_t i = 0; i < h->nskipped; i++) {
        const char *key = h->skipped[i].key;
        const char *v = strrchr(key, '.');
        if (!v || v[1] != 'v')
            continue;
        int64_t rev = strtoll(v + 2, NULL, 10);
        struct hc_error derr;
        hc_error_init(&derr);
        size_t nl = (size_t)(v - key) - strlen("sh.helm.release.v1.");
        char *name = hc_arena_strndup(a, key + strlen("sh.helm.release.v1."), nl);
        if (name)
            hc_storage_delete(cfg->store, a, hc_action_ns(cfg), name, rev, NULL, &derr);
        hc_error_release(&derr);
    }
    return HC_OK;
}

static hc_status uninstall_locked(const struct hc_action_config *cfg, const char *name,
                                  bool keep_history, const char *description, bool dry_run,
                                  struct hc_arena *a, struct hc_release **out,
                                  struct hc_error *err)
{
    struct hc_release_list h;
    hc_status rc = hc_storage_history(cfg->store, a, hc_action_ns(cfg), name, &h, err);
    if (rc != HC_OK) {
        char *msg = hc_arena_printf(a, "uninstall: Release not loaded: %s: %s", name,
                                    hc_error_msg(err));
        hc_error_release(err);
        return msg ? hc_error_set(err, rc, "%s", msg) : hc_error_nomem(err);
    }
    struct hc_release *rel = h.v[h.n - 1];
    *out = rel;
    if (dry_run)
        return HC_OK;
    if (!rel->info && !(rel->info = hc_arena_zalloc(a, sizeof *rel->info)))
        return hc_error_nomem(err);
    if (hc_action_rstr_eq(rel->info->status, HC_RELEASE_STATUS_UNINSTALLED)) {
        if (!keep_history)
            return purge(cfg, a, &h, err);
        return hc_error_set(err, HC_ERR_INVALID, "the release named \"%s\" is already deleted",
                            name);
    }
    rel->info->deleted = hc_action_clock(cfg);
    rc = hc_action_set_status(a, rel, HC_RELEASE_STATUS_UNINSTALLING, HC_RELEASE_DESC_DELETING,
                              err);
    if (rc == HC_OK)
        rc = hc_storage_update(cfg->store, rel, err);
    if (rc != HC_OK)
        return rc;
    const char *desc = description && *description ? description
                                                    : HC_RELEASE_DESC_UNINSTALL_COMPLETE;
    rc = hc_action_set_status(a, rel, HC_RELEASE_STATUS_UNINSTALLED, desc, err);
    if (rc != HC_OK)
        return rc;
    if (!keep_history)
        return purge(cfg, a, &h, err);
    rc = hc_storage_update(cfg->store, rel, err);
    for (size_t i = 0; rc == HC_OK && i + 1 < h.n; i++) {
        struct hc_release *r = h.v[i];
        if (!r->info || !hc_action_rstr_eq(r->info->status, HC_RELEASE_STATUS_DEPLOYED))
            continue;
        r->info->status = hc_action_rstr(HC_RELEASE_STATUS_SUPERSEDED);
        rc = hc_storage_update(cfg->store, r, err);
    }
    return rc;
}

hc_status hc_action_uninstall(const struct hc_action_config *cfg, const char *name,
                              bool keep_history, const char *description, bool dry_run,
                              struct hc_arena *a, struct hc_release **out, struct hc_error *err)
{
    *out = NULL;
    struct hc_error nerr;
    hc_error_init(&nerr);
    if (hc_storage_check_name(name, &nerr) != HC_OK) {
        hc_error_release(&nerr);
        return hc_error_set(err, HC_ERR_INVALID, "uninstall: Release name is invalid: %s", name);
    }
    hc_status rc = hc_action_lock(cfg, name, err);
    if (rc != HC_OK)
        return rc;
    rc = uninstall_locked(cfg, name, keep_history, description, dry_run, a, out, err);
    hc_action_unlock(cfg, name);
    return rc;
}
