/*
 * write_emit.c - go-yaml's emitter, for the events its encoder produces.
 *
 * Mirrors emitterc.go of go-yaml v2.4 (toYaml) and v3.0 (toYamlPretty):
 * write_indent, write_indicator, analyze_scalar, select_scalar_style and the
 * scalar writers, with go-yaml's quirks kept (a value that starts with a BOM
 * has every character escaped; characters outside the BMP are escaped in
 * double quotes; folding happens at a space once the column passes 80).
 * Invariant: column counts characters (runes) since the last line break, as
 * go-yaml counts them, because both folding and indentation depend on it.
 * All output goes to the hc_buf, whose sticky error the caller checks.
 */
#include "yaml/write_emit.h"

#include <stdint.h>
#include <string.h>

void hc_yaml_emitter_init(struct hc_yaml_emitter *e, struct hc_buf *b, bool v3)
{
    memset(e, 0, sizeof *e);
    e->b = b;
    e->v3 = v3;
    e->best_indent = 2;
    /* v2 starts with width 0, which stream start turns into 80; v3 starts with -1 (no limit). */
    e->best_width = v3 ? SIZE_MAX : 80;
    e->indent = -1;
    e->whitespace = true;
    e->indention = true;
}

/* ---- character classes (yamlprivateh.go); s holds valid UTF-8 ---- */

static inline size_t char_width(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 1; /* not reached for valid UTF-8 */
}

/* Bytes available from s[i] to the end, so multi-byte tests never read past it. */
static inline unsigned char at(const unsigned char *s, size_t n, size_t i)
{
    return i < n ? s[i] : 0;
}

static inline bool is_printable(const unsigned char *s, size_t n, size_t i)
{
    unsigned char c = s[i];
    if (c < 0x80)
        return c == 0x0A || (c >= 0x20 && c <= 0x7E);
    unsigned char c1 = at(s, n, i + 1), c2 = at(s, n, i + 2);
    return (c == 0xC2 && c1 >= 0xA0) || (c > 0xC2 && c < 0xED) || (c == 0xED && c1 < 0xA0) ||
           c == 0xEE ||
           (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) &&
            !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)));
}

static inline bool is_break(const unsigned char *s, size_t n, size_t i)
{
    unsigned char c = s[i];
    if (c == '\r' || c == '\n')
        return true;
    if (c == 0xC2)
        return at(s, n, i + 1) == 0x85;
    if (c == 0xE2)
        return at(s, n, i + 1) == 0x80 && (at(s, n, i + 2) == 0xA8 || at(s, n, i + 2) == 0xA9);
    return false;
}

static inline bool is_blank(const unsigned char *s, size_t i)
{
    return s[i] == ' ' || s[i] == '\t';
}

static inline bool is_blankz(const unsigned char *s, size_t n, size_t i)
{
    return is_blank(s, i) || s[i] == 0 || is_break(s, n, i);
}

/* ---- output primitives ---- */

/* Appends one byte; the fast path keeps the buffer's ceiling and sticky error. */
static inline void buf_byte(struct hc_buf *b, char c)
{
    if (b->len + 1 < b->cap && (b->limit == 0 || b->len < b->limit) && !b->failed)
        b->data[b->len++] = c; /* the caller writes the final NUL */
    else
        hc_buf_add(b, &c, 1);
}

static inline void put(struct hc_yaml_emitter *e, char c)
{
    buf_byte(e->b, c);
    e->column++;
}

static inline void put_break(struct hc_yaml_emitter *e)
{
    put(e, '\n');
    e->column = 0;
    e->indention = true;
}

/* Characters in s[0..n): bytes that do not continue a UTF-8 sequence. */
static size_t count_runes(const char *s, size_t n)
{
    size_t runes = 0;
    for (size_t i = 0; i < n; i++)
        runes += ((unsigned char)s[i] & 0xC0) != 0x80;
    return runes;
}

/* Copies a run of characters with no line break in it. */
static void write_run(struct hc_yaml_emitter *e, const char *s, size_t n)
{
    hc_buf_add(e->b, s, n);
    e->column += count_runes(s, n);
}

/* Copies the character at s[*i] (go-yaml's write). */
static inline void write_char(struct hc_yaml_emitter *e, const char *s, size_t n, size_t *i)
{
    size_t w = char_width((unsigned char)s[*i]);
    if (w > n - *i)
        w = n - *i;
    if (w == 1) {
        buf_byte(e->b, s[*i]);
    } else {
        hc_buf_add(e->b, s + *i, w);
    }
    e->column++;
    *i += w;
}

/* Copies the line break at s[*i]: "\n" as put_break, others as they are. */
static void write_break(struct hc_yaml_emitter *e, const char *s, size_t n, size_t *i)
{
    if (s[*i] == '\n') {
        put_break(e);
        (*i)++;
    } else {
        write_char(e, s, n, i);
        e->column = 0;
        e->indention = true;
    }
}

static void write_indent(struct hc_yaml_emitter *e)
{
    size_t indent = e->indent < 0 ? 0 : (size_t)e->indent;
    if (!e->indention || e->column > indent || (e->column == indent && !e->whitespace))
        put_break(e);
    if (e->column < indent) {
        hc_buf_addn(e->b, ' ', indent - e->column);
        e->column = indent;
    }
    e->whitespace = true;
    e->indention = true;
}

static void write_indicator(struct hc_yaml_emitter *e, const char *ind, bool need_whitespace,
                            bool is_whitespace, bool is_indention)
{
    if (need_whitespace && !e->whitespace)
        put(e, ' ');
    write_run(e, ind, strlen(ind));
    e->whitespace = is_whitespace;
    e->indention = e->indention && is_indention;
}

/* ---- indentation and node context ---- */

static void set_ctx(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx)
{
    e->mapping_ctx =
        ctx == HC_YAML_CTX_KEY_SIMPLE || ctx == HC_YAML_CTX_KEY || ctx == HC_YAML_CTX_VALUE;
    e->simple_key_ctx = ctx == HC_YAML_CTX_KEY_SIMPLE;
    e->in_seq_item = ctx == HC_YAML_CTX_ITEM;
}

/*
 * go-yaml's increase_indent (v2) or increase_indent_compact without compact
 * sequences (v3, where the step follows the enclosing state).  Returns the
 * indentation to restore.
 */
static int increase_indent(struct hc_yaml_emitter *e, bool flow, bool indentless)
{
    int saved = e->indent;
    if (e->indent < 0) {
        e->indent = flow ? e->best_indent : 0;
    } else if (!indentless) {
        if (!e->v3 || e->in_seq_item)
            e->indent += e->v3 ? 2 : e->best_indent;
        else
            e->indent = e->best_indent * ((e->indent + e->best_indent) / e->best_indent);
    }
    return saved;
}

/* ---- analysis ---- */

/*
 * ASCII characters that analyze_scalar only notes as "not white space" when
 * they are not the first: printable, not a space, tab or break, and no
 * indicator inside a scalar (',' '?' '[' ']' '{' '}' ':' '#').
 */
static const bool plain_ascii[128] = {
    ['!'] = 1, ['"'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1,  [')'] = 1,
    ['*'] = 1, ['+'] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1, ['0'] = 1,  ['1'] = 1,  ['2'] = 1,
    ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,  ['9'] = 1,  [';'] = 1,
    ['<'] = 1, ['='] = 1, ['>'] = 1, ['@'] = 1, ['A'] = 1, ['B'] = 1,  ['C'] = 1,  ['D'] = 1,
    ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,  ['K'] = 1,  ['L'] = 1,
    ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,  ['S'] = 1,  ['T'] = 1,
    ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,  ['\\'] = 1, ['^'] = 1,
    ['_'] = 1, ['`'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,  ['e'] = 1,  ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,  ['m'] = 1,  ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,  ['u'] = 1,  ['v'] = 1,
    ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['|'] = 1, ['~'] = 1,
};

void hc_yaml_analyze(struct hc_yaml_scalar *sc, const char *str, size_t n, bool v3)
{
    const unsigned char *s = (const unsigned char *)str;
    bool block_indicators = false, flow_indicators = false, line_breaks = false;
    bool special_characters = false, tab_characters = false;
    bool leading_space = false, leading_break = false, trailing_space = false;
    bool trailing_break = false, break_space = false, space_break = false;
    bool preceded_by_whitespace = true, previous_space = false, previous_break = false;

    sc->s = str;
    sc->n = n;
    sc->has_lf = false;
    if (n == 0) {
        sc->multiline = false;
        sc->flow_plain_allowed = false;
        sc->block_plain_allowed = true;
        sc->single_quoted_allowed = true;
        sc->block_allowed = false;
        return;
    }
    if (n >= 3 && ((s[0] == '-' && s[1] == '-' && s[2] == '-') ||
                   (s[0] == '.' && s[1] == '.' && s[2] == '.'))) {
        block_indicators = true;
        flow_indicators = true;
    }
    for (size_t i = 0, w; i < n; i += w) {
        /* Most characters change nothing but the "previous" flags: skip them fast. */
        if (i > 0 && s[i] < 0x80 && plain_ascii[s[i]]) {
            w = 1;
            previous_space = previous_break = preceded_by_whitespace = false;
            continue;
        }
        w = char_width(s[i]);
        if (w > n - i)
            w = n - i;
        bool followed_by_whitespace = i + w >= n || is_blank(s, i + w);
        unsigned char c = s[i];
        if (i == 0) {
            switch (c) {
            case '#':
            case ',':
            case '[':
            case ']':
            case '{':
            case '}':
            case '&':
            case '*':
            case '!':
            case '|':
            case '>':
            case '\'':
            case '"':
            case '%':
            case '@':
            case '`':
                flow_indicators = true;
                block_indicators = true;
                break;
            case '?':
            case ':':
                flow_indicators = true;
                if (followed_by_whitespace)
                    block_indicators = true;
                break;
            case '-':
                if (followed_by_whitespace) {
                    flow_indicators = true;
                    block_indicators = true;
                }
                break;
            default:
                break;
            }
        } else {
            switch (c) {
            case ',':
            case '?':
            case '[':
            case ']':
            case '{':
            case '}':
                flow_indicators = true;
                break;
            case ':':
                flow_indicators = true;
                if (followed_by_whitespace)
                    block_indicators = true;
                break;
            case '#':
                if (preceded_by_whitespace) {
                    flow_indicators = true;
                    block_indicators = true;
                }
                break;
            default:
                break;
            }
        }
        if (v3 && c == '\t')
            tab_characters = true;
        else if (!is_printable(s, n, i))
            special_characters = true;
        if (c == ' ') {
            if (i == 0)
                leading_space = true;
            if (i + w == n)
                trailing_space = true;
            if (previous_break)
                break_space = true;
            previous_space = true;
            previous_break = false;
        } else if (is_break(s, n, i)) {
            line_breaks = true;
            sc->has_lf |= c == '\n';
            if (i == 0)
                leading_break = true;
            if (i + w == n)
                trailing_break = true;
            if (previous_space)
                space_break = true;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blankz(s, n, i);
    }

    sc->multiline = line_breaks;
    sc->flow_plain_allowed = true;
    sc->block_plain_allowed = true;
    sc->single_quoted_allowed = true;
    sc->block_allowed = true;
    if (leading_space || leading_break || trailing_space || trailing_break)
        sc->flow_plain_allowed = sc->block_plain_allowed = false;
    if (trailing_space)
        sc->block_allowed = false;
    if (break_space)
        sc->flow_plain_allowed = sc->block_plain_allowed = sc->single_quoted_allowed = false;
    if (space_break || tab_characters || special_characters)
        sc->flow_plain_allowed = sc->block_plain_allowed = sc->single_quoted_allowed = false;
    if (space_break || special_characters)
        sc->block_allowed = false;
    if (line_breaks)
        sc->flow_plain_allowed = sc->block_plain_allowed = false;
    if (flow_indicators)
        sc->flow_plain_allowed = false;
    if (block_indicators)
        sc->block_plain_allowed = false;
}

/* ---- scalar writers ---- */

static void write_plain(struct hc_yaml_emitter *e, const char *s, size_t n, bool allow_breaks)
{
    if (!e->whitespace)
        put(e, ' ');
    /*
     * A fold needs a space past best_width; the analysis already kept line
     * breaks out of plain scalars.  So a scalar that ends by best_width, or
     * one that may not fold, is copied whole.
     */
    if (!allow_breaks || (n <= e->best_width && e->column <= e->best_width - n)) {
        write_run(e, s, n);
        e->whitespace = false;
        e->indention = false;
        return;
    }
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ') {
            if (allow_breaks && !spaces && e->column > e->best_width && i + 1 < n &&
                s[i + 1] != ' ') {
                write_indent(e);
                i++;
            } else {
                write_char(e, s, n, &i);
            }
            spaces = true;
        } else if (is_break((const unsigned char *)s, n, i)) {
            if (!breaks && s[i] == '\n')
                put_break(e);
            write_break(e, s, n, &i);
            breaks = true;
        } else {
            if (breaks)
                write_indent(e);
            write_char(e, s, n, &i);
            e->indention = false;
            spaces = false;
            breaks = false;
        }
    }
    e->whitespace = false;
    e->indention = false;
}

static void write_single_quoted(struct hc_yaml_emitter *e, const char *s, size_t n,
                                bool allow_breaks)
{
    write_indicator(e, "'", true, false, false);
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ') {
            if (allow_breaks && !spaces && e->column > e->best_width && i > 0 && i + 1 < n &&
                s[i + 1] != ' ') {
                write_indent(e);
                i++;
            } else {
                write_char(e, s, n, &i);
            }
            spaces = true;
        } else if (is_break((const unsigned char *)s, n, i)) {
            if (!breaks && s[i] == '\n')
                put_break(e);
            write_break(e, s, n, &i);
            breaks = true;
        } else {
            if (breaks)
                write_indent(e);
            if (s[i] == '\'')
                put(e, '\'');
            write_char(e, s, n, &i);
            e->indention = false;
            spaces = false;
            breaks = false;
        }
    }
    write_indicator(e, "'", false, false, false);
    e->whitespace = false;
    e->indention = false;
}

/* The escape go-yaml writes for a character of double-quoted text. */
static void write_escape(struct hc_yaml_emitter *e, uint32_t v)
{
    static const char hex[] = "0123456789ABCDEF";
    char c;
    put(e, '\\');
    switch (v) {
    case 0x00:
        c = '0';
        break;
    case 0x07:
        c = 'a';
        break;
    case 0x08:
        c = 'b';
        break;
    case 0x09:
        c = 't';
        break;
    case 0x0A:
        c = 'n';
        break;
    case 0x0B:
        c = 'v';
        break;
    case 0x0C:
        c = 'f';
        break;
    case 0x0D:
        c = 'r';
        break;
    case 0x1B:
        c = 'e';
        break;
    case 0x22:
        c = '"';
        break;
    case 0x5C:
        c = '\\';
        break;
    case 0x85:
        c = 'N';
        break;
    case 0xA0:
        c = '_';
        break;
    case 0x2028:
        c = 'L';
        break;
    case 0x2029:
        c = 'P';
        break;
    default: {
        int digits = v <= 0xFF ? 2 : v <= 0xFFFF ? 4 : 8;
        put(e, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
        for (int k = (digits - 1) * 4; k >= 0; k -= 4)
            put(e, hex[(v >> k) & 0x0F]);
        return;
    }
    }
    put(e, c);
}

static void write_double_quoted(struct hc_yaml_emitter *e, const char *str, size_t n,
                                bool allow_breaks)
{
    const unsigned char *s = (const unsigned char *)str;
    /* go-yaml's is_bom looks at the start of the value, not at the character. */
    bool bom = n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
    bool spaces = false;
    write_indicator(e, "\"", true, false, false);
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (bom || !is_printable(s, n, i) || is_break(s, n, i) || c == '"' || c == '\\') {
            size_t w = 1;
            uint32_t v = c;
            if ((c & 0xE0) == 0xC0)
                w = 2, v = c & 0x1F;
            else if ((c & 0xF0) == 0xE0)
                w = 3, v = c & 0x0F;
            else if ((c & 0xF8) == 0xF0)
                w = 4, v = c & 0x07;
            else if (c & 0x80)
                v = c; /* not reached for valid UTF-8 */
            for (size_t k = 1; k < w && i + k < n; k++)
                v = (v << 6) | (s[i + k] & 0x3F);
            i += w;
            write_escape(e, v);
            spaces = false;
        } else if (c == ' ') {
            if (allow_breaks && !spaces && e->column > e->best_width && i > 0 && i + 1 < n) {
                write_indent(e);
                if (s[i + 1] == ' ')
                    put(e, '\\');
                i++;
            } else {
                write_char(e, str, n, &i);
            }
            spaces = true;
        } else {
            write_char(e, str, n, &i);
            spaces = false;
        }
    }
    write_indicator(e, "\"", false, false, false);
    e->whitespace = false;
    e->indention = false;
}

/* The start of the character that ends at s[i] (valid UTF-8). */
static size_t char_start(const unsigned char *s, size_t i)
{
    while (i > 0 && (s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static void write_block_scalar_hints(struct hc_yaml_emitter *e, const unsigned char *s, size_t n)
{
    if (s[0] == ' ' || is_break(s, n, 0)) {
        char hint[2] = {(char)('0' + e->best_indent), '\0'};
        write_indicator(e, hint, false, false, false);
    }
    const char *chomp = NULL;
    size_t i = char_start(s, n - 1);
    if (!is_break(s, n, i))
        chomp = "-";
    else if (i == 0)
        chomp = "+";
    else if (is_break(s, n, char_start(s, i - 1)))
        chomp = "+";
    if (chomp)
        write_indicator(e, chomp, false, false, false);
}

static void write_literal(struct hc_yaml_emitter *e, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    write_indicator(e, "|", true, false, false);
    write_block_scalar_hints(e, s, n);
    put_break(e);
    e->indention = true;
    e->whitespace = true;
    bool breaks = true;
    for (size_t i = 0; i < n;) {
        if (is_break(s, n, i)) {
            write_break(e, str, n, &i);
            breaks = true;
            continue;
        }
        if (breaks)
            write_indent(e);
        /* The rest of the line in one copy. */
        size_t j = i;
        while (j < n && !is_break(s, n, j))
            j += char_width(s[j]);
        if (j > n)
            j = n;
        write_run(e, str + i, j - i);
        i = j;
        e->indention = false;
        breaks = false;
    }
}

/* ---- nodes ---- */

void hc_yaml_emit_scalar(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx,
                         const struct hc_yaml_scalar *sc, enum hc_yaml_style want, const char *tag)
{
    set_ctx(e, ctx);
    /* select_scalar_style */
    enum hc_yaml_style style = want;
    if (e->simple_key_ctx && sc->multiline)
        style = HC_YAML_DOUBLE;
    if (style == HC_YAML_PLAIN) {
        if ((e->flow_level > 0 && !sc->flow_plain_allowed) ||
            (e->flow_level == 0 && !sc->block_plain_allowed))
            style = HC_YAML_SINGLE;
        if (sc->n == 0 && (e->flow_level > 0 || e->simple_key_ctx))
            style = HC_YAML_SINGLE;
    }
    if (style == HC_YAML_SINGLE && !sc->single_quoted_allowed)
        style = HC_YAML_DOUBLE;
    if (style == HC_YAML_LITERAL && (!sc->block_allowed || e->flow_level > 0 || e->simple_key_ctx))
        style = HC_YAML_DOUBLE;

    /* process_tag: only !!binary reaches here, written with the "!!" handle. */
    if (tag) {
        if (!e->whitespace)
            put(e, ' ');
        write_run(e, "!!", 2);
        write_run(e, tag, strlen(tag));
        e->whitespace = false;
        e->indention = false;
    }

    int saved = increase_indent(e, true, false);
    bool allow_breaks = !e->simple_key_ctx;
    switch (style) {
    case HC_YAML_PLAIN:
        write_plain(e, sc->s, sc->n, allow_breaks);
        break;
    case HC_YAML_SINGLE:
        write_single_quoted(e, sc->s, sc->n, allow_breaks);
        break;
    case HC_YAML_DOUBLE:
        write_double_quoted(e, sc->s, sc->n, allow_breaks);
        break;
    case HC_YAML_LITERAL:
        write_literal(e, sc->s, sc->n);
        break;
    }
    e->indent = saved;
}

void hc_yaml_emit_word(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx, const char *s, size_t n)
{
    set_ctx(e, ctx);
    if (!e->whitespace)
        put(e, ' ');
    write_run(e, s, n);
    e->whitespace = false;
    e->indention = false;
}

void hc_yaml_emit_empty(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx, char open)
{
    set_ctx(e, ctx);
    char o[2] = {open, '\0'}, c[2] = {open == '[' ? ']' : '}', '\0'};
    write_indicator(e, o, true, true, false);
    write_indicator(e, c, false, false, false);
}

int hc_yaml_seq_begin(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx)
{
    set_ctx(e, ctx);
    /* v2 writes a sequence under a mapping key at the key's own indentation. */
    bool indentless = !e->v3 && e->mapping_ctx && !e->indention;
    return increase_indent(e, false, indentless);
}

void hc_yaml_seq_item(struct hc_yaml_emitter *e)
{
    write_indent(e);
    write_indicator(e, "-", true, false, true);
}

int hc_yaml_map_begin(struct hc_yaml_emitter *e, enum hc_yaml_ctx ctx)
{
    set_ctx(e, ctx);
    return increase_indent(e, false, false);
}

void hc_yaml_map_key(struct hc_yaml_emitter *e, bool simple)
{
    write_indent(e);
    if (!simple)
        write_indicator(e, "?", true, false, true);
}

void hc_yaml_map_value(struct hc_yaml_emitter *e, bool simple)
{
    if (simple) {
        write_indicator(e, ":", false, false, false);
    } else {
        write_indent(e);
        write_indicator(e, ":", true, false, true);
    }
}

void hc_yaml_doc_end(struct hc_yaml_emitter *e)
{
    e->indent = -1;
    write_indent(e);
}
