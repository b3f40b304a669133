/*
 * env.c - the clock and the randomness the function families read, through
 * struct hc_funcs_env (funcs.h), with the OS clock and the kernel's CSPRNG
 * (getrandom, what Go's crypto/rand reads on Linux) as defaults.  Not
 * OpenSSL's RAND_bytes: its first call initialises OpenSSL, about 3 ms of a
 * process's life (docs/performance.md).
 */
#include "funcs/funcs.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"

static const struct hc_funcs_env default_env = {NULL, NULL, NULL, NULL, NULL, NULL};

const struct hc_funcs_env *hc_funcs_env_get(const struct hc_call *call)
{
    if (call && call->user)
        return (const struct hc_funcs_env *)call->user;
    return &default_env;
}

int64_t hc_funcs_now_ns(const struct hc_call *call)
{
    const struct hc_funcs_env *env = hc_funcs_env_get(call);
    if (env->now_ns)
        return env->now_ns(env->ctx);
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return 0;
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

hc_status hc_funcs_rand_bytes(struct hc_call *call, void *buf, size_t n)
{
    const struct hc_funcs_env *env = hc_funcs_env_get(call);
    if (n == 0)
        return HC_OK;
    if (env->random) {
        if (env->random(env->ctx, buf, n) == 0)
            return HC_OK;
    } else {
        unsigned char *p = buf;
        while (n > 0) {
            ssize_t got = getrandom(p, n, 0);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                break;
            p += got;
            n -= (size_t)got;
        }
        if (n == 0)
            return HC_OK;
    }
    /* Go's crypto/rand cannot fail; the nearest it gets is its reader's error. */
    return hc_call_fail(call, "crypto/rand: failed to read random data");
}

hc_status hc_funcs_rand_below(struct hc_call *call, uint64_t n, uint64_t *out)
{
    /* Rejection sampling over the smallest power of two covering n: uniform. */
    uint64_t mask = n - 1;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    for (;;) {
        uint64_t x;
        hc_status rc = hc_funcs_rand_bytes(call, &x, sizeof x);
        if (rc != HC_OK)
            return rc;
        x &= mask;
        if (x < n) {
            *out = x;
            return HC_OK;
        }
    }
}

char *hc_funcs_alloc_str(struct hc_call *call, size_t n, hc_val *out)
{
    if (n > HC_VAL_MAX_LEN) {
        hc_error_nomem(call->err);
        return NULL;
    }
    char *p = hc_arena_alloc(call->arena, n ? n : 1);
    if (!p) {
        hc_error_nomem(call->err);
        return NULL;
    }
    *out = hc_strn(p, n);
    return p;
}

hc_status hc_funcs_buf_str(struct hc_call *call, struct hc_buf *b, hc_val *out)
{
    hc_status rc = HC_OK;
    if (!hc_buf_ok(b)) {
        rc = hc_error_nomem(call->err);
    } else {
        char *p = hc_funcs_alloc_str(call, b->len, out);
        if (!p)
            rc = HC_ERR_NOMEM;
        else if (b->len)
            memcpy(p, b->data, b->len);
    }
    hc_buf_release(b);
    return rc;
}
