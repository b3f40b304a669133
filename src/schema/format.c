/*
 * format.c - format assertions as santhosh-tekuri/jsonschema v6 (format.go)
 * makes them, reasons word for word.
 *
 * Checked: email, hostname, ipv4, uuid, json-pointer, relative-json-pointer,
 * date, and in part uri/iri (see check_uri).  Not yet checked (they accept
 * everything here, while helm rejects bad values in draft 4/6/7 schemas):
 * time, date-time, duration, period, ipv6 (only "missing colon"),
 * uri-reference, iri-reference, uri-template, semver.  Their Go reasons come
 * from time.Parse, net/netip and net/url.
 */
#include "schema/format.h"

#include <string.h>

#include "gofmt/gofmt.h"
#include "template/runes.h"

static bool reason(struct hc_buf *why, const char *msg)
{
    hc_buf_adds(why, msg);
    return false;
}

/* LocalizableError("invalid character %q", ch). */
static bool bad_char(struct hc_buf *why, const char *what, int32_t ch)
{
    hc_buf_adds(why, what);
    hc_gofmt_quote_rune(why, ch);
    return false;
}

static bool check_ipv4(const char *s, size_t n, struct hc_buf *why)
{
    size_t groups = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.')
            groups++;
    if (groups != 4)
        return reason(why, "expected four decimals");
    size_t start = 0;
    for (size_t g = 0; g < 4; g++) {
        size_t end = start;
        while (end < n && s[end] != '.')
            end++;
        const char *p = s + start;
        size_t len = end - start;
        if (len > 1 && p[0] == '0')
            return reason(why, "leading zeros");
        /* strconv.Atoi */
        size_t i = 0;
        bool neg = false;
        if (len > 0 && (p[0] == '+' || p[0] == '-')) {
            neg = p[0] == '-';
            i = 1;
        }
        long long v = 0;
        bool ok = i < len, range = false;
        for (; i < len && ok; i++) {
            if (p[i] < '0' || p[i] > '9')
                ok = false;
            else if (v > 100000000000000000LL)
                range = true;
            else
                v = v * 10 + (p[i] - '0');
        }
        if (!ok || range) {
            hc_buf_adds(why, "strconv.Atoi: parsing ");
            hc_gofmt_quote(why, p, len);
            hc_buf_adds(why, ok ? ": value out of range" : ": invalid syntax");
            return false;
        }
        if (neg)
            v = -v;
        if (v < 0 || v > 255)
            return reason(why, "decimal must be between 0 and 255");
        start = end + 1;
    }
    return true;
}

static bool check_hostname(const char *s, size_t n, struct hc_buf *why)
{
    if (n > 0 && s[n - 1] == '.')
        n--;
    if (n > 253)
        return reason(why, "more than 253 characters long");
    size_t start = 0;
    for (;;) {
        size_t end = start;
        while (end < n && s[end] != '.')
            end++;
        size_t len = end - start;
        const char *l = s + start;
        if (len < 1 || len > 63)
            return reason(why, "label must be 1 to 63 characters long");
        if (l[0] == '-')
            return reason(why, "label starts with hyphen");
        if (l[len - 1] == '-')
            return reason(why, "label ends with hyphen");
        for (size_t i = 0; i < len;) {
            int32_t ch;
            i += hc_rune_decode(l + i, len - i, &ch);
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                  ch == '-'))
                return bad_char(why, "invalid character ", ch);
        }
        if (end >= n)
            break;
        start = end + 1;
    }
    return true;
}

static bool check_ipv6_loose(const char *s, size_t n, struct hc_buf *why)
{
    if (!memchr(s, ':', n))
        return reason(why, "missing colon");
    return true; /* net/netip.ParseAddr is not reproduced yet */
}

static bool check_email(const char *s, size_t n, struct hc_buf *why)
{
    if (n > 254)
        return reason(why, "more than 255 characters long");
    size_t at = n;
    for (size_t i = n; i-- > 0;)
        if (s[i] == '@') {
            at = i;
            break;
        }
    if (at == n)
        return reason(why, "missing @");
    const char *local = s, *domain = s + at + 1;
    size_t nl = at, nd = n - at - 1;
    if (nl > 64)
        return reason(why, "local part more than 64 characters long");
    if (nl > 1 && local[0] == '"') {
        for (size_t i = 1; i + 1 < nl; i++)
            if (local[i] == '\\' || local[i] == '"')
                return reason(why, "backslash and quote are not allowed within quoted local part");
    } else {
        if (nl > 0 && local[0] == '.')
            return reason(why, "starts with dot");
        if (nl > 0 && local[nl - 1] == '.')
            return reason(why, "ends with dot");
        for (size_t i = 0; i + 1 < nl; i++)
            if (local[i] == '.' && local[i + 1] == '.')
                return reason(why, "consecutive dots");
        for (size_t i = 0; i < nl;) {
            int32_t ch;
            i += hc_rune_decode(local + i, nl - i, &ch);
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || (ch > 0 && ch < 128 && strchr(".!#$%&'*+-/=?^_`{|}~", (char)ch))))
                return bad_char(why, "invalid character ", ch);
        }
    }
    if (nd >= 2 && domain[0] == '[' && domain[nd - 1] == ']') {
        domain++;
        nd -= 2;
        struct hc_buf r = HC_BUF_INIT;
        bool ok;
        if (nd >= 5 && memcmp(domain, "IPv6:", 5) == 0) {
            ok = check_ipv6_loose(domain + 5, nd - 5, &r);
            if (!ok)
                hc_buf_printf(why, "invalid ipv6 address: %s", hc_buf_str(&r));
        } else {
            ok = check_ipv4(domain, nd, &r);
            if (!ok)
                hc_buf_printf(why, "invalid ipv4 address: %s", hc_buf_str(&r));
        }
        hc_buf_release(&r);
        return ok;
    }
    struct hc_buf r = HC_BUF_INIT;
    bool ok = check_hostname(domain, nd, &r);
    if (!ok)
        hc_buf_printf(why, "invalid domain: %s", hc_buf_str(&r));
    hc_buf_release(&r);
    return ok;
}

static bool check_uuid(const char *s, size_t n, struct hc_buf *why)
{
    static const size_t hex[] = {8, 4, 4, 4, 12};
    size_t groups = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '-')
            groups++;
    if (groups != 5)
        return reason(why, "must have 5 elements");
    size_t start = 0;
    for (size_t g = 0; g < 5; g++) {
        size_t end = start;
        while (end < n && s[end] != '-')
            end++;
        if (end - start != hex[g]) {
            hc_buf_printf(why, "element %zu must be %zu characters long", g + 1, hex[g]);
            return false;
        }
        for (size_t i = start; i < end;) {
            int32_t ch;
            i += hc_rune_decode(s + i, end - i, &ch);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')))
                return bad_char(why, "non-hex character ", ch);
        }
        start = end + 1;
    }
    return true;
}

static bool check_json_pointer(const char *s, size_t n, struct hc_buf *why)
{
    if (n == 0)
        return true;
    if (s[0] != '/')
        return reason(why, "not starting with /");
    bool esc = false;
    for (size_t i = 1; i < n;) {
        int32_t ch;
        i += hc_rune_decode(s + i, n - i, &ch);
        if (ch == '/') {
            if (esc)
                return reason(why, "~ must be followed by 0 or 1");
            continue;
        }
        if (esc) {
            esc = false;
            if (ch != '0' && ch != '1')
                return reason(why, "~ must be followed by 0 or 1");
            continue;
        }
        if (ch == '~') {
            esc = true;
            continue;
        }
        if (!((ch >= 0 && ch <= 0x2E) || (ch >= 0x30 && ch <= 0x7D) || (ch >= 0x7F && ch <= 0x10FFFF)))
            return bad_char(why, "invalid character ", ch);
    }
    if (esc)
        return reason(why, "~ must be followed by 0 or 1");
    return true;
}

static bool check_rel_json_pointer(const char *s, size_t n, struct hc_buf *why)
{
    size_t d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == 0)
        return reason(why, "must start with non-negative integer");
    if (d > 1 && s[0] == '0')
        return reason(why, "starts with zero");
    if (n - d == 1 && s[d] == '#')
        return true;
    return check_json_pointer(s + d, n - d, why);
}

/*
 * uri: the part of Go's url.Parse and santhosh-tekuri's checks we reproduce -
 * control characters, the scheme, a colon in a relative first segment, and
 * "relative url".  Escapes, hosts and ports are not checked yet.
 */
static bool url_error(struct hc_buf *why, const char *s, size_t n, const char *msg)
{
    hc_buf_adds(why, "parse ");
    hc_gofmt_quote(why, s, n);
    hc_buf_printf(why, ": %s", msg);
    return false;
}

static bool check_uri(const char *s, size_t n, struct hc_buf *why)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return url_error(why, s, n, "net/url: invalid control character in URL");
    bool scheme = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            continue;
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            if (i == 0)
                break;
            continue;
        }
        if (c == ':') {
            if (i == 0)
                return url_error(why, s, n, "missing protocol scheme");
            scheme = true;
        }
        break;
    }
    if (!scheme) {
        size_t end = 0;
        while (end < n && s[end] != '?' && s[end] != '#')
            end++;
        if (end > 0 && s[0] != '/') {
            size_t seg = 0;
            while (seg < end && s[seg] != '/')
                seg++;
            if (memchr(s, ':', seg))
                return url_error(why, s, n, "first path segment in URL cannot contain colon");
        }
        return reason(why, "relative url");
    }
    return true;
}

/* Go's time.ParseError text for layout "2006-01-02". */
static bool date_error(struct hc_buf *why, const char *s, size_t n, const char *elem, size_t ne,
                       const char *layout_elem, const char *msg)
{
    hc_buf_adds(why, "parsing time ");
    hc_gofmt_quote(why, s, n);
    if (msg) {
        hc_buf_adds(why, msg);
        if (elem) /* ": extra text: " + quote(rest) */
            hc_gofmt_quote(why, elem, ne);
        return false;
    }
    hc_buf_adds(why, " as \"2006-01-02\": cannot parse ");
    hc_gofmt_quote(why, elem, ne);
    hc_buf_adds(why, " as ");
    hc_gofmt_quote(why, layout_elem, strlen(layout_elem));
    return false;
}

static bool isdig(const char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

/* date: time.Parse("2006-01-02", s), as santhosh-tekuri calls it. */
static bool check_date(const char *s, size_t n, struct hc_buf *why)
{
    size_t p = 0;
    /* 2006: four bytes, time's atoi (a sign, then digits only) */
    if (n < 4)
        return date_error(why, s, n, s, n, "2006", NULL);
    long year = 0;
    {
        size_t i = 0;
        bool neg = false;
        if (s[0] == '-' || s[0] == '+') {
            neg = s[0] == '-';
            i = 1;
        }
        for (; i < 4; i++) {
            if (!isdig(s, n, i))
                return date_error(why, s, n, s, n, "2006", NULL);
            year = year * 10 + (s[i] - '0');
        }
        if (neg)
            year = -year;
    }
    p = 4;
    if (p >= n || s[p] != '-')
        return date_error(why, s, n, s + p, n - p, "-", NULL);
    p++;
    if (!isdig(s, n, p) || !isdig(s, n, p + 1))
        return date_error(why, s, n, s + p, n - p, "01", NULL);
    int month = (s[p] - '0') * 10 + (s[p + 1] - '0');
    p += 2;
    if (month < 1 || month > 12)
        return date_error(why, s, n, NULL, 0, NULL, ": month out of range");
    if (p >= n || s[p] != '-')
        return date_error(why, s, n, s + p, n - p, "-", NULL);
    p++;
    if (!isdig(s, n, p) || !isdig(s, n, p + 1))
        return date_error(why, s, n, s + p, n - p, "02", NULL);
    int day = (s[p] - '0') * 10 + (s[p + 1] - '0');
    p += 2;
    if (p < n)
        return date_error(why, s, n, s + p, n - p, NULL, ": extra text: ");
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int dim = days[month - 1];
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        dim = 29;
    if (day < 1 || day > dim)
        return date_error(why, s, n, NULL, 0, NULL, ": day out of range");
    return true;
}

bool hc_schema_format_check(const char *name, const char *s, size_t n, struct hc_buf *why)
{
    static const struct {
        const char *name;
        bool (*check)(const char *, size_t, struct hc_buf *);
    } table[] = {
        {"email", check_email},
        {"hostname", check_hostname},
        {"ipv4", check_ipv4},
        {"uuid", check_uuid},
        {"json-pointer", check_json_pointer},
        {"relative-json-pointer", check_rel_json_pointer},
        {"uri", check_uri},
        {"date", check_date},
        {"iri", check_uri},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0)
            return table[i].check(s, n, why);
    return true;
}
