/*
 * options.c - parses argv against option tables, as spf13/pflag v1.0.10 does for helm.
 *
 * Mirrors flag.go (parseArgs, parseLongArg, parseSingleShortArg, Set, the error texts of
 * errors.go) and each value type's Set and String (bool.go, string_array.go,
 * string_slice.go, string_to_string.go, int.go, uint.go, float32.go, duration.go).  The
 * invariant: a row's storage always holds a valid value of its kind — its default until
 * the command line changes it — and changed[] records which rows the command line set.
 */
#include "cli/options.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"

size_t hc_opts_count(const struct hc_option *opts)
{
    size_t n = 0;
    while (opts && opts[n].name)
        n++;
    return n;
}

const char *hc_opts_noopt(const struct hc_option *opt)
{
    if (opt->noopt)
        return opt->noopt;
    return opt->kind == HC_OPT_BOOL ? "true" : NULL; /* pflag's BoolVar sets "true" */
}

/* ---- values ---- */

static const char *reason(struct hc_optparse *p, struct hc_buf *msg)
{
    const char *r = hc_buf_ok(msg) ? hc_arena_strdup(p->arena, hc_buf_str(msg)) : NULL;
    hc_buf_release(msg);
    return r ? r : "out of memory";
}

static const char *num_reason(struct hc_optparse *p, const struct hc_option *opt, const char *fn,
                              const char *value, enum hc_numerr e)
{
    if (opt->flags & HC_OPT_GOFLAG) /* Go's flag package maps NumError to its own errors */
        return e == HC_NUM_RANGE ? "value out of range" : "parse error";
    struct hc_buf msg = HC_BUF_INIT;
    hc_cli_numerr(&msg, fn, value, e);
    return reason(p, &msg);
}

static int strmap_find(const struct hc_strmap *m, const char *key, bool *found)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->keys[mid], key);
        if (c == 0) {
            *found = true;
            return (int)mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return (int)lo;
}

static bool strmap_put(struct hc_arena *a, struct hc_strmap *m, const char *k, const char *v)
{
    bool found;
    size_t i = (size_t)strmap_find(m, k, &found);
    if (found) {
        m->vals[i] = v;
        return true;
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 4;
        const char **nk = hc_arena_realloc(a, m->keys, m->cap * sizeof *nk, cap * sizeof *nk);
        const char **nv =
            nk ? hc_arena_realloc(a, m->vals, m->cap * sizeof *nv, cap * sizeof *nv) : NULL;
        if (!nv)
            return false;
        m->keys = nk;
        m->vals = nv;
        m->cap = cap;
    }
    memmove(m->keys + i + 1, m->keys + i, (m->n - i) * sizeof *m->keys);
    memmove(m->vals + i + 1, m->vals + i, (m->n - i) * sizeof *m->vals);
    m->keys[i] = k;
    m->vals[i] = v;
    m->n++;
    return true;
}

/* stringToString's Set: one pair, or a CSV record of pairs when '=' occurs twice. */
static const char *set_string_map(struct hc_optparse *p, struct hc_strmap *m, const char *value,
                                  bool first)
{
    struct hc_strlist pairs = {0};
    size_t eq = 0;
    for (const char *s = value; *s; s++)
        eq += *s == '=';
    if (eq == 0)
        return hc_arena_printf(p->arena, "%s must be formatted as key=value", value);
    if (eq == 1) {
        size_t n = strlen(value), i = 0;
        while (i < n && value[i] == '"') /* strings.Trim(val, `"`) */
            i++;
        while (n > i && value[n - 1] == '"')
            n--;
        const char *t = hc_arena_strndup(p->arena, value + i, n - i);
        if (!t || !hc_strlist_push(p->arena, &pairs, t))
            return "out of memory";
    } else {
        struct hc_buf msg = HC_BUF_INIT;
        if (!hc_cli_csv_read(p->arena, value, &pairs, &msg))
            return reason(p, &msg);
        hc_buf_release(&msg);
    }
    struct hc_strmap out = {0};
    for (size_t i = 0; i < pairs.n; i++) {
        const char *kv = pairs.v[i], *e = strchr(kv, '=');
        if (!e)
            return hc_arena_printf(p->arena, "%s must be formatted as key=value", kv);
        const char *k = hc_arena_strndup(p->arena, kv, (size_t)(e - kv));
        if (!k || !strmap_put(p->arena, &out, k, e + 1))
            return "out of memory";
    }
    if (first) {
        *m = out;
        return NULL;
    }
    for (size_t i = 0; i < out.n; i++)
        if (!strmap_put(p->arena, m, out.keys[i], out.vals[i]))
            return "out of memory";
    return NULL;
}

/* Stores value in opt's storage; first: the command line has not set it yet.  Returns the
 * reason it was refused, or NULL. */
static const char *set_value(struct hc_optparse *p, const struct hc_option *opt, void *base,
                             const char *value, bool first)
{
    if (opt->check) {
        const char *why = opt->check(p, opt, &value);
        if (why)
            return why;
    }
    switch (opt->kind) {
    case HC_OPT_BOOL: {
        bool b;
        if (!hc_cli_parse_bool(value, &b)) {
            if (opt->flags & HC_OPT_GOFLAG)
                return "parse error";
            return num_reason(p, opt, "ParseBool", value, HC_NUM_SYNTAX);
        }
        *HC_OPT_PTR(bool, base, opt) = b;
        return NULL;
    }
    case HC_OPT_STRING:
        *HC_OPT_PTR(const char *, base, opt) = value;
        return NULL;
    case HC_OPT_STRING_ARRAY: {
        struct hc_strlist *l = HC_OPT_PTR(struct hc_strlist, base, opt);
        if (first)
            *l = (struct hc_strlist){0};
        return hc_strlist_push(p->arena, l, value) ? NULL : "out of memory";
    }
    case HC_OPT_STRING_SLICE: {
        struct hc_strlist *l = HC_OPT_PTR(struct hc_strlist, base, opt), add = {0};
        if (*value) {
            struct hc_buf msg = HC_BUF_INIT;
            if (!hc_cli_csv_read(p->arena, value, &add, &msg))
                return reason(p, &msg);
            hc_buf_release(&msg);
        }
        if (first)
            *l = (struct hc_strlist){0};
        for (size_t i = 0; i < add.n; i++)
            if (!hc_strlist_push(p->arena, l, add.v[i]))
                return "out of memory";
        return NULL;
    }
    case HC_OPT_STRING_MAP:
        return set_string_map(p, HC_OPT_PTR(struct hc_strmap, base, opt), value, first);
    case HC_OPT_INT: {
        int64_t v;
        enum hc_numerr e = hc_cli_parse_int(value, 0, 64, &v);
        if (e != HC_NUM_OK)
            return num_reason(p, opt, "ParseInt", value, e);
        *HC_OPT_PTR(int64_t, base, opt) = v;
        return NULL;
    }
    case HC_OPT_UINT: {
        uint64_t v;
        enum hc_numerr e = hc_cli_parse_uint(value, 0, 64, &v);
        if (e != HC_NUM_OK)
            return num_reason(p, opt, "ParseUint", value, e);
        *HC_OPT_PTR(uint64_t, base, opt) = v;
        return NULL;
    }
    case HC_OPT_FLOAT32: {
        float v;
        enum hc_numerr e = hc_cli_parse_float32(value, &v);
        if (e != HC_NUM_OK)
            return num_reason(p, opt, "ParseFloat", value, e);
        *HC_OPT_PTR(float, base, opt) = v;
        return NULL;
    }
    case HC_OPT_DURATION: {
        int64_t v;
        struct hc_buf msg = HC_BUF_INIT;
        if (!hc_cli_parse_duration(value, &v, &msg))
            return reason(p, &msg);
        hc_buf_release(&msg);
        *HC_OPT_PTR(int64_t, base, opt) = v;
        return NULL;
    }
    }
    return "unknown option kind";
}

bool hc_opts_init(struct hc_arena *a, const struct hc_option *opts, void *base)
{
    struct hc_buf scratch = HC_BUF_INIT;
    struct hc_optparse p = {.arena = a, .log = &scratch, .notices = &scratch, .err = &scratch};
    bool ok = true;
    for (const struct hc_option *o = opts; o && o->name; o++) {
        if (o->def) {
            /* defaults are written in the tables and must parse; a check never rejects them */
            const char *value = o->def;
            if (o->check && o->check(&p, o, &value)) {
                ok = false;
                continue;
            }
            struct hc_option plain = *o;
            plain.check = NULL;
            ok = set_value(&p, &plain, base, value, true) == NULL && ok;
        } else if (o->kind == HC_OPT_STRING) {
            *HC_OPT_PTR(const char *, base, o) = "";
        }
    }
    hc_buf_release(&scratch);
    return ok;
}

/* ---- messages ---- */

static void flag_display_name(struct hc_buf *b, const struct hc_option *opt)
{
    if (opt->shorthand)
        hc_buf_printf(b, "-%c, --%s", opt->shorthand, opt->name);
    else
        hc_buf_printf(b, "--%s", opt->name);
}

bool hc_opts_set(struct hc_optparse *p, struct hc_optset *set, const struct hc_option *opt,
                 const char *value)
{
    size_t idx = (size_t)(opt - set->opts);
    const char *why = set_value(p, opt, set->base, value, !set->changed[idx]);
    if (why) {
        struct hc_buf name = HC_BUF_INIT;
        flag_display_name(&name, opt);
        hc_buf_adds(p->err, "invalid argument ");
        hc_cli_quote(p->err, value);
        hc_buf_adds(p->err, " for ");
        hc_cli_quote(p->err, hc_buf_str(&name));
        hc_buf_printf(p->err, " flag: %s", why);
        hc_buf_release(&name);
        return false;
    }
    set->changed[idx] = 1;
    if (opt->deprecated)
        hc_buf_printf(p->notices, "Flag --%s has been deprecated, %s\n", opt->name,
                      opt->deprecated);
    return true;
}

/* log/slog's TextHandler quotes a value that is empty or holds space, '=', '"' or controls. */
static bool slog_needs_quoting(const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return true;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == ' ' || c == '=' || c == '"' || c < 0x20)
                return true;
            i++;
            continue;
        }
        size_t w;
        uint32_t r = hc_cli_decode_rune(s + i, n - i, &w);
        if ((r == 0xFFFD && w == 1) || hc_cli_is_space(r) || !hc_cli_is_print(r))
            return true;
        i += w;
    }
    return false;
}

void hc_slog_value(struct hc_buf *b, const char *s)
{
    if (slog_needs_quoting(s))
        hc_cli_quote(b, s);
    else
        hc_buf_adds(b, s);
}

void hc_cli_format_warn(struct hc_buf *b, const char *msg)
{
    hc_buf_adds(b, "level=WARN msg=");
    if (slog_needs_quoting(msg))
        hc_cli_quote(b, msg);
    else
        hc_buf_adds(b, msg);
    hc_buf_addc(b, '\n');
}

void hc_optparse_warn(struct hc_optparse *p, const char *msg)
{
    hc_cli_format_warn(p->log, msg);
}

/* ---- lookup ---- */

const struct hc_option *hc_flagset_find(struct hc_flagset *fs, const char *name, size_t len,
                                        struct hc_optset **set)
{
    for (size_t s = 0; s < fs->n; s++) {
        for (const struct hc_option *o = fs->sets[s].opts; o->name; o++) {
            if (strlen(o->name) == len && memcmp(o->name, name, len) == 0) {
                if (set)
                    *set = &fs->sets[s];
                return o;
            }
        }
    }
    return NULL;
}

const struct hc_option *hc_flagset_find_short(struct hc_flagset *fs, char c, struct hc_optset **set)
{
    for (size_t s = 0; s < fs->n; s++) {
        for (const struct hc_option *o = fs->sets[s].opts; o->name; o++) {
            if (o->shorthand && o->shorthand == c) {
                if (set)
                    *set = &fs->sets[s];
                return o;
            }
        }
    }
    return NULL;
}

/* ---- parsing ---- */

/* stripUnknownFlagValue: an unknown flag's value is the next argument unless it is a flag. */
static int strip_unknown_value(int argc, const char *const *argv, int i)
{
    if (i >= argc || argv[i][0] == '-')
        return i;
    return i + 1;
}

/* parseLongArg: s is "--name" or "--name=value"; *i indexes the next argument. */
static bool parse_long(struct hc_optparse *p, struct hc_flagset *fs, const char *s, int argc,
                       const char *const *argv, int *i)
{
    const char *name = s + 2;
    if (name[0] == '\0' || name[0] == '-' || name[0] == '=') {
        hc_buf_printf(p->err, "bad flag syntax: %s", s);
        return false;
    }
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    struct hc_optset *set;
    const struct hc_option *opt = hc_flagset_find(fs, name, len, &set);
    if (!opt) {
        if (p->allow_unknown) {
            if (len == 4 && memcmp(name, "help", 4) == 0) {
                p->stopped_by_help = true; /* pflag's ErrHelp for an undefined --help */
                return false;
            }
            if (!eq)
                *i = strip_unknown_value(argc, argv, *i);
            return true;
        }
        hc_buf_printf(p->err, "unknown flag: --%.*s", (int)len, name);
        return false;
    }
    const char *value;
    if (eq) {
        value = eq + 1;
    } else if (hc_opts_noopt(opt)) {
        value = hc_opts_noopt(opt);
    } else if (*i < argc) {
        value = argv[(*i)++];
    } else {
        hc_buf_printf(p->err, "flag needs an argument: --%.*s", (int)len, name);
        return false;
    }
    return hc_opts_set(p, set, opt, value);
}

/* parseShortArg: s is "-abc", a cluster of shorthands the last of which may take a value. */
static bool parse_short(struct hc_optparse *p, struct hc_flagset *fs, const char *s, int argc,
                        const char *const *argv, int *i)
{
    const char *sh = s + 1;
    int next = *i;
    while (*sh) {
        /* pflag hands each letter the arguments as they were after s, and keeps what the
         * last letter did with them */
        next = *i;
        if (strncmp(sh, "test.", 5) == 0) /* go test's flags pass through */
            break;
        char c = sh[0];
        struct hc_optset *set;
        const struct hc_option *opt = hc_flagset_find_short(fs, c, &set);
        if (!opt) {
            if (p->allow_unknown) {
                if (c == 'h') {
                    p->stopped_by_help = true;
                    return false;
                }
                if (sh[1] == '=' && sh[2] != '\0')
                    break;
                next = strip_unknown_value(argc, argv, *i);
                sh++;
                continue;
            }
            hc_buf_adds(p->err, "unknown shorthand flag: ");
            hc_cli_quote_rune(p->err, (unsigned char)c);
            hc_buf_printf(p->err, " in -%s", sh);
            return false;
        }
        const char *value;
        const char *rest = sh + 1;
        if (sh[1] == '=' && sh[2] != '\0') {
            value = sh + 2;
            rest = "";
        } else if (hc_opts_noopt(opt)) {
            value = hc_opts_noopt(opt);
        } else if (sh[1] != '\0') {
            value = sh + 1;
            rest = "";
        } else if (*i < argc) {
            value = argv[*i];
            next = *i + 1;
        } else {
            hc_buf_adds(p->err, "flag needs an argument: ");
            hc_cli_quote_rune(p->err, (unsigned char)c);
            hc_buf_printf(p->err, " in -%s", sh);
            return false;
        }
        if (!hc_opts_set(p, set, opt, value))
            return false;
        sh = rest;
    }
    *i = next;
    return true;
}

bool hc_opts_parse(struct hc_optparse *p, struct hc_flagset *fs, int argc, const char *const *argv)
{
    p->args_len_at_dash = SIZE_MAX;
    int i = 0;
    while (i < argc) {
        const char *s = argv[i++];
        if (s[0] != '-' || s[1] == '\0') {
            if (!hc_strlist_push(p->arena, &p->args, s))
                goto nomem;
            continue;
        }
        if (s[1] == '-') {
            if (s[2] == '\0') { /* "--" ends the flags */
                p->args_len_at_dash = p->args.n;
                while (i < argc)
                    if (!hc_strlist_push(p->arena, &p->args, argv[i++]))
                        goto nomem;
                break;
            }
            if (!parse_long(p, fs, s, argc, argv, &i))
                return false;
        } else if (!parse_short(p, fs, s, argc, argv, &i)) {
            return false;
        }
    }
    return true;
nomem:
    hc_buf_adds(p->err, "out of memory");
    return false;
}

/* ---- help support ---- */

const char *hc_opts_type_name(const struct hc_option *opt)
{
    if (opt->type_name)
        return opt->type_name;
    switch (opt->kind) {
    case HC_OPT_BOOL:
        return "";
    case HC_OPT_STRING:
        return "string";
    case HC_OPT_STRING_ARRAY:
        return "stringArray";
    case HC_OPT_STRING_SLICE:
        return "strings";
    case HC_OPT_STRING_MAP:
        return "stringToString";
    case HC_OPT_INT:
        return "int";
    case HC_OPT_UINT:
        return "uint";
    case HC_OPT_FLOAT32:
        return "float32";
    case HC_OPT_DURATION:
        return "duration";
    }
    return "";
}

void hc_opts_format_value(struct hc_buf *b, const struct hc_option *opt, const void *base)
{
    switch (opt->kind) {
    case HC_OPT_BOOL:
        hc_buf_adds(b, *HC_OPT_CPTR(bool, base, opt) ? "true" : "false");
        return;
    case HC_OPT_STRING:
        hc_buf_adds(b, *HC_OPT_CPTR(char *const, base, opt));
        return;
    case HC_OPT_STRING_ARRAY:
    case HC_OPT_STRING_SLICE: {
        const struct hc_strlist *l = HC_OPT_CPTR(struct hc_strlist, base, opt);
        hc_buf_addc(b, '[');
        hc_cli_csv_write(b, l->v, l->n);
        hc_buf_addc(b, ']');
        return;
    }
    case HC_OPT_STRING_MAP: {
        /* "k=v" records in key order, written as CSV and trimmed of spaces */
        const struct hc_strmap *m = HC_OPT_CPTR(struct hc_strmap, base, opt);
        struct hc_buf rec = HC_BUF_INIT, line = HC_BUF_INIT;
        size_t *starts = m->n ? hc_calloc(m->n, sizeof *starts) : NULL;
        const char **recs = m->n ? hc_calloc(m->n, sizeof *recs) : NULL;
        if (m->n && (!starts || !recs)) {
            b->failed = true;
        } else {
            for (size_t i = 0; i < m->n; i++) {
                starts[i] = rec.len;
                hc_buf_printf(&rec, "%s=%s", m->keys[i], m->vals[i]);
                hc_buf_addc(&rec, '\0');
            }
            for (size_t i = 0; i < m->n && hc_buf_ok(&rec); i++)
                recs[i] = rec.data + starts[i];
            if (hc_buf_ok(&rec))
                hc_cli_csv_write(&line, recs, m->n);
            const char *t = hc_buf_str(&line);
            size_t n = line.len;
            hc_cli_trim_space(&t, &n, true);
            hc_buf_addc(b, '[');
            hc_buf_add(b, t, n);
            hc_buf_addc(b, ']');
        }
        hc_free(starts);
        hc_free(recs);
        hc_buf_release(&rec);
        hc_buf_release(&line);
        return;
    }
    case HC_OPT_INT:
        hc_buf_printf(b, "%lld", (long long)*HC_OPT_CPTR(int64_t, base, opt));
        return;
    case HC_OPT_UINT:
        hc_buf_printf(b, "%llu", (unsigned long long)*HC_OPT_CPTR(uint64_t, base, opt));
        return;
    case HC_OPT_FLOAT32:
        hc_cli_format_float32(b, *HC_OPT_CPTR(float, base, opt));
        return;
    case HC_OPT_DURATION:
        hc_cli_format_duration(b, *HC_OPT_CPTR(int64_t, base, opt));
        return;
    }
}

bool hc_opts_default_is_zero(const struct hc_option *opt, const char *text)
{
    if (!(opt->flags & HC_OPT_CUSTOM)) {
        switch (opt->kind) {
        case HC_OPT_BOOL:
            return strcmp(text, "false") == 0 || *text == '\0';
        case HC_OPT_DURATION:
            return strcmp(text, "0") == 0 || strcmp(text, "0s") == 0;
        case HC_OPT_INT:
        case HC_OPT_UINT:
        case HC_OPT_FLOAT32:
            return strcmp(text, "0") == 0;
        case HC_OPT_STRING:
            return *text == '\0';
        case HC_OPT_STRING_ARRAY:
        case HC_OPT_STRING_SLICE:
            return strcmp(text, "[]") == 0;
        case HC_OPT_STRING_MAP:
            break; /* pflag has no case for it: the generic rule */
        }
    }
    return strcmp(text, "false") == 0 || strcmp(text, "<nil>") == 0 || *text == '\0' ||
           strcmp(text, "0") == 0;
}
