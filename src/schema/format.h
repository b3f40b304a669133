/*
 * format.h - the "format" assertions santhosh-tekuri/jsonschema v6 makes
 * (by default only for drafts 4, 6 and 7), with its reasons for a failure.
 */
#ifndef HC_SCHEMA_FORMAT_H
#define HC_SCHEMA_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/*
 * Checks the string s[0..n) against format name.  True when it conforms, or
 * when the format is one we do not check (unknown to santhosh-tekuri, or not
 * implemented here yet: see format.c); false with the reason appended to why.
 */
bool hc_schema_format_check(const char *name, const char *s, size_t n, struct hc_buf *why);

#endif
