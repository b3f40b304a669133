/*
 * runes.h - the few pieces of Go's unicode, unicode/utf8 and strconv that the
 * template lexer and parser need: UTF-8 decoding with Go's error rules, the
 * letter/digit/print/space classes of Unicode 15.0.0 (the version Go 1.25
 * ships), strconv.Quote and fmt's %#U.
 *
 * Everything here is pure and locale-free; quoting appends to an hc_buf and
 * relies on its sticky error.
 */
#ifndef HC_TEMPLATE_RUNES_H
#define HC_TEMPLATE_RUNES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define HC_RUNE_ERROR 0xFFFD /* utf8.RuneError */
#define HC_RUNE_SELF  0x80   /* utf8.RuneSelf: below it a byte is a rune */

/*
 * utf8.DecodeRuneInString: the rune at s[0..n) and its width.  An invalid or
 * truncated sequence gives HC_RUNE_ERROR with width 1; n == 0 gives width 0.
 */
size_t hc_rune_decode(const char *s, size_t n, int32_t *r);
/* utf8.EncodeRune: writes 1-4 bytes (invalid runes as U+FFFD), returns the count. */
size_t hc_rune_encode(char out[4], int32_t r);
/* utf8.ValidRune. */
bool hc_rune_valid(int32_t r);

bool hc_rune_is_letter(int32_t r); /* unicode.IsLetter */
bool hc_rune_is_digit(int32_t r);  /* unicode.IsDigit */
bool hc_rune_is_print(int32_t r);  /* unicode.IsPrint == strconv.IsPrint */
bool hc_rune_is_space(int32_t r);  /* unicode.IsSpace */

bool hc_rune_is_upper(int32_t r);  /* unicode.IsUpper (category Lu) */
bool hc_rune_is_lower(int32_t r);  /* unicode.IsLower (Ll) */
bool hc_rune_is_title(int32_t r);  /* unicode.IsTitle (Lt) */
bool hc_rune_is_punct(int32_t r);  /* unicode.IsPunct (P) */
bool hc_rune_is_number(int32_t r); /* unicode.IsNumber (N) */

/*
 * unicode.ToUpper, ToLower, ToTitle: the simple (one-to-one) mappings of
 * UnicodeData.txt, so upper of U+00DF stays U+00DF and lower of U+0130 is
 * 'i'.  Runes without a mapping, and values outside 0..0x10FFFF, map to
 * themselves.
 */
int32_t hc_rune_to_upper(int32_t r);
int32_t hc_rune_to_lower(int32_t r);
int32_t hc_rune_to_title(int32_t r);
/*
 * unicode.SimpleFold: among the runes simple case folding makes equivalent to
 * r (r included), the smallest one above r, or else the smallest of all.
 */
int32_t hc_rune_simple_fold(int32_t r);

/* An inclusive range of code points; tables are sorted and disjoint. */
struct hc_rune_range {
    uint32_t lo, hi;
};

/* One of Go's unicode range tables with its case-folding companion. */
struct hc_rune_table {
    const char *name;                 /* the key in Go's map */
    const struct hc_rune_range *r;    /* the code points */
    const struct hc_rune_range *fold; /* FoldCategory/FoldScript: NULL when Go has none */
    uint32_t n, nfold;                /* lengths of r and fold */
};

/* unicode.Categories[name] (Go 1.25: with Cn and LC), or NULL. */
const struct hc_rune_table *hc_rune_category(const char *name, size_t n);
/* unicode.Scripts[name], or NULL. */
const struct hc_rune_table *hc_rune_script(const char *name, size_t n);
/*
 * The category a general-category alias names ("Letter" -> "L", "digit" ->
 * "Nd"), looked up by the key as regexp/syntax canonicalises it (first
 * letter upper case, the rest lower case, no '_', '-' or ' '), or NULL.
 */
const char *hc_rune_category_alias(const char *canon, size_t n);

/* strconv.Quote(s[0..n)). */
void hc_rune_quote(struct hc_buf *b, const char *s, size_t n);
/* fmt's %.Nq: the first max_runes runes of s, quoted (Go counts runes, not bytes). */
void hc_rune_quote_prefix(struct hc_buf *b, const char *s, size_t n, size_t max_runes);
/*
 * strconv.UnquoteChar: decodes the first character or escape of s[0..n);
 * false means Go's ErrSyntax ("invalid syntax").  *consumed is its length.
 * (Defined in parse.c, its first user.)
 */
bool hc_rune_unquote_char(const char *s, size_t n, char quote, int32_t *value, bool *multibyte,
                          size_t *consumed);
/* fmt's %#U: "U+0041 'A'" (the character only when printable). */
void hc_rune_format_u(struct hc_buf *b, int32_t r);

#endif
