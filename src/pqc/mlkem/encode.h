// Byte encodings and compression for ML-KEM (FIPS 203 §4.2.1, Algorithms 5 and 6).
//
// ByteEncode_d packs 256 d-bit values little-endian, bit 0 first. Compress_d/Decompress_d map
// between Z_q and d-bit values; compression divides by q with a multiply-and-shift so no
// division instruction ever sees a secret.
#pragma once

#include <cstdint>

#include "pqc/mlkem/poly.h"

namespace craton::pqc::mlkem {

// ByteEncode12 of a polynomial whose coefficients are in (-q, q) (mapped to [0, q) first).
void poly_encode12(std::uint8_t out[kPolyBytes], const Poly& f) noexcept;
// ByteDecode12 with the FIPS 203 reduction mod q (values 3329..4095 wrap), constant time.
void poly_decode12(Poly& f, const std::uint8_t in[kPolyBytes]) noexcept;

// ByteEncode_d(Compress_d(f)) for d in {4, 5, 10, 11}; coefficients of f in (-q, q).
void poly_compress_encode(std::uint8_t* out, const Poly& f, int d) noexcept;
// Decompress_d(ByteDecode_d(in)) for d in {4, 5, 10, 11}; output in [0, q).
void poly_decode_decompress(Poly& f, const std::uint8_t* in, int d) noexcept;

// Decompress_1(ByteDecode_1(m)) and ByteEncode_1(Compress_1(f)) for the 32-byte message.
void poly_from_message(Poly& f, const std::uint8_t msg[32]) noexcept;
void poly_to_message(std::uint8_t msg[32], const Poly& f) noexcept;

// Compress_d(x) for x in [0, q), exposed for the unit test that checks it against division.
constexpr std::uint32_t compress(std::uint32_t x, int d) noexcept {
    // round(x * 2^d / q) = floor((x * 2^d + (q - 1) / 2) / q) since q is odd; the numerator is
    // below 2^23, where floor(n / q) == (n * 10321340) >> 35 (10321340 = ceil(2^35 / q); the
    // error n * 0.75 / 2^35 stays below 1/q). The unit test checks every x and d.
    const std::uint64_t n = (static_cast<std::uint64_t>(x) << d) + (kQ - 1) / 2;
    const auto quotient = static_cast<std::uint32_t>((n * 10321340u) >> 35);
    return quotient & ((1u << d) - 1);
}

constexpr std::uint32_t decompress(std::uint32_t y, int d) noexcept {
    return (y * static_cast<std::uint32_t>(kQ) + (1u << (d - 1))) >> d;
}

}  // namespace craton::pqc::mlkem
