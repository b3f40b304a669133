/*
 * repos.c - what the dependency manager reads of repositories: repositories.yaml
 * entries and a cached index's versions of one chart.
 *
 * Mirrors pkg/repo/v1's File (LoadFile) and IndexFile (LoadIndexFile, SortEntries,
 * ResolveReferenceURL) as far as pkg/downloader/manager.go and internal/resolver use
 * them.  Indexes are read with the streaming loader (include/helmc/repo.h), keeping
 * only the chart asked for.
 */
#include "deps/deps.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "helmc/net.h"
#include "helmc/repo.h"
#include "yaml/yaml.h"

#define MAX_REPOFILE_SIZE ((size_t)16 << 20)

static hc_val get(hc_val m, const char *key)
{
    hc_val v = hc_null();
    if (m.kind == HC_MAP && m.u.m)
        hc_map_get(m.u.m, key, strlen(key), &v);
    return v;
}

static const char *str(struct hc_arena *a, hc_val v)
{
    if (v.kind != HC_STRING)
        return "";
    char *s = hc_arena_strndup(a, v.u.s, v.len);
    return s ? s : "";
}

hc_status hc_dep_repofile_load(struct hc_arena *a, const char *path, struct hc_dep_repofile *out,
                               struct hc_error *err)
{
    out->repos = NULL;
    out->n = 0;
    if (!path || !*path)
        return HC_OK;
    size_t len;
    int eno;
    char *text = hc_dep_read_file(a, path, MAX_REPOFILE_SIZE, &len, &eno);
    if (!text) {
        if (eno == ENOENT)
            return HC_OK;
        return hc_error_set(err, HC_ERR_IO, "couldn't load repositories file (%s): open %s: %s",
                            path, path, strerror(eno));
    }
    hc_val doc;
    hc_status rc = hc_yaml_read(a, text, len, NULL, &doc, err);
    if (rc != HC_OK)
        return rc;
    hc_val list = get(doc, "repositories");
    if (list.kind != HC_LIST || !list.u.l)
        return HC_OK;
    out->repos = hc_arena_array(a, list.u.l->len + 1, sizeof *out->repos);
    if (!out->repos)
        return hc_error_nomem(err);
    for (uint32_t i = 0; i < list.u.l->len; i++) {
        hc_val e = list.u.l->items[i];
        if (e.kind != HC_MAP)
            continue;
        struct hc_dep_repo *r = &out->repos[out->n++];
        memset(r, 0, sizeof *r);
        r->name = str(a, get(e, "name"));
        r->url = str(a, get(e, "url"));
        r->username = str(a, get(e, "username"));
        r->password = str(a, get(e, "password"));
        r->cert_file = str(a, get(e, "certFile"));
        r->key_file = str(a, get(e, "keyFile"));
        r->ca_file = str(a, get(e, "caFile"));
        hc_val b = get(e, "insecure_skip_tls_verify");
        r->insecure_skip_tls_verify = b.kind == HC_BOOL && b.u.b;
        b = get(e, "pass_credentials_all");
        r->pass_credentials_all = b.kind == HC_BOOL && b.u.b;
    }
    return HC_OK;
}

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
