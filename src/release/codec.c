/*
 * codec.c - the storage layers around a release record's JSON: standard
 * base64 (Go's encoding/base64 StdEncoding), gzip as Helm's storage driver
 * writes it (compress/gzip at BestCompression, no name, no mtime), bounded
 * gunzip, and RFC 3339 times as Go's time.Time marshals them.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/release.h"

/* Output chunk for inflate/deflate. */
#define ZCHUNK 16384

/* ---- base64 ---- */

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void hc_base64_encode(struct hc_buf *b, const unsigned char *p, size_t n)
{
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        char q[4] = {B64[v >> 18], B64[(v >> 12) & 63], B64[(v >> 6) & 63], B64[v & 63]};
        hc_buf_add(b, q, 4);
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)p[i] << 16;
        char q[4] = {B64[v >> 18], B64[(v >> 12) & 63], '=', '='};
        hc_buf_add(b, q, 4);
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
        char q[4] = {B64[v >> 18], B64[(v >> 12) & 63], B64[(v >> 6) & 63], '='};
        hc_buf_add(b, q, 4);
    }
}

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

static hc_status b64_corrupt(struct hc_error *err, size_t at)
{
    return hc_error_set(err, HC_ERR_PARSE, "illegal base64 data at input byte %zu", at);
}

/*
 * Go's StdEncoding.Decode: quanta of four symbols, CR and LF skipped
 * anywhere, padding required, nothing but CR/LF after it.  Like Go, error
 * offsets count raw input bytes.
 */
hc_status hc_base64_decode(struct hc_arena *a, const char *s, size_t n, unsigned char **out,
                           size_t *outlen, struct hc_error *err)
{
    unsigned char *dst = hc_arena_alloc(a, n / 4 * 3 + 4);
    if (!dst)
        return hc_error_nomem(err);
    size_t o = 0, si = 0;
    const unsigned char *src = (const unsigned char *)s;
    while (si < n) {
        int q[4];
        size_t j = 0;
        size_t pad = 0;
        while (j < 4) {
            if (si == n) {
                if (j == 0)
                    goto done;
                return b64_corrupt(err, si - j);
            }
            unsigned char c = src[si];
            si++;
            if (c == '\r' || c == '\n')
                continue;
            int v = b64_value(c);
            if (v >= 0) {
                q[j++] = v;
                continue;
            }
            if (c != '=')
                return b64_corrupt(err, si - 1);
            /* padding: valid only as the 3rd or 4th symbol of the last quantum */
            if (j < 2)
                return b64_corrupt(err, si - 1);
            if (j == 2) {
                while (si < n && (src[si] == '\r' || src[si] == '\n'))
                    si++;
                if (si == n)
                    return b64_corrupt(err, n);
                if (src[si] != '=')
                    return b64_corrupt(err, si - 1); /* Go reports the byte before */
                si++;
            }
            while (si < n && (src[si] == '\r' || src[si] == '\n'))
                si++;
            if (si < n)
                return b64_corrupt(err, si);
            pad = 4 - j;
            break;
        }
        uint32_t v = 0;
        for (size_t k = 0; k < 4 - pad; k++)
            v |= (uint32_t)q[k] << (18 - 6 * k);
        dst[o++] = (unsigned char)(v >> 16);
        if (pad < 2)
            dst[o++] = (unsigned char)(v >> 8);
        if (pad < 1)
            dst[o++] = (unsigned char)v;
        if (pad)
            break;
    }
done:
    dst[o] = 0;
    *out = dst;
    *outlen = o;
    return HC_OK;
}

/* ---- gzip ---- */

hc_status hc_gunzip(struct hc_arena *a, const unsigned char *p, size_t n, size_t max,
                    unsigned char **out, size_t *outlen, struct hc_error *err)
{
    struct hc_buf b;
    hc_buf_init(&b, max + 1);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return hc_error_nomem(err);
    hc_status rc = HC_OK;
    size_t pos = 0;
    unsigned char chunk[ZCHUNK];
    for (;;) {
        size_t avail = n - pos;
        z.next_in = (unsigned char *)(uintptr_t)(p + pos);
        z.avail_in = avail > UINT_MAX ? UINT_MAX : (unsigned)avail;
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        int zr = inflate(&z, Z_NO_FLUSH);
        size_t used = (size_t)(z.next_in - (p + pos));
        pos += used;
        hc_buf_add(&b, chunk, sizeof chunk - z.avail_out);
        if (!hc_buf_ok(&b)) {
            rc = b.toobig ? hc_error_set(err, HC_ERR_LIMIT,
                                         "release data exceeds the %zu-byte limit when "
                                         "decompressed",
                                         max)
                          : hc_error_nomem(err);
            goto out;
        }
        if (zr == Z_STREAM_END) {
            if (pos == n)
                break;
            /* Go's reader reads concatenated members until EOF. */
            if (inflateReset(&z) != Z_OK) {
                rc = hc_error_nomem(err);
                goto out;
            }
            continue;
        }
        if (zr == Z_OK)
            continue;
        if (zr == Z_BUF_ERROR && pos == n) {
            rc = hc_error_set(err, HC_ERR_PARSE, "unexpected EOF");
            goto out;
        }
        if (zr == Z_MEM_ERROR) {
            rc = hc_error_nomem(err);
            goto out;
        }
        rc = hc_error_set(err, HC_ERR_PARSE, "%s",
                          z.msg && strstr(z.msg, "header") ? "gzip: invalid header"
                          : z.msg && strstr(z.msg, "check")
                              ? "gzip: invalid checksum"
                              : "flate: corrupt input");
        goto out;
    }
    {
        unsigned char *d = hc_arena_alloc(a, b.len + 1);
        if (!d) {
            rc = hc_error_nomem(err);
            goto out;
        }
        if (b.len)
            memcpy(d, b.data, b.len);
        d[b.len] = 0;
        *out = d;
        *outlen = b.len;
    }
out:
    inflateEnd(&z);
    hc_buf_release(&b);
    return rc;
}

hc_status hc_gzip(struct hc_buf *b, const unsigned char *p, size_t n, struct hc_error *err)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return hc_error_nomem(err);
    /* Go's header: no name, mtime 0, XFL 2 (best compression), OS 255 (unknown). */
    gz_header h;
    memset(&h, 0, sizeof h);
    h.os = 255;
    hc_status rc = HC_OK;
    if (deflateSetHeader(&z, &h) != Z_OK) {
        rc = hc_error_nomem(err);
        goto out;
    }
    size_t pos = 0;
    unsigned char chunk[ZCHUNK];
    for (;;) {
        size_t avail = n - pos;
        unsigned take = avail > UINT_MAX ? UINT_MAX : (unsigned)avail;
        z.next_in = (unsigned char *)(uintptr_t)(p + pos);
        z.avail_in = take;
        int flush = pos + take == n ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = chunk;
            z.avail_out = sizeof chunk;
            int zr = deflate(&z, flush);
            if (zr == Z_STREAM_ERROR) {
                rc = hc_error_nomem(err);
                goto out;
            }
            hc_buf_add(b, chunk, sizeof chunk - z.avail_out);
        } while (z.avail_out == 0);
        pos += take;
        if (flush == Z_FINISH)
            break;
    }
    if (!hc_buf_ok(b))
        rc = hc_error_nomem(err);
out:
    deflateEnd(&z);
    return rc;
}

/* ---- times ---- */

#define SECONDS_PER_DAY 86400
/* Days from 0001-01-01 to 1970-01-01 (Go's unixToInternal / 86400). */
#define DAYS_TO_UNIX 719162

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

struct hc_stamp hc_stamp_from_unix(int64_t unix_sec, int32_t nsec, int32_t offset)
{
    struct hc_stamp t = {unix_sec + (int64_t)DAYS_TO_UNIX * SECONDS_PER_DAY, nsec, offset};
    return t;
}

static int days_in_month(int64_t y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

#define RFC3339 "2006-01-02T15:04:05Z07:00"

static bool is_digit(const char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

/* Go's time.quote: ASCII kept (" and \ escaped), other bytes as \xNN. */
static void time_quote(struct hc_buf *b, const char *s, size_t n)
{
    hc_buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c < ' ') {
            hc_buf_printf(b, "\\x%02x", c);
        } else {
            if (c == '"' || c == '\\')
                hc_buf_addc(b, '\\');
            hc_buf_addc(b, (char)c);
        }
    }
    hc_buf_addc(b, '"');
}

/*
 * Go's ParseError text: with a message, `parsing time "V": month out of
 * range`; without, `parsing time "V" as "LAYOUT": cannot parse "REST" as "ELEM"`.
 */
static hc_status time_error(struct hc_error *err, const char *s, size_t n, const char *elem,
                            const char *rest, size_t restn, const char *msg)
{
    struct hc_buf b;
    hc_buf_init(&b, 0);
    hc_buf_adds(&b, "parsing time ");
    time_quote(&b, s, n);
    if (msg) {
        hc_buf_adds(&b, msg);
    } else {
        hc_buf_adds(&b, " as \"" RFC3339 "\": cannot parse ");
        time_quote(&b, rest, restn);
        hc_buf_adds(&b, " as ");
        time_quote(&b, elem, strlen(elem));
    }
    hc_status rc = hc_buf_ok(&b) ? hc_error_set(err, HC_ERR_PARSE, "%s", b.data)
                                 : hc_error_nomem(err);
    hc_buf_release(&b);
    return rc;
}

/* Go's getnum: one or two digits (exactly two when fixed); -1 when bad. */
static int getnum(const char *s, size_t n, size_t *i, bool fixed)
{
    if (!is_digit(s, n, *i))
        return -1;
    if (!is_digit(s, n, *i + 1)) {
        if (fixed)
            return -1;
        return s[(*i)++] - '0';
    }
    int v = (s[*i] - '0') * 10 + (s[*i + 1] - '0');
    *i += 2;
    return v;
}

struct civil {
    int year, month, day, hour, min, sec;
    int32_t nsec, offset;
};

/*
 * time.Parse(time.RFC3339, s) as Go runs it layout element by layout element,
 * for its verdict and exact error; looser than RFC 3339 (a one-digit hour,
 * a comma before the fraction, a zone hour of 24), which the caller checks.
 */
static hc_status go_parse(const char *s, size_t n, struct civil *c, struct hc_error *err)
{
    size_t i = 0, hold;
#define BAD(elem) return time_error(err, s, n, elem, s + hold, n - hold, NULL)
#define SKIP(ch, elem)                                                                             \
    do {                                                                                           \
        hold = i;                                                                                  \
        if (i >= n || s[i] != (ch))                                                                \
            BAD(elem);                                                                             \
        i++;                                                                                       \
    } while (0)
#define RANGE(what) return time_error(err, s, n, NULL, NULL, 0, ": " what " out of range")
    hold = i;
    for (int k = 0; k < 4; k++)
        if (!is_digit(s, n, i + (size_t)k))
            BAD("2006");
    c->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    i = 4;
    SKIP('-', "-");
    hold = i;
    if ((c->month = getnum(s, n, &i, true)) < 0)
        BAD("01");
    if (c->month < 1 || c->month > 12)
        RANGE("month");
    SKIP('-', "-");
    hold = i;
    if ((c->day = getnum(s, n, &i, true)) < 0)
        BAD("02");
    SKIP('T', "T");
    hold = i;
    if ((c->hour = getnum(s, n, &i, false)) < 0)
        BAD("15");
    if (c->hour >= 24)
        RANGE("hour");
    SKIP(':', ":");
    hold = i;
    if ((c->min = getnum(s, n, &i, true)) < 0)
        BAD("04");
    if (c->min >= 60)
        RANGE("minute");
    SKIP(':', ":");
    hold = i;
    if ((c->sec = getnum(s, n, &i, true)) < 0)
        BAD("05");
    if (c->sec >= 60)
        RANGE("second");
    c->nsec = 0;
    if (n - i >= 2 && (s[i] == '.' || s[i] == ',') && is_digit(s, n, i + 1)) {
        int32_t scale = 100000000;
        for (i++; is_digit(s, n, i); i++) {
            c->nsec += (int32_t)(s[i] - '0') * scale;
            scale /= 10;
        }
    }
    hold = i;
    c->offset = 0;
    if (i < n && s[i] == 'Z') {
        i++;
    } else {
        if (n - i < 6 || s[i + 3] != ':')
            BAD("Z07:00");
        size_t j = i + 1;
        int hr = getnum(s, n, &j, true);
        j = i + 4;
        int mm = hr < 0 ? -1 : getnum(s, n, &j, true);
        if (hr < 0 || mm < 0)
            BAD("Z07:00");
        if (mm > 60)
            RANGE("time zone offset minute");
        if (hr > 24)
            RANGE("time zone offset hour");
        if (s[i] != '+' && s[i] != '-')
            BAD("Z07:00");
        c->offset = (s[i] == '-' ? -1 : 1) * (hr * 3600 + mm * 60);
        i += 6;
    }
    if (i < n) {
        struct hc_buf m;
        hc_buf_init(&m, 0);
        hc_buf_adds(&m, ": extra text: ");
        time_quote(&m, s + i, n - i);
        hc_status rc = hc_buf_ok(&m) ? time_error(err, s, n, NULL, NULL, 0, m.data)
                                     : hc_error_nomem(err);
        hc_buf_release(&m);
        return rc;
    }
    if (c->day < 1 || c->day > days_in_month(c->year, c->month))
        RANGE("day");
#undef BAD
#undef SKIP
#undef RANGE
    return HC_OK;
}

/*
 * Go's time.Time.UnmarshalJSON (parseStrictRFC3339): time.Parse with the
 * RFC3339 layout, then the checks that layout cannot express.
 */
hc_status hc_stamp_parse(const char *s, size_t n, struct hc_stamp *out, struct hc_error *err)
{
    struct civil c = {0};
    hc_status rc = go_parse(s, n, &c, err);
    if (rc != HC_OK)
        return rc;
    /* go_parse succeeded, so s has at least "2006-01-02T1:04:05Z" */
    if (s[12] == ':')
        return time_error(err, s, n, "15", s + 11, 1, NULL);
    if (s[19] == ',')
        return time_error(err, s, n, ".", ",", 1, NULL);
    if (s[n - 1] != 'Z') {
        const char *z = s + n - 5; /* "07:00" */
        if ((z[0] - '0') * 10 + (z[1] - '0') >= 24)
            return time_error(err, s, n, NULL, NULL, 0, ": timezone hour out of range");
        if ((z[3] - '0') * 10 + (z[4] - '0') >= 60)
            return time_error(err, s, n, NULL, NULL, 0, ": timezone minute out of range");
    }
    int64_t days = days_from_civil(c.year, c.month, c.day) + DAYS_TO_UNIX;
    out->sec = days * SECONDS_PER_DAY + c.hour * 3600 + c.min * 60 + c.sec - c.offset;
    out->nsec = c.nsec;
    out->offset = c.offset;
    return HC_OK;
}

void hc_stamp_format(struct hc_buf *b, struct hc_stamp t)
{
    int64_t local = t.sec + t.offset;
    int64_t days = local / SECONDS_PER_DAY, rem = local % SECONDS_PER_DAY;
    if (rem < 0) {
        rem += SECONDS_PER_DAY;
        days--;
    }
    int64_t y;
    int m, d;
    civil_from_days(days - DAYS_TO_UNIX, &y, &m, &d);
    hc_buf_printf(b, "%04lld-%02d-%02dT%02d:%02d:%02d", (long long)y, m, d, (int)(rem / 3600),
                  (int)(rem / 60 % 60), (int)(rem % 60));
    if (t.nsec) {
        char frac[10];
        snprintf(frac, sizeof frac, "%09d", (int)t.nsec);
        size_t k = 9;
        while (k > 0 && frac[k - 1] == '0')
            k--;
        hc_buf_addc(b, '.');
        hc_buf_add(b, frac, k);
    }
    if (t.offset == 0) {
        hc_buf_addc(b, 'Z');
    } else {
        int off = t.offset < 0 ? -t.offset : t.offset;
        hc_buf_printf(b, "%c%02d:%02d", t.offset < 0 ? '-' : '+', off / 3600, off / 60 % 60);
    }
}

/* ---- the storage body ---- */

void hc_release_storage_key(struct hc_buf *b, hc_rstr name, int64_t version)
{
    hc_buf_adds(b, "sh.helm.release.v1.");
    hc_buf_add(b, name.p, name.n);
    hc_buf_printf(b, ".v%lld", (long long)version);
}

hc_status hc_release_decode(struct hc_arena *a, const char *data, size_t len, size_t max_json,
                            struct hc_release **out, struct hc_error *err)
{
    if (max_json == 0)
        max_json = HC_RELEASE_MAX_JSON;
    unsigned char *raw;
    size_t rawlen;
    hc_status rc = hc_base64_decode(a, data, len, &raw, &rawlen, err);
    if (rc != HC_OK)
        return rc;
    if (rawlen > 3 && raw[0] == 0x1f && raw[1] == 0x8b && raw[2] == 0x08) {
        rc = hc_gunzip(a, raw, rawlen, max_json, &raw, &rawlen, err);
        if (rc != HC_OK)
            return rc;
    } else if (rawlen > max_json) {
        return hc_error_set(err, HC_ERR_LIMIT, "release data exceeds the %zu-byte limit",
                            max_json);
    }
    return hc_release_from_json(a, (const char *)raw, rawlen, out, err);
}

hc_status hc_release_encode(struct hc_buf *b, const struct hc_release *r,
                            enum hc_release_format format, struct hc_error *err)
{
    struct hc_buf json, gz;
    hc_buf_init(&json, 0);
    hc_buf_init(&gz, 0);
    hc_status rc = hc_release_to_json(&json, r, format, err);
    if (rc == HC_OK)
        rc = hc_gzip(&gz, (const unsigned char *)json.data, json.len, err);
    if (rc == HC_OK) {
        hc_base64_encode(b, (const unsigned char *)gz.data, gz.len);
        if (!hc_buf_ok(b))
            rc = hc_error_nomem(err);
    }
    hc_buf_release(&json);
    hc_buf_release(&gz);
    return rc;
}
