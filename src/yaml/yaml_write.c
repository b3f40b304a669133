/*
 * yaml_write.c - toYaml and toYamlPretty: a value as the YAML text Helm prints.
 *
 * toYaml mirrors sigs.k8s.io/yaml.Marshal: encoding/json encodes the value,
 * go-yaml v2 reads that JSON back and go-yaml v2 writes it out.  Instead of
 * producing JSON, this file applies what the round trip does to each piece:
 * strings get invalid UTF-8 replaced by U+FFFD and NEL line breaks folded as
 * a YAML double-quoted scalar folds them; a float64 becomes an int, a uint64
 * or a float as go-yaml resolves the number encoding/json printed; map keys
 * are sorted in go-yaml's order.  The errors of both halves are kept: NaN and
 * infinities, cycles (encoding/json), and what go-yaml's reader rejects in
 * that JSON (control characters, more than 10000 levels, keys too long or
 * broken by a NEL to be simple keys, a document marker after a NEL).
 *
 * toYamlPretty mirrors go-yaml v3's Encoder with SetIndent(2) on the value
 * itself: no JSON, floats printed by strconv 'g', invalid UTF-8 as !!binary.
 *
 * Invariants: the walk uses an explicit stack, never C recursion, so depth
 * costs heap, not stack; on failure the output buffer is cut back to where
 * it was, so a caller never sees half a document.  The fast path makes one
 * pass; when Go would fail, a second walk in encoding/json's order finds the
 * error Go reports first.
 */
#include "yaml/yaml.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "gofmt/gofmt.h"
#include "yaml/write_emit.h"
#include "yaml/write_resolve.h"
#include "yaml/write_sort.h"

#define MAX_DEPTH       10000     /* go-yaml max_flow_level: nesting of JSON [ and { */
#define CYCLE_DEPTH     1000      /* encoding/json startDetectingCyclesAfter */
#define MAX_SIMPLE_KEY  1024      /* go-yaml: a simple key's ':' within 1024 characters */
#define VALIDATE_BUDGET 50000000u /* nodes the ordered error walk visits at most */

enum werr {
    W_OK = 0,
    W_NOMEM, /* an allocation failed or the output hit its ceiling */
    W_GO,    /* Go fails here: the ordered walk finds the message */
};

struct frame {
    hc_val v;         /* the list or map */
    uint32_t i, n;    /* next child; children (map: keys kept after duplicates) */
    uint32_t keys;    /* maps: where its sorted keys start in writer.keys */
    int saved_indent; /* indentation to restore at its end */
};

struct writer {
    struct hc_yaml_emitter em;
    bool v3;
    bool validated; /* the ordered walk already ran and found nothing */
    hc_val root;
    struct frame *frames;
    size_t nframes, capframes;
    struct hc_yaml_key *keys, *tmp; /* a stack of maps' sorted keys; sort scratch */
    size_t nkeys, capkeys, captmp;
    struct hc_buf *out;    /* the caller's buffer (floats are formatted at its end) */
    struct hc_buf sbuf;    /* one scalar's text when it is not the input's bytes */
    struct hc_arena arena; /* keys' texts when they are not the input's bytes */
    /* Small values need no allocation: the stacks start here. */
    struct frame frames_inline[16];
    struct hc_yaml_key keys_inline[32], tmp_inline[32];
    char msg[160]; /* the message when the ordered walk could not run */
};

/* ---- the JSON round trip of a string ---- */

/* What encoding/json and go-yaml's reader make of one string. */
struct jscan {
    size_t nels;     /* raw NEL characters in its JSON text (each ends a YAML line) */
    size_t chars;    /* characters of its JSON text, quotes included */
    size_t bytes;    /* bytes of its JSON text, quotes included */
    bool changed;    /* the text go-yaml reads back differs from the input */
    bool ctrl;       /* holds a character go-yaml's reader refuses */
    bool doc;        /* holds a document marker right after a NEL */
    size_t ctrl_end; /* byte offset just past the first refused character */
    size_t doc_off;  /* byte offset of the first document marker */
    size_t doc_nels; /* NELs before it */
    size_t doc_look; /* bytes of the 4 characters the scanner looks at there */
};

/* Characters encoding/json writes for an ASCII byte (HTML-safe escaping on). */
static size_t json_ascii_len(unsigned char c)
{
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
        return 2;
    if (c < 0x20 || c == '<' || c == '>' || c == '&')
        return 6;
    return 1;
}

static bool is_nel(const unsigned char *s, size_t n, size_t i)
{
    return s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0x85;
}

/* True when every byte is below DEL: such a string comes back unchanged. */
static bool json_clean(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++)
        if (u[i] >= 0x7F)
            return false;
    return true;
}

/* A document marker ("---" or "...", then white space) at s[e]. */
static bool doc_marker(const unsigned char *s, size_t n, size_t e)
{
    if (n - e < 4 || !((s[e] == '-' || s[e] == '.') && s[e + 1] == s[e] && s[e + 2] == s[e]))
        return false;
    return s[e + 3] == ' ' || is_nel(s, n, e + 3);
}

/*
 * Scans s as encoding/json writes it and go-yaml's double-quoted scalar
 * scanner reads it back; appends the text read back to out (when out is not
 * NULL).  Raw spaces and NELs are the only white space in that JSON: a run of
 * them holding NELs folds to one space (one NEL) or to NEL-count minus one
 * line breaks, and "---" or "..." right after such a run, followed by white
 * space, is a document marker.
 */
static void json_scan(const char *str, size_t n, struct jscan *j, struct hc_buf *out)
{
    const unsigned char *s = (const unsigned char *)str;
    memset(j, 0, sizeof *j);
    j->chars = j->bytes = 1; /* the opening quote */
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c == ' ' || is_nel(s, n, i)) {
            size_t e = i, nels = 0;
            bool last_nel = false;
            while (e < n) {
                if (s[e] == ' ') {
                    e++;
                    last_nel = false;
                } else if (is_nel(s, n, e)) {
                    e += 2;
                    nels++;
                    last_nel = true;
                } else {
                    break;
                }
            }
            j->chars += e - i - nels;
            j->bytes += e - i;
            if (nels == 0) {
                if (out)
                    hc_buf_add(out, str + i, e - i);
            } else {
                j->changed = true;
                j->nels += nels;
                if (out) {
                    if (nels == 1)
                        hc_buf_addc(out, ' ');
                    else
                        hc_buf_addn(out, '\n', nels - 1);
                }
                if (last_nel && !j->doc && doc_marker(s, n, e)) {
                    j->doc = true;
                    j->doc_off = j->bytes;
                    j->doc_nels = j->nels;
                    j->doc_look = is_nel(s, n, e + 3) ? 5 : 4;
                }
            }
            i = e;
            continue;
        }
        size_t w = 1, jc, jb; /* its width, and its characters and bytes in JSON */
        uint32_t r = c;
        if (c < 0x80) {
            jc = jb = json_ascii_len(c);
        } else {
            r = hc_yaml_decode_rune(s, n, i, &w);
            if (r == 0xFFFD && w == 1) {
                /* encoding/json writes \ufffd for each byte that is not UTF-8. */
                j->changed = true;
                j->chars += 6;
                j->bytes += 6;
                if (out)
                    hc_buf_add(out, "\xEF\xBF\xBD", 3);
                i++;
                continue;
            }
            jc = (r == 0x2028 || r == 0x2029) ? 6 : 1;
            jb = jc == 6 ? 6 : w;
        }
        j->chars += jc;
        j->bytes += jb;
        if (!j->ctrl && (r == 0x7F || (r >= 0x80 && r <= 0x9F) || r == 0xFFFE || r == 0xFFFF)) {
            j->ctrl = true;
            j->ctrl_end = j->bytes;
        }
        if (out)
            hc_buf_add(out, str + i, w);
        i += w;
    }
    j->chars++;
    j->bytes++; /* the closing quote */
}

/* The JSON text length of a clean string (see json_clean), quotes included. */
static size_t json_clean_chars(const char *s, size_t n)
{
    size_t chars = 2;
    for (size_t i = 0; i < n; i++)
        chars += json_ascii_len((unsigned char)s[i]);
    return chars;
}

/* ---- numbers ---- */

/* strconv.FormatInt(i, 10) into buf (at least 21 bytes); returns the length. */
static size_t format_int(char *buf, int64_t i)
{
    char tmp[24];
    size_t n = 0;
    uint64_t u = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t len = 0;
    if (i < 0)
        buf[len++] = '-';
    while (n)
        buf[len++] = tmp[--n];
    return len;
}

/*
 * strconv.FormatFloat(f, 'g', -1, 64) into buf (at least 32 bytes), formatted
 * at the end of out and taken back off; returns the length, 0 when out of
 * memory.
 */
static size_t format_float_g(struct hc_buf *out, char *buf, double f)
{
    size_t start = out->len, n = 0;
    hc_gofmt_float(out, f, 'g', -1);
    if (hc_buf_ok(out) && out->len - start < 32) {
        n = out->len - start;
        memcpy(buf, out->data + start, n);
    }
    if (out->data && out->len > start)
        hc_buf_truncate(out, start);
    return n;
}

/*
 * The text toYaml prints for a finite float64.  encoding/json prints an
 * integral value below 1e21 as the integer its shortest digits spell (so
 * 2^63 prints 9223372036854776000); go-yaml reads that back as an int when
 * it fits int64, as a uint64 when it fits that, and otherwise as a float64,
 * which it prints with strconv 'g'.  Every other value stays a float.
 */
static size_t json_float_text(struct hc_buf *out, char *buf, double f)
{
    if (f == 0) {
        buf[0] = '0'; /* -0 too: JSON "-0" reads back as the int 0 */
        return 1;
    }
    double a = fabs(f);
    if (a < 1e21 && f == trunc(f)) {
        char digits[32];
        int dp;
        int nd = hc_gofmt_shortest(f, digits, &dp);
        if (nd > 0 && dp >= nd && dp <= 21) {
            char t[24];
            memcpy(t, digits, (size_t)nd);
            memset(t + nd, '0', (size_t)(dp - nd));
            size_t len = (size_t)dp;
            bool neg = f < 0;
            /* 2^63 and 2^64: the bounds of ParseInt and ParseUint. */
            static const char two63[] = "9223372036854775808", two64[] = "18446744073709551616";
            bool fits;
            if (len < 19)
                fits = true;
            else if (len == 19) /* positive: int64 or else uint64 */
                fits = !neg || memcmp(t, two63, 19) <= 0;
            else if (len == 20)
                fits = !neg && memcmp(t, two64, 20) < 0;
            else
                fits = false;
            if (fits) {
                size_t o = 0;
                if (neg)
                    buf[o++] = '-';
                memcpy(buf + o, t, len);
                return o + len;
            }
        }
    }
    return format_float_g(out, buf, f);
}

/* go-yaml v3's floatv: 'g', with YAML's names for infinities and NaN. */
static size_t v3_float_text(struct hc_buf *out, char *buf, double f)
{
    if (isnan(f)) {
        memcpy(buf, ".nan", 4);
        return 4;
    }
    if (isinf(f)) {
        if (f > 0) {
            memcpy(buf, ".inf", 4);
            return 4;
        }
        memcpy(buf, "-.inf", 5);
        return 5;
    }
    return format_float_g(out, buf, f);
}

/* ---- base64 ---- */

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/*
 * Standard base64 of n bytes, each got from the callback, appended to out;
 * when line is set, a line break follows every 70 characters as go-yaml's
 * encodeBase64 writes (and after the last line when there is more than one).
 */
static void base64_bytes(struct hc_buf *out, const unsigned char *p, size_t n, bool lines)
{
    size_t enclen = (n + 2) / 3 * 4;
    bool multi = lines && enclen / 70 + 1 > 1;
    size_t col = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        char q[4] = {b64chars[(v >> 18) & 63], b64chars[(v >> 12) & 63],
                     i + 1 < n ? b64chars[(v >> 6) & 63] : '=', i + 2 < n ? b64chars[v & 63] : '='};
        for (int k = 0; k < 4; k++) {
            hc_buf_addc(out, q[k]);
            if (multi && ++col == 70) {
                hc_buf_addc(out, '\n');
                col = 0;
            }
        }
    }
    if (multi && col)
        hc_buf_addc(out, '\n');
}

/* The bytes of a []uint8 list (its items are ints 0..255) as base64, into out. */
static void base64_list(struct hc_buf *out, const struct hc_list *l)
{
    unsigned char chunk[3 * 256];
    size_t n = 0;
    for (uint32_t i = 0; i < l->len; i++) {
        chunk[n++] = (unsigned char)l->items[i].u.i;
        if (n == sizeof chunk) {
            base64_bytes(out, chunk, n, false);
            n = 0;
        }
    }
    base64_bytes(out, chunk, n, false);
}

/* ---- writer plumbing ---- */

static bool utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t w;
        uint32_t r = hc_yaml_decode_rune(u, n, i, &w);
        if (r == 0xFFFD && w == 1)
            return false;
        i += w;
    }
    return true;
}

/*
 * Grows an array that may still be its inline first block: used elements are
 * kept; NULL when out of memory (the array is then unchanged).
 */
static void *grow(void *p, void *inline_block, size_t used, size_t cap, size_t size)
{
    size_t bytes = hc_mul_size(cap, size);
    if (bytes == SIZE_MAX)
        return NULL;
    if (p != inline_block)
        return hc_realloc(p, bytes);
    void *q = hc_malloc(bytes);
    if (q && used)
        memcpy(q, p, used * size);
    return q;
}

static enum werr push_frame(struct writer *w, hc_val v, uint32_t n, uint32_t keys, int saved)
{
    if (w->nframes == w->capframes) {
        size_t cap = w->capframes * 2;
        struct frame *f = grow(w->frames, w->frames_inline, w->nframes, cap, sizeof *f);
        if (!f)
            return W_NOMEM;
        w->frames = f;
        w->capframes = cap;
    }
    w->frames[w->nframes++] = (struct frame){v, 0, n, keys, saved};
    return W_OK;
}

static enum werr reserve_keys(struct writer *w, size_t more)
{
    size_t need = hc_add_size(w->nkeys, more);
    if (need > UINT32_MAX)
        return W_NOMEM;
    if (need > w->capkeys) {
        size_t cap = w->capkeys;
        while (cap < need)
            cap *= 2;
        struct hc_yaml_key *k = grow(w->keys, w->keys_inline, w->nkeys, cap, sizeof *k);
        if (!k)
            return W_NOMEM;
        w->keys = k;
        w->capkeys = cap;
    }
    if (more > w->captmp) {
        struct hc_yaml_key *t = grow(w->tmp, w->tmp_inline, 0, more, sizeof *t);
        if (!t)
            return W_NOMEM;
        w->tmp = t;
        w->captmp = more;
    }
    return W_OK;
}

/* Writes a string scalar the way go-yaml's stringv chooses its style. */
static void emit_text(struct writer *w, enum hc_yaml_ctx ctx, const char *s, size_t n,
                      const char *tag, const struct hc_yaml_scalar *analyzed)
{
    struct hc_yaml_scalar sc;
    if (!analyzed) {
        hc_yaml_analyze(&sc, s, n, w->v3);
        analyzed = &sc;
    }
    enum hc_yaml_style want;
    if (analyzed->has_lf)
        want = HC_YAML_LITERAL;
    else if (tag || hc_yaml_plain_is_str(s, n, w->v3))
        want = HC_YAML_PLAIN;
    else
        want = HC_YAML_DOUBLE;
    hc_yaml_emit_scalar(&w->em, ctx, analyzed, want, tag);
}

static enum werr validate(struct writer *w, char *msg, size_t cap);

/*
 * The text of a string after the round trip (v2) or as go-yaml v3 writes it:
 * *tag is set to "binary" when v3 must write base64.  The text is s itself or
 * lives in w->sbuf until the next call.
 */
static enum werr string_text(struct writer *w, const char **s, size_t *n, const char **tag)
{
    *tag = NULL;
    if (w->v3) {
        if (utf8_valid(*s, *n))
            return W_OK;
        hc_buf_reset(&w->sbuf);
        base64_bytes(&w->sbuf, (const unsigned char *)*s, *n, true);
        *tag = "binary";
    } else {
        if (json_clean(*s, *n))
            return W_OK;
        struct jscan j;
        hc_buf_reset(&w->sbuf);
        json_scan(*s, *n, &j, &w->sbuf);
        if (j.ctrl || j.doc)
            return W_GO;
        if (!j.changed)
            return W_OK;
    }
    if (!hc_buf_ok(&w->sbuf))
        return W_NOMEM;
    *s = hc_buf_str(&w->sbuf);
    *n = w->sbuf.len;
    return W_OK;
}

/* ---- maps ---- */

/* Sorts keys[0..n) unless they are in order already (the usual case). */
static void sort_keys(struct writer *w, struct hc_yaml_key *k, size_t n)
{
    size_t i = 1;
    while (i < n && !hc_yaml_key_less(k[i].s, k[i].len, k[i - 1].s, k[i - 1].len, w->v3))
        i++;
    if (i < n)
        hc_yaml_sort_keys(k, w->tmp, n, w->v3);
}

/*
 * Prepares a map's keys in go-yaml's order on the key stack.  v2 keys are the
 * texts go-yaml reads back; two keys that read back the same collapse into
 * the later one (go-yaml assigns in JSON order), but the dropped value still
 * goes through encoding/json, so the ordered walk then checks everything.
 */
static enum werr map_keys(struct writer *w, const struct hc_map *m, uint32_t *count)
{
    uint32_t n = m->len;
    enum werr rc = reserve_keys(w, n);
    if (rc != W_OK)
        return rc;
    struct hc_yaml_key *k = w->keys + w->nkeys;
    bool changed = false;
    for (uint32_t i = 0; i < n; i++) {
        const char *s = m->e[i].key;
        size_t len = m->e[i].klen;
        if (!w->v3) {
            if (json_clean(s, len)) {
                if (len > (MAX_SIMPLE_KEY - 2) / 6 && json_clean_chars(s, len) > MAX_SIMPLE_KEY)
                    return W_GO;
            } else {
                struct jscan j;
                hc_buf_reset(&w->sbuf);
                json_scan(s, len, &j, &w->sbuf);
                if (j.ctrl || j.doc || j.nels || j.chars > MAX_SIMPLE_KEY)
                    return W_GO;
                if (!hc_buf_ok(&w->sbuf))
                    return W_NOMEM;
                if (j.changed) {
                    char *copy = hc_arena_strndup(&w->arena, hc_buf_str(&w->sbuf), w->sbuf.len);
                    if (!copy)
                        return W_NOMEM;
                    s = copy;
                    len = w->sbuf.len;
                    changed = true;
                }
            }
        }
        k[i] = (struct hc_yaml_key){s, (uint32_t)len, i};
    }
    sort_keys(w, k, n);
    if (changed) {
        /* Equal texts sit together, in input order (the sort is stable): keep the last. */
        uint32_t o = 0;
        for (uint32_t i = 0; i < n; i++) {
            if (i + 1 < n && k[i].len == k[i + 1].len && memcmp(k[i].s, k[i + 1].s, k[i].len) == 0)
                continue;
            k[o++] = k[i];
        }
        if (o < n && !w->validated) {
            char msg[sizeof w->msg];
            rc = validate(w, msg, sizeof msg);
            if (rc != W_OK)
                return rc;
            w->validated = true;
        }
        n = o;
    }
    w->nkeys += n;
    *count = n;
    return W_OK;
}

/* ---- the walk ---- */

/*
 * Emits one value in context ctx: a scalar at once, a non-empty list or map
 * by pushing a frame that the loop in walk() then works through.
 */
static enum werr emit_value(struct writer *w, hc_val v, enum hc_yaml_ctx ctx)
{
    char num[40];
    size_t len;
    switch ((hc_kind)v.kind) {
    case HC_NULL:
    case HC_MISSING:
        hc_yaml_emit_word(&w->em, ctx, "null", 4);
        return W_OK;
    case HC_BOOL:
        if (v.u.b)
            hc_yaml_emit_word(&w->em, ctx, "true", 4);
        else
            hc_yaml_emit_word(&w->em, ctx, "false", 5);
        return W_OK;
    case HC_INT:
        len = format_int(num, v.u.i);
        hc_yaml_emit_word(&w->em, ctx, num, len);
        return W_OK;
    case HC_FLOAT:
        if (w->v3) {
            len = v3_float_text(w->out, num, v.u.f);
        } else {
            if (isnan(v.u.f) || isinf(v.u.f))
                return W_GO;
            len = json_float_text(w->out, num, v.u.f);
        }
        if (len == 0)
            return W_NOMEM;
        hc_yaml_emit_word(&w->em, ctx, num, len);
        return W_OK;
    case HC_STRING: {
        if (v.gotype == HC_GT_BYTES) {
            if (w->v3) {
                /* v3 writes a []uint8 as a sequence of numbers. */
                if (v.len == 0) {
                    hc_yaml_emit_empty(&w->em, ctx, '[');
                    return W_OK;
                }
                break;
            }
            hc_buf_reset(&w->sbuf);
            base64_bytes(&w->sbuf, (const unsigned char *)v.u.s, v.len, false);
            if (!hc_buf_ok(&w->sbuf))
                return W_NOMEM;
            emit_text(w, ctx, hc_buf_str(&w->sbuf), w->sbuf.len, NULL, NULL);
            return W_OK;
        }
        const char *s = v.len ? v.u.s : "", *tag;
        size_t n = v.len;
        if (w->v3 && (v.flags & HC_YAML_VF_TIMESTAMP)) {
            hc_yaml_emit_word(&w->em, ctx, s, n);
            return W_OK;
        }
        enum werr rc = string_text(w, &s, &n, &tag);
        if (rc != W_OK)
            return rc;
        emit_text(w, ctx, s, n, tag, NULL);
        return W_OK;
    }
    case HC_LIST:
        if (!v.u.l) {
            /* A nil slice: JSON null, but go-yaml v3 writes an empty sequence. */
            if (w->v3)
                hc_yaml_emit_empty(&w->em, ctx, '[');
            else
                hc_yaml_emit_word(&w->em, ctx, "null", 4);
            return W_OK;
        }
        if (v.gotype == HC_GT_BYTES && !w->v3) {
            hc_buf_reset(&w->sbuf);
            base64_list(&w->sbuf, v.u.l);
            if (!hc_buf_ok(&w->sbuf))
                return W_NOMEM;
            emit_text(w, ctx, hc_buf_str(&w->sbuf), w->sbuf.len, NULL, NULL);
            return W_OK;
        }
        break;
    case HC_MAP:
        if (!v.u.m) {
            if (w->v3) /* a nil map, as the nil slice above */
                hc_yaml_emit_empty(&w->em, ctx, '{');
            else
                hc_yaml_emit_word(&w->em, ctx, "null", 4);
            return W_OK;
        }
        break;
    case HC_OBJ:
    default:
        snprintf(w->msg, sizeof w->msg, "error marshaling into JSON: json: unsupported type: %s",
                 hc_val_typename(v));
        return W_GO;
    }

    /* A list or a map: one more level of JSON nesting. */
    if (w->nframes >= MAX_DEPTH) {
        snprintf(w->msg, sizeof w->msg, "yaml: exceeded max depth of %d", MAX_DEPTH);
        return W_GO;
    }
    if (v.kind == HC_MAP) {
        uint32_t base = (uint32_t)w->nkeys, n;
        if (v.u.m->len == 0) {
            hc_yaml_emit_empty(&w->em, ctx, '{');
            return W_OK;
        }
        enum werr rc = map_keys(w, v.u.m, &n);
        if (rc != W_OK)
            return rc;
        int saved = hc_yaml_map_begin(&w->em, ctx);
        return push_frame(w, v, n, base, saved);
    }
    uint32_t n = v.kind == HC_LIST ? v.u.l->len : v.len;
    if (n == 0) {
        hc_yaml_emit_empty(&w->em, ctx, '[');
        return W_OK;
    }
    int saved = hc_yaml_seq_begin(&w->em, ctx);
    return push_frame(w, v, n, 0, saved);
}

/* Emits the key of map entry k: simple ("key:") or complex ("? key" then ":"). */
static enum werr emit_key(struct writer *w, const struct hc_yaml_key *k, bool *simple)
{
    const char *s = k->len ? k->s : "", *tag = NULL;
    size_t n = k->len;
    if (w->v3) {
        enum werr rc = string_text(w, &s, &n, &tag);
        if (rc != W_OK)
            return rc;
    }
    struct hc_yaml_scalar sc;
    hc_yaml_analyze(&sc, s, n, w->v3);
    /* A tagged key counts its "!!" handle and suffix too. */
    *simple = hc_yaml_simple_key_ok(&sc, tag ? 2 + strlen(tag) : 0);
    hc_yaml_map_key(&w->em, *simple);
    emit_text(w, *simple ? HC_YAML_CTX_KEY_SIMPLE : HC_YAML_CTX_KEY, s, n, tag, &sc);
    return W_OK;
}

static enum werr walk(struct writer *w, hc_val root)
{
    enum werr rc = emit_value(w, root, HC_YAML_CTX_ROOT);
    while (rc == W_OK && w->nframes > 0) {
        struct frame *f = &w->frames[w->nframes - 1];
        if (f->i == f->n) {
            hc_yaml_block_end(&w->em, f->saved_indent);
            if (f->v.kind == HC_MAP)
                w->nkeys = f->keys;
            w->nframes--;
            continue;
        }
        uint32_t i = f->i++;
        if (f->v.kind == HC_MAP) {
            const struct hc_yaml_key *k = &w->keys[f->keys + i];
            hc_val val = f->v.u.m->e[k->idx].val;
            bool simple;
            rc = emit_key(w, k, &simple);
            if (rc != W_OK)
                break;
            hc_yaml_map_value(&w->em, simple);
            rc = emit_value(w, val, HC_YAML_CTX_VALUE);
        } else {
            hc_val item;
            if (f->v.kind == HC_LIST)
                item = f->v.u.l->items[i];
            else /* v3: a []uint8 held as a string */
                item = hc_int_typed((unsigned char)f->v.u.s[i], HC_GT_UINT8);
            hc_yaml_seq_item(&w->em);
            rc = emit_value(w, item, HC_YAML_CTX_ITEM);
        }
    }
    if (rc == W_OK)
        hc_yaml_doc_end(&w->em);
    return rc;
}

/* ---- the error Go reports first ---- */

struct vframe {
    hc_val v;
    uint32_t i;
};

/*
 * The ordered walk's state.  jpos follows the byte offset in the JSON text
 * and nels the NELs before it (go-yaml's line), because go-yaml's error
 * messages carry the line, and because its reader decodes 512 bytes at a
 * time: a refused character reports first when the scanner, at the first
 * other error, had already looked into the 512-byte block that holds it.
 */
struct vstate {
    struct vframe *st;
    size_t n, cap;
    size_t jpos;       /* bytes of JSON text before the current point */
    size_t nels;       /* NELs in the JSON text so far */
    bool yaml_err;     /* the first go-yaml error other than the reader's is in msg */
    size_t yaml_reach; /* bytes the scanner had looked at when it failed */
    bool ctrl;         /* a refused character was seen */
    size_t ctrl_block; /* the first one's 512-byte block, counted from 1 */
    char *msg;
    size_t msgcap;
};

/*
 * Records go-yaml's error "yaml: line N: problem" (line 0: none) found with
 * the scanner's look-ahead reaching byte reach.
 */
static void yaml_error(struct vstate *vs, size_t reach, size_t line, const char *problem)
{
    if (vs->yaml_err)
        return;
    vs->yaml_err = true;
    vs->yaml_reach = reach;
    if (line)
        snprintf(vs->msg, vs->msgcap, "yaml: line %zu: %s", line, problem);
    else
        snprintf(vs->msg, vs->msgcap, "yaml: %s", problem);
}

/* The scanner looks at 4 characters at each token (assumed ASCII). */
#define TOKEN_LOOKAHEAD 4

/* Checks one string of the JSON text; a key also needs its ':' near enough. */
static void check_string(struct vstate *vs, const char *s, size_t n, bool key)
{
    struct jscan j;
    if (json_clean(s, n)) {
        memset(&j, 0, sizeof j);
        j.chars = j.bytes = json_clean_chars(s, n);
    } else {
        json_scan(s, n, &j, NULL);
    }
    if (j.ctrl && !vs->ctrl) {
        vs->ctrl = true;
        vs->ctrl_block = (vs->jpos + j.ctrl_end + 511) / 512;
    }
    if (j.doc) /* a scanner error: its line counts from 1 */
        yaml_error(vs, vs->jpos + j.doc_off + j.doc_look, vs->nels + j.doc_nels + 1,
                   "found unexpected document indicator");
    vs->nels += j.nels;
    vs->jpos += j.bytes;
    /* A stale simple key: the parser stops at its ':' (its line counts from 0). */
    if (key && (j.nels || j.chars > MAX_SIMPLE_KEY))
        yaml_error(vs, vs->jpos + TOKEN_LOOKAHEAD, vs->nels, "did not find expected ',' or '}'");
}

/* Bytes of the JSON number encoding/json writes for a finite float64. */
static size_t json_float_len(double f)
{
    if (f == 0)
        return signbit(f) ? 2 : 1;
    char digits[32];
    int dp, nd = hc_gofmt_shortest(f, digits, &dp);
    size_t len = f < 0;
    double a = fabs(f);
    if (a < 1e-6 || a >= 1e21) {
        /* 'e' form, with e-07 shortened to e-7 */
        int exp = dp - 1, ae = exp < 0 ? -exp : exp, ed = ae >= 100 ? 3 : ae >= 10 ? 2 : 1;
        if (exp > 0 && ed < 2)
            ed = 2;
        return len + (size_t)nd + (nd > 1) + 2 + (size_t)ed;
    }
    if (dp <= 0)
        return len + 2 + (size_t)(-dp) + (size_t)nd;
    if (dp < nd)
        return len + (size_t)nd + 1;
    return len + (size_t)dp;
}

/*
 * Checks a value about to be written to the JSON text.  Returns W_GO when
 * encoding/json fails on it (msg set), W_NOMEM, or W_OK; containers are
 * pushed for the loop in validate().
 */
static enum werr check_value(struct vstate *vs, hc_val v)
{
    char num[24];
    switch ((hc_kind)v.kind) {
    case HC_NULL:
    case HC_MISSING:
        vs->jpos += 4;
        return W_OK;
    case HC_BOOL:
        vs->jpos += v.u.b ? 4 : 5;
        return W_OK;
    case HC_INT:
        vs->jpos += format_int(num, v.u.i);
        return W_OK;
    case HC_FLOAT:
        if (isnan(v.u.f) || isinf(v.u.f)) {
            snprintf(vs->msg, vs->msgcap, "error marshaling into JSON: json: unsupported value: %s",
                     isnan(v.u.f) ? "NaN"
                     : v.u.f > 0  ? "+Inf"
                                  : "-Inf");
            return W_GO;
        }
        vs->jpos += json_float_len(v.u.f);
        return W_OK;
    case HC_STRING:
        if (v.gotype == HC_GT_BYTES)
            vs->jpos += (size_t)(v.len + 2) / 3 * 4 + 2;
        else
            check_string(vs, v.len ? v.u.s : "", v.len, false);
        return W_OK;
    case HC_OBJ:
        snprintf(vs->msg, vs->msgcap, "error marshaling into JSON: json: unsupported type: %s",
                 hc_val_typename(v));
        return W_GO;
    case HC_LIST:
    case HC_MAP:
        break;
    default:
        return W_OK;
    }
    const void *id = v.kind == HC_LIST ? (const void *)v.u.l : (const void *)v.u.m;
    if (!id) {
        vs->jpos += 4; /* null */
        return W_OK;
    }
    if (v.kind == HC_LIST && v.gotype == HC_GT_BYTES) {
        vs->jpos += ((size_t)v.u.l->len + 2) / 3 * 4 + 2;
        return W_OK;
    }
    size_t depth = vs->n + 1;
    if (depth > MAX_DEPTH) {
        char problem[48];
        snprintf(problem, sizeof problem, "exceeded max depth of %d", MAX_DEPTH);
        yaml_error(vs, vs->jpos + TOKEN_LOOKAHEAD, vs->nels ? vs->nels + 1 : 0, problem);
    }
    /* encoding/json remembers containers from level 1001 on and fails on a repeat. */
    if (depth > CYCLE_DEPTH) {
        for (size_t k = CYCLE_DEPTH; k < vs->n; k++) {
            hc_val o = vs->st[k].v;
            const void *oid = o.kind == HC_LIST ? (const void *)o.u.l : (const void *)o.u.m;
            if (oid == id) {
                snprintf(vs->msg, vs->msgcap,
                         "error marshaling into JSON: json: unsupported value: encountered a "
                         "cycle via %s",
                         hc_val_typename(v));
                return W_GO;
            }
        }
    }
    if (vs->n == vs->cap) {
        size_t cap = vs->cap ? vs->cap * 2 : 64;
        struct vframe *st = hc_realloc(vs->st, hc_mul_size(cap, sizeof *st));
        if (!st)
            return W_NOMEM;
        vs->st = st;
        vs->cap = cap;
    }
    vs->st[vs->n++] = (struct vframe){v, 0};
    vs->jpos++; /* [ or { */
    return W_OK;
}

/*
 * Walks the value in encoding/json's order (map keys in byte order) and
 * finds the error Go reports: encoding/json's first failure if any (the JSON
 * is complete before go-yaml reads it), else go-yaml's first, where a refused
 * character wins if the reader got to its block first.  Returns W_GO with msg
 * set, W_OK when there is none, or W_NOMEM.
 */
static enum werr validate(struct writer *w, char *msg, size_t cap)
{
    struct vstate vs;
    memset(&vs, 0, sizeof vs);
    vs.msg = msg;
    vs.msgcap = cap;
    size_t nodes = 0;
    msg[0] = '\0';
    enum werr rc = check_value(&vs, w->root);
    while (rc == W_OK && vs.n > 0 && nodes++ < VALIDATE_BUDGET) {
        struct vframe *f = &vs.st[vs.n - 1];
        hc_val v = f->v;
        uint32_t len = v.kind == HC_LIST ? v.u.l->len : v.u.m->len;
        if (f->i == len) {
            vs.n--;
            vs.jpos++; /* ] or } */
            continue;
        }
        uint32_t i = f->i++;
        if (i > 0)
            vs.jpos++; /* , */
        if (v.kind == HC_LIST) {
            rc = check_value(&vs, v.u.l->items[i]);
        } else {
            const struct hc_mapent *e = &v.u.m->e[i];
            check_string(&vs, e->klen ? e->key : "", e->klen, true);
            vs.jpos++; /* : */
            rc = check_value(&vs, e->val);
        }
    }
    hc_free(vs.st);
    if (rc != W_OK)
        return rc;
    /* The reader refuses a character once the scanner looks into its block. */
    if (vs.ctrl && (!vs.yaml_err || vs.yaml_reach > (vs.ctrl_block - 1) * 512)) {
        snprintf(msg, cap, "yaml: control characters are not allowed");
        return W_GO;
    }
    return vs.yaml_err ? W_GO : W_OK;
}

/* ---- entry points ---- */

static hc_status write_yaml(struct hc_buf *b, hc_val v, bool v3, struct hc_error *err)
{
    if (!hc_buf_ok(b))
        return hc_error_nomem(err);
    size_t start = b->len;
    struct writer w;
    memset(&w, 0, offsetof(struct writer, frames_inline)); /* the inline stacks need no zeroing */
    w.v3 = v3;
    w.root = v;
    w.out = b;
    w.frames = w.frames_inline;
    w.capframes = sizeof w.frames_inline / sizeof w.frames_inline[0];
    w.keys = w.keys_inline;
    w.capkeys = sizeof w.keys_inline / sizeof w.keys_inline[0];
    w.tmp = w.tmp_inline;
    w.captmp = sizeof w.tmp_inline / sizeof w.tmp_inline[0];
    hc_buf_init(&w.sbuf, 0);
    hc_arena_init(&w.arena, 0);
    hc_yaml_emitter_init(&w.em, b, v3);

    enum werr rc = walk(&w, v);
    if (!hc_buf_ok(b))
        rc = W_NOMEM; /* the output is lost whatever Go would have said */
    hc_status st = HC_OK;
    if (rc == W_GO && !v3) {
        char msg[sizeof w.msg];
        enum werr vr = validate(&w, msg, sizeof msg);
        if (vr == W_GO)
            memcpy(w.msg, msg, sizeof msg);
        else if (vr == W_NOMEM)
            rc = W_NOMEM;
    }
    if (rc == W_GO) {
        if (!w.msg[0])
            snprintf(w.msg, sizeof w.msg, "yaml: cannot write this value");
        st = hc_error_set(err, HC_ERR_INVALID, "%s", w.msg);
    } else if (rc == W_NOMEM) {
        st = hc_error_nomem(err);
    }
    if (st != HC_OK) {
        if (b->data && b->len > start)
            hc_buf_truncate(b, start);
    } else if (b->data) {
        b->data[b->len] = '\0';
    }
    if (w.frames != w.frames_inline)
        hc_free(w.frames);
    if (w.keys != w.keys_inline)
        hc_free(w.keys);
    if (w.tmp != w.tmp_inline)
        hc_free(w.tmp);
    hc_buf_release(&w.sbuf);
    hc_arena_free(&w.arena);
    return st;
}

hc_status hc_yaml_write(struct hc_buf *b, hc_val v, struct hc_error *err)
{
    return write_yaml(b, v, false, err);
}

hc_status hc_yaml_write_pretty(struct hc_buf *b, hc_val v, struct hc_error *err)
{
    return write_yaml(b, v, true, err);
}
