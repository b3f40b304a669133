/*
 * pq_api.h - libpq, opened on first use (base/lazylib.h).
 *
 * Include this instead of <libpq-fe.h>; call hc_pq_load before the first libpq call.
 * The names below are redirected to the table hc_pq_load fills.
 */
#ifndef HC_STORAGE_PQ_API_H
#define HC_STORAGE_PQ_API_H

#include <libpq-fe.h>

#include "base/lazylib.h"

#define HC_PQ_SYMBOLS(X)                                                                      \
    X(PQclear) X(PQcmdTuples) X(PQconnectdbParams) X(PQconninfoFree) X(PQconninfoParse)       \
    X(PQerrorMessage) X(PQexec) X(PQexecParams) X(PQfinish) X(PQfreemem) X(PQgetlength)       \
    X(PQgetvalue) X(PQntuples) X(PQresultErrorField) X(PQresultStatus)                        \
    X(PQsetNoticeProcessor) X(PQstatus)

struct hc_pq_api {
    HC_PQ_SYMBOLS(HC_LAZYLIB_FIELD)
};
extern struct hc_pq_api hc_pq_api;

/* Opens libpq once; HC_ERR_IO when it cannot be loaded. */
hc_status hc_pq_load(struct hc_error *err);

#ifndef HC_PQ_API_IMPL
#define PQclear              (hc_pq_api.PQclear)
#define PQcmdTuples          (hc_pq_api.PQcmdTuples)
#define PQconnectdbParams    (hc_pq_api.PQconnectdbParams)
#define PQconninfoFree       (hc_pq_api.PQconninfoFree)
#define PQconninfoParse      (hc_pq_api.PQconninfoParse)
#define PQerrorMessage       (hc_pq_api.PQerrorMessage)
#define PQexec               (hc_pq_api.PQexec)
#define PQexecParams         (hc_pq_api.PQexecParams)
#define PQfinish             (hc_pq_api.PQfinish)
#define PQfreemem            (hc_pq_api.PQfreemem)
#define PQgetlength          (hc_pq_api.PQgetlength)
#define PQgetvalue           (hc_pq_api.PQgetvalue)
#define PQntuples            (hc_pq_api.PQntuples)
#define PQresultErrorField   (hc_pq_api.PQresultErrorField)
#define PQresultStatus       (hc_pq_api.PQresultStatus)
#define PQsetNoticeProcessor (hc_pq_api.PQsetNoticeProcessor)
#define PQstatus             (hc_pq_api.PQstatus)
#endif

#endif
