/*
 * test_template_lex.c - the template lexer (src/template/lex.c), table-driven.
 *
 * The tables mirror Go's own lexer tests (text/template/parse/lex_test.go:
 * lexTests, lexDelimTests, lexPosTests and the delimiter tests), whose
 * expected items are facts about Go's lexer, plus cases of our own for the
 * corners helm relies on (trim markers, Unicode, error texts checked against
 * helm v4.1.4).  As in Go's collect(), comments are emitted and break and
 * continue are keywords.
 */
#include "test.h"

#include "template/lex.h"

#include "base/buf.h"

struct litem {
    int typ; /* enum hc_item_type, or -1 to end the list */
    const char *val;
    uint32_t pos, line; /* checked only by the position tests */
};

struct lex_case {
    const char *name;
    const char *input;
    const struct litem *items;
};

#define END_ITEMS {-1, NULL, 0, 0}
#define I(t, v)   {HC_ITEM_##t, v, 0, 0}
#define ITEMS(...) ((const struct litem[]){__VA_ARGS__, END_ITEMS})

#define tLEFT  I(LEFT_DELIM, "{{")
#define tRIGHT I(RIGHT_DELIM, "}}")
#define tEOF   I(EOF, "")
#define tSPACE I(SPACE, " ")
#define tLPAR  I(LEFT_PAREN, "(")
#define tRPAR  I(RIGHT_PAREN, ")")
#define tPIPE  I(PIPE, "|")
#define tDOT   I(DOT, ".")
#define tQUOTE I(STRING, "\"abc \\n\\t\\\" \"")
#define RAW    "`abc\\n\\t\\\" `"
#define RAW_NL "`now is{{\n}}the time`"

/* Go's lexTests. */
static const struct lex_case go_lex_tests[] = {
    {"empty", "", ITEMS(tEOF)},
    {"spaces", " \t\n", ITEMS(I(TEXT, " \t\n"), tEOF)},
    {"text", "now is the time", ITEMS(I(TEXT, "now is the time"), tEOF)},
    {"text with comment", "hello-{{/* this is a comment */}}-world",
     ITEMS(I(TEXT, "hello-"), I(COMMENT, "/* this is a comment */"), I(TEXT, "-world"), tEOF)},
    {"punctuation", "{{,@% }}",
     ITEMS(tLEFT, I(CHAR, ","), I(CHAR, "@"), I(CHAR, "%"), tSPACE, tRIGHT, tEOF)},
    {"parens", "{{((3))}}", ITEMS(tLEFT, tLPAR, tLPAR, I(NUMBER, "3"), tRPAR, tRPAR, tRIGHT, tEOF)},
    {"empty action", "{{}}", ITEMS(tLEFT, tRIGHT, tEOF)},
    {"for", "{{for}}", ITEMS(tLEFT, I(IDENTIFIER, "for"), tRIGHT, tEOF)},
    {"block", "{{block \"foo\" .}}",
     ITEMS(tLEFT, I(BLOCK, "block"), tSPACE, I(STRING, "\"foo\""), tSPACE, tDOT, tRIGHT, tEOF)},
    {"quote", "{{\"abc \\n\\t\\\" \"}}", ITEMS(tLEFT, tQUOTE, tRIGHT, tEOF)},
    {"raw quote", "{{" RAW "}}", ITEMS(tLEFT, I(RAW_STRING, RAW), tRIGHT, tEOF)},
    {"raw quote with newline", "{{" RAW_NL "}}", ITEMS(tLEFT, I(RAW_STRING, RAW_NL), tRIGHT, tEOF)},
    {"numbers", "{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}",
     ITEMS(tLEFT, I(NUMBER, "1"), tSPACE, I(NUMBER, "02"), tSPACE, I(NUMBER, "0x14"), tSPACE,
           I(NUMBER, "0X14"), tSPACE, I(NUMBER, "-7.2i"), tSPACE, I(NUMBER, "1e3"), tSPACE,
           I(NUMBER, "1E3"), tSPACE, I(NUMBER, "+1.2e-4"), tSPACE, I(NUMBER, "4.2i"), tSPACE,
           I(COMPLEX, "1+2i"), tSPACE, I(NUMBER, "1_2"), tSPACE, I(NUMBER, "0x1.e_fp4"), tSPACE,
           I(NUMBER, "0X1.E_FP4"), tRIGHT, tEOF)},
    {"characters", "{{'a' '\\n' '\\'' '\\\\' '\\u00FF' '\\xFF' '\xe6\x9c\xac'}}",
     ITEMS(tLEFT, I(CHAR_CONSTANT, "'a'"), tSPACE, I(CHAR_CONSTANT, "'\\n'"), tSPACE,
           I(CHAR_CONSTANT, "'\\''"), tSPACE, I(CHAR_CONSTANT, "'\\\\'"), tSPACE,
           I(CHAR_CONSTANT, "'\\u00FF'"), tSPACE, I(CHAR_CONSTANT, "'\\xFF'"), tSPACE,
           I(CHAR_CONSTANT, "'\xe6\x9c\xac'"), tRIGHT, tEOF)},
    {"bools", "{{true false}}",
     ITEMS(tLEFT, I(BOOL, "true"), tSPACE, I(BOOL, "false"), tRIGHT, tEOF)},
    {"dot", "{{.}}", ITEMS(tLEFT, tDOT, tRIGHT, tEOF)},
    {"nil", "{{nil}}", ITEMS(tLEFT, I(NIL, "nil"), tRIGHT, tEOF)},
    {"dots", "{{.x . .2 .x.y.z}}",
     ITEMS(tLEFT, I(FIELD, ".x"), tSPACE, tDOT, tSPACE, I(NUMBER, ".2"), tSPACE, I(FIELD, ".x"),
           I(FIELD, ".y"), I(FIELD, ".z"), tRIGHT, tEOF)},
    {"keywords", "{{range if else end with}}",
     ITEMS(tLEFT, I(RANGE, "range"), tSPACE, I(IF, "if"), tSPACE, I(ELSE, "else"), tSPACE,
           I(END, "end"), tSPACE, I(WITH, "with"), tRIGHT, tEOF)},
    {"variables", "{{$c := printf $ $hello $23 $ $var.Field .Method}}",
     ITEMS(tLEFT, I(VARIABLE, "$c"), tSPACE, I(DECLARE, ":="), tSPACE, I(IDENTIFIER, "printf"),
           tSPACE, I(VARIABLE, "$"), tSPACE, I(VARIABLE, "$hello"), tSPACE, I(VARIABLE, "$23"),
           tSPACE, I(VARIABLE, "$"), tSPACE, I(VARIABLE, "$var"), I(FIELD, ".Field"), tSPACE,
           I(FIELD, ".Method"), tRIGHT, tEOF)},
    {"variable invocation", "{{$x 23}}",
     ITEMS(tLEFT, I(VARIABLE, "$x"), tSPACE, I(NUMBER, "23"), tRIGHT, tEOF)},
    {"pipeline", "intro {{echo hi 1.2 |noargs|args 1 \"hi\"}} outro",
     ITEMS(I(TEXT, "intro "), tLEFT, I(IDENTIFIER, "echo"), tSPACE, I(IDENTIFIER, "hi"), tSPACE,
           I(NUMBER, "1.2"), tSPACE, tPIPE, I(IDENTIFIER, "noargs"), tPIPE, I(IDENTIFIER, "args"),
           tSPACE, I(NUMBER, "1"), tSPACE, I(STRING, "\"hi\""), tRIGHT, I(TEXT, " outro"), tEOF)},
    {"declaration", "{{$v := 3}}",
     ITEMS(tLEFT, I(VARIABLE, "$v"), tSPACE, I(DECLARE, ":="), tSPACE, I(NUMBER, "3"), tRIGHT,
           tEOF)},
    {"2 declarations", "{{$v , $w := 3}}",
     ITEMS(tLEFT, I(VARIABLE, "$v"), tSPACE, I(CHAR, ","), tSPACE, I(VARIABLE, "$w"), tSPACE,
           I(DECLARE, ":="), tSPACE, I(NUMBER, "3"), tRIGHT, tEOF)},
    {"field of parenthesized expression", "{{(.X).Y}}",
     ITEMS(tLEFT, tLPAR, I(FIELD, ".X"), tRPAR, I(FIELD, ".Y"), tRIGHT, tEOF)},
    {"trimming spaces before and after", "hello- {{- 3 -}} -world",
     ITEMS(I(TEXT, "hello-"), tLEFT, I(NUMBER, "3"), tRIGHT, I(TEXT, "-world"), tEOF)},
    {"trimming spaces before and after comment", "hello- {{- /* hello */ -}} -world",
     ITEMS(I(TEXT, "hello-"), I(COMMENT, "/* hello */"), I(TEXT, "-world"), tEOF)},
    /* errors */
    {"badchar", "#{{\x01}}",
     ITEMS(I(TEXT, "#"), tLEFT, I(ERROR, "unrecognized character in action: U+0001"))},
    {"unclosed action", "{{", ITEMS(tLEFT, I(ERROR, "unclosed action"))},
    {"EOF in action", "{{range", ITEMS(tLEFT, I(RANGE, "range"), I(ERROR, "unclosed action"))},
    {"unclosed quote", "{{\"\n\"}}", ITEMS(tLEFT, I(ERROR, "unterminated quoted string"))},
    {"unclosed raw quote", "{{`xx}}", ITEMS(tLEFT, I(ERROR, "unterminated raw quoted string"))},
    {"unclosed char constant", "{{'\n}}",
     ITEMS(tLEFT, I(ERROR, "unterminated character constant"))},
    {"bad number", "{{3k}}", ITEMS(tLEFT, I(ERROR, "bad number syntax: \"3k\""))},
    {"unclosed paren", "{{(3}}",
     ITEMS(tLEFT, tLPAR, I(NUMBER, "3"), I(ERROR, "unclosed left paren"))},
    {"extra right paren", "{{3)}}",
     ITEMS(tLEFT, I(NUMBER, "3"), I(ERROR, "unexpected right paren"))},
    /* fixed bugs */
    {"long pipeline deadlock", "{{|||||}}",
     ITEMS(tLEFT, tPIPE, tPIPE, tPIPE, tPIPE, tPIPE, tRIGHT, tEOF)},
    {"text with bad comment", "hello-{{/*/}}-world",
     ITEMS(I(TEXT, "hello-"), I(ERROR, "unclosed comment"))},
    {"text with comment close separated from delim", "hello-{{/* */ }}-world",
     ITEMS(I(TEXT, "hello-"), I(ERROR, "comment ends before closing delimiter"))},
    {"unmatched right delimiter", "hello-{.}}-world", ITEMS(I(TEXT, "hello-{.}}-world"), tEOF)},
};

/* Our own: trim markers, Unicode classes, error texts (checked against helm v4.1.4). */
static const struct lex_case more_lex_tests[] = {
    {"trim needs a space", "a {{-3}} b", ITEMS(I(TEXT, "a "), tLEFT, I(NUMBER, "-3"), tRIGHT,
                                                I(TEXT, " b"), tEOF)},
    {"trim left all white space", "a \r\n\t {{- 1}}", ITEMS(I(TEXT, "a"), tLEFT, I(NUMBER, "1"),
                                                           tRIGHT, tEOF)},
    {"trim with newline marker", "{{1\n-}}\n x", ITEMS(tLEFT, I(NUMBER, "1"), tRIGHT, I(TEXT, "x"),
                                                       tEOF)},
    {"trim left with tab marker", "a {{-\t1}}", ITEMS(I(TEXT, "a"), tLEFT, I(NUMBER, "1"), tRIGHT,
                                                     tEOF)},
    {"trimmed text vanishes", "  {{- 1}}", ITEMS(tLEFT, I(NUMBER, "1"), tRIGHT, tEOF)},
    {"space before trim marker", "{{1  -}}", ITEMS(tLEFT, I(NUMBER, "1"), tSPACE, tRIGHT, tEOF)},
    {"minus alone is a number", "{{1 - }}",
     ITEMS(tLEFT, I(NUMBER, "1"), tSPACE, I(NUMBER, "-"), tSPACE, tRIGHT, tEOF)},
    {"comment trim left and right", "x \n{{- /* c */ -}}\n y",
     ITEMS(I(TEXT, "x"), I(COMMENT, "/* c */"), I(TEXT, "y"), tEOF)},
    {"comment no space before trim", "a {{-/* c */}} b",
     ITEMS(I(TEXT, "a "), tLEFT, I(NUMBER, "-"), I(CHAR, "/"), I(CHAR, "*"), tSPACE,
           I(IDENTIFIER, "c"), tSPACE, I(CHAR, "*"), I(CHAR, "/"), tRIGHT, I(TEXT, " b"), tEOF)},
    {"newline is space", "{{1\n2}}", ITEMS(tLEFT, I(NUMBER, "1"), I(SPACE, "\n"), I(NUMBER, "2"),
                                          tRIGHT, tEOF)},
    {"assign", "{{$x = 1}}", ITEMS(tLEFT, I(VARIABLE, "$x"), tSPACE, I(ASSIGN, "="), tSPACE,
                                   I(NUMBER, "1"), tRIGHT, tEOF)},
    {"expected declare", "{{$x :1}}", ITEMS(tLEFT, I(VARIABLE, "$x"), tSPACE,
                                            I(ERROR, "expected :="))},
    {"break and continue", "{{break continue}}",
     ITEMS(tLEFT, I(BREAK, "break"), tSPACE, I(CONTINUE, "continue"), tRIGHT, tEOF)},
    {"define template", "{{define template}}",
     ITEMS(tLEFT, I(DEFINE, "define"), tSPACE, I(TEMPLATE, "template"), tRIGHT, tEOF)},
    {"unicode identifier", "{{\xc3\xa9t\xc3\xa9 \xd9\xa0}}",
     ITEMS(tLEFT, I(IDENTIFIER, "\xc3\xa9t\xc3\xa9"), tSPACE, I(IDENTIFIER, "\xd9\xa0"), tRIGHT,
           tEOF)},
    {"bad character in identifier", "{{x#}}", ITEMS(tLEFT, I(ERROR, "bad character U+0023 '#'"))},
    {"brace ends no identifier", "{{x} }}", ITEMS(tLEFT, I(ERROR, "bad character U+007D '}'"))},
    {"bad character in field", "{{.x@}}", ITEMS(tLEFT, I(ERROR, "bad character U+0040 '@'"))},
    {"unicode 15.1 letter is not one", "{{a\xf0\xae\xaf\xb0}}",
     ITEMS(tLEFT, I(ERROR, "bad character U+2EBF0"))},
    {"non-printing character", "{{\xc2\xa0}}",
     ITEMS(tLEFT, I(ERROR, "unrecognized character in action: U+00A0"))},
    {"printable punctuation", "{{\xe2\x80\xa6}}",
     ITEMS(tLEFT, I(ERROR, "unrecognized character in action: U+2026 '\xe2\x80\xa6'"))},
    {"invalid utf-8", "{{\xff}}",
     ITEMS(tLEFT, I(ERROR, "unrecognized character in action: U+FFFD '\xef\xbf\xbd'"))},
    {"bad number quoted", "{{1\xc3\xa9}}",
     ITEMS(tLEFT, I(ERROR, "bad number syntax: \"1\xc3\xa9\""))},
    {"hex float exponent", "{{0x1p-2 1e+5 0b101 0o17}}",
     ITEMS(tLEFT, I(NUMBER, "0x1p-2"), tSPACE, I(NUMBER, "1e+5"), tSPACE, I(NUMBER, "0b101"),
           tSPACE, I(NUMBER, "0o17"), tRIGHT, tEOF)},
    {"decimal has no p exponent", "{{1p3}}", ITEMS(tLEFT, I(ERROR, "bad number syntax: \"1p\""))},
    {"complex must end in i", "{{1+2}}", ITEMS(tLEFT, I(ERROR, "bad number syntax: \"1+2\""))},
    {"dot then digit is a number", "{{.5}}", ITEMS(tLEFT, I(NUMBER, ".5"), tRIGHT, tEOF)},
    {"raw string keeps delimiters", "{{`}}`}}", ITEMS(tLEFT, I(RAW_STRING, "`}}`"), tRIGHT, tEOF)},
    {"string escapes", "{{\"\\\"}}\"}}", ITEMS(tLEFT, I(STRING, "\"\\\"}}\""), tRIGHT, tEOF)},
    {"unclosed comment", "a{{/* x }}b", ITEMS(I(TEXT, "a"), I(ERROR, "unclosed comment"))},
    {"paren depth resets per action", "{{(}}",
     ITEMS(tLEFT, tLPAR, I(ERROR, "unclosed left paren"))},
    {"text after trimmed action", "{{1 -}}   ", ITEMS(tLEFT, I(NUMBER, "1"), tRIGHT, tEOF)},
};

static void run_lex_case(const struct lex_case *c, const char *left, const char *right,
                         bool check_pos)
{
    struct hc_lexer l;
    hc_lex_init_delims(&l, c->input, strlen(c->input), left, right);
    l.emit_comment = true;
    size_t i = 0;
    for (;;) {
        struct hc_item it = hc_lex_next(&l);
        const struct litem *want = &c->items[i];
        if (want->typ < 0)
            fail_msg("%s: more items than expected (got type %d %.*s)", c->name, it.typ,
                     (int)it.len, it.val);
        if (it.typ != want->typ || it.len != strlen(want->val) ||
            memcmp(it.val, want->val, it.len) != 0)
            fail_msg("%s: item %zu: got type %d \"%.*s\", want type %d \"%s\"", c->name, i, it.typ,
                     (int)it.len, it.val, want->typ, want->val);
        if (check_pos && (it.pos != want->pos || it.line != want->line))
            fail_msg("%s: item %zu: got pos %u line %u, want pos %u line %u", c->name, i, it.pos,
                     it.line, want->pos, want->line);
        i++;
        if (it.typ == HC_ITEM_EOF || it.typ == HC_ITEM_ERROR)
            break;
    }
    if (c->items[i].typ >= 0)
        fail_msg("%s: fewer items than expected", c->name);
    hc_lex_release(&l);
}

static void test_go_lex(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(go_lex_tests); i++)
        run_lex_case(&go_lex_tests[i], NULL, NULL, false);
}

static void test_more_lex(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(more_lex_tests); i++)
        run_lex_case(&more_lex_tests[i], NULL, NULL, false);
}

#define tLEFT_D  I(LEFT_DELIM, "$$")
#define tRIGHT_D I(RIGHT_DELIM, "@@")

/* Go's lexDelimTests, with delimiters $$ and @@. */
static const struct lex_case go_delim_tests[] = {
    {"punctuation", "$$,@%{{}}@@",
     ITEMS(tLEFT_D, I(CHAR, ","), I(CHAR, "@"), I(CHAR, "%"), I(CHAR, "{"), I(CHAR, "{"),
           I(CHAR, "}"), I(CHAR, "}"), tRIGHT_D, tEOF)},
    {"empty action", "$$@@", ITEMS(tLEFT_D, tRIGHT_D, tEOF)},
    {"for", "$$for@@", ITEMS(tLEFT_D, I(IDENTIFIER, "for"), tRIGHT_D, tEOF)},
    {"quote", "$$\"abc \\n\\t\\\" \"@@", ITEMS(tLEFT_D, tQUOTE, tRIGHT_D, tEOF)},
    {"raw quote", "$$" RAW "@@", ITEMS(tLEFT_D, I(RAW_STRING, RAW), tRIGHT_D, tEOF)},
};

static void test_go_delims(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(go_delim_tests); i++)
        run_lex_case(&go_delim_tests[i], "$$", "@@", false);
    /* TestDelimsAlphaNumeric */
    const struct lex_case alnum = {
        "right delimiter with alphanumeric start", "{{hub .host hub}}",
        ITEMS(I(LEFT_DELIM, "{{hub"), tSPACE, I(FIELD, ".host"), tSPACE, I(RIGHT_DELIM, "hub}}"),
              tEOF)};
    run_lex_case(&alnum, "{{hub", "hub}}", false);
    /* TestDelimsAndMarkers */
    const struct lex_case markers = {
        "delims that look like markers", "{{- .x -}} {{- - .x - -}}",
        ITEMS(I(LEFT_DELIM, "{{- "), I(FIELD, ".x"), I(RIGHT_DELIM, " -}}"), I(LEFT_DELIM, "{{- "),
              I(FIELD, ".x"), I(RIGHT_DELIM, " -}}"), tEOF)};
    run_lex_case(&markers, "{{- ", " -}}", false);
}

#define P(t, p, v, l) {HC_ITEM_##t, v, p, l}

/* Go's lexPosTests: positions and lines too. */
static const struct lex_case go_pos_tests[] = {
    {"empty", "", ITEMS(P(EOF, 0, "", 1))},
    {"punctuation", "{{,@%#}}",
     ITEMS(P(LEFT_DELIM, 0, "{{", 1), P(CHAR, 2, ",", 1), P(CHAR, 3, "@", 1), P(CHAR, 4, "%", 1),
           P(CHAR, 5, "#", 1), P(RIGHT_DELIM, 6, "}}", 1), P(EOF, 8, "", 1))},
    {"sample", "0123{{hello}}xyz",
     ITEMS(P(TEXT, 0, "0123", 1), P(LEFT_DELIM, 4, "{{", 1), P(IDENTIFIER, 6, "hello", 1),
           P(RIGHT_DELIM, 11, "}}", 1), P(TEXT, 13, "xyz", 1), P(EOF, 16, "", 1))},
    {"trimafter", "{{x -}}\n{{y}}",
     ITEMS(P(LEFT_DELIM, 0, "{{", 1), P(IDENTIFIER, 2, "x", 1), P(RIGHT_DELIM, 5, "}}", 1),
           P(LEFT_DELIM, 8, "{{", 2), P(IDENTIFIER, 10, "y", 2), P(RIGHT_DELIM, 11, "}}", 2),
           P(EOF, 13, "", 2))},
    {"trimbefore", "{{x}}\n{{- y}}",
     ITEMS(P(LEFT_DELIM, 0, "{{", 1), P(IDENTIFIER, 2, "x", 1), P(RIGHT_DELIM, 3, "}}", 1),
           P(LEFT_DELIM, 6, "{{", 2), P(IDENTIFIER, 10, "y", 2), P(RIGHT_DELIM, 11, "}}", 2),
           P(EOF, 13, "", 2))},
    {"longcomment", "{{/*\n*/}}\n{{undefinedFunction \"test\"}}",
     ITEMS(P(COMMENT, 2, "/*\n*/", 1), P(TEXT, 9, "\n", 2), P(LEFT_DELIM, 10, "{{", 3),
           P(IDENTIFIER, 12, "undefinedFunction", 3), P(SPACE, 29, " ", 3),
           P(STRING, 30, "\"test\"", 3), P(RIGHT_DELIM, 36, "}}", 3), P(EOF, 38, "", 3))},
    /* ours: lines inside multi-line actions and raw strings, and of errors */
    {"multiline", "a\n{{`x\ny`\n.z}}\n{{\n",
     ITEMS(P(TEXT, 0, "a\n", 1), P(LEFT_DELIM, 2, "{{", 2), P(RAW_STRING, 4, "`x\ny`", 2),
           P(SPACE, 9, "\n", 3), P(FIELD, 10, ".z", 4), P(RIGHT_DELIM, 12, "}}", 4),
           P(TEXT, 14, "\n", 4), P(LEFT_DELIM, 15, "{{", 5), P(SPACE, 17, "\n", 5),
           P(ERROR, 18, "unclosed action", 6))},
};

static void test_go_pos(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(go_pos_tests); i++)
        run_lex_case(&go_pos_tests[i], NULL, NULL, true);
}

/* Go's lexOptions: without breakOK/continueOK the words are identifiers; comments are skipped. */
static void test_options(void **state)
{
    (void)state;
    const char *in = "{{break}}{{/* c */}}{{continue}}";
    struct hc_lexer l;
    hc_lex_init(&l, in, strlen(in));
    l.break_ok = l.continue_ok = false;
    int want[] = {HC_ITEM_LEFT_DELIM, HC_ITEM_IDENTIFIER, HC_ITEM_RIGHT_DELIM, HC_ITEM_LEFT_DELIM,
                  HC_ITEM_IDENTIFIER, HC_ITEM_RIGHT_DELIM, HC_ITEM_EOF, HC_ITEM_EOF};
    for (size_t i = 0; i < ARRAY_LEN(want); i++)
        assert_int_equal(hc_lex_next(&l).typ, want[i]);
    hc_lex_release(&l);
}

/* item.String() as parse errors print it. */
static void test_item_print(void **state)
{
    (void)state;
    static const struct {
        int typ;
        const char *val, *want;
    } cases[] = {
        {HC_ITEM_EOF, "", "EOF"},
        {HC_ITEM_ERROR, "unclosed action", "unclosed action"},
        {HC_ITEM_IF, "if", "<if>"},
        {HC_ITEM_DEFINE, "define", "<define>"},
        {HC_ITEM_DOT, ".", "<.>"},
        {HC_ITEM_NUMBER, "0123456789", "\"0123456789\""},
        {HC_ITEM_STRING, "\"0123456789\"", "\"\\\"012345678\"..."},
        {HC_ITEM_SPACE, "\n", "\"\\n\""},
        {HC_ITEM_IDENTIFIER, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
         "\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"..."},
        {HC_ITEM_TEXT, "\xff\x01", "\"\\xff\\x01\""},
        {HC_ITEM_CHAR, "\x7f", "\"\\x7f\""},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_item it = {(uint8_t)cases[i].typ, 0, 1, cases[i].val, strlen(cases[i].val)};
        struct hc_buf b = HC_BUF_INIT;
        hc_item_print(&b, &it);
        assert_string_equal(hc_buf_str(&b), cases[i].want);
        hc_buf_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_go_lex),    cmocka_unit_test(test_more_lex),
        cmocka_unit_test(test_go_delims), cmocka_unit_test(test_go_pos),
        cmocka_unit_test(test_options),   cmocka_unit_test(test_item_print),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
