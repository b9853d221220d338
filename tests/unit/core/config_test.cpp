// craton_hsm.toml parsing: defaults, every key, and the refusals that keep a typo or a bad
// value from silently weakening a security setting (docs/configuration.md).
#include "config/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

namespace craton::config {
namespace {

Config parse(const std::string& text) {
    return parse_config_text(text, "test.toml");
}

// The error message, or "" when the text was accepted.
std::string error_of(const std::string& text) {
    try {
        parse(text);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(Config, EmptyFileGivesDefaults) {
    const Config c = parse("");
    EXPECT_EQ(c.slot_count, 1u);
    EXPECT_TRUE(c.default_token_label.empty());
    EXPECT_EQ(c.pbkdf2_iterations, 600000u);
    EXPECT_EQ(c.pin_min_length, 4u);
    EXPECT_EQ(c.pin_max_length, 64u);
    EXPECT_EQ(c.max_failed_logins, 10u);
    EXPECT_EQ(c.login_backoff_base_ms, 100u);
    EXPECT_EQ(c.login_backoff_max_ms, 5000u);
    EXPECT_EQ(c.storage_mode, StorageMode::Memory);
    EXPECT_FALSE(c.allow_sha1_signing);
    EXPECT_EQ(c.log_level, "warn");
    EXPECT_TRUE(c.log_file.empty());
}

TEST(Config, EveryKeyIsRead) {
    const Config c = parse(R"(
[slots]
count = 3
default_token_label = "main"
[security]
pbkdf2_iterations = 700000
pin_min_length = 6
pin_max_length = 32
max_failed_logins = 5
login_backoff_base_ms = 50
login_backoff_max_ms = 800
[storage]
mode = "persistent"
path = "/var/lib/craton"
[memory]
secure_heap_bytes = 65536
[algorithms]
allow_sha1_signing = true
[logging]
level = "debug"
file = "/tmp/craton.log"
)");
    EXPECT_EQ(c.slot_count, 3u);
    EXPECT_EQ(c.default_token_label, "main");
    EXPECT_EQ(c.pbkdf2_iterations, 700000u);
    EXPECT_EQ(c.pin_min_length, 6u);
    EXPECT_EQ(c.pin_max_length, 32u);
    EXPECT_EQ(c.max_failed_logins, 5u);
    EXPECT_EQ(c.login_backoff_base_ms, 50u);
    EXPECT_EQ(c.login_backoff_max_ms, 800u);
    EXPECT_EQ(c.storage_mode, StorageMode::Persistent);
    EXPECT_EQ(c.storage_path, "/var/lib/craton");
    EXPECT_EQ(c.secure_heap_bytes, 65536u);
    EXPECT_TRUE(c.allow_sha1_signing);
    EXPECT_EQ(c.log_level, "debug");
    EXPECT_EQ(c.log_file, "/tmp/craton.log");
}

TEST(Config, UnknownKeysAndTablesAreErrors) {
    EXPECT_NE(error_of("[security]\npbkdf2_iteration = 700000\n"), "");  // typo
    EXPECT_NE(error_of("[slot]\ncount = 2\n"), "");
    EXPECT_NE(error_of("top_level = 1\n"), "");
    // The message names the file, the table and the key.
    const std::string msg = error_of("[security]\nmax_failed_login = 3\n");
    EXPECT_NE(msg.find("test.toml"), std::string::npos) << msg;
    EXPECT_NE(msg.find("[security]"), std::string::npos) << msg;
    EXPECT_NE(msg.find("max_failed_login"), std::string::npos) << msg;
}

TEST(Config, ReservedTablesRefuseEveryKeyForNow) {
    // docs/configuration.md: [fips], [audit] and [daemon] know their keys (fips_config_test.cpp,
    // daemon_config_test.cpp, Config.AuditTable) and refuse any other.
    EXPECT_EQ(error_of("[audit]\n[daemon]\n[fips]\n"), "");
    EXPECT_NE(error_of("[fips]\nno_such_setting = true\n"), "");
    EXPECT_NE(error_of("[audit]\nno_such_setting = true\n"), "");
    EXPECT_NE(error_of("[daemon]\nlisten = \"0.0.0.0:5696\"\n"), "");
}

TEST(Config, AuditTable) {
    const Config off = parse("");
    EXPECT_TRUE(off.audit.path.empty());  // no audit log unless asked for
    EXPECT_EQ(off.audit.sync, audit::SyncPolicy::Batch);
    EXPECT_TRUE(off.audit.log_crypto_operations);
    const Config c = parse(
        "[audit]\npath = \"/var/log/craton.audit\"\nsync = \"always\"\n"
        "key_file = \"/etc/craton-hsm/audit.key\"\nlog_crypto_operations = false\n"
        "max_file_bytes = 1048576\n");
    EXPECT_EQ(c.audit.path, "/var/log/craton.audit");
    EXPECT_EQ(c.audit.sync, audit::SyncPolicy::Always);
    EXPECT_EQ(c.audit.key_file, "/etc/craton-hsm/audit.key");
    EXPECT_FALSE(c.audit.log_crypto_operations);
    EXPECT_EQ(c.audit.max_file_bytes, 1048576u);
    EXPECT_EQ(parse("[audit]\npath = \"a\"\nsync = \"none\"\n").audit.sync,
              audit::SyncPolicy::None);
    EXPECT_NE(error_of("[audit]\npath = \"a\"\nsync = \"sometimes\"\n"), "");
    EXPECT_NE(error_of("[audit]\nkey_file = \"k\"\n"), "");  // a key for no log
    EXPECT_NE(error_of("[audit]\npath = \"a\"\nmax_file_bytes = 100\n"), "");
    EXPECT_NE(error_of("[audit]\npath = 7\n"), "");
    // Deferred writes: the default for batch and none, never with always.
    EXPECT_TRUE(parse("[audit]\npath = \"a\"\n").audit.deferred);
    EXPECT_TRUE(parse("[audit]\npath = \"a\"\nsync = \"none\"\n").audit.deferred);
    EXPECT_FALSE(c.audit.deferred);
    EXPECT_FALSE(parse("[audit]\npath = \"a\"\ndeferred = false\n").audit.deferred);
    EXPECT_NE(error_of("[audit]\npath = \"a\"\nsync = \"always\"\ndeferred = true\n"), "");
    EXPECT_NE(error_of("[audit]\npath = \"a\"\ndeferred = 1\n"), "");
}

TEST(Config, WrongTypesAreErrors) {
    EXPECT_NE(error_of("[security]\npbkdf2_iterations = \"many\"\n"), "");
    EXPECT_NE(error_of("[security]\npbkdf2_iterations = 7.5e5\n"), "");
    EXPECT_NE(error_of("[slots]\ncount = true\n"), "");
    EXPECT_NE(error_of("[algorithms]\nallow_sha1_signing = 1\n"), "");
    EXPECT_NE(error_of("[logging]\nlevel = 3\n"), "");
    EXPECT_NE(error_of("security = 5\n"), "");  // a table name used as a key
}

TEST(Config, FloatsBeyondIntegerRangeAreTypeErrors) {
    // Regression (config fuzzer): a float too large for int64 was converted before its type
    // was checked, undefined behaviour that UBSan (the ASan+UBSan test pass) aborts on.
    EXPECT_NE(error_of("[security]\npbkdf2_iterations = 6.1e84\n"), "");
    EXPECT_NE(error_of("[slots]\ncount = -1e300\n"), "");
    EXPECT_NE(error_of("[security]\nmax_failed_logins = inf\n"), "");
    EXPECT_NE(error_of("[security]\nmax_failed_logins = nan\n"), "");
}

TEST(Config, RangesAreEnforced) {
    EXPECT_NE(error_of("[slots]\ncount = 0\n"), "");
    EXPECT_NE(error_of("[slots]\ncount = 256\n"), "");
    EXPECT_EQ(error_of("[slots]\ncount = 255\n"), "");
    EXPECT_NE(error_of("[slots]\ncount = -1\n"), "");
    EXPECT_NE(error_of("[security]\npin_min_length = 3\n"), "");
    EXPECT_NE(error_of("[security]\nmax_failed_logins = 0\n"), "");
    EXPECT_NE(error_of("[security]\npin_min_length = 10\npin_max_length = 8\n"), "");
    EXPECT_EQ(error_of("[security]\npin_min_length = 8\npin_max_length = 8\n"), "");
    EXPECT_NE(error_of("[memory]\nsecure_heap_bytes = 2147483648\n"), "");
    const std::string label33(33, 'x');
    EXPECT_NE(error_of("[slots]\ndefault_token_label = \"" + label33 + "\"\n"), "");
}

TEST(Config, Pbkdf2IterationsHaveAFloor) {
    // Test-hook builds lower the floor so suites can log in quickly; it is never zero.
    EXPECT_GE(kPbkdf2IterationFloor, 1000u);
    EXPECT_NE(error_of("[security]\npbkdf2_iterations = " +
                       std::to_string(kPbkdf2IterationFloor - 1) + "\n"),
              "");
    EXPECT_EQ(
        error_of("[security]\npbkdf2_iterations = " + std::to_string(kPbkdf2IterationFloor) + "\n"),
        "");
    EXPECT_GE(kPbkdf2DefaultIterations, 600000u);
}

TEST(Config, EnumeratedValues) {
    EXPECT_NE(error_of("[storage]\nmode = \"disk\"\n"), "");
    EXPECT_NE(error_of("[logging]\nlevel = \"verbose\"\n"), "");
    for (const char* level : {"error", "warn", "info", "debug"}) {
        EXPECT_EQ(parse(std::string("[logging]\nlevel = \"") + level + "\"\n").log_level, level);
    }
}

TEST(Config, SyntaxErrorsCarryAPosition) {
    const std::string msg = error_of("[security\npbkdf2_iterations = 1\n");
    EXPECT_NE(msg.find("test.toml:1:"), std::string::npos) << msg;
}

TEST(Config, FilesAndEnvironment) {
    char dir_template[] = "/tmp/craton-config-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    const std::filesystem::path dir = dir_template;
    const auto path = dir / "craton_hsm.toml";
    std::ofstream(path) << "[slots]\ncount = 7\n";
    EXPECT_EQ(load_config_file(path).slot_count, 7u);
    EXPECT_THROW(load_config_file(dir / "missing.toml"), ConfigError);

    setenv("CRATON_HSM_CONFIG", path.c_str(), 1);
    EXPECT_EQ(load_default_config().slot_count, 7u);
    // A named file that does not exist is an error, not a silent fallback to defaults.
    const auto missing = (dir / "missing.toml").string();
    setenv("CRATON_HSM_CONFIG", missing.c_str(), 1);
    EXPECT_THROW(load_default_config(), ConfigError);
    unsetenv("CRATON_HSM_CONFIG");
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace craton::config
