/*
 * helm.h - Helm's own template functions (pkg/engine/funcs.go and the ones
 * engine.go binds per render: include, tpl, required, fail), Sprig's JSON
 * encoders, and the function set a render uses.
 *
 * include, tpl and required need per-render state: the engine hands a
 * struct hc_helm_ctx to every function as hc_call.user (hc_exec_opts.user).
 */
#ifndef HC_FUNCS_HELM_H
#define HC_FUNCS_HELM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "helmc/error.h"
#include "helmc/template.h"
#include "helmc/value.h"
#include "funcs/funcs.h"
#include "template/func.h"

struct hc_arena;

/* Helm's recursionMaxNums: nested includes of one name. */
#define HC_HELM_MAX_INCLUDE_DEPTH 1000

/* The per-render state of Helm's functions (engine.go's closures). */
struct hc_helm_ctx {
    struct hc_funcs_env env;  /* first: the clock, randomness and zones (funcs.h) */
    struct hc_arena *arena;   /* the render arena: counts and tpl clones' bookkeeping */
    struct hc_map *included;  /* includedNames: template name -> nesting count */
    bool lint;                /* LintMode: required and fail only warn */
    /* Template sets tpl parsed into: they hold strings that values may still
       point to (a tpl literal stored with set), so they live as long as the render. */
    struct hc_tmpl_set **clones;
    size_t nclones, cap_clones;
    size_t tpl_arena_limit;   /* bytes each tpl clone may use; 0 = none */
};

/* Sets up ctx for one render (nothing allocated yet). */
void hc_helm_ctx_init(struct hc_helm_ctx *ctx, struct hc_arena *arena);
/* Frees the tpl clones; call after the render's last use of its values. */
void hc_helm_ctx_release(struct hc_helm_ctx *ctx);

/* Helm's functions and Sprig's JSON encoders, as one table (see helm.c for the list). */
extern const struct hc_func hc_funcs_helm[];
extern const size_t hc_funcs_helm_len;

/*
 * The function set of a render, composed as Helm's funcMap() is: Go's
 * builtins, Sprig's families, then Helm's, without env and expandenv
 * (registry.c).  Built on first use and shared (read-only) afterwards; NULL
 * when out of memory.
 */
const struct hc_funcset *hc_funcs_helm_set(void);

/*
 * Go's builtins and Sprig's families without Helm's functions (nor env and
 * expandenv): the functions `--name-template` may call (helm renders it with
 * sprig.TxtFuncMap).  Shared and read-only, NULL when out of memory.
 */
const struct hc_funcset *hc_funcs_sprig_set(void);

/*
 * v as encoding/json sees it: host objects (.Capabilities and the structs in
 * it) become maps of their exported fields, recursively; everything else is
 * unchanged (containers are copied only on the way to an object).  For
 * toJson and toYaml, whose writers take plain values.
 */
hc_status hc_helm_plain(struct hc_arena *a, hc_val v, hc_val *out);

/* Standard base64 of s[0..n) appended to b (Go's base64.StdEncoding). */
void hc_helm_base64(struct hc_buf *b, const char *s, size_t n);

#endif
