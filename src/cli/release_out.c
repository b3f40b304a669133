/*
 * release_out.c - printing releases as helm's pkg/cmd does: the status block
 * (statusPrinter), uitable tables, Go's time formats, and -o json|yaml.
 */
#include "cli/release_cli.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/buf.h"
#include "helmc/orphans.h"
#include "chart/chart.h"
#include "json/json.h"
#include "yaml/yaml.h"

/* Seconds from 0001-01-01 to 1970-01-01 (Go's unixToInternal). */
#define UNIX_TO_ABS 62135596800LL

static bool broken_down(struct hc_stamp t, struct tm *tm)
{
    time_t u = (time_t)(t.sec - UNIX_TO_ABS + t.offset);
    return gmtime_r(&u, tm) != NULL;
}

void hc_cli_time_ansic(struct hc_buf *b, struct hc_stamp t)
{
    if (hc_stamp_is_zero(t)) {
        hc_buf_adds(b, "Mon Jan  1 00:00:00 0001");
        return;
    }
    struct tm tm;
    char s[64];
    if (!broken_down(t, &tm) || !strftime(s, sizeof s, "%a %b %e %H:%M:%S ", &tm))
        return;
    hc_buf_printf(b, "%s%04d", s, tm.tm_year + 1900);
}

void hc_cli_time_string(struct hc_buf *b, struct hc_stamp t)
{
    struct tm tm;
    if (!broken_down(t, &tm))
        return;
    hc_buf_printf(b, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (t.nsec) {
        char f[16];
        snprintf(f, sizeof f, "%09d", (int)t.nsec);
        size_t n = 9;
        while (n > 0 && f[n - 1] == '0')
            n--;
        hc_buf_printf(b, ".%.*s", (int)n, f);
    }
    int32_t off = t.offset;
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    char z[16];
    snprintf(z, sizeof z, "%c%02d%02d", sign, (int)(off / 3600), (int)(off / 60 % 60));
    hc_buf_printf(b, " %s %s", z, t.offset == 0 ? "UTC" : z);
}

const char *hc_cli_chart_name(struct hc_cli *cli, const struct hc_release *r)
{
    if (!r->chart || !r->chart->metadata)
        return "MISSING";
    const struct hc_release_metadata *m = r->chart->metadata;
    char *s = hc_arena_printf(&cli->arena, "%.*s-%.*s", (int)m->name.n, m->name.p ? m->name.p : "",
                              (int)m->version.n, m->version.p ? m->version.p : "");
    return s ? s : "";
}

const char *hc_cli_app_version(struct hc_cli *cli, const struct hc_release *r)
{
    if (!r->chart || !r->chart->metadata)
        return "MISSING";
    const struct hc_release_metadata *m = r->chart->metadata;
    char *s = hc_arena_strndup(&cli->arena, m->app_version.p ? m->app_version.p : "",
                               m->app_version.n);
    return s ? s : "";
}

/* ---- uitable ---- */

/* Display width as uitable measures it (runes; wide characters are rare here). */
static size_t width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

void hc_cli_table_row(struct hc_cli *cli, struct hc_cli_table *t, const char *const *cells)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        const char **v = hc_arena_realloc(&cli->arena, t->cells, t->cap * t->ncols * sizeof *v,
                                          cap * t->ncols * sizeof *v);
        if (!v)
            return;
        t->cells = v;
        t->cap = cap;
    }
    for (size_t i = 0; i < t->ncols; i++)
        t->cells[t->nrows * t->ncols + i] = cells[i] ? cells[i] : "";
    t->nrows++;
}

/*
 * uitable splits a cell on newlines into extra lines, the other columns
 * empty there; each line pads every cell to its column's widest line.
 */
void hc_cli_table_write(struct hc_cli *cli, struct hc_cli_table *t)
{
    size_t *w = hc_arena_zalloc(&cli->arena, t->ncols * sizeof *w);
    if (!w)
        return;
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            while (*s) {
                const char *e = strchr(s, '\n');
                size_t n = e ? (size_t)(e - s) : strlen(s);
                size_t k = width(s, n);
                if (k > w[c])
                    w[c] = k;
                s += n + (e != NULL);
            }
        }
    struct hc_buf b = HC_BUF_INIT;
    for (size_t r = 0; r < t->nrows; r++) {
        const char **cur = hc_arena_array(&cli->arena, t->ncols, sizeof *cur);
        if (!cur)
            break;
        for (size_t c = 0; c < t->ncols; c++)
            cur[c] = t->cells[r * t->ncols + c];
        bool more = true;
        bool first = true;
        while (more) {
            more = false;
            if (!first || r > 0)
                hc_buf_addc(&b, '\n');
            first = false;
            for (size_t c = 0; c < t->ncols; c++) {
                const char *s = cur[c] ? cur[c] : "";
                const char *e = strchr(s, '\n');
                size_t n = e ? (size_t)(e - s) : strlen(s);
                if (c)
                    hc_buf_addc(&b, '\t');
                hc_buf_add(&b, s, n);
                hc_buf_addn(&b, ' ', w[c] - width(s, n));
                cur[c] = e ? e + 1 : NULL;
                if (e)
                    more = true;
            }
        }
    }
    hc_buf_addc(&b, '\n');
    fwrite(b.data, 1, b.len, cli->out);
    hc_buf_release(&b);
}

void hc_cli_report_orphans(struct hc_cli *cli, const struct hc_action_config *cfg,
                           const struct hc_release *base, const struct hc_release *target)
{
    if (!base || !target)
        return;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_release_list h;
    struct hc_orphan_report rep;
    const char *name = hc_arena_strndup(&cli->arena, target->name.p ? target->name.p : "",
                                        target->name.n);
    hc_status rc = name ? hc_action_history(cfg, name, 0, &cli->arena, &h, &err)
                        : hc_error_nomem(&err);
    if (rc == HC_OK)
        rc = hc_orphans_step(&cli->arena, h.v, h.n, base, target, &rep, &err);
    if (rc != HC_OK) {
        char *msg = hc_arena_printf(&cli->arena, "orphan report: %s", hc_error_msg(&err));
        hc_cli_warn(cli, msg ? msg : "orphan report failed");
        hc_error_release(&err);
        return;
    }
    if (rep.n == 0)
        return;
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_printf(&b, "Resources revision %lld no longer holds (helmc orphans %s):\n",
                  (long long)target->version, name);
    hc_orphans_table(&b, &rep);
    fwrite(b.data, 1, b.len, cli->err);
    hc_buf_release(&b);
}

/* ---- the status block ---- */

static void trim_space(const char **p, size_t *n)
{
    while (*n && strchr(" \t\n\r\v\f", (*p)[0])) {
        (*p)++;
        (*n)--;
    }
    while (*n && strchr(" \t\n\r\v\f", (*p)[*n - 1]))
        (*n)--;
}

hc_status hc_cli_computed_values(struct hc_cli *cli, const struct hc_release *r, hc_val *out,
                                 struct hc_error *err)
{
    struct hc_arena *a = &cli->arena;
    hc_val user = r->config, defs = r->chart ? r->chart->values : hc_map_val(NULL, HC_GT_MAP);
    struct hc_map *m = hc_map_new(a, 0);
    if (!m)
        return hc_error_nomem(err);
    hc_val v = hc_map_val(m, HC_GT_MAP);
    if (user.kind == HC_MAP && user.u.m && hc_val_copy(a, user, false, &v) != HC_OK)
        return hc_error_nomem(err);
    if (defs.kind == HC_MAP && defs.u.m) {
        hc_val d;
        if (hc_val_copy(a, defs, false, &d) != HC_OK)
            return hc_error_nomem(err);
        hc_status rc = hc_values_merge_tables(a, v.u.m, d.u.m, err);
        if (rc != HC_OK)
            return rc;
    }
    /* a null the user set removes the key (coalesce's deletion) */
    for (uint32_t i = 0; i < v.u.m->len;) {
        if (v.u.m->e[i].val.kind == HC_NULL)
            hc_map_del(v.u.m, v.u.m->e[i].key, v.u.m->e[i].klen);
        else
            i++;
    }
    *out = v;
    return HC_OK;
}

hc_status hc_cli_print_status(struct hc_cli *cli, const struct hc_release *r,
                              const struct hc_cli_status_opts *o, struct hc_error *err)
{
    (void)err;
    struct hc_buf b = HC_BUF_INIT;
    const struct hc_release_info *in = r->info;
    static const struct hc_release_info none;
    if (!in)
        in = &none;
    hc_buf_printf(&b, "NAME: %.*s\n", (int)r->name.n, r->name.p ? r->name.p : "");
    if (!hc_stamp_is_zero(in->last_deployed)) {
        hc_buf_adds(&b, "LAST DEPLOYED: ");
        hc_cli_time_ansic(&b, in->last_deployed);
        hc_buf_addc(&b, '\n');
    }
    hc_buf_printf(&b, "NAMESPACE: %.*s\n", (int)r->namespace_.n,
                  r->namespace_.p ? r->namespace_.p : "");
    hc_buf_printf(&b, "STATUS: %.*s\n", (int)in->status.n, in->status.p ? in->status.p : "");
    hc_buf_printf(&b, "REVISION: %lld\n", (long long)r->version);
    if (o->show_metadata) {
        const struct hc_release_metadata *m = r->chart ? r->chart->metadata : NULL;
        static const struct hc_release_metadata nom;
        if (!m)
            m = &nom;
        hc_buf_printf(&b, "CHART: %.*s\nVERSION: %.*s\nAPP_VERSION: %.*s\n", (int)m->name.n,
                      m->name.p ? m->name.p : "", (int)m->version.n,
                      m->version.p ? m->version.p : "", (int)m->app_version.n,
                      m->app_version.p ? m->app_version.p : "");
    }
    hc_buf_printf(&b, "DESCRIPTION: %.*s\n", (int)in->description.n,
                  in->description.p ? in->description.p : "");
    bool tests = false;
    for (size_t i = 0; i < r->nhooks; i++)
        for (size_t j = 0; j < r->hooks[i].events.n; j++)
            if (r->hooks[i].events.v[j].n == 4 && memcmp(r->hooks[i].events.v[j].p, "test", 4) == 0)
                tests = true;
    if (!tests) {
        hc_buf_adds(&b, "TEST SUITE: None\n");
    } else {
        for (size_t i = 0; i < r->nhooks; i++) {
            const struct hc_release_hook *h = &r->hooks[i];
            bool is_test = false;
            for (size_t j = 0; j < h->events.n; j++)
                is_test |= h->events.v[j].n == 4 && memcmp(h->events.v[j].p, "test", 4) == 0;
            if (!is_test || hc_stamp_is_zero(h->last_run.started_at))
                continue;
            hc_buf_printf(&b, "TEST SUITE:     %.*s\nLast Started:   ", (int)h->name.n,
                          h->name.p ? h->name.p : "");
            hc_cli_time_ansic(&b, h->last_run.started_at);
            hc_buf_adds(&b, "\nLast Completed: ");
            hc_cli_time_ansic(&b, h->last_run.completed_at);
            hc_buf_printf(&b, "\nPhase:          %.*s\n", (int)h->last_run.phase.n,
                          h->last_run.phase.p ? h->last_run.phase.p : "");
        }
    }
    if (o->debug) {
        hc_val user = r->config, all;
        hc_buf_adds(&b, "USER-SUPPLIED VALUES:\n");
        hc_status rc = hc_yaml_write(&b, user, err);
        hc_buf_adds(&b, "\nCOMPUTED VALUES:\n");
        if (rc == HC_OK)
            rc = hc_cli_computed_values(cli, r, &all, err);
        if (rc == HC_OK)
            rc = hc_yaml_write(&b, all, err);
        hc_buf_addc(&b, '\n');
        if (rc != HC_OK) {
            hc_buf_release(&b);
            return rc;
        }
    }
    bool dry = in->description.n == 16 && strncasecmp(in->description.p, "Dry run complete", 16) == 0;
    if (dry || o->debug) {
        hc_buf_adds(&b, "HOOKS:\n");
        for (size_t i = 0; i < r->nhooks; i++)
            hc_buf_printf(&b, "---\n# Source: %.*s\n%.*s\n", (int)r->hooks[i].path.n,
                          r->hooks[i].path.p ? r->hooks[i].path.p : "",
                          (int)r->hooks[i].manifest.n,
                          r->hooks[i].manifest.p ? r->hooks[i].manifest.p : "");
        hc_buf_printf(&b, "MANIFEST:\n%.*s\n", (int)r->manifest.n,
                      r->manifest.p ? r->manifest.p : "");
    }
    if (!o->hide_notes && in->notes.n) {
        const char *p = in->notes.p;
        size_t n = in->notes.n;
        trim_space(&p, &n);
        hc_buf_printf(&b, "NOTES:\n%.*s\n", (int)n, p);
    }
    fwrite(b.data, 1, b.len, cli->out);
    hc_buf_release(&b);
    return HC_OK;
}

bool hc_cli_format_is_data(const char *format)
{
    return format && (strcmp(format, "json") == 0 || strcmp(format, "yaml") == 0);
}

hc_status hc_cli_print_value(struct hc_cli *cli, hc_val v, const char *format,
                             struct hc_error *err)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_status rc;
    if (strcmp(format, "json") == 0) {
        rc = hc_json_write(&b, v, 0, err);
        hc_buf_addc(&b, '\n');
    } else {
        rc = hc_yaml_write(&b, v, err);
    }
    if (rc == HC_OK && !hc_buf_ok(&b))
        rc = hc_error_nomem(err);
    if (rc == HC_OK)
        fwrite(b.data, 1, b.len, cli->out);
    hc_buf_release(&b);
    return rc;
}

hc_status hc_cli_print_release(struct hc_cli *cli, const struct hc_release *r, const char *format,
                               struct hc_error *err)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_status rc = hc_release_to_json(&b, r, HC_RELEASE_V4, err);
    if (rc == HC_OK && !hc_buf_ok(&b))
        rc = hc_error_nomem(err);
    if (rc == HC_OK && strcmp(format, "json") == 0) {
        hc_buf_addc(&b, '\n');
        fwrite(b.data, 1, b.len, cli->out);
    } else if (rc == HC_OK) {
        hc_val v;
        rc = hc_json_read(&cli->arena, b.data, b.len, &v, err);
        if (rc == HC_OK)
            rc = hc_cli_print_value(cli, v, "yaml", err);
    }
    hc_buf_release(&b);
    return rc;
}
