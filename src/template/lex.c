/*
 * lex.c - the lexer of Go's text/template.  Mirrors text/template/parse/lex.go
 * (Go 1.25): the same state functions, in the same order, with the same error
 * messages.
 *
 * A state function returns the next state wrapped in a struct; { NULL } means
 * an item is ready in l->item and hc_lex_next returns it.  Invariant: between
 * calls, start == pos except inside an action after a pending space; line
 * counts the newlines in input[0..pos) (plus one), start_line those before
 * start.  Trim markers ("{{- " and " -}}") are consumed here: trimmed white
 * space is skipped, never emitted.
 */
#include "template/lex.h"

#include <string.h>

#include "template/runes.h"

#define EOF_RUNE        (-1)
#define TRIM_MARKER     '-'
#define TRIM_MARKER_LEN 2 /* the marker plus the space before or after it */

static const char left_comment[] = "/*";
static const char right_comment[] = "*/";

struct state {
    struct state (*fn)(struct hc_lexer *l);
};

#define STATE(f) ((struct state){f})
#define DONE     ((struct state){NULL})

static struct state lex_text(struct hc_lexer *l);
static struct state lex_left_delim(struct hc_lexer *l);
static struct state lex_comment(struct hc_lexer *l);
static struct state lex_right_delim(struct hc_lexer *l);
static struct state lex_inside_action(struct hc_lexer *l);
static struct state lex_space(struct hc_lexer *l);
static struct state lex_identifier(struct hc_lexer *l);
static struct state lex_field(struct hc_lexer *l);
static struct state lex_variable(struct hc_lexer *l);
static struct state lex_char(struct hc_lexer *l);
static struct state lex_number(struct hc_lexer *l);
static struct state lex_quote(struct hc_lexer *l);
static struct state lex_raw_quote(struct hc_lexer *l);

/* isSpace: Go's template space characters (ASCII only). */
static bool is_space(int32_t r)
{
    return r == ' ' || r == '\t' || r == '\r' || r == '\n';
}

/* [0-9A-Za-z_] by table: identifiers are most of what an action holds */
static const bool ascii_alnum[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['_'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/* isAlphaNumeric: underscore, Unicode letters and digits. */
static bool is_alpha_numeric(int32_t r)
{
    if (r >= 0 && r < 0x80) /* ASCII, the common case, without the Unicode tables */
        return ascii_alnum[r];
    return hc_rune_is_letter(r) || hc_rune_is_digit(r);
}

static int32_t next(struct hc_lexer *l);
static void backup(struct hc_lexer *l);

static bool is_ascii_alnum(unsigned char c)
{
    return ascii_alnum[c];
}

/*
 * Scans the rest of an alphanumeric run: ASCII bytes in one loop (none is a newline),
 * then rune by rune from the first byte that is not; as Go's loop of next() calls
 * ended by backup(), it returns the rune after the run, left unread.
 */
static int32_t scan_alnum(struct hc_lexer *l)
{
    size_t i = l->pos;
    while (i < l->len && is_ascii_alnum((unsigned char)l->input[i]))
        i++;
    l->pos = i;
    int32_t r;
    while (is_alpha_numeric(r = next(l))) {
    }
    backup(l);
    return r;
}

static bool has_prefix(const char *s, size_t n, const char *p, size_t plen)
{
    if (n < plen)
        return false;
    if (plen <= 4) { /* delimiters and markers: no call to memcmp */
        for (size_t i = 0; i < plen; i++)
            if (s[i] != p[i])
                return false;
        return true;
    }
    return memcmp(s, p, plen) == 0;
}

/* strings.Index: offset of p in s[0..n), or SIZE_MAX. */
static size_t index_of(const char *s, size_t n, const char *p, size_t plen)
{
    if (plen == 0)
        return 0;
    size_t i = 0;
    while (n - i >= plen) {
        const char *hit = memchr(s + i, p[0], n - i - plen + 1);
        if (!hit)
            return SIZE_MAX;
        i = (size_t)(hit - s);
        if (memcmp(hit, p, plen) == 0)
            return i;
        i++;
    }
    return SIZE_MAX;
}

static uint32_t count_newlines(const char *s, size_t n)
{
    uint32_t c = 0;
    const char *end = s + n;
    while (s < end && (s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
        c++;
        s++;
    }
    return c;
}

/* hasLeftTrimMarker: "- " (any template space after the dash). */
static bool has_left_trim_marker(const char *s, size_t n)
{
    return n >= 2 && s[0] == TRIM_MARKER && is_space((unsigned char)s[1]);
}

/* hasRightTrimMarker: " -". */
static bool has_right_trim_marker(const char *s, size_t n)
{
    return n >= 2 && is_space((unsigned char)s[0]) && s[1] == TRIM_MARKER;
}

/* next returns the next rune in the input, or EOF_RUNE. */
static int32_t next(struct hc_lexer *l)
{
    if (l->pos >= l->len) {
        l->width = 0;
        return EOF_RUNE;
    }
    int32_t r;
    size_t w;
    unsigned char c = (unsigned char)l->input[l->pos];
    if (c < 0x80) { /* ASCII needs no decoding */
        r = c;
        w = 1;
    } else {
        w = hc_rune_decode(l->input + l->pos, l->len - l->pos, &r);
    }
    l->width = w;
    l->pos += w;
    if (r == '\n')
        l->line++;
    return r;
}

/*
 * backup steps back over the rune read by the last next (a no-op after
 * next hit the end of the input, as Go's atEOF makes it).
 */
static void backup(struct hc_lexer *l)
{
    if (l->width == 0)
        return;
    l->pos -= l->width;
    if (l->width == 1 && l->input[l->pos] == '\n')
        l->line--;
    l->width = 0;
}

static int32_t peek(struct hc_lexer *l)
{
    int32_t r = next(l);
    backup(l);
    return r;
}

/* thisItem: the pending text as an item of type t; the pending text is now empty. */
static struct hc_item this_item(struct hc_lexer *l, enum hc_item_type t)
{
    struct hc_item i = {(uint8_t)t, (uint32_t)l->start, l->start_line, l->input + l->start,
                        l->pos - l->start};
    l->start = l->pos;
    l->start_line = l->line;
    return i;
}

static struct state emit_item(struct hc_lexer *l, struct hc_item i)
{
    l->item = i;
    return DONE;
}

static struct state emit(struct hc_lexer *l, enum hc_item_type t)
{
    return emit_item(l, this_item(l, t));
}

/* ignore skips the pending input, counting the newlines it holds. */
static void ignore(struct hc_lexer *l)
{
    l->line += count_newlines(l->input + l->start, l->pos - l->start);
    l->start = l->pos;
    l->start_line = l->line;
}

/* accept consumes the next rune if it is one of the ASCII bytes in valid. */
static bool accept(struct hc_lexer *l, const char *valid)
{
    int32_t r = next(l);
    if (r > 0 && r < HC_RUNE_SELF && strchr(valid, (int)r))
        return true;
    backup(l);
    return false;
}

static void accept_run(struct hc_lexer *l, const char *valid)
{
    while (accept(l, valid)) {
    }
}

/*
 * errorf: the error item whose message is now in l->msg; the input is
 * emptied so every later call returns EOF, as Go truncates l.input.
 */
static struct state error_item(struct hc_lexer *l)
{
    const char *text = hc_buf_ok(&l->msg) ? hc_buf_str(&l->msg) : "out of memory";
    size_t len = hc_buf_ok(&l->msg) ? l->msg.len : strlen(text);
    l->item = (struct hc_item){HC_ITEM_ERROR, (uint32_t)l->start, l->start_line, text, len};
    l->start = 0;
    l->pos = 0;
    l->len = 0;
    l->width = 0;
    return DONE;
}

static struct state errorf(struct hc_lexer *l, const char *msg)
{
    hc_buf_reset(&l->msg);
    hc_buf_adds(&l->msg, msg);
    return error_item(l);
}

/* errorf("<prefix>%#U", r) */
static struct state error_rune(struct hc_lexer *l, const char *prefix, int32_t r)
{
    hc_buf_reset(&l->msg);
    hc_buf_adds(&l->msg, prefix);
    hc_rune_format_u(&l->msg, r);
    return error_item(l);
}

/* errorf("bad number syntax: %q", l.input[l.start:l.pos]) */
static struct state error_number(struct hc_lexer *l)
{
    hc_buf_reset(&l->msg);
    hc_buf_adds(&l->msg, "bad number syntax: ");
    hc_rune_quote(&l->msg, l->input + l->start, l->pos - l->start);
    return error_item(l);
}

void hc_lex_init_delims(struct hc_lexer *l, const char *input, size_t len, const char *left,
                        const char *right)
{
    memset(l, 0, sizeof *l);
    l->input = input;
    l->len = len;
    l->left_delim = left && *left ? left : "{{";
    l->right_delim = right && *right ? right : "}}";
    l->left_len = strlen(l->left_delim);
    l->right_len = strlen(l->right_delim);
    l->line = 1;
    l->start_line = 1;
    l->break_ok = true;
    l->continue_ok = true;
    hc_buf_init(&l->msg, 0);
}

void hc_lex_init(struct hc_lexer *l, const char *input, size_t len)
{
    hc_lex_init_delims(l, input, len, NULL, NULL);
}

void hc_lex_release(struct hc_lexer *l)
{
    hc_buf_release(&l->msg);
}

struct hc_item hc_lex_next(struct hc_lexer *l)
{
    l->item = (struct hc_item){HC_ITEM_EOF, (uint32_t)l->pos, l->start_line, "EOF", 3};
    struct state st = l->inside_action ? STATE(lex_inside_action) : STATE(lex_text);
    while (st.fn)
        st = st.fn(l);
    return l->item;
}

/* lexText scans until an opening action delimiter. */
static struct state lex_text(struct hc_lexer *l)
{
    size_t x = index_of(l->input + l->pos, l->len - l->pos, l->left_delim, l->left_len);
    if (x != SIZE_MAX) {
        if (x > 0) {
            l->pos += x;
            /* Do we trim any trailing space? */
            size_t trim = 0;
            size_t delim_end = l->pos + l->left_len;
            if (has_left_trim_marker(l->input + delim_end, l->len - delim_end)) {
                size_t s = l->pos;
                while (s > l->start && is_space((unsigned char)l->input[s - 1]))
                    s--;
                trim = l->pos - s;
            }
            l->pos -= trim;
            l->line += count_newlines(l->input + l->start, l->pos - l->start);
            struct hc_item i = this_item(l, HC_ITEM_TEXT);
            l->pos += trim;
            ignore(l);
            if (i.len > 0)
                return emit_item(l, i);
        }
        return STATE(lex_left_delim);
    }
    l->pos = l->len;
    /* Correctly reached EOF. */
    if (l->pos > l->start) {
        l->line += count_newlines(l->input + l->start, l->pos - l->start);
        return emit(l, HC_ITEM_TEXT);
    }
    return emit(l, HC_ITEM_EOF);
}

/* atRightDelim: at a right delimiter, possibly preceded by a trim marker? */
static bool at_right_delim(struct hc_lexer *l, bool *trim_spaces)
{
    const char *s = l->input + l->pos;
    size_t n = l->len - l->pos;
    /* neither " -}}" nor "}}" can start here: the common case, decided at once */
    if (n == 0 || (!is_space((unsigned char)s[0]) && s[0] != l->right_delim[0])) {
        *trim_spaces = false;
        return false;
    }
    if (has_right_trim_marker(s, n) &&
        has_prefix(s + TRIM_MARKER_LEN, n - TRIM_MARKER_LEN, l->right_delim, l->right_len)) {
        *trim_spaces = true;
        return true;
    }
    *trim_spaces = false;
    return has_prefix(s, n, l->right_delim, l->right_len);
}

/* leftTrimLength: the length of the template spaces at the start of input[pos..). */
static size_t left_trim_length(struct hc_lexer *l)
{
    size_t i = l->pos;
    while (i < l->len && is_space((unsigned char)l->input[i]))
        i++;
    return i - l->pos;
}

/* lexLeftDelim scans the left delimiter, which is known to be present. */
static struct state lex_left_delim(struct hc_lexer *l)
{
    l->pos += l->left_len;
    bool trim_space = has_left_trim_marker(l->input + l->pos, l->len - l->pos);
    size_t after_marker = trim_space ? TRIM_MARKER_LEN : 0;
    if (has_prefix(l->input + l->pos + after_marker, l->len - l->pos - after_marker, left_comment,
                   2)) {
        l->pos += after_marker;
        ignore(l);
        return STATE(lex_comment);
    }
    struct hc_item i = this_item(l, HC_ITEM_LEFT_DELIM);
    l->inside_action = true;
    l->pos += after_marker;
    ignore(l);
    l->paren_depth = 0;
    return emit_item(l, i);
}

/* lexComment scans a comment; the left comment marker is known to be present. */
static struct state lex_comment(struct hc_lexer *l)
{
    l->pos += 2;
    size_t x = index_of(l->input + l->pos, l->len - l->pos, right_comment, 2);
    if (x == SIZE_MAX)
        return errorf(l, "unclosed comment");
    l->pos += x + 2;
    bool trim_space;
    if (!at_right_delim(l, &trim_space))
        return errorf(l, "comment ends before closing delimiter");
    l->line += count_newlines(l->input + l->start, l->pos - l->start);
    struct hc_item i = this_item(l, HC_ITEM_COMMENT);
    if (trim_space)
        l->pos += TRIM_MARKER_LEN;
    l->pos += l->right_len;
    if (trim_space)
        l->pos += left_trim_length(l);
    ignore(l);
    if (l->emit_comment)
        return emit_item(l, i);
    return STATE(lex_text);
}

/* lexRightDelim scans the right delimiter, which is known to be present. */
static struct state lex_right_delim(struct hc_lexer *l)
{
    bool trim_space;
    at_right_delim(l, &trim_space);
    if (trim_space) {
        l->pos += TRIM_MARKER_LEN;
        ignore(l);
    }
    l->pos += l->right_len;
    struct hc_item i = this_item(l, HC_ITEM_RIGHT_DELIM);
    if (trim_space) {
        l->pos += left_trim_length(l);
        ignore(l);
    }
    l->inside_action = false;
    return emit_item(l, i);
}

/* lexInsideAction scans the elements inside action delimiters. */
static struct state lex_inside_action(struct hc_lexer *l)
{
    bool trim;
    if (at_right_delim(l, &trim)) {
        if (l->paren_depth == 0)
            return STATE(lex_right_delim);
        return errorf(l, "unclosed left paren");
    }
    int32_t r = next(l);
    if (r == EOF_RUNE)
        return errorf(l, "unclosed action");
    if (is_space(r)) {
        backup(l); /* put the space back in case we have " -}}" */
        return STATE(lex_space);
    }
    switch (r) {
    case '=':
        return emit(l, HC_ITEM_ASSIGN);
    case ':':
        if (next(l) != '=')
            return errorf(l, "expected :=");
        return emit(l, HC_ITEM_DECLARE);
    case '|':
        return emit(l, HC_ITEM_PIPE);
    case '"':
        return STATE(lex_quote);
    case '`':
        return STATE(lex_raw_quote);
    case '$':
        return STATE(lex_variable);
    case '\'':
        return STATE(lex_char);
    case '.':
        /* special look-ahead for ".field" so we don't break backup */
        if (l->pos < l->len) {
            unsigned char c = (unsigned char)l->input[l->pos];
            if (c < '0' || c > '9')
                return STATE(lex_field);
        }
        backup(l); /* '.' can start a number */
        return STATE(lex_number);
    case '+':
    case '-':
        backup(l);
        return STATE(lex_number);
    case '(':
        l->paren_depth++;
        return emit(l, HC_ITEM_LEFT_PAREN);
    case ')':
        l->paren_depth--;
        if (l->paren_depth < 0)
            return errorf(l, "unexpected right paren");
        return emit(l, HC_ITEM_RIGHT_PAREN);
    default:
        break;
    }
    if (r >= '0' && r <= '9') {
        backup(l);
        return STATE(lex_number);
    }
    if (is_alpha_numeric(r)) {
        backup(l);
        return STATE(lex_identifier);
    }
    if (r < HC_RUNE_SELF && hc_rune_is_print(r))
        return emit(l, HC_ITEM_CHAR);
    return error_rune(l, "unrecognized character in action: ", r);
}

/*
 * lexSpace scans a run of space characters; the first is known to be
 * present and not yet consumed.  A trim-marked right delimiter starts with a
 * space, so the run stops before " -}}".
 */
static struct state lex_space(struct hc_lexer *l)
{
    int num_spaces = 0;
    while (l->pos < l->len && is_space((unsigned char)l->input[l->pos])) { /* all one byte */
        if (l->input[l->pos] == '\n')
            l->line++;
        l->pos++;
        num_spaces++;
    }
    l->width = 0; /* as after the loop's last peek() */
    /* Be careful about a trim-marked closing delimiter, which has a minus
     * after a space: we know there is a space, so check for the '-'. */
    const char *s = l->input + l->pos - 1;
    size_t n = l->len - l->pos + 1;
    if (has_right_trim_marker(s, n) &&
        has_prefix(s + TRIM_MARKER_LEN, n - TRIM_MARKER_LEN, l->right_delim, l->right_len)) {
        /* Step back before the last space (all template spaces are one byte). */
        l->pos--;
        if (l->input[l->pos] == '\n')
            l->line--;
        if (num_spaces == 1)
            return STATE(lex_right_delim); /* on the delimiter: go right to it */
    }
    return emit(l, HC_ITEM_SPACE);
}

/* atTerminator: can an identifier end here?  Breaks .X.Y into two pieces. */
static bool at_terminator(struct hc_lexer *l)
{
    int32_t r = peek(l);
    if (is_space(r))
        return true;
    switch (r) {
    case EOF_RUNE:
    case '.':
    case ',':
    case '|':
    case ':':
    case ')':
    case '(':
        return true;
    default:
        break;
    }
    return has_prefix(l->input + l->pos, l->len - l->pos, l->right_delim, l->right_len);
}

struct keyword {
    const char *word;
    size_t len;
    enum hc_item_type typ;
};

#define KW(w, t) {w, sizeof w - 1, t}
static const struct keyword keywords[] = {
    KW(".", HC_ITEM_DOT),        KW("block", HC_ITEM_BLOCK),   KW("break", HC_ITEM_BREAK),
    KW("continue", HC_ITEM_CONTINUE), KW("define", HC_ITEM_DEFINE), KW("else", HC_ITEM_ELSE),
    KW("end", HC_ITEM_END),      KW("if", HC_ITEM_IF),         KW("range", HC_ITEM_RANGE),
    KW("nil", HC_ITEM_NIL),      KW("template", HC_ITEM_TEMPLATE), KW("with", HC_ITEM_WITH),
};
#undef KW

/* key[word], or HC_ITEM_ERROR (below HC_ITEM_KEYWORD) when word is no keyword. */
static enum hc_item_type key(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (keywords[i].len == n && keywords[i].word[0] == w[0] &&
            memcmp(keywords[i].word, w, n) == 0)
            return keywords[i].typ;
    return HC_ITEM_ERROR;
}

/* lexIdentifier scans an alphanumeric word. */
static struct state lex_identifier(struct hc_lexer *l)
{
    int32_t r = scan_alnum(l);
    const char *word = l->input + l->start;
    size_t n = l->pos - l->start;
    if (!at_terminator(l))
        return error_rune(l, "bad character ", r);
    enum hc_item_type k = key(word, n);
    if (k > HC_ITEM_KEYWORD) {
        if ((k == HC_ITEM_BREAK && !l->break_ok) || (k == HC_ITEM_CONTINUE && !l->continue_ok))
            return emit(l, HC_ITEM_IDENTIFIER);
        return emit(l, k);
    }
    if (word[0] == '.')
        return emit(l, HC_ITEM_FIELD);
    if ((n == 4 && memcmp(word, "true", 4) == 0) || (n == 5 && memcmp(word, "false", 5) == 0))
        return emit(l, HC_ITEM_BOOL);
    return emit(l, HC_ITEM_IDENTIFIER);
}

/* lexFieldOrVariable scans [.$]Alphanumeric; the . or $ has been scanned. */
static struct state lex_field_or_variable(struct hc_lexer *l, enum hc_item_type typ)
{
    if (at_terminator(l)) /* nothing interesting follows: "." or "$" */
        return emit(l, typ == HC_ITEM_VARIABLE ? HC_ITEM_VARIABLE : HC_ITEM_DOT);
    int32_t r = scan_alnum(l);
    if (!at_terminator(l))
        return error_rune(l, "bad character ", r);
    return emit(l, typ);
}

/* lexField scans a field: .Alphanumeric; the . has been scanned. */
static struct state lex_field(struct hc_lexer *l)
{
    return lex_field_or_variable(l, HC_ITEM_FIELD);
}

/* lexVariable scans a variable: $Alphanumeric; the $ has been scanned. */
static struct state lex_variable(struct hc_lexer *l)
{
    if (at_terminator(l)) /* nothing interesting follows: "$" */
        return emit(l, HC_ITEM_VARIABLE);
    return lex_field_or_variable(l, HC_ITEM_VARIABLE);
}

/* lexChar scans a character constant; the parser checks its syntax. */
static struct state lex_char(struct hc_lexer *l)
{
    for (;;) {
        int32_t r = next(l);
        if (r == '\\') {
            r = next(l);
            if (r != EOF_RUNE && r != '\n')
                continue;
        }
        if (r == EOF_RUNE || r == '\n')
            return errorf(l, "unterminated character constant");
        if (r == '\'')
            break;
    }
    return emit(l, HC_ITEM_CHAR_CONSTANT);
}

/*
 * scanNumber: a loose number scan (it accepts "." and "0x0.2" and "089"); the
 * parser, via strconv's rules, rejects what is wrong.
 */
static bool scan_number(struct hc_lexer *l)
{
    accept(l, "+-"); /* optional leading sign */
    const char *digits = "0123456789_";
    if (accept(l, "0")) {
        /* Note: a leading 0 does not mean octal in floats. */
        if (accept(l, "xX"))
            digits = "0123456789abcdefABCDEF_";
        else if (accept(l, "oO"))
            digits = "01234567_";
        else if (accept(l, "bB"))
            digits = "01_";
    }
    accept_run(l, digits);
    if (accept(l, "."))
        accept_run(l, digits);
    size_t nd = strlen(digits);
    if (nd == 10 + 1 && accept(l, "eE")) {
        accept(l, "+-");
        accept_run(l, "0123456789_");
    }
    if (nd == 16 + 6 + 1 && accept(l, "pP")) {
        accept(l, "+-");
        accept_run(l, "0123456789_");
    }
    accept(l, "i"); /* imaginary? */
    /* The next thing must not be alphanumeric. */
    if (is_alpha_numeric(peek(l))) {
        next(l);
        return false;
    }
    return true;
}

/* lexNumber scans a number: decimal, octal, hex, binary, float or imaginary. */
static struct state lex_number(struct hc_lexer *l)
{
    if (!scan_number(l))
        return error_number(l);
    int32_t sign = peek(l);
    if (sign == '+' || sign == '-') {
        /* Complex: 1+2i.  No spaces, must end in 'i'. */
        if (!scan_number(l) || l->input[l->pos - 1] != 'i')
            return error_number(l);
        return emit(l, HC_ITEM_COMPLEX);
    }
    return emit(l, HC_ITEM_NUMBER);
}

/* lexQuote scans a quoted string. */
static struct state lex_quote(struct hc_lexer *l)
{
    for (;;) {
        /* bytes that end nothing (not '"', '\\', a newline or non-ASCII) in one loop */
        size_t i = l->pos;
        while (i < l->len) {
            unsigned char c = (unsigned char)l->input[i];
            if (c == '"' || c == '\\' || c == '\n' || c >= 0x80)
                break;
            i++;
        }
        l->pos = i;
        int32_t r = next(l);
        if (r == '\\') {
            r = next(l);
            if (r != EOF_RUNE && r != '\n')
                continue;
        }
        if (r == EOF_RUNE || r == '\n')
            return errorf(l, "unterminated quoted string");
        if (r == '"')
            break;
    }
    return emit(l, HC_ITEM_STRING);
}

/* lexRawQuote scans a raw quoted string. */
static struct state lex_raw_quote(struct hc_lexer *l)
{
    for (;;) {
        int32_t r = next(l);
        if (r == EOF_RUNE)
            return errorf(l, "unterminated raw quoted string");
        if (r == '`')
            break;
    }
    return emit(l, HC_ITEM_RAW_STRING);
}

void hc_item_print(struct hc_buf *b, const struct hc_item *it)
{
    if (it->typ == HC_ITEM_EOF) {
        hc_buf_adds(b, "EOF");
    } else if (it->typ == HC_ITEM_ERROR) {
        hc_buf_add(b, it->val, it->len);
    } else if (it->typ > HC_ITEM_KEYWORD) {
        hc_buf_addc(b, '<');
        hc_buf_add(b, it->val, it->len);
        hc_buf_addc(b, '>');
    } else if (it->len > 10) {
        hc_rune_quote_prefix(b, it->val, it->len, 10);
        hc_buf_adds(b, "...");
    } else {
        hc_rune_quote(b, it->val, it->len);
    }
}
