/*
 * value.c - the shared value model (include/helmc/value.h).
 *
 * Mirrors the parts of Go's reflect and text/template that decide how an
 * interface{} behaves: truth (text/template's isTrue), equality
 * (reflect.DeepEqual), type and kind names.  Invariant kept here: every map's
 * entries are sorted by key with no duplicates, except between hc_map_append
 * and hc_map_finish.
 */
#include "helmc/value.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"

hc_val hc_cstr(const char *s)
{
    return hc_strn(s, strlen(s));
}

hc_status hc_str_dup(struct hc_arena *a, const char *s, size_t n, hc_val *out)
{
    if (n > HC_VAL_MAX_LEN)
        return HC_ERR_LIMIT;
    char *p = hc_arena_strndup(a, s, n);
    if (!p)
        return HC_ERR_NOMEM;
    *out = hc_strn(p, n);
    return HC_OK;
}

struct hc_list *hc_list_new(struct hc_arena *a, size_t n)
{
    if (n > HC_VAL_MAX_LEN)
        return NULL;
    size_t bytes = hc_add_size(sizeof(struct hc_list), hc_mul_size(n, sizeof(hc_val)));
    if (bytes == SIZE_MAX)
        return NULL;
    struct hc_list *l = hc_arena_zalloc(a, bytes);
    if (l) {
        l->len = l->cap = l->avail = (uint32_t)n;
        l->items = (hc_val *)(l + 1);
    }
    return l;
}

/*
 * Slice capacities.  Go's append, when a slice is full, asks the runtime for
 * a new capacity: double it below 256 items, then grow by a quarter plus 192
 * until it fits (nextslicecap), or take the needed length outright when that
 * is more than double.  The allocator then rounds the byte size up to its
 * size class (pages above 32 KiB) and the capacity becomes whatever fits:
 * for 16-byte interface items, 33 appends give 64 * 16 = 1024 bytes plus the
 * 8-byte malloc header a pointer-holding object over 512 bytes carries, so
 * class 1152 and capacity 71.  These are Go 1.25's numbers (helm v4.1.4).
 */
#define GO_PAGE_SIZE       8192u
#define GO_MAX_SMALL_SIZE  32768u
#define GO_MALLOC_HEADER   8u   /* mallocHeaderSize */
#define GO_HEADER_MIN_SIZE 512u /* minSizeForMallocHeader on 64-bit */
#define GO_GROW_THRESHOLD  256u

/* The allocator's size classes in bytes (runtime/sizeclasses.go, class 1 on). */
static const uint16_t go_size_classes[] = {
    8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,  160,   176,   192,
    208,   224,   240,   256,   288,   320,   352,   384,   416,   448,   480,  512,   576,   640,
    704,   768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304, 2688,  3072,  3200,
    3456,  4096,  4864,  5376,  6144,  6528,  6784,  6912,  8192,  9472,  9728, 10240, 10880, 12288,
    13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

/* The usable size of the block the runtime allocates for size bytes (roundupsize). */
static uint64_t go_roundup_size(uint64_t size, bool pointers)
{
    if (size <= GO_MAX_SMALL_SIZE - GO_MALLOC_HEADER) {
        uint64_t header = pointers && size > GO_HEADER_MIN_SIZE ? GO_MALLOC_HEADER : 0;
        uint64_t want = size + header;
        size_t i = 0;
        while (go_size_classes[i] < want)
            i++;
        return go_size_classes[i] - header;
    }
    if (size > UINT64_MAX - GO_PAGE_SIZE)
        return size;
    return (size + GO_PAGE_SIZE - 1) & ~(uint64_t)(GO_PAGE_SIZE - 1);
}

/* Item size in bytes, and whether items hold pointers, of a list type. */
static unsigned go_item_size(hc_gotype t, bool *pointers)
{
    *pointers = true;
    switch (t) {
    case HC_GT_INTLIST:
        *pointers = false;
        return 8;
    case HC_GT_BYTES:
        *pointers = false;
        return 1;
    default: /* interface values and strings: two words */
        return 16;
    }
}

uint32_t hc_go_grow_cap(uint64_t old_cap, uint64_t new_len, hc_gotype t)
{
    if (new_len >= HC_VAL_MAX_LEN)
        return HC_VAL_MAX_LEN;
    uint64_t cap = old_cap;
    if (new_len > 2 * old_cap)
        cap = new_len;
    else if (old_cap < GO_GROW_THRESHOLD)
        cap = 2 * old_cap;
    else
        do
            cap += (cap + 3 * GO_GROW_THRESHOLD) >> 2;
        while (cap < new_len);
    bool pointers;
    unsigned size = go_item_size(t, &pointers);
    cap = go_roundup_size(cap * size, pointers) / size;
    return cap >= HC_VAL_MAX_LEN ? HC_VAL_MAX_LEN : (uint32_t)cap;
}

uint32_t hc_go_append_cap(uint64_t cap0, uint64_t n, hc_gotype t)
{
    uint64_t cap = cap0;
    while (cap < n && cap < HC_VAL_MAX_LEN)
        cap = hc_go_grow_cap(cap, cap + 1, t);
    return cap >= HC_VAL_MAX_LEN ? HC_VAL_MAX_LEN : (uint32_t)cap;
}

hc_val hc_list_zero(hc_gotype t)
{
    switch (t) {
    case HC_GT_STRLIST:
        return hc_strn("", 0);
    case HC_GT_INTLIST:
        return hc_int_typed(0, HC_GT_INT);
    case HC_GT_BYTES:
        return hc_int_typed(0, HC_GT_UINT8);
    default:
        return hc_null();
    }
}

struct hc_list *hc_list_slice(struct hc_arena *a, const struct hc_list *l, hc_gotype t, uint32_t i,
                              uint32_t j, uint32_t k)
{
    struct hc_list *r;
    if (j <= l->avail) { /* share the stored items, as Go shares the array */
        r = hc_arena_alloc(a, sizeof *r);
        if (!r)
            return NULL;
        r->items = l->items + i;
        r->avail = (k < l->avail ? k : l->avail) - i;
    } else { /* reaching zero values: store them */
        r = hc_list_new(a, j - i);
        if (!r)
            return NULL;
        uint32_t stored = i < l->avail ? l->avail - i : 0;
        if (stored)
            memcpy(r->items, l->items + i, stored * sizeof(hc_val));
        hc_val zero = hc_list_zero(t);
        for (uint32_t x = stored; x < j - i; x++)
            r->items[x] = zero;
    }
    r->len = j - i;
    r->cap = k - i;
    r->named = l->named;
    return r;
}

struct hc_map *hc_map_new(struct hc_arena *a, size_t cap)
{
    if (cap > HC_VAL_MAX_LEN)
        return NULL;
    struct hc_map *m = hc_arena_alloc(a, sizeof *m);
    if (!m)
        return NULL;
    m->len = 0;
    m->cap = (uint32_t)cap;
    m->e = NULL;
    m->named = NULL;
    if (cap) {
        m->e = hc_arena_array(a, cap, sizeof *m->e);
        if (!m->e)
            return NULL;
    }
    return m;
}

void hc_listb_init(struct hc_listb *b, struct hc_arena *a)
{
    b->arena = a;
    b->items = NULL;
    b->len = b->cap = 0;
}

hc_status hc_listb_push(struct hc_listb *b, hc_val v)
{
    if (b->len == b->cap) {
        if (b->cap >= HC_VAL_MAX_LEN / 2)
            return HC_ERR_LIMIT;
        uint32_t cap = b->cap ? b->cap * 2 : 8;
        hc_val *p = hc_arena_realloc(b->arena, b->items, (size_t)b->cap * sizeof(hc_val),
                                     (size_t)cap * sizeof(hc_val));
        if (!p)
            return HC_ERR_NOMEM;
        b->items = p;
        b->cap = cap;
    }
    b->items[b->len++] = v;
    return HC_OK;
}

struct hc_list *hc_listb_finish(struct hc_listb *b)
{
    struct hc_list *l = hc_list_new(b->arena, b->len);
    if (l && b->len)
        memcpy(l->items, b->items, (size_t)b->len * sizeof(hc_val));
    return l;
}

int hc_strcmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    int c = n ? memcmp(a, b, n) : 0;
    if (c)
        return c;
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

/* Binary search: index of key, or -(insertion point) - 1. */
static long map_search(const struct hc_map *m, const char *key, size_t klen)
{
    long lo = 0, hi = (long)m->len - 1;
    int first = klen ? (unsigned char)key[0] : -1;
    while (lo <= hi) {
        long mid = lo + (hi - lo) / 2;
        const struct hc_mapent *e = &m->e[mid];
        /* most probes differ in the first byte: decide those without memcmp */
        int efirst = e->klen ? (unsigned char)e->key[0] : -1;
        int c = efirst != first ? (efirst < first ? -1 : 1)
                                : hc_strcmp(e->key, e->klen, key, klen);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -lo - 1;
}

long hc_map_find(const struct hc_map *m, const char *key, size_t klen)
{
    long i = map_search(m, key, klen);
    return i >= 0 ? i : -1;
}

bool hc_map_get(const struct hc_map *m, const char *key, size_t klen, hc_val *out)
{
    long i = map_search(m, key, klen);
    if (i < 0)
        return false;
    if (out)
        *out = m->e[i].val;
    return true;
}

static hc_status map_reserve(struct hc_arena *a, struct hc_map *m, uint32_t need)
{
    if (need <= m->cap)
        return HC_OK;
    if (m->cap >= HC_VAL_MAX_LEN / 2)
        return HC_ERR_LIMIT;
    uint32_t cap = m->cap ? m->cap * 2 : 4;
    while (cap < need)
        cap *= 2;
    struct hc_mapent *e =
        hc_arena_realloc(a, m->e, (size_t)m->cap * sizeof *e, (size_t)cap * sizeof *e);
    if (!e)
        return HC_ERR_NOMEM;
    m->e = e;
    m->cap = cap;
    return HC_OK;
}

hc_status hc_map_set(struct hc_arena *a, struct hc_map *m, const char *key, size_t klen, hc_val v)
{
    if (klen > HC_VAL_MAX_LEN)
        return HC_ERR_LIMIT;
    long i = map_search(m, key, klen);
    if (i >= 0) {
        m->e[i].val = v;
        return HC_OK;
    }
    size_t at = (size_t)(-i - 1);
    hc_status rc = map_reserve(a, m, m->len + 1);
    if (rc != HC_OK)
        return rc;
    memmove(m->e + at + 1, m->e + at, (m->len - at) * sizeof *m->e);
    m->e[at].key = key;
    m->e[at].klen = (uint32_t)klen;
    m->e[at].val = v;
    m->len++;
    return HC_OK;
}

bool hc_map_del(struct hc_map *m, const char *key, size_t klen)
{
    long i = map_search(m, key, klen);
    if (i < 0)
        return false;
    memmove(m->e + i, m->e + i + 1, (m->len - (size_t)i - 1) * sizeof *m->e);
    m->len--;
    return true;
}

hc_status hc_map_append(struct hc_arena *a, struct hc_map *m, const char *key, size_t klen,
                        hc_val v)
{
    if (klen > HC_VAL_MAX_LEN)
        return HC_ERR_LIMIT;
    hc_status rc = map_reserve(a, m, m->len + 1);
    if (rc != HC_OK)
        return rc;
    m->e[m->len].key = key;
    m->e[m->len].klen = (uint32_t)klen;
    m->e[m->len].val = v;
    m->len++;
    return HC_OK;
}

static int ent_cmp(const struct hc_mapent *x, const struct hc_mapent *y)
{
    return hc_strcmp(x->key, x->klen, y->key, y->klen);
}

/* Stable merge sort of e[0..n) using tmp; keeps equal keys in insertion order. */
static void merge_sort(struct hc_mapent *e, struct hc_mapent *tmp, size_t n)
{
    if (n < 2)
        return;
    if (n <= 8) { /* insertion sort: stable */
        for (size_t i = 1; i < n; i++) {
            struct hc_mapent x = e[i];
            size_t j = i;
            while (j > 0 && ent_cmp(&e[j - 1], &x) > 0) {
                e[j] = e[j - 1];
                j--;
            }
            e[j] = x;
        }
        return;
    }
    size_t h = n / 2;
    merge_sort(e, tmp, h);
    merge_sort(e + h, tmp, n - h);
    if (ent_cmp(&e[h - 1], &e[h]) <= 0)
        return;
    memcpy(tmp, e, h * sizeof *e);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        e[k++] = ent_cmp(&e[j], &tmp[i]) < 0 ? e[j++] : tmp[i++];
    while (i < h)
        e[k++] = tmp[i++];
}

void hc_map_finish(struct hc_map *m)
{
    if (m->len < 2)
        return;
    /* already sorted and unique (the common case: a decoder reading sorted input)? */
    size_t i;
    for (i = 1; i < m->len; i++)
        if (ent_cmp(&m->e[i - 1], &m->e[i]) >= 0)
            break;
    if (i == m->len)
        return;
    struct hc_mapent small[64];
    struct hc_mapent *tmp = m->len / 2 + 1 <= 64 ? small : malloc((m->len / 2 + 1) * sizeof *tmp);
    if (!tmp) { /* cannot happen in practice; fall back to insertion sort, still stable */
        for (size_t a = 1; a < m->len; a++) {
            struct hc_mapent x = m->e[a];
            size_t b = a;
            while (b > 0 && ent_cmp(&m->e[b - 1], &x) > 0) {
                m->e[b] = m->e[b - 1];
                b--;
            }
            m->e[b] = x;
        }
    } else {
        merge_sort(m->e, tmp, m->len);
        if (tmp != small)
            free(tmp);
    }
    /* keep the last of each run of equal keys */
    size_t w = 0;
    for (size_t r = 0; r < m->len; r++) {
        if (r + 1 < m->len && ent_cmp(&m->e[r], &m->e[r + 1]) == 0)
            continue;
        m->e[w++] = m->e[r];
    }
    m->len = (uint32_t)w;
}

bool hc_val_truth(hc_val v)
{
    switch ((hc_kind)v.kind) {
    case HC_NULL:
    case HC_MISSING:
        return false;
    case HC_BOOL:
        return v.u.b;
    case HC_INT:
        return v.u.i != 0;
    case HC_FLOAT:
        return v.u.f != 0;
    case HC_STRING:
        return v.len != 0;
    case HC_LIST:
        return v.u.l && v.u.l->len != 0;
    case HC_MAP:
        return v.u.m && v.u.m->len != 0;
    case HC_OBJ:
        return true;
    }
    return false;
}

/* Compares two values without looking inside lists and maps. */
static bool equal_shallow(hc_val a, hc_val b)
{
    if (a.kind == HC_MISSING)
        a = hc_null();
    if (b.kind == HC_MISSING)
        b = hc_null();
    if (a.kind != b.kind || a.gotype != b.gotype)
        return false;
    switch ((hc_kind)a.kind) {
    case HC_NULL:
    case HC_MISSING:
        return true;
    case HC_BOOL:
        return a.u.b == b.u.b;
    case HC_INT:
        return a.u.i == b.u.i;
    case HC_FLOAT:
        return a.u.f == b.u.f; /* DeepEqual: NaN != NaN, -0 == 0 */
    case HC_STRING:
        return a.len == b.len && (a.len == 0 || memcmp(a.u.s, b.u.s, a.len) == 0);
    case HC_LIST:
        if (!a.u.l || !b.u.l) /* a nil slice equals only a nil slice */
            return !a.u.l && !b.u.l;
        return a.u.l->len == b.u.l->len;
    case HC_MAP:
        if (!a.u.m || !b.u.m)
            return !a.u.m && !b.u.m;
        if (a.u.m->len != b.u.m->len)
            return false;
        for (uint32_t i = 0; i < a.u.m->len; i++)
            if (ent_cmp(&a.u.m->e[i], &b.u.m->e[i]) != 0)
                return false;
        return true;
    case HC_OBJ:
        if (a.u.o->type != b.u.o->type)
            return false;
        if (a.u.o == b.u.o)
            return true;
        return a.u.o->type->equal ? a.u.o->type->equal(a.u.o, b.u.o) : false;
    }
    return false;
}

/*
 * DeepEqual without recursion: pairs still to compare wait on an explicit
 * stack, so values nested as deep as any decoder allows compare correctly.
 */
bool hc_val_equal(hc_val a, hc_val b)
{
    struct pair {
        hc_val a, b;
    } small[64], *stack = small;
    size_t n = 0, cap = 64;
    bool result = true;
    stack[n++] = (struct pair){a, b};
    while (n > 0) {
        struct pair p = stack[--n];
        if (!equal_shallow(p.a, p.b)) {
            result = false;
            break;
        }
        uint32_t len = 0;
        if (p.a.kind == HC_LIST && p.a.u.l && p.a.u.l != p.b.u.l)
            len = p.a.u.l->len;
        else if (p.a.kind == HC_MAP && p.a.u.m && p.a.u.m != p.b.u.m)
            len = p.a.u.m->len;
        if (len == 0)
            continue;
        if (len > cap - n) {
            size_t ncap = cap;
            while (len > ncap - n)
                ncap *= 2;
            struct pair *ns = hc_malloc(ncap * sizeof *ns);
            if (!ns) { /* cannot decide: report unequal rather than guess */
                result = false;
                break;
            }
            memcpy(ns, stack, n * sizeof *ns);
            if (stack != small)
                hc_free(stack);
            stack = ns;
            cap = ncap;
        }
        for (uint32_t i = len; i-- > 0;) {
            if (p.a.kind == HC_LIST)
                stack[n++] = (struct pair){p.a.u.l->items[i], p.b.u.l->items[i]};
            else
                stack[n++] = (struct pair){p.a.u.m->e[i].val, p.b.u.m->e[i].val};
        }
    }
    if (stack != small)
        hc_free(stack);
    return result;
}

static const char *const type_names[HC_GT_COUNT] = {
    [HC_GT_NIL] = "<nil>",
    [HC_GT_BOOL] = "bool",
    [HC_GT_INT] = "int",
    [HC_GT_INT64] = "int64",
    [HC_GT_INT32] = "int32",
    [HC_GT_UINT8] = "uint8",
    [HC_GT_FLOAT64] = "float64",
    [HC_GT_STRING] = "string",
    [HC_GT_LIST] = "[]interface {}",
    [HC_GT_STRLIST] = "[]string",
    [HC_GT_INTLIST] = "[]int",
    [HC_GT_BYTES] = "[]uint8",
    [HC_GT_MAP] = "map[string]interface {}",
    [HC_GT_STRMAP] = "map[string]string",
    [HC_GT_OBJ] = "object",
};

const char *hc_val_typename(hc_val v)
{
    if (v.kind == HC_MISSING)
        return "<nil>";
    if (v.kind == HC_OBJ)
        return v.u.o->type->goname;
    if (v.kind == HC_LIST && v.u.l && v.u.l->named)
        return v.u.l->named->goname;
    if (v.kind == HC_MAP && v.u.m && v.u.m->named)
        return v.u.m->named->goname;
    return v.gotype < HC_GT_COUNT ? type_names[v.gotype] : "?";
}

const char *hc_val_kindname(hc_val v)
{
    switch ((hc_kind)v.kind) {
    case HC_NULL:
    case HC_MISSING:
        return "invalid";
    case HC_BOOL:
        return "bool";
    case HC_INT:
    case HC_FLOAT:
        return hc_val_typename(v); /* int, int64, float64...: kind name = type name */
    case HC_STRING:
        return "string";
    case HC_LIST:
        return "slice";
    case HC_MAP:
        return "map";
    case HC_OBJ:
        return v.u.o->type->kindname;
    }
    return "invalid";
}

int64_t hc_val_len(hc_val v)
{
    switch ((hc_kind)v.kind) {
    case HC_STRING:
        return v.len;
    case HC_LIST:
        return v.u.l ? v.u.l->len : 0;
    case HC_MAP:
        return v.u.m ? v.u.m->len : 0;
    default:
        return -1;
    }
}

static hc_status copy_depth(struct hc_arena *a, hc_val v, bool copy_strings, hc_val *out, int depth)
{
    if (depth > HC_VAL_MAX_DEPTH)
        return HC_ERR_LIMIT;
    hc_status rc;
    switch ((hc_kind)v.kind) {
    case HC_STRING:
        if (!copy_strings) {
            *out = v;
            return HC_OK;
        }
        rc = hc_str_dup(a, v.u.s, v.len, out);
        if (rc == HC_OK)
            out->gotype = v.gotype;
        return rc;
    case HC_LIST: {
        if (!v.u.l) {
            *out = v;
            return HC_OK;
        }
        struct hc_list *l = hc_list_new(a, v.u.l->len);
        if (!l)
            return HC_ERR_NOMEM;
        for (uint32_t i = 0; i < l->len; i++) {
            rc = copy_depth(a, v.u.l->items[i], copy_strings, &l->items[i], depth + 1);
            if (rc != HC_OK)
                return rc;
        }
        /* copystructure's MakeSlice(type, len, cap): the capacity stays, items past len are zero */
        l->cap = v.u.l->cap;
        l->named = v.u.l->named;
        *out = hc_list_val(l, (hc_gotype)v.gotype);
        return HC_OK;
    }
    case HC_MAP: {
        if (!v.u.m) {
            *out = v;
            return HC_OK;
        }
        const struct hc_map *src = v.u.m;
        struct hc_map *m = hc_map_new(a, src->len);
        if (!m)
            return HC_ERR_NOMEM;
        for (uint32_t i = 0; i < src->len; i++) {
            struct hc_mapent *e = &m->e[i];
            e->klen = src->e[i].klen;
            e->key = src->e[i].key;
            if (copy_strings) {
                e->key = hc_arena_strndup(a, src->e[i].key, src->e[i].klen);
                if (!e->key)
                    return HC_ERR_NOMEM;
            }
            rc = copy_depth(a, src->e[i].val, copy_strings, &e->val, depth + 1);
            if (rc != HC_OK)
                return rc;
        }
        m->len = src->len;
        m->named = src->named;
        *out = hc_map_val(m, (hc_gotype)v.gotype);
        return HC_OK;
    }
    default:
        *out = v;
        return HC_OK;
    }
}

hc_status hc_val_copy(struct hc_arena *a, hc_val v, bool copy_strings, hc_val *out)
{
    return copy_depth(a, v, copy_strings, out, 0);
}
