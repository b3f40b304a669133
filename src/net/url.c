/*
 * url.c - resolving a chart's URL against its repository's, as helm's
 * repo.ResolveReferenceURL does (net/url's ResolveReference, RFC 3986 section 5.2, after
 * giving the base path a trailing '/'; the base's query replaces the reference's).
 */
#include "helmc/net.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

/* The length of a "scheme:" prefix (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )). */
static size_t scheme_len(const char *s)
{
    if (!isalpha((unsigned char)s[0]))
        return 0;
    size_t i = 1;
    while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
        i++;
    return s[i] == ':' ? i : 0;
}

/* Appends path p[0..n) to b with "." and ".." segments removed (RFC 3986 5.2.4). */
static void add_clean_path(struct hc_buf *b, const char *p, size_t n)
{
    size_t start = b->len;
    size_t i = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && p[j] != '/')
            j++;
        /* segment p[i..j) begins with '/' */
        size_t seg = j - i;
        if (seg == 2 && p[i + 1] == '.') {
            if (j == n)
                hc_buf_addc(b, '/');
        } else if (seg == 3 && p[i + 1] == '.' && p[i + 2] == '.') {
            while (b->len > start && b->data[b->len - 1] != '/')
                b->len--;
            if (b->len > start)
                b->len--;
            if (j == n)
                hc_buf_addc(b, '/');
        } else {
            hc_buf_add(b, p + i, seg);
        }
        i = j;
    }
    if (b->data)
        b->data[b->len] = '\0';
}

char *hc_url_resolve(const char *base, const char *ref)
{
    struct hc_buf b = HC_BUF_INIT;
    if (scheme_len(ref) > 0) {
        hc_buf_adds(&b, ref);
        return hc_buf_ok(&b) ? hc_buf_detach(&b, NULL) : NULL;
    }
    size_t bq = strcspn(base, "?#");
    const char *query = base[bq] == '?' ? base + bq : "";
    size_t qlen = strcspn(query, "#");
    size_t sl = scheme_len(base);
    const char *auth = base + sl + (sl ? 1 : 0);
    size_t alen = 0;
    if (auth[0] == '/' && auth[1] == '/')
        alen = 2 + strcspn(auth + 2, "/?#");
    const char *bpath = auth + alen;
    size_t bplen = (size_t)(base + bq - bpath);
    size_t rq = strcspn(ref, "?#");
    const char *frag = strchr(ref, '#');

    if (ref[0] == '/' && ref[1] == '/') {
        hc_buf_add(&b, base, sl + (sl ? 1 : 0));
        size_t ra = 2 + strcspn(ref + 2, "/?#");
        hc_buf_add(&b, ref, ra);
        add_clean_path(&b, ref + ra, rq - ra);
    } else {
        hc_buf_add(&b, base, (size_t)(bpath - base));
        if (ref[0] == '/') {
            add_clean_path(&b, ref, rq);
        } else {
            /* the base path with a trailing '/', then the reference's path */
            struct hc_buf m = HC_BUF_INIT;
            hc_buf_add(&m, bpath, bplen);
            while (m.len > 0 && m.data[m.len - 1] == '/')
                m.len--;
            hc_buf_addc(&m, '/');
            hc_buf_add(&m, ref, rq);
            if (hc_buf_ok(&m))
                add_clean_path(&b, m.data, m.len);
            else
                b.failed = true;
            hc_buf_release(&m);
        }
    }
    hc_buf_add(&b, query, qlen);
    if (frag)
        hc_buf_adds(&b, frag);
    return hc_buf_ok(&b) ? hc_buf_detach(&b, NULL) : NULL;
}
