/*
 * builtins.h - the functions text/template defines for every template
 * (Go's funcs.go builtins): and, or, not, len, index, slice, print, printf,
 * println, html, js, urlquery, call, eq, ne, lt, le, gt, ge.
 *
 * The table is the first of the tables Helm's function set is built from
 * (hc_funcset_build): Sprig's and Helm's functions come later and replace a
 * built-in of the same name, as a Go FuncMap does (Sprig's slice does).
 * and, or and call are flagged HC_FN_SPECIAL: the executor evaluates and/or
 * itself (they short-circuit) and hands call its callee's name.
 */
#ifndef HC_TEMPLATE_BUILTINS_H
#define HC_TEMPLATE_BUILTINS_H

#include <stddef.h>

#include "base/buf.h"
#include "template/func.h"

extern const struct hc_func hc_funcs_builtins[];
extern const size_t hc_funcs_builtins_len;

/* template.HTMLEscapeString: & ' < > " escaped as entities, NUL as U+FFFD. */
void hc_html_escape(struct hc_buf *b, const char *s, size_t n);
/* template.JSEscapeString. */
void hc_js_escape(struct hc_buf *b, const char *s, size_t n);
/* url.QueryEscape. */
void hc_url_query_escape(struct hc_buf *b, const char *s, size_t n);

#endif
