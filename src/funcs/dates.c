/*
 * dates.c - Sprig's date functions (date.go): now, date, dateInZone,
 * htmlDate, htmlDateInZone, dateModify, mustDateModify, ago, duration,
 * durationRound, toDate, mustToDate, unixEpoch and their snake_case aliases,
 * and the Go objects they hand to templates: time.Time with its methods
 * (.Year, .Format, .AddDate, .Sub, ...), time.Duration, time.Month,
 * time.Weekday and *time.Location.
 *
 * The clock and time.Local come from the env (funcs.h): now is env->now_ns,
 * Local is the zone env->tz names, and zones are read from the system's
 * tzdata (gotime.h).  As in Sprig, date and its relatives format the current
 * time when given anything but a time.Time or an integer (the conformance
 * corpus's oracle behaviour 11), and toDate gives the zero time for input it
 * cannot parse.  Go's monotonic clock reading (the " m=+0.0012" time.Now
 * prints) is not kept.
 *
 * Parameters of type time.Time are declared "a" (interface{}) because the
 * signature characters cannot name a host type yet; the functions check the
 * type themselves with Go's message, which the executor then prefixes with
 * "error calling X: " where Go reports it on the argument.
 */
#include "funcs/funcs.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "funcs/gotime.h"
#include "template/exec.h"
#include "yaml/yaml.h"

static const struct hc_obj_type time_type;
static const struct hc_obj_type duration_type;
static const struct hc_obj_type month_type;
static const struct hc_obj_type weekday_type;
static const struct hc_obj_type location_type;

/* ---- objects ---- */

static hc_status new_obj(struct hc_call *call, const struct hc_obj_type *type, const void *data,
                         size_t size, hc_val *out)
{
    void *copy = hc_arena_alloc(call->arena, size);
    struct hc_obj *o = hc_arena_alloc(call->arena, sizeof *o);
    if (!copy || !o)
        return hc_error_nomem(call->err);
    memcpy(copy, data, size);
    o->type = type;
    o->data = copy;
    *out = hc_obj_val(o);
    return HC_OK;
}

static hc_status new_time(struct hc_call *call, struct hc_time t, hc_val *out)
{
    return new_obj(call, &time_type, &t, sizeof t, out);
}

static hc_status new_duration(struct hc_call *call, hc_duration d, hc_val *out)
{
    return new_obj(call, &duration_type, &d, sizeof d, out);
}

hc_status hc_time_val(struct hc_arena *a, struct hc_time t, hc_val *out)
{
    struct hc_time *copy = hc_arena_alloc(a, sizeof *copy);
    struct hc_obj *o = hc_arena_alloc(a, sizeof *o);
    if (!copy || !o)
        return HC_ERR_NOMEM;
    *copy = t;
    o->type = &time_type;
    o->data = copy;
    *out = hc_obj_val(o);
    return HC_OK;
}

static bool is_time(hc_val v)
{
    return v.kind == HC_OBJ && v.u.o->type == &time_type;
}

static struct hc_time time_of(hc_val v)
{
    return *(const struct hc_time *)v.u.o->data;
}

/*
 * A time.Time parameter.  The signature "<time.Time>" makes the executor
 * check the argument with Go's messages first; these are its texts for
 * callers that bypass it.
 */
static hc_status time_arg(struct hc_call *call, hc_val a, struct hc_time *t)
{
    if (is_time(a)) {
        *t = time_of(a);
        return HC_OK;
    }
    if (a.kind == HC_NULL || a.kind == HC_MISSING)
        return hc_call_fail(call, "invalid value; expected time.Time");
    return hc_call_fail(call, "wrong type for value; expected time.Time; got %s",
                        hc_val_typename(a));
}

static const struct hc_tz *local_zone(const struct hc_call *call)
{
    return hc_tz_local(hc_funcs_env_get(call));
}

/* time.Now(): in Local. */
static struct hc_time now(const struct hc_call *call)
{
    int64_t ns = hc_funcs_now_ns(call);
    int64_t sec = ns / 1000000000, nsec = ns % 1000000000;
    return hc_time_unix(sec, nsec, local_zone(call));
}

static void time_string(const struct hc_obj *o, struct hc_buf *b)
{
    hc_time_string(b, *(const struct hc_time *)o->data);
}

static bool time_equal(const struct hc_obj *a, const struct hc_obj *b)
{
    const struct hc_time *x = a->data, *y = b->data;
    return x->sec == y->sec && x->nsec == y->nsec && x->loc == y->loc;
}

static void duration_string(const struct hc_obj *o, struct hc_buf *b)
{
    hc_duration_string(b, *(const hc_duration *)o->data);
}

static bool int_equal(const struct hc_obj *a, const struct hc_obj *b)
{
    return a->type == b->type && *(const int64_t *)a->data == *(const int64_t *)b->data;
}

static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
static const char *const weekday_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                            "Thursday", "Friday", "Saturday"};

static void month_string(const struct hc_obj *o, struct hc_buf *b)
{
    int64_t m = *(const int64_t *)o->data;
    if (m >= 1 && m <= 12)
        hc_buf_adds(b, month_names[m - 1]);
    else
        hc_buf_printf(b, "%%!Month(%lld)", (long long)m);
}

static void weekday_string(const struct hc_obj *o, struct hc_buf *b)
{
    int64_t d = *(const int64_t *)o->data;
    if (d >= 0 && d <= 6)
        hc_buf_adds(b, weekday_names[d]);
    else
        hc_buf_printf(b, "%%!Weekday(%lld)", (long long)d);
}

static void location_string(const struct hc_obj *o, struct hc_buf *b)
{
    const struct hc_tz *l = o->data;
    hc_buf_adds(b, l ? l->name : "UTC");
}

/* ---- time.Time methods ---- */

static struct hc_time recv_time(const struct hc_call *call)
{
    return time_of(call->recv);
}

static hc_status field_of(struct hc_call *call, int which, hc_val *out)
{
    struct hc_time_fields f;
    hc_time_fields(recv_time(call), &f);
    int64_t v = 0;
    switch (which) {
    case 'Y':
        v = f.year;
        break;
    case 'D':
        v = f.day;
        break;
    case 'y':
        v = f.yday;
        break;
    case 'h':
        v = f.hour;
        break;
    case 'm':
        v = f.min;
        break;
    case 's':
        v = f.sec;
        break;
    case 'M':
        v = f.month;
        return new_obj(call, &month_type, &v, sizeof v, out);
    case 'W':
        v = f.weekday;
        return new_obj(call, &weekday_type, &v, sizeof v, out);
    default:
        break;
    }
    *out = hc_int_typed(v, HC_GT_INT);
    return HC_OK;
}

#define FIELD_METHOD(fname, which)                                                            \
    static hc_status fname(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out) \
    {                                                                                         \
        (void)args;                                                                           \
        (void)n;                                                                              \
        return field_of(call, which, out);                                                    \
    }

FIELD_METHOD(t_year, 'Y')
FIELD_METHOD(t_month, 'M')
FIELD_METHOD(t_day, 'D')
FIELD_METHOD(t_yearday, 'y')
FIELD_METHOD(t_weekday, 'W')
FIELD_METHOD(t_hour, 'h')
FIELD_METHOD(t_minute, 'm')
FIELD_METHOD(t_second, 's')

static hc_status t_nanosecond(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int_typed(recv_time(call).nsec, HC_GT_INT);
    return HC_OK;
}

static int64_t unix_scaled(struct hc_time t, int64_t per_sec)
{
    return (int64_t)((uint64_t)hc_time_unix_sec(t) * (uint64_t)per_sec +
                     (uint64_t)(t.nsec / (1000000000 / per_sec)));
}

static hc_status t_unix(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int(hc_time_unix_sec(recv_time(call)));
    return HC_OK;
}

static hc_status t_unix_milli(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int(unix_scaled(recv_time(call), 1000));
    return HC_OK;
}

static hc_status t_unix_micro(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int(unix_scaled(recv_time(call), 1000000));
    return HC_OK;
}

static hc_status t_unix_nano(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int(unix_scaled(recv_time(call), 1000000000));
    return HC_OK;
}

static hc_status t_format(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    hc_time_format(&b, recv_time(call), args[0].u.s, args[0].len);
    return hc_funcs_buf_str(call, &b, out);
}

static hc_status t_string(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    hc_time_string(&b, recv_time(call));
    return hc_funcs_buf_str(call, &b, out);
}

static hc_status t_add(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return new_time(call, hc_time_add(recv_time(call), args[0].u.i), out);
}

static hc_status t_add_date(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return new_time(call, hc_time_add_date(recv_time(call), args[0].u.i, args[1].u.i, args[2].u.i),
                    out);
}

static hc_status t_round(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return new_time(call, hc_time_round(recv_time(call), args[0].u.i, false), out);
}

static hc_status t_truncate(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return new_time(call, hc_time_round(recv_time(call), args[0].u.i, true), out);
}

static hc_status t_utc(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    return new_time(call, hc_time_in(recv_time(call), &hc_tz_utc), out);
}

static hc_status t_local(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    return new_time(call, hc_time_in(recv_time(call), local_zone(call)), out);
}

static hc_status t_in(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val a = args[0];
    if (a.kind == HC_OBJ && a.u.o->type == &location_type) {
        const struct hc_tz *l = a.u.o->data;
        return new_time(call, hc_time_in(recv_time(call), l ? l : &hc_tz_utc), out);
    }
    if (a.kind == HC_NULL || a.kind == HC_MISSING)
        return hc_call_fail(call, "time: missing Location in call to Time.In");
    return hc_call_fail(call, "wrong type for value; expected *time.Location; got %s",
                        hc_val_typename(a));
}

static hc_status t_location(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    const struct hc_tz *l = recv_time(call).loc;
    struct hc_obj *o = hc_arena_alloc(call->arena, sizeof *o);
    if (!o)
        return hc_error_nomem(call->err);
    o->type = &location_type;
    o->data = (void *)(uintptr_t)(l ? l : &hc_tz_utc);
    *out = hc_obj_val(o);
    return HC_OK;
}

static hc_status t_is_zero(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    struct hc_time t = recv_time(call);
    *out = hc_bool(t.sec == 0 && t.nsec == 0);
    return HC_OK;
}

static hc_status t_is_dst(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    struct hc_time t = recv_time(call);
    struct hc_tz_info info;
    hc_tz_lookup(t.loc, hc_time_unix_sec(t), &info);
    *out = hc_bool(info.is_dst);
    return HC_OK;
}

static hc_status t_sub(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_time u;
    hc_status rc = time_arg(call, args[0], &u);
    return rc == HC_OK ? new_duration(call, hc_time_sub(recv_time(call), u), out) : rc;
}

/* Compare, Before, After and Equal. */
static hc_status compare_with(struct hc_call *call, hc_val arg, char how, hc_val *out)
{
    struct hc_time u;
    hc_status rc = time_arg(call, arg, &u);
    if (rc != HC_OK)
        return rc;
    int c = hc_time_compare(recv_time(call), u);
    switch (how) {
    case '<':
        *out = hc_bool(c < 0);
        break;
    case '>':
        *out = hc_bool(c > 0);
        break;
    case '=':
        *out = hc_bool(c == 0);
        break;
    default:
        *out = hc_int_typed(c, HC_GT_INT);
        break;
    }
    return HC_OK;
}

static hc_status t_before(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return compare_with(call, args[0], '<', out);
}

static hc_status t_after(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return compare_with(call, args[0], '>', out);
}

static hc_status t_equal(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return compare_with(call, args[0], '=', out);
}

static hc_status t_compare(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return compare_with(call, args[0], 'c', out);
}

/* Sorted by name.  Duration parameters are "I": int64 literals and values. */
static const struct hc_func time_methods[] = {
    {"Add",        t_add,        "<time.Duration:I>", HC_FN_NOERR},
    {"AddDate",    t_add_date,   "iii",               HC_FN_NOERR},
    {"After",      t_after,      "<time.Time>",       HC_FN_NOERR},
    {"Before",     t_before,     "<time.Time>",       HC_FN_NOERR},
    {"Compare",    t_compare,    "<time.Time>",       HC_FN_NOERR},
    {"Day",        t_day,        "",                  HC_FN_NOERR},
    {"Equal",      t_equal,      "<time.Time>",       HC_FN_NOERR},
    {"Format",     t_format,     "s",                 HC_FN_NOERR},
    {"Hour",       t_hour,       "",                  HC_FN_NOERR},
    {"In",         t_in,         "<*time.Location>",  HC_FN_NOERR},
    {"IsDST",      t_is_dst,     "",                  HC_FN_NOERR},
    {"IsZero",     t_is_zero,    "",                  HC_FN_NOERR},
    {"Local",      t_local,      "",                  HC_FN_NOERR},
    {"Location",   t_location,   "",                  HC_FN_NOERR},
    {"Minute",     t_minute,     "",                  HC_FN_NOERR},
    {"Month",      t_month,      "",                  HC_FN_NOERR},
    {"Nanosecond", t_nanosecond, "",                  HC_FN_NOERR},
    {"Round",      t_round,      "<time.Duration:I>", HC_FN_NOERR},
    {"Second",     t_second,     "",                  HC_FN_NOERR},
    {"String",     t_string,     "",                  HC_FN_NOERR},
    {"Sub",        t_sub,        "<time.Time>",       HC_FN_NOERR},
    {"Truncate",   t_truncate,   "<time.Duration:I>", HC_FN_NOERR},
    {"UTC",        t_utc,        "",                  HC_FN_NOERR},
    {"Unix",       t_unix,       "",                  HC_FN_NOERR},
    {"UnixMicro",  t_unix_micro, "",                  HC_FN_NOERR},
    {"UnixMilli",  t_unix_milli, "",                  HC_FN_NOERR},
    {"UnixNano",   t_unix_nano,  "",                  HC_FN_NOERR},
    {"Weekday",    t_weekday,    "",                  HC_FN_NOERR},
    {"Year",       t_year,       "",                  HC_FN_NOERR},
    {"YearDay",    t_yearday,    "",                  HC_FN_NOERR},
};

/* ---- time.Duration methods ---- */

static hc_duration recv_duration(const struct hc_call *call)
{
    return *(const hc_duration *)call->recv.u.o->data;
}

/* Hours, Minutes, Seconds: whole units plus the fraction, as Go computes them. */
static double duration_in(hc_duration d, hc_duration unit)
{
    return (double)(d / unit) + (double)(d % unit) / (double)unit;
}

static hc_status d_hours(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_float(duration_in(recv_duration(call), 3600000000000LL));
    return HC_OK;
}

static hc_status d_minutes(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_float(duration_in(recv_duration(call), 60000000000LL));
    return HC_OK;
}

static hc_status d_seconds(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_float(duration_in(recv_duration(call), 1000000000LL));
    return HC_OK;
}

static hc_status d_milliseconds(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int(recv_duration(call) / 1000000);
    return HC_OK;
}

static hc_status d_microseconds(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int(recv_duration(call) / 1000);
    return HC_OK;
}

static hc_status d_nanoseconds(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    *out = hc_int(recv_duration(call));
    return HC_OK;
}

static hc_status d_string(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    hc_duration_string(&b, recv_duration(call));
    return hc_funcs_buf_str(call, &b, out);
}

static hc_status d_round(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return new_duration(call, hc_duration_round(recv_duration(call), args[0].u.i), out);
}

static hc_status d_truncate(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return new_duration(call, hc_duration_truncate(recv_duration(call), args[0].u.i), out);
}

static hc_status d_abs(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    hc_duration d = recv_duration(call);
    hc_duration r = d >= 0 ? d : d == HC_DURATION_MIN ? HC_DURATION_MAX : -d;
    return new_duration(call, r, out);
}

static const struct hc_func duration_methods[] = {
    {"Abs",          d_abs,          "",                  HC_FN_NOERR},
    {"Hours",        d_hours,        "",                  HC_FN_NOERR},
    {"Microseconds", d_microseconds, "",                  HC_FN_NOERR},
    {"Milliseconds", d_milliseconds, "",                  HC_FN_NOERR},
    {"Minutes",      d_minutes,      "",                  HC_FN_NOERR},
    {"Nanoseconds",  d_nanoseconds,  "",                  HC_FN_NOERR},
    {"Round",        d_round,        "<time.Duration:I>", HC_FN_NOERR},
    {"Seconds",      d_seconds,      "",                  HC_FN_NOERR},
    {"String",       d_string,       "",                  HC_FN_NOERR},
    {"Truncate",     d_truncate,     "<time.Duration:I>", HC_FN_NOERR},
};

/* ---- String methods of Month, Weekday and *Location ---- */

static hc_status s_string(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    struct hc_buf b = HC_BUF_INIT;
    const struct hc_obj *o = call->recv.u.o;
    o->type->fmt->string(o, &b);
    return hc_funcs_buf_str(call, &b, out);
}

static const struct hc_func string_methods[] = {
    {"String", s_string, "", HC_FN_NOERR},
};

static enum hc_obj_member find_method(const struct hc_func *rows, size_t n, const char *name,
                                      size_t len, const struct hc_func **method)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(rows[i].name) == len && memcmp(rows[i].name, name, len) == 0) {
            *method = &rows[i];
            return HC_OBJ_METHOD;
        }
    return HC_OBJ_NONE;
}

static enum hc_obj_member time_member(const struct hc_obj *o, const char *name, size_t len,
                                      struct hc_arena *arena, hc_val *field,
                                      const struct hc_func **method)
{
    (void)arena;
    (void)field;
    if (o->type == &time_type)
        return find_method(time_methods, sizeof time_methods / sizeof time_methods[0], name, len,
                           method);
    if (o->type == &duration_type)
        return find_method(duration_methods, sizeof duration_methods / sizeof duration_methods[0],
                           name, len, method);
    return find_method(string_methods, 1, name, len, method);
}

/*
 * encoding/json's view: Time's MarshalJSON writes RFC 3339 with nanoseconds;
 * Duration, Month and Weekday are integers; a *Location has no exported
 * fields.
 */
static hc_status time_marshal(const struct hc_obj *o, struct hc_arena *arena, hc_val *out)
{
    if (o->type == &time_type) {
        static const char layout[] = "2006-01-02T15:04:05.999999999Z07:00";
        struct hc_buf b = HC_BUF_INIT;
        hc_time_format(&b, *(const struct hc_time *)o->data, layout, sizeof layout - 1);
        char *s = hc_buf_ok(&b) ? hc_arena_strndup(arena, hc_buf_str(&b), b.len) : NULL;
        size_t n = b.len;
        hc_buf_release(&b);
        if (!s)
            return HC_ERR_NOMEM;
        *out = hc_strn(s, n);
        out->flags |= HC_YAML_VF_TIMESTAMP; /* go-yaml v3 writes it as a plain scalar */
        return HC_OK;
    }
    if (o->type == &location_type) {
        struct hc_map *m = hc_map_new(arena, 0);
        if (!m)
            return HC_ERR_NOMEM;
        *out = hc_map_val(m, HC_GT_MAP);
        return HC_OK;
    }
    *out = hc_int(*(const int64_t *)o->data);
    return HC_OK;
}

static const struct hc_obj_exec time_exec = {.member = time_member, .marshal = time_marshal};
static const struct hc_obj_fmt time_fmt = {time_string, false, NULL, NULL};
static const struct hc_obj_fmt duration_fmt = {duration_string, false, NULL, NULL};
static const struct hc_obj_fmt month_fmt = {month_string, false, NULL, NULL};
static const struct hc_obj_fmt weekday_fmt = {weekday_string, false, NULL, NULL};
static const struct hc_obj_fmt location_fmt = {location_string, false, NULL, NULL};

static const struct hc_obj_type time_type = {"time.Time", "struct", time_equal, &time_fmt,
                                             &time_exec};
static const struct hc_obj_type duration_type = {"time.Duration", "int64", int_equal, &duration_fmt,
                                                 &time_exec};
static const struct hc_obj_type month_type = {"time.Month", "int", int_equal, &month_fmt,
                                              &time_exec};
static const struct hc_obj_type weekday_type = {"time.Weekday", "int", int_equal, &weekday_fmt,
                                                &time_exec};
static const struct hc_obj_type location_type = {"*time.Location", "ptr", NULL, &location_fmt,
                                                 &time_exec};

/* ---- the template functions ---- */

static hc_status fn_now(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)args;
    (void)n;
    return new_time(call, now(call), out);
}

/* dateInZone: the time a value stands for (a time, or Unix seconds), else now. */
static struct hc_time time_from(const struct hc_call *call, hc_val date)
{
    if (is_time(date))
        return time_of(date);
    if (date.kind == HC_INT &&
        (date.gotype == HC_GT_INT64 || date.gotype == HC_GT_INT || date.gotype == HC_GT_INT32))
        return hc_time_unix(date.u.i, 0, local_zone(call));
    return now(call);
}

static hc_status date_in_zone(struct hc_call *call, const char *layout, size_t llen, hc_val date,
                              const char *zone, size_t zlen, hc_val *out)
{
    struct hc_time t = time_from(call, date);
    const struct hc_tz *loc = hc_tz_load(zone, zlen, hc_funcs_env_get(call));
    if (!loc)
        loc = &hc_tz_utc;
    struct hc_buf b = HC_BUF_INIT;
    hc_time_format(&b, hc_time_in(t, loc), layout, llen);
    return hc_funcs_buf_str(call, &b, out);
}

static hc_status fn_date(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return date_in_zone(call, args[0].u.s, args[0].len, args[1], "Local", 5, out);
}

static hc_status fn_date_in_zone(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return date_in_zone(call, args[0].u.s, args[0].len, args[1], args[2].u.s, args[2].len, out);
}

static hc_status fn_html_date(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    return date_in_zone(call, "2006-01-02", 10, args[0], "Local", 5, out);
}

static hc_status fn_html_date_in_zone(struct hc_call *call, const hc_val *args, uint32_t n,
                                      hc_val *out)
{
    (void)n;
    return date_in_zone(call, "2006-01-02", 10, args[0], args[1].u.s, args[1].len, out);
}

/* dateModify and mustDateModify: the time plus a ParseDuration string. */
static hc_status fn_date_modify(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_time t;
    hc_status rc = time_arg(call, args[1], &t);
    if (rc != HC_OK)
        return rc;
    hc_duration d;
    struct hc_buf err = HC_BUF_INIT;
    if (!hc_duration_parse(args[0].u.s, args[0].len, &d, &err)) {
        if (call->fn->flags & HC_FN_MUST) {
            rc = hc_buf_ok(&err) ? hc_call_fail(call, "%s", hc_buf_str(&err))
                                 : hc_error_nomem(call->err);
            hc_buf_release(&err);
            return rc;
        }
        hc_buf_release(&err);
        return new_time(call, t, out);
    }
    hc_buf_release(&err);
    return new_time(call, hc_time_add(t, d), out);
}

/* ago: the time since date (a time or Unix seconds; else now), to the second. */
static hc_status fn_ago(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val date = args[0];
    struct hc_time t;
    if (is_time(date))
        t = time_of(date);
    else if (date.kind == HC_INT && (date.gotype == HC_GT_INT64 || date.gotype == HC_GT_INT))
        t = hc_time_unix(date.u.i, 0, local_zone(call));
    else
        t = now(call);
    hc_duration d = hc_duration_round(hc_time_sub(now(call), t), 1000000000);
    struct hc_buf b = HC_BUF_INIT;
    hc_duration_string(&b, d);
    return hc_funcs_buf_str(call, &b, out);
}

/* strconv.ParseInt(s, 10, 64) as Sprig uses it: 0 on syntax errors, the limit on overflow. */
static int64_t parse_int_lenient(const char *s, size_t n)
{
    size_t i = 0;
    bool neg = false;
    if (n > 0 && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n)
        return 0;
    uint64_t v = 0;
    bool overflow = false;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            overflow = true;
        else
            v = v * 10 + d;
    }
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    if (overflow || v > limit)
        return neg ? INT64_MIN : INT64_MAX;
    return neg ? (int64_t)(0 - v) : (int64_t)v;
}

/* duration: seconds (a string or an int64; anything else is 0) as a Duration string. */
static hc_status fn_duration(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    hc_val v = args[0];
    int64_t secs = 0;
    if (v.kind == HC_STRING)
        secs = parse_int_lenient(v.u.s, v.len);
    else if (v.kind == HC_INT && v.gotype == HC_GT_INT64)
        secs = v.u.i;
    struct hc_buf b = HC_BUF_INIT;
    hc_duration_string(&b, (hc_duration)((uint64_t)secs * 1000000000u));
    return hc_funcs_buf_str(call, &b, out);
}

/* durationRound: a duration in its largest whole unit ("2h", "3mo", "1y"). */
static hc_status fn_duration_round(struct hc_call *call, const hc_val *args, uint32_t n,
                                   hc_val *out)
{
    (void)n;
    hc_val v = args[0];
    hc_duration d = 0;
    if (v.kind == HC_STRING) {
        struct hc_buf err = HC_BUF_INIT;
        if (!hc_duration_parse(v.u.s, v.len, &d, &err))
            d = 0;
        hc_buf_release(&err);
    } else if (v.kind == HC_INT && v.gotype == HC_GT_INT64) {
        d = v.u.i;
    } else if (is_time(v)) {
        d = hc_time_sub(now(call), time_of(v));
    }
    uint64_t u = (uint64_t)d;
    if (d < 0)
        u = -u;
    static const struct {
        uint64_t size;
        const char *suffix;
    } units[] = {
        {3600000000000ULL * 24 * 365, "y" },
        {3600000000000ULL * 24 * 30,  "mo"},
        {3600000000000ULL * 24,       "d" },
        {3600000000000ULL,            "h" },
        {60000000000ULL,              "m" },
        {1000000000ULL,               "s" },
    };
    const char *text = "0s";
    char buf[32];
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (u > units[i].size) {
            snprintf(buf, sizeof buf, "%llu%s", (unsigned long long)(u / units[i].size),
                     units[i].suffix);
            text = buf;
            break;
        }
    return hc_str_dup(call->arena, text, strlen(text), out) == HC_OK ? HC_OK
                                                                     : hc_error_nomem(call->err);
}

/* toDate and mustToDate: ParseInLocation(layout, value, Local). */
static hc_status fn_to_date(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_time t;
    struct hc_buf err = HC_BUF_INIT;
    if (hc_time_parse(call->arena, args[0].u.s, args[0].len, args[1].u.s, args[1].len,
                      local_zone(call), &t, &err)) {
        hc_buf_release(&err);
        return new_time(call, t, out);
    }
    hc_status rc = HC_OK;
    if (!hc_buf_ok(&err) || strcmp(hc_buf_str(&err), "out of memory") == 0)
        rc = hc_error_nomem(call->err);
    else if (call->fn->flags & HC_FN_MUST)
        rc = hc_call_fail(call, "%s", hc_buf_str(&err));
    hc_buf_release(&err);
    if (rc != HC_OK)
        return rc;
    struct hc_time zero = {0, 0, NULL};
    return new_time(call, zero, out);
}

static hc_status fn_unix_epoch(struct hc_call *call, const hc_val *args, uint32_t n, hc_val *out)
{
    (void)n;
    struct hc_time t;
    hc_status rc = time_arg(call, args[0], &t);
    if (rc != HC_OK)
        return rc;
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)hc_time_unix_sec(t));
    return hc_str_dup(call->arena, buf, strlen(buf), out) == HC_OK ? HC_OK
                                                                   : hc_error_nomem(call->err);
}

const struct hc_func hc_funcs_dates[] = {
    {"ago",              fn_ago,               "a",            HC_FN_NOERR},
    {"date",             fn_date,              "sa",           HC_FN_NOERR},
    {"dateInZone",       fn_date_in_zone,      "sas",          HC_FN_NOERR},
    {"dateModify",       fn_date_modify,       "s<time.Time>", HC_FN_NOERR},
    {"date_in_zone",     fn_date_in_zone,      "sas",          HC_FN_NOERR},
    {"date_modify",      fn_date_modify,       "sa",           HC_FN_NOERR},
    {"duration",         fn_duration,          "a",            HC_FN_NOERR},
    {"durationRound",    fn_duration_round,    "a",            HC_FN_NOERR},
    {"htmlDate",         fn_html_date,         "a",            HC_FN_NOERR},
    {"htmlDateInZone",   fn_html_date_in_zone, "as",           HC_FN_NOERR},
    {"mustDateModify",   fn_date_modify,       "s<time.Time>", HC_FN_MUST },
    {"mustToDate",       fn_to_date,           "ss",           HC_FN_MUST },
    {"must_date_modify", fn_date_modify,       "sa",           HC_FN_MUST },
    {"now",              fn_now,               "",             HC_FN_NOERR},
    {"toDate",           fn_to_date,           "ss",           HC_FN_NOERR},
    {"unixEpoch",        fn_unix_epoch,        "<time.Time>",  HC_FN_NOERR},
};
const size_t hc_funcs_dates_len = sizeof hc_funcs_dates / sizeof hc_funcs_dates[0];
