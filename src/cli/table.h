/*
 * table.h - helm's tables (github.com/gosuri/uitable as output.EncodeTable prints them):
 * every cell padded on the right to its column's width, the last one too, cells joined by
 * a tab, a newline after each row.  With a maximum column width, longer cells are cut to
 * that width with "..." at the end (runewidth.Truncate).  Widths count code points.
 */
#ifndef HC_CLI_TABLE_H
#define HC_CLI_TABLE_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/error.h"

struct hc_table {
    struct hc_arena *arena;
    size_t ncols, max_width; /* max_width 0: no limit */
    const char **cells;      /* nrows * ncols, in the arena */
    size_t nrows, cap;
};

void hc_table_init(struct hc_table *t, struct hc_arena *a, size_t ncols, size_t max_width);
/* Adds a row of t->ncols cells (copied pointers: the strings must outlive the table). */
hc_status hc_table_row(struct hc_table *t, const char *const *cells, struct hc_error *err);
/* Appends the table's text to b. */
void hc_table_write(const struct hc_table *t, struct hc_buf *b);

#endif
