/*
 * test_json.c - the JSON reader and writer against Go's encoding/json as Helm uses it.
 *
 * Every expectation was produced by the real helm (v4.1.4, Go 1.25.9), never
 * by helmc.  Each input file was put in a throwaway chart and rendered with
 *
 *     {{ $in := $.Files.Get $p }}{{ $m := fromJson $in }}
 *     {{ $w := fromJson (printf "{\"v\":%s}" $in) }}{{ $v := get $w "v" }}
 *     {{ printf "%s|%#v|%s|%s|%s|%s" (get $m "Error" | toString) $v (get $w "Error" | toString)
 *        (toJson $v) (toRawJson $v) (toPrettyJson $v) | b64enc }}
 *
 * so the read tables hold Go's syntax error (fromJson's "Error"), or the value
 * as Go's %#v prints it (the test-local printer below writes the same text)
 * and, for numbers out of range, Go's decode error.  The write tables hold
 * toJson, toRawJson and toPrettyJson of the value read.  Values that JSON text
 * cannot produce (ints, []string, []byte, NaN, cycles) were built in
 * templates (list, splitList, until, .Files.GetBytes, float64 "NaN", set);
 * the comment at each group names the template.
 */
#include "test.h"

#include <math.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "helmc/value.h"
#include "json/json.h"

#define S(lit) lit, sizeof(lit) - 1

static struct hc_arena arena;

static int setup(void **state)
{
    (void)state;
    hc_arena_init(&arena, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hc_arena_free(&arena);
    return 0;
}

/* ---- a printer for Go's %#v of decoded JSON (enough of fmt and strconv.Quote) ---- */

/* The runes the tables use that unicode.IsPrint rejects (strconv.Quote escapes them). */
static bool rune_printable(unsigned long r)
{
    return !(r <= 0xA0 || r == 0xAD || (r >= 0x2000 && r <= 0x200F) || r == 0x2028 || r == 0x2029 ||
             r == 0xFEFF || r == 0xFFFE || r == 0xFFFF || (r >= 0xE000 && r <= 0xF8FF) ||
             (r >= 0xF0000 && r <= 0x10FFFF));
}

/* Length of the valid UTF-8 sequence at s[i] (Go's rules) and its rune, or 0. */
static size_t decode_rune(const unsigned char *s, size_t n, size_t i, unsigned long *r)
{
    unsigned c = s[i];
    size_t len = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (!len || i + len > n)
        return 0;
    unsigned long x = c & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
        x = (x << 6) | (s[i + k] & 0x3Fu);
    }
    static const unsigned long min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (x < min[len] || (x >= 0xD800 && x < 0xE000) || x > 0x10FFFF)
        return 0;
    *r = x;
    return len;
}

static void quote(struct hc_buf *b, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    hc_buf_addc(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        const char *e = c == '"'    ? "\\\""
                        : c == '\\' ? "\\\\"
                        : c == '\a' ? "\\a"
                        : c == '\b' ? "\\b"
                        : c == '\f' ? "\\f"
                        : c == '\n' ? "\\n"
                        : c == '\r' ? "\\r"
                        : c == '\t' ? "\\t"
                        : c == '\v' ? "\\v"
                                    : NULL;
        unsigned long r = c;
        size_t len = c < 0x80 ? 1 : decode_rune(s, n, i, &r);
        if (e)
            hc_buf_adds(b, e);
        else if (len == 0 || c < 0x20 || c == 0x7f)
            hc_buf_printf(b, "\\x%02x", c);
        else if (c < 0x80 || rune_printable(r))
            hc_buf_add(b, str + i, len);
        else if (r < 0x10000)
            hc_buf_printf(b, "\\u%04lx", r);
        else
            hc_buf_printf(b, "\\U%08lx", r);
        i += len ? len : 1;
    }
    hc_buf_addc(b, '"');
}

/*
 * fmt's %v of a float64: strconv's shortest 'g', which uses an exponent when
 * it is below -4 or at least 6 (21 is only toJson's cut-off).  The shortest
 * digits are found by trying each length: the nearest decimal of that length,
 * or at a power of two the one on the other side, must read back.
 */
static void gofloat(struct hc_buf *b, double f)
{
    if (f == 0) {
        hc_buf_adds(b, signbit(f) ? "-0" : "0");
        return;
    }
    char digits[32];
    int nd = 0, x = 0;
    double a = fabs(f);
    for (int prec = 1; prec <= 17 && !nd; prec++) {
        char e[48];
        snprintf(e, sizeof e, "%.*e", prec - 1, a);
        unsigned long long d = 0;
        const char *p = e;
        for (; *p != 'e'; p++)
            if (*p >= '0' && *p <= '9')
                d = d * 10 + (unsigned long long)(*p - '0');
        int x10 = atoi(p + 1) - (prec - 1);
        unsigned long long cand[3] = {d, d + 1, d - 1};
        for (int k = 0; k < 3 && !nd; k++) {
            char back[48];
            snprintf(back, sizeof back, "%llue%d", cand[k], x10);
            if (cand[k] == 0 || (strtod(back, NULL) != a && prec < 17))
                continue;
            nd = snprintf(digits, sizeof digits, "%llu", cand[k]);
            x = nd + x10 - 1;
        }
    }
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (f < 0)
        hc_buf_addc(b, '-');
    if (x < -4 || x >= 6) {
        hc_buf_addc(b, digits[0]);
        if (nd > 1) {
            hc_buf_addc(b, '.');
            hc_buf_add(b, digits + 1, (size_t)nd - 1);
        }
        hc_buf_printf(b, "e%c%02d", x < 0 ? '-' : '+', x < 0 ? -x : x);
    } else if (x < 0) {
        hc_buf_adds(b, "0.");
        hc_buf_addn(b, '0', (size_t)(-x - 1));
        hc_buf_add(b, digits, (size_t)nd);
    } else if (x + 1 >= nd) {
        hc_buf_add(b, digits, (size_t)nd);
        hc_buf_addn(b, '0', (size_t)(x + 1 - nd));
    } else {
        hc_buf_add(b, digits, (size_t)x + 1);
        hc_buf_addc(b, '.');
        hc_buf_add(b, digits + x + 1, (size_t)(nd - x - 1));
    }
}

/* %#v of v; top is whether v is printf's own argument (a bare nil prints <nil>). */
static void gov(struct hc_buf *b, hc_val v, bool top)
{
    switch ((hc_kind)v.kind) {
    case HC_NULL:
    case HC_MISSING:
        hc_buf_adds(b, top ? "<nil>" : "interface {}(nil)");
        return;
    case HC_BOOL:
        hc_buf_adds(b, v.u.b ? "true" : "false");
        return;
    case HC_INT:
        hc_buf_printf(b, "%lld", (long long)v.u.i);
        return;
    case HC_FLOAT:
        gofloat(b, v.u.f);
        return;
    case HC_STRING:
        quote(b, v.u.s, v.len);
        return;
    case HC_LIST:
        hc_buf_adds(b, v.u.l ? "[]interface {}{" : "[]interface {}(nil)");
        for (uint32_t i = 0; v.u.l && i < v.u.l->len; i++) {
            if (i)
                hc_buf_adds(b, ", ");
            gov(b, v.u.l->items[i], false);
        }
        if (v.u.l)
            hc_buf_addc(b, '}');
        return;
    case HC_MAP:
        hc_buf_adds(b, v.u.m ? "map[string]interface {}{" : "map[string]interface {}(nil)");
        for (uint32_t i = 0; v.u.m && i < v.u.m->len; i++) {
            if (i)
                hc_buf_adds(b, ", ");
            quote(b, v.u.m->e[i].key, v.u.m->e[i].klen);
            hc_buf_addc(b, ':');
            gov(b, v.u.m->e[i].val, false);
        }
        if (v.u.m)
            hc_buf_addc(b, '}');
        return;
    case HC_OBJ:
        hc_buf_adds(b, "?");
        return;
    }
}

/* Asserts that %#v of v is want. */
static void assert_gov(hc_val v, const char *want)
{
    struct hc_buf b = HC_BUF_INIT;
    gov(&b, v, true);
    if (strcmp(hc_buf_str(&b), want) != 0)
        print_error("printed %s\n   wanted %s\n", hc_buf_str(&b), want);
    assert_string_equal(hc_buf_str(&b), want);
    hc_buf_release(&b);
}

/* Asserts that writing v with flags gives want. */
static void assert_write(hc_val v, unsigned flags, const char *want)
{
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    hc_status rc = hc_json_write(&b, v, flags, &err);
    if (rc != HC_OK)
        print_error("write failed: %s\n", hc_error_msg(&err));
    assert_int_equal(rc, HC_OK);
    assert_string_equal(hc_buf_str(&b), want);
    hc_buf_release(&b);
}

/* Asserts that writing v with flags fails with code and msg and leaves the buffer as it was. */
static void assert_write_fails(hc_val v, unsigned flags, hc_status code, const char *msg)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, "kept");
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_json_write(&b, v, flags, &err), code);
    assert_int_equal(err.code, code);
    assert_string_equal(hc_error_msg(&err), msg);
    assert_string_equal(hc_buf_str(&b), "kept");
    hc_error_release(&err);
    hc_buf_release(&b);
}

/* ---- reading: text -> value or Go's error (fromJson / %#v, see the top) ---- */

struct read_case {
    const char *in;
    size_t len;
    hc_status rc;
    const char *want; /* %#v of the value, or the error for HC_ERR_PARSE */
    const char *msg;  /* HC_ERR_INVALID: the error */
};

/* clang-format off */
static const struct read_case read_cases[] = {
    {S("null"), HC_OK, "<nil>", NULL},
    {S("true"), HC_OK, "true", NULL},
    {S("false"), HC_OK, "false", NULL},
    {S(" \t\015\ntrue \n"), HC_OK, "true", NULL},
    {S("0"), HC_OK, "0", NULL},
    {S("-0"), HC_OK, "-0", NULL},
    {S("-0.0"), HC_OK, "-0", NULL},
    {S("1"), HC_OK, "1", NULL},
    {S("-1"), HC_OK, "-1", NULL},
    {S("1.5"), HC_OK, "1.5", NULL},
    {S("1e2"), HC_OK, "100", NULL},
    {S("1E+2"), HC_OK, "100", NULL},
    {S("1e-2"), HC_OK, "0.01", NULL},
    {S("0.1"), HC_OK, "0.1", NULL},
    {S("0.1e1"), HC_OK, "1", NULL},
    {S("123456789"), HC_OK, "1.23456789e+08", NULL},
    {S("1e21"), HC_OK, "1e+21", NULL},
    {S("1e20"), HC_OK, "1e+20", NULL},
    {S("1e-7"), HC_OK, "1e-07", NULL},
    {S("0.000001"), HC_OK, "1e-06", NULL},
    {S("9007199254740993"), HC_OK, "9.007199254740992e+15", NULL},
    {S("123456789012345678901234567890"), HC_OK, "1.2345678901234568e+29", NULL},
    {S("100000000000000000000000"), HC_OK, "1e+23", NULL},
    {S("1.7976931348623157e308"), HC_OK, "1.7976931348623157e+308", NULL},
    {S("4.9e-324"), HC_OK, "5e-324", NULL},
    {S("2e-324"), HC_OK, "0", NULL},
    {S("3e-324"), HC_OK, "5e-324", NULL},
    {S("1e-400"), HC_OK, "0", NULL},
    {S("-1e-400"), HC_OK, "-0", NULL},
    {S("2.2250738585072011e-308"), HC_OK, "2.225073858507201e-308", NULL},
    {S("7.174648137343064e-43"), HC_OK, "7.174648137343064e-43", NULL},
    {S("0.0000000000000000000000000000001e40"), HC_OK, "1e+09", NULL},
    {S("1000000000000000000000000000000e-30"), HC_OK, "1", NULL},
    {S("1e0000000000000000000001"), HC_OK, "10", NULL},
    {S("2.4703282292062327e-324"), HC_OK, "0", NULL},
    {S("2.4703282292062328e-324"), HC_OK, "5e-324", NULL},
    {S("12345678.9"), HC_OK, "1.23456789e+07", NULL},
    {S("\"\""), HC_OK, "\"\"", NULL},
    {S("\"abc\""), HC_OK, "\"abc\"", NULL},
    {S("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""), HC_OK, "\"\\\"\\\\/\\b\\f\\n\\r\\t\"", NULL},
    {S("\"\\u0041\""), HC_OK, "\"A\"", NULL},
    {S("\"\\u00e9\""), HC_OK, "\"\303\251\"", NULL},
    {S("\"\\u00E9\""), HC_OK, "\"\303\251\"", NULL},
    {S("\"\303\251\""), HC_OK, "\"\303\251\"", NULL},
    {S("\"\346\227\245\346\234\254\""), HC_OK, "\"\346\227\245\346\234\254\"", NULL},
    {S("\"\\ud83d\\ude00\""), HC_OK, "\"\360\237\230\200\"", NULL},
    {S("\"\\uD834\\uDD1E\""), HC_OK, "\"\360\235\204\236\"", NULL},
    {S("\"\\udbff\\udfff\""), HC_OK, "\"\\U0010ffff\"", NULL},
    {S("\"\\ud800\""), HC_OK, "\"\357\277\275\"", NULL},
    {S("\"\\udc00\""), HC_OK, "\"\357\277\275\"", NULL},
    {S("\"\\ud800x\""), HC_OK, "\"\357\277\275x\"", NULL},
    {S("\"\\ud800\\u0041\""), HC_OK, "\"\357\277\275A\"", NULL},
    {S("\"\\ud800\\ud800\\udc00\""), HC_OK, "\"\357\277\275\360\220\200\200\"", NULL},
    {S("\"\\udc00\\ud800\""), HC_OK, "\"\357\277\275\357\277\275\"", NULL},
    {S("\"\\ud800\\\""), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("\"\\u0000\""), HC_OK, "\"\\x00\"", NULL},
    {S("\"a\\u0000b\""), HC_OK, "\"a\\x00b\"", NULL},
    {S("\"\377\""), HC_OK, "\"\357\277\275\"", NULL},
    {S("\"\303(\""), HC_OK, "\"\357\277\275(\"", NULL},
    {S("\"\355\240\200\""), HC_OK, "\"\357\277\275\357\277\275\357\277\275\"", NULL},
    {S("\"\364\220\200\200\""),
     HC_OK,
     "\"\357\277\275\357\277\275\357\277\275\357\277\275\"",
     NULL},
    {S("\"\342\202\""), HC_OK, "\"\357\277\275\357\277\275\"", NULL},
    {S("\"\300\257\""), HC_OK, "\"\357\277\275\357\277\275\"", NULL},
    {S("\"\340\200\257\""), HC_OK, "\"\357\277\275\357\277\275\357\277\275\"", NULL},
    {S("\"\360\200\200\200\""),
     HC_OK,
     "\"\357\277\275\357\277\275\357\277\275\357\277\275\"",
     NULL},
    {S("\"\360\237\230\200\""), HC_OK, "\"\360\237\230\200\"", NULL},
    {S("\"\357\277\277\""), HC_OK, "\"\\uffff\"", NULL},
    {S("\"\177\""), HC_OK, "\"\\x7f\"", NULL},
    {S("\"\342\200\250\""), HC_OK, "\"\\u2028\"", NULL},
    {S("\"<>&\""), HC_OK, "\"<>&\"", NULL},
    {S("\"\200\277\""), HC_OK, "\"\357\277\275\357\277\275\"", NULL},
    {S("\"\360\237\230\""), HC_OK, "\"\357\277\275\357\277\275\357\277\275\"", NULL},
    {S("\"a\377b\\n\""), HC_OK, "\"a\357\277\275b\\n\"", NULL},
    {S("[]"), HC_OK, "[]interface {}{}", NULL},
    {S("[ ]"), HC_OK, "[]interface {}{}", NULL},
    {S("[1,\"a\",null,true,false]"),
     HC_OK,
     "[]interface {}{1, \"a\", interface {}(nil), true, false}",
     NULL},
    {S("[[[]]]"), HC_OK, "[]interface {}{[]interface {}{[]interface {}{}}}", NULL},
    {S("[{}]"), HC_OK, "[]interface {}{map[string]interface {}{}}", NULL},
    {S(" [ 1 , [ 2 ] ] "), HC_OK, "[]interface {}{1, []interface {}{2}}", NULL},
    {S("{}"), HC_OK, "map[string]interface {}{}", NULL},
    {S("{ }"), HC_OK, "map[string]interface {}{}", NULL},
    {S("{\"a\":1}"), HC_OK, "map[string]interface {}{\"a\":1}", NULL},
    {S("{\"b\":1,\"a\":2}"), HC_OK, "map[string]interface {}{\"a\":2, \"b\":1}", NULL},
    {S("{\"a\":1,\"a\":2}"), HC_OK, "map[string]interface {}{\"a\":2}", NULL},
    {S("{\"a\":{\"x\":1},\"a\":{\"y\":2}}"),
     HC_OK,
     "map[string]interface {}{\"a\":map[string]interface {}{\"y\":2}}",
     NULL},
    {S("{\"\":0}"), HC_OK, "map[string]interface {}{\"\":0}", NULL},
    {S("{\"\\u0000\":1,\"a\\u0000b\":2,\"a\":3}"),
     HC_OK,
     "map[string]interface {}{\"\\x00\":1, \"a\":3, \"a\\x00b\":2}",
     NULL},
    {S("{\"\377\":1,\"\376\":2}"), HC_OK, "map[string]interface {}{\"\357\277\275\":2}", NULL},
    {S("{\"\303\251\":1,\"e\":2,\"z\":3,\"Z\":4}"),
     HC_OK,
     "map[string]interface {}{\"Z\":4, \"e\":2, \"z\":3, \"\303\251\":1}",
     NULL},
    {S("{\"a\":[{\"b\":{\"c\":[null]}}]}"),
     HC_OK,
     "map[string]interface {}{\"a\":[]interface {}{map[string]interface {}{\"b\":map[string]in"
       "terface {}{\"c\":[]interface {}{interface {}(nil)}}}}}",
     NULL},
    {S("{\"k\":\"v\",\"K\":\"V\",\"k\":\"w\"}"),
     HC_OK,
     "map[string]interface {}{\"K\":\"V\", \"k\":\"w\"}",
     NULL},
    {S(""), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S(" "), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("-"), HC_ERR_PARSE, "invalid character ' ' in numeric literal", NULL},
    {S("1."), HC_ERR_PARSE, "invalid character ' ' after decimal point in numeric literal", NULL},
    {S("1e"), HC_ERR_PARSE, "invalid character ' ' in exponent of numeric literal", NULL},
    {S("1e+"), HC_ERR_PARSE, "invalid character ' ' in exponent of numeric literal", NULL},
    {S("tru"), HC_ERR_PARSE, "invalid character ' ' in literal true (expecting 'e')", NULL},
    {S("nul"), HC_ERR_PARSE, "invalid character ' ' in literal null (expecting 'l')", NULL},
    {S("fals"), HC_ERR_PARSE, "invalid character ' ' in literal false (expecting 'e')", NULL},
    {S("\"abc"), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("\"a\\"), HC_ERR_PARSE, "invalid character ' ' in string escape code", NULL},
    {S("\"a\\u12"),
     HC_ERR_PARSE,
     "invalid character ' ' in \\u hexadecimal character escape",
     NULL},
    {S("\"a\\q\""), HC_ERR_PARSE, "invalid character 'q' in string escape code", NULL},
    {S("\"a\\u12g4\""),
     HC_ERR_PARSE,
     "invalid character 'g' in \\u hexadecimal character escape",
     NULL},
    {S("\"\001\""), HC_ERR_PARSE, "invalid character '\\x01' in string literal", NULL},
    {S("\"\n\""), HC_ERR_PARSE, "invalid character '\\n' in string literal", NULL},
    {S("\"\t\""), HC_ERR_PARSE, "invalid character '\\t' in string literal", NULL},
    {S("x"), HC_ERR_PARSE, "invalid character 'x' looking for beginning of value", NULL},
    {S("'"), HC_ERR_PARSE, "invalid character '\\'' looking for beginning of value", NULL},
    {S("\""), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("[1,]"), HC_ERR_PARSE, "invalid character ']' looking for beginning of value", NULL},
    {S("[1 2]"), HC_ERR_PARSE, "invalid character '2' after array element", NULL},
    {S("{\"a\" 1}"), HC_ERR_PARSE, "invalid character '1' after object key", NULL},
    {S("{\"a\":1 \"b\"}"),
     HC_ERR_PARSE,
     "invalid character '\"' after object key:value pair",
     NULL},
    {S("{1:2}"),
     HC_ERR_PARSE,
     "invalid character '1' looking for beginning of object key string",
     NULL},
    {S("{\"a\":1,}"),
     HC_ERR_PARSE,
     "invalid character '}' looking for beginning of object key string",
     NULL},
    {S("01"), HC_ERR_PARSE, "invalid character '1' after top-level value", NULL},
    {S("-01"), HC_ERR_PARSE, "invalid character '1' after top-level value", NULL},
    {S("1.e5"), HC_ERR_PARSE, "invalid character 'e' after decimal point in numeric literal", NULL},
    {S(".5"), HC_ERR_PARSE, "invalid character '.' looking for beginning of value", NULL},
    {S("+1"), HC_ERR_PARSE, "invalid character '+' looking for beginning of value", NULL},
    {S("1 2"), HC_ERR_PARSE, "invalid character '2' after top-level value", NULL},
    {S("{} x"), HC_ERR_PARSE, "invalid character 'x' after top-level value", NULL},
    {S("[]]"), HC_ERR_PARSE, "invalid character ']' after top-level value", NULL},
    {S("}"), HC_ERR_PARSE, "invalid character '}' looking for beginning of value", NULL},
    {S("]"), HC_ERR_PARSE, "invalid character ']' looking for beginning of value", NULL},
    {S("tRue"), HC_ERR_PARSE, "invalid character 'R' in literal true (expecting 'r')", NULL},
    {S("nan"), HC_ERR_PARSE, "invalid character 'a' in literal null (expecting 'u')", NULL},
    {S("NaN"), HC_ERR_PARSE, "invalid character 'N' looking for beginning of value", NULL},
    {S("Infinity"), HC_ERR_PARSE, "invalid character 'I' looking for beginning of value", NULL},
    {S("\200"), HC_ERR_PARSE, "invalid character '\\u0080' looking for beginning of value", NULL},
    {S("\377"), HC_ERR_PARSE, "invalid character '\303\277' looking for beginning of value", NULL},
    {S("\303\251"),
     HC_ERR_PARSE,
     "invalid character '\303\203' looking for beginning of value",
     NULL},
    {S("\177"), HC_ERR_PARSE, "invalid character '\\x7f' looking for beginning of value", NULL},
    {S("\240"), HC_ERR_PARSE, "invalid character '\\u00a0' looking for beginning of value", NULL},
    {S("\255"), HC_ERR_PARSE, "invalid character '\\u00ad' looking for beginning of value", NULL},
    {S("\241"), HC_ERR_PARSE, "invalid character '\302\241' looking for beginning of value", NULL},
    {S("\000"), HC_ERR_PARSE, "invalid character '\\x00' looking for beginning of value", NULL},
    {S("\033"), HC_ERR_PARSE, "invalid character '\\x1b' looking for beginning of value", NULL},
    {S("\\"), HC_ERR_PARSE, "invalid character '\\\\' looking for beginning of value", NULL},
    {S("[,1]"), HC_ERR_PARSE, "invalid character ',' looking for beginning of value", NULL},
    {S("{,}"),
     HC_ERR_PARSE,
     "invalid character ',' looking for beginning of object key string",
     NULL},
    {S("{\"a\"}"), HC_ERR_PARSE, "invalid character '}' after object key", NULL},
    {S("{\"a\":}"), HC_ERR_PARSE, "invalid character '}' looking for beginning of value", NULL},
    {S("[\"a\" \"b\"]"), HC_ERR_PARSE, "invalid character '\"' after array element", NULL},
    {S("{\"a\":1}}"), HC_ERR_PARSE, "invalid character '}' after top-level value", NULL},
    {S("\"\\ud800\\u12\""),
     HC_ERR_PARSE,
     "invalid character '\"' in \\u hexadecimal character escape",
     NULL},
    {S("[nulL]"), HC_ERR_PARSE, "invalid character 'L' in literal null (expecting 'l')", NULL},
    {S("[-]"), HC_ERR_PARSE, "invalid character ']' in numeric literal", NULL},
    {S("[1.]"), HC_ERR_PARSE, "invalid character ']' after decimal point in numeric literal", NULL},
    {S("[1e]"), HC_ERR_PARSE, "invalid character ']' in exponent of numeric literal", NULL},
    {S("[01]"), HC_ERR_PARSE, "invalid character '1' after array element", NULL},
    {S("[1.5.3]"), HC_ERR_PARSE, "invalid character '.' after array element", NULL},
    {S("1.5.3"), HC_ERR_PARSE, "invalid character '.' after top-level value", NULL},
    {S("[\"a\":1]"), HC_ERR_PARSE, "invalid character ':' after array element", NULL},
    {S("{\"a\",1}"), HC_ERR_PARSE, "invalid character ',' after object key", NULL},
    {S("[true false]"), HC_ERR_PARSE, "invalid character 'f' after array element", NULL},
    {S("[1\000]"), HC_ERR_PARSE, "invalid character '\\x00' after array element", NULL},
    {S("{\"a\":1}\000"), HC_ERR_PARSE, "invalid character '\\x00' after top-level value", NULL},
    {S("["), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("{"), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("{\"a\""), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("{\"a\":"), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("[1"), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("[\"a\","), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("{\"a\":1"), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("{\"a\":1,"), HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {S("\"\\u"), HC_ERR_PARSE, "invalid character ' ' in \\u hexadecimal character escape", NULL},
    {S("-x"), HC_ERR_PARSE, "invalid character 'x' in numeric literal", NULL},
    {S("1e+x"), HC_ERR_PARSE, "invalid character 'x' in exponent of numeric literal", NULL},
    {S("1ex"), HC_ERR_PARSE, "invalid character 'x' in exponent of numeric literal", NULL},
    {S("[1,2]x"), HC_ERR_PARSE, "invalid character 'x' after top-level value", NULL},
    {S("{\"\001\":1}"), HC_ERR_PARSE, "invalid character '\\x01' in string literal", NULL},
    {S("\013"), HC_ERR_PARSE, "invalid character '\\v' looking for beginning of value", NULL},
    {S("\014"), HC_ERR_PARSE, "invalid character '\\f' looking for beginning of value", NULL},
    {S("\010"), HC_ERR_PARSE, "invalid character '\\b' looking for beginning of value", NULL},
    {S("\007"), HC_ERR_PARSE, "invalid character '\\a' looking for beginning of value", NULL},
    {S("\"\\'\""), HC_ERR_PARSE, "invalid character '\\'' in string escape code", NULL},
    {S("[1e400, x]"), HC_ERR_PARSE, "invalid character 'x' looking for beginning of value", NULL},
    {S("{\"a\":1e400}}"), HC_ERR_PARSE, "invalid character '}' after top-level value", NULL},
    {S("1e400"),
     HC_ERR_INVALID,
     "<nil>",
     "json: cannot unmarshal number 1e400 into Go value of type float64"},
    {S("-1e400"),
     HC_ERR_INVALID,
     "<nil>",
     "json: cannot unmarshal number -1e400 into Go value of type float64"},
    {S("[1e400, 2, -1e999]"),
     HC_ERR_INVALID,
     "[]interface {}{interface {}(nil), 2, interface {}(nil)}",
     "json: cannot unmarshal number 1e400 into Go value of type float64"},
    {S("{\"a\":1e400,\"b\":2}"),
     HC_ERR_INVALID,
     "map[string]interface {}{\"a\":interface {}(nil), \"b\":2}",
     "json: cannot unmarshal number 1e400 into Go value of type float64"},
    {S("1.7976931348623159e308"),
     HC_ERR_INVALID,
     "<nil>",
     "json: cannot unmarshal number 1.7976931348623159e308 into Go value of type float64"},
    {S("[[1E309],{\"x\":-2e308}]"),
     HC_ERR_INVALID,
     "[]interface {}{[]interface {}{interface {}(nil)}, map[string]interface {}{\"x\":interfac"
       "e {}(nil)}}",
     "json: cannot unmarshal number 1E309 into Go value of type float64"},
    {S("-0.5e-99999"), HC_OK, "-0", NULL},
    {S("1e100000"),
     HC_ERR_INVALID,
     "<nil>",
     "json: cannot unmarshal number 1e100000 into Go value of type float64"},
};
/* clang-format on */

static void test_read_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(read_cases); i++) {
        const struct read_case *c = &read_cases[i];
        struct hc_error err;
        hc_error_init(&err);
        hc_val v = hc_bool(true); /* must stay untouched on a syntax error */
        hc_status rc = hc_json_read(&arena, c->in, c->len, &v, &err);
        if (rc != c->rc)
            print_error("case %zu (%.*s): status %d, %s\n", i, (int)c->len, c->in, rc,
                        hc_error_msg(&err));
        assert_int_equal(rc, c->rc);
        switch (c->rc) {
        case HC_OK:
            assert_int_equal(err.code, HC_OK);
            assert_gov(v, c->want);
            break;
        case HC_ERR_PARSE:
            assert_string_equal(hc_error_msg(&err), c->want);
            assert_true(v.kind == HC_BOOL && v.u.b);
            break;
        default:
            assert_string_equal(hc_error_msg(&err), c->msg);
            assert_gov(v, c->want);
        }
        hc_error_release(&err);
    }
}

/* ---- reading into fromJson's and fromJsonArray's types ---- */

/*
 * From {{ $in | fromJson | printf "%#v" }} and {{ $in | fromJsonArray | printf "%#v" }}:
 * Helm puts the error under "Error" (or as the only item); the value here is
 * what Go's Unmarshal leaves in the variable.
 */
static const struct {
    const char *in;
    hc_gotype want_type;
    hc_status rc;
    const char *want; /* %#v, or the error when the value is untouched */
    const char *msg;
} read_as_cases[] = {
    {"1e400", HC_GT_MAP, HC_ERR_INVALID,
     "json: cannot unmarshal number into Go value of type map[string]interface {}", NULL},
    {"[1e400]", HC_GT_MAP, HC_ERR_INVALID,
     "json: cannot unmarshal array into Go value of type map[string]interface {}", NULL},
    {"\"x\"", HC_GT_MAP, HC_ERR_INVALID,
     "json: cannot unmarshal string into Go value of type map[string]interface {}", NULL},
    {"true", HC_GT_MAP, HC_ERR_INVALID,
     "json: cannot unmarshal bool into Go value of type map[string]interface {}", NULL},
    {"false", HC_GT_MAP, HC_ERR_INVALID,
     "json: cannot unmarshal bool into Go value of type map[string]interface {}", NULL},
    {"12", HC_GT_MAP, HC_ERR_INVALID,
     "json: cannot unmarshal number into Go value of type map[string]interface {}", NULL},
    {"[-1e-400]", HC_GT_MAP, HC_ERR_INVALID,
     "json: cannot unmarshal array into Go value of type map[string]interface {}", NULL},
    {"null", HC_GT_MAP, HC_OK, "map[string]interface {}(nil)", NULL},
    {"{\"a\":1e400}", HC_GT_MAP, HC_ERR_INVALID, "map[string]interface {}{\"a\":interface {}(nil)}",
     "json: cannot unmarshal number 1e400 into Go value of type float64"},
    {"  {\"a\" : [ 1 , 2 ] }  ", HC_GT_MAP, HC_OK,
     "map[string]interface {}{\"a\":[]interface {}{1, 2}}", NULL},
    {"[1,", HC_GT_MAP, HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {" ", HC_GT_MAP, HC_ERR_PARSE, "unexpected end of JSON input", NULL},
    {"nul", HC_GT_MAP, HC_ERR_PARSE, "invalid character ' ' in literal null (expecting 'l')", NULL},
    {"{\"a\":x}", HC_GT_LIST, HC_ERR_PARSE, "invalid character 'x' looking for beginning of value",
     NULL},
    {"1e400", HC_GT_LIST, HC_ERR_INVALID,
     "json: cannot unmarshal number into Go value of type []interface {}", NULL},
    {"\"x\"", HC_GT_LIST, HC_ERR_INVALID,
     "json: cannot unmarshal string into Go value of type []interface {}", NULL},
    {"true", HC_GT_LIST, HC_ERR_INVALID,
     "json: cannot unmarshal bool into Go value of type []interface {}", NULL},
    {"12", HC_GT_LIST, HC_ERR_INVALID,
     "json: cannot unmarshal number into Go value of type []interface {}", NULL},
    {"{\"a\":1e400}", HC_GT_LIST, HC_ERR_INVALID,
     "json: cannot unmarshal object into Go value of type []interface {}", NULL},
    {"  {\"a\" : [ 1 , 2 ] }  ", HC_GT_LIST, HC_ERR_INVALID,
     "json: cannot unmarshal object into Go value of type []interface {}", NULL},
    {"null", HC_GT_LIST, HC_OK, "[]interface {}(nil)", NULL},
    {"[-1e-400]", HC_GT_LIST, HC_OK, "[]interface {}{-0}", NULL},
    /* fromJsonArray replaces the value by the error; Go's decoder leaves nil for the number */
    {"[1e400]", HC_GT_LIST, HC_ERR_INVALID, "[]interface {}{interface {}(nil)}",
     "json: cannot unmarshal number 1e400 into Go value of type float64"},
    {"[1,{\"a\":2}]", HC_GT_NIL, HC_OK, "[]interface {}{1, map[string]interface {}{\"a\":2}}",
     NULL},
    /* a byte order mark is not white space (made with b64dec "77u/": helm strips it from files) */
    {"\xef\xbb\xbf{}", HC_GT_MAP, HC_ERR_PARSE,
     "invalid character '\303\257' looking for beginning of value", NULL},
    {"null", HC_GT_NIL, HC_OK, "<nil>", NULL},
};

static void test_read_as(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(read_as_cases); i++) {
        struct hc_error err;
        hc_error_init(&err);
        hc_val v = hc_bool(true);
        const char *in = read_as_cases[i].in;
        hc_gotype t = read_as_cases[i].want_type;
        hc_status rc = hc_json_read_as(&arena, in, strlen(in), t, &v, &err);
        assert_int_equal(rc, read_as_cases[i].rc);
        if (rc == HC_OK || read_as_cases[i].msg) {
            assert_gov(v, read_as_cases[i].want);
            if (rc != HC_OK)
                assert_string_equal(hc_error_msg(&err), read_as_cases[i].msg);
        } else {
            assert_string_equal(hc_error_msg(&err), read_as_cases[i].want);
            assert_true(v.kind == HC_BOOL && v.u.b); /* untouched */
        }
        hc_error_release(&err);
    }
}

/* ---- writing what was read: toJson, toRawJson, toPrettyJson (see the top) ---- */

struct write_case {
    const char *in;
    size_t len;
    const char *json, *raw, *pretty;
};

/* clang-format off */
static const struct write_case write_cases[] = {
    {S("null"),
     "null",
     "null",
     "null"},
    {S("true"),
     "true",
     "true",
     "true"},
    {S("false"),
     "false",
     "false",
     "false"},
    {S("0"),
     "0",
     "0",
     "0"},
    {S("-0"),
     "-0",
     "-0",
     "-0"},
    {S("1.5"),
     "1.5",
     "1.5",
     "1.5"},
    {S("-1.5"),
     "-1.5",
     "-1.5",
     "-1.5"},
    {S("1e21"),
     "1e+21",
     "1e+21",
     "1e+21"},
    {S("-1e21"),
     "-1e+21",
     "-1e+21",
     "-1e+21"},
    {S("1e20"),
     "100000000000000000000",
     "100000000000000000000",
     "100000000000000000000"},
    {S("999999999999999999999"),
     "1e+21",
     "1e+21",
     "1e+21"},
    {S("1e-7"),
     "1e-7",
     "1e-7",
     "1e-7"},
    {S("-1e-7"),
     "-1e-7",
     "-1e-7",
     "-1e-7"},
    {S("1e-6"),
     "0.000001",
     "0.000001",
     "0.000001"},
    {S("0.000001234"),
     "0.000001234",
     "0.000001234",
     "0.000001234"},
    {S("0.0000001234"),
     "1.234e-7",
     "1.234e-7",
     "1.234e-7"},
    {S("1.2e-12"),
     "1.2e-12",
     "1.2e-12",
     "1.2e-12"},
    {S("1e-10"),
     "1e-10",
     "1e-10",
     "1e-10"},
    {S("2e-7"),
     "2e-7",
     "2e-7",
     "2e-7"},
    {S("-2.5e-10"),
     "-2.5e-10",
     "-2.5e-10",
     "-2.5e-10"},
    {S("123456789012345678901234567890"),
     "1.2345678901234568e+29",
     "1.2345678901234568e+29",
     "1.2345678901234568e+29"},
    {S("9007199254740993"),
     "9007199254740992",
     "9007199254740992",
     "9007199254740992"},
    {S("5e-324"),
     "5e-324",
     "5e-324",
     "5e-324"},
    {S("1.7976931348623157e308"),
     "1.7976931348623157e+308",
     "1.7976931348623157e+308",
     "1.7976931348623157e+308"},
    {S("0.1"),
     "0.1",
     "0.1",
     "0.1"},
    {S("100"),
     "100",
     "100",
     "100"},
    {S("1e100"),
     "1e+100",
     "1e+100",
     "1e+100"},
    {S("12345678.9"),
     "12345678.9",
     "12345678.9",
     "12345678.9"},
    {S("7.174648137343064e-43"),
     "7.174648137343064e-43",
     "7.174648137343064e-43",
     "7.174648137343064e-43"},
    {S("3.0"),
     "3",
     "3",
     "3"},
    {S("1e+22"),
     "1e+22",
     "1e+22",
     "1e+22"},
    {S("1.5e300"),
     "1.5e+300",
     "1.5e+300",
     "1.5e+300"},
    {S("33e-8"),
     "3.3e-7",
     "3.3e-7",
     "3.3e-7"},
    {S("4.5e-5"),
     "0.000045",
     "0.000045",
     "0.000045"},
    {S("\"\""),
     "\"\"",
     "\"\"",
     "\"\""},
    {S("\"plain\""),
     "\"plain\"",
     "\"plain\"",
     "\"plain\""},
    {S("\"<>&\""),
     "\"\\u003c\\u003e\\u0026\"",
     "\"<>&\"",
     "\"\\u003c\\u003e\\u0026\""},
    {S("\"\\u2028\\u2029\""),
     "\"\\u2028\\u2029\"",
     "\"\\u2028\\u2029\"",
     "\"\\u2028\\u2029\""},
    {S("\"\\b\\f\\n\\r\\t\""),
     "\"\\b\\f\\n\\r\\t\"",
     "\"\\b\\f\\n\\r\\t\"",
     "\"\\b\\f\\n\\r\\t\""},
    {S("\"\\\"\\\\/\""),
     "\"\\\"\\\\/\"",
     "\"\\\"\\\\/\"",
     "\"\\\"\\\\/\""},
    {S("\"\177\""),
     "\"\177\"",
     "\"\177\"",
     "\"\177\""},
    {S("\"\303\251\346\227\245\346\234\254\360\237\230\200\""),
     "\"\303\251\346\227\245\346\234\254\360\237\230\200\"",
     "\"\303\251\346\227\245\346\234\254\360\237\230\200\"",
     "\"\303\251\346\227\245\346\234\254\360\237\230\200\""},
    {S("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u000b\\u000e\\u000f\""),
     "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u000b\\u000e\\u000f\"",
     "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u000b\\u000e\\u000f\"",
     "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u000b\\u000e\\u000f\""},
    {S("\"\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\"
       "u001c\\u001d\\u001e\\u001f\""),
     "\"\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001"
     "c\\u001d\\u001e\\u001f\"",
     "\"\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001"
     "c\\u001d\\u001e\\u001f\"",
     "\"\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001"
     "c\\u001d\\u001e\\u001f\""},
    {S("\"\\ud800\""),
     "\"\357\277\275\"",
     "\"\357\277\275\"",
     "\"\357\277\275\""},
    {S("\"a\377b\""),
     "\"a\357\277\275b\"",
     "\"a\357\277\275b\"",
     "\"a\357\277\275b\""},
    {S("\"\\u00a0\\u00ad\\ufeff\\u0085\""),
     "\"\302\240\302\255\357\273\277\302\205\"",
     "\"\302\240\302\255\357\273\277\302\205\"",
     "\"\302\240\302\255\357\273\277\302\205\""},
    {S("\"</script>\""),
     "\"\\u003c/script\\u003e\"",
     "\"</script>\"",
     "\"\\u003c/script\\u003e\""},
    {S("\"a&amp;b\""),
     "\"a\\u0026amp;b\"",
     "\"a&amp;b\"",
     "\"a\\u0026amp;b\""},
    {S("\"\\u2027\\u202a\""),
     "\"\342\200\247\342\200\252\"",
     "\"\342\200\247\342\200\252\"",
     "\"\342\200\247\342\200\252\""},
    {S("[]"),
     "[]",
     "[]",
     "[]"},
    {S("{}"),
     "{}",
     "{}",
     "{}"},
    {S("[[]]"),
     "[[]]",
     "[[]]",
     "[\n  []\n]"},
    {S("[{}]"),
     "[{}]",
     "[{}]",
     "[\n  {}\n]"},
    {S("{\"a\":[]}"),
     "{\"a\":[]}",
     "{\"a\":[]}",
     "{\n  \"a\": []\n}"},
    {S("{\"a\":{}}"),
     "{\"a\":{}}",
     "{\"a\":{}}",
     "{\n  \"a\": {}\n}"},
    {S("[1,2,3]"),
     "[1,2,3]",
     "[1,2,3]",
     "[\n  1,\n  2,\n  3\n]"},
    {S("{\"b\":1,\"a\":2,\"c\":3}"),
     "{\"a\":2,\"b\":1,\"c\":3}",
     "{\"a\":2,\"b\":1,\"c\":3}",
     "{\n  \"a\": 2,\n  \"b\": 1,\n  \"c\": 3\n}"},
    {S("{\"a\":[1,{\"b\":null}],\"c\":\"d\"}"),
     "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}",
     "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}",
     "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": \"d\"\n}"},
    {S("[[1,[2,[3]]]]"),
     "[[1,[2,[3]]]]",
     "[[1,[2,[3]]]]",
     "[\n  [\n    1,\n    [\n      2,\n      [\n        3\n      ]\n    ]\n  ]\n]"},
    {S("{\"<k>\":1,\"&\":2,\"\377\":3,\"\303\251\":4,\"B\":5,\"a\":6,\"\":7}"),
     "{\"\":7,\"\\u0026\":2,\"\\u003ck\\u003e\":1,\"B\":5,\"a\":6,\"\303\251\":4,\"\357\277\275\":"
     "3}",
     "{\"\":7,\"&\":2,\"<k>\":1,\"B\":5,\"a\":6,\"\303\251\":4,\"\357\277\275\":3}",
     "{\n  \"\": 7,\n  \"\\u0026\": 2,\n  \"\\u003ck\\u003e\": 1,\n  \"B\": 5,\n  \"a\": 6,\n  \""
     "\303\251\": 4,\n  \"\357\277\275\": 3\n}"},
    {S("{\"\\u2028\":\"\\u2029\"}"),
     "{\"\\u2028\":\"\\u2029\"}",
     "{\"\\u2028\":\"\\u2029\"}",
     "{\n  \"\\u2028\": \"\\u2029\"\n}"},
    {S("[null,true,false,0,\"\",[],{}]"),
     "[null,true,false,0,\"\",[],{}]",
     "[null,true,false,0,\"\",[],{}]",
     "[\n  null,\n  true,\n  false,\n  0,\n  \"\",\n  [],\n  {}\n]"},
    {S("{\"z\":{\"y\":{\"x\":{}}}}"),
     "{\"z\":{\"y\":{\"x\":{}}}}",
     "{\"z\":{\"y\":{\"x\":{}}}}",
     "{\n  \"z\": {\n    \"y\": {\n      \"x\": {}\n    }\n  }\n}"},
    {S("{\"a b\":\" \",\"\\n\":\"\\t\"}"),
     "{\"\\n\":\"\\t\",\"a b\":\" \"}",
     "{\"\\n\":\"\\t\",\"a b\":\" \"}",
     "{\n  \"\\n\": \"\\t\",\n  \"a b\": \" \"\n}"},
    {S("[1e21,1e-7,-0,0.5]"),
     "[1e+21,1e-7,-0,0.5]",
     "[1e+21,1e-7,-0,0.5]",
     "[\n  1e+21,\n  1e-7,\n  -0,\n  0.5\n]"},
    {S("{\"a\":[[],[{}],{\"b\":[]}]}"),
     "{\"a\":[[],[{}],{\"b\":[]}]}",
     "{\"a\":[[],[{}],{\"b\":[]}]}",
     "{\n  \"a\": [\n    [],\n    [\n      {}\n    ],\n    {\n      \"b\": []\n    }\n  ]\n}"},
};
/* clang-format on */

static void test_write_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(write_cases); i++) {
        const struct write_case *c = &write_cases[i];
        struct hc_error err;
        hc_error_init(&err);
        hc_val v;
        assert_int_equal(hc_json_read(&arena, c->in, c->len, &v, &err), HC_OK);
        assert_write(v, 0, c->json);
        assert_write(v, HC_JSON_NO_HTML_ESCAPE, c->raw);
        assert_write(v, HC_JSON_INDENT, c->pretty);
    }
}

/* ---- writing values JSON text cannot produce ---- */

static hc_val str(const char *s)
{
    return hc_cstr(s);
}

static hc_val list_of(hc_gotype t, size_t n, const hc_val *items)
{
    struct hc_list *l = hc_list_new(&arena, n);
    assert_non_null(l);
    for (size_t i = 0; i < n; i++)
        l->items[i] = items[i];
    return hc_list_val(l, t);
}

/* A map from alternating keys and values; keys are C strings. */
static hc_val map_of(hc_gotype t, size_t n, const char *const *keys, const hc_val *vals)
{
    struct hc_map *m = hc_map_new(&arena, 0);
    assert_non_null(m);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(hc_map_set(&arena, m, keys[i], strlen(keys[i]), vals[i]), HC_OK);
    return hc_map_val(m, t);
}

static hc_val bytes_str(const char *s, size_t n)
{
    hc_val v = hc_strn(s, n);
    v.gotype = HC_GT_BYTES;
    return v;
}

static hc_val bytes_list(const char *s, size_t n)
{
    struct hc_list *l = hc_list_new(&arena, n);
    assert_non_null(l);
    for (size_t i = 0; i < n; i++)
        l->items[i] = hc_int_typed((unsigned char)s[i], HC_GT_UINT8);
    return hc_list_val(l, HC_GT_BYTES);
}

/*
 * From {{ printf "%s|%s|%s" (toJson $v) (toRawJson $v) (toPrettyJson $v) }} with $v
 * 5, int64 5, sub 0 42, int64 "9223372036854775807", list 1 2 3, until 3, until 0,
 * splitList "," "a,<b>", split "," "a,b&", .Files.GetBytes on files holding the
 * bytes, nil, .Values.nope, b64dec "/w==", b64dec "YcPoKA==", 1.5, and the
 * dict/list nests spelled out below.
 */
static void test_write_values(void **state)
{
    (void)state;
    const struct {
        hc_val v;
        const char *json, *raw, *pretty;
    } cases[] = {
        {hc_int_typed(5, HC_GT_INT), "5", "5", "5"},
        {hc_int(5), "5", "5", "5"},
        {hc_int(-42), "-42", "-42", "-42"},
        {hc_int(INT64_MAX), "9223372036854775807", "9223372036854775807", "9223372036854775807"},
        {hc_int(INT64_MIN), "-9223372036854775808", "-9223372036854775808", "-9223372036854775808"},
        {hc_null(), "null", "null", "null"},
        {hc_missing(), "null", "null", "null"},
        {str("\xff"), "\"\\ufffd\"", "\"\\ufffd\"", "\"\\ufffd\""},
        {str("a\xc3\xe8("), "\"a\\ufffd\\ufffd(\"", "\"a\\ufffd\\ufffd(\"", "\"a\\ufffd\\ufffd(\""},
        {hc_float(1.5), "1.5", "1.5", "1.5"},
        {hc_float(-0.0), "-0", "-0", "-0"},
        {hc_bool(false), "false", "false", "false"},
        {str(""), "\"\"", "\"\"", "\"\""},
        {bytes_str("\xff<a>", 4), "\"/zxhPg==\"", "\"/zxhPg==\"", "\"/zxhPg==\""},
        {bytes_str("", 0), "\"\"", "\"\"", "\"\""},
        {bytes_str("a", 1), "\"YQ==\"", "\"YQ==\"", "\"YQ==\""},
        {bytes_str("ab", 2), "\"YWI=\"", "\"YWI=\"", "\"YWI=\""},
        {bytes_str("abc", 3), "\"YWJj\"", "\"YWJj\"", "\"YWJj\""},
        {bytes_str("\x00\xfb\xff", 3), "\"APv/\"", "\"APv/\"", "\"APv/\""},
        {bytes_list("\xff<a>", 4), "\"/zxhPg==\"", "\"/zxhPg==\"", "\"/zxhPg==\""},
        {bytes_list("\x00\xfb\xff", 3), "\"APv/\"", "\"APv/\"", "\"APv/\""},
        {bytes_list("", 0), "\"\"", "\"\"", "\"\""},
        {hc_list_val(NULL, HC_GT_BYTES), "null", "null", "null"},
        {hc_list_val(NULL, HC_GT_LIST), "null", "null", "null"},
        {hc_map_val(NULL, HC_GT_MAP), "null", "null", "null"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        assert_write(cases[i].v, 0, cases[i].json);
        assert_write(cases[i].v, HC_JSON_NO_HTML_ESCAPE, cases[i].raw);
        assert_write(cases[i].v, HC_JSON_INDENT, cases[i].pretty);
    }

    /* list 1 2 3, until 3, until 0 */
    hc_val ints[] = {hc_int_typed(1, HC_GT_INT), hc_int_typed(2, HC_GT_INT),
                     hc_int_typed(3, HC_GT_INT)};
    hc_val l = list_of(HC_GT_LIST, 3, ints);
    assert_write(l, 0, "[1,2,3]");
    assert_write(l, HC_JSON_INDENT, "[\n  1,\n  2,\n  3\n]");
    hc_val until[] = {hc_int_typed(0, HC_GT_INT), hc_int_typed(1, HC_GT_INT),
                      hc_int_typed(2, HC_GT_INT)};
    assert_write(list_of(HC_GT_INTLIST, 3, until), 0, "[0,1,2]");
    assert_write(list_of(HC_GT_INTLIST, 3, until), HC_JSON_INDENT, "[\n  0,\n  1,\n  2\n]");
    assert_write(list_of(HC_GT_INTLIST, 0, NULL), HC_JSON_INDENT, "[]");

    /* splitList "," "a,<b>" ([]string) and split "," "a,b&" (map[string]string) */
    hc_val parts[] = {str("a"), str("<b>")};
    hc_val sl = list_of(HC_GT_STRLIST, 2, parts);
    assert_write(sl, 0, "[\"a\",\"\\u003cb\\u003e\"]");
    assert_write(sl, HC_JSON_NO_HTML_ESCAPE, "[\"a\",\"<b>\"]");
    assert_write(sl, HC_JSON_INDENT, "[\n  \"a\",\n  \"\\u003cb\\u003e\"\n]");
    const char *sk[] = {"_1", "_0"};
    hc_val sv[] = {str("b&"), str("a")};
    hc_val sm = map_of(HC_GT_STRMAP, 2, sk, sv);
    assert_write(sm, 0, "{\"_0\":\"a\",\"_1\":\"b\\u0026\"}");
    assert_write(sm, HC_JSON_NO_HTML_ESCAPE, "{\"_0\":\"a\",\"_1\":\"b&\"}");
    assert_write(sm, HC_JSON_INDENT, "{\n  \"_0\": \"a\",\n  \"_1\": \"b\\u0026\"\n}");

    /* dict "z" 1 "a" (list) "m" (dict) "<" "&" */
    const char *dk[] = {"z", "a", "m", "<"};
    hc_val dv[] = {hc_int_typed(1, HC_GT_INT), list_of(HC_GT_LIST, 0, NULL),
                   map_of(HC_GT_MAP, 0, NULL, NULL), str("&")};
    hc_val d = map_of(HC_GT_MAP, 4, dk, dv);
    assert_write(d, 0, "{\"\\u003c\":\"\\u0026\",\"a\":[],\"m\":{},\"z\":1}");
    assert_write(d, HC_JSON_NO_HTML_ESCAPE, "{\"<\":\"&\",\"a\":[],\"m\":{},\"z\":1}");
    assert_write(d, HC_JSON_INDENT,
                 "{\n  \"\\u003c\": \"\\u0026\",\n  \"a\": [],\n  \"m\": {},\n  \"z\": 1\n}");

    /* dict "l" (list (list) (dict) (list 1 (dict "k" (list nil)))) */
    hc_val nil1[] = {hc_null()};
    const char *kk[] = {"k"};
    hc_val kv[] = {list_of(HC_GT_LIST, 1, nil1)};
    hc_val inner[] = {hc_int_typed(1, HC_GT_INT), map_of(HC_GT_MAP, 1, kk, kv)};
    hc_val outer[] = {list_of(HC_GT_LIST, 0, NULL), map_of(HC_GT_MAP, 0, NULL, NULL),
                      list_of(HC_GT_LIST, 2, inner)};
    const char *lk[] = {"l"};
    hc_val lv[] = {list_of(HC_GT_LIST, 3, outer)};
    hc_val nest = map_of(HC_GT_MAP, 1, lk, lv);
    assert_write(nest, 0, "{\"l\":[[],{},[1,{\"k\":[null]}]]}");
    assert_write(nest, HC_JSON_INDENT,
                 "{\n  \"l\": [\n    [],\n    {},\n    [\n      1,\n      {\n        \"k\": [\n"
                 "          null\n        ]\n      }\n    ]\n  ]\n}");

    /* list 1 (int64 2) 3.5 "x" true nil */
    hc_val mixed[] = {
        hc_int_typed(1, HC_GT_INT), hc_int(2), hc_float(3.5), str("x"), hc_bool(true), hc_null()};
    assert_write(list_of(HC_GT_LIST, 6, mixed), 0, "[1,2,3.5,\"x\",true,null]");
}

/*
 * mustToJson (float64 "NaN"), mustToRawJson (float64 "-Inf"), mustToPrettyJson
 * (float64 "Inf"), mustToJson (dict "b" Inf "a" NaN) (keys are visited in
 * order), mustToJson (list (dict "z" 1 "y" -Inf) NaN); toJson prints "" for
 * each.
 */
static void test_write_unsupported_floats(void **state)
{
    (void)state;
    assert_write_fails(hc_float(NAN), 0, HC_ERR_INVALID, "json: unsupported value: NaN");
    assert_write_fails(hc_float(-INFINITY), HC_JSON_NO_HTML_ESCAPE, HC_ERR_INVALID,
                       "json: unsupported value: -Inf");
    assert_write_fails(hc_float(INFINITY), HC_JSON_INDENT, HC_ERR_INVALID,
                       "json: unsupported value: +Inf");
    const char *k[] = {"b", "a"};
    hc_val v[] = {hc_float(INFINITY), hc_float(NAN)};
    assert_write_fails(map_of(HC_GT_MAP, 2, k, v), 0, HC_ERR_INVALID,
                       "json: unsupported value: NaN");
    const char *k2[] = {"z", "y"};
    hc_val v2[] = {hc_int(1), hc_float(-INFINITY)};
    hc_val items[] = {map_of(HC_GT_MAP, 2, k2, v2), hc_float(NAN)};
    assert_write_fails(list_of(HC_GT_LIST, 2, items), HC_JSON_INDENT, HC_ERR_INVALID,
                       "json: unsupported value: -Inf");
}

/*
 * $m := dict; set $m "s" $m -> mustToJson $m; and $l := list $m; set $m "s" $l ->
 * mustToJson $m and mustToJson $l.  Go notices a cycle once 1000 maps and
 * slices deep, and names the type of the container it meets again first.
 */
static void test_write_cycles(void **state)
{
    (void)state;
    struct hc_map *m = hc_map_new(&arena, 0);
    assert_non_null(m);
    hc_val mv = hc_map_val(m, HC_GT_MAP);
    assert_int_equal(hc_map_set(&arena, m, "s", 1, mv), HC_OK);
    assert_write_fails(mv, 0, HC_ERR_INVALID,
                       "json: unsupported value: encountered a cycle via map[string]interface {}");

    struct hc_map *m2 = hc_map_new(&arena, 0);
    assert_non_null(m2);
    hc_val m2v = hc_map_val(m2, HC_GT_MAP);
    hc_val l = list_of(HC_GT_LIST, 1, &m2v);
    assert_int_equal(hc_map_set(&arena, m2, "s", 1, l), HC_OK);
    assert_write_fails(m2v, HC_JSON_INDENT, HC_ERR_INVALID,
                       "json: unsupported value: encountered a cycle via map[string]interface {}");
    assert_write_fails(l, HC_JSON_NO_HTML_ESCAPE, HC_ERR_INVALID,
                       "json: unsupported value: encountered a cycle via []interface {}");
}

/* Deep but acyclic values write whole, even when one map appears twice past depth 1000. */
static void test_write_deep(void **state)
{
    (void)state;
    const char *k[] = {"a"};
    hc_val leaf_items[] = {hc_int(1)};
    hc_val leaf = map_of(HC_GT_MAP, 1, k, leaf_items);
    hc_val twice[] = {leaf, leaf};
    hc_val v = list_of(HC_GT_LIST, 2, twice);
    enum { DEPTH = 3000 };
    for (int i = 0; i < DEPTH; i++)
        v = list_of(HC_GT_LIST, 1, &v);
    struct hc_buf b = HC_BUF_INIT;
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_json_write(&b, v, 0, &err), HC_OK);
    assert_int_equal(b.len, 2 * (size_t)DEPTH + strlen("[{\"a\":1},{\"a\":1}]"));
    assert_memory_equal(b.data + DEPTH, "[{\"a\":1},{\"a\":1}]", 17);
    hc_buf_release(&b);
}

/* HC_OBJ has no JSON form yet: the hook fails with Go's text for an unsupported type. */
static void test_write_object_hook(void **state)
{
    (void)state;
    static const struct hc_obj_type type = {.goname = "chartutil.Thing", .kindname = "struct"};
    static struct hc_obj obj = {&type, NULL};
    assert_write_fails(hc_obj_val(&obj), 0, HC_ERR_INVALID,
                       "json: unsupported type: chartutil.Thing");
}

/* Writing appends to what the buffer holds. */
static void test_write_appends(void **state)
{
    (void)state;
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, "x: ");
    struct hc_error err;
    hc_error_init(&err);
    assert_int_equal(hc_json_write(&b, hc_bool(true), 0, &err), HC_OK);
    assert_string_equal(hc_buf_str(&b), "x: true");
    hc_buf_release(&b);

    /* a buffer ceiling is out of memory, and the buffer is left as it was */
    hc_buf_init(&b, 8);
    hc_buf_adds(&b, "ab");
    hc_val items[] = {str("0123456789")};
    assert_int_equal(hc_json_write(&b, list_of(HC_GT_LIST, 1, items), 0, &err), HC_ERR_NOMEM);
    hc_error_release(&err);
    hc_buf_release(&b);
}

/* ---- limits ---- */

static char *repeat(const char *open, size_t n, const char *mid, const char *close)
{
    size_t lo = strlen(open), lm = strlen(mid), lc = strlen(close);
    char *s = malloc(n * (lo + lc) + lm + 1);
    assert_non_null(s);
    char *p = s;
    for (size_t i = 0; i < n; i++, p += lo)
        memcpy(p, open, lo);
    memcpy(p, mid, lm);
    p += lm;
    for (size_t i = 0; i < n; i++, p += lc)
        memcpy(p, close, lc);
    *p = '\0';
    return s;
}

/* 10000 levels are fine; the 10001st fails at its bracket ("exceeded max depth"). */
static void test_read_depth(void **state)
{
    (void)state;
    const struct {
        const char *open, *close;
        size_t n;
        const char *msg;
    } cases[] = {
        {"[", "]", 10000, NULL},
        {"{\"a\":", "}", 10000, NULL},
        {"[", "]", 10001, "invalid character '[' exceeded max depth"},
        {"{\"a\":", "}", 10001, "invalid character '{' exceeded max depth"},
        {"[", "", 10001, "invalid character '[' exceeded max depth"},
        {"[", "", 10000, "unexpected end of JSON input"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *s = repeat(cases[i].open, cases[i].n, "1", cases[i].close);
        struct hc_error err;
        hc_error_init(&err);
        hc_val v;
        hc_status rc = hc_json_read(&arena, s, strlen(s), &v, &err);
        if (!cases[i].msg) {
            assert_int_equal(rc, HC_OK);
            struct hc_buf b = HC_BUF_INIT;
            assert_int_equal(hc_json_write(&b, v, 0, &err), HC_OK);
            assert_string_equal(hc_buf_str(&b), s); /* written back the same */
            hc_buf_release(&b);
        } else {
            assert_int_equal(rc, HC_ERR_PARSE);
            assert_string_equal(hc_error_msg(&err), cases[i].msg);
        }
        hc_error_release(&err);
        free(s);
    }
}

/* The decimal digits of 5^1075, i.e. of 2^-1075 (half the smallest subnormal) times 10^1075. */
static char *five_pow_1075(void)
{
    char d[800];
    size_t n = 1;
    d[0] = 1;
    for (int k = 0; k < 1075; k++) {
        int carry = 0;
        for (size_t i = 0; i < n; i++) {
            int x = d[i] * 5 + carry;
            d[i] = (char)(x % 10);
            carry = x / 10;
        }
        if (carry)
            d[n++] = (char)carry;
    }
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)('0' + d[n - 1 - i]);
    s[n] = '\0';
    return s;
}

/*
 * Numbers long enough for Go's slow path, from {{ $in | fromJsonArray | printf "%#v" }}.
 * Go's decimal keeps 800 digits and its decimal point forgets the rest, so
 * "1" and 800 zeros "e-800" is 0.1; exponents stop growing once past 10000.
 */
static void test_read_long_numbers(void **state)
{
    (void)state;
    char *h = five_pow_1075();
    assert_int_equal(strlen(h), 752);
    const struct {
        const char *lead;
        size_t zeros;
        const char *tail;
        const char *want;
    } cases[] = {
        {"1", 18, "e-18", "1"},
        {"1", 400, "e-400", "1"},
        {"1", 799, "e-799", "1"},
        {"1", 800, "e-800", "0.1"},
        {"1", 801, "e-801", "0.01"},
        {"1", 1000, "e-1000", "1e-201"},
        {"1", 400, ".5e-400", "1"},
        {"0.", 400, "1e401", "1"},
        {"0.", 1000, "1e1001", "1"},
        {"0.", 10000, "1e10001", "1"},
        {"0.", 100000, "1e99999", "0.01"},
        {"0.", 100000, "1e100001", "0"},
        {"0.", 99990, "1e100000", "0"},
        {h, 0, "e-1075", "0"},    /* exactly half of 5e-324: to even */
        {h, 100, "1e-1176", "0"}, /* a little more, but past the 800th digit */
        {"1", 0, "e-99999", "0"},
        {"-1", 0, "e-400", "-0"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        size_t ll = strlen(cases[i].lead), lt = strlen(cases[i].tail);
        char *s = malloc(ll + cases[i].zeros + lt + 1);
        assert_non_null(s);
        memcpy(s, cases[i].lead, ll);
        memset(s + ll, '0', cases[i].zeros);
        memcpy(s + ll + cases[i].zeros, cases[i].tail, lt + 1);
        struct hc_error err;
        hc_error_init(&err);
        hc_val v;
        assert_int_equal(hc_json_read(&arena, s, strlen(s), &v, &err), HC_OK);
        assert_gov(v, cases[i].want);
        free(s);
    }
    free(h);

    /* "1" and 400 zeros overflows; the message repeats the literal */
    char lit[402], msg[512];
    lit[0] = '1';
    memset(lit + 1, '0', 400);
    lit[401] = '\0';
    snprintf(msg, sizeof msg, "json: cannot unmarshal number %s into Go value of type float64",
             lit);
    struct hc_error err;
    hc_error_init(&err);
    hc_val v;
    assert_int_equal(hc_json_read(&arena, lit, 401, &v, &err), HC_ERR_INVALID);
    assert_string_equal(hc_error_msg(&err), msg);
    assert_int_equal(v.kind, HC_NULL);
    hc_error_release(&err);
}

/* An arena ceiling turns into out of memory, with nothing leaked. */
static void test_read_arena_limit(void **state)
{
    (void)state;
    struct hc_arena small;
    hc_arena_init(&small, 256);
    char *s = repeat("[\"abcdefghij\",", 100, "1", "]");
    struct hc_error err;
    hc_error_init(&err);
    hc_val v = hc_null();
    assert_int_equal(hc_json_read(&small, s, strlen(s), &v, &err), HC_ERR_NOMEM);
    assert_string_equal(hc_error_msg(&err), "out of memory");
    assert_int_equal(v.kind, HC_NULL);
    hc_error_release(&err);
    hc_arena_free(&small);
    free(s);
}

/*
 * Every allocation in turn fails: reading and writing must report out of
 * memory (or, when the failure only hit an error message, the error itself)
 * and leak nothing, and once nothing fails the results are the normal ones.
 */
static void test_torture(void **state)
{
    (void)state;
    static const char doc[] = "{\"b\":[1,\"x\\u00e9\\ud800\",{\"c\":null,\"a\":[]}],\"a\":\"<>\","
                              "\"d\":1e400,\"e\":{\"f\":[true,false,2.5e-7]}}";
    static const char want[] = "{\"a\":\"\\u003c\\u003e\",\"b\":[1,\"x\303\251\357\277\275\","
                               "{\"a\":[],\"c\":null}],\"d\":null,"
                               "\"e\":{\"f\":[true,false,2.5e-7]}}";
    for (long n = 0;; n++) {
        struct hc_arena a;
        hc_arena_init(&a, 0);
        struct hc_buf b = HC_BUF_INIT;
        struct hc_error err;
        hc_error_init(&err);
        hc_val v;
        hc_alloc_fail_after(n);
        hc_status rc = hc_json_read(&a, doc, sizeof doc - 1, &v, &err);
        hc_status wc = HC_ERR_NOMEM;
        if (rc == HC_ERR_INVALID && err.code == HC_ERR_INVALID)
            wc = hc_json_write(&b, v, HC_JSON_INDENT, NULL);
        if (wc == HC_OK) {
            hc_buf_reset(&b);
            wc = hc_json_write(&b, v, 0, NULL);
        }
        long used = hc_alloc_fail_after(-1);
        bool done = rc == HC_ERR_INVALID && err.code == HC_ERR_INVALID && wc == HC_OK;
        if (!done) {
            assert_true(rc == HC_ERR_NOMEM || err.code == HC_ERR_NOMEM || wc == HC_ERR_NOMEM);
        } else {
            assert_string_equal(hc_buf_str(&b), want);
            assert_string_equal(hc_error_msg(&err), "json: cannot unmarshal number 1e400 into Go "
                                                    "value of type float64");
        }
        hc_error_release(&err);
        hc_buf_release(&b);
        hc_arena_free(&a);
        if (done && used <= n)
            break; /* nothing failed: every allocation point was covered */
        assert_true(n < 10000);
    }
}

/* A document of a few megabytes reads and writes back to the same text. */
static void test_big_round_trip(void **state)
{
    (void)state;
    struct hc_buf src = HC_BUF_INIT;
    hc_buf_addc(&src, '[');
    for (int i = 0; i < 20000; i++)
        hc_buf_printf(&src,
                      "%s{\"id\":%d,\"name\":\"item %d \\u00e9\",\"tags\":[\"a\",\"b\"],"
                      "\"ok\":true,\"v\":%d.25,\"nil\":null}",
                      i ? "," : "", i, i, i);
    hc_buf_addc(&src, ']');
    assert_true(hc_buf_ok(&src));
    struct hc_error err;
    hc_error_init(&err);
    hc_val v;
    assert_int_equal(hc_json_read(&arena, src.data, src.len, &v, &err), HC_OK);
    assert_int_equal(v.u.l->len, 20000);
    struct hc_buf out = HC_BUF_INIT;
    assert_int_equal(hc_json_write(&out, v, 0, &err), HC_OK);
    hc_val back;
    assert_int_equal(hc_json_read(&arena, out.data, out.len, &back, &err), HC_OK);
    assert_true(hc_val_equal(v, back));
    hc_buf_release(&src);
    hc_buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_read_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_as, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_unsupported_floats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_cycles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_deep, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_object_hook, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_appends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_depth, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_long_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_arena_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_torture, setup, teardown),
        cmocka_unit_test_setup_teardown(test_big_round_trip, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
