// The remote module's configuration: a TOML file named by CRATON_HSM_REMOTE_CONFIG
// (else /etc/craton-hsm/remote.toml) with one [remote] table (docs/remote.md).
#pragma once

#include <cstdint>
#include <string>

namespace craton::remote {

struct RemoteConfig {
    std::string address;      // host:port of craton-hsm-daemon
    std::string ca;           // PEM bundle the daemon's certificate must chain to (pinned)
    std::string client_cert;  // PEM; empty: connect without a client certificate (refused
    std::string client_key;   //   by a daemon that requires one, as it should)
    std::string server_name;  // expected name in the daemon's certificate; default: host of address
    std::uint32_t deadline_ms = 30000;  // no call waits longer for the daemon
    // Hold C_SignInit / C_VerifyInit back to travel with the next C_Sign / C_Verify when
    // their answer is known (held_inits.h); false sends every init at once.
    bool hold_inits = true;
};

// Throws std::runtime_error with a message naming the file and key.
RemoteConfig load_remote_config();
RemoteConfig parse_remote_config(const std::string& toml_text, const std::string& origin);

}  // namespace craton::remote
