// ECDSA: CKM_ECDSA (the caller supplies the hash) and CKM_ECDSA_SHA* (the module hashes).
//
// PKCS#11 signatures are r || s, each padded to the length of the group order; OpenSSL speaks
// DER, so each operation converts through ECDSA_SIG. A hash longer than the order is
// truncated to its leftmost bits inside OpenSSL, as ECDSA specifies.
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <array>

#include "core/error.h"
#include "mech/ec_key.h"
#include "mech/ec_parts.h"
#include "mech/registry.h"

namespace craton::mech::ec {
namespace {

// DER of an ECDSA-Sig-Value for P-384: 2 + 2 * (2 + 49) bytes at most.
constexpr std::size_t kMaxDer = 128;

struct SigFree {
    void operator()(ECDSA_SIG* p) const noexcept { ECDSA_SIG_free(p); }
};
using SigPtr = std::unique_ptr<ECDSA_SIG, SigFree>;

const EVP_MD* fetch_md(const char* name) {
    const EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
    if (md == nullptr) fail(CKR_GENERAL_ERROR, std::string("digest unavailable: ") + name);
    return md;
}

// The value ECDSA signs: the caller's bytes for CKM_ECDSA, else a digest computed here.
class SignedValue {
  public:
    explicit SignedValue(const EVP_MD* md) : md_(md) {
        if (md_ == nullptr) return;
        ctx_.reset(EVP_MD_CTX_new());
        if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), md_, nullptr) != 1) fail(CKR_HOST_MEMORY);
    }
    void update(ByteView data) {
        if (md_ == nullptr) {
            raw_.insert(raw_.end(), data.begin(), data.end());
        } else if (EVP_DigestUpdate(ctx_.get(), data.data(), data.size()) != 1) {
            fail(CKR_FUNCTION_FAILED);
        }
    }
    ByteView finish() {
        if (md_ == nullptr) return raw_;
        unsigned int n = 0;
        if (EVP_DigestFinal_ex(ctx_.get(), digest_.data(), &n) != 1) fail(CKR_FUNCTION_FAILED);
        return ByteView(digest_.data(), n);
    }
    // Single-part CKM_ECDSA signs the caller's buffer in place.
    bool is_raw() const noexcept { return md_ == nullptr; }

  private:
    const EVP_MD* md_;
    MdCtxPtr ctx_;
    Bytes raw_;
    std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest_{};
};

class EcdsaSign final : public SignOperation {
  public:
    EcdsaSign(EcKeyPtr key, const EVP_MD* md) : key_(std::move(key)), value_(md) {}

    void update(ByteView data) override { value_.update(data); }
    std::size_t signature_length() const override { return 2 * key_->curve().scalar_len; }
    std::size_t finish(std::uint8_t* out) override { return sign_value(value_.finish(), out); }
    std::size_t sign(ByteView data, std::uint8_t* out) override {
        if (value_.is_raw()) return sign_value(data, out);
        value_.update(data);
        return finish(out);
    }

  private:
    std::size_t sign_value(ByteView tbs, std::uint8_t* out) {
        PkeyCtxPtr ctx = key_->ecdsa_sign_ctx();
        std::array<std::uint8_t, kMaxDer> der{};
        std::size_t der_len = der.size();
        if (EVP_PKEY_sign(ctx.get(), der.data(), &der_len, tbs.data(), tbs.size()) != 1) {
            ERR_clear_error();
            fail(CKR_FUNCTION_FAILED);
        }
        const unsigned char* p = der.data();
        SigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len)));
        if (!sig) fail(CKR_FUNCTION_FAILED);
        const std::size_t n = key_->curve().scalar_len;
        if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, static_cast<int>(n)) < 0 ||
            BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + n, static_cast<int>(n)) < 0) {
            fail(CKR_FUNCTION_FAILED);
        }
        return 2 * n;
    }

    EcKeyPtr key_;
    SignedValue value_;
};

class EcdsaVerify final : public VerifyOperation {
  public:
    EcdsaVerify(EcKeyPtr key, const EVP_MD* md) : key_(std::move(key)), value_(md) {}

    void update(ByteView data) override { value_.update(data); }
    void finish(ByteView signature) override { check(value_.finish(), signature); }
    void verify(ByteView data, ByteView signature) override {
        if (value_.is_raw()) return check(data, signature);
        value_.update(data);
        finish(signature);
    }

  private:
    void check(ByteView tbs, ByteView signature) {
        const std::size_t n = key_->curve().scalar_len;
        if (signature.size() != 2 * n) fail(CKR_SIGNATURE_LEN_RANGE);
        SigPtr sig(ECDSA_SIG_new());
        BIGNUM* r = BN_bin2bn(signature.data(), static_cast<int>(n), nullptr);
        BIGNUM* s = BN_bin2bn(signature.data() + n, static_cast<int>(n), nullptr);
        if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
            BN_free(r);
            BN_free(s);
            fail(CKR_HOST_MEMORY);
        }
        std::array<std::uint8_t, kMaxDer> der{};
        if (i2d_ECDSA_SIG(sig.get(), nullptr) > static_cast<int>(der.size())) {
            fail(CKR_FUNCTION_FAILED);
        }
        unsigned char* p = der.data();
        const int der_len = i2d_ECDSA_SIG(sig.get(), &p);
        PkeyCtxPtr ctx = key_->ecdsa_verify_ctx();
        // r or s outside [1, n-1] make OpenSSL fail rather than return 0; both are invalid.
        if (der_len <= 0 ||
            EVP_PKEY_verify(ctx.get(), der.data(), static_cast<std::size_t>(der_len), tbs.data(),
                            tbs.size()) != 1) {
            ERR_clear_error();
            fail(CKR_SIGNATURE_INVALID);
        }
    }

    EcKeyPtr key_;
    SignedValue value_;
};

void no_parameter(const CK_MECHANISM& mech) {
    if (mech.pParameter != nullptr || mech.ulParameterLen != 0) fail(CKR_MECHANISM_PARAM_INVALID);
}

void add_ecdsa(MechanismRegistry& r, CK_MECHANISM_TYPE type, const char* name, const char* digest,
               bool approved) {
    Mechanism m;
    m.type = type;
    m.name = name;
    m.info = {
        256, 384,
        CKF_SIGN | CKF_VERIFY | CKF_EC_F_P | CKF_EC_OID | CKF_EC_CURVENAME | CKF_EC_UNCOMPRESS};
    m.fips_approved = approved;
    m.key_types = {CKK_EC};
    m.sha1_signature = type == CKM_ECDSA_SHA1;
    const EVP_MD* md = digest != nullptr ? fetch_md(digest) : nullptr;
    m.sign = [md](const CK_MECHANISM& mech,
                  const ObjectPtr& key) -> std::unique_ptr<SignOperation> {
        no_parameter(mech);
        if (key->object_class() != CKO_PRIVATE_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
        return std::make_unique<EcdsaSign>(key_of(*key), md);
    };
    m.verify = [md](const CK_MECHANISM& mech,
                    const ObjectPtr& key) -> std::unique_ptr<VerifyOperation> {
        no_parameter(mech);
        if (key->object_class() != CKO_PUBLIC_KEY) fail(CKR_KEY_TYPE_INCONSISTENT);
        return std::make_unique<EcdsaVerify>(key_of(*key), md);
    };
    r.add(std::move(m));
}

}  // namespace

void register_ecdsa(MechanismRegistry& r) {
    add_ecdsa(r, CKM_ECDSA, "ECDSA", nullptr, true);
    // SHA-1 signatures are not approved (SP 800-131A); verification of old ones still works.
    add_ecdsa(r, CKM_ECDSA_SHA1, "ECDSA-SHA1", "SHA1", false);
    add_ecdsa(r, CKM_ECDSA_SHA224, "ECDSA-SHA224", "SHA2-224", true);
    add_ecdsa(r, CKM_ECDSA_SHA256, "ECDSA-SHA256", "SHA2-256", true);
    add_ecdsa(r, CKM_ECDSA_SHA384, "ECDSA-SHA384", "SHA2-384", true);
    add_ecdsa(r, CKM_ECDSA_SHA512, "ECDSA-SHA512", "SHA2-512", true);
    add_ecdsa(r, CKM_ECDSA_SHA3_224, "ECDSA-SHA3-224", "SHA3-224", true);
    add_ecdsa(r, CKM_ECDSA_SHA3_256, "ECDSA-SHA3-256", "SHA3-256", true);
    add_ecdsa(r, CKM_ECDSA_SHA3_384, "ECDSA-SHA3-384", "SHA3-384", true);
    add_ecdsa(r, CKM_ECDSA_SHA3_512, "ECDSA-SHA3-512", "SHA3-512", true);
}

}  // namespace craton::mech::ec
