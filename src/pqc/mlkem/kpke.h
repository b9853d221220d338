// K-PKE (FIPS 203 §5), the CPA-secure public-key encryption scheme ML-KEM is built from.
// Deterministic: key generation takes the seed d, encryption takes its randomness r.
#pragma once

#include <cstdint>

#include "pqc/mlkem/params.h"

namespace craton::pqc::mlkem {

// Algorithm 13: writes ek (ek_bytes()) and dk_pke (poly_vec_bytes()).
void kpke_keygen(const Params& p, const std::uint8_t d[32], std::uint8_t* ek,
                 std::uint8_t* dk_pke) noexcept;

// Algorithm 14: writes the ciphertext (ct_bytes()). ek must have passed the modulus check
// for the result to be the FIPS 203 one (decoding reduces out-of-range values mod q).
void kpke_encrypt(const Params& p, const std::uint8_t* ek, const std::uint8_t m[32],
                  const std::uint8_t r[32], std::uint8_t* ct) noexcept;

// Algorithm 15.
void kpke_decrypt(const Params& p, const std::uint8_t* dk_pke, const std::uint8_t* ct,
                  std::uint8_t m[32]) noexcept;

}  // namespace craton::pqc::mlkem
