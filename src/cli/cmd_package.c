/*
 * cmd_package.c - `helmc package [CHART_PATH] [...]`: package chart directories.
 *
 * Mirrors helm's pkg/cmd/package.go: each argument must exist, then is
 * packaged (include/helmc/package.h) and its archive's path printed.  The
 * entries' modification time comes from SOURCE_DATE_EPOCH when it is set,
 * else it is 0 (1970-01-01), so that packaging is reproducible.  --dependency-update
 * runs `dependency update` on the chart's absolute path first, its output discarded, as
 * helm does.  --sign is not implemented yet.
 */
#include "cli/flags.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/path.h"
#include "cli/deps.h"
#include "helmc/package.h"

struct package_opts {
    struct hc_chart_path_opts repo; /* the credentials and TLS flags */
    const char *key, *keyring, *passphrase_file, *version, *app_version, *destination;
    bool sign, dependency_update;
};

#define T    struct package_opts
#define O(f) offsetof(T, f)
static const struct hc_option package_options[] = {
    {"sign",                                                                0, HC_OPT_BOOL, O(sign), .help = "use a PGP private key to sign this package"},
    {"key",                                                          0, HC_OPT_STRING, O(key),
     .help = "name of the key to use when signing. Used if --sign is true"},
    {"keyring",                 0, HC_OPT_STRING, O(keyring), .help = "location of a public keyring"},
    {"passphrase-file",                                                                 0, HC_OPT_STRING, O(passphrase_file),
     .help = "location of a file which contains the passphrase for the signing key. Use \"-\" in "
             "order to read from stdin."},
    {"version",                                                        0, HC_OPT_STRING, O(version),
     .help = "set the version on the chart to this semver version"},
    {"app-version", 0, HC_OPT_STRING, O(app_version),
     .help = "set the appVersion on the chart to this version"},
    {"destination",                                                             'd', HC_OPT_STRING, O(destination), .help = "location to write the chart.",
     .def = "."},
    {"dependency-update",                                                        'u', HC_OPT_BOOL, O(dependency_update),
     .help = "update dependencies from \"Chart.yaml\" to dir \"charts/\" before packaging"},
    HC_TLS_OPTIONS(T, repo, "chart download"),
    {0                              },
};
#undef O
#undef T

/* The entries' modification time: SOURCE_DATE_EPOCH (decimal seconds) or 0. */
static hc_status source_date(struct hc_cli *cli, int64_t *out, struct hc_error *err)
{
    *out = 0;
    const char *s = cli->getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s)
        return HC_OK;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0)
        return hc_error_set(err, HC_ERR_USAGE,
                            "invalid SOURCE_DATE_EPOCH \"%s\": want seconds since 1970", s);
    *out = v;
    return HC_OK;
}

/* downloader.Manager{Out: io.Discard, ChartPath: filepath.Abs(arg)}.Update(). */
static hc_status dependency_update(struct hc_cli *cli, const char *arg, struct hc_error *err)
{
    char *cwd = arg[0] == '/' ? NULL : getcwd(NULL, 0);
    if (arg[0] != '/' && !cwd)
        return hc_error_set(err, HC_ERR_IO, "getwd: %s", strerror(errno));
    size_t n = (cwd ? strlen(cwd) + 1 : 0) + strlen(arg);
    char *joined = malloc(n + 1), *abs = malloc(2 * n + 4);
    hc_status rc = HC_OK;
    if (!joined || !abs) {
        rc = hc_error_nomem(err);
    } else {
        snprintf(joined, n + 1, "%s%s%s", cwd ? cwd : "", cwd ? "/" : "", arg);
        abs[hc_path_clean(joined, n, abs)] = '\0';
        struct hc_cli_dep_flags f = {.quiet = true};
        rc = hc_cli_dep_run(cli, abs, false, &f, err);
    }
    free(joined);
    free(abs);
    free(cwd);
    return rc;
}

static hc_status run_package(struct hc_cli *cli, struct hc_error *err)
{
    const struct package_opts *o = cli->opts;
    if (cli->nargs == 0)
        return hc_error_set(err, HC_ERR_USAGE, "need at least one argument, the path to the chart");
    if (o->sign) {
        if (!o->key || !*o->key)
            return hc_error_set(err, HC_ERR_USAGE, "--key is required for signing a package");
        if (!o->keyring || !*o->keyring)
            return hc_error_set(err, HC_ERR_USAGE, "--keyring is required for signing a package");
        return hc_error_set(err, HC_ERR_USAGE, "--sign is not implemented yet");
    }
    struct hc_package_opts po = {o->version, o->app_version, 0};
    hc_status rc = source_date(cli, &po.mtime, err);
    if (rc != HC_OK)
        return rc;
    const char *dest = o->destination ? o->destination : ".";
    char *cwd = NULL;
    if (strcmp(dest, ".") == 0) {
        cwd = getcwd(NULL, 0);
        if (!cwd)
            return hc_error_set(err, HC_ERR_IO, "getwd: %s", strerror(errno));
        dest = cwd;
    }
    for (size_t i = 0; i < cli->nargs && rc == HC_OK; i++) {
        struct stat st;
        if (stat(cli->args[i], &st) != 0) {
            rc = hc_error_set(err, HC_ERR_IO, "stat %s: %s", cli->args[i],
                              errno == ENOENT ? "no such file or directory" : strerror(errno));
            break;
        }
        if (o->dependency_update) {
            rc = dependency_update(cli, cli->args[i], err);
            if (rc != HC_OK)
                break;
        }
        char *path = NULL;
        rc = hc_package_dir(cli->args[i], dest, &po, &path, err);
        if (rc == HC_OK)
            fprintf(cli->out, "Successfully packaged chart and saved it to: %s\n", path);
        hc_free(path);
    }
    free(cwd);
    return rc;
}

static void package_init(struct hc_cli *cli, void *opts)
{
    ((struct package_opts *)opts)->keyring = hc_cli_default_keyring(cli);
}

const struct hc_command hc_cmd_package = {
    .use = "package [CHART_PATH] [...]",
    .summary = "package a chart directory into a chart archive",
    .description = "\n"
                   "Package chart directories into versioned chart archives\n"
                   "(NAME-VERSION.tgz), the form chart repositories serve.  --sign also\n"
                   "writes a provenance file signed with a PGP key.\n",
    .run = run_package,
    .args = HC_ARGS_ANY,
    .options = package_options,
    .options_size = sizeof(struct package_opts),
    .init = package_init,
};
