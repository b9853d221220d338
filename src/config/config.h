// craton_hsm.toml: the module's configuration.
//
// Loaded once per C_Initialize from CRATON_HSM_CONFIG, else /etc/craton-hsm/craton_hsm.toml,
// else built-in defaults (in-memory store). Unknown keys and out-of-range values are errors,
// so a typo never silently weakens a security setting. docs/configuration.md lists every key.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "audit/audit_config.h"
#include "config/daemon_config.h"

namespace craton::config {

// Below this a PBKDF2 iteration count is refused. Test-hook builds lower it so test suites can
// log in many times; release builds never have those hooks.
#ifdef CRATON_TEST_HOOKS
inline constexpr std::uint32_t kPbkdf2IterationFloor = 1000;
#else
inline constexpr std::uint32_t kPbkdf2IterationFloor = 600000;
#endif
inline constexpr std::uint32_t kPbkdf2DefaultIterations = 600000;

enum class StorageMode { Memory, Persistent };

struct Config {
    // [slots]
    std::uint32_t slot_count = 1;  // tokens at start; one free slot is always added on top
    std::string default_token_label;  // empty: tokens start uninitialised
    // [security]
    std::uint32_t pbkdf2_iterations = kPbkdf2DefaultIterations;
    std::uint32_t pin_min_length = 4;
    std::uint32_t pin_max_length = 64;
    std::uint32_t max_failed_logins = 10;
    std::uint32_t login_backoff_base_ms = 100;
    std::uint32_t login_backoff_max_ms = 5000;
    // [storage]
    StorageMode storage_mode = StorageMode::Memory;
    std::filesystem::path storage_path = "./var/tokens";
    // [memory]
    std::uint64_t secure_heap_bytes = 1 << 20;
    // prctl(PR_SET_DUMPABLE, 0) at C_Initialize: no core dumps or ptrace of the host process
    // (an application-wide effect, hence off unless asked for).
    bool disable_core_dumps = false;
    // [algorithms]
    bool allow_sha1_signing = false;
    bool allow_rsa_x509_decrypt = false;  // CKM_RSA_X_509 decrypt and sign (raw private-key op)
    // [fips] (also [algorithms] fips_approved_only, the spelling of the same switch)
    bool fips_approved_only = false;  // refuse every mechanism, key size and parameter not approved
    // [audit]
    audit::AuditConfig audit;
    // [logging]
    std::string log_level = "warn";
    std::string log_file;
    // [daemon]: craton-hsm-daemon only
    DaemonConfig daemon;
};

class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

Config parse_config_text(const std::string& toml_text, const std::string& origin);
Config load_config_file(const std::filesystem::path& path);
// Resolves the path (env, system file, defaults) and loads it. Throws ConfigError.
Config load_default_config();

}  // namespace craton::config
