/*
 * gostr.h - the few Go strings functions the chart and engine modules share,
 * with Go's exact Unicode rules (strings.TrimSpace uses unicode.IsSpace and
 * decodes runes from both ends, so a stray byte stops the trimming).
 */
#ifndef HC_CHART_GOSTR_H
#define HC_CHART_GOSTR_H

#include <stdbool.h>
#include <stddef.h>

/* strings.TrimSpace: narrows [*s, *s + *n) in place. */
void hc_go_trim_space(const char **s, size_t *n);
/* strings.EqualFold for ASCII-only field names (what JSON field matching needs here). */
bool hc_go_equal_fold_ascii(const char *a, size_t an, const char *b, size_t bn);
/* path.Base: the last element of a '/' path ("." for ""). */
void hc_go_path_base(const char **s, size_t *n);

#endif
