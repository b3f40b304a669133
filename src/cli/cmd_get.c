/*
 * cmd_get.c - `helmc get`: a release's values, manifest, notes, hooks and metadata.
 *
 * Mirrors helm's pkg/cmd/get.go and get_*.go, plus `get release` (ours, hidden): the
 * stored record itself, or with --all-revisions every revision as a list, which is what
 * HELM_MEMORY_DRIVER_DATA reads, so helm can load what helmc recorded.
 */
#include "cli/flags.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/release_cli.h"
#include "helmc/orphans.h"
#include "json/json.h"

struct get_opts {
    int64_t revision;
    const char *output, *template_;
    bool all, all_revisions, secret;
};

#define T    struct get_opts
#define O(f) offsetof(T, f)
/* clang-format off */
#define REVISION(h) {"revision", 0, HC_OPT_INT, O(revision), .help = (h)}
/* clang-format on */
static const struct hc_option get_all_options[] = {
    REVISION("get the named release with revision"),
    {"template", 0, HC_OPT_STRING, O(template_),
     .help = "go template for formatting the output, eg: {{.Release.Name}}"},
    {0},
};
static const struct hc_option get_revision_options[] = {
    REVISION("get the named release with revision"),
    {0},
};
static const struct hc_option get_metadata_options[] = {
    REVISION("specify release revision"),
    HC_OUTPUT_OPTION(T, output),
    {0},
};
static const struct hc_option get_values_options[] = {
    REVISION("get the named release with revision"),
    {"all", 'a', HC_OPT_BOOL, O(all), .help = "dump all (computed) values"},
    HC_OUTPUT_OPTION(T, output),
    {0},
};
static const struct hc_option get_release_options[] = {
    REVISION("get the named release with revision"),
    {"all-revisions", 0, HC_OPT_BOOL, O(all_revisions),
     .help = "every stored revision, as a list HELM_MEMORY_DRIVER_DATA reads"},
    {"secret", 0, HC_OPT_BOOL, O(secret),
     .help = "the revision as the Secret helm's secret driver stores (for kubectl apply)"},
    {"output", 'o', HC_OPT_STRING, O(output), .help = "json or yaml", .def = "yaml",
     .type_name = "format", .check = hc_check_output, .flags = HC_OPT_CUSTOM},
    {0},
};
#undef REVISION
#undef O
#undef T


/* The revision the subcommand asks for; the caller closes *st. */
static hc_status get_release(struct hc_cli *cli, struct hc_cli_store *st, struct hc_release **r,
                             struct hc_error *err)
{
    const struct get_opts *o = cli->opts;
    hc_status rc = hc_cli_store_open(cli, 0, st, err);
    if (rc == HC_OK)
        rc = hc_action_get(&st->cfg, cli->args[0], o->revision, &cli->arena, r, err);
    return rc;
}

static hc_status run_get_all(struct hc_cli *cli, struct hc_error *err)
{
    const struct get_opts *o = cli->opts;
    if (*o->template_)
        return hc_error_set(err, HC_ERR_USAGE, "--template is not implemented yet");
    struct hc_cli_store st;
    struct hc_release *r;
    hc_status rc = get_release(cli, &st, &r, err);
    if (rc == HC_OK) {
        struct hc_cli_status_opts so = {true, false, true};
        rc = hc_cli_print_status(cli, r, &so, err);
    }
    hc_cli_store_close(&st);
    return rc;
}

static hc_status run_get_values(struct hc_cli *cli, struct hc_error *err)
{
    const struct get_opts *o = cli->opts;
    struct hc_cli_store st;
    struct hc_release *r;
    hc_status rc = get_release(cli, &st, &r, err);
    if (rc == HC_OK) {
        hc_val v = r->config;
        if (o->all)
            rc = hc_cli_computed_values(cli, r, &v, err);
        if (rc == HC_OK && !hc_cli_format_is_data(o->output))
            fputs(o->all ? "COMPUTED VALUES:\n" : "USER-SUPPLIED VALUES:\n", cli->out);
        if (rc == HC_OK)
            rc = hc_cli_print_value(cli, v, strcmp(o->output, "json") == 0 ? "json" : "yaml",
                                    err);
    }
    hc_cli_store_close(&st);
    return rc;
}

static hc_status run_get_manifest(struct hc_cli *cli, struct hc_error *err)
{
    struct hc_cli_store st;
    struct hc_release *r;
    hc_status rc = get_release(cli, &st, &r, err);
    if (rc == HC_OK)
        fprintf(cli->out, "%.*s\n", (int)r->manifest.n, r->manifest.p ? r->manifest.p : "");
    hc_cli_store_close(&st);
    return rc;
}

static hc_status run_get_hooks(struct hc_cli *cli, struct hc_error *err)
{
    struct hc_cli_store st;
    struct hc_release *r;
    hc_status rc = get_release(cli, &st, &r, err);
    for (size_t i = 0; rc == HC_OK && i < r->nhooks; i++) {
        const struct hc_release_hook *h = &r->hooks[i];
        fprintf(cli->out, "---\n# Source: %.*s\n%.*s\n", (int)h->path.n, h->path.p ? h->path.p : "",
                (int)h->manifest.n, h->manifest.p ? h->manifest.p : "");
    }
    hc_cli_store_close(&st);
    return rc;
}

static hc_status run_get_notes(struct hc_cli *cli, struct hc_error *err)
{
    struct hc_cli_store st;
    struct hc_release *r;
    hc_status rc = get_release(cli, &st, &r, err);
    if (rc == HC_OK && r->info && r->info->notes.n)
        fprintf(cli->out, "NOTES:\n%.*s\n", (int)r->info->notes.n, r->info->notes.p);
    hc_cli_store_close(&st);
    return rc;
}

/* Go's time.RFC3339 (whole seconds) in the stamp's offset. */
static void rfc3339(struct hc_buf *b, struct hc_stamp t)
{
    t.nsec = 0;
    hc_stamp_format(b, t);
}

static const char *apply_method(hc_rstr m)
{
    if (m.n == 3 && memcmp(m.p, "ssa", 3) == 0)
        return "server-side apply";
    if (m.n == 3 && memcmp(m.p, "csa", 3) == 0)
        return "client-side apply";
    return "client-side apply (defaulted)";
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static hc_status run_get_metadata(struct hc_cli *cli, struct hc_error *err)
{
    const struct get_opts *o = cli->opts;
    struct hc_cli_store st;
    struct hc_release *r;
    hc_status rc = get_release(cli, &st, &r, err);
    if (rc != HC_OK) {
        hc_cli_store_close(&st);
        return rc;
    }
    static const struct hc_release_metadata none;
    const struct hc_release_metadata *m = r->chart && r->chart->metadata ? r->chart->metadata
                                                                          : &none;
    static const struct hc_release_info noinfo;
    const struct hc_release_info *in = r->info ? r->info : &noinfo;
    struct hc_buf when = HC_BUF_INIT;
    rfc3339(&when, in->last_deployed);
    hc_val ann = m->annotations;
    bool has_ann = ann.kind == HC_MAP && ann.u.m && ann.u.m->len;
    const char **deps = hc_arena_array(&cli->arena, m->ndependencies + 1, sizeof *deps);
    for (size_t i = 0; deps && i < m->ndependencies; i++)
        deps[i] = hc_arena_strndup(&cli->arena, m->dependencies[i].name.p ? m->dependencies[i].name.p : "",
                                   m->dependencies[i].name.n);
    if (deps && m->ndependencies > 1)
        qsort(deps, m->ndependencies, sizeof *deps, cmp_str);
    if (hc_cli_format_is_data(o->output)) {
        /* Metadata's JSON: keys in struct order, empty maps and lists left out */
        struct hc_arena *a = &cli->arena;
        struct hc_buf b = HC_BUF_INIT;
#define JSTR(k, s, n)                                                                          \
    do {                                                                                       \
        hc_buf_adds(&b, k);                                                                    \
        hc_json_write(&b, hc_strn(hc_arena_strndup(a, (s) ? (s) : "", (n)), (n)), 0, err);   \
    } while (0)
        JSTR("{\"name\":", r->name.p, r->name.n);
        JSTR(",\"chart\":", m->name.p, m->name.n);
        JSTR(",\"version\":", m->version.p, m->version.n);
        JSTR(",\"appVersion\":", m->app_version.p, m->app_version.n);
        if (has_ann) {
            hc_buf_adds(&b, ",\"annotations\":");
            hc_json_write(&b, ann, 0, err);
        }
        if (m->ndependencies) {
            hc_buf_adds(&b, ",\"dependencies\":[");
            for (size_t i = 0; i < m->ndependencies; i++) {
                const struct hc_release_dependency *d = &m->dependencies[i];
                JSTR(i ? ",{\"name\":" : "{\"name\":", d->name.p, d->name.n);
                if (d->version.n)
                    JSTR(",\"version\":", d->version.p, d->version.n);
                JSTR(",\"repository\":", d->repository.p, d->repository.n);
                if (d->condition.n)
                    JSTR(",\"condition\":", d->condition.p, d->condition.n);
                if (d->alias.n)
                    JSTR(",\"alias\":", d->alias.p, d->alias.n);
                hc_buf_addc(&b, '}');
            }
            hc_buf_addc(&b, ']');
        }
        JSTR(",\"namespace\":", r->namespace_.p, r->namespace_.n);
        hc_buf_printf(&b, ",\"revision\":%lld", (long long)r->version);
        JSTR(",\"status\":", in->status.p, in->status.n);
        JSTR(",\"deployedAt\":", hc_buf_str(&when), when.len);
        if (r->apply_method.n)
            JSTR(",\"applyMethod\":", r->apply_method.p, r->apply_method.n);
#undef JSTR
        hc_buf_adds(&b, "}\n");
        if (!hc_buf_ok(&b)) {
            rc = hc_error_nomem(err);
        } else if (strcmp(o->output, "json") == 0) {
            fwrite(b.data, 1, b.len, cli->out);
        } else {
            hc_val v;
            rc = hc_json_read(a, b.data, b.len, &v, err);
            if (rc == HC_OK)
                rc = hc_cli_print_value(cli, v, "yaml", err);
        }
        hc_buf_release(&b);
    } else {
        struct hc_buf b = HC_BUF_INIT;
        hc_buf_printf(&b, "NAME: %.*s\nCHART: %.*s\nVERSION: %.*s\nAPP_VERSION: %.*s\n",
                      (int)r->name.n, r->name.p ? r->name.p : "", (int)m->name.n,
                      m->name.p ? m->name.p : "", (int)m->version.n,
                      m->version.p ? m->version.p : "", (int)m->app_version.n,
                      m->app_version.p ? m->app_version.p : "");
        hc_buf_adds(&b, "ANNOTATIONS: ");
        if (has_ann) /* labels.Set.String(): k=v sorted, comma-joined */
            for (uint32_t i = 0; i < ann.u.m->len; i++) {
                hc_val v = ann.u.m->e[i].val;
                hc_buf_printf(&b, "%s%.*s=%.*s", i ? "," : "", (int)ann.u.m->e[i].klen,
                              ann.u.m->e[i].key, v.kind == HC_STRING ? (int)v.len : 0,
                              v.kind == HC_STRING ? v.u.s : "");
            }
        hc_buf_adds(&b, "\nLABELS: \nDEPENDENCIES: ");
        for (size_t i = 0; deps && i < m->ndependencies; i++)
            hc_buf_printf(&b, "%s%s", i ? "," : "", deps[i] ? deps[i] : "");
        hc_buf_printf(&b, "\nNAMESPACE: %.*s\nREVISION: %lld\nSTATUS: %.*s\nDEPLOYED_AT: %s\n"
                          "APPLY_METHOD: %s\n",
                      (int)r->namespace_.n, r->namespace_.p ? r->namespace_.p : "",
                      (long long)r->version, (int)in->status.n, in->status.p ? in->status.p : "",
                      hc_buf_str(&when), apply_method(r->apply_method));
        fwrite(b.data, 1, b.len, cli->out);
        hc_buf_release(&b);
    }
    hc_buf_release(&when);
    hc_cli_store_close(&st);
    return rc;
}

/* `get release` (ours): the stored record(s), as JSON or YAML. */
static hc_status run_get_record(struct hc_cli *cli, struct hc_error *err)
{
    const struct get_opts *o = cli->opts;
    struct hc_cli_store st;
    hc_status rc = hc_cli_store_open(cli, 0, &st, err);
    if (rc != HC_OK)
        return rc;
    struct hc_release_list h = {0};
    struct hc_release *one = NULL;
    if (o->secret && o->all_revisions) {
        hc_cli_store_close(&st);
        return hc_error_set(err, HC_ERR_USAGE, "--secret and --all-revisions cannot be combined");
    }
    if (o->all_revisions)
        rc = hc_action_history(&st.cfg, cli->args[0], 0, &cli->arena, &h, err);
    else
        rc = hc_action_get(&st.cfg, cli->args[0], o->revision, &cli->arena, &one, err);
    struct hc_buf b = HC_BUF_INIT;
    if (rc == HC_OK && o->secret) {
        struct hc_secret_opts so = {.yaml = strcmp(o->output, "json") != 0};
        rc = hc_release_secret(&b, one, &so, err);
        if (rc == HC_OK && !hc_buf_ok(&b))
            rc = hc_error_nomem(err);
        if (rc == HC_OK)
            fwrite(b.data, 1, b.len, cli->out);
        hc_buf_release(&b);
        hc_cli_store_close(&st);
        return rc;
    }
    if (rc == HC_OK && o->all_revisions) {
        hc_buf_addc(&b, '[');
        for (size_t i = 0; rc == HC_OK && i < h.n; i++) {
            if (i)
                hc_buf_addc(&b, ',');
            rc = hc_release_to_json(&b, h.v[i], h.v[i]->format, err);
        }
        hc_buf_addc(&b, ']');
    } else if (rc == HC_OK) {
        rc = hc_release_to_json(&b, one, one->format, err);
    }
    if (rc == HC_OK && !hc_buf_ok(&b))
        rc = hc_error_nomem(err);
    if (rc == HC_OK && strcmp(o->output, "json") == 0) {
        hc_buf_addc(&b, '\n');
        fwrite(b.data, 1, b.len, cli->out);
    } else if (rc == HC_OK) {
        hc_val v;
        rc = hc_json_read(&cli->arena, b.data, b.len, &v, err);
        if (rc == HC_OK)
            rc = hc_cli_print_value(cli, v, "yaml", err);
    }
    hc_buf_release(&b);
    hc_cli_store_close(&st);
    return rc;
}

static const struct hc_command get_all = {
    .use = "all RELEASE_NAME",
    .summary = "download all information for a named release",
    .description = "\n"
                   "Print everything about a release: its notes, hooks, values and manifest.\n",
    .run = run_get_all,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_all_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_hooks = {
    .use = "hooks RELEASE_NAME",
    .summary = "download all hooks for a named release",
    .description = "\n"
                   "Print a release's hooks as YAML documents separated by '---'.\n",
    .run = run_get_hooks,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_revision_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_manifest = {
    .use = "manifest RELEASE_NAME",
    .summary = "download the manifest for a named release",
    .description = "\n"
                   "Print the manifest a release deployed: the Kubernetes resources its chart\n"
                   "and subcharts rendered, as YAML.\n",
    .run = run_get_manifest,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_revision_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_metadata = {
    .use = "metadata RELEASE_NAME",
    .summary = "This command fetches metadata for a given release",
    .description = "Print a release's metadata: name, chart, versions, namespace, revision, "
                   "status and deployment time.",
    .run = run_get_metadata,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_metadata_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_notes = {
    .use = "notes RELEASE_NAME",
    .summary = "download the notes for a named release",
    .description = "\n"
                   "Print the notes a release's chart rendered.\n",
    .run = run_get_notes,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_revision_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_values = {
    .use = "values RELEASE_NAME",
    .summary = "download the values file for a named release",
    .description = "\n"
                   "Print the values a release was given (all computed values with --all).\n",
    .run = run_get_values,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_values_options,
    .options_size = sizeof(struct get_opts),
};

static const struct hc_command get_record = {
    .use = "release RELEASE_NAME",
    .summary = "print the stored release record",
    .description = "\n"
                   "Print the record helmc stored for a release (the last revision, or\n"
                   "--revision) as JSON or YAML; with --all-revisions every revision as a\n"
                   "list, the format helm's HELM_MEMORY_DRIVER_DATA reads.\n",
    .run = run_get_record,
    .args = HC_ARGS_EXACT,
    .nargs = 1,
    .options = get_release_options,
    .options_size = sizeof(struct get_opts),
    .flags = HC_CMD_HIDDEN,
};

static const struct hc_command *const get_subcommands[] = {
    &get_all, &get_values, &get_manifest, &get_hooks, &get_notes, &get_metadata, &get_record,
    NULL,
};

const struct hc_command hc_cmd_get = {
    .use = "get",
    .summary = "download extended information of a named release",
    .description = "\n"
                   "Show what helmc recorded about a release: its values, manifest, notes,\n"
                   "hooks or metadata, one subcommand each.\n",
    .args = HC_ARGS_NONE,
    .subcommands = get_subcommands,
};
