// X-Wing: the hybrid KEM of X25519 and ML-KEM-768 (draft-connolly-cfrg-xwing-kem).
//
// The decapsulation key is a 32-byte seed, expanded with SHAKE256 into the ML-KEM-768 seeds
// (d, z) and the X25519 private key; the encapsulation key is pk_M || pk_X (1216 bytes) and the
// ciphertext ct_M || ct_X (1120 bytes). The shared secret is
// SHA3-256(ss_M || ss_X || ct_X || pk_X || "\./" "/^\"), so it is secure while either X25519 or
// ML-KEM-768 is. As everywhere in src/pqc, randomness is an explicit argument: the 32-byte key
// seed and the 64-byte encapsulation seed (m for ML-KEM || the X25519 ephemeral key).
//
// X25519 comes from OpenSSL. OpenSSL refuses an all-zero X25519 result (a low-order peer
// point); where the draft would go on and hash the zero value, these functions return false
// instead. That only happens for keys or ciphertexts no honest party produces, and the
// condition depends on public data only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace craton::pqc {

struct XWingSizes {
    static constexpr std::size_t decaps_key = 32;
    static constexpr std::size_t encaps_key = 1216;
    static constexpr std::size_t ciphertext = 1120;
    static constexpr std::size_t shared_secret = 32;
    static constexpr std::size_t encaps_seed = 64;
};

// GenerateKeyPairDerand(sk): writes the encapsulation key for the 32-byte decapsulation key.
// Returns false only if OpenSSL fails.
[[nodiscard]] bool xwing_keygen(std::span<const std::uint8_t> sk, std::span<std::uint8_t> pk_out);

// EncapsulateDerand(pk, eseed). Returns false (outputs zeroed) when the ML-KEM part of pk fails
// the FIPS 203 §7.2 check or the X25519 part is a low-order point.
[[nodiscard]] bool xwing_encaps(std::span<const std::uint8_t> pk,
                                std::span<const std::uint8_t> eseed, std::span<std::uint8_t> ct_out,
                                std::span<std::uint8_t> ss_out);

// Decapsulate(ct, sk). An invalid ML-KEM ciphertext gives a pseudorandom secret (implicit
// rejection); false (output zeroed) only for a low-order X25519 ciphertext.
[[nodiscard]] bool xwing_decaps(std::span<const std::uint8_t> sk, std::span<const std::uint8_t> ct,
                                std::span<std::uint8_t> ss_out);

// Wrong buffer lengths throw std::invalid_argument.

}  // namespace craton::pqc
