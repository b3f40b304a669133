/*
 * test_funcs_strings.c - Sprig's string, regex, path and URL functions
 * (src/funcs/strings.c, regex.c, paths.c, urls.c) and the Unicode tables
 * they use (src/template/runes.c).
 *
 * Most cases are templates in the .tcase files of tests/funcs/strings with the output or
 * error text the real helm (v4.1.4) printed: mkcases.py converts the shared
 * conformance areas strings, regex, paths and url, and extra.tcase holds
 * hand-written cases rendered by helm (extra.src, through tests/template's
 * tcase.py oracle).  Each snippet runs as the conformance runner wraps it:
 * the body of {{define "case0"}} in confchart/templates/c0.yaml, with the
 * shared values; an expected error is compared with what Helm prints for the
 * wrapped template.  Functions of other families that the cases call come
 * from their tables where those are merged (lists, dicts, math, convert,
 * defaults, flow, reflect), otherwise from the test stand-ins of
 * template_stubs.h; a case needing any other function is reported as
 * skipped.  The table-driven tests below check what a template cannot show
 * directly.
 */
#include "test.h"

#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "funcs/funcs.h"
#include "helmc/template.h"
#include "json/json.h"
#include "template/builtins.h"
#include "template/exec.h"
#include "template/func.h"
#include "template/runes.h"
#include "yaml/yaml.h"

#include "template_stubs.h"

#define CASE_DIR           HELMC_SOURCE_DIR "/tests/funcs/strings"
#define VALUES             HELMC_SOURCE_DIR "/tests/template/values.yaml"
#define CASE_FILE          "confchart/templates/c0.yaml"
#define DEFS_FILE          "confchart/templates/_c0_defs.tpl"
#define TCASE_THREAD_STACK ((size_t)64 << 20)
#define TCASE_STACK_BUDGET ((size_t)48 << 20)

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

/* ---- files ---- */

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

/* ---- .tcase files (tests/template/tcase.py's format, plus --- match) ---- */

enum { S_TEMPLATE, S_DEFS, S_VALUES, S_OPTIONS, S_WANT, S_MATCH, S_ERROR, S_COUNT };
static const char *const section_names[S_COUNT] = {"template", "defs",  "values", "options",
                                                   "want",     "match", "error"};

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

/* {Values: values}; nil when out of memory (only under fault injection). */
static hc_val top_dot(struct hc_arena *a, hc_val values)
{
    struct hc_map *top = hc_map_new(a, 4);
    if (!top || hc_map_set(a, top, "Values", 6, values) != HC_OK)
        return hc_null();
    return hc_map_val(top, HC_GT_MAP);
}

enum result { PASS, FAIL, SKIP };

struct run {
    struct hc_buf out; /* the output, or helm's error text */
    bool failed;
    struct hc_buf why; /* a skip's reason */
};

static void run_case(const struct tcase *tc, struct run *r)
{
    hc_buf_init(&r->out, 0);
    hc_buf_init(&r->why, 0);
    r->failed = false;
    struct hc_tmpl_set *set = hc_tmpl_set_new(&funcs, 0);
    if (!set) { /* only under fault injection */
        r->failed = true;
        return;
    }
    struct hc_arena arena;
    hc_arena_init(&arena, 256u << 20);
    struct hc_error err;
    hc_error_init(&err);

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
    }
    struct hc_exec_opts opts = {HC_MISSINGKEY_ZERO, 64u << 20, 0, NULL, "gotpl",
                                TCASE_STACK_BUDGET, 0};
    rc = hc_tmpl_execute(set, "case0", 5, top_dot(&arena, values), &arena, &opts, &r->out, &err);
    if (rc != HC_OK) {
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
    }
out:
    hc_error_release(&err);
    hc_arena_free(&arena);
    hc_tmpl_set_free(set);
}

/* Whether all of s matches the PCRE pattern pat (Python's re.fullmatch for these patterns). */
static bool full_match(const char *pat, size_t patlen, const char *s, size_t n)
{
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, patlen,
                                   PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &ec, &eo, NULL);
    REQUIRE(re != NULL);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return rc >= 0;
}

static enum result check_case(const struct tcase *tc, struct run *r, struct hc_buf *report)
{
    bool expect_error = tc->sec[S_ERROR].present;
    const struct section *want = &tc->sec[expect_error ? S_ERROR : S_WANT];
    if (r->failed && r->why.len &&
        (!expect_error || want->n != r->out.len || memcmp(want->s, r->out.data, r->out.len) != 0))
        return SKIP;
    if (!expect_error && tc->sec[S_MATCH].present) {
        if (!r->failed &&
            full_match(tc->sec[S_MATCH].s, tc->sec[S_MATCH].n, hc_buf_str(&r->out), r->out.len))
            return PASS;
        want = &tc->sec[S_MATCH];
    } else if (r->failed == expect_error && want->n == r->out.len &&
               (want->n == 0 || memcmp(want->s, r->out.data, want->n) == 0)) {
        return PASS;
    }
    hc_buf_printf(report, "\n--- %.*s (line %d)\n    template: %.*s\n    want %s: %.*s\n",
                  (int)tc->name_len, tc->name, tc->line, (int)tc->sec[S_TEMPLATE].n,
                  tc->sec[S_TEMPLATE].s, expect_error ? "error" : "output", (int)want->n, want->s);
    hc_buf_printf(report, "    got  %s: %.*s\n", r->failed ? "error" : "output", (int)r->out.len,
                  hc_buf_str(&r->out));
    return FAIL;
}

static const char *case_dir(void)
{
    const char *d = getenv("HELMC_TCASE_DIR");
    return d && *d ? d : CASE_DIR;
}

/* Runs every case of one .tcase file; returns how many failed. */
static int run_tcase_file(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", case_dir(), file);
    size_t len;
    char *text = read_file(path, &len);
    REQUIRE(text != NULL);
    struct tcase *cases = calloc(8192, sizeof *cases);
    REQUIRE(cases != NULL);
    size_t n = parse_tcases(text, len, cases, 8192);
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
    printf("[ tcase    ] %-20s %4zu cases: %d passed, %d failed, %d skipped\n", file, n,
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
    DIR *d = opendir(case_dir());
    REQUIRE(d != NULL);
    char *names[64];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l > 6 && strcmp(de->d_name + l - 6, ".tcase") == 0 && n < ARRAY_LEN(names))
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    if (n == 0)
        *failed = 1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    for (size_t i = 0; i < n; i++) {
        *failed += run_tcase_file(names[i]);
        free(names[i]);
    }
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

/* ---- direct checks ---- */

/* Runs one snippet as a case; r->out holds the output or Helm's error text. */
static void render(const char *tpl, struct run *r)
{
    struct tcase tc;
    memset(&tc, 0, sizeof tc);
    tc.name = "direct";
    tc.name_len = 6;
    tc.sec[S_TEMPLATE].s = tpl;
    tc.sec[S_TEMPLATE].n = strlen(tpl);
    tc.sec[S_TEMPLATE].present = true;
    run_case(&tc, r);
}

static bool ends_with(const struct hc_buf *b, const char *suffix)
{
    size_t n = strlen(suffix);
    return b->len >= n && memcmp(b->data + b->len - n, suffix, n) == 0;
}

/*
 * Go's error text quotes the pattern's bytes as they are, invalid ones
 * included (helm printed "invalid UTF-8: `\xffb`" with the raw byte; the
 * .tcase files cannot hold that expectation).
 */
static void test_regex_invalid_utf8_pattern(void **state)
{
    (void)state;
    struct run r;
    render("{{ mustRegexMatch \"a\\xffb\" \"x\" }}", &r);
    assert_true(r.failed);
    assert_true(ends_with(&r.out, "error calling mustRegexMatch: error parsing regexp: invalid "
                                  "UTF-8: `\xff"
                                  "b`"));
    hc_buf_release(&r.out);
    hc_buf_release(&r.why);
    render("{{ regexFind \"[\\xff]\" \"x\" }}", &r);
    assert_true(r.failed);
    assert_true(ends_with(&r.out, "error calling regexFind: regexp: Compile(\"[\\xff]\"): error "
                                  "parsing regexp: invalid UTF-8: `\xff"
                                  "]`"));
    hc_buf_release(&r.out);
    hc_buf_release(&r.why);
}

/*
 * What Go cannot show: a size Go would try to allocate (and die on) fails
 * as out of memory without allocating, and a pattern PCRE2 would backtrack
 * on for ever stops at the match limit with an error.
 */
static void test_limits(void **state)
{
    (void)state;
    static const struct {
        const char *tpl;
        const char *suffix; /* of the error */
    } rows[] = {
        {"{{ repeat 100000000000 \"x\" }}",                                          "out of memory"},
        {"{{ indent 100000000000 \"x\" }}",                                          "out of memory"},
        {"{{ nindent 4000000000 \"x\" }}",                                           "out of memory"},
        {"{{ repeat 4000000 (repeat 4000 \"x\") }}",                                 "out of memory"},
        {"{{ replace \"x\" (repeat 300000 \"y\") (repeat 20000 \"x\") }}",           "out of memory"},
        {"{{ regexMatch \"^(\\\\w+\\\\s?)*$\" (print (repeat 40 \"ab \") \"!\") }}",
         "regexp: match limit exceeded (PCRE2 error -47)"                                           },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        struct run r;
        render(rows[i].tpl, &r);
        if (!r.failed || !ends_with(&r.out, rows[i].suffix))
            fail_msg("%s: got %s", rows[i].tpl, hc_buf_str(&r.out));
        hc_buf_release(&r.out);
        hc_buf_release(&r.why);
    }
}

/* Every allocation failing in turn: each call fails cleanly and leaks nothing. */
static void test_alloc_failures(void **state)
{
    (void)state;
    static const char *const tpls[] = {
        "{{ regexReplaceAll \"(?i)(\\\\pL+)(x*)+\" \"a\\xffB c\" \"<$1${2}>\" }}",
        "{{ regexSplit \"\\\\s*\" \"a b\" -1 }}{{ regexFindAll \"b\" \"abab\" 1 }}",
        "{{ mustRegexMatch \"(\" \"x\" }}",
        ("{{ title \"hello w\" }}{{ snakecase \"HTTPServer\" }}{{ camelcase \"a_b\" }}"
         "{{ swapcase \"aB\" }}{{ quote 1 \"x\" }}{{ squote 2 }}{{ cat 1 2 }}"
         "{{ join \",\" (list 1 2) }}{{ split \",\" \"a,b\" }}{{ sortAlpha (list \"b\" \"a\") }}"
         "{{ wrap 2 \"a b c\" }}"),
        ("{{ urlParse \"http://u:p@[::1]:80/a%20b?q#f\" }}"
         "{{ urlJoin (dict \"host\" \"h\" \"userinfo\" \"u:p\") }}{{ urlParse \"http://[zz]\" }}"),
        "{{ clean \"a/../b//c\" }}{{ dir \"/x/y\" }}{{ indent 2 \"a\\nb\" }}",
    };
    for (size_t t = 0; t < ARRAY_LEN(tpls); t++) {
        struct run ok;
        render(tpls[t], &ok);
        for (long n = 0; n < 2000; n++) {
            struct run r;
            hc_funcs_regex_cache_clear(); /* every compilation step sees the failure */
            hc_alloc_fail_after(n);
            render(tpls[t], &r);
            long used = hc_alloc_fail_after(-1);
            bool same = r.failed == ok.failed && r.out.len == ok.out.len &&
                        (r.out.len == 0 || memcmp(r.out.data, ok.out.data, r.out.len) == 0);
            if (!r.failed && !same) /* a failure may only ever show as a failure */
                fail_msg("%s: failing allocation %ld gave output %s", tpls[t], n,
                         hc_buf_str(&r.out));
            hc_buf_release(&r.out);
            hc_buf_release(&r.why);
            if (same && used <= n)
                break; /* ran to the end without reaching the failure */
        }
        hc_buf_release(&ok.out);
        hc_buf_release(&ok.why);
    }
}

/* ---- Unicode tables (expectations from Go 1.25's unicode package) ---- */

static void test_runes_case(void **state)
{
    (void)state;
    static const struct {
        int32_t r, upper, lower, title, fold;
    } rows[] = {
        {'a',      'A',      'a',      'A',      'A'     },
        {'A',      'A',      'a',      'A',      'a'     },
        {'k',      'K',      'k',      'K',      0x212A  },
        {0x212A,   0x212A,   'k',      0x212A,   'K'     },
        {0xDF,     0xDF,     0xDF,     0xDF,     0x1E9E  },
        {0x130,    0x130,    'i',      0x130,    0x130   },
        {0x131,    'I',      0x131,    'I',      0x131   },
        {0x1C4,    0x1C4,    0x1C6,    0x1C5,    0x1C5   },
        {0x1C5,    0x1C4,    0x1C6,    0x1C5,    0x1C6   },
        {0x1C6,    0x1C4,    0x1C6,    0x1C5,    0x1C4   },
        {0x100,    0x100,    0x101,    0x100,    0x101   },
        {0x101,    0x100,    0x101,    0x100,    0x100   },
        {0x3C3,    0x3A3,    0x3C3,    0x3A3,    0x3A3   },
        {0x3C2,    0x3A3,    0x3C2,    0x3A3,    0x3C3   },
        {0x10400,  0x10400,  0x10428,  0x10400,  0x10428 },
        {'1',      '1',      '1',      '1',      '1'     },
        {-1,       -1,       -1,       -1,       -1      },
        {0x110000, 0x110000, 0x110000, 0x110000, 0x110000},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        int32_t r = rows[i].r;
        if (hc_rune_to_upper(r) != rows[i].upper || hc_rune_to_lower(r) != rows[i].lower ||
            hc_rune_to_title(r) != rows[i].title || hc_rune_simple_fold(r) != rows[i].fold)
            fail_msg("U+%04X: %X %X %X %X", (unsigned)r, (unsigned)hc_rune_to_upper(r),
                     (unsigned)hc_rune_to_lower(r), (unsigned)hc_rune_to_title(r),
                     (unsigned)hc_rune_simple_fold(r));
    }
    /* Every fold orbit is a cycle that returns to its start. */
    for (int32_t r = 0; r <= 0x1FFFF; r++) {
        int32_t f = r;
        int steps = 0;
        do {
            f = hc_rune_simple_fold(f);
        } while (f != r && ++steps < 8);
        if (f != r)
            fail_msg("U+%04X: fold orbit does not return", (unsigned)r);
    }
    assert_true(hc_rune_is_upper('A') && !hc_rune_is_upper('a') && hc_rune_is_lower(0xDF));
    assert_true(hc_rune_is_title(0x1C5) && !hc_rune_is_upper(0x1C5));
    assert_true(hc_rune_is_punct('!') && !hc_rune_is_punct('$') && hc_rune_is_number(0xBD));
    assert_non_null(hc_rune_category("Lu", 2));
    assert_non_null(hc_rune_category("LC", 2));
    assert_null(hc_rune_category("Lc", 2));
    assert_non_null(hc_rune_script("Greek", 5));
    assert_null(hc_rune_script("Greek", 4));
    assert_string_equal(hc_rune_category_alias("Letter", 6), "L");
    assert_string_equal(hc_rune_category_alias("Cntrl", 5), "Cc");
    assert_null(hc_rune_category_alias("Foo", 3));
    assert_null(hc_rune_category("LC", 2)->fold);
    assert_non_null(hc_rune_category("L", 1)->fold);
}

/* ---- setup ---- */

static int group_setup(void **state)
{
    (void)state;
    /* the other families' real tables where they exist, stand-ins for the rest */
    const struct hc_func *tables[] = {
        hc_funcs_builtins, stub_funcs,        hc_funcs_lists, hc_funcs_dicts,   hc_funcs_math,
        hc_funcs_convert,  hc_funcs_defaults, hc_funcs_flow,  hc_funcs_reflect, hc_funcs_strings,
        hc_funcs_regex,    hc_funcs_paths,    hc_funcs_urls};
    const size_t counts[] = {hc_funcs_builtins_len, ARRAY_LEN(stub_funcs), hc_funcs_lists_len,
                             hc_funcs_dicts_len,    hc_funcs_math_len,     hc_funcs_convert_len,
                             hc_funcs_defaults_len, hc_funcs_flow_len,     hc_funcs_reflect_len,
                             hc_funcs_strings_len,  hc_funcs_regex_len,    hc_funcs_paths_len,
                             hc_funcs_urls_len};
    struct hc_error err;
    hc_error_init(&err);
    if (hc_funcset_build(&funcs, tables, counts, ARRAY_LEN(tables), NULL, 0, &err) != HC_OK)
        return -1;
    hc_arena_init(&values_arena, 0);
    size_t len;
    char *text = read_file(VALUES, &len);
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
    hc_funcs_regex_cache_clear();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runes_case),  cmocka_unit_test(test_regex_invalid_utf8_pattern),
        cmocka_unit_test(test_limits),      cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_tcase_files),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
