/*
 * semver.c - Sprig's semver and semverCompare (semver.go), and the
 * *semver.Version objects semver returns, with the methods templates call
 * on them (.Major, .Compare, .IncMinor, ...).
 *
 * Two object types mirror Go's method sets: "*semver.Version" (what semver
 * returns) has every method; "semver.Version", the struct value IncMajor and
 * friends return, has only the value-receiver ones, so .Original or .Compare
 * on it fails as in Go ("can't evaluate field Original in type
 * semver.Version").  Both print through String.  Go's uint64 results (Major,
 * Minor, Patch) are given as int64: the value model has no uint64.
 */
#include "funcs/funcs.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "helmc/semver.h"
#include "template/exec.h"

static const struct hc_obj_type version_ptr_type;
static const struct hc_obj_type version_value_type;

/* A new version object of the given type holding a copy of *v (strings are shared). */
static hc_status new_version(struct hc_call *call, const struct hc_obj_type *type,
                             const struct hc_semver *v, hc_val *out)
{
    struct hc_semver *copy = hc_arena_alloc(call->arena, sizeof *copy);
    struct hc_obj *o = hc_arena_alloc(call->arena, sizeof *o);
    if (!copy || !o)
        return hc_error_nomem(call->err);
    *copy = *v;
    o->type = type;
    o->data = copy;
    *out = hc_obj_val(o);
    return HC_OK;
}

/* ---- fmt and equality ---- */

static void version_string(const struct hc_obj *o, struct hc_buf *b)
{
    hc_semver_format(b, o->data);
}

static bool same_str(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

/* reflect.DeepEqual: pointers to equal structs are equal, and struct values field by field. */
static bool version_equal(const struct hc_obj *a, const struct hc_obj *b)
{
    const struct hc_semver *x = a->data, *y = b->data;
    if (a->type != b->type)
        return false;
    if (!x || !y)
        return x == y;
    return x->major == y->major && x->minor == y->minor && x->patch == y->patch &&
           same_str(x->pre, x->pre_len, y->pre, y->pre_len) &&
           same_str(x->meta, x->meta_len, y->meta, y->meta_len) &&
           same_str(x->original, x->original_len, y->original, y->original_len);
}

/* ---- methods ---- */

static const struct hc_semver *recv(const struct hc_call *call)
{
    return call->recv.u.o->data;
}

static hc_status m_major(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int((int64_t)recv(call)->major);
    return HC_OK;
}

static hc_status m_minor(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int((int64_t)recv(call)->minor);
    return HC_OK;
}

static hc_status m_patch(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int((int64_t)recv(call)->patch);
    return HC_OK;
}

static hc_status m_prerelease(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_strn(recv(call)->pre, recv(call)->pre_len);
    return HC_OK;
}

static hc_status m_metadata(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_strn(recv(call)->meta, recv(call)->meta_len);
    return HC_OK;
}

static hc_status m_original(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_strn(recv(call)->original, recv(call)->original_len);
    return HC_OK;
}

static hc_status m_string(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    hc_semver_format(&b, recv(call));
    return hc_funcs_buf_str(call, &b, out);
}

/*
 * Sets v->original to the receiver's "v" prefix (originalVPrefix) followed
 * by v's String, as the Inc and Set methods do.
 */
static hc_status set_original(struct hc_call *call, struct hc_semver *v)
{
    const struct hc_semver *r = recv(call);
    struct hc_buf b = HC_BUF_INIT;
    if (r->original_len > 0 && r->original[0] == 'v')
        hc_buf_addc(&b, 'v');
    hc_semver_format(&b, v);
    hc_val s;
    hc_status rc = hc_funcs_buf_str(call, &b, &s);
    if (rc == HC_OK) {
        v->original = s.u.s;
        v->original_len = s.len;
    }
    return rc;
}

enum inc { INC_MAJOR, INC_MINOR, INC_PATCH };

static hc_status increment(struct hc_call *call, enum inc which, hc_val *out)
{
    struct hc_semver v = *recv(call);
    bool had_pre = v.pre_len > 0;
    v.pre = v.meta = "";
    v.pre_len = v.meta_len = 0;
    switch (which) {
    case INC_MAJOR:
        v.major++;
        v.minor = v.patch = 0;
        break;
    case INC_MINOR:
        v.minor++;
        v.patch = 0;
        break;
    case INC_PATCH:
        /* a prerelease of X.Y.Z increments to X.Y.Z itself */
        if (!had_pre)
            v.patch++;
        break;
    }
    hc_status rc = set_original(call, &v);
    return rc == HC_OK ? new_version(call, &version_value_type, &v, out) : rc;
}

static hc_status m_inc_major(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    return increment(call, INC_MAJOR, out);
}

static hc_status m_inc_minor(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    return increment(call, INC_MINOR, out);
}

static hc_status m_inc_patch(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    return increment(call, INC_PATCH, out);
}

/* SetPrerelease and SetMetadata: validated as the version parser does. */
static hc_status set_part(struct hc_call *call, hc_val part, bool pre, hc_val *out)
{
    struct hc_semver v = *recv(call);
    if (part.len > 0) {
        /* validate through the parser: "0.0.0-PART" or "0.0.0+PART" */
        struct hc_buf b = HC_BUF_INIT;
        hc_buf_adds(&b, pre ? "0.0.0-" : "0.0.0+");
        hc_buf_add(&b, part.u.s, part.len);
        if (!hc_buf_ok(&b)) {
            hc_buf_release(&b);
            return hc_error_nomem(call->err);
        }
        struct hc_semver probe;
        struct hc_error perr;
        hc_error_init(&perr);
        hc_status rc = hc_semver_parse(&probe, hc_buf_str(&b), b.len, &perr);
        bool whole = rc == HC_OK && (pre ? probe.pre_len : probe.meta_len) == part.len;
        hc_buf_release(&b);
        if (!whole) {
            const char *msg = rc == HC_OK || strstr(hc_error_msg(&perr), "segment") == NULL
                                  ? (pre ? "invalid prerelease string" : "invalid metadata string")
                                  : hc_error_msg(&perr);
            rc = hc_call_fail(call, "%s", msg);
            hc_error_release(&perr);
            return rc;
        }
        hc_error_release(&perr);
    }
    if (pre) {
        v.pre = part.u.s;
        v.pre_len = part.len;
    } else {
        v.meta = part.u.s;
        v.meta_len = part.len;
    }
    hc_status rc = set_original(call, &v);
    return rc == HC_OK ? new_version(call, &version_value_type, &v, out) : rc;
}

static hc_status m_set_prerelease(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return set_part(call, args[0], true, out);
}

static hc_status m_set_metadata(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return set_part(call, args[0], false, out);
}

/*
 * The *semver.Version argument of Compare and the comparisons (the signature
 * "<*semver.Version>" has the executor check it first, with Go's texts); a
 * nil pointer arrives as nil, which only Equal accepts.
 */
static hc_status version_arg(struct hc_call *call, hc_val a, const struct hc_semver **out)
{
    if (a.kind == HC_OBJ && a.u.o->type == &version_ptr_type) {
        *out = a.u.o->data;
        return HC_OK;
    }
    if (a.kind == HC_NULL || a.kind == HC_MISSING) {
        *out = NULL;
        return HC_OK;
    }
    return hc_call_fail(call, "wrong type for value; expected *semver.Version; got %s",
                        hc_val_typename(a));
}

/* Go dereferences the nil *Version argument: the runtime's message. */
static hc_status nil_deref(struct hc_call *call)
{
    return hc_call_fail(call, "runtime error: invalid memory address or nil pointer dereference");
}

static hc_status m_compare(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    const struct hc_semver *o = NULL;
    hc_status rc = version_arg(call, args[0], &o);
    if (rc != HC_OK)
        return rc;
    if (!o)
        return nil_deref(call);
    *out = hc_int_typed(hc_semver_compare(recv(call), o), HC_GT_INT);
    return HC_OK;
}

enum cmp { CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_EQ };

static hc_status compare_as(struct hc_call *call, hc_val arg, enum cmp how, hc_val *out)
{
    const struct hc_semver *o = NULL;
    hc_status rc = version_arg(call, arg, &o);
    if (rc != HC_OK)
        return rc;
    if (!o) {
        if (how == CMP_EQ) { /* Equal checks for nil first */
            *out = hc_bool(false);
            return HC_OK;
        }
        return nil_deref(call);
    }
    int c = hc_semver_compare(recv(call), o);
    bool r = how == CMP_LT   ? c < 0
             : how == CMP_LE ? c <= 0
             : how == CMP_GT ? c > 0
             : how == CMP_GE ? c >= 0
                             : c == 0;
    *out = hc_bool(r);
    return HC_OK;
}

static hc_status m_less_than(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return compare_as(call, args[0], CMP_LT, out);
}

static hc_status m_less_than_equal(struct hc_call *call, const hc_val *args, uint32_t n,
                                   hc_val *out)
{
    (void)n;
    return compare_as(call, args[0], CMP_LE, out);
}

static hc_status m_greater_than(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return compare_as(call, args[0], CMP_GT, out);
}

static hc_status m_greater_than_equal(struct hc_call *call, const hc_val *args, uint32_t n,
                                      hc_val *out)
{
    (void)n;
    return compare_as(call, args[0], CMP_GE, out);
}

static hc_status m_equal(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return compare_as(call, args[0], CMP_EQ, out);
}

/* Methods by name, sorted; value says whether a semver.Version value has it too. */
static const struct method {
    struct hc_func row;
    bool value;
} methods[] = {
    {{"Compare", m_compare, "<*semver.Version>", HC_FN_NOERR},                     false},
    {{"Equal", m_equal, "<*semver.Version>", HC_FN_NOERR},                         false},
    {{"GreaterThan", m_greater_than, "<*semver.Version>", HC_FN_NOERR},            false},
    {{"GreaterThanEqual", m_greater_than_equal, "<*semver.Version>", HC_FN_NOERR}, false},
    {{"IncMajor", m_inc_major, "", HC_FN_NOERR},                                   true },
    {{"IncMinor", m_inc_minor, "", HC_FN_NOERR},                                   true },
    {{"IncPatch", m_inc_patch, "", HC_FN_NOERR},                                   true },
    {{"LessThan", m_less_than, "<*semver.Version>", HC_FN_NOERR},                  false},
    {{"LessThanEqual", m_less_than_equal, "<*semver.Version>", HC_FN_NOERR},       false},
    {{"Major", m_major, "", HC_FN_NOERR},                                          true },
    {{"Metadata", m_metadata, "", HC_FN_NOERR},                                    true },
    {{"Minor", m_minor, "", HC_FN_NOERR},                                          true },
    {{"Original", m_original, "", HC_FN_NOERR},                                    false},
    {{"Patch", m_patch, "", HC_FN_NOERR},                                          true },
    {{"Prerelease", m_prerelease, "", HC_FN_NOERR},                                true },
    {{"SetMetadata", m_set_metadata, "s", 0},                                      true },
    {{"SetPrerelease", m_set_prerelease, "s", 0},                                  true },
    {{"String", m_string, "", HC_FN_NOERR},                                        true },
};

static enum hc_obj_member version_member(const struct hc_obj *o, const char *name, size_t len,
                                         struct hc_arena *arena, hc_val *field,
                                         const struct hc_func **method)
{
    (void)arena;
    (void)field;
    bool value = o->type == &version_value_type;
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strlen(methods[i].row.name) == len && memcmp(methods[i].row.name, name, len) == 0 &&
            (!value || methods[i].value)) {
            *method = &methods[i].row;
            return HC_OBJ_METHOD;
        }
    return HC_OBJ_NONE;
}

static const struct hc_obj_fmt version_fmt = {version_string, false, NULL, NULL};
/* Version's MarshalJSON: its String() as a JSON string. */
static hc_status version_marshal(const struct hc_obj *o, struct hc_arena *arena, hc_val *out)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_semver_format(&b, o->data);
    char *s = hc_buf_ok(&b) ? hc_arena_strndup(arena, hc_buf_str(&b), b.len) : NULL;
    size_t n = b.len;
    hc_buf_release(&b);
    if (!s)
        return HC_ERR_NOMEM;
    *out = hc_strn(s, n);
    return HC_OK;
}

static const struct hc_obj_exec version_exec = {.member = version_member,
                                                .marshal = version_marshal};
static const struct hc_obj_type version_ptr_type = {"*semver.Version", "ptr", version_equal,
                                                    &version_fmt, &version_exec};
static const struct hc_obj_type version_value_type = {"semver.Version", "struct", version_equal,
                                                      &version_fmt, &version_exec};

/* ---- the template functions ---- */

/* The library's message for a failed parse, as the function's error. */
static hc_status fail_with(struct hc_call *call, struct hc_error *err)
{
    hc_status rc = err->code == HC_ERR_NOMEM ? hc_error_nomem(call->err)
                                             : hc_call_fail(call, "%s", hc_error_msg(err));
    hc_error_release(err);
    return rc;
}

/* semver: NewVersion. */
static hc_status fn_semver(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_semver v;
    struct hc_error err;
    hc_error_init(&err);
    if (hc_semver_parse(&v, args[0].u.s, args[0].len, &err) != HC_OK)
        return fail_with(call, &err);
    return new_version(call, &version_ptr_type, &v, out);
}

/* semverCompare: NewConstraint(constraint).Check(NewVersion(version)). */
static hc_status fn_semver_compare(struct hc_call *call, const hc_val *args, uint32_t n,
                                   hc_val *out)
{
    (void)n;
    struct hc_error err;
    hc_error_init(&err);
    struct hc_semver_constraints *c;
    if (hc_semver_constraints_parse(args[0].u.s, args[0].len, &c, &err) != HC_OK)
        return fail_with(call, &err);
    struct hc_semver v;
    if (hc_semver_parse(&v, args[1].u.s, args[1].len, &err) != HC_OK) {
        hc_semver_constraints_free(c);
        return fail_with(call, &err);
    }
    *out = hc_bool(hc_semver_constraints_check(c, &v));
    hc_semver_constraints_free(c);
    return HC_OK;
}

const struct hc_func hc_funcs_semver[] = {
    {"semver",        fn_semver,         "s",  0},
    {"semverCompare", fn_semver_compare, "ss", 0},
};
const size_t hc_funcs_semver_len = sizeof hc_funcs_semver / sizeof hc_funcs_semver[0];
