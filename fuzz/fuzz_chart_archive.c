/*
 * fuzz_chart_archive.c - packed charts (src/chart/archive.c) on any bytes.
 *
 * The input is read as a gzipped tar chart with small ceilings (64 KiB a
 * file, 256 KiB in all).  Properties checked, beyond not crashing:
 *  - a success yields at least one file, each named by a clean relative path
 *    (Go's path.Clean leaves it as it is) that neither is "." nor starts with
 *    "..", nor is absolute;
 *  - no file is over the per-file ceiling and all of them fit the total one.
 * A broken property aborts, which is how libFuzzer and the replay runner
 * report it.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/path.h"
#include "chart/chart.h"
#include "helmc/error.h"

#define MAX_FILE  ((size_t)64 << 10)
#define MAX_TOTAL ((size_t)256 << 10)

static void check(int ok)
{
    if (!ok)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_chart_file *files;
    size_t n;
    hc_status rc =
        hc_chart_read_archive(&a, (const char *)data, size, MAX_FILE, MAX_TOTAL, &files, &n, &err);
    if (rc == HC_OK) {
        check(n > 0);
        size_t total = 0;
        for (size_t i = 0; i < n; i++) {
            const struct hc_chart_file *f = &files[i];
            check(f->name_len > 0 && strlen(f->name) == f->name_len);
            check(f->name[0] != '/');
            check(!(f->name_len == 1 && f->name[0] == '.'));
            check(!(f->name_len >= 2 && f->name[0] == '.' && f->name[1] == '.'));
            char *clean = malloc(2 * (size_t)f->name_len + 3);
            check(clean != NULL);
            size_t cl = hc_path_clean(f->name, f->name_len, clean);
            check(cl == f->name_len && memcmp(clean, f->name, cl) == 0);
            free(clean);
            check(f->len <= MAX_FILE);
            total += f->len;
        }
        check(total <= MAX_TOTAL);
    } else {
        check(hc_error_msg(&err)[0] != '\0');
    }
    hc_error_release(&err);
    hc_arena_free(&a);
    return 0;
}
