#include "core/pin_record.h"

#include <cstring>

#include <openssl/evp.h>

#include "core/error.h"
#include "rng/random.h"

namespace craton {

void pbkdf2_sha256(ByteView password, ByteView salt, std::uint32_t iterations,
                   std::span<std::uint8_t> out) {
    static const std::uint8_t kEmpty = 0;
    const char* pass = password.empty() ? reinterpret_cast<const char*>(&kEmpty)
                                        : reinterpret_cast<const char*>(password.data());
    if (PKCS5_PBKDF2_HMAC(pass, static_cast<int>(password.size()), salt.data(),
                          static_cast<int>(salt.size()), static_cast<int>(iterations),
                          EVP_sha256(), static_cast<int>(out.size()), out.data()) != 1) {
        fail(CKR_FUNCTION_FAILED, "PBKDF2 failed");
    }
}

namespace {
// HMAC-SHA-256(key, label) into out (32 bytes).
void label_mac(ByteView key, const char* label, std::uint8_t* out) {
    std::size_t out_len = 0;
    if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA2-256", nullptr, key.data(), key.size(),
                  reinterpret_cast<const unsigned char*>(label), std::strlen(label), out, 32,
                  &out_len) == nullptr ||
        out_len != 32) {
        fail(CKR_FUNCTION_FAILED, "HMAC failed");
    }
}

void derive(ByteView pin, ByteView salt, std::uint32_t iterations, std::uint8_t* verifier,
            SecureBytes* kek) {
    SecureBytes p(32);
    pbkdf2_sha256(pin, salt, iterations, p);
    label_mac(p, "craton-hsm pin verifier v1", verifier);
    if (kek != nullptr) {
        kek->assign(32, 0);
        label_mac(p, "craton-hsm pin kek v1", kek->data());
    }
}
}  // namespace

PinRecord PinRecord::create(ByteView pin, std::uint32_t iterations, SecureBytes* kek_out) {
    PinRecord r;
    r.iterations_ = iterations;
    rng::random_bytes(r.salt_);
    derive(pin, r.salt_, iterations, r.hash_.data(), kek_out);
    return r;
}

bool PinRecord::verify(ByteView pin, SecureBytes* kek_out) const {
    std::array<std::uint8_t, kHashBytes> candidate{};
    SecureBytes kek;
    derive(pin, salt_, iterations_, candidate.data(), kek_out != nullptr ? &kek : nullptr);
    const bool ok = constant_time_equal(candidate, hash_);
    secure_wipe(candidate.data(), candidate.size());
    // The verdict is public (the login result says it); only with a KEK to hand over does
    // the code branch on it, so the constant-time test can check the rest (tests/ct/core).
    if (kek_out != nullptr && ok) *kek_out = std::move(kek);
    return ok;
}

PinRecord PinRecord::from_parts(const std::array<std::uint8_t, kSaltBytes>& salt,
                                const std::array<std::uint8_t, kHashBytes>& hash,
                                std::uint32_t iterations) {
    PinRecord r;
    r.salt_ = salt;
    r.hash_ = hash;
    r.iterations_ = iterations;
    return r;
}

}  // namespace craton
