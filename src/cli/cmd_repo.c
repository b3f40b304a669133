/*
 * cmd_repo.c - `helmc repo`: add, list, remove, update and index chart repositories.
 *
 * Mirrors helm's pkg/cmd/repo.go and repo_*.go.  Only `repo index` is implemented; it takes
 * one option Helm lacks, --keep-created (docs/package-and-index.md).
 */
#include "cli/flags.h"

#include <stddef.h>
#include <time.h>

#include "helmc/repo.h"

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

static const struct hc_command repo_add = {
    .use = "add [NAME] [URL]",
    .summary = "add a chart repository",
    .run = hc_cli_not_implemented,
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

static const struct hc_command repo_list = {
    .use = "list",
    .aliases = ls_aliases,
    .summary = "list chart repositories",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_NONE,
    .options = repo_list_options,
    .options_size = sizeof(struct repo_opts),
};

static const struct hc_command repo_remove = {
    .use = "remove [REPO1 [REPO2 ...]]",
    .aliases = rm_aliases,
    .summary = "remove one or more chart repositories",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_MIN,
    .nargs = 1,
};

static const struct hc_command repo_update = {
    .use = "update [REPO1 [REPO2 ...]]",
    .aliases = up_aliases,
    .summary = "update information of available charts locally from chart repositories",
    .description = "\n"
                   "Download the latest index of each added repository (or of those named)\n"
                   "into the repository cache.\n",
    .run = hc_cli_not_implemented,
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
