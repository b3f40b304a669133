/*
 * env.c - the global flags and the defaults they take from the environment.
 *
 * Mirrors helm's pkg/cli/environment.go (EnvSettings: New, AddFlags, envOr, envIntOr,
 * envFloat32Or, envCSV, envColorMode), pkg/helmpath (HELM_*_HOME, then XDG_*_HOME, then
 * ~/.cache, ~/.config, ~/.local/share, each joined with "helm") and pkg/cmd's klog flags
 * and defaultKeyring.  This is the one place the environment is read for defaults; the
 * defaults are stored before the command line is parsed, so help shows them as helm does.
 */
#include "cli/cli.h"

#include <stddef.h>
#include <string.h>

#define G(f) offsetof(struct hc_globals, f)

/* klog's flags check their values as klog's own flag.Value types do. */
static const char *check_klog_level(struct hc_optparse *p, const struct hc_option *opt,
                                    const char **value)
{
    (void)opt;
    int64_t v;
    enum hc_numerr e = hc_cli_parse_int(*value, 10, 32, &v);
    if (e == HC_NUM_OK)
        return NULL;
    struct hc_buf b = HC_BUF_INIT;
    hc_cli_numerr(&b, "ParseInt", *value, e);
    const char *r = hc_arena_strdup(p->arena, hc_buf_str(&b));
    hc_buf_release(&b);
    return r ? r : "out of memory";
}

static const char *check_klog_severity(struct hc_optparse *p, const struct hc_option *opt,
                                       const char **value)
{
    static const char *const names[] = {"INFO", "WARNING", "ERROR", "FATAL"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t k = 0;
        while (names[i][k] && (*value)[k] &&
               ((*value)[k] == names[i][k] || (*value)[k] == names[i][k] + ('a' - 'A')))
            k++;
        if (names[i][k] == '\0' && (*value)[k] == '\0')
            return NULL;
    }
    return check_klog_level(p, opt, value);
}

static const char *check_klog_vmodule(struct hc_optparse *p, const struct hc_option *opt,
                                      const char **value)
{
    (void)p, (void)opt;
    const char *syntax = "syntax error: expect comma-separated list of filename=N";
    const char *s = *value;
    while (*s) {
        const char *end = strchr(s, ',');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        if (n > 0) {
            const char *eq = memchr(s, '=', n);
            if (!eq || eq == s || eq == s + n - 1 || memchr(eq + 1, '=', n - (size_t)(eq - s) - 1))
                return syntax;
            char num[32];
            size_t k = n - (size_t)(eq - s) - 1;
            if (k >= sizeof num)
                return syntax;
            memcpy(num, eq + 1, k);
            num[k] = '\0';
            int64_t v;
            if (hc_cli_parse_int(num, 10, 32, &v) != HC_NUM_OK)
                return syntax;
            if (v < 0)
                return "negative value for vmodule level";
        }
        s += n + (end != NULL);
    }
    return NULL;
}

static const char *check_klog_backtrace(struct hc_optparse *p, const struct hc_option *opt,
                                        const char **value)
{
    (void)p, (void)opt;
    const char *syntax = "syntax error: expect file.go:234";
    const char *s = *value, *colon = strchr(s, ':');
    if (*s == '\0')
        return NULL;
    if (!colon || strchr(colon + 1, ':') || !memchr(s, '.', (size_t)(colon - s)))
        return syntax;
    int64_t v;
    if (hc_cli_parse_int(colon + 1, 10, 64, &v) != HC_NUM_OK)
        return syntax;
    return v <= 0 ? "negative or zero value for level" : NULL;
}

/* clang-format off */
#define KLOG_BOOL(n)                                                                     \
    {n, 0, HC_OPT_BOOL, G(klog_bool), .help = "", .flags = HC_OPT_HIDDEN | HC_OPT_GOFLAG}
#define KLOG_STRING(n, chk)                                                              \
    {n, 0, HC_OPT_STRING, G(klog_string), .help = "", .check = (chk), .flags = HC_OPT_HIDDEN}
/* clang-format on */

const struct hc_option hc_global_options[] = {
    {"namespace", 'n', HC_OPT_STRING, G(namespace_), .help = "namespace scope for this request"},
    {"kubeconfig", 0, HC_OPT_STRING, G(kubeconfig), .help = "path to the kubeconfig file"},
    {"kube-context", 0, HC_OPT_STRING, G(kube_context),
     .help = "name of the kubeconfig context to use"},
    {"kube-token", 0, HC_OPT_STRING, G(kube_token), .help = "bearer token used for authentication"},
    {"kube-as-user", 0, HC_OPT_STRING, G(kube_as_user),
     .help = "username to impersonate for the operation"},
    {"kube-as-group", 0, HC_OPT_STRING_ARRAY, G(kube_as_groups),
     .help =
         "group to impersonate for the operation, this flag can be repeated to specify multiple "
         "groups."},
    {"kube-apiserver", 0, HC_OPT_STRING, G(kube_apiserver),
     .help = "the address and the port for the Kubernetes API server"},
    {"kube-ca-file", 0, HC_OPT_STRING, G(kube_ca_file),
     .help = "the certificate authority file for the Kubernetes API server connection"},
    {"kube-tls-server-name", 0, HC_OPT_STRING, G(kube_tls_server_name),
     .help = "server name to use for Kubernetes API server certificate validation. If it is not "
             "provided, the hostname used to contact the server is used"},
    {"kube-insecure-skip-tls-verify", 0, HC_OPT_BOOL, G(kube_insecure_skip_tls_verify),
     .help =
         "if true, the Kubernetes API server's certificate will not be checked for validity. This "
         "will make your HTTPS connections insecure"},
    {"debug", 0, HC_OPT_BOOL, G(debug), .help = "enable verbose output"},
    {"registry-config", 0, HC_OPT_STRING, G(registry_config),
     .help = "path to the registry config file"},
    {"repository-config", 0, HC_OPT_STRING, G(repository_config),
     .help = "path to the file containing repository names and URLs"},
    {"repository-cache", 0, HC_OPT_STRING, G(repository_cache),
     .help = "path to the directory containing cached repository indexes"},
    {"content-cache", 0, HC_OPT_STRING, G(content_cache),
     .help = "path to the directory containing cached content (e.g. charts)"},
    {"burst-limit", 0, HC_OPT_INT, G(burst_limit), .help = "client-side default throttling limit"},
    {"qps", 0, HC_OPT_FLOAT32, G(qps),
     .help = "queries per second used when communicating with the Kubernetes API, not including "
             "bursting"},
    {"color", 0, HC_OPT_STRING, G(color), .help = "use colored output (never, auto, always)"},
    {"colour", 0, HC_OPT_STRING, G(color), .help = "use colored output (never, auto, always)"},
    /* klog's flags: helm registers them hidden (addKlogFlags), so scripts may pass them */
    KLOG_BOOL("add-dir-header"),
    KLOG_BOOL("alsologtostderr"),
    KLOG_STRING("log-backtrace-at", check_klog_backtrace),
    KLOG_STRING("log-dir", NULL),
    KLOG_STRING("log-file", NULL),
    {"log-file-max-size", 0, HC_OPT_UINT, G(klog_file_max_size), .help = "", .def = "1800",
     .flags = HC_OPT_HIDDEN | HC_OPT_GOFLAG},
    KLOG_BOOL("logtostderr"),
    KLOG_BOOL("one-output"),
    KLOG_BOOL("skip-headers"),
    KLOG_BOOL("skip-log-headers"),
    KLOG_STRING("stderrthreshold", check_klog_severity),
    {"v", 'v', HC_OPT_STRING, G(klog_string), .help = "", .check = check_klog_level,
     .flags = HC_OPT_HIDDEN},
    KLOG_STRING("vmodule", check_klog_vmodule),
    {"driver", 0, HC_OPT_STRING, G(driver), .help = "release storage driver: file, memory or sql",
     .flags = HC_OPT_HIDDEN},
    {0},
};

/* ---- environment ---- */

static const char *env(struct hc_cli *cli, const char *name)
{
    return cli->getenv(name);
}

/* envOr: the variable when set (even empty), else def. */
static const char *env_or(struct hc_cli *cli, const char *name, const char *def)
{
    const char *v = env(cli, name);
    return v ? v : def;
}

/* envIntOr: strconv.Atoi of the variable, def when unset or malformed. */
static int64_t env_int_or(struct hc_cli *cli, const char *name, int64_t def)
{
    const char *v = env(cli, name);
    int64_t n;
    if (!v || hc_cli_parse_int(v, 10, 64, &n) != HC_NUM_OK)
        return def;
    return n;
}

/* envColorMode: NO_COLOR wins, then a valid HELM_COLOR (any case), else auto. */
static const char *env_color_mode(struct hc_cli *cli)
{
    const char *v = env(cli, "NO_COLOR");
    if (v && *v)
        return "never";
    v = env(cli, "HELM_COLOR");
    if (v) {
        static const char *const modes[] = {"never", "auto", "always"};
        for (size_t i = 0; i < 3; i++) {
            size_t k = 0;
            while (v[k] && modes[i][k] &&
                   (v[k] == modes[i][k] || v[k] == modes[i][k] - ('a' - 'A')))
                k++;
            if (v[k] == '\0' && modes[i][k] == '\0')
                return modes[i];
        }
    }
    return "auto";
}

/* k8s.io/client-go's homedir.HomeDir on Unix: $HOME. */
static const char *home_dir(struct hc_cli *cli)
{
    const char *h = env(cli, "HOME");
    return h ? h : "";
}

/* helmpath's lazypath.path: $HELM_X_HOME/elem, else ($XDG_X_HOME or ~/fallback)/helm/elem. */
static const char *helm_path(struct hc_cli *cli, const char *helm_var, const char *xdg_var,
                             const char *fallback, const char *elem)
{
    const char *base = env(cli, helm_var);
    if (base && *base) {
        const char *e[] = {base, elem};
        return hc_cli_path_join(&cli->arena, e, 2);
    }
    base = env(cli, xdg_var);
    if (!base || !*base) {
        const char *e[] = {home_dir(cli), fallback};
        base = hc_cli_path_join(&cli->arena, e, 2);
    }
    const char *e[] = {base ? base : "", "helm", elem};
    const char *p = hc_cli_path_join(&cli->arena, e, 3);
    return p ? p : "";
}

static const char *cache_path(struct hc_cli *cli, const char *elem)
{
    return helm_path(cli, "HELM_CACHE_HOME", "XDG_CACHE_HOME", ".cache", elem);
}

static const char *config_path(struct hc_cli *cli, const char *elem)
{
    return helm_path(cli, "HELM_CONFIG_HOME", "XDG_CONFIG_HOME", ".config", elem);
}

static const char *data_path(struct hc_cli *cli, const char *elem)
{
    return helm_path(cli, "HELM_DATA_HOME", "XDG_DATA_HOME", ".local/share", elem);
}

void hc_globals_init(struct hc_cli *cli, struct hc_globals *g)
{
    hc_opts_init(&cli->arena, hc_global_options, g);
    g->namespace_ = env_or(cli, "HELM_NAMESPACE", "");
    g->max_history = env_int_or(cli, "HELM_MAX_HISTORY", 10);
    g->driver = env_or(cli, "HELM_DRIVER", "");
    /* KUBECONFIG is read into the settings, then the flag's "" default overwrites it;
     * client-go reads KUBECONFIG itself later */
    g->kubeconfig = "";
    g->kube_context = env_or(cli, "HELM_KUBECONTEXT", "");
    g->kube_token = env_or(cli, "HELM_KUBETOKEN", "");
    g->kube_as_user = env_or(cli, "HELM_KUBEASUSER", "");
    g->kube_apiserver = env_or(cli, "HELM_KUBEAPISERVER", "");
    g->kube_ca_file = env_or(cli, "HELM_KUBECAFILE", "");
    g->kube_tls_server_name = env_or(cli, "HELM_KUBETLS_SERVER_NAME", "");
    const char *v = env(cli, "HELM_KUBEINSECURE_SKIP_TLS_VERIFY");
    bool b;
    g->kube_insecure_skip_tls_verify = v && hc_cli_parse_bool(v, &b) ? b : false;
    v = env(cli, "HELM_DEBUG");
    g->debug = v && hc_cli_parse_bool(v, &b) ? b : false;
    /* envCSV: trim ", " from both ends, then split on "," */
    v = env(cli, "HELM_KUBEASGROUPS");
    if (v) {
        size_t i = 0, n = strlen(v);
        while (i < n && (v[i] == ',' || v[i] == ' '))
            i++;
        while (n > i && (v[n - 1] == ',' || v[n - 1] == ' '))
            n--;
        while (i < n) {
            const char *c = memchr(v + i, ',', n - i);
            size_t k = c ? (size_t)(c - (v + i)) : n - i;
            const char *item = hc_arena_strndup(&cli->arena, v + i, k);
            if (item)
                hc_strlist_push(&cli->arena, &g->kube_as_groups, item);
            i += k + 1;
        }
    }
    g->plugins_dir = env_or(cli, "HELM_PLUGINS", data_path(cli, "plugins"));
    g->registry_config =
        env_or(cli, "HELM_REGISTRY_CONFIG", config_path(cli, "registry/config.json"));
    g->repository_config =
        env_or(cli, "HELM_REPOSITORY_CONFIG", config_path(cli, "repositories.yaml"));
    g->repository_cache = env_or(cli, "HELM_REPOSITORY_CACHE", cache_path(cli, "repository"));
    g->content_cache = env_or(cli, "HELM_CONTENT_CACHE", cache_path(cli, "content"));
    g->burst_limit = env_int_or(cli, "HELM_BURST_LIMIT", 100);
    float q;
    v = env(cli, "HELM_QPS");
    g->qps = v && hc_cli_parse_float32(v, &q) == HC_NUM_OK ? q : 0;
    g->color = env_color_mode(cli);
}

const char *hc_cli_default_keyring(struct hc_cli *cli)
{
    const char *gnupg = env(cli, "GNUPGHOME");
    const char *p;
    if (gnupg) {
        const char *e[] = {gnupg, "pubring.gpg"};
        p = hc_cli_path_join(&cli->arena, e, 2);
    } else {
        const char *e[] = {home_dir(cli), ".gnupg", "pubring.gpg"};
        p = hc_cli_path_join(&cli->arena, e, 3);
    }
    return p ? p : "";
}

const char *hc_cli_namespace(const struct hc_cli *cli)
{
    /* helm asks client-go, which also consults the kubeconfig's current context; helmc
     * does not read kubeconfig files yet */
    return *cli->g.namespace_ ? cli->g.namespace_ : "default";
}
