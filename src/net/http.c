/*
 * http.c - GET over HTTP(S) with libcurl, failing as helm's HTTP getter fails.
 *
 * Mirrors helm's pkg/getter/httpgetter.go (get, httpClient) and the URL helper
 * repo.ResolveReferenceURL.  Every body has a ceiling (opts->max_bytes); a transfer that
 * passes it is aborted.  Transport errors are reworded into Go's net/http forms for the
 * common cases (refused, unknown host, bad certificate, timeout) so that helm's messages,
 * which wrap them, come out the same.
 */
#include "helmc/net.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "net/curl_api.h"

#define MAX_REDIRS 10 /* Go's http.Client default policy */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static CURLcode init_rc;

static void global_init(void)
{
    init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

hc_status hc_http_global_init(struct hc_error *err)
{
    hc_status rc = hc_curl_load(err);
    if (rc != HC_OK)
        return rc;
    pthread_once(&init_once, global_init);
    if (init_rc != CURLE_OK)
        return hc_error_set(err, HC_ERR_IO, "libcurl: %s", curl_easy_strerror(init_rc));
    return HC_OK;
}

/* Where a transfer's body goes: a buffer or a file, with the ceiling. */
struct sink {
    struct hc_buf *buf;
    FILE *file;
    size_t got, max;
    bool toobig;
    char status[128]; /* the last status line's code and reason ("404 Not Found") */
};

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
    struct sink *s = ctx;
    size_t len = size * n;
    if (len > s->max - s->got) {
        s->toobig = true;
        return 0;
    }
    s->got += len;
    if (s->file)
        return fwrite(p, 1, len, s->file);
    hc_buf_add(s->buf, p, len);
    return hc_buf_ok(s->buf) ? len : 0;
}

/* Keeps "CODE REASON" of each status line ("HTTP/1.1 404 Not Found\r\n"). */
static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
    struct sink *s = ctx;
    size_t len = size * n;
    if (len > 5 && memcmp(p, "HTTP/", 5) == 0) {
        const char *sp = memchr(p, ' ', len);
        if (sp) {
            size_t k = len - (size_t)(sp + 1 - p);
            while (k > 0 && (sp[k] == '\r' || sp[k] == '\n'))
                k--;
            if (k >= sizeof s->status)
                k = sizeof s->status - 1;
            memcpy(s->status, sp + 1, k);
            s->status[k] = '\0';
        }
    }
    return len;
}

/* Go's http.StatusText for the codes a repository answers with. */
static const char *status_text(long code)
{
    switch (code) {
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 410:
        return "Gone";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "";
    }
}

/* scheme://host[:port] of u, the part Go's URL.Scheme and URL.Host compare. */
static size_t origin_len(const char *u)
{
    const char *p = strstr(u, "://");
    if (!p)
        return 0;
    p += 3;
    while (*p && *p != '/' && *p != '?' && *p != '#')
        p++;
    return (size_t)(p - u);
}

static bool same_origin(const char *a, const char *b)
{
    size_t n = origin_len(a);
    return n > 0 && n == origin_len(b) && strncasecmp(a, b, n) == 0;
}

/* The host[:port] Go's dialer names ("dial tcp 127.0.0.1:1"). */
static void host_of(const char *u, char *out, size_t cap)
{
    const char *p = strstr(u, "://");
    p = p ? p + 3 : u;
    const char *at = NULL;
    for (const char *q = p; *q && *q != '/' && *q != '?' && *q != '#'; q++)
        if (*q == '@')
            at = q;
    if (at)
        p = at + 1;
    size_t n = strcspn(p, "/?#");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

/* Whether url's host is localhost or a loopback address (net/http's useProxy refuses those). */
static bool is_loopback(const char *url)
{
    char host[256];
    host_of(url, host, sizeof host);
    char *colon = host[0] == '[' ? strchr(host, ']') : strrchr(host, ':');
    if (colon)
        colon[host[0] == '['] = '\0';
    return !strcasecmp(host, "localhost") || !strncmp(host, "127.", 4) || !strcmp(host, "[::1]");
}

static hc_status transport_error(CURL *c, CURLcode rc, const char *url, const char *detail,
                                 struct hc_error *err)
{
    char *got = NULL;
    curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &got);
    const char *eff = got ? got : url;
    char host[256];
    host_of(eff, host, sizeof host);
    bool is_https = strncasecmp(eff, "https:", 6) == 0;
    if (!strchr(host, ':') || host[0] == '[') {
        size_t n = strlen(host);
        snprintf(host + n, sizeof host - n, ":%s", is_https ? "443" : "80");
    }
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
        return hc_error_set(err, HC_ERR_IO, "Get \"%s\": dial tcp %s: connect: connection refused",
                            eff, host);
    case CURLE_COULDNT_RESOLVE_HOST: {
        char *colon = strrchr(host, ':');
        if (colon)
            *colon = '\0';
        return hc_error_set(err, HC_ERR_IO, "Get \"%s\": dial tcp: lookup %s: no such host", eff,
                            host);
    }
    case CURLE_PEER_FAILED_VERIFICATION:
        return hc_error_set(err, HC_ERR_IO,
                            "Get \"%s\": tls: failed to verify certificate: x509: certificate "
                            "signed by unknown authority",
                            eff);
    case CURLE_OPERATION_TIMEDOUT:
        return hc_error_set(err, HC_ERR_IO,
                            "Get \"%s\": context deadline exceeded (Client.Timeout exceeded "
                            "while awaiting headers)",
                            eff);
    case CURLE_TOO_MANY_REDIRECTS:
        return hc_error_set(err, HC_ERR_IO, "Get \"%s\": stopped after 10 redirects", eff);
    case CURLE_UNSUPPORTED_PROTOCOL:
        return hc_error_set(err, HC_ERR_IO, "Get \"%s\": unsupported protocol scheme", eff);
    default:
        return hc_error_set(err, HC_ERR_IO, "Get \"%s\": %s", eff,
                            detail[0] ? detail : curl_easy_strerror(rc));
    }
}

/* tlsutil.NewTLSConfig's checks of the files before any connection is made. */
static hc_status check_tls_files(const struct hc_http_opts *o, struct hc_error *err)
{
    char eb[128];
    bool pair = o->cert_file && *o->cert_file && o->key_file && *o->key_file;
    const char *const files[] = {pair ? o->cert_file : NULL, pair ? o->key_file : NULL};
    for (size_t i = 0; i < 2; i++)
        if (files[i] && access(files[i], R_OK) != 0)
            return hc_error_set(err, HC_ERR_IO,
                                "can't create TLS config for client: can't load key pair from "
                                "cert %s and key %s: open %s: %s",
                                o->cert_file, o->key_file, files[i], hc_file_errstr(errno, eb));
    if (o->ca_file && *o->ca_file && access(o->ca_file, R_OK) != 0)
        return hc_error_set(err, HC_ERR_IO,
                            "can't create TLS config for client: can't read CA file: \"%s\": "
                            "open %s: %s",
                            o->ca_file, o->ca_file, hc_file_errstr(errno, eb));
    return HC_OK;
}

static hc_status get(const char *url, const struct hc_http_opts *o, struct sink *s,
                     struct hc_error *err)
{
    static const struct hc_http_opts none = {0};
    if (!o)
        o = &none;
    hc_status rc = check_tls_files(o, err);
    if (rc != HC_OK)
        return rc;
    rc = hc_http_global_init(err);
    if (rc != HC_OK)
        return rc;
    CURL *c = curl_easy_init();
    if (!c)
        return hc_error_nomem(err);
    char detail[CURL_ERROR_SIZE] = "";
    s->max = o->max_bytes ? o->max_bytes : HC_HTTP_MAX_BYTES;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)MAX_REDIRS);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_USERAGENT, o->user_agent ? o->user_agent : HC_HTTP_USER_AGENT);
    if (is_loopback(url))
        curl_easy_setopt(c, CURLOPT_PROXY, ""); /* Go never proxies loopback requests */
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
    if (o->timeout_ms > 0)
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)o->timeout_ms);
    if (o->ca_file && *o->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
    if (o->cert_file && *o->cert_file && o->key_file && *o->key_file) {
        curl_easy_setopt(c, CURLOPT_SSLCERT, o->cert_file);
        curl_easy_setopt(c, CURLOPT_SSLKEY, o->key_file);
    }
    if (o->insecure_skip_tls_verify) {
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    const char *auth_url = o->auth_url && *o->auth_url ? o->auth_url : url;
    if (o->username && *o->username && o->password && *o->password &&
        (o->pass_credentials_all || same_origin(auth_url, url))) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        curl_easy_setopt(c, CURLOPT_USERNAME, o->username);
        curl_easy_setopt(c, CURLOPT_PASSWORD, o->password);
        if (o->pass_credentials_all)
            curl_easy_setopt(c, CURLOPT_UNRESTRICTED_AUTH, 1L);
    }
    struct curl_slist *headers = NULL;
    if (o->accept && *o->accept) {
        struct hc_buf h = HC_BUF_INIT;
        hc_buf_printf(&h, "Accept: %s", o->accept);
        headers = hc_buf_ok(&h) ? curl_slist_append(NULL, h.data) : NULL;
        hc_buf_release(&h);
        if (!headers) {
            curl_easy_cleanup(c);
            return hc_error_nomem(err);
        }
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    }
    CURLcode cr = curl_easy_perform(c);
    curl_slist_free_all(headers);
    if (s->toobig) {
        rc = hc_error_set(err, HC_ERR_LIMIT, "Get \"%s\": response body larger than %zu bytes", url,
                          s->max);
    } else if (s->buf && !hc_buf_ok(s->buf)) {
        rc = hc_error_nomem(err);
    } else if (cr != CURLE_OK) {
        rc = transport_error(c, cr, url, detail, err);
    } else {
        long code = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
        if (code != 200) {
            char st[160];
            const char *sp = strchr(s->status, ' ');
            if (sp && sp[1])
                snprintf(st, sizeof st, "%s", s->status);
            else
                snprintf(st, sizeof st, "%ld %s", code, status_text(code));
            rc = hc_error_set(err, HC_ERR_IO, "failed to fetch %s : %s", url, st);
        }
    }
    curl_easy_cleanup(c);
    return rc;
}

hc_status hc_http_get(const char *url, const struct hc_http_opts *opts, struct hc_buf *out,
                      struct hc_error *err)
{
    struct sink s = {.buf = out};
    return get(url, opts, &s, err);
}

hc_status hc_http_get_file(const char *url, const struct hc_http_opts *opts, const char *path,
                           struct hc_error *err)
{
    struct hc_buf tmp = HC_BUF_INIT;
    struct hc_error terr;
    hc_error_init(&terr);
    int fd = hc_file_temp(path, &tmp, &terr);
    if (fd < 0) {
        hc_status rc = terr.code;
        hc_error_move(err, &terr);
        hc_buf_release(&tmp);
        return rc;
    }
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(tmp.data);
        hc_buf_release(&tmp);
        return hc_error_nomem(err);
    }
    struct sink s = {.file = f};
    hc_status rc = get(url, opts, &s, err);
    if (fchmod(fd, 0644) != 0 && rc == HC_OK)
        rc = hc_error_set(err, HC_ERR_IO, "chmod %s: %s", path, strerror(errno));
    if (fclose(f) != 0 && rc == HC_OK)
        rc = hc_error_set(err, HC_ERR_IO, "write %s: %s", path, strerror(errno));
    if (rc == HC_OK && rename(tmp.data, path) != 0)
        rc = hc_error_set(err, HC_ERR_IO, "rename %s: %s", path, strerror(errno));
    if (rc != HC_OK)
        unlink(tmp.data);
    hc_buf_release(&tmp);
    return rc;
}
