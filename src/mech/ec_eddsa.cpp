// CKM_EDDSA with Ed25519 (RFC 8032 "pure" Ed25519).
//
// EdDSA hashes the message twice, so it cannot stream; multi-part calls are buffered and the
// signature is computed at C_SignFinal. Ed25519ph and Ed25519ctx (CK_EDDSA_PARAMS with
// phFlag or a context) are refused with CKR_MECHANISM_PARAM_INVALID: OpenSSL 3.0 implements
// neither (its "instance" parameter arrived in 3.2).
#include <openssl/err.h>
#include <openssl/evp.h>

#include <cstring>

#include "core/error.h"
#include "mech/ec_key.h"
#include "mech/ec_parts.h"
#include "mech/registry.h"

namespace craton::mech::ec {
namespace {

constexpr std::size_t kSignatureLen = 64;

void check_parameter(const CK_MECHANISM& mech) {
    if (mech.pParameter == nullptr) {
        if (mech.ulParameterLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
        return;
    }
    if (mech.ulParameterLen != sizeof(CK_EDDSA_PARAMS)) fail(CKR_MECHANISM_PARAM_INVALID);
    CK_EDDSA_PARAMS p;
    std::memcpy(&p, mech.pParameter, sizeof p);
    // phFlag FALSE without a context names plain Ed25519, as clients that always pass the
    // structure expect.
    if (p.phFlag != CK_FALSE || p.ulContextDataLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
}

class EddsaSign final : public SignOperation {
  public:
    explicit EddsaSign(EcKeyPtr key) : key_(std::move(key)) {}

    void update(ByteView data) override { buffer_.insert(buffer_.end(), data.begin(), data.end()); }
    std::size_t signature_length() const override { return kSignatureLen; }
    std::size_t finish(std::uint8_t* out) override { return sign(ByteView(buffer_), out); }
    std::size_t sign(ByteView data, std::uint8_t* out) override {
        MdCtxPtr ctx = key_->eddsa_sign_ctx();
        std::size_t len = kSignatureLen;
        if (EVP_DigestSign(ctx.get(), out, &len, data.data(), data.size()) != 1 ||
            len != kSignatureLen) {
            ERR_clear_error();
            fail(CKR_FUNCTION_FAILED);
        }
        return len;
    }

  private:
    EcKeyPtr key_;
    Bytes buffer_;
};

class EddsaVerify final : public VerifyOperation {
  public:
    explicit EddsaVerify(EcKeyPtr key) : key_(std::move(key)) {}

    void update(ByteView data) override { buffer_.insert(buffer_.end(), data.begin(), data.end()); }
    void finish(ByteView signature) override { verify(ByteView(buffer_), signature); }
    void verify(ByteView data, ByteView signature) override {
        if (signature.size() != kSignatureLen) fail(CKR_SIGNATURE_LEN_RANGE);
        MdCtxPtr ctx = key_->eddsa_verify_ctx();
        // OpenSSL rejects S >= L and public keys or R that do not decode (RFC 8032 §5.1.7).
        if (EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), data.data(),
                             data.size()) != 1) {
            ERR_clear_error();
            fail(CKR_SIGNATURE_INVALID);
        }
    }

  private:
    EcKeyPtr key_;
    Bytes buffer_;
};

}  // namespace

void register_eddsa(MechanismRegistry& r) {
    Mechanism m;
    m.type = CKM_EDDSA;
    m.name = "EDDSA";
    m.info = {255, 255, CKF_SIGN | CKF_VERIFY | CKF_EC_OID | CKF_EC_CURVENAME};
    m.fips_approved = true;  // FIPS 186-5
    m.key_types = {CKK_EC_EDWARDS};
    m.sign = [](const CK_MECHANISM& mech, const ObjectPtr& key) -> std::unique_ptr<SignOperation> {
        check_parameter(mech);
        if (key->object_class() != CKO_PRIVATE_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
        return std::make_unique<EddsaSign>(key_of(*key));
    };
    m.verify = [](const CK_MECHANISM& mech,
                  const ObjectPtr& key) -> std::unique_ptr<VerifyOperation> {
        check_parameter(mech);
        if (key->object_class() != CKO_PUBLIC_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
        return std::make_unique<EddsaVerify>(key_of(*key));
    };
    r.add(std::move(m));
}

}  // namespace craton::mech::ec
