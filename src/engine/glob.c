/*
 * glob.c - the glob patterns of .Files.Glob: github.com/gobwas/glob v0.2.3
 * compiled with '/' as the separator.
 *
 * Syntax: '*' matches any run of characters other than '/', "**" any run at
 * all, '?' one character other than '/', "[abc]", "[a-z]" and "[!...]"
 * classes, "{a,b}" alternatives (which may nest and hold patterns), '\'
 * escapes the next character.  Matching works on runes, as gobwas does.  A
 * pattern that does not compile (an unclosed '[' or '{') is reported, and
 * Helm then matches everything ("**").
 *
 * The matcher backtracks over a small compiled tree; sizes are bounded by
 * MAX_NODES and the recursion by MAX_DEPTH, so a hostile pattern fails to
 * compile instead of exhausting the stack.
 */
#include "engine/glob.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "template/runes.h"

#define MAX_NODES 4096
#define MAX_DEPTH 64

enum gkind { G_LIT, G_ONE, G_STAR, G_SUPER, G_CLASS, G_ALT };

struct gnode {
    enum gkind kind;
    bool negate;         /* classes */
    int32_t rune;        /* G_LIT */
    int32_t *ranges;     /* G_CLASS: lo,hi pairs */
    size_t nranges;
    struct gseq *alts;   /* G_ALT */
    size_t nalts;
};

struct gseq {
    struct gnode *nodes;
    size_t n;
};

struct hc_glob {
    struct gseq root;
    void **allocs; /* everything to free */
    size_t nallocs, cap;
    size_t nodes;
};

static void *galloc(struct hc_glob *g, size_t size)
{
    if (g->nallocs == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 16;
        void **na = hc_realloc(g->allocs, cap * sizeof *na);
        if (!na)
            return NULL;
        g->allocs = na;
        g->cap = cap;
    }
    void *p = hc_calloc(1, size ? size : 1);
    if (p)
        g->allocs[g->nallocs++] = p;
    return p;
}

static bool seq_push(struct hc_glob *g, struct gseq *s, size_t *cap, const struct gnode *n)
{
    if (++g->nodes > MAX_NODES)
        return false;
    if (s->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        struct gnode *nn = galloc(g, ncap * sizeof *nn);
        if (!nn)
            return false;
        if (s->n)
            memcpy(nn, s->nodes, s->n * sizeof *nn);
        s->nodes = nn;
        *cap = ncap;
    }
    s->nodes[s->n++] = *n;
    return true;
}

struct lexer {
    const char *s;
    size_t n, i;
};

static int32_t next_rune(struct lexer *lx)
{
    int32_t r;
    lx->i += hc_rune_decode(lx->s + lx->i, lx->n - lx->i, &r);
    return r;
}

/* A class after '[': up to ']'. */
static bool parse_class(struct hc_glob *g, struct lexer *lx, struct gnode *node)
{
    node->kind = G_CLASS;
    if (lx->i < lx->n && lx->s[lx->i] == '!') {
        node->negate = true;
        lx->i++;
    }
    size_t cap = 0;
    for (;;) {
        if (lx->i >= lx->n)
            return false;
        if (lx->s[lx->i] == ']') {
            lx->i++;
            return true;
        }
        int32_t lo = next_rune(lx), hi = lo;
        if (lx->i + 1 < lx->n && lx->s[lx->i] == '-' && lx->s[lx->i + 1] != ']') {
            lx->i++;
            hi = next_rune(lx);
        }
        if (node->nranges == cap) {
            size_t ncap = cap ? cap * 2 : 4;
            int32_t *nr = galloc(g, ncap * 2 * sizeof *nr);
            if (!nr)
                return false;
            if (node->nranges)
                memcpy(nr, node->ranges, node->nranges * 2 * sizeof *nr);
            node->ranges = nr;
            cap = ncap;
        }
        node->ranges[node->nranges * 2] = lo;
        node->ranges[node->nranges * 2 + 1] = hi;
        node->nranges++;
    }
}

/* A sequence up to the end, or (inside braces) up to ',' or '}'. */
static bool parse_seq(struct hc_glob *g, struct lexer *lx, struct gseq *out, int depth,
                      bool in_alt)
{
    if (depth > MAX_DEPTH)
        return false;
    size_t cap = 0;
    out->nodes = NULL;
    out->n = 0;
    while (lx->i < lx->n) {
        char c = lx->s[lx->i];
        struct gnode node;
        memset(&node, 0, sizeof node);
        if (in_alt && (c == ',' || c == '}'))
            return true;
        if (c == '*') {
            lx->i++;
            node.kind = G_STAR;
            if (lx->i < lx->n && lx->s[lx->i] == '*') {
                lx->i++;
                node.kind = G_SUPER;
            }
        } else if (c == '?') {
            lx->i++;
            node.kind = G_ONE;
        } else if (c == '[') {
            lx->i++;
            if (!parse_class(g, lx, &node))
                return false;
        } else if (c == '{') {
            lx->i++;
            node.kind = G_ALT;
            size_t acap = 0;
            for (;;) {
                if (node.nalts == acap) {
                    size_t ncap = acap ? acap * 2 : 4;
                    struct gseq *na = galloc(g, ncap * sizeof *na);
                    if (!na)
                        return false;
                    if (node.nalts)
                        memcpy(na, node.alts, node.nalts * sizeof *na);
                    node.alts = na;
                    acap = ncap;
                }
                if (!parse_seq(g, lx, &node.alts[node.nalts], depth + 1, true))
                    return false;
                node.nalts++;
                if (lx->i >= lx->n)
                    return false; /* unclosed '{' */
                if (lx->s[lx->i++] == '}')
                    break;
            }
        } else {
            if (c == '\\') {
                lx->i++;
                if (lx->i >= lx->n)
                    return false;
            }
            node.kind = G_LIT;
            node.rune = next_rune(lx);
        }
        if (!seq_push(g, out, &cap, &node))
            return false;
    }
    return !in_alt;
}

struct hc_glob *hc_glob_compile(const char *pattern, size_t len)
{
    struct hc_glob *g = hc_calloc(1, sizeof *g);
    if (!g)
        return NULL;
    struct lexer lx = {pattern, len, 0};
    if (!parse_seq(g, &lx, &g->root, 0, false)) {
        hc_glob_free(g);
        return NULL;
    }
    return g;
}

void hc_glob_free(struct hc_glob *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nallocs; i++)
        hc_free(g->allocs[i]);
    hc_free(g->allocs);
    hc_free(g);
}

/* What is left to match after the current sequence: a stack of sequence tails. */
struct cont {
    const struct gseq *seq;
    size_t i;
    const struct cont *next;
};

static bool match_at(const struct gseq *seq, size_t i, const struct cont *k, const char *s,
                     size_t n, int depth);

static bool match_cont(const struct cont *k, const char *s, size_t n, int depth)
{
    if (!k)
        return n == 0;
    return match_at(k->seq, k->i, k->next, s, n, depth);
}

static bool class_has(const struct gnode *node, int32_t r)
{
    bool in = false;
    for (size_t j = 0; j < node->nranges && !in; j++)
        in = node->ranges[2 * j] <= r && r <= node->ranges[2 * j + 1];
    return in != node->negate;
}

static bool match_at(const struct gseq *seq, size_t i, const struct cont *k, const char *s,
                     size_t n, int depth)
{
    if (depth > MAX_DEPTH * 4)
        return false;
    for (; i < seq->n; i++) {
        const struct gnode *node = &seq->nodes[i];
        int32_t r;
        size_t w;
        switch (node->kind) {
        case G_LIT:
            if (n == 0)
                return false;
            w = hc_rune_decode(s, n, &r);
            if (r != node->rune)
                return false;
            s += w;
            n -= w;
            break;
        case G_ONE:
            if (n == 0)
                return false;
            w = hc_rune_decode(s, n, &r);
            if (r == '/')
                return false;
            s += w;
            n -= w;
            break;
        case G_CLASS:
            if (n == 0)
                return false;
            w = hc_rune_decode(s, n, &r);
            if (!class_has(node, r))
                return false;
            s += w;
            n -= w;
            break;
        case G_STAR:
        case G_SUPER: {
            /* try every split, shortest first, not past '/' for a single star */
            for (size_t j = 0;; j++) {
                if (match_at(seq, i + 1, k, s + j, n - j, depth + 1))
                    return true;
                if (j == n || (node->kind == G_STAR && s[j] == '/'))
                    return false;
            }
        }
        case G_ALT: {
            struct cont rest = {seq, i + 1, k};
            for (size_t a = 0; a < node->nalts; a++)
                if (match_at(&node->alts[a], 0, &rest, s, n, depth + 1))
                    return true;
            return false;
        }
        }
    }
    return match_cont(k, s, n, depth + 1);
}

bool hc_glob_match(const struct hc_glob *g, const char *s, size_t n)
{
    return match_at(&g->root, 0, NULL, s, n, 0);
}
