/*
 * funcs.h - the function tables of the Sprig and Helm families.
 *
 * Each family file of src/funcs/ ends in one table of rows (template/func.h)
 * and its length; Helm's function set is composed from Go's built-ins
 * (template/builtins.h) and these tables with hc_funcset_build, a later table
 * replacing a name of an earlier one, as Helm's funcMap() does.  Rows are
 * static: the tables live as long as the program.
 *
 * Each family adds its own pair of lines here.
 */
#ifndef HC_FUNCS_FUNCS_H
#define HC_FUNCS_FUNCS_H

#include <stddef.h>

#include "template/func.h"

/* lists.c: list, tuple, first, rest, push, chunk, until, seq, slice, concat, ... */
extern const struct hc_func hc_funcs_lists[];
extern const size_t hc_funcs_lists_len;

/* dicts.c: dict, get, set, unset, hasKey, pluck, dig, merge*, keys, pick, omit, values, deepCopy */
extern const struct hc_func hc_funcs_dicts[];
extern const size_t hc_funcs_dicts_len;

/* math.c: add, sub, mul, div, mod, max, min, floor, ceil, round, addf, ..., biggest */
extern const struct hc_func hc_funcs_math[];
extern const size_t hc_funcs_math_len;

/* convert.c: atoi, int, int64, float64, toDecimal */
extern const struct hc_func hc_funcs_convert[];
extern const size_t hc_funcs_convert_len;

/* defaults.c: default, empty, coalesce, all, any, ternary */
extern const struct hc_func hc_funcs_defaults[];
extern const size_t hc_funcs_defaults_len;

/* flow.c: fail (Helm's override of Sprig's) */
extern const struct hc_func hc_funcs_flow[];
extern const size_t hc_funcs_flow_len;

/* reflect.c: typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual */
extern const struct hc_func hc_funcs_reflect[];
extern const size_t hc_funcs_reflect_len;

/* strings.c: trim, upper, title, substr, quote, indent, replace, split, join, snakecase, ... */
extern const struct hc_func hc_funcs_strings[];
extern const size_t hc_funcs_strings_len;

/* regex.c: regexMatch, regexFind, regexFindAll, regexReplaceAll*, regexSplit, must- twins */
extern const struct hc_func hc_funcs_regex[];
extern const size_t hc_funcs_regex_len;

/* paths.c: base, dir, ext, clean, isAbs and the os* forms */
extern const struct hc_func hc_funcs_paths[];
extern const size_t hc_funcs_paths_len;

/* urls.c: urlParse, urlJoin */
extern const struct hc_func hc_funcs_urls[];
extern const size_t hc_funcs_urls_len;

/*
 * regex.c keeps the last 64 compiled patterns for reuse by any thread (a
 * pattern's compilation never depends on anything else).  This frees them;
 * patterns in use are freed when their calls end.  For embedders that want
 * the memory back, and for leak checkers.
 */
void hc_funcs_regex_cache_clear(void);

#endif
