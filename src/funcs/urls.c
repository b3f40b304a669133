/*
 * urls.c - Sprig's urlParse and urlJoin.
 *
 * Mirrors Sprig v3.3.0's url.go over Go 1.25's net/url: url.Parse (getScheme,
 * parseAuthority, parseHost with the IP-literal checks of net/netip's
 * ParseAddr, unescape, setPath, setFragment), URL.String, URL.Hostname and
 * Userinfo.String, with Go's error texts.  urlParse returns the map Sprig
 * builds (scheme, host, hostname, path, query, opaque, fragment, userinfo);
 * its failures and urlJoin's are Sprig panics, which helm prints as the
 * function's error.  (urlquery is Go's built-in, in template/builtins.c.)
 *
 * Invariant: parsed fields are views of the input where Go's are (slices of
 * the string); unescaped and re-escaped text is allocated in call->arena.
 */
#include "funcs/funcs.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "gofmt/gofmt.h"

/* net/url's encoding modes. */
enum mode {
    ENC_PATH = 1,
    ENC_PATH_SEGMENT,
    ENC_HOST,
    ENC_ZONE,
    ENC_USER_PASSWORD,
    ENC_QUERY_COMPONENT,
    ENC_FRAGMENT
};

struct str {
    const char *s;
    size_t n;
};

static struct str S(const char *s, size_t n) {
    struct str r = {s, n};
    return r;
}

static bool
str_eq(struct str a, struct str b)
{
    return a.n == b.n && (a.n == 0 || memcmp(a.s, b.s, a.n) == 0);
}

static long index_byte(struct str s, char c)
{
    const char *p = s.n ? memchr(s.s, c, s.n) : NULL;
    return p ? (long)(p - s.s) : -1;
}

static long last_index_byte(struct str s, char c)
{
    for (size_t i = s.n; i > 0; i--)
        if (s.s[i - 1] == c)
            return (long)(i - 1);
    return -1;
}

/* strings.Index(s, "%25") */
static long index_pct25(struct str s)
{
    for (size_t i = 0; i + 3 <= s.n; i++)
        if (s.s[i] == '%' && s.s[i + 1] == '2' && s.s[i + 2] == '5')
            return (long)i;
    return -1;
}

/* A parse failure: Go's error text, built in the arena. */
struct fail {
    const char *msg;
};

static bool failf(struct hc_call *call, struct fail *f, const char *msg)
{
    (void)call;
    f->msg = msg;
    return false;
}

/* "prefix" + strconv.Quote(q) + "suffix" */
static bool fail_quoted(struct hc_call *call, struct fail *f, const char *prefix, struct str q,
                        const char *suffix)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, prefix);
    hc_gofmt_quote(&b, q.s, q.n);
    hc_buf_adds(&b, suffix);
    f->msg = hc_buf_ok(&b) ? hc_arena_strndup(call->arena, hc_buf_str(&b), b.len) : NULL;
    hc_buf_release(&b);
    if (!f->msg)
        f->msg = "out of memory";
    return false;
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned char unhex(char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned char)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (unsigned char)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (unsigned char)(c - 'A' + 10);
    return 0;
}

/* net/url's shouldEscape. */
static bool should_escape(unsigned char c, enum mode mode)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return false;
    if (mode == ENC_HOST || mode == ENC_ZONE) {
        switch (c) {
        case '!':
        case '$':
        case '&':
        case '\'':
        case '(':
        case ')':
        case '*':
        case '+':
        case ',':
        case ';':
        case '=':
        case ':':
        case '[':
        case ']':
        case '<':
        case '>':
        case '"':
            return false;
        default:
            break;
        }
    }
    switch (c) {
    case '-':
    case '_':
    case '.':
    case '~':
        return false;
    case '$':
    case '&':
    case '+':
    case ',':
    case '/':
    case ':':
    case ';':
    case '=':
    case '?':
    case '@':
        switch (mode) {
        case ENC_PATH:
            return c == '?';
        case ENC_PATH_SEGMENT:
            return c == '/' || c == ';' || c == ',' || c == '?';
        case ENC_USER_PASSWORD:
            return c == '@' || c == '/' || c == '?' || c == ':';
        case ENC_QUERY_COMPONENT:
            return true;
        case ENC_FRAGMENT:
            return false;
        default:
            break;
        }
        break;
    default:
        break;
    }
    if (mode == ENC_FRAGMENT) {
        switch (c) {
        case '!':
        case '(':
        case ')':
        case '*':
            return false;
        default:
            break;
        }
    }
    return true;
}

/* net/url's unescape: *out is s itself when nothing needs decoding. */
static bool unescape(struct hc_call *call, struct str s, enum mode mode, struct str *out,
                     struct fail *f)
{
    size_t n = 0;
    bool has_plus = false;
    for (size_t i = 0; i < s.n;) {
        unsigned char c = (unsigned char)s.s[i];
        if (c == '%') {
            n++;
            if (i + 2 >= s.n || !is_hex(s.s[i + 1]) || !is_hex(s.s[i + 2])) {
                struct str bad = S(s.s + i, s.n - i > 3 ? 3 : s.n - i);
                return fail_quoted(call, f, "invalid URL escape ", bad, "");
            }
            struct str trip = S(s.s + i, 3);
            if (mode == ENC_HOST && unhex(s.s[i + 1]) < 8 && !str_eq(trip, S("%25", 3)))
                return fail_quoted(call, f, "invalid URL escape ", trip, "");
            if (mode == ENC_ZONE) {
                unsigned char v = (unsigned char)(unhex(s.s[i + 1]) << 4 | unhex(s.s[i + 2]));
                if (!str_eq(trip, S("%25", 3)) && v != ' ' && should_escape(v, ENC_HOST))
                    return fail_quoted(call, f, "invalid URL escape ", trip, "");
            }
            i += 3;
        } else if (c == '+') {
            has_plus = mode == ENC_QUERY_COMPONENT;
            i++;
        } else {
            if ((mode == ENC_HOST || mode == ENC_ZONE) && c < 0x80 && should_escape(c, mode))
                return fail_quoted(call, f, "invalid character ", S(s.s + i, 1), " in host name");
            i++;
        }
    }
    if (n == 0 && !has_plus) {
        *out = s;
        return true;
    }
    char *t = hc_arena_alloc(call->arena, s.n ? s.n : 1);
    if (!t)
        return failf(call, f, NULL);
    size_t w = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (s.s[i] == '%') {
            t[w++] = (char)(unhex(s.s[i + 1]) << 4 | unhex(s.s[i + 2]));
            i += 2;
        } else if (s.s[i] == '+') {
            t[w++] = mode == ENC_QUERY_COMPONENT ? ' ' : '+';
        } else {
            t[w++] = s.s[i];
        }
    }
    *out = S(t, w);
    return true;
}

/* net/url's escape into b. */
static void escape(struct hc_buf *b, struct str s, enum mode mode)
{
    static const char upperhex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < s.n; i++) {
        unsigned char c = (unsigned char)s.s[i];
        if (c == ' ' && mode == ENC_QUERY_COMPONENT) {
            hc_buf_addc(b, '+');
        } else if (should_escape(c, mode)) {
            hc_buf_addc(b, '%');
            hc_buf_addc(b, upperhex[c >> 4]);
            hc_buf_addc(b, upperhex[c & 15]);
        } else {
            hc_buf_addc(b, (char)c);
        }
    }
}

/* ---- net/netip.ParseAddr, for the inside of an IP-literal ---- */

/* A ParseAddr error: ParseAddr("in"): msg [(at "at")]. */
static bool addr_fail(struct hc_call *call, struct fail *f, struct str in, const char *msg,
                      const struct str *at)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, "invalid host: ParseAddr(");
    hc_gofmt_quote(&b, in.s, in.n);
    hc_buf_printf(&b, "): %s", msg);
    if (at) {
        hc_buf_adds(&b, " (at ");
        hc_gofmt_quote(&b, at->s, at->n);
        hc_buf_addc(&b, ')');
    }
    f->msg = hc_buf_ok(&b) ? hc_arena_strndup(call->arena, hc_buf_str(&b), b.len) : NULL;
    hc_buf_release(&b);
    if (!f->msg)
        f->msg = "out of memory";
    return false;
}

/* netip's parseIPv4Fields over s (errors name the whole input in). */
static bool parse_ipv4_fields(struct hc_call *call, struct fail *f, struct str in, struct str s)
{
    int val = 0, pos = 0, dig = 0;
    for (size_t i = 0; i < s.n; i++) {
        char c = s.s[i];
        if (c >= '0' && c <= '9') {
            if (dig == 1 && val == 0)
                return addr_fail(call, f, in, "IPv4 field has octet with leading zero", NULL);
            val = val * 10 + (c - '0');
            dig++;
            if (val > 255)
                return addr_fail(call, f, in, "IPv4 field has value >255", NULL);
        } else if (c == '.') {
            if (i == 0 || i == s.n - 1 || s.s[i - 1] == '.') {
                struct str at = S(s.s + i, s.n - i);
                return addr_fail(call, f, in, "IPv4 field must have at least one digit", &at);
            }
            if (pos == 3)
                return addr_fail(call, f, in, "IPv4 address too long", NULL);
            pos++;
            val = 0;
            dig = 0;
        } else {
            struct str at = S(s.s + i, s.n - i);
            return addr_fail(call, f, in, "unexpected character", &at);
        }
    }
    if (pos < 3)
        return addr_fail(call, f, in, "IPv4 address too short", NULL);
    return true;
}

/* netip's parseIPv6. */
static bool parse_ipv6(struct hc_call *call, struct fail *f, struct str in)
{
    struct str s = in;
    long z = index_byte(s, '%');
    if (z >= 0) {
        if ((size_t)z + 1 == s.n)
            return addr_fail(call, f, in, "zone must be a non-empty string", NULL);
        s.n = (size_t)z;
    }
    int ellipsis = -1, i = 0;
    if (s.n >= 2 && s.s[0] == ':' && s.s[1] == ':') {
        ellipsis = 0;
        s = S(s.s + 2, s.n - 2);
        if (s.n == 0)
            return true;
    }
    while (i < 16) {
        size_t off = 0;
        uint32_t acc = 0;
        for (; off < s.n && is_hex(s.s[off]); off++) {
            acc = (acc << 4) + unhex(s.s[off]);
            if (off > 3)
                return addr_fail(call, f, in, "each group must have 4 or less digits", &s);
            if (acc > 0xFFFF)
                return addr_fail(call, f, in, "IPv6 field has value >=2^16", &s);
        }
        if (off == 0)
            return addr_fail(call, f, in, "each colon-separated field must have at least one digit",
                             &s);
        if (off < s.n && s.s[off] == '.') {
            if (ellipsis < 0 && i != 12)
                return addr_fail(call, f, in,
                                 "embedded IPv4 address must replace the final 2 fields of the "
                                 "address",
                                 &s);
            if (i + 4 > 16)
                return addr_fail(call, f, in,
                                 "too many hex fields to fit an embedded IPv4 at the end of the "
                                 "address",
                                 &s);
            if (!parse_ipv4_fields(call, f, in, s))
                return false;
            s.n = 0;
            i += 4;
            break;
        }
        i += 2;
        s = S(s.s + off, s.n - off);
        if (s.n == 0)
            break;
        if (s.s[0] != ':')
            return addr_fail(call, f, in, "unexpected character, want colon", &s);
        if (s.n == 1)
            return addr_fail(call, f, in, "colon must be followed by more characters", &s);
        s = S(s.s + 1, s.n - 1);
        if (s.s[0] == ':') {
            if (ellipsis >= 0)
                return addr_fail(call, f, in, "multiple :: in address", &s);
            ellipsis = i;
            s = S(s.s + 1, s.n - 1);
            if (s.n == 0)
                break;
        }
    }
    if (s.n != 0)
        return addr_fail(call, f, in, "trailing garbage after address", &s);
    if (i < 16) {
        if (ellipsis < 0)
            return addr_fail(call, f, in, "address string too short", NULL);
    } else if (ellipsis >= 0) {
        return addr_fail(call, f, in, "the :: must expand to at least one field of zeros", NULL);
    }
    return true;
}

/* netip.ParseAddr: true when s is an IPv6 address (*is4 false) or an IPv4 one (*is4 true). */
static bool parse_addr(struct hc_call *call, struct fail *f, struct str s, bool *is4)
{
    *is4 = false;
    for (size_t i = 0; i < s.n; i++) {
        switch (s.s[i]) {
        case '.':
            *is4 = true;
            return parse_ipv4_fields(call, f, s, s);
        case ':':
            return parse_ipv6(call, f, s);
        case '%':
            return addr_fail(call, f, s, "missing IPv6 address", NULL);
        default:
            break;
        }
    }
    return addr_fail(call, f, s, "unable to parse IP", NULL);
}

/* ---- url.Parse ---- */

struct url {
    struct str scheme, opaque, host, path, raw_query, fragment;
    bool has_user, has_password;
    struct str username, password;
};

/* validOptionalPort: "" or ":" followed by digits. */
static bool valid_optional_port(struct str p)
{
    if (p.n == 0)
        return true;
    if (p.s[0] != ':')
        return false;
    for (size_t i = 1; i < p.n; i++)
        if (p.s[i] < '0' || p.s[i] > '9')
            return false;
    return true;
}

static bool concat(struct hc_call *call, struct str *out, struct str a, struct str b, struct str c,
                   struct str d)
{
    char *p = hc_arena_alloc(call->arena, a.n + b.n + c.n + d.n + 1);
    if (!p)
        return false;
    size_t w = 0;
    const struct str parts[4] = {a, b, c, d};
    for (int i = 0; i < 4; i++) {
        if (parts[i].n)
            memcpy(p + w, parts[i].s, parts[i].n);
        w += parts[i].n;
    }
    *out = S(p, w);
    return true;
}

/* parseHost: host[:port], with Go 1.25's IP-literal checks. */
static bool parse_host(struct hc_call *call, struct str host, struct str *out, struct fail *f)
{
    long open = last_index_byte(host, '[');
    if (open > 0)
        return failf(call, f, "invalid IP-literal");
    if (open == 0) {
        long close = last_index_byte(host, ']');
        if (close < 0)
            return failf(call, f, "missing ']' in host");
        struct str colon_port = S(host.s + close + 1, host.n - (size_t)close - 1);
        if (!valid_optional_port(colon_port))
            return fail_quoted(call, f, "invalid port ", colon_port, " after host");
        struct str port, name = S(host.s + 1, (size_t)close - 1), hostname;
        if (!unescape(call, colon_port, ENC_HOST, &port, f))
            return false;
        long zone = index_pct25(name);
        if (zone >= 0) {
            struct str h, z;
            if (!unescape(call, S(name.s, (size_t)zone), ENC_HOST, &h, f) ||
                !unescape(call, S(name.s + zone, name.n - (size_t)zone), ENC_ZONE, &z, f))
                return false;
            if (!concat(call, &hostname, h, z, S("", 0), S("", 0)))
                return failf(call, f, NULL);
        } else if (!unescape(call, name, ENC_HOST, &hostname, f)) {
            return false;
        }
        bool is4;
        if (!parse_addr(call, f, hostname, &is4))
            return false;
        if (is4)
            return failf(call, f, "invalid IP-literal");
        if (!concat(call, out, S("[", 1), hostname, S("]", 1), port))
            return failf(call, f, NULL);
        return true;
    }
    long colon = last_index_byte(host, ':');
    if (colon >= 0) {
        struct str colon_port = S(host.s + colon, host.n - (size_t)colon);
        if (!valid_optional_port(colon_port))
            return fail_quoted(call, f, "invalid port ", colon_port, " after host");
    }
    return unescape(call, host, ENC_HOST, out, f);
}

/* validUserinfo: RFC 3986's userinfo characters, plus '@'. */
static bool valid_userinfo(struct str s)
{
    for (size_t i = 0; i < s.n; i++) {
        unsigned char c = (unsigned char)s.s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            continue;
        if (!strchr("-._:~!$&'()*+,;=%@", c) || c == 0)
            return false;
    }
    return true;
}

static bool parse_authority(struct hc_call *call, struct url *u, struct str auth, struct fail *f)
{
    long at = last_index_byte(auth, '@');
    struct str hostpart = at < 0 ? auth : S(auth.s + at + 1, auth.n - (size_t)at - 1);
    if (!parse_host(call, hostpart, &u->host, f))
        return false;
    if (at < 0)
        return true;
    struct str userinfo = S(auth.s, (size_t)at);
    if (!valid_userinfo(userinfo))
        return failf(call, f, "net/url: invalid userinfo");
    u->has_user = true;
    long colon = index_byte(userinfo, ':');
    if (colon < 0)
        return unescape(call, userinfo, ENC_USER_PASSWORD, &u->username, f);
    u->has_password = true;
    return unescape(call, S(userinfo.s, (size_t)colon), ENC_USER_PASSWORD, &u->username, f) &&
           unescape(call, S(userinfo.s + colon + 1, userinfo.n - (size_t)colon - 1),
                    ENC_USER_PASSWORD, &u->password, f);
}

/* strings.ToLower of an ASCII scheme (a view when already lower case). */
static bool lower_scheme(struct hc_call *call, struct str *s)
{
    size_t i = 0;
    while (i < s->n && !(s->s[i] >= 'A' && s->s[i] <= 'Z'))
        i++;
    if (i == s->n)
        return true;
    char *p = hc_arena_alloc(call->arena, s->n);
    if (!p)
        return false;
    for (i = 0; i < s->n; i++)
        p[i] = (char)(s->s[i] >= 'A' && s->s[i] <= 'Z' ? s->s[i] + 32 : s->s[i]);
    s->s = p;
    return true;
}

/* url.parse(rawURL, false), without the fragment. */
static bool parse(struct hc_call *call, struct str raw, struct url *u, struct fail *f)
{
    for (size_t i = 0; i < raw.n; i++)
        if ((unsigned char)raw.s[i] < ' ' || raw.s[i] == 0x7F)
            return failf(call, f, "net/url: invalid control character in URL");
    if (raw.n == 1 && raw.s[0] == '*') {
        u->path = raw;
        return true;
    }
    /* getScheme */
    struct str rest = raw;
    for (size_t i = 0; i < raw.n; i++) {
        char c = raw.s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            continue;
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            if (i == 0)
                break;
            continue;
        }
        if (c == ':') {
            if (i == 0)
                return failf(call, f, "missing protocol scheme");
            u->scheme = S(raw.s, i);
            rest = S(raw.s + i + 1, raw.n - i - 1);
        }
        break;
    }
    if (!lower_scheme(call, &u->scheme))
        return failf(call, f, NULL);
    long q = index_byte(rest, '?');
    if (q >= 0 && (size_t)q == rest.n - 1) {
        rest.n--; /* a lone trailing '?': ForceQuery */
    } else if (q >= 0) {
        u->raw_query = S(rest.s + q + 1, rest.n - (size_t)q - 1);
        rest.n = (size_t)q;
    }
    if (rest.n == 0 || rest.s[0] != '/') {
        if (u->scheme.n) {
            u->opaque = rest;
            return true;
        }
        long slash = index_byte(rest, '/');
        struct str seg = slash < 0 ? rest : S(rest.s, (size_t)slash);
        if (index_byte(seg, ':') >= 0)
            return failf(call, f, "first path segment in URL cannot contain colon");
    }
    if (rest.n >= 2 && rest.s[0] == '/' && rest.s[1] == '/' &&
        (u->scheme.n || !(rest.n >= 3 && rest.s[2] == '/'))) {
        struct str auth = S(rest.s + 2, rest.n - 2);
        long slash = index_byte(auth, '/');
        if (slash >= 0) {
            rest = S(auth.s + slash, auth.n - (size_t)slash);
            auth.n = (size_t)slash;
        } else {
            rest = S("", 0);
        }
        if (!parse_authority(call, u, auth, f))
            return false;
    }
    return unescape(call, rest, ENC_PATH, &u->path, f);
}

/* url.Parse(rawURL); on failure *msg is the url.Error text. */
static bool url_parse(struct hc_call *call, struct str raw, struct url *u, const char **msg)
{
    struct fail f = {NULL};
    memset(u, 0, sizeof *u);
    long hash = index_byte(raw, '#');
    struct str before = hash < 0 ? raw : S(raw.s, (size_t)hash);
    bool ok = parse(call, before, u, &f);
    struct str what = before;
    if (ok && hash >= 0 && (size_t)hash + 1 < raw.n) {
        ok = unescape(call, S(raw.s + hash + 1, raw.n - (size_t)hash - 1), ENC_FRAGMENT,
                      &u->fragment, &f);
        what = raw;
    }
    if (ok)
        return true;
    if (!f.msg) {
        *msg = NULL;
        return false;
    }
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, "parse ");
    hc_gofmt_quote(&b, what.s, what.n);
    hc_buf_printf(&b, ": %s", f.msg);
    *msg = hc_buf_ok(&b) ? hc_arena_strndup(call->arena, hc_buf_str(&b), b.len) : NULL;
    hc_buf_release(&b);
    return false;
}

/* Userinfo.String() into b. */
static void userinfo_string(struct hc_buf *b, const struct url *u)
{
    escape(b, u->username, ENC_USER_PASSWORD);
    if (u->has_password) {
        hc_buf_addc(b, ':');
        escape(b, u->password, ENC_USER_PASSWORD);
    }
}

static hc_status put(struct hc_call *call, struct hc_map *m, const char *key, struct str v)
{
    if (hc_map_set(call->arena, m, key, strlen(key), hc_strn(v.s ? v.s : "", v.n)) != HC_OK)
        return hc_error_nomem(call->err);
    return HC_OK;
}

/* urlParse(v): the map of url.Parse(v)'s fields Sprig builds. */
static hc_status fn_url_parse(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    struct url u;
    const char *msg;
    if (!url_parse(call, S(args[0].u.s, args[0].len), &u, &msg)) {
        if (!msg)
            return hc_error_nomem(call->err);
        return hc_call_fail(call, "unable to parse url: %s", msg);
    }
    /* Hostname(): the host without a valid port, and without brackets. */
    struct str hostname = u.host;
    long colon = last_index_byte(hostname, ':');
    if (colon >= 0 && valid_optional_port(S(hostname.s + colon, hostname.n - (size_t)colon)))
        hostname.n = (size_t)colon;
    if (hostname.n >= 2 && hostname.s[0] == '[' && hostname.s[hostname.n - 1] == ']')
        hostname = S(hostname.s + 1, hostname.n - 2);
    struct str userinfo = S("", 0);
    if (u.has_user) {
        struct hc_buf b = HC_BUF_INIT;
        userinfo_string(&b, &u);
        char *p = hc_buf_ok(&b) ? hc_arena_strndup(call->arena, hc_buf_str(&b), b.len) : NULL;
        size_t n = b.len;
        hc_buf_release(&b);
        if (!p)
            return hc_error_nomem(call->err);
        userinfo = S(p, n);
    }
    struct hc_map *m = hc_map_new(call->arena, 8);
    if (!m)
        return hc_error_nomem(call->err);
    hc_status rc = HC_OK;
    if ((rc = put(call, m, "scheme", u.scheme)) != HC_OK ||
        (rc = put(call, m, "host", u.host)) != HC_OK ||
        (rc = put(call, m, "hostname", hostname)) != HC_OK ||
        (rc = put(call, m, "path", u.path)) != HC_OK ||
        (rc = put(call, m, "query", u.raw_query)) != HC_OK ||
        (rc = put(call, m, "opaque", u.opaque)) != HC_OK ||
        (rc = put(call, m, "fragment", u.fragment)) != HC_OK ||
        (rc = put(call, m, "userinfo", userinfo)) != HC_OK)
        return rc;
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

/* Sprig's dictGetOrEmpty: the string under key, "" when absent; a non-string panics. */
static hc_status dict_get(struct hc_call *call, const struct hc_map *d, const char *key,
                          struct str *out)
{
    hc_val v;
    *out = S("", 0);
    if (!d || !hc_map_get(d, key, strlen(key), &v))
        return HC_OK;
    if (v.kind == HC_NULL || v.kind == HC_MISSING) /* reflect.TypeOf(nil).Kind() */
        return hc_call_fail(call, "runtime error: invalid memory address or nil pointer "
                                  "dereference");
    if (v.kind != HC_STRING || v.gotype != HC_GT_STRING)
        return hc_call_fail(call, "unable to parse %s key, must be of type string, but %s found",
                            key, hc_val_kindname(v));
    *out = S(v.u.s, v.len);
    return HC_OK;
}

/* urlJoin(d): url.URL{...}.String() of the dict's fields. */
static hc_status fn_url_join(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const struct hc_map *d = args[0].kind == HC_MAP ? args[0].u.m : NULL;
    struct str scheme, host, path, query, opaque, fragment, userinfo;
    hc_status rc;
    if ((rc = dict_get(call, d, "scheme", &scheme)) != HC_OK ||
        (rc = dict_get(call, d, "host", &host)) != HC_OK ||
        (rc = dict_get(call, d, "path", &path)) != HC_OK ||
        (rc = dict_get(call, d, "query", &query)) != HC_OK ||
        (rc = dict_get(call, d, "opaque", &opaque)) != HC_OK ||
        (rc = dict_get(call, d, "fragment", &fragment)) != HC_OK ||
        (rc = dict_get(call, d, "userinfo", &userinfo)) != HC_OK)
        return rc;
    struct url user;
    bool has_user = false;
    if (userinfo.n) {
        struct hc_buf t = HC_BUF_INIT;
        hc_buf_adds(&t, "proto://");
        hc_buf_add(&t, userinfo.s, userinfo.n);
        hc_buf_adds(&t, "@host");
        const char *msg = NULL;
        char *raw = hc_buf_ok(&t) ? hc_arena_strndup(call->arena, hc_buf_str(&t), t.len) : NULL;
        size_t rawn = t.len;
        hc_buf_release(&t);
        if (!raw)
            return hc_error_nomem(call->err);
        if (!url_parse(call, S(raw, rawn), &user, &msg)) {
            if (!msg)
                return hc_error_nomem(call->err);
            return hc_call_fail(call, "unable to parse userinfo in dict: %s", msg);
        }
        has_user = user.has_user;
    }
    struct hc_buf b = HC_BUF_INIT;
    if (scheme.n) {
        hc_buf_add(&b, scheme.s, scheme.n);
        hc_buf_addc(&b, ':');
    }
    if (opaque.n) {
        hc_buf_add(&b, opaque.s, opaque.n);
    } else {
        if (scheme.n || host.n || has_user) {
            if (host.n || path.n || has_user)
                hc_buf_adds(&b, "//");
            if (has_user) {
                userinfo_string(&b, &user);
                hc_buf_addc(&b, '@');
            }
            escape(&b, host, ENC_HOST);
        }
        /* EscapedPath(): no RawPath here, so escape(Path) ("*" as is) */
        struct hc_buf p = HC_BUF_INIT;
        if (path.n == 1 && path.s[0] == '*')
            hc_buf_addc(&p, '*');
        else
            escape(&p, path, ENC_PATH);
        if (p.len && p.data[0] != '/' && host.n)
            hc_buf_addc(&b, '/');
        if (b.len == 0) {
            struct str ps = S(hc_buf_str(&p), p.len);
            long slash = index_byte(ps, '/');
            if (index_byte(slash < 0 ? ps : S(ps.s, (size_t)slash), ':') >= 0)
                hc_buf_adds(&b, "./");
        }
        hc_buf_add(&b, hc_buf_str(&p), p.len);
        hc_buf_release(&p);
    }
    if (query.n) {
        hc_buf_addc(&b, '?');
        hc_buf_add(&b, query.s, query.n);
    }
    if (fragment.n) {
        hc_buf_addc(&b, '#');
        escape(&b, fragment, ENC_FRAGMENT);
    }
    rc = hc_buf_ok(&b) ? hc_str_dup(call->arena, hc_buf_str(&b), b.len, out) : HC_ERR_NOMEM;
    hc_buf_release(&b);
    return rc == HC_OK ? rc : hc_error_nomem(call->err);
}

const struct hc_func hc_funcs_urls[] = {
    {"urlJoin",  fn_url_join,  "m", HC_FN_NOERR},
    {"urlParse", fn_url_parse, "s", HC_FN_NOERR},
};
const size_t hc_funcs_urls_len = sizeof hc_funcs_urls / sizeof hc_funcs_urls[0];
