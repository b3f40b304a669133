/*
 * cmd_version.c - `helmc version`: the tool's version in helm's BuildInfo layout.
 *
 * Mirrors helm's pkg/cmd/version.go and internal/version.  helmc prints its own version,
 * not helm's: Version is helmc's ("v0.1.0"), GitCommit and GitTreeState are empty unless
 * the build defines HELMC_GIT_COMMIT and HELMC_GIT_TREE_STATE, GoVersion is empty (helmc
 * is not built by Go), and KubeClientVersion names the Kubernetes version whose defaults
 * helmc emulates, as helm's names its client-go's.  Scripts that read `version --short`
 * or `--template '{{.Version}}'` therefore see helmc's version in helm's format.
 *
 * --template takes Go template text; until helmc's template engine is wired in here it
 * accepts text with {{.Field}} and {{.}} actions (trim markers and comments included) and
 * says so for anything else.
 */
#include "cli/cli.h"

#include <stddef.h>
#include <string.h>

#ifndef HELMC_VERSION
#define HELMC_VERSION "0.0.0"
#endif
#ifndef HELMC_GIT_COMMIT
#define HELMC_GIT_COMMIT ""
#endif
#ifndef HELMC_GIT_TREE_STATE
#define HELMC_GIT_TREE_STATE ""
#endif
#define KUBE_CLIENT_VERSION "v1.35" /* the Kubernetes minor helm v4.1.4's client-go targets */

const char *hc_cli_version(void)
{
    return "v" HELMC_VERSION;
}

struct version_opts {
    bool short_;
    const char *template_;
};

#define O(f) offsetof(struct version_opts, f)
static const struct hc_option version_options[] = {
    {"short", 0, HC_OPT_BOOL, O(short_), .help = "print the version number"},
    {"template", 0, HC_OPT_STRING, O(template_), .help = "template for version string format"},
    {0},
};
#undef O

/* BuildInfo's fields, in declaration order. */
static const char *const field_names[] = {"Version", "GitCommit", "GitTreeState", "GoVersion",
                                          "KubeClientVersion"};
#define NFIELDS (sizeof field_names / sizeof field_names[0])

static const char *field_value(const char *name, size_t n)
{
    const char *const values[NFIELDS] = {hc_cli_version(), HELMC_GIT_COMMIT, HELMC_GIT_TREE_STATE,
                                         "", KUBE_CLIENT_VERSION};
    for (size_t i = 0; i < NFIELDS; i++)
        if (strlen(field_names[i]) == n && memcmp(field_names[i], name, n) == 0)
            return values[i];
    return NULL;
}

/* fmt's %#v of the BuildInfo struct. */
static void format_build_info(struct hc_buf *b)
{
    hc_buf_adds(b, "version.BuildInfo{");
    for (size_t i = 0; i < NFIELDS; i++) {
        const char *name = field_names[i];
        hc_buf_printf(b, "%s%s:", i ? ", " : "", name);
        hc_cli_quote(b, field_value(name, strlen(name)));
    }
    hc_buf_addc(b, '}');
}

/* ---- the {{.Field}} subset of text/template ---- */

struct segment {
    const char *text; /* literal text, or the field name (NULL for "{{.}}") */
    size_t len;
    bool field;
    size_t pos; /* the field node's byte offset, for Go's line:col in errors */
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_ident(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int line_of(const char *src, size_t pos)
{
    int line = 1;
    for (size_t i = 0; i < pos; i++)
        line += src[i] == '\n';
    return line;
}

/* Splits src into text and field segments; false with the error in msg. */
static bool parse_template(struct hc_cli *cli, const char *src, struct segment **out, size_t *nout,
                           struct hc_buf *msg)
{
    size_t n = strlen(src), cap = 8, ns = 0;
    struct segment *segs = hc_arena_array(&cli->arena, cap, sizeof *segs);
    size_t i = 0;
    bool trim_next = false;
    while (segs && i <= n) {
        const char *open = strstr(src + i, "{{");
        size_t end = open ? (size_t)(open - src) : n;
        size_t start = i;
        if (trim_next)
            while (start < end && is_space(src[start]))
                start++;
        size_t tend = end;
        size_t a = end + 2; /* inside the action */
        if (open && src[a] == '-' && is_space(src[a + 1])) {
            while (tend > start && is_space(src[tend - 1]))
                tend--;
            a += 2;
        }
        if (ns + 2 > cap) {
            size_t ncap = cap * 2;
            segs = hc_arena_realloc(&cli->arena, segs, cap * sizeof *segs, ncap * sizeof *segs);
            cap = ncap;
            if (!segs)
                break;
        }
        if (tend > start)
            segs[ns++] = (struct segment){src + start, tend - start, false, 0};
        if (!open) {
            *out = segs;
            *nout = ns;
            return true;
        }
        const char *close = strstr(src + a, "}}");
        if (!close) {
            hc_buf_printf(msg, "template: _:%d: unclosed action", line_of(src, a));
            return false;
        }
        size_t cend = (size_t)(close - src), next = cend + 2;
        trim_next = false;
        if (cend >= a + 2 && src[cend - 1] == '-' && is_space(src[cend - 2])) {
            trim_next = true;
            cend -= 2;
        }
        while (a < cend && is_space(src[a]))
            a++;
        while (cend > a && is_space(src[cend - 1]))
            cend--;
        bool comment = cend - a >= 4 && strncmp(src + a, "/*", 2) == 0 &&
                       strncmp(src + cend - 2, "*/", 2) == 0;
        if (!comment) {
            size_t k = a + 1;
            while (k < cend && is_ident(src[k]))
                k++;
            bool field = cend > a && src[a] == '.' && k == cend &&
                         (k == a + 1 || !(src[a + 1] >= '0' && src[a + 1] <= '9'));
            if (!field) {
                hc_buf_adds(msg, "helmc version --template supports only {{.Field}} actions "
                                 "until its template engine is wired in");
                return false;
            }
            segs[ns++] = (struct segment){k == a + 1 ? NULL : src + a + 1, k - a - 1, true, a};
        }
        i = next;
    }
    hc_buf_adds(msg, "out of memory");
    return false;
}

static hc_status run_template(struct hc_cli *cli, const char *src, struct hc_error *err)
{
    struct segment *segs = NULL;
    size_t ns = 0;
    struct hc_buf out = HC_BUF_INIT, msg = HC_BUF_INIT;
    hc_status rc = HC_OK;
    if (!parse_template(cli, src, &segs, &ns, &msg)) {
        rc = hc_error_set(err, HC_ERR_PARSE, "%s", hc_buf_str(&msg));
        goto out;
    }
    for (size_t i = 0; i < ns; i++) {
        const struct segment *s = &segs[i];
        if (!s->field) {
            hc_buf_add(&out, s->text, s->len);
        } else if (!s->text) { /* {{.}}: %v of the struct */
            hc_buf_addc(&out, '{');
            for (size_t f = 0; f < NFIELDS; f++)
                hc_buf_printf(&out, "%s%s", f ? " " : "",
                              field_value(field_names[f], strlen(field_names[f])));
            hc_buf_addc(&out, '}');
        } else {
            const char *v = field_value(s->text, s->len);
            if (!v) {
                /* Go writes what it executed so far, then fails */
                size_t nl = s->pos;
                while (nl > 0 && src[nl - 1] != '\n')
                    nl--;
                rc = hc_error_set(err, HC_ERR_EXEC,
                                  "template: _:%d:%zu: executing \"_\" at <.%.*s>: can't evaluate "
                                  "field %.*s in type version.BuildInfo",
                                  line_of(src, s->pos), s->pos - nl, (int)s->len, s->text,
                                  (int)s->len, s->text);
                break;
            }
            hc_buf_adds(&out, v);
        }
    }
    if (out.len)
        fwrite(out.data, 1, out.len, cli->out);
    if (!hc_buf_ok(&out) && rc == HC_OK)
        rc = hc_error_nomem(err);
out:
    hc_buf_release(&out);
    hc_buf_release(&msg);
    return rc;
}

static hc_status run_version(struct hc_cli *cli, struct hc_error *err)
{
    const struct version_opts *o = cli->opts;
    if (*o->template_)
        return run_template(cli, o->template_, err);
    struct hc_buf b = HC_BUF_INIT;
    const char *commit = HELMC_GIT_COMMIT;
    if (!o->short_)
        format_build_info(&b);
    else if (strlen(commit) >= 7)
        hc_buf_printf(&b, "%s+g%.7s", hc_cli_version(), commit);
    else
        hc_buf_adds(&b, hc_cli_version());
    hc_buf_addc(&b, '\n');
    hc_status rc = hc_buf_ok(&b) ? HC_OK : hc_error_nomem(err);
    if (rc == HC_OK)
        fwrite(b.data, 1, b.len, cli->out);
    hc_buf_release(&b);
    return rc;
}

const struct hc_command hc_cmd_version = {
    .use = "version",
    .summary = "print the helmc version information",
    .description =
        "\n"
        "Show the version of helmc.\n"
        "\n"
        "helmc prints its version in the layout helm uses, for example:\n"
        "\n"
        "version.BuildInfo{Version:\"v0.1.0\", GitCommit:\"\", GitTreeState:\"\", GoVersion:\"\", "
        "KubeClientVersion:\"v1.35\"}\n"
        "\n"
        "- Version is helmc's own version, not the version of helm it follows.\n"
        "- GitCommit and GitTreeState are filled in when the build records them.\n"
        "- GoVersion is empty: helmc is written in C.\n"
        "- KubeClientVersion is the Kubernetes version whose defaults helmc emulates.\n"
        "\n"
        "--short prints the version alone; --template prints a Go template over the same\n"
        "fields (.Version, .GitCommit, .GitTreeState, .GoVersion, .KubeClientVersion),\n"
        "for example --template='Version: {{.Version}}'.\n",
    .run = run_version,
    .args = HC_ARGS_NONE,
    .options = version_options,
    .options_size = sizeof(struct version_opts),
};
