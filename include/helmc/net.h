/*
 * net.h - HTTP(S) downloads as helm's HTTP getter makes them (pkg/getter/httpgetter.go).
 *
 * One GET per call through libcurl: redirects followed (at most 10, as Go's client),
 * no compression asked for, proxies from the environment (http_proxy, https_proxy,
 * no_proxy, as libcurl reads them), TLS verified against the system store or opts->ca_file.
 * Basic credentials go only to the scheme and host of opts->auth_url (helm's
 * getter.WithURL), or everywhere with pass_credentials_all; libcurl does not resend
 * them to another host on a redirect.
 *
 * A status other than 200 fails with helm's message
 *   "failed to fetch URL : 404 Not Found"
 * and a transport failure with Go's form, e.g.
 *   "Get \"URL\": dial tcp 127.0.0.1:1: connect: connection refused".
 * Thread-safe once hc_http_global_init() has run (the first call makes it run).
 */
#ifndef HELMC_NET_H
#define HELMC_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helmc/error.h"

struct hc_buf;

struct hc_http_opts {
    const char *ca_file;   /* PEM bundle to verify servers with, or NULL (system store) */
    const char *cert_file; /* client certificate (PEM), used with key_file */
    const char *key_file;
    bool insecure_skip_tls_verify;
    const char *username, *password; /* basic auth; sent only when both are non-empty */
    const char *auth_url;            /* the URL the credentials belong to (NULL: the URL fetched) */
    bool pass_credentials_all;       /* send the credentials to any host */
    int64_t timeout_ms;              /* whole request; 0 = none */
    const char *user_agent;          /* NULL: HC_HTTP_USER_AGENT */
    const char *accept;              /* an Accept header, or NULL for none */
    size_t max_bytes;                /* ceiling on the body; 0 = HC_HTTP_MAX_BYTES */
};

/* Helm sends "Helm/<its version>"; we send the helm version we follow. */
#define HC_HTTP_USER_AGENT "Helm/4.1.4"
#define HC_HTTP_MAX_BYTES  ((size_t)1 << 30)

/* Sets libcurl up (curl_global_init); idempotent and safe to call from any thread. */
hc_status hc_http_global_init(struct hc_error *err);

/*
 * GETs url and appends the body to out (which the caller owns and releases).  On failure
 * out may hold part of the body; err has the message.  opts may be NULL.
 */
hc_status hc_http_get(const char *url, const struct hc_http_opts *opts, struct hc_buf *out,
                      struct hc_error *err);

/*
 * GETs url into the file path, written atomically (a temporary file beside it, renamed
 * over path) with mode 0644, as helm writes downloaded charts.  Nothing is left behind on
 * failure.
 */
hc_status hc_http_get_file(const char *url, const struct hc_http_opts *opts, const char *path,
                           struct hc_error *err);

/*
 * Resolves ref against base as helm's repo.ResolveReferenceURL does: an absolute ref is
 * returned as is; otherwise base gets a trailing '/' and ref is resolved against it (RFC
 * 3986), keeping base's query.  The result is malloc'ed (caller frees); NULL when out of
 * memory.
 */
char *hc_url_resolve(const char *base, const char *ref);

#endif
