/*
 * cmd_repo.c - `helmc repo`: add, list, remove, update and index chart repositories.
 *
 * Mirrors helm's pkg/cmd/repo.go and repo_*.go.  `repo index` takes one option Helm
 * lacks, --keep-created (docs/package-and-index.md).  The repositories file and the cache
 * are helm's (docs/repositories.md); `repo update` fetches the indexes at once, as helm
 * does, but reports in the file's order where helm reports in finishing order.
 */
#include "cli/flags.h"

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli/table.h"
#include "helmc/net.h"
#include "helmc/repo.h"
#include "helmc/value.h"
#include "json/json.h"
#include "yaml/yaml.h"

struct repo_opts {
    const char *username, *password, *cert_file, *key_file, *ca_file;
    const char *url, *merge, *output;
    int64_t timeout;
    bool password_stdin, force_update, insecure_skip_tls_verify, allow_deprecated_repos;
    bool pass_credentials, json, no_headers, keep_created;
};

#define T    struct repo_opts
#define O(f) offsetof(T, f)
/* clang-format off */
#define TIMEOUT                                                                          \
    {"timeout", 0, HC_OPT_DURATION, O(timeout),                                          \
     .help = "time to wait for the index file download to complete", .def = "2m0s"}
/* clang-format on */
static const struct hc_option repo_add_options[] = {
    {"username",                                          0, HC_OPT_STRING, O(username), .help = "chart repository username"},
    {"password",                                      0, HC_OPT_STRING, O(password), .help = "chart repository password"},
    {"password-stdin",                0, HC_OPT_BOOL, O(password_stdin),
     .help = "read chart repository password from stdin"},
    {"force-update",                                          0, HC_OPT_BOOL, O(force_update),
     .help = "replace (overwrite) the repo if it already exists"},
    {"cert-file",                                      0, HC_OPT_STRING, O(cert_file),
     .help = "identify HTTPS client using this SSL certificate file"},
    {"key-file",                0, HC_OPT_STRING, O(key_file),
     .help = "identify HTTPS client using this SSL key file"},
    {"ca-file",                                    0, HC_OPT_STRING, O(ca_file),
     .help = "verify certificates of HTTPS-enabled servers using this CA bundle"},
    {"insecure-skip-tls-verify",                                        0, HC_OPT_BOOL, O(insecure_skip_tls_verify),
     .help = "skip tls certificate checks for the repository"},
    {"allow-deprecated-repos", 0, HC_OPT_BOOL, O(allow_deprecated_repos),
     .help = "by default, this command will not allow adding official repos that have been "
             "permanently deleted. This disables that behavior"},
    {"pass-credentials",                                      0, HC_OPT_BOOL, O(pass_credentials),
     .help = "pass credentials to all domains"},
    TIMEOUT,
    {0                                       },
};
static const struct hc_option repo_index_options[] = {
    {"url",                              0, HC_OPT_STRING, O(url), .help = "url of chart repository"},
    {"merge",                     0, HC_OPT_STRING, O(merge), .help = "merge the generated index into the given index"},
    {"json", 0, HC_OPT_BOOL, O(json), .help = "output in JSON format"},
    {"keep-created",                            0, HC_OPT_BOOL, O(keep_created),
     .help = "when merging, keep the created time of entries whose digest did not change"},
    {0                    },
};
static const struct hc_option repo_list_options[] = {
    {"no-headers", 0, HC_OPT_BOOL, O(no_headers), .help = "suppress headers in the output"},
    HC_OUTPUT_OPTION(T, output),
    {0},
};
static const struct hc_option repo_update_options[] = {
    TIMEOUT,
    {0},
};
#undef TIMEOUT
#undef O
#undef T

/* The HTTP options every repository command starts from: --timeout and the user agent. */
static struct hc_http_opts base_http(int64_t timeout_ns)
{
    struct hc_http_opts h = {.timeout_ms = timeout_ns / 1000000};
    return h;
}

/* The old googleapis repositories helm refuses without --allow-deprecated-repos. */
static const char *const deprecated_repos[][2] = {
    {"//kubernetes-charts.storage.googleapis.com", "https://charts.helm.sh/stable"},
    {"//kubernetes-charts-incubator.storage.googleapis.com", "https://charts.helm.sh/incubator"},
};

/* The password: all of stdin with --password-stdin, else asked for on the terminal. */
static hc_status read_password(struct hc_cli *cli, bool from_stdin, const char **out,
                               struct hc_error *err)
{
    struct hc_buf b = HC_BUF_INIT;
    struct termios old;
    bool tty = !from_stdin && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (!from_stdin) {
        fputs("Password: ", cli->out);
        fflush(cli->out);
    }
    if (tty) {
        struct termios quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    int c;
    while ((c = getchar()) != EOF && (from_stdin || c != '\n'))
        hc_buf_addc(&b, (char)c);
    if (tty)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    if (!from_stdin)
        fputc('\n', cli->out);
    if (from_stdin && b.len > 0 && b.data[b.len - 1] == '\n')
        b.len--;
    if (b.len > 0 && b.data[b.len - 1] == '\r')
        b.len--;
    *out = hc_arena_strndup(&cli->arena, hc_buf_str(&b), b.len);
    hc_buf_release(&b);
    return *out ? HC_OK : hc_error_nomem(err);
}

static bool same_entry(const struct hc_repo_entry *a, const struct hc_repo_entry *b)
{
    return !strcmp(a->name, b->name) && !strcmp(a->url, b->url) &&
           !strcmp(a->username, b->username) && !strcmp(a->password, b->password) &&
           !strcmp(a->cert_file, b->cert_file) && !strcmp(a->key_file, b->key_file) &&
           !strcmp(a->ca_file, b->ca_file) &&
           a->insecure_skip_tls_verify == b->insecure_skip_tls_verify &&
           a->pass_credentials_all == b->pass_credentials_all;
}

static const char *str_or_empty(const char *s)
{
    return s ? s : "";
}

static hc_status add_locked(struct hc_cli *cli, const struct repo_opts *o, struct hc_error *err)
{
    const char *name = cli->args[0], *url = cli->args[1];
    struct hc_repo_file *f = NULL;
    hc_status rc = hc_repo_file_load(cli->g.repository_config, true, &f, err);
    if (rc != HC_OK)
        return rc;
    const char *password = str_or_empty(o->password);
    if (o->username && *o->username && !*password) {
        rc = read_password(cli, o->password_stdin, &password, err);
        if (rc != HC_OK)
            goto out;
    }
    struct hc_repo_entry e = {
        .name = name,
        .url = url,
        .username = str_or_empty(o->username),
        .password = password,
        .cert_file = str_or_empty(o->cert_file),
        .key_file = str_or_empty(o->key_file),
        .ca_file = str_or_empty(o->ca_file),
        .insecure_skip_tls_verify = o->insecure_skip_tls_verify,
        .pass_credentials_all = o->pass_credentials,
    };
    if (strchr(name, '/')) {
        rc = hc_error_set(err, HC_ERR_USAGE,
                          "repository name (%s) contains '/', please specify a different name "
                          "without '/'",
                          name);
        goto out;
    }
    const struct hc_repo_entry *old = hc_repo_file_get(f, name);
    if (!o->force_update && old) {
        if (!same_entry(old, &e)) {
            rc = hc_error_set(err, HC_ERR_EXISTS,
                              "repository name (%s) already exists, please specify a different "
                              "name",
                              name);
            goto out;
        }
        fprintf(cli->out, "\"%s\" already exists with the same configuration, skipping\n", name);
        goto out;
    }
    struct hc_http_opts h = base_http(o->timeout);
    struct hc_error de;
    hc_error_init(&de);
    rc = hc_repo_download_index(&e, cli->g.repository_cache, &h, &de);
    if (rc != HC_OK) {
        rc = hc_error_set(err, rc,
                          "looks like \"%s\" is not a valid chart repository or cannot be "
                          "reached: %s",
                          url, hc_error_msg(&de));
        hc_error_release(&de);
        goto out;
    }
    rc = hc_repo_file_update(f, &e, err);
    if (rc == HC_OK)
        rc = hc_repo_file_write(f, cli->g.repository_config, 0600, err);
    if (rc == HC_OK)
        fprintf(cli->out, "\"%s\" has been added to your repositories\n", name);
out:
    hc_repo_file_free(f);
    return rc;
}

static hc_status run_repo_add(struct hc_cli *cli, struct hc_error *err)
{
    const struct repo_opts *o = cli->opts;
    const char *url = cli->args[1];
    for (size_t i = 0; !o->allow_deprecated_repos && i < 2; i++)
        if (strstr(url, deprecated_repos[i][0]))
            return hc_error_set(err, HC_ERR_USAGE, "repo \"%s\" is no longer available; try "
                                                   "\"%s\" instead",
                                url, deprecated_repos[i][1]);
    int lock = -1;
    hc_status rc = hc_repo_file_lock(cli->g.repository_config, &lock, err);
    if (rc != HC_OK)
        return rc;
    rc = add_locked(cli, o, err);
    hc_repo_file_unlock(lock);
    return rc;
}

static const struct hc_command repo_add = {
    .use = "add [NAME] [URL]",
    .summary = "add a chart repository",
    .run = run_repo_add,
    .args = HC_ARGS_EXACT,
    .nargs = 2,
    .options = repo_add_options,
    .options_size = sizeof(struct repo_opts),
};

static void index_warn(void *ctx, const char *msg)
{
    hc_cli_warn(ctx, msg);
}

/* Seconds since 1970 of a broken-down time read as UTC (days from the civil calendar). */
static int64_t tm_seconds(const struct tm *t)
{
    int64_t y = t->tm_year + 1900, m = t->tm_mon + 1;
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + t->tm_mday - 1;
    int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return days * 86400 + t->tm_hour * 3600 + t->tm_min * 60 + t->tm_sec;
}

static hc_status run_repo_index(struct hc_cli *cli, struct hc_error *err)
{
    const struct repo_opts *o = cli->opts;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm local, utc;
    time_t now = ts.tv_sec;
    localtime_r(&now, &local);
    gmtime_r(&now, &utc);
    struct hc_repo_index_opts io = {
        .url = o->url,
        .merge = o->merge,
        .json = o->json,
        .keep_created = o->keep_created,
        .now_sec = ts.tv_sec,
        .now_nsec = (int32_t)ts.tv_nsec,
        .now_offset = (int32_t)(tm_seconds(&local) - tm_seconds(&utc)),
        .warn = index_warn,
        .warn_ctx = cli,
    };
    return hc_repo_index_dir(cli->args[0], &io, err);
}

static const struct hc_command repo_index = {
    .use = "index [DIR]",
    .summary = "generate an index file given a directory containing packaged charts",
    .description = "\n"
                   "Write an index.yaml for the chart archives in a directory, so that a web\n"
                   "server can serve the directory as a chart repository.  --url sets the\n"
                   "charts' base URL; --merge folds in an existing index, whose entries win.\n",
    .run = run_repo_index,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = repo_index_options,
    .options_size = sizeof(struct repo_opts),
};

static const char *const ls_aliases[] = {"ls", NULL};
static const char *const rm_aliases[] = {"rm", NULL};
static const char *const up_aliases[] = {"up", NULL};

/* [{"name": ..., "url": ...}] as output.EncodeJSON or EncodeYAML prints it. */
static hc_status list_encoded(struct hc_cli *cli, const struct hc_repo_file *f, bool json,
                              struct hc_buf *b, struct hc_error *err)
{
    if (json) {
        hc_buf_addc(b, '[');
        for (size_t i = 0; i < f->n_repos; i++) {
            hc_buf_adds(b, i ? ",{\"name\":" : "{\"name\":");
            hc_status rc = hc_json_write(b, hc_cstr(f->repos[i].name), 0, err);
            hc_buf_adds(b, ",\"url\":");
            if (rc == HC_OK)
                rc = hc_json_write(b, hc_cstr(f->repos[i].url), 0, err);
            if (rc != HC_OK)
                return rc;
            hc_buf_addc(b, '}');
        }
        hc_buf_adds(b, "]\n");
        return HC_OK;
    }
    struct hc_list *l = hc_list_new(&cli->arena, f->n_repos);
    if (!l)
        return hc_error_nomem(err);
    for (size_t i = 0; i < f->n_repos; i++) {
        struct hc_map *m = hc_map_new(&cli->arena, 2);
        if (!m || hc_map_set(&cli->arena, m, "name", 4, hc_cstr(f->repos[i].name)) != HC_OK ||
            hc_map_set(&cli->arena, m, "url", 3, hc_cstr(f->repos[i].url)) != HC_OK)
            return hc_error_nomem(err);
        l->items[i] = hc_map_val(m, HC_GT_MAP);
    }
    return hc_yaml_write(b, hc_list_val(l, HC_GT_LIST), err);
}

static hc_status run_repo_list(struct hc_cli *cli, struct hc_error *err)
{
    const struct repo_opts *o = cli->opts;
    struct hc_repo_file *f = NULL;
    struct hc_error ignored;
    hc_error_init(&ignored);
    /* helm ignores a missing or broken file here: it lists nothing */
    if (hc_repo_file_load(cli->g.repository_config, true, &f, &ignored) != HC_OK)
        f = hc_repo_file_new();
    hc_error_release(&ignored);
    if (!f)
        return hc_error_nomem(err);
    bool json = !strcmp(o->output, "json"), yaml = !strcmp(o->output, "yaml");
    hc_status rc = HC_OK;
    struct hc_buf b = HC_BUF_INIT;
    if (f->n_repos == 0 && !json && !yaml) {
        fputs("no repositories to show\n", cli->err);
    } else if (json || yaml) {
        rc = list_encoded(cli, f, json, &b, err);
    } else {
        struct hc_table t;
        hc_table_init(&t, &cli->arena, 2, 0);
        static const char *const head[] = {"NAME", "URL"};
        if (!o->no_headers)
            rc = hc_table_row(&t, head, err);
        for (size_t i = 0; i < f->n_repos && rc == HC_OK; i++) {
            const char *row[] = {f->repos[i].name, f->repos[i].url};
            rc = hc_table_row(&t, row, err);
        }
        if (rc == HC_OK)
            hc_table_write(&t, &b);
    }
    if (rc == HC_OK && !hc_buf_ok(&b))
        rc = hc_error_nomem(err);
    if (rc == HC_OK)
        fwrite(hc_buf_str(&b), 1, b.len, cli->out);
    hc_buf_release(&b);
    hc_repo_file_free(f);
    return rc;
}

static const struct hc_command repo_list = {
    .use = "list",
    .aliases = ls_aliases,
    .summary = "list chart repositories",
    .run = run_repo_list,
    .args = HC_ARGS_NONE,
    .options = repo_list_options,
    .options_size = sizeof(struct repo_opts),
};

/* removeRepoCache: <name>-charts.txt and <name>-index.yaml, when there. */
static hc_status remove_cache(struct hc_cli *cli, const char *name, struct hc_error *err)
{
    const char *dir = cli->g.repository_cache;
    char *charts = hc_arena_printf(&cli->arena, "%s/%s-charts.txt", dir, name);
    char *index = hc_arena_printf(&cli->arena, "%s/%s-index.yaml", dir, name);
    if (!charts || !index)
        return hc_error_nomem(err);
    unlink(charts);
    if (unlink(index) != 0 && errno != ENOENT)
        return hc_error_set(err, HC_ERR_IO, "can't remove index file %s: %s", index,
                            strerror(errno));
    return HC_OK;
}

static hc_status run_repo_remove(struct hc_cli *cli, struct hc_error *err)
{
    struct hc_repo_file *f = NULL;
    struct hc_error le;
    hc_error_init(&le);
    hc_status rc = hc_repo_file_load(cli->g.repository_config, false, &f, &le);
    hc_error_release(&le);
    if (rc == HC_ERR_NOT_FOUND || (rc == HC_OK && f->n_repos == 0)) {
        hc_repo_file_free(f);
        return hc_error_set(err, HC_ERR_NOT_FOUND, "no repositories configured");
    }
    if (rc != HC_OK)
        return hc_repo_file_load(cli->g.repository_config, false, &f, err);
    for (size_t i = 0; i < cli->nargs && rc == HC_OK; i++) {
        const char *name = cli->args[i];
        if (!hc_repo_file_remove(f, name)) {
            rc = hc_error_set(err, HC_ERR_NOT_FOUND, "no repo named \"%s\" found", name);
            break;
        }
        rc = hc_repo_file_write(f, cli->g.repository_config, 0600, err);
        if (rc == HC_OK)
            rc = remove_cache(cli, name, err);
        if (rc == HC_OK)
            fprintf(cli->out, "\"%s\" has been removed from your repositories\n", name);
    }
    hc_repo_file_free(f);
    return rc;
}

static const struct hc_command repo_remove = {
    .use = "remove [REPO1 [REPO2 ...]]",
    .aliases = rm_aliases,
    .summary = "remove one or more chart repositories",
    .run = run_repo_remove,
    .args = HC_ARGS_MIN,
    .nargs = 1,
};

/* One repository of `repo update`, fetched on its own thread as helm fetches them. */
struct update_job {
    const struct hc_repo_entry *e;
    const char *cache;
    const struct hc_http_opts *http;
    hc_status rc;
    struct hc_error err;
};

#define UPDATE_THREADS 8 /* at most this many downloads at once */

struct update_pool {
    struct update_job *jobs;
    size_t n, next;
    pthread_mutex_t lock;
};

static void *update_worker(void *arg)
{
    struct update_pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next < p->n ? p->next++ : p->n;
        pthread_mutex_unlock(&p->lock);
        if (i == p->n)
            return NULL;
        struct update_job *j = &p->jobs[i];
        j->rc = hc_repo_download_index(j->e, j->cache, j->http, &j->err);
    }
}

/* Runs the jobs on up to UPDATE_THREADS threads (on this one when threads fail). */
static void run_updates(struct update_job *jobs, size_t n)
{
    struct hc_error ignored;
    hc_error_init(&ignored);
    hc_http_global_init(&ignored); /* before any thread: curl_global_init is not thread-safe */
    hc_error_release(&ignored);
    struct update_pool p = {.jobs = jobs, .n = n};
    pthread_mutex_init(&p.lock, NULL);
    pthread_t t[UPDATE_THREADS];
    size_t started = 0;
    for (; started < UPDATE_THREADS && started + 1 < n; started++)
        if (pthread_create(&t[started], NULL, update_worker, &p) != 0)
            break;
    update_worker(&p);
    for (size_t i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    pthread_mutex_destroy(&p.lock);
}

static hc_status run_repo_update(struct hc_cli *cli, struct hc_error *err)
{
    const struct repo_opts *o = cli->opts;
    struct hc_repo_file *f = NULL;
    struct hc_error le;
    hc_error_init(&le);
    hc_status rc = hc_repo_file_load(cli->g.repository_config, false, &f, &le);
    if (rc == HC_ERR_NOT_FOUND || (rc == HC_OK && f->n_repos == 0)) {
        rc = hc_error_set(err, HC_ERR_NOT_FOUND,
                          "no repositories found. You must add one before updating");
        goto out;
    }
    if (rc != HC_OK) {
        rc = hc_error_set(err, rc, "failed loading file: %s: %s", cli->g.repository_config,
                          hc_error_msg(&le));
        goto out;
    }
    for (size_t i = 0; i < cli->nargs; i++)
        if (!hc_repo_file_get(f, cli->args[i])) {
            rc = hc_error_set(err, HC_ERR_NOT_FOUND,
                              "no repositories found matching '%s'.  Nothing will be updated",
                              cli->args[i]);
            goto out;
        }
    fputs("Hang tight while we grab the latest from your chart repositories...\n", cli->out);
    fflush(cli->out);
    struct update_job *jobs = calloc(f->n_repos, sizeof *jobs);
    if (!jobs) {
        rc = hc_error_nomem(err);
        goto out;
    }
    struct hc_http_opts h = base_http(o->timeout);
    size_t njobs = 0;
    for (size_t i = 0; i < f->n_repos; i++) {
        bool wanted = cli->nargs == 0;
        for (size_t k = 0; k < cli->nargs && !wanted; k++)
            wanted = !strcmp(cli->args[k], f->repos[i].name);
        if (wanted) {
            jobs[njobs].e = &f->repos[i];
            jobs[njobs].cache = cli->g.repository_cache;
            jobs[njobs].http = &h;
            hc_error_init(&jobs[njobs].err);
            njobs++;
        }
    }
    run_updates(jobs, njobs);
    struct hc_buf failed = HC_BUF_INIT;
    for (size_t i = 0; i < njobs; i++) {
        const struct hc_repo_entry *e = jobs[i].e;
        if (jobs[i].rc != HC_OK) {
            fprintf(cli->out,
                    "...Unable to get an update from the \"%s\" chart repository (%s):\n\t%s\n",
                    e->name, e->url, hc_error_msg(&jobs[i].err));
            hc_buf_printf(&failed, "%s%s", failed.len ? " " : "", e->url);
        } else {
            fprintf(cli->out, "...Successfully got an update from the \"%s\" chart repository\n",
                    e->name);
        }
        hc_error_release(&jobs[i].err);
    }
    free(jobs);
    if (!hc_buf_ok(&failed))
        rc = hc_error_nomem(err);
    else if (failed.len)
        rc = hc_error_set(err, HC_ERR_IO, "failed to update the following repositories: [%s]",
                          failed.data);
    else
        fputs("Update Complete. \u2388Happy Helming!\u2388\n", cli->out);
    hc_buf_release(&failed);
out:
    hc_error_release(&le);
    hc_repo_file_free(f);
    return rc;
}

static const struct hc_command repo_update = {
    .use = "update [REPO1 [REPO2 ...]]",
    .aliases = up_aliases,
    .summary = "update information of available charts locally from chart repositories",
    .description = "\n"
                   "Download the latest index of each added repository (or of those named)\n"
                   "into the repository cache.\n",
    .run = run_repo_update,
    .args = HC_ARGS_MIN,
    .nargs = 0,
    .options = repo_update_options,
    .options_size = sizeof(struct repo_opts),
};

static const struct hc_command *const repo_subcommands[] = {
    &repo_add, &repo_list, &repo_remove, &repo_index, &repo_update, NULL,
};

const struct hc_command hc_cmd_repo = {
    .use = "repo add|remove|list|index|update [ARGS]",
    .summary = "add, list, remove, update, and index chart repositories",
    .description = "\n"
                   "Manage the chart repositories helmc knows (repositories.yaml) and build\n"
                   "repository indexes.\n",
    .args = HC_ARGS_NONE,
    .subcommands = repo_subcommands,
};
