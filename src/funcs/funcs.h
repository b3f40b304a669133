/*
 * funcs.h - the function tables of the Sprig and Helm families.
 *
 * Each family file of src/funcs/ ends in one table of rows (template/func.h)
 * and its length; Helm's function set is composed from Go's built-ins
 * (template/builtins.h) and these tables with hc_funcset_build, a later table
 * replacing a name of an earlier one, as Helm's funcMap() does.  Rows are
 * static: the tables live as long as the program.
 *
 * Each family adds its own pair of lines here.
 */
#ifndef HC_FUNCS_FUNCS_H
#define HC_FUNCS_FUNCS_H

#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"
#include "template/func.h"

/* lists.c: list, tuple, first, rest, push, chunk, until, seq, slice, concat, ... */
extern const struct hc_func hc_funcs_lists[];
extern const size_t hc_funcs_lists_len;

/* dicts.c: dict, get, set, unset, hasKey, pluck, dig, merge*, keys, pick, omit, values, deepCopy */
extern const struct hc_func hc_funcs_dicts[];
extern const size_t hc_funcs_dicts_len;

/* math.c: add, sub, mul, div, mod, max, min, floor, ceil, round, addf, ..., biggest */
extern const struct hc_func hc_funcs_math[];
extern const size_t hc_funcs_math_len;

/* convert.c: atoi, int, int64, float64, toDecimal */
extern const struct hc_func hc_funcs_convert[];
extern const size_t hc_funcs_convert_len;

/* defaults.c: default, empty, coalesce, all, any, ternary */
extern const struct hc_func hc_funcs_defaults[];
extern const size_t hc_funcs_defaults_len;

/* flow.c: fail (Helm's override of Sprig's) */
extern const struct hc_func hc_funcs_flow[];
extern const size_t hc_funcs_flow_len;

/* reflect.c: typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual */
extern const struct hc_func hc_funcs_reflect[];
extern const size_t hc_funcs_reflect_len;

/* strings.c: trim, upper, title, substr, quote, indent, replace, split, join, snakecase, ... */
extern const struct hc_func hc_funcs_strings[];
extern const size_t hc_funcs_strings_len;

/* regex.c: regexMatch, regexFind, regexFindAll, regexReplaceAll*, regexSplit, must- twins */
extern const struct hc_func hc_funcs_regex[];
extern const size_t hc_funcs_regex_len;

/* paths.c: base, dir, ext, clean, isAbs and the os* forms */
extern const struct hc_func hc_funcs_paths[];
extern const size_t hc_funcs_paths_len;

/* urls.c: urlParse, urlJoin */
extern const struct hc_func hc_funcs_urls[];
extern const size_t hc_funcs_urls_len;

/*
 * regex.c keeps the last 64 compiled patterns for reuse by any thread (a
 * pattern's compilation never depends on anything else).  This frees them;
 * patterns in use are freed when their calls end.  For embedders that want
 * the memory back, and for leak checkers.
 */
void hc_funcs_regex_cache_clear(void);

/* encoding.c: b64enc, b64dec, b32enc, b32dec */
extern const struct hc_func hc_funcs_encoding[];
extern const size_t hc_funcs_encoding_len;

/* crypto.c, x509.c: hashes, bcrypt, htpasswd, derivePassword, keys, certificates, AES */
extern const struct hc_func hc_funcs_crypto[];
extern const size_t hc_funcs_crypto_len;

/* random.c: randAlphaNum, randAlpha, randNumeric, randAscii, randInt, uuidv4 */
extern const struct hc_func hc_funcs_random[];
extern const size_t hc_funcs_random_len;

/* dates.c: now, date, dateInZone, dateModify, toDate, duration, durationRound, ago, ... */
extern const struct hc_func hc_funcs_dates[];
extern const size_t hc_funcs_dates_len;

/* semver.c: semver, semverCompare */
extern const struct hc_func hc_funcs_semver[];
extern const size_t hc_funcs_semver_len;

/* network.c: getHostByName */
extern const struct hc_func hc_funcs_network[];
extern const size_t hc_funcs_network_len;

/* ---- the environment: no hidden inputs ---- */

struct hc_buf;

/*
 * Everything the functions of these families read from outside the template:
 * the clock, randomness, time zones and name resolution.  An embedder passes
 * it through hc_exec_opts.user, which must then be NULL or point to a struct
 * whose FIRST member is a struct hc_funcs_env (so an engine can keep its own
 * per-render state after it and still hand one pointer to the executor).
 * Members left NULL take the defaults below; user == NULL means all defaults.
 * The callbacks may be called from several threads at once when the embedder
 * renders concurrently with one env; the defaults are thread-safe.
 */
struct hc_funcs_env {
    /*
     * The wall clock: nanoseconds since 1970-01-01 UTC (now, ago, date of a
     * non-time, certificate validity).  NULL: clock_gettime(CLOCK_REALTIME).
     */
    int64_t (*now_ns)(void *ctx);
    /*
     * Fills buf[0..n) with cryptographically strong random bytes (rand*,
     * uuidv4, keys, serial numbers, IVs, salts); returns 0, or -1 when no
     * randomness could be had.  NULL: OpenSSL's RAND_bytes.
     */
    int (*random)(void *ctx, uint8_t *buf, size_t n);
    /*
     * The zone Go's time.Local stands for, read as Go reads the TZ variable:
     * NULL = TZ unset (use /etc/localtime), "" or "UTC" = UTC, ":name" or a
     * name = that zone of the zoneinfo database, "/path" = that tzfile.  A zone
     * that cannot be loaded means UTC, as in Go.  A CLI passes getenv("TZ").
     */
    const char *tz;
    /*
     * A directory searched first for zone files (Go's ZONEINFO; zip files are
     * not supported).  NULL: only Go's system directories (/usr/share/zoneinfo
     * and the rest of its list).
     */
    const char *zoneinfo;
    /*
     * getHostByName: stores in *addr an address for name (NUL-terminated
     * text, e.g. "10.0.0.1") allocated with malloc, or returns -1 when the
     * name does not resolve.  NULL: name resolution is disabled and the
     * function returns "", as helm template does without --enable-dns.
     */
    int (*lookup_host)(void *ctx, const char *name, char **addr);
    void *ctx; /* handed to every callback */
};

/* The env of a call (defaults when call->user is NULL); never NULL. */
const struct hc_funcs_env *hc_funcs_env_get(const struct hc_call *call);

/* The wall clock through the env, in nanoseconds since the Unix epoch. */
int64_t hc_funcs_now_ns(const struct hc_call *call);

/*
 * n random bytes through the env.  On failure records Go's message for a
 * failing crypto/rand reader and returns HC_ERR_EXEC.
 */
hc_status hc_funcs_rand_bytes(struct hc_call *call, void *buf, size_t n);

/* A uniformly random integer in [0, n) (n > 0) from hc_funcs_rand_bytes. */
hc_status hc_funcs_rand_below(struct hc_call *call, uint64_t n, uint64_t *out);

/*
 * Makes *out a string of n bytes allocated in call->arena and returns a
 * pointer to its bytes for the caller to fill (n may be 0).  Records out of
 * memory (HC_ERR_NOMEM) when n is too large for a value or the arena.
 */
char *hc_funcs_alloc_str(struct hc_call *call, size_t n, hc_val *out);

/* A copy of b's contents as the string *out (b is released); out of memory is recorded. */
hc_status hc_funcs_buf_str(struct hc_call *call, struct hc_buf *b, hc_val *out);

#endif
