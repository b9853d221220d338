// craton-hsm-admin: the operator command-line tool.
#include <CLI/CLI.hpp>

#include "commands.h"

int main(int argc, char** argv) {
    CLI::App app{"Craton HSM administration", "craton-hsm-admin"};
    app.require_subcommand(1);
    int exit_code = 0;
    craton::admin::add_integrity_commands(app, exit_code);
    craton::admin::add_self_test_command(app, exit_code);
    craton::admin::add_audit_commands(app, exit_code);
    craton::admin::add_backup_commands(app, exit_code);
    craton::admin::add_status_commands(app, exit_code);
    craton::admin::add_token_commands(app, exit_code);
    craton::admin::add_pin_commands(app, exit_code);
    craton::admin::add_objects_commands(app, exit_code);
    craton::admin::add_keys_commands(app, exit_code);
    craton::admin::add_sign_binary_commands(app, exit_code);
    craton::admin::add_release_commands(app, exit_code);
    craton::admin::add_cmvp_commands(app, exit_code);
    CLI11_PARSE(app, argc, argv);
    return exit_code;
}
