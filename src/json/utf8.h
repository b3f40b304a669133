/*
 * utf8.h - the one UTF-8 rule the JSON reader and writer share.
 *
 * Mirrors Go's utf8.DecodeRune acceptance: a sequence is valid only when it is
 * the shortest encoding of a scalar value (no overlongs, no surrogates
 * U+D800..U+DFFF, nothing past U+10FFFF) and complete.  Anything else decodes
 * as U+FFFD one byte at a time, which is why both sides only need the length.
 */
#ifndef HC_JSON_UTF8_H
#define HC_JSON_UTF8_H

#include <stddef.h>

/* Length (2..4) of the valid multi-byte sequence starting at p (p < end), or 0. */
static inline size_t json_utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t avail = (size_t)(end - p);
    if (c < 0xC2 || c > 0xF4)
        return 0; /* ASCII, a continuation byte, an overlong lead or past U+10FFFF */
    if (c < 0xE0)
        return avail >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    /* the second byte's range is narrower for the leads that could go out of bounds */
    unsigned lo = 0x80, hi = 0xBF;
    if (c == 0xE0)
        lo = 0xA0; /* overlong */
    else if (c == 0xED)
        hi = 0x9F; /* surrogates */
    else if (c == 0xF0)
        lo = 0x90; /* overlong */
    else if (c == 0xF4)
        hi = 0x8F; /* past U+10FFFF */
    if (avail < 2 || p[1] < lo || p[1] > hi)
        return 0;
    if (c < 0xF0)
        return avail >= 3 && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    return avail >= 4 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 ? 4 : 0;
}

#endif
