#include "daemon/revocation_check.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

namespace craton::daemon {
namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using StorePtr = std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)>;
using CertStack = std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)>;

BioPtr bio_of(const std::string& pem) {
    return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
}

void free_cert_stack(STACK_OF(X509) * s) {
    sk_X509_pop_free(s, X509_free);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("crl_dir: cannot read " + path.string());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Every PEM certificate in `pem`, in order.
CertStack certificates_of(const std::string& pem) {
    CertStack out(sk_X509_new_null(), free_cert_stack);
    auto bio = bio_of(pem);
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        sk_X509_push(out.get(), cert);
    }
    ERR_clear_error();  // the end of the data reads as an error
    return out;
}

}  // namespace

struct RevocationCheck::Store {
    StorePtr store{X509_STORE_new(), X509_STORE_free};
};

void RevocationCheck::load(const std::string& ca_pem, const std::string& crl_dir) {
    if (crl_dir.empty()) {
        std::lock_guard lock(mutex_);
        store_.reset();
        return;
    }
    auto fresh = std::make_shared<Store>();
    if (!fresh->store) throw std::runtime_error("out of memory");
    CertStack roots = certificates_of(ca_pem);
    for (int i = 0; i < sk_X509_num(roots.get()); ++i) {
        X509_STORE_add_cert(fresh->store.get(), sk_X509_value(roots.get(), i));
    }
    std::error_code ec;
    std::filesystem::directory_iterator it(crl_dir, ec);
    if (ec) throw std::runtime_error("crl_dir: cannot read " + crl_dir + ": " + ec.message());
    for (const auto& entry : it) {
        if (!entry.is_regular_file()) continue;
        const std::string text = read_file(entry.path());
        auto bio = bio_of(text);
        int count = 0;
        while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
            X509_STORE_add_crl(fresh->store.get(), crl);  // takes its own reference
            X509_CRL_free(crl);
            ++count;
        }
        ERR_clear_error();
        if (count == 0) {
            throw std::runtime_error("crl_dir: " + entry.path().string() + " holds no PEM CRL");
        }
    }
    // CRL_CHECK: the leaf's issuer must have a CRL (a missing one fails with
    // X509_V_ERR_UNABLE_TO_GET_CRL, an expired one with X509_V_ERR_CRL_HAS_EXPIRED).
    X509_STORE_set_flags(fresh->store.get(), X509_V_FLAG_CRL_CHECK);
    std::lock_guard lock(mutex_);
    store_ = std::move(fresh);
}

std::string RevocationCheck::refusal(const std::string& leaf_pem,
                                     const std::string& chain_pem) const {
    std::shared_ptr<const Store> store;
    {
        std::lock_guard lock(mutex_);
        store = store_;
    }
    if (!store) return {};
    CertStack leaf = certificates_of(leaf_pem);
    if (sk_X509_num(leaf.get()) == 0) return "no client certificate to check against the CRLs";
    CertStack chain = certificates_of(chain_pem);
    std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                        X509_STORE_CTX_free);
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store->store.get(), sk_X509_value(leaf.get(), 0),
                                    chain.get()) != 1) {
        return "cannot set up the CRL check";
    }
    if (X509_verify_cert(ctx.get()) == 1) return {};
    return X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
}

}  // namespace craton::daemon
