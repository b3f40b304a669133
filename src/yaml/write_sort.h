/*
 * write_sort.h - the order go-yaml gives map keys when it writes a mapping.
 *
 * Mirrors sorter.go (keyList.Less) of go-yaml v2 and v3 for string keys: runs
 * of digits compare as numbers, letters come after other characters, and v3
 * puts letters first right after a digit.  Keys are valid UTF-8 here (the
 * caller sanitizes them first).  The relation is not always transitive (Go's
 * own output then depends on map order); hc_yaml_sort_keys copes with that.
 */
#ifndef HC_YAML_WRITE_SORT_H
#define HC_YAML_WRITE_SORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The table lookups behind hc_yaml_is_letter and hc_yaml_is_digit. */
bool hc_yaml_is_letter_slow(uint32_t r);
bool hc_yaml_is_digit_slow(uint32_t r);

/* Go's unicode.IsLetter (Unicode 15.0.0, as Go 1.25). */
static inline bool hc_yaml_is_letter(uint32_t r)
{
    if (r < 0x80)
        return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
    return hc_yaml_is_letter_slow(r);
}

/* Go's unicode.IsDigit: 0-9 in Latin-1, category Nd above it. */
static inline bool hc_yaml_is_digit(uint32_t r)
{
    if (r <= 0xFF)
        return r >= '0' && r <= '9';
    return hc_yaml_is_digit_slow(r);
}

/*
 * The rune at s[i] (i < n) and its width, decoded as Go's utf8.DecodeRune:
 * anything that is not a valid, shortest UTF-8 sequence of a scalar value is
 * U+FFFD of width 1.
 */
uint32_t hc_yaml_decode_rune(const unsigned char *s, size_t n, size_t i, size_t *w);

/* keyList.Less for two string keys; v3 selects go-yaml v3's variant. */
bool hc_yaml_key_less(const char *a, size_t alen, const char *b, size_t blen, bool v3);

/* One key to sort: its bytes and the caller's index for it. */
struct hc_yaml_key {
    const char *s;
    uint32_t len;
    uint32_t idx;
};

/*
 * Sorts keys[0..n) with hc_yaml_key_less (a merge sort, stable, safe with a
 * comparison that is not transitive), using tmp[0..n) as scratch.
 */
void hc_yaml_sort_keys(struct hc_yaml_key *keys, struct hc_yaml_key *tmp, size_t n, bool v3);

#endif
