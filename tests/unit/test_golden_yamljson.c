/*
 * test_golden_yamljson.c - YAML and JSON in and out against the real helm's goldens.
 *
 * Reads every tests/golden/yamljson/expected/NAME.golden (made by regen.sh from helm v4.1.4; see
 * that folder's README.md) and checks each record against the YAML and JSON modules:
 *
 *   values  the values file is loaded as Helm 4 loads one (load_values below: YAMLReader
 *           splitting, hc_yaml_read per document, deep merge); each case is a top-level key
 *           whose value goes through toYaml (hc_yaml_write minus one trailing "\n"), toJson,
 *           toPrettyJson and toRawJson (hc_json_write with 0, HC_JSON_INDENT,
 *           HC_JSON_NO_HTML_ESCAPE).  A missing toPrettyJson/toRawJson record means "same as
 *           toJson".
 *   inputs  each case has an `input` string, read by hc_yaml_read or hc_json_read as Helm's
 *           fromYaml, fromYamlArray, fromJson and fromJsonArray do (their results printed
 *           with toJson), or loaded as a whole values file (`values.toJson`, `values.toYaml`,
 *           `values!`).
 *   exprs   each case has an `expr`, a small template expression (float64 "NaN", b64dec
 *           "...", list ..., dict ...) built here, then serialized as in `values` mode.
 *
 * A record `F!` says F fails and holds Go's message.  Every mismatch is reported with its file
 * and case; a golden file's test fails at the end if any record did not match.
 */
#include "test.h"

#include <dirent.h>
#include <errno.h>

#include "helmc/error.h"
#include "helmc/value.h"
#include "base/arena.h"
#include "base/buf.h"
#include "json/json.h"
#include "yaml/yaml.h"

#define GOLDEN_DIR      HELMC_SOURCE_DIR "/tests/golden/yamljson"
#define MAX_FILE_BYTES  (64u << 20)
#define MAX_SHOWN_BYTES 400 /* of each want/got printed for a mismatch */
#define MAX_EXPR_DEPTH  64

/* ---- golden files ---- */

struct rec {
    const char *name; /* the case */
    size_t nlen;
    const char *what; /* function, "F!", "input" or "expr" */
    size_t wlen;
    const char *data;
    size_t len;
};

struct golden {
    const char *file; /* base name, for messages */
    char *buf;
    size_t size;
    char mode[16];
    char source[256];
    struct rec *recs;
    size_t n;
};

struct ctx {
    struct golden *g;
    struct hc_arena arena;
    int checks, failures, partial;
};

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_init(&b, MAX_FILE_BYTES);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hc_buf_add(&b, chunk, n);
    int bad = ferror(f) || !hc_buf_ok(&b);
    fclose(f);
    if (bad) {
        hc_buf_release(&b);
        return NULL;
    }
    hc_buf_addc(&b, '\0'); /* an empty file still gets a buffer */
    char *data = hc_buf_detach(&b, len);
    (*len)--;
    return data;
}

static bool is_what(const struct rec *r, const char *what)
{
    return r->wlen == strlen(what) && memcmp(r->what, what, r->wlen) == 0;
}

static bool same_case(const struct rec *a, const struct rec *b)
{
    return a->nlen == b->nlen && memcmp(a->name, b->name, a->nlen) == 0;
}

/* Parses "=== CASE WHAT LEN\n" + LEN bytes + "\n" records after "#" header lines. */
static bool golden_parse(struct golden *g)
{
    size_t pos = 0, cap = 0;
    while (pos < g->size && g->buf[pos] == '#') {
        char *nl = memchr(g->buf + pos, '\n', g->size - pos);
        if (!nl)
            return false;
        if (g->buf[pos + 1] == '!') {
            *nl = '\0';
            if (sscanf(g->buf + pos, "#! %15s %255s", g->mode, g->source) != 2)
                return false;
            *nl = '\n';
        }
        pos = (size_t)(nl - g->buf) + 1;
    }
    while (pos < g->size) {
        char *nl = memchr(g->buf + pos, '\n', g->size - pos);
        if (!nl || g->size - pos < 4 || memcmp(g->buf + pos, "=== ", 4) != 0)
            return false;
        char *p = g->buf + pos + 4;
        char *sp1 = memchr(p, ' ', (size_t)(nl - p));
        char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(nl - sp1 - 1)) : NULL;
        if (!sp2)
            return false;
        char *end;
        errno = 0;
        unsigned long long len = strtoull(sp2 + 1, &end, 10);
        if (errno || end != nl)
            return false;
        size_t data = (size_t)(nl - g->buf) + 1;
        if (len > g->size - data || g->size - data - len < 1 || g->buf[data + len] != '\n')
            return false;
        if (g->n == cap) {
            cap = cap ? cap * 2 : 256;
            struct rec *r = realloc(g->recs, cap * sizeof *r);
            if (!r)
                return false;
            g->recs = r;
        }
        g->recs[g->n++] = (struct rec){
            p, (size_t)(sp1 - p), sp1 + 1, (size_t)(sp2 - sp1 - 1), g->buf + data, (size_t)len};
        pos = data + (size_t)len + 1;
    }
    return g->mode[0] != '\0';
}

/* ---- reporting ---- */

static void show(const char *label, const char *s, size_t n)
{
    fprintf(stderr, "    %s \"", label);
    for (size_t i = 0; i < n && i < MAX_SHOWN_BYTES; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", stderr);
        else if (c == '\t')
            fputs("\\t", stderr);
        else if (c == '"' || c == '\\')
            fprintf(stderr, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
    fprintf(stderr, "\"%s (%zu bytes)\n", n > MAX_SHOWN_BYTES ? "..." : "", n);
}

static void mismatch(struct ctx *c, const struct rec *r, const char *what, const char *why,
                     const char *want, size_t wlen, const char *got, size_t glen)
{
    c->failures++;
    fprintf(stderr, "[golden] %s: case %.*s %s: %s\n", c->g->file, (int)r->nlen, r->name, what,
            why);
    if (want)
        show("want", want, wlen);
    if (got)
        show("got ", got, glen);
}

static void compare(struct ctx *c, const struct rec *r, const char *what, const char *want,
                    size_t wlen, const char *got, size_t glen)
{
    c->checks++;
    if (wlen != glen || memcmp(want, got, wlen) != 0)
        mismatch(c, r, what, "output differs", want, wlen, got, glen);
}

/* ---- the serializers, as each template function uses them ---- */

enum fam { FAM_YAML, FAM_JSON };

struct fn {
    const char *name;
    enum fam fam;
    unsigned flags; /* HC_JSON_* */
    bool swallows;  /* prints "" instead of failing (Helm's toYaml/toJson, Sprig's toPrettyJson) */
};

enum { FN_TO_YAML, FN_TO_JSON, FN_TO_PRETTY_JSON, FN_TO_RAW_JSON }; /* indexes into fns[] */

static const struct fn fns[] = {
    {"toYaml",           FAM_YAML, 0,                      true },
    {"toJson",           FAM_JSON, 0,                      true },
    {"toPrettyJson",     FAM_JSON, HC_JSON_INDENT,         true },
    {"toRawJson",        FAM_JSON, HC_JSON_NO_HTML_ESCAPE, false},
    {"mustToYaml",       FAM_YAML, 0,                      false},
    {"mustToJson",       FAM_JSON, 0,                      false},
    {"mustToPrettyJson", FAM_JSON, HC_JSON_INDENT,         false},
    {"mustToRawJson",    FAM_JSON, HC_JSON_NO_HTML_ESCAPE, false},
};

static const struct fn *fn_find(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_LEN(fns); i++)
        if (strlen(fns[i].name) == len && memcmp(fns[i].name, name, len) == 0)
            return &fns[i];
    return NULL;
}

/* Runs f on v into out (emptied first); false with err filled when the encoder failed. */
static bool serialize(const struct fn *f, hc_val v, struct hc_buf *out, struct hc_error *err)
{
    hc_buf_reset(out);
    hc_status rc =
        f->fam == FAM_YAML ? hc_yaml_write(out, v, err) : hc_json_write(out, v, f->flags, err);
    if (rc == HC_OK && !hc_buf_ok(out))
        rc = hc_error_set(err, HC_ERR_NOMEM, "output buffer failed");
    if (rc != HC_OK) {
        hc_buf_reset(out);
        return false;
    }
    /* Helm's toYaml: strings.TrimSuffix(string(data), "\n") */
    if (f->fam == FAM_YAML && out->len > 0 && out->data[out->len - 1] == '\n')
        hc_buf_truncate(out, out->len - 1);
    return true;
}

/* Checks one record `F` (output) or `F!` (failure message) of function f for value v. */
static void check_fn(struct ctx *c, const struct rec *r, const struct fn *f, bool want_error,
                     const char *want, size_t wlen, hc_val v)
{
    struct hc_buf out = HC_BUF_INIT;
    struct hc_error err;
    hc_buf_init(&out, 0);
    hc_error_init(&err);
    bool ok = serialize(f, v, &out, &err);
    if (want_error) {
        c->checks++;
        const char *msg = hc_error_msg(&err);
        if (ok)
            mismatch(c, r, f->name, "should fail but succeeded", want, wlen, hc_buf_str(&out),
                     out.len);
        else if (strlen(msg) != wlen || memcmp(msg, want, wlen) != 0)
            mismatch(c, r, f->name, "fails with another message", want, wlen, msg, strlen(msg));
    } else if (!ok && !f->swallows) {
        c->checks++;
        const char *msg = hc_error_msg(&err);
        mismatch(c, r, f->name, "fails", want, wlen, msg, strlen(msg));
    } else {
        compare(c, r, f->name, want, wlen, hc_buf_str(&out), out.len); /* "" when swallowed */
    }
    hc_error_release(&err);
    hc_buf_release(&out);
}

/* Checks the serializer records of the case starting at recs[i] (up to recs[end]). */
static void check_value_case(struct ctx *c, size_t i, size_t end, hc_val v)
{
    struct golden *g = c->g;
    const struct rec *json = NULL;
    bool have_pretty = false, have_raw = false;
    for (size_t k = i; k < end; k++) {
        const struct rec *r = &g->recs[k];
        bool want_error = r->wlen > 0 && r->what[r->wlen - 1] == '!';
        const struct fn *f = fn_find(r->what, r->wlen - (want_error ? 1 : 0));
        if (!f)
            continue; /* input, expr */
        if (f == &fns[FN_TO_JSON] && !want_error)
            json = r;
        have_pretty |= f == &fns[FN_TO_PRETTY_JSON];
        have_raw |= f == &fns[FN_TO_RAW_JSON];
        check_fn(c, r, f, want_error, r->data, r->len, v);
    }
    /* toPrettyJson and toRawJson are recorded only where they differ from toJson */
    if (json && !have_pretty)
        check_fn(c, json, &fns[FN_TO_PRETTY_JSON], false, json->data, json->len, v);
    if (json && !have_raw)
        check_fn(c, json, &fns[FN_TO_RAW_JSON], false, json->data, json->len, v);
}

/* ---- Helm 4's values-file loader (pkg/chart/loader LoadValues), used by values mode ---- */

static const char *json_kind(hc_val v)
{
    switch (v.kind) {
    case HC_MAP:
        return "object";
    case HC_LIST:
        return "array";
    case HC_STRING:
        return "string";
    case HC_BOOL:
        return "bool";
    case HC_INT:
    case HC_FLOAT:
        return "number";
    default:
        return "null";
    }
}

static bool is_nil(hc_val v)
{
    return v.kind == HC_NULL || v.kind == HC_MISSING;
}

/* Length of the Unicode white space (Go's unicode.IsSpace) at s, 0 if none. */
static size_t space_len(const unsigned char *s, size_t n)
{
    static const char *const wide[] = {
        "\xc2\x85",     "\xc2\xa0",     "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x81",
        "\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85", "\xe2\x80\x86",
        "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89", "\xe2\x80\x8a", "\xe2\x80\xa8",
        "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80",
    };
    if (n > 0 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')))
        return 1;
    for (size_t i = 0; i < ARRAY_LEN(wide); i++) {
        size_t w = strlen(wide[i]);
        if (n >= w && memcmp(s, wide[i], w) == 0)
            return w;
    }
    return 0;
}

/* Go's strings.TrimSpace: s[0..n) without leading and trailing white space. */
static void trim_space(const char **s, size_t *n)
{
    size_t k;
    while (*n > 0 && (k = space_len((const unsigned char *)*s, *n)) > 0) {
        *s += k;
        *n -= k;
    }
    /* the end: just past the last byte that does not start a white-space character */
    size_t keep = 0, i = 0;
    while (i < *n) {
        k = space_len((const unsigned char *)*s + i, *n - i);
        if (k == 0) {
            i++;
            keep = i;
        } else {
            i += k;
        }
    }
    *n = keep;
}

/* MergeMaps(a, b): a copy of a with b's entries, maps merged recursively, later winning. */
static hc_status merge_maps(struct hc_arena *a, struct hc_map *x, struct hc_map *y,
                            struct hc_map **out)
{
    struct hc_map *m = hc_map_new(a, x->len + y->len);
    if (!m)
        return HC_ERR_NOMEM;
    hc_map_foreach(x, e) {
        if (hc_map_set(a, m, e->key, e->klen, e->val) != HC_OK)
            return HC_ERR_NOMEM;
    }
    hc_map_foreach(y, e) {
        hc_val old, v = e->val;
        if (v.kind == HC_MAP && hc_map_get(m, e->key, e->klen, &old) && old.kind == HC_MAP) {
            struct hc_map *sub;
            if (merge_maps(a, old.u.m, v.u.m, &sub) != HC_OK)
                return HC_ERR_NOMEM;
            v = hc_map_val(sub, HC_GT_MAP);
        }
        if (hc_map_set(a, m, e->key, e->klen, v) != HC_OK)
            return HC_ERR_NOMEM;
    }
    *out = m;
    return HC_OK;
}

static hc_status load_chunk(struct hc_arena *a, const struct hc_buf *chunk, struct hc_map **vals,
                            struct hc_error *err)
{
    struct hc_yaml_read_opts opts = {0};
    struct hc_error e;
    hc_error_init(&e);
    hc_val v;
    /* the document's own copy: the reader may keep views into its input */
    char *doc = hc_arena_strndup(a, hc_buf_str(chunk), chunk->len);
    if (!doc)
        return hc_error_nomem(err);
    hc_status rc = hc_yaml_read(a, doc, chunk->len, &opts, &v, &e);
    if (rc != HC_OK) {
        rc = hc_error_set(err, rc, "cannot unmarshal yaml document: %s", hc_error_msg(&e));
        hc_error_release(&e);
        return rc;
    }
    if (is_nil(v))
        return HC_OK;
    if (v.kind != HC_MAP)
        return hc_error_set(err, HC_ERR_PARSE,
                            "cannot unmarshal yaml document: error unmarshaling JSON: while "
                            "decoding JSON: json: cannot unmarshal %s into Go value of type "
                            "map[string]interface {}",
                            json_kind(v));
    return merge_maps(a, *vals, v.u.m, vals) == HC_OK ? HC_OK : hc_error_nomem(err);
}

/*
 * k8s.io/apimachinery's YAMLReader: lines (bufio ReadLine: "\r\n" or "\n" removed, then "\n"
 * added) collect into a document until a line starting with "---"; what follows the dashes
 * must be empty or a comment.  Each non-empty document is unmarshaled into a map and merged.
 */
static hc_status load_values(struct hc_arena *a, const char *src, size_t len, hc_val *out,
                             struct hc_error *err)
{
    struct hc_map *vals = hc_map_new(a, 0);
    struct hc_buf chunk = HC_BUF_INIT;
    hc_status rc = HC_OK;
    if (!vals)
        return hc_error_nomem(err);
    hc_buf_init(&chunk, 0);
    size_t pos = 0;
    while (pos < len && rc == HC_OK) {
        const char *line = src + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        if (nl && n > 0 && line[n - 1] == '\r')
            n--;
        if (n >= 3 && memcmp(line, "---", 3) == 0) {
            const char *rest = line + 3;
            size_t rn = n - 3;
            trim_space(&rest, &rn);
            if (rn > 0 && rest[0] != '#') {
                rc = hc_error_set(err, HC_ERR_PARSE,
                                  "error reading yaml document: invalid Yaml document separator: "
                                  "%.*s",
                                  (int)rn, rest);
                break;
            }
            if (chunk.len > 0)
                rc = load_chunk(a, &chunk, &vals, err);
            hc_buf_reset(&chunk);
            continue;
        }
        hc_buf_add(&chunk, line, n);
        hc_buf_addc(&chunk, '\n');
    }
    if (rc == HC_OK && chunk.len > 0)
        rc = load_chunk(a, &chunk, &vals, err);
    if (rc == HC_OK && !hc_buf_ok(&chunk))
        rc = hc_error_nomem(err);
    hc_buf_release(&chunk);
    if (rc == HC_OK)
        *out = hc_map_val(vals, HC_GT_MAP);
    return rc;
}

/* ---- values mode ---- */

static void run_values(struct ctx *c)
{
    struct golden *g = c->g;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", GOLDEN_DIR, g->source);
    size_t len;
    char *src = read_file(path, &len);
    if (!src) {
        c->failures++;
        fprintf(stderr, "[golden] %s: cannot read %s\n", g->file, g->source);
        return;
    }
    struct hc_error err;
    hc_error_init(&err);
    hc_val vals;
    if (load_values(&c->arena, src, len, &vals, &err) != HC_OK) {
        c->failures++;
        fprintf(stderr, "[golden] %s: loading %s failed, so every case fails: %s\n", g->file,
                g->source, hc_error_msg(&err));
        hc_error_release(&err);
        free(src);
        return;
    }
    for (size_t i = 0, end; i < g->n; i = end) {
        for (end = i + 1; end < g->n && same_case(&g->recs[i], &g->recs[end]); end++)
            ;
        hc_val v;
        if (!hc_map_get(vals.u.m, g->recs[i].name, g->recs[i].nlen, &v)) {
            c->checks++;
            mismatch(c, &g->recs[i], "value", "key missing from the loaded values", NULL, 0, NULL,
                     0);
            continue;
        }
        check_value_case(c, i, end, v);
    }
    free(src); /* values may point into src: nothing uses them past here */
}

/* ---- inputs mode: Helm's fromYaml, fromYamlArray, fromJson, fromJsonArray ---- */

static hc_val error_value(struct ctx *c, bool as_list, const char *msg)
{
    hc_val s;
    if (hc_str_dup(&c->arena, msg, strlen(msg), &s) != HC_OK)
        return hc_null();
    if (as_list) {
        struct hc_list *l = hc_list_new(&c->arena, 1);
        if (!l)
            return hc_null();
        l->items[0] = s;
        return hc_list_val(l, HC_GT_LIST);
    }
    struct hc_map *m = hc_map_new(&c->arena, 1);
    if (!m || hc_map_set(&c->arena, m, "Error", 5, s) != HC_OK)
        return hc_null();
    return hc_map_val(m, HC_GT_MAP);
}

/* The JSON kind of the top-level value of src, from its first non-space byte. */
static const char *json_top_kind(const char *src, size_t len)
{
    size_t i = 0;
    while (i < len && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r'))
        i++;
    if (i == len)
        return "";
    switch (src[i]) {
    case '{':
        return "object";
    case '[':
        return "array";
    case '"':
        return "string";
    case 't':
    case 'f':
        return "bool";
    case 'n':
        return "null";
    default:
        return "number";
    }
}

/*
 * The value Helm's from* function returns for input src.  When a number in an object does not
 * fit a float64, Go's fromJson keeps the rest of the object beside its "Error" entry: if
 * hc_json_read hands back that partial value it is compared whole, otherwise *partial is set
 * and only the "Error" entry can be compared.
 */
static hc_val from_value(struct ctx *c, const char *fn, const char *src, size_t len, bool *partial)
{
    bool yaml = strncmp(fn, "fromYaml", 8) == 0;
    bool array = strstr(fn, "Array") != NULL;
    const char *want_type = array ? "[]interface {}" : "map[string]interface {}";
    const char *prefix = yaml ? "error unmarshaling JSON: while decoding JSON: " : "";
    char msg[512];
    struct hc_error err;
    hc_error_init(&err);
    hc_val v = hc_missing();
    hc_status rc;
    *partial = false;
    if (yaml) {
        struct hc_yaml_read_opts opts = {0};
        rc = hc_yaml_read(&c->arena, src, len, &opts, &v, &err);
    } else {
        rc = hc_json_read(&c->arena, src, len, &v, &err);
    }
    if (rc != HC_OK) {
        const char *m = hc_error_msg(&err);
        const char *top = json_top_kind(src, len);
        /* Go checks the top-level kind against the target before converting a number */
        if (!yaml && strncmp(m, "json: cannot unmarshal ", 23) == 0 &&
            strcmp(top, array ? "array" : "object") != 0 && strcmp(top, "null") != 0)
            snprintf(msg, sizeof msg, "json: cannot unmarshal %s into Go value of type %s", top,
                     want_type);
        else
            snprintf(msg, sizeof msg, "%s", m);
        *partial = !yaml && !array && strncmp(m, "json: cannot unmarshal ", 23) == 0 &&
                   strcmp(top, "object") == 0;
        hc_error_release(&err);
        if (*partial && v.kind == HC_MAP && v.u.m) {
            /* the reader handed back what Go decoded around the bad number: m["Error"] = ... */
            hc_val s;
            if (hc_str_dup(&c->arena, msg, strlen(msg), &s) == HC_OK &&
                hc_map_set(&c->arena, v.u.m, "Error", 5, s) == HC_OK) {
                *partial = false;
                return v;
            }
        }
        return error_value(c, array, msg);
    }
    if (is_nil(v)) {
        /* sigs.k8s.io/yaml leaves the target as it was; encoding/json sets it to nil */
        if (!yaml)
            return hc_null();
        if (array)
            return hc_list_val(hc_list_new(&c->arena, 0), HC_GT_LIST);
        return hc_map_val(hc_map_new(&c->arena, 0), HC_GT_MAP);
    }
    if (v.kind == (array ? HC_LIST : HC_MAP))
        return v;
    snprintf(msg, sizeof msg, "%sjson: cannot unmarshal %s into Go value of type %s", prefix,
             json_kind(v), want_type);
    return error_value(c, array, msg);
}

static void check_from(struct ctx *c, const struct rec *input, const struct rec *r)
{
    char fn[32];
    snprintf(fn, sizeof fn, "%.*s", (int)r->wlen, r->what);
    bool partial;
    hc_val v = from_value(c, fn, input->data, input->len, &partial);
    struct hc_buf out = HC_BUF_INIT;
    struct hc_error err;
    hc_buf_init(&out, 0);
    hc_error_init(&err);
    c->checks++;
    if (hc_json_write(&out, v, 0, &err) != HC_OK) {
        const char *msg = hc_error_msg(&err);
        mismatch(c, r, fn, "toJson of the result fails", r->data, r->len, msg, strlen(msg));
    } else if (out.len != r->len || memcmp(out.data, r->data, r->len) != 0) {
        /* {"Error":"..."} must then be the start of {"Error":"...","a":null} */
        bool prefix_ok = partial && out.len > 1 && r->len > out.len &&
                         memcmp(out.data, r->data, out.len - 1) == 0 && r->data[out.len - 1] == ',';
        if (prefix_ok)
            c->partial++;
        else
            mismatch(c, r, fn, "output differs", r->data, r->len, hc_buf_str(&out), out.len);
    }
    hc_error_release(&err);
    hc_buf_release(&out);
}

static void check_values_file(struct ctx *c, const struct rec *input, const struct rec *r)
{
    struct hc_error err;
    hc_error_init(&err);
    hc_val vals;
    hc_status rc = load_values(&c->arena, input->data, input->len, &vals, &err);
    const char *msg = hc_error_msg(&err);
    if (is_what(r, "values!")) {
        c->checks++;
        if (rc == HC_OK)
            mismatch(c, r, "values", "should fail but loaded", r->data, r->len, NULL, 0);
        else if (strlen(msg) != r->len || memcmp(msg, r->data, r->len) != 0)
            mismatch(c, r, "values", "fails with another message", r->data, r->len, msg,
                     strlen(msg));
    } else if (rc != HC_OK) {
        c->checks++;
        mismatch(c, r, "values", "fails", r->data, r->len, msg, strlen(msg));
    } else {
        const struct fn *f = &fns[is_what(r, "values.toYaml") ? FN_TO_YAML : FN_TO_JSON];
        check_fn(c, r, f, false, r->data, r->len, vals);
    }
    hc_error_release(&err);
}

static void run_inputs(struct ctx *c)
{
    struct golden *g = c->g;
    const struct rec *input = NULL;
    for (size_t i = 0; i < g->n; i++) {
        const struct rec *r = &g->recs[i];
        if (is_what(r, "input")) {
            input = r;
        } else if (!input || !same_case(input, r)) {
            c->failures++;
            fprintf(stderr, "[golden] %s: case %.*s has no input record\n", g->file, (int)r->nlen,
                    r->name);
        } else if (r->wlen > 6 && memcmp(r->what, "values", 6) == 0) {
            check_values_file(c, input, r);
        } else {
            check_from(c, input, r);
        }
    }
}

/* ---- exprs mode: the few template expressions the cases use ---- */

struct parser {
    struct ctx *c;
    const char *s, *end;
    int depth;
};

static void skip_space(struct parser *p)
{
    while (p->s < p->end && *p->s == ' ')
        p->s++;
}

static bool b64_decode(struct hc_arena *a, const char *s, size_t n, hc_val *out)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (n % 4 != 0)
        return false;
    char *buf = hc_arena_alloc(a, n / 4 * 3 + 1);
    if (!buf)
        return false;
    size_t o = 0;
    for (size_t i = 0; i < n; i += 4) {
        unsigned acc = 0;
        int pad = 0;
        for (int k = 0; k < 4; k++) {
            const char *q = s[i + k] == '=' ? NULL : strchr(alphabet, s[i + k]);
            if (s[i + k] == '=')
                pad++;
            else if (!q || s[i + k] == '\0' || pad)
                return false;
            acc = acc << 6 | (q ? (unsigned)(q - alphabet) : 0);
        }
        buf[o++] = (char)(acc >> 16);
        if (pad < 2)
            buf[o++] = (char)(acc >> 8 & 0xff);
        if (pad < 1)
            buf[o++] = (char)(acc & 0xff);
    }
    *out = hc_strn(buf, o);
    return true;
}

static bool parse_string(struct parser *p, const char **s, size_t *n)
{
    if (p->s >= p->end || *p->s != '"')
        return false;
    const char *q = memchr(p->s + 1, '"', (size_t)(p->end - p->s - 1));
    if (!q)
        return false;
    *s = p->s + 1;
    *n = (size_t)(q - p->s - 1);
    p->s = q + 1;
    return true;
}

static bool parse_call(struct parser *p, hc_val *out);

/* arg := STRING | '(' call ')' */
static bool parse_arg(struct parser *p, hc_val *out)
{
    skip_space(p);
    if (p->s < p->end && *p->s == '(') {
        p->s++;
        if (!parse_call(p, out))
            return false;
        skip_space(p);
        if (p->s >= p->end || *p->s != ')')
            return false;
        p->s++;
        return true;
    }
    const char *s;
    size_t n;
    if (!parse_string(p, &s, &n))
        return false;
    *out = hc_strn(s, n);
    return true;
}

static bool at_arg(struct parser *p)
{
    skip_space(p);
    return p->s < p->end && (*p->s == '"' || *p->s == '(');
}

/* call := NAME arg*  (NAME: float64, int64, b64dec, list, dict) | STRING */
static bool parse_call(struct parser *p, hc_val *out)
{
    struct hc_arena *a = &p->c->arena;
    skip_space(p);
    if (p->s < p->end && *p->s == '"')
        return parse_arg(p, out);
    if (++p->depth > MAX_EXPR_DEPTH)
        return false;
    const char *name = p->s;
    while (p->s < p->end && ((*p->s >= 'a' && *p->s <= 'z') || (*p->s >= '0' && *p->s <= '9')))
        p->s++;
    size_t nlen = (size_t)(p->s - name);
    hc_val args[32];
    size_t nargs = 0;
    while (at_arg(p)) {
        if (nargs == ARRAY_LEN(args) || !parse_arg(p, &args[nargs++]))
            return false;
    }
    p->depth--;
#define IS(lit) (nlen == sizeof(lit) - 1 && memcmp(name, lit, nlen) == 0)
    if (IS("float64") || IS("int64") || IS("b64dec")) {
        if (nargs != 1 || args[0].kind != HC_STRING || args[0].len > 64)
            return false;
        char num[65];
        memcpy(num, args[0].u.s, args[0].len);
        num[args[0].len] = '\0';
        char *end;
        errno = 0;
        if (IS("float64")) {
            *out = hc_float(strtod(num, &end)); /* "NaN", "+Inf", "-0", "5e-324" */
            return *end == '\0';
        }
        if (IS("int64")) {
            *out = hc_int(strtoll(num, &end, 10));
            return *end == '\0' && errno == 0;
        }
        return b64_decode(a, args[0].u.s, args[0].len, out);
    }
    if (IS("list")) {
        struct hc_list *l = hc_list_new(a, nargs);
        if (!l)
            return false;
        for (size_t i = 0; i < nargs; i++)
            l->items[i] = args[i];
        *out = hc_list_val(l, HC_GT_LIST);
        return true;
    }
    if (IS("dict")) {
        struct hc_map *m = hc_map_new(a, nargs / 2);
        if (!m || nargs % 2 != 0)
            return false;
        for (size_t i = 0; i < nargs; i += 2)
            if (args[i].kind != HC_STRING ||
                hc_map_set(a, m, args[i].u.s, args[i].len, args[i + 1]) != HC_OK)
                return false;
        *out = hc_map_val(m, HC_GT_MAP);
        return true;
    }
#undef IS
    return false;
}

static void run_exprs(struct ctx *c)
{
    struct golden *g = c->g;
    for (size_t i = 0, end; i < g->n; i = end) {
        for (end = i + 1; end < g->n && same_case(&g->recs[i], &g->recs[end]); end++)
            ;
        const struct rec *r = &g->recs[i];
        struct parser p = {c, r->data, r->data + r->len, 0};
        hc_val v;
        if (!is_what(r, "expr") || !parse_call(&p, &v) || (skip_space(&p), p.s != p.end)) {
            c->checks++;
            mismatch(c, r, "expr", "the test cannot build this expression", r->data, r->len, NULL,
                     0);
            continue;
        }
        check_value_case(c, i, end, v);
    }
}

/* ---- one cmocka test per golden file ---- */

static void run_golden_file(void **state)
{
    const char *file = *state;
    char path[512];
    snprintf(path, sizeof path, "%s/expected/%s", GOLDEN_DIR, file);
    struct golden g = {0};
    g.file = file;
    g.buf = read_file(path, &g.size);
    if (!g.buf)
        fail_msg("cannot read %s", path);
    if (!golden_parse(&g)) {
        free(g.recs);
        free(g.buf);
        fail_msg("%s: not a golden file", path);
    }
    struct ctx c = {.g = &g};
    hc_arena_init(&c.arena, 0);
    if (strcmp(g.mode, "values") == 0)
        run_values(&c);
    else if (strcmp(g.mode, "inputs") == 0)
        run_inputs(&c);
    else if (strcmp(g.mode, "exprs") == 0)
        run_exprs(&c);
    else
        c.failures++;
    hc_arena_free(&c.arena);
    free(g.recs);
    free(g.buf);
    if (c.partial)
        fprintf(stderr, "[golden] %s: %d fromJson results checked only for their Error entry\n",
                file, c.partial);
    if (c.failures)
        fail_msg("%s: %d of %d checks failed", file, c.failures, c.checks);
    print_message("[golden] %s: %d checks passed\n", file, c.checks);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/expected", GOLDEN_DIR);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s\n", dir);
        return 1;
    }
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < ARRAY_LEN(names)) {
        size_t len = strlen(e->d_name);
        if (len > 7 && strcmp(e->d_name + len - 7, ".golden") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n == 0) {
        fprintf(stderr, "no golden files in %s\n", dir);
        return 1;
    }
    qsort(names, n, sizeof names[0], by_name);
    struct CMUnitTest tests[ARRAY_LEN(names)];
    for (size_t i = 0; i < n; i++)
        tests[i] = (struct CMUnitTest){names[i], run_golden_file, NULL, NULL, names[i]};
    int rc = _cmocka_run_group_tests("golden_yamljson", tests, n, NULL, NULL);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    return rc;
}
