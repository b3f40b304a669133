/*
 * random.c - Sprig's random strings and numbers: randAlphaNum, randAlpha,
 * randNumeric, randAscii (goutils' CryptoRandom*), randInt (math/rand's
 * Intn) and uuidv4 (google/uuid's New).
 *
 * Every byte of randomness comes from the env (funcs.h), so tests and
 * fuzzers can make these deterministic.  Go draws characters by rejection
 * from a wider range; drawing uniformly from the accepted set instead gives
 * the same distribution.  Lengths come from templates: a negative length is
 * the empty string (Sprig drops goutils' error), and the result is allocated
 * before any randomness is drawn, so an absurd length fails on memory first.
 */
#include "funcs/funcs.h"

#include <string.h>

#include "base/arena.h"

static const char alpha_num[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* count characters drawn uniformly from set[0..setlen). */
static hc_status random_string(struct hc_call *call, int64_t count, const char *set, size_t setlen,
                               hc_val *out)
{
    if (count <= 0) {
        *out = hc_strn("", 0);
        return HC_OK;
    }
    if ((uint64_t)count > HC_VAL_MAX_LEN)
        return hc_error_nomem(call->err);
    char *p = hc_funcs_alloc_str(call, (size_t)count, out);
    if (!p)
        return HC_ERR_NOMEM;
    /* bytes at or above the largest multiple of setlen would bias the draw: skip them */
    unsigned limit = 256u - 256u % (unsigned)setlen;
    unsigned char chunk[256];
    size_t have = 0, used = 0;
    for (int64_t i = 0; i < count;) {
        if (used == have) {
            hc_status rc = hc_funcs_rand_bytes(call, chunk, sizeof chunk);
            if (rc != HC_OK)
                return rc;
            have = sizeof chunk;
            used = 0;
        }
        unsigned b = chunk[used++];
        if (b < limit)
            p[i++] = set[b % setlen];
    }
    return HC_OK;
}

static hc_status fn_rand_alpha_num(struct hc_call *call, const hc_val *args, uint32_t n,
                                   hc_val *out)
{
    (void)n;
    return random_string(call, args[0].u.i, alpha_num, 62, out);
}

static hc_status fn_rand_alpha(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return random_string(call, args[0].u.i, alpha_num, 52, out);
}

static hc_status fn_rand_numeric(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return random_string(call, args[0].u.i, alpha_num + 52, 10, out);
}

static hc_status fn_rand_ascii(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    /* CryptoRandomAscii: code points 32 through 126 */
    static const char printable[] = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                    "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    return random_string(call, args[0].u.i, printable, sizeof printable - 1, out);
}

/* randInt: rand.Intn(max-min) + min, in Go's wrapping int arithmetic. */
static hc_status fn_rand_int(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    uint64_t lo = (uint64_t)args[0].u.i, hi = (uint64_t)args[1].u.i;
    int64_t span = (int64_t)(hi - lo);
    if (span <= 0)
        return hc_call_fail(call, "invalid argument to Intn");
    uint64_t r;
    hc_status rc = hc_funcs_rand_below(call, (uint64_t)span, &r);
    if (rc != HC_OK)
        return rc;
    *out = hc_int_typed((int64_t)(r + lo), HC_GT_INT);
    return HC_OK;
}

/* uuidv4: 16 random bytes with the version (4) and variant (10) bits set. */
static hc_status fn_uuidv4(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    unsigned char u[16];
    hc_status rc = hc_funcs_rand_bytes(call, u, sizeof u);
    if (rc != HC_OK)
        return rc;
    u[6] = (unsigned char)((u[6] & 0x0f) | 0x40);
    u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);
    char *p = hc_funcs_alloc_str(call, 36, out);
    if (!p)
        return HC_ERR_NOMEM;
    static const char hex[] = "0123456789abcdef";
    for (int i = 0, j = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            p[j++] = '-';
        p[j++] = hex[u[i] >> 4];
        p[j++] = hex[u[i] & 15];
    }
    return HC_OK;
}

const struct hc_func hc_funcs_random[] = {
    {"randAlpha",    fn_rand_alpha,     "i",  HC_FN_NOERR},
    {"randAlphaNum", fn_rand_alpha_num, "i",  HC_FN_NOERR},
    {"randAscii",    fn_rand_ascii,     "i",  HC_FN_NOERR},
    {"randInt",      fn_rand_int,       "ii", HC_FN_NOERR},
    {"randNumeric",  fn_rand_numeric,   "i",  HC_FN_NOERR},
    {"uuidv4",       fn_uuidv4,         "",   HC_FN_NOERR},
};
const size_t hc_funcs_random_len = sizeof hc_funcs_random / sizeof hc_funcs_random[0];
