#include "remote/remote_config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <toml++/toml.h>

#include "config/toml_integer.h"

namespace craton::remote {

RemoteConfig parse_remote_config(const std::string& toml_text, const std::string& origin) {
    toml::table root;
    try {
        root = toml::parse(toml_text, origin);
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(origin + ": " + std::string(e.description()));
    }
    const auto* table = root["remote"].as_table();
    if (table == nullptr) throw std::runtime_error(origin + ": no [remote] table");
    RemoteConfig c;
    for (const auto& [key_name, node] : *table) {
        const std::string key(key_name.str());
        const std::string what = origin + ": [remote] " + key;
        if (key == "deadline_ms") {
            const auto v = config::integer_of(node);
            if (!v || *v < 1 || *v > 3600000) {
                throw std::runtime_error(what + " must be between 1 and 3600000");
            }
            c.deadline_ms = static_cast<std::uint32_t>(*v);
            continue;
        }
        if (key == "hold_inits") {
            if (!node.is_boolean()) throw std::runtime_error(what + " must be true or false");
            c.hold_inits = *node.value<bool>();
            continue;
        }
        std::string* target = key == "address"       ? &c.address
                              : key == "ca"          ? &c.ca
                              : key == "client_cert" ? &c.client_cert
                              : key == "client_key"  ? &c.client_key
                              : key == "server_name" ? &c.server_name
                                                     : nullptr;
        if (target == nullptr) throw std::runtime_error(what + " is not a known setting");
        if (!node.is_string()) throw std::runtime_error(what + " must be a string");
        *target = *node.value<std::string>();
    }
    if (c.address.empty()) throw std::runtime_error(origin + ": [remote] address is required");
    if (c.ca.empty()) throw std::runtime_error(origin + ": [remote] ca is required");
    if (c.client_cert.empty() != c.client_key.empty()) {
        throw std::runtime_error(origin + ": [remote] client_cert and client_key go together");
    }
    return c;
}

RemoteConfig load_remote_config() {
    const char* env = std::getenv("CRATON_HSM_REMOTE_CONFIG");
    const std::string path = env != nullptr && *env != '\0' ? env : "/etc/craton-hsm/remote.toml";
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    return parse_remote_config(text.str(), path);
}

}  // namespace craton::remote
