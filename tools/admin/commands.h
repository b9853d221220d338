// craton-hsm-admin command groups. Each file in tools/admin/ adds one group to the CLI11 app;
// main.cpp calls every add_* function. A command returns through CLI11's exception-free path:
// it records its exit status in `exit_code` (0 = success).
#pragma once

#include <CLI/CLI.hpp>

#include "progress_bar.h"

namespace craton::admin {

// --progress / --no-progress on a long-running command (backup, restore, audit verify);
// without either, a bar is drawn only on a terminal (progress_wanted).
inline void add_progress_options(CLI::App* cmd, ProgressMode& mode) {
    cmd->add_flag_callback(
        "--progress", [&mode] { mode = ProgressMode::Always; },
        "Draw a progress bar on stderr even when the output is not a terminal");
    cmd->add_flag_callback(
        "--no-progress", [&mode] { mode = ProgressMode::Never; }, "Never draw a progress bar");
}

// integrity sign|verify <module>: the module integrity sidecar (cmd_integrity.cpp).
void add_integrity_commands(CLI::App& app, int& exit_code);
// audit verify|tail: the audit log's hash chain (cmd_audit.cpp).
void add_audit_commands(CLI::App& app, int& exit_code);
// backup / restore of a persistent token (cmd_backup.cpp).
void add_backup_commands(CLI::App& app, int& exit_code);
// status [--json] (cmd_status.cpp).
void add_status_commands(CLI::App& app, int& exit_code);
// token list [--json] prints what run_token_list reads from the store (cmd_status.cpp) without
// loading the core; it returns the exit status.
int run_token_list(bool json);
// token list|init|delete (cmd_token.cpp).
void add_token_commands(CLI::App& app, int& exit_code);
// pin set|init|unlock (cmd_pin.cpp).
void add_pin_commands(CLI::App& app, int& exit_code);
// objects list|show|delete (cmd_objects.cpp).
void add_objects_commands(CLI::App& app, int& exit_code);
// keys generate (cmd_keys.cpp).
void add_keys_commands(CLI::App& app, int& exit_code);
// self-test [--module PATH]: runs the power-on self-tests in this process (cmd_self_test.cpp).
void add_self_test_command(CLI::App& app, int& exit_code);

// sign-binary | verify-binary: the binary signing envelope (cmd_sign_binary.cpp).
void add_sign_binary_commands(CLI::App& app, int& exit_code);

// release verify-reproducible A B: compares two release trees (cmd_release.cpp).
void add_release_commands(CLI::App& app, int& exit_code);

// cmvp package --out DIR: security policy, self-test log, module hash (cmd_cmvp.cpp).
void add_cmvp_commands(CLI::App& app, int& exit_code);

}  // namespace craton::admin
