/*
 * curl_api.h - libcurl, opened on first use (base/lazylib.h).
 *
 * Include this instead of <curl/curl.h>; call hc_curl_load before the first libcurl
 * call.  The names below are redirected to the table hc_curl_load fills.
 */
#ifndef HC_NET_CURL_API_H
#define HC_NET_CURL_API_H

#define CURL_DISABLE_TYPECHECK /* its checking macros would hide the redirections */
#include <curl/curl.h>

#include "base/lazylib.h"

#define HC_CURL_SYMBOLS(X)                                                                    \
    X(curl_global_init) X(curl_easy_init) X(curl_easy_cleanup) X(curl_easy_setopt)             \
    X(curl_easy_getinfo) X(curl_easy_perform) X(curl_easy_strerror) X(curl_slist_append)       \
    X(curl_slist_free_all)

struct hc_curl_api {
    HC_CURL_SYMBOLS(HC_LAZYLIB_FIELD)
};
extern struct hc_curl_api hc_curl_api;

/* Opens libcurl once; HC_ERR_IO when it cannot be loaded. */
hc_status hc_curl_load(struct hc_error *err);

#ifndef HC_CURL_API_IMPL
#undef curl_easy_setopt  /* curl.h's argument-count checks */
#undef curl_easy_getinfo
#define curl_global_init    (hc_curl_api.curl_global_init)
#define curl_easy_init      (hc_curl_api.curl_easy_init)
#define curl_easy_cleanup   (hc_curl_api.curl_easy_cleanup)
#define curl_easy_setopt    (hc_curl_api.curl_easy_setopt)
#define curl_easy_getinfo   (hc_curl_api.curl_easy_getinfo)
#define curl_easy_perform   (hc_curl_api.curl_easy_perform)
#define curl_easy_strerror  (hc_curl_api.curl_easy_strerror)
#define curl_slist_append   (hc_curl_api.curl_slist_append)
#define curl_slist_free_all (hc_curl_api.curl_slist_free_all)
#endif

#endif
