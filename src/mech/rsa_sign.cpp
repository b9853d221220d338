// RSA signatures: PKCS#1 v1.5, PSS and raw (X.509), on a prepared input or hashing the data.
//
// The EVP_PKEY_CTX is set up once at *Init on the object's cached EVP_PKEY; the combined
// mechanisms stream data into an EVP_MD_CTX and sign its digest at the end, so single-part and
// multi-part take the same path.
#include <openssl/err.h>
#include <openssl/rsa.h>

#include <algorithm>

#include "core/error.h"
#include "mech/rsa_ctx_params.h"
#include "mech/rsa_key.h"
#include "mech/rsa_ops.h"

namespace craton::mech::rsa {
namespace {

// PKCS#1 v1.5 needs 11 bytes of padding around the input.
constexpr std::size_t kPkcs1Overhead = 11;

struct Scheme {
    Padding padding = Padding::Pkcs1;
    const Hash* combined = nullptr;  // hash applied to the data by the module
    const Hash* sig_hash = nullptr;  // hash named in the encoding (DigestInfo, PSS)
    const Hash* mgf1 = nullptr;
    int salt_len = 0;
};

Scheme scheme_for(const CK_MECHANISM& mech, const RsaKey& key, Padding padding,
                  const Hash* combined) {
    Scheme s;
    s.padding = padding;
    s.combined = combined;
    if (padding != Padding::Pss) {
        require_no_parameter(mech);
        s.sig_hash = combined;
        return s;
    }
    const PssParams p = read_pss(mech, combined);
    // RFC 8017 9.1.1: emLen >= hLen + sLen + 2 with emLen = ceil((modBits - 1) / 8).
    const std::size_t em_len = static_cast<std::size_t>(key.bits() - 1 + 7) / 8;
    if (em_len < p.hash->size + 2 || p.salt_len > em_len - p.hash->size - 2) {
        fail(CKR_MECHANISM_PARAM_INVALID);
    }
    s.sig_hash = p.hash;
    s.mgf1 = p.mgf1;
    s.salt_len = static_cast<int>(p.salt_len);
    return s;
}

int openssl_padding(Padding p) {
    switch (p) {
        case Padding::Pkcs1:
            return RSA_PKCS1_PADDING;
        case Padding::Pss:
            return RSA_PKCS1_PSS_PADDING;
        case Padding::Oaep:
            return RSA_PKCS1_OAEP_PADDING;
        case Padding::Raw:
            return RSA_NO_PADDING;
    }
    return RSA_NO_PADDING;
}

// The signature context, initialised for signing or verification with the scheme's padding.
EVP_PKEY_CTX* prepare(const RsaKey& key, const Scheme& s, bool sign) {
    EVP_PKEY_CTX* ctx = new_ctx(key);
    bool ok = (sign ? EVP_PKEY_sign_init(ctx) : EVP_PKEY_verify_init(ctx)) == 1 &&
              set_padding(ctx, openssl_padding(s.padding));
    if (s.sig_hash != nullptr) ok = ok && EVP_PKEY_CTX_set_signature_md(ctx, s.sig_hash->md) == 1;
    if (s.padding == Padding::Pss) {
        ok = ok && set_pss(ctx, s.mgf1->md, s.salt_len);
    }
    if (!ok) {
        EVP_PKEY_CTX_free(ctx);
        ERR_clear_error();
        fail(CKR_FUNCTION_FAILED);
    }
    return ctx;
}

// Checks the length of a prepared (single-part) input; raw inputs are left-padded to the
// modulus length, which is what X.509 signing and verification operate on.
ByteView prepared_input(const Scheme& s, std::size_t k, ByteView data, Bytes& padded) {
    switch (s.padding) {
        case Padding::Pkcs1:
            if (k < kPkcs1Overhead || data.size() > k - kPkcs1Overhead) fail(CKR_DATA_LEN_RANGE);
            return data;
        case Padding::Pss:
            if (data.size() != s.sig_hash->size) fail(CKR_DATA_LEN_RANGE);
            return data;
        case Padding::Raw:
        case Padding::Oaep:
            break;
    }
    if (data.size() > k) fail(CKR_DATA_LEN_RANGE);
    padded.assign(k - data.size(), 0);
    padded.insert(padded.end(), data.begin(), data.end());
    return padded;
}

// Owns the contexts shared by signing and verification.
class RsaSignatureBase {
  protected:
    RsaSignatureBase(RsaKeyPtr key, const Scheme& s, bool sign)
        : key_(std::move(key)), scheme_(s), ctx_(prepare(*key_, s, sign)) {
        if (s.combined == nullptr) return;
        md_ctx_ = EVP_MD_CTX_new();
        if (md_ctx_ == nullptr || EVP_DigestInit_ex(md_ctx_, s.combined->md, nullptr) != 1) {
            EVP_MD_CTX_free(md_ctx_);
            EVP_PKEY_CTX_free(ctx_);
            fail(CKR_HOST_MEMORY);
        }
    }
    ~RsaSignatureBase() {
        EVP_MD_CTX_free(md_ctx_);
        EVP_PKEY_CTX_free(ctx_);
    }
    RsaSignatureBase(const RsaSignatureBase&) = delete;
    RsaSignatureBase& operator=(const RsaSignatureBase&) = delete;

    // The single-part mechanisms sign a prepared value that cannot be streamed.
    void absorb(ByteView data) {
        if (md_ctx_ == nullptr) fail(CKR_FUNCTION_NOT_SUPPORTED);
        if (EVP_DigestUpdate(md_ctx_, data.data(), data.size()) != 1) fail(CKR_FUNCTION_FAILED);
    }
    std::size_t digest(std::uint8_t* out) {
        if (md_ctx_ == nullptr) fail(CKR_FUNCTION_NOT_SUPPORTED);
        unsigned int n = 0;
        if (EVP_DigestFinal_ex(md_ctx_, out, &n) != 1) fail(CKR_FUNCTION_FAILED);
        return n;
    }

    RsaKeyPtr key_;
    Scheme scheme_;
    EVP_PKEY_CTX* ctx_;
    EVP_MD_CTX* md_ctx_ = nullptr;
};

class RsaSigner final : public SignOperation, RsaSignatureBase {
  public:
    RsaSigner(RsaKeyPtr key, const Scheme& s) : RsaSignatureBase(std::move(key), s, true) {}

    void update(ByteView data) override { absorb(data); }
    std::size_t signature_length() const override { return key_->size(); }
    std::size_t finish(std::uint8_t* out) override {
        std::uint8_t hash[EVP_MAX_MD_SIZE];
        const std::size_t n = digest(hash);
        return sign_value({hash, n}, out);
    }
    std::size_t sign(ByteView data, std::uint8_t* out) override {
        if (md_ctx_ != nullptr) {
            update(data);
            return finish(out);
        }
        Bytes padded;
        return sign_value(prepared_input(scheme_, key_->size(), data, padded), out);
    }

  private:
    std::size_t sign_value(ByteView tbs, std::uint8_t* out) {
        std::size_t len = key_->size();
        if (EVP_PKEY_sign(ctx_, out, &len, tbs.data(), tbs.size()) != 1) {
            ERR_clear_error();
            // Only a raw value at or above the modulus is refused for what it is.
            fail(scheme_.padding == Padding::Raw ? CKR_DATA_INVALID : CKR_FUNCTION_FAILED);
        }
        return len;
    }
};

class RsaVerifier final : public VerifyOperation, RsaSignatureBase {
  public:
    RsaVerifier(RsaKeyPtr key, const Scheme& s) : RsaSignatureBase(std::move(key), s, false) {}

    void update(ByteView data) override { absorb(data); }
    void finish(ByteView signature) override {
        std::uint8_t hash[EVP_MAX_MD_SIZE];
        const std::size_t n = digest(hash);
        check({hash, n}, signature);
    }
    void verify(ByteView data, ByteView signature) override {
        if (md_ctx_ != nullptr) {
            update(data);
            finish(signature);
            return;
        }
        Bytes padded;
        check(prepared_input(scheme_, key_->size(), data, padded), signature);
    }

  private:
    void check(ByteView tbs, ByteView signature) {
        if (signature.size() != key_->size()) fail(CKR_SIGNATURE_LEN_RANGE);
        if (EVP_PKEY_verify(ctx_, signature.data(), signature.size(), tbs.data(), tbs.size()) !=
            1) {
            ERR_clear_error();
            fail(CKR_SIGNATURE_INVALID);
        }
    }
};

}  // namespace

std::unique_ptr<SignOperation> make_signer(const CK_MECHANISM& mech, const ObjectPtr& key,
                                           Padding padding, const Hash* combined) {
    RsaKeyPtr k = key_for(*key, CKO_PRIVATE_KEY, kMinUseBits);
    const Scheme s = scheme_for(mech, *k, padding, combined);
    return std::make_unique<RsaSigner>(std::move(k), s);
}

std::unique_ptr<VerifyOperation> make_verifier(const CK_MECHANISM& mech, const ObjectPtr& key,
                                               Padding padding, const Hash* combined) {
    // Verification is the one use left for imported keys below the minimum size.
    RsaKeyPtr k = key_for(*key, CKO_PUBLIC_KEY, kMinImportBits);
    const Scheme s = scheme_for(mech, *k, padding, combined);
    return std::make_unique<RsaVerifier>(std::move(k), s);
}

}  // namespace craton::mech::rsa
