/*
 * flow.c - fail, as Helm defines it.
 *
 * Mirrors Helm v4.1.4 pkg/engine/engine.go (initFunMap), which replaces
 * Sprig's fail: the message is wrapped in Helm's HELM_ERR_START/HELM_ERR_END
 * markers, so that Helm reports it as "execution error at (FILE:L:C): MSG"
 * (template/exec.h, hc_exec_helm_error).  In lint mode Helm only logs the
 * message; the engine registers its own fail for that mode.
 */
#include "funcs/funcs.h"

static hc_status fn_fail(struct hc_call *call, const hc_val *args, uint32_t nargs, hc_val *out)
{
    (void)nargs;
    *out = hc_strn("", 0);
    return hc_call_fail(call, "HELM_ERR_START%.*sHELM_ERR_END", (int)args[0].len, args[0].u.s);
}

/* ---- the table ---- */

const struct hc_func hc_funcs_flow[] = {
    {"fail", fn_fail, "s", 0},
};

const size_t hc_funcs_flow_len = sizeof hc_funcs_flow / sizeof hc_funcs_flow[0];
