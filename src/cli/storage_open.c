/*
 * storage_open.c - the release storage a command works on, chosen as helm's
 * action.Configuration.Init chooses its driver from $HELM_DRIVER (and
 * helmc's --driver), and the --deploy-with command that stands in for a
 * cluster.
 */
#include "cli/release_cli.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"

hc_status hc_cli_store_open(struct hc_cli *cli, int64_t history_max, struct hc_cli_store *s,
                            struct hc_error *err)
{
    memset(s, 0, sizeof *s);
    const char *d = cli->g.driver ? cli->g.driver : "";
    hc_status rc;
    if (!*d || strcmp(d, "file") == 0) {
        struct hc_buf home = HC_BUF_INIT;
        rc = hc_storage_data_home(&home, cli->getenv("HELMC_DATA_HOME"),
                                  cli->getenv("XDG_DATA_HOME"), cli->getenv("HOME"), err);
        if (rc == HC_OK)
            rc = hc_buf_ok(&home) ? hc_storage_file_new(hc_buf_str(&home), &s->driver, err)
                                  : hc_error_nomem(err);
        hc_buf_release(&home);
    } else if (strcmp(d, "memory") == 0) {
        rc = hc_storage_memory_new(&s->driver, err);
        if (rc == HC_OK) {
            const char *data = cli->getenv("HELM_MEMORY_DRIVER_DATA");
            rc = hc_storage_memory_load(s->driver, data ? data : "", err);
            if (rc != HC_OK && rc != HC_ERR_NOMEM) {
                /* helm logs this at INFO level and exits 1, with no "Error:" line */
                struct hc_buf q = HC_BUF_INIT;
                hc_cli_quote(&q, hc_error_msg(err));
                fprintf(cli->err, "level=INFO msg=%s\n", hc_buf_str(&q));
                hc_buf_release(&q);
                hc_error_release(err);
                hc_error_set(err, rc, "%s", "");
            }
        }
    } else if (strcmp(d, "sql") == 0) {
        /* helm: "unable to instantiate SQL driver: <libpq's message>" */
        const char *conn = cli->getenv("HELM_DRIVER_SQL_CONNECTION_STRING");
        rc = hc_storage_sql_new(conn ? conn : "", &s->driver, err);
        if (rc != HC_OK && rc != HC_ERR_NOMEM) {
            struct hc_buf m = HC_BUF_INIT;
            hc_buf_adds(&m, hc_error_msg(err));
            hc_error_release(err);
            hc_error_set(err, rc, "unable to instantiate SQL driver: %s", hc_buf_str(&m));
            hc_buf_release(&m);
        }
    } else if (strcmp(d, "secret") == 0 || strcmp(d, "secrets") == 0 ||
               strcmp(d, "configmap") == 0 || strcmp(d, "configmaps") == 0) {
        rc = hc_error_set(err, HC_ERR_USAGE,
                          "%s driver: helmc uses no Kubernetes cluster; choose the file "
                          "(default), memory or sql driver",
                          d);
    } else {
        rc = hc_error_set(err, HC_ERR_USAGE, "unknown driver \"%s\"", d);
    }
    if (rc != HC_OK) {
        hc_cli_store_close(s);
        return rc;
    }
    s->store.driver = s->driver;
    s->store.history_max = history_max > INT32_MAX ? INT32_MAX : (int)history_max;
    s->cfg.store = &s->store;
    s->cfg.namespace_ = hc_cli_namespace(cli);
    return HC_OK;
}

void hc_cli_store_close(struct hc_cli_store *s)
{
    if (s->driver)
        hc_storage_driver_free(s->driver);
    s->driver = NULL;
}

/* Writes the manifest to CMD's standard input; the exit status decides. */
static hc_status deploy_with(void *ctx, const struct hc_release *r, struct hc_error *err)
{
    const char *cmd = ctx;
    int in[2];
    if (pipe(in) != 0)
        return hc_error_set(err, HC_ERR_IO, "deploy: pipe: %s", strerror(errno));
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        close(in[0]);
        close(in[1]);
        return hc_error_set(err, HC_ERR_IO, "deploy: fork: %s", strerror(errno));
    }
    if (pid == 0) {
        dup2(in[0], 0);
        close(in[0]);
        close(in[1]);
        /* the command's output must not mix with helmc's: it goes to stderr */
        dup2(2, 1);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    const char *p = r->manifest.p;
    size_t n = r->manifest.n;
    while (n > 0) {
        ssize_t w = write(in[1], p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break; /* the command stopped reading: its exit status decides */
        }
        p += w;
        n -= (size_t)w;
    }
    close(in[1]);
    signal(SIGPIPE, old);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return hc_error_set(err, HC_ERR_IO, "deploy: wait: %s", strerror(errno));
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return HC_OK;
    if (WIFEXITED(st))
        return hc_error_set(err, HC_ERR_EXEC, "deploy command failed: exit status %d",
                            WEXITSTATUS(st));
    return hc_error_set(err, HC_ERR_EXEC, "deploy command failed: signal: %s",
                        strsignal(WTERMSIG(st)));
}

void hc_cli_store_deploy_with(struct hc_cli_store *s, const char *cmd)
{
    if (!cmd || !*cmd)
        return;
    s->deploy_with = cmd;
    s->cfg.deploy = deploy_with;
    s->cfg.deploy_ctx = (void *)(uintptr_t)cmd;
}

hc_status hc_cli_dry_run(struct hc_cli *cli, const char *v, bool *dry, struct hc_error *err)
{
    *dry = false;
    if (strcmp(v, "unset") == 0) {
        hc_cli_warn(cli, "--dry-run is deprecated and should be replaced with '--dry-run=client'");
        *dry = true;
        return HC_OK;
    }
    if (strcmp(v, "client") == 0 || strcmp(v, "server") == 0) {
        *dry = true;
        return HC_OK;
    }
    if (strcmp(v, "none") == 0)
        return HC_OK;
    bool b;
    if (!hc_cli_parse_bool(v, &b)) {
        struct hc_buf q = HC_BUF_INIT;
        hc_cli_quote(&q, v);
        hc_status rc = hc_error_set(err, HC_ERR_USAGE,
                                    "invalid dry-run value (%s). Must be \"none\", \"server\", "
                                    "or \"client\"",
                                    hc_buf_str(&q));
        hc_buf_release(&q);
        return rc;
    }
    *dry = b;
    char *msg = hc_arena_printf(&cli->arena,
                                "boolean '--dry-run=%s' flag is deprecated and must be replaced "
                                "with '--dry-run=%s'",
                                v, b ? "client" : "none");
    hc_cli_warn(cli, msg ? msg : "--dry-run");
    return HC_OK;
}
