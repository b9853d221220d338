// craton-hsm-admin backup --slot N --output F | restore --slot N --input F
//
// Whole-token backup of a persistent token, encrypted under a key derived from the SO PIN
// (format and guarantees: src/store/token_backup.h, docs/storage.md). The storage directory
// comes from the module's configuration (CRATON_HSM_CONFIG, then /etc/craton-hsm/...).
// Exit status: 0 done, 1 refused (wrong PIN, modified or foreign file, token not initialised),
// 2 configuration or file problem.
#include <sys/stat.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "commands.h"
#include "config/config.h"
#include "core/progress.h"
#include "pin_input.h"
#include "store/kv_store.h"
#include "store/token_backup.h"

namespace craton::admin {
namespace {

struct SlotOptions {
    unsigned slot = 0;
    std::string file;
    PinSource pin;
    ProgressMode progress = ProgressMode::Auto;
};

// A bar on stderr when the options and the terminal ask for one, else nothing.
std::unique_ptr<ProgressBar> make_bar(ProgressMode mode, const char* label) {
    if (!progress_wanted(mode)) return nullptr;
    return std::make_unique<ProgressBar>(std::cerr, label);
}

ProgressFn bar_callback(const std::unique_ptr<ProgressBar>& bar) {
    return bar ? bar->callback() : ProgressFn{};
}

std::unique_ptr<store::TokenVault> open_token(unsigned slot, bool must_exist) {
    const config::Config cfg = config::load_default_config();
    if (cfg.storage_mode != config::StorageMode::Persistent) {
        throw config::ConfigError("backup and restore need [storage] mode = \"persistent\"");
    }
    const auto dir = cfg.storage_path / ("slot-" + std::to_string(slot));
    std::error_code ec;
    if (must_exist && !std::filesystem::exists(dir, ec)) {
        throw config::ConfigError(dir.string() + ": no token in slot " + std::to_string(slot));
    }
    return std::make_unique<store::TokenVault>(store::make_lmdb_kv_store(dir));
}

std::uint32_t configured_iterations() {
    return config::load_default_config().pbkdf2_iterations;
}

int run_backup(const SlotOptions& o) {
    try {
        auto vault = open_token(o.slot, true);
        const SecureBytes pin = read_pin(o.pin, "SO PIN");
        store::BackupSummary summary;
        auto bar = make_bar(o.progress, "backup");
        const Bytes backup =
            store::make_backup(*vault, pin, configured_iterations(), &summary, bar_callback(bar));
        if (bar) bar->finish();
        const std::string tmp = o.file + ".tmp";
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            out.write(reinterpret_cast<const char*>(backup.data()),
                      static_cast<std::streamsize>(backup.size()));
            if (!out.flush()) throw std::runtime_error(tmp + ": cannot be written");
        }
        ::chmod(tmp.c_str(), 0600);
        std::filesystem::rename(tmp, o.file);
        std::cout << "backup of slot " << o.slot << ": " << summary.objects << " objects, "
                  << backup.size() << " bytes -> " << o.file << "\n";
        return 0;
    } catch (const store::BackupError& e) {
        std::cerr << "backup refused: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "backup: " << e.what() << "\n";
        return 2;
    }
}

int run_restore(const SlotOptions& o) {
    try {
        std::ifstream in(o.file, std::ios::binary);
        if (!in) throw std::runtime_error(o.file + ": cannot be read");
        const Bytes backup((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto vault = open_token(o.slot, false);
        const SecureBytes pin = read_pin(o.pin, "SO PIN of the backed-up token");
        auto bar = make_bar(o.progress, "restore");
        const store::BackupSummary summary =
            store::restore_backup(*vault, backup, pin, bar_callback(bar));
        if (bar) bar->finish();
        std::cout << "restored slot " << o.slot << ": " << summary.objects << " objects from "
                  << o.file << "\n";
        return 0;
    } catch (const store::BackupError& e) {
        std::cerr << "restore refused, token unchanged: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "restore: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace

void add_backup_commands(CLI::App& app, int& exit_code) {
    static SlotOptions backup_opts, restore_opts;
    CLI::App* backup = app.add_subcommand(
        "backup", "Write an encrypted backup of a persistent token (key from the SO PIN)");
    backup->add_option("--slot", backup_opts.slot, "Slot of the token")->required();
    backup->add_option("--output,-o", backup_opts.file, "Backup file to write")->required();
    add_pin_options(backup, backup_opts.pin, "SO PIN");
    add_progress_options(backup, backup_opts.progress);
    backup->callback([&exit_code] { exit_code = run_backup(backup_opts); });

    CLI::App* restore = app.add_subcommand(
        "restore", "Replace a persistent token with a backup (refused unless it authenticates)");
    restore->add_option("--slot", restore_opts.slot, "Slot to restore into")->required();
    restore->add_option("--input,-i", restore_opts.file, "Backup file")
        ->required()
        ->check(CLI::ExistingFile);
    add_pin_options(restore, restore_opts.pin, "SO PIN");
    add_progress_options(restore, restore_opts.progress);
    restore->callback([&exit_code] { exit_code = run_restore(restore_opts); });
}

}  // namespace craton::admin
