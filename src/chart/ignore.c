/*
 * ignore.c - .helmignore rules and Go's path/filepath.Match.
 *
 * Mirrors Helm's pkg/ignore/rules.go: one pattern a line, blank lines and
 * "#" comments skipped, "**" refused, "!" negating, a trailing "/" matching
 * directories only, a leading "/" anchoring at the chart root, and a pattern
 * without "/" matched against the base name only.  Helm's negation is kept
 * as it is: a negated rule ignores every path it does not match.  The
 * matcher is Go's filepath.Match (Unix: "\\" escapes), written here from its
 * specification: '*' and '?' never match '/', classes take '^' for negation.
 */
#include "chart/chart.h"

#include <string.h>

#include "base/arena.h"
#include "chart/gostr.h"
#include "template/runes.h"

/* ---- Go's path/filepath.Match ---- */

/* scanChunk: the stars before the next chunk, and the chunk (up to an unbracketed '*'). */
static bool scan_chunk(const char **pattern, size_t *plen, const char **chunk, size_t *clen)
{
    const char *p = *pattern;
    size_t n = *plen;
    bool star = false;
    while (n > 0 && *p == '*') {
        p++;
        n--;
        star = true;
    }
    bool inrange = false;
    size_t i;
    for (i = 0; i < n; i++) {
        if (p[i] == '\\') {
            if (i + 1 < n)
                i++;
        } else if (p[i] == '[') {
            inrange = true;
        } else if (p[i] == ']') {
            inrange = false;
        } else if (p[i] == '*' && !inrange) {
            break;
        }
    }
    *chunk = p;
    *clen = i;
    *pattern = p + i;
    *plen = n - i;
    return star;
}

/* getEsc: one possibly escaped rune of a class; false for a bad pattern. */
static bool get_esc(const char **chunk, size_t *clen, int32_t *r)
{
    const char *c = *chunk;
    size_t n = *clen;
    if (n == 0 || *c == '-' || *c == ']')
        return false;
    if (*c == '\\') {
        c++;
        n--;
        if (n == 0)
            return false;
    }
    size_t w = hc_rune_decode(c, n, r);
    if (*r == HC_RUNE_ERROR && w == 1)
        return false;
    c += w;
    n -= w;
    if (n == 0)
        return false;
    *chunk = c;
    *clen = n;
    return true;
}

/* matchChunk: 1 matched (rest of s in *rest), 0 no match, -1 bad pattern. */
static int match_chunk(const char *chunk, size_t clen, const char *s, size_t slen,
                       const char **rest, size_t *restlen)
{
    bool failed = false;
    while (clen > 0) {
        if (!failed && slen == 0)
            failed = true;
        switch (*chunk) {
        case '[': {
            int32_t r = 0;
            if (!failed) {
                size_t w = hc_rune_decode(s, slen, &r);
                s += w;
                slen -= w;
            }
            chunk++;
            clen--;
            bool negated = false;
            if (clen > 0 && *chunk == '^') {
                negated = true;
                chunk++;
                clen--;
            }
            bool match = false;
            int nrange = 0;
            for (;;) {
                if (clen > 0 && *chunk == ']' && nrange > 0) {
                    chunk++;
                    clen--;
                    break;
                }
                int32_t lo, hi;
                if (!get_esc(&chunk, &clen, &lo))
                    return -1;
                hi = lo;
                if (*chunk == '-') {
                    chunk++;
                    clen--;
                    if (!get_esc(&chunk, &clen, &hi))
                        return -1;
                }
                if (lo <= r && r <= hi)
                    match = true;
                nrange++;
            }
            if (match == negated)
                failed = true;
            break;
        }
        case '?':
            if (!failed) {
                if (*s == '/')
                    failed = true;
                int32_t r;
                size_t w = hc_rune_decode(s, slen, &r);
                s += w;
                slen -= w;
            }
            chunk++;
            clen--;
            break;
        case '\\':
            chunk++;
            clen--;
            if (clen == 0)
                return -1;
            /* fall through */
        default:
            if (!failed) {
                if (*chunk != *s)
                    failed = true;
                s++;
                slen--;
            }
            chunk++;
            clen--;
            break;
        }
    }
    if (failed)
        return 0;
    *rest = s;
    *restlen = slen;
    return 1;
}

int hc_path_match(const char *pattern, size_t plen, const char *name, size_t nlen)
{
    while (plen > 0) {
        const char *chunk;
        size_t clen;
        bool star = scan_chunk(&pattern, &plen, &chunk, &clen);
        if (star && clen == 0) /* a trailing '*' matches the rest unless it has a '/' */
            return memchr(name, '/', nlen) == NULL;
        const char *t;
        size_t tlen;
        int ok = match_chunk(chunk, clen, name, nlen, &t, &tlen);
        if (ok == 1 && (tlen == 0 || plen > 0)) {
            name = t;
            nlen = tlen;
            continue;
        }
        if (ok < 0)
            return -1;
        if (star) {
            bool found = false;
            for (size_t i = 0; i < nlen && name[i] != '/'; i++) {
                ok = match_chunk(chunk, clen, name + i + 1, nlen - i - 1, &t, &tlen);
                if (ok == 1) {
                    if (plen == 0 && tlen > 0)
                        continue;
                    name = t;
                    nlen = tlen;
                    found = true;
                    break;
                }
                if (ok < 0)
                    return -1;
            }
            if (found)
                continue;
        }
        /* No match: still report a syntax error in the rest of the pattern. */
        while (plen > 0) {
            scan_chunk(&pattern, &plen, &chunk, &clen);
            if (match_chunk(chunk, clen, "", 0, &t, &tlen) < 0)
                return -1;
        }
        return 0;
    }
    return nlen == 0;
}

/* ---- .helmignore ---- */

enum { RULE_NEGATE = 1, RULE_DIR = 2, RULE_ROOTED = 4, RULE_PATH = 8 };

struct rule {
    const char *pat;
    size_t len;
    unsigned flags;
};

struct hc_ignore {
    struct rule *rules;
    size_t n, cap;
};

static hc_status parse_rule(struct hc_arena *a, struct hc_ignore *r, const char *line, size_t n,
                            struct hc_error *err)
{
    hc_go_trim_space(&line, &n);
    if (n == 0 || *line == '#')
        return HC_OK;
    for (size_t i = 0; i + 1 < n; i++)
        if (line[i] == '*' && line[i + 1] == '*')
            return hc_error_set(err, HC_ERR_PARSE, "double-star (**) syntax is not supported");
    if (hc_path_match(line, n, "abc", 3) < 0)
        return hc_error_set(err, HC_ERR_PARSE, "syntax error in pattern");
    struct rule rule = {line, n, 0};
    if (rule.len > 0 && rule.pat[0] == '!') {
        rule.flags |= RULE_NEGATE;
        rule.pat++;
        rule.len--;
    }
    if (rule.len > 0 && rule.pat[rule.len - 1] == '/') {
        rule.flags |= RULE_DIR;
        rule.len--;
    }
    if (rule.len > 0 && rule.pat[0] == '/') {
        rule.flags |= RULE_ROOTED;
        rule.pat++;
        rule.len--;
    } else if (memchr(rule.pat, '/', rule.len)) {
        rule.flags |= RULE_PATH;
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        struct rule *nr = hc_arena_realloc(a, r->rules, r->cap * sizeof *nr, cap * sizeof *nr);
        if (!nr)
            return hc_error_nomem(err);
        r->rules = nr;
        r->cap = cap;
    }
    r->rules[r->n++] = rule;
    return HC_OK;
}

hc_status hc_ignore_parse(struct hc_arena *a, const char *text, size_t len,
                          struct hc_ignore **out, struct hc_error *err)
{
    struct hc_ignore *r = hc_arena_zalloc(a, sizeof *r);
    if (!r)
        return hc_error_nomem(err);
    if (text) {
        if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
            text += 3;
            len -= 3;
        }
        /* bufio.Scanner's ScanLines: lines end at '\n', a trailing '\r' is dropped. */
        size_t i = 0;
        while (i < len) {
            const char *nl = memchr(text + i, '\n', len - i);
            size_t end = nl ? (size_t)(nl - text) : len;
            size_t n = end - i;
            if (n > 0 && text[i + n - 1] == '\r')
                n--;
            hc_status rc = parse_rule(a, r, text + i, n, err);
            if (rc != HC_OK)
                return rc;
            i = end + 1;
        }
    }
    static const char defaults[] = "templates/.?*";
    hc_status rc = parse_rule(a, r, defaults, sizeof defaults - 1, err);
    if (rc != HC_OK)
        return rc;
    *out = r;
    return HC_OK;
}

static bool rule_matches(const struct rule *rule, const char *path, size_t len)
{
    if (!(rule->flags & (RULE_ROOTED | RULE_PATH))) {
        const char *slash = NULL;
        for (size_t i = len; i > 0; i--)
            if (path[i - 1] == '/') {
                slash = path + i - 1;
                break;
            }
        if (slash) {
            len -= (size_t)(slash + 1 - path);
            path = slash + 1;
        }
    }
    return hc_path_match(rule->pat, rule->len, path, len) == 1;
}

bool hc_ignore_match(const struct hc_ignore *r, const char *path, size_t len, bool is_dir)
{
    if (len == 0 || (len == 1 && path[0] == '.') || (len == 2 && memcmp(path, "./", 2) == 0))
        return false;
    for (size_t i = 0; i < r->n; i++) {
        const struct rule *rule = &r->rules[i];
        if (rule->flags & RULE_NEGATE) {
            if ((rule->flags & RULE_DIR) && !is_dir)
                return true;
            if (!rule_matches(rule, path, len))
                return true;
            continue;
        }
        if ((rule->flags & RULE_DIR) && !is_dir)
            continue;
        if (rule_matches(rule, path, len))
            return true;
    }
    return false;
}
