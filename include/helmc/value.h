/*
 * value.h - hc_val, the value every helmc module shares.
 *
 * An hc_val is 16 bytes passed by value: a kind, the Go type it stands for,
 * a length, and a payload.  It models the interface{} values Helm's Go code
 * handles: nil, bool, int/int64, float64, string, []interface{} (and typed
 * slices such as []string), map[string]interface{} (and map[string]string),
 * Go text/template's "missing" (an invalid reflect.Value, printed as
 * <no value>), and opaque host objects (structs such as .Capabilities).
 *
 * Ownership: values never own memory.  Strings, lists, maps and objects live
 * in an arena (base/arena.h); a value may point only into its own arena or a
 * longer-lived one.  Strings are immutable byte views (they may hold NUL and
 * need not be NUL-terminated).  Lists are immutable once published.  Maps are
 * mutable references: hc_map_set and hc_map_del change the map every alias
 * sees, as Go maps do; the arena passed to them must live at least as long
 * as the map's users.  Maps keep their entries sorted by key (Go's byte-wise
 * string order), so iteration is always in the order Go prints and ranges.
 */
#ifndef HELMC_VALUE_H
#define HELMC_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "helmc/error.h"

struct hc_arena;

typedef enum hc_kind {
    HC_NULL = 0, /* Go nil (an interface{} holding nothing) */
    HC_BOOL,
    HC_INT,   /* any Go integer type; gotype says which */
    HC_FLOAT, /* float64 */
    HC_STRING,
    HC_LIST,    /* a Go slice; gotype says of what */
    HC_MAP,     /* a Go map with string keys; gotype says of what */
    HC_MISSING, /* text/template's invalid value: a missing map key */
    HC_OBJ      /* a host object (struct, time.Time, ...): see struct hc_obj */
} hc_kind;

/* The Go type a value stands for: what %T and typeOf print. */
typedef enum hc_gotype {
    HC_GT_NIL = 0, /* <nil> */
    HC_GT_BOOL,    /* bool */
    HC_GT_INT,     /* int */
    HC_GT_INT64,   /* int64 */
    HC_GT_INT32,   /* int32 (rune) */
    HC_GT_UINT8,   /* uint8 (byte) */
    HC_GT_FLOAT64, /* float64 */
    HC_GT_STRING,  /* string */
    HC_GT_LIST,    /* []interface {} */
    HC_GT_STRLIST, /* []string */
    HC_GT_INTLIST, /* []int */
    HC_GT_BYTES,   /* []uint8 */
    HC_GT_MAP,     /* map[string]interface {} */
    HC_GT_STRMAP,  /* map[string]string */
    HC_GT_OBJ,     /* named by the object's type */
    HC_GT_COUNT
} hc_gotype;

struct hc_list;
struct hc_map;
struct hc_obj;

typedef struct hc_val {
    uint8_t kind;   /* hc_kind */
    uint8_t gotype; /* hc_gotype */
    uint16_t flags; /* reserved for the engine; zero elsewhere */
    uint32_t len;   /* string length in bytes */
    union {
        bool b;
        int64_t i;
        double f;
        const char *s;
        struct hc_list *l;
        struct hc_map *m;
        struct hc_obj *o;
    } u;
} hc_val;

_Static_assert(sizeof(hc_val) == 16, "hc_val must stay 16 bytes");

/*
 * An immutable slice.  Build with hc_list_new (then fill items) or struct hc_listb.
 * named: NULL for Go's unnamed slice types; for a named slice type (Helm's
 * common.VersionSet, whose Has method templates call), its type record:
 * %T and typeOf print named->goname, templates reach its methods through
 * named->exec, and gotype says what the type is assignable to: the
 * underlying type's gotype when it is one of ours (a named []string keeps
 * HC_GT_STRLIST), HC_GT_OBJ otherwise.
 *
 * Capacity: Go's slicing (Sprig's slice, text/template's slice) may reach
 * past len up to the slice's capacity, so a Go slice of 3 items that a
 * decoder grew by append (capacity 4) sliced [0:4] shows a fourth, nil item.
 * cap is that capacity (len <= avail <= cap); items[0..avail) are stored (a
 * slice made by slicing a longer one keeps the items it hides past its len),
 * and the items from avail to cap are the element type's zero value
 * (hc_list_zero).  hc_list_new makes cap == avail == len; code that mirrors a
 * Go function building its slice by append sets cap with hc_go_append_cap.
 * Nothing but slicing reads past len.
 */
struct hc_list {
    uint32_t len;
    uint32_t cap;   /* Go's cap(): len <= avail <= cap */
    uint32_t avail; /* items stored from items[0] */
    const struct hc_obj_type *named;
    hc_val *items; /* hc_list_new: the storage right after this header */
};

struct hc_mapent {
    const char *key; /* not NUL-terminated in general */
    uint32_t klen;
    hc_val val;
};

/*
 * A mutable map; e[0..len) is sorted by key and keys are unique.  named: as
 * for lists, the type record of a named map type, or NULL: Helm's
 * common.Values (gotype HC_GT_MAP: it is assignable to map[string]interface
 * {}) and engine.files, the .Files object (a map[string][]byte with Get,
 * Glob..., so HC_GT_OBJ).
 */
struct hc_map {
    uint32_t len, cap;
    struct hc_mapent *e;
    const struct hc_obj_type *named;
};

struct hc_buf;
struct hc_obj_exec;

/*
 * How Go's fmt sees a host object: the methods it looks for and the fields it
 * prints (src/gofmt/printf.c; Go's fmt.Stringer, fmt.GoStringer, and the
 * reflect walk of a struct).  Any member may be NULL/false.
 */
struct hc_obj_fmt {
    /*
     * The type has a String (or Error) method: append its result to b.  fmt
     * formats that text as a string for %v %s %q %x %X, and so does {{ . }}.
     */
    void (*string)(const struct hc_obj *o, struct hc_buf *b);
    /*
     * String has a pointer receiver while the object is a struct value (kind
     * "struct"): fmt, which holds a copy, cannot call it (%v prints the fields),
     * but text/template's {{ . }} takes the field's address and can.
     */
    bool string_ptr_receiver;
    /* A GoString method: its result is printed unadorned for %#v. */
    void (*gostring)(const struct hc_obj *o, struct hc_buf *b);
    /*
     * Field i of the struct (of the struct pointed to, for kind "ptr"): sets
     * *name and *val and returns true; false past the last field.  fmt prints
     * {v1 v2}, {Name:v1 Name2:v2} for %+v, and "&" first for a pointer.
     */
    bool (*field)(const struct hc_obj *o, uint32_t i, const char **name, hc_val *val);
};

/*
 * A host object.  The engine defines the types (Capabilities, time.Time, ...);
 * the value model only needs their Go names, deep-equality and fmt's view.
 */
struct hc_obj_type {
    const char *goname;   /* %T, typeOf: "*chartutil.Capabilities", "time.Time" */
    const char *kindname; /* kindOf: "ptr", "struct" */
    bool (*equal)(const struct hc_obj *a, const struct hc_obj *b); /* NULL: identity */
    const struct hc_obj_fmt *fmt; /* how fmt prints it; NULL: as an empty struct "{}" */
    /* How templates reach its fields and methods (.Field, .Method args):
       src/template/exec.h.  NULL: no fields or methods. */
    const struct hc_obj_exec *exec;
};

struct hc_obj {
    const struct hc_obj_type *type;
    void *data;
};

/* Maximum length of one string or list (hc_val.len / hc_list.len are 32-bit). */
#define HC_VAL_MAX_LEN UINT32_MAX

/* ---- constructors (no allocation) ---- */

static inline hc_val hc_null(void)
{
    hc_val v = {HC_NULL, HC_GT_NIL, 0, 0, {.i = 0}};
    return v;
}

static inline hc_val hc_missing(void)
{
    hc_val v = {HC_MISSING, HC_GT_NIL, 0, 0, {.i = 0}};
    return v;
}

static inline hc_val hc_bool(bool b)
{
    hc_val v = {HC_BOOL, HC_GT_BOOL, 0, 0, {.b = b}};
    return v;
}

/* An int64 (what Sprig arithmetic returns). */
static inline hc_val hc_int(int64_t i)
{
    hc_val v = {HC_INT, HC_GT_INT64, 0, 0, {.i = i}};
    return v;
}

/* An integer of another Go type (HC_GT_INT for Go's int, as len returns). */
static inline hc_val hc_int_typed(int64_t i, hc_gotype t)
{
    hc_val v = {HC_INT, (uint8_t)t, 0, 0, {.i = i}};
    return v;
}

static inline hc_val hc_float(double f)
{
    hc_val v = {HC_FLOAT, HC_GT_FLOAT64, 0, 0, {.f = f}};
    return v;
}

/* A view of n bytes at s (not copied; n must be <= HC_VAL_MAX_LEN). */
static inline hc_val hc_strn(const char *s, size_t n)
{
    hc_val v = {HC_STRING, HC_GT_STRING, 0, (uint32_t)n, {.s = s}};
    return v;
}

hc_val hc_cstr(const char *s); /* view of a C string */

static inline hc_val hc_list_val(struct hc_list *l, hc_gotype t)
{
    hc_val v = {HC_LIST, (uint8_t)t, 0, 0, {.l = l}};
    return v;
}

static inline hc_val hc_map_val(struct hc_map *m, hc_gotype t)
{
    hc_val v = {HC_MAP, (uint8_t)t, 0, 0, {.m = m}};
    return v;
}

static inline hc_val hc_obj_val(struct hc_obj *o)
{
    hc_val v = {HC_OBJ, HC_GT_OBJ, 0, 0, {.o = o}};
    return v;
}

/* ---- allocation in an arena; NULL or an error status when out of memory ---- */

/* A copy of n bytes at s in the arena; *out is the string.  HC_ERR_NOMEM on failure. */
hc_status hc_str_dup(struct hc_arena *a, const char *s, size_t n, hc_val *out);
/* A list of n items, all nil, for the caller to fill before publishing. */
struct hc_list *hc_list_new(struct hc_arena *a, size_t n);
/* An empty map with room for cap entries. */
struct hc_map *hc_map_new(struct hc_arena *a, size_t cap);

/*
 * Go's slice capacities (Go 1.25's runtime growslice and size classes), for
 * slices of list type t ([]interface {}, []string, []int, []uint8):
 * hc_go_grow_cap is the capacity append gives when a slice of capacity
 * old_cap must grow to hold new_len items (new_len > old_cap);
 * hc_go_append_cap is the capacity after appending n items one at a time to
 * an empty slice of capacity cap0 (`s := []T{}; for ... { s = append(s, x) }`,
 * and what encoding/json's decoder does for every array).  Both saturate at
 * HC_VAL_MAX_LEN.
 */
uint32_t hc_go_grow_cap(uint64_t old_cap, uint64_t new_len, hc_gotype t);
uint32_t hc_go_append_cap(uint64_t cap0, uint64_t n, hc_gotype t);
/* The zero value of an item of a list of type t: what a slice shows past the stored items. */
hc_val hc_list_zero(hc_gotype t);
/*
 * Go's l[i:j:k] of a list of type t (k = l->cap for l[i:j]); the caller has
 * checked i <= j <= k <= l->cap.  The result shares l's items where it can
 * and keeps l's named type; NULL when out of memory.
 */
struct hc_list *hc_list_slice(struct hc_arena *a, const struct hc_list *l, hc_gotype t, uint32_t i,
                              uint32_t j, uint32_t k);

/* Growable list under construction; finish with hc_listb_finish. */
struct hc_listb {
    struct hc_arena *arena;
    hc_val *items;
    uint32_t len, cap;
};

void hc_listb_init(struct hc_listb *b, struct hc_arena *a);
hc_status hc_listb_push(struct hc_listb *b, hc_val v);
/* The finished list (NULL when out of memory); the builder may not be used again. */
struct hc_list *hc_listb_finish(struct hc_listb *b);

/* ---- strings ---- */

static inline bool hc_val_is_str(hc_val v, const char *s, size_t n)
{
    return v.kind == HC_STRING && v.len == n && (n == 0 || memcmp(v.u.s, s, n) == 0);
}

/* Go's string order: byte-wise, shorter prefix first.  <0, 0 or >0. */
int hc_strcmp(const char *a, size_t alen, const char *b, size_t blen);

/* ---- maps ---- */

/* The value under key, or false when absent. */
bool hc_map_get(const struct hc_map *m, const char *key, size_t klen, hc_val *out);
/* Sets key to v, replacing any value; the key bytes are borrowed (copy them first if needed). */
hc_status hc_map_set(struct hc_arena *a, struct hc_map *m, const char *key, size_t klen, hc_val v);
/* Removes key; false when it was absent. */
bool hc_map_del(struct hc_map *m, const char *key, size_t klen);
/* Index of key in e[], or -1. */
long hc_map_find(const struct hc_map *m, const char *key, size_t klen);

/*
 * Bulk building: append entries in any order with hc_map_append (no checks),
 * then hc_map_finish sorts them and keeps the last of equal keys (as a Go map
 * literal or a decoder assigning in order would).
 */
hc_status hc_map_append(struct hc_arena *a, struct hc_map *m, const char *key, size_t klen,
                        hc_val v);
void hc_map_finish(struct hc_map *m);

#define hc_map_foreach(m, ent) \
    for (struct hc_mapent *ent = (m)->e; ent && ent < (m)->e + (m)->len; ent++)
#define hc_list_foreach(l, item) \
    for (hc_val *item = (l)->items; item < (l)->items + (l)->len; item++)

/* ---- Go semantics ---- */

/* Go's template truth: false, 0, nil, missing, "" and empty lists/maps are false. */
bool hc_val_truth(hc_val v);
/*
 * reflect.DeepEqual on the interface{} values (missing counts as nil).  Not
 * recursive: any depth compares correctly (false only if memory runs out).
 */
bool hc_val_equal(hc_val a, hc_val b);
/* The Go type name %T and typeOf print ("int64", "map[string]interface {}", "<nil>"). */
const char *hc_val_typename(hc_val v);
/* The reflect.Kind name kindOf prints ("int64", "map", "slice", "invalid"). */
const char *hc_val_kindname(hc_val v);
/* Length as Go's len sees it for strings, lists and maps; -1 for others. */
int64_t hc_val_len(hc_val v);

/*
 * Deep copy into arena a: lists and maps are copied recursively; strings are
 * copied too when copy_strings (use it when the source arena dies first).
 * Objects are shared.  Nesting deeper than HC_VAL_MAX_DEPTH fails with
 * HC_ERR_LIMIT: the copy recurses, and 2000 levels stay well inside an 8 MB
 * stack even in sanitizer builds (deeper values come only from hostile JSON).
 */
#define HC_VAL_MAX_DEPTH 2000
hc_status hc_val_copy(struct hc_arena *a, hc_val v, bool copy_strings, hc_val *out);

#endif
