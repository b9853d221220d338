// CRL checking of client certificates, fail closed.
//
// gRPC's own CRL option (set_crl_directory in 1.51) lets a certificate through when no CRL for
// its issuer is found. The daemon's rule is stricter: with [daemon] crl_dir set, a client
// certificate is accepted only if a CRL signed by its issuer and valid now (thisUpdate passed,
// nextUpdate not yet) is loaded and does not list it. CRLs are read at start and on SIGHUP.
#pragma once

#include <memory>
#include <mutex>
#include <string>

namespace craton::daemon {

class RevocationCheck {
  public:
    // Replaces the trust store with `ca_pem` and every PEM CRL in the files of `crl_dir` (not
    // recursive). An empty `crl_dir` switches checking off. Throws std::runtime_error when the
    // directory cannot be read or a file in it is not a PEM CRL; the previous state stays.
    void load(const std::string& ca_pem, const std::string& crl_dir);

    // Empty when `leaf_pem` (with the intermediates in `chain_pem`, may be empty) passes;
    // otherwise why it was refused, for the log.
    std::string refusal(const std::string& leaf_pem, const std::string& chain_pem) const;

  private:
    struct Store;
    mutable std::mutex mutex_;
    std::shared_ptr<const Store> store_;  // null: checking off
};

}  // namespace craton::daemon
