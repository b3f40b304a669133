/*
 * objects.h - the host objects a render hands to templates: .Files
 * (engine.files) and .Capabilities (*common.Capabilities, with its
 * KubeVersion, APIVersions and HelmVersion), and common.Values.
 */
#ifndef HC_ENGINE_OBJECTS_H
#define HC_ENGINE_OBJECTS_H

#include <stdbool.h>
#include <stddef.h>

#include "chart/chart.h"
#include "helmc/error.h"
#include "helmc/value.h"

struct hc_arena;

/* The type record of common.Values (a named map[string]interface {}). */
extern const struct hc_obj_type hc_engine_values_type;

/* A parsed Kubernetes version (common.KubeVersion). */
struct hc_kube_version {
    const char *version;    /* as given, with a "v" prefix added: "v1.33.4-gke.1" */
    const char *normalized; /* "v" + major.minor.patch: "v1.33.4" */
    const char *major, *minor;
};

/*
 * The .Files of chart c: a map (named engine.files) from each file's name to
 * its bytes ([]uint8), with the methods Get, GetBytes, Glob, Lines, AsConfig
 * and AsSecrets.  Allocated in a; the bytes are shared with the chart.
 */
hc_status hc_engine_files(struct hc_arena *a, const struct hc_chart *c, hc_val *out);

/*
 * .Capabilities: kube (the cluster's version), the default API versions
 * followed by extra[0..nextra) (--api-versions), and the helm version
 * helmc reports as.  Allocated in a; strings are borrowed.
 */
hc_status hc_engine_capabilities(struct hc_arena *a, const struct hc_kube_version *kube,
                                 const char *const *extra, size_t nextra, hc_val *out);

/*
 * common.ParseKubeVersion (k8s.io/apimachinery's version.ParseGeneric):
 * fills kv with strings allocated in a.  On failure returns HC_ERR_USAGE
 * with the parser's message ("could not parse \"x\" as version").
 */
hc_status hc_engine_parse_kube_version(struct hc_arena *a, const char *s, struct hc_kube_version *kv,
                                       struct hc_error *err);
/* Helm v4.1.4's default cluster version: v1.35.0. */
void hc_engine_default_kube_version(struct hc_kube_version *kv);

#endif
