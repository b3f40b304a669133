/*
 * list.c - action.List: the latest revision of every release, filtered by
 * status and name, sorted, cut to --offset and --max.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "action/action_int.h"
#include "base/arena.h"

/* ListStates.FromName */
static unsigned state_of(const struct hc_release *r)
{
    hc_rstr s = r->info ? r->info->status : hc_action_rstr("");
    if (hc_action_rstr_eq(s, HC_RELEASE_STATUS_DEPLOYED))
        return HC_LIST_DEPLOYED;
    if (hc_action_rstr_eq(s, HC_RELEASE_STATUS_UNINSTALLED))
        return HC_LIST_UNINSTALLED;
    if (hc_action_rstr_eq(s, HC_RELEASE_STATUS_UNINSTALLING))
        return HC_LIST_UNINSTALLING;
    if (hc_action_is_pending(s))
        return HC_LIST_PENDING;
    if (hc_action_rstr_eq(s, HC_RELEASE_STATUS_FAILED))
        return HC_LIST_FAILED;
    if (hc_action_rstr_eq(s, HC_RELEASE_STATUS_SUPERSEDED))
        return HC_LIST_SUPERSEDED;
    return HC_LIST_UNKNOWN;
}

static int cmp_name(const void *x, const void *y)
{
    const struct hc_release *a = *(struct hc_release *const *)x;
    const struct hc_release *b = *(struct hc_release *const *)y;
    int c = hc_strcmp(a->name.p ? a->name.p : "", a->name.n, b->name.p ? b->name.p : "",
                      b->name.n);
    if (c)
        return c;
    return hc_strcmp(a->namespace_.p ? a->namespace_.p : "", a->namespace_.n,
                     b->namespace_.p ? b->namespace_.p : "", b->namespace_.n);
}

static int64_t unix_of(const struct hc_release *r)
{
    return r->info ? r->info->last_deployed.sec : 0;
}

static int cmp_date(const void *x, const void *y)
{
    const struct hc_release *a = *(struct hc_release *const *)x;
    const struct hc_release *b = *(struct hc_release *const *)y;
    int64_t ta = unix_of(a), tb = unix_of(b);
    if (ta != tb)
        return ta < tb ? -1 : 1;
    return cmp_name(x, y);
}

static bool same_release(const struct hc_release *a, const struct hc_release *b)
{
    return a->name.n == b->name.n && a->namespace_.n == b->namespace_.n &&
           (a->name.n == 0 || memcmp(a->name.p, b->name.p, a->name.n) == 0) &&
           (a->namespace_.n == 0 || memcmp(a->namespace_.p, b->namespace_.p, a->namespace_.n) == 0);
}

hc_status hc_action_list(const struct hc_action_config *cfg, const struct hc_list_req *req,
                         struct hc_arena *a, struct hc_release_list *out, struct hc_error *err)
{
    memset(out, 0, sizeof *out);
    pcre2_code *re = NULL;
    if (req->filter && *req->filter) {
        int ec;
        PCRE2_SIZE off;
        re = pcre2_compile((PCRE2_SPTR)req->filter, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &off,
                           NULL);
        if (!re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(ec, msg, sizeof msg);
            return hc_error_set(err, HC_ERR_USAGE, "error parsing regexp: %s: `%s`",
                                (const char *)msg, req->filter);
        }
    }
    struct hc_release_list all;
    hc_status rc = hc_storage_list(cfg->store, a, req->all_namespaces ? NULL : hc_action_ns(cfg),
                                   &all, err);
    if (rc != HC_OK) {
        pcre2_code_free(re);
        return rc;
    }
    struct hc_release **v = all.n ? hc_arena_array(a, all.n, sizeof *v) : NULL;
    if (all.n && !v) {
        pcre2_code_free(re);
        return hc_error_nomem(err);
    }
    size_t n = 0;
    pcre2_match_data *md = re ? pcre2_match_data_create_from_pattern(re, NULL) : NULL;
    unsigned states = req->states ? req->states : ~0u;
    for (size_t i = 0; i < all.n; i++) {
        struct hc_release *r = all.v[i];
        if (re && pcre2_match(re, (PCRE2_SPTR)(r->name.p ? r->name.p : ""), r->name.n, 0, 0, md,
                              NULL) < 0)
            continue;
        /* the list is ascending by (namespace, name, revision): keep the last of each run */
        if (states != HC_LIST_SUPERSEDED && i + 1 < all.n && same_release(r, all.v[i + 1]))
            continue;
        if (!(states & state_of(r)))
            continue;
        v[n++] = r;
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    if (n > 1)
        qsort(v, n, sizeof *v, req->sort == HC_LIST_BY_DATE ? cmp_date : cmp_name);
    if (req->reverse)
        for (size_t i = 0; i < n / 2; i++) {
            struct hc_release *t = v[i];
            v[i] = v[n - 1 - i];
            v[n - 1 - i] = t;
        }
    size_t off = req->offset > 0 ? (size_t)req->offset : 0;
    if (off >= n) {
        out->v = v;
        out->n = 0;
        return HC_OK;
    }
    size_t lim = n;
    if (req->limit > 0 && (size_t)req->limit < lim)
        lim = (size_t)req->limit;
    size_t last = off + lim < n ? off + lim : n;
    out->v = v + off;
    out->n = last - off;
    out->skipped = all.skipped;
    out->nskipped = all.nskipped;
    return HC_OK;
}
