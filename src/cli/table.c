/*
 * table.c - helm's uitable output (cli/table.h).
 */
#include "cli/table.h"

#include <string.h>

void hc_table_init(struct hc_table *t, struct hc_arena *a, size_t ncols, size_t max_width)
{
    memset(t, 0, sizeof *t);
    t->arena = a;
    t->ncols = ncols;
    t->max_width = max_width;
}

hc_status hc_table_row(struct hc_table *t, const char *const *cells, struct hc_error *err)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        void *p = hc_arena_realloc(t->arena, t->cells, t->cap * t->ncols * sizeof *t->cells,
                                   cap * t->ncols * sizeof *t->cells);
        if (!p)
            return hc_error_nomem(err);
        t->cells = p;
        t->cap = cap;
    }
    memcpy(t->cells + t->nrows * t->ncols, cells, t->ncols * sizeof *cells);
    t->nrows++;
    return HC_OK;
}

/* Code points in s. */
static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The bytes of s's first w code points. */
static size_t prefix_bytes(const char *s, size_t w)
{
    size_t i = 0, n = 0;
    while (s[i]) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (n == w)
                break;
            n++;
        }
        i++;
    }
    return i;
}

/* The cell as shown: cut to max_width with "..." when longer. */
static size_t shown(const struct hc_table *t, const char *s, size_t *bytes)
{
    size_t w = width(s);
    if (t->max_width && w > t->max_width) {
        /* runewidth.Truncate keeps one rune when the "..." leaves no room */
        size_t keep = t->max_width > 3 ? t->max_width - 3 : 1;
        *bytes = prefix_bytes(s, keep);
        return keep + 3;
    }
    *bytes = strlen(s);
    return w;
}

void hc_table_write(const struct hc_table *t, struct hc_buf *b)
{
    size_t widths[16] = {0};
    size_t ncols = t->ncols < 16 ? t->ncols : 16;
    /* a column is as wide as its widest cell, but at most max_width (a cut cell with
     * its "..." may still be wider) */
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < ncols; c++) {
            size_t w = width(t->cells[r * t->ncols + c]);
            if (t->max_width && w > t->max_width)
                w = t->max_width;
            if (w > widths[c])
                widths[c] = w;
        }
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            size_t bytes, w = shown(t, s, &bytes);
            if (c > 0)
                hc_buf_addc(b, '\t');
            hc_buf_add(b, s, bytes);
            if (bytes < strlen(s))
                hc_buf_adds(b, "...");
            if (w < widths[c])
                hc_buf_addn(b, ' ', widths[c] - w);
        }
        hc_buf_addc(b, '\n');
    }
}
