// craton-hsm-admin pin set --slot N [--so] | pin init --slot N | pin unlock --slot N
//
// `pin set` is C_SetPIN: the current PIN comes from --pin-file/--pin-env (or the terminal),
// the new one from --new-pin-file/--new-pin-env (or the terminal, asked twice). For the user
// PIN it runs in a public read/write session, where C_SetPIN checks the old PIN itself, with
// the same failure counting as a login; for the SO PIN (--so) the SO logs in first, because
// C_SetPIN changes the PIN of whoever is logged in. `pin init` and `pin unlock` are the same
// operation, C_InitPIN after an SO login: it sets a new user PIN and clears the user's failed-
// login counter, which is how a locked-out user gets back in (the old user PIN is not needed).
// Exit status: 0 done; 1 refused (wrong or locked PIN, new PIN outside the configured length,
// entries differ, no token in the slot); 2 configuration, token store or self-test failure.
#include <iostream>

#include "admin_core.h"
#include "commands.h"

namespace craton::admin {
namespace {

struct SetOptions {
    unsigned slot = 0;
    bool so = false;
    PinSource old_pin;
    PinSource new_pin;
};

struct InitOptions {
    unsigned slot = 0;
    PinSource so_pin;
    PinSource new_pin;
};

int run_set(const SetOptions& o) {
    Core core;
    core.require_initialized(o.slot);
    const std::string who = o.so ? "SO PIN" : "user PIN";
    const SecureBytes old_pin = read_pin(o.old_pin, "Current " + who);
    const SecureBytes new_pin = read_new_pin(o.new_pin, who);
    AdminSession session(core.hsm(), o.slot, true);
    if (o.so) session.login(CKU_SO, old_pin);
    core.hsm().set_pin(session.handle(), old_pin, new_pin);
    std::cout << "slot " << o.slot << ": " << who << " changed\n";
    return kExitOk;
}

int run_init_pin(const InitOptions& o, bool unlock) {
    Core core;
    core.require_initialized(o.slot);
    const SecureBytes so_pin = read_pin(o.so_pin, "SO PIN");
    const SecureBytes new_pin = read_new_pin(o.new_pin, "user PIN");
    AdminSession session(core.hsm(), o.slot, true);
    session.login(CKU_SO, so_pin);
    core.hsm().init_pin(session.handle(), new_pin);
    std::cout << "slot " << o.slot << ": user PIN set"
              << (unlock ? ", failed-login counter cleared" : "") << "\n";
    return kExitOk;
}

}  // namespace

void add_pin_commands(CLI::App& app, int& exit_code) {
    static SetOptions set_opts;
    static InitOptions init_opts, unlock_opts;

    CLI::App* pin = app.add_subcommand("pin", "User and SO PINs of a persistent token");
    pin->require_subcommand(1);

    CLI::App* set = pin->add_subcommand(
        "set", "Change the user PIN (or with --so the SO PIN); needs the current PIN");
    set->add_option("--slot", set_opts.slot, "Slot of the token")->required();
    set->add_flag("--so", set_opts.so, "Change the SO PIN instead of the user PIN");
    add_pin_options(set, set_opts.old_pin, "current PIN");
    add_new_pin_options(set, set_opts.new_pin, "PIN");
    set->callback(
        [&exit_code] { exit_code = run_guarded("pin set", [] { return run_set(set_opts); }); });

    const auto add_init = [&exit_code](CLI::App* parent, const char* name, const char* help,
                                       InitOptions& opts, bool unlock) {
        CLI::App* cmd = parent->add_subcommand(name, help);
        cmd->add_option("--slot", opts.slot, "Slot of the token")->required();
        add_pin_options(cmd, opts.so_pin, "SO PIN");
        add_new_pin_options(cmd, opts.new_pin, "user PIN");
        cmd->footer(kExitStatusHelp);
        const std::string what = std::string("pin ") + name;
        cmd->callback([&exit_code, &opts, unlock, what] {
            exit_code = run_guarded(what, [&] { return run_init_pin(opts, unlock); });
        });
    };
    add_init(pin, "init", "Set the first user PIN (C_InitPIN as the SO)", init_opts, false);
    add_init(pin, "unlock",
             "Reset a locked or forgotten user PIN as the SO (C_InitPIN; clears the lockout)",
             unlock_opts, true);
}

}  // namespace craton::admin
