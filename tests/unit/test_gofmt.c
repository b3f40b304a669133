/*
 * test_gofmt.c - Go's strconv formatting: floats in every format, ints in every
 * base, quoting, and the printable-rune table.
 *
 * Expected strings come from Go: the golden files in tests/golden/gofmt/ were
 * printed by the real helm (regen.sh), and the tables below are cases from Go's
 * own strconv tests or were checked against helm by hand.  The property tests
 * at the end check the shortest digits against the C library's correctly
 * rounded strtod/strtof, which is independent of helmc.
 */
#include "test.h"

#include <errno.h>
#include <math.h>

#include "gofmt/gofmt.h"

#define GOLDEN_DIR HELMC_SOURCE_DIR "/tests/golden/gofmt/"

static struct hc_buf buf;

static int setup(void **state)
{
    (void)state;
    hc_buf_init(&buf, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hc_buf_release(&buf);
    return 0;
}

static double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static float from_bits32(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static const char *fmt_float(double f, char fmt, int prec)
{
    hc_buf_reset(&buf);
    hc_gofmt_float(&buf, f, fmt, prec);
    assert_true(hc_buf_ok(&buf));
    return hc_buf_str(&buf);
}

static const char *fmt_float32(float f, char fmt, int prec)
{
    hc_buf_reset(&buf);
    hc_gofmt_float32(&buf, f, fmt, prec);
    assert_true(hc_buf_ok(&buf));
    return hc_buf_str(&buf);
}

/* Reads a whole file into a NUL-terminated malloc'd string. */
static char *slurp(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", GOLDEN_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* Splits s in place at the next '\n'; returns the line or NULL at the end. */
static char *next_line(char **s)
{
    if (**s == '\0')
        return NULL;
    char *line = *s, *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        *s = nl + 1;
    } else {
        *s = line + strlen(line);
    }
    return line;
}

/* ---- floats: table cases (Go's ftoa_test.go and helm) ---- */

struct float_case {
    double f;
    char fmt;
    int prec;
    const char *want;
};

static void test_float_table(void **state)
{
    (void)state;
    /* clang-format off */
    static const struct float_case cases[] = {
        {1, 'e', 5, "1.00000e+00"},
        {1, 'f', 5, "1.00000"},
        {1, 'g', 5, "1"},
        {1, 'g', -1, "1"},
        {1, 'x', -1, "0x1p+00"},
        {1, 'x', 5, "0x1.00000p+00"},
        {20, 'g', -1, "20"},
        {20, 'x', -1, "0x1.4p+04"},
        {1234567.8, 'g', -1, "1.2345678e+06"},
        {1234567.8, 'x', -1, "0x1.2d687cccccccdp+20"},
        {200000, 'g', -1, "200000"},
        {200000, 'x', -1, "0x1.86ap+17"},
        {200000, 'X', -1, "0X1.86AP+17"},
        {2000000, 'g', -1, "2e+06"},
        {400, 'g', 2, "4e+02"},
        {40, 'g', 2, "40"},
        {4, 'g', 2, "4"},
        {.4, 'g', 2, "0.4"},
        {.04, 'g', 2, "0.04"},
        {.004, 'g', 2, "0.004"},
        {.0004, 'g', 2, "0.0004"},
        {.00004, 'g', 2, "4e-05"},
        {.000004, 'g', 2, "4e-06"},
        {0, 'e', 5, "0.00000e+00"},
        {0, 'f', 5, "0.00000"},
        {0, 'g', 5, "0"},
        {0, 'g', -1, "0"},
        {0, 'x', 5, "0x0.00000p+00"},
        {-1, 'e', 5, "-1.00000e+00"},
        {-1, 'f', 5, "-1.00000"},
        {-1, 'g', 5, "-1"},
        {-1, 'g', -1, "-1"},
        {12, 'e', 5, "1.20000e+01"},
        {12, 'f', 5, "12.00000"},
        {12, 'g', 5, "12"},
        {12, 'g', -1, "12"},
        {123456700, 'e', 5, "1.23457e+08"},
        {123456700, 'f', 5, "123456700.00000"},
        {123456700, 'g', 5, "1.2346e+08"},
        {123456700, 'g', -1, "1.234567e+08"},
        {1.2345e6, 'e', 5, "1.23450e+06"},
        {1.2345e6, 'f', 5, "1234500.00000"},
        {1.2345e6, 'g', 5, "1.2345e+06"},
        {1e23, 'e', 17, "9.99999999999999916e+22"},
        {1e23, 'f', 17, "99999999999999991611392.00000000000000000"},
        {1e23, 'g', 17, "9.9999999999999992e+22"},
        {1e23, 'e', -1, "1e+23"},
        {1e23, 'f', -1, "100000000000000000000000"},
        {1e23, 'g', -1, "1e+23"},
        {99999999999999974834176.0, 'e', 17, "9.99999999999999748e+22"},
        {99999999999999974834176.0, 'f', 17, "99999999999999974834176.00000000000000000"},
        {99999999999999974834176.0, 'g', 17, "9.9999999999999975e+22"},
        {99999999999999974834176.0, 'e', -1, "9.999999999999997e+22"},
        {99999999999999974834176.0, 'f', -1, "99999999999999970000000"},
        {99999999999999974834176.0, 'g', -1, "9.999999999999997e+22"},
        {100000000000000008388608.0, 'e', 17, "1.00000000000000008e+23"},
        {100000000000000008388608.0, 'f', 17, "100000000000000008388608.00000000000000000"},
        {100000000000000008388608.0, 'g', 17, "1.0000000000000001e+23"},
        {100000000000000008388608.0, 'e', -1, "1.0000000000000001e+23"},
        {100000000000000008388608.0, 'f', -1, "100000000000000010000000"},
        {100000000000000008388608.0, 'g', -1, "1.0000000000000001e+23"},
        {5e-324, 'g', -1, "5e-324"},
        {-5e-324, 'g', -1, "-5e-324"},
        {32, 'g', -1, "32"},
        {32, 'g', 0, "3e+01"},
        {100, 'x', -1, "0x1.9p+06"},
        {100, 'y', -1, "%y"},
        {100, 'y', 3, "%y"},
        {-1, 'b', -1, "-4503599627370496p-52"},
        {0.9, 'f', 1, "0.9"},
        {0.09, 'f', 1, "0.1"},
        {0.0999, 'f', 1, "0.1"},
        {0.05, 'f', 1, "0.1"},
        {0.05, 'f', 0, "0"},
        {0.5, 'f', 1, "0.5"},
        {0.5, 'f', 0, "0"},
        {1.5, 'f', 0, "2"},
        {2.5, 'f', 0, "2"},
        {-0.001, 'f', 1, "-0.0"},
        {0.001, 'f', 1, "0.0"},
        {2.2250738585072012e-308, 'g', -1, "2.2250738585072014e-308"},
        {2.2250738585072011e-308, 'g', -1, "2.225073858507201e-308"},
        {383260575764816448.0, 'f', 0, "383260575764816448"},
        {383260575764816448.0, 'g', -1, "3.8326057576481645e+17"},
        {498484681984085570.0, 'f', -1, "498484681984085570"},
        {-5.8339553793802237e+23, 'g', -1, "-5.8339553793802237e+23"},
        {2.275555555555555, 'x', -1, "0x1.23456789abcdep+01"},
        {2.275555555555555, 'x', 0, "0x1p+01"},
        {2.275555555555555, 'x', 2, "0x1.23p+01"},
        {2.275555555555555, 'x', 16, "0x1.23456789abcde000p+01"},
        {2.275555555555555, 'x', 21, "0x1.23456789abcde00000000p+01"},
        {2.2755555510520935, 'x', -1, "0x1.2345678p+01"},
        {2.2755555510520935, 'x', 6, "0x1.234568p+01"},
        {2.275555431842804, 'x', -1, "0x1.2345668p+01"},
        {2.275555431842804, 'x', 6, "0x1.234566p+01"},
        {3.999969482421875, 'x', -1, "0x1.ffffp+01"},
        {3.999969482421875, 'x', 4, "0x1.ffffp+01"},
        {3.999969482421875, 'x', 3, "0x1.000p+02"},
        {3.999969482421875, 'x', 2, "0x1.00p+02"},
        {3.999969482421875, 'x', 1, "0x1.0p+02"},
        {3.999969482421875, 'x', 0, "0x1p+02"},
        /* Shortest ties between two 17-digit strings go to the even one (helm). */
        {1125899906842624.25, 'g', -1, "1.1258999068426242e+15"},
        {1125899906842624.75, 'g', -1, "1.1258999068426248e+15"},
        /* Other precisions Go accepts. */
        {0.1, 'g', 30, "0.100000000000000005551115123126"},
        {0.1, 'e', 30, "1.000000000000000055511151231258e-01"},
        {1, 'f', 0, "1"},
        {123.456, 'e', 0, "1e+02"},
        {9.5, 'e', 0, "1e+01"},
        {8.5, 'e', 0, "8e+00"},
        {1.7976931348623157e308, 'x', 3, "0x1.000p+1024"},
        {5e-324, 'x', -1, "0x1p-1074"},
        {5e-324, 'b', -1, "1p-1074"},
        {-0.0, 'b', -1, "-0p-1074"},
        {-0.0, 'x', -1, "-0x0p+00"},
        {1e100, 'x', -1, "0x1.249ad2594c37dp+332"},
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *got = fmt_float(cases[i].f, cases[i].fmt, cases[i].prec);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("FormatFloat(%.17g, '%c', %d) = %s, want %s", cases[i].f, cases[i].fmt,
                     cases[i].prec, got, cases[i].want);
    }
}

static void test_float_special(void **state)
{
    (void)state;
    const char fmts[] = "eEfgGbxX";
    for (size_t i = 0; i < sizeof fmts - 1; i++) {
        assert_string_equal(fmt_float(NAN, fmts[i], -1), "NaN");
        assert_string_equal(fmt_float(-NAN, fmts[i], 3), "NaN");
        assert_string_equal(fmt_float(INFINITY, fmts[i], -1), "+Inf");
        assert_string_equal(fmt_float(-INFINITY, fmts[i], 2), "-Inf");
        assert_string_equal(fmt_float32(-INFINITY, fmts[i], 2), "-Inf");
        assert_string_equal(fmt_float32(NAN, fmts[i], 2), "NaN");
    }
    hc_buf_reset(&buf);
    hc_gofmt_float_v(&buf, INFINITY);
    hc_gofmt_float_v(&buf, NAN);
    hc_gofmt_float_v(&buf, -INFINITY);
    assert_string_equal(hc_buf_str(&buf), "+InfNaN-Inf"); /* helm: printf "%v" */
}

static void test_float_v(void **state)
{
    (void)state;
    /* Checked with helm: {{ printf "%v" X }} and values-file numbers. */
    /* clang-format off */
    static const struct {
        double f;
        const char *want;
    } cases[] = {
        {1000000.0, "1e+06"},   {123456789.0, "1.23456789e+08"},
        {1e20, "1e+20"},        {1e21, "1e+21"},
        {0.0001, "0.0001"},     {0.00001, "1e-05"},
        {1234567.0, "1.234567e+06"},
        {123456.0, "123456"},   {-0.0, "-0"},
        {2.5e-5, "2.5e-05"},    {3, "3"},
        {0.1, "0.1"},           {8080, "8080"},
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        hc_buf_reset(&buf);
        hc_gofmt_float_v(&buf, cases[i].f);
        assert_string_equal(hc_buf_str(&buf), cases[i].want);
    }
}

static void test_float32_table(void **state)
{
    (void)state;
    /* Go's ftoa_test.go cases whose value is a float32 give the same text with bitSize 32. */
    /* clang-format off */
    static const struct float_case cases[] = {
        {1, 'e', 5, "1.00000e+00"},
        {1, 'g', -1, "1"},
        {1, 'x', 5, "0x1.00000p+00"},
        {20, 'x', -1, "0x1.4p+04"},
        {200000, 'g', -1, "200000"},
        {200000, 'X', -1, "0X1.86AP+17"},
        {2000000, 'g', -1, "2e+06"},
        {400, 'g', 2, "4e+02"},
        {0, 'x', 5, "0x0.00000p+00"},
        {-1, 'f', 5, "-1.00000"},
        {12, 'e', 5, "1.20000e+01"},
        {123456700, 'e', 5, "1.23457e+08"},
        {123456700, 'g', -1, "1.234567e+08"},
        {1.2345e6, 'f', 5, "1234500.00000"},
        {32, 'g', 0, "3e+01"},
        {0.5, 'f', 0, "0"},
        {1.5, 'f', 0, "2"},
        {3.999969482421875, 'x', -1, "0x1.ffffp+01"},
        {3.999969482421875, 'x', 3, "0x1.000p+02"},
        {3.999969482421875, 'x', 0, "0x1p+02"},
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *got = fmt_float32((float)cases[i].f, cases[i].fmt, cases[i].prec);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("FormatFloat(%.9g, '%c', %d, 32) = %s, want %s", cases[i].f, cases[i].fmt,
                     cases[i].prec, got, cases[i].want);
    }
    /* Values whose float32 shortest form differs from the float64 one. */
    assert_string_equal(fmt_float32(0.1f, 'g', -1), "0.1");
    assert_string_equal(fmt_float32(1.0f / 3, 'g', -1), "0.33333334");
    assert_string_equal(fmt_float32(16777216.0f, 'g', -1), "1.6777216e+07");
    assert_string_equal(fmt_float32(3.4028234663852886e38f, 'g', -1), "3.4028235e+38");
    assert_string_equal(fmt_float32(from_bits32(1), 'g', -1), "1e-45");
    assert_string_equal(fmt_float32(from_bits32(1), 'b', -1), "1p-149");
    assert_string_equal(fmt_float32(-1, 'b', -1), "-8388608p-23");
    assert_string_equal(fmt_float32(from_bits32(1), 'x', -1), "0x1p-149");
    assert_string_equal(fmt_float32(0.1f, 'e', 10), "1.0000000149e-01");
}

/* ---- floats: helm's golden output ---- */

/* A verb such as "%10.4f": width (0 if none), precision (-2 if none), letter. */
struct verb {
    int width, prec;
    char conv;
};

static struct verb parse_verb(const char *s)
{
    struct verb v = {0, -2, 0};
    assert_true(*s == '%');
    s++;
    while (*s >= '0' && *s <= '9')
        v.width = v.width * 10 + (*s++ - '0');
    if (*s == '.') {
        v.prec = 0;
        for (s++; *s >= '0' && *s <= '9'; s++)
            v.prec = v.prec * 10 + (*s - '0');
    }
    v.conv = *s;
    return v;
}

/* What fmt does with a float64 and a verb: default precisions and left padding. */
static void format_verb(struct hc_buf *b, double f, struct verb v)
{
    size_t start = b->len;
    if (v.conv == 'v') {
        hc_gofmt_float_v(b, f);
    } else {
        int prec = v.prec;
        if (prec == -2)
            prec = (v.conv == 'e' || v.conv == 'E' || v.conv == 'f') ? 6 : -1;
        hc_gofmt_float(b, f, v.conv, prec);
    }
    size_t n = b->len - start;
    if ((size_t)v.width > n) {
        size_t pad = (size_t)v.width - n;
        hc_buf_addn(b, ' ', pad);
        memmove(b->data + start + pad, b->data + start, n);
        memset(b->data + start, ' ', pad);
    }
}

static void test_float_golden(void **state)
{
    (void)state;
    char *text = slurp("floats.txt"), *p = text;
    char *header = next_line(&p);
    assert_non_null(header);
    assert_true(strncmp(header, "# verbs: ", 9) == 0);
    struct verb verbs[64];
    int nverbs = 0;
    for (char *save = NULL, *tok = strtok_r(header + 9, "|", &save); tok;
         tok = strtok_r(NULL, "|", &save)) {
        assert_true(nverbs < (int)ARRAY_LEN(verbs));
        verbs[nverbs++] = parse_verb(tok);
    }
    int lines = 0, failures = 0;
    struct hc_buf got = HC_BUF_INIT;
    for (char *line; (line = next_line(&p)) != NULL;) {
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        double f = from_bits(strtoull(line, NULL, 16));
        hc_buf_reset(&got);
        for (int i = 0; i < nverbs; i++) {
            if (i > 0)
                hc_buf_addc(&got, '|');
            format_verb(&got, f, verbs[i]);
        }
        assert_true(hc_buf_ok(&got));
        if (strcmp(hc_buf_str(&got), tab + 1) != 0) {
            /* Report the first differing field of the first few lines. */
            if (failures < 10)
                print_message("bits %s:\n  got  %s\n  want %s\n", line, hc_buf_str(&got), tab + 1);
            failures++;
        }
        lines++;
    }
    hc_buf_release(&got);
    free(text);
    assert_true(lines >= 500);
    assert_int_equal(failures, 0);
}

/* The same doubles near rounding edges at many precisions: "%.Pf|%.Pe|%.Pg|" for each P. */
static void test_precs_golden(void **state)
{
    (void)state;
    char *text = slurp("precs.txt"), *p = text;
    char *header = next_line(&p);
    assert_non_null(header);
    assert_true(strncmp(header, "# precs: ", 9) == 0);
    int precs[32], nprecs = 0;
    for (char *save = NULL, *tok = strtok_r(header + 9, " ", &save); tok;
         tok = strtok_r(NULL, " ", &save)) {
        assert_true(nprecs < (int)ARRAY_LEN(precs));
        precs[nprecs++] = atoi(tok);
    }
    int lines = 0, failures = 0;
    struct hc_buf got = HC_BUF_INIT;
    for (char *line; (line = next_line(&p)) != NULL; lines++) {
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        double f = from_bits(strtoull(line, NULL, 16));
        hc_buf_reset(&got);
        for (int i = 0; i < nprecs; i++) {
            hc_gofmt_float(&got, f, 'f', precs[i]);
            hc_buf_addc(&got, '|');
            hc_gofmt_float(&got, f, 'e', precs[i]);
            hc_buf_addc(&got, '|');
            hc_gofmt_float(&got, f, 'g', precs[i]);
            hc_buf_addc(&got, '|');
        }
        assert_true(hc_buf_ok(&got));
        if (strcmp(hc_buf_str(&got), tab + 1) != 0 && failures++ < 10)
            print_message("bits %s:\n  got  %s\n  want %s\n", line, hc_buf_str(&got), tab + 1);
    }
    hc_buf_release(&got);
    free(text);
    assert_true(lines >= 500);
    assert_int_equal(failures, 0);
}

/* ---- ints ---- */

static void test_int_bases(void **state)
{
    (void)state;
    /* Go's itoa_test.go, and values checked with helm's printf %b %o %x %d. */
    /* clang-format off */
    static const struct {
        int64_t in;
        int base;
        const char *want;
    } cases[] = {
        {0, 10, "0"},
        {1, 10, "1"},
        {-1, 10, "-1"},
        {12345678, 10, "12345678"},
        {-987654321, 10, "-987654321"},
        {INT64_C(2147483647), 10, "2147483647"},
        {INT64_C(-2147483647), 10, "-2147483647"},
        {INT64_C(2147483648), 10, "2147483648"},
        {INT64_C(-2147483648), 10, "-2147483648"},
        {INT64_C(4294967295), 10, "4294967295"},
        {INT64_C(-4294967297), 10, "-4294967297"},
        {INT64_C(1125899906842624), 10, "1125899906842624"},
        {INT64_MAX, 10, "9223372036854775807"},
        {-INT64_MAX, 10, "-9223372036854775807"},
        {INT64_MIN, 10, "-9223372036854775808"},
        {0, 2, "0"},
        {10, 2, "1010"},
        {-1, 2, "-1"},
        {1 << 15, 2, "1000000000000000"},
        {-8, 8, "-10"},
        {INT64_C(057635436545), 8, "57635436545"},
        {1 << 24, 8, "100000000"},
        {16, 16, "10"},
        {-INT64_C(0x123456789abcdef), 16, "-123456789abcdef"},
        {INT64_MAX, 16, "7fffffffffffffff"},
        {INT64_MAX, 2, "111111111111111111111111111111111111111111111111111111111111111"},
        {INT64_MIN, 2, "-1000000000000000000000000000000000000000000000000000000000000000"},
        {INT64_MIN, 16, "-8000000000000000"},
        {16, 17, "g"},
        {25, 25, "10"},
        {(((((17 * 35 + 24) * 35 + 21) * 35 + 34) * 35 + 12) * 35 + 24) * INT64_C(35) + 32, 35,
         "holycow"},
        {(((((17 * 36 + 24) * 36 + 21) * 36 + 34) * 36 + 12) * 36 + 24) * INT64_C(36) + 32, 36,
         "holycow"},
        {INT64_MIN, 36, "-1y2p0ij32e8e8"},
        {INT64_MAX, 36, "1y2p0ij32e8e7"},
        {INT64_MAX, 3, "2021110011022210012102010021220101220221"},
        {-100, 3, "-10201"},
        {255, 4, "3333"},
        {-255, 32, "-7v"},
        {35, 36, "z"},
        {1295, 36, "zz"},
        {100, 7, "202"},
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        hc_buf_reset(&buf);
        hc_gofmt_int(&buf, cases[i].in, cases[i].base);
        if (strcmp(hc_buf_str(&buf), cases[i].want) != 0)
            fail_msg("FormatInt(%lld, %d) = %s, want %s", (long long)cases[i].in, cases[i].base,
                     hc_buf_str(&buf), cases[i].want);
        if (cases[i].in >= 0) {
            hc_buf_reset(&buf);
            hc_gofmt_uint(&buf, (uint64_t)cases[i].in, cases[i].base);
            assert_string_equal(hc_buf_str(&buf), cases[i].want);
        }
    }
}

static void test_uint(void **state)
{
    (void)state;
    /* clang-format off */
    static const struct {
        uint64_t in;
        int base;
        const char *want;
    } cases[] = {
        {UINT64_C(9223372036854775807), 10, "9223372036854775807"},
        {UINT64_C(9223372036854775808), 10, "9223372036854775808"},
        {UINT64_C(9223372036854775809), 10, "9223372036854775809"},
        {UINT64_MAX - 1, 10, "18446744073709551614"},
        {UINT64_MAX, 10, "18446744073709551615"},
        {UINT64_MAX, 2, "1111111111111111111111111111111111111111111111111111111111111111"},
        {UINT64_MAX, 8, "1777777777777777777777"},
        {UINT64_MAX, 16, "ffffffffffffffff"},
        {UINT64_MAX, 36, "3w5e11264sgsf"},
        {UINT64_MAX, 5, "2214220303114400424121122430"},
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        hc_buf_reset(&buf);
        hc_gofmt_uint(&buf, cases[i].in, cases[i].base);
        assert_string_equal(hc_buf_str(&buf), cases[i].want);
    }
}

/* Every base agrees with the C library's strtoull reading it back. */
static void test_int_roundtrip(void **state)
{
    (void)state;
    uint64_t x = UINT64_C(0x9E3779B97F4A7C15);
    for (int i = 0; i < 2000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t u = x >> (i % 64);
        for (int base = 2; base <= 36; base++) {
            hc_buf_reset(&buf);
            hc_gofmt_uint(&buf, u, base);
            errno = 0;
            assert_true(strtoull(hc_buf_str(&buf), NULL, base) == u && errno == 0);
            for (const char *c = hc_buf_str(&buf); *c; c++)
                assert_true((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z'));
        }
    }
}

/* ---- quoting ---- */

static const char *quote(const char *s, size_t n, bool ascii)
{
    hc_buf_reset(&buf);
    if (ascii)
        hc_gofmt_quote_ascii(&buf, s, n);
    else
        hc_gofmt_quote(&buf, s, n);
    assert_true(hc_buf_ok(&buf));
    return hc_buf_str(&buf);
}

static void test_quote_table(void **state)
{
    (void)state;
    /* Go's quote_test.go, plus cases printed by helm's %q / %+q. */
    /* clang-format off */
    static const struct {
        const char *in;
        size_t n;
        const char *out, *ascii;
    } cases[] = {
#define S(x) x, sizeof(x) - 1
        {S("\a\b\f\r\n\t\v"), "\"\\a\\b\\f\\r\\n\\t\\v\"", "\"\\a\\b\\f\\r\\n\\t\\v\""},
        {S("\\"), "\"\\\\\"", "\"\\\\\""},
        {S("abc\xff" "def"), "\"abc\\xffdef\"", "\"abc\\xffdef\""},
        {S("\u263a"), "\"\u263a\"", "\"\\u263a\""},
        {S("\U0010ffff"), "\"\\U0010ffff\"", "\"\\U0010ffff\""},
        {S("\x04"), "\"\\x04\"", "\"\\x04\""},
        {S("!\u00a0!\u2000!\u3000!"), "\"!\\u00a0!\\u2000!\\u3000!\"",
         "\"!\\u00a0!\\u2000!\\u3000!\""},
        {S(""), "\"\"", "\"\""},
        {S("it's \"so\""), "\"it's \\\"so\\\"\"", "\"it's \\\"so\\\"\""},
        {S("a\0b"), "\"a\\x00b\"", "\"a\\x00b\""},
        {S("\x7f"), "\"\\x7f\"", "\"\\x7f\""},
        {S("\xc2\x85"), "\"\\u0085\"", "\"\\u0085\""},
        {S("\xed\xa0\x80"), "\"\\xed\\xa0\\x80\"", "\"\\xed\\xa0\\x80\""},
        {S("\xc0\x80"), "\"\\xc0\\x80\"", "\"\\xc0\\x80\""},
        {S("\xf4\x90\x80\x80"), "\"\\xf4\\x90\\x80\\x80\"", "\"\\xf4\\x90\\x80\\x80\""},
        {S("\xe2\x82"), "\"\\xe2\\x82\"", "\"\\xe2\\x82\""},
        {S("\xe2\x82" "a"), "\"\\xe2\\x82a\"", "\"\\xe2\\x82a\""},
        {S("\xef\xbf\xbd"), "\"\xef\xbf\xbd\"", "\"\\ufffd\""},
        {S("\xef\xbb\xbf"), "\"\\ufeff\"", "\"\\ufeff\""},
        {S("\U0001F600"), "\"\U0001F600\"", "\"\\U0001f600\""},
        {S("\U000E0001"), "\"\\U000e0001\"", "\"\\U000e0001\""},
        {S("e\u0301"), "\"e\u0301\"", "\"e\\u0301\""},
#undef S
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        assert_string_equal(quote(cases[i].in, cases[i].n, false), cases[i].out);
        assert_string_equal(quote(cases[i].in, cases[i].n, true), cases[i].ascii);
    }
}

static int unhex(char c)
{
    return c <= '9' ? c - '0' : c - 'a' + 10;
}

static void test_quote_golden(void **state)
{
    (void)state;
    char *text = slurp("quote.txt"), *p = text;
    int lines = 0;
    for (char *line; (line = next_line(&p)) != NULL; lines++) {
        char *t1 = strchr(line, '\t');
        assert_non_null(t1);
        char *t2 = strchr(t1 + 1, '\t');
        assert_non_null(t2);
        *t1 = *t2 = '\0';
        size_t n = strlen(line) / 2;
        char *in = malloc(n + 1);
        assert_non_null(in);
        for (size_t i = 0; i < n; i++)
            in[i] = (char)(unhex(line[2 * i]) << 4 | unhex(line[2 * i + 1]));
        assert_string_equal(quote(in, n, false), t1 + 1);
        assert_string_equal(quote(in, n, true), t2 + 1);
        free(in);
    }
    free(text);
    assert_true(lines >= 100);
}

static void test_quote_rune_table(void **state)
{
    (void)state;
    /* clang-format off */
    static const struct {
        int32_t r;
        const char *want;
    } cases[] = {
        {'a', "'a'"},
        {'\a', "'\\a'"},
        {'\\', "'\\\\'"},
        {0xFF, "'\xc3\xbf'"},
        {0x263a, "'\u263a'"},
        {0xfffd, "'\xef\xbf\xbd'"},
        {0x0010ffff, "'\\U0010ffff'"},
        {0x0010ffff + 1, "'\xef\xbf\xbd'"},
        {0x04, "'\\x04'"},
        {0x00a0, "'\\u00a0'"},
        {0x2000, "'\\u2000'"},
        {0x3000, "'\\u3000'"},
        {'\'', "'\\''"},
        {'"', "'\"'"},
        {0xD800, "'\xef\xbf\xbd'"},
        {-1, "'\xef\xbf\xbd'"},
        {0x7f, "'\\x7f'"},
        {0, "'\\x00'"},
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        hc_buf_reset(&buf);
        hc_gofmt_quote_rune(&buf, cases[i].r);
        assert_string_equal(hc_buf_str(&buf), cases[i].want);
    }
}

static void test_quote_rune_golden(void **state)
{
    (void)state;
    char *text = slurp("quoterune.txt"), *p = text;
    int lines = 0;
    for (char *line; (line = next_line(&p)) != NULL; lines++) {
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        long long r = strtoll(line, NULL, 10);
        assert_true(r >= INT32_MIN && r <= INT32_MAX);
        hc_buf_reset(&buf);
        hc_gofmt_quote_rune(&buf, (int32_t)r);
        if (strcmp(hc_buf_str(&buf), tab + 1) != 0)
            fail_msg("QuoteRune(%lld) = %s, want %s", r, hc_buf_str(&buf), tab + 1);
    }
    free(text);
    assert_true(lines >= 400);
}

/* The UTF-8 encoding of a valid rune; returns its length. */
static size_t encode(uint32_t r, char *out)
{
    if (r < 0x80) {
        out[0] = (char)r;
        return 1;
    }
    if (r < 0x800) {
        out[0] = (char)(0xC0 | r >> 6), out[1] = (char)(0x80 | (r & 0x3F));
        return 2;
    }
    if (r < 0x10000) {
        out[0] = (char)(0xE0 | r >> 12), out[1] = (char)(0x80 | (r >> 6 & 0x3F));
        out[2] = (char)(0x80 | (r & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | r >> 18), out[1] = (char)(0x80 | (r >> 12 & 0x3F));
    out[2] = (char)(0x80 | (r >> 6 & 0x3F)), out[3] = (char)(0x80 | (r & 0x3F));
    return 4;
}

/* Every rune's printability against helm's list of the runes where it changes. */
static void test_isprint_golden(void **state)
{
    (void)state;
    char *text = slurp("isprint.txt"), *p = text;
    uint32_t change[2048];
    size_t nchange = 0;
    for (char *line; (line = next_line(&p)) != NULL;) {
        assert_true(nchange < ARRAY_LEN(change));
        change[nchange++] = (uint32_t)strtoul(line, NULL, 16);
    }
    free(text);
    assert_true(nchange > 1000);
    size_t next = 0;
    bool printable = false;
    int wrong = 0;
    for (uint32_t r = 0; r <= 0x10FFFF; r++) {
        if (next < nchange && change[next] == r) {
            printable = !printable;
            next++;
        }
        if (r >= 0xD800 && r <= 0xDFFF)
            continue; /* not encodable; QuoteRune turns them into U+FFFD */
        char enc[4];
        size_t n = encode(r, enc);
        const char *q = quote(enc, n, false);
        bool got = (strlen(q) == n + 2 && memcmp(q + 1, enc, n) == 0) || r == '"' || r == '\\';
        if (got != printable && wrong++ < 10)
            print_message("U+%04X: printable %d, want %d\n", (unsigned)r, got, printable);
    }
    assert_int_equal(next, nchange);
    assert_int_equal(wrong, 0);
}

/* ---- shortest digits: properties against the C library ---- */

static uint64_t rng_state = UINT64_C(0x2545F4914F6CDD1D);

static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/*
 * Go's shortest output for x must read back as x (strtod is correctly rounded),
 * no string with one digit fewer may, and when the correctly rounded string of
 * the same length reads back it must be that one (the closest).
 */
static void check_shortest(double x, bool is32)
{
    char got[64], alt[64];
    snprintf(got, sizeof got, "%s", is32 ? fmt_float32((float)x, 'e', -1) : fmt_float(x, 'e', -1));
    if (is32)
        assert_true(strtof(got, NULL) == (float)x);
    else
        assert_true(strtod(got, NULL) == x);
    /* digits = chars before 'e' minus the sign and point */
    const char *e = strchr(got, 'e');
    assert_non_null(e);
    int nd = (int)(e - got) - (got[0] == '-') - (strchr(got, '.') != NULL);
    /* The correctly rounded nd-digit string (our exact %e, itself checked by the goldens). */
    snprintf(alt, sizeof alt, "%s",
             is32 ? fmt_float32((float)x, 'e', nd - 1) : fmt_float(x, 'e', nd - 1));
    bool alt_ok = is32 ? strtof(alt, NULL) == (float)x : strtod(alt, NULL) == x;
    if (alt_ok && strcmp(alt, got) != 0)
        fail_msg("%a: shortest %s but %s is closer", x, got, alt);
    if (nd > 1) {
        /*
         * Neither (nd-1)-digit decimal around x may read back as x: the rounded
         * one, and its neighbour on x's other side (at a power of two the
         * interval is lopsided, so the farther one can be the one inside).
         */
        char shorter[64], other[64];
        snprintf(shorter, sizeof shorter, "%s",
                 is32 ? fmt_float32((float)x, 'e', nd - 2) : fmt_float(x, 'e', nd - 2));
        uint64_t m = 0;
        const char *c = shorter + (shorter[0] == '-');
        for (; *c != 'e'; c++)
            if (*c != '.')
                m = m * 10 + (uint64_t)(*c - '0');
        int exp10 = atoi(c + 1) - (nd - 2);
        double y = is32 ? (double)(float)x : x;
        double v = strtod(shorter, NULL);
        uint64_t m2 = fabs(v) < fabs(y) ? m + 1 : m - 1;
        snprintf(other, sizeof other, "%s%llue%d", shorter[0] == '-' ? "-" : "",
                 (unsigned long long)m2, exp10);
        bool ok1 = is32 ? strtof(shorter, NULL) == (float)x : v == x;
        bool ok2 = is32 ? strtof(other, NULL) == (float)x : strtod(other, NULL) == x;
        if (ok1 || ok2)
            fail_msg("%a: %s is not the shortest (%s or %s)", x, got, shorter, other);
    }
}

static void test_shortest_properties(void **state)
{
    (void)state;
    for (int i = 0; i < 20000; i++) {
        uint64_t u = rng_next();
        if ((u >> 52 & 0x7FF) == 0x7FF)
            continue;
        check_shortest(from_bits(u), false);
    }
    /* Every power of two, and the floats either side of each. */
    for (int e = -1074; e <= 1023; e++) {
        double x = ldexp(1.0, e);
        check_shortest(x, false);
        check_shortest(nextafter(x, 0), false);
        check_shortest(nextafter(x, INFINITY), false);
    }
}

static void test_shortest32_properties(void **state)
{
    (void)state;
    for (int i = 0; i < 20000; i++) {
        uint32_t u = (uint32_t)rng_next();
        if ((u >> 23 & 0xFF) == 0xFF)
            continue;
        check_shortest(from_bits32(u), true);
    }
    for (int e = -149; e <= 127; e++) {
        float x = ldexpf(1.0f, e);
        check_shortest(x, true);
        check_shortest(nextafterf(x, 0), true);
        check_shortest(nextafterf(x, INFINITY), true);
    }
}

static void test_shortest_api(void **state)
{
    (void)state;
    char d[32];
    int dp;
    assert_int_equal(hc_gofmt_shortest(0.1, d, &dp), 1);
    assert_true(d[0] == '1' && dp == 0);
    assert_int_equal(hc_gofmt_shortest(-1234.5, d, &dp), 5);
    assert_true(memcmp(d, "12345", 5) == 0 && dp == 4);
    assert_int_equal(hc_gofmt_shortest(1.7976931348623157e308, d, &dp), 17);
    assert_true(memcmp(d, "17976931348623157", 17) == 0 && dp == 309);
    assert_int_equal(hc_gofmt_shortest(5e-324, d, &dp), 1);
    assert_true(d[0] == '5' && dp == -323);
    assert_int_equal(hc_gofmt_shortest(1e23, d, &dp), 1);
    assert_true(d[0] == '1' && dp == 24);
}

/* Huge precisions stay linear and respect the buffer's ceiling. */
static void test_big_precision(void **state)
{
    (void)state;
    struct hc_buf b;
    hc_buf_init(&b, 0);
    hc_gofmt_float(&b, 5e-324, 'f', 1100);
    assert_true(hc_buf_ok(&b));
    assert_int_equal(b.len, 1102);
    assert_true(
        strncmp(b.data + 2 + 323, "4940656458412465441765687928682213723650598026143247", 52) == 0);
    hc_buf_release(&b);
    hc_buf_init(&b, 1000);
    hc_gofmt_float(&b, 1.0, 'f', 2000000000);
    assert_false(hc_buf_ok(&b));
    assert_true(b.toobig);
    hc_buf_release(&b);
    hc_buf_init(&b, 1000);
    hc_gofmt_float(&b, 1.0, 'e', 2147483647);
    assert_true(b.toobig);
    hc_buf_release(&b);
    hc_buf_init(&b, 1000);
    hc_gofmt_float(&b, 1.0, 'g', 2147483647);
    assert_true(hc_buf_ok(&b));
    assert_string_equal(hc_buf_str(&b), "1");
    hc_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_float_table),
        cmocka_unit_test(test_float_special),
        cmocka_unit_test(test_float_v),
        cmocka_unit_test(test_float32_table),
        cmocka_unit_test(test_float_golden),
        cmocka_unit_test(test_precs_golden),
        cmocka_unit_test(test_int_bases),
        cmocka_unit_test(test_uint),
        cmocka_unit_test(test_int_roundtrip),
        cmocka_unit_test(test_quote_table),
        cmocka_unit_test(test_quote_golden),
        cmocka_unit_test(test_quote_rune_table),
        cmocka_unit_test(test_quote_rune_golden),
        cmocka_unit_test(test_isprint_golden),
        cmocka_unit_test(test_shortest_properties),
        cmocka_unit_test(test_shortest32_properties),
        cmocka_unit_test(test_shortest_api),
        cmocka_unit_test(test_big_precision),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
