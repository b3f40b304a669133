/*
 * chartref.c - finding and loading the chart a command names, as helm's
 * ChartPathOptions.LocateChart does for local charts.
 */
#include "cli/chartref.h"

#include <string.h>
#include <sys/stat.h>

#include "helmc/chart.h"

hc_status hc_cli_locate_chart(struct hc_cli *cli, const char *arg, const char **path,
                              struct hc_error *err)
{
    while (*arg == ' ' || *arg == '\t' || *arg == '\n' || *arg == '\r' || *arg == '\v' ||
           *arg == '\f')
        arg++;
    size_t n = strlen(arg);
    while (n > 0 && strchr(" \t\n\r\v\f", arg[n - 1]))
        n--;
    char *name = hc_arena_strndup(&cli->arena, arg, n);
    if (!name)
        return hc_error_nomem(err);
    struct stat st;
    if (stat(name, &st) == 0) {
        *path = name;
        return HC_OK;
    }
    if (name[0] == '/' || name[0] == '.')
        return hc_error_set(err, HC_ERR_IO, "path \"%s\" not found", name);
    if (!strchr(name, '/'))
        return hc_error_set(err, HC_ERR_IO,
                            "non-absolute URLs should be in form of repo_name/path_to_chart, got: "
                            "%s",
                            name);
    return hc_error_set(err, HC_ERR_USAGE, "charts from repositories (%s) are not supported yet",
                        name);
}

hc_status hc_cli_load_chart(const char *path, struct hc_chart **chart, struct hc_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
        return hc_chart_load_file(path, NULL, chart, err);
    return hc_chart_load_dir(path, NULL, chart, err);
}
