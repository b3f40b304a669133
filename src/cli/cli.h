/*
 * cli.h - the command-line tool's internal interface (src/cli only).
 *
 * The tool is a tree of commands, as helm's is a tree of cobra commands: main.c holds the
 * table of top-level commands, each cmd_<name>.c defines one command (and its subcommands)
 * as a struct hc_command with its option table, and command.c finds the command argv names,
 * parses its flags (options.c), checks its arguments and runs it, printing help and errors
 * in helm's words.  Commands receive a struct hc_cli: the global flags, their own parsed
 * options and their positional arguments.  Only src/cli prints, reads the environment or
 * decides the exit code.
 */
#ifndef HC_CLI_H
#define HC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "helmc/error.h"
#include "base/arena.h"
#include "base/buf.h"
#include "cli/options.h"

/* "v0.1.0": the tool's version. */
const char *hc_cli_version(void);

/* How a command checks its positional arguments (helm's pkg/cmd/require, cobra's nil). */
enum hc_args_rule {
    HC_ARGS_ANY,   /* cobra's nil Args: anything, but a root with subcommands rejects words */
    HC_ARGS_NONE,  /* require.NoArgs */
    HC_ARGS_EXACT, /* require.ExactArgs(n) */
    HC_ARGS_MIN,   /* require.MinimumNArgs(n) */
    HC_ARGS_MAX,   /* require.MaximumNArgs(n) */
};

struct hc_cli;

/* A command's body: HC_OK, or an error whose message the caller prints after "Error: ". */
typedef hc_status hc_cmd_fn(struct hc_cli *cli, struct hc_error *err);
/* Sets defaults that depend on the environment, after the table's defaults are stored. */
typedef void hc_cmd_init_fn(struct hc_cli *cli, void *opts);

#define HC_CMD_HIDDEN (1u << 0) /* runs, but help and suggestions leave it out */

struct hc_command {
    const char *use;            /* cobra's Use: the name, then the argument synopsis */
    const char *const *aliases; /* NULL-terminated, or NULL */
    const char *summary;        /* cobra's Short: one line in "Available Commands" */
    const char *description;    /* cobra's Long: the help's first paragraph(s) */
    hc_cmd_fn *run;             /* NULL: only groups subcommands (prints help) */
    enum hc_args_rule args;
    int nargs;
    const struct hc_option *options; /* the command's own flags, or NULL */
    size_t options_size;             /* sizeof the struct those rows point into */
    hc_cmd_init_fn *init;            /* or NULL */
    const char *const *exclusive;    /* flag groups ("a b"), at most one set each; or NULL */
    const struct hc_command *const *subcommands; /* in helm's registration order; or NULL */
    unsigned flags;                              /* HC_CMD_* */
};

/* The global flags (helm's EnvSettings), defaulted from the environment. */
struct hc_globals {
    const char *namespace_; /* -n, --namespace; "" when not given (see hc_cli_namespace) */
    const char *kubeconfig, *kube_context, *kube_token, *kube_as_user, *kube_apiserver;
    const char *kube_ca_file, *kube_tls_server_name;
    struct hc_strlist kube_as_groups;
    bool kube_insecure_skip_tls_verify, debug;
    const char *registry_config, *repository_config, *repository_cache, *content_cache;
    int64_t burst_limit;
    float qps;
    const char *color; /* --color and --colour: never, auto or always */
    /* klog's flags, accepted and ignored as helm hides them */
    bool klog_bool;
    int64_t klog_v;
    uint64_t klog_file_max_size;
    const char *klog_string;
    /* from the environment only */
    int64_t max_history;     /* HELM_MAX_HISTORY, default 10 */
    const char *plugins_dir; /* HELM_PLUGINS */
    const char *driver;      /* --driver (hidden, ours), else HELM_DRIVER: release storage */
};

#define HC_CLI_MAX_DEPTH 8

/* What parsing decided (hc_cli_parse). */
enum hc_cli_action {
    HC_CLI_RUN,       /* run cli->cmd */
    HC_CLI_HELP,      /* print help for cli->cmd on stdout, exit 0 */
    HC_CLI_ERROR,     /* print "Error: MSG", exit 1 */
    HC_CLI_ERROR_RUN, /* as HC_CLI_ERROR, then "Run 'PATH --help' for usage." */
    HC_CLI_ERROR_LOG, /* print MSG as it is (a log line), exit 1 */
};

/* The environment, injectable so tests are deterministic: NULL means unset. */
typedef const char *hc_getenv_fn(const char *name);

struct hc_cli {
    /* set up by hc_cli_init */
    const struct hc_command *root;
    hc_getenv_fn *getenv;
    struct hc_arena arena; /* everything parsing makes */
    struct hc_buf log;     /* warnings printed on stderr right away */
    struct hc_buf notices; /* deprecation notices, printed once flags parsed */
    struct hc_buf msg;     /* the error or help text */
    FILE *out, *err;       /* where commands write (stdout, stderr) */
    /* filled by hc_cli_parse */
    const struct hc_command *path[HC_CLI_MAX_DEPTH]; /* root ... cmd */
    size_t depth;
    const struct hc_command *cmd;
    struct hc_globals g;
    unsigned char *g_changed; /* per global option: given on the command line */
    void *opts;               /* cmd's options struct (options_size bytes), or NULL */
    unsigned char *changed;   /* per row of cmd->options */
    bool help;                /* -h/--help */
    const char **args;        /* positional arguments */
    size_t nargs;
    size_t args_len_at_dash; /* arguments before "--", SIZE_MAX without one */
    int exit_code;           /* a command may set a code other than 1 for its error */
};

/* Prepares cli to parse against root; getenv NULL means the process environment. */
void hc_cli_init(struct hc_cli *cli, const struct hc_command *root, hc_getenv_fn *getenv);
/* Frees everything parsing made. */
void hc_cli_release(struct hc_cli *cli);

/*
 * Finds the command argv names, parses its flags and checks its arguments, as cobra's
 * ExecuteC does up to the command's body.  Prints nothing: an error or help text is left
 * in cli->msg (help is written by hc_cli_help when printed).
 */
enum hc_cli_action hc_cli_parse(struct hc_cli *cli, int argc, const char *const *argv);

/* Runs the tool: parse, print help or errors, run the command.  Returns the exit code. */
int hc_cli_main(const struct hc_command *root, int argc, const char *const *argv);

/* The help for path[0..depth) (cobra's default help template), appended to b. */
void hc_cli_help(struct hc_cli *cli, const struct hc_command *const *path, size_t depth,
                 struct hc_buf *b);
/* The usage part alone (cobra's UsageString). */
void hc_cli_usage(struct hc_cli *cli, const struct hc_command *const *path, size_t depth,
                  struct hc_buf *b);

/* The root's usage as the help command prints it for an unknown topic: cobra has not
 * added -h/--help to the root then, so that row is missing. */
void hc_cli_root_usage(struct hc_cli *cli, struct hc_buf *b);
/* The command's name: the first word of its Use. */
size_t hc_cmd_name_len(const struct hc_command *cmd);
/* "helmc repo add": the command path of path[0..depth), into the arena. */
const char *hc_cli_command_path(struct hc_cli *cli, const struct hc_command *const *path,
                                size_t depth);
/* Whether the named flag of the running command (or a global one) was given. */
bool hc_cli_changed(const struct hc_cli *cli, const char *name);

/* The namespace a command acts in: --namespace, $HELM_NAMESPACE, else "default". */
const char *hc_cli_namespace(const struct hc_cli *cli);
/* Prints a warning on stderr as helm's logger does: level=WARN msg="...". */
void hc_cli_warn(struct hc_cli *cli, const char *msg);
/* The same with slog attributes: kv holds key, value, key, value, ..., NULL. */
void hc_cli_warn_attrs(struct hc_cli *cli, const char *msg, const char *const *kv);
/* The body of every command helmc does not implement yet: an error naming it. */
hc_status hc_cli_not_implemented(struct hc_cli *cli, struct hc_error *err);

/* The global flags (env.c) and their environment defaults. */
extern const struct hc_option hc_global_options[];
void hc_globals_init(struct hc_cli *cli, struct hc_globals *g);
/* helm's defaultKeyring(): $GNUPGHOME/pubring.gpg or ~/.gnupg/pubring.gpg. */
const char *hc_cli_default_keyring(struct hc_cli *cli);

/* cobra's automatic "help" command. */
extern const struct hc_command hc_cmd_help;

#endif
