/*
 * lazylib.h - shared libraries opened on first use instead of at start-up.
 *
 * libcurl and libpq (with the dozens of libraries they pull in: TLS, Kerberos,
 * LDAP, IDN, ...) are needed only by the repository and SQL-driver commands, yet
 * linking them costs every process several milliseconds of dynamic loading; a
 * `helmc template` run takes about as long as that.  So the modules that use them
 * (src/net/http.c, src/storage/sql.c) reach them through a table of function
 * pointers that hc_lazylib_load fills with dlopen/dlsym the first time it is
 * needed.  The library's soname is found when the build is configured
 * (CMakeLists.txt), so the same library the headers describe is opened.
 *
 * A module declares its table with an X-macro list of the symbols it calls:
 *
 *     #define HC_CURL_SYMBOLS(X) X(curl_easy_init) X(curl_easy_cleanup) ...
 *     struct hc_curl_api { HC_CURL_SYMBOLS(HC_LAZYLIB_FIELD) };
 *
 * and redirects each name to its slot with a macro, so the calling code is the
 * library's ordinary API.  Loading is thread-safe and happens once; a library
 * that cannot be opened, or lacks a symbol, is an error naming both, every time
 * it is asked for.
 */
#ifndef HC_BASE_LAZYLIB_H
#define HC_BASE_LAZYLIB_H

#include <stddef.h>

#include "helmc/error.h"

/* One member of a table of function pointers: a pointer to the function's own type. */
#define HC_LAZYLIB_FIELD(name) __typeof__(&name) name;

/* The name and offset of one member, for struct hc_lazylib.syms. */
struct hc_lazylib_sym {
    const char *name;
    size_t offset;
};
#define HC_LAZYLIB_SYM(type, name) {#name, offsetof(type, name)},

struct hc_lazylib {
    const char *soname;                /* e.g. "libcurl.so.4" */
    const char *what;                  /* what it is needed for, for the error message */
    const struct hc_lazylib_sym *syms; /* the symbols to resolve */
    size_t nsyms;
    void *table; /* the struct the offsets index; filled on success */
    /* state, zero-initialised: */
    int state; /* 0 not tried, 1 loaded, -1 failed */
    char failure[256];
};

/*
 * Opens lib->soname and fills lib->table once (later calls return the first
 * result).  HC_OK, or HC_ERR_IO with "cannot load SONAME (needed for WHAT): REASON".
 */
hc_status hc_lazylib_load(struct hc_lazylib *lib, struct hc_error *err);

#endif
