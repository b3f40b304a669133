/*
 * cmd_search.c - `helmc search`: search Artifact Hub or the added repositories.
 *
 * Mirrors helm's pkg/cmd/search.go, search_repo.go and pkg/cmd/search/search.go (the
 * line-per-chart index, literal and regexp search, score sort, version constraint).
 * `search hub` is not implemented.  --regexp uses PCRE2 directly, not Go's RE2 syntax
 * checker: plain expressions behave the same, error texts differ.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "cli/flags.h"

#include <ctype.h>
#include <pcre2.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli/goconv.h"
#include "cli/table.h"
#include "helmc/repo.h"
#include "helmc/semver.h"
#include "helmc/value.h"
#include "json/json.h"
#include "yaml/yaml.h"

#define SEARCH_MAX_SCORE 25 /* helm's searchMaxScore */

struct search_opts {
    const char *endpoint, *version, *output;
    uint64_t max_col_width;
    bool list_repo_url, fail_on_no_result, regexp, versions, devel;
};

#define T    struct search_opts
#define O(f) offsetof(T, f)
/* clang-format off */
#define COMMON                                                                           \
    {"max-col-width", 0, HC_OPT_UINT, O(max_col_width),                                  \
     .help = "maximum column width for output table", .def = "50"},                      \
    {"fail-on-no-result", 0, HC_OPT_BOOL, O(fail_on_no_result),                          \
     .help = "search fails if no results are found"},                                    \
    HC_OUTPUT_OPTION(T, output)
/* clang-format on */
static const struct hc_option search_hub_options[] = {
    {"endpoint", 0, HC_OPT_STRING, O(endpoint), .help = "Hub instance to query for charts",
     .def = "https://hub.helm.sh"},
    {"list-repo-url", 0, HC_OPT_BOOL, O(list_repo_url), .help = "print charts repository URL"},
    COMMON,
    {0},
};
static const struct hc_option search_repo_options[] = {
    {"regexp", 'r', HC_OPT_BOOL, O(regexp),
     .help = "use regular expressions for searching repositories you have added"},
    {"versions", 'l', HC_OPT_BOOL, O(versions),
     .help = "show the long listing, with each version of each chart on its own line, for "
             "repositories you have added"},
    {"devel", 0, HC_OPT_BOOL, O(devel),
     .help =
         "use development versions (alpha, beta, and release candidate releases), too. Equivalent "
         "to version '>0.0.0-0'. If --version is set, this is ignored"},
    {"version", 0, HC_OPT_STRING, O(version),
     .help = "search using semantic versioning constraints on repositories you have added"},
    COMMON,
    {0},
};
#undef COMMON
#undef O
#undef T

/* One searchable version: the chart, the repository's name, the line searched. */
struct result {
    const char *name; /* REPO/CHART */
    const struct hc_repo_version *v;
    struct hc_semver sv;
    bool sv_ok;
    int score;
};

struct search {
    struct hc_cli *cli;
    struct result *res;
    size_t n, cap;
    const char *term; /* lowercased for literal search */
    pcre2_code *re;
    pcre2_match_data *md;
    struct hc_buf line;
};

/* The separators before position pos of the line (calcScore). */
static int score_at(const char *line, size_t pos)
{
    int n = 0;
    for (size_t i = 0; i < pos && line[i]; i++)
        n += line[i] == '\v';
    return n;
}

/* indstr: NAME \v REPO/NAME \v DESCRIPTION \v KEYWORDS joined by spaces. */
static void make_line(struct hc_buf *b, const char *repo, const struct hc_repo_version *v)
{
    hc_buf_reset(b);
    hc_buf_printf(b, "%s\v%s/%s\v%s\v", v->name, repo, v->name, v->description);
    for (size_t i = 0; i < v->n_keywords; i++)
        hc_buf_printf(b, "%s%s", i ? " " : "", v->keywords[i]);
}

static hc_status consider(struct search *s, const char *repo, const struct hc_repo_chart *ch,
                          const struct hc_repo_version *v, struct hc_error *err)
{
    int score = 0;
    if (s->term || s->re) {
        make_line(&s->line, repo, v);
        if (!hc_buf_ok(&s->line))
            return hc_error_nomem(err);
        size_t pos;
        if (s->re) {
            int m = pcre2_match(s->re, (PCRE2_SPTR)s->line.data, s->line.len, 0, 0, s->md, NULL);
            if (m < 0)
                return HC_OK;
            pos = pcre2_get_ovector_pointer(s->md)[0];
        } else {
            for (size_t i = 0; i < s->line.len; i++)
                s->line.data[i] = (char)tolower((unsigned char)s->line.data[i]);
            const char *hit = strstr(s->line.data, s->term);
            if (!hit)
                return HC_OK;
            pos = (size_t)(hit - s->line.data);
        }
        score = score_at(s->line.data, pos);
        if (score >= SEARCH_MAX_SCORE)
            return HC_OK;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        struct result *r = realloc(s->res, cap * sizeof *r);
        if (!r)
            return hc_error_nomem(err);
        s->res = r;
        s->cap = cap;
    }
    struct result *r = &s->res[s->n];
    r->name = hc_arena_printf(&s->cli->arena, "%s/%s", repo, ch->name);
    if (!r->name)
        return hc_error_nomem(err);
    r->v = v;
    r->score = score;
    r->sv_ok = hc_semver_parse(&r->sv, v->version, strlen(v->version), NULL) == HC_OK;
    s->n++;
    return HC_OK;
}

/* scoreSorter: score, then name, then the newer version first. */
static int cmp_result(const void *x, const void *y)
{
    const struct result *a = x, *b = y;
    if (a->score != b->score)
        return a->score < b->score ? -1 : 1;
    int c = strcmp(a->name, b->name);
    if (c)
        return c;
    if (a->sv_ok && b->sv_ok)
        return -hc_semver_compare(&a->sv, &b->sv);
    return a->sv_ok ? -1 : b->sv_ok;
}

static void warn_corrupt(struct hc_cli *cli, const char *repo, const char *msg)
{
    const char *kv[] = {"repo", repo, "error", msg, NULL};
    hc_cli_warn_attrs(cli, "repo is corrupt or missing", kv);
}

static hc_status compile_regexp(struct search *s, const char *q, struct hc_error *err)
{
    int code;
    PCRE2_SIZE off;
    s->re = pcre2_compile((PCRE2_SPTR)q, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code, &off, NULL);
    if (!s->re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        return hc_error_set(err, HC_ERR_PARSE, "error parsing regexp: %s: `%s`", (char *)msg, q);
    }
    s->md = pcre2_match_data_create_from_pattern(s->re, NULL);
    return s->md ? HC_OK : hc_error_nomem(err);
}

static hc_status write_results(struct hc_cli *cli, const struct search_opts *o,
                               const struct result *res, size_t n, struct hc_buf *b,
                               struct hc_error *err)
{
    bool json = !strcmp(o->output, "json"), yaml = !strcmp(o->output, "yaml");
    if (n == 0 && o->fail_on_no_result)
        return hc_error_set(err, HC_ERR_NOT_FOUND, "no results found");
    if (json) {
        hc_buf_addc(b, '[');
        for (size_t i = 0; i < n; i++) {
            const char *k[] = {"{\"name\":", ",\"version\":", ",\"app_version\":",
                               ",\"description\":"};
            const char *v[] = {res[i].name, res[i].v->version, res[i].v->app_version,
                               res[i].v->description};
            if (i)
                hc_buf_addc(b, ',');
            for (size_t f = 0; f < 4; f++) {
                hc_buf_adds(b, k[f]);
                hc_status rc = hc_json_write(b, hc_cstr(v[f]), 0, err);
                if (rc != HC_OK)
                    return rc;
            }
            hc_buf_addc(b, '}');
        }
        hc_buf_adds(b, "]\n");
        return HC_OK;
    }
    if (yaml) {
        struct hc_list *l = hc_list_new(&cli->arena, n);
        if (!l)
            return hc_error_nomem(err);
        for (size_t i = 0; i < n; i++) {
            struct hc_map *m = hc_map_new(&cli->arena, 4);
            if (!m ||
                hc_map_set(&cli->arena, m, "name", 4, hc_cstr(res[i].name)) != HC_OK ||
                hc_map_set(&cli->arena, m, "version", 7, hc_cstr(res[i].v->version)) != HC_OK ||
                hc_map_set(&cli->arena, m, "app_version", 11, hc_cstr(res[i].v->app_version)) !=
                    HC_OK ||
                hc_map_set(&cli->arena, m, "description", 11, hc_cstr(res[i].v->description)) !=
                    HC_OK)
                return hc_error_nomem(err);
            l->items[i] = hc_map_val(m, HC_GT_MAP);
        }
        return hc_yaml_write(b, hc_list_val(l, HC_GT_LIST), err);
    }
    if (n == 0) {
        hc_buf_adds(b, "No results found\n");
        return HC_OK;
    }
    struct hc_table t;
    hc_table_init(&t, &cli->arena, 4, o->max_col_width);
    static const char *const head[] = {"NAME", "CHART VERSION", "APP VERSION", "DESCRIPTION"};
    hc_status rc = hc_table_row(&t, head, err);
    for (size_t i = 0; i < n && rc == HC_OK; i++) {
        const char *row[] = {res[i].name, res[i].v->version, res[i].v->app_version,
                             res[i].v->description};
        rc = hc_table_row(&t, row, err);
    }
    if (rc == HC_OK)
        hc_table_write(&t, b);
    return rc;
}

/* applyConstraint: the versions satisfying the constraint, only the first per chart
 * unless --versions. */
static hc_status apply_constraint(const struct search_opts *o, const char *version,
                                  struct result *res, size_t *n, struct hc_error *err)
{
    struct hc_semver_constraints *c = NULL;
    struct hc_error ce;
    hc_error_init(&ce);
    if (hc_semver_constraints_parse(version, strlen(version), &c, &ce) != HC_OK) {
        hc_status rc = hc_error_set(err, HC_ERR_USAGE, "an invalid version/constraint format: %s",
                                    hc_error_msg(&ce));
        hc_error_release(&ce);
        return rc;
    }
    /* foundNames: a set of chart names, open addressing over a power of two */
    size_t cap = 16;
    while (cap < 2 * *n)
        cap *= 2;
    const char **found = o->versions ? NULL : calloc(cap, sizeof *found);
    if (!o->versions && !found) {
        hc_semver_constraints_free(c);
        return hc_error_nomem(err);
    }
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        size_t slot = 0;
        if (found) {
            uint64_t h = 14695981039346656037u;
            for (const char *p = res[i].name; *p; p++)
                h = (h ^ (unsigned char)*p) * 1099511628211u;
            slot = (size_t)h & (cap - 1);
            while (found[slot] && strcmp(found[slot], res[i].name) != 0)
                slot = (slot + 1) & (cap - 1);
            if (found[slot])
                continue;
        }
        if (!res[i].sv_ok || !hc_semver_constraints_check(c, &res[i].sv))
            continue;
        if (found)
            found[slot] = res[i].name;
        res[k++] = res[i];
    }
    free(found);
    *n = k;
    hc_semver_constraints_free(c);
    return HC_OK;
}

static hc_status run_search_repo(struct hc_cli *cli, struct hc_error *err)
{
    const struct search_opts *o = cli->opts;
    const char *version = o->version && *o->version ? o->version
                          : o->devel                ? ">0.0.0-0"
                                                    : ">0.0.0";
    struct hc_repo_file *f = NULL;
    struct hc_error le;
    hc_error_init(&le);
    hc_status rc = hc_repo_file_load(cli->g.repository_config, false, &f, &le);
    hc_error_release(&le);
    if (rc != HC_OK || f->n_repos == 0) {
        hc_repo_file_free(f);
        return hc_error_set(err, HC_ERR_NOT_FOUND, "no repositories configured");
    }
    struct search s = {.cli = cli};
    struct hc_repo_index **idx = calloc(f->n_repos, sizeof *idx);
    struct hc_buf out = HC_BUF_INIT;
    if (!idx) {
        rc = hc_error_nomem(err);
        goto out;
    }
    if (cli->nargs > 0) {
        struct hc_buf q = HC_BUF_INIT;
        for (size_t i = 0; i < cli->nargs; i++)
            hc_buf_printf(&q, "%s%s", i ? " " : "", cli->args[i]);
        if (!hc_buf_ok(&q)) {
            hc_buf_release(&q);
            rc = hc_error_nomem(err);
            goto out;
        }
        if (o->regexp) {
            rc = compile_regexp(&s, hc_buf_str(&q), err);
        } else {
            for (size_t i = 0; i < q.len; i++)
                q.data[i] = (char)tolower((unsigned char)q.data[i]);
            s.term = hc_arena_strdup(&cli->arena, hc_buf_str(&q));
            if (!s.term)
                rc = hc_error_nomem(err);
        }
        hc_buf_release(&q);
        if (rc != HC_OK)
            goto out;
    }
    for (size_t r = 0; r < f->n_repos && rc == HC_OK; r++) {
        const char *name = f->repos[r].name;
        char *path = hc_repo_cache_index_path(cli->g.repository_cache, name);
        if (!path) {
            rc = hc_error_nomem(err);
            break;
        }
        hc_error_init(&le);
        if (hc_repo_index_load(path, NULL, &idx[r], &le) != HC_OK) {
            warn_corrupt(cli, name, hc_error_msg(&le));
            hc_error_release(&le);
            free(path);
            continue;
        }
        free(path);
        for (size_t c = 0; c < idx[r]->n_charts && rc == HC_OK; c++) {
            const struct hc_repo_chart *ch = &idx[r]->charts[c];
            for (size_t v = 0; v < ch->n_versions && rc == HC_OK; v++)
                rc = consider(&s, name, ch, &ch->versions[v], err);
        }
    }
    if (rc != HC_OK)
        goto out;
    if (s.n > 1)
        qsort(s.res, s.n, sizeof *s.res, cmp_result);
    rc = apply_constraint(o, version, s.res, &s.n, err);
    if (rc == HC_OK)
        rc = write_results(cli, o, s.res, s.n, &out, err);
    if (rc == HC_OK && !hc_buf_ok(&out))
        rc = hc_error_nomem(err);
    if (rc == HC_OK)
        fwrite(hc_buf_str(&out), 1, out.len, cli->out);
out:
    hc_buf_release(&out);
    hc_buf_release(&s.line);
    pcre2_match_data_free(s.md);
    pcre2_code_free(s.re);
    free(s.res);
    for (size_t r = 0; idx && r < f->n_repos; r++)
        hc_repo_index_free(idx[r]);
    free(idx);
    hc_repo_file_free(f);
    return rc;
}

static const struct hc_command search_hub = {
    .use = "hub [KEYWORD]",
    .summary = "search for charts in the Artifact Hub or your own hub instance",
    .description = "\n"
                   "Search Artifact Hub (or the hub --endpoint names) for charts matching a\n"
                   "keyword.\n",
    .run = hc_cli_not_implemented,
    .args = HC_ARGS_ANY,
    .options = search_hub_options,
    .options_size = sizeof(struct search_opts),
};

static const struct hc_command search_repo = {
    .use = "repo [keyword]",
    .summary = "search repositories for a keyword in charts",
    .description = "\n"
                   "Search the indexes of the added repositories for charts whose name,\n"
                   "description or keywords match; without a keyword, list every chart.\n"
                   "--version takes a semantic version constraint.\n",
    .run = run_search_repo,
    .args = HC_ARGS_ANY,
    .options = search_repo_options,
    .options_size = sizeof(struct search_opts),
};

static const struct hc_command *const search_subcommands[] = {&search_hub, &search_repo, NULL};

const struct hc_command hc_cmd_search = {
    .use = "search [keyword]",
    .summary = "search for a keyword in charts",
    .description = "\n"
                   "Search for charts on Artifact Hub or in the added repositories.\n",
    .args = HC_ARGS_ANY,
    .subcommands = search_subcommands,
};
