// Arithmetic in Z_q, q = 8380417, for the ML-DSA polynomial ring.
//
// Coefficients live in int32. Products are reduced with Montgomery reduction (R = 2^32), so
// NTT-domain multiplication never divides; reduce32/caddq bring values back to a canonical
// range before rounding or packing. None of these functions branch on their inputs.
#pragma once

#include <array>
#include <cstdint>

#include "pqc/mldsa/params.h"

namespace craton::pqc::mldsa {

using Poly = std::array<std::int32_t, kN>;

inline constexpr std::int32_t kQInv = 58728449;  // q^-1 mod 2^32

// a * 2^-32 mod q for |a| < 2^31 * q. The result r satisfies |r| <= |a| / 2^32 + q / 2.
constexpr std::int32_t montgomery_reduce(std::int64_t a) {
    const auto t = static_cast<std::int32_t>(static_cast<std::uint32_t>(a) *
                                             static_cast<std::uint32_t>(kQInv));
    return static_cast<std::int32_t>((a - static_cast<std::int64_t>(t) * kQ) >> 32);
}

// A representative of a mod q in (-q, q) for a <= 2^31 - 2^22 - 1: subtracts q times a
// rounded estimate of a / 2^23 (q is just below 2^23).
constexpr std::int32_t reduce32(std::int32_t a) {
    const std::int32_t t = (a + (1 << 22)) >> 23;
    return a - t * kQ;
}

// Maps (-q, q) to [0, q).
constexpr std::int32_t caddq(std::int32_t a) {
    return a + ((a >> 31) & kQ);
}

// Maps [0, 2q) to [0, q).
constexpr std::int32_t csubq(std::int32_t a) {
    a -= kQ;
    return a + ((a >> 31) & kQ);
}

// All-ones when a != 0 (a in int32), else zero.
constexpr std::uint32_t nonzero_mask(std::uint32_t a) {
    return static_cast<std::uint32_t>(-static_cast<std::int32_t>((a | (0u - a)) >> 31));
}

}  // namespace craton::pqc::mldsa
