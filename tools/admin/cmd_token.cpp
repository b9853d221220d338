// craton-hsm-admin token list [--json] | token init --slot N --label L [--force]
//                  | token delete --slot N
//
// `token list` reads the token stores directly (cmd_status.cpp). `token init` is C_InitToken:
// on an empty slot it creates a token whose SO PIN is the one given (asked twice on a
// terminal); on an initialised token it is refused unless --force, and then C_InitToken's own
// rule applies: the PIN given must be the token's current SO PIN, and every object is
// destroyed. --user-pin-file/--user-pin-env also set the user PIN (C_InitPIN as the SO).
// `token delete` first logs in as the SO, so a wrong PIN is refused (and counted) before
// anything changes; then, with the core shut down, it erases the token in one store
// transaction: objects, wrapped master keys, PINs and label go, the slot stays as an empty
// (uninitialised) slot so that the numbers of later slots do not move.
// Exit status: 0 done; 1 refused (token already initialised without --force, wrong or locked
// PIN, no token in the slot, bad label); 2 configuration, token store or self-test failure.
#include <iostream>

#include "admin_core.h"
#include "audit/audit_log.h"
#include "commands.h"
#include "store/kv_store.h"
#include "store/token_vault.h"

namespace craton::admin {
namespace {

struct InitOptions {
    unsigned slot = 0;
    std::string label;
    bool force = false;
    PinSource so_pin;
    PinSource user_pin;
};

struct DeleteOptions {
    unsigned slot = 0;
    PinSource so_pin;
};

int run_init(const InitOptions& o) {
    Core core;
    const bool was_initialised = core.initialized(o.slot);
    if (was_initialised && !o.force) {
        throw Refused("slot " + std::to_string(o.slot) + " already holds token \"" +
                      core.label(o.slot) +
                      "\"; --force re-initialises it (destroying every object) with its current "
                      "SO PIN");
    }
    const auto label = padded_label(o.label);
    const SecureBytes so_pin =
        was_initialised ? read_pin(o.so_pin, "Current SO PIN") : read_new_pin(o.so_pin, "SO PIN");
    SecureBytes user_pin;
    if (pin_given(o.user_pin)) user_pin = read_pin(o.user_pin, "user PIN");
    core.hsm().init_token(o.slot, so_pin, label);
    if (!user_pin.empty()) {
        AdminSession session(core.hsm(), o.slot, true);
        session.login(CKU_SO, so_pin);
        core.hsm().init_pin(session.handle(), user_pin);
    }
    std::cout << "slot " << o.slot << ": token \"" << o.label << "\" "
              << (was_initialised ? "re-initialised" : "initialised")
              << (user_pin.empty() ? "; no user PIN yet (pin init)" : ", user PIN set") << "\n";
    return kExitOk;
}

int run_delete(const DeleteOptions& o) {
    Core core;
    core.require_initialized(o.slot);
    const std::string label = core.label(o.slot);
    const SecureBytes so_pin = read_pin(o.so_pin, "SO PIN");
    {
        // The proof of authority: a wrong PIN ends the command here, counted like any login.
        AdminSession session(core.hsm(), o.slot, true);
        session.login(CKU_SO, so_pin);
    }
    const config::Config cfg = core.config();
    const auto dir = core.slot_dir(o.slot);
    // LMDB allows one environment per directory per process: the Hsm's must be closed first.
    core.shut_down();
    store::TokenVault(store::make_lmdb_kv_store(dir)).erase();
    if (!cfg.audit.path.empty()) {
        audit::AuditLog trail(cfg.audit);
        trail.append({.op = "token_delete",
                      .slot = o.slot,
                      .role = audit::Role::SO,
                      .rv = CKR_OK,
                      .detail = "token erased by craton-hsm-admin"});
    }
    std::cout << "slot " << o.slot << ": token \"" << label << "\" deleted\n";
    return kExitOk;
}

}  // namespace

void add_token_commands(CLI::App& app, int& exit_code) {
    static bool list_json = false;
    static InitOptions init_opts;
    static DeleteOptions delete_opts;

    CLI::App* token = app.add_subcommand("token", "Persistent tokens");
    token->require_subcommand(1);
    CLI::App* list = token->add_subcommand("list", "List the persistent tokens");
    list->add_flag("--json", list_json, "Machine-readable output");
    list->callback([&exit_code] { exit_code = run_token_list(list_json); });

    CLI::App* init = token->add_subcommand(
        "init", "Initialise the token in a slot (C_InitToken); the PIN options give the SO PIN");
    init->add_option("--slot", init_opts.slot, "Slot of the token")->required();
    init->add_option("--label", init_opts.label, "Token label (at most 32 bytes)")->required();
    init->add_flag("--force", init_opts.force,
                   "Re-initialise an initialised token: destroys every object; the PIN given "
                   "must be its current SO PIN");
    add_pin_options(init, init_opts.so_pin, "SO PIN");
    init->add_option("--user-pin-file", init_opts.user_pin.file,
                     "Also set the user PIN, read from this file")
        ->check(CLI::ExistingFile);
    init->add_option("--user-pin-env", init_opts.user_pin.env,
                     "Also set the user PIN, read from this environment variable");
    init->footer(kExitStatusHelp);
    init->callback([&exit_code] {
        exit_code = run_guarded("token init", [] { return run_init(init_opts); });
    });

    CLI::App* del = token->add_subcommand(
        "delete", "Erase the token in a slot (objects, PINs, label) after an SO login");
    del->add_option("--slot", delete_opts.slot, "Slot of the token")->required();
    add_pin_options(del, delete_opts.so_pin, "SO PIN");
    del->footer(kExitStatusHelp);
    del->callback([&exit_code] {
        exit_code = run_guarded("token delete", [] { return run_delete(delete_opts); });
    });
}

}  // namespace craton::admin
