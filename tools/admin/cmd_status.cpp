// craton-hsm-admin status [--json], and the listing behind token list [--json] (registered with
// the other token commands in cmd_token.cpp)
//
// What the module would find at C_Initialize, read from its configuration and token store
// without loading the module or logging in: version, configuration source, storage mode and
// path, audit log, and per persistent token its label, state, object count (public and sealed
// private records alike) and failed-login counters. An in-memory configuration has no tokens
// to list. Exit status: 0, or 2 when the configuration or a token store cannot be read.
#include <cstdlib>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "config/config.h"
#include "store/kv_store.h"
#include "store/token_vault.h"

namespace craton::admin {
namespace {

constexpr const char* kVersion = "0.1.0";
constexpr unsigned kMaxSlots = 256;

std::string config_source() {
    if (const char* env = std::getenv("CRATON_HSM_CONFIG"); env != nullptr && *env != '\0') {
        return env;
    }
    std::error_code ec;
    const std::filesystem::path system_path = "/etc/craton-hsm/craton_hsm.toml";
    return std::filesystem::exists(system_path, ec) ? system_path.string() : "built-in defaults";
}

std::string trimmed_label(const std::array<char, 32>& label) {
    std::string s(label.begin(), label.end());
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

nlohmann::json token_list(const config::Config& cfg) {
    nlohmann::json tokens = nlohmann::json::array();
    if (cfg.storage_mode != config::StorageMode::Persistent) return tokens;
    std::error_code ec;
    for (unsigned slot = 0; slot < kMaxSlots; ++slot) {
        const auto dir = cfg.storage_path / ("slot-" + std::to_string(slot));
        if (!std::filesystem::exists(dir, ec)) break;
        store::TokenVault vault(store::make_lmdb_kv_store(dir));
        const store::TokenState state = vault.load_state();
        std::size_t objects = 0;
        vault.records().scan(store::Table::Objects, [&](std::string_view, ByteView) { ++objects; });
        tokens.push_back({{"slot", slot},
                          {"initialized", state.initialized},
                          {"label", trimmed_label(state.label)},
                          {"objects", objects},
                          {"user_pin_set", state.user_pin.has_value()},
                          {"so_failed_logins", state.so_failures},
                          {"user_failed_logins", state.user_failures},
                          {"path", dir.string()}});
    }
    return tokens;
}

void print_tokens(const nlohmann::json& tokens) {
    if (tokens.empty()) std::cout << "no persistent tokens\n";
    for (const auto& t : tokens) {
        std::cout << "slot " << t["slot"].get<unsigned>() << ": ";
        if (!t["initialized"].get<bool>()) {
            std::cout << "uninitialised\n";
            continue;
        }
        std::cout << "\"" << t["label"].get<std::string>() << "\", "
                  << t["objects"].get<std::size_t>() << " objects, user PIN "
                  << (t["user_pin_set"].get<bool>() ? "set" : "not set") << ", failed logins SO "
                  << t["so_failed_logins"].get<unsigned>() << " user "
                  << t["user_failed_logins"].get<unsigned>() << "\n";
    }
}

int run_status(bool json) {
    try {
        const config::Config cfg = config::load_default_config();
        const bool persistent = cfg.storage_mode == config::StorageMode::Persistent;
        nlohmann::json s = {{"version", kVersion},
                            {"config", config_source()},
                            {"storage",
                             {{"mode", persistent ? "persistent" : "memory"},
                              {"path", persistent ? cfg.storage_path.string() : ""}}},
                            {"audit",
                             {{"enabled", !cfg.audit.path.empty()},
                              {"path", cfg.audit.path.string()},
                              {"keyed", !cfg.audit.key_file.empty()}}},
                            {"fips_approved_only", cfg.fips_approved_only},
                            {"tokens", token_list(cfg)}};
        if (json) {
            std::cout << s.dump(2) << "\n";
            return 0;
        }
        std::cout << "Craton HSM " << kVersion
                  << "\nconfiguration: " << s["config"].get<std::string>()
                  << "\nstorage: " << s["storage"]["mode"].get<std::string>();
        if (persistent) std::cout << " at " << cfg.storage_path.string();
        std::cout << "\naudit log: "
                  << (cfg.audit.path.empty() ? std::string("off") : cfg.audit.path.string())
                  << "\napproved-only mode: " << (cfg.fips_approved_only ? "on" : "off") << "\n";
        print_tokens(s["tokens"]);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "status: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace

int run_token_list(bool json) {
    try {
        const nlohmann::json tokens = token_list(config::load_default_config());
        if (json) {
            std::cout << tokens.dump(2) << "\n";
        } else {
            print_tokens(tokens);
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "token list: " << e.what() << "\n";
        return 2;
    }
}

void add_status_commands(CLI::App& app, int& exit_code) {
    static bool status_json = false;
    CLI::App* status = app.add_subcommand("status", "Configuration, storage, audit log, tokens");
    status->add_flag("--json", status_json, "Machine-readable output");
    status->callback([&exit_code] { exit_code = run_status(status_json); });
}

}  // namespace craton::admin
