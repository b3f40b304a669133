/*
 * glob.h - gobwas/glob patterns with '/' as separator, for .Files.Glob.
 */
#ifndef HC_ENGINE_GLOB_H
#define HC_ENGINE_GLOB_H

#include <stdbool.h>
#include <stddef.h>

struct hc_glob;

/* The compiled pattern, or NULL when it does not compile (or out of memory). */
struct hc_glob *hc_glob_compile(const char *pattern, size_t len);
void hc_glob_free(struct hc_glob *g);
/* Whether s[0..n) matches the whole pattern. */
bool hc_glob_match(const struct hc_glob *g, const char *s, size_t n);

#endif
