/*
 * semver_internal.h - what version.c shares with constraint.c.
 */
#ifndef HC_SEMVER_INTERNAL_H
#define HC_SEMVER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* Byte offsets of the groups of the loose version expression; empty groups have start == end. */
struct hc_semver_groups {
    size_t major, major_end;
    size_t minor, minor_end; /* digits only, without the '.' */
    size_t patch, patch_end;
    size_t pre, pre_end;   /* without the '-' */
    size_t meta, meta_end; /* without the '+' */
};

bool hc_semver_is_digit(char c);
/* [0-9A-Za-z-] */
bool hc_semver_is_ident(char c);

/* Matches s[0..n) against NewVersion's looseSemVerRegex (anchored). */
bool hc_semver_scan_loose(const char *s, size_t n, struct hc_semver_groups *g);

/* comparePrerelease over two prerelease strings (either may be empty). */
int hc_semver_compare_prerelease(const char *v, size_t vn, const char *o, size_t on);

#endif
