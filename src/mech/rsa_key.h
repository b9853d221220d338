// RSA key objects: the parsed EVP_PKEY cached on each object, import validation, the
// SubjectPublicKeyInfo every RSA key carries, and the PKCS#8 form used to wrap private keys.
#pragma once

#include <cstddef>
#include <memory>

#include <openssl/evp.h>

#include <craton/pkcs11/pkcs11.h>

#include "core/object.h"
#include "core/secure_bytes.h"
#include "rng/openssl_rand.h"

namespace craton::mech::rsa {

// Keys and contexts live in the module's library context, so the randomness OpenSSL draws
// inside operations (prime generation, blinding, PSS salts, OAEP seeds, PKCS#1 v1.5 padding)
// comes from the module's DRBG.
inline OSSL_LIB_CTX* libctx() {
    return rng::openssl_libctx();
}

// Modulus sizes in bits. Generation is limited to the sizes the module is meant to create;
// imported keys may be larger, or smaller for verification of old signatures only: every other
// operation needs kMinUseBits.
inline constexpr CK_ULONG kMinGenerateBits = 2048;
inline constexpr CK_ULONG kMaxGenerateBits = 4096;
inline constexpr CK_ULONG kMinImportBits = 1024;
inline constexpr CK_ULONG kMaxImportBits = 8192;
inline constexpr CK_ULONG kMinUseBits = 2048;

class RsaKey final : public KeyMaterial {
  public:
    // Takes ownership of `pkey`.
    RsaKey(EVP_PKEY* pkey, bool has_private);
    ~RsaKey() override;
    RsaKey(const RsaKey&) = delete;
    RsaKey& operator=(const RsaKey&) = delete;

    EVP_PKEY* pkey() const noexcept { return pkey_; }
    bool has_private() const noexcept { return has_private_; }
    int bits() const noexcept { return bits_; }
    // Modulus length in bytes: the length of every signature and ciphertext.
    std::size_t size() const noexcept { return size_; }

  private:
    EVP_PKEY* pkey_;
    bool has_private_;
    int bits_;
    std::size_t size_;
};

using RsaKeyPtr = std::shared_ptr<const RsaKey>;

// The object's parsed key, built from its attributes on first use and cached on the object.
RsaKeyPtr key_of(const Object& obj);

// The parsed key for an operation that needs an object of class `cls` (a private key to sign,
// decrypt, unwrap; a public one otherwise) and at least `min_bits` of modulus:
// CKR_KEY_TYPE_INCONSISTENT / CKR_KEY_SIZE_RANGE otherwise.
RsaKeyPtr key_for(const Object& obj, CK_OBJECT_CLASS cls, CK_ULONG min_bits);

// A fresh EVP_PKEY_CTX on the key (CKR_HOST_MEMORY on failure).
EVP_PKEY_CTX* new_ctx(const RsaKey& key);

// KeyTypeSupport for CKK_RSA.
void complete_import(Object& obj);
SecureBytes encode_private(const Object& priv);
void decode_private(ByteView encoded, Object& priv);

// Fills the key-value attributes of a freshly generated pair from `pkey` (which keeps its
// owner) and caches each half's parsed form.
void store_generated(EVP_PKEY* pkey, Object& pub, Object& priv);

}  // namespace craton::mech::rsa
