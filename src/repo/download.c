/*
 * download.c - talking to chart repositories: helm's ChartRepository.DownloadIndexFile,
 * FindChartInRepoURL (pkg/repo/v1/chartrepo.go), ChartDownloader.ResolveChartVersion
 * (pkg/downloader/chart_downloader.go) and chartutil.ExpandFile.
 *
 * Indexes are read with the streaming loader (load.c) and only the charts asked for are
 * kept; a downloaded index is stored byte for byte as the server sent it.
 */
#include "helmc/repo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/file.h"
#include "helmc/archive.h"
#include "helmc/net.h"
#include "helmc/value.h"
#include "yaml/yaml.h"

#define MAX_CHART_BYTES ((size_t)200 << 20) /* a chart archive; helm reads it into memory */

static char *cache_file(const char *dir, const char *name, const char *suffix)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_printf(&b, "%s/%s%s", dir, name, suffix);
    return hc_buf_ok(&b) ? hc_buf_detach(&b, NULL) : NULL;
}

char *hc_repo_cache_index_path(const char *cache_dir, const char *name)
{
    return cache_file(cache_dir, name, "-index.yaml");
}

void hc_repo_entry_http_opts(const struct hc_repo_entry *e, struct hc_http_opts *o)
{
    o->ca_file = e->ca_file;
    o->cert_file = e->cert_file;
    o->key_file = e->key_file;
    o->insecure_skip_tls_verify = e->insecure_skip_tls_verify;
    o->username = e->username;
    o->password = e->password;
    o->pass_credentials_all = e->pass_credentials_all;
    o->auth_url = e->url;
}

hc_status hc_repo_download_index(const struct hc_repo_entry *e, const char *cache_dir,
                                 const struct hc_http_opts *base, struct hc_error *err)
{
    struct hc_http_opts o = {0};
    if (base)
        o = *base;
    hc_repo_entry_http_opts(e, &o);
    char *url = hc_url_resolve(e->url, "index.yaml");
    if (!url)
        return hc_error_nomem(err);
    struct hc_buf body = HC_BUF_INIT;
    struct hc_repo_index *ix = NULL;
    struct hc_buf names = HC_BUF_INIT;
    char *path = NULL;
    hc_status rc = hc_http_get(url, &o, &body, err);
    if (rc != HC_OK)
        goto out;
    struct hc_repo_load_opts lo = {.names_only = true};
    rc = hc_repo_index_load_buf(hc_buf_str(&body), body.len, e->url, &lo, &ix, err);
    if (rc != HC_OK)
        goto out;
    for (size_t i = 0; i < ix->n_charts; i++)
        hc_buf_printf(&names, "%s\n", ix->charts[i].name);
    path = cache_file(cache_dir, e->name, "-charts.txt");
    if (!path || !hc_buf_ok(&names)) {
        rc = hc_error_nomem(err);
        goto out;
    }
    rc = hc_file_mkdir_all(cache_dir, 0755, err);
    if (rc == HC_OK)
        rc = hc_file_write_atomic(path, hc_buf_str(&names), names.len, 0644, err);
    free(path);
    path = hc_repo_cache_index_path(cache_dir, e->name);
    if (rc == HC_OK && !path)
        rc = hc_error_nomem(err);
    if (rc == HC_OK)
        rc = hc_file_write_atomic(path, hc_buf_str(&body), body.len, 0644, err);
out:
    free(path);
    free(url);
    hc_buf_release(&names);
    hc_buf_release(&body);
    hc_repo_index_free(ix);
    return rc;
}

/* scanReposForURL: the first repository whose cached index lists url, or NULL. */
static hc_status scan_repos_for_url(const char *url, const struct hc_repo_file *rf,
                                    const char *cache_dir, const struct hc_repo_entry **found,
                                    struct hc_error *err)
{
    *found = NULL;
    for (size_t i = 0; i < rf->n_repos && !*found; i++) {
        char *path = hc_repo_cache_index_path(cache_dir, rf->repos[i].name);
        if (!path)
            return hc_error_nomem(err);
        struct hc_repo_index *ix = NULL;
        struct hc_error e;
        hc_error_init(&e);
        hc_status rc = hc_repo_index_load(path, NULL, &ix, &e);
        free(path);
        if (rc != HC_OK) {
            rc = hc_error_set(err, rc, "no cached repo found. (try 'helm repo update'): %s",
                              hc_error_msg(&e));
            hc_error_release(&e);
            return rc;
        }
        for (size_t c = 0; c < ix->n_charts && !*found; c++)
            for (size_t v = 0; v < ix->charts[c].n_versions && !*found; v++)
                for (size_t u = 0; u < ix->charts[c].versions[v].n_urls; u++)
                    if (!strcmp(ix->charts[c].versions[v].urls[u], url)) {
                        *found = &rf->repos[i];
                        break;
                    }
        hc_repo_index_free(ix);
    }
    return HC_OK;
}

/* The repository's TLS files and credentials as ResolveChartVersion applies them. */
static void apply_entry(const struct hc_repo_entry *e, struct hc_http_opts *http)
{
    http->auth_url = e->url;
    if (*e->cert_file || *e->key_file || *e->ca_file) {
        http->cert_file = e->cert_file;
        http->key_file = e->key_file;
        http->ca_file = e->ca_file;
    }
    if (*e->username && *e->password) {
        http->username = e->username;
        http->password = e->password;
        http->pass_credentials_all = e->pass_credentials_all;
    }
}

static bool is_absolute_url(const char *ref)
{
    const char *p = strstr(ref, "://");
    if (!p || p == ref || strcspn(ref, "/?#") < (size_t)(p - ref))
        return false;
    const char *host = p + 3;
    size_t hl = strcspn(host, "/?#");
    return hl > 0 && host[hl] == '/'; /* u.Host != "" && u.Path != "" */
}

hc_status hc_repo_resolve_chart(const char *ref, const char *version, const struct hc_repo_file *rf,
                                const char *cache_dir, struct hc_http_opts *http, char **url,
                                char **selected, struct hc_error *err)
{
    if (selected)
        *selected = NULL;
    if (is_absolute_url(ref)) {
        const struct hc_repo_entry *owner = NULL;
        hc_status rc = scan_repos_for_url(ref, rf, cache_dir, &owner, err);
        if (rc != HC_OK)
            return rc;
        if (owner)
            apply_entry(owner, http);
        else
            http->auth_url = ref;
        *url = strdup(ref);
        return *url ? HC_OK : hc_error_nomem(err);
    }
    const char *slash = strchr(ref, '/');
    if (!slash)
        return hc_error_set(err, HC_ERR_USAGE,
                            "non-absolute URLs should be in form of repo_name/path_to_chart, "
                            "got: %s",
                            ref);
    size_t rn = (size_t)(slash - ref);
    const struct hc_repo_entry *e = NULL;
    for (size_t i = 0; i < rf->n_repos; i++)
        if (strlen(rf->repos[i].name) == rn && !strncmp(rf->repos[i].name, ref, rn)) {
            e = &rf->repos[i];
            break;
        }
    if (!e)
        return hc_error_set(err, HC_ERR_NOT_FOUND, "repo %.*s not found", (int)rn, ref);
    if (!*e->url)
        return hc_error_set(err, HC_ERR_INVALID, "no URL found for repository %s", e->name);
    apply_entry(e, http);
    const char *chart = slash + 1;
    char *path = hc_repo_cache_index_path(cache_dir, e->name);
    if (!path)
        return hc_error_nomem(err);
    struct hc_repo_load_opts lo = {.names = &chart, .n_names = 1};
    struct hc_repo_index *ix = NULL;
    struct hc_error le;
    hc_error_init(&le);
    hc_status rc = hc_repo_index_load(path, &lo, &ix, &le);
    free(path);
    if (rc != HC_OK) {
        rc = hc_error_set(err, rc, "no cached repo found. (try 'helm repo update'): %s",
                          hc_error_msg(&le));
        hc_error_release(&le);
        return rc;
    }
    const struct hc_repo_version *cv = NULL;
    bool fell_back = false;
    rc = hc_repo_index_get(ix, chart, version, &cv, &fell_back, &le);
    if (rc != HC_OK) {
        rc = hc_error_set(err, rc,
                          "chart \"%s\" matching %s not found in %s index. (try 'helm repo "
                          "update'): %s",
                          chart, version ? version : "", e->name, hc_error_msg(&le));
        hc_error_release(&le);
    } else if (cv->n_urls == 0) {
        rc = hc_error_set(err, HC_ERR_NOT_FOUND, "chart \"%s\" has no downloadable URLs", ref);
    } else {
        *url = hc_url_resolve(e->url, cv->urls[0]);
        if (!*url)
            rc = hc_error_nomem(err);
        if (rc == HC_OK && fell_back && selected && !(*selected = strdup(cv->version))) {
            free(*url);
            *url = NULL;
            rc = hc_error_nomem(err);
        }
    }
    hc_repo_index_free(ix);
    return rc;
}

hc_status hc_repo_find_chart_in_url(const char *repo_url, const char *chart, const char *version,
                                    const struct hc_http_opts *http, const char *cache_dir,
                                    char **url, struct hc_error *err)
{
    /* a random name, as helm's base64 of 20 random bytes */
    unsigned char rnd[12];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, rnd, sizeof rnd) != (ssize_t)sizeof rnd) {
        if (fd >= 0)
            close(fd);
        return hc_error_set(err, HC_ERR_IO, "reading /dev/urandom failed");
    }
    close(fd);
    char name[2 * sizeof rnd + 1];
    for (size_t i = 0; i < sizeof rnd; i++)
        snprintf(name + 2 * i, 3, "%02x", rnd[i]);
    struct hc_repo_entry e = {
        .name = name,
        .url = repo_url,
        .username = http && http->username ? http->username : "",
        .password = http && http->password ? http->password : "",
        .cert_file = http && http->cert_file ? http->cert_file : "",
        .key_file = http && http->key_file ? http->key_file : "",
        .ca_file = http && http->ca_file ? http->ca_file : "",
        .insecure_skip_tls_verify = http && http->insecure_skip_tls_verify,
        .pass_credentials_all = http && http->pass_credentials_all,
    };
    struct hc_error de;
    hc_error_init(&de);
    hc_status rc = hc_repo_download_index(&e, cache_dir, http, &de);
    char *ipath = hc_repo_cache_index_path(cache_dir, name);
    char *cpath = cache_file(cache_dir, name, "-charts.txt");
    if (rc != HC_OK) {
        rc = hc_error_set(err, rc,
                          "looks like \"%s\" is not a valid chart repository or cannot be "
                          "reached: %s",
                          repo_url, hc_error_msg(&de));
        hc_error_release(&de);
        goto out;
    }
    if (!ipath || !cpath) {
        rc = hc_error_nomem(err);
        goto out;
    }
    struct hc_repo_load_opts lo = {.names = &chart, .n_names = 1};
    struct hc_repo_index *ix = NULL;
    rc = hc_repo_index_load(ipath, &lo, &ix, err);
    if (rc != HC_OK)
        goto out;
    const struct hc_repo_version *cv = NULL;
    if (hc_repo_index_get(ix, chart, version, &cv, NULL, &de) != HC_OK) {
        hc_error_release(&de);
        if (version && *version)
            rc = hc_error_set(err, HC_ERR_NOT_FOUND,
                              "chart \"%s\" version \"%s\" not found in %s repository", chart,
                              version, repo_url);
        else
            rc = hc_error_set(err, HC_ERR_NOT_FOUND, "chart \"%s\" not found in %s repository",
                              chart, repo_url);
    } else if (cv->n_urls == 0) {
        rc = version && *version
                 ? hc_error_set(err, HC_ERR_NOT_FOUND,
                                "chart \"%s\" version \"%s\" has no downloadable URLs", chart,
                                version)
                 : hc_error_set(err, HC_ERR_NOT_FOUND, "chart \"%s\" has no downloadable URLs",
                                chart);
    } else {
        *url = hc_url_resolve(repo_url, cv->urls[0]);
        if (!*url)
            rc = hc_error_nomem(err);
    }
    hc_repo_index_free(ix);
out:
    if (ipath)
        unlink(ipath);
    if (cpath)
        unlink(cpath);
    free(ipath);
    free(cpath);
    return rc;
}

/* ---- ExpandFile ---- */

struct expand {
    const char *dir;
    char *chart; /* malloc'ed, from Chart.yaml */
    bool bad_yaml;
    struct hc_error yerr;
};

static hc_status find_name(void *ctx, const struct hc_tgz_entry *e, bool *stop,
                           struct hc_error *err)
{
    (void)err;
    struct expand *x = ctx;
    if (strcmp(e->name, "Chart.yaml") != 0)
        return HC_OK;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    hc_val doc;
    hc_error_release(&x->yerr);
    free(x->chart);
    x->chart = NULL;
    x->bad_yaml = false;
    if (hc_yaml_read(&a, e->data, e->len, NULL, &doc, &x->yerr) != HC_OK) {
        x->bad_yaml = true;
        *stop = true;
    } else if (doc.kind == HC_MAP && doc.u.m) {
        hc_val n;
        if (hc_map_get(doc.u.m, "name", 4, &n) && n.kind == HC_STRING)
            x->chart = strndup(n.u.s, n.len);
    }
    hc_arena_free(&a);
    return HC_OK;
}

static hc_status write_file(void *ctx, const struct hc_tgz_entry *e, bool *stop,
                            struct hc_error *err)
{
    (void)stop;
    struct expand *x = ctx;
    struct hc_buf p = HC_BUF_INIT;
    hc_buf_printf(&p, "%s/%s/%s", x->dir, x->chart, e->name);
    if (!hc_buf_ok(&p))
        return hc_error_nomem(err);
    hc_status rc = hc_file_mkdir_parent(p.data, 0755, err);
    if (rc == HC_OK) {
        int fd = open(p.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
        char eb[128];
        if (fd < 0) {
            rc = hc_error_set(err, HC_ERR_IO, "open %s: %s", p.data, hc_file_errstr(errno, eb));
        } else {
            size_t off = 0;
            while (rc == HC_OK && off < e->len) {
                ssize_t w = write(fd, e->data + off, e->len - off);
                if (w <= 0)
                    rc = hc_error_set(err, HC_ERR_IO, "write %s: %s", p.data,
                                      hc_file_errstr(errno, eb));
                else
                    off += (size_t)w;
            }
            close(fd);
        }
    }
    hc_buf_release(&p);
    return rc;
}

hc_status hc_repo_expand_chart(const char *dir, const char *tgz, struct hc_error *err)
{
    char *data = NULL;
    size_t len = 0;
    hc_status rc = hc_file_read(tgz, MAX_CHART_BYTES, &data, &len, err);
    if (rc != HC_OK)
        return rc;
    struct expand x = {.dir = dir};
    hc_error_init(&x.yerr);
    rc = hc_tgz_read_mem(data ? data : "", len, NULL, find_name, &x, err);
    if (rc == HC_OK && x.bad_yaml)
        rc = hc_error_set(err, HC_ERR_PARSE, "cannot load Chart.yaml: %s", hc_error_msg(&x.yerr));
    else if (rc == HC_OK && (!x.chart || !*x.chart))
        rc = hc_error_set(err, HC_ERR_INVALID, "chart name not specified");
    else if (rc == HC_OK && (!strcmp(x.chart, ".") || !strcmp(x.chart, "..")))
        rc = hc_error_set(err, HC_ERR_INVALID, "chart name \"%s\" is not allowed", x.chart);
    else if (rc == HC_OK && strchr(x.chart, '/'))
        rc = hc_error_set(err, HC_ERR_INVALID, "chart name \"%s\" must not contain path separators",
                          x.chart);
    if (rc == HC_OK)
        rc = hc_tgz_read_mem(data, len, NULL, write_file, &x, err);
    hc_error_release(&x.yerr);
    free(x.chart);
    free(data);
    return rc;
}
