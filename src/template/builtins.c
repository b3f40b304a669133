/*
 * builtins.c - Go's template built-ins.  Mirrors text/template/funcs.go (Go
 * 1.25): index, slice, len, call, not, the comparisons, the escapers and
 * fmt's Sprint/Sprintf/Sprintln, with Go's messages word for word, including
 * the texts of the reflect panics Go's safeCall turns into errors ("reflect:
 * slice index out of range").
 *
 * Arguments typed 'v' (reflect.Value) arrive as the executor holds them: a
 * value read from a map or list carries HC_VF_IFACE, HC_NULL is a nil
 * interface and HC_MISSING the invalid value; each function indirects them
 * where Go's does.  Results are allocated in call->arena.
 */
#include "template/builtins.h"

#include <string.h>

#include "base/arena.h"
#include "gofmt/printf.h"
#include "template/exec.h"
#include "template/runes.h"

/* ---- helpers ---- */

static hc_status nomem(struct hc_call *call)
{
    return hc_error_nomem(call->err);
}

/* The string built in b as a result in the arena. */
static hc_status str_result(struct hc_call *call, struct hc_buf *b, hc_val *out)
{
    hc_status rc = HC_OK;
    if (!hc_buf_ok(b))
        rc = b->toobig ? hc_error_set(call->err, HC_ERR_LIMIT, "template: output too large")
                       : nomem(call);
    else if (hc_str_dup(call->arena, hc_buf_str(b), b->len, out) != HC_OK)
        rc = nomem(call);
    hc_buf_release(b);
    return rc;
}

/* A scratch buffer bounded like the execution's output. */
static void scratch_init(struct hc_call *call, struct hc_buf *b)
{
    size_t limit = call->exec ? hc_exec_options(call->exec)->max_output : 0;
    hc_buf_init(b, limit);
}

/* A fmt failure (only a value nesting too deeply to print); b is left to the caller. */
static hc_status fmt_status(struct hc_call *call, hc_status rc, struct hc_buf *b)
{
    if (rc == HC_ERR_LIMIT && hc_buf_ok(b))
        return hc_error_set(call->err, HC_ERR_LIMIT, "template: value nests too deeply to print");
    return HC_OK;
}

/* indirect: through an interface; *is_nil for a nil interface or nil pointer. */
static hc_val indirect(hc_val v, bool *is_nil)
{
    *is_nil = false;
    if (v.kind == HC_NULL) {
        *is_nil = true;
        return v;
    }
    v = hc_exec_indirect(v);
    if (v.kind == HC_OBJ && v.u.o->data == NULL && strcmp(v.u.o->type->kindname, "ptr") == 0)
        *is_nil = true;
    return v;
}

/* The reflect.Kind name Go's messages use for a value's type. */
static const char *type_name(hc_val v)
{
    return hc_exec_is_iface(v) ? "interface {}" : hc_val_typename(v);
}

/* ---- boolean logic ---- */

/* and, or: evaluated by the executor (they short-circuit). */
static hc_status fn_unreachable(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                hc_val *out)
{
    (void)args;
    (void)nargs;
    (void)out;
    return hc_call_fail(call, "unreachable");
}

/* truth: isTrue(indirectInterface(arg)). */
static bool truth(hc_val v)
{
    v = hc_exec_underlying(hc_exec_indirect(v));
    if (v.kind == HC_OBJ)
        return !(v.u.o->data == NULL && strcmp(v.u.o->type->kindname, "ptr") == 0);
    return hc_val_truth(v);
}

/* not returns the Boolean negation of its argument. */
static hc_status fn_not(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)call;
    (void)nargs;
    *out = hc_bool(!truth(args[0]));
    return HC_OK;
}

/* ---- indexing ---- */

/* indexArg checks if a value can be used as an index, and converts it to int. */
static hc_status index_arg(struct hc_call *call, hc_val index, int64_t cap, int64_t *x)
{
    if (index.kind == HC_MISSING)
        return hc_call_fail(call, "cannot index slice/array with nil");
    if (index.kind != HC_INT || hc_exec_is_iface(index))
        return hc_call_fail(call, "cannot index slice/array with type %s", type_name(index));
    int64_t v = index.gotype == HC_GT_UINT8 ? (int64_t)(uint8_t)index.u.i : index.u.i;
    if (v < 0 || v > cap)
        return hc_call_fail(call, "index out of range: %lld", (long long)v);
    *x = v;
    return HC_OK;
}

/* An element of a list as reflect.Value.Index gives it (held in an interface for
 * []interface{}). */
static hc_val list_index(hc_val list, uint32_t i)
{
    hc_val v = list.u.l->items[i];
    if (list.gotype == HC_GT_LIST)
        v.flags |= HC_VF_IFACE;
    return v;
}

/*
 * index returns the result of indexing its first argument by the following
 * arguments.  Thus "index x 1 2 3" is, in Go syntax, x[1][2][3].
 */
static hc_status fn_index(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    hc_val item = hc_exec_indirect(args[0]);
    if (item.kind == HC_MISSING)
        return hc_call_fail(call, "index of untyped nil");
    for (uint32_t k = 1; k < nargs; k++) {
        hc_val index = hc_exec_indirect(args[k]);
        bool is_nil;
        item = indirect(item, &is_nil);
        if (is_nil)
            return hc_call_fail(call, "index of nil pointer");
        item = hc_exec_underlying(item);
        switch (item.kind) {
        case HC_LIST:
        case HC_STRING: {
            int64_t len = hc_val_len(item), x = 0;
            hc_status rc = index_arg(call, index, len, &x);
            if (rc != HC_OK)
                return rc;
            if (x == len) /* Go's reflect panics, and safeCall reports the panic */
                return hc_call_fail(call, item.kind == HC_STRING
                                              ? "reflect: string index out of range"
                                              : "reflect: slice index out of range");
            if (item.kind == HC_STRING)
                item = hc_int_typed((unsigned char)item.u.s[x], HC_GT_UINT8);
            else
                item = list_index(item, (uint32_t)x);
            break;
        }
        case HC_MAP: {
            /* prepareArg(index, string) */
            if (index.kind == HC_MISSING)
                return hc_call_fail(call, "value is nil; should be of type string");
            if (index.kind != HC_STRING || index.gotype != HC_GT_STRING)
                return hc_call_fail(call, "value has type %s; should be string",
                                    hc_val_typename(index));
            hc_val x;
            if (item.u.m && hc_map_get(item.u.m, index.u.s, index.len, &x)) {
                if (item.gotype == HC_GT_MAP)
                    x.flags |= HC_VF_IFACE;
                item = x;
            } else {
                /* reflect.Zero(item.Type().Elem()) */
                item = item.gotype == HC_GT_STRMAP ? hc_strn("", 0) : hc_null();
            }
            break;
        }
        default:
            return hc_call_fail(call, "can't index item of type %s", hc_val_typename(item));
        }
    }
    *out = item;
    return HC_OK;
}

/*
 * slice returns the result of slicing its first argument by the remaining
 * arguments.  Thus "slice x 1 2" is, in Go syntax, x[1:2], while "slice x" is
 * x[:], "slice x 1" is x[1:], and "slice x 1 2 3" is x[1:2:3].
 */
static hc_status fn_slice(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    hc_val item = hc_exec_underlying(hc_exec_indirect(args[0]));
    if (item.kind == HC_MISSING)
        return hc_call_fail(call, "slice of untyped nil");
    uint32_t nidx = nargs - 1;
    if (nidx > 3)
        return hc_call_fail(call, "too many slice indexes: %u", nidx);
    int64_t len = 0, cap = 0; /* indices are checked against the capacity */
    switch (item.kind) {
    case HC_STRING:
        if (nidx == 3)
            return hc_call_fail(call, "cannot 3-index slice a string");
        len = cap = item.len;
        break;
    case HC_LIST:
        len = hc_val_len(item);
        cap = item.u.l ? item.u.l->cap : 0;
        break;
    default:
        return hc_call_fail(call, "can't slice item of type %s", hc_val_typename(item));
    }
    /* set default values for cases item[:], item[i:]. */
    int64_t idx[3] = {0, len, cap};
    for (uint32_t i = 0; i < nidx; i++) {
        hc_status rc = index_arg(call, args[1 + i], cap, &idx[i]);
        if (rc != HC_OK)
            return rc;
    }
    /* given item[i:j], make sure i <= j. */
    if (idx[0] > idx[1])
        return hc_call_fail(call, "invalid slice index: %lld > %lld", (long long)idx[0],
                            (long long)idx[1]);
    /* given item[i:j:k], make sure i <= j <= k. */
    if (nidx == 3 && idx[1] > idx[2])
        return hc_call_fail(call, "invalid slice index: %lld > %lld", (long long)idx[1],
                            (long long)idx[2]);
    if (item.kind == HC_STRING) {
        hc_val s = hc_strn(item.u.s + idx[0], (size_t)(idx[1] - idx[0]));
        s.gotype = item.gotype;
        *out = s;
        return HC_OK;
    }
    if (!item.u.l) {
        *out = item; /* a nil slice sliced [0:0] */
        return HC_OK;
    }
    struct hc_list *l = hc_list_slice(call->arena, item.u.l, (hc_gotype)item.gotype,
                                      (uint32_t)idx[0], (uint32_t)idx[1], (uint32_t)idx[2]);
    if (!l)
        return nomem(call);
    *out = hc_list_val(l, (hc_gotype)item.gotype);
    return HC_OK;
}

/* length returns the length of the item, with an error if it has no defined length. */
static hc_status fn_len(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    bool is_nil;
    hc_val item = indirect(args[0], &is_nil);
    if (is_nil)
        return hc_call_fail(call, "len of nil pointer");
    item = hc_exec_underlying(item);
    switch (item.kind) {
    case HC_STRING:
    case HC_LIST:
    case HC_MAP:
        *out = hc_int_typed(hc_val_len(item), HC_GT_INT);
        return HC_OK;
    case HC_MISSING: /* Go calls item.Type() on the zero Value, which panics */
        return hc_call_fail(call, "reflect: call of reflect.Value.Type on zero Value");
    default:
        return hc_call_fail(call, "len of type %s", hc_val_typename(item));
    }
}

/* ---- function invocation ---- */

/*
 * call returns the result of evaluating the first argument as a function.
 * Templates here hold no function values (Helm passes none), so every call
 * fails as Go's does for non-functions; args[0] is the callee's name, which
 * the executor inserts.
 */
static hc_status fn_call(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    (void)out;
    hc_val fn = hc_exec_indirect(args[1]);
    if (fn.kind == HC_MISSING)
        return hc_call_fail(call, "call of nil");
    return hc_call_fail(call, "non-function %.*s of type %s", (int)args[0].len, args[0].u.s,
                        hc_val_typename(fn));
}

/* ---- comparison ---- */

enum kind { INVALID_KIND, BOOL_KIND, COMPLEX_KIND, INT_KIND, FLOAT_KIND, STRING_KIND, UINT_KIND };

static enum kind basic_kind(hc_val v)
{
    switch (v.kind) {
    case HC_BOOL:
        return BOOL_KIND;
    case HC_INT:
        return v.gotype == HC_GT_UINT8 ? UINT_KIND : INT_KIND;
    case HC_FLOAT:
        return FLOAT_KIND;
    case HC_STRING:
        return STRING_KIND;
    case HC_OBJ:
        return strcmp(v.u.o->type->kindname, "complex128") == 0 ? COMPLEX_KIND : INVALID_KIND;
    default:
        return INVALID_KIND;
    }
}

static uint64_t uint_of(hc_val v)
{
    return (uint64_t)(uint8_t)v.u.i;
}

static bool str_lt(hc_val a, hc_val b)
{
    return hc_strcmp(a.u.s, a.len, b.u.s, b.len) < 0;
}

/* isNil returns true if v is the zero reflect.Value, or nil of its type. */
static bool is_nil_value(hc_val v)
{
    switch (v.kind) {
    case HC_MISSING:
        return true;
    case HC_LIST:
        return v.u.l == NULL;
    case HC_MAP:
        return v.u.m == NULL;
    case HC_OBJ:
        return v.u.o->data == NULL && strcmp(v.u.o->type->kindname, "ptr") == 0;
    default:
        return false;
    }
}

/* The reflect.Kind of a value, for canCompare. */
static const char *reflect_kind(hc_val v)
{
    return hc_val_kindname(v);
}

/* canCompare reports whether v1 and v2 are both the same kind, or one is nil. */
static bool can_compare(hc_val v1, hc_val v2)
{
    const char *k1 = reflect_kind(v1), *k2 = reflect_kind(v2);
    if (strcmp(k1, k2) == 0)
        return true;
    return v1.kind == HC_MISSING || v2.kind == HC_MISSING;
}

/* Go's == works on the type (maps and slices, named ones too, do not compare). */
static bool comparable_type(hc_val v)
{
    v = hc_exec_underlying(v);
    return v.kind != HC_LIST && v.kind != HC_MAP;
}

/* Go's fmt for a comparison error naming values and types. */
static hc_status fail_fmt(struct hc_call *call, const char *fmt, const hc_val *vals, size_t n)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_gofmt_sprintf(&b, fmt, strlen(fmt), vals, n);
    if (!hc_buf_ok(&b)) {
        hc_buf_release(&b);
        return nomem(call);
    }
    hc_status rc = hc_call_fail(call, "%s", hc_buf_str(&b));
    hc_buf_release(&b);
    return rc;
}

static hc_status incompatible(struct hc_call *call, hc_val a, hc_val b)
{
    return hc_call_fail(call, "incompatible types for comparison: %s and %s", hc_val_typename(a),
                        hc_val_typename(b));
}

/* eq evaluates the comparison a == b || a == c || ... */
static hc_status eq(struct hc_call *call, const hc_val *args, uint32_t nargs, bool *res)
{
    hc_val arg1 = hc_exec_indirect(args[0]);
    *res = false;
    if (nargs < 2)
        return hc_call_fail(call, "missing argument for comparison");
    enum kind k1 = basic_kind(arg1);
    for (uint32_t i = 1; i < nargs; i++) {
        hc_val arg = hc_exec_indirect(args[i]);
        enum kind k2 = basic_kind(arg);
        bool truth = false;
        if (k1 != k2) {
            /* Special case: Can compare integer values regardless of type's sign. */
            if (k1 == INT_KIND && k2 == UINT_KIND)
                truth = arg1.u.i >= 0 && (uint64_t)arg1.u.i == uint_of(arg);
            else if (k1 == UINT_KIND && k2 == INT_KIND)
                truth = arg.u.i >= 0 && uint_of(arg1) == (uint64_t)arg.u.i;
            else if (arg1.kind != HC_MISSING && arg.kind != HC_MISSING)
                return incompatible(call, arg1, arg);
        } else {
            switch (k1) {
            case BOOL_KIND:
                truth = arg1.u.b == arg.u.b;
                break;
            case COMPLEX_KIND:
                truth = hc_val_equal(arg1, arg);
                break;
            case FLOAT_KIND:
                truth = arg1.u.f == arg.u.f;
                break;
            case INT_KIND:
                truth = arg1.u.i == arg.u.i;
                break;
            case STRING_KIND:
                truth = arg1.len == arg.len &&
                        (arg1.len == 0 || memcmp(arg1.u.s, arg.u.s, arg1.len) == 0);
                break;
            case UINT_KIND:
                truth = uint_of(arg1) == uint_of(arg);
                break;
            default:
                if (!can_compare(arg1, arg)) {
                    hc_val v[4] = {arg1, hc_cstr(hc_val_typename(arg1)),
                                   hc_cstr(hc_val_typename(arg)), arg};
                    return fail_fmt(call, "non-comparable types %s: %v, %s: %v", v, 4);
                }
                if (is_nil_value(arg1) || is_nil_value(arg)) {
                    truth = is_nil_value(arg) == is_nil_value(arg1);
                } else {
                    if (!comparable_type(arg)) {
                        hc_val v[2] = {arg, hc_cstr(hc_val_typename(arg))};
                        return fail_fmt(call, "non-comparable type %s: %v", v, 2);
                    }
                    truth = arg1.kind == HC_OBJ && arg.kind == HC_OBJ &&
                            arg1.u.o->type == arg.u.o->type &&
                            (strcmp(arg1.u.o->type->kindname, "ptr") == 0
                                 ? arg1.u.o->data == arg.u.o->data
                                 : hc_val_equal(arg1, arg));
                }
            }
        }
        if (truth) {
            *res = true;
            return HC_OK;
        }
    }
    return HC_OK;
}

/* lt evaluates the comparison a < b. */
static hc_status lt(struct hc_call *call, hc_val arg1, hc_val arg2, bool *res)
{
    *res = false;
    arg1 = hc_exec_indirect(arg1);
    enum kind k1 = basic_kind(arg1);
    if (k1 == INVALID_KIND)
        return hc_call_fail(call, "invalid type for comparison");
    arg2 = hc_exec_indirect(arg2);
    enum kind k2 = basic_kind(arg2);
    if (k2 == INVALID_KIND)
        return hc_call_fail(call, "invalid type for comparison");
    if (k1 != k2) {
        /* Special case: Can compare integer values regardless of type's sign. */
        if (k1 == INT_KIND && k2 == UINT_KIND)
            *res = arg1.u.i < 0 || (uint64_t)arg1.u.i < uint_of(arg2);
        else if (k1 == UINT_KIND && k2 == INT_KIND)
            *res = arg2.u.i >= 0 && uint_of(arg1) < (uint64_t)arg2.u.i;
        else
            return incompatible(call, arg1, arg2);
        return HC_OK;
    }
    switch (k1) {
    case FLOAT_KIND:
        *res = arg1.u.f < arg2.u.f;
        break;
    case INT_KIND:
        *res = arg1.u.i < arg2.u.i;
        break;
    case STRING_KIND:
        *res = str_lt(arg1, arg2);
        break;
    case UINT_KIND:
        *res = uint_of(arg1) < uint_of(arg2);
        break;
    default: /* bool, complex */
        return hc_call_fail(call, "invalid type for comparison");
    }
    return HC_OK;
}

/* le evaluates the comparison <= b: < or ==. */
static hc_status le(struct hc_call *call, const hc_val *args, bool *res)
{
    hc_status rc = lt(call, args[0], args[1], res);
    if (*res || rc != HC_OK)
        return rc;
    return eq(call, args, 2, res);
}

static hc_status fn_eq(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    bool r;
    hc_status rc = eq(call, args, nargs, &r);
    *out = hc_bool(r);
    return rc;
}

/* ne evaluates the comparison a != b. */
static hc_status fn_ne(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    bool r;
    hc_status rc = eq(call, args, 2, &r);
    *out = hc_bool(!r);
    return rc;
}

static hc_status fn_lt(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    bool r;
    hc_status rc = lt(call, args[0], args[1], &r);
    *out = hc_bool(r);
    return rc;
}

static hc_status fn_le(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    bool r;
    hc_status rc = le(call, args, &r);
    *out = hc_bool(r);
    return rc;
}

/* gt evaluates the comparison a > b: the inverse of <=. */
static hc_status fn_gt(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    bool r;
    hc_status rc = le(call, args, &r);
    *out = hc_bool(rc == HC_OK && !r);
    return rc;
}

/* ge evaluates the comparison a >= b: the inverse of <. */
static hc_status fn_ge(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    bool r;
    hc_status rc = lt(call, args[0], args[1], &r);
    *out = hc_bool(rc == HC_OK && !r);
    return rc;
}

/* ---- fmt ---- */

static hc_status fn_print(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    struct hc_buf b;
    scratch_init(call, &b);
    hc_status rc = fmt_status(call, hc_gofmt_sprint(&b, args, nargs), &b);
    return rc != HC_OK ? (hc_buf_release(&b), rc) : str_result(call, &b, out);
}

static hc_status fn_printf(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    struct hc_buf b;
    scratch_init(call, &b);
    hc_status rc =
        fmt_status(call, hc_gofmt_sprintf(&b, args[0].u.s, args[0].len, args + 1, nargs - 1), &b);
    return rc != HC_OK ? (hc_buf_release(&b), rc) : str_result(call, &b, out);
}

static hc_status fn_println(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    struct hc_buf b;
    scratch_init(call, &b);
    hc_status rc = fmt_status(call, hc_gofmt_sprintln(&b, args, nargs), &b);
    return rc != HC_OK ? (hc_buf_release(&b), rc) : str_result(call, &b, out);
}

/* ---- escaping ---- */

/*
 * evalArgs formats the list of arguments into a string: fmt.Sprint(args...),
 * except that a nil argument prints as "<no value>" (printableValue), and a
 * single string is taken as it is.
 */
static hc_status eval_args(struct hc_call *call, const hc_val *args, uint32_t nargs,
                           struct hc_buf *b)
{
    if (nargs == 1 && args[0].kind == HC_STRING && args[0].gotype == HC_GT_STRING) {
        hc_buf_add(b, args[0].u.s, args[0].len);
        return HC_OK;
    }
    hc_val small[8];
    hc_val *v = small;
    if (nargs > 8) {
        v = hc_arena_array(call->arena, nargs, sizeof *v);
        if (!v)
            return nomem(call);
    }
    for (uint32_t i = 0; i < nargs; i++)
        v[i] =
            args[i].kind == HC_NULL || args[i].kind == HC_MISSING ? hc_cstr("<no value>") : args[i];
    return fmt_status(call, hc_gofmt_sprint(b, v, nargs), b);
}

void hc_html_escape(struct hc_buf *b, const char *s, size_t n)
{
    size_t last = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '\0':
            rep = "\xEF\xBF\xBD"; /* U+FFFD */
            break;
        case '"':
            rep = "&#34;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        default:
            continue;
        }
        hc_buf_add(b, s + last, i - last);
        hc_buf_adds(b, rep);
        last = i + 1;
    }
    hc_buf_add(b, s + last, n - last);
}

static bool js_is_special(unsigned char c)
{
    switch (c) {
    case '\\':
    case '\'':
    case '"':
    case '<':
    case '>':
    case '&':
    case '=':
        return true;
    default:
        return c < ' ' || c >= HC_RUNE_SELF;
    }
}

void hc_js_escape(struct hc_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t last = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!js_is_special(c))
            continue;
        hc_buf_add(b, s + last, i - last);
        if (c < HC_RUNE_SELF) {
            /* Quotes, slashes and angle brackets get quoted.  Control characters get
             * written as \u00XX. */
            switch (c) {
            case '\\':
                hc_buf_adds(b, "\\\\");
                break;
            case '\'':
                hc_buf_adds(b, "\\'");
                break;
            case '"':
                hc_buf_adds(b, "\\\"");
                break;
            case '<':
                hc_buf_adds(b, "\\u003C");
                break;
            case '>':
                hc_buf_adds(b, "\\u003E");
                break;
            case '&':
                hc_buf_adds(b, "\\u0026");
                break;
            case '=':
                hc_buf_adds(b, "\\u003D");
                break;
            default:
                hc_buf_adds(b, "\\u00");
                hc_buf_addc(b, hex[c >> 4]);
                hc_buf_addc(b, hex[c & 0x0F]);
            }
        } else {
            /* Unicode rune. */
            int32_t r;
            size_t size = hc_rune_decode(s + i, n - i, &r);
            if (hc_rune_is_print(r))
                hc_buf_add(b, s + i, size);
            else
                hc_buf_printf(b, "\\u%04X", (unsigned)r);
            i += size - 1;
        }
        last = i + 1;
    }
    hc_buf_add(b, s + last, n - last);
}

void hc_url_query_escape(struct hc_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            hc_buf_addc(b, (char)c);
        } else if (c == ' ') {
            hc_buf_addc(b, '+');
        } else {
            hc_buf_addc(b, '%');
            hc_buf_addc(b, hex[c >> 4]);
            hc_buf_addc(b, hex[c & 0x0F]);
        }
    }
}

typedef void (*escaper)(struct hc_buf *b, const char *s, size_t n);

static hc_status escape_args(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out,
                             escaper esc)
{
    struct hc_buf s, b;
    scratch_init(call, &s);
    hc_status rc = eval_args(call, args, nargs, &s);
    if (rc != HC_OK) {
        hc_buf_release(&s);
        return rc;
    }
    scratch_init(call, &b);
    esc(&b, hc_buf_str(&s), s.len);
    hc_buf_release(&s);
    return str_result(call, &b, out);
}

/* HTMLEscaper returns the escaped HTML equivalent of the textual representation of its
 * arguments. */
static hc_status fn_html(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return escape_args(call, args, nargs, out, hc_html_escape);
}

/* JSEscaper returns the escaped JavaScript equivalent of the textual representation of its
 * arguments. */
static hc_status fn_js(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return escape_args(call, args, nargs, out, hc_js_escape);
}

/* URLQueryEscaper returns the escaped value of the textual representation of its arguments
 * in a form suitable for embedding in a URL query. */
static hc_status fn_urlquery(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return escape_args(call, args, nargs, out, hc_url_query_escape);
}

/* ---- the table (Go's builtins()) ---- */

const struct hc_func hc_funcs_builtins[] = {
    {"and",      fn_unreachable, "vv*", HC_FN_SPECIAL | HC_FN_NOERR},
    {"call",     fn_call,        "vv*", HC_FN_SPECIAL              },
    {"eq",       fn_eq,          "vv*", 0                          },
    {"ge",       fn_ge,          "vv",  0                          },
    {"gt",       fn_gt,          "vv",  0                          },
    {"html",     fn_html,        "a*",  HC_FN_NOERR                },
    {"index",    fn_index,       "vv*", 0                          },
    {"js",       fn_js,          "a*",  HC_FN_NOERR                },
    {"le",       fn_le,          "vv",  0                          },
    {"len",      fn_len,         "v",   0                          },
    {"lt",       fn_lt,          "vv",  0                          },
    {"ne",       fn_ne,          "vv",  0                          },
    {"not",      fn_not,         "v",   HC_FN_NOERR                },
    {"or",       fn_unreachable, "vv*", HC_FN_SPECIAL | HC_FN_NOERR},
    {"print",    fn_print,       "a*",  HC_FN_NOERR                },
    {"printf",   fn_printf,      "sa*", HC_FN_NOERR                },
    {"println",  fn_println,     "a*",  HC_FN_NOERR                },
    {"slice",    fn_slice,       "vv*", 0                          },
    {"urlquery", fn_urlquery,    "a*",  HC_FN_NOERR                },
};

const size_t hc_funcs_builtins_len = sizeof hc_funcs_builtins / sizeof hc_funcs_builtins[0];
