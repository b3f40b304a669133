/*
 * dicts.c - Sprig's dictionary functions: dict, get, set, unset, hasKey,
 * pluck, keys, pick, omit, values, dig, merge, mergeOverwrite (and their
 * must- twins), deepCopy and mustDeepCopy.
 *
 * Mirrors Sprig v3.3.0 dict.go, dario.cat/mergo v1.0.1 (merge.go: deepMerge
 * as Merge and MergeWithOverwrite run it on map[string]interface{}) and
 * mitchellh/copystructure v1.2.0 as deepCopy uses it.  Maps are mutable
 * references: set, unset and the merges change the map every alias of it
 * sees, and return that same map.  Go visits map keys in random order where
 * we visit them sorted; no function here gives a result that depends on the
 * order (keys and values list in key order, one of Go's possible orders).
 */
#include "funcs/funcs.h"

#include "base/arena.h"
#include "funcs/cast.h"
#include "template/exec.h"

static hc_status nomem(struct hc_call *call)
{
    hc_error_nomem(call->err);
    return HC_ERR_NOMEM;
}

/* dict: keys (strval of every even argument) and values; a missing last value is "". */
static hc_status fn_dict(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    struct hc_map *m = hc_map_new(call->arena, (nargs + 1) / 2);
    if (!m)
        return nomem(call);
    for (uint32_t i = 0; i < nargs; i += 2) {
        hc_val key;
        hc_status rc = hc_cast_strval(call->arena, args[i], &key);
        if (rc == HC_ERR_NOMEM)
            return nomem(call);
        if (rc != HC_OK)
            return hc_error_set(call->err, rc, "dict: a key nested too deep to print");
        hc_val v = i + 1 < nargs ? args[i + 1] : hc_strn("", 0);
        if (hc_map_append(call->arena, m, key.u.s, key.len, v) != HC_OK)
            return nomem(call);
    }
    hc_map_finish(m);
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

/* get: the value under key, or "" when there is none. */
static hc_status fn_get(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    const struct hc_map *m = args[0].u.m;
    if (!m || !hc_map_get(m, args[1].u.s, args[1].len, out))
        *out = hc_strn("", 0);
    return HC_OK;
}

/* set: d[key] = value in place; returns d. */
static hc_status fn_set(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    struct hc_map *m = args[0].u.m;
    if (!m)
        return hc_call_fail(call, "assignment to entry in nil map");
    if (hc_map_set(call->arena, m, args[1].u.s, args[1].len, args[2]) != HC_OK)
        return nomem(call);
    *out = args[0];
    return HC_OK;
}

/* unset: delete(d, key) in place; returns d. */
static hc_status fn_unset(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    if (args[0].u.m)
        (void)hc_map_del(args[0].u.m, args[1].u.s, args[1].len);
    *out = args[0];
    return HC_OK;
}

/* hasKey: whether d has key. */
static hc_status fn_has_key(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_bool(args[0].u.m && hc_map_find(args[0].u.m, args[1].u.s, args[1].len) >= 0);
    return HC_OK;
}

/* pluck: the value under key in each of the maps that has it. */
static hc_status fn_pluck(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    struct hc_list *l = hc_list_new(call->arena, nargs - 1);
    if (!l)
        return nomem(call);
    uint32_t k = 0;
    for (uint32_t i = 1; i < nargs; i++)
        if (args[i].u.m && hc_map_get(args[i].u.m, args[0].u.s, args[0].len, &l->items[k]))
            k++;
    l->len = l->avail = k;
    l->cap = hc_go_append_cap(0, k, HC_GT_LIST); /* Sprig appends to []interface{}{} */
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* keys: the keys of every map in turn, as []string (each map's keys in sorted order). */
static hc_status fn_keys(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    size_t n = 0;
    for (uint32_t i = 0; i < nargs; i++)
        n += args[i].u.m ? args[i].u.m->len : 0;
    struct hc_list *l = hc_list_new(call->arena, n);
    if (!l)
        return nomem(call);
    size_t k = 0;
    for (uint32_t i = 0; i < nargs; i++)
        if (args[i].u.m)
            hc_map_foreach(args[i].u.m, e)
                l->items[k++] = hc_strn(e->key, e->klen);
    l->cap = hc_go_append_cap(0, n, HC_GT_STRLIST); /* Sprig appends to []string{} */
    *out = hc_list_val(l, HC_GT_STRLIST);
    return HC_OK;
}

/* Whether key is one of the string arguments args[0..n). */
static bool in_keys(const hc_val *args, uint32_t n, const char *key, uint32_t klen)
{
    for (uint32_t i = 0; i < n; i++)
        if (args[i].len == klen && (klen == 0 || memcmp(args[i].u.s, key, klen) == 0))
            return true;
    return false;
}

/* pick / omit: a new map of the entries whose keys are (pick) or are not (omit) listed. */
static hc_status pick_omit(struct hc_call *call, const hc_val *args, uint32_t nargs, bool pick,
                           hc_val *out)
{
    const struct hc_map *src = args[0].u.m;
    struct hc_map *m = hc_map_new(call->arena, 0);
    if (!m)
        return nomem(call);
    for (uint32_t i = 0; src && i < src->len; i++) {
        const struct hc_mapent *e = &src->e[i];
        if (in_keys(args + 1, nargs - 1, e->key, e->klen) != pick)
            continue;
        if (hc_map_append(call->arena, m, e->key, e->klen, e->val) != HC_OK)
            return nomem(call);
    }
    hc_map_finish(m);
    *out = hc_map_val(m, HC_GT_MAP);
    return HC_OK;
}

static hc_status fn_pick(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return pick_omit(call, args, nargs, true, out);
}

static hc_status fn_omit(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return pick_omit(call, args, nargs, false, out);
}

/* values: the map's values as a []interface {} (in key order). */
static hc_status fn_values(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const struct hc_map *m = args[0].u.m;
    struct hc_list *l = hc_list_new(call->arena, m ? m->len : 0);
    if (!l)
        return nomem(call);
    for (uint32_t i = 0; m && i < m->len; i++)
        l->items[i] = m->e[i].val;
    l->cap = hc_go_append_cap(0, l->len, HC_GT_LIST); /* Sprig appends to []interface{}{} */
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* The dynamic type a Go type assertion names in its panic ("nil" for a nil interface). */
static const char *assert_type(hc_val v)
{
    return v.kind == HC_NULL || v.kind == HC_MISSING ? "nil" : hc_val_typename(v);
}

/*
 * v.(map[string]interface {}) succeeds: the dynamic type must be exactly that,
 * so a named map type such as Helm's common.Values (.Values) fails, although
 * it is assignable to the type when passed as a typed parameter.
 */
static bool is_iface_map(hc_val v)
{
    return v.kind == HC_MAP && v.gotype == HC_GT_MAP && !(v.u.m && v.u.m->named);
}

/* A failed type assertion v.(T): Go's runtime.TypeAssertionError text. */
#define CONV_PANIC "interface conversion: interface {} is %s, not %s"

/*
 * dig: dig "k1" "k2" default dict: the value at the path of keys, or default
 * where a key is missing; every value on the way must be a
 * map[string]interface {} (Go's type assertions panic otherwise).
 */
static hc_status fn_dig(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    if (nargs < 3)
        return hc_call_fail(call, "dig needs at least three arguments");
    hc_val dict = args[nargs - 1], def = args[nargs - 2];
    if (!is_iface_map(dict))
        return hc_call_fail(call, CONV_PANIC, assert_type(dict), "map[string]interface {}");
    for (uint32_t i = 0; i < nargs - 2; i++)
        if (args[i].kind != HC_STRING || args[i].gotype != HC_GT_STRING)
            return hc_call_fail(call, CONV_PANIC, assert_type(args[i]), "string");
    for (uint32_t i = 0; i < nargs - 2; i++) {
        hc_val step;
        if (!dict.u.m || !hc_map_get(dict.u.m, args[i].u.s, args[i].len, &step)) {
            *out = def;
            return HC_OK;
        }
        if (i == nargs - 3) {
            *out = step;
            return HC_OK;
        }
        if (!is_iface_map(step))
            return hc_call_fail(call, CONV_PANIC, assert_type(step), "map[string]interface {}");
        dict = step;
    }
    *out = def; /* not reached: nargs >= 3 */
    return HC_OK;
}

/* ---- mergo ---- */

/* Levels of nested maps a merge follows (Go recurses until its stack overflows). */
#define MAX_MERGE_DEPTH HC_VAL_MAX_DEPTH

/* mergo's isEmptyValue for a map element (an interface, dereferenced). */
static bool merge_empty(hc_val v)
{
    return hc_cast_empty(v);
}

static bool is_slice(hc_val v)
{
    return v.kind == HC_LIST || (v.kind == HC_STRING && v.gotype == HC_GT_BYTES);
}

/*
 * reflect's SetMapIndex into dst: a map[string]string takes only strings;
 * an element read from a map[string]interface {} is an interface{} and
 * cannot be assigned to string (Go panics).
 */
static hc_status merge_store(struct hc_call *call, struct hc_map *dst, hc_gotype dst_t,
                             hc_gotype src_t, const char *key, uint32_t klen, hc_val v)
{
    if (dst_t == HC_GT_STRMAP && (src_t != HC_GT_STRMAP || v.kind != HC_STRING))
        return hc_call_fail(call,
                            "reflect.Value.SetMapIndex: value of type %s is not "
                            "assignable to type string",
                            src_t == HC_GT_STRMAP ? hc_val_typename(v) : "interface {}");
    if (hc_map_set(call->arena, dst, key, klen, v) != HC_OK)
        return nomem(call);
    return HC_OK;
}

/*
 * mergo's deepMerge for two maps: every key of src is merged into dst (which
 * is changed in place).  A key absent or empty in dst takes src's value; with
 * overwrite any non-nil src value replaces dst's, and a nil one is stored as
 * nil; where both values are maps, src's map is merged into dst's (which is
 * kept if that leaves it non-empty), recursively.  A non-empty dst value
 * without overwrite is kept.  The keys are read once at the start, values as
 * the loop reaches them, as Go's MapKeys and MapIndex do.
 */
static hc_status merge_map(struct hc_call *call, struct hc_map *dst, hc_gotype dst_t,
                           const struct hc_map *src, hc_gotype src_t, bool overwrite, int depth)
{
    if (!src || src->len == 0)
        return HC_OK;
    if (depth > MAX_MERGE_DEPTH)
        return hc_error_set(call->err, HC_ERR_LIMIT, "merge: maps nested more than %d deep",
                            MAX_MERGE_DEPTH);
    uint32_t n = src->len;
    struct hc_mapent *keys = hc_arena_array(call->arena, n, sizeof *keys);
    if (!keys)
        return nomem(call);
    memcpy(keys, src->e, n * sizeof *keys);
    for (uint32_t i = 0; i < n; i++) {
        const char *key = keys[i].key;
        uint32_t klen = keys[i].klen;
        hc_val sv, dv;
        hc_status rc;
        if (!hc_map_get(src, key, klen, &sv))
            continue; /* removed meanwhile: MapIndex gives the invalid value */
        bool has = hc_map_get(dst, key, klen, &dv);
        if (sv.kind == HC_NULL || sv.kind == HC_MISSING) {
            if (overwrite && (rc = merge_store(call, dst, dst_t, src_t, key, klen, sv)) != HC_OK)
                return rc;
            continue;
        }
        if (is_slice(hc_exec_underlying(sv)) && overwrite) {
            /* mergo stores src's slice before deciding; what follows keeps it */
            if ((rc = merge_store(call, dst, dst_t, src_t, key, klen, sv)) != HC_OK)
                return rc;
            continue;
        }
        /* reflect sees a named map (common.Values) as a map */
        hc_val su = hc_exec_underlying(sv), du = has ? hc_exec_underlying(dv) : dv;
        if (su.kind == HC_MAP && has && du.kind == HC_MAP && du.u.m && su.u.m) {
            rc = merge_map(call, du.u.m, (hc_gotype)du.gotype, su.u.m, (hc_gotype)su.gotype,
                           overwrite, depth + 1);
            if (rc != HC_OK)
                return rc;
        }
        if (has && !merge_empty(dv)) {
            if (is_slice(su))
                continue;
            if (su.kind == HC_MAP && du.kind == HC_MAP)
                continue;
        }
        if (overwrite || !has || merge_empty(dv))
            if ((rc = merge_store(call, dst, dst_t, src_t, key, klen, sv)) != HC_OK)
                return rc;
    }
    return HC_OK;
}

/*
 * merge / mustMerge / mergeOverwrite / mustMergeOverwrite: each source in
 * turn merged into dst (Merge or MergeWithOverwrite), which is returned.  A
 * nil dst is replaced by a new map once a source is non-nil (the caller's nil
 * map stays nil, as in Go).  mergo fails only on arguments templates cannot
 * produce, so the must- twins never fail differently.
 */
static hc_status merge_all(struct hc_call *call, const hc_val *args, uint32_t nargs, bool overwrite,
                           hc_val *out)
{
    hc_val dst = args[0];
    for (uint32_t i = 1; i < nargs; i++) {
        const struct hc_map *src = args[i].u.m;
        if (!dst.u.m && src) {
            dst.u.m = hc_map_new(call->arena, src->len);
            if (!dst.u.m)
                return nomem(call);
        }
        if (!dst.u.m)
            continue;
        hc_status rc = merge_map(call, dst.u.m, (hc_gotype)dst.gotype, src,
                                 (hc_gotype)args[i].gotype, overwrite, 0);
        if (rc != HC_OK)
            return rc;
    }
    *out = dst;
    return HC_OK;
}

static hc_status fn_merge(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return merge_all(call, args, nargs, false, out);
}

static hc_status fn_merge_overwrite(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                    hc_val *out)
{
    return merge_all(call, args, nargs, true, out);
}

/*
 * copystructure's walk: lists and maps copied all the way down, objects of a
 * named map or slice type (common.Values) copied as their map or list (the
 * copy loses the type name: an object's layout is its owner's), everything
 * else shared.  Go recurses until its stack overflows on a cycle; this stops
 * at HC_VAL_MAX_DEPTH.
 */
static hc_status deep_copy(struct hc_call *call, hc_val v, int depth, hc_val *out)
{
    hc_val u = hc_exec_underlying(v);
    *out = v;
    if ((u.kind == HC_LIST && u.u.l) || (u.kind == HC_MAP && u.u.m)) {
        if (depth >= HC_VAL_MAX_DEPTH) {
            hc_error_set(call->err, HC_ERR_LIMIT, "deepCopy: values nested more than %d deep",
                         HC_VAL_MAX_DEPTH);
            return HC_ERR_LIMIT;
        }
    }
    if (u.kind == HC_LIST && u.u.l) {
        struct hc_list *l = hc_list_new(call->arena, u.u.l->len);
        if (!l)
            return nomem(call);
        for (uint32_t i = 0; i < l->len; i++) {
            hc_status rc = deep_copy(call, u.u.l->items[i], depth + 1, &l->items[i]);
            if (rc != HC_OK)
                return rc;
        }
        l->cap = u.u.l->cap; /* MakeSlice(type, len, cap): items past len are zero */
        *out = hc_list_val(l, (hc_gotype)u.gotype);
    } else if (u.kind == HC_MAP && u.u.m) {
        struct hc_map *m = hc_map_new(call->arena, u.u.m->len);
        if (!m)
            return nomem(call);
        for (uint32_t i = 0; i < u.u.m->len; i++) {
            const struct hc_mapent *e = &u.u.m->e[i];
            hc_val c;
            hc_status rc = deep_copy(call, e->val, depth + 1, &c);
            if (rc != HC_OK)
                return rc;
            if (hc_map_append(call->arena, m, e->key, e->klen, c) != HC_OK)
                return nomem(call);
        }
        hc_map_finish(m);
        *out = hc_map_val(m, (hc_gotype)u.gotype);
    }
    return HC_OK;
}

/* deepCopy / mustDeepCopy: copystructure.Copy; nil makes reflect panic. */
static hc_status fn_deep_copy(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    if (args[0].kind == HC_NULL || args[0].kind == HC_MISSING)
        return hc_call_fail(call, "reflect: call of reflect.Value.Type on zero Value");
    return deep_copy(call, args[0], 0, out);
}

/* ---- the table ---- */

const struct hc_func hc_funcs_dicts[] = {
    {"deepCopy",           fn_deep_copy,       "a",   HC_FN_NOERR},
    {"dict",               fn_dict,            "a*",  HC_FN_NOERR},
    {"dig",                fn_dig,             "a*",  0          },
    {"get",                fn_get,             "ms",  HC_FN_NOERR},
    {"hasKey",             fn_has_key,         "ms",  HC_FN_NOERR},
    {"keys",               fn_keys,            "m*",  HC_FN_NOERR},
    {"merge",              fn_merge,           "mm*", HC_FN_NOERR},
    {"mergeOverwrite",     fn_merge_overwrite, "mm*", HC_FN_NOERR},
    {"mustDeepCopy",       fn_deep_copy,       "a",   HC_FN_MUST },
    {"mustMerge",          fn_merge,           "mm*", HC_FN_MUST },
    {"mustMergeOverwrite", fn_merge_overwrite, "mm*", HC_FN_MUST },
    {"omit",               fn_omit,            "ms*", HC_FN_NOERR},
    {"pick",               fn_pick,            "ms*", HC_FN_NOERR},
    {"pluck",              fn_pluck,           "sm*", HC_FN_NOERR},
    {"set",                fn_set,             "msa", HC_FN_NOERR},
    {"unset",              fn_unset,           "ms",  HC_FN_NOERR},
    {"values",             fn_values,          "m",   HC_FN_NOERR},
};

const size_t hc_funcs_dicts_len = sizeof hc_funcs_dicts / sizeof hc_funcs_dicts[0];
