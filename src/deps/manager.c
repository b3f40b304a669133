/*
 * manager.c - `helm dependency update|build`: resolve, download, move into charts/, lock.
 *
 * Mirrors pkg/downloader/manager.go (Update, Build, resolveRepoNames, ensureMissingRepos,
 * UpdateRepositories, downloadAll, safeMoveDeps, findChartURL, writeLock,
 * tarFromLocalDir) and internal/resolver (Resolve, GetLocalPath).  Differences: repository
 * updates run one after another in repositories.yaml's order (Helm's run in parallel and
 * print in completion order), oci:// dependencies are refused, and --verify cannot check a
 * provenance file's signature yet (enum hc_dep_verify).
 */
#include "deps/deps.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/path.h"
#include "chart/chart.h"
#include "helmc/net.h"
#include "helmc/package.h"
#include "helmc/release.h"
#include "helmc/repo.h"
#include "helmc/semver.h"

/* Chart archives the manager moves: helm's loader limit on a packed chart. */
#define MAX_ARCHIVE_SIZE ((size_t)100 << 20)

/* Helm's managerKeyPrefix: cache names of repositories not in repositories.yaml. */
static const char manager_key_prefix[] = "helm-manager-";

/* ---- small helpers shared with list.c (deps.h) ---- */

const char *hc_dep_field(hc_val dep, const char *go_name)
{
    hc_val v = hc_null();
    if (dep.kind == HC_MAP && dep.u.m)
        hc_map_get(dep.u.m, go_name, strlen(go_name), &v);
    return v.kind == HC_STRING ? v.u.s : "";
}

char *hc_dep_join(struct hc_arena *a, const char *x, const char *y)
{
    char *j = hc_arena_printf(a, "%s%s%s", x, *x && *y ? "/" : "", y);
    if (!j)
        return NULL;
    size_t n = strlen(j);
    char *c = hc_arena_alloc(a, 2 * n + 4);
    if (!c)
        return NULL;
    c[hc_path_clean(j, n, c)] = '\0';
    return c;
}

char *hc_dep_read_file(struct hc_arena *a, const char *path, size_t max, size_t *len, int *eno)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *eno = errno;
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
        *eno = S_ISDIR(st.st_mode) ? EISDIR : EFBIG;
        close(fd);
        return NULL;
    }
    size_t n = (size_t)st.st_size;
    char *buf = hc_arena_alloc(a, n + 1);
    size_t got = 0;
    while (buf && got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r <= 0) {
            *eno = r < 0 ? errno : EIO;
            close(fd);
            return NULL;
        }
        got += (size_t)r;
    }
    close(fd);
    if (!buf) {
        *eno = ENOMEM;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

hc_status hc_dep_load_chart(const char *path, struct hc_chart **out, struct hc_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return hc_error_set(err, HC_ERR_IO, "stat %s: %s", path,
                            errno == ENOENT ? "no such file or directory" : strerror(errno));
    if (S_ISDIR(st.st_mode))
        return hc_chart_load_dir(path, NULL, out, err);
    return hc_chart_load_file(path, NULL, out, err);
}

int hc_dep_version_ok(const char *constraint, const char *version)
{
    struct hc_semver_constraints *c = NULL;
    if (hc_semver_constraints_parse(constraint, strlen(constraint), &c, NULL) != HC_OK)
        return -1;
    struct hc_semver v;
    int r = -2;
    if (hc_semver_parse(&v, version, strlen(version), NULL) == HC_OK)
        r = hc_semver_constraints_check(c, &v);
    hc_semver_constraints_free(c);
    return r;
}

/* ---- the manager ---- */

struct manager {
    const char *chart; /* the chart directory, as given */
    const struct hc_dep_opts *o;
    struct hc_arena a;
    struct hc_buf *out;
    struct hc_chart *c;
    struct hc_repo_file *rf; /* repositories.yaml */
    hc_val req;         /* a copy of Chart.yaml's dependencies (resolveRepoNames changes it) */
    const char **names; /* per dependency: its repository's cache name, or NULL */
    hc_val lock;        /* the resolved dependencies */
};

static hc_status nomem(struct hc_error *err)
{
    return hc_error_nomem(err);
}

static bool has_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static bool is_oci(const char *s)
{
    return has_prefix(s, "oci://");
}

static hc_status set_field(struct manager *m, hc_val dep, const char *go, const char *s)
{
    char *d = hc_arena_strdup(&m->a, s);
    if (!d || hc_map_set(&m->a, dep.u.m, go, strlen(go), hc_strn(d, strlen(d))) != HC_OK)
        return HC_ERR_NOMEM;
    return HC_OK;
}

/* resolver.GetLocalPath: file:// path (or a path) relative to the chart, which must exist. */
static char *local_path(struct manager *m, const char *repo, struct hc_error *err)
{
    const char *p = has_prefix(repo, "file://") ? repo + 7 : repo;
    char *dep;
    if (p[0] == '/')
        dep = hc_dep_join(&m->a, "/", p);
    else
        dep = hc_dep_join(&m->a, m->chart, p);
    if (!dep) {
        nomem(err);
        return NULL;
    }
    struct stat st;
    if (stat(dep, &st) != 0) {
        if (errno == ENOENT)
            hc_error_set(err, HC_ERR_IO, "directory %s not found", dep);
        else
            hc_error_set(err, HC_ERR_IO, "stat %s: %s", dep, strerror(errno));
        return NULL;
    }
    return dep;
}

static bool parse_request_uri(const char *s)
{
    /* url.ParseRequestURI: an absolute URL (scheme ':') or an absolute path */
    if (s[0] == '/')
        return true;
    const char *c = strchr(s, ':');
    if (!c || c == s)
        return false;
    for (const char *p = s; p < c; p++) {
        bool alpha = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
        bool ok = alpha || (p > s && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
                                      *p == '.'));
        if (!ok)
            return false;
    }
    return true;
}

/* resolveRepoNames: cache names of the dependencies' repositories; @name and alias:name
 * become the repository's URL. */
static hc_status resolve_repo_names(struct manager *m, struct hc_error *err)
{
    size_t n = m->req.u.l->len;
    struct hc_buf missing = HC_BUF_INIT;
    bool non_url = false;
    for (size_t i = 0; i < n; i++) {
        hc_val d = m->req.u.l->items[i];
        const char *repo = hc_dep_field(d, "Repository");
        if (!*repo)
            continue;
        if (has_prefix(repo, "file://")) {
            if (!local_path(m, repo, err)) {
                hc_buf_release(&missing);
                return err->code;
            }
            if (m->o->debug)
                hc_buf_printf(m->out, "Repository from local path: %s\n", repo);
            m->names[i] = repo;
            continue;
        }
        if (is_oci(repo)) {
            m->names[i] = repo;
            continue;
        }
        bool found = false;
        for (size_t k = 0; k < m->rf->n_repos && !found; k++) {
            const struct hc_repo_entry *r = &m->rf->repos[k];
            if ((repo[0] == '@' && strcmp(repo + 1, r->name) == 0) ||
                (has_prefix(repo, "alias:") && strcmp(repo + 6, r->name) == 0)) {
                found = true;
                if (set_field(m, d, "Repository", r->url) != HC_OK)
                    return nomem(err);
                m->names[i] = r->name;
            } else if (hc_dep_url_equal(r->url, repo)) {
                found = true;
                m->names[i] = r->name;
            }
        }
        if (found || parse_request_uri(repo))
            continue;
        if (missing.len)
            hc_buf_adds(&missing, ", ");
        hc_buf_adds(&missing, repo);
        if (!strstr(repo, "//") && repo[0] != '@' && !has_prefix(repo, "alias:"))
            non_url = true;
    }
    hc_status rc = HC_OK;
    if (!hc_buf_ok(&missing))
        rc = nomem(err);
    else if (missing.len)
        rc = hc_error_set(
            err, HC_ERR_INVALID, "no repository definition for %s. Please add them via 'helm repo add'%s",
            hc_buf_str(&missing),
            non_url ? "\nNote that repositories must be URLs or aliases. For example, to refer to "
                      "the \"example\"\nrepository, use \"https://charts.example.com/\" or "
                      "\"@example\" instead of\n\"example\". Don't forget to add the repo, too "
                      "('helm repo add')."
                    : "");
    hc_buf_release(&missing);
    return rc;
}

/* MkdirAll. */
static int mkdir_all(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int r = mkdir(path, 0755);
        *p = '/';
        if (r != 0 && errno != EEXIST)
            return -1;
    }
    return mkdir(path, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

static hc_status write_file(const char *path, const char *data, size_t len, struct hc_error *err)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return hc_error_set(err, HC_ERR_IO, "open %s: %s", path, strerror(errno));
    bool ok = fwrite(data, 1, len, f) == len;
    ok = (fclose(f) == 0) && ok;
    if (!ok) {
        unlink(path);
        return hc_error_set(err, HC_ERR_IO, "write %s: %s", path, strerror(errno));
    }
    return HC_OK;
}

/* A GET with the credentials and TLS of the repository entry r (or none). */
static hc_status fetch(const char *url, const struct hc_repo_entry *r, struct hc_buf *body,
                       struct hc_error *err)
{
    struct hc_http_opts o = {0};
    if (r)
        hc_repo_entry_http_opts(r, &o);
    return hc_http_get(url, &o, body, err);
}

/* ChartRepository.DownloadIndexFile into the repository cache. */
static hc_status download_index(struct manager *m, const struct hc_repo_entry *r,
                                struct hc_error *err)
{
    return hc_repo_download_index(r, m->o->repository_cache ? m->o->repository_cache : ".", NULL,
                                  err);
}

/* getter.All's schemes: a repository of another scheme cannot be read at all. */
static hc_status check_scheme(const char *url, struct hc_error *err)
{
    size_t n = strcspn(url, ":/?#");
    if (url[n] == ':' && ((n == 4 && strncmp(url, "http", 4) == 0) ||
                          (n == 5 && strncmp(url, "https", 5) == 0)))
        return HC_OK;
    return hc_error_set(err, HC_ERR_INVALID, "could not find protocol handler for: %.*s",
                        url[n] == ':' ? (int)n : 0, url);
}

/* parallelRepoUpdate, one repository after another. */
static hc_status update_repos(struct manager *m, const struct hc_repo_entry *repos, size_t n,
                              struct hc_error *err)
{
    for (size_t i = 0; i < n; i++) /* NewChartRepository fails before any download */
        if (check_scheme(repos[i].url, err) != HC_OK)
            return err->code;
    for (size_t i = 0; i < n; i++) {
        bool dup = false; /* dedupeRepos: one update per URL, the last entry naming it */
        for (size_t k = i + 1; k < n && !dup; k++)
            dup = hc_dep_url_equal(repos[k].url, repos[i].url);
        if (dup)
            continue;
        struct hc_error derr;
        hc_error_init(&derr);
        bool managed = !has_prefix(repos[i].name, manager_key_prefix);
        if (download_index(m, &repos[i], &derr) != HC_OK) {
            if (managed)
                hc_buf_printf(m->out,
                              "...Unable to get an update from the \"%s\" chart repository (%s):\n"
                              "\t%s\n",
                              repos[i].name, repos[i].url, hc_error_msg(&derr));
            else
                hc_buf_printf(m->out,
                              "...Unable to get an update from the \"%s\" chart repository:\n\t%s\n",
                              repos[i].url, hc_error_msg(&derr));
        } else {
            hc_buf_printf(m->out, "...Successfully got an update from the \"%s\" chart repository\n",
                          managed ? repos[i].name : repos[i].url);
        }
        hc_error_release(&derr);
    }
    return HC_OK;
}

static hc_status update_repositories(struct manager *m, struct hc_error *err)
{
    if (m->rf->n_repos == 0)
        return HC_OK;
    hc_buf_adds(m->out, "Hang tight while we grab the latest from your chart repositories...\n");
    hc_status rc = update_repos(m, m->rf->repos, m->rf->n_repos, err);
    if (rc == HC_OK)
        hc_buf_adds(m->out, "Update Complete. \xE2\x8E\x88Happy Helming!\xE2\x8E\x88\n");
    return rc;
}

static char *sha256_hex(struct hc_arena *a, const char *s)
{
    unsigned char h[EVP_MAX_MD_SIZE];
    unsigned int hl = 0;
    if (!EVP_Digest(s, strlen(s), h, &hl, EVP_sha256(), NULL))
        return NULL;
    char *out = hc_arena_alloc(a, 2 * hl + 1);
    for (unsigned int i = 0; out && i < hl; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
    return out;
}

/* ensureMissingRepos: repositories not in repositories.yaml get a generated cache name. */
static hc_status ensure_missing_repos(struct manager *m, struct hc_error *err)
{
    size_t n = m->req.u.l->len, nru = 0;
    struct hc_repo_entry *ru = hc_arena_array(&m->a, n + 1, sizeof *ru);
    if (!ru)
        return nomem(err);
    for (size_t i = 0; i < n; i++) {
        hc_val d = m->req.u.l->items[i];
        const char *repo = hc_dep_field(d, "Repository");
        if (!*repo || m->names[i])
            continue;
        char *h = sha256_hex(&m->a, repo);
        char *rn = h ? hc_arena_printf(&m->a, "%s%s", manager_key_prefix, h) : NULL;
        if (!rn)
            return nomem(err);
        m->names[i] = rn;
        memset(&ru[nru], 0, sizeof ru[nru]);
        ru[nru].name = rn;
        ru[nru].url = repo;
        ru[nru].username = ru[nru].password = ru[nru].cert_file = ru[nru].key_file =
            ru[nru].ca_file = "";
        nru++;
    }
    if (!m->o->skip_refresh && nru > 0) {
        hc_buf_adds(m->out, "Getting updates for unmanaged Helm repositories...\n");
        return update_repos(m, ru, nru, err);
    }
    return HC_OK;
}

static char *cache_index(struct manager *m, const char *name)
{
    char *p = hc_repo_cache_index_path(m->o->repository_cache ? m->o->repository_cache : ".", name);
    char *r = p ? hc_arena_strdup(&m->a, p) : NULL;
    free(p);
    return r;
}

static hc_status new_dep(struct manager *m, const char *name, const char *repo, const char *version,
                         hc_val *out)
{
    struct hc_map *d = hc_map_new(&m->a, 3);
    if (!d)
        return HC_ERR_NOMEM;
    *out = hc_map_val(d, HC_GT_MAP);
    if (set_field(m, *out, "Name", name) != HC_OK || set_field(m, *out, "Repository", repo) != HC_OK ||
        set_field(m, *out, "Version", version) != HC_OK)
        return HC_ERR_NOMEM;
    return HC_OK;
}

/* resolver.Resolve: each dependency to one version. */
static hc_status resolve(struct manager *m, struct hc_error *err)
{
    size_t n = m->req.u.l->len, nmissing = 0;
    struct hc_list *locked = hc_list_new(&m->a, n);
    if (!locked)
        return nomem(err);
    struct hc_buf missing = HC_BUF_INIT;
    hc_status rc = HC_OK;
    for (size_t i = 0; i < n && rc == HC_OK; i++) {
        hc_val d = m->req.u.l->items[i];
        const char *name = hc_dep_field(d, "Name"), *version = hc_dep_field(d, "Version");
        const char *repo = hc_dep_field(d, "Repository");
        locked->items[i] = hc_null();
        struct hc_semver_constraints *con = NULL;
        struct hc_error cerr;
        hc_error_init(&cerr);
        if (hc_semver_constraints_parse(version, strlen(version), &con, &cerr) != HC_OK) {
            rc = hc_error_set(err, HC_ERR_INVALID,
                              "dependency \"%s\" has an invalid version/constraint format: %s",
                              name, hc_error_msg(&cerr));
            hc_error_release(&cerr);
            break;
        }
        hc_error_release(&cerr);
        bool ok = true;
        const char *got = version;
        if (!*repo) {
            char *p = hc_dep_join(&m->a, "charts", name);
            if (!p || !local_path(m, p, err))
                rc = p ? err->code : nomem(err);
        } else if (has_prefix(repo, "file://")) {
            char *p = local_path(m, repo, err);
            struct hc_chart *ch = NULL;
            rc = p ? hc_chart_load_dir(p, NULL, &ch, err) : err->code;
            struct hc_semver v;
            if (rc == HC_OK) {
                got = hc_arena_strdup(&m->a, ch->meta.version);
                if (hc_semver_parse(&v, got, strlen(got), NULL) != HC_OK)
                    got = NULL; /* not a legit entry: Helm leaves it out */
                else
                    ok = hc_semver_constraints_check(con, &v);
            }
            hc_chart_free(ch);
        } else if (is_oci(repo)) {
            rc = hc_error_set(err, HC_ERR_INVALID,
                              "dependency \"%s\": oci:// repositories are not supported yet", name);
        } else {
            struct hc_dep_versions vs;
            const char *rn = m->names[i];
            char *path = cache_index(m, rn);
            struct hc_error ierr;
            hc_error_init(&ierr);
            if (!path) {
                rc = nomem(err);
            } else if ((rc = hc_dep_index_versions(&m->a, path, name, &vs, &ierr)) != HC_OK) {
                hc_error_set(err, rc, "no cached repository for %s found. (try 'helm repo update'): %s",
                             rn, hc_error_msg(&ierr));
            } else if (!vs.found) {
                rc = hc_error_set(err, HC_ERR_NOT_FOUND, "%s chart not found in repo %s", name, repo);
            } else {
                ok = false;
                for (size_t k = 0; k < vs.n && !ok; k++) {
                    struct hc_semver v;
                    if (!vs.v[k].url ||
                        hc_semver_parse(&v, vs.v[k].version, strlen(vs.v[k].version), NULL) != HC_OK)
                        continue;
                    if (hc_semver_constraints_check(con, &v)) {
                        ok = true;
                        got = vs.v[k].version;
                    }
                }
            }
            hc_error_release(&ierr);
        }
        hc_semver_constraints_free(con);
        if (rc != HC_OK)
            break;
        if (!ok) {
            if (nmissing++)
                hc_buf_adds(&missing, ", ");
            hc_buf_printf(&missing, "\"%s\" (repository \"%s\", version \"%s\")", name, repo, version);
            continue;
        }
        if (got && new_dep(m, name, repo, got, &locked->items[i]) != HC_OK)
            rc = nomem(err);
    }
    if (rc == HC_OK && !hc_buf_ok(&missing))
        rc = nomem(err);
    if (rc == HC_OK && nmissing)
        rc = hc_error_set(err, HC_ERR_NOT_FOUND,
                          "can't get a valid version for %zu subchart(s): %s. Make sure a matching "
                          "chart version exists in the repo, or change the version constraint in "
                          "Chart.yaml",
                          nmissing, hc_buf_str(&missing));
    hc_buf_release(&missing);
    m->lock = hc_list_val(locked, HC_GT_LIST);
    return rc;
}

/* tarFromLocalDir: package a file:// dependency into dir; its version into *version. */
static hc_status tar_from_local_dir(struct manager *m, hc_val dep, const char *dir,
                                    struct hc_error *err)
{
    const char *name = hc_dep_field(dep, "Name"), *version = hc_dep_field(dep, "Version");
    char *orig = local_path(m, hc_dep_field(dep, "Repository"), err);
    if (!orig)
        return err->code;
    struct hc_chart *ch = NULL;
    hc_status rc = hc_chart_load_dir(orig, NULL, &ch, err);
    if (rc != HC_OK)
        return rc;
    int ok = hc_dep_version_ok(version, ch->meta.version);
    char *chv = hc_arena_strdup(&m->a, ch->meta.version);
    hc_chart_free(ch);
    if (ok == -1) {
        struct hc_semver_constraints *con = NULL;
        struct hc_error cerr;
        hc_error_init(&cerr);
        hc_semver_constraints_parse(version, strlen(version), &con, &cerr);
        rc = hc_error_set(err, HC_ERR_INVALID,
                          "dependency %s has an invalid version/constraint format: %s", name,
                          hc_error_msg(&cerr));
        hc_error_release(&cerr);
        return rc;
    }
    if (ok == -2) {
        struct hc_semver v;
        return hc_semver_parse(&v, chv, strlen(chv), err);
    }
    if (!ok)
        return hc_error_set(err, HC_ERR_NOT_FOUND, "can't get a valid version for dependency %s",
                            name);
    struct hc_package_opts po = {NULL, NULL, m->o->mtime};
    char *path = NULL;
    rc = hc_package_dir(orig, dir, &po, &path, err);
    free(path);
    if (rc == HC_OK && (!chv || set_field(m, dep, "Version", chv) != HC_OK))
        rc = nomem(err);
    return rc;
}

static bool version_equals(const char *a, const char *b)
{
    struct hc_semver va, vb;
    if (hc_semver_parse(&va, a, strlen(a), NULL) != HC_OK)
        return strcmp(a, b) == 0;
    if (hc_semver_parse(&vb, b, strlen(b), NULL) != HC_OK)
        return false;
    return hc_semver_compare(&va, &vb) == 0;
}

/* findChartURL for http(s) repositories; *repo the matching repositories.yaml entry or NULL. */
static hc_status find_chart_url(struct manager *m, size_t idx, const char *name,
                                const char *version, const char *repo_url, char **url,
                                const struct hc_repo_entry **repo, struct hc_error *err)
{
    *url = NULL;
    *repo = NULL;
    for (size_t k = 0; k < m->rf->n_repos; k++) {
        if (!hc_dep_url_equal(repo_url, m->rf->repos[k].url))
            continue;
        *repo = &m->rf->repos[k];
        struct hc_dep_versions vs;
        char *path = cache_index(m, m->rf->repos[k].name);
        if (!path)
            return nomem(err);
        hc_status rc = hc_dep_index_versions(&m->a, path, name, &vs, err);
        if (rc != HC_OK)
            return rc;
        if (!vs.found)
            return hc_error_set(err, HC_ERR_NOT_FOUND, "entry not found");
        for (size_t i = 0; i < vs.n; i++) {
            if (!vs.v[i].url)
                continue;
            if (!*version || version_equals(version, vs.v[i].version)) {
                *url = hc_dep_resolve_url(&m->a, repo_url, vs.v[i].url);
                return *url ? HC_OK : nomem(err);
            }
        }
        return hc_error_set(err, HC_ERR_NOT_FOUND, "no matching version");
    }
    /* repo.FindChartInRepoURL: the index of a repository Helm does not manage */
    (void)idx;
    char *found = NULL;
    struct hc_error ierr;
    hc_error_init(&ierr);
    hc_status rc = hc_repo_find_chart_in_url(repo_url, name, version, NULL,
                                             m->o->repository_cache ? m->o->repository_cache : ".",
                                             &found, &ierr);
    if (rc == HC_OK) {
        *url = hc_arena_strdup(&m->a, found);
        if (!*url)
            rc = nomem(err);
    } else {
        hc_error_set(err, rc, "chart %s not found in %s: %s", name, repo_url, hc_error_msg(&ierr));
    }
    free(found);
    hc_error_release(&ierr);
    return rc;
}

static int rm_rf(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                rm_rf(p);
            else
                unlink(p);
        }
        closedir(d);
        return rmdir(path);
    }
    return unlink(path);
}

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* os.ReadDir's regular files (not directories), sorted. */
static char **read_dir_files(struct hc_arena *a, const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t cap = 16;
    char **v = hc_arena_array(a, cap, sizeof *v);
    struct dirent *e;
    while (v && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *p = hc_arena_printf(a, "%s/%s", dir, e->d_name);
        struct stat st;
        if (!p || (stat(p, &st) == 0 && S_ISDIR(st.st_mode)))
            continue;
        if (*n + 1 >= cap) {
            v = hc_arena_realloc(a, v, cap * sizeof *v, cap * 2 * sizeof *v);
            cap *= 2;
        }
        if (v)
            v[(*n)++] = hc_arena_strdup(a, e->d_name);
    }
    closedir(d);
    if (v)
        qsort(v, *n, sizeof *v, cmp_names);
    return v;
}

/* safeMoveDeps: the new archives into charts/, other chart archives there removed. */
static hc_status safe_move_deps(struct manager *m, hc_val deps, const char *src, const char *dest,
                                struct hc_error *err)
{
    size_t ns, nd;
    char **sf = read_dir_files(&m->a, src, &ns), **df = read_dir_files(&m->a, dest, &nd);
    if (!sf || !df)
        return hc_error_set(err, HC_ERR_IO, "open %s: %s", sf ? dest : src, strerror(errno));
    for (size_t i = 0; i < ns; i++) {
        char *from = hc_arena_printf(&m->a, "%s/%s", src, sf[i]);
        char *to = hc_arena_printf(&m->a, "%s/%s", dest, sf[i]);
        if (!from || !to)
            return nomem(err);
        struct hc_chart *c = NULL;
        struct hc_error lerr;
        hc_error_init(&lerr);
        if (hc_chart_load_file(from, NULL, &c, &lerr) != HC_OK) {
            hc_buf_printf(m->out, "Could not verify %s for moving: %s (Skipping)", from,
                          hc_error_msg(&lerr));
            hc_error_release(&lerr);
            continue;
        }
        hc_error_release(&lerr);
        hc_chart_free(c);
        if (rename(from, to) != 0)
            hc_buf_printf(m->out, "Unable to move %s to charts dir %s (Skipping)", from,
                          strerror(errno));
    }
    hc_buf_adds(m->out, "Deleting outdated charts\n");
    for (size_t i = 0; i < nd; i++) {
        bool in_src = false;
        for (size_t k = 0; k < ns && !in_src; k++)
            in_src = strcmp(sf[k], df[i]) == 0;
        if (in_src)
            continue;
        char *f = hc_arena_printf(&m->a, "%s/%s", dest, df[i]);
        if (!f)
            return nomem(err);
        struct hc_chart *c = NULL;
        struct hc_error lerr;
        hc_error_init(&lerr);
        if (hc_chart_load_file(f, NULL, &c, &lerr) != HC_OK) {
            hc_buf_printf(m->out, "Could not verify %s for deletion: %s (Skipping)\n", f,
                          hc_error_msg(&lerr));
            hc_error_release(&lerr);
            continue;
        }
        hc_error_release(&lerr);
        bool local = false;
        for (uint32_t k = 0; deps.kind == HC_LIST && deps.u.l && k < deps.u.l->len; k++) {
            hc_val d = deps.u.l->items[k];
            local = local || (!*hc_dep_field(d, "Repository") &&
                              strcmp(hc_dep_field(d, "Name"), hc_chart_name(c)) == 0);
        }
        hc_chart_free(c);
        if (!local && unlink(f) != 0)
            hc_buf_printf(m->out, "Could not delete %s: %s (Skipping)", f, strerror(errno));
    }
    return HC_OK;
}

/* The last path element of a URL's path. */
static const char *url_base(const char *url)
{
    const char *end = url + strcspn(url, "?#");
    const char *p = end;
    while (p > url && p[-1] != '/')
        p--;
    static char buf[1024];
    size_t n = (size_t)(end - p);
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

/* ChartDownloader.DownloadTo's provenance step, as far as it goes without signatures. */
static hc_status verify(struct manager *m, const char *url, const struct hc_repo_entry *r,
                        struct hc_error *err)
{
    char *prov = hc_arena_printf(&m->a, "%s.prov", url);
    if (!prov)
        return nomem(err);
    struct hc_buf body;
    hc_buf_init(&body, MAX_ARCHIVE_SIZE);
    struct hc_error perr;
    hc_error_init(&perr);
    hc_status rc = fetch(prov, r, &body, &perr);
    hc_buf_release(&body);
    if (rc != HC_OK && m->o->verify == HC_DEP_VERIFY_ALWAYS) {
        hc_error_set(err, rc, "failed to fetch provenance \"%s\"", prov);
    } else if (rc != HC_OK) {
        hc_buf_printf(m->out, "WARNING: Verification not found for %s: %s\n", url,
                      hc_error_msg(&perr));
        rc = HC_OK;
    } else {
        rc = hc_error_set(err, HC_ERR_INVALID, "verifying provenance files is not implemented yet");
    }
    hc_error_release(&perr);
    return rc;
}

/* downloadAll: every dependency into a scratch directory, then moved into charts/. */
static hc_status download_all(struct manager *m, hc_val deps, struct hc_error *err)
{
    for (size_t k = 0; k < m->rf->n_repos; k++) { /* loadChartRepositories: every cache must load */
        char *p = cache_index(m, m->rf->repos[k].name);
        struct stat st;
        if (!p)
            return nomem(err);
        if (stat(p, &st) != 0)
            return hc_error_set(err, HC_ERR_IO, "open %s: %s", p,
                                errno == ENOENT ? "no such file or directory" : strerror(errno));
    }
    char *dest = hc_dep_join(&m->a, m->chart, "charts");
    char *tmp = hc_arena_printf(&m->a, "%s/tmpcharts-%d", m->chart, (int)getpid());
    if (!dest || !tmp || !(tmp = hc_dep_join(&m->a, tmp, "")))
        return nomem(err);
    struct stat st;
    if (stat(dest, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return hc_error_set(err, HC_ERR_IO, "\"%s\" is not a directory", dest);
    } else if (errno == ENOENT) {
        if (mkdir_all(dest) != 0)
            return hc_error_set(err, HC_ERR_IO, "mkdir %s: %s", dest, strerror(errno));
    } else {
        return hc_error_set(err, HC_ERR_IO, "unable to retrieve file info for '%s': %s", dest,
                            strerror(errno));
    }
    if (mkdir_all(tmp) != 0)
        return hc_error_set(err, HC_ERR_IO, "mkdir %s: %s", tmp, strerror(errno));
    size_t n = deps.kind == HC_LIST && deps.u.l ? deps.u.l->len : 0;
    hc_buf_printf(m->out, "Saving %zu charts\n", n);
    hc_status rc = HC_OK;
    const char **seen = hc_arena_array(&m->a, n + 1, sizeof *seen);
    size_t nseen = 0;
    if (!seen)
        rc = nomem(err);
    for (size_t i = 0; i < n && rc == HC_OK; i++) {
        hc_val d = deps.u.l->items[i];
        const char *name = hc_dep_field(d, "Name"), *version = hc_dep_field(d, "Version");
        const char *repo = hc_dep_field(d, "Repository");
        if (!*repo) {
            hc_buf_printf(m->out,
                          "Dependency %s did not declare a repository. Assuming it exists in the "
                          "charts directory\n",
                          name);
            char *p = hc_dep_join(&m->a, dest, name);
            struct hc_chart *ch = NULL;
            struct hc_error lerr;
            hc_error_init(&lerr);
            if (!p) {
                hc_error_release(&lerr);
                return nomem(err);
            }
            if (hc_chart_load_dir(p, NULL, &ch, &lerr) != HC_OK) {
                rc = hc_error_set(err, lerr.code, "unable to load chart '%s': %s", p,
                                  hc_error_msg(&lerr));
                hc_error_release(&lerr);
                goto out;
            }
            hc_error_release(&lerr);
            int ok = hc_dep_version_ok(version, ch->meta.version);
            if (ok == -1)
                rc = hc_error_set(err, HC_ERR_INVALID,
                                  "dependency %s has an invalid version/constraint format", name);
            else if (ok == -2)
                rc = hc_error_set(err, HC_ERR_INVALID, "invalid version %s for dependency %s",
                                  version, name);
            else if (!ok)
                rc = hc_error_set(err, HC_ERR_INVALID,
                                  "dependency %s at version %s does not satisfy the constraint %s",
                                  name, ch->meta.version, version);
            hc_chart_free(ch);
            if (ok == 0)
                break;
            if (rc != HC_OK)
                goto out;
            continue;
        }
        if (has_prefix(repo, "file://")) {
            if (m->o->debug)
                hc_buf_printf(m->out, "Archiving %s from repo %s\n", name, repo);
            rc = tar_from_local_dir(m, d, tmp, err);
            continue;
        }
        if (is_oci(repo)) {
            rc = hc_error_set(err, HC_ERR_INVALID,
                              "dependency \"%s\": oci:// repositories are not supported yet", name);
            break;
        }
        char *url = NULL;
        const struct hc_repo_entry *r = NULL;
        struct hc_error ferr;
        hc_error_init(&ferr);
        rc = find_chart_url(m, i, name, version, repo, &url, &r, &ferr);
        if (rc != HC_OK) {
            hc_error_set(err, rc, "could not find %s: %s", url ? url : "", hc_error_msg(&ferr));
            hc_error_release(&ferr);
            break;
        }
        bool dup = false;
        for (size_t k = 0; k < nseen && !dup; k++)
            dup = strcmp(seen[k], url) == 0;
        if (dup) {
            hc_buf_printf(m->out, "Already downloaded %s from repo %s\n", name, repo);
            hc_error_release(&ferr);
            continue;
        }
        hc_buf_printf(m->out, "Downloading %s from repo %s\n", name, repo);
        struct hc_buf body;
        hc_buf_init(&body, MAX_ARCHIVE_SIZE);
        rc = fetch(url, r, &body, &ferr);
        char *file = rc == HC_OK ? hc_arena_printf(&m->a, "%s/%s", tmp, url_base(url)) : NULL;
        if (rc == HC_OK && !file)
            rc = hc_error_nomem(&ferr);
        if (rc == HC_OK)
            rc = write_file(file, body.data ? body.data : "", body.len, &ferr);
        hc_buf_release(&body);
        if (rc == HC_OK && m->o->verify != HC_DEP_VERIFY_NEVER)
            rc = verify(m, url, r, &ferr);
        if (rc != HC_OK) {
            hc_error_set(err, rc, "could not download %s: %s", url, hc_error_msg(&ferr));
            hc_error_release(&ferr);
            break;
        }
        hc_error_release(&ferr);
        seen[nseen++] = url;
    }
    if (rc != HC_OK) {
        hc_buf_printf(m->out, "Save error occurred:  %s\n", hc_error_msg(err));
        goto out;
    }
    rc = safe_move_deps(m, deps, tmp, dest, err);
out:
    rm_rf(tmp);
    return rc;
}

/* writeLock: Chart.lock (requirements.lock for apiVersion v1), never through a symlink. */
static hc_status write_lock(struct manager *m, const char *digest, struct hc_error *err)
{
    bool v1 = strcmp(m->c->meta.api_version, "v1") == 0;
    const char *fname = v1 ? "requirements.lock" : "Chart.lock";
    struct hc_buf t = HC_BUF_INIT;
    hc_stamp_format(&t, hc_stamp_from_unix(m->o->now_sec, m->o->now_nsec, m->o->now_offset));
    char *gen = hc_buf_ok(&t) ? hc_arena_strndup(&m->a, t.data, t.len) : NULL;
    hc_buf_release(&t);
    char *dest = hc_dep_join(&m->a, m->chart, fname);
    if (!gen || !dest)
        return nomem(err);
    struct hc_chart_lock lock = {gen, digest, m->lock};
    struct hc_buf y = HC_BUF_INIT;
    hc_status rc = hc_chart_lock_write(&y, &lock, err);
    struct stat st;
    if (rc == HC_OK && lstat(dest, &st) == 0 && S_ISLNK(st.st_mode)) {
        char link[4096];
        ssize_t ln = readlink(dest, link, sizeof link - 1);
        link[ln > 0 ? ln : 0] = '\0';
        rc = hc_error_set(err, HC_ERR_IO, "the %s file is a symlink to \"%s\"", fname, link);
    }
    if (rc == HC_OK)
        rc = write_file(dest, y.data ? y.data : "", y.len, err);
    hc_buf_release(&y);
    return rc;
}

/* The lock file the loader would keep for the chart, if any. */
static hc_status read_lock(struct manager *m, struct hc_chart_lock *lock, bool *present,
                           struct hc_error *err)
{
    *present = false;
    bool v1 = strcmp(m->c->meta.api_version, "v1") == 0;
    const char *fname = v1 ? "requirements.lock" : "Chart.lock";
    char *path = hc_dep_join(&m->a, m->chart, fname);
    if (!path)
        return nomem(err);
    size_t len;
    int eno;
    char *text = hc_dep_read_file(&m->a, path, HC_CHART_MAX_FILE_SIZE, &len, &eno);
    if (!text)
        return HC_OK;
    return hc_chart_lock_read(&m->a, text, len, fname, lock, present, err);
}

static hc_status open_manager(struct manager *m, const char *dir, const struct hc_dep_opts *o,
                              struct hc_error *err)
{
    memset(m, 0, sizeof *m);
    m->chart = dir;
    m->o = o;
    m->out = o->out;
    hc_arena_init(&m->a, 0);
    struct stat st;
    if (stat(dir, &st) != 0)
        return hc_error_set(err, HC_ERR_IO, "could not find %s: stat %s: %s", dir, dir,
                            errno == ENOENT ? "no such file or directory" : strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return hc_error_set(err, HC_ERR_INVALID, "only unpacked charts can be updated");
    hc_status rc = hc_chart_load_dir(dir, NULL, &m->c, err);
    if (rc != HC_OK)
        return rc;
    hc_val deps = hc_null();
    hc_map_get(hc_chart_metadata(m->c).u.m, "Dependencies", 12, &deps);
    if (deps.kind == HC_LIST && deps.u.l && deps.u.l->len > 0) { /* else Helm's nil */
        rc = hc_val_copy(&m->a, deps, false, &m->req);
        if (rc != HC_OK)
            return nomem(err);
        m->names = hc_arena_zalloc(&m->a, (m->req.u.l->len + 1) * sizeof *m->names);
        if (!m->names)
            return nomem(err);
    }
    return hc_repo_file_load(o->repository_config && *o->repository_config ? o->repository_config
                                                                          : "repositories.yaml",
                             true, &m->rf, err);
}

static void close_manager(struct manager *m)
{
    hc_repo_file_free(m->rf);
    hc_chart_free(m->c);
    hc_arena_free(&m->a);
}

static hc_status update(struct manager *m, const struct hc_chart_lock *old, struct hc_error *err)
{
    if (m->req.kind != HC_LIST)
        return HC_OK;
    hc_status rc = resolve_repo_names(m, err);
    if (rc == HC_OK)
        rc = ensure_missing_repos(m, err);
    if (rc == HC_OK && !m->o->skip_refresh)
        rc = update_repositories(m, err);
    if (rc == HC_OK)
        rc = resolve(m, err);
    if (rc == HC_OK)
        rc = download_all(m, m->lock, err);
    struct hc_buf digest = HC_BUF_INIT;
    if (rc == HC_OK)
        rc = hc_chart_lock_digest(m->req, m->lock, &digest, err);
    if (rc == HC_OK && !(old && strcmp(old->digest, hc_buf_str(&digest)) == 0))
        rc = write_lock(m, hc_buf_str(&digest), err);
    hc_buf_release(&digest);
    return rc;
}

hc_status hc_dep_update(const char *chart_dir, const struct hc_dep_opts *opts,
                        struct hc_error *err)
{
    struct manager m;
    hc_status rc = open_manager(&m, chart_dir, opts, err);
    struct hc_chart_lock lock;
    bool present = false;
    if (rc == HC_OK)
        rc = read_lock(&m, &lock, &present, err);
    if (rc == HC_OK)
        rc = update(&m, present ? &lock : NULL, err);
    close_manager(&m);
    return rc;
}

hc_status hc_dep_build(const char *chart_dir, const struct hc_dep_opts *opts, struct hc_error *err)
{
    struct manager m;
    hc_status rc = open_manager(&m, chart_dir, opts, err);
    struct hc_chart_lock lock;
    bool present = false;
    if (rc == HC_OK)
        rc = read_lock(&m, &lock, &present, err);
    if (rc != HC_OK || !present) {
        if (rc == HC_OK)
            rc = update(&m, NULL, err);
        close_manager(&m);
        return rc;
    }
    bool v1 = strcmp(m.c->meta.api_version, "v1") == 0;
    hc_val req = m.req;
    if (req.kind != HC_LIST)
        req = hc_null();
    if (req.kind == HC_LIST)
        rc = resolve_repo_names(&m, err);
    struct hc_buf digest = HC_BUF_INIT;
    if (rc == HC_OK) {
        struct hc_error derr;
        hc_error_init(&derr);
        if (hc_chart_lock_digest(req, lock.deps, &digest, &derr) != HC_OK ||
            strcmp(hc_buf_str(&digest), lock.digest) != 0) {
            if (v1) { /* Helm 2's digest (HashV2Req) is not accepted */
                rc = hc_error_set(err, HC_ERR_INVALID,
                                  "the lock file (requirements.lock) is out of sync with the "
                                  "dependencies file (requirements.yaml). Please update the "
                                  "dependencies");
            } else {
                rc = hc_error_set(err, HC_ERR_INVALID,
                                  "the lock file (Chart.lock) is out of sync with the dependencies "
                                  "file (Chart.yaml). Please update the dependencies");
            }
        }
        hc_error_release(&derr);
    }
    hc_buf_release(&digest);
    /* hasAllRepos: every repository the lock names must be in repositories.yaml */
    struct hc_buf missing = HC_BUF_INIT;
    for (uint32_t i = 0; rc == HC_OK && lock.deps.kind == HC_LIST && lock.deps.u.l &&
                         i < lock.deps.u.l->len;
         i++) {
        const char *repo = hc_dep_field(lock.deps.u.l->items[i], "Repository");
        if (!*repo || has_prefix(repo, "file://") || is_oci(repo))
            continue;
        bool found = false;
        for (size_t k = 0; k < m.rf->n_repos && !found; k++)
            found = hc_dep_url_equal(m.rf->repos[k].url, repo);
        if (!found) {
            if (missing.len)
                hc_buf_adds(&missing, ", ");
            hc_buf_adds(&missing, repo);
        }
    }
    if (rc == HC_OK && missing.len)
        rc = hc_error_set(err, HC_ERR_NOT_FOUND,
                          "no repository definition for %s. Please add the missing repos via "
                          "'helm repo add'",
                          hc_buf_str(&missing));
    hc_buf_release(&missing);
    if (rc == HC_OK && !opts->skip_refresh)
        rc = update_repositories(&m, err);
    if (rc == HC_OK)
        rc = download_all(&m, lock.deps, err);
    close_manager(&m);
    return rc;
}
