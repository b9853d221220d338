// Polynomials of R_q = Z_q[X]/(X^256 + 1) and the modular arithmetic ML-KEM computes with.
//
// Coefficients are int16 in a signed, lazily reduced representation: Montgomery multiplication
// (R = 2^16) for products and Barrett reduction to bring sums back to |x| <= q/2. Each function
// states the input bound it relies on; to_canonical() gives the unique value in [0, q) wherever
// an encoding needs it. Nothing here branches on or indexes by coefficient values, so the same
// code serves secret and public polynomials.
#pragma once

#include <array>
#include <cstdint>

#include "pqc/mlkem/params.h"

namespace craton::pqc::mlkem {

using Poly = std::array<std::int16_t, kN>;
using PolyVec = std::array<Poly, kMaxK>;  // only the first k entries are used

inline constexpr std::int16_t kQInvMod2_16 = -3327;  // q^-1 mod 2^16, as a signed value
static_assert(static_cast<std::int16_t>(3329 * -3327) == 1);

// a * 2^-16 mod q, for |a| < q * 2^15; the result has |r| < q.
constexpr std::int16_t montgomery_reduce(std::int32_t a) noexcept {
    const auto t = static_cast<std::int16_t>(static_cast<std::int16_t>(a) * kQInvMod2_16);
    return static_cast<std::int16_t>((a - static_cast<std::int32_t>(t) * kQ) >> 16);
}

// a mod q in [-(q-1)/2, (q-1)/2] for any int16 a.
constexpr std::int16_t barrett_reduce(std::int16_t a) noexcept {
    constexpr std::int32_t v = ((1 << 26) + kQ / 2) / kQ;
    const std::int32_t t = (v * a + (1 << 25)) >> 26;
    return static_cast<std::int16_t>(a - t * kQ);
}

// a * b * 2^-16 mod q, for |a * b| < q * 2^15.
constexpr std::int16_t fqmul(std::int16_t a, std::int16_t b) noexcept {
    return montgomery_reduce(static_cast<std::int32_t>(a) * b);
}

// From (-q, q) to [0, q) without a branch.
constexpr std::int16_t to_canonical(std::int16_t a) noexcept {
    return static_cast<std::int16_t>(a + ((a >> 15) & kQ));
}

// Forward NTT (FIPS 203 Algorithm 9) in place: input |coefficients| < q, output reduced to
// |x| <= q/2, in the bit-reversed order FIPS 203 defines.
void poly_ntt(Poly& f) noexcept;

// Inverse NTT (Algorithm 10) in place, also multiplying by 2^16: it undoes the 2^-16 that
// poly_basemul_acc leaves. Input |coefficients| <= q/2 (reduce first); output |x| < q.
void poly_invntt_tomont(Poly& f) noexcept;

// r = sum_{j<k} a[j] o b[j] * 2^-16 (MultiplyNTTs, Algorithm 11, accumulated over a row):
// a has coefficients in [0, q) or |x| <= q/2, b has |x| <= q/2; output |x| < q.
void poly_basemul_acc(Poly& r, const Poly* a, const Poly* b, int k) noexcept;

void poly_add(Poly& r, const Poly& a) noexcept;                 // r += a, no reduction
void poly_sub(Poly& r, const Poly& a, const Poly& b) noexcept;  // r = a - b, no reduction
void poly_reduce(Poly& r) noexcept;                             // Barrett on every coefficient
void poly_tomont(Poly& r) noexcept;                             // r *= 2^16 mod q, |out| < q

}  // namespace craton::pqc::mlkem
