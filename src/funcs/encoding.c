/*
 * encoding.c - Sprig's b64enc, b64dec, b32enc and b32dec (strings.go), over
 * Go's encoding/base64 and encoding/base32 standard encodings.
 *
 * The decoders do not fail: like Sprig they return the decoder's error text
 * ("illegal base64 data at input byte N") as the result, so N must be the
 * byte Go's decoder reports.  The codecs are exported (encoding.h) for the
 * other families that need Go's base64 (crypto's randBytes, PEM, AES).
 */
#include "funcs/encoding.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "funcs/funcs.h"

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

static int b32_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= '2' && c <= '7')
        return c - '2' + 26;
    return -1;
}

size_t hc_b64_encoded_len(size_t n)
{
    return (n + 2) / 3 * 4;
}

void hc_b64_encode(char *dst, const unsigned char *src, size_t n)
{
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)src[i] << 16 | (uint32_t)src[i + 1] << 8 | src[i + 2];
        *dst++ = b64_alphabet[v >> 18];
        *dst++ = b64_alphabet[(v >> 12) & 63];
        *dst++ = b64_alphabet[(v >> 6) & 63];
        *dst++ = b64_alphabet[v & 63];
    }
    if (i < n) {
        uint32_t v = (uint32_t)src[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)src[i + 1] << 8;
        *dst++ = b64_alphabet[v >> 18];
        *dst++ = b64_alphabet[(v >> 12) & 63];
        *dst++ = i + 1 < n ? b64_alphabet[(v >> 6) & 63] : '=';
        *dst++ = '=';
    }
}

/*
 * One quantum of Go's decodeQuantum: up to four symbols from src[*si...],
 * skipping CR and LF, with padding only at the end.  Returns the bytes
 * written to dst (0-3), or -1 with *bad set to Go's CorruptInputError
 * offset.  *done is set when the input ended (or padding closed it).
 */
static int b64_quantum(const unsigned char *src, size_t n, size_t *si, unsigned char *dst,
                       size_t *bad, int *done)
{
    unsigned char dbuf[4] = {0, 0, 0, 0};
    int dlen = 4;
    size_t i = *si;
    for (int j = 0; j < 4; j++) {
        if (i == n) {
            if (j == 0) {
                *done = 1;
                *si = i;
                return 0;
            }
            *bad = i - (size_t)j; /* the padding character is required */
            return -1;
        }
        unsigned char in = src[i++];
        int v = b64_value(in);
        if (v >= 0) {
            dbuf[j] = (unsigned char)v;
            continue;
        }
        if (in == '\n' || in == '\r') {
            j--;
            continue;
        }
        if (in != '=') {
            *bad = i - 1;
            return -1;
        }
        /* padding: only after two or three symbols */
        if (j < 2) {
            *bad = i - 1;
            return -1;
        }
        if (j == 2) {
            while (i < n && (src[i] == '\n' || src[i] == '\r'))
                i++;
            if (i == n) {
                *bad = n; /* not enough padding */
                return -1;
            }
            if (src[i] != '=') {
                *bad = i - 1;
                return -1;
            }
            i++;
        }
        while (i < n && (src[i] == '\n' || src[i] == '\r'))
            i++;
        if (i < n) {
            *bad = i; /* trailing garbage */
            return -1;
        }
        dlen = j;
        *done = 1;
        break;
    }
    uint32_t val =
        (uint32_t)dbuf[0] << 18 | (uint32_t)dbuf[1] << 12 | (uint32_t)dbuf[2] << 6 | dbuf[3];
    unsigned char b[3] = {(unsigned char)(val >> 16), (unsigned char)(val >> 8),
                          (unsigned char)val};
    memcpy(dst, b, (size_t)(dlen - 1));
    *si = i;
    return dlen - 1;
}

bool hc_b64_decode(unsigned char *dst, size_t *dlen, const char *src, size_t n, size_t *bad)
{
    size_t si = 0, out = 0;
    int done = 0;
    while (si < n && !done) {
        int k = b64_quantum((const unsigned char *)src, n, &si, dst + out, bad, &done);
        if (k < 0) {
            *dlen = out;
            return false;
        }
        out += (size_t)k;
    }
    *dlen = out;
    return true;
}

size_t hc_b32_encoded_len(size_t n)
{
    return (n + 4) / 5 * 8;
}

void hc_b32_encode(char *dst, const unsigned char *src, size_t n)
{
    while (n > 0) {
        unsigned char b[5] = {0, 0, 0, 0, 0};
        size_t k = n < 5 ? n : 5;
        memcpy(b, src, k);
        char q[8] = {b32_alphabet[b[0] >> 3],
                     b32_alphabet[((b[0] & 7) << 2) | (b[1] >> 6)],
                     b32_alphabet[(b[1] >> 1) & 31],
                     b32_alphabet[((b[1] & 1) << 4) | (b[2] >> 4)],
                     b32_alphabet[((b[2] & 15) << 1) | (b[3] >> 7)],
                     b32_alphabet[(b[3] >> 2) & 31],
                     b32_alphabet[((b[3] & 3) << 3) | (b[4] >> 5)],
                     b32_alphabet[b[4] & 31]};
        static const int used[6] = {0, 2, 4, 5, 7, 8}; /* symbols carrying k bytes */
        for (int i = used[k]; i < 8; i++)
            q[i] = '=';
        memcpy(dst, q, 8);
        dst += 8;
        src += k;
        n -= k;
    }
}

/*
 * Go's base32 decode over src with CR and LF already removed (DecodeString
 * strips them first, so offsets count the stripped input).
 */
static bool b32_decode_stripped(unsigned char *dst, size_t *dlen, const unsigned char *src,
                                size_t olen, size_t *bad)
{
    size_t n = 0, rem = olen;
    bool end = false;
    *dlen = 0;
    while (rem > 0 && !end) {
        unsigned char dbuf[8] = {0};
        int dl = 8;
        for (int j = 0; j < 8;) {
            if (rem == 0) {
                *bad = olen - rem - (size_t)j; /* missing padding */
                return false;
            }
            unsigned char in = *src++;
            rem--;
            if (in == '=' && j >= 2 && rem < 8) {
                if (rem + (size_t)j < 8 - 1) {
                    *bad = olen; /* not enough padding */
                    return false;
                }
                for (int k = 0; k < 8 - 1 - j; k++)
                    if (rem > (size_t)k && src[k] != '=') {
                        *bad = olen - rem + (size_t)k - 1; /* incorrect padding */
                        return false;
                    }
                dl = j;
                end = true;
                if (dl == 1 || dl == 3 || dl == 6) {
                    *bad = olen - rem - 1;
                    return false;
                }
                break;
            }
            int v = b32_value(in);
            if (v < 0) {
                *bad = olen - rem - 1;
                return false;
            }
            dbuf[j++] = (unsigned char)v;
        }
        unsigned char q[5];
        q[4] = (unsigned char)(dbuf[6] << 5 | dbuf[7]);
        q[3] = (unsigned char)(dbuf[4] << 7 | dbuf[5] << 2 | dbuf[6] >> 3);
        q[2] = (unsigned char)(dbuf[3] << 4 | dbuf[4] >> 1);
        q[1] = (unsigned char)(dbuf[1] << 6 | dbuf[2] << 1 | dbuf[3] >> 4);
        q[0] = (unsigned char)(dbuf[0] << 3 | dbuf[1] >> 2);
        static const int bytes_for[9] = {0, 0, 1, 0, 2, 3, 0, 4, 5};
        int k = bytes_for[dl];
        memcpy(dst + n, q, (size_t)k);
        n += (size_t)k;
    }
    *dlen = n;
    return true;
}

bool hc_b32_decode(unsigned char *dst, size_t *dlen, const char *src, size_t n, size_t *bad)
{
    /* strip CR and LF into dst first: the output never outgrows the input */
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (src[i] != '\n' && src[i] != '\r')
            dst[m++] = (unsigned char)src[i];
    return b32_decode_stripped(dst, dlen, dst, m, bad);
}

/* ---- the template functions ---- */

static hc_status fn_b64enc(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    size_t len = args[0].len;
    if (len > HC_VAL_MAX_LEN / 4 * 3)
        return hc_error_nomem(call->err);
    char *p = hc_funcs_alloc_str(call, hc_b64_encoded_len(len), out);
    if (!p)
        return HC_ERR_NOMEM;
    hc_b64_encode(p, (const unsigned char *)args[0].u.s, len);
    return HC_OK;
}

static hc_status fn_b32enc(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    size_t len = args[0].len;
    if (len > HC_VAL_MAX_LEN / 8 * 5)
        return hc_error_nomem(call->err);
    char *p = hc_funcs_alloc_str(call, hc_b32_encoded_len(len), out);
    if (!p)
        return HC_ERR_NOMEM;
    hc_b32_encode(p, (const unsigned char *)args[0].u.s, len);
    return HC_OK;
}

/* The decoded bytes, or the decoder's error text as Sprig returns it. */
static hc_status decode_or_message(struct hc_call *call, hc_val in, bool b64, hc_val *out)
{
    unsigned char *buf = hc_arena_alloc(call->arena, in.len ? in.len : 1);
    if (!buf)
        return hc_error_nomem(call->err);
    size_t dlen = 0, bad = 0;
    bool ok = b64 ? hc_b64_decode(buf, &dlen, in.u.s, in.len, &bad)
                  : hc_b32_decode(buf, &dlen, in.u.s, in.len, &bad);
    if (ok) {
        *out = hc_strn((const char *)buf, dlen);
        return HC_OK;
    }
    char *msg = hc_arena_printf(call->arena, "illegal base%s data at input byte %zu",
                                b64 ? "64" : "32", bad);
    if (!msg)
        return hc_error_nomem(call->err);
    *out = hc_cstr(msg);
    return HC_OK;
}

static hc_status fn_b64dec(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return decode_or_message(call, args[0], true, out);
}

static hc_status fn_b32dec(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return decode_or_message(call, args[0], false, out);
}

const struct hc_func hc_funcs_encoding[] = {
    {"b32dec", fn_b32dec, "s", HC_FN_NOERR},
    {"b32enc", fn_b32enc, "s", HC_FN_NOERR},
    {"b64dec", fn_b64dec, "s", HC_FN_NOERR},
    {"b64enc", fn_b64enc, "s", HC_FN_NOERR},
};
const size_t hc_funcs_encoding_len = sizeof hc_funcs_encoding / sizeof hc_funcs_encoding[0];
