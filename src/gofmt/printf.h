/*
 * printf.h - Go's fmt over hc_val: Sprintf, Sprint, Sprintln, and what
 * text/template prints for an action's value.
 *
 * Mirrors fmt/print.go and fmt/format.go (Go 1.25) as Helm's printf, print and
 * println reach them, and text/template's printValue for {{ value }}.  Every
 * verb, flag, width, precision, `*` and explicit argument index is Go's, and
 * so are the error forms: %!d(string=x), %!d(MISSING), %!d(BADINDEX),
 * %!(EXTRA int=1), %!(NOVERB), %!(BADWIDTH), %!(BADPREC).
 *
 * Output is appended to an hc_buf whose ceiling bounds it; widths and
 * precisions are capped as Go caps them (about 1e6 from `*`, 1e7 when written
 * out), so one verb never asks for more than ~10 MB before the ceiling stops it.
 * No call allocates except through the buffer (and a rare copy of an object's
 * String() result when it must be padded or quoted).
 *
 * Arguments are interface{} values: HC_MISSING is taken as nil, as Go's
 * functions receive a missing key.  Host objects print through their type's
 * fmt hooks (struct hc_obj_fmt in helmc/value.h).
 *
 * Every function returns HC_OK; HC_ERR_NOMEM when the buffer failed (out of
 * memory, or past its ceiling: see b->toobig), leaving what was written so
 * far; HC_ERR_LIMIT when values nest more than 1000 deep (a map that contains
 * itself, on which Go would overflow its stack).
 */
#ifndef HC_GOFMT_PRINTF_H
#define HC_GOFMT_PRINTF_H

#include <stddef.h>

#include "helmc/error.h"
#include "helmc/value.h"
#include "base/buf.h"

/* fmt.Sprintf(format, args...): format is fmt[0..fmtlen), not NUL-terminated. */
hc_status hc_gofmt_sprintf(struct hc_buf *b, const char *fmt, size_t fmtlen, const hc_val *args,
                           size_t nargs);

/* fmt.Sprint(args...): %v of each, a space between two operands when neither is a string. */
hc_status hc_gofmt_sprint(struct hc_buf *b, const hc_val *args, size_t nargs);

/* fmt.Sprintln(args...): %v of each, spaces between all, and a newline. */
hc_status hc_gofmt_sprintln(struct hc_buf *b, const hc_val *args, size_t nargs);

/*
 * What {{ v }} prints (text/template's printValue): "<no value>" for missing,
 * a pointer's target, a String() method when the value has one, otherwise
 * fmt.Fprint of the value.
 */
hc_status hc_gofmt_print_value(struct hc_buf *b, hc_val v);

#endif
