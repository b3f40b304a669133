/*
 * help.c - help and usage text, generated from the command and option tables.
 *
 * Mirrors cobra v1.10.2's defaultHelpFunc and defaultUsageFunc (command.go) and pflag's
 * FlagUsagesWrapped (flag.go): the "Usage:", "Aliases:", "Available Commands:", "Flags:"
 * and "Global Flags:" sections, commands sorted by name and padded to the longest name,
 * flags sorted by name in two columns aligned on the longest "  -x, --name type" cell,
 * and defaults shown unless they are the type's zero value.  The defaults printed are
 * those a fresh parse starts from, so they include the environment's, as helm's do.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/commands.h"

#define MIN_NAME_PADDING 11 /* cobra's minNamePadding */

static const char *name_of(const struct hc_command *c, size_t *len)
{
    *len = hc_cmd_name_len(c);
    return c->use;
}

size_t hc_cmd_name_len(const struct hc_command *cmd)
{
    return strcspn(cmd->use, " ");
}

static bool has_available_subcommands(const struct hc_command *c);

/* cobra's IsAvailableCommand: not hidden, not the help command, runnable or a live group. */
static bool is_available(const struct hc_command *c)
{
    if ((c->flags & HC_CMD_HIDDEN) || c == &hc_cmd_help)
        return false;
    return c->run != NULL || has_available_subcommands(c);
}

static bool has_available_subcommands(const struct hc_command *c)
{
    for (const struct hc_command *const *s = c->subcommands; s && *s; s++)
        if (is_available(*s))
            return true;
    return false;
}

const char *hc_cli_command_path(struct hc_cli *cli, const struct hc_command *const *path,
                                size_t depth)
{
    struct hc_buf b = HC_BUF_INIT;
    for (size_t i = 0; i < depth; i++) {
        size_t n;
        const char *name = name_of(path[i], &n);
        if (i)
            hc_buf_addc(&b, ' ');
        hc_buf_add(&b, name, n);
    }
    const char *s = hc_buf_ok(&b) ? hc_arena_strdup(&cli->arena, hc_buf_str(&b)) : NULL;
    hc_buf_release(&b);
    return s ? s : "";
}

/* ---- flags ---- */

struct flag_row {
    const struct hc_option *opt;
    const void *base;
    const char *help_for; /* the synthetic help flag's "help for NAME" */
};

static int cmp_rows(const void *a, const void *b)
{
    return strcmp(((const struct flag_row *)a)->opt->name, ((const struct flag_row *)b)->opt->name);
}

/* The part of a usage line before the help text: "  -x, --name type[=noopt]". */
static void flag_cell(struct hc_buf *b, const struct flag_row *r, const char **usage,
                      struct hc_buf *unquoted)
{
    const struct hc_option *o = r->opt;
    if (o->shorthand)
        hc_buf_printf(b, "  -%c, --%s", o->shorthand, o->name);
    else
        hc_buf_printf(b, "      --%s", o->name);
    /* UnquoteUsage: a `name` in the help text names the value */
    const char *help = r->help_for ? r->help_for : o->help;
    const char *bq = strchr(help, '`'), *eq = bq ? strchr(bq + 1, '`') : NULL;
    if (eq) {
        hc_buf_add(unquoted, help, (size_t)(bq - help));
        hc_buf_add(unquoted, bq + 1, (size_t)(eq - bq - 1));
        hc_buf_adds(unquoted, eq + 1);
        hc_buf_addc(b, ' ');
        hc_buf_add(b, bq + 1, (size_t)(eq - bq - 1));
        *usage = hc_buf_str(unquoted);
    } else {
        const char *type = hc_opts_type_name(o);
        if (*type)
            hc_buf_printf(b, " %s", type);
        *usage = help;
    }
    if (o->noopt) {
        bool is_string = o->kind == HC_OPT_STRING && !o->type_name;
        if (is_string)
            hc_buf_printf(b, "[=\"%s\"]", o->noopt);
        else if (o->kind != HC_OPT_BOOL || strcmp(o->noopt, "true") != 0)
            hc_buf_printf(b, "[=%s]", o->noopt);
    }
}

/* pflag's FlagUsages for rows (sorted here), without the final newline. */
static void flag_usages(struct hc_buf *out, struct flag_row *rows, size_t n)
{
    qsort(rows, n, sizeof *rows, cmp_rows);
    struct hc_buf *cells = hc_calloc(n ? n : 1, sizeof *cells);
    if (!cells) {
        out->failed = true;
        return;
    }
    size_t maxlen = 0;
    for (size_t i = 0; i < n; i++) {
        struct hc_buf unquoted = HC_BUF_INIT;
        const char *usage;
        flag_cell(&cells[i], &rows[i], &usage, &unquoted);
        if (cells[i].len + 1 > maxlen)
            maxlen = cells[i].len + 1;
        hc_buf_addc(&cells[i], '\0'); /* the split point, as pflag's "\x00" */
        hc_buf_adds(&cells[i], usage);
        hc_buf_release(&unquoted);
        const struct hc_option *o = rows[i].opt;
        if (rows[i].help_for)
            continue;
        struct hc_buf def = HC_BUF_INIT;
        hc_opts_format_value(&def, o, rows[i].base);
        if (!hc_opts_default_is_zero(o, hc_buf_str(&def))) {
            if (o->kind == HC_OPT_STRING && !o->type_name) {
                hc_buf_adds(&cells[i], " (default ");
                hc_cli_quote(&cells[i], hc_buf_str(&def));
                hc_buf_addc(&cells[i], ')');
            } else {
                hc_buf_printf(&cells[i], " (default %s)", hc_buf_str(&def));
            }
        }
        hc_buf_release(&def);
    }
    for (size_t i = 0; i < n; i++) {
        if (!hc_buf_ok(&cells[i])) {
            out->failed = true;
            hc_buf_release(&cells[i]);
            continue;
        }
        const char *cell = hc_buf_str(&cells[i]);
        size_t sidx = strlen(cell);
        const char *usage = cell + sidx + 1;
        /* Println's spaces around the padding: two more than the widest cell's gap */
        hc_buf_add(out, cell, sidx);
        hc_buf_addc(out, ' ');
        hc_buf_addn(out, ' ', maxlen - sidx);
        hc_buf_addc(out, ' ');
        for (; *usage; usage++) { /* wrap(maxlen+2, 0, usage): indent continuation lines */
            hc_buf_addc(out, *usage);
            if (*usage == '\n')
                hc_buf_addn(out, ' ', maxlen + 2);
        }
        hc_buf_addc(out, '\n');
        hc_buf_release(&cells[i]);
    }
    hc_free(cells);
    const char *all = hc_buf_str(out); /* cobra's trimRightSpace */
    size_t len = out->len;
    hc_cli_trim_space(&all, &len, false);
    if (hc_buf_ok(out))
        hc_buf_truncate(out, len);
}

static size_t add_rows(struct flag_row *rows, size_t n, const struct hc_option *opts,
                       const void *base)
{
    for (const struct hc_option *o = opts; o && o->name; o++)
        if (!(o->flags & HC_OPT_HIDDEN) && !o->deprecated)
            rows[n++] = (struct flag_row){o, base, NULL};
    return n;
}

/* ---- usage and help ---- */

static const struct hc_option help_option[] = {{"help", 'h', HC_OPT_BOOL, 0, .help = ""}, {0}};

static int cmp_commands(const void *a, const void *b)
{
    const struct hc_command *x = *(const struct hc_command *const *)a;
    const struct hc_command *y = *(const struct hc_command *const *)b;
    size_t nx = hc_cmd_name_len(x), ny = hc_cmd_name_len(y);
    int c = memcmp(x->use, y->use, nx < ny ? nx : ny);
    return c ? c : (nx > ny) - (nx < ny);
}

static void available_commands(struct hc_buf *b, const struct hc_command *cmd)
{
    size_t n = 0, pad = MIN_NAME_PADDING;
    for (const struct hc_command *const *s = cmd->subcommands; s && *s; s++) {
        n++;
        if (hc_cmd_name_len(*s) > pad)
            pad = hc_cmd_name_len(*s);
    }
    const struct hc_command **sorted = hc_calloc(n, sizeof(const struct hc_command *));
    if (!sorted) {
        b->failed = true;
        return;
    }
    memcpy(sorted, cmd->subcommands, n * sizeof(const struct hc_command *));
    qsort(sorted, n, sizeof(const struct hc_command *), cmp_commands);
    hc_buf_adds(b, "\n\nAvailable Commands:");
    for (size_t i = 0; i < n; i++) {
        if (!is_available(sorted[i]) && sorted[i] != &hc_cmd_help)
            continue;
        size_t len;
        const char *name = name_of(sorted[i], &len);
        hc_buf_adds(b, "\n  ");
        hc_buf_add(b, name, len);
        hc_buf_addn(b, ' ', pad - len + 1);
        hc_buf_adds(b, sorted[i]->summary);
    }
    hc_free(sorted);
}

static void usage(struct hc_cli *cli, const struct hc_command *const *path, size_t depth,
                  bool help_flag, struct hc_buf *b)
{
    const struct hc_command *cmd = path[depth - 1];
    const char *cmd_path = hc_cli_command_path(cli, path, depth);
    bool subs = has_available_subcommands(cmd);

    /* defaults as a fresh parse would start from them */
    struct hc_globals *g = hc_arena_zalloc(&cli->arena, sizeof *g);
    void *opts = cmd->options_size ? hc_arena_zalloc(&cli->arena, cmd->options_size) : NULL;
    if (!g || (cmd->options_size && !opts)) {
        b->failed = true;
        return;
    }
    hc_globals_init(cli, g);
    if (cmd->options) {
        hc_opts_init(&cli->arena, cmd->options, opts);
        if (cmd->init)
            cmd->init(cli, opts);
    }

    hc_buf_adds(b, "Usage:");
    if (cmd->run) {
        /* cobra's UseLine: the parents' path, the Use, and " [flags]" */
        hc_buf_adds(b, "\n  ");
        if (depth > 1)
            hc_buf_printf(b, "%s ", hc_cli_command_path(cli, path, depth - 1));
        hc_buf_adds(b, cmd->use);
        if (!strstr(cmd->use, "[flags]"))
            hc_buf_adds(b, " [flags]");
    }
    if (subs)
        hc_buf_printf(b, "\n  %s [command]", cmd_path);
    if (cmd->aliases && cmd->aliases[0]) {
        size_t n;
        const char *name = name_of(cmd, &n);
        hc_buf_adds(b, "\n\nAliases:\n  ");
        hc_buf_add(b, name, n);
        for (const char *const *a = cmd->aliases; *a; a++)
            hc_buf_printf(b, ", %s", *a);
    }
    if (subs)
        available_commands(b, cmd);

    size_t nrows = hc_opts_count(hc_global_options) + hc_opts_count(cmd->options) + 1;
    struct flag_row *rows = hc_calloc(nrows, sizeof *rows);
    if (!rows) {
        b->failed = true;
        return;
    }
    /* the root's global flags are its own (persistent) flags; others inherit them */
    size_t n = 0;
    const char *help_for =
        hc_arena_printf(&cli->arena, "help for %.*s", (int)hc_cmd_name_len(cmd), cmd->use);
    if (help_flag)
        rows[n++] = (struct flag_row){help_option, NULL, help_for ? help_for : "help"};
    n = add_rows(rows, n, cmd->options, opts);
    if (depth == 1)
        n = add_rows(rows, n, hc_global_options, g);
    hc_buf_adds(b, "\n\nFlags:\n");
    flag_usages(b, rows, n);
    if (depth > 1) {
        n = add_rows(rows, 0, hc_global_options, g);
        if (n) {
            hc_buf_adds(b, "\n\nGlobal Flags:\n");
            flag_usages(b, rows, n);
        }
    }
    hc_free(rows);
    if (subs)
        hc_buf_printf(b, "\n\nUse \"%s [command] --help\" for more information about a command.",
                      cmd_path);
    hc_buf_addc(b, '\n');
}

void hc_cli_usage(struct hc_cli *cli, const struct hc_command *const *path, size_t depth,
                  struct hc_buf *b)
{
    usage(cli, path, depth, true, b);
}

void hc_cli_root_usage(struct hc_cli *cli, struct hc_buf *b)
{
    usage(cli, &cli->root, 1, false, b);
}

void hc_cli_help(struct hc_cli *cli, const struct hc_command *const *path, size_t depth,
                 struct hc_buf *b)
{
    const struct hc_command *cmd = path[depth - 1];
    const char *text = cmd->description ? cmd->description : cmd->summary;
    size_t n = text ? strlen(text) : 0;
    if (text)
        hc_cli_trim_space(&text, &n, false);
    if (n) {
        hc_buf_add(b, text, n);
        hc_buf_adds(b, "\n\n");
    }
    if (cmd->run || cmd->subcommands)
        hc_cli_usage(cli, path, depth, b);
}

const char hc_cli_root_description[] =
    "helmc renders, checks and packages Helm charts and keeps releases in Helm's format,\n"
    "giving the results Helm v4 gives.\n"
    "\n"
    "Common actions:\n"
    "\n"
    "- helmc template:   render a chart's templates locally\n"
    "- helmc lint:       check a chart for problems\n"
    "- helmc package:    package a chart directory into a chart archive\n"
    "- helmc repo index: write the index of a directory of chart archives\n"
    "\n"
    "helmc reads helm's environment variables, among them:\n"
    "\n"
    "  $HELM_NAMESPACE          the namespace when --namespace is not given\n"
    "  $HELM_DEBUG              true for verbose output\n"
    "  $HELM_CACHE_HOME         where cached files go (else $XDG_CACHE_HOME/helm or\n"
    "                           $HOME/.cache/helm)\n"
    "  $HELM_CONFIG_HOME        where configuration is read (else $XDG_CONFIG_HOME/helm or\n"
    "                           $HOME/.config/helm)\n"
    "  $HELM_DATA_HOME          where data is kept (else $XDG_DATA_HOME/helm or\n"
    "                           $HOME/.local/share/helm)\n"
    "  $HELM_REGISTRY_CONFIG    the registry config file\n"
    "  $HELM_REPOSITORY_CONFIG  the repositories file\n"
    "  $HELM_REPOSITORY_CACHE   the repository cache directory\n"
    "  $HELM_CONTENT_CACHE      the content (chart) cache directory\n"
    "  $HELM_MAX_HISTORY        the number of revisions upgrades keep (default 10)\n"
    "  $HELM_KUBECONTEXT, $HELM_KUBETOKEN, $HELM_KUBEASUSER, $HELM_KUBEASGROUPS,\n"
    "  $HELM_KUBEAPISERVER, $HELM_KUBECAFILE, $HELM_KUBETLS_SERVER_NAME,\n"
    "  $HELM_KUBEINSECURE_SKIP_TLS_VERIFY, $HELM_BURST_LIMIT, $HELM_QPS\n"
    "                           defaults of the matching --kube-* and client flags\n"
    "  $HELM_COLOR, $NO_COLOR   color output: never, auto or always (NO_COLOR: never)\n";
