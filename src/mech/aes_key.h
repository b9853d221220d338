// AES key objects in parsed form, shared by every AES mechanism.
//
// The key schedule is computed once per key and use (a cipher context keyed for ECB
// encryption, for CBC decryption, for GCM, ...), built on first use and then copied for each
// operation, so an operation never expands the key again. The parsed form also carries the
// key's count of GCM encryptions, which SP 800-38D bounds.
#pragma once

#include <openssl/evp.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include <craton/pkcs11/pkcs11.h>

#include "core/object.h"
#include "core/secure_bytes.h"

namespace craton::mech::aes {

inline constexpr std::size_t kBlock = 16;

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* c) const noexcept { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

struct MacCtxFree {
    void operator()(EVP_MAC_CTX* c) const noexcept { EVP_MAC_CTX_free(c); }
};
using MacCtx = std::unique_ptr<EVP_MAC_CTX, MacCtxFree>;

// One prepared context per way the key is used; the direction matters where AES decryption
// needs the inverse key schedule.
enum class Use {
    EcbEncrypt,
    EcbDecrypt,
    CbcEncrypt,
    CbcDecrypt,
    Ctr,
    Gcm,
    WrapEncrypt,
    WrapDecrypt,
    WrapPadEncrypt,
    WrapPadDecrypt,
    Count
};

class AesKey final : public KeyMaterial {
  public:
    explicit AesKey(ByteView value);
    ~AesKey() override;
    AesKey(const AesKey&) = delete;
    AesKey& operator=(const AesKey&) = delete;

    std::size_t size() const noexcept { return key_.size(); }

    // A context keyed for `use`, ready for EVP_CipherInit_ex2 with only an IV. ECB and CBC
    // contexts come with padding off.
    CipherCtx context(Use use) const;
    // A CMAC context keyed with this key, ready for EVP_MAC_update.
    MacCtx cmac() const;

    // Records one GCM encryption with this key. SP 800-38D section 8.3 allows 2^32 per key
    // when IVs are random or not 96 bits; the module cannot tell how a caller's IV was made,
    // so every encryption counts. Refuses (CKR_KEY_FUNCTION_NOT_PERMITTED) past the limit and
    // logs a warning when 90% of it is used.
    void count_gcm_encryption(CK_OBJECT_HANDLE handle) const;
    std::uint64_t gcm_limit() const noexcept { return gcm_limit_; }

  private:
    const EVP_CIPHER_CTX* prepared(Use use) const;

    SecureBytes key_;
    mutable std::array<std::once_flag, static_cast<std::size_t>(Use::Count)> once_;
    mutable std::array<EVP_CIPHER_CTX*, static_cast<std::size_t>(Use::Count)> prepared_{};
    mutable std::once_flag cmac_once_;
    mutable EVP_MAC_CTX* cmac_ = nullptr;
    mutable std::atomic<std::uint64_t> gcm_count_{0};
    std::uint64_t gcm_limit_;
};

// The parsed form of an AES key object (built on first use).
std::shared_ptr<const AesKey> aes_key_of(const Object& key);

// Fills `iv` into a context from AesKey::context (enc: 1 encrypt, 0 decrypt).
void set_iv(EVP_CIPHER_CTX* ctx, const std::uint8_t* iv, int enc);

// Wipes a buffer the caller will not see a result in (a rejected decryption).
void wipe(void* p, std::size_t n) noexcept;

// The AES key check value (PKCS#11 3.0: first 3 bytes of the ECB encryption of a zero block).
// Computed with a one-off context: an imported key that is never used keeps no parsed form.
Bytes check_value(ByteView key_value);

// Runs EVP_CipherUpdate over any length (EVP takes int lengths); returns the bytes written.
std::size_t cipher_update(EVP_CIPHER_CTX* ctx, std::uint8_t* out, ByteView in);

}  // namespace craton::mech::aes
