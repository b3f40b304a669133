/*
 * schema.h - JSON Schema validation of values, as Helm v4 checks a chart's
 * values.schema.json with santhosh-tekuri/jsonschema v6.
 *
 * Compile once, validate many: hc_schema_compile indexes a schema document
 * (an hc_val from hc_json_read) - its resources ($id), anchors ($anchor,
 * $dynamicAnchor, draft 6/7 "$id": "#name"), regular expressions - and loads
 * every remote document its references name through the caller's loader (the
 * library itself reads no files and no network).  hc_schema_validate then
 * checks instances against it without changing it.
 *
 * Drafts 4, 6, 7, 2019-09 and 2020-12 are chosen by each resource's $schema
 * (default: 2020-12, as santhosh-tekuri/jsonschema v6).  A $schema naming
 * another metaschema is loaded to read its own $schema (the draft) and its
 * $vocabulary (whether the validation vocabulary applies).  "format" is
 * asserted in drafts 4, 6 and 7 only, as santhosh-tekuri/jsonschema v6 does
 * when not asked to assert it (Helm does not ask); format.c lists the formats
 * checked so far.
 *
 * Numbers follow JSON: 1.0 is an integer, 1 equals 1.0 in enum, const and
 * uniqueItems; multipleOf is decided on the shortest decimal form of each
 * float64, as Go's json.Number and big.Rat see it.
 *
 * Ownership: the schema borrows doc (keep its arena alive while the schema
 * lives); everything else it needs it owns and hc_schema_free releases.
 */
#ifndef HC_SCHEMA_H
#define HC_SCHEMA_H

#include <stdbool.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;
struct hc_schema;

/* Named limits (santhosh-tekuri/jsonschema has none: Go's stack grows). */
#define HC_SCHEMA_MAX_DEPTH 1000 /* nested schema evaluations in one validation */
#define HC_SCHEMA_MAX_DOCS  256  /* remote documents one schema may load */

/*
 * Loads the document at an absolute URI (no fragment) into *out, allocating
 * in a.  Returns HC_OK, or an error status with err filled.
 */
typedef hc_status (*hc_schema_loader)(void *ud, const char *uri, struct hc_arena *a, hc_val *out,
                                      struct hc_error *err);

struct hc_schema_opts {
    const char *base_uri;  /* the document's own URI; NULL: "file:///values.schema.json" */
    hc_schema_loader load; /* NULL: any remote reference fails to compile */
    void *load_ud;
};

/*
 * Compiles doc.  On failure (an unresolvable $ref, a bad regular expression,
 * a loader error, out of memory) returns the status with err filled and sets
 * *out to NULL.
 */
hc_status hc_schema_compile(hc_val doc, const struct hc_schema_opts *opts, struct hc_schema **out,
                            struct hc_error *err);

/*
 * Validates inst.  HC_OK when valid.  HC_ERR_INVALID when not, with the text
 * of santhosh-tekuri/jsonschema's ValidationError.Error(): a first line
 * "jsonschema validation failed with '<base URI>#'" (which Helm drops), then
 * one "- at '<instance pointer>': <reason>" line per error, causes indented
 * two spaces per level.  Object members are visited in sorted order, so
 * several errors come in a fixed order (Go's map order varies from run to
 * run).  HC_ERR_LIMIT past HC_SCHEMA_MAX_DEPTH, HC_ERR_NOMEM; an unresolvable
 * reference found while validating gives HC_ERR_INVALID with
 * "jsonschema: cannot resolve <uri>".
 */
hc_status hc_schema_validate(const struct hc_schema *s, hc_val inst, struct hc_error *err);

void hc_schema_free(struct hc_schema *s);

#endif
