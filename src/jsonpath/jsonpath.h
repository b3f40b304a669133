/*
 * jsonpath.h - Kubernetes' JSONPath template language (k8s.io/client-go/util/jsonpath), as
 * `helm show values --jsonpath` runs it over a chart's values.
 *
 * A template is text with actions in braces: {.a.b}, {.list[0]}, {.list[1:3:2]},
 * {.list[*].name}, {.list[0,2]}, {['key']}, {..name} (recursive descent), {.map.*},
 * {.items[?(@.port>80)].name} and {.items[?(@.tags)]} (filters), {"text"}, numbers and
 * booleans, {range EXPR}...{end}, @ and $ for the current object.  Results of one action
 * are printed separated by spaces: maps and lists as JSON (encoding/json), other values as
 * fmt.Print does, a nil as "null".
 *
 * Parsing and execution follow client-go's parser.go and jsonpath.go rule for rule, their
 * quirks included (a range's state machine, ['a.b'] meaning .a.b, a filter's operator
 * found by the regular expression ^([^!<>=]+)([!<>=]+)(.+?)$).  Maps are walked in key
 * order where Go's are random (wildcards, recursive descent).
 */
#ifndef HC_JSONPATH_H
#define HC_JSONPATH_H

#include <stddef.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;
struct hc_buf;
struct hc_jsonpath;

/* Actions nested deeper than this (unions and filters parse their parts as templates). */
#define HC_JSONPATH_MAX_DEPTH 64
/* Nodes an execution may visit before it fails (nested ranges multiply). */
#define HC_JSONPATH_MAX_STEPS 10000000

/*
 * Parses text[0..len) into *out, allocated in a.  On failure err holds client-go's message
 * ("unclosed action", "invalid array index x", "unterminated quoted string", ...):
 * HC_ERR_PARSE, or HC_ERR_LIMIT past HC_JSONPATH_MAX_DEPTH, HC_ERR_NOMEM.
 */
hc_status hc_jsonpath_parse(struct hc_arena *a, const char *text, size_t len,
                            struct hc_jsonpath **out, struct hc_error *err);

/*
 * JSONPath.Execute: the template's output for data appended to out, or nothing when it
 * fails (client-go collects every result before printing).  Errors are client-go's
 * ("x is not found", "array index out of bounds: index 5, length 3", ...): HC_ERR_EXEC,
 * HC_ERR_LIMIT past HC_JSONPATH_MAX_STEPS, HC_ERR_NOMEM.  Scratch memory comes from a.
 */
hc_status hc_jsonpath_execute(const struct hc_jsonpath *jp, struct hc_arena *a, hc_val data,
                              struct hc_buf *out, struct hc_error *err);

#endif
