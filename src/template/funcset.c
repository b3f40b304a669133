/*
 * funcset.c - the sorted index of template functions (see func.h).
 *
 * Mirrors how text/template finds a function by name in its FuncMap (a Go
 * map) and how Helm builds that map: Sprig's functions, minus env and
 * expandenv, plus Helm's own, each later one replacing an earlier one of the
 * same name.  Invariant: rows[0..len) are sorted by name in byte order with
 * no duplicates, so lookup is a binary search.
 */
#include "template/func.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

/* Compares the NUL-terminated row name a with b[0..blen) in byte order. */
static int cmp_name(const char *a, const char *b, size_t blen)
{
    size_t i = 0;
    for (; i < blen && a[i] != '\0'; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x != y)
            return x < y ? -1 : 1;
    }
    if (i < blen)
        return -1; /* a is a proper prefix of b (or b holds a NUL) */
    return a[i] == '\0' ? 0 : 1;
}

const struct hc_func *hc_funcset_find(const struct hc_funcset *fs, const char *name, size_t len)
{
    size_t lo = 0, hi = fs->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_name(fs->rows[mid]->name, name, len);
        if (c == 0)
            return fs->rows[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

struct entry {
    const struct hc_func *row;
    size_t order; /* position in the concatenation of the tables */
};

static int cmp_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->row->name, y->row->name);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

hc_status hc_funcset_build(struct hc_funcset *fs, const struct hc_func *const tables[],
                           const size_t counts[], size_t ntables, const char *const remove[],
                           size_t nremove, struct hc_error *err)
{
    fs->rows = NULL;
    fs->len = 0;
    size_t total = 0;
    for (size_t t = 0; t < ntables; t++)
        total = hc_add_size(total, counts[t]);
    if (total >= UINT32_MAX)
        return hc_error_nomem(err);
    struct entry *all = hc_malloc(hc_mul_size(total ? total : 1, sizeof *all));
    if (!all)
        return hc_error_nomem(err);
    size_t k = 0;
    for (size_t t = 0; t < ntables; t++)
        for (size_t i = 0; i < counts[t]; i++, k++) {
            all[k].row = &tables[t][i];
            all[k].order = k;
        }
    qsort(all, total, sizeof *all, cmp_entry);

    const struct hc_func **rows = hc_malloc(hc_mul_size(total ? total : 1, sizeof *rows));
    if (!rows) {
        hc_free(all);
        return hc_error_nomem(err);
    }
    uint32_t n = 0;
    for (size_t i = 0; i < total; i++) {
        /* keep the last of each run of equal names */
        if (i + 1 < total && strcmp(all[i].row->name, all[i + 1].row->name) == 0)
            continue;
        bool removed = false;
        for (size_t r = 0; r < nremove && !removed; r++)
            removed = strcmp(all[i].row->name, remove[r]) == 0;
        if (!removed)
            rows[n++] = all[i].row;
    }
    hc_free(all);
    fs->rows = rows;
    fs->len = n;
    return HC_OK;
}

void hc_funcset_release(struct hc_funcset *fs)
{
    hc_free((void *)fs->rows);
    fs->rows = NULL;
    fs->len = 0;
}
