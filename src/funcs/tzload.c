/*
 * tzload.c - time zones from the system's tzdata: Go's LoadLocation,
 * LoadLocationFromTZData and time.Local's initialisation.
 *
 * Mirrors time/zoneinfo.go, zoneinfo_read.go and zoneinfo_unix.go.  Zone
 * files are searched where Go searches them (the env's directory first, as
 * Go's ZONEINFO; zip files are not read).  Loaded zones are immutable and
 * kept in a small process-wide cache guarded by a mutex, so a time.Time can
 * point at its zone for as long as the process lives and renders on several
 * threads share one copy; nothing else here keeps state.
 */
#include "funcs/gotime.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "funcs/funcs.h"

#define MAX_FILE_SIZE (10 << 20) /* Go's maxFileSize */
#define MAX_CACHED    1024       /* zones kept by name (tzdata has about 600) */

/* Go's platformZoneSources. */
static const char *const zone_sources[] = {"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/",
                                           "/usr/lib/locale/TZ/", "/etc/zoneinfo/"};

/* ---- LoadLocationFromTZData ---- */

struct reader {
    const unsigned char *p;
    size_t n;
    bool error;
};

static const unsigned char *take(struct reader *r, size_t n)
{
    if (r->n < n) {
        r->error = true;
        r->n = 0;
        return NULL;
    }
    const unsigned char *p = r->p;
    r->p += n;
    r->n -= n;
    return p;
}

static uint32_t big4(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool read_counts(struct reader *r, size_t n[6])
{
    for (int i = 0; i < 6; i++) {
        const unsigned char *p = take(r, 4);
        if (!p)
            return false;
        n[i] = big4(p);
    }
    return true;
}

enum { N_UTC_LOCAL, N_STD_WALL, N_LEAP, N_TIME, N_ZONE, N_CHAR };

void hc_tz_free(struct hc_tz *l)
{
    hc_free(l);
}

struct hc_tz *hc_tz_from_data(const char *name, const unsigned char *data, size_t len)
{
    struct reader r = {data, len, false};
    const unsigned char *magic = take(&r, 4), *hdr = take(&r, 16);
    if (!magic || memcmp(magic, "TZif", 4) != 0 || !hdr)
        return NULL;
    int version;
    switch (hdr[0]) {
    case 0:
        version = 1;
        break;
    case '2':
        version = 2;
        break;
    case '3':
        version = 3;
        break;
    default:
        return NULL;
    }
    size_t n[6];
    if (!read_counts(&r, n))
        return NULL;
    bool is64 = false;
    if (version > 1) {
        /* skip the 32-bit data and the second header: the 64-bit data follows */
        size_t skip = hc_add_size(hc_mul_size(n[N_TIME], 5), hc_mul_size(n[N_ZONE], 6));
        skip = hc_add_size(skip, hc_add_size(n[N_CHAR], hc_mul_size(n[N_LEAP], 8)));
        skip = hc_add_size(skip, hc_add_size(n[N_STD_WALL], n[N_UTC_LOCAL]));
        skip = hc_add_size(skip, 4 + 16);
        take(&r, skip);
        is64 = true;
        if (!read_counts(&r, n))
            return NULL;
    }
    size_t size = is64 ? 8 : 4;
    const unsigned char *txtimes = take(&r, hc_mul_size(n[N_TIME], size));
    const unsigned char *txzones = take(&r, n[N_TIME]);
    const unsigned char *zonedata = take(&r, hc_mul_size(n[N_ZONE], 6));
    const unsigned char *abbrev = take(&r, n[N_CHAR]);
    take(&r, hc_mul_size(n[N_LEAP], size + 4));
    take(&r, n[N_STD_WALL]);
    take(&r, n[N_UTC_LOCAL]);
    if (r.error)
        return NULL;
    const unsigned char *extend = NULL;
    size_t extend_len = 0;
    if (r.n > 2 && r.p[0] == '\n' && r.p[r.n - 1] == '\n') {
        extend = r.p + 1;
        extend_len = r.n - 2;
    }
    size_t nzone = n[N_ZONE], ntime = n[N_TIME];
    if (nzone == 0 || nzone > 256) /* indices are bytes: more zones cannot be used */
        return NULL;
    size_t ntx = ntime ? ntime : 1;
    size_t name_len = strlen(name);
    /* one block: struct, zones, transitions, abbreviations + NUL, extend + NUL, name + NUL */
    size_t total = sizeof(struct hc_tz);
    size_t off_zone = total;
    total = hc_add_size(total, hc_mul_size(nzone, sizeof(struct hc_tz_zone)));
    size_t off_tx = total;
    total = hc_add_size(total, hc_mul_size(ntx, sizeof(struct hc_tz_trans)));
    size_t off_abbrev = total;
    total = hc_add_size(total, hc_add_size(n[N_CHAR], 1));
    size_t off_extend = total;
    total = hc_add_size(total, extend_len + 1);
    size_t off_name = total;
    total = hc_add_size(total, name_len + 1);
    if (total == SIZE_MAX)
        return NULL;
    char *block = hc_malloc(total);
    if (!block)
        return NULL;
    struct hc_tz *l = (struct hc_tz *)(void *)block;
    struct hc_tz_zone *zone = (struct hc_tz_zone *)(void *)(block + off_zone);
    struct hc_tz_trans *tx = (struct hc_tz_trans *)(void *)(block + off_tx);
    char *abbr = block + off_abbrev, *ext = block + off_extend, *nm = block + off_name;
    memcpy(abbr, abbrev, n[N_CHAR]);
    abbr[n[N_CHAR]] = '\0';
    if (extend_len)
        memcpy(ext, extend, extend_len);
    ext[extend_len] = '\0';
    memcpy(nm, name, name_len + 1);
    for (size_t i = 0; i < nzone; i++) {
        const unsigned char *z = zonedata + 6 * i;
        if (z[5] >= n[N_CHAR]) {
            hc_free(block);
            return NULL;
        }
        zone[i].offset = (int32_t)big4(z);
        zone[i].is_dst = z[4] != 0;
        zone[i].name = abbr + z[5]; /* up to the first NUL, as Go's byteString */
    }
    for (size_t i = 0; i < ntime; i++) {
        int64_t when;
        if (is64)
            when = (int64_t)((uint64_t)big4(txtimes + 8 * i) << 32 | big4(txtimes + 8 * i + 4));
        else
            when = (int32_t)big4(txtimes + 4 * i);
        if (txzones[i] >= nzone) {
            hc_free(block);
            return NULL;
        }
        tx[i].when = when;
        tx[i].index = txzones[i];
    }
    if (ntime == 0) { /* a fixed zone such as Etc/GMT+5: one transition covering all time */
        tx[0].when = INT64_MIN;
        tx[0].index = 0;
    }
    l->name = nm;
    l->zone = zone;
    l->nzone = (uint32_t)nzone;
    l->tx = tx;
    l->ntx = (uint32_t)ntx;
    l->extend = ext;
    return l;
}

/* ---- files ---- */

/* readFile: the whole file, at most MAX_FILE_SIZE bytes; NULL on any failure. */
static unsigned char *read_zone_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct hc_buf b = HC_BUF_INIT;
    b.limit = MAX_FILE_SIZE + 1;
    char chunk[4096];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        hc_buf_add(&b, chunk, k);
    bool bad = ferror(f) != 0 || !hc_buf_ok(&b) || b.len > MAX_FILE_SIZE;
    fclose(f);
    if (bad) {
        hc_buf_release(&b);
        return NULL;
    }
    return (unsigned char *)hc_buf_detach(&b, len);
}

/* Loads dir + "/" + name (dir "" means name is a path) as a zone called as_name. */
static struct hc_tz *load_from(const char *dir, const char *name, const char *as_name)
{
    struct hc_buf path = HC_BUF_INIT;
    if (*dir) {
        hc_buf_adds(&path, dir);
        hc_buf_addc(&path, '/');
    }
    hc_buf_adds(&path, name);
    struct hc_tz *l = NULL;
    if (hc_buf_ok(&path)) {
        size_t len;
        unsigned char *data = read_zone_file(hc_buf_str(&path), &len);
        if (data) {
            l = hc_tz_from_data(as_name, data, len);
            hc_free(data);
        }
    }
    hc_buf_release(&path);
    return l;
}

/* ---- the cache ---- */

struct cached {
    char *key;
    struct hc_tz *tz; /* NULL: known not to load (Local only) */
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached cache[MAX_CACHED];
static size_t ncached;
/* zones that did not fit in the cache: kept, as times may point at them */
static struct hc_tz *spilled[MAX_CACHED];
static size_t nspilled;

static bool cache_get(const char *key, const struct hc_tz **out)
{
    bool found = false;
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < ncached; i++)
        if (strcmp(cache[i].key, key) == 0) {
            *out = cache[i].tz;
            found = true;
            break;
        }
    pthread_mutex_unlock(&cache_lock);
    return found;
}

/*
 * Keeps tz (which may be NULL) under key and returns the zone to use: an
 * earlier one if another thread stored one first.  NULL when tz could not be
 * kept at all (it is freed then, and the caller falls back as for a zone
 * that does not load).
 */
static const struct hc_tz *cache_put(const char *key, struct hc_tz *tz)
{
    const struct hc_tz *result = tz;
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < ncached; i++)
        if (strcmp(cache[i].key, key) == 0) {
            result = cache[i].tz;
            hc_tz_free(tz);
            tz = NULL;
            goto out;
        }
    size_t kl = strlen(key);
    char *k = ncached < MAX_CACHED ? hc_malloc(kl + 1) : NULL;
    if (k) {
        memcpy(k, key, kl + 1);
        cache[ncached].key = k;
        cache[ncached].tz = tz;
        ncached++;
    } else if (tz && nspilled < MAX_CACHED) {
        spilled[nspilled++] = tz;
    } else {
        hc_tz_free(tz);
        result = NULL;
    }
out:
    pthread_mutex_unlock(&cache_lock);
    return result;
}

void hc_tz_cache_clear(void)
{
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < ncached; i++) {
        hc_free(cache[i].key);
        hc_tz_free(cache[i].tz);
    }
    for (size_t i = 0; i < nspilled; i++)
        hc_tz_free(spilled[i]);
    ncached = nspilled = 0;
    pthread_mutex_unlock(&cache_lock);
}

/* ---- LoadLocation and Local ---- */

static bool contains_dot_dot(const char *s)
{
    return strstr(s, "..") != NULL;
}

/* loadLocation(name, sources) with the env's directory first; NULL when none loads. */
static struct hc_tz *load_named(const char *name, const char *as_name,
                                const struct hc_funcs_env *env)
{
    struct hc_tz *l = NULL;
    if (env && env->zoneinfo && *env->zoneinfo)
        l = load_from(env->zoneinfo, name, as_name);
    for (size_t i = 0; !l && i < sizeof zone_sources / sizeof zone_sources[0]; i++)
        l = load_from(zone_sources[i], name, as_name);
    return l;
}

const struct hc_tz *hc_tz_load(const char *name, size_t len, const struct hc_funcs_env *env)
{
    if (len == 0 || (len == 3 && memcmp(name, "UTC", 3) == 0))
        return &hc_tz_utc;
    if (len == 5 && memcmp(name, "Local", 5) == 0)
        return hc_tz_local(env);
    if (memchr(name, '\0', len) || name[0] == '/' || name[0] == '\\')
        return NULL;
    struct hc_buf key = HC_BUF_INIT; /* "Z" [zoneinfo "\n"] name */
    hc_buf_addc(&key, 'Z');
    if (env && env->zoneinfo) {
        hc_buf_adds(&key, env->zoneinfo);
        hc_buf_addc(&key, '\n');
    }
    hc_buf_add(&key, name, len);
    if (!hc_buf_ok(&key)) {
        hc_buf_release(&key);
        return NULL;
    }
    const char *zname = hc_buf_str(&key) + key.len - len;
    const struct hc_tz *found = NULL;
    if (contains_dot_dot(zname)) {
        hc_buf_release(&key);
        return NULL;
    }
    if (!cache_get(hc_buf_str(&key), &found)) {
        struct hc_tz *l = load_named(zname, zname, env);
        found = l ? cache_put(hc_buf_str(&key), l) : NULL;
    }
    hc_buf_release(&key);
    return found;
}

const struct hc_tz *hc_tz_local(const struct hc_funcs_env *env)
{
    const char *tz = env ? env->tz : NULL;
    struct hc_buf key = HC_BUF_INIT;
    hc_buf_adds(&key, tz ? "L=" : "L");
    if (tz)
        hc_buf_adds(&key, tz);
    if (!hc_buf_ok(&key)) {
        hc_buf_release(&key);
        return &hc_tz_utc;
    }
    const struct hc_tz *found = NULL;
    if (cache_get(hc_buf_str(&key), &found)) {
        hc_buf_release(&key);
        return found ? found : &hc_tz_utc;
    }
    struct hc_tz *l = NULL;
    if (!tz) {
        l = load_from("/etc", "localtime", "Local");
    } else if (*tz) {
        if (*tz == ':')
            tz++;
        if (*tz == '/')
            l = load_from("", tz, strcmp(tz, "/etc/localtime") == 0 ? "Local" : tz);
        else if (*tz && strcmp(tz, "UTC") != 0 && !contains_dot_dot(tz))
            l = load_named(tz, tz, env);
    }
    /*
     * Falling back to UTC, Go's Local is a location named "UTC" without zones,
     * which prints and computes as UTC does: hc_tz_utc stands for it.
     */
    found = cache_put(hc_buf_str(&key), l);
    hc_buf_release(&key);
    return found ? found : &hc_tz_utc;
}
