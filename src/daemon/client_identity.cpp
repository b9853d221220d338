#include "daemon/client_identity.h"

#include <memory>
#include <mutex>
#include <unordered_map>

#include <grpc/grpc_security_constants.h>
#include <grpcpp/security/auth_context.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace craton::daemon {
namespace {

std::string hex(const unsigned char* p, unsigned len) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned i = 0; i < len; ++i) {
        out.push_back(digits[p[i] >> 4]);
        out.push_back(digits[p[i] & 0xf]);
    }
    return out;
}

}  // namespace

std::optional<ClientIdentity> identity_of_pem(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    if (!bio) return std::nullopt;
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
    if (!cert) return std::nullopt;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned digest_len = 0;
    if (X509_digest(cert.get(), EVP_sha256(), digest, &digest_len) != 1) return std::nullopt;

    ClientIdentity id;
    id.fingerprint = hex(digest, digest_len);
    std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
    if (out &&
        X509_NAME_print_ex(out.get(), X509_get_subject_name(cert.get()), 0, XN_FLAG_RFC2253) >= 0) {
        char* text = nullptr;
        const long n = BIO_get_mem_data(out.get(), &text);
        if (n > 0) id.subject.assign(text, static_cast<std::size_t>(n));
    }
    return id;
}

std::optional<ClientIdentity> identify_client(const grpc::ServerContext& context) {
    const auto auth = context.auth_context();
    if (!auth) return std::nullopt;
    const auto pems = auth->FindPropertyValues(GRPC_X509_PEM_CERT_PROPERTY_NAME);
    if (pems.empty()) return std::nullopt;
    std::string pem(pems.front().data(), pems.front().size());
    // Every RPC asks, and parsing the certificate, hashing it and printing its subject cost
    // tens of microseconds a call (the remote signing benchmark, docs/benchmarks.md). The
    // identity is a pure function of the certificate's bytes, so it is remembered by those
    // exact bytes; the handshake has already verified the certificate (chain, CRL) before any
    // RPC of the connection reaches this point, so nothing is decided from the cache alone.
    // Bounded: a daemon with more distinct client certificates than this simply starts over.
    static std::mutex mutex;
    static std::unordered_map<std::string, ClientIdentity> known;
    constexpr std::size_t kMaxRemembered = 1024;
    {
        std::lock_guard lock(mutex);
        if (const auto it = known.find(pem); it != known.end()) return it->second;
    }
    auto id = identity_of_pem(pem);
    if (id) {
        std::lock_guard lock(mutex);
        if (known.size() >= kMaxRemembered) known.clear();
        known.emplace(std::move(pem), *id);
    }
    return id;
}

}  // namespace craton::daemon
