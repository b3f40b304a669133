/*
 * test_funcs_core.c - Sprig's shared conversions (funcs/cast.h) and the core
 * function families (lists, dicts, math, convert, defaults, flow, reflect).
 *
 * The table tests call the conversions directly; the .tcase files of
 * tests/funcs/core/ (convert.py writes them from the shared conformance
 * corpus) run every snippet of the families' areas through the template
 * executor, wrapped as the conformance runner wraps it, and compare with
 * what helm v4.1.4 printed: output byte for byte, errors as Helm words them.
 * Functions of other families that the snippets call (toJson, sortAlpha,
 * include, ...) are test stand-ins (template_stubs.h and below).
 */
#include "test.h"

#include <math.h>
#include <pthread.h>

#include "funcs/cast.h"
#include "funcs/funcs.h"
#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "helmc/template.h"
#include "json/json.h"
#include "template/builtins.h"
#include "template/exec.h"
#include "template/func.h"
#include "yaml/yaml.h"

#include "template_stubs.h"

static struct hc_arena test_arena;

static int setup(void **state)
{
    (void)state;
    hc_arena_init(&test_arena, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hc_arena_free(&test_arena);
    return 0;
}

static hc_val S(const char *s)
{
    return hc_cstr(s);
}

/* cast.ToInt64 of strings: strconv.ParseInt(trimZeroDecimal(s), 0, 64), else 0. */
static void test_cast_int64_strings(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool ok;
        int64_t want;
    } rows[] = {
        {"0x1F",                    true,  31       },
        {"0X1f",                    true,  31       },
        {"010",                     true,  8        },
        {"0b101",                   true,  5        },
        {"0o17",                    true,  15       },
        {"0",                       true,  0        },
        {"-0",                      true,  0        },
        {"+7",                      true,  7        },
        {"1_000",                   true,  1000     },
        {"_1000",                   false, 0        },
        {"1__0",                    false, 0        },
        {"0x_1F",                   true,  31       },
        {"2.0",                     true,  2        },
        {"2.000",                   true,  2        },
        {"2.5",                     false, 0        },
        {"2.",                      false, 0        },
        {"1e3",                     false, 0        },
        {" 3",                      false, 0        },
        {"3 ",                      false, 0        },
        {"",                        false, 0        },
        {"0x",                      false, 0        },
        {"08",                      false, 0        },
        {"9223372036854775807",     true,  INT64_MAX},
        {"9223372036854775808",     false, 0        },
        {"-9223372036854775808",    true,  INT64_MIN},
        {"-9223372036854775809",    false, 0        },
        {"99999999999999999999999", false, 0        },
        {"abc",                     false, 0        },
        {".0",                      false, 0        }, /* trimmed to "" */
        {"0.0",                     true,  0        },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        int64_t got = -1;
        bool ok = hc_cast_int64(S(rows[i].in), &got);
        if (ok != rows[i].ok || got != rows[i].want)
            fail_msg("%s: got %d %lld", rows[i].in, ok, (long long)got);
    }
}

static void test_cast_int64_kinds(void **state)
{
    (void)state;
    int64_t i;
    assert_true(hc_cast_int64(hc_float(2.9), &i));
    assert_int_equal(i, 2);
    assert_true(hc_cast_int64(hc_float(-2.9), &i));
    assert_int_equal(i, -2);
    assert_true(hc_cast_int64(hc_float(NAN), &i));
    assert_true(i == INT64_MIN);
    assert_true(hc_cast_int64(hc_float(1e19), &i));
    assert_true(i == INT64_MIN);
    assert_true(hc_cast_int64(hc_bool(true), &i));
    assert_int_equal(i, 1);
    assert_true(hc_cast_int64(hc_null(), &i));
    assert_int_equal(i, 0);
    assert_true(hc_cast_int64(hc_missing(), &i));
    assert_false(hc_cast_int64(hc_map_val(NULL, HC_GT_MAP), &i));
    assert_int_equal(i, 0);
}

static void test_cast_float64(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool ok;
        double want;
    } rows[] = {
        {"2.5",     true,  2.5   },
        {"1e3",     true,  1000  },
        {"0x1p4",   true,  16    },
        {"0x1.8p1", true,  3     },
        {"1_000.5", true,  1000.5},
        {".5",      true,  0.5   },
        {"5.",      true,  5     },
        {"-0.25",   true,  -0.25 },
        {"1e400",   false, 0     },
        {"1e-400",  true,  0     },
        {" 1",      false, 0     },
        {"0x1F",    false, 0     },
        {"",        false, 0     },
        {".",       false, 0     },
        {"1e",      false, 0     },
        {"1_",      false, 0     },
        {"010",     true,  10    },
        {"1.5.5",   false, 0     },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        double got = -1;
        bool ok = hc_cast_float64(S(rows[i].in), &got);
        if (ok != rows[i].ok || got != rows[i].want)
            fail_msg("%s: got %d %g", rows[i].in, ok, got);
    }
    double f;
    assert_true(hc_cast_float64(S("Inf"), &f) && isinf(f) && f > 0);
    assert_true(hc_cast_float64(S("-infinity"), &f) && isinf(f) && f < 0);
    assert_true(hc_cast_float64(S("NaN"), &f) && isnan(f));
    assert_false(hc_cast_float64(S("+nan"), &f));
    assert_false(hc_cast_float64(S("infin"), &f));
    assert_true(hc_cast_float64(hc_int(-3), &f) && f == -3);
}

static void test_cast_strval_strslice(void **state)
{
    (void)state;
    hc_val out;
    assert_int_equal(hc_cast_strval(&test_arena, hc_null(), &out), HC_OK);
    assert_true(hc_val_is_str(out, "<nil>", 5));
    assert_int_equal(hc_cast_strval(&test_arena, hc_float(1e6), &out), HC_OK);
    assert_true(hc_val_is_str(out, "1e+06", 5));
    assert_int_equal(hc_cast_strval(&test_arena, hc_int(-4), &out), HC_OK);
    assert_true(hc_val_is_str(out, "-4", 2));

    struct hc_list *l = hc_list_new(&test_arena, 3);
    l->items[0] = hc_int(1);
    l->items[1] = hc_null();
    l->items[2] = S("x");
    assert_int_equal(hc_cast_strslice(&test_arena, hc_list_val(l, HC_GT_LIST), &out), HC_OK);
    assert_int_equal(out.gotype, HC_GT_STRLIST);
    assert_int_equal(out.u.l->len, 2);
    assert_true(hc_val_is_str(out.u.l->items[0], "1", 1));
    assert_true(hc_val_is_str(out.u.l->items[1], "x", 1));
    assert_int_equal(hc_cast_strslice(&test_arena, hc_null(), &out), HC_OK);
    assert_int_equal(out.u.l->len, 0);
    assert_int_equal(hc_cast_strslice(&test_arena, hc_bool(true), &out), HC_OK);
    assert_int_equal(out.u.l->len, 1);
    assert_true(hc_val_is_str(out.u.l->items[0], "true", 4));
}

/* ---- stand-ins for other families' functions the snippets call ---- */

/* Helm's toJson: json.Marshal, "" on error. */
static hc_status extra_to_json(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    if (hc_json_write(&b, args[0], 0, &err) != HC_OK)
        hc_buf_reset(&b);
    hc_error_release(&err);
    if (b.len == 0) {
        hc_buf_release(&b);
        *out = hc_strn("", 0);
        return HC_OK;
    }
    return stub_str(call, &b, out);
}

static int extra_cmp_str(const void *a, const void *b)
{
    const hc_val *x = a, *y = b;
    return hc_strcmp(x->u.s, x->len, y->u.s, y->len);
}

/* Sprig's sortAlpha: strslice of a list, sorted; a one-element list of strval otherwise. */
static hc_status extra_sort_alpha(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val l;
    hc_val v = args[0];
    if (v.kind != HC_LIST) {
        struct hc_list *one = hc_list_new(call->arena, 1);
        if (!one || hc_cast_strval(call->arena, v, &one->items[0]) != HC_OK)
            return hc_error_nomem(call->err);
        *out = hc_list_val(one, HC_GT_STRLIST);
        return HC_OK;
    }
    if (hc_cast_strslice(call->arena, v, &l) != HC_OK)
        return hc_error_nomem(call->err);
    uint32_t len = l.u.l ? l.u.l->len : 0;
    struct hc_list *r = hc_list_new(call->arena, len);
    if (!r)
        return hc_error_nomem(call->err);
    if (len)
        memcpy(r->items, l.u.l->items, len * sizeof(hc_val));
    qsort(r->items, r->len, sizeof(hc_val), extra_cmp_str);
    *out = hc_list_val(r, HC_GT_STRLIST);
    return HC_OK;
}

/* Sprig's splitList: strings.Split (a non-empty separator). */
static hc_status extra_split_list(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val sep = args[0], s = args[1];
    struct hc_listb b;
    hc_listb_init(&b, call->arena);
    size_t start = 0;
    for (size_t i = 0; sep.len > 0 && i + sep.len <= s.len;) {
        if (memcmp(s.u.s + i, sep.u.s, sep.len) == 0) {
            if (hc_listb_push(&b, hc_strn(s.u.s + start, i - start)) != HC_OK)
                return hc_error_nomem(call->err);
            i += sep.len;
            start = i;
        } else {
            i++;
        }
    }
    if (hc_listb_push(&b, hc_strn(s.u.s + start, s.len - start)) != HC_OK)
        return hc_error_nomem(call->err);
    struct hc_list *l = hc_listb_finish(&b);
    if (!l)
        return hc_error_nomem(call->err);
    *out = hc_list_val(l, HC_GT_STRLIST);
    return HC_OK;
}

/* Sprig's join: strslice joined by sep. */
static hc_status extra_join(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val l;
    if (hc_cast_strslice(call->arena, args[1], &l) != HC_OK)
        return hc_error_nomem(call->err);
    struct hc_buf b = HC_BUF_INIT;
    for (uint32_t i = 0; l.u.l && i < l.u.l->len; i++) {
        if (i)
            hc_buf_add(&b, args[0].u.s, args[0].len);
        hc_buf_add(&b, l.u.l->items[i].u.s, l.u.l->items[i].len);
    }
    return stub_str(call, &b, out);
}

/* Helm's required: fails with the message for nil and "". */
static hc_status extra_required(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val v = args[1];
    if (v.kind == HC_NULL || v.kind == HC_MISSING || (v.kind == HC_STRING && v.len == 0))
        return hc_call_fail(call, "HELM_ERR_START%.*sHELM_ERR_END", (int)args[0].len, args[0].u.s);
    *out = v;
    return HC_OK;
}

static const struct hc_func extra_funcs[] = {
    {"join",      extra_join,       "sa", 0},
    {"required",  extra_required,   "sa", 0},
    {"sortAlpha", extra_sort_alpha, "a",  0},
    {"splitList", extra_split_list, "ss", 0},
    {"toJson",    extra_to_json,    "a",  0},
};

/* ---- .tcase files (format: tests/template/tcase.py) ---- */

#define TCASE_DIR          HELMC_SOURCE_DIR "/tests/funcs/core"
#define VALUES_FILE        HELMC_SOURCE_DIR "/tests/template/values.yaml"
#define TCASE_THREAD_STACK ((size_t)64 << 20)
#define TCASE_STACK_BUDGET ((size_t)48 << 20)
#define CASE_FILE          "confchart/templates/c0.yaml"
#define DEFS_FILE          "confchart/templates/_c0_defs.tpl"

/* cmocka's asserts longjmp, which the tcase thread must not do: its helpers abort instead. */
#define REQUIRE(x)                                                         \
    do {                                                                   \
        if (!(x)) {                                                        \
            fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #x); \
            abort();                                                       \
        }                                                                  \
    } while (0)

static struct hc_funcset funcs;
static struct hc_arena values_arena;
static hc_val shared_values;

/* Snippets whose helm answer needs something the value model does not hold. */
static const char *const known_gaps[][2] = {
  /* Objects this harness does not model: .Files, .Capabilities' fields. */
    {"reflect/typeOf_release_parts",       "the type engine.files"   },
    {"reflect/kindOf_release_parts",       "the .Files object"       },
    {"reflect/typeOf_capabilities_fields", "the .Capabilities fields"},
};

/* .Capabilities, reduced to what the snippets read: KubeVersion and APIVersions.Has. */
static enum hc_obj_member caps_member(const struct hc_obj *o, const char *name, size_t len,
                                      struct hc_arena *arena, hc_val *field,
                                      const struct hc_func **method)
{
    (void)o;
    (void)arena;
    (void)method;
    if (len == 11 && memcmp(name, "KubeVersion", 11) == 0) {
        struct hc_map *m = hc_map_new(arena, 3);
        REQUIRE(m != NULL);
        REQUIRE(hc_map_set(arena, m, "Version", 7, hc_cstr("v1.31.0")) == HC_OK);
        REQUIRE(hc_map_set(arena, m, "Major", 5, hc_cstr("1")) == HC_OK);
        REQUIRE(hc_map_set(arena, m, "Minor", 5, hc_cstr("31")) == HC_OK);
        *field = hc_map_val(m, HC_GT_STRMAP);
        return HC_OBJ_FIELD;
    }
    return HC_OBJ_NONE;
}

static const struct hc_obj_exec caps_exec = {.member = caps_member, .underlying = NULL};
static const struct hc_obj_type caps_type = {"*common.Capabilities", "ptr", NULL, NULL, &caps_exec};
static int caps_data;
static struct hc_obj caps_obj = {&caps_type, &caps_data};

/* common.Values: Helm's named map type (the dot, .Values, .Template), no methods here. */
static hc_val values_underlying(const struct hc_obj *o)
{
    return hc_map_val(o->data, HC_GT_MAP);
}

static void values_print(const struct hc_obj *o, struct hc_buf *b)
{
    hc_val m = hc_map_val(o->data, HC_GT_MAP);
    hc_gofmt_sprint(b, &m, 1);
}

static enum hc_obj_member values_member(const struct hc_obj *o, const char *name, size_t len,
                                        struct hc_arena *arena, hc_val *field,
                                        const struct hc_func **method)
{
    (void)o;
    (void)name;
    (void)len;
    (void)arena;
    (void)field;
    (void)method;
    return HC_OBJ_NONE;
}

static const struct hc_obj_exec values_exec = {.member = values_member,
                                               .underlying = values_underlying};
static const struct hc_obj_fmt values_fmt = {values_print, false, NULL, NULL};
static const struct hc_obj_type values_type = {"common.Values", "map", NULL, &values_fmt,
                                               &values_exec};

/* A common.Values object over map m (allocated in a). */
static hc_val common_values(struct hc_arena *a, hc_val m)
{
    if (m.kind != HC_MAP)
        return m;
    struct hc_obj *o = hc_arena_alloc(a, sizeof *o);
    REQUIRE(o != NULL);
    o->type = &values_type;
    o->data = m.u.m;
    return hc_obj_val(o);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct hc_buf b = HC_BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hc_buf_add(&b, chunk, n);
    fclose(f);
    hc_buf_addc(&b, '\0');
    hc_buf_truncate(&b, b.len - 1);
    return hc_buf_detach(&b, len);
}

enum { S_TEMPLATE, S_DEFS, S_VALUES, S_OPTIONS, S_WANT, S_ERROR, S_COUNT };
static const char *const section_names[S_COUNT] = {"template", "defs", "values",
                                                   "options",  "want", "error"};

struct section {
    const char *s;
    size_t n;
    bool present;
};

struct tcase {
    const char *name;
    size_t name_len;
    int line;
    struct section sec[S_COUNT];
};

static int section_of(const char *line, size_t n)
{
    for (int i = 0; i < S_COUNT; i++)
        if (n == 4 + strlen(section_names[i]) && memcmp(line, "--- ", 4) == 0 &&
            memcmp(line + 4, section_names[i], n - 4) == 0)
            return i;
    return -1;
}

/* Splits text into cases; the sections point into text.  Returns the count. */
static size_t parse_tcases(const char *text, size_t len, struct tcase *cases, size_t max)
{
    size_t ncases = 0;
    struct tcase *cur = NULL;
    struct section *sec = NULL;
    int lineno = 0;
    if (len > 0 && text[len - 1] == '\n')
        len--;
    for (size_t pos = 0; pos <= len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        lineno++;
        int s;
        if (n >= 4 && memcmp(line, "=== ", 4) == 0) {
            if (sec)
                sec->n = (size_t)(line - sec->s) - (line > sec->s ? 1 : 0);
            REQUIRE(ncases < max);
            cur = &cases[ncases++];
            memset(cur, 0, sizeof *cur);
            cur->name = line + 4;
            cur->name_len = n - 4;
            cur->line = lineno;
            sec = NULL;
        } else if (cur && (s = section_of(line, n)) >= 0) {
            if (sec)
                sec->n = (size_t)(line - sec->s) - (line > sec->s ? 1 : 0);
            sec = &cur->sec[s];
            sec->present = true;
            sec->s = nl ? nl + 1 : text + len;
        }
        if (!nl) {
            if (sec)
                sec->n = (size_t)(text + len - sec->s);
            break;
        }
        pos += n + 1;
    }
    return ncases;
}

/* Helm's cleanupParseError. */
static void helm_parse_error(struct hc_buf *b, const char *msg)
{
    const char *first = strstr(msg, ": ");
    if (!first) {
        hc_buf_printf(b, "parse error in (%s): %s", CASE_FILE, msg);
        return;
    }
    const char *loc = first + 2, *loc_end = strstr(loc, ": ");
    const char *last = first;
    for (const char *p = first; (p = strstr(p + 1, ": ")) != NULL;)
        last = p;
    hc_buf_adds(b, "parse error at (");
    hc_buf_add(b, loc, loc_end ? (size_t)(loc_end - loc) : strlen(loc));
    hc_buf_printf(b, "): %s", last + 2);
}

static void put(struct hc_arena *a, struct hc_map *m, const char *k, hc_val v)
{
    REQUIRE(hc_map_set(a, m, k, strlen(k), v) == HC_OK);
}

/* The top-level dot of a Helm render of the conformance chart (what the snippets read). */
static hc_val helm_dot(struct hc_arena *a, hc_val values)
{
    struct hc_map *top = hc_map_new(a, 0), *rel = hc_map_new(a, 0), *chart = hc_map_new(a, 0);
    struct hc_map *tmpl = hc_map_new(a, 0);
    REQUIRE(top && rel && chart && tmpl);
    put(a, rel, "IsInstall", hc_bool(true));
    put(a, rel, "IsUpgrade", hc_bool(false));
    put(a, rel, "Name", hc_cstr("rel"));
    put(a, rel, "Namespace", hc_cstr("ns1"));
    put(a, rel, "Revision", hc_int_typed(1, HC_GT_INT));
    put(a, rel, "Service", hc_cstr("Helm"));
    static const char *const strs[][2] = {
        {"APIVersion",  "v2"                                                     },
        {"AppVersion",  "4.5.6"                                                  },
        {"Condition",   ""                                                       },
        {"Description", "A throwaway chart for template-engine conformance cases"},
        {"Home",        "https://example.com/confchart"                          },
        {"Icon",        "https://example.com/icon.png"                           },
        {"KubeVersion", ">=1.20.0-0"                                             },
        {"Name",        "confchart"                                              },
        {"Tags",        ""                                                       },
        {"Type",        "application"                                            },
        {"Version",     "1.2.3-rc.1+build.7"                                     },
    };
    for (size_t i = 0; i < ARRAY_LEN(strs); i++)
        put(a, chart, strs[i][0], hc_cstr(strs[i][1]));
    struct hc_map *ann = hc_map_new(a, 0);
    REQUIRE(ann != NULL);
    put(a, ann, "category", hc_cstr("Testing"));
    put(a, ann, "example.com/flag", hc_cstr("true"));
    put(a, chart, "Annotations", hc_map_val(ann, HC_GT_STRMAP));
    put(a, chart, "Dependencies", hc_list_val(hc_list_new(a, 0), HC_GT_LIST));
    put(a, chart, "Deprecated", hc_bool(false));
    put(a, chart, "IsRoot", hc_bool(true));
    struct hc_list *kw = hc_list_new(a, 2), *mt = hc_list_new(a, 2);
    struct hc_map *m1 = hc_map_new(a, 0), *m2 = hc_map_new(a, 0);
    REQUIRE(kw && mt && m1 && m2);
    kw->items[0] = hc_cstr("conformance");
    kw->items[1] = hc_cstr("templates");
    put(a, chart, "Keywords", hc_list_val(kw, HC_GT_LIST));
    put(a, m1, "Email", hc_cstr("jane@example.com"));
    put(a, m1, "Name", hc_cstr("Jane Doe"));
    put(a, m1, "URL", hc_cstr("https://example.com/jane"));
    put(a, m2, "Email", hc_cstr(""));
    put(a, m2, "Name", hc_cstr("John Roe"));
    put(a, m2, "URL", hc_cstr(""));
    mt->items[0] = hc_map_val(m1, HC_GT_MAP);
    mt->items[1] = hc_map_val(m2, HC_GT_MAP);
    put(a, chart, "Maintainers", hc_list_val(mt, HC_GT_LIST));
    put(a, tmpl, "Name", hc_cstr(CASE_FILE));
    put(a, tmpl, "BasePath", hc_cstr("confchart/templates"));
    put(a, top, "Values", common_values(a, values));
    put(a, top, "Release", hc_map_val(rel, HC_GT_MAP));
    put(a, top, "Chart", hc_map_val(chart, HC_GT_MAP));
    put(a, top, "Template", common_values(a, hc_map_val(tmpl, HC_GT_MAP)));
    put(a, top, "Capabilities", hc_obj_val(&caps_obj));
    return common_values(a, hc_map_val(top, HC_GT_MAP));
}

enum result { PASS, FAIL, SKIP };

struct run {
    struct hc_buf out; /* the output, or helm's error text */
    bool failed;       /* an error instead of output */
    struct hc_buf why; /* a skip's reason */
};

/* Parses and executes the case as the conformance runner wraps it. */
static void run_case(const struct tcase *tc, struct run *r)
{
    hc_buf_init(&r->out, 0);
    hc_buf_init(&r->why, 0);
    r->failed = false;
    struct hc_tmpl_set *set = hc_tmpl_set_new(&funcs, 0);
    REQUIRE(set != NULL);
    struct hc_arena arena;
    hc_arena_init(&arena, 256u << 20);
    struct hc_error err;
    hc_error_init(&err);
    struct stub_state st;
    memset(&st, 0, sizeof st);

    struct hc_buf text = HC_BUF_INIT;
    hc_buf_adds(&text, "{{- define \"case0\" }}");
    hc_buf_add(&text, tc->sec[S_TEMPLATE].s, tc->sec[S_TEMPLATE].n);
    hc_buf_adds(&text, "{{ end }}\nout: {{ include \"case0\" . | b64enc | quote }}\n");
    hc_status rc = hc_tmpl_parse(set, CASE_FILE, hc_buf_str(&text), text.len, &err);
    if (rc == HC_OK && tc->sec[S_DEFS].present)
        rc = hc_tmpl_parse(set, DEFS_FILE, tc->sec[S_DEFS].s, tc->sec[S_DEFS].n, &err);
    hc_buf_release(&text);
    if (rc != HC_OK) {
        const char *m = hc_error_msg(&err), *nd = strstr(m, "function \"");
        r->failed = true;
        helm_parse_error(&r->out, m);
        if (nd && strstr(nd, "\" not defined"))
            hc_buf_printf(&r->why, "needs %.*s", (int)(strchr(nd + 10, '"') - nd - 10), nd + 10);
        goto out;
    }

    hc_val values = shared_values;
    if (tc->sec[S_VALUES].present) {
        rc = hc_yaml_read(&arena, tc->sec[S_VALUES].s, tc->sec[S_VALUES].n, NULL, &values, &err);
        REQUIRE(rc == HC_OK);
    } else {
        /* the snippets may change the values (set, merge): each gets its own copy */
        REQUIRE(hc_val_copy(&arena, shared_values, false, &values) == HC_OK);
    }
    hc_val dot = helm_dot(&arena, values);
    int *count = stub_count(&st, "case0", 5); /* the wrapper's include */
    REQUIRE(count != NULL);
    *count = 1;
    struct hc_exec_opts opts = {.missing_key = HC_MISSINGKEY_ZERO,
                                .max_output = 64u << 20,
                                .user = &st,
                                .name = "gotpl",
                                .max_stack = TCASE_STACK_BUDGET};
    rc = hc_tmpl_execute(set, "case0", 5, dot, &arena, &opts, &r->out, &err);
    if (rc != HC_OK) {
        /* the wrapper's include is on the line after the snippet */
        int line = 2;
        for (size_t i = 0; i < tc->sec[S_TEMPLATE].n; i++)
            line += tc->sec[S_TEMPLATE].s[i] == '\n';
        struct hc_buf full = HC_BUF_INIT;
        hc_buf_printf(&full,
                      "template: " CASE_FILE ":%d:8: executing \"" CASE_FILE
                      "\" at <include \"case0\" .>: error calling include: ",
                      line);
        hc_buf_adds(&full, hc_error_msg(&err));
        hc_buf_reset(&r->out);
        hc_exec_helm_error(&r->out, hc_buf_str(&full), full.len, CASE_FILE);
        hc_buf_release(&full);
        r->failed = true;
        const char *m = hc_error_msg(&err);
        if (strstr(m, ": not available in this test"))
            hc_buf_adds(&r->why, "a stand-in function");
    }
out:
    for (int i = 0; i < st.nnames; i++)
        free(st.names[i]);
    for (int i = 0; i < st.nclones; i++)
        hc_tmpl_set_free(st.clones[i]);
    hc_error_release(&err);
    hc_arena_free(&arena);
    hc_tmpl_set_free(set);
}

static enum result check_case(const struct tcase *tc, struct run *r, struct hc_buf *report)
{
    const struct section *want = &tc->sec[r->failed ? S_ERROR : S_WANT];
    bool expect_error = tc->sec[S_ERROR].present;
    for (size_t i = 0; i < ARRAY_LEN(known_gaps); i++)
        if (strlen(known_gaps[i][0]) == tc->name_len &&
            memcmp(known_gaps[i][0], tc->name, tc->name_len) == 0) {
            hc_buf_reset(&r->why);
            hc_buf_adds(&r->why, known_gaps[i][1]);
            return SKIP;
        }
    if (r->failed && r->why.len &&
        (!expect_error || want->n != r->out.len || memcmp(want->s, r->out.data, r->out.len) != 0))
        return SKIP;
    if (r->failed == expect_error && want->n == r->out.len &&
        (want->n == 0 || memcmp(want->s, r->out.data, want->n) == 0))
        return PASS;
    hc_buf_printf(report, "\n--- %.*s (line %d)\n    template: %.*s\n    want %s: %.*s\n",
                  (int)tc->name_len, tc->name, tc->line, (int)tc->sec[S_TEMPLATE].n,
                  tc->sec[S_TEMPLATE].s, expect_error ? "error" : "output",
                  (int)tc->sec[expect_error ? S_ERROR : S_WANT].n,
                  tc->sec[expect_error ? S_ERROR : S_WANT].s);
    hc_buf_printf(report, "    got  %s: %.*s\n", r->failed ? "error" : "output", (int)r->out.len,
                  hc_buf_str(&r->out));
    return FAIL;
}

/* The .tcase files of the core families, in the order the report lists them. */
static const char *const tcase_files[] = {
    "lists.tcase", "dicts.tcase",   "math.tcase",  "conv.tcase",     "defaults.tcase",
    "flow.tcase",  "reflect.tcase", "extra.tcase", "capacity.tcase",
};

/* Runs every case of one .tcase file; returns how many failed. */
static int run_tcase_file(const char *file)
{
    char path[1024];
    const char *dir = getenv("HELMC_FUNCS_TCASE_DIR");
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : TCASE_DIR, file);
    size_t len;
    char *text = read_file(path, &len);
    REQUIRE(text != NULL);
    struct tcase *cases = calloc(4096, sizeof *cases);
    REQUIRE(cases != NULL);
    size_t n = parse_tcases(text, len, cases, 4096);
    int counts[3] = {0, 0, 0};
    struct hc_buf report = HC_BUF_INIT, skips = HC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        struct run r;
        run_case(&cases[i], &r);
        enum result res = check_case(&cases[i], &r, &report);
        if (res == SKIP)
            hc_buf_printf(&skips, " %.*s(%s)", (int)cases[i].name_len, cases[i].name,
                          hc_buf_str(&r.why));
        counts[res]++;
        hc_buf_release(&r.out);
        hc_buf_release(&r.why);
    }
    printf("[ tcase    ] %-16s %4zu cases: %d passed, %d failed, %d skipped\n", file, n,
           counts[PASS], counts[FAIL], counts[SKIP]);
    if (skips.len)
        printf("[ skipped  ]%s\n", hc_buf_str(&skips));
    if (report.len)
        printf("%s\n", hc_buf_str(&report));
    hc_buf_release(&report);
    hc_buf_release(&skips);
    free(cases);
    free(text);
    return n > 0 ? counts[FAIL] : 1;
}

static void *tcase_thread(void *arg)
{
    int *failed = arg;
    for (size_t i = 0; i < ARRAY_LEN(tcase_files); i++)
        *failed += run_tcase_file(tcase_files[i]);
    return NULL;
}

static void test_tcase_files(void **state)
{
    (void)state;
    pthread_attr_t attr;
    pthread_t th;
    int failed = 0;
    assert_int_equal(pthread_attr_init(&attr), 0);
    assert_int_equal(pthread_attr_setstacksize(&attr, TCASE_THREAD_STACK), 0);
    assert_int_equal(pthread_create(&th, &attr, tcase_thread, &failed), 0);
    assert_int_equal(pthread_join(th, NULL), 0);
    pthread_attr_destroy(&attr);
    assert_int_equal(failed, 0);
}

/*
 * Failing the Nth allocation of a render that uses every family: each run
 * must fail cleanly (out of memory, never a wrong answer), and the sanitizer
 * builds find any leak.
 */
static void test_alloc_failures(void **state)
{
    (void)state;
    const char *text =
        "{{ $d := dict \"a\" (dict \"b\" 1) \"l\" (list 1 2) }}"
        "{{ $_ := mergeOverwrite $d (dict \"a\" (dict \"c\" 2) \"l\" (list 3)) }}"
        "{{ $d | toJson }} {{ keys $d | join \",\" }} {{ pick $d \"a\" | toJson }}"
        "{{ seq 1 3 }} {{ chunk 2 (until 5) }} {{ uniq (concat (list 1 1) (list 2)) }}"
        "{{ divf 1 3 }} {{ mulf 1.1 2.2 3.3 }} {{ addf 1e300 1e-300 }} {{ toDecimal 755 }}"
        "{{ deepCopy $d | toJson }} {{ reverse (list 1 2) }} {{ push (list) 1 }}"
        "{{ dig \"a\" \"b\" 0 $d }} {{ float64 \"1_000.5\" }} {{ typeOf (values $d) }}";
    struct hc_buf want = HC_BUF_INIT;
    for (long n = -1; n < 4000; n++) {
        struct hc_tmpl_set *set = hc_tmpl_set_new(&funcs, 0);
        assert_non_null(set);
        struct hc_error err;
        hc_error_init(&err);
        struct hc_arena arena;
        hc_arena_init(&arena, 0);
        struct stub_state st;
        memset(&st, 0, sizeof st);
        struct hc_exec_opts opts = {.missing_key = HC_MISSINGKEY_ZERO, .user = &st};
        struct hc_buf out = HC_BUF_INIT;
        hc_status rc = hc_tmpl_parse(set, "t", text, strlen(text), &err);
        assert_int_equal(rc, HC_OK);
        hc_alloc_fail_after(n);
        rc = hc_tmpl_execute(set, "t", 1, hc_null(), &arena, &opts, &out, &err);
        hc_alloc_fail_after(-1);
        if (n < 0) {
            assert_int_equal(rc, HC_OK);
            hc_buf_add(&want, hc_buf_str(&out), out.len);
        } else if (rc == HC_OK) {
            assert_string_equal(hc_buf_str(&out), hc_buf_str(&want));
        } else {
            assert_int_equal(rc, HC_ERR_NOMEM);
        }
        hc_buf_release(&out);
        hc_error_release(&err);
        hc_arena_free(&arena);
        hc_tmpl_set_free(set);
        if (n >= 0 && rc == HC_OK)
            break; /* no more allocations to fail */
    }
    assert_string_equal(hc_buf_str(&want),
                        "{\"a\":{\"b\":1,\"c\":2},\"l\":[3]} a,l {\"a\":{\"b\":1,\"c\":2}}"
                        "1 2 3 [[0 1] [2 3] [4]] [1 2]0.3333333333333333 7.986 1e+300 493"
                        "{\"a\":{\"b\":1,\"c\":2},\"l\":[3]} [2 1] [1]1 1000.5 []interface {}");
    hc_buf_release(&want);
}

/*
 * What helm cannot show: sequences Go would build until memory runs out (or
 * forever, when the loop variable wraps around) stop at a limit with an
 * error; merges of a map into itself through a cycle stop at a depth limit.
 */
static void test_limits(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        hc_status rc;
        const char *msg; /* error message, or the output when rc is HC_OK */
    } rows[] = {
        {"{{ until 100000000 }}",                                                                           HC_ERR_LIMIT, "until: more than 16777216 items"},
        {"{{ len (until 16777216) }}",                                                                      HC_OK,        "16777216"                       },
        {"{{ untilStep 0 9223372036854775807 1 }}",                                                         HC_ERR_LIMIT,
         "untilStep: more than 16777216 items"                                                                                                             },
 /* 9223372036854775800, ...803, ...806, then the sum wraps and stays below stop */
        {"{{ untilStep 9223372036854775800 9223372036854775807 3 }}",                                       HC_ERR_LIMIT,
         "untilStep: more than 16777216 items"                                                                                                             },
        {"{{ untilStep -9223372036854775800 -9223372036854775807 -3 }}",                                    HC_ERR_LIMIT,
         "untilStep: more than 16777216 items"                                                                                                             },
        {"{{ seq -9223372036854775807 }}",                                                                  HC_ERR_LIMIT, "seq: more than 16777216 items"  },
        {"[{{ seq 9223372036854775807 }}]",                                                                 HC_OK,        "[]"                             }, /* end+1 wraps below start */
        {"{{ $d := dict }}{{ $_ := set $d \"self\" $d }}{{ $_ := merge $d $d }}",                           HC_ERR_LIMIT,
         "merge: maps nested more than 2000 deep"                                                                                                          },
        {"{{ mulf 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 "
         "1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 "
         "1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 "
         "1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 1e300 }}", HC_OK,        "+Inf"                           },
        {"{{ divf 1 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 "
         "1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 1e-300 }}", HC_ERR_LIMIT, "divf: more than 65536 digits"   },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        struct hc_tmpl_set *set = hc_tmpl_set_new(&funcs, 0);
        assert_non_null(set);
        struct hc_error err;
        hc_error_init(&err);
        struct hc_arena arena;
        hc_arena_init(&arena, 0);
        struct hc_buf out = HC_BUF_INIT;
        hc_status rc = hc_tmpl_parse(set, "t", rows[i].text, strlen(rows[i].text), &err);
        assert_int_equal(rc, HC_OK);
        rc = hc_tmpl_execute(set, "t", 1, hc_null(), &arena, NULL, &out, &err);
        if (rc != rows[i].rc)
            fail_msg("%s: status %d: %s", rows[i].text, rc, hc_error_msg(&err));
        if (rc == HC_OK)
            assert_string_equal(hc_buf_str(&out), rows[i].msg);
        else
            assert_string_equal(hc_error_msg(&err), rows[i].msg);
        hc_buf_release(&out);
        hc_error_release(&err);
        hc_arena_free(&arena);
        hc_tmpl_set_free(set);
    }
}

/* Every row name is unique within its table and the tables are sorted. */
static void test_tables(void **state)
{
    (void)state;
    const struct hc_func *tables[] = {hc_funcs_lists,   hc_funcs_dicts,    hc_funcs_math,
                                      hc_funcs_convert, hc_funcs_defaults, hc_funcs_flow,
                                      hc_funcs_reflect};
    const size_t counts[] = {hc_funcs_lists_len,   hc_funcs_dicts_len,    hc_funcs_math_len,
                             hc_funcs_convert_len, hc_funcs_defaults_len, hc_funcs_flow_len,
                             hc_funcs_reflect_len};
    for (size_t t = 0; t < ARRAY_LEN(tables); t++)
        for (size_t i = 1; i < counts[t]; i++)
            assert_true(strcmp(tables[t][i - 1].name, tables[t][i].name) < 0);
}

static int group_setup(void **state)
{
    (void)state;
    const struct hc_func *tables[] = {
        hc_funcs_builtins, stub_funcs,       extra_funcs,       hc_funcs_lists, hc_funcs_dicts,
        hc_funcs_math,     hc_funcs_convert, hc_funcs_defaults, hc_funcs_flow,  hc_funcs_reflect};
    const size_t counts[] = {hc_funcs_builtins_len, ARRAY_LEN(stub_funcs), ARRAY_LEN(extra_funcs),
                             hc_funcs_lists_len,    hc_funcs_dicts_len,    hc_funcs_math_len,
                             hc_funcs_convert_len,  hc_funcs_defaults_len, hc_funcs_flow_len,
                             hc_funcs_reflect_len};
    struct hc_error err;
    hc_error_init(&err);
    if (hc_funcset_build(&funcs, tables, counts, ARRAY_LEN(tables), NULL, 0, &err) != HC_OK)
        return -1;
    hc_arena_init(&values_arena, 0);
    size_t len;
    char *text = read_file(VALUES_FILE, &len);
    if (!text)
        return -1;
    hc_status rc = hc_yaml_read(&values_arena, text, len, NULL, &shared_values, &err);
    free(text);
    if (rc != HC_OK) {
        fprintf(stderr, "values.yaml: %s\n", hc_error_msg(&err));
        hc_error_release(&err);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    hc_funcset_release(&funcs);
    hc_arena_free(&values_arena);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cast_int64_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cast_int64_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cast_float64, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cast_strval_strslice, setup, teardown),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_tcase_files),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
