/*
 * func.h - how template functions plug into the engine.
 *
 * A function is a row {name, C function, Go signature, flags}.  The parser
 * resolves identifiers to rows (an unknown name is a parse error, as in Go);
 * the executor checks the argument count and converts every argument to the
 * Go parameter type the signature names, as Go's evalCall/evalArg/validateType
 * do, so every "wrong number of args for X: want N got M" and "wrong type for
 * value; expected string; got float64" message is produced in one place.  The
 * C function then sees arguments already of the declared types.
 *
 * Signature characters, one per parameter:
 *   a  interface{}            (missing arrives as nil)
 *   v  reflect.Value          (missing arrives as missing: Go's builtins see it)
 *   s  string     i  int     I  int64     f  float64     b  bool
 *   u  uint32  (no template value has this type, so only constants pass;
 *               the function receives an int holding the value)
 *   l  []interface{}          S  []string
 *   m  map[string]interface{}
 *   <Name>  a host object type (struct hc_obj_type.goname): "<time.Time>",
 *           "<*semver.Version>"; a name starting with '*' is a pointer type,
 *           which nil may be assigned to (the function receives nil).
 *           Constants get Go's "can't handle 5 for arg of type time.Time".
 *   <Name:I>  a named int64 type (time.Duration): integer constants pass as
 *           for I; objects of type Name, whose data points to their int64,
 *           arrive as that int64; anything else is refused as Go does.
 *   A trailing '*' makes the last parameter variadic ("s*" = ...string).
 *
 * Results: the function stores its result in *out with the Go type the real
 * function returns (hc_int_typed(n, HC_GT_INT) for int, ...).  A function that
 * fails returns hc_call_fail(...)'s status; the executor wraps the message as
 * Go does ("error calling X: MSG").  Results live in call->arena.
 */
#ifndef HC_TEMPLATE_FUNC_H
#define HC_TEMPLATE_FUNC_H

#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_exec;
struct hc_arena;
struct hc_node;

struct hc_call {
    struct hc_exec *exec;        /* the running execution (include, tpl, required need it) */
    struct hc_arena *arena;      /* where results are allocated: the render arena */
    const struct hc_func *fn;    /* the row being called */
    const struct hc_node *node;  /* the calling node, for error positions */
    struct hc_error *err;        /* filled by hc_call_fail */
    void *user;                  /* the embedder's data from the exec options */
    hc_val recv;                 /* a method's receiver (the HC_OBJ); nil for functions */
};

typedef hc_status (*hc_fn)(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out);

enum {
    HC_FN_SPECIAL = 1 << 0, /* evaluated by exec.c itself (and, or: they short-circuit) */
    HC_FN_MUST = 1 << 1,    /* the must- twin of a function sharing the C function */
    HC_FN_LATE = 1 << 2,    /* bound to the executing set at run time (include, tpl) */
    HC_FN_NOERR = 1 << 3,   /* the Go function has no error result */
};

struct hc_func {
    const char *name; /* the template name */
    hc_fn fn;
    const char *sig;  /* Go parameter types, see above */
    unsigned flags;
};

/* A set of functions, sorted by name for lookup (built once; see hc_funcset_*). */
struct hc_funcset {
    const struct hc_func **rows;
    uint32_t len;
};

/* The row named name[0..len), or NULL.  O(log n). */
const struct hc_func *hc_funcset_find(const struct hc_funcset *fs, const char *name, size_t len);

/*
 * Builds a set from tables of rows, as Helm composes its funcMap: tables[i]
 * holds counts[i] rows; a name in a later table replaces the same name in an
 * earlier one (and a later row wins within a table); names listed in
 * remove[0..nremove) are left out (Helm deletes env and expandenv).  The rows
 * are borrowed (static tables) and must outlive the set; the index array is
 * owned by fs and freed by hc_funcset_release.  Fails only when out of memory.
 */
hc_status hc_funcset_build(struct hc_funcset *fs, const struct hc_func *const tables[],
                           const size_t counts[], size_t ntables, const char *const remove[],
                           size_t nremove, struct hc_error *err);
void hc_funcset_release(struct hc_funcset *fs);

/* Records a failure of the called function: Go's error text, without "error calling X: ". */
hc_status hc_call_fail(struct hc_call *call, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
