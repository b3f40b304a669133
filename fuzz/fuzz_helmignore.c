/*
 * fuzz_helmignore.c - .helmignore rules on any bytes.
 *
 * The input up to the first NUL byte is the .helmignore text; each further
 * NUL-separated piece is a path matched against the rules, once as a file
 * and once as a folder.  The rules must parse or fail with a message, and
 * matching must terminate on any pattern (filepath.Match backtracks).
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "chart/chart.h"

#define ARENA_LIMIT ((size_t)16 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)64 << 10))
        return 0;
    const char *text = (const char *)data;
    const char *nul = memchr(text, 0, size);
    size_t rules_len = nul ? (size_t)(nul - text) : size;

    struct hc_arena a;
    hc_arena_init(&a, ARENA_LIMIT);
    struct hc_error err;
    hc_error_init(&err);
    struct hc_ignore *rules;
    hc_status rc = hc_ignore_parse(&a, text, rules_len, &rules, &err);
    if (rc != HC_OK && !*hc_error_msg(&err))
        abort();
    if (rc == HC_OK) {
        const char *p = nul ? nul + 1 : text + size, *end = text + size;
        if (p >= end) { /* no paths given: try a few typical ones */
            static const char *const paths[] = {"templates/a.yaml", ".git", "charts/sub/x",
                                                "values.yaml", "a/b/c.txt"};
            for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
                (void)hc_ignore_match(rules, paths[i], strlen(paths[i]), false);
                (void)hc_ignore_match(rules, paths[i], strlen(paths[i]), true);
            }
        }
        while (p < end) {
            const char *q = memchr(p, 0, (size_t)(end - p));
            size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
            (void)hc_ignore_match(rules, p, n, false);
            (void)hc_ignore_match(rules, p, n, true);
            p += n + 1;
        }
        /* filepath.Match itself, the rules' text as a pattern against the paths' text */
        (void)hc_path_match(text, rules_len, nul ? nul + 1 : "", nul ? size - rules_len - 1 : 0);
    }
    hc_error_release(&err);
    hc_arena_free(&a);
    return 0;
}
