/*
 * test_cli_options.c - the command line: argv -> command, flag values, arguments, or the
 * exact error helm prints; the Go conversions flags rely on; the command tables' sanity.
 *
 * Expected messages were taken from helm v4.1.4 (with "helm" read as "helmc").
 */
#include "test.h"

#include <math.h>

/* case tables name the fields they need and leave the rest zero */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "base/alloc.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/goconv.h"

static const struct hc_command *const commands[] = {
    &hc_cmd_create,
    &hc_cmd_dependency,
    &hc_cmd_pull,
    &hc_cmd_show,
    &hc_cmd_lint,
    &hc_cmd_package,
    &hc_cmd_repo,
    &hc_cmd_search,
    &hc_cmd_verify,
    &hc_cmd_get,
    &hc_cmd_history,
    &hc_cmd_install,
    &hc_cmd_list,
    &hc_cmd_test,
    &hc_cmd_rollback,
    &hc_cmd_status,
    &hc_cmd_template,
    &hc_cmd_uninstall,
    &hc_cmd_upgrade,
    &hc_cmd_completion,
    &hc_cmd_env,
    &hc_cmd_plugin,
    &hc_cmd_version,
    &hc_cmd_docs,
    &hc_cmd_registry,
    &hc_cmd_push,
    &hc_cmd_orphans,
    &hc_cmd_diff,
    &hc_cmd_help,
    NULL,
};

static const struct hc_command root = {
    .use = "helmc",
    .summary = "test root",
    .description = hc_cli_root_description,
    .args = HC_ARGS_ANY,
    .subcommands = commands,
};

/* ---- a fake environment ---- */

static const char *const *env_vars;
static const char *const default_env[] = {"HOME=/home/u", NULL};

static const char *fake_getenv(const char *name)
{
    size_t n = strlen(name);
    for (const char *const *e = env_vars; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

/* ---- argv -> parse result ---- */

struct parse_case {
    const char *name;
    const char *argv[12];
    enum hc_cli_action action;
    const char *want;      /* the error message, or the command path found */
    const char *args;      /* RUN: positional arguments joined by '|' (NULL: not checked) */
    const char *values[6]; /* "flag=VALUE", VALUE as pflag's String() prints it */
    const char *env[4];    /* extra environment */
    const char *notices;   /* expected deprecation notices (NULL: none) */
    const char *log;       /* expected warnings (NULL: none) */
};

#define RUN  HC_CLI_RUN
#define HELP HC_CLI_HELP
#define ERR  HC_CLI_ERROR

static const struct parse_case parse_cases[] = {
    /* finding commands */
    {"version", {"version"}, RUN, "helmc version", ""},
    {"no arguments prints help", {NULL}, HELP, "helmc"},
    {"empty word is no command", {""}, HELP, "helmc"},
    {"alias", {"dep", "up", "c"}, RUN, "helmc dependency update", "c"},
    {"alias ls", {"ls"}, RUN, "helmc list", ""},
    {"group without body prints help", {"repo"}, HELP, "helmc repo"},
    {"group ignores unknown words", {"repo", "foo"}, HELP, "helmc repo"},
    {"hidden command runs", {"orphans", "r"}, RUN, "helmc orphans", "r"},
    {"unknown command", {"foo"}, HC_CLI_ERROR_RUN, "unknown command \"foo\" for \"helmc\""},
    {"unknown command wins over flags",
     {"foo", "--bogus"},
     HC_CLI_ERROR_RUN,
     "unknown command \"foo\" for \"helmc\""},
    {"suggestion",
     {"templat"},
     HC_CLI_ERROR_RUN,
     "unknown command \"templat\" for \"helmc\"\n\nDid you mean this?\n\ttemplate\n"},
    {"suggestions in registration order",
     {"st"},
     HC_CLI_ERROR_RUN,
     "unknown command \"st\" for \"helmc\"\n\nDid you mean this?\n\tget\n\tlist\n\ttest\n"
     "\tstatus\n"},
    {"global flag before the command",
     {"-n", "ns", "template", "c"},
     RUN,
     "helmc template",
     "c",
     {"namespace=ns"}},
    {"bool global does not take the command",
     {"--debug", "version"},
     RUN,
     "helmc version",
     "",
     {"debug=true"}},
    {"unknown flag takes the next word", {"--bogus", "version"}, ERR, "unknown flag: --bogus"},
    {"-h before a word is the root's", {"-h", "version"}, HELP, "helmc"},
    {"-- stops the search", {"--", "version"}, HELP, "helmc"},
    {"- is an argument",
     {"version", "-"},
     ERR,
     "\"helmc version\" accepts no arguments\n\nUsage:  helmc version [flags]"},

    /* flag syntax */
    {"long with separate value",
     {"template", "c", "--set", "a=1"},
     RUN,
     "helmc template",
     "c",
     {"set=[a=1]"}},
    {"long with =", {"template", "--set=a=1", "c"}, RUN, "helmc template", "c", {"set=[a=1]"}},
    {"short with separate value",
     {"template", "-s", "t.yaml", "c"},
     RUN,
     "helmc template",
     "c",
     {"show-only=[t.yaml]"}},
    {"short with attached value",
     {"template", "-st.yaml", "c"},
     RUN,
     "helmc template",
     "c",
     {"show-only=[t.yaml]"}},
    {"short with =",
     {"template", "-s=t.yaml", "c"},
     RUN,
     "helmc template",
     "c",
     {"show-only=[t.yaml]"}},
    {"bool cluster then value",
     {"template", "-gs", "t.yaml", "c"},
     RUN,
     "helmc template",
     "c",
     {"generate-name=true", "show-only=[t.yaml]"}},
    {"bool =false", {"version", "--short=false"}, RUN, "helmc version", "", {"short=false"}},
    {"bool takes no separate value",
     {"version", "--short", "false"},
     ERR,
     "\"helmc version\" accepts no arguments\n\nUsage:  helmc version [flags]"},
    {"flags among arguments",
     {"template", "NAME", "--debug", "CHART", "-n", "x", "--set", "y=1"},
     RUN,
     "helmc template",
     "NAME|CHART",
     {"debug=true", "namespace=x", "set=[y=1]"}},
    {"-- ends flags",
     {"template", "a", "--", "--set", "x"},
     RUN,
     "helmc template",
     "a|--set|x",
     {"set=[]"}},
    {"go test flags pass", {"version", "-test.v"}, RUN, "helmc version", ""},
    {"--help=false runs",
     {"version", "--help=false", "--short"},
     RUN,
     "helmc version",
     "",
     {"short=true"}},
    {"-h prints help", {"template", "-h"}, HELP, "helmc template"},
    {"help wins over missing arguments", {"history", "--help"}, HELP, "helmc history"},

    /* repeatable flags: stringArray keeps commas, stringSlice splits them */
    {"stringArray repeats",
     {"template", "c", "--set", "a=1,b=2", "--set", "c=3"},
     RUN,
     "helmc template",
     "c",
     {"set=[\"a=1,b=2\",c=3]"}},
    {"stringSlice splits",
     {"template", "c", "-f", "a.yaml", "-f", "b.yaml,c.yaml"},
     RUN,
     "helmc template",
     "c",
     {"values=[a.yaml,b.yaml,c.yaml]"}},
    {"stringSlice quoted comma",
     {"template", "c", "-a", "x,\"y,z\""},
     RUN,
     "helmc template",
     "c",
     {"api-versions=[x,\"y,z\"]"}},
    {"stringSlice empty value",
     {"template", "c", "-f", ""},
     RUN,
     "helmc template",
     "c",
     {"values=[]"}},
    {"stringToString",
     {"template", "c", "-l", "b=2,a=1", "-l", "c=3"},
     RUN,
     "helmc template",
     "c",
     {"labels=[a=1,b=2,c=3]"}},
    {"stringToString one pair keeps commas",
     {"template", "c", "-l", "a=b,c"},
     RUN,
     "helmc template",
     "c",
     {"labels=[\"a=b,c\"]"}},

    /* optional values */
    {"--wait alone",
     {"template", "--wait", "c"},
     RUN,
     "helmc template",
     "c",
     {"wait=watcher", "timeout=5m0s"}},
    {"--wait=legacy",
     {"template", "--wait=legacy", "c"},
     RUN,
     "helmc template",
     "c",
     {"wait=legacy"}},
    {"--wait=true warns",
     {"template", "--wait=true", "c"},
     RUN,
     "helmc template",
     "c",
     {"wait=watcher"},
     .log = "level=WARN msg=\"--wait=true is deprecated (boolean value) and can be replaced with "
            "--wait=watcher\"\n"},
    {"--dry-run alone",
     {"template", "--dry-run", "c"},
     RUN,
     "helmc template",
     "c",
     {"dry-run=unset"}},

    /* values of each kind */
    {"int with base prefix",
     {"history", "--max", "0x10", "r"},
     RUN,
     "helmc history",
     "r",
     {"max=16"}},
    {"int with underscores",
     {"history", "--max=1_000", "r"},
     RUN,
     "helmc history",
     "r",
     {"max=1000"}},
    {"duration",
     {"template", "--timeout", "90s", "c"},
     RUN,
     "helmc template",
     "c",
     {"timeout=1m30s"}},
    {"float32", {"--qps", "2.5", "version"}, RUN, "helmc version", "", {"qps=2.5"}},
    {"uint",
     {"search", "hub", "--max-col-width", "0o17"},
     RUN,
     "helmc search hub",
     "",
     {"max-col-width=15"}},
    {"klog flags are accepted",
     {"-v", "3", "--logtostderr=false", "version"},
     RUN,
     "helmc version",
     ""},

    /* flag errors */
    {"unknown flag", {"template", "--bogus"}, ERR, "unknown flag: --bogus"},
    {"unknown flag with value", {"template", "--bogus=1"}, ERR, "unknown flag: --bogus"},
    {"unknown shorthand", {"template", "-x"}, ERR, "unknown shorthand flag: 'x' in -x"},
    {"unknown shorthand in a cluster",
     {"template", "-gx"},
     ERR,
     "unknown shorthand flag: 'x' in -x"},
    {"long flag needs an argument", {"template", "--set"}, ERR, "flag needs an argument: --set"},
    {"short flag needs an argument", {"template", "-n"}, ERR, "flag needs an argument: 'n' in -n"},
    {"bad flag syntax", {"--=x", "version"}, ERR, "bad flag syntax: --=x"},
    {"bad bool",
     {"version", "--short=maybe"},
     ERR,
     "invalid argument \"maybe\" for \"--short\" flag: strconv.ParseBool: parsing \"maybe\": "
     "invalid syntax"},
    {"bad int",
     {"history", "--max", "x", "r"},
     ERR,
     "invalid argument \"x\" for \"--max\" flag: strconv.ParseInt: parsing \"x\": invalid "
     "syntax"},
    {"int out of range",
     {"history", "--max", "9223372036854775808", "r"},
     ERR,
     "invalid argument \"9223372036854775808\" for \"--max\" flag: strconv.ParseInt: parsing "
     "\"9223372036854775808\": value out of range"},
    {"negative uint",
     {"search", "hub", "--max-col-width", "-1"},
     ERR,
     "invalid argument \"-1\" for \"--max-col-width\" flag: strconv.ParseUint: parsing \"-1\": "
     "invalid syntax"},
    {"float out of range",
     {"--qps", "1e40", "version"},
     ERR,
     "invalid argument \"1e40\" for \"--qps\" flag: strconv.ParseFloat: parsing \"1e40\": value "
     "out of range"},
    {"duration without unit",
     {"template", "--timeout", "5"},
     ERR,
     "invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\""},
    {"duration with unknown unit",
     {"template", "--timeout", "5x"},
     ERR,
     "invalid argument \"5x\" for \"--timeout\" flag: time: unknown unit \"x\" in duration "
     "\"5x\""},
    {"bad CSV",
     {"template", "-f", "a\"b"},
     ERR,
     "invalid argument \"a\\\"b\" for \"-f, --values\" flag: parse error on line 1, column 2: "
     "bare \" in non-quoted-field"},
    {"bad pair",
     {"template", "--labels", "a"},
     ERR,
     "invalid argument \"a\" for \"-l, --labels\" flag: a must be formatted as key=value"},
    {"bad wait",
     {"template", "--wait=bogus"},
     ERR,
     "invalid argument \"bogus\" for \"--wait\" flag: invalid wait input \"bogus\". Valid "
     "inputs are watcher, hookOnly, and legacy"},
    {"bad output format",
     {"history", "-o", "bogus", "r"},
     ERR,
     "invalid argument \"bogus\" for \"-o, --output\" flag: invalid format type"},
    {"bad klog level",
     {"--v=x", "version"},
     ERR,
     "invalid argument \"x\" for \"-v, --v\" flag: strconv.ParseInt: parsing \"x\": invalid "
     "syntax"},
    {"bad klog bool",
     {"--logtostderr=x", "version"},
     ERR,
     "invalid argument \"x\" for \"--logtostderr\" flag: parse error"},

    /* argument counts, worded by helm's require package */
    {"minimum",
     {"template"},
     ERR,
     "\"helmc template\" requires at least 1 argument\n\nUsage:  helmc template [NAME] [CHART] "
     "[flags]"},
    {"exact",
     {"history", "a", "b"},
     ERR,
     "\"helmc history\" requires 1 argument\n\nUsage:  helmc history RELEASE_NAME [flags]"},
    {"exact two",
     {"upgrade", "a"},
     ERR,
     "\"helmc upgrade\" requires 2 arguments\n\nUsage:  helmc upgrade [RELEASE] [CHART] [flags]"},
    {"maximum",
     {"dep", "list", "a", "b"},
     ERR,
     "\"helmc dependency list\" accepts at most 1 argument\n\nUsage:  helmc dependency list "
     "CHART [flags]"},
    {"none", {"ls", "a"}, ERR, "\"helmc list\" accepts no arguments\n\nUsage:  helmc list [flags]"},

    /* mutually exclusive and deprecated flags */
    {"exclusive",
     {"template", "--force", "--force-conflicts", "c"},
     ERR,
     "if any flags in the group [force force-conflicts] are set none of the others can be; "
     "[force force-conflicts] were all set",
     .notices = "Flag --force has been deprecated, use --force-replace instead\n"},
    {"exclusive names sorted",
     {"template", "--validate", "--dry-run=client", "c"},
     ERR,
     "if any flags in the group [validate dry-run] are set none of the others can be; "
     "[dry-run validate] were all set",
     .notices = "Flag --validate has been deprecated, use '--dry-run=server' instead\n"},
    {"deprecated alias sets its target",
     {"template", "--atomic", "c"},
     RUN,
     "helmc template",
     "c",
     {"rollback-on-failure=true"},
     .notices = "Flag --atomic has been deprecated, use --rollback-on-failure instead\n"},

    /* helm's quirks */
    {"color is checked first",
     {"--color", "bogus", "version"},
     HC_CLI_ERROR_LOG,
     "level=WARN msg=\"command failed\" error=\"invalid color mode \\\"bogus\\\": must be one of: "
     "never, auto, always\"\n"},
    {"global arrays are parsed twice",
     {"--kube-as-group", "a", "version"},
     RUN,
     "helmc version",
     "",
     {"kube-as-group=[a,a]"}},

    /* environment defaults */
    {"namespace from the environment",
     {"version"},
     RUN,
     "helmc version",
     "",
     {"namespace=env-ns", "debug=true"},
     {"HELM_NAMESPACE=env-ns", "HELM_DEBUG=1"}},
    {"flag beats the environment",
     {"-n", "flag-ns", "version"},
     RUN,
     "helmc version",
     "",
     {"namespace=flag-ns"},
     {"HELM_NAMESPACE=env-ns"}},
    {"history-max from the environment",
     {"upgrade", "a", "b"},
     RUN,
     "helmc upgrade",
     "a|b",
     {"history-max=7"},
     {"HELM_MAX_HISTORY=7"}},
    {"paths from HOME",
     {"version"},
     RUN,
     "helmc version",
     "",
     {"repository-config=/home/u/.config/helm/repositories.yaml",
      "repository-cache=/home/u/.cache/helm/repository",
      "registry-config=/home/u/.config/helm/registry/config.json",
      "content-cache=/home/u/.cache/helm/content"}},
    {"paths from XDG and HELM homes",
     {"version"},
     RUN,
     "helmc version",
     "",
     {"repository-config=/cfg/repositories.yaml", "repository-cache=/xc/helm/repository"},
     {"HELM_CONFIG_HOME=/cfg/", "XDG_CACHE_HOME=/xc"}},
    {"keyring from GNUPGHOME",
     {"template", "c"},
     RUN,
     "helmc template",
     "c",
     {"keyring=/g/pubring.gpg"},
     {"GNUPGHOME=/g/"}},
    {"keyring from HOME",
     {"template", "c"},
     RUN,
     "helmc template",
     "c",
     {"keyring=/home/u/.gnupg/pubring.gpg"}},
    {"NO_COLOR",
     {"version"},
     RUN,
     "helmc version",
     "",
     {"color=never"},
     {"NO_COLOR=1", "HELM_COLOR=always"}},
};

static void check_value(struct hc_cli *cli, const char *spec)
{
    const char *eq = strchr(spec, '=');
    assert_non_null(eq);
    size_t n = (size_t)(eq - spec);
    const struct hc_option *opt = NULL;
    const void *base = NULL;
    for (const struct hc_option *o = cli->cmd->options; o && o->name && !opt; o++)
        if (strlen(o->name) == n && memcmp(o->name, spec, n) == 0)
            opt = o, base = cli->opts;
    for (const struct hc_option *o = hc_global_options; o->name && !opt; o++)
        if (strlen(o->name) == n && memcmp(o->name, spec, n) == 0)
            opt = o, base = &cli->g;
    if (!opt)
        fail_msg("no flag %.*s", (int)n, spec);
    struct hc_buf b = HC_BUF_INIT;
    hc_opts_format_value(&b, opt, base);
    if (strcmp(hc_buf_str(&b), eq + 1) != 0)
        fail_msg("%s: got %s", spec, hc_buf_str(&b));
    hc_buf_release(&b);
}

static void run_parse_case(const struct parse_case *c)
{
    const char *env[8];
    size_t ne = 0;
    for (size_t i = 0; i < ARRAY_LEN(c->env) && c->env[i]; i++)
        env[ne++] = c->env[i];
    for (const char *const *e = default_env; *e; e++)
        env[ne++] = *e;
    env[ne] = NULL;
    env_vars = env;

    int argc = 0;
    while (argc < (int)ARRAY_LEN(c->argv) && c->argv[argc])
        argc++;
    struct hc_cli cli;
    hc_cli_init(&cli, &root, fake_getenv);
    enum hc_cli_action a = hc_cli_parse(&cli, argc, c->argv);
    if (a != c->action)
        fail_msg("%s: action %d, want %d (%s)", c->name, a, c->action, hc_buf_str(&cli.msg));
    if (a == HC_CLI_RUN || a == HC_CLI_HELP) {
        const char *path = hc_cli_command_path(&cli, cli.path, cli.depth);
        if (strcmp(path, c->want) != 0)
            fail_msg("%s: command %s, want %s", c->name, path, c->want);
    } else if (strcmp(hc_buf_str(&cli.msg), c->want) != 0) {
        fail_msg("%s: message\n%s\nwant\n%s", c->name, hc_buf_str(&cli.msg), c->want);
    }
    if (c->args) {
        struct hc_buf b = HC_BUF_INIT;
        for (size_t i = 0; i < cli.nargs; i++)
            hc_buf_printf(&b, "%s%s", i ? "|" : "", cli.args[i]);
        if (strcmp(hc_buf_str(&b), c->args) != 0)
            fail_msg("%s: arguments %s, want %s", c->name, hc_buf_str(&b), c->args);
        hc_buf_release(&b);
    }
    for (size_t i = 0; i < ARRAY_LEN(c->values) && c->values[i]; i++)
        check_value(&cli, c->values[i]);
    if (strcmp(hc_buf_str(&cli.notices), c->notices ? c->notices : "") != 0)
        fail_msg("%s: notices %s", c->name, hc_buf_str(&cli.notices));
    if (strcmp(hc_buf_str(&cli.log), c->log ? c->log : "") != 0)
        fail_msg("%s: log %s", c->name, hc_buf_str(&cli.log));
    hc_cli_release(&cli);
}

static void test_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(parse_cases); i++)
        run_parse_case(&parse_cases[i]);
}

/* Every allocation failing in turn: parsing reports an error or succeeds, never crashes or
 * leaks (LeakSanitizer checks the latter). */
static void test_parse_allocation_failures(void **state)
{
    (void)state;
    const char *argv[] = {
        "--kube-as-group", "g",   "template", "a",       "b",      "-f",        "x,y",
        "--set",           "k=v", "-l",       "a=b,c=d", "--wait", "--timeout", "1m"};
    env_vars = default_env;
    for (long n = 0;; n++) {
        struct hc_cli cli;
        hc_alloc_fail_after(n);
        hc_cli_init(&cli, &root, fake_getenv);
        enum hc_cli_action a = hc_cli_parse(&cli, (int)ARRAY_LEN(argv), argv);
        struct hc_buf help = HC_BUF_INIT;
        if (a == HC_CLI_RUN)
            hc_cli_help(&cli, cli.path, cli.depth, &help);
        bool done = hc_alloc_fail_after(-1) <= n && a == HC_CLI_RUN;
        hc_buf_release(&help);
        hc_cli_release(&cli);
        if (done)
            break;
        assert_true(n < 100000);
    }
}

/* ---- the tables ---- */

static void check_options(const struct hc_command *c, const struct hc_option *opts)
{
    for (const struct hc_option *o = opts; o && o->name; o++) {
        assert_true(strlen(o->name) > 0);
        assert_non_null(o->help);
        for (const struct hc_option *p = o + 1; p->name; p++) {
            if (strcmp(o->name, p->name) == 0 || (o->shorthand && o->shorthand == p->shorthand))
                fail_msg("%s: flags %s and %s clash", c->use, o->name, p->name);
        }
        if (opts != hc_global_options)
            for (const struct hc_option *g = hc_global_options; g->name; g++)
                if (strcmp(o->name, g->name) == 0 || (o->shorthand && o->shorthand == g->shorthand))
                    fail_msg("%s: flag %s shadows global %s", c->use, o->name, g->name);
        if (o->shorthand == 'h')
            fail_msg("%s: -h is help's", c->use);
    }
}

static void check_command(const struct hc_command *c)
{
    size_t n = hc_cmd_name_len(c);
    assert_true(n > 0);
    assert_non_null(c->summary);
    assert_true(c->run || c->subcommands);
    if (c->options) {
        assert_true(c->options_size > 0);
        /* every default in the table parses */
        struct hc_arena a;
        hc_arena_init(&a, 0);
        void *opts = hc_arena_zalloc(&a, c->options_size);
        assert_true(hc_opts_init(&a, c->options, opts));
        hc_arena_free(&a);
    }
    check_options(c, c->options);
    for (const struct hc_command *const *s = c->subcommands; s && *s; s++) {
        for (const struct hc_command *const *t = s + 1; *t; t++) {
            size_t m = hc_cmd_name_len(*t);
            if (m == hc_cmd_name_len(*s) && memcmp((*s)->use, (*t)->use, m) == 0)
                fail_msg("%s: two subcommands %.*s", c->use, (int)m, (*t)->use);
        }
        check_command(*s);
    }
}

static void test_tables(void **state)
{
    (void)state;
    check_options(&root, hc_global_options);
    check_command(&root);
}

/* ---- Go's conversions ---- */

static void test_parse_int(void **state)
{
    (void)state;
    struct {
        const char *s;
        int base, bits;
        enum hc_numerr e;
        int64_t v;
    } cases[] = {
        {"0", 0, 64, HC_NUM_OK, 0},
        {"-42", 0, 64, HC_NUM_OK, -42},
        {"+7", 0, 64, HC_NUM_OK, 7},
        {"0x1F", 0, 64, HC_NUM_OK, 31},
        {"0b101", 0, 64, HC_NUM_OK, 5},
        {"0o17", 0, 64, HC_NUM_OK, 15},
        {"017", 0, 64, HC_NUM_OK, 15},
        {"08", 0, 64, HC_NUM_SYNTAX, 0},
        {"0x", 0, 64, HC_NUM_SYNTAX, 0},
        {"1_000", 0, 64, HC_NUM_OK, 1000},
        {"1_000", 10, 64, HC_NUM_SYNTAX, 0},
        {"_1", 0, 64, HC_NUM_SYNTAX, 0},
        {"1__0", 0, 64, HC_NUM_SYNTAX, 0},
        {"0x_1", 0, 64, HC_NUM_OK, 1},
        {"", 0, 64, HC_NUM_SYNTAX, 0},
        {"-", 0, 64, HC_NUM_SYNTAX, 0},
        {"9223372036854775807", 0, 64, HC_NUM_OK, INT64_MAX},
        {"-9223372036854775808", 0, 64, HC_NUM_OK, INT64_MIN},
        {"9223372036854775808", 0, 64, HC_NUM_RANGE, INT64_MAX},
        {"-9223372036854775809", 0, 64, HC_NUM_RANGE, INT64_MIN},
        {"99999999999999999999", 0, 64, HC_NUM_RANGE, INT64_MAX},
        {"2147483648", 10, 32, HC_NUM_RANGE, 2147483647},
        {"1x", 0, 64, HC_NUM_SYNTAX, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        int64_t v;
        enum hc_numerr e = hc_cli_parse_int(cases[i].s, cases[i].base, cases[i].bits, &v);
        if (e != cases[i].e || v != cases[i].v)
            fail_msg("ParseInt(%s): %d %lld", cases[i].s, e, (long long)v);
    }
    uint64_t u;
    assert_int_equal(hc_cli_parse_uint("18446744073709551615", 0, 64, &u), HC_NUM_OK);
    assert_true(u == UINT64_MAX);
    assert_int_equal(hc_cli_parse_uint("18446744073709551616", 0, 64, &u), HC_NUM_RANGE);
    assert_int_equal(hc_cli_parse_uint("-1", 0, 64, &u), HC_NUM_SYNTAX);
}

static void test_parse_float32(void **state)
{
    (void)state;
    struct {
        const char *s;
        enum hc_numerr e;
        float v;
    } cases[] = {
        {"2.5", HC_NUM_OK, 2.5f},
        {".5", HC_NUM_OK, 0.5f},
        {"5.", HC_NUM_OK, 5.0f},
        {"1e3", HC_NUM_OK, 1000.0f},
        {"1_0", HC_NUM_OK, 10.0f},
        {"0x1p3", HC_NUM_OK, 8.0f},
        {"-0x1.8p1", HC_NUM_OK, -3.0f},
        {"1e40", HC_NUM_RANGE, INFINITY},
        {"0x1", HC_NUM_SYNTAX, 0},
        {"inf", HC_NUM_OK, INFINITY},
        {"-Infinity", HC_NUM_OK, -INFINITY},
        {"infx", HC_NUM_SYNTAX, 0},
        {"x", HC_NUM_SYNTAX, 0},
        {"", HC_NUM_SYNTAX, 0},
        {"1e", HC_NUM_SYNTAX, 0},
        {".", HC_NUM_SYNTAX, 0},
        {"1_", HC_NUM_SYNTAX, 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        float v;
        enum hc_numerr e = hc_cli_parse_float32(cases[i].s, &v);
        if (e != cases[i].e || (e != HC_NUM_SYNTAX && v != cases[i].v))
            fail_msg("ParseFloat(%s): %d %g", cases[i].s, e, (double)v);
    }
    float nan;
    assert_int_equal(hc_cli_parse_float32("NaN", &nan), HC_NUM_OK);
    assert_true(isnan(nan));
    assert_int_equal(hc_cli_parse_float32("+nan", &nan), HC_NUM_SYNTAX);
}

static void test_format_float32(void **state)
{
    (void)state;
    struct {
        float f;
        const char *want;
    } cases[] = {
        {0, "0"},
        {2.5f, "2.5"},
        {0.1f, "0.1"},
        {100, "100"},
        {123456, "123456"},
        {1234567, "1.234567e+06"},
        {1e7f, "1e+07"},
        {0.0001f, "0.0001"},
        {0.00001f, "1e-05"},
        {-3.25e-7f, "-3.25e-07"},
        {INFINITY, "+Inf"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_buf b = HC_BUF_INIT;
        hc_cli_format_float32(&b, cases[i].f);
        assert_string_equal(hc_buf_str(&b), cases[i].want);
        hc_buf_release(&b);
    }
}

static void test_duration(void **state)
{
    (void)state;
    struct {
        const char *s;
        const char *want; /* String() of the result, or the error */
    } cases[] = {
        {"5m0s", "5m0s"},
        {"90s", "1m30s"},
        {"1h2m3.5s", "1h2m3.5s"},
        {"-1.5h", "-1h30m0s"},
        {".5s", "500ms"},
        {"1us2ns", "1.002\xc2\xb5s"},
        {"1\xce\xbcs", "1\xc2\xb5s"},
        {"0", "0s"},
        {"-0", "0s"},
        {"300ms", "300ms"},
        {"9223372036854775807ns", "2562047h47m16.854775807s"},
        {"9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\""},
        {"", "time: invalid duration \"\""},
        {"5", "time: missing unit in duration \"5\""},
        {"5x", "time: unknown unit \"x\" in duration \"5x\""},
        {".s", "time: invalid duration \".s\""},
        {"1\xc3\xa9", "time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\""},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_buf b = HC_BUF_INIT;
        int64_t ns;
        if (hc_cli_parse_duration(cases[i].s, &ns, &b))
            hc_cli_format_duration(&b, ns);
        if (strcmp(hc_buf_str(&b), cases[i].want) != 0)
            fail_msg("ParseDuration(%s): %s", cases[i].s, hc_buf_str(&b));
        hc_buf_release(&b);
    }
}

static void test_csv(void **state)
{
    (void)state;
    struct {
        const char *s;
        const char *want; /* fields joined by '|', or the error */
    } cases[] = {
        {"a,b", "a|b"},
        {"a,,b,", "a||b|"},
        {"\"a,b\",c", "a,b|c"},
        {"\"a\"\"b\"", "a\"b"},
        {"x\ny", "x"},
        {"\n\na,b", "a|b"},
        {"\"a\nb\",c", "a\nb|c"},
        {"\"a\r\nb\"", "a\nb"},
        {"a\r", "a"},
        {"\n", "EOF"},
        {"a\"b", "parse error on line 1, column 2: bare \" in non-quoted-field"},
        {"\"a\"b", "parse error on line 1, column 3: extraneous or missing \" in quoted-field"},
        {"\"ab", "parse error on line 1, column 4: extraneous or missing \" in quoted-field"},
        {"\"a\nb", "record on line 1; parse error on line 2, column 2: extraneous or missing \" in "
                   "quoted-field"},
        {"\n\na\"", "parse error on line 3, column 2: bare \" in non-quoted-field"},
        {"a,\"b\"c", "parse error on line 1, column 5: extraneous or missing \" in quoted-field"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_arena a;
        hc_arena_init(&a, 0);
        struct hc_strlist l = {0};
        struct hc_buf b = HC_BUF_INIT;
        if (hc_cli_csv_read(&a, cases[i].s, &l, &b))
            for (size_t k = 0; k < l.n; k++)
                hc_buf_printf(&b, "%s%s", k ? "|" : "", l.v[k]);
        if (strcmp(hc_buf_str(&b), cases[i].want) != 0)
            fail_msg("csv(%s): %s", cases[i].s, hc_buf_str(&b));
        hc_buf_release(&b);
        hc_arena_free(&a);
    }
    const char *fields[] = {"a", "b,c", "d\"e", " f", ""};
    struct hc_buf b = HC_BUF_INIT;
    hc_cli_csv_write(&b, fields, ARRAY_LEN(fields));
    assert_string_equal(hc_buf_str(&b), "a,\"b,c\",\"d\"\"e\",\" f\",");
    hc_buf_release(&b);
}

static void test_quote(void **state)
{
    (void)state;
    struct {
        const char *s, *want;
    } cases[] = {
        {"plain", "\"plain\""},
        {"a\"b\\c", "\"a\\\"b\\\\c\""},
        {"tab\tnl\n", "\"tab\\tnl\\n\""},
        {"\x01\x7f", "\"\\x01\\x7f\""},
        {"caf\xc3\xa9", "\"caf\xc3\xa9\""},
        {"\xff", "\"\\xff\""},
        {"\xc2\xa0", "\"\\u00a0\""},
        {"\xcd\xb8", "\"\\u0378\""}, /* unassigned: not printable */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_buf b = HC_BUF_INIT;
        hc_cli_quote(&b, cases[i].s);
        assert_string_equal(hc_buf_str(&b), cases[i].want);
        hc_buf_release(&b);
    }
    struct hc_buf b = HC_BUF_INIT;
    hc_cli_quote_rune(&b, 'x');
    hc_cli_quote_rune(&b, '\'');
    hc_cli_quote_rune(&b, 0xc3);
    hc_cli_backquote(&b, "a b");
    hc_cli_backquote(&b, "a`b");
    assert_true(hc_cli_is_print(0xe9));
    assert_false(hc_cli_is_print(0x378));
    assert_string_equal(hc_buf_str(&b), "'x''\\'''\xc3\x83'`a b`\"a`b\"");
    hc_buf_release(&b);
}

static void test_path_join(void **state)
{
    (void)state;
    struct {
        const char *a, *b, *c, *want;
    } cases[] = {
        {"/home/u", ".cache", "helm", "/home/u/.cache/helm"},
        {"", ".cache", "helm", ".cache/helm"},
        {"/x/", "/y//", "z/", "/x/y/z"},
        {"a/../..", "b", "./c", "../b/c"},
        {"/..", "a", "", "/a"},
        {"", "", "", ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct hc_arena a;
        hc_arena_init(&a, 0);
        const char *e[] = {cases[i].a, cases[i].b, cases[i].c};
        assert_string_equal(hc_cli_path_join(&a, e, 3), cases[i].want);
        hc_arena_free(&a);
    }
}

/* ---- help layout ---- */

static void test_help_layout(void **state)
{
    (void)state;
    env_vars = default_env;
    struct hc_cli cli;
    hc_cli_init(&cli, &root, fake_getenv);
    const char *argv[] = {"history", "--help"};
    assert_int_equal(hc_cli_parse(&cli, 2, argv), HC_CLI_HELP);
    struct hc_buf b = HC_BUF_INIT;
    hc_cli_usage(&cli, cli.path, cli.depth, &b);
    const char *want = "Usage:\n"
                       "  helmc history RELEASE_NAME [flags]\n"
                       "\n"
                       "Aliases:\n"
                       "  history, hist\n"
                       "\n"
                       "Flags:\n"
                       "  -h, --help            help for history\n"
                       "      --max int         maximum number of revision to include in history "
                       "(default 256)\n"
                       "  -o, --output format   prints the output in the specified format. "
                       "Allowed values: table, json, yaml (default table)\n"
                       "\n"
                       "Global Flags:\n";
    assert_memory_equal(hc_buf_str(&b), want, strlen(want));
    assert_non_null(strstr(hc_buf_str(&b), "  -n, --namespace string                namespace "
                                           "scope for this request\n"));
    assert_non_null(strstr(hc_buf_str(&b), "(default \"/home/u/.config/helm/repositories.yaml\")"));
    hc_buf_release(&b);
    hc_cli_release(&cli);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),         cmocka_unit_test(test_parse_allocation_failures),
        cmocka_unit_test(test_tables),        cmocka_unit_test(test_parse_int),
        cmocka_unit_test(test_parse_float32), cmocka_unit_test(test_format_float32),
        cmocka_unit_test(test_duration),      cmocka_unit_test(test_csv),
        cmocka_unit_test(test_quote),         cmocka_unit_test(test_path_join),
        cmocka_unit_test(test_help_layout),
    };
    return cmocka_run_group_tests_name("cli_options", tests, NULL, NULL);
}
