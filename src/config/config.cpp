#include "config/config.h"
#include "config/toml_integer.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "config/daemon_table.h"

namespace craton::config {
namespace {

// Reads typed keys from one table and remembers which were consumed, so leftovers are errors.
class TableReader {
  public:
    TableReader(const toml::table& root, std::string name, std::string origin)
        : origin_(std::move(origin)), name_(std::move(name)) {
        if (const auto* node = root.get(name_)) {
            table_ = node->as_table();
            if (table_ == nullptr) throw ConfigError(where("") + " must be a table");
        }
    }

    template <class T>
    void uint(const char* key, T& out, std::uint64_t min, std::uint64_t max) {
        const toml::node* node = find(key);
        if (node == nullptr) return;
        const auto integer = integer_of(*node);
        if (!integer) throw ConfigError(where(key) + " must be an integer");
        const std::int64_t value = *integer;
        if (value < 0 || static_cast<std::uint64_t>(value) < min ||
            static_cast<std::uint64_t>(value) > max) {
            throw ConfigError(where(key) + " must be between " + std::to_string(min) + " and " +
                              std::to_string(max));
        }
        out = static_cast<T>(value);
    }

    void boolean(const char* key, bool& out) {
        const toml::node* node = find(key);
        if (node == nullptr) return;
        if (!node->is_boolean()) throw ConfigError(where(key) + " must be true or false");
        out = *node->value<bool>();
    }

    void boolean(const char* key, std::optional<bool>& out) {
        if (find(key) == nullptr) return;
        bool value = false;
        boolean(key, value);
        out = value;
    }

    void string(const char* key, std::string& out) {
        const toml::node* node = find(key);
        if (node == nullptr) return;
        if (!node->is_string()) throw ConfigError(where(key) + " must be a string");
        out = *node->value<std::string>();
    }

    void finish() const {
        if (table_ == nullptr) return;
        for (const auto& [key, node] : *table_) {
            if (used_.count(std::string(key.str())) == 0) {
                throw ConfigError(where(std::string(key.str())) + " is not a known setting");
            }
        }
    }

    std::string where(const std::string& key) const {
        return origin_ + ": [" + name_ + "]" + (key.empty() ? "" : " " + key);
    }

  private:
    const toml::node* find(const char* key) {
        used_.insert(key);
        return table_ == nullptr ? nullptr : table_->get(key);
    }

    std::string origin_;
    std::string name_;
    const toml::table* table_ = nullptr;
    std::set<std::string> used_;
};

}  // namespace

Config parse_config_text(const std::string& toml_text, const std::string& origin) {
    toml::table root;
    try {
        root = toml::parse(toml_text, origin);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << origin << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
            << e.description();
        throw ConfigError(msg.str());
    }

    static const std::set<std::string> kTables = {"slots",  "security",   "storage",
                                                  "memory", "algorithms", "logging",
                                                  "audit",  "daemon",     "fips"};
    for (const auto& [key, node] : root) {
        if (kTables.count(std::string(key.str())) == 0) {
            throw ConfigError(origin + ": [" + std::string(key.str()) + "] is not a known table");
        }
    }

    Config c;
    TableReader slots(root, "slots", origin);
    slots.uint("count", c.slot_count, 1, 255);
    slots.string("default_token_label", c.default_token_label);
    slots.finish();
    if (c.default_token_label.size() > 32) {
        throw ConfigError(slots.where("default_token_label") + " is longer than 32 bytes");
    }

    TableReader security(root, "security", origin);
    security.uint("pbkdf2_iterations", c.pbkdf2_iterations, kPbkdf2IterationFloor, 100000000);
    security.uint("pin_min_length", c.pin_min_length, 4, 255);
    security.uint("pin_max_length", c.pin_max_length, 4, 255);
    security.uint("max_failed_logins", c.max_failed_logins, 1, 1000);
    security.uint("login_backoff_base_ms", c.login_backoff_base_ms, 0, 60000);
    security.uint("login_backoff_max_ms", c.login_backoff_max_ms, 0, 600000);
    security.finish();
    if (c.pin_min_length > c.pin_max_length) {
        throw ConfigError(security.where("pin_min_length") + " exceeds pin_max_length");
    }

    TableReader storage(root, "storage", origin);
    std::string mode = "memory";
    std::string path = c.storage_path.string();
    storage.string("mode", mode);
    storage.string("path", path);
    storage.finish();
    if (mode == "memory") {
        c.storage_mode = StorageMode::Memory;
    } else if (mode == "persistent") {
        c.storage_mode = StorageMode::Persistent;
    } else {
        throw ConfigError(storage.where("mode") + " must be \"memory\" or \"persistent\"");
    }
    c.storage_path = path;

    TableReader memory(root, "memory", origin);
    memory.uint("secure_heap_bytes", c.secure_heap_bytes, 0, std::uint64_t{1} << 30);
    memory.boolean("disable_core_dumps", c.disable_core_dumps);
    memory.finish();

    TableReader algorithms(root, "algorithms", origin);
    algorithms.boolean("allow_sha1_signing", c.allow_sha1_signing);
    algorithms.boolean("allow_rsa_x509_decrypt", c.allow_rsa_x509_decrypt);
    bool approved_alias = false;
    algorithms.boolean("fips_approved_only", approved_alias);
    algorithms.finish();

    TableReader fips(root, "fips", origin);
    fips.boolean("approved_only", c.fips_approved_only);
    fips.finish();
    c.fips_approved_only = c.fips_approved_only || approved_alias;
    // Approved-only mode cannot coexist with a setting that enables a non-approved service:
    // refusing the file beats silently ignoring one of the two.
    if (c.fips_approved_only && c.allow_sha1_signing) {
        throw ConfigError(fips.where("approved_only") +
                          " contradicts [algorithms] allow_sha1_signing = true");
    }
    if (c.fips_approved_only && c.allow_rsa_x509_decrypt) {
        throw ConfigError(fips.where("approved_only") +
                          " contradicts [algorithms] allow_rsa_x509_decrypt = true");
    }

    TableReader audit(root, "audit", origin);
    std::string audit_path, audit_key_file, audit_sync = "batch";
    audit.string("path", audit_path);
    audit.string("sync", audit_sync);
    audit.string("key_file", audit_key_file);
    audit.boolean("log_crypto_operations", c.audit.log_crypto_operations);
    audit.uint("max_file_bytes", c.audit.max_file_bytes, 0, std::uint64_t{1} << 40);
    std::optional<bool> deferred;
    audit.boolean("deferred", deferred);
    audit.finish();
    c.audit.path = audit_path;
    c.audit.key_file = audit_key_file;
    if (audit_sync == "always") {
        c.audit.sync = audit::SyncPolicy::Always;
    } else if (audit_sync == "batch") {
        c.audit.sync = audit::SyncPolicy::Batch;
    } else if (audit_sync == "none") {
        c.audit.sync = audit::SyncPolicy::None;
    } else {
        throw ConfigError(audit.where("sync") + " must be \"always\", \"batch\" or \"none\"");
    }
    // `always` promises the record on disk before the call returns; a queue cannot keep that.
    if (c.audit.sync == audit::SyncPolicy::Always && deferred.value_or(false)) {
        throw ConfigError(audit.where("deferred") + " cannot be true with sync = \"always\"");
    }
    c.audit.deferred = deferred.value_or(c.audit.sync != audit::SyncPolicy::Always);
    if (audit_path.empty() && !audit_key_file.empty()) {
        throw ConfigError(audit.where("key_file") + " is set but [audit] path is not");
    }
    if (c.audit.max_file_bytes != 0 && c.audit.max_file_bytes < 4096) {
        throw ConfigError(audit.where("max_file_bytes") + " must be 0 or at least 4096");
    }

    parse_daemon_table(root, origin, c.daemon);

    TableReader logging(root, "logging", origin);
    logging.string("level", c.log_level);
    logging.string("file", c.log_file);
    logging.finish();
    if (c.log_level != "error" && c.log_level != "warn" && c.log_level != "info" &&
        c.log_level != "debug") {
        throw ConfigError(logging.where("level") + " must be error, warn, info or debug");
    }
    return c;
}

Config load_config_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw ConfigError(path.string() + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    return parse_config_text(text.str(), path.string());
}

Config load_default_config() {
    if (const char* env = std::getenv("CRATON_HSM_CONFIG"); env != nullptr && *env != '\0') {
        return load_config_file(env);
    }
    const std::filesystem::path system_path = "/etc/craton-hsm/craton_hsm.toml";
    std::error_code ec;
    if (std::filesystem::exists(system_path, ec)) return load_config_file(system_path);
    return Config{};
}

}  // namespace craton::config
