/*
 * strvals.h - Helm's --set syntax (pkg/strvals): "a.b=c,list={x,y},l[0].k=v".
 *
 * Parses one --set (or --set-string) argument into a values map, changing
 * that map in place as Helm's strvals.ParseInto does: dotted keys create or
 * reuse nested maps, name[i] indexes lists (growing them with nils), "{a,b}"
 * is a list, "\" escapes the next character, and values are typed as Helm
 * types them (true/false/null in any case, integers as int64 when they do
 * not start with 0, everything else a string) unless as_string is set.
 * --set-json, --set-file and --set-literal are not handled yet.
 */
#ifndef HC_STRVALS_H
#define HC_STRVALS_H

#include <stdbool.h>
#include <stddef.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;

/* Helm's MaxIndex and MaxNestedNameLevel. */
#define HC_STRVALS_MAX_INDEX 65536
#define HC_STRVALS_MAX_NESTED 30

/*
 * strvals.ParseInto (as_string false) or ParseIntoString (true): parses
 * s[0..len) into dest, a map[string]interface {} that is changed in place;
 * new maps, lists and strings are allocated in a.  On failure returns
 * HC_ERR_PARSE with Helm's message (the caller adds "failed parsing --set
 * data: "); dest may hold what was parsed before the error, as in Helm.
 */
hc_status hc_strvals_parse_into(struct hc_arena *a, const char *s, size_t len, hc_val dest,
                                bool as_string, struct hc_error *err);

#endif
