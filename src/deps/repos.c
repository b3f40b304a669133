/*
 * repos.c - what the dependency manager reads of repositories: a cached index's
 * versions of one chart, URL comparison and resolution.
 *
 * Mirrors pkg/repo/v1's IndexFile (LoadIndexFile, SortEntries, ResolveReferenceURL) and
 * internal/urlutil as far as pkg/downloader/manager.go and internal/resolver use them.
 * Indexes are read with the streaming loader (include/helmc/repo.h), keeping only the
 * chart asked for.
 */
#include "deps/deps.h"

#include <stdlib.h>
#include <string.h>

#include "helmc/net.h"
#include "helmc/repo.h"


hc_status hc_dep_index_versions(struct hc_arena *a, const char *index_path, const char *name,
                                struct hc_dep_versions *out, struct hc_error *err)
{
    out->v = NULL;
    out->n = 0;
    out->found = false;
    struct hc_repo_load_opts lo = {.names = &name, .n_names = 1};
    struct hc_repo_index *ix = NULL;
    hc_status rc = hc_repo_index_load(index_path, &lo, &ix, err);
    if (rc != HC_OK)
        return rc;
    const struct hc_repo_chart *c = hc_repo_index_chart(ix, name);
    if (c) {
        out->found = true;
        out->v = hc_arena_array(a, c->n_versions + 1, sizeof *out->v);
        if (!out->v)
            rc = hc_error_nomem(err);
        for (size_t i = 0; rc == HC_OK && i < c->n_versions; i++) { /* newest first */
            const struct hc_repo_version *v = &c->versions[i];
            out->v[i].version = hc_arena_strdup(a, v->version);
            out->v[i].url = v->n_urls ? hc_arena_strdup(a, v->urls[0]) : NULL;
            if (!out->v[i].version || (v->n_urls && !out->v[i].url))
                rc = hc_error_nomem(err);
            out->n++;
        }
    }
    hc_repo_index_free(ix);
    return rc;
}

bool hc_dep_url_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    while (la > 0 && a[la - 1] == '/')
        la--;
    while (lb > 0 && b[lb - 1] == '/')
        lb--;
    return la == lb && memcmp(a, b, la) == 0;
}

char *hc_dep_resolve_url(struct hc_arena *a, const char *base, const char *ref)
{
    char *u = hc_url_resolve(base, ref);
    char *r = u ? hc_arena_strdup(a, u) : NULL;
    free(u);
    return r;
}
