/*
 * cast.c - Sprig's shared conversions: spf13/cast's ToInt64/ToFloat64 with
 * Go's strconv parsing rules, strval, strslice and reflect's view of slices.
 *
 * Mirrors spf13/cast v1.7.0 (caste.go: ToInt64E, ToIntE, ToFloat64E,
 * trimZeroDecimal), Go's strconv (ParseInt, ParseUint, ParseFloat's syntax
 * and underscoreOK) and Sprig v3.3.0 (strings.go: strval, strslice).
 * Invariant: no function here reads the C locale's settings; strtod runs
 * under a private "C" locale only after the syntax was checked as Go does.
 */
#include "funcs/cast.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "gofmt/printf.h"
#include "template/exec.h"

static char lower(char c)
{
    return (char)(c | ('x' - 'X'));
}

/* strconv's underscoreOK: underscores only between digits (or after a base prefix). */
static bool underscore_ok(const char *s, size_t n)
{
    char saw = '^';
    size_t i = 0;
    bool hex = false;
    if (n >= 1 && (s[0] == '-' || s[0] == '+')) {
        s++;
        n--;
    }
    if (n >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
        i = 2;
        saw = '0';
        hex = lower(s[1]) == 'x';
    }
    for (; i < n; i++) {
        char c = s[i];
        if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
            saw = '0';
            continue;
        }
        if (c == '_') {
            if (saw != '0')
                return false;
            saw = '_';
            continue;
        }
        if (saw == '_')
            return false;
        saw = '!';
    }
    return saw != '_';
}

/*
 * strconv.ParseUint(s, base, 64): false on a syntax error; on a range error
 * true with *range_err set and *out UINT64_MAX.
 */
static bool parse_uint(const char *s, size_t n, int base, uint64_t *out, bool *range_err)
{
    const char *s0 = s;
    size_t n0 = n;
    bool base0 = base == 0;
    *out = 0;
    *range_err = false;
    if (n == 0)
        return false;
    if (base == 0) {
        base = 10;
        if (s[0] == '0') {
            if (n >= 3 && lower(s[1]) == 'b') {
                base = 2;
                s += 2;
                n -= 2;
            } else if (n >= 3 && lower(s[1]) == 'o') {
                base = 8;
                s += 2;
                n -= 2;
            } else if (n >= 3 && lower(s[1]) == 'x') {
                base = 16;
                s += 2;
                n -= 2;
            } else {
                base = 8;
                s += 1;
                n -= 1;
            }
        }
    } else if (base < 2 || base > 36) {
        return false;
    }
    uint64_t cutoff = UINT64_MAX / (uint64_t)base + 1;
    bool underscores = false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int d;
        if (c == '_' && base0) {
            underscores = true;
            continue;
        } else if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (lower(c) >= 'a' && lower(c) <= 'z') {
            d = lower(c) - 'a' + 10;
        } else {
            return false;
        }
        if (d >= base)
            return false;
        if (v >= cutoff || v * (uint64_t)base + (uint64_t)d < v * (uint64_t)base) {
            *out = UINT64_MAX; /* Go stops at the first digit that overflows */
            *range_err = true;
            return true;
        }
        v = v * (uint64_t)base + (uint64_t)d;
    }
    if (underscores && !underscore_ok(s0, n0))
        return false;
    *out = v;
    return true;
}

bool hc_cast_parse_int(const char *s, size_t n, int base, int64_t *out)
{
    bool neg = false, range;
    uint64_t un;
    *out = 0;
    if (n == 0)
        return false;
    if (s[0] == '+') {
        s++;
        n--;
    } else if (s[0] == '-') {
        neg = true;
        s++;
        n--;
    }
    if (!parse_uint(s, n, base, &un, &range))
        return false;
    uint64_t cutoff = (uint64_t)1 << 63;
    if (!neg && (range || un >= cutoff)) {
        *out = INT64_MAX;
        return false;
    }
    if (neg && (range || un > cutoff)) {
        *out = INT64_MIN;
        return false;
    }
    *out = neg ? (int64_t)(0 - un) : (int64_t)un;
    return true;
}

/* strconv's special(): "inf", "infinity" (signed) and "nan", any case, the whole string. */
static bool parse_special(const char *s, size_t n, double *out)
{
    static const char inf[] = "infinity";
    double sign = 1;
    size_t i = 0, k = 0;
    if (n == 0)
        return false;
    if (s[0] == '+' || s[0] == '-') {
        sign = s[0] == '-' ? -1 : 1;
        i = 1;
    } else if (n == 3 && lower(s[0]) == 'n' && lower(s[1]) == 'a' && lower(s[2]) == 'n') {
        *out = NAN;
        return true;
    }
    while (k < 8 && i + k < n && lower(s[i + k]) == inf[k])
        k++;
    if (k > 3 && k < 8)
        k = 3;
    if ((k == 3 || k == 8) && i + k == n) {
        *out = sign * INFINITY;
        return true;
    }
    return false;
}

/* Go's readFloat syntax over the whole string: true when well-formed. */
static bool float_syntax_ok(const char *s, size_t n)
{
    size_t i = 0;
    bool underscores = false, hex = false, sawdot = false, sawdigits = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    if (i + 2 < n && s[i] == '0' && lower(s[i + 1]) == 'x') {
        hex = true;
        i += 2;
    }
    for (; i < n; i++) {
        char c = s[i];
        if (c == '_') {
            underscores = true;
        } else if (c == '.') {
            if (sawdot)
                break;
            sawdot = true;
        } else if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
            sawdigits = true;
        } else {
            break;
        }
    }
    if (!sawdigits)
        return false;
    if (i < n && lower(s[i]) == (hex ? 'p' : 'e')) {
        i++;
        if (i >= n)
            return false;
        if (s[i] == '+' || s[i] == '-')
            i++;
        if (i >= n || s[i] < '0' || s[i] > '9')
            return false;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
            if (s[i] == '_')
                underscores = true;
    } else if (hex) {
        return false; /* a hex mantissa needs a p exponent */
    }
    if (underscores && !underscore_ok(s, i))
        return false;
    return i == n;
}

/* Longest float text converted on the stack; longer ones go through the heap. */
#define FLOAT_STACK 128

bool hc_cast_parse_float(const char *s, size_t n, double *out)
{
    char stack[FLOAT_STACK];
    char *text = stack;
    *out = 0;
    if (parse_special(s, n, out))
        return true;
    if (!float_syntax_ok(s, n))
        return false;
    if (n >= sizeof stack) {
        text = hc_malloc(n + 1);
        if (!text)
            return false;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_')
            text[k++] = s[i];
    text[k] = '\0';

    locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    bool ok = false;
    if (c_locale != (locale_t)0) {
        locale_t old = uselocale(c_locale);
        char *end;
        double f = strtod(text, &end);
        uselocale(old);
        freelocale(c_locale);
        if (end == text + k && !isinf(f)) {
            *out = f;
            ok = true;
        }
    }
    if (text != stack)
        hc_free(text);
    return ok;
}

/* cast's trimZeroDecimal: "12.000" -> "12"; anything else unchanged. */
static size_t trim_zero_decimal(const char *s, size_t n)
{
    bool found_zero = false;
    for (size_t i = n; i > 0; i--) {
        char c = s[i - 1];
        if (c == '.') {
            if (found_zero)
                return i - 1;
        } else if (c == '0') {
            found_zero = true;
        } else {
            return n;
        }
    }
    return n;
}

int64_t hc_cast_float_to_int64(double f)
{
    /* CVTTSD2SQ's "integer indefinite" for NaN and anything outside [-2^63, 2^63). */
    if (f >= -9223372036854775808.0 && f < 9223372036854775808.0)
        return (int64_t)f;
    return INT64_MIN;
}

bool hc_cast_int64(hc_val v, int64_t *out)
{
    *out = 0;
    switch ((hc_kind)v.kind) {
    case HC_INT:
        *out = v.u.i;
        return true;
    case HC_FLOAT:
        *out = hc_cast_float_to_int64(v.u.f);
        return true;
    case HC_BOOL:
        *out = v.u.b ? 1 : 0;
        return true;
    case HC_NULL:
    case HC_MISSING:
        return true;
    case HC_STRING:
        if (v.gotype != HC_GT_STRING)
            return false; /* []byte */
        if (!hc_cast_parse_int(v.u.s, trim_zero_decimal(v.u.s, v.len), 0, out)) {
            *out = 0; /* cast drops the clamped value with the error */
            return false;
        }
        return true;
    case HC_LIST:
    case HC_MAP:
    case HC_OBJ:
        return false;
    }
    return false;
}

bool hc_cast_float64(hc_val v, double *out)
{
    *out = 0;
    switch ((hc_kind)v.kind) {
    case HC_INT:
        *out = (double)v.u.i;
        return true;
    case HC_FLOAT:
        *out = v.u.f;
        return true;
    case HC_BOOL:
        *out = v.u.b ? 1 : 0;
        return true;
    case HC_NULL:
    case HC_MISSING:
        return true;
    case HC_STRING:
        if (v.gotype != HC_GT_STRING)
            return false;
        return hc_cast_parse_float(v.u.s, v.len, out);
    case HC_LIST:
    case HC_MAP:
    case HC_OBJ:
        return false;
    }
    return false;
}

int64_t hc_cast_to_int64(hc_val v)
{
    int64_t i;
    (void)hc_cast_int64(v, &i);
    return i;
}

double hc_cast_to_float64(hc_val v)
{
    double f;
    (void)hc_cast_float64(v, &f);
    return f;
}

bool hc_cast_empty(hc_val v)
{
    v = hc_exec_underlying(v); /* a named map or slice type: reflect sees its kind */
    switch ((hc_kind)v.kind) {
    case HC_NULL:
    case HC_MISSING:
        return true;
    case HC_BOOL:
        return !v.u.b;
    case HC_INT:
        return v.u.i == 0;
    case HC_FLOAT:
        return v.u.f == 0;
    case HC_STRING:
        return v.len == 0;
    case HC_LIST:
        return !v.u.l || v.u.l->len == 0;
    case HC_MAP:
        return !v.u.m || v.u.m->len == 0;
    case HC_OBJ:
        /* reflect: a nil pointer is empty, a struct never */
        return v.u.o->data == NULL && strcmp(v.u.o->type->kindname, "ptr") == 0;
    }
    return false;
}

/* A []uint8 held as a list of integers: its bytes. */
static bool bytes_list(hc_val v)
{
    return v.kind == HC_LIST && v.gotype == HC_GT_BYTES;
}

hc_status hc_cast_strval_buf(struct hc_buf *b, hc_val v)
{
    if (v.kind == HC_STRING) {
        hc_buf_add(b, v.u.s, v.len);
        return hc_buf_ok(b) ? HC_OK : HC_ERR_NOMEM;
    }
    if (bytes_list(v)) {
        if (v.u.l)
            hc_list_foreach(v.u.l, item)
                hc_buf_addc(b, (char)(uint8_t)item->u.i);
        return hc_buf_ok(b) ? HC_OK : HC_ERR_NOMEM;
    }
    if (v.kind == HC_MISSING)
        v = hc_null();
    /* Sprintf("%v") of one operand; fmt itself calls Error() and String(). */
    return hc_gofmt_sprint(b, &v, 1);
}

hc_status hc_cast_strval(struct hc_arena *a, hc_val v, hc_val *out)
{
    if (v.kind == HC_STRING) {
        *out = hc_strn(v.u.s, v.len);
        return HC_OK;
    }
    struct hc_buf b = HC_BUF_INIT;
    hc_status rc = hc_cast_strval_buf(&b, v);
    if (rc == HC_OK && b.len > HC_VAL_MAX_LEN)
        rc = HC_ERR_NOMEM;
    if (rc == HC_OK)
        rc = hc_str_dup(a, hc_buf_str(&b), b.len, out);
    hc_buf_release(&b);
    return rc;
}

hc_status hc_cast_slice(struct hc_arena *a, hc_val v, bool *is_slice, const hc_val **items,
                        uint32_t *n)
{
    *is_slice = false;
    *items = NULL;
    *n = 0;
    v = hc_exec_underlying(v); /* a named slice type (common.VersionSet) is a slice */
    if (v.kind == HC_LIST) {
        *is_slice = true;
        if (v.u.l) {
            *items = v.u.l->items;
            *n = v.u.l->len;
        }
        return HC_OK;
    }
    if (v.kind == HC_STRING && v.gotype == HC_GT_BYTES) {
        *is_slice = true;
        if (v.len == 0)
            return HC_OK;
        struct hc_list *l = hc_list_new(a, v.len);
        if (!l)
            return HC_ERR_NOMEM;
        for (uint32_t i = 0; i < v.len; i++)
            l->items[i] = hc_int_typed((uint8_t)v.u.s[i], HC_GT_UINT8);
        *items = l->items;
        *n = v.len;
    }
    return HC_OK;
}

hc_status hc_cast_strslice(struct hc_arena *a, hc_val v, hc_val *out)
{
    if (v.kind == HC_LIST && v.gotype == HC_GT_STRLIST) {
        *out = v;
        return HC_OK;
    }
    bool is_slice;
    const hc_val *items;
    uint32_t n;
    hc_status rc = hc_cast_slice(a, v, &is_slice, &items, &n);
    if (rc != HC_OK)
        return rc;
    if (!is_slice) {
        if (v.kind == HC_NULL || v.kind == HC_MISSING)
            n = 0;
        else
            n = 1;
        items = &v;
    }
    struct hc_list *l = hc_list_new(a, n);
    if (!l)
        return HC_ERR_NOMEM;
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (items[i].kind == HC_NULL || items[i].kind == HC_MISSING)
            continue;
        rc = hc_cast_strval(a, items[i], &l->items[k]);
        if (rc != HC_OK)
            return rc;
        k++;
    }
    l->len = l->avail = k; /* Go's make([]string, 0, n) skipping nils: the capacity stays n */
    *out = hc_list_val(l, HC_GT_STRLIST);
    return HC_OK;
}
