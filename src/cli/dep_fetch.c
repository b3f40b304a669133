/*
 * dep_fetch.c - how `dependency update|build` fetches repository indexes and charts.
 *
 * Helm's getter.All: http and https.  The HTTP client is not merged yet, so every
 * fetch fails with the message helm gives for a scheme it has no getter for.
 */
#include "cli/deps.h"

#include <string.h>

hc_status hc_cli_dep_fetch(void *ctx, const char *url, const struct hc_dep_repo *repo,
                           struct hc_buf *body, struct hc_error *err)
{
    (void)ctx;
    (void)repo;
    (void)body;
    const char *s = strstr(url, "://");
    return hc_error_set(err, HC_ERR_IO, "could not find protocol handler for: %.*s",
                        (int)(s ? s - url : 0), url);
}
