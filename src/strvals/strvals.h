/*
 * strvals.h - Helm's --set family: "a.b[0]=c,d={e,f}" lines merged into a values map.
 *
 * Mirrors helm's pkg/strvals (parser.go, literal_parser.go) as of Helm v4.1.4:
 * ParseInto (--set), ParseIntoString (--set-string), ParseIntoFile
 * (--set-file), ParseJSON (--set-json, key=value form) and ParseLiteralInto
 * (--set-literal).  The caller's map is changed in place, as the Go functions
 * change their dest map; lists in it are never changed in place (value.h):
 * a list that must change is replaced in the map by a new one.  The
 * "{...}" whole-object form of --set-json and the "failed parsing --set
 * data: " prefix belong to the CLI (helm's pkg/cli/values), not here.
 */
#ifndef HC_STRVALS_H
#define HC_STRVALS_H

#include <stddef.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;

/* Helm's MaxIndex: the largest list index a line may use. */
#define HC_STRVALS_MAX_INDEX 65536
/* Helm's MaxNestedNameLevel: at most this many dots in one dotted name. */
#define HC_STRVALS_MAX_NAME_LEVEL 30
/*
 * Our own limit, not Helm's: nesting of list indices and of names under list
 * items ("a[0][0]...", "a[0].b[0]..."), which Go's growing stack allows without
 * bound.  Deeper lines fail with HC_ERR_LIMIT.  Chosen to match HC_VAL_MAX_DEPTH
 * so that every value the parser builds can be copied and written.
 */
#define HC_STRVALS_MAX_DEPTH HC_VAL_MAX_DEPTH

enum hc_strvals_mode {
    HC_STRVALS_SET,     /* --set: typed values (int64, bool, nil, string) */
    HC_STRVALS_STRING,  /* --set-string: every value a string */
    HC_STRVALS_FILE,    /* --set-file: each value is a path for the reader */
    HC_STRVALS_JSON,    /* --set-json key=value form: each value one JSON value */
    HC_STRVALS_LITERAL, /* --set-literal: one key, the rest of the line its string value */
};

/*
 * Reads the value for --set-file: path[0..len) is the text after '=' (escapes
 * already applied, invalid UTF-8 replaced by U+FFFD as Go's []rune does).  Sets
 * *out (allocated in a) and returns HC_OK, or fills err and returns a status;
 * the parse then stops with that error.  Helm's reader gives the file's bytes
 * as a string.
 */
typedef hc_status (*hc_strvals_file_fn)(void *ctx, struct hc_arena *a, const char *path, size_t len,
                                        hc_val *out, struct hc_error *err);

/*
 * Parses text[0..len) in mode (not HC_STRVALS_FILE) and sets what it names in
 * map, allocating keys, strings, lists and maps in a.  Returns HC_OK, or fills
 * err with Helm's message ("key \"a\" has no value", "error parsing index:
 * ...", "unable to parse key: interface conversion: ...") and returns
 * HC_ERR_PARSE, HC_ERR_LIMIT (HC_STRVALS_MAX_DEPTH), HC_ERR_NOMEM, or
 * HC_ERR_USAGE for HC_STRVALS_FILE.  As in Go, the map may hold part of the
 * line's assignments after a failure.  JSON errors carry encoding/json's text,
 * though Helm replaces them with "failed parsing --set-json data ...".
 */
hc_status hc_strvals_parse(struct hc_arena *a, struct hc_map *map, const char *text, size_t len,
                           enum hc_strvals_mode mode, struct hc_error *err);

/* As hc_strvals_parse in HC_STRVALS_FILE mode, each value read by fn(ctx, ...). */
hc_status hc_strvals_parse_file(struct hc_arena *a, struct hc_map *map, const char *text,
                                size_t len, hc_strvals_file_fn fn, void *ctx, struct hc_error *err);

#endif
