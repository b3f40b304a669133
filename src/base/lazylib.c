/*
 * lazylib.c - dlopen/dlsym on first use (see lazylib.h).
 */
#include "base/lazylib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* One lock for every library: loading happens at most once per library and process. */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

static void load(struct hc_lazylib *lib)
{
    void *h = dlopen(lib->soname, RTLD_LAZY | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(lib->failure, sizeof lib->failure, "%s", why ? why : "dlopen failed");
        lib->state = -1;
        return;
    }
    for (size_t i = 0; i < lib->nsyms; i++) {
        void *p = dlsym(h, lib->syms[i].name);
        if (!p) {
            snprintf(lib->failure, sizeof lib->failure, "%s: undefined symbol %s", lib->soname,
                     lib->syms[i].name);
            lib->state = -1;
            dlclose(h);
            return;
        }
        /* POSIX guarantees a function pointer survives the round trip through void *. */
        memcpy((char *)lib->table + lib->syms[i].offset, &p, sizeof p);
    }
    lib->state = 1; /* the handle stays open for the life of the process */
}

hc_status hc_lazylib_load(struct hc_lazylib *lib, struct hc_error *err)
{
    pthread_mutex_lock(&load_lock);
    if (lib->state == 0)
        load(lib);
    int state = lib->state;
    pthread_mutex_unlock(&load_lock);
    if (state == 1)
        return HC_OK;
    return hc_error_set(err, HC_ERR_IO, "cannot load %s (needed for %s): %s", lib->soname,
                        lib->what, lib->failure);
}
