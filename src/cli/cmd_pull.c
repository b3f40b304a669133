/*
 * cmd_pull.c - `helmc pull [chart URL | repo/chartname] [...]`: download charts.
 *
 * Mirrors helm's pkg/cmd/pull.go and pkg/action/pull.go over the repository client
 * (helmc/repo.h, helmc/net.h): a chart named REPO/CHART through the added repositories'
 * cached indexes, CHART with --repo URL, or an archive's URL; --untar unpacks it.  Not
 * done: OCI registries, --verify (checking provenance; --prov only fetches it), helm's
 * content cache.
 */
#include "cli/flags.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/path.h"
#include "helmc/net.h"
#include "helmc/repo.h"

struct pull_opts {
    struct hc_chart_path_opts chart;
    const char *untardir, *destination;
    bool devel, untar, prov;
};

#define T    struct pull_opts
#define O(f) offsetof(T, f)
static const struct hc_option pull_options[] = {
    {"devel", 0, HC_OPT_BOOL, O(devel),
     .help =
         "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, "
         "this is ignored."},
    {"untar", 0, HC_OPT_BOOL, O(untar),
     .help = "if set to true, will untar the chart after downloading it"},
    {"prov", 0, HC_OPT_BOOL, O(prov),
     .help = "fetch the provenance file, but don't perform verification"},
    {"untardir", 0, HC_OPT_STRING, O(untardir),
     .help = "if untar is specified, this flag specifies the name of the directory into which the "
             "chart is expanded",
     .def = "."},
    {"destination", 'd', HC_OPT_STRING, O(destination),
     .help =
         "location to write the chart. If this and untardir are specified, untardir is appended "
         "to this",
     .def = "."},
    HC_CHART_PATH_OPTIONS(T, chart),
    {0},
};
#undef O
#undef T

/* filepath.Join(a, b) (b alone when a is empty), cleaned, in the arena. */
static char *join_clean(struct hc_cli *cli, const char *a, const char *b)
{
    char *j = hc_arena_printf(&cli->arena, "%s%s%s", a, *a && *b ? "/" : "", b);
    char *out = j ? hc_arena_alloc(&cli->arena, 2 * strlen(j) + 3) : NULL;
    if (!out)
        return NULL;
    size_t n = hc_path_clean(j, strlen(j), out);
    out[n] = '\0';
    return out;
}

/* rm -rf of the temporary download directory (files only at its top). */
static void remove_tmpdir(const char *dir, const char *file)
{
    if (file)
        unlink(file);
    rmdir(dir);
}

/* The archive's file name: the last element of the URL's path. */
static const char *url_base(struct hc_cli *cli, const char *url)
{
    size_t n = strcspn(url, "?#");
    const char *end = url + n, *p = end;
    while (p > url && p[-1] != '/')
        p--;
    return hc_arena_strndup(&cli->arena, p, (size_t)(end - p));
}

/* Where --untar unpacks and the directory helm checks is not there yet (udCheck). */
static hc_status untar(struct hc_cli *cli, const struct pull_opts *o, const char *ref,
                       const char *saved, struct hc_error *err)
{
    const char *ud = o->untardir;
    if (ud[0] != '/')
        ud = join_clean(cli, o->destination, ud);
    const char *chart = strrchr(ref, '/');
    chart = chart ? chart + 1 : ref;
    const char *check = !ud ? NULL : !strcmp(ud, ".") ? chart : join_clean(cli, ud, chart);
    if (!ud || !check)
        return hc_error_nomem(err);
    struct stat st;
    if (stat(check, &st) == 0)
        return hc_error_set(err, HC_ERR_EXISTS,
                            "failed to untar: a file or directory with the name %s already "
                            "exists",
                            check);
    struct hc_error me;
    hc_error_init(&me);
    if (hc_file_mkdir_all(check, 0755, &me) != HC_OK) {
        hc_status rc = hc_error_set(err, HC_ERR_IO, "failed to untar (mkdir): %s",
                                    hc_error_msg(&me));
        hc_error_release(&me);
        return rc;
    }
    return hc_repo_expand_chart(ud, saved, err);
}

/* IndexFile.Get's warning when the version given is not one the index has. */
static void fell_back_warning(struct hc_cli *cli, const char *ref, const char *version,
                              const char *selected)
{
    const char *kv[] = {"chart", strchr(ref, '/') + 1, "requested", version,
                        "selected", selected, NULL};
    hc_cli_warn_attrs(cli,
                      "unable to find exact version requested; falling back to closest "
                      "available version",
                      kv);
}

/*
 * --prov (VerifyLater): URL.prov beside the chart as FILE.prov; when it cannot be fetched,
 * helm prints a warning on stdout and goes on.  *prov is the file written, or NULL.
 */
static hc_status fetch_prov(struct hc_cli *cli, const char *ref, const char *url,
                            const struct hc_http_opts *h, const char *saved, char **prov,
                            struct hc_error *err)
{
    char *purl = hc_arena_printf(&cli->arena, "%s.prov", url);
    char *path = hc_arena_printf(&cli->arena, "%s.prov", saved);
    if (!purl || !path)
        return hc_error_nomem(err);
    struct hc_http_opts ph = *h;
    ph.accept = NULL;
    struct hc_error pe;
    hc_error_init(&pe);
    if (hc_http_get_file(purl, &ph, path, &pe) != HC_OK)
        fprintf(cli->out, "WARNING: Verification not found for %s: %s\n", ref,
                hc_error_msg(&pe));
    else
        *prov = path;
    hc_error_release(&pe);
    return HC_OK;
}

static hc_status pull_one(struct hc_cli *cli, const struct pull_opts *o, const char *ref,
                          const char *version, struct hc_error *err)
{
    if (!strncmp(ref, "oci://", 6))
        return hc_error_set(err, HC_ERR_USAGE, "pulling from OCI registries is not supported "
                                               "by helmc yet");
    const struct hc_chart_path_opts *c = &o->chart;
    struct hc_http_opts h = {
        .ca_file = c->ca_file,
        .cert_file = c->cert_file,
        .key_file = c->key_file,
        .insecure_skip_tls_verify = c->insecure_skip_tls_verify,
        .username = c->username,
        .password = c->password,
        .pass_credentials_all = c->pass_credentials,
        .auth_url = "", /* helm's getter has no URL for the flags' credentials */
    };
    const char *arg = ref, *dest = o->destination;
    char *url = NULL, *saved = NULL, *tmpdir = NULL;
    struct hc_repo_file *rf = NULL;
    hc_status rc = HC_OK;
    if (o->untar) {
        const char *t = cli->getenv("TMPDIR");
        tmpdir = hc_arena_printf(&cli->arena, "%s/helm-XXXXXX", t && *t ? t : "/tmp");
        if (!tmpdir)
            return hc_error_nomem(err);
        if (!mkdtemp(tmpdir))
            return hc_error_set(err, HC_ERR_IO, "failed to untar: mkdir %s: %s", tmpdir,
                                strerror(errno));
        dest = tmpdir;
    }
    if (c->repo && *c->repo) {
        rc = hc_repo_find_chart_in_url(c->repo, ref, version, &h, cli->g.repository_cache, &url,
                                       err);
        ref = url;
    }
    if (rc == HC_OK)
        rc = hc_repo_file_load(cli->g.repository_config, true, &rf, err);
    char *resolved = NULL, *selected = NULL;
    if (rc == HC_OK)
        rc = hc_repo_resolve_chart(ref, version, rf, cli->g.repository_cache, &h, &resolved,
                                   &selected, err);
    if (rc == HC_OK && selected)
        fell_back_warning(cli, ref, version, selected);
    free(selected);
    if (rc == HC_OK) {
        const char *name = url_base(cli, resolved);
        saved = name ? hc_arena_printf(&cli->arena, "%s/%s", dest, name) : NULL;
        if (!saved)
            rc = hc_error_nomem(err);
    }
    if (rc == HC_OK) {
        h.accept = "application/gzip,application/octet-stream";
        rc = hc_http_get_file(resolved, &h, saved, err);
    }
    char *prov = NULL;
    if (rc == HC_OK && o->prov)
        rc = fetch_prov(cli, ref, resolved, &h, saved, &prov, err);
    if (rc == HC_OK && o->untar)
        rc = untar(cli, o, arg, saved, err);
    if (tmpdir) {
        if (prov)
            unlink(prov);
        remove_tmpdir(tmpdir, saved);
    }
    free(resolved);
    free(url);
    hc_repo_file_free(rf);
    return rc;
}

static hc_status run_pull(struct hc_cli *cli, struct hc_error *err)
{
    const struct pull_opts *o = cli->opts;
    const char *version = o->chart.version ? o->chart.version : "";
    if (!*version && o->devel)
        version = ">0.0.0-0";
    if (o->chart.verify)
        return hc_error_set(err, HC_ERR_USAGE, "--verify is not supported by helmc yet");
    for (size_t i = 0; i < cli->nargs; i++) {
        hc_status rc = pull_one(cli, o, cli->args[i], version, err);
        if (rc != HC_OK)
            return rc;
    }
    return HC_OK;
}

static void pull_init(struct hc_cli *cli, void *opts)
{
    hc_chart_path_init(cli, &((struct pull_opts *)opts)->chart);
}

static const char *const pull_aliases[] = {"fetch", NULL};

const struct hc_command hc_cmd_pull = {
    .use = "pull [chart URL | repo/chartname] [...]",
    .aliases = pull_aliases,
    .summary = "download a chart from a repository and (optionally) unpack it in local "
               "directory",
    .description = "\n"
                   "Download charts from a repository, a URL or an OCI registry into the\n"
                   "current directory (or --destination), unpacked with --untar.  --verify\n"
                   "checks the chart's provenance file; --prov only downloads it.\n",
    .run = run_pull,
    .args = HC_ARGS_MIN,
    .nargs = 1,
    .options = pull_options,
    .options_size = sizeof(struct pull_opts),
    .init = pull_init,
};
