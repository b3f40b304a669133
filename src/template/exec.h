/*
 * exec.h - executing parsed templates, as Go's text/template/exec.go does.
 *
 * hc_tmpl_execute (include/helmc/template.h) is the entry point; this header
 * holds what the rest of the engine needs from a running execution: how host
 * objects expose fields and methods, how a function such as Helm's include
 * runs another template from inside one, and how Helm rewrites an execution
 * error.
 *
 * Values during execution.  Go's executor works on reflect.Values, and one
 * property of them shows in its error messages: a value read out of a
 * map[string]interface{} or a []interface{} (a map key, a range element) is
 * held in an interface (reflect Kind Interface) until a pipeline ends, so
 * Go says "can't evaluate field x in type interface {}" for .Values.str.x but
 * "in type string" for $s.x.  The executor marks such values with
 * HC_VF_IFACE in hc_val.flags.  HC_NULL always stands for a nil interface{}
 * (".Values.nullValue", a missing key under missingkey=zero); HC_MISSING is
 * Go's invalid reflect.Value.  Functions never see the flag except through
 * 'v' (reflect.Value) parameters, which only the Go built-ins use.
 */
#ifndef HC_TEMPLATE_EXEC_H
#define HC_TEMPLATE_EXEC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "helmc/error.h"
#include "helmc/template.h"
#include "helmc/value.h"
#include "template/func.h"

struct hc_exec;
struct hc_arena;

/* hc_val.flags bit: the value is held in an interface{} (reflect Kind Interface). */
#define HC_VF_IFACE 0x0001u

/* Go's indirectInterface: the value an interface holds (a nil interface: invalid). */
static inline hc_val hc_exec_indirect(hc_val v)
{
    if (v.kind == HC_NULL)
        return hc_missing();
    v.flags = (uint16_t)(v.flags & ~HC_VF_IFACE);
    return v;
}

/* Whether v is held in an interface (reflect Kind Interface), nil interfaces included. */
static inline bool hc_exec_is_iface(hc_val v)
{
    return v.kind == HC_NULL || (v.flags & HC_VF_IFACE);
}

/* Go's maxExecDepth: nested {{template}} calls (exec.go). */
#define HC_MAX_EXEC_DEPTH 100000

/* ---- host objects ---- */

/* What hc_obj_exec.member found. */
enum hc_obj_member {
    HC_OBJ_NONE = 0, /* no method and no field of that name */
    HC_OBJ_FIELD,    /* an exported struct field */
    HC_OBJ_METHOD    /* a method (Go looks for methods before fields) */
};

/*
 * How templates reach into a host object (struct hc_obj_type.exec): .Field
 * and .Method args.  The executor applies Go's rules around the lookup
 * (evalField): arguments given to a field are an error, a nil pointer
 * (an object of kind "ptr" whose data is NULL) fails on fields but not on
 * methods, and an unknown name is "can't evaluate field X in type T".
 */
struct hc_obj_exec {
    /*
     * Looks up name[0..len) on o.  For a field, stores its value in *field
     * (with HC_VF_IFACE set when the field's Go type is interface{}),
     * allocating in arena if it must.  For a method, stores its row in
     * *method: the executor checks and converts the arguments by the row's
     * signature, as for functions, and calls it with hc_call.recv = the
     * object.  Must not fail otherwise; HC_OBJ_NONE when there is no such
     * member.
     */
    enum hc_obj_member (*member)(const struct hc_obj *o, const char *name, size_t len,
                                 struct hc_arena *arena, hc_val *field,
                                 const struct hc_func **method);
    /*
     * For a named map or slice type with methods (kind "map" or "slice":
     * Helm's common.Values, engine.files, common.VersionSet): the map or list
     * it is.  .key (when no method has that name), range, index, len, slice
     * and truth use it, as Go's reflect sees the underlying kind.  NULL for
     * structs and pointers.
     */
    hc_val (*underlying)(const struct hc_obj *o);
    /*
     * How encoding/json sees it when the type has a MarshalJSON or
     * MarshalText method (time.Time, semver.Version): stores in *out the
     * plain value whose encoding is the method's result, allocated in arena.
     * NULL: the exported fields of a struct, the value of a named kind.
     */
    hc_status (*marshal)(const struct hc_obj *o, struct hc_arena *arena, hc_val *out);
    /*
     * The key encoding/json gives field i (its `json:"name"` tag), NULL for a field
     * without one (the field's own name).  NULL: no field has a tag.
     */
    const char *const *json_names;
};

/* The key encoding/json writes for field i named name of object o. */
static inline const char *hc_exec_json_name(const struct hc_obj *o, uint32_t i, const char *name)
{
    const struct hc_obj_exec *x = o->type->exec;
    return x && x->json_names && x->json_names[i] ? x->json_names[i] : name;
}

/* The map or list a named map/slice object is (hc_obj_exec.underlying), else v. */
static inline hc_val hc_exec_underlying(hc_val v)
{
    if (v.kind == HC_OBJ && v.u.o->type->exec && v.u.o->type->exec->underlying)
        return v.u.o->type->exec->underlying(v.u.o);
    return v;
}

/* ---- running templates from functions (Helm's include and tpl) ---- */

/*
 * Go's Template.ExecuteTemplate called from inside a running execution, as
 * Helm's include and tpl do: executes template name[0..len) of set (NULL:
 * the set ex is executing, which is what include wants) with dot as data,
 * appending the output to out.  The new execution has its own variables
 * (only $) and its own {{template}} depth, as in Go, and shares ex's arena,
 * options, user data and C stack budget.  On failure returns the status and
 * fills err with Go's message: an execution error ("template: NAME:L:C:
 * executing ...") or "template: no template %q associated with template %q"
 * (the second name is opts->name).  Functions return that status with the
 * error in call->err, and the caller wraps it ("error calling include: ...").
 */
hc_status hc_exec_template(struct hc_exec *ex, const struct hc_tmpl_set *set, const char *name,
                           size_t len, hc_val dot, struct hc_buf *out, struct hc_error *err);

/* The template set ex executes (tpl parses into a child of it). */
const struct hc_tmpl_set *hc_exec_set(const struct hc_exec *ex);

/* The options ex runs with (never NULL). */
const struct hc_exec_opts *hc_exec_options(const struct hc_exec *ex);

/* ---- Helm's rewording of execution errors ---- */

/*
 * Appends to b what Helm v4 (pkg/engine/engine.go, reformatExecErrorMsg)
 * makes of the execution error msg[0..len) of the template file `filename`:
 *
 *  - a HELM_ERR_START...HELM_ERR_END message (fail, required) anywhere in it:
 *    "execution error at (LOCATION): MESSAGE";
 *  - otherwise, when every error of the chain (each "error calling X: " wraps
 *    the next) is a template error Helm can parse, one block per error:
 *    "NAME:LINE:COL\n  executing \"T\" at <NODE>:\n    MESSAGE\n", joined and
 *    trimmed;
 *  - otherwise (the chain ends in a function's own error) msg unchanged.
 *
 * msg must be an execution error as hc_tmpl_execute reports it (Go's
 * ExecError).  The chain is read off the text, as the nested messages hold
 * each other; a node whose printed form contains ">: error calling " could
 * mislead the reading (Helm's own parsing has the same blind spot).
 */
void hc_exec_helm_error(struct hc_buf *b, const char *msg, size_t len, const char *filename);

#endif
