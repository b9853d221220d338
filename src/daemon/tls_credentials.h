// The daemon's transport security, built from [daemon]: the server certificate and key, the
// pinned client CA bundle client certificates must chain to (never the system roots), and the
// optional CRL directory. reload() (SIGHUP) swaps all of them for new handshakes; connections
// already established keep the session they negotiated.
#pragma once

#include <memory>

#include <grpcpp/security/server_credentials.h>

#include "config/daemon_config.h"
#include "daemon/credential_stage.h"
#include "daemon/revocation_check.h"

namespace craton::daemon {

class ServerTls {
  public:
    // Throws std::runtime_error when a file cannot be read or is inconsistent.
    // `require_client_cert` false (the development flag) still verifies a certificate a
    // client does present.
    ServerTls(const config::DaemonConfig& config, bool require_client_cert);

    std::shared_ptr<grpc::ServerCredentials> credentials() const { return credentials_; }

    // Re-reads certificate, key, client CA and CRLs. Throws (and keeps what was in force)
    // when any of them is unusable. gRPC's watcher polls the staged copies every second, so a
    // new handshake sees them within about a second of reload() returning.
    void reload();

  private:
    config::DaemonConfig config_;
    CredentialStage stage_;
    std::shared_ptr<RevocationCheck> revocation_;
    std::shared_ptr<grpc::ServerCredentials> credentials_;
};

}  // namespace craton::daemon
