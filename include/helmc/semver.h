/*
 * semver.h - semantic versions and version constraints as Helm uses them
 * (github.com/Masterminds/semver/v3, v3.4.0, which Helm v4 links).
 *
 * Versions: hc_semver_parse is semver.NewVersion in its default "coerce"
 * mode ("1.2" is 1.2.0, "v1" is 1.0.0, leading zeros are accepted);
 * hc_semver_parse_strict is StrictNewVersion.  A parsed version borrows its
 * text: the strings in struct hc_semver point into the caller's input, which
 * must outlive the version.
 *
 * Constraints: hc_semver_constraints_parse is semver.NewConstraint ("^1.2",
 * "~1.2.3", ">= 1.0, < 2.0", "1.x || >=3", "1.2 - 1.4.5", "!=1.3", "*"), and
 * hc_semver_constraints_check is Constraints.Check, including its rule that a
 * prerelease version matches only an OR group naming a prerelease.
 *
 * Every failure message is the library's own text ("invalid semantic
 * version", "improper constraint: X", ...), which Helm prints unchanged.
 * Nothing here allocates except hc_semver_constraints_parse.  Thread-safe.
 */
#ifndef HELMC_SEMVER_H
#define HELMC_SEMVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"

struct hc_buf;

/* A version: major.minor.patch[-pre][+meta].  Strings are borrowed views. */
struct hc_semver {
    uint64_t major, minor, patch;
    const char *pre; /* prerelease without the '-' ("" when none) */
    size_t pre_len;
    const char *meta; /* build metadata without the '+' ("" when none) */
    size_t meta_len;
    const char *original; /* the text as given (Version.Original) */
    size_t original_len;
};

/*
 * Parses s[0..len) as semver.NewVersion does.  On failure returns
 * HC_ERR_PARSE with err holding the library's message:
 *   "invalid semantic version"
 *   "error parsing version segment: strconv.ParseUint: parsing \"N\": value out of range"
 *   "version segment starts with 0" (a numeric prerelease part such as "01")
 *   "invalid prerelease string", "invalid metadata string"
 * *v is written only on success.  err may be NULL.
 */
hc_status hc_semver_parse(struct hc_semver *v, const char *s, size_t len, struct hc_error *err);

/*
 * semver.StrictNewVersion: exactly X.Y.Z[-pre][+meta], no "v", no leading
 * zeros.  Messages: "version string empty", "invalid semantic version",
 * "invalid characters in version", "version segment starts with 0",
 * "invalid prerelease string", "invalid metadata string", or a ParseUint
 * error without the "error parsing version segment: " prefix.
 */
hc_status hc_semver_parse_strict(struct hc_semver *v, const char *s, size_t len,
                                 struct hc_error *err);

/* Version.Compare: -1, 0 or 1; metadata is ignored, a prerelease sorts first. */
int hc_semver_compare(const struct hc_semver *a, const struct hc_semver *b);

/* Version.String: "1.2.3-pre+meta" (no "v"), appended to b. */
void hc_semver_format(struct hc_buf *b, const struct hc_semver *v);

/* ---- constraints ---- */

struct hc_semver_constraints; /* opaque; owns a copy of its text */

/*
 * Parses s[0..len) as semver.NewConstraint does.  On success *out is a new
 * set of constraints for the caller to free with hc_semver_constraints_free.
 * On failure returns HC_ERR_PARSE with err holding "improper constraint: X"
 * (X the offending "||" group, after hyphen ranges were rewritten) or
 * "constraint parser error"; HC_ERR_NOMEM when out of memory.
 */
hc_status hc_semver_constraints_parse(const char *s, size_t len, struct hc_semver_constraints **out,
                                      struct hc_error *err);

/* Constraints.Check: whether v satisfies any "||" group (all of its parts). */
bool hc_semver_constraints_check(const struct hc_semver_constraints *c, const struct hc_semver *v);

/*
 * Constraints.String: the groups joined by " || ", each the operator and the
 * version text of its parts joined by " " (">=1.2.3 <2.0.0 || ^3"), appended to b.
 */
void hc_semver_constraints_format(struct hc_buf *b, const struct hc_semver_constraints *c);

void hc_semver_constraints_free(struct hc_semver_constraints *c);

#endif
