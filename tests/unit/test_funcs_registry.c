/*
 * test_funcs_registry.c - the function set of a render (src/funcs/registry.c).
 *
 * Helm's funcMap() is Go's builtins, Sprig's TxtFuncMap minus env and
 * expandenv, and Helm's own functions.  The set's names must be exactly the
 * 239 names the oracle (helm v4.1.4) accepts in a template, sorted and unique,
 * and Helm's rows must be the ones that replaced Sprig's (fromJson).
 */
#include "test.h"

#include "funcs/helm.h"
#include "template/func.h"

/* Every function name helm v4.1.4 parses, in byte order. */
static const char *const helm_names[] = {
    "abbrev",
    "abbrevboth",
    "add",
    "add1",
    "add1f",
    "addf",
    "adler32sum",
    "ago",
    "all",
    "and",
    "any",
    "append",
    "atoi",
    "b32dec",
    "b32enc",
    "b64dec",
    "b64enc",
    "base",
    "bcrypt",
    "biggest",
    "buildCustomCert",
    "call",
    "camelcase",
    "cat",
    "ceil",
    "chunk",
    "clean",
    "coalesce",
    "compact",
    "concat",
    "contains",
    "date",
    "dateInZone",
    "dateModify",
    "date_in_zone",
    "date_modify",
    "decryptAES",
    "deepCopy",
    "deepEqual",
    "default",
    "derivePassword",
    "dict",
    "dig",
    "dir",
    "div",
    "divf",
    "duration",
    "durationRound",
    "empty",
    "encryptAES",
    "eq",
    "ext",
    "fail",
    "first",
    "float64",
    "floor",
    "fromJson",
    "fromJsonArray",
    "fromToml",
    "fromYaml",
    "fromYamlArray",
    "ge",
    "genCA",
    "genCAWithKey",
    "genPrivateKey",
    "genSelfSignedCert",
    "genSelfSignedCertWithKey",
    "genSignedCert",
    "genSignedCertWithKey",
    "get",
    "getHostByName",
    "gt",
    "has",
    "hasKey",
    "hasPrefix",
    "hasSuffix",
    "hello",
    "html",
    "htmlDate",
    "htmlDateInZone",
    "htpasswd",
    "include",
    "indent",
    "index",
    "initial",
    "initials",
    "int",
    "int64",
    "isAbs",
    "join",
    "js",
    "kebabcase",
    "keys",
    "kindIs",
    "kindOf",
    "last",
    "le",
    "len",
    "list",
    "lookup",
    "lower",
    "lt",
    "max",
    "maxf",
    "merge",
    "mergeOverwrite",
    "min",
    "minf",
    "mod",
    "mul",
    "mulf",
    "mustAppend",
    "mustChunk",
    "mustCompact",
    "mustDateModify",
    "mustDeepCopy",
    "mustFirst",
    "mustFromJson",
    "mustHas",
    "mustInitial",
    "mustLast",
    "mustMerge",
    "mustMergeOverwrite",
    "mustPrepend",
    "mustPush",
    "mustRegexFind",
    "mustRegexFindAll",
    "mustRegexMatch",
    "mustRegexReplaceAll",
    "mustRegexReplaceAllLiteral",
    "mustRegexSplit",
    "mustRest",
    "mustReverse",
    "mustSlice",
    "mustToDate",
    "mustToJson",
    "mustToPrettyJson",
    "mustToRawJson",
    "mustToYaml",
    "mustUniq",
    "mustWithout",
    "must_date_modify",
    "ne",
    "nindent",
    "nospace",
    "not",
    "now",
    "omit",
    "or",
    "osBase",
    "osClean",
    "osDir",
    "osExt",
    "osIsAbs",
    "pick",
    "pluck",
    "plural",
    "prepend",
    "print",
    "printf",
    "println",
    "push",
    "quote",
    "randAlpha",
    "randAlphaNum",
    "randAscii",
    "randBytes",
    "randInt",
    "randNumeric",
    "regexFind",
    "regexFindAll",
    "regexMatch",
    "regexQuoteMeta",
    "regexReplaceAll",
    "regexReplaceAllLiteral",
    "regexSplit",
    "repeat",
    "replace",
    "required",
    "rest",
    "reverse",
    "round",
    "semver",
    "semverCompare",
    "seq",
    "set",
    "sha1sum",
    "sha256sum",
    "sha512sum",
    "shuffle",
    "slice",
    "snakecase",
    "sortAlpha",
    "split",
    "splitList",
    "splitn",
    "squote",
    "sub",
    "subf",
    "substr",
    "swapcase",
    "ternary",
    "title",
    "toDate",
    "toDecimal",
    "toJson",
    "toPrettyJson",
    "toRawJson",
    "toString",
    "toStrings",
    "toToml",
    "toYaml",
    "toYamlPretty",
    "tpl",
    "trim",
    "trimAll",
    "trimPrefix",
    "trimSuffix",
    "trimall",
    "trunc",
    "tuple",
    "typeIs",
    "typeIsLike",
    "typeOf",
    "uniq",
    "unixEpoch",
    "unset",
    "until",
    "untilStep",
    "untitle",
    "upper",
    "urlJoin",
    "urlParse",
    "urlquery",
    "uuidv4",
    "values",
    "without",
    "wrap",
    "wrapWith",
};

static void test_names_are_helms(void **state)
{
    (void)state;
    const struct hc_funcset *fs = hc_funcs_helm_set();
    assert_non_null(fs);
    assert_int_equal(ARRAY_LEN(helm_names), 239);
    size_t i = 0;
    for (; i < fs->len && i < ARRAY_LEN(helm_names); i++)
        assert_string_equal(fs->rows[i]->name, helm_names[i]);
    assert_int_equal(fs->len, ARRAY_LEN(helm_names));
    for (i = 1; i < fs->len; i++)
        assert_true(strcmp(fs->rows[i - 1]->name, fs->rows[i]->name) < 0);
}

static void test_lookup(void **state)
{
    (void)state;
    const struct hc_funcset *fs = hc_funcs_helm_set();
    assert_non_null(fs);
    for (size_t i = 0; i < ARRAY_LEN(helm_names); i++) {
        const struct hc_func *f = hc_funcset_find(fs, helm_names[i], strlen(helm_names[i]));
        assert_non_null(f);
        assert_string_equal(f->name, helm_names[i]);
    }
    /* Helm deletes Sprig's env and expandenv */
    assert_null(hc_funcset_find(fs, "env", 3));
    assert_null(hc_funcset_find(fs, "expandenv", 9));
    /* names Helm does not have (mustToToml arrived after v4.1.4) */
    assert_null(hc_funcset_find(fs, "mustToToml", 10));
    assert_null(hc_funcset_find(fs, "mustFromYaml", 12));
}

/* Helm's rows replace Sprig's of the same name: the set uses the helm table's. */
static void test_helm_rows_win(void **state)
{
    (void)state;
    const struct hc_funcset *fs = hc_funcs_helm_set();
    assert_non_null(fs);
    for (size_t i = 0; i < hc_funcs_helm_len; i++) {
        const char *name = hc_funcs_helm[i].name;
        const struct hc_func *f = hc_funcset_find(fs, name, strlen(name));
        assert_non_null(f);
        assert_ptr_equal(f, &hc_funcs_helm[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_are_helms),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_helm_rows_win),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
