/*
 * commands.h - the commands the cmd_*.c files define, for main.c's table (and tests).
 */
#ifndef HC_CLI_COMMANDS_H
#define HC_CLI_COMMANDS_H

#include "cli/cli.h"

extern const struct hc_command hc_cmd_completion, hc_cmd_create, hc_cmd_dependency, hc_cmd_diff,
    hc_cmd_docs, hc_cmd_env, hc_cmd_get, hc_cmd_history, hc_cmd_install, hc_cmd_lint, hc_cmd_list,
    hc_cmd_orphans, hc_cmd_package, hc_cmd_plugin, hc_cmd_pull, hc_cmd_push, hc_cmd_registry,
    hc_cmd_repo, hc_cmd_rollback, hc_cmd_search, hc_cmd_show, hc_cmd_status, hc_cmd_template,
    hc_cmd_test, hc_cmd_uninstall, hc_cmd_upgrade, hc_cmd_verify, hc_cmd_version;

/* The root command's help text (main.c shows it; tests reuse it). */
extern const char hc_cli_root_description[];

#endif
