// Byte encodings of ML-DSA keys, signatures and the commitment (FIPS 204 section 7.1-7.2).
//
// Coefficients are packed little-endian bit first, as FIPS 204's IntegerToBits/BitsToBytes
// define. The packers are branch-free over coefficient values, so the secret-key encoders
// are constant time. The decoders report malformed input (out-of-range secret coefficients,
// non-canonical hints) through their return value instead of throwing.
#pragma once

#include <cstddef>
#include <cstdint>

#include "pqc/mldsa/field.h"

namespace craton::pqc::mldsa {

// SimpleBitPack / SimpleBitUnpack: coefficients in [0, 2^bits), 32*bits bytes.
void pack_bits(std::uint8_t* out, const Poly& a, int bits) noexcept;
void unpack_bits(Poly& a, const std::uint8_t* in, int bits) noexcept;
// BitPack(a, *, b) / BitUnpack(*, *, b): stores b - a[i] in `bits` bits.
void pack_offset(std::uint8_t* out, const Poly& a, int bits, std::int32_t b) noexcept;
void unpack_offset(Poly& a, const std::uint8_t* in, int bits, std::int32_t b) noexcept;

// pkEncode / pkDecode: rho || t1 (10-bit coefficients).
void pk_encode(std::uint8_t* out, const std::uint8_t rho[kRhoBytes], const Poly* t1,
               const MlDsaParams& p) noexcept;
void pk_decode(const std::uint8_t* in, std::uint8_t rho[kRhoBytes], Poly* t1,
               const MlDsaParams& p) noexcept;

// skEncode / skDecode: rho || K || tr || s1 || s2 || t0.
void sk_encode(std::uint8_t* out, const std::uint8_t rho[kRhoBytes],
               const std::uint8_t key[kKeyBytes], const std::uint8_t tr[kTrBytes], const Poly* s1,
               const Poly* s2, const Poly* t0, const MlDsaParams& p) noexcept;
// Returns false if an s1 or s2 coefficient lies outside [-eta, eta] (the packed field can hold
// values FIPS 204 never produces). Only that verdict is declassified.
bool sk_decode(const std::uint8_t* in, std::uint8_t rho[kRhoBytes], std::uint8_t key[kKeyBytes],
               std::uint8_t tr[kTrBytes], Poly* s1, Poly* s2, Poly* t0,
               const MlDsaParams& p) noexcept;

// sigEncode: c~ || z || HintBitPack(h). hints[i*256 + j] is 0 or 1; at most omega ones.
void sig_encode(std::uint8_t* out, const std::uint8_t* ctilde, const Poly* z,
                const std::uint8_t* hints, const MlDsaParams& p) noexcept;
// sigDecode: false when the hint encoding is malformed (indices not strictly increasing
// within a polynomial, counts decreasing or above omega, non-zero padding). z is not range
// checked here. Reads exactly mldsa_sizes(ps).signature bytes.
bool sig_decode(const std::uint8_t* in, std::uint8_t* ctilde, Poly* z, std::uint8_t* hints,
                const MlDsaParams& p) noexcept;

// w1Encode: the k high-bits polynomials, w1_bits(p) bits per coefficient.
std::size_t w1_encoded_bytes(const MlDsaParams& p) noexcept;
void w1_encode(std::uint8_t* out, const Poly* w1, const MlDsaParams& p) noexcept;

}  // namespace craton::pqc::mldsa
