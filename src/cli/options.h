/*
 * options.h - declarative option tables and the parser that reads argv against them.
 *
 * A command describes its flags as a table of struct hc_option, each row naming the flag,
 * its one-letter shorthand, its kind, where in the command's options struct the value goes
 * (an offset), its default and its help text.  One parser (options.c) fills such structs
 * from argv exactly as helm's flag library, spf13/pflag, does: `--flag value`,
 * `--flag=value`, `-f value`, `-fvalue`, `-f=value`, clusters of short booleans (`-ab`),
 * optional values (NoOptDefVal: `--wait` alone means `--wait=watcher`), `--` ending the
 * flags, and flags anywhere among the positional arguments.  Help is printed from the same
 * tables (help.c), so what is parsed and what is documented cannot drift apart.
 */
#ifndef HC_CLI_OPTIONS_H
#define HC_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "cli/goconv.h"

/* The kinds of value a flag takes; the comment gives pflag's type and the C storage. */
enum hc_opt_kind {
    HC_OPT_BOOL,         /* bool: bool; given alone it means true */
    HC_OPT_STRING,       /* string: const char * (never NULL once initialised) */
    HC_OPT_STRING_ARRAY, /* stringArray: struct hc_strlist; each use adds its value as is */
    HC_OPT_STRING_SLICE, /* stringSlice ("strings"): hc_strlist; each use adds its CSV fields */
    HC_OPT_STRING_MAP,   /* stringToString: struct hc_strmap; key=value pairs */
    HC_OPT_INT,          /* int: int64_t (strconv.ParseInt(s, 0, 64)) */
    HC_OPT_UINT,         /* uint: uint64_t (strconv.ParseUint(s, 0, 64)) */
    HC_OPT_FLOAT32,      /* float32: float */
    HC_OPT_DURATION,     /* duration: int64_t nanoseconds (time.ParseDuration) */
};

/* key=value pairs of a stringToString flag, sorted by key, keys unique. */
struct hc_strmap {
    const char **keys, **vals;
    size_t n, cap;
};

/* Row flags. */
#define HC_OPT_HIDDEN (1u << 0) /* parsed but left out of help (klog's flags) */
#define HC_OPT_CUSTOM (1u << 1) /* a pflag.Value of helm's own: default shown unless "" */
#define HC_OPT_GOFLAG (1u << 2) /* a Go flag-package flag: errors say "parse error" */

struct hc_optparse;
struct hc_option;

/*
 * Checks (and may rewrite) a value before it is stored, as a custom pflag.Value's Set does.
 * Returns NULL to accept, else the reason, which the parser reports as
 * `invalid argument "V" for "--NAME" flag: REASON`.  May log through hc_optparse_warn.
 */
typedef const char *hc_opt_check_fn(struct hc_optparse *p, const struct hc_option *opt,
                                    const char **value);

struct hc_option {
    const char *name; /* long name without "--"; NULL ends a table */
    char shorthand;   /* one letter, or 0 */
    enum hc_opt_kind kind;
    size_t offset;          /* of the value in the options struct */
    const char *help;       /* help text, shown as is */
    const char *def;        /* the default, parsed like a value; NULL: the zero value */
    const char *noopt;      /* value when given without one (NoOptDefVal); booleans: "true" */
    const char *type_name;  /* the type word help shows, for helm's own value types */
    const char *deprecated; /* set: hidden, and using it prints "Flag --x has been ..." */
    hc_opt_check_fn *check; /* NULL: any value of the kind */
    unsigned flags;         /* HC_OPT_* above */
};

/* An option table bound to the struct it fills, with a "given on the command line" bit
 * per row (pflag's Changed). */
struct hc_optset {
    const struct hc_option *opts;
    void *base;
    unsigned char *changed;
    const char *help_for; /* for the synthetic help flag only: "help for NAME" */
};

/* The flags one command accepts: its own first, then the inherited global ones. */
#define HC_MAX_OPTSETS 3
struct hc_flagset {
    struct hc_optset sets[HC_MAX_OPTSETS];
    size_t n;
};

/* The state of one parse: where values, messages and errors go. */
struct hc_optparse {
    struct hc_arena *arena;
    struct hc_buf *log;      /* lines printed at once, even if parsing fails later */
    struct hc_buf *notices;  /* pflag's deprecation notices: printed only if parsing succeeds */
    struct hc_buf *err;      /* the error message, when parsing fails */
    bool allow_unknown;      /* helm's first pass over the global flags: skip unknown ones */
    bool stopped_by_help;    /* that pass met -h/--help, which it does not know, and stopped */
    struct hc_strlist args;  /* positional arguments, in order */
    size_t args_len_at_dash; /* how many came before "--" (SIZE_MAX: no "--") */
};

/* Zeroes the struct an option table fills and stores every default.  false on OOM. */
bool hc_opts_init(struct hc_arena *a, const struct hc_option *opts, void *base);
/* The value a flag given alone takes (NoOptDefVal): "true" for booleans; NULL if it needs one. */
const char *hc_opts_noopt(const struct hc_option *opt);
/* Number of rows in a table. */
size_t hc_opts_count(const struct hc_option *opts);

/* Finds a flag by long name or shorthand; NULL if none.  *set gets the set it is in. */
const struct hc_option *hc_flagset_find(struct hc_flagset *fs, const char *name, size_t len,
                                        struct hc_optset **set);
const struct hc_option *hc_flagset_find_short(struct hc_flagset *fs, char c,
                                              struct hc_optset **set);

/* Parses argv[0..argc) into the flag set (pflag's FlagSet.Parse).  false on error. */
bool hc_opts_parse(struct hc_optparse *p, struct hc_flagset *fs, int argc, const char *const *argv);

/* Stores one value as if given on the command line (pflag's FlagSet.Set). */
bool hc_opts_set(struct hc_optparse *p, struct hc_optset *set, const struct hc_option *opt,
                 const char *value);

/* Logs a warning the way helm's slog handler prints it: level=WARN msg="...". */
void hc_optparse_warn(struct hc_optparse *p, const char *msg);
/* The same line into any buffer. */
void hc_cli_format_warn(struct hc_buf *b, const char *msg);
/* A slog attribute value: as it is, or Go-quoted when slog's text handler would quote it. */
void hc_slog_value(struct hc_buf *b, const char *s);

/* The value's text as pflag's Value.String() gives it (help shows it as the default). */
void hc_opts_format_value(struct hc_buf *b, const struct hc_option *opt, const void *base);
/* Whether that text is the kind's zero value, so help does not show it (defaultIsZeroValue). */
bool hc_opts_default_is_zero(const struct hc_option *opt, const char *text);
/* The type word help prints after the flag name ("" for booleans). */
const char *hc_opts_type_name(const struct hc_option *opt);

/* Typed access to a row's storage. */
#define HC_OPT_PTR(type, base, opt) ((type *)(void *)((char *)(base) + (opt)->offset))
#define HC_OPT_CPTR(type, base, opt) \
    ((const type *)(const void *)((const char *)(base) + (opt)->offset))

#endif
