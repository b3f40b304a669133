/*
 * test_template_exec.c - the template executor (src/template/exec.c) and Go's
 * built-ins (builtins.c).
 *
 * Most cases live in the .tcase files of tests/template/, with the output or error text
 * the real helm printed (tcase.py writes them).  Each snippet is run the way
 * the conformance corpus wraps it: as the body of {{define "case0"}} in
 * confchart/templates/c0.yaml, executed directly (not through include and
 * b64enc), with the shared values and a .Release/.Chart/.Template/
 * .Capabilities like helm's.  An expected error is compared with what Helm
 * would print for the wrapped template: the wrapper's include level is put
 * around our message and the result reworded by hc_exec_helm_error.
 *
 * The table-driven tests below cover what helm cannot show (Go's default
 * missingkey mode, Go's own slice, host objects, limits), with expectations
 * from Go's text/template (exec_test.go) where they are Go's.
 */
#include "test.h"

#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "helmc/template.h"
#include "template/builtins.h"
#include "template/exec.h"
#include "template/func.h"
#include "yaml/yaml.h"

#include "template_stubs.h"

#define TEMPLATE_DIR HELMC_SOURCE_DIR "/tests/template"
/*
 * The .tcase files run on a thread with a large stack: Helm's include
 * recursion limit (1000 nested includes) needs about 1.7 KiB of C stack per
 * level optimised but 10 KiB with clang -O0 and ASan, more than a main
 * thread's 8 MiB.  The executor is told the budget (hc_exec_opts.max_stack).
 */
#define TCASE_THREAD_STACK ((size_t)64 << 20)
#define TCASE_STACK_BUDGET ((size_t)48 << 20)

/* cmocka's asserts longjmp, which the tcase thread must not do: helpers it runs abort instead. */
#define REQUIRE(x)                                                         \
    do {                                                                   \
        if (!(x)) {                                                        \
            fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #x); \
            abort();                                                       \
        }                                                                  \
    } while (0)
#define CASE_FILE "confchart/templates/c0.yaml"
#define DEFS_FILE "confchart/templates/_c0_defs.tpl"

static struct hc_funcset funcs;      /* Go's built-ins + the stubs */
static struct hc_funcset go_funcs;   /* Go's built-ins alone */
static struct hc_arena values_arena; /* the shared values, read once */
static hc_val shared_values;

/* ---- host objects like Helm's .Capabilities ---- */

struct kube_version {
    const char *version, *major, *minor;
};

static hc_status kube_string_fn(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    const struct kube_version *k = call->recv.u.o->data;
    *out = hc_cstr(k->version);
    return HC_OK;
}

static const struct hc_func kube_methods[] = {
    {"String",     kube_string_fn, "", HC_FN_NOERR},
    {"GitVersion", kube_string_fn, "", HC_FN_NOERR},
};

static enum hc_obj_member kube_member(const struct hc_obj *o, const char *name, size_t len,
                                      struct hc_arena *arena, hc_val *field,
                                      const struct hc_func **method)
{
    (void)arena;
    const struct kube_version *k = o->data;
    for (size_t i = 0; i < ARRAY_LEN(kube_methods); i++)
        if (strlen(kube_methods[i].name) == len && memcmp(kube_methods[i].name, name, len) == 0) {
            *method = &kube_methods[i];
            return HC_OBJ_METHOD;
        }
    const char *v = NULL;
    if (len == 7 && memcmp(name, "Version", 7) == 0)
        v = k->version;
    else if (len == 5 && memcmp(name, "Major", 5) == 0)
        v = k->major;
    else if (len == 5 && memcmp(name, "Minor", 5) == 0)
        v = k->minor;
    if (!v)
        return HC_OBJ_NONE;
    *field = hc_cstr(v);
    return HC_OBJ_FIELD;
}

static void kube_print(const struct hc_obj *o, struct hc_buf *b)
{
    const struct kube_version *k = o->data;
    hc_buf_adds(b, k->version);
}

static const struct hc_obj_exec kube_exec = {.member = kube_member, .underlying = NULL};
static const struct hc_obj_fmt kube_fmt = {kube_print, true, NULL, NULL};
static const struct hc_obj_type kube_type = {"common.KubeVersion", "struct", NULL, &kube_fmt,
                                             &kube_exec};
static struct kube_version kube_data = {"v1.31.0", "1", "31"};
static struct hc_obj kube_obj = {&kube_type, &kube_data};

/* common.VersionSet: a []string with a Has method. */
static const char *api_versions[] = {"v1", "apps/v1", "batch/v1"};

static hc_status versions_has_fn(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    bool has = false;
    for (size_t i = 0; i < ARRAY_LEN(api_versions); i++)
        has = has || hc_val_is_str(args[0], api_versions[i], strlen(api_versions[i]));
    *out = hc_bool(has);
    return HC_OK;
}

static const struct hc_func versions_has = {"Has", versions_has_fn, "s", HC_FN_NOERR};

static enum hc_obj_member versions_member(const struct hc_obj *o, const char *name, size_t len,
                                          struct hc_arena *arena, hc_val *field,
                                          const struct hc_func **method)
{
    (void)o;
    (void)arena;
    (void)field;
    if (len == 3 && memcmp(name, "Has", 3) == 0) {
        *method = &versions_has;
        return HC_OBJ_METHOD;
    }
    return HC_OBJ_NONE;
}

static struct hc_list *versions_list;

static hc_val versions_underlying(const struct hc_obj *o)
{
    (void)o;
    return hc_list_val(versions_list, HC_GT_STRLIST);
}

static const struct hc_obj_exec versions_exec = {.member = versions_member,
                                                 .underlying = versions_underlying};
static const struct hc_obj_type versions_type = {"common.VersionSet", "slice", NULL, NULL,
                                                 &versions_exec};
static struct hc_obj versions_obj = {&versions_type, (void *)api_versions};

/* *common.Capabilities */
static enum hc_obj_member caps_member(const struct hc_obj *o, const char *name, size_t len,
                                      struct hc_arena *arena, hc_val *field,
                                      const struct hc_func **method)
{
    (void)o;
    (void)arena;
    (void)method;
    if (len == 11 && memcmp(name, "KubeVersion", 11) == 0) {
        *field = hc_obj_val(&kube_obj);
        return HC_OBJ_FIELD;
    }
    if (len == 11 && memcmp(name, "APIVersions", 11) == 0) {
        *field = hc_obj_val(&versions_obj);
        return HC_OBJ_FIELD;
    }
    return HC_OBJ_NONE;
}

static const struct hc_obj_exec caps_exec = {.member = caps_member, .underlying = NULL};
static const struct hc_obj_type caps_type = {"*common.Capabilities", "ptr", NULL, NULL, &caps_exec};
static int caps_data;
static struct hc_obj caps_obj = {&caps_type, &caps_data};
static struct hc_obj nil_caps_obj = {&caps_type, NULL};

/* common.Values: Helm's named map type (the dot, .Values, .Template), with no methods here. */
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

/* ---- .tcase files (format: tests/template/tcase.py) ---- */

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

/* ---- running one case ---- */

static bool has_option(const struct tcase *tc, const char *opt)
{
    const struct section *o = &tc->sec[S_OPTIONS];
    size_t n = strlen(opt);
    for (size_t i = 0; o->present && i + n <= o->n; i++)
        if ((i == 0 || o->s[i - 1] == '\n') && memcmp(o->s + i, opt, n) == 0 &&
            (i + n == o->n || o->s[i + n] == '\n'))
            return true;
    return false;
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

static struct hc_map *new_map(struct hc_arena *a)
{
    struct hc_map *m = hc_map_new(a, 0);
    REQUIRE((m) != NULL);
    return m;
}

static void put(struct hc_arena *a, struct hc_map *m, const char *k, hc_val v)
{
    REQUIRE((hc_map_set(a, m, k, strlen(k), v)) == HC_OK);
}

/* The top-level dot of a Helm render of the conformance chart. */
static hc_val helm_dot(struct hc_arena *a, hc_val values)
{
    struct hc_map *top = new_map(a), *rel = new_map(a), *chart = new_map(a), *tmpl = new_map(a);
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
    struct hc_map *ann = new_map(a);
    put(a, ann, "category", hc_cstr("Testing"));
    put(a, ann, "example.com/flag", hc_cstr("true"));
    put(a, chart, "Annotations", hc_map_val(ann, HC_GT_STRMAP));
    put(a, chart, "Dependencies", hc_list_val(hc_list_new(a, 0), HC_GT_LIST));
    put(a, chart, "Deprecated", hc_bool(false));
    put(a, chart, "IsRoot", hc_bool(true));
    struct hc_list *kw = hc_list_new(a, 2);
    kw->items[0] = hc_cstr("conformance");
    kw->items[1] = hc_cstr("templates");
    put(a, chart, "Keywords", hc_list_val(kw, HC_GT_LIST));
    struct hc_list *mt = hc_list_new(a, 2);
    struct hc_map *m1 = new_map(a), *m2 = new_map(a);
    put(a, m1, "Email", hc_cstr("jane@example.com"));
    put(a, m1, "Name", hc_cstr("Jane Doe"));
    put(a, m1, "URL", hc_cstr("https://example.com/jane"));
    put(a, m2, "Email", hc_cstr(""));
    put(a, m2, "Name", hc_cstr("John Roe"));
    put(a, m2, "URL", hc_cstr(""));
    mt->items[0] = hc_map_val(m1, HC_GT_MAP);
    mt->items[1] = hc_map_val(m2, HC_GT_MAP);
    put(a, chart, "Maintainers", hc_list_val(mt, HC_GT_LIST));
    struct hc_list *src = hc_list_new(a, 1);
    src->items[0] = hc_cstr("https://example.com/src/confchart");
    put(a, chart, "Sources", hc_list_val(src, HC_GT_LIST));
    put(a, tmpl, "Name", hc_cstr(CASE_FILE));
    put(a, tmpl, "BasePath", hc_cstr("confchart/templates"));
    put(a, top, "Values", common_values(a, values));
    put(a, top, "Release", hc_map_val(rel, HC_GT_MAP));
    put(a, top, "Chart", hc_map_val(chart, HC_GT_MAP));
    put(a, top, "Template", common_values(a, hc_map_val(tmpl, HC_GT_MAP)));
    put(a, top, "Capabilities", hc_obj_val(&caps_obj));
    put(a, top, "Subcharts", hc_map_val(new_map(a), HC_GT_MAP));
    return common_values(a, hc_map_val(top, HC_GT_MAP));
}

enum result { PASS, FAIL, SKIP };

struct run {
    struct hc_buf out; /* the output, or helm's error text */
    bool failed;       /* an error instead of output */
    bool skipped;
    struct hc_buf why; /* a skip's reason */
};

static void stub_state_release(struct stub_state *st)
{
    for (int i = 0; i < st->nnames; i++)
        free(st->names[i]);
    for (int i = 0; i < st->nclones; i++)
        hc_tmpl_set_free(st->clones[i]);
}

/* Parses and executes the case as the conformance runner wraps it. */
static void run_case(const struct tcase *tc, const struct hc_funcset *fs, struct run *r)
{
    hc_buf_init(&r->out, 0);
    hc_buf_init(&r->why, 0);
    r->failed = r->skipped = false;
    struct hc_tmpl_set *set = hc_tmpl_set_new(fs, 0);
    REQUIRE((set) != NULL);
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
        REQUIRE((rc) == HC_OK);
    }
    hc_val dot = helm_dot(&arena, values);
    struct stub_state *user = &st;
    int *count = stub_count(user, "case0", 5); /* the wrapper's include */
    *count = 1;
    struct hc_exec_opts opts = {.missing_key = HC_MISSINGKEY_ZERO,
                                .max_output = 64u << 20,
                                .user = user,
                                .name = "gotpl",
                                .max_stack = TCASE_STACK_BUDGET};
    if (has_option(tc, "missingkey=invalid"))
        opts.missing_key = HC_MISSINGKEY_INVALID;
    if (has_option(tc, "missingkey=error"))
        opts.missing_key = HC_MISSINGKEY_ERROR;
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
    }
out:
    stub_state_release(&st);
    hc_error_release(&err);
    hc_arena_free(&arena);
    hc_tmpl_set_free(set);
}

static enum result check_case(const struct tcase *tc, struct run *r, struct hc_buf *report)
{
    const struct section *want = &tc->sec[r->failed ? S_ERROR : S_WANT];
    bool expect_error = tc->sec[S_ERROR].present;
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

/* Runs every case of one .tcase file; returns how many failed. */
/* The directory of the .tcase files: $HELMC_TCASE_DIR for ad-hoc runs, else tests/template. */
static const char *tcase_dir(void)
{
    const char *d = getenv("HELMC_TCASE_DIR");
    return d && *d ? d : TEMPLATE_DIR;
}

static int run_tcase_file(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tcase_dir(), file);
    size_t len;
    char *text = read_file(path, &len);
    REQUIRE((text) != NULL);
    struct tcase *cases = calloc(4096, sizeof *cases);
    REQUIRE((cases) != NULL);
    size_t n = parse_tcases(text, len, cases, 4096);
    int counts[3] = {0, 0, 0};
    struct hc_buf report = HC_BUF_INIT, skips = HC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        struct run r;
        const struct hc_funcset *fs = has_option(&cases[i], "funcs=go") ? &go_funcs : &funcs;
        run_case(&cases[i], fs, &r);
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
    DIR *d = opendir(tcase_dir());
    REQUIRE((d) != NULL);
    char *names[256];
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
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    }
    for (size_t i = 0; i < n; i++) { /* every file runs, even after a failure */
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

/* ---- table-driven tests of things helm cannot show ---- */

struct exec_case {
    const char *name;
    const char *text;
    enum hc_missing_key mk;
    const char *want;  /* output, or NULL when an error is expected */
    const char *error; /* the error message (Go's text) */
};

/* A small data set like exec_test.go's: .M map, .L list, .S string, .N nil, .Caps object. */
static hc_val test_data(struct hc_arena *a)
{
    struct hc_map *top = new_map(a), *m = new_map(a), *sm = new_map(a);
    put(a, m, "one", hc_int_typed(1, HC_GT_INT));
    put(a, m, "two", hc_cstr("2"));
    put(a, sm, "k", hc_cstr("v"));
    struct hc_list *l = hc_list_new(a, 3);
    l->items[0] = hc_int_typed(3, HC_GT_INT);
    l->items[1] = hc_int_typed(4, HC_GT_INT);
    l->items[2] = hc_int_typed(5, HC_GT_INT);
    struct hc_list *sl = hc_list_new(a, 2);
    sl->items[0] = hc_cstr("x");
    sl->items[1] = hc_cstr("y");
    put(a, top, "M", hc_map_val(m, HC_GT_MAP));
    put(a, top, "SM", hc_map_val(sm, HC_GT_STRMAP));
    put(a, top, "L", hc_list_val(l, HC_GT_LIST));
    put(a, top, "SL", hc_list_val(sl, HC_GT_STRLIST));
    put(a, top, "S", hc_cstr("hello"));
    put(a, top, "N", hc_null());
    put(a, top, "Caps", hc_obj_val(&caps_obj));
    put(a, top, "NilCaps", hc_obj_val(&nil_caps_obj));
    return hc_map_val(top, HC_GT_MAP);
}

static void run_exec_cases(const struct exec_case *cases, size_t n, const struct hc_funcset *fs)
{
    for (size_t i = 0; i < n; i++) {
        const struct exec_case *c = &cases[i];
        struct hc_tmpl_set *set = hc_tmpl_set_new(fs, 0);
        struct hc_arena arena;
        hc_arena_init(&arena, 0);
        struct hc_error err;
        hc_error_init(&err);
        struct hc_buf out = HC_BUF_INIT;
        hc_status rc = hc_tmpl_parse(set, "t", c->text, strlen(c->text), &err);
        if (rc != HC_OK)
            fail_msg("%s: parse error %s", c->name, hc_error_msg(&err));
        struct hc_exec_opts opts = {.missing_key = c->mk, .name = "root"};
        rc = hc_tmpl_execute(set, "t", 1, test_data(&arena), &arena, &opts, &out, &err);
        if (c->want) {
            if (rc != HC_OK)
                fail_msg("%s: unexpected error %s", c->name, hc_error_msg(&err));
            if (strcmp(hc_buf_str(&out), c->want) != 0)
                fail_msg("%s: got %s want %s", c->name, hc_buf_str(&out), c->want);
        } else {
            if (rc == HC_OK)
                fail_msg("%s: no error; output %s", c->name, hc_buf_str(&out));
            if (strcmp(hc_error_msg(&err), c->error) != 0)
                fail_msg("%s: error\n  got  %s\n  want %s", c->name, hc_error_msg(&err), c->error);
        }
        hc_buf_release(&out);
        hc_error_release(&err);
        hc_arena_free(&arena);
        hc_tmpl_set_free(set);
    }
}

#define MK_INVALID HC_MISSINGKEY_INVALID
#define MK_ZERO    HC_MISSINGKEY_ZERO
#define MK_ERROR   HC_MISSINGKEY_ERROR

/* Go's default missingkey mode and the other two (exec_test.go TestMissingMapKey). */
static const struct exec_case missing_key_cases[] = {
    {"invalid map key",      "{{.M.x}}",                         MK_INVALID, "<no value>",   NULL},
    {"invalid chained",      "{{.M.x.y}}",                       MK_INVALID, "<no value>",   NULL},
    {"invalid var field",    "{{$x := .M.x}}{{$x.y}}",           MK_INVALID, "<no value>",   NULL},
    {"invalid if",           "{{if .M.x}}t{{else}}f{{end}}",     MK_INVALID, "f",            NULL},
    {"zero map key",         "{{.M.x}}",                         MK_ZERO,    "<no value>",   NULL},
    {"zero string map",      "[{{.SM.x}}]",                      MK_ZERO,    "[]",           NULL},
    {"invalid string map",   "[{{.SM.x}}]",                      MK_INVALID, "[<no value>]", NULL},
    {"zero chained",         "{{.M.x.y}}",                       MK_ZERO,    NULL,
     "template: t:1:4: executing \"t\" at <.M.x.y>: nil pointer evaluating interface {}.y"       },
    {"error map key",        "{{.M.x}}",                         MK_ERROR,   NULL,
     "template: t:1:4: executing \"t\" at <.M.x>: map has no entry for key \"x\""                },
    {"error nil data",       "{{$x := .M.one.x}}",               MK_ERROR,   NULL,
     "template: t:1:10: executing \"t\" at <.M.one.x>: can't evaluate field x in type "
     "interface {}"                                                                              },
    {"error var of missing", "{{$x := index .M \"x\"}}{{$x.y}}", MK_ERROR,   NULL,
     "template: t:1:26: executing \"t\" at <$x.y>: nil data; no entry for key \"y\""             },
    {"found key",            "{{.M.one}}",                       MK_ERROR,   "1",            NULL},
};

static void test_missing_key_modes(void **state)
{
    (void)state;
    run_exec_cases(missing_key_cases, ARRAY_LEN(missing_key_cases), &go_funcs);
}

/* Go's built-in slice and others, unmasked by Sprig (exec_test.go's slice rows). */
static const struct exec_case go_builtin_cases[] = {
    {"slice[:]",               "{{slice .L}}",                                                   MK_INVALID, "[3 4 5]",               NULL},
    {"slice[1:]",              "{{slice .L 1}}",                                                 MK_INVALID, "[4 5]",                 NULL},
    {"slice[1:2]",             "{{slice .L 1 2}}",                                               MK_INVALID, "[4]",                   NULL},
    {"slice[1:2:3]",           "{{slice .L 1 2 3}}",                                             MK_INVALID, "[4]",                   NULL},
    {"string slice[:]",        "{{slice .S}}",                                                   MK_INVALID, "hello",                 NULL},
    {"string slice[1:3]",      "{{slice .S 1 3}}",                                               MK_INVALID, "el",                    NULL},
    {"string slice[3:]",       "{{slice \"hello\" 3}}",                                          MK_INVALID, "lo",                    NULL},
    {"slice too many",         "{{slice .L 1 2 3 4}}",                                           MK_INVALID, NULL,
     "template: t:1:2: executing \"t\" at <slice .L 1 2 3 4>: error calling slice: too many "
     "slice indexes: 4"                                                                                                                   },
    {"slice 3-index string",   "{{slice .S 1 2 3}}",                                             MK_INVALID, NULL,
     "template: t:1:2: executing \"t\" at <slice .S 1 2 3>: error calling slice: cannot "
     "3-index slice a string"                                                                                                             },
    {"slice out of range",     "{{slice .L 1 4}}",                                               MK_INVALID, NULL,
     "template: t:1:2: executing \"t\" at <slice .L 1 4>: error calling slice: index out of "
     "range: 4"                                                                                                                           },
    {"slice inverted",         "{{slice .L 2 1}}",                                               MK_INVALID, NULL,
     "template: t:1:2: executing \"t\" at <slice .L 2 1>: error calling slice: invalid slice "
     "index: 2 > 1"                                                                                                                       },
    {"slice of nil",           "{{slice .N 1}}",                                                 MK_INVALID, NULL,
     "template: t:1:2: executing \"t\" at <slice .N 1>: error calling slice: slice of untyped "
     "nil"                                                                                                                                },
    {"slice of map",           "{{slice .M 1}}",                                                 MK_INVALID, NULL,
     "template: t:1:2: executing \"t\" at <slice .M 1>: error calling slice: can't slice item "
     "of type map[string]interface {}"                                                                                                    },
    {"slice index from field", "{{slice .L .M.one}}",                                            MK_INVALID, NULL,
     "template: t:1:2: executing \"t\" at <slice .L .M.one>: error calling slice: cannot index "
     "slice/array with type interface {}"                                                                                                 },
    {"typed list range",       "{{range .SL}}{{.}}{{end}}",                                      MK_INVALID, "xy",                    NULL},
    {"string list elem field", "{{range .SL}}{{.x}}{{end}}",                                     MK_INVALID, NULL,
     "template: t:1:15: executing \"t\" at <.x>: can't evaluate field x in type string"                                                   },
    {"index uint8",            "{{index .S 1}}",                                                 MK_INVALID, "101",                   NULL},
    {"eq uint8 int",           "{{eq (index .S 1) 101}}",                                        MK_INVALID, "true",                  NULL},
    {"lt int uint8",           "{{lt -1 (index .S 1)}}",                                         MK_INVALID, "true",                  NULL},
    {"and returns operand",    "{{and 1 0 2}}|{{and 1 2}}|{{or 0 \"\" 3}}|{{or 0 \"\"}}",        MK_INVALID,
     "0|2|3|",                                                                                                                        NULL},
    {"and pipeline final",     "{{1 | and 2}}|{{0 | or \"\"}}",                                  MK_INVALID, "1|0",                   NULL},
    {"range int64",            "{{range $x := 3}}{{$x}}{{end}}",                                 MK_INVALID, "012",                   NULL},
    {"range break continue",
     "{{range .L}}{{if eq . 4}}{{continue}}{{end}}{{if eq . 5}}{{break}}{{end}}{{.}}{{end}}",    MK_INVALID, "3",                     NULL},
    {"range assign",           "{{$i := 9}}{{$v := 9}}{{range $i, $v = .L}}{{end}}{{$i}}{{$v}}", MK_INVALID,
     "25",                                                                                                                            NULL},
    {"range map keys",         "{{range $k, $v := .M}}{{$k}}={{$v}};{{end}}",                    MK_INVALID, "one=1;two=2;",
     NULL                                                                                                                                 },
    {"range else",             "{{range .N}}x{{else}}empty{{end}}",                              MK_INVALID, "empty",                 NULL},
    {"complex literal",        "{{1i}} {{-2.5i}} {{printf \"%T\" 1i}}",                          MK_INVALID,
     "(0+1i) (0-2.5i) complex128",                                                                                                    NULL},
    {"html escaping",          "{{html \"<a href='x'>&\\\"\\x00\"}}",                            MK_INVALID,
     "&lt;a href=&#39;x&#39;&gt;&amp;&#34;\xEF\xBF\xBD",                                                                              NULL},
    {"js escaping",            "{{js \"<'\\\"&=\\\\\\n\\u2028é\"}}",                            MK_INVALID,
     "\\u003C\\'\\\"\\u0026\\u003D\\\\\\u000A\\u2028é",                                                                              NULL},
    {"urlquery",               "{{urlquery \"a b&c=d/é~\"}}",                                   MK_INVALID, "a+b%26c%3Dd%2F%C3%A9~", NULL},
    {"escaper args",           "{{html 1 2 \"x\" .N}}",                                          MK_INVALID, "1 2x&lt;no value&gt;",  NULL},
    {"call non-function",      "{{call .S 1}}",                                                  MK_INVALID, NULL,
     "template: t:1:2: executing \"t\" at <call .S 1>: error calling call: non-function .S of "
     "type string"                                                                                                                        },
    {"call from pipeline",     "{{.S | call}}",                                                  MK_INVALID, NULL,
     "template: t:1:7: executing \"t\" at <call>: error calling call: non-function hello of "
     "type string"                                                                                                                        },
};

static void test_go_builtins(void **state)
{
    (void)state;
    run_exec_cases(go_builtin_cases, ARRAY_LEN(go_builtin_cases), &go_funcs);
}

/* Host objects: fields, methods, nil pointers (exec.go's evalField). */
static const struct exec_case object_cases[] = {
    {"field",                        "{{.Caps.KubeVersion.Major}}",                               MK_INVALID, "1",          NULL},
    {"stringer",                     "{{.Caps.KubeVersion}}",                                     MK_INVALID, "v1.31.0",    NULL},
    {"method no args",               "{{.Caps.KubeVersion.String}}",                              MK_INVALID, "v1.31.0",    NULL},
    {"method with arg",              "{{.Caps.APIVersions.Has \"apps/v1\"}}",                     MK_INVALID, "true",       NULL},
    {"method in pipeline",           "{{\"nope\" | .Caps.APIVersions.Has}}",                      MK_INVALID, "false",      NULL},
    {"method arity",                 "{{.Caps.APIVersions.Has}}",                                 MK_INVALID, NULL,
     "template: t:1:7: executing \"t\" at <.Caps.APIVersions.Has>: wrong number of args for "
     "Has: want 1 got 0"                                                                                                        },
    {"method arg type",              "{{.Caps.APIVersions.Has 1}}",                               MK_INVALID, NULL,
     "template: t:1:24: executing \"t\" at <1>: expected string; found 1"                                                       },
    {"field with args",              "{{.Caps.KubeVersion.Major 1}}",                             MK_INVALID, NULL,
     "template: t:1:7: executing \"t\" at <.Caps.KubeVersion.Major>: Major has arguments but "
     "cannot be invoked as function"                                                                                            },
    {"unknown field",                "{{.Caps.Nope}}",                                            MK_INVALID, NULL,
     "template: t:1:7: executing \"t\" at <.Caps.Nope>: can't evaluate field Nope in type "
     "interface {}"                                                                                                             },
    {"unknown field of struct",      "{{$c := .Caps}}{{$c.KubeVersion.Nope}}",                    MK_INVALID, NULL,
     "template: t:1:19: executing \"t\" at <$c.KubeVersion.Nope>: can't evaluate field Nope in "
     "type common.KubeVersion"                                                                                                  },
    {"nil pointer field",            "{{$c := .NilCaps}}{{$c.KubeVersion}}",                      MK_INVALID, NULL,
     "template: t:1:22: executing \"t\" at <$c.KubeVersion>: nil pointer evaluating "
     "*common.Capabilities.KubeVersion"                                                                                         },
    {"nil pointer unknown field",    "{{$c := .NilCaps}}{{$c.Nope}}",                             MK_INVALID, NULL,
     "template: t:1:22: executing \"t\" at <$c.Nope>: can't evaluate field Nope in type "
     "*common.Capabilities"                                                                                                     },
    {"nil pointer is false",         "{{if .NilCaps}}t{{else}}f{{end}}{{if .Caps}}t{{end}}",      MK_INVALID,
     "ft",                                                                                                                  NULL},
    {"eq pointers",                  "{{eq .Caps .Caps}} {{eq .Caps .NilCaps}}",                  MK_INVALID, "true false", NULL},
    {"named slice range",            "{{range $i, $v := .Caps.APIVersions}}{{$i}}{{$v}},{{end}}", MK_INVALID,
     "0v1,1apps/v1,2batch/v1,",                                                                                             NULL},
    {"named slice len index",        "{{len .Caps.APIVersions}} {{index .Caps.APIVersions 1}}",   MK_INVALID,
     "3 apps/v1",                                                                                                           NULL},
    {"named slice truth and method",
     "{{if .Caps.APIVersions}}{{.Caps.APIVersions.Has \"v1\"}}{{end}}",                           MK_INVALID, "true",       NULL},
    {"named slice field",            "{{.Caps.APIVersions.x}}",                                   MK_INVALID, NULL,
     "template: t:1:7: executing \"t\" at <.Caps.APIVersions.x>: can't evaluate field x in "
     "type common.VersionSet"                                                                                                   },
};

static void test_host_objects(void **state)
{
    (void)state;
    run_exec_cases(object_cases, ARRAY_LEN(object_cases), &go_funcs);
}

/* Helm's rewording of execution errors, on messages of each shape. */
static void test_helm_error(void **state)
{
    (void)state;
    static const struct {
        const char *msg, *want;
    } cases[] = {
        {"template: f:1:2: executing \"f\" at <.x>: boom",
         "f:1:2\n  executing \"f\" at <.x>:\n    boom"                                                                                                      },
        {"template: f:1:2: executing \"f\" at <x>: error calling x: plain",
         "template: f:1:2: executing \"f\" at <x>: error calling x: plain"                                                                                  },
        {"template: f:1:2: executing \"f\" at <include \"a\" .>: error calling include: "
         "template: g:3:4: executing \"a\" at <.y>: deep",                 "f:1:2\n  executing \"f\" at <include \"a\" .>:\n    error calling include:\ng:3:4\n"
         "  executing \"a\" at <.y>:\n    deep"                                          },
        {"template: f:1:2: executing \"f\" at <include \"a\" .>: error calling include: "
         "template: no template \"a\" associated with template \"gotpl\"", "f:1:2\n  executing \"f\" at <include \"a\" .>:\n    error calling include:\n"
         "template: no template \"a\" associated with template \"gotpl\""},
        {"template: f:1:2: executing \"f\" at <fail \"x\">: error calling fail: "
         "HELM_ERR_STARTx: yHELM_ERR_END",                                 "execution error at (f:1:2): x: y"                                      },
        {"no colon",                                                                "execution error in (file): no colon"                                   },
        {"template: f: \"f\" is an incomplete or empty template",
         "f\n  \"f\" is an incomplete or empty template"                                                                                                    },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_buf b = HC_BUF_INIT;
        hc_exec_helm_error(&b, cases[i].msg, strlen(cases[i].msg), "file");
        if (strcmp(hc_buf_str(&b), cases[i].want) != 0)
            fail_msg("case %zu:\n got  %s\n want %s", i, hc_buf_str(&b), cases[i].want);
        hc_buf_release(&b);
    }
}

/* Output ceiling, {{template}} depth and the C stack budget. */
static void test_limits(void **state)
{
    (void)state;
    struct hc_tmpl_set *set = hc_tmpl_set_new(&go_funcs, 0);
    struct hc_error err;
    hc_error_init(&err);
    const char *text = "{{define \"r\"}}x{{template \"r\" .}}{{end}}{{range 100}}abcdefghij{{end}}";
    assert_int_equal(hc_tmpl_parse(set, "t", text, strlen(text), &err), HC_OK);
    struct hc_arena arena;
    hc_arena_init(&arena, 0);
    struct hc_buf out = HC_BUF_INIT;

    struct hc_exec_opts opts = {.max_output = 500};
    assert_int_equal(hc_tmpl_execute(set, "t", 1, hc_null(), &arena, &opts, &out, &err),
                     HC_ERR_LIMIT);
    assert_non_null(strstr(hc_error_msg(&err), "output exceeds the limit of 500 bytes"));
    hc_error_release(&err);

    hc_buf_reset(&out);
    struct hc_exec_opts depth = {.max_depth = 50};
    assert_int_equal(hc_tmpl_execute(set, "r", 1, hc_null(), &arena, &depth, &out, &err),
                     HC_ERR_EXEC);
    assert_string_equal(hc_error_msg(&err), "template: t:1:26: executing \"r\" at <{{template "
                                            "\"r\" .}}>: exceeded maximum template depth (50)");
    assert_int_equal(out.len, 51); /* depths 0 to 50 print, the 51st call fails */
    hc_error_release(&err);

    hc_buf_reset(&out);
    struct hc_exec_opts stack = {.max_stack = 64u << 10};
    assert_int_equal(hc_tmpl_execute(set, "r", 1, hc_null(), &arena, &stack, &out, &err),
                     HC_ERR_EXEC);
    assert_non_null(strstr(hc_error_msg(&err), "exceeded maximum template depth (100000)"));
    hc_error_release(&err);

    hc_buf_reset(&out);
    struct hc_exec_opts steps = {.max_steps = 100}; /* the range walks 2 nodes a pass */
    assert_int_equal(hc_tmpl_execute(set, "t", 1, hc_null(), &arena, &steps, &out, &err),
                     HC_ERR_LIMIT);
    assert_non_null(strstr(hc_error_msg(&err), "execution exceeds the limit of 100 steps"));
    hc_error_release(&err);

    hc_buf_reset(&out);
    assert_int_equal(hc_tmpl_execute(set, "nope", 4, hc_null(), &arena, NULL, &out, &err),
                     HC_ERR_EXEC);
    assert_string_equal(hc_error_msg(&err),
                        "template: no template \"nope\" associated with template \"\"");
    hc_error_release(&err);

    hc_buf_release(&out);
    hc_arena_free(&arena);
    hc_tmpl_set_free(set);
}

/* Every allocation failing in turn: a clean error and no leak (the torture idea). */
static void test_alloc_failures(void **state)
{
    (void)state;
    const char *text = "{{range $i, $v := .L}}{{$i}}{{printf \"%v-%s\" $v $.S}}{{end}}"
                       "{{template \"d\" .M}}{{define \"d\"}}{{.one | html}}{{end}}";
    for (long n = 0; n < 400; n++) {
        struct hc_tmpl_set *set = hc_tmpl_set_new(&go_funcs, 0);
        if (!set)
            continue;
        struct hc_error err;
        hc_error_init(&err);
        struct hc_arena arena;
        hc_arena_init(&arena, 0);
        hc_val data = test_data(&arena);
        struct hc_buf out = HC_BUF_INIT;
        hc_status rc = hc_tmpl_parse(set, "t", text, strlen(text), &err);
        hc_alloc_fail_after(n);
        if (rc == HC_OK)
            rc = hc_tmpl_execute(set, "t", 1, data, &arena, NULL, &out, &err);
        hc_alloc_fail_after(-1);
        if (rc == HC_OK)
            assert_string_equal(hc_buf_str(&out), "03-hello14-hello25-hello1");
        hc_buf_release(&out);
        hc_error_release(&err);
        hc_arena_free(&arena);
        hc_tmpl_set_free(set);
    }
}

static void test_builtin_table(void **state)
{
    (void)state;
    /* Go's builtins(): 19 names, sorted here, and/or/call special. */
    assert_int_equal(hc_funcs_builtins_len, 19);
    for (size_t i = 1; i < hc_funcs_builtins_len; i++)
        assert_true(strcmp(hc_funcs_builtins[i - 1].name, hc_funcs_builtins[i].name) < 0);
    assert_true(hc_funcset_find(&go_funcs, "and", 3)->flags & HC_FN_SPECIAL);
    assert_true(hc_funcset_find(&go_funcs, "call", 4)->flags & HC_FN_SPECIAL);
    assert_false(hc_funcset_find(&go_funcs, "eq", 2)->flags & HC_FN_SPECIAL);
}

static int group_setup(void **state)
{
    (void)state;
    const struct hc_func *tables[] = {hc_funcs_builtins, stub_funcs};
    const size_t counts[] = {hc_funcs_builtins_len, ARRAY_LEN(stub_funcs)};
    struct hc_error err;
    hc_error_init(&err);
    if (hc_funcset_build(&funcs, tables, counts, 2, NULL, 0, &err) != HC_OK ||
        hc_funcset_build(&go_funcs, tables, counts, 1, NULL, 0, &err) != HC_OK)
        return -1;
    hc_arena_init(&values_arena, 0);
    versions_list = hc_list_new(&values_arena, ARRAY_LEN(api_versions));
    if (!versions_list)
        return -1;
    for (size_t i = 0; i < ARRAY_LEN(api_versions); i++)
        versions_list->items[i] = hc_cstr(api_versions[i]);
    size_t len;
    char *text = read_file(TEMPLATE_DIR "/values.yaml", &len);
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
    hc_funcset_release(&go_funcs);
    hc_arena_free(&values_arena);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_table),  cmocka_unit_test(test_missing_key_modes),
        cmocka_unit_test(test_go_builtins),    cmocka_unit_test(test_host_objects),
        cmocka_unit_test(test_helm_error),     cmocka_unit_test(test_limits),
        cmocka_unit_test(test_alloc_failures), cmocka_unit_test(test_tcase_files),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
