/*
 * registry.c - the function set of a render, composed as Helm's funcMap():
 * Go's builtins first, then Sprig's families (sprig.TxtFuncMap), then Helm's
 * own functions, which replace Sprig's rows of the same name; env and
 * expandenv are removed, as Helm deletes them.
 */
#include <pthread.h>

#include "funcs/funcs.h"
#include "funcs/helm.h"
#include "template/builtins.h"

#define TABLE(t)                          \
    {                                     \
        hc_funcs_##t, &hc_funcs_##t##_len \
    }

static pthread_once_t set_once = PTHREAD_ONCE_INIT, sprig_once = PTHREAD_ONCE_INIT;
static struct hc_funcset helm_set, sprig_set;
static bool helm_set_ok, sprig_set_ok;

/* Go's builtins and Sprig's families, with Helm's functions when helm is set. */
static bool build(struct hc_funcset *set, bool helm)
{
    static const char *const removed[] = {"env", "expandenv"};
    static const struct {
        const struct hc_func *rows;
        const size_t *len;
    } parts[] = {
        TABLE(builtins), TABLE(lists),  TABLE(dicts),    TABLE(math),    TABLE(convert),
        TABLE(defaults), TABLE(flow),   TABLE(reflect),  TABLE(strings), TABLE(regex),
        TABLE(paths),    TABLE(urls),   TABLE(encoding), TABLE(crypto),  TABLE(random),
        TABLE(dates),    TABLE(semver), TABLE(network),  TABLE(helm),
    };
    enum { N = sizeof parts / sizeof parts[0] };
    size_t n = helm ? N : N - 1; /* Helm's table is the last */
    const struct hc_func *tables[N];
    size_t counts[N];
    for (size_t i = 0; i < N; i++) {
        tables[i] = parts[i].rows;
        counts[i] = *parts[i].len;
    }
    struct hc_error err;
    hc_error_init(&err);
    bool ok = hc_funcset_build(set, tables, counts, n, removed, 2, &err) == HC_OK;
    hc_error_release(&err);
    return ok;
}

static void build_set(void)
{
    helm_set_ok = build(&helm_set, true);
}

static void build_sprig_set(void)
{
    sprig_set_ok = build(&sprig_set, false);
}

const struct hc_funcset *hc_funcs_sprig_set(void)
{
    pthread_once(&sprig_once, build_sprig_set);
    return sprig_set_ok ? &sprig_set : NULL;
}

const struct hc_funcset *hc_funcs_helm_set(void)
{
    pthread_once(&set_once, build_set);
    return helm_set_ok ? &helm_set : NULL;
}
