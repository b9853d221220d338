#include "selftest/pairwise.h"

#include <memory>
#include <string>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "core/log.h"
#include "rng/openssl_rand.h"
#include "selftest/fault_injection.h"
#include "selftest/module_state.h"

namespace craton::selftest {
namespace {

constexpr std::uint8_t kMessage[] = "Craton HSM pairwise consistency test";

struct MdCtxFree {
    void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
};

bool evp_sign_verify(EVP_PKEY* key, const char* md) {
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestSignInit_ex(ctx.get(), nullptr, md, rng::openssl_libctx(), nullptr, key,
                                      nullptr) != 1) {
        return false;
    }
    std::size_t len = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &len, kMessage, sizeof kMessage) != 1) return false;
    Bytes sig(len);
    if (EVP_DigestSign(ctx.get(), sig.data(), &len, kMessage, sizeof kMessage) != 1) return false;
    sig.resize(len);
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> vctx(EVP_MD_CTX_new());
    return vctx &&
           EVP_DigestVerifyInit_ex(vctx.get(), nullptr, md, rng::openssl_libctx(), nullptr, key,
                                   nullptr) == 1 &&
           EVP_DigestVerify(vctx.get(), sig.data(), sig.size(), kMessage, sizeof kMessage) == 1;
}

}  // namespace

void pairwise_result(const char* family, bool consistent) {
    if (consistent && !fault_injected("pairwise")) return;
    ERR_clear_error();
    log::error(std::string(family) + ": pairwise consistency test of a new key pair failed");
    fail_to_error_state("pairwise consistency test failed");
}

void pairwise_check_signature(const char* family, EVP_PKEY* key, const char* md) {
    pairwise_result(family, key != nullptr && evp_sign_verify(key, md));
}

void pairwise_check_key_agreement(const char* family, EVP_PKEY* key) {
    bool ok = false;
    if (key != nullptr) {
        std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
            EVP_PKEY_CTX_new_from_pkey(rng::openssl_libctx(), key, nullptr));
        ok = ctx && EVP_PKEY_pairwise_check(ctx.get()) == 1;
    }
    pairwise_result(family, ok);
}

void pairwise_check_signature(const char* family, const std::function<Bytes(ByteSpan)>& sign,
                              const std::function<bool(ByteSpan, ByteSpan)>& verify) {
    bool ok = false;
    try {
        const Bytes sig = sign(kMessage);
        ok = verify(kMessage, sig);
    } catch (const std::exception&) {
        ok = false;  // an algorithm that throws on its own fresh key is inconsistent too
    }
    pairwise_result(family, ok);
}

void pairwise_check_kem(const char* family,
                        const std::function<std::pair<Bytes, Bytes>()>& encapsulate,
                        const std::function<Bytes(ByteSpan)>& decapsulate) {
    bool ok = false;
    try {
        auto [ciphertext, secret] = encapsulate();
        Bytes recovered = decapsulate(ciphertext);
        ok = !secret.empty() && secret.size() == recovered.size() &&
             CRYPTO_memcmp(secret.data(), recovered.data(), secret.size()) == 0;
        OPENSSL_cleanse(secret.data(), secret.size());
        OPENSSL_cleanse(recovered.data(), recovered.size());
    } catch (const std::exception&) {
        ok = false;
    }
    pairwise_result(family, ok);
}

}  // namespace craton::selftest
