// AES-CMAC (SP 800-38B) signing and verification on EVP_MAC.
//
// CKM_AES_CMAC gives the full 16-byte MAC; CKM_AES_CMAC_GENERAL truncates it to the length in
// its CK_MAC_GENERAL_PARAMS (1 to 16 bytes, as PKCS#11 allows).
#include <openssl/crypto.h>

#include <cstring>

#include "core/error.h"
#include "mech/aes_key.h"
#include "mech/aes_ops.h"

namespace craton::mech::aes {
namespace {

constexpr std::size_t kMacLen = 16;

std::size_t mac_length(const CK_MECHANISM& m, bool general) {
    if (!general) {
        if (m.pParameter != nullptr || m.ulParameterLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
        return kMacLen;
    }
    if (m.pParameter == nullptr || m.ulParameterLen != sizeof(CK_MAC_GENERAL_PARAMS)) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    CK_MAC_GENERAL_PARAMS len;
    std::memcpy(&len, m.pParameter, sizeof len);
    if (len == 0 || len > kMacLen) fail(CKR_MECHANISM_PARAM_INVALID);
    return len;
}

void mac_update(EVP_MAC_CTX* ctx, ByteView data) {
    if (!data.empty() && EVP_MAC_update(ctx, data.data(), data.size()) != 1) {
        fail(CKR_FUNCTION_FAILED);
    }
}

void mac_final(EVP_MAC_CTX* ctx, std::uint8_t (&mac)[kMacLen]) {
    std::size_t n = 0;
    if (EVP_MAC_final(ctx, mac, &n, sizeof mac) != 1 || n != kMacLen) fail(CKR_FUNCTION_FAILED);
}

class CmacSign final : public SignOperation {
  public:
    CmacSign(MacCtx ctx, std::size_t len) : ctx_(std::move(ctx)), len_(len) {}
    void update(ByteView data) override { mac_update(ctx_.get(), data); }
    std::size_t signature_length() const override { return len_; }
    std::size_t finish(std::uint8_t* out) override {
        std::uint8_t mac[kMacLen];
        mac_final(ctx_.get(), mac);
        std::memcpy(out, mac, len_);
        return len_;
    }

  private:
    MacCtx ctx_;
    std::size_t len_;
};

class CmacVerify final : public VerifyOperation {
  public:
    CmacVerify(MacCtx ctx, std::size_t len) : ctx_(std::move(ctx)), len_(len) {}
    void update(ByteView data) override { mac_update(ctx_.get(), data); }
    void finish(ByteView signature) override {
        if (signature.size() != len_) fail(CKR_SIGNATURE_LEN_RANGE);
        std::uint8_t mac[kMacLen];
        mac_final(ctx_.get(), mac);
        if (CRYPTO_memcmp(mac, signature.data(), len_) != 0) fail(CKR_SIGNATURE_INVALID);
    }

  private:
    MacCtx ctx_;
    std::size_t len_;
};

}  // namespace

std::unique_ptr<SignOperation> make_cmac_sign(const CK_MECHANISM& m, const ObjectPtr& key,
                                              bool general) {
    const std::size_t len = mac_length(m, general);
    return std::make_unique<CmacSign>(aes_key_of(*key)->cmac(), len);
}

std::unique_ptr<VerifyOperation> make_cmac_verify(const CK_MECHANISM& m, const ObjectPtr& key,
                                                  bool general) {
    const std::size_t len = mac_length(m, general);
    return std::make_unique<CmacVerify>(aes_key_of(*key)->cmac(), len);
}

}  // namespace craton::mech::aes
