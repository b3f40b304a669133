/*
 * repos.c - what the dependency manager reads of repositories: repositories.yaml
 * entries and a cached index's versions of one chart.
 *
 * Mirrors pkg/repo/v1's File (LoadFile) and IndexFile (LoadIndexFile, SortEntries,
 * ResolveReferenceURL) as far as pkg/downloader/manager.go and internal/resolver use
 * them.  A small reader of our own until the repository client's loaders are merged.
 */
#include "deps/deps.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "helmc/semver.h"
#include "yaml/yaml.h"

/* Helm's index files can be large; the reader refuses bigger ones. */
#define MAX_INDEX_SIZE ((size_t)256 << 20)
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

/* ChartVersions.Less, reversed: newest first; unparsable versions compare as text. */
static int cmp_versions(const void *x, const void *y)
{
    const struct hc_dep_version *a = x, *b = y;
    struct hc_semver va, vb;
    if (hc_semver_parse(&va, a->version, strlen(a->version), NULL) != HC_OK ||
        hc_semver_parse(&vb, b->version, strlen(b->version), NULL) != HC_OK)
        return -strcmp(a->version, b->version);
    return -hc_semver_compare(&va, &vb);
}

hc_status hc_dep_index_versions(struct hc_arena *a, const char *index_path, const char *name,
                                struct hc_dep_versions *out, struct hc_error *err)
{
    out->v = NULL;
    out->n = 0;
    out->found = false;
    size_t len;
    int eno;
    char *text = hc_dep_read_file(a, index_path, MAX_INDEX_SIZE, &len, &eno);
    if (!text)
        return hc_error_set(err, HC_ERR_IO, "open %s: %s", index_path,
                            eno == ENOENT ? "no such file or directory" : strerror(eno));
    hc_val doc;
    struct hc_error yerr;
    hc_error_init(&yerr);
    hc_status rc = hc_yaml_read(a, text, len, NULL, &doc, &yerr);
    if (rc != HC_OK) {
        hc_error_set(err, rc, "error unmarshaling JSON: %s", hc_error_msg(&yerr));
        hc_error_release(&yerr);
        return rc;
    }
    if (doc.kind != HC_MAP || get(doc, "apiVersion").kind != HC_STRING)
        return hc_error_set(err, HC_ERR_PARSE, "no API version specified");
    hc_val list = get(get(doc, "entries"), name);
    if (list.kind == HC_MISSING || list.kind == HC_NULL)
        return HC_OK;
    out->found = true;
    if (list.kind != HC_LIST || !list.u.l)
        return HC_OK;
    out->v = hc_arena_array(a, list.u.l->len + 1, sizeof *out->v);
    if (!out->v)
        return hc_error_nomem(err);
    for (uint32_t i = 0; i < list.u.l->len; i++) {
        hc_val e = list.u.l->items[i];
        if (e.kind != HC_MAP)
            continue; /* loadIndex drops nil entries */
        struct hc_dep_version *v = &out->v[out->n++];
        hc_val ver = get(e, "version");
        v->version = ver.kind == HC_STRING ? str(a, ver) : "";
        hc_val urls = get(e, "urls");
        v->url = NULL;
        if (urls.kind == HC_LIST && urls.u.l && urls.u.l->len > 0)
            v->url = str(a, urls.u.l->items[0]);
    }
    qsort(out->v, out->n, sizeof *out->v, cmp_versions);
    return HC_OK;
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
    if (strstr(ref, "://"))
        return hc_arena_strdup(a, ref);
    const char *scheme = strstr(base, "://");
    if (ref[0] == '/' && scheme) {
        const char *host_end = strchr(scheme + 3, '/');
        size_t n = host_end ? (size_t)(host_end - base) : strlen(base);
        return hc_arena_printf(a, "%.*s%s", (int)n, base, ref);
    }
    size_t bl = strlen(base);
    const char *q = strchr(base, '?');
    if (q)
        bl = (size_t)(q - base);
    return hc_arena_printf(a, "%.*s%s%s", (int)bl, base, bl && base[bl - 1] == '/' ? "" : "/",
                           ref[0] == '.' && ref[1] == '/' ? ref + 2 : ref);
}
