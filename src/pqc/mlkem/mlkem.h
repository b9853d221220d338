// ML-KEM (FIPS 203) key encapsulation for the three standard parameter sets.
//
// These are the deterministic "internal" algorithms of FIPS 203: the caller (the module's DRBG
// layer) supplies the key-generation seeds d and z and the encapsulation randomness m, so the
// same inputs always give the same outputs and the NIST vectors apply directly. The input
// checks that FIPS 203 §7.2/§7.3 require before Encaps/Decaps are separate functions so that a
// key can be checked once at import instead of on every use; mlkem_encaps and mlkem_decaps
// assume keys that passed them (or came from mlkem_keygen). Decapsulation uses implicit
// rejection: an invalid ciphertext yields a pseudorandom secret, never an error, and the choice
// is made in constant time.
//
// Keys: the encapsulation key ek is ByteEncode12(t) || rho; the expanded decapsulation key dk
// is ByteEncode12(s) || ek || H(ek) || z. A decapsulation key may also be stored as its 64-byte
// seed d || z and expanded with mlkem_keygen_from_seed.
//
// Every function throws std::invalid_argument when a buffer has the wrong length for the
// parameter set (the check functions instead return false for a wrong-length key, since a
// length mismatch is one of the failures they exist to report).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace craton::pqc {

enum class MlKemParameterSet { MlKem512, MlKem768, MlKem1024 };

struct MlKemSizes {
    std::size_t encaps_key;
    std::size_t decaps_key;
    std::size_t ciphertext;
    static constexpr std::size_t shared_secret = 32;
    static constexpr std::size_t seed = 64;  // d || z
};

constexpr MlKemSizes mlkem_sizes(MlKemParameterSet ps) {
    switch (ps) {
        case MlKemParameterSet::MlKem512:
            return {800, 1632, 768};
        case MlKemParameterSet::MlKem768:
            return {1184, 2400, 1088};
        case MlKemParameterSet::MlKem1024:
            return {1568, 3168, 1568};
    }
    return {0, 0, 0};
}

// ML-KEM.KeyGen_internal(d, z): d and z are 32 bytes each.
void mlkem_keygen(MlKemParameterSet ps, std::span<const std::uint8_t> d,
                  std::span<const std::uint8_t> z, std::span<std::uint8_t> ek_out,
                  std::span<std::uint8_t> dk_out);

// The same from the 64-byte seed form d || z.
void mlkem_keygen_from_seed(MlKemParameterSet ps, std::span<const std::uint8_t> seed,
                            std::span<std::uint8_t> ek_out, std::span<std::uint8_t> dk_out);

// ML-KEM.Encaps_internal(ek, m): m is 32 bytes; writes the ciphertext and the 32-byte secret.
void mlkem_encaps(MlKemParameterSet ps, std::span<const std::uint8_t> ek,
                  std::span<const std::uint8_t> m, std::span<std::uint8_t> ct_out,
                  std::span<std::uint8_t> ss_out);

// ML-KEM.Decaps_internal(dk, c) with implicit rejection; writes the 32-byte secret.
void mlkem_decaps(MlKemParameterSet ps, std::span<const std::uint8_t> dk,
                  std::span<const std::uint8_t> ct, std::span<std::uint8_t> ss_out);

// FIPS 203 §7.2 encapsulation-key check: the length, and the modulus check
// ByteEncode12(ByteDecode12(ek)) == ek (every coefficient of t is below q).
[[nodiscard]] bool mlkem_check_encaps_key(MlKemParameterSet ps,
                                          std::span<const std::uint8_t> ek) noexcept;

// FIPS 203 §7.3 decapsulation-key check: the length, and the hash check that the H(ek)
// stored in dk matches the ek stored in dk.
[[nodiscard]] bool mlkem_check_decaps_key(MlKemParameterSet ps,
                                          std::span<const std::uint8_t> dk) noexcept;

// Copies the encapsulation key embedded in an expanded decapsulation key.
void mlkem_encaps_key_from_decaps_key(MlKemParameterSet ps, std::span<const std::uint8_t> dk,
                                      std::span<std::uint8_t> ek_out);

}  // namespace craton::pqc
