// RSA encryption and decryption (PKCS#1 v1.5, OAEP, raw) and OAEP key wrapping.
//
// Decryption must not be a padding oracle: every failure after the length check — bad
// padding, a value at or above the modulus, a wrong OAEP label — is the one code
// CKR_ENCRYPTED_DATA_INVALID, and OpenSSL's padding checks run in constant time. The result
// goes to an internal buffer first, so the caller's buffer needs only the plaintext's length.
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <cstring>

#include "core/error.h"
#include "mech/rsa_ctx_params.h"
#include "mech/rsa_key.h"
#include "mech/rsa_ops.h"

namespace craton::mech::rsa {
namespace {

constexpr std::size_t kPkcs1Overhead = 11;

struct CipherScheme {
    Padding padding = Padding::Pkcs1;
    const Hash* oaep_hash = nullptr;
    const Hash* mgf1 = nullptr;
    Bytes label;
};

CipherScheme cipher_scheme(const CK_MECHANISM& mech, Padding padding) {
    CipherScheme s;
    s.padding = padding;
    if (padding != Padding::Oaep) {
        require_no_parameter(mech);
        return s;
    }
    OaepParams p = read_oaep(mech);
    s.oaep_hash = p.hash;
    s.mgf1 = p.mgf1;
    s.label = std::move(p.label);
    return s;
}

// Largest message the scheme can carry in a k-byte modulus.
std::size_t max_message(const CipherScheme& s, std::size_t k) {
    std::size_t overhead = 0;
    switch (s.padding) {
        case Padding::Pkcs1:
            overhead = kPkcs1Overhead;
            break;
        case Padding::Oaep:
            overhead = 2 * s.oaep_hash->size + 2;
            break;
        case Padding::Raw:
        case Padding::Pss:
            overhead = 0;
            break;
    }
    return k > overhead ? k - overhead : 0;
}

EVP_PKEY_CTX* prepare(const RsaKey& key, const CipherScheme& s, bool encrypt) {
    EVP_PKEY_CTX* ctx = new_ctx(key);
    const int padding = s.padding == Padding::Pkcs1  ? RSA_PKCS1_PADDING
                        : s.padding == Padding::Oaep ? RSA_PKCS1_OAEP_PADDING
                                                     : RSA_NO_PADDING;
    bool ok = (encrypt ? EVP_PKEY_encrypt_init(ctx) : EVP_PKEY_decrypt_init(ctx)) == 1 &&
              set_padding(ctx, padding);
    if (ok && s.padding == Padding::Oaep) ok = set_oaep(ctx, s.oaep_hash->md, s.mgf1->md, s.label);
    if (!ok) {
        EVP_PKEY_CTX_free(ctx);
        ERR_clear_error();
        fail(CKR_FUNCTION_FAILED);
    }
    return ctx;
}

std::size_t encrypt_with(EVP_PKEY_CTX* ctx, const CipherScheme& s, std::size_t k, ByteView in,
                         std::uint8_t* out) {
    if (in.size() > max_message(s, k)) fail(CKR_DATA_LEN_RANGE);
    Bytes padded;
    if (s.padding == Padding::Raw) {
        // X.509 encrypts the input as a k-byte big-endian number.
        padded.assign(k - in.size(), 0);
        padded.insert(padded.end(), in.begin(), in.end());
        in = padded;
    }
    std::size_t len = k;
    if (EVP_PKEY_encrypt(ctx, out, &len, in.data(), in.size()) != 1) {
        ERR_clear_error();
        fail(s.padding == Padding::Raw ? CKR_DATA_INVALID : CKR_FUNCTION_FAILED);
    }
    return len;
}

SecureBytes decrypt_with(EVP_PKEY_CTX* ctx, std::size_t k, ByteView in) {
    if (in.size() != k) fail(CKR_ENCRYPTED_DATA_LEN_RANGE);
    SecureBytes buf(k);
    std::size_t len = k;
    const int rc = EVP_PKEY_decrypt(ctx, buf.data(), &len, in.data(), in.size());
    ERR_clear_error();
    if (rc != 1) fail(CKR_ENCRYPTED_DATA_INVALID);
    buf.resize(len);
    return buf;
}

// Single-part only: RSA has no streaming form.
class RsaCipher final : public CipherOperation {
  public:
    RsaCipher(RsaKeyPtr key, CipherScheme s, bool encrypt)
        : key_(std::move(key)),
          scheme_(std::move(s)),
          encrypt_(encrypt),
          ctx_(prepare(*key_, scheme_, encrypt)) {}
    ~RsaCipher() override { EVP_PKEY_CTX_free(ctx_); }
    RsaCipher(const RsaCipher&) = delete;
    RsaCipher& operator=(const RsaCipher&) = delete;

    std::size_t update_length(std::size_t) const override { fail(CKR_FUNCTION_NOT_SUPPORTED); }
    std::size_t update(ByteView, std::uint8_t*) override { fail(CKR_FUNCTION_NOT_SUPPORTED); }
    std::size_t final_length() const override { fail(CKR_FUNCTION_NOT_SUPPORTED); }
    std::size_t finish(std::uint8_t*) override { fail(CKR_FUNCTION_NOT_SUPPORTED); }

    std::size_t oneshot_length(std::size_t in_len) const override {
        const std::size_t k = key_->size();
        if (encrypt_) {
            if (in_len > max_message(scheme_, k)) fail(CKR_DATA_LEN_RANGE);
            return k;
        }
        if (in_len != k) fail(CKR_ENCRYPTED_DATA_LEN_RANGE);
        return max_message(scheme_, k);
    }
    // Decryption reports the exact plaintext length, so a caller whose buffer fits the message
    // but not the padding bound is not refused. That needs the private-key operation, whose
    // result is kept for the call that delivers it: one RSA operation per ciphertext.
    std::size_t oneshot_length_for(ByteView in) const override {
        if (encrypt_) return oneshot_length(in.size());
        return plaintext_of(in).size();
    }
    std::size_t oneshot(ByteView in, std::uint8_t* out) override {
        if (encrypt_) return encrypt_with(ctx_, scheme_, key_->size(), in, out);
        const SecureBytes& plain = plaintext_of(in);
        if (!plain.empty()) std::memcpy(out, plain.data(), plain.size());
        return plain.size();
    }

  private:
    const SecureBytes& plaintext_of(ByteView in) const {
        if (!decrypted_ ||
            !std::equal(in.begin(), in.end(), ciphertext_.begin(), ciphertext_.end())) {
            decrypted_ = false;
            plaintext_ = decrypt_with(ctx_, key_->size(), in);
            ciphertext_.assign(in.begin(), in.end());
            decrypted_ = true;
        }
        return plaintext_;
    }

    RsaKeyPtr key_;
    CipherScheme scheme_;
    bool encrypt_;
    EVP_PKEY_CTX* ctx_;
    mutable bool decrypted_ = false;
    mutable Bytes ciphertext_;
    mutable SecureBytes plaintext_;
};

struct CtxFree {
    void operator()(EVP_PKEY_CTX* c) const noexcept { EVP_PKEY_CTX_free(c); }
};

}  // namespace

std::unique_ptr<CipherOperation> make_encryptor(const CK_MECHANISM& mech, const ObjectPtr& key,
                                                Padding padding) {
    RsaKeyPtr k = key_for(*key, CKO_PUBLIC_KEY, kMinUseBits);
    return std::make_unique<RsaCipher>(std::move(k), cipher_scheme(mech, padding), true);
}

std::unique_ptr<CipherOperation> make_decryptor(const CK_MECHANISM& mech, const ObjectPtr& key,
                                                Padding padding) {
    RsaKeyPtr k = key_for(*key, CKO_PRIVATE_KEY, kMinUseBits);
    return std::make_unique<RsaCipher>(std::move(k), cipher_scheme(mech, padding), false);
}

SecureBytes oaep_wrap(const CK_MECHANISM& mech, const ObjectPtr& key, ByteView plain) {
    const RsaKeyPtr k = key_for(*key, CKO_PUBLIC_KEY, kMinUseBits);
    const CipherScheme s = cipher_scheme(mech, Padding::Oaep);
    // The key to be wrapped does not fit this modulus and hash.
    if (plain.size() > max_message(s, k->size())) fail(CKR_KEY_SIZE_RANGE);
    std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(prepare(*k, s, true));
    SecureBytes out(k->size());
    out.resize(encrypt_with(ctx.get(), s, k->size(), plain, out.data()));
    return out;
}

SecureBytes oaep_unwrap(const CK_MECHANISM& mech, const ObjectPtr& key, ByteView wrapped) {
    const RsaKeyPtr k = key_for(*key, CKO_PRIVATE_KEY, kMinUseBits);
    const CipherScheme s = cipher_scheme(mech, Padding::Oaep);
    std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(prepare(*k, s, false));
    return decrypt_with(ctx.get(), k->size(), wrapped);
}

}  // namespace craton::mech::rsa
