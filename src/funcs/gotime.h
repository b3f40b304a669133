/*
 * gotime.h - the parts of Go's time package the date functions need: Time,
 * Location (zones loaded from the system's tzdata), Format and Parse with
 * Go's reference-time layouts, Duration and its String and ParseDuration.
 *
 * Mirrors time/time.go, format.go, format_rfc3339.go, zoneinfo.go,
 * zoneinfo_read.go and zoneinfo_unix.go.  Arithmetic wraps where Go's
 * int64 arithmetic wraps (it is done on uint64 here, never overflowing a
 * signed type), so out-of-range inputs give Go's answers, not undefined
 * behaviour.  Go's monotonic clock reading is not modelled.
 */
#ifndef HC_FUNCS_GOTIME_H
#define HC_FUNCS_GOTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;
struct hc_buf;
struct hc_funcs_env;

/* ---- locations (*time.Location) ---- */

struct hc_tz_zone {
    const char *name; /* abbreviation: "CET"; NUL-terminated */
    int32_t offset;   /* seconds east of UTC */
    bool is_dst;
};

struct hc_tz_trans {
    int64_t when;  /* Unix seconds */
    uint8_t index; /* into zone[] */
};

/* Immutable once built; shared between threads. */
struct hc_tz {
    const char *name; /* what Location.String prints: "UTC", "Local", "Europe/Berlin" */
    const struct hc_tz_zone *zone;
    uint32_t nzone;
    const struct hc_tz_trans *tx;
    uint32_t ntx;
    const char *extend; /* the TZ string for times after the last transition, or "" */
};

/* Go's UTC: no zones, named "UTC". */
extern const struct hc_tz hc_tz_utc;

/* Location.lookup: the zone in effect at Unix time sec and the span it covers. */
struct hc_tz_info {
    const char *name; /* not NUL-terminated when it comes from the extend string */
    size_t name_len;
    int offset;
    int64_t start, end;
    bool is_dst;
};
void hc_tz_lookup(const struct hc_tz *l, int64_t sec, struct hc_tz_info *out);

/* FixedZone(name, offset), allocated in a; NULL when out of memory. */
const struct hc_tz *hc_tz_fixed(struct hc_arena *a, const char *name, size_t nlen, int offset);

/*
 * LoadLocation(name): "" and "UTC" give UTC, "Local" gives hc_tz_local(env),
 * other names are read from env->zoneinfo (if set) and Go's system
 * directories.  Returns NULL when Go's LoadLocation fails.  Loaded zones are
 * kept for the life of the process (a small mutex-guarded cache, as Go keeps
 * Local); hc_tz_cache_clear releases them.
 */
const struct hc_tz *hc_tz_load(const char *name, size_t len, const struct hc_funcs_env *env);

/* Go's time.Local for env->tz (initLocal's rules; see funcs.h).  Never NULL. */
const struct hc_tz *hc_tz_local(const struct hc_funcs_env *env);

/*
 * LoadLocationFromTZData: parses tzfile data; NULL when malformed ("malformed
 * time zone information") or out of memory.  The result is malloc'd as one
 * block; release with hc_tz_free.
 */
struct hc_tz *hc_tz_from_data(const char *name, const unsigned char *data, size_t len);
void hc_tz_free(struct hc_tz *l);

/* Frees every cached zone.  No zone returned earlier may be used afterwards. */
void hc_tz_cache_clear(void);

/* ---- instants (time.Time) ---- */

struct hc_time {
    int64_t sec;             /* seconds since January 1, year 1 00:00:00 UTC */
    int32_t nsec;            /* [0, 999999999] */
    const struct hc_tz *loc; /* NULL means UTC, as in Go */
};

typedef int64_t hc_duration; /* time.Duration: nanoseconds */

#define HC_DURATION_MIN INT64_MIN
#define HC_DURATION_MAX INT64_MAX

/* A time.Time value holding t, allocated in a (dates.c); HC_ERR_NOMEM on failure. */
hc_status hc_time_val(struct hc_arena *a, struct hc_time t, hc_val *out);

/* time.Unix(sec, nsec) in location loc. */
struct hc_time hc_time_unix(int64_t sec, int64_t nsec, const struct hc_tz *loc);
int64_t hc_time_unix_sec(struct hc_time t);
/* time.Date (fields are normalized: October 32 is November 1). loc != NULL. */
struct hc_time hc_time_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min,
                            int64_t sec, int64_t nsec, const struct hc_tz *loc);
/* t.In(loc): the same instant shown in loc (UTC is stored as NULL). */
struct hc_time hc_time_in(struct hc_time t, const struct hc_tz *loc);

/* The fields of t in its location. */
struct hc_time_fields {
    int64_t year;
    int month, day, yday; /* month 1-12, yday 1-366 */
    int weekday;          /* 0 = Sunday */
    int hour, min, sec;
    const char *zone; /* abbreviation */
    int offset;
};
void hc_time_fields(struct hc_time t, struct hc_time_fields *f);

struct hc_time hc_time_add(struct hc_time t, hc_duration d);
/* t.Sub(u), saturating at the Duration limits. */
hc_duration hc_time_sub(struct hc_time t, struct hc_time u);
struct hc_time hc_time_add_date(struct hc_time t, int64_t years, int64_t months, int64_t days);
/* Round and Truncate to a multiple of d since the zero time (d <= 0: t unchanged). */
struct hc_time hc_time_round(struct hc_time t, hc_duration d, bool truncate);
/* -1, 0 or 1 as t is before, equal to or after u. */
int hc_time_compare(struct hc_time t, struct hc_time u);

/* t.Format(layout), appended to b. */
void hc_time_format(struct hc_buf *b, struct hc_time t, const char *layout, size_t len);
/* t.String(): "2006-01-02 15:04:05.999999999 -0700 MST". */
void hc_time_string(struct hc_buf *b, struct hc_time t);

/*
 * time.ParseInLocation(layout, value, loc), with local the location zone
 * names and offsets are matched against (Go passes loc for both).  On
 * failure returns false and appends Go's error text to errb.  Fixed zones
 * for unknown offsets or names are allocated in a.
 */
bool hc_time_parse(struct hc_arena *a, const char *layout, size_t llen, const char *value,
                   size_t vlen, const struct hc_tz *loc, struct hc_time *out, struct hc_buf *errb);

/* ---- durations ---- */

/* Duration.String: "1h2m3.5s", "1.5ms", "0s". */
void hc_duration_string(struct hc_buf *b, hc_duration d);
/* ParseDuration; on failure false and Go's message ("time: invalid duration \"x\"") in errb. */
bool hc_duration_parse(const char *s, size_t n, hc_duration *out, struct hc_buf *errb);
/* Duration.Round and Truncate. */
hc_duration hc_duration_round(hc_duration d, hc_duration m);
hc_duration hc_duration_truncate(hc_duration d, hc_duration m);

#endif
