/*
 * dep_fetch.c - how `dependency update|build` fetches repository indexes and charts.
 *
 * Helm's getter.All for http and https (include/helmc/net.h), with the credentials and
 * TLS settings of the repositories.yaml entry the URL belongs to, as helm's
 * ChartRepository and ChartDownloader pass them (the command's own --username and TLS
 * flags are for OCI registries, which are not supported yet).
 */
#include "cli/deps.h"

#include "helmc/net.h"

hc_status hc_cli_dep_fetch(void *ctx, const char *url, const struct hc_dep_repo *repo,
                           struct hc_buf *body, struct hc_error *err)
{
    (void)ctx;
    struct hc_http_opts o = {0};
    if (repo) {
        o.ca_file = *repo->ca_file ? repo->ca_file : NULL;
        o.cert_file = *repo->cert_file ? repo->cert_file : NULL;
        o.key_file = *repo->key_file ? repo->key_file : NULL;
        o.insecure_skip_tls_verify = repo->insecure_skip_tls_verify;
        o.username = repo->username;
        o.password = repo->password;
        o.auth_url = repo->url;
        o.pass_credentials_all = repo->pass_credentials_all;
    }
    return hc_http_get(url, &o, body, err);
}
