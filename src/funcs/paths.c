/*
 * paths.c - Sprig's path functions: base, dir, ext, clean, isAbs (Go's path
 * package) and osBase, osDir, osExt, osClean, osIsAbs (path/filepath).
 *
 * Mirrors Go 1.25's path/path.go (Clean, Split, Ext, Base, IsAbs, Dir) and,
 * for the os* forms, path/filepath on Linux, where the separator is '/' and
 * there are no volume names: there filepath.Base, Dir, Ext, Clean and IsAbs
 * give exactly what path's do, so both rows share one C function.  Lexical
 * only: nothing here touches the file system.
 *
 * Invariant: a result that is the input or a part of it is returned as a
 * view; Clean allocates only when it changes the path.
 */
#include "funcs/funcs.h"

#include <string.h>

#include "base/arena.h"
#include "base/path.h"

/* path.Clean as a value: the input itself when already clean. */
static hc_status clean_val(struct hc_call *call, hc_val p, hc_val *out)
{
    if (p.len == 0) {
        *out = hc_strn(".", 1);
        return HC_OK;
    }
    char *buf = hc_arena_alloc(call->arena, 2 * (size_t)p.len + 3);
    if (!buf)
        return hc_error_nomem(call->err);
    size_t w = hc_path_clean(p.u.s, p.len, buf);
    if (w == p.len && memcmp(buf, p.u.s, w) == 0)
        *out = p;
    else
        *out = hc_strn(buf, w);
    return HC_OK;
}

/* clean, osClean */
static hc_status fn_clean(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return clean_val(call, args[0], out);
}

/* base, osBase: the last element, trailing slashes removed; "." for "", "/" for slashes. */
static hc_status fn_base(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    const char *p = args[0].u.s;
    size_t n = args[0].len;
    if (n == 0) {
        *out = hc_strn(".", 1);
        return HC_OK;
    }
    while (n > 0 && p[n - 1] == '/')
        n--;
    size_t i = n;
    while (i > 0 && p[i - 1] != '/')
        i--;
    if (i == n) {
        *out = hc_strn("/", 1);
        return HC_OK;
    }
    *out = hc_strn(p + i, n - i);
    return HC_OK;
}

/* dir, osDir: Clean of everything up to the last slash. */
static hc_status fn_dir(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const char *p = args[0].u.s;
    size_t i = args[0].len;
    while (i > 0 && p[i - 1] != '/')
        i--;
    return clean_val(call, hc_strn(p, i), out);
}

/* ext, osExt: from the last '.' of the last element, or "". */
static hc_status fn_ext(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    const char *p = args[0].u.s;
    size_t n = args[0].len;
    for (size_t i = n; i > 0 && p[i - 1] != '/'; i--)
        if (p[i - 1] == '.') {
            *out = hc_strn(p + i - 1, n - i + 1);
            return HC_OK;
        }
    *out = hc_strn("", 0);
    return HC_OK;
}

/* isAbs, osIsAbs */
static hc_status fn_is_abs(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_bool(args[0].len > 0 && args[0].u.s[0] == '/');
    return HC_OK;
}

const struct hc_func hc_funcs_paths[] = {
    {"base",    fn_base,   "s", HC_FN_NOERR},
    {"clean",   fn_clean,  "s", HC_FN_NOERR},
    {"dir",     fn_dir,    "s", HC_FN_NOERR},
    {"ext",     fn_ext,    "s", HC_FN_NOERR},
    {"isAbs",   fn_is_abs, "s", HC_FN_NOERR},
    {"osBase",  fn_base,   "s", HC_FN_NOERR},
    {"osClean", fn_clean,  "s", HC_FN_NOERR},
    {"osDir",   fn_dir,    "s", HC_FN_NOERR},
    {"osExt",   fn_ext,    "s", HC_FN_NOERR},
    {"osIsAbs", fn_is_abs, "s", HC_FN_NOERR},
};
const size_t hc_funcs_paths_len = sizeof hc_funcs_paths / sizeof hc_funcs_paths[0];
