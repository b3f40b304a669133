/*
 * tgz_write.c - chart archives written as Helm's chartutil.Save writes them.
 *
 * Mirrors Go's archive/tar Writer for the headers Save builds (a name, mode
 * 0644, a size and a modification time; no format asked for, so Go picks
 * USTAR when the name fits, else PAX) and compress/gzip's header with the
 * Extra and Comment fields Save sets.  Invariant: the tar stream handed to
 * zlib is what Go's tar.Writer would emit for the same entries, so only the
 * deflate encoding differs from Helm's archive.
 */
#include "helmc/archive.h"

#include <string.h>
#include <zlib.h>

#include "base/alloc.h"

#define BLOCK 512
/* Field offsets and sizes of a USTAR header block (Go's headerV7/headerUSTAR). */
#define NAME_OFF     0
#define NAME_SIZE    100
#define MODE_OFF     100
#define UID_OFF      108
#define GID_OFF      116
#define SIZE_OFF     124
#define MTIME_OFF    136
#define CHKSUM_OFF   148
#define TYPE_OFF     156
#define MAGIC_OFF    257
#define DEVMAJOR_OFF 329
#define DEVMINOR_OFF 337
#define PREFIX_OFF   345
#define PREFIX_SIZE  155
/* Go's maxSpecialFileSize: the largest PAX record block it writes. */
#define MAX_PAX_SIZE ((size_t)1 << 20)
/* The largest value of a 12-byte octal field (Go switches to PAX past it). */
#define MAX_OCTAL_11 (((int64_t)1 << 33) - 1)

/* The bytes helm's chartutil puts in the gzip header's extra field. */
static const char helm_extra[] = "+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=";

struct hc_tgz_writer {
    FILE *out;
    z_stream z;
    gz_header gz;
    unsigned char buf[16384];
};

static hc_status put_out(struct hc_tgz_writer *w, struct hc_error *err)
{
    size_t n = sizeof w->buf - w->z.avail_out;
    if (n && fwrite(w->buf, 1, n, w->out) != n)
        return hc_error_set(err, HC_ERR_IO, "write error");
    w->z.next_out = w->buf;
    w->z.avail_out = sizeof w->buf;
    return HC_OK;
}

/* Feeds len bytes to deflate (flush: Z_NO_FLUSH or Z_FINISH). */
static hc_status deflate_bytes(struct hc_tgz_writer *w, const void *p, size_t len, int flush,
                               struct hc_error *err)
{
    const unsigned char *s = p;
    do {
        uInt chunk = len > 1u << 30 ? 1u << 30 : (uInt)len;
        w->z.next_in = (Bytef *)(uintptr_t)s;
        w->z.avail_in = chunk;
        s += chunk;
        len -= chunk;
        int f = len ? Z_NO_FLUSH : flush;
        for (;;) {
            int rc = deflate(&w->z, f);
            if (rc == Z_STREAM_ERROR)
                return hc_error_set(err, HC_ERR_IO, "gzip: deflate failed");
            if (w->z.avail_out == 0 || (f == Z_FINISH && rc == Z_STREAM_END)) {
                if (put_out(w, err) != HC_OK)
                    return HC_ERR_IO;
            }
            if (f == Z_FINISH ? rc == Z_STREAM_END : w->z.avail_in == 0)
                break;
        }
    } while (len);
    return HC_OK;
}

hc_status hc_tgz_writer_new(FILE *out, struct hc_tgz_writer **wp, struct hc_error *err)
{
    *wp = NULL;
    struct hc_tgz_writer *w = hc_calloc(1, sizeof *w);
    if (!w)
        return hc_error_nomem(err);
    w->out = out;
    /* windowBits 15 + 16: a gzip wrapper; level 6 is Go's DefaultCompression */
    if (deflateInit2(&w->z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        hc_free(w);
        return hc_error_nomem(err);
    }
    w->gz.extra = (Bytef *)(uintptr_t)helm_extra;
    w->gz.extra_len = (uInt)(sizeof helm_extra - 1);
    w->gz.comment = (Bytef *)(uintptr_t) "Helm";
    w->gz.os = 255; /* Go's compress/gzip writes "unknown" */
    w->gz.time = 0;
    if (deflateSetHeader(&w->z, &w->gz) != Z_OK) {
        deflateEnd(&w->z);
        hc_free(w);
        return hc_error_nomem(err);
    }
    w->z.next_out = w->buf;
    w->z.avail_out = sizeof w->buf;
    *wp = w;
    return HC_OK;
}

void hc_tgz_writer_free(struct hc_tgz_writer *w)
{
    if (!w)
        return;
    deflateEnd(&w->z);
    hc_free(w);
}

/* Go's formatter.formatOctal: zero-padded octal in all but the last byte, then NUL. */
static void put_octal(unsigned char *field, size_t size, int64_t v)
{
    field[size - 1] = '\0';
    for (size_t i = size - 1; i-- > 0;) {
        field[i] = (unsigned char)('0' + (v & 7));
        v >>= 3;
    }
}

/* Go's formatter.formatString: copy, NUL after it when there is room. */
static void put_string(unsigned char *field, size_t size, const char *s, size_t n)
{
    memcpy(field, s, n < size ? n : size);
    if (n < size)
        field[n] = '\0';
}

static bool is_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80 || s[i] == '\0')
            return false;
    return true;
}

/*
 * Go's splitUSTARPath: a name longer than 100 bytes split at a '/' into a
 * prefix of at most 155 bytes and a non-empty name of at most 100.
 */
static bool split_ustar(const char *name, size_t len, size_t *plen)
{
    if (len <= NAME_SIZE || !is_ascii(name, len))
        return false;
    size_t end = len;
    if (end > PREFIX_SIZE + 1)
        end = PREFIX_SIZE + 1;
    else if (name[end - 1] == '/')
        end--;
    size_t i = end;
    while (i > 0 && name[i - 1] != '/')
        i--;
    if (i == 0)
        return false;
    i--; /* the slash */
    size_t nlen = len - i - 1;
    if (i == 0 || nlen > NAME_SIZE || nlen == 0 || i > PREFIX_SIZE)
        return false;
    *plen = i;
    return true;
}

static void set_checksum(unsigned char *blk)
{
    memset(blk + CHKSUM_OFF, ' ', 8);
    unsigned sum = 0;
    for (size_t i = 0; i < BLOCK; i++)
        sum += blk[i];
    /* Go: six octal digits, NUL, and the space already there */
    put_octal(blk + CHKSUM_OFF, 7, (int64_t)sum);
}

static void set_magic(unsigned char *blk)
{
    memcpy(blk + MAGIC_OFF,
           "ustar\0"
           "00",
           8);
}

static hc_status write_padded(struct hc_tgz_writer *w, const void *data, size_t len,
                              struct hc_error *err)
{
    static const unsigned char zeros[BLOCK];
    if (len && deflate_bytes(w, data, len, Z_NO_FLUSH, err) != HC_OK)
        return HC_ERR_IO;
    size_t pad = (BLOCK - len % BLOCK) % BLOCK;
    if (pad && deflate_bytes(w, zeros, pad, Z_NO_FLUSH, err) != HC_OK)
        return HC_ERR_IO;
    return HC_OK;
}

/* One PAX record, "LEN path=NAME\n", where LEN counts the whole record. */
static size_t pax_record(char *out, const char *key, const char *val, size_t vlen)
{
    size_t klen = strlen(key);
    size_t base = klen + vlen + 3; /* space, '=', newline */
    size_t size = base + 1;
    for (;;) {
        char digits[24];
        int d = snprintf(digits, sizeof digits, "%zu", size);
        if (base + (size_t)d == size)
            break;
        size = base + (size_t)d;
    }
    if (out) {
        int d = sprintf(out, "%zu %s=", size, key);
        memcpy(out + d, val, vlen);
        out[(size_t)d + vlen] = '\n';
    }
    return size;
}

/* Go's writeRawFile for the PAX header of a file named name. */
static hc_status write_pax_header(struct hc_tgz_writer *w, const char *name, size_t len,
                                  struct hc_error *err)
{
    size_t rlen = pax_record(NULL, "path", name, len);
    if (rlen > MAX_PAX_SIZE)
        return hc_error_set(err, HC_ERR_INVALID, "archive/tar: header field too long");
    char *rec = hc_malloc(rlen + 32);
    if (!rec)
        return hc_error_nomem(err);
    pax_record(rec, "path", name, len);
    /* path.Join(dir, "PaxHeaders.0", file), made ASCII, cut to 100 bytes, no trailing '/' */
    size_t slash = len;
    while (slash > 0 && name[slash - 1] != '/')
        slash--;
    char hname[NAME_SIZE + 1];
    size_t hn = 0;
    const char *parts[3] = {name, "PaxHeaders.0/", name + slash};
    size_t plens[3] = {slash, 13, len - slash};
    for (int p = 0; p < 3; p++) {
        for (size_t i = 0; i < plens[p] && hn < NAME_SIZE; i++) {
            unsigned char c = (unsigned char)parts[p][i];
            if (c < 0x80 && c != 0)
                hname[hn++] = (char)c;
        }
    }
    while (hn > 0 && hname[hn - 1] == '/')
        hn--;
    unsigned char blk[BLOCK] = {0};
    put_string(blk + NAME_OFF, NAME_SIZE, hname, hn);
    put_octal(blk + MODE_OFF, 8, 0);
    put_octal(blk + UID_OFF, 8, 0);
    put_octal(blk + GID_OFF, 8, 0);
    put_octal(blk + SIZE_OFF, 12, (int64_t)rlen);
    put_octal(blk + MTIME_OFF, 12, 0);
    blk[TYPE_OFF] = 'x';
    set_magic(blk);
    set_checksum(blk);
    hc_status rc = write_padded(w, blk, BLOCK, err);
    if (rc == HC_OK)
        rc = write_padded(w, rec, rlen, err);
    hc_free(rec);
    return rc;
}

hc_status hc_tgz_writer_add(struct hc_tgz_writer *w, const char *name, const void *data, size_t len,
                            int64_t mtime, struct hc_error *err)
{
    if (mtime < 0 || mtime > MAX_OCTAL_11)
        return hc_error_set(err, HC_ERR_INVALID,
                            "modification time %lld out of the range a tar header holds",
                            (long long)mtime);
    if ((int64_t)len > MAX_OCTAL_11)
        return hc_error_set(err, HC_ERR_INVALID, "file %s too large for a tar archive", name);
    size_t nlen = strlen(name);
    unsigned char blk[BLOCK] = {0};
    size_t plen = 0;
    bool ustar = nlen <= NAME_SIZE && is_ascii(name, nlen);
    bool split = !ustar && split_ustar(name, nlen, &plen);
    if (ustar) {
        put_string(blk + NAME_OFF, NAME_SIZE, name, nlen);
    } else if (split) {
        put_string(blk + PREFIX_OFF, PREFIX_SIZE, name, plen);
        put_string(blk + NAME_OFF, NAME_SIZE, name + plen + 1, nlen - plen - 1);
    } else {
        hc_status rc = write_pax_header(w, name, nlen, err);
        if (rc != HC_OK)
            return rc;
        /* the main header keeps an ASCII, truncated copy of the name */
        char tmp[NAME_SIZE];
        size_t tn = 0;
        for (size_t i = 0; i < nlen && tn < NAME_SIZE; i++)
            if ((unsigned char)name[i] < 0x80 && name[i] != 0)
                tmp[tn++] = name[i];
        put_string(blk + NAME_OFF, NAME_SIZE, tmp, tn);
    }
    put_octal(blk + MODE_OFF, 8, 0644);
    put_octal(blk + UID_OFF, 8, 0);
    put_octal(blk + GID_OFF, 8, 0);
    put_octal(blk + SIZE_OFF, 12, (int64_t)len);
    put_octal(blk + MTIME_OFF, 12, mtime);
    blk[TYPE_OFF] = '0';
    set_magic(blk);
    put_octal(blk + DEVMAJOR_OFF, 8, 0);
    put_octal(blk + DEVMINOR_OFF, 8, 0);
    set_checksum(blk);
    hc_status rc = write_padded(w, blk, BLOCK, err);
    if (rc == HC_OK)
        rc = write_padded(w, data, len, err);
    return rc;
}

hc_status hc_tgz_writer_finish(struct hc_tgz_writer *w, struct hc_error *err)
{
    static const unsigned char end[2 * BLOCK];
    hc_status rc = deflate_bytes(w, end, sizeof end, Z_FINISH, err);
    if (rc == HC_OK && fflush(w->out) != 0)
        rc = hc_error_set(err, HC_ERR_IO, "write error");
    hc_tgz_writer_free(w);
    return rc;
}
