// Rounding of Z_q elements (FIPS 204 Algorithms 35-40): Power2Round, Decompose and the
// HighBits/LowBits/MakeHint/UseHint functions built on it.
//
// Inputs are canonical representatives in [0, q). Decompose divides by 2*gamma2 with a
// multiply-and-shift instead of a division instruction, so the secret-dependent uses in key
// generation and signing stay constant time; it is a template over gamma2 so each parameter
// family gets its own constant.
#pragma once

#include <cstdint>

#include "pqc/mldsa/field.h"

namespace craton::pqc::mldsa {

inline constexpr std::int32_t kGamma2Small = (kQ - 1) / 88;  // ML-DSA-44
inline constexpr std::int32_t kGamma2Large = (kQ - 1) / 32;  // ML-DSA-65, ML-DSA-87

// r = r1 * 2^d + r0 with r0 in (-2^(d-1), 2^(d-1)]; returns r1.
constexpr std::int32_t power2round(std::int32_t r, std::int32_t& r0) {
    const std::int32_t r1 = (r + (1 << (kD - 1)) - 1) >> kD;
    r0 = r - (r1 << kD);
    return r1;
}

// r = r1 * 2*gamma2 + r0 with r0 in (-gamma2, gamma2], except that the top bucket
// (r - r0 == q - 1) folds to r1 = 0, r0 - 1. Returns r1 in [0, (q-1)/(2*gamma2)).
template <std::int32_t Gamma2>
constexpr std::int32_t decompose(std::int32_t r, std::int32_t& r0) {
    constexpr std::int64_t kAlpha = 2 * Gamma2;
    constexpr std::int32_t kBuckets = static_cast<std::int32_t>((kQ - 1) / kAlpha);
    // floor(x / alpha) for x < 2^24 as (x * ceil(2^48 / alpha)) >> 48: the estimate's error is
    // below x / 2^48 < 1 / alpha, too small to cross an integer (checked exhaustively in tests).
    constexpr std::int64_t kMagic = ((std::int64_t{1} << 48) + kAlpha - 1) / kAlpha;
    // r1 = ceil((r - gamma2) / alpha) = floor((r + gamma2 - 1) / alpha)
    const std::int64_t x = static_cast<std::int64_t>(r) + Gamma2 - 1;
    std::int32_t r1 = static_cast<std::int32_t>((x * kMagic) >> 48);
    r0 = r - static_cast<std::int32_t>(r1 * kAlpha);
    const std::int32_t top = -static_cast<std::int32_t>(
        static_cast<std::uint32_t>((r1 ^ kBuckets) - 1) >> 31);  // all-ones iff r1 == kBuckets
    r1 &= ~top;
    r0 -= top & 1;
    return r1;
}

template <std::int32_t Gamma2>
constexpr std::int32_t high_bits(std::int32_t r) {
    std::int32_t r0 = 0;
    return decompose<Gamma2>(r, r0);
}

// FIPS 204 UseHint. Only verification calls it, on public data, so it may branch.
template <std::int32_t Gamma2>
constexpr std::int32_t use_hint(bool hint, std::int32_t r) {
    constexpr std::int32_t kBuckets = (kQ - 1) / (2 * Gamma2);
    std::int32_t r0 = 0;
    const std::int32_t r1 = decompose<Gamma2>(r, r0);
    if (!hint) return r1;
    if (r0 > 0) return r1 + 1 == kBuckets ? 0 : r1 + 1;
    return r1 == 0 ? kBuckets - 1 : r1 - 1;
}

}  // namespace craton::pqc::mldsa
