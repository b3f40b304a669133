/*
 * uri.c - RFC 3986 reference resolution (section 5.2) for schema identifiers.
 */
#include "schema/uri.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"

struct parts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t nscheme, nauth, npath, nquery, nfrag;
    bool has_scheme, has_auth, has_query, has_frag;
};

/* Splits u as RFC 3986 appendix B's regular expression does. */
static void split(const char *u, struct parts *p)
{
    memset(p, 0, sizeof *p);
    const char *s = u;
    const char *c = s;
    while (*c && *c != ':' && *c != '/' && *c != '?' && *c != '#')
        c++;
    if (*c == ':' && c > s) {
        p->has_scheme = true;
        p->scheme = s;
        p->nscheme = (size_t)(c - s);
        s = c + 1;
    }
    if (s[0] == '/' && s[1] == '/') {
        s += 2;
        p->has_auth = true;
        p->auth = s;
        while (*s && *s != '/' && *s != '?' && *s != '#')
            s++;
        p->nauth = (size_t)(s - p->auth);
    }
    p->path = s;
    while (*s && *s != '?' && *s != '#')
        s++;
    p->npath = (size_t)(s - p->path);
    if (*s == '?') {
        p->has_query = true;
        p->query = ++s;
        while (*s && *s != '#')
            s++;
        p->nquery = (size_t)(s - p->query);
    }
    if (*s == '#') {
        p->has_frag = true;
        p->frag = s + 1;
        p->nfrag = strlen(p->frag);
    }
}

/* remove_dot_segments of RFC 3986 5.2.4, appending the result to out. */
static void remove_dots(struct hc_buf *out, const char *in, size_t n)
{
    size_t start = out->len;
    size_t i = 0;
    while (i < n) {
        const char *r = in + i;
        size_t left = n - i;
        if (left >= 3 && memcmp(r, "../", 3) == 0) {
            i += 3;
        } else if (left >= 2 && memcmp(r, "./", 2) == 0) {
            i += 2;
        } else if (left >= 3 && memcmp(r, "/./", 3) == 0) {
            i += 2;
        } else if (left == 2 && memcmp(r, "/.", 2) == 0) {
            hc_buf_addc(out, '/');
            i += 2;
        } else if ((left >= 4 && memcmp(r, "/../", 4) == 0) || (left == 3 && memcmp(r, "/..", 3) == 0)) {
            i += 3;
            size_t l = out->len;
            while (l > start && out->data[l - 1] != '/')
                l--;
            if (l > start)
                l--;
            hc_buf_truncate(out, l);
            if (left == 3)
                hc_buf_addc(out, '/');
        } else if ((left == 1 && r[0] == '.') || (left == 2 && memcmp(r, "..", 2) == 0)) {
            i += left;
        } else {
            size_t j = r[0] == '/' ? 1 : 0;
            while (j < left && r[j] != '/')
                j++;
            hc_buf_add(out, r, j);
            i += j;
        }
    }
}

char *hc_uri_resolve(struct hc_arena *a, const char *base, const char *ref)
{
    struct parts b, r;
    split(base, &b);
    split(ref, &r);
    struct hc_buf out = HC_BUF_INIT;
    struct hc_buf tmp = HC_BUF_INIT;
    const struct parts *q = &r; /* where the query comes from */
    if (r.has_scheme) {
        hc_buf_add(&out, r.scheme, r.nscheme);
        hc_buf_addc(&out, ':');
        if (r.has_auth) {
            hc_buf_adds(&out, "//");
            hc_buf_add(&out, r.auth, r.nauth);
        }
        remove_dots(&out, r.path, r.npath);
    } else {
        if (b.has_scheme) {
            hc_buf_add(&out, b.scheme, b.nscheme);
            hc_buf_addc(&out, ':');
        }
        if (r.has_auth) {
            hc_buf_adds(&out, "//");
            hc_buf_add(&out, r.auth, r.nauth);
            remove_dots(&out, r.path, r.npath);
        } else {
            if (b.has_auth) {
                hc_buf_adds(&out, "//");
                hc_buf_add(&out, b.auth, b.nauth);
            }
            if (r.npath == 0) {
                hc_buf_add(&out, b.path, b.npath);
                if (!r.has_query)
                    q = &b;
            } else if (r.path[0] == '/') {
                remove_dots(&out, r.path, r.npath);
            } else {
                /* merge (5.2.3) */
                if (b.has_auth && b.npath == 0) {
                    hc_buf_addc(&tmp, '/');
                } else {
                    size_t l = b.npath;
                    while (l > 0 && b.path[l - 1] != '/')
                        l--;
                    hc_buf_add(&tmp, b.path, l);
                }
                hc_buf_add(&tmp, r.path, r.npath);
                if (b.has_scheme && !b.has_auth && tmp.len > 0 && tmp.data[0] != '/')
                    hc_buf_add(&out, tmp.data, tmp.len); /* opaque (urn:) paths keep their dots */
                else
                    remove_dots(&out, hc_buf_str(&tmp), tmp.len);
            }
        }
    }
    if (q->has_query) {
        hc_buf_addc(&out, '?');
        hc_buf_add(&out, q->query, q->nquery);
    }
    if (r.has_frag) {
        hc_buf_addc(&out, '#');
        hc_buf_add(&out, r.frag, r.nfrag);
    }
    char *res = NULL;
    if (hc_buf_ok(&out) && hc_buf_ok(&tmp))
        res = hc_arena_strndup(a, hc_buf_str(&out), out.len);
    hc_buf_release(&out);
    hc_buf_release(&tmp);
    return res;
}
