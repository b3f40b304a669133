/*
 * main.c - the helmc tool: its table of commands and main().
 *
 * The table lists helm v4's commands in the order helm registers them (cobra suggests
 * "Did you mean this?" candidates in that order; help sorts them by name), then helmc's
 * own commands, then cobra's automatic "help".  Each command lives in cmd_<name>.c;
 * command.c does the rest.
 */
#include "cli/cli.h"
#include "cli/commands.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

static const struct hc_command *const commands[] = {
    /* chart commands */
    &hc_cmd_create,
    &hc_cmd_dependency,
    &hc_cmd_pull,
    &hc_cmd_show,
    &hc_cmd_lint,
    &hc_cmd_package,
    &hc_cmd_repo,
    &hc_cmd_search,
    &hc_cmd_verify,
    /* release commands */
    &hc_cmd_get,
    &hc_cmd_history,
    &hc_cmd_install,
    &hc_cmd_list,
    &hc_cmd_test,
    &hc_cmd_rollback,
    &hc_cmd_status,
    &hc_cmd_template,
    &hc_cmd_uninstall,
    &hc_cmd_upgrade,
    /* the rest */
    &hc_cmd_completion,
    &hc_cmd_env,
    &hc_cmd_plugin,
    &hc_cmd_version,
    &hc_cmd_docs, /* hidden */
    &hc_cmd_registry,
    &hc_cmd_push,
    /* helmc's own */
    &hc_cmd_orphans,
    &hc_cmd_diff,
    &hc_cmd_help,
    NULL,
};

static const struct hc_command root = {
    .use = "helmc",
    .summary = "The Helm-compatible chart toolchain.",
    .description = hc_cli_root_description,
    .args = HC_ARGS_ANY,
    .subcommands = commands,
};

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    /*
     * A run is short and frees its arenas in bursts (deps.c frees a scratch arena per chart
     * level): glibc's default would hand the top of the heap back to the kernel at each burst
     * and fault the same pages in again right after.  Keep freed memory for reuse instead.
     */
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 1 << 20);
    /*
     * Large blocks (a template's output, a big file, an arena's big chunk) come from the
     * heap too, so memory freed by one document is reused by the next instead of being
     * unmapped and faulted in afresh (a tenth of a large render's time went to page faults).
     */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
    return hc_cli_main(&root, argc - 1, (const char *const *)(argv + 1));
}
