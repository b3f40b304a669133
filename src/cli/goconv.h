/*
 * goconv.h - the pieces of Go's standard library that helm's command line shows through.
 *
 * pflag parses flag values with strconv (ParseBool, ParseInt, ParseUint, ParseFloat),
 * time.ParseDuration and encoding/csv, prints defaults with Duration.String and
 * FormatFloat, and quotes values in its messages with strconv.Quote; helm builds its
 * default paths with filepath.Join.  The messages users see quote those functions' errors
 * word for word, so they are reproduced here for the CLI (the library's own Go formatting
 * lives in src/gofmt, which this file uses for quoting and float formatting).  Everything
 * takes NUL-terminated strings: flag values come from argv.
 */
#ifndef HC_CLI_GOCONV_H
#define HC_CLI_GOCONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"

/* A list of strings (flag values); the array and strings live in an arena. */
struct hc_strlist {
    const char **v;
    size_t n, cap;
};

/* Appends s (not copied) to l; false when out of memory. */
bool hc_strlist_push(struct hc_arena *a, struct hc_strlist *l, const char *s);

/* Why a strconv parse failed: Go's ErrSyntax and ErrRange. */
enum hc_numerr { HC_NUM_OK, HC_NUM_SYNTAX, HC_NUM_RANGE };

/* strconv.ParseBool. */
bool hc_cli_parse_bool(const char *s, bool *out);
/* strconv.ParseInt(s, base, bits) and ParseUint; base 0 reads 0x, 0o, 0b, 0 prefixes and _. */
enum hc_numerr hc_cli_parse_int(const char *s, int base, int bits, int64_t *out);
enum hc_numerr hc_cli_parse_uint(const char *s, int base, int bits, uint64_t *out);
/* strconv.ParseFloat(s, 32): ±Inf with HC_NUM_RANGE when s is beyond float32. */
enum hc_numerr hc_cli_parse_float32(const char *s, float *out);
/* strconv.NumError's text: strconv.FN: parsing "S": invalid syntax (or value out of range). */
void hc_cli_numerr(struct hc_buf *b, const char *fn, const char *s, enum hc_numerr e);

/* time.ParseDuration into nanoseconds; on failure false and Go's message appended to msg. */
bool hc_cli_parse_duration(const char *s, int64_t *out, struct hc_buf *msg);
/* time.Duration.String ("5m0s", "1.5s", "300ms", "0s"). */
void hc_cli_format_duration(struct hc_buf *b, int64_t ns);
/* strconv.FormatFloat(f, 'g', -1, 32) (src/gofmt's). */
void hc_cli_format_float32(struct hc_buf *b, float f);

/*
 * encoding/csv's Reader.Read on s: the first record, fields copied into the arena and
 * appended to out.  On a syntax error returns false with csv.ParseError's text in msg;
 * input holding only empty lines gives "EOF", as Go's io.EOF.
 */
bool hc_cli_csv_read(struct hc_arena *a, const char *s, struct hc_strlist *out, struct hc_buf *msg);
/* encoding/csv's Writer.Write of one record, without the final newline. */
void hc_cli_csv_write(struct hc_buf *b, const char *const *fields, size_t n);

/* strconv.Quote of a C string and strconv.QuoteRune (src/gofmt's). */
void hc_cli_quote(struct hc_buf *b, const char *s);
void hc_cli_quote_rune(struct hc_buf *b, uint32_t r);
/* unicode.IsPrint. */
bool hc_cli_is_print(uint32_t r);
/* fmt's %#q of a string: `s` when strconv.CanBackquote allows it, else Quote. */
void hc_cli_backquote(struct hc_buf *b, const char *s);
/* unicode.IsSpace. */
bool hc_cli_is_space(uint32_t r);
/* strings.TrimSpace / TrimRightFunc(unicode.IsSpace) on s[0..*n): moves *s, shrinks *n. */
void hc_cli_trim_space(const char **s, size_t *n, bool left);
/* Decodes one UTF-8 rune as Go does; invalid input gives U+FFFD and width 1. */
uint32_t hc_cli_decode_rune(const char *s, size_t n, size_t *width);

/* filepath.Join of the n elements (empty ones skipped, result cleaned); NULL on OOM. */
char *hc_cli_path_join(struct hc_arena *a, const char *const *elems, size_t n);

#endif
