/*
 * regex.c - Sprig's regular-expression functions on PCRE2 with Go's RE2
 * semantics.
 *
 * Mirrors Sprig v3.3.0's regex.go over Go 1.25's regexp: Compile (the
 * regexp/syntax parser, in Perl mode), MatchString, FindString,
 * FindAllString, ReplaceAllString with Expand's $1/${name} rules,
 * ReplaceAllLiteralString, Split and QuoteMeta.
 *
 * How: a pattern is parsed here exactly as regexp/syntax parses it (the
 * same grammar, flags, limits and error texts, "error parsing regexp: CODE:
 * `EXPR`"), into a tree whose character classes are explicit rune ranges
 * (Perl, POSIX and Unicode classes and case folding expanded with Go's
 * Unicode 15 tables).  The tree is then written out as a PCRE2 pattern that
 * only uses constructs whose meaning does not depend on PCRE2's options or
 * Unicode tables: \x{...} runes, explicit classes, \A, \z, lookarounds for
 * ^ and $ in multi-line mode, non-capturing groups.  Leftmost-first matching
 * is what PCRE2's backtracking gives, with one repair: Go's machines never
 * revisit an instruction at the same position, so a loop iteration after
 * the first that matches empty is abandoned, where PCRE2 would keep it and
 * stop; loops whose body can match empty carry a callout that fails such an
 * iteration (emit_nullable_loop).  Go's iteration rules for all matches (an
 * empty match right after a match is dropped; the search advances by a rune)
 * are applied here, not left to PCRE2.  Capture groups are numbered as
 * PCRE2 numbers them and mapped back to Go's.
 *
 * Subjects: Go reads an invalid UTF-8 byte as U+FFFD of width 1.  A subject
 * holding such bytes is matched as a copy with each of them replaced by
 * U+FFFD, and the positions are mapped back, so matches and results are
 * the original bytes.
 *
 * Limits: PCRE2 backtracks, Go does not; a match or heap limit stops a
 * pathological pattern with an error instead of hanging the render (Go would
 * answer).  The tree's depth is bounded by Go's own nesting limit (1000),
 * and the PCRE2 pattern's by the same.  PCRE2's compiled size is limited to
 * 64 KiB (link size 2): a pattern Go accepts but PCRE2 cannot hold fails
 * with an error saying so.
 *
 * Compiled patterns are kept in a small cache shared by all threads (the
 * compilation of a pattern depends on nothing else); hc_funcs_regex_cache_clear
 * empties it.
 */
#include "funcs/funcs.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "gofmt/gofmt.h"
#include "template/runes.h"

/* regexp/syntax limits (parse.go). */
#define MAX_HEIGHT 1000                        /* maxHeight */
#define MAX_SIZE   (((int64_t)128 << 20) / 40) /* maxSize: 128 MiB of 40-byte instructions */
#define MAX_RUNES  ((128 << 20) / 4)           /* maxRunes */
#define MAX_REPEAT 1000                        /* maxRepeat */
#define MAX_RUNE   0x10FFFF

/* Compiled patterns kept for reuse, across renders (results never depend on it). */
#define CACHE_SLOTS 64

/* PCRE2 limits standing in for Go's linear-time guarantee. */
#define MATCH_LIMIT 10000000u    /* backtracking steps per match attempt */
#define HEAP_LIMIT  (64u * 1024) /* KiB of backtracking frames */

/* ---- the parse tree (regexp/syntax's Regexp) ---- */

enum op {
    OP_NO_MATCH = 1,
    OP_EMPTY_MATCH,
    OP_LITERAL,
    OP_CHAR_CLASS,
    OP_ANY_CHAR_NOT_NL,
    OP_ANY_CHAR,
    OP_BEGIN_LINE,
    OP_END_LINE,
    OP_BEGIN_TEXT,
    OP_END_TEXT,
    OP_WORD_BOUNDARY,
    OP_NO_WORD_BOUNDARY,
    OP_CAPTURE,
    OP_STAR,
    OP_PLUS,
    OP_QUEST,
    OP_REPEAT,
    OP_CONCAT,
    OP_ALTERNATE,
    OP_PSEUDO = 128,
    OP_LEFT_PAREN = OP_PSEUDO,
    OP_VERTICAL_BAR
};

/* regexp/syntax's Flags. */
enum {
    FOLD_CASE = 1 << 0,
    LITERAL = 1 << 1,
    CLASS_NL = 1 << 2,
    DOT_NL = 1 << 3,
    ONE_LINE = 1 << 4,
    NON_GREEDY = 1 << 5,
    PERL_X = 1 << 6,
    UNICODE_GROUPS = 1 << 7,
    WAS_DOLLAR = 1 << 8,
    PERL = CLASS_NL | ONE_LINE | PERL_X | UNICODE_GROUPS
};

struct node {
    uint8_t op;
    uint16_t flags;
    int32_t *rune; /* literal: one rune; class: lo/hi pairs */
    uint32_t nrune, caprune;
    struct node **sub;
    uint32_t nsub;
    int min, max;     /* repeat */
    int cap;          /* capture index; for a left paren, 0 = non-capturing */
    const char *name; /* capture name */
    size_t name_len;
    uint32_t height; /* calcHeight */
    int64_t size;    /* calcSize, in instructions */
};

/* ---- errors ---- */

static const char ERR_INVALID_CHAR_RANGE[] = "invalid character class range";
static const char ERR_INVALID_ESCAPE[] = "invalid escape sequence";
static const char ERR_INVALID_NAMED_CAPTURE[] = "invalid named capture";
static const char ERR_INVALID_PERL_OP[] = "invalid or unsupported Perl syntax";
static const char ERR_INVALID_REPEAT_OP[] = "invalid nested repetition operator";
static const char ERR_INVALID_REPEAT_SIZE[] = "invalid repeat count";
static const char ERR_INVALID_UTF8[] = "invalid UTF-8";
static const char ERR_MISSING_BRACKET[] = "missing closing ]";
static const char ERR_MISSING_PAREN[] = "missing closing )";
static const char ERR_MISSING_REPEAT_ARGUMENT[] = "missing argument to repetition operator";
static const char ERR_TRAILING_BACKSLASH[] = "trailing backslash at end of expression";
static const char ERR_UNEXPECTED_PAREN[] = "unexpected )";
static const char ERR_NESTING_DEPTH[] = "expression nests too deeply";
static const char ERR_LARGE[] = "expression too large";

struct parser {
    struct hc_arena *arena;
    unsigned flags;
    struct node **stack;
    uint32_t nstack, capstack;
    int num_cap;
    const char *whole;
    size_t whole_len;
    size_t num_runes;
    /* the first error: code and expression (a part of the pattern) */
    const char *err_code;
    const char *err_expr;
    size_t err_len;
    bool nomem;
};

/* Records a parse error (Go's &Error{code, expr}); always returns false. */
static bool perr(struct parser *p, const char *code, const char *expr, size_t len)
{
    if (!p->err_code && !p->nomem) {
        p->err_code = code;
        p->err_expr = expr;
        p->err_len = len;
    }
    return false;
}

static bool oom(struct parser *p)
{
    p->nomem = true;
    return false;
}

/* ---- nodes ---- */

static struct node *new_node(struct parser *p, int op)
{
    struct node *re = hc_arena_zalloc(p->arena, sizeof *re);
    if (!re) {
        oom(p);
        return NULL;
    }
    re->op = (uint8_t)op;
    re->flags = (uint16_t)p->flags;
    re->height = 1;
    re->size = 1;
    return re;
}

static bool rune_push(struct parser *p, struct node *re, int32_t a, int32_t b, bool pair)
{
    uint32_t need = re->nrune + (pair ? 2 : 1);
    if (need > re->caprune) {
        uint32_t cap = re->caprune ? re->caprune * 2 : 8;
        while (cap < need)
            cap *= 2;
        int32_t *nr =
            hc_arena_realloc(p->arena, re->rune, re->caprune * sizeof *nr, cap * sizeof *nr);
        if (!nr)
            return oom(p);
        re->rune = nr;
        re->caprune = cap;
    }
    re->rune[re->nrune++] = a;
    if (pair)
        re->rune[re->nrune++] = b;
    return true;
}

static bool set_subs(struct parser *p, struct node *re, struct node *const *subs, uint32_t n)
{
    re->sub = hc_arena_array(p->arena, n ? n : 1, sizeof(struct node *));
    if (!re->sub)
        return oom(p);
    memcpy(re->sub, subs, (size_t)n * sizeof(struct node *));
    re->nsub = n;
    return true;
}

/* calcSize: the instructions Go's compiler would emit for re (children already sized). */
static int64_t calc_size(const struct node *re)
{
    int64_t size = 0, sub = re->nsub ? re->sub[0]->size : 0;
    switch (re->op) {
    case OP_LITERAL:
        size = re->nrune;
        break;
    case OP_CAPTURE:
    case OP_STAR:
        size = 2 + sub;
        break;
    case OP_PLUS:
    case OP_QUEST:
        size = 1 + sub;
        break;
    case OP_CONCAT:
    case OP_ALTERNATE:
        for (uint32_t i = 0; i < re->nsub; i++)
            size += re->sub[i]->size;
        if (re->op == OP_ALTERNATE && re->nsub > 1)
            size += re->nsub - 1;
        break;
    case OP_REPEAT:
        if (re->max == -1)
            size = re->min == 0 ? 2 + sub : 1 + (int64_t)re->min * sub;
        else
            size = (int64_t)re->max * sub + (re->max - re->min);
        break;
    default:
        break;
    }
    if (size > MAX_SIZE * 4)
        size = MAX_SIZE * 4; /* saturate: only the comparison with MAX_SIZE matters */
    return size < 1 ? 1 : size;
}

/* checkLimits: rune count, compiled size and height of a node about to be used. */
static bool check_limits(struct parser *p, struct node *re)
{
    uint32_t h = 1;
    for (uint32_t i = 0; i < re->nsub; i++)
        if (re->sub[i]->height + 1 > h)
            h = re->sub[i]->height + 1;
    re->height = h;
    re->size = calc_size(re);
    if (p->num_runes > MAX_RUNES || re->size > MAX_SIZE)
        return perr(p, ERR_LARGE, p->whole, p->whole_len);
    if (re->height > MAX_HEIGHT)
        return perr(p, ERR_NESTING_DEPTH, p->whole, p->whole_len);
    return true;
}

static bool stack_push(struct parser *p, struct node *re)
{
    if (p->nstack == p->capstack) {
        uint32_t cap = p->capstack ? p->capstack * 2 : 16;
        size_t elem = sizeof p->stack[0]; /* NOLINT(bugprone-sizeof-expression) */
        struct node **ns =
            hc_arena_realloc(p->arena, p->stack, (size_t)p->capstack * elem, (size_t)cap * elem);
        if (!ns)
            return oom(p);
        p->stack = ns;
        p->capstack = cap;
    }
    p->stack[p->nstack++] = re;
    return true;
}

/* push: adds re to the parse stack. */
static bool push(struct parser *p, struct node *re)
{
    if (!re)
        return false;
    p->num_runes += re->nrune;
    return stack_push(p, re) && check_limits(p, re);
}

/* literal: pushes the rune r (folded to its orbit when FOLD_CASE is on). */
static bool literal(struct parser *p, int32_t r)
{
    struct node *re = new_node(p, OP_LITERAL);
    return re && rune_push(p, re, r, 0, false) && push(p, re);
}

static struct node *op(struct parser *p, int o)
{
    struct node *re = new_node(p, o);
    return re && push(p, re) ? re : NULL;
}

/* repeatIsValid: nested counted repetitions stay within n copies. */
static bool repeat_is_valid(const struct node *re, int n)
{
    if (re->op == OP_REPEAT) {
        int m = re->max;
        if (m == 0)
            return true;
        if (m < 0)
            m = re->min;
        if (m > n)
            return false;
        if (m > 0)
            n /= m;
    }
    for (uint32_t i = 0; i < re->nsub; i++)
        if (!repeat_is_valid(re->sub[i], n))
            return false;
    return true;
}

/*
 * repeat: applies op to the top of the stack.  before is the pattern from the
 * operator on, *after what follows it; last_repeat the previous operator's
 * text when it came right before this one ("" otherwise).
 */
static bool repeat(struct parser *p, int o, int min, int max, const char *before,
                   const char **after, const char *end, const char *last_repeat)
{
    unsigned flags = p->flags;
    if (p->flags & PERL_X) {
        if (*after < end && **after == '?') {
            (*after)++;
            flags ^= NON_GREEDY;
        }
        if (last_repeat)
            return perr(p, ERR_INVALID_REPEAT_OP, last_repeat, (size_t)(*after - last_repeat));
    }
    if (p->nstack == 0 || p->stack[p->nstack - 1]->op >= OP_PSEUDO)
        return perr(p, ERR_MISSING_REPEAT_ARGUMENT, before, (size_t)(*after - before));
    struct node *sub = p->stack[p->nstack - 1];
    struct node *re = new_node(p, o);
    if (!re)
        return false;
    re->min = min;
    re->max = max;
    re->flags = (uint16_t)flags;
    if (!set_subs(p, re, &sub, 1))
        return false;
    p->stack[p->nstack - 1] = re;
    if (!check_limits(p, re))
        return false;
    if (o == OP_REPEAT && (min >= 2 || max >= 2) && !repeat_is_valid(re, MAX_REPEAT))
        return perr(p, ERR_INVALID_REPEAT_SIZE, before, (size_t)(*after - before));
    return true;
}

/* collapse: applies op (concat or alternate) to subs, flattening nested ones. */
static struct node *collapse(struct parser *p, struct node **subs, uint32_t n, int o)
{
    if (n == 1)
        return subs[0];
    uint32_t total = 0;
    for (uint32_t i = 0; i < n; i++)
        total += subs[i]->op == o ? subs[i]->nsub : 1;
    struct node *re = new_node(p, o);
    if (!re)
        return NULL;
    re->sub = hc_arena_array(p->arena, total, sizeof(struct node *));
    if (!re->sub) {
        oom(p);
        return NULL;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (subs[i]->op == o) {
            memcpy(re->sub + re->nsub, subs[i]->sub, (size_t)subs[i]->nsub * sizeof(struct node *));
            re->nsub += subs[i]->nsub;
        } else {
            re->sub[re->nsub++] = subs[i];
        }
    }
    return re;
}

/* concat: replaces the top of the stack (above the topmost '|' or '(') with its concatenation. */
static bool concat(struct parser *p)
{
    uint32_t i = p->nstack;
    while (i > 0 && p->stack[i - 1]->op < OP_PSEUDO)
        i--;
    uint32_t n = p->nstack - i;
    p->nstack = i;
    if (n == 0)
        return push(p, new_node(p, OP_EMPTY_MATCH));
    return push(p, collapse(p, p->stack + i, n, OP_CONCAT));
}

/* alternate: replaces the top of the stack (above the topmost '(') with its alternation. */
static bool alternate(struct parser *p)
{
    uint32_t i = p->nstack;
    while (i > 0 && p->stack[i - 1]->op < OP_PSEUDO)
        i--;
    uint32_t n = p->nstack - i;
    p->nstack = i;
    if (n == 0)
        return push(p, new_node(p, OP_NO_MATCH));
    return push(p, collapse(p, p->stack + i, n, OP_ALTERNATE));
}

/* swapVerticalBar: moves the top element below a '|' under it; false when there is none. */
static bool swap_vertical_bar(struct parser *p)
{
    uint32_t n = p->nstack;
    if (n >= 2 && p->stack[n - 2]->op == OP_VERTICAL_BAR) {
        struct node *re1 = p->stack[n - 1];
        p->stack[n - 1] = p->stack[n - 2];
        p->stack[n - 2] = re1;
        return true;
    }
    return false;
}

static bool parse_vertical_bar(struct parser *p)
{
    if (!concat(p))
        return false;
    if (!swap_vertical_bar(p))
        return op(p, OP_VERTICAL_BAR) != NULL;
    return true;
}

static bool parse_right_paren(struct parser *p)
{
    if (!concat(p))
        return false;
    if (swap_vertical_bar(p))
        p->nstack--; /* pop the vertical bar */
    if (!alternate(p))
        return false;
    uint32_t n = p->nstack;
    if (n < 2)
        return perr(p, ERR_UNEXPECTED_PAREN, p->whole, p->whole_len);
    struct node *re1 = p->stack[n - 1], *re2 = p->stack[n - 2];
    p->nstack -= 2;
    if (re2->op != OP_LEFT_PAREN)
        return perr(p, ERR_UNEXPECTED_PAREN, p->whole, p->whole_len);
    p->flags = re2->flags; /* the flags at the time of the paren */
    if (re2->cap == 0)
        return push(p, re1);
    re2->op = OP_CAPTURE;
    return set_subs(p, re2, &re1, 1) && push(p, re2);
}

/* ---- runes ---- */

/* nextRune: the rune at s, or the invalid UTF-8 error (Expr: the rest of the pattern). */
static bool next_rune(struct parser *p, const char *s, const char *end, int32_t *c,
                      const char **rest)
{
    size_t w = hc_rune_decode(s, (size_t)(end - s), c);
    if (*c == HC_RUNE_ERROR && w == 1)
        return perr(p, ERR_INVALID_UTF8, s, (size_t)(end - s));
    *rest = s + w;
    return true;
}

static bool check_utf8(struct parser *p, const char *s, const char *end)
{
    while (s < end) {
        int32_t c;
        if (!next_rune(p, s, end, &c, &s))
            return false;
    }
    return true;
}

static bool is_alnum(int32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int unhex(int32_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* ---- character classes: sorted lo/hi pairs ---- */

/* A growable class under construction (tmpClass, or a node's runes). */
struct cls {
    int32_t *r;
    uint32_t n, cap;
};

static bool cls_grow(struct parser *p, struct cls *c, uint32_t more)
{
    if (c->n + more <= c->cap)
        return true;
    uint32_t cap = c->cap ? c->cap * 2 : 16;
    while (cap < c->n + more)
        cap *= 2;
    int32_t *nr = hc_arena_realloc(p->arena, c->r, c->cap * sizeof *nr, cap * sizeof *nr);
    if (!nr)
        return oom(p);
    c->r = nr;
    c->cap = cap;
    return true;
}

/* appendRange: merges with the last or next-to-last range when they touch. */
static bool append_range(struct parser *p, struct cls *c, int32_t lo, int32_t hi)
{
    uint32_t n = c->n;
    for (uint32_t i = 2; i <= 4; i += 2) {
        if (n >= i) {
            int32_t rlo = c->r[n - i], rhi = c->r[n - i + 1];
            if (lo <= rhi + 1 && rlo <= hi + 1) {
                if (lo < rlo)
                    c->r[n - i] = lo;
                if (hi > rhi)
                    c->r[n - i + 1] = hi;
                return true;
            }
        }
    }
    if (!cls_grow(p, c, 2))
        return false;
    c->r[c->n++] = lo;
    c->r[c->n++] = hi;
    return true;
}

#define MIN_FOLD 0x0041
#define MAX_FOLD 0x1E943

/* appendFoldedRange: lo-hi and every rune case folding makes equivalent to one of them. */
static bool append_folded_range(struct parser *p, struct cls *c, int32_t lo, int32_t hi)
{
    if ((lo <= MIN_FOLD && hi >= MAX_FOLD) || hi < MIN_FOLD || lo > MAX_FOLD)
        return append_range(p, c, lo, hi);
    if (lo < MIN_FOLD) {
        if (!append_range(p, c, lo, MIN_FOLD - 1))
            return false;
        lo = MIN_FOLD;
    }
    if (hi > MAX_FOLD) {
        if (!append_range(p, c, MAX_FOLD + 1, hi))
            return false;
        hi = MAX_FOLD;
    }
    for (int32_t r = lo; r <= hi; r++) {
        if (!append_range(p, c, r, r))
            return false;
        for (int32_t f = hc_rune_simple_fold(r); f != r; f = hc_rune_simple_fold(f))
            if (!append_range(p, c, f, f))
                return false;
    }
    return true;
}

static int cmp_range(const void *a, const void *b)
{
    const int32_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    if (x[1] != y[1])
        return x[1] > y[1] ? -1 : 1; /* hi decreasing breaks ties */
    return 0;
}

/* cleanClass: sorts the ranges and merges the overlapping or abutting ones. */
static void clean_class(struct cls *c)
{
    if (c->n < 4)
        return;
    bool sorted = true; /* classes built from tables usually are */
    for (uint32_t i = 2; i < c->n && sorted; i += 2)
        sorted = cmp_range(c->r + i - 2, c->r + i) <= 0;
    if (!sorted)
        qsort(c->r, c->n / 2, 2 * sizeof *c->r, cmp_range);
    uint32_t w = 2;
    for (uint32_t i = 2; i < c->n; i += 2) {
        int32_t lo = c->r[i], hi = c->r[i + 1];
        if (lo <= c->r[w - 1] + 1) {
            if (hi > c->r[w - 1])
                c->r[w - 1] = hi;
            continue;
        }
        c->r[w] = lo;
        c->r[w + 1] = hi;
        w += 2;
    }
    c->n = w;
}

static bool append_class(struct parser *p, struct cls *c, const int32_t *x, uint32_t n)
{
    for (uint32_t i = 0; i < n; i += 2)
        if (!append_range(p, c, x[i], x[i + 1]))
            return false;
    return true;
}

static bool append_folded_class(struct parser *p, struct cls *c, const int32_t *x, uint32_t n)
{
    for (uint32_t i = 0; i < n; i += 2)
        if (!append_folded_range(p, c, x[i], x[i + 1]))
            return false;
    return true;
}

/* appendNegatedClass: the complement of the clean class x. */
static bool append_negated_class(struct parser *p, struct cls *c, const int32_t *x, uint32_t n)
{
    int32_t next = 0;
    for (uint32_t i = 0; i < n; i += 2) {
        if (next <= x[i] - 1 && !append_range(p, c, next, x[i] - 1))
            return false;
        next = x[i + 1] + 1;
    }
    if (next <= MAX_RUNE)
        return append_range(p, c, next, MAX_RUNE);
    return true;
}

static bool append_table(struct parser *p, struct cls *c, const struct hc_rune_range *t, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (!append_range(p, c, (int32_t)t[i].lo, (int32_t)t[i].hi))
            return false;
    return true;
}

static bool append_negated_table(struct parser *p, struct cls *c, const struct hc_rune_range *t,
                                 uint32_t n)
{
    int32_t next = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (next <= (int32_t)t[i].lo - 1 && !append_range(p, c, next, (int32_t)t[i].lo - 1))
            return false;
        next = (int32_t)t[i].hi + 1;
    }
    if (next <= MAX_RUNE)
        return append_range(p, c, next, MAX_RUNE);
    return true;
}

/* negateClass: c becomes its complement (c clean). */
static bool negate_class(struct parser *p, struct cls *c)
{
    struct cls neg = {NULL, 0, 0};
    if (!append_negated_class(p, &neg, c->r, c->n))
        return false;
    *c = neg;
    return true;
}

/* ---- Perl, POSIX and Unicode groups ---- */

struct group {
    const char *name;
    const int32_t *cls;
    uint32_t n;
    int sign;
};

static const int32_t code_d[] = {'0', '9'};
static const int32_t code_s[] = {'\t', '\n', '\f', '\r', ' ', ' '};
static const int32_t code_w[] = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};

static const struct group perl_groups[] = {
    {"\\d", code_d, 2, +1},
    {"\\D", code_d, 2, -1},
    {"\\s", code_s, 6, +1},
    {"\\S", code_s, 6, -1},
    {"\\w", code_w, 8, +1},
    {"\\W", code_w, 8, -1},
};

static const int32_t code_alnum[] = {'0', '9', 'A', 'Z', 'a', 'z'};
static const int32_t code_alpha[] = {'A', 'Z', 'a', 'z'};
static const int32_t code_ascii[] = {0x00, 0x7F};
static const int32_t code_blank[] = {'\t', '\t', ' ', ' '};
static const int32_t code_cntrl[] = {0x00, 0x1F, 0x7F, 0x7F};
static const int32_t code_digit[] = {'0', '9'};
static const int32_t code_graph[] = {'!', '~'};
static const int32_t code_lower[] = {'a', 'z'};
static const int32_t code_print[] = {' ', '~'};
static const int32_t code_punct[] = {'!', '/', ':', '@', '[', '`', '{', '~'};
static const int32_t code_space[] = {'\t', '\r', ' ', ' '};
static const int32_t code_upper[] = {'A', 'Z'};
static const int32_t code_word[] = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
static const int32_t code_xdigit[] = {'0', '9', 'A', 'F', 'a', 'f'};

#define POSIX(name, arr)                                           \
    {"[:" name ":]", (arr), sizeof(arr) / sizeof((arr)[0]), +1},   \
    {                                                              \
        "[:^" name ":]", (arr), sizeof(arr) / sizeof((arr)[0]), -1 \
    }

static const struct group posix_groups[] = {
    POSIX("alnum", code_alnum), POSIX("alpha", code_alpha),   POSIX("ascii", code_ascii),
    POSIX("blank", code_blank), POSIX("cntrl", code_cntrl),   POSIX("digit", code_digit),
    POSIX("graph", code_graph), POSIX("lower", code_lower),   POSIX("print", code_print),
    POSIX("punct", code_punct), POSIX("space", code_space),   POSIX("upper", code_upper),
    POSIX("word", code_word),   POSIX("xdigit", code_xdigit),
};

static const struct group *find_group(const struct group *g, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(g[i].name) == len && memcmp(g[i].name, name, len) == 0)
            return &g[i];
    return NULL;
}

/* appendGroup: a Perl or POSIX group, folded under FOLD_CASE. */
static bool append_group(struct parser *p, struct cls *c, const struct group *g)
{
    if (!(p->flags & FOLD_CASE)) {
        if (g->sign < 0)
            return append_negated_class(p, c, g->cls, g->n);
        return append_class(p, c, g->cls, g->n);
    }
    struct cls tmp = {NULL, 0, 0};
    if (!append_folded_class(p, &tmp, g->cls, g->n))
        return false;
    clean_class(&tmp);
    if (g->sign < 0)
        return append_negated_class(p, c, tmp.r, tmp.n);
    return append_class(p, c, tmp.r, tmp.n);
}

/* parsePerlClassEscape: \d \D \s \S \w \W at s; *rest past it, or false when s holds none. */
static bool perl_class_escape(struct parser *p, const char *s, const char *end, struct cls *c,
                              const char **rest, bool *found)
{
    *found = false;
    if (!(p->flags & PERL_X) || end - s < 2 || s[0] != '\\')
        return true;
    const struct group *g =
        find_group(perl_groups, sizeof perl_groups / sizeof perl_groups[0], s, 2);
    if (!g)
        return true;
    *found = true;
    *rest = s + 2;
    return append_group(p, c, g);
}

/* parseNamedClass: [:alnum:] and the rest at s. */
static bool named_class(struct parser *p, const char *s, const char *end, struct cls *c,
                        const char **rest, bool *found)
{
    *found = false;
    if (end - s < 2 || s[0] != '[' || s[1] != ':')
        return true;
    const char *q = NULL;
    for (const char *t = s + 2; t + 1 < end; t++)
        if (t[0] == ':' && t[1] == ']') {
            q = t;
            break;
        }
    if (!q)
        return true;
    size_t len = (size_t)(q + 2 - s);
    const struct group *g =
        find_group(posix_groups, sizeof posix_groups / sizeof posix_groups[0], s, len);
    if (!g)
        return perr(p, ERR_INVALID_CHAR_RANGE, s, len);
    *found = true;
    *rest = s + len;
    return append_group(p, c, g);
}

/* canonicalName: first letter upper case, the rest lower case, no '_', '-' or ' '. */
static size_t canonical_name(const char *name, size_t n, char *out, size_t cap)
{
    size_t w = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        char ch = name[i];
        if (ch == '_' || ch == '-' || ch == ' ')
            continue;
        if (first) {
            if (ch >= 'a' && ch <= 'z')
                ch = (char)(ch - 32);
            first = false;
        } else if (ch >= 'A' && ch <= 'Z') {
            ch = (char)(ch + 32);
        }
        if (w < cap)
            out[w] = ch;
        w++;
    }
    return w;
}

static const struct hc_rune_range any_table[] = {
    {0, MAX_RUNE}
};
static const struct hc_rune_range ascii_table[] = {
    {0, 0x7F}
};
static const struct hc_rune_range ascii_fold_table[] = {
    {0,      0x7F  },
    {0x17F,  0x17F },
    {0x212A, 0x212A}
};

/* unicodeTable: the table a \p name stands for and its fold companion; false when unknown. */
static bool unicode_table(const char *name, size_t n, struct hc_rune_table *out, int *sign)
{
    char canon[64];
    size_t len = canonical_name(name, n, canon, sizeof canon);
    *sign = +1;
    if (len > sizeof canon)
        return false;
    const struct hc_rune_table *t;
    if (len == 3 && memcmp(canon, "Any", 3) == 0) {
        *out = (struct hc_rune_table){"Any", any_table, any_table, 1, 1};
        return true;
    }
    if (len == 8 && memcmp(canon, "Assigned", 8) == 0) {
        t = hc_rune_category("Cn", 2);
        *out = (struct hc_rune_table){"Assigned", t->r, t->r, t->n, t->n};
        *sign = -1;
        return true;
    }
    if (len == 5 && memcmp(canon, "Ascii", 5) == 0) {
        *out = (struct hc_rune_table){"Ascii", ascii_table, ascii_fold_table, 1, 3};
        return true;
    }
    if (len == 2 && memcmp(canon, "Lc", 2) == 0) {
        *out = *hc_rune_category("LC", 2);
        return true;
    }
    if ((t = hc_rune_category(canon, len)) != NULL || (t = hc_rune_script(canon, len)) != NULL) {
        *out = *t;
        return true;
    }
    const char *actual = hc_rune_category_alias(canon, len);
    if (actual) {
        *out = *hc_rune_category(actual, strlen(actual));
        return true;
    }
    return false;
}

/*
 * parseUnicodeClass: \pN, \p{Name}, \PN, \P{^Name} at s.  *found is false
 * when s does not start one (or Unicode groups are off).
 */
static bool unicode_class(struct parser *p, const char *s, const char *end, struct cls *c,
                          const char **rest, bool *found)
{
    *found = false;
    if (!(p->flags & UNICODE_GROUPS) || end - s < 2 || s[0] != '\\' || (s[1] != 'p' && s[1] != 'P'))
        return true;
    int sign = s[1] == 'P' ? -1 : +1;
    const char *t = s + 2, *seq_end, *name, *name_end;
    int32_t ch = HC_RUNE_ERROR;
    size_t w = 0;
    if (t < end) {
        w = hc_rune_decode(t, (size_t)(end - t), &ch);
        if (ch == HC_RUNE_ERROR && w == 1)
            return perr(p, ERR_INVALID_UTF8, t, (size_t)(end - t));
    }
    if (ch != '{') { /* a one-letter name (none at the end of the pattern) */
        seq_end = t + w;
        name = s + 2;
        name_end = seq_end;
    } else {
        const char *close = memchr(s, '}', (size_t)(end - s));
        if (!close) {
            if (!check_utf8(p, s, end))
                return false;
            return perr(p, ERR_INVALID_CHAR_RANGE, s, (size_t)(end - s));
        }
        seq_end = close + 1;
        name = s + 3;
        name_end = close;
        if (!check_utf8(p, name, name_end))
            return false;
    }
    if (name < name_end && name[0] == '^') {
        sign = -sign;
        name++;
    }
    struct hc_rune_table tab;
    int tsign;
    if (!unicode_table(name, (size_t)(name_end - name), &tab, &tsign))
        return perr(p, ERR_INVALID_CHAR_RANGE, s, (size_t)(seq_end - s));
    if (tsign < 0)
        sign = -sign;
    *found = true;
    *rest = seq_end;
    if (!(p->flags & FOLD_CASE) || !tab.fold) {
        if (sign > 0)
            return append_table(p, c, tab.r, tab.n);
        return append_negated_table(p, c, tab.r, tab.n);
    }
    struct cls tmp = {NULL, 0, 0};
    if (!append_table(p, &tmp, tab.r, tab.n) || !append_table(p, &tmp, tab.fold, tab.nfold))
        return false;
    clean_class(&tmp);
    if (sign > 0)
        return append_class(p, c, tmp.r, tmp.n);
    return append_negated_class(p, c, tmp.r, tmp.n);
}

/* ---- escapes ---- */

/* parseEscape: the rune of the escape at s (s[0] == '\\'). */
static bool parse_escape(struct parser *p, const char *s, const char *end, int32_t *r,
                         const char **rest)
{
    const char *t = s + 1;
    if (t == end)
        return perr(p, ERR_TRAILING_BACKSLASH, "", 0);
    int32_t c;
    if (!next_rune(p, t, end, &c, &t))
        return false;
    switch (c) {
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
        /* a single non-zero digit would be a backreference: not supported */
        if (t == end || *t < '0' || *t > '7')
            break;
        /* fall through */
    case '0': {
        int32_t v = c - '0';
        for (int i = 1; i < 3; i++) {
            if (t == end || *t < '0' || *t > '7')
                break;
            v = v * 8 + (*t - '0');
            t++;
        }
        *r = v;
        *rest = t;
        return true;
    }
    case 'x': {
        if (t == end)
            break;
        if (!next_rune(p, t, end, &c, &t))
            return false;
        if (c == '{') {
            int nhex = 0;
            int32_t v = 0;
            for (;;) {
                if (t == end)
                    goto bad;
                if (!next_rune(p, t, end, &c, &t))
                    return false;
                if (c == '}')
                    break;
                int x = unhex(c);
                if (x < 0)
                    goto bad;
                v = v * 16 + x;
                if (v > MAX_RUNE)
                    goto bad;
                nhex++;
            }
            if (nhex == 0)
                goto bad;
            *r = v;
            *rest = t;
            return true;
        }
        int x = unhex(c);
        if (t == end) /* Go's nextRune on "" gives RuneError, not an error */
            goto bad;
        if (!next_rune(p, t, end, &c, &t))
            return false;
        int y = unhex(c);
        if (x < 0 || y < 0)
            break;
        *r = x * 16 + y;
        *rest = t;
        return true;
    }
    case 'a':
        *r = '\a';
        *rest = t;
        return true;
    case 'f':
        *r = '\f';
        *rest = t;
        return true;
    case 'n':
        *r = '\n';
        *rest = t;
        return true;
    case 'r':
        *r = '\r';
        *rest = t;
        return true;
    case 't':
        *r = '\t';
        *rest = t;
        return true;
    case 'v':
        *r = '\v';
        *rest = t;
        return true;
    default:
        if (c < 0x80 && !is_alnum(c)) {
            *r = c; /* an escaped punctuation character is itself */
            *rest = t;
            return true;
        }
        break;
    }
bad:
    return perr(p, ERR_INVALID_ESCAPE, s, (size_t)(t - s));
}

/* parseClassChar: one character of a class (escaped or not). */
static bool parse_class_char(struct parser *p, const char *s, const char *end, const char *whole,
                             int32_t *r, const char **rest)
{
    if (s == end)
        return perr(p, ERR_MISSING_BRACKET, whole, (size_t)(end - whole));
    if (s[0] == '\\')
        return parse_escape(p, s, end, r, rest);
    return next_rune(p, s, end, r, rest);
}

/* parseClass: the class at s (s[0] == '['), pushed onto the stack. */
static bool parse_class(struct parser *p, const char *s, const char *end, const char **rest)
{
    const char *t = s + 1;
    struct cls c = {NULL, 0, 0};
    int sign = +1;
    if (t < end && *t == '^') {
        sign = -1;
        t++;
        /* a class that does not match \n gets it here, so that negation removes it */
        if (!(p->flags & CLASS_NL) && !append_range(p, &c, '\n', '\n'))
            return false;
    }
    bool first = true; /* ] and - are fine as the first character */
    while (t == end || *t != ']' || first) {
        if (t < end && *t == '-' && !(p->flags & PERL_X) && !first &&
            (end - t == 1 || t[1] != ']')) {
            int32_t r;
            size_t w = hc_rune_decode(t + 1, (size_t)(end - t - 1), &r);
            return perr(p, ERR_INVALID_CHAR_RANGE, t, 1 + w);
        }
        first = false;
        bool found;
        if (end - t > 2 && t[0] == '[' && t[1] == ':') {
            if (!named_class(p, t, end, &c, &t, &found))
                return false;
            if (found)
                continue;
        }
        if (!unicode_class(p, t, end, &c, &t, &found))
            return false;
        if (found)
            continue;
        if (!perl_class_escape(p, t, end, &c, &t, &found))
            return false;
        if (found)
            continue;
        const char *rng = t;
        int32_t lo, hi;
        if (!parse_class_char(p, t, end, s, &lo, &t))
            return false;
        hi = lo;
        if (end - t >= 2 && t[0] == '-' && t[1] != ']') { /* [a-] is a and - */
            t++;
            if (!parse_class_char(p, t, end, s, &hi, &t))
                return false;
            if (hi < lo)
                return perr(p, ERR_INVALID_CHAR_RANGE, rng, (size_t)(t - rng));
        }
        if (!(p->flags & FOLD_CASE) ? !append_range(p, &c, lo, hi)
                                    : !append_folded_range(p, &c, lo, hi))
            return false;
    }
    t++; /* the ] */
    clean_class(&c);
    if (sign < 0 && !negate_class(p, &c))
        return false;
    struct node *re = new_node(p, OP_CHAR_CLASS);
    if (!re)
        return false;
    re->rune = c.r;
    re->nrune = c.n;
    re->caprune = c.cap;
    *rest = t;
    return push(p, re);
}

/* ---- flags and groups ---- */

/* isValidCaptureName: [A-Za-z0-9_]+ */
static bool valid_capture_name(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_' && !is_alnum((unsigned char)s[i]))
            return false;
    return true;
}

/* parsePerlFlags: (?flags), (?flags:, (?P<name> and (?<name> at s. */
static bool parse_perl_flags(struct parser *p, const char *s, const char *end, const char **rest)
{
    const char *t = s;
    size_t n = (size_t)(end - t);
    bool with_p = n > 4 && t[2] == 'P' && t[3] == '<';
    bool with_name = n > 3 && t[2] == '<';
    if (with_p || with_name) {
        const char *expr = t + (with_name ? 3 : 4);
        const char *close = NULL;
        /* strings.IndexRune(t, '>') */
        for (const char *q = t; q < end;) {
            int32_t r;
            size_t w = hc_rune_decode(q, (size_t)(end - q), &r);
            if (r == '>') {
                close = q;
                break;
            }
            q += w;
        }
        if (!close) {
            if (!check_utf8(p, t, end))
                return false;
            return perr(p, ERR_INVALID_NAMED_CAPTURE, s, (size_t)(end - s));
        }
        if (!check_utf8(p, expr, close))
            return false;
        if (!valid_capture_name(expr, (size_t)(close - expr)))
            return perr(p, ERR_INVALID_NAMED_CAPTURE, t, (size_t)(close + 1 - t));
        p->num_cap++;
        struct node *re = op(p, OP_LEFT_PAREN);
        if (!re)
            return false;
        re->cap = p->num_cap;
        re->name = expr;
        re->name_len = (size_t)(close - expr);
        *rest = close + 1;
        return true;
    }
    /* non-capturing group, maybe with flag changes */
    t += 2;
    unsigned flags = p->flags;
    int sign = +1;
    bool saw_flag = false;
    while (t < end) {
        int32_t c;
        if (!next_rune(p, t, end, &c, &t))
            return false;
        switch (c) {
        case 'i':
            flags |= FOLD_CASE;
            saw_flag = true;
            continue;
        case 'm':
            flags &= ~(unsigned)ONE_LINE;
            saw_flag = true;
            continue;
        case 's':
            flags |= DOT_NL;
            saw_flag = true;
            continue;
        case 'U':
            flags |= NON_GREEDY;
            saw_flag = true;
            continue;
        case '-':
            if (sign < 0)
                break;
            sign = -1;
            flags = ~flags; /* so that setting a flag clears it; inverted back below */
            saw_flag = false;
            continue;
        case ':':
        case ')':
            if (sign < 0) {
                if (!saw_flag)
                    break;
                flags = ~flags;
            }
            if (c == ':' && !op(p, OP_LEFT_PAREN))
                return false;
            p->flags = flags & 0xFFFF;
            *rest = t;
            return true;
        default:
            break;
        }
        break;
    }
    return perr(p, ERR_INVALID_PERL_OP, s, (size_t)(t - s));
}

/* parseInt: a decimal number without leading zeros; -1 when it is too big. */
static bool parse_int(const char *s, const char *end, int *n, const char **rest)
{
    if (s == end || *s < '0' || *s > '9')
        return false;
    if (end - s >= 2 && s[0] == '0' && s[1] >= '0' && s[1] <= '9')
        return false;
    const char *t = s;
    while (s < end && *s >= '0' && *s <= '9')
        s++;
    *rest = s;
    int v = 0;
    for (; t < s; t++) {
        if (v >= 100000000) {
            v = -1;
            break;
        }
        v = v * 10 + (*t - '0');
    }
    *n = v;
    return true;
}

/* parseRepeat: {min}, {min,} or {min,max} at s; min -1 when a number is too big. */
static bool parse_repeat(const char *s, const char *end, int *min, int *max, const char **rest)
{
    if (s == end || *s != '{')
        return false;
    s++;
    if (!parse_int(s, end, min, &s) || s == end)
        return false;
    if (*s != ',') {
        *max = *min;
    } else {
        s++;
        if (s == end)
            return false;
        if (*s == '}') {
            *max = -1;
        } else {
            if (!parse_int(s, end, max, &s))
                return false;
            if (*max < 0)
                *min = -1;
        }
    }
    if (s == end || *s != '}')
        return false;
    *rest = s + 1;
    return true;
}

/* Parse(s, Perl): the tree of pattern s, or false with the error in p. */
static struct node *parse(struct parser *p, const char *s, size_t n)
{
    const char *t = s, *end = s + n, *last_repeat = NULL;
    p->flags = PERL;
    p->whole = s;
    p->whole_len = n;
    while (t < end) {
        const char *repeat_at = NULL;
        int32_t c;
        switch (*t) {
        default:
            if (!next_rune(p, t, end, &c, &t) || !literal(p, c))
                return NULL;
            break;
        case '(':
            if ((p->flags & PERL_X) && end - t >= 2 && t[1] == '?') {
                if (!parse_perl_flags(p, t, end, &t))
                    return NULL;
                break;
            }
            p->num_cap++;
            {
                struct node *re = op(p, OP_LEFT_PAREN);
                if (!re)
                    return NULL;
                re->cap = p->num_cap;
            }
            t++;
            break;
        case '|':
            if (!parse_vertical_bar(p))
                return NULL;
            t++;
            break;
        case ')':
            if (!parse_right_paren(p))
                return NULL;
            t++;
            break;
        case '^':
            if (!op(p, (p->flags & ONE_LINE) ? OP_BEGIN_TEXT : OP_BEGIN_LINE))
                return NULL;
            t++;
            break;
        case '$':
            if (p->flags & ONE_LINE) {
                struct node *re = op(p, OP_END_TEXT);
                if (!re)
                    return NULL;
                re->flags |= WAS_DOLLAR;
            } else if (!op(p, OP_END_LINE)) {
                return NULL;
            }
            t++;
            break;
        case '.':
            if (!op(p, (p->flags & DOT_NL) ? OP_ANY_CHAR : OP_ANY_CHAR_NOT_NL))
                return NULL;
            t++;
            break;
        case '[':
            if (!parse_class(p, t, end, &t))
                return NULL;
            break;
        case '*':
        case '+':
        case '?': {
            const char *before = t, *after = t + 1;
            int o = *t == '*' ? OP_STAR : *t == '+' ? OP_PLUS : OP_QUEST;
            if (!repeat(p, o, 0, 0, before, &after, end, last_repeat))
                return NULL;
            repeat_at = before;
            t = after;
            break;
        }
        case '{': {
            const char *before = t, *after;
            int min, max;
            if (!parse_repeat(t, end, &min, &max, &after)) {
                /* not a repeat: { is a literal */
                if (!literal(p, '{'))
                    return NULL;
                t++;
                break;
            }
            if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
                perr(p, ERR_INVALID_REPEAT_SIZE, before, (size_t)(after - before));
                return NULL;
            }
            if (!repeat(p, OP_REPEAT, min, max, before, &after, end, last_repeat))
                return NULL;
            repeat_at = before;
            t = after;
            break;
        }
        case '\\':
            if ((p->flags & PERL_X) && end - t >= 2) {
                bool done = true;
                switch (t[1]) {
                case 'A':
                    if (!op(p, OP_BEGIN_TEXT))
                        return NULL;
                    t += 2;
                    break;
                case 'b':
                    if (!op(p, OP_WORD_BOUNDARY))
                        return NULL;
                    t += 2;
                    break;
                case 'B':
                    if (!op(p, OP_NO_WORD_BOUNDARY))
                        return NULL;
                    t += 2;
                    break;
                case 'C': /* any byte: not supported */
                    perr(p, ERR_INVALID_ESCAPE, t, 2);
                    return NULL;
                case 'Q': {
                    /* \Q ... \E: literal text */
                    const char *lit = t + 2, *lit_end = end, *q;
                    for (q = lit; q + 1 < end; q++)
                        if (q[0] == '\\' && q[1] == 'E')
                            break;
                    if (q + 1 < end) {
                        lit_end = q;
                        t = q + 2;
                    } else {
                        t = end;
                    }
                    while (lit < lit_end) {
                        if (!next_rune(p, lit, lit_end, &c, &lit) || !literal(p, c))
                            return NULL;
                    }
                    break;
                }
                case 'z':
                    if (!op(p, OP_END_TEXT))
                        return NULL;
                    t += 2;
                    break;
                default:
                    done = false;
                    break;
                }
                if (done)
                    break;
            }
            {
                struct cls cl = {NULL, 0, 0};
                bool found;
                if (!unicode_class(p, t, end, &cl, &t, &found))
                    return NULL;
                if (!found && !perl_class_escape(p, t, end, &cl, &t, &found))
                    return NULL;
                if (found) {
                    struct node *re = new_node(p, OP_CHAR_CLASS);
                    if (!re)
                        return NULL;
                    re->rune = cl.r;
                    re->nrune = cl.n;
                    re->caprune = cl.cap;
                    if (!push(p, re))
                        return NULL;
                    break;
                }
            }
            if (!parse_escape(p, t, end, &c, &t) || !literal(p, c))
                return NULL;
            break;
        }
        last_repeat = repeat_at;
    }
    if (!concat(p))
        return NULL;
    if (swap_vertical_bar(p))
        p->nstack--;
    if (!alternate(p))
        return NULL;
    if (p->nstack != 1) {
        perr(p, ERR_MISSING_PAREN, s, n);
        return NULL;
    }
    return p->stack[0];
}

/* ---- the PCRE2 pattern ---- */

static void emit_rune(struct hc_buf *b, int32_t r)
{
    static const char hex[] = "0123456789abcdef";
    if (is_alnum(r)) {
        hc_buf_addc(b, (char)r);
        return;
    }
    char t[12];
    size_t n = sizeof t;
    t[--n] = '}';
    uint32_t u = (uint32_t)r;
    do {
        t[--n] = hex[u & 15];
        u >>= 4;
    } while (u);
    t[--n] = '{';
    t[--n] = 'x';
    t[--n] = '\\';
    hc_buf_add(b, t + n, sizeof t - n);
}

/* One range of a class, without the surrogates (no UTF-8 text decodes to them). */
static void emit_range(struct hc_buf *b, int32_t lo, int32_t hi)
{
    if (lo >= 0xD800 && hi <= 0xDFFF)
        return;
    if (lo < 0xD800 && hi >= 0xD800) {
        emit_range(b, lo, 0xD7FF);
        if (hi > 0xDFFF)
            emit_range(b, 0xE000, hi);
        return;
    }
    if (lo >= 0xD800 && lo <= 0xDFFF)
        lo = 0xE000;
    emit_rune(b, lo);
    if (hi > lo) {
        hc_buf_addc(b, '-');
        emit_rune(b, hi);
    }
}

/* Whether the class holds a rune a valid UTF-8 text can have. */
static bool class_matchable(const int32_t *r, uint32_t n)
{
    for (uint32_t i = 0; i < n; i += 2)
        if (r[i] < 0xD800 || r[i + 1] > 0xDFFF)
            return true;
    return false;
}

static void emit_class(struct hc_buf *b, const int32_t *r, uint32_t n)
{
    if (!class_matchable(r, n)) {
        hc_buf_adds(b, "(?!)");
        return;
    }
    hc_buf_addc(b, '[');
    for (uint32_t i = 0; i < n; i += 2)
        emit_range(b, r[i], r[i + 1]);
    hc_buf_addc(b, ']');
}

/* A literal rune; under FOLD_CASE the class of its case-folding orbit. */
static void emit_literal(struct hc_buf *b, int32_t r, bool fold)
{
    if (r >= 0xD800 && r <= 0xDFFF) {
        hc_buf_adds(b, "(?!)");
        return;
    }
    if (fold && hc_rune_simple_fold(r) != r) {
        int32_t orbit[8];
        int n = 0;
        int32_t f = r;
        do {
            orbit[n++] = f;
            f = hc_rune_simple_fold(f);
        } while (f != r && n < 8);
        hc_buf_addc(b, '[');
        for (int i = 0; i < n; i++)
            emit_rune(b, orbit[i]);
        hc_buf_addc(b, ']');
        return;
    }
    emit_rune(b, r);
}

/* Whether re is emitted as one PCRE2 item a quantifier can follow directly. */
static bool single_item(const struct node *re)
{
    switch (re->op) {
    case OP_LITERAL:
        return re->rune[0] < 0xD800 || re->rune[0] > 0xDFFF;
    case OP_CHAR_CLASS:
        return class_matchable(re->rune, re->nrune);
    case OP_ANY_CHAR_NOT_NL:
    case OP_ANY_CHAR:
    case OP_CAPTURE:
        return true;
    default:
        return false;
    }
}

/* The compiler's frag.nullable: whether re can match the empty string. */
static bool nullable(const struct node *re)
{
    switch (re->op) {
    case OP_NO_MATCH:
    case OP_LITERAL:
    case OP_CHAR_CLASS:
    case OP_ANY_CHAR_NOT_NL:
    case OP_ANY_CHAR:
        return false;
    case OP_CAPTURE:
    case OP_PLUS:
        return nullable(re->sub[0]);
    case OP_REPEAT:
        return re->min == 0 || nullable(re->sub[0]);
    case OP_CONCAT:
        for (uint32_t i = 0; i < re->nsub; i++)
            if (!nullable(re->sub[i]))
                return false;
        return true;
    case OP_ALTERNATE:
        for (uint32_t i = 0; i < re->nsub; i++)
            if (nullable(re->sub[i]))
                return true;
        return false;
    default: /* empty match, assertions, star, quest */
        return true;
    }
}

struct emitter {
    struct hc_buf *b;
    uint32_t groups; /* PCRE2 capture groups written so far */
    uint32_t *group; /* group[go capture index] = its PCRE2 group number */
};

static void emit(struct emitter *em, const struct node *re, bool in_concat);

static void emit_quantifier(struct emitter *em, const struct node *re)
{
    struct hc_buf *b = em->b;
    if (re->op == OP_STAR)
        hc_buf_addc(b, '*');
    else if (re->op == OP_PLUS)
        hc_buf_addc(b, '+');
    else if (re->op == OP_QUEST)
        hc_buf_addc(b, '?');
    else if (re->max == -1)
        hc_buf_printf(b, "{%d,}", re->min);
    else if (re->max == re->min)
        hc_buf_printf(b, "{%d}", re->min);
    else
        hc_buf_printf(b, "{%d,%d}", re->min, re->max);
    if (re->flags & NON_GREEDY)
        hc_buf_addc(b, '?');
}

/*
 * A loop (x* or x+) whose body can match empty.  Go's machines never reach
 * the same instruction twice at one position on one path, so an iteration
 * after the first that matches empty is abandoned (and its other choices
 * tried), while PCRE2 would keep it and leave the loop.  The loop records
 * its entry (group E) and each iteration's start (group S), and a callout at
 * the end of the body fails an empty iteration that is not the first one.
 * An empty first iteration ends the loop, as in both engines.
 */
static void emit_nullable_loop(struct emitter *em, const struct node *re)
{
    struct hc_buf *b = em->b;
    uint32_t e = ++em->groups;
    hc_buf_adds(b, "()(?:");
    uint32_t s = ++em->groups;
    hc_buf_adds(b, "()");
    emit(em, re->sub[0], true);
    hc_buf_printf(b, "(?C{%u:%u}))%s%s", (unsigned)e, (unsigned)s, re->op == OP_STAR ? "*" : "+",
                  (re->flags & NON_GREEDY) ? "?" : "");
}

/*
 * Writes re as PCRE2 pattern text.  Groups are added only where PCRE2's
 * precedence needs them (an alternation inside a concatenation, the operand
 * of a quantifier), so the pattern's parentheses nest about as deep as Go's
 * tree, whose height the parser bounds.  Loops follow Go's Simplify: x{n,}
 * is n-1 copies of x and x+, and a loop directly around the same kind of
 * loop is that loop.
 */
static void emit(struct emitter *em, const struct node *re, bool in_concat)
{
    struct hc_buf *b = em->b;
    switch (re->op) {
    case OP_NO_MATCH:
        hc_buf_adds(b, "(?!)");
        return;
    case OP_EMPTY_MATCH:
        return;
    case OP_LITERAL:
        emit_literal(b, re->rune[0], re->flags & FOLD_CASE);
        return;
    case OP_CHAR_CLASS:
        emit_class(b, re->rune, re->nrune);
        return;
    case OP_ANY_CHAR_NOT_NL:
        hc_buf_adds(b, "[^\\n]");
        return;
    case OP_ANY_CHAR:
        hc_buf_adds(b, "(?s:.)");
        return;
    case OP_BEGIN_LINE:
        hc_buf_adds(b, "(?:\\A|(?<=\\n))");
        return;
    case OP_END_LINE:
        hc_buf_adds(b, "(?:\\z|(?=\\n))");
        return;
    case OP_BEGIN_TEXT:
        hc_buf_adds(b, "\\A");
        return;
    case OP_END_TEXT:
        hc_buf_adds(b, "\\z");
        return;
    case OP_WORD_BOUNDARY:
        hc_buf_adds(b, "\\b");
        return;
    case OP_NO_WORD_BOUNDARY:
        hc_buf_adds(b, "\\B");
        return;
    case OP_CAPTURE:
        em->group[re->cap] = ++em->groups;
        hc_buf_addc(b, '(');
        emit(em, re->sub[0], false);
        hc_buf_addc(b, ')');
        return;
    case OP_STAR:
    case OP_PLUS:
    case OP_QUEST:
    case OP_REPEAT: {
        const struct node *sub = re->sub[0];
        /* Simplify: x** is x*, x++ is x+, x?? is x? (same greediness) */
        if (re->op != OP_REPEAT && sub->op == re->op &&
            (sub->flags & NON_GREEDY) == (re->flags & NON_GREEDY)) {
            emit(em, sub, in_concat);
            return;
        }
        if (re->op == OP_REPEAT && re->max == -1 && re->min >= 2 && nullable(sub)) {
            /* x{n,} = n-1 copies of x, then x+ */
            struct node plus = *re;
            plus.op = OP_PLUS;
            struct node copies = *re;
            copies.min = copies.max = re->min - 1;
            if (re->min - 1 == 1) {
                hc_buf_adds(b, "(?:");
                emit(em, sub, false);
                hc_buf_addc(b, ')');
            } else {
                emit(em, &copies, true);
            }
            emit_nullable_loop(em, &plus);
            return;
        }
        if ((re->op == OP_STAR || re->op == OP_PLUS ||
             (re->op == OP_REPEAT && re->max == -1 && re->min <= 1)) &&
            nullable(sub)) {
            struct node loop = *re;
            if (re->op == OP_REPEAT)
                loop.op = re->min == 0 ? OP_STAR : OP_PLUS;
            emit_nullable_loop(em, &loop);
            return;
        }
        bool group = !single_item(sub);
        if (group)
            hc_buf_adds(b, "(?:");
        emit(em, sub, false);
        if (group)
            hc_buf_addc(b, ')');
        emit_quantifier(em, re);
        return;
    }
    case OP_CONCAT:
        for (uint32_t i = 0; i < re->nsub; i++)
            emit(em, re->sub[i], true);
        return;
    case OP_ALTERNATE:
        if (in_concat)
            hc_buf_adds(b, "(?:");
        for (uint32_t i = 0; i < re->nsub; i++) {
            if (i > 0)
                hc_buf_addc(b, '|');
            emit(em, re->sub[i], false);
        }
        if (in_concat)
            hc_buf_addc(b, ')');
        return;
    default: /* pseudo-operators never reach the finished tree */
        hc_buf_adds(b, "(?!)");
        return;
    }
}

/* The callout of emit_nullable_loop: fails an empty iteration after the first. */
static int loop_callout(pcre2_callout_block *cb, void *data)
{
    (void)data;
    unsigned e = 0, s = 0;
    const char *p = (const char *)cb->callout_string;
    if (!p)
        return 0;
    while (*p >= '0' && *p <= '9')
        e = e * 10 + (unsigned)(*p++ - '0');
    if (*p++ != ':')
        return 0;
    while (*p >= '0' && *p <= '9')
        s = s * 10 + (unsigned)(*p++ - '0');
    if (s >= cb->capture_top || e >= cb->capture_top)
        return 0;
    PCRE2_SIZE start = cb->offset_vector[2 * (size_t)s];
    PCRE2_SIZE entry = cb->offset_vector[2 * (size_t)e];
    if (start == PCRE2_UNSET || entry == PCRE2_UNSET)
        return 0;
    return start > entry && cb->current_position == start ? 1 : 0;
}

/* ---- compiled expressions ---- */

/*
 * A compiled pattern: PCRE2's code and what Go's Regexp knows about its
 * groups.  One allocation (hc_malloc) holds the struct, its arrays and the
 * pattern's text; it is shared through the cache and counted.
 */
struct compiled {
    char *pattern; /* the Go pattern: the cache's key */
    size_t len;
    pcre2_code *code;
    uint32_t pcre_groups; /* capture groups of the PCRE2 pattern */
    int ncap;             /* Go's NumSubexp */
    uint32_t *group;      /* group[i]: the PCRE2 group of Go's capture i (group[0] = 0) */
    const char **names;   /* names[1..ncap]: capture names, NULL when unnamed */
    size_t *name_lens;
    unsigned refs;  /* holders: the cache and each call using it (under cache_lock) */
    uint64_t stamp; /* last use, for eviction */
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct compiled *cache[CACHE_SLOTS];
static uint64_t cache_clock;

/* Drops one reference (cache_lock held). */
static void compiled_unref(struct compiled *c)
{
    if (c && --c->refs == 0) {
        pcre2_code_free(c->code);
        hc_free(c);
    }
}

/* The cached compilation of pattern[0..n) with a reference for the caller, or NULL. */
static struct compiled *cache_get(const char *pattern, size_t n)
{
    struct compiled *found = NULL;
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        struct compiled *c = cache[i];
        if (c && c->len == n && (n == 0 || memcmp(c->pattern, pattern, n) == 0)) {
            c->refs++;
            c->stamp = ++cache_clock;
            found = c;
            break;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return found;
}

/* Adds c (referenced by the caller) to the cache, evicting the least recently used entry. */
static void cache_put(struct compiled *c)
{
    pthread_mutex_lock(&cache_lock);
    size_t slot = 0;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        if (!cache[i]) {
            slot = i;
            break;
        }
        if (cache[i]->stamp < cache[slot]->stamp)
            slot = i;
    }
    compiled_unref(cache[slot]);
    c->refs++;
    c->stamp = ++cache_clock;
    cache[slot] = c;
    pthread_mutex_unlock(&cache_lock);
}

void hc_funcs_regex_cache_clear(void)
{
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        compiled_unref(cache[i]);
        cache[i] = NULL;
    }
    pthread_mutex_unlock(&cache_lock);
}

/* One use of a compiled pattern: its matching state is the call's own. */
struct rx {
    struct compiled *c;
    pcre2_general_context *gctx; /* PCRE2's memory through hc_malloc */
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    int ncap;
    const uint32_t *group;
    const char *const *names;
    const size_t *name_lens;
    size_t expr_len; /* len(re.expr) */
};

static void rx_release(struct rx *rx)
{
    pcre2_match_data_free(rx->md);
    pcre2_match_context_free(rx->mctx);
    pcre2_general_context_free(rx->gctx);
    if (rx->c) {
        pthread_mutex_lock(&cache_lock);
        compiled_unref(rx->c);
        pthread_mutex_unlock(&cache_lock);
    }
    memset(rx, 0, sizeof *rx);
}

static void *pcre_malloc(PCRE2_SIZE n, void *data)
{
    (void)data;
    return hc_malloc(n);
}

static void pcre_free(void *p, void *data)
{
    (void)data;
    hc_free(p);
}

/* Copies the capture names of the tree into c (whose name text starts at *text). */
static void collect_names(struct compiled *c, const struct node *re, char **text)
{
    if (re->op == OP_CAPTURE && re->cap > 0 && re->cap <= c->ncap && re->name) {
        memcpy(*text, re->name, re->name_len);
        c->names[re->cap] = *text;
        c->name_lens[re->cap] = re->name_len;
        *text += re->name_len;
    }
    for (uint32_t i = 0; i < re->nsub; i++)
        collect_names(c, re->sub[i], text);
}

static size_t names_size(const struct node *re)
{
    size_t n = re->op == OP_CAPTURE && re->name ? re->name_len : 0;
    for (uint32_t i = 0; i < re->nsub; i++)
        n += names_size(re->sub[i]);
    return n;
}

/* strconv.CanBackquote */
static bool can_backquote(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t r;
        size_t w = hc_rune_decode(s + i, n - i, &r);
        i += w;
        if (w > 1) {
            if (r == 0xFEFF)
                return false;
            continue;
        }
        if (r == HC_RUNE_ERROR)
            return false;
        if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F)
            return false;
    }
    return true;
}

/*
 * regexp.Compile(pattern), from the cache when it holds the pattern.  On a
 * syntax error (never cached): fails the call with Go's
 * message, as MustCompile's panic when !must ("regexp: Compile(`x`): ..."),
 * or returns HC_ERR_EXEC with *syntax set and no message when quiet (Sprig's
 * regexMatch discards the error).
 */
/* Sets rx up to match with c (whose reference rx takes over). */
static hc_status rx_use(struct hc_call *call, struct rx *rx, struct compiled *c)
{
    rx->c = c;
    rx->code = c->code;
    rx->ncap = c->ncap;
    rx->group = c->group;
    rx->names = c->names;
    rx->name_lens = c->name_lens;
    rx->expr_len = c->len;
    rx->gctx = pcre2_general_context_create(pcre_malloc, pcre_free, NULL);
    if (rx->gctx) {
        rx->md = pcre2_match_data_create(c->pcre_groups + 1, rx->gctx);
        rx->mctx = pcre2_match_context_create(rx->gctx);
    }
    if (!rx->md || !rx->mctx) {
        rx_release(rx);
        return hc_error_nomem(call->err);
    }
    pcre2_set_match_limit(rx->mctx, MATCH_LIMIT);
    pcre2_set_callout(rx->mctx, loop_callout, NULL);
    pcre2_set_heap_limit(rx->mctx, HEAP_LIMIT);
    return HC_OK;
}

static hc_status rx_compile(struct hc_call *call, hc_val pattern, bool must, bool quiet,
                            struct rx *rx, bool *syntax)
{
    struct parser p;
    memset(&p, 0, sizeof p);
    memset(rx, 0, sizeof *rx);
    *syntax = false;
    struct compiled *cached = cache_get(pattern.u.s, pattern.len);
    if (cached)
        return rx_use(call, rx, cached);
    p.arena = call->arena;
    struct node *tree = parse(&p, pattern.u.s, pattern.len);
    if (!tree) {
        if (p.nomem)
            return hc_error_nomem(call->err);
        *syntax = true;
        if (quiet)
            return HC_ERR_EXEC;
        struct hc_buf b = HC_BUF_INIT;
        if (!must) {
            hc_buf_adds(&b, "regexp: Compile(");
            if (can_backquote(pattern.u.s, pattern.len)) {
                hc_buf_addc(&b, '`');
                hc_buf_add(&b, pattern.u.s, pattern.len);
                hc_buf_addc(&b, '`');
            } else {
                hc_gofmt_quote(&b, pattern.u.s, pattern.len);
            }
            hc_buf_adds(&b, "): ");
        }
        hc_buf_printf(&b, "error parsing regexp: %s: `", p.err_code);
        hc_buf_add(&b, p.err_expr, p.err_len);
        hc_buf_addc(&b, '`');
        hc_status rc =
            hc_buf_ok(&b) ? hc_call_fail(call, "%s", hc_buf_str(&b)) : hc_error_nomem(call->err);
        hc_buf_release(&b);
        return rc;
    }
    /* one block: the struct, group map, names, name lengths, pattern and name text */
    size_t ncap1 = (size_t)p.num_cap + 1;
    size_t size = sizeof(struct compiled) + ncap1 * (sizeof(char *) + sizeof(size_t)) +
                  ncap1 * sizeof(uint32_t) + pattern.len + names_size(tree);
    struct compiled *c = hc_malloc(size);
    if (!c)
        return hc_error_nomem(call->err);
    memset(c, 0, size);
    c->ncap = p.num_cap;
    c->names = (const char **)(c + 1);
    c->name_lens = (size_t *)(c->names + ncap1);
    c->group = (uint32_t *)(c->name_lens + ncap1);
    c->pattern = (char *)(c->group + ncap1);
    c->len = pattern.len;
    c->refs = 1;
    if (pattern.len)
        memcpy(c->pattern, pattern.u.s, pattern.len);
    char *text = c->pattern + pattern.len;
    collect_names(c, tree, &text);

    struct hc_buf pat = HC_BUF_INIT;
    struct emitter em = {&pat, 0, c->group};
    emit(&em, tree, false);
    c->pcre_groups = em.groups;
    if (!hc_buf_ok(&pat)) {
        hc_buf_release(&pat);
        hc_free(c);
        return hc_error_nomem(call->err);
    }
    int ec;
    PCRE2_SIZE eo;
    pcre2_general_context *gctx = pcre2_general_context_create(pcre_malloc, pcre_free, NULL);
    pcre2_compile_context *cctx = gctx ? pcre2_compile_context_create(gctx) : NULL;
    if (cctx) {
        pcre2_set_parens_nest_limit(cctx, MAX_HEIGHT + 8);
        c->code =
            pcre2_compile((PCRE2_SPTR)hc_buf_str(&pat), pat.len,
                          PCRE2_UTF | PCRE2_NO_UTF_CHECK | PCRE2_NEVER_BACKSLASH_C, &ec, &eo, cctx);
    } else {
        ec = PCRE2_ERROR_HEAP_FAILED;
    }
    pcre2_compile_context_free(cctx);
    pcre2_general_context_free(gctx);
    hc_buf_release(&pat);
    if (!c->code) {
        hc_free(c);
        if (ec == PCRE2_ERROR_HEAP_FAILED)
            return hc_error_nomem(call->err);
        /* Go accepted it; PCRE2 cannot hold it (its compiled size is limited to 64 KiB). */
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        return hc_call_fail(call, "regexp: expression too large for this implementation (%s)",
                            (const char *)msg);
    }
    cache_put(c);
    return rx_use(call, rx, c);
}

/* ---- subjects ---- */

/*
 * The text matched: the subject itself when it is valid UTF-8, otherwise a
 * copy with every invalid byte replaced by U+FFFD (Go's reading) and the
 * map from the copy's offsets back to the subject's.
 */
struct subject {
    const char *orig;
    size_t olen;
    const char *s;
    size_t len;
    size_t *map; /* len + 1 entries, or NULL when s is orig */
};

static hc_status subject_init(struct hc_call *call, hc_val v, struct subject *sj)
{
    sj->orig = sj->s = v.u.s;
    sj->olen = sj->len = v.len;
    sj->map = NULL;
    size_t bad = 0;
    for (size_t i = 0; i < v.len;) {
        if ((unsigned char)v.u.s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t r;
        size_t w = hc_rune_decode(v.u.s + i, v.len - i, &r);
        bad += r == HC_RUNE_ERROR && w == 1;
        i += w;
    }
    if (bad == 0)
        return HC_OK;
    size_t len = v.len + 2 * bad;
    char *s = hc_arena_alloc(call->arena, len);
    size_t *map = hc_arena_array(call->arena, len + 1, sizeof *map);
    if (!s || !map)
        return hc_error_nomem(call->err);
    size_t w = 0;
    for (size_t i = 0; i < v.len;) {
        int32_t r;
        size_t n = hc_rune_decode(v.u.s + i, v.len - i, &r);
        if (r == HC_RUNE_ERROR && n == 1) {
            for (int k = 0; k < 3; k++)
                map[w + (size_t)k] = i;
            s[w++] = (char)0xEF; /* U+FFFD */
            s[w++] = (char)0xBF;
            s[w++] = (char)0xBD;
        } else {
            for (size_t k = 0; k < n; k++)
                map[w + k] = i + k;
            memcpy(s + w, v.u.s + i, n);
            w += n;
        }
        i += n;
    }
    map[w] = v.len;
    sj->s = s;
    sj->len = len;
    sj->map = map;
    return HC_OK;
}

static size_t orig(const struct subject *sj, size_t off)
{
    return sj->map ? sj->map[off] : off;
}

/* The width of the rune at off in the matched text (0 at its end). */
static size_t rune_width(const struct subject *sj, size_t off)
{
    int32_t r;
    return off < sj->len ? hc_rune_decode(sj->s + off, sj->len - off, &r) : 0;
}

/*
 * The leftmost match at or after pos: 1 with ov[0..2*(ncap+1)) set (offsets
 * in the matched text, -1 for groups that did not take part), 0 for none,
 * or a failure status when PCRE2 gave up.
 */
static int rx_exec(struct hc_call *call, struct rx *rx, const struct subject *sj, size_t pos,
                   long *ov, hc_status *rc)
{
    int n = pcre2_match(rx->code, (PCRE2_SPTR)sj->s, sj->len, pos, PCRE2_NO_UTF_CHECK, rx->md,
                        rx->mctx);
    if (n == PCRE2_ERROR_NOMATCH)
        return 0;
    if (n < 0) {
        if (n == PCRE2_ERROR_NOMEMORY)
            *rc = hc_error_nomem(call->err);
        else
            *rc = hc_call_fail(call, "regexp: match limit exceeded (PCRE2 error %d)", n);
        return -1;
    }
    PCRE2_SIZE *v = pcre2_get_ovector_pointer(rx->md);
    const uint32_t *group = rx->group;
    for (size_t i = 0; i <= (size_t)rx->ncap && group; i++) {
        size_t g = group[i];
        bool set = (i == 0 || g != 0) && (n == 0 || g < (size_t)n) && v[2 * g] != PCRE2_UNSET;
        ov[2 * i] = set ? (long)v[2 * g] : -1;
        ov[2 * i + 1] = set ? (long)v[2 * g + 1] : -1;
    }
    return 1;
}

/* ---- the functions ---- */

static bool is_must(const struct hc_call *call)
{
    return (call->fn->flags & HC_FN_MUST) != 0;
}

static long *ovector(struct hc_call *call, const struct rx *rx)
{
    long *ov = hc_arena_array(call->arena, 2 * ((size_t)rx->ncap + 1), sizeof *ov);
    if (!ov)
        hc_error_nomem(call->err);
    return ov;
}

/* regexMatch(regex, s) / mustRegexMatch: whether s holds a match. */
static hc_status fn_regex_match(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                hc_val *out)
{
    (void)nargs;
    struct rx rx;
    bool syntax;
    hc_status rc = rx_compile(call, args[0], true, !is_must(call), &rx, &syntax);
    if (rc != HC_OK) {
        if (syntax && !is_must(call)) {
            *out = hc_bool(false); /* regexp.MatchString's error is discarded */
            return HC_OK;
        }
        return rc;
    }
    struct subject sj;
    long *ov = ovector(call, &rx);
    if (!ov || subject_init(call, args[1], &sj) != HC_OK) {
        rx_release(&rx);
        return HC_ERR_NOMEM;
    }
    int m = rx_exec(call, &rx, &sj, 0, ov, &rc);
    rx_release(&rx);
    if (m < 0)
        return rc;
    *out = hc_bool(m == 1);
    return HC_OK;
}

/* regexFind(regex, s) / mustRegexFind: the leftmost match, or "". */
static hc_status fn_regex_find(struct hc_call *call, const hc_val *args, uint32_t nargs,
                               hc_val *out)
{
    (void)nargs;
    struct rx rx;
    bool syntax;
    hc_status rc = rx_compile(call, args[0], is_must(call), false, &rx, &syntax);
    if (rc != HC_OK)
        return rc;
    struct subject sj;
    long *ov = ovector(call, &rx);
    if (!ov || subject_init(call, args[1], &sj) != HC_OK) {
        rx_release(&rx);
        return HC_ERR_NOMEM;
    }
    int m = rx_exec(call, &rx, &sj, 0, ov, &rc);
    rx_release(&rx);
    if (m < 0)
        return rc;
    if (m == 0) {
        *out = hc_strn("", 0);
        return HC_OK;
    }
    size_t a = orig(&sj, (size_t)ov[0]), b = orig(&sj, (size_t)ov[1]);
    *out = hc_strn(sj.orig + a, b - a);
    return HC_OK;
}

/*
 * Go's allMatches: up to n successive matches (n < 0: all), an empty match
 * right after the previous match skipped, as [start, end) pairs of original
 * offsets appended to *pairs.
 */
static hc_status all_matches(struct hc_call *call, struct rx *rx, const struct subject *sj,
                             int64_t n, size_t **pairs, size_t *npairs)
{
    *pairs = NULL;
    *npairs = 0;
    if (n < 0)
        n = (int64_t)sj->olen + 1;
    long *ov = ovector(call, rx);
    if (!ov)
        return HC_ERR_NOMEM;
    size_t cap = 0, pos = 0;
    long prev_end = -1;
    hc_status rc = HC_OK;
    for (int64_t i = 0; i < n && pos <= sj->len;) {
        int m = rx_exec(call, rx, sj, pos, ov, &rc);
        if (m < 0)
            return rc;
        if (m == 0)
            break;
        bool accept = true;
        if ((size_t)ov[1] == pos) { /* an empty match */
            if (ov[0] == prev_end)
                accept = false;
            size_t w = rune_width(sj, pos);
            pos = w > 0 ? pos + w : sj->len + 1;
        } else {
            pos = (size_t)ov[1];
        }
        prev_end = ov[1];
        if (!accept)
            continue;
        if (*npairs + 2 > cap) {
            size_t ncap = cap ? cap * 2 : 16;
            size_t *np = hc_arena_realloc(call->arena, *pairs, cap * sizeof *np, ncap * sizeof *np);
            if (!np)
                return hc_error_nomem(call->err);
            *pairs = np;
            cap = ncap;
        }
        (*pairs)[(*npairs)++] = orig(sj, (size_t)ov[0]);
        (*pairs)[(*npairs)++] = orig(sj, (size_t)ov[1]);
        i++;
    }
    return HC_OK;
}

/* regexFindAll(regex, s, n) / mustRegexFindAll: []string, nil when nothing matched. */
static hc_status fn_regex_find_all(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                   hc_val *out)
{
    (void)nargs;
    struct rx rx;
    bool syntax;
    hc_status rc = rx_compile(call, args[0], is_must(call), false, &rx, &syntax);
    if (rc != HC_OK)
        return rc;
    struct subject sj;
    size_t *pairs, npairs;
    rc = subject_init(call, args[1], &sj);
    if (rc == HC_OK)
        rc = all_matches(call, &rx, &sj, args[2].u.i, &pairs, &npairs);
    rx_release(&rx);
    if (rc != HC_OK)
        return rc;
    struct hc_list *l = NULL;
    if (npairs > 0) {
        l = hc_list_new(call->arena, npairs / 2);
        if (!l)
            return hc_error_nomem(call->err);
        for (size_t i = 0; i < npairs; i += 2)
            l->items[i / 2] = hc_strn(sj.orig + pairs[i], pairs[i + 1] - pairs[i]);
        l->cap = hc_go_append_cap(10, l->len, HC_GT_STRLIST); /* Go appends to make(0, 10) */
    }
    *out = hc_list_val(l, HC_GT_STRLIST);
    return HC_OK;
}

/* regexSplit(regex, s, n) / mustRegexSplit: Regexp.Split. */
static hc_status fn_regex_split(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                hc_val *out)
{
    (void)nargs;
    struct rx rx;
    bool syntax;
    int64_t n = args[2].u.i;
    hc_val s = args[1];
    hc_status rc = rx_compile(call, args[0], is_must(call), false, &rx, &syntax);
    if (rc != HC_OK)
        return rc;
    struct hc_listb lb;
    hc_listb_init(&lb, call->arena);
    if (n == 0) {
        rx_release(&rx);
        *out = hc_list_val(NULL, HC_GT_STRLIST);
        return HC_OK;
    }
    if (rx.expr_len > 0 && s.len == 0) {
        rx_release(&rx);
        struct hc_list *l = hc_list_new(call->arena, 1);
        if (!l)
            return hc_error_nomem(call->err);
        l->items[0] = s;
        *out = hc_list_val(l, HC_GT_STRLIST);
        return HC_OK;
    }
    struct subject sj;
    size_t *pairs, npairs;
    rc = subject_init(call, s, &sj);
    if (rc == HC_OK)
        rc = all_matches(call, &rx, &sj, n, &pairs, &npairs);
    rx_release(&rx);
    if (rc != HC_OK)
        return rc;
    size_t beg = 0, end = 0;
    for (size_t i = 0; i < npairs; i += 2) {
        if (n > 0 && (int64_t)lb.len >= n - 1)
            break;
        end = pairs[i];
        if (pairs[i + 1] != 0 && hc_listb_push(&lb, hc_strn(s.u.s + beg, end - beg)) != HC_OK)
            return hc_error_nomem(call->err);
        beg = pairs[i + 1];
    }
    if (end != s.len && hc_listb_push(&lb, hc_strn(s.u.s + beg, s.len - beg)) != HC_OK)
        return hc_error_nomem(call->err);
    struct hc_list *l = hc_listb_finish(&lb);
    if (!l)
        return hc_error_nomem(call->err);
    l->cap = hc_go_append_cap(npairs / 2, l->len, HC_GT_STRLIST); /* make(0, matches), appends */
    *out = hc_list_val(l, HC_GT_STRLIST);
    return HC_OK;
}

/* Go's extract: the name of a $name or ${name} at t; false when malformed. */
static bool extract(const char *t, size_t n, const char **name, size_t *name_len, long *num,
                    size_t *used)
{
    size_t i = 0, start = 0;
    bool brace = false;
    if (n == 0)
        return false;
    if (t[0] == '{') {
        brace = true;
        start = i = 1;
    }
    while (i < n) {
        int32_t r;
        size_t w = hc_rune_decode(t + i, n - i, &r);
        if (!hc_rune_is_letter(r) && !hc_rune_is_digit(r) && r != '_')
            break;
        i += w;
    }
    if (i == start)
        return false;
    *name = t + start;
    *name_len = i - start;
    if (brace) {
        if (i >= n || t[i] != '}')
            return false;
        i++;
    }
    long v = 0;
    for (size_t k = 0; k < *name_len; k++) {
        char c = (*name)[k];
        if (c < '0' || c > '9' || v >= 100000000) {
            v = -1;
            break;
        }
        v = v * 10 + (c - '0');
    }
    if ((*name)[0] == '0' && *name_len > 1)
        v = -1;
    *num = v;
    *used = i;
    return true;
}

/* Go's Regexp.expand: repl with $1, ${1}, $name, ${name} and $$ replaced. */
static void expand(struct hc_buf *b, const struct rx *rx, const char *repl, size_t n,
                   const struct subject *sj, const long *ov)
{
    while (n > 0) {
        const char *d = memchr(repl, '$', n);
        if (!d)
            break;
        hc_buf_add(b, repl, (size_t)(d - repl));
        n -= (size_t)(d - repl) + 1;
        repl = d + 1;
        if (n > 0 && repl[0] == '$') {
            hc_buf_addc(b, '$');
            repl++;
            n--;
            continue;
        }
        const char *name;
        size_t name_len, used;
        long num;
        if (!extract(repl, n, &name, &name_len, &num, &used)) {
            hc_buf_addc(b, '$'); /* malformed: the $ is text */
            continue;
        }
        repl += used;
        n -= used;
        long g = -1;
        if (num >= 0) {
            if (num <= rx->ncap && ov[2 * (size_t)num] >= 0)
                g = num;
        } else {
            for (int i = 1; i <= rx->ncap; i++)
                if (rx->names[i] && rx->name_lens[i] == name_len &&
                    memcmp(rx->names[i], name, name_len) == 0 && ov[2 * (size_t)i] >= 0) {
                    g = i;
                    break;
                }
        }
        if (g >= 0) {
            size_t a = orig(sj, (size_t)ov[2 * g]), e = orig(sj, (size_t)ov[2 * g + 1]);
            hc_buf_add(b, sj->orig + a, e - a);
        }
    }
    hc_buf_add(b, repl, n);
}

/* Go's replaceAll, with repl expanded (ReplaceAllString) or literal. */
static hc_status replace_all(struct hc_call *call, const hc_val *args, bool literal_repl,
                             hc_val *out)
{
    struct rx rx;
    bool syntax;
    hc_val src = args[1], repl = args[2];
    hc_status rc = rx_compile(call, args[0], is_must(call), false, &rx, &syntax);
    if (rc != HC_OK)
        return rc;
    struct subject sj;
    long *ov = ovector(call, &rx);
    if (!ov || subject_init(call, src, &sj) != HC_OK) {
        rx_release(&rx);
        return HC_ERR_NOMEM;
    }
    struct hc_buf b = HC_BUF_INIT;
    size_t last_end = 0, search = 0; /* offsets in the matched text */
    while (search <= sj.len) {
        int m = rx_exec(call, &rx, &sj, search, ov, &rc);
        if (m < 0) {
            hc_buf_release(&b);
            rx_release(&rx);
            return rc;
        }
        if (m == 0)
            break;
        size_t a0 = (size_t)ov[0], a1 = (size_t)ov[1];
        hc_buf_add(&b, sj.orig + orig(&sj, last_end), orig(&sj, a0) - orig(&sj, last_end));
        /* no replacement for an empty match right after the previous match */
        if (a1 > last_end || a0 == 0) {
            if (literal_repl)
                hc_buf_add(&b, repl.u.s, repl.len);
            else
                expand(&b, &rx, repl.u.s, repl.len, &sj, ov);
        }
        last_end = a1;
        size_t w = rune_width(&sj, search);
        if (search + w > a1)
            search += w;
        else if (search + 1 > a1)
            search++;
        else
            search = a1;
    }
    rx_release(&rx);
    hc_buf_add(&b, sj.orig + orig(&sj, last_end), sj.olen - orig(&sj, last_end));
    if (!hc_buf_ok(&b) || b.len > HC_VAL_MAX_LEN) {
        hc_buf_release(&b);
        return hc_error_nomem(call->err);
    }
    rc = hc_str_dup(call->arena, hc_buf_str(&b), b.len, out);
    hc_buf_release(&b);
    return rc == HC_OK ? rc : hc_error_nomem(call->err);
}

/* regexReplaceAll(regex, s, repl) / mustRegexReplaceAll */
static hc_status fn_regex_replace_all(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                      hc_val *out)
{
    (void)nargs;
    return replace_all(call, args, false, out);
}

/* regexReplaceAllLiteral(regex, s, repl) / mustRegexReplaceAllLiteral */
static hc_status fn_regex_replace_all_literal(struct hc_call *call, const hc_val *args,
                                              uint32_t nargs, hc_val *out)
{
    (void)nargs;
    return replace_all(call, args, true, out);
}

/* regexQuoteMeta(s): a backslash before each of \.+*?()|[]{}^$ */
static hc_status fn_regex_quote_meta(struct hc_call *call, const hc_val *args, uint32_t nargs,
                                     hc_val *out)
{
    (void)nargs;
    hc_val s = args[0];
    size_t special = 0;
    for (size_t i = 0; i < s.len; i++)
        special += strchr("\\.+*?()|[]{}^$", s.u.s[i]) != NULL && s.u.s[i] != 0;
    if (special == 0) {
        *out = s;
        return HC_OK;
    }
    if (special > HC_VAL_MAX_LEN - s.len)
        return hc_error_nomem(call->err);
    char *w = hc_arena_alloc(call->arena, s.len + special);
    if (!w)
        return hc_error_nomem(call->err);
    *out = hc_strn(w, s.len + special);
    for (size_t i = 0; i < s.len; i++) {
        if (s.u.s[i] != 0 && strchr("\\.+*?()|[]{}^$", s.u.s[i]))
            *w++ = '\\';
        *w++ = s.u.s[i];
    }
    return HC_OK;
}

const struct hc_func hc_funcs_regex[] = {
    {"mustRegexFind",              fn_regex_find,                "ss",  HC_FN_MUST },
    {"mustRegexFindAll",           fn_regex_find_all,            "ssi", HC_FN_MUST },
    {"mustRegexMatch",             fn_regex_match,               "ss",  HC_FN_MUST },
    {"mustRegexReplaceAll",        fn_regex_replace_all,         "sss", HC_FN_MUST },
    {"mustRegexReplaceAllLiteral", fn_regex_replace_all_literal, "sss", HC_FN_MUST },
    {"mustRegexSplit",             fn_regex_split,               "ssi", HC_FN_MUST },
    {"regexFind",                  fn_regex_find,                "ss",  HC_FN_NOERR},
    {"regexFindAll",               fn_regex_find_all,            "ssi", HC_FN_NOERR},
    {"regexMatch",                 fn_regex_match,               "ss",  HC_FN_NOERR},
    {"regexQuoteMeta",             fn_regex_quote_meta,          "s",   HC_FN_NOERR},
    {"regexReplaceAll",            fn_regex_replace_all,         "sss", HC_FN_NOERR},
    {"regexReplaceAllLiteral",     fn_regex_replace_all_literal, "sss", HC_FN_NOERR},
    {"regexSplit",                 fn_regex_split,               "ssi", HC_FN_NOERR},
};
const size_t hc_funcs_regex_len = sizeof hc_funcs_regex / sizeof hc_funcs_regex[0];
