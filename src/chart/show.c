/*
 * show.c - what `helm show` prints for a loaded chart (pkg/action's
 * Show.Run): the metadata, the raw values.yaml, the README and the CRDs.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "chart/chart.h"
#include "chart/gostr.h"
#include "helmc/chart.h"

bool hc_chart_file_is_crd(const struct hc_chart_file *f)
{
    if (f->name_len < 5 || memcmp(f->name, "crds/", 5) != 0)
        return false;
    const char *dot = NULL;
    for (size_t k = f->name_len; k > 0 && f->name[k - 1] != '/'; k--)
        if (f->name[k - 1] == '.') {
            dot = f->name + k - 1;
            break;
        }
    if (!dot)
        return false;
    size_t el = f->name_len - (size_t)(dot - f->name);
    return hc_go_equal_fold_ascii(dot, el, ".yaml", 5) ||
           hc_go_equal_fold_ascii(dot, el, ".yml", 4) ||
           hc_go_equal_fold_ascii(dot, el, ".json", 5);
}

/* findReadme: the first file whose name equals one of helm's README names, ignoring case. */
static const struct hc_chart_file *find_readme(const struct hc_chart *c)
{
    static const char *const names[] = {"readme.md", "readme.txt", "readme"};
    for (size_t i = 0; i < c->nfiles; i++)
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (hc_go_equal_fold_ascii(c->files[i].name, c->files[i].name_len, names[k],
                                       strlen(names[k])))
                return &c->files[i];
    return NULL;
}

static void each_crd(const struct hc_chart *c,
                     void (*fn)(void *ctx, const struct hc_chart *c, const struct hc_chart_file *f),
                     void *ctx, int depth)
{
    if (depth > HC_CHART_MAX_DEPTH)
        return;
    for (size_t i = 0; i < c->nfiles; i++)
        if (hc_chart_file_is_crd(&c->files[i]))
            fn(ctx, c, &c->files[i]);
    for (size_t i = 0; i < c->ndeps; i++)
        each_crd(c->deps[i], fn, ctx, depth + 1);
}

void hc_chart_each_crd(const struct hc_chart *c,
                       void (*fn)(void *ctx, const struct hc_chart *c,
                                  const struct hc_chart_file *f),
                       void *ctx)
{
    each_crd(c, fn, ctx, 0);
}

/* show crds: each file after "---" unless it starts with one. */
static void show_crd(void *ctx, const struct hc_chart *c, const struct hc_chart_file *f)
{
    struct hc_buf *b = ctx;
    (void)c;
    if (f->len < 3 || memcmp(f->data, "---", 3) != 0)
        hc_buf_adds(b, "---\n");
    hc_buf_add(b, f->data, f->len);
    hc_buf_addc(b, '\n');
}

hc_status hc_chart_show(const struct hc_chart *c, enum hc_show_part part, struct hc_buf *out,
                        struct hc_error *err)
{
    bool all = part == HC_SHOW_ALL;
    if (all || part == HC_SHOW_CHART) {
        char *text;
        size_t len;
        hc_status rc = hc_chart_metadata_yaml(c, &text, &len, err);
        if (rc != HC_OK)
            return rc;
        hc_buf_add(out, text, len);
        hc_buf_addc(out, '\n');
        free(text);
    }
    if ((all || part == HC_SHOW_VALUES) && c->values_raw) {
        if (all)
            hc_buf_adds(out, "---\n");
        hc_buf_add(out, c->values_raw, c->values_raw_len);
        hc_buf_addc(out, '\n');
    }
    if (all || part == HC_SHOW_README) {
        const struct hc_chart_file *r = find_readme(c);
        if (r) {
            if (all)
                hc_buf_adds(out, "---\n");
            hc_buf_add(out, r->data, r->len);
            hc_buf_addc(out, '\n');
        }
    }
    if (all || part == HC_SHOW_CRDS)
        hc_chart_each_crd(c, show_crd, out);
    return hc_buf_ok(out) ? HC_OK : hc_error_nomem(err);
}
