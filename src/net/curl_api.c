/*
 * curl_api.c - the libcurl table (curl_api.h).
 */
#define HC_CURL_API_IMPL
#include "net/curl_api.h"

#ifndef HELMC_CURL_SONAME
#define HELMC_CURL_SONAME "libcurl.so.4"
#endif

struct hc_curl_api hc_curl_api;

#define SYM(name) HC_LAZYLIB_SYM(struct hc_curl_api, name)
static const struct hc_lazylib_sym syms[] = {HC_CURL_SYMBOLS(SYM)};

static struct hc_lazylib lib = {
    .soname = HELMC_CURL_SONAME,
    .what = "HTTP(S) repository access",
    .syms = syms,
    .nsyms = sizeof syms / sizeof syms[0],
    .table = &hc_curl_api,
};

hc_status hc_curl_load(struct hc_error *err)
{
    return hc_lazylib_load(&lib, err);
}
