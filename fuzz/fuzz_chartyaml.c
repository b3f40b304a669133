/*
 * fuzz_chartyaml.c - Chart.yaml and values files on any bytes.
 *
 * The input up to the first NUL byte is read as a Chart.yaml (decoded into
 * the chart metadata and validated as Helm validates it); what follows is
 * read as a values file (several YAML documents merged).  A failure must
 * leave a message.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "chart/chart.h"
#include "helmc/chart.h"

#define ARENA_LIMIT ((size_t)64 << 20)

static void explained(hc_status rc, const struct hc_error *err)
{
    if (rc != HC_OK && !*hc_error_msg(err))
        abort(); /* every failure explains itself */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0;
    const char *text = (const char *)data;
    const char *nul = memchr(text, 0, size);
    size_t chart_len = nul ? (size_t)(nul - text) : size;

    struct hc_chart c;
    memset(&c, 0, sizeof c);
    hc_arena_init(&c.own_arena, ARENA_LIMIT);
    c.arena = &c.own_arena;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_chart_meta_read(&c, text, chart_len, &err);
    explained(rc, &err);
    if (rc == HC_OK) {
        rc = hc_chart_meta_validate(&c, &err);
        explained(rc, &err);
    }
    hc_error_release(&err);

    if (nul) {
        hc_error_init(&err);
        hc_val values;
        rc = hc_values_read(c.arena, nul + 1, size - chart_len - 1, "values.yaml", &values, &err);
        explained(rc, &err);
        hc_error_release(&err);
    }
    hc_arena_free(&c.own_arena);
    return 0;
}
