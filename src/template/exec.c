/*
 * exec.c - executes parsed templates.  Mirrors text/template/exec.go (Go
 * 1.25) function for function: walk, walkIfOrWith, walkRange, walkTemplate,
 * evalPipeline, evalCommand, evalField, evalCall, validateType, evalArg...,
 * with Go's error messages and Go's choice of the node an error points at
 * (every s.at() of exec.go is an at() here, in the same place).
 *
 * Invariants: the execution state (struct hc_exec) lives on the C stack of
 * hc_tmpl_execute or hc_exec_template and never in the template set, so any
 * number of executions may share a set.  The variable stack holds the
 * variables of the template being executed from `base` upwards; a
 * {{template}} call moves base up and restores it, so a called template sees
 * only its own $ (Go starts the callee with a fresh stack).  Go unwinds
 * break, continue and errors with panics; here walk functions return a flow
 * code and eval functions return false with the error recorded in ex->err.
 */
#include "template/exec.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "gofmt/gofmt.h"
#include "gofmt/printf.h"
#include "template/node.h"
#include "template/runes.h"

/* Go's maxExecDepth (exec.go): the depth of nested {{template}} calls. */
#define MAX_EXEC_DEPTH HC_MAX_EXEC_DEPTH
/*
 * C stack an execution may use, nested include/tpl executions included, when
 * the options do not say (Go's stacks grow to 1 GB).  Deep recursion stops
 * here with Go's "exceeded maximum template depth" message.  One level of
 * include recursion costs ~1.7 KiB with gcc -O2 (~2.8 KiB gcc -O0 with the
 * sanitizers, ~10 KiB clang -O0 with them), so Helm's 1000 nested includes
 * fit in an optimised build on a main thread's 8 MiB stack.
 */
#define DEFAULT_STACK_BUDGET ((size_t)4 << 20)
/* Ceiling on variables alive at once (a stack entry per declaration in scope). */
#define MAX_VARS (1u << 24)
/* Ceiling on the argument stack (arguments of the calls being evaluated). */
#define MAX_ARGS (1u << 24)

/* What a walk step tells its caller (Go's panics for break and continue). */
enum flow { FLOW_OK = 0, FLOW_ERROR, FLOW_BREAK, FLOW_CONTINUE };

/* variable holds the dynamic value of a variable such as $, $x etc. */
struct variable {
    const char *name;
    uint32_t len;
    hc_val value;
};

/* Go's state: one execution of one template (and the ones it calls). */
struct hc_exec {
    const struct hc_tmpl_set *set; /* where {{template}} and include look names up */
    const struct hc_tree *tmpl;    /* the template executing now, for error messages */
    struct hc_buf *out;
    size_t out_start;           /* out->len when this execution began */
    const struct hc_node *node; /* current node, for errors (Go's s.node) */
    struct variable *vars;      /* push-down stack of variable values */
    uint32_t nvars, vars_cap;
    uint32_t base; /* first variable of the template executing now */
    hc_val *args;  /* argument stack: the calls being built */
    uint32_t args_top, args_cap;
    size_t depth; /* the height of the stack of executing templates */
    size_t steps; /* nodes walked, against opts->max_steps */
    size_t max_depth;
    struct hc_arena *arena;
    const struct hc_exec_opts *opts;
    struct hc_error *err; /* the first error */
    struct hc_buf msg;    /* scratch for building error messages */
    uintptr_t stack_base; /* frame address of the outermost execution */
    size_t stack_budget;
};

static const struct hc_exec_opts default_opts;

/*
 * A parameter type (func.h): a signature character, or 'o' for an object
 * type written <Name> in the signature, whose Go name is name[0..len).
 * c == 0 stands for Go's nil type (a chain's receiver: anything goes).
 */
struct ptype {
    char c;
    uint8_t len;
    char under; /* for 'o': the signature character of a named basic type's kind, or 0 */
    const char *name;
};

static int walk(struct hc_exec *ex, hc_val dot, const struct hc_node *node);
static bool eval_pipeline(struct hc_exec *ex, hc_val dot, const struct hc_node *pipe, hc_val *out);
static bool eval_arg(struct hc_exec *ex, hc_val dot, struct ptype typ, const struct hc_node *n,
                     hc_val *out);
static bool eval_function(struct hc_exec *ex, hc_val dot, const struct hc_node *ident,
                          const struct hc_node *cmd, struct hc_node *const *args, uint32_t nargs,
                          const hc_val *final, hc_val *out);

/* ---- values as reflect sees them ---- */

/* The concrete value inside an interface: the flag cleared, nil interface -> invalid. */
static hc_val indirect_interface(hc_val v)
{
    if (v.kind == HC_NULL)
        return hc_missing();
    v.flags = 0;
    return v;
}

/* As the value is held in a map[string]interface{} or []interface{}. */
static hc_val as_iface(hc_val v)
{
    v.flags |= HC_VF_IFACE;
    return v;
}

static bool is_iface(hc_val v)
{
    return v.kind == HC_NULL || (v.flags & HC_VF_IFACE);
}

/* reflect.Value.Type() as %s prints it; "interface {}" for a value in an interface. */
static const char *type_name(hc_val v)
{
    return is_iface(v) ? "interface {}" : hc_val_typename(v);
}

static bool obj_is_nil_ptr(const struct hc_obj *o)
{
    return o->data == NULL && strcmp(o->type->kindname, "ptr") == 0;
}

/* isTrue of a concrete value (after indirectInterface): false for invalid. */
static bool is_true(hc_val v)
{
    v = hc_exec_underlying(v);
    if (v.kind == HC_OBJ)
        return !obj_is_nil_ptr(v.u.o); /* a struct is always true, a pointer when not nil */
    return hc_val_truth(v);
}

/* ---- complex literals (1i), which hc_val has no kind for: a small host object ---- */

struct complex_data {
    double re, im;
};

static void complex_string(const struct hc_obj *o, struct hc_buf *b)
{
    const struct complex_data *c = o->data;
    hc_buf_addc(b, '(');
    hc_gofmt_float_v(b, c->re);
    if (!signbit(c->im) || isnan(c->im))
        hc_buf_addc(b, '+'); /* fmt's plus flag on the imaginary part */
    hc_gofmt_float_v(b, c->im);
    hc_buf_adds(b, "i)");
}

static bool complex_equal(const struct hc_obj *a, const struct hc_obj *b)
{
    const struct complex_data *x = a->data, *y = b->data;
    return x->re == y->re && x->im == y->im;
}

static const struct hc_obj_fmt complex_fmt = {complex_string, false, NULL, NULL};
static const struct hc_obj_type complex_type = {"complex128", "complex128", complex_equal,
                                                &complex_fmt, NULL};

/* ---- errors ---- */

/* s.at(node): marks the state to be on node, for error reporting. */
static inline void at(struct hc_exec *ex, const struct hc_node *node)
{
    ex->node = node;
}

/* The prefix of an ExecError, as errorf writes it; the caller appends the message. */
static struct hc_buf *err_begin(struct hc_exec *ex)
{
    struct hc_buf *b = &ex->msg;
    hc_buf_reset(b);
    hc_buf_adds(b, "template: ");
    if (ex->node == NULL) {
        hc_buf_add(b, ex->tmpl->name.s, ex->tmpl->name.len);
        hc_buf_adds(b, ": ");
        return b;
    }
    hc_node_location(b, ex->node);
    hc_buf_adds(b, ": executing ");
    hc_gofmt_quote(b, ex->tmpl->name.s, ex->tmpl->name.len);
    hc_buf_adds(b, " at <");
    hc_node_print(b, ex->node);
    hc_buf_adds(b, ">: ");
    return b;
}

/* Records the message built since err_begin as the execution's error; returns false. */
static bool err_end_code(struct hc_exec *ex, hc_status code)
{
    struct hc_buf *b = &ex->msg;
    if (!hc_buf_ok(b)) {
        hc_error_nomem(ex->err);
        return false;
    }
    if (ex->err && ex->err->code == HC_OK) {
        size_t len;
        char *m = hc_buf_detach(b, &len);
        if (!m) {
            hc_error_nomem(ex->err);
            return false;
        }
        ex->err->code = code;
        ex->err->msg = m;
        ex->err->msg_static = 0;
    }
    return false;
}

static bool err_end(struct hc_exec *ex)
{
    return err_end_code(ex, HC_ERR_EXEC);
}

/* errorf with a C format (the Go values in it are already text). */
__attribute__((format(printf, 2, 3))) static bool errorf(struct hc_exec *ex, const char *fmt, ...)
{
    struct hc_buf *b = err_begin(ex);
    va_list ap;
    va_start(ap, fmt);
    hc_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return err_end(ex);
}

static bool nomem(struct hc_exec *ex)
{
    hc_error_nomem(ex->err);
    return false;
}

/* Appends Go's %v of v (fmt.Sprintf("%v", v)). */
static void add_v(struct hc_buf *b, hc_val v)
{
    hc_gofmt_sprintf(b, "%v", 2, &v, 1);
}

/* Appends Go's %q of a string. */
static void add_q(struct hc_buf *b, const char *s, size_t n)
{
    hc_gofmt_quote(b, s, n);
}

/* The C stack used so far by this execution and the ones around it. */
static size_t stack_used(const struct hc_exec *ex)
{
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    return ex->stack_base > here ? ex->stack_base - here : here - ex->stack_base;
}

/*
 * Stops runaway recursion before the C stack does, with Go's depth message.
 * {{template}} calls check against 7/8 of the budget and everything else
 * against all of it, so that a recursion through {{template}} stops at a
 * template node, where Go's depth limit would have stopped it.
 */
static bool stack_check_at(struct hc_exec *ex, size_t limit)
{
    if (stack_used(ex) <= limit)
        return true;
    return errorf(ex, "exceeded maximum template depth (%d)", MAX_EXEC_DEPTH);
}

static bool stack_check(struct hc_exec *ex)
{
    return stack_check_at(ex, ex->stack_budget);
}

/* Checks the output after a write: ceiling and memory. */
static bool out_check(struct hc_exec *ex)
{
    struct hc_buf *o = ex->out;
    size_t max = ex->opts->max_output;
    if (hc_buf_ok(o) && (max == 0 || o->len - ex->out_start <= max))
        return true;
    if (!hc_buf_ok(o) && !o->toobig)
        return nomem(ex);
    ex->node = NULL;
    struct hc_buf *b = err_begin(ex);
    hc_buf_printf(b, "output exceeds the limit of %zu bytes", max ? max : o->limit);
    return err_end_code(ex, HC_ERR_LIMIT);
}

/* ---- variables ---- */

static bool push(struct hc_exec *ex, const char *name, uint32_t len, hc_val value)
{
    if (ex->nvars == ex->vars_cap) {
        if (ex->vars_cap >= MAX_VARS) {
            hc_error_set(ex->err, HC_ERR_LIMIT, "template: too many variables");
            return false;
        }
        uint32_t cap = ex->vars_cap ? ex->vars_cap * 2 : 16;
        struct variable *v = hc_realloc(ex->vars, hc_mul_size(cap, sizeof *v));
        if (!v)
            return nomem(ex);
        ex->vars = v;
        ex->vars_cap = cap;
    }
    ex->vars[ex->nvars].name = name;
    ex->vars[ex->nvars].len = len;
    ex->vars[ex->nvars].value = value;
    ex->nvars++;
    return true;
}

/* mark returns the length of the variable stack; pop pops the stack up to the mark. */
static inline uint32_t mark(const struct hc_exec *ex)
{
    return ex->nvars;
}

static inline void pop(struct hc_exec *ex, uint32_t m)
{
    ex->nvars = m;
}

static struct variable *find_var(struct hc_exec *ex, const char *name, uint32_t len)
{
    for (uint32_t i = ex->nvars; i-- > ex->base;)
        if (ex->vars[i].len == len && memcmp(ex->vars[i].name, name, len) == 0)
            return &ex->vars[i];
    return NULL;
}

/* setVar overwrites the last declared variable with the given name. */
static bool set_var(struct hc_exec *ex, struct hc_tstr name, hc_val value)
{
    struct variable *v = find_var(ex, name.s, name.len);
    if (!v)
        return errorf(ex, "undefined variable: %.*s", (int)name.len, name.s);
    v->value = value;
    return true;
}

/* setTopVar overwrites the top-nth variable on the stack.  Used by range iterations. */
static void set_top_var(struct hc_exec *ex, uint32_t n, hc_val value)
{
    ex->vars[ex->nvars - n].value = value;
}

/* varValue returns the value of the named variable. */
static bool var_value(struct hc_exec *ex, struct hc_tstr name, hc_val *out)
{
    struct variable *v = find_var(ex, name.s, name.len);
    if (!v)
        return errorf(ex, "undefined variable: %.*s", (int)name.len, name.s);
    *out = v->value;
    return true;
}

/* ---- signatures (func.h) ---- */

static const struct ptype no_type = {0, 0, 0, NULL};
static const struct ptype value_type = {'v', 0, 0, NULL}; /* reflect.Value: and, or */

struct sig {
    const char *types; /* the signature */
    uint32_t n;        /* parameters, the variadic one included */
    bool variadic;
};

/* The parameter type at *s; *s moves past it. */
static struct ptype next_param(const char **s)
{
    struct ptype t = {**s, 0, 0, NULL};
    if (t.c != '<') {
        ++*s;
        return t;
    }
    const char *end = strchr(*s, '>');
    t.c = 'o';
    t.name = *s + 1;
    t.len = (uint8_t)(end - t.name);
    if (end - *s > 3 && end[-2] == ':') { /* <Name:K> */
        t.under = end[-1];
        t.len -= 2;
    }
    *s = end + 1;
    return t;
}

static struct sig parse_sig(const char *s)
{
    struct sig g = {s ? s : "", 0, false};
    for (const char *p = g.types; *p && *p != '*'; next_param(&p))
        g.n++;
    g.variadic = g.n > 0 && g.types[strlen(g.types) - 1] == '*';
    return g;
}

/* Parameter i (< g->n) of a signature. */
static struct ptype sig_param(const struct sig *g, uint32_t i)
{
    const char *p = g->types;
    struct ptype t = next_param(&p);
    while (i-- > 0)
        t = next_param(&p);
    return t;
}

/* The Go type a parameter type stands for, as the arguments of PTYPE_FMT. */
#define PTYPE_FMT     "%.*s"
#define PTYPE_ARGS(t) type_name_len(t), type_name_of(t)

static const char *type_name_of(struct ptype t)
{
    switch (t.c) {
    case 0:
        return "<nil>";
    case 'o':
        return t.name;
    case 'a':
        return "interface {}";
    case 'v':
        return "reflect.Value";
    case 's':
        return "string";
    case 'i':
        return "int";
    case 'I':
        return "int64";
    case 'u':
        return "uint32";
    case 'f':
        return "float64";
    case 'b':
        return "bool";
    case 'l':
        return "[]interface {}";
    case 'S':
        return "[]string";
    case 'm':
        return "map[string]interface {}";
    default:
        return "?";
    }
}

static int type_name_len(struct ptype t)
{
    return t.c == 'o' ? t.len : (int)strlen(type_name_of(t));
}

/* canBeNil reports whether an untyped nil can be assigned to the type. */
static bool can_be_nil(struct ptype t)
{
    if (t.c == 'o')
        return t.len > 0 && t.name[0] == '*'; /* a pointer type */
    return t.c == 'a' || t.c == 'v' || t.c == 'l' || t.c == 'S' || t.c == 'm';
}

/* reflect.Zero(typ) for the types that can be nil. */
static hc_val zero_of(struct ptype t)
{
    switch (t.c) {
    case 'l':
        return hc_list_val(NULL, HC_GT_LIST);
    case 'S':
        return hc_list_val(NULL, HC_GT_STRLIST);
    case 'm':
        return hc_map_val(NULL, HC_GT_MAP);
    case 'v':
        return hc_missing(); /* the function receives an invalid reflect.Value */
    default:
        return hc_null(); /* a nil interface{}, or a nil pointer */
    }
}

/* AssignableTo for a concrete value (not in an interface) and a parameter type. */
static bool assignable(hc_val v, struct ptype t)
{
    switch (t.c) {
    case 'a':
        return true;
    case 's':
        return v.kind == HC_STRING && v.gotype == HC_GT_STRING;
    case 'i':
        return v.kind == HC_INT && v.gotype == HC_GT_INT;
    case 'I':
        return v.kind == HC_INT && v.gotype == HC_GT_INT64;
    case 'f':
        return v.kind == HC_FLOAT;
    case 'b':
        return v.kind == HC_BOOL;
    case 'l':
        return v.kind == HC_LIST && v.gotype == HC_GT_LIST;
    case 'S':
        return v.kind == HC_LIST && v.gotype == HC_GT_STRLIST;
    case 'm':
        return v.kind == HC_MAP && v.gotype == HC_GT_MAP;
    case 'o': {
        const char *g = v.kind == HC_OBJ ? v.u.o->type->goname : NULL;
        return g && strlen(g) == t.len && memcmp(g, t.name, t.len) == 0;
    }
    default:
        return false;
    }
}

/*
 * validateType guarantees that the value is valid and assignable to the
 * type.  typ no_type is Go's nil type (a chain's receiver): anything goes.
 */
static bool validate_type(struct hc_exec *ex, hc_val value, struct ptype typ, hc_val *out)
{
    if (value.kind == HC_MISSING) {
        if (typ.c == 0) {
            *out = value; /* An untyped nil interface{}. Accept as a proper nil value. */
            return true;
        }
        if (can_be_nil(typ)) {
            *out = zero_of(typ);
            return true;
        }
        return errorf(ex, "invalid value; expected " PTYPE_FMT, PTYPE_ARGS(typ));
    }
    if (typ.c == 0 || typ.c == 'v') {
        *out = value;
        return true;
    }
    if (typ.c == 'a') {
        value.flags = 0; /* the function receives the interface's contents */
        *out = value;
        return true;
    }
    if (is_iface(value) && value.kind != HC_NULL)
        value.flags = 0; /* value.Elem() */
    if (!is_iface(value)) {
        if (assignable(value, typ)) {
            *out = value;
            if (typ.under == 'I') /* a named int64 object: its value (func.h) */
                *out = hc_int(*(const int64_t *)value.u.o->data);
            return true;
        }
        /* A named map or slice type is assignable to its unnamed underlying type
         * (common.Values to map[string]interface {}). */
        hc_val u = hc_exec_underlying(value);
        if (u.kind != HC_OBJ && (typ.c == 'l' || typ.c == 'S' || typ.c == 'm') &&
            assignable(u, typ)) {
            *out = u;
            return true;
        }
    }
    return errorf(ex, "wrong type for value; expected " PTYPE_FMT "; got %s", PTYPE_ARGS(typ),
                  type_name(value));
}

/* ---- literals ---- */

static bool contains_any(struct hc_tstr s, const char *chars)
{
    for (uint32_t i = 0; i < s.len; i++)
        if (strchr(chars, s.s[i]) && s.s[i] != '\0')
            return true;
    return false;
}

static bool is_rune_int(struct hc_tstr s)
{
    return s.len > 0 && s.s[0] == '\'';
}

static bool is_hex_int(struct hc_tstr s)
{
    return s.len > 2 && s.s[0] == '0' && (s.s[1] == 'x' || s.s[1] == 'X') && !contains_any(s, "pP");
}

/*
 * idealConstant is called to return the value of a number in a context where
 * we don't know the type: the syntax of the number tells us its type.
 */
static bool ideal_constant(struct hc_exec *ex, const struct hc_node *constant, hc_val *out)
{
    const struct hc_node_number *n = constant->u.number;
    at(ex, constant);
    if (n->is_complex) {
        struct complex_data *c = hc_arena_alloc(ex->arena, sizeof *c);
        struct hc_obj *o = hc_arena_alloc(ex->arena, sizeof *o);
        if (!c || !o)
            return nomem(ex);
        c->re = n->f;
        c->im = n->imag;
        o->type = &complex_type;
        o->data = c;
        *out = hc_obj_val(o);
        return true;
    }
    if (n->is_float && !is_hex_int(n->text) && !is_rune_int(n->text) &&
        contains_any(n->text, ".eEpP")) {
        *out = hc_float(n->f);
        return true;
    }
    if (n->is_int) {
        *out = hc_int_typed(n->i, HC_GT_INT); /* Go's int is 64 bits here */
        return true;
    }
    if (n->is_uint)
        return errorf(ex, "%.*s overflows int", (int)n->text.len, n->text.s);
    *out = hc_missing();
    return true;
}

/* ---- evaluation ---- */

/* The node as Go's %s prints it, appended to b. */
static void add_node(struct hc_buf *b, const struct hc_node *n)
{
    hc_node_print(b, n);
}

static bool not_a_function(struct hc_exec *ex, struct hc_node *const *args, uint32_t nargs,
                           const hc_val *final)
{
    if (nargs > 1 || final) {
        struct hc_buf *b = err_begin(ex);
        hc_buf_adds(b, "can't give argument to non-function ");
        add_node(b, args[0]);
        return err_end(ex);
    }
    return true;
}

/* reflect.Value.String(): the string, or "<T Value>" for anything else. */
static void add_value_string(struct hc_buf *b, hc_val v)
{
    v = indirect_interface(v);
    if (v.kind == HC_STRING) {
        hc_buf_add(b, v.u.s, v.len);
    } else if (v.kind == HC_MISSING) {
        hc_buf_adds(b, "<invalid Value>");
    } else {
        hc_buf_printf(b, "<%s Value>", hc_val_typename(v));
    }
}

/* Room for n arguments on the argument stack, at *base. */
static bool reserve_args(struct hc_exec *ex, uint32_t n, uint32_t *base)
{
    if (ex->args_cap - ex->args_top < n) {
        size_t cap = ex->args_cap ? ex->args_cap : 64;
        while (cap - ex->args_top < n)
            cap *= 2;
        if (cap > MAX_ARGS) {
            hc_error_set(ex->err, HC_ERR_LIMIT, "template: too many arguments");
            return false;
        }
        hc_val *a = hc_realloc(ex->args, hc_mul_size(cap, sizeof *a));
        if (!a)
            return nomem(ex);
        ex->args = a;
        ex->args_cap = (uint32_t)cap;
    }
    *base = ex->args_top;
    ex->args_top += n;
    return true;
}

/*
 * Evaluates the arguments into ex->args[at...]: fixed ones first, then the
 * variadic ones, then the final value from the pipeline.  Each is evaluated
 * into a local first: evaluating may grow (move) the argument stack.
 */
static bool build_args(struct hc_exec *ex, hc_val dot, const struct sig *typ,
                       struct hc_node *const *args, uint32_t nargs, uint32_t num_fixed,
                       const hc_val *final, uint32_t at)
{
    hc_val v = hc_missing();
    uint32_t i = 0;
    for (; i < num_fixed && i < nargs; i++) {
        if (!eval_arg(ex, dot, sig_param(typ, i), args[i], &v))
            return false;
        ex->args[at + i] = v;
    }
    if (typ->variadic) {
        struct ptype elem = sig_param(typ, typ->n - 1);
        for (; i < nargs; i++) {
            if (!eval_arg(ex, dot, elem, args[i], &v))
                return false;
            ex->args[at + i] = v;
        }
    }
    if (final) {
        struct ptype t = {'a', 0, 0, NULL};
        if (typ->n > 0)
            t = sig_param(typ, typ->n - 1);
        uint32_t num_in = nargs + 1;
        if (typ->variadic && num_in - 1 < num_fixed)
            t = sig_param(typ, num_in - 1); /* the final argument is a fixed parameter */
        if (!validate_type(ex, *final, t, &v))
            return false;
        ex->args[at + i] = v;
    }
    return true;
}

/* call's first argument: the callee as written, or the final value's String(). */
__attribute__((noinline)) static bool callee_name(struct hc_exec *ex, struct hc_node *const *args,
                                                  uint32_t nargs, const hc_val *final, hc_val *out)
{
    struct hc_buf cb = HC_BUF_INIT;
    if (nargs == 0)
        add_value_string(&cb, *final);
    else
        add_node(&cb, args[0]);
    hc_status rc =
        hc_buf_ok(&cb) ? hc_str_dup(ex->arena, hc_buf_str(&cb), cb.len, out) : HC_ERR_NOMEM;
    hc_buf_release(&cb);
    return rc == HC_OK || nomem(ex);
}

/* Calls the function on ex->args[first..first+argc) and wraps its error as Go does. */
static bool invoke(struct hc_exec *ex, const struct hc_func *fun, hc_val recv,
                   const struct hc_node *node, struct hc_tstr name, uint32_t first, uint32_t argc,
                   hc_val *out)
{
    struct hc_error cerr;
    hc_error_init(&cerr);
    struct hc_call call = {ex, ex->arena, fun, node, &cerr, ex->opts->user, recv};
    hc_val result = hc_missing();
    hc_status rc = fun->fn(&call, ex->args + first, argc, &result);
    if (rc == HC_OK) {
        hc_error_release(&cerr);
        *out = result;
        return true;
    }
    if (rc == HC_ERR_NOMEM || rc == HC_ERR_LIMIT) {
        /* Resources, not Go errors: pass them up unwrapped. */
        if (cerr.code != HC_OK)
            hc_error_move(ex->err, &cerr);
        else
            hc_error_set(ex->err, rc, "out of memory");
        hc_error_release(&cerr);
        return false;
    }
    at(ex, node);
    struct hc_buf *b = err_begin(ex);
    hc_buf_adds(b, "error calling ");
    hc_buf_add(b, name.s, name.len);
    hc_buf_adds(b, ": ");
    hc_buf_adds(b, cerr.code != HC_OK ? hc_error_msg(&cerr) : "unknown error");
    hc_error_release(&cerr);
    return err_end(ex);
}

/*
 * evalCall executes a function or method call.  args, if non-NULL, includes
 * (in the manner of the shell) args[0] as the function itself.  recv is a
 * method's receiver (nil for functions).
 */
static bool eval_call(struct hc_exec *ex, hc_val dot, const struct hc_func *fun, hc_val recv,
                      bool is_builtin, const struct hc_node *node, struct hc_tstr name,
                      struct hc_node *const *args, uint32_t nargs, const hc_val *final, hc_val *out)
{
    if (nargs > 0) {
        args++; /* Zeroth arg is function name/node; not passed to function. */
        nargs--;
    }
    struct sig typ = parse_sig(fun->sig);
    uint32_t num_in = nargs + (final ? 1 : 0);
    uint32_t num_fixed = nargs;
    if (typ.variadic) {
        num_fixed = typ.n - 1; /* last arg is the variadic one. */
        if (num_in < num_fixed)
            return errorf(ex, "wrong number of args for %.*s: want at least %u got %u",
                          (int)name.len, name.s, typ.n - 1, nargs);
    } else if (num_in != typ.n) {
        return errorf(ex, "wrong number of args for %.*s: want %u got %u", (int)name.len, name.s,
                      typ.n, num_in);
    }

    bool is_call = false;
    if (is_builtin && (fun->flags & HC_FN_SPECIAL)) {
        bool is_or = strcmp(fun->name, "or") == 0;
        if (is_or || strcmp(fun->name, "and") == 0) {
            /* Special case for builtin and/or, which short-circuit. */
            hc_val v = hc_missing();
            for (uint32_t i = 0; i < nargs; i++) {
                if (!eval_arg(ex, dot, value_type, args[i], &v))
                    return false;
                if (is_true(indirect_interface(v)) == is_or) {
                    *out = v;
                    return true;
                }
            }
            if (final && !validate_type(ex, *final, value_type, &v))
                return false;
            *out = v;
            return true;
        }
        is_call = strcmp(fun->name, "call") == 0;
    }

    /* Build the arg list on the argument stack; one more slot for call's callee name. */
    uint32_t base;
    if (!reserve_args(ex, num_in + 1, &base))
        return false;
    bool ok = build_args(ex, dot, &typ, args, nargs, num_fixed, final, base + 1);
    uint32_t first = base + 1, argc = num_in;
    if (ok && is_call) {
        ok = callee_name(ex, args, nargs, final, &ex->args[base]);
        first = base;
        argc++;
    }
    if (ok)
        ok = invoke(ex, fun, recv, node, name, first, argc, out);
    ex->args_top = base;
    return ok;
}

/*
 * evalField evaluates an expression like (.Field) or (.Field arg1 arg2).
 * The 'final' argument represents the return value from the preceding value
 * of the pipeline, if any.
 */
static bool eval_field(struct hc_exec *ex, hc_val dot, struct hc_tstr field_name,
                       const struct hc_node *node, struct hc_node *const *args, uint32_t nargs,
                       const hc_val *final, hc_val receiver, hc_val *out)
{
    if (receiver.kind == HC_MISSING) {
        if (ex->opts->missing_key == HC_MISSINGKEY_ERROR) { /* invalid value as missing key */
            struct hc_buf *b = err_begin(ex);
            hc_buf_adds(b, "nil data; no entry for key ");
            add_q(b, field_name.s, field_name.len);
            return err_end(ex);
        }
        *out = hc_missing();
        return true;
    }
    const char *typ = type_name(receiver);
    if (receiver.kind == HC_NULL) {
        /* Calling a method on a nil interface can't work. */
        return errorf(ex, "nil pointer evaluating %s.%.*s", typ, (int)field_name.len, field_name.s);
    }
    receiver.flags = 0;

    hc_val field = hc_missing();
    enum hc_obj_member found = HC_OBJ_NONE;
    if (receiver.kind == HC_OBJ && receiver.u.o->type->exec && receiver.u.o->type->exec->member) {
        const struct hc_func *method = NULL;
        found = receiver.u.o->type->exec->member(receiver.u.o, field_name.s, field_name.len,
                                                 ex->arena, &field, &method);
        if (found == HC_OBJ_METHOD && method)
            return eval_call(ex, dot, method, receiver, false, node, field_name, args, nargs, final,
                             out);
        if (found == HC_OBJ_NONE)
            receiver = hc_exec_underlying(receiver); /* a named map: look the key up */
    }
    /* Methods of a named map or slice type (.Files.Get, .Capabilities.APIVersions.Has). */
    const struct hc_obj_type *named = receiver.kind == HC_MAP && receiver.u.m ? receiver.u.m->named
                                      : receiver.kind == HC_LIST && receiver.u.l
                                          ? receiver.u.l->named
                                          : NULL;
    if (named && named->exec) {
        const struct hc_func *method = NULL;
        hc_val unused;
        struct hc_obj self = {named, NULL};
        if (named->exec->member(&self, field_name.s, field_name.len, ex->arena, &unused, &method) ==
                HC_OBJ_METHOD &&
            method)
            return eval_call(ex, dot, method, receiver, false, node, field_name, args, nargs, final,
                             out);
    }
    bool has_args = nargs > 1 || final;
    /* It's not a method; must be a field of a struct or an element of a map. */
    switch (receiver.kind) {
    case HC_OBJ:
        if (found == HC_OBJ_FIELD) {
            if (obj_is_nil_ptr(receiver.u.o))
                return errorf(ex, "nil pointer evaluating %s.%.*s", typ, (int)field_name.len,
                              field_name.s);
            if (has_args)
                return errorf(ex, "%.*s has arguments but cannot be invoked as function",
                              (int)field_name.len, field_name.s);
            *out = field;
            return true;
        }
        break;
    case HC_MAP: {
        /* If it's a map, attempt to use the field name as a key. */
        if (has_args)
            return errorf(ex, "%.*s is not a method but has arguments", (int)field_name.len,
                          field_name.s);
        hc_val result = hc_missing();
        if (receiver.u.m && hc_map_get(receiver.u.m, field_name.s, field_name.len, &result)) {
            *out = receiver.gotype == HC_GT_MAP ? as_iface(result) : result;
            return true;
        }
        switch (ex->opts->missing_key) {
        case HC_MISSINGKEY_INVALID: /* Just use the invalid value. */
            *out = hc_missing();
            return true;
        case HC_MISSINGKEY_ZERO:
            *out = receiver.gotype == HC_GT_STRMAP ? hc_strn("", 0) : hc_null();
            return true;
        case HC_MISSINGKEY_ERROR: {
            struct hc_buf *b = err_begin(ex);
            hc_buf_adds(b, "map has no entry for key ");
            add_q(b, field_name.s, field_name.len);
            return err_end(ex);
        }
        }
        break;
    }
    default:
        break;
    }
    return errorf(ex, "can't evaluate field %.*s in type %s", (int)field_name.len, field_name.s,
                  typ);
}

/* evalFieldChain evaluates .X.Y.Z possibly followed by arguments. */
static bool eval_field_chain(struct hc_exec *ex, hc_val dot, hc_val receiver,
                             const struct hc_node *node, const struct hc_tstr *ident, uint32_t n,
                             struct hc_node *const *args, uint32_t nargs, const hc_val *final,
                             hc_val *out)
{
    for (uint32_t i = 0; i + 1 < n; i++)
        if (!eval_field(ex, dot, ident[i], node, NULL, 0, NULL, receiver, &receiver))
            return false;
    /* Now if it's a method, it gets the arguments. */
    return eval_field(ex, dot, ident[n - 1], node, args, nargs, final, receiver, out);
}

static bool eval_field_node(struct hc_exec *ex, hc_val dot, const struct hc_node *field,
                            struct hc_node *const *args, uint32_t nargs, const hc_val *final,
                            hc_val *out)
{
    at(ex, field);
    return eval_field_chain(ex, dot, dot, field, field->u.field.idents, field->u.field.n, args,
                            nargs, final, out);
}

static bool eval_chain_node(struct hc_exec *ex, hc_val dot, const struct hc_node *chain,
                            struct hc_node *const *args, uint32_t nargs, const hc_val *final,
                            hc_val *out)
{
    at(ex, chain);
    if (chain->u.chain.n == 0)
        return errorf(ex, "internal error: no fields in evalChainNode");
    if (chain->u.chain.node->type == HC_NODE_NIL) {
        struct hc_buf *b = err_begin(ex);
        hc_buf_adds(b, "indirection through explicit nil in ");
        add_node(b, chain);
        return err_end(ex);
    }
    /* (pipe).Field1.Field2 has pipe as .Node, fields as .Field. */
    hc_val pipe = hc_missing();
    if (!eval_arg(ex, dot, no_type, chain->u.chain.node, &pipe))
        return false;
    return eval_field_chain(ex, dot, pipe, chain, chain->u.chain.fields, chain->u.chain.n, args,
                            nargs, final, out);
}

static bool eval_variable_node(struct hc_exec *ex, hc_val dot, const struct hc_node *variable,
                               struct hc_node *const *args, uint32_t nargs, const hc_val *final,
                               hc_val *out)
{
    /* $x.Field has $x as the first ident, Field as the second. */
    at(ex, variable);
    hc_val value = hc_missing();
    if (!var_value(ex, variable->u.field.idents[0], &value))
        return false;
    if (variable->u.field.n == 1) {
        if (!not_a_function(ex, args, nargs, final))
            return false;
        *out = value;
        return true;
    }
    return eval_field_chain(ex, dot, value, variable, variable->u.field.idents + 1,
                            variable->u.field.n - 1, args, nargs, final, out);
}

static bool eval_function(struct hc_exec *ex, hc_val dot, const struct hc_node *ident,
                          const struct hc_node *cmd, struct hc_node *const *args, uint32_t nargs,
                          const hc_val *final, hc_val *out)
{
    at(ex, ident);
    struct hc_tstr name = ident->u.ident.name;
    const struct hc_func *fn = ident->u.ident.fn;
    if (!fn) {
        struct hc_buf *b = err_begin(ex);
        add_q(b, name.s, name.len);
        hc_buf_adds(b, " is not a defined function");
        return err_end(ex);
    }
    return eval_call(ex, dot, fn, hc_null(), (fn->flags & HC_FN_SPECIAL) != 0, cmd, name, args,
                     nargs, final, out);
}

static bool expected(struct hc_exec *ex, const char *what, const struct hc_node *n)
{
    struct hc_buf *b = err_begin(ex);
    hc_buf_printf(b, "expected %s; found ", what);
    add_node(b, n);
    return err_end(ex);
}

static bool eval_empty_interface(struct hc_exec *ex, hc_val dot, const struct hc_node *n,
                                 hc_val *out)
{
    at(ex, n);
    switch (n->type) {
    case HC_NODE_BOOL:
        *out = hc_bool(n->u.boolean);
        return true;
    case HC_NODE_DOT:
        *out = dot;
        return true;
    case HC_NODE_FIELD:
        return eval_field_node(ex, dot, n, NULL, 0, NULL, out);
    case HC_NODE_IDENTIFIER:
        return eval_function(ex, dot, n, n, NULL, 0, NULL, out);
    case HC_NODE_NIL:
        /* NilNode is handled in evalArg, the only place that calls here. */
        return errorf(ex, "evalEmptyInterface: nil (can't happen)");
    case HC_NODE_NUMBER:
        return ideal_constant(ex, n, out);
    case HC_NODE_STRING:
        *out = hc_strn(n->u.string.text.s, n->u.string.text.len);
        return true;
    case HC_NODE_VARIABLE:
        return eval_variable_node(ex, dot, n, NULL, 0, NULL, out);
    case HC_NODE_PIPE:
        return eval_pipeline(ex, dot, n, out);
    default: {
        struct hc_buf *b = err_begin(ex);
        hc_buf_adds(b, "can't handle assignment of ");
        add_node(b, n);
        hc_buf_adds(b, " to empty interface argument");
        return err_end(ex);
    }
    }
}

/* evalArg: the argument node n as a value of parameter type typ (0: Go's nil type). */
static bool eval_arg(struct hc_exec *ex, hc_val dot, struct ptype typ, const struct hc_node *n,
                     hc_val *out)
{
    at(ex, n);
    hc_val v = hc_missing();
    switch (n->type) {
    case HC_NODE_DOT:
        return validate_type(ex, dot, typ, out);
    case HC_NODE_NIL:
        if (typ.c != 0 && can_be_nil(typ)) {
            *out = zero_of(typ);
            return true;
        }
        return errorf(ex, "cannot assign nil to " PTYPE_FMT, PTYPE_ARGS(typ));
    case HC_NODE_FIELD: {
        struct hc_node *self[1] = {(struct hc_node *)(uintptr_t)n}; /* []parse.Node{n} */
        return eval_field_node(ex, dot, n, self, 1, NULL, &v) && validate_type(ex, v, typ, out);
    }
    case HC_NODE_VARIABLE:
        return eval_variable_node(ex, dot, n, NULL, 0, NULL, &v) && validate_type(ex, v, typ, out);
    case HC_NODE_PIPE:
        return eval_pipeline(ex, dot, n, &v) && validate_type(ex, v, typ, out);
    case HC_NODE_IDENTIFIER:
        return eval_function(ex, dot, n, n, NULL, 0, NULL, &v) && validate_type(ex, v, typ, out);
    case HC_NODE_CHAIN:
        return eval_chain_node(ex, dot, n, NULL, 0, NULL, &v) && validate_type(ex, v, typ, out);
    default:
        break;
    }
    switch (typ.under ? typ.under : typ.c) { /* a named basic type: as its kind */
    case 'b':                                /* evalBool */
        at(ex, n);
        if (n->type == HC_NODE_BOOL) {
            *out = hc_bool(n->u.boolean);
            return true;
        }
        return expected(ex, "bool", n);
    case 'f': /* evalFloat */
        at(ex, n);
        if (n->type == HC_NODE_NUMBER && n->u.number->is_float) {
            *out = hc_float(n->u.number->f);
            return true;
        }
        return expected(ex, "float", n);
    case 'u': /* evalUnsignedInteger; SetUint keeps the low 32 bits */
        at(ex, n);
        if (n->type == HC_NODE_NUMBER && n->u.number->is_uint) {
            *out = hc_int_typed((int64_t)(uint32_t)n->u.number->u, HC_GT_INT);
            return true;
        }
        return expected(ex, "unsigned integer", n);
    case 'i':
    case 'I': /* evalInteger */
        at(ex, n);
        if (n->type == HC_NODE_NUMBER && n->u.number->is_int) {
            *out = hc_int_typed(n->u.number->i, typ.c == 'i' ? HC_GT_INT : HC_GT_INT64);
            return true;
        }
        return expected(ex, "integer", n);
    case 'a':
    case 'v':
        return eval_empty_interface(ex, dot, n, out);
    case 's': /* evalString */
        at(ex, n);
        if (n->type == HC_NODE_STRING) {
            *out = hc_strn(n->u.string.text.s, n->u.string.text.len);
            return true;
        }
        return expected(ex, "string", n);
    default: {
        struct hc_buf *b = err_begin(ex);
        hc_buf_adds(b, "can't handle ");
        add_node(b, n);
        hc_buf_printf(b, " for arg of type " PTYPE_FMT, PTYPE_ARGS(typ));
        return err_end(ex);
    }
    }
}

static bool eval_command(struct hc_exec *ex, hc_val dot, const struct hc_node *cmd,
                         const hc_val *final, hc_val *out)
{
    struct hc_node *const *args = cmd->u.cmd.args;
    uint32_t nargs = cmd->u.cmd.nargs;
    const struct hc_node *first = args[0];
    switch (first->type) {
    case HC_NODE_FIELD:
        return eval_field_node(ex, dot, first, args, nargs, final, out);
    case HC_NODE_CHAIN:
        return eval_chain_node(ex, dot, first, args, nargs, final, out);
    case HC_NODE_IDENTIFIER: /* Must be a function. */
        return eval_function(ex, dot, first, cmd, args, nargs, final, out);
    case HC_NODE_PIPE:
        /* Parenthesized pipeline. The arguments are all inside the pipeline; final must be
         * absent. */
        return not_a_function(ex, args, nargs, final) && eval_pipeline(ex, dot, first, out);
    case HC_NODE_VARIABLE:
        return eval_variable_node(ex, dot, first, args, nargs, final, out);
    default:
        break;
    }
    at(ex, first);
    if (!not_a_function(ex, args, nargs, final))
        return false;
    switch (first->type) {
    case HC_NODE_BOOL:
        *out = hc_bool(first->u.boolean);
        return true;
    case HC_NODE_DOT:
        *out = dot;
        return true;
    case HC_NODE_NIL:
        return errorf(ex, "nil is not a command");
    case HC_NODE_NUMBER:
        return ideal_constant(ex, first, out);
    case HC_NODE_STRING:
        *out = hc_strn(first->u.string.text.s, first->u.string.text.len);
        return true;
    default: {
        struct hc_buf *b = err_begin(ex);
        struct hc_buf nb = HC_BUF_INIT;
        add_node(&nb, first);
        hc_buf_adds(b, "can't evaluate command ");
        add_q(b, hc_buf_str(&nb), nb.len);
        hc_buf_release(&nb);
        return err_end(ex);
    }
    }
}

/*
 * evalPipeline returns the value acquired by evaluating a pipeline.  If the
 * pipeline has a variable declaration, the variable will be pushed on the
 * stack; callers pop the stack when they are done with it.
 */
static bool eval_pipeline(struct hc_exec *ex, hc_val dot, const struct hc_node *pipe, hc_val *out)
{
    if (!pipe) {
        *out = hc_missing();
        return true;
    }
    at(ex, pipe);
    if (!stack_check(ex))
        return false;
    const struct hc_node_pipe *p = &pipe->u.pipe;
    hc_val value = hc_missing();
    for (uint32_t i = 0; i < p->ncmds; i++) {
        /* previous value is this one's final arg (none before the first). */
        if (!eval_command(ex, dot, p->cmds[i], i > 0 ? &value : NULL, &value))
            return false;
        /* If the object has type interface{}, dig down one level to the thing inside. */
        value = indirect_interface(value);
    }
    for (uint32_t i = 0; i < p->ndecl; i++) {
        struct hc_tstr name = p->decl[i]->u.field.idents[0];
        if (p->is_assign) {
            if (!set_var(ex, name, value))
                return false;
        } else if (!push(ex, name.s, name.len, value)) {
            return false;
        }
    }
    *out = value;
    return true;
}

/* ---- walking ---- */

/* printValue writes the textual representation of the value to the output. */
static bool print_value(struct hc_exec *ex, const struct hc_node *n, hc_val v)
{
    at(ex, n);
    hc_status rc = hc_gofmt_print_value(ex->out, v);
    if (rc == HC_ERR_LIMIT && hc_buf_ok(ex->out))
        return errorf(ex, "value nests too deeply to print");
    return out_check(ex);
}

static int walk_if_or_with(struct hc_exec *ex, bool is_with, hc_val dot, const struct hc_node *node)
{
    uint32_t m = mark(ex);
    hc_val val = hc_missing();
    int flow = FLOW_ERROR;
    if (eval_pipeline(ex, dot, node->u.branch.pipe, &val)) {
        if (is_true(indirect_interface(val)))
            flow = walk(ex, is_with ? val : dot, node->u.branch.list);
        else if (node->u.branch.else_list)
            flow = walk(ex, dot, node->u.branch.else_list);
        else
            flow = FLOW_OK;
    }
    pop(ex, m);
    return flow;
}

/* One pass of a range body with index and element (Go's oneIteration). */
static int one_iteration(struct hc_exec *ex, const struct hc_node *r, uint32_t m, hc_val index,
                         hc_val elem)
{
    const struct hc_node_pipe *p = &r->u.branch.pipe->u.pipe;
    if (p->ndecl > 0) {
        if (p->is_assign) {
            /* With two variables, index comes first.  With one, we use the element. */
            if (!set_var(ex, p->decl[0]->u.field.idents[0], p->ndecl > 1 ? index : elem))
                return FLOW_ERROR;
        } else {
            /* Set top var (lexically the second if there are two) to the element. */
            set_top_var(ex, 1, elem);
        }
    }
    if (p->ndecl > 1) {
        if (p->is_assign) {
            if (!set_var(ex, p->decl[1]->u.field.idents[0], elem))
                return FLOW_ERROR;
        } else {
            /* Set next var (lexically the first if there are two) to the index. */
            set_top_var(ex, 2, index);
        }
    }
    int flow = walk(ex, elem, r->u.branch.list);
    pop(ex, m);
    return flow == FLOW_CONTINUE ? FLOW_OK : flow;
}

/* An element of a list as Go's reflect.Value.Index gives it. */
static hc_val list_elem(hc_val list, uint32_t i)
{
    hc_val v = list.u.l->items[i];
    switch (list.gotype) {
    case HC_GT_STRLIST:
    case HC_GT_INTLIST:
    case HC_GT_BYTES:
        return v;
    default:
        return as_iface(v);
    }
}

static int walk_range_body(struct hc_exec *ex, const struct hc_node *r, hc_val val, bool *ran)
{
    uint32_t m = mark(ex); /* mark top of stack before any variables in the body are pushed. */
    const struct hc_node_pipe *p = &r->u.branch.pipe->u.pipe;
    int flow = FLOW_OK;
    *ran = false;
    switch (val.kind) {
    case HC_LIST:
        if (!val.u.l)
            return FLOW_OK;
        for (uint32_t i = 0; i < val.u.l->len && flow == FLOW_OK; i++) {
            *ran = true;
            flow = one_iteration(ex, r, m, hc_int_typed(i, HC_GT_INT), list_elem(val, i));
        }
        break;
    case HC_MAP:
        if (!val.u.m)
            return FLOW_OK;
        /* Go ranges over a sorted copy (fmtsort) of the keys and values: walk_range
         * made one (maps keep their keys sorted). */
        for (uint32_t i = 0; i < val.u.m->len && flow == FLOW_OK; i++) {
            struct hc_mapent *e = &val.u.m->e[i];
            hc_val key = hc_strn(e->key, e->klen);
            hc_val v = val.gotype == HC_GT_MAP ? as_iface(e->val) : e->val;
            *ran = true;
            flow = one_iteration(ex, r, m, key, v);
        }
        break;
    case HC_INT: {
        if (p->ndecl > 1) {
            struct hc_buf *b = err_begin(ex);
            hc_buf_adds(b, "can't use ");
            add_v(b, val);
            hc_buf_adds(b, " to iterate over more than one variable");
            err_end(ex);
            return FLOW_ERROR;
        }
        int64_t n = val.gotype == HC_GT_UINT8 ? (int64_t)(uint8_t)val.u.i : val.u.i;
        for (int64_t i = 0; i < n && flow == FLOW_OK; i++) {
            /* Pass element as second value, as Go does for channels. */
            *ran = true;
            flow = one_iteration(ex, r, m, hc_missing(), hc_int_typed(i, (hc_gotype)val.gotype));
        }
        break;
    }
    case HC_MISSING:
        break; /* An invalid value is likely a nil map, etc. and acts like an empty map. */
    default: {
        struct hc_buf *b = err_begin(ex);
        hc_buf_adds(b, "range can't iterate over ");
        add_v(b, val);
        err_end(ex);
        return FLOW_ERROR;
    }
    }
    return flow == FLOW_BREAK ? FLOW_OK : flow;
}

/*
 * Go 1.24+: a map changed while ranging over it is iterated as Go's sorted
 * copy of the keys was at the start.  Copy the entries so that set/unset in
 * the body cannot disturb the iteration.
 */
static bool snapshot_map(struct hc_exec *ex, hc_val *val)
{
    const struct hc_map *src = val->u.m;
    if (!src || src->len == 0)
        return true;
    struct hc_map *m = hc_map_new(ex->arena, src->len);
    if (!m)
        return nomem(ex);
    memcpy(m->e, src->e, (size_t)src->len * sizeof *m->e);
    m->len = src->len;
    val->u.m = m;
    return true;
}

static int walk_range(struct hc_exec *ex, hc_val dot, const struct hc_node *r)
{
    at(ex, r);
    uint32_t outer = mark(ex);
    hc_val val = hc_missing();
    int flow = FLOW_ERROR;
    if (eval_pipeline(ex, dot, r->u.branch.pipe, &val) &&
        ((val = hc_exec_underlying(indirect_interface(val))).kind != HC_MAP ||
         snapshot_map(ex, &val))) {
        bool ran;
        flow = walk_range_body(ex, r, val, &ran);
        if (flow == FLOW_OK && !ran && r->u.branch.else_list)
            flow = walk(ex, dot, r->u.branch.else_list);
    }
    pop(ex, outer);
    return flow;
}

static int walk_template(struct hc_exec *ex, hc_val dot, const struct hc_node *t)
{
    at(ex, t);
    struct hc_tstr name = t->u.tmpl.name;
    const struct hc_tree *tmpl = hc_tmpl_lookup(ex->set, name.s, name.len);
    if (!tmpl) {
        struct hc_buf *b = err_begin(ex);
        hc_buf_adds(b, "template ");
        add_q(b, name.s, name.len);
        hc_buf_adds(b, " not defined");
        err_end(ex);
        return FLOW_ERROR;
    }
    if (ex->depth >= ex->max_depth) {
        errorf(ex, "exceeded maximum template depth (%zu)", ex->max_depth);
        return FLOW_ERROR;
    }
    if (!stack_check_at(ex, ex->stack_budget - ex->stack_budget / 8))
        return FLOW_ERROR;
    /* Variables declared by the pipeline persist. */
    if (!eval_pipeline(ex, dot, t->u.tmpl.pipe, &dot))
        return FLOW_ERROR;
    /* No dynamic scoping: template invocations inherit no variables. */
    const struct hc_tree *saved_tmpl = ex->tmpl;
    uint32_t saved_base = ex->base, m = mark(ex);
    ex->depth++;
    ex->tmpl = tmpl;
    ex->base = m;
    int flow = push(ex, "$", 1, dot) ? FLOW_OK : FLOW_ERROR;
    if (flow == FLOW_OK && tmpl->root)
        flow = walk(ex, dot, tmpl->root);
    ex->tmpl = saved_tmpl;
    pop(ex, m);
    ex->base = saved_base;
    ex->depth--;
    return flow;
}

/*
 * Walk functions step through the major pieces of the template structure,
 * generating output as they go.
 */
static int walk(struct hc_exec *ex, hc_val dot, const struct hc_node *node)
{
    at(ex, node);
    if (++ex->steps > ex->opts->max_steps && ex->opts->max_steps) {
        struct hc_buf *b = err_begin(ex);
        hc_buf_printf(b, "execution exceeds the limit of %zu steps", ex->opts->max_steps);
        err_end_code(ex, HC_ERR_LIMIT);
        return FLOW_ERROR;
    }
    switch (node->type) {
    case HC_NODE_ACTION: {
        /* Do not pop variables so they persist until next end.  Also, if the action
         * declares variables, don't print the result. */
        hc_val val = hc_missing();
        if (!eval_pipeline(ex, dot, node->u.action_pipe, &val))
            return FLOW_ERROR;
        if (node->u.action_pipe->u.pipe.ndecl == 0 && !print_value(ex, node, val))
            return FLOW_ERROR;
        return FLOW_OK;
    }
    case HC_NODE_BREAK:
        return FLOW_BREAK;
    case HC_NODE_COMMENT:
        return FLOW_OK;
    case HC_NODE_CONTINUE:
        return FLOW_CONTINUE;
    case HC_NODE_IF:
        return walk_if_or_with(ex, false, dot, node);
    case HC_NODE_LIST:
        if (!stack_check(ex))
            return FLOW_ERROR;
        for (uint32_t i = 0; i < node->u.list.len; i++) {
            int flow = walk(ex, dot, node->u.list.nodes[i]);
            if (flow != FLOW_OK)
                return flow;
        }
        return FLOW_OK;
    case HC_NODE_RANGE:
        return walk_range(ex, dot, node);
    case HC_NODE_TEMPLATE:
        return walk_template(ex, dot, node);
    case HC_NODE_TEXT:
        hc_buf_add(ex->out, node->u.text.s, node->u.text.len);
        return out_check(ex) ? FLOW_OK : FLOW_ERROR;
    case HC_NODE_WITH:
        return walk_if_or_with(ex, true, dot, node);
    default: {
        struct hc_buf *b = err_begin(ex);
        hc_buf_adds(b, "unknown node: ");
        add_node(b, node);
        err_end(ex);
        return FLOW_ERROR;
    }
    }
}

/* ---- entry points ---- */

/* Go's Template.execute on a template of the set, by name. */
static hc_status run(struct hc_exec *ex, const char *name, size_t len, hc_val data)
{
    const struct hc_tree *t = hc_tmpl_lookup(ex->set, name, len);
    if (!t) {
        struct hc_buf *b = &ex->msg;
        hc_buf_reset(b);
        hc_buf_adds(b, "template: no template ");
        add_q(b, name, len);
        hc_buf_adds(b, " associated with template ");
        const char *setname = ex->opts->name ? ex->opts->name : "";
        add_q(b, setname, strlen(setname));
        err_end(ex);
        return ex->err ? ex->err->code : HC_ERR_EXEC;
    }
    ex->tmpl = t;
    /* reflect.ValueOf(data): a nil interface is the invalid value. */
    hc_val value = indirect_interface(data);
    if (!push(ex, "$", 1, value))
        return ex->err && ex->err->code ? ex->err->code : HC_ERR_NOMEM;
    if (!t->root) {
        ex->node = NULL;
        struct hc_buf *b = err_begin(ex);
        add_q(b, name, len);
        hc_buf_adds(b, " is an incomplete or empty template");
        err_end(ex);
        return HC_ERR_EXEC;
    }
    if (walk(ex, value, t->root) == FLOW_OK)
        return HC_OK;
    return ex->err && ex->err->code != HC_OK ? ex->err->code : HC_ERR_EXEC;
}

static void exec_init(struct hc_exec *ex, const struct hc_tmpl_set *set, struct hc_arena *arena,
                      const struct hc_exec_opts *opts, struct hc_buf *out, struct hc_error *err)
{
    memset(ex, 0, sizeof *ex);
    ex->set = set;
    ex->out = out;
    ex->out_start = out->len;
    ex->arena = arena;
    ex->opts = opts ? opts : &default_opts;
    ex->err = err;
    ex->max_depth = ex->opts->max_depth ? ex->opts->max_depth : MAX_EXEC_DEPTH;
    ex->stack_budget = ex->opts->max_stack ? ex->opts->max_stack : DEFAULT_STACK_BUDGET;
    hc_buf_init(&ex->msg, 0);
}

static void exec_release(struct hc_exec *ex)
{
    hc_free(ex->vars);
    hc_free(ex->args);
    hc_buf_release(&ex->msg);
}

hc_status hc_tmpl_execute(const struct hc_tmpl_set *set, const char *name, size_t len, hc_val dot,
                          struct hc_arena *arena, const struct hc_exec_opts *opts,
                          struct hc_buf *out, struct hc_error *err)
{
    struct hc_error local;
    hc_error_init(&local);
    struct hc_exec ex;
    exec_init(&ex, set, arena, opts, out, &local);
    ex.stack_base = (uintptr_t)__builtin_frame_address(0);
    hc_status rc = run(&ex, name, len, dot);
    exec_release(&ex);
    if (rc != HC_OK && local.code == HC_OK)
        hc_error_set(&local, rc, "template: execution failed");
    if (err)
        hc_error_move(err, &local);
    else
        hc_error_release(&local);
    return rc;
}

hc_status hc_exec_template(struct hc_exec *ex, const struct hc_tmpl_set *set, const char *name,
                           size_t len, hc_val dot, struct hc_buf *out, struct hc_error *err)
{
    struct hc_error local;
    hc_error_init(&local);
    struct hc_exec sub;
    exec_init(&sub, set ? set : ex->set, ex->arena, ex->opts, out, &local);
    sub.stack_base = ex->stack_base;
    sub.stack_budget = ex->stack_budget;
    hc_status rc = HC_OK;
    if (stack_used(&sub) > sub.stack_budget) {
        hc_error_set(&local, HC_ERR_EXEC, "template: %.*s: exceeded maximum template depth (%d)",
                     (int)len, name, MAX_EXEC_DEPTH);
        rc = HC_ERR_EXEC;
    } else {
        rc = run(&sub, name, len, dot);
    }
    exec_release(&sub);
    if (rc != HC_OK && local.code == HC_OK)
        hc_error_set(&local, rc, "template: execution failed");
    if (err)
        hc_error_move(err, &local);
    else
        hc_error_release(&local);
    return rc;
}

const struct hc_tmpl_set *hc_exec_set(const struct hc_exec *ex)
{
    return ex->set;
}

const struct hc_exec_opts *hc_exec_options(const struct hc_exec *ex)
{
    return ex->opts;
}

hc_status hc_call_fail(struct hc_call *call, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    hc_error_setv(call->err, HC_ERR_EXEC, fmt, ap);
    va_end(ap);
    return HC_ERR_EXEC;
}

/* ---- Helm's reformatExecErrorMsg (pkg/engine/engine.go) ---- */

struct strv {
    const char *s;
    size_t n;
};

static struct strv sv(const char *s, size_t n)
{
    struct strv v = {s, n};
    return v;
}

static bool sv_eq(struct strv a, struct strv b)
{
    return a.n == b.n && (a.n == 0 || memcmp(a.s, b.s, a.n) == 0);
}

static bool has_prefix(struct strv s, const char *p)
{
    size_t n = strlen(p);
    return s.n >= n && memcmp(s.s, p, n) == 0;
}

/* strings.Index: offset of needle in s, or -1. */
static long sv_index(struct strv s, const char *needle)
{
    size_t n = strlen(needle);
    if (n > s.n)
        return -1;
    for (size_t i = 0; i + n <= s.n; i++)
        if (s.s[i] == needle[0] && memcmp(s.s + i, needle, n) == 0)
            return (long)i;
    return -1;
}

static long sv_last_index(struct strv s, const char *needle)
{
    size_t n = strlen(needle);
    if (n > s.n)
        return -1;
    for (size_t i = s.n - n + 1; i-- > 0;)
        if (memcmp(s.s + i, needle, n) == 0)
            return (long)i;
    return -1;
}

static struct strv sv_from(struct strv s, size_t off)
{
    return sv(s.s + off, s.n - off);
}

/* Helm's TraceableError. */
struct traceable {
    struct strv location, message, executed_at; /* executed_at: inside the quotes and <> */
    struct strv function;
    bool has_executed;
};

/* errMsg cut before a chained " template:" error. */
static struct strv cut_chained(struct strv msg)
{
    long cut = sv_index(msg, " template:");
    if (cut != -1)
        msg.n = (size_t)cut;
    return msg;
}

/* parseTemplateExecutingAtErrorType */
static bool parse_executing(struct strv rem, struct traceable *tr)
{
    long idx = sv_index(rem, ": executing ");
    if (idx == -1)
        return false;
    struct strv after = sv_from(rem, (size_t)idx + 12);
    if (after.n == 0 || after.s[0] != '"')
        return false;
    const char *q = memchr(after.s + 1, '"', after.n - 1);
    if (!q)
        return false;
    size_t end_quote = (size_t)(q - after.s);
    struct strv after_func = sv_from(after, end_quote + 1);
    if (!has_prefix(after_func, " at <"))
        return false;
    struct strv after_at = sv_from(after_func, 5);
    long end_loc = sv_index(after_at, ">: ");
    if (end_loc == -1)
        return false;
    tr->location = sv(rem.s, (size_t)idx);
    tr->function = sv(after.s + 1, end_quote - 1);
    tr->executed_at = sv(after_at.s, (size_t)end_loc);
    tr->message = cut_chained(sv_from(after_at, (size_t)end_loc + 3));
    tr->has_executed = true;
    return true;
}

/* parseTemplateExecErrorString */
static bool parse_exec_error(struct strv s, struct traceable *tr)
{
    memset(tr, 0, sizeof *tr);
    if (!has_prefix(s, "template: "))
        return false;
    struct strv rem = sv_from(s, 10);
    if (has_prefix(rem, "no template ")) {
        tr->message = s;
        return true;
    }
    if (parse_executing(rem, tr))
        return true;
    memset(tr, 0, sizeof *tr);
    long sep = sv_last_index(rem, ": ");
    if (sep == -1)
        return false;
    tr->location = sv(rem.s, (size_t)sep);
    tr->message = cut_chained(sv_from(rem, (size_t)sep + 2));
    return true;
}

static bool traceable_eq(const struct traceable *a, const struct traceable *b)
{
    return a->has_executed == b->has_executed && sv_eq(a->location, b->location) &&
           sv_eq(a->message, b->message) && sv_eq(a->function, b->function) &&
           sv_eq(a->executed_at, b->executed_at);
}

/* TraceableError.String */
static void traceable_string(struct hc_buf *b, const struct traceable *t)
{
    if (t->location.n) {
        hc_buf_add(b, t->location.s, t->location.n);
        hc_buf_adds(b, "\n  ");
    }
    if (t->has_executed) {
        hc_buf_adds(b, "executing \"");
        hc_buf_add(b, t->function.s, t->function.n);
        hc_buf_adds(b, "\" at <");
        hc_buf_add(b, t->executed_at.s, t->executed_at.n);
        hc_buf_adds(b, ">:\n    ");
    }
    if (t->message.n) {
        hc_buf_add(b, t->message.s, t->message.n);
        hc_buf_addc(b, '\n');
    }
}

/*
 * errors.Unwrap of an execution error, read off its text: Go wraps only in
 * "error calling NAME: %w", so the next error is what follows that phrase.
 */
static bool unwrap_exec_error(struct strv s, struct strv *next)
{
    if (!has_prefix(s, "template: "))
        return false;
    struct strv rem = sv_from(s, 10);
    long idx = sv_index(rem, ": executing \"");
    if (idx == -1)
        return false;
    /* skip the Go-quoted template name */
    size_t i = (size_t)idx + 13;
    while (i < rem.n && rem.s[i] != '"')
        i += rem.s[i] == '\\' ? 2 : 1;
    if (i >= rem.n)
        return false;
    struct strv tail = sv_from(rem, i + 1);
    long call = sv_index(tail, ">: error calling ");
    if (call == -1)
        return false;
    struct strv name = sv_from(tail, (size_t)call + 17);
    long colon = sv_index(name, ": ");
    if (colon == -1)
        return false;
    *next = sv_from(name, (size_t)colon + 2);
    return true;
}

static bool is_go_space(const char *s, size_t n, size_t *w)
{
    int32_t r;
    *w = hc_rune_decode(s, n, &r);
    return *w > 0 && hc_rune_is_space(r);
}

/* strings.TrimSpace of b's contents from off onwards. */
static void trim_space_from(struct hc_buf *b, size_t off)
{
    size_t start = off, end = b->len, w;
    while (start < end && is_go_space(b->data + start, end - start, &w))
        start += w;
    while (end > start) {
        size_t k = end - 1; /* back up to the start of the last rune */
        while (k > start && ((unsigned char)b->data[k] & 0xC0) == 0x80 && end - k < 4)
            k--;
        if (!is_go_space(b->data + k, end - k, &w) || k + w != end)
            break;
        end = k;
    }
    memmove(b->data + off, b->data + start, end - start);
    hc_buf_truncate(b, off + (end - start));
}

void hc_exec_helm_error(struct hc_buf *b, const char *msg, size_t len, const char *filename)
{
    struct strv whole = sv(msg, len);
    if (has_prefix(whole, "template: no template ")) { /* not an ExecError */
        hc_buf_add(b, msg, len);
        return;
    }
    /* tokens := strings.SplitN(err.Error(), ": ", 3) */
    long t1 = sv_index(whole, ": ");
    long t2 = t1 == -1 ? -1 : sv_index(sv_from(whole, (size_t)t1 + 2), ": ");
    if (t1 == -1 || t2 == -1) {
        hc_buf_printf(b, "execution error in (%s): ", filename ? filename : "");
        hc_buf_add(b, msg, len);
        return;
    }
    struct strv location = sv(msg + t1 + 2, (size_t)t2);
    struct strv rest = sv_from(whole, (size_t)t1 + 2 + (size_t)t2 + 2);
    /* warnRegex: HELM_ERR_START((?s).*)HELM_ERR_END */
    long ws = sv_index(rest, "HELM_ERR_START");
    if (ws != -1) {
        struct strv inner = sv_from(rest, (size_t)ws + 14);
        long we = sv_last_index(inner, "HELM_ERR_END");
        if (we != -1) {
            hc_buf_adds(b, "execution error at (");
            hc_buf_add(b, location.s, location.n);
            hc_buf_adds(b, "): ");
            hc_buf_add(b, inner.s, (size_t)we);
            return;
        }
    }
    size_t start = b->len;
    struct strv cur = whole;
    struct traceable prev;
    memset(&prev, 0, sizeof prev);
    bool have_prev = false;
    for (;;) {
        struct traceable tr;
        if (!parse_exec_error(cur, &tr)) {
            hc_buf_truncate(b, start);
            hc_buf_add(b, msg, len);
            return;
        }
        if (!have_prev || !traceable_eq(&prev, &tr))
            traceable_string(b, &tr);
        prev = tr;
        have_prev = true;
        if (!unwrap_exec_error(cur, &cur))
            break;
    }
    if (hc_buf_ok(b))
        trim_space_from(b, start);
}
