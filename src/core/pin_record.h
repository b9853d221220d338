// A PIN as the token keeps it: a PBKDF2-HMAC-SHA-256 verifier with a 32-byte random salt.
//
// The PIN itself is never stored. One PBKDF2 run yields a secret P; the stored verifier is
// HMAC(P, "verifier") and the key that wraps the token master key is HMAC(P, "kek"), so a login
// pays for PBKDF2 once and the verifier reveals nothing about the wrapping key. Verification
// compares in constant time. The iteration count travels with the record so raising the
// configured count later does not lock anyone out (it applies at the next PIN change).
#pragma once

#include <array>
#include <cstdint>

#include "core/secure_bytes.h"

namespace craton {

class PinRecord {
public:
    static constexpr std::size_t kSaltBytes = 32;
    static constexpr std::size_t kHashBytes = 32;

    // A new record for `pin`; `kek_out` (if given) receives the PIN's key-encryption key.
    static PinRecord create(ByteView pin, std::uint32_t iterations, SecureBytes* kek_out = nullptr);
    bool matches(ByteView pin) const { return verify(pin, nullptr); }
    // Constant-time check; on success `kek_out` (if given) receives the key-encryption key.
    bool verify(ByteView pin, SecureBytes* kek_out) const;
    std::uint32_t iterations() const noexcept { return iterations_; }
    const std::array<std::uint8_t, kSaltBytes>& salt() const noexcept { return salt_; }
    const std::array<std::uint8_t, kHashBytes>& verifier() const noexcept { return hash_; }
    static PinRecord from_parts(const std::array<std::uint8_t, kSaltBytes>& salt,
                                const std::array<std::uint8_t, kHashBytes>& hash,
                                std::uint32_t iterations);

private:
    std::array<std::uint8_t, kSaltBytes> salt_{};
    std::array<std::uint8_t, kHashBytes> hash_{};
    std::uint32_t iterations_ = 0;
};

// PBKDF2-HMAC-SHA-256 through OpenSSL; throws CKR_FUNCTION_FAILED on library failure.
void pbkdf2_sha256(ByteView password, ByteView salt, std::uint32_t iterations,
                   std::span<std::uint8_t> out);

}  // namespace craton
