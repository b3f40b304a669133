/*
 * flags.c - the value checks of helm's own flag types (flags.go: waitValue, outputValue,
 * postRendererString) and the environment default the chart-path group needs.
 */
#include "cli/flags.h"

#include <string.h>

const char *hc_check_wait(struct hc_optparse *p, const struct hc_option *opt, const char **value)
{
    (void)opt;
    const char *v = *value;
    if (strcmp(v, "watcher") == 0 || strcmp(v, "legacy") == 0 || strcmp(v, "hookOnly") == 0)
        return NULL;
    /* the booleans --wait took before helm 4 still work, with a warning */
    if (strcmp(v, "true") == 0) {
        hc_optparse_warn(p, "--wait=true is deprecated (boolean value) and can be replaced "
                            "with --wait=watcher");
        *value = "watcher";
        return NULL;
    }
    if (strcmp(v, "false") == 0) {
        hc_optparse_warn(p, "--wait=false is deprecated (boolean value) and can be replaced "
                            "with --wait=hookOnly");
        *value = "hookOnly";
        return NULL;
    }
    struct hc_buf b = HC_BUF_INIT;
    hc_buf_adds(&b, "invalid wait input ");
    hc_cli_quote(&b, v);
    hc_buf_adds(&b, ". Valid inputs are watcher, hookOnly, and legacy");
    const char *r = hc_buf_ok(&b) ? hc_arena_strdup(p->arena, hc_buf_str(&b)) : NULL;
    hc_buf_release(&b);
    return r ? r : "out of memory";
}

const char *hc_check_output(struct hc_optparse *p, const struct hc_option *opt, const char **value)
{
    (void)p, (void)opt;
    const char *v = *value;
    if (strcmp(v, "table") == 0 || strcmp(v, "json") == 0 || strcmp(v, "yaml") == 0)
        return NULL;
    return "invalid format type";
}

const char *hc_check_post_renderer(struct hc_optparse *p, const struct hc_option *opt,
                                   const char **value)
{
    (void)p, (void)opt;
    if (**value == '\0') /* helm ignores an empty name */
        return NULL;
    /* helm looks the name up among its postrenderer plugins; helmc has no plugins, and
     * says so rather than claim the plugin is missing */
    return "post-renderer plugins are not supported by helmc";
}

void hc_chart_path_init(struct hc_cli *cli, struct hc_chart_path_opts *c)
{
    c->keyring = hc_cli_default_keyring(cli);
}
