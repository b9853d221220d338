#include "daemon/tls_credentials.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>

#include "daemon/client_identity.h"
#include "daemon/log.h"

namespace craton::daemon {
namespace {

namespace gx = grpc::experimental;

// How often gRPC re-reads the staged files. They change only on reload, so this is the delay
// between a SIGHUP and the first handshake with the new certificate.
constexpr unsigned kWatchIntervalSeconds = 1;

// Runs after gRPC has verified the client chain against the client CA, still inside the
// handshake: the allow-list of fingerprints and the CRL check. (The allow-list is checked again
// on every RPC, which also covers the development mode.)
class ClientCertVerifier final : public gx::ExternalCertificateVerifier {
  public:
    ClientCertVerifier(std::vector<std::string> allowed, std::shared_ptr<RevocationCheck> check)
        : allowed_(std::move(allowed)), check_(std::move(check)) {}

    bool Verify(gx::TlsCustomVerificationCheckRequest* request, std::function<void(grpc::Status)>,
                grpc::Status* sync_status) override {
        const std::string leaf(request->peer_cert().data(), request->peer_cert().size());
        if (leaf.empty()) {
            // Only reachable in the development mode without client certificates.
            *sync_status = grpc::Status::OK;
            return true;
        }
        const auto id = identity_of_pem(leaf);
        std::string why;
        if (!id) {
            why = "unreadable certificate";
        } else if (!allowed_.empty() &&
                   std::find(allowed_.begin(), allowed_.end(), id->fingerprint) == allowed_.end()) {
            why = "fingerprint_not_allowed";
        } else {
            const std::string chain(request->peer_cert_full_chain().data(),
                                    request->peer_cert_full_chain().size());
            const std::string crl = check_->refusal(leaf, chain);
            if (!crl.empty()) why = "\"crl: " + crl + "\"";
        }
        if (why.empty()) {
            *sync_status = grpc::Status::OK;
        } else {
            log_line("warn", "client_refused",
                     "reason=" + why + " fingerprint=" + (id ? id->fingerprint : "?"));
            *sync_status = grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "certificate refused");
        }
        return true;
    }

    void Cancel(gx::TlsCustomVerificationCheckRequest*) override {}

  private:
    const std::vector<std::string> allowed_;
    std::shared_ptr<RevocationCheck> check_;
};

}  // namespace

ServerTls::ServerTls(const config::DaemonConfig& config, bool require_client_cert)
    : config_(config), stage_(config), revocation_(std::make_shared<RevocationCheck>()) {
    revocation_->load(stage_.ca_pem(), config_.crl_dir);
    auto provider = std::make_shared<gx::FileWatcherCertificateProvider>(
        stage_.key_path(), stage_.cert_path(), stage_.ca_path(), kWatchIntervalSeconds);
    gx::TlsServerCredentialsOptions options(provider);
    options.watch_root_certs();
    options.watch_identity_key_cert_pairs();
    options.set_cert_request_type(require_client_cert
                                      ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                                      : GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
    options.set_certificate_verifier(gx::ExternalCertificateVerifier::Create<ClientCertVerifier>(
        config_.allowed_client_fingerprints, revocation_));
    credentials_ = gx::TlsServerCredentials(options);
    if (!credentials_) throw std::runtime_error("gRPC refused the TLS options");
}

void ServerTls::reload() {
    // CRLs first: if they fail, nothing has changed. The CA bundle they are checked against is
    // read again by stage() below; load them against that new bundle afterwards.
    RevocationCheck probe;
    probe.load(stage_.ca_pem(), config_.crl_dir);
    stage_.stage();
    revocation_->load(stage_.ca_pem(), config_.crl_dir);
}

}  // namespace craton::daemon
