/*
 * network.c - Sprig's getHostByName (network.go), as Helm exposes it.
 *
 * Helm replaces it with a function returning "" unless DNS lookups were
 * enabled (helm template --enable-dns); helmc resolves only through the
 * env's lookup_host hook (funcs.h), so rendering never touches the network
 * unless the embedder says so.  With a hook, a name that does not resolve
 * fails as Sprig does when net.LookupHost finds nothing: it indexes a
 * random element of the empty list, and rand.Intn(0) panics.
 */
#include "funcs/funcs.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

static hc_status fn_get_host_by_name(struct hc_call *call, const hc_val *args, uint32_t n,
                                     hc_val *out)
{
    (void)n;
    const struct hc_funcs_env *env = hc_funcs_env_get(call);
    if (!env->lookup_host) {
        *out = hc_strn("", 0);
        return HC_OK;
    }
    char *name = hc_arena_strndup(call->arena, args[0].u.s, args[0].len);
    if (!name)
        return hc_error_nomem(call->err);
    char *addr = NULL;
    if (memchr(args[0].u.s, '\0', args[0].len) != NULL ||
        env->lookup_host(env->ctx, name, &addr) != 0 || !addr) {
        free(addr);
        return hc_call_fail(call, "invalid argument to Intn");
    }
    hc_status rc = hc_str_dup(call->arena, addr, strlen(addr), out);
    free(addr);
    return rc == HC_OK ? HC_OK : hc_error_nomem(call->err);
}

const struct hc_func hc_funcs_network[] = {
    {"getHostByName", fn_get_host_by_name, "s", HC_FN_NOERR},
};
const size_t hc_funcs_network_len = sizeof hc_funcs_network / sizeof hc_funcs_network[0];
