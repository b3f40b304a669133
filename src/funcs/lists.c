/*
 * lists.c - Sprig's list functions: list, tuple, push/append, prepend,
 * first, last, rest, initial, reverse, compact, uniq, without, has, slice,
 * concat, chunk, until, untilStep and seq, with their must- twins.
 *
 * Mirrors Sprig v3.3.0 list.go and numeric.go (until, untilStep, seq).  Sprig
 * reaches list arguments through reflect, so any slice type is accepted
 * ([]interface {}, []string, []int); results are new []interface {} lists
 * (lists are immutable, so a result may share no storage with an argument
 * only where Go's would not either: slice keeps the argument's element type).
 * The plain functions panic with their must- twin's error, and text/template
 * turns the panic into the same "error calling X: MSG" text, so both names
 * share one C function.  A nil list argument makes Go call Kind() on a nil
 * reflect.Type: the "nil pointer dereference" runtime error helm prints.
 *
 * Sequence lengths (until, untilStep, seq, chunk) come from templates: they
 * are counted with Go's wrapping int arithmetic before anything is allocated
 * and capped at MAX_SEQ_LEN (Go has no cap: it runs out of memory instead).
 */
#include "funcs/funcs.h"

#include <inttypes.h>
#include <math.h>

#include "base/arena.h"
#include "base/buf.h"
#include "funcs/cast.h"
#include "template/exec.h"

/* Most items until, untilStep, seq and chunk produce (Go: none; memory runs out). */
#define MAX_SEQ_LEN ((uint64_t)1 << 24)

static const char nil_deref[] = "runtime error: invalid memory address or nil pointer dereference";

static hc_status nomem(struct hc_call *call)
{
    hc_error_nomem(call->err);
    return HC_ERR_NOMEM;
}

/*
 * reflect.TypeOf(v).Kind() must be Slice or Array: the items of v, or the
 * error Sprig reports (pre + kind + post), or the nil dereference for nil.
 */
static hc_status need_slice(struct hc_call *call, hc_val v, const char *pre, const char *post,
                            const hc_val **items, uint32_t *n)
{
    bool is_slice;
    *items = NULL;
    *n = 0;
    if (v.kind == HC_NULL || v.kind == HC_MISSING)
        return hc_call_fail(call, "%s", nil_deref);
    if (hc_cast_slice(call->arena, v, &is_slice, items, n) != HC_OK)
        return nomem(call);
    if (!is_slice)
        return hc_call_fail(call, "%s%s%s", pre, hc_val_kindname(v), post);
    return HC_OK;
}

/* A new []interface {} of n items copied from items (n may be 0: an empty, non-nil list). */
static hc_status new_list(struct hc_call *call, const hc_val *items, size_t n, hc_val *out)
{
    struct hc_list *l = hc_list_new(call->arena, n);
    if (!l)
        return nomem(call);
    if (n)
        memcpy(l->items, items, n * sizeof *items);
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* list / tuple: the arguments as a []interface {}. */
static hc_status fn_list(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    return new_list(call, args, nargs, out);
}

/* push / append / mustPush / mustAppend: a copy of the list with v at the end. */
static hc_status fn_push(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    hc_status rc = need_slice(call, args[0], "Cannot push on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    struct hc_list *l = hc_list_new(call->arena, (size_t)n + 1);
    if (!l)
        return nomem(call);
    if (n)
        memcpy(l->items, items, n * sizeof *items);
    l->items[n] = args[1];
    l->cap = hc_go_grow_cap(n, (uint64_t)n + 1, HC_GT_LIST); /* append(copy, v) */
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* prepend / mustPrepend: a copy of the list with v in front. */
static hc_status fn_prepend(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    hc_status rc = need_slice(call, args[0], "Cannot prepend on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    struct hc_list *l = hc_list_new(call->arena, (size_t)n + 1);
    if (!l)
        return nomem(call);
    l->items[0] = args[1];
    if (n) {
        memcpy(l->items + 1, items, n * sizeof *items);
        l->cap =
            hc_go_grow_cap(1, (uint64_t)n + 1, HC_GT_LIST); /* append([]interface{}{v}, copy...) */
    }
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* first / mustFirst: the first item, nil for an empty list. */
static hc_status fn_first(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    hc_status rc = need_slice(call, args[0], "Cannot find first on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    *out = n ? items[0] : hc_null();
    return HC_OK;
}

/* last / mustLast: the last item, nil for an empty list. */
static hc_status fn_last(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    hc_status rc = need_slice(call, args[0], "Cannot find last on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    *out = n ? items[n - 1] : hc_null();
    return HC_OK;
}

/* rest / mustRest: all but the first item; a nil []interface {} for an empty list. */
static hc_status fn_rest(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    hc_status rc = need_slice(call, args[0], "Cannot find rest on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    if (n == 0) {
        *out = hc_list_val(NULL, HC_GT_LIST);
        return HC_OK;
    }
    return new_list(call, items + 1, n - 1, out);
}

/* initial / mustInitial: all but the last item; a nil []interface {} for an empty list. */
static hc_status fn_initial(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    hc_status rc = need_slice(call, args[0], "Cannot find initial on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    if (n == 0) {
        *out = hc_list_val(NULL, HC_GT_LIST);
        return HC_OK;
    }
    return new_list(call, items, n - 1, out);
}

/* reverse / mustReverse: a reversed copy. */
static hc_status fn_reverse(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    hc_status rc = need_slice(call, args[0], "Cannot find reverse on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    struct hc_list *l = hc_list_new(call->arena, n);
    if (!l)
        return nomem(call);
    for (uint32_t i = 0; i < n; i++)
        l->items[n - 1 - i] = items[i];
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* compact / mustCompact: the items that are not empty (Sprig's empty). */
static hc_status fn_compact(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    hc_status rc = need_slice(call, args[0], "Cannot compact on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    struct hc_list *l = hc_list_new(call->arena, n);
    if (!l)
        return nomem(call);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!hc_cast_empty(items[i]))
            l->items[k++] = items[i];
    l->len = l->avail = k;
    l->cap = hc_go_append_cap(0, k, HC_GT_LIST); /* appended one by one to []interface{}{} */
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* Sprig's inList: reflect.DeepEqual against every item. */
static bool in_list(const hc_val *items, uint32_t n, hc_val needle)
{
    for (uint32_t i = 0; i < n; i++)
        if (hc_val_equal(needle, items[i]))
            return true;
    return false;
}

/* uniq / mustUniq: the first of every run of deeply equal items, in order. */
static hc_status fn_uniq(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    hc_status rc = need_slice(call, args[0], "Cannot find uniq on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    struct hc_list *l = hc_list_new(call->arena, n);
    if (!l)
        return nomem(call);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!in_list(l->items, k, items[i]))
            l->items[k++] = items[i];
    l->len = l->avail = k;
    l->cap = hc_go_append_cap(0, k, HC_GT_LIST); /* appended one by one to []interface{}{} */
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* without / mustWithout: the items deeply equal to none of the others arguments. */
static hc_status fn_without(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    const hc_val *items;
    uint32_t n;
    hc_status rc = need_slice(call, args[0], "Cannot find without on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    struct hc_list *l = hc_list_new(call->arena, n);
    if (!l)
        return nomem(call);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!in_list(args + 1, nargs - 1, items[i]))
            l->items[k++] = items[i];
    l->len = l->avail = k;
    l->cap = hc_go_append_cap(0, k, HC_GT_LIST); /* appended one by one to []interface{}{} */
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

/* has / mustHas: whether the haystack holds an item deeply equal to the needle (nil: false). */
static hc_status fn_has(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    if (args[1].kind == HC_NULL || args[1].kind == HC_MISSING) {
        *out = hc_bool(false);
        return HC_OK;
    }
    hc_status rc = need_slice(call, args[1], "Cannot find has on type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    *out = hc_bool(in_list(items, n, args[0]));
    return HC_OK;
}

/*
 * slice / mustSlice: list[start:end] with the indices converted by cast.ToInt,
 * keeping the list's type; nil for an empty list.  reflect.Value.Slice checks
 * the indices against the list's capacity, not its length: end may reach
 * past the last item, which then shows the element type's zero value.
 */
static hc_status fn_slice(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    const hc_val *items;
    uint32_t n;
    hc_status rc =
        need_slice(call, args[0], "list should be type of slice or array but ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    if (n == 0) {
        *out = hc_null();
        return HC_OK;
    }
    hc_val list = hc_exec_underlying(args[0]);
    int64_t cap = list.kind == HC_LIST ? list.u.l->cap : n; /* a []byte: made for the call */
    int64_t start = 0, end = n;
    if (nargs > 1)
        start = hc_cast_to_int64(args[1]);
    if (nargs > 2)
        end = hc_cast_to_int64(args[2]);
    if (start < 0 || end < start || end > cap)
        return hc_call_fail(call, "reflect.Value.Slice: slice index out of bounds");
    struct hc_list *l;
    if (list.kind == HC_LIST) {
        l = hc_list_slice(call->arena, list.u.l, (hc_gotype)list.gotype, (uint32_t)start,
                          (uint32_t)end, (uint32_t)cap);
    } else {
        l = hc_list_new(call->arena, (size_t)(end - start));
        if (l && end > start)
            memcpy(l->items, items + start, (size_t)(end - start) * sizeof *items);
    }
    if (!l)
        return nomem(call);
    *out = hc_list_val(l, list.kind == HC_LIST ? (hc_gotype)list.gotype : HC_GT_BYTES);
    return HC_OK;
}

/* concat: the items of every list in turn; a nil []interface {} when there are none. */
static hc_status fn_concat(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    struct hc_listb b;
    hc_listb_init(&b, call->arena);
    for (uint32_t i = 0; i < nargs; i++) {
        const hc_val *items;
        uint32_t n;
        hc_status rc = need_slice(call, args[i], "Cannot concat type ", " as list", &items, &n);
        if (rc != HC_OK)
            return rc;
        for (uint32_t j = 0; j < n; j++)
            if (hc_listb_push(&b, items[j]) != HC_OK)
                return nomem(call);
    }
    if (b.len == 0) {
        *out = hc_list_val(NULL, HC_GT_LIST);
        return HC_OK;
    }
    struct hc_list *l = hc_listb_finish(&b);
    if (!l)
        return nomem(call);
    l->cap = hc_go_append_cap(0, l->len, HC_GT_LIST); /* appended one by one to a nil slice */
    *out = hc_list_val(l, HC_GT_LIST);
    return HC_OK;
}

static hc_status too_long(struct hc_call *call, const char *what)
{
    hc_error_set(call->err, HC_ERR_LIMIT, "%s: more than %" PRIu64 " items", what, MAX_SEQ_LEN);
    return HC_ERR_LIMIT;
}

/*
 * chunk / mustChunk: the list cut into lists of size items (the last one
 * shorter).  Sizes are computed in float64 as Sprig does, so a size of 0 or
 * less gives Go's makeslice panic.
 */
static hc_status fn_chunk(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    const hc_val *items;
    uint32_t n;
    int64_t size = args[0].u.i;
    static const char bad_len[] = "runtime error: makeslice: len out of range";
    hc_status rc = need_slice(call, args[1], "Cannot chunk type ", "", &items, &n);
    if (rc != HC_OK)
        return rc;
    int64_t cs = hc_cast_float_to_int64(floor((double)((int64_t)n - 1) / (double)size) + 1);
    if (cs < 0)
        return hc_call_fail(call, "%s", bad_len);
    if ((uint64_t)cs > MAX_SEQ_LEN)
        return too_long(call, "chunk");
    struct hc_list *outer = hc_list_new(call->arena, (size_t)cs);
    if (!outer)
        return nomem(call);
    for (int64_t i = 0; i < cs; i++) {
        int64_t clen = size;
        if (i == cs - 1) {
            clen = hc_cast_float_to_int64(floor(fmod((double)n, (double)size)));
            if (clen == 0)
                clen = size;
        }
        if (clen < 0)
            return hc_call_fail(call, "%s", bad_len);
        /* Go indexes i*size+j: past the end is reflect's panic (not reachable for size > 0). */
        uint64_t from = (uint64_t)i * (uint64_t)size;
        if (from > n || (uint64_t)clen > n - from)
            return hc_call_fail(call, "reflect: slice index out of range");
        struct hc_list *l = hc_list_new(call->arena, (size_t)clen);
        if (!l)
            return nomem(call);
        if (clen)
            memcpy(l->items, items + from, (size_t)clen * sizeof *items);
        outer->items[i] = hc_list_val(l, HC_GT_LIST);
    }
    /* Go's type is [][]interface {}; the value model records []interface {}. */
    *out = hc_list_val(outer, HC_GT_LIST);
    return HC_OK;
}

/*
 * Sprig's untilStep loop, counted: how many values `for i := start; i < stop
 * (or > stop); i += step` yields with Go's wrapping int arithmetic, or
 * UINT64_MAX past MAX_SEQ_LEN.  The values are then start + k*step (mod 2^64).
 * Without wrap-around the count is ceil(|stop - start| / |step|); a loop whose
 * next value would pass the int64 range wraps and goes on in Go, so it is
 * followed step by step, up to the cap.
 */
static uint64_t until_count(int64_t start, int64_t stop, int64_t step)
{
    bool down = stop < start;
    if (down ? step >= 0 : step <= 0)
        return 0;
    uint64_t diff = down ? (uint64_t)start - (uint64_t)stop : (uint64_t)stop - (uint64_t)start;
    uint64_t mag = down ? 0 - (uint64_t)step : (uint64_t)step;
    uint64_t count = diff / mag + (diff % mag != 0);
    if (count > MAX_SEQ_LEN)
        return UINT64_MAX;
    /* the value after the last one: start +/- count*mag, checked against the int64 range */
    uint64_t room =
        down ? (uint64_t)start - (uint64_t)INT64_MIN : (uint64_t)INT64_MAX - (uint64_t)start;
    if (count <= room / mag) /* count*mag <= room without overflowing */
        return count;
    int64_t i = (int64_t)((uint64_t)start + (uint64_t)step * count);
    while (down ? i > stop : i < stop) {
        if (++count > MAX_SEQ_LEN)
            return UINT64_MAX;
        i = (int64_t)((uint64_t)i + (uint64_t)step);
    }
    return count;
}

/* The []int of untilStep(start, stop, step). */
static hc_status until_step(struct hc_call *call, const char *what, int64_t start, int64_t stop,
                            int64_t step, struct hc_list **out)
{
    uint64_t count = until_count(start, stop, step);
    *out = NULL;
    if (count == UINT64_MAX)
        return too_long(call, what);
    struct hc_list *l = hc_list_new(call->arena, (size_t)count);
    if (!l)
        return nomem(call);
    uint64_t v = (uint64_t)start;
    for (uint64_t k = 0; k < count; k++, v += (uint64_t)step)
        l->items[k] = hc_int_typed((int64_t)v, HC_GT_INT);
    l->cap = hc_go_append_cap(0, count, HC_GT_INTLIST); /* appended one by one to []int{} */
    *out = l;
    return HC_OK;
}

/* until: 0, 1, ... count-1 (or 0, -1, ... count+1 for a negative count), as []int. */
static hc_status fn_until(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    int64_t count = args[0].u.i;
    struct hc_list *l;
    hc_status rc = until_step(call, "until", 0, count, count < 0 ? -1 : 1, &l);
    if (rc == HC_OK)
        *out = hc_list_val(l, HC_GT_INTLIST);
    return rc;
}

/* untilStep: start, start+step, ... while short of stop, as []int. */
static hc_status fn_until_step(struct hc_call *call, const hc_val *args, uint32_t nargs,
                               hc_val *out)
{
    (void)nargs;
    struct hc_list *l;
    hc_status rc = until_step(call, "untilStep", args[0].u.i, args[1].u.i, args[2].u.i, &l);
    if (rc == HC_OK)
        *out = hc_list_val(l, HC_GT_INTLIST);
    return rc;
}

static int64_t wrap_add(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

/*
 * seq: like GNU seq, "last", "first last" or "first increment last", the
 * numbers joined by spaces (Sprig formats the []int with fmt and trims the
 * brackets); "" for other argument counts.
 */
static hc_status fn_seq(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    int64_t start, end, step, increment = 1;
    switch (nargs) {
    case 1:
        start = 1;
        end = args[0].u.i;
        if (end < start)
            increment = -1;
        step = increment;
        break;
    case 2:
        start = args[0].u.i;
        end = args[1].u.i;
        if (end < start)
            increment = -1;
        step = increment;
        break;
    case 3:
        start = args[0].u.i;
        end = args[2].u.i;
        step = args[1].u.i;
        if (end < start) {
            increment = -1;
            if (step > 0) {
                *out = hc_strn("", 0);
                return HC_OK;
            }
        }
        break;
    default:
        *out = hc_strn("", 0);
        return HC_OK;
    }
    struct hc_list *l;
    hc_status rc = until_step(call, "seq", start, wrap_add(end, increment), step, &l);
    if (rc != HC_OK)
        return rc;
    struct hc_buf b = HC_BUF_INIT;
    for (uint32_t i = 0; i < l->len; i++) {
        if (i)
            hc_buf_addc(&b, ' ');
        hc_buf_printf(&b, "%" PRId64, l->items[i].u.i);
    }
    rc = hc_buf_ok(&b) && b.len <= HC_VAL_MAX_LEN
             ? hc_str_dup(call->arena, hc_buf_str(&b), b.len, out)
             : HC_ERR_NOMEM;
    hc_buf_release(&b);
    return rc == HC_OK ? HC_OK : nomem(call);
}

/* ---- the table ---- */

const struct hc_func hc_funcs_lists[] = {
    {"append",      fn_push,       "aa",  HC_FN_NOERR},
    {"chunk",       fn_chunk,      "ia",  HC_FN_NOERR},
    {"compact",     fn_compact,    "a",   HC_FN_NOERR},
    {"concat",      fn_concat,     "a*",  HC_FN_NOERR},
    {"first",       fn_first,      "a",   HC_FN_NOERR},
    {"has",         fn_has,        "aa",  HC_FN_NOERR},
    {"initial",     fn_initial,    "a",   HC_FN_NOERR},
    {"last",        fn_last,       "a",   HC_FN_NOERR},
    {"list",        fn_list,       "a*",  HC_FN_NOERR},
    {"mustAppend",  fn_push,       "aa",  HC_FN_MUST },
    {"mustChunk",   fn_chunk,      "ia",  HC_FN_MUST },
    {"mustCompact", fn_compact,    "a",   HC_FN_MUST },
    {"mustFirst",   fn_first,      "a",   HC_FN_MUST },
    {"mustHas",     fn_has,        "aa",  HC_FN_MUST },
    {"mustInitial", fn_initial,    "a",   HC_FN_MUST },
    {"mustLast",    fn_last,       "a",   HC_FN_MUST },
    {"mustPrepend", fn_prepend,    "aa",  HC_FN_MUST },
    {"mustPush",    fn_push,       "aa",  HC_FN_MUST },
    {"mustRest",    fn_rest,       "a",   HC_FN_MUST },
    {"mustReverse", fn_reverse,    "a",   HC_FN_MUST },
    {"mustSlice",   fn_slice,      "aa*", HC_FN_MUST },
    {"mustUniq",    fn_uniq,       "a",   HC_FN_MUST },
    {"mustWithout", fn_without,    "aa*", HC_FN_MUST },
    {"prepend",     fn_prepend,    "aa",  HC_FN_NOERR},
    {"push",        fn_push,       "aa",  HC_FN_NOERR},
    {"rest",        fn_rest,       "a",   HC_FN_NOERR},
    {"reverse",     fn_reverse,    "a",   HC_FN_NOERR},
    {"seq",         fn_seq,        "i*",  HC_FN_NOERR},
    {"slice",       fn_slice,      "aa*", HC_FN_NOERR},
    {"tuple",       fn_list,       "a*",  HC_FN_NOERR},
    {"uniq",        fn_uniq,       "a",   HC_FN_NOERR},
    {"until",       fn_until,      "i",   HC_FN_NOERR},
    {"untilStep",   fn_until_step, "iii", HC_FN_NOERR},
    {"without",     fn_without,    "aa*", HC_FN_NOERR},
};

const size_t hc_funcs_lists_len = sizeof hc_funcs_lists / sizeof hc_funcs_lists[0];
