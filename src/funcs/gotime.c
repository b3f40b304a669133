/*
 * gotime.c - Go's time.Time, Location lookups, Format, Parse and Duration.
 *
 * Mirrors time/time.go, format.go, format_rfc3339.go and zoneinfo.go.  As in
 * Go, calendar computations count seconds from an "absolute" epoch in the
 * year -292277022399 (1 mod 400, so 400-year cycles start there) as a uint64,
 * so every division rounds down; seconds since year 1 ("internal") and since
 * 1970 ("Unix") differ from it by constants.  Additions that Go performs in
 * wrapping int64 arithmetic are done on uint64 here (the u64 helpers).
 */
#include "funcs/gotime.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"

#define SECONDS_PER_MINUTE 60
#define SECONDS_PER_HOUR   3600
#define SECONDS_PER_DAY    86400
#define SECONDS_PER_WEEK   (7 * SECONDS_PER_DAY)
#define DAYS_PER_400_YEARS (365 * 400 + 97)
#define DAYS_PER_100_YEARS (365 * 100 + 24)
#define DAYS_PER_4_YEARS   (365 * 4 + 1)

#define ABSOLUTE_ZERO_YEAR   (-292277022399LL)
#define ABSOLUTE_TO_INTERNAL (-9223371966579724800LL)
#define INTERNAL_TO_ABSOLUTE 9223371966579724800LL
#define UNIX_TO_INTERNAL     62135596800LL
#define INTERNAL_TO_UNIX     (-UNIX_TO_INTERNAL)

#define ALPHA INT64_MIN
#define OMEGA INT64_MAX

const struct hc_tz hc_tz_utc = {"UTC", NULL, 0, NULL, 0, ""};

/* ---- wrapping int64 arithmetic, as Go's ---- */

static int64_t wadd(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

static int64_t wsub(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a - (uint64_t)b);
}

static int64_t wmul(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a * (uint64_t)b);
}

/* Go's a / b and a % b for b > 0 (truncating, like C, but no overflow for b > 0). */
static int64_t quo(int64_t a, int64_t b)
{
    return a / b;
}

/* ---- calendar ---- */

static const int32_t days_before[13] = {
    0,
    31,
    31 + 28,
    31 + 28 + 31,
    31 + 28 + 31 + 30,
    31 + 28 + 31 + 30 + 31,
    31 + 28 + 31 + 30 + 31 + 30,
    31 + 28 + 31 + 30 + 31 + 30 + 31,
    31 + 28 + 31 + 30 + 31 + 30 + 31 + 31,
    31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30,
    31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31,
    31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30,
    31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31,
};

static const char *const long_day_names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                             "Thursday", "Friday", "Saturday"};
static const char *const short_day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const short_month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const long_month_names[] = {"January",   "February", "March",    "April",
                                               "May",       "June",     "July",     "August",
                                               "September", "October",  "November", "December"};

static bool is_leap(int64_t year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

static int days_in(int month, int64_t year)
{
    if (month == 2 && is_leap(year))
        return 29;
    return days_before[month] - days_before[month - 1];
}

/* daysSinceEpoch: days from the absolute epoch to January 1 of year. */
static uint64_t days_since_epoch(int64_t year)
{
    uint64_t y = (uint64_t)year - (uint64_t)ABSOLUTE_ZERO_YEAR;
    uint64_t n = y / 400;
    y -= 400 * n;
    uint64_t d = DAYS_PER_400_YEARS * n;
    n = y / 100;
    y -= 100 * n;
    d += DAYS_PER_100_YEARS * n;
    n = y / 4;
    y -= 4 * n;
    d += DAYS_PER_4_YEARS * n;
    d += 365 * y;
    return d;
}

struct civil {
    int64_t year;
    int month, day, yday; /* yday 0-based here */
};

/* absDate: the date of absolute time abs. */
static struct civil abs_date(uint64_t abs)
{
    uint64_t d = abs / SECONDS_PER_DAY;
    uint64_t n = d / DAYS_PER_400_YEARS;
    uint64_t y = 400 * n;
    d -= DAYS_PER_400_YEARS * n;
    n = d / DAYS_PER_100_YEARS;
    n -= n >> 2; /* the last day of a 400-year cycle */
    y += 100 * n;
    d -= DAYS_PER_100_YEARS * n;
    n = d / DAYS_PER_4_YEARS;
    y += 4 * n;
    d -= DAYS_PER_4_YEARS * n;
    n = d / 365;
    n -= n >> 2; /* the last day of a leap year */
    y += n;
    d -= 365 * n;
    struct civil c;
    c.year = (int64_t)(y + (uint64_t)ABSOLUTE_ZERO_YEAR);
    c.yday = (int)d;
    int day = c.yday;
    if (is_leap(c.year)) {
        if (day > 31 + 29 - 1) {
            day--; /* after the leap day: as if it were not there */
        } else if (day == 31 + 29 - 1) {
            c.month = 2;
            c.day = 29;
            return c;
        }
    }
    int month = day / 31;
    int end = days_before[month + 1], begin;
    if (day >= end) {
        month++;
        begin = end;
    } else {
        begin = days_before[month];
    }
    c.month = month + 1;
    c.day = day - begin + 1;
    return c;
}

/* ---- locations ---- */

static uint32_t lookup_first_zone(const struct hc_tz *l)
{
    bool first_used = false;
    for (uint32_t i = 0; i < l->ntx; i++)
        if (l->tx[i].index == 0)
            first_used = true;
    if (!first_used)
        return 0;
    if (l->ntx > 0 && l->zone[l->tx[0].index].is_dst)
        for (int zi = (int)l->tx[0].index - 1; zi >= 0; zi--)
            if (!l->zone[zi].is_dst)
                return (uint32_t)zi;
    for (uint32_t zi = 0; zi < l->nzone; zi++)
        if (!l->zone[zi].is_dst)
            return zi;
    return 0;
}

/* tzsetName */
static bool tzset_name(const char **s, const char *end, const char **name, size_t *nlen)
{
    const char *p = *s;
    if (p == end)
        return false;
    if (*p != '<') {
        for (const char *q = p; q < end; q++)
            if ((*q >= '0' && *q <= '9') || *q == ',' || *q == '-' || *q == '+') {
                if (q - p < 3)
                    return false;
                *name = p;
                *nlen = (size_t)(q - p);
                *s = q;
                return true;
            }
        if (end - p < 3)
            return false;
        *name = p;
        *nlen = (size_t)(end - p);
        *s = end;
        return true;
    }
    for (const char *q = p; q < end; q++)
        if (*q == '>') {
            *name = p + 1;
            *nlen = (size_t)(q - p - 1);
            *s = q + 1;
            return true;
        }
    return false;
}

/* tzsetNum */
static bool tzset_num(const char **s, const char *end, int min, int max, int *out)
{
    const char *p = *s;
    if (p == end)
        return false;
    int num = 0;
    for (const char *q = p; q < end; q++) {
        if (*q < '0' || *q > '9') {
            if (q == p || num < min)
                return false;
            *out = num;
            *s = q;
            return true;
        }
        num = num * 10 + (*q - '0');
        if (num > max)
            return false;
    }
    if (num < min)
        return false;
    *out = num;
    *s = end;
    return true;
}

/* tzsetOffset: [+-]hh[:mm[:ss]] in seconds. */
static bool tzset_offset(const char **s, const char *end, int *out)
{
    const char *p = *s;
    if (p == end)
        return false;
    bool neg = false;
    if (*p == '+') {
        p++;
    } else if (*p == '-') {
        p++;
        neg = true;
    }
    int hours, mins, secs, off;
    if (!tzset_num(&p, end, 0, 24 * 7, &hours))
        return false;
    off = hours * SECONDS_PER_HOUR;
    if (p < end && *p == ':') {
        p++;
        if (!tzset_num(&p, end, 0, 59, &mins))
            return false;
        off += mins * SECONDS_PER_MINUTE;
        if (p < end && *p == ':') {
            p++;
            if (!tzset_num(&p, end, 0, 59, &secs))
                return false;
            off += secs;
        }
    }
    *out = neg ? -off : off;
    *s = p;
    return true;
}

enum rule_kind { RULE_JULIAN, RULE_DOY, RULE_MONTH_WEEK_DAY };

struct rule {
    enum rule_kind kind;
    int day, week, mon, time;
};

static bool tzset_rule(const char **s, const char *end, struct rule *r)
{
    const char *p = *s;
    memset(r, 0, sizeof *r);
    if (p == end)
        return false;
    if (*p == 'J') {
        p++;
        if (!tzset_num(&p, end, 1, 365, &r->day))
            return false;
        r->kind = RULE_JULIAN;
    } else if (*p == 'M') {
        p++;
        if (!tzset_num(&p, end, 1, 12, &r->mon) || p == end || *p != '.')
            return false;
        p++;
        if (!tzset_num(&p, end, 1, 5, &r->week) || p == end || *p != '.')
            return false;
        p++;
        if (!tzset_num(&p, end, 0, 6, &r->day))
            return false;
        r->kind = RULE_MONTH_WEEK_DAY;
    } else {
        if (!tzset_num(&p, end, 0, 365, &r->day))
            return false;
        r->kind = RULE_DOY;
    }
    if (p == end || *p != '/') {
        r->time = 2 * SECONDS_PER_HOUR;
        *s = p;
        return true;
    }
    p++;
    if (!tzset_offset(&p, end, &r->time))
        return false;
    *s = p;
    return true;
}

/* tzruleTime: seconds since the start of year at which rule r takes effect. */
static int tzrule_time(int64_t year, const struct rule *r, int off)
{
    int s = 0;
    switch (r->kind) {
    case RULE_JULIAN:
        s = (r->day - 1) * SECONDS_PER_DAY;
        if (is_leap(year) && r->day >= 60)
            s += SECONDS_PER_DAY;
        break;
    case RULE_DOY:
        s = r->day * SECONDS_PER_DAY;
        break;
    case RULE_MONTH_WEEK_DAY: {
        /* Zeller's congruence: the weekday of the first day of the month */
        int m1 = (r->mon + 9) % 12 + 1;
        int64_t yy0 = year;
        if (r->mon <= 2)
            yy0--;
        int64_t yy1 = yy0 / 100, yy2 = yy0 % 100;
        int64_t dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7;
        if (dow < 0)
            dow += 7;
        int d = r->day - (int)dow;
        if (d < 0)
            d += 7;
        for (int i = 1; i < r->week; i++) {
            if (d + 7 >= days_in(r->mon, year))
                break;
            d += 7;
        }
        d += days_before[r->mon - 1];
        if (is_leap(year) && r->mon > 2)
            d++;
        s = d * SECONDS_PER_DAY;
        break;
    }
    }
    return s + r->time - off;
}

static void set_info(struct hc_tz_info *out, const char *name, size_t len, int offset,
                     int64_t start, int64_t end, bool is_dst)
{
    out->name = name;
    out->name_len = len;
    out->offset = offset;
    out->start = start;
    out->end = end;
    out->is_dst = is_dst;
}

/* tzset: the zone the extend string s gives at Unix time sec; false when s does not parse. */
static bool tzset(const char *s, int64_t init_end, int64_t sec, struct hc_tz_info *out)
{
    const char *end = s + strlen(s);
    const char *std_name, *dst_name;
    size_t std_len, dst_len;
    int std_offset, dst_offset;
    if (!tzset_name(&s, end, &std_name, &std_len) || !tzset_offset(&s, end, &std_offset))
        return false;
    std_offset = -std_offset;    /* POSIX offsets count west of UTC */
    if (s == end || *s == ',') { /* no daylight saving time */
        set_info(out, std_name, std_len, std_offset, init_end, OMEGA, false);
        return true;
    }
    if (!tzset_name(&s, end, &dst_name, &dst_len))
        return false;
    if (s == end || *s == ',') {
        dst_offset = std_offset + SECONDS_PER_HOUR;
    } else {
        if (!tzset_offset(&s, end, &dst_offset))
            return false;
        dst_offset = -dst_offset;
    }
    static const char default_rules[] = ",M3.2.0,M11.1.0"; /* tzcode's default */
    if (s == end) {
        s = default_rules;
        end = default_rules + sizeof default_rules - 1;
    }
    if (*s != ',' && *s != ';')
        return false;
    s++;
    struct rule start_rule, end_rule;
    if (!tzset_rule(&s, end, &start_rule) || s == end || *s != ',')
        return false;
    s++;
    if (!tzset_rule(&s, end, &end_rule) || s != end)
        return false;

    struct civil c = abs_date((uint64_t)sec + (uint64_t)(UNIX_TO_INTERNAL + INTERNAL_TO_ABSOLUTE));
    int64_t ysec = wadd((int64_t)c.yday * SECONDS_PER_DAY, sec % SECONDS_PER_DAY);
    int64_t abs = wadd((int64_t)(days_since_epoch(c.year) * SECONDS_PER_DAY),
                       ABSOLUTE_TO_INTERNAL + INTERNAL_TO_UNIX);
    int64_t start_sec = tzrule_time(c.year, &start_rule, std_offset);
    int64_t end_sec = tzrule_time(c.year, &end_rule, dst_offset);
    bool dst_is_dst = true, std_is_dst = false;
    if (end_sec < start_sec) { /* southern hemisphere: the labels swap */
        int64_t ts = start_sec;
        start_sec = end_sec;
        end_sec = ts;
        const char *tn = std_name;
        std_name = dst_name;
        dst_name = tn;
        size_t tl = std_len;
        std_len = dst_len;
        dst_len = tl;
        int to = std_offset;
        std_offset = dst_offset;
        dst_offset = to;
        std_is_dst = true;
        dst_is_dst = false;
    }
    if (ysec < start_sec)
        set_info(out, std_name, std_len, std_offset, abs, wadd(start_sec, abs), std_is_dst);
    else if (ysec >= end_sec)
        set_info(out, std_name, std_len, std_offset, wadd(end_sec, abs),
                 wadd(abs, 365 * SECONDS_PER_DAY), std_is_dst);
    else
        set_info(out, dst_name, dst_len, dst_offset, wadd(start_sec, abs), wadd(end_sec, abs),
                 dst_is_dst);
    return true;
}

void hc_tz_lookup(const struct hc_tz *l, int64_t sec, struct hc_tz_info *out)
{
    if (!l)
        l = &hc_tz_utc;
    if (l->nzone == 0) {
        set_info(out, "UTC", 3, 0, ALPHA, OMEGA, false);
        return;
    }
    if (l->ntx == 0 || sec < l->tx[0].when) {
        const struct hc_tz_zone *z = &l->zone[lookup_first_zone(l)];
        set_info(out, z->name, strlen(z->name), z->offset, ALPHA,
                 l->ntx > 0 ? l->tx[0].when : OMEGA, z->is_dst);
        return;
    }
    /* binary search for the last transition at or before sec */
    int64_t end = OMEGA;
    uint32_t lo = 0, hi = l->ntx;
    while (hi - lo > 1) {
        uint32_t m = lo + (hi - lo) / 2;
        if (sec < l->tx[m].when) {
            end = l->tx[m].when;
            hi = m;
        } else {
            lo = m;
        }
    }
    const struct hc_tz_zone *z = &l->zone[l->tx[lo].index];
    int64_t start = l->tx[lo].when;
    set_info(out, z->name, strlen(z->name), z->offset, start, end, z->is_dst);
    /* past the last transition, the extend string rules */
    if (lo == l->ntx - 1 && l->extend && *l->extend) {
        struct hc_tz_info e;
        if (tzset(l->extend, start, sec, &e))
            *out = e;
    }
}

/* lookupName: the offset of zone abbreviation name near pseudo-Unix time unix. */
static bool lookup_name(const struct hc_tz *l, const char *name, size_t len, int64_t unix,
                        int *offset)
{
    if (!l)
        l = &hc_tz_utc;
    for (uint32_t i = 0; i < l->nzone; i++) {
        const struct hc_tz_zone *z = &l->zone[i];
        if (strlen(z->name) == len && memcmp(z->name, name, len) == 0) {
            struct hc_tz_info info;
            hc_tz_lookup(l, wsub(unix, z->offset), &info);
            if (info.name_len == len && memcmp(info.name, name, len) == 0) {
                *offset = info.offset;
                return true;
            }
        }
    }
    for (uint32_t i = 0; i < l->nzone; i++) {
        const struct hc_tz_zone *z = &l->zone[i];
        if (strlen(z->name) == len && memcmp(z->name, name, len) == 0) {
            *offset = z->offset;
            return true;
        }
    }
    return false;
}

struct fixed_tz {
    struct hc_tz tz;
    struct hc_tz_zone zone;
    struct hc_tz_trans tx;
};

const struct hc_tz *hc_tz_fixed(struct hc_arena *a, const char *name, size_t nlen, int offset)
{
    struct fixed_tz *f = hc_arena_zalloc(a, sizeof *f);
    char *n = hc_arena_strndup(a, name, nlen);
    if (!f || !n)
        return NULL;
    f->zone.name = n;
    f->zone.offset = offset;
    f->tx.when = ALPHA;
    f->tx.index = 0;
    f->tz.name = n;
    f->tz.zone = &f->zone;
    f->tz.nzone = 1;
    f->tz.tx = &f->tx;
    f->tz.ntx = 1;
    f->tz.extend = "";
    return &f->tz;
}

/* ---- instants ---- */

static const struct hc_tz *set_loc(const struct hc_tz *loc)
{
    return loc == &hc_tz_utc ? NULL : loc;
}

int64_t hc_time_unix_sec(struct hc_time t)
{
    return wadd(t.sec, INTERNAL_TO_UNIX);
}

struct hc_time hc_time_unix(int64_t sec, int64_t nsec, const struct hc_tz *loc)
{
    if (nsec < 0 || nsec >= 1000000000) {
        int64_t n = nsec / 1000000000;
        sec = wadd(sec, n);
        nsec -= n * 1000000000;
        if (nsec < 0) {
            nsec += 1000000000;
            sec = wsub(sec, 1);
        }
    }
    struct hc_time t = {wadd(sec, UNIX_TO_INTERNAL), (int32_t)nsec, set_loc(loc)};
    return t;
}

struct hc_time hc_time_in(struct hc_time t, const struct hc_tz *loc)
{
    t.loc = set_loc(loc);
    return t;
}

/* addSec: saturating, as Go's. */
static void add_sec(struct hc_time *t, int64_t d)
{
    int64_t sum = wadd(t->sec, d);
    if ((sum > t->sec) == (d > 0))
        t->sec = sum;
    else if (d > 0)
        t->sec = INT64_MAX;
    else
        t->sec = -INT64_MAX;
}

/* norm: hi*base + lo == nhi*base + nlo with 0 <= nlo < base (wrapping like Go's int). */
static void norm(int64_t *hi, int64_t *lo, int64_t base)
{
    if (*lo < 0) {
        int64_t n = quo(wsub(wsub(0, *lo), 1), base) + 1;
        *hi = wsub(*hi, n);
        *lo = wadd(*lo, wmul(n, base));
    }
    if (*lo >= base) {
        int64_t n = quo(*lo, base);
        *hi = wadd(*hi, n);
        *lo = wsub(*lo, wmul(n, base));
    }
}

struct hc_time hc_time_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min,
                            int64_t sec, int64_t nsec, const struct hc_tz *loc)
{
    int64_t m = wsub(month, 1);
    norm(&year, &m, 12);
    month = m + 1;
    norm(&sec, &nsec, 1000000000);
    norm(&min, &sec, 60);
    norm(&hour, &min, 60);
    norm(&day, &hour, 24);
    uint64_t d = days_since_epoch(year);
    d += (uint64_t)days_before[month - 1];
    if (is_leap(year) && month >= 3)
        d++;
    d += (uint64_t)day - 1;
    uint64_t abs = d * SECONDS_PER_DAY;
    abs += (uint64_t)(hour * SECONDS_PER_HOUR + min * SECONDS_PER_MINUTE + sec);
    int64_t unix = wadd((int64_t)abs, ABSOLUTE_TO_INTERNAL + INTERNAL_TO_UNIX);
    /* the zone offset at the local time; near a transition, look again at the UTC time */
    struct hc_tz_info info;
    hc_tz_lookup(loc, unix, &info);
    if (info.offset != 0) {
        int64_t utc = wsub(unix, info.offset);
        if (utc < info.start || utc >= info.end)
            hc_tz_lookup(loc, utc, &info);
        unix = wsub(unix, info.offset);
    }
    struct hc_time t = hc_time_unix(unix, 0, loc);
    t.nsec = (int32_t)nsec;
    return t;
}

/* locabs: the zone in effect and the absolute local time. */
static uint64_t locabs(struct hc_time t, const char **name, size_t *nlen, int *offset)
{
    int64_t sec = hc_time_unix_sec(t);
    if (t.loc && t.loc != &hc_tz_utc) {
        struct hc_tz_info info;
        hc_tz_lookup(t.loc, sec, &info);
        *name = info.name;
        *nlen = info.name_len;
        *offset = info.offset;
        sec = wadd(sec, info.offset);
    } else {
        *name = "UTC";
        *nlen = 3;
        *offset = 0;
    }
    return (uint64_t)sec + (uint64_t)(UNIX_TO_INTERNAL + INTERNAL_TO_ABSOLUTE);
}

void hc_time_fields(struct hc_time t, struct hc_time_fields *f)
{
    const char *name;
    size_t nlen;
    uint64_t abs = locabs(t, &name, &nlen, &f->offset);
    struct civil c = abs_date(abs);
    f->year = c.year;
    f->month = c.month;
    f->day = c.day;
    f->yday = c.yday + 1;
    f->weekday = (int)(((abs + SECONDS_PER_DAY) % SECONDS_PER_WEEK) / SECONDS_PER_DAY);
    int s = (int)(abs % SECONDS_PER_DAY);
    f->hour = s / SECONDS_PER_HOUR;
    f->min = s % SECONDS_PER_HOUR / SECONDS_PER_MINUTE;
    f->sec = s % SECONDS_PER_MINUTE;
    f->zone = name;
    (void)nlen;
}

struct hc_time hc_time_add(struct hc_time t, hc_duration d)
{
    int64_t dsec = d / 1000000000;
    int32_t nsec = t.nsec + (int32_t)(d % 1000000000);
    if (nsec >= 1000000000) {
        dsec++;
        nsec -= 1000000000;
    } else if (nsec < 0) {
        dsec--;
        nsec += 1000000000;
    }
    t.nsec = nsec;
    add_sec(&t, dsec);
    return t;
}

int hc_time_compare(struct hc_time t, struct hc_time u)
{
    if (t.sec != u.sec)
        return t.sec < u.sec ? -1 : 1;
    if (t.nsec != u.nsec)
        return t.nsec < u.nsec ? -1 : 1;
    return 0;
}

hc_duration hc_time_sub(struct hc_time t, struct hc_time u)
{
    hc_duration d = wadd(wmul(wsub(t.sec, u.sec), 1000000000), (int64_t)t.nsec - u.nsec);
    struct hc_time back = hc_time_add(u, d);
    if (hc_time_compare(back, t) == 0)
        return d;
    return hc_time_compare(t, u) < 0 ? HC_DURATION_MIN : HC_DURATION_MAX;
}

struct hc_time hc_time_add_date(struct hc_time t, int64_t years, int64_t months, int64_t days)
{
    struct hc_time_fields f;
    hc_time_fields(t, &f);
    const struct hc_tz *loc = t.loc ? t.loc : &hc_tz_utc;
    return hc_time_date(wadd(f.year, years), wadd(f.month, months), wadd(f.day, days), f.hour,
                        f.min, f.sec, t.nsec, loc);
}

static bool less_than_half(hc_duration x, hc_duration y)
{
    return (uint64_t)x + (uint64_t)x < (uint64_t)y;
}

struct hc_time hc_time_round(struct hc_time t, hc_duration d, bool truncate)
{
    if (d <= 0)
        return t;
    /* r = t mod d since the zero time, rounding down for times before it */
    __int128 total = (__int128)t.sec * 1000000000 + t.nsec;
    __int128 r = total % d;
    if (r < 0)
        r += d;
    hc_duration rem = (hc_duration)r;
    if (truncate || less_than_half(rem, d))
        return hc_time_add(t, -rem);
    return hc_time_add(t, d - rem);
}

/* ---- formatting ---- */

enum std {
    STD_NONE,
    STD_LONG_MONTH, /* "January" */
    STD_MONTH,      /* "Jan" */
    STD_NUM_MONTH,  /* "1" */
    STD_ZERO_MONTH, /* "01" */
    STD_LONG_WEEKDAY,
    STD_WEEKDAY,
    STD_DAY,           /* "2" */
    STD_UNDER_DAY,     /* "_2" */
    STD_ZERO_DAY,      /* "02" */
    STD_UNDER_YEARDAY, /* "__2" */
    STD_ZERO_YEARDAY,  /* "002" */
    STD_HOUR,          /* "15" */
    STD_HOUR12,        /* "3" */
    STD_ZERO_HOUR12,   /* "03" */
    STD_MINUTE,
    STD_ZERO_MINUTE,
    STD_SECOND,
    STD_ZERO_SECOND,
    STD_LONG_YEAR, /* "2006" */
    STD_YEAR,      /* "06" */
    STD_PM,        /* "PM" */
    STD_pm,        /* "pm" */
    STD_TZ,        /* "MST" */
    STD_ISO8601_TZ,
    STD_ISO8601_SECONDS_TZ,
    STD_ISO8601_SHORT_TZ,
    STD_ISO8601_COLON_TZ,
    STD_ISO8601_COLON_SECONDS_TZ,
    STD_NUM_TZ,
    STD_NUM_SECONDS_TZ,
    STD_NUM_SHORT_TZ,
    STD_NUM_COLON_TZ,
    STD_NUM_COLON_SECONDS_TZ,
    STD_FRAC_SECOND0, /* ".000": trailing zeros kept */
    STD_FRAC_SECOND9  /* ".999": trailing zeros dropped */
};

struct chunk {
    size_t prefix;  /* bytes of literal text before the element */
    enum std std;   /* STD_NONE: no element; the whole layout was literal */
    size_t len;     /* bytes of the element */
    int digits;     /* fractional seconds: how many */
    char separator; /* fractional seconds: '.' or ',' */
};

static bool starts_with(const char *s, size_t n, size_t i, const char *lit)
{
    size_t l = strlen(lit);
    return n >= i + l && memcmp(s + i, lit, l) == 0;
}

static bool starts_lower(const char *s, size_t n, size_t i)
{
    return i < n && s[i] >= 'a' && s[i] <= 'z';
}

static bool digit_at(const char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

/* nextStdChunk: the first layout element in l[0..n). */
static struct chunk next_chunk(const char *l, size_t n)
{
    static const enum std std0x[] = {STD_ZERO_MONTH,  STD_ZERO_DAY,    STD_ZERO_HOUR12,
                                     STD_ZERO_MINUTE, STD_ZERO_SECOND, STD_YEAR};
#define FOUND(p, s, k)      \
    return (struct chunk)   \
    {                       \
        (p), (s), (k), 0, 0 \
    }
    for (size_t i = 0; i < n; i++) {
        switch (l[i]) {
        case 'J':
            if (starts_with(l, n, i, "Jan")) {
                if (starts_with(l, n, i, "January"))
                    FOUND(i, STD_LONG_MONTH, 7);
                if (!starts_lower(l, n, i + 3))
                    FOUND(i, STD_MONTH, 3);
            }
            break;
        case 'M':
            if (starts_with(l, n, i, "Mon")) {
                if (starts_with(l, n, i, "Monday"))
                    FOUND(i, STD_LONG_WEEKDAY, 6);
                if (!starts_lower(l, n, i + 3))
                    FOUND(i, STD_WEEKDAY, 3);
            }
            if (starts_with(l, n, i, "MST"))
                FOUND(i, STD_TZ, 3);
            break;
        case '0':
            if (i + 1 < n && l[i + 1] >= '1' && l[i + 1] <= '6')
                FOUND(i, std0x[l[i + 1] - '1'], 2);
            if (starts_with(l, n, i, "002"))
                FOUND(i, STD_ZERO_YEARDAY, 3);
            break;
        case '1':
            if (i + 1 < n && l[i + 1] == '5')
                FOUND(i, STD_HOUR, 2);
            FOUND(i, STD_NUM_MONTH, 1);
        case '2':
            if (starts_with(l, n, i, "2006"))
                FOUND(i, STD_LONG_YEAR, 4);
            FOUND(i, STD_DAY, 1);
        case '_':
            if (i + 1 < n && l[i + 1] == '2') {
                /* _2006 is a literal _ followed by the long year */
                if (starts_with(l, n, i + 1, "2006"))
                    FOUND(i + 1, STD_LONG_YEAR, 4);
                FOUND(i, STD_UNDER_DAY, 2);
            }
            if (starts_with(l, n, i, "__2"))
                FOUND(i, STD_UNDER_YEARDAY, 3);
            break;
        case '3':
            FOUND(i, STD_HOUR12, 1);
        case '4':
            FOUND(i, STD_MINUTE, 1);
        case '5':
            FOUND(i, STD_SECOND, 1);
        case 'P':
            if (i + 1 < n && l[i + 1] == 'M')
                FOUND(i, STD_PM, 2);
            break;
        case 'p':
            if (i + 1 < n && l[i + 1] == 'm')
                FOUND(i, STD_pm, 2);
            break;
        case '-':
            if (starts_with(l, n, i, "-070000"))
                FOUND(i, STD_NUM_SECONDS_TZ, 7);
            if (starts_with(l, n, i, "-07:00:00"))
                FOUND(i, STD_NUM_COLON_SECONDS_TZ, 9);
            if (starts_with(l, n, i, "-0700"))
                FOUND(i, STD_NUM_TZ, 5);
            if (starts_with(l, n, i, "-07:00"))
                FOUND(i, STD_NUM_COLON_TZ, 6);
            if (starts_with(l, n, i, "-07"))
                FOUND(i, STD_NUM_SHORT_TZ, 3);
            break;
        case 'Z':
            if (starts_with(l, n, i, "Z070000"))
                FOUND(i, STD_ISO8601_SECONDS_TZ, 7);
            if (starts_with(l, n, i, "Z07:00:00"))
                FOUND(i, STD_ISO8601_COLON_SECONDS_TZ, 9);
            if (starts_with(l, n, i, "Z0700"))
                FOUND(i, STD_ISO8601_TZ, 5);
            if (starts_with(l, n, i, "Z07:00"))
                FOUND(i, STD_ISO8601_COLON_TZ, 6);
            if (starts_with(l, n, i, "Z07"))
                FOUND(i, STD_ISO8601_SHORT_TZ, 3);
            break;
        case '.':
        case ',':
            if (i + 1 < n && (l[i + 1] == '0' || l[i + 1] == '9')) {
                char ch = l[i + 1];
                size_t j = i + 1;
                while (j < n && l[j] == ch)
                    j++;
                /* the run of digits must end here: only a fraction is all digits */
                if (!digit_at(l, n, j)) {
                    struct chunk c = {i, ch == '0' ? STD_FRAC_SECOND0 : STD_FRAC_SECOND9, j - i,
                                      (int)((j - (i + 1)) & 0xfff), l[i]};
                    return c;
                }
            }
            break;
        default:
            break;
        }
    }
#undef FOUND
    return (struct chunk){n, STD_NONE, 0, 0, 0};
}

/* appendInt: x in decimal, zero-padded to width digits after any sign. */
static void append_int(struct hc_buf *b, int64_t x, int width)
{
    uint64_t u = (uint64_t)x;
    if (x < 0) {
        hc_buf_addc(b, '-');
        u = -u;
    }
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    for (int pad = width - n; pad > 0; pad--)
        hc_buf_addc(b, '0');
    while (n > 0)
        hc_buf_addc(b, tmp[--n]);
}

/* appendNano: the fraction of a second, n digits. */
static void append_nano(struct hc_buf *b, int nsec, bool trim, int n, char sep)
{
    if (trim && (n == 0 || nsec == 0))
        return;
    char digits[10];
    digits[0] = sep;
    for (int i = 9; i >= 1; i--) {
        digits[i] = (char)('0' + nsec % 10);
        nsec /= 10;
    }
    size_t len = 1 + (size_t)(n < 9 ? n : 9);
    if (trim) {
        while (len > 0 && digits[len - 1] == '0')
            len--;
        if (len > 0 && digits[len - 1] == sep)
            len--;
    }
    hc_buf_add(b, digits, len);
}

static void append_offset(struct hc_buf *b, enum std std, int offset)
{
    bool iso = std == STD_ISO8601_TZ || std == STD_ISO8601_COLON_TZ ||
               std == STD_ISO8601_SECONDS_TZ || std == STD_ISO8601_SHORT_TZ ||
               std == STD_ISO8601_COLON_SECONDS_TZ;
    if (offset == 0 && iso) {
        hc_buf_addc(b, 'Z');
        return;
    }
    int zone = offset / 60, absoffset = offset;
    if (zone < 0) {
        hc_buf_addc(b, '-');
        zone = -zone;
        absoffset = -absoffset;
    } else {
        hc_buf_addc(b, '+');
    }
    append_int(b, zone / 60, 2);
    bool colon = std == STD_ISO8601_COLON_TZ || std == STD_NUM_COLON_TZ ||
                 std == STD_ISO8601_COLON_SECONDS_TZ || std == STD_NUM_COLON_SECONDS_TZ;
    if (colon)
        hc_buf_addc(b, ':');
    if (std != STD_NUM_SHORT_TZ && std != STD_ISO8601_SHORT_TZ)
        append_int(b, zone % 60, 2);
    if (std == STD_ISO8601_SECONDS_TZ || std == STD_NUM_SECONDS_TZ ||
        std == STD_NUM_COLON_SECONDS_TZ || std == STD_ISO8601_COLON_SECONDS_TZ) {
        if (colon)
            hc_buf_addc(b, ':');
        append_int(b, absoffset % 60, 2);
    }
}

void hc_time_format(struct hc_buf *b, struct hc_time t, const char *layout, size_t n)
{
    const char *name;
    size_t nlen;
    int offset;
    uint64_t abs = locabs(t, &name, &nlen, &offset);
    struct civil c = {0, 0, 0, 0};
    bool have_date = false;
    int hour = -1, min = 0, sec = 0;
    while (n > 0) {
        struct chunk k = next_chunk(layout, n);
        hc_buf_add(b, layout, k.prefix);
        if (k.std == STD_NONE)
            break;
        layout += k.prefix + k.len;
        n -= k.prefix + k.len;
        if (!have_date) {
            c = abs_date(abs);
            have_date = true;
        }
        if (hour < 0) {
            int s = (int)(abs % SECONDS_PER_DAY);
            hour = s / SECONDS_PER_HOUR;
            min = s % SECONDS_PER_HOUR / SECONDS_PER_MINUTE;
            sec = s % SECONDS_PER_MINUTE;
        }
        switch (k.std) {
        case STD_YEAR: {
            int64_t y = c.year < 0 ? -c.year : c.year;
            append_int(b, y % 100, 2);
            break;
        }
        case STD_LONG_YEAR:
            append_int(b, c.year, 4);
            break;
        case STD_MONTH:
            hc_buf_adds(b, short_month_names[c.month - 1]);
            break;
        case STD_LONG_MONTH:
            hc_buf_adds(b, long_month_names[c.month - 1]);
            break;
        case STD_NUM_MONTH:
            append_int(b, c.month, 0);
            break;
        case STD_ZERO_MONTH:
            append_int(b, c.month, 2);
            break;
        case STD_WEEKDAY:
        case STD_LONG_WEEKDAY: {
            int wd = (int)(((abs + SECONDS_PER_DAY) % SECONDS_PER_WEEK) / SECONDS_PER_DAY);
            hc_buf_adds(b, k.std == STD_WEEKDAY ? short_day_names[wd] : long_day_names[wd]);
            break;
        }
        case STD_DAY:
            append_int(b, c.day, 0);
            break;
        case STD_UNDER_DAY:
            if (c.day < 10)
                hc_buf_addc(b, ' ');
            append_int(b, c.day, 0);
            break;
        case STD_ZERO_DAY:
            append_int(b, c.day, 2);
            break;
        case STD_UNDER_YEARDAY:
            if (c.yday + 1 < 100) {
                hc_buf_addc(b, ' ');
                if (c.yday + 1 < 10)
                    hc_buf_addc(b, ' ');
            }
            append_int(b, c.yday + 1, 0);
            break;
        case STD_ZERO_YEARDAY:
            append_int(b, c.yday + 1, 3);
            break;
        case STD_HOUR:
            append_int(b, hour, 2);
            break;
        case STD_HOUR12:
        case STD_ZERO_HOUR12: {
            int hr = hour % 12 == 0 ? 12 : hour % 12; /* noon is 12PM, midnight 12AM */
            append_int(b, hr, k.std == STD_HOUR12 ? 0 : 2);
            break;
        }
        case STD_MINUTE:
            append_int(b, min, 0);
            break;
        case STD_ZERO_MINUTE:
            append_int(b, min, 2);
            break;
        case STD_SECOND:
            append_int(b, sec, 0);
            break;
        case STD_ZERO_SECOND:
            append_int(b, sec, 2);
            break;
        case STD_PM:
            hc_buf_adds(b, hour >= 12 ? "PM" : "AM");
            break;
        case STD_pm:
            hc_buf_adds(b, hour >= 12 ? "pm" : "am");
            break;
        case STD_TZ:
            if (nlen > 0) {
                hc_buf_add(b, name, nlen);
            } else {
                /* no abbreviation: -0700 style */
                int zone = offset / 60;
                if (zone < 0) {
                    hc_buf_addc(b, '-');
                    zone = -zone;
                } else {
                    hc_buf_addc(b, '+');
                }
                append_int(b, zone / 60, 2);
                append_int(b, zone % 60, 2);
            }
            break;
        case STD_FRAC_SECOND0:
        case STD_FRAC_SECOND9:
            append_nano(b, t.nsec, k.std == STD_FRAC_SECOND9, k.digits, k.separator);
            break;
        case STD_NONE:
            break;
        default:
            append_offset(b, k.std, offset);
            break;
        }
    }
}

void hc_time_string(struct hc_buf *b, struct hc_time t)
{
    static const char layout[] = "2006-01-02 15:04:05.999999999 -0700 MST";
    hc_time_format(b, t, layout, sizeof layout - 1);
}

/* ---- parsing ---- */

/* The quote() of Go's time package: non-ASCII and control bytes as \x escapes. */
static void time_quote(struct hc_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    hc_buf_addc(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c < ' ') {
            size_t width = 1;
            if (c >= 0x80) {
                /* the length of a valid UTF-8 sequence; 1 for anything invalid */
                size_t need = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
                bool ok = need > 0 && i + need <= n;
                for (size_t k = 1; ok && k < need; k++)
                    ok = ((unsigned char)s[i + k] & 0xc0) == 0x80;
                if (ok && need == 3) {
                    unsigned char c1 = (unsigned char)s[i + 1];
                    ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);
                }
                if (ok && need == 4) {
                    unsigned char c1 = (unsigned char)s[i + 1];
                    ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
                }
                width = ok ? need : 1;
            }
            for (size_t j = 0; j < width; j++) {
                unsigned char x = (unsigned char)s[i + j];
                char e[4] = {'\\', 'x', hex[x >> 4], hex[x & 15]};
                hc_buf_add(b, e, 4);
            }
            i += width;
        } else {
            if (c == '"' || c == '\\')
                hc_buf_addc(b, '\\');
            hc_buf_addc(b, (char)c);
            i++;
        }
    }
    hc_buf_addc(b, '"');
}

/* newParseError(...).Error() appended to errb. */
static void parse_error(struct hc_buf *errb, const char *layout, size_t llen, const char *value,
                        size_t vlen, const char *lelem, size_t lelen, const char *velem,
                        size_t velen, const char *msg)
{
    hc_buf_adds(errb, "parsing time ");
    time_quote(errb, value, vlen);
    if (msg) {
        hc_buf_adds(errb, msg);
        return;
    }
    hc_buf_adds(errb, " as ");
    time_quote(errb, layout, llen);
    hc_buf_adds(errb, ": cannot parse ");
    time_quote(errb, velem, velen);
    hc_buf_adds(errb, " as ");
    time_quote(errb, lelem, lelen);
}

/* A string being consumed. */
struct str {
    const char *s;
    size_t n;
};

static void advance(struct str *v, size_t k)
{
    v->s += k;
    v->n -= k;
}

/* leadingInt: the leading [0-9]* of s; false on overflow (past 1<<63). */
static bool leading_int(struct str *s, uint64_t *x)
{
    uint64_t v = 0;
    size_t i = 0;
    for (; i < s->n; i++) {
        char c = s->s[i];
        if (c < '0' || c > '9')
            break;
        if (v > (1ULL << 63) / 10)
            return false;
        v = v * 10 + (uint64_t)(c - '0');
        if (v > 1ULL << 63)
            return false;
    }
    advance(s, i);
    *x = v;
    return true;
}

/* atoi: [+-]?[0-9]* filling all of s (Go's time package version). */
static bool time_atoi(struct str s, int64_t *out)
{
    bool neg = false;
    if (s.n > 0 && (s.s[0] == '-' || s.s[0] == '+')) {
        neg = s.s[0] == '-';
        advance(&s, 1);
    }
    uint64_t q;
    if (!leading_int(&s, &q) || s.n > 0)
        return false;
    int64_t x = (int64_t)q;
    *out = neg ? wsub(0, x) : x;
    return true;
}

/* getnum: one or two digits (fixed: exactly two). */
static bool getnum(struct str *v, bool fixed, int64_t *out)
{
    if (!digit_at(v->s, v->n, 0))
        return false;
    if (!digit_at(v->s, v->n, 1)) {
        if (fixed)
            return false;
        *out = v->s[0] - '0';
        advance(v, 1);
        return true;
    }
    *out = (v->s[0] - '0') * 10 + (v->s[1] - '0');
    advance(v, 2);
    return true;
}

/* getnum3: one to three digits (fixed: exactly three). */
static bool getnum3(struct str *v, bool fixed, int64_t *out)
{
    int64_t n = 0;
    size_t i = 0;
    for (; i < 3 && digit_at(v->s, v->n, i); i++)
        n = n * 10 + (v->s[i] - '0');
    if (i == 0 || (fixed && i != 3))
        return false;
    advance(v, i);
    *out = n;
    return true;
}

/* skip: removes the literal prefix from v, a run of spaces matching any run. */
static bool skip(struct str *v, const char *p, size_t pn)
{
    while (pn > 0) {
        if (*p == ' ') {
            if (v->n > 0 && v->s[0] != ' ')
                return false;
            while (pn > 0 && *p == ' ') {
                p++;
                pn--;
            }
            while (v->n > 0 && v->s[0] == ' ')
                advance(v, 1);
            continue;
        }
        if (v->n == 0 || v->s[0] != *p)
            return false;
        p++;
        pn--;
        advance(v, 1);
    }
    return true;
}

/* match: case-insensitive equality of ASCII letters. */
static bool match_fold(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c1 = (unsigned char)a[i], c2 = (unsigned char)b[i];
        if (c1 != c2) {
            c1 |= 'a' - 'A';
            c2 |= 'a' - 'A';
            if (c1 != c2 || c1 < 'a' || c1 > 'z')
                return false;
        }
    }
    return true;
}

static bool lookup_tab(const char *const *tab, int count, struct str *v, int64_t *idx)
{
    for (int i = 0; i < count; i++) {
        size_t l = strlen(tab[i]);
        if (v->n >= l && match_fold(v->s, tab[i], l)) {
            advance(v, l);
            *idx = i;
            return true;
        }
    }
    return false;
}

static bool comma_or_period(char c)
{
    return c == '.' || c == ',';
}

/* parseSignedOffset: length of a [+-]NN offset (1-23 hours), or 0. */
static size_t parse_signed_offset(struct str v)
{
    if (v.n == 0 || (v.s[0] != '-' && v.s[0] != '+'))
        return 0;
    struct str rest = {v.s + 1, v.n - 1};
    uint64_t x;
    if (!leading_int(&rest, &x) || rest.n == v.n - 1 || x > 23)
        return 0;
    return v.n - rest.n;
}

/* parseTimeZone: the length of a zone abbreviation at the start of v, or 0. */
static size_t parse_time_zone(struct str v)
{
    if (v.n < 3)
        return 0;
    if (v.n >= 4 && (memcmp(v.s, "ChST", 4) == 0 || memcmp(v.s, "MeST", 4) == 0))
        return 4;
    if (memcmp(v.s, "GMT", 3) == 0) {
        if (v.n == 3)
            return 3;
        struct str r = {v.s + 3, v.n - 3};
        return 3 + parse_signed_offset(r);
    }
    if (v.s[0] == '+' || v.s[0] == '-')
        return parse_signed_offset(v);
    size_t upper = 0;
    while (upper < 6 && upper < v.n && v.s[upper] >= 'A' && v.s[upper] <= 'Z')
        upper++;
    switch (upper) {
    case 5:
        return v.s[4] == 'T' ? 5 : 0;
    case 4:
        return v.s[3] == 'T' || memcmp(v.s, "WITA", 4) == 0 ? 4 : 0;
    case 3:
        return 3;
    default:
        return 0;
    }
}

/* parseNanoseconds: value[0] is the separator, nbytes counts it. */
static bool parse_nanoseconds(struct str value, size_t nbytes, int64_t *ns, const char **range)
{
    if (!comma_or_period(value.s[0]))
        return false;
    if (nbytes > 10)
        nbytes = 10;
    struct str digits = {value.s + 1, nbytes - 1};
    if (!time_atoi(digits, ns))
        return false;
    if (*ns < 0) {
        *range = "fractional second";
        return true;
    }
    for (size_t i = 0; i < 10 - nbytes; i++)
        *ns *= 10;
    return true;
}

/* parseRFC3339: the fast path for RFC3339 layouts; false hands over to the general parser. */
static bool parse_rfc3339(struct hc_arena *a, struct str s, const struct hc_tz *local,
                          struct hc_time *out, bool *nomem)
{
    if (s.n < 19)
        return false;
    bool ok = true;
    int64_t vals[6];
    static const size_t at[6] = {0, 5, 8, 11, 14, 17}, len[6] = {4, 2, 2, 2, 2, 2};
    static const int64_t lo[6] = {0, 1, 1, 0, 0, 0}, hi[6] = {9999, 12, 31, 23, 59, 59};
    for (int i = 0; i < 6; i++) {
        int64_t x = 0;
        bool good = true;
        for (size_t k = 0; k < len[i]; k++) {
            char c = s.s[at[i] + k];
            if (c < '0' || c > '9') {
                good = false;
                break;
            }
            x = x * 10 + (c - '0');
        }
        int64_t max =
            i == 2 && vals[1] >= 1 && vals[1] <= 12 ? days_in((int)vals[1], vals[0]) : hi[i];
        if (!good || x < lo[i] || x > max) {
            ok = false;
            x = lo[i];
        }
        vals[i] = x;
    }
    if (!ok || s.s[4] != '-' || s.s[7] != '-' || s.s[10] != 'T' || s.s[13] != ':' || s.s[16] != ':')
        return false;
    advance(&s, 19);
    int64_t nsec = 0;
    if (s.n >= 2 && s.s[0] == '.' && digit_at(s.s, s.n, 1)) {
        size_t n = 2;
        while (n < s.n && digit_at(s.s, s.n, n))
            n++;
        const char *range = NULL;
        parse_nanoseconds(s, n, &nsec, &range);
        advance(&s, n);
    }
    struct hc_time t =
        hc_time_date(vals[0], vals[1], vals[2], vals[3], vals[4], vals[5], nsec, &hc_tz_utc);
    if (s.n != 1 || s.s[0] != 'Z') {
        if (s.n != 6)
            return false;
        int64_t hr = 0, mm = 0;
        bool good = digit_at(s.s, s.n, 1) && digit_at(s.s, s.n, 2) && digit_at(s.s, s.n, 4) &&
                    digit_at(s.s, s.n, 5);
        if (good) {
            hr = (s.s[1] - '0') * 10 + (s.s[2] - '0');
            mm = (s.s[4] - '0') * 10 + (s.s[5] - '0');
            good = hr <= 23 && mm <= 59;
        }
        if (!good || !((s.s[0] == '-' || s.s[0] == '+') && s.s[3] == ':'))
            return false;
        int offset = (int)((hr * 60 + mm) * 60);
        if (s.s[0] == '-')
            offset = -offset;
        add_sec(&t, -(int64_t)offset);
        struct hc_tz_info info;
        hc_tz_lookup(local, hc_time_unix_sec(t), &info);
        if (info.offset == offset) {
            t.loc = set_loc(local);
        } else {
            const struct hc_tz *f = hc_tz_fixed(a, "", 0, offset);
            if (!f) {
                *nomem = true;
                return false;
            }
            t.loc = f;
        }
    }
    *out = t;
    return true;
}

bool hc_time_parse(struct hc_arena *a, const char *layout, size_t llen, const char *value,
                   size_t vlen, const struct hc_tz *loc, struct hc_time *out, struct hc_buf *errb)
{
    static const char rfc3339[] = "2006-01-02T15:04:05Z07:00";
    static const char rfc3339nano[] = "2006-01-02T15:04:05.999999999Z07:00";
    if ((llen == sizeof rfc3339 - 1 && memcmp(layout, rfc3339, llen) == 0) ||
        (llen == sizeof rfc3339nano - 1 && memcmp(layout, rfc3339nano, llen) == 0)) {
        bool nomem = false;
        struct str v = {value, vlen};
        if (parse_rfc3339(a, v, loc, out, &nomem))
            return true;
        if (nomem) {
            hc_buf_adds(errb, "out of memory");
            return false;
        }
    }
    const struct hc_tz *local = loc;
    struct str l = {layout, llen}, v = {value, vlen};
    const char *range = NULL;
    bool am_set = false, pm_set = false;
    int64_t year = 0, month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
    const struct hc_tz *z = NULL;
    int64_t zone_offset = -1;
    const char *zone_name = NULL;
    size_t zone_len = 0;
    for (;;) {
        struct chunk k = next_chunk(l.s, l.n);
        const char *stdstr = l.s + k.prefix;
        size_t stdlen = k.len;
        if (!skip(&v, l.s, k.prefix)) {
            parse_error(errb, layout, llen, value, vlen, l.s, k.prefix, v.s, v.n, NULL);
            return false;
        }
        if (k.std == STD_NONE) {
            if (v.n != 0) {
                struct hc_buf m = HC_BUF_INIT;
                hc_buf_adds(&m, ": extra text: ");
                time_quote(&m, v.s, v.n);
                parse_error(errb, layout, llen, value, vlen, "", 0, v.s, v.n, hc_buf_str(&m));
                hc_buf_release(&m);
                return false;
            }
            break;
        }
        advance(&l, k.prefix + k.len);
        struct str hold = v;
        bool ok = true;
        switch (k.std) {
        case STD_YEAR: {
            if (v.n < 2) {
                ok = false;
                break;
            }
            struct str p = {v.s, 2};
            advance(&v, 2);
            ok = time_atoi(p, &year);
            if (ok)
                year += year >= 69 ? 1900 : 2000;
            break;
        }
        case STD_LONG_YEAR: {
            if (v.n < 4 || !digit_at(v.s, v.n, 0)) {
                ok = false;
                break;
            }
            struct str p = {v.s, 4};
            advance(&v, 4);
            ok = time_atoi(p, &year);
            break;
        }
        case STD_MONTH:
            ok = lookup_tab(short_month_names, 12, &v, &month);
            month++;
            break;
        case STD_LONG_MONTH:
            ok = lookup_tab(long_month_names, 12, &v, &month);
            month++;
            break;
        case STD_NUM_MONTH:
        case STD_ZERO_MONTH:
            ok = getnum(&v, k.std == STD_ZERO_MONTH, &month);
            if (ok && (month <= 0 || month > 12))
                range = "month";
            break;
        case STD_WEEKDAY: {
            int64_t ignored;
            ok = lookup_tab(short_day_names, 7, &v, &ignored);
            break;
        }
        case STD_LONG_WEEKDAY: {
            int64_t ignored;
            ok = lookup_tab(long_day_names, 7, &v, &ignored);
            break;
        }
        case STD_DAY:
        case STD_UNDER_DAY:
        case STD_ZERO_DAY:
            if (k.std == STD_UNDER_DAY && v.n > 0 && v.s[0] == ' ')
                advance(&v, 1);
            ok = getnum(&v, k.std == STD_ZERO_DAY, &day);
            break;
        case STD_UNDER_YEARDAY:
        case STD_ZERO_YEARDAY:
            for (int i = 0; i < 2; i++)
                if (k.std == STD_UNDER_YEARDAY && v.n > 0 && v.s[0] == ' ')
                    advance(&v, 1);
            ok = getnum3(&v, k.std == STD_ZERO_YEARDAY, &yday);
            break;
        case STD_HOUR:
            ok = getnum(&v, false, &hour);
            if (hour < 0 || hour >= 24)
                range = "hour";
            break;
        case STD_HOUR12:
        case STD_ZERO_HOUR12:
            ok = getnum(&v, k.std == STD_ZERO_HOUR12, &hour);
            if (hour < 0 || hour > 12)
                range = "hour";
            break;
        case STD_MINUTE:
        case STD_ZERO_MINUTE:
            ok = getnum(&v, k.std == STD_ZERO_MINUTE, &min);
            if (min < 0 || min >= 60)
                range = "minute";
            break;
        case STD_SECOND:
        case STD_ZERO_SECOND:
            ok = getnum(&v, k.std == STD_ZERO_SECOND, &sec);
            if (!ok)
                break;
            if (sec < 0 || sec >= 60) {
                range = "second";
                break;
            }
            /* a fraction in the value with none in the layout */
            if (v.n >= 2 && comma_or_period(v.s[0]) && digit_at(v.s, v.n, 1)) {
                struct chunk nk = next_chunk(l.s, l.n);
                if (nk.std == STD_FRAC_SECOND0 || nk.std == STD_FRAC_SECOND9)
                    break;
                size_t n = 2;
                while (n < v.n && digit_at(v.s, v.n, n))
                    n++;
                ok = parse_nanoseconds(v, n, &nsec, &range);
                advance(&v, n);
            }
            break;
        case STD_PM:
        case STD_pm: {
            if (v.n < 2) {
                ok = false;
                break;
            }
            const char *p = v.s;
            advance(&v, 2);
            bool upper = k.std == STD_PM;
            if (memcmp(p, upper ? "PM" : "pm", 2) == 0)
                pm_set = true;
            else if (memcmp(p, upper ? "AM" : "am", 2) == 0)
                am_set = true;
            else
                ok = false;
            break;
        }
        case STD_ISO8601_TZ:
        case STD_ISO8601_SHORT_TZ:
        case STD_ISO8601_COLON_TZ:
        case STD_ISO8601_SECONDS_TZ:
        case STD_ISO8601_COLON_SECONDS_TZ:
            if (v.n >= 1 && v.s[0] == 'Z') {
                advance(&v, 1);
                z = &hc_tz_utc;
                break;
            }
            /* fall through */
        case STD_NUM_TZ:
        case STD_NUM_SHORT_TZ:
        case STD_NUM_COLON_TZ:
        case STD_NUM_SECONDS_TZ:
        case STD_NUM_COLON_SECONDS_TZ: {
            char sign;
            char hh[2], mm[2] = {'0', '0'}, ss[2] = {'0', '0'};
            if (k.std == STD_ISO8601_COLON_TZ || k.std == STD_NUM_COLON_TZ) {
                if (v.n < 6 || v.s[3] != ':') {
                    ok = false;
                    break;
                }
                sign = v.s[0];
                memcpy(hh, v.s + 1, 2);
                memcpy(mm, v.s + 4, 2);
                advance(&v, 6);
            } else if (k.std == STD_NUM_SHORT_TZ || k.std == STD_ISO8601_SHORT_TZ) {
                if (v.n < 3) {
                    ok = false;
                    break;
                }
                sign = v.s[0];
                memcpy(hh, v.s + 1, 2);
                advance(&v, 3);
            } else if (k.std == STD_ISO8601_COLON_SECONDS_TZ || k.std == STD_NUM_COLON_SECONDS_TZ) {
                if (v.n < 9 || v.s[3] != ':' || v.s[6] != ':') {
                    ok = false;
                    break;
                }
                sign = v.s[0];
                memcpy(hh, v.s + 1, 2);
                memcpy(mm, v.s + 4, 2);
                memcpy(ss, v.s + 7, 2);
                advance(&v, 9);
            } else if (k.std == STD_ISO8601_SECONDS_TZ || k.std == STD_NUM_SECONDS_TZ) {
                if (v.n < 7) {
                    ok = false;
                    break;
                }
                sign = v.s[0];
                memcpy(hh, v.s + 1, 2);
                memcpy(mm, v.s + 3, 2);
                memcpy(ss, v.s + 5, 2);
                advance(&v, 7);
            } else {
                if (v.n < 5) {
                    ok = false;
                    break;
                }
                sign = v.s[0];
                memcpy(hh, v.s + 1, 2);
                memcpy(mm, v.s + 3, 2);
                advance(&v, 5);
            }
            int64_t hr = 0, mi = 0, se = 0;
            struct str sh = {hh, 2}, sm = {mm, 2}, sx = {ss, 2};
            ok = getnum(&sh, true, &hr) && getnum(&sm, true, &mi) && getnum(&sx, true, &se);
            if (hr > 24)
                range = "time zone offset hour";
            if (mi > 60)
                range = "time zone offset minute";
            if (se > 60)
                range = "time zone offset second";
            zone_offset = (hr * 60 + mi) * 60 + se;
            if (sign == '-')
                zone_offset = -zone_offset;
            else if (sign != '+')
                ok = false;
            break;
        }
        case STD_TZ: {
            if (v.n >= 3 && memcmp(v.s, "UTC", 3) == 0) {
                z = &hc_tz_utc;
                advance(&v, 3);
                break;
            }
            size_t n = parse_time_zone(v);
            if (n == 0) {
                ok = false;
                break;
            }
            zone_name = v.s;
            zone_len = n;
            advance(&v, n);
            break;
        }
        case STD_FRAC_SECOND0: {
            size_t ndigit = 1 + (size_t)k.digits;
            if (v.n < ndigit) {
                ok = false;
                break;
            }
            ok = parse_nanoseconds(v, ndigit, &nsec, &range);
            advance(&v, ndigit);
            break;
        }
        case STD_FRAC_SECOND9: {
            if (v.n < 2 || !comma_or_period(v.s[0]) || v.s[1] < '0' || v.s[1] > '9')
                break; /* the fraction is optional */
            size_t i = 0;
            while (i + 1 < v.n && v.s[i + 1] >= '0' && v.s[i + 1] <= '9')
                i++;
            ok = parse_nanoseconds(v, 1 + i, &nsec, &range);
            advance(&v, 1 + i);
            break;
        }
        case STD_NONE:
            break;
        }
        if (range) {
            struct hc_buf m = HC_BUF_INIT;
            hc_buf_printf(&m, ": %s out of range", range);
            parse_error(errb, layout, llen, value, vlen, stdstr, stdlen, v.s, v.n, hc_buf_str(&m));
            hc_buf_release(&m);
            return false;
        }
        if (!ok) {
            parse_error(errb, layout, llen, value, vlen, stdstr, stdlen, hold.s, hold.n, NULL);
            return false;
        }
    }
    if (pm_set && hour < 12)
        hour += 12;
    else if (am_set && hour == 12)
        hour = 0;

    if (yday >= 0) {
        int64_t d = 0, m = 0;
        if (is_leap(year)) {
            if (yday == 31 + 29) {
                m = 2;
                d = 29;
            } else if (yday > 31 + 29) {
                yday--;
            }
        }
        if (yday < 1 || yday > 365) {
            parse_error(errb, layout, llen, value, vlen, "", 0, v.s, v.n,
                        ": day-of-year out of range");
            return false;
        }
        if (m == 0) {
            m = (yday - 1) / 31 + 1;
            if (days_before[m] < yday)
                m++;
            d = yday - days_before[m - 1];
        }
        if (month >= 0 && month != m) {
            parse_error(errb, layout, llen, value, vlen, "", 0, v.s, v.n,
                        ": day-of-year does not match month");
            return false;
        }
        month = m;
        if (day >= 0 && day != d) {
            parse_error(errb, layout, llen, value, vlen, "", 0, v.s, v.n,
                        ": day-of-year does not match day");
            return false;
        }
        day = d;
    } else {
        if (month < 0)
            month = 1;
        if (day < 0)
            day = 1;
    }
    if (day < 1 || day > days_in((int)month, year)) {
        parse_error(errb, layout, llen, value, vlen, "", 0, v.s, v.n, ": day out of range");
        return false;
    }
    if (z) {
        *out = hc_time_date(year, month, day, hour, min, sec, nsec, z);
        return true;
    }
    if (zone_offset != -1) {
        struct hc_time t = hc_time_date(year, month, day, hour, min, sec, nsec, &hc_tz_utc);
        add_sec(&t, -zone_offset);
        struct hc_tz_info info;
        hc_tz_lookup(local, hc_time_unix_sec(t), &info);
        if (info.offset == zone_offset &&
            (zone_name == NULL ||
             (info.name_len == zone_len && memcmp(info.name, zone_name, zone_len) == 0))) {
            t.loc = set_loc(local);
            *out = t;
            return true;
        }
        const struct hc_tz *f =
            hc_tz_fixed(a, zone_name ? zone_name : "", zone_len, (int)zone_offset);
        if (!f) {
            hc_buf_adds(errb, "out of memory");
            return false;
        }
        t.loc = f;
        *out = t;
        return true;
    }
    if (zone_name) {
        struct hc_time t = hc_time_date(year, month, day, hour, min, sec, nsec, &hc_tz_utc);
        int offset = 0;
        if (lookup_name(local, zone_name, zone_len, hc_time_unix_sec(t), &offset)) {
            add_sec(&t, -(int64_t)offset);
            t.loc = set_loc(local);
            *out = t;
            return true;
        }
        if (zone_len > 3 && memcmp(zone_name, "GMT", 3) == 0) {
            int64_t h = 0;
            struct str rest = {zone_name + 3, zone_len - 3};
            time_atoi(rest, &h); /* parseGMT made sure of it */
            offset = (int)(h * 3600);
        }
        const struct hc_tz *f = hc_tz_fixed(a, zone_name, zone_len, offset);
        if (!f) {
            hc_buf_adds(errb, "out of memory");
            return false;
        }
        t.loc = f;
        *out = t;
        return true;
    }
    *out = hc_time_date(year, month, day, hour, min, sec, nsec, loc);
    return true;
}

/* ---- durations ---- */

/* fmtFrac: v/10^prec's fraction into the tail of buf (no trailing zeros); returns v/10^prec. */
static uint64_t fmt_frac(char *buf, int *w, uint64_t v, int prec)
{
    bool print = false;
    for (int i = 0; i < prec; i++) {
        uint64_t digit = v % 10;
        print = print || digit != 0;
        if (print)
            buf[--*w] = (char)('0' + digit);
        v /= 10;
    }
    if (print)
        buf[--*w] = '.';
    return v;
}

static void fmt_int(char *buf, int *w, uint64_t v)
{
    if (v == 0) {
        buf[--*w] = '0';
        return;
    }
    while (v > 0) {
        buf[--*w] = (char)('0' + v % 10);
        v /= 10;
    }
}

void hc_duration_string(struct hc_buf *b, hc_duration d)
{
    char buf[32];
    int w = (int)sizeof buf;
    uint64_t u = (uint64_t)d;
    bool neg = d < 0;
    if (neg)
        u = -u;
    if (u < 1000000000) {
        /* under a second: smaller units, like 1.2ms */
        int prec;
        buf[--w] = 's';
        if (u == 0) {
            hc_buf_adds(b, "0s");
            return;
        }
        if (u < 1000) {
            prec = 0;
            buf[--w] = 'n';
        } else if (u < 1000000) {
            prec = 3;
            buf[--w] = (char)0xb5; /* U+00B5 MICRO SIGN */
            buf[--w] = (char)0xc2;
        } else {
            prec = 6;
            buf[--w] = 'm';
        }
        u = fmt_frac(buf, &w, u, prec);
        fmt_int(buf, &w, u);
    } else {
        buf[--w] = 's';
        u = fmt_frac(buf, &w, u, 9);
        fmt_int(buf, &w, u % 60);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            fmt_int(buf, &w, u % 60);
            u /= 60;
            if (u > 0) { /* hours at most: days differ in length */
                buf[--w] = 'h';
                fmt_int(buf, &w, u);
            }
        }
    }
    if (neg)
        buf[--w] = '-';
    hc_buf_add(b, buf + w, sizeof buf - (size_t)w);
}

/* leadingFraction: digits of a fraction, precision dropped past overflow. */
static void leading_fraction(struct str *s, uint64_t *x, double *scale)
{
    size_t i = 0;
    bool overflow = false;
    *x = 0;
    *scale = 1;
    for (; i < s->n; i++) {
        char c = s->s[i];
        if (c < '0' || c > '9')
            break;
        if (overflow)
            continue;
        if (*x > (INT64_MAX - 1) / 10) {
            overflow = true;
            continue;
        }
        uint64_t y = *x * 10 + (uint64_t)(c - '0');
        if (y > 1ULL << 63) {
            overflow = true;
            continue;
        }
        *x = y;
        *scale *= 10;
    }
    advance(s, i);
}

static bool duration_error(struct hc_buf *errb, const char *what, const char *s, size_t n)
{
    hc_buf_adds(errb, what);
    time_quote(errb, s, n);
    return false;
}

bool hc_duration_parse(const char *orig, size_t on, hc_duration *out, struct hc_buf *errb)
{
    struct str s = {orig, on};
    uint64_t d = 0;
    bool neg = false;
    if (s.n > 0 && (s.s[0] == '-' || s.s[0] == '+')) {
        neg = s.s[0] == '-';
        advance(&s, 1);
    }
    if (s.n == 1 && s.s[0] == '0') {
        *out = 0;
        return true;
    }
    if (s.n == 0)
        return duration_error(errb, "time: invalid duration ", orig, on);
    while (s.n > 0) {
        uint64_t v, f = 0;
        double scale = 1;
        if (!(s.s[0] == '.' || (s.s[0] >= '0' && s.s[0] <= '9')))
            return duration_error(errb, "time: invalid duration ", orig, on);
        size_t pl = s.n;
        if (!leading_int(&s, &v))
            return duration_error(errb, "time: invalid duration ", orig, on);
        bool pre = pl != s.n;
        bool post = false;
        if (s.n > 0 && s.s[0] == '.') {
            advance(&s, 1);
            size_t pl2 = s.n;
            leading_fraction(&s, &f, &scale);
            post = pl2 != s.n;
        }
        if (!pre && !post)
            return duration_error(errb, "time: invalid duration ", orig, on);
        size_t i = 0;
        while (i < s.n && !(s.s[i] == '.' || (s.s[i] >= '0' && s.s[i] <= '9')))
            i++;
        if (i == 0)
            return duration_error(errb, "time: missing unit in duration ", orig, on);
        const char *u = s.s;
        size_t ul = i;
        advance(&s, i);
        static const struct {
            const char *name;
            uint64_t ns;
        } units[] = {
            {"ns",        1            },
            {"us",        1000         },
            {"\xc2\xb5s", 1000         }, /* U+00B5 micro sign */
            {"\xce\xbcs", 1000         }, /* U+03BC Greek mu */
            {"ms",        1000000      },
            {"s",         1000000000   },
            {"m",         60000000000  },
            {"h",         3600000000000},
        };
        uint64_t unit = 0;
        for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
            if (strlen(units[k].name) == ul && memcmp(units[k].name, u, ul) == 0)
                unit = units[k].ns;
        if (unit == 0) {
            hc_buf_adds(errb, "time: unknown unit ");
            time_quote(errb, u, ul);
            hc_buf_adds(errb, " in duration ");
            time_quote(errb, orig, on);
            return false;
        }
        if (v > (1ULL << 63) / unit)
            return duration_error(errb, "time: invalid duration ", orig, on);
        v *= unit;
        if (f > 0) {
            /* float64 is accurate to the nanosecond for fractions of hours */
            v += (uint64_t)((double)f * ((double)unit / scale));
            if (v > 1ULL << 63)
                return duration_error(errb, "time: invalid duration ", orig, on);
        }
        d += v;
        if (d > 1ULL << 63)
            return duration_error(errb, "time: invalid duration ", orig, on);
    }
    if (neg) {
        *out = (hc_duration)(0 - d);
        return true;
    }
    if (d > (uint64_t)INT64_MAX)
        return duration_error(errb, "time: invalid duration ", orig, on);
    *out = (hc_duration)d;
    return true;
}

hc_duration hc_duration_truncate(hc_duration d, hc_duration m)
{
    if (m <= 0)
        return d;
    return d - d % m;
}

hc_duration hc_duration_round(hc_duration d, hc_duration m)
{
    if (m <= 0)
        return d;
    hc_duration r = d % m;
    if (d < 0) {
        r = -r;
        if (less_than_half(r, m))
            return d + r;
        hc_duration d1 = wadd(wsub(d, m), r);
        if (d1 < d)
            return d1;
        return HC_DURATION_MIN;
    }
    if (less_than_half(r, m))
        return d - r;
    hc_duration d1 = wadd(wsub(d, r), m);
    if (d1 > d)
        return d1;
    return HC_DURATION_MAX;
}
