#include "rng/hmac_drbg.h"

#include <algorithm>
#include <stdexcept>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace craton::rng {
namespace {

// The HMAC algorithm object is immutable once fetched and safe to share across threads.
EVP_MAC* hmac_algorithm() {
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr) throw std::runtime_error("HMAC is not available from OpenSSL");
    return mac;
}

unsigned strength_for(std::size_t outlen) {
    if (outlen <= 20) return 128;  // SHA-1
    if (outlen <= 28) return 192;  // SHA-224, SHA-512/224, SHA3-224
    return 256;
}

constexpr std::uint8_t kZero = 0x00;
constexpr std::uint8_t kOne = 0x01;

}  // namespace

HmacDrbg::HmacDrbg(const std::string& digest, std::uint64_t reseed_interval)
    : reseed_interval_(reseed_interval) {
    if (reseed_interval == 0 || reseed_interval > kMaxReseedInterval) {
        throw std::invalid_argument("HMAC_DRBG reseed interval out of range");
    }
    EVP_MD* md = EVP_MD_fetch(nullptr, digest.c_str(), nullptr);
    if (md == nullptr) throw std::invalid_argument("unknown digest for HMAC_DRBG: " + digest);
    const int size = EVP_MD_get_size(md);
    const bool xof = (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0;
    EVP_MD_free(md);
    if (xof || size <= 0 || static_cast<std::size_t>(size) > kMaxOutLen) {
        throw std::invalid_argument("digest unsuitable for HMAC_DRBG: " + digest);
    }
    outlen_ = static_cast<std::size_t>(size);
    strength_ = strength_for(outlen_);

    mac_ = EVP_MAC_CTX_new(hmac_algorithm());
    if (mac_ == nullptr) throw std::bad_alloc();
    std::string name = digest;
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, name.data(), 0),
        OSSL_PARAM_construct_end()};
    if (EVP_MAC_CTX_set_params(mac_, params) != 1) {
        EVP_MAC_CTX_free(mac_);
        throw std::invalid_argument("HMAC rejects digest: " + digest);
    }
}

HmacDrbg::~HmacDrbg() {
    uninstantiate();
    EVP_MAC_CTX_free(mac_);
}

void HmacDrbg::uninstantiate() noexcept {
    OPENSSL_cleanse(key_.data(), key_.size());
    OPENSSL_cleanse(v_.data(), v_.size());
    reseed_counter_ = 0;
    instantiated_ = false;
    // The MAC context holds the key schedule of K: drop it by re-keying with zeros.
    if (keyed_) {
        (void)EVP_MAC_init(mac_, key_.data(), outlen_, nullptr);
        keyed_ = false;
    }
}

void HmacDrbg::hmac(std::uint8_t* out, const std::uint8_t* sep, ByteSpan a, ByteSpan b,
                    ByteSpan c) {
    // Re-keying costs two extra compression-function calls plus EVP overhead, and K changes
    // only at the first HMAC of each update step, so the context keeps the current key.
    const bool ok =
        EVP_MAC_init(mac_, keyed_ ? nullptr : key_.data(), keyed_ ? 0 : outlen_, nullptr) == 1 &&
        EVP_MAC_update(mac_, v_.data(), outlen_) == 1 &&
        (sep == nullptr || EVP_MAC_update(mac_, sep, 1) == 1) &&
        (a.empty() || EVP_MAC_update(mac_, a.data(), a.size()) == 1) &&
        (b.empty() || EVP_MAC_update(mac_, b.data(), b.size()) == 1) &&
        (c.empty() || EVP_MAC_update(mac_, c.data(), c.size()) == 1);
    std::size_t written = 0;
    if (!ok || EVP_MAC_final(mac_, out, &written, outlen_) != 1 || written != outlen_) {
        uninstantiate();
        throw std::runtime_error("HMAC computation failed in HMAC_DRBG");
    }
    keyed_ = true;
}

// HMAC_DRBG_Update (10.1.2.2); provided_data is a || b || c, passed in parts to avoid a copy.
void HmacDrbg::update(ByteSpan a, ByteSpan b, ByteSpan c) {
    const bool have_data = !a.empty() || !b.empty() || !c.empty();
    hmac(key_.data(), &kZero, a, b, c);
    keyed_ = false;
    hmac(v_.data(), nullptr);
    if (!have_data) return;
    hmac(key_.data(), &kOne, a, b, c);
    keyed_ = false;
    hmac(v_.data(), nullptr);
}

void HmacDrbg::instantiate(ByteSpan entropy, ByteSpan nonce, ByteSpan personalization) {
    if (entropy.size() * 8 < strength_) throw std::invalid_argument("entropy input too short");
    key_.fill(0x00);
    v_.fill(0x01);
    keyed_ = false;
    update(entropy, nonce, personalization);
    reseed_counter_ = 1;
    instantiated_ = true;
}

void HmacDrbg::reseed(ByteSpan entropy, ByteSpan additional) {
    if (!instantiated_) throw std::logic_error("HMAC_DRBG reseed before instantiate");
    if (entropy.size() * 8 < strength_) throw std::invalid_argument("entropy input too short");
    update(entropy, additional);
    reseed_counter_ = 1;
}

HmacDrbg::Status HmacDrbg::generate(std::span<std::uint8_t> out, ByteSpan additional,
                                    BlockObserver* observer) {
    if (!instantiated_) throw std::logic_error("HMAC_DRBG generate before instantiate");
    if (out.size() > kMaxRequestBytes) throw std::logic_error("HMAC_DRBG request too long");
    if (reseed_counter_ > reseed_interval_) return Status::ReseedRequired;
    if (!additional.empty()) update(additional);
    std::size_t done = 0;
    while (done < out.size()) {
        hmac(v_.data(), nullptr);
        if (observer != nullptr && !observer->on_block(ByteSpan(v_.data(), outlen_))) {
            OPENSSL_cleanse(out.data(), out.size());
            uninstantiate();
            throw std::runtime_error("HMAC_DRBG output rejected by the continuous test");
        }
        const std::size_t n = std::min(outlen_, out.size() - done);
        std::copy_n(v_.data(), n, out.data() + done);
        done += n;
    }
    update(additional);
    ++reseed_counter_;
    return Status::Ok;
}

}  // namespace craton::rng
