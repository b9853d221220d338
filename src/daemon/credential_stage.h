// Private, validated copies of the daemon's TLS files (server certificate chain and key, client
// CA bundle) in a directory only the daemon can read, which gRPC's certificate watcher polls.
//
// Why copies: gRPC 1.51 re-reads certificate files on a timer, not on demand. Pointing it at
// the configured files would pick up an edit whenever it happens, half-written or not. Instead
// the watcher reads these copies, which change only when stage() runs (at start and on
// SIGHUP), only after the new files parse and the key matches the certificate, and all three
// at once (a new generation directory, then one atomic rename of the `current` symlink).
#pragma once

#include <filesystem>
#include <string>

#include "config/daemon_config.h"

namespace craton::daemon {

class CredentialStage {
  public:
    // Creates the private directory and stages the configured files; throws
    // std::runtime_error when a file is missing, unreadable or inconsistent.
    explicit CredentialStage(const config::DaemonConfig& config);
    ~CredentialStage();
    CredentialStage(const CredentialStage&) = delete;
    CredentialStage& operator=(const CredentialStage&) = delete;

    // Re-reads the configured files and publishes them; on failure throws and the staged
    // generation in force stays as it was.
    void stage();

    std::string key_path() const { return (dir_ / "current" / "server.key").string(); }
    std::string cert_path() const { return (dir_ / "current" / "server.crt").string(); }
    std::string ca_path() const { return (dir_ / "current" / "client_ca.pem").string(); }
    // The client CA bundle of the generation in force (for the revocation check).
    const std::string& ca_pem() const { return ca_pem_; }

  private:
    config::DaemonConfig config_;
    std::filesystem::path dir_;
    unsigned generation_ = 0;
    std::string ca_pem_;
};

}  // namespace craton::daemon
