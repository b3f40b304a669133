/*
 * command.c - finds the command argv names, parses its flags, checks its arguments and
 * runs it, printing what helm would print on the way.
 *
 * Mirrors helm's cmd/helm/helm.go and pkg/cmd/root.go (a first pass over the global flags
 * before anything else, the color-mode check, exit code 1 for every error), and cobra
 * v1.10.2's command.go: Find (stripFlags, findNext, argsMinusFirstX, legacyArgs with
 * "Did you mean this?" suggestions), execute (flags, --help, groups without a body print
 * their help, argument rules, mutually exclusive flags) and ExecuteC's error printing.
 * helm's require package words the argument errors.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

#define SUGGESTION_DISTANCE 2 /* cobra's SuggestionsMinimumDistance default */

static const char *process_getenv(const char *name)
{
    return getenv(name);
}

void hc_cli_init(struct hc_cli *cli, const struct hc_command *root, hc_getenv_fn *getenv_fn)
{
    memset(cli, 0, sizeof *cli);
    cli->root = root;
    cli->getenv = getenv_fn ? getenv_fn : process_getenv;
    hc_arena_init(&cli->arena, 0);
    hc_buf_init(&cli->log, 0);
    hc_buf_init(&cli->notices, 0);
    hc_buf_init(&cli->msg, 0);
    cli->out = stdout;
    cli->err = stderr;
    cli->args_len_at_dash = SIZE_MAX;
}

void hc_cli_release(struct hc_cli *cli)
{
    hc_arena_free(&cli->arena);
    hc_buf_release(&cli->log);
    hc_buf_release(&cli->notices);
    hc_buf_release(&cli->msg);
}

static const struct hc_option help_option[] = {{"help", 'h', HC_OPT_BOOL, 0, .help = ""}, {0}};

/* ---- finding the command (cobra's Find) ---- */

/* The flags a command knows while cobra looks for subcommands: its own and the global
 * ones, not yet -h/--help (cobra adds that flag only to the command it runs). */
static void lookup_flags(struct hc_flagset *fs, const struct hc_command *c)
{
    fs->n = 0;
    if (c->options)
        fs->sets[fs->n++] = (struct hc_optset){c->options, NULL, NULL, NULL};
    fs->sets[fs->n++] = (struct hc_optset){hc_global_options, NULL, NULL, NULL};
}

/* Whether the argument s is a flag that takes the next argument as its value. */
static bool takes_next(struct hc_flagset *fs, const char *s)
{
    if (s[0] != '-' || strchr(s, '='))
        return false;
    const struct hc_option *o;
    if (s[1] == '-') {
        o = hc_flagset_find(fs, s + 2, strlen(s + 2), NULL);
    } else if (s[1] != '\0' && s[2] == '\0') {
        o = hc_flagset_find_short(fs, s[1], NULL);
    } else {
        return false;
    }
    return !o || !hc_opts_noopt(o); /* unknown flags are taken to want a value */
}

/* stripFlags: the first word of args that is neither a flag nor a flag's value, or NULL. */
static const char *first_word(const struct hc_command *c, const char **args, size_t n)
{
    struct hc_flagset fs;
    lookup_flags(&fs, c);
    for (size_t i = 0; i < n; i++) {
        const char *s = args[i];
        if (strcmp(s, "--") == 0)
            return NULL;
        if (takes_next(&fs, s))
            i++;
        else if (s[0] != '\0' && s[0] != '-')
            return s;
    }
    return NULL;
}

/* argsMinusFirstX: args without the first word equal to x (not counting flag values). */
static size_t args_minus(const struct hc_command *c, const char **args, size_t n, const char *x)
{
    struct hc_flagset fs;
    lookup_flags(&fs, c);
    for (size_t i = 0; i < n; i++) {
        const char *s = args[i];
        if (strcmp(s, "--") == 0)
            break;
        if (takes_next(&fs, s)) {
            i++;
        } else if (s[0] != '-' && strcmp(s, x) == 0) {
            memmove(args + i, args + i + 1, (n - i - 1) * sizeof *args);
            return n - 1;
        }
    }
    return n;
}

static const struct hc_command *find_next(const struct hc_command *c, const char *name)
{
    for (const struct hc_command *const *s = c->subcommands; s && *s; s++) {
        size_t n = hc_cmd_name_len(*s);
        if (strlen(name) == n && memcmp((*s)->use, name, n) == 0)
            return *s;
        for (const char *const *a = (*s)->aliases; a && *a; a++)
            if (strcmp(*a, name) == 0)
                return *s;
    }
    return NULL;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* cobra's ld: Levenshtein distance, ignoring ASCII case. */
static size_t distance(const char *s, const char *t, size_t tn)
{
    size_t row[64], prev[64];
    if (tn >= 64)
        return SIZE_MAX;
    for (size_t j = 0; j <= tn; j++)
        prev[j] = j;
    size_t sn = strlen(s);
    for (size_t i = 1; i <= sn; i++) {
        row[0] = i;
        for (size_t j = 1; j <= tn; j++) {
            if (ascii_lower((unsigned char)s[i - 1]) == ascii_lower((unsigned char)t[j - 1])) {
                row[j] = prev[j - 1];
            } else {
                size_t m = prev[j];
                if (row[j - 1] < m)
                    m = row[j - 1];
                if (prev[j - 1] < m)
                    m = prev[j - 1];
                row[j] = m + 1;
            }
        }
        memcpy(prev, row, (tn + 1) * sizeof *row);
    }
    return prev[tn];
}

static bool has_prefix_fold(const char *name, size_t n, const char *typed)
{
    size_t k = strlen(typed);
    if (k > n)
        return false;
    for (size_t i = 0; i < k; i++)
        if (ascii_lower((unsigned char)name[i]) != ascii_lower((unsigned char)typed[i]))
            return false;
    return true;
}

static bool is_available(const struct hc_command *c);

static bool has_available_subcommands(const struct hc_command *c)
{
    for (const struct hc_command *const *s = c->subcommands; s && *s; s++)
        if (is_available(*s))
            return true;
    return false;
}

static bool is_available(const struct hc_command *c)
{
    if ((c->flags & HC_CMD_HIDDEN) || c == &hc_cmd_help)
        return false;
    return c->run != NULL || has_available_subcommands(c);
}

/* legacyArgs' error: unknown command "x" for "PATH", with cobra's suggestions. */
static void unknown_command(struct hc_cli *cli, const struct hc_command *const *path, size_t depth,
                            const char *word, struct hc_buf *b)
{
    hc_buf_adds(b, "unknown command ");
    hc_cli_quote(b, word);
    hc_buf_adds(b, " for ");
    hc_cli_quote(b, hc_cli_command_path(cli, path, depth));
    bool any = false;
    for (const struct hc_command *const *s = path[depth - 1]->subcommands; s && *s; s++) {
        if (!is_available(*s))
            continue;
        size_t n = hc_cmd_name_len(*s);
        if (distance(word, (*s)->use, n) <= SUGGESTION_DISTANCE ||
            has_prefix_fold((*s)->use, n, word)) {
            if (!any)
                hc_buf_adds(b, "\n\nDid you mean this?\n");
            any = true;
            hc_buf_printf(b, "\t%.*s\n", (int)n, (*s)->use);
        }
    }
}

/*
 * Walks down from the root as cobra's Find does.  Fills path/depth, leaves the arguments
 * that remain (flags included) in args[0..*n).  Returns false with the message in b when the
 * root is given a word that names no command.
 */
static bool find_command(struct hc_cli *cli, const struct hc_command **path, size_t *depth,
                         const char **args, size_t *n, struct hc_buf *b)
{
    const struct hc_command *c = cli->root;
    path[0] = c;
    *depth = 1;
    for (;;) {
        const char *word = first_word(c, args, *n);
        const struct hc_command *next = word ? find_next(c, word) : NULL;
        if (!next || *depth == HC_CLI_MAX_DEPTH)
            break;
        *n = args_minus(c, args, *n, word);
        path[(*depth)++] = c = next;
    }
    if (c->args == HC_ARGS_ANY && c->subcommands && *depth == 1) {
        const char *word = first_word(c, args, *n);
        if (word) {
            unknown_command(cli, path, *depth, word, b);
            return false;
        }
    }
    return true;
}

/* ---- checking ---- */

static const char *plural(int n)
{
    return n == 1 ? "argument" : "arguments";
}

/* The argument rules of helm's pkg/cmd/require. */
static bool check_args(struct hc_cli *cli)
{
    const struct hc_command *c = cli->cmd;
    int n = (int)cli->nargs;
    const char *what;
    switch (c->args) {
    case HC_ARGS_ANY:
        return true;
    case HC_ARGS_NONE:
        if (n == 0)
            return true;
        what = "accepts no arguments";
        break;
    case HC_ARGS_EXACT:
        if (n == c->nargs)
            return true;
        what = hc_arena_printf(&cli->arena, "requires %d %s", c->nargs, plural(c->nargs));
        break;
    case HC_ARGS_MIN:
        if (n >= c->nargs)
            return true;
        what = hc_arena_printf(&cli->arena, "requires at least %d %s", c->nargs, plural(c->nargs));
        break;
    case HC_ARGS_MAX:
        if (n <= c->nargs)
            return true;
        what = hc_arena_printf(&cli->arena, "accepts at most %d %s", c->nargs, plural(c->nargs));
        break;
    default:
        return true;
    }
    hc_cli_quote(&cli->msg, hc_cli_command_path(cli, cli->path, cli->depth));
    hc_buf_printf(&cli->msg, " %s\n\nUsage:  ", what ? what : "out of memory");
    if (cli->depth > 1)
        hc_buf_printf(&cli->msg, "%s ", hc_cli_command_path(cli, cli->path, cli->depth - 1));
    hc_buf_adds(&cli->msg, c->use);
    if (!strstr(c->use, "[flags]"))
        hc_buf_adds(&cli->msg, " [flags]");
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* cobra's validateExclusiveFlagGroups: groups in key order, the set flags sorted. */
static bool check_exclusive(struct hc_cli *cli)
{
    const char *const *groups = cli->cmd->exclusive;
    size_t ng = 0;
    while (groups && groups[ng])
        ng++;
    if (ng == 0)
        return true;
    const char **sorted = hc_arena_array(&cli->arena, ng, sizeof *sorted);
    if (!sorted)
        return true;
    memcpy(sorted, groups, ng * sizeof *sorted);
    qsort(sorted, ng, sizeof *sorted, cmp_str);
    for (size_t g = 0; g < ng; g++) {
        const char *set[8];
        size_t nset = 0;
        for (const char *s = sorted[g]; *s && nset < 8;) {
            size_t k = strcspn(s, " ");
            char *name = hc_arena_strndup(&cli->arena, s, k);
            if (name && hc_cli_changed(cli, name))
                set[nset++] = name;
            s += k + (s[k] == ' ');
        }
        if (nset < 2)
            continue;
        qsort(set, nset, sizeof *set, cmp_str);
        hc_buf_printf(&cli->msg,
                      "if any flags in the group [%s] are set none of the others "
                      "can be; [",
                      sorted[g]);
        for (size_t i = 0; i < nset; i++)
            hc_buf_printf(&cli->msg, "%s%s", i ? " " : "", set[i]);
        hc_buf_adds(&cli->msg, "] were all set");
        return false;
    }
    return true;
}

bool hc_cli_changed(const struct hc_cli *cli, const char *name)
{
    if (cli->cmd && cli->cmd->options && cli->changed)
        for (size_t i = 0; cli->cmd->options[i].name; i++)
            if (strcmp(cli->cmd->options[i].name, name) == 0)
                return cli->changed[i];
    if (cli->g_changed)
        for (size_t i = 0; hc_global_options[i].name; i++)
            if (strcmp(hc_global_options[i].name, name) == 0)
                return cli->g_changed[i];
    return false;
}

/* ---- parsing ---- */

static enum hc_cli_action nomem(struct hc_cli *cli)
{
    hc_buf_reset(&cli->msg);
    hc_buf_adds(&cli->msg, "out of memory");
    return HC_CLI_ERROR;
}

/* helm parses the global flags once before building its commands, skipping the flags it
 * does not know yet, and refuses a bad color mode then. */
static enum hc_cli_action first_pass(struct hc_cli *cli, int argc, const char *const *argv)
{
    struct hc_buf scratch = HC_BUF_INIT;
    struct hc_flagset fs = {{{hc_global_options, &cli->g, cli->g_changed, NULL}}, 1};
    struct hc_optparse p = {.arena = &cli->arena,
                            .log = &cli->log,
                            .notices = &scratch,
                            .err = &scratch,
                            .allow_unknown = true};
    hc_opts_parse(&p, &fs, argc, argv); /* its errors resurface in the real parse */
    hc_buf_release(&scratch);
    const char *c = cli->g.color;
    if (strcmp(c, "never") == 0 || strcmp(c, "auto") == 0 || strcmp(c, "always") == 0)
        return HC_CLI_RUN;
    struct hc_buf e = HC_BUF_INIT;
    hc_buf_adds(&e, "invalid color mode ");
    hc_cli_quote(&e, c);
    hc_buf_adds(&e, ": must be one of: never, auto, always");
    /* slog's text handler: level=WARN msg="command failed" error="..." */
    hc_buf_adds(&cli->msg, "level=WARN msg=\"command failed\" error=");
    hc_cli_quote(&cli->msg, hc_buf_str(&e));
    hc_buf_addc(&cli->msg, '\n');
    hc_buf_release(&e);
    return HC_CLI_ERROR_LOG;
}

enum hc_cli_action hc_cli_parse(struct hc_cli *cli, int argc, const char *const *argv)
{
    size_t nglobal = hc_opts_count(hc_global_options);
    cli->g_changed = hc_arena_zalloc(&cli->arena, nglobal);
    const char **args = hc_arena_array(&cli->arena, (size_t)argc + 1, sizeof *args);
    if (!cli->g_changed || !args)
        return nomem(cli);
    hc_globals_init(cli, &cli->g);
    enum hc_cli_action a = first_pass(cli, argc, argv);
    if (a != HC_CLI_RUN)
        return a;

    size_t n = (size_t)argc;
    memcpy(args, argv, n * sizeof *args);
    bool found = find_command(cli, cli->path, &cli->depth, args, &n, &cli->msg);
    const struct hc_command *c = cli->cmd = cli->path[cli->depth - 1];
    if (!found)
        return HC_CLI_ERROR_RUN;

    /* the command's options: its table's defaults, then the environment's */
    if (c->options) {
        cli->opts = hc_arena_zalloc(&cli->arena, c->options_size ? c->options_size : 1);
        cli->changed = hc_arena_zalloc(&cli->arena, hc_opts_count(c->options) + 1);
        if (!cli->opts || !cli->changed || !hc_opts_init(&cli->arena, c->options, cli->opts))
            return nomem(cli);
        if (c->init)
            c->init(cli, cli->opts);
    }
    unsigned char help_changed = 0;
    struct hc_flagset fs = {.n = 0};
    if (c->options)
        fs.sets[fs.n++] = (struct hc_optset){c->options, cli->opts, cli->changed, NULL};
    fs.sets[fs.n++] = (struct hc_optset){help_option, &cli->help, &help_changed, NULL};
    fs.sets[fs.n++] = (struct hc_optset){hc_global_options, &cli->g, cli->g_changed, NULL};
    struct hc_optparse p = {
        .arena = &cli->arena, .log = &cli->log, .notices = &cli->notices, .err = &cli->msg};
    if (!hc_opts_parse(&p, &fs, (int)n, args)) {
        hc_buf_reset(&cli->notices); /* cobra prints them only after a clean parse */
        return HC_CLI_ERROR;
    }
    cli->args = p.args.v;
    cli->nargs = p.args.n;
    cli->args_len_at_dash = p.args_len_at_dash;
    if (!cli->args) {
        static const char *none[1];
        cli->args = none;
    }
    if (cli->help || !c->run)
        return HC_CLI_HELP;
    if (!check_args(cli) || !check_exclusive(cli))
        return HC_CLI_ERROR;
    return hc_buf_ok(&cli->msg) ? HC_CLI_RUN : nomem(cli);
}

/* ---- running ---- */

static void put(FILE *f, const struct hc_buf *b)
{
    if (b->len)
        fwrite(b->data, 1, b->len, f);
}

int hc_cli_main(const struct hc_command *root, int argc, const char *const *argv)
{
    struct hc_cli cli;
    hc_cli_init(&cli, root, NULL);
    enum hc_cli_action a = hc_cli_parse(&cli, argc, argv);
    int code = 0;
    put(stderr, &cli.log);
    put(stderr, &cli.notices);
    switch (a) {
    case HC_CLI_ERROR_LOG:
        put(stderr, &cli.msg);
        code = 1;
        break;
    case HC_CLI_ERROR:
    case HC_CLI_ERROR_RUN:
        fprintf(stderr, "Error: %s\n", hc_buf_str(&cli.msg));
        if (a == HC_CLI_ERROR_RUN)
            fprintf(stderr, "Run '%s --help' for usage.\n",
                    hc_cli_command_path(&cli, cli.path, cli.depth));
        code = 1;
        break;
    case HC_CLI_HELP: {
        struct hc_buf b = HC_BUF_INIT;
        hc_cli_help(&cli, cli.path, cli.depth, &b);
        put(stdout, &b);
        code = hc_buf_ok(&b) ? 0 : 1;
        hc_buf_release(&b);
        break;
    }
    case HC_CLI_RUN: {
        struct hc_error err;
        hc_error_init(&err);
        cli.exit_code = 1;
        if (cli.cmd->run(&cli, &err) != HC_OK) {
            fflush(stdout);
            if (*hc_error_msg(&err)) /* "": the command logged its failure itself */
                fprintf(stderr, "Error: %s\n", hc_error_msg(&err));
            code = cli.exit_code ? cli.exit_code : 1;
        }
        hc_error_release(&err);
        break;
    }
    }
    if (fflush(stdout) != 0 && code == 0)
        code = 1;
    hc_cli_release(&cli);
    return code;
}

void hc_cli_warn(struct hc_cli *cli, const char *msg)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_cli_format_warn(&b, msg);
    fflush(cli->out);
    put(cli->err, &b);
    hc_buf_release(&b);
}

void hc_cli_warn_attrs(struct hc_cli *cli, const char *msg, const char *const *kv)
{
    struct hc_buf b = HC_BUF_INIT;
    hc_cli_format_warn(&b, msg);
    hc_buf_truncate(&b, b.len - 1); /* the newline, added again after the attributes */
    for (size_t i = 0; kv[i] && kv[i + 1]; i += 2) {
        hc_buf_printf(&b, " %s=", kv[i]);
        hc_slog_value(&b, kv[i + 1]);
    }
    hc_buf_addc(&b, '\n');
    fflush(cli->out);
    put(cli->err, &b);
    hc_buf_release(&b);
}

hc_status hc_cli_not_implemented(struct hc_cli *cli, struct hc_error *err)
{
    return hc_error_set(err, HC_ERR_USAGE, "\"%s\" is not implemented yet",
                        hc_cli_command_path(cli, cli->path, cli->depth));
}

/* ---- cobra's help command ---- */

static hc_status run_help(struct hc_cli *cli, struct hc_error *err)
{
    (void)err;
    const struct hc_command *path[HC_CLI_MAX_DEPTH];
    size_t depth, n = cli->nargs;
    const char **args = hc_arena_array(&cli->arena, n + 1, sizeof *args);
    struct hc_buf b = HC_BUF_INIT, msg = HC_BUF_INIT;
    if (!args)
        return hc_error_nomem(err);
    memcpy(args, cli->args, n * sizeof *args);
    if (find_command(cli, path, &depth, args, &n, &msg)) {
        hc_cli_help(cli, path, depth, &b);
        put(cli->out, &b);
    } else {
        /* fmt's %#q of the []string of arguments, then the root's usage, on stderr */
        hc_buf_adds(&b, "Unknown help topic [");
        for (size_t i = 0; i < cli->nargs; i++) {
            if (i)
                hc_buf_addc(&b, ' ');
            hc_cli_backquote(&b, cli->args[i]);
        }
        hc_buf_adds(&b, "]\n");
        hc_cli_root_usage(cli, &b);
        put(cli->err, &b);
    }
    bool ok = hc_buf_ok(&b);
    hc_buf_release(&b);
    hc_buf_release(&msg);
    return ok ? HC_OK : hc_error_nomem(err);
}

const struct hc_command hc_cmd_help = {
    .use = "help [command]",
    .summary = "Help about any command",
    .description = "Help prints the help of any command.\n"
                   "Type helmc help followed by the command's path for the details.",
    .run = run_help,
};
