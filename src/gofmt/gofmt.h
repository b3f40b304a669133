/*
 * gofmt.h - Go's strconv number and string formatting, shared by the YAML and
 * JSON writers and (later) the template engine's fmt.
 *
 * Mirrors strconv.FormatFloat, FormatInt/FormatUint, Quote, QuoteToASCII,
 * QuoteRune and fmt's %v of a float64 (which is strconv's shortest 'g').
 * Everything appends to an hc_buf (sticky error) and never consults the C
 * locale.
 */
#ifndef HC_GOFMT_H
#define HC_GOFMT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"

/*
 * strconv.FormatFloat(f, fmt, prec, 64): fmt one of 'e' 'E' 'f' 'g' 'G' 'b' 'x' 'X';
 * prec -1 (any negative) means the shortest representation that reads back as
 * f; otherwise the exact value is rounded half to even, at any precision (the
 * buffer's ceiling bounds the output).  Inf and NaN print "+Inf", "-Inf", "NaN"
 * whatever fmt is; any other fmt prints "%" and the letter, as Go does.
 */
void hc_gofmt_float(struct hc_buf *b, double f, char fmt, int prec);
/* As hc_gofmt_float for a float32 value (bitSize 32). */
void hc_gofmt_float32(struct hc_buf *b, float f, char fmt, int prec);
/*
 * fmt's %v of a float64: strconv 'g' with prec -1, so %e form when the decimal
 * exponent is < -4 or >= 6 (helm prints 1000000.0 as 1e+06, 123456.0 as 123456).
 * The threshold 21 belongs to encoding/json, not to fmt.
 */
void hc_gofmt_float_v(struct hc_buf *b, double f);
/* strconv.FormatInt(i, base), base 2..36 (another base is a caller bug: asserts, then base 10). */
void hc_gofmt_int(struct hc_buf *b, int64_t i, int base);
/* strconv.FormatUint(u, base), base 2..36. */
void hc_gofmt_uint(struct hc_buf *b, uint64_t u, int base);
/* strconv.Quote: "..." with Go escapes; invalid UTF-8 bytes as \x.. */
void hc_gofmt_quote(struct hc_buf *b, const char *s, size_t n);
/* strconv.QuoteToASCII. */
void hc_gofmt_quote_ascii(struct hc_buf *b, const char *s, size_t n);
/* strconv.QuoteRune (a rune literal 'x'). */
void hc_gofmt_quote_rune(struct hc_buf *b, int32_t r);

/*
 * Shortest decimal digits of a finite, non-zero |f|: writes up to 17 digits
 * (no dot) to digits and returns their count; *dp is the decimal point
 * position (value = 0.digits * 10^dp), as strconv's decimalSlice.  The digits
 * have no trailing zeros; among the shortest strings that read back as f it is
 * the closest to f's exact value, ties to even, as Go picks.  Zero, Inf and NaN
 * give 0 digits and dp 0.  The building block for every float format above.
 */
int hc_gofmt_shortest(double f, char digits[32], int *dp);

#endif
