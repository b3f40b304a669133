/*
 * uri.h - URI reference resolution for JSON Schema identifiers and references.
 */
#ifndef HC_SCHEMA_URI_H
#define HC_SCHEMA_URI_H

#include <stdbool.h>

struct hc_arena;

/*
 * RFC 3986 section 5.2: ref resolved against the absolute URI base, as a new
 * NUL-terminated string in a (fragment kept).  NULL when out of memory.
 */
char *hc_uri_resolve(struct hc_arena *a, const char *base, const char *ref);

#endif
