/*
 * pq_api.c - the libpq table (pq_api.h).
 */
#define HC_PQ_API_IMPL
#include "storage/pq_api.h"

#ifndef HELMC_PQ_SONAME
#define HELMC_PQ_SONAME "libpq.so.5"
#endif

struct hc_pq_api hc_pq_api;

#define SYM(name) HC_LAZYLIB_SYM(struct hc_pq_api, name)
static const struct hc_lazylib_sym syms[] = {HC_PQ_SYMBOLS(SYM)};

static struct hc_lazylib lib = {
    .soname = HELMC_PQ_SONAME,
    .what = "the SQL storage driver",
    .syms = syms,
    .nsyms = sizeof syms / sizeof syms[0],
    .table = &hc_pq_api,
};

hc_status hc_pq_load(struct hc_error *err)
{
    return hc_lazylib_load(&lib, err);
}
