// HMAC (FIPS 198-1) over every SHA-1/SHA-2/SHA-3 hash, full-length and _GENERAL (truncated),
// and the secret-key generation mechanisms for generic secret and HMAC key types.
#include <array>
#include <cstring>

#include <openssl/crypto.h>

#include "core/error.h"
#include "mech/hmac_digests.h"
#include "mech/hmac_key.h"
#include "mech/registry.h"

namespace craton::mech {
namespace {

using hmac::HmacKey;
using hmac::kHashes;
using hmac::MacCtxPtr;

// The specification lets _GENERAL ask for 0..L bytes and lets tokens raise the floor; a MAC of
// fewer than 4 bytes (FIPS 198-1's smallest truncation, 32 bits) is forged by guessing.
constexpr CK_ULONG kMinGeneralBytes = 4;

// Computes the full MAC into `mac` (at least EVP_MAX_MD_SIZE bytes).
void final_mac(EVP_MAC_CTX* ctx, std::uint8_t* mac, std::size_t expected) {
    std::size_t n = 0;
    if (EVP_MAC_final(ctx, mac, &n, EVP_MAX_MD_SIZE) != 1 || n != expected) {
        fail(CKR_FUNCTION_FAILED);
    }
}

class HmacSign final : public SignOperation {
  public:
    HmacSign(MacCtxPtr ctx, std::size_t full, std::size_t out)
        : ctx_(std::move(ctx)), full_(full), out_(out) {}

    void update(ByteView data) override {
        if (EVP_MAC_update(ctx_.get(), data.data(), data.size()) != 1) fail(CKR_FUNCTION_FAILED);
    }
    std::size_t signature_length() const override { return out_; }
    std::size_t finish(std::uint8_t* out) override {
        std::array<std::uint8_t, EVP_MAX_MD_SIZE> mac;
        final_mac(ctx_.get(), mac.data(), full_);
        std::memcpy(out, mac.data(), out_);
        OPENSSL_cleanse(mac.data(), mac.size());
        return out_;
    }

  private:
    MacCtxPtr ctx_;
    std::size_t full_;
    std::size_t out_;
};

class HmacVerify final : public VerifyOperation {
  public:
    HmacVerify(MacCtxPtr ctx, std::size_t full, std::size_t out)
        : ctx_(std::move(ctx)), full_(full), out_(out) {}

    void update(ByteView data) override {
        if (EVP_MAC_update(ctx_.get(), data.data(), data.size()) != 1) fail(CKR_FUNCTION_FAILED);
    }
    void finish(ByteView signature) override {
        if (signature.size() != out_) fail(CKR_SIGNATURE_LEN_RANGE);
        std::array<std::uint8_t, EVP_MAX_MD_SIZE> mac;
        final_mac(ctx_.get(), mac.data(), full_);
        const bool ok = constant_time_equal(ByteView(mac.data(), out_), signature);
        OPENSSL_cleanse(mac.data(), mac.size());
        if (!ok) fail(CKR_SIGNATURE_INVALID);
    }

  private:
    MacCtxPtr ctx_;
    std::size_t full_;
    std::size_t out_;
};

// Output length the mechanism parameter asks for.
std::size_t output_length(const CK_MECHANISM& mech, std::size_t full, bool general) {
    if (!general) {
        if (mech.pParameter != nullptr || mech.ulParameterLen != 0) {
            fail(CKR_MECHANISM_PARAM_INVALID);
        }
        return full;
    }
    if (mech.pParameter == nullptr || mech.ulParameterLen != sizeof(CK_MAC_GENERAL_PARAMS)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    CK_MAC_GENERAL_PARAMS length = 0;
    std::memcpy(&length, mech.pParameter, sizeof length);
    if (length < kMinGeneralBytes || length > full) fail(CKR_MECHANISM_PARAM_INVALID);
    return length;
}

void add_hmac(MechanismRegistry& r, std::size_t hash, bool general) {
    const auto& h = kHashes[hash];
    Mechanism m;
    m.type = general ? h.hmac_general : h.hmac;
    m.name = h.name;
    // Key sizes in bytes; HMAC-SHA-1 is an approved MAC (only SHA-1 *signatures* are refused).
    m.info = {hmac::kMinKeyBytes, hmac::kMaxKeyBytes, CKF_SIGN | CKF_VERIFY};
    m.fips_approved = true;
    m.key_types = {CKK_GENERIC_SECRET, h.key_type};
    m.sign = [hash, general](const CK_MECHANISM& mech,
                             const ObjectPtr& key) -> std::unique_ptr<SignOperation> {
        const std::size_t full = kHashes[hash].size;
        const std::size_t out = output_length(mech, full, general);
        return std::make_unique<HmacSign>(HmacKey::start(*key, hash), full, out);
    };
    m.verify = [hash, general](const CK_MECHANISM& mech,
                               const ObjectPtr& key) -> std::unique_ptr<VerifyOperation> {
        const std::size_t full = kHashes[hash].size;
        const std::size_t out = output_length(mech, full, general);
        return std::make_unique<HmacVerify>(HmacKey::start(*key, hash), full, out);
    };
    r.add(std::move(m));
}

void add_key_gen(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name,
                 CK_KEY_TYPE key_type) {
    Mechanism m;
    m.type = type;
    m.name = name;
    // Generic secret key generation states its key sizes in bits.
    m.info = {hmac::kMinKeyBytes * 8, hmac::kMaxKeyBytes * 8, CKF_GENERATE};
    m.fips_approved = true;
    m.generated_key_type = key_type;
    m.generate_key = hmac::generate_secret;
    r.add(std::move(m));
}

}  // namespace

void register_hmac_mechanisms(MechanismRegistry& r) {
    add_key_gen(r, CKM_GENERIC_SECRET_KEY_GEN, "generic secret key generation", CKK_GENERIC_SECRET);
    for (std::size_t i = 0; i < kHashes.size(); ++i) {
        add_hmac(r, i, false);
        add_hmac(r, i, true);
        add_key_gen(r, kHashes[i].key_gen, kHashes[i].name, kHashes[i].key_type);
    }
}

}  // namespace craton::mech
