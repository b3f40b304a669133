/*
 * semver_check.c - the two version checks chart loading and rendering make,
 * on the semver module (Masterminds/semver as Helm uses it).
 */
#include <string.h>

#include "chart/chart.h"
#include "helmc/semver.h"

bool hc_chart_semver_valid(const char *s, size_t n)
{
    struct hc_semver v;
    return hc_semver_parse(&v, s, n, NULL) == HC_OK;
}

bool hc_chart_semver_satisfies(const char *constraint, const char *version)
{
    struct hc_semver v;
    if (hc_semver_parse(&v, version, strlen(version), NULL) != HC_OK)
        return false;
    struct hc_semver_constraints *c;
    if (hc_semver_constraints_parse(constraint, strlen(constraint), &c, NULL) != HC_OK)
        return false; /* NewConstraint fails: IsCompatibleRange is false */
    bool ok = hc_semver_constraints_check(c, &v);
    hc_semver_constraints_free(c);
    return ok;
}
