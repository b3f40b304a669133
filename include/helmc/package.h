/*
 * package.h - `helm package`: a chart directory into NAME-VERSION.tgz.
 *
 * Mirrors Helm v4's action.Package.Run and chartutil.Save: the chart is
 * loaded as loader.LoadDir loads it (.helmignore applied), --version and
 * --app-version replace Chart.yaml's fields, every dependency Chart.yaml
 * names must be in charts/, and the archive holds, under a folder named after
 * the chart: Chart.yaml as sigs.k8s.io/yaml.Marshal writes the metadata
 * (sorted keys, empty fields left out), Chart.lock likewise re-marshalled
 * (apiVersion v2 only), values.yaml and values.schema.json as they are, the
 * templates and the other files in load order, then each subchart the same
 * way under charts/NAME/ (packed subcharts are unpacked into folders, as Helm
 * does).
 *
 * Unlike Helm the archive is reproducible: subcharts in name order (Helm's
 * order is a Go map's, so random), every entry with the same modification
 * time (opts->mtime, which the tool takes from SOURCE_DATE_EPOCH, else 0),
 * and a gzip header without time.  See docs/package-and-index.md.
 */
#ifndef HELMC_PACKAGE_H
#define HELMC_PACKAGE_H

#include <stdint.h>

#include "helmc/error.h"

struct hc_package_opts {
    const char *version;     /* --version; NULL or "" keeps Chart.yaml's */
    const char *app_version; /* --app-version; NULL or "" keeps Chart.yaml's */
    int64_t mtime;           /* every entry's modification time, Unix seconds */
};

/*
 * Packages the chart in directory dir into dest/NAME-VERSION.tgz (dest is
 * created with its parents when missing).  On success *path is the archive's
 * path, filepath.Join(dest, name) (malloc'd; the caller frees it).  Errors
 * carry Helm's messages: the loader's ("validation: chart.metadata.version is
 * required"), semver's for a bad --version, "found in Chart.yaml, but missing
 * in charts/ directory: a, b", "failed to save: ...".  A partly written
 * archive is removed.
 */
hc_status hc_package_dir(const char *dir, const char *dest, const struct hc_package_opts *opts,
                         char **path, struct hc_error *err);

#endif
