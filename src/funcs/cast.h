/*
 * cast.h - the conversions Sprig's function families share.
 *
 * Mirrors Sprig v3.3.0's strval, strslice and its reflect-based handling of
 * list arguments, and spf13/cast v1.7.0's ToInt64, ToInt and ToFloat64 (which
 * Sprig's toInt64, toInt and toFloat64 call, discarding cast's error: a value
 * cast cannot convert becomes 0).  The string rules are Go's strconv:
 *
 *   ToInt64/ToInt of a string: strconv.ParseInt(trimZeroDecimal(s), 0, 64),
 *     so "0x1F" is 31, "010" is 8 (octal), "0b11" 3, "0o17" 15, "1_000" 1000,
 *     "2.000" 2 (trailing zero decimals are cut), but "2.5", "1e3", " 3",
 *     "3 ", "" and anything out of int64's range are 0.
 *   ToFloat64 of a string: strconv.ParseFloat(s, 64): decimal or hex
 *     ("0x1p4") floats, underscores between digits, "Inf"/"infinity"/"NaN"
 *     in any case; no spaces; a value out of range (1e400) is 0.
 *   float64 -> int64 truncates toward zero; NaN, infinities and values out of
 *     int64's range give math.MinInt64, as Go's conversion does on amd64.
 *   bool -> 1 or 0; nil and missing -> 0; anything else (lists, maps,
 *     []byte, objects) -> 0.
 *
 * Nothing here consults the C locale.  Functions that allocate take the
 * arena their results live in and return HC_ERR_NOMEM when it fails.
 */
#ifndef HC_FUNCS_CAST_H
#define HC_FUNCS_CAST_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;

/*
 * cast.ToInt64E: true and *out on success; false and *out = 0 when cast
 * reports an error (Sprig then uses the 0).  Go's int is 64 bits wide, so
 * this is also cast.ToIntE.
 */
bool hc_cast_int64(hc_val v, int64_t *out);

/* cast.ToFloat64E: true and *out on success; false and *out = 0 on error. */
bool hc_cast_float64(hc_val v, double *out);

/* Sprig's toInt64 / toInt / toFloat64: the conversion, 0 when it fails. */
int64_t hc_cast_to_int64(hc_val v);
double hc_cast_to_float64(hc_val v);

/* Go's int64(f) on amd64: truncation, math.MinInt64 for NaN, Inf and out of range. */
int64_t hc_cast_float_to_int64(double f);

/*
 * strconv.ParseInt(s, base, 64) (base 0 or 2..36): true and *out when s is
 * well-formed and in range.  False on a syntax error (*out 0) or when the
 * value is out of range (*out clamped to INT64_MIN or INT64_MAX, as Go
 * returns it with its range error: strconv.Atoi keeps that value).
 */
bool hc_cast_parse_int(const char *s, size_t n, int base, int64_t *out);

/*
 * strconv.ParseFloat(s, 64): true and *out when s is well-formed and finite
 * after rounding (or spells an infinity or NaN); false on a syntax error or
 * when the value overflows a float64 (Go's range error).
 */
bool hc_cast_parse_float(const char *s, size_t n, double *out);

/*
 * Sprig's empty (defaults.go): true for nil and missing, false, 0, 0.0 (and
 * -0.0), "", empty lists and maps (nil ones too, and objects of a named map
 * or slice type whose map or list is empty), and nil pointer objects;
 * structs and anything else are never empty.  compact, default, coalesce,
 * all and any decide with it.
 */
bool hc_cast_empty(hc_val v);

/*
 * Sprig's strval appended to b: a string as is, []byte as its bytes, an
 * object with a String/Error method as that text, anything else as
 * fmt.Sprintf("%v") (nil and missing print "<nil>").  Returns HC_OK, or the
 * printer's failure (HC_ERR_NOMEM when b fails, HC_ERR_LIMIT for values
 * nested deeper than the printer allows).
 */
hc_status hc_cast_strval_buf(struct hc_buf *b, hc_val v);

/*
 * Sprig's strval as a string value in arena a.  A string (or a []byte held as
 * a string) is returned as a view without copying, typed string.
 */
hc_status hc_cast_strval(struct hc_arena *a, hc_val v, hc_val *out);

/*
 * Reflect's view of a slice: when v is a slice of any element type
 * ([]interface {}, []string, []int, []uint8, a nil slice, an object of a
 * named slice type such as common.VersionSet), *is_slice is true
 * and *items / *n are its elements as interface{} values (a view of the list,
 * or for []uint8 held as a string, uint8 values allocated in a).  Otherwise
 * *is_slice is false, *items NULL and *n 0 (Sprig then reports the kind, see
 * hc_val_kindname).  Returns HC_ERR_NOMEM only when a []uint8 needed copying
 * and the arena failed.
 */
hc_status hc_cast_slice(struct hc_arena *a, hc_val v, bool *is_slice, const hc_val **items,
                        uint32_t *n);

/*
 * Sprig's strslice: a []string made of v.  []string is returned as is; the
 * elements of any other slice become strval strings, nil elements dropped;
 * nil (or missing) gives an empty []string; any other value a one-element
 * []string of its strval.  *out is typed []string.
 */
hc_status hc_cast_strslice(struct hc_arena *a, hc_val v, hc_val *out);

#endif
