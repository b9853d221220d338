#include "config/daemon_table.h"

#include <cctype>
#include <set>

#include "config/config.h"
#include "config/toml_integer.h"

namespace craton::config {
namespace {

std::string where(const std::string& origin, const std::string& key) {
    return origin + ": [daemon] " + key;
}

std::string read_string(const toml::node& node, const std::string& what) {
    if (!node.is_string()) throw ConfigError(what + " must be a string");
    return *node.value<std::string>();
}

bool is_fingerprint(const std::string& s) {
    if (s.size() != 64) return false;
    for (char c : s) {
        if (!std::isxdigit(static_cast<unsigned char>(c)) ||
            std::isupper(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

std::vector<std::string> read_fingerprints(const toml::node& node, const std::string& what) {
    const auto* array = node.as_array();
    if (array == nullptr) throw ConfigError(what + " must be an array of strings");
    std::vector<std::string> out;
    for (const auto& item : *array) {
        std::string fp = read_string(item, what);
        if (!is_fingerprint(fp)) {
            throw ConfigError(what + ": \"" + fp +
                              "\" is not a SHA-256 fingerprint (64 lower-case hex digits)");
        }
        out.push_back(std::move(fp));
    }
    return out;
}

std::vector<std::uint64_t> read_slots(const toml::node& node, const std::string& what) {
    const auto* array = node.as_array();
    if (array == nullptr) throw ConfigError(what + " must be an array of slot ids");
    std::vector<std::uint64_t> out;
    for (const auto& item : *array) {
        const auto v = integer_of(item);
        if (!v || *v < 0) throw ConfigError(what + " must hold slot ids");
        out.push_back(static_cast<std::uint64_t>(*v));
    }
    return out;
}

// A positive integer setting up to `max`.
std::uint32_t bounded(const toml::node& node, const std::string& what, std::int64_t max) {
    const auto v = integer_of(node);
    if (!v || *v < 1 || *v > max) {
        throw ConfigError(what + " must be between 1 and " + std::to_string(max));
    }
    return static_cast<std::uint32_t>(*v);
}

}  // namespace

void parse_daemon_table(const toml::table& root, const std::string& origin, DaemonConfig& out) {
    const toml::node* node = root.get("daemon");
    if (node == nullptr) return;
    const toml::table* table = node->as_table();
    if (table == nullptr) throw ConfigError(origin + ": [daemon] must be a table");

    for (const auto& [key_name, value] : *table) {
        const std::string key(key_name.str());
        const std::string what = where(origin, key);
        if (key == "listen_addr") {
            out.listen_addr = read_string(value, what);
            if (out.listen_addr.empty()) throw ConfigError(what + " must not be empty");
        } else if (key == "unix_socket") {
            out.unix_socket = read_string(value, what);
            if (out.unix_socket.empty() || out.unix_socket[0] != '/') {
                throw ConfigError(what + " must be an absolute path");
            }
        } else if (key == "server_cert") {
            out.server_cert = read_string(value, what);
        } else if (key == "server_key") {
            out.server_key = read_string(value, what);
        } else if (key == "client_ca") {
            out.client_ca = read_string(value, what);
        } else if (key == "crl_dir") {
            out.crl_dir = read_string(value, what);
            if (out.crl_dir.empty()) throw ConfigError(what + " must not be empty");
        } else if (key == "require_client_cert") {
            if (!value.is_boolean()) throw ConfigError(what + " must be true or false");
            out.require_client_cert = *value.value<bool>();
        } else if (key == "allowed_client_fingerprints") {
            out.allowed_client_fingerprints = read_fingerprints(value, what);
        } else if (key == "idle_timeout_seconds") {
            out.idle_timeout_seconds = bounded(value, what, 7 * 24 * 3600);
        } else if (key == "max_calls_per_client") {
            out.max_calls_per_client = bounded(value, what, 1024);
        } else if (key == "login_failures_per_client") {
            out.login_failures_per_client = bounded(value, what, 1000);
        } else if (key == "login_lockout_seconds") {
            out.login_lockout_seconds = bounded(value, what, 86400);
        } else if (key == "client_slots") {
            // [daemon.client_slots] "<fingerprint>" = [slot, ...]
            const auto* map = value.as_table();
            if (map == nullptr) throw ConfigError(what + " must be a table");
            for (const auto& [fp_name, slots] : *map) {
                const std::string fp(fp_name.str());
                if (!is_fingerprint(fp)) {
                    throw ConfigError(what + ": \"" + fp + "\" is not a SHA-256 fingerprint");
                }
                out.client_slots[fp] = read_slots(slots, what + "." + fp);
            }
        } else {
            throw ConfigError(what + " is not a known setting");
        }
    }
}

}  // namespace craton::config
