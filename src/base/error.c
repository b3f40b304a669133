/*
 * error.c - the first-error-wins error record (include/helmc/error.h).
 */
#include "helmc/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

static char nomem_msg[] = "out of memory";

void hc_error_init(struct hc_error *err)
{
    memset(err, 0, sizeof *err);
}

void hc_error_release(struct hc_error *err)
{
    if (!err)
        return;
    if (err->msg && !err->msg_static)
        free(err->msg);
    hc_error_init(err);
}

hc_status hc_error_nomem(struct hc_error *err)
{
    if (err && err->code == HC_OK) {
        err->code = HC_ERR_NOMEM;
        err->msg = nomem_msg;
        err->msg_static = 1;
    }
    return HC_ERR_NOMEM;
}

hc_status hc_error_setv(struct hc_error *err, hc_status code, const char *fmt, va_list ap)
{
    if (!err || err->code != HC_OK)
        return code;
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *m = n >= 0 ? hc_malloc((size_t)n + 1) : NULL;
    if (!m) {
        hc_error_nomem(err);
        return code;
    }
    vsnprintf(m, (size_t)n + 1, fmt, ap);
    err->code = code;
    err->msg = m;
    err->msg_static = 0;
    return code;
}

hc_status hc_error_set(struct hc_error *err, hc_status code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    hc_error_setv(err, code, fmt, ap);
    va_end(ap);
    return code;
}

hc_status hc_error_set_at(struct hc_error *err, hc_status code, struct hc_pos pos,
                          const char *fmt, ...)
{
    int was_empty = err && err->code == HC_OK;
    va_list ap;
    va_start(ap, fmt);
    hc_error_setv(err, code, fmt, ap);
    va_end(ap);
    if (was_empty)
        err->pos = pos;
    return code;
}

void hc_error_move(struct hc_error *dst, struct hc_error *src)
{
    if (dst->code == HC_OK) {
        *dst = *src;
        hc_error_init(src);
    } else {
        hc_error_release(src);
    }
}

const char *hc_error_msg(const struct hc_error *err)
{
    return err && err->msg ? err->msg : "";
}
