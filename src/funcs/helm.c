/*
 * helm.c - Helm's template functions, and Sprig's JSON encoders beside them.
 *
 * Mirrors pkg/engine/funcs.go (toToml, fromToml, toYaml, mustToYaml,
 * toYamlPretty, fromYaml, fromYamlArray, toJson, mustToJson, fromJson,
 * fromJsonArray, lookup), the functions engine.go binds for each render
 * (include, tpl, required, fail; getHostByName's DNS switch lives in
 * network.c) and Sprig's toPrettyJson, toRawJson, mustToPrettyJson,
 * mustToRawJson and mustFromJson, which share the JSON code.  registry.c
 * composes these with Go's builtins and Sprig's families, this table last, so
 * Helm's fromJson replaces Sprig's.  The table ends the file.
 */
#include "funcs/helm.h"

#include <stdint.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "funcs/gotime.h"
#include "gofmt/gofmt.h"
#include "gofmt/printf.h"
#include "json/json.h"
#include "template/builtins.h"
#include "template/exec.h"
#include "toml/toml.h"
#include "yaml/yaml.h"

/* Helm's warnWrap: the markers reformatExecErrorMsg looks for. */
#define WARN_START "HELM_ERR_START"
#define WARN_END   "HELM_ERR_END"

/* Go's maxDepth for values walked here (deeper ones are left as they are). */
#define MAX_PLAIN_DEPTH 10000

void hc_helm_ctx_init(struct hc_helm_ctx *ctx, struct hc_arena *arena)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->arena = arena;
}

void hc_helm_ctx_release(struct hc_helm_ctx *ctx)
{
    for (size_t i = 0; i < ctx->nclones; i++)
        hc_tmpl_set_free(ctx->clones[i]);
    hc_free(ctx->clones);
    ctx->clones = NULL;
    ctx->nclones = ctx->cap_clones = 0;
}

/* ---- helpers ---- */

/* Returns b's contents as a string result in the call's arena, releasing b. */
static hc_status ret_buf(struct hc_call *call, struct hc_buf *b, hc_val *out)
{
    hc_status rc =
        hc_buf_ok(b) ? hc_str_dup(call->arena, hc_buf_str(b), b->len, out) : HC_ERR_NOMEM;
    hc_buf_release(b);
    if (rc != HC_OK)
        return hc_error_nomem(call->err);
    return HC_OK;
}

/* strings.TrimSuffix(s, "\n") on a buffer. */
static void trim_newline(struct hc_buf *b)
{
    if (b->len > 0 && b->data[b->len - 1] == '\n')
        hc_buf_truncate(b, b->len - 1);
}

/* strings.ReplaceAll(s, "<no value>", "") from src into dst. */
static void strip_no_value(struct hc_buf *dst, const char *s, size_t n)
{
    static const char nv[] = "<no value>";
    size_t i = 0;
    while (i < n) {
        const char *p = memchr(s + i, '<', n - i);
        if (!p) {
            hc_buf_add(dst, s + i, n - i);
            return;
        }
        size_t at = (size_t)(p - s);
        hc_buf_add(dst, s + i, at - i);
        if (n - at >= sizeof nv - 1 && memcmp(p, nv, sizeof nv - 1) == 0) {
            i = at + sizeof nv - 1;
        } else {
            hc_buf_addc(dst, '<');
            i = at + 1;
        }
    }
}

void hc_helm_base64(struct hc_buf *b, const char *s, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    if (!hc_buf_grow(b, (n + 2) / 3 * 4))
        return;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        char q[4] = {tab[v >> 18], tab[(v >> 12) & 63], tab[(v >> 6) & 63], tab[v & 63]};
        hc_buf_add(b, q, 4);
    }
    if (i < n) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0);
        char q[4] = {tab[v >> 18], tab[(v >> 12) & 63], i + 1 < n ? tab[(v >> 6) & 63] : '=', '='};
        hc_buf_add(b, q, 4);
    }
}

/* ---- plain data for the encoders ---- */

static hc_status plain_depth(struct hc_arena *a, hc_val v, hc_val *out, bool *changed, int depth);

/* A struct object: its exported fields by name, as encoding/json walks it. */
static hc_status plain_obj(struct hc_arena *a, const struct hc_obj *o, hc_val *out, int depth)
{
    const struct hc_obj_exec *x = o->type->exec;
    if (x && x->marshal)
        return x->marshal(o, a, out);
    const struct hc_obj_fmt *f = o->type->fmt;
    struct hc_map *m = hc_map_new(a, 8);
    if (!m)
        return HC_ERR_NOMEM;
    if (o->data && f && f->field) {
        const char *name;
        hc_val fv;
        for (uint32_t i = 0; f->field(o, i, &name, &fv); i++) {
            if (!(name[0] >= 'A' && name[0] <= 'Z'))
                continue; /* unexported */
            bool changed;
            hc_status rc = plain_depth(a, fv, &fv, &changed, depth + 1);
            if (rc != HC_OK)
                return rc;
            name = hc_exec_json_name(o, i, name);
            if (hc_map_set(a, m, name, strlen(name), fv) != HC_OK)
                return HC_ERR_NOMEM;
        }
    } else if (!o->data && strcmp(o->type->kindname, "ptr") == 0) {
        *out = hc_null();
        return HC_OK;
    }
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

static hc_status plain_depth(struct hc_arena *a, hc_val v, hc_val *out, bool *changed, int depth)
{
    *changed = false;
    *out = v;
    if (depth > MAX_PLAIN_DEPTH)
        return HC_OK;
    switch (v.kind) {
    case HC_OBJ:
        *changed = true;
        return plain_obj(a, v.u.o, out, depth);
    case HC_LIST: {
        if (!v.u.l)
            return HC_OK;
        struct hc_list *copy = NULL;
        for (uint32_t i = 0; i < v.u.l->len; i++) {
            hc_val x;
            bool c;
            hc_status rc = plain_depth(a, v.u.l->items[i], &x, &c, depth + 1);
            if (rc != HC_OK)
                return rc;
            if (c && !copy) {
                copy = hc_list_new(a, v.u.l->len);
                if (!copy)
                    return HC_ERR_NOMEM;
                memcpy(copy->items, v.u.l->items, v.u.l->len * sizeof(hc_val));
            }
            if (copy)
                copy->items[i] = x;
        }
        if (copy) {
            *changed = true;
            *out = hc_list_val(copy, (hc_gotype)v.gotype);
        }
        return HC_OK;
    }
    case HC_MAP: {
        if (!v.u.m)
            return HC_OK;
        struct hc_map *copy = NULL;
        for (uint32_t i = 0; i < v.u.m->len; i++) {
            hc_val x;
            bool c;
            hc_status rc = plain_depth(a, v.u.m->e[i].val, &x, &c, depth + 1);
            if (rc != HC_OK)
                return rc;
            if (c && !copy) {
                copy = hc_map_new(a, v.u.m->len);
                if (!copy)
                    return HC_ERR_NOMEM;
                memcpy(copy->e, v.u.m->e, v.u.m->len * sizeof *copy->e);
                copy->len = v.u.m->len;
            }
            if (copy)
                copy->e[i].val = x;
        }
        if (copy) {
            *changed = true;
            *out = hc_map_val(copy, (hc_gotype)v.gotype);
        }
        return HC_OK;
    }
    default:
        return HC_OK;
    }
}

hc_status hc_helm_plain(struct hc_arena *a, hc_val v, hc_val *out)
{
    bool changed;
    return plain_depth(a, v, out, &changed, 0);
}

/* ---- include, tpl, required, fail ---- */

static int64_t *include_count(struct hc_call *call, struct hc_helm_ctx *ctx, const char *name,
                              size_t len)
{
    if (!ctx->included) {
        ctx->included = hc_map_new(ctx->arena, 8);
        if (!ctx->included)
            return NULL;
    }
    long i = hc_map_find(ctx->included, name, len);
    if (i < 0) {
        char *key = hc_arena_strndup(ctx->arena, name, len);
        if (!key || hc_map_set(ctx->arena, ctx->included, key, len, hc_int(0)) != HC_OK)
            return NULL;
        i = hc_map_find(ctx->included, key, len);
    }
    (void)call;
    return &ctx->included->e[i].val.u.i;
}

/* include(name string, data interface{}) (string, error) */
static hc_status fn_include(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    struct hc_helm_ctx *ctx = call->user;
    int64_t *count = include_count(call, ctx, args[0].u.s, args[0].len);
    if (!count)
        return hc_error_nomem(call->err);
    if (*count > HC_HELM_MAX_INCLUDE_DEPTH)
        return hc_call_fail(call,
                            "rendering template has a nested reference name: %.*s: unable to "
                            "execute template",
                            (int)args[0].len, args[0].u.s);
    ++*count;
    struct hc_buf b = HC_BUF_INIT;
    hc_status rc =
        hc_exec_template(call->exec, NULL, args[0].u.s, args[0].len, args[1], &b, call->err);
    /* the map may have grown while the include ran: look the count up again */
    count = include_count(call, ctx, args[0].u.s, args[0].len);
    if (count)
        --*count;
    if (rc != HC_OK) {
        hc_buf_release(&b);
        return rc;
    }
    return ret_buf(call, &b, out);
}

/* tpl(tpl string, vals interface{}) (string, error) */
static hc_status fn_tpl(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    struct hc_helm_ctx *ctx = call->user;
    if (ctx->nclones == ctx->cap_clones) {
        size_t cap = ctx->cap_clones ? ctx->cap_clones * 2 : 16;
        struct hc_tmpl_set **nc = hc_realloc(ctx->clones, cap * sizeof *nc);
        if (!nc)
            return hc_error_nomem(call->err);
        ctx->clones = nc;
        ctx->cap_clones = cap;
    }
    struct hc_tmpl_set *clone =
        hc_tmpl_set_new_child(hc_exec_set(call->exec), ctx->tpl_arena_limit);
    if (!clone)
        return hc_error_nomem(call->err);
    ctx->clones[ctx->nclones++] = clone;
    const char *name = hc_exec_options(call->exec)->name;
    if (!name)
        name = "";
    struct hc_error err;
    hc_error_init(&err);
    struct hc_buf q = HC_BUF_INIT, b = HC_BUF_INIT;
    hc_status rc = hc_tmpl_parse(clone, name, args[0].u.s, args[0].len, &err);
    if (rc != HC_OK) {
        if (rc == HC_ERR_NOMEM) {
            hc_error_nomem(call->err);
        } else {
            hc_gofmt_quote(&q, args[0].u.s, args[0].len);
            rc = hc_call_fail(call, "cannot parse template %s: %s", hc_buf_str(&q),
                              hc_error_msg(&err));
        }
        goto out;
    }
    /*
     * Go executes the template object Parse returned, whose tree is the text's
     * even when the text is empty (only blanks, comments and defines) and the
     * name keeps its earlier tree in the set.  Such a text runs alone, in a
     * set without the earlier one.
     */
    const struct hc_tmpl_set *run = clone;
    const struct hc_tree *before = hc_tmpl_lookup(hc_exec_set(call->exec), name, strlen(name));
    if (before && hc_tmpl_lookup(clone, name, strlen(name)) == before) {
        struct hc_tmpl_set *alone = hc_tmpl_set_new(hc_funcs_helm_set(), ctx->tpl_arena_limit);
        if (!alone)
            return hc_error_nomem(call->err);
        ctx->clones[ctx->nclones - 1] = alone; /* the clone is not needed any more */
        hc_tmpl_set_free(clone);
        rc = hc_tmpl_parse(alone, name, args[0].u.s, args[0].len, &err);
        if (rc != HC_OK) {
            if (rc == HC_ERR_NOMEM)
                hc_error_nomem(call->err);
            goto out;
        }
        run = alone;
    }
    rc = hc_exec_template(call->exec, run, name, strlen(name), args[1], &b, &err);
    if (rc != HC_OK) {
        if (rc == HC_ERR_NOMEM) {
            hc_error_nomem(call->err);
        } else {
            hc_gofmt_quote(&q, args[0].u.s, args[0].len);
            rc = hc_call_fail(call, "error during tpl function execution for %s: %s",
                              hc_buf_str(&q), hc_error_msg(&err));
        }
        goto out;
    }
    {
        struct hc_buf r = HC_BUF_INIT;
        strip_no_value(&r, hc_buf_str(&b), b.len);
        rc = ret_buf(call, &r, out);
    }
out:
    hc_error_release(&err);
    hc_buf_release(&q);
    hc_buf_release(&b);
    return rc;
}

/* An error Helm's reformatExecErrorMsg shows as "execution error at (...): MSG". */
static hc_status warn_fail(struct hc_call *call, const char *s, size_t n)
{
    return hc_call_fail(call, WARN_START "%.*s" WARN_END, (int)n, s);
}

/* required(warn string, val interface{}) (interface{}, error) */
static hc_status fn_required(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    struct hc_helm_ctx *ctx = call->user;
    hc_val v = args[1];
    bool missing = v.kind == HC_NULL || v.kind == HC_MISSING ||
                   (v.kind == HC_STRING && v.gotype == HC_GT_STRING && v.len == 0);
    if (missing) {
        if (ctx && ctx->lint) {
            *out = hc_strn("", 0);
            return HC_OK;
        }
        return warn_fail(call, args[0].u.s, args[0].len);
    }
    *out = v;
    return HC_OK;
}

/* fail(msg string) (string, error), Helm's override of Sprig's */
static hc_status fn_fail(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    struct hc_helm_ctx *ctx = call->user;
    if (ctx && ctx->lint) {
        *out = hc_strn("", 0);
        return HC_OK;
    }
    return warn_fail(call, args[0].u.s, args[0].len);
}

/* lookup without a cluster: an empty map */
static hc_status fn_lookup(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)args;
    (void)nargs;
    struct hc_map *m = hc_map_new(call->arena, 0);
    if (!m)
        return hc_error_nomem(call->err);
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

/* ---- YAML and JSON ---- */

/* toYaml and mustToYaml: sigs.k8s.io/yaml.Marshal, trailing newline trimmed. */
static hc_status fn_to_yaml(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    hc_val v;
    if (hc_helm_plain(call->arena, args[0], &v) != HC_OK)
        return hc_error_nomem(call->err);
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_yaml_write(&b, v, &err);
    if (rc == HC_ERR_NOMEM) {
        hc_error_release(&err);
        hc_buf_release(&b);
        return hc_error_nomem(call->err);
    }
    if (rc != HC_OK) {
        hc_buf_release(&b);
        if (call->fn->flags & HC_FN_MUST) {
            rc = hc_call_fail(call, "%s", hc_error_msg(&err));
            hc_error_release(&err);
            return rc;
        }
        hc_error_release(&err);
        *out = hc_strn("", 0);
        return HC_OK;
    }
    trim_newline(&b);
    return ret_buf(call, &b, out);
}

/* toYamlPretty: go-yaml v3's encoder, indent 2, trailing newline trimmed ("" on failure). */
static hc_status fn_to_yaml_pretty(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                   hc_val *out)
{
    (void)nargs;
    hc_val v;
    if (hc_helm_plain(call->arena, args[0], &v) != HC_OK)
        return hc_error_nomem(call->err);
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_yaml_write_pretty(&b, v, &err);
    hc_error_release(&err);
    if (rc == HC_ERR_NOMEM) {
        hc_buf_release(&b);
        return hc_error_nomem(call->err);
    }
    if (rc != HC_OK)
        hc_buf_reset(&b);
    trim_newline(&b);
    return ret_buf(call, &b, out);
}

/* A map {"Error": msg} (fromYaml's and fromJson's answer to bad input), or msg added to m. */
static hc_status error_map(struct hc_call *call, struct hc_map *m, const char *msg, hc_val *out)
{
    if (!m)
        m = hc_map_new(call->arena, 1);
    hc_val s;
    if (!m || hc_str_dup(call->arena, msg, strlen(msg), &s) != HC_OK ||
        hc_map_set(call->arena, m, "Error", 5, s) != HC_OK)
        return hc_error_nomem(call->err);
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

/* A list [msg] (fromYamlArray's and fromJsonArray's answer to bad input). */
static hc_status error_list(struct hc_call *call, const char *msg, hc_val *out)
{
    struct hc_list *l = hc_list_new(call->arena, 1);
    if (!l || hc_str_dup(call->arena, msg, strlen(msg), &l->items[0]) != HC_OK)
        return hc_error_nomem(call->err);
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

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
    default:
        return "number";
    }
}

/* fromYaml (want HC_GT_MAP) and fromYamlArray (HC_GT_LIST). */
static hc_status from_yaml(struct hc_call *call, const hc_val *args, hc_gotype want, hc_val *out)
{
    hc_val v;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_yaml_read(call->arena, args[0].u.s, args[0].len, NULL, &v, &err);
    if (rc == HC_ERR_NOMEM) {
        hc_error_release(&err);
        return hc_error_nomem(call->err);
    }
    bool is_map = want == HC_GT_MAP;
    if (rc == HC_OK && v.kind != HC_NULL && v.kind != (is_map ? HC_MAP : HC_LIST))
        rc = hc_error_set(&err, HC_ERR_PARSE,
                          "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                          "%s into Go value of type %s",
                          json_kind(v), is_map ? "map[string]interface {}" : "[]interface {}");
    if (rc != HC_OK) {
        rc = is_map ? error_map(call, NULL, hc_error_msg(&err), out)
                    : error_list(call, hc_error_msg(&err), out);
        hc_error_release(&err);
        return rc;
    }
    if (v.kind == HC_NULL) {
        if (is_map) {
            struct hc_map *m = hc_map_new(call->arena, 0);
            if (!m)
                return hc_error_nomem(call->err);
            v = hc_map_val(m, HC_GT_MAP);
        } else {
            struct hc_list *l = hc_list_new(call->arena, 0);
            if (!l)
                return hc_error_nomem(call->err);
            v = hc_list_val(l, HC_GT_LIST);
        }
    }
    *out = v;
    return HC_OK;
}

static hc_status fn_from_yaml(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return from_yaml(call, args, HC_GT_MAP, out);
}

static hc_status fn_from_yaml_array(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                    hc_val *out)
{
    (void)nargs;
    return from_yaml(call, args, HC_GT_LIST, out);
}

static bool holds_obj(hc_val v, int depth)
{
    if (depth > MAX_PLAIN_DEPTH)
        return false;
    if (v.kind == HC_OBJ)
        return true;
    if (v.kind == HC_LIST && v.u.l) {
        for (uint32_t i = 0; i < v.u.l->len; i++)
            if (holds_obj(v.u.l->items[i], depth + 1))
                return true;
    } else if (v.kind == HC_MAP && v.u.m) {
        for (uint32_t i = 0; i < v.u.m->len; i++)
            if (holds_obj(v.u.m->e[i].val, depth + 1))
                return true;
    }
    return false;
}

/*
 * json.Marshal of a value holding host objects: a struct's exported fields
 * in declaration order (a map would sort them), the rest by hc_json_write.
 */
static hc_status write_json(struct hc_arena *a, struct hc_buf *b, hc_val v, unsigned flags,
                            struct hc_error *err, int depth)
{
    if (depth > MAX_PLAIN_DEPTH || !holds_obj(v, 0))
        return hc_json_write(b, v, flags, err);
    hc_status rc = HC_OK;
    if (v.kind == HC_OBJ) {
        const struct hc_obj *o = v.u.o;
        const struct hc_obj_fmt *f = o->type->fmt;
        const struct hc_obj_exec *x = o->type->exec;
        if (x && x->marshal) {
            hc_val m;
            rc = x->marshal(o, a, &m);
            if (rc != HC_OK)
                return hc_error_nomem(err);
            return write_json(a, b, m, flags, err, depth + 1);
        }
        if (!o->data) {
            hc_buf_adds(b, "null");
            return HC_OK;
        }
        hc_buf_addc(b, '{');
        const char *name;
        hc_val fv;
        bool first = true;
        for (uint32_t i = 0; rc == HC_OK && f && f->field && f->field(o, i, &name, &fv); i++) {
            if (!(name[0] >= 'A' && name[0] <= 'Z'))
                continue;
            if (!first)
                hc_buf_addc(b, ',');
            first = false;
            name = hc_exec_json_name(o, i, name);
            rc = hc_json_write(b, hc_strn(name, strlen(name)), flags, err);
            hc_buf_addc(b, ':');
            if (rc == HC_OK)
                rc = write_json(a, b, fv, flags, err, depth + 1);
        }
        hc_buf_addc(b, '}');
    } else if (v.kind == HC_LIST) {
        hc_buf_addc(b, '[');
        for (uint32_t i = 0; rc == HC_OK && i < v.u.l->len; i++) {
            if (i)
                hc_buf_addc(b, ',');
            rc = write_json(a, b, v.u.l->items[i], flags, err, depth + 1);
        }
        hc_buf_addc(b, ']');
    } else {
        hc_buf_addc(b, '{');
        for (uint32_t i = 0; rc == HC_OK && i < v.u.m->len; i++) {
            if (i)
                hc_buf_addc(b, ',');
            rc = hc_json_write(b, hc_strn(v.u.m->e[i].key, v.u.m->e[i].klen), flags, err);
            hc_buf_addc(b, ':');
            if (rc == HC_OK)
                rc = write_json(a, b, v.u.m->e[i].val, flags, err, depth + 1);
        }
        hc_buf_addc(b, '}');
    }
    if (rc == HC_OK && !hc_buf_ok(b))
        rc = hc_error_nomem(err);
    return rc;
}

/*
 * json.Marshal (flags 0), json.MarshalIndent(v, "", "  ") (HC_JSON_INDENT) or
 * an Encoder without HTML escaping (HC_JSON_NO_HTML_ESCAPE) of v into b.
 * Values holding host objects are written compactly, then indented as
 * MarshalIndent indents Marshal's output.
 */
static hc_status marshal_json(struct hc_arena *a, struct hc_buf *b, hc_val v, unsigned flags,
                              struct hc_error *err)
{
    if (!(flags & HC_JSON_INDENT) || !holds_obj(v, 0))
        return write_json(a, b, v, flags, err, 0);
    struct hc_buf c = HC_BUF_INIT;
    hc_status rc = write_json(a, &c, v, flags & ~(unsigned)HC_JSON_INDENT, err, 0);
    if (rc == HC_OK) {
        hc_json_indent(b, hc_buf_str(&c), c.len);
        if (!hc_buf_ok(b))
            rc = hc_error_nomem(err);
    }
    hc_buf_release(&c);
    return rc;
}

/*
 * The JSON encoders: Helm's toJson and mustToJson, Sprig's toPrettyJson,
 * mustToPrettyJson, toRawJson and mustToRawJson.  On failure the plain
 * toJson and toPrettyJson print ""; toRawJson panics with the error, which
 * fails the template as its must- twin does.
 */
static hc_status to_json(struct hc_call *call, hc_val v, unsigned flags, hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = marshal_json(call->arena, &b, v, flags, &err);
    if (rc == HC_ERR_NOMEM) {
        hc_error_release(&err);
        hc_buf_release(&b);
        return hc_error_nomem(call->err);
    }
    if (rc != HC_OK) {
        hc_buf_release(&b);
        if ((call->fn->flags & HC_FN_MUST) || (flags & HC_JSON_NO_HTML_ESCAPE)) {
            rc = hc_call_fail(call, "%s", hc_error_msg(&err));
            hc_error_release(&err);
            return rc;
        }
        hc_error_release(&err);
        *out = hc_strn("", 0);
        return HC_OK;
    }
    hc_error_release(&err);
    return ret_buf(call, &b, out);
}

static hc_status fn_to_json(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return to_json(call, args[0], 0, out);
}

static hc_status fn_to_pretty_json(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                   hc_val *out)
{
    (void)nargs;
    return to_json(call, args[0], HC_JSON_INDENT, out);
}

static hc_status fn_to_raw_json(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                hc_val *out)
{
    (void)nargs;
    return to_json(call, args[0], HC_JSON_NO_HTML_ESCAPE, out);
}

/* fromJson (want HC_GT_MAP) and fromJsonArray (HC_GT_LIST). */
static hc_status from_json(struct hc_call *call, const hc_val *args, hc_gotype want, hc_val *out)
{
    hc_val v = hc_missing();
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_json_read_as(call->arena, args[0].u.s, args[0].len, want, &v, &err);
    if (rc == HC_OK) {
        *out = v;
        return HC_OK;
    }
    if (rc == HC_ERR_NOMEM) {
        hc_error_release(&err);
        return hc_error_nomem(call->err);
    }
    if (want == HC_GT_MAP) {
        /* a number out of range still decodes the rest: the error joins it */
        struct hc_map *m = v.kind == HC_MAP ? v.u.m : NULL;
        if (v.kind == HC_MAP && !m)
            m = hc_map_new(call->arena, 1);
        rc = error_map(call, m, hc_error_msg(&err), out);
    } else {
        rc = error_list(call, hc_error_msg(&err), out);
    }
    hc_error_release(&err);
    return rc;
}

static hc_status fn_from_json(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return from_json(call, args, HC_GT_MAP, out);
}

static hc_status fn_from_json_array(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                    hc_val *out)
{
    (void)nargs;
    return from_json(call, args, HC_GT_LIST, out);
}

/* mustFromJson: Sprig's json.Unmarshal into an interface{}; any error fails the call. */
static hc_status fn_must_from_json(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                   hc_val *out)
{
    (void)nargs;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_json_read(call->arena, args[0].u.s, args[0].len, out, &err);
    if (rc == HC_ERR_NOMEM)
        rc = hc_error_nomem(call->err);
    else if (rc != HC_OK)
        rc = hc_call_fail(call, "%s", hc_error_msg(&err));
    hc_error_release(&err);
    return rc;
}

/* ---- TOML ---- */

/*
 * The decoder's zones for date-times without an offset (its internal
 * LocalDatetime, LocalDate and LocalTime: fixed zones at UTC whose names show
 * when printed), and the layout each is written back with.
 */
#define LOCAL_ZONE(id, label)                                     \
    static const struct hc_tz_zone id##_zone = {label, 0, false}; \
    static const struct hc_tz_trans id##_tx = {INT64_MIN, 0};     \
    static const struct hc_tz id = {label, &id##_zone, 1, &id##_tx, 1, ""}
LOCAL_ZONE(local_datetime, "datetime-local");
LOCAL_ZONE(local_date, "date-local");
LOCAL_ZONE(local_time, "time-local");

/* parse.go's dtTypes: the layouts tried in order and the zone each gives (NULL: Local). */
static const struct {
    const char *layout;
    const struct hc_tz *zone;
} toml_layouts[] = {
    {"2006-01-02T15:04:05.999999999Z07:00", NULL           },
    {"2006-01-02T15:04:05.999999999",       &local_datetime},
    {"2006-01-02",                          &local_date    },
    {"15:04:05.999999999",                  &local_time    },
    {"2006-01-02T15:04Z07:00",              NULL           },
    {"2006-01-02T15:04",                    &local_datetime},
    {"15:04",                               &local_time    },
};

/* missingLeadingZero: a digit of the layout matched by something else, before any '.' or 'Z'. */
static bool toml_missing_zero(const char *d, size_t n, const char *layout)
{
    for (size_t i = 0; layout[i]; i++) {
        char c = layout[i];
        if (c == '.' || c == 'Z')
            return false;
        if ((c < '0' || c > '9') && (i >= n || d[i] != c))
            return true;
    }
    return false;
}

/* fromToml's date-times: time.Time values, as the decoder parses them. */
static hc_status toml_datetime(void *ctx, const char *text, size_t n, struct hc_arena *a,
                               hc_val *out)
{
    struct hc_call *call = ctx;
    const struct hc_tz *local = hc_tz_local(hc_funcs_env_get(call));
    struct hc_buf errb = HC_BUF_INIT;
    for (size_t i = 0; i < sizeof toml_layouts / sizeof toml_layouts[0]; i++) {
        const char *layout = toml_layouts[i].layout;
        const struct hc_tz *zone = toml_layouts[i].zone ? toml_layouts[i].zone : local;
        struct hc_time t;
        hc_buf_reset(&errb);
        if (!hc_time_parse(a, layout, strlen(layout), text, n, zone, &t, &errb))
            continue;
        hc_buf_release(&errb);
        if (toml_missing_zero(text, n, layout))
            return HC_ERR_PARSE;
        return hc_time_val(a, t, out);
    }
    hc_buf_release(&errb);
    return HC_ERR_PARSE;
}

/* A time as eElement writes it: RFC 3339, or the layout of the decoder's local zones, in UTC. */
static hc_status toml_time_text(struct hc_arena *a, struct hc_time t, hc_val *out)
{
    const char *layout = "2006-01-02T15:04:05.999999999Z07:00";
    if (t.loc == &local_datetime)
        layout = "2006-01-02T15:04:05.999999999";
    else if (t.loc == &local_date)
        layout = "2006-01-02";
    else if (t.loc == &local_time)
        layout = "15:04:05.999999999";
    if (t.loc == &local_datetime || t.loc == &local_date || t.loc == &local_time)
        t = hc_time_in(t, NULL);
    struct hc_buf b = HC_BUF_INIT;
    hc_time_format(&b, t, layout, strlen(layout));
    hc_status rc = hc_buf_ok(&b) ? hc_str_dup(a, hc_buf_str(&b), b.len, out) : HC_ERR_NOMEM;
    hc_buf_release(&b);
    return rc;
}

/*
 * How BurntSushi/toml sees a host object: time.Time is a date-time, a
 * Duration its String quoted, other types with MarshalText (a marshal hook
 * giving a string, as semver's) a quoted string, named numbers their value,
 * nil pointers nothing, and other structs tables of their Go field names
 * (JSON names from a marshal hook do not apply).
 */
static hc_status toml_obj(void *ctx, const struct hc_obj *o, struct hc_arena *a,
                          enum hc_toml_obj *kind, hc_val *out)
{
    (void)ctx;
    const struct hc_obj_exec *x = o->type->exec;
    const struct hc_obj_fmt *f = o->type->fmt;
    if (strcmp(o->type->goname, "time.Duration") == 0 && f && f->string) {
        struct hc_buf b = HC_BUF_INIT;
        f->string(o, &b);
        hc_status rc = hc_buf_ok(&b) ? hc_str_dup(a, hc_buf_str(&b), b.len, out) : HC_ERR_NOMEM;
        hc_buf_release(&b);
        *kind = HC_TOML_OBJ_TEXT;
        return rc;
    }
    if (strcmp(o->type->goname, "time.Time") == 0 && o->data) {
        *kind = HC_TOML_OBJ_DATETIME;
        return toml_time_text(a, *(const struct hc_time *)o->data, out);
    }
    if (x && x->marshal) {
        hc_status rc = x->marshal(o, a, out);
        if (rc != HC_OK)
            return rc;
        /* a map stands for a struct's JSON names, which the TOML encoder ignores */
        if (out->kind != HC_MAP) {
            *kind = out->kind == HC_STRING ? HC_TOML_OBJ_TEXT : HC_TOML_OBJ_VALUE;
            return HC_OK;
        }
    }
    if (x && x->underlying) {
        *out = x->underlying(o);
        *kind = HC_TOML_OBJ_VALUE;
        return HC_OK;
    }
    *kind =
        !o->data && strcmp(o->type->kindname, "ptr") == 0 ? HC_TOML_OBJ_NIL : HC_TOML_OBJ_STRUCT;
    return HC_OK;
}

/* toToml: the document, or the encoder's error text in its place. */
static hc_status fn_to_toml(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    static const struct hc_toml_hooks hooks = {.obj = toml_obj};
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_toml_write(&b, args[0], &hooks, call->arena, &err);
    if (rc == HC_ERR_INVALID) {
        hc_buf_reset(&b);
        hc_buf_adds(&b, hc_error_msg(&err));
    } else if (rc == HC_ERR_NOMEM) {
        hc_buf_release(&b);
        hc_error_release(&err);
        return hc_error_nomem(call->err);
    } else if (rc != HC_OK) {
        hc_buf_release(&b);
        rc = hc_call_fail(call, "%s", hc_error_msg(&err));
        hc_error_release(&err);
        return rc;
    }
    hc_error_release(&err);
    return ret_buf(call, &b, out);
}

/* fromToml: the document as a map, or {"Error": msg} when it does not parse. */
static hc_status fn_from_toml(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_toml_hooks hooks = {.datetime = toml_datetime, .ctx = call};
    hc_status rc = hc_toml_read(call->arena, args[0].u.s, args[0].len, &hooks, out, &err);
    if (rc == HC_ERR_NOMEM)
        rc = hc_error_nomem(call->err);
    else if (rc != HC_OK)
        rc = error_map(call, NULL, hc_error_msg(&err), out);
    hc_error_release(&err);
    return rc;
}

/* ---- the function set ---- */

/* clang-format off */
const struct hc_func hc_funcs_helm[] = {
    {"fail",             fn_fail,            "s",    0},
    {"fromJson",         fn_from_json,       "s",    HC_FN_NOERR},
    {"fromJsonArray",    fn_from_json_array, "s",    HC_FN_NOERR},
    {"fromToml",         fn_from_toml,       "s",    HC_FN_NOERR},
    {"fromYaml",         fn_from_yaml,       "s",    HC_FN_NOERR},
    {"fromYamlArray",    fn_from_yaml_array, "s",    HC_FN_NOERR},
    {"include",          fn_include,         "sa",   HC_FN_LATE},
    {"lookup",           fn_lookup,          "ssss", 0},
    {"mustFromJson",     fn_must_from_json,  "s",    0},
    {"mustToJson",       fn_to_json,         "a",    HC_FN_MUST | HC_FN_NOERR},
    {"mustToPrettyJson", fn_to_pretty_json,  "a",    HC_FN_MUST},
    {"mustToRawJson",    fn_to_raw_json,     "a",    HC_FN_MUST},
    {"mustToYaml",       fn_to_yaml,         "a",    HC_FN_MUST | HC_FN_NOERR},
    {"required",         fn_required,        "sa",   0},
    {"toJson",           fn_to_json,         "a",    HC_FN_NOERR},
    {"toPrettyJson",     fn_to_pretty_json,  "a",    HC_FN_NOERR},
    {"toRawJson",        fn_to_raw_json,     "a",    HC_FN_NOERR},
    {"toToml",           fn_to_toml,         "a",    HC_FN_NOERR},
    {"toYaml",           fn_to_yaml,         "a",    HC_FN_NOERR},
    {"toYamlPretty",     fn_to_yaml_pretty,  "a",    HC_FN_NOERR},
    {"tpl",              fn_tpl,             "sa",   HC_FN_LATE},
};
/* clang-format on */
const size_t hc_funcs_helm_len = sizeof hc_funcs_helm / sizeof hc_funcs_helm[0];
