/*
 * test_yaml_read.c - hc_yaml_read and hc_yaml_read_all against Helm v4.1.4.
 *
 * How the expectations were made: every input of the main table was saved as
 * a file of a throwaway chart and rendered by the real helm (v4.1.4, Go 1.25)
 * with
 *     {{ fromYaml (toString $content) | toJson }}       (documents that are maps)
 *     {{ fromYamlArray (toString $content) | toJson }}  (documents that are lists)
 * Both run sigs.k8s.io/yaml.Unmarshal, the call Helm reads values files and
 * Chart.yaml with.  "want" is the toJson text helm printed, or "!" followed by
 * the error text fromYaml put under its "Error" key.  For the three documents
 * with no content, fromYaml printed {} (its map stays empty); Unmarshal into
 * an interface{} leaves nil, which is what hc_yaml_read returns, so they want
 * "null".  The values are compared through print_json below, a test-local
 * copy of encoding/json's output rules, so toJson's text can be used as is.
 * The deep-nesting inputs are built in code (test_depth_limits); their
 * expectations came from helm the same way.
 */
#include "test.h"

#include <math.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "helmc/error.h"
#include "helmc/value.h"
#include "yaml/yaml.h"

/* ---- encoding/json's rendering of a value (what toJson prints) ---- */

static void print_float(struct hc_buf *b, double f)
{
    if (f == 0) {
        hc_buf_adds(b, signbit(f) ? "-0" : "0");
        return;
    }
    /* shortest digits that read back as f */
    char buf[64], dig[32];
    for (int p = 0; p < 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p, fabs(f));
        if (strtod(buf, NULL) == fabs(f))
            break;
    }
    int nd = 0;
    char *q = buf;
    for (; *q && *q != 'e'; q++)
        if (*q >= '0' && *q <= '9')
            dig[nd++] = *q;
    int e = atoi(q + 1);
    while (nd > 1 && dig[nd - 1] == '0')
        nd--;
    if (f < 0)
        hc_buf_addc(b, '-');
    if (fabs(f) < 1e-6 || fabs(f) >= 1e21) { /* 'e' format, exponent without padding */
        hc_buf_addc(b, dig[0]);
        if (nd > 1) {
            hc_buf_addc(b, '.');
            hc_buf_add(b, dig + 1, (size_t)nd - 1);
        }
        hc_buf_printf(b, "e%c%d", e < 0 ? '-' : '+', abs(e));
        return;
    }
    int dp = e + 1;
    if (dp <= 0) {
        hc_buf_adds(b, "0.");
        hc_buf_addn(b, '0', (size_t)-dp);
        hc_buf_add(b, dig, (size_t)nd);
        return;
    }
    for (int i = 0; i < dp; i++)
        hc_buf_addc(b, i < nd ? dig[i] : '0');
    if (nd > dp) {
        hc_buf_addc(b, '.');
        hc_buf_add(b, dig + dp, (size_t)(nd - dp));
    }
}

static void print_string(struct hc_buf *b, const char *s, size_t n)
{
    hc_buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            hc_buf_addc(b, '\\');
            hc_buf_addc(b, (char)c);
        } else if (c == '\b') {
            hc_buf_adds(b, "\\b");
        } else if (c == '\f') {
            hc_buf_adds(b, "\\f");
        } else if (c == '\n') {
            hc_buf_adds(b, "\\n");
        } else if (c == '\r') {
            hc_buf_adds(b, "\\r");
        } else if (c == '\t') {
            hc_buf_adds(b, "\\t");
        } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            hc_buf_printf(b, "\\u%04x", c);
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] & 0xFE) == 0xA8) {
            hc_buf_printf(b, "\\u%04x", (unsigned char)s[i + 2] == 0xA8 ? 0x2028 : 0x2029);
            i += 2;
        } else {
            hc_buf_addc(b, (char)c); /* the reader already repaired invalid UTF-8 */
        }
    }
    hc_buf_addc(b, '"');
}

static void print_json(struct hc_buf *b, hc_val v)
{
    switch (v.kind) {
    case HC_NULL:
        hc_buf_adds(b, "null");
        break;
    case HC_BOOL:
        hc_buf_adds(b, v.u.b ? "true" : "false");
        break;
    case HC_FLOAT:
        print_float(b, v.u.f);
        break;
    case HC_STRING:
        print_string(b, v.u.s, v.len);
        break;
    case HC_LIST:
        hc_buf_addc(b, '[');
        for (uint32_t i = 0; i < v.u.l->len; i++) {
            if (i)
                hc_buf_addc(b, ',');
            print_json(b, v.u.l->items[i]);
        }
        hc_buf_addc(b, ']');
        break;
    case HC_MAP:
        hc_buf_addc(b, '{');
        for (uint32_t i = 0; i < v.u.m->len; i++) {
            if (i)
                hc_buf_addc(b, ',');
            print_string(b, v.u.m->e[i].key, v.u.m->e[i].klen);
            hc_buf_addc(b, ':');
            print_json(b, v.u.m->e[i].val);
        }
        hc_buf_addc(b, '}');
        break;
    default: /* the reader makes nothing else */
        hc_buf_printf(b, "<kind %d>", v.kind);
    }
}

/* ---- the table ---- */

struct rcase {
    const char *name;
    const char *src;
    size_t len; /* 0: strlen(src) */
    const char *want;
};

static const struct rcase cases[] = {
    {"bool_true_forms",
            "a: [y, Y, yes, Yes, YES, true, True, TRUE, on, On, ON]",
            0,
            "{\"a\":[true,true,true,true,true,true,true,true,true,true,true]}"},
    {"bool_false_forms",
            "a: [n, N, no, No, NO, false, False, FALSE, off, Off, OFF]",
            0,
            "{\"a\":[false,false,false,false,false,false,false,false,false,false,false]}"},
    {"bool_mixed_case_is_string",
            "a: [yEs, tRue, oN, nO, fAlse, oFF]",
            0,
            "{\"a\":[\"yEs\",\"tRue\",\"oN\",\"nO\",\"fAlse\",\"oFF\"]}"},
    {"null_forms",
            "a: [~, null, Null, NULL]\nb:\nc: ~",
            0,
            "{\"a\":[null,null,null,null],\"b\":null,\"c\":null}"},
    {"null_wrong_case_is_string",
            "a: [nULL, nuLL]",
            0,
            "{\"a\":[\"nULL\",\"nuLL\"]}"},
    {"empty_quoted_is_string",
            "a: ['', \"\"]",
            0,
            "{\"a\":[\"\",\"\"]}"},
    {"flow_trailing_comma",
            "a: [1, 2, ]",
            0,
            "{\"a\":[1,2]}"},
    {"int_decimal",
            "a: [0, -0, +1, 42, -17, 1000000]",
            0,
            "{\"a\":[0,0,1,42,-17,1000000]}"},
    {"int_hex_octal_binary",
            "a: [0x1F, 0X1f, 0o17, 0O17, 017, 0b101, 0B101, -0b101, +0x10, -0x10]",
            0,
            "{\"a\":[31,31,15,15,15,5,5,-5,16,-16]}"},
    {"int_underscores",
            "a: [1_000, 0x_1F, 1__0, 1_000_000]",
            0,
            "{\"a\":[1000,31,10,1000000]}"},
    {"int_leading_underscore_is_string",
            "a: [_1, 0x, 0b, 0o]",
            0,
            "{\"a\":[\"_1\",\"0x\",\"0b\",\"0o\"]}"},
    {"int_08_is_float",
            "a: [08, 09, 0777, 0778]",
            0,
            "{\"a\":[8,9,511,778]}"},
    {"int_int64_edges",
            "a: [9223372036854775807, -9223372036854775808, 9223372036854775808, -922337203685477"
            "5809]",
            0,
            "{\"a\":[9223372036854776000,-9223372036854776000,9223372036854776000,-92233720368547"
            "76000]}"},
    {"int_uint64",
            "a: [18446744073709551615, 18446744073709551616, 0xFFFFFFFFFFFFFFFF]",
            0,
            "{\"a\":[18446744073709552000,18446744073709552000,18446744073709552000]}"},
    {"int_hex_too_big_is_string",
            "a: 0x1FFFFFFFFFFFFFFFF",
            0,
            "{\"a\":\"0x1FFFFFFFFFFFFFFFF\"}"},
    {"int_big_decimal_is_float",
            "a: 99999999999999999999999",
            0,
            "{\"a\":1e+23}"},
    {"int_precision",
            "a: [9007199254740993, 123456789012345678]",
            0,
            "{\"a\":[9007199254740992,123456789012345680]}"},
    {"float_basic",
            "a: [1.5, -1.5, .5, -.5, +.5, 1., 0.1, 3.0, -0.0]",
            0,
            "{\"a\":[1.5,-1.5,0.5,-0.5,0.5,1,0.1,3,-0]}"},
    {"float_exponent",
            "a: [1e3, 1E3, 1e+3, 1.5e-3, 6.02e23, 1e21, 1e20, 0.000001, 0.0000001]",
            0,
            "{\"a\":[1000,1000,1000,0.0015,6.02e+23,1e+21,100000000000000000000,0.000001,1e-7]}"},
    {"float_overflow_is_string",
            "a: [1e999, -1e999, 1.0e400]",
            0,
            "{\"a\":[\"1e999\",\"-1e999\",\"1.0e400\"]}"},
    {"float_underflow_is_zero",
            "a: [1e-999, 5e-324, 2e-324]",
            0,
            "{\"a\":[0,5e-324,0]}"},
    {"float_underscores",
            "a: [.5_0, 1_0.5, 1_0e1_0]",
            0,
            "{\"a\":[0.5,10.5,100000000000]}"},
    {"float_not_numbers",
            "a: [.e5, ., 1.2.3, 1e, e5, 1.5f]",
            0,
            "{\"a\":[\".e5\",\".\",\"1.2.3\",\"1e\",\"e5\",\"1.5f\"]}"},
    {"float_special_words_as_strings",
            "a: [.iNf, inf, Infinity, nan, +inf, .Nan]",
            0,
            "{\"a\":[\".iNf\",\"inf\",\"Infinity\",\"nan\",\"+inf\",\".Nan\"]}"},
    {"float_long_mantissa",
            "a: [0.1000000000000000055511151231257827021181583404541015625, 2.2250738585072011e-3"
            "08, 1.7976931348623157e308]",
            0,
            "{\"a\":[0.1,2.225073858507201e-308,1.7976931348623157e+308]}"},
    {"float_many_digits",
            "a: 123456789012345678901234567890.123456789e-10",
            0,
            "{\"a\":12345678901234567000}"},
    {"float_sexagesimal_is_string",
            "a: [1:20, 190:20:30, 1:20.5]",
            0,
            "{\"a\":[\"1:20\",\"190:20:30\",\"1:20.5\"]}"},
    {"nan_is_json_error",
            "a: .NaN",
            0,
            "!error converting YAML to JSON: json: unsupported value: NaN"},
    {"inf_is_json_error",
            "a: .inf",
            0,
            "!error converting YAML to JSON: json: unsupported value: +Inf"},
    {"neg_inf_is_json_error",
            "a: -.Inf",
            0,
            "!error converting YAML to JSON: json: unsupported value: -Inf"},
    {"plus_inf_is_json_error",
            "a: +.INF",
            0,
            "!error converting YAML to JSON: json: unsupported value: +Inf"},
    {"nonfinite_first_in_key_order",
            "b: .nan\na: -.inf",
            0,
            "!error converting YAML to JSON: json: unsupported value: -Inf"},
    {"nonfinite_in_list",
            "a: [1, .inf]\nb: .nan",
            0,
            "!error converting YAML to JSON: json: unsupported value: +Inf"},
    {"timestamps_are_strings",
            "a: [2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10, 2001-12-14T21:"
            "59:43Z, 2001-13-14, 2002-1-2]",
            0,
            "{\"a\":[\"2001-12-14\",\"2001-12-14t21:59:43.10-05:00\",\"2001-12-14 21:59:43.10\","
            "\"2001-12-14T21:59:43Z\",\"2001-13-14\",\"2002-1-2\"]}"},
    {"tag_core_conversions",
            "a: [!!str 1, !!int \"1\", !!float 1, !!float \"1.5\", !!bool yes, !!null \"\", !!str"
            " true, !!str ~]",
            0,
            "{\"a\":[\"1\",1,1,1.5,true,null,\"true\",\"~\"]}"},
    {"tag_int_bad",
            "a: !!int abc",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!int"},
    {"tag_float_bad",
            "a: !!float yes",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!bool `yes` as a !!float"},
    {"tag_bool_bad",
            "a: !!bool 1",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!int `1` as a !!bool"},
    {"tag_null_bad",
            "a: !!null foo",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!str `foo` as a !!null"},
    {"tag_int_of_float_bad",
            "a: !!int 1.5",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!float `1.5` as a !!int"},
    {"tag_int_long_text",
            "a: !!int \"not a number at all\"",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!str `not a number at all` as a"
            " !!int"},
    {"tag_int_forms",
            "a: [!!int 0x10, !!int '0x10', !!int 1_000]",
            0,
            "{\"a\":[16,16,1000]}"},
    {"tag_float_of_int",
            "a: [!!float 1, !!float 0x10]",
            0,
            "{\"a\":[1,16]}"},
    {"tag_float_inf",
            "a: !!float .inf",
            0,
            "!error converting YAML to JSON: json: unsupported value: +Inf"},
    {"tag_timestamp_ok",
            "a: [!!timestamp 2001-12-14, !!timestamp \"2001-12-14\", !!timestamp 2001-12-14 21:59"
            ":43,5]",
            0,
            "{\"a\":[\"2001-12-14\",\"2001-12-14\",\"2001-12-14 21:59:43\",5]}"},
    {"tag_timestamp_bad_int",
            "a: !!timestamp 123",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!int `123` as a !!timestamp"},
    {"tag_timestamp_bad_date",
            "a: !!timestamp 2001-02-30",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!str `2001-02-30` as a !!timest"
            "amp"},
    {"tag_timestamp_leap_day",
            "a: [!!timestamp 2004-02-29, !!timestamp 2001-12-14T21:59:43+05:30]",
            0,
            "{\"a\":[\"2004-02-29\",\"2001-12-14T21:59:43+05:30\"]}"},
    {"tag_timestamp_no_zone",
            "a: !!timestamp 2001-12-14T21:59:43",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!str `2001-12-14T21:59:43` as a"
            " !!timestamp"},
    {"tag_binary",
            "a: !!binary SGVsbG8=",
            0,
            "{\"a\":\"Hello\"}"},
    {"tag_binary_lines",
            "a: !!binary |\n  SGVs\n  bG8=",
            0,
            "{\"a\":\"Hello\"}"},
    {"tag_binary_no_padding",
            "a: !!binary \"SGVsbG8\"",
            0,
            "!error converting YAML to JSON: yaml: !!binary value contains invalid base64 data"},
    {"tag_binary_invalid_utf8_repaired",
            "a: !!binary /w==",
            0,
            "{\"a\":\"\357\277\275\"}"},
    {"tag_binary_empty",
            "a: !!binary \"\"",
            0,
            "{\"a\":\"\"}"},
    {"tag_custom_and_unknown",
            "a: [!foo bar, !!foo 1, !<tag:x> 2, ! 3, !foo {a: 1}, !!str [1], !!map {b: 2}, !!seq "
            "x]",
            0,
            "{\"a\":[\"bar\",\"1\",\"2\",\"3\",{\"a\":1},[1],{\"b\":2},\"x\"]}"},
    {"tag_directive_handle",
            "%TAG !e! tag:e.com,2000:\n---\na: !e!foo 1",
            0,
            "{\"a\":\"1\"}"},
    {"tag_undefined_handle",
            "a: !e!foo 1",
            0,
            "!error converting YAML to JSON: yaml: found undefined tag handle"},
    {"tag_with_comma_in_flow",
            "[!!str, a]",
            0,
            "[\"a\"]"},
    {"tag_with_bracket_in_block",
            "a: !cus]tom x",
            0,
            "{\"a\":\"x\"}"},
    {"string_quoting_styles",
            "a: 'single ''q'''\n"
            "b: \"double \\\"q\\\" \\u263A\"\n"
            "c: plain text here",
            0,
            "{\"a\":\"single 'q'\",\"b\":\"double \\\"q\\\" \342\230\272\",\"c\":\"plain text her"
            "e\"}"},
    {"string_escapes",
            "a: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\\\\\N\\_\\L\\P\\x41\\u00e9\\U0001F600\"",
            0,
            "{\"a\":\"\\u0000\\u0007\\b\\t\\n\\u000b\\f\\r\\u001b \\\"\\\\\302\205\302\240\\u2028"
            "\\u2029A\303\251\360\237\230\200\"}"},
    {"string_escaped_quote_go_only",
            "a: \"it\\'s \\'x\\'\"",
            0,
            "{\"a\":\"it's 'x'\"}"},
    {"string_escaped_slash_rejected",
            "a: \"a\\/b\"",
            0,
            "!error converting YAML to JSON: yaml: found unknown escape character"},
    {"string_backslash_slash_plain_ok",
            "a: a\\/b\nb: 'c\\/d'",
            0,
            "{\"a\":\"a\\\\/b\",\"b\":\"c\\\\/d\"}"},
    {"string_unknown_escape",
            "a: \"\\z\"",
            0,
            "!error converting YAML to JSON: yaml: found unknown escape character"},
    {"string_nul_escape",
            "a: \"x\\0y\"",
            0,
            "{\"a\":\"x\\u0000y\"}"},
    {"string_html_and_separators",
            "a: \"<&> \\u2028 \\u2029\"",
            0,
            "{\"a\":\"\\u003c\\u0026\\u003e \\u2028 \\u2029\"}"},
    {"string_unicode",
            "a: \"h\303\251llo w\303\266rld \344\270\226\347\225\214 \360\237\230\200\"\nb: \303"
            "\274ber",
            0,
            "{\"a\":\"h\303\251llo w\303\266rld \344\270\226\347\225\214 \360\237\230\200\",\"b\""
            ":\"\303\274ber\"}"},
    {"string_multiline_plain",
            "a: first\n  second\n\n  third\nb: x",
            0,
            "{\"a\":\"first second\\nthird\",\"b\":\"x\"}"},
    {"string_multiline_double",
            "a: \"one\n  two\n\n  three\"",
            0,
            "{\"a\":\"one two\\nthree\"}"},
    {"string_multiline_single",
            "a: 'one\n  two\n\n  three'",
            0,
            "{\"a\":\"one two\\nthree\"}"},
    {"block_literal",
            "a: |\n  line1\n  line2\n\n  line4\nb: x",
            0,
            "{\"a\":\"line1\\nline2\\n\\nline4\\n\",\"b\":\"x\"}"},
    {"block_literal_chomp",
            "a: |-\n  x\n\nb: |+\n  y\n\nc: |\n  z\n\n",
            0,
            "{\"a\":\"x\",\"b\":\"y\\n\\n\",\"c\":\"z\\n\"}"},
    {"block_folded",
            "a: >\n"
            "  folded\n"
            "  line\n"
            "\n"
            "  para\n"
            "    indented\n"
            "b: >-\n"
            "  x\n",
            0,
            "{\"a\":\"folded line\\npara\\n  indented\\n\",\"b\":\"x\"}"},
    {"block_explicit_indent",
            "a: |2\n    indented\n   less\nb: >1\n  x",
            0,
            "{\"a\":\"  indented\\n less\\n\",\"b\":\" x\"}"},
    {"block_empty",
            "a: |\nb: >\nc: x",
            0,
            "{\"a\":\"\",\"b\":\"\",\"c\":\"x\"}"},
    {"comments_everywhere",
            "# head\n"
            "a: 1 # trailing\n"
            "# middle\n"
            "b: [1, # in flow\n"
            "  2]\n",
            0,
            "{\"a\":1,\"b\":[1,2]}"},
    {"colon_in_plain",
            "a: b:c\nurl: http://x.y/z\nt: 12:30",
            0,
            "{\"a\":\"b:c\",\"t\":\"12:30\",\"url\":\"http://x.y/z\"}"},
    {"hash_in_plain",
            "a: b#c\nb: c #d",
            0,
            "{\"a\":\"b#c\",\"b\":\"c\"}"},
    {"keys_scalar_types",
            "true: 1\n"
            "n: 2\n"
            "0x1F: 3\n"
            "1.5: 4\n"
            "-0.0: 5\n"
            "\"7\": 6\n"
            "2001-12-14: 7",
            0,
            "{\"-0\":5,\"1.5\":4,\"2001-12-14\":7,\"31\":3,\"7\":6,\"false\":2,\"true\":1}"},
    {"keys_float32_format",
            "1e6: a\n"
            "3.14159265358979: b\n"
            "123456789.0: c\n"
            "1e20: d\n"
            "0.000001: e\n"
            "1e-7: f\n"
            "1e39: g\n"
            "1e-50: h",
            0,
            "{\".inf\":\"g\",\"0\":\"h\",\"1.2345679e+08\":\"c\",\"1e+06\":\"a\",\"1e+20\":\"d\","
            "\"1e-06\":\"e\",\"1e-07\":\"f\",\"3.1415927\":\"b\"}"},
    {"keys_special_floats",
            ".inf: a\n-.inf: b\n.nan: c",
            0,
            "{\"-.inf\":\"b\",\".inf\":\"a\",\".nan\":\"c\"}"},
    {"key_binary",
            "!!binary SGVsbG8=: p",
            0,
            "{\"Hello\":\"p\"}"},
    {"key_null_unsupported",
            "~: 1",
            0,
            "!error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>,"
            " value: 1"},
    {"key_empty_null_unsupported",
            "\? \n: 1",
            0,
            "!error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>,"
            " value: 1"},
    {"key_uint64_unsupported",
            "18446744073709551615: {a: 1}",
            0,
            "!error converting YAML to JSON: unsupported map key of type: uint64, key: 0xffffffff"
            "ffffffff, value: map[interface {}]interface {}{\"a\":1}"},
    {"key_null_value_repr",
            "~: {b: 1, a: 2, 1: x, true: y, ~: z, 1.5: w, 18446744073709551615: u}",
            0,
            "!error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>,"
            " value: map[interface {}]interface {}{interface {}(nil):\"z\", \"a\":2, \"b\":1, 0xf"
            "fffffffffffffff:\"u\", 1:\"x\", 1.5:\"w\", true:true}"},
    {"key_null_value_list_repr",
            "~: [1, \"a\", ~, 2.5, true, [], {}, 1e21, 0.000001, -0.0, .inf]",
            0,
            "!error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>,"
            " value: []interface {}{1, \"a\", interface {}(nil), 2.5, true, []interface {}{}, map"
            "[interface {}]interface {}{}, 1e+21, 1e-06, -0, +Inf}"},
    {"key_null_value_string_repr",
            "~: \"a\\\"b\\n\\u00e9\\x01\\x7f\"",
            0,
            "!error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>,"
            " value: \"a\\\"b\\n\303\251\\x01\\x7f\""},
    {"key_null_value_merge_repr",
            "~: {<<: {a: 1, b: 2}, b: 3}",
            0,
            "!error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>,"
            " value: map[interface {}]interface {}{\"a\":1, \"b\":3}"},
    {"key_null_nested",
            "a: {b: [1, {~: 1}]}\nc: 2",
            0,
            "!error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>,"
            " value: 1"},
    {"key_null_loses_to_decode_error",
            "a: {~: 1}\nb: !!int x",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int"},
    {"key_null_beats_nan",
            "a: .nan\nb: {~: 2}",
            0,
            "!error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>,"
            " value: 2"},
    {"key_list_invalid",
            "[1, 2]: x",
            0,
            "!error converting YAML to JSON: yaml: invalid map key: []interface {}{1, 2}"},
    {"key_map_invalid",
            "{a: 1}: x",
            0,
            "!error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}"
            "{\"a\":1}"},
    {"key_alias_map_invalid",
            "a: &x {b: 1}\n*x : 2",
            0,
            "!error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}"
            "{\"b\":1}"},
    {"key_alias_scalar",
            "a: &x k\n*x : 2",
            0,
            "{\"a\":\"k\",\"k\":2}"},
    {"keys_duplicate_last_wins",
            "a: 1\na: 2\nb: {x: 1}\nb: {y: 2}",
            0,
            "{\"a\":2,\"b\":{\"true\":2}}"},
    {"keys_duplicate_after_conversion",
            "y: 1\ntrue: 2\n1: a\n0x1: c\n1.5: d\n1.50: e",
            0,
            "{\"1\":\"c\",\"1.5\":\"e\",\"true\":2}"},
    {"key_complex_explicit",
            "\? a\n: 1\n\? b\n",
            0,
            "{\"a\":1,\"b\":null}"},
    {"key_utf8_repair_collision",
            "!!binary /w==: 1\n"
            "!!binary /g==: 2\n"
            "!!binary ww==: 3",
            0,
            "{\"\357\277\275\":1}"},
    {"string_x_escape_is_a_rune",
            "a: \"\\xff\\xfe ok\"",
            0,
            "{\"a\":\"\303\277\303\276 ok\"}"},
    {"merge_alias",
            "base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3",
            0,
            "{\"base\":{\"a\":1,\"b\":2},\"x\":{\"a\":1,\"b\":3}}"},
    {"merge_order_matters",
            "base: &b {a: 1, b: 2}\nx:\n  b: 3\n  <<: *b",
            0,
            "{\"base\":{\"a\":1,\"b\":2},\"x\":{\"a\":1,\"b\":2}}"},
    {"merge_list_first_wins",
            "b1: &b1 {a: 1, b: 1}\n"
            "b2: &b2 {b: 2, c: 2}\n"
            "x:\n"
            "  <<: [*b1, *b2]",
            0,
            "{\"b1\":{\"a\":1,\"b\":1},\"b2\":{\"b\":2,\"c\":2},\"x\":{\"a\":1,\"b\":1,\"c\":2}}"},
    {"merge_inline",
            "x:\n  <<: {a: 1}\n  c: 3",
            0,
            "{\"x\":{\"a\":1,\"c\":3}}"},
    {"merge_nested",
            "a: &a {x: 1}\n"
            "b: &b {<<: *a, y: 2}\n"
            "c: {<<: *b, z: 3}",
            0,
            "{\"a\":{\"x\":1},\"b\":{\"true\":2,\"x\":1},\"c\":{\"true\":2,\"x\":1,\"z\":3}}"},
    {"merge_top_level",
            "<<: {a: 1}\nb: 2",
            0,
            "{\"a\":1,\"b\":2}"},
    {"merge_scalar_error",
            "x:\n  <<: 1",
            0,
            "!error converting YAML to JSON: yaml: map merge requires map or sequence of maps as "
            "the value"},
    {"merge_list_scalar_error",
            "x:\n  <<: [{a: 1}, 2]",
            0,
            "!error converting YAML to JSON: yaml: map merge requires map or sequence of maps as "
            "the value"},
    {"merge_alias_scalar_error",
            "s: &s 1\nx:\n  <<: *s",
            0,
            "!error converting YAML to JSON: yaml: map merge requires map or sequence of maps as "
            "the value"},
    {"merge_null_error",
            "x:\n  <<:",
            0,
            "!error converting YAML to JSON: yaml: map merge requires map or sequence of maps as "
            "the value"},
    {"merge_alias_list_error",
            "l: &l [{a: 1}]\nx:\n  <<: *l",
            0,
            "!error converting YAML to JSON: yaml: map merge requires map or sequence of maps as "
            "the value"},
    {"merge_quoted_is_key",
            "x:\n  \"<<\": {a: 1}",
            0,
            "{\"x\":{\"\\u003c\\u003c\":{\"a\":1}}}"},
    {"merge_tagged",
            "x:\n  !!merge <<: {a: 1}",
            0,
            "{\"x\":{\"a\":1}}"},
    {"merge_list_backwards_errors",
            "x:\n  <<: [2, {a: !!int x}]",
            0,
            "!error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int"},
    {"anchor_redefined",
            "a: &x 1\nb: *x\nc: &x 2\nd: *x",
            0,
            "{\"a\":1,\"b\":1,\"c\":2,\"d\":2}"},
    {"anchor_unknown",
            "a: *y",
            0,
            "!error converting YAML to JSON: yaml: unknown anchor 'y' referenced"},
    {"anchor_self_list",
            "a: &x [*x]",
            0,
            "!error converting YAML to JSON: yaml: anchor 'x' value contains itself"},
    {"anchor_self_map",
            "a: &x {b: *x}",
            0,
            "!error converting YAML to JSON: yaml: anchor 'x' value contains itself"},
    {"anchor_on_key",
            "&k a: 1\nb: *k",
            0,
            "{\"a\":1,\"b\":\"a\"}"},
    {"anchor_copies_are_independent",
            "a: &x {k: [1, 2]}\nb: *x\nc: [*x, *x]",
            0,
            "{\"a\":{\"k\":[1,2]},\"b\":{\"k\":[1,2]},\"c\":[{\"k\":[1,2]},{\"k\":[1,2]}]}"},
    {"alias_bomb",
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
            "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
            "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
            "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
            0,
            "!error converting YAML to JSON: yaml: document contains excessive aliasing"},
    {"alias_moderate_ok",
            "a: &a [1,2,3,4,5,6,7,8,9,10]\n"
            "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            "c: [*b,*b]\n",
            0,
            "{\"a\":[1,2,3,4,5,6,7,8,9,10],\"b\":[[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],["
            "1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8"
            ",9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4"
            ",5,6,7,8,9,10]],\"c\":[[[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7"
            ",8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3"
            ",4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10"
            "]],[[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,"
            "6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,"
            "2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10]]]}"},
    {"empty",
            "",
            0,
            "null"},
    {"comment_only",
            "# nothing\n",
            0,
            "null"},
    {"doc_marker_only",
            "---\n",
            0,
            "null"},
    {"doc_end_marker",
            "a: 1\n...\n",
            0,
            "{\"a\":1}"},
    {"two_docs_first_wins",
            "a: 1\n---\nb: 2",
            0,
            "{\"a\":1}"},
    {"second_doc_not_parsed",
            "a: 1\n---\nb: [\n",
            0,
            "{\"a\":1}"},
    {"directive_yaml_11",
            "%YAML 1.1\n---\na: 1",
            0,
            "{\"a\":1}"},
    {"directive_yaml_12_refused",
            "%YAML 1.2\n---\na: 1",
            0,
            "!error converting YAML to JSON: yaml: found incompatible YAML document"},
    {"directive_yaml_20_refused",
            "%YAML 2.0\n---\na: 1",
            0,
            "!error converting YAML to JSON: yaml: found incompatible YAML document"},
    {"directive_yaml_long_number",
            "%YAML 001.1\n---\na: 1",
            0,
            "!error converting YAML to JSON: yaml: found extremely long version number"},
    {"directive_yaml_duplicate",
            "%YAML 1.1\n%YAML 1.1\n---\na: 1",
            0,
            "!error converting YAML to JSON: yaml: line 1: found duplicate %YAML directive"},
    {"directive_unknown",
            "%FOO bar\n---\na: 1",
            0,
            "!error converting YAML to JSON: yaml: found unknown directive name"},
    {"bom_utf8",
            "\357\273\277a: 1",
            0,
            "{\"a\":1}"},
    {"utf16le_bom",
            "\377\376a\000:\000 \000\351\000\n\000",
            12,
            "{\"a\":\"\303\251\"}"},
    {"utf16be_bom",
            "\376\377\000a\000:\000 \000[\0001\000]\000\n",
            16,
            "{\"a\":[1]}"},
    {"top_level_list",
            "- a\n- b: c\n- [1, {d: e}]",
            0,
            "[\"a\",{\"b\":\"c\"},[1,{\"d\":\"e\"}]]"},
    {"compact_nested_lists",
            "- - - a\n  - b\n- c",
            0,
            "[[[\"a\"],\"b\"],\"c\"]"},
    {"indentless_list",
            "a:\n- 1\n- 2\nb: 3",
            0,
            "{\"a\":[1,2],\"b\":3}"},
    {"flow_pair_in_list",
            "[a: 1, b, {c: d}]",
            0,
            "[{\"a\":1},\"b\",{\"c\":\"d\"}]"},
    {"flow_map_no_values",
            "{a, b: , c: 1}",
            0,
            "{\"a\":null,\"b\":null,\"c\":1}"},
    {"flow_question_in_plain_error",
            "[a\?b]",
            0,
            "!error converting YAML to JSON: yaml: did not find expected ',' or ']'"},
    {"flow_colon_before_bracket",
            "[a:, b:]\n",
            0,
            "[\"a:\",\"b:\"]"},
    {"flow_colon_before_brace_error",
            "{a:[1,2]}",
            0,
            "!error converting YAML to JSON: yaml: did not find expected ',' or '}'"},
    {"err_mapping_values_first_line",
            "a: b: c",
            0,
            "!error converting YAML to JSON: yaml: mapping values are not allowed in this context"},
    {"err_mapping_values_line3",
            "a: 1\nb: 2\nc: d: e",
            0,
            "!error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this"
            " context"},
    {"err_did_not_find_key",
            "a: 1\n b: 2",
            0,
            "!error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this"
            " context"},
    {"err_block_end",
            "a:\n  - 1\n  b: 2",
            0,
            "!error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator"},
    {"err_unclosed_flow",
            "a: [1, 2\nb: 3",
            0,
            "!error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"},
    {"err_unclosed_quote",
            "a: \"abc\nb: 1",
            0,
            "!error converting YAML to JSON: yaml: line 2: found unexpected end of stream"},
    {"err_unclosed_single_quote_eof",
            "a: 'abc",
            0,
            "!error converting YAML to JSON: yaml: found unexpected end of stream"},
    {"err_tab_indent",
            "a:\n\tb: 1",
            0,
            "!error converting YAML to JSON: yaml: line 2: found character that cannot start any "
            "token"},
    {"err_stale_key",
            "a: 1\nb\nc: 2",
            0,
            "!error converting YAML to JSON: yaml: line 3: could not find expected ':'"},
    {"err_stale_alias_then_bad_char",
            "a: &x 1\n*x\n@",
            0,
            "!error converting YAML to JSON: yaml: line 3: found character that cannot start any "
            "token"},
    {"err_stale_plain_then_bad_char",
            "a: 1\nn\n@",
            0,
            "!error converting YAML to JSON: yaml: line 3: could not find expected ':'"},
    {"err_stale_alias_at_eof",
            "a: &x 1\nb:\n*x\n  # c",
            0,
            "!error converting YAML to JSON: yaml: line 5: could not find expected ':'"},
    {"err_cannot_start_token",
            "a: @b",
            0,
            "!error converting YAML to JSON: yaml: found character that cannot start any token"},
    {"err_backquote",
            "a: `b`",
            0,
            "!error converting YAML to JSON: yaml: found character that cannot start any token"},
    {"err_anchor_bad",
            "a: & x",
            0,
            "!error converting YAML to JSON: yaml: did not find expected alphabetic or numeric ch"
            "aracter"},
    {"err_alias_in_flow_bad",
            "a: [*]",
            0,
            "!error converting YAML to JSON: yaml: did not find expected alphabetic or numeric ch"
            "aracter"},
    {"err_block_seq_in_map",
            "a: 1\n- b",
            0,
            "!error converting YAML to JSON: yaml: line 1: did not find expected key"},
    {"err_doc_start_expected",
            "a: 1\n--- b\n  c: d: e",
            0,
            "{\"a\":1}"},
    {"err_invalid_utf8",
            "a: \377\n",
            0,
            "!error converting YAML to JSON: yaml: invalid leading UTF-8 octet"},
    {"err_invalid_utf8_continuation",
            "a: \303(\n",
            0,
            "!error converting YAML to JSON: yaml: invalid trailing UTF-8 octet"},
    {"err_incomplete_utf8",
            "a: \342\202",
            0,
            "!error converting YAML to JSON: yaml: incomplete UTF-8 octet sequence"},
    {"err_control_char",
            "a: \001\n",
            0,
            "!error converting YAML to JSON: yaml: control characters are not allowed"},
    {"err_nul_byte",
            "a: 1\000\n",
            6,
            "!error converting YAML to JSON: yaml: control characters are not allowed"},
    {"err_invalid_utf8_in_later_doc_far",
            "a: 1\n"
            "---\n"
            "####################################################################################"
            "####################################################################################"
            "####################################################################################"
            "####################################################################################"
            "####################################################################################"
            "####################################################################################"
            "####################################################################################"
            "############\n"
            "\377",
            0,
            "{\"a\":1}"},
    {"err_invalid_utf8_in_later_doc_near",
            "a: 1\n---\n\377",
            0,
            "!error converting YAML to JSON: yaml: invalid leading UTF-8 octet"},
    {"err_surrogate_utf8",
            "a: \355\240\200",
            0,
            "!error converting YAML to JSON: yaml: invalid Unicode character"},
    {"flow_question_explicit_pair",
            "[\? a : b\?c]",
            0,
            "!error converting YAML to JSON: yaml: did not find expected ',' or ']'"},
    {"flow_question_in_colon_scalar",
            "{k: v, a\?b:}",
            0,
            "!error converting YAML to JSON: yaml: did not find expected ',' or '}'"},
    {"flow_question_in_colon_scalar_seq",
            "[x,\n  a\?b:]",
            0,
            "!error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"},
    {"tag_fix_twice",
            "[!!str,!a]",
            0,
            "!error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"},
    {"stale_key_before_eof_in_flow",
            "a: 1\n[b,\n  c]",
            0,
            "!error converting YAML to JSON: yaml: line 3: could not find expected ':'"},
    {"escape_and_slash_probe",
            "a: \"x\\'y\"\nb: \"c\\/d\"",
            0,
            "!error converting YAML to JSON: yaml: line 2: found unknown escape character"},
    {"long_version_then_fix",
            "%YAML 1.111\n---\na: [b:]",
            0,
            "!error converting YAML to JSON: yaml: found extremely long version number"},

};

/* Reads src and renders the outcome as the table writes it. */
static char *outcome(const char *src, size_t len, const struct hc_yaml_read_opts *opts, bool all)
{
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    hc_val v = hc_null();
    hc_status rc = all ? hc_yaml_read_all(&a, src, len, opts, &v, &err)
                       : hc_yaml_read(&a, src, len, opts, &v, &err);
    struct hc_buf b = HC_BUF_INIT;
    if (rc == HC_OK) {
        assert_int_equal(err.code, HC_OK); /* untouched on success */
        print_json(&b, v);
    } else {
        assert_int_equal(err.code, rc);
        hc_buf_addc(&b, '!');
        hc_buf_adds(&b, hc_error_msg(&err));
    }
    assert_true(hc_buf_ok(&b));
    char *s = hc_buf_detach(&b, NULL);
    hc_error_release(&err);
    hc_arena_free(&a);
    return s;
}

static void test_oracle_table(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const struct rcase *c = &cases[i];
        char *got = outcome(c->src, c->len ? c->len : strlen(c->src), NULL, false);
        if (strcmp(got, c->want) != 0) {
            print_error("case %s:\n  want %s\n  got  %s\n", c->name, c->want, got);
            failed++;
        }
        free(got);
    }
    assert_int_equal(failed, 0);
}

/* Nesting built in code; expectations from helm as for the table. */
static char *nested(const char *prefix, const char *open, const char *close, int n,
                    const char *suffix)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, prefix);
    for (int i = 0; i < n; i++)
        hc_buf_adds(&b, open);
    for (int i = 0; close && i < n; i++)
        hc_buf_adds(&b, close);
    hc_buf_adds(&b, suffix);
    assert_true(hc_buf_ok(&b));
    return hc_buf_detach(&b, NULL);
}

/* Depth of the first-child chain of v (collections only). */
static int depth_of(hc_val v)
{
    int d = 0;
    while (v.kind == HC_LIST || v.kind == HC_MAP) {
        d++;
        if (v.kind == HC_LIST)
            v = v.u.l->len ? v.u.l->items[0] : hc_null();
        else
            v = v.u.m->len ? v.u.m->e[0].val : hc_null();
    }
    return d;
}

static void test_depth_limits(void **state)
{
    (void)state;
    static const struct {
        const char *prefix, *open, *close;
        int n;
        const char *suffix;
        const char *want_err; /* NULL: reads, and nests n + (prefix ? 1 : 0) deep */
    } t[] = {
        /* go-yaml's scanner: more than 10000 flow levels */
        {"a: ", "[", "]", 10001, "",
         "error converting YAML to JSON: yaml: exceeded max depth of 10000"},
        /* encoding/json's decoder: more than 10000 levels in all */
        {"a: ", "[", "]", 10000, "",
         "error unmarshaling JSON: while decoding JSON: invalid character '[' exceeded max depth"},
        {"a: ", "{b: ", "}", 10000, "",
         "error unmarshaling JSON: while decoding JSON: invalid character '{' exceeded max depth"},
        {"a: ", "[", "]", 9999, "", NULL},
        {"", "[", "]", 10000, "", NULL},
        /* go-yaml's scanner: more than 10000 indentation levels */
        {"", "- ", NULL, 10001, "x",
         "error converting YAML to JSON: yaml: exceeded max depth of 10000"},
        {"", "- ", NULL, 9999, "x", NULL},
        /* json.Marshal fails on NaN before json.Unmarshal looks at the depth */
        {"a: ", "[", "]", 10000, "\nb: .nan",
         "error converting YAML to JSON: json: unsupported value: NaN"},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        char *src = nested(t[i].prefix, t[i].open, t[i].close, t[i].n, t[i].suffix);
        struct hc_arena a;
        hc_arena_init(&a, 0);
        struct hc_error err;
        hc_error_init(&err);
        hc_val v;
        hc_status rc = hc_yaml_read(&a, src, strlen(src), NULL, &v, &err);
        if (t[i].want_err) {
            assert_int_not_equal(rc, HC_OK);
            assert_string_equal(hc_error_msg(&err), t[i].want_err);
        } else {
            assert_int_equal(rc, HC_OK);
            assert_int_equal(depth_of(v), t[i].n + (*t[i].prefix ? 1 : 0));
        }
        hc_error_release(&err);
        hc_arena_free(&a);
        free(src);
    }
}

/* Options: the ceilings an embedder or the fuzzer sets lower than Helm's. */
static void test_options(void **state)
{
    (void)state;
    struct hc_yaml_read_opts o = {"values.yaml", 0, 3};
    char *got = outcome("a: [[1]]", 8, &o, false);
    assert_string_equal(got, "{\"a\":[[1]]}");
    free(got);
    got = outcome("a: [[[1]]]", 10, &o, false);
    assert_string_equal(got, "!error unmarshaling JSON: while decoding JSON: invalid character '[' "
                             "exceeded max depth");
    free(got);
    struct hc_yaml_read_opts o2 = {NULL, 5, 0};
    const char *src = "a: &a [1, 2]\nb: [*a, *a]\n";
    got = outcome(src, strlen(src), &o2, false); /* 2 aliases x 4 nodes: over 5 */
    assert_string_equal(got, "!error converting YAML to JSON: yaml: document contains excessive "
                             "aliasing");
    free(got);
    got = outcome(src, strlen(src), NULL, false);
    assert_string_equal(got, "{\"a\":[1,2],\"b\":[[1,2],[1,2]]}");
    free(got);
}

/* Where errors point: err->pos, 1-based, with the caller's file name. */
static void test_error_positions(void **state)
{
    (void)state;
    static const struct {
        const char *src;
        uint32_t line, col;
    } t[] = {
        {"a: 1\nb: 2\nc: d: e", 3, 5},    /* the scanner's problem mark */
        {"a:\n  - 1\n  b: 2", 3, 3},      /* the parser's problem mark */
        {"a: 1\nb: !!int x", 2, 4},       /* the node that failed to decode */
        {"a: 1\nb:\n  c: *nope", 3, 6},   /* the alias */
        {"a: \xff", 0, 0},                /* reader errors have no position */
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        struct hc_arena a;
        hc_arena_init(&a, 0);
        struct hc_error err;
        hc_error_init(&err);
        struct hc_yaml_read_opts o = {"values.yaml", 0, 0};
        hc_val v;
        assert_int_not_equal(hc_yaml_read(&a, t[i].src, strlen(t[i].src), &o, &v, &err), HC_OK);
        assert_int_equal(err.pos.line, t[i].line);
        assert_int_equal(err.pos.col, t[i].col);
        if (t[i].line)
            assert_string_equal(err.pos.file, "values.yaml");
        hc_error_release(&err);
        hc_arena_free(&a);
    }
}

/* The first error wins: an error already in err is kept, and *out is left alone. */
static void test_first_error_wins(void **state)
{
    (void)state;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    hc_error_set(&err, HC_ERR_IO, "earlier");
    hc_val v = hc_bool(true);
    assert_int_not_equal(hc_yaml_read(&a, "a: b: c", 7, NULL, &v, &err), HC_OK);
    assert_string_equal(hc_error_msg(&err), "earlier");
    assert_int_equal(v.kind, HC_BOOL);
    hc_error_release(&err);
    hc_arena_free(&a);
}

/* Strings are copied: the values outlive the source text. */
static void test_arena_owns_strings(void **state)
{
    (void)state;
    char *src = strdup("key: value\nlist: [a, \"b\"]\n");
    struct hc_arena a;
    hc_arena_init(&a, 0);
    struct hc_error err;
    hc_error_init(&err);
    hc_val v;
    assert_int_equal(hc_yaml_read(&a, src, strlen(src), NULL, &v, &err), HC_OK);
    memset(src, 'x', strlen(src));
    free(src);
    struct hc_buf b = HC_BUF_INIT;
    print_json(&b, v);
    assert_string_equal(hc_buf_str(&b), "{\"key\":\"value\",\"list\":[\"a\",\"b\"]}");
    hc_buf_release(&b);
    hc_arena_free(&a);
}

/*
 * hc_yaml_read_all: one item per document, each read as hc_yaml_read reads a
 * lone document (so the per-document expectations of the table apply).
 */
static void test_read_all(void **state)
{
    (void)state;
    static const struct {
        const char *src, *want;
    } t[] = {
        {"a: 1\n---\nb: 2\n", "[{\"a\":1},{\"b\":2}]"},
        {"", "[]"},
        {"# only a comment\n", "[]"},
        {"---\n", "[null]"},
        {"---\n---\n", "[null,null]"},
        {"- 1\n---\nx\n...\n---\n{a: yes}\n", "[[1],\"x\",{\"a\":true}]"},
        {"a: &x 1\n---\nb: &x 2\nc: *x\n", "[{\"a\":1},{\"b\":2,\"c\":2}]"},
        /* anchors do not cross documents */
        {"a: &x 1\n---\nb: *x\n",
         "!error converting YAML to JSON: yaml: unknown anchor 'x' referenced"},
        /* a later document's error fails the whole stream */
        {"a: 1\n---\nb: !!int x\n",
         "!error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int"},
        {"a: 1\n---\nb: .nan\n", "!error converting YAML to JSON: json: unsupported value: NaN"},
        {"a: 1\n---\nc: d: e\n", "!error converting YAML to JSON: yaml: line 3: mapping values are "
                                "not allowed in this context"},
        /* directives belong to the document they precede */
        {"%YAML 1.1\n---\na: 1\n...\n%YAML 1.1\n---\nb: 1\n", "[{\"a\":1},{\"b\":1}]"},
        {"a: 1\n...\n%YAML 1.2\n---\nb: 1\n",
         "!error converting YAML to JSON: yaml: line 2: found incompatible YAML document"},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        char *got = outcome(t[i].src, strlen(t[i].src), NULL, true);
        if (strcmp(got, t[i].want) != 0)
            print_error("read_all %zu:\n  want %s\n  got  %s\n", i, t[i].want, got);
        assert_string_equal(got, t[i].want);
        free(got);
    }
    /* the list is a []interface {} */
    struct hc_arena a;
    hc_arena_init(&a, 0);
    hc_val v;
    assert_int_equal(hc_yaml_read_all(&a, "1", 1, NULL, &v, NULL), HC_OK);
    assert_int_equal(v.kind, HC_LIST);
    assert_int_equal(v.gotype, HC_GT_LIST);
    hc_arena_free(&a);
}

/* Go types of what comes out: float64, map[string]interface {}, []interface {}. */
static void test_go_types(void **state)
{
    (void)state;
    struct hc_arena a;
    hc_arena_init(&a, 0);
    hc_val v;
    const char *src = "i: 1\nf: 1.5\nl: [x]\nm: {k: v}\ns: str\nb: true\nnil: ~\n";
    assert_int_equal(hc_yaml_read(&a, src, strlen(src), NULL, &v, NULL), HC_OK);
    static const struct {
        const char *key, *type;
    } t[] = {
        {"i", "float64"}, {"f", "float64"},  {"l", "[]interface {}"},
        {"m", "map[string]interface {}"}, {"s", "string"}, {"b", "bool"}, {"nil", "<nil>"},
    };
    assert_string_equal(hc_val_typename(v), "map[string]interface {}");
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        hc_val x;
        assert_true(hc_map_get(v.u.m, t[i].key, strlen(t[i].key), &x));
        assert_string_equal(hc_val_typename(x), t[i].type);
    }
    hc_arena_free(&a);
}

/*
 * Failure injection: failing the Nth allocation for every N must give
 * HC_ERR_NOMEM (or success once N passes the count) and leak nothing.
 * libyaml's own allocations are not ours to fail.
 */
static void test_out_of_memory(void **state)
{
    (void)state;
    const char *src = "base: &b {a: 1, b: [x, y]}\nm:\n  <<: *b\n  c: \"\\xff\"\n"
                      "k: {1.5: f, true: t, !!binary /w==: z}\nl: [1, 2, 3]\n";
    for (long n = 0;; n++) {
        struct hc_arena a;
        hc_arena_init(&a, 0);
        struct hc_error err;
        hc_error_init(&err);
        hc_val v;
        hc_alloc_fail_after(n);
        hc_status rc = hc_yaml_read(&a, src, strlen(src), NULL, &v, &err);
        hc_alloc_fail_after(-1);
        hc_error_release(&err);
        hc_arena_free(&a);
        if (rc == HC_OK)
            break;
        assert_int_equal(rc, HC_ERR_NOMEM);
        assert_true(n < 10000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oracle_table),  cmocka_unit_test(test_depth_limits),
        cmocka_unit_test(test_options),       cmocka_unit_test(test_error_positions),
        cmocka_unit_test(test_first_error_wins), cmocka_unit_test(test_arena_owns_strings),
        cmocka_unit_test(test_read_all),      cmocka_unit_test(test_go_types),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
