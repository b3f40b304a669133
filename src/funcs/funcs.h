/*
 * funcs.h - the Sprig and Helm function families of src/funcs/.
 *
 * Each family file ends in its table of rows (template/func.h), declared here;
 * the engine composes them with Go's built-ins into one function set, as Helm
 * composes funcMap().
 */
#ifndef HC_FUNCS_FUNCS_H
#define HC_FUNCS_FUNCS_H

#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "template/func.h"

/* ---- tables ---- */

extern const struct hc_func hc_funcs_strings[]; /* trim, upper, quote, split, indent, ... */
extern const size_t hc_funcs_strings_len;
extern const struct hc_func hc_funcs_regex[];   /* regexMatch, regexFind, ... and must- twins */
extern const size_t hc_funcs_regex_len;
extern const struct hc_func hc_funcs_paths[];   /* base, dir, ext, clean, isAbs, os* */
extern const size_t hc_funcs_paths_len;
extern const struct hc_func hc_funcs_urls[];    /* urlParse, urlJoin */
extern const size_t hc_funcs_urls_len;

#endif
