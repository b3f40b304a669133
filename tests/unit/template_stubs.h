/*
 * template_stubs.h - stand-ins for the Sprig and Helm functions the .tcase
 * files of the template language use (list, dict, include, tpl, fail, ...),
 * so that the executor can be tested before the function registry exists.
 * Each follows its Go original closely enough for those cases; none is part
 * of the library.  When src/funcs/ lands, test_template_exec.c should build
 * its function set from the registry instead and drop this file.
 *
 * Included once, by test_template_exec.c.
 */
#ifndef HELMC_TEMPLATE_STUBS_H
#define HELMC_TEMPLATE_STUBS_H

#include <ctype.h>
#include <errno.h>
#include <math.h>

#include "base/arena.h"
#include "base/buf.h"
#include "gofmt/gofmt.h"
#include "gofmt/printf.h"
#include "helmc/template.h"
#include "json/json.h"
#include "template/exec.h"
#include "template/func.h"
#include "yaml/yaml.h"

/* What include and tpl keep per execution (Helm's includedNames, tpl's clones). */
struct stub_state {
    char *names[64];
    int counts[64];
    int nnames;
    struct hc_tmpl_set *clones[256];
    int nclones;
};

static hc_status stub_str(struct hc_call *call, struct hc_buf *b, hc_val *out)
{
    hc_status rc =
        hc_buf_ok(b) ? hc_str_dup(call->arena, hc_buf_str(b), b->len, out) : HC_ERR_NOMEM;
    hc_buf_release(b);
    if (rc != HC_OK)
        hc_error_nomem(call->err);
    return rc;
}

/* Sprig's strval. */
static void stub_strval(struct hc_buf *b, hc_val v)
{
    if (v.kind == HC_STRING)
        hc_buf_add(b, v.u.s, v.len);
    else
        hc_gofmt_sprintf(b, "%v", 2, &v, 1);
}

/* cast.ToInt64 as Sprig's int64 and add use it (decimal strings, "0x" prefixes). */
static int64_t stub_toint64(hc_val v)
{
    switch (v.kind) {
    case HC_INT:
        return v.u.i;
    case HC_FLOAT:
        return (int64_t)v.u.f;
    case HC_BOOL:
        return v.u.b;
    case HC_STRING: {
        char buf[64];
        size_t n = v.len < sizeof buf - 1 ? v.len : sizeof buf - 1;
        memcpy(buf, v.u.s, n);
        buf[n] = '\0';
        char *dot = strchr(buf, '.'); /* trimZeroDecimal */
        if (dot && strspn(dot + 1, "0") == strlen(dot + 1))
            *dot = '\0';
        char *end;
        errno = 0;
        long long x = strtoll(buf, &end, 0);
        return (*end || errno || !*buf) ? 0 : x;
    }
    default:
        return 0;
    }
}

static double stub_tofloat64(hc_val v)
{
    switch (v.kind) {
    case HC_INT:
        return (double)v.u.i;
    case HC_FLOAT:
        return v.u.f;
    case HC_BOOL:
        return v.u.b;
    case HC_STRING: {
        char buf[64];
        size_t n = v.len < sizeof buf - 1 ? v.len : sizeof buf - 1;
        memcpy(buf, v.u.s, n);
        buf[n] = '\0';
        char *end;
        double x = strtod(buf, &end);
        return *end || !*buf ? 0 : x;
    }
    default:
        return 0;
    }
}

static hc_status stub_list(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    struct hc_list *l = hc_list_new(call->arena, n);
    if (!l)
        return hc_error_nomem(call->err);
    for (uint32_t i = 0; i < n; i++)
        l->items[i] = args[i];
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

static hc_status stub_dict(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    struct hc_map *m = hc_map_new(call->arena, 0);
    if (!m)
        return hc_error_nomem(call->err);
    for (uint32_t i = 0; i < n; i += 2) {
        struct hc_buf k = HC_BUF_INIT;
        stub_strval(&k, args[i]);
        hc_val key;
        if (stub_str(call, &k, &key) != HC_OK)
            return HC_ERR_NOMEM;
        hc_val v = i + 1 < n ? args[i + 1] : hc_strn("", 0);
        if (hc_map_set(call->arena, m, key.u.s, key.len, v) != HC_OK)
            return hc_error_nomem(call->err);
    }
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

static int *stub_count(struct stub_state *st, const char *name, size_t len)
{
    for (int i = 0; i < st->nnames; i++)
        if (strlen(st->names[i]) == len && memcmp(st->names[i], name, len) == 0)
            return &st->counts[i];
    if (st->nnames == 64)
        return NULL;
    st->names[st->nnames] = strndup(name, len);
    st->counts[st->nnames] = 0;
    return &st->counts[st->nnames++];
}

/* Helm's include: executes a named template of the running set into a string. */
static hc_status stub_include(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct stub_state *st = call->user;
    int *count = stub_count(st, args[0].u.s, args[0].len);
    if (!count)
        return hc_call_fail(call, "too many names");
    if (*count > 1000)
        return hc_call_fail(call,
                            "rendering template has a nested reference name: %.*s: unable to "
                            "execute template",
                            (int)args[0].len, args[0].u.s);
    ++*count;
    struct hc_buf b = HC_BUF_INIT;
    hc_status rc =
        hc_exec_template(call->exec, NULL, args[0].u.s, args[0].len, args[1], &b, call->err);
    --*count;
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc;
    }
    return stub_str(call, &b, out);
}

/* Helm's tpl: parses text into a clone of the running set and executes it. */
static hc_status stub_tpl(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct stub_state *st = call->user;
    if (st->nclones == 256)
        return hc_call_fail(call, "too many tpl calls");
    struct hc_tmpl_set *clone = hc_tmpl_set_new_child(hc_exec_set(call->exec), 0);
    if (!clone)
        return hc_error_nomem(call->err);
    st->clones[st->nclones++] = clone; /* its strings may outlive the call */
    const char *name = hc_exec_options(call->exec)->name;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_buf q = HC_BUF_INIT;
    hc_gofmt_quote(&q, args[0].u.s, args[0].len);
    if (hc_tmpl_parse(clone, name, args[0].u.s, args[0].len, &err) != HC_OK) {
        hc_call_fail(call, "cannot parse template %s: %s", hc_buf_str(&q), hc_error_msg(&err));
        hc_error_release(&err);
        hc_buf_release(&q);
        return HC_ERR_EXEC;
    }
    struct hc_buf b = HC_BUF_INIT;
    hc_status rc = hc_exec_template(call->exec, clone, name, strlen(name), args[1], &b, &err);
    if (rc != HC_OK) {
        if (rc == HC_ERR_EXEC)
            hc_call_fail(call, "error during tpl function execution for %s: %s", hc_buf_str(&q),
                         hc_error_msg(&err));
        else
            hc_error_move(call->err, &err);
        hc_error_release(&err);
        hc_buf_release(&q);
        hc_buf_release(&b);
        return rc;
    }
    hc_buf_release(&q);
    /* strings.ReplaceAll(buf.String(), "<no value>", "") */
    struct hc_buf r = HC_BUF_INIT;
    for (size_t i = 0; i < b.len;) {
        if (b.len - i >= 10 && memcmp(b.data + i, "<no value>", 10) == 0) {
            i += 10;
        } else {
            hc_buf_addc(&r, b.data[i]);
            i++;
        }
    }
    hc_buf_release(&b);
    return stub_str(call, &r, out);
}

/* Helm's fail: the message wrapped for its error rewording. */
static hc_status stub_fail(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    (void)out;
    return hc_call_fail(call, "HELM_ERR_START%.*sHELM_ERR_END", (int)args[0].len, args[0].u.s);
}

/* Sprig's mustSlice (Sprig's slice replaces Go's built-in in Helm). */
static hc_status stub_must_slice(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    hc_val l = args[0];
    if (l.kind == HC_NULL)
        return hc_call_fail(call, "runtime error: invalid memory address or nil pointer "
                                  "dereference");
    if (l.kind != HC_LIST)
        return hc_call_fail(call, "list should be type of slice or array but %s",
                            hc_val_kindname(l));
    int64_t len = hc_val_len(l);
    if (len == 0) {
        *out = hc_null();
        return HC_OK;
    }
    int64_t start = n > 1 ? stub_toint64(args[1]) : 0;
    int64_t end = n > 2 ? stub_toint64(args[2]) : len;
    int64_t cap = l.u.l->cap; /* reflect.Value.Slice checks against the capacity */
    if (start < 0 || end < start || end > cap)
        return hc_call_fail(call, "reflect.Value.Slice: slice index out of bounds");
    struct hc_list *r = hc_list_slice(call->arena, l.u.l, (hc_gotype)l.gotype, (uint32_t)start,
                                      (uint32_t)end, (uint32_t)cap);
    if (!r)
        return hc_error_nomem(call->err);
    *out = hc_list_val(r, (hc_gotype)l.gotype);
    return HC_OK;
}

static hc_status stub_int64(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    *out = hc_int(stub_toint64(args[0]));
    return HC_OK;
}

static hc_status stub_int(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    *out = hc_int_typed(stub_toint64(args[0]), HC_GT_INT);
    return HC_OK;
}

static hc_status stub_float64(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    *out = hc_float(stub_tofloat64(args[0]));
    return HC_OK;
}

static hc_status stub_atoi(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    char buf[32];
    size_t len = args[0].len < sizeof buf - 1 ? args[0].len : sizeof buf - 1;
    memcpy(buf, args[0].u.s, len);
    buf[len] = '\0';
    char *end;
    long long x = strtoll(buf, &end, 10);
    *out = hc_int_typed(*end || !*buf ? 0 : x, HC_GT_INT);
    return HC_OK;
}

static hc_status stub_tostring(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    stub_strval(&b, args[0]);
    return stub_str(call, &b, out);
}

static hc_status stub_case(struct hc_call *call, const hc_val *args, int (*conv)(int), hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    for (uint32_t i = 0; i < args[0].len; i++) {
        unsigned char c = (unsigned char)args[0].u.s[i];
        hc_buf_addc(&b, (char)(c < 0x80 ? conv(c) : c));
    }
    return stub_str(call, &b, out);
}

static hc_status stub_upper(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return stub_case(call, args, toupper, out);
}

static hc_status stub_lower(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return stub_case(call, args, tolower, out);
}

static hc_status stub_trim(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    const char *s = args[0].u.s;
    size_t a = 0, b = args[0].len;
    while (a < b && isspace((unsigned char)s[a]))
        a++;
    while (b > a && isspace((unsigned char)s[b - 1]))
        b--;
    *out = hc_strn(s + a, b - a);
    return HC_OK;
}

static hc_status stub_hello(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)args;
    (void)n;
    *out = hc_cstr("Hello!");
    return HC_OK;
}

static hc_status stub_add(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    int64_t sum = 0;
    for (uint32_t i = 0; i < n; i++)
        sum = (int64_t)((uint64_t)sum + (uint64_t)stub_toint64(args[i])); /* wraps, as Go */
    *out = hc_int(sum);
    return HC_OK;
}

static hc_status stub_sub(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    *out = hc_int((int64_t)((uint64_t)stub_toint64(args[0]) - (uint64_t)stub_toint64(args[1])));
    return HC_OK;
}

/* Sprig's empty. */
static bool stub_is_empty(hc_val v)
{
    if (v.kind == HC_OBJ)
        return false;
    return !hc_val_truth(v);
}

/* Sprig's set: changes the map every alias sees, and returns it. */
static hc_status stub_set(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    if (!args[0].u.m)
        return hc_call_fail(call, "assignment to entry in nil map");
    if (hc_map_set(call->arena, args[0].u.m, args[1].u.s, args[1].len, args[2]) != HC_OK)
        return hc_error_nomem(call->err);
    *out = args[0];
    return HC_OK;
}

static hc_status stub_empty(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    *out = hc_bool(stub_is_empty(args[0]));
    return HC_OK;
}

static hc_status stub_default(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    *out = n < 2 || stub_is_empty(args[1]) ? args[0] : args[1];
    return HC_OK;
}

static hc_status stub_until(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    int64_t count = args[0].u.i, step = count < 0 ? -1 : 1;
    int64_t len = count < 0 ? -count : count;
    if (len > 100000)
        return hc_call_fail(call, "until: too long for a test");
    struct hc_list *l = hc_list_new(call->arena, (size_t)len);
    if (!l)
        return hc_error_nomem(call->err);
    for (int64_t i = 0; i < len; i++)
        l->items[i] = hc_int_typed(i * step, HC_GT_INT);
    *out = hc_list_val(l, HC_GT_INTLIST);
    return HC_OK;
}

static hc_status stub_quote_with(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out,
                                 bool single)
{
    struct hc_buf b = HC_BUF_INIT;
    bool first = true;
    for (uint32_t i = 0; i < n; i++) {
        if (args[i].kind == HC_NULL)
            continue;
        if (!first)
            hc_buf_addc(&b, ' ');
        first = false;
        struct hc_buf s = HC_BUF_INIT;
        stub_strval(&s, args[i]);
        if (single) {
            hc_buf_addc(&b, '\'');
            hc_buf_add(&b, hc_buf_str(&s), s.len);
            hc_buf_addc(&b, '\'');
        } else {
            hc_gofmt_quote(&b, hc_buf_str(&s), s.len);
        }
        hc_buf_release(&s);
    }
    return stub_str(call, &b, out);
}

static hc_status stub_quote(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    return stub_quote_with(call, args, n, out, false);
}

static hc_status stub_squote(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    return stub_quote_with(call, args, n, out, true);
}

static hc_status stub_first_last(struct hc_call *call, const hc_val *args, bool last, hc_val *out)
{
    hc_val l = args[0];
    if (l.kind != HC_LIST)
        return hc_call_fail(call, "Cannot find first on type %s", hc_val_typename(l));
    uint32_t len = l.u.l ? l.u.l->len : 0;
    *out = len == 0 ? hc_null() : l.u.l->items[last ? len - 1 : 0];
    return HC_OK;
}

static hc_status stub_first(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return stub_first_last(call, args, false, out);
}

static hc_status stub_last(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return stub_first_last(call, args, true, out);
}

static hc_status stub_get(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    if (!args[0].u.m || !hc_map_get(args[0].u.m, args[1].u.s, args[1].len, out))
        *out = hc_strn("", 0);
    return HC_OK;
}

static hc_status stub_typeof(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    *out = hc_cstr(hc_val_typename(args[0]));
    return HC_OK;
}

static hc_status stub_kindof(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    *out = hc_cstr(hc_val_kindname(args[0]));
    return HC_OK;
}

static hc_status stub_keys(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    struct hc_listb b;
    hc_listb_init(&b, call->arena);
    for (uint32_t i = 0; i < n; i++)
        if (args[i].u.m)
            hc_map_foreach(args[i].u.m, e)
                if (hc_listb_push(&b, hc_strn(e->key, e->klen)) != HC_OK)
                    return hc_error_nomem(call->err);
    struct hc_list *l = hc_listb_finish(&b);
    if (!l)
        return hc_error_nomem(call->err);
    *out = hc_list_val(l, HC_GT_STRLIST);
    return HC_OK;
}

static hc_status stub_split(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_map *m = hc_map_new(call->arena, 0);
    if (!m)
        return hc_error_nomem(call->err);
    hc_val sep = args[0], s = args[1];
    size_t start = 0, k = 0;
    for (size_t i = 0; sep.len && i + sep.len <= s.len;) {
        if (memcmp(s.u.s + i, sep.u.s, sep.len) == 0) {
            char *key = hc_arena_printf(call->arena, "_%zu", k++);
            if (!key || hc_map_set(call->arena, m, key, strlen(key),
                                   hc_strn(s.u.s + start, i - start)) != HC_OK)
                return hc_error_nomem(call->err);
            i += sep.len;
            start = i;
        } else {
            i++;
        }
    }
    char *key = hc_arena_printf(call->arena, "_%zu", k);
    if (!key || hc_map_set(call->arena, m, key, strlen(key),
                           hc_strn(s.u.s + start, s.len - start)) != HC_OK)
        return hc_error_nomem(call->err);
    *out = hc_map_val(m, HC_GT_STRMAP);
    return HC_OK;
}

static hc_status stub_indent_with(struct hc_call *call, const hc_val *args, bool nl, hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    int64_t w = args[0].u.i < 0 ? 0 : args[0].u.i;
    if (nl)
        hc_buf_addc(&b, '\n');
    hc_buf_addn(&b, ' ', (size_t)w);
    for (uint32_t i = 0; i < args[1].len; i++) {
        hc_buf_addc(&b, args[1].u.s[i]);
        if (args[1].u.s[i] == '\n')
            hc_buf_addn(&b, ' ', (size_t)w);
    }
    return stub_str(call, &b, out);
}

static hc_status stub_indent(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return stub_indent_with(call, args, false, out);
}

static hc_status stub_nindent(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return stub_indent_with(call, args, true, out);
}

static hc_status stub_repeat(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    for (int64_t i = 0; i < args[0].u.i && i < 100000; i++)
        hc_buf_add(&b, args[1].u.s, args[1].len);
    return stub_str(call, &b, out);
}

static hc_status stub_replace(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val old = args[0], nw = args[1], s = args[2];
    struct hc_buf b = HC_BUF_INIT;
    for (size_t i = 0; i < s.len;) {
        if (old.len && i + old.len <= s.len && memcmp(s.u.s + i, old.u.s, old.len) == 0) {
            hc_buf_add(&b, nw.u.s, nw.len);
            i += old.len;
        } else {
            hc_buf_addc(&b, s.u.s[i++]);
        }
    }
    return stub_str(call, &b, out);
}

static hc_status stub_hasprefix(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    *out =
        hc_bool(args[1].len >= args[0].len && memcmp(args[1].u.s, args[0].u.s, args[0].len) == 0);
    return HC_OK;
}

static hc_status stub_trunc(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)call;
    (void)n;
    int64_t c = args[0].u.i;
    hc_val s = args[1];
    if (c < 0 && (int64_t)s.len + c > 0)
        *out = hc_strn(s.u.s + s.len + c, (size_t)-c);
    else if (c >= 0 && (int64_t)s.len > c)
        *out = hc_strn(s.u.s, (size_t)c);
    else
        *out = s;
    return HC_OK;
}

static int stub_cmp_str(const void *a, const void *b)
{
    const hc_val *x = a, *y = b;
    return hc_strcmp(x->u.s, x->len, y->u.s, y->len);
}

static hc_status stub_sortalpha(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val l = args[0];
    uint32_t len = l.kind == HC_LIST && l.u.l ? l.u.l->len : 0;
    struct hc_list *r = hc_list_new(call->arena, len);
    if (!r)
        return hc_error_nomem(call->err);
    for (uint32_t i = 0; i < len; i++) {
        struct hc_buf b = HC_BUF_INIT;
        stub_strval(&b, l.u.l->items[i]);
        if (stub_str(call, &b, &r->items[i]) != HC_OK)
            return HC_ERR_NOMEM;
    }
    qsort(r->items, len, sizeof(hc_val), stub_cmp_str);
    *out = hc_list_val(r, HC_GT_STRLIST);
    return HC_OK;
}

static int stub_b64val(char c)
{
    const char *tab = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = c ? strchr(tab, c) : NULL;
    return p ? (int)(p - tab) : -1;
}

static hc_status stub_b64dec(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    uint32_t acc = 0;
    int bits = 0;
    for (uint32_t i = 0; i < args[0].len; i++) {
        int v = stub_b64val(args[0].u.s[i]);
        if (v < 0)
            break;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            hc_buf_addc(&b, (char)((acc >> bits) & 0xFF));
        }
    }
    return stub_str(call, &b, out);
}

/* Helm's toJson and toYaml: "" when the value cannot be encoded. */
static hc_status stub_to_json(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    if (hc_json_write(&b, args[0], 0, &err) != HC_OK)
        hc_buf_reset(&b);
    hc_error_release(&err);
    return stub_str(call, &b, out);
}

static hc_status stub_to_yaml(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    if (hc_yaml_write(&b, args[0], &err) != HC_OK)
        hc_buf_reset(&b);
    if (b.len > 0 && b.data[b.len - 1] == '\n') /* strings.TrimSuffix(s, "\n") */
        hc_buf_truncate(&b, b.len - 1);
    hc_error_release(&err);
    return stub_str(call, &b, out);
}

static hc_status stub_unavailable(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    (void)out;
    return hc_call_fail(call, "%s: not available in this test", call->fn->name);
}

static const struct hc_func stub_funcs[] = {
    {"add",       stub_add,         "a*",  0         },
    {"atoi",      stub_atoi,        "s",   0         },
    {"b64dec",    stub_b64dec,      "s",   0         },
    {"b64enc",    stub_unavailable, "s",   0         },
    {"default",   stub_default,     "aa*", 0         },
    {"dict",      stub_dict,        "a*",  0         },
    {"empty",     stub_empty,       "a",   0         },
    {"fail",      stub_fail,        "s",   0         },
    {"first",     stub_first,       "a",   0         },
    {"float64",   stub_float64,     "a",   0         },
    {"get",       stub_get,         "ms",  0         },
    {"hasPrefix", stub_hasprefix,   "ss",  0         },
    {"hello",     stub_hello,       "",    0         },
    {"include",   stub_include,     "sa",  HC_FN_LATE},
    {"indent",    stub_indent,      "is",  0         },
    {"int",       stub_int,         "a",   0         },
    {"int64",     stub_int64,       "a",   0         },
    {"keys",      stub_keys,        "m*",  0         },
    {"kindOf",    stub_kindof,      "a",   0         },
    {"last",      stub_last,        "a",   0         },
    {"list",      stub_list,        "a*",  0         },
    {"lower",     stub_lower,       "s",   0         },
    {"mustSlice", stub_must_slice,  "aa*", 0         },
    {"nindent",   stub_nindent,     "is",  0         },
    {"quote",     stub_quote,       "a*",  0         },
    {"repeat",    stub_repeat,      "is",  0         },
    {"replace",   stub_replace,     "sss", 0         },
    {"set",       stub_set,         "msa", 0         },
    {"slice",     stub_must_slice,  "aa*", 0         },
    {"sortAlpha", stub_sortalpha,   "a",   0         },
    {"split",     stub_split,       "ss",  0         },
    {"squote",    stub_squote,      "a*",  0         },
    {"sub",       stub_sub,         "aa",  0         },
    {"toJson",    stub_to_json,     "a",   0         },
    {"toString",  stub_tostring,    "a",   0         },
    {"toYaml",    stub_to_yaml,     "a",   0         },
    {"tpl",       stub_tpl,         "sa",  HC_FN_LATE},
    {"trim",      stub_trim,        "s",   0         },
    {"trunc",     stub_trunc,       "is",  0         },
    {"tuple",     stub_list,        "a*",  0         },
    {"typeOf",    stub_typeof,      "a",   0         },
    {"until",     stub_until,       "i",   0         },
    {"upper",     stub_upper,       "s",   0         },
};

#endif
