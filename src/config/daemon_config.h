// The [daemon] table of craton_hsm.toml: settings of craton-hsm-daemon only (docs/remote.md).
//
// The module parses it too (every C_Initialize reads the whole file), so a typo in a daemon
// setting is refused wherever the file is read, never silently ignored.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace craton::config {

struct DaemonConfig {
    std::string listen_addr = "127.0.0.1:8443";
    // Optional second listener on a Unix-domain socket for same-host clients (same mTLS).
    std::string unix_socket;
    std::string server_cert;  // PEM file
    std::string server_key;   // PEM file
    std::string client_ca;    // PEM bundle: the only roots client certificates chain to
    // Directory of PEM CRLs. When set, a client certificate is refused unless a CRL from its
    // issuer, valid now, is there and does not list it (fail closed). Re-read on SIGHUP.
    std::string crl_dir;
    // false is accepted here but the daemon refuses to start with it unless given its
    // development flag, and then says so loudly.
    bool require_client_cert = true;
    // SHA-256 of client certificates (DER), lower-case hex without separators. Empty: any
    // certificate that chains to client_ca.
    std::vector<std::string> allowed_client_fingerprints;
    // A client's sessions are closed after this many seconds without a call from it.
    std::uint32_t idle_timeout_seconds = 900;
    // Calls one client identity may have in flight at once; more get RESOURCE_EXHAUSTED.
    std::uint32_t max_calls_per_client = 16;
    // Consecutive wrong PINs one client identity may send before its logins are refused for
    // login_lockout_seconds (counted by the daemon, before the module's per-token throttle).
    std::uint32_t login_failures_per_client = 5;
    std::uint32_t login_lockout_seconds = 60;
    // fingerprint -> slots the client may use; a client not listed may use every slot.
    std::map<std::string, std::vector<std::uint64_t>> client_slots;
};

}  // namespace craton::config
